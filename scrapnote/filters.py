"""The filters the commands share (``--tag``, ``--source``, ``--industry``, ``--company``,
``--since``, ``--until``): what the user asked for, as a value.

Which notes a filter chooses is decided in one place, ``index/filters.py``, which compiles these
to SQL; list, search, export, check and questions all ask the index with them, so they cannot
disagree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from scrapnote.errors import ScrapnoteError

_DATE_ARG_RE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def parse_date_arg(value: str | None, *, end: bool = False) -> str | None:
    """``2023``, ``2023-07`` or ``2023-07-13`` → a YYYY-MM-DD bound (the period's last day when ``end``)."""
    if not value:
        return None
    import calendar

    m = _DATE_ARG_RE.match(value.strip())
    if not m:
        raise ScrapnoteError(f"'{value}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else (12 if end else 1)
    if not 1 <= mo <= 12:
        raise ScrapnoteError(f"'{value}' is not a date (month {mo})")
    last = calendar.monthrange(y, mo)[1]
    d = int(m.group(3)) if m.group(3) else (last if end else 1)
    if not 1 <= d <= last:
        raise ScrapnoteError(f"'{value}' is not a date (day {d})")
    return f"{y:04d}-{mo:02d}-{d:02d}"


@dataclass(frozen=True)
class Filters:
    """Which notes a command takes: every tag, industry and company given (``company_any``, for
    ``questions``: any one of these companies), a part of the source, a date range."""

    tags: tuple[str, ...] = ()
    source: str | None = None
    industry: tuple[str, ...] = ()
    company: tuple[str, ...] = ()
    since: str | None = None  # YYYY-MM-DD
    until: str | None = None
    company_any: tuple[str, ...] = ()

    @classmethod
    def make(cls, tags=(), source=None, industry=(), company=(), since=None, until=None,
             company_any=()) -> Filters:
        """The filters as the options give them (dates as ``parse_date_arg`` reads them)."""
        return cls(tuple(tags or ()), source or None, tuple(industry or ()), tuple(company or ()),
                   parse_date_arg(since), parse_date_arg(until, end=True), tuple(company_any or ()))

    def __bool__(self) -> bool:
        """Whether any filter is set."""
        return self != Filters()
