"""Ids are 1 … 2^31−1 wherever they enter, and allocated from every note file's id.

The attack (issue 10): ``import --keep-ids`` of id 2^63−1, or a hand-made note with a huge id, made every
index command fail with OverflowError, for good; a note renamed by hand to ``notes/mynote.md`` was not
seen and its id was handed out again.
"""
from __future__ import annotations

import json

import pytest

ID_MAX = 2 ** 31 - 1
HUGE = [2 ** 31, 2 ** 63 - 1, 2 ** 63, 2 ** 64, 10 ** 30]


def _ok_note(write_note, nid=1, name=None, title="멀쩡한 노트"):
    return write_note(name or f"{nid:04d}-ok.md", f"---\nid: {nid}\ntitle: {title}\n---\n\n## 본문\n\n구글 본문이다.\n")


def _import(cli, tmp_path, entries, *args):
    f = tmp_path / "in.json"
    f.write_text(json.dumps(entries), encoding="utf-8")
    return cli("import", f, *args)


def _one_error_line(r, *words):
    assert r.exit_code == 1, (r.exit_code, r.stdout, r.stderr)
    assert r.stderr.startswith("error: ") and r.stderr.count("\n") == 1, r.stderr
    for w in words:
        assert w in r.stderr, r.stderr


@pytest.mark.parametrize("bad", HUGE + [0, -1])
@pytest.mark.parametrize("keep", [True, False])
def test_import_of_an_id_out_of_range_is_a_clear_error_and_imports_nothing(cli, tmp_path, home, bad, keep):
    r = _import(cli, tmp_path, [{"title": "괜찮은 노트", "body": "본문"}, {"id": bad, "title": "큰 id", "body": "본문"}],
                *(["--keep-ids"] if keep else []))
    _one_error_line(r, "note 2", "'id'", str(ID_MAX))
    assert not (home / "notes").exists() or not list((home / "notes").iterdir())
    r = cli("list")
    assert r.exit_code == 0 and "no notes yet" in r.stderr


def test_keep_ids_keeps_the_largest_id_and_then_new_says_no_id_is_left(cli, tmp_path, home):
    r = _import(cli, tmp_path, [{"id": ID_MAX, "title": "마지막 id", "body": "본문"}], "--keep-ids")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split() == [str(ID_MAX)]
    for cmd in (("list",), ("search", "본문"), ("check",), ("reindex",), ("export", "-f", "json", "--all")):
        assert cli(*cmd).exit_code in (0, 1) and "Overflow" not in cli(*cmd).stderr
    art = tmp_path / "a.txt"
    art.write_text("제목\n\n본문 문장이다.\n", encoding="utf-8")
    r = cli("new", art, "--no-drafts", "--no-edit")
    _one_error_line(r, "no id left", str(ID_MAX))
    assert len(list((home / "notes").glob("*.md"))) == 1


@pytest.mark.parametrize("bad", HUGE + [0])
def test_a_hand_made_note_with_a_huge_id_is_a_broken_note_and_everything_else_works(cli, write_note, tmp_path, bad):
    _ok_note(write_note)
    broken = write_note("hand.md", f"---\nid: {bad}\ntitle: 큰 id\n---\n\n## 본문\n\n구글 본문이다.\n")
    for cmd in (("list",), ("search", "구글"), ("check",), ("questions",), ("related", "1"),
                ("export", "-f", "json", "--all"), ("reindex",), ("show", "1")):
        r = cli(*cmd)
        assert "Overflow" not in r.stderr and "unexpected" not in r.stderr, (cmd, r.stderr)
        assert r.exit_code in (0, 1), cmd
        if cmd[0] in ("list", "export", "check"):
            said = " ".join(r.stderr.split())  # warnings wrap at the terminal width
            assert f"{broken}: field 'id' must be a whole number from 1 to {ID_MAX}" in said, (cmd, r.stderr)
    assert "멀쩡한 노트" in cli("list").stdout
    art = tmp_path / "a.txt"
    art.write_text("새 노트\n\n본문 문장이다.\n", encoding="utf-8")
    r = cli("new", art, "--no-drafts", "--no-edit")
    assert r.exit_code == 0 and "saved 2" in r.stderr, r.stderr


