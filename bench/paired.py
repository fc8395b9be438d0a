"""Two builds of `scrapnote search` timed in pairs, for a before/after on a loaded machine.

    python bench/paired.py --base /tmp/base/.venv/bin/scrapnote --sizes 10000,50000 --runs 11

Each query of bench/search.py runs under both programs in turn (the order swapped every pair),
so the machine's load drifts for both alike, and the ratio new/base is taken pair by pair (its
median is the figure to compare; the wall times alone move by ±25 % within the hour here). The
base program keeps its index in the corpus's home; the new one gets a second home whose notes
are hard links to the same files (two schema versions cannot share one index file). Before
timing, both must give the same hits (ids, lanes, fields, scores, snippets) for every query, unless
``--changed-hits`` (a change meant to rank or show differently): then the differences are listed.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search import EXE, QUERIES, ROOT, corpus  # noqa: E402 - bench/search.py: the queries and corpora


def run(exe: str, home: Path, args: list[str]) -> tuple[float, bytes]:
    env = dict(os.environ, SCRAPNOTE_HOME=str(home), COLUMNS="120")
    env.pop("SCRAPNOTE_DEBUG", None)
    t = time.perf_counter()
    p = subprocess.run([exe, "search", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        raise SystemExit(f"{exe} search {' '.join(args)} exited {p.returncode}")
    return wall, p.stdout


def hits(exe: str, home: Path, q: list[str]) -> list[tuple]:
    out = run(exe, home, [*q, "--json", "--limit", "1000000"])[1]
    return [(h["id"], h["lane"], h["field"], h["score"], h["snippet"]) for h in json.loads(out)]


def pair(base: str, new: str, homes: tuple[Path, Path], q: list[str], i: int) -> tuple[float, float]:
    if i % 2:
        wn = run(new, homes[1], q)[0]
        return run(base, homes[0], q)[0], wn
    wb = run(base, homes[0], q)[0]
    return wb, run(new, homes[1], q)[0]


def row(n: int, label: str, pairs: list[tuple[float, float]]) -> str:
    b = sorted(p[0] * 1000 for p in pairs)
    w = sorted(p[1] * 1000 for p in pairs)
    r = statistics.median(p[1] / p[0] for p in pairs)
    return (f"| {n:,} | {label} | {statistics.median(b):.0f} ms ({b[0]:.0f}–{b[-1]:.0f}) | "
            f"{statistics.median(w):.0f} ms ({w[0]:.0f}–{w[-1]:.0f}) | {r:.2f} |")


def bench_size(n: int, out: Path, runs: int, base: str, new: str, changed_ok: bool = False) -> list[str]:
    home = corpus(n, out)
    twin = out / f"c{n}-twin"
    if not (twin / "notes").exists():
        twin.mkdir(exist_ok=True)
        subprocess.run(["cp", "-al", str(home / "notes"), str(twin / "notes")], check=True)
    homes = (home, twin)
    for _label, q in QUERIES:  # both indexes brought up to date, and the same answers
        hb, hn = hits(base, home, q), hits(new, twin, q)
        if hb != hn:
            if not changed_ok:
                raise SystemExit(f"the two programs disagree on {' '.join(q)} (--changed-hits to time them anyway)")
            same = [h[0] for h in hb] == [h[0] for h in hn]
            print(f"  {' '.join(q)}: hits differ ({'same notes in the same order' if same else 'other notes or order'}:"
                  f" {len(hb)} → {len(hn)} hits)", flush=True)
    rows = []
    for label, q in QUERIES:
        rows.append(row(n, label, [pair(base, new, homes, q, i) for i in range(runs)]))
        print(rows[-1], flush=True)
    # a hand edit before each search: the same file under both homes (hard links), each index re-reads it
    target = sorted((home / "notes").iterdir())[n // 2]
    original = target.read_bytes()
    pairs = []
    try:
        for i in range(runs):
            target.write_bytes(original.replace("## 본문 (본문 내용 복사)\n\n".encode(),
                                                f"## 본문 (본문 내용 복사)\n\n벤치편집{i} ".encode(), 1))
            pairs.append(pair(base, new, homes, ["구글"], i))
    finally:
        target.write_bytes(original)
        run(base, home, ["구글"])
        run(new, twin, ["구글"])
    rows.append(row(n, "one note edited before each search", pairs))
    print(rows[-1], flush=True)
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", required=True, help="the scrapnote program to compare against")
    ap.add_argument("--new", default=str(EXE) if EXE.exists() else shutil.which("scrapnote"))
    ap.add_argument("--sizes", default="10000,50000")
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--out", default=str(ROOT / "bench" / "scrapbench"))
    ap.add_argument("--changed-hits", action="store_true",
                    help="time the programs even when their hits differ (a change of ranking or snippets), saying where")
    a = ap.parse_args(argv)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    print(f"load average before: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    print("| notes | what | base, median (min–max) | new, median (min–max) | new/base, median of pairs |")
    print("| --- | --- | --- | --- | --- |")
    for n in (int(x) for x in a.sizes.split(",")):
        bench_size(n, out, a.runs, a.base, a.new, a.changed_hits)
    print(f"load average after: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
