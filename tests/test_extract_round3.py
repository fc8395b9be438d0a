"""Extraction, third round: page shapes the first two rounds (test_extract.py,
test_extract_shapes.py) do not cover — publisher menus and one-line 입력/수정 headers, datelines
glued to the name, wire photo captions inside the text, broadcast transcripts, columns with an
author's bio, press releases, two bylines, subheads and bullet lists, interviews, tables of
figures, clipper front-matter variants, richer saved HTML and a filled form with a wire dateline.

Every article below is made up; the companies and people are invented.
"""
from __future__ import annotations

import pytest

from extract_checks import check
from scrapnote.extract import extract


# ---------------------------------------------------------------- copied page text

MK_MENU = """매일경제 | 경제 | 기업 | 증권 | 부동산 | 정치 | 사회 | 세계 | IT·과학 | 문화 | 스포츠
로그인 | 회원가입
한빛정유, 3분기 정제마진 반등에 실적 개선 기대
입력 : 2024-10-07 15:21:33 | 수정 : 2024-10-08 09:12:01
이영민 기자
가 가
한빛정유의 3분기 실적이 정제마진 반등에 힘입어 개선될 것이라는 전망이 나온다.

증권업계에 따르면 한빛정유의 3분기 영업이익 추정치는 4200억원으로 전 분기보다 35% 늘어날 것으로 예상된다.

국제유가가 배럴당 80달러 안팎에서 안정되면서 재고 평가손실 부담도 줄었다.

이영민 기자 lee.youngmin@mk.co.kr
[ⓒ 매일경제 & mk.co.kr, 무단 전재, 재배포 및 AI학습 이용 금지]
"""

HANKYUNG_SUBSCRIBE = """한국경제
오피니언 | 정치 | 경제 | 금융 | 산업 | 부동산 | 국제
누리통신, 5G 요금제 최저 3만원대로 낮춘다
입력2024.10.07 15:21 수정2024.10.07 17:40
박서연 기자
글자크기 조절
기사 스크랩
공유
누리통신이 5G 요금제 최저 구간을 3만원대로 낮춘다. 가계 통신비 부담을 줄이라는 정부 요구에 따른 것이다.

누리통신은 7일 월 3만7000원에 데이터 5GB를 제공하는 요금제를 이달 중 출시한다고 밝혔다.

업계에서는 다른 통신사들도 비슷한 요금제를 내놓을 것으로 보고 있다.

박서연 기자 seoyeon@hankyung.com
▶ 한국경제 구독신청
▶ 모바일한경 구독신청
ⓒ 한국경제 & hankyung.com, 무단전재 및 재배포 금지
"""

CHOSUNBIZ = """조선비즈
산업
바람에너지, 서해 해상풍력 단지 착공…2027년 상업운전
2024.10.07 15:21
[조선비즈] 바람에너지가 서해 해상풍력 단지 공사에 들어갔다.

바람에너지는 7일 전북 부안 앞바다에서 착공식을 열고 총 1.2GW 규모 단지 건설을 시작했다고 밝혔다.

회사는 2027년 상업운전을 목표로 하고 있다. 총사업비는 4조2000억원이다.

박지수 기자 jspark@chosunbiz.com
"""

SEDAILY_WEEKDAY = """서울경제
증권 > 시황
2024.10.07 (월) 15:21
개인 '사자'에 코스닥 800선 회복
김철수 기자
[서울경제] 코스닥지수가 개인 매수세에 힘입어 800선을 회복했다.

7일 한국거래소에 따르면 코스닥은 전 거래일보다 1.1% 오른 802.14에 장을 마쳐 사흘 만에 반등했다.

개인은 코스닥시장에서 1500억원어치를 순매수했다.

김철수 기자 kim@sedaily.com
"""

MT_GLUED = """머니투데이
경제 > 금융
은행권 주담대 금리 다시 오른다…대출 총량 관리 영향
2024.10.07 15:21
[머니투데이 김철수기자] 시중은행의 주택담보대출 금리가 다시 오르고 있다.

7일 금융권에 따르면 주요 은행의 주담대 변동금리 하단은 연 4.1%로 한 달 새 0.3%포인트 올랐다.

은행들은 가계대출 총량 관리를 위해 가산금리를 높이고 있다.

김철수기자 kim@mt.co.kr
"""

EDAILY_MODIFIED = """이데일리
금융 > 은행
가계대출 증가세 둔화…9월 5조원 늘어
김철수 기자I 2024.10.07 15:21:33
수정 2024.10.08 09:02:11
[이데일리 김철수 기자] 가계대출 증가 폭이 한 달 만에 절반으로 줄었다.

금융당국은 9월 은행권 가계대출이 5조원 늘어 전달의 절반 수준에 그쳤다고 8일 밝혔다.

당국은 대출 규제 효과가 나타나고 있다고 평가했다.
"""

