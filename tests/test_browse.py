"""`scrapnote browse` driven by Textual's Pilot on a made-up collection: typing (Korean too: 초성,
loose jamo, half-composed syllables), the hits and the preview, every key (enter, e, d, t, space,
x, o, f, /, q), and a note changed behind the app's back. One test runs the installed program in
a real terminal (tmux) and reads the screen."""
from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import time

import pytest

from conftest import scrapnote_exe


def note(nid, title, body, *, tags=(), companies=(), published="2024-01-10", url=None):
    return f"""---
id: {nid}
title: "{title}"
url: {url or f"https://news.example.com/{nid}"}
source: 한국경제
published: {published}
scrapped: {published}T09:00:00+09:00
industry: []
companies: [{", ".join(companies)}]
tags: [{", ".join(tags)}]
template: economy
---

## 헤드라인 (요약과 압축)

{title}

## 본문 (본문 내용 복사)

{body}

## 요약 및 의견

내 요약.
"""


@pytest.fixture
def notes(write_note):
    write_note("0001-a.md", note(1, "구글, 한국 AI 인재 키운다", "구글이 한국에서 인재를 키운다.", companies=["구글"],
                                 published="2024-03-01"))
    write_note("0002-b.md", note(2, "삼성전자 반도체 투자 확대", "삼성전자가 반도체 투자를 늘린다.", tags=["반도체"],
                                 companies=["삼성전자"], published="2024-02-01"))
    write_note("0003-c.md", note(3, "카카오 실적 발표", "카카오의 실적이 나왔다.", companies=["카카오"],
                                 published="2024-01-01"))


def run_app(test, query: str = "", size=(100, 30)):
    from scrapnote.browseview import Browse

    async def go():
        app = Browse(query)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await test(app, pilot)
    asyncio.run(go())


def ids(app) -> list[int]:
    return [r.id for r in app.rows]


