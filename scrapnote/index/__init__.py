"""The index: a SQLite cache of the collection, rebuilt from the note files at will, and the only
code that writes SQL. Everything outside this package asks ``NoteIndex``.

Lives at ``<home>/.scrapnote/index.sqlite``. Opening it fresh (``NoteIndex.open_fresh``) compares
each note file's mtime and size with what the index holds and re-reads only what changed, so a
note added, edited or deleted by hand (or by ``git pull``) is seen at the next command. The search
(``NoteIndex.answer_fresh``) answers from the index as it is while a child process stats the
files, and asks again only when a change could alter the answer.

The rooms: ``schema`` (the file, its numbered steps), ``scan`` (the folder's listing and the
forked check; no SQL), ``sync`` (bringing the index up to date), ``record`` (what is kept of a
note; no SQL), ``vocabulary`` (the word list), ``rows`` (reading), ``filters`` (the commands'
filters of ``scrapnote.filters``, compiled to SQL).
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence, TypeVar

from scrapnote import config
from scrapnote.index import rows as _rows
from scrapnote.index import schema, sync
from scrapnote.index import vocabulary as _vocabulary
from scrapnote.index.record import FIELDS, FieldTexts
from scrapnote.index.rows import MATCH_CHUNK, ROW_COLUMNS
from scrapnote.index.scan import Check
from scrapnote.index.sync import Changes, Progress
from scrapnote.index.vocabulary import TOKEN_RE

__all__ = ["NoteIndex", "Changes", "FieldTexts", "FIELDS", "ROW_COLUMNS",
           "MATCH_CHUNK", "TOKEN_RE", "rebuild"]

if TYPE_CHECKING:
    from scrapnote.filters import Filters

T = TypeVar("T")


class NoteIndex:
    """One open index. ``open_fresh()`` for the commands, ``answer_fresh()`` for the search;
    usable as a context manager (closes the connection)."""

    def __init__(self, con: sqlite3.Connection):
        self._con = con
        self._folder = config.notes_dir()

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls) -> "NoteIndex":
        """The index as it is (created, upgraded or rebuilt when unreadable), not brought up to
        date with the files."""
        return cls(schema.connect())

    @classmethod
    def open_fresh(cls, progress: Progress | None = None) -> "NoteIndex":
        """The index brought up to date with the note files. ``progress(total)`` is called when
        more than a few hundred files need reading and returns a function to call after each."""
        ix = cls.open()
        sync.sync(ix._con, progress)
        return ix

    @classmethod
    def answer_fresh(cls, early: Callable[["NoteIndex"], T], *, again: Callable[["NoteIndex"], T] | None = None,
                     holds: Callable[[Changes], bool] | None = None, progress: Progress | None = None,
                     meanwhile: Callable[[], None] | None = None) -> T:
        """An answer from an up-to-date index, given early when the files did not change.

        ``early(ix)`` answers from the index as it is while a child process stats every note
        file (``meanwhile()`` runs then too). When the files changed, the index is brought up to
        date and ``again(ix)`` (default: ``early``) answers anew — unless ``holds(changes)`` says
        the early answer still holds after those changes. A damaged index is rebuilt and asked
        again: it is only a cache."""
        again = again or early
        try:
            return cls._answer_fresh(early, again, holds, progress, meanwhile)
        except sqlite3.DatabaseError:
            schema.discard()
            with cls.open_fresh(progress) as ix:
                return again(ix)

    @classmethod
    def _answer_fresh(cls, early, again, holds, progress, meanwhile):
        with cls.open() as ix:
            con = ix._con
            known = sync.stored_listing(con)
            check = Check(ix._folder, known)
            try:
                answered = known is not None
                first = early(ix) if answered else None
                if meanwhile is not None:
                    meanwhile()
                listing = check.result()
            finally:
                check.close()
            changed = sync.changes(con, progress, listing, known)
            if not answered or (changed is not None and not (holds is not None and holds(changed))):
                return again(ix)
            return first

    @classmethod
    def rebuild(cls, progress: Progress | None = None) -> int:
        """Throw the cache away and read every file again; the number of notes indexed."""
        schema.discard()
        with cls.open_fresh(progress) as ix:
            return ix.count()

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> "NoteIndex":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the commands ----------------------------------------------------------------------------
    def rows(self, filters: Filters | None = None, *, order: str | None = "newest", limit: int | None = None,
             ids: Iterable[int] | None = None, columns: Sequence[str] = ROW_COLUMNS,
             named_companies: bool = False) -> list[dict]:
        """The notes (not the broken files) that pass ``filters``, as dicts of ``columns`` (the
        lists decoded, ``path`` the full path), ``order`` "newest" (the date shown, then the id),
        "oldest", "id" or None, at most ``limit``; only the notes with these ``ids`` when given.
        ``named_companies``: each row also says which of its companies ``filters.company_any``
        names (key ``named_companies``)."""
        return _rows.select(self._con, self._folder, filters, order, limit, ids, columns, named_companies)

    def broken(self) -> list[tuple[Path, str]]:
        """(path, reason) of every note file that could not be read, by file name."""
        return _rows.broken(self._con, self._folder)

    def shared_ids(self) -> list[tuple[int, list[str]]]:
        """(id, file names) of every id more than one note file has."""
        return _rows.shared_ids(self._con)

    def count(self) -> int:
        """How many notes are indexed (broken files not counted)."""
        return _rows.count(self._con)

    # -- the search ------------------------------------------------------------------------------
    def vocabulary(self, cho: bool = False) -> str:
        """Every word of the index, one a line, with a newline before the first and after the
        last; with ``cho``, their 초성 forms at the same offsets."""
        return _vocabulary.words(self._con, cho)

    def note_count(self, term: str) -> int:
        """How many notes hold this word (an upper bound: replaced versions count)."""
        return _vocabulary.note_count(self._con, term)

    @staticmethod
    def any_of(columns: Sequence[str], terms: Sequence[str]) -> str:
        """A condition for ``docs_matching(within=…)``: any of ``terms`` in any of ``columns``."""
        return _rows.fts_any(columns, terms)

    def docs_matching(self, columns: Sequence[str], terms: Sequence[str], within: str | None = None) -> set[int]:
        """The FTS docs (one per indexed version of a note) holding any of ``terms`` (whole
        words, as the word list has them) in any of ``columns``, and matching ``within``."""
        if not terms:
            return set()
        return _rows.docs_matching(self._con, columns, terms, within)

    def rows_of_docs(self, docs: Iterable[int], filters: Filters | None = None,
                     columns: Sequence[str] = ("id", "date", "title", "source", "published")) -> dict[int, dict]:
        """{doc: row} of the notes these FTS docs are the current versions of, passing ``filters``."""
        return _rows.of_docs(self._con, docs, filters, columns)

    def field_texts(self, doc: int) -> FieldTexts | None:
        """The text of each searchable field of the note indexed as ``doc``: the title and lists
        from the index, the sections from the file (None when no note has this doc)."""
        return _rows.field_texts(self._con, self._folder, doc)


def rebuild(progress: Progress | None = None) -> int:
    """``scrapnote reindex``: throw the cache away and read every file again."""
    return NoteIndex.rebuild(progress)