NEWS1_PHOTO = """뉴스1
국내 첫 수소 트램 시험운행…2026년 상용화
(대전=뉴스1) 김철수 기자 | 2024-10-07 15:21 송고
7일 대전 유성구 한 시험선로에서 수소 트램이 시험운행을 하고 있다. 2024.10.7/뉴스1 © News1 박영희 기자
(대전=뉴스1) 김철수 기자 = 국내 첫 수소 트램이 시험운행을 시작했다.

가상철도연구원은 7일 대전 시험선로에서 수소 트램 시험운행 행사를 열었다고 밝혔다.

© News1 박영희 기자

연구원은 안전성 검증을 거쳐 2026년 상용화할 계획이다.

kim@news1.kr
"""

NEWSIS_NOSPACE = """뉴시스
사회
지하철 파업 예고…출근길 혼잡 우려
등록 2024.10.07 15:21:30수정 2024.10.07 16:02:11
[서울=뉴시스] 박영희 기자 = 7일 오전 서울 지하철 2호선 시청역 승강장이 출근하는 시민들로 붐비고 있다. 2024.10.07. park@newsis.com
[서울=뉴시스]김철수 기자 = 서울 지하철 노조가 오는 16일 파업을 예고했다.

노조는 7일 기자회견을 열고 인력 감축안 철회를 요구했다.

서울교통공사는 비상수송대책을 마련하겠다고 밝혔다.

◎공감언론 뉴시스 kim@newsis.com
"""

HERALD = """헤럴드경제
가상백화점, 추석 선물세트 매출 20% 증가
2024-10-07 15:21
[헤럴드경제=김철수 기자] 가상백화점의 추석 선물세트 매출이 지난해보다 20% 늘었다.

가상백화점은 7일 추석 선물세트 판매 기간 매출을 집계한 결과 한우와 과일 세트 판매가 특히 많았다고 밝혔다.

회사 관계자는 "고가 선물 수요가 꾸준하다"고 말했다.

kim@heraldcorp.com
"""

ASIAE = """아시아경제
2024-10-07 오후 3:21
가상바이오, 비만 치료제 임상 3상 진입
[아시아경제 김철수 기자] 가상바이오가 비만 치료제 임상 3상에 들어간다.

가상바이오는 7일 식품의약품안전처로부터 임상 3상 시험계획을 승인받았다고 공시했다.

임상은 국내 20개 병원에서 환자 600명을 대상으로 진행된다.

김철수 기자 kim@asiae.co.kr
"""

KBS = """KBS 뉴스
전세사기 피해 1년 새 2배…보증보험 가입 급증
입력 2024.10.07 (21:05) 수정 2024.10.07 (21:40)
뉴스 9
김철수 기자
[앵커]

전세사기 피해가 1년 새 두 배로 늘었습니다.

세입자들이 보증보험 가입을 서두르고 있습니다.

김철수 기자가 보도합니다.

[리포트]

서울 강서구의 한 빌라입니다.

이 건물 세입자 12명이 보증금 15억 원을 돌려받지 못했습니다.

보증보험 가입 건수는 올해 들어 40% 늘었습니다.

KBS 뉴스 김철수입니다.

촬영기자:박영희/영상편집:이민수
"""

SBS = """SBS 뉴스
배춧값 한 포기 1만원 넘어…김장철 앞두고 비상
2024.10.07 20:31
김철수 기자
<앵커>

배춧값이 한 포기에 1만 원을 넘어섰습니다.

<기자>

서울의 한 대형마트입니다. 배추 한 포기가 1만 1천 원에 팔리고 있습니다.

폭염으로 작황이 나빠진 탓입니다.

(영상취재 : 박영희, 영상편집 : 이민수)
"""

COLUMN = """문화일보
오피니언
[시론] 기준금리 인하, 가계부채부터 살펴야
2024-10-07 11:30
기준금리 인하 기대가 커지고 있다. 물가가 2%대 초반으로 안정되면서 통화정책의 무게중심이 성장으로 옮겨가는 모습이다.

하지만 가계부채는 여전히 국내총생산(GDP) 대비 90%를 웃돈다. 금리를 내리면 부채가 다시 늘어날 수 있다.

정책 당국은 금리 인하와 함께 거시건전성 규제를 강화해야 한다.

◇김철수 가상대 경제학과 교수
"""

EDITORIAL = """서울신문
[사설] 반도체 보조금, 속도가 생명이다
입력 2024-10-07 00:30
주요국이 반도체 산업에 막대한 보조금을 쏟아붓고 있다. 미국은 공장 하나에 수조원을 지원한다.

우리 정부의 지원은 세액공제에 머물러 있다. 직접 보조금 논의는 국회에서 멈춰 있다.

국회는 반도체특별법 처리를 서둘러야 한다.
"""

