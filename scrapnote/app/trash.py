"""``delete`` and ``restore``: a note goes to the trash and comes back under the same id."""
from __future__ import annotations

from pathlib import Path

from scrapnote import store


def delete_note(nid: int) -> Path:
    return store.delete(nid)


def restore_note(nid: int) -> Path:
    return store.restore(nid)
