"""How Korean news pages are built: the shared patterns every extractor uses.

- dates in the forms Korean pages write them (``2017. 4. 19. 19:32``, ``2017.05.22 08:04:18``,
  ``2021년 12월 15일``, ``입력 2023.07.13 15:20``, ``24.10.07``, dates inside links);
- bylines and datelines (``김유성 기자I 2017.05.22``, ``[제주=이데일리 김유성 기자]``,
  ``(서울=연합뉴스) 홍길동 기자 =``, ``* 2017년 04월 17일(월) 08:58:07 김성수 기자 kimss56@…``);
- page furniture: share buttons, image file names, photo captions and credits, "많이 본 뉴스" and
  other headline boxes, copyright lines, reporter e-mails, comment boxes, navigation.

These are general rules about the page layouts Korean publishers share, not about one article.
Pure functions on strings; no I/O.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from scrapnote.extract import publishers

# ---------------------------------------------------------------- text helpers

_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
HANGUL = re.compile(r"[가-힣]")


def squash(s: str) -> str:
    """Runs of spaces and tabs → one space; trimmed."""
    return _WS.sub(" ", s).strip()


def compact(s: str) -> str:
    """Lower case without spaces or light punctuation: for comparing labels and buttons."""
    return re.sub(r"[\s\u00a0·ㆍ•|:：/\\\-_,.!?'\"“”‘’()\[\]{}<>〈〉《》【】「」『』▶▷►◀◁▲△▼▽■□◆◇●○★☆※#*+=~]", "", s).lower()


_CLOSERS = "\"'”’」』)）]>》〉"
SENTENCE_END = re.compile(rf"(?:[.!?。…]|[다요죠음함임됨까니][.!?]?)[{re.escape(_CLOSERS)}]*\s*$")
PERIOD_END = re.compile(rf"[.!?。][{re.escape(_CLOSERS)}]*\s*$")


def ends_sentence(line: str) -> bool:
    return bool(SENTENCE_END.search(line))


# ---------------------------------------------------------------- dates

_LABEL_PUBLISHED = r"(?:최초\s*)?(?:기사\s*)?(?:입력|등록|게재|발행|작성|송고|승인|공개|보도|배포)(?:일시|일자|일|시간)?|Published|Posted|Date"
_LABEL_MODIFIED = r"(?:최종\s*)?(?:수정|업데이트|갱신|변경|편집)(?:일시|일자|일|시간)?|Updated|Modified"
LABEL_PUBLISHED = re.compile(rf"(?:{_LABEL_PUBLISHED})\s*[:：]?\s*$", re.I)
LABEL_MODIFIED = re.compile(rf"(?:{_LABEL_MODIFIED})\s*[:：]?\s*$", re.I)

_DATE_KO = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일")
_DATE_PUNCT = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*([.\-/])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?!\d)")
_DATE_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:\s*[T ]?\s*\d{2}:?\d{2}|(?!\d))")
_DATE_SHORT = re.compile(r"(?<![\d.])(\d{2})\s*([.\-/])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?![\d])(?!\s*[.\-/]\s*\d)")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_DATE_EN = re.compile(r"\b(?:(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+((?:19|20)\d{2})|([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+((?:19|20)\d{2}))\b")


def _valid(y: int, m: int, d: int) -> str | None:
    today = _dt.date.today()
    if not (1990 <= y <= today.year + 1):
        return None
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


@dataclass(frozen=True)
class DateHit:
    date: str  # YYYY-MM-DD
    start: int
    end: int
    kind: str = "plain"  # published | modified | plain


def find_dates(text: str, *, short_years: bool = False) -> list[DateHit]:
    """Every full date (with a year) in ``text``, in order, with the label in front of it.

    ``short_years`` also accepts ``24.10.07`` — only sensible on a dateline, where a two-digit
    year cannot be a version number or a score."""
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, y: int, mo: int, d: int) -> None:
        if any(s < m.end() and m.start() < e for s, e in taken):
            return
        iso = _valid(y, mo, d)
        if iso:
            taken.append((m.start(), m.end()))
            hits.append(DateHit(iso, m.start(), m.end()))

    for m in _DATE_KO.finditer(text):
        add(m, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for m in _DATE_PUNCT.finditer(text):
        add(m, int(m.group(1)), int(m.group(3)), int(m.group(4)))
    for m in _DATE_EN.finditer(text):
        if m.group(1):
            mon = _MONTHS.get(m.group(2).lower()[:3])
            if mon:
                add(m, int(m.group(3)), mon, int(m.group(1)))
        else:
            mon = _MONTHS.get(m.group(4).lower()[:3])
            if mon:
                add(m, int(m.group(6)), mon, int(m.group(5)))
    if short_years:
        for m in _DATE_SHORT.finditer(text):
            add(m, 2000 + int(m.group(1)), int(m.group(3)), int(m.group(4)))
    hits.sort(key=lambda h: h.start)
    out = []
    for h in hits:
        before = text[max(0, h.start - 14):h.start]
        kind = "published" if LABEL_PUBLISHED.search(before) else "modified" if LABEL_MODIFIED.search(before) else "plain"
        out.append(DateHit(h.date, h.start, h.end, kind))
    return out


def parse_date(text: str | None, *, short_years: bool = False) -> str | None:
    """The first date in ``text`` as YYYY-MM-DD, preferring one labelled as published (입력, 등록…).

    ISO timestamps with a zone are moved to Korean time first (``2024-10-06T23:00:00Z`` is the
    7th in Seoul)."""
    if not text:
        return None
    text = str(text).strip()
    iso = _iso_in_kst(text)
    if iso:
        return iso
    hits = find_dates(text, short_years=short_years)
    if not hits:
        m = _DATE_COMPACT.fullmatch(text.strip()) if len(text.strip()) <= 16 else None
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    for kind in ("published", "plain"):
        for h in hits:
            if h.kind == kind:
                return h.date
    return hits[0].date


_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})\s*$")


def _iso_in_kst(text: str) -> str | None:
    m = _ISO.match(text)
    if not m:
        return None
    tz = m.group(7)
    if tz == "Z":
        offset = _dt.timedelta(0)
    else:
        sign = 1 if tz[0] == "+" else -1
        hh, mm = int(tz[1:3]), int(tz[-2:])
        offset = sign * _dt.timedelta(hours=hh, minutes=mm)
    try:
        t = _dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(4)), int(m.group(5)),
                         tzinfo=_dt.timezone(offset))
    except ValueError:
        return None
    kst = t.astimezone(_dt.timezone(_dt.timedelta(hours=9)))
    return _valid(kst.year, kst.month, kst.day)


def date_from_url(url: str | None) -> str | None:
    """A date encoded in an article link: ``/2023/07/13/``, ``/20230713...``, ``…/202307133276i``,
    ``AKR20230713012300001``, ``?date=2023-07-13``."""
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    path = parts.path + ("?" + parts.query if parts.query else "")
    m = re.search(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$|[^\d])", path)
    if m:
        iso = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            return iso
    m = re.search(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)", path)
    if m:
        iso = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            return iso
    for run in re.finditer(r"(?<![0-9])((?:19|20)\d{6})(\d*)", path):
        digits = run.group(1)
        if len(run.group(2)) > 12:  # an id that only happens to start with 20…
            continue
        iso = _valid(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        if iso:
            return iso
    return None


# ---------------------------------------------------------------- reporters and bylines

ROLE = r"(?:(?:선임|수석|전문|객원|수습|인턴|취재|편집|경제|산업)?기자|특파원)"
# "김철수 경제부 기자", "김철수 디지털뉴스팀 기자": a desk between the name and the role
_DEPT = r"(?:[가-힣A-Za-z]{1,10}(?:부|팀|센터|국|본부|데스크)\s?)"
_NAME = r"[가-힣]{2,4}"
_NAMES = rf"{_NAME}(?:\s*[·ㆍ,/]\s*{_NAME})*"
REPORTER = re.compile(rf"(?<![가-힣])(?P<names>{_NAMES})\s?{_DEPT}?{ROLE}(?![가-힣])")
REPORTER_LABELLED = re.compile(rf"(?:기자명|기자|글|작성자|Reporter|By)\s*[:：=]?\s*(?P<names>{_NAME})(?:\s?{ROLE})?(?![가-힣])", re.I)
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")

NOT_NAMES = {
    "사진", "취재", "영상", "담당", "전문", "수습", "인턴", "객원", "선임", "수석", "편집", "일본", "외신", "현장", "해당", "다른",
    "기자", "뉴스", "신문", "경제", "일보", "데일리", "본지", "본사", "전담", "출입", "사회부", "경제부", "산업부", "정치부",
    "국제부", "문화부", "기획", "특별", "종합", "온라인", "디지털", "인터넷", "방송", "스포츠", "연예", "전속", "소속", "명예",
    "시민", "학생", "청년", "주재", "상주", "파견", "특파", "베테랑", "여성", "남성", "한국", "외국", "중국", "미국", "이날",
    "당시", "현직", "전직", "기사", "모든", "많은", "일부", "관련", "어느", "한명", "두명", "그는", "그녀", "이번", "해외",
    "국내", "지역", "경제지", "일간지", "정치", "증권", "금융", "산업", "과학", "문화", "사회", "국제", "기자단", "출입기자",
    "촬영", "영상취재", "영상편집", "카메라", "그래픽", "오디오", "중계",
    "기자명", "작성자", "편집자", "발행인", "편집인", "기고자", "사진기자", "영상기자", "글쓴이", "등록자", "입력자", "승인자",
    # places a correspondent reports from ("워싱턴 특파원")
    "워싱턴", "뉴욕", "베이징", "도쿄", "파리", "런던", "베를린", "상하이", "홍콩", "하노이", "모스크바", "브뤼셀", "두바이",
    "시드니", "싱가포르", "방콕", "자카르타", "뉴델리", "타이베이", "오사카", "제네바", "토론토", "세종", "서울", "부산", "대전",
    "대구", "광주", "인천", "울산", "제주", "수원", "창원", "전주", "청주", "실리콘밸리", "로스앤젤레스", "프랑크푸르트", "호찌민",
}


def clean_person(name: str | None) -> str | None:
    """``김유성 기자`` / ``홍길동 특파원 hong@x.kr`` / ``[[홍길동]]`` → ``김유성``; None if not a name."""
    if not name:
        return None
    s = re.sub(r"\[\[|\]\]", "", str(name))
    s = EMAIL.sub(" ", s)
    s = re.sub(rf"\s?{ROLE}(?![가-힣])", " ", s)
    s = re.sub(r"[\[\](){}<>=/|·,]", " ", s)
    s = squash(s)
    if not s:
        return None
    words = s.split()
    # Drop a publisher name in front: "이데일리 김유성" → "김유성".
    words = [w for w in words if not publishers.lookup(w) and not publishers.is_platform(w)]
    if not words:
        return None
    if all(re.fullmatch(_NAME, w) for w in words) and len(words) <= 3:
        names = [w for w in words if w not in NOT_NAMES]
        return ", ".join(dict.fromkeys(names)) or None
    candidate = " ".join(words)
    if re.fullmatch(r"[A-Za-z][A-Za-z .'\-]{1,40}", candidate) and len(words) <= 4:
        return candidate  # a romanised or foreign byline
    return None


_SURNAMES = "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉"


def reporters_in(line: str) -> list[str]:
    """The reporter names a byline names: ``김유성 기자I 2017.05.22`` → [김유성]."""
    names: list[str] = []
    for m in REPORTER.finditer(line):
        prefix = line[:m.start()]
        if re.search(r"(?:사진|영상|그래픽|촬영|디자인|일러스트|인포그래픽)\s*[=:：]?\s*$", prefix) and not re.search(
                r"글\s*[·ㆍ,/]\s*(?:사진|영상)\s*[=:：]?\s*$", prefix):
            continue  # "글 김철수 기자 / 사진 박영희 기자": the photographer is not the reporter
        # "김철수 박영희 기자": names before the matched one, separated by plain spaces — only
        # three-syllable words with a common surname first, so "이데일리 김철수 기자" stays one name.
        words = line[:m.start()].split()
        before: list[str] = []
        while words and len(before) < 3 and re.fullmatch(rf"[{_SURNAMES}][가-힣]{{2}}", words[-1]) \
                and not re.search(r"[부팀가실단장]$", words[-1]) \
                and words[-1] not in NOT_NAMES and not publishers.lookup(words[-1]):
            before.insert(0, words.pop())
        rest = " ".join(words)
        if before and (not rest or re.search(r"[\[(【<=|:/·\d]\s*$", rest) or publishers.lookup(rest.split()[-1])):
            names.extend(before)
        for n in re.split(r"\s*[·ㆍ,/]\s*", m.group("names")):
            n = n.strip()
            if n and n not in NOT_NAMES and not publishers.lookup(n):
                names.append(n)
    return list(dict.fromkeys(names))


@dataclass
class Dateline:
    """What a dateline at the start of a paragraph says, and the paragraph without it."""

    rest: str
    source: str | None = None
    reporters: list[str] = field(default_factory=list)
    place: str | None = None
    source_known: bool = True  # False: an outlet the publisher table does not know


_BRACKETS = {"[": "]", "(": ")", "【": "】", "〔": "〕", "<": ">", "［": "］", "（": "）", "〈": "〉"}
_DATELINE_HEAD = re.compile(r"^\s*([\[(【〔<［（〈])\s*([^\])】〕>］）〉\n]{1,40}?)\s*([\])】〕>］）〉])\s*")
# Before "기자 =" only names stand, so names may be separated by plain spaces ("김철수 박영희 기자 =").
_NAMES_SP = rf"{_NAME}(?:\s*[·ㆍ,/]\s*{_NAME}|\s+{_NAME}){{0,5}}"
_DATELINE_TAIL = re.compile(rf"^(?P<names>{_NAMES_SP})\s?{_DEPT}?{ROLE}\s*[=＝]\s*")
# "SEOUL, Oct. 7 (Yonhap) -- …", "SEJONG, Oct. 7 (Korea Bizwire) — …"
_DATELINE_EN = re.compile(r"^(?P<place>[A-Z][A-Z .'\-]{1,24}),\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*)?"
                          r"\((?P<pub>[A-Z][A-Za-z .&\-]{1,30})\)\s*(?:--|—|–|-)\s*")
_DATELINE_BARE = re.compile(rf"^(?P<words>(?:[^\s=]{{2,12}}\s+){{0,4}}?)(?P<names>{_NAMES})\s?{_DEPT}?{ROLE}\s*[=＝]\s*")


def parse_dateline(paragraph: str) -> Dateline | None:
    """``[제주=이데일리 김유성 기자] 카카오톡을…`` → source 이데일리, reporter 김유성, rest 카카오톡을….

    Also ``(서울=연합뉴스) 홍길동 기자 = …``, ``【서울=뉴시스】홍길동 기자 = …``, ``[아이티데일리] …``,
    ``[헤럴드경제=홍길동 기자] …`` and ``홍길동 기자 = …``. A bracket that is not a dateline
    (``[단독]``, ``[사진]``) gives None."""
    m = _DATELINE_HEAD.match(paragraph)
    if m and _BRACKETS.get(m.group(1)) == m.group(3):
        inner = squash(m.group(2))
        rest = paragraph[m.end():]
        info = _read_dateline_inner(inner)
        if info is None:
            return None
        source, names, place = info
        t = _DATELINE_TAIL.match(rest)
        if t:
            names = names or [n for n in re.split(r"[\s·ㆍ,/]+", t.group("names")) if n not in NOT_NAMES]
            rest = rest[t.end():]
        return Dateline(rest=rest.strip(), source=source, reporters=names, place=place,
                        source_known=bool(source and publishers.lookup(source)))
    m = _DATELINE_EN.match(paragraph)
    if m:
        pub = squash(m.group("pub"))
        source = publishers.lookup(pub)
        return Dateline(rest=paragraph[m.end():].strip(), source=source or pub, reporters=[],
                        place=m.group("place").title(), source_known=bool(source))
    m = _DATELINE_BARE.match(paragraph)
    if m:
        # "이데일리 김철수 기자 = …", "김철수 박영희 기자 = …": each word before is the outlet or a name.
        source = None
        names = []
        for w in m.group("words").split():
            found = publishers.lookup(w)
            if found and not source and not names:
                source = found
            elif re.fullmatch(_NAME, w) and w not in NOT_NAMES:
                names.append(w)
            else:
                return None
        names += [n for n in re.split(r"\s*[·ㆍ,/]\s*", m.group("names")) if n not in NOT_NAMES]
        if not names:
            return None
        return Dateline(rest=paragraph[m.end():].strip(), source=source, reporters=names)
    return None


def _read_dateline_inner(inner: str) -> tuple[str | None, list[str], str | None] | None:
    parts = [p.strip() for p in re.split(r"\s*[=＝]\s*", inner) if p.strip()]
    if not parts:
        return None
    if re.fullmatch(r"(?:사진|이미지|그래픽|자료|출처|제공|영상|표|도표|일러스트|사진\s*제공|자료\s*제공|사진\s*출처)", parts[0]):
        return None  # a photo credit, not a dateline
    source = None
    names = reporters_in(inner)
    place = None
    for p in parts:
        words = p.split()
        for w in (p, *words):
            found = publishers.lookup(w)
            if found:
                source = source or found
                break
    if len(parts) >= 2 and not source:
        # "서울=뉴스OO": a place, then an outlet the table does not know.
        right = parts[1]
        right_wo_names = REPORTER.sub("", right).strip()
        if (re.fullmatch(r"[가-힣A-Za-z ]{1,8}", parts[0]) and right_wo_names
                and len(right_wo_names) <= 15 and not publishers.is_platform(right_wo_names)):
            source = right_wo_names
    if len(parts) >= 2:
        place = parts[0] if not publishers.lookup(parts[0]) else None
    if not source and not names and len(parts) == 1 and _OUTLET.fullmatch(parts[0]) \
            and not _NOT_OUTLET.match(parts[0]):
        source = parts[0]  # "[가상일보] …": an outlet the table does not know, by the shape of its name
    if not source and names:
        for w in re.split(r"[\s=＝]+", inner):  # "[가상일보 박가상 기자]"
            if w not in names and _OUTLET.fullmatch(w) and not _NOT_OUTLET.match(w):
                source = w
                break
    if not source and names and len(parts) == 1:
        # "[테크가상 김철수 기자]": the one word in front of the reporter is the outlet
        m = re.fullmatch(rf"(?P<w>[가-힣A-Za-z0-9][가-힣A-Za-z0-9&.]{{1,11}})\s+{_NAMES_SP}\s?{_DEPT}?{ROLE}", parts[0])
        if m and m.group("w") not in NOT_NAMES and m.group("w") not in names and not _NOT_OUTLET.fullmatch(m.group("w")) \
                and not re.search(r"(?:부|팀|센터|국)$", m.group("w")):
            source = m.group("w")
    if source or names:
        return source, names, place
    return None


_OUTLET = re.compile(r"[가-힣A-Za-z0-9]{1,10}(?:일보|신문|뉴스|데일리|타임스|타임즈|저널|투데이|미디어|닷컴|포스트|뉴스통신|"
                     r"방송|헤럴드|위클리|프레스|리뷰|이코노미|Daily|News|Times|Today)")
_NOT_OUTLET = re.compile(r"^(?:카드|포토|영상|경제|주요|오늘의|해외|국제|지역|모닝|이슈|마켓|증시|라이브|속보|굿|핫|단독|AI|IT|"
                         r"테크|산업|금융|주간|월간|데일리|글로벌|부동산|생활|사회|정치|문화|스포츠|연예|과학|헬스|건강|뉴스)", re.I)


# ---------------------------------------------------------------- furniture

_FURNITURE_WORDS = {compact(w) for w in """
공유 공유하기 기사공유 기사공유하기 SNS공유 SNS 공유 퍼가기 스크랩 스크랩하기 인쇄 인쇄하기 프린트 프린트하기 출력 출력하기 PDF
글자크기 글씨크기 글자크기설정 글자크기변경 글자크기조절 글자크기변경하기 글씨크기조절하기 글씨크기조절 글자작게 글자크게 글자확대 글자축소
폰트크기 텍스트음성변환서비스사용하기 본문듣기 기사듣기 음성으로듣기 듣기 음성듣기 번역 번역설정 언어선택 Translate 좋아요 싫어요 추천 추천하기
비추천 댓글 댓글쓰기 댓글보기 북마크 닫기 가 가가 가가가 가가가가 가가가가가 확대 축소 이전 다음 목록 목록보기 글쓰기 답변 수정 삭제
게시글관리 구독 구독하기 구독중 구독취소 기자구독 기자구독하기 기사원문 원문보기 공감 메일보내기 이메일보내기 기자의다른기사보기 다른기사보기
기자의다른기사 기자페이지 기자프로필 이기사를공유합니다 요약봇 본문요약봇 요약 새창열림 새창 바로가기 맨위로 TOP 위로 위로가기 기사제보 제보하기
오탈자신고 오류신고 신고 신고하기 저작자표시 저작자표시비영리변경금지 저작자표시비영리 저작자표시변경금지 저작자표시동일조건변경허락 비영리 변경금지
태그 관련태그 키워드 광고 AD Advertisement Sponsored 이미지확대 이미지크게보기 크게보기 사진확대 확대보기 원본보기 동영상보기 영상보기 기사보내기
카카오톡공유 카카오톡 카카오스토리 카카오톡으로공유 URL복사 링크복사 주소복사 URL 복사하기 페이스북 트위터 네이버 네이버블로그 밴드 네이버밴드
라인 텔레그램 링크드인 핀터레스트 구글플러스 뒤로가기 홈 HOME 전체메뉴 메뉴 검색 검색하기 로그인 회원가입 로그아웃 마이페이지 기사입력 Share
Print Email Facebook Twitter Kakao KakaoTalk LinkedIn Copy URL 복사완료 링크가복사되었습니다 기사저장 저장 응원하기 응원 팔로우 팔로잉
더보기 펼치기 접기 전체보기 이전기사 다음기사 이전글 다음글 기사목록 본문바로가기 주메뉴바로가기 메뉴바로가기 기사본문 본문영역 본문내용
좋아요 훈훈해요 슬퍼요 화나요 후속기사원해요 후속기사 원해요 추천해요 놀랐어요 유익해요 재밌어요 팬이에요 최고예요 감동이에요 궁금해요
공감한사람보러가기 이웃추가 본문기타기능 블로그 카페 신고하기 공유하기 URL복사 엮인글 트랙백 댓글달기 좋아요수
언론사구독 언론사홈 구독자 응원수 추천수 이기사를추천합니다 기사추천 쏠쏠정보 흥미진진 공감백배 분석탁월 후속강추
Listen 읽어주기 기사읽어주기 AI요약 AI 요약 요약보기 번역하기 MY 뉴스레터 뉴스레터구독 구독신청 앱다운로드 앱 알림 알림받기 기사알림
재생 동영상재생 영상재생 음소거 음소거해제 일시정지 전체화면 자막 PICK PICK안내 언론사PICK 신문보기 타임톡 번역beta beta 음성재생 음성재생설정 언론사선정 기사를읽어드립니다 기사섹션분류안내 언론사홈바로가기 기자정보 기자구독정보
""".split()}
_SHARE = re.compile(
    r"^(?:(?:트위터|페이스북|카카오톡|카카오스토리|카카오|네이버블로그|네이버밴드|네이버|밴드|라인|구글플러스|구글|텔레그램|링크드인|"
    r"핀터레스트|이메일|메일|url|링크|주소|sns|facebook|twitter|kakao|band|line|x)"
    r"(?:으로|로)?(?:보내기|공유하기|공유|복사하기|복사|퍼가기)?)+$")
_NAV_WORDS = {compact(w) for w in """
뉴스 정치 경제 사회 국제 세계 문화 연예 스포츠 오피니언 사설 칼럼 전국 지역 IT 과학 IT과학 산업 금융 증권 부동산 생활 라이프 포토 영상
그래픽 동영상 기획 인물 피플 전체기사 최신기사 속보 랭킹 북한 건강 여행 자동차 테크 글로벌 마켓 비즈 경제일반 사회일반 기업 유통 재테크
주식 코인 블록체인 ESG 정책 교육 환경 날씨 운세 TV 라디오 팟캐스트 뉴스홈 홈 메인 전체 HOME NEWS 오늘의뉴스 이슈 핫이슈 연재 특집 기획연재
""".split()}
_BLOCK_MARKERS = [compact(w) for w in (
    "많이 본 뉴스", "많이 본 기사", "가장 많이 본 뉴스", "가장 많이 본 기사", "많이 읽은 기사", "많이 읽은 뉴스", "주요 뉴스", "주요뉴스",
    "오늘의 주요뉴스", "이 시각 주요뉴스", "이시각 주요뉴스", "주요 기사", "관련기사", "관련 기사", "관련뉴스", "관련 뉴스", "추천 기사",
    "추천기사", "추천 뉴스", "인기 기사", "인기기사", "인기 뉴스", "최신 기사", "최신기사", "최신 뉴스", "실시간 뉴스", "실시간 인기",
    "랭킹 뉴스", "랭킹뉴스", "핫 이슈", "핫이슈", "포토 뉴스", "포토뉴스", "함께 보면 좋은 기사", "함께 볼만한 뉴스", "함께 읽으면 좋은 기사",
    "이 기사와 함께 많이 본 기사", "이 기사와 함께 읽은 기사", "에디터 추천", "기자의 다른 기사", "이 기자의 다른 기사", "당신이 좋아할 만한 기사",
    "베스트 클릭", "화제의 뉴스", "핫클릭", "HOT CLICK", "많이 본", "Most Viewed", "Most Read", "Related Articles", "Top News",
    "섹션별 인기기사", "오늘의 HOT", "지금 뜨는 뉴스", "놓치면 안될 뉴스", "이 시각 추천뉴스", "이시각 추천뉴스", "이슈 NOW", "뉴스 랭킹",
    "헤드라인 뉴스", "기자 프로필", "기자 정보", "기자의 구독 정보", "함께 볼만한 기사", "함께 많이 본 뉴스", "이 시각 많이 본 뉴스",
    "PICK 뉴스", "언론사 PICK", "구독 많은 기자", "이슈 키워드", "많이본뉴스", "분야별 주요뉴스", "Related News", "Latest News",
)]
# "<언론사> 헤드라인", "한국경제 주요뉴스": a box named after the publisher
_BLOCK_SUFFIXES = [compact(w) for w in ("주요뉴스", "주요 기사", "헤드라인", "랭킹 뉴스", "많이 본 뉴스", "많이 본 기사", "인기 기사", "최신 기사",
                                        "추천 뉴스", "추천 기사", "PICK")]
_COMMENT_MARKERS = [compact(w) for w in (
    "댓글목록", "등록된 댓글이 없습니다", "등록된 댓글이 없습니다.", "댓글 0", "댓글(0)", "전체 댓글", "전체댓글", "댓글쓰기", "댓글 작성",
    "댓글을 입력", "로그인 후 댓글", "0개의 댓글", "댓글 보기", "의견쓰기", "의견 쓰기", "댓글 정책", "Comments", "댓글 운영정책",
    "첫 번째 댓글을 남겨주세요", "댓글을 남겨주세요", "이 기사에 대한 댓글", "독자 의견", "독자의견",
)]
_COPYRIGHT_STRONG = re.compile(
    r"무단전재|무단복제|무단배포|재배포금지|전재및재배포|전재재배포|재배포를금|전재를금|복제를금|allrightsreserved|"
    r"ai학습(?:및활용|이용|활용)?금지")
_COPYRIGHT_SIGN = re.compile(r"ⓒ|©")
_COPYRIGHT_LEAD = re.compile(r"^\s*[<\[(]?\s*(?:copyright|\(c\)|저작권자\s*(?:\(c\)|ⓒ|©))", re.I)
IMAGE_FILE = re.compile(r"^(?:\S+|[^\n.]{1,80}?)\.(?:jpe?g|png|gif|webp|bmp|svg|heic|tiff?|avif)(?:\?\S*)?"
                        r"(?:\s*\(\d[\d,.]*\s*[KMG]?B\))?$", re.I)
_IMAGE_MARKER = re.compile(
    r"^[\[(<【〈]?\s*(?:사진|이미지|그림|그래픽|인포그래픽|영상|동영상|표|도표|일러스트|사진\s*확대|이미지\s*확대|사진\s*크게\s*보기|"
    r"이미지\s*크게\s*보기|확대\s*보기|원본\s*보기|photo|image)\s*\d*\s*[\])>】〉]?$", re.I)
PHOTO_CREDIT = re.compile(
    r"(?:^|[\s/(\[<【])(?:사진|이미지|그래픽|자료|출처|제공|영상|일러스트|사진\s*제공|자료\s*제공|사진\s*출처|자료\s*출처|"
    r"사진\s*자료|그림)\s*[=:：]\s*[^\s\])>】][^\])>】]{0,40}[\])>】]?\s*$")
_CAPTION_END = re.compile(
    r"(?:전경|모습|장면|사진|로고|포스터|이미지|조감도|일러스트|인포그래픽|그래픽|캡처|캡쳐|화면|제공|CI|BI|투시도|현장|자료사진|DB|"
    r"게티이미지뱅크|게티이미지|셔터스톡|클립아트코리아|픽사베이|언스플래시|Getty\s*Images|gettyimages|Shutterstock|"
    r"이미지투데이|아이클릭아트|123RF)[\])>】]?\.?$", re.I)
_BRACKET_CAPTION = re.compile(r"^[\[<(【〈]\s*[^\]>)】〉]*(?:사진|이미지|그래픽|제공|DB|캡처|캡쳐|출처|자료)[^\]>)】〉]*[\]>)】〉]$")
_CONTACT = re.compile(r"^(?:보도\s*자료\s*)?(?:(?:문의|연락처|담당|보도\s*문의|취재\s*문의|제보)\s*[:：]"
                      r"|담당\s*(?:부서|자|과|팀|기관)\s*[:：]?\s)")
_SOURCE_CAPTION = re.compile(r"^[\[(<]?\s*(?:자료|출처|그래픽|표|도표)\s*[:：=]")
_PROMO = re.compile(r"^[▶▷►☞→]\s*.*(?:구독|클릭|바로가기|보기|제보|채널|앱|다운로드|뉴스레터|추가|친구|팔로우|이벤트|무료|가입|신청|확인|GO)"
                    r"|^.{0,60}(?:구독|바로가기|제보|채널|다운로드|뉴스레터|친구\s*추가|팔로우|이벤트|가입|신청)\S{0,6}\s*[▶▷►☞→]$")
# Notices a news portal prints under every article (Naver, Daum): not the article's text.
_PORTAL_NOTICE = re.compile(
    r"^(?:이 기사는 언론사에서 .{1,20} 섹션으로 분류했습니다|기사의 섹션 정보는 해당 언론사의 분류를|"
    r"(?:메인에서 바로 보는 언론사 편집 뉴스|언론사 편집 뉴스).{0,20}구독|이 기사가 마음에 드셨다면|"
    r"이 기사를 추천합니다|이 기사에 대한 의견|기사 제공 언론사|이 언론사의 구독자|구독자\s*[\d,.]+\s*(?:만|천)?\s*명?|"
    r"이 기사는 .{0,60}(?:출고된|게재된|먼저 소개된|먼저 게재된|송고된|제공된) 기사입니다|"
    r"[※*]\s*(?:이|본|해당|위)\s*(?:기사|콘텐츠|글|칼럼|리포트|보도|자료)(?:는|은)\s|"
    r"Your browser does not support|이 브라우저는 (?:오디오|비디오|audio|video)|"
    r"응원수\s*[\d,.]+|Translated by|번역\s*beta|.{0,30}구독해\s*보세요|Now in translation|번역중$|kakao\s*i$)", re.I)


def is_copyright(line: str) -> bool:
    """ⓒ, ©, Copyright, 무단전재, 재배포 금지 — also letter-spaced (``무 단 전 재``)."""
    if is_strong_copyright(line):
        return True
    return len(line) <= 120 and bool(_COPYRIGHT_SIGN.search(line) or _COPYRIGHT_LEAD.match(line))


def is_strong_copyright(line: str) -> bool:
    """A copyright notice that ends an article (not a photo credit like ``ⓒ게티이미지뱅크``)."""
    if len(line) > 220:
        return False
    signed = bool(_COPYRIGHT_SIGN.search(line) or _COPYRIGHT_LEAD.match(line))
    if _COPYRIGHT_STRONG.search(compact(line)):
        return signed or len(line) <= 120
    return signed and bool(re.search(r"copyright|all\s*rights\s*reserved|저작권", line, re.I))


def copyright_source(line: str) -> str | None:
    """The publisher a copyright line names (from the table, else the name after ⓒ/저작권자)."""
    found = publishers.find_in_text(line)
    if found:
        return found
    m = re.search(r"(?:저작권자\s*(?:\(c\)|ⓒ|©)?|ⓒ|©|\(c\)|copyright\s*(?:ⓒ|©|\(c\))?)\s*(?:by\s+)?"
                  r"(?P<name>[가-힣A-Za-z0-9][가-힣A-Za-z0-9 .&]{1,24}?)"
                  r"\s*(?:[,.·\-–—|&>)\]]|무\s*단|재\s*배\s*포|all\s+rights|www\.|$)", line, re.I)
    if m:
        name = squash(m.group("name")).strip(" .&")
        if (2 <= len(name) <= 20 and not re.fullmatch(r"\d+|[A-Za-z]{1,2}|\d{4}.*", name)
                and not publishers.is_platform(name) and not re.search(r"이미지|뱅크|게티|셔터|포토|사진|AP|AFP|로이터|EPA", name)):
            return name
    return None


_BUTTON_PREFIX = re.compile(r"^(?:글자크기|글씨크기|폰트크기|본문글자|텍스트크기|기사글자)\S{0,8}$")


def is_share_or_button(line: str) -> bool:
    c = compact(line)
    if not c:
        return False
    if re.fullmatch(r"[\d,.\s]{1,10}", line) and not find_dates(line, short_years=True):
        return True  # a count beside a button (not "24.10.07")
    if re.fullmatch(r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?", line.strip()):
        return True  # a video player's clock
    if c in _FURNITURE_WORDS or _SHARE.fullmatch(c) or _BUTTON_PREFIX.match(c):
        return True
    tokens = [compact(t) for t in re.split(r"[\s|/·ㆍ,>»]+", line) if compact(t)]
    if find_dates(line, short_years=True):
        return False  # "기사입력 2024-05-17 15:21" is a date line
    words = [t for t in tokens if not re.fullmatch(r"[\d,.]+", t)]  # "타임톡 12", "공감 23 댓글 42"
    if bool(words) and all(t in _FURNITURE_WORDS or _SHARE.fullmatch(t) for t in words):
        return True
    # "연합뉴스 언론사 선정", "한겨레 구독하기": a button labelled with the publisher's name
    parts = line.split(None, 1)
    return (len(parts) == 2 and len(line) <= 30 and bool(publishers.lookup(parts[0]))
            and compact(parts[1]) in _FURNITURE_WORDS)


def is_nav(line: str) -> bool:
    """A menu or breadcrumb line: ``경제 > 산업``, ``그래픽 / 영상``, ``NEWS + UPDATE``, ``홈``."""
    tokens = [compact(t) for t in re.split(r"[\s|/·ㆍ,>»+]+", line) if compact(t)]
    if tokens and all(t in _NAV_WORDS or t in _FURNITURE_WORDS for t in tokens):
        return True
    if re.fullmatch(r"[A-Z0-9&+ \-/|·]{2,24}", line.strip()) and not re.search(r"\d{4}", line):
        return True  # "NEWS + UPDATE", "IT / SCIENCE"
    bars = [p.strip() for p in re.split(r"[|｜]", line)]
    if len(bars) >= 4 and all(0 < len(p) <= 8 and not re.search(r"[.!?…,]", p) for p in bars):
        return True  # "전자 | SW | 통신 | 금융 | 모빌리티": a menu whose words the lists do not know
    parts = re.split(r"\s+[>»›]\s+", line)
    if len(parts) >= 2 and all(len(p) <= 12 for p in parts):
        return True
    words = line.split()
    # "HOME 뉴스 클라우드" — a breadcrumb whose separators were pictures
    return (2 <= len(words) <= 6 and compact(words[0]) in {"home", "홈", "뉴스홈", "메인"}
            and all(len(w) <= 12 for w in words))


def is_block_marker(line: str) -> bool:
    """The heading of a box of other headlines ("많이 본 뉴스", "관련기사", …)."""
    c = compact(line)
    if not c or len(line) > 40:
        return False
    if any(c == m or (c.startswith(m) and len(c) <= len(m) + 5) for m in _BLOCK_MARKERS):
        return True
    if re.search(r"카테고리의다른(?:글|기사|포스트)$|의다른글$|다른글보기$|관련글$|인기글$", c):
        return True  # a blog's "'알림' 카테고리의 다른 글", "관련글"
    for m in _BLOCK_SUFFIXES:
        if c.endswith(m) and len(c) > len(m):
            prefix = c[:-len(m)]
            if prefix.endswith("의"):
                prefix = prefix[:-1]
            if publishers.lookup(prefix) or prefix in {"오늘의", "오늘", "이시각", "분야별", "섹션별", "지금", "언론사"}:
                return True
    return False


def is_related_link(line: str) -> bool:
    """``[관련기사] 삼성전자, …`` or ``▶ 관련기사: …`` on one line."""
    return bool(re.match(r"^[\[(<【▶▷►☞]*\s*(?:관련\s*기사|관련\s*뉴스|관련\s*링크|함께\s*보면\s*좋은\s*기사)\s*[\])>】◀:：]*", line)) \
        and len(line) <= 160


_SUMMARY_MARKERS = {compact(w) for w in (
    "AI 요약", "요약", "핵심 요약", "기사 요약", "3줄 요약", "세줄 요약", "한눈에 보기", "핵심 포인트", "Key Points", "요약 정리",
    "AI 요약 보기", "AI가 요약한 기사", "기사 핵심", "핵심 정리", "이 기사의 핵심",
)}
BULLET = re.compile(r"^\s*(?:[-–·•∙◦▪▸▶▷►✔✓☞※*]|[①-⑳]|\d{1,2}[.)]\s)")


def is_summary_marker(line: str) -> bool:
    """The heading of a summary box above the article (``AI 요약``, ``핵심 요약``)."""
    return len(line) <= 20 and compact(line) in _SUMMARY_MARKERS


_READER_SECTION = re.compile(
    r"(?:나의|내|개인적인|오늘의)?(?:느낀점|느낀것|생각|의견|소감|인사이트|insight|배운점|알게된점|적용할점|시사점및느낀점|"
    r"추가조사|추가로조사할내용|추가조사할내용|용어정리|경제용어|경제용어정리|모르는단어|모르는용어|관련용어|"
    r"요약및의견|요약과의견|나의의견|한줄평|한줄정리|코멘트|comment|mythoughts|takeaways?)(?:정리)?\d*", re.I)


def is_reader_section(line: str) -> bool:
    """A re-poster's own heading under the article (``느낀 점``, ``나의 생각``, ``용어 정리``)."""
    if len(line) > 30 or PERIOD_END.search(line):
        return False
    core = re.sub(r"^[^\w가-힣]+|^\d+\s*[.)]\s*|[^\w가-힣]+$", "", line.strip())  # "✔ 느낀 점", "[나의 생각]", "1. 느낀 점:"
    return bool(_READER_SECTION.fullmatch(compact(core)))


