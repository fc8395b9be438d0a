"""The five real samples in seeds/: every field and the body's start, end and shape as
seeds/expected.yaml records them (a headline may differ in spaces; ``also_ok`` lists other
acceptable values)."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from scrapnote.extract import load_article

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"
EXPECTED = yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))
MB = 1024 * 1024


def norm(s):
    if s is None:
        return None
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s).replace("\u00a0", " ")).strip()


_cache: dict[str, object] = {}


def seed(name: str):
    if name not in _cache:
        _cache[name] = load_article(str(SEEDS / name), max_bytes=5 * MB)
    return _cache[name]


SEED_FIELDS = [(name, f) for name in EXPECTED for f in ("headline", "url", "source", "reporter", "published")]


@pytest.mark.parametrize("name,field", SEED_FIELDS, ids=[f"{n[:3]}-{f}" for n, f in SEED_FIELDS])
def test_seed_field(name, field):
    exp = EXPECTED[name]
    a = seed(name)
    got = a.title if field == "headline" else getattr(a, field)
    allowed = [exp[field], *((exp.get("also_ok") or {}).get(field) or [])]
    if field == "headline":
        assert norm(got) in [norm(x) for x in allowed]
    else:
        assert got in allowed


@pytest.mark.parametrize("name", list(EXPECTED), ids=[n[:3] for n in EXPECTED])
def test_seed_body(name):
    exp = EXPECTED[name]
    body = seed(name).body
    assert exp["body_starts"] in body[:300]
    assert exp["body_ends"] in body[-300:]
    for bad in exp.get("must_not_contain") or []:
        assert bad not in body, bad
    if exp.get("paragraphs_at_least"):
        assert len([p for p in body.split("\n\n") if p.strip()]) >= exp["paragraphs_at_least"]


@pytest.mark.parametrize("name", list(EXPECTED), ids=[n[:3] for n in EXPECTED])
def test_seed_body_shape(name):
    body = seed(name).body
    assert "\n\n\n" not in body and not body.startswith("\n") and not body.endswith("\n")
    assert "\u00a0" not in body and "\t" not in body
    assert all(p == p.strip() and "  " not in p for p in body.split("\n\n"))


def test_seed_002_sections():
    exp = EXPECTED["002_cc89472fafd61c1f.txt"]
    a = seed("002_cc89472fafd61c1f.txt")
    assert a.format == "scrapform"
    for key in ("insights", "research", "summary", "questions"):
        assert a.sections[key].startswith(exp[f"{key}_starts"]), key
    assert a.sections["headline"] == a.title == exp["headline"]
    assert not a.sections.get("related")  # related: [] in the sample
    assert all("\t" not in v for v in a.sections.values())


def test_seed_formats():
    assert seed("000_a303cd94bd462ac9.txt").format == "markdown"
    assert seed("001_b6082e78780f4ce7.txt").format == "text"
    assert seed("004_5be44449854f0547.txt").format == "text"
