"""Text → Article. One small extractor per input shape, tried in order; ``--format`` picks one.

Each extractor has ``name``, ``accepts(text, origin)`` and ``extract(text, origin, url)``.
``load_article`` is the whole way in: read the source, decode the bytes, extract.
Heavy libraries (httpx, trafilatura, charset-normalizer) are imported inside the functions.
"""
from __future__ import annotations

import dataclasses

from scrapnote.errors import InputError
from scrapnote.models import Article

FORMATS = ["text", "markdown", "html", "scrapform"]


def _extractors() -> list:
    from scrapnote.extract.frontmatter import MarkdownExtractor
    from scrapnote.extract.html import HtmlExtractor
    from scrapnote.extract.plain import PlainExtractor
    from scrapnote.extract.scrapform import ScrapformExtractor

    # Most specific first; plain text accepts anything.
    return [ScrapformExtractor(), MarkdownExtractor(), HtmlExtractor(), PlainExtractor()]


def extract(text: str, *, fmt: str | None = None, origin: str | None = None, url: str | None = None) -> Article:
    """The article in ``text``. ``fmt`` (one of FORMATS) skips detection."""
    text = _sanitize(text)
    extractors = _extractors()
    if fmt:
        chosen = next((e for e in extractors if e.name == fmt), None)
        if chosen is None:
            raise InputError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    else:
        chosen = next(e for e in extractors if e.accepts(text, origin))
    article = chosen.extract(text, origin, url)
    if not article.body.strip() and not article.title.strip():
        raise InputError(f"{origin or 'input'}: no article text found")
    return article


def _sanitize(text: str) -> str:
    """Control characters and lone surrogates out (lxml refuses them; no article has them)."""
    import re

    text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


def load_article(arg: str, *, fmt: str | None = None, max_bytes: int) -> Article:
    """Read ``arg`` (a path, "-" or a URL), decode it and extract the article."""
    from scrapnote.decode import decode_bytes, looks_like_html, sniff_meta_charset
    from scrapnote.sources import read_source

    raw = read_source(arg, max_bytes=max_bytes)
    name = "stdin" if raw.origin == "-" else raw.origin
    declared = raw.charset
    html_like = (raw.content_type or "").endswith(("html", "xhtml+xml")) or looks_like_html(raw.data)
    if not declared and html_like:
        declared = sniff_meta_charset(raw.data)
    text = decode_bytes(raw.data, max_bytes=max_bytes, name=name, declared=declared)
    if fmt is None and raw.url and html_like:
        fmt = "html"
    article = extract(text, fmt=fmt, origin=raw.origin, url=raw.url)
    if raw.url:
        article = dataclasses.replace(article, format="url", url=article.url or raw.url)
    return article
