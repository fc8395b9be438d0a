"""What every exporter shares: the Exporter base class, the view of a note the layouts see, and
loading a Jinja2 layout (the package's own, or the user's ``--layout PATH``).

Standard library only at import time; Jinja2 is imported when a layout is rendered.
"""
from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scrapnote import fields
from scrapnote.errors import ScrapnoteError, TemplateError

if TYPE_CHECKING:
    from scrapnote.note import Note
    from scrapnote.template import Template

LAYOUT_DIR = Path(__file__).resolve().parent.parent / "templates"

DIGEST_TITLE = "경제신문 스크랩 모음"
MEMBER_LABEL = "작성"  # the row naming a study group's member on each of their notes


@dataclass(frozen=True)
class Item:
    """One note as the exporters see it: the note, its form and its JSON form."""

    note: Note
    form: Template
    data: dict  # the DESIGN.md JSON form (numbers included)
    member: str | None = None  # a study group's member who wrote it (``export --group``)

    @property
    def date(self) -> str:
        return self.note.date


@dataclass
class Export:
    """What to render: the notes in date order, and whether they make a digest."""

    items: list[Item]
    digest: bool
    layout: Path | None = None  # a user's own layout (md, html, txt)
    calendar: str | None = None  # the habit calendar as an inline SVG (html, ``export --calendar``)
    member: str | None = None  # who wrote the notes (the config file's ``member``), under the title
    # a study group's digest (``export --group``): the notes in parts (by member or by day), in order
    parts: list[Part] | None = None
    heading: str | None = None  # the digest's title instead of DIGEST_TITLE (a group's week)
    span: str | None = None  # the period under the title instead of the notes' dates (a week)

    @property
    def title(self) -> str:
        if self.digest:
            return self.heading or DIGEST_TITLE
        return self.items[0].note.title or DIGEST_TITLE

    @property
    def period(self) -> str:
        if self.span:
            return self.span
        dates = [i.date for i in self.items if i.date]
        if not dates:
            return ""
        lo, hi = min(dates), max(dates)
        return lo if lo == hi else f"{lo} ~ {hi}"


@dataclass
class Part:
    """One part of a study group's digest: a member's notes, or one day's. ``key`` is the member's
    name or the ISO date, ``heading`` what the reader sees (``2026-12-01 (화)``); the items are the
    export's own, in its order."""

    key: str
    heading: str
    items: list[Item]


class Exporter(ABC):
    """One output format. Subclasses set ``name`` (the ``--format`` value) and ``suffix`` and
    implement ``render``; text formats return str, binary ones bytes. ``encode`` turns what
    ``render`` gave into the bytes of a file of the format.

    An exporter is a pure renderer: notes in (``Export``), text or bytes out. Choosing the notes,
    building the digest and writing files are ``scrapnote.app.export``'s job."""

    name = ""
    suffix = ""
    binary = False
    layout_name: str | None = None  # a Jinja2 layout in scrapnote/templates/, if the format has one

    @abstractmethod
    def render(self, export: Export) -> str | bytes:
        """The whole output for ``export``."""

    def encode(self, data: str | bytes) -> bytes:
        """``render``'s output as the bytes of a file (text in UTF-8)."""
        if isinstance(data, bytes):
            return data
        return data.encode("utf-8")


class TextLayoutExporter(Exporter):
    """A text format drawn by a Jinja2 layout (md, txt): rendered without HTML escaping, runs of
    blank lines folded to one, one newline at the end."""

    def render(self, export: Export) -> str:
        assert self.layout_name is not None  # every layout format names its layout
        text = render_layout(self.layout_name, export, autoescape=False)
        return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


# -- the view of a note the layouts see ------------------------------------------------------------
def short_label(label: str) -> str:
    """``헤드라인 (요약과 압축)`` → ``헤드라인``."""
    return re.split(r"\s*[(（]", label)[0].strip() or label


def split_draft(text: str) -> tuple[str, bool]:
    """The text without the draft marker line, and whether the marker was there."""
    from scrapnote.note import DRAFT_MARKER as marker

    lines = text.split("\n")
    kept = [ln for ln in lines if ln.strip() != marker]
    return "\n".join(kept).strip("\n"), len(kept) != len(lines)


