"""수치화: find the figures in a Korean news text, the changes it states, and draft the bullet list.

Pure functions, standard library only (no kiwipiepy): ``find_quantities``, ``find_changes``,
``format_insights``.

What counts as a quantity: a number (``633``, ``1,920``, ``5.3``, ``1만580``, ``10조1천억``,
``3조 2천억``) followed by a unit (명, 원, 달러, %, %p, bp, 배, 개, 평, m2, …), or a Korean
number word with a counter (``두 배``, ``세 차례``), or a bare number with a Korean multiplier
(``5억 다운로드`` → 500000000, unit ""). The multiplier always goes into the value, so money is
normalised (``300만 원`` → 3000000 원, ``1천억원`` → 100000000000 원). Years (``2013년``),
dates (``7월 3일``), times, phone numbers, codes (``(035720)``) and ordinals (``제2회``,
``두 번째``, ``1분기``) are not quantities: none of them ends in a unit.
"""
from __future__ import annotations

import bisect
import itertools

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from scrapnote.models import Quantity

__all__ = ["Change", "find_quantities", "find_changes", "format_insights", "insight_rows"]

# --- the number itself -----------------------------------------------------------------------

_SP = r"[ \t\u00a0]"  # a space inside an expression; never a line break
_FRACTIONS = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125}
_D = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+|[½⅓⅔¼¾⅕⅛])?"  # 633 · 1,920 · 5.3 · 4⅓
_SG = rf"{_D}(?:[천백](?:{_D})?)*"  # a group below 10^4: 580 · 1천 · 1천500 · 2천
_BIG = "만억조"
# groups joined by 만/억/조; a space may follow a big unit only if another multiplied group follows
# (``3조 2천억``, ``2억 5000만``), so ``5억 2019년`` and ``3억 20개국`` are not glued together.
_NUM = rf"{_SG}(?:[{_BIG}](?:(?:{_SP}(?={_D}[천백{_BIG}]))?{_SG})?)*"
_BIGNUM = rf"{_SG}(?:[{_BIG}](?:(?:{_SP}(?={_D}[천백{_BIG}]))?{_SG})?)*[{_BIG}]"

_MULT = {"십": 10, "백": 100, "천": 1000, "만": 10**4, "억": 10**8, "조": 10**12}

# --- units -----------------------------------------------------------------------------------
# A figure is a number with whatever counter or unit word is written onto it (``8640채``,
# ``10안타``, ``4⅓이닝``, ``6경기``, ``20주년``): the Hangul written right after the number, less
# the particle or ending that closes the word (``채가`` → 채, ``경기에서`` → 경기), is its counter —
# unless that word is a date, a time or an ordinal (``월``, ``일``, ``분기``, ``차``, ``호``, ``번째``),
# see ``_counter``. The list below is only for what that rule cannot see: symbols and Latin units,
# units people write apart from their number (``300만 원``, ``1만 장``), and single syllables that
# also begin ordinary words (``대학``, ``회의``, ``세계``, ``명단``), each with the words it must not
# be read in. (pattern, may a space come between number and unit?) — longer forms first so that
# ``%p`` wins over ``%`` and ``개국`` over ``개``.
_LATIN_END = r"(?![A-Za-z0-9])"
# SI and energy units, Korean spellings and symbols, all listed under the symbol (``_SI``)
_SI = {"킬로와트시": "kWh", "메가와트시": "MWh", "기가와트시": "GWh", "테라와트시": "TWh",
       "킬로와트": "kW", "메가와트": "MW", "기가와트": "GW", "테라와트": "TW", "와트시": "Wh", "와트": "W",
       "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "twh": "TWh", "kw": "kW", "mw": "MW", "gw": "GW",
       "tw": "TW", "wh": "Wh", "w": "W"}
_SI_KO = "|".join(sorted((k for k in _SI if not k.isascii()), key=len, reverse=True))
_UNITS: list[tuple[str, bool]] = [
    (r"%포인트", True), (r"%p" + _LATIN_END, True), (r"%P" + _LATIN_END, True), (r"[%％]", True),
    (r"퍼센트포인트", True), (r"퍼센트", True), (r"베이시스포인트", True), (r"포인트", True),
    (r"bps?" + _LATIN_END, True), (r"BPS?" + _LATIN_END, True),
    (rf"(?:{_SI_KO})(?:[(（](?:[kKMGT]?W|[kKMGT]?Wh)[)）])?", True),
    (r"km2|km²|㎢|m2|m²|㎡|㎞|㎏|[kKMGT]Wh|Wh", True),
    (r"(?:km|kg|TW|GW|MW|kW|GB|TB|PB|MB|nm|mm|cm)" + _LATIN_END, True),
    (r"달러", True), (r"위안", True), (r"유로", True), (r"파운드", True), (r"엔(?![진지터])", True),
    (r"원(?![칙장자])", True),
    (r"개국", True), (r"개사", True), (r"개월", True), (r"개소", True),
    (r"개(?![발최선편방념혁척정시골])", True),
    (r"명(?![단예])", True), (r"인치", True), (r"인(?![자당구치])", False),
    (r"배럴", True), (r"배(?![터달출당치경우열려])", True),
    (r"건(?![설물강축의전])", True), (r"곳", True), (r"평(?![가균택화양])", True), (r"톤", True),
    (r"가구(?!당)", True), (r"차례", True), (r"년치", False), (r"시간", True), (r"가지", True),
    (r"마리", True), (r"층", False), (r"척", True),
    (r"대(?![학표출회형기상책한비응])", True), (r"위(?![원해험])", False),
    (r"회(?![의사장계원복견담])", False), (r"세(?![대계금기부종])", False),
    # bound nouns written apart from the number (한글 맞춤법: 단위를 나타내는 의존 명사)
    (r"(?<=[ \t\u00a0])(?:장|채|권|벌|켤레|병|잔|그루|종|편|점|문|척|통|쌍|명|기)"
     r"(?=$|[^가-힣]|(?:을|를|이|가|의|은|는|씩|에|과|와|도|만|으로|로)(?![가-힣]))", True),
]
_UNIT_SPACED = "|".join(p for p, spaced in _UNITS if spaced)
_UNIT_TIGHT = "|".join(p for p, _ in _UNITS)
_KNOWN_UNIT = re.compile(_UNIT_TIGHT)
# the first syllables the list above decides alone (a word after a number that starts with one of
# them and is not listed is no counter: 대학, 회의실, 세계, 명단, 원칙, 개발; nor is a multiplier)
_LISTED_FIRST = set("개명인배건곳평톤대위회세원엔층척")
# right after the number any unit or any Hangul word (a counter, see ``_counter``); after one
# space only the units people write spaced (``300만 원``)
_UNIT = rf"(?:(?<!{_SP})(?:{_UNIT_TIGHT}|(?![십백천만억조])[가-힣]+)|(?<={_SP})(?:{_UNIT_SPACED}))"

