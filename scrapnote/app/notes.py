"""One note by its id: where it is (or that it is in the trash), read with its own form, its JSON form."""
from __future__ import annotations

from pathlib import Path

from scrapnote import config, store
from scrapnote.errors import NotFoundError, ScrapnoteError
from scrapnote.note import Note
from scrapnote.template import Template


def template_of(note: Note) -> Template:
    from scrapnote import template

    try:
        return template.load(note.meta.get("template"))
    except ScrapnoteError:
        return template.load()


def path_of(nid: int) -> Path:
    path = store.find_path(nid)
    if path is None:
        if store.find_path(nid, config.trash_dir()):
            raise NotFoundError(f"note {nid} is in the trash (scrapnote restore {nid} brings it back)")
        raise NotFoundError(f"no note with id {nid}")
    return path


def load_note(nid: int) -> Note:
    from scrapnote import template
    from scrapnote.note import read_note

    note = read_note(path_of(nid), template.load())
    return note.keyed(template_of(note))


def note_json(note: Note) -> dict:
    from scrapnote.note import to_json

    return to_json(note, home=config.home(), form=template_of(note))
