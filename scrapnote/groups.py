"""A study group's shared git repository beside the user's own collection (``scrapnote group``).

Where it lives: ``<home>/.scrapnote/groups/NAME/repo`` (the clone) and
``<home>/.scrapnote/groups/NAME/index.sqlite`` (one search index over every member's notes,
outside the clone so that it is never committed). The members' notes change only through
``group sync`` (a hand edit in the clone is undone by it), so the index is brought up to date by
the group's git history, not by a stat check of 40,000 files per command: it records the HEAD it
was built at, and when HEAD moved (``group sync`` refreshes it at once) only the files ``git diff
--name-only OLD NEW`` names are read again. Under ``.scrapnote/``: the user's own repository ignores it
(a group's clone is never committed into the user's collection as a nested repository), and the
own index reads ``<home>/notes`` only, so the group's notes are never searched as the user's own.

The group's repository::

    group.yaml                     the group's settings (below)
    members/<member>/notes/*.md    each member's published notes, as in their own notes/

A member writes into ``members/<member>/`` only, so members never conflict. ``group.yaml``::

    publish: all          # all | complete (only notes `check` finds complete)
    tag: 스터디           # optional: only notes with this tag
    per_week: 3           # notes each member hands in a week
    deadline: sun 23:59   # the week's last moment to hand in (the group's timezone)
    timezone: Asia/Seoul
    fines: {missing: 3000, late: 1000}
    members: [지수, 민수]  # optional: members who have published nothing yet still listed
"""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path

from scrapnote import config, gitsync, store
from scrapnote.errors import NotFoundError, ScrapnoteError
from scrapnote.text.normalize import nfc

SETTINGS = "group.yaml"
MEMBERS = "members"
_NAME_RE = re.compile(r"^[^\W_][\w.-]{0,63}$")
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_SETTINGS = """\
# scrapnote study group settings (scrapnote group week reads them)
publish: all          # all | complete (only the notes `scrapnote check` finds complete)
# tag: 스터디         # only the notes with this tag
per_week: 1           # notes each member hands in a week
deadline: sun 23:59   # the week's last moment to hand in, in the timezone below
timezone: Asia/Seoul
fines: {missing: 0, late: 0}
"""


def groups_root() -> Path:
    return config.home() / ".scrapnote" / "groups"


def group_dir(name: str) -> Path:
    return groups_root() / name


def repo_dir(name: str) -> Path:
    return group_dir(name) / "repo"


def member_state_dir(name: str, member: str) -> Path:
    """The state folder a member's notes are read with (``show 민수:3``): nothing is written there."""
    return group_dir(name) / "state" / member


def index_path(name: str) -> Path:
    """The group's one search index over every member's notes (outside the clone: never committed)."""
    return group_dir(name) / "index.sqlite"


def check_name(name: str, what: str = "group name") -> str:
    if not _NAME_RE.match(name or ""):
        raise ScrapnoteError(f"{what} {name!r} must be letters, digits, '.', '-' or '_' (no '/', ':' or spaces)")
    return name


def names() -> list[str]:
    root = groups_root()
    try:
        return sorted(p.name for p in root.iterdir() if (p / "repo" / ".git").exists())
    except OSError:
        return []


def resolve(name: str | None) -> str:
    """The group asked for (NFC: a name typed on macOS comes decomposed), else the only one there is."""
    known = names()
    if name:
        name = nfc(name)
        if name not in known:
            raise NotFoundError(f"no group {name!r} here" + (f" (groups: {', '.join(known)})" if known else
                                                             ": add it with scrapnote group add NAME URL"))
        return name
    if not known:
        raise NotFoundError("no group yet: scrapnote group add NAME URL")
    if len(known) > 1:
        raise ScrapnoteError(f"name the group: {', '.join(known)}")
    return known[0]


