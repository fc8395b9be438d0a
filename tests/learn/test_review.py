"""`review`: cards from the reader's own sections, a session on a real pseudo-terminal (answers
typed, graded, the schedule written to <home>/review.tsv and read back), and due counts that move
as the FSRS scheduler says."""
from __future__ import annotations

import json
import os
from datetime import datetime, timedelta

import pytest

from conftest import scrapnote_exe
from scrapnote.learn import cards
from test_study_commands import _run_on_pty

FIGURES_TABLE = ("| 지표 | 값 | 변화 | 출처 문장 |\n|---|---|---|---|\n"
                 "| 2분기 영업이익 | 5조4685억원 | 전년 대비 흑자 전환 | 2분기 영업이익은… |\n"
                 "| 매출 | 16조4233억원 | +125% | 매출은… |")


@pytest.fixture
def deck(add):
    add(1, "SK하이닉스 2분기 실적", companies=["SK하이닉스"], insights=FIGURES_TABLE,
        research="- HBM: 고대역폭 메모리\n- 기준금리:", questions="- HBM 증설 투자의 회수 기간은?")
    add(2, "한은 기준금리 인하", research="- 기준금리: 중앙은행이 정하는 정책 금리", insights=(
        "> [초안] 자동으로 만든 초안입니다. 내 말로 고쳐 쓰고 이 줄은 지우세요.\n\n- 기준금리: 3.25%"))


def test_cards_from_terms_kept_figures_and_questions(cli, deck):
    r = cli("review", "--json")
    assert r.exit_code == 0, r.stderr
    got = {c["card"]: c for c in json.loads(r.stdout)["cards"]}
    term = got["t1-hbm"]
    assert (term["prompt"], term["answer"], term["hint"]) == ("고대역폭 메모리", "HBM", "H__")  # never the answer
    t2 = got["t2-기준금리"]
    assert t2["hint"] == "ㄱㅈㄱㄹ" and t2["answer"] == "기준금리"
    figs = [c for c in got.values() if c["kind"] == "figure"]
    assert {(c["prompt"], c["answer"]) for c in figs} == {
        ("SK하이닉스 2분기 영업이익은?", "5조4685억원"), ("SK하이닉스 매출은?", "16조4233억원")}
    assert all(c["note"] == 1 for c in figs)  # note 2's 수치화 is still the untouched draft: no card
    (q,) = [c for c in got.values() if c["kind"] == "question" and c["note"] == 1]
    assert q["answer"] == "HBM 증설 투자의 회수 기간은?" and "SK하이닉스" in q["prompt"] and "실적" in q["prompt"]
    assert "t1-기준금리" not in got  # a term with no definition yet is no card


def test_card_ids_are_stable_across_edits_of_other_lines():
    a = cards.study_data("- 기준금리: 정책 금리", "", "")
    b = cards.study_data("메모 한 줄\n- 환율: 두 통화의 교환 비율\n- 기준 금리: 고친 설명", "", "")
    ids_a = {c.card for c in cards.cards_of(7, "t", None, [], a)}
    ids_b = {c.card for c in cards.cards_of(7, "t", None, [], b)}
    assert ids_a == {"t7-기준금리"} and "t7-기준금리" in ids_b


@pytest.mark.parametrize("typed, chosung, right", [
    ("기준금리", False, True), ("기준 금리", False, True), ("ㄱㅈㄱㄹ", True, True), ("ㄱㅈㄱㄹ", False, False),
    ("기준금리인하", False, False), ("", False, False),
])
def test_typed_answers_compared_after_nfc_and_spaces(typed, chosung, right):
    import unicodedata

    from scrapnote.app.learn import answer_matches

    card = cards.Card("t1-기준금리", "term", 1, "정책 금리", unicodedata.normalize("NFD", "기준금리"))
    assert answer_matches(card, typed, chosung=chosung) is right


def _env(home, now):
    return {**os.environ, "SCRAPNOTE_HOME": str(home), "NO_COLOR": "1", "TERM": "dumb", "SCRAPNOTE_NOW": now}


def _schedule(home) -> dict[str, list[str]]:
    lines = (home / "review.tsv").read_text("utf-8").splitlines()
    assert lines[0].startswith("# scrapnote review schedule")
    return {ln.split("\t")[0]: ln.split("\t") for ln in lines[1:]}


