"""Bytes → clean NFC text.

Order of the checks: size → empty → binary → BOM → declared charset → strict UTF-8 → strict CP949
→ charset-normalizer. Then ``text.clean_text``: NFC, odd spaces to plain spaces, CRLF/CR to LF.
Every refusal is an :class:`InputError` with one line that names the input.
"""
from __future__ import annotations

import codecs
import re

from scrapnote.errors import InputError
from scrapnote.text import clean_text
from scrapnote.text.hangul import is_syllable

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Well-known binary formats, by their first bytes.
_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0", "old Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "program"),
)

# Korean pages still label themselves with many names for the same code page; CP949 is the
# superset of all of them (EUC-KR plus the extended Hangul syllables).
_KOREAN_ALIASES = {
    "euc-kr", "euckr", "euc_kr", "ks_c_5601-1987", "ks_c_5601", "ksc5601", "ksc_5601", "ks-c-5601",
    "x-windows-949", "windows-949", "cp949", "ms949", "uhc", "korean", "csksc56011987", "iso-ir-149",
}


def format_size(n: int) -> str:
    """``7.2 MB``, ``5 MB``, ``300 KB``, ``12 bytes`` — for messages."""
    if n >= 1024 * 1024:
        value, unit = n / (1024 * 1024), "MB"
    elif n >= 1024:
        value, unit = n / 1024, "KB"
    else:
        return f"{n} byte" if n == 1 else f"{n} bytes"
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{text} {unit}"


def too_big(name: str, size: int | None, max_bytes: int) -> InputError:
    """The one message for an input over the size limit (``size`` None: not known, only 'more')."""
    if size is None:
        return InputError(f"{name}: more than {format_size(max_bytes)}, the limit (--max-bytes)")
    return InputError(f"{name}: {format_size(size)} is over the {format_size(max_bytes)} limit (--max-bytes)")


_NOT_CHARSETS = {"punycode", "idna", "undefined", "unicode-escape", "raw-unicode-escape", "unicode_escape",
                 "raw_unicode_escape", "mbcs", "oem", "rot-13", "rot13", "uu", "base64", "hex", "zlib", "bz2", "quopri"}


def normalize_charset(name: str | None) -> str | None:
    """A Python codec name for a charset label from a header or <meta>, or None if unknown."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    if not label:
        return None
    if label in _KOREAN_ALIASES:
        return "cp949"
    if label in ("utf8", "utf-8", "unicode-1-1-utf-8", "x-unicode20utf8"):
        return "utf-8"
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError, TypeError):  # unknown, or a label with a NUL in it
        return None
    # Only text encodings a page could really be in: not base64/zlib/rot13, not punycode/idna or
    # Python's escape codecs, whatever a broken header says.
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return info.name


def charset_from_content_type(value: str | None) -> str | None:
    """``text/html; charset=EUC-KR`` → ``EUC-KR`` (the label as written)."""
    if not value:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._:\-]+)", value, re.I)
    return m.group(1) if m else None


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9._:\-]+)", re.I)
_XML_DECL = re.compile(rb"<\?xml[^>]+encoding\s*=\s*[\"']([A-Za-z0-9._:\-]+)", re.I)


def sniff_meta_charset(data: bytes, limit: int = 16384) -> str | None:
    """The charset an HTML document declares about itself in its first bytes.

    Finds ``<meta charset="euc-kr">``, ``<meta http-equiv="Content-Type" content="text/html;
    charset=euc-kr">`` and an XML declaration's ``encoding``. Returns the label as written."""
    head = data[:limit]
    m = _META_CHARSET.search(head) or _XML_DECL.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head or b"<head" in head


