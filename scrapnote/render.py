"""Everything the user sees: Rich views on a terminal, plain aligned text when piped.

stdout carries data (tables, notes, ids, JSON); stderr carries messages. ``NO_COLOR`` is honoured
(Rich reads it), and wide Hangul characters are measured by their cell width.

This module alone decides between Rich and plain output and asks whether a stream is a terminal;
cli.py hands it what an app function returned. Rich is imported inside the functions that draw
(a piped ``scrapnote search`` prints without it, see plaintable.py).
"""
from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    is_tty = stream.isatty()
    width = None
    if not is_tty:  # piped: no wrapping of long rows unless COLUMNS says so
        width = int(os.environ.get("COLUMNS") or 200)
    return Console(file=stream, highlight=False, soft_wrap=not is_tty and not stderr, width=width,
                   emoji=False)


def preload() -> None:
    """Import what the Rich views need (search calls this while it waits for the file check)."""
    import rich.console  # noqa: F401
    import rich.table  # noqa: F401
    import rich.text  # noqa: F401


_err: Console | None = None


def err() -> Console:
    global _err
    if _err is None or _err.file is not sys.stderr:
        _err = console(stderr=True)
    return _err


# -- messages (stderr) --------------------------------------------------------------------------
def message(text: str, style: str = "") -> None:
    from rich.text import Text

    err().print(Text(text, style=style) if style else Text(text))


def warn(text: str) -> None:
    from rich.text import Text

    err().print(Text("warning: ", style="yellow bold") + Text(text))


def warn_broken(error) -> None:
    """A note file that cannot be read is skipped with a warning naming it and the reason."""
    warn(f"skipped {error.path}: {error.reason}")


def error_line(text: str) -> None:
    from rich.text import Text

    err().print(Text("error: ", style="red bold") + Text(text), soft_wrap=True)


# -- data (stdout) ------------------------------------------------------------------------------
def print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def data_line(value) -> None:
    """One line of data on stdout (an id, a row of ``check``)."""
    import typer

    typer.echo(value)


# -- the terminal ---------------------------------------------------------------------------------
def can_ask() -> bool:
    """Whether a question can be put to the user: stdin is a terminal."""
    return sys.stdin.isatty()


