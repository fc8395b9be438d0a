"""``--format tsv``: the 스크랩 양식 as a spreadsheet pastes it (seed 002): the form's title, a blank
row, then one row per section — label, TAB, value — with each further line of a value on a
continuation row (empty first cell). ``scrapnote new exported.tsv`` reads it back.

The form has no rows for the publisher, reporter and date, so three rows (출처, 기자, 날짜) follow
기사링크: without them these facts would be lost on the way back; for the same reason a form without a
headline section gets a 제목 row first, and one without a link section the 기사링크 row and those three. Headings the form does not know are
not written (a spreadsheet row under an unknown label would be read as part of the row above);
``--format json`` carries everything. 연관기사 rows are ``headline url``, without the
collection's ``#id``. A digest is one form after another, separated by a blank row.

A cell that would start a formula in a spreadsheet (``=``, ``+``, ``-``, ``@``: a ``- 항목`` line
too) gets a ``'`` in front (``safetext.guard_cell``), which the TSV reader takes off again.
"""
from __future__ import annotations

from scrapnote import fields
from scrapnote.exporters.base import Export, Exporter, Item

META_ROWS = tuple((k, fields.meta_label(k)) for k in fields.TSV_META)


class TsvExporter(Exporter):
    name = "tsv"
    suffix = ".tsv"

    def render(self, export: Export) -> str:
        return "\n".join(form_rows(i) for i in export.items)

    def encode(self, data: str | bytes) -> bytes:
        """A file starts with a BOM: Excel opens a UTF-8 .tsv right only with one (stdout has none)."""
        if isinstance(data, bytes):
            return data
        return ("\ufeff" + data).encode("utf-8")


def form_rows(item: Item) -> str:
    note, form = item.note, item.form
    # a study group's note names its member on the form's title row (which the reader skips)
    rows = [_cell(form.title + (f" · 작성: {item.member}" if item.member else "")), ""]

    def add(label: str, value: str) -> None:
        lines = value.split("\n") if value else [""]
        rows.append(f"{_cell(label)}\t{_cell(lines[0])}")
        rows.extend(f"\t{_cell(ln)}" for ln in lines[1:])

    def link(label: str) -> None:
        add(label, note.meta.get(fields.URL) or "")
        for key, name in META_ROWS:
            add(name, note.meta.get(key) or "")

    # a form without a headline or a link section: the title and the facts would be lost on the way back
    if form.get(fields.HEADLINE) is None:
        add(fields.TITLE_LABEL, note.title)
    if form.get(fields.URL) is None:
        link(fields.URL_LABEL)
    for spec in form.sections:
        if spec.key == fields.URL and spec.store == "meta":
            link(spec.label)
        elif spec.store == "meta":
            add(spec.label, note.meta.get(spec.key) or "")
        elif fields.is_links(spec.key):
            add(spec.label, "\n".join(_related_line(r) for r in item.data[spec.key]))
        else:
            add(spec.label, note.section(spec.key))
    return "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    """One cell: a TAB would split it into two, so it becomes a space; a formula's first character
    is quoted."""
    from scrapnote.safetext import guard_cell

    return guard_cell((text or "").replace("\t", " ").rstrip())


def _related_line(r: dict) -> str:
    """``headline url``: no ``- `` bullet (a cell starting with ``-`` reads as a formula in Excel) and no
    ``#id`` (ids belong to one collection; in another one they would name a different note)."""
    return " ".join(fields.link_parts(r))
