"""Read-only and tiny file systems for the fault tests, made with real mounts.

The tests run as root, where ``chmod`` does not stop a write: a read-only collection is a read-only
bind mount, a full disk a 2 MB tmpfs. Both need root and a kernel that lets this process mount
(not every container does); each helper says why when it cannot, and the test is skipped with that
reason.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest


def _run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(list(cmd), capture_output=True, text=True)


def cannot_mount() -> str | None:
    """Why this machine cannot mount here (None when it can)."""
    if os.name != "posix" or not hasattr(os, "geteuid"):
        return "mounts need a POSIX system"
    if os.geteuid() != 0:
        return "mounting a tmpfs or a read-only bind needs root"
    if not shutil.which("mount") or not shutil.which("umount"):
        return "no mount/umount program"
    return None


def _umount(path: Path) -> None:
    if _run("umount", str(path)).returncode != 0:
        _run("umount", "-l", str(path))


@contextmanager
def tiny_fs(path: Path, size: str = "2m"):
    """``path`` is a tmpfs of ``size`` while inside (a full disk made small)."""
    why = cannot_mount()
    if why:
        pytest.skip(why)
    path.mkdir(parents=True, exist_ok=True)
    r = _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path))
    if r.returncode != 0:
        pytest.skip(f"cannot mount a {size} tmpfs here: {r.stderr.strip()}")
    try:
        yield path
    finally:
        _umount(path)


@contextmanager
def read_only(path: Path):
    """``path`` (a folder or a file) is read-only while inside: a read-only bind mount over it."""
    why = cannot_mount()
    if why:
        pytest.skip(why)
    r = _run("mount", "--bind", str(path), str(path))
    if r.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {r.stderr.strip()}")
    r = _run("mount", "-o", "remount,ro,bind", str(path))
    if r.returncode != 0:
        _umount(path)
        pytest.skip(f"cannot remount read-only here: {r.stderr.strip()}")
    try:
        yield path
    finally:
        _umount(path)


def fill(folder: Path) -> None:
    """Fill the file system of ``folder`` to the last byte."""
    with open(folder / "filler", "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 65536)
        except OSError:
            pass
        try:
            while True:
                f.write(b"\0")
        except OSError:
            pass
