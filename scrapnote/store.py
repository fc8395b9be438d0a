"""The collection on disk: ids, atomic writes, locking, trash. Files are the truth.

Layout under the home folder::

    notes/NNNN-<slug>.md     one note per file
    .trash/NNNN-<slug>.md    deleted notes (``restore`` brings them back under the same id)
    .scrapnote/              tool state: lock, last_id, the search index (a cache)
"""
from __future__ import annotations

import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

from scrapnote import config
from scrapnote.errors import NotFoundError, ScrapnoteError
from scrapnote.note import Note, file_name

_ID_NAME_RE = re.compile(r"^(\d+)(?:-|\.md$)")


def atomic_write(path: Path, data: bytes | str, *, overwrite: bool = True) -> None:
    """Write to a temp file in the same folder, fsync, then rename over the target.

    With ``overwrite=False`` an existing target is never replaced (the rename is a hard link,
    which fails if the name exists)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file 0600: give it the mode a plain write would (an existing file's
        # own mode, else what the umask allows), so shared exports and notes stay readable
        try:
            mode = os.stat(path).st_mode & 0o7777
        except OSError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise ScrapnoteError(f"{path} already exists (use --force to overwrite)")
            except OSError:  # file systems without hard links
                if path.exists():
                    raise ScrapnoteError(f"{path} already exists (use --force to overwrite)")
                os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


@contextmanager
def locked(timeout: float = 30.0):
    """The collection's write lock, held across processes (filelock works on Windows too)."""
    from filelock import FileLock, Timeout

    state = config.state_dir()
    state.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(state / "lock"), timeout=timeout)
    try:
        with lock:
            yield
    except Timeout:
        raise ScrapnoteError(f"the collection at {config.home()} is locked by another scrapnote; try again")


def id_of_name(name: str) -> int | None:
    m = _ID_NAME_RE.match(name)
    return int(m.group(1)) if m else None


def note_paths(folder: Path | None = None) -> list[Path]:
    """Every note file in a folder (hidden and temp files skipped), in name order."""
    folder = folder or config.notes_dir()
    try:
        with os.scandir(folder) as it:
            names = [e.name for e in it if e.name.endswith(".md") and not e.name.startswith(".") and e.is_file()]
    except FileNotFoundError:
        return []
    return [folder / n for n in sorted(names)]


def _max_id(folder: Path) -> int:
    best = 0
    for p in note_paths(folder):
        i = id_of_name(p.name)
        if i and i > best:
            best = i
    return best


def _read_counter() -> int:
    try:
        return int((config.state_dir() / "last_id").read_text().strip() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def next_id() -> int:
    """The id the next ``create`` would hand out (not reserved: for --dry-run)."""
    return max(_read_counter(), _max_id(config.notes_dir()), _max_id(config.trash_dir())) + 1


def create(make: Callable[[int], Note]) -> Note:
    """Allocate the next id under the lock and write the note ``make(id)`` returns.

    Ids are never reused: the next is one past the largest ever given (the counter), in notes/
    or in the trash."""
    with locked():
        nid = next_id()
        note = make(nid)
        path = config.notes_dir() / file_name(nid, note.title)
        atomic_write(path, note.to_text())
        atomic_write(config.state_dir() / "last_id", f"{nid}\n")
    return Note(meta=note.meta, sections=note.sections, preamble=note.preamble, path=path)


def save(note: Note) -> Note:
    """Write a changed note back over its file (atomically)."""
    if note.path is None:
        raise ScrapnoteError("note has no file to save to")
    atomic_write(note.path, note.to_text())
    return note


def find_path(nid: int, folder: Path | None = None) -> Path | None:
    """The file of note ``nid`` (by its file name's number, else its front matter's ``id``).

    Two files claiming the same id (a note copied by hand) is an error naming both: acting on one
    of them silently would be a guess."""
    folder = folder or config.notes_dir()
    paths = note_paths(folder)
    found = [p for p in paths if id_of_name(p.name) == nid]
    if not found:  # a file renamed by hand: ask its front matter
        found = [p for p in paths if id_of_name(p.name) is None and _front_matter_id(p) == nid]
    if len(found) > 1:
        names = " and ".join(p.name for p in found[:2])
        raise ScrapnoteError(f"id {nid} is used by {len(found)} files in {folder} ({names}); "
                             "give one of them another id (its file name's number and 'id:')")
    return found[0] if found else None


def _front_matter_id(path: Path) -> int | None:
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as f:
            head = f.read(2048)
    except OSError:
        return None
    m = re.search(r"^id:\s*(\d+)\s*$", head, re.M)
    return int(m.group(1)) if m else None


def delete(nid: int) -> Path:
    with locked():
        path = find_path(nid)
        if path is None:
            raise NotFoundError(f"no note with id {nid}")
        trash = config.trash_dir()
        trash.mkdir(parents=True, exist_ok=True)
        target = trash / path.name
        os.replace(path, target)
        # remember the id so it is never handed out again, even if the trash is emptied
        if _read_counter() < nid:
            atomic_write(config.state_dir() / "last_id", f"{nid}\n")
    return target


def restore(nid: int) -> Path:
    with locked():
        src = find_path(nid, config.trash_dir())
        if src is None:
            if find_path(nid):
                raise ScrapnoteError(f"note {nid} is not in the trash")
            raise NotFoundError(f"no deleted note with id {nid}")
        if find_path(nid):
            raise ScrapnoteError(f"a note with id {nid} already exists")
        target = config.notes_dir() / src.name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(src, target)
    return target


def create_many(wanted: list[int | None], make: Callable[[list[int]], list[Note]]) -> list[Note]:
    """``scrapnote import``: allocate ids for a batch and write ``make(ids)`` notes, all under the lock.

    ``wanted[i]`` is kept when it was never handed out (above the counter), no note and no trashed
    note has it, and no earlier note of the batch took it; every other note gets a new id past the largest ever given. The counter moves
    past every id written, so none is handed out again."""
    with locked():
        used = _used_ids(config.notes_dir()) | _used_ids(config.trash_dir())
        given = _read_counter()  # every id up to here was handed out once: never again
        kept = []
        for w in wanted:
            ok = w is not None and w > given and w not in used and w not in kept
            kept.append(w if ok else None)
        nxt = max([next_id() - 1, *[k for k in kept if k]]) + 1
        ids = []
        for k in kept:
            if k is None:
                k, nxt = nxt, nxt + 1
            ids.append(k)
        notes = make(ids)
        written = []
        for nid, note in zip(ids, notes):
            path = config.notes_dir() / file_name(nid, note.title)
            atomic_write(path, note.to_text(), overwrite=False)
            written.append(Note(meta=note.meta, sections=note.sections, preamble=note.preamble, path=path))
        if ids and max(ids) > _read_counter():
            atomic_write(config.state_dir() / "last_id", f"{max(ids)}\n")
    return written


def _used_ids(folder: Path) -> set[int]:
    out = set()
    for p in note_paths(folder):
        nid = id_of_name(p.name)
        if nid is None:
            nid = _front_matter_id(p)
        if nid is not None:
            out.add(nid)
    return out
