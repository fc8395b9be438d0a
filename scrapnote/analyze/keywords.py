"""Key terms of an article with kiwipiepy: nouns, compound nouns merged, ranked against the collection.

kiwipiepy is imported inside ``get_kiwi()`` only (never at module level) and the model is loaded
once per process with only what the drafts use (see ``get_kiwi``): about 0.6 s with the first
analysis, 265 MiB (bench/kiwi_options.py measures each of Kiwi's options).

- ``extract_terms(text)``: the noun terms in reading order (repeats kept, so they can be counted).
- ``rank_keywords(text, doc_freq, n_docs, k)``: TF-IDF-like; a term found in every note ranks low.
- ``guess_companies(terms)`` / ``guess_industry(terms)``: from ``scrapnote/data/companies.yaml``
  and ``scrapnote/data/industries.yaml``.
"""
from __future__ import annotations

import math
import re
import warnings
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from kiwipiepy import Kiwi

__all__ = ["get_kiwi", "extract_terms", "is_name", "rank_keywords", "guess_companies", "guess_industry", "article_companies",
           "company_map",
           "idf", "news_terms", "STOPWORDS", "COMPANY_SUFFIXES"]

_KIWI: Kiwi | None = None


def get_kiwi() -> Kiwi:
    """The process-wide Kiwi analyser, built on first use, with only what the drafts use.

    One thread (``new`` analyses one article at a time); no multi-word dictionary (WikiData
    names across words: ~190 MiB) and no typo dictionary (the drafts correct no typos). No
    default dictionary either — Wikipedia and Namuwiki headwords, ~250 ms of building and first
    analysis and ~70 MiB for every ``new``: the proper nouns the drafts act on are the ones
    companies.yaml and publishers.yaml know, and those are given to Kiwi as proper nouns
    (``_names``; ~10 ms). On the five samples and the fixture pages the drafts are the same as
    with the default dictionary but for one keyword's rank (bench/RESULTS.md, issue 11)."""
    global _KIWI
    if _KIWI is None:
        from kiwipiepy import Kiwi

        with warnings.catch_warnings():
            # kiwipiepy ≥0.21 warns that num_workers=0 now means "single thread" — which is what we want.
            warnings.simplefilter("ignore", DeprecationWarning)
            kiwi = Kiwi(num_workers=0, load_default_dict=False, load_typo_dict=False, load_multi_dict=False)
        for name in _names():
            kiwi.add_user_word(name, "NNP")
        _KIWI = kiwi
    return _KIWI


def _names() -> list[str]:
    """The Hangul names of companies.yaml and of publishers.yaml (names and aliases), sorted.
    Names with Latin letters are left to the tokenizer (SK+하이닉스 is joined by ``_groups``)."""
    from scrapnote.extract.publishers import load_publishers

    names = set(_companies())
    for p in load_publishers():
        names.update((p.name, *p.aliases))
    return sorted(n for n in names if _HANGUL_NAME_RE.fullmatch(n))


# Titles and furniture words: never keywords, and a name right before a title is a person.
_TITLES = {
    "기자", "특파원", "앵커", "대표", "대표이사", "교수", "장관", "차관", "사장", "부사장", "회장", "부회장",
    "센터장", "원장", "부원장", "소장", "연구소장", "연구원장", "학장", "단장", "본부장", "실장", "국장",
    "팀장", "부장", "과장", "상무", "전무", "이사", "의원", "위원장", "총괄", "박사", "연구원", "대변인",
    "담당관", "청장", "시장", "도지사", "지사", "총장", "부총장", "처장", "전산학부장", "학부장", "헤드",
    "의장", "고문", "사무총장", "총리", "대통령", "씨", "총재", "부총재", "행장", "창업자", "창업주", "최고경영자",
    "최고재무책임자", "최고기술책임자", "최고운영책임자", "최고전략책임자", "책임자", "연구위원", "애널리스트",
}
_NOT_PERSON_TITLES = {"시장", "연구원"}  # also ordinary nouns: "국내 시장", "서울대 AI 연구원"

STOPWORDS: frozenset[str] = frozenset({
    # page furniture
    "기자", "뉴스", "무단전재", "무단", "전재", "재배포", "배포", "금지", "사진", "제공", "기사", "저작권",
    "구독", "본문", "댓글", "댓글목록", "목록", "공유", "공유하기", "메일", "보내기", "메일보내기", "그래픽",
    "트위터", "페이스북", "구글플러스", "카카오스토리", "무단복제", "관리", "게시글", "저작자표시",
    # time words
    "오늘", "어제", "내일", "이번", "이날", "올해", "지난해", "작년", "내년", "당시", "최근", "현재",
    "향후", "이후", "이전", "당분간", "하루", "동안", "기간", "시간", "연내", "하반기", "상반기", "마지막",
    # generic nouns that tell nothing about the article
    "관계자", "경우", "가능", "계획", "예정", "방침", "설명", "강조", "진행", "추진", "관련", "분야",
    "이상", "이하", "정도", "수준", "기준", "대상", "국내", "해외", "전체", "일부", "다양", "기존",
    "자신", "생각", "의미", "사람", "때문", "사이", "자리", "마련", "참여", "참석", "개최", "발표",
    "실시", "전망", "기대", "목표", "활용", "사용", "필요", "노력", "결과", "내용", "방식", "방향",
    "문제", "해결", "과정", "중심", "최고", "최대", "최신", "주요", "대규모", "각종", "측면", "상황",
    "부분", "모습", "이름", "이유", "수치", "차원", "전반", "한편", "또한", "통해", "위해",
    "대해", "대한", "유명", "우수", "적극", "본격", "특별", "공동", "교수팀", "연구팀", "연구진", "밝혔다", "말했다", "전했다", "예상", "주최", "차례", "단계", "규모", "형태",
    "특성", "구조", "변경", "포함", "구성", "선정", "지원", "협력", "강화", "확대", "도입", "운영",
    "기반", "역할", "방안", "가운데", "자료", "출처", "문의", "보도자료", "이메일", "홈페이지",
    # change words and the words a figure is counted by: what changed is the term, not these
    "증가", "감소", "대비", "전년", "동기", "사상", "추가", "속도", "기록", "돌파", "상승", "하락", "급증", "급감",
    "개선", "악화", "전월", "전분기", "전년도", "역대", "집계", "인상", "인하폭", "증가세", "감소세", "상승세",
    "하락세", "증가폭", "감소폭", "분기", "연간", "누적", "비중", "현지시간", "업계", "전날",
    "같은", "지난달", "이달", "연속", "만에", "가량", "안팎", "효과", "영향",
} | (_TITLES - _NOT_PERSON_TITLES))

