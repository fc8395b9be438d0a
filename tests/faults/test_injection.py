"""Nothing injected on a terminal: a note's fields never reach it as escape sequences (issue 10).

The attack found ``list``, ``search``, ``show``, ``questions`` and ``check`` printing a field's escape
sequences raw (window title, screen clear, OSC 52 clipboard write, OSC 8 links) and ``show`` making a
``javascript:`` url a clickable link. Every hostile text below goes into every field a command shows;
each command, through CliRunner (plain output) and on a pseudo-terminal (Rich output), must print
it as visible escapes: no ESC, no C1 control, no bidi control, no CR reaches stdout or stderr, Rich
markup in a field prints as typed, and a terminal link goes only to an http(s) address.
"""
from __future__ import annotations

import json
import os
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import scrapnote_exe
from scrapnote.safetext import json_dumps, link_target, visible, visible_spans
from test_study_commands import _run_on_pty

# (name, text): what the attack sent, and its neighbours.
HOSTILE = [
    ("osc0-title", "\x1b]0;PWNED\x07"),
    ("osc2-title-st", "\x1b]2;PWNED\x1b\\"),
    ("csi-clear", "\x1b[2J\x1b[H"),
    ("csi-colour", "\x1b[31;1mRED"),
    ("osc52-clipboard", "\x1b]52;c;ZXZpbA==\x07"),
    ("osc8-link", "\x1b]8;;javascript:alert(1)\x1b\\click\x1b]8;;\x1b\\"),
    ("c1-csi", "\x9b2J"),
    ("c1-osc", "\x9d0;PWNED\x9c"),
    ("del", "x\x7fy"),
    ("bel-bs", "\x07\x08\x08z"),
    ("cr", "ok\rEVIL"),
    ("bidi-override", "\u202etxt.exe\u202c"),
    ("bidi-isolate", "\u2066x\u2069"),
]
MARKUP = "[bold red]굵게[/] [link=javascript:alert(1)]링크[/link]"

# What may not reach a terminal: C0 controls but TAB and LF, DEL, C1, the bidi controls.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What Rich itself sends on a terminal: colours and styles, links (checked on their own), cursor show/hide.
RICH_SGR = re.compile(r"\x1b\[[0-9;]*m")
RICH_LINK = re.compile(r"\x1b\]8;[^;\x07\x1b]*;([^\x07\x1b]*)\x1b\\")
RICH_CURSOR = re.compile(r"\x1b\[\?25[lh]")


def assert_inert(text: str, where: str) -> None:
    bad = sorted({repr(c) for c in UNSAFE.findall(text)})
    assert not bad, f"{where}: raw {', '.join(bad)} reached the output"


def screen(raw: str) -> tuple[str, list[str]]:
    """A pty's output without what Rich sends (the link targets kept aside); the pty's CRLF as LF."""
    links = RICH_LINK.findall(raw)
    text = RICH_CURSOR.sub("", RICH_LINK.sub("", RICH_SGR.sub("", raw)))
    return text.replace("\r\n", "\n"), links


def _note(i: int, name: str, bad: str) -> dict:
    return {"title": f"제목{i} {name} {bad} 끝 {MARKUP}", "source": f"출처{bad}", "reporter": f"기자{bad}",
            "url": f"https://news.example/{i}", "published": "2024-03-0" + str(1 + i % 9),
            "tags": [f"태그{bad}", MARKUP], "companies": [f"회사{bad}"], "industry": [f"산업{bad}"],
            "keywords": ["구글", "인재"],
            "body": f"구글이 인재를 뽑는다. 본문에 {bad} 들어 있다.\n\n둘째 문단 {MARKUP} 이다.",
            "insights": f"- 인사이트 {bad}\n- [나쁜 링크](javascript:alert({i}))",
            "questions": f"- 구글 현직자에게 {bad} 묻는다?",
            "related": [{"headline": f"관련 {bad}", "url": "javascript:alert(1)"}]}


@pytest.fixture
def hostile(cli, tmp_path):
    """One imported note per hostile text (ids 1…), each field holding it."""
    notes = [_note(i, name, bad) for i, (name, bad) in enumerate(HOSTILE)]
    f = tmp_path / "hostile.json"
    f.write_text(json.dumps(notes, ensure_ascii=False), encoding="utf-8")
    r = cli("import", f)
    assert r.exit_code == 0, r.stderr
    ids = [int(x) for x in r.stdout.split()]
    assert len(ids) == len(HOSTILE)
    return f, ids


