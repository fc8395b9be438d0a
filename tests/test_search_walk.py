"""The single-word search walks its lanes best first (search._Ranked) instead of gathering and
sorting every match (issue 11): the hits, their order, lanes, fields, scores and snippets are the
ones the full ranking gives, for every lane, limit, field choice, filter and left-out word, and the
walk still sees a note edited in place. Small collections are gathered whole (search.SMALL), so
the tests force the walk (SMALL = 0) and each of its ways (the rows' own words tested on the
newest notes, a sparse band looked up and sorted, a dense one met on a walk of the index)."""
from __future__ import annotations

import json
import os

import pytest

from scrapnote import search
from tests.test_search import note_text

# Made-up notes: many share the words a short query finds (구, ㄱㄱ, 이), in titles, tags,
# companies, bodies and summaries, on dates that tie, so every band of a lane has notes and ties.
TITLES = ["구글 클라우드 확대", "경기 회복 기대", "금리 인하 검토", "이번 주 증시", "공급망 재편", "구조조정 착수",
          "가격 인상 예고", "이익 개선", "수출 증가", "반도체 경기 반등", "기업 실적 발표", "이차전지 투자"]
BODIES = ["구글은 국내 투자를 늘린다.", "경기 지표가 개선됐다는 분석이 나왔다.", "금리 인하 기대가 커졌다.",
          "이번 발표로 시장이 움직였다.", "공급 부족이 이어진다.", "구조 개편이 필요하다는 지적이다.",
          "가격 경쟁이 치열하다.", "이익이 늘었다.", "수출 실적이 좋았다.", "규제 강화 움직임이 있다."]


def _note(i: int) -> str:
    return note_text(i, f"{TITLES[i % len(TITLES)]} {i}", f"{BODIES[(i * 7) % len(BODIES)]} 기사 {i}번.",
                     published=f"2024-0{1 + i % 9}-{10 + i % 3}",
                     tags=["경기"] if i % 4 == 0 else (["금리"] if i % 4 == 1 else []),
                     companies=["구글"] if i % 5 == 0 else [],
                     summary="가격과 공급을 본다." if i % 3 == 0 else "")


@pytest.fixture
def many(write_note):
    return {i: write_note(f"{i:04d}-n.md", _note(i)) for i in range(1, 91)}


def hits(cli, *args):
    r = cli("search", *args, "--json")
    if r.exit_code == 1 and r.stdout == "":
        return []
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


QUERIES = ["ㄱㄱ", "이", "구", "구글", "경기", "ㄱ", "금리", "ㄱㅈ", "rnrmf", "구굴", '"금리 인하"', "가격",
           "이익", "수출", "없는말"]


def _ways(monkeypatch, way: str) -> None:
    monkeypatch.setattr(search, "SMALL", 0)  # always walked
    if way == "sorted":  # every band not met on the rows' own words looked up and sorted
        monkeypatch.setattr(search, "WALK_FIRST", 1)
        monkeypatch.setattr(search, "WALK_MOST", 1)
    elif way == "walked":  # every band met on a walk of the newest notes
        monkeypatch.setattr(search, "SPARSE", 0)
        monkeypatch.setattr(search, "WALK_FIRST", 1)
        monkeypatch.setattr(search, "WALK_MOST", 1)


def test_the_walk_gives_the_full_ranking(cli, many, monkeypatch):
    """The full ranking once, each of the walk's three ways compared with it."""
    asks = [(q, *more) for q in QUERIES for more in ((), ("--limit", "3"), ("--field", "body"))]
    asks += [("구", "-구글"), ("ㄱㄱ", "--tag", "경기"), ("이", "--since", "2024-05"), ("경기", "--field", "tags"),
             ("구", "--limit", "1")]
    full = {a: hits(cli, *a) for a in asks}
    assert any(len(h) == 20 for h in full.values())
    each_way_gives(cli, monkeypatch, _ways, full)


def each_way_gives(cli, monkeypatch, ways, full: dict) -> None:
    """Each of the walk's three ways (set by ``ways``) answers every ask of ``full`` as it does."""
    for way in ("rows", "sorted", "walked"):
        with monkeypatch.context() as m:
            ways(m, way)
            walked = {a: hits(cli, *a) for a in full}
        wrong = [a for a in full if walked[a] != full[a]]
        assert wrong == [], f"{way}: {len(wrong)} answers differ from the full ranking, first {wrong[:1]}"


