"""A query of several words walks its candidates best first too (search._RankedMany) when every
word is common, instead of gathering every note that holds them all: the hits, their order,
lanes, fields, scores and snippets are the ones the full ranking gives (the gathered path,
``_answer_walked`` off), for words in every lane, phrases, left-out words, limits, fields and
filters (tag, company, dates), in each of the walk's ways (the rows' own words tested on the
newest notes, a sparse super-band gathered and sorted, a dense one met on a walk of the index);
and the words a reader is still typing in ``browse`` (a trailing incomplete word) are walked."""
from __future__ import annotations

import pytest

from scrapnote import search
from tests.test_search_walk import each_way_gives, hits, many  # noqa: F401  (the fixture)

QUERIES = ["구 이", "경기 구글", "금리 인하", '"금리 인하" 기대', "구글 -클라우드 투자", "구글 투자 -경기", "ㄱㄱ 이",
           "수출 실적", "이 기", "가격 공급", "구굴 클라우드", "경기 숯", "경기 회", "구글 rnrmf", "이익 개선 늘었다",
           "기사 구", "공급 -\"공급 부족\"", "가격 \"가격 경쟁\" 본다", "없는말 구글", "구 이 기 가",
           "구글은 투자를", "구글은 경기가", "경기가 구글은", "구글은 이익이", "이번 가격이"]  # particles: stems a tier below
MORE = [(), ("--limit", "3"), ("--field", "body"), ("--tag", "경기"), ("--company", "구글"),
        ("--since", "2024-05"), ("--until", "2024-04-10"), ("--field", "title", "--field", "tags")]


def _ways(monkeypatch, way: str) -> None:
    monkeypatch.setattr(search, "MANY", 0)  # always walked
    if way == "sorted":  # every super-band not met on the rows' own words gathered and sorted
        monkeypatch.setattr(search, "WALK_FIRST", 1)
        monkeypatch.setattr(search, "WALK_MOST", 1)
    elif way == "walked":  # every super-band met on a walk of the newest notes
        monkeypatch.setattr(search, "SPARSE", 0)
        monkeypatch.setattr(search, "WALK_FIRST", 1)
        monkeypatch.setattr(search, "WALK_MOST", 1)


def test_the_walk_of_several_words_gives_the_full_ranking(cli, many, monkeypatch):  # noqa: F811
    """The full ranking is gathered once and each of the walk's three ways compared with it (one
    test: the 200 full answers are the slow half)."""
    asks = [(q, *more) for q in QUERIES for more in MORE]
    with monkeypatch.context() as m:
        m.setattr(search, "_answer_walked", lambda *a, **k: None)  # the full ranking, gathered whole
        full = {a: hits(cli, *a) for a in asks}
    assert sum(len(h) == 20 for h in full.values()) >= 3
    assert sum(0 < len(h) < 20 for h in full.values()) >= 10
    each_way_gives(cli, monkeypatch, _ways, full)


def test_several_words_matching_every_note_give_exactly_the_limit_in_the_full_order(cli, many, monkeypatch):  # noqa: F811
    monkeypatch.setattr(search, "MANY", 0)
    every = hits(cli, "기", "이", "--limit", "1000")
    assert len(every) >= 40
    for k in (1, 5, 20, 33):
        assert hits(cli, "기", "이", "--limit", str(k)) == every[:k]


def test_a_trailing_word_being_typed_is_walked(many, monkeypatch):  # noqa: F811
    """browse searches on every keystroke: ``반도체 수`` / ``반도체 숯`` (the last word not yet
    composed) take the walk, not the gathering of every note holding both."""
    from scrapnote import store  # noqa: F401
    from scrapnote.index import NoteIndex

    walked = []
    real = search._RankedMany

    class Spy(real):  # type: ignore[misc, valid-type]
        def __init__(self, *a, **k):
            walked.append(True)
            super().__init__(*a, **k)

    monkeypatch.setattr(search, "MANY", 0)
    monkeypatch.setattr(search, "_RankedMany", Spy)
    monkeypatch.setattr(search, "_rank", lambda *a, **k: pytest.fail("gathered whole"))
    with NoteIndex.open_fresh() as ix:
        for text in ("경기 ㄱ", "경기 구", "경기 굴", "경기 구ㄱ", "구글 경"):
            search.search_open(ix, text, limit=20)
    assert walked
