"""The index's front, ``NoteIndex``, on a made-up collection: rows chosen by filters, order, limit
and ids; broken files and shared ids; the word list and FTS lookups; a note's field texts; the
early answer of ``answer_fresh``; rebuilding; and the schema step that dropped unread columns."""
from __future__ import annotations

import os
import sqlite3
import unicodedata

import pytest

from scrapnote import config
from scrapnote.filters import Filters
from scrapnote.index import NoteIndex, schema


def note_text(nid, title, *, body="본문.", tags=(), companies=(), industry=(), source="한국경제",
              published="2024-01-10", extra=""):
    def flow(xs):
        return "[" + ", ".join(xs) + "]"

    return (f"---\nid: {nid}\ntitle: \"{title}\"\nsource: {source}\npublished: {published}\n"
            f"industry: {flow(industry)}\ncompanies: {flow(companies)}\ntags: {flow(tags)}\n"
            f"keywords: [{title.split()[0]}]\ntemplate: economy\n---\n\n## 헤드라인 (요약과 압축)\n{title}\n\n"
            f"## 본문 (본문 내용 복사)\n{body}\n{extra}")


def age(*paths, seconds=60):
    for p in paths:
        st = os.stat(p)
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 10**9))


@pytest.fixture
def notes(write_note):
    paths = [
        write_note("0001-a.md", note_text(1, "구글 데이터센터", body="구글은 한국에 짓는다.", tags=["AI", "클라우드"],
                                          companies=["구글"], industry=["IT"], published="2024-02-01")),
        write_note("0002-b.md", note_text(2, "삼성전자 반도체", body="삼성전자는 반도체를 만든다.", tags=["반도체"],
                                          companies=["삼성전자"], industry=["반도체"], source="매일경제",
                                          published="2023-06-30")),
        write_note("0003-c.md", note_text(3, "카카오 실적", body="카카오의 실적이 나왔다.", tags=["ai"],
                                          companies=["카카오", "구글"], industry=["IT"], source="연합뉴스",
                                          published="2022-01-05",
                                          extra="\n## 내 메모\n구글과 비교할 것\n")),
    ]
    return paths


def ids(rows):
    return [r["id"] for r in rows]


# -- rows ------------------------------------------------------------------------------------------
def test_rows_newest_first_with_the_listing_columns(notes):
    with NoteIndex.open_fresh() as ix:
        rows = ix.rows()
    assert ids(rows) == [1, 2, 3]
    first = rows[0]
    assert first["title"] == "구글 데이터센터" and first["tags"] == ["AI", "클라우드"]
    assert first["companies"] == ["구글"] and first["keywords"] == ["구글"]
    assert first["path"] == str(notes[0]) and first["date"] == "2024-02-01"
    assert isinstance(first["incomplete"], list) and first["incomplete"]  # nothing written yet


def test_rows_order_limit_ids_and_columns(notes):
    with NoteIndex.open_fresh() as ix:
        assert ids(ix.rows(order="oldest")) == [3, 2, 1]
        assert ids(ix.rows(order="id")) == [1, 2, 3]
        assert sorted(ids(ix.rows(order=None))) == [1, 2, 3]
        assert ids(ix.rows(limit=2)) == [1, 2]
        assert ids(ix.rows(ids=[3, 1, 99])) == [1, 3]
        assert ix.rows(ids=[2], columns=("id", "companies")) == [{"id": 2, "companies": ["삼성전자"]}]
        with pytest.raises(ValueError):
            ix.rows(order="sideways")


@pytest.mark.parametrize("filters, want", [
    (Filters.make(tags=["ai"]), [1, 3]),
    (Filters.make(tags=["AI", "클라우드"]), [1]),
    (Filters.make(company=["구글"]), [1, 3]),
    (Filters.make(company=["구글", "카카오"]), [3]),
    (Filters.make(company_any=["삼성전자", "카카오"]), [2, 3]),
    (Filters.make(industry=["it"]), [1, 3]),
    (Filters.make(source="경제"), [1, 2]),
    (Filters.make(since="2023"), [1, 2]),
    (Filters.make(until="2023-06"), [2, 3]),
    (Filters.make(since="2023-07", until="2024-01"), []),
    (Filters.make(tags=[unicodedata.normalize("NFD", "반도체")]), [2]),
    (Filters(tags=(unicodedata.normalize("NFD", "반도체"),)), [2]),  # NFC when compiled, not only by make
    (Filters(), [1, 2, 3]),
])
def test_rows_filtered(notes, filters, want):
    with NoteIndex.open_fresh() as ix:
        assert ids(ix.rows(filters)) == want


def test_filters_know_whether_they_are_set():
    assert not Filters() and not Filters.make()
    assert Filters.make(tags=["AI"]) and Filters.make(since="2024")
    assert Filters.make(until="2024-02").until == "2024-02-29"


def test_named_companies_are_the_notes_own_spelling(notes):
    with NoteIndex.open_fresh() as ix:
        rows = ix.rows(Filters.make(company_any=["구글", "삼성전자"]), named_companies=True)
    assert {r["id"]: r["named_companies"] for r in rows} == {1: ["구글"], 2: ["삼성전자"], 3: ["구글"]}


