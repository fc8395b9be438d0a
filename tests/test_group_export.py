"""``export --group``: a study group's notes and the week's digest in every export format, by member
and by date, the member named on each note. Two members publish through a real bare repository
(the installed program); the exports run in process (CliRunner) on the first member's home."""
from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from test_group import join, scrap
from test_sync import git, make_world, ok

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(scope="module")
def group(tmp_path_factory):
    """One group for the module (made once: each scrap and sync is a process of the installed
    program): 지수 and 민수, two notes each, one of 지수's from the week before."""
    import test_group

    world = make_world(tmp_path_factory.mktemp("group"))
    scrap(world, "지수", "배터리 공장 증설", "배터리 업체가 공장을 늘린다.", scrapped="2026-12-01T09:00:00+09:00",
          opinion="지수의 생각.")
    scrap(world, "지수", "지난주 기사", "지난주에 스크랩한 기사다.", scrapped="2026-11-25T10:00:00+09:00")
    scrap(world, "민수", "금리 동결", "한국은행이 기준금리를 동결했다.", scrapped="2026-12-03T21:00:00+09:00")
    scrap(world, "민수", "환율 급등", "원달러 환율이 올랐다.", scrapped="2026-12-01T08:00:00+09:00", opinion="민수의 생각.")
    join(world, "지수", "민수")
    ok(test_group.sn(world, "지수", "group", "sync"))
    return world


@pytest.fixture
def run(group, cli):
    env = {"SCRAPNOTE_HOME": str(group["tmp"] / "지수"), "SCRAPNOTE_MEMBER": "지수",
           "SCRAPNOTE_CONFIG": str(group["tmp"] / "config.toml")}

    def call(*args):
        return cli(*args, env=env)
    return call


WEEK = ("export", "--group", "스터디", "--week", "2026-W49")
BY_MEMBER = [("민수", "환율 급등"), ("민수", "금리 동결"), ("지수", "배터리 공장 증설")]
BY_DATE = [("민수", "환율 급등"), ("지수", "배터리 공장 증설"), ("민수", "금리 동결")]


def test_week_digest_json_and_md_by_member_and_by_date(run, tmp_path):
    r = run(*WEEK, "-f", "json")
    assert r.exit_code == 0, r.stderr
    notes = json.loads(r.stdout)
    assert [(n["member"], n["title"]) for n in notes] == BY_MEMBER
    assert [n["ref"] for n in notes] == ["민수:2", "민수:1", "지수:1"]
    assert notes[0]["path"] == "members/민수/notes/0002-환율-급등.md"
    r = run(*WEEK, "--by", "date", "-f", "json")
    assert [(n["member"], n["title"]) for n in json.loads(r.stdout)] == BY_DATE
    # Markdown: the parts, the contents, the member on each note; read back one note each
    md = run(*WEEK, "-f", "md").stdout
    assert md.startswith("# 스터디 2026-W49 스크랩 모음\n\n2026-11-30 ~ 2026-12-06 · 3건\n")
    heads = [ln[3:] for ln in md.splitlines() if ln.startswith("## ")]
    assert heads == ["목차", "민수 · 2건", "환율 급등", "금리 동결", "지수 · 1건", "배터리 공장 증설"]
    assert "### 민수 · 2건\n\n1. 2026-12-01 · 환율 급등 · 민수\n2. 2026-12-03 · 금리 동결 · 민수\n" in md
    assert md.count("- 작성: 민수") == 2 and md.count("- 작성: 지수") == 1
    assert "지난주 기사" not in md and "작성: 지수\n" not in md.split("## 목차")[0]
    by_date = run(*WEEK, "--by", "date", "-f", "md").stdout
    assert [ln[3:] for ln in by_date.splitlines() if ln.startswith("## ")] == [
        "목차", "2026-12-01 (화) · 2건", "환율 급등", "배터리 공장 증설", "2026-12-03 (목) · 1건", "금리 동결"]
    path = tmp_path / "week.md"
    path.write_text(md, encoding="utf-8")
    back = run("new", "--dry-run", "--json", "--no-drafts", path)
    assert back.exit_code == 0, back.stderr
    assert [n["title"] for n in json.loads(back.stdout)] == [t for _m, t in BY_MEMBER]
    # JSON back in through import: the member and ref are not fields of a note of one's own
    (tmp_path / "week.json").write_text(run(*WEEK, "-f", "json").stdout, encoding="utf-8")
    r = run("--home", tmp_path / "other", "import", tmp_path / "week.json")
    assert r.exit_code == 0, r.stderr


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[tuple[str, list[str]]] = []  # (data-part, the members of its notes)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and "data-part" in a:
            self.parts.append((a["data-part"], []))
        if tag == "article" and self.parts:
            self.parts[-1][1].append(a.get("data-member"))
        if tag == "tr":
            self.rows.append([])
        if tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def test_week_digest_html_docx_tsv_txt(run, tmp_path):
    page = _Page()
    r = run(*WEEK, "-f", "html")
    assert r.exit_code == 0, r.stderr
    page.feed(r.stdout)
    assert page.parts == [("민수", ["민수", "민수"]), ("지수", ["지수"])]
    assert [row for row in page.rows if row[0] == "작성"] == [["작성", "민수"], ["작성", "민수"], ["작성", "지수"]]
    page = _Page()
    page.feed(run(*WEEK, "--by", "date", "-f", "html").stdout)
    assert page.parts == [("2026-12-01", ["민수", "지수"]), ("2026-12-03", ["민수"])]

    from test_export import docx_blocks

    out = tmp_path / "week.docx"
    r = run(*WEEK, "-f", "docx", "-o", out)
    assert r.exit_code == 0, r.stderr
    d, blocks, tables = docx_blocks(out)
    assert d.core_properties.title == "스터디 2026-W49 스크랩 모음"
    assert [t for s, t in blocks if s == "Heading1"] == ["목차", "민수 · 2건", "지수 · 1건"]
    assert [t for s, t in blocks if s == "Heading2"] == [t for _m, t in BY_MEMBER]
    assert [t[0] for t in tables] == [["작성", "민수"], ["작성", "민수"], ["작성", "지수"]]

    tsv = run(*WEEK, "--by", "date", "-f", "tsv").stdout
    assert tsv.count("경제신문 스크랩 양식 · 작성: ") == 3
    assert [ln.split("작성: ")[1] for ln in tsv.splitlines() if "· 작성: " in ln] == ["민수", "지수", "민수"]
    path = tmp_path / "week.tsv"
    path.write_text(tsv, encoding="utf-8")
    back = run("new", "--dry-run", "--json", "--no-drafts", path)
    assert back.exit_code == 0, back.stderr
    assert [n["title"] for n in json.loads(back.stdout)] == [t for _m, t in BY_DATE]

    txt = run(*WEEK, "-f", "txt").stdout
    assert txt.index("■ 민수 (2건)") < txt.index("■ 지수 (1건)")
    assert "[스크랩] 환율 급등\n2026-12-01 · 민수\n" in txt and "[스크랩] 배터리 공장 증설\n2026-12-01 · 지수\n" in txt