# related: the hostile notes share only words every one of them has (구글, 인재), each about its own
# company: none is related to another, so --all lists the closest below the cut-off (with their texts)
COMMANDS = [("list",), ("search", "구글"), ("show", "1"), ("show", "5"), ("show", "12"), ("questions",), ("check",),
            ("related", "1", "--all")]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_plain_output_shows_escapes_never_sends_them(cli, hostile, args):
    r = cli(*args)
    assert r.exit_code in (0, 1), r.stderr
    assert_inert(r.stdout, f"{' '.join(args)} stdout")
    assert_inert(r.stderr, f"{' '.join(args)} stderr")
    assert r.stdout.strip()


def test_every_hostile_text_is_shown_as_its_escape(cli, hostile):
    wide = {"COLUMNS": "400"}  # whole titles (a piped table cuts a long one)
    listed, shown = cli("list", env=wide).stdout, {nid: cli("show", nid, env=wide).stdout for nid in hostile[1]}
    questions, checked = cli("questions").stdout, cli("check").stdout
    for nid, (name, bad) in zip(hostile[1], HOSTILE):
        meta = json.loads(cli("show", nid, "--json").stdout)
        title = visible(meta["title"], oneline=True)
        assert title in listed and title in checked, name
        page = shown[nid]
        for field in ("source", "reporter"):
            assert visible(meta[field], oneline=True) in page, (name, field)
        assert visible(meta["body"].split("\n")[0]) in page, name
        assert visible(f"구글 현직자에게 {bad} 묻는다?") in questions or "\r" in bad, name
        if "\x1b" in bad:
            assert "\\x1b" in page and "\\x1b" in listed
        if "\x9b" in bad or "\x9d" in bad:
            assert "\\u009" in page and "\\u009" in listed


def test_import_warnings_and_broken_files_name_them_safely(cli, hostile, write_note):
    f, _ids = hostile
    r = cli("import", f, env={"COLUMNS": "400"})  # the same notes again: a line per note naming its title
    assert r.exit_code == 1 and r.stdout == ""  # none imported again (each has its link here)
    assert r.stderr.count("is already here as #") == len(HOSTILE)
    assert_inert(r.stderr, "import warnings")
    assert "\\x1b]0;PWNED\\x07" in r.stderr
    write_note("0099-a\x1b]0;PWNED\x07b.md", "---\nid: 99\ntitle: [unclosed\n---\n\n본문\n")
    r = cli("list")
    assert "skipped" in r.stderr and "0099-a\\x1b]0;PWNED\\x07b.md" in r.stderr
    assert_inert(r.stderr, "a broken note's warning")


def test_rich_markup_in_a_field_prints_as_typed(cli, hostile):
    for args in (("list",), ("show", "1"), ("search", "구글"), ("questions",)):
        out = cli(*args).stdout
        assert "[bold red]굵게[/]" in out or "[link=javascript:alert(1)]링크[/link]" in out or args == ("questions",), args
    assert "[bold red]굵게[/] [link=javascript:alert(1)]링크[/link]" in cli("show", "1").stdout


@pytest.mark.parametrize("args", [("list", "--json"), ("show", "1", "--json"), ("show", "7", "--json"),
                                  ("search", "구글", "--json"), ("questions", "--json"), ("related", "1", "--all", "--json"),
                                  ("export", "--all", "-f", "json")], ids=" ".join)
def test_json_escapes_every_control_and_keeps_the_value(cli, hostile, args):
    r = cli(*args)
    assert r.exit_code == 0, r.stderr
    assert_inert(r.stdout, " ".join(args))
    text = "".join(_strings(json.loads(r.stdout)))
    assert any(c in text for c in "\x1b\x9b\x9d\x7f\u202e"), "the values still hold what the fields hold"


def _strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield k
            yield from _strings(v)
    elif isinstance(data, list):
        for v in data:
            yield from _strings(v)


def test_json_of_one_note_gives_back_the_c1_control(cli, hostile):
    i = [n for n, _ in HOSTILE].index("c1-csi")
    out = cli("show", hostile[1][i], "--json").stdout
    assert "\\u009b2J" in out and "\x9b" not in out
    assert "\x9b2J" in json.loads(out)["title"]


# -- a real (pseudo) terminal: the Rich views -------------------------------------------------------------
def _env(home, **kw):
    env = {**os.environ, "SCRAPNOTE_HOME": str(home), "TERM": "xterm-256color", "COLUMNS": "200", "LINES": "500",
           **kw}
    env.pop("NO_COLOR", None)
    return env


