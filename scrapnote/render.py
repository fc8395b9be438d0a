"""Everything the user sees: Rich views on a terminal, plain aligned text when piped.

stdout carries data (tables, notes, JSON); stderr carries messages. ``NO_COLOR`` is honoured
(Rich reads it), and wide Hangul characters are measured by their cell width.
"""
from __future__ import annotations

import json
import os
import sys

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text


def console(stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    is_tty = stream.isatty()
    width = None
    if not is_tty:  # piped: no wrapping of long rows unless COLUMNS says so
        width = int(os.environ.get("COLUMNS") or 200)
    return Console(file=stream, highlight=False, soft_wrap=not is_tty and not stderr, width=width,
                   emoji=False)


_err: Console | None = None


def err() -> Console:
    global _err
    if _err is None or _err.file is not sys.stderr:
        _err = console(stderr=True)
    return _err


def message(text: str, style: str = "") -> None:
    err().print(Text(text, style=style) if style else Text(text))


def warn(text: str) -> None:
    err().print(Text("warning: ", style="yellow bold") + Text(text))


def error_line(text: str) -> None:
    err().print(Text("error: ", style="red bold") + Text(text), soft_wrap=True)


def print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _table(out: Console, columns: list[tuple[str, dict]]) -> Table:
    plain = not out.is_terminal
    t = Table(box=None if plain else __import__("rich.box", fromlist=["SIMPLE_HEAD"]).SIMPLE_HEAD,
              show_header=True, header_style="" if plain else "bold", pad_edge=False,
              padding=(0, 1) if not plain else (0, 2, 0, 0))
    for name, kw in columns:
        t.add_column(name, **kw)
    return t


def note_table(rows: list[dict], out: Console | None = None, marks: dict[int, str] | None = None) -> None:
    """The ``list`` table: id, 날짜, 출처, 제목, tags."""
    out = out or console()
    id_width = max([2, *(len(str(r["id"])) for r in rows)])
    t = _table(out, [("id", {"justify": "right", "no_wrap": True, "min_width": id_width}),
                     ("날짜", {"no_wrap": True, "min_width": 10}),
                     ("출처", {"no_wrap": True, "max_width": 12, "overflow": "ellipsis"}),
                     ("제목", {"ratio": 1, "overflow": "ellipsis", "no_wrap": True, "min_width": 10}),
                     ("tags", {"overflow": "ellipsis", "no_wrap": True, "max_width": 20})])
    if out.is_terminal:  # the title column takes what the others leave, cut with …: ids stay whole
        t.expand = True
    for r in rows:
        mark = (marks or {}).get(r["id"], "")
        title = Text(r.get("title") or "")
        if mark:
            title = Text(mark + " ", style="yellow") + title
        t.add_row(str(r["id"]), r.get("date") or "", r.get("source") or "", title,
                  ", ".join(r.get("tags") or []))
    out.print(t)


def note_view(note, template, out: Console | None = None) -> None:
    """``show``: a header with the article's facts, then each section under its label."""
    from rich.markdown import Markdown
    from rich.panel import Panel
    from rich.rule import Rule

    out = out or console()
    m = note.meta
    plain = not out.is_terminal
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold" if not plain else "", no_wrap=True)
    facts.add_column()
    url = m.get("url")
    rows = [("출처", m.get("source")), ("기자", m.get("reporter")), ("날짜", m.get("published")),
            ("링크", Text(url, style=f"link {url} underline") if url and not plain else url),
            ("산업", ", ".join(m.get("industry") or [])), ("기업", ", ".join(m.get("companies") or [])),
            ("태그", ", ".join(m.get("tags") or [])), ("스크랩", (m.get("scrapped") or "")[:16].replace("T", " "))]
    for k, v in rows:
        if v:
            facts.add_row(k, v if isinstance(v, Text) else Text(str(v)))
    title = Text(f"#{note.id}  ", style="dim") + Text(note.title or "(제목 없음)", style="bold")

    def body():
        if plain:
            yield title
            yield facts
        else:
            yield Panel(facts, title=title, title_align="left", border_style="cyan")
        for s in note.sections:
            label = s.heading
            yield Text("")
            if plain:
                yield Text(f"## {label}")
            else:
                yield Rule(Text(label, style="bold cyan"), align="left", style="cyan")
            text = s.text
            if not text:
                yield Text("(비어 있음)", style="dim")
            elif plain or s.key in ("body", "headline"):  # the article's words, never read as Markdown
                yield Text(text)
            else:
                yield Markdown(text, hyperlinks=True)

    renderables = list(body())
    if out.is_terminal and not plain:
        lines = sum(len(out.render_lines(r, out.options, pad=False)) for r in renderables)
        if lines > out.height:
            with out.pager(styles=True):
                for r in renderables:
                    out.print(r)
            return
    for r in renderables:
        out.print(r)


def questions_view(groups: dict[str, list[dict]], out: Console | None = None) -> None:
    """``questions``: the reader's 현직자 questions under each company."""
    out = out or console()
    for company, items in groups.items():
        out.print(Text(f"{company} ({len(items)})", style="bold cyan"))
        for q in items:
            out.print(Text("  - ") + Text(q["question"]) + Text(f"  (#{q['id']} {q['date']})", style="dim"))
        out.print("")


def _marked(text: str, spans, style: str, base: str = "") -> Text:
    t = Text(text, style=base)
    for a, b in spans or ():
        t.stylize(style, a, b)
    return t


def hits_table(hits, spans: dict | None = None, out: Console | None = None) -> None:
    """The ``search`` table, best first: id, 날짜, 출처, and the title with the match highlighted
    over a line of the body around the best match (highlighted too)."""
    out = out or console()
    if not out.is_terminal:  # the same text without laying out a Rich table (see plaintable)
        from scrapnote import plaintable

        lines = plaintable.lines(hits, out.width)
        if lines is not None:
            out.file.write("\n".join(lines) + "\n")
            return
    t = _table(out, [("id", {"justify": "right", "no_wrap": True}), ("날짜", {"no_wrap": True}),
                     ("출처", {"no_wrap": True, "max_width": 14, "overflow": "ellipsis"}),
                     ("제목 · 본문", {"ratio": 1, "overflow": "ellipsis", "no_wrap": True})])
    if out.is_terminal:  # the title column takes what the others leave, cut with …: ids stay whole
        t.expand = True
    for h in hits:
        sp = (spans or {}).get(h.id) or {}
        cell = _marked(h.title or "", sp.get("title"), "bold yellow")
        if h.snippet:
            cell = cell + Text("\n") + _marked(h.snippet, sp.get("snippet"), "bold yellow", base="dim")
        t.add_row(str(h.id), h.published or "", h.source or "", cell)
    out.print(t)
