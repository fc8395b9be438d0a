"""The scrap habit: notes scrapped per day over the past year (a calendar as GitHub draws
contributions: one column per week, Sunday on top), the current and longest streak of days with
a scrap, notes per week, per industry and per company, and the share of notes whose reader's
sections are written (``check`` finds nothing missing).

A note's day is its ``scrapped`` time in the local time zone (a scrap at 08:00 in Seoul is that
day's, though it is the day before in UTC); a note without one counts by its date.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta


def day_of(scrapped: str | None, fallback: str | None = None) -> date | None:
    """The local day of a note's scrap time (``2026-12-02T12:38:58+00:00``, or a date)."""
    for v in (scrapped, fallback):
        if not v:
            continue
        try:
            t = datetime.fromisoformat(str(v))
        except ValueError:
            try:
                return date.fromisoformat(str(v)[:10])
            except ValueError:
                continue
        if len(str(v)) <= 10:
            return t.date()
        return (t.astimezone() if t.tzinfo else t).date()
    return None


@dataclass
class Habit:
    today: date
    per_day: Counter = field(default_factory=Counter)
    total: int = 0
    complete: int = 0
    industries: Counter = field(default_factory=Counter)
    companies: Counter = field(default_factory=Counter)

    # -- the calendar ------------------------------------------------------------------------
    def first_day(self) -> date:
        """The Sunday that starts the calendar: 52 whole weeks before this week's Sunday."""
        this_sunday = self.today - timedelta(days=(self.today.weekday() + 1) % 7)
        return this_sunday - timedelta(weeks=52)

    def weeks(self) -> list[list[date | None]]:
        """The calendar's columns: weeks of seven days (Sunday first); days after today None."""
        out = []
        d = self.first_day()
        while d <= self.today:
            out.append([d + timedelta(days=i) if d + timedelta(days=i) <= self.today else None for i in range(7)])
            d += timedelta(weeks=1)
        return out

    def month_columns(self) -> list[tuple[int, int]]:
        """(week column, month) where a month's label goes: the first week whose first shown day is
        in a new month, within its first seven days (as GitHub labels its calendar)."""
        out: list[tuple[int, int]] = []
        last = None
        for i, week in enumerate(self.weeks()):
            first = next(d for d in week if d is not None)
            if first.month != last and first.day <= 7:
                out.append((i, first.month))
                last = first.month
        return out

    def in_year(self) -> int:
        start = self.first_day()
        return sum(n for d, n in self.per_day.items() if start <= d <= self.today)

    # -- streaks -----------------------------------------------------------------------------
    def current_streak(self) -> int:
        """Days in a row with a scrap, ending today — or yesterday, while today is still open."""
        d = self.today if self.per_day.get(self.today) else self.today - timedelta(days=1)
        n = 0
        while self.per_day.get(d):
            n += 1
            d -= timedelta(days=1)
        return n

    def longest_streak(self) -> tuple[int, date | None, date | None]:
        best, best_start, best_end = 0, None, None
        run, start = 0, None
        prev = None
        for d in sorted(x for x, n in self.per_day.items() if n and x <= self.today):
            if prev is not None and d - prev == timedelta(days=1):
                run += 1
            else:
                run, start = 1, d
            if run > best:
                best, best_start, best_end = run, start, d
            prev = d
        return best, best_start, best_end

    # -- weeks -------------------------------------------------------------------------------
    def per_week(self, n: int = 12) -> list[tuple[str, int]]:
        """The last ``n`` ISO weeks (``2026-W49``), oldest first, with their notes."""
        out = []
        monday = self.today - timedelta(days=self.today.weekday())
        for k in range(n - 1, -1, -1):
            start = monday - timedelta(weeks=k)
            y, w, _ = start.isocalendar()
            out.append((f"{y}-W{w:02d}", sum(self.per_day.get(start + timedelta(days=i), 0) for i in range(7))))
        return out

    def to_json(self) -> dict:
        longest, ls, le = self.longest_streak()
        return {
            "today": self.today.isoformat(),
            "notes": self.total,
            "notes_past_year": self.in_year(),
            "current_streak": self.current_streak(),
            "longest_streak": {"days": longest, "from": ls.isoformat() if ls else None,
                               "to": le.isoformat() if le else None},
            "per_day": {d.isoformat(): n for d, n in sorted(self.per_day.items())},
            "per_week": [{"week": w, "notes": n} for w, n in self.per_week()],
            "per_industry": dict(self.industries.most_common()),
            "per_company": dict(self.companies.most_common()),
            "written_share": round(self.complete / self.total, 3) if self.total else None,
            "written": self.complete,
        }


def habit(rows, today: date) -> Habit:
    """The habit of index rows (``scrapped``, ``date``, ``industry``, ``companies``, ``incomplete``)."""
    h = Habit(today)
    for r in rows:
        h.total += 1
        d = day_of(r.get("scrapped"), r.get("date"))
        if d is not None:
            h.per_day[d] += 1
        if not r.get("incomplete"):
            h.complete += 1
        h.industries.update(set(r.get("industry") or []))
        h.companies.update(set(r.get("companies") or []))
    return h


LEVELS = (1, 2, 4, 7)  # notes a day from which a calendar cell takes the next shade


def level(n: int) -> int:
    """The shade of a day with ``n`` notes: 0 (none), 1 (one), 2 (2–3), 3 (4–6), 4 (7 or more)."""
    return sum(1 for x in LEVELS if n >= x)


WEEKDAY_LABELS = ((1, "월"), (3, "수"), (5, "금"))  # rows of a Sunday-first week that get a label


def calendar_svg(h: Habit, cell: int = 11, gap: int = 2) -> str:
    """The calendar as an inline SVG (the HTML export's), one square per day, the months (1월 … 12월)
    over their first week and 월, 수, 금 beside their rows."""
    from html import escape

    shades = ("#ebedf0", "#c6e48b", "#7bc96f", "#239a3b", "#196127")
    weeks = h.weeks()
    left, top, step = 30, 16, cell + gap
    w = left + len(weeks) * step + 12  # room for a month label over the last week
    height = top + 7 * step
    label = 'font-size="9" fill="#767676" font-family="sans-serif"'
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="calendar" width="{w}" height="{height}" '
             f'role="img" aria-label="스크랩 달력: 지난 1년 {h.in_year()}개">']
    shown = -3
    for col, month in h.month_columns():
        if col - shown < 3:  # too close to the label before (the calendar's first week): left out
            continue
        parts.append(f'<text class="month" x="{left + col * step}" y="{top - 5}" {label}>{month}월</text>')
        shown = col
    for row, name in WEEKDAY_LABELS:
        parts.append(f'<text class="weekday" x="{left - 6}" y="{top + row * step + cell - 2}" text-anchor="end" '
                     f'{label}>{name}</text>')
    for i, week in enumerate(weeks):
        for j, d in enumerate(week):
            if d is None:
                continue
            n = h.per_day.get(d, 0)
            parts.append(f'<rect x="{left + i * step}" y="{top + j * step}" width="{cell}" height="{cell}" '
                         f'rx="2" fill="{shades[level(n)]}" data-date="{d.isoformat()}" data-count="{n}">'
                         f'<title>{escape(d.isoformat())}: {n}</title></rect>')
    parts.append("</svg>")
    return "".join(parts)
