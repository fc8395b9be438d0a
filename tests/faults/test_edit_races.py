"""Lost edits (issue 10): two `edit 5` at once, an edit during `delete --yes 5`, a kept edit copy
re-opened after the note changed by hand, a full disk during `edit`.

The editor is a small Python program ($EDITOR) steered by environment variables, so that concurrent
sessions of the installed `scrapnote` can be driven deterministically: it can announce that it has
the file (``ED_GATE.started``), wait until the test opens its gate (``ED_GATE`` appears), change the
note file by hand meanwhile (``ED_HAND``), record the text it was given (``ED_SEEN``) and append a
line to it (``ED_TEXT``).
"""
from __future__ import annotations

import errno
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

EDITOR = r"""
import os, sys, time
p = sys.argv[1]
text = open(p, encoding="utf-8").read()
gate = os.environ.get("ED_GATE")
if gate:
    open(gate + ".started", "w").write(str(os.getpid()))
    end = time.time() + 60
    while not os.path.exists(gate) and time.time() < end:
        time.sleep(0.02)
if os.environ.get("ED_SEEN"):
    open(os.environ["ED_SEEN"], "w", encoding="utf-8").write(text)
if os.environ.get("ED_HAND"):
    with open(os.environ["ED_HAND"], "a", encoding="utf-8") as f:
        f.write("\n손으로 고친 줄\n")
if os.environ.get("ED_TEXT"):
    tmp = p + ".editor-save"
    with open(tmp, "w", encoding="utf-8") as f:  # saved by rename, as most editors do
        f.write(text.rstrip("\n") + "\n\n" + os.environ["ED_TEXT"] + "\n")
    os.replace(tmp, p)
"""


class Home:
    """A collection driven through the installed program."""

    def __init__(self, home: Path, tmp: Path):
        from conftest import scrapnote_exe

        self.home, self.tmp, self.exe = home, tmp, scrapnote_exe()
        ed = tmp / "editor.py"
        ed.write_text(EDITOR, encoding="utf-8")
        self.env = {**os.environ, "SCRAPNOTE_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "1000",
                    "EDITOR": f"{sys.executable} {ed}"}
        for k in ("VISUAL", "ED_GATE", "ED_SEEN", "ED_HAND", "ED_TEXT"):
            self.env.pop(k, None)

    def run(self, *args, **editor) -> subprocess.CompletedProcess:
        return subprocess.run([self.exe, *map(str, args)], env={**self.env, **editor}, capture_output=True,
                              text=True, timeout=120)

    def start(self, *args, **editor) -> subprocess.Popen:
        return subprocess.Popen([self.exe, *map(str, args)], env={**self.env, **editor}, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)

    def new(self, marker: str, size: int = 0) -> int:
        art = self.tmp / f"{marker}.txt"
        extra = "".join(f"{marker} 문장 {k}번은 길게 쓴 본문의 한 줄이다.\n\n" for k in range(size))
        art.write_text(f"노트 {marker}\n\n{marker} 본문 첫 문장이다.\n\n{extra}", encoding="utf-8")
        r = self.run("new", art, "--no-edit", "--no-drafts")
        assert r.returncode == 0, r.stderr
        return int(re.search(r"saved (\d+)", r.stderr).group(1))

    def path(self, nid: int) -> Path:
        (p,) = [p for p in (self.home / "notes").glob(f"{nid:04d}-*.md")]
        return p

    def trashed(self, nid: int) -> list[Path]:
        return list((self.home / ".trash").glob(f"{nid:04d}-*.md"))

    def body(self, nid: int) -> str:
        r = self.run("show", nid, "--json")
        assert r.returncode == 0, r.stderr
        return json.dumps(json.loads(r.stdout), ensure_ascii=False)


