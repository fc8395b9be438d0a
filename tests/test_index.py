"""The index cache: schema steps, rebuilt when damaged, refreshed by the folder's listing (adds,
deletes, edits in place, racy edits), the child-process check, the word list, garbage."""
from __future__ import annotations

import os
import sqlite3
import sys
import time

import pytest

from scrapnote import config
from scrapnote.errors import BrokenNoteError
from scrapnote.index import NoteIndex, schema, sync, vocabulary
from scrapnote.index import scan as scanning
from scrapnote.search import search


def note_text(nid, title, body, tags=()):
    return (f"---\nid: {nid}\ntitle: \"{title}\"\nsource: 한국경제\npublished: 2024-01-10\n"
            f"tags: [{', '.join(tags)}]\ntemplate: economy\n---\n\n## 헤드라인 (요약과 압축)\n{title}\n\n"
            f"## 본문 (본문 내용 복사)\n{body}\n")


def ids(query, **kw):
    return {h.id for h in search(query, **kw).hits}


def all_rows(on_error=None):
    """Every note's row, broken files reported to ``on_error`` (as the commands do)."""
    with NoteIndex.open_fresh() as ix:
        if on_error:
            for path, reason in ix.broken():
                on_error(BrokenNoteError(path, reason))
        return ix.rows(order=None)


def fresh_con():
    con = schema.connect()
    sync.sync(con)
    return con


def age(*paths, seconds=60):
    """Make files look old (as notes are, except in tests), so their real mtimes are trusted."""
    for p in paths:
        st = os.stat(p)
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 10**9))


@pytest.fixture
def two(write_note):
    a = write_note("0001-a.md", note_text(1, "구글 소식", "구글은 오늘 발표했다.", tags=["AI"]))
    b = write_note("0002-b.md", note_text(2, "삼성전자 소식", "삼성전자는 반도체를 만든다."))
    return a, b


def test_fresh_index_has_every_step(two):
    con = schema.connect()
    assert con.execute("PRAGMA user_version").fetchone()[0] == len(schema.STEPS)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    assert {"notes", "ft", "terms", "vocab", "state"} <= tables


def test_upgrade_from_step_1_reads_every_note_again(two):
    path = schema.db_path()
    path.parent.mkdir(parents=True)
    con = sqlite3.connect(str(path), isolation_level=None)
    con.executescript(schema.STEPS[0])
    con.execute("INSERT INTO notes(path, mtime_ns, size, id, title) VALUES('0001-a.md', 1, 1, 1, 'old')")
    con.execute("PRAGMA user_version=1")
    con.close()
    rows = all_rows()
    assert sorted(r["title"] for r in rows) == ["구글 소식", "삼성전자 소식"]
    assert ids("구글") == {1}


@pytest.mark.parametrize("damage", [
    lambda p: p.write_bytes(b"not a database at all" * 50),
    lambda p: p.write_bytes(p.read_bytes()[:4096]),
    lambda p: p.unlink(),
])
def test_damaged_index_is_rebuilt(two, damage):
    assert ids("구글") == {1}
    damage(schema.db_path())
    for suffix in ("-wal", "-shm"):
        p = schema.db_path().with_name(schema.db_path().name + suffix)
        if p.exists():
            p.unlink()
    assert ids("구글") == {1}
    assert [r["id"] for r in sorted(all_rows(), key=lambda r: r["id"])] == [1, 2]


def test_index_from_a_newer_scrapnote_is_rebuilt(two):
    con = schema.connect()
    con.execute(f"PRAGMA user_version={len(schema.STEPS) + 5}")
    con.close()
    assert ids("삼성전자") == {2}
    assert schema.connect().execute("PRAGMA user_version").fetchone()[0] == len(schema.STEPS)


def test_all_rows(two):
    rows = {r["id"]: r for r in all_rows()}
    assert rows[1]["title"] == "구글 소식" and rows[1]["tags"] == ["AI"]
    assert rows[1]["path"] == str(two[0])
    assert rows[2]["source"] == "한국경제" and rows[2]["date"] == "2024-01-10"


