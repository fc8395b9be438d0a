"""Dates in the forms Korean pages write them: ``2017. 4. 19. 19:32``, ``2017.05.22 08:04:18``,
``2021년 12월 15일``, ``입력 2023.07.13 15:20`` (labelled as published or modified), ``24.10.07`` on a
dateline, ISO timestamps (moved to Korean time), dates inside article links; date lines, and a
publish stamp glued to the text after it. Pure functions on strings.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from scrapnote.extract import publishers
from scrapnote.extract.strings import HANGUL

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
        sep = _STAMP_SEP.match(line[end:])  # all optional: it always matches
        end += sep.end() if sep else 0
        pos = end
    if not pos:
        return None
    stamp, rest = line[:pos].strip(), line[pos:].strip()
    if len(rest) < 10 or not HANGUL.search(rest) or not is_date_line(stamp):
        return None
    return stamp, rest

