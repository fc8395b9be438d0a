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


def test_eight_concurrent_new_get_eight_distinct_ids(home, tmp_path):
    arts = []
    for i in range(8):
        p = tmp_path / f"a{i}.txt"
        p.write_text(f"동시 실행 기사 {i}번\n\n{i}번 기사의 본문이다. 카카오가 {i + 1}명을 뽑았다.\n", encoding="utf-8")
        arts.append(p)
    env = {**os.environ, "SCRAPNOTE_HOME": str(home)}
    procs = [subprocess.Popen([scrapnote_exe(), "new", "--no-edit", "--no-drafts", str(a)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for a in arts]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1].decode() for o in outs]
    ids = sorted(int(o[0].decode().strip()) for o in outs)
    assert ids == list(range(1, 9))
    files = sorted((home / "notes").iterdir())
    assert len(files) == 8
    assert not [f for f in files if f.name.startswith(".")]  # no temp file left behind
    for f in files:  # every file complete and parseable
        j = json.loads(run("show", f.name[:4].lstrip("0"), "--json", home=home).stdout)
        assert j["title"].startswith("동시 실행 기사") and "본문이다" in j["body"]
