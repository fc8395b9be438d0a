"""``--format html``: one self-contained page (inline CSS, Korean fonts, A4 print styles, a table of
contents for a digest). Every piece of text is escaped by Jinja2's autoescape (templates/export.html.j2),
or by the ``inline`` filter that draws a section's inline Markdown (exporters/inline.py)."""
from __future__ import annotations

from scrapnote.exporters.base import Export, Exporter, render_layout


class HtmlExporter(Exporter):
    name = "html"
    suffix = ".html"
    layout_name = "export.html.j2"

    def render(self, export: Export) -> str:
        return render_layout(self.layout_name, export, autoescape=True)
