"""Extraction, fourth round: shapes the first three rounds do not cover — IT and finance outlets'
own byline conventions (`[전자신문인터넷 김철수기자]`, `/김철수기자 kim@…`, `김철수 기자 (kim@…)`),
trailing notices (`※ 이 기사는 …`), tag and hashtag rows, reaction rows, reader-tool buttons,
Naver/Google mobile copies, a paywalled teaser, a blog quoting an article, CP949 and NFD files, and
saved HTML with only a description meta, a date only in a span, or a sidebar of headlines.

Every article below is made up; the companies and people are invented.
"""
from __future__ import annotations

import unicodedata

import pytest

from extract_checks import check
from scrapnote.extract import extract, load_article

MB = 5 * 1024 * 1024


# ---------------------------------------------------------------- copied page text

TEXTS = {
    "etnews-bracket-glued": ("""전자신문
전자 | SW | 통신 | 금융 | 유통 | 모빌리티
가람반도체, HBM4 시제품 첫 출하…엔비디아向 검증 돌입
발행일 : 2024-10-07 15:21
글자크기 설정
인쇄하기
[전자신문인터넷 김철수기자] 가람반도체가 6세대 고대역폭메모리(HBM4) 시제품을 처음 출하했다.

회사는 이번 시제품이 기존 제품보다 전력 효율을 30% 높였다고 설명했다.

양산은 내년 상반기로 예정돼 있다.

김철수기자 kim@etnews.com
관련 태그
#HBM #반도체 #가람반도체
""", dict(title="가람반도체, HBM4 시제품 첫 출하…엔비디아向 검증 돌입", source="전자신문", reporter="김철수",
          published="2024-10-07", starts="가람반도체가 6세대", ends="내년 상반기로 예정돼 있다.",
          absent=["[전자신문인터넷", "kim@", "관련 태그", "#HBM", "글자크기", "인쇄하기"])),
    "dt-slash-byline": ("""디지털타임스
IT | 과학 | 경제 | 산업 | 정치
클라우드 요금 인상 잇따라…중소기업 비용 부담 커진다
입력: 2024-10-07 15:21
URL 복사
클라우드 업체들이 잇따라 요금을 올리고 있다. 환율 상승과 데이터센터 전력비 증가가 이유다.

업계에 따르면 주요 클라우드 3사는 이달부터 저장 요금을 평균 8% 인상했다.

중소기업들은 비용 절감을 위해 멀티클라우드 전략을 검토하고 있다.

/김철수기자 kim@dt.co.kr
""", dict(title="클라우드 요금 인상 잇따라…중소기업 비용 부담 커진다", source="디지털타임스", reporter="김철수",
          published="2024-10-07", starts="클라우드 업체들이", ends="검토하고 있다.", absent=["/김철수", "URL 복사"])),
    "zdnet-paren-email": ("""지디넷코리아
누리소프트, 생성형 AI 사내 비서 출시
김철수 기자 (kim@zdnet.co.kr)
입력 :2024/10/07 15:21    수정: 2024/10/07 16:40
기사 추천
기자 구독
누리소프트가 기업용 생성형 AI 비서 '누리봇'을 출시했다고 7일 밝혔다.

누리봇은 사내 문서를 학습해 직원 질문에 답한다.

회사는 연말까지 고객사 100곳 확보를 목표로 한다.

김철수 기자kim@zdnet.co.kr
기자의 다른 기사 보기
좋아요 0 훈훈해요 0 슬퍼요 0 화나요 0 후속기사 원해요 0
""", dict(title="누리소프트, 생성형 AI 사내 비서 출시", source="ZDNet Korea", reporter="김철수",
          published="2024-10-07", starts="누리소프트가 기업용", ends="목표로 한다.",
          absent=["좋아요", "기자 구독", "기사 추천", "kim@", "다른 기사"])),
    "bloter-notice-tail": ("""블로터
스타트업
한빛페이, 시리즈B 300억원 유치
2024.10.07 15:21
김철수 기자
간편결제 스타트업 한빛페이가 300억원 규모 시리즈B 투자를 유치했다.

이번 투자에는 국내 벤처캐피털 4곳이 참여했다.

한빛페이는 투자금을 해외 가맹점 확대에 쓸 계획이다.

※ 이 기사는 블로터 AI 서비스의 도움을 받아 작성됐으며 기자가 검수했습니다.
""", dict(title="한빛페이, 시리즈B 300억원 유치", source="블로터", reporter="김철수", published="2024-10-07",
          starts="간편결제 스타트업", ends="쓸 계획이다.", absent=["※"])),
    "thebell-dash": ("""더벨
[IB 수수료 분석]가온증권, ECM 강자 굳혔다
발행일 2024-10-07 07:30:12
김철수 기자
가온증권이 올해 3분기 주식자본시장(ECM) 수수료 1위를 지켰다.

기업공개(IPO) 주관 실적이 크게 늘어난 영향이다.

가온증권은 4분기에도 대형 IPO 3건을 앞두고 있다.

<저작권자 ⓒ 자본시장 미디어 'thebell', 무단 전재, 재배포 및 AI학습 이용 금지>
""", dict(title="[IB 수수료 분석]가온증권, ECM 강자 굳혔다", source="더벨", reporter="김철수",
          published="2024-10-07", starts="가온증권이 올해", ends="앞두고 있다.", absent=["저작권자", "thebell"])),
    "bizwatch-tags": ("""비즈니스워치
부동산
수도권 아파트 분양가, 석 달 연속 올랐다
김철수 기자 kim@bizwatch.co.kr
2024-10-07 15:21
수도권 아파트 분양가가 석 달 연속 상승했다.

주택도시보증공사(HUG)에 따르면 9월 수도권 ㎡당 평균 분양가는 1150만원이었다.

공사비 상승이 분양가를 밀어 올리고 있다.

#분양가 #HUG #아파트
ⓒ비즈니스워치 무단전재 및 재배포금지
""", dict(title="수도권 아파트 분양가, 석 달 연속 올랐다", source="비즈니스워치", reporter="김철수",
          published="2024-10-07", starts="수도권 아파트 분양가가", ends="밀어 올리고 있다.", absent=["#분양가", "ⓒ"])),
    "etoday-reporter-eq": ("""이투데이
코스피, 외국인 매도에 2550선 후퇴
입력 2024-10-07 15:21
김철수 기자 = 코스피가 외국인 매도에 밀려 2550선으로 물러났다.

7일 코스피는 전 거래일보다 0.8% 내린 2551.20에 마감했다.

외국인은 3200억원어치를 팔았다.

김철수 기자 kim@etoday.co.kr
""", dict(title="코스피, 외국인 매도에 2550선 후퇴", source="이투데이", reporter="김철수", published="2024-10-07",
          starts="코스피가 외국인", ends="팔았다.", absent=["기자 ="])),
    "ajunews-wire": ("""아주경제
정부, 내년 R&D 예산 29조원 편성
김철수 기자
입력 2024-10-07 15:21 | 수정 2024-10-07 16:00
본문 듣기
[아주경제=김철수 기자] 정부가 내년 연구개발(R&D) 예산을 29조원으로 편성했다.

올해보다 11% 늘어난 규모다.

기초연구 예산이 가장 크게 늘었다.

김철수 기자 kim@ajunews.com
<저작권자ⓒ 아주경제. 무단전재·재배포 금지>
""", dict(title="정부, 내년 R&D 예산 29조원 편성", source="아주경제", reporter="김철수", published="2024-10-07",
          starts="정부가 내년", ends="가장 크게 늘었다.", absent=["[아주경제", "본문 듣기", "저작권자"])),
    "fnnews-no-space": ("""파이낸셜뉴스
[파이낸셜뉴스] 가온카드가 연회비 없는 신용카드를 내놨다.
""", None),
    "hankookilbo-name-only": ("""한국일보
사회
서울 지하철 9호선 연장 구간 개통 1년 늦춰져
김철수 기자
입력 2024.10.07 15:21
기사를 읽어드립니다
Your browser does not support the audio element.
0:00 / 0:00
서울 지하철 9호선 연장 구간 개통이 1년 늦춰진다.

서울시는 7일 공사 현장의 지반 보강이 필요하다고 밝혔다.

개통 목표는 2026년 말로 바뀌었다.

김철수 기자 kim@hankookilbo.com
관련 기사
9호선 혼잡도 여전…증차 효과 미미
""", dict(title="서울 지하철 9호선 연장 구간 개통 1년 늦춰져", source="한국일보", reporter="김철수",
          published="2024-10-07", starts="서울 지하철 9호선 연장 구간 개통이", ends="2026년 말로 바뀌었다.",
          absent=["읽어드립니다", "audio", "0:00", "혼잡도"])),
    "khan-byline-end": ("""경향신문
폭염에 배추값 한 달 새 70% 뛰어
김철수 기자
입력 : 2024.10.07 15:21
수정 : 2024.10.07 16:00
폰트크기
기사 저장
공유
배추 한 포기 소매가격이 한 달 새 70% 뛰었다.

한국농수산식품유통공사에 따르면 7일 배추 소매가는 9900원이었다.

정부는 비축 물량을 풀기로 했다.

김철수 기자 kim@kyunghyang.com
"""
, dict(title="폭염에 배추값 한 달 새 70% 뛰어", source="경향신문", reporter="김철수", published="2024-10-07",
          starts="배추 한 포기", ends="풀기로 했다.", absent=["폰트크기", "기사 저장"])),
    "hani-subscribe": ("""한겨레
경제
가계부채 증가세 꺾였다…9월 은행 대출 3조 증가
등록 2024-10-07 15:21
수정 2024-10-07 16:00
김철수 기자
9월 은행권 가계대출 증가폭이 3조원으로 줄었다.

스트레스 총부채원리금상환비율 2단계 시행 효과라는 분석이 나온다.

금융당국은 추이를 지켜보겠다는 입장이다.

김철수 기자 kim@hani.co.kr
한겨레 뉴스레터 구독하기
후원하기
""", dict(title="가계부채 증가세 꺾였다…9월 은행 대출 3조 증가", source="한겨레", reporter="김철수",
          published="2024-10-07", starts="9월 은행권", ends="입장이다.", absent=["뉴스레터", "후원하기"])),
    "naver-mobile-tts": ("""NAVER
뉴스
연합뉴스 언론사 선정
언론사 선정
반도체 수출 12개월 연속 증가…9월 역대 최대
입력2024.10.01. 오전 9:05
수정2024.10.01. 오전 10:12
기사원문
김철수 기자
본문 듣기
텍스트 음성 변환 서비스 사용하기
글자 크기 변경하기
SNS 보내기
인쇄하기
(세종=연합뉴스) 김철수 기자 = 반도체 수출이 12개월 연속 늘었다.

산업통상자원부는 1일 9월 반도체 수출액이 136억달러로 월간 역대 최대라고 밝혔다.

kim@yna.co.kr

Copyright ⓒ 연합뉴스. All rights reserved. 무단 전재-재배포, AI 학습 및 활용 금지.
좋아요
슬퍼요
화나요
연합뉴스 구독
""", dict(title="반도체 수출 12개월 연속 증가…9월 역대 최대", source="연합뉴스", reporter="김철수",
          published="2024-10-01", starts="반도체 수출이 12개월", ends="역대 최대라고 밝혔다.",
          absent=["음성", "언론사 선정", "구독", "좋아요", "Copyright"])),
    "paywall-teaser": ("""한경 프리미엄
2조 몸값 노리는 한빛로보틱스…상장 주관사 선정 임박
입력2024.10.07 15:21
김철수 기자
산업용 로봇 기업 한빛로보틱스가 상장 주관사 선정을 앞두고 있다.

업계에서는 기업가치가 2조원에 이를 것으로 본다.

유료 기사입니다
이 기사는 한경 구독자만 읽을 수 있습니다.
구독하기
로그인
""", dict(title="2조 몸값 노리는 한빛로보틱스…상장 주관사 선정 임박", source="한국경제", reporter="김철수", published="2024-10-07",
          starts="산업용 로봇 기업", ends="것으로 본다.", absent=["유료", "구독", "로그인"])),
    "blog-quote": ("""오늘의 경제 공부 #37
2024. 10. 8. 21:40
이웃추가
오늘은 반도체 장비 관련 기사를 스크랩해 봤어요. 요즘 장비주가 계속 오르네요.

가온장비, 3분기 수주 1조원 돌파

반도체 장비 업체 가온장비의 3분기 수주액이 처음으로 1조원을 넘었다.

회사는 고객사의 설비 투자가 재개된 덕분이라고 설명했다.

출처 : 한국경제 https://www.hankyung.com/article/2024100712345

제 생각에는 4분기에도 수주가 이어질 것 같아요. 다들 좋은 하루 보내세요!
공감 12 댓글 3
""", dict(source="한국경제", url="https://www.hankyung.com/article/2024100712345",
          present=["1조원을 넘었다", "재개된 덕분"], absent=["이웃추가", "공감 12"])),
}


