"""The search hits as plain aligned text, for output that is not a terminal, without Rich.

Rich's console and table take ~35 ms to import and ~10 ms to lay out twenty hits; a piped
``scrapnote search`` spends more on that than on the search. This writes the same text Rich's
plain table writes (render.hits_table off a terminal: no box, two spaces between columns, the id
right-aligned, 출처 cut at 14 cells, wide Hangul counted as two cells), measured with Rich's own
cell widths (``rich.cells``, a small module). When the table is wider than the page, the id,
date and source keep their width and the title column is cut with ``…`` (Rich would squeeze
every column, the ids too). On a narrow page (``layout``) the title and snippet get the width first:
the date goes compact (24-03-01), then the source is cut, then dropped, before the text column
would be narrower than ``TEXT_MIN``; a snippet is cut around its first match (``around``), so the
match is on screen. Text that Rich would change (control characters, tabs, line breaks
inside a field) is left to render.hits_table: ``lines()`` returns None for it.
"""
from __future__ import annotations

import os
import re

HEADERS = ("id", "날짜", "출처", "제목 · 본문")
MEMBER_HEADER = "멤버"  # a study group's search (search --group): the member, after the id (민수:3)
SOURCE_MAX = 14
SOURCE_CUT = 8  # cells of a source cut on a narrow page (a four-syllable name)
TEXT_MIN = 30  # the title/snippet column is not squeezed below this while the others can give
GAP = 2


def compact_date(d: str) -> str:
    """``2024-03-01`` → ``24-03-01``; anything else as it is."""
    return d[2:] if len(d) == 10 and d[4] == "-" and d[:2].isdigit() else d


def layout(width: int, w_id: int, w_date: int, w_src: int, gap: int = GAP) -> tuple[bool, int]:
    """(compact dates, source width; 0: no source column) for a page ``width`` wide: the text
    column gets TEXT_MIN cells before the date and the source keep their full width."""
    def text(w_d: int, w_s: int) -> int:
        return width - (w_id + w_d + w_s + (3 if w_s else 2) * gap)

    compact = False
    if text(w_date, w_src) < TEXT_MIN:
        compact = True
        w_date = min(w_date, 8)
        if text(w_date, w_src) < TEXT_MIN:
            w_src = min(w_src, SOURCE_CUT)
            if text(w_date, w_src) < TEXT_MIN:
                w_src = 0
    return compact, w_src