def in_editor(gate: Path, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until the editor of ``proc`` holds the file (its gate's ``.started`` exists)."""
    end = time.monotonic() + timeout
    started = Path(str(gate) + ".started")
    while not started.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < end, "the editor never started"
        time.sleep(0.02)


def error_line(r) -> str:
    """The one line a failed command prints (never a traceback)."""
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 1 and len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    return lines[0]


@pytest.fixture
def h(home, tmp_path):
    return Home(home, tmp_path)


def test_two_edits_at_once_never_lose_a_text(h, tmp_path):
    nid = h.new("동시편집")
    gate = tmp_path / "gate"
    first = h.start("edit", nid, ED_GATE=str(gate), ED_TEXT="첫째 편집의 글")
    in_editor(gate, first)
    second = h.run("edit", nid, ED_TEXT="둘째 편집의 글")
    line = error_line(second)
    assert line.endswith(f"note {nid} is being edited (pid {first.pid}); try again when it is done"), line
    gate.touch()
    out, err = first.communicate(timeout=60)
    assert first.returncode == 0 and f"saved {nid}" in err, err
    assert h.run("edit", nid, ED_TEXT="둘째 편집의 글").returncode == 0  # tried again: both texts kept
    body = h.body(nid)
    assert "첫째 편집의 글" in body and "둘째 편집의 글" in body
    assert not list((h.home / ".scrapnote" / "edits").iterdir())


def test_a_killed_edit_leaves_a_lock_the_next_edit_takes_over(h, tmp_path):
    nid = h.new("죽은편집")
    gate = tmp_path / "gate"
    dead = h.start("edit", nid, ED_GATE=str(gate), ED_TEXT="죽은 편집")
    in_editor(gate, dead)
    os.killpg(dead.pid, signal.SIGKILL)  # scrapnote and its editor
    dead.communicate(timeout=60)
    r = h.run("edit", nid, ED_TEXT="살아 있는 편집")
    assert r.returncode == 0 and f"saved {nid}" in r.stderr, r.stderr
    assert "살아 있는 편집" in h.body(nid) and "죽은 편집" not in h.body(nid)


def test_delete_and_restore_wait_for_no_edit_and_never_bring_a_note_back(h, tmp_path):
    nid = h.new("삭제중편집")
    gate = tmp_path / "gate"
    editing = h.start("edit", nid, ED_GATE=str(gate), ED_TEXT="삭제 전에 쓴 글")
    in_editor(gate, editing)
    line = error_line(h.run("delete", "--yes", nid))
    assert f"note {nid} is being edited (pid {editing.pid})" in line
    assert h.path(nid).exists() and not h.trashed(nid)
    gate.touch()
    out, err = editing.communicate(timeout=60)
    assert editing.returncode == 0 and f"saved {nid}" in err, err
    assert h.run("delete", "--yes", nid).returncode == 0
    assert len(h.trashed(nid)) == 1 and not list((h.home / "notes").glob(f"{nid:04d}-*.md"))
    assert "삭제 전에 쓴 글" in h.trashed(nid)[0].read_text(encoding="utf-8")


def test_an_edit_waits_for_a_delete_and_then_finds_the_note_gone(h, tmp_path):
    """The other order: a delete holds the note's lock (as in the middle of its move); the edit
    waits for it, then finds no note — it never writes the note back beside the trashed one."""
    from scrapnote import config, store

    nid = h.new("편집중삭제")
    config.set_home(h.home)
    try:
        with store.note_lock(nid, "deleted"):
            editing = h.start("edit", nid, ED_TEXT="지워진 노트에 쓴 글", ED_SEEN=str(tmp_path / "seen"))
            time.sleep(0.8)
            assert editing.poll() is None and not (tmp_path / "seen").exists()  # waiting, not editing
            trash = h.home / ".trash"
            trash.mkdir(exist_ok=True)
            os.replace(h.path(nid), trash / h.path(nid).name)  # the delete's move
        out, err = editing.communicate(timeout=60)
    finally:
        config.set_home(None)
    assert editing.returncode == 1 and f"note {nid} is in the trash" in err, err
    assert not list((h.home / "notes").glob(f"{nid:04d}-*.md")) and len(h.trashed(nid)) == 1


def test_note_changed_while_the_editor_is_open_keeps_both(h, tmp_path):
    nid = h.new("바뀐노트")
    note = h.path(nid)
    r = h.run("edit", nid, ED_HAND=str(note), ED_TEXT="편집기에서 쓴 글")
    line = error_line(r)
    assert f"note {nid} changed while it was open in the editor" in line and "not overwritten" in line
    kept = Path(re.search(r"kept in (\S+\.md)", line).group(1))
    assert "손으로 고친 줄" in note.read_text(encoding="utf-8")  # the newer note stays
    assert "편집기에서 쓴 글" not in note.read_text(encoding="utf-8")
    assert "편집기에서 쓴 글" in kept.read_text(encoding="utf-8")  # the user's text too
    assert not (h.home / ".scrapnote" / "edits" / f"{nid}.md").exists()  # never re-opened as a base
    seen = tmp_path / "seen"
    assert h.run("edit", nid, ED_SEEN=str(seen)).returncode == 0
    assert "손으로 고친 줄" in seen.read_text(encoding="utf-8")


def test_kept_copy_older_than_the_note_is_set_aside(h, tmp_path):
    nid = h.new("오래된사본")
    note = h.path(nid)
    work = h.home / ".scrapnote" / "edits" / f"{nid}.md"
    broken = tmp_path / "broken.py"  # an edit that breaks the front matter: kept
    broken.write_text("import sys\np = sys.argv[1]\nt = open(p, encoding='utf-8').read()\n"
                      "open(p, 'w', encoding='utf-8').write(t.replace('title: ', 'title: [', 1) + '\\n옛 편집\\n')\n")
    r = h.run("edit", nid, EDITOR=f"{sys.executable} {broken}")
    assert r.returncode == 1 and work.exists()
    with open(note, "a", encoding="utf-8") as f:
        f.write("\n나중에 손으로 쓴 줄\n")  # the note changes by hand after the copy was kept
    seen = tmp_path / "seen"
    r = h.run("edit", nid, ED_SEEN=str(seen), ED_TEXT="새 편집")
    assert r.returncode == 0 and f"saved {nid}" in r.stderr, r.stderr
    assert "set aside in" in r.stderr
    assert "옛 편집" not in seen.read_text(encoding="utf-8")  # the editor got the note, not the old copy
    text = note.read_text(encoding="utf-8")
    assert "나중에 손으로 쓴 줄" in text and "새 편집" in text
    older = Path(re.search(r"set aside in (\S+\.md)", r.stderr).group(1))
    assert "옛 편집" in older.read_text(encoding="utf-8")  # set aside, not lost


# -- a full disk -------------------------------------------------------------------------------------

class Disk:
    """A disk with ``free`` bytes left, for every write of the store (``os.fdopen`` in store.py)."""

    def __init__(self, free: int):
        self.free = free

    def patch(self, monkeypatch):
        from scrapnote import store

        real = os.fdopen
        disk = self

        class Limited:
            def __init__(self, f):
                self.f = f

            def write(self, data):
                n = min(len(data), disk.free)
                self.f.write(data[:n])
                disk.free -= n
                if n < len(data):
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                return n

            def __getattr__(self, name):
                return getattr(self.f, name)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.f.close()

        monkeypatch.setattr(store.os, "fdopen", lambda fd, mode="r", *a, **k: Limited(real(fd, mode, *a, **k)))


def _leftovers(home: Path) -> list[str]:
    return [p.name for p in home.rglob("*.tmp")]


def test_full_disk_edit_never_leaves_a_truncated_copy(cli, home, tmp_path, monkeypatch):
    """ENOSPC injected (always runs): the working copy cannot be written whole → one line, nothing
    half-written; once there is room, the next edit opens the whole note and saves it whole."""
    r = cli("new", "--no-edit", "--no-drafts", "-", input="노트 긴글\n\n" + "가나다라마바사 문장이다. " * 900)
    assert r.exit_code == 0, r.stderr
    note = next((home / "notes").glob("0001-*.md"))
    whole = note.read_bytes()
    assert len(whole) > 3 * 4096
    ed = tmp_path / "ed.py"
    ed.write_text(EDITOR, encoding="utf-8")
    editor = {"EDITOR": f"{sys.executable} {ed}", "ED_TEXT": "가득 찬 디스크 뒤의 편집"}
    with monkeypatch.context() as m:
        Disk(4096).patch(m)
        r = cli("edit", "1", env=editor)
    assert r.exit_code == 1 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "no space left on device" in r.stderr and "note 1 unchanged" in r.stderr
    assert note.read_bytes() == whole and not (home / ".scrapnote" / "edits" / "1.md").exists()
    assert _leftovers(home) == []
    r = cli("edit", "1", env=editor)
    assert r.exit_code == 0 and "saved 1" in r.stderr, r.stderr
    text = note.read_bytes()
    assert text.startswith(whole.rstrip(b"\n")) and "가득 찬 디스크 뒤의 편집".encode() in text


def test_full_disk_on_save_keeps_the_whole_edit(cli, home, tmp_path, monkeypatch):
    """The copy is made, the disk fills while the editor is open: the save fails with one line, the
    note is unchanged, the kept copy is whole and the next edit re-opens and saves it."""
    r = cli("new", "--no-edit", "--no-drafts", "-", input="노트 긴글\n\n" + "가나다라마바사 문장이다. " * 900)
    assert r.exit_code == 0, r.stderr
    note = next((home / "notes").glob("0001-*.md"))
    whole = note.read_bytes()
    ed = tmp_path / "ed.py"
    ed.write_text(EDITOR, encoding="utf-8")
    disk = Disk(10**9)
    real_call = subprocess.call

    def editor_then_full(*a, **k):
        rc = real_call(*a, **k)
        disk.free = 4096  # the disk fills while the editor is open
        return rc

    with monkeypatch.context() as m:
        disk.patch(m)
        m.setattr(subprocess, "call", editor_then_full)
        r = cli("edit", "1", env={"EDITOR": f"{sys.executable} {ed}", "ED_TEXT": "저장 못 한 편집"})
    assert r.exit_code == 1 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "cannot save note 1: no space left on device" in r.stderr
    assert note.read_bytes() == whole and _leftovers(home) == []
    r = cli("edit", "1", env={"EDITOR": "true"})  # re-opens the kept copy; the editor keeps it as it is
    assert r.exit_code == 0 and "saved 1" in r.stderr, r.stderr
    assert note.read_bytes().startswith(whole.rstrip(b"\n")) and "저장 못 한 편집".encode() in note.read_bytes()


def test_full_tmpfs_edit(h, tmp_path):
    """The same on a real full file system (a small tmpfs holding the collection)."""
    from faults._mounts import fill, tiny_fs

    with tiny_fs(h.home, "1m"):
        nid = h.new("작은디스크", size=300)
        note = h.path(nid)
        whole = note.read_bytes()
        assert len(whole) > 4 * 4096
        assert h.run("list").returncode == 0  # the state folder and index exist before the disk fills
        fill(h.home)
        r = h.run("edit", nid, ED_TEXT="꽉 찬 디스크의 편집")
        assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr
        assert "no space left on device" in r.stderr
        assert note.read_bytes() == whole
        work = h.home / ".scrapnote" / "edits" / f"{nid}.md"
        assert not work.exists() or work.read_bytes() == whole
        (h.home / "filler").unlink()
        r = h.run("edit", nid, ED_TEXT="자리가 난 뒤의 편집")
        assert r.returncode == 0 and f"saved {nid}" in r.stderr, r.stderr
        text = note.read_bytes()
        assert text.startswith(whole.rstrip(b"\n")) and "자리가 난 뒤의 편집".encode() in text
        assert _leftovers(h.home) == []
