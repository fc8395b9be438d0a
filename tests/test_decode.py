"""decode_bytes: every way an article's bytes arrive, and every way they are refused."""
from __future__ import annotations

import codecs
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrapnote.decode import (
    charset_from_content_type,
    decode_bytes,
    format_size,
    normalize_charset,
    sniff_meta_charset,
)
from scrapnote.errors import InputError
from scrapnote.text import clean_text

MB = 1024 * 1024
KOREAN = "가상전자가 2분기 영업이익 12조원을 넘어섰다. 똠방각하 쀍 햏"  # 똠, 쀍, 햏: CP949-only syllables


def dec(data: bytes, **kw) -> str:
    kw.setdefault("max_bytes", 5 * MB)
    return decode_bytes(data, **kw)


@pytest.mark.parametrize("encoding", ["utf-8", "cp949"])
def test_plain_encodings(encoding):
    assert dec(KOREAN.encode(encoding)) == KOREAN


def test_euc_kr_bytes():
    text = "한국은행이 기준금리를 동결했다."
    assert dec(text.encode("euc-kr")) == text


@pytest.mark.parametrize("short", ["삼성", "금리 동결", "코스피 2% 하락", "원·달러 환율", "반도체 수출", "똠양꿍",
                                   "전세 사기", "가계부채", "한은 총재", "부동산 PF"])
def test_short_cp949_strings_are_read_right(short):
    # charset-normalizer alone misreads many of these; strict CP949 before it does not.
    assert dec(short.encode("cp949")) == short


def test_short_cp949_that_is_also_valid_utf8():
    assert "캄".encode("cp949").decode("utf-8") == "į"  # the trap
    assert dec("캄".encode("cp949")) == "캄"
    assert dec("é café".encode()) == "é café"  # real Latin text stays UTF-8


def test_utf8_bom_is_removed():
    assert dec(codecs.BOM_UTF8 + "본문".encode()) == "본문"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(encoding):
    data = "경제신문 스크랩\n본문".encode(encoding)
    if encoding != "utf-16":
        data = (codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE) + data
    assert dec(data) == "경제신문 스크랩\n본문"


def test_utf16_without_bom_is_not_called_binary():
    assert dec("금리 동결 전망이 우세하다".encode("utf-16-le")) == "금리 동결 전망이 우세하다"


def test_nfd_hangul_becomes_nfc():
    nfd = unicodedata.normalize("NFD", "한국경제")
    assert nfd != "한국경제"
    out = dec(nfd.encode("utf-8"))
    assert out == "한국경제"
    assert unicodedata.is_normalized("NFC", out)


def test_nbsp_and_odd_spaces_become_plain_spaces():
    raw = "국내\u00a0최고의\u2003인공지능\u3000기술\u200b역량\ufeff보유"
    assert dec(raw.encode("utf-8")) == "국내 최고의 인공지능 기술 역량 보유"


def test_crlf_and_cr_become_lf():
    assert dec("첫 줄\r\n둘째 줄\r셋째 줄".encode()) == "첫 줄\n둘째 줄\n셋째 줄"


def test_declared_charset_is_used():
    text = "가나다라 마바사"
    assert dec(text.encode("euc-kr"), declared="EUC-KR") == text
    assert dec(text.encode("euc-kr"), declared="ks_c_5601-1987") == text


def test_wrong_latin1_declaration_loses_to_real_utf8():
    text = "가상전자 실적 발표"
    assert dec(text.encode("utf-8"), declared="iso-8859-1") == text


def test_stale_euc_kr_meta_on_a_utf8_page():
    text = "<p>가상은행이 기준금리를 동결했다.</p>"
    assert dec(text.encode("utf-8"), declared="euc-kr") == text


def test_old_euc_kr_jamo_sequences():
    assert dec("똠방각하".encode("euc-kr"), declared="euc-kr") == "똠방각하"
    assert dec("똠방각하".encode("euc-kr")) == "똠방각하"


def test_wrong_utf8_declaration_falls_back_to_cp949():
    text = "가상전자 실적 발표"
    assert dec(text.encode("cp949"), declared="utf-8") == text


def test_empty_file():
    with pytest.raises(InputError) as e:
        dec(b"", name="input.txt")
    assert str(e.value) == "input.txt: empty file"


def test_whitespace_only_is_empty():
    with pytest.raises(InputError, match=r"^note\.txt: empty file$"):
        dec(b" \r\n\t\n", name="note.txt")


def test_bom_only_is_empty():
    with pytest.raises(InputError, match="empty"):
        dec(codecs.BOM_UTF8, name="bom.txt")


def test_empty_stdin_names_stdin():
    with pytest.raises(InputError, match=r"^stdin: empty input$"):
        dec(b"", name="stdin")


@pytest.mark.parametrize("data", [
    b"\x00\x01\x02\x03binary\x00\x00\xff\xfe\x10" * 10,
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    bytes([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0e, 0x0f]) * 20,
])
def test_binary_is_refused(data):
    with pytest.raises(InputError) as e:
        dec(data, name="x.bin")
    msg = str(e.value)
    assert msg.startswith("x.bin: binary data, not text")
    assert "\n" not in msg