# units written apart from their number (0.25% 포인트): never terms
_UNIT_WORDS = frozenset({"포인트", "퍼센트", "퍼센트포인트", "베이시스포인트", "%포인트", "%p"})

# English words that come with page furniture or English titles, not terms.
_LATIN_STOP = {"NEWS", "UPDATE", "HTTP", "HTTPS", "WWW", "COM", "JPG", "PNG", "GIF", "THE", "AND",
               "OF", "IN", "TO", "FOR", "NO"}

_NOUN_TAGS = {"NNG", "NNP"}
_MASK_RE = re.compile(
    r"(?:https?://|www\.)\S+"  # urls
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mails
    r"|\[[^\]\n]{0,40}기자\]"  # [제주=이데일리 김유성 기자]
    r"|[\[(【（]\s*[가-힣]{2,5}\s*=\s*[^\])】）\n]{0,30}[\])】）]"  # datelines: [서울=뉴스1], (세종=연합뉴스)
    r"|[가-힣]{2,4}\s?기자\s?[A-Za-z]?(?=\s|$)"  # 김유성 기자I
    r"|ⓒ[^\n]*|[^\n]*무단\s?전재[^\n]*|\S+\.(?:jpe?g|png|gif|webp)\b"
)
_DATELINE_RE = re.compile(r"[\[(【（]\s*([가-힣]{2,5})\s*=\s*[^\])】）\n]{0,30}[\])】）]")
_HANGUL_RE = re.compile(r"[가-힣]")
_HANGUL_NAME_RE = re.compile(r"[가-힣]{2,}")


@dataclass
class _Group:
    text: str
    start: int
    end: int
    tags: list[str]
    unit: bool = False  # written right onto a number (0.25%포인트, 2분기): a unit or counter, not a term

    @property
    def hangul(self) -> bool:
        return bool(_HANGUL_RE.search(self.text))


def _mask(text: str) -> str:
    return _MASK_RE.sub(lambda m: " " * len(m.group()), text)


