"""The article check shared by the extraction round tests (test_extract_round3/4)."""
from __future__ import annotations


def check(a, exp: dict) -> None:
    """Every field ``exp`` names, where the body starts and ends, furniture gone, clean spacing."""
    for key in ("title", "url", "source", "reporter", "published"):
        if key in exp:
            assert getattr(a, key) == exp[key], (key, getattr(a, key))
    assert a.body.startswith(exp["starts"]), a.body[:160]
    assert a.body.endswith(exp["ends"]), a.body[-160:]
    for bad in exp.get("absent", []):
        assert bad not in a.body, bad
    for good in exp.get("present", []):
        assert good in a.body, good
    assert "\n\n\n" not in a.body and "\t" not in a.body and "\u00a0" not in a.body
    paragraphs = a.body.split("\n\n")
    assert len(paragraphs) == len(set(paragraphs)), "a paragraph twice"
