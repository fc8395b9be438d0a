"""Text → Article. One small extractor per input shape, tried in order; ``--format`` picks one.

``EXTRACTORS`` is the one list of them, most specific first: detection tries them in its order
(plain text accepts anything) and ``--format`` offers its names (``FORMATS``), so a new shape is
one class and one row. Each extractor (an ``Extractor``) says whether a text is its shape
(``accepts``), how a file of that shape splits into several articles (``split``) and what the
article of one part is (``extract``). The form the notes will be written in (``form``, a
``Template``; None: the default form) tells the extractors of filled forms its labels.
``load_articles`` is the whole way in: read the source, decode the bytes, extract — one Article per
part; ``load_article`` is the same for exactly one article.
Heavy libraries (httpx, trafilatura, charset-normalizer) are imported inside the functions, and an
extractor's module only when it is used.
"""
from __future__ import annotations

import abc
from importlib import import_module
from typing import TYPE_CHECKING

from scrapnote.errors import InputError

if TYPE_CHECKING:  # cli.py reads FORMATS at start-up: nothing more is imported for it
    from scrapnote.models import Article
    from scrapnote.template import Template

# (the --format name, where its class lives), most specific first.
EXTRACTORS: tuple[tuple[str, str], ...] = (
    ("scrapform", "scrapnote.extract.scrapform:ScrapformExtractor"),  # a filled 스크랩 양식 (TAB rows), or several
    ("noteform", "scrapnote.extract.noteform:NoteformExtractor"),  # Markdown under the form's ## headings (export -f md)
    ("markdown", "scrapnote.extract.frontmatter:MarkdownExtractor"),  # Markdown, front matter or a .md file
    ("html", "scrapnote.extract.html:HtmlExtractor"),  # a saved or fetched web page
    ("text", "scrapnote.extract.plain:PlainExtractor"),  # text copied from a page: accepts anything
)
FORMATS: list[str] = [name for name, _where in EXTRACTORS]


class Extractor(abc.ABC):
    """One input shape. ``form``: the form the article is read for (its labels and sections), or
    None for the default form; set by ``extractors``."""

    form: Template | None = None
    # A page of this shape without an article body is not an article, whatever its title (a
    # web page's login wall, list page or folder listing); a form or copied text may be a title alone.
    needs_body: bool = False

    @abc.abstractmethod
    def accepts(self, text: str, origin: str | None) -> bool:
        """Is ``text`` (read from ``origin``, a path, "-" or a URL) this shape?"""

    def split(self, text: str) -> list[str]:
        """The texts of the articles ``text`` holds, in order; most shapes hold one."""
        return [text]

    def not_this(self, text: str) -> str | None:
        """Why ``text`` cannot be this shape at all, when ``--format`` asks for it (a page with
        no markup for ``html``); None when it may be. Asked only of a format the user chose: a
        forced shape that cannot fit is one error line, never an article made of junk."""
        return None

    @abc.abstractmethod
    def extract(self, text: str, origin: str | None, url: str | None) -> Article:
        """The article of one part of the text."""


def extractors(form: Template | None = None) -> list[tuple[str, Extractor]]:
    """``(name, extractor)`` for every row of ``EXTRACTORS``, in order, reading for ``form``."""
    out = []
    for name, where in EXTRACTORS:
        module, cls = where.split(":")
        extractor = getattr(import_module(module), cls)()
        extractor.form = form
        out.append((name, extractor))
    return out


def extract(text: str, *, fmt: str | None = None, origin: str | None = None, url: str | None = None,
            form: Template | None = None) -> Article:
    """The article in ``text``. ``fmt`` (one of FORMATS) skips detection.

    InputError when ``text`` holds several filled scrap forms (use ``extract_all``)."""
    return _single(extract_all(text, fmt=fmt, origin=origin, url=url, form=form), origin)


def extract_all(text: str, *, fmt: str | None = None, origin: str | None = None,
                url: str | None = None, form: Template | None = None, asked: bool = True) -> list[Article]:
    """Every article in ``text``, in order: the extractor's own ``split`` (one per filled form of a
    TSV of several scrap forms, ``scrapnote export 1 2 3 --format tsv``; one per note of an
    ``export -f md`` digest), else a list of the one article. ``asked``: ``fmt`` is the user's
    ``--format`` (a shape that cannot fit is an error), not the caller's guess (a fetched page)."""
    text = _sanitize(text)
    found = extractors(form)
    if fmt:
        chosen = next((e for name, e in found if name == fmt), None)
        if chosen is None:
            raise InputError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
        wrong = chosen.not_this(text) if asked else None
        if wrong:
            detected = next(name for name, e in found if e.accepts(text, None))
            raise InputError(f"{'stdin' if origin == '-' else origin or 'input'}: --format {fmt}, but {wrong}; "
                             f"leave out --format to read it as {detected}")
    else:
        chosen = next(e for _name, e in found if e.accepts(text, origin))
    parts = chosen.split(text)
    articles = []
    for n, part in enumerate(parts, 1):
        article = chosen.extract(part, origin, url)
        if not article.body.strip() and (chosen.needs_body or not article.title.strip()):
            where = f"{origin or 'input'}" + (f" (form {n} of {len(parts)})" if len(parts) > 1 else "")
            what = (" (the page has a title but no article body: a login wall, a list page or a folder "
                    "listing?)" if article.title.strip() else "")
            raise InputError(f"{where}: no article text found{what}")
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


def load_article(arg: str, *, fmt: str | None = None, max_bytes: int, form: Template | None = None) -> Article:
    """Read ``arg`` (a path, "-" or a URL), decode it and extract the article.

    InputError when it holds several filled scrap forms (``load_articles`` reads those)."""
    articles = load_articles(arg, fmt=fmt, max_bytes=max_bytes, form=form)
    return _single(articles, articles[0].origin)


def load_articles(arg: str, *, fmt: str | None = None, max_bytes: int,
                  form: Template | None = None, early=None) -> list[Article]:
    """Read ``arg`` (a path, "-" or a URL), decode it and extract every article in it: one per
    filled form of a TSV holding several scrap forms, else a list of the one article.

    ``early(titles, links)``: called with what a page names itself by (``html.quick_keys``) and
    the address it was fetched from, after decoding and before the extraction (seconds for a large
    page); it may raise to stop there (``new``'s duplicate check)."""
    from scrapnote.decode import decode_bytes, looks_like_html, sniff_meta_charset
    from scrapnote.sources import read_source

    raw = read_source(arg, max_bytes=max_bytes)
    name = "stdin" if raw.origin == "-" else raw.origin
    declared = raw.charset
    html_like = (raw.content_type or "").endswith(("html", "xhtml+xml")) or looks_like_html(raw.data)
    if not declared and html_like:
        declared = sniff_meta_charset(raw.data)
    text = decode_bytes(raw.data, max_bytes=max_bytes, name=name, declared=declared)
    if early is not None and html_like and fmt in (None, "html"):
        from scrapnote.extract.html import quick_keys

        titles, links = quick_keys(text)
        early(titles, [*links, *([raw.url] if raw.url else [])])
    asked = fmt is not None
    if fmt is None and raw.url and html_like:
        fmt = "html"
    articles = extract_all(text, fmt=fmt, origin=raw.origin, url=raw.url, form=form, asked=asked)
    if raw.url:
        import dataclasses

        articles = [dataclasses.replace(a, format="url", url=a.url or raw.url) for a in articles]
    return articles
