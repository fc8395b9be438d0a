"""The word list: ``terms`` holds every distinct word of the index, ``vocab`` the same words as
newline-joined chunks with each word's 초성 form, so the search finds words by substring
(구글 → 구글은, 미국구글), by 초성 and by jamo distance in a few C-level passes over a few
megabytes, then asks FTS5 for the notes holding those words.

After a bulk read the list is taken from FTS5's own vocabulary (one C-level pass), stored in
chunks of ``REBUILD_CHUNK`` words (never the whole list as one string: memory); a few re-read
notes add their new words as a small chunk, and the chunks are merged into one when there are
more than ``CHUNKS``. ``words`` joins the chunks: the same text however they are cut.

The search reads the list as UTF-8 bytes from a file beside the index, ``vocab-<key>.terms`` (and
``.cho``), memory-mapped (``word_list``): no copy out of SQLite and no decoding per query, the
pages shared by every process. The key is the token in ``state`` ('vocab') that every change of
the list writes anew in the same transaction (``_store_text``, ``rebuild``), with the count and
last id of the chunks and words; whatever clears ``vocab`` clears ``state`` too (a full read
again, ``sync._wipe``), so a list without a token is read from SQLite, never from a file.
"""
from __future__ import annotations

import mmap
import os
import sqlite3
from pathlib import Path

from scrapnote.text import tokens

CHUNKS = 40  # small chunks of new words are merged into one past this many


REBUILD_CHUNK = 65536  # words per chunk of a rebuilt list


def rebuild(con: sqlite3.Connection) -> None:
    """Every word FTS5 holds, straight from its own vocabulary (one C-level pass), stored as
    chunks of ``REBUILD_CHUNK`` words (``words`` joins them into the same text)."""
    from scrapnote.text import hangul

    con.execute("DELETE FROM terms")
    con.execute("INSERT INTO terms(term) SELECT term FROM ft_vocab")
    con.execute("DELETE FROM vocab")
    # joined by SQLite a chunk at a time: one string per chunk, not a Python object per word, nor
    # the whole list and its 초성 form at once (600,000 words at 200k notes: ~9 million
    # characters, held as Python strings, their UTF-8 and SQLite's copies, ~100 MiB at once)
    (last,) = con.execute("SELECT max(id) FROM terms").fetchone()
    lo = 0
    while last is not None and lo < last:
        (text,) = con.execute("SELECT group_concat(term, char(10)) FROM (SELECT term FROM terms "
                              "WHERE id > ? AND id <= ? ORDER BY id)", (lo, lo + REBUILD_CHUNK)).fetchone()
        if text:
            con.execute("INSERT INTO vocab(terms, cho) VALUES(?, ?)", (text, hangul.chosung(text)))
        lo += REBUILD_CHUNK
    _new_token(con)


def add(con: sqlite3.Connection, texts: list[str]) -> None:
    """Words of a few re-read notes, cut the way unicode61 cuts them."""
    words = set(tokens("\n".join(texts)))
    if not words:
        return
    before = con.execute("SELECT coalesce(max(id), 0) FROM terms").fetchone()[0]
    con.executemany("INSERT OR IGNORE INTO terms(term) VALUES(?)", [(w,) for w in words])
    new = [r[0] for r in con.execute("SELECT term FROM terms WHERE id>? ORDER BY id", (before,))]
    if not new:
        return
    if con.execute("SELECT count(*) FROM vocab").fetchone()[0] >= CHUNKS:
        con.execute("DELETE FROM vocab")
        new = [r[0] for r in con.execute("SELECT term FROM terms ORDER BY id")]
    _store_chunk(con, new)


def _store_chunk(con: sqlite3.Connection, words: list[str]) -> None:
    if not words:
        return
    _store_text(con, "\n".join(words))


def _store_text(con: sqlite3.Connection, text: str) -> None:
    from scrapnote.text import hangul

    con.execute("INSERT INTO vocab(terms, cho) VALUES(?, ?)", (text, hangul.chosung(text)))
    _new_token(con)


def _new_token(con: sqlite3.Connection) -> None:
    con.execute("INSERT OR REPLACE INTO state(key, value) VALUES('vocab', ?)", (os.urandom(8),))


def is_empty(con: sqlite3.Connection) -> bool:
    return con.execute("SELECT 1 FROM vocab LIMIT 1").fetchone() is None


def words(con: sqlite3.Connection, cho: bool = False) -> str:
    """Every word of the index on its own line, with a newline before the first and after the
    last; with ``cho``, their 초성 forms, character for character at the same offsets."""
    col = "cho" if cho else "terms"
    parts = [r[0] for r in con.execute(f"SELECT {col} FROM vocab ORDER BY id")]
    return "\n" + "\n".join(parts) + "\n" if parts else "\n"


