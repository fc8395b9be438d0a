"""Part of render.py's room: output on a console whose encoding lacks characters.

A Korean Windows console (CP949), ``PYTHONIOENCODING=ascii`` or an old ``LANG=C`` terminal cannot
encode every character scrapnote prints (✎, …, —, box lines, Hangul on ASCII). ``fit_streams``,
called first thing by the entry point, makes stdout and stderr of such an encoding write a plain
symbol for what they cannot show (``✎`` → ``*``, ``…`` → ``...``, ``—`` → ``--``, a full-width
letter → its ASCII twin) and ``?`` for the rest, instead of failing with UnicodeEncodeError. A UTF
encoding is left alone. Rich draws ASCII boxes and rules on such a console by itself; JSON is
written with ``\\uXXXX`` escapes for what the encoding lacks (``json_for``), so it stays exact.

Standard library only, and only ``codecs`` (loaded with Python itself) at import: the help,
answered before Typer loads, goes through it too.
"""
from __future__ import annotations

import codecs
import sys

HANDLER = "scrapnote-plain"

# What a character is written as where it cannot be encoded (the ASCII each is read as).
PLAIN = {
    "✎": "*", "…": "...", "·": "-", "‧": "-", "•": "*", "—": "--", "–": "-", "―": "--", "‘": "'", "’": "'",
    "‚": ",", "“": '"', "”": '"', "„": '"', "«": "<<", "»": ">>", "→": "->", "←": "<-", "↔": "<->",
    "⇒": "=>", "✓": "v", "✔": "v", "✗": "x", "✘": "x", "×": "x", "⚠": "!", "─": "-", "━": "-",
    "│": "|", "┃": "|", "╭": "+", "╮": "+", "╰": "+", "╯": "+", "┌": "+", "┐": "+", "└": "+", "┘": "+",
    "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+", "═": "=", "║": "|", "▶": ">", "◀": "<", "■": "#",
    "□": "[]", "★": "*", "☆": "*", "№": "No.", "℃": "C", "€": "EUR", "₩": "W", "\u00a0": " ", "\u200b": "",
}


def _plain(ch: str) -> str:
    sub = PLAIN.get(ch)
    if sub is not None:
        return sub
    import unicodedata

    compat = unicodedata.normalize("NFKC", ch)  # full-width Ｓ, ligatures, ① …
    if compat != ch and compat.isascii() and compat.isprintable():
        return compat
    return "?"


def _handler(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(_plain(ch) for ch in error.object[error.start:error.end]), error.end


_registered = False


def _register() -> None:
    global _registered
    if not _registered:
        codecs.register_error(HANDLER, _handler)
        _registered = True


def lacks_characters(stream) -> bool:
    """Whether ``stream``'s encoding cannot encode every character (anything but UTF-8/16/32)."""
    encoding = getattr(stream, "encoding", None)
    if not encoding:
        return False
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return not name.startswith("utf")


def fit_streams() -> None:
    """stdout and stderr of an encoding that lacks characters write plain symbols and ``?``."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and lacks_characters(stream) and hasattr(stream, "reconfigure"):
            _register()
            try:
                stream.reconfigure(errors=HANDLER)
            except (ValueError, OSError):  # a closed or detached stream: nothing is written to it anyway
                pass


def json_for(stream, text: str) -> str:
    """JSON text as ``stream`` can carry it: as it is, or with every character its encoding lacks
    written as ``\\uXXXX`` (a pair for one beyond the BMP). Outside its strings JSON is ASCII, so each
    such character is inside a string, where the escape means the same character."""
    if not lacks_characters(stream):
        return text
    import re

    encoding = stream.encoding

    def escape(m: re.Match) -> str:
        ch = m.group(0)
        try:
            ch.encode(encoding)
            return ch
        except UnicodeEncodeError:
            o = ord(ch)
            if o <= 0xFFFF:
                return f"\\u{o:04x}"
            o -= 0x10000
            return f"\\u{0xD800 + (o >> 10):04x}\\u{0xDC00 + (o & 0x3FF):04x}"

    return re.sub(r"[^\x00-\x7f]", escape, text)
