"""Which of the reader's own sections are still empty or still the untouched draft."""
from __future__ import annotations

from scrapnote.errors import ScrapnoteError
from scrapnote.note import DRAFT_MARKER, Note


def _template_for(note: Note):
    from scrapnote import template

    try:
        return template.load(note.meta.get("template"))
    except ScrapnoteError:
        return template.load()


def missing_sections(note: Note, form=None) -> list[str]:
    """Labels of the sections the form marks ``check`` that are empty or still a draft.
    ``form``: the note's form when the caller has it loaded and the note keyed to it (the index
    build reads tens of thousands of notes)."""
    if form is None:
        tmpl = _template_for(note)
        note = note.keyed(tmpl)
    else:
        tmpl = form
    out = []
    for spec in tmpl.body_sections:
        if not spec.check:
            continue
        text = note.section(spec.key)
        if not text.strip() or DRAFT_MARKER in text:
            out.append(spec.label)
    return out
