"""The string helpers every extraction rule shares: spaces squashed, labels compacted for
comparing, where a sentence ends, Hangul. Pure functions on strings.
"""
from __future__ import annotations

import re
from functools import lru_cache

_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
HANGUL = re.compile(r"[가-힣]")


def squash(s: str) -> str:
    """Runs of spaces and tabs → one space; trimmed."""
    return _WS.sub(" ", s).strip()


_LIGHT = re.compile(r"[\s\u00a0·ㆍ•|:：/\\\-_,.!?'\"“”‘’()\[\]{}<>〈〉《》【】「」『』▶▷►◀◁▲△▼▽■□◆◇●○★☆※#*+=~]")


@lru_cache(maxsize=4096)
def compact(s: str) -> str:
    """Lower case without spaces or light punctuation: for comparing labels and buttons. Kept for
    the lines asked about again (every kind of line asks it of the same line)."""
    return _LIGHT.sub("", s).lower()


_CLOSERS = "\"'”’」』)）]>》〉"
SENTENCE_END = re.compile(rf"(?:[.!?。…]|[다요죠음함임됨까니][.!?]?)[{re.escape(_CLOSERS)}]*\s*$")
PERIOD_END = re.compile(rf"[.!?。][{re.escape(_CLOSERS)}]*\s*$")


def ends_sentence(line: str) -> bool:
    return bool(SENTENCE_END.search(line))
