"""``scrapnote browse``: the full-screen view (Textual) — a query line searched on every keystroke
with the same lanes and ranking as ``search``, the hits, and the selected note as ``show``
renders it. Part of the output rooms (with render.py): the use cases are ``app/browse.py``'s.

Keys (the footer shows them): enter full view · e edit · d delete · t tag · space select ·
x export the selection · o open the link · f filters · / the query · q quit.

Textual is imported by this module only, and this module only by ``browse``.
"""
from __future__ import annotations

import io
import os
import time

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, Label, Static

from scrapnote.app import browse as use
from scrapnote.safetext import visible

REFRESH_SECONDS = 2.0  # how often the files are checked for notes changed behind the app's back


def note_text(note, width: int) -> Text:
    """The note as ``show`` draws it on a terminal, as one Rich Text of ``width`` cells."""
    from rich.console import Console

    from scrapnote import render

    buf = io.StringIO()
    out = Console(file=buf, width=max(30, width), height=10**6, force_terminal=True, highlight=False,
                  emoji=False, no_color=bool(os.environ.get("NO_COLOR")), color_system="truecolor")
    render.note_view(note, out=out)
    return Text.from_ansi(buf.getvalue())


def said(e: Exception) -> str:
    """An error as the status line says it, as the commands' error line would (``error: …``)."""
    if isinstance(e, OSError) and e.strerror:  # the file system said no: where and why
        return f"error: {e.filename + ': ' if e.filename else ''}{e.strerror.lower()}"
    return f"error: {e}"


def _title(row: use.Row, selected: bool) -> Text:
    t = Text(visible(row.title, oneline=True) or "(제목 없음)")
    for a, b in row.spans:
        t.stylize("bold reverse" if os.environ.get("NO_COLOR") else "bold yellow", a, b)
    if selected:
        t = Text("● ", style="bold") + t
    return t


class Ask(ModalScreen[str | None]):
    """One line to type (a tag, an export format or path, a filter); escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def __init__(self, question: str, value: str = ""):
        super().__init__()
        self.question, self.value = question, value

    def compose(self) -> ComposeResult:
        with Vertical(id="ask"):
            yield Label(self.question)
            yield Input(value=self.value, id="answer")

    @on(Input.Submitted)
    def done(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(ModalScreen[bool]):
    BINDINGS = [Binding("y,ㅛ", "yes", "yes"), Binding("n,ㅜ,escape", "no", "no")]

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="ask"):
            yield Label(self.question)
            yield Label("y: yes · n: no, keep it", classes="hint")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)


class Link(ModalScreen[None]):
    """A link nothing could open here (no browser: a server over SSH): shown whole, to copy."""

    BINDINGS = [Binding("escape,enter,q", "close", "close")]

    def __init__(self, href: str):
        super().__init__()
        self.href = href

    def compose(self) -> ComposeResult:
        with Vertical(id="ask"):
            yield Label("no browser could open the link here — copy it from below "
                        "(it was also sent to the terminal's clipboard, where the terminal allows it):")
            yield Static(Text(self.href, overflow="fold"), id="link")
            yield Label("escape: close", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)


class FilterForm(ModalScreen["object | None"]):
    """Filters for tag, company, industry and dates (the same as the commands' options)."""

    BINDINGS = [Binding("escape", "cancel", "cancel")]
    NAMES = (("tag", "태그"), ("company", "기업"), ("industry", "산업"), ("since", "부터 (YYYY-MM-DD)"),
             ("until", "까지"))

    def __init__(self, current: dict[str, str]):
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="ask"):
            yield Label("filters (enter to apply, empty to clear, escape to cancel)")
            for key, label in self.NAMES:
                yield Input(value=self.current.get(key, ""), placeholder=label, id=f"f-{key}")
            yield Label("", id="filter-error")

    @on(Input.Submitted)
    def apply(self) -> None:
        from scrapnote.errors import ScrapnoteError
        from scrapnote.filters import Filters

        got = {k: self.query_one(f"#f-{k}", Input).value.strip() for k, _ in self.NAMES}
        try:
            filters = Filters.make(tags=[got["tag"]] if got["tag"] else (), company=[got["company"]] if got["company"] else (),
                                   industry=[got["industry"]] if got["industry"] else (),
                                   since=got["since"] or None, until=got["until"] or None)
        except ScrapnoteError as e:
            self.query_one("#filter-error", Label).update(Text(str(e), style="red"))
            return
        self.dismiss((filters, got))

    def action_cancel(self) -> None:
        self.dismiss(None)


