"""``scrapnote import notes.json``: notes in the JSON form (``export --format json``, ``show --json``)
come back as note files with the same fields.

Everything is checked before anything is written: a broken entry is one line naming the file, the
entry and the field, and nothing is imported. Ids are assigned anew; with ``keep_ids`` an entry keeps
its id when no note (and no note in the trash) has it. 연관기사 ids that point inside the imported
batch follow their notes to the new ids; ids that point outside it are dropped (they named notes of
another collection) while the headline and link stay.
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from scrapnote import fields
from scrapnote.errors import ScrapnoteError

TEXT_FIELDS = ("title", "url", "source", "reporter", "scrapped", "template")
LIST_FIELDS = ("industry", "companies", "tags", "keywords")
# computed from the note, never stored; a study group's export names the member (and 민수:3) on each
IGNORED = ("numbers", "path", "member", "ref")
KNOWN = {"id", "published", "extra", "other_sections", *fields.SECTION_KEYS, *TEXT_FIELDS, *LIST_FIELDS, *IGNORED}
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class ImportResult:
    notes: list = field(default_factory=list)
    renumbered: list = field(default_factory=list)  # (id in the file, id given) when --keep-ids could not keep it
    warnings: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (entry's place in the file, id of the note already here, "link"/…)


def read_entries(source: str) -> tuple[str, list[dict]]:
    """The JSON file (or ``-`` for stdin) → its name and a list of note objects."""
    name = "stdin" if source == "-" else source
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).expanduser().read_bytes()
    except FileNotFoundError:
        from scrapnote.sources import is_url, unsupported_address

        if is_url(source) or unsupported_address(source):  # import reads files only, never an address
            raise ScrapnoteError(f"{name}: import reads a file (or - for stdin), not an address; "
                                 "download it first")
        raise ScrapnoteError(f"{name}: no such file")
    except IsADirectoryError:
        raise ScrapnoteError(f"{name}: is a folder, not a JSON file")
    except OSError as e:
        raise ScrapnoteError(f"{name}: cannot read ({e.strerror or e})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        from scrapnote.decode import not_utf8

        raise ScrapnoteError(f"{name}: {not_utf8(data, e)}")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise ScrapnoteError(f"{name}: not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})")
    if isinstance(doc, dict):
        doc = [doc]
    if not isinstance(doc, list):
        raise ScrapnoteError(f"{name}: expected a list of notes (the output of scrapnote export --format json)")
    if not doc:
        raise ScrapnoteError(f"{name}: no notes in the file")
    return name, doc


def check_entry(entry, where: str) -> dict:
    """One entry of the file, checked field by field; returns it with defaults filled."""
    if not isinstance(entry, dict):
        raise ScrapnoteError(f"{where}: each note must be a JSON object")
    own = _own_sections(entry.get("template"))
    unknown = sorted(set(entry) - KNOWN - set(own or ()))
    if unknown:
        if own is None:  # the sections of a form this collection does not have
            raise ScrapnoteError(f"{where}: unknown field '{unknown[0]}' (form '{entry['template']}' is not in this "
                                 f"collection: copy its NAME.yaml to {_forms_dir()} first)")
        raise ScrapnoteError(f"{where}: unknown field '{unknown[0]}' (is this the output of export --format json?)")
    out = dict(entry)
    nid = entry.get("id")
    from scrapnote.note import ID_MAX, valid_id

    if nid is not None and not valid_id(nid):
        raise ScrapnoteError(f"{where}: field 'id' must be a whole number from 1 to {ID_MAX}")
    for k in TEXT_FIELDS:
        if entry.get(k) is not None and not isinstance(entry[k], str):
            raise ScrapnoteError(f"{where}: field '{k}' must be text")
    pub = entry.get("published")
    if pub is not None and (not isinstance(pub, str) or not _DATE_RE.match(pub)):
        raise ScrapnoteError(f"{where}: field 'published' must be a date like 2023-07-13")
    for k in LIST_FIELDS:
        v = entry.get(k)
        if v is not None and not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
            raise ScrapnoteError(f"{where}: field '{k}' must be a list of words")
    for k in _section_keys(own):
        if fields.is_links(k):
            if entry.get(k) is not None:
                out[k] = _check_links(entry[k], k, where)
        elif entry.get(k) is not None and not isinstance(entry[k], str):
            raise ScrapnoteError(f"{where}: field '{k}' must be text")
    extra = entry.get("extra")
    if extra is not None:
        from scrapnote.note import FIELDS

        if not isinstance(extra, dict):
            raise ScrapnoteError(f"{where}: field 'extra' must be an object")
        clash = sorted(set(extra) & set(FIELDS))
        if clash:
            raise ScrapnoteError(f"{where}: field 'extra' cannot set '{clash[0]}'")
        from scrapnote.note import FrontMatterError, dump_front_matter

        try:  # the one writer says what it cannot write so that it reads back the same
            dump_front_matter({"id": 1, **extra})
        except FrontMatterError as e:
            raise ScrapnoteError(f"{where}: field 'extra': {e.message}")
    others = entry.get("other_sections")
    if others is not None:
        ok = isinstance(others, list) and all(
            isinstance(o, dict) and set(o) <= {"heading", "text"} and isinstance(o.get("heading"), str)
            and o["heading"].strip() and not any(c in o["heading"] for c in "\r\n") and isinstance(o.get("text", ""), str)
            for o in others)
        if not ok:
            raise ScrapnoteError(f"{where}: field 'other_sections' must be a list of {{heading, text}} "
                                 "(a heading is one line)")
    return out


def _check_links(rel, key: str, where: str):
    """A 연관기사 field: a list of ``{id, headline, url}`` (or the section's text, parsed)."""
    if isinstance(rel, str):
        from scrapnote.note import parse_related

        rel = parse_related(rel)
    if not isinstance(rel, list) or not all(isinstance(r, dict) for r in rel):
        raise ScrapnoteError(f"{where}: field '{key}' must be a list of {{{', '.join(fields.LINK_KEYS)}}}")
    for r in rel:
        if set(r) - set(fields.LINK_KEYS):
            raise ScrapnoteError(f"{where}: field '{key}' entries have only {', '.join(fields.LINK_KEYS[:-1])} "
                                 f"and {fields.LINK_KEYS[-1]}")
        rid = r.get("id")
        if rid is not None and (isinstance(rid, bool) or not isinstance(rid, int)):
            raise ScrapnoteError(f"{where}: field '{key}' ids must be whole numbers")
        for k in fields.LINK_KEYS[1:]:
            if r.get(k) is not None and (not isinstance(r[k], str) or "\n" in r[k]):
                raise ScrapnoteError(f"{where}: field '{key}' {k}s must be one line of text")
    return rel


def _own_sections(name) -> tuple[str, ...] | None:
    """The body sections of the form ``name`` that the tool does not know (a user's own form's);
    None when ``name`` names a form this collection does not have."""
    from scrapnote import template

    if name is None:
        return ()
    if not isinstance(name, str):
        return ()  # check_entry says the field must be text
    try:
        form = template.load(name)
    except ScrapnoteError:
        return None
    return fields.own_keys(form)


def _section_keys(own) -> tuple[str, ...]:
    return (*fields.SECTION_KEYS, *(own or ()))


def _forms_dir() -> str:
    from scrapnote import config

    return str(config.user_templates_dir())


def import_notes(source: str, *, keep_ids: bool = False, force: bool = False) -> ImportResult:
    """Import the notes of ``source``. A note whose article the collection already has — by the rule
    ``new`` uses (``text.keys``: its link, else its title), or, with neither, the same title and
    scrap time — is not imported again (``result.skipped``; ``force`` imports it as a copy). The
    batch is compared with the collection as it is under the write lock (an interrupted import
    finished first, a second import waited for), never with itself: an export holding two copies of
    one article brings both into an empty collection."""
    from scrapnote import store

    name, entries = read_entries(source)
    checked = [check_entry(e, f"{name}: note {i}" + (f" (id {e['id']})" if _named(e) else ""))
               for i, e in enumerate(entries, 1)]
    result = ImportResult()
    forms = {}
    for e in checked:
        forms[e.get("template")] = _form(e.get("template"), result)
    held: dict[int, tuple[int, str]] = {}
    todo: list[dict] = []

    def choose() -> list[int]:  # under the collection's lock: what is here now
        held.update({} if force else _already_here(checked))
        todo[:] = [e for i, e in enumerate(checked) if i not in held]
        return [i for i in range(len(checked)) if i not in held]

    def make(ids: list[int]) -> list:
        old_to_new: dict[int, int] = {}
        for e, nid in zip(todo, ids):
            if isinstance(e.get("id"), int):
                old_to_new.setdefault(e["id"], nid)
        for i, (nid, _what) in held.items():  # a 연관기사 of a note not imported again: the note already here
            if isinstance(checked[i].get("id"), int):
                old_to_new.setdefault(checked[i]["id"], nid)
        return [build(e, forms[e.get("template")], nid, old_to_new) for e, nid in zip(todo, ids)]

    wanted_all = [e.get("id") if keep_ids else None for e in checked]
    result.notes = store.create_many(wanted_all, make, choose)
    wanted = [e.get("id") if keep_ids else None for e in todo]
    for i, (nid, what) in sorted(held.items()):
        title = checked[i].get("title") or "(no title)"
        result.skipped.append((i + 1, nid, what))
        result.warnings.append(f"{name}: note {i + 1} '{title}' is already here as #{nid} (same {what}); "
                               "not imported again (use --force to import a copy)")
    if keep_ids:
        result.renumbered = [(w, n.id) for w, n in zip(wanted, result.notes) if w is not None and w != n.id]
    return result


def _already_here(entries: list[dict]) -> dict[int, tuple[int, str]]:
    """{index of an entry: (id of the note already holding it, "link", "title" or "title and scrap
    time")}: the keys ``new`` compares (two index lookups an entry), and for an entry with neither
    key (no http(s) link, a title too short to tell an article) its exact title and scrap time."""
    from scrapnote.index import NoteIndex
    from scrapnote.text.keys import title_key, url_key

    out: dict[int, tuple[int, str]] = {}
    keyless: dict[int, tuple[str, str]] = {}
    with NoteIndex.open_fresh() as ix:
        for i, e in enumerate(entries):
            keys = url_key(e.get("url")), title_key(e.get("title"))
            if any(keys):
                hit = ix.same_article(*keys)
                if hit is not None:
                    out[i] = hit
            elif isinstance(e.get("scrapped"), str):
                keyless[i] = (e.get("title") or "", e["scrapped"])
        found = ix.same_scraps(keyless.values()) if keyless else {}
    for i, pair in keyless.items():
        if pair in found:
            out[i] = (found[pair], "title and scrap time")
    return out


def _named(e) -> bool:
    from scrapnote.note import valid_id

    return isinstance(e, dict) and valid_id(e.get("id"))


def _form(name: str | None, result: ImportResult):
    from scrapnote import template

    try:
        return template.load(name)
    except ScrapnoteError:
        result.warnings.append(f"form '{name}' is not in this collection; its notes use '{template.DEFAULT}'")
        return template.load()


def build(e: dict, form, nid: int, old_to_new: dict[int, int]):
    """The note of one checked entry, with the file's id ``nid``."""
    from scrapnote.models import Article
    from scrapnote.note import _demote_headings, build_note, format_related, parse_note
    from scrapnote.text import nfc_lines

    texts = {}
    for k in _section_keys(_own_sections(e.get("template"))):
        if fields.is_links(k):
            related = []
            for r in e.get(k) or []:
                rid = old_to_new.get(r.get("id")) if r.get("id") is not None else None
                related.append(fields.link(rid, r.get(fields.HEADLINE), r.get(fields.URL)))
            texts[k] = format_related(related)
        else:
            texts[k] = e.get(k) or ""
    body_keys = {s.key for s in form.body_sections}
    drafts = {k: v for k, v in texts.items() if k in body_keys and k != fields.BODY}
    article = Article(title=e.get("title") or "", body=texts[fields.BODY], url=e.get("url"), source=e.get("source"),
                      reporter=e.get("reporter"), published=e.get("published"))
    note = build_note(article, form, nid, tags=e.get("tags") or (), industry=e.get("industry") or (),
                      companies=e.get("companies") or (), keywords=e.get("keywords") or (), drafts=drafts,
                      scrapped=e.get("scrapped"))
    if e.get("extra"):
        note = note.with_meta(**e["extra"])
    # text the form has no section for (another form's sections, headings it does not know) is kept;
    # build_note keeps the body itself
    from scrapnote.template import load as load_form

    default = load_form()
    others = [(spec.label if (spec := default.get(k)) else k, v) for k, v in texts.items()
              if k not in body_keys and k != fields.BODY and v.strip()]
    others += [(o["heading"].strip(), o.get("text") or "") for o in e.get("other_sections") or []]
    if not others:
        return note
    text = note.to_text().rstrip("\n") + "\n"
    for heading, body in others:
        body = _demote_headings(nfc_lines(body).strip("\n"))
        text += f"\n## {heading}\n\n{body}\n" if body.strip() else f"\n## {heading}\n"
    return parse_note(text, form)
