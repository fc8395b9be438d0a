"""The note folder's listing, taken without SQL: the names of the note files and their (mtime_ns,
size), and the same scan taken partly in a child process while the caller works (``Check``).

A scan is ``(stamp, names, stats)``: the directory's stamp (mtime, inode, device), the file
names joined by NUL, and their (mtime_ns, size) pairs as int64 bytes. The index stores the scan
it was last brought up to date with (see sync.py); comparing the two is the "anything changed?"
check every command makes: one stat per file and two byte comparisons.
"""
from __future__ import annotations

import os
import stat as _stat
import sys
from array import array
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import mmap

Listing = tuple[bytes, bytes, bytes]  # (stamp, names joined by NUL, (mtime_ns, size) int64 pairs)

STAT_BLOCK = 4096  # files stat'ed per block by scan (their stat results held at once)
CLAIM = 512  # files per claim when the parent and the child share the stats (see Check)
_HEAD = 4  # int64 slots before the results in the shared buffer: child's next, parent's low, flag


def scan(folder: Path, known: tuple[bytes, ...] | None = None) -> Listing:
    """The note files of ``folder``: (directory stamp, names joined by NUL, their (mtime_ns, size)
    pairs as int64 bytes).

    ``known`` is the (stamp, names, …) of an earlier scan: when the directory's mtime and inode
    still equal that stamp, no file was added, removed or renamed since, so the names are taken
    from it instead of listing the folder again. Every file is still stat'ed: an edit in place
    changes only the file's own mtime."""
    import gc

    fs = os.fsencode(folder)
    try:
        dst = os.stat(fs)
    except (FileNotFoundError, NotADirectoryError):
        return b"", b"", b""
    stamp = b"%d:%d:%d" % (dst.st_mtime_ns, dst.st_ino, dst.st_dev)
    was = gc.isenabled()
    gc.disable()  # tens of thousands of stat results: the collector would walk them again and again
    try:
        known_stamp, known_names = (known[0], known[1]) if known else (b"", b"")
        same = bool(known_stamp) and known_stamp == stamp
        if same:
            names = known_names.split(b"\0") if known_names else []
        else:
            try:
                names = [n for n in os.listdir(fs) if n.endswith(b".md") and n[:1] != b"."]
            except (FileNotFoundError, NotADirectoryError):
                return b"", b"", b""
        st = os.stat
        fd = None
        if st in os.supports_dir_fd:
            try:
                fd = os.open(fs, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            except OSError:
                fd = None
        isreg = _stat.S_ISREG
        nums = array("q")
        kept: list[bytes] | None = None  # the names, once an entry is left out (gone, not a file)
        try:
            # a block at a time: a list of 200,000 stat results was ~170 MiB at its peak
            for lo in range(0, len(names), STAT_BLOCK):
                part = names[lo:lo + STAT_BLOCK]
                if fd is not None:
                    try:
                        stats = [st(n, dir_fd=fd) for n in part]
                    except OSError:  # a file went away while we looked
                        stats = [_stat_or_none(n, fd) for n in part]
                else:
                    stats = [_stat_or_none(os.path.join(fs, n), None) for n in part]
                if not all(s is not None and isreg(s.st_mode) for s in stats):
                    if kept is None:
                        kept = names[:lo]
                    kept.extend(n for n, s in zip(part, stats) if s is not None and isreg(s.st_mode))
                    stats = [s for s in stats if s is not None and isreg(s.st_mode)]
                elif kept is not None:
                    kept.extend(part)
                block = array("q", bytes(16 * len(stats)))
                block[0::2] = array("q", [s.st_mtime_ns for s in stats])
                block[1::2] = array("q", [s.st_size for s in stats])
                nums.extend(block)
                del stats
        finally:
            if fd is not None:
                os.close(fd)
        if kept is not None:
            same = False
            names = kept
        # the very object given in ``known`` when the names are those: callers can skip comparing
        return stamp, known_names if same else b"\0".join(names), nums.tobytes()
    finally:
        if was:
            gc.enable()


def _stat_or_none(name, fd):
    try:
        return os.stat(name, dir_fd=fd) if fd is not None else os.stat(name)
    except OSError:
        return None



def _stat_into(names: list[bytes], fd: int, q: memoryview, lo: int, hi: int) -> None:
    """Stat ``names[lo:hi]`` (relative to ``fd``) into the shared int64 buffer ``q``:
    (mtime_ns, size) pairs from slot ``_HEAD + 2 * lo``; slot 2 is set when a file is missing or
    not a regular file (then the caller lists the folder again)."""
    st = os.stat
    part = names[lo:hi]
    try:
        stats = [st(n, dir_fd=fd) for n in part]
    except OSError:  # a file went away while we looked
        stats = [_stat_or_none(n, fd) for n in part]
        if None in stats:
            q[2] = 1
            return
    if not all(map(_stat.S_ISREG, [s.st_mode for s in stats])):
        q[2] = 1
        return
    a = _HEAD + 2 * lo
    b = _HEAD + 2 * hi
    q[a:b:2] = array("q", [s.st_mtime_ns for s in stats])
    q[a + 1:b:2] = array("q", [s.st_size for s in stats])


class Check:
    """A scan of the note folder taken (on Linux) partly in a child process while the caller
    works; ``result()`` waits for it.

    When the folder's stamp still equals the known listing's (no file added, removed or
    renamed), the names are known and the stats are shared: the child stats from the first name
    up, the caller from the last name down when it calls ``result()``, each claiming ``CLAIM``
    names at a time in a shared buffer until they meet, so both cores work. A claim is written
    before its names are stat'ed and the meeting point only moves inwards, so no name is left
    out (a name at the meeting point may be stat'ed twice, harmlessly). Otherwise the child
    lists and stats the folder alone. Where fork is unavailable, or the caller asks for no
    child (``fork=False``: a small folder), the scan runs inside ``result()``.

    ``mode`` says which way was taken when the check started: ``"shared"``, ``"child"`` or
    ``"inline"``."""

    def __init__(self, folder: Path, known: Listing | None = None, fork: bool = True):
        self.folder = folder
        self.known = known
        self.mode = "inline"
        self._pid: int | None = None
        self._fd: int | None = None
        self._result: Listing | None = None
        self._shared: mmap.mmap | None = None
        self._dirfd: int | None = None
        if not (fork and sys.platform.startswith("linux") and hasattr(os, "fork")):
            return
        if known is not None and known[0] and known[1] and os.stat in os.supports_dir_fd:
            try:
                self._start_split(folder, known)
                self.mode = "shared"
                return
            except OSError:
                self._close_split()
        self._start_child(folder, known)
        if self._fd is not None:
            self.mode = "child"

    # -- the shared scan: names known -----------------------------------------------------------
    def _start_split(self, folder: Path, known: Listing) -> None:
        import mmap

        fs = os.fsencode(folder)
        dst = os.stat(fs)
        stamp = b"%d:%d:%d" % (dst.st_mtime_ns, dst.st_ino, dst.st_dev)
        if stamp != known[0]:
            raise OSError("the folder changed: list it again")
        names = known[1].split(b"\0")
        self._dirfd = os.open(fs, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        self._names, self._stamp = names, stamp
        shared = self._shared = mmap.mmap(-1, 8 * (_HEAD + 2 * len(names)))  # MAP_SHARED: both see it
        q = self._q = memoryview(shared).cast("q")
        q[0], q[1] = 0, len(names)
        pid = os.fork()
        if pid == 0:  # the child: claim from the bottom up, leave at once
            code = 0
            try:
                import gc

                gc.disable()
                i = 0
                while True:
                    hi = q[1]
                    if i >= hi or q[2]:
                        break
                    j = min(i + CLAIM, hi)
                    q[0] = j
                    _stat_into(names, self._dirfd, q, i, j)
                    i = j
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        self._pid = pid

    def _finish_split(self) -> Listing | None:
        import gc

        q, names, pid, known = self._q, self._names, self._pid, self.known
        assert pid is not None and known is not None and self._dirfd is not None  # set by _start_split
        ok = True
        was = gc.isenabled()
        gc.disable()
        try:
            k = len(names)
            while True:
                lo = q[0]
                if k <= lo or q[2]:
                    break
                j = max(k - CLAIM, lo)
                q[1] = j
                _stat_into(names, self._dirfd, q, j, k)
                k = j
        except OSError:
            ok = False
        finally:
            _, status = os.waitpid(pid, 0)
            if was:
                gc.enable()
        if status != 0 or q[2] or not ok:
            return None
        return self._stamp, known[1], q[_HEAD:].tobytes()

    def _close_split(self) -> None:
        if self._dirfd is not None:
            os.close(self._dirfd)
            self._dirfd = None
        if self._shared is not None:
            self._q.release()
            self._shared.close()
            self._shared = None

    # -- the child's scan: the folder is listed ---------------------------------------------------
    def _start_child(self, folder: Path, known) -> None:
        try:
            r, w = os.pipe()
        except OSError:
            return
        try:
            pid = os.fork()
        except OSError:
            os.close(r)
            os.close(w)
            return
        if pid == 0:  # the child: scan, send, leave at once (no cleanup of the parent's state)
            code = 0
            try:
                os.close(r)
                stamp, names, nums = scan(folder, known)
                if known is not None and names is known[1]:  # the parent has them already
                    names, size = b"", (1 << 63) - 1
                else:
                    size = len(names)
                data = b"".join([len(stamp).to_bytes(8, "little"), stamp,
                                 size.to_bytes(8, "little"), names, nums])
                view = memoryview(data)
                while view:
                    view = view[os.write(w, view):]
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(w)
        self._pid, self._fd = pid, r

    def result(self) -> Listing:
        if self._result is not None:
            return self._result
        if self._shared is not None:
            try:
                got = self._finish_split()
            finally:
                self._pid = None
                self._close_split()
            if got is not None:
                self._result = got
                return got
        if self._fd is not None:
            fd, self._fd = self._fd, None
            pid = self._pid
            assert pid is not None  # set with the pipe by _start_child
            chunks = []
            try:
                while True:
                    c = os.read(fd, 1 << 20)
                    if not c:
                        break
                    chunks.append(c)
            finally:
                os.close(fd)
                _, status = os.waitpid(pid, 0)
            data = b"".join(chunks)
            if status == 0 and len(data) >= 16:
                n = int.from_bytes(data[:8], "little")
                stamp = data[8:8 + n]
                m = int.from_bytes(data[8 + n:16 + n], "little")
                if m == (1 << 63) - 1 and self.known is not None:  # the names the parent passed in
                    names, m = self.known[1], 0
                else:
                    names = data[16 + n:16 + n + m]
                self._result = (stamp, names, data[16 + n + m:])
                return self._result
        self._result = scan(self.folder, self.known)
        return self._result

    def close(self) -> None:
        if self._shared is not None or self._fd is not None:
            try:
                self.result()
            except OSError:
                pass