class FullNote(Screen):
    """The note full screen; its footer holds the keys that act on it (at 80 columns, whole)."""

    BINDINGS = [Binding("escape,q,enter", "app.pop_screen", "back"), Binding("e", "app.edit", "edit")]

    def __init__(self, text: Text):
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.text, id="full")
        yield Footer(compact=True, show_command_palette=False)


class Browse(App):
    CSS = """
    #query { height: 3; }
    #main { height: 1fr; }
    #hits { width: 55%; min-width: 30; }
    #preview-box { width: 45%; border-left: solid $primary; }
    #status { height: auto; max-height: 4; color: $text-muted; }
    #ask { width: 70; max-width: 100%; height: auto; padding: 1 2; border: thick $primary; background: $surface; }
    Ask, Confirm, FilterForm, Link { align: center middle; }
    #ask Label, #ask Static { width: 100%; }
    """
    BINDINGS = [
        Binding("enter", "full", "view", show=True),
        Binding("e", "edit", "edit"),
        Binding("d", "delete", "del"),
        Binding("t", "tag", "tag"),
        Binding("space", "select", "select", key_display="␣"),
        Binding("x", "export", "export"),
        Binding("o", "open_link", "open"),
        Binding("f", "filters", "filter"),
        Binding("slash", "focus_query", "search"),
        Binding("escape", "focus_query", "search", show=False),
        Binding("q", "quit", "quit"),
        Binding("ctrl+q", "quit", "quit", show=False),
    ]

    def __init__(self, query: str = "", filters=None):
        super().__init__()
        self.initial = query
        self.session = use.Session(filters)
        self.filter_values: dict[str, str] = {}
        self.rows: list[use.Row] = []
        self.selected: set[int] = set()
        self.shown_query: str | None = None
        self.last_search_ms = 0.0
        self.searches = 0
        self.limit = use.PAGE  # hits asked for the shown query; grows as the list is scrolled
        self.said_last = ""  # what the status line says after the counts
        self._drawn: dict[tuple, Text] = {}  # previews drawn, by note, file version and width

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Input(value=self.initial, placeholder="검색어 (구글, ㄱㄱ, rnrmf …) — 비우면 최근 노트", id="query")
        with Horizontal(id="main"):
            yield DataTable(id="hits", cursor_type="row", zebra_stripes=False)
            with VerticalScroll(id="preview-box"):
                yield Static("", id="preview")
        yield Static("", id="status")
        yield Footer(compact=True, show_command_palette=False)  # ctrl+p still opens it: the keys get the room

    def on_mount(self) -> None:
        table = self.query_one("#hits", DataTable)
        table.add_column("id", key="id")
        table.add_column("날짜", key="date")
        table.add_column("출처", key="source")
        table.add_column("제목", key="title")
        self.run_query(self.initial, force=True)
        self.query_one("#query", Input).focus()
        self.set_interval(REFRESH_SECONDS, self.check_files)

    def on_unmount(self) -> None:
        self.session.close()

    # -- the search ---------------------------------------------------------------------------
    @on(Input.Changed, "#query")
    def typed(self, event: Input.Changed) -> None:
        if event.value != self.query_one("#query", Input).value:
            return  # a newer keystroke is already waiting
        self.run_query(event.value)

    @on(Input.Submitted, "#query")
    def to_list(self) -> None:
        self.query_one("#hits", DataTable).focus()

    def run_query(self, query: str, force: bool = False) -> None:
        if not force and (use.composing(query) or query == self.shown_query):
            return  # half a syllable: keep the last answer (no flicker on each jamo)
        t = time.perf_counter()
        if query != self.shown_query:
            self.limit = max(use.PAGE, self.query_one("#hits", DataTable).size.height + 5)  # a screenful and a few
        self.rows = self.session.find(query, self.limit)
        self.shown_query = query
        self.fill()
        self.last_search_ms = (time.perf_counter() - t) * 1000
        self.searches += 1

    def fill(self) -> None:
        table = self.query_one("#hits", DataTable)
        keep = table.cursor_row if table.row_count else 0
        table.clear()
        member = any(r.member for r in self.rows)
        for r in self.rows:
            cells = [Text(str(r.id), justify="right"), Text(r.date[2:10].replace("-", ".")),
                     Text(visible(r.source, oneline=True)[:5]),
                     _title(r, r.id in self.selected)]
            if member:
                cells.insert(1, Text(r.member or ""))
            table.add_row(*cells, key=str(r.id))
        if self.rows:
            table.move_cursor(row=min(keep, len(self.rows) - 1))
        self.status()
        self.call_after_refresh(self.show_preview)  # the list first, then the note beside it

    def status(self, extra: str = "") -> None:
        f = ", ".join(f"{k}={v}" for k, v in self.filter_values.items() if v)
        text = f"{len(self.rows)}건" + (" 이상" if self._more() else "") + (f" · {len(self.selected)}개 선택" if self.selected else "") + (f" · {f}" if f else "")
        self.said_last = extra
        self.query_one("#status", Static).update(Text(text + (f" · {extra}" if extra else "")))

    def current(self) -> use.Row | None:
        table = self.query_one("#hits", DataTable)
        if not self.rows or table.cursor_row is None or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

    @on(DataTable.RowSelected)
    def chosen(self) -> None:  # enter on the list
        self.action_full()

    @on(DataTable.RowHighlighted)
    def highlighted(self) -> None:
        self.show_preview()
        table = self.query_one("#hits", DataTable)
        if self._more() and table.cursor_row >= len(self.rows) - 5:  # near the end: the next hits
            self.limit = min(2 * self.limit, use.MOST)
            self.rows = self.session.find(self.shown_query or "", self.limit)
            self.fill()

    def _more(self) -> bool:
        """Whether the query may have hits beyond those listed (as many were found as asked for)."""
        return bool(self.shown_query) and len(self.rows) >= self.limit and self.limit < use.MOST

    def show_preview(self) -> None:
        preview = self.query_one("#preview", Static)
        if not self.query_one("#preview-box").size.width:  # not laid out yet: drawn once it is
            self.call_after_refresh(self.show_preview)
            return
        row = self.current()
        if row is None:
            preview.update(Text("검색 결과가 없습니다" if self.shown_query else "노트가 없습니다", style="dim"))
            return
        key = self._key(row, self._width())
        if key in self._drawn:
            preview.update(self._drawn[key])
            return
        self.run_worker(lambda: self._draw(row, key), thread=True, exclusive=True, group="preview")

    def _draw(self, row: use.Row, key: tuple) -> None:
        """Draw a note's preview off the event loop (reading and laying it out takes longer than a
        keystroke should wait), then show it if it is still the one selected."""
        text = self.rendered(row, key[3])

        def show() -> None:
            current = self.current()
            if current is not None and current.id == row.id:
                self.query_one("#preview", Static).update(text)
        self.call_from_thread(show)

    def _width(self) -> int:
        box = self.query_one("#preview-box")
        return (box.size.width or 60) - 2

    @staticmethod
    def _key(row: use.Row, width: int) -> tuple:
        try:
            stamp = os.stat(row.path).st_mtime_ns if row.path else None
        except OSError:
            stamp = None
        return (row.id, row.path, stamp, width)

    def rendered(self, row: use.Row, width: int) -> Text:
        from scrapnote.errors import ScrapnoteError

        key = self._key(row, width)
        if key in self._drawn:
            return self._drawn[key]
        try:
            text = note_text(self.session.note(row), width)
        except ScrapnoteError as e:
            return Text(str(e), style="red")
        if len(self._drawn) > 64:
            self._drawn.clear()
        self._drawn[key] = text
        return text

    # -- kept fresh ---------------------------------------------------------------------------
    def check_files(self) -> None:
        self.run_worker(self._check, thread=True, exclusive=True, group="refresh")

    def _check(self) -> None:
        try:
            changed = self.session.refresh()
        except Exception:  # noqa: BLE001 - a failed check is tried again at the next tick
            return
        if changed:
            self.call_from_thread(self._refreshed)

    def _refreshed(self) -> None:
        """The list again after the files changed; the status line keeps what it said (an error
        would otherwise be wiped by the next check, within two seconds)."""
        said = self.said_last
        self.run_query(self.shown_query or "", force=True)
        self.status(said)

    # -- the keys -----------------------------------------------------------------------------
    def action_focus_query(self) -> None:
        self.query_one("#query", Input).focus()

    def _on_list(self) -> bool:
        return not isinstance(self.focused, Input)

    def check_action(self, action: str, parameters) -> bool | None:
        if isinstance(self.screen, FullNote) and action in ("select", "filters", "focus_query", "full"):
            return False  # the list's keys: not the full view's (its footer has room for its own)
        if action in ("edit", "delete", "tag", "select", "export", "open_link", "filters", "quit"):
            return True if self._on_list() else None  # shown in the footer, dimmed, while typing a query
        return True

    def action_full(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one("#hits", DataTable).focus()
            return
        row = self.current()
        if row is not None:
            self.push_screen(FullNote(self.rendered(row, max(40, self.size.width - 2))))

    def action_edit(self) -> None:
        from scrapnote.app.edit import edit_note
        from scrapnote.errors import ScrapnoteError

        row = self.current()
        if row is None:
            return
        from textual.app import SuspendNotSupported

        def edit() -> str:
            try:
                return edit_note(row.id)
            except (ScrapnoteError, OSError) as e:
                return said(e)

        try:
            with self.suspend():  # the editor gets the terminal; the app comes back after it
                said = edit()
        except SuspendNotSupported:  # no terminal to hand over (a headless run): the editor runs as it is
            said = edit()
        if isinstance(self.screen, FullNote):
            self.pop_screen()
        self.session.refresh()
        self.run_query(self.shown_query or "", force=True)
        self.status(visible(said, oneline=True))

    def action_delete(self) -> None:
        row = self.current()
        if row is None:
            return

        def answered(yes: bool | None) -> None:
            from scrapnote.app.trash import delete_note

            from scrapnote.errors import ScrapnoteError

            if not yes:
                self.status("kept")
                return
            try:
                delete_note(row.id)
            except (ScrapnoteError, OSError) as e:
                self.status(said(e))
                return
            if isinstance(self.screen, FullNote):
                self.pop_screen()
            self.selected.discard(row.id)
            self.session.refresh()
            self.run_query(self.shown_query or "", force=True)
            self.status(f"deleted {row.id} (scrapnote restore {row.id} brings it back)")

        self.push_screen(Confirm(f"delete {row.id}: {visible(row.title, oneline=True)}?"), answered)

    def action_tag(self) -> None:
        row = self.current()
        if row is None:
            return

        def answered(tag: str | None) -> None:
            from scrapnote.errors import ScrapnoteError

            if not tag:
                return
            try:
                added, tags = use.toggle_tag(row.id, tag)
            except (ScrapnoteError, OSError) as e:
                self.status(said(e))
                return
            self.session.refresh()
            self.show_preview()
            self.status(f"{'added' if added else 'removed'} tag {tag} on {row.id}: {', '.join(tags) or '-'}")

        self.push_screen(Ask(f"tag for {row.id} (a tag it has is removed)"), answered)

    def action_select(self) -> None:
        row = self.current()
        if row is None:
            return
        self.selected ^= {row.id}
        table = self.query_one("#hits", DataTable)
        table.update_cell(str(row.id), "title", _title(row, row.id in self.selected))
        if table.cursor_row < len(self.rows) - 1:
            table.move_cursor(row=table.cursor_row + 1)
        self.status()

    def action_export(self) -> None:
        from scrapnote.exporters import FORMATS

        ids = sorted(self.selected) or ([self.current().id] if self.current() else [])  # type: ignore[union-attr]
        if not ids:
            return

        def with_format(fmt: str | None) -> None:
            if not fmt:
                return
            fmt = fmt.strip()
            if fmt not in FORMATS:
                self.status(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
                return

            def with_path(path: str | None) -> None:
                from scrapnote.errors import ScrapnoteError

                if not path:
                    return
                try:
                    written = use.export_selection(ids, fmt, path.strip())
                except (ScrapnoteError, OSError) as e:  # a folder that cannot be made: said, not a crash
                    self.status(said(e))
                    return
                self.status(f"exported {len(ids)} notes to {written}")

            self.push_screen(Ask("file", use.default_export_name(fmt, len(ids))), with_path)

        self.push_screen(Ask(f"export {len(ids)} notes: format ({', '.join(FORMATS)})", "md"), with_format)

    def action_open_link(self) -> None:
        import webbrowser

        from scrapnote.safetext import link_target

        row = self.current()
        href = link_target(row.url) if row and row.url else None
        if not href:
            self.status("no http(s) link to open")
            return
        try:
            opened = webbrowser.open(href)  # False: no browser found (no $BROWSER, no display)
        except Exception:  # noqa: BLE001 - webbrowser.Error or a browser that failed to start
            opened = False
        if opened:
            self.status(f"opened {href}")
            return
        self.copy_to_clipboard(href)  # OSC 52: over SSH too, when the terminal allows it
        self.status("no browser could open the link: shown to copy")
        self.push_screen(Link(href))

    def action_filters(self) -> None:
        def answered(got) -> None:
            if got is None:
                return
            filters, values = got
            self.filter_values = values
            self.session.filters = filters if filters else None
            self.run_query(self.shown_query or "", force=True)

        self.push_screen(FilterForm(self.filter_values), answered)


def run(query: str = "", filters=None) -> None:
    Browse(query, filters).run()
