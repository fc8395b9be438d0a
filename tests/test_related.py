"""연관기사 (issue 13): the score (shared rare terms, the same company, the same industry, close
dates), its cut-off, `related ID` showing why, and `new` drafting at most three above the cut-off.

The score's own rules are tested on small made-up profiles; the issue's cases on the made-up
collection of tests/fixtures/aids (its expected.yaml judges the pairs), through the real CLI."""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
import yaml

from scrapnote.analyze.related import CUTOFF, DRAFTED, Profile, best_related, key_frequencies, relate, score

AIDS = Path(__file__).resolve().parent / "fixtures" / "aids"
EXPECTED = yaml.safe_load((AIDS / "expected.yaml").read_text("utf-8"))
NAMES = sorted(p.stem for p in AIDS.glob("*.txt"))
ID = {name: i + 1 for i, name in enumerate(NAMES)}  # scrapped in name order: ids 1…


def _profiles(*specs):
    return [Profile.of(i, kw, co, ind, date) for i, (kw, co, ind, date) in enumerate(specs, 1)]


# -- the score ------------------------------------------------------------------------------------
NOTES = _profiles(  # as `new` drafts them: several keywords each
    (["HBM", "반도체", "엔비디아", "메모리", "평택"], ["SK하이닉스"], ["반도체"], "2026-10-01"),          # 1
    (["HBM", "반도체", "파운드리", "수율"], ["삼성전자", "SK하이닉스"], ["반도체"], "2026-10-03"),         # 2
    (["반도체", "수출", "한국", "무역수지", "산업통상자원부"], [], ["반도체"], "2026-10-02"),              # 3
    (["금리", "한국은행", "한국", "가계부채", "동결"], [], ["금융"], "2026-10-01"),                       # 4
    (["관세", "자동차", "한국", "수입차", "대미"], ["현대자동차"], ["자동차"], "2026-10-01"),               # 5
    (["데이터센터", "GPU", "한국", "클라우드", "전력"], ["마이크로소프트"], ["IT"], "2026-10-01"),          # 6
    (["날씨", "장마", "한국", "태풍", "기상청"], [], [], "2026-10-01"),                                 # 7
)
DF = key_frequencies(NOTES)
N = len(NOTES)


def test_rare_shared_terms_make_a_note_related_and_a_common_word_does_not():
    rel = relate(NOTES[0], NOTES, DF, N, k=None, cutoff=0)
    by = {r.id: r for r in rel}
    assert rel[0].id == 2 and by[2].shared == ["HBM", "SK하이닉스", "반도체"]  # rarest first, as note 1 spells them
    assert by[2].companies == ["SK하이닉스"] and by[2].industry == ["반도체"] and by[2].days == 2
    assert by[2].score > by[3].score > 0  # HBM (2 notes) and the same company against 반도체 (3 notes)
    tariff = relate(NOTES[4], NOTES, DF, N, k=None)  # shares only 한국 (in 5 notes) with 4, 6, 7
    assert tariff == []
    assert all(r.score < CUTOFF for r in relate(NOTES[4], NOTES, DF, N, k=None, cutoff=0))


def test_the_same_company_weighs_more_than_a_shared_keyword():
    a, b, c = _profiles((["배터리"], ["가상전자"], [], None), (["배터리"], ["가상전자"], [], None),
                        (["배터리", "가상전자"], [], [], None))
    others = _profiles(*[(["배터리", f"말{i}"], [], [], None) for i in range(4)])
    pool = [a, b, c, *others]
    df, n = key_frequencies(pool), len(pool)
    assert score(a, b, df, n).score > score(a, c, df, n).score  # 가상전자 as the subject of both vs. a keyword
    assert score(a, b, df, n).companies == ["가상전자"] and score(a, c, df, n).companies == []


def test_industry_and_dates_raise_a_score_but_never_make_one():
    a, b, c, d = _profiles((["전기차", "배터리"], [], ["자동차"], "2026-10-01"),
                           (["전기차", "배터리"], [], ["자동차"], "2026-10-02"),
                           (["전기차", "배터리"], [], [], "2026-12-30"),
                           (["날씨"], [], ["자동차"], "2026-10-01"))
    df, n = key_frequencies([a, b, c, d]), 4
    near, far, nothing = score(a, b, df, n), score(a, c, df, n), score(a, d, df, n)
    assert near.score > far.score > 0
    assert near.industry == ["자동차"] and near.days == 1 and far.industry == [] and far.days == 90
    assert nothing.score == 0 and nothing.industry == ["자동차"]  # the same industry alone is not related


