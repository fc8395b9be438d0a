"""Shell completion's answers (``scrapnote --install-completion``): note ids, tags, companies,
industries, sources and form names, read from the index as it is and the forms' folders.

Asked on every Tab, so it must be quick: no Korean model, no Rich; the index brought up to date as
every command does (a stat per note file, the changed ones re-read), nothing created where there
is no collection. A problem of any kind completes nothing rather than printing an error into the
user's command line."""
from __future__ import annotations

from collections.abc import Callable

from scrapnote import config

LIMIT = 200  # suggestions a shell can show


def _rows(columns: tuple[str, ...]) -> list[dict]:
    if not config.notes_dir().is_dir():
        return []
    from scrapnote.index import NoteIndex

    with NoteIndex.open_fresh() as ix:  # the note just made is the one most often asked for
        return ix.rows(order="newest", columns=columns)


def _quiet(answer: Callable[[], list]) -> list:
    try:
        return answer()
    except Exception:  # noqa: BLE001 - a suggestion never breaks the shell's line
        return []


def note_ids(incomplete: str) -> list[tuple[str, str]]:
    """(id, title) of the notes whose id starts with what is typed, newest first."""
    def answer():
        out = []
        for r in _rows(("id", "title")):
            nid = str(r["id"])
            if nid.startswith(incomplete):
                out.append((nid, one_line(r.get("title") or "")))
                if len(out) >= LIMIT:
                    break
        return out

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


def one_line(text: str) -> str:
    """A title as a shell shows a suggestion's help: one line, no controls, not too long."""
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"
