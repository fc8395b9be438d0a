#!/usr/bin/env python3
"""Flat in N (issue 11): every command at 1k/10k/50k/200k notes, paired against the code before.

    python bench/flat.py                                  # every size, 5 runs a row
    python bench/flat.py --sizes 1000,10000 --runs 3      # a quick run
    python bench/flat.py --sizes 50000 --only 'search|list'   # some rows (a regex on the row names)
    python bench/flat.py --no-base                        # only the code in this worktree

What it measures. Every figure is one whole process (Python start-up included), output piped,
timed from outside; peak RSS is the child's ``ru_maxrss`` (os.wait4). Two versions of the code run
the same way: ``base`` (a ``git worktree add`` of --base-ref under bench/scrapbench/, the code
before the change) and ``new`` (this worktree). Both run with this venv's Python, the version's
folder first on PYTHONPATH and the console script's entry point (from its pyproject.toml) called
with ``-P -c``: the package sits on sys.path as a regular install puts it (no editable-install
finder), with its bytecode compiled first as pip compiles it (this machine sets
PYTHONDONTWRITEBYTECODE=1). The runs of a row alternate base/new (ABBA) after one warm-up each, so
the machine's load hits both alike: read the ratio new/base, not the times. The load average
(/proc/loadavg, 1 min) at the start of each row is printed beside it.

Collections: ../shared/bench/gen_corpus.py makes bench/scrapbench/corpus<N>/notes once (cached,
gitignored; generated under ``nice -n 19``). Each version gets its own home per size,
bench/scrapbench/home-<version>-<N>/, whose ``notes`` is a symlink to the corpus: one copy of the
notes, one index per version. Rows that change the collection put it back (``delete`` moves the
file back from the trash, ``new`` removes the note it made, the in-place edit restores the
bytes); a run that was interrupted is cleaned up by the next (notes with an id above N go).

Rows (per size unless marked):
- ``list -n 20``, ``show ID``, ``check ID``, ``edit ID`` (to the editor's start: $EDITOR is a tiny
  bash script that writes $EPOCHREALTIME and exits without a change), ``delete ID --yes``;
  ID is the middle note;
- ``list`` of every row: time to the first row (the second line of stdout: the header is the
  first) and total, peak RSS;
- ``search`` warm, every lane: common/mid/rare words, two words, a phrase, a left-out word, a
  typo, 초성 (ㅌㅅㄱㄱ and ㄱㄱ, which matches nearly every note), one letter (이, ㄱ), Korean typed
  in English mode; and ``search`` with one note edited in place before each run (the freshness
  promise: the edited word must be found);
- index build (``reindex`` with the index files deleted first): time and peak RSS;
- floors: the stat of every note file in this process (what freshness costs at the least);
- once: ``python -c pass`` (the interpreter), ``--help``, ``--version``, ``list --help`` and the
  framework cost (``list --help`` minus the interpreter); ``new`` of one article and of 100
  articles in an empty collection (peak RSS); ``new`` of one article into each collection.

Columns: the issue's target; base and new as median (min–max) in ms (s for the slow rows); the
median of the paired ratios new/base; peak RSS base → new; ``out``: whether the two versions
printed the same stdout (``=``; paths normalised) or not (``≠``); ``met``: the new median against
the target.

The check: a row regresses when new's median is above base's by more than the noise (--tolerance,
default 15 %, or half the spread of either side's runs when that is more; twice the tolerance for
a row of one run each; and 5 ms) and even new's fastest run is slower than base's slowest (the
runs do not overlap); memory regresses
when new's peak exceeds base's by more than 25 % and 16 MiB. Any regression makes the script exit
1 after the table. ``--targets`` also exits 1 for a target not met.
"""
from __future__ import annotations

import argparse
import json
import os
import pty
import re
import select
import shutil
import statistics
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEN = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
SCRATCH = ROOT / "bench" / "scrapbench"
# The code before issue 11's change: main when phase 2 began (override with --base-ref).
BASE_REF = "main"

SIZES = (1000, 10_000, 50_000, 200_000)


# -- running one process ---------------------------------------------------------------------------
@dataclass
class Run:
    wall: float          # seconds
    rss: float           # MiB
    rc: int
    out: bytes
    first: float | None = None   # seconds to the first row (list) or to the editor's start (edit)


