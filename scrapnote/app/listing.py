"""Commands that read the whole collection: ``list``, ``check``, ``questions``, ``related``, ``reindex``."""
from __future__ import annotations

import re
from pathlib import Path
from collections.abc import Callable, Iterator

from scrapnote import fields
from scrapnote.app.notes import load_note, path_of
from scrapnote.errors import BrokenNoteError, NotFoundError, ScrapnoteError
from scrapnote.filters import Filters


def _report_broken(ix, on_error: Callable[[BrokenNoteError], None] | None) -> None:
    if on_error:
        for path, reason in ix.broken():
            on_error(BrokenNoteError(path, reason))


def list_rows(filters: Filters, limit: int | None, on_error: Callable[[BrokenNoteError], None],
              progress=None, on_warning: Callable[[str], None] | None = None,
              ids: list[int] | None = None) -> list[dict]:
    """The ``list`` rows (of the notes with these ``ids`` when given), newest first. Filtering,
    sorting and the limit happen in SQLite, so only the rows shown are decoded (50,000 notes
    list as fast as 50)."""
    if limit is not None and limit < 1:
        raise ScrapnoteError("--limit must be at least 1")
    with _fresh_listing(progress, on_error, on_warning) as ix:
        return ix.rows(filters, order="newest", limit=limit, ids=ids)


def stream_rows(filters: Filters, limit: int | None, on_error: Callable[[BrokenNoteError], None],
                progress=None, on_warning: Callable[[str], None] | None = None,
                columns: tuple[str, ...] | None = None) -> Iterator[dict]:
    """``list_rows`` for ``scrapnote list``: the rows one at a time as the output takes them (the
    index brought up to date and the warnings given before the first), so the first row is out
    at once and memory stays flat however many notes there are. ``columns``: only these of every
    row (default: all the list's)."""
    if limit is not None:
        yield from list_rows(filters, limit, on_error, progress, on_warning)
        return
    with _fresh_listing(progress, on_error, on_warning) as ix:
        if columns is None:
            yield from ix.iter_rows(filters, order="newest")
        else:  # only what is shown: a row's other lists are not decoded
            yield from ix.iter_rows(filters, order="newest", columns=columns)


def shared_id_warning(nid: int, names: list[str]) -> str:
    """The one line ``list`` and ``search`` give for an id more than one note file has."""
    return f"id {nid} is used by more than one file ({' and '.join(names)}); give one of them another id"


def _fresh_listing(progress, on_error, on_warning):
    from scrapnote.index import NoteIndex

    ix = NoteIndex.open_fresh(progress)
    try:
        _report_broken(ix, on_error)
        if on_warning:
            for nid, names in ix.shared_ids():
                on_warning(shared_id_warning(nid, names))
    except BaseException:
        ix.close()
        raise
    return ix


def check_notes(ids: list[int], on_error, filters: Filters | None = None) -> list[tuple[dict, list[str]]]:
    """(row, unfinished section labels) for each asked note (all notes when ``ids`` is empty)
    that passes the filters, by id.

    Ids without filters are answered from their files alone (found by ``path_of``, read as the
    index would read them): work for the notes asked, not for the collection; a broken one is
    reported and left out (raised, when it is the only one asked). Otherwise the index, brought up to date, answers."""
    from scrapnote.index import NoteIndex

    if ids and not filters:
        from scrapnote.completeness import missing_sections

        out: list[tuple[dict, list[str]]] = []
        for i in ids:
            try:
                note = load_note(i)
            except BrokenNoteError as e:
                if len(ids) == 1:
                    raise  # the one note asked for cannot be read: its error line, nothing else
                on_error(e)
                continue
            unwritten = missing_sections(note)
            out.append(({"id": note.id, "title": note.title, "path": str(note.path), "incomplete": unwritten},
                        list(unwritten)))
        return out

    with NoteIndex.open_fresh() as ix:
        _report_broken(ix, on_error)
        if ids:
            have = {r["id"] for r in ix.rows(order=None, ids=ids, columns=("id",))}
            missing = [i for i in ids if i not in have]
            if missing:
                path_of(missing[0])  # raises the right one-line error (unknown, trashed or broken)
        rows = ix.rows(filters, order="id", ids=ids or None)
    if ids:  # in the order asked
        by_id = {r["id"]: r for r in rows}
        rows = [by_id[i] for i in ids if i in by_id]
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


NO_COMPANY = "(기업 미지정)"


