"""Reporters, bylines and datelines: the forms a byline takes in a page's header, a dateline in front of
the first paragraph, English bylines, names that are not names, outlets the table does not know.
(All names below are invented.)"""
from __future__ import annotations

import pytest

from scrapnote.extract import bylines, extract


@pytest.mark.parametrize("byline,name,source,date", [
    ("김유성 기자I 2017.05.22 08:04:18", "김유성", None, "2017-05-22"),
    ("* 2017년 04월 17일(월) 08:58:07 김성수 기자 kimss56@itdaily.kr", "김성수", "아이티데일리", "2017-04-17"),
    ("이데일리 박가상 기자 | 2023.07.13 15:20", "박가상", "이데일리", "2023-07-13"),
    ("기자명 최가상 기자 입력 2023.07.13 15:20 댓글 0", "최가상", None, "2023-07-13"),
])
def test_byline_forms(byline, name, source, date):
    text = (f"가상기업, 신사업 진출 선언\n{byline}\n가상기업이 새로운 사업에 진출한다고 밝혔다. 회사는 내년까지 100억원을 "
            "투자할 계획이라고 덧붙였다.\n")
    a = extract(text)
    assert a.title == "가상기업, 신사업 진출 선언"
    assert (a.reporter, a.published) == (name, date)
    assert a.source == source
    assert not any(x in a.body for x in ("기자", "2017", "2023."))


@pytest.mark.parametrize("dateline,source,reporter", [
    ("[제주=이데일리 김가상 기자]", "이데일리", "김가상"),
    ("(서울=연합뉴스) 홍가상 기자 =", "연합뉴스", "홍가상"),
    ("【서울=뉴시스】홍가상 기자 =", "뉴시스", "홍가상"),
    ("[아이티데일리]", "아이티데일리", None),
    ("[헤럴드경제=박가상 기자]", "헤럴드경제", "박가상"),
    ("[파이낸셜뉴스]", "파이낸셜뉴스", None),
    ("[가상일보 박가상 기자]", "가상일보", "박가상"),
    ("[워싱턴=가상뉴스] 박가상 특파원 =", "가상뉴스", "박가상"),
    ("박가상 기자 =", None, "박가상"),
])
def test_dateline_in_front_of_the_first_paragraph(dateline, source, reporter):
    text = f"가상기업, 신사업 진출\n\n{dateline} 가상기업이 새로운 사업에 진출한다고 밝혔다. 회사는 내년까지 100억원을 투자한다.\n"
    a = extract(text)
    assert (a.source, a.reporter) == (source, reporter)
    assert a.body.startswith("가상기업이 새로운 사업에")


def test_bracket_that_is_not_a_dateline_stays():
    text = "가상기업, 신사업 진출\n\n[단독] 가상기업이 새로운 사업에 진출한다고 밝혔다. 회사는 내년까지 100억원을 투자한다.\n"
    a = extract(text)
    assert a.body.startswith("[단독] 가상기업이")
    assert a.source is None


@pytest.mark.parametrize("raw,expected", [
    ("김유성 기자", "김유성"), ("홍길동 특파원 hong@x.co.kr", "홍길동"), ("[[최가상]]", "최가상"),
    ("이데일리 김유성 기자", "김유성"), ("연합뉴스", None), ("", None), ("한국경제 | 네이버", None),
])
def test_clean_person(raw, expected):
    assert bylines.clean_person(raw) == expected


def test_dateline_parser():
    d = bylines.parse_dateline("[제주=이데일리 김유성 기자] 카카오톡을 만든 회사가")
    assert (d.source, d.reporters, d.place, d.rest) == ("이데일리", ["김유성"], "제주", "카카오톡을 만든 회사가")
    assert bylines.parse_dateline("[단독] 가상기업이") is None
    assert bylines.parse_dateline("[사진=연합뉴스] 가상기업이") is None


HEAD = "정부, 내년 예산 677조원 편성…3.2% 증가\n"


BODY = ("정부가 내년 예산을 677조원 규모로 편성했다. 올해보다 3.2% 늘어난 규모다.\n\n"
        "가상재정부는 7일 국무회의에서 이 같은 내용의 예산안을 의결했다고 밝혔다.\n")


