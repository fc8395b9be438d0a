"""The word list: ``terms`` holds every distinct word of the index, ``vocab`` the same words as
newline-joined chunks with each word's 초성 form, so the search finds words by substring
(구글 → 구글은, 미국구글), by 초성 and by jamo distance in a few C-level passes over a few
megabytes, then asks FTS5 for the notes holding those words.

After a bulk read the list is taken from FTS5's own vocabulary (one C-level pass); a few re-read
notes add their new words as a small chunk, and the chunks are merged into one when there are
more than ``CHUNKS``.
"""
from __future__ import annotations

import sqlite3

from scrapnote.text import tokens

CHUNKS = 40  # small chunks of new words are merged into one past this many


def rebuild(con: sqlite3.Connection) -> None:
    """Every word FTS5 holds, straight from its own vocabulary (one C-level pass)."""
    con.execute("DELETE FROM terms")
    con.execute("INSERT INTO terms(term) SELECT term FROM ft_vocab")
    con.execute("DELETE FROM vocab")
    # joined by SQLite: one string, not a Python object per word (a million words at 200k notes)
    text = con.execute("SELECT group_concat(term, char(10)) FROM (SELECT term FROM terms ORDER BY id)").fetchone()[0]
    if text:
        _store_text(con, text)


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
