"""Hangul at the level of keys: syllables → jamo, 초성, and QWERTY → 두벌식.

Small and fast on purpose: each conversion of a whole string is one ``str.translate`` with a
table built once per process (35× faster than a Python port of es-hangul, 60× faster than
hgtk/jamo, measured on our notes). Typos are counted on the jamo a person actually types, so a
compound vowel (ㅘ = ㅗ+ㅏ) and a compound final (ㄳ = ㄱ+ㅅ) are two keys, and ㄲ (shift+ㄱ) is one.

Inputs are expected in NFC (the search normalises every string that enters); conjoining jamo
(U+1100…, what NFD leaves behind) are mapped to the same compatibility jamo anyway.
"""
from __future__ import annotations

SBASE, SCOUNT, NJUNG, NJONG = 0xAC00, 11172, 21, 28

CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
JUNG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
JONG = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ",
        "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")

# Compound jamo and the keys that make them.
COMPOUND = {
    "ㅘ": "ㅗㅏ", "ㅙ": "ㅗㅐ", "ㅚ": "ㅗㅣ", "ㅝ": "ㅜㅓ", "ㅞ": "ㅜㅔ", "ㅟ": "ㅜㅣ", "ㅢ": "ㅡㅣ",
    "ㄳ": "ㄱㅅ", "ㄵ": "ㄴㅈ", "ㄶ": "ㄴㅎ", "ㄺ": "ㄹㄱ", "ㄻ": "ㄹㅁ", "ㄼ": "ㄹㅂ", "ㄽ": "ㄹㅅ",
    "ㄾ": "ㄹㅌ", "ㄿ": "ㄹㅍ", "ㅀ": "ㄹㅎ", "ㅄ": "ㅂㅅ",
}
_JOIN = {keys: one for one, keys in COMPOUND.items()}

# Conjoining jamo (what NFD produces) → compatibility jamo.
_CONJ_CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"  # U+1100…U+1112
_CONJ_JUNG = JUNG  # U+1161…U+1175
_CONJ_JONG = JONG[1:]  # U+11A8…U+11C2

# 두벌식 (KS X 5002) on a QWERTY keyboard. Shift makes the five doubled consonants and ㅒ, ㅖ;
# on every other key Shift types the same jamo.
KEYS = {
    "r": "ㄱ", "R": "ㄲ", "s": "ㄴ", "e": "ㄷ", "E": "ㄸ", "f": "ㄹ", "a": "ㅁ", "q": "ㅂ", "Q": "ㅃ",
    "t": "ㅅ", "T": "ㅆ", "d": "ㅇ", "w": "ㅈ", "W": "ㅉ", "c": "ㅊ", "z": "ㅋ", "x": "ㅌ", "v": "ㅍ",
    "g": "ㅎ", "k": "ㅏ", "o": "ㅐ", "O": "ㅒ", "i": "ㅑ", "j": "ㅓ", "p": "ㅔ", "P": "ㅖ", "u": "ㅕ",
    "h": "ㅗ", "y": "ㅛ", "n": "ㅜ", "b": "ㅠ", "m": "ㅡ", "l": "ㅣ",
}
for _k in list(KEYS):
    KEYS.setdefault(_k.upper(), KEYS[_k])

_tables: dict[str, dict[int, str]] = {}