@pytest.mark.parametrize("name", [n for n in TEXTS if TEXTS[n][1] is not None])
def test_copied_text_round4(name):
    text, exp = TEXTS[name]
    a = extract(text, origin=f"{name}.txt")
    check(a, {"starts": "", "ends": "", **exp})


def test_fnnews_bracket_without_reporter():
    a = extract(TEXTS["fnnews-no-space"][0], origin="a.txt")
    assert a.source == "파이낸셜뉴스" and a.reporter is None and a.published is None
    assert a.body == "가온카드가 연회비 없는 신용카드를 내놨다."


def test_blog_quote_keeps_article_date_not_the_blog_date():
    a = extract(TEXTS["blog-quote"][0], origin="blog.txt")
    # the URL carries 20241007; the blog's own post date (10. 8.) is the re-poster's
    assert a.published == "2024-10-07"



def test_blog_quote_title_is_the_articles_headline():
    a = extract(TEXTS["blog-quote"][0], origin="blog.txt")
    assert a.title == "가온장비, 3분기 수주 1조원 돌파"
    assert a.body.startswith("반도체 장비 업체 가온장비의")
    assert a.body.endswith("재개된 덕분이라고 설명했다.")
    assert "스크랩해 봤어요" not in a.body and "제 생각에는" not in a.body


