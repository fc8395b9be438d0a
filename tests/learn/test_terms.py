"""The 용어 노트: term lines in their three written forms, `terms`, `term`, `terms --suggest`,
`search --field terms` and the 용어집 exports (each opened back with a reader of its format)."""
from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest

from scrapnote.learn.terms import parse, parse_line, open_terms


# -- the three written forms --------------------------------------------------------------------
@pytest.mark.parametrize("line, term, definition", [
    ("- 기준금리: 중앙은행이 정하는 정책 금리", "기준금리", "중앙은행이 정하는 정책 금리"),
    ("기준금리： 전각 쌍점도 된다", "기준금리", "전각 쌍점도 된다"),
    ("* 양적긴축 — 중앙은행이 자산을 줄이는 것", "양적긴축", "중앙은행이 자산을 줄이는 것"),
    ("양적긴축 – en dash 로 쓴 설명", "양적긴축", "en dash 로 쓴 설명"),
    ("- **PER**: 주가를 주당순이익으로 나눈 값", "PER", "주가를 주당순이익으로 나눈 값"),
    ("**PBR** — 주가순자산비율", "PBR", "주가순자산비율"),
    ("1. 'HBM': 고대역폭 메모리", "HBM", "고대역폭 메모리"),
    ("- 기준 금리 : 띄어 쓴 용어", "기준 금리", "띄어 쓴 용어"),
    ("- 기준금리:   여러   칸   띄운   설명  ", "기준금리", "여러 칸 띄운 설명"),
    ("- 기준금리:\u00a0NBSP 뒤의 설명", "기준금리", "NBSP 뒤의 설명"),
])
def test_a_term_line_in_each_form(line, term, definition):
    e = parse_line(line)
    assert e is not None and (e.term, e.definition) == (term, definition)


@pytest.mark.parametrize("line", [
    "- 감소:",  # the drafted prompt: a term still to look up, no entry
    "- 감소:   ",
    "> [초안] 자동으로 만든 초안입니다. 내 말로 고쳐 쓰고 이 줄은 지우세요.",
    "https://example.com/a: 주소는 용어가 아니다",
    "- https://example.com/a",
    "10:30 회의가 있었다",  # a time
    "- 2024: 숫자만 있는 것은 용어가 아니다",
    "금리가 왜 내렸을까? 그 이유: 물가가 안정됐다",  # a sentence before the colon
    "이 문장은 다섯 단어를 훨씬 넘는 긴 문장이라서 용어가 아니다: 설명",
    "그냥 한 줄 메모",
    "",
])
def test_lines_that_are_not_entries(line):
    assert parse_line(line) is None


def test_a_section_gives_each_term_once_and_the_open_terms_apart():
    text = "> [초안] 자동으로 만든 초안입니다.\n\n- 기준금리: 정책 금리\n- 기준 금리: 같은 용어 다시\n- 감소:\n- 환율:\n메모 한 줄"
    assert [(e.term, e.definition) for e in parse(text)] == [("기준금리", "정책 금리")]
    assert open_terms(text) == ["감소", "환율"]


def test_an_nfd_term_is_the_nfc_term():
    import unicodedata

    e = parse_line(unicodedata.normalize("NFD", "- 기준금리: 정책 금리"))
    assert e is not None and e.term == "기준금리"


# -- terms and term -------------------------------------------------------------------------------
@pytest.fixture
def glossary_notes(add):
    add(1, "한은 기준금리 인하", research="- 기준금리: 중앙은행이 정하는 정책 금리\n- 감소:",
        published="2026-10-01", body="한국은행이 기준금리를 내렸다. 물가가 안정됐다.")
    add(2, "연준 양적긴축 속도 조절", research="- **양적긴축** — 중앙은행이 보유 자산을 줄이는 것\n"
        "- 기준금리: 한국은행 금융통화위원회가 정하는 금리", published="2026-11-05",
        body="미국 연준이 양적긴축 속도를 늦춘다. 기준금리는 동결했다.")
    add(3, "SK하이닉스 HBM 공급 확대", research="- HBM – 고대역폭 메모리", published="2026-11-20",
        body="SK하이닉스가 HBM 공급을 늘린다. 기준금리 인하 기대도 있다.")
    add(4, "반도체 수출 증가", body="반도체 수출이 늘었다.", published="2026-11-25")


def test_terms_lists_term_definition_notes_and_first_last_seen(cli, glossary_notes):
    r = cli("terms", "--json")
    assert r.exit_code == 0, r.stderr
    got = {t["term"]: t for t in json.loads(r.stdout)}
    assert set(got) == {"기준금리", "양적긴축", "HBM"}
    assert got["기준금리"]["notes"] == 2 and got["기준금리"]["ids"] == [1, 2]
    assert (got["기준금리"]["first_seen"], got["기준금리"]["last_seen"]) == ("2026-10-01", "2026-11-05")
    assert got["기준금리"]["definition"] == "한국은행 금융통화위원회가 정하는 금리"  # the latest written
    assert got["HBM"]["definition"] == "고대역폭 메모리"
    plain = cli("terms")
    assert plain.exit_code == 0
    lines = plain.stdout.splitlines()
    assert lines[0].split()[:2] == ["용어", "설명"] and any(line.startswith("기준금리") and " 2 " in line for line in lines)


def test_terms_on_an_empty_collection_says_how_to_write_one(cli):
    r = cli("terms")
    assert r.exit_code == 0 and r.stdout == "" and "용어: 설명" in r.stderr


