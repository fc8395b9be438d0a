"""A bounded kill -9 campaign: 60 real scrapnote processes (new, import, edit, delete, restore, reindex)
killed at seeded-random moments of their run, one after another; then nothing may be lost or half-written.

Each command's moment of death is drawn from its own measured run time, so the kills land anywhere from
start-up to the last write. After the campaign and one more write:

- every note file (notes/ and .trash/) parses, and ``list`` reports no broken note;
- every note a command reported saved exists with its whole text (its creation marker, every edit it
  reported saved), every id that ever existed still exists, in exactly one place, ids unique;
- an import is all or nothing; no temp file and no import journal is left.
"""
from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9 (POSIX)")

SEED = 20261202
KILLS = 60
MAX_DELAY = 0.9  # seconds: the campaign waits at most KILLS × MAX_DELAY for its kills

EDITOR = r"""
import os, sys
p = sys.argv[1]
with open(p, encoding="utf-8") as f:
    text = f.read()
tmp = os.path.join(os.environ["EDIT_TMP"], "editor-%d" % os.getpid())
with open(tmp, "w", encoding="utf-8") as f:  # an editor that saves by rename, as most do
    f.write(text.rstrip("\n") + "\n\n" + os.environ["EDIT_MARK"] + "\n")
os.replace(tmp, p)
"""


