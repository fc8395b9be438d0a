"""``--format md``: clean Markdown with the form's headings (layout: templates/export.md.j2)."""
from __future__ import annotations

from scrapnote.exporters.base import TextLayoutExporter


class MarkdownExporter(TextLayoutExporter):
    name = "md"
    suffix = ".md"
    layout_name = "export.md.j2"
