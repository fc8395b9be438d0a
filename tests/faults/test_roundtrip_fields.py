"""Nothing injected: every field a note is given is written so that the file reads back to the same values.

The attack (issue 10) found titles with C1 controls or U+FFFE/U+FFFF, imported DEL/C1/noncharacters and
``extra`` keys like ``"a: b"`` written so that the YAML no longer parsed: ``new`` said "saved 1", then
``list`` skipped the note. The CLI cases below are those repros; the property tests drive the one writer
(``note.dump_front_matter``) over all of Unicode and hostile keys.
"""
from __future__ import annotations

import json
import math
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapnote import template
from scrapnote.errors import ScrapnoteError
from scrapnote.models import Article
from scrapnote.note import FIELDS, build_note, dump_front_matter, parse_note

T = template.load()

C1 = "".join(chr(c) for c in range(0x80, 0xA0))
NONCHARS = "\ufffe\uffff\U0001fffe\U0010ffff"
HOSTILE_KEYS = ["a: b", "k\n---\n## 요약 및 의견", "---", "#x", "x #y", "\"q\"", "'q'", " lead", "trail ", "",
                "null", "true", "~", "<<", "yes", "on", "1", "0x1F", "- a", "? x", "[a]", "{a}", "&a", "*a",
                "!tag", "%x", "@x", "`x", "|", ">", "a\tb", "\ufeffbom", "\x85", "\u2028", "\x7f", "\x00",
                "\ufffe", "é", "키:값", "...", "=", "a,b"]


def _no_warnings(r):
    assert "warning" not in r.stderr and "skipped" not in r.stderr, r.stderr


def _ids(r) -> list[int]:
    return [int(x) for x in r.stdout.split()]


# -- the repros, through the CLI ------------------------------------------------------------------
@pytest.mark.parametrize("bad", [C1, "\x85", "\x9b31m", "\ufffe", "\uffff", "\x7f"], ids=repr)
def test_new_from_text_file_with_control_title_reads_back(cli, tmp_path, bad):
    src = tmp_path / "a.txt"
    src.write_text(f"제목{bad}끝 이다\n\n본문 첫 문장이다. 두 번째 문장이다.\n", encoding="utf-8")
    r = cli("new", src, "--no-drafts", "--no-edit", "--json")
    assert r.exit_code == 0, r.stderr
    made = json.loads(r.stdout)
    r = cli("list", "--json")
    assert r.exit_code == 0
    _no_warnings(r)
    assert [row["id"] for row in json.loads(r.stdout)] == [made["id"]]
    shown = json.loads(cli("show", made["id"], "--json").stdout)
    assert shown["title"] == made["title"] and shown["body"] == made["body"]


@pytest.mark.parametrize("bad", [C1, "\x86", "\ufffe", "\uffff"], ids=repr)
def test_new_from_html_title_with_noncharacters_reads_back(cli, tmp_path, bad):
    src = tmp_path / "a.html"
    src.write_text(f"<html><head><meta charset='utf-8'><title>제목{bad} 끝</title></head><body><article>"
                   "<h1>제목 끝</h1><p>본문 첫 문장이다. 두 번째 문장이 이어진다. 세 번째 문장도 있다.</p>"
                   "</article></body></html>", encoding="utf-8")
    r = cli("new", src, "--no-drafts", "--no-edit", "--json")
    assert r.exit_code == 0, r.stderr
    made = json.loads(r.stdout)
    r = cli("list", "--json")
    _no_warnings(r)
    assert len(json.loads(r.stdout)) == 1
    assert json.loads(cli("show", made["id"], "--json").stdout)["title"] == made["title"]


