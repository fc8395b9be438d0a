"""The filters ``list``, ``search``, ``export`` and ``questions`` share (``--tag``, ``--source``,
``--industry``, ``--company``, ``--since``, ``--until``)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from scrapnote.errors import ScrapnoteError
from scrapnote.note import Note

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
    tags: tuple[str, ...] = ()
    source: str | None = None
    industry: tuple[str, ...] = ()
    company: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None

    @classmethod
    def make(cls, tags=(), source=None, industry=(), company=(), since=None, until=None) -> "Filters":
        return cls(tuple(tags or ()), source, tuple(industry or ()), tuple(company or ()),
                   parse_date_arg(since), parse_date_arg(until, end=True))

    def sql(self) -> tuple[str, list]:
        """The same filters as an SQL condition on the index's ``notes`` table."""
        parts, args = [], []
        for col, wanted in (("tags", self.tags), ("industry", self.industry), ("companies", self.company)):
            for w in wanted:
                parts.append(f"EXISTS (SELECT 1 FROM json_each(notes.{col}) WHERE lower(value) = lower(?))")
                args.append(unicodedata.normalize("NFC", w))
        if self.source:
            parts.append("instr(lower(coalesce(source, '')), lower(?)) > 0")
            args.append(unicodedata.normalize("NFC", self.source))
        if self.since:
            parts.append("coalesce(date, '') <> '' AND date >= ?")
            args.append(self.since)
        if self.until:
            parts.append("coalesce(date, '') <> '' AND date <= ?")
            args.append(self.until)
        return "".join(f" AND {p}" for p in parts), args

    def matches(self, row: dict) -> bool:
        def has_all(want, have):
            have_l = {h.casefold() for h in have or []}
            return all(w.casefold() in have_l for w in want)

        if not has_all(self.tags, row.get("tags")):
            return False
        if not has_all(self.industry, row.get("industry")):
            return False
        if not has_all(self.company, row.get("companies")):
            return False
        if self.source and self.source.casefold() not in (row.get("source") or "").casefold():
            return False
        date = row.get("date") or ""
        if self.since and (not date or date < self.since):
            return False
        if self.until and (not date or date > self.until):
            return False
        return True

def row_of(note: Note) -> dict:
    m = note.meta
    return {"id": note.id, "date": note.date, "published": m.get("published"), "source": m.get("source"),
            "title": note.title, "tags": list(m.get("tags") or []), "industry": list(m.get("industry") or []),
            "companies": list(m.get("companies") or []), "url": m.get("url"),
            "path": str(note.path) if note.path else None}
