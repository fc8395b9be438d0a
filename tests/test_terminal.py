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


def _less_env(home, **extra):
    env = {**os.environ, "SCRAPNOTE_HOME": str(home), "TERM": "xterm-256color", "LINES": "20", "COLUMNS": "80"}
    for var in ("NO_COLOR", "PAGER", "LESS", "LV", "MANPAGER"):
        env.pop(var, None)
    env.update(extra)
    return env


def test_colours_survive_a_real_less(home):
    """With PAGER and LESS unset a long note goes to `less`, and its colour codes reach the screen as
    colours: less did not print them as text (`ESC[36m`, `^[[36m`)."""
    import shutil

    import pytest

    if not shutil.which("less"):
        pytest.skip("less is not installed")
    _make_note(home, lines=80)
    rc, out = _run_on_pty([scrapnote_exe(), "show", "1"], _less_env(home), typed="q", delay=3)
    assert rc == 0, out
    assert "0번째 문단이다" in out, "less showed the first page"
    assert "79번째 문단이다" not in out, "the note went through the pager, not straight to the screen"
    assert ANSI_COLOR.search(out), "colours reach the terminal"
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z=>]|\x1b[=>]|.\x08", "", out)  # what the reader reads
    assert "ESC[" not in shown and "^[[" not in shown, "less printed the colour codes as text"


def test_a_user_less_setting_is_kept_and_no_pager_prints_straight(home, tmp_path):
    _make_note(home, lines=80)
    seen = tmp_path / "env.txt"
    pager = f"sh -c 'echo \"LESS=$LESS LV=$LV\" > {seen}; cat > /dev/null'"
    rc, out = _run_on_pty([scrapnote_exe(), "show", "1"], _less_env(home, PAGER=pager))
    assert rc == 0, out
    assert seen.read_text().strip() == "LESS=FRX LV=-c"
    rc, out = _run_on_pty([scrapnote_exe(), "show", "1"], _less_env(home, PAGER=pager, LESS="-S", LV="-x"))
    assert seen.read_text().strip() == "LESS=-S LV=-x", "the user's own LESS is theirs"
    seen.unlink()
    rc, out = _run_on_pty([scrapnote_exe(), "--no-pager", "show", "1"], _less_env(home, PAGER=pager))
    assert rc == 0 and "79번째 문단이다" in out and not seen.exists()
    for off in ("", "cat", "no-such-pager-program"):
        rc, out = _run_on_pty([scrapnote_exe(), "show", "1"], _less_env(home, PAGER=off))
        assert rc == 0 and "79번째 문단이다" in out, f"PAGER={off!r} prints the note straight"


def test_make_demo_never_stops_in_a_pager_and_cleans_up(tmp_path):
    """`make demo` on a small terminal with PAGER and LESS unset: it runs to its end with nothing
    typed, says where its collection is, and removes it (KEEP=1 keeps it)."""
    import shutil
    import sys

    import pytest

    from conftest import ROOT

    if not shutil.which("make"):
        pytest.skip("make is not installed")
    venv = os.path.dirname(os.path.dirname(sys.executable))
    env = _less_env(tmp_path, LINES="10", TMPDIR=str(tmp_path))
    for keep in ("", "1"):
        rc, out = _run_on_pty(["make", "-s", "-C", str(ROOT), "demo", f"VENV={venv}", f"KEEP={keep}"], env,
                              timeout=120)
        assert rc == 0, out
        where = re.search(r"a throw-away collection in (\S+)", out)
        assert where, out
        assert "구글" in out and "#3" in out
        if keep:
            assert "kept the collection" in out and os.path.isdir(where.group(1))
        else:
            assert f"removed the collection {where.group(1)}" in out and not os.path.exists(where.group(1))
