"""Dates as Korean pages write them: parsing, the date inside a link, a publish stamp glued to the
text after it."""
from __future__ import annotations

import pytest

from scrapnote.extract import dates


@pytest.mark.parametrize("text,expected", [
    ("2017. 4. 19. 19:32", "2017-04-19"),
    ("2017.05.22 08:04:18", "2017-05-22"),
    ("2021년 12월 15일", "2021-12-15"),
    ("2017년 04월 17일(월) 08:58:07", "2017-04-17"),
    ("입력 2023.07.13 15:20", "2023-07-13"),
    ("수정 2023.07.14 10:00 입력 2023.07.13 15:20", "2023-07-13"),
    ("2023-07-13T23:30:00+00:00", "2023-07-14"),
    ("2023-07-13", "2023-07-13"),
    ("Jul 13, 2023", "2023-07-13"),
    ("7월 17일", None),
    ("2023.13.45", None),
])
def test_parse_date(text, expected):
    assert dates.parse_date(text) == expected


def test_two_digit_years_only_on_datelines():
    assert dates.parse_date("24.10.07", short_years=True) == "2024-10-07"
    assert dates.parse_date("버전 24.10.07") is None


@pytest.mark.parametrize("url,expected", [
    ("https://www.hankyung.com/it/article/202307133276i", "2023-07-13"),
    ("https://www.yna.co.kr/view/AKR20230713012300001", "2023-07-13"),
    ("https://example.com/2023/07/13/some-slug/", "2023-07-13"),
    ("https://news.example.com/view.php?date=2023-07-13&id=1", "2023-07-13"),
    ("https://n.news.naver.com/article/015/0004865432", None),
    ("https://kicho.tistory.com/542", None),
    (None, None),
])
def test_date_from_url(url, expected):
    assert dates.date_from_url(url) == expected


@pytest.mark.parametrize("line,stamp,rest", [
    ("입력 2024.07.25. 오전 8:12 가상반도체가 매출을 발표했다.", "입력 2024.07.25. 오전 8:12", "가상반도체가 매출을 발표했다."),
    ("입력2024.07.25.가상반도체가 매출을 발표했다.", "입력2024.07.25.", "가상반도체가 매출을 발표했다."),
    ("[입력 2024-07-25 08:12] 가상반도체가 매출을", "[입력 2024-07-25 08:12]", "가상반도체가 매출을"),
    ("입력 2024.07.25 08:12 수정 2024.07.25 09:30 가상반도체가 매출을", "입력 2024.07.25 08:12 수정 2024.07.25 09:30",
     "가상반도체가 매출을"),
    ("기사입력 2024년 7월 25일 08시 12분 가상반도체가 매출을", "기사입력 2024년 7월 25일 08시 12분", "가상반도체가 매출을"),
])
def test_split_date_stamp(line, stamp, rest):
    assert dates.split_date_stamp(line) == (stamp, rest)


@pytest.mark.parametrize("line", ["입력 2024.07.25. 오전 8:12", "등록 2024.07.25 08:12 | 수정 2024.07.25 09:00",
                                  "입력한 2024년 자료는 모두 삭제됐다고 밝혔다.", "2024.07.25 가상반도체가 매출을 발표했다."])
def test_split_date_stamp_leaves_other_lines(line):
    assert dates.split_date_stamp(line) is None
