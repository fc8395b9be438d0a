"""How right the related notes are (issue 13): precision and recall of the ≤3 notes `new` drafts
into 연관기사, against hand-judged pairs of a made-up collection.

    .venv/bin/python bench/related_eval.py [--data tests/fixtures/aids] [--sweep] [--show]

The collection: every ``*.txt`` of ``--data`` (made-up articles in real shapes), scrapped in name
order with the real ``new`` into a throw-away home. ``related.yaml`` there (else ``expected.yaml``)
lists ``related`` (pairs judged related) and ``maybe`` (pairs neither right nor wrong to list);
every other pair is judged unrelated. ``tests/fixtures/aids`` (32 articles, the set the score's
cut-off was chosen on) is the default; ``bench/data/aids`` (36 articles made for the companies and
keywords evaluation, judged for related notes before the score was run on them) is the held-out
check. Two measures:

- **drafted**: the 연관기사 each note got from `new` when it was scrapped (it can only name notes
  scrapped before it): precision = judged-related / (judged-related + unrelated) among them (maybe
  pairs counted in neither); recall = the judged pairs drafted / the judged pairs that could be
  (per note, at most 3 of its related earlier notes);
- **related ID**: the best 3 of `scrapnote related ID` over the whole collection (what `new` drafts
  for an article scrapped last), precision and recall the same way.

``--sweep`` prints the second for other cut-offs (the score's own ``CUTOFF`` is marked); ``--show``
lists every wrong and missed pair with its score and shared terms. Target (issue 13): precision
≥ 0.8.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def judged(data: Path, stems: list[str]) -> tuple[set[frozenset], set[frozenset]]:
    """The pairs judged related and maybe: the folder's ``related.yaml``, else its ``expected.yaml``."""
    own = data / "related.yaml"
    exp = yaml.safe_load((own if own.exists() else data / "expected.yaml").read_text("utf-8"))
    known = set(stems)
    pairs = []
    for key in ("related", "maybe"):
        got = set()
        for a, b in exp.get(key) or []:
            if a not in known or b not in known:
                raise SystemExit(f"expected.yaml: {key} names {a if a not in known else b}, not an article of {data}")
            got.add(frozenset((a, b)))
        pairs.append(got)
    return pairs[0], pairs[1]


def measure(lists: dict[str, list[str]], related: set[frozenset], maybe: set[frozenset],
            could: dict[str, set[str]]) -> dict:
    right = wrong = neither = found = want = 0
    wrongs, missed = [], []
    for me, listed in lists.items():
        for other in listed:
            p = frozenset((me, other))
            if p in related:
                right += 1
            elif p in maybe:
                neither += 1
            else:
                wrong += 1
                wrongs.append((me, other))
        should = could[me]
        want += min(3, len(should))
        hit = should & set(listed)
        found += len(hit)
        if len(hit) < min(3, len(should)):
            missed.extend((me, o) for o in sorted(should - hit))
    return {"precision": right / (right + wrong) if right + wrong else 1.0, "recall": found / want if want else 1.0,
            "right": right, "wrong": wrong, "maybe": neither, "judged": want, "wrongs": wrongs, "missed": missed}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT / "tests" / "fixtures" / "aids")
    ap.add_argument("--sweep", action="store_true", help="precision and recall for other cut-offs")
    ap.add_argument("--show", action="store_true", help="every wrong and missed pair")
    args = ap.parse_args()

    files = sorted(args.data.glob("*.txt"))
    stems = [f.stem for f in files]
    related, maybe = judged(args.data, stems)
    with tempfile.TemporaryDirectory(prefix="related-eval-") as home:
        os.environ["SCRAPNOTE_HOME"] = home
        os.environ["SCRAPNOTE_CONFIG"] = str(Path(home) / "config.toml")
        from scrapnote import config
        from scrapnote.analyze import related as rel
        from scrapnote.app.listing import related_to
        from scrapnote.app.new import new_notes

        config.set_home(None)
        t0 = time.perf_counter()
        result = new_notes([str(f) for f in files], on_error=lambda a, e: print(f"failed: {a}: {e}", file=sys.stderr))
        took = time.perf_counter() - t0
        if result.failed:
            raise SystemExit(f"{len(result.failed)} articles failed")
        stem_of = {n.id: s for n, s in zip(result.notes, stems)}
        order = {s: i for i, s in enumerate(stems)}
        partners = {s: {o for p in related if s in p for o in p if o != s} for s in stems}

        from scrapnote import fields
        from scrapnote.note import parse_related

        drafted = {stem_of[n.id]: [stem_of[r["id"]] for r in parse_related(n.section(fields.RELATED)) if r.get("id") in stem_of]
                   for n in result.notes}
        earlier = {s: {o for o in partners[s] if order[o] < order[s]} for s in stems}
        d = measure(drafted, related, maybe, earlier)

        def by_related(cutoff: float) -> dict:
            lists = {}
            for n in result.notes:
                rows = related_to(n.id, rel.DRAFTED, on_error=lambda e: None, cutoff=cutoff)
                lists[stem_of[n.id]] = [stem_of[r["id"]] for r in rows]
            return measure(lists, related, maybe, partners)

        r = by_related(rel.CUTOFF)
        n_topics = len({frozenset(x) for x in _topics(stems, related)})
        print(f"collection: {len(stems)} made-up articles ({args.data.relative_to(ROOT) if args.data.is_relative_to(ROOT) else args.data}), "
              f"{len(related)} judged related pairs in {n_topics} groups, {len(maybe)} maybe; `new` of all: {took:.1f} s")
        print(f"cut-off {rel.CUTOFF:g}, at most {rel.DRAFTED} drafted")
        for name, m in (("drafted by new (in scrap order)", d), ("related ID, best 3 of the whole collection", r)):
            print(f"  {name:44} precision {m['precision']:.3f}  recall {m['recall']:.3f}  "
                  f"({m['right']} right, {m['wrong']} wrong, {m['maybe']} maybe; {m['judged']} to find)")
        if args.show:
            for name, m in (("drafted", d), ("related ID", r)):
                for a, b in m["wrongs"]:
                    print(f"  {name}: WRONG {a} → {b}")
                for a, b in m["missed"]:
                    print(f"  {name}: missed {a} → {b}")
        if args.sweep:
            print("cut-off sweep (related ID, best 3):")
            for c in (0.05, 0.10, 0.12, 0.14, 0.16, 0.17, 0.18, 0.20, 0.22, 0.25, 0.30):
                m = by_related(c)
                mark = "  ← CUTOFF" if abs(c - rel.CUTOFF) < 1e-9 else ""
                print(f"  {c:4.2f}  precision {m['precision']:.3f}  recall {m['recall']:.3f}  "
                      f"({m['right']} right, {m['wrong']} wrong){mark}")
        config.set_home(None)


def _topics(stems: list[str], related: set[frozenset]) -> list[set[str]]:
    """The judged pairs' connected groups (the collection's topics with more than one article)."""
    groups: list[set[str]] = []
    for p in related:
        joined = [g for g in groups if g & p]
        merged = set(p).union(*joined)
        groups = [g for g in groups if g not in joined] + [merged]
    return groups


if __name__ == "__main__":
    main()
