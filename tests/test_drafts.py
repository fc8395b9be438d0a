"""The study aids a new note starts with (drafts.py): 수치화, 요약, 추가조사 prompts, keywords,
companies and 연관기사 from the collection — each drafted section marked as a draft."""
from __future__ import annotations

import json

from scrapnote import store, template
from scrapnote.drafts import Drafter
from scrapnote.models import Article
from scrapnote.note import DRAFT_MARKER, build_note, parse_related

from conftest import SEEDS

RESULTS = Article(
    title="가상전자, 2분기 영업이익 12조원",
    body="가상전자가 2분기 영업이익 12조원을 냈다고 5일 밝혔다. 지난해 같은 기간보다 30% 늘었다. "
         "반도체 부문 매출은 40조원이다. 가상전자는 하반기에도 반도체 투자를 늘릴 계획이다.",
    url="https://news.example.com/results")


def _saved(title, *, keywords=(), companies=(), headline=None):
    art = Article(title=title, body="본문이다.", url=f"https://news.example.com/{len(title)}")
    drafts = {"headline": headline} if headline else None
    return store.create(lambda i: build_note(art, template.load(), i, keywords=keywords, companies=companies,
                                             drafts=drafts))


def _body_lines(section: str) -> list[str]:
    head, _, rest = section.partition("\n\n")
    assert head == DRAFT_MARKER  # every drafted section opens with the marker, then a blank line
    return rest.split("\n")


def test_figures_become_the_insights_draft(home):
    aids = Drafter().draft(RESULTS)
    lines = _body_lines(aids.sections["insights"])
    assert lines[0] == "| 지표 | 값 | 변화 | 출처 문장 |" and all(ln.startswith("| ") for ln in lines)
    assert any("| 영업이익 | 12조원 | 전년 동기 대비 +30% |" in ln for ln in lines)  # the next sentence's rate folds in
    assert any("| 매출 | 40조원 |" in ln for ln in lines)


def test_three_sentences_of_the_article_become_the_summary_draft(home):
    aids = Drafter().draft(RESULTS)
    lines = _body_lines(aids.sections["summary"])
    assert len(lines) == 3 and all(ln.startswith("- ") for ln in lines)
    assert all(ln[2:] in RESULTS.body for ln in lines)  # the article's own sentences, not invented


def test_the_first_keywords_become_research_prompts(home):
    aids = Drafter().draft(RESULTS)
    assert "가상전자" in aids.keywords and "반도체" in aids.keywords
    assert _body_lines(aids.sections["research"]) == [f"- {k}: " for k in aids.keywords[:3]]
    assert "가상전자" in aids.companies
    assert aids.tags == []  # tags are only what the user gives


def test_nothing_to_draft_drafts_nothing(home):
    aids = Drafter().draft(Article(title="공지", body="없음"))
    assert "insights" not in aids.sections and "summary" not in aids.sections
    assert "related" not in aids.sections  # an empty collection has nothing related


def test_related_notes_are_the_ones_sharing_rare_terms(home):
    near = _saved("가상전자 반도체 투자", keywords=["반도체", "영업이익"], companies=["가상전자"],
                  headline="가상전자가 반도체에 투자한다")
    _saved("날씨 소식", keywords=["날씨", "장마"])
    aids = Drafter().draft(RESULTS)
    related = parse_related(aids.sections["related"])
    assert [r["id"] for r in related] == [near.id]
    assert related[0]["headline"] == "가상전자가 반도체에 투자한다" and related[0]["url"] == near.meta["url"]


def test_a_note_remembered_in_the_batch_is_related_to_later_articles(home):
    drafter = Drafter()
    first = drafter.draft(RESULTS)
    assert "related" not in first.sections
    note = store.create(lambda i: build_note(RESULTS, template.load(), i, keywords=first.keywords,
                                             companies=first.companies, drafts=first.sections))
    drafter.remember(note)
    later = drafter.draft(Article(title="가상전자, 반도체 투자 확대", body="가상전자가 반도체 투자를 늘린다. "
                                                                      "영업이익이 늘어난 덕분이다."))
    assert [r["id"] for r in parse_related(later.sections["related"])] == [note.id]


def test_broken_note_files_are_left_out(home, write_note):
    write_note("0001-broken.md", "---\nid: [\n---\n")
    near = _saved("가상전자 반도체", keywords=["반도체"], companies=["가상전자"])
    aids = Drafter().draft(RESULTS)
    assert [r["id"] for r in parse_related(aids.sections["related"])] == [near.id]


# -- through the CLI (moved from test_new_command.py) -----------------------------------------------
def test_drafts_fill_the_form(cli, home):
    r = cli("new", "--no-edit", SEEDS / "001_b6082e78780f4ce7.txt")
    assert r.exit_code == 0, r.stderr
    j = json.loads(cli("show", "1", "--json").stdout)
    assert "1만580명" in j["insights"] and "[초안]" in j["insights"]
    assert "카카오" in j["keywords"] and "카카오" in j["companies"]
    assert j["summary"].count("\n- ") >= 2  # three drafted sentences
    r = cli("new", "--no-edit", SEEDS / "000_a303cd94bd462ac9.txt")
    j2 = json.loads(cli("show", "2", "--json").stdout)
    assert j2["related"] and j2["related"][0]["id"] == 1  # both about 카카오's 제주 camp


def test_one_batch_relates_its_later_articles_to_its_earlier_ones(cli, home):
    r = cli("new", "--no-edit", SEEDS / "001_b6082e78780f4ce7.txt", SEEDS / "000_a303cd94bd462ac9.txt")
    assert r.exit_code == 0, r.stderr
    j2 = json.loads(cli("show", "2", "--json").stdout)
    assert j2["related"] and j2["related"][0]["id"] == 1


def test_no_drafts_leaves_the_sections_empty(cli, home):
    assert cli("new", "--no-edit", "--no-drafts", SEEDS / "001_b6082e78780f4ce7.txt").exit_code == 0
    j = json.loads(cli("show", "1", "--json").stdout)
    assert j["insights"] == j["summary"] == j["research"] == "" and j["related"] == []
    assert j["keywords"] == [] and j["companies"] == []


def test_the_insights_labels_skip_the_company_and_the_place(cli, home, tmp_path):
    art = tmp_path / "sales.txt"
    art.write_text("기아, 美 판매 호조\n\n기아는 올해 1~9월 미국에서 60만대를 팔았다. 현대차그룹 전체로는 130만대였다. "
                   "마이크로소프트(MS)는 2029년까지 3조원을 투자해 GPU 서버 4만대를 들여놓는다.\n", "utf-8")
    r = cli("new", "--no-edit", art)
    assert r.exit_code == 0, r.stderr
    rows = {ln.split(" | ")[1]: ln.split(" | ")[0].lstrip("| ")
            for ln in json.loads(cli("show", "1", "--json").stdout)["insights"].splitlines()
            if ln.startswith("| ") and not ln.startswith(("| 지표", "| ---"))}
    # not 미국, 기아, 현대차그룹 (companies.yaml and places.yaml names), nor MS
    assert rows == {"60만대": "판매", "130만대": "판매", "3조원": "투자", "4만대": "서버"}
