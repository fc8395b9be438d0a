"""Text → Article. One small extractor per input shape, tried in order; ``--format`` picks one.

Each extractor has ``name``, ``accepts(text, origin)`` and ``extract(text, origin, url)``.
``load_articles`` is the whole way in: read the source, decode the bytes, extract — one Article per
filled form of a multi-form TSV, else one; ``load_article`` is the same for exactly one article.
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
    from scrapnote.extract.noteform import NoteformExtractor
    from scrapnote.extract.plain import PlainExtractor
    from scrapnote.extract.scrapform import ScrapformExtractor

    # Most specific first; plain text accepts anything.
    # noteform: Markdown under the form's ## headings (export -f md), before plain Markdown.
    return [ScrapformExtractor(), NoteformExtractor(), MarkdownExtractor(), HtmlExtractor(), PlainExtractor()]


def extract(text: str, *, fmt: str | None = None, origin: str | None = None, url: str | None = None) -> Article:
    """The article in ``text``. ``fmt`` (one of FORMATS) skips detection.

    InputError when ``text`` holds several filled scrap forms (use ``extract_all``)."""
    return _single(extract_all(text, fmt=fmt, origin=origin, url=url), origin)


def extract_all(text: str, *, fmt: str | None = None, origin: str | None = None,
                url: str | None = None) -> list[Article]:
    """Every article in ``text``: one per filled form when it is a TSV of several scrap forms
    (``scrapnote export 1 2 3 --format tsv``) or notes in an ``export -f md`` digest, else a list of
    the one article. In order."""
    text = _sanitize(text)
    extractors = _extractors()
    if fmt:
        chosen = next((e for e in extractors if e.name == fmt), None)
        if chosen is None:
            raise InputError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    else:
        chosen = next(e for e in extractors if e.accepts(text, origin))
    if chosen.name == "scrapform":
        from scrapnote.extract.scrapform import split_forms

        parts = split_forms(text)
    elif chosen.name == "noteform":
        from scrapnote.extract.noteform import split_notes

        parts = split_notes(text)  # an export -f md digest holds several notes
    else:
        parts = [text]
    articles = []
    for n, part in enumerate(parts, 1):
        article = chosen.extract(part, origin, url)
        if not article.body.strip() and not article.title.strip():
            where = f"{origin or 'input'}" + (f" (form {n} of {len(parts)})" if len(parts) > 1 else "")
            raise InputError(f"{where}: no article text found")
        articles.append(article)
    return articles


def _single(articles: list[Article], origin: str | None) -> Article:
    if len(articles) > 1:
        name = "stdin" if origin == "-" else origin or "input"
        raise InputError(f"{name}: holds {len(articles)} scrap forms")
    return articles[0]


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
    """Read ``arg`` (a path, "-" or a URL), decode it and extract the article.

    InputError when it holds several filled scrap forms (``load_articles`` reads those)."""
    articles = load_articles(arg, fmt=fmt, max_bytes=max_bytes)
    return _single(articles, articles[0].origin)


def load_articles(arg: str, *, fmt: str | None = None, max_bytes: int) -> list[Article]:
    """Read ``arg`` (a path, "-" or a URL), decode it and extract every article in it: one per
    filled form of a TSV holding several scrap forms, else a list of the one article."""
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
    articles = extract_all(text, fmt=fmt, origin=raw.origin, url=raw.url)
    if raw.url:
        articles = [dataclasses.replace(a, format="url", url=a.url or raw.url) for a in articles]
    return articles
