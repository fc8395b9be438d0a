#!/usr/bin/env python3
"""Issue 11's quick commands, paired: ``list -n 20``, ``show ID``, ``check ID``, ``edit ID`` (to the
editor's start), ``delete ID --yes`` — base and new on the *same* home and index, runs alternating.

    python bench/quick.py --home H50 --home H200 --base-ref 174b733 --runs 7
    python bench/quick.py --home H200 --only 'show|check' --no-base

A home is a folder whose ``notes`` holds the collection (bench/flat.py's homes symlink it to a
corpus; for ``delete`` the notes folder must be writable: a ``cp -al`` of the corpus is one
without copying a byte) and whose index was built once (``scrapnote reindex``). Both versions
share it: the index schema did not change, so neither rebuilds it, and the comparison is on the
same files and the same index pages.

Each figure is one whole process (bench/flat.py's way: this venv's Python, ``-P -c`` the console
entry point, the version's folder on PYTHONPATH, bytecode compiled first), output piped. Printed
per row: wall median (min–max) in ms, the CPU time (user + system, from ``wait4``) median, the peak
RSS, and the 1-minute load average at the row's start and end; the ratio new/base is the median of
the pairs' ratios.

Rows that change the collection put it back: ``delete`` moves the file back from the trash after
each run. Two delete rows: ``delete (folder changed)`` runs right after the file came back (the
folder's mtime moved: nothing can vouch for its names, they are listed) and ``delete (folder as
indexed)`` first waits out the racy window and brings the index up to date with ``list -n 1``
(untimed), the case of a collection nothing changed in since the last command.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import flat  # noqa: E402  (the two versions, as flat.py runs them)

SCRATCH = flat.SCRATCH


def load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def run4(cmd: list[str], env: dict, ok=(0,)) -> tuple[float, float, float, bytes]:
    """(wall s, cpu s, peak MiB, stdout) of one whole process, timed with wait4."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         stdin=subprocess.DEVNULL, cwd=SCRATCH)
    assert p.stdout is not None
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = rc = os.waitstatus_to_exitcode(status)
    if rc not in ok:
        raise SystemExit(f"{' '.join(cmd[-4:])} exited {rc}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


def fmt(xs: list[float]) -> str:
    return f"{statistics.median(xs) * 1000:.0f} ({min(xs) * 1000:.0f}–{max(xs) * 1000:.0f})"


def bench_home(home: Path, versions: list, runs: int, only, editor: Path, mark: Path) -> None:
    notes = home / "notes"
    n = sum(1 for _ in os.scandir(notes))
    mid = n // 2
    target = flat.note_file(notes, mid)
    envs = {v.label: v.env(home) for v in versions}
    for v in versions:  # the index up to date (untimed)
        run4(v.cmd("list", "-n", "1"), envs[v.label])

    def put_back() -> None:
        gone = home / ".trash" / target.name
        if gone.exists():
            os.replace(gone, target)

    def settle(v) -> None:  # the folder as the index knows it: past the racy window, index fresh
        time.sleep(2.2)
        run4(v.cmd("list", "-n", "1"), envs[v.label])

    rows = [
        ("list -n 20", lambda v: run4(v.cmd("list", "-n", "20"), envs[v.label]), None),
        (f"show {mid}", lambda v: run4(v.cmd("show", str(mid)), envs[v.label]), None),
        (f"check {mid}", lambda v: run4(v.cmd("check", str(mid)), envs[v.label], ok=(0, 1)), None),
        (f"edit {mid} (to the editor's start)", "edit", None),
        (f"delete {mid} --yes (folder as indexed)",
         lambda v: run4(v.cmd("delete", str(mid), "--yes"), envs[v.label]), settle),
        (f"delete {mid} --yes (folder changed)",
         lambda v: run4(v.cmd("delete", str(mid), "--yes"), envs[v.label]), None),
    ]
    for name, fn, before in rows:
        if only and not only.search(name):
            continue
        got: dict[str, list] = {v.label: [] for v in versions}
        outs: dict[str, bytes] = {}
        l0 = load()
        order = []
        for i in range(runs + 1):  # the first round warms up, not counted
            seq = versions if i % 2 == 0 else versions[::-1]
            for v in seq:
                if before is not None:
                    before(v)
                if fn == "edit":
                    mark.unlink(missing_ok=True)
                    t0 = time.time()
                    r = run4(v.cmd("edit", str(mid)), {**envs[v.label], "EDITOR": str(editor)})
                    first = float(mark.read_text().strip().replace(",", ".")) - t0
                    r = (first, r[1], r[2], r[3])
                else:
                    try:
                        r = fn(v)
                    finally:
                        put_back()
                if i:
                    got[v.label].append(r)
                    order.append(v.label)
                outs[v.label] = re.sub(rb"/\S*/(base-[0-9a-f]+|wt-[a-z]+)/", b"ROOT/", r[3])
        cells = []
        for v in versions:
            rs = got[v.label]
            cells.append(f"{fmt([r[0] for r in rs])} | {statistics.median(r[1] for r in rs) * 1000:.0f} | "
                         f"{max(r[2] for r in rs):.0f}")
        ratio = ""
        if len(versions) == 2:
            b, nw = got[versions[0].label], got[versions[1].label]
            ratio = f" {statistics.median(y[0] / x[0] for x, y in zip(b, nw)):.2f} |"
        same = "=" if len(set(outs.values())) == 1 else "≠"
        print(f"| {n:,} | {name} | " + " | ".join(cells) + f" |{ratio} {l0}–{load()} | {same} |", flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--home", action="append", required=True, help="a home with its index built (repeatable)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--base-ref", default="main")
    ap.add_argument("--base-root", help="a checkout of the code before (instead of --base-ref)")
    ap.add_argument("--no-base", action="store_true")
    ap.add_argument("--only", help="rows whose name matches this regex")
    a = ap.parse_args(argv)
    flat.helpers()
    versions = []
    if not a.no_base:
        versions.append(flat.Version("base", Path(a.base_root).resolve()) if a.base_root
                        else flat.base_version(a.base_ref))
    versions.append(flat.Version("new", flat.ROOT))
    for v in versions:
        v.prepare()
    editor, mark = SCRATCH / "editor.sh", SCRATCH / "editor.started"
    only = re.compile(a.only) if a.only else None
    print(f"load average at the start: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    header = "| notes | command | " + " | ".join(
        f"{v.label.split()[0]} wall ms | {v.label.split()[0]} CPU ms | {v.label.split()[0]} RSS MiB"
        for v in versions) + (" | new/base |" if len(versions) == 2 else " |") + " load | out |"
    print(header)
    for h in a.home:
        bench_home(Path(h).resolve(), versions, a.runs, only, editor, mark)
    print(f"load average at the end: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