def test_import_of_controls_and_noncharacters_in_fields_reads_back(cli, tmp_path):
    bad = "\x7f" + C1 + NONCHARS + "\u2028\u2029\ufeff\t\\\""
    entry = {"title": f"제목{bad}끝", "source": f"출처{bad}", "reporter": f"기자{bad}", "url": f"https://e.x/{bad}",
             "tags": [f"태그{bad}", "\x85", "a, b", "[x]"], "keywords": ["\uffff"], "body": "본문이다.",
             "scrapped": "2026-01-02T03:04:05+09:00"}
    f = tmp_path / "in.json"
    f.write_text(json.dumps([entry]), encoding="utf-8")
    r = cli("import", f)
    assert r.exit_code == 0, r.stderr
    (nid,) = _ids(r)
    r = cli("list", "--json")
    _no_warnings(r)
    shown = json.loads(cli("show", nid, "--json").stdout)
    # one-line fields have their runs of white space made one space; list items are stripped (as always)
    for k in ("title", "source", "reporter", "url"):
        assert shown[k] == " ".join(entry[k].split()), k
    for k in ("tags", "keywords"):
        assert shown[k] == [x.strip() for x in entry[k] if x.strip()], k
    assert "\uffff" in shown["title"] and "\x9f" in shown["source"] and shown["keywords"] == ["\uffff"]


def test_import_of_hostile_extra_keys_reads_back(cli, tmp_path, home):
    extra = {k: f"값 {i}" for i, k in enumerate(HOSTILE_KEYS)}
    extra["nested"] = {"a: b": [1, 2.5, None, True, "x\n---\ny"], "": {"~": "<<"}}
    extra["big"] = 10 ** 30
    extra["float"] = 1e16
    f = tmp_path / "in.json"
    f.write_text(json.dumps([{"title": "키 테스트", "body": "본문이다.", "extra": extra}]), encoding="utf-8")
    r = cli("import", f)
    assert r.exit_code == 0, r.stderr
    (nid,) = _ids(r)
    r = cli("list", "--json")
    _no_warnings(r)
    assert len(json.loads(r.stdout)) == 1
    shown = json.loads(cli("show", nid, "--json").stdout)
    assert shown["extra"] == extra
    # the sections of the note are the form's, none made up by a key
    (path,) = (home / "notes").glob("*.md")
    assert [s.key for s in parse_note(path.read_text(encoding="utf-8"), T).sections] == [
        s.key for s in T.body_sections]
    assert shown["summary"] == "" and shown["body"] == "본문이다." and "other_sections" not in shown


def test_extra_keys_that_collide_after_normalisation_are_refused(cli, tmp_path, home):
    f = tmp_path / "in.json"
    f.write_text(json.dumps([{"title": "t", "body": "b", "extra": {"\u00e9": 1, "e\u0301": 2}}]), encoding="utf-8")
    r = cli("import", f)
    assert r.exit_code == 1
    assert r.stderr.count("\n") == 1 and "note 1" in r.stderr and "extra" in r.stderr
    assert not list((home / "notes").glob("*.md")) if (home / "notes").exists() else True


def test_body_lines_that_look_like_structure_stay_in_their_section(cli, tmp_path):
    body = "첫 문단이다.\n\n---\n\n## 요약 및 의견\n\n# 제목처럼\n---\n마지막 문단이다."
    other = "다른 칸\r## 요약 및 의견\r\n끝"
    f = tmp_path / "in.json"
    f.write_text(json.dumps([{"title": "구조", "body": body, "summary": "내 요약",
                              "other_sections": [{"heading": "메모", "text": other}]}]), encoding="utf-8")
    r = cli("import", f)
    assert r.exit_code == 0, r.stderr
    (nid,) = _ids(r)
    shown = json.loads(cli("show", nid, "--json").stdout)
    assert shown["body"] == body.replace("## 요약", "### 요약").replace("# 제목", "### 제목")
    assert shown["summary"] == "내 요약"
    assert [o["heading"] for o in shown["other_sections"]] == ["메모"]
    assert "끝" in shown["other_sections"][0]["text"]


def test_other_section_heading_with_a_line_break_is_refused(cli, tmp_path):
    f = tmp_path / "in.json"
    f.write_text(json.dumps([{"title": "t", "body": "b", "other_sections": [{"heading": "a\r## 요약 및 의견"}]}]),
                 encoding="utf-8")
    r = cli("import", f)
    assert r.exit_code == 1 and "other_sections" in r.stderr