def _groups(text: str) -> list[_Group]:
    """Runs of nouns written together: Hangul nouns (NNG/NNP) that touch form one compound
    (영업+이익 → 영업이익, 과기+정통부 → 과기정통부); Latin letters, digits and & that touch form one
    Latin term (R&D, 5G). A space, a particle or a suffix (들, 적) ends a run."""
    kiwi = get_kiwi()
    groups: list[_Group] = []
    cur: _Group | None = None
    kind = None
    num_end = -1  # where the last number token (0.25, 천억) ended
    toks = kiwi.tokenize(text)
    glue: set[int] = set()  # prefixes and 적 that belong to the noun they touch: 재건축, 반덤핑, 이커머스, 양적긴축
    for i, (tok, nxt) in enumerate(zip(toks, toks[1:])):
        touches = nxt.start == tok.start + tok.len and nxt.tag in _NOUN_TAGS and bool(_HANGUL_RE.search(nxt.form))
        if touches and tok.tag in ("XPN", "MM") and len(tok.form) == 1 and _HANGUL_RE.fullmatch(tok.form) or touches and tok.tag == "XSN" and tok.form == "적" and i > 0 and toks[i - 1].tag in _NOUN_TAGS \
                and toks[i - 1].start + toks[i - 1].len == tok.start:
            glue.add(i)
    # A modifier written onto its noun as one word (푸른+ᆫ+에너지 → 푸른에너지, 밝은+미래재단): Korean
    # spacing puts a space after an adnominal ending, so a word that does not is one name (a
    # company, a foundation), never the bare noun with its first syllables dropped
    named_from: dict[int, int] = {}  # index of the noun → where its word starts
    for i in range(len(toks) - 2):
        stem, etm, noun = toks[i], toks[i + 1], toks[i + 2]
        if (stem.tag.startswith(("VA", "VV")) and etm.tag == "ETM" and noun.tag in ("NNG", "NNP")
                and noun.start == max(stem.start + stem.len, etm.start + etm.len)
                and (stem.start == 0 or not text[stem.start - 1].isalnum())
                and noun.start > stem.start and all(_HANGUL_RE.fullmatch(c) for c in text[stem.start:noun.start])):
            named_from[i + 2] = stem.start
    # Latin words written apart from a Hangul noun somewhere (AI가, AI 반도체): words of their own
    alone = {tok.form for tok, nxt in zip(toks, [*toks[1:], None]) if tok.tag == "SL" and (
        nxt is None or nxt.start != tok.start + tok.len or nxt.tag not in _NOUN_TAGS)}
    for i, tok in enumerate(toks):
        if i in glue and tok.tag in ("XPN", "MM"):
            k: str | None = "hangul"
            surface = text[tok.start:tok.start + tok.len]
            if cur is not None:
                groups.append(cur)
            cur, kind = _Group(surface, tok.start, tok.start + tok.len, ["NNG"]), "hangul"
            continue
        if i in glue and cur is not None and kind == "hangul" and tok.start == cur.end:
            cur.text += text[tok.start:tok.start + tok.len]
            cur.end = tok.start + tok.len
            continue
        if tok.tag in _NOUN_TAGS:
            k = "hangul" if _HANGUL_RE.search(tok.form) else "latin"
        elif tok.tag == "SL" or (tok.tag == "SN" and tok.form.isdigit()) or tok.form == "&":
            k = "latin"
        elif (tok.form in ("-", "+") and cur is not None and kind == "latin" and tok.start == cur.end
              and (tok.form == "+" or _touching_latin(toks, i))):
            k = "latin"  # S-Oil, OPEC+
        else:
            k = None
        surface = text[tok.start:tok.start + tok.len]
        if tok.tag == "SL" and len(surface) > 1 and surface.endswith("."):
            surface = surface[:-1]  # Kiwi reads a sentence's last Latin word with its full stop (GPT.)
        end = tok.start + len(surface)
        if (cur is not None and kind == "hangul" and tok.start == cur.end and not cur.unit
                and (tok.tag in ("XSN", "NNB") and tok.form in _NOUN_SUFFIXES or tok.tag == "NNB" and tok.form == "원")):
            k = "hangul"  # 활성+화, 희토+류, 중계+권, 철수+설, 원통+형, 한국부동산+원: one noun
        if (k is not None and cur is not None and kind != k and tok.start == cur.end and tok.tag != "SN"
                and not cur.unit and (kind == "hangul" or (any(c.isalpha() for c in cur.text)
                                                           and cur.text.casefold() not in _known_casefold()
                                                           and (len(cur.text) == 1 or cur.text not in alone)))):
            # Latin and Hangul written as one word are one term (한국GM, 오픈AI, 챗GPT, K뷰티, TC본더,
            # VS사업본부) — unless the Latin word also stands alone in the text (AI반도체 beside AI: two
            # terms); after a known Latin name only an affiliate ending joins (_join_company_names:
            # SK+하이닉스), and anything else stays apart (KT+배순민, KT+과제)
            cur.text += surface
            cur.end = end
            cur.tags.append(tok.tag)
            kind = k
            continue
        if k is not None and cur is not None and kind == k and tok.start == cur.end:
            cur.text += surface
            cur.end = end
            cur.tags.append(tok.tag)
            continue
        if cur is not None:
            groups.append(cur)
            cur = None
        if k is not None and i in named_from:
            cur, kind = _Group(text[named_from[i]:end], named_from[i], end, ["ETM", tok.tag]), k
        elif k is not None:
            cur, kind = _Group(surface, tok.start, end, [tok.tag]), k
            cur.unit = k == "hangul" and tok.start == num_end
        if tok.tag in ("SN", "NR"):
            num_end = tok.start + tok.len
    if cur is not None:
        groups.append(cur)
    # "머신 러닝" → "머신러닝" when the same text also writes it as one word somewhere
    joined = {g.text for g in groups if g.hangul}
    merged: list[_Group] = []
    for g in groups:
        prev = merged[-1] if merged else None
        if (prev is not None and prev.hangul and g.hangul and text[prev.end:g.start] == " "
                and prev.text + g.text in joined):
            merged[-1] = _Group(prev.text + g.text, prev.start, g.end, prev.tags + g.tags, prev.unit)
        else:
            merged.append(g)
    return _join_company_names(text, merged)


# noun-forming suffixes that stay on their noun (Kiwi tags them XSN): 희토류, 중계권, 철수설, 원통형,
# 수익성, 보조금, 운영사 … (not 들, 용, 별, 측, 씨: those end the term)
_NOUN_SUFFIXES = frozenset({"화", "류", "권", "설", "형", "론", "료", "율", "률", "액", "비", "금", "세", "성", "제", "사"})


def _touching_latin(toks, i: int) -> bool:
    """Token ``i`` (a hyphen) has Latin letters written right after it (S-Oil)."""
    return i + 1 < len(toks) and toks[i + 1].tag == "SL" and toks[i + 1].start == toks[i].start + toks[i].len


def _join_company_names(text: str, groups: list[_Group]) -> list[_Group]:
    """Runs that together spell one company, the longest known match: a Latin group name touching
    a Hangul noun that is a known name or an affiliate ending (SK+하이닉스 → SK하이닉스,
    LG+에너지솔루션, KT+클라우드), or two runs with one space between that companies.yaml knows as
    one name (LG CNS). Anything else glued on stays apart: KT+배순민 (a person), KT+융합기술원장
    (a title), KT+과제 (a generic noun)."""
    known = _known_casefold()
    out: list[_Group] = []
    for g in groups:
        prev = out[-1] if out else None
        if prev is not None:
            gap = text[prev.end:g.start]
            joined = prev.text + gap + g.text
            if gap == "" and not prev.hangul and g.hangul and (
                    _company_key(joined) or (prev.text.casefold() in known and _affiliate_tail(g.text))):
                out[-1] = _Group(joined, prev.start, g.end, prev.tags + g.tags)
                continue
            if gap == " " and joined.casefold() in known:
                out[-1] = _Group(joined, prev.start, g.end, prev.tags + g.tags)
                continue
        out.append(g)
    return out


