"""The hangul module: disassembly into keys, 초성, QWERTY → 두벌식, and composing back."""
from __future__ import annotations

import unicodedata

import pytest

from scrapnote.text import hangul


@pytest.mark.parametrize("text, want", [
    ("구글", "ㄱㅜㄱㅡㄹ"),
    ("삼성전자", "ㅅㅏㅁㅅㅓㅇㅈㅓㄴㅈㅏ"),
    ("값", "ㄱㅏㅂㅅ"),  # a compound final is two keys
    ("과", "ㄱㅗㅏ"),  # a compound vowel is two keys
    ("까", "ㄲㅏ"),  # a doubled consonant is one key (shift)
    ("AI 반도체", "AI ㅂㅏㄴㄷㅗㅊㅔ"),  # other characters pass through
    ("ㅘ", "ㅗㅏ"),
])
def test_keys(text, want):
    assert hangul.keys(text) == want


def test_jamo_keeps_compound_jamo_whole():
    assert hangul.jamo("값과") == "ㄱㅏㅄㄱㅘ"


def test_nfd_input_gives_the_same_keys_and_chosung():
    for word in ("구글", "삼성전자", "닭볶음탕"):
        nfd = unicodedata.normalize("NFD", word)
        assert nfd != word
        assert hangul.keys(nfd) == hangul.keys(word)
        assert hangul.chosung(nfd)[0] == hangul.chosung(word)[0]


@pytest.mark.parametrize("text, want", [
    ("삼성전자", "ㅅㅅㅈㅈ"),
    ("구글은 AI", "ㄱㄱㅇ AI"),
    ("", ""),
])
def test_chosung(text, want):
    assert hangul.chosung(text) == want
    assert len(hangul.chosung(text)) == len(text)  # position for position, so spans line up


@pytest.mark.parametrize("text, want", [
    ("ㅅㅅㅈㅈ", True), ("ㄱㄱ", True), ("ㄲㄸ", True),
    ("ㅏ", False), ("구글", False), ("ㄱa", False), ("", False),
])
def test_is_chosung(text, want):
    assert hangul.is_chosung(text) is want


@pytest.mark.parametrize("typed, want", [
    ("rnrmf", "구글"),
    ("tkatjdwjswk", "삼성전자"),
    ("qksehcp", "반도체"),
    ("dpsqleldk", "엔비디아"),
    ("dpsqlelddk", "엔비딩아"),  # one key too many: what those keys really spell
    ("dkssudgktpdy", "안녕하세요"),
    ("Rkcl", "까치"),  # shift doubles the consonant
    ("RKCL", "까치"),  # caps lock: shift on the vowel keys changes nothing
    ("rhkgkr", "과학"),  # compound vowel
    ("ekfrrhrl", "닭고기"),  # compound final kept
    ("dlfrdjTek", "읽었다"),  # the compound final splits before a vowel
    ("ekfk", "다라"),
])
def test_from_qwerty(typed, want):
    assert hangul.from_qwerty(typed) == want


def test_from_qwerty_refuses_non_letters():
    assert hangul.from_qwerty("rnrmf1") is None
    assert hangul.from_qwerty("구글") is None


def test_compose_round_trips_keys():
    for text in ("닭볶음탕 읽었다", "앉아 괜찮아", "쀍 값어치", "구글과 삼성전자"):
        assert hangul.compose(hangul.keys(text)) == text


def test_is_complete():
    assert hangul.is_complete("구글")
    assert not hangul.is_complete("ㄱ구")
    assert not hangul.is_complete("")
    assert not hangul.is_complete("rn")


def test_whole_strings_convert_in_one_pass():
    """A whole string is one ``str.translate`` per conversion: the Python-level work (calls, as
    the profiler hook counts them) is the same for 30 characters and for 150,000, so no
    conversion walks the text character by character. Work, not time: timings live in bench/."""
    import sys

    short = "삼성전자는 반도체 업황 회복에 힘입어 구글과 협력한다. "
    text = short * 5000  # ~150k characters
    hangul.keys("가"), hangul.chosung("가")  # tables built

    def converted(s: str):
        calls = 0

        def count(frame, event, arg):
            nonlocal calls
            if event in ("call", "c_call"):
                calls += 1

        sys.setprofile(count)
        try:
            out = hangul.keys(s), hangul.chosung(s)
        finally:
            sys.setprofile(None)
        return calls, out

    calls_short, (keys_short, cho_short) = converted(short)
    calls_long, (keys_long, cho_long) = converted(text)
    assert calls_long == calls_short <= 10
    assert keys_long == keys_short * 5000 and cho_long == cho_short * 5000
    assert cho_short.startswith("ㅅㅅㅈㅈ") and keys_short.startswith("ㅅㅏㅁㅅㅓㅇㅈㅓㄴ")


def test_chosung_pattern_finds_what_the_translated_text_finds():
    """The regex of a 초성 query (one class of 588 syllables per consonant) matches exactly the
    runs of syllables whose 초성 spell it, on every syllable of every initial consonant."""
    import random
    import re

    rng = random.Random(7)
    for c in hangul.CHO:
        rx = re.compile(hangul.chosung_pattern(c))
        hits = {chr(s) for s in range(hangul.SBASE, hangul.SBASE + hangul.SCOUNT) if rx.fullmatch(chr(s))}
        assert hits == {chr(s) for s in range(hangul.SBASE, hangul.SBASE + hangul.SCOUNT)
                        if hangul.chosung(chr(s)) == c}
    for _ in range(200):
        text = "".join(rng.choice(["삼", "성", "전", "자", "ㅅ", " ", "a", "섬", "산"]) for _ in range(30))
        for q in ("ㅅㅅ", "ㅅㅈ", "ㅅㅅㅈㅈ"):
            got = [m.span() for m in re.finditer(hangul.chosung_pattern(q), text)]
            cho = hangul.chosung(text)
            want, i = [], 0
            while i <= len(text) - len(q):
                if cho[i:i + len(q)] == q and all(hangul.is_syllable(ch) for ch in text[i:i + len(q)]):
                    want.append((i, i + len(q)))
                    i += len(q)
                else:
                    i += 1
            assert got == want, (text, q)
    assert hangul.chosung_pattern("ㄳ") is None and hangul.chosung_pattern("ㅏ") is None


def test_chosung_highlight_after_a_lone_jamo(tmp_path):
    """A literal jamo just before the run (ㅅ삼성) used to hide the run from the 초성 highlight:
    the translated text matched at the jamo, was refused, and the search went on past the run."""
    from scrapnote.search import Finder

    assert Finder([], ["ㅅㅅ"]).spans("ㅅ삼성 주가") == [(1, 3)]
