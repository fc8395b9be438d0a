"""``group``: a study group's shared repository (scrapnote/groups.py), and the group's notes read
with the same list, search and show as the user's own (every member's notes in the group's one
index, brought up to date by the group's git history)."""
from __future__ import annotations

from scrapnote import config, groups
from scrapnote.errors import NotFoundError, ScrapnoteError


def add_group(name: str, url: str):
    return groups.add(name, url)


def sync_groups(name: str | None) -> list[groups.GroupSyncResult]:
    """One group, or every group when none is named."""
    chosen = [groups.resolve(name)] if name else groups.names()
    if not chosen:
        raise NotFoundError("no group yet: scrapnote group add NAME URL")
    return [groups.sync(g) for g in chosen]


def group_rows(name: str | None, filters, limit: int | None, on_error) -> list[dict]:
    """``list --group``: every member's notes, newest first, each row with its ``member`` and
    ``ref`` (``민수:3``), from the group's one index."""
    from scrapnote.errors import BrokenNoteError

    if limit is not None and limit < 1:
        raise ScrapnoteError("--limit must be at least 1")
    group = groups.resolve(name)
    repo = groups.repo_dir(group)
    with groups.open_index(group) as ix:
        if on_error:
            for path, reason in ix.broken():
                on_error(BrokenNoteError(path, reason))
        rows = ix.rows(filters, order="newest", limit=limit)
    for r in rows:
        r["member"] = groups.member_of(r["path"], repo)
        r["ref"] = f"{r['member']}:{r['id']}"
    return rows


def group_search(name: str | None, text: str, *, limit: int, fields, filters) -> list[tuple[str, object]]:
    """``search --group``: the same search over every member's notes at once (the group's one
    index), each hit with its member."""
    from scrapnote import search

    group = groups.resolve(name)
    repo = groups.repo_dir(group)
    with groups.open_index(group) as ix:
        result = search.search_index(ix, text, limit=limit, fields=fields or None, filters=filters)
    return [(groups.member_of(h.path, repo), h) for h in result.hits]


def parse_ref(ref: str) -> tuple[str | None, int]:
    """``3`` (the user's own note) or ``민수:3`` (a group member's)."""
    member, sep, nid = ref.rpartition(":")
    try:
        n = int(nid)
    except ValueError:
        raise ScrapnoteError(f"{ref!r} is not a note id (3) or a member's note (민수:3)")
    return (member if sep else None), n


def member_scope(member: str, group: str | None):
    """The member's published notes as the collection the note commands read (``show 민수:3``)."""
    g = groups.find_member(member, group)
    repo = groups.repo_dir(g)
    return config.scoped(groups.member_folder(repo, member), groups.member_state_dir(g, member))


def week(name: str | None, week: str | None) -> dict:
    return groups.week_report(groups.resolve(name), week)


def group_list() -> list[dict]:
    """``group list``: each group, its remote, its members."""
    out = []
    for g in groups.names():
        repo = groups.repo_dir(g)
        out.append({"group": g, "path": str(repo), "members": groups.members(repo)})
    return out
