"""The line kinds are one ordered table: the first row a line passes gives its kind."""
from __future__ import annotations

from scrapnote.extract import lines
from scrapnote.extract.lines import classify


def test_the_first_row_a_line_passes_gives_its_kind():
    assert classify(["관련기사"], 0) == "block"  # a box heading comes before a related link in the table
    assert classify(["[관련기사] 가상전자, 작년 매출 1조원"], 0) == "furniture"
    assert classify(["가상전자가 새 공장을 짓는다고 7일 밝혔다. 투자 규모는 5조원이다."], 0) == "text"
    assert classify(["", "x"], 0) == "blank"


def test_a_new_kind_is_one_row(monkeypatch):
    quote = ("quote", lambda ls, i: ls[i].startswith("> "))
    assert classify(["> 관련기사"], 0) == "block"
    monkeypatch.setattr(lines, "KINDS", [quote, *lines.KINDS])
    assert classify(["> 관련기사"], 0) == "quote"
    monkeypatch.setattr(lines, "KINDS", [*lines.KINDS[1:], quote])
    assert classify(["> 관련기사"], 0) == "block"  # at the end of the table, the earlier rows win
