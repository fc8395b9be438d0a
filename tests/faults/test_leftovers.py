"""Nothing left behind: a killed write's temp file is cleaned by the next write (never a live writer's),
and a killed ``import`` is all or nothing.

The attack (issue 10): kill -9 left ``.NNNN-….md.XXXX.tmp`` files that were never cleaned, and a killed
``import`` left a part of its notes. Each test below stops a real scrapnote process at a chosen moment of
its write (a hook in the process waits there), kills it with SIGKILL, and runs the next command.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9 (POSIX)")

# Runs the real CLI in a process whose n-th call of ``point`` (os.fsync, os.link, …) first writes
# the file named by $HOOK_MARK, then waits until $HOOK_GO exists (or raises $HOOK_RAISE).
MAIN = 'from scrapnote.cli import main\nsys.argv = ["scrapnote", *sys.argv[1:]]\nmain()\n'
HOOKED = r"""
import os, sys, time
point, nth = os.environ["HOOK_POINT"], int(os.environ["HOOK_NTH"])
real = getattr(os, point)
calls = [0]
def hooked(*a, **k):
    calls[0] += 1
    if calls[0] == nth:
        if os.environ.get("HOOK_RAISE"):
            raise OSError(int(os.environ["HOOK_RAISE"]), os.strerror(int(os.environ["HOOK_RAISE"])))
        if os.environ.get("HOOK_AFTER"):
            r = real(*a, **k)
        open(os.environ["HOOK_MARK"], "w").close()
        while not os.path.exists(os.environ["HOOK_GO"]):
            time.sleep(0.01)
        return r if os.environ.get("HOOK_AFTER") else real(*a, **k)
    return real(*a, **k)
