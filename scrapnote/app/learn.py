"""``terms``, ``term``, ``review`` and ``stats``: learning from the collection (issue 18). The
glossary and the cards come from the index (``study`` column, ``learn/cards.py``); the review
schedule from ``<home>/review.tsv`` (``learn/schedule.py``); the habit from the scrap times.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from scrapnote import config, fields
from scrapnote.errors import NotFoundError
from scrapnote.learn import cards as _cards
from scrapnote.learn import terms as _terms

_COLUMNS = ("path", "id", "title", fields.HEADLINE, "date", "scrapped", "companies", "industry", "study", "incomplete", "keywords")


def _rows(on_error) -> list[dict]:
    from scrapnote.app.listing import _report_broken
    from scrapnote.index import NoteIndex

    with NoteIndex.open_fresh() as ix:
        _report_broken(ix, on_error)
        return ix.rows(order="oldest", columns=_COLUMNS)


# -- the 용어 노트 ---------------------------------------------------------------------------------
@dataclass
class Term:
    term: str
    definition: str  # the latest one written
    notes: list[int] = field(default_factory=list)
    first: str | None = None
    last: str | None = None
    definitions: list[dict] = field(default_factory=list)  # {id, title, date, definition}

    def to_json(self, full: bool = False) -> dict:
        d = {"term": self.term, "definition": self.definition, "notes": len(self.notes), "ids": self.notes,
             "first_seen": self.first, "last_seen": self.last}
        if full:
            d["definitions"] = self.definitions
        return d


def glossary(on_error=None, rows: list[dict] | None = None) -> list[Term]:
    """Every term of the 용어 노트, by term (Korean order), its definitions oldest first."""
    found: dict[str, Term] = {}
    for r in rows if rows is not None else _rows(on_error):
        for term, definition in (r.get("study") or {}).get("terms") or []:
            k = _terms.key(term)
            t = found.get(k)
            if t is None:
                t = found[k] = Term(term, definition)
            t.definition = definition
            if r["id"] not in t.notes:
                t.notes.append(r["id"])
            day = r.get("date")
            t.first = min(filter(None, (t.first, day)), default=None)
            t.last = max(filter(None, (t.last, day)), default=None)
            t.definitions.append({"id": r["id"], "title": r["title"], "date": day, "definition": definition})
    return sorted(found.values(), key=lambda t: _terms.key(t.term))


def term_detail(word: str, on_error=None, limit: int = 20):
    """One term: every definition written, and the notes that mention it (the search's hits)."""
    from scrapnote import search

    word = word.strip()
    if not word:
        from scrapnote.errors import InputError

        raise InputError("term: give the term to look up, e.g. scrapnote term 기준금리")
    k = _terms.key(word)
    entry = next((t for t in glossary(on_error) if _terms.key(t.term) == k), None)
    hits = search.search(word, limit=limit).hits
    if entry is None and not hits:
        raise NotFoundError(f"no note defines or mentions '{word}' (scrapnote terms lists the 용어 노트)")
    return entry, hits


# -- what to look up next --------------------------------------------------------------------------
_SUGGEST_CHARS = 2_000_000  # the newest notes' text fed to the word extraction, at most


_SUGGEST_FIELDS = ("title", fields.HEADLINE, fields.BODY, fields.SUMMARY, fields.INSIGHTS, fields.RESEARCH)


def _econ_data() -> dict:
    from importlib import resources

    import yaml

    return yaml.safe_load(resources.files("scrapnote.data").joinpath("econ_terms.yaml").read_text("utf-8"))


def _econ_terms() -> list[str]:
    return [str(t) for t in _econ_data()["terms"]]


def _generic_words() -> set[str]:
    return {str(t) for t in _econ_data().get("generic") or []}


def _word_extractor():
    """A Kiwi for ``extract_words``: kiwipiepy 0.24's ``extract_words`` crashes the process (a
    segmentation fault) on the drafts' single-thread analyser (``num_workers=0``), so the word
    extraction has its own with one worker."""
    import warnings

    from kiwipiepy import Kiwi

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Kiwi(num_workers=1, load_multi_dict=False)


def suggest(limit: int = 20, on_error=None) -> list[dict]:
    """Terms the collection uses often that the 용어 노트 lacks: economic terms first, then the
    words kiwipiepy's word extraction finds across the newest notes (and their keywords), by the
    number of notes using them."""
    from scrapnote.analyze.keywords import STOPWORDS

    from scrapnote.app.listing import _report_broken
    from scrapnote.index import NoteIndex

    with NoteIndex.open_fresh() as ix:
        _report_broken(ix, on_error)
        rows = ix.rows(order="oldest", columns=(*_COLUMNS, "doc"))
        texts: list[str] = []
        size = 0
        for r in reversed(rows):  # newest first; what the note says, not the 연관기사 it links to
            got = ix.field_texts(r["doc"])
            if got is None or not got.read:
                continue
            text = "\n".join(got.get(f) for f in _SUGGEST_FIELDS)
            texts.append(text)
            size += len(text)
            if size > _SUGGEST_CHARS:
                break
    have = {_terms.key(t.term) for t in glossary(rows=rows)}
    generic = _generic_words()
    counts: dict[str, int] = {}
    lowered = [t.casefold() for t in texts]
    candidates: set[str] = set()
    if texts:
        for form, _score, _freq, _pos in _word_extractor().extract_words(texts, min_cnt=3, max_word_len=10,
                                                                          min_score=0.25):
            candidates.add(form)
    for r in rows:
        candidates.update(r.get("keywords") or [])
    econ = _econ_terms()
    candidates.update(econ)
    for c in candidates:
        if (len(c) < 2 or c in STOPWORDS or c in generic or _terms.key(c) in have
                or not any(ch.isalpha() for ch in c)):
            continue
        n = sum(1 for t in lowered if c.casefold() in t)
        if n >= 2:
            counts[c] = n
    econ_keys = {_terms.key(t) for t in econ}
    ranked = sorted(counts.items(), key=lambda kv: (_terms.key(kv[0]) not in econ_keys, -kv[1], kv[0]))
    # a shorter candidate inside a longer one used as often is the same term cut short
    out: list[dict] = []
    for word, n in ranked:
        if any(word != o["term"] and word in o["term"] and n <= o["notes"] for o in out):
            continue
        out.append({"term": word, "notes": n, "economic": _terms.key(word) in econ_keys})
        if len(out) >= limit:
            break
    return out


# -- review ----------------------------------------------------------------------------------------
@dataclass
class Plan:
    cards: list[_cards.Card]  # the session, in order: due first (most overdue first), then new
    due: int  # cards due now that were seen before
    new: int  # cards never reviewed
    total: int  # every card of the collection
    later: int  # cards scheduled for later
    by_kind: dict[str, int]
    now: datetime
    unreadable: int = 0
    next_due: datetime | None = None

    def to_json(self) -> dict:
        return {"now": self.now.isoformat(), "due": self.due, "new": self.new, "total": self.total,
                "later": self.later, "by_kind": self.by_kind, "unreadable_lines": self.unreadable,
                "next_due": self.next_due.isoformat() if self.next_due else None,
                "cards": [c.to_json() for c in self.cards]}


def all_cards(on_error=None) -> list[_cards.Card]:
    out: list[_cards.Card] = []
    seen: set[str] = set()
    for r in _rows(on_error):
        for c in _cards.cards_of(r["id"], r.get("title") or "", r.get(fields.HEADLINE), list(r.get("companies") or []),
                                 r.get("study") or {}):
            if c.card not in seen:
                seen.add(c.card)
                out.append(c)
    return out


def plan(limit: int | None, kinds: tuple[str, ...] = (), new_limit: int | None = None, on_error=None) -> Plan:
    """The review session now: the due cards, then new ones, at most ``limit`` in all."""
    from scrapnote.learn import schedule

    now = config.now()
    sched = schedule.load()
    every = [c for c in all_cards(on_error) if not kinds or c.kind in kinds]
    due = sorted((c for c in every if not sched.is_new(c.card) and sched.entries[c.card].due <= now),
                 key=lambda c: sched.entries[c.card].due)
    new = [c for c in every if sched.is_new(c.card)]
    later = [sched.entries[c.card].due for c in every if not sched.is_new(c.card) and sched.entries[c.card].due > now]
    fresh = new if new_limit is None else new[:new_limit]
    session = (due + fresh)[:limit] if limit else due + fresh
    by_kind: dict[str, int] = {}
    for c in due + new:
        by_kind[c.kind] = by_kind.get(c.kind, 0) + 1
    return Plan(session, len(due), len(new), len(every), len(later), by_kind, now, len(sched.unreadable),
                min(later) if later else None)


def answer_matches(card: _cards.Card, typed: str, *, chosung: bool = False) -> bool:
    """A typed answer is right when it equals the card's answer after NFC, case and spaces (and
    thousands separators); with ``chosung``, the answer's 초성 is accepted too."""
    from scrapnote.text import hangul
    from scrapnote.text.normalize import nfc

    def norm(s: str) -> str:
        return "".join(nfc(s).casefold().split()).replace(",", "")

    got, want = norm(typed), norm(card.answer)
    if not got:
        return False
    if got == want:
        return True
    return chosung and hangul.is_chosung(got) and got == norm(hangul.chosung(nfc(card.answer)))


def grade(card: _cards.Card, rating: str) -> datetime:
    """Record one review (again/hard/good/easy) now; the card's next due time."""
    from scrapnote.learn import schedule

    return schedule.record(card.card, rating, config.now()).due


# -- the habit -------------------------------------------------------------------------------------
def stats(on_error=None):
    from scrapnote.learn.habit import habit

    now = config.now()
    return habit(_rows(on_error), now.astimezone().date())



def export_glossary(fmt: str, output: str | None, force: bool = False, on_error=None) -> tuple[bytes | None, str | None, int]:
    """The 용어집 in ``fmt``: written to ``output`` (atomically; an existing file only with
    ``force``), or returned for stdout. (data for stdout or None, path written or None, terms)."""
    from scrapnote import store
    from scrapnote.errors import InputError
    from scrapnote.exporters import glossary as render_glossary

    entries = glossary(on_error)
    data = render_glossary.render(fmt, entries)
    if output is None:
        if fmt == "docx":
            raise InputError("terms --format docx needs --output FILE (a Word file is not text)")
        return data, None, len(entries)
    path = Path(output).expanduser()
    store.atomic_write(path, data, overwrite=force)
    return None, str(path), len(entries)
