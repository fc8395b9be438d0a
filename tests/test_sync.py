"""scrapnote sync end to end: the installed program, real git, bare repositories on disk as remotes
(and one served by git daemon on 127.0.0.1), two homes as two devices of one user.

git runs with HOME set to a temp folder holding a minimal gitconfig and no system config, so the
machine's own git settings do not matter."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import scrapnote_exe

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def world(tmp_path):
    return make_world(tmp_path)


def make_world(tmp_path):
    """A temp HOME with a minimal gitconfig (no system config), the env every process runs with,
    and an empty bare repository as the remote."""
    user_home = tmp_path / "user"
    user_home.mkdir()
    (user_home / ".gitconfig").write_text("[user]\n\tname = 지수\n\temail = jisu@example.com\n"
                                         "[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "SCRAPNOTE_"))}
    env.update(HOME=str(user_home), GIT_CONFIG_NOSYSTEM="1", NO_COLOR="1",
               GIT_AUTHOR_NAME="지수", GIT_AUTHOR_EMAIL="jisu@example.com",
               GIT_COMMITTER_NAME="지수", GIT_COMMITTER_EMAIL="jisu@example.com",
               SCRAPNOTE_CONFIG=str(tmp_path / "config.toml"))
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True, env=env)
    return {"tmp": tmp_path, "env": env, "remote": remote}


def sn(world, device: str, *args, input: bytes | None = None, env_extra=None):
    env = {**world["env"], "SCRAPNOTE_HOME": str(world["tmp"] / device), "SCRAPNOTE_DEVICE": device,
           **(env_extra or {})}
    return subprocess.run([scrapnote_exe(), *map(str, args)], input=input, capture_output=True, env=env,
                          timeout=180)


def ok(r) -> str:
    assert r.returncode == 0, r.stderr.decode()
    return r.stderr.decode()


def git(world, where: Path, *args) -> str:
    r = subprocess.run(["git", "-c", "core.quotePath=false", "-C", str(where), *args], capture_output=True, env=world["env"], timeout=60)
    assert r.returncode == 0, r.stderr.decode()
    return r.stdout.decode()


def scrap(world, device: str, title: str, body: str) -> int:
    # --no-drafts: these tests are about syncing; the Korean model would cost ~1 s a note
    r = sn(world, device, "new", "--no-edit", "--no-drafts", "-", input=f"{title}\n\n{body}\n".encode())
    ok(r)
    return int(r.stdout.decode().split()[0])


def notes(world, device: str) -> dict[str, str]:
    folder = world["tmp"] / device / "notes"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}


def no_markers(world, *devices):
    for d in devices:
        for name, text in notes(world, d).items():
            assert "<<<<<<<" not in text and ">>>>>>>" not in text and "\n=======\n" not in text, name


def two_devices(world, remote=None):
    remote = remote or world["remote"]
    scrap(world, "laptop", "반도체 수출 12% 늘어", "반도체 수출이 지난달 12% 늘었다고 산업부가 밝혔다.")
    err = ok(sn(world, "laptop", "sync", "--init", remote))
    assert "committed: new #1 반도체 수출 12% 늘어" in err and "pushed to" in err
    ok(sn(world, "desktop", "sync", "--init", remote))
    assert list(notes(world, "desktop")) == list(notes(world, "laptop"))


def test_first_sync_commits_what_changed_and_says_so(world):
    two_devices(world)
    laptop = world["tmp"] / "laptop"
    assert (laptop / ".gitignore").read_text().splitlines()[-1] == ".scrapnote/"
    assert git(world, laptop, "status", "--porcelain") == ""
    assert ".scrapnote" not in git(world, world["remote"], "ls-tree", "-r", "--name-only", "main")
    # an edit, a new note, a delete: one commit saying each
    path = next((laptop / "notes").glob("0001-*.md"))
    path.write_text(path.read_text(encoding="utf-8").replace("## 요약 및 의견", "## 요약 및 의견\n\n수출 회복의 신호.", 1),
                    encoding="utf-8")
    scrap(world, "laptop", "배터리 공장 증설", "배터리 업체가 공장을 늘린다.")
    err = ok(sn(world, "laptop", "sync"))
    assert "committed: new #2 배터리 공장 증설" in err and "committed: edit #1" in err
    ok(sn(world, "laptop", "delete", "--yes", "2"))
    ok(sn(world, "laptop", "sync"))
    log = git(world, world["remote"], "log", "--format=%s", "main")
    assert log.splitlines()[:2] == ["delete #2 (moved to .trash/0002-배터리-공장-증설.md)", "edit #1; new #2 배터리 공장 증설"]
    # the other device pulls it all
    err = ok(sn(world, "desktop", "sync"))
    assert "pulled 2 commits" in err
    assert notes(world, "desktop") == notes(world, "laptop")
    assert "nothing changed" in ok(sn(world, "desktop", "sync"))


def test_offline_id_collision_renumbers_the_unpushed_note(world):
    two_devices(world)
    scrap(world, "laptop", "금리 동결", "한국은행이 기준금리를 동결했다.")
    ok(sn(world, "laptop", "sync"))  # laptop's #2 is pushed first
    nid = scrap(world, "desktop", "환율 급등", "원달러 환율이 급등했다. #1 기사와 같이 읽을 것, #12 아님.")
    assert nid == 2
    path = next((world["tmp"] / "desktop" / "notes").glob("0002-*.md"))
    path.write_text(path.read_text(encoding="utf-8").replace("## 요약 및 의견", "## 요약 및 의견\n\n#2 메모: 환율과 #20 비교", 1),
                    encoding="utf-8")
    err = ok(sn(world, "desktop", "sync"))
    assert "#2 from this device is now #3" in err
    desk = notes(world, "desktop")
    assert sorted(desk) == ["0001-반도체-수출-12-늘어.md", "0002-금리-동결.md", "0003-환율-급등.md"]
    mine = desk["0003-환율-급등.md"]
    assert "\nid: 3\n" in mine and "#3 메모: 환율과 #20 비교" in mine and "#12 아님" in mine
    ok(sn(world, "laptop", "sync"))
    assert notes(world, "laptop") == desk
    log = git(world, world["remote"], "log", "--format=%B", "-1", "main")
    assert "renumber #2 → #3" in log and "new #2 환율 급등" in log
    # the next new note on either device takes the next free id
    assert scrap(world, "laptop", "유가 하락", "국제 유가가 내렸다.") == 4


def _edit_insight(world, device: str, text: str) -> None:
    path = next((world["tmp"] / device / "notes").glob("0001-*.md"))
    body = path.read_text(encoding="utf-8")
    path.write_text(body.replace("## 요약 및 의견", f"## 요약 및 의견\n\n{text}", 1), encoding="utf-8")


def test_same_note_edited_on_two_devices_keeps_both_texts(world):
    two_devices(world)
    _edit_insight(world, "laptop", "노트북에서 쓴 인사이트.")
    ok(sn(world, "laptop", "sync"))
    _edit_insight(world, "desktop", "데스크톱에서 쓴 인사이트.")
    err = ok(sn(world, "desktop", "sync"))
    kept = world["tmp"] / "desktop" / ".scrapnote" / "conflicts" / "1-laptop.md"
    assert str(kept.name) in err and "conflict" in err
    assert "노트북에서 쓴 인사이트." in kept.read_text(encoding="utf-8")
    mine = next(iter(notes(world, "desktop").values()))
    assert "데스크톱에서 쓴 인사이트." in mine and "노트북에서" not in mine
    no_markers(world, "desktop", "laptop")
    # check lists it (and exits 1 while it is there); nothing of it is committed
    r = sn(world, "desktop", "check")
    assert r.returncode == 1 and "1-laptop.md" in r.stderr.decode()
    assert "conflicts" not in git(world, world["remote"], "ls-tree", "-r", "--name-only", "main")
    ok(sn(world, "laptop", "sync"))
    assert notes(world, "laptop") == notes(world, "desktop")


def test_the_device_whose_text_was_set_aside_is_told_and_keeps_it(world):
    """The laptop pushes its edit, the desktop's sync keeps its own and sets the laptop's aside: the
    laptop's next sync takes the desktop's text into notes/, says so, and keeps its own text too."""
    two_devices(world)
    _edit_insight(world, "laptop", "노트북에서 쓴 인사이트.")
    ok(sn(world, "laptop", "sync"))
    laptop_text = next(iter(notes(world, "laptop").values()))
    _edit_insight(world, "desktop", "데스크톱에서 쓴 인사이트.")
    ok(sn(world, "desktop", "sync"))
    assert "Scrapnote-Set-Aside: " in git(world, world["remote"], "log", "-1", "--format=%B", "main")
    err = ok(sn(world, "laptop", "sync"))
    assert "#1: desktop kept its text; yours is in" in err and "1-laptop.md" in err, err
    kept = world["tmp"] / "laptop" / ".scrapnote" / "conflicts" / "1-laptop.md"
    assert kept.read_text(encoding="utf-8") == laptop_text
    assert notes(world, "laptop") == notes(world, "desktop")
    assert "데스크톱에서 쓴 인사이트." in next(iter(notes(world, "laptop").values()))
    no_markers(world, "desktop", "laptop")
    assert "conflicts" not in git(world, world["remote"], "ls-tree", "-r", "--name-only", "main")
    # listed by check (exit 1) and by the next sync, as this device's own text; told once only
    r = sn(world, "laptop", "check")
    assert r.returncode == 1 and "your text of #1 is kept in" in r.stderr.decode()
    err = ok(sn(world, "laptop", "sync"))
    assert "your text of #1 is kept in" in err and "kept its text" not in err
    # a third device pulling the same commits saves nothing: the text was not its own
    ok(sn(world, "tablet", "sync", "--init", world["remote"]))
    assert not (world["tmp"] / "tablet" / ".scrapnote" / "conflicts").exists()


def test_a_set_aside_text_edited_again_here_is_not_saved_twice(world):
    """The laptop edited the note again before pulling the desktop's record: its newer text stays in
    notes/ and the desktop's is the one set aside (no stale copy of the laptop's older text)."""
    two_devices(world)
    _edit_insight(world, "laptop", "노트북 첫 메모.")
    ok(sn(world, "laptop", "sync"))
    _edit_insight(world, "desktop", "데스크톱 메모.")
    ok(sn(world, "desktop", "sync"))
    _edit_insight(world, "laptop", "노트북 둘째 메모.")
    err = ok(sn(world, "laptop", "sync"))
    folder = world["tmp"] / "laptop" / ".scrapnote" / "conflicts"
    assert sorted(p.name for p in folder.iterdir()) == ["1-desktop.md"], err
    assert "노트북 둘째 메모." in next(iter(notes(world, "laptop").values()))
    no_markers(world, "desktop", "laptop")


def test_edit_beats_delete(world):
    two_devices(world)
    ok(sn(world, "laptop", "delete", "--yes", "1"))
    ok(sn(world, "laptop", "sync"))
    _edit_insight(world, "desktop", "지우면 안 되는 메모.")
    err = ok(sn(world, "desktop", "sync"))
    assert "#1 was deleted on another device and edited here: kept" in err
    assert "지우면 안 되는 메모." in next(iter(notes(world, "desktop").values()))


def test_rejected_push_is_fetched_rebased_and_pushed_again(world):
    two_devices(world)
    scrap(world, "laptop", "금리 동결", "한국은행이 기준금리를 동결했다.")
    # while the desktop pushes, the laptop pushes first (a pre-push hook, once): non-fast-forward
    desk = world["tmp"] / "desktop"
    flag = world["tmp"] / "raced"
    hook = desk / ".git" / "hooks" / "pre-push"
    hook.write_text(f"#!/bin/sh\nif [ ! -e '{flag}' ]; then touch '{flag}'; "
                    f"SCRAPNOTE_HOME='{world['tmp'] / 'laptop'}' SCRAPNOTE_DEVICE=laptop '{scrapnote_exe()}' sync "
                    ">/dev/null 2>&1; fi\nexit 0\n")
    hook.chmod(0o755)
    _edit_insight(world, "desktop", "데스크톱 메모.")
    ok(sn(world, "desktop", "sync"))
    assert flag.exists()
    subjects = git(world, world["remote"], "log", "--format=%s", "main").splitlines()
    assert subjects[:2] == ["edit #1", "new #2 금리 동결"]
    assert sorted(notes(world, "desktop")) == ["0001-반도체-수출-12-늘어.md", "0002-금리-동결.md"]


def test_unreachable_remote_is_one_line_and_the_next_sync_finishes(world):
    two_devices(world)
    laptop = world["tmp"] / "laptop"
    gone = world["tmp"] / "moved.git"
    world["remote"].rename(gone)  # the shared drive is not there
    scrap(world, "laptop", "금리 동결", "한국은행이 기준금리를 동결했다.")
    r = sn(world, "laptop", "sync")
    err = r.stderr.decode()
    assert r.returncode == 1 and err.startswith("error: cannot reach") and err.count("\n") == 1, err
    assert "Traceback" not in err and "committed here" in err
    assert git(world, laptop, "status", "--porcelain") == ""  # committed locally: nothing lost
    gone.rename(world["remote"])
    err = ok(sn(world, "laptop", "sync"))
    assert "pushed to" in err
    assert "new #2 금리 동결" in git(world, world["remote"], "log", "--format=%s", "main")


def test_missing_git_is_one_line(world):
    scrap(world, "laptop", "금리 동결", "한국은행이 기준금리를 동결했다.")
    r = sn(world, "laptop", "sync", "--init", env_extra={"PATH": str(world["tmp"] / "nothing")})
    err = r.stderr.decode()
    assert r.returncode == 1 and err.startswith("error: git is not installed") and err.count("\n") == 1
    r = sn(world, "laptop", "sync")
    assert r.returncode == 1 and "sync --init" in r.stderr.decode()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_remote_over_the_network(world):
    r = subprocess.run(["git", "daemon", "-h"], capture_output=True, env=world["env"])
    if b"usage: git daemon" not in r.stdout + r.stderr:
        pytest.skip("git daemon is not available here")
    port = _free_port()
    daemon = subprocess.Popen(["git", "daemon", "--export-all", "--enable=receive-pack", "--reuseaddr",
                               f"--base-path={world['tmp']}", "--listen=127.0.0.1", f"--port={port}",
                               str(world["tmp"])], env=world["env"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        url = f"git://127.0.0.1:{port}/remote.git"
        two_devices(world, url)
        _edit_insight(world, "laptop", "네트워크 너머의 메모.")
        ok(sn(world, "laptop", "sync"))
        assert "pulled 1 commit" in ok(sn(world, "desktop", "sync"))
        assert notes(world, "desktop") == notes(world, "laptop")
        daemon.terminate()
        daemon.wait(10)
        _edit_insight(world, "desktop", "끊긴 동안 쓴 메모.")
        r = sn(world, "desktop", "sync")
        assert r.returncode == 1 and r.stderr.decode().startswith("error: cannot reach git://127.0.0.1")
    finally:
        if daemon.poll() is None:
            daemon.terminate()
            daemon.wait(10)


def _force_push_another_history(world) -> None:
    """Someone pushes --force a history of one other note, #1."""
    other = world["tmp"] / "other"
    git(world, world["tmp"], "init", "-q", "-b", "main", str(other))
    (other / "notes").mkdir()
    (other / "notes" / "0001-다른-노트.md").write_text(
        "---\nid: 1\ntitle: 다른 노트\nscrapped: 2026-12-01T09:00:00+09:00\n---\n\n## 본문 (본문 내용 복사)\n\n"
        "다른 기록에서 온 노트다.\n", encoding="utf-8")
    git(world, other, "add", "-A")
    git(world, other, "commit", "-q", "-m", "다른 기록")
    git(world, other, "push", "-q", "--force", str(world["remote"]), "main")
