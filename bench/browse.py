#!/usr/bin/env python3
"""`scrapnote browse` at typing speed (issue 17): Textual's Pilot drives the app in-process on a
generated collection and times each keystroke from the key to the updated list (the search on the
open index, the list and the preview drawn); the start-up to the first screen is timed twice — in
process (the app built, the index opened and the first list and preview drawn) and as a whole
process in a real terminal (tmux: from launch until the first note's title is on the screen).

    python bench/browse.py [--sizes 10000,50000] [--runs 3]

The collections are bench/flat.py's (../shared/bench/gen_corpus.py, cached in bench/scrapbench/);
each size gets a home whose notes/ links to the corpus, and its index is built first. Prints one
table (median, p90, max per query, load average); the figures go to bench/RESULTS.md.
Targets: keystroke ≤ 50 ms at 10k and ≤ 120 ms at 50k; start-up ≤ 600 ms at 10k.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
QUERIES = ["구글", "엔비디아", "ㅅㅅㅈㅈ", "반도체 수출", "rnrmf", "금리 인하", "반도체 숯"]


def home_for(n: int) -> Path:
    import flat

    corpus = flat.corpus(n)
    home = flat.SCRATCH / f"browse-home-{n}"
    home.mkdir(parents=True, exist_ok=True)
    link = home / "notes"
    if not link.exists():
        link.symlink_to(corpus / "notes", target_is_directory=True)
    exe = shutil.which("scrapnote", path=str(Path(sys.executable).parent)) or "scrapnote"
    subprocess.run([exe, "list", "-n", "1"], env={**os.environ, "SCRAPNOTE_HOME": str(home)},
                   stdout=subprocess.DEVNULL, check=True)  # the index, built (or brought up to date)
    return home


async def drive(home: Path, runs: int) -> dict:
    os.environ["SCRAPNOTE_HOME"] = str(home)
    from scrapnote import config

    config.set_home(None)
    from scrapnote.browseview import Browse

    out: dict = {"startup": [], "keys": {q: [] for q in QUERIES}, "list": {q: [] for q in QUERIES}}
    for _ in range(runs):
        t = time.perf_counter()
        app = Browse("")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            out["startup"].append((time.perf_counter() - t) * 1000)
            for q in QUERIES:
                app.query_one("#query").value = ""
                await pilot.pause()
                for ch in q:
                    t = time.perf_counter()
                    before = app.searches
                    await pilot.press("space" if ch == " " else ch)
                    await pilot.pause()
                    out["keys"][q].append((time.perf_counter() - t) * 1000)
                    if app.searches > before:  # the search and the list drawn, inside the key's handler
                        out["list"][q].append(app.last_search_ms)
                assert app.shown_query == q, (app.shown_query, q)
    return out


def tmux_startup(home: Path, runs: int) -> list[float]:
    if not shutil.which("tmux"):
        return []
    exe = str(Path(sys.executable).parent / "scrapnote")
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(SCRAPNOTE_HOME=str(home), TERM="xterm-256color", LANG="C.UTF-8")
    times = []
    for i in range(runs):
        sock = f"bench-browse-{os.getpid()}-{i}"
        t = time.perf_counter()
        subprocess.run(["tmux", "-u", "-L", sock, "new-session", "-d", "-s", "b", "-x", "100", "-y", "30",
                        f"{exe} browse"], env=env, check=True)
        try:
            while time.perf_counter() - t < 30:
                screen = subprocess.run(["tmux", "-u", "-L", sock, "capture-pane", "-p", "-t", "b"], env=env,
                                        capture_output=True, text=True).stdout
                if "건" in screen and "╭─ #" in screen:  # the status line and the first note's preview
                    times.append((time.perf_counter() - t) * 1000)
                    break
                time.sleep(0.01)
        finally:
            subprocess.run(["tmux", "-L", sock, "kill-server"], env=env, capture_output=True)
    return times


def p90(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.9 * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,50000")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    for n in (int(x) for x in a.sizes.split(",")):
        home = home_for(n)
        res = asyncio.run(drive(home, a.runs))
        whole = tmux_startup(home, a.runs)
        print(f"\n{n:,} notes (load {os.getloadavg()[0]:.2f})")
        print(f"  start-up in process: median {statistics.median(res['startup']):.0f} ms "
              f"(min {min(res['startup']):.0f}, max {max(res['startup']):.0f})")
        if whole:
            print(f"  start-up, whole process in tmux to the first screen: median {statistics.median(whole):.0f} ms "
                  f"(min {min(whole):.0f}, max {max(whole):.0f})")
        every, lists = [], []
        for q, xs in res["keys"].items():
            every += xs
            ls = res["list"][q]
            lists += ls
            print(f"  {q!r:>12}: key→list {statistics.median(ls):5.1f} ms (p90 {p90(ls):5.1f}, max {max(ls):5.1f})"
                  f"   key→idle, preview drawn {statistics.median(xs):5.1f} ms (p90 {p90(xs):5.1f}, max {max(xs):5.1f})")
        print(f"  every query: key→list median {statistics.median(lists):.1f} ms, p90 {p90(lists):.1f}, max "
              f"{max(lists):.1f}; key→idle median {statistics.median(every):.1f} ms, p90 {p90(every):.1f} ({len(every)} keys)")


if __name__ == "__main__":
    main()