def note_view(item: Item) -> dict:
    """A plain dict for the layouts: the JSON form plus the form's sections in order and the
    metadata rows, all text (escaping is the layout's job; HTML autoescapes)."""
    d = dict(item.data)
    note, form = item.note, item.form
    sections = []
    for spec in form.body_sections:
        raw = note.section(spec.key)
        text, draft = split_draft(raw)
        sections.append({"key": spec.key, "label": spec.label, "short": short_label(spec.label),
                         "raw": raw, "text": text, "draft": draft, "writer": spec.writer,
                         "is_body": spec.key == fields.BODY,
                         # the links of the 연관기사 (the JSON form's list), else None
                         fields.RELATED: d.get(spec.key) if fields.is_links(spec.key) else None})
    for s in note.sections:
        if s.key is None:
            text, draft = split_draft(s.text)
            sections.append({"key": None, "label": s.heading, "short": short_label(s.heading), "raw": s.text,
                             "text": text, "draft": draft, "writer": "reader", "is_body": False,
                             fields.RELATED: None})
    url_spec = form.get(fields.URL)
    url_label = url_spec.label if url_spec else fields.URL_LABEL
    label = fields.meta_label
    meta = ([(MEMBER_LABEL, item.member)] if item.member else []) + [
        (label("source"), d.get("source")),
        (label("reporter"), d.get("reporter")),
        (label("published"), d.get("published")),
        (url_label, d.get("url")),
        (label("industry"), ", ".join(d.get("industry") or [])),
        (label("companies"), ", ".join(d.get("companies") or [])),
        (label("tags"), ", ".join(d.get("tags") or [])),
        (label("scrapped"), (d.get("scrapped") or "")[:10]),
    ]
    d.update({
        "date": item.date,
        "anchor": f"note-{d['id']}",
        "sections": sections,
        "section": {s["key"]: s for s in sections if s["key"]},
        "meta_rows": [{"label": k, "value": v, "is_url": k == url_label} for k, v in meta if v],
        "form_title": form.title,
        "member": item.member,
        "ref": f"{item.member}:{d['id']}" if item.member else None,
    })
    if item.member:  # ids are the member's own: two members' #3 are two notes
        d["anchor"] = f"note-{item.member}-{d['id']}"
    return d


def context(export: Export) -> dict:
    views = [note_view(i) for i in export.items]
    for k, v in enumerate(views, 1):
        v["number"] = k
    by_item = {id(i): v for i, v in zip(export.items, views)}
    parts = None
    if export.parts:
        parts = [{"key": p.key, "heading": p.heading, "anchor": f"part-{k}", "count": len(p.items),
                  "notes": [by_item[id(i)] for i in p.items]} for k, p in enumerate(export.parts, 1)]
    return {"title": export.title, "digest": export.digest, "period": export.period,
            "count": len(export.items), "notes": views, "parts": parts,
            "calendar": export.calendar, "member": export.member or ""}


# -- text helpers the layouts use (registered as Jinja2 filters) ---------------------------------------
_IMAGE_RE = re.compile(r"!\[([^\]\n]*)\]\((\S+?)\)")
_LINK_RE = re.compile(r"(?<!\\)\[([^\]\n]+)\]\((\S+?)\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^\s<>]+)>", re.I)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_FENCE = re.compile(r"^\s*(```|~~~)")
_RULE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
# A table's delimiter row (``| --- | :---: |``, ``--- | ---``): dashes with optional colons, split by pipes.
_TABLE_DELIM = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_PIPE = re.compile(r"(?<!\\)\|")


def _inline(s: str) -> str:
    """One line's inline Markdown as plain text: links as ``text url``, no emphasis or code marks."""
    s = _IMAGE_RE.sub(lambda m: " ".join(x for x in (m.group(1), m.group(2)) if x), s)
    s = _LINK_RE.sub(lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} {m.group(2)}", s)
    s = _AUTOLINK.sub(r"\1", s)
    s = re.sub(r"(?<!\\)(\*\*|__)(?=\S)(.+?)(?<=\S)(?<!\\)\1", r"\2", s)
    s = re.sub(r"(?<![\\*])\*(?=[^\s*])(.+?)(?<=[^\s\\*])\*(?!\*)", r"\1", s)  # *기울임*
    s = re.sub(r"(?<![\\\w])_(?=[^\s_])(.+?)(?<=[^\s\\_])_(?!\w)", r"\1", s)  # _기울임_ (snake_case stays)
    s = re.sub(r"(?<!\\)~~(?=\S)(.+?)(?<=\S)~~", r"\1", s)
    s = re.sub(r"(?<!\\)`([^`]+)`", r"\1", s)
    return _ESCAPED.sub(r"\1", s)


