"""The operations the commands call: one function per command, no printing, no typer."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from scrapnote import config, store
from scrapnote.errors import BrokenNoteError, NotFoundError, ScrapnoteError
from scrapnote.note import Note
from scrapnote.template import Template

_DATE_ARG_RE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def parse_date_arg(value: str | None, *, end: bool = False) -> str | None:
    """``2023``, ``2023-07`` or ``2023-07-13`` → a YYYY-MM-DD bound (the period's last day when ``end``)."""
    if not value:
        return None
    import calendar

    m = _DATE_ARG_RE.match(value.strip())
    if not m:
        raise ScrapnoteError(f"'{value}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else (12 if end else 1)
    if not 1 <= mo <= 12:
        raise ScrapnoteError(f"'{value}' is not a date (month {mo})")
    last = calendar.monthrange(y, mo)[1]
    d = int(m.group(3)) if m.group(3) else (last if end else 1)
    if not 1 <= d <= last:
        raise ScrapnoteError(f"'{value}' is not a date (day {d})")
    return f"{y:04d}-{mo:02d}-{d:02d}"


@dataclass(frozen=True)
class Filters:
    tags: tuple[str, ...] = ()
    source: str | None = None
    industry: tuple[str, ...] = ()
    company: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None

    @classmethod
    def make(cls, tags=(), source=None, industry=(), company=(), since=None, until=None) -> "Filters":
        return cls(tuple(tags or ()), source, tuple(industry or ()), tuple(company or ()),
                   parse_date_arg(since), parse_date_arg(until, end=True))

    def sql(self) -> tuple[str, list]:
        """The same filters as an SQL condition on the index's ``notes`` table."""
        parts, args = [], []
        for col, wanted in (("tags", self.tags), ("industry", self.industry), ("companies", self.company)):
            for w in wanted:
                parts.append(f"EXISTS (SELECT 1 FROM json_each(notes.{col}) WHERE lower(value) = lower(?))")
                args.append(unicodedata.normalize("NFC", w))
        if self.source:
            parts.append("instr(lower(coalesce(source, '')), lower(?)) > 0")
            args.append(unicodedata.normalize("NFC", self.source))
        if self.since:
            parts.append("coalesce(date, '') <> '' AND date >= ?")
            args.append(self.since)
        if self.until:
            parts.append("coalesce(date, '') <> '' AND date <= ?")
            args.append(self.until)
        return "".join(f" AND {p}" for p in parts), args

    def matches(self, row: dict) -> bool:
        def has_all(want, have):
            have_l = {h.casefold() for h in have or []}
            return all(w.casefold() in have_l for w in want)

        if not has_all(self.tags, row.get("tags")):
            return False
        if not has_all(self.industry, row.get("industry")):
            return False
        if not has_all(self.company, row.get("companies")):
            return False
        if self.source and self.source.casefold() not in (row.get("source") or "").casefold():
            return False
        date = row.get("date") or ""
        if self.since and (not date or date < self.since):
            return False
        if self.until and (not date or date > self.until):
            return False
        return True


def row_of(note: Note) -> dict:
    m = note.meta
    return {"id": note.id, "date": note.date, "published": m.get("published"), "source": m.get("source"),
            "title": note.title, "tags": list(m.get("tags") or []), "industry": list(m.get("industry") or []),
            "companies": list(m.get("companies") or []), "url": m.get("url"),
            "path": str(note.path) if note.path else None}


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


# -- one note ------------------------------------------------------------------------------------
def template_of(note: Note) -> Template:
    from scrapnote import template

    try:
        return template.load(note.meta.get("template"))
    except ScrapnoteError:
        return template.load()


def _path_of(nid: int) -> Path:
    path = store.find_path(nid)
    if path is None:
        if store.find_path(nid, config.trash_dir()):
            raise NotFoundError(f"note {nid} is in the trash (scrapnote restore {nid} brings it back)")
        raise NotFoundError(f"no note with id {nid}")
    return path


def load_note(nid: int) -> Note:
    from scrapnote import template
    from scrapnote.note import read_note

    note = read_note(_path_of(nid), template.load())
    return note.keyed(template_of(note))


def note_json(note: Note) -> dict:
    from scrapnote.note import to_json

    return to_json(note, home=config.home())


def display_path(path: Path | None) -> str:
    if path is None:
        return ""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def delete_note(nid: int) -> Path:
    return store.delete(nid)


def restore_note(nid: int) -> Path:
    return store.restore(nid)


# -- editing ---------------------------------------------------------------------------------------
def editor_command() -> list[str]:
    import os
    import shlex
    import shutil

    for var in ("VISUAL", "EDITOR"):
        value = os.environ.get(var, "").strip()
        if value:
            return shlex.split(value, posix=os.name != "nt")
    for fallback in ("nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    raise ScrapnoteError("no editor found: set $EDITOR (e.g. export EDITOR=nano)")


def edit_note(nid: int) -> str:
    """Open the note in the user's editor on a working copy; save it back only when it parses.

    A broken edit is never thrown away: it stays in ``<home>/.scrapnote/edits/ID.md`` and the next
    ``edit ID`` re-opens it."""
    import shutil
    import subprocess

    from scrapnote import template
    from scrapnote.note import parse_note

    path = _path_of(nid)
    work_dir = config.state_dir() / "edits"
    work_dir.mkdir(parents=True, exist_ok=True)
    work = work_dir / f"{nid}.md"
    original = path.read_bytes()
    resumed = work.exists()
    if not resumed:
        shutil.copyfile(path, work)
    cmd = editor_command()
    try:
        rc = subprocess.call([*cmd, str(work)])
    except OSError as e:
        raise ScrapnoteError(f"cannot start editor '{cmd[0]}': {e.strerror or e}")
    edited = work.read_bytes()
    if rc != 0:
        raise ScrapnoteError(f"editor exited with status {rc}; note {nid} unchanged, your text is kept in {work}")
    if edited == original:
        work.unlink()
        return f"no changes to {nid}"
    try:
        text = edited.decode("utf-8-sig")
        note = parse_note(text, template.load(), path)
    except UnicodeDecodeError:
        raise ScrapnoteError(f"{path.name}: the edit is not UTF-8 text; note {nid} unchanged, your text is kept "
                             f"in {work} (scrapnote edit {nid} re-opens it)")
    except BrokenNoteError as e:
        raise ScrapnoteError(f"{path.name}: {e.reason}; note {nid} unchanged, your text is kept in {work} "
                             f"(scrapnote edit {nid} re-opens it)")
    if note.id != nid:
        raise ScrapnoteError(f"{path.name}: the edit changed the id to {note.id}; ids cannot change. Note {nid} "
                             f"unchanged, your text is kept in {work} (scrapnote edit {nid} re-opens it)")
    store.atomic_write(path, edited)
    work.unlink()
    return f"saved {nid}"


def interactive_fill(note: Note, ask: Callable[[str, str, str], str]) -> Note:
    """Ask for each of the reader's sections with the form's hint; an empty answer keeps the draft."""
    tmpl = template_of(note)
    for spec in tmpl.body_sections:
        if not spec.reader_writes:
            continue
        answer = ask(spec.label, spec.hint, note.section(spec.key))
        if answer.strip():
            # saved at once: an interrupted session (Ctrl-C, a closed terminal) keeps every answer given
            note = store.save(note.with_section(spec.key, answer, tmpl))
    return note


# -- new -------------------------------------------------------------------------------------------
@dataclass
class NewResult:
    notes: list = field(default_factory=list)
    failed: list = field(default_factory=list)  # (input, error)
    total: int = 0


def new_notes(args: list[str], *, tags=(), industry=(), companies=(), fmt: str | None = None,
              template_name: str | None = None, dry_run: bool = False, drafts: bool = True,
              max_bytes: int = config.MAX_BYTES_DEFAULT,
              on_error: Callable[[str, Exception], None] | None = None, progress=None) -> NewResult:
    """Read each article, draft the study aids, and save one note per article.

    A failed input is reported through ``on_error`` while the others still land."""
    from scrapnote import sources, template
    from scrapnote.extract import FORMATS, load_articles

    if fmt and fmt not in FORMATS:
        raise ScrapnoteError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    if max_bytes < 1:
        raise ScrapnoteError("--max-bytes must be at least 1")
    tmpl = template.load(template_name)
    inputs: list[str] = []
    result = NewResult()
    seen_stdin = False
    for a in args:
        if a == "-":  # stdin can be read once: a second "-" would only find it empty
            if seen_stdin:
                continue
            seen_stdin = True
        try:
            inputs.extend(sources.expand_inputs([a]))
        except ScrapnoteError as e:
            result.failed.append((a, e))
            if on_error:
                on_error(a, e)
    result.total = len(inputs) + len(result.failed)
    tick = progress(len(inputs)) if progress else None
    drafter = None
    for arg in inputs:
        try:
            articles = load_articles(arg, fmt=fmt, max_bytes=max_bytes)  # a TSV digest holds several
            result.total += len(articles) - 1
            for article in articles:
                if drafts and drafter is None:
                    from scrapnote.drafts import Drafter

                    drafter = Drafter()
                aids = drafter.draft(article) if drafts else None
                note = _make_note(article, tmpl, aids, tags, industry, companies,
                                  dry_run_id=store.next_id() + len(result.notes) if dry_run else None)
                if drafter:
                    drafter.remember(note)
                result.notes.append(note)
        except ScrapnoteError as e:
            result.failed.append((arg, e))
            if on_error:
                on_error(arg, e)
        if tick:
            tick()
    if tick:
        tick(done=True)
    return result


def _make_note(article, tmpl: Template, aids, tags, industry, companies, dry_run_id: int | None) -> Note:
    """The note for one article, saved under a new id (or, for --dry-run, numbered ``dry_run_id``
    and not saved). Tags: the user's, then the article's own (a clipper's front matter)."""
    from scrapnote.note import build_note

    def make(nid: int) -> Note:
        return build_note(
            article, tmpl, nid, tags=[*tags, *article.tags, *(aids.tags if aids else [])],
            industry=[*industry, *article.industry, *(aids.industry if aids else [])],
            companies=[*companies, *article.companies, *(aids.companies if aids else [])],
            keywords=aids.keywords if aids else [], drafts=aids.sections if aids else None)

    if dry_run_id is not None:
        return make(dry_run_id)
    return store.create(make)


# -- study aids over the collection ----------------------------------------------------------------
def check_notes(ids: list[int], on_error) -> list[tuple[dict, list[str]]]:
    """(row, unfinished section labels) for each asked note (all notes when ``ids`` is empty)."""
    from scrapnote import index

    rows = index.all_rows(on_error=on_error)
    if ids:
        by_id = {r["id"]: r for r in rows}
        missing = [i for i in ids if i not in by_id]
        if missing:
            _path_of(missing[0])  # raises the right one-line error (unknown, trashed or broken)
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

    _path_of(nid)
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
