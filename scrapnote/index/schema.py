"""The index file: where it lives, its tables as numbered steps, opening it (rebuilt when unreadable).

The schema grows by numbered steps (``PRAGMA user_version``): step N upgrades an index at version
N-1 to N. A step that has shipped is never edited: a change is a new step. A missing, corrupt or
too-new index file is deleted and built again without a word: the note files are the truth.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from scrapnote import config

# A file name that does not start with an id (``store.id_of_name``: digits, then ``-`` or ``.md``).
# The same text in the partial index of step 8 and in the queries that use it.
UNNUMBERED = ("NOT (path GLOB '[0-9]*' AND (substr(ltrim(path, '0123456789'), 1, 1) = '-' "
              "OR ltrim(path, '0123456789') = '.md'))")

# What a step ends with when every note must be read again: the rows, the search's text, the word
# list and the stored listing go, so the next refresh reads every file (a shipped step's SQL stays
# the same text: this is only written once).
READ_EVERY_NOTE_AGAIN = """
    DELETE FROM notes;
    INSERT INTO ft(ft) VALUES('delete-all');
    DELETE FROM terms;
    DELETE FROM vocab;
    DELETE FROM state;
    DELETE FROM listing;
    """

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
    """ + READ_EVERY_NOTE_AGAIN,
    # 5: the columns nothing reads go (summary, questions, body_heading: the search reads the
    # sections from the file). The table is copied rather than altered with DROP COLUMN, which
    # SQLite has only since 3.35; the short columns the search ranks by come first, so reading
    # them never touches a row's overflow pages. The rows are kept: nothing is read again.
    """
    CREATE TABLE notes_5(
        path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL,
        id INTEGER, error TEXT, doc INTEGER,
        title TEXT, source TEXT, reporter TEXT, published TEXT, date TEXT, url TEXT,
        tags TEXT, industry TEXT, companies TEXT, keywords TEXT,
        headline TEXT, incomplete TEXT, sections TEXT
    );
    INSERT INTO notes_5(path, mtime_ns, size, id, error, doc, title, source, reporter, published, date, url,
                        tags, industry, companies, keywords, headline, incomplete, sections)
        SELECT path, mtime_ns, size, id, error, doc, title, source, reporter, published, date, url,
               tags, industry, companies, keywords, headline, incomplete, sections FROM notes;
    DROP TABLE notes;
    ALTER TABLE notes_5 RENAME TO notes;
    CREATE INDEX notes_id ON notes(id);
    CREATE UNIQUE INDEX notes_doc ON notes(doc);
    """,
    # 6: what the 용어 노트, the review and the habit calendar read (issue 18): the scrap time and
    # the note's study data (its glossary lines, kept figures and questions, as JSON; learn/cards.py).
    # Every note is read again.
    """
    ALTER TABLE notes ADD COLUMN scrapped TEXT;
    ALTER TABLE notes ADD COLUMN study TEXT;
    """ + READ_EVERY_NOTE_AGAIN,
    # 7: the draft marker line, empty sections' placeholders and the form's hint lines are no
    # longer indexed (note.said_text; issue 14). Every note is read again.
    READ_EVERY_NOTE_AGAIN,
    # 8: indexes so that the quick commands do no work proportional to the collection (issue 11):
    # the files whose name carries no id (their front matter says it: store.find_path), the
    # broken files, and the live notes by id (the ids two files claim). Nothing is read again.
    f"""
    CREATE INDEX notes_unnumbered ON notes(path) WHERE {UNNUMBERED};
    CREATE INDEX notes_broken ON notes(path) WHERE error IS NOT NULL;
    CREATE INDEX notes_live_id ON notes(id) WHERE error IS NULL;
    """,
    # 9: the notes in list's order (the date shown, then the id), so that `list -n 20` walks 20
    # entries of an index instead of sorting every note (805 ms of SQL at 50k on a loaded machine
    # before, 0.1 ms after). Nothing is read again.
    """
    CREATE INDEX notes_newest ON notes(coalesce(date, ''), id) WHERE error IS NULL;
    """,
    # 10: related notes and the duplicates `new` warns about (issue 13): each note's keywords,
    # companies and industries one per row of `note_terms` (term as text.keys.term_key writes it;
    # kind 'k' keyword, 's' the subject company — the first —, 'c' another company, 'i' industry),
    # so a note's neighbours and a term's rarity are index lookups; the link and title keys
    # (text.keys.url_key, title_key) of every note. Every note is read again.
    """
    CREATE TABLE note_terms(path TEXT NOT NULL, term TEXT NOT NULL, kind TEXT NOT NULL);
    CREATE INDEX note_terms_term ON note_terms(term, path);
    CREATE INDEX note_terms_path ON note_terms(path);
    ALTER TABLE notes ADD COLUMN url_key TEXT;
    ALTER TABLE notes ADD COLUMN title_key TEXT;
    CREATE INDEX notes_url_key ON notes(url_key) WHERE error IS NULL AND url_key IS NOT NULL;
    CREATE INDEX notes_title_key ON notes(title_key) WHERE error IS NULL AND title_key IS NOT NULL;
    """ + READ_EVERY_NOTE_AGAIN,
]


def db_path() -> Path:
    return config.state_dir() / "index.sqlite"


def _open(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(str(path), timeout=30, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("PRAGMA mmap_size=268435456")  # reads of the listing and word list without a copy per page
    return con


def migrate(con: sqlite3.Connection) -> None:
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


def discard(path: Path | None = None) -> None:
    """Delete the index files (the next connect builds a new one). Something else in their place
    (a directory) is moved aside to ``index.sqlite.not-an-index[-N]``, never deleted: only the
    files the index writes are the cache's. OSError when they cannot be removed (read-only).
    ``path``: another index file than the collection's (a study group's)."""
    path = path or db_path()
    for suffix in ("", "-wal", "-shm"):
        name = str(path) + suffix
        try:
            os.unlink(name)
        except FileNotFoundError:
            pass
        except (IsADirectoryError, PermissionError):
            if not os.path.isdir(name):
                raise
            k = 1
            while os.path.lexists(aside := f"{name}.not-an-index" + (f"-{k}" if k > 1 else "")):
                k += 1
            os.rename(name, aside)


def remove_temp(folder: Path) -> None:
    """Remove a temporary index's folder (see ``NoteIndex._recovering``)."""
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def connect(path: Path | None = None) -> sqlite3.Connection:
    """The index (at ``path``, default the collection's), created, upgraded or — when
    unreadable — rebuilt from nothing."""
    path = path or db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    con = None
    try:
        con = _open(path)
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        migrate(con)
        return con
    except sqlite3.DatabaseError as e:
        if "locked" in str(e) or "disk is full" in str(e):
            raise  # not damage: another process holds it, or no room (NoteIndex._recovering)
        if con is not None:
            try:
                con.close()
            except Exception:
                pass
        if path != db_path():
            raise
        discard()
        con = _open(path)
        migrate(con)
        return con
