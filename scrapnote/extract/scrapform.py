"""A filled 경제신문 스크랩 양식, copied from a spreadsheet: ``label<TAB>value`` rows.

A value goes on in rows that start with a TAB, or in untabbed lines (a cell with line breaks);
trailing TABs, CRLF and the form's title row are ignored. Labels are matched loosely
(``헤드라인``, ``헤드라인 (요약과 압축)``, ``요약 및 의견 for 스터디용``, …). The reader's own text is
kept word for word, whitespace normalised.

The sections end only at the form's own rows: a line inside a cell is the cell's text, whatever it
looks like. A form ``scrapnote export --format tsv`` wrote (its 출처, 기자 and 날짜 rows right after
기사링크, rows the form itself does not have) is read back word for word: its 본문 is the note's
body as it was, not a page to clean (a ``---`` line, a ``### 요약 및 의견`` line or a last line that
is no sentence stay). A ``'`` the exporter put before a formula's first character is taken off
(``safetext.unguard_cell``).
"""
from __future__ import annotations

import re

from scrapnote import fields as _fields
from scrapnote.extract import Extractor, bylines, dates, publishers
from scrapnote.extract.page import (DateRank, Evidence, ReporterRank, SourceRank, UrlRank, clean_body, join_paragraphs,
                                    resolve, title_from_body)
from scrapnote.extract.strings import HANGUL, PERIOD_END, compact, ends_sentence, squash
from scrapnote.models import Article
from scrapnote.safetext import unguard_cell

# (key, test on the compacted label). Order matters: "헤드라인 (요약과 압축)" says 요약 too, and
# "기사 내용의 수치화" says 기사 내용.
_HEADLINE, _URL, _BODY = _fields.HEADLINE, _fields.URL, _fields.BODY
_LABELS: list[tuple[str, re.Pattern]] = [
    (_HEADLINE, re.compile(r"^(?:헤드라인|제목|기사제목|headline|title)")),
    (_fields.RELATED, re.compile(r"^(?:연관|관련|참고)기사|^연관링크|^관련링크|^relatedarticles?")),
    (_URL, re.compile(r"^(?:기사링크|기사url|기사주소|링크|url|link|원문링크|원문|기사원문)")),
    (_fields.INSIGHTS, re.compile(r"수치화|인사이트|insight")),
    (_fields.RESEARCH, re.compile(r"^추가조사|^추가로조사|^조사할|^더알아볼|^research")),
    (_fields.QUESTIONS, re.compile(r"^적용할|^적용점|현직자|^질문|^questions?")),
    (_fields.SUMMARY, re.compile(r"^요약|^의견|^느낀점|^summary|^생각")),
    (_BODY, re.compile(r"^(?:본문|기사본문|기사내용|내용|body|article)")),
    ("source", re.compile(r"^(?:언론사|신문사|매체|출처|publisher)$")),
    ("reporter", re.compile(r"^(?:기자|작성기자|reporter)$")),
    ("published", re.compile(r"^(?:기사날짜|기사일자|발행일|게재일|보도일|날짜|일자|date)$")),
]
# A form opens with these rows; a form has at least one of the second set (with a TAB).
_OPENING = frozenset((_HEADLINE, _BODY))
_TELLING = frozenset((_HEADLINE, _BODY, _URL, _fields.SUMMARY, _fields.INSIGHTS))
_FORM_TITLE = re.compile(r"스크랩양식|스크랩템플릿|신문스크랩|경제신문스크랩$")
# The form's own title row ("경제 신문 스크랩 양식"), not a blog post titled "[경제신문 스크랩] 삼성전자 …".
_FORM_TITLE_ROW = re.compile(r"^(?:\d+[.)]?)?(?:경제)?(?:신문|기사)스크랩(?:양식|템플릿|서식|form|template)?(?:\d+)?$"
                             r"|스크랩(?:양식|템플릿|서식)")


def match_label(cell: str, form=None) -> str | None:
    """The section key of a form label, or None when the cell is not a label: a label (or alias)
    of ``form`` itself, else one of the loose ways people write the default form's labels."""
    cell = squash(cell)
    if not cell or len(cell) > 50:
        return None
    if form is not None:
        key = form.key_for_heading(cell)
        if key is not None:
            return key
    c = compact(cell)
    for key, rx in _LABELS:
        if rx.search(c):
            return key
    return None


