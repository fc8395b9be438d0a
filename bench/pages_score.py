#!/usr/bin/env python3
"""Per-field accuracy of the extraction over the page fixtures (tests/fixtures/pages/*/expected.yaml).

For every page whose entry names a field (title, url, source, reporter, published), is the
extracted value the expected one? A saved HTML page is read twice: as saved (a file), and as if
fetched from its own link (``url`` given, as ``new https://…`` reads it). Also: the share of pages
whose body checks (body_starts, body_ends, body_includes, body_excludes) all hold.

Run: ``.venv/bin/python bench/pages_score.py [--only real-] [--failures]``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
FIELDS = ("title", "url", "source", "reporter", "published")


def body_ok(body: str, exp: dict) -> list[str]:
    bad = []
    if "body_starts" in exp and not body.startswith(exp["body_starts"]):
        bad.append("body_starts")
    if "body_ends" in exp and not body.endswith(exp["body_ends"]):
        bad.append("body_ends")
    bad += [f"includes {x!r}" for x in exp.get("body_includes") or [] if x not in body]
    bad += [f"excludes {x!r}" for x in exp.get("body_excludes") or [] if x in body]
    if "paragraph_count" in exp and len(body.split("\n\n")) != exp["paragraph_count"]:
        bad.append("paragraph_count")
    return bad


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from scrapnote.extract import extract_all

    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="", help="only the folders whose name starts with this")
    ap.add_argument("--failures", action="store_true", help="list every miss")
    args = ap.parse_args()
    hits = {f: [0, 0] for f in (*FIELDS, "body")}
    misses: list[str] = []
    runs = 0
    for file in sorted(PAGES.glob("*/expected.yaml")):
        if not file.parent.name.startswith(args.only):
            continue
        for name, exp in (yaml.safe_load(file.read_text(encoding="utf-8")) or {}).items():
            exp = exp or {}
            path = file.parent / name
            text = path.read_bytes().decode("utf-8")
            ways = [("saved", None)]
            if path.suffix == ".html" and exp.get("url"):
                ways.append(("fetched", exp["url"]))
            for how, url in ways:
                runs += 1
                try:
                    [a] = extract_all(text, fmt=exp.get("fmt"), origin=name, url=url)
                except Exception as e:  # a page that fails to read counts as a miss of every field
                    misses.append(f"{file.parent.name}/{name} [{how}]: {type(e).__name__}: {e}")
                    for f in FIELDS:
                        if f in exp:
                            hits[f][1] += 1
                    continue
                for f in FIELDS:
                    if f not in exp:
                        continue
                    got = getattr(a, f) or None if f == "title" else getattr(a, f)
                    hits[f][1] += 1
                    if got == exp[f]:
                        hits[f][0] += 1
                    else:
                        misses.append(f"{file.parent.name}/{name} [{how}] {f}: got {got!r}, want {exp[f]!r}")
                bad = body_ok(a.body, exp)
                hits["body"][1] += 1
                if not bad:
                    hits["body"][0] += 1
                else:
                    misses.append(f"{file.parent.name}/{name} [{how}] body: {', '.join(bad)}")
    print(f"{runs} extractions over the page fixtures{' in ' + args.only + '*' if args.only else ''}")
    print(f"{'field':<10} {'right':>6} {'of':>5} {'share':>7}")
    for f, (ok, n) in hits.items():
        print(f"{f:<10} {ok:>6} {n:>5} {ok / n * 100 if n else 0:>6.1f}%")
    if args.failures:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
