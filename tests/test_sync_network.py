# ruff: noqa: F811 - the world fixture imported from test_sync is every test's parameter
"""The hard cases of issue 16's real parts, end to end with the installed scrapnote against real git
repositories, one served by git daemon on 127.0.0.1: a remote rewritten by force, two members
pushing at once, the network going down in the middle of a push. After each: no note lost, no
conflict marker in a note file, and what happened said in one line."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time

import pytest

import test_group
from conftest import scrapnote_exe
from test_sync import _edit_insight, _force_push_another_history, git, no_markers, notes, ok, scrap, sn, two_devices, world  # noqa: F401

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


class Daemon:
    """``git daemon`` serving the world's temp folder on 127.0.0.1 (pushes allowed), in a process
    group of its own so that it and the children serving connections can be killed at once."""

    def __init__(self, world):
        r = subprocess.run(["git", "daemon", "-h"], capture_output=True, env=world["env"])
        if b"usage: git daemon" not in r.stdout + r.stderr:
            pytest.skip("git daemon is not available here")
        self.world = world
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.proc: subprocess.Popen | None = None
        self.start()

    def url(self, name: str = "remote.git") -> str:
        return f"git://127.0.0.1:{self.port}/{name}"

    def start(self) -> None:
        tmp = self.world["tmp"]
        self.proc = subprocess.Popen(["git", "daemon", "--export-all", "--enable=receive-pack", "--reuseaddr",
                                      f"--base-path={tmp}", "--listen=127.0.0.1", f"--port={self.port}", str(tmp)],
                                     env=self.world["env"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True)
        for _ in range(200):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise AssertionError("git daemon did not start")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(10)


@pytest.fixture
def daemon(world):
    d = Daemon(world)
    yield d
    d.stop()


def _hook(repo, script: str) -> None:
    """A pre-push hook in ``repo`` that runs ``script`` once (the hook runs after git has
    connected and read the remote's refs, before it sends anything)."""
    flag = repo / ".git" / "hook-ran"
    hook = repo / ".git" / "hooks" / "pre-push"
    hook.write_text(f"#!/bin/sh\nunset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_PREFIX\n"
                    f"if [ ! -e '{flag}' ]; then touch '{flag}'; {script}; fi\nexit 0\n")
    hook.chmod(0o755)


def _all_texts(world, device) -> str:
    return "\n".join(notes(world, device).values())


def test_remote_rewritten_by_force_loses_nothing(world):
    two_devices(world)  # laptop and desktop share #1
    scrap(world, "laptop", "금리 동결", "한국은행이 기준금리를 동결했다.")
    ok(sn(world, "laptop", "sync"))
    ok(sn(world, "desktop", "sync"))  # the desktop has seen #1 and #2 on the remote
    scrap(world, "desktop", "환율 급등", "원달러 환율이 급등했다.")  # #3, not pushed yet
    _force_push_another_history(world)  # someone pushes --force a different history: one other note, #1
    before = _all_texts(world, "desktop")

    r = sn(world, "desktop", "sync")
    err = ok(r)
    said = [ln for ln in err.splitlines() if "force-pushed" in ln]
    assert len(said) == 1 and "was rewritten" in said[0] and "nothing here was lost" in said[0], err
    desk = notes(world, "desktop")
    for title in ("반도체 수출 12% 늘어", "금리 동결", "환율 급등", "다른 노트"):
        assert sum(f"title: {title}" in t or f'title: "{title}"' in t for t in desk.values()) == 1, (title, list(desk))
    assert "#1 from this device is now #4" in err  # the remote's #1 is another note now
    assert len(desk) == 4 and "다른 기록에서 온 노트다." in _all_texts(world, "desktop")
    for text in before.split("\n---\nid: "):
        assert text.split("\n## 본문", 1)[-1][:40] in _all_texts(world, "desktop")
    # the laptop, which pushed #1 and #2 before the rewrite, meets the new history too: its #1 is
    # the desktop's #4 already (the same note), so nothing is doubled
    err = ok(sn(world, "laptop", "sync"))
    assert "force-pushed" in err
    assert notes(world, "laptop") == notes(world, "desktop")
    ok(sn(world, "desktop", "sync"))
    assert notes(world, "laptop") == notes(world, "desktop")
    no_markers(world, "laptop", "desktop")
    remote_files = git(world, world["remote"], "ls-tree", "-r", "--name-only", "main").split()
    assert sorted(f for f in remote_files if f.startswith("notes/")) == sorted(f"notes/{n}" for n in desk)


def test_two_members_pushing_at_once_both_land(world, daemon):
    url = daemon.url()
    test_group.scrap(world, "지수", "배터리 공장 증설", "배터리 업체가 공장을 늘린다.")
    test_group.scrap(world, "민수", "금리 동결", "한국은행이 기준금리를 동결했다.")
    for m in ("지수", "민수"):
        ok(test_group.sn(world, m, "group", "add", "스터디", url))
    ok(test_group.sn(world, "지수", "group", "sync"))
    # 민수 pushes while 지수's push is under way: 지수's is refused (non-fast-forward), fetched,
    # rebased and pushed again
    test_group.scrap(world, "지수", "유가 하락", "국제 유가가 내렸다.")
    test_group.scrap(world, "민수", "환율 급등", "원달러 환율이 올랐다.")
    _hook(test_group.repo(world, "지수"), f"SCRAPNOTE_HOME='{world['tmp'] / '민수'}' SCRAPNOTE_MEMBER=민수 "
                                          f"'{scrapnote_exe()}' group sync >/dev/null 2>&1")
    err = ok(test_group.sn(world, "지수", "group", "sync"))
    assert (test_group.repo(world, "지수") / ".git" / "hook-ran").exists()
    assert "pushed to" in err
    names = git(world, world["remote"], "ls-tree", "-r", "--name-only", "main").split()
    assert sorted(n for n in names if n.startswith("members/")) == [
        "members/민수/notes/0001-금리-동결.md", "members/민수/notes/0002-환율-급등.md",
        "members/지수/notes/0001-배터리-공장-증설.md", "members/지수/notes/0002-유가-하락.md"]
    subjects = git(world, world["remote"], "log", "--format=%s", "main").splitlines()
    assert subjects[0].startswith("지수: ") and subjects[1].startswith("민수: ")
    # and truly at once: both start together, both land
    test_group.scrap(world, "지수", "수출 회복", "수출이 회복됐다.")
    test_group.scrap(world, "민수", "물가 상승", "물가가 올랐다.")
    procs = [subprocess.Popen([scrapnote_exe(), "group", "sync"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env={**world["env"], "SCRAPNOTE_HOME": str(world["tmp"] / m), "SCRAPNOTE_MEMBER": m})
             for m in ("지수", "민수")]
    for p in procs:
        _out, errb = p.communicate(timeout=180)
        assert p.returncode == 0, errb.decode()
    names = git(world, world["remote"], "ls-tree", "-r", "--name-only", "main").split()
    assert "members/지수/notes/0003-수출-회복.md" in names and "members/민수/notes/0003-물가-상승.md" in names
    ok(test_group.sn(world, "지수", "group", "sync"))
    ok(test_group.sn(world, "민수", "group", "sync"))
    for m in ("지수", "민수"):
        mine = sorted(p.name for p in (world["tmp"] / m / "notes").glob("*.md"))
        assert sorted(p.name for p in (test_group.repo(world, m) / "members" / m / "notes").glob("*.md")) == mine


def test_network_down_mid_push_then_the_next_sync_finishes(world, daemon):
    url = daemon.url()
    two_devices(world, url)
    laptop = world["tmp"] / "laptop"
    scrap(world, "laptop", "금리 동결", "한국은행이 기준금리를 동결했다.")
    _edit_insight(world, "laptop", "끊기기 직전에 쓴 메모.")
    # the daemon (and the connection serving this push) dies after git connected and fetched
    _hook(laptop, f"kill -9 -{daemon.proc.pid}; sleep 0.5")
    r = sn(world, "laptop", "sync")
    err = r.stderr.decode()
    assert r.returncode == 1 and err.count("\n") == 1 and err.startswith("error: "), err
    assert "Traceback" not in err and "committed here" in err and url in err
    assert git(world, laptop, "status", "--porcelain") == ""  # committed locally: nothing lost
    assert "금리 동결" in _all_texts(world, "laptop") and "끊기기 직전에 쓴 메모." in _all_texts(world, "laptop")
    assert "금리 동결" not in git(world, world["remote"], "log", "--format=%s", "main")
    daemon.stop()
    daemon.start()
    err = ok(sn(world, "laptop", "sync"))
    assert "pushed to" in err
    assert "new #2 금리 동결" in git(world, world["remote"], "log", "--format=%s", "main")
    assert "pulled 1 commit" in ok(sn(world, "desktop", "sync"))
    assert notes(world, "desktop") == notes(world, "laptop")
    no_markers(world, "laptop", "desktop")
