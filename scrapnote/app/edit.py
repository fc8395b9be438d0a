"""``edit`` (the user's editor on a working copy) and ``new --interactive`` (section by section)."""
from __future__ import annotations

from collections.abc import Callable

from scrapnote import config, store
from scrapnote.app.notes import path_of, template_of
from scrapnote.errors import BrokenNoteError, ScrapnoteError
from scrapnote.note import Note


# GUI editors that hand the file to a window and return at once, and the flag that makes them wait
# until it is closed (the program's name, without .exe/.cmd, lower case).
WAIT_FLAGS = {
    "code": "--wait", "code-insiders": "--wait", "codium": "--wait", "cursor": "--wait", "windsurf": "--wait",
    "subl": "--wait", "sublime_text": "--wait", "zed": "--wait", "atom": "--wait", "gedit": "--wait",
    "gnome-text-editor": "--standalone", "kate": "--block", "gvim": "--nofork", "mvim": "--nofork",
    "mate": "--wait", "bbedit": "--wait", "notepad++": "-multiInst",
}
_ALSO_WAITING = {"-w", "-f", "-b", "--nofork", "--block", "--wait", "-W"}


def with_wait_flag(cmd: list[str]) -> list[str]:
    """``cmd`` with its GUI editor's wait flag (``code`` → ``code --wait``) unless it has one."""
    if not cmd:
        return cmd
    import os

    name = os.path.basename(cmd[0]).lower()
    for suffix in (".exe", ".cmd", ".bat"):
        name = name.removesuffix(suffix)
    flag = WAIT_FLAGS.get(name)
    if flag is None or flag in cmd[1:] or _ALSO_WAITING & set(cmd[1:]):
        return cmd
    if name == "notepad++":
        return [cmd[0], "-multiInst", "-nosession", *cmd[1:]]
    return [cmd[0], flag, *cmd[1:]]


def editor_command(windows: bool | None = None, use_settings: bool = True) -> list[str]:
    """$VISUAL > $EDITOR > the config file's ``editor`` > nano, vi (notepad on Windows); a GUI
    editor that would return at once gets its wait flag (``with_wait_flag``). The config file is
    read only when neither variable is set (``use_settings=False``: not at all — `config edit`
    of a broken file)."""
    import os
    import shlex
    import shutil

    from scrapnote import settings

    posix = os.name != "nt" if windows is None else not windows

    def values():
        yield os.environ.get("VISUAL", "")
        yield os.environ.get("EDITOR", "")
        if use_settings:
            yield settings.get("editor") or ""

    for value in values():
        value = value.strip()
        if value:
            try:
                return with_wait_flag(shlex.split(value, posix=posix))
            except ValueError as e:
                raise ScrapnoteError(f"cannot read the editor command {value!r}: {e}")
    for fallback in (("notepad",) if not posix else ("nano", "vi")):
        if shutil.which(fallback):
            return [fallback]
    raise ScrapnoteError("no editor found: set $EDITOR (e.g. export EDITOR=nano), or "
                         "`scrapnote config set editor \"code --wait\"`")


RETURNED_AT_ONCE = 1.0  # seconds: an editor back this soon with no change did not wait for the user


def returned_at_once_hint(cmd: list[str], seconds: float) -> str:
    """What to tell a user whose editor came back at once with nothing changed (a GUI editor that
    does not wait and that ``WAIT_FLAGS`` does not know)."""
    if seconds >= RETURNED_AT_ONCE:
        return ""
    return (f"; {cmd[0]} returned at once — if it opens a window, make it wait until the file is closed "
            f"(e.g. export EDITOR=\"{cmd[0]} --wait\", or scrapnote config set editor \"{cmd[0]} --wait\")")


def edit_note(nid: int) -> str:
    """Open the note in the user's editor on a working copy; save it back only when it parses
    and the note has not changed since the editor opened.

    The whole session holds the note's lock (``store.note_lock``): a second ``edit``, a ``delete``
    or a ``restore`` of the note waits for it or says who holds it. A broken edit is never thrown
    away: it stays in ``<home>/.scrapnote/edits/ID.md`` and the next ``edit ID`` re-opens it —
    only while the note is still the text that copy started from (``ID.base`` holds its hash);
    a kept copy older than the note is set aside, never re-opened as the base. A note changed
    meanwhile (by hand, by another program) is never overwritten: the user's text is kept as a
    conflict copy and its path told."""
    with store.note_lock(nid, "edited"):
        return _edit_locked(nid)


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _aside(work_dir, nid: int, kind: str):
    """A free name ``ID.KIND-YYYYmmddTHHMMSS[-k].md`` for a copy set aside (never re-opened)."""
    import time

    stamp = time.strftime("%Y%m%dT%H%M%S")
    k = 1
    while True:
        p = work_dir / f"{nid}.{kind}-{stamp}{'' if k == 1 else f'-{k}'}.md"
        if not p.exists():
            return p
        k += 1


