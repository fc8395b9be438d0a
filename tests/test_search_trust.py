"""Issue 14: search that a Korean reader trusts. Every case of the issue's first paragraph on a
made-up collection of ~20 notes: particles on the query word, typo hits that never swamp, the
draft marker never searched or shown, snippets, the no-hit exit code."""
from __future__ import annotations

import json

import pytest

from scrapnote.note import DRAFT_MARKER

HEADINGS = {"headline": "헤드라인 (요약과 압축)", "body": "본문 (본문 내용 복사)",
            "insights": "기사 내용의 수치화, 인사이트", "research": "추가조사할 내용 또는 결과",
            "summary": "요약 및 의견", "questions": "적용할점 (현직자에게 할 질문)"}


def note(nid: int, title: str, body: str, *, summary: str = "", drafted: bool = True, headline: str | None = None,
         research: str = "") -> str:
    """A note as `new` writes it: drafts under the draft marker unless the reader rewrote them."""
    mark = DRAFT_MARKER + "\n\n" if drafted else ""
    secs = {"headline": headline if headline is not None else title, "body": body,
            "insights": "", "research": mark + (research or "- 용어: "),
            "summary": mark + (summary or "- " + body.split(".")[0] + "."), "questions": ""}
    text = (f"---\nid: {nid}\ntitle: \"{title}\"\nurl: https://example.com/{nid}\nsource: 한국경제\n"
            f"reporter: null\npublished: 2024-03-{nid:02d}\nscrapped: 2024-03-{nid:02d}T09:00:00+09:00\n"
            f"industry: []\ncompanies: []\ntags: []\nkeywords: []\ntemplate: economy\n---\n")
    for k, v in secs.items():
        text += f"\n## {HEADINGS[k]}\n\n{v}\n"
    return text


GOOGLE = {1, 2, 3, 4, 5, 6, 7}
LOAN = {8, 9}
SALES = {10, 11, 12, 13, 14, 15}
NOTES = {
    # 구글 with every particle, and inside a longer word
    1: ("구글은 AI 투자를 늘린다", "구글은 올해 데이터센터 투자를 늘린다고 밝혔다."),
    2: ("검색 광고 시장 점유율", "구글의 검색 광고 점유율이 조금 줄었다."),
    3: ("유튜브 광고 매년 증가", "유튜브를 가진 구글이 광고 단가를 올렸다."),
    4: ("클라우드 경쟁 치열", "아마존과 구글도 클라우드 요금을 내렸다."),
    5: ("반독점 판결", "법원은 구글에 과징금을 물렸다."),
    6: ("스마트폰 운영체제", "안드로이드는 구글과 제조사가 함께 만든다."),
    7: ("미국 빅테크 실적", "미국구글 법인의 실적이 발표됐다."),
    # 대출 (two notes) beside 매출 (six): one key apart (ㄷ/ㅁ)
    8: ("가계 대출 증가세", "은행의 가계 대출이 석 달째 늘었다."),
    9: ("주택 대출 규제", "정부가 주택 대출 한도를 줄인다."),
    10: ("삼성전자 매출 반등", "삼성전자의 1분기 매출이 늘었다."),
    11: ("현대차 매출 최대", "현대차는 매출 기록을 새로 썼다."),
    12: ("LG전자 매출 정체", "가전 매출이 제자리였다."),
    13: ("카카오 매출 성장", "광고 매출이 20% 늘었다."),
    14: ("네이버 매출 발표", "커머스 매출이 크게 늘었다."),
    15: ("SK하이닉스 매출 급증", "메모리 매출이 두 배가 됐다."),
    # 반도체 with 은/의/가 only (never 를), 관세 in one note, 관계가 (one key off 관세가) in another
    16: ("반도체 수출 회복", "반도체는 수출 효자 품목이다.", {"summary": "- 반도체의 회복이 빠르다."}),
    17: ("미국 관세 부과 예고", "미국이 수입 자동차에 관세를 매긴다.", {"summary": "- 관세 부담이 커진다."}),
    18: ("노사 관계 개선", "노사 관계가 좋아지며 생산이 늘었다."),
    # 인하: only in 18's summary as 인하했다; 인사말 in 19's summary (one key off: ㅎ/ㅅ)
    19: ("기준금리 결정", "한국은행이 금리를 동결했다.", {"summary": "- 총재의 인사말이 길었다."}),
    20: ("시중은행 금리", "예금 금리가 내려간다.", {"summary": "- 은행들이 예금 금리를 인하했다."}),
    # a title-only match: 삼송 is in the title, the body talks of something else; the reader wrote 초안
    21: ("정부 초안 공개", "예산안의 세부 내용이 나왔다.", {"drafted": False}),
    22: ("삼성전자 파운드리", "파운드리 사업부가 적자를 줄였다."),
}