PRESS = """가상산업통상부
보도자료
배포일시 2024. 10. 7.(월) 11:00
담당부서 반도체과 | 담당자 홍길동 사무관 (044-000-0000)
9월 반도체 수출 136억달러…역대 최대

9월 반도체 수출이 136억달러로 역대 최대를 기록했다. 지난해 같은 달보다 37% 늘었다.

가상산업통상부는 7일 이 같은 내용의 9월 수출입 동향을 발표했다.

정부는 수출 증가세가 이어지도록 지원을 강화할 계획이다.

첨부파일 241007_수출입동향.hwp
"""

MIXED = """전자신문
가상AI, LLM 'Nuri-2' 공개…"GPT-4o급 성능"
김철수 기자 | 입력 2024.10.07 15:21
가상AI가 대규모언어모델(LLM) 'Nuri-2'를 공개했다. 한국어 벤치마크에서 GPT-4o와 비슷한 성능을 냈다고 회사는 밝혔다.

Jane Doe CTO said "Nuri-2 is optimized for Korean enterprise workloads." 회사는 API 가격을 100만 토큰당 1달러로 책정했다.

가상AI는 연내 on-premise 버전도 출시할 계획이다.

김철수 기자 kim@etnews.com
"""

TWO_BYLINES = """한국경제
가상항공, 인천~부다페스트 신규 취항
입력 2024.10.07 15:21
사진=박영희 기자
김철수 기자
가상항공이 인천~부다페스트 노선에 신규 취항한다.

가상항공은 7일 주 3회 일정으로 운항을 시작한다고 밝혔다.

첫 편은 탑승률 92%를 기록했다.
"""

SUBHEADS = """아시아경제
2024.10.07 15:21
내년 달라지는 세금…연말정산 이렇게 바뀐다
김철수 기자
내년부터 연말정산 공제 항목이 크게 바뀐다.

■ 자녀세액공제 확대

자녀 1인당 공제액이 15만원에서 25만원으로 늘어난다.

▲출산 지원금 비과세 ▲결혼 세액공제 신설 ▲월세 공제 한도 상향 등도 포함됐다.

■ 신용카드 공제

전통시장 사용분 공제율이 40%에서 50%로 오른다.

정부는 이번 개편으로 근로자 1인당 평균 12만원의 세 부담이 줄어들 것으로 내다봤다.
"""

INTERVIEW = """이데일리
[인터뷰] 홍길동 가상벤처 대표 "AI 반도체로 엔비디아 대항마 될 것"
김철수 기자I 2024.10.07 06:00:00
홍길동 가상벤처 대표는 7일 인터뷰에서 "내년 AI 추론용 칩을 양산하겠다"고 말했다.

-회사를 소개해달라.

"2020년 창업한 AI 반도체 설계 회사다. 직원은 120명이다."

▶투자 유치 계획은.

"내년 상반기 1000억원 규모 투자를 받을 계획이다."

-목표는.

"엔비디아 대항마가 되는 것이다."
"""

TABLE = """파이낸셜뉴스
주요 은행 예금금리 일제히 인하
김철수 기자
입력 2024.10.07 15:21
주요 은행들이 예금금리를 일제히 내렸다.

7일 은행연합회에 따르면 5대 은행의 1년 만기 정기예금 금리는 다음과 같다.

은행\t금리(%)\t변동(%p)
가상은행\t3.35\t-0.10
누리은행\t3.30\t-0.15
한빛은행\t3.25\t-0.05

은행권은 기준금리 인하 기대를 반영했다고 설명했다.

김철수 기자 kim@fnnews.com
"""

NO_DATE = """가상신문
가상전자, 신형 폴더블폰 내달 출시
김철수 기자
가상전자가 신형 폴더블폰을 다음 달 출시한다.

가격은 전작과 같은 수준으로 책정될 예정이다.
"""