def test_edit_in_place_of_an_old_file(two):
    a, b = two
    age(a, b)
    assert ids("구글") == {1}
    assert schema.connect().execute("SELECT min(mtime_ns) FROM notes").fetchone()[0] > 0  # trusted
    a.write_text(a.read_text(encoding="utf-8").replace("구글은 오늘", "테슬라는 오늘"), encoding="utf-8")
    assert ids("테슬라") == {1}


def test_racy_edit_same_size_same_mtime_is_still_seen(two):
    a, _ = two
    assert ids("구글") == {1}  # indexed within the same second as written: stored as "unknown"
    st = os.stat(a)
    text = a.read_text(encoding="utf-8").replace("오늘", "어제")  # same length in bytes
    a.write_text(text, encoding="utf-8")
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns))  # as if in the same clock tick
    assert os.stat(a).st_size == st.st_size and os.stat(a).st_mtime_ns == st.st_mtime_ns
    assert ids("어제") == {1}


def test_added_renamed_and_deleted_files(two, write_note):
    a, b = two
    age(a, b)
    age(a.parent)
    assert ids("소식") == {1, 2}
    assert sync.stored_listing(schema.connect())[0]  # the directory stamp is kept
    b.rename(b.with_name("0002-renamed.md"))
    write_note("0003-c.md", note_text(3, "새 소식", "본문"))
    a.unlink()
    assert ids("소식") == {2, 3}
    assert {r["path"].rsplit("/", 1)[1] for r in all_rows()} == {"0002-renamed.md", "0003-c.md"}


def test_unchanged_directory_is_not_listed_again(two, monkeypatch):
    a, b = two
    age(a, b)
    age(a.parent)
    con = schema.connect()
    sync.sync(con)
    known = sync.stored_listing(con)
    assert known[0]

    def no_listing(*_a, **_k):
        raise AssertionError("listed the folder although its stamp is unchanged")

    monkeypatch.setattr(os, "listdir", no_listing)
    assert scanning.scan(config.notes_dir(), known)[1:] == known[1:]


def test_a_recently_changed_directory_is_listed_again(two):
    con = schema.connect()
    sync.sync(con)
    assert sync.stored_listing(con)[0] == b""  # too recent to trust


def test_check_in_a_child_process_equals_scan(two):
    known = sync.stored_listing(fresh_con())
    check = scanning.Check(config.notes_dir(), known)
    assert check.result() == scanning.scan(config.notes_dir(), known)
    check.close()


def test_sync_twice_changes_nothing_the_second_time(two):
    con = schema.connect()
    age(*two)
    assert sync.sync(con) is True
    assert sync.sync(con) is False


def test_odd_entries_are_ignored(two, home):
    (home / "notes" / "folder.md").mkdir()
    (home / "notes" / ".hidden.md").write_text("---\nid: 9\n---\n", encoding="utf-8")
    (home / "notes" / "readme.txt").write_text("구글", encoding="utf-8")
    assert {r["id"] for r in all_rows()} == {1, 2}


def test_broken_note_reported_then_fixed(two, write_note):
    bad = write_note("0003-bad.md", "---\nid: [oops\n---\n구글")
    errors = []
    assert {r["id"] for r in all_rows(on_error=errors.append)} == {1, 2}
    assert len(errors) == 1 and "0003-bad.md" in str(errors[0].path)
    assert ids("구글") == {1}
    bad.write_text(note_text(3, "고친 노트", "구글 이야기"), encoding="utf-8")
    assert ids("구글") == {1, 3}


def test_new_words_of_an_edited_note_join_the_word_list(two, monkeypatch):
    monkeypatch.setattr(vocabulary, "CHUNKS", 2)
    a, _ = two
    assert ids("구글") == {1}
    for i, word in enumerate(["엔비디아", "테슬라", "마이크로소프트", "아마존"]):
        a.write_text(note_text(1, "소식", f"{word}가 발표했다. 글자{i}"), encoding="utf-8")
        assert ids(word) == {1}
        assert ids(word[:2]) == {1}  # by substring too
    con = schema.connect()
    assert con.execute("SELECT count(*) FROM vocab").fetchone()[0] <= 3  # chunks were merged
    assert ids("구글") == set()  # the old text is gone


