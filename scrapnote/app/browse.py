"""``browse``: the use cases of the full-screen view, without the screen. One ``Session`` holds the
index open for the whole run (so a keystroke's search is a query on an open database, no process
and no file check) and brings it up to date when asked (``refresh``, from a background thread
with its own connection: a note edited in another terminal is seen within the refresh period).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

from scrapnote.text import hangul

PAGE = 25  # hits found for a query at first: a screenful or so (more as the list is scrolled)
MOST = 1000  # hits a query's list grows to at the most
RECENT = 200  # notes shown with no query, newest first


@dataclass
class Row:
    id: int
    date: str
    source: str
    title: str
    url: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)  # of the title, to highlight
    snippet: str = ""
    member: str | None = None  # the member, for a study group's notes
    path: str | None = None  # the note's file, as the index knows it


def composing(query: str) -> bool:
    """Whether the query ends in the middle of composing a Hangul syllable: syllables, then a lone
    jamo (``구ㄱ`` on the way to 구글). The view keeps the last answer instead of flickering to
    what the half-typed syllable finds. A query of jamo alone is a 초성 search, never composing."""
    q = query.rstrip()
    if not q or q != query:
        return False
    last = q[-1]
    return "\u3131" <= last <= "\u318e" and any(hangul.is_syllable(c) for c in q)


def normalize_query(query: str) -> str:
    """A query typed as loose jamo (a terminal that sends keys, not syllables: ``ㄱㅜㄱㅡㄹ``)
    composed to syllables (구글); 초성 (consonants only) stay as they are."""
    from scrapnote.text.normalize import nfc

    q = nfc(query)
    words = []
    for w in q.split(" "):
        if w and all("\u3131" <= c <= "\u318e" for c in w) and not hangul.is_chosung(w):
            w = hangul.compose(hangul.keys(w))
        words.append(w)
    return " ".join(words)


class Session:
    def __init__(self, filters=None):
        from scrapnote.index import NoteIndex

        self.filters = filters
        self._ix = NoteIndex.open_fresh()
        self._lock = threading.Lock()

    def close(self) -> None:
        self._ix.close()

    # -- what the list shows ------------------------------------------------------------------
    def find(self, query: str, limit: int = PAGE) -> list[Row]:
        """The rows the list shows for ``query``: its best ``limit`` hits in ``search``'s order
        (a longer limit gives the same rows first, then more), or the newest notes."""
        from scrapnote import search

        q = normalize_query(query).strip()
        with self._lock:
            if not q:
                rows = self._ix.rows(self.filters, order="newest", limit=RECENT)
                return [Row(r["id"], r.get("date") or "", r.get("source") or "", r.get("title") or "",
                            r.get("url"), path=r.get("path")) for r in rows]
            try:
                res = search.search_open(self._ix, q, limit=limit, filters=self.filters)
            except Exception as e:  # noqa: BLE001 - a query that cannot be searched shows nothing
                from scrapnote.errors import ScrapnoteError

                if isinstance(e, ScrapnoteError):
                    return []
                raise
            urls = {r["id"]: r.get("url") for r in self._ix.rows(ids=[h.id for h in res.hits], order=None,
                                                                 columns=("id", "url"))}
        return [Row(h.id, h.published or "", h.source or "", h.title or "", urls.get(h.id),
                    list(res.spans.get(h.id, {}).get("title", [])), h.snippet, path=h.path) for h in res.hits]

    def note(self, row: Row):
        """The note of a row, read from the file the index names (no walk over the folder); the
        file gone or renamed since: looked up by id."""
        from pathlib import Path

        from scrapnote.app.notes import load_note, template_of
        from scrapnote.note import read_note

        if row.path and Path(row.path).is_file():
            from scrapnote import template

            note = read_note(Path(row.path), template.load())
            if note.id == row.id:
                return note.keyed(template_of(note))
        return load_note(row.id)

    def refresh(self) -> bool:
        """Bring the index up to date with the files (thread-safe: a connection of its own)."""
        from scrapnote.index import NoteIndex

        with NoteIndex.open() as ix:
            return ix.refresh()


# -- what the keys do --------------------------------------------------------------------------
def toggle_tag(nid: int, tag: str) -> tuple[bool, list[str]]:
    """Add ``tag`` to note ``nid``, or remove it when the note has it. (added, the tags now)."""
    from scrapnote import store
    from scrapnote.app.notes import load_note
    from scrapnote.errors import InputError
    from scrapnote.text.normalize import nfc, one_line

    tag = one_line(nfc(tag)).strip().lstrip("#")
    if not tag:
        raise InputError("no tag given")
    with store.locked():
        note = load_note(nid)
        tags = [str(t) for t in note.meta.get("tags") or []]
        added = tag not in tags
        tags = [*tags, tag] if added else [t for t in tags if t != tag]
        store.save(note.with_meta(tags=tags))
    return added, tags


def export_selection(ids: list[int], fmt: str, output: str) -> str:
    """The selected notes exported as one digest (or the one note) to ``output``."""
    from scrapnote.app.export import export_notes

    result = export_notes(ids, fmt=fmt, output=output)
    return str(result.written[0]) if result.written else output


def default_export_name(fmt: str, n: int) -> str:
    from scrapnote import config

    suffix = {"md": ".md", "html": ".html", "docx": ".docx", "tsv": ".tsv", "json": ".json", "txt": ".txt"}[fmt]
    return f"스크랩-{config.now().astimezone().strftime('%Y%m%d-%H%M')}-{n}건{suffix}"
