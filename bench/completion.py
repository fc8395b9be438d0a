#!/usr/bin/env python3
"""How long a Tab takes: shell completion of note ids, tags and companies at 1k and 10k notes.

Each answer is the installed `scrapnote` asked as zsh asks it (_SCRAPNOTE_COMPLETE=complete_zsh),
with the index already up to date (the usual case: the last command brought it up to date).
Prints the median and min-max of 15 runs per case and the load average.

    .venv/bin/python bench/completion.py [--sizes 1000 10000] [--runs 15]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEN = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
SCRATCH = ROOT / "bench" / "scrapbench"
EXE = str(Path(sys.executable).parent / "scrapnote")
CASES = [("show <Tab> (ids + titles)", "scrapnote show "), ("list --tag <Tab>", "scrapnote list --tag "),
         ("search x --company 삼<Tab>", "scrapnote search x --company 삼"), ("new --template <Tab>", "scrapnote new --template ")]


def collection(n: int) -> Path:
    home = SCRATCH / f"completion{n}"
    if not (home / "notes").is_dir():
        subprocess.run([sys.executable, str(GEN), "--n", str(n), "--out", str(home)], check=True,
                       stdout=subprocess.DEVNULL)
    env = {**os.environ, "SCRAPNOTE_HOME": str(home)}
    subprocess.run([EXE, "list", "-n", "1"], env=env, check=True, stdout=subprocess.DEVNULL)  # the index
    return home


def once(home: Path, line: str) -> tuple[float, int]:
    env = {**os.environ, "SCRAPNOTE_HOME": str(home), "_SCRAPNOTE_COMPLETE": "complete_zsh",
           "_TYPER_COMPLETE_ARGS": line}
    t = time.perf_counter()
    out = subprocess.run([EXE], env=env, capture_output=True, check=True).stdout
    return time.perf_counter() - t, len([x for x in out.splitlines() if x.strip()])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=15)
    a = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} at start")
    print(f"{'notes':>6}  {'case':<30} {'median':>8} {'min-max':>15}  answers")
    for n in a.sizes:
        home = collection(n)
        for name, line in CASES:
            once(home, line)  # warm the page cache
            times, count = [], 0
            for _ in range(a.runs):
                dt, count = once(home, line)
                times.append(dt * 1000)
            print(f"{n:>6}  {name:<30} {statistics.median(times):>6.0f} ms {min(times):>6.0f}-{max(times):.0f} ms  {count}")
    print(f"load average {os.getloadavg()[0]:.2f} at end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
