"""The note filters (--tag, --source, --industry, --company, --since, --until) through every command
that has them: list, search, export, questions and check choose the same notes for the same filters.

A tag typed in NFD (as macOS gives it: 반 as ᄇ+ᅡ+ᆫ) is the same tag as the NFC one in the note."""
from __future__ import annotations

import json
import unicodedata

import pytest


def nfd(s: str) -> str:
    out = unicodedata.normalize("NFD", s)
    assert out != s  # the test would prove nothing if the spelling were the same
    return out


def note_file(nid, title, *, tags=(), companies=(), industry=(), source="한국경제", published="2024-01-10",
              questions=""):
    def flow(xs):
        return "[" + ", ".join(xs) + "]"

    return (f"---\nid: {nid}\ntitle: \"{title}\"\nsource: {source}\npublished: {published}\n"
            f"industry: {flow(industry)}\ncompanies: {flow(companies)}\ntags: {flow(tags)}\n"
            f"template: economy\n---\n\n## 헤드라인 (요약과 압축)\n\n{title}\n\n"
            f"## 본문 (본문 내용 복사)\n\n{title} 본문. 카카오 이야기.\n\n"
            f"## 적용할점 (현직자에게 할 질문)\n\n{questions}\n")


@pytest.fixture
def notes(write_note):
    write_note("0001-a.md", note_file(1, "카카오 반도체 투자", tags=["반도체", "AI"], companies=["카카오"],
                                      industry=["금융"], source="매일경제", published="2024-03-02",
                                      questions="- 반도체 인력은 어떻게 뽑나요?"))
    write_note("0002-b.md", note_file(2, "카카오 은행 실적", tags=["은행"], companies=["카카오뱅크"],
                                      industry=["은행업"], source="한국경제", published="2023-11-20",
                                      questions="- 실적 전망은?"))
    write_note("0003-c.md", note_file(3, "카카오 클라우드", tags=["ai"], companies=["카카오", "네이버"],
                                      industry=["IT"], source="연합뉴스", published="2022-05-05",
                                      questions="- 클라우드 점유율은?"))


def list_ids(cli, *args):
    r = cli("list", "--json", *args)
    assert r.exit_code == 0, r.stderr
    return {d["id"] for d in json.loads(r.stdout)}


def search_ids(cli, *args):
    r = cli("search", "카카오", "--json", *args)
    if r.exit_code == 1 and r.stdout == "" and "no notes match" in r.stderr:  # no hit: exit 1
        return set()
    assert r.exit_code == 0, r.stderr
    return {h["id"] for h in json.loads(r.stdout)}


def export_ids(cli, *args, ids=()):
    r = cli("export", *ids, "-f", "json", *args)
    if r.exit_code == 1 and "no notes match" in r.stderr:
        return set()
    assert r.exit_code == 0, r.stderr
    return {n["id"] for n in json.loads(r.stdout)}


def check_ids(cli, *args):
    r = cli("check", *args)
    assert r.exit_code in (0, 1), r.stderr
    return {int(line.split("\t")[0]) for line in r.stdout.splitlines()}


def question_ids(cli, *args):
    r = cli("questions", "--json", *args)
    assert r.exit_code == 0, r.stderr
    return {q["id"] for qs in json.loads(r.stdout).values() for q in qs}


# -- an NFD spelling finds the NFC note, in every command --------------------------------------------
def test_list_nfd(cli, notes):
    assert list_ids(cli, "--tag", nfd("반도체")) == {1}
    assert list_ids(cli, "--company", nfd("카카오")) == {1, 3}
    assert list_ids(cli, "--industry", nfd("금융")) == {1}
    assert list_ids(cli, "--source", nfd("매일")) == {1}


