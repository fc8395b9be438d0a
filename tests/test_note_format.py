"""The note file: lossless round trips, hand-made files, broken files named with the reason."""
from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapnote import template
from scrapnote.errors import BrokenNoteError
from scrapnote.models import Article
from scrapnote.note import build_note, dump_front_matter, load_yaml, parse_note, slugify

T = template.load()

hangul = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
jamo = st.characters(min_codepoint=0x1100, max_codepoint=0x11FF)  # NFD building blocks
odd_space = st.sampled_from(["\u00a0", "\u3000", "\t", "\u2009", "\u200b", "\r", "\n", " ", "\u2028"])
ascii_text = st.characters(min_codepoint=32, max_codepoint=126)
text = st.text(st.one_of(hangul, jamo, odd_space, ascii_text, st.sampled_from("#-:*[]{}\"'|>")), max_size=200)
line = text.map(lambda s: " ".join(s.split()))


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(title=line, body=text, source=st.one_of(st.none(), line), tags=st.lists(line, max_size=4),
       summary=text, as_nfd=st.booleans())
def test_written_file_parses_and_writes_back_byte_identical(title, body, source, tags, summary, as_nfd):
    if as_nfd:
        title, body = nfd(title), nfd(body)
    art = Article(title=title, body=body, source=source or None, url="https://example.com/a?b=1#c",
                  published="2023-07-13", sections={"summary": summary})
    note = build_note(art, T, 7, tags=tags, scrapped="2026-11-22T10:15:00+09:00")
    first = note.to_text()
    parsed = parse_note(first, T)
    assert parsed.to_text() == first
    assert parsed.id == 7
    assert parsed.title == unicodedata.normalize("NFC", " ".join(title.split()))
    # every section of the form is there, in order
    assert [s.key for s in parsed.sections] == [s.key for s in T.body_sections]
    # the body text survives: NFC, LF, outer blank lines trimmed, "#"/"##" lines demoted to "###"
    want = unicodedata.normalize("NFC", body).replace("\r\n", "\n").replace("\r", "\n").strip("\n").rstrip()
    want = re.sub(r"^#{1,2} ", "### ", want, flags=re.M)
    assert parsed.section("body") == want


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "source", "url", "reporter", "note", "x"]),
                       st.one_of(st.none(), line, text)))
def test_front_matter_values_survive_yaml(values):
    meta = {"id": 1, **values}
    dumped = dump_front_matter(meta)
    assert load_yaml(dumped) == meta


def test_unknown_headings_and_user_text_are_kept():
    src = ("---\nid: 4\ntitle: 손으로 쓴 노트\nmy_field: 그대로\n---\n\n내가 맨 위에 쓴 말\n\n"
           "## 헤드라인\n\n짧은 제목\n\n## 내 생각 (양식에 없는 칸)\n\n자유롭게 쓴 글\n- 항목\n\n"
           "## 요약 및 의견\n\n요약이다\n")
    note = parse_note(src, T)
    assert note.to_text() == src
    assert note.section("headline") == "짧은 제목"
    assert note.section("summary") == "요약이다"
    assert note.section("body") == ""  # missing sections load as empty
    unknown = [s for s in note.sections if s.key is None]
    assert unknown[0].heading == "내 생각 (양식에 없는 칸)" and "자유롭게 쓴 글" in unknown[0].text
    assert note.meta["my_field"] == "그대로"
    changed = note.with_meta(tags=["새태그"]).to_text()
    assert "my_field: 그대로" in changed and "내가 맨 위에 쓴 말" in changed and "자유롭게 쓴 글" in changed


def test_bom_and_crlf_and_nfd_file_loads():
    src = "\ufeff---\r\nid: 2\r\ntitle: " + nfd("구글 협력") + "\r\n---\r\n\r\n## 본문\r\n\r\n" + nfd("본문이다") + "\r\n"
    note = parse_note(src, T)
    assert note.id == 2 and note.title == "구글 협력"
    assert note.section("body") == "본문이다"


def test_dates_stay_text():
    note = parse_note("---\nid: 3\ntitle: t\npublished: 2023-07-13\nscrapped: 2026-11-22T10:15:00+09:00\n---\n", T)
    assert note.meta["published"] == "2023-07-13"
    assert note.meta["scrapped"] == "2026-11-22T10:15:00+09:00"


@pytest.mark.parametrize("src, reason", [
    ("제목만 있는 파일\n", "no front matter"),
    ("---\nid: 1\ntitle: [깨진\n---\n", "not valid YAML"),
    ("---\nid: 1\ntitle: ok\n", "not closed"),
    ("---\ntitle: no id\n---\n", "'id'"),
    ("---\nid: 1\npublished: 어제\n---\n", "'published'"),
    ("---\nid: 1\ntags: {a: 1}\n---\n", "'tags'"),
    ("---\n- a\n- b\n---\n", "key: value"),
])
def test_broken_files_are_named_with_the_reason(src, reason):
    with pytest.raises(BrokenNoteError) as e:
        parse_note(src, T, path=None)
    assert reason in str(e.value)


def test_hand_written_tag_string_becomes_list():
    note = parse_note("---\nid: 1\ntags: AI, 반도체\n---\n", T)
    assert note.meta["tags"] == ["AI", "반도체"]


@pytest.mark.parametrize("title, slug", [
    ("과기정통부-구글, AI 발전 위해 '맞손'인재 양성부터 공동 연구까지", "과기정통부-구글-AI-발전-위해-맞손-인재-양성부터-공동-연구까지"[:40].rstrip("-")),
    (nfd("카카오 제주"), "카카오-제주"),
    ("///", "note"),
    ("a/b\\c:d*e?f", "a-b-c-d-e-f"),
])
def test_slug(title, slug):
    assert slugify(title) == slug
    assert len(slugify(title)) <= 40
