"""The 용어 노트: a glossary entry is a line of a note's 추가조사 section written in one of three
forms —

    - 기준금리: 중앙은행이 정하는 정책 금리          (term, colon, definition)
    - 양적긴축 — 중앙은행이 자산을 줄이는 것          (term, em or en dash, definition)
    - **PER**: 주가를 주당순이익으로 나눈 값          (bold term, colon or dash, definition)

A bullet (``-``, ``*``, ``+``, ``•``, ``·``, ``1.``) in front is optional. A line whose definition is
empty (the drafted prompt ``- 감소:``) is a term still to look up, not an entry. What stands before
the separator must look like a term, not a sentence: at most 40 characters and 5 words, no
sentence end (``?``, ``다.``), not a number or a time (``10:30``), not an address (``https:``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from scrapnote.text.normalize import nfc, one_line

_BULLET = re.compile(r"^\s*(?:[-*+•·▪◦]|\d{1,3}[.)])\s+")
_BOLD = re.compile(r"^\*\*(?P<term>[^*\n]{1,60}?)\*\*\s*(?:[:：]|[—–]|-(?=\s))?\s*(?P<def>.*)$")
_COLON = re.compile(r"^(?P<term>[^:：\n]{1,60}?)\s*[:：]\s*(?P<def>.*)$")
_DASH = re.compile(r"^(?P<term>[^—–\n]{1,60}?)\s+[—–]\s+(?P<def>.*)$")
_QUOTES = "'\"‘’“”「」『』《》〈〉<>`"
_MAX_TERM_CHARS = 40
_MAX_TERM_WORDS = 5


@dataclass(frozen=True)
class Entry:
    term: str
    definition: str


def key(term: str) -> str:
    """The spelling-free key of a term: NFC, case-folded, without spaces (기준 금리 = 기준금리)."""
    return "".join(nfc(term).casefold().split())


def _clean_term(raw: str) -> str | None:
    t = one_line(raw).strip().strip(_QUOTES).strip()
    t = t.removeprefix("**").removesuffix("**").strip()
    if not t or len(t) > _MAX_TERM_CHARS or len(t.split()) > _MAX_TERM_WORDS:
        return None
    if any(c in t for c in "?？!！") or ". " in t or t.endswith(".") or "http" in t.lower() or t.startswith(("#", ">", "[", "|")):
        return None
    if not re.search(r"[^\W\d_]", t):  # a number, a time, punctuation: not a term
        return None
    return t


def parse_line(line: str) -> Entry | None:
    """The glossary entry a line of the 추가조사 section is, or None."""
    s = nfc(line).strip()
    if not s or s.startswith(">"):  # the draft marker and quotes
        return None
    s = _BULLET.sub("", s, count=1)
    m = _BOLD.match(s) or _DASH.match(s) or _COLON.match(s)
    if m is None:
        return None
    if m.re is _COLON and m.group("def").startswith("//"):  # https://…
        return None
    term = _clean_term(m.group("term"))
    definition = one_line(m.group("def")).strip()
    if term is None or not definition:
        return None
    return Entry(term, definition)


def parse(text: str) -> list[Entry]:
    """Every glossary entry of a 추가조사 section, in order (one per term key)."""
    out: list[Entry] = []
    seen: set[str] = set()
    for line in (text or "").splitlines():
        e = parse_line(line)
        if e is not None and key(e.term) not in seen:
            seen.add(key(e.term))
            out.append(e)
    return out


def open_terms(text: str) -> list[str]:
    """The terms a section lists without a definition yet (``- 감소:``): what is still to look up."""
    out = []
    for line in (text or "").splitlines():
        s = _BULLET.sub("", nfc(line).strip(), count=1)
        m = _COLON.match(s)
        if m and not m.group("def").strip():
            t = _clean_term(m.group("term"))
            if t:
                out.append(t)
    return out
