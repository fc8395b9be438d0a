"""`scrapnote list` of many notes: rows streamed in chunks (the first out before the rest is read),
columns fixed by the first chunk, the plain lines the text Rich lays out, the pager on a terminal."""
from __future__ import annotations

import os

import pytest

from test_study_commands import _run_on_pty

from conftest import scrapnote_exe


def _note(nid: int, title: str, tags=("AI",), source="한국경제") -> str:
    return (f"---\nid: {nid}\ntitle: \"{title}\"\nsource: {source}\npublished: 2024-01-{nid % 28 + 1:02d}\n"
            f"tags: [{', '.join(tags)}]\n---\n\n## 본문 (본문 내용 복사)\n\n본문 {nid}\n")


@pytest.fixture
def many(write_note):
    return [write_note(f"{i:04d}-n.md", _note(i, f"노트 제목 {i:02d}", tags=("AI", "반도체") if i % 2 else ("AI",),
                                              source="한국경제" if i % 3 else "조선비즈"))
            for i in range(1, 23)]


def test_chunked_list_is_the_table_rich_lays_out(cli, many, monkeypatch):
    from scrapnote import render

    whole = cli("list").stdout  # 22 rows: one chunk, Rich's own table
    monkeypatch.setattr(render, "LIST_CHUNK", 5)
    streamed = cli("list")
    assert streamed.exit_code == 0, streamed.stderr
    assert streamed.stdout == whole  # the later chunks are no wider than the first here


def test_a_later_row_wider_than_the_first_chunk_is_cut_to_its_columns(cli, many, write_note, monkeypatch):
    from scrapnote import render
    from rich.cells import cell_len

    write_note("0001-n.md", _note(1, "아주 " * 30 + "긴 제목", source="아주아주아주긴신문사", tags=("가나다라마바사",) * 4))
    monkeypatch.setattr(render, "LIST_CHUNK", 5)
    lines = cli("list").stdout.splitlines()
    assert len(lines) == 23
    assert len({cell_len(ln) for ln in lines}) == 1  # every row in the same columns
    last = lines[-1]  # note 1 is the oldest
    assert last.split()[0] == "1" and "…" in last


def test_rows_are_read_as_the_output_takes_them(home, many, monkeypatch):
    from scrapnote.app.listing import stream_rows
    from scrapnote.filters import Filters
    from scrapnote.index import rows

    decoded = []
    real = rows._decode
    monkeypatch.setattr(rows, "_decode", lambda *a: decoded.append(1) or real(*a))
    monkeypatch.setattr(rows, "BATCH", 4)
    it = stream_rows(Filters(), None, on_error=print)
    first = next(it)
    assert first["id"] and len(decoded) == 1  # one row decoded (of a batch of 4), not the collection
    assert len(list(it)) == 21 and len(decoded) == 22


def test_cell_widths_known_without_rich_are_richs():
    from rich.cells import cell_len

    from scrapnote import plaintable

    for c in range(0x20, 0xD7A4):
        ch = chr(c)
        if ch.isprintable() and plaintable.KNOWN.fullmatch(ch):
            assert plaintable.cells(ch) == cell_len(ch), hex(c)
    for text in ("부동산 프로젝트…연구원 \"옥석\"", "클라우드, 인력난, 보호무역주의", "ㅅㅅㅈㅈ", "Ⅰ장 ½", "A·B—C"):
        assert plaintable.cells(text) == cell_len(text)
        for w in range(1, cell_len(text) + 1):
            from rich.cells import set_cell_size

            want = text if cell_len(text) <= w else set_cell_size(text, w - 1) + "…"
            got = text if cell_len(text) <= w else (plaintable._cut(text, w) if plaintable.KNOWN.fullmatch(text)
                                                      else want)
            assert got == want, (text, w)


def test_a_long_list_goes_through_the_pager_on_a_terminal(home, many, tmp_path):
    paged = tmp_path / "paged.txt"
    env = {**os.environ, "SCRAPNOTE_HOME": str(home), "TERM": "xterm-256color", "NO_COLOR": "1",
           "LINES": "10", "COLUMNS": "100", "PAGER": f"cat > {paged}"}
    rc, out = _run_on_pty([scrapnote_exe(), "list"], env)
    assert rc == 0, out
    text = paged.read_text("utf-8")
    assert "노트 제목 22" in text and "노트 제목 01" in text and text.count("노트 제목") == 22


def test_list_n_walks_the_index_in_lists_order(cli, many):
    """`list -n N` reads N entries of the index in list's order, never sorts every note."""
    import sqlite3

    from scrapnote.index import rows, schema

    cli("list", "-n", "1")
    con = sqlite3.connect(schema.db_path())
    sql = (f"SELECT notes.id FROM notes WHERE notes.error IS NULL{rows._ORDERS['newest']} LIMIT 2")
    plan = " ".join(r[-1] for r in con.execute("EXPLAIN QUERY PLAN " + sql))
    assert "notes_newest" in plan and "TEMP B-TREE" not in plan, plan
    assert [r[0] for r in con.execute(sql)] == [int(ln.split()[0]) for ln in cli("list", "-n", "2").stdout.splitlines()[1:]]
