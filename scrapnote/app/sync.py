"""``sync``: the collection carried by git (scrapnote/gitsync.py does the work)."""
from __future__ import annotations

from pathlib import Path

from scrapnote import gitsync


def sync_collection(init: bool, remote: str | None) -> gitsync.SyncResult:
    """``sync --init [REMOTE]`` makes the home a repository (and syncs when given a remote);
    ``sync`` commits, pulls (rebase) and pushes."""
    return gitsync.init(remote) if init else gitsync.sync()


def kept_conflicts() -> list[Path]:
    """The other devices' texts saved aside by syncs, still there (listed by sync and check)."""
    return gitsync.conflicts()


def this_device() -> str:
    """This device's name (``$SCRAPNOTE_DEVICE``, else the host name): a conflict file named by it
    holds this device's own text, set aside by another device."""
    return gitsync.device()