BLOG_SOURCE_ON_TOP = """[경제 스크랩] 배터리 소재 이야기
출처 : 매일경제 https://www.mk.co.kr/news/business/11130000
안녕하세요! 오늘도 기사 한 편 가져왔습니다. 배터리 소재 쪽이 요즘 핫하죠.

누리소재, 양극재 공장 증설에 5000억 투입
입력 2024.10.06 09:12
박영희 기자

누리소재가 양극재 생산능력을 두 배로 늘리기 위해 5000억원을 투자한다.

증설 공장은 2026년부터 가동될 예정이다.

개인적으로는 투자 규모가 생각보다 커서 놀랐어요.
다음 스크랩도 기대해 주세요~
"""

NAVER_BLOG_QUOTE = """경제 기사 읽기 30일 챌린지 (12일차)
하루한줄경제
2024. 10. 9. 7:55
이웃추가
본문 기타 기능
오늘 고른 기사는 조선업 관련 기사예요. 수주 소식이 계속 나오네요 ㅎㅎ

가람중공업, LNG선 4척 1조2000억 수주
2024.10.08 14:30
김민수 기자

가람중공업이 유럽 선사와 LNG 운반선 4척을 1조2000억원에 건조하는 계약을 맺었다고 8일 밝혔다.

선박은 2027년까지 순차적으로 인도된다.

느낀 점
조선업 슈퍼사이클이 진짜 오는 것 같아요.
출처 : 서울경제 https://www.sedaily.com/NewsView/2024100812345
공감 5 댓글 2
"""


