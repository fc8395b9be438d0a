#!/usr/bin/env python3
"""How good are the drafted companies and keywords? (issue 13) — over made-up articles with
hand-written expectations.

    python bench/aids_eval.py                          # bench/data/aids, empty collection and a collection
    python bench/aids_eval.py --data tests/fixtures/aids
    python bench/aids_eval.py --show e01-lg-electronics-earnings    # one article's drafts against its expectations
    python bench/aids_eval.py --exe /tmp/base/.venv/bin/scrapnote   # another build (a before/after)

Each article goes through the real command, ``scrapnote new FILE --dry-run --json``, twice: in an
empty collection (the keywords ranked by the built-in statistics alone) and in a collection of
other articles (the other folder's articles saved first: bench/data/aids against
tests/fixtures/aids and back), so the ranking against the collection is measured too.

The expectations (``expected.yaml`` of the folder; see its header) were written by hand with the
articles, before anything was measured on them. Figures printed, per collection:

- subject first: articles whose first company is the expected subject, over the articles that
  have one (target ≥ 95%); articles expected to name no company count when none is listed;
- companies precision (listed companies that are expected or acceptable, over all listed) and
  recall (expected companies listed, over expected);
- keywords precision (keywords that are expected or acceptable — ``keywords``, ``ok``, the
  companies — over all keywords drafted; a folder without ``ok`` lists has none) and recall
  (``keywords`` found, over ``keywords``);
- violations: a stop word (``stop``) or a ``not_keywords`` term among the keywords or as a
  추가조사 prompt (``- 감소:``) (target 0);
- aliases twice: a company listed under two of its names (counted by casefold; target 0).

``--check`` exits 1 when a target is missed. The article texts are made up in the shapes of Korean
outlets (no real article's text).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "aids"
OTHER = {DATA: ROOT / "tests" / "fixtures" / "aids", ROOT / "tests" / "fixtures" / "aids": DATA}
_PROMPT = re.compile(r"^- (.+?):\s*$", re.M)


def load(folder: Path) -> dict:
    return yaml.safe_load((folder / "expected.yaml").read_text("utf-8"))


@dataclass
class Score:
    """One article's drafts judged against its expectations."""
    name: str
    companies: list[str]
    keywords: list[str]
    prompts: list[str]
    subject_ok: bool | None  # None: nothing to judge (no company expected and none listed is True)
    co_hit: int = 0
    co_listed: int = 0
    co_expected: int = 0
    co_found: int = 0
    kw_good: int = 0
    kw_listed: int = 0
    kw_expected: int = 0
    kw_found: int = 0
    judged: bool = True  # the article has an `ok` list: keyword precision can be judged
    violations: list[str] = field(default_factory=list)
    unjudged: list[str] = field(default_factory=list)  # keywords no list names (count against precision)
    missed: list[str] = field(default_factory=list)  # expected keywords not drafted
    co_missed: list[str] = field(default_factory=list)
    co_extra: list[str] = field(default_factory=list)
    twice: list[str] = field(default_factory=list)


def _fold(s: str) -> str:
    return " ".join(s.split()).casefold()


def score(name: str, note: dict, want: dict, stop: list[str]) -> Score:
    """Judge one note's JSON (``new --dry-run --json``) against its expectations."""
    companies = list(note.get("companies") or [])
    keywords = list(note.get("keywords") or [])
    prompts = _PROMPT.findall(note.get("research") or "")
    exp_co = list(want.get("companies") or [])
    ok_co = {_fold(c) for c in [*exp_co, *(want.get("companies_ok") or [])]}
    if exp_co:
        subject_ok: bool | None = bool(companies) and _fold(companies[0]) == _fold(exp_co[0])
    else:
        subject_ok = not [c for c in companies if _fold(c) not in ok_co]
    s = Score(name, companies, keywords, prompts, subject_ok)
    s.co_listed = len(companies)
    s.co_hit = sum(_fold(c) in ok_co for c in companies)
    s.co_expected = len(exp_co)
    got_co = {_fold(c) for c in companies}
    s.co_found = sum(_fold(c) in got_co for c in exp_co)
    s.co_missed = [c for c in exp_co if _fold(c) not in got_co]
    s.co_extra = [c for c in companies if _fold(c) not in ok_co]
    s.twice = [c for c in companies if [_fold(x) for x in companies].count(_fold(c)) > 1]
    must = list(want.get("keywords") or [])
    s.judged = "ok" in want
    good = {_fold(k) for k in [*must, *(want.get("ok") or []), *ok_co]}
    got_kw = {_fold(k) for k in keywords}
    s.kw_listed = len(keywords)
    s.kw_good = sum(_fold(k) in good for k in keywords)
    s.unjudged = [k for k in keywords if _fold(k) not in good]
    s.kw_expected = len(must)
    s.kw_found = sum(_fold(k) in got_kw for k in must)
    s.missed = [k for k in must if _fold(k) not in got_kw]
    bad = {_fold(k) for k in [*stop, *(want.get("not_keywords") or [])]}
    s.violations = [f"keyword {k}" for k in keywords if _fold(k) in bad]
    s.violations += [f"prompt - {p}:" for p in prompts if _fold(p) in bad]
    return s


