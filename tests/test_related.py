"""연관기사 on a small made-up collection."""
from __future__ import annotations

import pytest

from scrapnote.analyze.related import related_notes

# id, keywords, companies
NOTES = [
    (1, ["AI", "머신러닝", "제주"], ["카카오"]),
    (2, ["AI", "반도체", "HBM"], ["SK하이닉스"]),
    (3, ["AI", "클라우드"], ["구글"]),
    (4, ["AI", "인재양성", "부트캠프"], ["구글"]),
    (5, ["금리", "대출"], ["국민은행"]),
    (6, ["AI", "머신러닝", "캠프"], ["카카오"]),
    (7, ["AI"], []),
]


def _df(notes):
    df: dict[str, int] = {}
    for _, k, c in notes:
        for t in set(k) | set(c):
            df[t] = df.get(t, 0) + 1
    return df


DF = _df(NOTES)
N = len(NOTES)


def test_rare_shared_terms_beat_common_ones():
    hits = related_notes(["AI", "머신러닝", "제주"], ["카카오"], NOTES, DF, N, exclude_id=1)
    ids = [i for i, _ in hits]
    assert ids[0] == 6  # shares 머신러닝 and 카카오
    assert len(hits) == 3
    assert all(s1 >= s2 for (_, s1), (_, s2) in zip(hits, hits[1:]))


def test_company_weighs_more_than_keyword():
    hits = dict(related_notes(["클라우드"], ["구글"], NOTES, DF, N, k=10))
    assert hits[3] > hits[4] > 0  # both share 구글, note 3 also 클라우드
    only_kw = dict(related_notes(["구글"], [], NOTES, DF, N, k=10))
    assert hits[4] > only_kw[4]  # a shared company counts double


def test_ties_go_to_the_newest_id():
    hits = related_notes(["AI"], [], NOTES, DF, N, k=10)
    assert [i for i, _ in hits] == [7, 6, 4, 3, 2, 1]
    assert len({s for _, s in hits}) == 1


def test_nothing_shared_is_left_out_and_exclude_id():
    hits = related_notes(["금리"], ["국민은행"], NOTES, DF, N, k=10)
    assert [i for i, _ in hits] == [5]
    assert related_notes(["금리"], ["국민은행"], NOTES, DF, N, exclude_id=5) == []
    assert related_notes(["없는말"], [], NOTES, DF, N) == []
    assert related_notes([], [], NOTES, DF, N) == []


def test_a_term_in_every_note_counts_little():
    hits = dict(related_notes(["AI", "반도체"], [], NOTES, DF, N, k=10))
    assert hits[2] > 3 * hits[7]  # 반도체 (in 1 note) outweighs AI (in 6 of 7) more than twice


def test_case_insensitive_and_k():
    hits = related_notes(["ai", "hbm"], ["sk하이닉스"], NOTES, DF, N, k=1)
    assert hits == [(2, pytest.approx(hits[0][1]))] and hits[0][0] == 2
    assert related_notes(["AI"], [], NOTES, DF, N, k=0) == []


def test_pure_and_deterministic():
    notes = [tuple(x) for x in NOTES]
    a = related_notes(["AI", "머신러닝"], ["카카오"], NOTES, DF, N)
    b = related_notes(["머신러닝", "AI"], ["카카오"], list(reversed(NOTES)), DF, N)
    assert a == b
    assert [tuple(x) for x in NOTES] == notes