def note_count(con: sqlite3.Connection, term: str) -> int:
    """How many indexed versions of notes hold ``term`` (FTS5's own count; garbage rows of
    edited notes included, so an upper bound)."""
    r = con.execute("SELECT doc FROM ft_vocab WHERE term=?", (term,)).fetchone()
    return r[0] if r else 0


_LAST = "\U0010ffff"  # sorts after every character a word can hold: [w, w + _LAST) is every word starting with w


def word_counts(con: sqlite3.Connection, terms) -> dict[str, int]:
    """For each term, how many indexed versions of notes hold it as a word of their own — alone or
    with a particle or ending written on (기준금리, 기준금리를, 기준금리는; not 기준금리차): its forms
    are read from the word list's range (an index range of ``terms``), the notes holding any of them
    counted by FTS5 (garbage rows of edited notes included: an upper bound, as ``note_count``). A
    term the index cuts into several words (S-Oil, R&D, LG CNS) counts as its rarest word."""
    from scrapnote.text.particles import is_suffix

    out: dict[str, int] = {}
    forms_q = "SELECT term FROM terms WHERE term >= ? AND term < ?"
    count_q = "SELECT count(*) FROM ft WHERE ft MATCH ?"
    for term in dict.fromkeys(terms):
        counts = []
        for w in tokens(term):
            forms = [f for (f,) in con.execute(forms_q, (w, w + _LAST)) if f == w or is_suffix(f[len(w):])]
            # at most one form per particle and ending (a few hundred): one FTS5 expression
            expr = " OR ".join('"' + f.replace('"', '""') + '"' for f in forms)
            counts.append(con.execute(count_q, (expr,)).fetchone()[0] if forms else 0)
        out[term] = min(counts) if counts else 0
    return out


def word_list(con: sqlite3.Connection, cho: bool = False) -> bytes | mmap.mmap:
    """``words(con, cho)`` as UTF-8 bytes (a 초성 form has the same bytes per character as its
    syllable, so the two lists keep the same offsets), from the file of the list's key when there
    is one, else read from SQLite and written there for the next search."""
    own = not con.in_transaction
    if own:
        con.execute("BEGIN")  # one snapshot for the key and the chunks
    try:
        key = _key(con)
        path = _cache_path(con, key, cho)
        if path is not None:
            got = _mapped(path)
            if got is not None:
                return got
        data = words(con, cho).encode()
    finally:
        if own:
            con.execute("COMMIT")
    if path is not None:
        _write(path, data)
    elif own and key is None and not is_empty(con):
        _name_list(con)  # an index from before the key (or a list no change has named yet)
    return data


def _name_list(con: sqlite3.Connection) -> None:
    """Give the list as it is a token, so the next search can keep its file (never when another
    process holds the index: then the list is read from SQLite once more)."""
    (wait,) = con.execute("PRAGMA busy_timeout").fetchone()
    con.execute("PRAGMA busy_timeout=0")
    try:
        con.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return
    else:
        try:
            if con.execute("SELECT 1 FROM state WHERE key='vocab'").fetchone() is None:
                _new_token(con)
            con.execute("COMMIT")
        except sqlite3.Error:
            con.execute("ROLLBACK")
    finally:
        con.execute(f"PRAGMA busy_timeout={int(wait)}")


def _key(con: sqlite3.Connection) -> str | None:
    token, chunks, last, terms = con.execute(
        "SELECT (SELECT value FROM state WHERE key='vocab'), (SELECT count(*) FROM vocab), "
        "(SELECT max(id) FROM vocab), (SELECT max(id) FROM terms)").fetchone()
    if not isinstance(token, bytes):
        return None
    return f"{token.hex()}-{chunks}-{last or 0}-{terms or 0}"


def _cache_path(con: sqlite3.Connection, key: str | None, cho: bool) -> Path | None:
    if key is None:
        return None
    db = next((r[2] for r in con.execute("PRAGMA database_list") if r[1] == "main"), "")
    if not db:
        return None  # an index in memory: nowhere to keep a file
    return Path(db).parent / f"vocab-{key}.{'cho' if cho else 'terms'}"


def _mapped(path: Path) -> mmap.mmap | None:
    try:
        with open(path, "rb") as f:
            if os.fstat(f.fileno()).st_size == 0:
                return None
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None


def _write(path: Path, data: bytes) -> None:
    """The list's file, written whole under a temporary name and renamed (a reader never sees
    half of one); the files of older keys go. A folder that cannot be written keeps none."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        return
    from scrapnote.store import clean_leftovers

    clean_leftovers((path.parent,))  # a killed writer's .vocab-<key>.terms.<pid>.tmp (its pid gone)
    keep = path.name.rsplit(".", 1)[0]
    try:
        for other in path.parent.glob("vocab-*"):
            if other.name.rsplit(".", 1)[0] != keep:
                try:
                    other.unlink()
                except OSError:
                    pass  # open elsewhere (Windows): the next write removes it
    except OSError:
        pass
