"""The commands' filters (``scrapnote.filters.Filters``) compiled to one SQL condition on the
index's ``notes`` table: the only place that decides which notes a filter chooses, so list,
search, export, check and questions cannot disagree. What a filter means:

- a tag, industry or company is one whole entry of the note's list, letters compared without
  case (ASCII, as SQLite's ``lower``); every one given must be there (``company_any``: one of
  them);
- the source is a part of the note's source (출처), without case;
- ``since``/``until`` bound the note's date (published, else the day scrapped); a note without
  a date is left out by either;
- what the user typed is made NFC here, as the notes are: a tag typed in NFD (macOS) is the
  same tag.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from scrapnote.text import nfc

if TYPE_CHECKING:
    from scrapnote.filters import Filters

_LISTS = (("tags", "tags"), ("industry", "industry"), ("company", "companies"))  # (filter, column)
# One entry of a list column (``value`` of json_each) against one word the user gave.
_SAME = "lower(value) = lower(?)"


def _nfc(words) -> list[str]:
    return [nfc(w) for w in words or ()]


def where(filters: Filters | None) -> tuple[str, list]:
    """The filters as `` AND …`` conditions on ``notes``, with their arguments ("" for none)."""
    if not filters:
        return "", []
    parts, args = [], []
    for attr, col in _LISTS:
        for w in _nfc(getattr(filters, attr)):
            parts.append(f"EXISTS (SELECT 1 FROM json_each(notes.{col}) WHERE {_SAME})")
            args.append(w)
    if filters.company_any:
        any_of = " OR ".join([_SAME] * len(filters.company_any))
        parts.append(f"EXISTS (SELECT 1 FROM json_each(notes.companies) WHERE {any_of})")
        args.extend(_nfc(filters.company_any))
    if filters.source:
        parts.append("instr(lower(coalesce(notes.source, '')), lower(?)) > 0")
        args.append(nfc(filters.source))
    if filters.since:
        parts.append("coalesce(notes.date, '') <> '' AND notes.date >= ?")
        args.append(filters.since)
    if filters.until:
        parts.append("coalesce(notes.date, '') <> '' AND notes.date <= ?")
        args.append(filters.until)
    return "".join(f" AND {p}" for p in parts), args


def named_companies(filters: Filters) -> tuple[str, list]:
    """An SQL expression on ``notes``: the JSON list of the note's own companies that
    ``filters.company_any`` names (in the note's spelling and order)."""
    any_of = " OR ".join([_SAME] * len(filters.company_any)) or "0"
    return (f"(SELECT json_group_array(value) FROM json_each(notes.companies) WHERE {any_of})",
            _nfc(filters.company_any))