def _is_binary(data: bytes) -> str | None:
    """A reason why these bytes are not text, or None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    sample = data[:65536]
    if b"\x00" in sample:
        return ""
    controls = sum(1 for b in sample if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
    if controls > max(3, len(sample) // 50):  # over 2 % control bytes: not something a person wrote
        return ""
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM looks binary (NULs, control bytes); recognise it by what it decodes to."""
    if len(data) < 4 or len(data) % 2:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        readable = sum(1 for ch in text if ch.isprintable() or ch in "\t\r\n")
        hangul_or_ascii = sum(1 for ch in text if is_syllable(ch) or " " <= ch <= "~" or ch in "\t\r\n")
        if readable == len(text) and hangul_or_ascii >= 0.9 * len(text):
            return text
    return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeError, LookupError, ValueError, TypeError):
        return None


_WIDE = re.compile("[\u0080-\U0010ffff]")
_WIDER = re.compile("[\u0800-\U0010ffff]")


def _korean_in_disguise(utf8: str, data: bytes) -> bool:
    """Short CP949 text can also be valid UTF-8 (``캄`` is C4 AF, which UTF-8 reads as ``į``). When
    UTF-8 gives only Latin/Greek/Cyrillic letters and CP949 gives Hangul, it is Korean."""
    if not _WIDE.search(utf8) or _WIDER.search(utf8):  # no letter past ASCII, or one past U+07FF
        return False
    if re.search("[A-Za-z][\u0080-\u07ff]|[\u0080-\u07ff][A-Za-z]", utf8):
        return False  # an accent inside a Latin word ("café") is real UTF-8
    korean = _try(data, "cp949")
    if korean is None:
        return False
    hangul = sum(1 for c in korean if is_syllable(c))
    return hangul >= 0.5 * len([c for c in korean if ord(c) >= 0x80])


def _decode(data: bytes, name: str, declared: str | None) -> str:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _try(data[len(bom):], enc)
            if text is not None:
                return text
            raise InputError(f"{name}: starts with a {enc.upper()} byte-order mark but is not valid {enc.upper()}")

    codec = normalize_charset(declared)
    if codec:
        # Text that is valid UTF-8 (and not plain ASCII) is UTF-8, whatever the label says: servers
        # default to Latin-1, and converted pages keep an old "euc-kr" <meta>. The reverse accident
        # (CP949 bytes that happen to be valid UTF-8) does not happen in real Korean text.
        if codec != "utf-8" and not data.isascii():
            utf8 = _try(data, "utf-8")
            if utf8 is not None and not _korean_in_disguise(utf8, data):
                return utf8
        # EUC-KR proper first: it knows the old 8-byte jamo sequences (똠 as ㄸㅗㅁ); then CP949.
        text = (_try(data, "euc_kr") or _try(data, "cp949")) if codec == "cp949" else _try(data, codec)
        if text is not None:
            return text

    utf8 = _try(data, "utf-8")
    if utf8 is not None and not _korean_in_disguise(utf8, data):
        return utf8
    for enc in ("euc_kr", "cp949"):
        text = _try(data, enc)
        if text is not None:
            return text
    if utf8 is not None:
        return utf8
    stray = stray_bytes(data)
    if stray:  # UTF-8 but for a few bytes: said where, never guessed into another encoding
        raise InputError(f"{name}: {stray}")

    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    raise InputError(f"{name}: cannot tell the text encoding: not UTF-8 from {where_in(data, _first_bad(data))} on; "
                     "save it as UTF-8 and try again")


