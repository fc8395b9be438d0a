"""The index: a SQLite cache of the collection, rebuilt from the note files at will, and the only
code that writes SQL. Everything outside this package asks ``NoteIndex``.

Lives at ``<home>/.scrapnote/index.sqlite``. Opening it fresh (``NoteIndex.open_fresh``) compares
each note file's mtime and size with what the index holds and re-reads only what changed, so a
note added, edited or deleted by hand (or by ``git pull``) is seen at the next command. The search
(``NoteIndex.answer_fresh``) answers from the index as it is while a child process stats the
files, and asks again only when a change could alter the answer.

Any damage to the index (a malformed page, a foreign or half-dropped schema, a file that cannot be
written, a directory in its place) is met in one place, ``NoteIndex._recovering``: the index is
thrown away and built again from the files; when that cannot be done where it lives (a read-only
collection, another process holding it), the command is answered from a temporary index built in
a temp folder. A full disk is one clear line.

The rooms: ``schema`` (the file, its numbered steps), ``scan`` (the folder's listing and the
forked check; no SQL), ``sync`` (bringing the index up to date), ``record`` (what is kept of a
note; no SQL), ``vocabulary`` (the word list), ``rows`` (reading), ``filters`` (the commands'
filters of ``scrapnote.filters``, compiled to SQL).
"""
from __future__ import annotations

import errno
import mmap
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from collections.abc import Callable, Iterable, Iterator, Sequence

from scrapnote import config
from scrapnote.errors import ScrapnoteError
from scrapnote.index import rows as _rows
from scrapnote.index import schema, sync
from scrapnote.index import vocabulary as _vocabulary
from scrapnote.index.record import FIELDS, FieldTexts
from scrapnote.index.rows import MATCH_CHUNK, ROW_COLUMNS, ROW_TEXT_COLUMNS, Level
from scrapnote.index.scan import Check
from scrapnote.index.sync import Changes, Progress

__all__ = ["NoteIndex", "Changes", "FieldTexts", "FIELDS", "ROW_COLUMNS", "ROW_TEXT_COLUMNS", "Level",
           "MATCH_CHUNK", "rebuild", "names_claiming"]

if TYPE_CHECKING:
    from scrapnote.filters import Filters

T = TypeVar("T")

NO_SPACE = ("no space left on device writing the index; free some space and run the command again "
            "(the note files are untouched)")


def _no_space(e: BaseException) -> bool:
    if isinstance(e, OSError):
        return e.errno in (errno.ENOSPC, errno.EDQUOT)
    return isinstance(e, sqlite3.DatabaseError) and "disk is full" in str(e)


def _busy(e: BaseException) -> bool:
    """Another process holds the index (it is not damaged: never thrown away for this)."""
    return isinstance(e, sqlite3.OperationalError) and "locked" in str(e)