TEXT_SHAPES = {
    "mk-menu-one-line-dates": (MK_MENU, dict(
        title="한빛정유, 3분기 정제마진 반등에 실적 개선 기대", source="매일경제", reporter="이영민",
        published="2024-10-07", starts="한빛정유의 3분기 실적이", ends="부담도 줄었다.",
        absent=["lee.youngmin", "ⓒ", "가 가", "로그인"])),
    "hankyung-subscribe": (HANKYUNG_SUBSCRIBE, dict(
        title="누리통신, 5G 요금제 최저 3만원대로 낮춘다", source="한국경제", reporter="박서연", published="2024-10-07",
        starts="누리통신이 5G 요금제", ends="보고 있다.", absent=["구독신청", "seoyeon@", "글자크기", "스크랩"])),
    "chosunbiz-tail-signature": (CHOSUNBIZ, dict(
        title="바람에너지, 서해 해상풍력 단지 착공…2027년 상업운전", source="조선비즈", reporter="박지수",
        published="2024-10-07", starts="바람에너지가 서해", ends="4조2000억원이다.", absent=["[조선비즈]", "jspark"])),
    "sedaily-weekday-date": (SEDAILY_WEEKDAY, dict(
        title="개인 '사자'에 코스닥 800선 회복", source="서울경제", reporter="김철수", published="2024-10-07",
        starts="코스닥지수가 개인", ends="순매수했다.", absent=["[서울경제]", "kim@"])),
    "mt-glued-role": (MT_GLUED, dict(
        title="은행권 주담대 금리 다시 오른다…대출 총량 관리 영향", source="머니투데이", reporter="김철수",
        published="2024-10-07", starts="시중은행의 주택담보대출", ends="높이고 있다.", absent=["[머니투데이", "kim@"])),
    "edaily-modified-next-day": (EDAILY_MODIFIED, dict(
        title="가계대출 증가세 둔화…9월 5조원 늘어", source="이데일리", reporter="김철수", published="2024-10-07",
        starts="가계대출 증가 폭이", ends="평가했다.", absent=["[이데일리", "수정"])),
    "news1-photo-lines": (NEWS1_PHOTO, dict(
        title="국내 첫 수소 트램 시험운행…2026년 상용화", source="뉴스1", reporter="김철수", published="2024-10-07",
        starts="국내 첫 수소 트램이", ends="상용화할 계획이다.", absent=["© News1", "시험운행을 하고 있다", "kim@"])),
    "newsis-glued-dateline-and-photo": (NEWSIS_NOSPACE, dict(
        title="지하철 파업 예고…출근길 혼잡 우려", source="뉴시스", reporter="김철수", published="2024-10-07",
        starts="서울 지하철 노조가", ends="마련하겠다고 밝혔다.", absent=["뉴시스", "붐비고 있다", "park@", "kim@"])),
    "herald-equals-byline": (HERALD, dict(
        title="가상백화점, 추석 선물세트 매출 20% 증가", source="헤럴드경제", reporter="김철수", published="2024-10-07",
        starts="가상백화점의 추석", ends='꾸준하다"고 말했다.', absent=["[헤럴드경제", "kim@"])),
    "asiae-pm-date-above-title": (ASIAE, dict(
        title="가상바이오, 비만 치료제 임상 3상 진입", source="아시아경제", reporter="김철수", published="2024-10-07",
        starts="가상바이오가 비만", ends="대상으로 진행된다.", absent=["[아시아경제", "kim@"])),
    "kbs-transcript": (KBS, dict(
        title="전세사기 피해 1년 새 2배…보증보험 가입 급증", source="KBS", reporter="김철수", published="2024-10-07",
        starts="전세사기 피해가 1년 새", ends="KBS 뉴스 김철수입니다.", present=["서울 강서구의 한 빌라입니다."],
        absent=["[앵커]", "[리포트]", "촬영기자", "뉴스 9"])),
    "sbs-transcript": (SBS, dict(
        title="배춧값 한 포기 1만원 넘어…김장철 앞두고 비상", source="SBS", reporter="김철수", published="2024-10-07",
        starts="배춧값이 한 포기에", ends="나빠진 탓입니다.", absent=["<앵커>", "<기자>", "영상취재"])),
    "column-with-bio": (COLUMN, dict(
        title="[시론] 기준금리 인하, 가계부채부터 살펴야", source="문화일보", published="2024-10-07",
        starts="기준금리 인하 기대가", ends="강화해야 한다.", absent=["◇김철수", "교수"])),
    "editorial-no-byline": (EDITORIAL, dict(
        title="[사설] 반도체 보조금, 속도가 생명이다", source="서울신문", reporter=None, published="2024-10-07",
        starts="주요국이 반도체", ends="서둘러야 한다.")),
    "press-release": (PRESS, dict(
        title="9월 반도체 수출 136억달러…역대 최대", reporter=None, published="2024-10-07",
        starts="9월 반도체 수출이", ends="강화할 계획이다.", absent=["첨부파일", "담당부서", "배포일시"])),
    "english-korean-mixed": (MIXED, dict(
        title="가상AI, LLM 'Nuri-2' 공개…\"GPT-4o급 성능\"", source="전자신문", reporter="김철수", published="2024-10-07",
        starts="가상AI가 대규모언어모델", ends="출시할 계획이다.", present=["Jane Doe CTO said"], absent=["kim@"])),
    "photo-and-text-bylines": (TWO_BYLINES, dict(
        title="가상항공, 인천~부다페스트 신규 취항", source="한국경제", reporter="김철수", published="2024-10-07",
        starts="가상항공이 인천", ends="92%를 기록했다.", absent=["사진=", "박영희"])),
    "subheads-and-bullets-kept": (SUBHEADS, dict(
        title="내년 달라지는 세금…연말정산 이렇게 바뀐다", source="아시아경제", reporter="김철수", published="2024-10-07",
        starts="내년부터 연말정산", ends="내다봤다.",
        present=["■ 자녀세액공제 확대", "▲출산 지원금 비과세 ▲결혼 세액공제 신설", "■ 신용카드 공제"])),
    "interview-questions-kept": (INTERVIEW, dict(
        title='[인터뷰] 홍길동 가상벤처 대표 "AI 반도체로 엔비디아 대항마 될 것"', source="이데일리", reporter="김철수",
        published="2024-10-07", starts="홍길동 가상벤처 대표는", ends='"엔비디아 대항마가 되는 것이다."',
        present=["-회사를 소개해달라.", "▶투자 유치 계획은.", "-목표는."])),
    "tab-separated-table-kept": (TABLE, dict(
        title="주요 은행 예금금리 일제히 인하", source="파이낸셜뉴스", reporter="김철수", published="2024-10-07",
        starts="주요 은행들이", ends="설명했다.", present=["가상은행 3.35 -0.10", "한빛은행 3.25 -0.05"],
        absent=["kim@"])),
    "no-date-stays-null": (NO_DATE, dict(
        title="가상전자, 신형 폴더블폰 내달 출시", reporter="김철수", published=None, url=None,
        starts="가상전자가 신형", ends="책정될 예정이다.")),
}


