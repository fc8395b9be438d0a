"""Page text copied from a browser (.txt, stdin) → Article: the whole text read by the engine
(``page.analyze``), its metadata resolved from the evidence."""
from __future__ import annotations

from scrapnote.extract import Extractor
from scrapnote.extract.page import analyze, join_paragraphs, resolve
from scrapnote.models import Article


class PlainExtractor(Extractor):
    """Text copied from a web page."""

    def accepts(self, text: str, origin: str | None) -> bool:
        return True

    def extract(self, text: str, origin: str | None, url: str | None) -> Article:
        page = analyze(text)
        meta = resolve(page.evidence, url=url)
        return Article(title=page.title or "", body=join_paragraphs(page.paragraphs), format="text", origin=origin,
                       **meta)