def test_a_query_matching_every_note_gives_exactly_the_limit_in_the_full_order(cli, many, monkeypatch):
    monkeypatch.setattr(search, "SMALL", 0)
    every = hits(cli, "ㄱㄱ", "--limit", "1000")
    assert len(every) >= 60  # nearly every note has a word whose 초성 starts ㄱㄱ
    for k in (1, 5, 20, 37):
        assert hits(cli, "ㄱㄱ", "--limit", str(k)) == every[:k]
    # the ranking the walk follows: lane tier and score fall, newest first on a tie
    keys = [(h["score"], h["date"] or "", h["id"]) for h in every]
    assert all(keys[i][0] >= keys[i + 1][0] for i in range(len(keys) - 1))
    assert all(keys[i][1:] > keys[i + 1][1:] for i in range(len(keys) - 1) if keys[i][0] == keys[i + 1][0])


def _age(paths) -> None:
    for p in paths:
        st = os.stat(p)
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns - 60 * 10**9))


def test_the_walk_sees_an_edit_in_place_and_a_word_taken_out(cli, many, monkeypatch):
    monkeypatch.setattr(search, "SMALL", 0)
    _age(many.values())
    assert 12 not in [h["id"] for h in hits(cli, "편집된말")]
    text = many[12].read_text(encoding="utf-8")
    many[12].write_text(text.replace("기사 12번.", "기사 12번. 편집된말이 있다."), encoding="utf-8")
    assert [h["id"] for h in hits(cli, "편집된말")] == [12]
    assert [h["id"] for h in hits(cli, "편집", "--limit", "100")] == [12]  # the short prefix too
    # a title word taken out by hand: the short-prefix lane no longer finds the note for it
    top = hits(cli, "이차", "--limit", "100")
    assert 11 in [h["id"] for h in top]  # "이차전지 투자 11"
    text = many[11].read_text(encoding="utf-8")
    many[11].write_text(text.replace("이차전지 투자 11", "배터리 투자 11"), encoding="utf-8")
    assert 11 not in [h["id"] for h in hits(cli, "이차", "--limit", "100")]
    assert 11 in [h["id"] for h in hits(cli, "배터리")]


def test_the_word_list_file_follows_every_change_of_the_list(cli, many, home):
    """The search scans the word list from a file beside the index, named by the list's key: a
    word an edit brings, a rebuilt index and a deleted file are each seen by the next search,
    and a file of an older list is never read for the new one."""
    from scrapnote.index import NoteIndex

    _age(many.values())
    assert hits(cli, "구글")
    state = home / ".scrapnote"
    first = sorted(p.name for p in state.glob("vocab-*"))
    assert [n.rsplit(".", 1)[1] for n in first] == ["terms"]  # the 초성 list only when a 초성 query asks
    assert hits(cli, "ㄱㄱ")
    assert len(list(state.glob("vocab-*"))) == 2
    text = many[30].read_text(encoding="utf-8")
    many[30].write_text(text.replace("기사 30번.", "기사 30번. 새낱말쿼크가 있다."), encoding="utf-8")
    assert [h["id"] for h in hits(cli, "새낱말쿼")] == [30]  # a word the list did not have: a new key
    assert [h["id"] for h in hits(cli, "ㅅㄴㅁㅋ")] == [30]
    second = sorted(p.name for p in state.glob("vocab-*"))
    assert not set(first) & set(second) and len(second) == 2  # the older files gone
    with NoteIndex.open() as ix:
        assert bytes(ix.word_list()) == ix.vocabulary().encode()
        assert bytes(ix.word_list(cho=True)) == ix.vocabulary(cho=True).encode()
    for p in state.glob("vocab-*"):  # the files are a cache: gone, the list is read from the index again
        p.unlink()
    assert [h["id"] for h in hits(cli, "새낱말쿼")] == [30]
    assert cli("reindex").exit_code == 0
    assert [h["id"] for h in hits(cli, "새낱말쿼")] == [30]
    assert not set(second) & {p.name for p in state.glob("vocab-*")}