def test_group_notes_by_ref_filters_and_split(run, tmp_path):
    one = run("export", "--group", "스터디", "민수:1", "-f", "md")
    assert one.exit_code == 0, one.stderr
    assert one.stdout.startswith("# 금리 동결\n") and "- 작성: 민수" in one.stdout
    every = json.loads(run("export", "--group", "스터디", "--all", "-f", "json").stdout)
    assert sorted(n["ref"] for n in every) == ["민수:1", "민수:2", "지수:1", "지수:2"]
    r = run("export", "--group", "스터디", "--all", "--split", tmp_path / "out", "-f", "md")
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "민수-0001-금리-동결.md", "민수-0002-환율-급등.md", "지수-0001-배터리-공장-증설.md", "지수-0002-지난주-기사.md"]


@pytest.mark.parametrize("args, code, says", [
    (("export", "--week", "2026-W49", "--all"), 1, "--week goes with --group"),
    (("export", "--group", "스터디", "3"), 2, "MEMBER:ID"),
    (("export", "민수:3"), 2, "add --group"),
    (("export", "--group", "스터디", "민수:99"), 1, "no note 민수:99"),
    (("export", "--group", "스터디", "--week", "2026-W40"), 1, "no notes match"),
    (("export", "--group", "스터디"), 1, "which notes of the group"),
    (("export", "--group", "없는모임", "--all"), 1, "no group"),
    (("export", "--group", "스터디", "--week", "2026-W49", "--calendar", "-f", "html"), 1, "--calendar"),
])
def test_group_export_errors_are_one_line(run, args, code, says):
    r = run(*args)
    assert r.exit_code == code and says in r.stderr, r.stderr
    if code == 1:
        assert r.stderr.count("\n") == 1 and r.stdout == ""


def test_group_export_leaves_the_clone_clean(run, group):
    run(*WEEK, "-f", "md")
    repo = group["tmp"] / "지수" / ".scrapnote" / "groups" / "스터디" / "repo"
    assert git(group, repo, "status", "--porcelain") == ""
    assert not list(Path(repo).rglob("*.tmp"))