def gather_questions(company: list[str], industry: list[str], on_error) -> dict[str, list[dict]]:
    """Every 현직자 question the reader wrote, grouped by company (interview preparation): each
    question once, under the note's first company — with ``--company``, the first of the note's
    companies it names — and ``others``, the note's other companies. A ``company`` no note has is
    one ``NotFoundError`` line (naming the notes' companies that are close to it)."""
    from scrapnote.index import NoteIndex
    from scrapnote.note import read_note

    filters = Filters.make(industry=industry, company_any=company)
    groups: dict[str, list[dict]] = {}
    with NoteIndex.open_fresh() as ix:
        _report_broken(ix, on_error)
        if company:
            _known_companies(ix, company)
        rows = ix.rows(filters, order="newest", named_companies=True)
    tmpl = None
    for r in rows:
        try:
            if tmpl is None:
                from scrapnote import template

                tmpl = template.load()
            note = read_note(Path(r["path"]), tmpl)
        except BrokenNoteError as e:
            on_error(e)
            continue
        items = _question_items(note.section(fields.QUESTIONS))
        if not items:
            continue
        own = list(r.get("companies") or [])
        named = (r.get("named_companies") or []) if company else own
        key = named[0] if named else NO_COMPANY
        others = [c for c in own if c != key]
        groups.setdefault(key, []).extend({"id": r["id"], "title": r["title"], "date": r["date"],
                                           "question": q, "others": others} for q in items)
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] == NO_COMPANY, -len(kv[1]), kv[0])))


def _known_companies(ix, asked: list[str]) -> None:
    """Raise one line when a company asked for is in no note (with the notes' companies close to it)."""
    from scrapnote.text import nfc
    from scrapnote.text.keys import term_key

    unknown = [a for a in asked if not any(kind in ("s", "c") for _i, _t, kind in ix.notes_with_terms([term_key(a)]))]
    if not unknown:
        return
    have = {c for r in ix.rows(order=None, columns=("companies",)) for c in (r.get("companies") or [])}
    folded = {c.casefold(): c for c in have}
    close = sorted({c for a in unknown for k, c in folded.items()
                    if nfc(a).casefold() in k or (k in nfc(a).casefold() and len(k) > 1)})
    names = ", ".join(unknown)
    hint = f" (did you mean {', '.join(close[:5])}?)" if close else \
        (" (no note has a company yet)" if not have else "")
    raise NotFoundError(f"no note has the company {names}{hint}")


def related_to(nid: int, limit: int, on_error, everything: bool = False, cutoff: float | None = None) -> list[dict]:
    """The notes related to note ``nid`` (``analyze.related``: shared rare keywords and companies,
    the same industry, close dates), best first, at most ``limit``: each row with ``score`` and the
    reasons (``shared``, ``companies``, ``industry``, ``days``). ``everything``: also those below
    the cut-off; ``cutoff``: another than ``related.CUTOFF`` (bench/related_eval.py's sweep). Index
    lookups only: the notes sharing a term, never every note."""
    from scrapnote.analyze.related import CUTOFF, Profile, best_related
    from scrapnote.index import NoteIndex

    path_of(nid)
    with NoteIndex.open_fresh() as ix:
        broken = ix.broken()
        me_rows = ix.rows(order=None, ids=[nid], columns=("id", "keywords", "companies", "industry", "date"))
        if not me_rows:  # the note itself cannot be read: its one error line, not a warning about it first
            load_note(nid)  # raises the note's own error
            raise NotFoundError(f"no note with id {nid}")
        for path, reason in broken if on_error else ():
            on_error(BrokenNoteError(path, reason))
        m = me_rows[0]
        me = Profile.of(nid, m.get("keywords"), m.get("companies"), m.get("industry"), m.get("date"))

        def profiles(ids: list[int]) -> list[Profile]:
            terms: dict[int, list[tuple[str, str]]] = {}
            for i, term, kind in ix.terms_of_notes(ids):
                terms.setdefault(i, []).append((term, kind))
            dates = {r["id"]: r.get("date") for r in ix.rows(order=None, ids=ids, columns=("id", "date"))}
            return [Profile.of_terms(i, terms.get(i, ()), dates.get(i)) for i in ids]

        found = best_related(me, ix.count(), sharing=ix.notes_with_terms, profiles=profiles,
                             counts=ix.term_counts, k=limit,
                             cutoff=1e-9 if everything else CUTOFF if cutoff is None else cutoff)
        rows = {r["id"]: r for r in ix.rows(order=None, ids=[f.id for f in found])}
    return [{**rows[f.id], **f.as_json(), "above_cutoff": f.score >= CUTOFF} for f in found if f.id in rows]


def reindex(progress=None) -> int:
    """``reindex``: the index built again from the note files; the number of notes read."""
    from scrapnote import index

    return index.rebuild(progress=progress)