def test_garbage_of_old_versions_is_cleared(two, monkeypatch):
    monkeypatch.setattr(sync, "GARBAGE_MIN", 0)
    a, _ = two
    ids("구글")
    for n in range(4):
        a.write_text(note_text(1, "구글 소식", f"버전 {n} 본문" + "!" * n), encoding="utf-8")
        assert ids("버전") == {1}
    con = schema.connect()
    docs = con.execute("SELECT count(*) FROM ft_vocab WHERE term='버전'").fetchone()[0]
    assert docs == 1  # rows of older versions were dropped along the way
    assert con.execute("SELECT value FROM state WHERE key='garbage'").fetchone() in (None, (0,), (1,), (2,))


def test_parallel_build_gives_the_same_index(home, write_note, monkeypatch):
    for i in range(1, 13):
        write_note(f"{i:04d}-n.md", note_text(i, f"노트 {i}", f"본문 {i} 구글" if i % 3 == 0 else f"본문 {i}"))
    monkeypatch.setattr(sync, "PARALLEL", 2)
    ticks = []

    def progress(total):
        ticks.append(total)
        return lambda: ticks.append("tick")

    monkeypatch.setattr(sync, "PROGRESS_MIN", 5)
    NoteIndex.open_fresh(progress).close()
    assert ticks[0] == 12 and ticks.count("tick") == 12
    assert ids("구글") == {3, 6, 9, 12}
    assert len(all_rows()) == 12


def test_rebuild_counts_notes(two):
    assert NoteIndex.rebuild() == 2
    assert ids("삼성전자") == {2}


def test_refresh_check_is_one_stat_per_file(two, write_note, monkeypatch):
    """A warm refresh stats the files and reads nothing else of them: no note file opened, no
    note re-read, the same SQL statements whatever the number of notes (its time is in
    bench/flat.py, not here)."""
    import builtins

    def work() -> tuple[list, int, int]:
        opened, statements, reread = [], [], []
        real_open, real_connect, real_read = builtins.open, schema._open, sync._read_some

        def connect(path):
            con = real_connect(path)
            # the statements asked, not FTS5's own inside them ("-- …", by its segments)
            con.set_trace_callback(lambda sql: sql.startswith("--") or statements.append(sql))
            return con

        with monkeypatch.context() as m:
            m.setattr(builtins, "open", lambda f, *a, **k: opened.append(f) or real_open(f, *a, **k))
            m.setattr(schema, "_open", connect)
            m.setattr(sync, "_read_some", lambda args: reread.extend(args[1]) or real_read(args))
            NoteIndex.open_fresh().close()
        return [f for f in opened if str(f).endswith(".md")], len(statements), len(reread)

    age(*two)
    NoteIndex.open_fresh().close()
    small = work()
    assert small[0] == [] and small[2] == 0
    more = [write_note(f"{i:04d}-more.md", note_text(i, f"노트 {i}", f"본문 {i}")) for i in range(3, 60)]
    age(*more)
    NoteIndex.open_fresh().close()
    assert work() == small


def test_without_fork_or_dir_fd_the_check_runs_inline(two, monkeypatch):
    known = sync.stored_listing(fresh_con())
    want = scanning.scan(config.notes_dir(), known)
    monkeypatch.setattr(scanning.sys, "platform", "win32")
    monkeypatch.setattr(os, "supports_dir_fd", set())
    check = scanning.Check(config.notes_dir(), known)
    assert check.mode == "inline"
    assert check.result() == want
    assert ids("구글") == {1}


def test_a_note_made_with_the_users_own_form_is_indexed_by_its_keys(home, write_note):
    (home / "templates").mkdir(parents=True)
    (home / "templates" / "mine.yaml").write_text(
        "name: mine\nsections:\n  - {key: headline, label: 한 줄 요약}\n  - {key: body, label: 기사 전문}\n",
        encoding="utf-8")
    write_note("0001-m.md", "---\nid: 1\ntitle: 제목\ntemplate: mine\n---\n\n## 한 줄 요약\n요약줄\n\n"
                            "## 기사 전문\n테슬라가 공장을 짓는다.\n")
    assert ids("테슬라", fields=("body",)) == {1}
    assert ids("요약줄", fields=("headline",)) == {1}
    assert ids("테슬라", fields=("other",)) == set()


@pytest.fixture
def many(write_note):
    paths = [write_note(f"{i:04d}-n.md", note_text(i, f"노트 {i}", f"본문 {i} 구글" if i % 3 == 0 else f"본문 {i}"))
             for i in range(1, 26)]
    age(*paths)
    age(paths[0].parent)
    return paths


