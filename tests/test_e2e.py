"""End to end: the installed `scrapnote` program as a user runs it, in separate processes."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from conftest import SEEDS, scrapnote_exe


def run(*args, home: Path, input: bytes | None = None, env_extra=None):
    env = {**os.environ, "SCRAPNOTE_HOME": str(home), "NO_COLOR": "1"}
    env.update(env_extra or {})
    return subprocess.run([scrapnote_exe(), *map(str, args)], input=input, capture_output=True, env=env,
                          timeout=120)


def test_installed_program_new_list_show(home):
    r = run("new", "--no-edit", *sorted(SEEDS.glob("*.txt")), home=home)
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout.decode().split() == ["1", "2", "3", "4", "5"]
    r = run("list", "--json", home=home)
    rows = json.loads(r.stdout)
    assert sorted(x["id"] for x in rows) == [1, 2, 3, 4, 5]
    r = run("show", "3", home=home)
    assert r.returncode == 0 and "과기정통부-구글" in r.stdout.decode()
    r = run("show", "999", home=home)
    assert r.returncode == 1
    err = r.stderr.decode()
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err


def test_stdin_article(home):
    r = run("new", "--no-edit", "-", home=home, input="구글, 한국에 AI 캠퍼스\n\n구글이 서울에 AI 캠퍼스를 연다.\n".encode())
    assert r.returncode == 0, r.stderr.decode()
    j = json.loads(run("show", r.stdout.decode().strip(), "--json", home=home).stdout)
    assert j["title"] == "구글, 한국에 AI 캠퍼스"
    assert "AI 캠퍼스를 연다" in j["body"]