def test_text_starting_with_mz_is_text():
    # "MZ세대" is everyday economic vocabulary, not a Windows program header.
    assert dec("MZ세대 소비가 늘었다".encode()).startswith("MZ세대")


def test_oversized_is_refused_with_sizes():
    data = b"a" * int(7.2 * MB)
    with pytest.raises(InputError) as e:
        dec(data, name="big.txt", max_bytes=5 * MB)
    assert str(e.value) == "big.txt: 7.2 MB is over the 5 MB limit (--max-bytes)"


def test_size_limit_is_inclusive():
    assert dec(b"abc", max_bytes=3) == "abc"
    with pytest.raises(InputError, match="over the 3 bytes limit"):
        dec(b"abcd", max_bytes=3, name="f.txt")


def test_format_size():
    assert format_size(5 * MB) == "5 MB"
    assert format_size(1536) == "1.5 KB"
    assert format_size(12) == "12 bytes"


def test_sniff_meta_charset():
    assert sniff_meta_charset(b'<html><head><meta charset="euc-kr"></head>') == "euc-kr"
    assert sniff_meta_charset(
        b'<meta http-equiv="Content-Type" content="text/html; charset=EUC-KR">') == "EUC-KR"
    assert sniff_meta_charset(b"<?xml version='1.0' encoding='UTF-8'?><html>") == "UTF-8"
    assert sniff_meta_charset(b"<html><head><title>x</title></head>") is None


def test_charset_helpers():
    assert charset_from_content_type("text/html; charset=EUC-KR") == "EUC-KR"
    assert charset_from_content_type("text/html") is None
    assert normalize_charset("EUC-KR") == "cp949"
    assert normalize_charset("x-windows-949") == "cp949"
    assert normalize_charset("UTF8") == "utf-8"
    assert normalize_charset("no-such-charset") is None


def test_clean_text_removes_stray_controls_but_keeps_tabs():
    assert clean_text("a\x07b\tc\x0bd") == "ab\tcd"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3) | st.sampled_from(" .,\n"),
               min_size=1, max_size=80).filter(lambda s: s.strip()))
def test_any_hangul_round_trips_through_utf8_and_cp949(s):
    assert dec(s.encode("utf-8")) == s
    assert dec(s.encode("cp949")) == s


LONG = ("가상전자, 2분기 실적 발표했다\n\n가상전자가 2분기 실적을 발표했다고 5일 밝혔다. 영업이익은 12조원이다.\n"
        "메모리 반도체 가격이 오르면서 실적이 크게 좋아졌다고 회사는 설명했다.\n")


@pytest.mark.parametrize("stray", [b"\xff", b"\x80", b"\xc3"])
def test_one_stray_byte_in_utf8_text_is_refused_saying_where(cli, home, tmp_path, stray):
    """UTF-8 text but for one byte: the line says where it is — the byte offset (as cmp and hex
    editors count, from 0), the line and column an editor shows — and what it is; it is never
    guessed into another encoding (charset-normalizer made mojibake of some, or gave up)."""
    data = LONG.encode()
    at = data.index("영업".encode())
    f = tmp_path / "stray.txt"
    f.write_bytes(data[:at] + stray + data[at:])
    r = cli("new", "--no-edit", "--no-drafts", f)
    assert r.exit_code == 1 and r.stdout == "" and not (home / "notes").exists()
    assert r.stderr == (f"error: {f}: not UTF-8 at byte {at} (line 3, column 29): 0x{stray[0]:02X}; the rest is UTF-8: "
                        "remove or fix that byte (or save the file as UTF-8 again)\n")


def test_several_stray_bytes_are_each_placed(cli, tmp_path):
    data = (LONG * 4).encode()
    spots = [data.index("영업".encode()), data.index("메모리".encode()), data.rindex("회사".encode())]
    for at in sorted(spots, reverse=True):
        data = data[:at] + b"\xff" + data[at:]
    f = tmp_path / "stray.txt"
    f.write_bytes(data)
    r = cli("new", "--no-edit", "--no-drafts", f)
    first = data.index(b"\xff")
    assert r.exit_code == 1 and r.stderr.startswith(f"error: {f}: not UTF-8 at byte {first} (line 3, column 29): 0xFF, "
                                                    "and at bytes ")
    rest = [i for i in range(len(data)) if data[i] == 0xFF][1:]
    assert f"and at bytes {rest[0]}, {rest[1]}" in r.stderr and "remove or fix those bytes" in r.stderr


def test_text_in_another_encoding_is_still_read():
    """CP949 and Latin-1 are no UTF-8 with stray bytes: read as before."""
    from scrapnote.decode import stray_bytes

    assert stray_bytes(LONG.encode("cp949")) is None
    assert stray_bytes("café au lait, naïve résumé\n".encode("latin-1")) is None
    assert dec(LONG.encode("cp949")).startswith("가상전자")