def _is_term(g: _Group) -> bool:
    t = g.text
    if g.unit or not t[:1].isalnum():
        return False  # 0.25%포인트, 2분기, 3퍼센트포인트: what a number is counted in
    if g.hangul:
        if len(t) < 2 or t in STOPWORDS or t in _UNIT_WORDS:
            return False
        return not t.isdigit()
    # Latin: acronyms and CamelCase (AI, KAIST, SW, R&D, 5G, TensorFlow), not English prose words
    if not any(c.isalpha() for c in t) or len(t) < 2 or len(t) > 20:
        return False
    if t.upper() in _LATIN_STOP:
        return False
    if t.casefold() in _known_casefold():
        return True
    letters = [c for c in t if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return upper == len(letters) or (upper >= 2 and t[0].isupper())


def _persons(text: str, groups: list[_Group]) -> set[str]:
    """Names of people: a 2–4 syllable Hangul noun run right before a title (장병탁 교수) or right
    after one inside brackets ((대표 임지훈))."""
    names = set()
    for a, b in zip(groups, groups[1:]):
        gap = text[a.end:b.start]
        if not gap.strip(" \u00a0") and gap:
            if (b.text in _TITLES and b.text not in _NOT_PERSON_TITLES and a.hangul
                    and 2 <= len(a.text) <= 4 and "NNP" in a.tags and not _company_key(a.text)
                    and not a.text.endswith(_BODY_ENDS)  # 한국은행 총재, 무역협회 회장: a body, not a name
                    and f"({a.text})" not in text):  # 쿠팡 의장, 연방준비제도(연준) … 연준 의장
                names.add(a.text)
            if (a.text in _TITLES and b.hangul and 2 <= len(b.text) <= 4 and "NNP" in b.tags
                    and text[b.end:b.end + 1] in (")", ",", "）")):
                names.add(b.text)
    # 김남주 카카오브레인 연구 총괄, 조경현 뉴욕대(NYU) 교수: a 3-syllable name starting with a
    # common surname, a title at most three noun runs later, only spaces and brackets between
    for i, a in enumerate(groups):
        t = a.text
        split_name = a.tags[:1] == ["NNP"] and len(a.tags) == 2  # 김+동관: a surname Kiwi cut off
        if (len(t) != 3 or not a.hangul or t[0] not in _SURNAMES or (t[-1] in _INSTITUTION_ENDS and not split_name)
                or t in names or _company_key(t)):
            continue
        for b_prev, b in zip(groups[i:i + 3], groups[i + 1:i + 4]):
            if text[b_prev.end:b.start].strip(" ()（）·"):
                break
            if b.text in _TITLES and b.text not in _NOT_PERSON_TITLES:
                names.add(t)
                break
    return names


# given names of the people foreign news names most (their surname alone is how the article goes on)
_GIVEN_NAMES = {"도널드", "제롬", "조", "젠슨", "일론", "사티아", "팀", "마크", "샘", "빌", "재닛", "크리스틴", "에마뉘엘",
                "블라디미르", "시진핑", "기시다", "이시바", "카멀라", "스콧", "하워드", "래리", "세르게이", "순다르",
                "앤디", "리사", "팻", "마사요시", "존", "제프", "워런", "케빈", "마리오", "앤드루", "올리버"}


def _given_names(text: str, groups: list[_Group]) -> set[str]:
    """Foreign given names: a known one (제롬, 도널드), or a Hangul word always written right before
    another (제롬 파월) when that other also stands alone in the article (파월 의장은)."""
    out = {g.text for g in groups if g.text in _GIVEN_NAMES}
    pairs: dict[str, set[str]] = {}
    alone: Counter[str] = Counter(g.text for g in groups if g.hangul)
    for a, b in zip(groups, groups[1:]):
        if a.hangul and b.hangul and text[a.end:b.start] == " " and "NNP" in a.tags and "NNP" in b.tags:
            # two proper nouns (제롬 파월); 나스닥 상장, K뷰티 업계: a name before a common noun is no given name
            pairs.setdefault(a.text, set()).add(b.text)
    for first, seconds in pairs.items():
        if len(seconds) == 1 and alone[first] == 1:
            (second,) = seconds
            if alone[second] >= 2 and not _company_key(first):
                out.add(first)
    return out


_BODY_ENDS = ("은행", "공사", "협회", "재단", "그룹", "기구", "연맹", "조합", "학회", "공단")
_SURNAMES = set("김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나엄채원천방공현함변염추도석선설길연위표명반왕금옥육맹탁")
_INSTITUTION_ENDS = set("대원부청처사소회관단국청실과원팀")


@lru_cache(maxsize=8)
def _terms_with_kind(text: str) -> tuple[tuple[str, bool, bool], ...]:
    """(term, proper, compound) for each term occurrence in reading order.

    Cached: ``new`` asks for the terms and for the ranked keywords of the same text, and the
    morphological analysis is the expensive part."""
    # [서울=뉴스1]: 서울 is where it was written, not a term; nor is any place (data/places.yaml)
    places = set(_DATELINE_RE.findall(text)) | _places()
    text = _mask(text)
    groups = _groups(text)
    people = _persons(text, groups) | _given_names(text, groups) | places
    out = []
    for g in groups:
        if _is_term(g) and g.text not in people:
            proper = "NNP" in g.tags or not g.hangul
            out.append((g.text, proper, g.hangul and len(g.tags) > 1))
    return tuple(out)


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    import yaml

    text = resources.files("scrapnote").joinpath("data/places.yaml").read_text("utf-8")
    data = yaml.load(text, Loader=_yaml_loader()) or {}
    return frozenset(str(p) for names in data.values() for p in names or ())


def is_name(word: str) -> bool:
    """``word`` names a company (companies.yaml, an affiliate, a ``…전자``/``…은행`` name) or a place
    (places.yaml): who or where, never what a figure measures (the 수치화 table's 지표)."""
    return word in _places() or _company_of(word) is not None


def extract_terms(text: str) -> list[str]:
    """Noun terms of ``text`` in reading order, repeats kept (``set()`` them for document counts).

    Hangul nouns written together are merged (``영업이익``, ``인공지능``, ``공동연구센터``); Latin
    acronyms are kept (``AI``, ``KAIST``, ``R&D``); one-syllable Hangul nouns, stop words (기자,
    사진, 이번, 관계자 …), people's names before a title, urls, e-mails and bylines are dropped.
    """
    return [t for t, _, _ in _terms_with_kind(text)]


def idf(df: int, n_docs: int) -> float:
    """Smoothed rarity of a term found in ``df`` of ``n_docs`` notes: 1.0 for a term in every note,
    1 + log((n+1)/(df+1)) in general, so rarer is higher. 1.0 for everything when the collection is
    empty."""
    n = max(n_docs, df, 0)
    return math.log((n + 1) / (max(df, 0) + 1)) + 1.0


def news_terms() -> tuple[dict[str, int], int]:
    """The built-in general-news document frequencies (``data/news_terms.tsv``, written by
    ``bench/make_news_terms.py`` from the made-up articles of the fixtures): {term: articles holding
    it}, and how many articles were read."""
    return _news_terms()


@lru_cache(maxsize=1)
def _news_terms() -> tuple[dict[str, int], int]:
    text = resources.files("scrapnote").joinpath("data/news_terms.tsv").read_text("utf-8")
    df: dict[str, int] = {}
    n = 0
    for line in text.splitlines():
        term, _, count = line.rpartition("\t")
        if term == "#":
            n = int(count)
        elif term:
            df[term] = int(count)
    return df, n


def rank_keywords(text: str, doc_freq: dict[str, int], n_docs: int, k: int = 10,
                  general: tuple[dict[str, int], int] | None = None) -> list[str]:
    """The ``k`` most characteristic terms of ``text`` (fewer if it has fewer): those said most
    here and least elsewhere.

    score = (1 + log tf) × idf × 1.3 for proper nouns and acronyms × 1.2 for compounds, halved for
    a term found in every note once the collection has 3 notes or more. ``doc_freq`` maps a term
    to the number of notes of the collection holding it, ``n_docs`` is the number of notes; the
    idf also counts the general-news articles of ``general`` (default :func:`news_terms`; ``({},
    0)``: none) as notes of their own, so an empty or young collection still ranks 시장, 판매 and
    미국 below 양적긴축 and 희토류, and a grown one outweighs them. Ties go to the term that
    appears first.
    """
    g_df, g_n = news_terms() if general is None else general
    occ = _terms_with_kind(text)
    mapping = company_map(text, [t for t, _, _ in occ])  # 현대차 → 현대자동차; a team's 삼성 goes
    occ = tuple((mapping.get(t) or t, p, c) for t, p, c in occ if mapping.get(t, "") is not None)
    tf = Counter(t for t, _, _ in occ)
    first: dict[str, int] = {}
    proper: dict[str, bool] = {}
    compound: dict[str, bool] = {}
    for i, (t, p, c) in enumerate(occ):
        first.setdefault(t, i)
        proper[t] = proper.get(t, False) or p
        compound[t] = compound.get(t, False) or c
    n_all = max(n_docs, 0) + g_n

    def score(t: str) -> float:
        w = 1.0 if n_all <= 0 else idf(doc_freq.get(t, 0) + g_df.get(t, 0), n_all)
        s = (1 + math.log(tf[t])) * w
        s *= 1.3 if proper[t] else 1.0
        s *= 1.2 if compound[t] else 1.0
        if n_docs >= 3 and doc_freq.get(t, 0) >= n_docs:
            s *= 0.5  # in every note: says nothing about this one
        return s

    generic = _generic_nouns(g_df, g_n)
    ranked = sorted((t for t in tf if not (t in generic and tf[t] < GENERIC_SAID and not proper[t]
                                          and not compound[t])),
                    key=lambda t: (-round(score(t), 9), first[t]))
    return ranked[:max(k, 0)]


# A plain noun found in at least this share of the general-news articles (news_terms.tsv) is one news
# uses on any subject (실적, 부문, 사업, 공개, 기술, 시장 …), not a term a reader looks up …
GENERIC_SHARE = 0.08
# … unless the article says it this often or more (매출 said three times is what an earnings piece is about)
GENERIC_SAID = 3


def _generic_nouns(g_df: dict[str, int], g_n: int) -> frozenset[str]:
    """The general-news nouns no article's keywords take while it says them less than
    ``GENERIC_SAID`` times: those in ``GENERIC_SHARE`` of the general-news articles or more (and in
    two at least), less the economic terms of ``econ_terms.yaml`` and the indicators of
    ``industries.yaml`` (환율, 클라우드, 반도체, 배터리, 금리: topics, however common)."""
    if g_n <= 0:
        return frozenset()
    return _generic_cached(tuple(sorted(t for t, c in g_df.items() if c >= max(2, GENERIC_SHARE * g_n))))


@lru_cache(maxsize=4)
def _generic_cached(common: tuple[str, ...]) -> frozenset[str]:
    import yaml

    econ = yaml.load(resources.files("scrapnote").joinpath("data/econ_terms.yaml").read_text("utf-8"),
                     Loader=_yaml_loader()) or {}
    topics = {str(t) for t in econ.get("terms") or ()} | {t for ts in _industries().values() for t in ts}
    return frozenset(t for t in common if _HANGUL_RE.search(t) and t not in topics)


# --- companies and industries ---------------------------------------------------------------------

COMPANY_SUFFIXES = ("전자", "은행", "증권", "홀딩스", "금융지주", "생명", "화재", "캐피탈",
                    "제약", "중공업", "물산", "상사", "케미칼", "텔레콤", "엔터테인먼트", "바이오로직스")
# what may follow a known name and still be that company or one of its affiliates
_AFFIXES = COMPANY_SUFFIXES + ("그룹", "카드", "코리아", "뱅크", "페이", "보험", "건설", "에너지", "바이오", "랩스", "랩",
                               "클라우드", "모빌리티", "게임즈", "디스플레이", "이노베이션", "유플러스",
                               "브레인", "사이언스파크", "화학", "자동차", "모비스", "솔루션", "엔터",
                               "스토어", "재팬", "차이나", "인베스트먼트", "파이낸셜", "에어로스페이스")
# generic words that end like a company but name none (중앙은행, 시중은행, 가전전자 …)
_GENERIC_PREFIXES = {"중앙", "시중", "지방", "대형", "외국", "외국계", "국내", "해외", "투자", "인터넷",
                     "저축", "상업", "주요", "국책", "민간", "일반", "전기", "가전", "생활", "종합", "소형",
                     "중소", "중견", "글로벌", "계열", "정책", "특수", "개발", "세계", "국제", "지주",
                     "금융", "신용", "체크", "법인", "기업", "대기업", "인터넷전문", "디지털", "모바일",
                     "연구", "광", "양자", "반도체", "전력", "한국", "미국", "중국", "일본", "유럽", "온라인",
                     "전문"}


@dataclass(frozen=True)
class _Catalog:
    industry: dict[str, str | None]  # every known name and alias → the industry of its company
    canonical: dict[str, str]  # casefolded name or alias → the canonical name
    groups: dict[str, tuple[tuple[str, ...], str | None]]  # group's canonical name → (prefixes, default)
    teams: tuple[str, ...]


@lru_cache(maxsize=1)
def _catalog() -> _Catalog:
    import yaml

    text = resources.files("scrapnote").joinpath("data/companies.yaml").read_text("utf-8")
    data = yaml.load(text, Loader=_yaml_loader()) or {}
    industry: dict[str, str | None] = {}
    canonical: dict[str, str] = {}
    groups: dict[str, tuple[tuple[str, ...], str | None]] = {}
    for name, spec in (data.get("companies") or {}).items():
        name = str(name)
        spec = spec if isinstance(spec, dict) else {"industry": spec}
        for n in (name, *(str(a) for a in spec.get("aliases") or ())):
            industry[n] = spec.get("industry")
            canonical[n.casefold()] = name
        if spec.get("group"):
            groups[name] = (tuple(str(p) for p in spec["group"]), spec.get("default"))
    return _Catalog(industry, canonical, groups, tuple(str(t) for t in data.get("teams") or ()))


def _companies() -> dict[str, str | None]:
    return _catalog().industry


@lru_cache(maxsize=1)
def _known_casefold() -> dict[str, str]:
    return {k.casefold(): k for k in _companies()}


@lru_cache(maxsize=1)
def _industries() -> dict[str, list[str]]:
    import yaml

    text = resources.files("scrapnote").joinpath("data/industries.yaml").read_text("utf-8")
    return {str(k): [str(t) for t in v] for k, v in (yaml.load(text, Loader=_yaml_loader()) or {}).items()}


def _yaml_loader():
    """libyaml's safe loader when PyYAML has it (the same resolvers, ~10× faster), else the pure one."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Words glued onto a company name in Korean copy that are not part of it: KT과제, KT채용연계형,
# 카카오채용. Titles (_TITLES) and stop words count as well.
_GENERIC_TAILS = ("과제", "채용", "연계", "공동", "연구", "센터", "사업", "인공지능", "기술", "융합", "협력",
                  "측", "관계자", "직원", "임원", "출신", "주가", "주식", "실적", "매출", "서비스", "플랫폼",
                  "공고", "인턴", "신입", "경력", "본사", "사옥", "노조", "지분", "대비", "제공")


def _affiliate_tail(rest: str) -> bool:
    """``rest`` written after a known name still names that company or an affiliate: an affix
    (코리아, 전자, 클라우드, 에너지솔루션 …) possibly followed by at most two more syllables
    (바이오팜), never a title or a generic noun."""
    if rest in _AFFIXES:
        return True
    if rest in STOPWORDS or rest in _TITLES or any(rest.endswith(t) for t in _TITLES):
        return False
    return any(rest.startswith(a) and 0 < len(rest) - len(a) <= 2 and rest[len(a):] not in _GENERIC_TAILS
               for a in _AFFIXES if len(a) >= 2)


def _non_affiliate_tail(rest: str) -> bool:
    """``rest`` glued after a Hangul company name is clearly not part of it (카카오채용, 네이버측,
    삼성전자사장): a title, a stop word or a generic noun, possibly several (채용연계형)."""
    if not rest:
        return False
    if rest in STOPWORDS or rest in _TITLES or any(rest.endswith(t) for t in _TITLES if len(t) >= 2):
        return True
    return any(rest.startswith(g) for g in _GENERIC_TAILS)


def _group_affiliate(term: str) -> bool:
    """A known Latin group name with an affiliate ending written onto it (SK바이오팜, KT클라우드):
    that group's company even when companies.yaml does not list it."""
    m = re.fullmatch(r"([A-Za-z&]{2,5})([가-힣]{2,})", term)
    return bool(m and m.group(1).casefold() in _known_casefold() and _affiliate_tail(m.group(2)))


def _company_key(term: str) -> str | None:
    """The companies.yaml name ``term`` stands for (itself or its parent), or None."""
    known = _known_casefold()
    cf = term.casefold()
    if cf in known:
        return known[cf]
    for name_cf in _known_prefixes(cf, len(cf) + 1):
        if term[len(name_cf):] in _AFFIXES:
            return known[name_cf]
    return None


@lru_cache(maxsize=1)
def _known_order() -> dict[str, int]:
    return {cf: i for i, cf in enumerate(_known_casefold())}


def _known_prefixes(cf: str, end: int) -> list[str]:
    """The known names (casefolded, two characters or more, shorter than ``end``) that ``cf``
    starts with, in the catalogue's order: each of cf's prefixes looked up, instead of every
    known name tried on cf (600 names for each of an article's ~700 terms was most of a draft)."""
    order = _known_order()
    got = [cf[:k] for k in range(2, min(end, len(cf) + 1)) if cf[:k] in order]
    if len(got) > 1:
        got.sort(key=order.__getitem__)
    return got


def _glued_company(term: str) -> str | None:
    """The known name at the start of ``term`` when the rest is glued-on copy, not a company:
    KT배순민 → KT (a person), KT융합기술원장 → KT, KT과제 → KT, 카카오채용 → 카카오.

    After a Latin name (KT, SK, LG) any Hangul rest that is no affiliate ending is cut off — Korean
    copy writes ``KT배순민 상무`` for "KT's 배순민"; after a Hangul name only a title or a generic
    noun is (메타버스 and 애플리케이션 are no 메타 or 애플)."""
    best = None
    cf = term.casefold()
    known = _known_casefold()
    for name_cf in _known_prefixes(cf, len(cf)):
        name = known[name_cf]
        if best is not None and len(name) <= len(best):
            continue
        rest = term[len(name_cf):]
        if not _HANGUL_RE.fullmatch(rest[:1] or "x"):
            continue
        if _HANGUL_RE.search(name):
            if _non_affiliate_tail(rest):
                best = name
        elif not _affiliate_tail(rest):
            best = name
    return best


def _canon(name: str) -> str:
    """The canonical name of a known name or alias (현대차 → 현대자동차, MS → 마이크로소프트)."""
    return _catalog().canonical.get(name.casefold(), name)


def _company_of(term: str) -> str | None:
    """The company ``term`` names, under its canonical name, or None."""
    if _company_key(term) or _group_affiliate(term):
        return _canon(term)
    glued = _glued_company(term)
    if glued is not None:
        return _canon(glued)
    for suf in COMPANY_SUFFIXES:
        head = term[: -len(suf)]
        if term.endswith(suf) and len(head) >= 2 and head not in STOPWORDS \
                and not any(head.endswith(g) for g in _GENERIC_PREFIXES if len(g) >= 2 or g == head):
            return term
    return None


def company_map(text: str, terms: list[str]) -> dict[str, str | None]:
    """What each company term of an article stands for in it: its canonical name, or None for a
    bare group name written as a sports team (삼성 라이온즈: the article's bare 삼성 is the team).
    A bare group name (삼성, SK그룹, 현대차그룹) stands for the most named company of its group in
    the article (SK → SK하이닉스), else for its default (삼성 → 삼성전자), else for itself."""
    cat = _catalog()
    named: dict[str, str] = {}
    for t in dict.fromkeys(terms):
        c = _company_of(t)
        if c is not None:
            named[t] = c
    count = Counter(named[t] for t in terms if t in named)
    out: dict[str, str | None] = dict(named)
    for t, c in named.items():
        if c not in cat.groups:
            continue
        if cat.teams and re.search(rf"{re.escape(t)}[ \u00a0]?(?:{'|'.join(map(re.escape, cat.teams))})", text):
            out[t] = None
            continue
        prefixes, default = cat.groups[c]
        members = [m for m in count if m != c and m not in cat.groups and m.startswith(prefixes)]
        if members:
            out[t] = max(members, key=lambda m: (count[m], -terms.index(next(x for x in named if named[x] == m))))
        elif default:
            out[t] = default
    return out


def article_companies(title: str, body: str, limit: int | None = 5) -> list[str]:
    """The companies of an article, its subject first: the company the headline and the lead (the
    first paragraph) name most, counting its aliases and its affiliates' mentions (카카오페이 for
    카카오) — then the others, most mentioned first. Aliases are one company (``company_map``)."""
    text = _unechoed(f"{title}\n{body}")
    terms = extract_terms(text)
    mapping = company_map(text, terms)
    operated = _operators(text)  # 배달의민족 → 우아한형제들: a service counts for the firm that runs it
    mapping = {t: operated.get(c, c) if c is not None else None for t, c in mapping.items()}
    lead_text = _unechoed(f"{title}\n{_lead(body)}")
    lead_terms = extract_terms(lead_text)
    lead_map = {t: operated.get(c, c) if c is not None else None
                for t, c in company_map(text, lead_terms).items()} | mapping
    ranked = guess_companies([mapping.get(t) or t for t in terms if mapping.get(t, "") is not None], limit=None)
    if not ranked:
        return []
    title_order = extract_terms(title)
    title_terms = set(title_order)
    score: dict[str, float] = {}
    first = next((lead_map.get(t) for t in title_order if lead_map.get(t)), None)
    if first is not None:
        score[first] = 1.0  # a headline names its subject first (현대차·기아, 美 관세에 …; 한국GM 철수설 …GM)
    for t in lead_terms:
        c = lead_map.get(t)
        if c is None:
            continue
        w = 2.0 if t in title_terms else 1.0
        score[c] = score.get(c, 0.0) + w
        parent = next((p for p in ranked if p != c and c.startswith(p) and len(p) >= 2), None)
        if parent is not None:
            score[parent] = score.get(parent, 0.0) + 0.5 * w  # an affiliate's mention counts for its parent too
    if score:
        subject = max(ranked, key=lambda c: (score.get(c, 0.0), -ranked.index(c)))
        if score.get(subject):
            ranked = [subject] + [c for c in ranked if c != subject]
    return ranked if limit is None else ranked[:max(limit, 0)]


# "배달의민족 운영사 우아한형제들", "토스를 운영하는 비바리퍼블리카": the service and the firm that runs it
_OPERATOR_RE = re.compile(r"([0-9A-Za-z가-힣&-]+?)(?:을|를)?\s?(?:운영사(?:인)?|운영\s?업체|(?:을|를)?\s?운영하는)\s([0-9A-Za-z가-힣&-]+)")


def _operators(text: str) -> dict[str, str]:
    """{service: the company running it}, canonical names, when the text says which firm runs a
    service both of which are companies to ``_company_of`` (the brand's own entry in companies.yaml)."""
    from scrapnote.text.particles import stems

    out: dict[str, str] = {}
    for m in _OPERATOR_RE.finditer(text):
        service = _company_of(m.group(1))
        firm = next((c for w in (m.group(2), *stems(m.group(2))) if (c := _company_of(w))), None)
        if service and firm and service != firm:
            out[service] = firm
    return out


_ECHO_RE = re.compile(r"([0-9A-Za-z가-힣&-]+)\(([^()\n]{1,30})\)")


def _unechoed(text: str) -> str:
    """``text`` without the other name a company is given in brackets right after its name
    (제너럴모터스(GM), 한국토지주택공사(LH)): one mention, not two. Unchanged when there is none."""
    def drop(m: re.Match) -> str:
        name, other = m.group(1), m.group(2).strip()
        known = _catalog().canonical
        a, b = known.get(name.casefold()), known.get(other.casefold())
        return name if a is not None and a == b else m.group()

    return _ECHO_RE.sub(drop, text)


def _lead(body: str) -> str:
    """The article's first paragraph (its first two sentences when it is one block)."""
    for para in re.split(r"\n\s*\n", body.strip()):
        if len(para.strip()) >= 20:
            sentences = re.split(r"(?<=[.!?])\s+", para.strip())
            return " ".join(sentences[:2])
    return body[:300]


def guess_companies(terms: list[str], limit: int | None = 5) -> list[str]:
    """The companies ``terms`` mention, most mentioned first (ties: first mentioned first), at most
    ``limit`` (None: all), no repeats (Latin names compared case-insensitively; a firm with a Latin and
    a Korean name in companies.yaml, Google/구글, is listed once under the Korean one).

    A term counts when it is a known name (companies.yaml), a known name plus an affiliate ending
    (카카오뱅크, 구글코리아, LG화학, SK바이오팜), or ends in 전자/은행/증권/홀딩스/… after a specific
    name (국민은행, but not 중앙은행 or 시중은행). A known name with other words glued on in Korean
    copy counts as just that name: KT배순민 (a person), KT융합기술원장 (a title), KT과제 and
    KT채용연계 (generic nouns) are all ``KT``.

    ``companies`` is for interview preparation — employers a reader might apply to or ask about — so
    it holds firms only: universities, research institutes and ministries (KAIST, 서울대,
    과기정통부) stay out; they remain in the keywords and tags.
    """
    count: Counter[str] = Counter()
    first: dict[str, int] = {}
    spelled: dict[str, str] = {}  # casefold → the spelling seen first
    for i, t in enumerate(terms):
        name = _company_of(t)
        if name is None:
            continue
        key = name.casefold()
        spelled.setdefault(key, name)
        first.setdefault(key, i)
        count[key] += 1
    ranked = sorted(count, key=lambda k: (-count[k], first[k]))
    if limit is not None:
        ranked = ranked[:max(limit, 0)]
    return [spelled[k] for k in ranked]


def _industry_hit(term: str, indicator: str) -> bool:
    if not _HANGUL_RE.search(indicator):
        return term.casefold() == indicator.casefold()
    if term == indicator or term.endswith(indicator):
        return True
    return len(indicator) >= 3 and term.startswith(indicator)


def guess_industry(terms: list[str]) -> list[str]:
    """Up to three industries (keys of industries.yaml) the terms point at, strongest first.

    Each industry scores 1 + log(count) per distinct indicative term it finds in ``terms``, and 2
    per known company of that industry. Industries scoring at least 2 and at least 40% of the best
    are returned.
    """
    counts = Counter(terms)
    scores: dict[str, float] = {}
    for ind, indicators in _industries().items():
        s = 0.0
        for t, c in counts.items():
            if any(_industry_hit(t, i) for i in indicators):
                s += 1 + math.log(c)
        if s:
            scores[ind] = s
    companies = _companies()
    for t in counts:
        key = _company_key(t)
        of_company = companies.get(key) if key else None
        if of_company:
            scores[of_company] = scores.get(of_company, 0.0) + 2
    if not scores:
        return []
    top = max(scores.values())
    ranked = sorted(scores, key=lambda i: (-scores[i], i))
    return [i for i in ranked if scores[i] >= max(2.0, 0.4 * top)][:3]
