"""Extraction on the shapes real Korean news pages come in: portal copies (Naver, Daum), wire
copies (연합뉴스, 뉴시스, 뉴스1), newspaper and small-CMS pages, English pages, saved HTML (og/JSON-LD,
logo <h1>, EUC-KR, <br> paragraphs, table layouts), web-clipper and blog Markdown, and robustness.

Every page below is made up in the layout the site uses; the companies and people are invented.
"""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapnote.decode import decode_bytes
from scrapnote.errors import InputError
from scrapnote.extract import FORMATS, extract, load_article
from scrapnote.extract import bylines, furniture

MB = 1024 * 1024

# ---------------------------------------------------------------- copied page text

NAVER = """본문 바로가기
NAVER 뉴스
뉴스홈
속보
정치
경제
사회
생활/문화
IT/과학
세계
랭킹
신문보기
오피니언
한국경제
한국경제
구독
한국경제 언론사 이미지
PICK 안내
가상반도체 수출 석 달 연속 증가…"하반기 회복세 뚜렷"
입력2024.10.07. 오후 3:21  수정2024.10.07. 오후 4:05 기사원문
김철수 기자
김철수 기자
  구독
공감
23
댓글
42
본문 요약봇
텍스트 음성 변환 서비스 사용하기
글자 크기 변경하기
SNS 보내기
인쇄하기
가상통상부 "9월 수출 587억달러"

가상반도체 수출이 석 달 연속 증가세를 이어가며 하반기 경기 회복을 이끌고 있다는 분석이 나왔다.

가상통상부는 7일 9월 반도체 수출액이 136억달러로 지난해 같은 달보다 37% 늘었다고 밝혔다. 인공지능(AI) 서버용 메모리 수요가 늘어난 영향이다.

정부 관계자는 "4분기에도 증가세가 이어질 것"이라고 말했다.

김철수 기자 chulsoo@hankyung.com
기자 프로필
한국경제
김철수 기자
구독자 1,234
응원수 56
"가상반도체 수출 호조"
이 기사는 언론사에서 경제 섹션으로 분류했습니다.
기사 섹션 분류 안내
기사의 섹션 정보는 해당 언론사의 분류를 따르고 있습니다. 언론사는 개별 기사를 2개 이상 섹션으로 중복 분류할 수 있습니다.
닫기
메인에서 바로 보는 언론사 편집 뉴스 지금 바로 구독해보세요!
한국경제 헤드라인
더보기
가상은행, 기준금리 동결
환율 1,350원대 마감
쏠쏠정보
0
흥미진진
0
댓글
"""

DAUM = """Daum
뉴스
홈
사회
정치
경제
국제
IT
포토
"금리 인하 속도 조절"…가상은행, 기준금리 3.25%로 동결
이데일리
입력 2024. 10. 7. 15:21수정 2024. 10. 7. 15:30
타임톡 12
음성으로 듣기
번역 설정
번역 beta
Translated by
kakao i
글씨크기 조절하기
인쇄하기
가
가
이데일리 로고
[이데일리 김철수 기자] 가상은행이 기준금리를 연 3.25%로 동결했다. 가계부채 증가세와 환율 변동성을 고려한 결정이다.

가상은행 총재는 이날 기자간담회에서 "금리 인하 속도를 조절할 필요가 있다"고 말했다.

(사진=이데일리 DB)
가상은행은 올해 경제성장률 전망치를 2.4%로 유지했다.

김철수 (chulsoo@edaily.co.kr)
이데일리 채널 구독 신청하기 ▶
＜ⓒ종합 경제정보 미디어 이데일리 - 상업적 무단전재 & 재배포 금지＞
이 기사에 대해 어떻게 생각하시나요?
추천해요
0
슬퍼요
0
"""

YONHAP = """연합뉴스
전체메뉴
검색
경제
가상전자, 3분기 영업이익 9조1천억원…시장 기대 밑돌아
송고2024-10-07 15:21
김철수 기자
박영희 기자
기자 페이지
글자크기
인쇄
공유
(서울=연합뉴스) 김철수 박영희 기자 = 가상전자의 올해 3분기 영업이익이 9조1천억원으로 잠정 집계됐다.

가상전자는 7일 이 같은 내용의 3분기 잠정 실적을 공시했다. 매출은 79조원으로 분기 기준 역대 최대를 기록했다.

반도체 부문의 일회성 비용이 반영된 것으로 풀이된다.

chulsoo@yna.co.kr

<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>
2024/10/07 15:21 송고
관련 뉴스
가상하이닉스, 3분기 최대 실적 전망
많이 본 뉴스
1
가상전자 주가 급락
2
코스피 2,600선 회복
"""

MK = """매일경제
증권
"배당 늘리는 기업 찾아라"…밸류업 지수 편입 경쟁
김철수 기자
입력 : 2024-10-07 15:21:03
수정 : 2024-10-07 16:02:11
사진 확대
[사진=연합뉴스]
가상거래소가 밸류업 지수 구성 종목을 발표하자 상장사들이 주주환원 확대에 나서고 있다.

가상거래소는 7일 100개 종목으로 구성된 밸류업 지수를 공개했다. 지수 편입 기업들은 배당 확대와 자사주 소각 계획을 잇달아 내놓았다.

▶ 관련기사: 밸류업 지수 발표 임박…편입 종목 관심
☞ 매경 유튜브 구독하고 경제 뉴스 받기

증권업계는 "지수 편입 여부가 주가에 영향을 줄 것"이라고 내다봤다.

[ⓒ 매일경제 & mk.co.kr, 무단 전재, 재배포 및 AI학습 이용 금지]
김철수 기자
구독
좋아요 0
이 기사를 추천합니다
"""

MT = """머니투데이
경제 > 경제일반
전기요금 4분기 동결…가상전력 적자 부담 커진다
세종=김철수 경제부 기자
기사 입력 2024.10.07 15:21
| 최종수정 2024.10.07 16:02
정부가 4분기 전기요금을 동결하기로 했다. 물가 부담을 고려한 결정이다.

가상전력은 7일 4분기 연료비조정단가를 킬로와트시(kWh)당 5원으로 유지한다고 밝혔다.

가상전력의 누적 적자는 40조원을 넘는다.

김철수 기자 kim@mt.co.kr

<저작권자 ⓒ '돈이 보이는 리얼타임 뉴스' 머니투데이, 무단전재 및 재배포 금지>
"""

SEDAILY = """서울경제
[2024-10-07]
코스피, 외국인 매도에 2,560선 후퇴
김철수 기자
2024-10-07 15:21:00
[서울경제] 코스피가 외국인 매도세에 밀려 2,560선으로 후퇴했다.

7일 가상거래소에 따르면 코스피는 전 거래일보다 0.8% 내린 2,561.69에 마감했다.

외국인은 유가증권시장에서 3천억원어치를 순매도했다.

김철수 기자 kim@sedaily.com
< 저작권자 ⓒ 서울경제, 무단 전재 및 재배포 금지 >
"""

