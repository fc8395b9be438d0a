"""Reporters, bylines and datelines: ``김유성 기자I 2017.05.22``, ``[제주=이데일리 김유성 기자]``,
``(서울=연합뉴스) 홍길동 기자 =``, ``* 2017년 04월 17일(월) 08:58:07 김성수 기자 kimss56@…``,
``By Kim Chul-soo``, a broadcast's sign-off, a reporter's e-mail. The words that stand where a name
stands but are none (``사진``, ``워싱턴``) are data: ``scrapnote/data/bylines.yaml``.
Pure functions on strings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from scrapnote.extract import publishers, wordlists
from scrapnote.extract.dates import is_date_line
from scrapnote.extract.strings import HANGUL, PERIOD_END, squash

ROLE = r"(?:(?:선임|수석|전문|객원|수습|인턴|취재|편집|경제|산업)?기자|특파원|칼럼니스트|논설위원|대기자)"
# "김철수 경제부 기자", "김철수 디지털뉴스팀 기자": a desk between the name and the role
DEPT = r"(?:[가-힣A-Za-z]{1,10}(?:부|팀|센터|국|본부|데스크)\s?)"
NAME = r"[가-힣]{2,4}"
NAMES = rf"{NAME}(?:\s*[·ㆍ,/]\s*{NAME})*"
# what may follow the role word: not a Hangul letter, unless it is a date stamp's label glued to it
# by a page layout ("정하윤 기자입력 2023. 5. 3. 17:03")
_ROLE_END = r"(?=$|[^가-힣]|(?:기사)?(?:입력|등록|수정|작성|승인|송고|발행)\s*[:：]?\s*\d)"
REPORTER = re.compile(rf"(?<![가-힣])(?P<names>{NAMES})\s?{DEPT}?{ROLE}{_ROLE_END}")
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")


def not_names() -> frozenset[str]:
    """Words that stand where a reporter's name stands but are none (``사진``, ``경제부``, ``워싱턴``)."""
    return wordlists.words("bylines", "not_names", "not_names_places")


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
    if all(re.fullmatch(NAME, w) for w in words) and len(words) <= 3:
        names = [w for w in words if w not in not_names()]
        return ", ".join(dict.fromkeys(names)) or None
    candidate = " ".join(words)
    if re.fullmatch(r"[A-Za-z][A-Za-z .'\-]{1,40}", candidate) and len(words) <= 4:
        return candidate  # a romanised or foreign byline
    return None


@lru_cache(maxsize=1)
def _surnamed_word() -> re.Pattern:
    """A three-syllable word with a common surname first (``data/bylines.yaml`` lists them)."""
    return re.compile(rf"[{wordlists.value('bylines', 'surnames')}][가-힣]{{2}}")


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
        while words and len(before) < 3 and _surnamed_word().fullmatch(words[-1]) \
                and not re.search(r"[부팀가실단장]$", words[-1]) \
                and words[-1] not in not_names() and not publishers.lookup(words[-1]):
            before.insert(0, words.pop())
        rest = " ".join(words)
        if before and (not rest or re.search(r"[\[(【<=|:/·\d]\s*$", rest) or publishers.lookup(rest.split()[-1])):
            names.extend(before)
        for n in re.split(r"\s*[·ㆍ,/]\s*", m.group("names")):
            n = n.strip()
            if len(n) >= 3 and re.search(r"(?:하는|되는|는|를|에서|으로)$", n):
                continue  # "산업부 출입하는 취재기자": a verb's form, not a name
            if n and n not in not_names() and not publishers.lookup(n):
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
NAMES_SP = rf"{NAME}(?:\s*[·ㆍ,/]\s*{NAME}|\s+{NAME}){{0,5}}"
_DATELINE_TAIL = re.compile(rf"^(?P<names>{NAMES_SP})\s?{DEPT}?{ROLE}\s*[=＝]\s*")
# "SEOUL, Oct. 7 (Yonhap) -- …", "SEJONG, Oct. 7 (Korea Bizwire) — …"
_DATELINE_EN = re.compile(r"^(?P<place>[A-Z][A-Z .'\-]{1,24}),\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*)?"
                          r"\((?P<pub>[A-Z][A-Za-z .&\-]{1,30})\)\s*(?:--|—|–|-)\s*")