async def preview(app, pilot) -> str:
    """The preview, once drawn (it is drawn off the event loop)."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()
    return str(app.query_one("#preview").render())


async def type_text(pilot, text: str):
    for ch in text:
        await pilot.press(ch if ch != " " else "space")
    await pilot.pause()


def test_starts_with_the_newest_notes_and_searches_on_each_keystroke(notes):
    async def t(app, pilot):
        assert ids(app) == [1, 2, 3]  # newest first
        assert "구글이 한국에서" in await preview(app, pilot)
        await type_text(pilot, "반도체")
        assert ids(app) == [2]
        assert "삼성전자가 반도체" in await preview(app, pilot)
        await pilot.press("backspace", "backspace", "backspace")
        await pilot.pause()
        assert ids(app) == [1, 2, 3]
    run_app(t)


def test_korean_input_chosung_loose_jamo_and_half_syllables(notes):
    async def t(app, pilot):
        await type_text(pilot, "ㅋㅋㅇ")  # 초성
        assert ids(app) == [3]
        app.query_one("#query").value = ""
        await pilot.pause()
        await type_text(pilot, "ㄱㅜㄱㅡㄹ")  # a terminal that sends keys: composed to 구글
        assert ids(app) == [1]
        app.query_one("#query").value = ""
        await pilot.pause()
        await type_text(pilot, "카카")
        assert ids(app) == [3]
        shown = app.searches
        await type_text(pilot, "ㅇ")  # half of 카카오: the last answer stays, no search on the jamo
        assert ids(app) == [3] and app.searches == shown
        app.query_one("#query").value = "카카오"  # the IME commits the syllable
        await pilot.pause()
        assert ids(app) == [3] and app.searches == shown + 1
    run_app(t)


def test_the_title_match_is_highlighted(notes):
    async def t(app, pilot):
        await type_text(pilot, "실적")
        (row,) = app.rows
        assert row.spans and row.title[row.spans[0][0]:row.spans[0][1]] == "실적"
    run_app(t)


def test_enter_full_view_and_back(notes):
    async def t(app, pilot):
        await type_text(pilot, "카카오")
        await pilot.press("enter")  # from the query: to the list
        await pilot.press("enter")  # the full view
        await pilot.pause()
        from scrapnote.browseview import FullNote

        assert isinstance(app.screen, FullNote)
        assert "카카오의 실적이 나왔다" in str(app.screen.query_one("#full").render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, FullNote)
    run_app(t)


def test_keys_act_on_the_list_not_in_the_query(notes):
    async def t(app, pilot):
        await type_text(pilot, "q")  # typed into the query, not quitting
        assert app.query_one("#query").value == "q" and app.is_running
    run_app(t)


def test_d_deletes_after_confirm(notes, home):
    async def t(app, pilot):
        await type_text(pilot, "카카오")
        await pilot.press("enter", "d")
        await pilot.pause()
        await pilot.press("n")  # kept
        await pilot.pause()
        assert (home / "notes" / "0003-c.md").exists()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not (home / "notes" / "0003-c.md").exists()
        assert list((home / ".trash").glob("0003*"))
        assert ids(app) == []
    run_app(t)


def test_t_adds_and_removes_a_tag(notes, home):
    async def t(app, pilot):
        await type_text(pilot, "구글")
        await pilot.press("enter", "t")
        await pilot.pause()
        await type_text(pilot, "AI인재")
        await pilot.press("enter")
        await pilot.pause()
        assert "tags: [AI인재]" in (home / "notes" / "0001-a.md").read_text("utf-8")
        await pilot.press("t")
        await pilot.pause()
        await type_text(pilot, "AI인재")
        await pilot.press("enter")
        await pilot.pause()
        assert "tags: []" in (home / "notes" / "0001-a.md").read_text("utf-8")
    run_app(t)


def test_space_selects_and_x_exports_the_selection(notes, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    async def t(app, pilot):
        app.query_one("#hits").focus()
        await pilot.press("space", "space")  # notes 1 and 2 (the cursor moves down)
        assert app.selected == {1, 2}
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#answer").value = "json"
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#answer").value = str(tmp_path / "week.json")
        await pilot.press("enter")
        await pilot.pause()
    run_app(t)
    import json

    assert [n["id"] for n in json.loads((tmp_path / "week.json").read_text("utf-8"))] == [2, 1]


def test_o_opens_only_http_links(notes, write_note, monkeypatch):
    opened = []
    import webbrowser

    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)  # True: a browser took it
    write_note("0004-d.md", note(4, "자바스크립트 링크", "본문.", url="javascript:alert(1)", published="2025-01-01"))

    async def t(app, pilot):
        app.query_one("#hits").focus()
        await pilot.press("o")  # note 4 (newest): not an http(s) link
        await pilot.press("down", "o")  # note 1
        await pilot.pause()
    run_app(t)
    assert opened == ["https://news.example.com/1"]


def screen_text(app) -> str:
    """The screen as the user sees it, one line of text per row (what a terminal would show)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def test_o_without_a_browser_shows_the_link_to_copy(write_note, monkeypatch):
    """A server over SSH: no $BROWSER and none that webbrowser can find. Nothing opened the link,
    so the view says so and shows the whole link (and hands it to the terminal's clipboard)."""
    import webbrowser

    monkeypatch.delenv("BROWSER", raising=False)
    monkeypatch.setattr(webbrowser, "_tryorder", [])  # webbrowser looked and found no browser
    url = "https://news.example.com/economy/2024/03/01/semiconductor-special-act-passes-the-national-assembly"
    write_note("0001-a.md", note(1, "반도체 특별법 통과", "본문.", url=url))

    async def t(app, pilot):
        app.query_one("#hits").focus()
        await pilot.press("o")
        await pilot.pause()
        shown = screen_text(app)
        assert "opened" not in shown and "no browser" in shown, shown
        assert url in "".join(_boxed(shown)), shown  # all of it, at 80 columns
        assert app.clipboard == url
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.query_one("#hits")
    run_app(t, size=(80, 24))


def _boxed(shown: str) -> str:
    """The text inside a dialog's box (between its █ borders), its lines joined."""
    inside = (line[line.index("█") + 1:line.rindex("█")].strip() for line in shown.splitlines() if line.count("█") >= 2)
    return " ".join(text for text in inside if text.strip("▀▄")).split()


LONG_TITLE = "정부, 반도체 특별법 국회 통과 앞두고 주 52시간 예외 적용 범위와 보조금 지급 기준을 둘러싼 업계 의견 수렴 본격화"


