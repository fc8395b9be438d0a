"""`scrapnote search`: which field a hit is reported (and ranked) in, and the 연관기사 left out of
the default search. A small made-up collection: one note per field, each with its own word (and
"word 주변") in that field only, so every lane's hit has exactly one right field."""
from __future__ import annotations

import json

import pytest

# field → (the note's word, a one-key typo of it, its 초성)
WORDS = {
    "title": ("펭귄마을", "펭귄마울", "ㅍㄱㅁㅇ"),
    "headline": ("코끼리섬", "코끼리삼", "ㅋㄲㄹㅅ"),
    "tags": ("두루미숲", "두루미숩", "ㄷㄹㅁㅅ"),
    "industry": ("너구리굴", "너구리골", "ㄴㄱㄹㄱ"),
    "companies": ("표범산업", "표범산엄", "ㅍㅂㅅㅇ"),
    "keywords": ("해달포구", "해달포기", "ㅎㄷㅍㄱ"),
    "summary": ("고래바다", "고래바더", "ㄱㄹㅂㄷ"),
    "body": ("수달개울", "수달개올", "ㅅㄷㄱㅇ"),
    "insights": ("여우고개", "여우고가", "ㅇㅇㄱㄱ"),
    "research": ("족제비길", "족제비갈", "ㅈㅈㅂㄱ"),
    "questions": ("부엉이탑", "부엉이텁", "ㅂㅇㅇㅌ"),
    "related": ("다람쥐집", "다람쥐잡", "ㄷㄹㅈㅈ"),
    "other": ("거북바위", "거북바우", "ㄱㅂㅂㅇ"),
}
IDS = {f: i for i, f in enumerate(WORDS, start=1)}
HEADINGS = {"headline": "헤드라인 (요약과 압축)", "body": "본문 (본문 내용 복사)",
            "insights": "기사 내용의 수치화, 인사이트", "research": "추가조사할 내용 또는 결과",
            "summary": "요약 및 의견", "questions": "적용할점 (현직자에게 할 질문)",
            "related": "연관기사 링크", "other": "나만의 메모"}


def make_note(nid: int, *, title: str = "메모", lists: dict | None = None, sections: dict | None = None) -> str:
    lists = lists or {}
    sections = {"headline": "짧은 글", "body": "평범한 본문", **(sections or {})}

    def lst(k):
        return "[" + ", ".join(json.dumps(x, ensure_ascii=False) for x in lists.get(k, ())) + "]"

    text = (f"---\nid: {nid}\ntitle: \"{title}\"\nurl: https://example.com/{nid}\nsource: 한국경제\n"
            f"reporter: null\npublished: 2024-01-{nid:02d}\nscrapped: 2024-01-{nid:02d}T09:00:00+09:00\n"
            f"industry: {lst('industry')}\ncompanies: {lst('companies')}\ntags: {lst('tags')}\n"
            f"keywords: {lst('keywords')}\ntemplate: economy\n---\n")
    for key, body in sections.items():
        text += f"\n## {HEADINGS[key]}\n{body}\n"
    return text


def field_note(field: str) -> str:
    word = WORDS[field][0]
    phrase = f"{word} 주변"
    nid = IDS[field]
    if field == "title":
        return make_note(nid, title=phrase)
    if field in ("tags", "industry", "companies", "keywords"):
        return make_note(nid, lists={field: [phrase]})
    if field == "related":
        return make_note(nid, sections={"related": f"- #99 [{phrase} 소식](https://example.com/r)"})
    return make_note(nid, sections={field: f"오늘은 {phrase} 이야기"})


@pytest.fixture
def collection(write_note):
    for field in WORDS:
        write_note(f"{IDS[field]:04d}-note.md", field_note(field))


def search(cli, *args):
    r = cli("search", *args, "--json")
    if r.exit_code == 1 and r.stdout == "":  # no hit
        return []
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


ROWS = [(field, lane, i) for field in WORDS for i, lane in enumerate(("exact", "phrase", "typo", "chosung"))]


@pytest.mark.parametrize("field, lane, i", ROWS, ids=[f"{f}-{lane}" for f, lane, _ in ROWS])
def test_field_label_per_lane(cli, collection, field, lane, i):
    word, typo, cho = WORDS[field]
    query = {"exact": word, "phrase": f'"{word} 주변"', "typo": typo, "chosung": cho}[lane]
    extra = ("--field", "related") if field == "related" else ()
    hits = search(cli, query, *extra)
    assert [(h["id"], h["field"]) for h in hits] == [(IDS[field], field)]
    assert hits[0]["lane"] == ("exact" if lane == "phrase" else lane)


@pytest.mark.parametrize("query", ["다람쥐집", '"다람쥐집 주변"', "다람쥐잡", "ㄷㄹㅈㅈ"])
def test_related_is_left_out_by_default(cli, collection, query):
    assert search(cli, query) == []
    assert [h["id"] for h in search(cli, query, "--field", "related")] == [IDS["related"]]
    assert search(cli, query, "--field", "other") == []


def test_related_links_neither_find_nor_exclude_nor_show(cli, write_note):
    link = "- #2 [반도체 업황 회복](https://example.com/2)"
    write_note("0001-a.md", make_note(1, sections={"summary": "메모리 가격 반등", "related": link}))
    write_note("0002-b.md", make_note(2, title="반도체 업황 회복", sections={"body": "반도체 경기가 돈다"}))
    write_note("0003-c.md", make_note(3, sections={"summary": "반도체 설비투자 확대", "related": link}))
    got = search(cli, "반도체")
    assert [(h["id"], h["field"]) for h in got] == [(2, "title"), (3, "summary")]
    assert "설비투자" in got[1]["snippet"] and "업황 회복" not in got[1]["snippet"]
    assert [h["id"] for h in search(cli, "메모리", "-반도체")] == [1]
    rel = search(cli, "반도체", "--field", "related")
    assert [(h["id"], h["field"]) for h in rel] == [(3, "related"), (1, "related")]
    assert "반도체 업황 회복" in rel[0]["snippet"]


def test_phrase_is_ranked_and_labelled_by_the_field_that_holds_it(cli, write_note):
    # 1 holds the phrase in its summary; 2 in its body, and 연 (a piece of the phrase) starts one
    # of its keywords: the phrase is in 2's body, not its keywords
    write_note("0001-a.md", make_note(1, sections={"summary": "한은은 기준금리를 연 3.5%로 묶었다"}))
    write_note("0002-b.md", make_note(2, lists={"keywords": ["연준"]},
                                      sections={"body": "한은은 기준금리를 연 3.5%로 묶었다"}))
    # 3: both pieces in its summary, but apart; the phrase only in its body
    write_note("0003-c.md", make_note(3, sections={"summary": "연 단위로 본 기준금리를 정리",
                                                   "body": "기준금리를 연 3%로"}))
    got = search(cli, '"기준금리를 연"')
    assert [(h["id"], h["field"]) for h in got] == [(1, "summary"), (3, "body"), (2, "body")]
    assert got[0]["score"] > got[1]["score"]


def test_word_across_punctuation_is_labelled_where_it_is(cli, write_note):
    write_note("0001-a.md", make_note(1, lists={"tags": ["S"]}, sections={"body": "S&P500 지수 상승"}))
    got = search(cli, "S&P500")
    assert [(h["id"], h["field"]) for h in got] == [(1, "body")]