_DATELINE_BARE = re.compile(rf"^(?P<words>(?:[^\s=]{{2,12}}\s+){{0,4}}?)(?P<names>{NAMES})\s?{DEPT}?{ROLE}\s*[=＝]\s*")


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
            names = names or [n for n in re.split(r"[\s·ㆍ,/]+", t.group("names")) if n not in not_names()]
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
            elif re.fullmatch(NAME, w) and w not in not_names():
                names.append(w)
            else:
                return None
        names += [n for n in re.split(r"\s*[·ㆍ,/]\s*", m.group("names")) if n not in not_names()]
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
        m = re.fullmatch(rf"(?P<w>[가-힣A-Za-z0-9][가-힣A-Za-z0-9&.]{{1,11}})\s+{NAMES_SP}\s?{DEPT}?{ROLE}", parts[0])
        if m and m.group("w") not in not_names() and m.group("w") not in names and not _NOT_OUTLET.fullmatch(m.group("w")) \
                and not re.search(r"(?:부|팀|센터|국)$", m.group("w")):
            source = m.group("w")
    if source or names:
        return source, names, place
    return None


_OUTLET = re.compile(r"[가-힣A-Za-z0-9]{1,10}(?:일보|신문|뉴스|데일리|타임스|타임즈|저널|투데이|미디어|닷컴|포스트|뉴스통신|"
                     r"방송|헤럴드|위클리|프레스|리뷰|이코노미|Daily|News|Times|Today)")
_NOT_OUTLET = re.compile(r"^(?:카드|포토|영상|경제|주요|오늘의|해외|국제|지역|모닝|이슈|마켓|증시|라이브|속보|굿|핫|단독|AI|IT|"
                         r"테크|산업|금융|주간|월간|데일리|글로벌|부동산|생활|사회|정치|문화|스포츠|연예|과학|헬스|건강|뉴스)", re.I)



# A broadcast report's sign-off: "KBS 뉴스 김철수입니다.", "지금까지 YTN 김철수입니다."
SIGNOFF = re.compile(rf"(?:^|(?<=[.!?])\s+)(?:지금까지\s*)?(?:[가-힣A-Za-z0-9]{{2,15}}에서\s+)?"
                     rf"(?P<pub>[A-Za-z가-힣0-9]{{2,12}}(?:\s?뉴스)?)\s+(?P<name>{NAME})입니다\.?$")


def signoff(line: str) -> tuple[str, str] | None:
    """``KBS 뉴스 김철수입니다.`` → (KBS, 김철수) when the outlet is one the table knows."""
    m = SIGNOFF.search(line.strip())
    if not m:
        return None
    pub = publishers.lookup(m.group("pub")) or publishers.lookup(re.sub(r"\s?뉴스$", "", m.group("pub")))
    if not pub or m.group("name") in not_names():
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


_LABELLED_BYLINE = re.compile(rf"^\s*(?:by|글|작성자|기자명|기자|reporter)(?:\s*[:：]\s*|\s+)(?P<n>{NAME})(?:\s?{ROLE})?"
                              rf"(?:\s*[(\[<]?\s*{EMAIL.pattern}\s*[)\]>]?)?\s*$", re.I)


_BYLINE_REST = re.compile(rf"^(?P<names>{NAMES_SP})\s?{DEPT}?{ROLE}\s*(?:[|｜/·,]\s*|$)")


def _byline_after_dateline(rest: str) -> bool:
    """What follows a dateline is only the reporter and date stamps (or an e-mail), no sentence."""
    m = _BYLINE_REST.match(rest)
    if not m:
        return False
    tail = EMAIL.sub(" ", rest[m.end():]).strip(" |｜/·,")
    return not tail or is_date_line(tail)


