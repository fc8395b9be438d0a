"""``delete`` and ``restore``: a note goes to the trash and comes back under the same id."""
from __future__ import annotations

from pathlib import Path

from scrapnote import store
from scrapnote.errors import NotFoundError


def delete_note(nid: int) -> Path:
    """Note ``nid`` moved to the trash; found under the collection's lock, its folder listed at
    most once there (when the index cannot vouch for its names), never read (a note that cannot
    be read can be deleted too: the trash keeps it as it is)."""
    try:
        return store.delete(nid)
    except NotFoundError:
        from scrapnote.app.notes import path_of

        path_of(nid)  # the one-line error that says when it is in the trash
        raise


def restore_note(nid: int) -> Path:
    return store.restore(nid)
