"""Markdown that carries the form's ``## label`` headings: a note exported with ``export -f md``
(``# 제목``, ``- 출처: …`` rows, then ``## 헤드라인 (요약과 압축)``, ``## 본문 …``, …), a digest of
several, or a text written or clipped by hand under those headings.

The 본문 heading's text (or, without one, the text before the first form heading) is the body;
every other form heading's text goes to ``Article.sections`` word for word; a heading the form does
not know stays in the body with its text. Accepted only when a form heading other than 본문 is
there, so an ordinary article with ``## 전망`` subheads is read as Markdown. The form is the one the
notes will be written in (``new --template``); the default form's headings are known too.
"""
from __future__ import annotations

import dataclasses
import re

from scrapnote import fields as _fields
from scrapnote.extract import Extractor, bylines, dates, publishers
from scrapnote.extract.page import DateRank, Evidence, ReporterRank, SourceRank, UrlRank, resolve, title_from_body
from scrapnote.models import Article

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
# The export's metadata rows (exporters/base.py note_view): "- 출처: 한국경제".
_META_ROW = re.compile(r"^[-*][ \t]+(?P<label>[^:\n]{1,20}?)[ \t]*:[ \t]*(?P<value>\S.*?)[ \t]*$")
_META_LABELS = {label for _name, label in _fields.META_LABELS}
_label = _fields.meta_label
_BODY = _fields.BODY
_TOC = "목차"


def unescape(text: str) -> str:
    """Markdown backslash escapes undone: ``\\<script>`` → ``<script>``, ``\\*`` → ``*``."""
    return _ESCAPE.sub(r"\1", text)


def _form(form=None):
    """The form whose headings are read: the one the notes are written in, else the default."""
    if form is not None:
        return form
    from scrapnote import template

    return template.load()


def _heading_key(title: str, form=None) -> str | None:
    """The section a heading stands for: in the form the notes are written in, else in the default
    form (whose sections the tool knows: a 요약 및 의견 read for another form is still the 요약)."""
    title = unescape(title).strip()
    key = _form(form).key_for_heading(title)
    if key is None and form is not None:
        key = _form().key_for_heading(title)
    return key


def _headings(lines: list[str]):
    """``(index, level, title)`` of each heading line outside code fences."""
    fence = None
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if m:
            fence = None if fence == m.group(1) else (fence or m.group(1))
            continue
        if fence:
            continue
        h = _HEADING.match(line)
        if h:
            yield i, len(h.group(1)), h.group(2)


def _body_of(text: str) -> str:
    from scrapnote.extract.frontmatter import split_front_matter

    split = split_front_matter(text.lstrip("\ufeff\n"))
    return split[1] if split else text


def _is_digest(lines: list[str], form=None) -> bool:
    form = _form(form)
    heads = list(_headings(lines))
    return (any(lvl == 2 and unescape(t).strip() == _TOC for _i, lvl, t in heads)
            and any(lvl == 3 and _heading_key(t, form) not in (None, _BODY) for _i, lvl, t in heads)
            and any(ln.strip() == "---" for ln in lines))


def looks_like_noteform(text: str, form=None) -> bool:
    """Whether ``text`` has a ``## heading`` of ``form`` (default: the default form) besides 본문,
    or is an ``export -f md`` digest of such notes."""
    form = _form(form)
    lines = _body_of(text).replace("\r\n", "\n").split("\n")
    if any(lvl == 2 and _heading_key(t, form) not in (None, _BODY) for _i, lvl, t in _headings(lines)):
        return True
    return _is_digest(lines, form)


def split_notes(text: str, form=None) -> list[str]:
    """The notes of an ``export -f md`` digest, each as a one-note export (``# 제목`` and ``## label``
    headings); anything else is ``[text]``."""
    form = _form(form)
    lines = text.replace("\r\n", "\n").split("\n")
    if not _is_digest(lines, form):
        return [text]
    heads = {i: (lvl, t) for i, lvl, t in _headings(lines)}
    starts = []
    for i, line in enumerate(lines):
        if line.strip() != "---":
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j in heads and heads[j][0] == 2 and _heading_key(heads[j][1], form) is None:
            starts.append(j)
    out = []
    for a, b in zip(starts, starts[1:] + [len(lines)]):
        block = lines[a:b]
        while block and block[-1].strip() in ("", "---"):
            block.pop()
        if not any(lvl == 3 and _heading_key(t, form) is not None for _i, lvl, t in _headings(block)):
            continue  # a part's heading in a study group's digest (## 민수 · 3건): no note's sections
        fenced = {i for i, _l, _t in _headings(block)}
        out.append("\n".join(ln[1:] if i in fenced and ln.startswith("##") else ln
                             for i, ln in enumerate(block)) + "\n")
    return out or [text]