def test_terms_compare_without_case_and_in_nfc():
    import unicodedata

    a = Profile.of(1, ["hbm", unicodedata.normalize("NFD", "반도체")], ["sk하이닉스"])
    b = Profile.of(2, ["HBM", "반도체"], ["SK하이닉스"])
    r = score(a, b, key_frequencies([a, b]), 2)
    assert len(r.shared) == 3 and r.score > 0.9


def test_the_bounded_search_finds_what_scoring_every_note_finds():
    rng = random.Random(13)
    words = [f"용어{i}" for i in range(60)]
    firms = [f"회사{i}" for i in range(15)]
    pool = [Profile.of(i, rng.sample(words, rng.randint(1, 10)), rng.sample(firms, rng.randint(0, 3)),
                       rng.sample(["IT", "금융", "자동차"], rng.randint(0, 1)), f"2026-{rng.randint(1, 12):02d}-10")
            for i in range(1, 400)]
    df, n = key_frequencies(pool), len(pool)
    holding: dict[str, set[int]] = {}
    for p in pool:
        for t in p.terms:
            holding.setdefault(t, set()).add(p.id)
    by_id = {p.id: p for p in pool}
    for me in pool[:40]:
        for k, cut in ((3, CUTOFF), (10, 0.05), (None, CUTOFF)):
            got = best_related(me, n, sharing=lambda ts: [(i, t, "k") for t in ts for i in holding.get(t, ())],
                               profiles=lambda ids: [by_id[i] for i in ids],
                               counts=lambda ts: {t: len(holding.get(t, ())) for t in ts}, k=k, cutoff=cut)
            assert got == relate(me, pool, df, n, k=k, cutoff=cut)


# -- the cases, through the CLI -------------------------------------------------------------
@pytest.fixture(scope="module")
def scrapped(tmp_path_factory):
    """The made-up collection of tests/fixtures/aids scrapped once with the real `new`, in name order."""
    from typer.testing import CliRunner

    from scrapnote import config
    from scrapnote.cli import app

    where = tmp_path_factory.mktemp("aids") / "home"
    env = {"SCRAPNOTE_HOME": str(where), "SCRAPNOTE_CONFIG": str(where.parent / "config.toml"), "NO_COLOR": "1"}
    config.set_home(None)
    r = CliRunner().invoke(app, ["new", "--no-edit", *[str(AIDS / f"{n}.txt") for n in NAMES]], env=env,
                           catch_exceptions=False)
    config.set_home(None)
    assert r.exit_code == 0, r.stderr
    return where


@pytest.fixture
def aids(scrapped, home):
    shutil.copytree(scrapped, home)  # the notes, the id counter and the index (still fresh: mtimes kept)
    return home


def _related(cli, name, *extra):
    r = cli("related", str(ID[name]), "--json", *extra)
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def _judged(a, b):
    p = {a, b}
    if any(set(x) == p for x in EXPECTED["related"]):
        return "related"
    return "maybe" if any(set(x) == p for x in EXPECTED["maybe"]) else "unrelated"


def _drafted(home, name):
    from scrapnote.note import parse_related

    note = next((home / "notes").glob(f"{ID[name]:04d}-*.md")).read_text("utf-8")
    return [r["id"] for r in parse_related(note.split("## 연관기사 링크", 1)[1])]


def test_a_tariff_note_gets_the_tariff_notes_not_a_data_centre_one(cli, aids):
    ids = [d["id"] for d in _related(cli, "10-trump-tariff")]
    assert ID["04-hyundai-tariff"] in ids
    assert ID["07-ms-datacenter"] not in ids and ID["16-coupang"] not in ids
    drafted = _drafted(aids, "10-trump-tariff")
    assert ID["04-hyundai-tariff"] in drafted and ID["07-ms-datacenter"] not in drafted


def test_unrelated_notes_are_cut_off(cli, aids):
    """A note once listed 9 notes; with the cut-off only related ones (or those judged maybe) stay,
    and over the collection the precision is the issue's target or better."""
    listed = _related(cli, "01-kakao-earnings")
    assert 0 < len(listed) < 9
    assert all(_judged("01-kakao-earnings", NAMES[d["id"] - 1]) != "unrelated" for d in listed), listed
    right = wrong = 0
    for name in NAMES:
        for d in _related(cli, name, "-n", str(DRAFTED)):
            j = _judged(name, NAMES[d["id"] - 1])
            right += j == "related"
            wrong += j == "unrelated"
    assert right >= 20 and right / (right + wrong) >= 0.8