def _healing(method):
    """A query that meets a damaged index (a malformed page the refresh did not read) is asked
    again of the index built anew (``NoteIndex._again``)."""
    import functools

    @functools.wraps(method)
    def asked(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as e:
            self._again(e)
            return method(self, *args, **kwargs)
    return asked


class NoteIndex:
    """One open index. ``open_fresh()`` for the commands, ``answer_fresh()`` for the search;
    usable as a context manager (closes the connection)."""

    def __init__(self, con: sqlite3.Connection, temp: Path | None = None, folder: Path | None = None):
        self._con = con
        self._folder = folder or config.notes_dir()
        self._temp = temp  # the temp folder of a temporary index (removed on close)
        self._progress: Progress | None = None
        self._tree: tuple | None = None  # (db, stamp, changed) of an index of a tree (open_tree)

    @property
    def folder(self) -> Path:
        """The folder the rows' paths are relative to."""
        return self._folder

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls) -> NoteIndex:
        """The index as it is (created, upgraded or rebuilt when unreadable), not brought up to
        date with the files."""
        return cls._recovering(lambda ix: ix)

    @classmethod
    def open_fresh(cls, progress: Progress | None = None) -> NoteIndex:
        """The index brought up to date with the note files. ``progress(total)`` is called when
        more than a few hundred files need reading and returns a function to call after each."""
        def fresh(ix: NoteIndex) -> NoteIndex:
            known = sync.stored_listing(ix._con)
            sync.sync(ix._con, progress, _split_scan(ix._folder, known), known)
            return ix

        ix = cls._recovering(fresh)
        ix._progress = progress
        return ix

    @classmethod
    def open_tree(cls, db: Path, folder: Path, stamp: str, changed: Callable[[str], list[str] | None],
                  progress: Progress | None = None) -> NoteIndex:
        """An index of the note files under ``folder`` at any depth (a study group's
        ``<member>/notes/*.md``), kept up to date by what the caller says changed rather than by a
        stat check of every file: ``stamp`` names the state of the files now (the group's git
        HEAD). When the index was last brought up to date at another stamp, ``changed(old)`` gives
        the paths (relative to ``folder``) that differ since, or None to read every file again;
        at the same stamp nothing is looked at. A damaged index file is deleted and built again
        (it is only a cache)."""
        def fresh() -> NoteIndex:
            con = schema.connect(db)
            ix = cls(con, folder=folder)
            ix._tree, ix._progress = (db, stamp, changed), progress
            try:
                old = sync.tree_stamp(con)
                if old != stamp:
                    names = changed(old) if old else None
                    sync.apply_tree(con, folder, stamp, names, progress)
            except BaseException:
                ix.close()
                raise
            return ix

        try:
            return fresh()
        except sqlite3.DatabaseError as e:
            if _no_space(e):
                raise ScrapnoteError(NO_SPACE)
            if _busy(e):
                raise
            schema.discard(db)
            return fresh()

    def refresh(self) -> bool:
        """Bring this open index up to date with the note files (a long-running view, such as
        ``browse``, calls it now and then). True when anything changed."""
        return sync.sync(self._con, self._progress)

    @classmethod
    def _recovering(cls, use: Callable[[NoteIndex], T]) -> T:
        """``use(ix)`` on the index; on any damage, on the index built again from the files; when
        it cannot be built where it lives (read-only, held by another process, a full disk), on
        a temporary index in a temp folder. ``use`` returning the index keeps it open (the caller
        closes it); otherwise it is closed. A full disk there too is one clear line."""
        try:
            return cls._use(use, None)
        except NotADirectoryError:
            raise  # the home is not a folder: nothing to answer from (one line, from the CLI)
        except (sqlite3.DatabaseError, OSError) as e:
            if not (_busy(e) or _no_space(e)):
                try:
                    schema.discard()
                except OSError:
                    pass  # cannot be removed (read-only): a temporary one below
                else:
                    try:
                        return cls._use(use, None)
                    except (sqlite3.DatabaseError, OSError):
                        pass
        import tempfile

        try:
            temp = Path(tempfile.mkdtemp(prefix="scrapnote-index-"))
            return cls._use(use, temp)
        except (sqlite3.DatabaseError, OSError) as e:
            if _no_space(e):
                raise ScrapnoteError(NO_SPACE)
            if isinstance(e, sqlite3.DatabaseError):
                raise ScrapnoteError(f"the index cannot be built, even in a temp folder: {e}")
            raise

    @classmethod
    def _use(cls, use: Callable[[NoteIndex], T], temp: Path | None) -> T:
        ix = None
        try:
            ix = cls(schema.connect(temp / "index.sqlite" if temp else None), temp)
            got = use(ix)
        except BaseException:
            if ix is not None:
                ix.close()
            elif temp is not None:
                schema.remove_temp(temp)
            raise
        if got is not ix:
            ix.close()
        return got

    @classmethod
    def answer_fresh(cls, early: Callable[[NoteIndex], T], *, again: Callable[[NoteIndex], T] | None = None,
                     holds: Callable[[Changes], bool] | None = None, progress: Progress | None = None,
                     meanwhile: Callable[[], None] | None = None) -> T:
        """An answer from an up-to-date index, given early when the files did not change.

        ``early(ix)`` answers from the index as it is while a child process stats every note
        file (``meanwhile()`` runs then too; fewer than SPLIT_MIN files known are stat'ed in
        this process after it). When the files changed, the index is brought up to
        date and ``again(ix)`` (default: ``early``) answers anew — unless ``holds(changes)`` says
        the early answer still holds after those changes. A damaged index is rebuilt and asked
        again (``_recovering``): it is only a cache."""
        again = again or early
        return cls._recovering(lambda ix: cls._answer_fresh(ix, early, again, holds, progress, meanwhile))

    @staticmethod
    def _answer_fresh(ix, early, again, holds, progress, meanwhile):
        con = ix._con
        known = sync.stored_listing(con)
        # A folder the index knows of fewer than SPLIT_MIN files is stat'ed here after the early
        # answer (~4 µs a file): a child's fork and wait cost more than those stats.
        check = Check(ix._folder, known, fork=known is None or len(known[2]) >= 16 * SPLIT_MIN)
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
        try:
            schema.discard()
        except OSError:
            pass  # read-only: a temporary index is built (``_recovering``)
        with cls.open_fresh(progress) as ix:
            return ix.count()

    def close(self) -> None:
        self._con.close()
        if self._temp is not None:
            schema.remove_temp(self._temp)
            self._temp = None

    def _again(self, e: sqlite3.DatabaseError) -> None:
        """A query met a damaged index: bring this one back built again (or temporary)."""
        if _no_space(e):
            raise ScrapnoteError(NO_SPACE)
        if _busy(e):
            raise e
        if self._tree is not None:  # an index of a tree: built again from its files
            db, stamp, changed = self._tree
            self.close()
            schema.discard(db)
            fresh = NoteIndex.open_tree(db, self._folder, stamp, changed, self._progress)
            self._con = fresh._con
            return
        temp = self._temp
        self.close()
        if temp is None:
            try:
                schema.discard()
            except OSError:
                pass  # read-only: open_fresh answers from a temporary index
        fresh = NoteIndex.open_fresh(self._progress)
        self._con, self._temp = fresh._con, fresh._temp

    def __enter__(self) -> NoteIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the commands ----------------------------------------------------------------------------
    @_healing
    def rows(self, filters: Filters | None = None, *, order: str | None = "newest", limit: int | None = None,
             ids: Iterable[int] | None = None, columns: Sequence[str] = ROW_COLUMNS,
             named_companies: bool = False) -> list[dict]:
        """The notes (not the broken files) that pass ``filters``, as dicts of ``columns`` (the
        lists decoded, ``path`` the full path), ``order`` "newest" (the date shown, then the id),
        "oldest", "id" or None, at most ``limit``; only the notes with these ``ids`` when given.
        ``named_companies``: each row also says which of its companies ``filters.company_any``
        names (key ``named_companies``)."""
        return _rows.select(self._con, self._folder, filters, order, limit, ids, columns, named_companies)

    def iter_rows(self, filters: Filters | None = None, *, order: str | None = "newest",
                  columns: Sequence[str] = ROW_COLUMNS) -> Iterator[dict]:
        """``rows`` one at a time, fetched in batches as they are used (for ``list`` of every
        note: memory flat in the collection's size). The index must stay open meanwhile. A
        damaged index met before the first row is healed as ``rows`` heals."""
        import itertools

        try:
            it = _rows.select_iter(self._con, self._folder, filters, order, columns)
            first = next(it, None)
        except sqlite3.DatabaseError as e:
            self._again(e)
            it = _rows.select_iter(self._con, self._folder, filters, order, columns)
            first = next(it, None)
        return itertools.chain((first,), it) if first is not None else iter(())

    @_healing
    def scrapped_between(self, first: str, last: str, columns: Sequence[str] = ROW_COLUMNS) -> list[dict]:
        """The notes whose scrap time falls on a day from ``first`` to ``last`` (YYYY-MM-DD, as
        written in the file: the caller narrows by the exact time and timezone), as ``rows``."""
        return _rows.scrapped_between(self._con, self._folder, first, last, columns)

    @_healing
    def broken(self) -> list[tuple[Path, str]]:
        """(path, reason) of every note file that could not be read, by file name."""
        return _rows.broken(self._con, self._folder)

    @_healing
    def shared_ids(self) -> list[tuple[int, list[str]]]:
        """(id, file names) of every id more than one note file has."""
        return _rows.shared_ids(self._con)

    @_healing
    def count(self) -> int:
        """How many notes are indexed (broken files not counted)."""
        return _rows.count(self._con)

    @_healing
    def size(self) -> int:
        """How many rows the notes table has, broken files' included (an upper bound of what a
        walk of the notes can meet; cheap: counted on the smallest index)."""
        return _rows.size(self._con)

    # -- related notes and duplicates --------------------------------------------------------------
    @_healing
    def term_counts(self, terms: Iterable[str]) -> dict[str, int]:
        """{term: the number of notes having it as a keyword or company}, for terms as
        ``text.keys.term_key`` writes them (a term no note has is left out)."""
        return _rows.term_counts(self._con, terms)

    @_healing
    def notes_with_terms(self, terms: Iterable[str]) -> list[tuple[int, str, str]]:
        """(id, term, kind) of the notes having any of these terms as a keyword ('k'), subject
        company ('s': a note's first) or other company ('c')."""
        return _rows.notes_with_terms(self._con, terms)

    @_healing
    def terms_of_notes(self, ids: Iterable[int]) -> list[tuple[int, str, str]]:
        """(id, term, kind) of all the terms of these notes: kinds as ``notes_with_terms``, and
        'i' for an industry."""
        return _rows.terms_of_notes(self._con, ids)

    @_healing
    def same_article(self, url_key: str | None, title_key: str | None) -> tuple[int, str] | None:
        """(id, "link" or "title") of the note already holding an article with this link key
        (else this title key; ``text.keys``), the oldest first; None when none does."""
        return _rows.same_article(self._con, url_key, title_key)

    @_healing
    def same_scraps(self, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """{(title, scrapped): id} of the notes having exactly this title ("" for none) and scrap
        time, the oldest of each pair; the pairs no note has are left out (one pass over the notes)."""
        return _rows.same_scraps(self._con, pairs)

    # -- the search ------------------------------------------------------------------------------
    @_healing
    def vocabulary(self, cho: bool = False) -> str:
        """Every word of the index, one a line, with a newline before the first and after the
        last; with ``cho``, their 초성 forms at the same offsets."""
        return _vocabulary.words(self._con, cho)

    @_healing
    def word_list(self, cho: bool = False) -> bytes | mmap.mmap:
        """``vocabulary(cho)`` as UTF-8 bytes, memory-mapped from a file kept beside the index
        for the list as it is (see vocabulary.py): what the search scans."""
        return _vocabulary.word_list(self._con, cho)

    @_healing
    def note_count(self, term: str) -> int:
        """How many notes hold this word (an upper bound: replaced versions count)."""
        return _vocabulary.note_count(self._con, term)

    @_healing
    def word_counts(self, terms: Iterable[str]) -> dict[str, int]:
        """{term: how many notes hold it as a word, alone or with a particle on it} (an upper
        bound, as ``note_count``) — the document frequencies the drafted keywords are ranked by."""
        return _vocabulary.word_counts(self._con, list(terms))

    @staticmethod
    def any_of(columns: Sequence[str], terms: Sequence[str]) -> str:
        """A condition for ``docs_matching(within=…)``: any of ``terms`` in any of ``columns``."""
        return _rows.fts_any(columns, terms)

    @_healing
    def docs_matching(self, columns: Sequence[str], terms: Sequence[str], within: str | None = None) -> set[int]:
        """The FTS docs (one per indexed version of a note) holding any of ``terms`` (whole
        words, as the word list has them) in any of ``columns``, and matching ``within``."""
        if not terms:
            return set()
        return _rows.docs_matching(self._con, columns, terms, within)

    @_healing
    def rows_of_docs(self, docs: Iterable[int], filters: Filters | None = None,
                     columns: Sequence[str] = ("id", "date", "title", "source", "published")) -> dict[int, dict]:
        """{doc: row} of the notes these FTS docs are the current versions of, passing ``filters``."""
        return _rows.of_docs(self._con, docs, filters, columns)

    @_healing
    def level_docs(self, level: Level) -> set[int]:
        """Every FTS doc of ``level`` (garbage rows of replaced versions included)."""
        return _rows.level_docs(self._con, level)

    @_healing
    def count_docs(self, levels: Sequence[Level], at_least: int) -> int:
        """How many FTS docs the levels hold together, counted only up to ``at_least``."""
        return _rows.count_docs(self._con, levels, at_least)

    def walk_newest(self, filters: Filters | None, columns: Sequence[str], decode: bool = True) -> Iterator[dict]:
        """Every note passing ``filters`` (rows of ``columns`` and ``doc``), newest first as the
        search breaks ties (the date shown, the id, the doc), fetched while used: the caller tests the rows' own columns
        (``ROW_TEXT_COLUMNS``) and stops when it has enough. ``decode=False``: the list columns
        as their JSON text (the caller decodes the few it tests)."""
        try:
            it = _rows.walk_newest(self._con, filters, columns, decode)
            first = next(it, None)
        except sqlite3.DatabaseError as e:
            self._again(e)
            it = _rows.walk_newest(self._con, filters, columns, decode)
            first = next(it, None)
        import itertools

        return itertools.chain((first,), it) if first is not None else iter(())

    @_healing
    def field_texts(self, doc: int) -> FieldTexts | None:
        """The text of each searchable field of the note indexed as ``doc``: the title and lists
        from the index, the sections from the file (None when no note has this doc)."""
        return _rows.field_texts(self._con, self._folder, doc)


SPLIT_MIN = 4096  # files: fewer are stat'ed here alone (a fork and its wait cost more than half of it)


def _split_scan(folder: Path, known: sync.Stored | None):
    """The folder's scan for ``open_fresh``, its stats shared with a child process (``Check``'s
    shared mode: both cores stat, ~half the wall time of the stat of every file, and the stats
    taken 512 at a time instead of one Python object per file) when the index knows the names
    (the folder's stamp is the stored one); otherwise None: ``sync`` lists and stats it here,
    as before (a child would only list and stat it alone while this process waits)."""
    import os

    if known is None or not known[0] or not known[1] or len(known[2]) < 16 * SPLIT_MIN:
        return None
    try:
        dst = os.stat(folder)
    except OSError:
        return None
    if b"%d:%d:%d" % (dst.st_mtime_ns, dst.st_ino, dst.st_dev) != known[0]:
        return None
    check = Check(folder, known)
    try:
        return check.result()
    finally:
        check.close()


def names_claiming(nid: int) -> list[str] | None:
    """The names of the note files that can carry id ``nid`` (see ``rows.names_claiming``), read
    from the index without bringing it up to date — or None when the index cannot vouch for the
    folder as it is now: no index (or one of another schema step), or a file added, removed or
    renamed since the index was last brought up to date (the folder's stamp differs). Opened
    read-only: nothing is created, upgraded or repaired here; any trouble is None (the caller
    lists the folder instead). An edit in place is not seen here and need not be: the caller
    reads the file itself."""
    import os

    path = schema.db_path()
    try:
        dst = os.stat(config.notes_dir())
        if not path.is_file():
            return None
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None, timeout=2)
    except (OSError, sqlite3.Error):
        return None
    try:
        if con.execute("PRAGMA user_version").fetchone()[0] != len(schema.STEPS):
            return None
        stamp = b"%d:%d:%d" % (dst.st_mtime_ns, dst.st_ino, dst.st_dev)
        return _rows.names_claiming(con, nid, stamp)
    except sqlite3.Error:
        return None
    finally:
        con.close()


def rebuild(progress: Progress | None = None) -> int:
    """``scrapnote reindex``: throw the cache away and read every file again."""
    return NoteIndex.rebuild(progress)
