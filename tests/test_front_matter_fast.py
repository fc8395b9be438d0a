"""note.fast_front_matter: the front matter the tool writes, read without PyYAML, must read
exactly as load_yaml reads it (values and types) — or give up (None) so YAML reads it."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapnote.note import dump_front_matter, fast_front_matter, load_yaml


def same_as_yaml(text: str) -> dict | None:
    fast = fast_front_matter(text)
    if fast is not None:
        slow = load_yaml(text)
        assert fast == slow, text
        assert [type(v) for v in fast.values()] == [type(v) for v in slow.values()], text
        for k, v in fast.items():
            if isinstance(v, list):
                assert [type(x) for x in v] == [type(x) for x in slow[k]], text
    return fast


def test_what_the_tool_writes_is_read_without_yaml():
    meta = {"id": 25000, "title": '수출 회복에 흔들리는 자동차…관계자 "반등 기대"', "url": "https://a.example/x?q=1&b=2",
            "source": "조선비즈", "reporter": None, "published": "2019-01-23", "scrapped": "2019-01-23T09:00:00+09:00",
            "industry": ["디스플레이"], "companies": ["삼성전자", "SK하이닉스"], "tags": ["AI", "반도체"], "keywords": [],
            "template": "economy"}
    text = dump_front_matter(meta)
    assert same_as_yaml(text) == meta


@pytest.mark.parametrize("value", [
    "yes", "no", "on", "off", "true", "False", "y", "n", "null", "Null", "~", "", " ", "1_000", "012", "0x1F",
    "0o17", "1:20", "-3", "+3", "1.5", ".inf", ".NaN", "1e3", "2024-01-01", "2024-01-01 10:00:00", "a: b",
    "a #c", "a#b", "a:", ":a", "-a", "? a", "&x a", "*x", "!!str 1", "!tag a", "|", ">", "'a'", '"a', '"a"b"',
    '"a\\tb"', '"a\\"b\\\\c"', '"a\\\\"', '"\\u00e9"', '"a" # c', "@a", "`a", "%a", "=", "<<", "[a, b]",
    "[a, 1]", "[yes, no]", '["a, b"]', '["a", "b"]', "['a']", "[a, [b]]", "[a,b]", "[ a ]", "[]", "[,]",
    '["a\\", \\"b"]', "{a: 1}", "...", "a...", "a\tb", "a\x85b", "a\u2028b", "a\ufeffb", "a\x7fb", "a\x9fb",
    "9999999999999999999999", "0", "00", "한글 값", "값 : 아님", "https://x.example/a:b", "a [b] {c}",
])
def test_each_value_shape_reads_as_yaml_reads_it(value):
    same_as_yaml(f"key: {value}\n")
    same_as_yaml(f"id: 1\nkey: {value}\ntitle: \"t\"\n")
    same_as_yaml(f"tags: [{value}]\n")


@pytest.mark.parametrize("text", [
    "on: 1\n", "null: 1\n", "yes: a\n", "a: 1\na: 2\n", "a:\n", "a:  b\n", " a: b\n", "a: b \n", "# c\na: b\n",
    "a: b\n  c\n", "a-b: c\n", "a: b\n\nc: d\n", "a: 'b'\n", "- a\n", "a: [b,\n c]\n", "%YAML 1.1\n", "\n",
    "a: b\n...\n", "a b: c\n", "1: a\n", "_a: b\n", "A: b\n",
])
def test_each_line_shape_reads_as_yaml_reads_it(text):
    try:
        load_yaml(text)
    except Exception:
        assert fast_front_matter(text) is None  # YAML refuses it: so must the fast reader (it gives up)
        return
    same_as_yaml(text)


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
_plain = st.sampled_from(["a", "AI", "반도체", "yes", "null", "1", "0.5", "a b", "a: b", "a #b", "x,y", "[a]", "-a",
                          "https://e.example/a?b=c", "2024-01-01", "~", "on", "é", "a\tb", "a\\b", 'a"b'])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["id", "title", "url", "source", "reporter", "published", "tags", "companies",
                                        "template", "x_own", "memo"]),
                       st.one_of(st.none(), st.integers(-5, 10 ** 20), st.booleans(), st.floats(allow_nan=False),
                                 _text, _plain, st.lists(st.one_of(_text, _plain), max_size=4)),
                       min_size=1))
def test_written_front_matter_reads_the_same_fast_or_not(meta):
    """Whatever the writer writes, the fast reader reads as YAML does (or leaves it to YAML)."""
    from scrapnote.note import FrontMatterError

    try:
        text = dump_front_matter(meta)
    except FrontMatterError:
        return
    same_as_yaml(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["id", "title", "tags", "on", "null", "a"]),
                          st.one_of(_plain, _text, st.just('"q\\"x"'), st.just("[a, b]"), st.just('["a", "b"]'))),
                min_size=1, max_size=4))
def test_hand_written_lines_read_as_yaml_reads_them(lines):
    text = "".join(f"{k}: {v}\n" for k, v in lines)
    try:
        load_yaml(text)
    except Exception:
        assert fast_front_matter(text) is None
        return
    same_as_yaml(text)