ITDAILY = """아이티데일리
HOME 뉴스 클라우드
클라우드 시장 1년 새 20% 성장…국내 기업 전환 가속
김철수 기자
승인 2024.10.07 15:21
댓글 0
기사공유하기
[아이티데일리] 국내 클라우드 시장이 1년 새 20% 성장한 것으로 나타났다.

가상정보부는 7일 발표한 실태조사에서 지난해 국내 클라우드 시장 규모가 7조원에 달했다고 밝혔다.

업계는 공공 부문 전환이 본격화되면 성장세가 더 빨라질 것으로 본다.

김철수 기자 kim@itdaily.kr
저작권자 © 아이티데일리 무단전재 및 재배포 금지
"""

NEWSIS = """뉴시스
경제
원·달러 환율 1350원대 마감…美 고용지표 주목
등록 2024.10.07 15:21:30
수정 2024.10.07 16:02:11
김철수 기자
[서울=뉴시스] 김철수 기자 = 원·달러 환율이 1350원대에서 마감했다.

7일 서울 외환시장에서 원·달러 환율은 전 거래일보다 3.5원 오른 1351.2원에 거래를 마쳤다.

시장은 이번 주 발표될 미국 고용지표에 주목하고 있다.

◎공감언론 뉴시스 kim@newsis.com
Copyright © NEWSIS.COM, All rights reserved.
"""

NEWS1_SHORT = """뉴스1
[속보] 코스피 2% 급락…2,500선 붕괴
(서울=뉴스1) 김철수 기자 | 2024-10-07 15:21 송고
코스피가 2% 넘게 급락했다.

2,500선이 무너졌다.

외국인이 매도를 주도했다.
Copyright ⓒ 뉴스1. All rights reserved. 무단 전재 및 재배포, AI학습 이용 금지.
"""

MID_BODY = """한국경제
[단독] 가상전자, 美 텍사스에 배터리 공장 짓는다
총 5조원 투자…2026년 가동 목표
김철수 기자
입력 2024.10.07 15:21
수정 2024.10.07 16:02
가상전자가 미국 텍사스주에 5조원을 들여 배터리 공장을 짓는다.

사진 확대
가상전자 텍사스 공장 조감도. /가상전자 제공
7일 업계에 따르면 가상전자는 이르면 이달 말 이사회를 열고 투자안을 의결할 예정이다.

▶ 관련기사 가상전자, 북미 투자 확대 검토
☞ 한경 유튜브 구독하고 경제 뉴스 받기

이번 투자는 미국 인플레이션감축법(IRA)에 따른 세액공제 혜택을 노린 것으로 풀이된다.

(사진=뉴스1)
업계 관계자는 "현지 생산 없이는 보조금을 받기 어렵다"고 말했다.

[사진=연합뉴스]
좋아요
12
슬퍼요
0
가상전자는 2026년 하반기 가동을 목표로 하고 있다.

김철수 기자 kim@hankyung.com
ⓒ 한국경제 & Hankyung.com, 무단전재 및 재배포 금지
"""

TOP_BAR_DATE = """2024년 10월 9일 수요일
로그인
회원가입
아시아경제
경제 > 금융
2024.10.07 15:21
'빚투' 20조 돌파…개미들 다시 빚내 주식 산다
김철수 기자
개인 투자자들이 빚을 내 주식을 사는 신용거래융자 잔고가 20조원을 넘어섰다. 금리 인하 기대감이 커진 영향이다.

7일 가상투자협회에 따르면 지난 4일 기준 신용거래융자 잔고는 20조1천억원으로 집계됐다.

김철수 기자 kim@asiae.co.kr
"""

SHORT_YEAR = """전자신문
배터리 소재 수출 반등
24.10.07
김철수 기자
이차전지 소재 수출이 반등했다. 양극재 수출이 전월보다 12% 늘었다.

업계는 4분기 회복을 기대한다.
"""

NO_YEAR = """가상전자, 신형 폴더블폰 공개
10월 7일
가상전자가 7일 신형 폴더블폰을 공개했다. 전작보다 무게를 20g 줄였다.

출고가는 239만원으로 책정됐다.
"""

WEEKDAY_DATE = """국내 증시 마감
2024년 10월 7일 월요일
박영희 기자
코스닥 지수가 7일 1.5% 올랐다. 개인 투자자의 매수세가 이어졌다.

거래대금은 8조원을 기록했다.
"""

DATELINE_ONLY = """헤럴드경제
[헤럴드경제=김철수 기자] 원·달러 환율이 1350원대에서 마감했다.

7일 서울 외환시장에서 원·달러 환율은 전 거래일보다 3.5원 오른 1351.2원에 거래를 마쳤다.

kim@heraldcorp.com
"""

HERALD_EN = """The Korea Herald
Business
Finance
Korea's exports rise for 12th straight month on chip demand
By Kim Chul-soo
Published : Oct. 7, 2024 - 15:21
Updated : Oct. 7, 2024 - 16:02
South Korea's exports rose for the 12th consecutive month in September, driven by chip demand, data showed.

Outbound shipments increased 7.5 percent from a year earlier to $58.7 billion.

Chip exports jumped 37 percent to a record $13.6 billion.

kim@heraldcorp.com
"""

JOONGANG_EN = """Korea JoongAng Daily
Bank of Korea holds key rate at 3.25%
Monday, October 7, 2024
BY KIM CHUL-SOO [kim.chulsoo@joongang.co.kr]
The central bank kept its benchmark interest rate unchanged at 3.25 percent on Monday.

The decision was unanimous, according to the governor.

Economists expect a cut in November.
Copyright © Korea JoongAng Daily. All rights reserved.
"""

YONHAP_EN = """Yonhap News Agency
S. Korea's exports up 7.5 pct in Sept.
2024-10-07 15:21
SEOUL, Oct. 7 (Yonhap) -- South Korea's exports rose 7.5 percent in September from a year earlier, data showed.

Outbound shipments reached $58.7 billion, the ministry said.

(END)
"""

NAVER_BLOG = """블로그
카테고리 이동
경제 공부하는 취준생
검색
MY메뉴 열기
경제신문 스크랩
[경제신문 스크랩] 가상은행 기준금리 동결
취준생K
2024. 10. 9. 21:30
이웃추가
본문 기타 기능
출처: https://www.edaily.co.kr/News/Read?newsId=01234567890123456
"금리 인하 속도 조절"…가상은행, 기준금리 3.25%로 동결
[이데일리 김철수 기자] 가상은행이 기준금리를 연 3.25%로 동결했다. 가계부채 증가세와 환율 변동성을 고려한 결정이다.

가상은행 총재는 이날 기자간담회에서 "금리 인하 속도를 조절할 필요가 있다"고 말했다.

✔ 느낀 점
금리 동결이 가계부채 때문이라는 걸 알게 됐다.

공감
7
댓글 2
공유하기
"""

