"""Text rules every room shares, each in one place: ``normalize.py`` (NFC, line ends, whitespace,
``clean_text`` for what comes in, the token pattern the index and the search cut words with) and
``hangul.py`` (jamo, 초성, QWERTY → 두벌식), ``width.py`` (columns in a monospaced font). Standard library only, no I/O.
"""
from __future__ import annotations

from scrapnote.text.normalize import TOKEN_RE, clean_text, nfc, nfc_lines, one_line, tokens

__all__ = ["TOKEN_RE", "clean_text", "nfc", "nfc_lines", "one_line", "tokens"]