@pytest.mark.parametrize("name", list(TEXT_SHAPES))
def test_copied_text_round3(name):
    text, exp = TEXT_SHAPES[name]
    a = extract(text)
    assert a.format == "text"
    check(a, exp)


def test_link_then_page_with_menu():
    a = extract("https://www.mk.co.kr/news/economy/11134567\n" + MK_MENU)
    assert a.url == "https://www.mk.co.kr/news/economy/11134567"
    assert (a.source, a.published) == ("매일경제", "2024-10-07")


# ---------------------------------------------------------------- Markdown clippings

MD_AUTHOR_REPORTER = """---
title: 한빛정유, 3분기 정제마진 반등에 실적 개선 기대
url: https://www.mk.co.kr/news/business/11134567
author: 이영민 기자
published: 2024년 10월 7일
---

한빛정유의 3분기 실적이 정제마진 반등에 힘입어 개선될 것이라는 전망이 나온다.

증권업계에 따르면 한빛정유의 3분기 영업이익 추정치는 4200억원으로 전 분기보다 35% 늘어날 것으로 예상된다.
"""

MD_SOURCE_NAME = """---
title: "지하철 파업 예고…출근길 혼잡 우려"
source: 뉴시스
link: https://www.newsis.com/view/NISX20241007_0002912345
date: 2024-10-09
---

[서울=뉴시스]김철수 기자 = 서울 지하철 노조가 오는 16일 파업을 예고했다.

노조는 7일 기자회견을 열고 인력 감축안 철회를 요구했다.
"""

MD_MARKDOWNLOAD_FM = """---
created: 2024-10-09T10:12:33 (UTC +09:00)
tags: []
source: https://biz.chosun.com/industry/2024/10/07/ABCDEFG/
author: 박지수 기자
---

# 바람에너지, 서해 해상풍력 단지 착공…2027년 상업운전 - 조선비즈

> ## Excerpt
> 바람에너지가 서해 해상풍력 단지 공사에 들어갔다.

---
바람에너지가 서해 해상풍력 단지 공사에 들어갔다.

바람에너지는 7일 전북 부안 앞바다에서 착공식을 열고 총 1.2GW 규모 단지 건설을 시작했다고 밝혔다.

박지수 기자 jspark@chosunbiz.com
"""

MD_SHAPES = {
    "author-with-role-korean-date": (MD_AUTHOR_REPORTER, dict(
        title="한빛정유, 3분기 정제마진 반등에 실적 개선 기대", url="https://www.mk.co.kr/news/business/11134567",
        source="매일경제", reporter="이영민", published="2024-10-07", starts="한빛정유의 3분기", ends="예상된다.")),
    "source-is-a-name-link-is-url": (MD_SOURCE_NAME, dict(
        title="지하철 파업 예고…출근길 혼잡 우려", url="https://www.newsis.com/view/NISX20241007_0002912345",
        source="뉴시스", reporter="김철수", published="2024-10-07", starts="서울 지하철 노조가", ends="요구했다.")),
    "markdownload-front-matter": (MD_MARKDOWNLOAD_FM, dict(
        title="바람에너지, 서해 해상풍력 단지 착공…2027년 상업운전",
        url="https://biz.chosun.com/industry/2024/10/07/ABCDEFG/", source="조선비즈", reporter="박지수",
        published="2024-10-07", starts="바람에너지가 서해", ends="시작했다고 밝혔다.", absent=["Excerpt", "jspark"])),
}