WIRE_PHOTO = """가상전자, 3분기 영업이익 9조1천억원
송고2024-10-07 15:21
박영희 기자
가상전자 서초사옥
(서울=연합뉴스) 김철수 기자 = 7일 서울 서초구 가상전자 서초사옥 모습. 2024.10.7 [연합뉴스 자료사진]
photo@yna.co.kr
(서울=연합뉴스) 박영희 기자 = 가상전자의 올해 3분기 영업이익이 9조1천억원으로 잠정 집계됐다.

7일 서울 중구 가상은행 딜링룸 전광판에 코스피 지수가 표시되고 있다. 2024.10.7/뉴스1
가상전자는 7일 이 같은 내용의 3분기 잠정 실적을 공시했다. 매출은 79조원이었다.

young@yna.co.kr
"""

TISTORY_TEXT = """백규서옥_Blog ver.
홈
태그
방명록
가상전자, 美 텍사스에 배터리 공장 짓는다
2024. 10. 9. 19:32
▲ 가상전자 텍사스 공장 조감도
[아이티데일리] 가상전자가 미국 텍사스주에 5조원을 들여 배터리 공장을 짓는다. 2026년 가동이 목표다.

업계에 따르면 가상전자는 이르면 이달 말 이사회를 열고 투자안을 의결할 예정이다.

* 2024년 10월 07일(월) 08:58:07 김철수 기자 kim@itdaily.kr
출처 : 아이티데일리(http://www.itdaily.kr/news/articleView.html?idxno=12345)
공유하기
게시글 관리
구독하기백규서옥_Blog ver.
저작자표시 비영리 변경금지
'알림' 카테고리의 다른 글
가상은행 금리 동결 (0)
댓글0
"""

POLICY_BRIEFING = """대한민국 정책브리핑
정책뉴스
9월 수출 587억 달러…역대 9월 중 최대 실적
산업통상자원부 2024.10.07
글자크기 설정
인쇄
9월 수출이 전년 동월 대비 7.5% 증가한 587억 달러를 기록해 역대 9월 중 최대 실적을 달성했다.

가상통상부는 7일 이 같은 내용의 '9월 수출입 동향'을 발표했다.

문의 : 산업통상자원부 무역투자실 수출입과(044-203-4000)
<자료제공 :(www.korea.kr)>
"""

NEWSROOM = """가상텔레콤 뉴스룸
홈 > 뉴스룸 > 보도자료
가상텔레콤, AI 반도체 스타트업과 초거대 AI 인프라 구축 협력
조회수 1,234
공유하기
가상텔레콤 AI 반도체 협력.jpg (245KB)
가상텔레콤(대표 홍길동)이 AI 반도체 스타트업 가상칩스와 업무협약을 맺었다고 7일 밝혔다.

▲ 가상텔레콤 홍길동 대표(왼쪽)와 가상칩스 이몽룡 대표가 협약식에서 기념촬영을 하고 있다.

가상텔레콤 관계자는 "국산 AI 반도체 생태계 확대에 기여하겠다"고 말했다.

보도자료 문의: 가상텔레콤 홍보팀 (02-1234-5678, pr@gasang.co.kr)
첨부파일
목록
이전글 가상텔레콤, 3분기 실적 발표
"""