def _rows(text: str, form=None) -> list[tuple[str | None, str]]:
    """``(key, value)`` per line; key None for a continuation line."""
    out: list[tuple[str | None, str]] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if "\t" in line and not line.startswith("\t"):
            label, _, rest = line.partition("\t")
            key = match_label(label, form)
            if key:
                out.append((key, rest))
                continue
        elif not line.startswith("\t"):
            key = match_label(line, form)
            if key and 0 < len(compact(line)) <= 20 and not PERIOD_END.search(line):
                out.append((key, ""))
                continue
        out.append((None, line))
    return out


def looks_like_form(text: str, form=None) -> bool:
    if text.lstrip("\ufeff\n").startswith("---"):
        from scrapnote.extract.frontmatter import split_front_matter

        if split_front_matter(text.lstrip("\ufeff\n")) is not None:
            return False  # a blog post or clipping with front matter, whatever its title says
    keys = {k for k, _v in _rows(text, form) if k}
    head = [ln for ln in text.replace("\r", "").split("\n") if ln.strip()][:3]
    # The form's title row and its labels (a news page's "스크랩" and "URL복사" buttons are neither).
    if len(keys) >= 2 and keys & _OPENING and any(
            _FORM_TITLE_ROW.search(compact(ln)) for ln in head if len(ln) <= 40):
        return True
    tabbed = sum(1 for ln in text.split("\n") if "\t" in ln and match_label(ln.split("\t", 1)[0], form))
    return tabbed >= 2 and len(keys) >= 2 and bool(keys & _TELLING)


