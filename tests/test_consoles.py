"""A console whose encoding lacks characters (a Korean Windows console: CP949; PYTHONIOENCODING=ascii)
never crashes the output: plain symbols where it has none (✎ → *, … → ...), ? for the rest, JSON
exact through \\u escapes."""
from __future__ import annotations

import json
import os
import subprocess

import pytest
from test_study_commands import _run_on_pty

from conftest import SEEDS, scrapnote_exe

ENCODINGS = ["cp949", "ascii"]
SEED = sorted(SEEDS.glob("*.txt"))[0]

COMMANDS = [
    ["list"], ["list", "--json"], ["show", "1"], ["show", "1", "--json"], ["show", "1", "--raw"],
    ["search", "구글"], ["search", "구글", "--json"], ["check"], ["questions"], ["related", "1"],
    ["export", "1"], ["export", "1", "2", "-f", "txt"], ["export", "1", "-f", "json"],
    ["new", "--dry-run", "--no-drafts", "--force", str(SEED)], ["--help"], ["show", "--help"], ["show", "999"],
]


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    home = tmp_path_factory.mktemp("legacy") / "home"
    env = {**os.environ, "SCRAPNOTE_HOME": str(home), "SCRAPNOTE_CONFIG": str(home / "config.toml")}
    r = subprocess.run([scrapnote_exe(), "new", "--no-edit", *map(str, sorted(SEEDS.glob("*.txt")))],
                       env=env, capture_output=True)
    assert r.returncode == 0, r.stderr.decode()
    # a note with a question and a symbol no legacy code page has
    notes = sorted((home / "notes").iterdir())
    text = notes[0].read_text("utf-8").replace("## 적용할점 (현직자에게 할 질문)\n",
                                              "## 적용할점 (현직자에게 할 질문)\n\n- 이 질문은 어떤가요 ✎ — ①\n", 1)
    notes[0].write_text(text, "utf-8")
    return home


def _env(home, encoding, **extra):
    env = {**os.environ, "SCRAPNOTE_HOME": str(home), "PYTHONIOENCODING": encoding, "COLUMNS": "100",
           "SCRAPNOTE_CONFIG": str(home / "config.toml")}
    env.pop("NO_COLOR", None)
    env.update(extra)
    return env


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a)[:30])
def test_every_command_prints_on_a_legacy_console(collection, encoding, args):
    r = subprocess.run([scrapnote_exe(), *args], env=_env(collection, encoding), capture_output=True, timeout=120)
    err = r.stderr.decode(encoding, "strict")  # what the console received is in its own encoding
    out = r.stdout.decode("utf-8") if args[-1] == "--raw" else r.stdout.decode(encoding, "strict")
    assert "Traceback" not in err and "UnicodeEncodeError" not in err + out, err
    if args == ["show", "999"]:
        assert r.returncode == 1 and err.startswith("error: ") and err.count("\n") == 1
    elif args == ["check"]:
        assert r.returncode == 1 and out  # notes with sections to write: one line each
    else:
        assert r.returncode == 0, err
        assert out.strip()
    if "--json" in args or "json" in args:
        data = json.loads(out)  # the JSON is whole: what the encoding lacks is a \u escape
        first = data[0] if isinstance(data, list) else data
        assert first["title"] and any("\uac00" <= ch <= "\ud7a3" for ch in first["title"])


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_plain_symbols_stand_in(collection, encoding):
    r = subprocess.run([scrapnote_exe(), "list"], env=_env(collection, encoding), capture_output=True)
    out = r.stdout.decode(encoding)
    assert "* " in out, "the ✎ mark of unfinished notes is a *"
    r = subprocess.run([scrapnote_exe(), "questions"], env=_env(collection, encoding), capture_output=True)
    out = r.stdout.decode(encoding)
    assert "* --" in out, "✎ — are written as * --"
    if encoding == "cp949":
        assert "이 질문은 어떤가요 * -- ①" in out, "what the encoding has is kept"
    else:
        assert "? ??? ???? * -- 1" in out, "① is its ASCII twin, Hangul a ?"


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("args", [["list"], ["show", "1"], ["search", "구글"], ["questions"]])
def test_rich_views_on_a_legacy_terminal(collection, encoding, args):
    env = _env(collection, encoding, TERM="xterm-256color", LINES="200", PAGER="cat")
    rc, out = _run_on_pty([scrapnote_exe(), *args], env)
    assert rc == 0 and "Traceback" not in out and "Error" not in out, out
    if args == ["show", "1"]:
        assert "+-" in out or "+" in out.splitlines()[0], "ASCII box lines where ╭─ cannot be shown"
