"""A collection kept in git: the tool's state is ignored (.gitignore written with the home, added to a
git home without one), and read commands change no tracked file. Prompts take the Korean IME's keys."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from test_study_commands import _run_on_pty

from conftest import SEEDS, scrapnote_exe

SEED_FILES = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
needs_git = pytest.mark.skipif(not shutil.which("git"), reason="git is not installed")


def _git(home, *args):
    return subprocess.run(["git", "-C", str(home), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                          capture_output=True, text=True, check=True).stdout


def test_a_new_home_gets_a_gitignore(cli, home):
    assert cli("new", "--no-edit", "--no-drafts", SEED_FILES[0]).exit_code == 0
    assert (home / ".gitignore").read_text("utf-8").splitlines()[-1] == ".scrapnote/"
    (home / ".gitignore").write_text("*.bak\n", "utf-8")  # the user's own file is theirs (no git here)
    assert cli("new", "--no-edit", "--no-drafts", SEED_FILES[1]).exit_code == 0
    assert (home / ".gitignore").read_text("utf-8") == "*.bak\n"


@needs_git
def test_an_existing_git_home_gets_the_line(cli, home):
    assert cli("new", "--no-edit", "--no-drafts", SEED_FILES[0]).exit_code == 0
    (home / ".gitignore").unlink()
    _git(home, "init", "-q")
    assert cli("list").exit_code == 0
    assert not (home / ".gitignore").exists(), "a read command writes nothing"
    assert cli("new", "--no-edit", "--no-drafts", SEED_FILES[1]).exit_code == 0
    assert ".scrapnote/" in (home / ".gitignore").read_text("utf-8")
    (home / ".gitignore").write_bytes(b"*.bak")  # a git home's file without the line: added, bytes kept
    assert cli("new", "--no-edit", "--no-drafts", SEED_FILES[2]).exit_code == 0
    assert (home / ".gitignore").read_bytes() == b"*.bak\n.scrapnote/\n"


@needs_git
def test_read_commands_change_no_tracked_file(home, tmp_path):
    env = {**os.environ, "SCRAPNOTE_HOME": str(home)}
    exe = scrapnote_exe()
    subprocess.run([exe, "new", "--no-edit", *SEED_FILES], env=env, capture_output=True, check=True)
    _git(home, "init", "-q")
    _git(home, "add", "-A")
    _git(home, "commit", "-qm", "notes")
    assert _git(home, "status", "--porcelain") == ""
    (home / ".scrapnote" / "index.sqlite").unlink()  # a fresh clone: the index is built by the reads
    for args in (["list"], ["show", "1"], ["show", "2", "--json"], ["search", "구글"], ["check"], ["check", "--json"],
                 ["questions"], ["related", "1"], ["export", "1", "2"], ["list", "--json"]):
        r = subprocess.run([exe, *args], env=env, capture_output=True, timeout=120)
        assert r.returncode in (0, 1), r.stderr
        assert _git(home, "status", "--porcelain") == "", f"{args} changed a tracked file"


def test_check_json(cli):
    assert cli("new", "--no-edit", "--no-drafts", SEED_FILES[0]).exit_code == 0
    r = cli("check", "--json")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert data[0]["id"] == 1 and data[0]["complete"] is False and "요약 및 의견" in data[0]["unwritten"]


@pytest.mark.parametrize("typed, deleted", [("ㅛ", True), ("ㅛㄷㄴ", True), ("y", True), ("네", True),
                                            ("ㅜ", False), ("", False), ("ㅜㅐ", False)])
def test_prompts_take_the_korean_ime_keys(home, typed, deleted):
    env = {**os.environ, "SCRAPNOTE_HOME": str(home), "TERM": "dumb", "NO_COLOR": "1"}
    subprocess.run([scrapnote_exe(), "new", "--no-edit", "--no-drafts", SEED_FILES[0]], env=env, capture_output=True,
                   check=True)
    rc, out = _run_on_pty([scrapnote_exe(), "delete", "1"], env, typed=typed + "\n")
    assert "[y/N]" in out
    assert (rc == 0) == deleted, out
    assert (not any((home / "notes").iterdir())) == deleted


def test_a_word_that_is_no_answer_is_asked_again(home):
    env = {**os.environ, "SCRAPNOTE_HOME": str(home), "TERM": "dumb", "NO_COLOR": "1"}
    subprocess.run([scrapnote_exe(), "new", "--no-edit", "--no-drafts", SEED_FILES[0]], env=env, capture_output=True,
                   check=True)
    rc, out = _run_on_pty([scrapnote_exe(), "delete", "1"], env, typed="뭐\nㅛ\n")
    assert rc == 0 and "answer y or n" in out