def test_blog_quote_with_the_source_line_on_top():
    a = extract(BLOG_SOURCE_ON_TOP, origin="blog.txt")
    check(a, dict(title="누리소재, 양극재 공장 증설에 5000억 투입", source="매일경제",
                  url="https://www.mk.co.kr/news/business/11130000", reporter="박영희", published="2024-10-06",
                  starts="누리소재가 양극재", ends="가동될 예정이다.", absent=["안녕하세요", "놀랐어요", "기대해 주세요"]))


def test_naver_blog_quote_with_its_furniture():
    a = extract(NAVER_BLOG_QUOTE, origin="blog.txt")
    check(a, dict(title="가람중공업, LNG선 4척 1조2000억 수주", source="서울경제",
                  url="https://www.sedaily.com/NewsView/2024100812345", reporter="김민수", published="2024-10-08",
                  starts="가람중공업이 유럽 선사와", ends="순차적으로 인도된다.",
                  absent=["본문 기타 기능", "이웃추가", "ㅎㅎ", "느낀 점", "슈퍼사이클", "공감 5"]))


# ---------------------------------------------------------------- files: CP949 from Notepad, NFD from macOS

NOTEPAD = ("가온전자, 폴더블폰 힌지 부품 공급\r\n"
           "입력 2024.10.07 15:21\r\n"
           "김철수 기자\r\n"
           "\r\n"
           "가온전자가 폴더블폰용 힌지 부품을 공급한다.\r\n"
           "\r\n"
           "공급 규모는 연간 500만 개다.\r\n"
           "\r\n"
           "김철수 기자 kim@etnews.com\r\n")


