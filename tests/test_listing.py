"""The stored listing in rows (schema step 3) and the early answer kept after a refresh: row
boundaries, an edit in the last row, a deletion shifting names between rows, adds; a refresh
whose changed notes no lane finds keeps the answer given before it, any other asks again."""
from __future__ import annotations

import os

import pytest

from scrapnote import config
from scrapnote.index import NoteIndex, schema, sync
from scrapnote.index import scan as scanning
from scrapnote.search import search


def note_text(nid, title, body):
    return (f"---\nid: {nid}\ntitle: \"{title}\"\nsource: 한국경제\npublished: 2024-01-{nid % 28 + 1:02d}\n"
            f"tags: []\ntemplate: economy\n---\n\n## 헤드라인 (요약과 압축)\n{title}\n\n"
            f"## 본문 (본문 내용 복사)\n{body}\n")


def age(*paths, seconds=60):
    for p in paths:
        st = os.stat(p)
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 10**9))


def ids(query):
    return {h.id for h in search(query).hits}


@pytest.fixture
def many(write_note, monkeypatch):
    monkeypatch.setattr(sync, "LISTING_ROW", 3)
    paths = [write_note(f"{i:04d}-n.md", note_text(i, f"소식 {i}", f"평범한 본문 {i}번")) for i in range(1, 11)]
    age(*paths)
    age(paths[0].parent)
    return paths


def check_rows():
    """The rows hold exactly what a scan of the folder sees, LISTING_ROW names a row."""
    con = schema.connect()
    stored = sync.stored_listing(con)
    assert stored[1:] == scanning.scan(config.notes_dir())[1:]
    rows = con.execute("SELECT chunk, names, stats FROM listing ORDER BY chunk").fetchall()
    assert [r[0] for r in rows] == list(range(len(rows)))
    counts = [len(r[1].split(b"\0")) for r in rows]
    assert all(c == sync.LISTING_ROW for c in counts[:-1]) and 0 < counts[-1] <= sync.LISTING_ROW
    assert all(len(r[2]) == 16 * c for r, c in zip(rows, counts))
    con.close()
    return stored


def order():
    return scanning.scan(config.notes_dir())[1].split(b"\0")


def edit(path, old, new):
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    age(path)


def test_listing_is_stored_in_rows(many):
    assert ids("소식") == set(range(1, 11))
    assert len(check_rows().rows) == 4  # 10 names, 3 a row


@pytest.mark.parametrize("at", [0, 2, 3, 8, 9])  # first, row ends and starts, the last row
def test_an_edit_rewrites_one_row(many, at):
    ids("소식")
    before = check_rows()
    path = config.notes_dir() / os.fsdecode(order()[at])
    edit(path, "평범한", "특별한")
    nid = int(path.name[:4])
    assert ids("특별한") == {nid}
    after = check_rows()
    changed = [c for c, (a, b) in enumerate(zip(before.rows, after.rows)) if a != b]
    assert changed == [at // sync.LISTING_ROW]
    assert after.rows[at // sync.LISTING_ROW][0] == before.rows[at // sync.LISTING_ROW][0]


def test_a_deletion_shifts_names_between_rows(many):
    ids("소식")
    first = order()[1]
    (config.notes_dir() / os.fsdecode(first)).unlink()
    age(config.notes_dir())
    assert len(ids("소식")) == 9
    stored = check_rows()
    assert len(stored.rows) == 3 and first not in stored[1].split(b"\0")
    # an edit after the shift lands in the right row
    last = config.notes_dir() / os.fsdecode(order()[-1])
    edit(last, "평범한", "수정된")
    assert ids("수정된") == {int(last.name[:4])}
    check_rows()


def test_adds_grow_the_rows(many, write_note):
    ids("소식")
    for i in (11, 12, 13):
        age(write_note(f"{i:04d}-n.md", note_text(i, f"소식 {i}", f"새 본문 {i}번")))
    age(config.notes_dir())
    assert ids("소식") == set(range(1, 14))
    assert len(check_rows().rows) == 5
    for p in sorted(config.notes_dir().glob("001[123]-n.md")):
        p.unlink()
    assert ids("소식") == set(range(1, 11))
    assert len(check_rows().rows) == 4


def test_empty_folder_and_back(many, write_note):
    ids("소식")
    for p in many:
        p.unlink()
    age(config.notes_dir())
    assert ids("소식") == set()
    con = schema.connect()
    assert con.execute("SELECT count(*) FROM listing").fetchone()[0] == 0
    assert sync.stored_listing(con)[1:] == (b"", b"")
    con.close()
    age(write_note("0001-n.md", note_text(1, "소식 1", "다시")))
    age(config.notes_dir())
    assert ids("다시") == {1}
    check_rows()


# -- the early answer kept or asked again -------------------------------------------------------
@pytest.fixture
def answers(monkeypatch):
    """One entry per answer the search gives from the index (the early one, and any again)."""
    calls = []
    real = NoteIndex.answer_fresh.__func__

    def counting(ask):
        def counted(ix):
            calls.append(1)
            return ask(ix)
        return counted

    def answer_fresh(cls, early, *, again=None, **kw):
        return real(cls, counting(early), again=counting(again or early), **kw)

    monkeypatch.setattr(NoteIndex, "answer_fresh", classmethod(answer_fresh))
    return calls


def test_an_unrelated_edit_keeps_the_first_answer(many, answers):
    edit(many[0], "평범한 본문", "구글 본문")
    assert ids("구글") == {1}
    answers.clear()
    edit(many[4], "평범한", "다른")  # holds no word of the query, before or after
    assert ids("구글") == {1}
    assert len(answers) == 1


@pytest.mark.parametrize("query, at, old, new, want", [
    ("구글", 4, "평범한", "구글은", {1, 5}),  # the edit adds a match (inside a word)
    ("구글", 0, "구글", "애플", set()),  # the edit removes the only match
    ("ㄱㄱ", 4, "평범한", "가가", {1, 5}),  # 초성
    ("구굴", 4, "평범한", "구글의", {1, 5}),  # typo lane (the exact lane found nothing); a known head
    ("rnrmf", 4, "평범한", "구글", {1, 5}),  # keyboard lane
])
def test_an_edit_that_a_lane_finds_is_answered_again(many, answers, query, at, old, new, want):
    edit(many[0], "평범한 본문", "구글 본문")
    assert ids(query) == {1}
    answers.clear()
    edit(many[at], old, new)
    assert ids(query) == want
    assert len(answers) == 2


def test_an_excluded_word_added_is_answered_again(many, answers):
    edit(many[0], "평범한 본문", "구글 본문")
    edit(many[4], "평범한 본문", "구글 본문")
    assert ids("구글 -미국") == {1, 5}
    answers.clear()
    edit(many[4], "본문", "미국")
    assert ids("구글 -미국") == {1}
    assert len(answers) == 2


def test_a_deleted_match_is_answered_again(many, answers):
    edit(many[0], "평범한 본문", "구글 본문")
    assert ids("구글") == {1}
    answers.clear()
    many[0].unlink()
    age(config.notes_dir())
    assert ids("구글") == set()
    assert len(answers) == 2


def test_an_added_unrelated_note_keeps_the_first_answer(many, answers, write_note):
    edit(many[0], "평범한 본문", "구글 본문")
    assert ids("구글") == {1}
    answers.clear()
    age(write_note("0011-n.md", note_text(11, "소식 11", "전혀 다른 이야기")))
    age(config.notes_dir())
    assert ids("구글") == {1}
    assert ids("이야기") == {11}
    assert answers[:1] == [1] and len(answers) == 2  # the second query: one answer, after a refresh of nothing