@pytest.mark.parametrize("name", list(MD_SHAPES))
def test_markdown_round3(name):
    text, exp = MD_SHAPES[name]
    a = extract(text, origin="clip.md")
    assert a.format == "markdown"
    check(a, exp)


# ---------------------------------------------------------------- saved HTML

HP = ["한빛정유의 3분기 실적이 정제마진 반등에 힘입어 개선될 것이라는 전망이 나온다.",
      "증권업계에 따르면 한빛정유의 3분기 영업이익 추정치는 4200억원으로 전 분기보다 35% 늘어날 것으로 예상된다.",
      "국제유가가 배럴당 80달러 안팎에서 안정되면서 재고 평가손실 부담도 줄었다.",
      "회사 관계자는 \"4분기에도 수익성 개선이 이어질 것\"이라고 말했다."]
HT = "한빛정유, 3분기 정제마진 반등에 실적 개선 기대"

HTML_PAGES = {
    "mk-figure-related-ul": (f"""<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">
<title>{HT} - 매일경제</title><meta property="og:title" content="{HT} - 매일경제">
<meta property="og:url" content="https://www.mk.co.kr/news/business/11134567">
<meta property="og:site_name" content="매일경제"></head><body>
<header><a class="logo">매일경제</a><nav><ul><li>경제</li><li>기업</li><li>증권</li><li>부동산</li></ul></nav></header>
<div class="news_ttl_wrap"><h2 class="news_ttl">{HT}</h2></div>
<div class="byline"><a>이영민 기자</a></div>
<div class="time_area"><dl><dt>입력 :</dt><dd>2024-10-07 15:21:33</dd></dl><dl><dt>수정 :</dt><dd>2024-10-08 09:12:01</dd></dl></div>
<div class="news_cnt_detail_wrap" itemprop="articleBody">
<figure><img src="p.jpg"><figcaption>한빛정유 울산공장 전경. [사진 제공=한빛정유]</figcaption></figure>
<p>{HP[0]}</p><p>{HP[1]}</p><p>{HP[2]}</p><p>{HP[3]}</p></div>
<div class="related_news"><h3>관련 기사</h3><ul><li><a>정제마진 석 달 만에 반등</a></li><li><a>유가 80달러 안착</a></li></ul></div>
<p class="copyright">[ⓒ 매일경제 &amp; mk.co.kr, 무단 전재, 재배포 및 AI학습 이용 금지]</p></body></html>""", dict(
        url="https://www.mk.co.kr/news/business/11134567", source="매일경제", reporter="이영민", published="2024-10-07",
        absent=["울산공장 전경", "관련 기사", "석 달 만에", "ⓒ"])),
    "chosunbiz-jsonld-author-list": (f"""<html lang="ko"><head><meta charset="utf-8"><title>{HT}</title>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{HT}",
"datePublished":"2024-10-07T06:21:00Z","dateModified":"2024-10-08T01:00:00Z",
"author":[{{"@type":"Person","name":"박지수"}}],"publisher":{{"@type":"Organization","name":"조선비즈"}},
"mainEntityOfPage":"https://biz.chosun.com/industry/2024/10/07/ABCDEFG/"}}</script></head><body>
<h1 class="logo">ChosunBiz</h1><h1 class="article-header__headline">{HT}</h1>
<div id="article_body"><p>[조선비즈] {HP[0]}</p><p>{HP[1]}</p><p>{HP[2]}</p><p>{HP[3]}</p>
<p>박지수 기자 jspark@chosunbiz.com</p></div>
<ul class="related"><li>정제마진 석 달 만에 반등</li></ul></body></html>""", dict(
        url="https://biz.chosun.com/industry/2024/10/07/ABCDEFG/", source="조선비즈", reporter="박지수",
        published="2024-10-07", absent=["[조선비즈]", "jspark", "석 달 만에"])),
    "news1-byline-div": (f"""<html><head><meta charset="utf-8"><title>{HT} - 뉴스1</title>
<meta property="og:title" content="{HT}"><meta property="og:site_name" content="뉴스1">
<meta name="article:published_time" content="2024-10-07T15:21:00+09:00"></head><body>
<h1>{HT}</h1><div class="byline">(서울=뉴스1) 김철수 기자 | 2024-10-07 15:21 송고 | 2024-10-08 09:00 최종수정</div>
<div id="articles_detail"><figure><img src="a.jpg"><figcaption>© News1 박영희 기자</figcaption></figure>
<p>(서울=뉴스1) 김철수 기자 = {HP[0]}</p><p>{HP[1]}</p><p>{HP[2]}</p><p>{HP[3]}</p><p>kim@news1.kr</p></div>
<aside><h3>많이 본 뉴스</h3><ol><li>코스피 급락</li></ol></aside></body></html>""", dict(
        source="뉴스1", reporter="김철수", published="2024-10-07", absent=["(서울=뉴스1)", "© News1", "kim@", "많이 본"])),
}


