"""``--format docx`` (python-docx): a title, a metadata table and the form's sections under
headings; a digest has a table of contents, a heading per note and a page break between notes (a
study group's digest: a heading per part, member or day, its notes one level below, each with a
작성 row naming its member). A section's paragraphs and list items are runs drawn from their inline
Markdown (bold, italic, struck, Consolas code, real hyperlinks: exporters/inline.py); nested lists
are List Bullet/Number 2 and 3."""
from __future__ import annotations

import io
import re

from scrapnote import fields
from scrapnote.exporters.base import Block, Export, Exporter, blocks, note_view

FONT = "Malgun Gothic"  # 맑은 고딕: on every Windows and Office for Mac; Word substitutes elsewhere
_XML_BAD = "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"


def _x(text) -> str:
    """Text Word's XML can hold (control characters would make python-docx refuse it)."""
    return re.sub(_XML_BAD, "", str(text or ""))


class DocxExporter(Exporter):
    name = "docx"
    suffix = ".docx"
    binary = True

    def render(self, export: Export) -> bytes:
        from docx import Document
        from docx.oxml.ns import qn
        from docx.shared import Pt

        doc = Document()
        for style_name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
            style = doc.styles[style_name]
            style.font.name = FONT
            rpr = style.element.get_or_add_rPr()
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is None:
                fonts = rpr.makeelement(qn("w:rFonts"), {})
                rpr.append(fonts)
            fonts.set(qn("w:eastAsia"), FONT)
        doc.styles["Normal"].font.size = Pt(10.5)
        doc.core_properties.title = _x(export.title)

        views = [note_view(i) for i in export.items]
        if export.digest:
            doc.add_heading(_x(export.title), level=0)
            doc.add_paragraph(_x(" · ".join(p for p in (export.period, f"{len(views)}건",
                                                        f"작성: {export.member}" if export.member else "") if p)))
            doc.add_heading("목차", level=1)
            if export.parts:  # a study group's digest: its parts (members or days), each note under one
                by_item = {id(i): v for i, v in zip(export.items, views)}
                for p in export.parts:
                    doc.add_paragraph(_x(f"{p.heading} · {len(p.items)}건")).runs[0].bold = True
                    for i in p.items:
                        n = by_item[id(i)]
                        doc.add_paragraph(_x(f"{n['date']} · {n['title']} · {i.member or ''}".rstrip(" ·")),
                                          style="List Number")
                for p in export.parts:
                    doc.add_page_break()
                    doc.add_heading(_x(f"{p.heading} · {len(p.items)}건"), level=1)
                    for k, i in enumerate(p.items):
                        if k:
                            doc.add_page_break()
                        self._note(doc, by_item[id(i)], level=2)
            else:
                for n in views:
                    doc.add_paragraph(_x(f"{n['date']} · {n['title']}"), style="List Number")
                for n in views:
                    doc.add_page_break()
                    self._note(doc, n, level=1)
        else:
            self._note(doc, views[0], level=0)
        buf = io.BytesIO()
        doc.save(buf)
        return buf.getvalue()

    def _note(self, doc, n: dict, level: int) -> None:
        doc.add_heading(_x(n["title"]), level=level)
        rows = n["meta_rows"]
        if rows:
            table = doc.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for row in rows:
                cells = table.add_row().cells
                cells[0].text = _x(row["label"])
                cells[1].text = _x(row["value"])
                for run in cells[0].paragraphs[0].runs:
                    run.bold = True
        for s in n["sections"]:
            doc.add_heading(_x(s["label"] + (" (초안)" if s["draft"] else "")), level=level + 1)
            links = s[fields.RELATED]
            if links:
                for r in links:
                    doc.add_paragraph(_x(" — ".join(fields.link_parts(r))), style="List Bullet")
                continue
            for b in blocks(s["text"]):
                self._block(doc, b)

    def _block(self, doc, b: Block) -> None:
        """A paragraph, a list in the List Bullet / List Number style (nested ones a level deeper), a
        pipe table as a Word table
        (Table Grid, the header row bold, each column aligned as the delimiter row says)."""
        if b.kind == "table":
            from docx.enum.text import WD_ALIGN_PARAGRAPH

            align = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}
            table = doc.add_table(rows=0, cols=len(b.header))
            table.style = "Table Grid"
            for k, row in enumerate((b.header, *b.rows)):
                cells = table.add_row().cells
                for cell, text, a in zip(cells, row, b.aligns):
                    cell.text = _x(text)
                    para = cell.paragraphs[0]
                    if a in align:
                        para.alignment = align[a]
                    if k == 0:
                        for run in para.runs:
                            run.bold = True
        elif b.kind in ("ul", "ol"):
            self._list(doc, b, 1)
        else:
            _inline(doc.add_paragraph(), b.text)

    def _list(self, doc, b: Block, level: int) -> None:
        """A list's items in List Bullet / List Number, a nested list's in List Bullet 2 / List Number 2
        and 3 (deeper lists stay at 3, the template's last level); each numbered list counts on its own."""
        style = ("List Bullet" if b.kind == "ul" else "List Number") + (f" {level}" if level > 1 else "")
        num_id = _restarted_numbering(doc, b.start, style) if b.kind == "ol" else None
        for k, it in enumerate(b.items):
            p = doc.add_paragraph(style=style)
            _inline(p, it)
            if num_id is not None:
                p._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num_id
            for sub in b.sub(k):
                self._list(doc, sub, min(level + 1, MAX_LEVEL))


