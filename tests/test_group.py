# ruff: noqa: F811 - the world fixture imported from test_sync is every test's parameter
"""scrapnote group end to end: the installed program, a real bare repository as the group's remote,
two or three members each with their own collection (made-up notes)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from test_sync import git, ok, world  # noqa: F401 - the fixture: git config and env in a temp HOME

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def sn(world, member: str, *args, input: bytes | None = None, env_extra=None):  # noqa: F811
    from conftest import scrapnote_exe

    env = {**world["env"], "SCRAPNOTE_HOME": str(world["tmp"] / member), "SCRAPNOTE_MEMBER": member,
           **(env_extra or {})}
    return subprocess.run([scrapnote_exe(), *map(str, args)], input=input, capture_output=True, env=env,
                          timeout=180)


def scrap(world, member: str, title: str, body: str, *, tags=(), scrapped: str | None = None,
          opinion: str | None = None) -> Path:
    # --no-drafts: these tests are about sharing; the Korean model would cost ~1 s a note
    args = ["new", "--no-edit", "--no-drafts", "-"] + [a for t in tags for a in ("--tag", t)]
    r = sn(world, member, *args, input=f"{title}\n\n{body}\n".encode())
    ok(r)
    nid = int(r.stdout.decode().split()[0])
    path = next((world["tmp"] / member / "notes").glob(f"{nid:04d}-*.md"))
    text = path.read_text(encoding="utf-8")
    if scrapped:
        text = re.sub(r"^scrapped: .*$", f"scrapped: {scrapped}", text, count=1, flags=re.M)
    if opinion:  # every section the check asks for, written
        for label in ("기사 내용의 수치화, 인사이트", "추가조사할 내용 또는 결과", "요약 및 의견",
                      "적용할점 (현직자에게 할 질문)"):
            text = re.sub(rf"(## {re.escape(label)}\n\n).*?(?=\n## |\Z)", rf"\g<1>{opinion}\n", text,
                          count=1, flags=re.S)
    path.write_text(text, encoding="utf-8")
    return path


def repo(world, member: str, group: str = "스터디") -> Path:
    return world["tmp"] / member / ".scrapnote" / "groups" / group / "repo"


def join(world, *members):
    for m in members:
        ok(sn(world, m, "group", "add", "스터디", world["remote"]))
        ok(sn(world, m, "group", "sync", "스터디"))


def test_members_publish_into_their_own_folder_and_read_each_other(world):
    scrap(world, "지수", "반도체 수출 12% 늘어", "반도체 수출이 지난달 12% 늘었다고 산업부가 밝혔다.")
    scrap(world, "민수", "금리 동결", "한국은행이 기준금리를 동결했다. 반도체 업황도 언급했다.")
    join(world, "지수", "민수")
    err = ok(sn(world, "지수", "group", "sync"))  # pulls 민수's
    assert "pulled 1 commit" in err
    # every commit touches its member's folder only (and group.yaml)
    commits = git(world, world["remote"], "log", "--format=@%s", "--name-only", "main").split("@")[1:]
    assert len(commits) == 2
    for commit in commits:
        subject, *paths = [x for x in commit.splitlines() if x]
        member = subject.split(":", 1)[0]
        assert paths and all(p == "group.yaml" or p.startswith(f"members/{member}/") for p in paths), commit
    names = git(world, world["remote"], "log", "--format=", "--name-only", "main").split()
    assert "members/지수/notes/0001-반도체-수출-12-늘어.md" in names and "members/민수/notes/0001-금리-동결.md" in names
    rows = json.loads(ok_out(sn(world, "민수", "list", "--group", "스터디", "--json")))
    assert sorted((r["member"], r["ref"], r["title"]) for r in rows) == [
        ("민수", "민수:1", "금리 동결"), ("지수", "지수:1", "반도체 수출 12% 늘어")]
    hits = json.loads(ok_out(sn(world, "민수", "search", "--group", "스터디", "반도체", "--json")))
    assert sorted(h["ref"] for h in hits) == ["민수:1", "지수:1"]
    assert [h["ref"] for h in json.loads(ok_out(sn(world, "민수", "search", "--group", "스터디", "산업부", "--json")))] \
        == ["지수:1"]
    # the group's one index is a cache: damaged, it is built again from the files
    index = world["tmp"] / "민수" / ".scrapnote" / "groups" / "스터디" / "index.sqlite"
    assert index.is_file()
    index.write_bytes(b"not an index" * 100)
    hits = json.loads(ok_out(sn(world, "민수", "search", "--group", "스터디", "반도체", "--json")))
    assert sorted(h["ref"] for h in hits) == ["민수:1", "지수:1"]
    # the group's notes are not the member's own
    own = sn(world, "민수", "search", "산업부", "--json")
    assert own.returncode == 1 and own.stdout == b""
    none = sn(world, "민수", "search", "--group", "스터디", "없는말", "--json")
    assert none.returncode == 1 and none.stdout == b""
    assert "반도체 수출이 지난달" in ok_out(sn(world, "민수", "--no-pager", "show", "지수:1"))
    r = sn(world, "민수", "show", "철수:1")
    assert r.returncode == 1 and r.stderr.decode().count("\n") == 1 and "철수" in r.stderr.decode()
    assert sn(world, "민수", "show", "지수:x").returncode == 2
    # other members' notes are read-only: a hand edit in the clone is undone by the next sync
    theirs = repo(world, "민수") / "members" / "지수" / "notes" / "0001-반도체-수출-12-늘어.md"
    before = theirs.read_bytes()
    theirs.write_text("망가뜨림", encoding="utf-8")
    ok(sn(world, "민수", "group", "sync"))
    assert theirs.read_bytes() == before
    assert "망가뜨림" not in git(world, world["remote"], "log", "-p", "main")


def ok_out(r) -> str:
    ok(r)
    return r.stdout.decode()


def _settings(world, member: str, text: str) -> None:
    (repo(world, member) / "group.yaml").write_text(text, encoding="utf-8")


def test_publish_rule_tag_and_complete(world):
    scrap(world, "지수", "배터리 공장 증설", "배터리 업체가 공장을 늘린다.", tags=["스터디"], opinion="내 생각을 적었다.")
    scrap(world, "지수", "유가 하락", "국제 유가가 내렸다.", tags=["스터디"])  # unwritten: not complete
    scrap(world, "지수", "환율 급등", "원달러 환율이 올랐다.", opinion="내 생각.")  # no tag
    join(world, "지수")
    _settings(world, "지수", "publish: complete\ntag: 스터디\n")
    err = ok(sn(world, "지수", "group", "sync"))
    assert "edit group.yaml" in err
    published = sorted(p.name for p in (repo(world, "지수") / "members" / "지수" / "notes").iterdir())
    assert published == ["0001-배터리-공장-증설.md"]
    # a note that no longer qualifies leaves the group's folder
    ok(sn(world, "지수", "delete", "--yes", "1"))
    err = ok(sn(world, "지수", "group", "sync"))
    assert "delete #1" in err
    assert not list((repo(world, "지수") / "members" / "지수" / "notes").glob("*.md"))


def test_bad_group_settings_is_one_line(world):
    scrap(world, "지수", "배터리 공장 증설", "배터리 업체가 공장을 늘린다.")
    join(world, "지수")
    _settings(world, "지수", "deadline: someday\n")
    r = sn(world, "지수", "group", "week")
    err = r.stderr.decode()
    assert r.returncode == 1 and "deadline" in err and err.count("\n") == 1


def test_week_table_late_missing_fines(world):
    scrap(world, "지수", "배터리 공장 증설", "배터리 업체가 공장을 늘린다.", scrapped="2026-12-01T09:00:00+09:00",
          opinion="내 생각.")
    scrap(world, "지수", "유가 하락", "국제 유가가 내렸다.", scrapped="2026-12-03T21:00:00+09:00")
    scrap(world, "지수", "지난주 기사", "지난주에 스크랩했다.", scrapped="2026-11-27T10:00:00+09:00")
    on_time = {"GIT_COMMITTER_DATE": "2026-12-05T12:00:00+09:00"}
    ok(sn(world, "지수", "group", "add", "스터디", world["remote"]))
    ok(sn(world, "지수", "group", "sync", env_extra=on_time))
    _settings(world, "지수", "per_week: 2\ndeadline: sun 23:59\ntimezone: Asia/Seoul\n"
                           "fines: {missing: 3000, late: 1000}\nmembers: [지수, 민수, 철수]\n")
    ok(sn(world, "지수", "group", "sync", env_extra=on_time))
    scrap(world, "민수", "금리 동결", "한국은행이 기준금리를 동결했다.", scrapped="2026-12-06T22:00:00+09:00",
          opinion="내 생각.")
    ok(sn(world, "민수", "group", "add", "스터디", world["remote"]))
    ok(sn(world, "민수", "group", "sync", env_extra={"GIT_COMMITTER_DATE": "2026-12-07T08:00:00+09:00"}))
    ok(sn(world, "지수", "group", "sync"))
    after = {"SCRAPNOTE_NOW": "2026-12-08T09:00:00+09:00"}  # the week's deadline has passed
    report = json.loads(ok_out(sn(world, "지수", "group", "week", "--week", "2026-W49", "--json", env_extra=after)))
    assert report["week"] == "2026-W49" and report["from"] == "2026-11-30" and report["to"] == "2026-12-06"
    by = {r["member"]: r for r in report["members"]}
    assert [n["title"] for n in by["지수"]["notes"]] == ["배터리 공장 증설", "유가 하락"]
    assert (by["지수"]["handed_in"], by["지수"]["late"], by["지수"]["unwritten"], by["지수"]["fine"]) == (2, 0, 1, 0)
    assert by["지수"]["notes"][1]["unwritten"] and not by["지수"]["notes"][0]["unwritten"]
    assert (by["민수"]["handed_in"], by["민수"]["late"], by["민수"]["missing"], by["민수"]["fine"]) == (1, 1, 1, 4000)
    assert (by["철수"]["handed_in"], by["철수"]["missing"], by["철수"]["fine"]) == (0, 2, 6000)
    assert report["total_fine"] == 10000
    assert report["open"] is False and report["before_group"] is False
    card = ok_out(sn(world, "지수", "group", "week", "--week", "2026-W49", "--format", "txt", env_extra=after))
    assert "2026-W49" in card and "벌금 합계 10,000원" in card and "민수:1 금리 동결 [지각]" in card
    page = ok_out(sn(world, "지수", "group", "week", "--week", "2026-W49", "--format", "html", env_extra=after))
    assert page.startswith("<!DOCTYPE html>") and "<td>철수</td>" in page and "6,000원" in page
    # before the deadline nothing missing is owed yet (the notes may still come); late is not possible
    during = json.loads(ok_out(sn(world, "지수", "group", "week", "--week", "2026-W49", "--json",
                                  env_extra={"SCRAPNOTE_NOW": "2026-12-06T12:00:00+09:00"})))
    assert during["open"] is True
    assert {r["member"]: r["fine"] for r in during["members"]} == {"지수": 0, "민수": 1000, "철수": 0}
    assert {r["member"]: r["missing"] for r in during["members"]} == {"지수": 0, "민수": 1, "철수": 2}
    card = ok_out(sn(world, "지수", "group", "week", "--week", "2026-W49", "--format", "txt",
                     env_extra={"SCRAPNOTE_NOW": "2026-12-06T12:00:00+09:00"}))
    assert "마감 전" in card and "⏳ 철수: 0/2" in card
    # the week before: only the note scrapped then, and no fine: the group's first commit came after
    before = json.loads(ok_out(sn(world, "지수", "group", "week", "--week", "2026-W48", "--json", env_extra=after)))
    assert [n["title"] for r in before["members"] for n in r["notes"]] == ["지난주 기사"]
    assert before["before_group"] is True and before["total_fine"] == 0
    r = sn(world, "지수", "group", "week", "--week", "2026-W60")
    assert r.returncode == 1 and "no week 60" in r.stderr.decode()


def test_group_and_member_names_typed_decomposed(world):
    """A name typed on macOS arrives in NFD (ㅅ+ㅡ+…): the group and the member are found as typed in NFC."""
    import unicodedata

    scrap(world, "지수", "반도체 수출 12% 늘어", "반도체 수출이 지난달 12% 늘었다고 산업부가 밝혔다.")
    join(world, "지수", "민수")
    nfd_group, nfd_member = unicodedata.normalize("NFD", "스터디"), unicodedata.normalize("NFD", "지수")
    assert nfd_group != "스터디"
    rows = json.loads(ok_out(sn(world, "민수", "list", "--group", nfd_group, "--json")))
    assert [r["ref"] for r in rows] == ["지수:1"]
    hits = json.loads(ok_out(sn(world, "민수", "search", "--group", nfd_group, "산업부", "--json")))
    assert [h["ref"] for h in hits] == ["지수:1"]
    assert "반도체 수출이 지난달" in ok_out(sn(world, "민수", "--no-pager", "show", f"{nfd_member}:1"))
    assert "반도체 수출이 지난달" in ok_out(sn(world, "민수", "--no-pager", "show", f"{nfd_member}:1",
                                                "--group", nfd_group))


def test_group_search_is_the_search_table_and_show_names_the_member(world):
    from rich.cells import cell_len

    scrap(world, "지수", "반도체 수출 12% 늘어", "반도체 수출이 지난달 12% 늘었다고 산업부가 밝혔다.")
    scrap(world, "민수", "금리 동결", "한국은행이 기준금리를 동결했다. 반도체 업황도 언급했다.")
    join(world, "지수", "민수")
    ok(sn(world, "지수", "group", "sync", "스터디"))
    for columns in ("200", "50"):
        out = ok_out(sn(world, "민수", "search", "--group", "스터디", "반도체", env_extra={"COLUMNS": columns}))
        lines = out.splitlines()
        assert "\t" not in out
        assert lines[0].split() == ["id", "멤버", "날짜", "출처", "제목", "·", "본문"] or \
            lines[0].split()[:3] == ["id", "멤버", "날짜"], lines[0]
        rows = {line.split()[0]: line.split()[1] for line in lines[1:] if ":" in line.split()[0]}
        assert rows == {"지수:1": "지수", "민수:1": "민수"}, out
        assert all(cell_len(line) <= int(columns) for line in lines), out  # no wrapping: every line fits
        assert "반도체 수출이 지난달" in out or "반도체 업황" in out
    # on a terminal: Rich's table, each member's match marked (ids repeat across members: 지수:1, 민수:1)
    tty = ok_out(sn(world, "민수", "search", "--group", "스터디", "반도체",
                    env_extra={"COLUMNS": "80", "TTY_COMPATIBLE": "1", "FORCE_COLOR": "1", "TERM": "xterm-256color"}))
    plain = re.sub(r"\x1b\[[0-9;]*m", "", tty)
    assert "멤버" in plain and "지수:1" in plain and "민수:1" in plain
    assert len(re.findall(r"\x1b\[1(?:;2)?(?:;33)?m반도체", tty)) >= 3, tty  # 지수's title and snippet, 민수's snippet
    show = ok_out(sn(world, "민수", "--no-pager", "show", "지수:1"))
    assert show.splitlines()[0].startswith("지수:1  반도체 수출 12% 늘어"), show
    assert ok_out(sn(world, "민수", "--no-pager", "show", "1")).splitlines()[0].startswith("#1  ")
