# ruff: noqa: F811 - the world fixture imported from test_sync is every test's parameter
"""Leftovers of the group review (issue 16): an unknown member id named with its member and group,
a broken member note warned about by ``search --group`` as by the own search, and the earlier
layout's per-member indexes removed once the group's one index is in use — the installed program,
a bare repository as the group's remote."""
from __future__ import annotations

import shutil

import pytest

from test_group import join, repo, scrap, sn
from test_sync import git, ok, world  # noqa: F401 - the fixture

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_show_of_an_id_the_member_has_not_published_names_member_and_group(world):
    scrap(world, "민수", "금리 동결", "한국은행이 기준금리를 동결했다.")
    join(world, "민수", "지수")
    ok(sn(world, "지수", "group", "sync"))
    r = sn(world, "지수", "show", "민수:99999")
    assert r.returncode == 1
    lines = r.stderr.decode().strip().splitlines()
    assert lines == ["error: no note 민수:99999 in group 스터디"], lines
    assert r.stdout == b""
    assert "금리 동결" in sn(world, "지수", "show", "민수:1").stdout.decode()  # a published one still shows


def test_search_group_warns_of_a_broken_member_note_as_the_own_search_does(world):
    scrap(world, "민수", "금리 동결", "한국은행이 기준금리를 동결했다. 반도체 업황도 언급했다.")
    join(world, "민수", "지수")
    clone = repo(world, "지수")
    broken = clone / "members" / "민수" / "notes" / "0009-broken.md"
    broken.write_text("---\nid: [9\ntitle: 반도체\n---\n\n## 본문\n\n반도체\n", encoding="utf-8")
    git(world, clone, "add", "-A")
    git(world, clone, "commit", "-qm", "a broken file")  # the group's index follows the clone's HEAD
    r = sn(world, "지수", "search", "--group", "스터디", "반도체")
    assert r.returncode == 0, r.stderr.decode()
    assert "민수:1" in r.stdout.decode()
    warnings = [ln for ln in r.stderr.decode().splitlines() if ln.startswith("warning:")]
    assert warnings == ["warning: 1 note file could not be read and was left out "
                        "(scrapnote list --group 스터디 names them)"], r.stderr.decode()
    # the own search's line has the same shape
    own = home_note_broken(world)
    assert own == ["warning: 1 note file could not be read and was left out (scrapnote check lists them)"]


def home_note_broken(world) -> list[str]:
    notes = world["tmp"] / "지수" / "notes"
    notes.mkdir(parents=True, exist_ok=True)
    (notes / "0009-broken.md").write_text("---\nid: [9\n---\n\n반도체\n", encoding="utf-8")
    scrap(world, "지수", "반도체 수출", "반도체 수출이 늘었다.")
    r = sn(world, "지수", "search", "반도체")
    return [ln for ln in r.stderr.decode().splitlines() if ln.startswith("warning:")]


def test_the_earlier_per_member_indexes_are_removed_once_the_one_index_is_in_use(world):
    scrap(world, "민수", "금리 동결", "한국은행이 기준금리를 동결했다.")
    join(world, "민수", "지수")
    group = world["tmp"] / "지수" / ".scrapnote" / "groups" / "스터디"
    old = group / "index" / "민수"
    old.mkdir(parents=True)
    (old / "index.sqlite").write_bytes(b"SQLite format 3\0 an old member index")
    (old / "vocab-abc.terms").write_text("\n금리\n", encoding="utf-8")
    r = sn(world, "지수", "list", "--group", "스터디")
    assert r.returncode == 0, r.stderr.decode()
    assert not (group / "index").exists()
    assert (group / "index.sqlite").is_file() and (group / "repo" / "members" / "민수" / "notes").is_dir()
    assert "금리 동결" in r.stdout.decode()


def test_an_index_folder_holding_a_note_file_is_left_alone(world):
    scrap(world, "민수", "금리 동결", "한국은행이 기준금리를 동결했다.")
    join(world, "민수", "지수")
    group = world["tmp"] / "지수" / ".scrapnote" / "groups" / "스터디"
    kept = group / "index" / "민수" / "0001-mine.md"
    kept.parent.mkdir(parents=True)
    kept.write_text("---\nid: 1\n---\n\n내 노트\n", encoding="utf-8")
    ok(sn(world, "지수", "search", "--group", "스터디", "금리"))
    assert kept.read_text(encoding="utf-8") == "---\nid: 1\n---\n\n내 노트\n"