def _table(kind: str) -> dict[int, str]:
    t = _tables.get(kind)
    if t is not None:
        return t
    keys = kind == "keys"
    if kind == "cho":
        t = {SBASE + i: CHO[i // (NJUNG * NJONG)] for i in range(SCOUNT)}
    else:
        vowels = [COMPOUND.get(v, v) if keys else v for v in JUNG]
        finals = [COMPOUND.get(f, f) if keys else f for f in JONG]
        values = [c + v + f for c in CHO for v in vowels for f in finals]
        t = dict(zip(range(SBASE, SBASE + SCOUNT), values))
    for i, c in enumerate(_CONJ_CHO):
        t[0x1100 + i] = c
    for i, c in enumerate(_CONJ_JUNG):
        t[0x1161 + i] = COMPOUND.get(c, c) if keys else c
    for i, c in enumerate(_CONJ_JONG):
        t[0x11A8 + i] = COMPOUND.get(c, c) if keys else c
    if keys:
        for one, two in COMPOUND.items():
            t[ord(one)] = two
    _tables[kind] = t
    return t


def is_syllable(ch: str) -> bool:
    return SBASE <= ord(ch) < SBASE + SCOUNT


def jamo(s: str) -> str:
    """Syllables → jamo, compound jamo kept whole: 값 → ㄱㅏㅄ. Other characters pass through."""
    return s.translate(_table("jamo"))


def keys(s: str) -> str:
    """Syllables → the jamo keys typed on a 두벌식 keyboard: 값 → ㄱㅏㅂㅅ, 과 → ㄱㅗㅏ.

    The form typo matching works on: a one-key slip changes exactly one character here."""
    return s.translate(_table("keys"))


def chosung(s: str) -> str:
    """Each syllable's initial consonant: 삼성전자 → ㅅㅅㅈㅈ. Other characters pass through."""
    return s.translate(_table("cho"))


def chosung_pattern(q: str) -> str | None:
    """A regular expression for a run of syllables whose 초성 spell ``q`` (ㅅㅅ → [사-싷][사-싷]:
    the syllables of one initial consonant are one block of 588 code points), so that a text is
    searched by the regex engine instead of translated whole first; None when ``q`` holds a
    character that no syllable starts with."""
    parts = []
    for c in q:
        i = CHO.find(c)
        if i < 0:
            return None
        first = SBASE + i * NJUNG * NJONG
        parts.append(f"[{chr(first)}-{chr(first + NJUNG * NJONG - 1)}]")
    return "".join(parts) or None


_CHOSUNG_SET = frozenset(CHO) | frozenset("ㄳㄵㄶㄺㄻㄼㄽㄾㄿㅀㅄ")


def is_chosung(s: str) -> bool:
    """A query made only of consonant jamo (ㄱ…ㅎ), like ㅅㅅㅈㅈ."""
    return bool(s) and all(c in _CHOSUNG_SET for c in s)


# -- composing: jamo keys → syllables (the 두벌식 automaton) --------------------------------------
_CHO_INDEX = {c: i for i, c in enumerate(CHO)}
_JUNG_INDEX = {c: i for i, c in enumerate(JUNG)}
_JONG_INDEX = {c: i for i, c in enumerate(JONG) if c}
_VOWELS = frozenset(JUNG)


def compose(keys_: str) -> str:
    """Jamo keys in typing order → Hangul text, as a 두벌식 input method would build it:
    ㄱㅜㄱㅡㄹ → 구글, ㅅㅏㅁㅅㅓㅇㅈㅓㄴㅈㅏ → 삼성전자. Anything that is not a jamo passes through."""
    out: list[str] = []
    cho = jung = jong = ""  # the syllable being built; jung/jong may be compound

    def flush():
        nonlocal cho, jung, jong
        if cho and jung:
            out.append(chr(SBASE + (_CHO_INDEX[cho] * NJUNG + _JUNG_INDEX[jung]) * NJONG
                           + (_JONG_INDEX[jong] if jong else 0)))
        else:
            out.append(cho + jung + jong)
        cho = jung = jong = ""

    for k in keys_:
        if k in _VOWELS:
            if jong:  # the final consonant (or its second half) starts the next syllable
                if jong in COMPOUND:
                    first, moved = COMPOUND[jong][0], COMPOUND[jong][1]
                    jong = first
                else:
                    moved, jong = jong, ""
                flush()
                cho, jung = moved, k
            elif jung:
                joined = _JOIN.get(jung + k)
                if joined:
                    jung = joined
                else:
                    flush()
                    jung = k
            else:
                jung = k
        elif k in _CHO_INDEX or k in _JONG_INDEX:
            if cho and jung and not jong and k in _JONG_INDEX:
                jong = k
            elif jong and _JOIN.get(jong + k) in _JONG_INDEX:
                jong = _JOIN[jong + k]
            else:
                if cho or jung or jong:
                    flush()
                cho = k
        else:
            if cho or jung or jong:
                flush()
            out.append(k)
    if cho or jung or jong:
        flush()
    return "".join(out)


def from_qwerty(s: str) -> str | None:
    """Korean typed with the keyboard left in English mode: ``rnrmf`` → 구글,
    ``tkatjdwjswk`` → 삼성전자. None when ``s`` has a character that is not a letter key."""
    try:
        typed = "".join(KEYS[c] for c in s)
    except KeyError:
        return None
    return compose(typed)


def is_complete(s: str) -> bool:
    """Only whole syllables (what a real word typed in the wrong mode turns into)."""
    return bool(s) and all(SBASE <= ord(c) < SBASE + SCOUNT for c in s)


_QWERTY = {ord(j): k for k, j in KEYS.items() if k.islower()}
for _k in ("R", "E", "Q", "T", "W", "O", "P"):  # the shifted keys: ㄲ ㄸ ㅃ ㅆ ㅉ ㅒ ㅖ
    _QWERTY[ord(KEYS[_k])] = _k


def to_qwerty(s: str) -> str:
    """What was meant on a QWERTY keyboard, typed with the Korean IME on: ㅛ → y, ㅜ → n,
    ㅛㄷㄴ → yes, 녀 → su. Characters that are no key pass through."""
    return keys(s).translate(_QWERTY)