def member_name() -> str:
    """This user's name in groups: $SCRAPNOTE_MEMBER, else the config file's ``member``, else
    ``git config user.name``."""
    name = os.environ.get("SCRAPNOTE_MEMBER")
    if not name:
        from scrapnote import settings

        name = settings.get("member")
    if not name and shutil.which("git"):
        import subprocess

        done = subprocess.run(["git", "config", "user.name"], capture_output=True)
        name = done.stdout.decode("utf-8", "replace").strip()
    if not name:
        raise ScrapnoteError("no member name: scrapnote config set member NAME (or set SCRAPNOTE_MEMBER)")
    return check_name(name.strip(), "member name")


# -- settings ------------------------------------------------------------------------------------
@dataclass
class GroupSettings:
    publish: str = "all"
    tag: str | None = None
    per_week: int = 1
    deadline: tuple[int, int, int] = (6, 23, 59)  # weekday (Monday 0), hour, minute
    timezone: str = "Asia/Seoul"
    fines: dict[str, int] = field(default_factory=lambda: {"missing": 0, "late": 0})
    members: list[str] = field(default_factory=list)

    def tz(self) -> tzinfo:
        try:
            from zoneinfo import ZoneInfo

            return ZoneInfo(self.timezone)
        except Exception:  # noqa: BLE001 - no tz database: Korea's offset, the default's
            return timezone(timedelta(hours=9))


def read_settings(repo: Path) -> GroupSettings:
    file = repo / SETTINGS
    s = GroupSettings()
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return s
    import yaml

    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        raise ScrapnoteError(f"{file}: not valid YAML ({str(e).splitlines()[0]})")
    if not isinstance(data, dict):
        raise ScrapnoteError(f"{file}: expected keys (publish, tag, per_week, deadline, timezone, fines, members)")

    def bad(key: str, why: str) -> ScrapnoteError:
        return ScrapnoteError(f"{file}: {key}: {why}")

    if "publish" in data:
        if data["publish"] not in ("all", "complete"):
            raise bad("publish", "all or complete")
        s.publish = data["publish"]
    if data.get("tag") is not None:
        s.tag = str(data["tag"])
    if "per_week" in data:
        if not isinstance(data["per_week"], int) or data["per_week"] < 0:
            raise bad("per_week", "a whole number, 0 or more")
        s.per_week = data["per_week"]
    if "deadline" in data:
        m = re.match(r"^(mon|tue|wed|thu|fri|sat|sun)\w*\s+(\d{1,2}):(\d{2})$", str(data["deadline"]).strip().lower())
        if not m or int(m.group(2)) > 23 or int(m.group(3)) > 59:
            raise bad("deadline", "a weekday and a time, like 'sun 23:59'")
        s.deadline = (_DAYS.index(m.group(1)), int(m.group(2)), int(m.group(3)))
    if "timezone" in data:
        s.timezone = str(data["timezone"])
    if "fines" in data:
        fines = data["fines"] or {}
        if not isinstance(fines, dict) or any(k not in ("missing", "late") or not isinstance(v, int) or v < 0
                                              for k, v in fines.items()):
            raise bad("fines", "{missing: AMOUNT, late: AMOUNT} (whole numbers)")
        s.fines = {"missing": fines.get("missing", 0), "late": fines.get("late", 0)}
    if "members" in data:
        if not isinstance(data["members"], list):
            raise bad("members", "a list of names")
        s.members = [check_name(str(m), "member name") for m in data["members"]]
    return s


def members(repo: Path, settings: GroupSettings | None = None) -> list[str]:
    """Every member: the folders under members/ and the settings' list."""
    found = set((settings or read_settings(repo)).members)
    try:
        found |= {p.name for p in (repo / MEMBERS).iterdir() if p.is_dir() and _NAME_RE.match(p.name)}
    except OSError:
        pass
    return sorted(found)


def member_folder(repo: Path, member: str) -> Path:
    return repo / MEMBERS / member