def test_broken_files_are_not_rows_and_are_reported(notes, write_note):
    write_note("0004-bad.md", "---\nid: [oops\n---\n")
    with NoteIndex.open_fresh() as ix:
        assert ids(ix.rows()) == [1, 2, 3]
        (path, reason), = ix.broken()
        assert path == config.notes_dir() / "0004-bad.md" and "YAML" in reason
        assert ix.count() == 3


def test_shared_ids(notes, write_note):
    write_note("0009-copy.md", note_text(2, "삼성전자 사본"))
    with NoteIndex.open_fresh() as ix:
        assert ix.shared_ids() == [(2, ["0002-b.md", "0009-copy.md"])]


# -- the search's lookups ----------------------------------------------------------------------------
def test_vocabulary_and_counts(notes):
    from scrapnote.text import hangul

    with NoteIndex.open_fresh() as ix:
        words = ix.vocabulary()
        assert words.startswith("\n") and words.endswith("\n")
        assert {"구글은", "삼성전자는", "카카오의", "ai"} <= set(words.split("\n"))
        assert ix.vocabulary(cho=True) == hangul.chosung(words)
        assert ix.note_count("구글") == 2  # 1 and 3 (title, companies, the memo)
        assert ix.note_count("없는말") == 0


def test_docs_matching_by_columns_and_within(notes):
    with NoteIndex.open_fresh() as ix:
        rows = ix.rows_of_docs(ix.docs_matching(("title", "body", "companies", "other"), ["구글"]))
        assert sorted(r["id"] for r in rows.values()) == [1, 3]
        title_only = ix.rows_of_docs(ix.docs_matching(("title",), ["구글", "카카오"]))
        assert sorted(r["id"] for r in title_only.values()) == [1, 3]
        within = ix.any_of(("title",), ["카카오"])
        assert [r["id"] for r in ix.rows_of_docs(ix.docs_matching(("companies",), ["구글"], within)).values()] == [3]
        assert ix.docs_matching(("title",), []) == set()
        assert ix.docs_matching(("title",), ['"따옴표"']) == set()  # quoted, not FTS syntax


def test_rows_of_docs_pass_the_filters(notes):
    with NoteIndex.open_fresh() as ix:
        docs = ix.docs_matching(("companies",), ["구글"])
        got = ix.rows_of_docs(docs, Filters.make(tags=["클라우드"]))
        assert [r["id"] for r in got.values()] == [1]
        assert set(next(iter(got.values()))) == {"id", "date", "title", "source", "published"}


def test_field_texts_from_the_file_named_by_the_index(notes):
    with NoteIndex.open_fresh() as ix:
        (doc,) = ix.docs_matching(("title",), ["카카오"])
        texts = ix.field_texts(doc)
    assert texts.read
    assert texts.get("title") == "카카오 실적"
    assert texts.get("companies") == "카카오\n구글" and texts.get("tags") == "ai"
    assert texts.get("headline") == "카카오 실적"
    assert texts.get("body") == "카카오의 실적이 나왔다."
    assert texts.get("other") == "내 메모\n구글과 비교할 것"  # a heading the form does not know: with its heading
    assert [f for f, _t in texts.order] == ["headline", "body", "other"]
    assert texts.get("research") == ""


def test_field_texts_of_a_file_gone_keep_the_indexed_fields(notes):
    with NoteIndex.open_fresh() as ix:
        (doc,) = ix.docs_matching(("title",), ["삼성전자"])
        notes[1].unlink()
        texts = ix.field_texts(doc)
        assert not texts.read and texts.get("title") == "삼성전자 반도체" and texts.get("body") == ""
        assert ix.field_texts(10**6) is None


# -- answer_fresh -----------------------------------------------------------------------------------
def test_answer_fresh_keeps_an_early_answer_the_changes_do_not_touch(notes):
    age(*notes)
    age(notes[0].parent)
    NoteIndex.open_fresh().close()
    calls = []

    def ask(ix):
        calls.append("early")
        return ids(ix.rows(Filters.make(company=["구글"])))

    def again(ix):
        calls.append("again")
        return ids(ix.rows(Filters.make(company=["구글"])))

    assert NoteIndex.answer_fresh(ask, again=again) == [1, 3]
    assert calls == ["early"]  # nothing changed
    notes[1].write_text(note_text(2, "삼성전자 반도체", body="고쳤다.", companies=["삼성전자"]), encoding="utf-8")
    calls.clear()
    seen = []
    assert NoteIndex.answer_fresh(ask, again=again, holds=lambda ch: seen.append(ch) or True) == [1, 3]
    assert calls == ["early"] and len(seen) == 1 and seen[0].texts  # the re-read note's texts
    notes[1].write_text(note_text(2, "삼성전자 반도체", body="구글도.", companies=["삼성전자", "구글"]),
                        encoding="utf-8")
    calls.clear()
    assert NoteIndex.answer_fresh(ask, again=again, holds=lambda ch: False) == [1, 2, 3]
    assert calls == ["early", "again"]