# A column's author block: "◇엄태오 가상대 경제학과 교수", "◆김철수 가상연구소 선임연구위원".
_AUTHOR_TITLES = (r"(?:교수|명예교수|연구원|연구위원|선임연구위원|수석연구위원|위원|대표|원장|소장|센터장|변호사|회계사|세무사|"
                  r"변리사|박사|이사|전무|상무|본부장|실장|국장|총장|의원|장관|회장|사장|칼럼니스트|평론가|작가|시인|"
                  r"기자|논설위원|전문위원|애널리스트|이코노미스트|PD)")
_AUTHOR_BLOCK = re.compile(rf"^\s*[◇◆■□▣●○]\s*(?P<n>{NAME})\s+(?:[^\s.!?]{{1,20}}\s+){{0,4}}[가-힣]{{0,8}}{_AUTHOR_TITLES}\s*$")
# 오마이뉴스: "위다솜(dasom)" — a name with the writer's handle
_NAME_HANDLE = re.compile(rf"^\s*(?P<n>{NAME})\s*\(\s*[A-Za-z][A-Za-z0-9_.\-]{{1,24}}\s*\)\s*$")


def author_block_name(line: str) -> str | None:
    """``◇엄태오 가상대 경제학과 교수`` (a column's author block) or ``위다솜(dasom)`` → the name."""
    if len(line) > 60:
        return None
    m = _AUTHOR_BLOCK.match(line) or _NAME_HANDLE.match(line)
    return m.group("n") if m and m.group("n") not in not_names() else None


def is_byline(line: str) -> bool:
    """A short line that names the reporter (and maybe a date, an e-mail, the publisher)."""
    if en_byline_names(line) or author_block_name(line):
        return True
    m = _LABELLED_BYLINE.match(line)
    if m and m.group("n") not in not_names():
        return True
    if len(line) > 120 or not (REPORTER.search(line) or re.search(rf"기자명\s*[:：]?\s*{NAME}", line)):
        return False
    d = parse_dateline(line)
    if d and _byline_after_dateline(d.rest):
        return True  # "(서울=뉴스1) 김철수 기자 | 2024-10-07 15:21 송고 | …": the reporter and the stamps
    if d and len(d.rest) >= 10 and (PERIOD_END.search(d.rest) or len(HANGUL.findall(d.rest)) >= 8):
        return False  # "[헤럴드경제=김철수 기자] 환율이 올랐다.": a short first paragraph (or a caption), dateline in front
    if PERIOD_END.search(line) and len(line) > 40 and not EMAIL.search(line):
        return False
    m = REPORTER.search(line)
    pre = re.sub(r"[가-힣]{1,6}\s*=\s*$", "", line[:m.start()]) if m else ""  # "…했다.부산=홍길동 기자"
    if m and len(pre) > 20 and re.search(r"[.!?][\"'”’)]*\s*$", pre.rstrip()):
        return False  # "…라고 밝혔다. 홍길동 기자 hong@…": a paragraph that ends in a signature
    if re.search(rf"{ROLE}(?:가|는|이|들|와|과|에게|의|도|를|을)(?![가-힣])", line) and not re.search(r"기자명", line):
        return False
    return bool(reporters_in(line) or re.search(rf"기자명\s*[:：]?\s*{NAME}", line))


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
    block = author_block_name(line)
    if block:
        return [block]
    names = reporters_in(line) or en_byline_names(line)
    m = _LABELLED_BYLINE.match(line) if not names else None
    if m and m.group("n") not in not_names():
        names = [m.group("n")]
    if not names:
        m = re.search(rf"기자명\s*[:：]?\s*(?P<n>{NAME})", line)
        if m and m.group("n") not in not_names():
            names = [m.group("n")]
    return names

