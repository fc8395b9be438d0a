"""bench/aids_eval.py's checks through the real `new` command on a few of its held-out articles
(bench/data/aids), and the document counts the keywords are ranked by (issue 13)."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("aids_eval", ROOT / "bench" / "aids_eval.py")
assert _spec and _spec.loader
aids_eval = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("aids_eval", aids_eval)  # its dataclasses look their module up
_spec.loader.exec_module(aids_eval)
SPEC = aids_eval.load(aids_eval.DATA)


def _draft(cli, path: Path) -> dict:
    r = cli("new", "--no-edit", "--dry-run", "--json", path)
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout)
    return out[0] if isinstance(out, list) else out


# a Latin name written onto a Hangul one (한국GM) and a suffix (철수설); a service and the firm that
# runs it (배달의민족 운영사 우아한형제들); a place before the story's subject (서울 아파트); aliases
# and particles (SK텔레콤, 유심); firms only named (두나무, 빗썸)
@pytest.mark.parametrize("name", ["a02-gm-korea-exit", "p02-baemin-fees", "re01-jeonse-listings",
                                  "tel01-skt-usim", "f02-bitcoin-stablecoin"])
def test_held_out_articles_meet_the_evaluations_checks(cli, name):
    s = aids_eval.score(name, _draft(cli, aids_eval.DATA / f"{name}.txt"), SPEC["articles"][name], SPEC["stop"])
    assert s.subject_ok, s.companies
    assert s.violations == [] and s.twice == []
    assert s.co_missed == [] and s.missed == [], (s.companies, s.keywords)


def test_the_scores_count_what_they_say():
    want = {"companies": ["가나전자", "다라은행"], "companies_ok": ["마바"], "keywords": ["반도체", "환율"],
            "ok": ["금리"], "not_keywords": ["사장"]}
    note = {"companies": ["다라은행", "가나전자", "사아"], "keywords": ["반도체", "금리", "증가", "사장", "회사"],
            "research": "> [초안] …\n\n- 증가: \n- 반도체: \n"}
    s = aids_eval.score("x", note, want, ["증가"])
    assert s.subject_ok is False and s.co_hit == 2 and s.co_listed == 3 and s.co_found == 2
    assert s.kw_good == 2 and s.kw_listed == 5 and s.missed == ["환율"] and s.unjudged == ["증가", "사장", "회사"]
    assert s.violations == ["keyword 증가", "keyword 사장", "prompt - 증가:"]
    m = aids_eval.summarize([s])
    assert (m.subject, m.co_p, m.kw_p, m.kw_r, m.violations) == (0.0, 2 / 3, 2 / 5, 0.5, 3)
    assert not m.meets()


def test_word_counts_are_the_notes_holding_a_word_with_or_without_a_particle(cli, tmp_path):
    from scrapnote.index import NoteIndex

    texts = ["기준금리를 올렸다. 기준금리는 높다.", "기준금리가 그대로다.", "기준금리차가 벌어졌다.", "S-Oil이 샀다. R&D도."]
    for i, body in enumerate(texts):
        p = tmp_path / f"{i}.txt"
        p.write_text(f"제목 {i}\n\n{body} 본문을 더 씁니다.\n", encoding="utf-8")
        assert cli("new", "--no-edit", "--no-drafts", p).exit_code == 0
    # new reads the index (its duplicate check): notes written within the racy window are read again
    # and leave FTS garbage, which word_counts counts (an upper bound); an index built anew has none
    from scrapnote.index import schema

    schema.discard()
    with NoteIndex.open_fresh() as ix:
        got = ix.word_counts(["기준금리", "기준금리차", "S-Oil", "R&D", "없는말"])
    assert got == {"기준금리": 2, "기준금리차": 1, "S-Oil": 1, "R&D": 1, "없는말": 0}


def test_a_term_every_note_holds_ranks_below_one_only_this_article_has(cli, tmp_path):
    common = "공급망 점검이 이어졌다. 공급망 재편이 화두다. "
    for i in range(4):
        p = tmp_path / f"c{i}.txt"
        p.write_text(f"다른 기사 {i}\n\n{common * 2}항만 물동량 {i}번째 기사다.\n", encoding="utf-8")
        assert cli("new", "--no-edit", "--no-drafts", p).exit_code == 0
    p = tmp_path / "new.txt"
    p.write_text("희토류 기사\n\n공급망이 흔들린다. 공급망 우려가 크다. 희토류 수출이 막혔다. 희토류 값이 뛰었다.\n",
                 encoding="utf-8")
    kw = _draft(cli, p)["keywords"]
    assert kw.index("희토류") < kw.index("공급망"), kw
    # the same article in an empty collection: only the general-news counts, both as often said
    (tmp_path / "empty").mkdir()
    r = cli("--home", tmp_path / "empty", "new", "--no-edit", "--dry-run", "--json", p)
    assert r.exit_code == 0 and "희토류" in json.loads(r.stdout)["keywords"]