_PAYWALL = re.compile(
    r"^[\[(<]?\s*(?:(?:유료|프리미엄|구독자\s*전용|회원\s*전용|유료\s*회원\s*전용)\s*(?:기사|콘텐츠|콘텐트)입니다|"
    r"(?:이|본|해당)\s*(?:기사|콘텐츠|콘텐트)는\s*.{0,30}(?:구독자|회원|유료\s*회원)(?:만|에게만).{0,20}"
    r"(?:읽을|볼|열람할|이용할|확인할)\s*수\s*있습니다|"
    r"(?:전문|기사\s*전문|나머지\s*내용|이어지는\s*내용)은\s*.{0,30}(?:구독|유료|로그인|회원).{0,20}(?:확인|보실|읽으실|이용)"
    r"|(?:구독|로그인)하고\s*(?:전체\s*)?(?:기사|전문)\s*(?:읽기|보기))")


def is_paywall(line: str) -> bool:
    """``유료 기사입니다``, ``이 기사는 … 구독자만 읽을 수 있습니다``: the teaser ends there."""
    return len(line) <= 100 and bool(_PAYWALL.match(line.strip()))


def is_comment_marker(line: str) -> bool:
    c = compact(line)
    return bool(c) and len(line) <= 60 and any(c == m or c.startswith(m) for m in _COMMENT_MARKERS)


