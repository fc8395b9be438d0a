"""Commands that read the whole collection: ``list``, ``check``, ``questions``, ``related``, ``reindex``."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

from scrapnote import config
from scrapnote.app.notes import load_note, path_of
from scrapnote.errors import BrokenNoteError, NotFoundError, ScrapnoteError
from scrapnote.filters import Filters


def sort_newest_first(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: (r.get("date") or "", r["id"]), reverse=True)


_ROW_COLS = ("path", "id", "title", "headline", "source", "reporter", "published", "date", "url",
             "tags", "industry", "companies", "keywords", "incomplete")
_JSON_COLS = ("tags", "industry", "companies", "keywords", "incomplete")


def list_rows(filters: Filters, limit: int | None, on_error: Callable[[BrokenNoteError], None],
              progress=None, on_warning: Callable[[str], None] | None = None) -> list[dict]:
    """The ``list`` rows, newest first. Filtering, sorting and the limit happen in SQLite, so only
    the rows shown are decoded (50,000 notes list as fast as 50)."""
    from scrapnote import index

    if limit is not None and limit < 1:
        raise ScrapnoteError("--limit must be at least 1")
    con = index.refresh(progress=progress)
    folder = config.notes_dir()
    for path, reason in con.execute("SELECT path, error FROM notes WHERE error IS NOT NULL ORDER BY path"):
        on_error(BrokenNoteError(folder / path, reason))
    if on_warning:
        for nid, paths in con.execute("SELECT id, group_concat(path, ' and ') FROM notes WHERE error IS NULL "
                                      "GROUP BY id HAVING count(*) > 1 ORDER BY id"):
            on_warning(f"id {nid} is used by more than one file ({paths}); give one of them another id")
    where, args = filters.sql()
    sql = (f"SELECT {', '.join(_ROW_COLS)} FROM notes WHERE error IS NULL{where} "
           "ORDER BY coalesce(date, '') DESC, id DESC")
    if limit:
        sql += " LIMIT ?"
        args.append(limit)
    rows = []
    for values in con.execute(sql, args):
        d = dict(zip(_ROW_COLS, values))
        for k in _JSON_COLS:
            d[k] = json.loads(d[k] or "[]")
        d["path"] = str(folder / d["path"])
        rows.append(d)
    return rows


def check_notes(ids: list[int], on_error) -> list[tuple[dict, list[str]]]:
    """(row, unfinished section labels) for each asked note (all notes when ``ids`` is empty)."""
    from scrapnote import index

    rows = index.all_rows(on_error=on_error)
    if ids:
        by_id = {r["id"]: r for r in rows}
        missing = [i for i in ids if i not in by_id]
        if missing:
            path_of(missing[0])  # raises the right one-line error (unknown, trashed or broken)
        rows = [by_id[i] for i in ids]
    else:
        rows = sorted(rows, key=lambda r: r["id"])
    return [(r, list(r.get("incomplete") or [])) for r in rows]


def _question_items(text: str) -> list[str]:
    from scrapnote.note import DRAFT_MARKER

    items: list[str] = []
    for line in text.splitlines():
        s = line.strip()
        if not s or s == DRAFT_MARKER:
            continue
        m = re.match(r"^(?:[-*+•·]|\d+[.)]|Q\d*[.:)]?)\s*(.*)$", s)
        if m and m.group(1):
            items.append(m.group(1).strip())
        elif items and line.startswith((" ", "\t")):
            items[-1] += " " + s  # a wrapped continuation line
        else:
            items.append(s)
    return items


def gather_questions(company: list[str], industry: list[str], on_error) -> dict[str, list[dict]]:
    """Every 현직자 question the reader wrote, grouped by company (interview preparation)."""
    from scrapnote import index
    from scrapnote.note import read_note

    filters = Filters.make(industry=industry, company=())
    want = {c.casefold() for c in company}
    groups: dict[str, list[dict]] = {}
    rows = sort_newest_first([r for r in index.all_rows(on_error=on_error) if filters.matches(r)])
    tmpl = None
    for r in rows:
        companies = list(r.get("companies") or [])
        if want and not any(c.casefold() in want for c in companies):
            continue
        try:
            if tmpl is None:
                from scrapnote import template

                tmpl = template.load()
            note = read_note(Path(r["path"]), tmpl)
        except BrokenNoteError as e:
            on_error(e)
            continue
        items = _question_items(note.section("questions"))
        if not items:
            continue
        keys = [c for c in companies if not want or c.casefold() in want] or ["(기업 미지정)"]
        for k in keys:
            groups.setdefault(k, []).extend({"id": r["id"], "title": r["title"], "date": r["date"],
                                             "question": q} for q in items)
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] == "(기업 미지정)", -len(kv[1]), kv[0])))


def related_to(nid: int, limit: int, on_error) -> list[dict]:
    """Notes most related to note ``nid`` by shared keywords and companies, weighted by rarity."""
    from scrapnote import index
    from scrapnote.analyze.related import related_notes

    path_of(nid)
    rows = index.all_rows(on_error=on_error)
    by_id = {r["id"]: r for r in rows}
    me = by_id.get(nid)
    if me is None:
        load_note(nid)  # raises the note's own error
        raise NotFoundError(f"no note with id {nid}")
    doc_freq: dict[str, int] = {}
    for r in rows:
        for t in {*(r.get("keywords") or []), *(r.get("companies") or [])}:
            doc_freq[t] = doc_freq.get(t, 0) + 1
    cands = [(r["id"], list(r.get("keywords") or []), list(r.get("companies") or [])) for r in rows]
    top = related_notes(list(me.get("keywords") or []), list(me.get("companies") or []), cands, doc_freq,
                        len(rows), k=limit, exclude_id=nid)
    return [{**by_id[i], "score": round(s, 3)} for i, s in top]


def reindex(progress=None) -> int:
    """``reindex``: the index built again from the note files; the number of notes read."""
    from scrapnote import index

    return index.rebuild(progress=progress)