setattr(os, point, hooked)
"""


class Hooked:
    def __init__(self, home: Path, tmp: Path, args, point: str, nth: int = 1, after: bool = False,
                 raise_errno: int | None = None, code: str = MAIN):
        self.mark, self.go = tmp / f"mark-{point}-{nth}", tmp / f"go-{point}-{nth}"
        env = {**os.environ, "SCRAPNOTE_HOME": str(home), "NO_COLOR": "1", "HOOK_POINT": point,
               "HOOK_NTH": str(nth), "HOOK_MARK": str(self.mark), "HOOK_GO": str(self.go)}
        if after:
            env["HOOK_AFTER"] = "1"
        if raise_errno:
            env["HOOK_RAISE"] = str(raise_errno)
        self.proc = subprocess.Popen([sys.executable, "-c", HOOKED + code, *map(str, args)], env=env, text=True,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def wait_at_hook(self, timeout: float = 60) -> None:
        end = time.monotonic() + timeout
        while not self.mark.exists():
            if self.proc.poll() is not None:
                raise AssertionError(f"finished before the hook: {self.proc.communicate()}")
            assert time.monotonic() < end, "never reached the hook"
            time.sleep(0.01)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)

    def release(self):
        self.go.touch()
        out, err = self.proc.communicate(timeout=60)
        return self.proc.returncode, out, err


def run(home, *args, input=None):
    from conftest import scrapnote_exe

    env = {**os.environ, "SCRAPNOTE_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run([scrapnote_exe(), *map(str, args)], capture_output=True, text=True, env=env,
                          input=input, timeout=60)


def temps(home) -> list[Path]:
    return sorted(p for d in (home / "notes", home / ".trash", home / ".scrapnote", home / ".scrapnote" / "edits")
                  if d.exists() for p in d.iterdir() if p.name.endswith(".tmp"))


def article(tmp_path, name, title):
    p = tmp_path / f"{name}.txt"
    p.write_text(f"{title}\n\n{title}의 본문 첫 문장이다. 두 번째 문장도 있다.\n", encoding="utf-8")
    return p


def notes(home) -> dict[str, str]:
    d = home / "notes"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(d.glob("*.md"))} if d.exists() else {}


def test_a_killed_new_leaves_a_temp_file_that_the_next_write_cleans(home, tmp_path):
    h = Hooked(home, tmp_path, ["new", article(tmp_path, "a", "죽은 노트"), "--no-drafts", "--no-edit"], "fsync")
    h.wait_at_hook()
    h.kill()
    left = temps(home)
    assert len(left) == 1 and left[0].name.startswith(".0001-") and f"-{h.proc.pid}." in left[0].name
    r = run(home, "new", article(tmp_path, "b", "산 노트"), "--no-drafts", "--no-edit")
    assert r.returncode == 0, r.stderr
    assert temps(home) == []
    assert list(notes(home)) == ["0001-산-노트.md"]
    assert run(home, "list").returncode == 0


def test_a_live_writers_temp_file_is_never_touched(home, tmp_path):
    assert run(home, "new", article(tmp_path, "a", "첫 노트"), "--no-drafts", "--no-edit").returncode == 0
    (path,) = (home / "notes").glob("*.md")
    # a write that takes no lock (as edit's save does), stopped after its temp file is written
    code = ("from pathlib import Path\nfrom scrapnote import store\np = Path(sys.argv[1])\n"
            "store.atomic_write(p, p.read_text(encoding='utf-8') + '\\n살아 있는 쓰기\\n')\n")
    h = Hooked(home, tmp_path, [path], "fsync", code=code)
    h.wait_at_hook()
    (live,) = temps(home)
    for _ in range(2):  # writes that clean leftovers, while the writer lives
        r = run(home, "new", article(tmp_path, "b", "다른 노트"), "--no-drafts", "--no-edit")
        assert r.returncode == 0, r.stderr
        assert temps(home) == [live]
    rc, out, err = h.release()
    assert rc == 0, err
    assert temps(home) == []
    assert path.read_text(encoding="utf-8").endswith("살아 있는 쓰기\n")


def test_temp_files_without_a_live_writer_are_cleaned_only_when_that_is_certain(home, tmp_path):
    from scrapnote import store

    assert run(home, "new", article(tmp_path, "a", "첫 노트"), "--no-drafts", "--no-edit").returncode == 0
    notes_dir = home / "notes"
    host = store._host()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    old = time.time() - store.STALE_S - 60
    made = {
        f".0001-첫-노트.md.{host}-{dead.pid}.abcd1234.tmp": (None, False),  # its writer is gone
        f".0001-첫-노트.md.{host}-{os.getpid()}.abcd1234.tmp": (None, True),  # its writer (this test) lives
        ".0001-첫-노트.md.k2j4h5g6.tmp": (old, False),  # named the old way, an hour old
        ".0001-첫-노트.md.z9y8x7w6.tmp": (None, True),  # named the old way, just written
        f".0001-첫-노트.md.otherhost-{dead.pid}.abcd1234.tmp": (None, True),  # another host's, fresh
        f".0001-첫-노트.md.otherhost-{dead.pid}.efgh5678.tmp": (old, False),  # another host's, old
        ".my-own-notes.tmp": (old, True),  # not a name scrapnote makes
    }
    for name, (mtime, _) in made.items():
        (notes_dir / name).write_text("부분", encoding="utf-8")
        if mtime:
            os.utime(notes_dir / name, (mtime, mtime))
    (home / ".scrapnote" / f".last_id.{host}-{dead.pid}.qwer1234.tmp").write_text("7")
    r = run(home, "delete", "--yes", "1")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in notes_dir.iterdir() if p.name.endswith(".tmp")) == sorted(
        n for n, (_, kept) in made.items() if kept)
    assert not list((home / ".scrapnote").glob(".last_id*.tmp"))


def test_an_import_killed_before_its_notes_are_in_place_imports_nothing(home, tmp_path):
    entries = [{"title": f"가져온 노트 {i}", "body": f"본문 {i}"} for i in range(5)]
    f = tmp_path / "in.json"
    f.write_text(json.dumps(entries), encoding="utf-8")
    h = Hooked(home, tmp_path, ["import", f], "fsync", nth=3)  # the third note's temp file
    h.wait_at_hook()
    h.kill()
    assert notes(home) == {}
    assert len(temps(home)) == 3
    r = run(home, "new", article(tmp_path, "a", "다음 노트"), "--no-drafts", "--no-edit")
    assert r.returncode == 0, r.stderr
    assert temps(home) == []
    assert list(notes(home)) == ["0001-다음-노트.md"]  # the killed import moved no counter either


@pytest.mark.parametrize("nth", [1, 3, 5])
def test_an_import_killed_while_its_notes_are_put_in_place_is_finished_by_the_next_write(home, tmp_path, nth):
    entries = [{"title": f"가져온 노트 {i}", "body": f"본문 {i} 끝"} for i in range(5)]
    f = tmp_path / "in.json"
    f.write_text(json.dumps(entries), encoding="utf-8")
    h = Hooked(home, tmp_path, ["import", f], "link", nth=nth, after=True)  # the nth note just linked
    h.wait_at_hook()
    h.kill()
    assert len(notes(home)) == nth  # a kill here leaves a part on disk ...
    r = run(home, "new", article(tmp_path, "a", "다음 노트"), "--no-drafts", "--no-edit")
    assert r.returncode == 0, r.stderr
    # ... which the next write finishes: every imported note whole, no temp file, the journal gone
    got = {json.loads(run(home, "show", str(row["id"]), "--json").stdout)["title"]: row["id"]
           for row in json.loads(run(home, "list", "--json").stdout)}
    assert sorted(got) == sorted([e["title"] for e in entries] + ["다음 노트"])
    for e in entries:
        assert json.loads(run(home, "show", str(got[e["title"]]), "--json").stdout)["body"] == e["body"]
    assert got["다음 노트"] == 6
    assert temps(home) == [] and not (home / ".scrapnote" / "import-journal.json").exists()


def test_the_same_import_run_again_after_a_kill_makes_no_copy(home, tmp_path):
    """The notes already here are looked for under the write lock, after the killed import is
    finished: the second run finds all five (those the kill left in place and those the journal
    puts in place) and imports none again."""
    entries = [{"title": f"가져온 노트의 긴 제목 {i}", "body": f"본문 {i} 끝"} for i in range(5)]
    f = tmp_path / "in.json"
    f.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    h = Hooked(home, tmp_path, ["import", f], "link", nth=2, after=True)
    h.wait_at_hook()
    h.kill()
    assert len(notes(home)) == 2
    r = run(home, "import", f)
    assert r.returncode == 1 and r.stdout == "", r.stderr
    assert r.stderr.count("is already here as #") == 5 and "imported 0 of 5 notes, 5 already here" in r.stderr
    assert sorted(notes(home)) == [f"{i:04d}-가져온-노트의-긴-제목-{i - 1}.md" for i in range(1, 6)]


def test_an_import_that_fails_while_writing_leaves_nothing(home, tmp_path):
    f = tmp_path / "in.json"
    f.write_text(json.dumps([{"title": f"노트 {i}", "body": "본문"} for i in range(4)]), encoding="utf-8")
    h = Hooked(home, tmp_path, ["import", f], "fsync", nth=3, raise_errno=28)  # ENOSPC on the third
    out, err = h.proc.communicate(timeout=60)
    assert h.proc.returncode == 1 and err.startswith("error: ") and err.count("\n") == 1, err
    assert "no space left" in err.lower()
    assert notes(home) == {} and temps(home) == []
    assert run(home, "list").returncode == 0
