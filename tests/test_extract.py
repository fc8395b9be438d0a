"""Extraction: every field of every sample in seeds/expected.yaml, then small made-up pages for each
input format and each kind of page furniture (all names and companies below are invented)."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from scrapnote.errors import InputError
from scrapnote.extract import FORMATS, extract, load_article
from scrapnote.extract import bylines, dates
from scrapnote.extract import publishers
from scrapnote.extract.frontmatter import markdown_to_text
from scrapnote.extract.scrapform import match_label

SEEDS = Path(__file__).parent.parent / "seeds"
EXPECTED = yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))
MB = 1024 * 1024


def norm(s):
    if s is None:
        return None
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s).replace("\u00a0", " ")).strip()


_cache: dict[str, object] = {}


def seed(name: str):
    if name not in _cache:
        _cache[name] = load_article(str(SEEDS / name), max_bytes=5 * MB)
    return _cache[name]


SEED_FIELDS = [(name, f) for name in EXPECTED for f in ("headline", "url", "source", "reporter", "published")]


@pytest.mark.parametrize("name,field", SEED_FIELDS, ids=[f"{n[:3]}-{f}" for n, f in SEED_FIELDS])
def test_seed_field(name, field):
    exp = EXPECTED[name]
    a = seed(name)
    got = a.title if field == "headline" else getattr(a, field)
    allowed = [exp[field], *((exp.get("also_ok") or {}).get(field) or [])]
    if field == "headline":
        assert norm(got) in [norm(x) for x in allowed]
    else:
        assert got in allowed


@pytest.mark.parametrize("name", list(EXPECTED), ids=[n[:3] for n in EXPECTED])
def test_seed_body(name):
    exp = EXPECTED[name]
    body = seed(name).body
    assert exp["body_starts"] in body[:300]
    assert exp["body_ends"] in body[-300:]
    for bad in exp.get("must_not_contain") or []:
        assert bad not in body, bad
    if exp.get("paragraphs_at_least"):
        assert len([p for p in body.split("\n\n") if p.strip()]) >= exp["paragraphs_at_least"]


@pytest.mark.parametrize("name", list(EXPECTED), ids=[n[:3] for n in EXPECTED])
def test_seed_body_shape(name):
    body = seed(name).body
    assert "\n\n\n" not in body and not body.startswith("\n") and not body.endswith("\n")
    assert "\u00a0" not in body and "\t" not in body
    assert all(p == p.strip() and "  " not in p for p in body.split("\n\n"))


def test_seed_002_sections():
    exp = EXPECTED["002_cc89472fafd61c1f.txt"]
    a = seed("002_cc89472fafd61c1f.txt")
    assert a.format == "scrapform"
    for key in ("insights", "research", "summary", "questions"):
        assert a.sections[key].startswith(exp[f"{key}_starts"]), key
    assert a.sections["headline"] == a.title == exp["headline"]
    assert not a.sections.get("related")  # related: [] in the sample
    assert all("\t" not in v for v in a.sections.values())


def test_seed_formats():
    assert seed("000_a303cd94bd462ac9.txt").format == "markdown"
    assert seed("001_b6082e78780f4ce7.txt").format == "text"
    assert seed("004_5be44449854f0547.txt").format == "text"


# ---------------------------------------------------------------- plain text copies (made up)

NAVER_LIKE = """한국경제
가상전자, 2분기 영업이익 12조원 돌파…메모리 회복세
입력2024.07.05. 오전 8:41  수정2024.07.06. 오전 9:12  기사원문
박가상 기자
구독
공감
본문 요약봇
텍스트 음성 변환 서비스 사용하기
글자 크기 변경하기
SNS 보내기
인쇄하기
가상전자가 2분기 영업이익 12조원을 넘어섰다.
가상전자는 5일 연결 기준 2분기 영업이익이 12조1000억원으로 지난해 같은 기간보다 15배 늘었다고 밝혔다. 매출은 74조원으로 23% 증가했다.
메모리 가격이 오르면서 반도체 부문 실적이 크게 개선됐다는 분석이다. 업계는 하반기에도 회복세가 이어질 것으로 본다.
박가상 기자 gasang@hankyung.com
ⓒ 한국경제 & hankyung.com, 무단전재 및 재배포 금지
박가상 기자의 다른 기사
"""

WIRE_LIKE = """가상전자, 2분기 영업익 12조원…메모리 회복(종합)
송고시간2024-07-05 08:41
김가상기자
공유
댓글
글자크기조정
인쇄
(서울=연합뉴스) 김가상 기자 = 가상전자가 올해 2분기 시장 예상을 웃도는 실적을 냈다. 메모리 반도체 가격 반등이 실적을 끌어올렸다.
가상전자는 5일 잠정 실적 발표에서 2분기 영업이익이 12조원으로 집계됐다고 밝혔다. 이는 전년 동기 대비 15배 증가한 수준이다.
▲ 가상전자 본사 전경 [자료사진]
업계 관계자는 "하반기에도 고대역폭메모리 수요가 이어질 것"이라고 말했다.
kim@yna.co.kr
제보는 카카오톡 okjebo
<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>
2024/07/05 08:41 송고
"""

CMS_LIKE = """2024년 7월 8일 월요일
로그인
회원가입
전체메뉴
경제
산업
홈 > 경제 > 산업
가상모빌리티, 자율주행 셔틀 상용화 착수
정부 실증사업 선정…연내 5개 도시 운행
기자명 이가상 기자
입력 2024.07.05 08:41
수정 2024.07.06 09:12
댓글 0
이 기사를 공유합니다
가상모빌리티가 자율주행 셔틀의 상용 운행에 들어간다.
가상모빌리티는 국토교통부의 자율주행 실증사업에 선정돼 올해 안에 5개 도시에서 셔틀을 운행한다고 5일 밝혔다. 회사는 차량 30대를 새로 도입한다.
관련기사
가상모빌리티, 300억원 투자 유치
자율주행 셔틀 시범운행 시작
회사 관계자는 "안전성 검증을 마친 만큼 운행 지역을 빠르게 넓혀가겠다"며 "내년에는 전국 20개 도시로 확대할 계획"이라고 말했다. 업계는 이번 상용화가 시장 확대의 계기가 될 것으로 본다.
자율주행 업계에서는 규제 완화가 뒷받침돼야 한다는 목소리도 나온다. 현행법상 운전석이 없는 차량의 도로 주행은 제한돼 있다.
저작권자 © 가상테크뉴스 무단전재 및 재배포 금지
이가상 기자의 다른기사 보기
많이 본 뉴스
1 다른 기사 제목 하나
2 다른 기사 제목 둘
"""


def test_naver_like_copy():
    a = extract(NAVER_LIKE)
    assert a.title == "가상전자, 2분기 영업이익 12조원 돌파…메모리 회복세"
    assert (a.source, a.reporter, a.published, a.url) == ("한국경제", "박가상", "2024-07-05", None)
    assert a.body.startswith("가상전자가 2분기 영업이익 12조원을 넘어섰다.")  # a short first paragraph stays
    assert a.body.endswith("회복세가 이어질 것으로 본다.")
    for bad in ("구독", "요약봇", "SNS", "gasang@", "무단전재", "다른 기사"):
        assert bad not in a.body


def test_wire_copy_dateline_caption_and_tail():
    a = extract(WIRE_LIKE)
    assert a.title == "가상전자, 2분기 영업익 12조원…메모리 회복(종합)"
    assert (a.source, a.reporter, a.published) == ("연합뉴스", "김가상", "2024-07-05")
    assert a.body.startswith("가상전자가 올해 2분기 시장 예상을")
    assert a.body.endswith("이어질 것\"이라고 말했다.")
    for bad in ("(서울=연합뉴스)", "▲", "okjebo", "kim@", "저작권자", "송고"):
        assert bad not in a.body
    assert len(a.body.split("\n\n")) == 3


def test_cms_copy_with_date_bar_nav_and_related_box():
    a = extract(CMS_LIKE)
    assert a.title == "가상모빌리티, 자율주행 셔틀 상용화 착수"  # not the subhead, not the date bar
    assert a.published == "2024-07-05"  # 입력, not 수정 and not today's date in the top bar
    assert (a.source, a.reporter) == ("가상테크뉴스", "이가상")
    body = a.body
    assert body.startswith("가상모빌리티가 자율주행 셔틀의 상용 운행에 들어간다.")
    assert "300억원 투자 유치" not in body and "관련기사" not in body
    assert "회사 관계자는" in body  # the article goes on after the related-headline box
    assert body.endswith("제한돼 있다.")
    for bad in ("정부 실증사업 선정", "로그인", "많이 본 뉴스", "다른 기사 제목", "이 기사를 공유합니다", "댓글"):
        assert bad not in body


def test_link_pasted_as_first_line():
    text = ("https://www.mk.co.kr/news/business/20240705123\n가상바이오, 신약 임상 3상 돌입\n"
            "가상바이오가 개발 중인 비만 치료 신약이 임상 3상에 들어갔다. 회사는 2026년 상용화가 목표다.\n")
    a = extract(text)
    assert a.url == "https://www.mk.co.kr/news/business/20240705123"
    assert a.source == "매일경제"  # from the link's domain
    assert a.published == "2024-07-05"  # from the date inside the link
    assert a.title == "가상바이오, 신약 임상 3상 돌입"
    assert "https://" not in a.body


def test_nothing_invented():
    text = ("가상연구소, 새 연구동 개관\n\n가상연구소는 7월 17일 새 연구동을 열고 연구 인력 50명을 새로 뽑는다고 밝혔다."
            " 연구동은 지상 5층 규모로 지어졌다.\n")
    a = extract(text)
    assert (a.url, a.source, a.reporter, a.published) == (None, None, None, None)


def test_body_only_paste_gets_first_sentence_as_title():
    a = extract("가상전자가 2분기 영업이익 12조원을 넘어섰다. 메모리 가격 반등 덕분이다.\n\n두 번째 문단은 짧다.")
    assert a.title == "가상전자가 2분기 영업이익 12조원을 넘어섰다."
    assert a.body.startswith("가상전자가 2분기")


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
def test_datelines(dateline, source, reporter):
    text = f"가상기업, 신사업 진출\n\n{dateline} 가상기업이 새로운 사업에 진출한다고 밝혔다. 회사는 내년까지 100억원을 투자한다.\n"
    a = extract(text)
    assert (a.source, a.reporter) == (source, reporter)
    assert a.body.startswith("가상기업이 새로운 사업에")


def test_bracket_that_is_not_a_dateline_stays():
    text = "가상기업, 신사업 진출\n\n[단독] 가상기업이 새로운 사업에 진출한다고 밝혔다. 회사는 내년까지 100억원을 투자한다.\n"
    a = extract(text)
    assert a.body.startswith("[단독] 가상기업이")
    assert a.source is None


# ---------------------------------------------------------------- page furniture, kind by kind

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


def test_copyright_line_names_the_publisher():
    a = extract(HEAD + P1 + "\n\n" + P2 + "\n\nⓒ종합 경제정보 미디어 이데일리 - 상업적 무단전재 & 재배포 금지\n")
    assert a.source == "이데일리"


def test_email_domain_names_the_publisher():
    a = extract(HEAD + P1 + "\n\n" + P2 + "\n\n박가상 기자 gasang@sedaily.com\n")
    assert (a.source, a.reporter) == ("서울경제", "박가상")


def test_signature_at_the_end_of_the_last_paragraph():
    a = extract(HEAD + P1 + "\n\n" + P2 + " 박가상 기자 gasang@mt.co.kr\n")
    assert a.body.endswith("관계자가 전했다.")
    assert (a.reporter, a.source) == ("박가상", "머니투데이")


def test_body_that_talks_about_copyright_is_kept():
    p = ("저작권자들은 가상AI가 허락 없이 기사를 학습에 썼다며 소송을 냈다. 저작권자 단체는 이번 소송이 업계 관행을 바꿀 것이라고 "
         "주장했다.")
    a = extract(HEAD + P1 + "\n\n" + p + "\n\n" + P2 + "\n")
    assert p in a.body and a.body.endswith(P2)


def test_triangle_list_in_the_body_is_kept():
    lst = "▲반도체 ▲자동차 ▲조선 업종이 수출을 이끌었다."
    a = extract(HEAD + P1 + "\n\n" + lst + "\n\n" + P2 + "\n")
    assert lst in a.body


def test_subheads_inside_the_body_are_kept():
    a = extract(HEAD + P1 + "\n\n◇ 하반기 전망은\n\n" + P2 + "\n")
    assert "◇ 하반기 전망은" in a.body


def test_sentence_above_the_headline_is_not_the_body():
    text = ("[속보] 가상은행, 기준금리 연 3.50%로 동결했다고 방금 발표했습니다.\n전체메뉴\n"
            "가상기업, 신사업 진출 선언\n입력 2024.03.04 10:00\n" + P1 + "\n" + P2 + "\n")
    a = extract(text)
    assert a.title == "가상기업, 신사업 진출 선언"
    assert a.body == P1 + "\n\n" + P2
    assert a.published == "2024-03-04"


def test_summary_box_above_the_article_is_left_out():
    text = ("가상기업, 신사업 진출 선언\n박가상 기자 입력 2024.03.04 10:00\nAI 요약\n"
            "- 가상기업이 새로운 사업에 진출하며 내년까지 100억원을 투자하기로 했다.\n"
            "- 업계는 이번 결정이 시장 판도를 바꿀 것으로 내다보고 있다고 전해졌다.\n" + P1 + "\n" + P2 + "\n")
    a = extract(text)
    assert a.body == P1 + "\n\n" + P2
    assert a.reporter == "박가상"


def test_a_dated_headline_is_still_the_headline():
    a = extract("[2024.03.04] 오늘의 증시 전망\n\n" + P1 + "\n\n" + P2 + "\n")
    assert a.title == "[2024.03.04] 오늘의 증시 전망"


def test_research_institute_page_title_names_the_site():
    text = ("Press Release: Imaginary Lab Opens > News | 가상대학교AI연구원(VAIR)\n\nNEWS + UPDATE\n\nNews\n\n본문\n\n"
            "가상대학교 AI 연구원, 새 연구동 개관\n\n- 연구 인력 50명 충원\n\n" + P1 + "\n\n" + P2 + "\n\n댓글목록\n\n"
            "등록된 댓글이 없습니다.\n")
    a = extract(text)
    assert a.title == "가상대학교 AI 연구원, 새 연구동 개관"
    assert a.source == "가상대학교AI연구원(VAIR)"
    assert a.published is None
    assert a.body == P1 + "\n\n" + P2


# ---------------------------------------------------------------- Markdown with front matter

FM_ARTICLE = """---
title: "가상전자, 2분기 영업이익 12조원 돌파"
date: "2024. 7. 9. 10:00"
url: "https://gasang.tistory.com/77"
---

