"""``group``: a study group's shared repository (scrapnote/groups.py), and the group's notes read
with the same list, search and show as the user's own (every member's notes in the group's one
index, brought up to date by the group's git history)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from scrapnote import config, groups
from scrapnote.text.normalize import nfc
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


def group_search(name: str | None, text: str, *, limit: int, fields, filters):
    """``search --group``: the same search over every member's notes at once (the group's one
    index), each hit with its member; how many member note files could not be read (left
    out, as the own search counts them); and the spans to highlight, by the hit's path."""
    from scrapnote import search

    group = groups.resolve(name)
    repo = groups.repo_dir(group)
    with groups.open_index(group) as ix:
        result = search.search_index(ix, text, limit=limit, fields=fields or None, filters=filters)
        broken = len(ix.broken())
    return [(groups.member_of(h.path, repo), h) for h in result.hits], broken, result.by_path


def parse_ref(ref: str) -> tuple[str | None, int]:
    """``3`` (the user's own note) or ``민수:3`` (a group member's)."""
    member, sep, nid = ref.rpartition(":")
    try:
        n = int(nid)
    except ValueError:
        raise ScrapnoteError(f"{ref!r} is not a note id (3) or a member's note (민수:3)")
    return (nfc(member) if sep else None), n


@contextmanager
def member_scope(member: str, group: str | None) -> Iterator[str]:
    """The member's published notes as the collection the note commands read (``show 민수:3``);
    yields the group that has the member."""
    g = groups.find_member(member, group)
    repo = groups.repo_dir(g)
    with config.scoped(groups.member_folder(repo, member), groups.member_state_dir(g, member)):
        yield g


def load_member_note(member: str, g: str, nid: int):
    """``show 민수:3``: the member's note, read inside ``member_scope`` (``g`` the group it yields).
    An id the member has not published is one line naming the member and the group (``no note
    민수:99999 in group 스터디``), as ``export --group`` says it — never the own ``no note with id``."""
    from scrapnote.app.notes import load_note

    try:
        return load_note(nid)
    except NotFoundError:
        raise NotFoundError(f"no note {nfc(member)}:{nid} in group {g}") from None


def week(name: str | None, week: str | None) -> dict:
    return groups.week_report(groups.resolve(name), week)


def group_list() -> list[dict]:
    """``group list``: each group, its remote, its members."""
    out = []
    for g in groups.names():
        repo = groups.repo_dir(g)
        out.append({"group": g, "path": str(repo), "members": groups.members(repo)})
    return out


_WEEKDAYS = "월화수목금토일"


def group_items(name: str | None, refs: list[tuple[str, int]], filters, everything: bool, week: str | None,
                by: str, on_error=None):
    """``export --group``: the group's notes chosen — by ``민수:3`` refs, the filters, ``--all``, or
    the notes scrapped in ``week`` (the week's digest; filters narrow it) — as export Items with
    their member, in parts by member or by day. (items, parts, title, period)."""
    from scrapnote import template
    from scrapnote.app.notes import template_of
    from scrapnote.errors import BrokenNoteError
    from scrapnote.exporters.base import Item, Part
    from scrapnote.filters import Filters
    from scrapnote.note import read_note, to_json

    if by not in ("member", "date"):
        raise ScrapnoteError(f"--by {by!r}: member or date")
    group = groups.resolve(name)
    repo = groups.repo_dir(group)
    filters = filters or Filters()
    if not refs and not everything and week is None and filters == Filters():
        raise ScrapnoteError("which notes of the group? give MEMBER:ID, a filter, --week 2026-W49 or --all")
    chosen: list[tuple[str, Path, str | None]] = []  # (member, file, the scrap day for --week)
    title, period = f"{group} 스크랩 모음", None
    if refs:
        from scrapnote import store

        for member, nid in dict.fromkeys(refs):
            g = groups.find_member(member, group)
            path = store.find_path(nid, groups.member_folder(groups.repo_dir(g), member) / "notes")
            if path is None:
                raise NotFoundError(f"no note {member}:{nid} in group {g}")
            chosen.append((member, path, None))
        if filters != Filters():
            with groups.open_index(group) as ix:
                keep = {r["path"] for r in ix.rows(filters, order=None, columns=("path",))}
            chosen = [c for c in chosen if str(c[1]) in keep]
    elif week is not None:
        label, start, end = groups.week_bounds(group, week)
        title = f"{group} {label} 스크랩 모음"
        period = f"{start.date().isoformat()} ~ {(end - timedelta(days=1)).date().isoformat()}"
        entries = groups.week_notes(group, start, end)
        keep = None
        if filters != Filters():
            with groups.open_index(group) as ix:
                keep = {r["path"] for r in ix.rows(filters, order=None, columns=("path",))}
        tz = groups.read_settings(repo).tz()
        for e in entries:
            if keep is None or e["path"] in keep:
                chosen.append((e["member"], Path(e["path"]), e["when"].astimezone(tz).date().isoformat()))
    else:
        with groups.open_index(group) as ix:
            if on_error:
                for path, reason in ix.broken():
                    on_error(BrokenNoteError(path, reason))
            rows = ix.rows(filters, order="oldest", columns=("path",))
        chosen = [(groups.member_of(r["path"], repo), Path(r["path"]), None) for r in rows]
    form = template.load()
    items: list[tuple[Item, str]] = []
    for member, path, day in chosen:
        try:
            note = read_note(path, form)
        except BrokenNoteError as e:
            if refs:
                raise
            if on_error:
                on_error(e)
            continue
        note = note.keyed(template_of(note))
        own_form = template_of(note)
        data = {**to_json(note, home=repo, form=own_form), "member": member, "ref": f"{member}:{note.id}"}
        items.append((Item(note=note, form=own_form, data=data, member=member), day or note.date or ""))
    if not items:
        raise ScrapnoteError("no notes match" + (f" (nothing scrapped in {week} in {group})" if week else ""))
    if by == "member":
        items.sort(key=lambda x: (x[0].member or "", x[1], x[0].note.date or "", x[0].note.id))
    else:
        items.sort(key=lambda x: (x[1], x[0].member or "", x[0].note.id))
    parts: list[Part] = []
    for item, day in items:
        key = item.member or "" if by == "member" else day
        if not parts or parts[-1].key != key:
            parts.append(Part(key=key, heading=key if by == "member" else _day_heading(key), items=[]))
        parts[-1].items.append(item)
    return [i for i, _d in items], parts, title, period


def _day_heading(day: str) -> str:
    """``2026-12-01`` → ``2026-12-01 (화)``."""
    from datetime import date

    try:
        return f"{day} ({_WEEKDAYS[date.fromisoformat(day[:10]).weekday()]})"
    except ValueError:
        return day or "날짜 없음"