def test_shared_check_equals_scan_and_sees_edits_on_both_sides(many, monkeypatch):
    """Names known: the child and the caller share the stats, a few names per claim."""
    monkeypatch.setattr(scanning, "CLAIM", 2)
    known = sync.stored_listing(fresh_con())
    assert known[0]  # the stamp is kept: the names are known
    for p in (many[0], many[12], many[-1]):  # first, middle, last: whichever side stats them
        p.write_text(p.read_text(encoding="utf-8") + "더", encoding="utf-8")
    check = scanning.Check(config.notes_dir(), known)
    assert check.mode == "shared"
    got = check.result()
    assert got == scanning.scan(config.notes_dir(), known)
    assert got[1] is known[1]
    names = known[1].split(b"\0")
    assert {names[i] for i in sync.differing(known[2], got[2], 16)} == {
        os.fsencode(p.name) for p in (many[0], many[12], many[-1])}
    assert ids("더") == {1, 13, 25}


def test_shared_check_same_size_edit_in_the_same_tick_is_seen(many, monkeypatch):
    monkeypatch.setattr(scanning, "CLAIM", 3)
    assert ids("구글") == {i for i in range(1, 26) if i % 3 == 0}
    p = many[7]
    st = os.stat(p)
    text = p.read_text(encoding="utf-8").replace("본문 8", "바뀐 8")  # same length in bytes
    p.write_text(text, encoding="utf-8")
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 1))  # one nanosecond later, same size
    assert os.stat(p).st_size == st.st_size
    assert ids("바뀐") == {8}


def test_shared_check_falls_back_to_a_listing_when_a_name_is_gone(many):
    known = sync.stored_listing(fresh_con())
    # a listing that names a file the folder no longer has, with the folder's stamp unchanged
    forged = (known[0], known[1] + b"\0" + b"9999-gone.md", known[2] + bytes(16))
    check = scanning.Check(config.notes_dir(), forged)
    assert check.mode == "shared"
    assert check.result() == scanning.scan(config.notes_dir())


def test_shared_check_with_a_failed_child_scans_inline(many, monkeypatch):
    known = sync.stored_listing(fresh_con())
    want = scanning.scan(config.notes_dir(), known)
    real = os.stat

    def stat_dies_in_the_child(*a, **k):
        if os.getpid() != parent:
            raise RuntimeError("the child died")
        return real(*a, **k)

    parent = os.getpid()
    monkeypatch.setattr(os, "stat", stat_dies_in_the_child)
    monkeypatch.setattr(os, "supports_dir_fd", os.supports_dir_fd | {stat_dies_in_the_child})
    monkeypatch.setattr(scanning, "CLAIM", 1)
    check = scanning.Check(config.notes_dir(), known)
    assert check.mode == "shared"
    time.sleep(0.05)  # let the child claim (and fail on) its first name
    assert check.result() == want


@pytest.mark.parametrize("parallel", [False, True])
def test_each_row_gets_its_own_files_stats_in_name_order(home, write_note, monkeypatch, parallel):
    """The names to read are positions in the listing (no dict of every name): each row still
    gets its own file's mtime and size, and rows are written in name order, when the folder
    lists its names in another order — on a first build and on a refresh that adds files among
    indexed ones and changes one."""
    real = os.listdir
    monkeypatch.setattr(scanning.os, "listdir", lambda p: list(reversed(sorted(real(p)))))
    if parallel:
        monkeypatch.setattr(sync, "PARALLEL", 2)
    paths = [write_note(f"{i:04d}-n.md", note_text(i, f"노트 {i}", "본문 " + "가" * i)) for i in range(1, 10, 2)]
    age(*paths)

    def check():
        con = schema.connect()
        rows = con.execute("SELECT path, mtime_ns, size FROM notes ORDER BY rowid").fetchall()
        for p, m, s in rows:
            st = os.stat(config.notes_dir() / p)
            assert (m, s) == (st.st_mtime_ns, st.st_size), p
        return [p for p, _, _ in rows]

    sync.sync(schema.connect())
    assert check() == sorted(p.name for p in paths)
    more = [write_note(f"{i:04d}-n.md", note_text(i, f"노트 {i}", "본문 " + "나" * (i + 20))) for i in range(2, 10, 2)]
    paths[0].write_text(note_text(1, "노트 1", "본문 고침 " + "다" * 40), encoding="utf-8")
    age(*more, paths[0])
    sync.sync(schema.connect())
    written = check()
    assert sorted(written) == sorted(p.name for p in paths + more)
    assert written[len(paths) - 1:] == sorted([paths[0].name] + [p.name for p in more])  # the re-read, by name
    assert ids("고침") == {1}
    assert ids("노트") == set(range(1, 10))