def _first_bad(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        return e.start
    return len(data)


def where_in(data: bytes, offset: int) -> str:
    """``byte 87 (line 3, column 28)``: a byte offset (from 0, as ``cmp`` and hex editors count)
    and where a text editor shows it (line and column from 1, in characters)."""
    start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", "replace")) + 1
    return f"byte {offset} (line {line}, column {column})"


def stray_bytes(data: bytes, shown: int = 3) -> str | None:
    """The one line for bytes that are UTF-8 text but for a few stray bytes (a byte lost or added by
    a copy, a file joined from two) — where each is — or None when they are not: at least three
    characters of three or more bytes (Hangul is three in UTF-8) read right, and ten times as many
    as the places that do not. Text in another encoding (CP949, Latin-1) fails the test."""
    bad: list[tuple[int, int]] = []
    wide = 0
    pos = 0
    while pos < len(data):
        try:
            text = data[pos:].decode("utf-8")
            wide += len(_WIDER.findall(text))
            break
        except UnicodeDecodeError as e:
            wide += len(_WIDER.findall(data[pos:pos + e.start].decode("utf-8")))
            bad.append((pos + e.start, pos + e.end))
            pos += e.end
            if len(bad) > 1000:
                return None
    if not bad or wide < 3 or wide < 10 * len(bad):
        return None
    first, end = bad[0]
    what = " ".join(f"0x{b:02X}" for b in data[first:end])
    line = f"not UTF-8 at {where_in(data, first)}: {what}"
    if len(bad) > 1:
        more = ", ".join(str(b) for b, _e in bad[1:shown])
        rest = len(bad) - shown
        line += (f", and at byte{'s' if len(bad) > 2 else ''} {more}" + (f" and {rest} more" if rest > 0 else ""))
    them = "those bytes" if len(bad) > 1 else "that byte"
    return line + f"; the rest is UTF-8: remove or fix {them} (or save the file as UTF-8 again)"


def decode_bytes(data: bytes, *, max_bytes: int, name: str = "input", declared: str | None = None) -> str:
    """Turn an article's bytes into clean text, or refuse with one clear line naming ``name``."""
    if len(data) > max_bytes:
        raise too_big(name, len(data), max_bytes)
    stripped = data
    for bom, _enc in _BOMS:
        if stripped.startswith(bom):
            stripped = stripped[len(bom):]
            break
    if not stripped.strip(b" \t\r\n\x0b\x0c\x00"):
        raise InputError(f"{name}: empty file" if _is_file_name(name) else f"{name}: empty input")

    has_wide_bom = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE,
                                    codecs.BOM_UTF32_BE))
    if not has_wide_bom:
        kind = _is_binary(data)
        if kind is not None:
            text = _utf16_without_bom(data) if kind == "" else None
            if text is None:
                detail = f" ({kind})" if kind else ""
                raise InputError(f"{name}: binary data, not text{detail}")
            return _finish(text, name)

    return _finish(_decode(data, name, declared), name)


def _finish(text: str, name: str) -> str:
    text = clean_text(text)
    if not text.strip():
        raise InputError(f"{name}: empty file" if _is_file_name(name) else f"{name}: empty input")
    return text


def _is_file_name(name: str) -> bool:
    return name not in ("-", "stdin", "input") and "://" not in name


def likely_encoding(data: bytes) -> str | None:
    """What bytes that are not UTF-8 most likely are, as a user would name it: ``CP949/EUC-KR``
    when they read as Korean that way (a file saved by a Windows editor), else charset-normalizer's
    guess; None when nothing fits. Only said, never used to convert a user's file."""
    korean = _try(data, "euc_kr") or _try(data, "cp949")
    if korean is not None and any(is_syllable(c) for c in korean):
        return "CP949/EUC-KR"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:65536]).best()
    except Exception:  # a guess only: never the reason a command fails
        return None
    return best.encoding.upper().replace("_", "-") if best is not None else None


def not_utf8(data: bytes, error: UnicodeDecodeError | None = None, fix: str = "re-save it as UTF-8") -> str:
    """The one line for a file that is not UTF-8: where it stops being UTF-8, what it probably is,
    and how to fix it — ``not UTF-8 text (byte 18; probably CP949/EUC-KR, as a Windows editor saves
    Korean): re-save it as UTF-8``."""
    where = [f"byte {error.start}"] if error is not None else []
    guess = likely_encoding(data)
    if guess == "CP949/EUC-KR":
        where.append("probably CP949/EUC-KR, as a Windows editor saves Korean")
    elif guess:
        where.append(f"probably {guess}")
    return "not UTF-8 text" + (f" ({'; '.join(where)})" if where else "") + (f": {fix}" if fix else "")