TEXT_SHAPES = {
    "naver": (NAVER, dict(
        title='가상반도체 수출 석 달 연속 증가…"하반기 회복세 뚜렷"', source="한국경제", reporter="김철수",
        published="2024-10-07", starts="가상반도체 수출이 석 달 연속", ends='증가세가 이어질 것"이라고 말했다.',
        absent=["기사원문", "구독", "PICK", "요약봇", "언론사 이미지", "기자 프로필", "구독자", "섹션으로 분류", "헤드라인",
                "쏠쏠정보", "chulsoo@"])),
    "daum": (DAUM, dict(
        title='"금리 인하 속도 조절"…가상은행, 기준금리 3.25%로 동결', source="이데일리", reporter="김철수",
        published="2024-10-07", starts="가상은행이 기준금리를 연 3.25%로 동결했다.", ends="2.4%로 유지했다.",
        absent=["[이데일리", "타임톡", "번역", "kakao", "글씨크기", "이데일리 로고", "사진=", "구독 신청", "무단전재", "추천해요"])),
    "yonhap": (YONHAP, dict(
        title="가상전자, 3분기 영업이익 9조1천억원…시장 기대 밑돌아", source="연합뉴스", reporter="김철수, 박영희",
        published="2024-10-07", starts="가상전자의 올해 3분기 영업이익이", ends="반영된 것으로 풀이된다.",
        absent=["연합뉴스)", "기자 =", "chulsoo@", "저작권자", "송고", "관련 뉴스", "많이 본 뉴스", "주가 급락"])),
    "mk": (MK, dict(
        title='"배당 늘리는 기업 찾아라"…밸류업 지수 편입 경쟁', source="매일경제", reporter="김철수", published="2024-10-07",
        starts="가상거래소가 밸류업 지수 구성 종목을", ends='영향을 줄 것"이라고 내다봤다.',
        absent=["사진 확대", "[사진=", "관련기사", "유튜브", "mk.co.kr", "좋아요", "추천합니다"])),
    "mt": (MT, dict(
        title="전기요금 4분기 동결…가상전력 적자 부담 커진다", source="머니투데이", reporter="김철수", published="2024-10-07",
        starts="정부가 4분기 전기요금을 동결하기로 했다.", ends="누적 적자는 40조원을 넘는다.",
        absent=["경제일반", "최종수정", "kim@mt.co.kr", "저작권자"])),
    "sedaily": (SEDAILY, dict(
        title="코스피, 외국인 매도에 2,560선 후퇴", source="서울경제", reporter="김철수", published="2024-10-07",
        starts="코스피가 외국인 매도세에 밀려", ends="3천억원어치를 순매도했다.", absent=["[서울경제]", "kim@", "저작권자"])),
    "itdaily": (ITDAILY, dict(
        title="클라우드 시장 1년 새 20% 성장…국내 기업 전환 가속", source="아이티데일리", reporter="김철수",
        published="2024-10-07", starts="국내 클라우드 시장이 1년 새 20% 성장한", ends="더 빨라질 것으로 본다.",
        absent=["HOME", "승인", "댓글", "기사공유", "[아이티데일리]", "kim@", "무단전재"])),
    "newsis": (NEWSIS, dict(
        title="원·달러 환율 1350원대 마감…美 고용지표 주목", source="뉴시스", reporter="김철수", published="2024-10-07",
        starts="원·달러 환율이 1350원대에서 마감했다.", ends="미국 고용지표에 주목하고 있다.",
        absent=["[서울=뉴시스]", "공감언론", "NEWSIS.COM"])),
    "news1-short-paragraphs": (NEWS1_SHORT, dict(
        title="[속보] 코스피 2% 급락…2,500선 붕괴", source="뉴스1", reporter="김철수", published="2024-10-07",
        starts="코스피가 2% 넘게 급락했다.", ends="외국인이 매도를 주도했다.", absent=["송고", "Copyright"])),
    "furniture-inside-body": (MID_BODY, dict(
        title="[단독] 가상전자, 美 텍사스에 배터리 공장 짓는다", source="한국경제", reporter="김철수", published="2024-10-07",
        starts="가상전자가 미국 텍사스주에 5조원을 들여", ends="2026년 하반기 가동을 목표로 하고 있다.",
        absent=["사진 확대", "조감도", "관련기사", "유튜브", "(사진=", "[사진=", "좋아요", "슬퍼요", "\n12\n", "무단전재"])),
    "top-bar-date": (TOP_BAR_DATE, dict(
        title="'빚투' 20조 돌파…개미들 다시 빚내 주식 산다", source="아시아경제", reporter="김철수", published="2024-10-07",
        starts="개인 투자자들이 빚을 내", ends="20조1천억원으로 집계됐다.", absent=["로그인", "kim@"])),
    "short-year-date": (SHORT_YEAR, dict(
        title="배터리 소재 수출 반등", source="전자신문", reporter="김철수", published="2024-10-07",
        starts="이차전지 소재 수출이 반등했다.", ends="4분기 회복을 기대한다.", absent=["24.10.07"])),
    "no-year-date": (NO_YEAR, dict(
        title="가상전자, 신형 폴더블폰 공개", source=None, reporter=None, published=None,
        starts="가상전자가 7일 신형 폴더블폰을", ends="239만원으로 책정됐다.", absent=["10월 7일\n"])),
    "weekday-date": (WEEKDAY_DATE, dict(
        title="국내 증시 마감", source=None, reporter="박영희", published="2024-10-07",
        starts="코스닥 지수가 7일 1.5% 올랐다.", ends="8조원을 기록했다.", absent=["월요일"])),
    "dateline-as-first-paragraph": (DATELINE_ONLY, dict(
        title=None, source="헤럴드경제", reporter="김철수", published=None,
        starts="원·달러 환율이 1350원대에서 마감했다.", ends="1351.2원에 거래를 마쳤다.", absent=["[헤럴드경제", "kim@"])),
    "naver-blog-repost": (NAVER_BLOG, dict(
        title='"금리 인하 속도 조절"…가상은행, 기준금리 3.25%로 동결',
        url="https://www.edaily.co.kr/News/Read?newsId=01234567890123456", source="이데일리", reporter="김철수",
        published="2024-10-09", starts="가상은행이 기준금리를", ends='조절할 필요가 있다"고 말했다.',
        absent=["느낀 점", "알게 됐다", "이웃추가", "공감", "출처"])),
    "wire-photo-captions": (WIRE_PHOTO, dict(
        title="가상전자, 3분기 영업이익 9조1천억원", source="연합뉴스", reporter="박영희", published="2024-10-07",
        starts="가상전자의 올해 3분기 영업이익이", ends="매출은 79조원이었다.",
        absent=["자료사진", "서초사옥", "photo@", "딜링룸", "/뉴스1"])),
    "tistory-repost-text": (TISTORY_TEXT, dict(
        title="가상전자, 美 텍사스에 배터리 공장 짓는다", url="http://www.itdaily.kr/news/articleView.html?idxno=12345",
        source="아이티데일리", reporter="김철수", published="2024-10-07", starts="가상전자가 미국 텍사스주에",
        ends="투자안을 의결할 예정이다.", absent=["Blog", "구독", "카테고리", "금리 동결", "출처", "조감도"])),
    "policy-briefing": (POLICY_BRIEFING, dict(
        title="9월 수출 587억 달러…역대 9월 중 최대 실적", source="대한민국 정책브리핑", reporter=None, published="2024-10-07",
        starts="9월 수출이 전년 동월 대비", ends="'9월 수출입 동향'을 발표했다.", absent=["문의", "자료제공", "인쇄"])),
    "company-newsroom-no-date": (NEWSROOM, dict(
        title="가상텔레콤, AI 반도체 스타트업과 초거대 AI 인프라 구축 협력", source=None, reporter=None, published=None,
        starts="가상텔레콤(대표 홍길동)이", ends='기여하겠다"고 말했다.',
        absent=[".jpg", "▲", "문의", "첨부파일", "이전글", "조회수"])),
    "korea-herald-english": (HERALD_EN, dict(
        title="Korea's exports rise for 12th straight month on chip demand", source="코리아헤럴드", reporter="Kim Chul-soo",
        published="2024-10-07", starts="South Korea's exports rose", ends="a record $13.6 billion.",
        absent=["By Kim", "Published", "Updated", "kim@"])),
    "joongang-daily-english": (JOONGANG_EN, dict(
        title="Bank of Korea holds key rate at 3.25%", source="코리아중앙데일리", reporter="Kim Chul-soo",
        published="2024-10-07", starts="The central bank kept", ends="expect a cut in November.",
        absent=["BY KIM", "Monday, October", "Copyright"])),
    "yonhap-english": (YONHAP_EN, dict(
        title="S. Korea's exports up 7.5 pct in Sept.", source="연합뉴스", reporter=None, published="2024-10-07",
        starts="South Korea's exports rose 7.5 percent", ends="the ministry said.", absent=["(Yonhap) --", "(END)"])),
}


def check(a, exp: dict) -> None:
    if exp.get("title") is not None:
        assert a.title == exp["title"]
    for key in ("url", "source", "reporter", "published"):
        if key in exp:
            assert getattr(a, key) == exp[key], key
    assert a.body.startswith(exp["starts"]), a.body[:120]
    assert a.body.endswith(exp["ends"]), a.body[-120:]
    for bad in exp.get("absent", []):
        assert bad not in a.body, bad
    assert "\n\n\n" not in a.body and "\t" not in a.body and "\u00a0" not in a.body
    paragraphs = a.body.split("\n\n")
    assert len(paragraphs) == len(set(paragraphs)), "a paragraph twice"


@pytest.mark.parametrize("name", list(TEXT_SHAPES))
def test_copied_page_text(name):
    text, exp = TEXT_SHAPES[name]
    a = extract(text)
    assert a.format == "text"
    check(a, exp)


# ---------------------------------------------------------------- bylines and dates in the header

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
    ("김철수 칼럼니스트\n2024.10.07\n", None, "2024-10-07"),
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
def test_datelines(line, source, names, rest):
    d = bylines.parse_dateline(line)
    assert (d.source, d.reporters, d.rest) == (source, names, rest)


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


# ---------------------------------------------------------------- robustness of copied text

def test_no_headline_like_first_line():
    a = extract("정부가 내년 예산을 677조원 규모로 편성했다. 올해보다 3.2% 늘어난 규모다.\n\n"
                "가상재정부는 7일 국무회의에서 이 같은 내용의 예산안을 의결했다고 밝혔다.\n")
    assert a.title == "정부가 내년 예산을 677조원 규모로 편성했다."
    assert a.body.startswith("정부가 내년 예산을") and a.published is None