_LOGO_ALT = re.compile(r"^(?P<who>.{1,30}?)\s*(?:언론사\s*이미지|로고\s*이미지|로고|logo|CI|기자\s*사진|프로필\s*사진|이미지)$", re.I)


def is_logo_alt(line: str) -> bool:
    """``매일경제 언론사 이미지``, ``이데일리 로고``: a logo's alt text copied with the page."""
    m = _LOGO_ALT.match(line.strip()) if len(line) <= 40 else None
    if not m:
        return False
    who = m.group("who")
    return bool(publishers.lookup(who) or publishers.is_platform(who) or re.fullmatch(r"언론사|[가-힣]{2,4}\s*기자", who))


def is_image_line(line: str) -> bool:
    return bool(IMAGE_FILE.match(line) or _IMAGE_MARKER.match(line) or is_logo_alt(line)
                or (len(line) <= 60 and _BRACKET_CAPTION.match(line)))


_SLASH_CREDIT = re.compile(r"(?:[.다)]\s*|\s+)/\s*[가-힣A-Za-z0-9][가-힣A-Za-z0-9 .]{1,20}(?:\s*(?:제공|DB|자료사진))?\s*$")


def is_photo_credit(line: str) -> bool:
    """``/ 사진=카카오``, ``(사진=연합뉴스)``, ``[사진 제공=KT]``, ``…발표하고 있다. /연합뉴스`` — a
    credit, or a short caption ending in one."""
    if len(line) > 150:
        return False
    if PHOTO_CREDIT.search(line):
        return True
    m = _SLASH_CREDIT.search(line)
    if not m:
        return False
    head = line[:m.start()]
    # "김철수 기자 / 2024.10.07" is a byline with its date, not a caption's credit
    return not (find_dates(m.group(0), short_years=True) or (len(head) <= 30 and REPORTER.search(head)))


