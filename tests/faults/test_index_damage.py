"""Every command recovers from a damaged index; a read-only collection still lists, shows and searches;
a full disk is one clear line.

The attack (issue 10): a malformed page ("database disk image is malformed"), a foreign schema, a
dropped table, a read-only index file, an index that is a directory: ``list``, ``export``, ``check``,
``related``, ``questions``, ``import`` kept failing until ``search`` or ``reindex`` was run (the
directory case: forever); a read-only collection could not be listed or searched; full-disk index
errors showed as "unexpected OperationalError…". The index is a cache: every command below must answer
as if it were whole, damaged or not.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from faults._mounts import fill, read_only, tiny_fs
from scrapnote import store, template
from scrapnote.models import Article
from scrapnote.note import build_note


def add(title, body="본문이다. 카카오가 투자한다.", **kw):
    meta = {k: kw.pop(k) for k in ("tags", "companies") if k in kw}
    art = Article(title=title, body=body, **kw)
    return store.create(lambda i: build_note(art, template.load(), i, **meta))


def some_notes():
    add("카카오 머신러닝 캠프", published="2017-04-17", tags=["AI"], companies=["카카오"],
        url="https://example.com/a")
    add("구글 맞손 협약", published="2023-07-13", tags=["AI"], companies=["구글"], url="https://example.com/b")
    n = add("카카오 연구센터", published="2021-12-15", companies=["카카오"], url="https://example.com/c")
    store.save(n.with_section("questions", "- 카카오의 AI 전략은?", template.load()))


def ix_path(home: Path) -> Path:
    return home / ".scrapnote" / "index.sqlite"


def _built(cli, home):
    assert cli("reindex").exit_code == 0
    return ix_path(home)


def malformed(cli, home):
    p = _built(cli, home)
    data = bytearray(p.read_bytes())
    assert len(data) > 3 * 4096
    for at in range(4096, len(data), 4096):  # every page but the header's
        data[at:at + 64] = b"\xff" * 64
    p.write_bytes(bytes(data))


def foreign(cli, home):
    p = ix_path(home)
    p.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(p)
    con.execute("CREATE TABLE notes(x)")
    con.execute("CREATE TABLE other(y)")
    con.execute("PRAGMA user_version=5")  # claims to be ours, has none of our tables
    con.commit()
    con.close()


def dropped(table):
    def damage(cli, home):
        con = sqlite3.connect(_built(cli, home))
        con.execute(f"DROP TABLE {table}")
        con.commit()
        con.close()
    damage.__name__ = f"dropped_{table}"
    return damage


def garbage(cli, home):
    p = ix_path(home)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(b"this is not a database" * 100)


def directory(cli, home):
    p = ix_path(home)
    p.parent.mkdir(parents=True, exist_ok=True)
    (p / "inside").mkdir(parents=True)
    (p / "inside" / "keep.txt").write_text("someone's file")


def truncated(cli, home):
    p = _built(cli, home)
    p.write_bytes(p.read_bytes()[:5000])


DAMAGES = [malformed, foreign, dropped("listing"), dropped("notes"), dropped("state"), dropped("ft"),
           garbage, directory, truncated]


def run_list(cli, tmp):
    r = cli("list")
    return r, [ln.split()[0] for ln in r.stdout.splitlines()[1:]] == ["2", "3", "1"]


def run_export(cli, tmp):
    out = tmp / "out.json"
    r = cli("export", "--all", "-f", "json", "-o", out, "--force")
    return r, r.exit_code == 0 and sorted(n["id"] for n in json.loads(out.read_text("utf-8"))) \
        == list(range(1, len(store.note_paths()) + 1))


def run_check(cli, tmp):
    r = cli("check")
    return r, all(f" {i} " in f" {r.stdout} " or str(i) in r.stdout for i in (1, 2, 3)) and r.exit_code in (0, 1)


def run_related(cli, tmp):
    r = cli("related", "1")
    return r, r.exit_code == 0 and "카카오 연구센터" in r.stdout


def run_questions(cli, tmp):
    r = cli("questions")
    return r, r.exit_code == 0 and "카카오의 AI 전략은?" in r.stdout


def run_import(cli, tmp):
    src = tmp / "one.json"
    src.write_text(json.dumps([{"title": "가져온 노트", "body": "가져온 본문이다.", "url": "https://example.com/z"}]),
                   "utf-8")
    r = cli("import", src)
    return r, r.exit_code == 0 and "imported 1 note" in r.stderr and len(store.note_paths()) == 4


def run_search(cli, tmp):
    r = cli("search", "카카오")
    return r, r.exit_code == 0 and "카카오 머신러닝 캠프" in r.stdout and "카카오 연구센터" in r.stdout


def run_show(cli, tmp):
    r = cli("show", "2", "--json")
    return r, r.exit_code == 0 and json.loads(r.stdout)["title"] == "구글 맞손 협약"


COMMANDS = [run_list, run_export, run_check, run_related, run_questions, run_import, run_search, run_show]


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.__name__[4:])
def test_every_command_answers_from_a_damaged_index(cli, home, tmp_path, damage, command):
    some_notes()
    damage(cli, home)
    r, right = command(cli, tmp_path)
    assert "unexpected" not in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert right, (r.exit_code, r.stdout, r.stderr)
    # and the index is whole again for the next command (built where it lives, not temporary)
    r = cli("list")
    assert r.exit_code == 0 and len(r.stdout.splitlines()) - 1 == len(store.note_paths()), r.stderr
    con = sqlite3.connect(ix_path(home))
    assert con.execute("SELECT count(*) FROM notes").fetchone()[0] == len(store.note_paths())
    con.close()


def test_a_directory_in_the_index_place_is_moved_aside_never_deleted(cli, home):
    some_notes()
    directory(cli, home)
    assert cli("list").exit_code == 0
    aside = ix_path(home).parent / "index.sqlite.not-an-index"
    assert (aside / "inside" / "keep.txt").read_text() == "someone's file"


def test_a_page_damaged_after_opening_is_healed_by_the_query(cli, home, monkeypatch):
    """A malformed page only a query reads (not the refresh) is met where it is read."""
    from scrapnote.index import rows

    some_notes()
    calls: list[str] = []

    def once_malformed(name):
        real = getattr(rows, name)

        def query(*a, **k):
            calls.append(name)
            if len(calls) == 1:
                raise sqlite3.DatabaseError("database disk image is malformed")
            return real(*a, **k)
        return query

    for name in ("select", "select_iter"):  # `list` with --limit, and streamed
        monkeypatch.setattr(rows, name, once_malformed(name))
    for limit in ([], ["-n", "50"]):
        calls.clear()
        r = cli("list", *limit)
        right = [ln.split()[0] for ln in r.stdout.splitlines()[1:]] == ["2", "3", "1"]
        assert right and r.exit_code == 0 and len(calls) == 2, (limit, r.stderr)


def test_a_read_only_index_file_is_answered_from_a_temporary_index(cli, home, tmp_path, monkeypatch):
    import tempfile

    temps = tmp_path / "temps"
    temps.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temps))
    some_notes()
    p = _built(cli, home)
    con = sqlite3.connect(p)
    con.execute("DROP TABLE listing")
    con.commit()
    con.close()
    with read_only(p):
        for command in COMMANDS[:5] + COMMANDS[6:]:
            r, right = command(cli, tmp_path)
            assert right and "unexpected" not in r.stderr, (command.__name__, r.stderr)
    assert not list(temps.iterdir())  # every temporary index removed when its command ended


@pytest.mark.parametrize("with_index", [True, False], ids=["index-there", "no-index"])
def test_a_read_only_collection_still_lists_shows_and_searches(cli, home, tmp_path, with_index):
    some_notes()
    if with_index:
        _built(cli, home)
    else:
        import shutil

        shutil.rmtree(home / ".scrapnote")
    add("마지막 노트", published="2024-01-01")  # a change the index has not seen
    if not with_index:
        import shutil

        shutil.rmtree(home / ".scrapnote")  # no state folder at all, and none can be made
    with read_only(home):
        r = cli("list")
        assert r.exit_code == 0 and [ln.split()[0] for ln in r.stdout.splitlines()[1:]] == ["4", "2", "3", "1"], r.stderr
        r, right = run_show(cli, tmp_path)
        assert right, r.stderr
        r, right = run_search(cli, tmp_path)
        assert right, r.stderr
        for command in (run_export, run_check, run_related, run_questions):
            r, right = command(cli, tmp_path)
            assert right, (command.__name__, r.stderr)
        r = cli("new", "--no-edit", "-", input="제목\n\n본문이다.\n")
        assert r.exit_code == 1 and "read-only" in r.stderr and "unexpected" not in r.stderr, r.stderr
    assert len(store.note_paths()) == 4


def test_read_only_simulated_in_process(cli, home, tmp_path, monkeypatch):
    """Where mounting is not allowed (not root, a locked-down container), the same path is driven by
    an index that refuses every write and cannot be removed."""
    from scrapnote.index import schema

    some_notes()
    real_open, real_discard, home_ix = schema._open, schema.discard, ix_path(home)

    def read_only_open(path):
        if Path(path) == home_ix:
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return real_open(path)

    def cannot_discard():
        raise PermissionError(30, "Read-only file system", str(home_ix))

    monkeypatch.setattr(schema, "_open", read_only_open)
    monkeypatch.setattr(schema, "discard", cannot_discard)
    for command in COMMANDS[:5] + COMMANDS[6:]:
        r, right = command(cli, tmp_path)
        assert right and "unexpected" not in r.stderr, (command.__name__, r.stderr)
    monkeypatch.setattr(schema, "discard", real_discard)


def test_a_full_disk_for_the_index_is_one_clear_line(cli, home, tmp_path, monkeypatch):
    """The home on a 2 MB file system filled to the last byte, the temp folder on it too."""
    import tempfile

    with tiny_fs(home):
        some_notes()
        _built(cli, home)
        add("색인에 없는 노트", published="2024-01-01")
        fill(home)
        monkeypatch.setattr(tempfile, "tempdir", str(home))  # no room for a temporary index either
        for args in (["list"], ["search", "카카오"], ["check"], ["questions"]):
            r = cli(*args)
            assert r.exit_code == 1, (args, r.stdout)
            assert r.stderr.strip().splitlines() == [
                "error: no space left on device writing the index; free some space and run the command "
                "again (the note files are untouched)"], (args, r.stderr)
        monkeypatch.setattr(tempfile, "tempdir", None)
        # with room elsewhere for a temporary index, the commands answer
        r = cli("list")
        assert r.exit_code == 0 and r.stdout.splitlines()[1].split()[0] == "4", r.stderr
        (home / "filler").unlink()
        r = cli("list")
        assert r.exit_code == 0 and r.stdout.splitlines()[1].split()[0] == "4", r.stderr