@pytest.mark.parametrize("block", [1, 2, 3, 4096])
def test_scan_in_blocks_equals_one_pass(many, home, monkeypatch, block):
    """scan stats a block of names at a time (memory flat in the folder's size): the listing is
    the same whatever the block, entries that are not note files left out wherever they fall,
    and the known names handed back as the very object while nothing was left out."""
    notes = home / "notes"
    (notes / "0003x-folder.md").mkdir()
    (notes / "0007x-dangling.md").symlink_to(notes / "nowhere.md")
    (notes / "0020x-dir-link.md").symlink_to(notes / "0003x-folder.md")
    monkeypatch.setattr(scanning, "STAT_BLOCK", block)
    stamp, names, nums = scanning.scan(notes)
    expect = sorted(p.name for p in many)
    got = names.split(b"\0")
    assert sorted(os.fsdecode(n) for n in got) == expect
    pairs = [(nums[16 * i:16 * i + 8], nums[16 * i + 8:16 * i + 16]) for i in range(len(got))]
    for n, (m, s) in zip(got, pairs):
        st = os.stat(notes / os.fsdecode(n))
        assert (int.from_bytes(m, sys.byteorder, signed=True), int.from_bytes(s, sys.byteorder, signed=True)) \
            == (st.st_mtime_ns, st.st_size)
    for p in ("0003x-folder.md", "0007x-dangling.md", "0020x-dir-link.md"):
        (notes / p).rmdir() if p == "0003x-folder.md" else (notes / p).unlink()
    age(notes)
    first = scanning.scan(notes)
    again = scanning.scan(notes, first)
    assert again[1] is first[1] and again[2] == first[2]


def test_a_rebuilt_word_list_in_chunks_is_the_same_list(many, monkeypatch):
    """A bulk read stores the word list as chunks of REBUILD_CHUNK words (memory: not the whole
    list and its 초성 form at once): the list, its 초성 form and what the search finds are
    those of one chunk."""
    queries = ["구글", "노트", "ㄴㅌ", "본뭄", "shxm"]

    def built(chunk):
        monkeypatch.setattr(vocabulary, "REBUILD_CHUNK", chunk)
        NoteIndex.rebuild()
        con = schema.connect()
        got = (vocabulary.words(con), vocabulary.words(con, cho=True), bytes(vocabulary.word_list(con)),
               con.execute("SELECT count(*) FROM vocab").fetchone()[0], [sorted(ids(q)) for q in queries])
        con.close()
        return got

    one = built(1 << 20)
    small = built(3)
    assert one[3] == 1 and small[3] > 3
    assert small[:3] == one[:3] and small[4] == one[4]
    assert one[4][0] == [3, 6, 9, 12, 15, 18, 21, 24] and one[4][1]


def test_a_small_folder_is_checked_without_a_child_process(two, monkeypatch):
    """Below SPLIT_MIN files the search's freshness check stats the files itself: no fork (a
    fork and its wait cost more than a few hundred stats), and an edit in place is still seen."""
    from scrapnote import index

    assert ids("구글") == {1}
    p = config.notes_dir() / "0001-a.md"
    p.write_text(p.read_text(encoding="utf-8").replace("구글", "애플"), encoding="utf-8")
    age(p)

    def no_fork():
        raise AssertionError("forked for a folder of two files")
    monkeypatch.setattr(os, "fork", no_fork)
    assert ids("애플") == {1} and ids("구글") == set()
    monkeypatch.setattr(index, "SPLIT_MIN", 1)  # a big folder: the child stats beside the answer
    calls = []
    monkeypatch.setattr(os, "fork", lambda: calls.append(1) or (_ for _ in ()).throw(OSError("no fork here")))
    assert ids("애플") == {1}
    assert calls
