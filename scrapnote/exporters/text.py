"""``--format txt``: a chat-friendly plain-text card per note — no Markdown syntax, short labelled
sections, the link on its own line (templates/export.txt.j2)."""
from __future__ import annotations

import re

from scrapnote.exporters.base import Export, Exporter, render_layout


class TextExporter(Exporter):
    name = "txt"
    suffix = ".txt"
    layout_name = "export.txt.j2"
    help = "plain-text cards to post in a group chat"

    def render(self, export: Export) -> str:
        text = render_layout(self.layout_name, export, autoescape=False)
        return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
