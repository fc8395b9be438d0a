"""``--format md``: clean Markdown with the form's headings (layout: templates/export.md.j2)."""
from __future__ import annotations

import re

from scrapnote.exporters.base import Export, Exporter, render_layout


class MarkdownExporter(Exporter):
    name = "md"
    suffix = ".md"
    layout_name = "export.md.j2"
    help = "Markdown with the form's headings (Notion, Obsidian)"

    def render(self, export: Export) -> str:
        text = render_layout(self.layout_name, export, autoescape=False)
        return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