def test_term_shows_every_definition_with_its_note_and_the_notes_mentioning_it(cli, glossary_notes):
    r = cli("term", "기준금리", "--json")
    assert r.exit_code == 0, r.stderr
    d = json.loads(r.stdout)
    assert [(x["id"], x["definition"]) for x in d["definitions"]] == [
        (1, "중앙은행이 정하는 정책 금리"), (2, "한국은행 금융통화위원회가 정하는 금리")]
    assert {h["id"] for h in d["mentioned_in"]} == {1, 2, 3}  # note 3 mentions it in its body only
    plain = cli("term", "기준", "금리")  # several words are one term (기준 금리 = 기준금리)
    assert plain.exit_code == 0 and "#1" in plain.stdout and "#2" in plain.stdout


def test_term_unknown_is_one_line_and_exit_1(cli, glossary_notes):
    r = cli("term", "스태그플레이션")
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "스태그플레이션" in r.stderr


def test_search_field_terms_finds_the_glossary_not_the_body(cli, glossary_notes):
    r = cli("search", "고대역폭", "--field", "terms", "--json")
    assert r.exit_code == 0, r.stderr
    assert [h["id"] for h in json.loads(r.stdout)] == [3]
    r = cli("search", "수출", "--field", "terms", "--json")  # only in a body
    assert json.loads(r.stdout or "[]") == []


# -- what to look up next -------------------------------------------------------------------------
def test_suggest_lists_economic_terms_the_glossary_lacks_first(cli, add):
    add(1, "환율 급등에 수입물가 비상", body="원달러환율이 1400원을 넘었다. 환율 급등으로 수입 물가가 오른다. "
        "스태그플레이션 우려도 나온다.", research="- 기준금리: 정책 금리")
    add(2, "환율 1400원 돌파", body="환율이 또 올랐다. 스태그플레이션 가능성을 전문가들이 경고했다. "
        "기준금리 인상 압박도 커진다. 오징어게임 관련주도 움직였다.")
    add(3, "수출 기업 환율 효과", body="수출 기업은 환율 상승의 수혜를 본다. 오징어게임 굿즈 수출도 늘었다. "
        "기준금리 동결 전망이 나온다.")
    r = cli("terms", "--suggest", "--json")
    assert r.exit_code == 0, r.stderr
    got = json.loads(r.stdout)
    names = [x["term"] for x in got]
    assert "환율" in names and "스태그플레이션" in names
    assert "기준금리" not in names  # already in the 용어 노트
    econ = [x["economic"] for x in got]
    assert econ == sorted(econ, reverse=True)  # the economic terms come first
    assert all(x["notes"] >= 2 for x in got)
    assert not {"증가", "감소", "대비", "전년"} & set(names)


# -- the 용어집 ----------------------------------------------------------------------------------
class _Glossary(HTMLParser):
    def __init__(self):
        super().__init__()
        self.terms, self.defs, self._in = [], [], None

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class")
        self._in = "t" if tag == "dt" else ("d" if tag == "dd" and cls == "definition" else None)

    def handle_data(self, data):
        if self._in == "t":
            self.terms.append(data)
        elif self._in == "d":
            self.defs.append(data)

    def handle_endtag(self, tag):
        self._in = None


def test_glossary_html_parses_back(cli, glossary_notes, tmp_path):
    out = tmp_path / "용어집.html"
    r = cli("terms", "-f", "html", "-o", out)
    assert r.exit_code == 0, r.stderr
    p = _Glossary()
    p.feed(out.read_text("utf-8"))
    assert p.terms == ["기준금리", "양적긴축", "HBM"] or sorted(p.terms) == sorted(["기준금리", "양적긴축", "HBM"])
    assert "고대역폭 메모리" in p.defs and "중앙은행이 정하는 정책 금리" in p.defs


def test_glossary_docx_opens_in_python_docx(cli, glossary_notes, tmp_path):
    import docx

    out = tmp_path / "용어집.docx"
    assert cli("terms", "-f", "docx", "-o", out).exit_code == 0
    table = docx.Document(str(out)).tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["용어", "설명", "노트"]
    by_term = {r[0]: r for r in rows[1:]}
    assert by_term["기준금리"][2] == "#1, #2" and "정책 금리" in by_term["기준금리"][1]
    assert cli("terms", "-f", "docx").exit_code == 1  # a Word file needs --output


def test_glossary_tsv_and_anki(cli, glossary_notes, tmp_path):
    r = cli("terms", "-f", "tsv")
    rows = list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff")), delimiter="\t"))
    assert rows[0] == ["용어", "설명", "노트", "처음", "마지막"]
    assert ["HBM", "고대역폭 메모리", "3", "2026-11-20", "2026-11-20"] in rows
    out = tmp_path / "anki.txt"
    assert cli("terms", "-f", "anki", "-o", out).exit_code == 0
    lines = out.read_text("utf-8").splitlines()
    assert lines[:3] == ["#separator:tab", "#html:false", "#tags column:3"]
    cards = [line.split("\t") for line in lines[3:]]
    assert all(len(c) == 3 for c in cards) and ["HBM", "고대역폭 메모리", "scrapnote 용어"] in cards
    again = cli("terms", "-f", "anki", "-o", out)  # never overwritten without --force
    assert again.exit_code == 1 and "--force" in again.stderr
    assert cli("terms", "-f", "anki", "-o", out, "--force").exit_code == 0


def test_suggest_counts_what_notes_say_not_the_related_links_or_generic_words(cli, add, write_note):
    from tests.learn.conftest import note

    for i in (1, 2, 3):
        text = note(i, f"노트 {i}", body="시장에서 분기 실적이 증가했다. 대비 기록이다.")
        write_note(f"{i:04d}-x.md", text + "- #9 디플레이션 공포 확산\n")  # 연관기사 only
    got = [x["term"] for x in json.loads(cli("terms", "--suggest", "--json").stdout)]
    assert "디플레이션" not in got
    assert not {"시장", "분기", "실적", "증가", "대비", "기록"} & set(got)
