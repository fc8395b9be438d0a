"""The collection as a git repository, driven through the git command line (``scrapnote sync``).

git is run as a subprocess so that the user's own remotes, credentials and config work as they
do in git. One sync, under the collection's lock:

1. an interrupted earlier sync is undone (a rebase left in progress is aborted: the local commits
   come back as they were);
2. what changed is committed, the message saying what (``new #12 제목``, ``edit #3``,
   ``delete #5 (moved to .trash/…)``, from the staged paths and the note ids in their names; every
   file named, trash included), with a
   ``Scrapnote-Device:`` trailer naming this device;
3. the remote is fetched; when both sides moved, the commits not yet pushed are squashed into one
   (its message lists every change), notes this device created under an id the remote gave
   another note meanwhile are renumbered to the next free id (file renamed, front-matter ``id``
   and the ``#12`` references in its own sections changed), and the commit is rebased on the
   remote;
4. a rebase conflict never leaves markers in a file: for a note edited on both devices this
   device's text stays in ``notes/`` and the other device's is saved as
   ``.scrapnote/conflicts/12-<device>.md``, and the commit pushed names it (a
   ``Scrapnote-Set-Aside: <blob> <device> <path>`` trailer): that device, when it pulls the
   commit, saves its own text from git as its ``.scrapnote/conflicts/12-<itself>.md`` and is told;
   an edit always beats a delete (nothing is lost);
   ``review.tsv`` is merged card by card (this device's line wins for a card both changed);
5. pushed; a push rejected because another device pushed meanwhile is fetched, rebased and pushed
   again (three tries).

A failure of git (no git, no network, a rejected push) is one ``ScrapnoteError`` line; the
changes stay committed locally, and the next sync finishes the job.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from scrapnote import config, store
from scrapnote.errors import ScrapnoteError

REMOTE = "origin"
TRAILER = "Scrapnote-Device"
SET_ASIDE = "Scrapnote-Set-Aside"  # <blob> <device> <path>: this commit kept its text over that device's
REVIEW = "review.tsv"
_NOTE_PATH_RE = re.compile(r"^(?:members/[^/]+/)?notes/(\d+)(?:-[^/]*)?\.md$")  # a group's too
PUSH_TRIES = 3


@dataclass
class SyncResult:
    committed: list[str] = field(default_factory=list)  # the change lines of this sync's commit
    renumbered: list[tuple[int, int]] = field(default_factory=list)  # (old id, new id)
    conflicts: list[Path] = field(default_factory=list)  # the other device's texts saved aside now
    set_aside: list[tuple[str, str, str]] = field(default_factory=list)  # (path, blob, device) of those
    mine_aside: list[tuple[int | None, str, Path]] = field(default_factory=list)  # (id, device that kept
    # its text, file): this device's own text, set aside by another device, restored from git here
    kept: list[str] = field(default_factory=list)  # edits that beat a delete, said to the user
    pulled: int = 0  # commits brought from the remote
    pushed: bool = False  # git's push sent commits (not "up to date")
    pushed_commits: int = 0  # how many: those the remote's branch lacked before the push
    remote: str | None = None
    initialized: bool = False
    rewritten: bool = False  # the remote's branch was rewritten (force-pushed) since the last fetch


def device() -> str:
    """This device's name: ``$SCRAPNOTE_DEVICE``, else the host name (letters, digits, ``-``)."""
    name = os.environ.get("SCRAPNOTE_DEVICE") or socket.gethostname() or "device"
    return re.sub(r"[^\w.-]+", "-", name).strip("-.")[:40] or "device"


def conflicts_dir() -> Path:
    return config.state_dir() / "conflicts"


def conflicts() -> list[Path]:
    """The other devices' texts kept aside by earlier syncs (until the user removes them)."""
    folder = conflicts_dir()
    try:
        return sorted(p for p in folder.iterdir() if p.suffix == ".md" and not p.name.startswith("."))
    except OSError:
        return []


