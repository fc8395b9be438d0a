"""The collection on disk (store.py): ids, atomic writes, the lock, the trash.

The store's public functions directly, then the same rules through the real CLI (moved here from
test_commands.py and test_e2e.py)."""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from scrapnote import config, store, template
from scrapnote.errors import NotFoundError, ScrapnoteError
from scrapnote.models import Article
from scrapnote.note import build_note

from conftest import scrapnote_exe
from test_commands import _editor, add, three_notes


@pytest.fixture
def three():
    return three_notes()


def _make(title):
    return lambda nid: build_note(Article(title=title, body="본문."), template.load(), nid)


def _hand_file(folder, name, nid=None, title="손으로"):
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text(f"---\n{f'id: {nid}' if nid else 'title: x'}\ntitle: {title}\n---\n\n## 본문\n\n내용\n", "utf-8")
    return p


# -- atomic_write ---------------------------------------------------------------------------------
def test_atomic_write_writes_text_as_utf8_and_bytes_as_they_are(tmp_path):
    p = tmp_path / "sub" / "a.txt"
    store.atomic_write(p, "가나다\n")
    assert p.read_bytes() == "가나다\n".encode()  # the folder is made
    store.atomic_write(p, b"\xef\xbb\xbfraw")
    assert p.read_bytes() == b"\xef\xbb\xbfraw"  # overwrite is the default
    assert sorted(x.name for x in p.parent.iterdir()) == ["a.txt"]  # no temp file left


def test_atomic_write_without_overwrite_never_replaces_a_file(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("mine", "utf-8")
    with pytest.raises(ScrapnoteError, match="already exists .*--force"):
        store.atomic_write(p, "theirs", overwrite=False)
    assert p.read_text("utf-8") == "mine"
    assert [x.name for x in tmp_path.iterdir()] == ["a.txt"]
    q = tmp_path / "new.txt"
    store.atomic_write(q, "new", overwrite=False)
    assert q.read_text("utf-8") == "new"


def test_atomic_write_keeps_a_files_own_mode_and_gives_new_ones_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        p = tmp_path / "new.txt"
        store.atomic_write(p, "x")
        assert p.stat().st_mode & 0o777 == 0o640
        os.chmod(p, 0o604)
        store.atomic_write(p, "y")
        assert p.stat().st_mode & 0o777 == 0o604
    finally:
        os.umask(old)


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text("old", "utf-8")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        store.atomic_write(p, "new")
    assert p.read_text("utf-8") == "old"
    assert [x.name for x in tmp_path.iterdir()] == ["a.txt"]


# -- ids --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, nid", [("0007-제목.md", 7), ("12.md", 12), ("0003-a-b.md", 3),
                                       ("note.md", None), ("7x-a.md", None), ("-1-a.md", None)])
def test_id_of_name(name, nid):
    assert store.id_of_name(name) == nid


def test_note_paths_are_md_files_in_name_order_without_hidden_or_temp_files(home):
    d = config.notes_dir()
    assert store.note_paths() == []  # no folder yet
    d.mkdir(parents=True)
    for name in ("0002-b.md", "0001-a.md", ".0003-c.md.x1.tmp", ".hidden.md", "notes.txt"):
        (d / name).write_text("x", "utf-8")
    (d / "folder.md").mkdir()
    assert [p.name for p in store.note_paths()] == ["0001-a.md", "0002-b.md"]
    assert store.note_paths(home / "elsewhere") == []


def test_ids_count_up_from_one_and_the_file_is_named_by_id_and_title(home):
    assert store.next_id() == 1
    a = store.create(_make("첫 노트"))
    b = store.create(_make("둘째: 노트?"))
    assert (a.id, b.id) == (1, 2)
    assert a.path == config.notes_dir() / "0001-첫-노트.md"
    assert b.path.name == "0002-둘째-노트.md"
    assert (config.state_dir() / "last_id").read_text() == "2\n"
    assert store.next_id() == 3  # not reserved: asking twice gives the same
    assert store.next_id() == 3


