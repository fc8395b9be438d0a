"""`stats`: the habit of a collection with known scrap dates — streaks across month ends and a
leap day, notes per week, per industry and company, the share of notes with the reader's
sections written, plain when piped and JSON."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from scrapnote.learn.habit import Habit, day_of, level

# a run across a month end (1/30–2/2), a gap, then a run over the leap day to "today" (2028-03-01)
DAYS = ["2028-01-30", "2028-01-31", "2028-02-01", "2028-02-02",
        "2028-02-10",
        "2028-02-27", "2028-02-28", "2028-02-29", "2028-03-01"]


@pytest.fixture
def year(add):
    for i, d in enumerate(DAYS, 1):
        add(i, f"노트 {i}", scrapped=f"{d}T12:00:00+00:00", industry=["반도체"] if i % 2 else ["금융"],
            companies=["삼성전자"] if i <= 3 else [],
            summary="" if i == 9 else "요약을 썼다.")
    add(10, "같은 날 둘째", scrapped="2028-03-01T13:00:00+00:00", industry=["반도체"])


def stats_json(cli, now="2028-03-01T20:00:00+00:00"):
    r = cli("stats", "--json", env={"SCRAPNOTE_NOW": now, "TZ": "UTC"})
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def test_streaks_across_a_month_end_and_a_leap_day(cli, year):
    s = stats_json(cli)
    assert s["today"] == "2028-03-01"
    assert s["current_streak"] == 4  # 2/27, 2/28, 2/29, 3/1
    assert s["longest_streak"] == {"days": 4, "from": "2028-01-30", "to": "2028-02-02"}  # the first of equals
    assert s["per_day"]["2028-03-01"] == 2 and s["per_day"]["2028-02-29"] == 1
    assert s["notes"] == 10 and s["notes_past_year"] == 10


def test_the_current_streak_holds_while_today_is_open_and_breaks_after(cli, year):
    assert stats_json(cli, "2028-03-02T10:00:00+00:00")["current_streak"] == 4  # nothing yet today
    assert stats_json(cli, "2028-03-03T10:00:00+00:00")["current_streak"] == 0  # a day missed


def test_weeks_industries_companies_and_written_share(cli, year):
    s = stats_json(cli)
    weeks = dict((w["week"], w["notes"]) for w in s["per_week"])
    assert len(s["per_week"]) == 12 and list(weeks)[-1] == "2028-W09"
    assert weeks["2028-W09"] == 4  # Mon 2/28 … Wed 3/1: 2/28, 2/29 and 3/1 twice (Sun 2/27 is W08's)
    assert weeks["2028-W08"] == 1 and weeks["2028-W06"] == 1  # 2/10
    assert weeks["2028-W05"] == 3  # Mon 1/31, 2/1, 2/2 (Sun 1/30 is W04's)
    assert date(2028, 1, 31).isocalendar()[:2] == (2028, 5)
    assert s["per_industry"] == {"반도체": 6, "금융": 4}
    assert s["per_company"] == {"삼성전자": 3}
    assert s["written"] == 9 and s["written_share"] == 0.9  # note 9's 요약 is empty


def test_plain_calendar_when_piped(cli, year):
    r = cli("stats", env={"SCRAPNOTE_NOW": "2028-03-01T20:00:00+00:00", "TZ": "UTC"})
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    rows = lines[1:8]
    assert [row[:1] for row in rows] == list("일월화수목금토")
    assert all(len(row) <= 4 + 2 * 54 for row in rows)
    assert "현재 연속 4일" in r.stdout and "최장 연속 4일" in r.stdout and "반도체 6" in r.stdout
    assert "\x1b" not in r.stdout


def test_a_scrap_counts_on_the_local_day(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Asia/Seoul")
    time.tzset()
    try:
        assert day_of("2028-02-28T23:30:00+00:00") == date(2028, 2, 29)  # 08:30 in Seoul
        assert day_of(None, "2028-02-28") == date(2028, 2, 28)
        assert day_of("not a date", None) is None
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_the_calendar_covers_a_year_of_whole_weeks_from_sunday():
    h = Habit(date(2028, 3, 1))  # a Wednesday
    weeks = h.weeks()
    assert weeks[0][0] == date(2027, 2, 28) and weeks[0][0].weekday() == 6  # a Sunday
    assert weeks[-1][3] == date(2028, 3, 1) and weeks[-1][4] is None
    assert len(weeks) == 53
    assert [level(n) for n in (0, 1, 2, 3, 4, 6, 7, 30)] == [0, 1, 2, 2, 3, 3, 4, 4]


def test_stats_on_an_empty_collection(cli):
    r = cli("stats")
    assert r.exit_code == 0 and "no notes" in r.stderr


def test_the_html_digest_can_carry_the_calendar_as_inline_svg(cli, year, tmp_path):
    from html.parser import HTMLParser

    class Cells(HTMLParser):
        def __init__(self):
            super().__init__()
            self.cells, self.svgs = {}, 0

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "svg":
                self.svgs += 1
            if tag == "rect" and "data-date" in a:
                self.cells[a["data-date"]] = int(a["data-count"])

    out = tmp_path / "week.html"
    env = {"SCRAPNOTE_NOW": "2028-03-01T20:00:00+00:00", "TZ": "UTC"}
    r = cli("export", "--since", "2028-02-27", "-f", "html", "-o", out, "--calendar", env=env)
    assert r.exit_code == 0, r.stderr
    p = Cells()
    p.feed(out.read_text("utf-8"))
    assert p.svgs == 1 and len(p.cells) == 52 * 7 + 4  # 52 whole weeks and Sun–Wed of this one
    assert p.cells["2028-03-01"] == 2 and p.cells["2028-02-29"] == 1 and p.cells["2028-02-26"] == 0
    plain = tmp_path / "plain.html"
    assert cli("export", "1", "-f", "html", "-o", plain, env=env).exit_code == 0
    assert "<svg" not in plain.read_text("utf-8")  # only when asked
    bad = cli("export", "1", "-f", "md", "--calendar", env=env)
    assert bad.exit_code == 1 and "--calendar" in bad.stderr


def test_the_svg_calendar_names_its_months_and_weekdays(cli, year, tmp_path):
    """``export --calendar``: parsed with xml.etree, a 1월 … 12월 label over each month's first
    week (the first column whose first day is within the month's first seven days) and 월 수 금
    beside their rows, inside the picture and clear of the squares."""
    import xml.etree.ElementTree as ET

    out = tmp_path / "week.html"
    env = {"SCRAPNOTE_NOW": "2028-03-01T20:00:00+00:00", "TZ": "UTC"}
    assert cli("export", "--since", "2028-02-27", "-f", "html", "-o", out, "--calendar", env=env).exit_code == 0
    page = out.read_text("utf-8")
    svg = ET.fromstring(page[page.index("<svg"):page.index("</svg>") + len("</svg>")])
    ns = {"s": "http://www.w3.org/2000/svg"}
    rects = svg.findall("s:rect", ns)
    texts = svg.findall("s:text", ns)
    width, height = float(svg.get("width")), float(svg.get("height"))
    months = [(t.text, float(t.get("x")), float(t.get("y"))) for t in texts if t.get("class") == "month"]
    days = [(t.text, float(t.get("x")), float(t.get("y"))) for t in texts if t.get("class") == "weekday"]
    # the calendar runs from Sunday 2027-02-28 to 2028-03-01: its first week starts on 2027-02-28 (late in February: no
    # label), its last on 2028-02-27 (still February's): 3월 2027 … 2월 2028
    order = (3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2)
    assert [m[0] for m in months] == [f"{m}월" for m in order]
    col_x = {}  # the x of each week's squares, by the week's first day
    for r in rects:
        d = date.fromisoformat(r.get("data-date"))
        col_x.setdefault(d - timedelta(days=(d.weekday() + 1) % 7), float(r.get("x")))
    top = min(float(r.get("y")) for r in rects)
    for (name, x, y), month in zip(months, order):
        sunday = next(s for s, cx in col_x.items() if cx == x)
        assert sunday.month == month and sunday.day <= 7, name  # over the month's first week
        assert 0 < y <= top and x + 20 <= width, name  # above the squares, inside the picture
    assert [d[0] for d in days] == ["월", "수", "금"]
    row_y = {}
    for r in rects:
        row_y.setdefault((date.fromisoformat(r.get("data-date")).weekday() + 1) % 7, float(r.get("y")))
    cell = float(rects[0].get("height"))
    for (name, x, y), row in zip(days, (1, 3, 5)):
        assert row_y[row] < y <= row_y[row] + cell, name  # on its row's line
        assert 0 < x <= min(col_x.values()) and y <= height
    assert len(rects) == 52 * 7 + 4