@pytest.mark.parametrize("name", list(HTML_PAGES))
def test_saved_html_round3(name):
    html, exp = HTML_PAGES[name]
    exp = {"title": HT, "starts": HP[0], "ends": HP[-1], **exp}
    a = extract(html, origin="page.html")
    assert a.format == "html"
    check(a, exp)


# ---------------------------------------------------------------- a filled 스크랩 양식

FORM_WIRE = ("경제신문 스크랩 양식\n"
             "헤드라인\t지하철 파업 예고…출근길 혼잡 우려\n"
             "기사링크\thttps://www.newsis.com/view/NISX20241007_0002912345\n"
             "본문\t[서울=뉴시스]김철수 기자 = 서울 지하철 노조가 오는 16일 파업을 예고했다.\n"
             "\t노조는 7일 기자회견을 열고 인력 감축안 철회를 요구했다.\n"
             "\t◎공감언론 뉴시스 kim@newsis.com\n"
             "기사 내용의 수치화, 인사이트\t파업 예고일 16일, 인력 감축안 2200명\n"
             "추가 조사할 내용\t비상수송대책의 규모\n"
             "요약 및 의견\t노사 협상이 관건이다.\n"
             "적용할 점\t대체 인력은 몇 명인지?\n"
             "연관기사 링크\t\n")


def test_filled_form_with_wire_dateline():
    a = extract(FORM_WIRE)
    assert a.format == "scrapform"
    assert (a.title, a.url, a.source, a.reporter, a.published) == (
        "지하철 파업 예고…출근길 혼잡 우려", "https://www.newsis.com/view/NISX20241007_0002912345", "뉴시스", "김철수",
        "2024-10-07")
    assert a.body == "서울 지하철 노조가 오는 16일 파업을 예고했다.\n\n노조는 7일 기자회견을 열고 인력 감축안 철회를 요구했다."
    assert a.sections["insights"] == "파업 예고일 16일, 인력 감축안 2200명"


# ---------------------------------------------------------------- more page text

YTN = """YTN
한국은행, 기준금리 0.25%p 인하…3년 2개월 만
2024.10.11. 오전 10:21
김철수
[앵커]
한국은행이 기준금리를 0.25%포인트 내렸습니다.

[기자]
한국은행 금융통화위원회는 오늘 기준금리를 연 3.25%로 내렸습니다.

물가가 안정된 데 따른 결정입니다.

지금까지 YTN 김철수입니다.

※ '당신의 제보가 뉴스가 됩니다' [카카오톡] YTN 검색해 채널 추가 [전화] 02-398-8585 [메일] social@ytn.co.kr
[저작권자(c) YTN 무단전재, 재배포 및 AI 데이터 활용 금지]
"""

MBC = """MBC 뉴스
편의점 도시락 가격 줄줄이 인상
입력 2024-10-07 20:15 | 수정 2024-10-07 20:40
김철수 기자
◀ 앵커 ▶
편의점 도시락 가격이 줄줄이 오릅니다.

◀ 리포트 ▶
가상편의점은 다음 달부터 도시락 15종의 가격을 평균 8% 올립니다.

쌀과 채소 가격이 오른 탓입니다.

MBC뉴스 김철수입니다.

영상취재: 박영희 / 영상편집: 이민수
"""

BREADCRUMB_TAIL_DATE = """홈 > 경제 > 금융
가상카드, 해외결제 수수료 면제
가상카드가 연말까지 해외결제 수수료를 면제한다고 7일 밝혔다. 대상은 모든 개인 회원이다.

가상카드는 해외여행 수요가 늘어난 점을 고려했다고 설명했다.

김철수 기자 kim@segye.com
입력 2024-10-07 15:21 | 수정 2024-10-07 16:00
"""

ASIAE_FOOTER = """아시아경제
가상건설, 1조원 규모 중동 플랜트 수주
2024.10.07 15:21
[아시아경제 김철수 기자] 가상건설이 중동에서 1조원 규모 플랜트를 수주했다.

가상건설은 7일 사우디아라비아 국영 석유회사와 가스 처리시설 공사 계약을 맺었다고 공시했다.

AD

올해 해외 수주액은 5조원을 넘어섰다.

김철수 기자 kim@asiae.co.kr
<ⓒ경제를 보는 눈, 세계를 보는 창 아시아경제(www.asiae.co.kr) 무단전재 배포금지>
"""