def test_headline_above_a_short_lead_without_byline_or_date():
    a = extract("본문 바로가기\n가상 뉴스 포털 사이트\n로그인\n가상전자 美 공장 착공 본격화\n가상전자가 공장을 짓는다.\n\n"
                "업계에 따르면 가상전자는 이르면 이달 말 이사회를 열고 투자안을 의결할 예정이라고 한다. 투자 규모는 5조원이다.\n")
    assert a.title == "가상전자 美 공장 착공 본격화"
    assert a.body.startswith("가상전자가 공장을 짓는다.")


@pytest.mark.parametrize("lines,title", [
    ("가상전자, 美 텍사스에\n배터리 공장 짓는다", "가상전자, 美 텍사스에 배터리 공장 짓는다"),  # one headline on two lines
    ("가상은행 기준금리 동결,\n가계부채 부담 반영", "가상은행 기준금리 동결, 가계부채 부담 반영"),
    ("가상전자 美 공장 착공\n총 5조원 투자…2026년 가동 목표", "가상전자 美 공장 착공"),  # a headline and its subtitle
])
def test_two_line_headlines(lines, title):
    a = extract("매일경제\n" + lines + "\n김철수 기자\n입력 2024.10.07\n"
                "가상전자가 미국 텍사스주에 5조원을 들여 배터리 공장을 짓는다고 밝혔다.\n")
    assert a.title == title


@pytest.mark.parametrize("line", [
    "동영상 재생", "0:00 / 1:32", "광고", "(영상=가상전자 제공)", "/사진=게티이미지뱅크", "[그래픽=김철수 기자]", "[연합뉴스TV 제공]",
    "관련기사 가상전자 북미 투자 확대", "이 기사는 2024년 10월 7일 15시21분 프리미엄 콘텐츠 서비스에 출고된 기사입니다.",
])
def test_furniture_between_paragraphs(line):
    p1 = "가상전자가 미국 텍사스주에 5조원을 들여 배터리 공장을 짓는다고 7일 밝혔다. 2026년 가동이 목표다."
    p2 = "업계에 따르면 가상전자는 이르면 이달 말 이사회를 열고 투자안을 의결할 예정이다."
    a = extract(f"가상전자, 美 텍사스에 배터리 공장\n김철수 기자\n입력 2024.10.07\n{p1}\n\n{line}\n{p2}\n")
    assert a.body == f"{p1}\n\n{p2}"


def test_ranked_box_above_the_headline():
    body = "가상전자가 미국 텍사스주에 5조원을 들여 배터리 공장을 짓는다고 7일 밝혔다. 2026년 가동이 목표다.\n"
    for box in ("많이 본 뉴스\n1\n코스피 2,600선 회복 마감\n2\n환율 1,400원 돌파 우려\n",
                "1\n코스피 2,600선 회복 마감\n2\n환율 1,400원 돌파 우려\n3\n가상은행 금리 동결 결정\n"):
        a = extract(box + "가상전자, 美 텍사스에 배터리 공장\n김철수 기자\n입력 2024.10.07\n" + body)
        assert a.title == "가상전자, 美 텍사스에 배터리 공장" and a.body == body.strip()


def test_one_paragraph_body():
    a = extract("코스피 2,600선 회복\n2024.10.07 오후 3:21\n"
                "코스피가 7일 외국인과 기관의 동반 매수에 힘입어 2,600선을 회복했다. 이날 코스피는 전 거래일보다 1.2% 오른 "
                "2,610.38에 거래를 마쳤으며 외국인은 4천억원어치를 순매수했다.\n")
    assert (a.title, a.published) == ("코스피 2,600선 회복", "2024-10-07")
    assert a.body.count("\n") == 0 and a.body.endswith("순매수했다.")


def test_very_long_line():
    long_para = "가상전자가 새 공장을 짓는다고 밝혔다. " * 3000
    a = extract("가상전자 새 공장 착공\n" + long_para.strip() + "\n")
    assert a.title == "가상전자 새 공장 착공"
    assert len(a.body) > 60000 and a.body.endswith("밝혔다.")


def test_markdown_table_in_copied_text_keeps_its_rows():
    a = extract("9월 수출입 동향\n2024.10.07 15:21\n"
                "가상통상부가 9월 수출입 동향을 발표했다. 주요 품목별 수출은 아래와 같다.\n\n"
                "| 품목 | 수출액 | 증감률 |\n|---|---|---|\n| 반도체 | 136억달러 | 37% |\n| 자동차 | 54억달러 | -2% |\n\n"
                "무역수지는 16개월 연속 흑자를 기록했다.\n")
    assert "반도체 | 136억달러" in a.body and "---" not in a.body
    assert a.body.endswith("흑자를 기록했다.")


# ---------------------------------------------------------------- Markdown: clippers and blogs

OBSIDIAN = """---
title: "\\"금리 인하 속도 조절\\"…가상은행, 기준금리 3.25%로 동결"
source: "https://www.edaily.co.kr/News/Read?newsId=01234567890123456&mediaCodeNo=257"
author:
  - "[[김철수 기자]]"
published: 2024-10-07
created: 2024-10-09
description: "가상은행이 기준금리를 연 3.25%로 동결했다."
tags:
  - "clippings"
---
![](https://image.edaily.co.kr/images/photo/files/NP/S/2024/10/PS24100700123.jpg)

[이데일리 김철수 기자] 가상은행이 기준금리를 연 3.25%로 동결했다. 가계부채 증가세와 환율 변동성을 고려한 결정이다.

가상은행 총재는 이날 기자간담회에서 "금리 인하 속도를 조절할 필요가 있다"고 말했다.

가상은행은 올해 경제성장률 전망치를 2.4%로 유지했다.
"""

OBSIDIAN_NAVER = """---
title: "가상반도체 수출 석 달 연속 증가…\\"하반기 회복세 뚜렷\\""
source: "https://n.news.naver.com/mnews/article/015/0005041234?sid=101"
author:
  - "[[한국경제]]"
published: 2024-10-07T15:21:00+09:00
created: 2024-10-09
tags:
  - "clippings"
---
입력2024.10.07. 오후 3:21

김철수 기자

가상반도체 수출이 석 달 연속 증가세를 이어가며 하반기 경기 회복을 이끌고 있다는 분석이 나왔다.

가상통상부는 7일 9월 반도체 수출액이 136억달러로 지난해 같은 달보다 37% 늘었다고 밝혔다.

김철수 기자 chulsoo@hankyung.com

Copyright ⓒ 한국경제. All rights reserved. 무단 전재 및 재배포 금지.
"""

NOTION = """# 전기요금 4분기 동결…가상전력 적자 부담 커진다

Created: October 9, 2024 10:12 AM
Tags: 경제, 에너지
URL: https://news.mt.co.kr/mtview.php?no=2024100715210012345
언론사: 머니투데이

정부가 4분기 전기요금을 동결하기로 했다. 물가 부담을 고려한 결정이다.

가상전력은 7일 4분기 연료비조정단가를 킬로와트시(kWh)당 5원으로 유지한다고 밝혔다.
"""

