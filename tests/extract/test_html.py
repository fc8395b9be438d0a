"""Saved HTML: dates read by the Korean date rules wherever the page shows them."""
from __future__ import annotations

import pytest

from scrapnote.extract import extract


@pytest.mark.parametrize("shown,expected", [
    ("승인 24.10.07 15:20", "2024-10-07"),
    ("입력 2024년 10월 7일 09:00", "2024-10-07"),
    ("등록 2024.10.07 09:00 | 수정 2024.10.08 10:00", "2024-10-07"),
])
def test_html_dates_by_korean_rules(shown, expected):
    html = f"""<html><head><meta charset="utf-8"><title>가상증권 "코스피 하반기 3000 간다" &lt; 증권 &lt; 기사본문 - 가상투데이</title>
<meta name="author" content="한가상 특파원"></head><body>
<h1><a href="/"><img src="/logo.gif" alt="가상투데이"></a></h1>
<h3>가상증권 "코스피 하반기 3000 간다"</h3><ul><li>한가상 특파원</li><li>{shown}</li></ul>
<div id="article-view-content-div">
<p>[뉴욕=가상투데이 한가상 특파원] 가상증권이 하반기 코스피 전망치를 3000으로 올려 잡았다. 반도체 업황 개선이 근거다.</p>
<p>가상증권 리서치센터는 7일 보고서에서 "금리 인하가 맞물리면서 지수가 오를 것"이라고 밝혔다.</p>
</div><p>&lt;저작권자 © 가상투데이 무단전재 및 재배포금지&gt;</p></body></html>"""
    a = extract(html)
    assert a.format == "html"
    assert a.title == '가상증권 "코스피 하반기 3000 간다"'
    assert a.published == expected
    assert (a.source, a.reporter) == ("가상투데이", "한가상")
    assert a.body.startswith("가상증권이 하반기 코스피 전망치를")
