"""``scrapnote export``: pick the notes, render them in one format, write the result.

Several notes make one digest (title, table of contents, notes in date order) unless ``split_dir``
asks for one file per note. Files are written atomically and never over an existing file unless
``force``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable

from scrapnote.app.listing import list_rows
from scrapnote.app.notes import load_note, note_json, template_of
from scrapnote.errors import ScrapnoteError
from scrapnote.exporters import get
from scrapnote.exporters.base import Export, Item
from scrapnote.filters import Filters


@dataclass
class ExportResult:
    output: str | None = None  # the text for stdout (no --output, no --split)
    written: list[Path] = field(default_factory=list)
    count: int = 0
    fmt: str = "md"  # the format written (--format, else the config file's export-format)
    left_out: list = field(default_factory=list)  # note files that could have been chosen but cannot be read


def select_notes(ids, filters, everything: bool, on_error: Callable | None = None) -> list[Item]:
    """The notes named by id, or matching the filters, or all of them — oldest first."""
    if not ids and not everything and filters == Filters():
        raise ScrapnoteError("which notes? give ids, a filter (--tag, --company, --industry, --since, --until) or --all")
    if ids:
        notes = [load_note(i) for i in dict.fromkeys(ids)]
        if filters:
            chosen = {r["id"] for r in list_rows(filters, None, on_error=lambda e: None, ids=ids)}
            notes = [n for n in notes if n.id in chosen]
    else:
        rows = list_rows(filters, None, on_error=on_error or (lambda e: None))
        notes = [load_note(r["id"]) for r in rows]
    if not notes:
        raise ScrapnoteError("no notes match")
    notes.sort(key=lambda n: (n.date or "", n.id))
    return [Item(note=n, form=template_of(n), data=note_json(n)) for n in notes]


def export_notes(ids=(), *, filters=None, everything: bool = False, fmt: str | None = None, output: str | None = None,
                 split_dir: str | None = None, force: bool = False, layout: str | None = None,
                 on_error: Callable | None = None, calendar: bool = False, group: str | None = None,
                 refs: list[tuple[str, int]] | None = None, week: str | None = None,
                 by: str | None = None) -> ExportResult:
    """``scrapnote export``: the notes chosen, one digest or one render per note (``split_dir``),
    written to files or returned as the text for stdout. The exporter only renders.

    A note file that cannot be read (front matter broken by hand) and so may have been one to choose
    (``everything`` or the filters; not ids given) goes to ``on_error`` once and to
    ``result.left_out``; the other notes are exported all the same.

    ``group``: a study group's notes instead (``refs`` as 민수:3, the filters, ``everything``, or the
    notes scrapped in ``week``), each named with its member, the digest in parts ``by`` member
    (default) or by day."""
    from scrapnote import settings, store
    from scrapnote.note import file_name

    left_out: list = []
    if on_error is not None:  # each broken file once (the calendar reads the notes again), and counted
        told, report = set(), on_error

        def on_error(e) -> None:
            if str(e.path) not in told:
                told.add(str(e.path))
                left_out.append(e.path)
                report(e)

    fmt = fmt or settings.get("export-format")
    exporter = get(fmt)
    if output and split_dir:
        raise ScrapnoteError("use --output FILE or --split DIR, not both")
    layout_path = None
    member = settings.get("member")
    if not layout and exporter.layout_name is not None and settings.get("export-layout"):
        layout_path = Path(settings.get("export-layout")).expanduser()
        if not layout_path.is_file():
            raise ScrapnoteError(f"{settings.path()}: export-layout {layout_path} not found")
    if layout:
        if exporter.layout_name is None:
            raise ScrapnoteError(f"--layout applies to formats with a layout (md, html, txt), not {fmt}")
        layout_path = Path(layout).expanduser()
        if not layout_path.is_file():
            raise ScrapnoteError(f"layout {layout_path} not found")
    if exporter.binary and not output and not split_dir:
        raise ScrapnoteError(f"{fmt} is a binary format: give --output FILE{exporter.suffix} (or --split DIR)")
    parts = heading = span = None
    if group is None:
        if week is not None or by is not None:
            raise ScrapnoteError(f"{'--week' if week is not None else '--by'} goes with --group NAME "
                                 "(a study group's week)")
        items = select_notes(ids, filters or Filters(), everything, on_error)
    else:
        if calendar:
            raise ScrapnoteError("--calendar is your own habit calendar: not with --group")
        from scrapnote.app.group import group_items

        items, parts, heading, span = group_items(group, list(refs or []), filters, everything, week,
                                                  by or "member", on_error)
        member = None  # everyone's notes: each names its own member
    result = ExportResult(count=len(items), fmt=fmt, left_out=left_out)

    if split_dir:
        folder = Path(split_dir).expanduser()
        if folder.exists() and not folder.is_dir():
            raise ScrapnoteError(f"{folder} is not a folder")
        targets = [(folder / ((f"{i.member}-" if i.member else "") + Path(file_name(i.note.id, i.note.title)).stem
                              + exporter.suffix), i) for i in items]
        if not force:
            taken = [p for p, _ in targets if p.exists()]
            if taken:
                more = (f"; {len(taken) - 1} more file{'s' if len(taken) > 2 else ''} too") if len(taken) > 1 else ""
                raise ScrapnoteError(f"{taken[0]} already exists{more} (use --force to overwrite)")
        for path, item in targets:
            data = exporter.render(Export([item], digest=False, layout=layout_path, member=member))
            store.atomic_write(path, exporter.encode(data), overwrite=force)
            result.written.append(path)
        return result

    svg = None
    if calendar:
        if fmt != "html":
            raise ScrapnoteError(f"--calendar goes with --format html (the calendar is an SVG), not {fmt}")
        from scrapnote.app.learn import stats
        from scrapnote.learn.habit import calendar_svg

        svg = calendar_svg(stats(on_error))
    digest = len(items) > 1
    data = exporter.render(Export(items, digest=digest, layout=layout_path, calendar=svg, member=member,
                                  parts=parts if digest else None, heading=heading, span=span))
    if output and output != "-":
        path = Path(output).expanduser()
        if path.is_dir():
            raise ScrapnoteError(f"{path} is a folder (use --split DIR for one file per note)")
        store.atomic_write(path, exporter.encode(data), overwrite=force)
        result.written.append(path)
    elif exporter.binary:
        raise ScrapnoteError(f"{fmt} is a binary format: give --output FILE{exporter.suffix}")
    else:
        assert isinstance(data, str)  # a text format renders text
        result.output = data
    return result
