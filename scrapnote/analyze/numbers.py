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

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from scrapnote.models import Quantity

__all__ = ["Change", "find_quantities", "find_changes", "format_insights"]

# --- the number itself -----------------------------------------------------------------------

_SP = r"[ \t\u00a0]"  # a space inside an expression; never a line break
_D = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"  # 633 · 1,920 · 5.3
_SG = rf"{_D}(?:[천백](?:{_D})?)*"  # a group below 10^4: 580 · 1천 · 1천500 · 2천
_BIG = "만억조"
# groups joined by 만/억/조; a space may follow a big unit only if another multiplied group follows
# (``3조 2천억``, ``2억 5000만``), so ``5억 2019년`` and ``3억 20개국`` are not glued together.
_NUM = rf"{_SG}(?:[{_BIG}](?:(?:{_SP}(?={_D}[천백{_BIG}]))?{_SG})?)*"
_BIGNUM = rf"{_SG}(?:[{_BIG}](?:(?:{_SP}(?={_D}[천백{_BIG}]))?{_SG})?)*[{_BIG}]"

_MULT = {"십": 10, "백": 100, "천": 1000, "만": 10**4, "억": 10**8, "조": 10**12}

# --- units -----------------------------------------------------------------------------------
# (pattern, may a space come between number and unit?) — longer forms first so that ``%p`` wins
# over ``%`` and ``개국`` over ``개``. Lookaheads keep ``회의실``, ``대학``, ``세계``, ``개발`` … out.
_LATIN_END = r"(?![A-Za-z0-9])"
_UNITS: list[tuple[str, bool]] = [
    (r"%포인트", True), (r"%p" + _LATIN_END, True), (r"%P" + _LATIN_END, True), (r"[%％]", True),
    (r"퍼센트포인트", True), (r"퍼센트", True), (r"베이시스포인트", True), (r"포인트", True),
    (r"bps?" + _LATIN_END, True), (r"BPS?" + _LATIN_END, True),
    (r"km2|km²|㎢|m2|m²|㎡|㎞|㎏|kWh|MWh|GWh|TWh", True),
    (r"(?:km|kg|GW|MW|kW|GB|TB|PB|MB|nm|mm|cm)" + _LATIN_END, True),
    (r"달러", True), (r"위안", True), (r"유로", True), (r"파운드", True), (r"엔(?![진지터])", True),
    (r"원(?![칙장자])", True),
    (r"개국", True), (r"개사", True), (r"개월", True), (r"개소", True),
    (r"개(?![발최선편방념혁척정시골])", True),
    (r"명(?![단예])", True), (r"인치", True), (r"인(?![자당구치])", False),
    (r"배럴", True), (r"배(?![터달출당치경우열려])", True),
    (r"건(?![설물강축의전])", True), (r"곳", True), (r"평(?![가균택화양])", True), (r"톤", True),
    (r"가구(?!당)", True), (r"차례", True), (r"년치", False), (r"시간", True), (r"가지", True),
    (r"마리", True), (r"층", False), (r"척", True),
    (r"대(?![학표출회형기상책한비응\s])", False), (r"위(?![원해험])", False),
    (r"회(?![의사장계원복견담])", False), (r"세(?![대계금기부종])", False),
]
_UNIT_SPACED = "|".join(p for p, spaced in _UNITS if spaced)
_UNIT_TIGHT = "|".join(p for p, _ in _UNITS)
# right after the number any unit; after one space only the units people write spaced (``300만 원``)
_UNIT = rf"(?:(?<!{_SP})(?:{_UNIT_TIGHT})|(?<={_SP})(?:{_UNIT_SPACED}))"

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
_BEFORE_RE = re.compile(
    r"(?:^|(?<=[^가-힣]))(?P<w>" + "|".join(_APPROX_BEFORE + _PER) + r")[ \t\u00a0]?$"
)
_AFTER_RE = re.compile(r"[ \t\u00a0]?(?P<w>" + "|".join(_APPROX_AFTER) + r")")

_MASK_RE = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


# --- parsing helpers -----------------------------------------------------------------------------

def _parse_number(s: str) -> Decimal:
    """``1만580`` → 10580, ``10조1천억`` → 10100000000000, ``3조 2천억`` → 3200000000000."""
    total = Decimal(0)
    section = Decimal(0)  # the part below the next 만/억/조
    num: Decimal | None = None
    for m in re.finditer(r"\d[\d,]*(?:\.\d+)?|[십백천만억조]", s):
        tok = m.group()
        if tok[0].isdigit():
            num = Decimal(tok.replace(",", ""))
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


def _scan(text: str) -> list[_Found]:
    masked = _MASK_RE.sub(lambda m: " " * len(m.group()), text)
    spans = _sentence_spans(text)

    def sentence_of(pos: int) -> int:
        for i, (a, b) in enumerate(spans):
            if a <= pos < b:
                return i
        return -1

    found: list[_Found] = []
    for m in _DIGIT_QTY.finditer(masked):
        start = m.start()
        if m.group("bnum"):
            num_s, yeo, unit, lo_s, lo_unit = m.group("bnum"), m.group("byeo"), "", None, None
        else:
            num_s, yeo, unit = m.group("num"), m.group("yeo"), m.group("unit")
            lo_s, lo_unit = m.group("lo"), m.group("lo_unit")
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
        end = m.end()
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

    taken = [(f.start, f.end) for f in found]
    for m in _WORD_QTY.finditer(masked):
        if any(a < m.end() and m.start() < b for a, b in taken):
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


def format_insights(quantities: list[Quantity], changes: list[Change] | None = None) -> str:
    """The 수치화 draft: one Markdown bullet per quantity, then one per change.

    ``- 1만580명 (10,580명) — <the sentence, shortened>`` and ``- 9,081명 → 10,580명 (×1.17, +16.5%)``.
    The plain value in parentheses is left out when it reads the same as the text. Empty string
    when there is nothing to list.
    """
    lines: list[str] = []
    seen: set[tuple[str, str]] = set()
    for q in quantities:
        key = (q.text, q.sentence)
        if key in seen:
            continue
        seen.add(key)
        plain = _fmt_quantity(q)
        line = f"- {_label(q)}"
        if re.sub(r"[\s여]", "", q.text) != plain:
            line += f" ({plain})"
        if q.sentence:
            line += f" — {_short(q.sentence, q.text)}"
        lines.append(line)
    for c in changes or []:
        line = f"- {_fmt_quantity(c.before)} → {_fmt_quantity(c.after)}"
        if line in lines:
            continue
        if c.before.unit in ("%", "％", "퍼센트"):
            line += f" ({'+' if c.difference >= 0 else ''}{_fmt_ratio(c.difference, 2)}%p)"
        elif c.ratio is not None:
            pct = c.percent or 0.0
            line += f" (×{_fmt_ratio(c.ratio, 2)}, {'+' if pct >= 0 else ''}{_fmt_ratio(pct, 1)}%)"
        lines.append(line)
    return "\n".join(lines)