# what closes a word after its counter: particles and the copula's endings (longest first)
_PARTICLES = tuple(sorted({
    "이다", "이었다", "였다", "이며", "이고", "이라고", "라고", "이나", "이라", "인데", "이지만", "으로", "로",
    "으로는", "으로도", "로는", "로도", "로서", "에서", "에서는", "에서도", "에게", "에는", "에도", "까지", "부터",
    "보다", "처럼", "대비", "씩", "간", "만에", "가량", "정도", "이상", "이하", "미만", "초과", "수준", "안팎",
    "남짓", "내외", "째", "은", "는", "이", "가", "을", "를", "의", "와", "과", "도", "에", "만", "나", "인", "쯤",
    "여", "당", "짜리", "이던", "였던", "이었고", "이었으며", "으로서",
}, key=len, reverse=True))
# counters that are dates, times or ordinals: never a figure (``7월``, ``3일``, ``1분기``, ``2차``)
_NOT_COUNTERS = {"월", "일", "시", "분기", "번째", "째", "호", "차", "회차", "차전", "일간", "월간", "주차", "세기", "년대",
                 "분의", "년생", "학번", "기생", "조", "항", "위권"}
_NOT_COUNTER_START = ("차", "호", "번째")


def _strip_particle(word: str) -> str:
    for _ in range(2):  # 경기에서는 → 경기, 이닝까지의 → 이닝
        for p in _PARTICLES:
            if len(word) > len(p) and word.endswith(p):
                word = word[: -len(p)]
                break
        else:
            break
    return word


def _counter(word: str) -> str | None:
    """The counter a Hangul word written right after a number is (``채가`` → 채, ``안타를`` →
    안타, ``실점하며`` → 실점), or None when it is a particle, a date, a time, an ordinal or a noun
    the unit list decides (``19로``, ``7월``, ``1분기``, ``2차전지``, ``5대학``)."""
    if word in _PARTICLES or word.startswith("분의"):  # 3분의 1: a fraction
        return None
    c = _strip_particle(word)
    for end in ("하며", "하고", "하면서", "했다", "하는", "해", "한"):  # 8실점하며, 3연승한
        if len(c) > len(end) and c.endswith(end):
            c = c[: -len(end)]
            break
    if not c or len(c) > 4 or c in _NOT_COUNTERS or c.startswith(_NOT_COUNTER_START):
        return None
    if c[0] in _LISTED_FIRST or c[0] in "십백천만억조" or c.endswith("당"):  # 1인당, 주당: a rate's base, not a count
        return None
    return c


_TILDE = r"[~∼〜～–-]"
_DIGIT_QTY = re.compile(
    rf"(?<![\d.,A-Za-z_])"
    rf"(?:(?P<lo>{_NUM})(?P<lo_yeo>여)?(?:{_SP}?(?P<lo_unit>{_UNIT}))?{_SP}?{_TILDE}{_SP}?)?"
    rf"(?P<num>{_NUM})(?P<yeo>여)?{_SP}?(?P<unit>{_UNIT})"
    rf"|(?<![\d.,A-Za-z_])(?P<bnum>{_BIGNUM})(?P<byeo>여)?(?![\d.,])"
)

_WORDS = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8,
          "아홉": 9, "열": 10, "스무": 20}
_WORD_QTY = re.compile(
    r"(?<![가-힣])(?P<word>다섯|여섯|일곱|여덟|아홉|스무|한|두|세|네|열)"
    r"(?:[ \t\u00a0](?P<unit>배|차례|번(?!째)|명|개국|개사|개(?![가-힣]{2})|곳|가지|건|가구)"
    r"|(?P<tight>(?<=두)배|(?<=두|네|열)차례))"
    r"(?![가-힣]{3})"
)

_APPROX_BEFORE = ("대략", "최대", "최소", "약")
_APPROX_AFTER = ("이상", "이하", "미만", "초과", "가량", "수준", "안팎", "남짓", "내외", "정도",
                 "넘게", "가까이", "이내")
_PER = ("연평균", "연간", "월간", "매년", "매월", "하루", "연", "월")
_BEFORE_RE = re.compile(  # the 월 of 8월 is a month, never a rate's period (8월 119억달러)
    r"(?:^|(?<=[^가-힣\d]))(?P<w>" + "|".join(_APPROX_BEFORE + _PER) + r")[ \t\u00a0]?$"
)
_AFTER_RE = re.compile(r"[ \t\u00a0]?(?P<w>" + "|".join(_APPROX_AFTER) + r")")

_MASK_RE = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


# --- parsing helpers -----------------------------------------------------------------------------

def _parse_number(s: str) -> Decimal:
    """``1만580`` → 10580, ``10조1천억`` → 10100000000000, ``3조 2천억`` → 3200000000000."""
    total = Decimal(0)
    section = Decimal(0)  # the part below the next 만/억/조
    num: Decimal | None = None
    for m in re.finditer(r"\d[\d,]*(?:\.\d+)?[½⅓⅔¼¾⅕⅛]?|[십백천만억조]", s):
        tok = m.group()
        if tok[0].isdigit():
            frac = _FRACTIONS.get(tok[-1])
            num = Decimal(tok[:-1].replace(",", "")) + Decimal(repr(frac)) if frac else Decimal(tok.replace(",", ""))
        elif tok in "십백천":
            section += (num if num is not None else 1) * _MULT[tok]
            num = None
        else:
            section += num if num is not None else 0
            total += (section or 1) * _MULT[tok]
            section, num = Decimal(0), None
    return total + section + (num if num is not None else 0)


