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


# ---------------------------------------------------------------- hard-wrapped scripts (issue 12)

from scrapnote.extract.page import rejoin_wrapped  # noqa: E402

SCRIPT = [
    "누리모터스가 울산에 2조 원을 들여 전기차 전용",
    "공장을 짓습니다. 연간 20만 대를 생산할 수",
    "있는 규모로 2026년 완공이 목표입니다.",
    "",
    "울산시는 인허가 절차를 서두르고 기반 시설을",
    "지원하기로 했습니다.",
]


def test_a_script_wrapped_at_a_fixed_width_is_rejoined_paragraph_by_paragraph():
    assert rejoin_wrapped(SCRIPT) == [
        "누리모터스가 울산에 2조 원을 들여 전기차 전용 공장을 짓습니다. 연간 20만 대를 생산할 수 있는 규모로 2026년 완공이 목표입니다.",
        "",
        "울산시는 인허가 절차를 서두르고 기반 시설을 지원하기로 했습니다.",
    ]


def test_a_headline_and_its_subheads_are_not_a_wrapped_paragraph():
    stack = ["가상전자 3분기 실적 발표…영업익 급증", "메모리 회복에 시장 예상치 웃돌아", "하반기에도 수요 이어질 듯", "",
             "가상전자가 3분기 영업이익 9조원을 기록했다."]
    assert rejoin_wrapped(stack) == stack


def test_a_cue_a_date_or_a_byline_breaks_a_wrapped_run():
    lines = ["[앵커]", *SCRIPT[:3], "김철수 기자", "입력 2024.10.07 15:21"]
    out = rejoin_wrapped(lines)
    assert out[0] == "[앵커]" and out[-2:] == ["김철수 기자", "입력 2024.10.07 15:21"]
    assert out[1].endswith("2026년 완공이 목표입니다.") and len(out) == 4


def test_ordinary_copied_text_is_left_as_it_is():
    text = ["가상전자, 3분기 영업익 9조원", "김철수 기자", "",
            "가상전자가 3분기 영업이익 9조원을 기록했다고 7일 공시했다. 시장 예상치를 크게 웃돌았다.", "",
            "반도체 부문이 실적 개선을 이끌었다."]
    assert rejoin_wrapped(text) == text
