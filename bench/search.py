"""Benchmark `scrapnote search` as whole processes (Python start-up included) on 1k/10k/50k notes.

    python bench/search.py                      # all sizes, 7 warm runs each
    python bench/search.py --sizes 10000 --runs 11

Collections are made with ../shared/bench/gen_corpus.py (our note file format, needle words
구글 ~1%, 엔비디아 ~5%, 탄소국경조정제도 in exactly 3 notes) under bench/scrapbench/ (gitignored;
never commit them). For each size it measures:

- cold: the first search, index built from the files (index deleted first);
- warm: each query again and again (median, min, max wall time; peak RSS of the process);
- edit: one note changed in place before each search (what a hand edit costs the next search);
- the hit counts against the corpus's own needle counts (a fast wrong answer is no answer);
- `rg -l` over the same files as the floor (ripgrep; the script says so when it is missing).

Targets (issue 5, 2-core machine, warm, whole process): 10k and 50k ≤ 250 ms, typo query at 10k
≤ 300 ms, first search at 10k incl. index build ≤ 6 s, one edited note adds ≤ 50 ms, peak RSS at
50k ≤ 400 MB, `scrapnote --help` ≤ 200 ms.
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

ROOT = Path(__file__).resolve().parent.parent
GEN = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
EXE = Path(sys.executable).parent / "scrapnote"

QUERIES = [
    ("exact, common (구글)", ["구글"]),
    ("exact, rare (탄소국경조정제도)", ["탄소국경조정제도"]),
    ("two words (엔비디아 반도체)", ["엔비디아", "반도체"]),
    ("typo (엔비디야)", ["엔비디야"]),
    ("초성 (ㅌㅅㄱㄱ)", ["ㅌㅅㄱㄱ"]),
    ("English mode (rnrmf)", ["rnrmf"]),
]


def run(cmd, env) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MiB, stdout) of one whole process."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in (0,):
        raise SystemExit(f"{cmd} exited {p.returncode}")
    rss = usage.ru_maxrss / 1024  # KiB on Linux
    return wall, rss, out.decode("utf-8", "replace")


def stats(walls: list[float]) -> str:
    ms = sorted(w * 1000 for w in walls)
    return f"{statistics.median(ms):.0f} ms ({ms[0]:.0f}–{ms[-1]:.0f})"


def corpus(n: int, out: Path) -> Path:
    home = out / f"c{n}"
    if not (home / "needles.json").exists():
        if not GEN.exists():
            raise SystemExit(f"no corpus generator at {GEN}")
        print(f"generating {n} notes in {home} …", file=sys.stderr)
        subprocess.run([sys.executable, str(GEN), "--n", str(n), "--out", str(home)], check=True,
                       stdout=subprocess.DEVNULL)
    return home


def drop_index(home: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        p = home / ".scrapnote" / f"index.sqlite{suffix}"
        if p.exists():
            p.unlink()


def bench_size(n: int, out: Path, runs: int, exe: str) -> list[str]:
    home = corpus(n, out)
    needles = json.loads((home / "needles.json").read_text(encoding="utf-8"))["needles"]
    env = dict(os.environ, SCRAPNOTE_HOME=str(home), COLUMNS="120")
    env.pop("SCRAPNOTE_DEBUG", None)
    rows = []

    drop_index(home)
    wall, rss, _ = run([exe, "search", "구글"], env)
    rows.append(f"| {n:,} | first search, index built | {wall * 1000:.0f} ms | {rss:.0f} MiB |")

    for label, q in QUERIES:
        run([exe, "search", *q], env)  # warm-up
        walls, peak = [], 0.0
        for _ in range(runs):
            w, r, _ = run([exe, "search", *q], env)
            walls.append(w)
            peak = max(peak, r)
        rows.append(f"| {n:,} | {label} | {stats(walls)} | {peak:.0f} MiB |")

    # a hand edit before each search: one note's text changed in place (and put back at the end)
    target = sorted((home / "notes").iterdir())[n // 2]
    original = target.read_bytes()
    try:
        walls = []
        for i in range(runs):
            # into the body (text after the last heading is the 연관기사 section, not searched by default)
            target.write_bytes(original.replace("## 본문 (본문 내용 복사)\n\n".encode(),
                                                f"## 본문 (본문 내용 복사)\n\n벤치편집{i} ".encode(), 1))
            walls.append(run([exe, "search", "구글"], env)[0])
        w, _, found = run([exe, "search", f"벤치편집{runs - 1}", "--json"], env)
        assert len(json.loads(found)) == 1, "the edited note was not found"
        rows.append(f"| {n:,} | one note edited before each search | {stats(walls)} | |")
    finally:
        target.write_bytes(original)
        run([exe, "search", "구글"], env)

    # correctness: every needle, every note holding it
    for word, info in needles.items():
        _, _, text = run([exe, "search", word, "--json", "--limit", "1000000"], env)
        got = {h["id"] for h in json.loads(text) if h["lane"] == "exact"}
        assert len(got) == info["count"], f"{word}: {len(got)} hits, the corpus has {info['count']}"
        if info.get("ids"):
            assert got == set(info["ids"]), (word, got, info["ids"])

    rg = shutil.which("rg")
    if rg:
        walls = [run([rg, "-l", "구글", str(home / "notes")], env)[0] for _ in range(runs + 1)][1:]
        rows.append(f"| {n:,} | floor: `rg -l 구글` over the files | {stats(walls)} | |")
    else:
        rows.append(f"| {n:,} | floor: `rg -l` | ripgrep is not installed (apt-get install ripgrep) | |")
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,50000")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--out", default=str(ROOT / "bench" / "scrapbench"))
    ap.add_argument("--exe", default=str(EXE) if EXE.exists() else shutil.which("scrapnote"))
    a = ap.parse_args(argv)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    # Time what an install runs: pip compiles the package's bytecode when installing. Without
    # it (an editable install under PYTHONDONTWRITEBYTECODE=1) every run compiles ~10 modules
    # again, ~40 ms of each search.
    import compileall

    compileall.compile_dir(str(ROOT / "scrapnote"), quiet=1)
    env = dict(os.environ)
    helps = [run([a.exe, "--help"], env)[0] for _ in range(a.runs + 1)][1:]
    print("| notes | what | wall, median (min–max) | peak RSS |")
    print("| --- | --- | --- | --- |")
    print(f"| – | `scrapnote --help` | {stats(helps)} | |")
    for n in (int(x) for x in a.sizes.split(",")):
        for row in bench_size(n, out, a.runs, a.exe):
            print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