class Runner:
    """``scrapnote`` in this process (Typer's CliRunner: the model is loaded once), or another
    build's program (``exe``) as a subprocess."""

    def __init__(self, exe: str | None = None):
        self.exe = exe
        if exe is None:
            from typer.testing import CliRunner

            self.runner = CliRunner()

    def __call__(self, home: Path, *args: str) -> str:
        env = {"SCRAPNOTE_HOME": str(home), "SCRAPNOTE_CONFIG": str(home / "config.toml"), "NO_COLOR": "1"}
        if self.exe:
            r = subprocess.run([self.exe, *args], env={**os.environ, **env}, capture_output=True, text=True)
            if r.returncode:
                sys.exit(f"scrapnote {' '.join(args)}: {r.stderr.strip()[-400:]}")
            return r.stdout
        from scrapnote import config
        from scrapnote.cli import app

        old = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        config.set_home(None)
        try:
            r = self.runner.invoke(app, list(args), catch_exceptions=False)
        finally:
            for k, v in old.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
            config.set_home(None)
        if r.exit_code:
            sys.exit(f"scrapnote {' '.join(args)}: {r.stderr.strip()[-400:]}")
        return r.stdout


def draft(run: Runner, home: Path, path: Path) -> dict:
    out = json.loads(run(home, "new", "--no-edit", "--dry-run", "--json", str(path)))
    return out[0] if isinstance(out, list) else out


def fill(run: Runner, home: Path, folder: Path) -> int:
    """Save every article of ``folder`` as a note in ``home``; the number saved."""
    paths = sorted(folder.glob("*.txt"))
    run(home, "new", "--no-edit", *map(str, paths))
    return len(paths)


def evaluate(folder: Path, names: list[str] | None = None, *, collection: Path | None = None,
             exe: str | None = None) -> list[Score]:
    """Scores of the articles of ``folder`` (``names``: only those), drafted in an empty
    collection, or in one holding ``collection``'s articles."""
    spec = load(folder)
    run = Runner(exe)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        if collection is not None:
            fill(run, home, collection)
        out = []
        for name in names or sorted(spec["articles"]):
            note = draft(run, home, folder / f"{name}.txt")
            out.append(score(name, note, spec["articles"][name], spec.get("stop") or []))
        return out


@dataclass
class Summary:
    n: int
    subject: float
    co_p: float
    co_r: float
    kw_p: float | None
    kw_r: float
    violations: int
    twice: int

    def meets(self) -> bool:
        return self.subject >= 0.95 and self.violations == 0 and self.twice == 0


def summarize(scores: list[Score]) -> Summary:
    def ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    judged = [s for s in scores if s.judged]
    subj = [s.subject_ok for s in scores if s.subject_ok is not None]
    return Summary(
        n=len(scores),
        subject=ratio(sum(bool(x) for x in subj), len(subj)),
        co_p=ratio(sum(s.co_hit for s in scores), sum(s.co_listed for s in scores)),
        co_r=ratio(sum(s.co_found for s in scores), sum(s.co_expected for s in scores)),
        kw_p=ratio(sum(s.kw_good for s in judged), sum(s.kw_listed for s in judged)) if judged else None,
        kw_r=ratio(sum(s.kw_found for s in scores), sum(s.kw_expected for s in scores)),
        violations=sum(len(s.violations) for s in scores),
        twice=sum(len(s.twice) for s in scores),
    )


def _row(label: str, m: Summary) -> str:
    kw_p = f"{m.kw_p:.3f}" if m.kw_p is not None else "n/a"
    return (f"| {label} | {m.n} | {m.subject:.1%} | {m.co_p:.3f} | {m.co_r:.3f} | {kw_p} | {m.kw_r:.3f} | "
            f"{m.violations} | {m.twice} |")


def show(s: Score) -> None:
    print(f"## {s.name}")
    print(f"  companies: {s.companies}   subject first: {s.subject_ok}")
    if s.co_missed or s.co_extra:
        print(f"    missed {s.co_missed}  not expected {s.co_extra}")
    print(f"  keywords:  {s.keywords}")
    print(f"  prompts:   {s.prompts}")
    if s.missed:
        print(f"    expected, not drafted: {s.missed}")
    if s.unjudged:
        print(f"    drafted, in no list:   {s.unjudged}")
    for v in s.violations:
        print(f"    VIOLATION {v}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA, help="a folder of articles with expected.yaml")
    ap.add_argument("--show", nargs="*", metavar="NAME", help="print these articles' drafts (none given: all)")
    ap.add_argument("--exe", help="another scrapnote program to evaluate (default: this checkout, in process)")
    ap.add_argument("--only", choices=("empty", "collection"), help="one of the two collections")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    a = ap.parse_args()
    folder = a.data.resolve()
    other = OTHER.get(folder)
    runs = [("empty collection", None), (f"collection of {other.relative_to(ROOT)}" if other else "", other)]
    runs = [r for r in runs if r[0] and (a.only is None or (a.only == "empty") == (r[1] is None))]
    print(f"articles: {folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}"
          f" ({len(load(folder)['articles'])}); build: {a.exe or 'this checkout'}")
    print("| collection | articles | subject first | companies P | companies R | keywords P | keywords R "
          "| violations | aliases twice |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    failed = False
    detail: list[tuple[str, list[Score]]] = []
    for label, coll in runs:
        scores = evaluate(folder, collection=coll, exe=a.exe)
        m = summarize(scores)
        print(_row(label, m), flush=True)
        failed |= not m.meets()
        detail.append((label, scores))
    for label, scores in detail:
        bad = [s for s in scores if s.violations or s.subject_ok is False or s.twice]
        wanted = scores if a.show == [] else [s for s in scores if s.name in (a.show or ())]
        if bad or wanted:
            print(f"\n# {label}")
        for s in bad:
            if s not in wanted:
                print(f"{s.name}: subject first {s.subject_ok}; companies {s.companies}; "
                      f"violations {s.violations}; twice {s.twice}")
        for s in wanted:
            show(s)
    if a.check and failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
