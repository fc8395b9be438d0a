"""연관기사: how related two notes are, and why — a score and its reasons.

Pure functions; the callers read the notes' terms and their rarity from the index (``related ID``)
or from the rows a ``new`` run holds. No kiwipiepy here.

A note is related by its **terms**: its keywords and companies (``text.keys.term_key``: NFC, no
case). The score of a candidate B for a note A:

1. each term weighs its rarity in the collection, ``idf(df, n) = log((n+1)/df)`` (a term in every
   note ~0, a term in one of 10,000 notes ~9.2; a collection under ``SMALL`` notes counts as that
   many); a note's first company, its subject, weighs ``SUBJECT_WEIGHT`` times that in its own note;
2. the terms' part is the cosine of the two notes' weighted term sets: the shared terms' weight
   ``Σ √(w_A(t)·w_B(t))`` over ``√(W_A·W_B)`` (W: all of a note's weight). 0 when they share
   nothing, about 1 when they hold the same terms; a long note and a short one compare fairly,
   and a shared common word (한국, 매출) moves it little. The **same company** — a company both
   name that one of them is about (its subject) — counts ``SUBJECT_WEIGHT × idf`` (a note on
   카카오모빌리티 naming 카카오 and a note on 카카오);
3. the same industry multiplies it by ``1 + INDUSTRY_BONUS``, and close dates by up to
   ``1 + DATE_BONUS`` (the same day; nothing from ``DATE_DAYS`` days apart on) — they only raise a
   score that shared terms made, never make one;
4. a candidate is **related** when its score is at least ``CUTOFF``; ``new`` drafts at most three.

``CUTOFF`` was chosen on the made-up collection of ``tests/fixtures/aids`` (bench/related_eval.py:
every cut-off from 0.16 to 0.18 gives the same drafted pairs there, 0.14 two wrong ones, 0.20
four right ones fewer); what it is, the bench prints.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date as Date
from collections.abc import Callable, Iterable

from scrapnote.text.keys import term_key

__all__ = ["Profile", "Relation", "relate", "best_related", "score", "doc_frequencies", "key_frequencies", "terms_of",
           "CUTOFF",
           "SUBJECT_WEIGHT", "INDUSTRY_BONUS", "DATE_BONUS", "DATE_DAYS", "DRAFTED"]

SUBJECT_WEIGHT = 2.0   # a note's own subject company says more about it than any keyword
INDUSTRY_BONUS = 0.3   # the same industry: × 1.3
DATE_BONUS = 0.2       # the same day: × 1.2, falling to × 1 at DATE_DAYS apart
DATE_DAYS = 30
CUTOFF = 0.17          # below this, a note is not related (shown by `related ID --all`)
DRAFTED = 3            # notes `new` drafts into 연관기사, at most


@dataclass(frozen=True)
class Profile:
    """What a note is related by: ``keywords`` and ``companies`` (term keys, the subject company
    first), ``industry``, its ``date`` (YYYY-MM-DD or None) and ``names``, each term's spelling in
    the note (for the reasons shown)."""

    id: int | None
    keywords: frozenset[str] = frozenset()
    companies: tuple[str, ...] = ()
    industry: frozenset[str] = frozenset()
    date: str | None = None
    names: dict[str, str] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, nid: int | None, keywords=(), companies=(), industry=(), date: str | None = None) -> Profile:
        """From a note's lists as written (its front matter or a row of the index)."""
        names: dict[str, str] = {}
        kw: list[str] = []
        co: list[str] = []
        ind: list[str] = []
        for out, words in ((kw, keywords), (co, companies), (ind, industry)):
            for w in words or ():
                k = term_key(str(w))
                if k and k not in out:
                    out.append(k)
                    names.setdefault(k, str(w).strip())
        return cls(nid, frozenset(kw), tuple(co), frozenset(ind), (str(date)[:10] if date else None), names)

    @classmethod
    def of_terms(cls, nid: int, rows: Iterable[tuple[str, str]], date: str | None = None) -> Profile:
        """From the index's (term, kind) rows of one note (kinds 'k', 's', 'c', 'i')."""
        kw: set[str] = set()
        subject: list[str] = []
        others: list[str] = []
        ind: set[str] = set()
        for term, kind in rows:
            {"k": kw.add, "s": subject.append, "c": others.append, "i": ind.add}.get(kind, kw.add)(term)
        companies = tuple(dict.fromkeys([*subject[:1], *sorted(others)]))
        return cls(nid, frozenset(kw), companies, frozenset(ind), (str(date)[:10] if date else None))

    @property
    def terms(self) -> frozenset[str]:
        return self.keywords | frozenset(self.companies)

    @property
    def subject(self) -> str | None:
        return self.companies[0] if self.companies else None

    def weight(self, term: str, rarity: Rarity) -> float:
        return rarity[term] * (SUBJECT_WEIGHT if term == self.subject else 1.0)

    def total(self, rarity: Rarity) -> float:
        return sum(self.weight(t, rarity) for t in self.terms)

    def name(self, term: str) -> str:
        return self.names.get(term, term)