def _is_table_row(line: str) -> bool:
    return bool(_PIPE.search(line)) and bool(line.strip())


def _cells(row: str) -> list[str]:
    s = row.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return [_inline(c.strip()) for c in _PIPE.split(s)]


def parse_table(rows: list[str]) -> tuple[list[str], list[str], list[list[str]]]:
    """A Markdown table (its header row, its delimiter row, its rows) as its header cells, each
    column's alignment as its delimiter says (``---:`` right, ``:---:`` centre, else left) and its
    body rows, every row as many cells as the header (fewer padded, more cut, as GFM does). Cells
    are plain text (``_inline``: a link as ``text url``, no emphasis marks, ``\\|`` a pipe)."""
    header, delim, body = _cells(rows[0]), rows[1].strip().strip("|").split("|"), [_cells(r) for r in rows[2:]]
    n = len(header)
    aligns = []
    for d in (d.strip() for d in delim):
        aligns.append("center" if d.startswith(":") and d.endswith(":") and len(d) > 1
                      else "right" if d.endswith(":") else "left")
    aligns = (aligns + ["left"] * n)[:n]
    return header, aligns, [(r + [""] * n)[:n] for r in body]


def _table_end(lines: list[str], i: int) -> int:
    """Where the Markdown table starting at line ``i`` ends (``i`` itself when none starts there)."""
    if _is_table_row(lines[i]) and i + 1 < len(lines) and "|" in lines[i + 1] and _TABLE_DELIM.match(lines[i + 1]):
        j = i + 2
        while j < len(lines) and _is_table_row(lines[j]) and not _TABLE_DELIM.match(lines[j]):
            j += 1
        return j
    return i


def plain_table(rows: list[str]) -> list[str]:
    """A Markdown table (its header row, its delimiter row, its rows) as plain aligned text: the
    columns as wide as their widest cell (wide Hangul counted as two columns, ``text.width``), two
    spaces between them, a dashed line under the header, each column aligned as its delimiter
    says (``---:`` right, ``:---:`` centre)."""
    from scrapnote.text.width import cells, pad

    header, aligns, body = parse_table(rows)
    n = len(header)
    table = [header] + body
    widths = [max(cells(r[k]) for r in table) for k in range(n)]

    def line(r: list[str]) -> str:
        return "  ".join(pad(c, w, a) for c, w, a in zip(r, widths, aligns)).rstrip()

    return [line(header), "  ".join("-" * w for w in widths)] + [line(r) for r in table[1:]]


def plain(text: str) -> str:
    """Markdown → chat-friendly plain text: no #, no **, no > quotes, links as ``text url``,
    tables as aligned columns (``plain_table``), code fences and rules left out."""
    lines = (text or "").split("\n")
    out: list[str] = []
    i, fenced = 0, False
    while i < len(lines):
        s = lines[i].rstrip()
        if _FENCE.match(s):
            fenced = not fenced
            i += 1
            continue
        if fenced:
            out.append(s)
            i += 1
            continue
        j = _table_end(lines, i)
        if j > i:
            out.extend(plain_table([ln.rstrip() for ln in lines[i:j]]))
            i = j
            continue
        i += 1
        if _RULE.match(s):
            out.append("")
            continue
        s = re.sub(r"^(#{1,6})\s+(.*?)(?:\s+#+)?$", r"\2", s)
        s = re.sub(r"^(?:>\s?)+", "", s)
        s = re.sub(r"^(\s*)[-*+]\s+(?:\[[ xX]\]\s+)?", r"\1· ", s)
        out.append(_inline(s))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")


@dataclass(frozen=True)
class Block:
    """One block of a section's text, as the HTML and Word exports draw it. ``kind``: ``para`` (its
    ``text``, the lines as typed, single line breaks kept), ``ul`` / ``ol`` (the ``items``' text
    without their ``- `` / ``1. `` marks; ``start``, an ``ol``'s first number), ``table`` (``header``,
    ``aligns``, ``rows``: ``parse_table``'s). A list's ``subs``: the lists nested under each item
    (``subs[k]``, the ``ul``/``ol`` Blocks under ``items[k]``), empty when no item has one; ``sub(k)``
    reads it for any item."""

    kind: str
    text: str = ""
    items: tuple[str, ...] = ()
    start: int = 1
    header: tuple[str, ...] = ()
    aligns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    subs: tuple[tuple[Block, ...], ...] = ()

    def sub(self, k: int) -> tuple[Block, ...]:
        """The lists nested under item ``k`` (none: ``()``)."""
        return self.subs[k] if k < len(self.subs) else ()


