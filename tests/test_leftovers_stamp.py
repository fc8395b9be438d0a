"""A write lists a folder for leftover temp files only when the folder changed since a listing
found none there (store.clean_leftovers: the folder's stamp): `delete ID` on a collection nothing
changed in lists no folder, and a leftover that appears afterwards is still cleaned by the next write."""
from __future__ import annotations

import os
import subprocess
import sys
import time

from scrapnote import store


def note(nid: int, title: str) -> str:
    return (f"---\nid: {nid}\ntitle: \"{title}\"\nsource: 한국경제\npublished: 2024-01-10\ntemplate: economy\n---\n\n"
            f"## 헤드라인 (요약과 압축)\n{title}\n\n## 본문 (본문 내용 복사)\n본문 {nid}.\n")


def age(path, seconds: float = 10) -> None:
    """The folder's mtime in the past, as a folder nothing has changed in for a while."""
    t = time.time() - seconds
    os.utime(path, (t, t))


def listed(monkeypatch, folder) -> list:
    calls: list = []
    real = os.listdir
    want = os.fsencode(folder)

    def spy(p="."):
        if os.fsencode(p) == want:
            calls.append(p)
        return real(p)

    monkeypatch.setattr(os, "listdir", spy)
    return calls


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_a_folder_nothing_changed_in_is_not_listed_again(home, cli, monkeypatch):
    notes = home / "notes"
    notes.mkdir(parents=True)
    for i in (1, 2, 3):
        (notes / f"{i:04d}-n{i}.md").write_text(note(i, f"노트 {i}"), encoding="utf-8")
    (home / ".scrapnote").mkdir()
    age(notes)
    store.clean_leftovers()  # the first write lists the folder and finds no temp file
    calls = listed(monkeypatch, notes)
    assert cli("list", "-n", "1").exit_code == 0  # the index knows the folder as it is (stamp not recent)
    calls.clear()
    store.clean_leftovers()
    assert calls == []  # nothing changed: no listing for leftovers
    r = cli("delete", "2", "--yes")
    assert r.exit_code == 0, r.output
    assert calls == []  # neither for leftovers nor to find the note (the index vouched for the names)
    assert not (notes / "0002-n2.md").exists() and (home / ".trash" / "0002-n2.md").exists()


def test_a_leftover_that_appears_later_is_cleaned_by_the_next_write(home, cli, monkeypatch):
    notes = home / "notes"
    notes.mkdir(parents=True)
    (notes / "0001-a.md").write_text(note(1, "가"), encoding="utf-8")
    (home / ".scrapnote").mkdir()
    age(notes)
    store.clean_leftovers()
    calls = listed(monkeypatch, notes)
    store.clean_leftovers()
    assert calls == []
    host = store._host()
    left = notes / f".0001-a.md.{host}-{dead_pid()}.abcd1234.tmp"  # a writer killed since
    left.write_text("half", encoding="utf-8")
    assert cli("delete", "1", "--yes").exit_code == 0
    assert calls  # the folder changed: listed
    assert not left.exists()


def test_a_recent_stamp_is_not_trusted(home, monkeypatch):
    """A listing of a folder changed this very moment is not kept: a second change in the same
    clock tick would leave the same mtime."""
    notes = home / "notes"
    notes.mkdir(parents=True)
    (home / ".scrapnote").mkdir()
    (notes / "0001-a.md").write_text(note(1, "가"), encoding="utf-8")  # the folder's mtime is now
    store.clean_leftovers()
    calls = listed(monkeypatch, notes)
    store.clean_leftovers()
    assert calls  # listed again


def test_a_live_writers_temp_file_keeps_the_folder_listed(home, monkeypatch):
    notes = home / "notes"
    notes.mkdir(parents=True)
    (home / ".scrapnote").mkdir()
    live = notes / f".0001-a.md.{store._host()}-{os.getppid()}.abcd1234.tmp"  # its writer runs
    live.write_text("being written", encoding="utf-8")
    age(notes)
    store.clean_leftovers()
    assert live.exists()
    calls = listed(monkeypatch, notes)
    store.clean_leftovers()
    assert calls and live.exists()  # a folder with a temp file in it is listed every time


def test_a_killed_writers_vocabulary_temp_file_is_cleaned_a_live_ones_kept(home, cli):
    """The index's term lists are written as ``.vocab-<key>.terms.<pid>.tmp``, a name the leftover
    rule did not know (no host, no random part): a killed writer's stayed for ever. A temp name
    ending in ``.<pid>.tmp`` is now asked by its pid like the others; the live writer's stays."""
    notes = home / "notes"
    notes.mkdir(parents=True)
    (notes / "0001-n1.md").write_text(note(1, "노트 1"), encoding="utf-8")
    assert cli("list").exit_code == 0
    state = home / ".scrapnote"
    dead = state / f".vocab-0123abcd.terms.{dead_pid()}.tmp"
    live = state / f".vocab-0123abcd.cho.{os.getppid()}.tmp"
    for p in (dead, live):
        p.write_bytes(b"half a list")
    r = cli("delete", "1", "--yes")
    assert r.exit_code == 0, r.stderr
    assert not dead.exists()
    assert live.exists()
