"""The study aids a new note starts with: 수치화, keywords, 요약 draft, 연관기사, companies, industry.

One ``Drafter`` per ``new`` run: it loads the Korean model once and reads the collection's
keyword statistics from the index once, then drafts every article of a batch.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from scrapnote import fields
from scrapnote.analyze.related import Profile
from scrapnote.models import Article
from scrapnote.note import DRAFT_MARKER, Note, format_related


# What drafting reads of an article: its first DRAFT_CHARS characters (a long article is ~10,000; the
# gist of news comes first). Every draft — figures, keywords, summary — costs time by the character
# (the Korean model by the token, the figures' scan by the match), so a 300 KB or 7.7 MB body would
# otherwise run for minutes; the note keeps the whole body, only the drafts look at less.
DRAFT_CHARS = 20_000
MAX_TITLE_CHARS = 500
_SENTENCE_END = re.compile(r"[.!?。][\"'”’)\]]*\s")


def bounded(text: str, limit: int | None = None) -> str:
    """``text`` cut to at most ``limit`` (:data:`DRAFT_CHARS`) characters, at a paragraph or sentence end
    when one is in the second half."""
    limit = DRAFT_CHARS if limit is None else limit
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = head.rfind("\n")
    if cut < limit // 2:
        ends = [m.end() for m in _SENTENCE_END.finditer(head, limit // 2)]
        cut = ends[-1] if ends else limit
    return head[:cut].rstrip()


@dataclass
class Aids:
    sections: dict[str, str] = field(default_factory=dict)
    keywords: list[str] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)
    industry: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


class Drafter:
    def __init__(self, index=None):
        """``index``: an open, fresh ``NoteIndex`` to read the collection from (else one is opened)."""
        import contextlib

        from scrapnote.analyze.related import doc_frequencies
        from scrapnote.index import NoteIndex

        # only the columns drafting needs, decoded once (at 50,000 notes the full rows cost seconds);
        # broken files are warned about by the commands that list them
        with (contextlib.nullcontext(index) if index is not None else NoteIndex.open_fresh()) as ix:
            self.rows = ix.rows(order=None, columns=("id", "title", fields.HEADLINE, "url", "keywords", "companies",
                                                     "industry", "date", "path"))
        self.doc_freq = doc_frequencies(self.rows)
        self._indexed = len(self.rows)  # the notes the index holds; the keywords' document counts come from it
        self._batch_terms: list[set[str]] = []  # the terms of each note this batch wrote
        self._last_terms: set[str] = set()
        self._profiles: dict[int, Profile] | None = None  # the related notes' view of the rows, made when first needed
        self._holding: dict[str, set[int]] = {}  # term key → ids of the notes having it

    def _related_index(self) -> tuple[dict[int, Profile], dict[str, set[int]]]:
        if self._profiles is None:
            self._profiles = {}
            for r in self.rows:
                self._add_profile(r)
        return self._profiles, self._holding

    def _add_profile(self, r: dict) -> None:
        if self._profiles is None:
            return  # made from self.rows when first needed
        p = Profile.of(r["id"], r.get("keywords"), r.get("companies"), r.get("industry"), r.get("date"))
        self._profiles[r["id"]] = p
        for t in p.terms:
            self._holding.setdefault(t, set()).add(r["id"])

    def related(self, aids: Aids, published: str | None) -> list:
        """The notes of the collection (and of this run) related to an article with these aids, at
        most ``related.DRAFTED`` scoring at least the cut-off (``analyze.related``), best first."""
        import datetime

        from scrapnote.analyze.related import best_related

        profiles, holding = self._related_index()
        day = published or datetime.date.today().isoformat()
        me = Profile.of(None, aids.keywords, aids.companies, aids.industry, day)

        def sharing(terms):
            return [(i, t, "k") for t in terms for i in holding.get(t, ())]

        return best_related(me, len(profiles), sharing=sharing, profiles=lambda ids: [profiles[i] for i in ids],
                            counts=lambda terms: {t: len(holding.get(t, ())) for t in terms}, counted=False)

    def draft(self, article: Article) -> Aids:
        from scrapnote.analyze.keywords import article_companies, extract_terms, guess_industry, is_name, rank_keywords
        from scrapnote.analyze.numbers import find_changes, find_quantities, format_insights
        from scrapnote.analyze.summary import draft_summary

        text = bounded(article.body)
        aids = Aids()
        quantities = find_quantities(text)
        if quantities:
            aids.sections[fields.INSIGHTS] = DRAFT_MARKER + "\n\n" + format_insights(quantities, find_changes(text), is_name)
        title = article.title[:MAX_TITLE_CHARS]
        terms = extract_terms(f"{title}\n{text}")
        aids.keywords = rank_keywords(f"{title}\n{text}", *self._word_counts(terms))
        aids.companies = article_companies(title, text)
        aids.industry = guess_industry(terms)
        sentences = draft_summary(text, n=3)
        if sentences:
            aids.sections[fields.SUMMARY] = DRAFT_MARKER + "\n\n" + "\n".join(f"- {s}" for s in sentences)
        if aids.keywords:
            prompts = [f"- {k}: " for k in aids.keywords[:3]]
            aids.sections[fields.RESEARCH] = DRAFT_MARKER + "\n\n" + "\n".join(prompts)
        top = [(r.id, r.score) for r in self.related(aids, article.published)]
        if top:
            from scrapnote import settings

            by_id = {r["id"]: r for r in self.rows}
            files = None
            if settings.get("wikilinks"):  # Obsidian: [[file name|headline]] to the other notes
                files = {i: Path(str(by_id[i]["path"])).stem for i, _ in top if by_id[i].get("path")}
            aids.sections[fields.RELATED] = format_related(
                (fields.link(i, by_id[i].get(fields.HEADLINE) or by_id[i].get("title"), by_id[i].get("url"))
                 for i, _ in top), files)
        return aids

    def _word_counts(self, terms: list[str]) -> tuple[dict[str, int], int]:
        """How many notes of the collection hold each of ``terms`` (asked of the index's word list,
        plus the notes this batch wrote meanwhile), and how many notes there are."""
        from scrapnote.index import NoteIndex

        distinct = set(terms)
        with NoteIndex.open() as ix:
            counts = ix.word_counts(distinct)
        for written in self._batch_terms:
            for t in distinct & written:
                counts[t] = counts.get(t, 0) + 1
        self._last_terms = distinct
        return counts, self._indexed + len(self._batch_terms)

    def remember(self, note: Note) -> None:
        """Count a note written in this batch, so later articles can relate to it."""
        m = note.meta
        row = {"id": note.id, "title": note.title, fields.HEADLINE: note.section(fields.HEADLINE), "url": m.get("url"),
               "path": note.path,
               "keywords": list(m.get("keywords") or []), "companies": list(m.get("companies") or [])}
        from scrapnote.analyze.related import terms_of

        row.update(industry=list(m.get("industry") or []), date=note.date)
        self.rows.append(row)
        self._add_profile(row)
        self._batch_terms.append(self._last_terms)
        self._last_terms = set()
        for t in terms_of(row):
            self.doc_freq[t] = self.doc_freq.get(t, 0) + 1
