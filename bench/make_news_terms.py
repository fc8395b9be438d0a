#!/usr/bin/env python3
"""Write scrapnote/data/news_terms.tsv: how many of a set of news articles hold each term — the
general-news document frequencies the drafted keywords are ranked by before (and beside) the
user's own collection (issue 13).

    python bench/make_news_terms.py            # rewrite the file
    python bench/make_news_terms.py --check    # exit 1 when the file is not what this writes

The articles: the made-up pages of tests/fixtures/pages (every shape) and the samples in seeds/ —
economic, IT and general news in the shapes of Korean outlets, all made up. A story written in
several shapes (the same article as a saved page, a portal copy, a paste) counts once: articles
are told apart by their first 20 terms. Neither set of bench/aids_eval.py is read (tests/fixtures/aids,
bench/data/aids): an article's own terms would look common to it. Run this again after a change
to what a term is (keywords.extract_terms), as the terms it counts change with it.

Each article is read as ``new`` reads it (``scrapnote new --dry-run --json --no-drafts``), and its
terms are those the drafts find (``keywords.extract_terms``, after the alias merge of
``company_map``). Only terms held by at least 2 articles are written: a term in one article says
nothing general. The file's first line is ``#`` and the number of articles.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "scrapnote" / "data" / "news_terms.tsv"
SOURCES = [ROOT / "tests" / "fixtures" / "pages", ROOT / "seeds"]
SKIP = {"english"}  # English pages: no Korean terms
MIN_DF = 2


def articles() -> list[Path]:
    out = []
    for src in SOURCES:
        for p in sorted(src.rglob("*")):
            if p.suffix in (".txt", ".md", ".html", ".htm") and p.is_file() and not SKIP & set(p.parts) \
                    and p.name != "README.md":
                out.append(p)
    return out


def bodies(paths: list[Path]) -> list[str]:
    import os

    from typer.testing import CliRunner

    from scrapnote import config
    from scrapnote.cli import app

    runner = CliRunner()
    texts = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SCRAPNOTE_HOME"] = str(Path(tmp) / "home")
        os.environ["SCRAPNOTE_CONFIG"] = str(Path(tmp) / "config.toml")
        config.set_home(None)
        for p in paths:
            r = runner.invoke(app, ["new", "--no-edit", "--dry-run", "--json", "--no-drafts", str(p)])
            if r.exit_code:
                continue  # a page the fixtures keep for its failure (too large, not an article)
            out = json.loads(r.stdout)
            for note in out if isinstance(out, list) else [out]:
                texts.append(f"{note.get('title') or ''}\n{note.get('body') or ''}")
    return texts


def table() -> str:
    from scrapnote.analyze.keywords import company_map, extract_terms

    seen: set[tuple[str, ...]] = set()
    df: dict[str, int] = {}
    n = 0
    for text in bodies(articles()):
        terms = extract_terms(text)
        key = tuple(terms[:20])
        if len(terms) < 20 or key in seen:
            continue
        seen.add(key)
        n += 1
        mapping = company_map(text, terms)
        for t in {mapping.get(t) or t for t in terms if mapping.get(t, "") is not None}:
            df[t] = df.get(t, 0) + 1
    rows = sorted(((t, c) for t, c in df.items() if c >= MIN_DF), key=lambda x: (-x[1], x[0]))
    return f"#\t{n}\n" + "".join(f"{t}\t{c}\n" for t, c in rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    text = table()
    if a.check:
        sys.exit(0 if OUT.read_text("utf-8") == text else 1)
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {text.splitlines()[0].split()[1]} articles, {text.count(chr(10)) - 1} terms")


if __name__ == "__main__":
    main()
