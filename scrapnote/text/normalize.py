"""Normal forms of text: what every string is turned into where it enters, so that two ways of
writing the same word are the same string everywhere.

- ``nfc``: Unicode NFC (never NFKC: ＡＢＣ and ㈜ stay as written). A tag typed on macOS (NFD) is
  the same tag as one typed on Windows.
- ``nfc_lines``: NFC with LF line ends — what every piece of a note file is made of (note.py keeps
  everything else byte for byte).
- ``clean_text``: an article as it comes in (decode.py): ``nfc_lines``, odd spaces as plain spaces,
  line and paragraph separators as LF, stray control characters removed (TAB, LF kept).
- ``one_line``: runs of whitespace (line breaks too) as one space, trimmed.
- ``TOKEN_RE``/``tokens``: a word as the index's FTS5 ``unicode61`` tokenizer cuts it (letters and
  digits), which the search must cut the same way.
"""
from __future__ import annotations

import re
import unicodedata

# Spaces that are not a plain space: NBSP, en/em/thin/… spaces, zero-width space, narrow NBSP,
# medium math space, ideographic space, BOM inside the text, and the Hangul filler.
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff\u3164]")
# Control characters that have no business in an article (tab, LF and CR are kept).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0085]")
_LINE_SEPARATORS = re.compile("[\u2028\u2029]")

# A word as FTS5's unicode61 tokenizer cuts it: letters and digits (L*, N*).
TOKEN_RE = re.compile(r"[^\W_]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def nfc_lines(text: str) -> str:
    """NFC, LF line ends (CRLF and a lone CR become LF)."""
    text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def clean_text(text: str) -> str:
    """NFC, odd spaces → plain spaces, CRLF/CR → LF, stray control characters removed."""
    text = nfc_lines(text)
    text = _LINE_SEPARATORS.sub("\n", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _CONTROLS.sub("", text)
    return text


def one_line(text: str) -> str:
    """Whitespace runs (line breaks included) → one space; trimmed."""
    return " ".join(text.split())


def tokens(text: str) -> list[str]:
    """The words of ``text``, lower case, as the index cuts them."""
    return TOKEN_RE.findall(text.lower())
