"""Everything the user sees: Rich views on a terminal, plain aligned text when piped.

stdout carries data (tables, notes, ids, JSON); stderr carries messages. ``NO_COLOR`` is honoured
(Rich reads it), and wide Hangul characters are measured by their cell width.

This module alone decides between Rich and plain output and asks whether a stream is a terminal;
cli.py hands it what an app function returned. Rich is imported inside the functions that draw
(a piped ``scrapnote search`` prints without it, see plaintable.py).

Every piece of a note it prints goes through ``safetext.visible`` first, on a terminal or not: a
field's control characters and escape sequences are shown as escapes (``\\x1b``), never sent. Text
reaches Rich as ``Text`` (never as markup: a title ``[bold]x[/]`` prints as typed), JSON through
``safetext.json_dumps``, and only an http(s) address becomes a terminal link (``_SafeLinks``). The
streams that are a file's bytes (``show --raw``, ``new --dry-run``, ``export`` to stdout) are written
exactly into a pipe or file and with the controls shown as escapes on a terminal (``data_text``).
"""
from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any
from collections.abc import Callable, Iterable, Iterator

from scrapnote import fields
from scrapnote.errors import ScrapnoteError
from scrapnote.safetext import json_dumps, link_target, visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    from scrapnote import settings

    stream = sys.stderr if stderr else sys.stdout
    try:
        color = settings.get("color")  # auto: Rich's own choice (a terminal, NO_COLOR honoured)
    except ScrapnoteError:
        color = "auto"  # a broken config file is reported by the command, through this console
    is_tty = stream.isatty() or (color == "always" and not stderr)
    width = None
    if not is_tty:  # piped: no wrapping of long rows unless COLUMNS says so
        width = _env_columns()
    extra: dict = {}
    if color == "never":
        extra["no_color"] = True
    elif color == "always":
        extra.update(no_color=False, force_terminal=True if not stderr else None)
    return Console(file=stream, highlight=False, soft_wrap=not is_tty and not stderr, width=width,
                   emoji=False, **extra)


def _env_columns() -> int:
    """The page width a pipe gets: COLUMNS when it is a positive whole number (as Rich reads it),
    else 200 — a COLUMNS=abc in the environment is no reason for an error."""
    v = os.environ.get("COLUMNS", "")
    return int(v) if v.isdigit() and int(v) > 0 else 200


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
def _plain_err(line: str, wraps: bool) -> bool:
    """Write ``line`` to stderr as Rich would (no terminal: no style), without loading Rich, when
    that is sure: no tab or line break, and — for a message Rich wraps at the page's width
    (``wraps``) — shorter than the page in characters of known width. False: Rich writes it."""
    if "\t" in line or "\n" in line or not _plain_stream(sys.stderr, stderr=True):
        return False
    if wraps:
        n = _known_cells(line)
        if n is None or n >= _env_columns() or line != line.strip():
            return False
    sys.stderr.write(line + "\n")
    sys.stderr.flush()
    return True


def message(text: str, style: str = "") -> None:
    text = visible(text)
    if _plain_err(text, wraps=True):
        return
    from rich.text import Text

    err().print(Text(text, style=style) if style else Text(text))


def warn(text: str) -> None:
    if _plain_err("warning: " + visible(text), wraps=False):
        return
    from rich.text import Text

    err().print(Text("warning: ", style="yellow bold") + Text(visible(text)), soft_wrap=True)  # one line, as errors


def warn_broken(error) -> None:
    """A note file that cannot be read is skipped with a warning naming it and the reason."""
    warn(f"skipped {error.path}: {error.reason}")


def warn_unreadable(n: int, where: str = "scrapnote check lists them") -> None:
    """One line for the note files a command left out because they cannot be read (the search
    names no file: ``where`` says which command does — ``scrapnote check`` for the own notes)."""
    if n:
        warn(f"{n} note file{'s' if n != 1 else ''} could not be read and {'were' if n != 1 else 'was'} "
             f"left out ({where})")


def error_line(text: str) -> None:
    if _plain_err("error: " + visible(text), wraps=False):
        return
    from rich.text import Text

    err().print(Text("error: ", style="red bold") + Text(visible(text)), soft_wrap=True)


# -- data (stdout) ------------------------------------------------------------------------------
def print_json(data) -> None:
    from scrapnote.consoles import json_for

    sys.stdout.write(json_for(sys.stdout, json_dumps(data)) + "\n")


def data_line(value) -> None:
    """One line of data on stdout (an id, a row of ``check``), in stdout's own encoding (click's echo
    would write UTF-8 to a console it thinks misconfigured, e.g. ``PYTHONIOENCODING=ascii``)."""
    sys.stdout.write(visible(str(value)) + "\n")


def data_text(text: str, *, is_json: bool = False) -> None:
    """A file's text on stdout (``new --dry-run``, ``export``): exactly into a pipe or a file; on a
    terminal with its control characters shown as escapes. On a console whose encoding lacks some
    of its characters, JSON gets ``\\uXXXX`` escapes for them and other text a ``?`` (never a plain
    symbol: a ``"`` for a ``“`` could end a quoted field)."""
    from scrapnote.consoles import json_for, lacks_characters

    if is_json:
        text = json_for(sys.stdout, text)
    elif lacks_characters(sys.stdout):
        text = text.encode(sys.stdout.encoding, "replace").decode(sys.stdout.encoding)
    sys.stdout.write(visible(text) if _stdout_is_terminal() else text)


def data_bytes(data: bytes) -> None:
    """A file's bytes on stdout (``show --raw``), the same way: exact unless stdout is a terminal,
    where they are read as UTF-8 (a byte that is not shown as ``\\xNN``) and controls escaped."""
    sys.stdout.flush()
    if _stdout_is_terminal():
        sys.stdout.write(visible(data.decode("utf-8", "backslashreplace")))
    else:
        sys.stdout.buffer.write(data)


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


# -- the terminal ---------------------------------------------------------------------------------
def can_ask() -> bool:
    """Whether a question can be put to the user: stdin is a terminal."""
    return sys.stdin.isatty()