@pytest.fixture
def collection(write_note):
    for nid, (title, body, *more) in NOTES.items():
        write_note(f"{nid:04d}-note.md", note(nid, title, body, **(more[0] if more else {})))


def hits(cli, *args):
    r = cli("search", *args, "--json")
    if r.exit_code == 1:
        assert r.stdout == "" and "no notes match" in r.stderr
        return []
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def ids(cli, *args):
    return [h["id"] for h in hits(cli, *args)]


def test_a_particle_finds_every_note_of_the_word(cli, collection):
    got = hits(cli, "구글은")
    assert {h["id"] for h in got} == GOOGLE
    assert got[0]["id"] == 1 and got[0]["lane"] == "exact"  # the word as typed first
    assert all(h["lane"] == "stem" for h in got[1:])


@pytest.mark.parametrize("query", ["반도체를", "반도체가", "반도체에서는", "반도체이며"])
def test_a_particle_the_collection_never_has(cli, collection, query):
    assert ids(cli, query) == [16]


def test_a_stem_wins_over_a_typo_of_the_whole_word(cli, collection):
    got = hits(cli, "관세가")
    assert [h["id"] for h in got] == [17]  # not 18 (관계가, one key off the whole word)
    assert got[0]["lane"] == "stem"


def test_a_short_word_of_the_collection_gets_no_typo_flood(cli, collection):
    assert set(ids(cli, "대출")) == LOAN  # 매출 is one key off, and a word of its own
    assert set(ids(cli, "매출")) == SALES | {10}


def test_a_short_word_typo_still_found(cli, collection):
    assert set(ids(cli, "구굴")) == GOOGLE - {7}  # 구굴 is in no note: the typo lane opens
    assert ids(cli, "삼송전자") and set(ids(cli, "삼송전자")) == {10, 22}


def test_a_typo_never_lands_on_a_longer_word(cli, collection):
    assert ids(cli, "인하", "--field", "summary") == [20]  # 인하했다, not 인사말


def test_the_draft_marker_is_not_searched(cli, collection):
    assert ids(cli, "초안") == [21]  # the reader's own word, not the marker of every draft
    assert ids(cli, "자동으로") == []
    assert ids(cli, "지우세요") == []


def test_a_title_only_match_shows_the_body(cli, collection):
    got = hits(cli, "초안")
    assert got[0]["snippet"].startswith("예산안의 세부 내용")
    for h in hits(cli, "파운드리") + hits(cli, "매출"):
        assert "[초안]" not in h["snippet"] and "자동으로 만든" not in h["snippet"]


def test_the_snippet_prefers_the_body(cli, collection):
    got = hits(cli, "스마트폰")  # in 6's title only; its body is shown
    assert got[0]["snippet"].startswith("안드로이드는")
    got = hits(cli, "대출", "-n", "1")  # title and body: the body's match is shown
    assert "대출" in got[0]["snippet"] and got[0]["snippet"] != got[0]["title"]


def test_no_hit_exits_1_with_nothing_on_stdout(cli, collection):
    for args in (("없는낱말",), ("없는낱말", "--json"), ("구글", "-구글")):
        r = cli("search", *args)
        if args[-1] == "-구글":
            assert r.exit_code == 1 and "nothing to search for" not in r.stderr
        assert r.exit_code == 1 and r.stdout == "", args