def test_cp949_notepad_file(tmp_path):
    p = tmp_path / "기사.txt"
    p.write_bytes(NOTEPAD.encode("cp949"))
    a = load_article(str(p), max_bytes=MB)
    check(a, dict(title="가온전자, 폴더블폰 힌지 부품 공급", source="전자신문", reporter="김철수",
                  published="2024-10-07", starts="가온전자가 폴더블폰용", ends="연간 500만 개다."))


def test_nfd_text_from_macos(tmp_path):
    p = tmp_path / "nfd.txt"
    p.write_bytes(unicodedata.normalize("NFD", NOTEPAD.replace("\r\n", "\n")).encode("utf-8"))
    a = load_article(str(p), max_bytes=MB)
    assert a.title == "가온전자, 폴더블폰 힌지 부품 공급" and a.reporter == "김철수"
    assert unicodedata.is_normalized("NFC", a.body) and a.body.endswith("연간 500만 개다.")


# ---------------------------------------------------------------- Markdown

MD_NO_URL_FIELD = """---
title: "누리통신, 위성통신 자회사 설립"
source: "https://www.etnews.com/20241007000123"
created: 2024-10-09
tags: [clippings, 통신]
---

[전자신문 김철수기자] 누리통신이 위성통신 자회사를 세운다.

자회사는 저궤도 위성 기반 기업용 서비스를 맡는다.

김철수기자 kim@etnews.com
"""


def test_clipper_source_url_and_clip_date():
    a = extract(MD_NO_URL_FIELD, origin="clip.md")
    check(a, dict(title="누리통신, 위성통신 자회사 설립", url="https://www.etnews.com/20241007000123",
                  source="전자신문", reporter="김철수", published="2024-10-07",
                  starts="누리통신이 위성통신", ends="서비스를 맡는다.", absent=["kim@"]))