def is_interactive() -> bool:
    """stdin and stdout are both terminals (``new`` opens the editor only then)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def confirm(question: str) -> bool:
    """A yes/no question on stderr, no by default. The Korean IME's keys count as the letters they
    sit on (ㅛ for y, ㅜ for n, ㅛㄷㄴ for yes), as the search reads English-mode typing."""
    from scrapnote.text.hangul import to_qwerty

    while True:
        sys.stderr.write(f"{visible(question)} [y/N]: ")
        sys.stderr.flush()
        try:
            answer = input()
        except EOFError:
            sys.stderr.write("\n")
            return False
        word = answer.strip()
        word = word if word in ("예", "네", "응", "아니", "아니요", "아니오") else to_qwerty(word).lower()
        if word in ("y", "yes", "예", "네", "응"):
            return True
        if word in ("", "n", "no", "아니", "아니요", "아니오"):
            return False
        sys.stderr.write("answer y or n (ㅛ or ㅜ)\n")


def ask_section(label: str, hint: str, current: str) -> str:
    """One section of ``new --interactive``: show the label, hint and draft; read lines until an empty one."""
    message(f"\n## {label}", style="bold cyan")
    if hint:
        message(hint, style="dim")
    if current:
        message(current, style="dim")
    message("(여러 줄 입력, 빈 줄로 끝 · 그대로 두려면 바로 Enter)", style="dim")
    lines: list[str] = []
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


# -- the pager ------------------------------------------------------------------------------------
_paging = {"on": True}


def set_paging(on: bool) -> None:
    """``--no-pager`` (cli.py) turns the pager off for this run."""
    _paging["on"] = on


def pager_command(environ=None) -> str | None:
    """The shell command a long view is piped to, or None to print it straight to the terminal.

    As git does: ``$PAGER`` when set (empty or ``cat``: no pager), else ``less`` when installed. On
    Windows with no ``$PAGER`` nothing is paged (``more`` shows colour codes as text). A ``$PAGER``
    whose program is not installed is not used either (the note would be lost, not shown)."""
    import shlex
    import shutil

    environ = os.environ if environ is None else environ
    if not _paging["on"]:
        return None
    from scrapnote import settings

    if not settings.get("pager"):
        return None
    cmd = environ.get("PAGER")
    if cmd is None:
        if sys.platform == "win32":
            return None
        cmd = "less"
    cmd = cmd.strip()
    if not cmd or cmd == "cat":
        return None
    try:
        program = shlex.split(cmd)[0]
    except (ValueError, IndexError):
        return None
    return cmd if shutil.which(program) else None


def pager_environment(environ=None) -> dict[str, str]:
    """The pager's environment: ``LESS=FRX`` (colours shown, not printed as ``ESC[``; quit when the
    text fits one screen; the text stays on the screen after quitting) and ``LV=-c`` when the user
    has not set them — git's defaults."""
    env = dict(os.environ if environ is None else environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    return env


def _pager():
    """A Rich pager that pipes to ``pager_command()`` with ``pager_environment()``, or None."""
    found = pager_command()
    if found is None:
        return None
    cmd: str = found
    from rich.pager import Pager

    class ShellPager(Pager):
        def show(self, content: str) -> None:
            import subprocess

            encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
            sys.stdout.flush()
            proc = subprocess.Popen(cmd, shell=True, stdin=subprocess.PIPE, env=pager_environment())
            try:
                assert proc.stdin is not None
                with proc.stdin as pipe:
                    pipe.write(content.encode(encoding, "replace"))
            except (OSError, KeyboardInterrupt):
                pass  # the reader quit the pager before the end
            while True:
                try:
                    proc.wait()
                    break
                except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs
                    pass

    return ShellPager()


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
        for d, ex in zip(data, result.explained):
            d["explain"] = ex
        print_json(data[0] if len(data) == 1 and not result.failed and one_input else data)
    elif dry_run:
        for n in notes:
            data_text(n.to_text())
    else:
        for n in notes:
            data_line(n.id)
            message(f"saved {n.id}: {display_path(n.path)}")
    if result.explained and not as_json:
        for n, ex in zip(notes, result.explained):
            message(explanation_text(n.id, ex))
    if result.total > 1:
        dups = len(getattr(result, "duplicates", ()))
        failed = len(result.failed) - dups
        message(f"{len(notes)} of {result.total} articles {'read' if dry_run else 'saved'}"
                + (f", {dups} already scrapped (--force scraps them again)" if dups else "")
                + (f", {failed} failed" if failed else ""))


def explanation_text(note_id, explained: dict) -> str:
    """``new --explain`` without ``--json``: each field's value, the evidence that won, the evidence
    that lost (kind, value, rank, where it was found)."""
    def entry(e: dict) -> str:
        where = f" — {e['where']}" if e.get("where") else ""
        return f"{e['kind']} (rank {e['rank']}): {e['value']}{where}"

    out = [f"evidence for note {note_id}:"]
    for name, f in explained.items():
        out.append(f"  {name}: {f['value'] if f['value'] is not None else '(none)'}")
        out += [f"    won   {entry(e)}" for e in f["won"]]
        out += [f"    lost  {entry(e)}" for e in f["lost"]]
    return "\n".join(out)


_LIST_JSON_KEYS = ("id", "date", "published", "source", "title", "tags", "industry", "companies", "url",
                   "incomplete")


LIST_COLUMNS = ("id", "date", "source", "title", fields.HEADLINE, "tags", "incomplete")  # what the list shows
LIST_CHUNK = 500  # rows of `list` laid out at once; the first chunk's widths hold for the rest


def listing(rows: Iterable[dict], *, as_json: bool, filtered: bool) -> None:
    """``list``: the table (a ✎ marks a note with unwritten sections), or JSON.

    The rows come one at a time (``app.listing.stream_rows``) and go out in chunks of
    ``LIST_CHUNK``: the first is out before the rest is read, and no table of every row is ever
    built. The columns take their widths from the first chunk — the whole table, and so exactly
    Rich's layout, for up to ``LIST_CHUNK`` notes; past it, a later cell wider than its column is
    cut with ``…``. Piped, the lines are written without Rich when they are the text Rich's plain
    table would write (plaintable.py), the title cut to the page when the table is wider; on a
    terminal the same lines, the title filling the width, through the pager when there are more
    rows than the terminal has lines. A chunk with text only Rich lays out faithfully goes
    through Rich in the same columns."""
    from itertools import islice

    if as_json:
        # an article without a headline has no title: null, as in the note's JSON form
        print_json([{k: (r[k] or None) if k == "title" else r[k] for k in _LIST_JSON_KEYS} for r in rows])
        return
    it = iter(rows)
    first = list(islice(it, LIST_CHUNK))
    if not first:
        message("no notes" + (" match" if filtered else " yet: scrapnote new ARTICLE"))
        return
    from scrapnote import plaintable

    piped = plaintable.wanted(sys.stdout)
    if len(first) < LIST_CHUNK and (piped or len(first) < console().height - 3):
        note_table(first, marks={r["id"]: "✎" for r in first if r.get("incomplete")})
        return
    chunks = _chunks(first, it)
    out = console()
    cells = [_list_cells(r) for r in first]
    widths = plaintable.list_widths(cells, plaintable.page_width() if piped else out.width - 1, fill=not piped)
    with _paged(out, more_than=None if piped else out.height) as target:
        header = True
        for chunk in chunks:
            lines = None
            if widths is not None:
                lines = plaintable.list_lines(cells if header else [_list_cells(r) for r in chunk], widths, header)
            if lines is None:  # text only Rich lays out faithfully (or a page too narrow): Rich
                note_table(chunk, out=target, marks=_marks(chunk), widths=widths or _table_widths(chunk, out),
                           header=header)
            else:
                if header and not piped and not target.no_color:
                    lines[0] = "\x1b[1m" + lines[0] + "\x1b[0m"  # the header bold, as Rich's
                target.file.write("\n".join(lines) + "\n")
            header = False


def group_listing(rows: list[dict], *, as_json: bool, filtered: bool) -> None:
    """``list --group``: a study group's rows, each with its ``member``; ids shown as ``민수:3``."""
    if as_json:
        keys = (*_LIST_JSON_KEYS, "member", "ref")
        print_json([{k: (r[k] or None) if k == "title" else r[k] for k in keys} for r in rows])
        return
    listing([{**r, "id": r["ref"]} for r in rows], as_json=False, filtered=filtered)


def _chunks(first: list[dict], rest: Iterator[dict]) -> Iterator[list[dict]]:
    from itertools import islice

    yield first
    while True:
        chunk = list(islice(rest, LIST_CHUNK))
        if not chunk:
            return
        yield chunk


def _marks(rows: list[dict]) -> dict[int, str]:
    return {r["id"]: "✎" for r in rows if r.get("incomplete")}


def _list_cells(r: dict) -> tuple[str, ...]:
    """A ``list`` row's cells as note_table shows them: one line each, controls escaped."""
    from scrapnote.note import shown_title

    text, drafted = shown_title(r.get("title"), r.get(fields.HEADLINE))
    title = ("[초안] " if drafted else "") + visible(text, oneline=True)
    if r.get("incomplete"):
        title = "✎ " + title
    return (visible(r["id"], oneline=True), visible(r.get("date"), oneline=True),
            visible(r.get("source"), oneline=True), title, visible(", ".join(r.get("tags") or []), oneline=True))


def _table_widths(rows: list[dict], out: Console, marks: dict[int, str] | None = None) -> list[int]:
    """Fixed column widths for a long ``list`` from its first chunk: what Rich measures for the
    id, 날짜, 출처 and tags (capped as note_table caps them), the title the rest of the page; on a
    page too narrow, the tags left out (width 0), the date compact, the source cut or left out
    first (plaintable.list_narrow). ``marks``: the ✎ of each row, when not its ``incomplete``."""
    from rich.cells import cell_len

    from scrapnote import plaintable

    widths = [max(lo, cell_len(h)) for lo, h in zip(plaintable.LIST_MIN, plaintable.LIST_HEADERS)]
    if marks is not None:
        rows = [{**r, "incomplete": bool(marks.get(r["id"]))} for r in rows]
    for cells in map(_list_cells, rows):
        widths = [max(w, cell_len(c)) for w, c in zip(widths, cells)]
    widths = [min(w, hi) if hi else w for w, hi in zip(widths, plaintable.LIST_MAX)]
    # what the page leaves for the title: piped two spaces after each column; on a terminal
    # Rich's cell padding and column rules (three cells a column, the table filling the page)
    def overhead(n: int) -> int:  # piped: no padding after the last column (pad_edge=False); a terminal: one cell spare
        return 3 * n if out.is_terminal else plaintable.GAP * (n - 1)

    widths = plaintable.list_narrow(widths, out.width, overhead)
    room = out.width - (sum(widths) - widths[3]) - overhead(sum(1 for k, w in enumerate(widths) if w or k == 3))
    widths[3] = max(plaintable.LIST_MIN[3], room if out.is_terminal else min(widths[3], room))
    return widths


class _paged:
    """A console writing to the pager (``$MANPAGER``, ``$PAGER``, else ``less -R``) as the rows
    come, once ``more_than`` rows were asked for; else ``out`` itself. The pager gets the first
    chunk at once (Rich's own pager would wait for the whole text). A pager quit early ends the
    output quietly."""

    def __init__(self, out: Console, more_than: int | None):
        import subprocess

        self.out = out
        self.more_than = more_than
        self.proc: subprocess.Popen[str] | None = None

    def __enter__(self) -> Console:
        if self.more_than is None:
            return self.out
        import shutil
        import subprocess

        cmd = os.environ.get("MANPAGER") or os.environ.get("PAGER") or ("less -R" if shutil.which("less") else "")
        if not cmd.strip():
            return self.out
        from rich.console import Console

        try:
            self.proc = subprocess.Popen(cmd, shell=True, stdin=subprocess.PIPE, text=True, encoding="utf-8",
                                         errors="backslashreplace")
        except OSError:
            return self.out
        system: Any = self.out.color_system  # the terminal's own ("standard", "256", …)
        return Console(file=self.proc.stdin, force_terminal=True, color_system=system,
                       width=self.out.width, highlight=False, emoji=False, no_color=self.out.no_color)

    def __exit__(self, kind, exc, tb) -> bool:
        if self.proc is None:
            return False
        try:
            assert self.proc.stdin is not None  # opened with stdin=PIPE
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        self.proc.wait()
        return kind is BrokenPipeError  # the reader quit the pager: nothing more to show


def show(note, *, as_json: bool, raw: bool, ref: str | None = None) -> None:
    """``show``: the note's file byte for byte (``raw``), its JSON form, or the note view (headed
    ``ref``, a member's ``민수:3``, instead of ``#3`` when given)."""
    if raw:  # the file's bytes exactly as they are on disk (a BOM included)
        data_bytes(note.path.read_bytes())
    elif as_json:
        from scrapnote.app.notes import note_json

        print_json(note_json(note))
    else:
        note_view(note, ref=ref)


def check_report(results: list[tuple[dict, list[str]]], filtered: bool = False, as_json: bool = False) -> None:
    """``check``: a line per unfinished note on stdout (id, title, sections), a summary on stderr;
    or JSON: every note checked with the sections still to write (``[]`` when complete)."""
    if as_json:
        print_json([{"id": r["id"], "title": r.get("title"), "date": r.get("date"), "path": r.get("path"),
                     "complete": not miss, "unwritten": list(miss)} for r, miss in results])
        return
    unfinished = [(r, miss) for r, miss in results if miss]
    for r, miss in unfinished:  # TAB-separated: a TAB or line break in a field is shown as \\t, \\n
        data_line(f"{r['id']}\t{visible(r['title'], oneline=True)}\t"
                  + ", ".join(visible(m, oneline=True) for m in miss))
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


RELATED_JSON_KEYS = ("id", "score", "above_cutoff", "shared", "companies", "industry", "days", "date", "source", "title", "url")


def related(rows: list[dict], note_id: int, *, as_json: bool, cutoff: float, everything: bool = False) -> None:
    """``related``: each note with its score and why (the shared terms, the same company and
    industry, the days between them); or JSON with the same."""
    if as_json:
        print_json([{k: r.get(k) for k in RELATED_JSON_KEYS} for r in rows])
        return
    if not rows:
        message(f"no related notes for {note_id} (none scores {cutoff:g} or more"
                + ("" if everything else "; --all shows the closest") + ")")
        return
    related_view(rows, cutoff)


def related_reasons(r: dict) -> str:
    """Why a note is related, in one line: ``shared: HBM, 엔비디아 · same company: SK하이닉스 ·
    same industry: 반도체 · 3 days apart``."""
    from scrapnote.analyze.related import DATE_DAYS
    from scrapnote.text.keys import term_key

    # each term once, under its most telling reason (same company, then same industry, then
    # shared); the dates only when they are close enough to have raised the score (< DATE_DAYS)
    said: set[str] = set()

    def once(terms) -> list[str]:
        out = []
        for t in terms or ():
            k = term_key(t)
            if k not in said:
                said.add(k)
                out.append(t)
        return out

    companies, industry = once(r.get("companies")), once(r.get("industry"))
    shared = once(r.get("shared"))
    parts = []
    if shared:
        parts.append("shared: " + ", ".join(shared))
    if companies:
        parts.append("same company: " + ", ".join(companies))
    if industry:
        parts.append("same industry: " + ", ".join(industry))
    days = r.get("days")
    if days is not None and days < DATE_DAYS:
        parts.append("same day" if days == 0 else f"{days} day{'s' if days != 1 else ''} apart")
    return " · ".join(parts)


def _print_indented(out: Console, text: str, indent: int) -> None:
    """``text`` on lines of the page's width, each after ``indent`` spaces (dim)."""
    from rich.cells import cell_len
    from rich.text import Text

    width = max(20, out.width - indent)
    line = ""
    for word in visible(text, oneline=True).split(" "):
        if line and cell_len(line + " " + word) > width:
            out.print(Text(" " * indent + line, style="dim"), no_wrap=True, crop=True)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        out.print(Text(" " * indent + line, style="dim"), no_wrap=True, crop=True)


def related_view(rows: list[dict], cutoff: float, out: Console | None = None) -> None:
    """One line per note — id, score, date, source, title — and under it the reasons; notes below
    the cut-off (``related --all``) after a line saying so."""
    from rich.text import Text

    from scrapnote.note import shown_title

    out = out or console()
    w_id = max(len(str(r["id"])) for r in rows)
    below_said = False
    for r in rows:
        if not r.get("above_cutoff", True) and not below_said:
            out.print(Text(f"below the cut-off ({cutoff:g}): not drafted as related", style="dim"))
            below_said = True
        title, drafted = shown_title(r.get("title"), r.get(fields.HEADLINE))
        head = Text(f"{r['id']:>{w_id}}  ") + Text(f"{r['score']:.3f}", style="bold") + Text("  ")
        head += Text(visible(" ".join(x for x in (r.get("date") or "", r.get("source") or "") if x), oneline=True)
                     + "  ", style="cyan")
        head += Text(("[초안] " if drafted else "") + visible(title, oneline=True))
        head.truncate(out.width, overflow="ellipsis")  # one line, as list's title column is cut
        out.print(head, no_wrap=True, crop=True)
        # the reasons whole: wrapped to the page under the title
        _print_indented(out, related_reasons(r), w_id + 2)


def export_result(result, *, fmt: str, split: str | None) -> None:
    """``export``: the text on stdout, or what was written where."""
    if result.output is not None:
        data_text(result.output, is_json=fmt == "json")
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
    n, skipped = len(result.notes), len(result.skipped)
    if skipped:
        message(f"imported {n} of {n + skipped} notes, {skipped} already here (--force imports copies)")
    else:
        message(f"imported {n} note{'s' if n != 1 else ''}")


def group_hits(hits, spans_by_path: dict, *, as_json: bool) -> bool:
    """``search --group``: the own search's view (``SearchOutput``: the ranked table, matches
    marked; piped, the same plain lines) with the ref (``민수:3``) in the id column and a 멤버
    column; or JSON with ``member`` and ``ref``; no hit is a message and False (nothing on
    stdout, as ``search``)."""
    import dataclasses

    if not hits:
        message("no notes match")
        return False
    if as_json:
        from scrapnote.search import hit_json

        print_json([{**hit_json(h), "member": m, "ref": f"{m}:{h.id}"} for m, h in hits])
        return True
    # ids repeat across members: each hit keyed by its place in the ranking, shown by its ref
    shown = [dataclasses.replace(h, id=k) for k, (_m, h) in enumerate(hits)]
    spans = {k: spans_by_path.get(h.path) or {} for k, (_m, h) in enumerate(hits)}
    refs = [visible(f"{m}:{h.id}", oneline=True) for m, h in hits]
    members = [visible(m, oneline=True) for m, _h in hits]
    out = SearchOutput(False)
    shown, spans = visible_hits(shown, spans)
    if out.plain:
        from scrapnote import plaintable

        lines = plaintable.lines(shown, spans=spans, refs=refs, members=members)
        if lines is not None:
            sys.stdout.write("\n".join(lines) + "\n")
            return True
    hits_table(shown, spans, refs=refs, members=members)
    return True


def group_sync_result(results) -> None:
    for r in results:
        if r.rewritten:
            warn(f"the history at {r.remote} was rewritten (force-pushed) since your last group sync: "
                 "your notes were published on top of it")
        for line in r.published:
            message(f"published as {r.member}: {line}")
        if r.pulled:
            message(f"pulled {r.pulled} commit{'s' if r.pulled != 1 else ''} from {r.remote}")
        if r.pushed:
            message(f"pushed to {r.remote}")
        if not (r.published or r.pulled):
            message(f"{r.remote}: up to date")


def group_names(groups, *, as_json: bool) -> None:
    if as_json:
        print_json(groups)
        return
    if not groups:
        message("no group yet: scrapnote group add NAME URL")
    for g in groups:
        data_line(f"{g['group']}\t{', '.join(g['members'])}")


def _won(n: int) -> str:
    return f"{n:,}원"


def _week_state(report: dict) -> str:
    """Why no 미제출 fine is counted this week, if none is: ``, 마감 전`` / ``, 그룹 생성 전``."""
    if report.get("open"):
        return ", 마감 전: 미제출 벌금은 마감 뒤에"
    if report.get("before_group"):
        return ", 그룹 생성 전: 벌금 없음"
    return ""


def week_text(report: dict) -> str:
    """The week's 인증 as a card for the group chat."""
    lines = [f"[{report['group']}] {report['week']} 인증 ({report['from']} ~ {report['to']}, "
             f"마감 {report['deadline'][:16].replace('T', ' ')}{_week_state(report)})"]
    for r in report["members"]:
        mark = "✅" if r["handed_in"] >= report["per_week"] and not r["late"] else ("⏰" if r["handed_in"] else "❌")
        if report.get("open") and r["handed_in"] < report["per_week"] and not r["late"]:
            mark = "⏳"  # still to hand in: the deadline has not passed
        head = f"{mark} {r['member']}: {r['handed_in']}/{report['per_week']}"
        extra = [f"지각 {r['late']}"] if r["late"] else []
        extra += [f"미작성 {r['unwritten']}"] if r["unwritten"] else []
        extra += [f"벌금 {_won(r['fine'])}"] if r["fine"] else []
        lines.append(head + (f" ({', '.join(extra)})" if extra else ""))
        for n in r["notes"]:
            tail = []
            if n["late"]:
                tail.append("지각")
            if n["unwritten"]:
                tail.append("미작성: " + ", ".join(n["unwritten"]))
            lines.append(f"   - {n['ref']} {n['title']}" + (f" [{'; '.join(tail)}]" if tail else ""))
    if report["total_fine"]:
        lines.append(f"벌금 합계 {_won(report['total_fine'])}")
    return "\n".join(lines) + "\n"


def week_html(report: dict) -> str:
    from html import escape

    rows = []
    for r in report["members"]:
        notes = "<br>".join(escape(f"{n['ref']} {n['title']}") + (" <b>지각</b>" if n["late"] else "")
                            + (f" <i>미작성: {escape(', '.join(n['unwritten']))}</i>" if n["unwritten"] else "")
                            for n in r["notes"])
        rows.append(f"<tr><td>{escape(r['member'])}</td><td>{r['handed_in']}/{report['per_week']}</td>"
                    f"<td>{r['late']}</td><td>{r['unwritten']}</td><td>{r['missing']}</td>"
                    f"<td>{escape(_won(r['fine']))}</td><td>{notes}</td></tr>")
    title = escape(f"{report['group']} {report['week']} 인증")
    return (f"<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}"
            "td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}</style></head><body>"
            f"<h1>{title}</h1><p>{escape(report['from'])} ~ {escape(report['to'])}, 마감 "
            f"{escape(report['deadline'][:16].replace('T', ' ') + _week_state(report))}</p><table><tr><th>멤버</th><th>제출</th>"
            "<th>지각</th><th>미작성</th><th>미제출</th><th>벌금</th><th>노트</th></tr>"
            + "".join(rows) + f"</table><p>벌금 합계 {escape(_won(report['total_fine']))}</p></body></html>\n")


def group_week(report: dict, *, fmt: str, as_json: bool) -> None:
    """``group week``: JSON, the chat card (txt), a page (html), or a table on the terminal."""
    if as_json:
        print_json(report)
    elif fmt == "html":
        data_text(week_html(report))
    elif fmt == "txt" or not _stdout_is_terminal():
        data_text(week_text(report))
    else:
        from rich.table import Table

        t = Table(title=f"{report['group']} {report['week']} 인증 ({report['from']} ~ {report['to']}"
                        f"{_week_state(report)})")
        for col in ("멤버", "제출", "지각", "미작성", "미제출", "벌금", "노트"):
            t.add_column(col)
        for r in report["members"]:
            t.add_row(_cell(r["member"]), f"{r['handed_in']}/{report['per_week']}", str(r["late"]),
                      str(r["unwritten"]), str(r["missing"]), _won(r["fine"]),
                      _cell("\n".join(f"{n['ref']} {n['title']}" for n in r["notes"])))
        console().print(t)
        if report["total_fine"]:
            message(f"벌금 합계 {_won(report['total_fine'])}")


def conflict_lines(paths, device: str | None = None) -> None:
    """The texts a sync kept aside (``sync``, ``check``), one line each on stderr: another device's
    (``12-<other>.md``), or this device's own that another device kept its text over (``12-<device>.md``)."""
    import re

    for p in paths:
        nid, _, who = p.stem.partition("-")
        if device is not None and device in (who, re.sub(r"-\d+$", "", who)):
            warn(f"conflict: your text of #{nid} is kept in {display_path(p)} (another device kept its own "
                 "in notes/): compare, copy what you want into the note, then delete the file")
        else:
            warn(f"conflict: another device's text of #{nid} is kept in {display_path(p)}: "
                 "compare, copy what you want into the note, then delete the file")


def sync_result(result, kept, device: str | None = None) -> None:
    """``sync``: what was committed, renumbered, kept aside, pulled and pushed (stderr)."""
    if result.initialized:
        message("the collection is now a git repository (.scrapnote/ is ignored)")
    for line in result.committed:
        message(f"committed: {line}")
    if result.rewritten:
        warn(f"the history at {result.remote} was rewritten (force-pushed) since this device last synced: "
             "nothing here was lost — your notes were put back on top of it")
    for old, new in result.renumbered:
        warn(f"#{old} from this device is now #{new} (#{old} is a note from another device)")
    for line in result.kept:
        warn(line)
    if result.pulled:
        message(f"pulled {result.pulled} commit{'s' if result.pulled != 1 else ''} from {result.remote}")
    changed = result.committed or result.pulled or result.renumbered or result.initialized or result.pushed
    if result.pushed:
        n = result.pushed_commits
        message(f"pushed to {result.remote} ({n} commit{'s' if n != 1 else ''})")
    elif result.remote is None:
        message("no remote to push to (scrapnote sync --init REMOTE, or git remote add origin URL)")
    elif changed:
        message(f"nothing to push: {result.remote} is up to date")
    told = set()
    for nid, keeper, path in result.mine_aside:
        told.add(path)
        warn(f"#{nid}: {keeper} kept its text; yours is in {display_path(path)}")
    conflict_lines([p for p in kept if p not in told], device)
    if not changed:
        message("nothing changed: up to date" + (f" with {result.remote}" if result.remote else ""))


def config_result(action: str, outcome) -> None:
    """``config``: the file's path; every key as a TOML line (defaults commented out); what was set."""
    from scrapnote import settings

    if action == "path":
        data_line(outcome)
    elif action == "show":
        for key, value, from_file, note in outcome:  # the value in effect; a default is commented out
            shown = settings.toml_value(value) if value is not None else '""'
            if from_file:
                data_line(f"{key} = {shown}" + (f"  # {note}" if note else ""))
            else:
                data_line(f"# {key} = {shown}  (default{': ' + note if note else ''})")
    elif action == "set":
        key, value, path = outcome
        message(f"{'removed ' + key if value == '' else 'set ' + key} in {path}")
    else:
        message(f"settings saved in {outcome}")


class SearchOutput:
    """How ``search`` prints its hits: JSON; plain text without Rich when stdout is no terminal
    (the usual case for scripts and the benchmark); else a Rich table with the matches marked."""

    def __init__(self, as_json: bool):
        from scrapnote import plaintable

        from scrapnote import settings

        self.as_json = as_json
        self.plain = not as_json and plaintable.wanted(sys.stdout) and settings.get("color") != "always"

    def preload(self) -> None:
        """The output code loads while the note files are checked (``search(meanwhile=...)``)."""
        if self.plain:
            from rich import cells  # noqa: F401 - the cell widths (a small module)
        elif not self.as_json:
            preload()

    def show(self, result) -> bool:
        """Print the hits; False when there are none (then nothing goes to stdout: exit 1)."""
        if not result.hits:
            message("no notes match")
            return False
        if self.as_json:
            from scrapnote.search import hit_json

            print_json([hit_json(h) for h in result.hits])
            return True
        hits, spans = visible_hits(result.hits, result.spans)
        if hits and self.plain:
            from scrapnote import plaintable

            lines = plaintable.lines(hits, spans=spans)
            if lines is not None:
                sys.stdout.write("\n".join(lines) + "\n")
                return True
        hits_table(hits, spans)
        return True


def visible_hits(hits, spans: dict | None):
    """The hits with their shown fields made safe for a terminal (``safetext.visible``, one line
    each) and the highlight spans moved along; a hit with nothing to escape is the same object."""
    import dataclasses

    from scrapnote.safetext import visible_spans

    out_hits, out_spans = [], dict(spans or {})
    for h in hits:
        sp = (spans or {}).get(h.id) or {}
        title, t_sp = visible_spans(h.title or "", sp.get("title"), oneline=True)
        snip, s_sp = visible_spans(h.snippet or "", sp.get("snippet"), oneline=True)
        source, published = visible(h.source, oneline=True), visible(h.published, oneline=True)
        if (title, snip, source, published) != (h.title or "", h.snippet or "", h.source or "", h.published or ""):
            h = dataclasses.replace(h, title=title, snippet=snip, source=source or h.source,
                                    published=published or h.published)
            if sp:
                out_spans[h.id] = {**sp, "title": t_sp, "snippet": s_sp}
        out_hits.append(h)
    return out_hits, out_spans


# -- the Rich views -------------------------------------------------------------------------------
class _SafeLinks:
    """A renderable drawn as it is, except that a link (OSC 8, e.g. from a Markdown ``[x](url)``) is
    kept only for an http(s) address: a ``javascript:`` or ``file:`` target stays plain text."""

    def __init__(self, renderable):
        self.renderable = renderable

    def __rich_console__(self, console, options):
        from rich.segment import Segment

        for seg in console.render(self.renderable, options):
            style = seg.style
            if style is not None and style.link and not link_target(style.link):
                seg = Segment(seg.text, style.update_link(None), seg.control)
            yield seg

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        return Measurement.get(console, options, self.renderable)


def _cell(value) -> Text:
    """A table cell: the field as literal text (no Rich markup), on one line, controls escaped."""
    from rich.text import Text

    return Text(visible(value, oneline=True))


def _table(out: Console, columns: list[tuple[str, dict]]) -> Table:
    from rich.table import Table

    plain = not out.is_terminal
    t = Table(box=None if plain else __import__("rich.box", fromlist=["SIMPLE_HEAD"]).SIMPLE_HEAD,
              show_header=True, header_style="" if plain else "bold", pad_edge=False,
              padding=(0, 1) if not plain else (0, 2, 0, 0))
    for name, kw in columns:
        t.add_column(name, **kw)
    return t


def note_table(rows: list[dict], out: Console | None = None, marks: dict[int, str] | None = None,
               widths: list[int] | None = None, header: bool = True) -> None:
    """The ``list`` table: id, 날짜, 출처, 제목, tags; with ``widths``, in columns of exactly those
    widths (a chunk of a long list), the header only when ``header``."""
    from rich.text import Text

    from scrapnote import plaintable

    out = out or console()
    id_width = max([2, *(len(str(r["id"])) for r in rows)])
    cols: list[tuple[str, dict]] = [("id", {"justify": "right", "no_wrap": True, "min_width": id_width}),
            ("날짜", {"no_wrap": True, "min_width": 10}),
            ("출처", {"no_wrap": True, "max_width": 12, "overflow": "ellipsis"}),
            ("제목", {"ratio": 1, "overflow": "ellipsis", "no_wrap": True, "min_width": 10}),
            ("tags", {"overflow": "ellipsis", "no_wrap": True, "max_width": 20})]
    if widths is None:  # a page too narrow for the title: the others give way first (plaintable.list_narrow)
        narrow = _table_widths(rows, out, marks or {})
        if narrow[4] == 0:
            widths = narrow
    if widths is not None:
        cols = [(name, {**kw, "min_width": w, "max_width": w, "width": w, "ratio": None})
                for (name, kw), w in zip(cols, widths)]
    keep = [k for k in range(5) if widths is None or widths[k] or k == 3]
    compact = widths is not None and widths[1] < 10
    t = _table(out, [cols[k] for k in keep])
    t.show_header = header
    if out.is_terminal and widths is None:  # the title column takes what the others leave, cut with …
        t.expand = True
    for r in rows:
        mark = (marks or {}).get(r["id"], "")
        from scrapnote.note import shown_title

        text, drafted = shown_title(r.get("title"), r.get(fields.HEADLINE))
        title = Text("[초안] ", style="yellow") + _cell(text) if drafted else _cell(text)
        if mark:
            title = Text(mark + " ", style="yellow") + title
        date = r.get("date")
        cells = [_cell(r["id"]), _cell(plaintable.compact_date(date) if compact and date else date),
                 _cell(r.get("source")), title, _cell(", ".join(r.get("tags") or []))]
        t.add_row(*(cells[k] for k in keep))
    out.print(t)


def _plain_stream(stream, stderr: bool = False) -> bool:
    """Whether Rich would draw on ``stream`` as on a file (no terminal, no colour forced): then a
    plain text written by hand is exactly what Rich would write, and Rich need not be loaded
    (~30-40 ms of start-up for show, check, edit and delete piped)."""
    if any(os.environ.get(k) is not None for k in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")):
        return False
    try:
        if stream.isatty():
            return False
    except (ValueError, AttributeError):
        return False
    if stderr:
        return True
    from scrapnote import settings

    try:
        return settings.get("color") != "always"
    except ScrapnoteError:
        return True


def _known_cells(text: str) -> int | None:
    """The cells ``text`` takes when each of its characters' width is known without Rich (see
    plaintable.KNOWN), else None."""
    if text.isascii():
        return len(text) if text.isprintable() else None
    from scrapnote import plaintable

    if plaintable.KNOWN.fullmatch(text):
        return plaintable.cells(text)
    return None


def _header_id(note, ref: str | None) -> str:
    """The id heading ``show``: ``#3``, or a group member's ``민수:3``."""
    return visible(ref, oneline=True) if ref else f"#{note.id}"


def _plain_note(note, width: int, ref: str | None = None) -> str | None:
    """``note_view`` piped, as Rich draws it (the title, the facts as a grid of two columns, each
    section's heading and text as they are), written without Rich; None when Rich might lay it
    out otherwise (a fact wider than the page or with a character of unknown width, a tab)."""
    from scrapnote.note import shown_title, wikilinks_as_text

    m = note.meta
    label = fields.meta_label
    rows = [(label("source"), m.get("source")), (label("reporter"), m.get("reporter")),
            (label("published"), m.get("published")), ("링크", m.get("url")),
            (label("industry"), ", ".join(m.get("industry") or [])),
            (label("companies"), ", ".join(m.get("companies") or [])), (label("tags"), ", ".join(m.get("tags") or [])),
            (label("scrapped"), (m.get("scrapped") or m.get("created") or "")[:16].replace("T", " "))]
    facts = []
    for k, v in rows:
        if v:
            v = visible(v, oneline=True)
            kc, vc = _known_cells(k), _known_cells(v)
            if kc is None or vc is None or v != v.strip() or "  " in v or not v:
                return None
            facts.append((k, kc, v, vc))
    shown, drafted = shown_title(note.title, note.section(fields.HEADLINE))
    title = f"{_header_id(note, ref)}  " + ("[초안] " if drafted else "") + (visible(shown, oneline=True) or "(제목 없음)")
    out = [title]
    if facts:
        w1 = max(kc for _, kc, _, _ in facts)
        w2 = max(vc for _, _, _, vc in facts)
        if w1 + 2 + w2 > width:  # Rich would shrink and wrap the columns
            return None
        for k, kc, v, vc in facts:
            out.append(k + " " * (w1 - kc + 2) + v + " " * (w2 - vc))
    for s in note.sections:
        text = visible(wikilinks_as_text(s.text) if fields.is_links(s.key) else s.text)
        out += ["", f"## {visible(s.heading, oneline=True)}", text or "(비어 있음)"]
    page = "\n".join(out) + "\n"
    return None if "\t" in page else page


def note_view(note, out: Console | None = None, ref: str | None = None) -> None:
    """``show``: a header with the article's facts, then each section under its label. Markdown
    (and markdown-it, ~40 ms) is loaded only for a terminal: piped, sections are plain text, and
    written without Rich when Rich would write them as they are (``_plain_note``)."""
    if out is None and _plain_stream(sys.stdout):
        page = _plain_note(note, _env_columns(), ref)
        if page is not None:
            sys.stdout.write(page)
            return
    from rich.panel import Panel

    from scrapnote.note import wikilinks_as_text
    from rich.rule import Rule
    from rich.style import Style
    from rich.table import Table
    from rich.text import Text

    out = out or console()
    m = note.meta
    plain = not out.is_terminal
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold" if not plain else "", no_wrap=True)
    facts.add_column()
    url = m.get("url")
    href = link_target(url) if url and not plain else None  # a terminal link only to an http(s) address
    label = fields.meta_label
    rows = [(label("source"), m.get("source")), (label("reporter"), m.get("reporter")),
            (label("published"), m.get("published")),
            ("링크", Text(href, style=Style(link=href, underline=True)) if href else url),
            (label("industry"), ", ".join(m.get("industry") or [])),
            (label("companies"), ", ".join(m.get("companies") or [])), (label("tags"), ", ".join(m.get("tags") or [])),
            (label("scrapped"), (m.get("scrapped") or m.get("created") or "")[:16].replace("T", " "))]
    for k, v in rows:
        if v:
            facts.add_row(k, v if isinstance(v, Text) else _cell(v))
    from scrapnote.note import shown_title

    shown, drafted = shown_title(note.title, note.section(fields.HEADLINE))
    title = Text(f"{_header_id(note, ref)}  ", style="dim") + (Text("[초안] ", style="yellow") if drafted else Text("")) \
        + Text(visible(shown, oneline=True) or "(제목 없음)", style="bold")

    def body():
        if plain:
            yield title
            yield facts
        else:
            yield Panel(facts, title=title, title_align="left", border_style="cyan")
        for s in note.sections:
            label = visible(s.heading, oneline=True)
            yield Text("")
            if plain:
                yield Text(f"## {label}")
            else:
                yield Rule(Text(label, style="bold cyan"), align="left", style="cyan")
            text = visible(wikilinks_as_text(s.text) if fields.is_links(s.key) else s.text)
            if not text:
                yield Text("(비어 있음)", style="dim")
            elif plain or s.key in fields.ARTICLE_WORDS:  # the article's words, never read as Markdown
                yield Text(text)
            else:
                from rich.markdown import Markdown

                yield Markdown(text, hyperlinks=True)

    renderables = [_SafeLinks(r) for r in body()]
    pager = _pager() if out.is_terminal and not plain else None
    if pager is not None:
        lines = sum(len(out.render_lines(r, out.options, pad=False)) for r in renderables)
        if lines > out.height:
            with out.pager(pager, styles=True):
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
        out.print(Text(f"{visible(company, oneline=True)} ({len(items)})", style="bold cyan"))
        for q in items:
            also = f"; also {', '.join(q['others'])}" if q.get("others") else ""
            out.print(Text("  - ") + Text(visible(q["question"]))
                      + Text(f"  (#{q['id']} {visible(q['date'], oneline=True)}{visible(also, oneline=True)})",
                             style="dim"))
        out.print("")


def _marked(text: str, spans, style: str, base: str = "") -> Text:
    from rich.text import Text

    t = Text(text, style=base)
    for a, b in spans or ():
        t.stylize(style, a, b)
    return t


def hits_table(hits, spans: dict | None = None, out: Console | None = None, *, refs: list[str] | None = None,
               members: list[str] | None = None) -> None:
    """The ``search`` table, best first: id, 날짜, 출처, and the title with the match highlighted
    over a line of the body around the best match (highlighted too). A study group's: ``refs``
    shown in the id column (``민수:3``), ``members`` in a 멤버 column after it."""
    from rich.text import Text

    out = out or console()
    hits, spans = visible_hits(hits, spans)
    if not out.is_terminal:  # the same text without laying out a Rich table (see plaintable)
        from scrapnote import plaintable

        lines = plaintable.lines(hits, out.width, spans, refs=refs, members=members)
        if lines is not None:
            out.file.write("\n".join(lines) + "\n")
            return
    from rich.cells import cell_len

    from scrapnote.plaintable import MEMBER_HEADER, SOURCE_MAX, around, compact_date, layout

    # On a narrow terminal the title and snippet get the width first (plaintable.layout, with
    # Rich's three cells between columns): compact dates, the source cut, then dropped; the id
    # and the date never wrap nor shrink.
    ids = refs if refs is not None else [str(h.id) for h in hits]
    w_id = max([2, *(cell_len(i) for i in ids)])
    w_mem = max([4, *(cell_len(m) for m in members)]) if members is not None else 0
    w_lead = w_id + (w_mem + 3 if members is not None else 0)  # the columns that never shrink
    w_date = max([4, *(cell_len(h.published or "") for h in hits)])
    w_src = min(SOURCE_MAX, max([4, *(cell_len(h.source or "") for h in hits)]))
    compact, w_src = layout(out.width, w_lead, w_date, w_src, gap=3)
    dates = [compact_date(h.published or "") if compact else (h.published or "") for h in hits]
    w_date = max([4, *(cell_len(d) for d in dates)])
    w_text = max(1, out.width - (w_lead + w_date + w_src + (3 if w_src else 2) * 3))
    columns: list[tuple[str, dict]] = [("id", {"justify": "right", "no_wrap": True, "min_width": w_id})]
    if members is not None:
        columns.append((MEMBER_HEADER, {"no_wrap": True, "min_width": w_mem}))
    columns.append(("날짜", {"no_wrap": True, "min_width": w_date}))
    if w_src:
        columns.append(("출처", {"no_wrap": True, "max_width": w_src, "overflow": "ellipsis"}))
    columns.append(("제목 · 본문", {"ratio": 1, "overflow": "ellipsis", "no_wrap": True}))
    t = _table(out, columns)
    if out.is_terminal:  # the title column takes what the others leave, cut with …: ids stay whole
        t.expand = True
    for k, (h, d) in enumerate(zip(hits, dates)):
        sp = (spans or {}).get(h.id) or {}
        cell = _marked(h.title or "", sp.get("title"), "bold yellow")
        if h.snippet:
            snip, s_sp = around(h.snippet, sp.get("snippet"), w_text, cell_len)
            cell = cell + Text("\n") + _marked(snip, s_sp, "bold yellow", base="dim")
        row = [_cell(ids[k])] + ([_cell(members[k])] if members is not None else []) + [_cell(d)] \
            + ([_cell(h.source)] if w_src else []) + [cell]
        t.add_row(*row)
    out.print(t)
