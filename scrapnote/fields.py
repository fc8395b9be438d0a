"""The form's sections as the rest of the program knows them: the one map from a section's key to
its key in the JSON form, its index column and its search group, and the labels of the rows an
export writes (and the readers of exports read back).

A form (``template.py``; the default is ``templates/economy.yaml``) names its sections by key and
gives their labels. Eight keys mean something to the tool itself — the default form's:

============  ====================================  ======================  ==========  ==========
key           what the tool does with it            JSON form               column      group
============  ====================================  ======================  ==========  ==========
headline      drafted from the title                text or null            headline    headline
url           the article's link (front matter)     text or null            —           —
body          the article's text                    text                    body        body
insights      the 수치화 draft                       text                    insights    other
research      the 추가조사 prompts                   text                    research    other
summary       the 요약 draft                         text                    summary     summary
questions     ``scrapnote questions`` reads it      text                    questions   other
related       the 연관기사 links                      ``[{id, headline, url}]`` related  related
============  ====================================  ======================  ==========  ==========

Any other key of a user's own form (``<home>/templates/NAME.yaml``) is one of the reader's
sections: text in the JSON form under its own key (after the default form's keys), indexed in the
``other`` column and searched in the ``other`` group, like a heading no form knows.

Every other module takes the section keys from here (``fields.BODY``, …), never as literals
(tests/test_architecture.py checks it). Standard library only.
"""
from __future__ import annotations

# -- the section keys the tool knows ---------------------------------------------------------------
HEADLINE = "headline"
URL = "url"  # a front-matter field in the default form (store: meta)
BODY = "body"
INSIGHTS = "insights"
RESEARCH = "research"
SUMMARY = "summary"
QUESTIONS = "questions"
RELATED = "related"

# The body sections the tool knows, in the default form's order.
SECTION_KEYS = (HEADLINE, BODY, INSIGHTS, RESEARCH, SUMMARY, QUESTIONS, RELATED)
# The article's own words: shown as written, never read as Markdown.
ARTICLE_WORDS = frozenset((HEADLINE, BODY))
# What extraction may carry over from a filled form besides the body (``Article.sections``).
READER_KEYS = (HEADLINE, INSIGHTS, RESEARCH, SUMMARY, QUESTIONS, RELATED)

# -- the JSON form (DESIGN.md) ---------------------------------------------------------------------
# The headline comes right after the title; these after "template", in this order; then the
# sections of a user's form that the tool does not know, in the form's order.
JSON_SECTIONS = (BODY, INSIGHTS, RESEARCH, SUMMARY, QUESTIONS, RELATED)
# The front-matter fields and computed values of the JSON form: no section of a form may have
# one of these keys (template.py refuses it), or the JSON form could not hold both.
JSON_META = ("id", "title", URL, "source", "reporter", "published", "scrapped", "industry", "companies",
             "tags", "template", "numbers", "keywords", "extra", "other_sections", "path")
# The keys of one 연관기사 link in the JSON form.
LINK_KEYS = ("id", HEADLINE, URL)


def own_keys(form) -> tuple[str, ...]:
    """The keys of ``form``'s body sections that the tool does not know (a user's own sections),
    in the form's order."""
    return tuple(s.key for s in form.body_sections if s.key not in SECTION_KEYS) if form is not None else ()


def carried_keys(form=None) -> tuple[str, ...]:
    """The sections extraction carries over from a filled form (``Article.sections``): the
    reader's sections the tool knows and ``form``'s own."""
    return (*READER_KEYS, *own_keys(form))


def link(nid: int | None, headline: str | None, url: str | None) -> dict:
    """One 연관기사 entry of the JSON form: ``{id, headline, url}``."""
    return {"id": nid, HEADLINE: headline, URL: url}


def link_parts(entry: dict) -> list[str]:
    """A link's headline and address, those it has, in that order."""
    return [p for p in (entry.get(HEADLINE), entry.get(URL)) if p]


def is_links(key: str | None) -> bool:
    """Whether the JSON form holds this section as a list of links (parsed from its lines)."""
    return key == RELATED


def json_empty(key: str):
    """What the JSON form holds for an empty section of this key: null for the headline (it goes
    with the title, which may have none), else the empty text."""
    return None if key == HEADLINE else ""


# -- the index and the search ----------------------------------------------------------------------
OTHER = "other"  # the column of every section of any other key, headings no form knows, the preamble
LIST_COLUMNS = ("tags", "industry", "companies", "keywords")  # front-matter lists, searched like text
# The searchable fields, in the order of the index's FTS columns (index/schema.py's steps made
# them; tests/test_index_front.py checks that the index has exactly these).
COLUMNS = ("title", HEADLINE, SUMMARY, *LIST_COLUMNS, BODY, INSIGHTS, RESEARCH, QUESTIONS, RELATED, OTHER)
# The sections with a column of their own.
SECTION_COLUMNS = (HEADLINE, SUMMARY, BODY, INSIGHTS, RESEARCH, QUESTIONS, RELATED)
# Search field groups in rank order: (name, columns, weight). A hit reports the column itself.
GROUPS = (
    ("title", ("title",), 10.0),
    (HEADLINE, (HEADLINE,), 8.0),
    ("tags", LIST_COLUMNS, 6.0),
    (SUMMARY, (SUMMARY,), 4.0),
    (BODY, (BODY,), 2.0),
    (OTHER, (INSIGHTS, RESEARCH, QUESTIONS, OTHER), 1.0),
    (RELATED, (RELATED,), 0.5),
)
# What a search without --field looks in: not the 연관기사 (other notes' titles, written by the
# tool): a note is found for what it says, not for what it links to.
DEFAULT_SEARCH = tuple(c for c in COLUMNS if c != RELATED)
# Where a search's snippet is taken from first.
SNIPPET_FIRST = BODY


# Names ``search --field`` takes besides the columns: the 용어 노트 lives in the 추가조사 section.
FIELD_ALIASES = {"terms": RESEARCH}


def column(key: str | None) -> str:
    """The index column a section of this key is indexed in."""
    return key if key in SECTION_COLUMNS else OTHER


# -- the rows of an export ---------------------------------------------------------------------------
# The metadata rows an export writes under the title (``- 출처: 한국경제``; TSV: 출처, 기자, 날짜 after
# 기사링크), and that ``scrapnote new`` reads back from an export: (front-matter field, label).
META_LABELS = (("source", "출처"), ("reporter", "기자"), ("published", "날짜"), ("industry", "산업"),
               ("companies", "기업"), ("tags", "태그"), ("scrapped", "스크랩"))
# The rows the TSV export adds after the link (the form has none for them).
TSV_META = ("source", "reporter", "published")
URL_LABEL = "기사링크"  # the link row's label when the form has no url section
TITLE_LABEL = "제목"  # the TSV export's title row, for a form without a headline section


def meta_label(name: str) -> str:
    return dict(META_LABELS)[name]