class NoteformExtractor(Extractor):
    """Markdown under the form's ``## label`` headings (``export -f md``, or written that way)."""

    def accepts(self, text: str, origin: str | None) -> bool:
        return looks_like_noteform(text, self.form)

    def split(self, text: str) -> list[str]:
        return split_notes(text, self.form)  # an export -f md digest holds several notes

    def extract(self, text: str, origin: str | None, url: str | None) -> Article:
        from scrapnote.extract.frontmatter import split_front_matter

        form = _form(self.form)
        text = text.replace("\r\n", "\n")
        split = split_front_matter(text.lstrip("\ufeff\n"))
        _meta, md = split if split else ({}, text)
        fm_block = text.lstrip("\ufeff\n")[: len(text.lstrip("\ufeff\n")) - len(md)] if split else ""
        lines = md.split("\n")

        # The title line and the export's metadata rows, above the first ## heading.
        heads = [(i, lvl, t) for i, lvl, t in _headings(lines)]
        first_h2 = next((i for i, lvl, _t in heads if lvl == 2), len(lines))
        h1 = next(((i, t) for i, lvl, t in heads if lvl == 1 and i < first_h2), None)
        rows: dict[str, str] = {}
        pre_start = 0
        if h1 and not "".join(lines[:h1[0]]).strip():
            pre_start = h1[0] + 1
            k = pre_start
            found: dict[str, str] = {}
            while k < first_h2:
                s = lines[k].strip()
                m = _META_ROW.match(s)
                if s and not m:
                    break
                if m:
                    found.setdefault(m.group("label").strip(), m.group("value"))
                k += 1
            url_spec = form.get(_fields.URL)
            url_label = url_spec.label if url_spec else _fields.URL_LABEL
            if set(found) & (_META_LABELS | {url_label}):
                rows = found
                rows["__url__"] = found.get(url_label) or found.get(_fields.URL_LABEL) or ""
                pre_start = k
        exported = bool(rows)
        fix = unescape if exported else (lambda s: s)

        # Sections: the text under each ## heading, up to the next ## heading.
        h2 = [(i, t) for i, lvl, t in heads if lvl == 2]
        parts: list[tuple[str | None, str | None, str]] = [(None, None, "\n".join(lines[pre_start:h2[0][0] if h2 else len(lines)]))]
        for n, (i, t) in enumerate(h2):
            end = h2[n + 1][0] if n + 1 < len(h2) else len(lines)
            parts.append((t, _heading_key(t, form), "\n".join(lines[i + 1:end])))
        fields: dict[str, str] = {}
        extra: list[str] = []  # headings the form does not know, with their text
        for heading, key, raw in parts:
            body = fix(raw.strip("\n").rstrip())
            if heading is None:
                fields["preamble"] = body
            elif key is None:
                extra.append(f"## {fix(heading.strip())}" + (f"\n\n{body}" if body else ""))
            elif body and key not in fields:
                fields[key] = body
            elif body:
                fields[key] += "\n\n" + body
        main = fields[_BODY] if _BODY in fields else fields.get("preamble", "")
        if _BODY in fields and fields.get("preamble", "").strip() and not exported:
            main = fields["preamble"] + "\n\n" + main  # text above the form's headings is not thrown away
        body_md = "\n\n".join(p for p in [main or "", *extra] if p.strip())

        sections = {k: fields[k] for k in _fields.carried_keys(form) if fields.get(k, "").strip()}
        link = next((m.group(0).rstrip(">") for v in (rows.get("__url__", ""), fields.get(_fields.URL, ""))
                     for m in [re.search(r"https?://[^\s<>]+", v or "")] if m), None)
        title = fix(h1[1].strip()) if h1 else None

        if exported:
            ev = Evidence()
            ev.add_url(link, UrlRank.FIRST_LINE)
            src = unescape(rows.get(_label("source"), ""))
            if src:
                ev.add("source", publishers.lookup(src) or src, SourceRank.LOGO)
            if rows.get(_label("reporter")):
                ev.add("reporter", bylines.clean_person(unescape(rows[_label("reporter")])), ReporterRank.HEADER)
            if rows.get(_label("published")):
                ev.add("published", dates.parse_date(rows[_label("published")]), DateRank.LABELLED)
            paragraphs = [p.strip("\n") for p in re.split(r"\n[ \t]*\n", body_md) if p.strip()]
            title = title or sections.get(_fields.HEADLINE) or title_from_body(paragraphs) or ""
            meta = resolve(ev, url=url)
            def listed(name):
                return tuple(t for t in (x.strip() for x in unescape(rows.get(_label(name), "")).split(",")) if t)

            return Article(title=title, body=body_md.strip(), sections=sections, format="markdown", origin=origin,
                           tags=listed("tags"), companies=listed("companies"), industry=listed("industry"), **meta)

        # Written or clipped by hand: the body is read like any Markdown article (front matter,
        # dateline, byline), the reader's sections kept word for word.
        from scrapnote.extract.frontmatter import MarkdownExtractor

        head = f"# {h1[1].strip()}\n\n" if h1 else ""
        article = MarkdownExtractor().extract(fm_block + head + body_md + "\n", origin, url)
        changes: dict = {"sections": sections}
        if link and not article.url:  # a "## 기사링크" section
            changes.update(url=link, source=article.source or publishers.by_domain(link),
                           published=article.published or dates.date_from_url(link))
        if not article.title and sections.get(_fields.HEADLINE):
            changes["title"] = sections[_fields.HEADLINE]
        return dataclasses.replace(article, **changes)