BLOG_REPOST = """---
title: "[경제신문 스크랩] 코스피 2,600선 회복"
date: 2024-10-09 21:00:00 +0900
categories: [경제스크랩]
tags: [코스피, 증시]
---

## 기사 원문

**코스피, 외국인 매수에 2,600선 회복**

출처: https://www.sedaily.com/NewsView/2DF1234567

[서울경제] 코스피가 7일 외국인 매수세에 힘입어 2,600선을 회복했다.

7일 가상거래소에 따르면 코스피는 전 거래일보다 1.2% 오른 2,610.38에 마감했다.

## 느낀 점

외국인 수급이 중요하다는 것을 느꼈다.
"""

JOPLIN = """---
title: 가상전자, 3분기 영업이익 9조1천억원
updated: 2024-10-09 12:00:00Z
created: 2024-10-09 12:00:00Z
source: https://www.yna.co.kr/view/AKR20241007123400003
author:
---

(서울=연합뉴스) 김철수 기자 = 가상전자의 올해 3분기 영업이익이 9조1천억원으로 잠정 집계됐다.

가상전자는 7일 이 같은 내용의 3분기 잠정 실적을 공시했다.

chulsoo@yna.co.kr
"""

MARKDOWNLOAD = """# "금리 인하 속도 조절"…가상은행, 기준금리 3.25%로 동결 - 이데일리

> ## Excerpt
> 가상은행이 기준금리를 연 3.25%로 동결했다. 가계부채 증가세와 환율 변동성을 고려한 결정이다.

---
[이데일리 김철수 기자] 가상은행이 기준금리를 연 3.25%로 동결했다. 가계부채 증가세와 환율 변동성을 고려한 결정이다.

가상은행 총재는 이날 기자간담회에서 "금리 인하 속도를 조절할 필요가 있다"고 말했다.
"""

MD_SHAPES = {
    "obsidian-clipper": (OBSIDIAN, "clip.md", dict(
        title='"금리 인하 속도 조절"…가상은행, 기준금리 3.25%로 동결',
        url="https://www.edaily.co.kr/News/Read?newsId=01234567890123456&mediaCodeNo=257", source="이데일리",
        reporter="김철수", published="2024-10-07", starts="가상은행이 기준금리를", ends="2.4%로 유지했다.",
        absent=["![", "[이데일리"])),
    "obsidian-clipper-naver": (OBSIDIAN_NAVER, "clip.md", dict(
        title='가상반도체 수출 석 달 연속 증가…"하반기 회복세 뚜렷"',
        url="https://n.news.naver.com/mnews/article/015/0005041234?sid=101", source="한국경제", reporter="김철수",
        published="2024-10-07", starts="가상반도체 수출이", ends="37% 늘었다고 밝혔다.", absent=["입력", "Copyright"])),
    "notion-export": (NOTION, "note.md", dict(
        title="전기요금 4분기 동결…가상전력 적자 부담 커진다", url="https://news.mt.co.kr/mtview.php?no=2024100715210012345",
        source="머니투데이", reporter=None, published="2024-10-07", starts="정부가 4분기 전기요금을",
        ends="5원으로 유지한다고 밝혔다.", absent=["Created:", "Tags:", "언론사"])),
    "blog-repost-with-scrap-title": (BLOG_REPOST, "post.md", dict(
        title="코스피, 외국인 매수에 2,600선 회복", url="https://www.sedaily.com/NewsView/2DF1234567", source="서울경제",
        reporter=None, published="2024-10-09", starts="코스피가 7일 외국인 매수세에", ends="2,610.38에 마감했다.",
        absent=["느낀 점", "중요하다는 것을 느꼈다", "기사 원문", "출처"])),
    "markdownload-excerpt": (MARKDOWNLOAD, "clip.md", dict(
        title='"금리 인하 속도 조절"…가상은행, 기준금리 3.25%로 동결', url=None, source="이데일리", reporter="김철수",
        published=None, starts="가상은행이 기준금리를", ends='조절할 필요가 있다"고 말했다.', absent=["Excerpt", "[이데일리"])),
    "joplin-export": (JOPLIN, "note.md", dict(
        title="가상전자, 3분기 영업이익 9조1천억원", url="https://www.yna.co.kr/view/AKR20241007123400003",
        source="연합뉴스", reporter="김철수", published="2024-10-07", starts="가상전자의 올해 3분기",
        ends="잠정 실적을 공시했다.", absent=["chulsoo@"])),
}


@pytest.mark.parametrize("name", list(MD_SHAPES))
def test_markdown_clippings(name):
    text, origin, exp = MD_SHAPES[name]
    a = extract(text, origin=origin)
    assert a.format == "markdown"
    check(a, exp)


def test_blog_titled_scrap_is_not_a_filled_form():
    assert extract(BLOG_REPOST).format == "markdown"
    plain_post = "[경제신문 스크랩] 코스피 2,600선 회복\n\n" + "코스피가 7일 외국인 매수세에 힘입어 2,600선을 회복했다.\n"
    assert extract(plain_post).format == "text"


@pytest.mark.parametrize("outlet", ["테크가상", "가상비즈", "더가상", "가상경제신문"])
def test_outlet_the_table_does_not_know(outlet):
    body = "가상전자가 미국 텍사스주에 5조원을 들여 배터리 공장을 짓는다고 7일 밝혔다.\n\n업계는 투자를 반겼다.\n"
    a = extract(f"{outlet}\n가상전자 美 공장 착공\n김철수 기자\n2024.10.07\n[{outlet} 김철수 기자] " + body)
    assert (a.title, a.source, a.reporter) == ("가상전자 美 공장 착공", outlet, "김철수")
    a = extract(f"{outlet}\n가상전자 美 공장 착공\n김철수 기자\n2024.10.07\n" + body)
    assert a.title == "가상전자 美 공장 착공" and a.source is None  # a logo line alone is not evidence enough


def test_page_with_scrap_and_url_copy_buttons_is_not_a_form():
    a = extract("가상은행, 기준금리 동결\n입력 : 2024-08-17 15:21:03\n스크랩\n인쇄\nURL복사\n"
                "(서울=ZDNet Korea) 최민준 기자 = 가상은행이 기준금리를 연 3.25%로 동결했다고 밝혔다.\n")
    assert a.format == "text"
    assert (a.title, a.source, a.reporter, a.published) == ("가상은행, 기준금리 동결", "ZDNet Korea", "최민준", "2024-08-17")


def test_labelled_date_line_is_not_a_button():
    a = extract("가상은행, 기준금리 동결\n기사입력 2024-05-17 15:21\n김철수 기자\n"
                "가상은행이 기준금리를 연 3.25%로 동결했다고 밝혔다. 시장 예상과 같았다.\n")
    assert a.published == "2024-05-17"


def test_reporter_email_domain_is_not_a_publisher_alias():
    a = extract("가상은행, 기준금리 동결\n이가상 기자 lee@biz.chosun.com | 기사입력 2024-04-26 15:21\n"
                "가상은행이 기준금리를 연 3.25%로 동결했다고 밝혔다. 시장 예상과 같았다.\n")
    assert a.source == "조선비즈"


