# ruff: noqa: F811 - the world fixture imported from test_sync is every test's parameter
"""What `scrapnote sync` says, end to end with the installed program and real git (the helpers and
the two-device world of test_sync): every file it commits is named, trash included; "pushed" only
when git pushed something; the notice for a text of this device that another device set aside."""
from __future__ import annotations

import shutil

import pytest

from test_sync import _edit_insight, _force_push_another_history, git, notes, ok, scrap, sn, two_devices, world  # noqa: F401

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def committed(err: str) -> list[str]:
    return [ln.removeprefix("committed: ") for ln in err.splitlines() if ln.startswith("committed: ")]


def test_the_report_names_every_trash_file_it_commits(world):
    two_devices(world)
    laptop = world["tmp"] / "laptop"
    scrap(world, "laptop", "금리 동결", "한국은행이 기준금리를 동결했다.")
    ok(sn(world, "laptop", "sync"))
    # a delete: the note's move into .trash/ is said with the file it lands in
    ok(sn(world, "laptop", "delete", "--yes", "2"))
    err = ok(sn(world, "laptop", "sync"))
    assert committed(err) == ["delete #2 (moved to .trash/0002-금리-동결.md)"], err
    assert git(world, laptop, "show", "--name-only", "--format=", "HEAD").split() == [".trash/0002-금리-동결.md"]
    # a restore: said with the trash file it came from
    ok(sn(world, "laptop", "restore", "2"))
    err = ok(sn(world, "laptop", "sync"))
    assert committed(err) == ["restore #2 (from .trash/0002-금리-동결.md)"], err
    # a note made and deleted between two syncs only ever reaches git in the trash: named
    nid = scrap(world, "laptop", "유가 하락", "국제 유가가 내렸다.")
    ok(sn(world, "laptop", "delete", "--yes", str(nid)))
    ok(sn(world, "laptop", "delete", "--yes", "2"))
    err = ok(sn(world, "laptop", "sync"))
    assert committed(err) == ["delete #2 (moved to .trash/0002-금리-동결.md)", f"add .trash/{nid:04d}-유가-하락.md"], err
    # emptying the trash: each file removed is named (not one anonymous line)
    for p in (laptop / ".trash").iterdir():
        p.unlink()
    err = ok(sn(world, "laptop", "sync"))
    assert sorted(committed(err)) == ["delete .trash/0002-금리-동결.md", f"delete .trash/{nid:04d}-유가-하락.md"], err
    assert git(world, laptop, "status", "--porcelain") == ""
    # the commit says the same as the report
    body = git(world, laptop, "log", "-1", "--format=%B")
    assert "delete .trash/0002-금리-동결.md" in body and f"delete .trash/{nid:04d}-유가-하락.md" in body


def test_pushed_only_when_git_pushed_something(world):
    two_devices(world)
    remote = world["remote"]

    def remote_head() -> str:
        return git(world, remote, "rev-parse", "main").strip()

    # nothing to commit, nothing new there: git had nothing to push, and the report says so
    before = remote_head()
    err = ok(sn(world, "laptop", "sync"))
    assert " ".join(err.split()) == f"nothing changed: up to date with {remote}", err
    assert remote_head() == before
    # a new note: one commit pushed, counted
    scrap(world, "laptop", "금리 동결", "한국은행이 기준금리를 동결했다.")
    err = ok(sn(world, "laptop", "sync"))
    assert f"pushed to {remote} (1 commit)" in " ".join(err.split()), err
    assert remote_head() == git(world, world["tmp"] / "laptop", "rev-parse", "HEAD").strip() != before
    # the other device only pulls: nothing of its own to push
    err = ok(sn(world, "desktop", "sync"))
    assert "pulled 1 commit from" in err and "pushed to" not in err and f"nothing to push: {remote} is up to date" in " ".join(err.split()), err
    # a commit left unpushed by an earlier sync (the remote was away) is pushed by the next one,
    # which says so (and not "nothing changed")
    gone = world["tmp"] / "away.git"
    remote.rename(gone)
    scrap(world, "desktop", "환율 급등", "원달러 환율이 급등했다.")
    assert sn(world, "desktop", "sync").returncode == 1
    gone.rename(remote)
    err = ok(sn(world, "desktop", "sync"))
    assert f"pushed to {remote} (1 commit)" in " ".join(err.split()) and "nothing changed" not in err and "committed" not in err, err


def _edit(world, device: str, nid: int, text: str) -> None:
    path = next((world["tmp"] / device / "notes").glob(f"{nid:04d}-*.md"))
    body = path.read_text(encoding="utf-8")
    path.write_text(body.replace("## 요약 및 의견", f"## 요약 및 의견\n\n{text}", 1), encoding="utf-8")