MONO = "Consolas"  # inline code: on every Windows and Office for Mac
MAX_LEVEL = 3  # python-docx's template has List Bullet/Number, … 2 and … 3
LINK_STYLE = "Hyperlink"


def _inline(p, text: str) -> None:
    """``text``'s inline Markdown as the paragraph's runs (``exporters.inline``): bold, italic and
    struck runs, inline code in a monospace run, a link as a real ``w:hyperlink`` to an external
    relationship (http(s) and mailto: addresses only), its runs in the Hyperlink character style."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from scrapnote.exporters.inline import events

    marks = {"strong": 0, "em": 0, "del": 0}
    link = None
    for kind, value in events(text):
        if kind in ("text", "code"):
            value = _x(value)
            if not value:
                continue
            run = p.add_run(value)
            run.bold = bool(marks["strong"]) or None
            run.italic = bool(marks["em"]) or None
            if marks["del"]:
                run.font.strike = True
            if kind == "code":
                run.font.name = MONO
            if link is not None:
                run.style = _link_style(p.part.document)
                link.append(run._r)
        elif kind == "open":
            marks[value] += 1
        elif kind == "close":
            marks[value] -= 1
        elif kind == "link":
            link = OxmlElement("w:hyperlink")
            link.set(qn("r:id"), p.part.relate_to(value, RT.HYPERLINK, is_external=True))
            p._p.append(link)
        else:
            link = None


def _link_style(doc):
    """The Hyperlink character style (blue, underlined), added to the document the first time."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import RGBColor

    styles = doc.styles
    if LINK_STYLE in [s.name for s in styles]:
        return styles[LINK_STYLE]
    style = styles.add_style(LINK_STYLE, WD_STYLE_TYPE.CHARACTER)
    style.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    style.font.underline = True
    return style


def _restarted_numbering(doc, start: int, style: str = "List Number") -> int | None:
    """A new Word numbering for one numbered list: the ``style``'s own list (List Number, List Number
    2, …), counting from ``start`` (every List Number paragraph shares one numbering, so a note's ``1.``
    list would go on from the digest's contents, 4, 5, …). None when the style has no numbering to
    start from."""
    try:
        style_num = doc.styles[style].element.pPr.numPr.numId.val
        numbering = doc.part.numbering_part.element
        abstract = numbering.num_having_numId(style_num).abstractNumId.val
    except (AttributeError, KeyError):
        return None
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return num.numId