def test_reader_section_ends_copied_text_too():
    a = extract("코스피 2,600선 회복\n2024.10.07\n코스피가 7일 외국인 매수세에 힘입어 2,600선을 회복했다. 외국인이 4천억원을 샀다.\n\n"
                "나의 생각\n외국인 수급이 중요하다는 것을 느꼈다.\n")
    assert a.body.endswith("4천억원을 샀다.")


# ---------------------------------------------------------------- saved HTML pages

P = ["가상전자가 미국 텍사스주에 5조원을 들여 배터리 공장을 짓는다. 2026년 가동이 목표다.",
     "7일 업계에 따르면 가상전자는 이르면 이달 말 이사회를 열고 투자안을 의결할 예정이다.",
     "이번 투자는 미국 인플레이션감축법(IRA)에 따른 세액공제 혜택을 노린 것으로 풀이된다.",
     "업계 관계자는 \"현지 생산 없이는 보조금을 받기 어렵다\"고 말했다."]
T = "가상전자, 美 텍사스에 배터리 공장 짓는다"

HTML_PAGES = {
    # og/JSON-LD with a logo <h1>, <br> paragraphs in one div, figure caption, related/comments/ranking boxes
    "og-jsonld-br-div": (f"""<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">
<title>{T} | 한국경제</title>
<meta property="og:title" content="{T}"><meta property="og:site_name" content="한국경제">
<meta property="og:url" content="https://www.hankyung.com/article/2024100712345">
<meta property="article:published_time" content="2024-10-07T15:21:00+09:00">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{T}",
"datePublished":"2024-10-07T15:21:00+09:00","author":{{"@type":"Person","name":"김철수 기자"}},
"publisher":{{"@type":"Organization","name":"한국경제"}}}}</script></head><body>
<header><h1 class="logo"><a href="/">한국경제</a></h1><nav><ul><li>경제</li><li>금융</li><li>IT</li></ul></nav></header>
<article><h2 class="headline">{T}</h2><div class="byline"><span>김철수 기자</span> <span>입력 2024.10.07 15:21</span></div>
<div class="share"><button>공유</button><button>인쇄</button></div>
<div id="articletxt" class="article-body"><figure><img src="/p.jpg"><figcaption>텍사스 공장 조감도. /가상전자 제공</figcaption></figure>
{"<br><br>".join(P)}<br><br>김철수 기자 chulsoo@hankyung.com</div>
<p class="copyright">ⓒ 한국경제 &amp; Hankyung.com, 무단전재 및 재배포 금지</p></article>
<section class="related"><h3>관련 기사</h3><ul><li>가상전자 북미 투자</li></ul></section>
<section class="comments"><h3>댓글 3</h3><p>좋은 기사 감사합니다.</p></section>
<aside><h3>많이 본 뉴스</h3><ol><li>코스피 급락</li></ol></aside></body></html>""", dict(
        title=T, url="https://www.hankyung.com/article/2024100712345", source="한국경제", reporter="김철수",
        published="2024-10-07")),
    # a short 단신 in <p> tags inside <article>: trafilatura would run it together on one line
    "short-p-article": (f"""<html><head><meta charset=utf-8><title>{T} | 한국경제</title></head><body>
<header><h1>한국경제</h1><nav><a>경제</a><a>금융</a></nav></header>
<article class="article"><h2>{T}</h2><div class="info">김철수 기자 입력 2024.10.07 15:21</div>
<div class="share"><a>페이스북</a><a>트위터</a></div>
<div class="article-body"><p>{P[0]}</p><p>{P[1]}</p><p>{P[2]}</p><p>{P[3]}</p>김철수 기자 kim@hankyung.com</div>
<p class="copyright">ⓒ 한국경제, 무단전재 및 재배포 금지</p></article></body></html>""", dict(
        title=T, source="한국경제", reporter="김철수", published="2024-10-07")),
    # a small CMS (ndsoft) page: headline in <h3>, 승인 date, reporter in <meta name=author>
    "small-cms": (f"""<html><head><meta charset=utf-8><title>{T} - 테크월드뉴스</title>
<meta property="og:title" content="{T} - 테크월드뉴스"><meta property="og:site_name" content="테크월드뉴스">
<meta name="author" content="김철수 기자"></head><body>
<header><a href="/"><h1>테크월드뉴스</h1></a></header>
<section><header><h3 class="heading">{T}</h3><ul class="infomation"><li>김철수 기자</li><li>승인 2024.10.07 15:21</li>
<li>댓글 0</li></ul></header>
<article id="article-view-content-div">{"".join("<p>" + p + "</p>" for p in P)}<p>김철수 기자 kim@epnc.co.kr</p></article>
<div class="view-copyright">저작권자 © 테크월드뉴스 무단전재 및 재배포 금지</div></section></body></html>""", dict(
        title=T, source="테크월드뉴스", reporter="김철수", published="2024-10-07")),
    # JSON-LD @graph only, author as a plain string, link in "url"
    "jsonld-graph": (f"""<html><head><meta charset=utf-8><title>{T} | 비즈니스포스트</title>
<script type="application/ld+json">{{"@context":"https://schema.org","@graph":[{{"@type":"WebSite","name":"비즈니스포스트"}},
{{"@type":"NewsArticle","headline":"{T}","datePublished":"2024-10-07 15:21:00","author":"김철수","publisher":"비즈니스포스트",
"url":"https://www.businesspost.co.kr/BP?command=article_view&num=123456"}}]}}</script></head><body>
<div class="detail_title">{T}</div><div class="detail_editor">김철수 기자 2024-10-07 15:21:00</div>
<div class="detail_content">{"<br /><br />".join(P)}</div><div class="detail_copy">ⓒ 비즈니스포스트 무단전재 및 재배포금지</div>
</body></html>""", dict(title=T, url="https://www.businesspost.co.kr/BP?command=article_view&num=123456",
                        source="비즈니스포스트", reporter="김철수", published="2024-10-07")),
    # no metadata at all: a logo <h1>, the headline in <h2>, a Korean date in a <span>
    "logo-h1-no-meta": (f"""<html><head><meta charset=utf-8><title>뉴스핌</title></head><body>
<h1><a href="/">뉴스핌</a></h1><div class="bodynews"><h2>{T}</h2><span class="date">2024년10월07일 15:21</span>
<div id="news_contents"><p>[서울=뉴스핌] 김철수 기자 = {P[0]}</p>{"".join("<p>" + p + "</p>" for p in P[1:])}
<p>kim@newspim.com</p></div></div></body></html>""", dict(title=T, source="뉴스핌", reporter="김철수", published="2024-10-07")),
    # an old table layout: the <title> is only the site name, the body <br>-separated in one cell
    "table-layout": (f"""<html><head><meta charset=utf-8><title>아이티데일리</title></head>
<body><table width=100%><tr><td><img src=logo.gif alt="아이티데일리"></td></tr><tr><td>홈 | 뉴스 | 기획 | 인물</td></tr>
<tr><td><table><tr><td class="title"><b>{T}</b></td></tr><tr><td>김철수 기자 | 2024년 10월 7일 (월) 15:21</td></tr>
<tr><td class="content">{"<br><br>".join(P)}<br><br>김철수 기자 kim@itdaily.kr</td></tr></table></td></tr>
<tr><td>Copyright ⓒ 아이티데일리. All rights reserved.</td></tr></table></body></html>""", dict(
        title=T, source="아이티데일리", reporter="김철수", published="2024-10-07")),
    # a <title> cut short, the full headline in an <h3>
    "cut-short-title": (f"""<html><head><meta charset=utf-8><title>가상전자, 美 텍사스에… - 아이티데일리</title></head><body>
<div class="view_title"><h3>{T}</h3></div><div class="info">김철수 기자 | 승인 2024.10.07 15:21</div>
<div id="article-view-content-div">[아이티데일리] {"<br><br>".join(P)}<br><br>김철수 기자 kim@itdaily.kr</div>
<div class="ranking"><h4>많이 본 뉴스</h4><ul><li>1 클라우드 시장 성장</li></ul></div></body></html>""", dict(
        title=T, source="아이티데일리", reporter="김철수", published="2024-10-07")),
    # Naver News saved page: og:url on Naver, publisher from the logo's alt and the press id
    "naver-saved": (f"""<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>{T} : 네이버 뉴스</title>
<meta property="og:title" content="{T}"><meta property="og:url" content="https://n.news.naver.com/mnews/article/015/0005041234">
<meta property="og:site_name" content="네이버 뉴스"><meta property="og:article:author" content="한국경제 | 네이버"></head><body>
<div class="media_end_head_top"><a><img alt="한국경제" src="logo.png"></a></div>
<h2 id="title_area"><span>{T}</span></h2>
<em class="media_end_head_journalist_name">김철수 기자</em>
<span class="_ARTICLE_DATE_TIME" data-date-time="2024-10-07 15:21:03">2024.10.07. 오후 3:21</span>
<article id="dic_area"><strong>총 5조원 투자…2026년 가동 목표</strong><br><br>
<span class="end_photo_org"><img src="x.jpg"><em class="img_desc">텍사스 공장 조감도. 가상전자 제공</em></span><br>
{"<br><br>".join(P)}<br><br>김철수 기자 chulsoo@hankyung.com</article>
<p class="c_text">Copyright ⓒ 한국경제. All rights reserved. 무단 전재 및 재배포 금지.</p>
<p class="source_text">이 기사는 언론사에서 경제 섹션으로 분류했습니다.</p></body></html>""", dict(
        title=T, url="https://n.news.naver.com/mnews/article/015/0005041234", source="한국경제", reporter="김철수",
        published="2024-10-07")),
    # <title> is only the site's name, no og tags, the headline in a <div>, the copyright in a box
    # trafilatura leaves out, the headline repeated under the text by the layout
    "title-is-site-name": (f"""<!DOCTYPE html><html lang=ko><head><meta charset="utf-8"><title>전자신문</title></head><body>
<div class="article-view"><div class="title">{T}</div><div class="info">김철수 기자 | 2024년 10월 7일 15:21</div>
<div class="article-body" itemprop="articleBody">{"".join("<div>" + p + "</div>" for p in P)}</div>
<p class="copyright">ⓒ 전자신문, 무단전재 및 재배포 금지</p></div>
<section class="related"><h3>관련 기사</h3><ul><li>코스피 급락</li></ul></section>
<footer>회사소개 | 개인정보처리방침</footer></body></html>""", dict(
        title=T, source="전자신문", reporter="김철수", published="2024-10-07")),
    # English page: og tags, <meta name=author>, a "By" line
    "korea-herald": ("""<html><head><meta charset="utf-8">
<meta property="og:title" content="Korea's exports rise for 12th straight month on chip demand">
<meta property="og:site_name" content="The Korea Herald"><meta name="author" content="Kim Chul-soo">
<meta property="article:published_time" content="2024-10-06T23:21:00+00:00"></head>
<body><header><h1>The Korea Herald</h1></header>
<h1 class="news_title">Korea's exports rise for 12th straight month on chip demand</h1>
<p class="writer">By Kim Chul-soo</p><p class="date">Published : Oct. 7, 2024 - 08:21</p>
<div class="view_con article"><p>South Korea's exports rose for the 12th consecutive month in September, driven by chip demand.</p>
<p>Outbound shipments increased 7.5 percent from a year earlier to $58.7 billion, the ministry said.</p>
<p>Chip exports jumped 37 percent to a record $13.6 billion, the ministry said in a statement.</p>
<p>kim@heraldcorp.com</p></div></body></html>""", dict(
        title="Korea's exports rise for 12th straight month on chip demand", source="코리아헤럴드", reporter="Kim Chul-soo",
        published="2024-10-07", starts="South Korea's exports rose", ends="the ministry said in a statement.")),
}


