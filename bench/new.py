#!/usr/bin/env python3
"""Benchmark `scrapnote new`: one article end to end (model load included) and 100 in one batch.

Targets on a 2-core machine (issue "Study aids"): one article ≤ 2.5 s, 100 articles ≤ 30 s,
peak RSS ≤ 600 MB. Each figure is a whole `scrapnote` process, timed from outside; the median of
the runs is printed with min and max. Peak RSS is the child's ru_maxrss.

    python bench/new.py [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
EXE = shutil.which("scrapnote", path=str(Path(sys.executable).parent)) or "scrapnote"


def make_articles(folder: Path, n: int) -> list[Path]:
    """n articles: the sample articles cycled, each with a numbered headline so every note differs."""
    out = []
    for i in range(n):
        src = SEEDS[i % len(SEEDS)]
        text = src.read_text(encoding="utf-8")
        p = folder / f"{i:03d}_{src.name}"
        p.write_text(text.replace("\n", f" ({i})\n", 1) if not text.startswith("---") else text, encoding="utf-8")
        out.append(p)
    return out


def run_once(args: list[str], home: Path) -> tuple[float, float]:
    env = {**os.environ, "SCRAPNOTE_HOME": str(home)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    r = subprocess.run([EXE, "new", "--no-edit", *args], env=env, capture_output=True)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit(f"scrapnote new failed: {r.stderr.decode()[-500:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024  # ru_maxrss is KiB on Linux


def report(name: str, samples: list[tuple[float, float]], target_s: float) -> str:
    walls = [w for w, _ in samples]
    peak = max(m for _, m in samples)
    med = statistics.median(walls)
    line = (f"{name:<28} wall median {med:6.2f} s (min {min(walls):.2f}, max {max(walls):.2f}; n={len(walls)})"
            f"  peak RSS ≤ {peak:5.0f} MiB  target ≤ {target_s:g} s: {'met' if med <= target_s else 'NOT met'}")
    print(line, flush=True)
    return line


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    import compileall

    # as an installed program runs: with the package's bytecode cached (a session that sets
    # PYTHONDONTWRITEBYTECODE would otherwise recompile it on every run)
    compileall.compile_dir(str(ROOT / "scrapnote"), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        arts = make_articles(tmp / "articles", 100) if (tmp / "articles").mkdir() is None else []
        one = []
        for i in range(a.runs):
            one.append(run_once([str(arts[1])], tmp / f"h1-{i}"))
        report("new: 1 article", one, 2.5)
        batch = []
        for i in range(a.runs):
            batch.append(run_once([str(p) for p in arts], tmp / f"h100-{i}"))
        report("new: 100 articles, 1 batch", batch, 30)
        print("peak RSS target ≤ 600 MiB (the largest of all runs above)")


if __name__ == "__main__":
    main()
