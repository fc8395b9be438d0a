"""Reading the index for the commands and the search: note rows chosen by the filters, broken
files, FTS5 lookups of words, and a note's field texts.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Iterable, Iterator, Sequence

from scrapnote import fields
from scrapnote.index import filters as _filters
from scrapnote.index.record import LIST_COLS, FieldTexts, file_field_texts

if TYPE_CHECKING:
    from scrapnote.filters import Filters

# The columns of a listed note (list, check, export, related, …).
ROW_COLUMNS = ("path", "id", "title", fields.HEADLINE, "source", "reporter", "published", "date", "url",
               "tags", "industry", "companies", "keywords", "incomplete")
_JSON_COLS = frozenset((*LIST_COLS, "incomplete"))
_ORDERS = {
    "newest": " ORDER BY coalesce(notes.date, '') DESC, notes.id DESC",  # the date shown, then the id
    "oldest": " ORDER BY coalesce(notes.date, '') ASC, notes.id ASC",
    "id": " ORDER BY notes.id",
    None: "",
}
MATCH_CHUNK = 400  # words per FTS5 query


def _decode(names: Sequence[str], values, folder: Path) -> dict:
    d = dict(zip(names, values))
    for k in _JSON_COLS.intersection(d):
        d[k] = json.loads(d[k] or "[]")
    if "study" in d:  # learn/cards.py's study data (index step 6)
        d["study"] = json.loads(d["study"] or "{}")
    if "path" in d:
        d["path"] = str(folder / d["path"])
    return d


def select(con: sqlite3.Connection, folder: Path, filters: Filters | None, order: str | None, limit: int | None,
           ids: Iterable[int] | None, columns: Sequence[str], named_companies: bool = False) -> list[dict]:
    if order not in _ORDERS:
        raise ValueError(f"unknown order {order!r}")
    names = list(columns)
    cols = [f"notes.{c}" for c in columns]
    args: list = []
    if named_companies and filters is not None and filters.company_any:
        expr, more = _filters.named_companies(filters)
        cols.append(expr)
        args.extend(more)
        names.append("named_companies")
    where, more = _filters.where(filters)
    sql = f"SELECT {', '.join(cols)} FROM notes WHERE notes.error IS NULL" + where
    args.extend(more)
    if ids is not None:
        sql += " AND notes.id IN (SELECT value FROM json_each(?))"
        args.append(json.dumps(list(ids)))
    sql += _ORDERS[order]
    if limit:
        sql += " LIMIT ?"
        args.append(limit)
    return list(_decoded(con.execute(sql, args), names, folder))


def select_iter(con: sqlite3.Connection, folder: Path, filters: Filters | None, order: str | None,
                columns: Sequence[str]) -> Iterator[dict]:
    """``select`` as rows fetched in batches of ``BATCH`` while the caller uses them (memory
    flat in the collection's size)."""
    names = list(columns)
    where, args = _filters.where(filters)
    cur = con.execute(f"SELECT {', '.join(f'notes.{c}' for c in columns)} FROM notes "
                      f"WHERE notes.error IS NULL{where}{_ORDERS[order]}", args)
    while True:
        batch = cur.fetchmany(BATCH)
        if not batch:
            return
        yield from _decoded(batch, names, folder)


BATCH = 500  # rows fetched at once by select_iter


def _decoded(values_seq, names: list[str], folder: Path) -> Iterator[dict]:
    for values in values_seq:
        d = _decode(names, values, folder)
        if "named_companies" in d:
            d["named_companies"] = json.loads(d["named_companies"] or "[]")
        yield d


def names_claiming(con: sqlite3.Connection, nid: int, stamp: bytes) -> list[str] | None:
    """The file names the index holds that can carry id ``nid`` — those whose name starts with
    its number (after any zeros) and those whose name carries no id (their front matter says
    it) — or None unless the index was last brought up to date with the folder as it
    is (its stored ``stamp``: no file added, removed or renamed since). Range probes of the
    ``path`` key: no work proportional to the collection."""
    con.execute("BEGIN")  # one snapshot for the stamp and the names
    try:
        r = con.execute("SELECT value FROM state WHERE key='stamp'").fetchone()
        if r is None or not r[0] or bytes(r[0]) != stamp:
            return None
        s = str(nid)
        probes = [("0" * k + s + "-", "0" * k + s + "/") for k in range(12)]  # '-', '.', '/' are adjacent
        probes.append(("0" * 12, "0" * 11 + "1"))  # absurdly padded names: the caller checks each
        out: list[str] = []
        for lo, hi in probes:
            out.extend(p for (p,) in con.execute("SELECT path FROM notes WHERE path >= ? AND path < ?", (lo, hi)))
        # names that carry no id (the partial index of schema step 8)
        from scrapnote.index.schema import UNNUMBERED

        out.extend(p for (p,) in con.execute(f"SELECT path FROM notes WHERE {UNNUMBERED}"))
        return out
    finally:
        con.execute("COMMIT")


def broken(con: sqlite3.Connection, folder: Path) -> list[tuple[Path, str]]:
    return [(folder / p, reason) for p, reason in
            con.execute("SELECT path, error FROM notes WHERE error IS NOT NULL ORDER BY path")]


def shared_ids(con: sqlite3.Connection) -> list[tuple[int, list[str]]]:
    return [(nid, json.loads(names)) for nid, names in con.execute(
        "SELECT id, json_group_array(path) FROM (SELECT id, path FROM notes WHERE error IS NULL AND id IN "
        "(SELECT id FROM notes WHERE error IS NULL GROUP BY id HAVING count(*) > 1) ORDER BY id, path) "
        "GROUP BY id ORDER BY id")]  # the ids counted on the index of live ids alone (step 8)


def count(con: sqlite3.Connection) -> int:
    return con.execute("SELECT count(*) FROM notes WHERE error IS NULL").fetchone()[0]


def size(con: sqlite3.Connection) -> int:
    return con.execute("SELECT count(*) FROM notes").fetchone()[0]


def of_docs(con: sqlite3.Connection, docs: Iterable[int], filters: Filters | None,
            columns: Sequence[str]) -> dict[int, dict]:
    """{doc: row} of the notes indexed under these FTS docs that pass the filters (rows of
    versions since replaced are not found). Only short columns should be asked for: ``doc``
    comes from the list itself, so a row's long columns stay unread."""
    sel = ", ".join(f"notes.{c}" for c in columns)
    sql = f"SELECT j.value, {sel} FROM json_each(?) j JOIN notes ON notes.doc = j.value"
    args: list = [json.dumps(sorted(docs))]
    where, more = _filters.where(filters)
    if where:
        sql += " WHERE 1" + where
        args.extend(more)
    names = list(columns)
    json_cols = _JSON_COLS.intersection(names)
    out = {}
    for r in con.execute(sql, args):
        row = dict(zip(names, r[1:]))
        for k in json_cols:
            row[k] = json.loads(row[k] or "[]")
        out[r[0]] = row
    return out


def fts_any(columns: Sequence[str], terms: Sequence[str]) -> str:
    """An FTS5 expression: any of ``terms`` (whole words) in any of ``columns``."""
    return "{" + " ".join(columns) + "}: (" + " OR ".join('"' + t.replace('"', '""') + '"' for t in terms) + ")"


def docs_matching(con: sqlite3.Connection, columns: Sequence[str], terms: Sequence[str],
                  within: str | None = None) -> set[int]:
    """FTS docs holding any of ``terms`` in any of ``columns`` (and matching ``within``, an
    expression of ``fts_any``), garbage rows of replaced versions included."""
    found: set[int] = set()
    also = " AND " + within if within else ""
    for i in range(0, len(terms), MATCH_CHUNK):  # one JSON array per query: no Python object per row
        (got,) = con.execute("SELECT json_group_array(rowid) FROM ft WHERE ft MATCH ?",
                             (fts_any(columns, terms[i:i + MATCH_CHUNK]) + also,)).fetchone()
        found.update(json.loads(got))
    return found


def field_texts(con: sqlite3.Connection, folder: Path, doc: int) -> FieldTexts | None:
    r = con.execute("SELECT path, title, tags, industry, companies, keywords, sections FROM notes WHERE doc=?",
                    (doc,)).fetchone()
    if r is None:
        return None
    path, title, *lists, sections = r
    h = con.execute("SELECT value FROM state WHERE key='hints'").fetchone()
    return file_field_texts(folder / path, title, dict(zip(LIST_COLS, lists)),
                            json.loads(sections or "[]"), frozenset(json.loads(h[0])) if h and h[0] else frozenset())


def scrapped_between(con: sqlite3.Connection, folder: Path, first: str, last: str,
                     columns: Sequence[str]) -> list[dict]:
    """Rows of the notes scrapped on a day from ``first`` to ``last`` (the scrap time's date as
    written, ``YYYY-MM-DD``)."""
    names = list(columns)
    sql = (f"SELECT {', '.join(f'notes.{c}' for c in columns)} FROM notes WHERE notes.error IS NULL "
           "AND substr(notes.scrapped, 1, 10) BETWEEN ? AND ? ORDER BY notes.scrapped, notes.path")
    return list(_decoded(con.execute(sql, (first, last)), names, folder))


# -- the search's ranked walk (issue 11: the top of a ranking without every match) ----------------
# The columns of `ft` whose text is the notes row's own value (the title; a list's entries joined
# by newlines), so that whether a note holds a word there can be told from its row.
ROW_TEXT_COLUMNS = ("title", *LIST_COLS)


@dataclass(frozen=True)
class Level:
    """The FTS docs holding, in any of ``columns``, a word of every one of ``parts`` (each a tuple of
    whole words as the word list has them), and matching ``within`` (an ``fts_any`` expression)."""

    columns: tuple[str, ...]
    parts: tuple[tuple[str, ...], ...]
    within: str | None = None

    @property
    def empty(self) -> bool:
        return not self.parts or any(not p for p in self.parts)


def level_docs(con: sqlite3.Connection, level: Level) -> set[int]:
    """Every FTS doc of ``level`` (garbage rows of replaced versions included)."""
    if level.empty:
        return set()
    found: set[int] | None = None
    for part in sorted(level.parts, key=len):
        got = docs_matching(con, level.columns, part, level.within)
        found = got if found is None else found & got
        if not found:
            return set()
    return found or set()


def count_docs(con: sqlite3.Connection, levels: Sequence[Level], at_least: int) -> int:
    """How many distinct FTS docs the levels hold together, counted up to ``at_least`` (garbage
    rows included): one-part levels are streamed and left as soon as the count is reached."""
    seen: set[int] = set()
    for level in levels:
        if level.empty:
            continue
        also = " AND " + level.within if level.within else ""
        if len(level.parts) > 1 and any(len(p) > MATCH_CHUNK for p in level.parts):
            seen |= level_docs(con, level)
            exprs = []
        elif len(level.parts) > 1:  # a phrase's parts, all in these columns: one FTS5 AND
            exprs = [" AND ".join(f"({fts_any(level.columns, p)})" for p in level.parts) + also]
        else:
            part = level.parts[0]
            exprs = [fts_any(level.columns, part[i:i + MATCH_CHUNK]) + also for i in range(0, len(part), MATCH_CHUNK)]
        for expr in exprs:
            cur = con.execute("SELECT rowid FROM ft WHERE ft MATCH ?", (expr,))
            for (d,) in cur:
                seen.add(d)
                if len(seen) >= at_least:
                    cur.close()
                    return len(seen)
        if len(seen) >= at_least:
            break
    return min(len(seen), at_least)


# Newest first, as search ranks ties: the date shown, the id, then the doc (two files of one id).
_NEWEST = " ORDER BY coalesce(notes.date, '') DESC, notes.id DESC, notes.doc"


def walk_newest(con: sqlite3.Connection, filters: Filters | None, columns: Sequence[str],
                decode: bool = True) -> Iterator[dict]:
    """Every live note passing ``filters``, newest first (the search's order of ties), as rows of
    ``columns`` with ``doc``, fetched in small batches while the caller reads them; the list
    columns decoded from JSON unless ``decode`` is False."""
    where, args = _filters.where(filters)
    names = ["doc", *columns]
    sel = ", ".join(f"notes.{c}" for c in names)
    cur = con.execute(f"SELECT {sel} FROM notes INDEXED BY notes_newest WHERE notes.error IS NULL "
                      f"AND notes.doc IS NOT NULL{where}{_NEWEST}", args)
    json_cols = _JSON_COLS.intersection(names) if decode else ()
    try:
        while True:
            batch = cur.fetchmany(WALK_BATCH)
            if not batch:
                return
            for r in batch:
                row = dict(zip(names, r))
                for k in json_cols:
                    row[k] = json.loads(row[k] or "[]")
                yield row
    finally:
        try:
            cur.close()
        except sqlite3.ProgrammingError:
            pass  # the index was closed before the walk was left: nothing to free


WALK_BATCH = 64


# -- related notes and duplicates (schema step 10) ------------------------------------------------
_SHARED_KINDS = "('k', 's', 'c')"  # what notes are related by: keywords and companies (not industries)


def term_counts(con: sqlite3.Connection, terms: Iterable[str]) -> dict[str, int]:
    """{term: how many notes have it as a keyword or company} for these ``term_key`` terms."""
    return dict(con.execute(
        "SELECT term, count(DISTINCT path) FROM note_terms WHERE term IN (SELECT value FROM json_each(?)) "
        f"AND kind IN {_SHARED_KINDS} GROUP BY term", (json.dumps(sorted(set(terms)), ensure_ascii=False),)))


def notes_with_terms(con: sqlite3.Connection, terms: Iterable[str]) -> list[tuple[int, str, str]]:
    """(id, term, kind) of every note having one of these terms as a keyword or company."""
    return con.execute(
        "SELECT notes.id, t.term, t.kind FROM note_terms t JOIN notes ON notes.path = t.path "
        f"WHERE t.term IN (SELECT value FROM json_each(?)) AND t.kind IN {_SHARED_KINDS} AND notes.error IS NULL",
        (json.dumps(sorted(set(terms)), ensure_ascii=False),)).fetchall()


def terms_of_notes(con: sqlite3.Connection, ids: Iterable[int]) -> list[tuple[int, str, str]]:
    """(id, term, kind) of every term (keywords, companies, industries) of the notes with these ids."""
    return con.execute(
        "SELECT notes.id, t.term, t.kind FROM notes JOIN note_terms t ON t.path = notes.path "
        "WHERE notes.id IN (SELECT value FROM json_each(?)) AND notes.error IS NULL",
        (json.dumps(sorted(set(ids))),)).fetchall()


def same_article(con: sqlite3.Connection, url_key: str | None, title_key: str | None) -> tuple[int, str] | None:
    """(id, "link" or "title") of the oldest note with this link key, else with this title key."""
    for col, what, key in (("url_key", "link", url_key), ("title_key", "title", title_key)):
        if key:
            r = con.execute(f"SELECT min(id) FROM notes WHERE {col} = ? AND error IS NULL", (key,)).fetchone()
            if r and r[0] is not None:
                return r[0], what
    return None


def same_scraps(con: sqlite3.Connection, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """{(title, scrapped): id of the oldest note with exactly that title and scrap time} for these
    pairs (one pass over the notes however many pairs are asked)."""
    pairs = set(pairs)
    if not pairs:
        return {}
    found: dict[tuple[str, str], int] = {}
    for title, scrapped, nid in con.execute(
            "SELECT title, scrapped, min(id) FROM notes WHERE error IS NULL AND scrapped IN "
            "(SELECT value FROM json_each(?)) GROUP BY title, scrapped",
            (json.dumps(sorted({s for _, s in pairs}), ensure_ascii=False),)):
        if (title or "", scrapped) in pairs:
            found[(title or "", scrapped)] = nid
    return found