class _List:
    """A list being read: its kind, first number, the indent of its items' marks, and per item its
    text and the lists under it."""

    def __init__(self, kind: str, start: int, indent: int) -> None:
        self.kind, self.start, self.indent = kind, start, indent
        self.items: list[str] = []
        self.subs: list[list[_List]] = []

    def block(self) -> Block:
        subs = tuple(tuple(x.block() for x in s) for s in self.subs)
        return Block(self.kind, items=tuple(self.items), start=self.start,
                     subs=subs if any(subs) else ())


_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBER = re.compile(r"^\s*(\d{1,3})[.)]\s+(.*)$")  # not ``2023. 7. 13``


def blocks(text: str) -> list[Block]:
    """A section's Markdown as blocks: paragraphs (split by blank lines), bullet lists (``- `` /
    ``* `` / ``+ `` lines), numbered lists (``1. `` lines, up to three digits), pipe tables (header, delimiter row, rows;
    the same reading as the txt export's aligned columns). An item indented more than the item above
    (a tab counts four spaces) starts a list nested under it (``Block.subs``), as deep as it goes; a
    less indented one goes back to the list whose items are indented as much (or less). A bullet
    item after numbered ones at the same indent (or the other way round) starts a new list there. An
    indented line that is no item goes on with the item above. A fenced code block stays one
    paragraph as typed, and so does a rule (``---``). Nothing is escaped here: that is the
    exporter's job (HTML autoescapes; inline Markdown is ``exporters.inline``'s)."""
    lines = (text or "").split("\n")
    out: list[Block] = []
    para: list[str] = []
    stack: list[_List] = []  # the list being read, outermost first

    def flush_para() -> None:
        if para:
            out.append(Block("para", text="\n".join(para).strip("\n")))
            para.clear()

    def flush_list() -> None:
        if stack:
            out.append(stack[0].block())
            stack.clear()

    def add_item(kind: str, start: int, indent: int, item: str) -> None:
        while len(stack) > 1 and indent < stack[-1].indent:
            stack.pop()
        top = stack[-1] if stack else None
        if top is not None and indent > top.indent and top.items:  # nested under top's last item
            under = top.subs[-1]
            if under and under[-1].kind == kind:  # back to a list under this item (a shallower indent)
                under[-1].indent = min(under[-1].indent, indent)
                stack.append(under[-1])
            else:
                new = _List(kind, start, indent)
                under.append(new)
                stack.append(new)
        elif top is None or top.kind != kind:
            if top is not None and len(stack) > 1:  # the other kind at a nested level: a list beside it
                stack.pop()
                new = _List(kind, start, indent)
                stack[-1].subs[-1].append(new)
                stack.append(new)
            else:
                flush_para()
                flush_list()
                stack.append(_List(kind, start, indent))
        stack[-1].items.append(item)
        stack[-1].subs.append([])

    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if _FENCE.match(line):  # up to its closing fence (or the end), as typed
            flush_list()
            fence = _FENCE.match(line).group(1)  # type: ignore[union-attr]
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith(fence):
                j += 1
            para.extend(ln.rstrip() for ln in lines[i:j + 1])
            i = j + 1
            continue
        if not line.strip():
            flush_para()
            flush_list()
            i += 1
            continue
        j = _table_end(lines, i)
        if j > i:
            flush_para()
            flush_list()
            header, aligns, rows = parse_table([ln.rstrip() for ln in lines[i:j]])
            out.append(Block("table", header=tuple(header), aligns=tuple(aligns), rows=tuple(map(tuple, rows))))
            i = j
            continue
        i += 1
        bullet = None if _RULE.match(line) else _BULLET.match(line)
        number = None if bullet else _NUMBER.match(line)
        if bullet or number:
            expanded = line.expandtabs(4)
            indent = len(expanded) - len(expanded.lstrip())
            if bullet:
                add_item("ul", 1, indent, bullet.group(1))
            elif number:
                add_item("ol", int(number.group(1)), indent, number.group(2))
            continue
        if stack and line[:1] in (" ", "\t"):  # an indented line goes on with the item above
            stack[-1].items[-1] += "\n" + line.strip()
            continue
        flush_list()
        para.append(line)
    flush_para()
    flush_list()
    return out


def paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks (each may keep single line breaks)."""
    return [p.strip("\n") for p in re.split(r"\n[ \t]*\n", text or "") if p.strip()]


def safe_url(url) -> str | None:
    """A link target only for an http(s) address (``safetext.link_target``): never ``javascript:``,
    ``data:`` or any other scheme."""
    from scrapnote.safetext import link_target

    return link_target(url)


# A Markdown link's ``](`` and a link reference definition's ``[label]:`` whose target is not an
# http(s) address: its ``]`` is escaped, so viewers show the text as typed instead of a link.
_INLINE_LINK = re.compile(r"\](?=\((?!\s*<?https?://))", re.I)
_REFERENCE = re.compile(r"^( {0,3}\[[^\]\n]*)\](?=:(?!\s*<?https?://))", re.I | re.M)


def links(entries) -> str:
    """The 연관기사 entries as Markdown lines (``- #5 [headline](url)``): a note's Obsidian
    ``[[wikilinks]]`` point at files the reader of an export does not have."""
    from scrapnote.note import format_related

    return format_related(entries or [])


def md_escape(text) -> str:
    """Field text made safe to put in Markdown: a ``<`` that could open an HTML tag or an autolink is
    backslash-escaped (viewers show the article's markup as typed), and so is the ``]`` of a link to
    anything but an http(s) address (``[x](javascript:…)``, ``![x](data:…)``, ``[r]: file:…``). A
    backslash the text itself has before punctuation is doubled, so viewers show it and
    ``scrapnote new`` reads the export back to the same text."""
    text = re.sub(r"\\(?=[\\`*_{}\[\]()#+\-.!|<>~])", r"\\\\", str(text or ""))
    text = _INLINE_LINK.sub(r"\\]", text)
    text = _REFERENCE.sub(r"\1\\]", text)
    return re.sub(r"<(?=[A-Za-z/!?])", r"\\<", text)


def md_url(url) -> str:
    """A note's address in Markdown: ``<url>`` (an autolink) for an http(s) address, else the
    address as escaped text, never a link."""
    href = safe_url(url)
    return f"<{href}>" if href else md_escape(url)


def demote(text: str, levels: int = 1) -> str:
    """Markdown headings inside section text go ``levels`` deeper (a digest nests notes one level)."""
    return re.sub(r"^(#{1,5}) ", lambda m: "#" * min(6, len(m.group(1)) + levels) + " ", text or "", flags=re.M)


# -- Jinja2 layouts -------------------------------------------------------------------------------------
def render_layout(name: str, export: Export, *, autoescape: bool) -> str:
    """Render the package layout ``name`` (or the user's ``--layout``) with the export's context.

    A broken layout is one line naming the file and the line."""
    import jinja2

    path = export.layout or (LAYOUT_DIR / name)
    if export.layout is not None and not path.is_file():
        raise ScrapnoteError(f"layout {path} not found")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(path.parent), str(LAYOUT_DIR)], encoding="utf-8"),
        autoescape=autoescape, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        finalize=lambda v: "" if v is None else v,  # a field the article does not have prints nothing, not "None"
    )
    from scrapnote.exporters.inline import to_html

    env.filters.update({"inline": to_html, "plain": plain, "paragraphs": paragraphs, "blocks": blocks, "safe_url": safe_url, "demote": demote,
                        "md_escape": md_escape, "md_url": md_url, "links": links})
    try:
        tmpl = env.get_template(path.name)
        return tmpl.render(**context(export))
    except jinja2.TemplateSyntaxError as e:
        where = e.filename or str(path)
        raise TemplateError(f"layout {where} line {e.lineno}: {e.message}")
    except UnicodeDecodeError:
        raise TemplateError(f"layout {path}: not UTF-8 text")
    except jinja2.TemplateError as e:
        raise TemplateError(f"layout {path} line {_error_line(e, path)}: {e.message or e}")
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError) as e:
        raise TemplateError(f"layout {path} line {_error_line(e, path)}: {type(e).__name__}: {e}")


def _error_line(exc: BaseException, path: Path) -> str:
    """The line of the layout a rendering error happened on (Jinja2 maps its frames to it)."""
    import traceback

    line = "?"
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename and Path(frame.filename).name == path.name:
            line = str(frame.lineno)
    return line
