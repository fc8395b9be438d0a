#!/usr/bin/env python3
"""Benchmark `scrapnote new`: one article end to end (model load included) and 100 in one batch.

Targets on a 2-core machine (issue 11): one article ≤ 1.8 s, 100 articles ≤ 20 s, peak RSS ≤
350 MiB (issue "Study aids" had 2.5 s, 30 s, 600 MB). Each figure is a whole `scrapnote` process,
timed from outside; the median of the runs is printed with min and max. Peak RSS is the child's
ru_maxrss (the largest of the runs). With ``--base PROGRAM`` the runs alternate between that
program and this one (the order swapped every pair) and the ratio new/base is taken pair by pair.
The load average is printed before and after.

    python bench/new.py [--runs 3] [--base /tmp/base/.venv/bin/scrapnote]
"""
from __future__ import annotations

import argparse
import os
import re
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


_LINK_FIELD = re.compile(r'^((?:url:\s*"?|기사링크\t)https?://[^\s"]+)', re.M)


def make_articles(folder: Path, n: int) -> list[Path]:
    """n articles: the sample articles cycled, each copy with a numbered headline (where the
    extraction finds the headline, the number after its first occurrence) and, when it has a link
    field, its own link (a ``?copy=N`` parameter), so every note differs — and `new` does not refuse
    a copy as an article already scrapped (issue 13)."""
    from scrapnote.extract import load_articles

    titles = {src: load_articles(str(src), max_bytes=10 * 2**20)[0].title for src in SEEDS}
    out = []
    for i in range(n):
        src = SEEDS[i % len(SEEDS)]
        text = src.read_text(encoding="utf-8")
        title = titles[src]
        text = text.replace(title, f"{title} ({i})", 1) if title and title in text else f"({i}) " + text
        text = _LINK_FIELD.sub(lambda m, i=i: f"{m.group(1)}?copy={i}", text, count=1)
        p = folder / f"{i:03d}_{src.name}"
        p.write_text(text, encoding="utf-8")
        out.append(p)
    return out


def run_once(args: list[str], home: Path, exe: str = EXE) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one `new` process (wait4: this child's own, not the
    largest of every child so far)."""
    env = {**os.environ, "SCRAPNOTE_HOME": str(home)}
    t0 = time.perf_counter()
    proc = subprocess.Popen([exe, "new", "--no-edit", *args], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"scrapnote new failed: {err.decode()[-500:]}")
    return wall, usage.ru_maxrss / 1024  # ru_maxrss is KiB on Linux


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def paired(name: str, base: str, args: list[str], homes: Path, runs: int) -> None:
    pairs = []
    for i in range(runs):
        order = ((base, "b"), (EXE, "n")) if i % 2 == 0 else ((EXE, "n"), (base, "b"))
        got = {tag: run_once(args, homes / f"{name}-{tag}{i}", exe) for exe, tag in order}  # a fresh home per run
        pairs.append((got["b"], got["n"]))
    b = [p[0][0] for p in pairs]
    n = [p[1][0] for p in pairs]
    r = statistics.median(y[0] / x[0] for x, y in pairs)
    print(f"| {name} | {statistics.median(b):.2f} s ({min(b):.2f}–{max(b):.2f}) | "
          f"{statistics.median(n):.2f} s ({min(n):.2f}–{max(n):.2f}) | {r:.2f} | "
          f"{max(p[0][1] for p in pairs):.0f} → {max(p[1][1] for p in pairs):.0f} MiB | {load()} |", flush=True)


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
    ap.add_argument("--base", help="a scrapnote program to pair these runs with")
    a = ap.parse_args()
    import compileall

    # as an installed program runs: with the package's bytecode cached (a session that sets
    # PYTHONDONTWRITEBYTECODE would otherwise recompile it on every run)
    compileall.compile_dir(str(ROOT / "scrapnote"), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        arts = make_articles(tmp / "articles", 100) if (tmp / "articles").mkdir() is None else []
        print(f"load average before: {load()}")
        if a.base:
            print("| what | base, median (min–max) | new, median (min–max) | new/base, median of pairs | peak RSS | load after |")
            print("| --- | --- | --- | --- | --- | --- |")
            paired("new: 1 article", a.base, [str(arts[1])], tmp, a.runs)
            paired("new: 100 articles, 1 batch", a.base, [str(p) for p in arts], tmp, a.runs)
            return
        one = []
        for i in range(a.runs):
            one.append(run_once([str(arts[1])], tmp / f"h1-{i}"))
        report("new: 1 article", one, 1.8)
        batch = []
        for i in range(a.runs):
            batch.append(run_once([str(p) for p in arts], tmp / f"h100-{i}"))
        report("new: 100 articles, 1 batch", batch, 20)
        print(f"peak RSS target ≤ 350 MiB (the largest of all runs above); load average after: {load()}")


if __name__ == "__main__":
    main()
