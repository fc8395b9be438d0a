"""A hypothesis state machine over one collection (issue 10): new, edit, delete, restore, import and
reindex, with `list` and `show` as checks, while an edit of the installed `scrapnote` may be open in
a background process whose editor waits for the test (and whose note may change by hand meanwhile).

After every step:

- every note file (notes/ and .trash/) parses;
- every note a command reported saved is there, exactly once, in notes/ or the trash as the model
  says, with every text an edit reported saved (and the line changed by hand);
- no id was handed out twice; no temp file, half file or import journal is left; an edit that met a
  note changed by hand left its text in a conflict copy.

Bounded: a few examples of a dozen steps, so it runs in well under 40 s on a loaded 2-core machine.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from faults.test_edit_races import EDITOR

MARK = re.compile(r"표식\d+")


class Collection(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        from conftest import scrapnote_exe
        from typer.testing import CliRunner

        self.tmp = Path(tempfile.mkdtemp(prefix="scrapnote-sm-"))
        self.home = self.tmp / "home"
        ed = self.tmp / "editor.py"
        ed.write_text(EDITOR, encoding="utf-8")
        self.editor = f"{sys.executable} {ed}"
        self.env = {"SCRAPNOTE_HOME": str(self.home), "EDITOR": self.editor, "COLUMNS": "1000", "NO_COLOR": "1"}
        self.exe = scrapnote_exe()
        self.runner = CliRunner()
        self.n = 0
        self.where: dict[int, str] = {}  # id -> "notes" | ".trash"
        self.texts: dict[int, list[str]] = {}  # id -> markers its file must hold
        self.handed: list[int] = []  # every id a command reported, in order
        self.conflicts: list[str] = []  # markers that must be in a conflict copy
        self.bg: tuple[subprocess.Popen, int, str, Path, str | None] | None = None

    # -- driving ----------------------------------------------------------------------------------
    def mark(self) -> str:
        self.n += 1
        return f"표식{self.n}"

    def cli(self, *args, input=None, **env):
        from scrapnote.cli import app

        r = self.runner.invoke(app, [str(a) for a in args], input=input, env={**self.env, **env},
                               catch_exceptions=False)
        assert "Traceback" not in r.stderr, r.stderr
        return r

    def live(self) -> list[int]:
        return sorted(i for i, w in self.where.items() if w == "notes")

    def trashed(self) -> list[int]:
        return sorted(i for i, w in self.where.items() if w == ".trash")

    def files(self) -> dict[int, list[Path]]:
        from scrapnote import template
        from scrapnote.note import read_note

        found: dict[int, list[Path]] = {}
        for d in ("notes", ".trash"):
            folder = self.home / d
            for p in sorted(folder.glob("*.md")) if folder.exists() else ():
                note = read_note(p, template.load())  # raises for a note that does not parse
                found.setdefault(note.id, []).append(p)
        return found

    def handed_out(self, nid: int) -> None:
        assert nid not in self.handed, f"id {nid} handed out twice"
        self.handed.append(nid)

    # -- rules ------------------------------------------------------------------------------------
    @rule()
    def new(self):
        m = self.mark()
        r = self.cli("new", "--no-edit", "--no-drafts", "-", input=f"노트 {m}\n\n{m} 본문 첫 문장이다.\n")
        assert r.exit_code == 0, r.stderr
        nid = int(re.search(r"saved (\d+)", r.stderr).group(1))
        self.handed_out(nid)
        self.where[nid], self.texts[nid] = "notes", [m]

    @rule(keep=st.booleans(), wanted=st.integers(1, 12))
    def import_(self, keep, wanted):
        before = set(self.files())
        marks = [self.mark(), self.mark()]
        data = [{"id": wanted + k, "title": f"가져온 {m}", "body": f"{m} 본문이다."} for k, m in enumerate(marks)]
        f = self.tmp / f"in{self.n}.json"
        f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        r = self.cli("import", f, *(["--keep-ids"] if keep else []))
        assert r.exit_code == 0 and "imported 2 notes" in r.stderr, r.stderr
        new = sorted(set(self.files()) - before)
        assert len(new) == 2, new
        for nid in new:
            text = (self.files()[nid][0]).read_text(encoding="utf-8")
            (m,) = [m for m in marks if m in text]
            self.handed_out(nid)
            self.where[nid], self.texts[nid] = "notes", [m]

    def _busy(self, nid: int) -> bool:
        return self.bg is not None and self.bg[1] == nid

    @precondition(lambda self: self.where)
    @rule(data=st.data())
    def edit(self, data):
        nid = data.draw(st.sampled_from(sorted(self.where)))
        m = self.mark()
        r = self.cli("edit", nid, ED_TEXT=m)
        if self._busy(nid):
            event("edit met an open edit")
            assert r.exit_code == 1 and f"note {nid} is being edited (pid {self.bg[0].pid})" in r.stderr, r.stderr
        elif self.where[nid] == ".trash":
            assert r.exit_code == 1 and f"note {nid} is in the trash" in r.stderr, r.stderr
        else:
            assert r.exit_code == 0 and f"saved {nid}" in r.stderr, r.stderr
            self.texts[nid].append(m)

    @precondition(lambda self: self.bg is None and any(w == "notes" for w in self.where.values()))
    @rule(data=st.data(), by_hand=st.booleans())
    def start_background_edit(self, data, by_hand):
        """An edit whose editor stays open (waiting on a gate) while other rules run."""
        nid = data.draw(st.sampled_from(self.live()))
        m = self.mark()
        gate = self.tmp / f"gate{self.n}"
        env = {**os.environ, **self.env, "ED_GATE": str(gate), "ED_TEXT": m}
        proc = subprocess.Popen([self.exe, "edit", str(nid)], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        end = time.monotonic() + 60
        while not Path(f"{gate}.started").exists():
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < end
            time.sleep(0.02)
        hand = None
        if by_hand:  # the note changes by hand while the editor is open
            hand = self.mark()
            (path,) = self.files()[nid]
            with open(path, "a", encoding="utf-8") as f:
                f.write(f"\n{hand}\n")
            self.texts[nid].append(hand)
        self.bg = (proc, nid, m, gate, hand)

    @precondition(lambda self: self.bg is not None)
    @rule()
    def finish_background_edit(self):
        assert self.bg is not None
        proc, nid, m, gate, hand = self.bg
        gate.touch()
        out, err = proc.communicate(timeout=60)
        self.bg = None
        event("background edit: changed by hand" if hand else "background edit: saved")
        if hand:
            assert proc.returncode == 1 and "changed while it was open in the editor" in err, err
            self.conflicts.append(m)
        else:
            assert proc.returncode == 0 and f"saved {nid}" in err, err
            self.texts[nid].append(m)

    @precondition(lambda self: self.where)
    @rule(data=st.data())
    def delete(self, data):
        nid = data.draw(st.sampled_from(sorted(self.where)))
        r = self.cli("delete", "--yes", nid)
        if self.where[nid] == ".trash":
            assert r.exit_code == 1, r.stderr
        elif self._busy(nid):
            event("delete met an open edit")
            assert r.exit_code == 1 and f"note {nid} is being edited" in r.stderr, r.stderr
        else:
            assert r.exit_code == 0, r.stderr
            self.where[nid] = ".trash"

    @precondition(lambda self: self.trashed())
    @rule(data=st.data())
    def restore(self, data):
        nid = data.draw(st.sampled_from(self.trashed()))
        r = self.cli("restore", nid)
        assert r.exit_code == 0, r.stderr
        self.where[nid] = "notes"

    @rule()
    def reindex(self):
        assert self.cli("reindex").exit_code == 0

    @rule()
    def list_matches(self):
        r = self.cli("list", "--json")
        assert r.exit_code == 0, r.stderr
        rows = json.loads(r.stdout) if r.stdout.strip() else []
        assert sorted(row["id"] for row in rows) == self.live()

    @precondition(lambda self: any(w == "notes" for w in self.where.values()))
    @rule(data=st.data())
    def show_matches(self, data):
        nid = data.draw(st.sampled_from(self.live()))
        r = self.cli("show", nid, "--json")
        assert r.exit_code == 0, r.stderr
        shown = r.stdout
        for m in self.texts[nid]:
            assert m in shown, (nid, m)

    # -- after every step -------------------------------------------------------------------------
    @invariant()
    def nothing_lost_nothing_doubled(self):
        found = self.files()
        assert sorted(found) == sorted(self.where), (found, self.where)
        for nid, paths in found.items():
            assert len(paths) == 1, paths  # exactly once, in notes/ or the trash
            assert paths[0].parent.name == self.where[nid]
            text = paths[0].read_text(encoding="utf-8")
            assert set(MARK.findall(text)) >= set(self.texts[nid]), (nid, text)

    @invariant()
    def no_leftovers(self):
        assert not [p for p in self.home.rglob("*.tmp")], list(self.home.rglob("*.tmp"))
        assert not (self.home / ".scrapnote" / "import-journal.json").exists()
        edits = self.home / ".scrapnote" / "edits"
        copies = sorted(p.name for p in edits.glob("*.md")) if edits.exists() else []
        open_edit = {f"{self.bg[1]}.md"} if self.bg else set()
        assert {c for c in copies if ".conflict-" not in c} == open_edit, copies
        kept = "".join(p.read_text(encoding="utf-8") for p in edits.glob("*.conflict-*.md")) if edits.exists() else ""
        for m in self.conflicts:
            assert m in kept

    def teardown(self):
        if self.bg is not None:
            proc, *_, gate, _ = self.bg
            gate.touch()
            proc.communicate(timeout=60)
        shutil.rmtree(self.tmp, ignore_errors=True)


Collection.TestCase.settings = settings(max_examples=10, stateful_step_count=20, deadline=None,
                                        suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def _no_ambient_editor(monkeypatch, home):
    for var in ("VISUAL", "ED_GATE", "ED_TEXT", "ED_SEEN", "ED_HAND"):
        monkeypatch.delenv(var, raising=False)


test_collection_state_machine = Collection.TestCase