_WIRE_PHOTO_END = re.compile(
    r"(?:\[[^\[\]]{0,40}(?:자료사진|사진|제공|DB\s*금지|재판매|photo)[^\[\]]{0,40}\]"
    r"|(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.?\s*/\s*[^\s/]{2,14}"
    r"|(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.\s*[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)\s*$", re.I)


def is_wire_photo_caption(line: str) -> bool:
    """A wire photo's caption: ``(서울=연합뉴스) 김철수 기자 = 7일 … 모습. 2024.10.7 [연합뉴스 자료사진]``,
    ``7일 … 있다. 2024.10.7/뉴스1``, ``[서울=뉴시스] 김철수 기자 = 7일 … 있다. 2024.10.07. kim@newsis.com`` — its
    reporter is the photographer, its text not the article's."""
    if len(line) > 300:
        return False
    m = _WIRE_PHOTO_END.search(line)
    if not m:
        return False
    before = line[:m.start()].rstrip()
    return bool(re.search(r"(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.?$", before) or m.group(0).lstrip().startswith(("19", "20"))
                or parse_dateline(line))


_CREW_ROLE = r"(?:촬영\s*기자|영상\s*취재|영상\s*편집|영상\s*촬영|촬영|편집|그래픽|영상\s*디자인|CG|자료\s*조사|화면\s*제공|취재\s*지원|구성|연출)"
_CREW_CREDIT = re.compile(rf"^[(\[<]?\s*{_CREW_ROLE}\s*[:：]?\s*{_NAME}(?:\s*[,·]\s*{_NAME})*"
                          rf"(?:\s*[/,|]\s*{_CREW_ROLE}\s*[:：]?\s*{_NAME}(?:\s*[,·]\s*{_NAME})*)*\s*[)\]>]?$")


