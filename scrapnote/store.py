"""The collection on disk: ids, atomic writes, locking, trash. Files are the truth.

Layout under the home folder::

    notes/NNNN-<slug>.md     one note per file
    .trash/NNNN-<slug>.md    deleted notes (``restore`` brings them back under the same id)
    .scrapnote/              tool state: lock, last_id, the search index (a cache)
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Callable
from collections.abc import Set as AbstractSet

from scrapnote import config
from scrapnote.errors import NotFoundError, ScrapnoteError
from scrapnote.note import ID_MAX, Note, file_name, valid_id

_ID_NAME_RE = re.compile(r"^(\d+)(?:-|\.md$)")


# Temp files are named ``.<target>.<host>-<pid>.<random>.tmp`` so that a later write can tell a
# leftover of a killed writer (its pid is gone) from a live writer's file (never touched).
_TMP_NEW_RE = re.compile(r"\.(?P<host>[A-Za-z0-9]{0,32})-(?P<pid>\d{1,10})\.[A-Za-z0-9_]{4,}\.tmp$")
_TMP_OLD_RE = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # before pids were in the name
# ``.<target>.<pid>.tmp``: a writer of this host's cache files only (the index's term lists,
# ``.vocab-<key>.terms.<pid>.tmp`` in ``.scrapnote/``, which git never carries), asked by its pid
# — exactly that shape: a user's own hidden ``.plan.2025.tmp`` is none of ours and is never touched
_TMP_PID_RE = re.compile(r"^\.vocab-[0-9A-Za-z-]+\.(?:terms|cho)\.(?P<pid>\d{1,7})\.tmp$")  # pid_max ≤ 2²²
STALE_S = 3600  # a temp file whose writer cannot be asked (other host, old name) is a leftover after this
_OWN_TMPS: set[str] = set()  # names of the temp files this process is writing now
JOURNAL = "import-journal.json"


def _host() -> str:
    try:
        node = os.uname().nodename
    except AttributeError:  # Windows
        import platform

        node = platform.node()
    return re.sub(r"[^A-Za-z0-9]", "", node)[:32]


def _write_temp(path: Path, data: bytes) -> Path:
    """``data`` in a new temp file beside ``path`` (fsync'ed, with the mode a plain write would give)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{_host()}-{os.getpid()}.", suffix=".tmp", dir=path.parent)
    _OWN_TMPS.add(os.path.basename(tmp))
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
    except BaseException:
        _drop(tmp)
        raise
    return Path(tmp)


def _drop(tmp) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass
    _OWN_TMPS.discard(os.path.basename(tmp))


def atomic_write(path: Path, data: bytes | str, *, overwrite: bool = True) -> None:
    """Write to a temp file in the same folder, fsync, then rename over the target.

    With ``overwrite=False`` an existing target is never replaced (the rename is a hard link,
    which fails if the name exists)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    tmp = _write_temp(path, data)
    try:
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
        _OWN_TMPS.discard(tmp.name)


def _pid_alive(pid: int) -> bool | None:
    """True/False; None when it cannot be asked here (Windows: os.kill would end the process)."""
    if pid == os.getpid():
        return False  # ours, and not one we are writing (those are skipped before): a reused pid's
    if os.name == "nt":
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # another user's live process (or we cannot tell): keep its file
    return True


def _is_leftover(folder: Path, name: str, now: float) -> bool:
    """A temp file of ours that no live writer owns (see the naming above)."""
    if name in _OWN_TMPS:
        return False
    full = str(folder / name)
    m = _TMP_NEW_RE.search(name)
    local = m is not None and m.group("host") == _host()
    if m is None:
        m = _TMP_PID_RE.match(name)
        local = m is not None
    if m is None and not _TMP_OLD_RE.match(name):
        return False
    if m is not None and local:
        alive = _pid_alive(int(m.group("pid")))
        if alive is not None:
            return not alive
    try:
        return now - os.stat(full).st_mtime > STALE_S
    except OSError:
        return False


def clean_leftovers(folders=None, keep: AbstractSet[str] = frozenset()) -> list[Path]:
    """Remove temp files that killed writers left in the collection's folders; returns them.

    A temp file is removed only when its writer is gone: its name carries the writer's host and
    pid, and that pid no longer runs on this host; a temp file from another host, or named the
    old way (without a pid), only once it is older than ``STALE_S``. A live writer's file is
    never touched. ``keep`` names files that must stay (a pending import's)."""
    import time

    if folders is None:
        state = config.state_dir()
        folders = (config.notes_dir(), config.trash_dir(), state, state / "edits", state / "locks")
    now = time.time()
    removed = []
    clean = _clean_stamps()
    was = dict(clean)
    for folder in folders:
        key = os.fsdecode(os.path.abspath(folder))
        stamp = _dir_stamp(folder)
        if stamp is not None and clean.get(key) == stamp:
            continue  # no entry added or removed since a listing found no temp file here
        try:  # names as bytes, filtered before decoding: ~2x faster than scandir on a big folder
            names = [os.fsdecode(n) for n in _listdir_bytes(folder, stamp)
                     if n[:1] == b"." and n.endswith(b".tmp")]
        except OSError:
            continue
        clean.pop(key, None)
        if not names and stamp is not None and int(stamp.split(":")[0]) <= time.time_ns() - CLEAN_RACY_NS:
            clean[key] = stamp  # the stamp read before the listing: any file added since changed it
        for name in names:
            if name in keep or not _is_leftover(folder, name, now):
                continue
            try:
                os.unlink(folder / name)
                removed.append(folder / name)
            except OSError:
                pass
    if clean != was:
        _save_clean_stamps(clean)
    return removed


# A folder's listing for leftovers is skipped while the folder's stamp (its mtime, inode and
# device) equals the stamp read just before a listing that found no temp file in it: a temp file
# (of a writer killed since, or put there by hand) is a new entry, and a new entry changes the
# folder's mtime. A stamp that recent (the same clock tick could hold a second change) is not kept.
# `delete ID` at 200,000 notes then lists no folder when nothing changed since the last write.
CLEAN_RACY_NS = 2_000_000_000
CLEAN_STAMPS = "leftovers-clean"


# Under the collection's lock a folder is listed once for the leftovers and for find_path (delete
# ID after the folder changed: one listing of 200,000 names instead of two, ~0.2 s): the names are
# kept, with the folder's stamp read before the listing, until the lock is let go, and used only
# while the folder's stamp is still that one (an entry added or removed since changes it).
_held_listings: dict[str, tuple[str, list[bytes]]] | None = None


def _listdir_bytes(folder, stamp: str | None = None) -> list[bytes]:
    """``os.listdir`` of ``folder`` as bytes; under the lock, one listing per folder stamp."""
    fs = os.fsencode(folder)
    if _held_listings is None:
        return os.listdir(fs)
    if stamp is None:
        stamp = _dir_stamp(folder)
    key = os.fsdecode(os.path.abspath(fs))
    held = _held_listings.get(key)
    if held is not None and stamp is not None and held[0] == stamp:
        return held[1]
    names = os.listdir(fs)
    if stamp is not None:
        _held_listings[key] = (stamp, names)
    return names


def _dir_stamp(folder) -> str | None:
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return f"{st.st_mtime_ns}:{st.st_ino}:{st.st_dev}"


def _clean_stamps() -> dict[str, str]:
    try:
        data = json.loads((config.state_dir() / CLEAN_STAMPS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def _save_clean_stamps(clean: dict[str, str]) -> None:
    state = config.state_dir()
    if not state.is_dir():
        return
    try:
        atomic_write(state / CLEAN_STAMPS, json.dumps(clean, ensure_ascii=False))
    except OSError:
        pass  # only a shortcut: the next write lists the folders again


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


GITIGNORE_LINE = ".scrapnote/"


def ignore_state(new_home: bool) -> Path | None:
    """Keep the tool's state (index cache, lock, counter, kept edits) out of git: a ``.gitignore``
    naming ``.scrapnote/`` is written when the collection is created (the first write to a home
    with no note), and added to a collection
    that is a git repository (``.git`` in it) and has none — or has one that does not name it.
    Called by every write (``locked``); read commands never write it. Returns the file written."""
    home = config.home()
    ignore = home / ".gitignore"
    is_repo = (home / ".git").exists()
    if not (new_home or is_repo):
        return None
    try:
        old = ignore.read_bytes() if ignore.exists() else None
    except OSError:
        return None
    line = GITIGNORE_LINE.encode() + b"\n"
    if old is None:
        data = b"# scrapnote's own state (index cache, lock, id counter, kept edits): never commit it\n" + line
    else:
        names = {n.strip().strip("/").rstrip("*").rstrip("/") for n in old.decode("utf-8", "replace").splitlines()}
        if ".scrapnote" in names or not is_repo:
            return None
        data = old + (b"\n" if old and not old.endswith(b"\n") else b"") + line  # the user's bytes kept
    atomic_write(ignore, data)
    return ignore


def _empty_or_missing(folder: Path) -> bool:
    """Whether the folder has no entry (or is not there): its first entry read, not the whole
    folder listed (``Path.iterdir`` lists every name first)."""
    try:
        with os.scandir(folder) as it:
            return next(it, None) is None
    except (FileNotFoundError, NotADirectoryError):
        return True


class LockTimeout(Exception):
    """The lock stayed held by another process for the whole wait."""


class _FlockLock:
    """An OS lock on a file, taken as filelock's UnixFileLock takes it (``flock(LOCK_EX)`` on a
    file opened for it, polled every 50 ms until ``timeout``; let go when the descriptor is
    closed, so a holder killed by kill -9 releases it), without importing filelock (~20-40 ms of
    the start-up of edit and delete). The same lock as filelock's on POSIX: a scrapnote of either
    kind waits for the other. Where ``fcntl`` is missing (Windows), filelock's (``file_lock``)."""

    def __init__(self, path: str, timeout: float = -1) -> None:
        self.path, self.timeout = path, timeout
        self._fd: int | None = None

    def acquire(self, timeout: float | None = None) -> None:
        import errno
        import fcntl
        import time

        wait = self.timeout if timeout is None else timeout
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as e:
                    if e.errno not in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES):
                        raise
                if wait >= 0 and time.monotonic() >= deadline:
                    raise LockTimeout(self.path)
                time.sleep(0.05)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # the only descriptor of this open: its flock goes with it

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def file_lock(path: str, timeout: float = -1):
    """(a lock on ``path``, the exception its ``acquire`` raises when the wait runs out)."""
    try:
        import fcntl  # noqa: F401
    except ImportError:  # Windows
        from filelock import FileLock, Timeout

        return FileLock(path, timeout=timeout), Timeout
    return _FlockLock(path, timeout), LockTimeout


@contextmanager
def locked(timeout: float = 30.0):
    """The collection's write lock, held across processes (``file_lock``; filelock's on Windows)."""

    state = config.state_dir()
    notes = config.notes_dir()
    new_home = _empty_or_missing(notes)  # no note yet: a new collection
    state.mkdir(parents=True, exist_ok=True)
    lock, Timeout = file_lock(str(state / "lock"), timeout=timeout)
    global _held_listings
    try:
        with lock:
            outer = _held_listings is None
            if outer:
                _held_listings = {}
            try:
                pending = _finish_import()
                clean_leftovers(keep=pending)
                yield
                ignore_state(new_home)  # after the write itself: a note comes first
            finally:
                if outer:
                    _held_listings = None
    except Timeout:
        raise ScrapnoteError(f"the collection at {config.home()} is locked by another scrapnote; try again")


NOTE_LOCK_WAIT = 10.0  # seconds a short holder (delete, restore) is waited for; an edit session is not


def _lock_owner(owner: Path) -> dict:
    try:
        data = json.loads(owner.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


@contextmanager
def note_lock(nid: int, doing: str):
    """One note's lock: ``edit`` (for its whole session, editor open), ``delete`` and ``restore`` of
    note ``nid`` run one at a time, across processes. ``doing`` is what the holder does
    ("edited", "deleted", "restored"), written with its pid beside the lock so that the next one
    can say who holds it. A holder that is editing is not waited for (one line naming its pid); a
    delete or restore is (up to ``NOTE_LOCK_WAIT``). The lock is an OS lock (``file_lock``: flock
    on POSIX, filelock's msvcrt lock on Windows): a holder that dies, even by kill -9, releases it, so a stale lock
    is taken over by the next one. Take it before the collection's lock (``locked``), never after."""
    import time

    if not valid_id(nid):
        raise NotFoundError(f"no note with id {nid} (ids are whole numbers from 1 to {ID_MAX})")
    folder = config.state_dir() / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    lock, Timeout = file_lock(str(folder / f"{nid}.lock"))
    owner = folder / f"{nid}.owner"
    deadline = time.monotonic() + NOTE_LOCK_WAIT
    while True:
        try:
            lock.acquire(timeout=0.05)
            break
        except Timeout:
            held = _lock_owner(owner)
            if held.get("doing") == "edited" or time.monotonic() > deadline:
                pid = held.get("pid")
                who = f" (pid {pid})" if isinstance(pid, int) else " by another scrapnote"
                raise ScrapnoteError(f"note {nid} is being {held.get('doing') or 'changed'}{who}; "
                                     "try again when it is done")
    try:
        try:  # only for the message of the next one: a full disk must not stop a delete
            atomic_write(owner, json.dumps({"pid": os.getpid(), "host": _host(), "doing": doing}))
        except OSError:
            pass
        yield
    finally:
        try:
            owner.unlink()
        except OSError:
            pass
        lock.release()


def replace_note(nid: int, base: bytes, data: bytes) -> Path | None:
    """Write ``data`` over note ``nid`` only if its file still holds ``base`` (the text an edit
    started from), under the collection's lock; returns the file written, or None when the note
    changed or went away meanwhile (the caller keeps ``data`` elsewhere: a newer note is never
    overwritten)."""
    with locked():
        path = find_path(nid)
        try:
            if path is None or path.read_bytes() != base:
                return None
        except OSError:
            return None
        atomic_write(path, data)
    return path


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
    return max(_used_ids(folder), default=0)


def _read_counter() -> int:
    """The largest id ever handed out (0 when unknown; a damaged counter is unknown: the files
    still hold every id in use)."""
    try:
        n = int((config.state_dir() / "last_id").read_text().strip() or 0)
    except (OSError, ValueError):
        return 0
    return n if 0 <= n <= ID_MAX else 0


def next_id() -> int:
    """The id the next ``create`` would hand out (not reserved: for --dry-run)."""
    nid = max(_read_counter(), _max_id(config.notes_dir()), _max_id(config.trash_dir())) + 1
    if nid > ID_MAX:
        raise ScrapnoteError(f"no id left: this collection has handed out id {ID_MAX}, the largest there is "
                             "(ids are never reused)")
    return nid


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
    text = note.to_text()
    clean_leftovers((note.path.parent,))
    atomic_write(note.path, text)
    return note


def find_path(nid: int, folder: Path | None = None) -> Path | None:
    """The file of note ``nid`` (by its file name's number, else its front matter's ``id``).

    Two files claiming the same id (a note copied by hand) is an error naming both: acting on one
    of them silently would be a guess. The names that can claim it come from the index when it
    vouches for the folder as it is (``index.names_claiming``: a few key lookups), else from
    listing the folder."""
    if not valid_id(nid):
        raise NotFoundError(f"no note with id {nid} (ids are whole numbers from 1 to {ID_MAX})")
    notes = config.notes_dir()
    folder = folder or notes
    paths = None
    if folder == notes:  # the index knows the names when no file was added, removed or renamed since
        from scrapnote.index import names_claiming

        claiming = names_claiming(nid)
        if claiming is not None:
            paths = [folder / n for n in sorted(set(claiming))]
    if paths is None:
        paths = _listed_claiming(folder, nid)
    found = [p for p in paths if id_of_name(p.name) == nid]
    if not found:  # a file renamed by hand: ask its front matter
        found = [p for p in paths if id_of_name(p.name) is None and _front_matter_id(p) == nid]
    if len(found) > 1:
        names = " and ".join(p.name for p in found[:2])
        raise ScrapnoteError(f"id {nid} is used by {len(found)} files in {folder} ({names}); "
                             "give one of them another id (its file name's number and 'id:')")
    return found[0] if found else None


def _listed_claiming(folder: Path, nid: int) -> list[Path]:
    """The note files of ``folder`` (as ``note_paths`` chooses them) that can carry id ``nid``:
    a name starting with its number, or a name without an id. The folder is listed as bytes and the
    names are picked by two C-level regex passes: no Path or str for the other files."""
    try:
        raw = _listdir_bytes(folder)
    except FileNotFoundError:
        return []
    blob = b"\0" + b"\0".join(raw) + b"\0"
    del raw
    hits = re.findall(rb"\x00(0*" + str(nid).encode() + rb"[-.][^\x00]*)", blob)
    hits += re.findall(rb"\x00((?![0-9]+(?:-|\.md\x00))[^\x00]*)", blob)  # names without an id
    names = sorted({os.fsdecode(n) for n in hits if n.endswith(b".md") and n[:1] != b"."})
    return [folder / n for n in names if (folder / n).is_file()]


def _front_matter_id(path: Path) -> int | None:
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as f:
            head = f.read(2048)
    except OSError:
        return None
    m = re.search(r"^id:[ \t]*(\d+)[ \t]*$", head, re.M)
    return int(m.group(1)) if m else None


def delete(nid: int) -> Path:
    """Move note ``nid`` to the trash (under its lock: never while it is being edited)."""
    with note_lock(nid, "deleted"), locked():
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
    with note_lock(nid, "restored"), locked():
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


def create_many(wanted: list[int | None], make: Callable[[list[int]], list[Note]],
                choose: Callable[[], list[int]] | None = None) -> list[Note]:
    """``scrapnote import``: allocate ids for a batch and write ``make(ids)`` notes, all under the lock.

    ``choose``: called under the lock, after an interrupted import is finished and before any id is
    allocated; the places of ``wanted`` to write (``import`` leaves out the notes already here: seen
    under the lock, a second import running meanwhile or a killed one cannot make copies).

    ``wanted[i]`` is kept when it was never handed out (above the counter), no note and no trashed
    note has it, and no earlier note of the batch took it; every other note gets a new id past the
    largest ever given. The counter moves past every id written, so none is handed out again.

    All or nothing, even when killed: every note is first written to a temp file (fsync'ed); then
    a journal naming each temp file and its note file is written, and only then are the notes put
    in place. Killed before the journal, the temp files are leftovers (cleaned by the next write)
    and nothing was imported; killed after it, the next command that takes the lock finishes
    putting every note in place (``_finish_import``)."""
    with locked():
        if choose is not None:
            wanted = [wanted[i] for i in choose()]
            if not wanted:
                return []
        used = _used_ids(config.notes_dir()) | _used_ids(config.trash_dir())
        given = _read_counter()  # every id up to here was handed out once: never again
        kept = []
        for w in wanted:
            ok = valid_id(w) and w > given and w not in used and w not in kept
            kept.append(w if ok else None)
        nxt = max([next_id() - 1, *[k for k in kept if k]]) + 1
        ids = []
        for k in kept:
            if k is None:
                k, nxt = nxt, nxt + 1
            ids.append(k)
        if ids and max(ids) > ID_MAX:
            raise ScrapnoteError(f"no id left for {len(ids)} notes: ids go up to {ID_MAX} (ids are never reused)")
        notes = make(ids)
        texts = [note.to_text().encode("utf-8") for note in notes]  # a note that cannot be written: nothing is
        folder = config.notes_dir()
        paths = [folder / file_name(nid, note.title) for nid, note in zip(ids, notes)]
        for p in paths:
            if os.path.lexists(p):
                raise ScrapnoteError(f"{p} already exists; nothing imported")
        temps: list[Path] = []
        try:
            for p, data in zip(paths, texts):
                temps.append(_write_temp(p, data))
            if ids and max(ids) > _read_counter():
                atomic_write(config.state_dir() / "last_id", f"{max(ids)}\n")
            moves = [(t.name, p.name) for t, p in zip(temps, paths)]
            atomic_write(config.state_dir() / JOURNAL, json.dumps({"pid": os.getpid(), "moves": moves}))
        except BaseException:
            for t in temps:
                _drop(t)
            raise
        placed = _put_in_place(folder, moves)
        (config.state_dir() / JOURNAL).unlink()
        for t in temps:
            _OWN_TMPS.discard(t.name)
        written = [Note(meta=note.meta, sections=note.sections, preamble=note.preamble, path=path)
                   for note, path in zip(notes, placed)]
    return written


def _put_in_place(folder: Path, moves: list[tuple[str, str]]) -> list[Path]:
    """Give each temp file its note name (a hard link, so a file made meanwhile is never replaced;
    then a free name beside it), then remove the temp file. Safe to run again after a kill."""
    placed = []
    for tmp_name, name in moves:
        tmp, path = folder / tmp_name, folder / name
        if not os.path.exists(tmp):  # put in place before a kill
            placed.append(path)
            continue
        k = 1
        while True:
            try:
                os.link(tmp, path)
                break
            except FileExistsError:
                if os.path.samefile(tmp, path):
                    break
            except OSError:  # file systems without hard links
                if not os.path.lexists(path):
                    os.replace(tmp, path)
                    break
            k += 1
            path = folder / f"{Path(name).stem}-{k}.md"
        placed.append(path)
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
    return placed


def _finish_import() -> set[str]:
    """Finish an import a kill interrupted after its journal was written (under the lock).
    Returns the temp names it could not put in place (kept by the leftover cleaning)."""
    journal = config.state_dir() / JOURNAL
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
        moves = [(str(t), str(n)) for t, n in data["moves"]]
    except FileNotFoundError:
        return set()
    except (OSError, ValueError, KeyError, TypeError):
        journal.unlink(missing_ok=True)  # never half-written (atomic): unreadable means damaged
        return set()
    try:
        _put_in_place(config.notes_dir(), moves)
    except OSError:
        return {t for t, _ in moves}
    journal.unlink(missing_ok=True)
    return set()


def _used_ids(folder: Path) -> set[int]:
    """The ids of the note files in ``folder``: a file name's number, else its front matter's
    ``id`` (a note renamed by hand keeps its id). Ids out of range are broken notes, not ids."""
    out = set()
    for p in note_paths(folder):
        nid = id_of_name(p.name)
        if nid is None:
            nid = _front_matter_id(p)
        if valid_id(nid):
            out.add(nid)
    return out
