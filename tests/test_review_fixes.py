"""Findings of the review of the issue-11 fast paths, each driven through the real CLI."""
from __future__ import annotations

import os

from scrapnote import render

NOTE = "---\nid: {id}\ntitle: {title}\nscrapped: 2026-12-01\n---\n\n## 헤드라인\n\n{title}\n"


def _notes(home, *ids):
    d = home / "notes"
    d.mkdir(parents=True, exist_ok=True)
    for i in ids:
        (d / f"{i:04d}-n{i}.md").write_text(NOTE.format(id=i, title=f"노트 {i}"), encoding="utf-8")
    return d


def test_a_users_own_hidden_tmp_files_are_never_taken_for_leftovers(home, cli):
    """Only scrapnote's own pid-named term-list temp files are judged by pid: a user's hidden
    ``.plan.2025.tmp`` or ``.draft.md.12345.tmp`` (digits that are no running pid) stays."""
    notes = _notes(home, 1, 2)
    assert cli("list").exit_code == 0
    trash = home / ".trash"
    trash.mkdir(exist_ok=True)
    mine = [notes / ".plan.2025.tmp", notes / ".draft.md.12345.tmp", trash / ".x.77.tmp",
            home / ".scrapnote" / ".mine.4242.tmp"]
    for p in mine:
        p.write_text("mine", encoding="utf-8")
    r = cli("delete", "2", "--yes")
    assert r.exit_code == 0, r.stderr
    assert [p.name for p in mine if not p.exists()] == []


def test_delete_on_a_terminal_asks_for_a_note_broken_by_hand(home, cli, monkeypatch):
    notes = _notes(home, 1)
    broken = notes / "0009-broken.md"
    broken.write_text("---\nid: 9\ntitle: [깨짐\n---\n", encoding="utf-8")
    monkeypatch.setattr(render, "can_ask", lambda: True)
    r = cli("delete", "9", input="n\n")
    assert r.exit_code == 1 and broken.exists()
    assert "0009-broken.md (it cannot be read as a note)" in r.stderr
    r = cli("delete", "9", input="y\n")
    assert r.exit_code == 0, r.stderr
    assert not broken.exists() and (home / ".trash" / "0009-broken.md").exists()


def test_a_columns_that_is_no_number_is_no_error(home, cli, monkeypatch):
    _notes(home, 1, 2)
    for value in ("abc", "-5", "0", ""):
        monkeypatch.setenv("COLUMNS", value)
        for args in (("show", "1"), ("list",), ("delete", "2", "--yes"), ("restore", "2")):
            r = cli(*args)
            assert r.exit_code == 0, (value, args, r.stderr)
            assert "error" not in r.stderr
    assert os.environ["COLUMNS"] == ""


def test_the_programs_own_options_after_the_command(home, tmp_path):
    """`scrapnote show 1 --no-pager` works as `scrapnote --no-pager show 1` (QA: it was 'No such
    option', exit 2); `--home DIR` too; after `--` nothing is taken."""
    import subprocess

    from conftest import scrapnote_exe
    from scrapnote.cli import hoisted

    assert hoisted(["show", "1", "--no-pager"]) == ["--no-pager", "show", "1"]
    assert hoisted(["list", "--home", "/x", "-n", "3", "--debug"]) == ["--home", "/x", "--debug", "list", "-n", "3"]
    assert hoisted(["search", "--", "--debug"]) == ["search", "--", "--debug"]
    other = tmp_path / "other"
    _notes(other, 7)
    env = {**os.environ, "SCRAPNOTE_HOME": str(home)}
    r = subprocess.run([scrapnote_exe(), "show", "7", "--no-pager", "--home", str(other)], capture_output=True,
                       text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert "노트 7" in r.stdout
