"""Bringing the index up to date with the note folder: the stored listing, what changed since it,
and the notes re-read into ``notes``, ``ft`` and the word list.

What is kept (schema steps 2–5):

- ``notes``: one row per note file (or per broken file, with ``error`` set): the short fields
  the commands list and filter on, and ``sections``, the field of each ``## heading`` of the
  note in order, so the search can tell in which field a phrase or a match really is without
  parsing the front matter or loading the note's form.
- ``ft``: a contentless FTS5 table, one row per indexed version of a note (``notes.doc``), one
  column per searchable field, words as ``unicode61`` cuts them (case-folded, detail=column:
  which fields hold a word, not where). SQLite 3.40 cannot delete from a contentless table
  without the old text, so an edited note gets a new ``doc`` and its old row becomes garbage
  that queries skip (they join on ``notes.doc``); when garbage outgrows the live rows the table
  is rebuilt from the files.
- ``terms``/``vocab``: the word list (see vocabulary.py).
- ``listing``: the note folder's last scan, ``LISTING_ROW`` files per row (names joined by NUL;
  their mtimes and sizes as int64 pairs), so the "anything changed?" check is one stat per
  file and two byte comparisons, and one edited note rewrites one row. ``state`` holds the
  directory's stamp and ``gen``, a token written anew with every listing: a writer that read the
  listing before taking the lock checks it instead of reading the listing again.

Racy edits: a file whose mtime is within ``RACY_NS`` of the moment it was indexed is stored with
mtime 0, so it is read again on the next command: an edit in the same clock tick as our read
(same mtime, same size) can never hide.
"""
from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from array import array
from pathlib import Path
from collections.abc import Callable, Iterable, Iterator, Sequence

from scrapnote import config, fields
from scrapnote.errors import BrokenNoteError, ScrapnoteError
from scrapnote.index import vocabulary
from scrapnote.index.record import FIELDS, hints_of, note_row, search_texts
from scrapnote.index.scan import Listing, scan

BUSY_MS = 30_000  # schema.connect's timeout
RACY_NS = 2_000_000_000  # files changed this recently when indexed are read again next time
PROGRESS_MIN = 300  # more files than this to read: show progress
BULK = 200  # this many notes read at once: the word list is taken from FTS5 itself
PARALLEL = 400  # this many notes to read: parse them in two processes
LISTING_ROW = 512  # files per row of `listing`
GARBAGE_MIN = 2000  # FTS rows of old note versions tolerated before `ft` is rebuilt (or more than live)

Progress = Callable[[int], Callable[[], None]]


