"""SQLite cache of the collection, rebuilt from the files at will.

Lives at ``<home>/.scrapnote/index.sqlite``. Every command that reads the collection calls
``refresh()`` first, which compares each note file's mtime and size with what the index holds
and re-reads only what changed, so a note added, edited or deleted by hand (or by ``git pull``)
is seen at the next command. The schema grows by numbered steps (``PRAGMA user_version``); a
missing, corrupt or too-new index file is deleted and rebuilt silently: the files are the truth.
"""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Callable

from scrapnote import config
from scrapnote.errors import BrokenNoteError

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
]

_LIST_COLS = ("tags", "industry", "companies", "keywords")
# Extra columns a later module (search) fills per note: name -> function(note) -> value.
ROW_HOOKS: list[Callable] = []


def db_path() -> Path:
    return config.state_dir() / "index.sqlite"


def _open(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(str(path), timeout=30, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    return con


def _migrate(con: sqlite3.Connection) -> None:
    version = con.execute("PRAGMA user_version").fetchone()[0]
    if version > len(STEPS):
        raise sqlite3.DatabaseError("index written by a newer scrapnote")
    for n in range(version, len(STEPS)):
        con.execute("BEGIN IMMEDIATE")
        try:
            for stmt in _split_sql(STEPS[n]):
                con.execute(stmt)
            con.execute(f"PRAGMA user_version={n + 1}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


def _split_sql(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def connect() -> sqlite3.Connection:
    """The index, created, upgraded or — when unreadable — rebuilt from nothing."""
    path = db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = _open(path)
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        _migrate(con)
        return con
    except sqlite3.DatabaseError:
        try:
            con.close()
        except Exception:
            pass
        for suffix in ("", "-wal", "-shm"):
            try:
                os.unlink(str(path) + suffix)
            except FileNotFoundError:
                pass
        con = _open(path)
        _migrate(con)
        return con


def _scan(folder: Path) -> dict[str, tuple[int, int]]:
    out = {}
    try:
        it = os.scandir(folder)
    except FileNotFoundError:
        return out
    with it:
        for e in it:
            name = e.name
            if name.endswith(".md") and not name.startswith("."):
                try:
                    st = e.stat()
                except FileNotFoundError:
                    continue
                out[name] = (st.st_mtime_ns, st.st_size)
    return out


def refresh(con: sqlite3.Connection | None = None,
            progress: Callable[[int], Callable[[], None]] | None = None) -> sqlite3.Connection:
    """Bring the index up to date with the note files; returns the open connection.

    ``progress(total)`` is called when more than a few hundred files need reading and returns a
    function to call after each file (the CLI shows a progress bar with it)."""
    con = con or connect()
    folder = config.notes_dir()
    on_disk = _scan(folder)
    known = {p: (m, s) for p, m, s in con.execute("SELECT path, mtime_ns, size FROM notes")}
    gone = [p for p in known if p not in on_disk]
    todo = [p for p, ms in on_disk.items() if known.get(p) != ms]
    if not gone and not todo:
        return con
    from scrapnote import template as templates
    from scrapnote.note import read_note

    tmpl = templates.load()
    tick = progress(len(todo)) if progress and len(todo) > 300 else None
    con.execute("BEGIN IMMEDIATE")
    try:
        for p in gone:
            _delete_row(con, p)
        for name in todo:
            path = folder / name
            mtime, size = on_disk[name]
            try:
                note = read_note(path, tmpl)
                row = note_row(note)
                row["error"] = None
            except BrokenNoteError as e:
                row = {"error": e.reason}
            row.update(path=name, mtime_ns=mtime, size=size)
            _upsert(con, row, replace=name in known)
            if tick:
                tick()
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return con


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
    }
    for k in _LIST_COLS:
        row[k] = json.dumps(list(m.get(k) or []), ensure_ascii=False)
    for hook in ROW_HOOKS:
        row.update(hook(note))
    return row


def _delete_row(con: sqlite3.Connection, path: str) -> None:
    con.execute("DELETE FROM notes WHERE path=?", (path,))


def _upsert(con: sqlite3.Connection, row: dict, replace: bool) -> None:
    if replace:
        _delete_row(con, row["path"])
    cols = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    con.execute(f"INSERT INTO notes({cols}) VALUES({marks})", list(row.values()))


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
    path = db_path()
    for suffix in ("", "-wal", "-shm"):
        try:
            os.unlink(str(path) + suffix)
        except FileNotFoundError:
            pass
    con = refresh(progress=progress)
    return con.execute("SELECT count(*) FROM notes WHERE error IS NULL").fetchone()[0]