def test_next_id_is_past_the_counter_the_notes_and_the_trash(home):
    _hand_file(config.notes_dir(), "0004-a.md")
    assert store.next_id() == 5
    _hand_file(config.trash_dir(), "0009-b.md")
    assert store.next_id() == 10
    config.state_dir().mkdir(parents=True)
    (config.state_dir() / "last_id").write_text("20\n")
    assert store.next_id() == 21
    (config.state_dir() / "last_id").write_text("garbage")  # an unreadable counter is ignored
    assert store.next_id() == 10


def test_save_writes_a_changed_note_back_and_refuses_one_without_a_file(home):
    n = store.create(_make("저장"))
    changed = n.with_section("summary", "내 요약", template.load())
    assert store.save(changed) is changed
    assert "내 요약" in n.path.read_text("utf-8")
    with pytest.raises(ScrapnoteError, match="no file"):
        store.save(build_note(Article(title="t", body="b"), template.load(), 9))


def test_find_path_by_file_name_else_by_front_matter(home):
    a = store.create(_make("가"))
    renamed = _hand_file(config.notes_dir(), "renamed-by-hand.md", nid=8)
    assert store.find_path(a.id) == a.path
    assert store.find_path(8) == renamed
    assert store.find_path(99) is None
    assert store.find_path(1, config.trash_dir()) is None


def test_two_files_with_one_id_is_an_error_naming_both(home):
    _hand_file(config.notes_dir(), "0005-a.md")
    _hand_file(config.notes_dir(), "0005-b.md")
    with pytest.raises(ScrapnoteError, match=r"id 5 is used by 2 files .*0005-a\.md and 0005-b\.md"):
        store.find_path(5)


# -- trash --------------------------------------------------------------------------------------------
def test_delete_moves_to_the_trash_and_restore_brings_it_back(home):
    n = store.create(_make("지울 노트"))
    text = n.path.read_bytes()
    where = store.delete(n.id)
    assert where == config.trash_dir() / n.path.name and where.read_bytes() == text
    assert not n.path.exists() and store.find_path(n.id) is None
    assert store.restore(n.id) == n.path
    assert n.path.read_bytes() == text and not where.exists()


def test_a_deleted_id_is_never_handed_out_again_even_when_the_trash_is_emptied(home):
    for t in ("a", "b", "c"):
        store.create(_make(t))
    (config.state_dir() / "last_id").unlink()  # the counter lost: the files still say 3
    where = store.delete(3)
    assert (config.state_dir() / "last_id").read_text() == "3\n"
    where.unlink()
    assert store.create(_make("d")).id == 4


def test_delete_and_restore_refuse_what_is_not_there(home):
    with pytest.raises(NotFoundError, match="no note with id 1"):
        store.delete(1)
    with pytest.raises(NotFoundError, match="no deleted note with id 1"):
        store.restore(1)
    n = store.create(_make("a"))
    with pytest.raises(ScrapnoteError, match="not in the trash"):
        store.restore(n.id)
    store.delete(n.id)
    _hand_file(config.notes_dir(), "renamed.md", nid=n.id)  # the id taken again by hand meanwhile
    with pytest.raises(ScrapnoteError, match=f"a note with id {n.id} already exists"):
        store.restore(n.id)


# -- create_many (import) --------------------------------------------------------------------------
def _many(wanted, titles=None):
    titles = titles or [f"노트 {i}" for i in range(len(wanted))]
    return store.create_many(wanted, lambda ids: [_make(t)(i) for t, i in zip(titles, ids)])


def test_create_many_keeps_free_ids_and_numbers_the_rest_past_the_largest(home):
    store.create(_make("a"))  # 1
    store.create(_make("b"))  # 2
    store.delete(2)
    notes = _many([7, None, 1, 2, 7, 5])
    # 7 and 5 are free; 1 is a note, 2 is in the trash, the second 7 is taken by the first
    assert [n.id for n in notes] == [7, 8, 9, 10, 11, 5]
    assert all(n.path.exists() and n.path.name.startswith(f"{n.id:04d}-") for n in notes)
    assert (config.state_dir() / "last_id").read_text() == "11\n"
    assert store.next_id() == 12


