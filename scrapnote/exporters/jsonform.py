"""``--format json``: the DESIGN.md JSON form of each note, as a list (``scrapnote import`` reads it)."""
from __future__ import annotations

from scrapnote.exporters.base import Export, Exporter


class JsonExporter(Exporter):
    name = "json"
    suffix = ".json"

    def render(self, export: Export) -> str:
        from scrapnote.safetext import json_dumps

        return json_dumps([i.data for i in export.items]) + "\n"