@dataclass
class Relation:
    """Why note ``id`` is related to the note asked about: its ``score``; the ``shared`` terms,
    rarest first, as the asked note spells them; of them, the ``companies`` both name; the
    ``industry`` both are in; ``days`` between their dates (None when either has none)."""

    id: int
    score: float
    shared: list[str]
    companies: list[str]
    industry: list[str]
    days: int | None

    def as_json(self) -> dict:
        return {"score": self.score, "shared": self.shared, "companies": self.companies,
                "industry": self.industry, "days": self.days}


def _day(text: str | None) -> Date | None:
    try:
        return Date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


class Rarity(dict):
    """{term: idf} of a collection of ``n`` notes with these term counts, each worked out once."""

    def __init__(self, df: dict[str, int], n: int):
        super().__init__()
        self.df, self.n = df, n

    def __missing__(self, term: str) -> float:
        value = self[term] = idf(self.df.get(term, 1), self.n)
        return value


def score(a: Profile, b: Profile, df: dict[str, int], n: int, total_a: float | None = None,
          total_b: float | None = None, rarity: Rarity | None = None) -> Relation:
    """How related note ``b`` is to note ``a`` (see the module's text), with the reasons.
    ``df``: in how many of the collection's ``n`` notes each term is (a keyword or company)."""
    shared = a.terms & b.terms
    rar = rarity if rarity is not None else Rarity(df, n)
    wa = a.total(rar) if total_a is None else total_a
    wb = b.total(rar) if total_b is None else total_b
    part = 0.0
    ordered = sorted(shared, key=lambda t: (df.get(t, 1), t))  # rarest first; a fixed order, equal floats
    both_co = set(a.companies) & set(b.companies)
    for t in ordered:
        if t in both_co and t in (a.subject, b.subject):  # the same company: one note is about it
            part += SUBJECT_WEIGHT * rar[t]
        else:
            part += math.sqrt(a.weight(t, rar) * b.weight(t, rar))
    cosine = part / math.sqrt(wa * wb) if part and wa > 0 and wb > 0 else 0.0
    industry = sorted(a.industry & b.industry)
    da, db = _day(a.date), _day(b.date)
    days = abs((da - db).days) if da and db else None
    value = cosine
    if value and industry:
        value *= 1 + INDUSTRY_BONUS
    if value and days is not None and days < DATE_DAYS:
        value *= 1 + DATE_BONUS * (1 - days / DATE_DAYS)
    return Relation(b.id if b.id is not None else -1, round(value, 4), [a.name(t) for t in ordered],
                    [a.name(t) for t in ordered if t in both_co], [a.name(t) for t in industry], days)


def relate(me: Profile, candidates: Iterable[Profile], df: dict[str, int], n: int, k: int | None = DRAFTED,
           cutoff: float = CUTOFF, rarity: Rarity | None = None) -> list[Relation]:
    """The candidates related to ``me`` — scoring at least ``cutoff`` — best first, at most ``k``
    (all with None); ties go to the newer (higher) id. ``me`` itself and repeats are left out."""
    if k is not None and k <= 0:
        return []
    rar = rarity if rarity is not None else Rarity(df, n)
    mine = me.total(rar)
    out: list[Relation] = []
    seen: set[int | None] = {me.id} if me.id is not None else set()
    for c in candidates:
        if c.id in seen or not (me.terms & c.terms):
            continue
        seen.add(c.id)
        r = score(me, c, df, n, mine, rarity=rar)
        if r.score > 0 and r.score >= cutoff:
            out.append(r)
    out.sort(key=lambda r: (-r.score, -r.id))
    return out if k is None else out[:k]