# -- add and sync --------------------------------------------------------------------------------
def add(name: str, url: str) -> Path:
    """``group add NAME URL``: the group's repository cloned beside the collection."""
    check_name(name)
    repo = repo_dir(name)
    if repo.exists():
        raise ScrapnoteError(f"a group named {name!r} is already here ({repo}); scrapnote group sync {name}")
    git = gitsync.Git(groups_root())
    repo.parent.mkdir(parents=True, exist_ok=True)
    done = git.run("clone", "-q", url, str(repo), check=False)
    if done.returncode != 0:
        shutil.rmtree(repo, ignore_errors=True)
        raise ScrapnoteError(f"cannot clone {url}: {gitsync.reason(done)}")
    return repo


@dataclass
class GroupSyncResult:
    member: str
    published: list[str] = field(default_factory=list)
    pulled: int = 0
    pushed: bool = False
    remote: str | None = None
    rewritten: bool = False  # the group's history was rewritten (force-pushed) since the last sync


def chosen_notes(s: GroupSettings) -> list[Path]:
    """The user's own notes the group's settings publish."""
    from scrapnote.filters import Filters
    from scrapnote.index import NoteIndex

    filters = Filters.make(tags=[s.tag] if s.tag else ())
    with NoteIndex.open_fresh() as ix:
        rows = ix.rows(filters, order="newest")
    return [Path(r["path"]) for r in rows if not (s.publish == "complete" and r.get("incomplete"))]


def publish(repo: Path, member: str, s: GroupSettings) -> None:
    """The member's folder made the chosen notes: new and changed files written, notes no longer
    chosen (deleted, untagged, unfinished) removed. Only what differs is written."""
    folder = member_folder(repo, member) / "notes"
    want = {p.name: p for p in chosen_notes(s)}
    folder.mkdir(parents=True, exist_ok=True)
    for name, src in want.items():
        dst = folder / name
        data = src.read_bytes()
        try:
            if dst.stat().st_size == len(data) and dst.read_bytes() == data:
                continue
        except FileNotFoundError:
            pass
        store.atomic_write(dst, data)
    for old in store.note_paths(folder):
        if old.name not in want:
            old.unlink()


def _read_only_again(git: gitsync.Git, repo: Path) -> None:
    """Other members' notes are read-only here: a change made in the clone by hand is undone
    (the member's own folder is rebuilt from the collection anyway); an edit of ``group.yaml`` is
    kept, and committed with the publish."""
    if gitsync.rev(git, "HEAD") is None:
        return
    settings_file = repo / SETTINGS
    kept = settings_file.read_bytes() if settings_file.exists() else None
    git.run("reset", "-q", "--hard", "HEAD")
    git.run("clean", "-fdq")
    if kept is not None and (not settings_file.exists() or settings_file.read_bytes() != kept):
        store.atomic_write(settings_file, kept)


def sync(name: str) -> GroupSyncResult:
    """``group sync NAME``: the others' notes pulled, this member's published and pushed."""
    repo = repo_dir(name)
    member = member_name()
    git = gitsync.Git(repo)
    result = GroupSyncResult(member=member)
    state = gitsync.SyncResult()
    with store.locked():
        gitsync.abort_leftover(git)
        branch = gitsync.branch_of(git)
        _read_only_again(git, repo)
        result.remote = git.out("remote", "get-url", gitsync.REMOTE).strip()
        known = gitsync.rev(git, f"refs/remotes/{gitsync.REMOTE}/{branch}")
        gitsync.fetch(git, result.remote)
        upstream = gitsync.rev(git, f"refs/remotes/{gitsync.REMOTE}/{branch}")
        if known is not None and upstream is not None and known != upstream \
                and not git.ok("merge-base", "--is-ancestor", known, upstream):
            state.rewritten = True
        if upstream is not None:
            gitsync.integrate(git, upstream, state, renumber=False)
        if not (repo / SETTINGS).exists():
            store.atomic_write(repo / SETTINGS, DEFAULT_SETTINGS)
        s = read_settings(repo)
        publish(repo, member, s)
        git.run("add", "-A", "--", SETTINGS, f"{MEMBERS}/{member}")
        lines = gitsync.change_lines(git)
        if lines:
            git.run("commit", "-q", "--no-verify", "-F", "-",
                    input=gitsync.message_of([f"{member}: {ln}" for ln in lines]).encode("utf-8"))
        result.published = lines
        try:
            gitsync.push(git, branch, result.remote, state, renumber=False)
        finally:  # what was pulled and committed is searchable even when the push failed
            open_index(name).close()
    result.pulled, result.pushed, result.rewritten = state.pulled, state.pushed, state.rewritten
    return result