def _mine_aside(err: str) -> list[str]:
    return sorted(ln.removeprefix("warning: ") for ln in err.splitlines() if "kept its text; yours is in" in ln)


def test_several_notes_set_aside_in_one_sync_are_each_told_and_kept(world):
    two_devices(world)
    for title in ("금리 동결", "환율 급등"):
        scrap(world, "laptop", title, f"{title} 기사 본문.")
    ok(sn(world, "laptop", "sync"))
    ok(sn(world, "desktop", "sync"))
    for nid in (1, 2, 3):
        _edit(world, "laptop", nid, f"노트북 메모 {nid}.")
    ok(sn(world, "laptop", "sync"))
    mine = notes(world, "laptop")
    for nid in (1, 2, 3):
        _edit(world, "desktop", nid, f"데스크톱 메모 {nid}.")
    err = ok(sn(world, "desktop", "sync"))
    folder = world["tmp"] / "desktop" / ".scrapnote" / "conflicts"
    assert sorted(p.name for p in folder.iterdir()) == ["1-laptop.md", "2-laptop.md", "3-laptop.md"], err
    body = git(world, world["remote"], "log", "-1", "--format=%B", "main")
    assert body.count("Scrapnote-Set-Aside: ") == 3, body
    # the laptop is told of each, once, and keeps each of its own texts
    err = ok(sn(world, "laptop", "sync")).replace(f"{world['tmp'] / 'laptop'}/", "")
    assert _mine_aside(err) == [f"#{n}: desktop kept its text; yours is in .scrapnote/conflicts/{n}-laptop.md"
                                for n in (1, 2, 3)], err
    kept = world["tmp"] / "laptop" / ".scrapnote" / "conflicts"
    for name, text in mine.items():
        assert (kept / f"{int(name[:4])}-laptop.md").read_text(encoding="utf-8") == text
    assert notes(world, "laptop") == notes(world, "desktop")
    err = ok(sn(world, "laptop", "sync"))
    assert _mine_aside(err) == [] and err.count("your text of #") == 3, err


def test_a_note_renumbered_after_its_text_was_set_aside(world):
    """The desktop set the laptop's text of #1 aside, then the remote was rewritten with another #1:
    the desktop's note becomes #2, and the text kept aside goes with it (listed as #2's, never as
    the other note's #1); the record stays a trailer of the commit pushed; the laptop, whose own
    #1 is renumbered too, keeps its text once (as its note) and is not told of a #1 it no longer has."""
    two_devices(world)
    _edit_insight(world, "laptop", "노트북에서 쓴 인사이트.")
    ok(sn(world, "laptop", "sync"))
    _edit_insight(world, "desktop", "데스크톱에서 쓴 인사이트.")
    ok(sn(world, "desktop", "sync"))
    _force_push_another_history(world)
    err = ok(sn(world, "desktop", "sync")).replace(f"{world['tmp'] / 'desktop'}/", "")
    assert "#1 from this device is now #2" in err, err
    folder = world["tmp"] / "desktop" / ".scrapnote" / "conflicts"
    assert sorted(p.name for p in folder.iterdir()) == ["2-laptop.md"], err
    assert "노트북에서 쓴 인사이트." in (folder / "2-laptop.md").read_text(encoding="utf-8")
    assert "another device's text of #2 is kept in .scrapnote/conflicts/2-laptop.md" in err, err
    assert "text of #1" not in err, err
    r = sn(world, "desktop", "check")
    assert r.returncode == 1 and "text of #2" in r.stderr.decode() and "text of #1" not in r.stderr.decode()
    trailers = git(world, world["remote"], "log", "-1", "--format=%(trailers:key=Scrapnote-Set-Aside,valueonly)", "main")
    assert "laptop notes/0001-" in trailers, trailers
    assert "Scrapnote-Set-Aside" not in git(world, world["remote"], "log", "-1", "--format=%s", "main")
    # the laptop meets the rewrite: its #1 is renumbered; its own text is that note, not a copy aside
    err = ok(sn(world, "laptop", "sync"))
    assert "kept its text" not in err, err
    assert not (world["tmp"] / "laptop" / ".scrapnote" / "conflicts").exists()
    texts = "\n".join(notes(world, "laptop").values())
    for line in ("노트북에서 쓴 인사이트.", "데스크톱에서 쓴 인사이트.", "다른 기록에서 온 노트다."):
        assert texts.count(line) == 1, (line, list(notes(world, "laptop")))
