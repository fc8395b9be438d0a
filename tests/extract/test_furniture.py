"""Page furniture, kind by kind: each line below, put between two paragraphs or under the text, is
left out of the body; the furniture rules on lines of their own."""
from __future__ import annotations

import pytest

from scrapnote.extract import extract, furniture


HEAD = "가상기업, 신사업 진출 선언\n2024년 3월 4일\n\n"


P1 = "가상기업이 새로운 사업에 진출한다고 4일 밝혔다. 회사는 내년까지 100억원을 투자할 계획이다."


P2 = "업계에서는 가상기업의 이번 결정이 시장 판도를 바꿀 것으로 보고 있다고 관계자가 전했다."


@pytest.mark.parametrize("furniture", [
    "트위터로 보내기페이스북으로 보내기구글플러스로 보내기",
    "공유하기\n스크랩\n인쇄\n가 가 가 가 가",
    "카카오톡 공유 | URL 복사 | 페이스북 | 트위터",
    "f49e76ec12007117e6181c9f645fa41f_1639518455_0981.jpg",
    "photo_2024_03_04.PNG",
    "▲ 가상기업 본사 전경",
    "▲ 가상기업 대표가 4일 서울에서 열린 간담회에서 발표하고 있다. /사진=가상기업",
    "사진\n(가상기업 연구원들이 새 장비를 시험하고 있다.)",
    "가상기업 대표가 발표하고 있다. / 사진=가상기업",
    "[사진=게티이미지뱅크]",
    "(사진=가상기업 제공)",
    "게티이미지뱅크",
    "자료 : 가상통계청",
    "보도자료 문의: 가상기업 홍보팀 (02-123-4567, pr@example.com)",
    "hong@example.com",
    "▶ 네이버에서 가상일보 구독하기 클릭!",
    "[관련기사] 가상기업, 작년 매출 1조원",
])
def test_furniture_between_paragraphs_is_removed(furniture):
    a = extract(HEAD + P1 + "\n\n" + furniture + "\n\n" + P2 + "\n")
    assert a.body == P1 + "\n\n" + P2, furniture


@pytest.mark.parametrize("footer", [
    "ⓒ 가상일보 - 무단전재 & 재배포 금지",
    "Copyright © 가상일보. All rights reserved.",
    "<저작권자 © 가상일보, 무단 전재 및 재배포 금지>",
    "무 단 전 재  및  재 배 포  금 지",
    "많이 본 뉴스\n가상 기사 제목 하나\n가상 기사 제목 둘",
    "주요 뉴스\n가상 기사 제목 하나\n가상 기사 제목 둘",
    "관련기사\n가상기업, 작년 매출 1조원\n가상기업 대표 인터뷰",
    "댓글목록\n등록된 댓글이 없습니다.",
    "댓글 0\n로그인 후 댓글을 남길 수 있습니다. 욕설과 비방은 삭제될 수 있으며 운영 정책에 따라 제재를 받을 수 있습니다.",
    "그래픽 / 영상\n많이 본 뉴스",
    "홍길동 기자 hong@example.com\n홍길동 기자의 다른 기사 보기",
])
def test_footer_is_removed(footer):
    a = extract(HEAD + P1 + "\n\n" + P2 + "\n\n" + footer + "\n")
    assert a.body == P1 + "\n\n" + P2, footer


@pytest.mark.parametrize("line", [
    "동영상 재생", "0:00 / 1:32", "광고", "(영상=가상전자 제공)", "/사진=게티이미지뱅크", "[그래픽=김철수 기자]", "[연합뉴스TV 제공]",
    "관련기사 가상전자 북미 투자 확대", "이 기사는 2024년 10월 7일 15시21분 프리미엄 콘텐츠 서비스에 출고된 기사입니다.",
])
def test_furniture_between_paragraphs_under_a_byline(line):
    p1 = "가상전자가 미국 텍사스주에 5조원을 들여 배터리 공장을 짓는다고 7일 밝혔다. 2026년 가동이 목표다."
    p2 = "업계에 따르면 가상전자는 이르면 이달 말 이사회를 열고 투자안을 의결할 예정이다."
    a = extract(f"가상전자, 美 텍사스에 배터리 공장\n김철수 기자\n입력 2024.10.07\n{p1}\n\n{line}\n{p2}\n")
    assert a.body == f"{p1}\n\n{p2}"


def test_page_furniture_lines():
    for line in ("PICK 안내", "매일경제 언론사 이미지", "이데일리 로고", "타임톡", "번역 beta",
                 "이 기사는 언론사에서 경제 섹션으로 분류했습니다.", "이데일리 채널 구독 신청하기 ▶"):
        assert furniture.is_share_or_button(line) or furniture.is_image_line(line) or furniture.is_promo(line), line
    for line in ("한국경제 주요뉴스", "매일경제 헤드라인", "기자 프로필", "오늘의 주요뉴스"):
        assert furniture.is_block_marker(line), line
    assert furniture.is_nav("HOME 뉴스 클라우드")
    assert not furniture.is_share_or_button("24.10.07")
    assert not furniture.is_block_marker("가상전자 실적 헤드라인 뉴스로 본 삼성의 미래")
    assert not furniture.is_nav("가상전자 3분기 실적 발표")


def test_ranked_box_above_the_headline():
    body = "가상전자가 미국 텍사스주에 5조원을 들여 배터리 공장을 짓는다고 7일 밝혔다. 2026년 가동이 목표다.\n"
    for box in ("많이 본 뉴스\n1\n코스피 2,600선 회복 마감\n2\n환율 1,400원 돌파 우려\n",
                "1\n코스피 2,600선 회복 마감\n2\n환율 1,400원 돌파 우려\n3\n가상은행 금리 동결 결정\n"):
        a = extract(box + "가상전자, 美 텍사스에 배터리 공장\n김철수 기자\n입력 2024.10.07\n" + body)
        assert a.title == "가상전자, 美 텍사스에 배터리 공장" and a.body == body.strip()