# -- the group's index ---------------------------------------------------------------------------
_MEMBER_NOTE_RE = re.compile(rf"^{MEMBERS}/([^/]+/notes/[^/]+\.md)$")


def head_of(repo: Path) -> str:
    """The clone's HEAD commit, read from ``.git`` without running git (a search asks it every
    time); git itself when the files are not the plain kind (a worktree, an odd ref)."""
    gitdir = repo / ".git"
    try:
        ref = (gitdir / "HEAD").read_text(encoding="utf-8").strip()
        if re.fullmatch(r"[0-9a-f]{40,64}", ref):
            return ref
        if ref.startswith("ref: "):
            name = ref[5:].strip()
            loose = gitdir / name
            if loose.is_file():
                value = loose.read_text(encoding="utf-8").strip()
                if re.fullmatch(r"[0-9a-f]{40,64}", value):
                    return value
            elif (gitdir / "packed-refs").is_file():
                for line in (gitdir / "packed-refs").read_text(encoding="utf-8").splitlines():
                    parts = line.split()
                    if len(parts) == 2 and parts[1] == name and re.fullmatch(r"[0-9a-f]{40,64}", parts[0]):
                        return parts[0]
            if not loose.exists():
                return ""  # a branch with no commit yet
    except (OSError, UnicodeDecodeError):
        pass
    return gitsync.rev(gitsync.Git(repo), "HEAD") or ""


def open_index(name: str, progress=None):
    """The group's index (``NoteIndex`` over ``repo/members``) at the clone's HEAD: the member
    notes that differ between the HEAD it was built at and this one read again (``git diff``),
    every note when it has none or that commit is gone."""
    from scrapnote.index import NoteIndex

    repo = repo_dir(name)
    now = head_of(repo)

    def changed(old: str) -> list[str] | None:
        if not now:
            return None
        git = gitsync.Git(repo)
        if gitsync.rev(git, old) is None:
            return None
        raw = git.run("diff", "--name-only", "--no-renames", "-z", old, now, "--", MEMBERS, check=False)
        if raw.returncode != 0:
            return None
        out = []
        for p in raw.stdout.decode("utf-8", "surrogateescape").split("\0"):
            m = _MEMBER_NOTE_RE.match(p)
            if m:
                out.append(m.group(1))
        return out

    ix = NoteIndex.open_tree(index_path(name), repo / MEMBERS, now or "empty", changed, progress)
    drop_old_indexes(name)
    return ix


OLD_INDEXES = "index"  # groups/NAME/index/<member>/: one index per member, the layout before index.sqlite


def drop_old_indexes(name: str) -> bool:
    """Remove ``groups/NAME/index/`` — the per-member indexes of the earlier layout, a cache no
    command reads since the group's one ``index.sqlite`` is in use — and nothing else: only that
    folder (never followed through a link), and only while it holds no note file (``*.md``: a
    folder a user put notes in is left alone). Whether it was removed."""
    old = group_dir(name) / OLD_INDEXES
    try:
        if old.is_symlink() or not old.is_dir() or not index_path(name).is_file():
            return False
        if any(p.suffix == ".md" for p in old.rglob("*")):
            return False
        shutil.rmtree(old)
    except OSError:
        return False  # in use elsewhere (Windows) or not ours to remove: the next command tries again
    return True


def member_of(path: str | Path, repo: Path) -> str:
    """The member whose folder holds a note file of the group."""
    return Path(path).relative_to(repo / MEMBERS).parts[0]


