"""Shell completion's answers (``scrapnote --install-completion``): note ids, tags, companies,
industries, sources and form names, read from the index as it is and the forms' folders.

Asked on every Tab, so it must be quick: no Korean model, no Rich, no stat of every note file — the
ids come from the note folder's names, everything else from the index as the last command left
it; nothing is created where there is no index yet (bench/completion.py). A problem of any kind completes nothing rather than printing an error into the
user's command line."""
from __future__ import annotations

from collections.abc import Callable

from scrapnote import config

LIMIT = 200  # suggestions a shell can show


def _rows(columns: tuple[str, ...], ids: list[int] | None = None) -> list[dict]:
    """The index's rows as the last command left it (not brought up to date: stat'ing every note
    file would cost ~0.3 s a Tab at 10k notes); none where there is no index yet."""
    if not (config.state_dir() / "index.sqlite").is_file():
        return []
    from scrapnote.index import NoteIndex

    with NoteIndex.open() as ix:
        return ix.rows(order=None, columns=columns, ids=ids)


def _quiet(answer: Callable[[], list]) -> list:
    try:
        return answer()
    except Exception:  # noqa: BLE001 - a suggestion never breaks the shell's line
        return []


def note_ids(incomplete: str) -> list[tuple[str, str]]:
    """(id, title) of the notes whose id starts with what is typed, newest id first. The ids are the
    note files' names (always current: a note just made is there), the titles the index's."""
    def answer():
        import os

        from scrapnote.store import id_of_name

        folder = config.notes_dir()
        if not folder.is_dir():
            return []
        with os.scandir(folder) as it:
            files = {nid: e.name for e in it if e.name.endswith(".md") and (nid := id_of_name(e.name)) is not None}
        shown = [nid for nid in sorted(files, reverse=True) if str(nid).startswith(incomplete)][:LIMIT]
        titles = {r["id"]: r.get("title") for r in _rows(("id", "title"), ids=shown)} if shown else {}
        return [(str(nid), one_line(titles.get(nid) or files[nid].removesuffix(".md").split("-", 1)[-1].replace("-", " ")))
                for nid in shown]

    return _quiet(answer)


def list_values(column: str) -> Callable[[str], list[str]]:
    """Completion of one list column (tags, companies, industry): the values that start with
    what is typed (case-insensitive), most used first."""
    def complete(incomplete: str) -> list[str]:
        def answer():
            counts: dict[str, int] = {}
            for r in _rows((column,)):
                for v in r.get(column) or []:
                    if isinstance(v, str) and v:
                        counts[v] = counts.get(v, 0) + 1
            low = incomplete.casefold()
            hits = [v for v in counts if v.casefold().startswith(low)]
            return sorted(hits, key=lambda v: (-counts[v], v))[:LIMIT]

        return _quiet(answer)

    return complete


def sources(incomplete: str) -> list[str]:
    def answer():
        seen = {r.get("source") for r in _rows(("source",))}
        low = incomplete.casefold()
        return sorted(s for s in seen if isinstance(s, str) and s and s.casefold().startswith(low))[:LIMIT]

    return _quiet(answer)


def template_names(incomplete: str) -> list[str]:
    def answer():
        from scrapnote import template

        return [n for n in sorted(template.available()) if n.startswith(incomplete)]

    return _quiet(answer)


def group_names(incomplete: str) -> list[str]:
    """The study groups added here (``group add``), for ``--group`` and ``group sync|week``."""
    def answer():
        from scrapnote import groups

        return [n for n in groups.names() if n.startswith(incomplete)]

    return _quiet(answer)


def words(values, incomplete: str) -> list[str]:
    """A closed list of values an option checks (``--field``, ``--kind``): those that start with
    what is typed, in the list's order."""
    return [v for v in dict.fromkeys(values) if v.startswith(incomplete)]


def config_keys(incomplete: str) -> list[str]:
    from scrapnote import settings

    return words(settings.KEYS, incomplete)


def config_values(key: str, incomplete: str) -> list[str]:
    """``config set KEY VALUE``: the values the key takes, when they are few (a bool, a choice, a
    form's name); the empty value (it removes the key) is typed as ''."""
    def answer():
        from scrapnote import settings

        spec = settings.KEYS.get(key)
        if spec is None:
            return []
        if spec.kind == "bool":
            return words(("true", "false"), incomplete)
        if spec.kind == "choice":
            return words(settings.choices(spec), incomplete)
        if key == "template":
            return template_names(incomplete)
        return []

    return _quiet(answer)


def one_line(text: str) -> str:
    """A title as a shell shows a suggestion's help: one line, no controls, not too long."""
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"
