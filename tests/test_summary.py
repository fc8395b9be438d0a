"""요약 draft: TextRank over kiwipiepy sentences."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from scrapnote.analyze.keywords import get_kiwi
from scrapnote.analyze.summary import draft_summary

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="module", autouse=True)
def kiwi():
    return get_kiwi()


def _flat(s: str) -> str:
    return " ".join(s.split())


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_three_sentences_in_article_order(path):
    text = path.read_text("utf-8")
    summary = draft_summary(text)
    assert len(summary) == 3
    flat = _flat(text)
    positions = [flat.find(s) for s in summary]
    assert all(p >= 0 for p in positions), summary  # verbatim sentences of the article
    assert positions == sorted(positions)
    for s in summary:
        assert "@" not in s and "http" not in s and not re.search(r"[가-힣]{2,4} 기자", s)
    assert draft_summary(text) == summary  # deterministic


def test_lead_sentence_of_a_clean_article_is_kept():
    text = (SEEDS / "004_5be44449854f0547.txt").read_text("utf-8")
    assert draft_summary(text)[0].startswith("국내 최고의 인공지능 기술 역량을 보유한 KAIST와 DIGICO KT가")


ARTICLE = """[서울=경제일보 홍길동 기자] 삼성전자가 반도체 메모리 투자를 늘린다.
홍길동 기자 hong@example.com
삼성전자는 평택 반도체 공장에 메모리 생산 설비를 추가한다고 밝혔다.
날씨는 맑았고 바람이 불었다.
업계는 삼성전자의 메모리 반도체 투자가 시장 회복을 이끌 것으로 본다.
점심 메뉴로 국수를 먹었다.
ⓒ 경제일보 무단전재 및 재배포 금지
"""


def test_central_sentences_win_and_furniture_goes():
    summary = draft_summary(ARTICLE, n=2)
    assert len(summary) == 2
    assert all("삼성전자" in s for s in summary)
    assert not any("날씨" in s or "국수" in s or "무단전재" in s or "@" in s for s in summary)


def test_n_and_empty_input():
    assert draft_summary(ARTICLE, n=1) and len(draft_summary(ARTICLE, n=1)) == 1
    assert len(draft_summary(ARTICLE, n=10)) <= 6
    assert draft_summary("") == []
    assert draft_summary("   \n ") == []
    assert draft_summary(ARTICLE, n=0) == []


def test_byline_removed_from_lead():
    summary = draft_summary(ARTICLE, n=3)
    assert not any(s.startswith("[") for s in summary)