class Git:
    """``git -C <dir>`` with the output captured; a failure is a ScrapnoteError naming git's reason."""

    def __init__(self, where: Path):
        self.where = where
        exe = shutil.which("git")
        if exe is None:
            raise ScrapnoteError("git is not installed (or not on PATH): sync needs the git command line; "
                                 "nothing was changed")
        self.exe = exe

    def run(self, *args: str, check: bool = True, env: dict[str, str] | None = None,
            input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        full_env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", **(env or {})}
        try:
            done = subprocess.run([self.exe, "-c", "core.quotePath=false", "-C", str(self.where), *args], capture_output=True,
                                  env=full_env, input=input, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise ScrapnoteError(f"git {args[0]} failed: {e}")
        if check and done.returncode != 0:
            raise ScrapnoteError(f"git {args[0]} failed: {reason(done)}")
        return done

    def out(self, *args: str) -> str:
        return self.run(*args).stdout.decode("utf-8", "replace")

    def ok(self, *args: str) -> bool:
        return self.run(*args, check=False).returncode == 0


def reason(done: subprocess.CompletedProcess[bytes]) -> str:
    """git's own last word (its last ``fatal:``/``error:`` line, else its last line)."""
    lines = [ln.strip() for ln in (done.stderr or done.stdout or b"").decode("utf-8", "replace").splitlines()
             if ln.strip()]
    for ln in reversed(lines):
        if ln.startswith(("fatal:", "error:", "ERROR:")):
            return ln.split(":", 1)[1].strip()
    return lines[-1] if lines else f"exit code {done.returncode}"


def note_id_of(path: str) -> int | None:
    m = _NOTE_PATH_RE.match(path)
    return int(m.group(1)) if m else None


def _title_of(text: str) -> str:
    m = re.search(r"^title:[ \t]*(.*)$", text, re.M)
    if not m:
        return ""
    raw = m.group(1).strip()
    try:
        import yaml

        value = yaml.safe_load(raw)
    except Exception:  # noqa: BLE001 - a title that does not parse is shown as written
        value = raw
    return str(value) if value is not None else ""


def change_lines(git: Git) -> list[str]:
    """What the staged changes are, one line each: ``new #12 제목``, ``edit #3``, ``delete #5 (moved
    to .trash/0005-….md)``, ``restore #5 (from .trash/0005-….md)``, ``review schedule``, ``edit <path>``
    (``add``, ``delete``) for any other file — a file in ``.trash/`` that no delete or restore names
    too (the trash emptied, a note deleted before it was ever committed), so every file is said."""
    raw = git.run("diff", "--cached", "--name-status", "--no-renames", "-z").stdout.decode("utf-8", "replace")
    parts = [p for p in raw.split("\0") if p]
    by_id: dict[int, set[str]] = {}
    titles: dict[int, str] = {}
    others: list[str] = []
    trashed: list[tuple[str, str, int | None]] = []  # (status, path, id) of the files in .trash/
    for status, path in zip(parts[::2], parts[1::2]):
        nid = note_id_of(path)
        if path.startswith(".trash/"):
            trashed.append((status[0], path, store.id_of_name(Path(path).name)))
            continue
        if nid is None:
            if path == REVIEW:
                others.append("review schedule")
            else:
                others.append(f"{_verb(status)} {path}")
            continue
        by_id.setdefault(nid, set()).add(status[0])
        if status[0] != "D":
            try:
                titles[nid] = _title_of((git.where / path).read_text(encoding="utf-8-sig", errors="replace")[:4096])
            except OSError:
                pass

    def trash_file(nid: int, status: str) -> str | None:
        """The trash file of note ``nid`` with that status, taken (said by the note's own line)."""
        for k, (st, path, tid) in enumerate(trashed):
            if tid == nid and st == status:
                del trashed[k]
                return path
        return None

    lines = []
    for nid in sorted(by_id):
        kinds = by_id[nid]
        if kinds == {"A"} and (came := trash_file(nid, "D")) is not None:
            lines.append(f"restore #{nid} (from {came})")
        elif kinds == {"A"}:
            lines.append(f"new #{nid} {titles.get(nid, '')}".rstrip())
        elif kinds == {"D"}:
            went = trash_file(nid, "A")
            lines.append(f"delete #{nid}" + (f" (moved to {went})" if went else ""))
        else:
            lines.append(f"edit #{nid}")
    lines += sorted(set(others))
    lines += [f"{_verb(status)} {path}" for status, path, _ in sorted(trashed, key=lambda t: t[1])]
    return lines


def _verb(status: str) -> str:
    return {"A": "add", "D": "delete"}.get(status[0], "edit")


def message_of(lines: list[str]) -> str:
    subject = "; ".join(lines)
    if len(subject) > 72:
        subject = f"{len(lines)} changes: " + "; ".join(lines)[:60].rstrip() + "…"
    body = "\n".join(lines) if len(lines) > 1 else ""
    return subject + ("\n\n" + body if body else "") + f"\n\n{TRAILER}: {device()}\n"


def _commit_all(git: Git) -> list[str]:
    git.run("add", "-A")
    lines = change_lines(git)
    if lines:
        git.run("commit", "-q", "--no-verify", "-F", "-", input=message_of(lines).encode("utf-8"))
    return lines


def branch_of(git: Git) -> str:
    done = git.run("symbolic-ref", "--short", "-q", "HEAD", check=False)
    name = done.stdout.decode().strip()
    if not name:
        raise ScrapnoteError(f"the collection's repository at {git.where} is not on a branch (detached HEAD); "
                             "check out a branch with git first")
    return name


def rev(git: Git, ref: str) -> str | None:
    done = git.run("rev-parse", "-q", "--verify", ref + "^{commit}", check=False)
    if done.returncode != 0:
        return None
    return done.stdout.decode().strip() or None


def _tree_ids(git: Git, rev: str | None) -> dict[int, dict[str, str]]:
    """Note id → {path: blob} in a commit's notes/ (empty for no commit)."""
    if rev is None:
        return {}
    raw = git.out("ls-tree", "-z", rev, "notes/")
    out: dict[int, dict[str, str]] = {}
    for entry in raw.split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        nid = note_id_of(path)
        if nid is not None:
            out.setdefault(nid, {})[path] = meta.split()[2]
    return out


def abort_leftover(git: Git) -> None:
    gitdir = Path(git.out("rev-parse", "--absolute-git-dir").strip())
    if (gitdir / "rebase-merge").exists() or (gitdir / "rebase-apply").exists():
        git.run("rebase", "--abort", check=False)


def init(remote: str | None) -> SyncResult:
    """``sync --init [REMOTE]``: the home as a git repository, its ``.gitignore`` naming
    ``.scrapnote/``, the remote as ``origin``; then a first sync when there is a remote."""
    home = config.home()
    git = Git(home)
    home.mkdir(parents=True, exist_ok=True)
    result = SyncResult()
    with store.locked():
        if not (home / ".git").exists():
            git.run("init", "-q", "-b", "main")
            result.initialized = True
        store.ignore_state(new_home=True)
        if remote:
            if git.ok("remote", "get-url", REMOTE):
                git.run("remote", "set-url", REMOTE, remote)
            else:
                git.run("remote", "add", REMOTE, remote)
    if remote:
        later = sync()
        later.initialized = result.initialized
        return later
    with store.locked():
        result.committed = _commit_all(git)
    return result


def sync() -> SyncResult:
    home = config.home()
    git = Git(home)
    if not (home / ".git").exists():
        raise ScrapnoteError(f"{home} is not a git repository yet: run 'scrapnote sync --init [REMOTE]' first")
    result = SyncResult()
    with store.locked():
        abort_leftover(git)
        branch = branch_of(git)
        result.committed = _commit_all(git)
        if not git.ok("remote", "get-url", REMOTE):
            return result  # committed; nowhere to push
        result.remote = git.out("remote", "get-url", REMOTE).strip()
        push(git, branch, result.remote, result, renumber=True)
        _raise_counter(home)
    return result


def push(git: Git, branch: str, remote_url: str, result: SyncResult, *, renumber: bool) -> None:
    """Fetch, bring the remote's commits in (rebase), push; again when another device pushed
    meanwhile (``PUSH_TRIES`` times)."""
    for attempt in range(PUSH_TRIES):
        known = rev(git, f"refs/remotes/{REMOTE}/{branch}")
        fetch(git, remote_url)
        upstream = rev(git, f"refs/remotes/{REMOTE}/{branch}")
        if known is not None and upstream is not None and known != upstream \
                and not git.ok("merge-base", "--is-ancestor", known, upstream):
            result.rewritten = True  # the commits this device had seen there are gone from it
        if upstream is not None:
            integrate(git, upstream, result, renumber=renumber)
        if rev(git, "HEAD") is None:
            return  # nothing here and nothing there yet
        there = rev(git, f"refs/remotes/{REMOTE}/{branch}")
        done = git.run("push", "--porcelain", "-u", REMOTE, f"HEAD:refs/heads/{branch}", check=False)
        if done.returncode == 0:
            result.pushed_commits = 0 if _up_to_date(done, branch) else _count(git, there, "HEAD")
            result.pushed = result.pushed_commits > 0
            return
        # another device pushed meanwhile (non-fast-forward, or a ref that moved under the
        # push): the remote has commits this one lacks; fetch, rebase and push again
        raced = _fetched_new(git, branch, upstream)
        if not raced or attempt == PUSH_TRIES - 1:
            raise ScrapnoteError(f"could not push to {remote_url}: {reason(done)} — your changes are "
                                 "committed here; run the sync again")


def _up_to_date(done: subprocess.CompletedProcess[bytes], branch: str) -> bool:
    """Whether git's push found nothing to send: its porcelain line for the branch is flagged ``=``
    (``=<TAB>HEAD:refs/heads/main<TAB>[up to date]``)."""
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        flag, _, rest = line.partition("\t")
        if rest.split("\t", 1)[0].endswith(f":refs/heads/{branch}"):
            return flag == "="
    return False


def _count(git: Git, old: str | None, new: str) -> int:
    """The commits in ``new`` that ``old`` lacks (all of them when there is no ``old``)."""
    span = f"{old}..{new}" if old else new
    return int(git.out("rev-list", "--count", span).strip() or 0)


def _fetched_new(git: Git, branch: str, before: str | None) -> bool:
    """Whether the remote's branch moved past what this device has (fetched again to see)."""
    if git.run("fetch", "-q", REMOTE, check=False).returncode != 0:
        return False
    now = rev(git, f"refs/remotes/{REMOTE}/{branch}")
    return now is not None and now != before and not git.ok("merge-base", "--is-ancestor", now, "HEAD")


def fetch(git: Git, remote_url: str) -> None:
    done = git.run("fetch", "-q", REMOTE, check=False)
    if done.returncode != 0:
        raise ScrapnoteError(f"cannot reach {remote_url}: {reason(done)} — your changes are committed here; "
                             "run 'scrapnote sync' again when it can be reached")


def integrate(git: Git, upstream: str, result: SyncResult, *, renumber: bool = True) -> None:
    head = rev(git, "HEAD")
    if head is None or head == upstream:
        if head is None:
            git.run("reset", "-q", "--hard", upstream)
        return
    if git.ok("merge-base", "--is-ancestor", head, upstream):  # only the remote moved
        result.pulled += int(git.out("rev-list", "--count", f"{head}..{upstream}").strip() or 0)
        records = _my_texts_set_aside(git, head, upstream, set())
        git.run("merge", "-q", "--ff-only", upstream)
        _restore_mine(git, records, result)
        return
    if git.ok("merge-base", "--is-ancestor", upstream, head):  # only this device moved
        return
    base = git.run("merge-base", head, upstream, check=False).stdout.decode().strip() or None
    result.pulled += int(git.out("rev-list", "--count", f"{base}..{upstream}" if base else upstream).strip() or 0)
    records = _my_texts_set_aside(git, head, upstream, set(_changed(git, base, head, "AMR")), base)
    if renumber:
        _squash_and_renumber(git, base, upstream, result)
    edited = [p for p in _changed(git, "HEAD~1" if rev(git, "HEAD~1") else None, "HEAD", "M")
              if note_id_of(p) is not None]
    _rebase(git, upstream, result)
    _record_set_aside(git, result)
    _untrash_edited(git, edited, result)
    _restore_mine(git, records, result)


def _record_set_aside(git: Git, result: SyncResult) -> None:
    """The texts this sync set aside, named in the commit it pushes (a ``Scrapnote-Set-Aside``
    trailer each), so that the device whose text it was is told and keeps it too when it pulls."""
    if not result.set_aside:
        return
    msg = git.out("log", "-1", "--format=%B").rstrip("\n")
    lines = [f"{SET_ASIDE}: {blob} {dev} {path}" for path, blob, dev in result.set_aside]
    if not re.search(rf"^{TRAILER}:", msg.rsplit("\n\n", 1)[-1], re.M):
        msg += "\n"  # no trailer paragraph yet: these start one
    msg += "\n" + "\n".join(lines) + "\n"
    git.run("commit", "-q", "--no-verify", "--amend", "-F", "-", input=msg.encode("utf-8"))
    result.set_aside.clear()


def _my_texts_set_aside(git: Git, head: str, upstream: str, changed_here: set[str],
                        base: str | None = None) -> list[tuple[str, str, str]]:
    """(path, blob, device that kept its text) for each text of this device that a commit being
    pulled set aside: a ``Scrapnote-Set-Aside`` trailer naming this device and a blob this device's
    history has at that path. A note edited here again since is left out: its newer text is the one
    that stays in notes/ (and the other device's is saved aside by this sync's own rebase)."""
    me = device()
    span = f"{base or head}..{upstream}"
    fmt = f"%(trailers:key={SET_ASIDE},valueonly,separator=%x01)%x02%(trailers:key={TRAILER},valueonly)%x00"
    out = []
    for entry in git.out("log", f"--format={fmt}", span).split("\0"):
        values, _, keeper = entry.strip().partition("\x02")
        for value in values.split("\x01"):
            parts = value.strip().split(" ", 2)
            if len(parts) != 3 or parts[1] != me or parts[2] in changed_here:
                continue
            blob, _, path = parts
            if _had_blob(git, head, path, blob):
                name = re.sub(r"[^\w.-]+", "-", keeper.strip()).strip("-.")[:40] or "other"
                out.append((path, blob, name))
    return out


def _had_blob(git: Git, head: str, path: str, blob: str) -> bool:
    """Whether ``path`` held ``blob`` in some commit of this device's history up to ``head``."""
    raw = git.run("log", "--format=", "--raw", "--no-abbrev", "--no-renames", head, "--", path, check=False)
    return any(line.split("\t", 1)[0].split()[3:4] == [blob]
               for line in raw.stdout.decode("utf-8", "replace").splitlines() if line.startswith(":"))


def _restore_mine(git: Git, records: list[tuple[str, str, str]], result: SyncResult) -> None:
    """This device's texts another device set aside: saved here from git as
    ``.scrapnote/conflicts/<id>-<this device>.md`` when notes/ does not hold them."""
    renumbered = {old for old, _ in result.renumbered}
    for path, blob, keeper in records:
        if note_id_of(path) in renumbered:
            continue  # this sync gave that note of mine another id: its text is in notes/ under it
        try:
            data = _blob(git, blob)
        except ScrapnoteError:
            continue  # not in this repository after all: nothing to restore
        try:
            if (git.where / path).read_bytes() == data:
                continue  # the note holds this text again: nothing was set aside here
        except OSError:
            pass
        saved = _save_aside(path, data, device())
        result.mine_aside.append((note_id_of(path), keeper, saved))


def _changed(git: Git, old: str | None, new: str, status: str) -> list[str]:
    if old is None:
        return []
    raw = git.out("diff", "--name-only", "--no-renames", f"--diff-filter={status}", "-z", old, new)
    return [p for p in raw.split("\0") if p]


def _untrash_edited(git: Git, edited: list[str], result: SyncResult) -> None:
    """A note this device edited that another device deleted meanwhile: git's rename detection
    carries the edit into ``.trash/`` with it; the edit beats the delete, so the note comes back."""
    back = []
    for path in edited:
        target = git.where / path
        trashed = git.where / ".trash" / Path(path).name
        if not target.exists() and trashed.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(trashed, target)
            back.append(path)
            result.kept.append(_label(path) + " was deleted on another device and edited here: kept")
    if back:
        git.run("add", "-A")
        git.run("commit", "-q", "--no-verify", "--amend", "--no-edit")


def _squash_and_renumber(git: Git, base: str | None, upstream: str, result: SyncResult) -> None:
    """The unpushed commits as one (their messages kept), this device's new notes whose id the
    remote also gave a new note renumbered past every id either side knows."""
    messages = git.out("log", "--reverse", "--format=%B%x00", f"{base}..HEAD" if base else "HEAD")
    lines: list[str] = []
    records: list[str] = []  # the Scrapnote-Set-Aside trailers: kept trailers, not change lines
    for msg in messages.split("\0"):
        for ln in msg.strip().splitlines():
            ln = ln.strip()
            if ln.startswith(SET_ASIDE + ":"):
                if ln not in records:
                    records.append(ln)
            elif ln and not ln.startswith(TRAILER + ":") and ln not in lines and not re.match(r"^\d+ changes: ", ln):
                lines.append(ln)
    base_ids, mine, theirs = _tree_ids(git, base), _tree_ids(git, "HEAD"), _tree_ids(git, upstream)
    taken = set(mine) | set(theirs) | store._used_ids(config.trash_dir()) | {store._read_counter()}
    nxt = max(taken, default=0) + 1
    # notes the remote has that this side has not (a copy of one of mine renumbered by another
    # device, after the remote was rewritten): blob → id
    fresh = {blob: k for k, paths in theirs.items() if k not in mine and k not in base_ids for blob in paths.values()}
    for nid in sorted(set(mine) & set(theirs)):
        if nid in base_ids:
            continue  # the same note on both sides since before: an edit, not a collision
        if mine[nid] == theirs[nid]:
            continue  # the very same file on both sides
        for path in sorted(mine[nid]):
            if theirs[nid].get(path) == mine[nid][path]:
                continue
            there = _same_note_there(git, path, nid, fresh)
            if there is not None:  # already on the remote under another id: that copy is the note
                k, their_path = there
                (git.where / path).unlink()
                result.renumbered.append((nid, k))
                _renumber_conflicts(nid, k)
                lines.append(f"renumber #{nid} → #{k} ({their_path}): the remote has it as #{k}")
                continue
            new_path = _renumber_file(git, path, nid, nxt)
            result.renumbered.append((nid, nxt))
            _renumber_conflicts(nid, nxt)
            lines.append(f"renumber #{nid} → #{nxt} ({new_path}): #{nid} is another device's note")
            nxt += 1
    git.run("add", "-A")
    tree = git.out("write-tree").strip()
    msg = message_of(lines or ["sync"]) + "".join(f"{r}\n" for r in records)  # in the trailer paragraph
    args = ["commit-tree", tree] + (["-p", base] if base else [])
    commit = git.run(*args, input=msg.encode("utf-8")).stdout.decode().strip()
    git.run("reset", "-q", "--soft", commit)


def _renumber_conflicts(old: int, new: int) -> None:
    """The texts kept aside for note ``old`` (``conflicts/<old>-<device>.md``) follow it to ``new``:
    listed under the note they belong to, not under the other device's note that took ``old``."""
    for p in conflicts():
        stem, dash, rest = p.name.partition("-")
        if not dash or stem != str(old):
            continue
        target, k = p.with_name(f"{new}-{rest}"), 1
        while target.exists():
            k += 1
            target = p.with_name(f"{new}-{rest[:-3]}-{k}.md")
        os.replace(p, target)


def _same_note_there(git: Git, path: str, nid: int, fresh: dict[str, int]) -> tuple[int, str] | None:
    """(id, path) of a note the remote has under another id that is this file renumbered, byte for
    byte (its id, its file name's number and its ``#nid`` references changed), else None."""
    if not fresh:
        return None
    import hashlib

    text = (git.where / path).read_text(encoding="utf-8")
    for blob, k in fresh.items():
        data = renumbered_text(text, nid, k).encode("utf-8")
        if hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest() == blob:
            name = re.sub(r"^\d+", f"{k:04d}", Path(path).name)
            return k, f"notes/{name}"
    return None


_ID_LINE_RE = re.compile(r"^id:[ \t]*(\d+)[ \t]*$", re.M)


def renumbered_text(text: str, old: int, new: int) -> str:
    """A note's text under another id: the front matter's ``id`` and the references to ``old`` in its
    sections (``#12`` but not ``#123`` or ``&#12;``; a wikilink ``[[0012-…]]`` to its own file)."""
    fm_end = 0
    if text.startswith("---"):
        end = text.find("\n---", 3)
        fm_end = end + 4 if end >= 0 else 0
    front, body = text[:fm_end], text[fm_end:]
    front = _ID_LINE_RE.sub(lambda m: f"id: {new}" if int(m.group(1)) == old else m.group(0), front, count=1)
    body = re.sub(rf"(?<![\w&#])#{old}(?!\d)", f"#{new}", body)
    body = re.sub(rf"\[\[0*{old}(?=[-|\]])", f"[[{new:04d}", body)  # a wikilink to its own file
    return front + body


def _renumber_file(git: Git, path: str, old: int, new: int) -> str:
    src = git.where / path
    name = re.sub(r"^\d+", f"{new:04d}", Path(path).name)
    dst = src.with_name(name)
    text = src.read_text(encoding="utf-8")
    store.atomic_write(dst, renumbered_text(text, old, new))
    src.unlink()
    return f"notes/{name}"


def _rebase(git: Git, upstream: str, result: SyncResult) -> None:
    env = {"GIT_EDITOR": "true"}
    done = git.run("rebase", "-q", upstream, check=False, env=env)
    for _ in range(100):
        if done.returncode == 0:
            return
        unmerged = [p for p in git.out("diff", "--name-only", "--diff-filter=U", "-z").split("\0") if p]
        if not unmerged:
            git.run("rebase", "--abort", check=False)
            raise ScrapnoteError(f"git rebase failed: {reason(done)} — nothing was lost; run 'scrapnote sync' again")
        for path in unmerged:
            _resolve(git, path, upstream, result)
        if not git.out("diff", "--cached", "--name-only").strip():
            done = git.run("rebase", "--skip", check=False, env=env)
        else:
            done = git.run("-c", "core.hooksPath=/dev/null", "rebase", "--continue", check=False, env=env)
    git.run("rebase", "--abort", check=False)
    raise ScrapnoteError("git rebase did not finish — nothing was lost; run 'scrapnote sync' again")


def _stages(git: Git, path: str) -> dict[int, str]:
    out = {}
    for line in git.out("ls-files", "-u", "-z", "--", path).split("\0"):
        if line:
            meta, _ = line.split("\t", 1)
            _, blob, stage = meta.split()
            out[int(stage)] = blob
    return out


def _blob(git: Git, blob: str) -> bytes:
    return git.run("cat-file", "blob", blob).stdout


def _device_of(git: Git, upstream: str, path: str) -> str:
    """The device that last wrote ``path`` on the remote (its commit's trailer, else its author)."""
    fmt = f"%(trailers:key={TRAILER},valueonly,separator=%x2C)%x00%an"
    raw = git.out("log", "-1", f"--format={fmt}", upstream, "--", path)
    trailer, _, author = raw.strip().partition("\0")
    name = trailer.strip() or author.strip() or "other"
    return re.sub(r"[^\w.-]+", "-", name).strip("-.")[:40] or "other"


def _resolve(git: Git, path: str, upstream: str, result: SyncResult) -> None:
    """One conflicted path of the rebase, resolved without markers. In a rebase, stage 2 is the
    remote's (the commit being built on) and stage 3 this device's (the commit being replayed)."""
    stages = _stages(git, path)
    theirs, mine = stages.get(2), stages.get(3)
    target = git.where / path
    if mine is not None and theirs is not None:
        mine_bytes, theirs_bytes = _blob(git, mine), _blob(git, theirs)
        if path == REVIEW:
            store.atomic_write(target, merge_review(theirs_bytes, mine_bytes))
        else:
            store.atomic_write(target, mine_bytes)  # this device's text stays where it was
            if theirs_bytes != mine_bytes:
                dev = _device_of(git, upstream, path)
                result.conflicts.append(_save_aside(path, theirs_bytes, dev))
                result.set_aside.append((path, theirs, dev))
        git.run("add", "--", path)
    elif mine is not None:  # the remote deleted what this device edited: the edit is kept
        store.atomic_write(target, _blob(git, mine))
        git.run("add", "--", path)
        result.kept.append(_label(path) + " was deleted on another device and edited here: kept")
    elif theirs is not None:  # this device deleted what the remote edited: the edit is kept
        store.atomic_write(target, _blob(git, theirs))
        git.run("add", "--", path)
        result.kept.append(_label(path) + " was edited on another device: your delete was not applied")
    else:
        git.run("rm", "-q", "--cached", "--ignore-unmatch", "--", path)


def _label(path: str) -> str:
    nid = note_id_of(path)
    return f"#{nid}" if nid is not None else path


def _save_aside(path: str, data: bytes, dev: str) -> Path:
    nid = note_id_of(path)
    stem = str(nid) if nid is not None else Path(path).stem
    folder = conflicts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target, k = folder / f"{stem}-{dev}.md", 1
    while target.exists():
        if target.read_bytes() == data:
            return target
        k += 1
        target = folder / f"{stem}-{dev}-{k}.md"
    store.atomic_write(target, data)
    return target


def merge_review(theirs: bytes, mine: bytes) -> bytes:
    """Two review schedules as one: every card of either, this device's line for a card both
    have, sorted by card; the comment lines of this device's file first."""
    def parse(data: bytes) -> tuple[list[str], dict[str, str]]:
        heads, cards = [], {}
        for line in data.decode("utf-8", "replace").splitlines():
            if not line.strip():
                continue
            if line.startswith("#"):
                heads.append(line)
            else:
                cards[line.split("\t", 1)[0]] = line
        return heads, cards

    their_heads, their_cards = parse(theirs)
    my_heads, my_cards = parse(mine)
    cards = {**their_cards, **my_cards}
    lines = (my_heads or their_heads) + [cards[k] for k in sorted(cards)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _raise_counter(home: Path) -> None:
    """The id counter past every id the pull brought, so a new note never takes a pulled id."""
    top = max(store._used_ids(config.notes_dir()) | {0})
    if top > store._read_counter():
        store.atomic_write(config.state_dir() / "last_id", f"{top}\n")