BYLINE_CASES = [
    ("김철수 경제부 기자\n2024.10.07 15:21\n", "김철수", "2024-10-07"),
    ("글·사진 김철수 기자\n입력 2024.10.07\n", "김철수", "2024-10-07"),
    ("세종=김철수 기자\n입력 2024-10-07 15:21\n", "김철수", "2024-10-07"),
    ("워싱턴=김철수 특파원\n2024-10-07\n", "김철수", "2024-10-07"),
    ("[머니투데이 김철수기자]\n2024-10-07\n", "김철수", "2024-10-07"),
    ("기자명 김철수\n입력 2024.10.07 15:21\n", "김철수", "2024-10-07"),
    ("김철수·박영희 기자\n입력 2024.10.07 15:21\n", "김철수, 박영희", "2024-10-07"),
    ("김철수 박영희 기자\n입력 2024.10.07 15:21\n", "김철수, 박영희", "2024-10-07"),
    ("전문가 김철수 기자\n입력 2024.10.07 15:21\n", "김철수", "2024-10-07"),
    ("수정 2024.10.08 09:00 입력 2024.10.07 15:21\n김철수 기자\n", "김철수", "2024-10-07"),
    ("2024.10.07(월) 15:21\n김철수 기자\n", "김철수", "2024-10-07"),
    ("2024년10월07일 15시21분\n김철수 기자\n", "김철수", "2024-10-07"),
    ("기사입력 2024-10-07 15:21 | 최종수정 2024-10-08 16:02\n김철수 기자\n", "김철수", "2024-10-07"),
    ("Posted on 2024-10-07\nby 김철수\n", "김철수", "2024-10-07"),
    ("김철수 기자 | 승인 2024.10.07 15:21 | 댓글 0\n", "김철수", "2024-10-07"),
    ("김철수 기자 ( kim@x.co.kr ) | 등록 2024.10.07 15:21\n", "김철수", "2024-10-07"),
    ("김철수 기자 / 2024.10.07\n", "김철수", "2024-10-07"),
    ("[2024-10-07]\n김철수 기자\n", "김철수", "2024-10-07"),
    ("24.10.07 15:21\n김철수 기자\n", "김철수", "2024-10-07"),
    ("남궁민수 기자\n2024.10.07\n", "남궁민수", "2024-10-07"),
    ("사진=김철수 기자\n2024.10.07\n", None, "2024-10-07"),
    ("10월 7일\n김철수 기자\n", "김철수", None),
    ("글 김철수 기자 / 사진 박영희 기자\n2024.10.07\n", "김철수", "2024-10-07"),
    ("김철수 기자 입력 2024.10.07 15:21 수정 2024.10.08 16:00 댓글 3 좋아요 5\n", "김철수", "2024-10-07"),
    ("김철수 칼럼니스트\n2024.10.07\n", "김철수", "2024-10-07"),  # a column's writer is its reporter (issue 12)
]


@pytest.mark.parametrize("header,reporter,published", BYLINE_CASES, ids=[f"header{i:02d}" for i in range(len(BYLINE_CASES))])
def test_header_bylines_and_dates(header, reporter, published):
    a = extract(HEAD + header + BODY)
    assert a.title == "정부, 내년 예산 677조원 편성…3.2% 증가"
    assert (a.reporter, a.published) == (reporter, published)
    assert a.body.startswith("정부가 내년 예산을") and a.body.endswith("의결했다고 밝혔다.")


@pytest.mark.parametrize("line,names", [
    ("By Kim Chul-soo", ["Kim Chul-soo"]),
    ("BY KIM CHUL-SOO [kim.chulsoo@joongang.co.kr]", ["Kim Chul-soo"]),
    ("By Kim Chul-soo and Lee Young-hee", ["Kim Chul-soo", "Lee Young-hee"]),
    ("By Kim Chul-soo Oct 07, 2024 (Gmt+09:00)", ["Kim Chul-soo"]),
    ("By Kim Chul-soo, Staff Reporter", ["Kim Chul-soo"]),
    ("By contrast, the bank held its rate steady for the third straight meeting this year.", []),
])
def test_english_bylines(line, names):
    assert bylines.en_byline_names(line) == names


@pytest.mark.parametrize("line,source,names,rest", [
    ("(서울=연합뉴스) 김철수 박영희 기자 = 환율이 올랐다.", "연합뉴스", ["김철수", "박영희"], "환율이 올랐다."),
    ("김철수 박영희 기자 = 환율이 올랐다.", None, ["김철수", "박영희"], "환율이 올랐다."),
    ("이데일리 김철수 기자 = 환율이 올랐다.", "이데일리", ["김철수"], "환율이 올랐다."),
    ("SEOUL, Oct. 7 (Yonhap) -- Exports rose.", "연합뉴스", [], "Exports rose."),
])
def test_dateline_parser_with_several_names_or_in_english(line, source, names, rest):
    d = bylines.parse_dateline(line)
    assert (d.source, d.reporters, d.rest) == (source, names, rest)


@pytest.mark.parametrize("outlet", ["테크가상", "가상비즈", "더가상", "가상경제신문"])
def test_outlet_the_table_does_not_know(outlet):
    body = "가상전자가 미국 텍사스주에 5조원을 들여 배터리 공장을 짓는다고 7일 밝혔다.\n\n업계는 투자를 반겼다.\n"
    a = extract(f"{outlet}\n가상전자 美 공장 착공\n김철수 기자\n2024.10.07\n[{outlet} 김철수 기자] " + body)
    assert (a.title, a.source, a.reporter) == ("가상전자 美 공장 착공", outlet, "김철수")
    a = extract(f"{outlet}\n가상전자 美 공장 착공\n김철수 기자\n2024.10.07\n" + body)
    assert a.title == "가상전자 美 공장 착공" and a.source is None  # a logo line alone is not evidence enough
