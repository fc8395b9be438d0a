"""연관기사: the notes that share the most, and the rarest, keywords and companies with a new one.

Pure function; the caller reads the candidates from the index. No kiwipiepy here.
"""
from __future__ import annotations

from scrapnote.analyze.keywords import idf

__all__ = ["related_notes", "doc_frequencies", "terms_of", "COMPANY_WEIGHT"]

COMPANY_WEIGHT = 2.0  # a shared company says more than a shared keyword


def _norm(term: str) -> str:
    return " ".join(term.split()).casefold()


def terms_of(row: dict) -> set[str]:
    """The terms a note is related by: its keywords and companies."""
    return {*(row.get("keywords") or []), *(row.get("companies") or [])}


def doc_frequencies(rows) -> dict[str, int]:
    """How many of these notes (dicts with ``keywords`` and ``companies``) have each term."""
    out: dict[str, int] = {}
    for r in rows:
        for t in terms_of(r):
            out[t] = out.get(t, 0) + 1
    return out


def related_notes(
    keywords: list[str],
    companies: list[str],
    candidates: list[tuple[int, list[str], list[str]]],
    doc_freq: dict[str, int],
    n_docs: int,
    k: int = 3,
    exclude_id: int | None = None,
) -> list[tuple[int, float]]:
    """The ``k`` candidates most related to a note with these ``keywords`` and ``companies``.

    ``candidates`` are ``(id, keywords, companies)`` of the notes in the collection; ``doc_freq``
    maps a term to the number of notes that have it (as keyword or company) and ``n_docs`` is the
    number of notes. A candidate scores, for every term it shares with the note, the term's rarity
    ``idf(df, n_docs)`` — times ``COMPANY_WEIGHT`` when both list the term as a company. Terms
    match case-insensitively. Candidates sharing nothing (score 0) are left out; ties go to the
    higher (newer) id. Returns ``[(id, score), …]``, best first.
    """
    if k <= 0:
        return []
    df = {_norm(t): c for t, c in doc_freq.items()}
    mine_kw = {_norm(t) for t in keywords if t.strip()}
    mine_co = {_norm(t) for t in companies if t.strip()}
    mine = mine_kw | mine_co
    scored: list[tuple[int, float]] = []
    seen: set[int] = set()
    for cid, ckw, cco in candidates:
        if cid == exclude_id or cid in seen:
            continue
        seen.add(cid)
        theirs_co = {_norm(t) for t in cco}
        theirs = {_norm(t) for t in ckw} | theirs_co
        score = 0.0
        for term in sorted(mine & theirs):  # fixed order: equal sets give equal floats
            weight = COMPANY_WEIGHT if term in mine_co and term in theirs_co else 1.0
            score += weight * idf(df.get(term, 1), n_docs)
        if score > 0:
            scored.append((cid, round(score, 6)))
    scored.sort(key=lambda x: (-x[1], -x[0]))
    return scored[:k]