def is_crew_credit(line: str) -> bool:
    """A broadcast report's crew: ``촬영기자:박영희/영상편집:이민수``, ``(영상취재 : 박영희, 영상편집 : 이민수)``."""
    return len(line) <= 120 and bool(_CREW_CREDIT.match(line.strip()))


# A broadcast transcript's speaker cues: ``[앵커]``, ``<기자>``, ``[리포트]``, ``◀ 앵커 ▶``.
_CUE_WORDS = r"(?:앵커|앵커\s*멘트|앵커\s*리포트|기자|리포트|기자\s*리포트|기자\s*멘트|클로징|오프닝|스탠드\s*업)"
CUE = re.compile(rf"^\s*(?:[\[<【〈]\s*{_CUE_WORDS}\s*[\]>】〉]|◀\s*{_CUE_WORDS}\s*▶)\s*")


def is_cue(line: str) -> bool:
    """A line that is only a transcript's speaker cue."""
    m = CUE.match(line)
    return bool(m and m.end() == len(line))


def is_caption_like(line: str) -> bool:
    """A short noun phrase that names a picture: ``카카오 제주 본사 ‘스페이스닷’ 전경``."""
    return (len(line) <= 60 and not PERIOD_END.search(line) and bool(_CAPTION_END.search(line))
            and not re.match(r"^[◇◆■□▶▷●○★☆【\[<〈《#\-–—·•]", line))


