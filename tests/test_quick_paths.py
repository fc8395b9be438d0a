"""Issue 11's quick commands (show, check ID, edit, delete) do no work proportional to the
collection beyond what freshness needs: no listing of the notes folder when the index vouches for
its names, and the index vouches again after a change that left the same files."""
from __future__ import annotations

import os

from tests.test_leftovers_stamp import age, listed, note


def _collection(home, n: int = 5):
    notes = home / "notes"
    notes.mkdir(parents=True)
    for i in range(1, n + 1):
        (notes / f"{i:04d}-n{i}.md").write_text(note(i, f"노트 {i}"), encoding="utf-8")
        age(notes / f"{i:04d}-n{i}.md", 60)  # not racy: the first refresh keeps their mtimes
    (home / ".scrapnote").mkdir()
    age(notes)
    return notes


def test_the_same_files_under_a_new_folder_stamp_are_vouched_for_again(home, cli, monkeypatch):
    """A file moved out of the folder and back (or a temp file come and gone) changes the folder's
    mtime but not its files: the next refresh stores the new stamp, so show lists no folder."""
    notes = _collection(home)
    assert cli("list", "-n", "1").exit_code == 0
    moved = home / "aside.md"
    os.replace(notes / "0003-n3.md", moved)
    os.replace(moved, notes / "0003-n3.md")
    age(notes, 5)
    assert cli("list", "-n", "1").exit_code == 0  # the same files: nothing re-read, the stamp stored
    calls = listed(monkeypatch, notes)
    r = cli("show", "3")
    assert r.exit_code == 0, r.output
    assert "노트 3" in r.output
    assert calls == []


def test_a_recent_folder_stamp_is_still_not_trusted(home, cli, monkeypatch):
    notes = _collection(home)
    assert cli("list", "-n", "1").exit_code == 0
    moved = home / "aside.md"
    os.replace(notes / "0003-n3.md", moved)
    os.replace(moved, notes / "0003-n3.md")  # the folder's mtime is now: a second change could hide in it
    assert cli("list", "-n", "1").exit_code == 0
    calls = listed(monkeypatch, notes)
    assert cli("show", "3").exit_code == 0
    assert calls  # listed: the index cannot vouch for a stamp this recent


def test_list_shares_the_stat_with_a_child_and_still_sees_an_edit_in_place(home, cli, monkeypatch):
    """open_fresh stats the files in two processes when the names are known (Check's shared
    mode), and an edit in place (the folder's stamp unchanged) is still read again."""
    from scrapnote.index import scan

    notes = _collection(home, 40)
    assert cli("list", "-n", "1").exit_code == 0
    modes: list[str] = []
    real = scan.Check.__init__

    def spy(self, *args, **kwargs):
        real(self, *args, **kwargs)
        modes.append(self.mode)

    monkeypatch.setattr(scan.Check, "__init__", spy)
    p = notes / "0007-n7.md"
    p.write_text(p.read_text(encoding="utf-8").replace("노트 7", "고친 7"), encoding="utf-8")
    r = cli("list", "-n", "40")
    assert r.exit_code == 0, r.output
    assert "고친 7" in r.output
    assert modes == ["shared"]
    r = cli("search", "고친")
    assert "7" in r.output


def test_delete_after_a_change_lists_the_folder_once(home, cli, monkeypatch):
    """The index cannot vouch for a folder changed since (a note put there by hand): delete lists
    it once, for the leftovers and to find the note alike, and does not read the note first."""
    notes = _collection(home)
    assert cli("list", "-n", "1").exit_code == 0
    (notes / "0006-n6.md").write_text(note(6, "노트 6"), encoding="utf-8")  # added by hand
    age(notes, 5)
    calls = listed(monkeypatch, notes)
    r = cli("delete", "2", "--yes")
    assert r.exit_code == 0, r.output
    assert len(calls) == 1
    assert (home / ".trash" / "0002-n2.md").exists()
    r = cli("delete", "2", "--yes")
    assert r.exit_code == 1 and "in the trash" in r.stderr


def test_a_note_that_cannot_be_read_can_be_deleted(home, cli):
    notes = _collection(home, 2)
    (notes / "0003-broken.md").write_text("---\nid: 3\ntitle: [깨짐\n---\n", encoding="utf-8")
    r = cli("delete", "3", "--yes")
    assert r.exit_code == 0, r.stderr
    assert (home / ".trash" / "0003-broken.md").exists()
    assert cli("restore", "3").exit_code == 0