@pytest.mark.parametrize("name", list(HTML_PAGES))
def test_saved_html_pages(name):
    html, exp = HTML_PAGES[name]
    exp = {"starts": P[0], "ends": P[-1], **exp}
    exp.setdefault("absent", ["기자 kim@", "chulsoo@", "무단전재", "많이 본 뉴스", "관련 기사", "댓글", "조감도", "공유", "|"])
    a = extract(html, origin=f"{name}.html")
    assert a.format == "html"
    check(a, exp)
    if name != "korea-herald":
        assert a.body.split("\n\n") == P


def test_euc_kr_html_file(tmp_path):
    html = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr">
<title>전기요금 4분기 동결 - 아이티데일리</title></head><body>
<div class="menu">HOME &gt; 뉴스 &gt; 경제</div><div class="view_title"><h3>전기요금 4분기 동결…가상전력 적자 부담 커진다</h3></div>
<div class="info">김철수 기자 | 승인 2024.10.07 15:21 | 댓글 0</div>
<div id="article-view-content-div">[아이티데일리] {"<br><br>".join(P)}<br><br>김철수 기자 kim@itdaily.kr</div>
<div class="copy">저작권자 ⓒ 아이티데일리 무단전재 및 재배포 금지</div></body></html>"""
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("cp949"))
    a = load_article(str(path), max_bytes=5 * MB)
    assert a.title == "전기요금 4분기 동결…가상전력 적자 부담 커진다"
    assert (a.source, a.reporter, a.published) == ("아이티데일리", "김철수", "2024-10-07")
    assert a.body.split("\n\n") == P


# ---------------------------------------------------------------- a URL, served locally

class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        html, _exp = HTML_PAGES["short-p-article"]
        body = html.replace("charset=utf-8", "charset=euc-kr").encode("cp949")
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_url_of_a_short_euc_kr_article():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/article/2024100712345"
        a = load_article(url, max_bytes=5 * MB)
    finally:
        server.shutdown()
        server.server_close()
    assert a.format == "url" and a.url == url
    assert (a.title, a.source, a.reporter, a.published) == (T, "한국경제", "김철수", "2024-10-07")
    assert a.body.split("\n\n") == P


# ---------------------------------------------------------------- nothing raises but InputError

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
