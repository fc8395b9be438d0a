"""Where the page fixtures are (tests/fixtures/pages/<shape>/), and a page's text as it is."""
from __future__ import annotations

from pathlib import Path

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"


def page_text(rel: str) -> str:
    """The text of ``tests/fixtures/pages/<rel>``: bytes → UTF-8, line ends kept."""
    return (PAGES / rel).read_bytes().decode("utf-8")