def is_source_caption(line: str) -> bool:
    """``자료 : 통계청`` under a chart."""
    return len(line) <= 120 and bool(_SOURCE_CAPTION.match(line)) and not PERIOD_END.search(line)


def is_contact(line: str) -> bool:
    """``보도자료 문의: 서울대학교 AI 연구원 (02-880-4259, …)``."""
    return len(line) <= 200 and bool(_CONTACT.match(line)) and bool(EMAIL.search(line) or re.search(r"\d{2,4}-\d{3,4}-\d{4}", line))


_TIP_LINE = re.compile(r"제보")
_TIP_CHANNEL = re.compile(r"카카오톡|카톡|\d{2,4}-\d{3,4}-\d{4}|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+\.|홈페이지|채널\s*추가")


def is_promo(line: str) -> bool:
    if len(line) <= 200 and _TIP_LINE.search(line) and len(_TIP_CHANNEL.findall(line)) >= 1 \
            and not re.search(r"[다요][.!]?[\"'”’]*$", line):
        return True  # "※ '당신의 제보가 뉴스가 됩니다' [카카오톡] … [전화] 02-…": the broadcaster's tip line
    return len(line) <= 120 and bool(_PROMO.match(line) or _PORTAL_NOTICE.match(line))


# A broadcast report's sign-off: "KBS 뉴스 김철수입니다.", "지금까지 YTN 김철수입니다."
SIGNOFF = re.compile(rf"^(?:지금까지\s*)?(?P<pub>[A-Za-z가-힣0-9]{{2,12}}(?:\s?뉴스)?)\s+(?P<name>{_NAME})입니다\.?$")


