"""What a person sees on a real (pseudo) terminal: colour unless NO_COLOR, a pager for long notes."""
from __future__ import annotations

import os
import re

from test_study_commands import _run_on_pty

from conftest import scrapnote_exe

ANSI_COLOR = re.compile(r"\x1b\[[0-9;]*m")


def _make_note(home, lines=5):
    body = "\n\n".join(f"{i}번째 문단이다. 구글이 {i}명을 뽑았다." for i in range(lines))
    d = home / "notes"
    d.mkdir(parents=True, exist_ok=True)
    (d / "0001-a.md").write_text(f"---\nid: 1\ntitle: \"긴 노트\"\nsource: 한국경제\ntags: [AI]\n---\n\n"
                                 f"## 본문 (본문 내용 복사)\n\n{body}\n", "utf-8")


def test_colour_on_a_terminal_and_none_with_no_color(home):
    _make_note(home)
    env = {**os.environ, "SCRAPNOTE_HOME": str(home), "TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    rc, out = _run_on_pty([scrapnote_exe(), "list"], env)
    assert rc == 0 and "긴 노트" in out
    assert ANSI_COLOR.search(out), "a terminal gets styled output"
    rc, out = _run_on_pty([scrapnote_exe(), "list"], {**env, "NO_COLOR": "1"})
    assert rc == 0 and "긴 노트" in out
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]m|\x1b\[38;", out), "NO_COLOR: no colours"


def test_long_note_goes_through_the_pager(home, tmp_path):
    _make_note(home, lines=80)
    paged = tmp_path / "paged.txt"
    env = {**os.environ, "SCRAPNOTE_HOME": str(home), "TERM": "xterm-256color", "NO_COLOR": "1",
           "LINES": "20", "COLUMNS": "80", "PAGER": f"cat > {paged}"}
    rc, out = _run_on_pty([scrapnote_exe(), "show", "1"], env)
    assert rc == 0, out
    assert paged.exists() and "79번째 문단이다" in paged.read_text("utf-8")
    # a short note is printed straight to the terminal
    _make_note(home, lines=2)
    paged.unlink()
    rc, out = _run_on_pty([scrapnote_exe(), "show", "1"], env)
    assert rc == 0 and "1번째 문단이다" in out and not paged.exists()