def test_no_hit_exit_code_end_to_end(collection, home):
    import os
    import subprocess

    from tests.conftest import scrapnote_exe

    env = {**os.environ, "SCRAPNOTE_HOME": str(home)}
    r = subprocess.run([scrapnote_exe(), "search", "없는낱말"], capture_output=True, text=True, env=env)
    assert r.returncode == 1 and r.stdout == "" and "no notes match" in r.stderr
    r = subprocess.run([scrapnote_exe(), "search", "대출"], capture_output=True, text=True, env=env)
    assert r.returncode == 0 and "가계 대출 증가세" in r.stdout


LONG_SOURCE = "아주긴이름의경제신문사닷컴"


@pytest.fixture
def narrow(write_note):
    """Notes with a long source and the match late in a long body: what a narrow table must fit."""
    for nid in (1, 2):
        body = "앞부분에 놓인 긴 문장이 여기 이어진다. " * 3 + f"드디어 테슬라{'가' if nid == 1 else '는'} 등장한다. 끝."
        text = note(nid, f"전기차 시장의 판도가 바뀌는 중{nid}", body).replace("source: 한국경제", f"source: {LONG_SOURCE}")
        write_note(f"{nid:04d}-note.md", text)


@pytest.mark.parametrize("width", [60, 70, 80])
def test_narrow_piped_table(cli, narrow, monkeypatch, width):
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", str(width))
    r = cli("search", "테슬라")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert all(cell_len(x) <= width for x in lines)
    head = lines[0]
    title_at = head.index("제목")
    assert cell_len(head[title_at:]) >= 20  # the text column keeps 20 cells and more
    rows = [x for x in lines[1:] if x.lstrip()[:1].isdigit()]
    assert len(rows) == 2
    for row in rows:  # id and date whole on the title's line
        nid, date = row.split()[:2]
        assert nid in ("1", "2") and date in ("24-03-01", "24-03-02", "2024-03-01", "2024-03-02")
    snippets = [x for x in lines[1:] if x not in rows]
    assert all("테슬라" in x for x in snippets)  # cut around the match, not before it


@pytest.mark.parametrize("width", [60, 70, 80])
def test_narrow_terminal_table(narrow, width):
    from rich.console import Console

    from scrapnote import render, search

    res = search.search("테슬라")
    out = Console(force_terminal=True, width=width, record=True, color_system=None)
    render.hits_table(res.hits, res.spans, out=out)
    text = out.export_text()
    lines = [x for x in text.splitlines() if x.strip()]
    rows = [x for x in lines if x.split()[0] in ("1", "2")]
    assert len(rows) == 2
    for row in rows:
        assert row.split()[1] in ("24-03-01", "24-03-02", "2024-03-01", "2024-03-02")  # never wrapped
        assert "전기차 시장의 판도" in row  # the title gets the width, not the source
    assert sum("테슬라" in x for x in lines) >= 2  # each snippet shows its match
    if width <= 70:
        assert LONG_SOURCE not in text  # the source is cut or dropped first


def test_hint_lines_and_placeholders_are_not_searched(cli, write_note):
    """A filled form that kept the form's hint lines, an empty section's placeholder copied from
    `show`: neither is the note's text."""
    from scrapnote import template

    hint = template.load().get("summary").hint
    body = "원자재 가격이 크게 올랐다."
    text = note(1, "원자재 가격 급등", body, drafted=False, summary=f"> {hint}\n\n원가 부담이 커진다.")
    text = text.replace("## 적용할점 (현직자에게 할 질문)\n\n", "## 적용할점 (현직자에게 할 질문)\n\n(비어 있음)\n")
    write_note("0001-note.md", text)
    write_note("0002-note.md", note(2, "요약 잘하는 법", "기사를 세 문장으로 요약하는 연습.", drafted=False))
    assert ids(cli, "원가") == [1]  # the reader's own line is searched
    assert ids(cli, "문장으로") == [2]  # the hint's words only where a note says them
    assert ids(cli, "비어") == []
    assert "보세요" not in hits(cli, "원가")[0]["snippet"]
