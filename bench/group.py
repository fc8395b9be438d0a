#!/usr/bin/env python3
"""A study group at scale (issue 16): 30 members × 1,300 notes (39,000), the group's repository a
bare repository on disk.

    python bench/group.py                 # build once (cached), then 5 runs of every row
    python bench/group.py --runs 3 --no-own
    python bench/group.py --skip-sync --base 887cd7f   # the search and week paired with the code before

What it builds (cached under bench/scrapbench/group-30x1300/, gitignored; --rebuild starts again):
``remote.git``, the group's bare repository; ``writer/``, a clone the other 29 members' weekly
syncs are made in (each member's commit touches their own folder only, as ``group sync`` makes
it); ``me/``, the measured member's home (회원01): their own collection (a copy of their 1,300
notes) and the group added and synced (the group index built over every member's notes). The
notes are ../shared/bench/gen_corpus.py's corpus50000 (bench/scrapbench/corpus50000, else
/work/corpus/corpus50000), copied, never modified: member k gets notes k·1300+1 … (k+1)·1300, and the
notes after 39,000 are the pool the weekly new notes are made from (id, file name and scrap time
rewritten in the copy). With --own (default), ``own50k/`` is a home whose ``notes`` is a symlink to
that corpus: the user's own collection at the 50k class, to compare the group's search with.

Rows, each a whole process (Python start-up included, output piped), median (min–max), peak RSS
(the child's ru_maxrss through os.wait4), the 1-minute load average beside each row:

- ``group sync`` of a week's changes: before each run the other 29 members each push 5 new notes
  (and 6 of them an edit of an older note) from ``writer/``, and the measured member scraps 5 new
  notes and edits one; the sync pulls the 29 commits, publishes 5 + 1, pushes, and brings the
  group index up to date from ``git diff`` (so each run is the next week). After each run a
  ``search --group`` for the week's marker word must find all 150 new notes (the index is fresh);
- ``search --group`` warm, the lanes of bench/flat.py, paired with the same ``search`` in the 50k
  own collection (runs alternate own/group, so the load hits both alike; the ratio is group/own);
- ``group week --json`` of the week the new notes were scrapped in, and ``list --group -n 20``.

The speed target: the own collection's search target, ≤ 250 ms warm at the 50k class.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "bench" / "scrapbench"
WORK = SCRATCH / "group-30x1300"
MEMBERS = 30
PER = 1300
NEW_PER_WEEK = 5
EDITORS = 6  # members who also edit an older note each week
GROUP = "스터디"
ME = "회원01"
QUERIES = [
    ("구글 (exact, ~1 %)", ["구글"]),
    ("엔비디아 (exact, ~5 %)", ["엔비디아"]),
    ("탄소국경조정제도 (rare)", ["탄소국경조정제도"]),
    ("엔비디아 반도체 (two words)", ["엔비디아", "반도체"]),
    ('"금리 인하" (phrase)', ['"금리 인하"']),
    ("반도체 -엔비디아 (left out)", ["반도체", "-엔비디아"]),
    ("엔비디야 (typo)", ["엔비디야"]),
    ("ㅌㅅㄱㄱ (초성)", ["ㅌㅅㄱㄱ"]),
    ("rnrmf (English mode)", ["rnrmf"]),
]
TARGET_MS = 250


def corpus() -> Path:
    for c in (SCRATCH / "corpus50000", Path("/work/corpus/corpus50000")):
        if (c / "notes").is_dir():
            return c
    sys.exit("no corpus50000: make it with ../shared/bench/gen_corpus.py (see bench/flat.py)")


def member(k: int) -> str:
    return f"회원{k + 1:02d}"


def env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "SCRAPNOTE_"))}
    e.update(HOME=str(WORK / "user"), GIT_CONFIG_NOSYSTEM="1", NO_COLOR="1", COLUMNS="120",
             SCRAPNOTE_CONFIG=str(WORK / "config.toml"), LC_ALL="C.UTF-8")
    return e


def git(where: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "core.quotePath=false", "-C", str(where), *args], capture_output=True,
                          env=env(), timeout=3600)
    if done.returncode != 0:
        sys.exit(f"git {' '.join(args)} in {where}: {done.stderr.decode(errors='replace')}")
    return done.stdout.decode()


def exe() -> str:
    return str(Path(sys.executable).parent / "scrapnote")


def sn(home: Path, *args: str, member_name: str = ME) -> subprocess.CompletedProcess:
    return subprocess.run([exe(), *args], capture_output=True, timeout=3600,
                          env={**env(), "SCRAPNOTE_HOME": str(home), "SCRAPNOTE_MEMBER": member_name})


def timed(home: Path, *args: str, code: Path | None = None) -> tuple[float, int, int, bytes]:
    """(seconds, peak RSS in KiB, exit code, stdout) of one whole process; ``code``: another
    version's package folder (a --base worktree) run with this venv's Python."""
    import tempfile

    cmd = [exe(), *args] if code is None else [
        sys.executable, "-P", "-c", f"import sys; sys.path.insert(0, {str(code)!r}); sys.argv[0] = 'scrapnote'; "
        "from scrapnote.launch import main; sys.exit(main())", *args]
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL,
                             env={**env(), "SCRAPNOTE_HOME": str(home), "SCRAPNOTE_MEMBER": ME})
        _, status, usage = os.wait4(p.pid, 0)
        dt = time.perf_counter() - t0
        out.seek(0)
        return dt, usage.ru_maxrss, os.waitstatus_to_exitcode(status), out.read()


def loadavg() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


_ID = re.compile(r"^id: \d+$", re.M)
_SCRAPPED = re.compile(r"^scrapped: .*$", re.M)


def copy_note(src: Path, folder: Path, nid: int, scrapped: str | None = None, marker: str | None = None) -> Path:
    text = src.read_text(encoding="utf-8")
    text = _ID.sub(f"id: {nid}", text, count=1)
    if scrapped:
        text = _SCRAPPED.sub(f"scrapped: {scrapped}", text, count=1)
    if marker:  # a word only this week's notes have, in the body
        text = text.replace("## 본문 (본문 내용 복사)\n\n", f"## 본문 (본문 내용 복사)\n\n{marker} ", 1)
    name = re.sub(r"^\d+", f"{nid:04d}", src.name)
    dst = folder / name
    dst.write_text(text, encoding="utf-8")
    return dst


def build(own: bool) -> None:
    notes = sorted((corpus() / "notes").glob("*.md"))
    if len(notes) < MEMBERS * PER + 2000:
        sys.exit(f"the corpus has {len(notes)} notes; {MEMBERS * PER + 2000} needed")
    if not (WORK / ".built").exists():
        if WORK.exists():
            shutil.rmtree(WORK)
        (WORK / "user").mkdir(parents=True)
        (WORK / "user" / ".gitconfig").write_text("[user]\n\tname = bench\n\temail = bench@example.com\n"
                                                  "[init]\n\tdefaultBranch = main\n", encoding="utf-8")
        t0 = time.perf_counter()
        git(WORK, "init", "-q", "--bare", "-b", "main", str(WORK / "remote.git"))
        writer = WORK / "writer"
        git(WORK, "init", "-q", "-b", "main", str(writer))
        git(writer, "remote", "add", "origin", str(WORK / "remote.git"))
        (writer / "group.yaml").write_text("publish: all\nper_week: 5\ndeadline: sun 23:59\ntimezone: Asia/Seoul\n"
                                           "fines: {missing: 3000, late: 1000}\n", encoding="utf-8")
        me_notes = WORK / "me" / "notes"
        me_notes.mkdir(parents=True)
        for k in range(MEMBERS):
            folder = writer / "members" / member(k) / "notes"
            folder.mkdir(parents=True)
            for src in notes[k * PER:(k + 1) * PER]:
                shutil.copyfile(src, folder / src.name)
                if k == 0:
                    shutil.copyfile(src, me_notes / src.name)
            git(writer, "add", "-A")
            git(writer, "commit", "-q", "-m", f"{member(k)}: {PER} notes")
        git(writer, "push", "-q", "origin", "main")
        print(f"group repository: {time.perf_counter() - t0:.0f} s", flush=True)
        r = sn(WORK / "me", "group", "add", GROUP, str(WORK / "remote.git"))
        assert r.returncode == 0, r.stderr.decode()
        t0 = time.perf_counter()
        r = sn(WORK / "me", "group", "sync", GROUP)
        assert r.returncode == 0, r.stderr.decode()
        print(f"first group sync (clone's index of {MEMBERS * PER} notes built): {time.perf_counter() - t0:.0f} s",
              flush=True)
        (WORK / ".built").write_text("")
    if own and not (WORK / "own50k" / ".built").exists():
        home = WORK / "own50k"
        home.mkdir(exist_ok=True)
        if not (home / "notes").exists():
            (home / "notes").symlink_to(corpus() / "notes")
        t0 = time.perf_counter()
        r = sn(home, "search", "구글")
        assert r.returncode == 0, r.stderr.decode()
        print(f"own 50k index built: {time.perf_counter() - t0:.0f} s", flush=True)
        (home / ".built").write_text("")


def next_week() -> tuple[int, str]:
    """The run's week number (kept in WORK/weeks) and its ISO week (2031-W01, W02, …)."""
    f = WORK / "weeks"
    n = int(f.read_text()) + 1 if f.exists() else 1
    f.write_text(str(n))
    return n, f"{2030 + (n - 1) // 52 + 1}-W{(n - 1) % 52 + 1:02d}"


