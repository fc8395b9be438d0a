"""The export formats: one small Exporter class per format, in a plain list.

``scrapnote export --format`` takes its choices from ``FORMATS``; adding a format is one new module
and one line here. Nothing heavy is imported until a format renders (Jinja2, python-docx).
"""
from __future__ import annotations

from scrapnote.exporters.base import Exporter
from scrapnote.exporters.html import HtmlExporter
from scrapnote.exporters.jsonform import JsonExporter
from scrapnote.exporters.markdown import MarkdownExporter
from scrapnote.exporters.text import TextExporter
from scrapnote.exporters.tsv import TsvExporter
from scrapnote.exporters.word import DocxExporter

EXPORTERS: list[type[Exporter]] = [
    MarkdownExporter,
    HtmlExporter,
    DocxExporter,
    TsvExporter,
    JsonExporter,
    TextExporter,
]

FORMATS: list[str] = [e.name for e in EXPORTERS]


def get(name: str) -> Exporter:
    from scrapnote.errors import ScrapnoteError

    for e in EXPORTERS:
        if e.name == name:
            return e()
    raise ScrapnoteError(f"unknown export format '{name}' (choose from {', '.join(FORMATS)})")