def test_answer_fresh_on_a_new_index_answers_once_after_reading(notes):
    calls = []

    def ask(ix):
        calls.append(1)
        return ix.count()

    assert NoteIndex.answer_fresh(ask) == 3
    assert calls == [1]


def test_answer_fresh_meanwhile_and_progress(notes, monkeypatch):
    from scrapnote.index import sync

    monkeypatch.setattr(sync, "PROGRESS_MIN", 1)
    ticks, during = [], []

    def progress(total):
        ticks.append(total)
        return lambda: ticks.append("tick")

    assert NoteIndex.answer_fresh(lambda ix: ix.count(), progress=progress,
                                  meanwhile=lambda: during.append(1)) == 3
    assert ticks == [3, "tick", "tick", "tick"]
    assert during == [1]  # called while the files are checked, early answer or not
    NoteIndex.answer_fresh(lambda ix: ix.count(), meanwhile=lambda: during.append(1))
    assert during == [1, 1]


def test_answer_fresh_rebuilds_a_damaged_index(notes):
    NoteIndex.open_fresh().close()
    calls = []

    def ask(ix):
        calls.append(1)
        if len(calls) == 1:
            raise sqlite3.DatabaseError("database disk image is malformed")
        return ix.count()

    assert NoteIndex.answer_fresh(ask) == 3
    assert len(calls) == 2


def test_rebuild_counts_the_notes(notes, write_note):
    write_note("0004-bad.md", "no front matter")
    assert NoteIndex.rebuild() == 3


# -- the schema ---------------------------------------------------------------------------------------
def _columns(con):
    return [r[1] for r in con.execute("PRAGMA table_info(notes)")]


def test_unread_columns_are_gone(notes):
    NoteIndex.open_fresh().close()
    con = schema.connect()
    cols = _columns(con)
    assert not {"summary", "questions", "body_heading"} & set(cols)
    assert cols.index("doc") < cols.index("headline") and cols.index("published") < cols.index("headline")
    indexes = {r[1] for r in con.execute("PRAGMA index_list(notes)")}
    assert {"notes_id", "notes_doc"} <= indexes
    con.close()


STEP_6_COLUMNS = ("scrapped", "study")
STEP_10_COLUMNS = ("url_key", "title_key")  # issue 13: the keys `new`'s duplicate check looks up


def test_step_5_keeps_the_rows_of_a_step_4_index(notes):
    from scrapnote.index import sync

    age(*notes)
    age(notes[0].parent)
    NoteIndex.open_fresh().close()
    con = schema.connect()
    kept = [c for c in _columns(con) if c not in STEP_6_COLUMNS + STEP_10_COLUMNS]
    before = con.execute(f"SELECT {', '.join(kept)} FROM notes ORDER BY path").fetchall()
    # the table as steps 1, 2 and 4 left it, with the columns nothing read filled in
    old = ("path, mtime_ns, size, id, error, title, headline, source, reporter, published, date, url, tags, "
           "industry, companies, keywords, summary, questions, incomplete, doc, body_heading, sections")
    con.executescript(f"""
        BEGIN;
        CREATE TABLE notes_4({old});
        INSERT INTO notes_4 SELECT path, mtime_ns, size, id, error, title, headline, source, reporter, published,
            date, url, tags, industry, companies, keywords, '요약', '질문', incomplete, doc, '본문', sections FROM notes;
        DROP TABLE notes;
        ALTER TABLE notes_4 RENAME TO notes;
        CREATE INDEX notes_id ON notes(id);
        CREATE UNIQUE INDEX notes_doc ON notes(doc);
        PRAGMA user_version=4;
        COMMIT;
    """)
    con.close()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(schema, "STEPS", schema.STEPS[:5])
        con = schema.connect()  # upgraded by step 5 alone
        assert con.execute("PRAGMA user_version").fetchone()[0] == 5
        assert _columns(con) == kept
        assert con.execute(f"SELECT {', '.join(kept)} FROM notes ORDER BY path").fetchall() == before
        assert sync.changes(con) is None  # nothing is read again
        con.close()
    with NoteIndex.open_fresh() as ix:  # step 6 adds its columns and reads every note again
        (doc,) = ix.docs_matching(("title",), ["카카오"])
        assert ix.field_texts(doc).get("body") == "카카오의 실적이 나왔다."


def test_field_texts_of_a_file_with_old_mac_line_ends_are_split_as_the_index_split_it(write_note, cli):
    """The search reads a hit's sections through note.py's parser: a file whose lines end in a lone
    CR is one note with sections for the search too, not one block of "other" text."""
    text = note_text(1, "카카오 실적", body="카카오의 실적이 크게 나왔다.")
    path = config.notes_dir() / "0001-cr.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", "\r").encode("utf-8"))
    with NoteIndex.open_fresh() as ix:
        (doc,) = ix.docs_matching(("title",), ["카카오"])
        texts = ix.field_texts(doc)
    assert texts.get("body") == "카카오의 실적이 크게 나왔다." and texts.get("other") == ""
    import json

    (hit,) = json.loads(cli("search", '"실적이 크게"', "--json").stdout)
    assert hit["field"] == "body" and "실적이 크게" in hit["snippet"]