JOONGANG = """중앙일보
가상제약, 美 FDA 신약 허가…국산 11번째
입력 2024.10.07 15:21 업데이트 2024.10.08 09:00
가상제약이 개발한 항암 신약이 미국 식품의약국(FDA) 허가를 받았다.

국산 신약의 FDA 허가는 이번이 11번째다.

회사는 내년 상반기 미국 시장에 출시할 계획이다.

김철수·박영희 기자 kim.chulsoo@joongang.co.kr
"""

MORE_TEXT = {
    "ytn-transcript-tip-line": (YTN, dict(
        title="한국은행, 기준금리 0.25%p 인하…3년 2개월 만", source="YTN", reporter="김철수", published="2024-10-11",
        starts="한국은행이 기준금리를", ends="지금까지 YTN 김철수입니다.", absent=["[앵커]", "[기자]", "제보", "social@"])),
    "mbc-transcript": (MBC, dict(
        title="편의점 도시락 가격 줄줄이 인상", source="MBC", reporter="김철수", published="2024-10-07",
        starts="편의점 도시락 가격이", ends="MBC뉴스 김철수입니다.", absent=["◀", "영상취재"])),
    "breadcrumb-date-at-the-end": (BREADCRUMB_TAIL_DATE, dict(
        title="가상카드, 해외결제 수수료 면제", source="세계일보", reporter="김철수", published="2024-10-07",
        starts="가상카드가 연말까지", ends="설명했다.", absent=["입력", "kim@", "홈 >"])),
    "asiae-ad-and-footer": (ASIAE_FOOTER, dict(
        title="가상건설, 1조원 규모 중동 플랜트 수주", source="아시아경제", reporter="김철수", published="2024-10-07",
        starts="가상건설이 중동에서", ends="5조원을 넘어섰다.", absent=["AD", "ⓒ", "kim@"])),
    "joongang-two-names-signature": (JOONGANG, dict(
        title="가상제약, 美 FDA 신약 허가…국산 11번째", source="중앙일보", reporter="김철수, 박영희",
        published="2024-10-07", starts="가상제약이 개발한", ends="출시할 계획이다.", absent=["joongang.co.kr"])),
}


@pytest.mark.parametrize("name", list(MORE_TEXT))
def test_more_copied_text_round3(name):
    text, exp = MORE_TEXT[name]
    a = extract(text)
    assert a.format == "text"
    check(a, exp)


FORM_LABELLED_META = ("경제신문 스크랩 양식\n"
                      "헤드라인\t가상제약, 美 FDA 신약 허가…국산 11번째\n"
                      "언론사\t중앙일보\n"
                      "날짜\t2024.10.07\n"
                      "기사링크\t\n"
                      "본문\t가상제약이 개발한 항암 신약이 미국 식품의약국(FDA) 허가를 받았다.\n"
                      "\t국산 신약의 FDA 허가는 이번이 11번째다.\n"
                      "기사 내용의 수치화, 인사이트\t11번째 FDA 허가\n")


def test_filled_form_with_source_and_date_rows():
    a = extract(FORM_LABELLED_META)
    assert a.format == "scrapform"
    assert (a.title, a.url, a.source, a.reporter, a.published) == (
        "가상제약, 美 FDA 신약 허가…국산 11번째", None, "중앙일보", None, "2024-10-07")
    assert a.body.endswith("이번이 11번째다.")


HTML_DATE_SPAN = f"""<html lang="ko"><head><meta charset="utf-8"><title>{HT} | 한겨레</title>
<meta property="og:title" content="{HT}"><meta property="og:site_name" content="한겨레"></head><body>
<div class="article-head"><h3 class="title">{HT}</h3>
<div class="byline">김철수 기자 <span class="email">kim@hani.co.kr</span></div>
<p class="date-time"><span>등록 2024-10-07 15:21</span><span>수정 2024-10-08 09:00</span></p></div>
<div class="article-text"><p class="text">{HP[0]}</p><p class="text">{HP[1]}</p>
<div class="ad">광고</div><p class="text">{HP[2]}</p><p class="text">{HP[3]}</p>
<ul class="related-list"><li><a>정제마진 석 달 만에 반등</a></li></ul></div>
<div class="copyright">ⓒ 한겨레신문사 : 무단전재 및 재배포 금지</div></body></html>"""


def test_saved_html_date_spans_and_ad_box():
    a = extract(HTML_DATE_SPAN, origin="page.html")
    check(a, dict(title=HT, source="한겨레", reporter="김철수", published="2024-10-07", starts=HP[0], ends=HP[-1],
                  absent=["광고", "석 달 만에", "kim@"]))
