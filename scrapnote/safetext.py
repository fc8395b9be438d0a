"""What a note's text may do where it is shown: on a terminal, in JSON, as a link, in a spreadsheet cell.

A note's fields come from articles, web pages and other people's exports, so any of them can hold
text meant to act rather than be read. The one rule per place:

- **a terminal** (``visible``): control characters and the bidi controls are shown as visible
  escapes (``\\x1b``, ``\\u009b``, ``\\u202e``) instead of reaching the terminal. ESC opens the
  sequences that set the window title (OSC 0/2), clear the screen (CSI), write the clipboard
  (OSC 52) or make links (OSC 8); U+009B and U+009D are CSI and OSC on their own (C1 controls);
  CR rewrites the line; the bidi embeddings, overrides and isolates reorder what follows them.
  Newlines and tabs are layout and stay unless the place is one line (``oneline=True``: a table
  cell, a ``check`` row), where they are shown as ``\\n`` and ``\\t`` too.
  A backslash is shown as it is: ``\\x1b`` typed into a note looks like an escaped ESC.
- **JSON** (``json_dumps``): ``json.dumps`` escapes C0 controls but writes DEL, C1 controls and the
  bidi controls raw (``ensure_ascii=False``); they are written as ``\\uXXXX`` too. The JSON is as
  valid and means the same values.
- **a link** (``link_target``): only an ``http://`` or ``https://`` address with no space, control
  character or angle bracket becomes a link (a terminal's OSC 8, an export's href or autolink);
  ``javascript:``, ``data:``, ``file:`` and every other scheme stay text.
- **a spreadsheet cell** (``guard_cell``/``unguard_cell``): a cell that starts a formula
  (``=``, ``+``, ``-``, ``@``, TAB, CR: OWASP's CSV injection list) gets a ``'`` in front, which
  Excel and Sheets read as "text"; reading the cell back takes exactly that ``'`` off again.

Standard library only: render.py (the terminal), the exporters and the TSV reader all use it.
"""
from __future__ import annotations

import json
import re

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SHOWN = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")  # \t and \n are layout
_UNSAFE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def escape_char(ch: str) -> str:
    """One character as its visible escape: ``\\n``, ``\\t``, ``\\r``; ``\\x1b`` for the other C0
    controls and DEL (one byte each in UTF-8); ``\\u009b`` for C1 and the bidi controls (code points
    that take two or three bytes: ``\\x9b`` would name a byte that is not there)."""
    if ch in _SHOWN:
        return _SHOWN[ch]
    o = ord(ch)
    return f"\\x{o:02x}" if o < 0x80 else f"\\u{o:04x}"


def visible(text, *, oneline: bool = False) -> str:
    """``text`` safe to write to a terminal: every character that would act shown as its escape."""
    if text is None:
        return ""
    text = str(text)
    pattern = _UNSAFE_LINE if oneline else _UNSAFE
    if not pattern.search(text):
        return text
    return pattern.sub(lambda m: escape_char(m.group(0)), text)


def visible_spans(text: str, spans, *, oneline: bool = False) -> tuple[str, list[tuple[int, int]]]:
    """``visible(text)`` and the ``(start, end)`` spans of ``text`` moved to where the same
    characters are in it (a highlight stays on the word it marked)."""
    pattern = _UNSAFE_LINE if oneline else _UNSAFE
    spans = list(spans or ())
    if not pattern.search(text):
        return text, spans
    out: list[str] = []
    where = [0] * (len(text) + 1)  # where[i]: the position in the result of text[i]
    n = 0
    for i, ch in enumerate(text):
        where[i] = n
        shown = escape_char(ch) if pattern.match(ch) else ch
        out.append(shown)
        n += len(shown)
    where[len(text)] = n
    clip = len(text)
    return "".join(out), [(where[min(max(a, 0), clip)], where[min(max(b, 0), clip)]) for a, b in spans]


_JSON_RAW = re.compile(f"[\x7f-\x9f{BIDI_CONTROLS}\u2028\u2029]")


def json_dumps(data, *, indent: int | None = 2) -> str:
    """``json.dumps`` with ``ensure_ascii=False`` (Hangul stays readable) that also writes DEL, the
    C1 controls, the bidi controls and U+2028/U+2029 as ``\\uXXXX``. Outside its strings JSON is
    ASCII, so each such character is inside a string, where the escape means the same character."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


_LINK = re.compile(f"https?://[^\\s<>\"/?#\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}][^\\s<>\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]*",
                   re.I)


def link_target(url) -> str | None:
    """``url`` when it may be a link (http or https, a host, nothing that ends an autolink or an
    escape sequence), else None."""
    if not url or not isinstance(url, str):
        return None
    u = url.strip()
    return u if _LINK.fullmatch(u) else None


_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def guard_cell(cell: str) -> str:
    """A spreadsheet cell that would start a formula, with a ``'`` in front. A cell that already
    starts with quotes before such a character gets one more, so ``unguard_cell`` gives it back."""
    return "'" + cell if _FORMULA.match(cell) else cell


def unguard_cell(cell: str) -> str:
    """The cell ``guard_cell`` was given: one ``'`` before the quotes and formula character off."""
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell, 1) else cell
