"""``--format txt``: a chat-friendly plain-text card per note — no Markdown syntax, short labelled
sections, the link on its own line (templates/export.txt.j2)."""
from __future__ import annotations

from scrapnote.exporters.base import TextLayoutExporter


class TextExporter(TextLayoutExporter):
    name = "txt"
    suffix = ".txt"
    layout_name = "export.txt.j2"