def test_terminal_output_is_inert(hostile, home, tmp_path):
    art = tmp_path / "a.txt"  # the input reader drops C0 controls; C1 and bidi controls come through
    art.write_text("제목\x9b2J\u202e끝 이다\n\n본문 첫 문장이다\x9d0;PWNED\x9c. 두 번째 문장이다.\n", encoding="utf-8")
    env = _env(home)
    for args in (*[c for c in COMMANDS if c != ("show", "5")], ("export", "1", "-f", "md"), ("show", "1", "--raw"),
                 ("new", str(art), "--dry-run", "--no-drafts")):
        rc, raw = _run_on_pty([scrapnote_exe(), *args], env)
        assert rc in (0, 1), (args, raw[-500:])
        text, links = screen(raw)
        assert "\x1b" not in text, f"{args}: {text[text.index(chr(27)) - 30:][:80]!r}"
        assert_inert(text, " ".join(args))
        assert all(link_target(u) for u in links if u), (args, links)
        assert text.strip(), args
    rc, raw = _run_on_pty([scrapnote_exe(), "list"], env)
    assert "[bold red]굵게[/]" in screen(raw)[0]  # markup printed as typed
    assert RICH_SGR.search(raw), "the control: a terminal does get Rich's own styles"


def test_terminal_links_only_to_http(cli, home, tmp_path):
    notes = [{"title": "나쁜 주소", "url": "javascript:alert(1)", "body": "본문이다.",
              "insights": "[나쁜](javascript:alert(2)) [데이터](data:text/html,x) [좋은](https://ok.example/a)"},
             {"title": "좋은 주소", "url": "https://ok.example/n", "body": "본문이다."}]
    f = tmp_path / "n.json"
    f.write_text(json.dumps(notes, ensure_ascii=False), encoding="utf-8")
    assert cli("import", f).exit_code == 0
    rc, raw = _run_on_pty([scrapnote_exe(), "show", "1"], _env(home))
    text, links = screen(raw)
    assert rc == 0 and set(links) - {""} == {"https://ok.example/a"}, links  # the Markdown link to https only
    assert "javascript:alert(1)" in text and "나쁜" in text and "데이터" in text  # shown as text
    rc, raw = _run_on_pty([scrapnote_exe(), "show", "2"], _env(home))
    assert "https://ok.example/n" in screen(raw)[1]  # the control: an https url is a link


def test_delete_question_names_the_title_safely(hostile, home):
    rc, raw = _run_on_pty([scrapnote_exe(), "delete", "1"], _env(home), typed="n\n")
    text, _ = screen(raw)
    assert rc == 1 and "kept" in text and "delete 1:" in text
    assert_inert(text, "delete's question")
    assert "\\x1b]0;PWNED\\x07" in text


def test_piped_file_streams_stay_exact(cli, hostile, home):
    """``show --raw`` into a pipe is the file byte for byte (the escapes are only for a terminal)."""
    (path,) = [p for p in (home / "notes").iterdir() if p.name.startswith("0012")]
    r = cli("show", "12", "--raw")
    assert r.stdout_bytes == path.read_bytes() and "\u202e" in r.stdout


# -- the sanitiser itself ----------------------------------------------------------------------------------
@settings(max_examples=200)
@given(st.text())
def test_visible_leaves_nothing_that_acts(text):
    out = visible(text)
    assert not UNSAFE.search(out)
    line = visible(text, oneline=True)
    assert not UNSAFE.search(line) and "\n" not in line and "\t" not in line
    assert visible(out) == out  # shown once, shown the same again
    if not UNSAFE.search(text):
        assert out == text


@settings(max_examples=200)
@given(st.text(), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=4))
def test_visible_spans_mark_the_same_characters(text, spans):
    spans = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in spans]
    out, moved = visible_spans(text, spans, oneline=True)
    assert out == visible(text, oneline=True)
    for (a, b), (x, y) in zip(spans, moved):
        assert out[x:y] == visible(text[a:b], oneline=True)


@settings(max_examples=200)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
                    max_leaves=10))
def test_json_dumps_is_the_same_json_with_no_raw_control(data):
    out = json_dumps(data)
    assert json.loads(out) == data
    assert not UNSAFE.search(out.replace("\n", ""))


@pytest.mark.parametrize("url, ok", [
    ("https://ok.example/a?b=1&c=\"2\"", True), ("http://ok.example", True), ("HTTPS://OK.EXAMPLE/x", True),
    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), (" javascript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False), ("vbscript:msgbox(1)", False), ("file:///etc/passwd", False),
    ("mailto:a@b.example", False), ("//evil.example/x", False), ("https://", False), ("https:///x", False),
    ("https://a.example/x y", False), ("https://a.example/\x1b]0;x\x07", False), ("https://a.example/\x9b", False),
    ("https://a.example/\"><img src=x onerror=alert(1)>", False), ("https://a.example/\u202e", False),
])
def test_link_target_is_http_and_nothing_else(url, ok):
    assert (link_target(url) is not None) == ok