# -- reading: the members' notes -----------------------------------------------------------------
def find_member(member: str, group: str | None) -> str:
    """The group holding ``member`` (the one asked, else the only group that has them)."""
    member = nfc(member)
    if group:
        group = resolve(group)
        if member not in members(repo_dir(group)):
            raise NotFoundError(f"no member {member!r} in group {group}")
        return group
    having = [g for g in names() if member in members(repo_dir(g))]
    if not having:
        raise NotFoundError(f"no member {member!r} in any group" if names() else
                            "no group yet: scrapnote group add NAME URL")
    if len(having) > 1:
        raise ScrapnoteError(f"{member} is in {', '.join(having)}: name one with --group")
    return having[0]


# -- the week's 인증 -------------------------------------------------------------------------------
def parse_week(text: str | None, now: datetime, tz: tzinfo) -> tuple[int, int]:
    if not text:
        iso = now.astimezone(tz).isocalendar()
        return iso[0], iso[1]
    m = re.match(r"^(\d{4})-?W(\d{1,2})$", text.strip(), re.I)
    if not m:
        raise ScrapnoteError(f"--week {text!r}: give an ISO week like 2026-W49")
    year, week = int(m.group(1)), int(m.group(2))
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ScrapnoteError(f"--week {text!r}: {year} has no week {week}")
    return year, week


_SCRAPPED_RE = re.compile(r"^scrapped:[ \t]*['\"]?([^'\"\n]+?)['\"]?[ \t]*$", re.M)
_TITLE_RE = re.compile(r"^title:[ \t]*(.*)$", re.M)


def _scrapped(path: Path, tz: tzinfo) -> datetime | None:
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as f:
            head = f.read(4096)
    except OSError:
        return None
    m = _SCRAPPED_RE.search(head)
    if not m:
        return None
    try:
        t = datetime.fromisoformat(m.group(1).strip())
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=tz)


def _handed_in_times(git: gitsync.Git, since: datetime) -> dict[str, int]:
    """path → the time (committer, epoch s) the file first reached the group's history, for the
    files added since ``since`` (one ``git log``)."""
    out: dict[str, int] = {}
    raw = git.run("log", "--reverse", "--diff-filter=A", "--no-renames", "--format=@%ct", "--name-only",
                  f"--since={int(since.timestamp()) - 86400 * 7}", "--", MEMBERS, check=False).stdout
    t = 0
    for line in raw.decode("utf-8", "replace").splitlines():
        if line.startswith("@"):
            t = int(line[1:])
        elif line.strip():
            out.setdefault(line.strip(), t)
    return out


def _founded(git: gitsync.Git) -> int | None:
    """The time (committer, epoch s) of the group repository's first commit, or None."""
    raw = git.run("log", "--max-parents=0", "--format=%ct", "HEAD", check=False).stdout.split()
    return min(int(t) for t in raw) if raw else None