# ---------------------------------------------------------------- saved HTML

HT = "가온바이오, 비만 치료제 임상 2상 성공"
HP = ["가온바이오가 비만 치료제 후보물질의 임상 2상에서 주요 지표를 달성했다고 7일 밝혔다.",
      "투약군의 체중은 24주 동안 평균 12% 줄었다. 위약군은 2% 감소에 그쳤다.",
      "회사는 내년 상반기 임상 3상 진입을 목표로 글로벌 제약사와 기술이전 협상을 벌이고 있다.",
      "증권가에서는 기술이전 계약 규모가 1조원을 넘을 수 있다는 관측도 나온다."]

HTML_PAGES = {
    "description-only-article_txt": (f"""<html><head><meta charset="utf-8"><title>{HT} - 아주경제</title>
<meta name="description" content="{HP[0]}"></head><body>
<div class="gnb"><a href="/">홈</a><a href="/eco">경제</a><a href="/ind">산업</a></div>
<h2 class="tit">{HT}</h2>
<div class="article_txt"><p>{HP[0]}</p><p>{HP[1]}</p><p>{HP[2]}</p><p>{HP[3]}</p>
<p>김철수 기자 kim@ajunews.com</p></div>
<div class="copy">&lt;저작권자ⓒ 아주경제. 무단전재·재배포 금지&gt;</div></body></html>""", dict(
        source="아주경제", reporter="김철수", published=None, absent=["kim@", "저작권자"])),
    "date-span-only": (f"""<html><head><meta charset="utf-8"><title>{HT}</title>
<meta property="og:title" content="{HT}"><meta property="og:site_name" content="이투데이"></head><body>
<h1>{HT}</h1><div class="info"><span class="name">김철수 기자</span><span class="date">2024.10.07 15:21</span></div>
<div id="article_body"><p>{HP[0]}</p><p>{HP[1]}</p><p>{HP[2]}</p><p>{HP[3]}</p></div></body></html>""", dict(
        source="이투데이", reporter="김철수", published="2024-10-07")),
    "two-column-sidebar": (f"""<html><head><meta charset="utf-8"><title>{HT} | 파이낸셜뉴스</title>
<meta property="og:title" content="{HT}"><meta property="og:url" content="https://www.fnnews.com/news/202410071521123456">
</head><body><div class="wrap"><div class="main">
<h1>{HT}</h1><div class="byline">파이낸셜뉴스 입력 2024.10.07 15:21 수정 2024.10.07 16:00</div>
<div id="article_content"><p>[파이낸셜뉴스] {HP[0]}</p><p>{HP[1]}</p><p>{HP[2]}</p><p>{HP[3]}</p>
<p>kim@fnnews.com 김철수 기자</p></div></div>
<div class="side"><h3>많이 본 뉴스</h3><ul><li><a href="/1">코스피 2600선 회복 기대감</a></li>
<li><a href="/2">서울 아파트값 상승폭 축소</a></li><li><a href="/3">금리 인하 기대에 채권값 강세</a></li></ul>
<h3>최신 기사</h3><ul><li><a href="/4">환율 1350원대 마감</a></li></ul></div></div></body></html>""", dict(
        url="https://www.fnnews.com/news/202410071521123456", source="파이낸셜뉴스", reporter="김철수",
        published="2024-10-07", absent=["[파이낸셜뉴스]", "kim@", "코스피 2600선", "환율 1350원대", "많이 본"])),
}


@pytest.mark.parametrize("name", list(HTML_PAGES))
def test_saved_html_round4(name):
    html, exp = HTML_PAGES[name]
    exp = {"title": HT, "starts": HP[0], "ends": HP[-1], **exp}
    a = extract(html, origin="page.html")
    assert a.format == "html"
    check(a, exp)
