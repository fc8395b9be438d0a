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


def editor_command(windows: bool | None = None) -> list[str]:
    """$VISUAL > $EDITOR > the config file's ``editor`` > nano, vi (notepad on Windows); a GUI
    editor that would return at once gets its wait flag (``with_wait_flag``)."""
    import os
    import shlex
    import shutil

    from scrapnote import settings

    posix = os.name != "nt" if windows is None else not windows
    for value in (os.environ.get("VISUAL", ""), os.environ.get("EDITOR", ""), settings.get("editor") or ""):
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
    import time

    cmd = editor_command()
    started = time.monotonic()
    try:
        rc = subprocess.call([*cmd, str(work)])
    except OSError as e:
        raise ScrapnoteError(f"cannot start editor '{cmd[0]}': {e.strerror or e}")
    took = time.monotonic() - started
    edited = work.read_bytes()
    if rc != 0:
        raise ScrapnoteError(f"editor exited with status {rc}; note {nid} unchanged, your text is kept in {work}")
    if edited == original:
        work.unlink()
        return f"no changes to {nid}" + returned_at_once_hint(cmd, took)
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
