"""Photo captions led or signed by their credit stay out of the body — in pasted text and in a saved
page (as a paragraph and as a <figcaption>), through ``scrapnote new --dry-run --json``. A wire
dateline (``[서울=연합뉴스] 김철수 기자 = …``) looks like a credit bracket and is the article's text."""
from __future__ import annotations

import json
from html import escape

import pytest

HEAD = "가상전자, 차세대 배터리 공장 착공\n입력 2025.03.04 10:12\n\n"
P1 = "가상전자가 충북 오창에 차세대 배터리 공장을 짓는다고 4일 밝혔다. 총 투자액은 1조2000억원이며 2027년 가동이 목표다."
P2 = "회사는 이번 공장에서 연간 20GWh 규모의 전지를 생산할 계획이라고 설명했다. 이는 현재 생산량의 두 배에 해당한다."
P3 = "업계에서는 이번 투자가 국내 배터리 공급망을 강화하는 계기가 될 것으로 보고 있다. 정부도 지원을 약속했다."
SIGN = "홍길동 기자 hong@gasang.example\n"

CAPTIONS = [
    "[사진=연합뉴스] 김 모 씨가 착공식에서 첫 삽을 뜨고 있다.",
    "[사진=가상통신] 4일 충북 오창에서 열린 착공식에서 박 모 대표가 공장 건설 계획을 설명하고 있다.",
    "(사진=가상전자) 오창 공장 조감도를 살펴보는 임직원들.",
    "(사진=가상전자 제공) 연구원들이 새 장비를 시험하고 있다.",
    "<사진> 착공식에 참석한 내빈들이 기념 촬영을 하고 있다.",
    "<사진=가상전자> 착공식에 참석한 내빈들",
    "【사진=가상뉴스】 착공식에 참석한 내빈들",
    "[사진] 연구원들이 새 장비를 시험하고 있다.",
    "[사진 제공=가상전자] 착공식에 참석한 내빈들이 기념 촬영을 하고 있다.",
    "[사진 출처=가상전자] 착공식 모습",
    "[그래픽=김철수 기자] 가상전자 매출 추이",
    "(자료사진) 가상전자 본사",
    "▲ 박 대표가 기념사를 하고 있다.",
    "착공식 현장에 모인 관계자들 /사진=가상뉴스",
    "사진 제공=가상전자",
    "공장 부지 전경 ⓒ 가상일보",
    "김 모 씨가 착공식에서 첫 삽을 뜨고 있다. ⓒ가상뉴스 김철수 기자",
    "첫 삽을 뜨는 내빈들 [사진 출처=가상전자]",
    "김 모 씨가 착공식에서 첫 삽을 뜨고 있다. [사진 출처=가상전자]",
]


def _body(cli, path) -> dict:
    r = cli("new", "--dry-run", "--json", "--no-drafts", path)
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


@pytest.mark.parametrize("caption", CAPTIONS)
def test_caption_in_pasted_text_is_left_out(cli, tmp_path, caption):
    p = tmp_path / "article.txt"
    p.write_text(f"{HEAD}{P1}\n\n{caption}\n\n{P2}\n\n{P3}\n\n{SIGN}", encoding="utf-8")
    note = _body(cli, p)
    assert note["body"] == f"{P1}\n\n{P2}\n\n{P3}", caption


def _page(inner: str) -> str:
    return ("<!doctype html><html lang='ko'><head><meta charset='utf-8'>"
            "<title>가상전자, 차세대 배터리 공장 착공 - 가상일보</title>"
            "<meta property='og:title' content='가상전자, 차세대 배터리 공장 착공'></head><body>"
            "<article><h1>가상전자, 차세대 배터리 공장 착공</h1>"
            "<div class='byline'>홍길동 기자 · 입력 2025.03.04 10:12</div><div class='article-body'>"
            f"{inner}<p>홍길동 기자 hong@gasang.example</p></div></article></body></html>")


def test_captions_in_a_saved_page_are_left_out(cli, tmp_path):
    """Every shape at once (one trafilatura run): as a paragraph of its own and as a figcaption."""
    paragraphs = [P1, P2, P3]
    inner = []
    for i, caption in enumerate(CAPTIONS):
        inner.append(f"<p>{escape(paragraphs[i % 3])}</p>")
        if i % 2:
            inner.append(f"<p>{escape(caption)}</p>")
        else:
            inner.append(f"<figure><img src='p{i}.jpg'><figcaption>{escape(caption)}</figcaption></figure>")
    p = tmp_path / "article.html"
    p.write_text(_page("".join(inner)), encoding="utf-8")
    body = _body(cli, p)["body"]
    for caption in CAPTIONS:
        assert caption not in body
    assert "[사진" not in body and "(사진" not in body and "<사진" not in body and "ⓒ" not in body
    assert body.count(P1) == 7 and body.count(P3) == 6


def test_a_photo_credit_is_not_the_publisher(cli, tmp_path):
    """``… ⓒ가상뉴스 김철수 기자`` credits the photo: the article's source is not 가상뉴스."""
    p = tmp_path / "article.txt"
    p.write_text(f"{HEAD}{P1}\n\n김 모 씨가 첫 삽을 뜨고 있다. ⓒ 연합뉴스 김철수 기자\n\n{P2}\n\n{SIGN}", encoding="utf-8")
    note = _body(cli, p)
    assert note["source"] != "연합뉴스"
    assert note["reporter"] == "홍길동"


def test_a_wire_dateline_is_the_articles_text(cli, tmp_path):
    """``[서울=연합뉴스] 김철수 기자 = …`` is a bracket with ``=`` too, but a place's: the lead stays."""
    p = tmp_path / "article.txt"
    lead = "가상전자가 충북 오창에 차세대 배터리 공장을 짓는다고 4일 밝혔다. 총 투자액은 1조2000억원이다."
    p.write_text(f"{HEAD}[서울=연합뉴스] 김철수 기자 = {lead}\n\n{P2}\n", encoding="utf-8")
    note = _body(cli, p)
    assert note["body"] == f"{lead}\n\n{P2}"
    assert note["source"] == "연합뉴스"


@pytest.mark.parametrize("credit", ["ⓒ 가상일보", "ⓒ가상일보", "© 가상일보"])
def test_a_paragraph_signed_with_the_copyright_keeps_its_text(cli, tmp_path, credit):
    """``… 밝혔다. ⓒ 가상일보`` glued to the last paragraph: the paragraph is the article's text (only
    the credit goes) and the credit is still the publisher's evidence; a one-sentence caption
    signed the same way stays a caption."""
    p = tmp_path / "article.txt"
    p.write_text(f"{HEAD}{P1}\n\n내빈들이 기념 촬영을 하고 있다. {credit}\n\n{P2}\n\n{P3} {credit}\n", encoding="utf-8")
    note = _body(cli, p)
    assert note["body"] == f"{P1}\n\n{P2}\n\n{P3}"
    assert note["source"] == "가상일보"
