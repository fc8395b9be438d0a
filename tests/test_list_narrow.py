"""``list`` on a narrow page lays out as ``search`` does: the title first. While the title would get
fewer than 30 cells the tags column is left out, then the date goes compact (24-03-01), then the
source is cut, then left out; ids and dates are never cut, no line is wider than the page, no row
wraps — piped (Rich's small table and the streamed lines), on a terminal, and in ``related``."""
from __future__ import annotations

import os
import re

import pytest
from rich.cells import cell_len

from conftest import scrapnote_exe
from test_study_commands import _run_on_pty

TITLES = ["가상전자, 차세대 배터리 공장 착공…충북 오창에 1조2000억원 투자",
          "가상은행 기준금리 동결에 대출금리 하락세 이어질까",
          "가상통신 AI 데이터센터 증설, 전력 수요 급증 우려"]


@pytest.fixture
def notes(write_note):
    for i, title in enumerate(TITLES, 1):
        write_note(f"{i:04d}-n.md", f"---\nid: {i}\ntitle: \"{title}\"\nsource: 가상경제신문사\n"
                                    f"published: 2025-03-0{i}\ntags: [배터리투자, 지역경제, 스터디]\n"
                                    f"keywords: [가상전자, 배터리]\n---\n\n## 본문\n\n가상전자 배터리 이야기다.\n")


def rows_of(text: str) -> list[str]:
    return [ln for ln in re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text).replace("\r", "").splitlines()
            if ln.strip() and not set(ln.strip()) <= set("─-")]


def check_narrow(lines: list[str], width: int, *, source: bool, compact: bool, title_min: int = 30) -> None:
    header, body = lines[0], lines[1:]
    assert "tags" not in header and ("출처" in header) == source, header
    assert len(body) == 3
    date = r"\d\d-\d\d-\d\d" if compact else r"\d{4}-\d\d-\d\d"
    for ln in lines:
        assert cell_len(ln.rstrip()) <= width, (width, ln)
    for ln in body:
        m = re.match(rf"^\s*(\d)\s+({date})\s+", ln)
        assert m, (width, ln)  # the id and the date whole, on the row's one line
        n = int(m.group(1))
        title = TITLES[n - 1]
        rest = re.split(r"\s{2,}", ln[m.end():].rstrip(), maxsplit=1) if source else [ln[m.end():].rstrip()]
        if source:
            assert rest[0].startswith("가상경제"), ln  # the source, perhaps cut
        column = rest[-1]  # the title with its ✎ mark
        shown = column.removeprefix("✎ ")
        assert "배터리투자" not in shown and "스터디" not in shown  # no tags
        assert title.startswith(shown.rstrip("…").rstrip()), (shown, title)  # cut at its end only
        assert cell_len(column) >= min(title_min, cell_len(title)), (width, column)  # the title column gets 30 cells


@pytest.mark.parametrize("width, source, compact, title_min", [
    (60, True, False, 30),  # the tags give way: id 2 + date 10 + source 12 + gaps 6 leave the title 30
    (52, False, True, 30),  # then the date goes compact and the source is cut, then left out
    (40, False, True, 26),  # nothing left to give way: the title takes the rest (40 - id 2 - date 8 - gaps 4)
])
def test_piped_list_on_a_narrow_page(cli, notes, width, source, compact, title_min):
    r = cli("list", env={"COLUMNS": str(width)})
    assert r.exit_code == 0, r.stderr
    check_narrow(rows_of(r.stdout), width, source=source, compact=compact, title_min=title_min)


def test_a_wide_page_keeps_every_column(cli, notes):
    r = cli("list", env={"COLUMNS": "140"})
    header, *body = rows_of(r.stdout)
    assert header.split() == ["id", "날짜", "출처", "제목", "tags"]
    assert all(re.match(r"^\s*\d\s+2025-03-0\d\s", ln) for ln in body) and "배터리투자" in r.stdout


def test_the_streamed_list_lays_out_the_same(cli, notes, monkeypatch):
    """A list longer than a chunk is written without Rich, in the first chunk's columns."""
    from scrapnote import render

    monkeypatch.setattr(render, "LIST_CHUNK", 2)
    for width, source, compact in ((60, True, False), (44, False, True)):
        r = cli("list", env={"COLUMNS": str(width)})
        assert r.exit_code == 0, r.stderr
        check_narrow(rows_of(r.stdout), width, source=source, compact=compact)


def test_related_on_a_narrow_page(cli, notes):
    r = cli("related", "1", env={"COLUMNS": "60"})
    assert r.exit_code == 0, r.stderr
    lines = rows_of(r.stdout)
    assert "tags" not in lines[0] and all(cell_len(ln.rstrip()) <= 60 for ln in lines)


def test_list_on_a_narrow_terminal(home, notes):
    env = {**os.environ, "SCRAPNOTE_HOME": str(home), "TERM": "xterm-256color", "NO_COLOR": "1",
           "LINES": "40", "COLUMNS": "60"}
    rc, out = _run_on_pty([scrapnote_exe(), "--no-pager", "list"], env)
    assert rc == 0, out
    lines = rows_of(out)
    header, body = lines[0], lines[1:]
    assert "tags" not in header and "제목" in header
    for ln in body:
        assert cell_len(ln.rstrip()) <= 60, ln
        m = re.match(r"^\s*(\d)\s+(\d\d-\d\d-\d\d|\d{4}-\d\d-\d\d)\s+", ln)
        assert m, ln
        assert "스터디" not in ln
    assert len(body) == 3


def test_streamed_lines_compact_every_data_rows_date_whatever_its_other_cells():
    """The row counter and a cell's width were one variable (``n``): a row whose id cell was
    empty (0 cells) read as the header and kept its full date, cut to ``2025-03…``. The rule is
    the 날짜 column's width alone: narrower than a date, every data row's date compact."""
    from scrapnote import plaintable

    rows = [("1", "2025-03-01", "", "제목", ""), ("", "2025-03-02", "", "제목", "")]
    lines = plaintable.list_lines(rows, [2, 8, 0, 10, 0], header=True)
    assert lines[0].split()[:2] == ["id", "날짜"]
    assert [ln.split()[-2] for ln in lines[1:]] == ["25-03-01", "25-03-02"], lines
    assert plaintable.list_lines(rows, [2, 10, 0, 10, 0], header=False)[1].split()[0] == "2025-03-02"