def signoff(line: str) -> tuple[str, str] | None:
    """``KBS 뉴스 김철수입니다.`` → (KBS, 김철수) when the outlet is one the table knows."""
    m = SIGNOFF.match(line.strip())
    if not m:
        return None
    pub = publishers.lookup(m.group("pub")) or publishers.lookup(re.sub(r"\s?뉴스$", "", m.group("pub")))
    if not pub or m.group("name") in NOT_NAMES:
        return None
    return pub, m.group("name")


def is_email_line(line: str) -> bool:
    """A line that is only an e-mail address (with a name or 기자 around it at most)."""
    if not EMAIL.search(line) or len(line) > 120:
        return False
    rest = EMAIL.sub("", line)
    rest = REPORTER.sub("", rest)
    rest = re.sub(r"[\s\[\](){}<>/|:=·,\-–—*]", "", rest)
    rest = re.sub(r"(?:이메일|e-?mail|메일|기자|특파원)", "", rest, flags=re.I)
    return len(rest) <= 4


_LABELLED_BYLINE = re.compile(rf"^\s*(?:by|글|작성자|기자명|기자|reporter)\s*[:：]?\s*(?P<n>{_NAME})(?:\s?{ROLE})?"
                              rf"(?:\s*[(\[<]?\s*{EMAIL.pattern}\s*[)\]>]?)?\s*$", re.I)
_SIGNATURE = re.compile(rf"^[\s\-–—/=*·]*(?:{_NAMES})\s?{ROLE}(?![가-힣])")


_BYLINE_REST = re.compile(rf"^(?P<names>{_NAMES_SP})\s?{_DEPT}?{ROLE}\s*(?:[|｜/·,]\s*|$)")


def _byline_after_dateline(rest: str) -> bool:
    """What follows a dateline is only the reporter and date stamps (or an e-mail), no sentence."""
    m = _BYLINE_REST.match(rest)
    if not m:
        return False
    tail = EMAIL.sub(" ", rest[m.end():]).strip(" |｜/·,")
    return not tail or is_date_line(tail)


def is_byline(line: str) -> bool:
    """A short line that names the reporter (and maybe a date, an e-mail, the publisher)."""
    if en_byline_names(line):
        return True
    m = _LABELLED_BYLINE.match(line)
    if m and m.group("n") not in NOT_NAMES:
        return True
    if len(line) > 120 or not (REPORTER.search(line) or re.search(rf"기자명\s*[:：]?\s*{_NAME}", line)):
        return False
    d = parse_dateline(line)
    if d and _byline_after_dateline(d.rest):
        return True  # "(서울=뉴스1) 김철수 기자 | 2024-10-07 15:21 송고 | …": the reporter and the stamps
    if d and len(d.rest) >= 10 and (PERIOD_END.search(d.rest) or len(HANGUL.findall(d.rest)) >= 8):
        return False  # "[헤럴드경제=김철수 기자] 환율이 올랐다.": a short first paragraph (or a caption), dateline in front
    if PERIOD_END.search(line) and len(line) > 40 and not EMAIL.search(line):
        return False
    m = REPORTER.search(line)
    if m and len(line[:m.start()]) > 20 and re.search(r"[.!?][\"'”’)]*\s*$", line[:m.start()].rstrip()):
        return False  # "…라고 밝혔다. 홍길동 기자 hong@…": a paragraph that ends in a signature
    if re.search(rf"{ROLE}(?:가|는|이|들|와|과|에게|의|도|를|을)(?![가-힣])", line) and not re.search(r"기자명", line):
        return False
    return bool(reporters_in(line) or re.search(rf"기자명\s*[:：]?\s*{_NAME}", line))


_EN_NAME = r"[A-Z][A-Za-z'\-]+(?:\s+[A-Z][A-Za-z'\-]+){1,3}"
_EN_BYLINE = re.compile(
    rf"^\s*(?:By|BY|Written\s+by|Reporter\s*:)\s+(?P<names>{_EN_NAME}(?:\s*(?:,|and|&)\s*{_EN_NAME})*)"
    rf"(?P<rest>.*)$")
_EN_NOT_NAME = re.compile(r"^(?:The|This|That|These|Those|Contrast|Comparison|Then|Now|Next|Last|Early|Late|Mid|Far|Most|"
                          r"Some|Many|All|Its|Their|His|Her|Our|Korea|Seoul|South|North|January|February|March|April|May|"
                          r"June|July|August|September|October|November|December)\b")


def _en_case(name: str) -> str:
    """``KIM CHUL-SOO`` → ``Kim Chul-soo``; a name already in mixed case stays as written."""
    if name.upper() != name:
        return name
    return " ".join(w[:1] + w[1:].lower() for w in name.split())


def en_byline_names(line: str) -> list[str]:
    """``By Kim Chul-soo``, ``BY KIM CHUL-SOO [kim@…]``, ``By Kim Chul-soo and Lee Young-hee`` → the names."""
    if len(line) > 120:
        return []
    m = _EN_BYLINE.match(line)
    if not m:
        return []
    rest = EMAIL.sub("", m.group("rest"))
    if PERIOD_END.search(rest) and len(rest) > 30:
        return []  # "By Kim Chul-soo's account, the deal …" is a sentence
    if re.match(r"^\s*(?:'s|’s)", rest):
        return []
    names = []
    for n in re.split(r"\s*(?:,|\band\b|&)\s*", m.group("names")):
        words = n.split()
        while words and re.fullmatch(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?|"
                                     r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?|Staff|Reporter|Correspondent|Editor|"
                                     r"Senior|Writer|Columnist|Updated|Posted|Published", words[-1], re.I):
            words.pop()  # "By Kim Chul-soo Oct 07, 2024": the date is not part of the name
        n = " ".join(words) if len(words) >= 2 else ""
        if n and not _EN_NOT_NAME.match(n):
            names.append(_en_case(n))
    return names