def around(text: str, spans, width: int, cell_len) -> tuple[str, list[tuple[int, int]]]:
    """``text`` cut at the left (``…``) when its first match would end past ``width`` cells,
    so that the match shows in a column that wide; ``spans`` moved along."""
    spans = list(spans or ())
    if not spans or cell_len(text) <= width:
        return text, spans
    a0, e0 = spans[0]
    if cell_len(text[:e0]) <= width - 1:
        return text, spans
    a = 0
    room = max(1, width * 2 // 3)  # the match ends about two thirds across
    while a < a0 and cell_len(text[a:e0]) + 1 > room:
        a += 1
    while a > 0 and a < len(text) and text[a - 1] != " " and a < a0 and text[a] != " ":
        a += 1  # start at a word when one starts before the match
    a = min(a, a0)
    cut = "…" + text[a:].lstrip()
    shift = 1 - a - (len(text[a:]) - len(text[a:].lstrip()))
    return cut, [(x + shift, y + shift) for x, y in spans if x + shift >= 1]


def wanted(stream) -> bool:
    """Whether Rich would treat ``stream`` as no terminal (its rules: TTY_COMPATIBLE, FORCE_COLOR,
    then isatty), so that this plain text is what it would print there."""
    tty_compatible = os.environ.get("TTY_COMPATIBLE", "")
    if tty_compatible in ("0", "1"):
        return tty_compatible == "0"
    force = os.environ.get("FORCE_COLOR")
    if force is not None:
        return force == ""
    try:
        return not stream.isatty()
    except (AttributeError, ValueError):
        return True


def page_width() -> int:
    """Rich's width for piped output (render.console): $COLUMNS, else 200."""
    v = os.environ.get("COLUMNS", "")
    return int(v) if v.isdigit() and int(v) > 0 else 200


def _fit(text: str, width: int, cell_len, set_cell_size) -> str:
    """``text`` cut to ``width`` cells with ``…`` (Rich's overflow="ellipsis")."""
    if cell_len(text) <= width:
        return text
    if width <= 0:
        return ""
    return set_cell_size(text, width - 1) + "…"


def lines(hits, width: int | None = None, spans: dict | None = None, *, refs: list[str] | None = None,
          members: list[str] | None = None) -> list[str] | None:
    """The table's lines, or None when a field holds text only Rich lays out faithfully. A study
    group's (``search --group``): ``refs`` in the id column (민수:3), ``members`` in a 멤버 column."""
    from rich.cells import cell_len, set_cell_size

    width = page_width() if width is None else width
    ids = refs if refs is not None else [str(h.id) for h in hits]
    rows = []
    for h, i in zip(hits, ids):
        title, snip = h.title or "", h.snippet or ""
        cells = (i, h.published or "", h.source or "", title, snip)
        if any(not c.isprintable() for c in cells):  # \t, \n, \r, control codes: Rich's business
            return None
        rows.append(cells)
    if members is not None and any(not m.isprintable() for m in members):
        return None
    w_id = max([cell_len(HEADERS[0])] + [cell_len(r[0]) for r in rows])
    w_mem = max([cell_len(MEMBER_HEADER)] + [cell_len(m) for m in members]) if members is not None else 0
    w_lead = w_id + (w_mem + GAP if members is not None else 0)  # the columns that never shrink
    w_date = max([cell_len(HEADERS[1])] + [cell_len(r[1]) for r in rows])
    w_src = min(SOURCE_MAX, max([cell_len(HEADERS[2])] + [cell_len(r[2]) for r in rows]))
    compact, w_src = layout(width, w_lead, w_date, w_src)
    if compact:
        rows = [(r[0], compact_date(r[1]), r[2], r[3], r[4]) for r in rows]
        w_date = max([cell_len(HEADERS[1])] + [cell_len(r[1]) for r in rows])
    w_text = max([cell_len(HEADERS[3])] + [cell_len(x) for r in rows for x in (r[3], r[4]) if x])
    fixed = w_lead + w_date + w_src + (3 if w_src else 2) * GAP
    if fixed + w_text > width:
        w_text = max(1, width - fixed)
    if fixed + w_text > width:  # not even the fixed columns fit: Rich's squeeze
        return None
    if spans:  # each snippet cut around its first match when that would be past the column's end
        keys = [h.id for h in hits]
        rows = [(r[0], r[1], r[2], r[3], around(r[4], (spans.get(n) or {}).get("snippet"), w_text, cell_len)[0])
                for n, r in zip(keys, rows)]
    gap = " " * GAP
    blank = " " * (w_lead + GAP + w_date + GAP + (w_src + GAP if w_src else 0))

    def pad(text: str, w: int) -> str:
        return text + " " * (w - cell_len(text))

    def line(i, m, d, s, t) -> str:
        i = _fit(i, w_id, cell_len, set_cell_size)
        return (" " * (w_id - cell_len(i)) + i + gap + (pad(m, w_mem) + gap if members is not None else "")
                + pad(_fit(d, w_date, cell_len, set_cell_size), w_date) + gap
                + (pad(_fit(s, w_src, cell_len, set_cell_size), w_src) + gap if w_src else "")
                + pad(_fit(t, w_text, cell_len, set_cell_size), w_text))

    out = [line(HEADERS[0], MEMBER_HEADER, *HEADERS[1:])]
    for k, (i, d, s, t, snip) in enumerate(rows):
        out.append(line(i, members[k] if members is not None else "", d, s, t))
        if snip:
            out.append(blank + pad(_fit(snip, w_text, cell_len, set_cell_size), w_text))
    return out


# -- the list table ---------------------------------------------------------------------------------
# Characters whose cell width is known without asking Rich character by character: printable
# ASCII, Latin and general punctuation (one cell), Hangul syllables and compatibility jamo (two;
# U+3164, the filler, is none). tests/test_listing_stream.py holds every one to rich.cells.
_WIDE_CLASS = "\uac00-\ud7a3\u3131-\u3163\u3165-\u318e"
KNOWN = re.compile(f"[\x20-\x7e\xa1-\u02ff\u2010-\u2027\u2030-\u205e{_WIDE_CLASS}]*")
_WIDE = re.compile(f"[{_WIDE_CLASS}]")


def _cut(text: str, width: int) -> str:
    """``_fit`` of a text of KNOWN characters (Rich's ellipsis: as many characters as fit in
    ``width - 1`` cells, a space where a wide one would straddle the edge, then ``…``)."""
    if width <= 0:
        return ""
    room, used, out = width - 1, 0, []
    for ch in text:
        w = 2 if ("\uac00" <= ch <= "\ud7a3" or ("\u3131" <= ch <= "\u318e" and ch != "\u3164")) else 1
        if used + w > room:
            break
        out.append(ch)
        used += w
    return "".join(out) + " " * (room - used) + "…"


def cells(text: str) -> int:
    """``rich.cells.cell_len(text)`` of a printable text, in C-level passes for the usual one."""
    if text.isascii():
        return len(text)
    if KNOWN.fullmatch(text):
        return len(text) + len(_WIDE.findall(text))
    from rich.cells import cell_len

    return cell_len(text)


LIST_HEADERS = ("id", "날짜", "출처", "제목", "tags")
LIST_MIN = (2, 10, 0, 10, 0)  # render.note_table's min_width of each column
LIST_MAX = (0, 0, 12, 0, 20)  # and max_width (0: none)


COMPACT_DATE = 8  # cells of a compact date (24-03-01); a 날짜 column this narrow shows its dates so


def list_narrow(widths: list[int], width: int, overhead) -> list[int]:
    """The ``list`` columns on a page too narrow for them: the title first, as ``layout`` gives the
    search's. While the title would get fewer than ``TEXT_MIN`` cells (or its own width, when
    less), the tags are left out (width 0), then the date goes compact (``COMPACT_DATE``), then the
    source is cut to ``SOURCE_CUT``, then left out; the id never shrinks. ``overhead(n)``: the
    cells n columns take besides their text (padding, gaps)."""
    ws = list(widths)
    need = min(ws[3], TEXT_MIN)

    def room() -> int:
        return width - (sum(ws) - ws[3]) - overhead(sum(1 for k, w in enumerate(ws) if w or k == 3))

    steps = [(4, 0), (1, min(ws[1], COMPACT_DATE)), (2, min(ws[2], SOURCE_CUT)), (2, 0)]
    for k, w in steps:
        if room() >= need:
            break
        ws[k] = w
    return ws


def list_widths(rows: list[tuple[str, ...]], width: int | None = None, fill: bool = False) -> list[int] | None:
    """The column widths Rich's plain ``list`` table (render.note_table off a terminal) gives these
    rows' cells (id, 날짜, 출처, 제목 with its marks, tags) when it fits the page; when it does not,
    the title column takes what the others leave (Rich would squeeze every column); with
    ``fill``, it always does (a terminal's full width). None when not even the other columns and a
    title of ten cells fit."""
    width = page_width() if width is None else width
    widths = [max(lo, cells(h)) for lo, h in zip(LIST_MIN, LIST_HEADERS)]
    for row in rows:
        for i, c in enumerate(row):
            n = cells(c) if c.isprintable() else 0
            if n > widths[i]:
                widths[i] = n
    widths = [min(w, hi) if hi else w for w, hi in zip(widths, LIST_MAX)]
    widths = list_narrow(widths, width, lambda n: GAP * (n - 1))
    room = width - (sum(widths) - widths[3]) - GAP * (sum(1 for k, w in enumerate(widths) if w or k == 3) - 1)
    if room < LIST_MIN[3]:
        return None
    if fill or widths[3] > room:
        widths[3] = room
    return widths


def list_lines(rows: list[tuple[str, ...]], widths: list[int], header: bool) -> list[str] | None:
    """The lines of ``rows`` in columns of these ``widths`` (each cell cut with ``…`` to its
    column, the id right-aligned, two spaces after every column, as Rich's plain table writes
    them; a column of width 0 left out, a 날짜 column narrower than a date in compact dates);
    None when a cell holds text only Rich lays out faithfully."""
    from rich.cells import cell_len, set_cell_size

    gap = " " * GAP
    out = []
    compact = widths[1] < 10  # a 날짜 column narrower than a date: the data rows' dates compact
    for k, row in enumerate(([LIST_HEADERS] if header else []) + rows):
        data_row = k > 0 or not header
        parts = []
        for i, c in enumerate(row):
            if not c.isprintable():
                return None
            w = widths[i]
            if not w and i != 3:
                continue  # a column a narrow page leaves out
            if i == 1 and compact and data_row:
                c = compact_date(c)
            used = cells(c)
            if used > w:
                c = _cut(c, w) if KNOWN.fullmatch(c) else _fit(c, w, cell_len, set_cell_size)
                used = cells(c)
            pad = " " * (w - used)
            parts.append(pad + c if i == 0 else c + pad)
        out.append(gap.join(parts))
    return out