SMALL = 20  # a collection smaller than this is taken as this large: a few notes say little of rarity


def idf(df: int, n: int) -> float:
    """A term's rarity among ``n`` notes when ``df`` of them have it: log((n+1)/df) — near 0 for a
    term in every note, log(n+1) for a term in one. A collection of fewer than ``SMALL`` notes
    counts as ``SMALL``: two notes of a new collection sharing a term say little about how common
    it is, and should still be related by it."""
    return math.log((max(n, df, SMALL) + 1) / max(df, 1))


BATCH = 500  # candidates scored at once by best_related


def best_related(me: Profile, n: int, *, sharing: Callable[[frozenset[str]], Iterable[tuple[int, str, str]]],
                 profiles: Callable[[list[int]], Iterable[Profile]], counts: Callable[[set[str]], dict[str, int]],
                 k: int | None = DRAFTED, cutoff: float = CUTOFF, counted: bool = True) -> list[Relation]:
    """``relate`` over a collection too large to score note by note: only the notes sharing a term
    with ``me`` are candidates, and they are scored best-bound first until no candidate left can
    reach the ``k``-th score (or the cut-off).

    The collection is asked through three functions (the index's, or a ``new`` run's rows):
    ``sharing(terms)`` gives (id, term, kind) of the notes having any of these terms, ``profiles(ids)``
    those notes' profiles, ``counts(terms)`` in how many notes each term is. ``n`` is the number of
    notes; ``counted``: whether ``me`` is one of them (a note being drafted is not: it is counted in).

    A candidate's bound: the terms' part is at most √(SUBJECT_WEIGHT · Σ w_me(t) over the shared
    terms / W_me) (Cauchy–Schwarz; a same-company term counts at most √SUBJECT_WEIGHT times its
    cosine share), times the largest bonuses; so the notes left out could not have scored higher."""
    if k is not None and k <= 0 or not me.terms:
        return []
    extra = 0 if counted else 1
    n += extra

    def df_of(terms: set[str]) -> dict[str, int]:
        got = counts(terms)
        return {t: got.get(t, 0) + (extra if t in me.terms else 0) for t in terms}

    df = df_of(set(me.terms))
    rar = Rarity(df, n)
    mine = me.total(rar)
    if mine <= 0:
        return []
    reach: dict[int, float] = {}
    for cid, term, _kind in sharing(me.terms):
        if cid != me.id:
            reach[cid] = reach.get(cid, 0.0) + me.weight(term, rar)
    most = (1 + INDUSTRY_BONUS) * (1 + DATE_BONUS)
    order = sorted(reach, key=lambda c: (-reach[c], -c))
    bound = {c: math.sqrt(SUBJECT_WEIGHT * min(1.0, reach[c] / mine)) * most for c in order}
    best: list[Relation] = []
    for i in range(0, len(order), BATCH):
        floor = cutoff if k is None or len(best) < k else max(cutoff, best[k - 1].score)
        batch = [c for c in order[i:i + BATCH] if bound[c] >= floor]
        if not batch:
            break
        got = list(profiles(batch))
        new_terms = {t for p in got for t in p.terms} - df.keys()
        if new_terms:
            df.update(df_of(new_terms))
        best.extend(relate(me, got, df, n, k=None, cutoff=cutoff, rarity=rar))
        best.sort(key=lambda r: (-r.score, -r.id))
        if k is not None:
            del best[k:]
    return best


def terms_of(row: dict) -> set[str]:
    """The terms a note is related by, as written: its keywords and companies."""
    return {*(row.get("keywords") or []), *(row.get("companies") or [])}


def doc_frequencies(rows) -> dict[str, int]:
    """How many of these notes (dicts with ``keywords`` and ``companies``) have each term, as
    written (the keyword ranking's collection statistics)."""
    out: dict[str, int] = {}
    for r in rows:
        for t in terms_of(r):
            out[t] = out.get(t, 0) + 1
    return out


def key_frequencies(profiles: Iterable[Profile]) -> dict[str, int]:
    """``doc_frequencies`` by term key: how many of these notes have each term."""
    out: dict[str, int] = {}
    for p in profiles:
        for t in p.terms:
            out[t] = out.get(t, 0) + 1
    return out