def test_a_file_name_with_a_huge_number_and_no_id_field_is_a_broken_note(cli, write_note):
    _ok_note(write_note)
    broken = write_note("99999999999999999999-x.md", "---\ntitle: 이름만 큰 번호\n---\n\n## 본문\n\n본문\n")
    r = cli("list")
    assert r.exit_code == 0 and "멀쩡한 노트" in r.stdout
    assert f"{broken}: field 'id'" in " ".join(r.stderr.split())


@pytest.mark.parametrize("cmd", ["show", "edit", "delete --yes", "restore", "related", "check", "export"])
@pytest.mark.parametrize("bad", ["0", "-1", str(2 ** 31), str(2 ** 64)])
def test_an_id_argument_out_of_range_is_a_clear_error(cli, write_note, cmd, bad):
    _ok_note(write_note)
    r = cli(*cmd.split(), "--", bad)
    _one_error_line(r, f"no note with id {bad}", f"ids are whole numbers from 1 to {ID_MAX}")


def test_a_note_renamed_by_hand_is_listed_and_its_id_is_never_handed_out_again(cli, home, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("첫 노트\n\n본문 문장이다.\n", encoding="utf-8")
    assert cli("new", art, "--no-drafts", "--no-edit").exit_code == 0
    (first,) = (home / "notes").glob("*.md")
    first.rename(home / "notes" / "mynote.md")
    (home / ".scrapnote" / "last_id").unlink()  # a clone of the notes (git) has no tool state
    r = cli("list", "--json")
    assert [row["id"] for row in json.loads(r.stdout)] == [1]
    r = cli("new", art, "--no-drafts", "--no-edit")
    assert r.exit_code == 0 and "saved 2" in r.stderr, r.stderr
    assert sorted(row["id"] for row in json.loads(cli("list", "--json").stdout)) == [1, 2]
    assert json.loads(cli("show", "1", "--json").stdout)["path"] == "notes/mynote.md"
    # the same for a renamed note in the trash
    assert cli("delete", "--yes", "1").exit_code == 0
    (home / ".trash" / "mynote.md").rename(home / ".trash" / "kept.md")
    (home / ".scrapnote" / "last_id").unlink()
    (home / "notes" / "0002-첫-노트.md").unlink()
    r = cli("new", art, "--no-drafts", "--no-edit")
    assert r.exit_code == 0 and "saved 2" in r.stderr, r.stderr  # not 1: the trashed note keeps it


def test_keep_ids_never_takes_the_id_of_a_renamed_note(cli, home, write_note, tmp_path):
    write_note("mynote.md", "---\nid: 5\ntitle: 이름 바꾼 노트\n---\n\n## 본문\n\n본문\n")
    r = _import(cli, tmp_path, [{"id": 5, "title": "가져온 노트", "body": "본문"}], "--keep-ids")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split() == ["6"]


@pytest.mark.parametrize("counter", [str(2 ** 63), "-4", "abc", str(ID_MAX + 5)])
def test_a_damaged_counter_does_not_stop_new(cli, home, write_note, tmp_path, counter):
    _ok_note(write_note, 3)
    (home / ".scrapnote").mkdir(parents=True, exist_ok=True)
    (home / ".scrapnote" / "last_id").write_text(counter + "\n")
    art = tmp_path / "a.txt"
    art.write_text("새 노트\n\n본문 문장이다.\n", encoding="utf-8")
    r = cli("new", art, "--no-drafts", "--no-edit")
    assert r.exit_code == 0 and "saved 4" in r.stderr, r.stderr
    assert (home / ".scrapnote" / "last_id").read_text().strip() == "4"
