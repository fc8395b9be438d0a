"""The core commands through the real CLI: list, show, edit, delete, restore, and their errors."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from scrapnote import store, template
from scrapnote.models import Article
from scrapnote.note import build_note


def add(title, body="본문.", **kw):
    """A note written through the store, as `new` does."""
    meta = {k: kw.pop(k) for k in ("tags", "industry", "companies") if k in kw}
    art = Article(title=title, body=body, **kw)
    return store.create(lambda i: build_note(art, template.load(), i, **meta))


def three_notes():
    """Three notes of different dates, sources and tags (test_store.py uses them too)."""
    a = add("카카오, 머신러닝 캠프 개최", source="아이티데일리", published="2017-04-17", tags=["AI"],
            url="https://kicho.tistory.com/542", reporter="김성수")
    b = add("과기정통부-구글 맞손", source="한국경제", published="2023-07-13", tags=["AI", "인재"],
            companies=["구글"], industry=["IT"])
    c = add("KAIST-KT 공동연구센터", published="2021-12-15", tags=["R&D"])
    return a, b, c


@pytest.fixture
def three():
    return three_notes()


def test_list_newest_first_with_columns(cli, three):
    r = cli("list")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split()[:4] == ["id", "날짜", "출처", "제목"]
    ids = [ln.split()[0] for ln in lines[1:]]
    assert ids == ["2", "3", "1"]  # 2023, 2021, 2017
    assert "\x1b[" not in r.stdout  # plain when not a terminal


def test_list_wide_characters_line_up(cli, three):
    r = cli("list", env={"COLUMNS": "100"})
    lines = r.stdout.splitlines()
    head = lines[0]
    col = cell_len(head[: head.index("제목")])
    for ln in lines[1:]:
        # the title column starts at the same cell offset on every row, whatever the Hangul before it
        prefix_cells = 0
        for i, ch in enumerate(ln):
            if prefix_cells == col:
                assert ln[i - 1] == " " and ln[i] != " "
                break
            prefix_cells += cell_len(ch)
        else:
            pytest.fail(f"row shorter than header: {ln!r}")
    assert all(cell_len(ln) <= 100 for ln in lines)


def test_list_filters_and_json(cli, three):
    r = cli("list", "--json", "--tag", "ai", "--since", "2020")
    data = json.loads(r.stdout)
    assert [d["id"] for d in data] == [2]
    assert data[0]["companies"] == ["구글"] and data[0]["incomplete"]
    assert [d["id"] for d in json.loads(cli("list", "--json", "--source", "아이티").stdout)] == [1]
    assert [d["id"] for d in json.loads(cli("list", "--json", "--until", "2021-12").stdout)] == [3, 1]
    assert [d["id"] for d in json.loads(cli("list", "--json", "--limit", "1").stdout)] == [2]
    assert [d["id"] for d in json.loads(cli("list", "--json", "--company", "구글").stdout)] == [2]
    assert [d["id"] for d in json.loads(cli("list", "--json", "--industry", "it").stdout)] == [2]
    bad = cli("list", "--since", "어제")
    assert bad.exit_code == 2 and "not a date" in bad.stderr  # wrong usage, caught before any work
    assert cli("list", "--limit", "0").exit_code == 2


def test_list_empty_collection(cli):
    r = cli("list")
    assert r.exit_code == 0 and "no notes" in r.stderr and r.stdout == ""


def test_show_plain_and_json_and_raw(cli, three):
    r = cli("show", "1")
    assert r.exit_code == 0
    out = r.stdout
    for want in ("카카오, 머신러닝 캠프 개최", "아이티데일리", "김성수", "2017-04-17", "https://kicho.tistory.com/542",
                 "## 본문 (본문 내용 복사)", "## 적용할점 (현직자에게 할 질문)"):
        assert want in out
    assert out.index("## 헤드라인") < out.index("## 본문") < out.index("## 연관기사 링크")
    j = json.loads(cli("show", "2", "--json").stdout)
    assert j["id"] == 2 and j["title"] == "과기정통부-구글 맞손" and j["headline"] == "과기정통부-구글 맞손"
    assert set(j) >= {"id", "title", "headline", "url", "source", "reporter", "published", "scrapped", "industry",
                      "companies", "tags", "template", "body", "insights", "research", "summary", "questions",
                      "related", "numbers", "keywords", "path"}
    assert j["path"].startswith("notes/0002-")
    raw = cli("show", "3", "--raw").stdout
    assert raw == three[2].path.read_text(encoding="utf-8")


def test_unknown_id_is_one_line_exit_1(cli, three):
    for cmd in (["show", "99"], ["edit", "99"], ["delete", "99", "--yes"], ["restore", "99"]):
        r = cli(*cmd, env={"EDITOR": "true"})
        assert r.exit_code == 1, cmd
        assert r.stderr.strip().count("\n") == 0 and "99" in r.stderr and "Traceback" not in r.stderr


def test_usage_error_is_exit_2(cli):
    assert cli("show", "abc").exit_code == 2


def test_delete_asks_on_a_terminal_only(cli, three, monkeypatch):
    # CliRunner's stdin is not a terminal: no question, the note goes
    r = cli("delete", "1")
    assert r.exit_code == 0


def test_broken_note_warns_but_others_list_and_show(cli, three, write_note):
    bad = write_note("0009-broken.md", "---\nid: 9\ntitle: [깨짐\n---\n")
    r = cli("list")
    assert r.exit_code == 0
    assert "0009-broken.md" in r.stderr and "YAML" in r.stderr
    assert len(r.stdout.splitlines()) == 4
    assert cli("show", "2").exit_code == 0
    r = cli("show", "9")
    assert r.exit_code == 1 and "0009-broken.md" in r.stderr and "YAML" in r.stderr
    bad.write_bytes("---\nid: 9\ntitle: 고침\n---\n".encode("cp949"))
    r = cli("show", "9")
    assert r.exit_code == 1 and "not UTF-8" in r.stderr


def test_hand_added_note_with_bom_is_listed(cli, write_note):
    write_note("0042-hand.md", "\ufeff---\nid: 42\ntitle: 손으로 만든 노트\npublished: 2024-01-02\n---\n\n## 본문\n\n내용\n")
    data = json.loads(cli("list", "--json").stdout)
    assert data[0]["id"] == 42 and data[0]["title"] == "손으로 만든 노트"
    assert json.loads(cli("show", "42", "--json").stdout)["body"] == "내용"


def _editor(tmp_path, script: str) -> str:
    """An $EDITOR that is a small Python program acting on the file it is given."""
    p = tmp_path / "ed.py"
    p.write_text("import sys, pathlib\npath = pathlib.Path(sys.argv[1])\ntext = path.read_text('utf-8')\n" + script)
    return f"{sys.executable} {p}"


def test_edit_saves_a_good_edit(cli, three, tmp_path):
    ed = _editor(tmp_path, "path.write_text(text.replace('## 요약 및 의견\\n', '## 요약 및 의견\\n\\n내 의견이다\\n'), 'utf-8')")
    r = cli("edit", "2", env={"EDITOR": ed})
    assert r.exit_code == 0, r.stderr
    assert "saved 2" in r.stderr
    assert json.loads(cli("show", "2", "--json").stdout)["summary"] == "내 의견이다"


def test_edit_visual_wins_over_editor(cli, three, tmp_path):
    ed = _editor(tmp_path, "path.write_text(text.replace('맞손', 'VISUAL'), 'utf-8')")
    r = cli("edit", "2", env={"VISUAL": ed, "EDITOR": "false"})
    assert r.exit_code == 0, r.stderr
    assert "VISUAL" in three[1].path.read_text()


def test_broken_edit_is_kept_and_reopened(cli, three, tmp_path):
    before = three[1].path.read_text()
    ed = _editor(tmp_path, "path.write_text(text.replace('title: ', 'title: [', 1) + '\\n내가 쓴 소중한 글\\n', 'utf-8')")
    r = cli("edit", "2", env={"EDITOR": ed})
    assert r.exit_code == 1
    assert "YAML" in r.stderr and "kept in" in r.stderr and "scrapnote edit 2" in r.stderr
    assert three[1].path.read_text() == before  # the note is untouched
    kept = Path(r.stderr.split("kept in ")[1].split(" (")[0].strip())
    assert "내가 쓴 소중한 글" in kept.read_text()
    # re-opening works on the kept text: fix the front matter, the user's words land
    fix = _editor(tmp_path, "path.write_text(text.replace('title: [', 'title: ', 1), 'utf-8')")
    r = cli("edit", "2", env={"EDITOR": fix})
    assert r.exit_code == 0, r.stderr
    assert "내가 쓴 소중한 글" in three[1].path.read_text()
    assert not kept.exists()


def test_edit_no_change_and_failing_editor(cli, three, tmp_path):
    r = cli("edit", "1", env={"EDITOR": "true"})
    assert r.exit_code == 0 and "no changes" in r.stderr
    r = cli("edit", "1", env={"EDITOR": "false"})
    assert r.exit_code == 1 and "status 1" in r.stderr
    r = cli("edit", "1", env={"EDITOR": "/nonexistent/editor"})
    assert r.exit_code == 1 and "cannot start editor" in r.stderr


def test_edit_cannot_change_id(cli, three, tmp_path):
    ed = _editor(tmp_path, "path.write_text(text.replace('id: 1', 'id: 77', 1), 'utf-8')")
    r = cli("edit", "1", env={"EDITOR": ed})
    assert r.exit_code == 1 and "id" in r.stderr


def test_home_option_beats_env(cli, three, tmp_path):
    other = tmp_path / "other"
    r = cli("--home", str(other), "list")
    assert r.exit_code == 0 and "no notes" in r.stderr


def test_version_and_help(cli):
    r = cli("--version")
    assert r.exit_code == 0 and r.stdout.startswith("scrapnote ")
    r = cli("--help")
    assert r.exit_code == 0
    for cmd in ("new", "list", "show", "edit", "delete", "restore"):
        assert cmd in r.stdout


def test_list_on_a_narrow_terminal_keeps_ids_and_dates_whole(three):
    import io

    from rich.console import Console

    from scrapnote import render
    from scrapnote.app.listing import list_rows
    from scrapnote.filters import Filters

    rows = list_rows(Filters(), None, on_error=print)
    for width in (60, 80):
        buf = io.StringIO()
        render.note_table(rows, out=Console(file=buf, width=width, force_terminal=True, no_color=True),
                          marks={1: "✎"})
        text = re.sub(r"\x1b\[[0-9;]*m", "", buf.getvalue())
        for r in rows:  # whole, or compact (24-03-01) when the title needs the room, as search's
            assert re.search(rf"^\s*{r['id']}\s+(?:{r['date']}|{r['date'][2:]})\s", text, re.M), (width, text)
        assert all(cell_len(ln) <= width for ln in text.splitlines())


def test_raw_is_the_file_byte_for_byte(cli, write_note):
    p = write_note("0007-bom.md", "\ufeff---\r\nid: 7\r\ntitle: BOM 노트\r\n---\r\n")
    r = cli("show", "7", "--raw")
    assert r.stdout_bytes == p.read_bytes()


def test_home_that_is_a_file_is_one_clear_line(cli, tmp_path):
    f = tmp_path / "a-file"
    f.write_text("x")
    r = cli("--home", str(f), "list")
    assert r.exit_code == 1 and r.stderr.count("\n") == 1
    assert "not a directory" in r.stderr and "unexpected" not in r.stderr