# -- the one writer, property-tested --------------------------------------------------------------
def _nfc_deep(v):
    """What a value reads back as: note files are NFC text; a lone surrogate (not UTF-8) is U+FFFD."""
    if isinstance(v, str):
        return unicodedata.normalize("NFC", "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in v))
    if isinstance(v, (list, tuple)):
        return [_nfc_deep(x) for x in v]
    if isinstance(v, dict):
        return {_nfc_deep(k): _nfc_deep(x) for k, x in v.items()}
    return v


def _same(a, b) -> bool:
    """Equal, type for type (True is not 1), NaN equal to NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    return a == b


any_text = st.text(st.characters(codec=None, categories=None), max_size=40)  # every code point, surrogates too
no_surrogates = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
tricky = st.sampled_from(HOSTILE_KEYS + [C1, NONCHARS, "\ud800", "a\udfffb", "\x85\u0301", "\\n\u0303",
                                         "e\u0301", "\u1100\u1161", "1e5", "0o7", "+1", ".5", "-.inf"])
texts = st.one_of(any_text, tricky, st.lists(tricky, max_size=3).map("".join))
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), texts)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(texts, inner, max_size=4)), max_leaves=12)
keys = texts.filter(lambda k: unicodedata.normalize("NFC", k) not in FIELDS)


def _distinct_after_nfc(d: dict) -> bool:
    seen = set()
    for k in d:
        n = _nfc_deep(k)
        if n in seen:
            return False
        seen.add(n)
    for v in d.values():
        if isinstance(v, dict) and not _distinct_after_nfc(v):
            return False
        if isinstance(v, list) and not all(_distinct_after_nfc(x) for x in v if isinstance(x, dict)):
            return False
    return True


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(title=texts, source=st.one_of(st.none(), texts), tags=st.lists(texts, max_size=4),
       extra=st.dictionaries(keys, values, max_size=5).filter(_distinct_after_nfc))
def test_every_value_and_key_reads_back(title, source, tags, extra):
    meta = {"id": 7, "title": title, "url": None, "source": source, "tags": tags, "keywords": [], **extra}
    text = "---\n" + dump_front_matter(meta) + "---\n\n## 본문\n\n본문\n"
    back = parse_note(text, T).meta
    assert _same(back, _nfc_deep(meta))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(title=no_surrogates, body=st.lists(st.one_of(no_surrogates, st.sampled_from(
    ["---", "## 요약 및 의견", "# x", "## ", "---\n---", "...", "\r## 본문"])), max_size=6).map("\n".join),
    extra=st.dictionaries(keys, values, max_size=3).filter(_distinct_after_nfc))
def test_whole_note_reads_back_fields_and_sections(title, body, extra):
    art = Article(title=title, body=body, url="https://e.x/a", published="2023-07-13")
    note = build_note(art, T, 3, tags=["a: b", "\uffff"], scrapped="2026-11-22T10:15:00+09:00")
    note = note.with_meta(**extra)
    back = parse_note(note.to_text(), T)
    assert _same(back.meta, _nfc_deep(note.meta))
    assert [s.key for s in back.sections] == [s.key for s in T.body_sections]
    assert [s.text for s in back.sections] == [s.text for s in note.sections]
    assert back.to_text() == unicodedata.normalize("NFC", note.to_text())  # the file as it is read


def test_a_lone_surrogate_is_written_as_the_replacement_character():
    text = dump_front_matter({"id": 1, "title": "a\ud800b", "x\udc00": ["\udfff"]})
    text.encode("utf-8")  # always writable
    back = parse_note("---\n" + text + "---\n", T).meta
    assert back["title"] == "a\ufffdb" and back["x\ufffd"] == ["\ufffd"]


@pytest.mark.parametrize("meta, what", [
    ({"id": 1, "x": b"bytes"}, "'x'"),
    ({"id": 1, "x": {1, 2}}, "'x'"),
    ({"id": 1, "x": object()}, "'x'"),
    ({"id": 1, "\u00e9": 1, "e\u0301": 2}, "same"),
    ({"id": 0}, "'id'"),
    ({"id": 2 ** 31}, "'id'"),
    ({"id": 1, "published": "어제"}, "'published'"),
    ({"id": 1, "tags": [["a"]]}, "'tags'"),
    ({"id": 1, "x": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}, "deep"),
])
def test_what_cannot_be_written_safely_is_refused_in_one_line(meta, what):
    with pytest.raises(ScrapnoteError) as e:
        dump_front_matter(meta)
    assert what in str(e.value) and "\n" not in str(e.value)


# -- the reader: alias bombs and values a note cannot keep -----------------------------------------
BOMB = "".join(["lol0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"]
               + [f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9)])


def _run(*args, home):
    import os
    import subprocess

    from conftest import scrapnote_exe

    env = {**os.environ, "SCRAPNOTE_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run([scrapnote_exe(), *map(str, args)], capture_output=True, text=True, env=env, timeout=20)


@pytest.mark.parametrize("fm, reason", [
    (BOMB, "alias"),
    ("x: &a [*a]\n", "contains itself"),
    ("x: " + "[" * 40 + "]" * 40 + "\n", "nested"),
    ("a: &a {k: 1}\n" + "".join(f"b{i}: {{<<: *a}}\n" for i in range(150)), "aliases"),
    ("x: !!binary aGVsbG8=\n", "'x'"),
    ("x: !!int abc\n", "not valid YAML"),
    ("x: !!float x\n", "not valid YAML"),
])
def test_a_hand_made_note_the_reader_refuses_is_a_broken_note(home, write_note, fm, reason):
    """An alias bomb in an extra key made show --json and export -f json run for minutes; now it is
    a broken note, reported in one line naming the file like every other."""
    write_note("0001-ok.md", "---\nid: 1\ntitle: 멀쩡한 노트\n---\n\n## 본문\n\n본문이다.\n")
    path = write_note("0002-bomb.md", "---\nid: 2\ntitle: 폭탄\n" + fm + "---\n\n## 본문\n\n본문이다.\n")
    for args in (("show", "2", "--json"), ("export", "-f", "json", "2"), ("show", "2")):
        r = _run(*args, home=home)
        assert r.returncode == 1 and "Traceback" not in r.stderr
        assert r.stderr.count("\n") == 1 and str(path) in r.stderr and reason in r.stderr, r.stderr
    r = _run("list", home=home)
    assert r.returncode == 0 and "멀쩡한 노트" in r.stdout
    assert "warning: skipped" in r.stderr and path.name in r.stderr and reason in r.stderr
    r = _run("export", "-f", "json", "--all", home=home)  # the others exported; not every note: exit 1
    assert r.returncode == 1 and [n["id"] for n in json.loads(r.stdout)] == [1]
    assert path.name in r.stderr and reason in r.stderr


@pytest.mark.parametrize("alias", ["", "anchor: &a [1]\nagain: *a\n"])
def test_nesting_the_writer_allows_is_what_the_reader_allows(alias):
    from scrapnote.errors import BrokenNoteError
    from scrapnote.note import NESTING_MAX

    deepest = 0
    for _ in range(NESTING_MAX):  # lists in lists, NESTING_MAX levels
        deepest = [deepest]
    text = dump_front_matter({"id": 1, "x": deepest})
    assert parse_note("---\n" + text + alias + "---\n", T).meta["x"] == deepest
    with pytest.raises(ScrapnoteError):
        dump_front_matter({"id": 1, "x": [deepest]})
    with pytest.raises(BrokenNoteError, match="nested more than"):
        parse_note("---\nid: 1\nx: " + "[" * (NESTING_MAX + 1) + "]" * (NESTING_MAX + 1) + "\n" + alias + "---\n", T)


def test_aliases_within_the_limit_still_read(write_note, cli):
    write_note("0001-a.md", "---\nid: 1\ntitle: t\nbase: &b {k: 1, j: [1, 2]}\nmore: *b\nlist: [*b, *b]\n---\n")
    shown = json.loads(cli("show", "1", "--json").stdout)
    assert shown["extra"] == {"base": {"k": 1, "j": [1, 2]}, "more": {"k": 1, "j": [1, 2]},
                              "list": [{"k": 1, "j": [1, 2]}] * 2}


@pytest.mark.parametrize("value, shown", [("!!timestamp 2020-01-02", "2020-01-02"), ("!!set {b: null, a: null}", ["a", "b"]),
                                          ("!!omap [a: 1]", [["a", 1]])])
def test_values_yaml_builds_from_tags_are_kept_as_json_data(write_note, cli, value, shown):
    write_note("0001-a.md", f"---\nid: 1\ntitle: t\nx: {value}\n---\n")
    r = cli("show", "1", "--json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["extra"] == {"x": shown}