def run(cmd: list[str], env: dict, *, first_line: int = 0, stdin: bytes | None = None,
        ok=(0,), cwd: Path | None = None) -> Run:
    """One whole process, stdout piped. ``first_line``: note when that many lines have arrived."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                         cwd=cwd or SCRATCH)
    if stdin is not None:
        p.stdin.write(stdin)
        p.stdin.close()
    chunks, lines, first = [], 0, None
    fd_out, fd_err = p.stdout.fileno(), p.stderr.fileno()
    err = []
    open_fds = {fd_out, fd_err}
    while open_fds:
        ready, _, _ = select.select(list(open_fds), [], [])
        for fd in ready:
            data = os.read(fd, 1 << 16)
            if not data:
                open_fds.discard(fd)
                continue
            if fd == fd_out:
                if first is None and first_line:
                    lines += data.count(b"\n")
                    if lines >= first_line:
                        first = time.perf_counter() - t0
                chunks.append(data)
            else:
                err.append(data)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    rc = os.waitstatus_to_exitcode(status)
    p.returncode = rc
    if rc not in ok:
        raise SystemExit(f"{' '.join(map(str, cmd[-6:]))} exited {rc}: {b''.join(err).decode(errors='replace')[-800:]}")
    return Run(wall, usage.ru_maxrss / 1024, rc, b"".join(chunks), first)


def run_tty(cmd: list[str], env: dict, pager_mark: Path) -> Run:
    """One process on a terminal (a pty, 120×40), $PAGER a script noting when its first line came."""
    import fcntl
    import struct
    import termios

    pager_mark.unlink(missing_ok=True)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    t0 = time.perf_counter()
    t0_epoch = time.time()
    p = subprocess.Popen(cmd, env={**env, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"},
                         stdin=slave, stdout=slave, stderr=slave, cwd=SCRATCH, close_fds=True)
    os.close(slave)
    first, buf = None, b""
    while True:
        try:
            r, _, _ = select.select([master], [], [], 0.5)
        except InterruptedError:
            continue
        if r:
            try:
                data = os.read(master, 1 << 16)
            except OSError:
                break
            if not data:
                break
            if first is None:
                buf += data
                if buf.count(b"\n") >= 2:
                    first = time.perf_counter() - t0
                buf = buf[-4096:]
        elif p.poll() is not None:
            break
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    os.close(master)
    if pager_mark.exists():  # the pager got its first line: that is the first row on the terminal
        paged = float(pager_mark.read_text().strip().replace(",", ".")) - t0_epoch
        first = paged if first is None else min(first, paged)
    return Run(wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), b"", first)


# -- the two versions of the code ------------------------------------------------------------------
@dataclass
class Version:
    label: str
    root: Path

    def entry(self) -> str:
        data = tomllib.loads((self.root / "pyproject.toml").read_text(encoding="utf-8"))
        module, func = data["project"]["scripts"]["scrapnote"].split(":")
        return (f"import sys; sys.argv[0] = 'scrapnote'; from {module} import {func} as m; "
                f"sys.exit(m())")

    def cmd(self, *args: str) -> list[str]:
        return [sys.executable, "-P", "-c", self._entry, *args]

    def prepare(self) -> None:
        import compileall

        compileall.compile_dir(str(self.root / "scrapnote"), quiet=1)
        self._entry = self.entry()
        env = self.env(None)
        got = subprocess.run([sys.executable, "-P", "-c", "import scrapnote; print(scrapnote.__file__)"],
                             env=env, capture_output=True, text=True, cwd=SCRATCH).stdout.strip()
        if not got.startswith(str(self.root)):
            raise SystemExit(f"{self.label}: scrapnote imports from {got!r}, not {self.root}")

    def env(self, home: Path | None) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SCRAPNOTE_")}
        env["PYTHONPATH"] = str(self.root)
        env["COLUMNS"] = "120"
        env.pop("VISUAL", None)
        if home is not None:
            env["SCRAPNOTE_HOME"] = str(home)
        return env


def base_version(ref: str) -> Version:
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", ref], capture_output=True, text=True,
                         check=True).stdout.strip()
    where = SCRATCH / f"base-{sha[:12]}"
    if not (where / "pyproject.toml").exists():
        print(f"git worktree add {where} {sha[:12]} …", file=sys.stderr)
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(where), sha], check=True,
                       stdout=subprocess.DEVNULL)
    return Version(f"base {sha[:8]}", where)


# -- collections -----------------------------------------------------------------------------------
def corpus(n: int) -> Path:
    """The generated notes of size n (made once, cached)."""
    where = SCRATCH / f"corpus{n}"
    if not (where / "needles.json").exists():
        if not GEN.exists():
            raise SystemExit(f"no corpus generator at {GEN}")
        tmp = SCRATCH / f"corpus{n}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"generating {n:,} notes in {where} (nice -n 19) …", file=sys.stderr, flush=True)
        subprocess.run(["nice", "-n", "19", sys.executable, str(GEN), "--n", str(n), "--out", str(tmp)],
                       check=True, stdout=subprocess.DEVNULL)
        tmp.rename(where)
    clean_corpus(where / "notes", n)
    return where


_ID = re.compile(rb"^(\d+)-")


def clean_corpus(notes: Path, n: int) -> None:
    """Notes an interrupted run left behind (an id above n, a temp file) go."""
    with os.scandir(notes) as it:
        for e in it:
            m = _ID.match(e.name.encode())
            if (m and int(m.group(1)) > n) or e.name.startswith("."):
                os.unlink(e.path)


def home_for(v: Version, n: int, notes: Path) -> Path:
    home = SCRATCH / f"home-{v.label.split()[0]}-{n}"
    home.mkdir(parents=True, exist_ok=True)
    link = home / "notes"
    if not link.is_symlink():
        link.symlink_to(notes, target_is_directory=True)
    marker = home / ".code"
    code = str(v.root)
    if not marker.exists() or marker.read_text() != code:  # another base: its index is not ours
        shutil.rmtree(home / ".scrapnote", ignore_errors=True)
        shutil.rmtree(home / ".trash", ignore_errors=True)
        marker.write_text(code)
    trash = home / ".trash"
    if trash.exists():  # an interrupted delete: the note goes back
        for p in trash.iterdir():
            if not (notes / p.name).exists():
                os.replace(p, notes / p.name)
            else:
                p.unlink()
    return home


def note_file(notes: Path, nid: int) -> Path:
    prefix = f"{nid:04d}-" if nid < 10000 else f"{nid}-"
    with os.scandir(notes) as it:
        for e in it:
            if e.name.startswith(prefix):
                return Path(e.path)
    raise SystemExit(f"no file for note {nid} in {notes}")


def drop_index(home: Path) -> None:
    state = home / ".scrapnote"
    if state.exists():
        for p in state.iterdir():
            if p.name.startswith("index"):
                if p.is_dir():
                    shutil.rmtree(p)
                else:
                    p.unlink()


# -- rows ----------------------------------------------------------------------------------------
@dataclass
class Side:
    runs: list[Run] = field(default_factory=list)

    def values(self, what: str) -> list[float]:
        return [getattr(r, what) for r in self.runs if getattr(r, what) is not None]


@dataclass
class Row:
    size: int | None
    name: str
    target: float | None      # seconds
    load: float
    sides: dict[str, Side]
    what: str = "wall"        # which figure of a run the row reports
    same: bool | None = None
    rss_target: float | None = None  # MiB
    ratios: list[float] = field(default_factory=list)
    note: str = ""


def loadavg() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def normalise(out: bytes, home: Path | None) -> bytes:
    if home is not None:
        out = out.replace(str(home).encode(), b"<home>")
    return out


class Bench:
    def __init__(self, versions: list[Version], runs: int, slow: float, only: re.Pattern | None):
        self.versions = versions
        self.runs = runs
        self.slow = slow
        self.only = only
        self.rows: list[Row] = []

    def wanted(self, name: str) -> bool:
        return self.only is None or bool(self.only.search(name))

    def measure(self, size: int | None, names: list[str], targets: list[float | None], one,
                *, whats: tuple[str, ...] = ("wall",), runs: int | None = None, warmup: bool = True,
                rss_target: float | None = None, homes: dict[str, Path] | None = None) -> None:
        """Time ``one(version, i) -> Run`` for every version, runs alternating; one Row per ``whats``."""
        if not any(self.wanted(n) for n in names):
            return
        runs = runs or self.runs
        load = loadavg()
        label = names[0] + (f" at {size:,}" if size else "")
        print(f"  {label} (load {load:.1f}) …", file=sys.stderr, flush=True)
        sides = {v.label: Side() for v in self.versions}
        done: set[str] = set()
        if warmup:
            for v in self.versions:
                r = one(v, -1)
                if r.wall > self.slow:  # a slow row: its warm-up is a measurement, and the only one
                    sides[v.label].runs.append(r)
                    done.add(v.label)
        ratios = []
        for i in range(runs):
            order = self.versions if i % 2 == 0 else self.versions[::-1]
            got = {}
            for v in order:
                if v.label in done:
                    continue
                r = one(v, i)
                sides[v.label].runs.append(r)
                got[v.label] = r
                if r.wall > self.slow and len(sides[v.label].runs) >= 1:
                    done.add(v.label)
            if len(got) == 2:
                a, b = (got[v.label] for v in self.versions)
                ratios.append(b.wall / a.wall)
            if len(done) == len(self.versions):
                break
        same = None
        if len(self.versions) == 2:
            outs = []
            for v in self.versions:
                r = sides[v.label].runs[-1]
                outs.append(normalise(r.out, (homes or {}).get(v.label)))
            same = outs[0] == outs[1]
        for name, target, what in zip(names, targets, whats):
            if not self.wanted(name) and not self.wanted(names[0]):
                continue
            row = Row(size, name, target, load, sides, what=what, same=same,
                      rss_target=rss_target if what == "wall" else None)
            if what == "wall":
                row.ratios = ratios
            else:
                pr = [getattr(y, what) / getattr(x, what) for x, y in
                      zip(*(sides[v.label].runs for v in self.versions))
                      if getattr(x, what) and getattr(y, what)] if len(self.versions) == 2 else []
                row.ratios = pr
            self.rows.append(row)
            print("    " + fmt_row(row, [v.label for v in self.versions]), file=sys.stderr, flush=True)

    def derived(self, size, name, target, a: Row, b: Row, note: str) -> None:
        """A row that is one row's figures minus another's (the framework cost)."""
        sides = {}
        for label in a.sides:
            av, bv = a.sides[label].values(a.what), b.sides[label].values(b.what)
            if av and bv:
                d = statistics.median(av) - statistics.median(bv)
                sides[label] = Side([Run(d, 0.0, 0, b"")])
        self.rows.append(Row(size, name, target, a.load, sides, note=note))


# -- the table ------------------------------------------------------------------------------------
def ms(x: float) -> str:
    return f"{x * 1000:.0f}" if x < 10 else f"{x:.1f} s"


def span(vals: list[float]) -> str:
    if not vals:
        return "–"
    med = statistics.median(vals)
    if len(vals) == 1:
        return f"{ms(med)}" + ("" if med >= 10 else " ms")
    unit = "" if med >= 10 else " ms"
    lo, hi = min(vals), max(vals)
    if med >= 10:
        return f"{med:.1f} s ({lo:.1f}–{hi:.1f})"
    return f"{med * 1000:.0f}{unit} ({lo * 1000:.0f}–{hi * 1000:.0f})"


def fmt_target(t: float | None) -> str:
    if t is None:
        return ""
    return f"≤ {t * 1000:.0f} ms" if t < 10 else f"≤ {t:.0f} s"


def peak(side: Side | None) -> float | None:
    if side is None or not side.runs or all(r.rss == 0 for r in side.runs):
        return None
    return max(r.rss for r in side.runs)


def verdict(row: Row, labels: list[str]) -> tuple[str, list[str]]:
    """(met, regressions) of a row."""
    new = row.sides.get(labels[-1])
    nv = new.values(row.what) if new else []
    met = ""
    if row.target is not None and nv:
        met = "yes" if statistics.median(nv) <= row.target else "NO"
    if row.rss_target is not None and peak(new) is not None and peak(new) > row.rss_target:
        met = "NO (memory)" if met != "NO" else "NO (time, memory)"
    regress = []
    if len(labels) == 2 and nv:
        base = row.sides.get(labels[0])
        bv = base.values(row.what) if base else []
        if bv:
            bm, nm = statistics.median(bv), statistics.median(nv)
            # the noise: the tolerance, or half the spread of either side's runs if that is more
            # (a single run each: twice the tolerance); and the two sides' runs must not overlap
            noise = max(TOLERANCE, (max(bv) - min(bv)) / (2 * bm), (max(nv) - min(nv)) / (2 * nm))
            if len(bv) == 1 and len(nv) == 1:
                noise = 2 * TOLERANCE
            if nm > bm * (1 + noise) + 0.005 and min(nv) > max(bv):
                regress.append(f"time {span(bv)} → {span(nv)}")
            pb, pn = peak(base), peak(new)
            if pb and pn and pn > pb * 1.25 + 16:
                regress.append(f"memory {pb:.0f} → {pn:.0f} MiB")
    return met, regress


TOLERANCE = 0.15


def fmt_row(row: Row, labels: list[str]) -> str:
    cells = [f"{row.size:,}" if row.size else "–", row.name, fmt_target(row.target)]
    for label in labels:
        s = row.sides.get(label)
        cells.append(span(s.values(row.what)) if s else "–")
    if len(labels) == 2:
        cells.append(f"{statistics.median(row.ratios):.2f}" if row.ratios else "")
    rss = []
    if row.what == "wall":
        for label in labels:
            p = peak(row.sides.get(label))
            rss.append(f"{p:.0f}" if p is not None else "–")
    cells.append(" → ".join(rss) + (" MiB" if rss and any(x != "–" for x in rss) else "") if rss else "")
    cells.append(f"{row.load:.1f}")
    if len(labels) == 2:
        cells.append("" if row.same is None else ("=" if row.same else "≠"))
    met, regress = verdict(row, labels)
    cells.append(met)
    if len(labels) == 2:
        cells.append("REGRESSED: " + "; ".join(regress) if regress else "")
    cells.append(row.note)
    return "| " + " | ".join(cells) + " |"


def table(rows: list[Row], labels: list[str]) -> str:
    head = ["notes", "command", "target", *labels]
    if len(labels) == 2:
        head.append("new/base")
    head += ["peak RSS", "load"]
    if len(labels) == 2:
        head.append("out")
    head.append("met")
    if len(labels) == 2:
        head.append("check")
    head.append("note")
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += [fmt_row(r, labels) for r in rows]
    return "\n".join(lines)


# -- the rows of one size --------------------------------------------------------------------------
QUERIES = [
    ("search 구글 (exact, ~1 %)", ["구글"]),
    ("search 엔비디아 (exact, ~5 %)", ["엔비디아"]),
    ("search 탄소국경조정제도 (rare)", ["탄소국경조정제도"]),
    ("search 엔비디아 반도체 (two words)", ["엔비디아", "반도체"]),
    ("search 반도체 수출 (two common words)", ["반도체", "수출"]),
    ("search 반도체 수 (a word being typed)", ["반도체", "수"]),
    ("search 금리 인하 (two common words)", ["금리", "인하"]),
    ('search "금리 인하" (phrase)', ['"금리 인하"']),
    ("search 반도체 -엔비디아 (left out)", ["반도체", "-엔비디아"]),
    ("search 엔비디야 (typo)", ["엔비디야"]),
    ("search ㅌㅅㄱㄱ (초성)", ["ㅌㅅㄱㄱ"]),
    ("search ㄱㄱ (초성, nearly every note)", ["ㄱㄱ"]),
    ("search 이 (one letter, every note)", ["이"]),
    ("search ㄱ (one jamo)", ["ㄱ"]),
    ("search rnrmf (English mode)", ["rnrmf"]),
]


def search_target(name: str, n: int) -> float | None:
    if "typo" in name:
        return 0.3 if n == 50_000 else (0.7 if n == 200_000 else None)
    return {50_000: 0.25, 200_000: 0.7}.get(n)


def quick_target(n: int) -> float | None:
    return 0.15 if n >= 50_000 else None


def bench_size(b: Bench, n: int, seeds: list[Path]) -> None:
    where = corpus(n)
    notes = where / "notes"
    needles = json.loads((where / "needles.json").read_text(encoding="utf-8"))["needles"]
    homes = {v.label: home_for(v, n, notes) for v in b.versions}
    envs = {v.label: v.env(homes[v.label]) for v in b.versions}
    mid = n // 2
    print(f"{n:,} notes", file=sys.stderr, flush=True)

    # the stat of every note file, in this process: the floor of a freshness check
    if b.wanted("floor: stat"):
        names = os.listdir(notes)
        walls = []
        for _ in range(max(3, b.runs)):
            t = time.perf_counter()
            for name in names:
                os.stat(os.path.join(notes, name))
            walls.append(time.perf_counter() - t)
        sides = {v.label: Side([Run(w, 0, 0, b"") for w in walls]) for v in b.versions[-1:]}
        b.rows.append(Row(n, "floor: os.stat of every note file (in-process)", None, loadavg(), sides,
                          note="same for both"))

    # the index built from the files (this also warms every version's index for the rows after)
    def build(v, i):
        drop_index(homes[v.label])
        return b_run(v, ["reindex"], envs[v.label])

    if b.wanted("index build"):
        b.measure(n, ["index build (reindex, no index before)"], [{50_000: 15.0, 200_000: 60.0}.get(n)], build,
                  runs=BUILD_RUNS, warmup=False, rss_target=300 if n == 200_000 else None, homes=homes)
    for v in b.versions:  # an index for the rows below (built here untimed when the row is not run)
        b_run(v, ["list", "-n", "1"], envs[v.label])

    def simple(args, ok=(0,), **kw):
        return lambda v, i: b_run(v, args, envs[v.label], ok=ok, **kw)

    b.measure(n, ["list -n 20"], [quick_target(n)], simple(["list", "-n", "20"]), homes=homes)
    b.measure(n, [f"show {mid}"], [quick_target(n)], simple(["show", str(mid)]), homes=homes)
    b.measure(n, [f"check {mid}"], [quick_target(n)], simple(["check", str(mid)], ok=(0, 1)), homes=homes)

    editor = SCRATCH / "editor.sh"
    mark = SCRATCH / "editor.started"

    def edit(v, i):
        mark.unlink(missing_ok=True)
        t0 = time.time()
        r = b_run(v, ["edit", str(mid)], {**envs[v.label], "EDITOR": str(editor)})
        r.first = float(mark.read_text().strip().replace(",", ".")) - t0
        return r

    b.measure(n, [f"edit {mid} (to the editor's start)", f"edit {mid} (whole process)"],
              [quick_target(n), None], edit, whats=("first", "wall"), homes=homes)

    target = note_file(notes, mid)

    def delete(v, i):
        home = homes[v.label]
        try:
            return b_run(v, ["delete", str(mid), "--yes"], envs[v.label])
        finally:
            gone = home / ".trash" / target.name
            if gone.exists():
                os.replace(gone, target)

    b.measure(n, [f"delete {mid} --yes"], [quick_target(n)], delete, homes=homes)

    b.measure(n, ["list (every row), first row", "list (every row), total"],
              [0.2, 2.0 if n == 50_000 else None],
              simple(["list"], first_line=2), whats=("first", "wall"), homes=homes)
    if b.wanted("list (every row) on a terminal"):
        pager = SCRATCH / "pager.sh"
        pmark = SCRATCH / "pager.started"

        def tty(v, i):
            return run_tty(v.cmd("list"), {**envs[v.label], "PAGER": str(pager), "LESS": ""}, pmark)

        b.measure(n, ["list (every row) on a terminal, first row", "list (every row) on a terminal, total"],
                  [0.2, None], tty, whats=("first", "wall"), homes=homes)

    for name, q in QUERIES:
        b.measure(n, [name], [search_target(name, n)], simple(["search", *q], ok=(0, 1)), homes=homes)

    # freshness: a note edited by hand in place before each search is found by it
    original = target.read_bytes()
    stamp = {"i": 0}

    def edited(v, i):
        stamp["i"] += 1
        word = f"벤치편집{stamp['i']}"
        target.write_bytes(original.replace("## 본문 (본문 내용 복사)\n\n".encode(),
                                            f"## 본문 (본문 내용 복사)\n\n{word} ".encode(), 1))
        r = b_run(v, ["search", word, "--json"], envs[v.label])
        found = [h["id"] for h in json.loads(r.out)]
        if found != [mid]:
            raise SystemExit(f"{v.label}: the note edited in place was not found ({found})")
        r.out = b""
        return r

    try:
        b.measure(n, ["search, one note edited in place before it"], [search_target("", n)], edited, homes=homes)
    finally:
        target.write_bytes(original)

    # new: one article into this collection (the note it makes is removed again)
    def new_here(v, i):
        r = b_run(v, ["new", "--no-edit", str(seeds[1])], envs[v.label])
        nid = int(r.out.split()[0])
        note_file(notes, nid).unlink()
        r.out = b""
        return r

    b.measure(n, ["new, one article, into this collection"], [1.8], new_here, runs=NEW_RUNS, homes=homes)

    if VERIFY and b.wanted("search"):  # a fast wrong answer is no answer: every needle, every note
        for v in b.versions:
            for word, info in needles.items():
                out = b_run(v, ["search", word, "--json", "--limit", "1000000"], envs[v.label]).out
                got = {h["id"] for h in json.loads(out) if h["lane"] == "exact"}
                if len(got) != info["count"] or (info.get("ids") and got != set(info["ids"])):
                    raise SystemExit(f"{v.label}: search {word}: {len(got)} notes, the corpus has {info['count']}")


def b_run(v: Version, args: list[str], env: dict, **kw) -> Run:
    return run(v.cmd(*args), env, **kw)


def bench_once(b: Bench, seeds: list[Path]) -> None:
    """The rows that do not depend on the collection's size."""
    print("start-up and new", file=sys.stderr, flush=True)
    empty = SCRATCH / "home-empty"
    shutil.rmtree(empty, ignore_errors=True)
    empty.mkdir(parents=True)

    def py(v, i):
        return run([sys.executable, "-P", "-c", "pass"], v.env(empty))

    b.measure(None, ["python -c pass (the interpreter)"], [None], py)
    b.measure(None, ["--help"], [0.1], lambda v, i: b_run(v, ["--help"], v.env(empty)))
    b.measure(None, ["--version"], [None], lambda v, i: b_run(v, ["--version"], v.env(empty)))
    b.measure(None, ["list --help"], [None], lambda v, i: b_run(v, ["list", "--help"], v.env(empty)))
    b.measure(None, ["search --help"], [None], lambda v, i: b_run(v, ["search", "--help"], v.env(empty)))
    rows = {r.name: r for r in b.rows}
    if "list --help" in rows and "python -c pass (the interpreter)" in rows:
        b.derived(None, "framework cost (list --help − interpreter)", 0.03, rows["list --help"],
                  rows["python -c pass (the interpreter)"], "derived")
    if b.wanted("editor"):
        editor = SCRATCH / "editor.sh"
        b.measure(None, ["floor: the editor script alone"], [None],
                  lambda v, i: run([str(editor), "/dev/null"], v.env(empty)))

    arts_dir = SCRATCH / "articles"
    arts = make_articles(arts_dir, seeds, 100)
    counter = {"i": 0}

    def fresh_home() -> Path:
        counter["i"] += 1
        h = SCRATCH / "home-new" / str(counter["i"])
        shutil.rmtree(h, ignore_errors=True)
        return h

    def new1(v, i):
        return b_run(v, ["new", "--no-edit", str(arts[1])], v.env(fresh_home()))

    def new100(v, i):
        return b_run(v, ["new", "--no-edit", *map(str, arts)], v.env(fresh_home()))

    try:
        b.measure(None, ["new, one article (empty collection)"], [1.8], new1, runs=NEW_RUNS, rss_target=350)
        b.measure(None, ["new, 100 articles (empty collection)"], [20.0], new100, runs=NEW100_RUNS,
                  warmup=False, rss_target=350)
    finally:
        shutil.rmtree(SCRATCH / "home-new", ignore_errors=True)


