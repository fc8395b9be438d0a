#!/usr/bin/env python3
"""Start-up and the command line's own cost per call, paired against the code before (issue 11).

    python bench/startup.py --base /tmp/base/.venv/bin/scrapnote [--runs 21]

Every figure is a whole process, output piped, bytecode compiled for both programs. Rows:

- ``--help``, ``--version``, ``search --help``, and ``show 1`` / ``list -n 20`` in a collection of
  the five sample notes: base and new alternate run by run (the order swapped every pair) and the
  ratio new/base is taken pair by pair; both must print the same bytes first.
- the framework's cost: the same ``show 1`` and ``list -n 20`` paired with a script that calls the
  same application function and the same render call directly, without Typer (``direct``); the
  difference of the medians is what the command line costs a call (the target is ≤ 30 ms).
- the floor: ``python -c pass``.

The load average is printed beside each row (2 cores here; the wall times move with it, the
ratios much less).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = shutil.which("scrapnote", path=str(Path(sys.executable).parent)) or "scrapnote"

DIRECT = {
    "show 1": ("from scrapnote import render\n"
               "from scrapnote.app.notes import load_note\n"
               "render.show(load_note(1), as_json=False, raw=False)\n"),
    "list -n 20": ("from scrapnote import render\n"
                   "from scrapnote.app.listing import list_rows\n"
                   "from scrapnote.filters import Filters\n"
                   "f = Filters.make(None, None, None, None, None, None)\n"
                   "rows = list_rows(f, 20, on_error=render.warn_broken, progress=render.index_progress(),"
                   " on_warning=render.warn)\n"
                   "render.listing(rows, as_json=False, filtered=f != Filters())\n"),
}


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run(cmd: list[str], env: dict) -> tuple[float, bytes]:
    t = time.perf_counter()
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t, p.stdout


def paired(a: list[str], b: list[str], env: dict, runs: int) -> list[tuple[float, float]]:
    out = []
    for i in range(runs):
        if i % 2:
            wb = run(b, env)[0]
            out.append((run(a, env)[0], wb))
        else:
            wa = run(a, env)[0]
            out.append((wa, run(b, env)[0]))
    return out


def fmt(ws: list[float]) -> str:
    ws = sorted(w * 1000 for w in ws)
    return f"{statistics.median(ws):.0f} ms ({ws[0]:.0f}–{ws[-1]:.0f})"


def row(label: str, pairs: list[tuple[float, float]], before: str, extra: str = "") -> tuple[float, float]:
    a, b = [p[0] for p in pairs], [p[1] for p in pairs]
    ratio = statistics.median(y / x for x, y in pairs)
    ma, mb = statistics.median(a), statistics.median(b)
    cost = f" {1000 * (mb - ma):.0f} ms |" if extra else ""
    print(f"| {label} | {fmt(a)} | {fmt(b)} | {ratio:.2f} | {before} → {load()} |{cost}", flush=True)
    return ma, mb


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", required=True, help="the scrapnote program to compare against")
    ap.add_argument("--new", default=EXE)
    ap.add_argument("--runs", type=int, default=21)
    a = ap.parse_args(argv)
    import compileall

    compileall.compile_dir(str(ROOT / "scrapnote"), quiet=1)
    base_py = str(Path(a.base).parent / "python")
    new_py = str(Path(a.new).parent / "python")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, SCRAPNOTE_HOME=tmp, COLUMNS="100")
        env.pop("SCRAPNOTE_DEBUG", None)
        seeds = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
        subprocess.run([a.new, "new", "--no-edit", "--no-drafts", *seeds], env=env, check=True,
                       capture_output=True)
        print("| what | base, median (min–max) | new, median (min–max) | new/base, median of pairs | load |")
        print("| --- | --- | --- | --- | --- |")
        for args in (["--help"], ["--version"], ["search", "--help"], ["show", "1"], ["list", "-n", "20"]):
            cb, cn = [a.base, *args], [a.new, *args]
            if run(cb, env)[1] != run(cn, env)[1]:
                raise SystemExit(f"base and new print different output for {' '.join(args)}")
            row(f"`scrapnote {' '.join(args)}`", paired(cb, cn, env, a.runs), load())
        print()
        print("| what | direct call, median (min–max) | the command, median (min–max) | command/direct | load | framework cost (difference of medians) |")
        print("| --- | --- | --- | --- | --- | --- |")
        for prog, py, name in ((a.base, base_py, "base"), (a.new, new_py, "new")):
            for args, code in DIRECT.items():
                direct, cmd = [py, "-c", code], [prog, *args.split()]
                if run(direct, env)[1] != run(cmd, env)[1]:
                    raise SystemExit(f"the direct call prints other output than {args}")
                row(f"{name}: `{args}`", paired(direct, cmd, env, a.runs), load(), extra="cost")
        floor = [run([new_py, "-c", "pass"], env)[0] for _ in range(a.runs)]
        print(f"\nfloor: `python -c pass` {fmt(floor)}; load {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
