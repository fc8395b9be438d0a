"""The 용어집: the 용어 노트 as a file to share or study from — Markdown, HTML, Word, TSV (for a
spreadsheet: 용어, 설명, 노트, 처음, 마지막) and an Anki-importable TSV (front = the term, back = its
definitions, tags = scrapnote; the ``#separator``/``#html`` header lines Anki 2.1.54+ reads).

A renderer like the others: entries in (``app.learn.Term``), bytes out; links only http(s).
"""
from __future__ import annotations

from html import escape

from scrapnote.safetext import guard_cell

FORMATS = ("md", "html", "docx", "tsv", "anki")


def _defs(t) -> list[str]:
    seen: list[str] = []
    for d in t.definitions or [{"definition": t.definition}]:
        if d["definition"] not in seen:
            seen.append(d["definition"])
    return seen


def _one_cell(s: str) -> str:
    return " ".join(str(s).split())


def markdown(entries, title: str = "용어집") -> str:
    lines = [f"# {title}", "", f"{len(entries)}개 용어", ""]
    for t in entries:
        lines.append(f"## {t.term}")
        lines.append("")
        lines.extend(f"- {d}" for d in _defs(t))
        lines.append("")
        lines.append(f"노트: {', '.join(f'#{i}' for i in t.notes)} · {t.first or '-'} ~ {t.last or '-'}")
        lines.append("")
    return "\n".join(lines)


def html(entries, title: str = "용어집") -> str:
    parts = ["<!doctype html>", '<html lang="ko"><head><meta charset="utf-8">', f"<title>{escape(title)}</title>",
             "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.6}"
             "dt{font-weight:bold;margin-top:1em}dd{margin-left:1.5em}.meta{color:#666;font-size:.9em}</style>",
             "</head><body>", f"<h1>{escape(title)}</h1>", f"<p>{len(entries)}개 용어</p>", '<dl class="glossary">']
    for t in entries:
        parts.append(f'<dt class="term">{escape(t.term)}</dt>')
        parts.extend(f'<dd class="definition">{escape(d)}</dd>' for d in _defs(t))
        parts.append(f'<dd class="meta">노트 {escape(", ".join(f"#{i}" for i in t.notes))} · '
                     f'{escape(t.first or "-")} ~ {escape(t.last or "-")}</dd>')
    parts.append("</dl></body></html>")
    return "\n".join(parts) + "\n"


def tsv(entries) -> str:
    rows = ["용어\t설명\t노트\t처음\t마지막"]
    for t in entries:
        rows.append("\t".join(guard_cell(_one_cell(x)) for x in (
            t.term, " / ".join(_defs(t)), ",".join(str(i) for i in t.notes), t.first or "", t.last or "")))
    return "\ufeff" + "\n".join(rows) + "\n"


def anki(entries) -> str:
    rows = ["#separator:tab", "#html:false", "#tags column:3"]
    for t in entries:
        rows.append("\t".join((_one_cell(t.term), _one_cell(" / ".join(_defs(t))), "scrapnote 용어")))
    return "\n".join(rows) + "\n"


def docx(entries, title: str = "용어집") -> bytes:
    import io

    from docx import Document

    doc = Document()
    doc.add_heading(title, level=1)
    doc.add_paragraph(f"{len(entries)}개 용어")
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    head = table.rows[0].cells
    head[0].text, head[1].text, head[2].text = "용어", "설명", "노트"
    for t in entries:
        cells = table.add_row().cells
        cells[0].text = t.term
        cells[1].text = "\n".join(_defs(t))
        cells[2].text = ", ".join(f"#{i}" for i in t.notes)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def render(fmt: str, entries) -> bytes:
    if fmt == "docx":
        return docx(entries)
    text = {"md": markdown, "html": html, "tsv": tsv, "anki": anki}[fmt](entries)
    return text.encode("utf-8")
