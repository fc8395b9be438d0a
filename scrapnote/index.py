"""SQLite cache of the collection, rebuilt from the files at will.

Lives at ``<home>/.scrapnote/index.sqlite``. Every command that reads the collection calls
``refresh()`` first, which compares each note file's mtime and size with what the index holds
and re-reads only what changed, so a note added, edited or deleted by hand (or by ``git pull``)
is seen at the next command. The schema grows by numbered steps (``PRAGMA user_version``); a
missing, corrupt or too-new index file is deleted and rebuilt silently: the files are the truth.

What the search reads (schema steps 2 and 4):

- ``ft``: a contentless FTS5 table, one row per indexed version of a note (``notes.doc``), one
  column per searchable field, words as ``unicode61`` cuts them (case-folded, detail=column:
  which fields hold a word, not where). SQLite 3.40 cannot delete from a contentless table
  without the old text, so an edited note gets a new ``doc`` and its old row becomes garbage
  that queries skip (they join on ``notes.doc``); when garbage outgrows the live rows the table
  is rebuilt from the files.
- ``terms``/``vocab``: every distinct word in the index, and the same list as newline-joined
  chunks with each word's 초성 form, so the search finds words by substring (구글 → 구글은,
  미국구글), by 초성 and by jamo distance in a few C-level passes over a few megabytes, then
  asks FTS5 for the notes holding those words.
- ``notes.sections`` (schema step 4): the field of each ``## heading`` of the note file, in
  order, so the search can tell in which field a phrase or a match really is without parsing
  the front matter or loading the note's form.
- ``listing`` (schema step 3): the note folder's last listing, ``LISTING_ROW`` files per row
  (names joined by NUL; their mtimes and sizes as int64 pairs), so the "anything changed?"
  check is one stat per file and two byte comparisons, and one edited note rewrites one row.
  ``state`` holds the directory's stamp and ``gen``, a token written anew with every listing:
  a writer that read the listing before taking the lock checks it instead of reading the
  listing again.

Racy edits: a file whose mtime is within ``RACY_NS`` of the moment it was indexed is stored with
mtime 0, so it is read again on the next command: an edit in the same clock tick as our read
(same mtime, same size) can never hide.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import stat as _stat
import sys
import time
from array import array
from pathlib import Path
from typing import Callable, Iterable

from scrapnote import config
from scrapnote.errors import BrokenNoteError, ScrapnoteError

# Numbered schema steps. Step N upgrades an index at user_version N-1 to N. Never edit a step
# that has shipped: add a new one.
STEPS: list[str] = [
    # 1: one row per note file (or per broken file, with `error` set)
    """
    CREATE TABLE notes(
        path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL,
        id INTEGER, error TEXT,
        title TEXT, headline TEXT, source TEXT, reporter TEXT, published TEXT, date TEXT,
        url TEXT, tags TEXT, industry TEXT, companies TEXT, keywords TEXT,
        summary TEXT, questions TEXT, incomplete TEXT
    );
    CREATE INDEX notes_id ON notes(id);
    """,
    # 2: search. Rows of step 1 are dropped so that the next refresh reads every note into `ft`.
    """
    DELETE FROM notes;
    ALTER TABLE notes ADD COLUMN doc INTEGER;
    ALTER TABLE notes ADD COLUMN body_heading TEXT;
    CREATE UNIQUE INDEX notes_doc ON notes(doc);
    CREATE VIRTUAL TABLE ft USING fts5(
        title, headline, summary, tags, industry, companies, keywords,
        body, insights, research, questions, related, other,
        content='', detail='column', tokenize='unicode61 remove_diacritics 0'
    );
    CREATE VIRTUAL TABLE ft_vocab USING fts5vocab(ft, 'row');
    CREATE TABLE terms(id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE);
    CREATE TABLE vocab(id INTEGER PRIMARY KEY, terms TEXT NOT NULL, cho TEXT NOT NULL);
    CREATE TABLE state(key TEXT PRIMARY KEY, value);
    """,
    # 3: the folder's listing in rows of LISTING_ROW names, so that one edited note rewrites
    # one row (8 kB) instead of the whole listing; the next refresh stores it anew.
    """
    CREATE TABLE listing(chunk INTEGER PRIMARY KEY, names BLOB NOT NULL, stats BLOB NOT NULL);
    DELETE FROM state WHERE key IN ('names', 'stats', 'stamp');
    """,
    # 4: the field of each `## heading` of a note, in file order, so that the search can say in
    # which field a match is and keep its snippet out of fields it did not search (연관기사).
    # Every note is read again.
    """
    ALTER TABLE notes ADD COLUMN sections TEXT;
    DELETE FROM notes;
    INSERT INTO ft(ft) VALUES('delete-all');
    DELETE FROM terms;
    DELETE FROM vocab;
    DELETE FROM state;
    DELETE FROM listing;
    """,
]

# The searchable fields, in the order of the columns of `ft`.
FIELDS = ("title", "headline", "summary", "tags", "industry", "companies", "keywords",
          "body", "insights", "research", "questions", "related", "other")
SHORT_FIELDS = ("title", "headline", "summary", "tags", "industry", "companies", "keywords")
_SECTION_FIELDS = ("headline", "summary", "body", "insights", "research", "questions", "related")

_LIST_COLS = ("tags", "industry", "companies", "keywords")
# Extra columns a later module fills per note: function(note) -> {column: value}.
ROW_HOOKS: list[Callable] = []

RACY_NS = 2_000_000_000  # files changed this recently when indexed are read again next time
PROGRESS_MIN = 300  # more files than this to read: show progress
BULK = 200  # this many notes read at once: the word list is taken from FTS5 itself
PARALLEL = 400  # this many notes to read: parse them in two processes
_VOCAB_CHUNKS = 40  # small chunks of new words are merged into one past this many
LISTING_ROW = 512  # files per row of `listing`
GARBAGE_MIN = 2000  # FTS rows of old note versions tolerated before `ft` is rebuilt (or more than live)

# A word as FTS5's unicode61 tokenizer cuts it: letters and digits (L*, N*).
TOKEN_RE = re.compile(r"[^\W_]+")


def db_path() -> Path:
    return config.state_dir() / "index.sqlite"


def _open(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(str(path), timeout=30, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("PRAGMA mmap_size=268435456")  # reads of the listing and word list without a copy per page
    return con


def _migrate(con: sqlite3.Connection) -> None:
    version = con.execute("PRAGMA user_version").fetchone()[0]
    if version > len(STEPS):
        raise sqlite3.DatabaseError("index written by a newer scrapnote")
    for n in range(version, len(STEPS)):
        con.execute("BEGIN IMMEDIATE")
        try:
            if con.execute("PRAGMA user_version").fetchone()[0] == n:  # not done meanwhile
                for stmt in _split_sql(STEPS[n]):
                    con.execute(stmt)
                con.execute(f"PRAGMA user_version={n + 1}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


def _split_sql(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def discard() -> None:
    """Delete the index files (the next connect builds a new one)."""
    path = db_path()
    for suffix in ("", "-wal", "-shm"):
        try:
            os.unlink(str(path) + suffix)
        except FileNotFoundError:
            pass


def connect() -> sqlite3.Connection:
    """The index, created, upgraded or — when unreadable — rebuilt from nothing."""
    path = db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    con = None
    try:
        con = _open(path)
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        _migrate(con)
        return con
    except sqlite3.DatabaseError:
        if con is not None:
            try:
                con.close()
            except Exception:
                pass
        discard()
        con = _open(path)
        _migrate(con)
        return con


# -- the folder's listing -------------------------------------------------------------------------
def scan(folder: Path, known: tuple[bytes, ...] | None = None) -> tuple[bytes, bytes, bytes]:
    """The note files of ``folder``: (directory stamp, names joined by NUL, their (mtime_ns, size)
    pairs as int64 bytes).

    ``known`` is the (stamp, names, …) of an earlier scan: when the directory's mtime and inode
    still equal that stamp, no file was added, removed or renamed since, so the names are taken
    from it instead of listing the folder again. Every file is still stat'ed: an edit in place
    changes only the file's own mtime."""
    import gc

    fs = os.fsencode(folder)
    try:
        dst = os.stat(fs)
    except (FileNotFoundError, NotADirectoryError):
        return b"", b"", b""
    stamp = b"%d:%d:%d" % (dst.st_mtime_ns, dst.st_ino, dst.st_dev)
    was = gc.isenabled()
    gc.disable()  # tens of thousands of stat results: the collector would walk them again and again
    try:
        same = bool(known and known[0] and known[0] == stamp)
        if same:
            names = known[1].split(b"\0") if known[1] else []
        else:
            try:
                names = [n for n in os.listdir(fs) if n.endswith(b".md") and n[:1] != b"."]
            except (FileNotFoundError, NotADirectoryError):
                return b"", b"", b""
        st = os.stat
        fd = None
        if st in os.supports_dir_fd:
            try:
                fd = os.open(fs, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            except OSError:
                fd = None
        try:
            if fd is not None:
                try:
                    stats = [st(n, dir_fd=fd) for n in names]
                except OSError:  # a file went away while we looked
                    stats = [_stat_or_none(n, fd) for n in names]
            else:
                stats = [_stat_or_none(os.path.join(fs, n), None) for n in names]
        finally:
            if fd is not None:
                os.close(fd)
        isreg = _stat.S_ISREG
        if not all(s is not None and isreg(s.st_mode) for s in stats):
            same = False
            names = [n for n, s in zip(names, stats) if s is not None and isreg(s.st_mode)]
            stats = [s for s in stats if s is not None and isreg(s.st_mode)]
        nums = array("q", bytes(16 * len(stats)))
        nums[0::2] = array("q", [s.st_mtime_ns for s in stats])
        nums[1::2] = array("q", [s.st_size for s in stats])
        # the very object given in ``known`` when the names are those: callers can skip comparing
        return stamp, known[1] if same else b"\0".join(names), nums.tobytes()
    finally:
        if was:
            gc.enable()


def _stat_or_none(name, fd):
    try:
        return os.stat(name, dir_fd=fd) if fd is not None else os.stat(name)
    except OSError:
        return None


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


_SPLIT = 512  # files per claim when the parent and the child share the stats (see Check)
_HEAD = 4  # int64 slots before the results in the shared buffer: child's next, parent's low, flag


def _stat_into(names: list[bytes], fd: int, q: memoryview, lo: int, hi: int) -> None:
    """Stat ``names[lo:hi]`` (relative to ``fd``) into the shared int64 buffer ``q``:
    (mtime_ns, size) pairs from slot ``_HEAD + 2 * lo``; slot 2 is set when a file is missing or
    not a regular file (then the caller lists the folder again)."""
    st = os.stat
    part = names[lo:hi]
    try:
        stats = [st(n, dir_fd=fd) for n in part]
    except OSError:  # a file went away while we looked
        stats = [_stat_or_none(n, fd) for n in part]
        if None in stats:
            q[2] = 1
            return
    if not all(map(_stat.S_ISREG, [s.st_mode for s in stats])):
        q[2] = 1
        return
    a = _HEAD + 2 * lo
    b = _HEAD + 2 * hi
    q[a:b:2] = array("q", [s.st_mtime_ns for s in stats])
    q[a + 1:b:2] = array("q", [s.st_size for s in stats])


class Check:
    """A scan of the note folder taken (on Linux) partly in a child process while the caller
    works; ``result()`` waits for it.

    When the folder's stamp still equals the known listing's (no file added, removed or
    renamed), the names are known and the stats are shared: the child stats from the first name
    up, the caller from the last name down when it calls ``result()``, each claiming ``_SPLIT``
    names at a time in a shared buffer until they meet, so both cores work. A claim is written
    before its names are stat'ed and the meeting point only moves inwards, so no name is left
    out (a name at the meeting point may be stat'ed twice, harmlessly). Otherwise the child
    lists and stats the folder alone. Where fork is unavailable the scan runs inside
    ``result()``."""

    def __init__(self, folder: Path, known: tuple[bytes, bytes, bytes] | None = None):
        self.folder = folder
        self.known = known
        self._pid = None
        self._fd = None
        self._result = None
        self._shared = None
        if not (sys.platform.startswith("linux") and hasattr(os, "fork")):
            return
        if known is not None and known[0] and known[1] and os.stat in os.supports_dir_fd:
            try:
                self._start_split(folder, known)
                return
            except OSError:
                self._close_split()
        self._start_child(folder, known)

    # -- the shared scan: names known -----------------------------------------------------------
    def _start_split(self, folder: Path, known: tuple[bytes, bytes, bytes]) -> None:
        import mmap

        fs = os.fsencode(folder)
        dst = os.stat(fs)
        stamp = b"%d:%d:%d" % (dst.st_mtime_ns, dst.st_ino, dst.st_dev)
        if stamp != known[0]:
            raise OSError("the folder changed: list it again")
        names = known[1].split(b"\0")
        self._dirfd = os.open(fs, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        self._names, self._stamp = names, stamp
        self._shared = mmap.mmap(-1, 8 * (_HEAD + 2 * len(names)))  # MAP_SHARED: both see it
        q = self._q = memoryview(self._shared).cast("q")
        q[0], q[1] = 0, len(names)
        pid = os.fork()
        if pid == 0:  # the child: claim from the bottom up, leave at once
            code = 0
            try:
                import gc

                gc.disable()
                i = 0
                while True:
                    hi = q[1]
                    if i >= hi or q[2]:
                        break
                    j = min(i + _SPLIT, hi)
                    q[0] = j
                    _stat_into(names, self._dirfd, q, i, j)
                    i = j
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        self._pid = pid

    def _finish_split(self) -> tuple[bytes, bytes, bytes] | None:
        import gc

        q, names = self._q, self._names
        ok = True
        was = gc.isenabled()
        gc.disable()
        try:
            k = len(names)
            while True:
                lo = q[0]
                if k <= lo or q[2]:
                    break
                j = max(k - _SPLIT, lo)
                q[1] = j
                _stat_into(names, self._dirfd, q, j, k)
                k = j
        except OSError:
            ok = False
        finally:
            _, status = os.waitpid(self._pid, 0)
            if was:
                gc.enable()
        if status != 0 or q[2] or not ok:
            return None
        return self._stamp, self.known[1], q[_HEAD:].tobytes()

    def _close_split(self) -> None:
        if getattr(self, "_dirfd", None) is not None:
            os.close(self._dirfd)
            self._dirfd = None
        if self._shared is not None:
            self._q.release()
            self._shared.close()
            self._shared = None

    # -- the child's scan: the folder is listed ---------------------------------------------------
    def _start_child(self, folder: Path, known) -> None:
        try:
            r, w = os.pipe()
        except OSError:
            return
        try:
            pid = os.fork()
        except OSError:
            os.close(r)
            os.close(w)
            return
        if pid == 0:  # the child: scan, send, leave at once (no cleanup of the parent's state)
            code = 0
            try:
                os.close(r)
                stamp, names, nums = scan(folder, known)
                if known is not None and names is known[1]:  # the parent has them already
                    names, size = b"", (1 << 63) - 1
                else:
                    size = len(names)
                data = b"".join([len(stamp).to_bytes(8, "little"), stamp,
                                 size.to_bytes(8, "little"), names, nums])
                view = memoryview(data)
                while view:
                    view = view[os.write(w, view):]
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(w)
        self._pid, self._fd = pid, r

    def result(self) -> tuple[bytes, bytes, bytes]:
        if self._result is not None:
            return self._result
        if self._shared is not None:
            try:
                got = self._finish_split()
            finally:
                self._pid = None
                self._close_split()
            if got is not None:
                self._result = got
                return got
        if self._fd is not None:
            fd, self._fd = self._fd, None
            chunks = []
            try:
                while True:
                    c = os.read(fd, 1 << 20)
                    if not c:
                        break
                    chunks.append(c)
            finally:
                os.close(fd)
                _, status = os.waitpid(self._pid, 0)
            data = b"".join(chunks)
            if status == 0 and len(data) >= 16:
                n = int.from_bytes(data[:8], "little")
                stamp = data[8:8 + n]
                m = int.from_bytes(data[8 + n:16 + n], "little")
                if m == (1 << 63) - 1:  # the names the parent passed in
                    names, m = self.known[1], 0
                else:
                    names = data[16 + n:16 + n + m]
                self._result = (stamp, names, data[16 + n + m:])
                return self._result
        self._result = scan(self.folder, self.known)
        return self._result

    def close(self) -> None:
        if self._shared is not None or self._fd is not None:
            try:
                self.result()
            except OSError:
                pass


def _state(con: sqlite3.Connection, key: str, default=None):
    r = con.execute("SELECT value FROM state WHERE key=?", (key,)).fetchone()
    return r[0] if r else default


def _set_state(con: sqlite3.Connection, key: str, value) -> None:
    con.execute("INSERT OR REPLACE INTO state(key, value) VALUES(?, ?)", (key, value))


def up_to_date(listing: tuple[bytes, bytes, bytes], stored: tuple[bytes, bytes, bytes] | None) -> bool:
    """Whether a scan shows exactly the files, mtimes and sizes the index was built from."""
    return stored is not None and (stored[1] is listing[1] or stored[1] == listing[1]) \
        and stored[2] == listing[2]


# -- refreshing -----------------------------------------------------------------------------------
def refresh(con: sqlite3.Connection | None = None,
            progress: Callable[[int], Callable[[], None]] | None = None,
            listing: tuple[bytes, bytes, bytes] | None = None) -> sqlite3.Connection:
    """Bring the index up to date with the note files; returns the open connection.

    ``progress(total)`` is called when more than a few hundred files need reading and returns a
    function to call after each file (the CLI shows a progress bar with it). ``listing`` is a
    scan already taken (see ``Check``)."""
    con = con or connect()
    sync(con, progress, listing)
    return con


def sync(con: sqlite3.Connection, progress=None, listing: tuple[bytes, bytes, bytes] | None = None,
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


def changes(con: sqlite3.Connection, progress=None, listing: tuple[bytes, bytes, bytes] | None = None,
            stored: Stored | None = None) -> Changes | None:
    """``sync``, saying what changed (None when no note did)."""
    folder = config.notes_dir()
    if stored is None or not isinstance(stored, Stored):
        stored = stored_listing(con)
    if listing is None:
        listing = scan(folder, stored)
    if up_to_date(listing, stored):
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


def _apply(con, folder: Path, listing: tuple[bytes, bytes, bytes], stored: Stored | None,
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
    if same_names:  # the same files: only some contents changed (the usual hand edit)
        raw = None
        changed_at = _differing(stored[2], nums_blob, 16)
        todo = [os.fsdecode(stored.name_at(i)) for i in changed_at]
        on_disk = {n: (nums[2 * i], nums[2 * i + 1]) for n, i in zip(todo, changed_at)}
        known = set(todo)
        gone: list[str] = []
    else:
        raw = names_blob.split(b"\0") if names_blob else []
        on_disk = {os.fsdecode(n): (nums[2 * i], nums[2 * i + 1]) for i, n in enumerate(raw)}
        indexed = {p: (m, s) for p, m, s in con.execute("SELECT path, mtime_ns, size FROM notes")}
        gone = [p for p in indexed if p not in on_disk]
        todo = [p for p, ms in on_disk.items() if indexed.get(p) != ms]
        known = {p for p in todo if p in indexed}
    changed = bool(gone or todo)
    garbage = 0
    for p in gone:
        garbage += _delete_row(con, p, out.before)
    if todo:
        garbage += _index_files(con, folder, todo, on_disk, known, progress, out)
    if garbage:
        _set_state(con, "garbage", _state(con, "garbage", 0) + garbage)
    # Store the listing; files changed too recently to trust their mtime are stored as unknown.
    racy = time.time_ns() - RACY_NS
    mtimes = nums[0::2]
    if max(mtimes, default=0) > racy:
        for i, m in enumerate(mtimes):
            if m > racy:
                nums[2 * i] = 0
                name = raw[i] if raw is not None else stored.name_at(i)
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


def _differing(a: bytes, b: bytes, size: int) -> list[int]:
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
    con.execute("INSERT INTO ft(ft) VALUES('delete-all')")
    con.execute("DELETE FROM terms")
    con.execute("DELETE FROM vocab")
    con.execute("DELETE FROM state")
    con.execute("DELETE FROM listing")


def _index_files(con, folder: Path, todo: list[str], on_disk: dict, known: set, progress,
                 out: Changes | None = None) -> int:
    tick = progress(len(todo)) if progress and len(todo) > PROGRESS_MIN else None
    next_doc = _state(con, "next_doc", 1)
    garbage = 0
    fresh_text: list[str] = []
    bulk = len(todo) >= BULK or not con.execute("SELECT 1 FROM vocab LIMIT 1").fetchone()
    cols = ", ".join(FIELDS)
    ft_insert = f"INSERT INTO ft(rowid, {cols}) VALUES(?{', ?' * len(FIELDS)})"
    for name, row, texts in _read_all(folder, todo):
        mtime, size = on_disk[name]
        row.update(path=name, mtime_ns=mtime, size=size)
        if texts is not None:
            row["doc"] = next_doc
            con.execute(ft_insert, (next_doc, *texts))
            next_doc += 1
            if not bulk:
                fresh_text.extend(texts)
        if name in known:
            garbage += _delete_row(con, name, out.before if out is not None else None)
        _insert(con, row)
        if tick:
            tick()
    _set_state(con, "next_doc", next_doc)
    if out is not None:
        if bulk:
            out.everything = True
        else:
            out.texts.extend(fresh_text)
    if bulk:
        _rebuild_vocab(con)
    elif fresh_text:
        _add_vocab(con, fresh_text)
    return garbage


def _read_all(folder: Path, names: list[str]) -> Iterable[tuple[str, dict, tuple | None]]:
    """(name, notes row, FTS texts or None for a broken file) per file, parsed in two processes
    when there are many and the machine has the cores."""
    if len(names) >= PARALLEL and (os.cpu_count() or 1) > 1 and sys.platform.startswith("linux"):
        try:
            import multiprocessing

            ctx = multiprocessing.get_context("fork")
            chunk = 32
            parts = [names[i:i + chunk] for i in range(0, len(names), chunk)]
            with ctx.Pool(2) as pool:
                for rows in pool.imap(_read_some, [(folder, p) for p in parts]):
                    yield from rows
            return
        except (OSError, ImportError):
            pass  # fall through: read them here
    yield from _read_some((folder, names))


def _read_some(args) -> list[tuple[str, dict, tuple | None]]:
    from scrapnote import template as templates
    from scrapnote.note import read_note

    folder, names = args
    tmpl = templates.load()
    out = []
    for name in names:
        try:
            note = read_note(folder / name, tmpl)
            own = note.meta.get("template")
            if own and own != tmpl.name:  # a note made with the user's own form: its section keys
                try:
                    note = note.keyed(templates.load(own))
                except ScrapnoteError:
                    pass
            row = note_row(note)
            row["error"] = None
            out.append((name, row, search_texts(note)))
        except BrokenNoteError as e:
            out.append((name, {"error": e.reason}, None))
    return out


def note_row(note) -> dict:
    """The indexed fields of one note."""
    from scrapnote.completeness import missing_sections

    m = note.meta
    row = {
        "id": note.id, "title": note.title, "headline": note.section("headline"),
        "source": m.get("source"), "reporter": m.get("reporter"), "published": m.get("published"),
        "date": note.date, "url": m.get("url"),
        "summary": note.section("summary"), "questions": note.section("questions"),
        "incomplete": json.dumps(missing_sections(note), ensure_ascii=False),
        "body_heading": next((s.heading for s in note.sections if s.key == "body"), None),
        "sections": json.dumps([section_field(s.key) for s in note.sections]),
    }
    for k in _LIST_COLS:
        row[k] = json.dumps(list(m.get(k) or []), ensure_ascii=False)
    for hook in ROW_HOOKS:
        row.update(hook(note))
    return row


def section_field(key: str | None) -> str:
    """The searchable field a section of this key is indexed in."""
    return key if key in _SECTION_FIELDS else "other"


def search_texts(note) -> tuple[str, ...]:
    """The text of each field in FIELDS order, as FTS5 indexes it."""
    m = note.meta
    by_key: dict[str, list[str]] = {}
    other: list[str] = [note.preamble.strip()] if note.preamble.strip() else []
    for s in note.sections:
        if s.key in _SECTION_FIELDS:
            by_key.setdefault(s.key, []).append(s.text)
        else:
            other.append(s.heading + "\n" + s.text if s.key is None else s.text)
    values = []
    for f in FIELDS:
        if f == "title":
            values.append(note.title)
        elif f in _LIST_COLS:
            values.append("\n".join(str(x) for x in (m.get(f) or [])))
        elif f == "other":
            values.append("\n".join(other))
        else:
            values.append("\n".join(by_key.get(f, ())))
    return tuple(values)


def _delete_row(con: sqlite3.Connection, path: str, docs: set | None = None) -> int:
    """Drop a file's row; 1 when it left a garbage row behind in ``ft`` (its doc is added to
    ``docs``)."""
    r = con.execute("SELECT doc FROM notes WHERE path=?", (path,)).fetchone()
    con.execute("DELETE FROM notes WHERE path=?", (path,))
    if docs is not None and r and r[0] is not None:
        docs.add(r[0])
    return 1 if r and r[0] is not None else 0


def _insert(con: sqlite3.Connection, row: dict) -> None:
    cols = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    con.execute(f"INSERT INTO notes({cols}) VALUES({marks})", list(row.values()))


# -- the word list --------------------------------------------------------------------------------
def _rebuild_vocab(con) -> None:
    """Every word FTS5 holds, straight from its own vocabulary (one C-level pass)."""
    con.execute("DELETE FROM terms")
    con.execute("INSERT INTO terms(term) SELECT term FROM ft_vocab")
    con.execute("DELETE FROM vocab")
    words = [r[0] for r in con.execute("SELECT term FROM terms ORDER BY id")]
    _store_chunk(con, words)


def _add_vocab(con, texts: list[str]) -> None:
    """Words of a few re-read notes, cut the way unicode61 cuts them."""
    words = set(TOKEN_RE.findall("\n".join(texts).lower()))
    if not words:
        return
    before = con.execute("SELECT coalesce(max(id), 0) FROM terms").fetchone()[0]
    con.executemany("INSERT OR IGNORE INTO terms(term) VALUES(?)", [(w,) for w in words])
    new = [r[0] for r in con.execute("SELECT term FROM terms WHERE id>? ORDER BY id", (before,))]
    if not new:
        return
    if con.execute("SELECT count(*) FROM vocab").fetchone()[0] >= _VOCAB_CHUNKS:
        con.execute("DELETE FROM vocab")
        new = [r[0] for r in con.execute("SELECT term FROM terms ORDER BY id")]
    _store_chunk(con, new)


def _store_chunk(con, words: list[str]) -> None:
    if not words:
        return
    from scrapnote import hangul

    text = "\n".join(words)
    con.execute("INSERT INTO vocab(terms, cho) VALUES(?, ?)", (text, hangul.chosung(text)))


def vocabulary(con, cho: bool = False) -> str:
    """Every word of the index on its own line, with a newline before the first and after the
    last; with ``cho``, their 초성 forms, character for character at the same offsets."""
    col = "cho" if cho else "terms"
    parts = [r[0] for r in con.execute(f"SELECT {col} FROM vocab ORDER BY id")]
    return "\n" + "\n".join(parts) + "\n" if parts else "\n"


# -- reading for the commands --------------------------------------------------------------------
def _decode(row: sqlite3.Row) -> dict:
    d = dict(row)
    for k in _LIST_COLS:
        if k in d:
            d[k] = json.loads(d[k] or "[]")
    if "incomplete" in d:
        d["incomplete"] = json.loads(d["incomplete"] or "[]")
    return d


def all_rows(on_error: Callable[[BrokenNoteError], None] | None = None,
             progress=None) -> list[dict]:
    """Every note's indexed fields (broken files reported to ``on_error``)."""
    con = refresh(progress=progress)
    con.row_factory = sqlite3.Row
    rows = []
    folder = config.notes_dir()
    for r in con.execute("SELECT path, id, error, title, headline, source, reporter, published, date, url, "
                         "tags, industry, companies, keywords, incomplete FROM notes"):
        if r["error"] is not None:
            if on_error:
                on_error(BrokenNoteError(folder / r["path"], r["error"]))
            continue
        d = _decode(r)
        d["path"] = str(folder / d["path"])
        rows.append(d)
    return rows


def path_for_id(nid: int) -> Path | None:
    con = refresh()
    r = con.execute("SELECT path FROM notes WHERE id=? AND error IS NULL", (nid,)).fetchone()
    return config.notes_dir() / r[0] if r else None


def rebuild(progress=None) -> int:
    """``scrapnote reindex``: throw the cache away and read every file again."""
    discard()
    con = refresh(progress=progress)
    return con.execute("SELECT count(*) FROM notes WHERE error IS NULL").fetchone()[0]