**가상전자, 2분기 영업이익 12조원 돌파**

| |  | |
| --- | --- | --- |
| ▲ 가상전자 본사 | [가상일보] 가상전자가 2분기 영업이익 12조원을 넘어섰다고 5일 밝혔다.  메모리 가격이 오르면서 반도체 부문 실적이 크게 개선됐다.  업계는 하반기에도 회복세가 이어질 것으로 본다. | * 2024년 07월 05일(금) 08:41:00 박가상 기자 gasang@example.com  [기자의 다른 기사보기](http://example.com/list) |

공유하기

게시글 관리

[저작자표시 비영리 변경금지
(새창열림)](https://creativecommons.org/licenses/by-nc-nd/4.0/deed.ko)
"""


def test_front_matter_repost():
    a = extract(FM_ARTICLE)
    assert a.format == "markdown"
    assert a.title == "가상전자, 2분기 영업이익 12조원 돌파"
    assert a.url == "https://gasang.tistory.com/77"
    assert a.published == "2024-07-05"  # the article's own dateline beats the blog's post date
    assert a.reporter == "박가상"
    assert a.source == "가상일보"
    assert a.body.split("\n\n") == [
        "가상전자가 2분기 영업이익 12조원을 넘어섰다고 5일 밝혔다.",
        "메모리 가격이 오르면서 반도체 부문 실적이 크게 개선됐다.",
        "업계는 하반기에도 회복세가 이어질 것으로 본다.",
    ]


def test_front_matter_date_when_the_article_has_none():
    text = FM_ARTICLE.replace("* 2024년 07월 05일(금) 08:41:00 ", "")
    assert extract(text).published == "2024-07-09"


def test_web_clipper_front_matter():
    text = """---
title: "가상은행, 기준금리 동결 - 한국경제"
source: "https://www.hankyung.com/article/2024100712345"
author:
  - "[[최가상 기자]]"
published: 2024-10-07
created: 2024-10-09
tags:
  - "clippings"
---
가상은행이 기준금리를 연 3.50%로 동결했다. 물가 상승률이 둔화하고 있지만 가계부채 증가세가 여전하다는 판단이다.

가상은행은 다음 회의에서 인하 여부를 다시 논의한다.
"""
    a = extract(text)
    assert a.title == "가상은행, 기준금리 동결"  # the site's name off the clipped page title
    assert (a.url, a.source, a.reporter, a.published) == (
        "https://www.hankyung.com/article/2024100712345", "한국경제", "최가상", "2024-10-07")
    assert a.body.startswith("가상은행이 기준금리를")


def test_blog_handle_is_not_a_reporter():
    text = '---\ntitle: "가상 기사 제목입니다"\nauthor: gasang_blog\n---\n\n' + P1 + "\n"
    assert extract(text).reporter is None


def test_markdown_file_without_front_matter():
    a = extract("# 가상전자 실적 발표\n\n" + P1 + "\n\n> " + P2 + "\n", origin="clip.md")
    assert a.format == "markdown"
    assert a.title == "가상전자 실적 발표"
    assert a.body == P1 + "\n\n" + P2


def test_markdown_to_text():
    md = "## 제목\n\n**굵게** 그리고 [링크](http://x.y/z) ![사진](a.jpg)\n\n| a  b | c |\n| --- | --- |\n\\_밑줄"
    assert [x for x in markdown_to_text(md).split("\n") if x] == ["제목", "굵게 그리고 링크", "a", "b", "c", "_밑줄"]


# ---------------------------------------------------------------- the filled 스크랩 양식

FORM = ("경제신문 스크랩 양식\r\n\r\n"
        "헤드라인\t가상전자, 2분기 영업이익 12조원 돌파\t\t\t\r\n"
        "기사링크\thttps://www.mk.co.kr/news/business/20240705123\t\t\r\n"
        "본문\t가상전자가 2분기 영업이익 12조원을 넘어섰다. 메모리 가격이 오른 덕분이다.\t\t\r\n"
        "\t업계는 하반기에도 회복세가 이어질 것으로 본다.\t\t\r\n"
        "셀 안의 줄바꿈으로 이어진 문장도 본문이다.\r\n"
        "기사 내용의 수치화, 인사이트\t영업이익 12조원:  전년 대비 15배\t\r\n"
        "\t메모리 가격 상승이 핵심\t\r\n"
        "추가 조사할 내용\tHBM 이란 무엇인가?\r\n"
        "요약 및 의견\t핵심: 메모리가 살아났다.\r\n"
        "적용할 점 (현직자에게 할 질문)\t재고 조정은 끝났는지?\r\n"
        "연관기사 링크\thttps://example.com/related-1\t\r\n")


def test_scrap_form():
    a = extract(FORM)
    assert a.format == "scrapform"
    assert a.title == a.sections["headline"] == "가상전자, 2분기 영업이익 12조원 돌파"
    assert a.url == "https://www.mk.co.kr/news/business/20240705123"
    assert (a.source, a.published, a.reporter) == ("매일경제", "2024-07-05", None)
    assert a.body.split("\n\n") == [
        "가상전자가 2분기 영업이익 12조원을 넘어섰다. 메모리 가격이 오른 덕분이다.",
        "업계는 하반기에도 회복세가 이어질 것으로 본다.",
        "셀 안의 줄바꿈으로 이어진 문장도 본문이다.",
    ]
    assert a.sections["insights"] == "영업이익 12조원: 전년 대비 15배\n메모리 가격 상승이 핵심"
    assert a.sections["research"] == "HBM 이란 무엇인가?"
    assert a.sections["summary"] == "핵심: 메모리가 살아났다."
    assert a.sections["questions"] == "재고 조정은 끝났는지?"
    assert a.sections["related"] == "https://example.com/related-1"


@pytest.mark.parametrize("label,key", [
    ("헤드라인", "headline"), ("헤드라인 (요약과 압축)", "headline"), ("기사링크", "url"),
    ("본문 (본문 내용 복사)", "body"), ("기사 내용의 수치화, 인사이트", "insights"),
    ("추가조사할 내용 또는결과", "research"), ("추가조사할 내용 또는 결과", "research"),
    ("요약 및 의견 for 경제신문스크랩 스터디용", "summary"), ("적용할점 (현직자에게 할 질문)", "questions"),
    ("연관기사 링크", "related"), ("가상전자가 2분기 영업이익 12조원을 넘어섰다.", None),
])
def test_form_labels_match_loosely(label, key):
    assert match_label(label) == key


# ---------------------------------------------------------------- HTML

HTML_LOGO_H1 = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>가상전자, 2분기 영업이익 12조원 돌파 - 한국경제</title>
<meta property="og:title" content="가상전자, 2분기 영업이익 12조원 돌파">
<meta property="og:site_name" content="한국경제">
<meta property="article:published_time" content="2024-07-04T23:41:00Z">
<meta name="author" content="박가상 기자">
<link rel="canonical" href="https://www.hankyung.com/article/2024070512345">
</head><body>
<header><h1 class="logo">한국경제</h1><nav>경제 산업 증권</nav></header>
<div class="share">페이스북 트위터 URL 복사</div>
<div itemprop="articleBody">
<figure><img src="a.jpg"><figcaption>가상전자 평택캠퍼스 전경 / 사진=한국경제 DB</figcaption></figure>
<p>가상전자가 2분기 영업이익 12조원을 넘어섰다. 메모리 가격이 오른 덕분이다.</p>
<p>가상전자는 5일 연결 기준 2분기 영업이익이 12조1000억원으로 지난해 같은 기간보다 15배 늘었다고 밝혔다.</p>
<p>업계에서는 하반기에도 회복세가 이어질 것으로 보고 있다고 전했다.</p>
<p>박가상 기자 gasang@hankyung.com</p>
</div>
<p>ⓒ 한국경제 &amp; hankyung.com, 무단전재 및 재배포 금지</p>
<aside><h3>많이 본 뉴스</h3><ul><li>다른 기사 하나</li><li>다른 기사 둘</li></ul></aside>
</body></html>"""


def test_html_page():
    a = extract(HTML_LOGO_H1, origin="saved.html")
    assert a.format == "html"
    assert a.title == "가상전자, 2분기 영업이익 12조원 돌파"  # og:title, not the logo <h1>
    assert a.url == "https://www.hankyung.com/article/2024070512345"
    assert a.source == "한국경제"
    assert a.reporter == "박가상"  # " 기자" off the author
    assert a.published == "2024-07-05"  # 23:41 UTC on the 4th is the 5th in Seoul
    assert a.body.startswith("가상전자가 2분기 영업이익 12조원을 넘어섰다.")
    assert a.body.endswith("보고 있다고 전했다.")
    for bad in ("사진=", "gasang@", "무단전재", "많이 본 뉴스", "다른 기사"):
        assert bad not in a.body


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


# ---------------------------------------------------------------- choosing the extractor

def test_formats_list():
    assert FORMATS == ["scrapform", "noteform", "markdown", "html", "text"]  # the extractor list, detection order


def test_format_override():
    a = extract(FM_ARTICLE, fmt="text")  # read as copied text: the front matter is not understood
    assert a.format == "text"
    assert a.title.startswith("title:")
    assert extract(FM_ARTICLE).format == "markdown"
    assert extract(NAVER_LIKE, fmt="markdown").format == "markdown"


def test_unknown_format():
    with pytest.raises(InputError, match="unknown format 'pdf'"):
        extract("x", fmt="pdf")


def test_load_article_decodes_cp949_file(tmp_path):
    p = tmp_path / "cp949.txt"
    p.write_bytes(NAVER_LIKE.encode("cp949"))
    a = load_article(str(p), max_bytes=MB)
    assert a.title == "가상전자, 2분기 영업이익 12조원 돌파…메모리 회복세" and a.origin == str(p)


def test_load_article_html_file_with_meta_charset(tmp_path):
    p = tmp_path / "page.htm"
    html = HTML_LOGO_H1.replace('<meta charset="utf-8">', '<meta charset="euc-kr">')
    p.write_bytes(html.encode("cp949"))
    a = load_article(str(p), max_bytes=MB)
    assert a.title == "가상전자, 2분기 영업이익 12조원 돌파" and a.format == "html"


# ---------------------------------------------------------------- the Korean rules themselves

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


@pytest.mark.parametrize("raw,expected", [
    ("김유성 기자", "김유성"), ("홍길동 특파원 hong@x.co.kr", "홍길동"), ("[[최가상]]", "최가상"),
    ("이데일리 김유성 기자", "김유성"), ("연합뉴스", None), ("", None), ("한국경제 | 네이버", None),
])
def test_clean_person(raw, expected):
    assert bylines.clean_person(raw) == expected


def test_publisher_table():
    names = {p.name for p in publishers.load_publishers()}
    for must in ("연합뉴스", "한국경제", "매일경제", "이데일리", "머니투데이", "서울경제", "아시아경제", "헤럴드경제",
                 "파이낸셜뉴스", "조선일보", "조선비즈", "중앙일보", "동아일보", "한겨레", "경향신문", "아이티데일리",
                 "전자신문", "ZDNet Korea", "디지털타임스", "블로터", "뉴시스", "뉴스1", "KBS", "MBC", "SBS", "YTN",
                 "JTBC", "한국일보", "국민일보", "세계일보", "문화일보", "서울신문", "비즈니스워치", "더벨", "인베스트조선",
                 "이투데이", "아주경제", "뉴데일리", "데일리안", "노컷뉴스", "오마이뉴스", "한국경제TV", "머니S",
                 "매경이코노미", "이코노미스트", "디지털데일리", "테크M"):
        assert must in names, must
    assert publishers.lookup("한경") == "한국경제"
    assert publishers.by_domain("https://news.mt.co.kr/mtview.php?no=1") == "머니투데이"
    assert publishers.by_domain("kimss56@itdaily.kr") == "아이티데일리"
    assert publishers.by_domain("https://biz.chosun.com/x") == "조선비즈"
    assert publishers.by_domain("https://n.news.naver.com/mnews/article/015/0004865432") == "한국경제"
    assert publishers.by_domain("https://example.com/") is None
    assert publishers.find_in_text("ⓒ 아이티데일리 무단전재") == "아이티데일리"  # not 이데일리
    assert publishers.find_in_text("무단전재 및 재배포 금지 - 한국경제TV") == "한국경제TV"


def test_dateline_parser():
    d = bylines.parse_dateline("[제주=이데일리 김유성 기자] 카카오톡을 만든 회사가")
    assert (d.source, d.reporters, d.place, d.rest) == ("이데일리", ["김유성"], "제주", "카카오톡을 만든 회사가")
    assert bylines.parse_dateline("[단독] 가상기업이") is None
    assert bylines.parse_dateline("[사진=연합뉴스] 가상기업이") is None


def test_form_cell_quoted_by_a_spreadsheet():
    text = ('헤드라인\t가상전자 실적 발표\n본문\t"가상전자가 영업이익 12조원을 냈다고 밝혔다. 시장 예상을 웃돌았다.\n'
            '회사는 ""메모리가 살아났다""고 설명했다."\n요약 및 의견\t실적 개선\n')
    a = extract(text)
    assert a.body == ("가상전자가 영업이익 12조원을 냈다고 밝혔다. 시장 예상을 웃돌았다.\n\n"
                      '회사는 "메모리가 살아났다"고 설명했다.')
    assert a.sections["summary"] == "실적 개선"


def test_form_with_values_under_their_labels():
    text = ("헤드라인\n가상전자 실적 발표\n기사링크\thttps://www.edaily.co.kr/news/read?newsId=01234&date=20240705\n"
            "본문\n가상전자가 영업이익 12조원을 냈다고 밝혔다. 시장 예상을 웃돌았다.\n")
    a = extract(text, fmt="scrapform")
    assert a.title == "가상전자 실적 발표"
    assert (a.source, a.published) == ("이데일리", "2024-07-05")
    assert a.body == "가상전자가 영업이익 12조원을 냈다고 밝혔다. 시장 예상을 웃돌았다."


def test_heavy_libraries_are_not_imported_up_front():
    import subprocess
    import sys

    code = ("import sys, scrapnote.extract, scrapnote.sources, scrapnote.decode; "
            "print(sorted(m for m in ('httpx', 'trafilatura', 'charset_normalizer', 'lxml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_form_blank_continuation_row_is_a_paragraph_break():
    text = ("경제신문 스크랩 양식\n\n헤드라인\t가상전자 실적 발표\t\t\n기사링크\thttps://example.com/a\n"
            "출처\t가상일보\n기자\t박가상 기자\n날짜\t24.07.05\n"
            "본문\t가상전자가 영업이익 12조원을 냈다고 밝혔다.\t\t\n\t\n\t시장 예상을 웃돌았다는 평가가 나온다.\t\n"
            "기사 내용의 수치화, 인사이트\t첫 줄\t\t\n\t\t\t\n\t둘째 문단\n\t셋째 줄\n")
    a = extract(text)
    assert a.sections["insights"] == "첫 줄\n\n둘째 문단\n셋째 줄"
    assert a.body == "가상전자가 영업이익 12조원을 냈다고 밝혔다.\n\n시장 예상을 웃돌았다는 평가가 나온다."
    assert (a.source, a.reporter, a.published) == ("가상일보", "박가상", "2024-07-05")


def test_source_footer_added_by_a_news_site_copy_script():
    a = extract(HEAD + P1 + "\n\n" + P2 + "\n\n출처 : 아이티데일리(http://www.itdaily.kr/news/articleView.html?idxno=1234)\n")
    assert a.body == P1 + "\n\n" + P2
    assert a.source == "아이티데일리"
    assert a.url == "http://www.itdaily.kr/news/articleView.html?idxno=1234"
    b = extract(HEAD + P1 + "\n\n" + P2 + "\n\n출처 : 가상일보(https://www.example.com)\n")
    assert (b.source, b.url) == ("가상일보", None)  # a home page is not the article's link


def test_blog_repost_copy():
    text = ("가상전자, 2분기 실적 발표\n가상블로거\n2024. 7. 9. 10:00\n이웃추가\n본문 기타 기능\n"
            "[가상일보 박가상 기자] " + P1 + "\n" + P2 + "\n박가상 기자 gasang@example.com\n"
            "<저작권자 © 가상일보 무단전재 및 재배포금지>\n공감한 사람 보러가기\n댓글 0\n")
    a = extract(text)
    assert a.title == "가상전자, 2분기 실적 발표"
    assert (a.source, a.reporter) == ("가상일보", "박가상")
    assert a.body == P1 + "\n\n" + P2


# -- a portal page whose article element holds its text directly, paragraphs split by <br> ----------
_PORTAL_HEAD = """<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">
<meta property="og:title" content="가상반도체, 2분기 영업이익 5조원…역대 최대">
<meta property="og:url" content="https://n.news.example.com/article/015/0000000001">
<meta property="og:article:author" content="한국경제 | 박가상 기자">
<title>가상반도체, 2분기 영업이익 5조원…역대 최대 : 가상 뉴스</title></head>
<body><header><h1><img alt="가상 뉴스" src="logo.png"></h1><nav>정치 경제 사회 IT/과학 세계 랭킹</nav></header>
"""
_PORTAL_LEAD = "가상반도체가 올해 2분기 매출 16조원, 영업이익 5조원을 기록했다고 25일 밝혔다."
_PORTAL_REST = """영업이익은 전년 동기 대비 흑자 전환했으며, 전 분기 2조원에서 5조원으로 늘었다.<br><br>
고대역폭메모리(HBM) 매출이 전 분기보다 80% 이상 증가했다.<br><br>
<span class="end_photo_org"><img src="photo.jpg"><em class="img_desc">가상반도체 본사 / 사진=한국경제 DB</em></span><br>
박가상 기자 gasang@hankyung.com
</article>
<p class="c_text">Copyright ⓒ 한국경제. All rights reserved. 무단 전재 및 재배포 금지.</p>
<div class="related">관련기사 <a href="#">가상전자 실적 발표</a></div>
</body></html>"""
_PORTAL_STAMP = ('<div class="media_end_head_info_datestamp"><span>입력</span><span class="datestamp_time"'
                 ' data-date-time="2024-07-25 08:12:03">2024.07.25. 오전 8:12</span></div>\n')


@pytest.mark.parametrize("article", [
    # the stamp just above the article element, the lead its own text before the first <br>
    _PORTAL_STAMP + f'<article id="dic_area">\n{_PORTAL_LEAD}<br><br>\n' + _PORTAL_REST,
    # the stamp inside the article, glued to the lead in one block
    f'<article id="dic_area"><span>입력 2024.07.25. 오전 8:12</span>{_PORTAL_LEAD}<br><br>\n' + _PORTAL_REST,
], ids=["stamp-above", "stamp-glued"])
def test_html_lead_paragraph_kept(article):
    a = extract(_PORTAL_HEAD + article, origin="saved.html")
    assert a.body.split("\n\n")[0] == _PORTAL_LEAD
    assert a.body.split("\n\n")[1].startswith("영업이익은 전년 동기 대비")
    assert a.body.endswith("80% 이상 증가했다.")
    assert (a.source, a.reporter, a.published) == ("한국경제", "박가상", "2024-07-25")
    for bad in ("입력", "8:12", "사진=", "gasang@", "Copyright", "관련기사"):
        assert bad not in a.body


def test_html_lead_not_taken_from_outside_the_text():
    """Running text right above the article that the page prunes (a caption) is not a lost lead."""
    page = (_PORTAL_HEAD + '<figure><figcaption>25일 서울 중구 가상반도체 본사 앞을 시민들이 지나가고 있는 모습이다.'
            '</figcaption></figure>\n' + _PORTAL_STAMP + f'<article id="dic_area">\n{_PORTAL_LEAD}<br><br>\n' + _PORTAL_REST)
    a = extract(page, origin="saved.html")
    assert a.body.split("\n\n")[0] == _PORTAL_LEAD


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


def test_copied_text_with_stamp_glued_to_the_lead():
    text = ("가상반도체, 2분기 영업이익 5조원…역대 최대\n박가상 기자\n입력 2024.07.25. 오전 8:12 " + _PORTAL_LEAD +
            "\n영업이익은 전년 동기 대비 흑자 전환했으며, 전 분기 2조원에서 5조원으로 늘었다.\n")
    a = extract(text)
    assert a.body.startswith(_PORTAL_LEAD) and a.published == "2024-07-25"


def test_front_matter_tags():
    text = """---
title: "가상반도체, 2분기 영업이익 5조원"
tags: [경제, "[[반도체]]", "#가상반도체", clippings]
keywords: HBM, 메모리
categories:
  - [[뉴스]]
  - 경제
---
가상반도체가 올해 2분기 매출 16조원, 영업이익 5조원을 기록했다고 25일 밝혔다. 메모리 값이 올랐다.
"""
    a = extract(text)
    assert a.tags == ("경제", "반도체", "가상반도체", "clippings", "HBM", "메모리", "뉴스")
    assert extract(text.replace("tags: [경제, \"[[반도체]]\", \"#가상반도체\", clippings]", "tags: '#경제 #반도체'")
                   ).tags[:2] == ("경제", "반도체")
    assert extract(_PORTAL_LEAD + "\n").tags == ()
