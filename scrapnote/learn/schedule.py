"""The review schedule: one line per card in ``<home>/review.tsv``, a plain, git-friendly file
(sorted by card id, so that two devices' reviews merge line by line), carried by ``sync`` with
the notes. Scheduling is FSRS (the ``fsrs`` package) without interval fuzzing, so a card's next
due time is what the scheduler computes and nothing random.

    # scrapnote review schedule (FSRS): card<TAB>state<TAB>step<TAB>stability<TAB>difficulty<TAB>due<TAB>last_review<TAB>reviews
    t12-기준금리	2	-	3.1730	5.2823	2026-12-05T09:00:00+00:00	2026-12-02T09:00:00+00:00	1

A card not in the file is new (due now). A line that cannot be read is kept as it is and
reported, never dropped. fsrs is imported only when a card is graded.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, UTC
from pathlib import Path

from scrapnote import config

HEADER = ("# scrapnote review schedule (FSRS): card\tstate\tstep\tstability\tdifficulty\tdue\t"
          "last_review\treviews")
RATINGS = {"again": 1, "hard": 2, "good": 3, "easy": 4}


@dataclass(frozen=True)
class Entry:
    card: str
    state: int  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reviews: int = 0

    def line(self) -> str:
        def num(v):
            return "-" if v is None else f"{v:.4f}"
        return "\t".join((self.card, str(self.state), "-" if self.step is None else str(self.step),
                          num(self.stability), num(self.difficulty), self.due.isoformat(),
                          self.last_review.isoformat() if self.last_review else "-", str(self.reviews)))


def path() -> Path:
    return config.home() / "review.tsv"


def _parse(line: str) -> Entry | None:
    parts = line.rstrip("\n").split("\t")
    if len(parts) != 8:
        return None
    try:
        card, state, step, stab, diff, due, last, reviews = parts
        due_at = datetime.fromisoformat(due)
        last_at = None if last == "-" else datetime.fromisoformat(last)
        if due_at.tzinfo is None or (last_at is not None and last_at.tzinfo is None):
            return None
        return Entry(card, int(state), None if step == "-" else int(step),
                     None if stab == "-" else float(stab), None if diff == "-" else float(diff),
                     due_at.astimezone(UTC), last_at.astimezone(UTC) if last_at else None,
                     int(reviews))
    except ValueError:
        return None


@dataclass
class Schedule:
    entries: dict[str, Entry]
    unreadable: list[str]  # lines kept as they are

    def due(self, card: str, now: datetime) -> bool:
        e = self.entries.get(card)
        return e is None or e.due <= now

    def is_new(self, card: str) -> bool:
        return card not in self.entries

    def text(self) -> str:
        lines = [HEADER, *sorted(e.line() for e in self.entries.values()), *self.unreadable]
        return "\n".join(lines) + "\n"


def load() -> Schedule:
    try:
        text = path().read_text("utf-8")
    except FileNotFoundError:
        return Schedule({}, [])
    except UnicodeDecodeError:
        from scrapnote.errors import ScrapnoteError

        raise ScrapnoteError(f"{path()}: not UTF-8 text; fix or remove the file (it only holds the review schedule)")
    entries: dict[str, Entry] = {}
    bad: list[str] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        e = _parse(line)
        if e is None:
            bad.append(line)
        else:
            entries[e.card] = e
    return Schedule(entries, bad)


def _scheduler():
    from fsrs import Scheduler

    return Scheduler(enable_fuzzing=False)


def next_entry(current: Entry | None, card: str, rating: str, now: datetime) -> Entry:
    """The card's entry after a review graded ``rating`` at ``now`` (FSRS)."""
    from fsrs import Card, Rating, State

    if current is None:
        fc = Card(card_id=1, due=now)
    else:
        fc = Card(card_id=1, state=State(current.state), step=current.step, stability=current.stability,
                  difficulty=current.difficulty, due=current.due, last_review=current.last_review)
    fc, _log = _scheduler().review_card(fc, Rating(RATINGS[rating]), review_datetime=now)
    return Entry(card, int(fc.state.value), fc.step, fc.stability, fc.difficulty,
                 fc.due.astimezone(UTC),
                 fc.last_review.astimezone(UTC) if fc.last_review else None,
                 (current.reviews if current else 0) + 1)


def record(card: str, rating: str, now: datetime) -> Entry:
    """Grade one card and write the schedule at once (atomically, under the collection's lock,
    re-reading the file so a second session's grades are kept)."""
    from scrapnote import store

    with store.locked():
        sched = load()
        entry = next_entry(sched.entries.get(card), card, rating, now)
        sched.entries[card] = entry
        path().parent.mkdir(parents=True, exist_ok=True)
        store.atomic_write(path(), sched.text())
    return entry