def _plain(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def _lead_multiplier(s: str) -> int:
    """The multiplier a bare ``300만`` carries (10^4), used to scale ``200~300만`` → 200만."""
    m = re.fullmatch(rf"{_D}([천백]?[{_BIG}]?)", s)
    if not m or not m.group(1):
        return 1
    return math.prod(_MULT[c] for c in m.group(1))


_BULLET_RE = re.compile(r"(?:[-*•·▲△▶▷◇◆■□○●☞※]+\s*)+")


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries without a model: line breaks, and . ! ? (plus closing quotes) before
    whitespace. Good enough to quote the sentence a figure came from."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end in re.finditer(r"[.!?。](?:[\"'”’」』)\]]*)(?=\s)", line.group()):
            stop = line.start() + end.end()
            spans.append((start, stop))
            start = stop
        spans.append((start, line.end()))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        m = _BULLET_RE.match(text, a, b)  # "- ", "▲ ", "◇": list and caption markers
        if m:
            a = m.end()
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


@dataclass(frozen=True)
class _Found:
    q: Quantity
    start: int
    end: int
    sent: int  # index of the sentence


def _markers(masked: str, start: int, end: int) -> tuple[list[str], str | None]:
    """Approximation markers and rate period around ``masked[start:end]``:
    (approx markers, before ones first; per)."""
    before: list[str] = []
    per = None
    pos = start
    for _ in range(2):  # e.g. ``연 최대 3.5%``
        m = _BEFORE_RE.search(masked, max(0, pos - 8), pos)
        if not m:
            break
        w = m.group("w")
        if w in _PER:
            if per:
                break
            per = w
        else:
            before.insert(0, w)
        pos = m.start()
    m = _AFTER_RE.match(masked, end)
    return before + ([m.group("w")] if m else []), per


def _unit_of(word: str) -> str | None:
    """The unit as the figure keeps it: a listed unit as written (``원``, ``%p``, ``메가와트``), any
    other word through ``_counter``; None when the word is no counter."""
    m = _KNOWN_UNIT.match(word)
    if m and m.end() == len(word):
        return word
    return _counter(word)


def _is_si(unit: str) -> bool:
    head = unit.split("(")[0].split("（")[0]
    return head.casefold() in _SI and (not head.isascii() or head[-1:] in "Wh")


def _not_a_figure(masked: str, m: re.Match, unit: str, num_s: str, end: int) -> bool:
    """Counters that are a figure only in some places: ``N년`` (a year: 2013년, 24년 3월),
    ``N시 M분`` (a time), ``10대 기업`` (a rank: top ten, unlike ``80만대 판매`` or ``5대 중``)."""
    after = masked[end:end + 12]
    if unit == "년":
        return _parse_number(num_s) >= 1000 or bool(re.match(r"[ \t\u00a0]?\d{1,2}월", after))
    if unit == "분":
        return bool(re.search(r"\d시[ \t\u00a0]?$", masked[max(0, m.start() - 4):m.start()]))
    nxt = re.match(r"[ \t\u00a0]([가-힣A-Za-z]+)", after)
    if unit == "대" and nxt is not None and not re.search(f"[{_BIG}]", num_s):
        return nxt.group(1) not in ("중", "가량", "이상", "이하", "미만", "규모", "수준", "안팎",
                                                  "넘게", "가까이", "정도", "남짓")
    return False


_DURATION_RE = re.compile(
    r"(?<![\d.,])(?P<a>\d+)[ \t\u00a0]?(?P<ua>년|시간|분)[ \t\u00a0]?(?P<b>\d+)[ \t\u00a0]?(?P<ub>개월|분|초)(?![가-힣])"
    r"|(?<![\d.,])(?P<a2>\d+)[ \t\u00a0]?(?P<ua2>년|시간|분)[ \t\u00a0]?(?P<b2>\d+)[ \t\u00a0]?(?P<ub2>개월|분|초)(?=[가-힣])")
_DURATION_UNITS = {("년", "개월"): 12, ("시간", "분"): 60, ("분", "초"): 60}


def _durations(text: str, masked: str, spans: list[tuple[int, int]]) -> list[_Found]:
    """Compound durations, each one figure in its smaller unit: ``3년2개월`` → 38 개월,
    ``1시간 30분`` → 90 분."""
    out = []
    for m in _DURATION_RE.finditer(masked):
        g = "" if m.group("a") else "2"
        ua, ub = m.group("ua" + g), m.group("ub" + g)
        factor = _DURATION_UNITS.get((ua, ub))
        if factor is None:
            continue
        value = int(m.group("a" + g)) * factor + int(m.group("b" + g))
        end = m.end("ub" + g)
        i = next((k for k, (a, b) in enumerate(spans) if a <= m.start() < b), -1)
        markers, per = _markers(masked, m.start(), end)
        out.append(_Found(Quantity(text=text[m.start():end], value=value, unit=ub,
                                   sentence=text[spans[i][0]:spans[i][1]] if i >= 0 else "",
                                   approx=" ".join(markers) or None, per=per), m.start(), end, i))
    return out


def _overlap_test(found: list[_Found]):
    """Whether a span [start, end) overlaps one of ``found``'s: their spans by start, with the
    furthest end reached so far, so that the furthest end of those starting before ``end`` says
    it (a binary search, not a test of every span for every figure: a long text has thousands)."""
    taken = sorted((f.start, f.end) for f in found)
    starts = [a for a, _b in taken]
    furthest = list(itertools.accumulate((b for _a, b in taken), max))

    def overlaps(start: int, end: int) -> bool:
        k = bisect.bisect_left(starts, end) - 1
        return k >= 0 and furthest[k] > start
    return overlaps


def _scan(text: str) -> list[_Found]:
    masked = _MASK_RE.sub(lambda m: " " * len(m.group()), text)
    spans = _sentence_spans(text)

    starts = [a for a, _ in spans]

    def sentence_of(pos: int) -> int:  # the spans are in order: a binary search, not a scan per figure
        i = bisect.bisect_right(starts, pos) - 1
        return i if i >= 0 and spans[i][0] <= pos < spans[i][1] else -1

    found: list[_Found] = _durations(text, masked, spans)
    overlaps_duration = _overlap_test(found)
    for m in _DIGIT_QTY.finditer(masked):
        start = m.start()
        if overlaps_duration(start, m.end()):
            continue
        end = m.end()
        if m.group("bnum"):
            num_s, yeo, unit, lo_s, lo_unit = m.group("bnum"), m.group("byeo"), "", None, None
        else:
            num_s, yeo, unit = m.group("num"), m.group("yeo"), m.group("unit")
            lo_s, lo_unit = m.group("lo"), m.group("lo_unit")
            unit_s = _unit_of(unit)
            if lo_unit:
                lo_unit = _unit_of(lo_unit) or lo_unit
            if unit_s is None or (unit_s != unit and start and "가" <= masked[start - 1] <= "힣"):
                # no counter (19로, 7월, 1분기), or a number inside a name (아이폰16프로, 코로나19사태)
                if unit_s is not None or not re.search(f"[{_BIG}]$", num_s):
                    continue
                unit, end, lo_s = "", m.end("yeo") if yeo else m.end("num"), None  # 5억이: a bare 5억
                start = m.start("num")
            else:
                if unit_s != unit and not _KNOWN_UNIT.fullmatch(unit):  # 채가 → 채
                    end = m.start("unit") + len(unit_s)
                unit = _SI.get(unit_s.split("(")[0].split("（")[0].casefold(), unit_s) if _is_si(unit_s) else unit_s
                if _not_a_figure(masked, m, unit, num_s, end):
                    continue
        value = _parse_number(num_s)
        approx: list[str] = []
        high = None
        if lo_s is not None:
            lo = _parse_number(lo_s)
            if not re.search(f"[천백{_BIG}]", lo_s):
                lo *= _lead_multiplier(num_s)  # 2~3억원 → 2억 .. 3억
            p0 = masked[start - 2:start] if start >= 2 else " " + masked[:start]
            lo_neg = p0[-1:] in ("-", "−", "△", "▽") and not (p0[0].isalnum() or p0[0] in ".,~")
            if (lo_unit and lo_unit != unit) or (-lo if lo_neg else lo) > value:
                start = m.start("num")  # "3개~5명", "5~3%": not a range; keep the second figure
            else:
                high, value = value, lo
                if m.group("lo_yeo"):
                    approx.append("여")
        prev = masked[start - 1] if start else ""
        if prev == "제" and not (start >= 2 and "가" <= masked[start - 2] <= "힣"):
            continue  # 제2회의실, 제3조: ordinals (but 과제7개 is a count)
        sign = 1
        if prev and prev in "-−△▽":
            before_sign = masked[start - 2] if start >= 2 else ""
            if prev in "-−" and before_sign and (before_sign.isalnum() or before_sign in ".,~"):
                continue  # 02-880-4259, COVID-19, codes
            sign = -1
        if yeo and "여" not in approx:
            approx.append("여")
        if sign < 0:  # the sign belongs to the first figure: "-5~3%" is -5 .. 3
            value = -value
            start -= 1
        markers, per = _markers(masked, start, end)
        approx = [w for w in markers if w in _APPROX_BEFORE] + approx + [
            w for w in markers if w not in _APPROX_BEFORE]
        q_text = text[start:end]
        i = sentence_of(start)
        sentence = text[spans[i][0]:spans[i][1]] if i >= 0 else ""
        found.append(_Found(Quantity(
            text=q_text, value=_plain(value), unit=unit, sentence=sentence,
            approx=" ".join(approx) or None,
            high=_plain(high) if high is not None else None, per=per), start, end, i))

    overlaps_figure = _overlap_test(found)
    for m in _WORD_QTY.finditer(masked):
        if overlaps_figure(m.start(), m.end()):
            continue
        unit = m.group("unit") or m.group("tight")
        markers, per = _markers(masked, m.start(), m.end())
        approx = [w for w in markers if w in _APPROX_BEFORE] + [
            w for w in markers if w not in _APPROX_BEFORE]
        i = sentence_of(m.start())
        found.append(_Found(Quantity(
            text=text[m.start():m.end()], value=_WORDS[m.group("word")], unit=unit,
            sentence=text[spans[i][0]:spans[i][1]] if i >= 0 else "",
            approx=" ".join(approx) or None, per=per), m.start(), m.end(), i))
    found.sort(key=lambda f: f.start)
    return found


# --- public API ----------------------------------------------------------------------------------

def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in reading order, each with the sentence it came from.

    ``1만580명`` → Quantity("1만580명", 10580, "명"); ``약580평`` → 580 평, approx "약";
    ``300만 원`` → 3000000 원; ``4.5~4.75%`` → value 4.5, high 4.75; ``연 3.5%`` → per "연";
    ``두 배 이상`` → 2 배, approx "이상". Repeated figures are listed once per occurrence.
    """
    return [f.q for f in _scan(text)]


@dataclass(frozen=True)
class Change:
    """A change one sentence states: ``2013년 9081명에서 2015년 1만580명으로 … 16.5% 증가``."""

    before: Quantity
    after: Quantity
    sentence: str
    stated: Quantity | None = None  # the rate the sentence gives for it (16.5%, 두 배), if any

    @property
    def ratio(self) -> float | None:
        """after / before (×2.5), None when before is 0."""
        return self.after.value / self.before.value if self.before.value else None

    @property
    def percent(self) -> float | None:
        """Change in percent of before (+150.0), None when before is 0."""
        r = self.ratio
        return (r - 1) * 100 if r is not None else None

    @property
    def difference(self) -> float | int:
        return self.after.value - self.before.value

    def as_dict(self) -> dict:
        d = {"before": self.before.as_dict(), "after": self.after.as_dict(),
             "ratio": self.ratio, "percent": self.percent, "sentence": self.sentence}
        if self.stated is not None:
            d["stated"] = self.stated.as_dict()
        return d


_HEDGE = r"(?:[ \t\u00a0]?(?:" + "|".join(_APPROX_AFTER) + r"))?"
_FROM_RE = re.compile(rf"{_HEDGE}{_SP}?에서")
_TO_RE = re.compile(rf"{_HEDGE}{_SP}?(?:으로|로)(?![서써])")
_ARROW_RE = re.compile(r"\s*(?:→|->|⇒|=>|⟶)\s*")
_CHANGE_VERB_RE = re.compile(
    r"[ \t\u00a0]?(?:이상|가량|넘게|가까이|수준)?[ \t\u00a0]?(?:더[ \t\u00a0])?(?:증가|감소|늘|줄|상승|하락|확대|축소|급증|급감|"
    r"성장|올랐|오른|내렸|내린|뛰|떨어|커졌|작아졌)")


def find_changes(text: str) -> list[Change]:
    """Changes stated inside one sentence: ``X에서 … Y(으)로`` or ``X → Y``, same unit.

    ``지난해 200명 수준에서 500명 수준으로`` → 200 → 500 (×2.5). A percentage or 배 figure later
    in the sentence followed by 증가/감소/확대/… is kept as ``stated``.
    """
    found = _scan(text)
    masked = _MASK_RE.sub(lambda m: " " * len(m.group()), text)
    changes: list[Change] = []
    used: set[int] = set()
    for j, to in enumerate(found):
        if to.q.high is not None:
            continue
        arrow_from = None
        if j > 0 and found[j - 1].sent == to.sent:
            gap = masked[found[j - 1].end:to.start]
            if _ARROW_RE.fullmatch(gap):
                arrow_from = j - 1
        if arrow_from is None and not _TO_RE.match(masked, to.end):
            continue
        pick = None
        if arrow_from is not None and found[arrow_from].q.unit == to.q.unit:
            pick = arrow_from
        else:
            for i in range(j - 1, -1, -1):
                fr = found[i]
                if fr.sent != to.sent:
                    break
                if (i not in used and fr.q.unit == to.q.unit and fr.q.high is None
                        and _FROM_RE.match(masked, fr.end)):
                    pick = i
                    break
        if pick is None:
            continue
        used.add(pick)
        stated = None
        for k in range(j + 1, len(found)):
            cand = found[k]
            if cand.sent != to.sent:
                break
            if cand.q.unit in ("%", "％", "배", "%p", "%포인트", "퍼센트") and _CHANGE_VERB_RE.match(
                    masked, cand.end):
                stated = cand.q
                break
        changes.append(Change(found[pick].q, to.q, to.q.sentence, stated))
    return changes


# --- the Markdown draft ----------------------------------------------------------------------

def _fmt_number(v: float | int) -> str:
    """10580 → ``10,580``; from 1억 up in Korean groups: 1.5e12 → ``1조 5,000억``."""
    if abs(v) >= 10**8:
        n = abs(int(round(v)))
        parts = []
        for mult, name in ((10**12, "조"), (10**8, "억"), (10**4, "만"), (1, "")):
            if n >= mult:
                parts.append(f"{n // mult:,}{name}")
                n %= mult
        return ("-" if v < 0 else "") + " ".join(parts)
    if isinstance(v, float) and not v.is_integer():
        whole, frac = f"{abs(v):.6f}".rstrip("0").split(".")
        return f"{'-' if v < 0 else ''}{int(whole):,}.{frac}"
    return f"{int(v):,}"


def _fmt_quantity(q: Quantity) -> str:
    s = _fmt_number(q.value)
    if q.high is not None:
        s += "~" + _fmt_number(q.high)
    return s + q.unit


def _fmt_ratio(x: float, digits: int) -> str:
    s = f"{x:.{digits}f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def _short(sentence: str, needle: str, width: int = 70) -> str:
    s = " ".join(sentence.split())
    if len(s) <= width:
        return s
    i = max(s.find(" ".join(needle.split())), 0)
    a = max(0, i - width // 2)
    b = min(len(s), a + width)
    a = max(0, b - width)
    if a > 0:
        sp = s.find(" ", a)
        a = sp + 1 if 0 <= sp < i else a
    if b < len(s):
        sp = s.rfind(" ", i + len(needle), b)
        b = sp if sp > 0 else b
    return ("…" if a > 0 else "") + s[a:b].strip() + ("…" if b < len(s) else "")


def _label(q: Quantity) -> str:
    words = (q.approx or "").split()
    pre = [w for w in words if w in _APPROX_BEFORE]
    post = [w for w in words if w in _APPROX_AFTER]
    return " ".join(([q.per] if q.per else []) + pre + [q.text] + post)


# what a figure measures: the nearest of these written before it in its sentence (longest first)
_METRICS = tuple(sorted({
    "매출", "매출액", "영업이익", "영업손실", "순이익", "당기순이익", "순손실", "이자이익", "비이자이익", "점유율",
    "수출", "수출액", "수입", "판매", "판매량", "생산", "생산량", "생산 능력", "출하량", "수주", "수주액", "수주 잔고", "공급", "순매수", "순매도",
    "주가", "시가총액", "기준금리", "유가", "금리", "환율", "물가", "성장률", "실업률", "가격", "분양가", "집값", "아파트값",
    "전세가격", "거래량", "이용자", "회원", "관중", "투자", "부채", "예산", "요금", "수수료", "관세", "비중", "가입자",
    "순이자마진", "입주 물량", "무역수지", "가계대출", "대출", "비용", "영업이익률", "순이익률", "수익률", "인상률",
    "상승률", "하락률", "증가율", "감소율", "연봉", "임금", "배당", "자사주", "손실", "흑자", "적자", "잔고",
}, key=len, reverse=True))
# words before a figure that say when or how it was counted, not what
_NOT_METRIC = {"지난해", "올해", "작년", "내년", "같은", "기간", "전년", "대비", "동기", "분기", "이날", "연간", "누적",
               "약", "총", "최대", "최소", "규모", "연결", "기준", "이번", "최근", "지난달", "이달", "전월", "전날",
               "하루", "모두", "각각", "또", "및", "등", "중", "전체", "월간", "주간", "매년", "매월", "역대", "사상",
               "무려", "이미", "처음", "최고", "최저", "가운데", "이후", "이전", "동안", "당시", "현재", "한", "더"}
_RATE_UNITS = ("%", "％", "%p", "%P", "%포인트", "퍼센트", "퍼센트포인트", "포인트", "배", "bp", "bps")
_UP_RE = re.compile(r"[ \t\u00a0]?(?:이상|가량|넘게|가까이|수준|정도|씩)?[ \t\u00a0]?(?:더[ \t\u00a0])?"
                    r"(?:증가|늘|상승|확대|급증|성장|올랐|오른|올라|올려|오르|뛰|커졌|커지|높아|높였|개선|인상)")
_DOWN_RE = re.compile(r"[ \t\u00a0]?(?:이상|가량|넘게|가까이|수준|정도|씩)?[ \t\u00a0]?(?:더[ \t\u00a0])?"
                      r"(?:감소|줄|하락|축소|급감|내렸|내린|내려|내리|떨어|낮아|낮췄|작아|악화|인하|빠졌|빠지)")
_BASIS = [  # (pattern, as the table says it)
    (r"전년[ \t\u00a0]?동기[ \t\u00a0]?(?:대비|보다|에 비해)|지난해[ \t\u00a0]같은[ \t\u00a0]기간(?:보다|대비|에 비해)|"
     r"전년[ \t\u00a0]같은[ \t\u00a0](?:기간|달|분기)(?:보다|대비|에 비해)", "전년 동기 대비"),
    (r"전년[ \t\u00a0]?(?:대비|보다|에 비해)|1년[ \t\u00a0]전보다|지난해보다", "전년 대비"),
    (r"(?:전|직전)[ \t\u00a0]?분기[ \t\u00a0]?(?:대비|보다|에 비해)", "전 분기 대비"),
    (r"(?:전월|전달|지난달)[ \t\u00a0]?(?:대비|보다|에 비해)", "전월 대비"),
    (r"(?:전주|지난주)[ \t\u00a0]?(?:대비|보다|에 비해)", "전주 대비"),
    (r"(?:전날|전일|전 거래일)[ \t\u00a0]?(?:대비|보다|에 비해)", "전일 대비"),
]
_BASIS_RE = [(re.compile(p), label) for p, label in _BASIS]


def _basis(sentence: str) -> str | None:
    for rx, label in _BASIS_RE:
        if rx.search(sentence):
            return label
    return None


# words that say where or how widely, not what (전 세계 4억명, 국내 1위), when within a year, or how
# near the figure is (90만원 아래로, 2억달러 수준을)
_SCOPE_WORDS = {"세계", "국내", "해외", "전국", "글로벌", "전", "각", "연", "연내", "연말", "연초", "상반기",
                "하반기", "지난", "오는", "동안", "사이", "연속", "만", "만에", "당", "별", "씩", "아래", "밑", "위",
                "이내", "내", "외", "평균"} | set(_APPROX_AFTER)
_SKIP_WORDS = _NOT_METRIC | _SCOPE_WORDS
_STRICT_SKIP = set(_APPROX_BEFORE + _PER) | {"총", "연", "평균", "주"}  # written between a noun and its count: 서버 약 5만대
_EDGE_PUNCT = "\"'“”‘’「」『』《》〈〉()[]{}<>,·…:;!?."
# a word that is a verb or an adjective form, never a measure: 선도하는, 제한되어, 발표하였고, 따르면,
# 포함하여, 선정된, 끝난, 거쳐, 몰아치며, 있으며, 않지만, 높아졌다 (the stem's last syllable and the
# ending, or an ending only verbs take); the copula's 이다/였다 is a particle of its noun (기업이다)
_VERB_FORM_RE = re.compile(
    r"(?:[하되했됐였었았겠있없않]|따르|이라|라)(?:는|고|면|여|어|서|게|지|던|니|도록)$"
    r"|(?:며|면서|지만|으나|으면|도록|하였다)$|(?<![이였])다$|[된난른든린진친]$|(?:쳐|돼|져|려|워)$|(?<=[가-힣]{2})한$"
    r"|^(?:이어|따라|위해|통해|대해|비해|의해|넘어|걸쳐|거쳐|맞아|앞서|이어서|함께|모두|통한|위한|대한|관한|의한|따른|향한|인한)$")
# native verbs whose measure is a noun of their own (80만대를 팔았다: 판매)
_VERB_MEASURES = {"팔": "판매", "팔리": "판매", "들여": "투자", "들이": "투자"}
_AFTER_OF_RE = re.compile(  # 20인의 참가자, 9조원 규모의 계약, 1조원 규모 플랜트, 5천 원 안팎의 제품
    r"(?:[ \t\u00a0]?(?:규모|상당|어치|짜리|" + "|".join(_APPROX_AFTER) + r"))?의[ \t\u00a0]+"
    r"|[ \t\u00a0](?:규모|상당)[ \t\u00a0]+")
# the figure's verb, one word between at most (1조원에 수주했다, 1만 장 한정 판매한다)
_AFTER_VERB_RE = re.compile(
    r"(?:어치)?(?:을|를|에|으로|로|이|가)?[ \t\u00a0]?(?:[가-힣]{1,4}[ \t\u00a0])?([가-힣]{2,5}?)(?:하|했|해|한|할|됐|되|된|돼)")
_AFTER_NATIVE_RE = re.compile(r"(?:을|를|이|가)?[ \t\u00a0]?(팔리|팔|들여|들이)")


def _bare(raw: str) -> str:
    """The word without what is bracketed in it and its quotes: ``리튬인산철(LFP)`` → 리튬인산철,
    ``‘아자르’는`` → 아자르는."""
    return re.sub(r"[(（][^)）]*[)）]?|[\"'“”‘’「」『』《》〈〉]", "", raw).strip(_EDGE_PUNCT)


# particles that also end nouns: 추가, 물가, 효과, 속도, 차이 — kept when the noun would be one syllable
_NOUN_ENDS = ("가", "과", "도", "이", "나")


# a particle another may come before (경기에서는, 이닝까지의, 기업과의); after any other, what is
# left is the noun (국제유가가 → 국제유가, not 국제유)
_OUTER_PARTICLES = {"는", "은", "도", "의", "만", "를", "을"}
_INNER_PARTICLES = {"에서", "에", "까지", "부터", "으로", "로", "와", "과", "에게", "보다", "처럼"}


def _unparticled(w: str) -> str:
    """``w`` less its particles (``참가자들은`` → 참가자들, ``효과가`` → 효과, ``수는`` → 수,
    ``경기에서는`` → 경기), never cutting a noun that ends like a particle down to one syllable
    (``추가``, ``선가는`` → 선가)."""
    hangul = bool(re.search("[가-힣]", w))
    allowed: set[str] | None = None
    for _ in range(2):
        for p in _PARTICLES:
            if (allowed is None or p in allowed) and len(w) > len(p) and w.endswith(p):
                cut = w[: -len(p)]
                if len(cut) < 2 and p in _NOUN_ENDS and hangul:
                    return w
                w = cut
                break
        else:
            break
        if p not in _OUTER_PARTICLES:
            break
        allowed = _INNER_PARTICLES
    return w


def _word_noun(raw: str) -> str | None:
    """The noun a word of the sentence is, less its particle and plural (``참가자들은`` → 참가자,
    ``리튬인산철(LFP)`` → 리튬인산철), or None: a verb or adjective form (``선도하는``), a word
    with a digit (a date, another figure, its unit: ``2015년``, ``230개국에서``), a one-syllable
    word, or a word that says when, where or how it was counted (``올해``, ``세계``, ``등``)."""
    w = _bare(raw)
    if not w or re.search(r"\d", w) or not re.fullmatch(r"[가-힣A-Za-z&]+", w):
        return None
    if re.search("[가-힣]", w) and _VERB_FORM_RE.search(w):
        return None
    n = _unparticled(w)
    if len(n) > 2 and n.endswith("들"):
        n = n[:-1]
    if (re.search("[가-힣]", n) and len(n) < 2) or n in _SKIP_WORDS:
        return None
    return n


def _closed(raw: str) -> bool:
    """The word ends its phrase: a particle follows the noun (``관세를``, ``기업들과``) or a comma."""
    core = re.sub(r"[(（][^)）]*[)）]?", "", raw)
    if re.search(r"[,.;:!?·]$", core.rstrip("\"'“”‘’」』")):
        return True
    w = core.strip(_EDGE_PUNCT)
    return _unparticled(w) != w or (len(w) > 2 and w.endswith("들"))


def _per_base(raw: str) -> bool:
    """``톤당``, ``킬로와트시(kWh)당``, ``척당``: the base of a rate, not what the figure measures."""
    w = _bare(raw) if not raw.rstrip(_EDGE_PUNCT).endswith("당") else raw.rstrip(_EDGE_PUNCT)
    return len(w) >= 2 and w.endswith("당")


def _phrase_after(sentence: str, end: int) -> str:
    """What a figure counts when the sentence names it right after: ``20인의 참가자들``,
    ``100메가와트 규모의 AI 데이터센터``, ``25% 관세를``, ``3개 기업에서``, ``한 차례 추가 인하를`` —
    the noun phrase's last two nouns. Written straight after the figure (no 의) the phrase must
    end with a particle (``1만 장 한정 판매한다`` names nothing)."""
    rest = sentence[end:]
    m = _AFTER_OF_RE.match(rest)
    if m:
        start, of = end + m.end(), True
    elif rest[:1] in (" ", "\t", "\u00a0"):
        start, of = end + 1, False
    else:
        return ""
    nouns: list[str] = []
    closed = False
    for w in re.finditer(r"\S+", sentence[start:]):
        raw = w.group()
        n = _word_noun(raw)
        if n is None:
            if of and not nouns and re.search(r"\d", raw) and not _closed(raw):
                continue  # 9조원 규모의 2차 실행계약: the ordinal is no noun of it
            break
        nouns.append(n)
        if _closed(raw) or len(nouns) == 4:
            bare = _bare(raw)
            # closed by a particle, not by the sentence's end (65억달러 흑자였다: a predicate)
            closed = _unparticled(bare) != bare and not re.search(r"다$", bare) or (
                of and _closed(raw)) or bool(re.search(r",$", raw))
            break
    if not nouns or (not of and not closed):
        return ""
    return " ".join(nouns[-2:])


def _metric(sentence: str, pos: int, end: int | None = None, is_name: Callable[[str], bool] | None = None) -> str:
    """What the figure at ``sentence[pos:end]`` measures, the first of:

    1. the noun written right before it, particle-less (``신차 5대``, ``서버 약 5만대``, ``과제7개``);
    2. the noun phrase it counts, written right after (``8개의 계열사``, ``25% 관세를``);
    3. the measure its verb names (``1조8000억원에 수주했다`` → 수주, ``4조원을 투자해`` → 투자);
    4. the nearest measure word before it in its sentence (매출, 영업이익, 점유율 …);
    5. the nearest noun before it, skipping dates and other figures, verb forms, time, scope and
       counting words (``올해``, ``세계``, ``등``) and names (``is_name``: the subject, a company
       or a place — ``MS는 4조원을``, ``미국에서 80만대를`` say who and where, not what).

    "" when none is found."""
    end = pos if end is None else end
    name = is_name or (lambda _w: False)
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", sentence)]
    k = next((i for i, (a, b, _) in enumerate(words) if a <= pos < b), len(words))
    glued = sentence[words[k][0]:pos].strip(_EDGE_PUNCT) if k < len(words) else ""
    # 1. right before
    if glued and glued not in _STRICT_SKIP:
        n = _word_noun(glued)
        if n and not _closed(glued) and not name(n):
            return n
    for _a, _b, raw in reversed(words[:k]):
        if raw.strip(_EDGE_PUNCT) in _STRICT_SKIP:
            continue
        if _per_base(raw):
            break  # 근로자 1인당 12만원: the rate's base, not its measure
        n = _word_noun(raw)
        if n and not _closed(raw) and not name(n):
            return n
        break
    rest = sentence[end:]
    if not (_UP_RE.match(rest) or _DOWN_RE.match(rest)):  # 0.12% 올라 상승세를: a change, no phrase after
        # 2. right after
        after = _phrase_after(sentence, end)
        if after and not name(after):
            return after
        # 3. its verb
        m = _AFTER_VERB_RE.match(rest)
        if m and m.group(1) in _METRICS:
            return m.group(1)
        m = _AFTER_NATIVE_RE.match(rest)
        if m:
            return _VERB_MEASURES[m.group(1)]
    # 4. a measure word before, ending its word (국제유가가, 전기요금을 — not 유가증권시장, 수입량)
    before = sentence[:pos]
    best, at = "", -1
    for mw in _METRICS:  # the one ending nearest the figure; of two ending there the longer (기준금리)
        i = len(before)
        while (i := before.rfind(mw, 0, i)) >= 0:
            tail = re.match(r"[가-힣A-Za-z]*", before[i + len(mw):]).group()  # type: ignore[union-attr]
            if not tail or _unparticled(mw + tail) == mw:
                break
            i += len(mw) - 1
        if i >= 0 and (i + len(mw) > at or (i + len(mw) == at and len(mw) > len(best))):
            best, at = mw, i + len(mw)
    if best:
        return best
    # 5. the nearest plain noun before, with the noun written onto it (세액공제 효과가, 설비 용량은)
    for j in range(k - 1, max(k - 7, -1), -1):
        raw = words[j][2]
        n = _word_noun(raw)
        if n and not name(n) and not _bare(raw).endswith(("보다", "에서부터")) and not _per_base(raw):
            if j > 0 and (m_ := _word_noun(words[j - 1][2])) and not _closed(words[j - 1][2]) and not name(m_):
                return f"{m_} {n}"
            return n
    return ""


def _metric_word(before: str) -> bool:
    return any(m in before for m in _METRICS)


def _cell(s: str) -> str:
    return " ".join(s.split()).replace("|", "\\|")


def _value_label(q: Quantity) -> str:
    words = (q.approx or "").split()
    pre = [w for w in words if w in _APPROX_BEFORE]
    post = [w for w in words if w in _APPROX_AFTER]
    core = q.text
    for w in post:  # as written: 4조원가량, 500명 이상
        core += w if q.text + w in q.sentence else " " + w
    return " ".join(([q.per] if q.per else []) + pre + [core])


def _change_text(c: Change) -> str:
    s = f"{c.before.text} → {c.after.text}"
    if c.before.unit in ("%", "％", "퍼센트"):
        return s + f" ({'+' if c.difference >= 0 else ''}{_fmt_ratio(c.difference, 2)}%p)"
    if c.ratio is not None:
        pct = c.percent or 0.0
        return s + f" ({'+' if pct >= 0 else ''}{_fmt_ratio(pct, 1)}%)"
    return s


def _direction(sentence: str, q: Quantity) -> str | None:
    """``+`` or ``-`` when a rate figure is followed by a verb of change (30% 늘었다, 5%포인트 낮아졌다)."""
    i = sentence.find(q.text)
    if i < 0 or q.unit not in _RATE_UNITS:
        return None
    j = i + len(q.text)
    j += len(m.group()) if (m := re.match(r"(?:" + "|".join(_APPROX_AFTER) + r")", sentence[j:].lstrip())) else 0
    rest = sentence[j:j + 16]
    rest = re.sub(r"^[가-힣]{0,2}[ \t\u00a0]", " ", rest, count=1) if rest[:1] in "가이를을나" else rest
    if _UP_RE.match(rest) or _UP_RE.match(rest.lstrip()):
        return "+"
    if _DOWN_RE.match(rest) or _DOWN_RE.match(rest.lstrip()):
        return "-"
    return None


@dataclass
class _Row:
    metric: str
    value: str
    change: str
    source: str
    sentence: str
    q: Quantity


def insight_rows(quantities: list[Quantity], changes: list[Change] | None = None,
                 is_name: Callable[[str], bool] | None = None) -> list[_Row]:
    """The rows of the 수치화 table: one per figure, with a rate of change (``30% 늘었다``) or a
    change the sentence states (``30만대에서 50만대로``) folded into the row of the figure it is
    about; a figure listed once per sentence. Each row's 지표 is chosen by ``_metric`` (``is_name``:
    the words that name a company or a place, never a measure); a changed figure's is that of the
    sentence before its old value (``종사자 수는 2013년 9081명에서 2015년 1만580명으로``), and a
    figure whose sentence names no measure takes that of the row before it when it is of the same
    unit, in the same or the preceding sentence (``올해 5만1000채보다 31% 감소한 규모다``)."""
    rows: list[_Row] = []
    by_after = {(c.after.text, c.sentence): c for c in changes or []}
    befores = {(c.before.text, c.sentence) for c in changes or []}
    stated = {(c.stated.text, c.sentence) for c in changes or [] if c.stated is not None}
    seen: set[tuple[str, str]] = set()
    prev_sentence = None
    sentences: list[str] = list(dict.fromkeys(q.sentence for q in quantities))
    order = {t: i for i, t in enumerate(sentences)}

    def metric(q: Quantity, pos: int, at: Quantity | None = None) -> str:
        if at is not None and (i := q.sentence.find(at.text)) >= 0:
            pos, stop = i, i + len(at.text)  # a change: what the sentence says before its old value
        else:
            stop = pos + len(q.text)
        label = _metric(q.sentence, pos, stop, is_name)
        if not label and rows:
            last = rows[-1]
            if last.q.unit == q.unit and last.metric and 0 <= order[q.sentence] - order[last.sentence] <= 1:
                label = last.metric
        if not label and len(q.unit) >= 2 and re.fullmatch("[가-힣]+", q.unit) and not _KNOWN_UNIT.fullmatch(q.unit):
            label = q.unit  # 10안타, 3연승, 8실점: a counter of its own names what is counted
        return label

    for q in quantities:
        key = (q.text, q.sentence)
        if key in seen or key in befores or key in stated:
            continue
        seen.add(key)
        pos = max(q.sentence.find(q.text), 0)
        direction = _direction(q.sentence, q)
        if direction is not None:
            rate = f"{direction}{_fmt_quantity(q).lstrip('-')}"
            basis = _basis(q.sentence)
            target = None
            if rows and rows[-1].sentence == q.sentence and not rows[-1].change:
                target = rows[-1]  # 매출은 2조원으로 전년 대비 9% 늘었다
            elif rows and rows[-1].sentence == prev_sentence and not rows[-1].change and not any(
                    r.sentence == q.sentence for r in rows) and not _metric_word(q.sentence[:pos]):
                target = rows[-1]  # 영업이익 12조원을 냈다. 지난해 같은 기간보다 30% 늘었다.
            if target is not None:
                target.change = f"{basis} {rate}" if basis else rate
                prev_sentence = q.sentence
                continue
            arrow = "↑" if direction == "+" else "↓"  # the figure is the rate itself: its direction
            rows.append(_Row(metric(q, pos), _value_label(q), f"{basis} {arrow}" if basis else arrow,
                             _short(q.sentence, q.text, 40), q.sentence, q))
            prev_sentence = q.sentence
            continue
        change = ""
        c = by_after.get(key)
        if c is not None:
            change = _change_text(c)
        rows.append(_Row(metric(q, pos, c.before if c is not None else None), _value_label(q), change,
                         _short(q.sentence, q.text, 40),
                         q.sentence, q))
        prev_sentence = q.sentence
    return rows


def format_insights(quantities: list[Quantity], changes: list[Change] | None = None,
                    is_name: Callable[[str], bool] | None = None) -> str:
    """The 수치화 draft: a compact Markdown table — 지표 (what is measured), 값 (as written, with
    its 약/이상/연 markers), 변화 (전년 대비 +30%, or the change computed when the sentence gives
    the old and the new value: ``30만대 → 50만대 (+66.7%)``) and 출처 문장 (the sentence, short).
    Empty string when there is nothing to list."""
    rows = insight_rows(quantities, changes, is_name)
    if not rows:
        return ""
    lines = ["| 지표 | 값 | 변화 | 출처 문장 |", "| --- | --- | --- | --- |"]
    lines += [f"| {_cell(r.metric)} | {_cell(r.value)} | {_cell(r.change)} | {_cell(r.source)} |" for r in rows]
    return "\n".join(lines)
