"""Every page in tests/fixtures/pages/<shape>/ against its entry in that folder's expected.yaml.

A page is a file (``.txt`` copied text, ``.md`` Markdown, ``.html`` a saved page, ``.tsv`` a filled
스크랩 양식), read as it is (bytes → UTF-8, line ends kept) and extracted with the file's name as
its origin (a saved page with a ``url`` is also read as fetched from that link). Its entry says
what extraction must find. The keys:

- ``fmt``: read with this ``--format`` instead of detecting;
- ``format``, ``title``, ``url``, ``source``, ``reporter``, ``published``: the Article's field equals
  the value (``null``: is None; ``title: null``: the page has no headline, the title is empty);
- ``section_values``: each named section of the Article equals its value;
- ``body``: the whole body; ``body_starts``, ``body_ends``; ``body_includes`` / ``body_excludes``:
  strings that must / must not be in it; ``single_line``: no line break at all;
- ``paragraphs``: the body's paragraphs (split at blank lines) are exactly these; ``paragraph``
  ``{n: text}`` / ``paragraph_starts`` ``{n: prefix}``: paragraph n is / starts with;
  ``paragraph_count``;
- always (unless ``clean: false``): no run of blank lines, no TAB, no NBSP, no paragraph twice.

A new page shape is two things: the page's file and its entry.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from fixture_pages import PAGES, page_text
from scrapnote.extract import extract_all

FIELDS = ("format", "title", "url", "source", "reporter", "published")
KEYS = {"fmt", *FIELDS, "section_values", "body", "body_starts", "body_ends", "body_includes", "body_excludes",
        "single_line", "paragraphs", "paragraph", "paragraph_starts", "paragraph_count", "clean"}


def _expected() -> dict[Path, dict]:
    out = {}
    for file in sorted(PAGES.glob("*/expected.yaml")):
        for name, entry in (yaml.safe_load(file.read_text(encoding="utf-8")) or {}).items():
            out[file.parent / name] = entry or {}
    return out


EXPECTED = _expected()


def test_every_page_has_an_entry_and_every_entry_a_page():
    pages = {p for p in PAGES.glob("*/*") if p.name != "expected.yaml"}
    assert sorted(str(p.relative_to(PAGES)) for p in pages - set(EXPECTED)) == [], "pages without an entry"
    assert sorted(str(p.relative_to(PAGES)) for p in set(EXPECTED) - pages) == [], "entries without a page"


def test_entries_use_only_known_keys():
    unknown = {f"{p.relative_to(PAGES)}: {k}" for p, e in EXPECTED.items() for k in e if k not in KEYS}
    assert sorted(unknown) == []


# A saved page with a link is read a second time as if fetched from it (``new https://…``): the
# same fields and body must come out.
CASES = [(p, None) for p in EXPECTED] + [(p, EXPECTED[p]["url"]) for p in EXPECTED
                                         if p.suffix == ".html" and EXPECTED[p].get("url")]


@pytest.mark.parametrize("path, fetched_from", CASES,
                         ids=[str(p.relative_to(PAGES)) + (" fetched" if u else "") for p, u in CASES])
def test_page(path, fetched_from):
    exp = EXPECTED[path]
    text = page_text(str(path.relative_to(PAGES)))
    [a] = extract_all(text, fmt=exp.get("fmt"), origin=path.name, url=fetched_from)
    for key in FIELDS:
        if key in exp:
            assert (getattr(a, key) or None if key == "title" else getattr(a, key)) == exp[key], key
    for key, value in (exp.get("section_values") or {}).items():
        assert a.sections.get(key) == value, key
    body = a.body
    if "body" in exp:
        assert body == exp["body"]
    if "body_starts" in exp:
        assert body.startswith(exp["body_starts"]), body[:160]
    if "body_ends" in exp:
        assert body.endswith(exp["body_ends"]), body[-160:]
    for good in exp.get("body_includes") or []:
        assert good in body, good
    for bad in exp.get("body_excludes") or []:
        assert bad not in body, bad
    if exp.get("single_line"):
        assert "\n" not in body
    paragraphs = body.split("\n\n")
    if "paragraphs" in exp:
        assert paragraphs == exp["paragraphs"]
    for n, value in (exp.get("paragraph") or {}).items():
        assert paragraphs[n] == value, n
    for n, value in (exp.get("paragraph_starts") or {}).items():
        assert paragraphs[n].startswith(value), n
    if "paragraph_count" in exp:
        assert len(paragraphs) == exp["paragraph_count"]
    if exp.get("clean", True):
        assert "\n\n\n" not in body and "\t" not in body and "\u00a0" not in body
        assert len(paragraphs) == len(set(paragraphs)), "a paragraph twice"
