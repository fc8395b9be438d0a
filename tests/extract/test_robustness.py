"""Nothing raises but InputError, whatever the text or the bytes; a very long line is read whole."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapnote.decode import decode_bytes
from scrapnote.errors import InputError
from scrapnote.extract import FORMATS, extract


def test_very_long_line():
    long_para = "가상전자가 새 공장을 짓는다고 밝혔다. " * 3000
    a = extract("가상전자 새 공장 착공\n" + long_para.strip() + "\n")
    assert a.title == "가상전자 새 공장 착공"
    assert len(a.body) > 60000 and a.body.endswith("밝혔다.")


@pytest.mark.parametrize("text", [
    "<p>\x1f",  # control characters lxml refuses
    "<html><body>" + "<div>" * 3000 + "본문이다." + "</div>" * 3000,
    "---\ntitle: 제목입니다 제목\ndate: 2024-13-45\n---\n본문이다. 본문 문장이 여기에 있습니다.\n",  # a date YAML cannot build
    "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\ntitle: *e\n---\n본문이다.\n",
    "---\n- a\n- b\n---\n본문이다. 본문 문장이 여기에 있습니다.\n",
    "|" * 5000,
    "[" * 3000 + "기자" + "]" * 3000,
    "공유하기\n댓글\n좋아요\n0\n",
    "\ud800 lone surrogate 기사",
])
def test_odd_input_gives_an_article_or_input_error(text):
    for fmt in (None, *FORMATS):
        try:
            a = extract(text, fmt=fmt)
        except InputError:
            continue
        assert isinstance(a.title, str) and isinstance(a.body, str)


_PIECES = st.sampled_from([
    "\n", "\t", " ", "기자", "김철수 기자", "입력 2024.10.07", "ⓒ", "---\n", "title: x\n", "date: 2024-02-30\n", "<html>", "<p>",
    "</p>", "<br>", "<table><tr><td>", "|", "| --- |", "[이데일리 김철수 기자]", "(서울=연합뉴스)", "많이 본 뉴스", "관련기사", "▲",
    "사진=", "https://www.hankyung.com/article/2024100712345", "a@b.co.kr", "24.10.07", "2024년 10월 7일", "헤드라인\t",
    "본문\t", "다.", "\u00a0", "\r\n", "**", "# ", "![](x)", "<?xml", "<script type='application/ld+json'>{", "\"", "…",
    "By KIM", "SEOUL, Oct. 7 (Yonhap) -- ", "느낀 점", "\x00", "\ud800",
])


_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(_TEXT, st.sampled_from([None, *FORMATS]))
def test_random_text_only_raises_input_error(text, fmt):
    try:
        a = extract(text, fmt=fmt)
    except InputError:
        return
    assert isinstance(a.title, str) and isinstance(a.body, str)
    assert a.published is None or len(a.published) == 10


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(st.binary(max_size=300), _TEXT.map(lambda s: s.encode("utf-8", "replace")),
                 _TEXT.map(lambda s: s.encode("cp949", "replace"))),
       st.one_of(st.sampled_from([None, "euc-kr", "utf-8", "latin-1", "no-such-charset", "utf-16", "punycode", "idna",
                                  "undefined", "base64", "rot13", "utf-7", "\x00", " EUC-KR "]), st.text(max_size=12)))
def test_random_bytes_only_raise_input_error(data, declared):
    try:
        text = decode_bytes(data, max_bytes=10_000, declared=declared)
    except InputError:
        return
    assert isinstance(text, str) and "\r" not in text
    try:
        extract(text)
    except InputError:
        pass
