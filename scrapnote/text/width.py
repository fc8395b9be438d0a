"""How many columns a text takes in a monospaced font: wide characters (Hangul, CJK, full-width
forms: East Asian Width W or F) two, combining marks and zero-width characters none, the rest
one. The rule render.py gets from Rich (``rich.cells.cell_len``), for the rooms that may not load
Rich (the exporters). Standard library only."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


@lru_cache(maxsize=4096)
def char_cells(ch: str) -> int:
    """The columns one character takes: 2, 1 or 0."""
    if ch in _ZERO_WIDTH or unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    if "\u1160" <= ch <= "\u11ff":  # a conjoining medial or final jamo joins the syllable before it
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cells(text: str) -> int:
    """The columns ``text`` takes (``cells("삼성전자 3%") == 11``)."""
    if text.isascii():
        return len(text)
    return sum(char_cells(ch) for ch in text)


def pad(text: str, width: int, align: str = "left") -> str:
    """``text`` padded with spaces to ``width`` columns (``left``, ``right`` or ``center``)."""
    room = max(0, width - cells(text))
    if align == "right":
        return " " * room + text
    if align == "center":
        return " " * (room // 2) + text + " " * (room - room // 2)
    return text + " " * room