def week_changes(n: int, week: str) -> str:
    """The other members' week pushed from writer/, the measured member's scraps made in me/notes;
    the marker word the week's new notes carry."""
    from datetime import date

    year, wk = week.split("-W")
    monday = date.fromisocalendar(int(year), int(wk), 1)
    marker = f"주간표식{n:03d}"
    pool = sorted((corpus() / "notes").glob("*.md"))[MEMBERS * PER:]
    writer = WORK / "writer"
    git(writer, "pull", "-q", "--rebase", "origin", "main")
    used = 0
    for k in range(MEMBERS):
        folder = (WORK / "me" / "notes") if k == 0 else writer / "members" / member(k) / "notes"
        top = max(int(p.name.split("-", 1)[0]) for p in folder.glob("*.md"))
        for j in range(NEW_PER_WEEK):
            src = pool[(n * MEMBERS * NEW_PER_WEEK + used) % len(pool)]
            used += 1
            copy_note(src, folder, top + 1 + j, scrapped=f"{monday.isoformat()}T{9 + j:02d}:00:00+09:00",
                      marker=marker)
        if k == 0 or k <= EDITORS:  # an edit of an older note
            old = sorted(folder.glob("*.md"), key=lambda p: int(p.name.split("-", 1)[0]))[(n * 7 + k) % PER]
            old.write_text(old.read_text(encoding="utf-8").replace("## 요약 및 의견", f"## 요약 및 의견\n\n{marker} 메모", 1),
                           encoding="utf-8")
        if k:
            git(writer, "add", "-A", "--", f"members/{member(k)}")
            git(writer, "commit", "-q", "-m", f"{member(k)}: week {week}")
    git(writer, "push", "-q", "origin", "main")
    return marker