def is_interactive() -> bool:
    """stdin and stdout are both terminals (``new`` opens the editor only then)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def confirm(question: str) -> bool:
    import typer

    return typer.confirm(question, default=False, err=True)


def ask_section(label: str, hint: str, current: str) -> str:
    """One section of ``new --interactive``: show the label, hint and draft; read lines until an empty one."""
    message(f"\n## {label}", style="bold cyan")
    if hint:
        message(hint, style="dim")
    if current:
        message(current, style="dim")
    message("(여러 줄 입력, 빈 줄로 끝 · 그대로 두려면 바로 Enter)", style="dim")
    lines = []
    while True:
        try:
            line = input("> " if not lines else "  ")
        except EOFError:
            break
        if not line.strip():
            break
        lines.append(line.rstrip())
    return "\n".join(lines)


def index_progress() -> Callable | None:
    """A progress bar on stderr for long index builds (only on a terminal): ``start(total)`` gives
    the ``tick()`` called once per note read."""
    if not sys.stderr.isatty():
        return None

    def start(total: int):
        from rich.progress import Progress

        prog = Progress(console=err(), transient=True)
        prog.start()
        task = prog.add_task("indexing notes", total=total)
        done = {"n": 0}

        def tick():
            done["n"] += 1
            prog.advance(task)
            if done["n"] >= total:
                prog.stop()

        return tick

    return start


def batch_progress() -> Callable | None:
    """A progress bar on stderr for ``new`` with several inputs (only on a terminal):
    ``start(total)`` gives ``tick()`` per input and ``tick(done=True)`` at the end."""
    if not sys.stderr.isatty():
        return None

    def start(total: int):
        if total < 2:
            return None
        from rich.progress import Progress

        prog = Progress(console=err(), transient=True)
        prog.start()
        task = prog.add_task("scrapping", total=total)

        def tick(done: bool = False):
            if done:
                prog.stop()
            else:
                prog.advance(task)

        return tick

    return start


def display_path(path) -> str:
    """A path relative to the current folder when it is inside it."""
    from pathlib import Path

    if path is None:
        return ""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# -- what each command shows ----------------------------------------------------------------------
def failed_input(arg: str, error: Exception) -> None:
    """``new``: one input could not be read (the others still land)."""
    error_line(f"{error}")


def new_result(result, *, as_json: bool, dry_run: bool, one_input: bool) -> None:
    """``new``: the ids on stdout and where each note went on stderr (or the notes' text or JSON)."""
    notes = result.notes
    if as_json:
        from scrapnote.app.notes import note_json

        data = [note_json(n) for n in notes]
        print_json(data[0] if len(data) == 1 and not result.failed and one_input else data)
    elif dry_run:
        for n in notes:
            sys.stdout.write(n.to_text())
    else:
        for n in notes:
            data_line(n.id)
            message(f"saved {n.id}: {display_path(n.path)}")
    if result.total > 1:
        message(f"{len(notes)} of {result.total} articles {'read' if dry_run else 'saved'}"
                + (f", {len(result.failed)} failed" if result.failed else ""))


_LIST_JSON_KEYS = ("id", "date", "published", "source", "title", "tags", "industry", "companies", "url",
                   "incomplete")


def listing(rows: list[dict], *, as_json: bool, filtered: bool) -> None:
    """``list``: the table (a ✎ marks a note with unwritten sections), or JSON."""
    if as_json:
        print_json([{k: r[k] for k in _LIST_JSON_KEYS} for r in rows])
        return
    if not rows:
        message("no notes" + (" match" if filtered else " yet: scrapnote new ARTICLE"))
        return
    note_table(rows, marks={r["id"]: "✎" for r in rows if r.get("incomplete")})


def show(note, *, as_json: bool, raw: bool) -> None:
    """``show``: the note's file byte for byte (``raw``), its JSON form, or the note view."""
    if raw:  # the file's bytes exactly as they are on disk (a BOM included)
        sys.stdout.flush()
        sys.stdout.buffer.write(note.path.read_bytes())
    elif as_json:
        from scrapnote.app.notes import note_json

        print_json(note_json(note))
    else:
        note_view(note)


def check_report(results: list[tuple[dict, list[str]]], filtered: bool = False) -> None:
    """``check``: a line per unfinished note on stdout (id, title, sections), a summary on stderr."""
    unfinished = [(r, miss) for r, miss in results if miss]
    for r, miss in unfinished:
        data_line(f"{r['id']}\t{r['title']}\t" + ", ".join(miss))
    if not results:
        message("no notes match" if filtered else "no notes yet")
    elif unfinished:
        message(f"{len(unfinished)} of {len(results)} notes have sections to write")
    else:
        message("the note is complete" if len(results) == 1 else f"all {len(results)} notes are complete")


def questions(groups: dict[str, list[dict]], *, as_json: bool) -> None:
    if as_json:
        print_json(groups)
        return
    if not groups:
        message("no questions written yet (적용할점 (현직자에게 할 질문))")
        return
    questions_view(groups)


def related(rows: list[dict], note_id: int, *, as_json: bool) -> None:
    if as_json:
        print_json([{k: r.get(k) for k in ("id", "score", "date", "source", "title", "url")} for r in rows])
        return
    if not rows:
        message(f"no related notes for {note_id} yet")
        return
    note_table(rows)


def export_result(result, *, fmt: str, split: str | None) -> None:
    """``export``: the text on stdout, or what was written where."""
    if result.output is not None:
        sys.stdout.write(result.output)
    if split:
        n = len(result.written)
        message(f"wrote {n} {fmt} file{'s' if n != 1 else ''} to {split}")
    elif result.written:
        message(f"wrote {result.count} note{'s' if result.count > 1 else ''} to {result.written[0]}")


def import_result(result) -> None:
    """``import``: warnings, the new ids on stdout, the ids that had to change."""
    for w in result.warnings:
        warn(w)
    for n in result.notes:
        data_line(n.id)
    for old, new in result.renumbered:
        message(f"id {old} is taken: imported as {new}")
    message(f"imported {len(result.notes)} note{'s' if len(result.notes) != 1 else ''}")


class SearchOutput:
    """How ``search`` prints its hits: JSON; plain text without Rich when stdout is no terminal
    (the usual case for scripts and the benchmark); else a Rich table with the matches marked."""

    def __init__(self, as_json: bool):
        from scrapnote import plaintable

        self.as_json = as_json
        self.plain = not as_json and plaintable.wanted(sys.stdout)

    def preload(self) -> None:
        """The output code loads while the note files are checked (``search(meanwhile=...)``)."""
        if self.plain:
            from rich import cells  # noqa: F401 - the cell widths (a small module)
        elif not self.as_json:
            preload()

    def show(self, result) -> None:
        if self.as_json:
            from scrapnote.search import hit_json

            print_json([hit_json(h) for h in result.hits])
            return
        if result.hits and self.plain:
            from scrapnote import plaintable

            lines = plaintable.lines(result.hits)
            if lines is not None:
                sys.stdout.write("\n".join(lines) + "\n")
                return
        if not result.hits:
            message("no notes match")
        else:
            hits_table(result.hits, result.spans)


# -- the Rich views -------------------------------------------------------------------------------
def _table(out: Console, columns: list[tuple[str, dict]]) -> Table:
    from rich.table import Table

    plain = not out.is_terminal
    t = Table(box=None if plain else __import__("rich.box", fromlist=["SIMPLE_HEAD"]).SIMPLE_HEAD,
              show_header=True, header_style="" if plain else "bold", pad_edge=False,
              padding=(0, 1) if not plain else (0, 2, 0, 0))
    for name, kw in columns:
        t.add_column(name, **kw)
    return t


def note_table(rows: list[dict], out: Console | None = None, marks: dict[int, str] | None = None) -> None:
    """The ``list`` table: id, 날짜, 출처, 제목, tags."""
    from rich.text import Text

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


def note_view(note, out: Console | None = None) -> None:
    """``show``: a header with the article's facts, then each section under its label."""
    from rich.markdown import Markdown
    from rich.panel import Panel
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

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
    from rich.text import Text

    out = out or console()
    for company, items in groups.items():
        out.print(Text(f"{company} ({len(items)})", style="bold cyan"))
        for q in items:
            out.print(Text("  - ") + Text(q["question"]) + Text(f"  (#{q['id']} {q['date']})", style="dim"))
        out.print("")


def _marked(text: str, spans, style: str, base: str = "") -> Text:
    from rich.text import Text

    t = Text(text, style=base)
    for a, b in spans or ():
        t.stylize(style, a, b)
    return t


def hits_table(hits, spans: dict | None = None, out: Console | None = None) -> None:
    """The ``search`` table, best first: id, 날짜, 출처, and the title with the match highlighted
    over a line of the body around the best match (highlighted too)."""
    from rich.text import Text

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