class Campaign:
    def __init__(self, home: Path, tmp: Path):
        from conftest import scrapnote_exe

        self.home, self.tmp, self.exe = home, tmp, scrapnote_exe()
        self.editor = tmp / "editor.py"
        self.editor.write_text(EDITOR, encoding="utf-8")
        self.env = {**os.environ, "SCRAPNOTE_HOME": str(home), "NO_COLOR": "1",
                    "EDITOR": f"{sys.executable} {self.editor}", "EDIT_TMP": str(tmp)}
        self.created: dict[int, str] = {}  # id -> its creation marker (reported saved)
        self.edits: dict[int, list[str]] = {}  # id -> edit markers reported saved
        self.imports: list[tuple[list[str], bool]] = []  # (titles of the batch, reported imported)
        self.maybe: list[str] = []  # markers of killed `new` runs: absent, or present whole
        self.took: dict[str, float] = {}
        self.kills = 0

    def run(self, args: list[str], delay: float | None, mark: str = ""):
        import time

        env = {**self.env, "EDIT_MARK": mark}
        start = time.monotonic()
        proc = subprocess.Popen([self.exe, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        killed = False
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            killed = True
            self.kills += 1
        out, err = proc.communicate(timeout=60)
        if not killed:  # the fastest run seen: a run under less load than the first ends sooner
            self.took[args[0]] = min(self.took.get(args[0], float("inf")), time.monotonic() - start)
        return out, err, killed

    def article(self, i: int) -> tuple[Path, str]:
        marker = f"표지{i:03d}"
        p = self.tmp / f"a{i}.txt"
        p.write_text(f"노트 {marker}\n\n{marker} 본문 첫 문장이다. 두 번째 문장도 있다.\n", encoding="utf-8")
        return p, marker

    def new(self, i: int, delay):
        path, marker = self.article(i)
        out, err, killed = self.run(["new", str(path), "--no-drafts", "--no-edit"], delay)
        m = re.search(r"saved (\d+)", err)
        if m:
            self.created[int(m.group(1))] = marker
        elif killed:
            self.maybe.append(marker)
        else:
            raise AssertionError(err)

    def import_(self, i: int, delay):
        titles = [f"가져옴{i:03d}-{k}" for k in range(3)]
        f = self.tmp / f"in{i}.json"
        f.write_text(json.dumps([{"title": t, "body": f"{t} 본문이다."} for t in titles]), encoding="utf-8")
        out, err, killed = self.run(["import", str(f)], delay)
        assert killed or "imported 3 notes" in err, err
        self.imports.append((titles, "imported 3 notes" in err))

    def edit(self, i: int, nid: int, delay):
        mark = f"편집{i:03d}"
        out, err, killed = self.run(["edit", str(nid)], delay, mark=mark)
        if re.search(rf"saved {nid}\b", err):
            self.edits.setdefault(nid, []).append(mark)

    def files(self) -> dict[int, list[Path]]:
        from scrapnote import template
        from scrapnote.note import read_note

        found: dict[int, list[Path]] = {}
        for d in (self.home / "notes", self.home / ".trash"):
            for p in sorted(d.glob("*.md")) if d.exists() else ():
                note = read_note(p, template.load())  # raises for a broken (half-written) note
                found.setdefault(note.id, []).append(p)
        return found


def test_kill_campaign(home, tmp_path):
    rnd = random.Random(SEED)
    c = Campaign(home, tmp_path)
    # a few notes made without kills: targets for edit, delete and restore, and each command's run time
    for i in range(4):
        c.new(i, None)
    c.import_(4, None)
    c.edit(5, 1, None)
    c.run(["delete", "--yes", "2"], None)
    c.run(["restore", "2"], None)
    c.run(["reindex"], None)
    assert set(c.created) == {1, 2, 3, 4} and c.edits == {1: ["편집005"]}

    kinds = ["new", "import", "edit", "delete", "restore", "reindex"]
    ever: set[int] = set()
    for i in range(10, 10 + KILLS):
        kind = kinds[i % len(kinds)] if i < 10 + len(kinds) else rnd.choice(kinds)
        delay = min(MAX_DELAY, rnd.uniform(0.0, 1.1 * c.took[kind]))
        known = sorted(c.files())  # every file parses between the kills too
        ever.update(known)
        if kind == "new":
            c.new(i, delay)
        elif kind == "import":
            c.import_(i, delay)
        elif kind == "edit":
            c.edit(i, rnd.choice(known), delay)
        elif kind == "delete":
            c.run(["delete", "--yes", str(rnd.choice(known))], delay)
        elif kind == "restore":
            trashed = sorted(p.name for p in (home / ".trash").glob("*.md")) if (home / ".trash").exists() else []
            nid = int(rnd.choice(trashed)[:4]) if trashed else rnd.choice(known)
            c.run(["restore", str(nid)], delay)
        else:
            c.run(["reindex"], delay)

    assert c.kills >= KILLS // 2, f"only {c.kills} of {KILLS} runs were killed before they ended"

    # the next write cleans up after the killed ones
    out, err, killed = c.run(["new", str(c.article(999)[0]), "--no-drafts", "--no-edit"], None)
    assert not killed and "saved" in err, err
    leftovers = [p for p in home.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    assert not (home / ".scrapnote" / "import-journal.json").exists()

    files = c.files()  # every file parses
    assert all(len(ps) == 1 for ps in files.values()), {i: ps for i, ps in files.items() if len(ps) > 1}
    r = subprocess.run([c.exe, "list"], env=c.env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and "skipped" not in r.stderr, r.stderr

    def text_of(nid):
        return files[nid][0].read_text(encoding="utf-8")

    for nid, marker in c.created.items():  # reported saved: there, whole
        assert nid in files, f"note {nid} ({marker}) is lost"
        assert f"{marker} 본문 첫 문장이다. 두 번째 문장도 있다." in text_of(nid)
    for nid, marks in c.edits.items():
        for m in marks:
            assert m in text_of(nid), f"edit {m} of note {nid} is lost"
    bodies = "\n".join(text_of(n) for n in files)
    for marker in c.maybe:  # a killed new: not there, or there whole
        if f"노트 {marker}" in bodies:
            assert f"{marker} 본문 첫 문장이다. 두 번째 문장도 있다." in bodies
    assert ever <= set(files), f"lost: {sorted(ever - set(files))}"
    for titles, reported in c.imports:  # all or nothing
        there = [t for t in titles if f"{t} 본문이다." in bodies]
        assert there == titles if reported else there in ([], titles), (titles, there)