def week_report(name: str, week: str | None) -> dict:
    """Members × the notes they handed in this week (by scrap date), their unwritten sections,
    the late ones (reached the group after the deadline) and the fines. Read from the group's
    index (the scrap time, title and unwritten sections of every note are there) and one
    ``git log`` of the fortnight: no note file is read."""
    repo = repo_dir(name)
    s = read_settings(repo)
    tz = s.tz()
    year, wk = parse_week(week, config.now(), tz)
    start = datetime.combine(date.fromisocalendar(year, wk, 1), datetime.min.time(), tz)
    end = start + timedelta(days=7)
    wd, hh, mm = s.deadline
    deadline = start + timedelta(days=wd, hours=hh, minutes=mm, seconds=59)
    git = gitsync.Git(repo)
    times = _handed_in_times(git, start) if (repo / ".git").exists() else {}
    # Nothing is owed for a week whose deadline has not passed (the notes may still come) nor for
    # one that ended before the group's first commit (there was no group to hand in to).
    now = config.now()
    open_week = now <= deadline
    founded = _founded(git) if (repo / ".git").exists() else None
    before_group = founded is not None and deadline.timestamp() < founded
    by_member: dict[str, list[dict]] = {}
    for entry in week_notes(name, start, end, tz):
        rel = Path(entry["path"]).relative_to(repo).as_posix()
        arrived = times.get(rel)
        late = arrived is not None and arrived > deadline.timestamp() and not before_group
        by_member.setdefault(entry["member"], []).append({
            "id": entry["id"], "ref": f"{entry['member']}:{entry['id']}", "title": entry["title"],
            "scrapped": entry["when"].astimezone(tz).isoformat(timespec="minutes"),
            "handed_in": datetime.fromtimestamp(arrived, tz).isoformat(timespec="minutes") if arrived else None,
            "late": late, "unwritten": entry["unwritten"]})
    rows = []
    for m in sorted(set(members(repo, s)) | set(by_member)):
        notes = sorted(by_member.get(m, []), key=lambda n: str(n["scrapped"]))
        late_n = sum(1 for n in notes if n["late"])
        missing = max(0, s.per_week - len(notes))
        owed_missing = 0 if open_week or before_group else missing
        fine = owed_missing * s.fines.get("missing", 0) + late_n * s.fines.get("late", 0)
        rows.append({"member": m, "handed_in": len(notes), "unwritten": sum(1 for n in notes if n["unwritten"]),
                     "late": late_n, "missing": missing, "fine": fine, "notes": notes})
    return {"group": name, "week": f"{year}-W{wk:02d}", "from": start.date().isoformat(),
            "to": (end - timedelta(days=1)).date().isoformat(), "deadline": deadline.isoformat(timespec="minutes"),
            "per_week": s.per_week, "fines": s.fines, "members": rows,
            "open": open_week, "before_group": before_group,
            "total_fine": sum(r["fine"] for r in rows)}


def week_bounds(name: str, week: str | None) -> tuple[str, datetime, datetime]:
    """("2026-W49", its Monday 00:00, the next Monday 00:00) in the group's timezone."""
    s = read_settings(repo_dir(name))
    tz = s.tz()
    year, wk = parse_week(week, config.now(), tz)
    start = datetime.combine(date.fromisocalendar(year, wk, 1), datetime.min.time(), tz)
    return f"{year}-W{wk:02d}", start, start + timedelta(days=7)


def week_notes(name: str, start: datetime, end: datetime, tz: tzinfo | None = None) -> list[dict]:
    """The group's notes scrapped from ``start`` to before ``end``: dicts with ``member``,
    ``id``, ``title``, ``path``, ``when`` (the scrap time), ``unwritten`` (the section labels
    the ``check`` rule finds unwritten), by scrap time. From the index; a file the index could
    not read is named by its file with its scrap time read from its head, never left out."""
    repo = repo_dir(name)
    tz = tz or read_settings(repo).tz()
    first = (start - timedelta(days=1)).date().isoformat()  # the written date may be in another timezone
    last = (end + timedelta(days=1)).date().isoformat()
    out = []
    with open_index(name) as ix:
        rows = ix.scrapped_between(first, last, ("path", "id", "title", "scrapped", "incomplete"))
        broken = ix.broken()
    for r in rows:
        when = _parse_time(r["scrapped"], tz)
        if when is None or not (start <= when < end):
            continue
        out.append({"member": member_of(r["path"], repo), "id": r["id"], "title": r["title"] or "",
                    "path": r["path"], "when": when, "unwritten": r["incomplete"]})
    for path, _reason in broken:
        when = _scrapped(path, tz)
        if when is None or not (start <= when < end):
            continue
        out.append({"member": member_of(path, repo), "id": store.id_of_name(path.name), "title": path.name,
                    "path": str(path), "when": when, "unwritten": ["(the file cannot be read)"]})
    out.sort(key=lambda e: (e["when"], e["member"], e["id"] or 0))
    return out


def _parse_time(text: str | None, tz: tzinfo) -> datetime | None:
    if not text:
        return None
    try:
        t = datetime.fromisoformat(str(text).strip())
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=tz)
