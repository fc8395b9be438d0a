"""What the index records of a note: its row in ``notes`` and its text per searchable field (the
columns of ``ft``), and the same field texts again from a note file whose fields the index knows.
No SQL here.
"""
from __future__ import annotations

import json
from pathlib import Path

from scrapnote import fields
from scrapnote.text.keys import term_key, title_key, url_key

# The searchable fields, in the order of the columns of `ft` (scrapnote/fields.py is their map).
FIELDS = fields.COLUMNS
# Fields that are sections of the note (the rest of a note's sections are "other").
_SECTION_FIELDS = fields.SECTION_COLUMNS
# Fields that are lists in the front matter, stored as JSON arrays in `notes`.
LIST_COLS = fields.LIST_COLUMNS
_OTHER = fields.OTHER


def section_field(key: str | None) -> str:
    """The searchable field a section of this key is indexed in."""
    return fields.column(key)


def _text_or_none(v) -> str | None:
    return None if v is None else (v.isoformat() if hasattr(v, "isoformat") else str(v))


_dumps = json.JSONEncoder(ensure_ascii=False).encode


def note_row(note, form=None) -> dict:
    """The columns of one note's row in ``notes`` (path, stats and doc are the caller's).
    ``form``: the note's form, when the caller has loaded it and keyed the note to it."""
    from scrapnote.completeness import missing_sections
    from scrapnote.learn.cards import study_data

    m = note.meta
    row = {
        "id": note.id, "title": note.title, fields.HEADLINE: note.section(fields.HEADLINE),
        "source": m.get("source"), "reporter": m.get("reporter"), "published": m.get("published"),
        "date": note.date, "url": m.get("url"),
        "incomplete": _dumps(missing_sections(note, form)),
        "sections": _dumps([section_field(s.key) for s in note.sections]),
        "scrapped": _text_or_none(m.get("scrapped") or m.get("created")),
        "study": _dumps(study_data(note.section(fields.RESEARCH), note.section(fields.INSIGHTS),
                                   note.section(fields.QUESTIONS))),
    }
    for k in LIST_COLS:
        row[k] = _dumps(list(m.get(k) or []))
    row["url_key"] = url_key(m.get("url"))
    row["title_key"] = title_key(note.title)
    row["terms"] = note_terms(m)
    return row


def note_terms(meta) -> list[tuple[str, str]]:
    """(term, kind) of a note's rows in ``note_terms``: its keywords ('k'), its first company ('s',
    the subject), its other companies ('c') and its industries ('i'), each as ``term_key`` writes
    it, once per kind."""
    out: dict[tuple[str, str], None] = {}
    for t in meta.get("keywords") or []:
        out[(term_key(str(t)), "k")] = None
    for i, t in enumerate(meta.get("companies") or []):
        out[(term_key(str(t)), "s" if i == 0 else "c")] = None
    for t in meta.get("industry") or []:
        out[(term_key(str(t)), "i")] = None
    return [k for k in out if k[0]]


def _section_texts(preamble: str, sections) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """The text of a note's sections by field, and (field, text) in file order. ``sections`` are
    (field or None, heading, text): a section of a field goes to it; any other to "other", its
    heading with it when it has no field at all."""
    by_field: dict[str, list[str]] = {}
    order: list[tuple[str, str]] = []
    if preamble.strip():
        by_field.setdefault(_OTHER, []).append(preamble.strip())
        order.append((_OTHER, preamble.strip()))
    for field, heading, text in sections:
        if field in _SECTION_FIELDS:
            by_field.setdefault(field, []).append(text)
            order.append((field, text))
        else:
            text = heading + "\n" + text if field is None else text
            by_field.setdefault(_OTHER, []).append(text)
            order.append((_OTHER, text))
    return by_field, order


def _list_text(values) -> str:
    return "\n".join(str(x) for x in (values or []))


def _hints(name) -> frozenset[str]:
    """The hint lines of the note's form (else the default form's), never indexed."""
    from scrapnote import template
    from scrapnote.errors import ScrapnoteError

    try:
        form = template.load(name if isinstance(name, str) else None)
    except ScrapnoteError:
        try:
            form = template.load()
        except ScrapnoteError:
            return frozenset()
    return hints_of(form)


def hints_of(form) -> frozenset[str]:
    """The hint lines of a loaded form (what ``search_texts`` leaves out)."""
    return frozenset(s.hint.strip() for s in form.sections if s.hint.strip())


def form_hints() -> list[str]:
    """The hint lines of every form the collection can use (the default and the user's own), as
    the index keeps them (state 'hints') for the search's snippets, which read the note files."""
    from scrapnote import template
    from scrapnote.errors import ScrapnoteError

    out: set[str] = set()
    for name in template.available():
        try:
            out |= {s.hint.strip() for s in template.load(name).sections if s.hint.strip()}
        except ScrapnoteError:
            continue
    return sorted(out)


def search_texts(note, hints: frozenset[str] | None = None) -> tuple[str, ...]:
    """The text of each field in FIELDS order, as FTS5 indexes it: what the reader and the
    article said (note.said_text: no draft marker, placeholders or hint lines). ``hints``: the
    hint lines of the note's form (``form_hints_of``), when the caller has them."""
    from scrapnote.note import said_text

    m = note.meta
    if hints is None:
        hints = _hints(m.get("template"))
    by_field, _order = _section_texts(said_text(note.preamble, hints),
                                      [(s.key, s.heading, said_text(s.text, hints)) for s in note.sections])
    values = []
    for f in FIELDS:
        if f == "title":
            values.append(note.title)
        elif f in LIST_COLS:
            values.append(_list_text(m.get(f)))
        else:
            values.append("\n".join(by_field.get(f, ())))
    return tuple(values)


class FieldTexts:
    """The text of each searchable field of one indexed note: ``get(field)``; ``order``, its
    sections as (field, text) in file order; ``read``, False when the note file could not be
    read (then only the fields the index holds itself: the title and the lists)."""

    def __init__(self, by_field: dict[str, str], order: list[tuple[str, str]], read: bool):
        self.by_field = by_field
        self.order = order
        self.read = read

    def get(self, field: str, default: str = "") -> str:
        return self.by_field.get(field, default)


def file_field_texts(path: Path, title: str, lists: dict[str, str | None], columns: list[str],
                     hints: frozenset[str] = frozenset()) -> FieldTexts:
    """The field texts of a note file the index holds: the title and the lists (JSON) from its
    row, the sections from the file, each named by the field the index stored for it
    (``columns``, in file order), so the note's form need not be loaded. A heading the index did
    not see (the file changed since) is "other"."""
    from scrapnote.models import Section
    from scrapnote.note import read_sections, said_text

    out = {"title": title or ""}
    for k, v in lists.items():
        out[k] = _list_text(json.loads(v or "[]"))
    got = read_sections(path)
    if got is None:
        return FieldTexts(out, [], read=False)
    preamble, parts = got
    sections = []
    for i, (heading, raw) in enumerate(parts):
        field = columns[i] if i < len(columns) else _OTHER
        sections.append((field if field in _SECTION_FIELDS else None, heading,
                         said_text(Section(heading, raw).text, hints)))
    by_field, order = _section_texts(said_text(preamble, hints), sections)
    for k, texts in by_field.items():
        out[k] = "\n".join(texts)
    return FieldTexts(out, order, read=True)