def test_create_many_never_gives_an_id_handed_out_before(home):
    for t in ("a", "b", "c"):
        store.create(_make(t))
    store.delete(3)
    (config.trash_dir() / "0003-c.md").unlink()  # gone from the trash: the counter remembers it
    assert [n.id for n in _many([3, 2])] == [4, 5]


# -- the lock -----------------------------------------------------------------------------------------
def test_the_lock_held_by_another_process_is_one_clear_error(home):
    from filelock import FileLock

    config.state_dir().mkdir(parents=True)
    other = FileLock(str(config.state_dir() / "lock"))
    with other, pytest.raises(ScrapnoteError, match="is locked by another scrapnote"), store.locked(timeout=0.05):
        pass
    with store.locked(timeout=0.05):  # free again
        pass


# -- through the CLI (moved from test_commands.py) -------------------------------------------------
def test_delete_restore_keeps_id_and_ids_never_reused(cli, three):
    r = cli("delete", "3", "--yes")
    assert r.exit_code == 0 and "restore 3" in r.stderr
    assert cli("show", "3").exit_code == 1
    assert "trash" in cli("show", "3").stderr
    assert [p.name[:4] for p in (three[0].path.parent.parent / ".trash").iterdir()] == ["0003"]
    n = add("새 노트")
    assert n.id == 4  # 3 is in the trash: never handed out again
    assert cli("restore", "3").exit_code == 0
    assert json.loads(cli("show", "3", "--json").stdout)["title"] == "KAIST-KT 공동연구센터"
    # emptying the trash by hand still never reuses an id
    cli("delete", "4", "--yes")
    for p in (three[0].path.parent.parent / ".trash").iterdir():
        p.unlink()
    assert add("또 새 노트").id == 5


def test_files_are_written_with_the_umask_not_0600(cli, three, tmp_path):
    old = os.umask(0o022)
    try:
        n = add("권한 테스트")
        assert n.path.stat().st_mode & 0o777 == 0o644
        os.chmod(n.path, 0o664)
        ed = _editor(tmp_path, "path.write_text(text + '\\n덧붙임\\n', 'utf-8')")
        assert cli("edit", str(n.id), env={"EDITOR": ed}).exit_code == 0
        assert n.path.stat().st_mode & 0o777 == 0o664  # an edit keeps the file's own mode
    finally:
        os.umask(old)


def test_duplicate_ids_are_warned_and_never_guessed(cli, three, home):
    copy = home / "notes" / "0002-copy.md"
    copy.write_bytes(three[1].path.read_bytes())
    r = cli("list")
    assert r.exit_code == 0 and "id 2 is used by more than one file" in r.stderr
    for cmd in (["show", "2"], ["delete", "2", "--yes"], ["edit", "2"]):
        r = cli(*cmd, env={"EDITOR": "true"})
        assert r.exit_code == 1 and "id 2 is used by 2 files" in r.stderr, cmd
    assert three[1].path.exists() and copy.exists()


# -- separate processes (moved from test_e2e.py) -----------------------------------------------------
def _run(*args, home):
    env = {**os.environ, "SCRAPNOTE_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run([scrapnote_exe(), *map(str, args)], capture_output=True, env=env, timeout=120)


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
        j = json.loads(_run("show", f.name[:4].lstrip("0"), "--json", home=home).stdout)
        assert j["title"].startswith("동시 실행 기사") and "본문이다" in j["body"]


# -- one note by id without listing the collection (issue 11) -------------------------------------
def _aged(*paths):
    for p in paths:
        st = os.stat(p)
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns - 60 * 10**9))


def _indexed_collection(write_note):
    from scrapnote.index import NoteIndex

    paths = [write_note(f"{i:04d}-n.md", f"---\nid: {i}\ntitle: 노트 {i}\n---\n\n## 본문\n\n{i}번\n")
             for i in (1, 2, 12, 21, 120)]
    paths.append(write_note("2024년 메모.md", "---\nid: 7\ntitle: 손으로 만든 메모\n---\n\n## 본문\n\n메모\n"))
    paths.append(write_note("memo.md", "---\nid: 8\ntitle: 영문 이름 메모\n---\n\n## 본문\n\n메모\n"))
    _aged(*paths, paths[0].parent)
    NoteIndex.open_fresh().close()
    return paths