def fmt(xs: list[float]) -> str:
    ms = [x * 1000 for x in xs]
    return f"{statistics.median(ms):.0f} ({min(ms):.0f}–{max(ms):.0f})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-own", action="store_true", help="no 50k own collection to pair the search with")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--build-only", action="store_true", help="build (or check) the cached group and stop")
    ap.add_argument("--base", metavar="REF", help="also time the code at REF (a git worktree under bench/scrapbench/) "
                                                  "for search --group and group week, paired with this code")
    ap.add_argument("--skip-sync", action="store_true", help="leave out the group sync row")
    args = ap.parse_args()
    if args.rebuild and WORK.exists():
        shutil.rmtree(WORK)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "scrapnote")], check=True)
    build(own=not args.no_own)
    if args.build_only:
        return
    me, own = WORK / "me", WORK / "own50k"
    rows: list[str] = []
    base = None
    if args.base:
        base = SCRATCH / f"base-{args.base}"
        if not base.exists():
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(base), args.base], check=True)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(base / "scrapnote")], check=True)
    base_rows: list[str] = []

    # group sync of a week's changes
    times, rss, loads = [], [], []
    week = ""
    for _ in range(0 if args.skip_sync else args.runs):
        n, week = next_week()
        marker = week_changes(n, week)
        loads.append(loadavg())
        dt, peak, code, _out = timed(me, "group", "sync", GROUP)
        assert code == 0, sn(me, "group", "sync", GROUP).stderr.decode()
        times.append(dt)
        rss.append(peak)
        r = sn(me, "search", "--group", GROUP, marker, "-n", "1000", "--json")
        found = len(json.loads(r.stdout or b"[]"))
        want = MEMBERS * NEW_PER_WEEK + EDITORS + 1
        assert found == want, f"{marker}: {found} notes found after the sync, {want} expected"
    if not week:
        n = int((WORK / "weeks").read_text())
        week = f"{2030 + (n - 1) // 52 + 1}-W{(n - 1) % 52 + 1:02d}"
    if times:
        rows.append(f"| `group sync`, a week's changes ({MEMBERS - 1} members × {NEW_PER_WEEK} new + {EDITORS} edits "
                    f"pulled; {NEW_PER_WEEK} new + 1 edit published) | {fmt(times)} | | {max(rss) // 1024} MiB | "
                    f"{statistics.median(loads):.1f} |")
        print(rows[-1], flush=True)

    # search --group, paired with the own 50k collection
    for label, q in QUERIES:
        g, o, rss_g, lo = [], [], [], []
        for home in ([me, own] if not args.no_own else [me]):  # warm-up
            timed(home, *(["search", "--group", GROUP] if home == me else ["search"]), *q)
        for i in range(args.runs):
            order = [me, own] if (i % 2 == 0) else [own, me]
            lo.append(loadavg())
            for home in order:
                if home == own and args.no_own:
                    continue
                dt, peak, code, _out = timed(home, *(["search", "--group", GROUP] if home == me else ["search"]), *q)
                assert code in (0, 1)
                if home == me:
                    g.append(dt)
                    rss_g.append(peak)
                else:
                    o.append(dt)
        if base is not None:
            bt, nt = [], []
            timed(me, "search", "--group", GROUP, *q, code=base)  # warm-up (builds its indexes the first time)
            for i in range(args.runs):
                for which in ((base, None) if i % 2 == 0 else (None, base)):
                    dt, _peak, _code, _out = timed(me, "search", "--group", GROUP, *q, code=which)
                    (bt if which is not None else nt).append(dt)
            base_rows.append(f"| `search --group` {label} | {fmt(bt)} | {fmt(nt)} | "
                             f"{statistics.median(b / n for b, n in zip(bt, nt)):.1f}× | {loadavg():.1f} |")
            print(base_rows[-1], flush=True)
        ratio = (f"{statistics.median(a / b for a, b in zip(g, o)):.2f}" if o else "")
        met = "yes" if statistics.median(g) * 1000 <= TARGET_MS else "no"
        rows.append(f"| `search --group` {label} | {fmt(g)} | {fmt(o) if o else ''} ({ratio}) | "
                    f"{max(rss_g) // 1024} MiB | {statistics.median(lo):.1f} | {met}")
        print(rows[-1], flush=True)

    for label, cmd in ((f"`group week --week {week} --json`", ["group", "week", GROUP, "--week", week, "--json"]),
                       ("`list --group -n 20`", ["list", "--group", GROUP, "-n", "20"])):
        timed(me, *cmd)
        ts, peaks, lo = [], [], []
        for _ in range(args.runs):
            lo.append(loadavg())
            dt, peak, code, out = timed(me, *cmd)
            assert code == 0
            ts.append(dt)
            peaks.append(peak)
        if "week" in cmd:
            report = json.loads(out)
            handed = sum(r["handed_in"] for r in report["members"])
            label += f" ({handed} notes handed in)"
        rows.append(f"| {label} | {fmt(ts)} | | {max(peaks) // 1024} MiB | {statistics.median(lo):.1f} |")
        print(rows[-1], flush=True)

    if base is not None:
        cmd = ["group", "week", GROUP, "--week", week, "--json"]
        bt, nt = [], []
        timed(me, *cmd, code=base)
        for i in range(args.runs):
            for which in ((base, None) if i % 2 == 0 else (None, base)):
                dt, _peak, _code, _out = timed(me, *cmd, code=which)
                (bt if which is not None else nt).append(dt)
        base_rows.append(f"| `group week --json` | {fmt(bt)} | {fmt(nt)} | "
                         f"{statistics.median(b / n for b, n in zip(bt, nt)):.1f}× | {loadavg():.1f} |")
    index = me / ".scrapnote" / "groups" / GROUP / "index.sqlite"
    print(f"\ngroup index: {index.stat().st_size / 2**20:.0f} MiB; notes in the group: "
          f"{sum(1 for _ in (me / '.scrapnote' / 'groups' / GROUP / 'repo' / 'members').glob('*/notes/*.md'))}")
    print("\n| row | group: median (min–max) ms | own 50k: median (min–max) ms (group/own) | peak RSS | load | "
          f"≤ {TARGET_MS} ms |")
    print("| --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    if base_rows:
        print(f"\n| row (paired, alternating) | base {args.base}: median (min–max) ms | this code | base/this | load |")
        print("| --- | --- | --- | --- | --- |")
        print("\n".join(base_rows))


if __name__ == "__main__":
    main()
