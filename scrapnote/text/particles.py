"""Korean particles (조사), the copula's endings and 하다's endings at the end of a word, as closed
lists: ``stems("반도체를")`` → ``["반도체"]``. The search matches a query word's stem below the word
itself (구글은 also finds 구글, 구글의), without loading the Korean model at search time.

A stem keeps at least two syllables (or two characters of a Latin/Hangul word such as SK가 →
SK): a one-syllable stem (수도 → 수, 주가 → 주) would be a guess about most short nouns, not a
particle. Standard library only.
"""
from __future__ import annotations

# Case and auxiliary particles, longest first where one ends another (에서 before 서 is not a
# particle; 으로 before 로).
PARTICLES = (
    "은", "는", "이", "가", "을", "를", "의", "에", "에서", "에게", "에게서", "한테", "께", "께서",
    "으로", "로", "으로서", "로서", "으로써", "로써", "으로부터", "로부터", "와", "과", "랑", "이랑",
    "하고", "도", "만", "까지", "부터", "마저", "조차", "보다", "처럼", "만큼", "밖에", "뿐", "이나",
    "나", "이든", "든", "이란", "란", "이라는", "라는", "대로", "마다", "씩", "요",
)
# The copula (이다) and its endings, with and without 이 (after a vowel: 반도체다, 반도체며).
COPULA = (
    "이다", "다", "이며", "며", "이고", "이었다", "였다", "이라", "이라고", "라고", "인", "입니다",
    "이었던", "였던", "이지만", "지만", "이라서", "라서", "이면", "이죠", "죠", "이에요", "예요", "이야",
)
# 하다's endings on a noun (인하했다 → 인하, 투자한 → 투자).
HADA = (
    "하다", "한다", "했다", "하는", "한", "할", "해", "하며", "하고", "하여", "해서", "했던", "하면",
    "하자", "하기", "함", "했고", "하겠다", "합니다", "했습니다", "되다", "된다", "됐다", "되는", "된",
    "될", "돼", "되며", "되고", "됐던", "시켰다", "시킨",
)
_ONE = PARTICLES + COPULA + HADA
# A particle may follow a particle (에서는, 까지도, 으로만, 에게도) or an ending (인하했다는 is not
# one: endings end the word); the copula and 하다 end a word of their own.
_SECOND = ("은", "는", "도", "만", "의", "을", "를", "이", "가", "요")
SUFFIXES: tuple[str, ...] = tuple(sorted(
    set(_ONE) | {p + q for p in PARTICLES for q in _SECOND if p != q},
    key=len, reverse=True))
_MIN_STEM = 2


def stems(word: str) -> list[str]:
    """The word without a particle or ending at its end, longest ending first: every candidate
    stem of at least two characters (``에서는`` before ``는``). Empty when the word ends in none."""
    out = []
    for suf in SUFFIXES:
        if len(word) - len(suf) >= _MIN_STEM and word.endswith(suf):
            stem = word[: -len(suf)]
            if stem not in out:
                out.append(stem)
    return out


def is_suffix(tail: str) -> bool:
    """Whether ``tail`` (what follows a word inside a longer word) is a particle or ending."""
    return tail in _SUFFIX_SET


_SUFFIX_SET = frozenset(SUFFIXES)
