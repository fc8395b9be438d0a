"""``edit`` (the user's editor on a working copy) and ``new --interactive`` (section by section)."""
from __future__ import annotations

from collections.abc import Callable

from scrapnote import config, store
from scrapnote.app.notes import path_of, template_of
from scrapnote.errors import BrokenNoteError, ScrapnoteError
from scrapnote.note import Note


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

    path = path_of(nid)
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