def test_related_shows_the_score_and_why(cli, aids):
    r = cli("related", str(ID["05-samsung-hbm"]))
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    first = _related(cli, "05-samsung-hbm")[0]
    assert lines[0].split()[:2] == [str(first["id"]), f"{first['score']:.3f}"]
    assert "shared: " in lines[1] and "HBM" in lines[1] and "same company: " in lines[1] and "same industry: 반도체" in lines[1]
    assert f"{first['days']} days apart" in lines[1]
    assert set(first) >= {"id", "score", "above_cutoff", "shared", "companies", "industry", "days", "title", "url"}
    assert first["above_cutoff"] is True and first["score"] >= CUTOFF and "HBM" in first["shared"]
    data = _related(cli, "05-samsung-hbm")
    assert [d["score"] for d in data] == sorted((d["score"] for d in data), reverse=True)


def test_all_shows_the_closest_below_the_cut_off_marked(cli, aids):
    cut = _related(cli, "10-trump-tariff")
    everything = _related(cli, "10-trump-tariff", "--all")
    assert everything[:len(cut)] == cut and len(everything) > len(cut)
    assert all(not d["above_cutoff"] and 0 < d["score"] < CUTOFF for d in everything[len(cut):])
    out = cli("related", str(ID["10-trump-tariff"]), "--all").stdout
    assert f"below the cut-off ({CUTOFF:g})" in out


def test_nothing_above_the_cut_off_is_said_and_drafts_nothing(cli, aids):
    r = cli("related", str(ID["13-baseball"]))
    assert r.exit_code == 0 and r.stdout == ""
    assert f"no related notes for {ID['13-baseball']} (none scores {CUTOFF:g} or more" in r.stderr
    assert _drafted(aids, "13-baseball") == []
    assert cli("related", "999").exit_code == 1


def test_new_drafts_at_most_three_above_the_cut_off_the_best_of_related(cli, aids):
    for name in NAMES:
        assert len(_drafted(aids, name)) <= DRAFTED
    # an article scrapped last drafts what `related ID` says of it right after
    art = AIDS / "06-skhynix-earnings.txt"
    r = cli("new", "--no-edit", "--force", art)
    assert r.exit_code == 0, r.stderr
    nid = int(r.stdout.split()[0])
    got = json.loads(cli("show", str(nid), "--json").stdout)["related"]
    want = [d["id"] for d in json.loads(cli("related", str(nid), "--json", "-n", "3").stdout)]
    assert [g["id"] for g in got] == want and ID["06-skhynix-earnings"] in want
    assert all(d["score"] >= CUTOFF for d in json.loads(cli("related", str(nid), "--json", "-n", "3").stdout))


def _note(nid: int, title: str, published: str) -> str:
    return (f"---\nid: {nid}\ntitle: \"{title}\"\nsource: 가상경제\npublished: {published}\n"
            "companies: [가상전자, 가상화학]\nkeywords: [전고체배터리, 가상전자, 양극재]\nindustry: [배터리]\n"
            f"---\n\n## 본문\n\n{title} 이야기다.\n")


def test_reasons_name_each_term_once_and_far_dates_not_at_all(cli, write_note):
    """The reasons said a company twice (under shared and same company) and gave "1233 days apart"
    for notes years apart, as if it were a reason. Each term once, under its most telling reason;
    the days only when under DATE_DAYS (when they raised the score)."""
    from scrapnote.analyze.related import DATE_DAYS

    write_note("0001-a.md", _note(1, "가상전자 전고체 배터리 양산", "2021-01-01"))
    write_note("0002-b.md", _note(2, "가상전자 양극재 증설", "2024-05-18"))
    write_note("0003-c.md", _note(3, "가상전자 전고체 배터리 출하", "2024-05-30"))
    r = cli("related", "2", "--all")
    assert r.exit_code == 0, r.stderr
    reasons = [ln.strip() for ln in r.stdout.splitlines() if "shared" in ln or "same company" in ln]
    assert len(reasons) == 2, r.stdout
    for line in reasons:
        named = [t.strip() for part in line.split(" · ") if ": " in part for t in part.split(": ", 1)[1].split(",")]
        assert len(named) == len(set(named)), line  # no term twice
        assert "same company: 가상전자, 가상화학" in line and "가상화학" not in line.split(" · ")[0], line
    far, near = (reasons[0], reasons[1]) if "apart" not in reasons[0] else (reasons[1], reasons[0])
    assert "apart" not in far and "day" not in far, far  # 1233 days: no reason
    assert "12 days apart" in near, near
    data = {d["id"]: d for d in json.loads(cli("related", "2", "--json", "--all").stdout)}
    assert data[1]["days"] == 1233 > DATE_DAYS  # the JSON keeps the data