def test_80x24_long_questions_footers_and_errors_are_seen_whole(write_note, home):
    """At 80×24 every word a user needs is on the screen: a long delete question (and its y/n), the
    full view's keys, and a long error line (an export to a folder that cannot be made)."""
    write_note("0001-a.md", note(1, LONG_TITLE, "본문이다."))

    async def t(app, pilot):
        app.query_one("#hits").focus()
        await pilot.press("d")
        await pilot.pause()
        words = _boxed(screen_text(app))
        assert " ".join(words).startswith(f"delete 1: {LONG_TITLE}?"), screen_text(app)
        assert " ".join(words).endswith("? y: yes · n: no, keep it"), screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")  # the full view: its keys in the footer, none cut
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for key in ("esc back", "e edit", "d del", "t tag", "x export", "o open"):
            assert key in footer, footer
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#answer").value = "json"
        await pilot.press("enter")
        await pilot.pause()
        bad = home / "notes" / "0001-a.md" / "이번주-스터디-보고서-폴더" / "week.json"  # under a file
        app.screen.query_one("#answer").value = str(bad)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        lines = screen_text(app).splitlines()
        at = next(i for i, ln in enumerate(lines) if ln.startswith("1건"))
        said = "".join("".join(lines[at:-1]).split())  # a path longer than a line is folded: read it whole
        assert said.endswith("".join(f"error: {bad.parent}: not a directory".split())), "\n".join(lines)
    run_app(t, size=(80, 24))


def test_f_filters_by_tag_and_date(notes):
    async def t(app, pilot):
        app.query_one("#hits").focus()
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#f-tag").value = "반도체"
        app.screen.query_one("#f-tag").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert ids(app) == [2]
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#f-tag").value = ""
        app.screen.query_one("#f-since").value = "2024-02"
        app.screen.query_one("#f-since").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert ids(app) == [1, 2]
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#f-since").value = "someday"
        app.screen.query_one("#f-since").focus()
        await pilot.press("enter")  # a bad date stays in the form with the reason
        await pilot.pause()
        assert "someday" in str(app.screen.query_one("#filter-error").render())
    run_app(t)


def test_slash_focuses_the_query_and_q_quits(notes):
    async def t(app, pilot):
        app.query_one("#hits").focus()
        await pilot.press("slash")
        assert app.focused is app.query_one("#query")
        app.query_one("#hits").focus()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    run_app(t)


def test_e_edits_in_the_editor_and_the_list_shows_the_new_text(notes, home, tmp_path, monkeypatch):
    ed = tmp_path / "ed.py"
    ed.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
                  "p.write_text(p.read_text('utf-8').replace('카카오의 실적이 나왔다.', '카카오의 실적이 좋아졌다.'), 'utf-8')\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {ed}")

    async def t(app, pilot):
        await type_text(pilot, "카카오")
        await pilot.press("enter", "e")
        await pilot.pause()
        assert "좋아졌다" in await preview(app, pilot)
    run_app(t)
    assert "좋아졌다" in (home / "notes" / "0003-c.md").read_text("utf-8")


def test_a_note_changed_behind_the_apps_back_is_seen(notes, home):
    async def t(app, pilot):
        await type_text(pilot, "카카오")
        p = home / "notes" / "0003-c.md"
        p.write_text(p.read_text("utf-8").replace("실적이 나왔다", "실적이 다른 터미널에서 바뀌었다"), "utf-8")
        (home / "notes" / "0005-e.md").write_text(note(5, "카카오 새 노트", "카카오가 새로 나왔다.",
                                                      published="2025-05-01"), "utf-8")
        for _ in range(60):  # the app checks the files every REFRESH_SECONDS
            await pilot.pause(0.1)
            if 5 in ids(app):
                break
        assert sorted(ids(app)) == [3, 5]
        await pilot.press("enter")
        await pilot.press("down")
        await pilot.pause()
        assert "다른 터미널에서 바뀌었다" in await preview(app, pilot)
    run_app(t)


