"""The text room: one normal form for every string that enters (NFC, LF), one clean_text for
articles, and the one token pattern the index and the search cut words with."""
from __future__ import annotations

import unicodedata

from scrapnote import text
from scrapnote.text import TOKEN_RE, clean_text, nfc, nfc_lines, one_line, tokens


def test_nfc_joins_what_macos_splits_and_keeps_compatibility_forms():
    nfd = unicodedata.normalize("NFD", "반도체")
    assert nfd != "반도체" and nfc(nfd) == "반도체"
    assert nfc("ＡＢＣ ㈜") == "ＡＢＣ ㈜"  # NFC, never NFKC


def test_nfc_lines_is_nfc_with_lf_and_nothing_else():
    nfd = unicodedata.normalize("NFD", "가")
    assert nfc_lines(f"a\r\nb\rc\n{nfd}\x07\u00a0") == "a\nb\nc\n가\x07\u00a0"  # a note keeps its bytes


def test_clean_text_is_nfc_lines_and_more_for_articles():
    assert clean_text("a\r\nb\u2028c\u00a0d\x07e\tf") == "a\nb\nc de\tf"
    assert clean_text(unicodedata.normalize("NFD", "한글\r")) == "한글\n"


def test_one_line_and_tokens():
    assert one_line("  가상\n전자 \t 공장 ") == "가상 전자 공장"
    assert tokens("S&P 500, K-배터리_셀") == ["s", "p", "500", "k", "배터리", "셀"]
    assert TOKEN_RE.findall("A_b") == ["A", "b"]


def test_one_clean_text():
    """decode and note once had a clean_text each; now there is one, in the text room."""
    from scrapnote import decode, note

    from pathlib import Path

    assert decode.clean_text is text.clean_text
    assert not hasattr(note, "clean_text")
    pkg = Path(text.__file__).resolve().parent.parent
    defs = [p.relative_to(pkg).as_posix() for p in pkg.rglob("*.py") if "def clean_text(" in p.read_text("utf-8")]
    assert defs == ["text/normalize.py"]