def _drop_copy(work, base) -> None:
    for p in (work, base):
        try:
            p.unlink()
        except FileNotFoundError:
            pass


def _edit_locked(nid: int) -> str:
    import os
    import subprocess
    import time

    from scrapnote import template
    from scrapnote.note import parse_note

    path = path_of(nid)
    work_dir = config.state_dir() / "edits"
    work = work_dir / f"{nid}.md"
    base = work_dir / f"{nid}.base"
    original = path.read_bytes()
    stamp = _digest(original)
    set_aside = ""
    fresh = False  # a new copy of the note is being made (dropped whole if that fails)
    try:
        work_dir.mkdir(parents=True, exist_ok=True)
        resumed = work.exists()
        if resumed:
            try:
                kept_base = base.read_text(encoding="ascii").strip()
            except (OSError, UnicodeDecodeError):
                kept_base = ""
            if kept_base != stamp:  # the note changed since that copy was made: never its base
                older = _aside(work_dir, nid, "older")
                os.replace(work, older)
                base.unlink(missing_ok=True)
                set_aside = f" (an older kept edit, made before the note last changed, was set aside in {older})"
                resumed = False
        if not resumed:
            fresh = True
            store.atomic_write(work, original)  # whole or not at all: never a truncated copy to re-open
            store.atomic_write(base, stamp + "\n")
    except OSError as e:
        if fresh:
            _drop_copy(work, base)
        raise ScrapnoteError(f"cannot make the working copy of note {nid} in {work_dir}: "
                             f"{(e.strerror or str(e)).lower()}; note {nid} unchanged{set_aside}")

    cmd = editor_command()
    started = time.monotonic()
    try:
        rc = subprocess.call([*cmd, str(work)])
    except OSError as e:
        raise ScrapnoteError(f"cannot start editor '{cmd[0]}': {e.strerror or e}")
    took = time.monotonic() - started
    kept = f"your text is kept in {work} (scrapnote edit {nid} re-opens it){set_aside}"
    try:
        edited = work.read_bytes()
    except OSError as e:
        raise ScrapnoteError(f"cannot read the edited copy {work}: {(e.strerror or str(e)).lower()}; "
                             f"note {nid} unchanged{set_aside}")
    if rc != 0:
        raise ScrapnoteError(f"editor exited with status {rc}; note {nid} unchanged, {kept}")
    if edited == original:
        _drop_copy(work, base)
        return f"no changes to {nid}" + returned_at_once_hint(cmd, took) + set_aside
    try:
        text = edited.decode("utf-8-sig")
        note = parse_note(text, template.load(), path)
    except UnicodeDecodeError as e:
        from scrapnote.decode import not_utf8

        raise ScrapnoteError(f"{path.name}: the edit is {not_utf8(edited, e, 'save it as UTF-8 in the editor')}; "
                             f"note {nid} unchanged, {kept}")
    except BrokenNoteError as e:
        raise ScrapnoteError(f"{path.name}: {e.reason}; note {nid} unchanged, {kept}")
    if note.id != nid:
        raise ScrapnoteError(f"{path.name}: the edit changed the id to {note.id}; ids cannot change. Note {nid} "
                             f"unchanged, {kept}")
    try:
        saved = store.replace_note(nid, original, edited)
    except OSError as e:
        raise ScrapnoteError(f"cannot save note {nid}: {(e.strerror or str(e)).lower()}; note {nid} unchanged, "
                             f"{kept}")
    if saved is None:  # changed or moved away while the editor was open: keep both
        conflict = _aside(work_dir, nid, "conflict")
        os.replace(work, conflict)
        base.unlink(missing_ok=True)
        raise ScrapnoteError(f"note {nid} changed while it was open in the editor (by hand or another program); "
                             f"it was not overwritten. Your text is kept in {conflict} — copy what you want "
                             f"from it with scrapnote edit {nid}{set_aside}")
    _drop_copy(work, base)
    return f"saved {nid}" + set_aside


def interactive_fill(note: Note, ask: Callable[[str, str, str], str]) -> Note:
    """Ask for each of the reader's sections with the form's hint; an empty answer keeps the draft."""
    tmpl = template_of(note)
    with store.note_lock(note.id, "edited"):  # the session, as for ``edit``
        for spec in tmpl.body_sections:
            if not spec.reader_writes:
                continue
            answer = ask(spec.label, spec.hint, note.section(spec.key))
            if answer.strip():
                # saved at once: an interrupted session (Ctrl-C, a closed terminal) keeps every answer given
                note = store.save(note.with_section(spec.key, answer, tmpl))
    return note