def split_forms(text: str, form=None) -> list[str]:
    """The filled forms in ``text``, one text each, in order: a single form (or anything else) is
    ``[text]``.

    Several forms one after another (``scrapnote export 1 2 3 --format tsv``, or forms pasted
    together from a spreadsheet) are told apart by the row that opens a form: its 헤드라인 row
    when the form before already had its headline and body — together with the form's own title
    row above it and the blank rows between (a title row is a line of its own, no TAB, after a
    blank row) — or the title row itself (``경제신문 스크랩 양식``) once the form before has any row."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    rows = _rows("\n".join(lines), form)
    starts = [0]
    seen: set[str] = set()
    for i, (key, value) in enumerate(rows):
        cut = None
        if key is None and _is_title_row(value) and seen & _OPENING:
            cut = i
        elif key == _HEADLINE and _HEADLINE in seen and _BODY in seen:
            cut = i
            j = i
            while j > starts[-1] and not rows[j - 1][1].strip() and rows[j - 1][0] is None:
                j -= 1  # blank rows
            if (j - 1 > starts[-1] and rows[j - 1][0] is None and "\t" not in rows[j - 1][1].rstrip()
                    and not rows[j - 2][1].strip() and rows[j - 2][0] is None):
                j -= 1  # the form's title row, after a blank row (a title the matcher does not know)
            cut = j
        if cut is not None and cut > starts[-1]:
            starts.append(cut)
            seen = set()
        if key:
            seen.add(key)
    if len(starts) == 1:
        return [text]
    bounds = starts + [len(lines)]
    return ["\n".join(lines[a:b]).strip("\n") + "\n" for a, b in zip(bounds, bounds[1:])]


def _is_title_row(line: str) -> bool:
    """A row of its own (no TAB inside, trailing TABs aside) naming the form: 경제신문 스크랩 양식."""
    line = line.rstrip()
    return 0 < len(line) <= 40 and "\t" not in line and bool(_FORM_TITLE_ROW.search(compact(line)))


def _cell_lines(value: str) -> list[str]:
    """A row's text: each non-empty cell a line, whitespace normalised; empty cells after the text
    (trailing TABs) are nothing, and a row with no text at all is a blank line (a paragraph break)."""
    cells = [unguard_cell(squash(part)) for part in value.split("\t")]
    return [c for c in cells if c] or [""]


def _exported_cell_lines(value: str) -> list[str]:
    """A row of a form the TSV exporter wrote: one cell, its text as written (spaces kept)."""
    return [unguard_cell(value.rstrip("\t").replace("\t", " ").rstrip())]


# The rows of the TSV exporter (exporters/tsv.py META_ROWS): 출처, 기자, 날짜 right after 기사링크.
_EXPORT_ROWS = [_URL, *_fields.TSV_META]


def is_exported(rows: list[tuple[str | None, str]]) -> bool:
    """Whether the form's rows are those ``export --format tsv`` writes (its 출처, 기자 and 날짜 rows
    right after 기사링크)."""
    keys = [k for k, _v in rows if k]
    n = len(_EXPORT_ROWS)
    return any(keys[i:i + n] == _EXPORT_ROWS for i in range(len(keys) - n + 1))


class ScrapformExtractor(Extractor):
    """A filled 스크랩 양식 (tab-separated rows)."""

    def accepts(self, text: str, origin: str | None) -> bool:
        return looks_like_form(text, self.form)

    def split(self, text: str) -> list[str]:
        return split_forms(text, self.form)  # several forms one after another (export --format tsv)

    def extract(self, text: str, origin: str | None, url: str | None) -> Article:
        rows = _rows(text, self.form)
        exported = is_exported(rows)
        cell_lines = _exported_cell_lines if exported else _cell_lines
        fields: dict[str, list[str]] = {}
        current: str | None = None
        for key, value in rows:
            if key:
                current = key
                fields.setdefault(key, [])
                fields[key].extend(cell_lines(value))
            elif current:  # a continuation row (its first cell empty), or a line of a cell
                fields[current].extend(cell_lines(value[1:] if exported and value.startswith("\t") else value))
            elif value.strip() and not _FORM_TITLE.search(compact(value)):
                fields.setdefault("preamble", []).extend(_cell_lines(value))

        if not exported:
            for key, lines in fields.items():
                fields[key] = _unquote(lines)

        def text_of(key: str) -> str:
            if exported:  # the cell's lines as the exporter wrote them
                return "\n".join(fields.get(key) or []).strip("\n")
            out: list[str] = []
            for ln in fields.get(key) or []:
                if ln or (out and out[-1]):
                    out.append(ln)
            return "\n".join(out).strip()

        headline = squash(" ".join(ln for ln in fields.get(_HEADLINE, []) if ln))
        link = next((m.group(0) for ln in fields.get(_URL, []) for m in [re.search(r"https?://\S+", ln)] if m), None)

        ev = Evidence()
        ev.add_url(link, UrlRank.FIRST_LINE)
        if exported:  # the note's body as it was: nothing to clean
            body = text_of(_BODY)
            paragraphs = [p.strip("\n") for p in re.split(r"\n[ \t]*\n", body) if p.strip()]
        else:
            paragraphs = clean_body(_join_broken(fields.get(_BODY, [])), None, ev)
            body = join_paragraphs(paragraphs)
        if fields.get("source"):
            src = text_of("source")
            if re.match(r"https?://", src):
                ev.add_url(src.split()[0], UrlRank.HEADER)
            else:
                ev.add("source", publishers.lookup(src) or src or None, SourceRank.LOGO)
        if fields.get("reporter"):
            ev.add("reporter", bylines.clean_person(text_of("reporter")), ReporterRank.HEADER)
        if fields.get("published"):
            ev.add("published", dates.parse_date(text_of("published"), short_years=True), DateRank.LABELLED)

        meta = resolve(ev, url=url)
        sections = {}
        if headline:
            sections[_HEADLINE] = headline
        for key in _fields.carried_keys(self.form):
            if key == _HEADLINE:
                continue
            value = text_of(key)
            if value:
                sections[key] = value
        title = headline or title_from_body(paragraphs) or ""
        return Article(title=title, body=body, sections=sections, format="scrapform",
                       origin=origin, **meta)


def _unquote(lines: list[str]) -> list[str]:
    """A spreadsheet puts a cell with line breaks in double quotes (and doubles the quotes inside)."""
    idx = [i for i, ln in enumerate(lines) if ln]
    if len(idx) < 2:
        return lines
    first, last = idx[0], idx[-1]
    if not (lines[first].startswith('"') and lines[last].endswith('"')):
        return lines
    out = list(lines)
    out[first] = out[first][1:]
    out[last] = out[last][:-1]
    return [ln.replace('""', '"') for ln in out]


def _join_broken(lines: list[str]) -> list[str]:
    """A paragraph that a spreadsheet cell broke in the middle of a sentence is put back together."""
    out: list[str] = []
    gap = False
    for ln in lines:
        if not ln:
            gap = True
            continue
        prev = out[-1] if out else None
        if (prev and len(prev) > 40 and not ends_sentence(prev) and not re.match(r"^[\[(【◇◆■□▶▲△•·\-*]", ln)
                and HANGUL.search(ln[:3] or "")):
            out[-1] = prev + " " + ln
        else:
            if gap and out:
                out.append("")
            out.append(ln)
        gap = False
    return out