def _listings(monkeypatch):
    """Count the listings of the notes folder (os.listdir and os.scandir of it)."""
    seen = []
    notes = os.path.realpath(config.notes_dir())
    for name in ("listdir", "scandir"):
        real = getattr(os, name)

        def counted(path=".", _real=real):
            p = os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else None
            if p is not None and os.path.realpath(p) == notes:
                seen.append(p)
            return _real(path)
        monkeypatch.setattr(os, name, counted)
    return seen


@pytest.mark.parametrize("vouched", [True, False])
def test_a_note_is_found_by_id_with_or_without_the_index(home, write_note, monkeypatch, vouched):
    paths = _indexed_collection(write_note)
    if not vouched:  # a file added since the index was brought up to date: the folder is listed
        write_note("0500-new.md", "---\nid: 500\ntitle: 새 노트\n---\n")
    listed = _listings(monkeypatch)
    by_name = {p.name: p for p in paths}
    assert store.find_path(1) == by_name["0001-n.md"]
    assert store.find_path(12) == by_name["0012-n.md"]
    assert store.find_path(120) == by_name["0120-n.md"]
    assert store.find_path(7) == by_name["2024년 메모.md"]  # digits, but no id in the name: its front matter
    assert store.find_path(8) == by_name["memo.md"]
    assert store.find_path(3) is None
    assert (len(listed) > 0) is not vouched  # the index vouched: no listing of the collection


def test_a_copy_made_since_the_index_is_never_guessed_between(home, write_note):
    paths = _indexed_collection(write_note)
    copy = paths[1].parent / "0002-copy.md"
    copy.write_bytes(paths[1].read_bytes())  # the folder changed: the index cannot vouch for it
    with pytest.raises(ScrapnoteError, match="id 2 is used by 2 files"):
        store.find_path(2)
    memo = paths[1].parent / "아무이름.md"
    memo.write_text("---\nid: 21\ntitle: 같은 id\n---\n", encoding="utf-8")
    assert store.find_path(21).name == "0021-n.md"  # a numbered name wins, as before


def test_show_check_edit_read_one_file_when_the_index_vouches(cli, home, write_note, monkeypatch):
    """The quick commands do no work proportional to the collection: no listing of the notes
    folder, and of the note files only the one asked for is read."""
    from pathlib import Path

    _indexed_collection(write_note)
    listed = _listings(monkeypatch)
    opened = []
    real_bytes, real_text = Path.read_bytes, Path.read_text
    monkeypatch.setattr(Path, "read_bytes", lambda p: opened.append(p.name) or real_bytes(p))
    monkeypatch.setattr(Path, "read_text", lambda p, *a, **k: opened.append(p.name) or real_text(p, *a, **k))
    for args in (["show", "12"], ["check", "12"], ["edit", "12"]):
        opened.clear()
        r = cli(*args, env={"EDITOR": "true"})
        assert r.exit_code in (0, 1), (args, r.stderr)
        assert [n for n in opened if n.endswith(".md") and n != "12.md"] in ([], ["0012-n.md"]), args
        assert listed == [], args


def test_search_warns_of_an_id_two_files_have_as_list_does(cli, three, home):
    """``search`` said nothing of an id two files claim, where ``list`` warns: the same line."""
    copy = home / "notes" / "0002-copy.md"
    copy.write_bytes(three[1].path.read_bytes())
    listed = [ln for ln in cli("list").stderr.splitlines() if "more than one file" in ln]
    r = cli("search", "본문")
    assert r.exit_code == 0, r.stderr
    found = [ln for ln in r.stderr.splitlines() if "more than one file" in ln]
    assert found == listed and len(found) == 1 and found[0].startswith("warning: id 2 is used by"), r.stderr
    r = cli("search", "없는말없는말")  # no hit: the warning all the same
    assert r.exit_code == 1 and "id 2 is used by more than one file" in r.stderr