def _due(home, now) -> dict:
    import subprocess

    p = subprocess.run([scrapnote_exe(), "review", "--due", "--json"], env=_env(home, now),
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def test_a_session_on_a_terminal_grades_and_the_schedule_moves_as_fsrs_says(home, deck):
    from fsrs import Card, Rating, Scheduler

    now = "2026-12-02T09:00:00+00:00"
    assert _due(home, now)["new"] == 6
    # new cards in note order: note 1's term (typed right), its figures (one wrong, one revealed and
    # graded easy), then note 2's term typed as its 초성
    typed = "HBM\n4조\n\n4\nㄱㅈㄱㄹ\n"
    rc, screen = _run_on_pty([scrapnote_exe(), "review", "--chosung", "--kind", "term", "--kind", "figure"],
                             _env(home, now), typed=typed)
    assert rc == 0, screen
    assert "고대역폭 메모리" in screen and "힌트: ㄱㅈㄱㄹ" in screen
    assert screen.count("맞았어요") == 2 and screen.count("틀렸어요") == 1
    assert "정답: 5조4685억원" in screen and "reviewed 4 of 4 cards" in screen
    sched = _schedule(home)
    assert set(sched) == {"t1-hbm", "t2-기준금리", cards.card_id("figure", 1, "2분기 영업이익"),
                          cards.card_id("figure", 1, "매출")}
    # the file holds what FSRS computes for each grade at that time
    at = datetime.fromisoformat(now)
    fsrs = Scheduler(enable_fuzzing=False)
    for card, rating in (("t1-hbm", Rating.Good), (cards.card_id("figure", 1, "2분기 영업이익"), Rating.Again),
                         (cards.card_id("figure", 1, "매출"), Rating.Easy)):
        want, _ = fsrs.review_card(Card(card_id=1, due=at), rating, review_datetime=at)
        assert datetime.fromisoformat(sched[card][5]) == want.due, card
        assert sched[card][7] == "1"
    good_due = datetime.fromisoformat(sched["t1-hbm"][5])
    easy_due = datetime.fromisoformat(sched[cards.card_id("figure", 1, "매출")][5])
    assert good_due - at == timedelta(minutes=10) and easy_due - at >= timedelta(days=1)
    # due counts move with the clock exactly at the scheduled times
    counts = _due(home, now)
    assert (counts["due"], counts["new"], counts["later"]) == (0, 2, 4)
    assert _due(home, (good_due - timedelta(seconds=1)).isoformat())["due"] == 1  # the Again card (1 min)
    assert _due(home, good_due.isoformat())["due"] == 3  # and the two Good ones at 10 min
    assert _due(home, easy_due.isoformat())["due"] == 4
    # a second session later reviews the due cards first and writes their second review
    rc, screen = _run_on_pty([scrapnote_exe(), "review", "--kind", "term", "-n", "1"],
                             _env(home, good_due.isoformat()), typed="HBM\n")
    assert rc == 0 and "reviewed 1 of 1 cards" in screen
    assert _schedule(home)["t1-hbm"][7] == "2"


def test_self_graded_questions_and_a_stop(home, deck):
    rc, screen = _run_on_pty([scrapnote_exe(), "review", "--kind", "question"], _env(home, "2026-12-02T09:00:00"),
                             typed="\n3\nq\n", timeout=30)
    assert rc == 0, screen
    assert "HBM 증설 투자의 회수 기간은?" in screen and "reviewed 1 of 2" in screen
    assert len(_schedule(home)) == 1


def test_a_broken_schedule_line_is_kept_not_dropped(cli, home, deck):
    (home / "review.tsv").write_text("# header\nt1-hbm\tnot a state\n", "utf-8")
    r = cli("review", "--kind", "term", "-n", "1", input="HBM\n", env={"SCRAPNOTE_NOW": "2026-12-02T09:00:00"})
    assert r.exit_code == 0, r.stderr
    text = (home / "review.tsv").read_text("utf-8")
    assert "t1-hbm\tnot a state" in text  # kept as it was
    assert cli("review", "--due", "--json").exit_code == 0


def test_review_with_no_cards_says_where_cards_come_from(cli):
    r = cli("review")
    assert r.exit_code == 0 and "용어" in r.stderr


def test_bad_options_are_usage_errors(cli, deck):
    assert cli("review", "--kind", "word").exit_code == 2
    r = cli("review", "--due", env={"SCRAPNOTE_NOW": "someday"})
    assert r.exit_code == 1 and "SCRAPNOTE_NOW" in r.stderr


def test_a_card_never_gives_its_answer_away():
    study = cards.study_data("- 기준금리: 기준금리는 중앙은행이 정하는 금리", "- SK하이닉스 2분기 영업이익: 5조4685억원", "")
    got = {c.kind: c for c in cards.cards_of(3, "한국은행, 기준금리 3.50%서 동결", None, ["SK하이닉스"], study)}
    assert "기준금리" not in got["term"].context and "기준금리" not in got["term"].prompt
    assert got["term"].context == "한국은행, ○○○○ 3.50%서 동결"
    assert got["figure"].prompt == "SK하이닉스 2분기 영업이익은?"  # the company once
    assert [cards.hint(t) for t in ("HBM", "PER(주가수익비율)", "D램")] == ["H__", "P__(ㅈㄱㅅㅇㅂㅇ)", "Dㄹ"]