# -- the stored listing ---------------------------------------------------------------------------
class Stored(tuple):
    """(stamp, names, stats) as ``stored_listing`` read them, with ``rows`` (the (names,
    stats) of each row of `listing`) and ``gen`` (the token stored with them)."""

    rows: list
    gen: bytes | None

    def name_at(self, i: int) -> bytes:
        """The ``i``-th name (splitting one row, not the whole listing)."""
        return self.rows[i // LISTING_ROW][0].split(b"\0")[i % LISTING_ROW]


def stored_listing(con: sqlite3.Connection) -> Stored | None:
    """(stamp, names, stats) of the last scan the index was brought up to date with."""
    own = not con.in_transaction
    if own:
        con.execute("BEGIN")  # one snapshot for the state and the rows
    try:
        stamp, gen = con.execute("SELECT (SELECT value FROM state WHERE key='stamp'), "
                                 "(SELECT value FROM state WHERE key='gen')").fetchone()
        if stamp is None:
            return None
        rows = con.execute("SELECT names, stats FROM listing ORDER BY chunk").fetchall()
    finally:
        if own:
            con.execute("COMMIT")
    got = Stored((stamp, b"\0".join([r[0] for r in rows]), b"".join([r[1] for r in rows])))
    got.rows, got.gen = rows, gen
    return got


def _state(con: sqlite3.Connection, key: str, default=None):
    r = con.execute("SELECT value FROM state WHERE key=?", (key,)).fetchone()
    return r[0] if r else default


def _set_state(con: sqlite3.Connection, key: str, value) -> None:
    con.execute("INSERT OR REPLACE INTO state(key, value) VALUES(?, ?)", (key, value))


def up_to_date(listing: Listing, stored: Listing | None) -> bool:
    """Whether a scan shows exactly the files, mtimes and sizes the index was built from."""
    return stored is not None and (stored[1] is listing[1] or stored[1] == listing[1]) \
        and stored[2] == listing[2]


# -- refreshing -----------------------------------------------------------------------------------
def sync(con: sqlite3.Connection, progress: Progress | None = None, listing: Listing | None = None,
         stored: Stored | None = None) -> bool:
    """Apply the folder's current listing to the index. True when anything changed.

    ``stored`` is what ``stored_listing`` returned when ``listing`` was taken (read again when
    not given)."""
    return changes(con, progress, listing, stored) is not None


class Changes:
    """What a refresh changed: ``before``, the FTS docs of the notes re-read or gone (their
    versions before); ``texts``, the FTS texts of the notes re-read; ``everything`` when the
    whole index was read again (then neither is kept)."""

    def __init__(self):
        self.before: set[int] = set()
        self.texts: list[str] = []
        self.everything = False


def changes(con: sqlite3.Connection, progress: Progress | None = None, listing: Listing | None = None,
            stored: Stored | None = None) -> Changes | None:
    """``sync``, saying what changed (None when no note did).

    ``progress(total)`` is called when more than ``PROGRESS_MIN`` files need reading and returns
    a function to call after each file (the CLI shows a progress bar with it)."""
    folder = config.notes_dir()
    if stored is None or not isinstance(stored, Stored):
        stored = stored_listing(con)
    if listing is None:
        listing = scan(folder, stored)
    if up_to_date(listing, stored):
        _restamp(con, listing, stored)
        return None
    con.execute("BEGIN IMMEDIATE")
    try:
        if stored is None or _state(con, "gen") != stored.gen:  # another process wrote meanwhile
            was, stored = stored, stored_listing(con)
            if up_to_date(listing, stored):
                con.execute("COMMIT")
                if was is None or stored is None or was.gen == stored.gen:
                    return None
                out = Changes()  # the index is up to date, but not what the caller read
                out.everything = True
                return out
        got = _apply(con, folder, listing, stored, progress)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return got


def _restamp(con: sqlite3.Connection, listing: Listing, stored: Stored | None) -> None:
    """The same files, mtimes and sizes under a new directory stamp (an entry added and removed
    again since: a file moved out and back, an editor's or a writer's temp file, a stamp left
    empty because it was recent when stored): the new stamp is stored, once it is no longer
    recent, so the next scan need not list the folder and ``names_claiming`` vouches for the
    names again. Without this the stored stamp stayed stale until a note itself changed, and
    every ``show``/``edit``/``delete`` listed the whole folder (~0.3 s and ~50 MiB at 200,000)."""
    stamp = listing[0]
    if stored is None or not stamp or stored[0] == stamp \
            or int(stamp.split(b":")[0]) > time.time_ns() - RACY_NS:
        return
    con.execute("PRAGMA busy_timeout=0")  # never wait for another writer for this
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            if _state(con, "gen") == stored.gen:  # the stored listing is still the one compared with
                _set_state(con, "stamp", stamp)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    except sqlite3.OperationalError:
        pass  # another process is writing, or the index is read-only: the next command stores it
    finally:
        con.execute(f"PRAGMA busy_timeout={BUSY_MS}")


def _apply(con, folder: Path, listing: Listing, stored: Stored | None,
           progress) -> Changes | None:
    stamp, names_blob, nums_blob = listing
    nums = array("q")
    nums.frombytes(nums_blob)
    out = Changes()
    live = con.execute("SELECT count(*) FROM notes WHERE doc IS NOT NULL").fetchone()[0]
    if _state(con, "garbage", 0) > max(GARBAGE_MIN, live):
        _wipe(con)
        stored = None
        out.everything = True
    same_names = stored is not None and (stored[1] is names_blob or stored[1] == names_blob) \
        and len(stored[2]) == len(nums_blob)
    raw: list[bytes] | None
    todo: Sequence[str]
    if same_names and stored is not None:  # the same files: only some contents changed (the usual hand edit)
        raw = None
        changed_at = differing(stored[2], nums_blob, 16)
        todo = [os.fsdecode(stored.name_at(i)) for i in changed_at]
        stat_at = _stats_by(nums, changed_at)
        known = set(todo)
        gone: list[str] = []
    else:
        raw = names_blob.split(b"\0") if names_blob else []
        indexed = {p: (m, s) for p, m, s in con.execute("SELECT path, mtime_ns, size FROM notes")}
        # by name: the rows go into the path key (and the ids, the docs) in order, not scattered
        order = sorted(range(len(raw)), key=raw.__getitem__)
        if indexed:
            present = set(map(os.fsdecode, raw))
            gone = [p for p in indexed if p not in present]
            del present
            dec = os.fsdecode
            order = [i for i in order if indexed.get(dec(raw[i])) != (nums[2 * i], nums[2 * i + 1])]
        else:
            gone = []
        at = array("l", order)
        del order
        todo = _Names(raw, at)
        stat_at = _stats_by(nums, at)
        known = {p for p in todo if p in indexed} if indexed else set()
        del indexed
    changed = bool(gone or todo)
    garbage = 0
    for p in gone:
        garbage += _delete_row(con, p, out.before)
    if todo:
        garbage += _index_files(con, folder, todo, stat_at, known, progress, out)
        from scrapnote.index.record import form_hints

        _set_state(con, "hints", json.dumps(form_hints(), ensure_ascii=False))  # for the snippets
    if garbage:
        _set_state(con, "garbage", _state(con, "garbage", 0) + garbage)
    # Store the listing; files changed too recently to trust their mtime are stored as unknown.
    racy = time.time_ns() - RACY_NS
    mtimes = nums[0::2]
    if max(mtimes, default=0) > racy:
        for i, m in enumerate(mtimes):
            if m > racy:
                nums[2 * i] = 0
                if raw is not None:
                    name = raw[i]
                else:
                    assert stored is not None  # raw is None only when the stored names are the names
                    name = stored.name_at(i)
                con.execute("UPDATE notes SET mtime_ns=0 WHERE path=?", (os.fsdecode(name),))
    # The directory's stamp lets the next scan skip listing it; a stamp this recent could hide
    # a file added in the same clock tick, so it is not kept.
    dir_mtime = int(stamp.split(b":")[0]) if stamp else racy
    _set_state(con, "stamp", stamp if dir_mtime <= racy else b"")
    _store_listing(con, stored if same_names else None, raw, nums.tobytes())
    return out if changed else None


def _store_listing(con, stored: Stored | None, raw: list[bytes] | None, stats: bytes) -> None:
    """Write the rows of `listing` that differ: with ``stored`` (the same names as stored),
    the stats of the rows holding changed files; otherwise the names ``raw``, every row whose
    names or stats differ from what the table holds (from the first added or removed name
    on, as the names after it shift)."""
    step = 16 * LISTING_ROW
    if stored is not None:
        for c, (_names, old) in enumerate(stored.rows):
            new = stats[c * step:(c + 1) * step]
            if new != old:
                con.execute("UPDATE listing SET stats=? WHERE chunk=?", (new, c))
    else:
        assert raw is not None  # nothing stored: the folder was listed
        old_rows = con.execute("SELECT names, stats FROM listing ORDER BY chunk").fetchall()
        n = 0
        for c, i in enumerate(range(0, len(raw), LISTING_ROW)):
            row = (b"\0".join(raw[i:i + LISTING_ROW]), stats[c * step:(c + 1) * step])
            if c >= len(old_rows) or tuple(old_rows[c]) != row:
                con.execute("INSERT OR REPLACE INTO listing(chunk, names, stats) VALUES(?, ?, ?)",
                            (c, *row))
            n = c + 1
        con.execute("DELETE FROM listing WHERE chunk>=?", (n,))
    _set_state(con, "gen", os.urandom(8))


def differing(a: bytes, b: bytes, size: int) -> list[int]:
    """Indices of the ``size``-byte records that differ between two blobs of equal length,
    found by halving (C-level comparisons: a few for a few changes among 50,000)."""
    out = []
    stack = [(0, len(a) // size)]
    while stack:
        lo, hi = stack.pop()
        if a[lo * size:hi * size] == b[lo * size:hi * size]:
            continue
        if hi - lo == 1:
            out.append(lo)
            continue
        mid = (lo + hi) // 2
        stack.append((mid, hi))
        stack.append((lo, mid))
    return out


def _wipe(con) -> None:
    """Forget every note (the caller then reads them all again): clears FTS garbage."""
    con.execute("DELETE FROM notes")
    con.execute("DELETE FROM note_terms")
    con.execute("INSERT INTO ft(ft) VALUES('delete-all')")
    con.execute("DELETE FROM terms")
    con.execute("DELETE FROM vocab")
    con.execute("DELETE FROM state")
    con.execute("DELETE FROM listing")


class _Names(Sequence):
    """The names to read as positions in the folder's listing (``raw``, its names as bytes),
    decoded when asked for (a chunk at a time): no str, tuple or dict entry per note held for
    the whole build (at 200k notes a dict of them was ~70 MiB of the writer's peak)."""

    def __init__(self, raw: list[bytes], at: array):
        self._raw, self._at = raw, at

    def __len__(self) -> int:
        return len(self._at)

    def __getitem__(self, i):
        if isinstance(i, slice):
            raw = self._raw
            return [os.fsdecode(raw[j]) for j in self._at[i]]
        return os.fsdecode(self._raw[self._at[i]])

    def __iter__(self) -> Iterator[str]:
        raw = self._raw
        return (os.fsdecode(raw[j]) for j in self._at)


def _stats_by(nums: array, at) -> Callable[[int], tuple[int, int]]:
    """(mtime_ns, size) of the ``k``-th name to read, the listing's ``at[k]``-th file."""
    def stat_at(k: int) -> tuple[int, int]:
        i = at[k]
        return nums[2 * i], nums[2 * i + 1]
    return stat_at


# The note row's columns, in one order for every row (a broken file's are None but its error).
ROW_COLS = ("path", "mtime_ns", "size", "id", "error", "doc", "title", "source", "reporter", "published",
            "date", "url", "tags", "industry", "companies", "keywords", fields.HEADLINE, "incomplete",
            "sections", "scrapped", "study", "url_key", "title_key")
CHUNK = 64  # notes a worker parses per task
IN_FLIGHT = 6  # tasks handed to the workers ahead of the rows written: memory flat in the collection
BULK_CACHE_KIB = 65536  # SQLite's page cache while many notes are written (then the default again)
BULK_HASH = 32 << 20  # FTS5's pending terms held before a segment is written, while many notes are
FTS5_HASHSIZE = 1 << 20  # FTS5's own default of it


def _index_files(con, folder: Path, todo: Sequence[str], stat_at: Callable[[int], tuple[int, int]],
                 known: set, progress, out: Changes | None = None) -> int:
    """Read ``todo`` into ``notes`` and ``ft`` (``stat_at(k)``: the (mtime_ns, size) of
    ``todo[k]``), in batches as the parsers hand them over (one executemany per batch); the word
    list after. Many notes at once are written with a larger page
    cache and FTS5 holding more terms in memory before it writes a segment (fewer, larger segments
    and merges: ~1.5× faster inserts), both put back before the transaction commits."""
    tick = progress(len(todo)) if progress and len(todo) > PROGRESS_MIN else None
    next_doc = _state(con, "next_doc", 1)
    garbage = 0
    fresh_text: list[str] = []
    bulk = len(todo) >= BULK or vocabulary.is_empty(con)
    cols = ", ".join(FIELDS)
    ft_insert = f"INSERT INTO ft(rowid, {cols}) VALUES(?{', ?' * len(FIELDS)})"
    row_insert = f"INSERT INTO notes({', '.join(ROW_COLS)}) VALUES({', '.join('?' * len(ROW_COLS))})"
    many = len(todo) >= PARALLEL
    if many:
        cache = con.execute("PRAGMA cache_size").fetchone()[0]
        con.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
        hashsize = con.execute("SELECT v FROM ft_config WHERE k='hashsize'").fetchone()
        con.execute("INSERT INTO ft(ft, rank) VALUES('hashsize', ?)", (BULK_HASH,))
    k = 0  # the position in ``todo`` of the batch's first note (batches come in its order)
    try:
        for batch in _read_all(folder, todo):
            ft_rows, note_rows = [], []
            term_rows: list[tuple[str, str, str]] = []
            for name, row, texts in batch:
                mtime, size = stat_at(k)
                k += 1
                row.update(path=name, mtime_ns=mtime, size=size)
                if texts is not None:
                    row["doc"] = next_doc
                    ft_rows.append((next_doc, *texts))
                    next_doc += 1
                    if not bulk:
                        fresh_text.extend(texts)
                if name in known:
                    garbage += _delete_row(con, name, out.before if out is not None else None)
                note_rows.append(tuple([row.get(c) for c in ROW_COLS]))
                term_rows.extend((name, t, k) for t, k in row.get("terms") or ())  # record.note_terms
            con.executemany(ft_insert, ft_rows)
            con.executemany(row_insert, note_rows)
            con.executemany("INSERT INTO note_terms(path, term, kind) VALUES(?, ?, ?)", term_rows)
            if tick:
                for _ in batch:
                    tick()
    finally:
        if many:
            con.execute(f"PRAGMA cache_size={cache}")
            con.execute("INSERT INTO ft(ft, rank) VALUES('hashsize', ?)",
                        (hashsize[0] if hashsize is not None else FTS5_HASHSIZE,))
    _set_state(con, "next_doc", next_doc)
    if out is not None:
        if bulk:
            out.everything = True
        else:
            out.texts.extend(fresh_text)
    if bulk:
        vocabulary.rebuild(con)
    elif fresh_text:
        vocabulary.add(con, fresh_text)
    return garbage


def _read_all(folder: Path, names: Sequence[str]) -> Iterable[list[tuple[str, dict, tuple | None]]]:
    """Batches of (name, notes row, FTS texts or None for a broken file), in the order of
    ``names``: parsed in two worker processes when there are many and the machine has the cores,
    at most ``IN_FLIGHT`` batches ahead of the caller (so a slow writer never has the whole
    collection waiting in memory)."""
    if len(names) >= PARALLEL and (os.cpu_count() or 1) > 1 and sys.platform.startswith("linux"):
        try:
            import multiprocessing

            ctx = multiprocessing.get_context("fork")
            pool = ctx.Pool(2)
        except (OSError, ImportError):
            pool = None  # read them here
        if pool is not None:
            from collections import deque

            try:
                # a chunk's names decoded when it is handed out, not every chunk at the start
                parts: Iterator[list[str] | None] = (list(names[i:i + CHUNK]) for i in range(0, len(names), CHUNK))
                waiting: deque = deque()
                for p in parts:
                    waiting.append(pool.apply_async(_read_some, ((folder, p),)))
                    if len(waiting) >= IN_FLIGHT:
                        break
                while waiting:
                    got = waiting.popleft().get()
                    p = next(parts, None)
                    if p is not None:
                        waiting.append(pool.apply_async(_read_some, ((folder, p),)))
                    yield got
            finally:
                pool.terminate()
                pool.join()
            return
    for i in range(0, len(names), CHUNK):
        yield _read_some((folder, list(names[i:i + CHUNK])))


# (home, name) -> (the form file's stamp, form, its hint lines): the notes of one build share a
# few forms; an entry holds while the form's file is unchanged (template.stamp), so a long-running
# process (browse's refresh) reads a form edited meanwhile
_forms: dict = {}


def _form(name: str | None, checked: set | None = None):
    """(form, hint lines) of the form ``name``; its file's stamp is looked at once per ``checked``
    (one chunk of notes read: a few stats per chunk, not per note)."""
    from scrapnote import config
    from scrapnote import template as templates

    home = config.home()
    key = (str(home), name)
    got = _forms.get(key)
    if got is not None and checked is not None and key in checked:
        return got[1], got[2]
    now = templates.stamp(name, home)
    if got is None or now is None or got[0] != now:
        form = templates.load(name)
        if len(_forms) > 64:
            _forms.clear()
        got = _forms[key] = (now, form, hints_of(form))
    if checked is not None:
        checked.add(key)
    return got[1], got[2]


def _read_some(args) -> list[tuple[str, dict, tuple | None]]:
    from scrapnote.note import read_note

    folder, names = args
    checked: set = set()
    tmpl, hints = _form(None, checked)
    out: list[tuple[str, dict, tuple | None]] = []
    for name in names:
        try:
            note = read_note(folder / name, tmpl)
            form, form_hints = tmpl, hints
            own = note.meta.get("template")
            if own and own != tmpl.name:  # a note made with the user's own form: its section keys
                try:
                    form, form_hints = _form(own, checked)
                    note = note.keyed(form)
                except ScrapnoteError:
                    form, form_hints = tmpl, hints
            row = note_row(note, form)
            row["error"] = None
            out.append((name, row, search_texts(note, form_hints)))
        except BrokenNoteError as e:
            out.append((name, {"error": e.reason}, None))
    return out


def _delete_row(con: sqlite3.Connection, path: str, docs: set | None = None) -> int:
    """Drop a file's row; 1 when it left a garbage row behind in ``ft`` (its doc is added to
    ``docs``)."""
    r = con.execute("SELECT doc FROM notes WHERE path=?", (path,)).fetchone()
    con.execute("DELETE FROM notes WHERE path=?", (path,))
    con.execute("DELETE FROM note_terms WHERE path=?", (path,))
    if docs is not None and r and r[0] is not None:
        docs.add(r[0])
    return 1 if r and r[0] is not None else 0


# -- an index of a tree, brought up to date by the paths that changed --------------------------------
def tree_stamp(con: sqlite3.Connection) -> str | None:
    """The stamp (a study group's git HEAD) the tree's index was last brought up to date at."""
    value = _state(con, "tree")
    return value if isinstance(value, str) and value else None


def tree_names(folder: Path) -> list[str]:
    """Every note file under ``folder`` one level of folders down, ``<name>/notes/<file>.md``
    (a study group's members), relative to ``folder``, in name order; hidden files skipped."""
    out: list[str] = []
    try:
        subs = sorted(e.name for e in os.scandir(folder) if e.is_dir() and not e.name.startswith("."))
    except (FileNotFoundError, NotADirectoryError):
        return []
    for sub in subs:
        try:
            with os.scandir(folder / sub / "notes") as it:
                names = sorted(e.name for e in it if e.name.endswith(".md") and not e.name.startswith(".")
                               and e.is_file())
        except (FileNotFoundError, NotADirectoryError):
            continue
        out.extend(f"{sub}/notes/{n}" for n in names)
    return out


def apply_tree(con: sqlite3.Connection, folder: Path, stamp: str, names: list[str] | None,
               progress: Progress | None = None) -> None:
    """The tree's index brought to ``stamp``: the files ``names`` (relative to ``folder``) read
    again, or dropped when they are gone; with None (or when garbage outgrew the live rows),
    every file of the tree read anew."""
    con.execute("BEGIN IMMEDIATE")
    try:
        live = con.execute("SELECT count(*) FROM notes WHERE doc IS NOT NULL").fetchone()[0]
        if names is None or _state(con, "garbage", 0) > max(GARBAGE_MIN, live):
            _wipe(con)
            names = tree_names(folder)
        on_disk: dict[str, tuple[int, int]] = {}
        gone: list[str] = []
        for name in dict.fromkeys(names):
            try:
                st = os.stat(folder / name)
            except (FileNotFoundError, NotADirectoryError):
                gone.append(name)
                continue
            if stat_regular(st.st_mode):
                on_disk[name] = (st.st_mtime_ns, st.st_size)
            else:
                gone.append(name)
        todo = list(on_disk)
        known = {p for (p,) in con.execute("SELECT notes.path FROM json_each(?) j JOIN notes ON notes.path = j.value",
                                           (json.dumps(todo, ensure_ascii=False),))}
        garbage = sum(_delete_row(con, p) for p in gone)
        if todo:
            garbage += _index_files(con, folder, todo, lambda k: on_disk[todo[k]], known, progress)
            from scrapnote.index.record import form_hints

            _set_state(con, "hints", json.dumps(form_hints(), ensure_ascii=False))
        if garbage:
            _set_state(con, "garbage", _state(con, "garbage", 0) + garbage)
        _set_state(con, "tree", stamp)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def stat_regular(mode: int) -> bool:
    import stat

    return stat.S_ISREG(mode)
