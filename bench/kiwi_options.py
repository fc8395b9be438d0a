#!/usr/bin/env python3
"""Kiwi's model options, measured one by one for `new`'s drafts (issue 11).

Each configuration runs in a fresh process (the model is built once per process, as `new` builds
it): the import, building `Kiwi(...)`, the first analysis (kiwipiepy finishes its lazy set-up
there), then the drafts of the five sample articles (terms, keywords, companies, industry, 요약),
and the peak RSS. Every configuration's drafts are compared with the first configuration's (the
one `new` used before issue 11): "same drafts" counts the texts whose keywords, companies,
industry and 요약 are all identical — the five samples in seeds/, then every Korean page of
tests/fixtures/pages/ (.txt and .md, taken as they are).

    python bench/kiwi_options.py [--runs 3]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CONFIGS: list[tuple[str, dict]] = [
    ("before: num_workers=0, load_multi_dict=False", {"num_workers": 0, "load_multi_dict": False}),
    ("defaults (num_workers=None, every dictionary)", {}),
    ("+ load_typo_dict=False", {"num_workers": 0, "load_multi_dict": False, "load_typo_dict": False}),
    ("+ load_default_dict=False", {"num_workers": 0, "load_multi_dict": False, "load_default_dict": False}),
    ("+ integrate_allomorph=False", {"num_workers": 0, "load_multi_dict": False, "integrate_allomorph": False}),
    ("+ model_type='largest'", {"num_workers": 0, "load_multi_dict": False, "model_type": "largest"}),
    ("+ model_type='knlm'", {"num_workers": 0, "load_multi_dict": False, "model_type": "knlm"}),
    ("+ model_type='sbg'", {"num_workers": 0, "load_multi_dict": False, "model_type": "sbg"}),
    ("+ num_workers=2", {"num_workers": 2, "load_multi_dict": False}),
    ("+ typo and default dicts off", {"num_workers": 0, "load_multi_dict": False, "load_typo_dict": False,
                                      "load_default_dict": False}),
    ("after: get_kiwi() — typo, default, multi dicts off; the drafts' names as proper nouns", {"get_kiwi": True}),
]

CHILD = r"""
import json, resource, sys, time, warnings
t0 = time.perf_counter()
import kiwipiepy
t1 = time.perf_counter()
opts = json.loads(sys.argv[1])
from scrapnote.analyze import keywords as kw
from scrapnote.analyze.summary import draft_summary
if opts.pop("get_kiwi", False):
    from scrapnote.extract.publishers import load_publishers
    kw._companies(), load_publishers()  # read by then in `new` (extraction, companies): not the model's cost
    t1 = time.perf_counter()
    kiwi = kw.get_kiwi()
else:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            kiwi = kiwipiepy.Kiwi(**opts)
        except Exception as e:
            print(json.dumps({"error": f"{type(e).__name__}: {e}"}))
            sys.exit(0)
t2 = time.perf_counter()
kiwi.tokenize("가")
t3 = time.perf_counter()
kw._KIWI = kiwi
out = []
texts = [open(p, encoding="utf-8").read() for p in sys.argv[2:]]
t4 = time.perf_counter()
for i, text in enumerate(texts):
    if i == 5:
        t5 = time.perf_counter()  # the drafts of the five samples
    terms = kw.extract_terms(text)
    out.append([kw.rank_keywords(text, {}, 0), kw.guess_companies(terms), kw.guess_industry(terms),
                draft_summary(text, 3)])
print(json.dumps({"import": t1 - t0, "build": t2 - t1, "first": t3 - t2, "drafts": t5 - t4,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "out": out}))
"""


SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
PAGES = sorted(str(p) for p in (ROOT / "tests" / "fixtures" / "pages").glob("*/*")
               if p.suffix in (".txt", ".md") and sum("가" <= c <= "힣" for c in p.read_text("utf-8")) >= 200)


def once(opts: dict) -> dict:
    p = subprocess.run([sys.executable, "-c", CHILD, json.dumps(opts), *SEEDS, *PAGES], capture_output=True, text=True,
                       cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if p.returncode:
        raise SystemExit(p.stderr[-2000:])
    return json.loads(p.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--diff", action="store_true", help="print every draft that differs from the first configuration's")
    a = ap.parse_args()
    print(f"load average before: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    print(f"| configuration | build | first analysis | drafts of 5 samples | build + all | peak RSS | "
          f"same drafts: 5 samples, {len(PAGES)} pages |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    ref = None
    for label, opts in CONFIGS:
        runs = []
        for _ in range(a.runs):  # configurations interleaved would be fairer; the runs are short
            runs.append(once(opts))
        if "error" in runs[0]:
            print(f"| {label} | {runs[0]['error']} | | | | | |")
            continue
        if ref is None:
            ref = runs[0]["out"]
        same = [x == y for x, y in zip(runs[0]["out"], ref)]
        if a.diff:
            for path, x, y in zip(SEEDS + PAGES, runs[0]["out"], ref):
                for what, xv, yv in zip(("keywords", "companies", "industry", "요약"), x, y):
                    if xv != yv:
                        print(f"    {label} · {Path(path).name} · {what}: {yv} → {xv}")

        def med(k: str, rs: list = runs) -> float:
            return statistics.median(r[k] for r in rs) * 1000
        total = statistics.median((r["import"] + r["build"] + r["first"] + r["drafts"]) for r in runs) * 1000
        print(f"| {label} | {med('build'):.0f} ms | {med('first'):.0f} ms | {med('drafts'):.0f} ms | "
              f"{total:.0f} ms | {max(r['rss'] for r in runs):.0f} MiB | {sum(same[:5])}/5, "
              f"{sum(same[5:])}/{len(PAGES)} |", flush=True)
    print(f"load average after: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