def byline_names(line: str) -> list[str]:
    names = reporters_in(line) or en_byline_names(line)
    m = _LABELLED_BYLINE.match(line) if not names else None
    if m and m.group("n") not in NOT_NAMES:
        names = [m.group("n")]
    if not names:
        m = re.search(rf"기자명\s*[:：]?\s*(?P<n>{_NAME})", line)
        if m and m.group("n") not in NOT_NAMES:
            names = [m.group("n")]
    return names


def is_date_line(line: str) -> bool:
    """A short line that is mostly a date (``2021년 12월 15일``, ``입력 2023.07.13 15:20 | 수정 …``)."""
    if len(line) > 120:
        return False
    hits = find_dates(line, short_years=True)
    if not hits:
        return False
    rest = line
    for h in sorted(hits, key=lambda h: -h.start):
        rest = rest[:h.start] + rest[h.end:]
    rest = re.sub(r"\d{1,2}:\d{2}(?::\d{2})?|오전|오후|AM|PM|\([월화수목금토일]\)|[월화수목금토일]요일|"
                  r"\b(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b\.?", "", rest, flags=re.I)
    rest = re.sub(rf"{_LABEL_PUBLISHED}|{_LABEL_MODIFIED}|기사원문|원문|기사|최종|시간|일시|게시일?|조회수?\s*\d*|"
                  rf"댓글\s*\d*|지면|\d+\s*면|KST|GMT|UTC|기준|현재|\d+", "", rest, flags=re.I)
    words = re.sub(r"[|:：/·,.\-()\[\]<>]", " ", rest).split()
    rest = re.sub(r"[\s|:：/·,.\-()\[\]<>]", "", rest)
    if len(rest) <= 2:
        return True
    # "산업통상자원부 2024.10.07", "2024.10.07 | 연합뉴스": a date with who put it out
    return len(words) == 1 and len(line) <= 40 and bool(
        publishers.lookup(words[0]) or re.fullmatch(r"[가-힣A-Za-z]{1,12}(?:부|처|청|위원회|공사|공단|센터|협회|재단|연구소|연구원|"
                                                  r"뉴스룸|홍보팀|홍보실|사무국)", words[0]))


def header_dates(line: str) -> list[DateHit]:
    return find_dates(line, short_years=True)


_STAMP_LABEL = re.compile(rf"^\s*[\[(<]?\s*(?:{_LABEL_PUBLISHED}|{_LABEL_MODIFIED})\s*[:：]?\s*", re.I)
_STAMP_TIME = re.compile(r"^\s*(?:\([월화수목금토일]\)\s*)?(?:(?:오전|오후|AM|PM)\s*)?"
                         r"(?:\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}\s*시(?:\s*\d{1,2}\s*분)?(?:\s*\d{1,2}\s*초)?)"
                         r"(?:\s*(?:오전|오후|AM|PM|KST))?", re.I)
_STAMP_SEP = re.compile(r"^\s*[\])>]?\s*[|｜/·,]?\s*")


def split_date_stamp(line: str) -> tuple[str, str] | None:
    """``입력 2024.07.25. 오전 8:12 SK하이닉스가 …`` → (the stamp, the text after it): a page layout
    glued the labelled publish/update stamp to the first line of the article. One or more labelled
    dates (``입력 … 수정 …``), each with an optional time; None when the line does not start with one
    or nothing but a few characters follow it."""
    pos = 0
    while True:
        m = _STAMP_LABEL.match(line[pos:])
        if not m:
            break
        start = pos + m.end()
        hits = find_dates(line[start:start + 30], short_years=True)
        if not hits or hits[0].start != 0:
            break
        end = start + hits[0].end
        end += len(line[end:]) - len(line[end:].lstrip(".")) if line[end:end + 1] == "." else 0
        t = _STAMP_TIME.match(line[end:])
        if t:
            end += t.end()
        end += _STAMP_SEP.match(line[end:]).end()
        pos = end
    if not pos:
        return None
    stamp, rest = line[:pos].strip(), line[pos:].strip()
    if len(rest) < 10 or not HANGUL.search(rest) or not is_date_line(stamp):
        return None
    return stamp, rest


_SOURCE_FOOTER = re.compile(
    r"^(?:출처|기사\s*출처|원문\s*출처|Source)\s*[:：]\s*(?P<name>(?:(?!https?:)[^(（\n]){2,30}?)\s*"
    r"(?:[(（]\s*(?P<url>https?://[^)）\s]+)\s*[)）]|(?P<url2>https?://\S+))\s*$",
    re.I)


def source_footer(line: str) -> tuple[str, str | None] | None:
    """``출처 : 아이티데일리(http://www.itdaily.kr/news/articleView.html?idxno=1)`` — what news sites
    append to copied text: (publisher, the article's link or None for a bare home page)."""
    m = _SOURCE_FOOTER.match(line.strip())
    if not m:
        return None
    name = squash(m.group("name")).rstrip(" -–—|,")
    url = m.group("url") or m.group("url2")
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    article_url = url if (parts.path.strip("/") or parts.query) else None
    return publishers.lookup(name) or name, article_url


def is_url_line(line: str) -> str | None:
    """A line that is only a link (perhaps labelled: ``기사링크: https://…``, ``<https://…>``)."""
    m = re.fullmatch(r"(?:(?:기사\s*)?(?:링크|주소|원문|출처|URL|url|Link|Source|source)\s*[:：]?\s*)?<?(https?://\S+?)>?", line.strip())
    return m.group(1) if m else None


PAGE_TITLE_GNU = re.compile(r"^(?P<title>.+?)\s+>\s+(?P<section>[^>|]{1,30}?)\s+\|\s+(?P<site>[^|>]{2,40})$")
PAGE_TITLE_ND = re.compile(r"^(?P<title>.+?)\s+<\s+.+?<\s*기사본문\s*[-–—|]\s*(?P<site>.{2,40})$")
PAGE_TITLE_BAR = re.compile(r"^(?P<title>.{8,}?)\s+[|｜]\s+(?P<site>[^|｜]{2,40})$")
PAGE_TITLE_DASH = re.compile(r"^(?P<title>.{8,}?)\s+[-–—:|｜]\s+(?P<site>[^\-–—:|｜]{2,30})$")


@dataclass(frozen=True)
class PageTitle:
    title: str
    site: str | None
    known: bool  # the site is a publisher from the table


def split_page_title(line: str, *, first_line: bool = False) -> PageTitle | None:
    """A browser tab title: ``제목 > 게시판 | 사이트``, ``제목 < 섹션 < 기사본문 - 매체``,
    ``제목 | 매체``, ``제목 - 한국경제`` (a dash only with a known publisher or portal)."""
    line = line.strip()
    for rx in (PAGE_TITLE_GNU, PAGE_TITLE_ND):
        m = rx.match(line)
        if m:
            return _page_title(m.group("title"), m.group("site"))
    m = PAGE_TITLE_DASH.match(line)
    if m:
        site = m.group("site").strip()
        if publishers.lookup(site) or publishers.is_platform(site):
            return _page_title(m.group("title"), site)
    if first_line:
        m = PAGE_TITLE_BAR.match(line)
        if m:
            return _page_title(m.group("title"), m.group("site"))
    return None


def _page_title(title: str, site: str) -> PageTitle:
    site = squash(site)
    known = publishers.lookup(site)
    if publishers.is_platform(site):
        return PageTitle(squash(title), None, False)
    return PageTitle(squash(title), known or site, bool(known))


def strip_site_suffix(title: str, site: str | None = None) -> str:
    """``제목 - 한국경제`` / ``제목 | 매일경제`` / ``제목 : 네이버 뉴스`` → ``제목``."""
    t = squash(title)
    pt = split_page_title(t)
    if pt:
        return pt.title
    if site:
        m = re.match(rf"^(?P<title>.+?)\s*[-–—:|｜<]\s*{re.escape(site)}\s*$", t)
        if m and len(m.group("title")) >= 4:
            return m.group("title").strip()
    return t