def test_no_color_and_80x24(notes, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")

    async def t(app, pilot):
        await type_text(pilot, "구글")
        assert ids(app) == [1] and "구글이 한국에서" in await preview(app, pilot)
    run_app(t, size=(80, 24))


def test_browse_needs_a_terminal(cli, notes):
    r = cli("browse")
    assert r.exit_code == 1 and "terminal" in r.stderr


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)")
def test_the_installed_program_in_a_real_terminal(notes, home):
    sock = f"scrapnote-test-{os.getpid()}"
    ed = home.parent / "ed.py"
    ed.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
                  "p.write_text(p.read_text('utf-8').replace('실적이 나왔다', '실적을 터미널에서 고쳤다'), 'utf-8')\n")
    env = {**os.environ, "SCRAPNOTE_HOME": str(home), "TERM": "xterm-256color", "LANG": "C.UTF-8", "EDITOR": f"{sys.executable} {ed}"}
    for var in ("NO_COLOR", "COLUMNS", "LINES"):  # the terminal's own size, as a user's shell has it
        env.pop(var, None)

    def tmux(*args):
        return subprocess.run(["tmux", "-u", "-L", sock, *args], env=env, capture_output=True, text=True, timeout=30)

    def screen() -> str:
        return tmux("capture-pane", "-p", "-t", "b").stdout

    def wait_for(text, timeout=30.0):
        end = time.time() + timeout
        while time.time() < end:
            if text in screen():
                return True
            time.sleep(0.2)
        return False

    tmux("new-session", "-d", "-s", "b", "-x", "80", "-y", "24", f"{scrapnote_exe()} browse")
    try:
        assert wait_for("구글, 한국 AI 인재"), screen()
        tmux("send-keys", "-t", "b", "-l", "카카오")
        end = time.time() + 30
        while time.time() < end and ("삼성전자 반도체" in screen() or "카카오 실적 발표" not in screen()):
            time.sleep(0.2)
        assert "삼성전자 반도체" not in screen() and "카카오 실적 발표" in screen(), screen()  # the list narrowed
        tmux("send-keys", "-t", "b", "Enter")  # to the list: the footer shows the list's keys
        assert wait_for("quit"), screen()
        assert "edit" in screen() and "del" in screen() and "export" in screen()
        tmux("send-keys", "-t", "b", "e")  # the app suspends, the editor runs, the app resumes
        assert wait_for("실적을 터"), screen()  # the preview shows the edited text
        assert "터미널에서 고쳤다" in (home / "notes" / "0003-c.md").read_text("utf-8")
        tmux("send-keys", "-t", "b", "q")
        end = time.time() + 15
        while time.time() < end and tmux("has-session", "-t", "b").returncode == 0:
            time.sleep(0.2)
        assert tmux("has-session", "-t", "b").returncode != 0  # quit
    finally:
        tmux("kill-server")


def test_a_long_list_grows_as_it_is_scrolled(write_note):
    """A query finds a screenful of hits and a few more at first (each keystroke ranks only
    those); moving down the list brings the next hits, the same rows first, in search's order,
    until every hit is listed; the status says when more may follow."""
    from typer.testing import CliRunner

    from scrapnote.app import browse as use
    from scrapnote.cli import app as cli_app

    for i in range(1, 81):
        write_note(f"{i:04d}-g.md", note(i, f"구글 소식 {i}", f"구글이 {i}번째 발표를 했다.",
                                         published=f"2024-{1 + i % 12:02d}-{1 + i % 27:02d}"))
    r = CliRunner().invoke(cli_app, ["search", "구글", "--limit", "100", "--json"])
    import json
    every = [h["id"] for h in json.loads(r.stdout)]
    assert len(every) == 80

    async def t(app, pilot):
        await type_text(pilot, "구글")
        first = ids(app)
        assert use.PAGE <= len(first) < 80 and first == every[:len(first)]
        assert "이상" in str(app.query_one("#status").render())
        await pilot.press("enter")  # to the list
        for _ in range(len(first)):
            await pilot.press("down")
        await pilot.pause()
        grown = ids(app)
        assert len(grown) > len(first) and grown == every[:len(grown)]
        for _ in range(80):
            await pilot.press("down")
        await pilot.pause()
        assert ids(app) == every
        assert "이상" not in str(app.query_one("#status").render())
    run_app(t)
