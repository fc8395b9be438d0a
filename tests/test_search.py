"""`scrapnote search`: one row per matching lane and rule over a small made-up collection, ranking,
hand edits seen without reindex, a damaged index rebuilt silently, filters, --json, plain output."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata

import pytest

from scrapnote import config

BODY_LABEL = "본문 (본문 내용 복사)"


def note_text(nid, title, body, *, source="한국경제", published="2024-01-10", tags=(), companies=(),
              industry=(), summary="", headline=None):
    def lst(xs):
        return "[" + ", ".join(xs) + "]"

    return (f"---\nid: {nid}\ntitle: \"{title}\"\nurl: https://example.com/{nid}\nsource: {source}\n"
            f"reporter: null\npublished: {published}\nscrapped: {published}T09:00:00+09:00\n"
            f"industry: {lst(industry)}\ncompanies: {lst(companies)}\ntags: {lst(tags)}\ntemplate: economy\n---\n\n"
            f"## 헤드라인 (요약과 압축)\n{headline or title}\n\n## {BODY_LABEL}\n{body}\n\n"
            f"## 요약 및 의견\n{summary}\n")


# The made-up collection. Words chosen so that each rule below has exactly one right answer.
NOTES = {
    1: dict(title="구글, 국내 AI 인재 양성 나선다", body="구글은 국내 대학과 손잡고 인공지능 인재를 키운다.",
            tags=["AI"], companies=["구글"], industry=["IT"], published="2023-07-13"),
    2: dict(title="삼성전자 반도체 실적 반등", body="삼성전자는 메모리 업황 회복에 힘입어 실적이 늘었다.",
            companies=["삼성전자"], industry=["반도체"], source="매일경제", published="2024-02-01"),
    3: dict(title="반독점 소송 결과 주목", body="미국구글 법인을 상대로 한 소송이 이어진다.",
            source="연합뉴스", published="2022-03-03"),
    4: dict(title="금리 인하 기대감 커져", body="한국은행이 금리 인하를 검토한다는 관측이 나왔다.",
            tags=["금리"], source="서울경제", published="2024-05-05"),
    5: dict(title="NVIDIA 실적 발표 앞두고 긴장", body="Nvidia의 데이터센터 매출이 시장 예상을 웃돌았다.",
            source="머니투데이", published="2024-05-20"),
    6: dict(title="카카오뱅크 대출 늘어", body="카카오뱅크의 주택담보대출 잔액이 늘었다.",
            source="이데일리", published="2023-01-01"),
    7: dict(title="수출 전망 밝아", body="반도채 수출이 늘 것이라는 전망이 나왔다.",  # a typo in the note itself
            source="조선비즈", published="2021-06-06"),
    8: dict(title="클라우드 시장 재편", body="구글의 클라우드 사업이 커지며 시장이 재편된다.",
            source="한국경제", published="2023-09-09"),
    9: dict(title="중앙은행 정책 점검", body="금리를 올린 뒤 물가가 잡히면 인하를 논의한다.",
            source="서울경제", published="2020-10-10"),
    12: dict(title="미국 증시 마감", body="S&P500 지수가 3.5% 올랐고 나스닥은 P500 종목과 무관했다.",
             source="연합뉴스", published="2024-06-01"),
    13: dict(title="마케팅 예산", body="sales promotion 예산이 3 5 분기 연속 늘었다.",  # S&P, 3.5% apart
             source="이데일리", published="2024-06-02"),
}
NFD_NOTE = 6  # written to disk in NFD


@pytest.fixture
def notes(write_note):
    paths = {}
    for nid, n in NOTES.items():
        text = note_text(nid, **n)
        if nid == NFD_NOTE:
            text = unicodedata.normalize("NFD", text)
        paths[nid] = write_note(f"{nid:04d}-note.md", text)
    return paths


def ids(cli, *args):
    r = cli("search", *args, "--json")
    if r.exit_code == 1 and r.stdout == "" and "no notes match" in r.stderr:  # no hit: exit 1
        return []
    assert r.exit_code == 0, r.output
    return [h["id"] for h in json.loads(r.stdout)]


def lanes(cli, *args):
    r = cli("search", *args, "--json")
    return {h["id"]: h["lane"] for h in json.loads(r.stdout)}


@pytest.mark.parametrize("query, want", [
    # exact substring, case-insensitive for Latin
    (["삼성전자"], {2}),
    (["nvidia"], {5}),
    (["NVIDIA"], {5}),
    (["NvIdIa"], {5}),
    # inside words with particles: 구글은, 구글의, 미국구글
    (["구글"], {1, 3, 8}),
    # a particle on the query word: its stem too, ranked below the word itself (issue 14)
    (["구글은"], {1, 3, 8}),
    (["구글의"], {1, 3, 8}),
    (["미국구글"], {3}),
    # typos, counted on the 두벌식 keys (word start; 미국구글 is not a word that starts with 구글)
    (["구굴"], {1, 8}),
    (["삼송전자"], {2}),
    (["반도채"], {2, 7}),
    # 초성
    (["ㅅㅅㅈㅈ"], {2}),
    (["ㅋㅋㅇㅂㅋ"], {6}),
    # Korean typed in English mode
    (["rnrmf"], {1, 3, 8}),
    (["tkatjdwjswk"], {2}),
    # several words: all must match
    (["구글", "AI"], {1}),
    (["구글", "클라우드"], {8}),
    (["구글", "반도체"], set()),
    # "quoted phrase": exact text; 9 has 금리 and 인하 apart
    (['"금리 인하"'], {4}),
    (["금리", "인하"], {4, 9}),
    # -exclusion
    (["구글", "-미국구글"], {1, 8}),
    (["구글", "-클라우드", "-AI"], {3}),
    (["금리", '-"금리 인하"'], {9}),
    # a word across punctuation is checked against the file
    (["s&p500"], {12}),
    (["S&P"], {12}),
    (["3.5%"], {12}),
    (['"S&P500 지수가"'], {12}),
    (["P500"], {12}),
    (["구글", "-S&P500"], {1, 3, 8}),
    (["지수가", "-S&P500"], set()),
    # NFD query, NFD file
    ([unicodedata.normalize("NFD", "카카오뱅크")], {6}),
    (["카카오뱅크"], {6}),
    (["주택담보대출"], {6}),
    # one syllable: substring only (no typo, no 초성, no keyboard)
    (["글"], {1, 3, 8}),
    (["굴"], set()),
])
def test_query_table(cli, notes, query, want):
    assert set(ids(cli, *query)) == want


@pytest.mark.parametrize("query, lane", [
    ("삼성전자", "exact"), ("구굴", "typo"), ("ㅅㅅㅈㅈ", "chosung"), ("tkatjdwjswk", "keyboard"),
])
def test_lane_is_reported(cli, notes, query, lane):
    assert set(lanes(cli, query).values()) == {lane}


def test_exact_outranks_typo_even_in_a_weaker_field(cli, notes):
    # 7 has the typo 반도채 itself in its body; 2 has 반도체 in its title: exact first, always
    got = json.loads(cli("search", "반도채", "--json").stdout)
    assert [h["id"] for h in got] == [7, 2]
    assert [h["lane"] for h in got] == ["exact", "typo"]
    assert got[0]["score"] > got[1]["score"]


def test_particle_word_first_then_its_stem(cli, notes):
    # 1 has 구글은 itself; 8 (구글의) and 3 (미국구글) hold the stem 구글: no typo lane at all
    assert lanes(cli, "구글은") == {1: "exact", 8: "stem", 3: "stem"}
    assert ids(cli, "구글은") == [1, 8, 3]


def test_word_start_and_title_rank_first(cli, notes):
    order = ids(cli, "구글")
    assert order[0] == 1  # in the title
    assert order[-1] == 3  # only inside 미국구글


def test_typo_not_tried_when_exact_fills_the_page(cli, notes):
    assert ids(cli, "반도채", "-n", "1") == [7]


def test_limit(cli, notes):
    assert len(ids(cli, "구글", "--limit", "2")) == 2
    r = cli("search", "구글", "--limit", "0")
    assert r.exit_code == 2 and "--limit" in r.stderr


def test_field(cli, notes):
    assert set(ids(cli, "구글", "--field", "title")) == {1}
    assert set(ids(cli, "구글", "--field", "body")) == {1, 3, 8}
    assert set(ids(cli, "구글", "--field", "companies")) == {1}
    r = cli("search", "구글", "--field", "nope")
    assert r.exit_code == 2 and "unknown field 'nope'" in r.stderr


def test_filters(cli, notes):
    assert set(ids(cli, "구글", "--tag", "ai")) == {1}
    assert set(ids(cli, "구글", "--source", "연합")) == {3}
    assert set(ids(cli, "구글", "--since", "2023")) == {1, 8}
    assert set(ids(cli, "구글", "--until", "2023-07")) == {1, 3}
    assert set(ids(cli, "구글", "--company", "구글")) == {1}
    assert set(ids(cli, "반도", "--industry", "반도체")) == {2}
    r = cli("search", "구글", "--since", "yesterday")
    assert r.exit_code == 2 and "not a date" in r.stderr


def test_json_shape(cli, notes):
    r = cli("search", "구글", "--json")
    hits = json.loads(r.stdout)
    assert r.stderr == ""
    assert hits and all({"id", "score", "lane", "snippet", "title", "date", "source", "field", "path"} <= set(h)
                        for h in hits)
    first = hits[0]
    assert first["id"] == 1 and first["lane"] == "exact" and first["field"] == "title"
    assert isinstance(first["score"], float)
    assert "구글은" in first["snippet"]
    assert first["date"] == "2023-07-13" and first["source"] == "한국경제"
    r = cli("search", "없는말", "--json")  # no hit: exit 1 and nothing on stdout, JSON too
    assert r.exit_code == 1 and r.stdout == "" and "no notes match" in r.stderr


def test_plain_table_when_piped(cli, notes):
    r = cli("search", "구글")
    assert r.exit_code == 0
    assert "\x1b[" not in r.stdout
    lines = r.stdout.splitlines()
    assert lines[0].split()[:3] == ["id", "날짜", "출처"]
    assert lines[1].split()[:3] == ["1", "2023-07-13", "한국경제"]
    assert "구글, 국내 AI 인재 양성 나선다" in lines[1]
    assert "구글은 국내 대학과 손잡고" in lines[2]  # the snippet under the title


def test_highlight_on_a_terminal(notes):
    from rich.console import Console

    from scrapnote import render, search

    res = search.search("구글")
    out = Console(force_terminal=True, color_system="standard", width=120, record=True)
    render.hits_table(res.hits, res.spans, out=out)
    text = out.export_text(styles=True)
    assert "\x1b[1;33m구글\x1b[0m" in text  # the match in bold yellow
    assert res.spans[1]["title"] == [(0, 2)]


def test_snippet_comes_from_the_body_around_the_match(cli, notes, write_note):
    long_body = "앞부분 문장입니다. " * 30 + "여기서 테슬라가 등장한다. " + "뒷부분 문장입니다. " * 30
    write_note("0010-long.md", note_text(10, "전기차 시장", long_body))
    hit = json.loads(cli("search", "테슬라", "--json").stdout)[0]
    assert "테슬라가 등장한다" in hit["snippet"]
    assert hit["snippet"].startswith("…") and hit["snippet"].endswith("…")
    assert len(hit["snippet"]) <= 82


def test_no_match_message(cli, notes):
    r = cli("search", "없는말")
    assert r.exit_code == 1 and r.stdout == "" and "no notes match" in r.stderr  # as grep does


def test_empty_query(cli, notes):
    r = cli("search", "-구글")
    assert r.exit_code == 1 and "nothing to search for" in r.stderr


def test_hand_edited_note_found_without_reindex(cli, notes):
    assert ids(cli, "테슬라") == []
    path = notes[8]
    old = os.stat(path)
    # make every file look old, so the index stores real mtimes (not the "too recent" marker)
    for p in notes.values():
        os.utime(p, ns=(old.st_atime_ns, old.st_mtime_ns - 10**10))
    assert set(ids(cli, "클라우드")) == {8}
    path.write_text(path.read_text(encoding="utf-8").replace("클라우드 사업", "테슬라 협력"), encoding="utf-8")
    assert ids(cli, "테슬라") == [8]
    assert set(ids(cli, "클라우드")) == {8}  # still in the title
    assert ids(cli, "협력") == [8]  # a word the index had never seen


def test_added_and_deleted_files_are_seen(cli, notes, write_note):
    assert set(ids(cli, "구글")) == {1, 3, 8}
    notes[3].unlink()
    write_note("0011-new.md", note_text(11, "구글 새 소식", "새 노트"))
    assert set(ids(cli, "구글")) == {1, 8, 11}


def test_corrupted_index_is_rebuilt_silently(cli, notes):
    before = ids(cli, "구글")
    db = config.state_dir() / "index.sqlite"
    assert db.exists()
    db.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        p = db.with_name(db.name + suffix)
        if p.exists():
            p.unlink()
    r = cli("search", "구글", "--json")
    assert r.exit_code == 0 and r.stderr == ""
    assert [h["id"] for h in json.loads(r.stdout)] == before


def test_half_written_index_is_rebuilt_silently(cli, notes):
    before = ids(cli, "구글")
    db = config.state_dir() / "index.sqlite"
    cli("list")  # checkpoint
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2] + b"\x00" * 4096)
    r = cli("search", "구글", "--json")
    assert r.exit_code == 0 and r.stderr == ""
    assert [h["id"] for h in json.loads(r.stdout)] == before


def test_deleted_index_is_rebuilt(cli, notes):
    before = ids(cli, "ㅅㅅㅈㅈ")
    (config.state_dir() / "index.sqlite").unlink()
    assert ids(cli, "ㅅㅅㅈㅈ") == before


def test_dash_words_reach_the_query_not_the_option_parser(cli, notes):
    r = cli("search", "구글", "-미국구글", "--json")
    assert r.exit_code == 0
    assert {h["id"] for h in json.loads(r.stdout)} == {1, 8}


def test_search_loads_no_heavy_library(notes, tmp_path):
    """A warm search imports none of the article-side libraries, nor yaml or rapidfuzz when the
    exact matches fill the page."""
    code = (
        "import sys\n"
        "from scrapnote.cli import app\n"
        "for _ in range(2):\n"
        "    try:\n"
        "        app(['search', '구글', '-n', '1', '--json'], prog_name='scrapnote')\n"
        "    except SystemExit:\n"
        "        pass\n"
        "    if _ == 0:\n"
        "        before = set(sys.modules)\n"
        "        [sys.modules.pop(m) for m in list(sys.modules) if m.split('.')[0] in ('yaml', 'rapidfuzz')]\n"
        "heavy = ('kiwipiepy', 'trafilatura', 'httpx', 'docx', 'jinja2')\n"
        "print('HEAVY', sorted({m.split('.')[0] for m in sys.modules} & set(heavy)))\n"
        "print('WARM', sorted({m.split('.')[0] for m in set(sys.modules) - before} & {'yaml', 'rapidfuzz'}))\n"
    )
    env = dict(os.environ, SCRAPNOTE_HOME=str(config.home()))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr
    assert "WARM []" in out.stdout, out.stdout + out.stderr


def test_query_parsing():
    from scrapnote.search import parse_query

    q = parse_query('구글 "금리  인하" -삼성 -"미국 구글" - "" 끝')
    assert [(w.text, w.phrase) for w in q.words] == [("구글", False), ("금리 인하", True), ("끝", False)]
    assert [(w.text, w.phrase) for w in q.exclude] == [("삼성", False), ("미국 구글", True)]
    nfd = parse_query(unicodedata.normalize("NFD", "구글"))
    assert nfd.words[0].text == "구글"
    # never NFKC: a compatibility character stays what it is
    assert parse_query("ｔｅｓｔ ㈜").words[0].text == "ｔｅｓｔ"


def test_search_work_does_not_grow_with_the_collection(cli, notes, write_note, monkeypatch):
    """Every lane's work is bounded by what it finds, not by the collection: the same SQL
    statements and the same note files read (the hits' snippets) after 80 more notes that match
    nothing (the time is in bench/flat.py, not here)."""
    import builtins
    from pathlib import Path

    from scrapnote.index import schema

    def age(paths):
        for p in paths:
            st = os.stat(p)
            os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns - 60 * 10**9))

    def work(q) -> tuple[int, list]:
        statements, opened = [], []
        real_open, real_connect, real_bytes = builtins.open, schema._open, Path.read_bytes

        def connect(path):
            con = real_connect(path)
            # the statements asked, not FTS5's own inside them ("-- …", by its segments)
            con.set_trace_callback(lambda sql: sql.startswith("--") or statements.append(sql))
            return con

        with monkeypatch.context() as m:
            m.setattr(builtins, "open", lambda f, *a, **k: opened.append(str(f)) or real_open(f, *a, **k))
            m.setattr(schema, "_open", connect)
            m.setattr(Path, "read_bytes", lambda p: opened.append(str(p)) or real_bytes(p))
            r = cli("search", q)
        assert r.exit_code == 0, r.stderr
        return len(statements), sorted(os.path.basename(f) for f in opened if f.endswith(".md"))

    age(notes.values())
    cli("search", "구글")
    queries = ("구글", "반도채", "ㅅㅅㅈㅈ", "rnrmf")
    for q in queries:  # warm: the word list's files beside the index are written by a first search
        cli("search", q)
    before = {q: work(q) for q in queries}
    assert all(files for _n, files in before.values())
    extra = [write_note(f"{i:04d}-x.md", note_text(i, f"무관 {i}", f"상관없는 문장 {i}번")) for i in range(100, 180)]
    age(extra)
    age([extra[0].parent])
    for q in ("구글", *queries):
        cli("search", q)
    assert {q: work(q) for q in queries} == before


def test_plain_table_is_the_text_rich_lays_out(notes):
    """Piped output skips Rich, but writes what Rich's plain table writes when it fits."""
    import io

    from rich.console import Console
    from rich.text import Text

    from scrapnote import plaintable, render, search

    for q in ("구글", "삼성", "반도체", "ㅅㅅㅈㅈ"):
        hits = search.search(q).hits
        assert hits
        for width in (200, 400):
            buf = io.StringIO()
            out = Console(file=buf, highlight=False, soft_wrap=True, width=width, emoji=False)
            t = render._table(out, [("id", {"justify": "right", "no_wrap": True}), ("날짜", {"no_wrap": True}),
                                    ("출처", {"no_wrap": True, "max_width": 14, "overflow": "ellipsis"}),
                                    ("제목 · 본문", {"ratio": 1, "overflow": "ellipsis", "no_wrap": True})])
            for h in hits:
                cell = Text(h.title or "")
                if h.snippet:
                    cell = cell + Text("\n") + Text(h.snippet)
                t.add_row(str(h.id), h.published or "", h.source or "", cell)
            out.print(t)
            assert "\n".join(plaintable.lines(hits, width)) + "\n" == buf.getvalue()


def test_plain_table_on_a_narrow_page_cuts_only_the_title_column(notes):
    from rich.cells import cell_len

    from scrapnote import plaintable, search

    hits = search.search("구글").hits
    lines = plaintable.lines(hits, 60)
    assert all(cell_len(x) == 60 for x in lines)
    assert lines[1].split()[:3] == [str(hits[0].id), hits[0].published, hits[0].source]
    assert lines[2].rstrip().endswith("…")


def test_plain_table_leaves_control_characters_to_rich(notes):
    from scrapnote import plaintable, search

    import dataclasses

    hit = search.search("구글").hits[0]
    assert plaintable.lines([hit], 200) is not None
    assert plaintable.lines([dataclasses.replace(hit, title="탭\t제목")], 200) is None
