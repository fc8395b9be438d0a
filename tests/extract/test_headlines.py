"""Which line is the headline: one broken over two lines, a headline and its subtitle."""
from __future__ import annotations

import pytest

from scrapnote.extract import extract


@pytest.mark.parametrize("lines,title", [
    ("가상전자, 美 텍사스에\n배터리 공장 짓는다", "가상전자, 美 텍사스에 배터리 공장 짓는다"),  # one headline on two lines
    ("가상은행 기준금리 동결,\n가계부채 부담 반영", "가상은행 기준금리 동결, 가계부채 부담 반영"),
    ("가상전자 美 공장 착공\n총 5조원 투자…2026년 가동 목표", "가상전자 美 공장 착공"),  # a headline and its subtitle
])
def test_two_line_headlines(lines, title):
    a = extract("매일경제\n" + lines + "\n김철수 기자\n입력 2024.10.07\n"
                "가상전자가 미국 텍사스주에 5조원을 들여 배터리 공장을 짓는다고 밝혔다.\n")
    assert a.title == title