def test_search_nfd(cli, notes):
    assert search_ids(cli, "--tag", nfd("반도체")) == {1}
    assert search_ids(cli, "--company", nfd("카카오")) == {1, 3}
    assert search_ids(cli, "--industry", nfd("금융")) == {1}
    assert search_ids(cli, "--source", nfd("매일")) == {1}
    r = cli("search", "카카오", "--tag", nfd("반도체"))
    assert r.exit_code == 0 and "no notes match" not in r.stderr and "카카오 반도체 투자" in r.stdout


def test_export_nfd(cli, notes):
    assert export_ids(cli, "--tag", nfd("반도체"), ids=("1",)) == {1}  # the case: ids narrowed
    assert export_ids(cli, "--tag", nfd("반도체"), ids=("1", "2", "3")) == {1}
    assert export_ids(cli, "--tag", nfd("반도체")) == {1}
    assert export_ids(cli, "--company", nfd("카카오"), ids=("1", "2", "3")) == {1, 3}
    assert export_ids(cli, "--industry", nfd("금융"), ids=("1", "3")) == {1}
    r = cli("export", "1", "--tag", nfd("반도체"))
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("# 카카오 반도체 투자\n")


def test_questions_nfd(cli, notes):
    data = json.loads(cli("questions", "--json", "--company", nfd("카카오")).stdout)
    assert list(data) == ["카카오"]  # grouped under the note's own spelling
    assert [q["id"] for q in data["카카오"]] == [1, 3]
    assert question_ids(cli, "--industry", nfd("금융")) == {1}
    assert question_ids(cli, "--industry", nfd("금융"), "--company", nfd("카카오")) == {1}


def test_check_nfd(cli, notes):
    assert check_ids(cli, "--tag", nfd("반도체")) == {1}
    assert check_ids(cli, "--company", nfd("카카오")) == {1, 3}
    assert check_ids(cli, "--industry", nfd("금융")) == {1}
    assert check_ids(cli, "--source", nfd("매일")) == {1}
    assert check_ids(cli, "1", "2", "--tag", nfd("반도체")) == {1}  # ids narrowed, as export does


# -- the same filters choose the same notes everywhere -----------------------------------------------
@pytest.mark.parametrize("args, want", [
    (("--tag", "AI"), {1, 3}),  # case-insensitive: the notes say AI and ai
    (("--tag", "ai", "--tag", "반도체"), {1}),  # every tag given
    (("--company", "카카오"), {1, 3}),  # a whole name: not 카카오뱅크
    (("--company", "카카오", "--company", "네이버"), {3}),
    (("--industry", "it"), {3}),
    (("--since", "2023"), {1, 2}),
    (("--until", "2023-11"), {2, 3}),
    (("--since", "2023-11-21", "--until", "2024"), {1}),
    (("--tag", "없는태그"), set()),
])
def test_every_command_chooses_the_same_notes(cli, notes, args, want):
    assert list_ids(cli, *args) == want
    assert search_ids(cli, *args) == want
    assert export_ids(cli, *args) == want
    assert export_ids(cli, *args, ids=("1", "2", "3")) == want
    assert check_ids(cli, *args) == want  # every note here has unwritten sections


@pytest.mark.parametrize("args, want", [
    (("--source", "한국"), {2}),
    (("--source", "뉴스"), {3}),  # part of the name
])
def test_source_is_part_of_the_name_everywhere_it_is_offered(cli, notes, args, want):
    assert list_ids(cli, *args) == want
    assert search_ids(cli, *args) == want
    assert check_ids(cli, *args) == want


def test_questions_companies_are_any_of(cli, notes):
    data = json.loads(cli("questions", "--json", "--company", "네이버", "--company", "카카오뱅크").stdout)
    assert sorted(data) == ["네이버", "카카오뱅크"]
    assert question_ids(cli, "--company", "네이버", "--company", "카카오뱅크") == {2, 3}


def test_check_with_filters_that_match_nothing(cli, notes):
    r = cli("check", "--tag", "없는태그")
    assert r.exit_code == 0 and r.stdout == "" and "no notes match" in r.stderr
    r = cli("check", "--since", "어제")
    assert r.exit_code == 2 and "not a date" in r.stderr
