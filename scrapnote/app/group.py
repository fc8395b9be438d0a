"""``group``: a study group's shared repository (scrapnote/groups.py), and the group's notes read
with the same list, search and show as the user's own (each member's notes with its own index)."""
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
    ``ref`` (``민수:3``)."""
    from scrapnote.app.listing import list_rows

    group = groups.resolve(name)
    rows = []
    for member, folder, state in groups.each_member(group):
        with config.scoped(folder, state):
            for r in list_rows(filters, limit, on_error=on_error):
                rows.append({**r, "member": member, "ref": f"{member}:{r['id']}"})
    rows.sort(key=lambda r: (str(r.get("date") or ""), r["member"], r["id"]), reverse=True)
    return rows[:limit] if limit else rows


def group_search(name: str | None, text: str, *, limit: int, fields, filters) -> list[tuple[str, object]]:
    """``search --group``: the same search over each member's notes, the hits merged by score."""
    from scrapnote import search

    group = groups.resolve(name)
    hits: list[tuple[str, object]] = []
    for member, folder, state in groups.each_member(group):
        with config.scoped(folder, state):
            result = search.search(text, limit=limit, fields=fields, filters=filters)
        hits += [(member, h) for h in result.hits]
    hits.sort(key=lambda mh: -mh[1].score)  # type: ignore[attr-defined]
    return hits[:limit]


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
    return config.scoped(groups.member_folder(repo, member), groups.member_index_dir(g, member))


def week(name: str | None, week: str | None) -> dict:
    return groups.week_report(groups.resolve(name), week)


def group_list() -> list[dict]:
    """``group list``: each group, its remote, its members."""
    out = []
    for g in groups.names():
        repo = groups.repo_dir(g)
        out.append({"group": g, "path": str(repo), "members": groups.members(repo)})
    return out