def make_articles(folder: Path, seeds: list[Path], n: int) -> list[Path]:
    """n articles: the sample articles cycled, each headline numbered so every note differs."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        src = seeds[i % len(seeds)]
        text = src.read_text(encoding="utf-8")
        p = folder / f"{i:03d}_{src.name}"
        p.write_text(text.replace("\n", f" ({i})\n", 1) if not text.startswith("---") else text, encoding="utf-8")
        out.append(p)
    return out


def helpers() -> None:
    """The editor and the pager the rows hand to scrapnote: bash, no exec of anything else."""
    editor = SCRATCH / "editor.sh"
    editor.write_text('#!/bin/bash\nprintf "%s\\n" "$EPOCHREALTIME" > "' + str(SCRATCH / "editor.started") + '"\n')
    editor.chmod(0o755)
    pager = SCRATCH / "pager.sh"
    pager.write_text('#!/bin/bash\nIFS= read -r line\nprintf "%s\\n" "$EPOCHREALTIME" > "'
                     + str(SCRATCH / "pager.started") + '"\ncat > /dev/null\n')
    pager.chmod(0o755)


BUILD_RUNS = 1
NEW_RUNS = 3
NEW100_RUNS = 1
VERIFY = True


def main(argv=None) -> int:
    global BUILD_RUNS, NEW_RUNS, NEW100_RUNS, VERIFY, TOLERANCE
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="collection sizes (default: %(default)s)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs a row and version (default: %(default)s)")
    ap.add_argument("--build-runs", type=int, default=1, help="runs of the index build (default: %(default)s)")
    ap.add_argument("--new-runs", type=int, default=3, help="runs of new, one article (default: %(default)s)")
    ap.add_argument("--new100-runs", type=int, default=1, help="runs of new, 100 articles (default: %(default)s)")
    ap.add_argument("--only", help="only the rows whose name matches this regex (e.g. 'search|list')")
    ap.add_argument("--skip-once", action="store_true", help="leave out --help, framework cost and new")
    ap.add_argument("--base-ref", default=BASE_REF, help="the code before the change (default: %(default)s)")
    ap.add_argument("--base-root", help="a checkout of the code before (instead of --base-ref)")
    ap.add_argument("--new-root", help="a checkout of the new code (default: this worktree; a snapshot keeps a long "
                                       "run's code fixed while the worktree changes)")
    ap.add_argument("--no-base", action="store_true", help="measure only this worktree's code")
    ap.add_argument("--slow", type=float, default=20.0,
                    help="a version whose run takes longer than this many seconds runs that row no more")
    ap.add_argument("--tolerance", type=float, default=TOLERANCE, help="noise allowed before a row regresses")
    ap.add_argument("--no-verify", action="store_true", help="skip the needle-count check of search")
    ap.add_argument("--targets", action="store_true", help="also exit 1 when a target is not met")
    ap.add_argument("--json", help="also write the figures to this file")
    a = ap.parse_args(argv)
    BUILD_RUNS, NEW_RUNS, NEW100_RUNS, VERIFY, TOLERANCE = (a.build_runs, a.new_runs, a.new100_runs,
                                                          not a.no_verify, a.tolerance)
    SCRATCH.mkdir(parents=True, exist_ok=True)
    helpers()
    versions = []
    if not a.no_base:
        versions.append(Version("base", Path(a.base_root).resolve()) if a.base_root else base_version(a.base_ref))
    versions.append(Version("new", Path(a.new_root).resolve() if a.new_root else ROOT))
    for v in versions:
        v.prepare()
    labels = [v.label for v in versions]
    b = Bench(versions, a.runs, a.slow, re.compile(a.only) if a.only else None)
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    start_load = Path("/proc/loadavg").read_text().split()[:3]
    started = time.time()
    if not a.skip_once:
        bench_once(b, seeds)
    for n in (int(x) for x in a.sizes.split(",") if x):
        bench_size(b, n, seeds)
    end_load = Path("/proc/loadavg").read_text().split()[:3]
    print()
    print(f"{os.cpu_count()} cores; load average at the start {' '.join(start_load)}, at the end "
          f"{' '.join(end_load)}; {time.strftime('%Y-%m-%d %H:%M', time.localtime(started))}, "
          f"{(time.time() - started) / 60:.0f} min; {', '.join(f'{v.label} = {v.root}' for v in versions)}")
    print()
    print(table(b.rows, labels))
    if a.json:
        Path(a.json).write_text(json.dumps([
            {"size": r.size, "name": r.name, "target": r.target, "load": r.load, "what": r.what,
             "same": r.same, "ratios": r.ratios,
             "sides": {k: [{"wall": x.wall, "rss": x.rss, "first": x.first} for x in s.runs]
                       for k, s in r.sides.items()}} for r in b.rows], ensure_ascii=False, indent=1))
    bad = [(r, verdict(r, labels)) for r in b.rows]
    regressed = [(r, reg) for r, (_, reg) in bad if reg]
    missed = [r for r, (met, _) in bad if met.startswith("NO")]
    print()
    for r, reg in regressed:
        print(f"REGRESSION: {r.name} at {r.size or '–'}: {'; '.join(reg)}")
    if missed:
        print(f"targets not met: {len(missed)} rows ({', '.join(f'{r.name} at {r.size or chr(8211)}' for r in missed)})")
    if regressed:
        return 1
    if a.targets and missed:
        return 1
    print("no regression beyond the noise" if len(labels) == 2 else "(no base: nothing to compare)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
