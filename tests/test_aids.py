"""Issue 13: the study aids of the made-up articles in tests/fixtures/aids/ (expected.yaml holds
what a reader expects of each), through the real `new` command."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

AIDS = Path(__file__).resolve().parent / "fixtures" / "aids"
EXPECTED = yaml.safe_load((AIDS / "expected.yaml").read_text("utf-8"))


def _new(cli, name: str, *extra) -> dict:
    r = cli("new", "--no-edit", "--json", *extra, AIDS / f"{name}.txt")
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout)
    return out[0] if isinstance(out, list) else out


ISSUE_FIGURES = [  # the figures of the issue, each in the article it is written in
    ("11-apartment-supply", ["3만5382채", "8640채"]),
    ("13-baseball", ["10안타", "8실점", "4⅓이닝"]),
    ("14-soccer", ["2골", "6경기", "90분"]),
    ("03-hyundai-sales", ["5대", "80만대"]),
    ("19-ncsoft-anniversary", ["24종", "1만 장", "20주년"]),
    ("07-ms-datacenter", ["876기가와트시(GWh)", "100메가와트"]),
    ("30-doosan-nuclear", ["3년2개월"]),
]


@pytest.mark.parametrize("name,figures", ISSUE_FIGURES, ids=[n for n, _ in ISSUE_FIGURES])
def test_figures_with_their_counter_are_in_the_insights_table(cli, name, figures):
    note = _new(cli, name, "--dry-run")
    values = [row.split(" | ")[1] for row in note["insights"].splitlines() if row.startswith("| ")][2:]
    for f in figures:
        assert any(v == f or v.endswith(" " + f) for v in values), (f, values)  # 연간 876기가와트시(GWh)


def test_a_month_is_never_a_figures_prefix(cli):
    from scrapnote.analyze.numbers import find_quantities

    note = _new(cli, "18-chip-exports", "--dry-run")
    values = [row.split(" | ")[1] for row in note["insights"].splitlines()[2:]]
    assert "119억달러" in values and "월 119억달러" not in values
    assert [q.per for q in find_quantities("반도체 수출이 8월 119억달러로")] == [None]


def test_units_kept_and_normalized():
    from scrapnote.analyze.numbers import find_quantities

    got = {q.text: (q.value, q.unit) for q in find_quantities(
        "80만대를 팔았다. 876기가와트시(GWh)에 이른다. 100메가와트 규모다. 16.5GWh에서 늘었다. "
        "1테라와트시(TWh)를 쓴다. 3년2개월 짧아진다. 1시간 30분 걸린다. 4⅓이닝을 던졌다.")}
    assert got["80만대"] == (800_000, "대")
    assert got["876기가와트시(GWh)"] == (876, "GWh") and got["100메가와트"] == (100, "MW")
    assert got["16.5GWh"] == (16.5, "GWh") and got["1테라와트시(TWh)"] == (1, "TWh")
    assert got["3년2개월"] == (38, "개월") and got["1시간 30분"] == (90, "분")
    assert got["4⅓이닝"][1] == "이닝" and abs(got["4⅓이닝"][0] - 13 / 3) < 1e-9


NAMES = sorted(EXPECTED["articles"])


@pytest.mark.parametrize("name", NAMES)
def test_companies_subject_first_aliases_once_and_keywords(cli, name):
    want = EXPECTED["articles"][name]
    note = _new(cli, name, "--dry-run")
    companies, keywords = note["companies"], note["keywords"]
    if want["companies"]:
        assert companies[0] == want["companies"][0], companies  # the subject company first
    else:
        assert companies == []
    assert len({c.casefold() for c in companies}) == len(companies)
    for k in want.get("keywords", []):
        assert k in keywords, (k, keywords)
    for k in [*EXPECTED["stop"], *want.get("not_keywords", [])]:
        assert k not in keywords, (k, keywords)
        assert f"- {k}: " not in note["research"]  # nor a 추가조사 prompt


@pytest.mark.parametrize("name,merged,gone", [
    ("05-samsung-hbm", "삼성전자", ["삼성"]),  # the company meant by 삼성
    ("06-skhynix-earnings", "SK하이닉스", ["SK", "SK그룹"]),
    ("07-ms-datacenter", "마이크로소프트", ["MS"]),
    ("03-hyundai-sales", "현대자동차", ["현대차", "현대차그룹"]),
])
def test_aliases_merge_to_one_canonical_name(cli, name, merged, gone):
    note = _new(cli, name, "--dry-run")
    assert merged in note["companies"] and merged in note["keywords"]
    assert not set(gone) & set(note["companies"]) and not set(gone) & set(note["keywords"])


def test_a_group_name_used_as_a_team_is_no_company(cli):
    note = _new(cli, "13-baseball", "--dry-run")  # 삼성 라이온즈, LG 트윈스
    assert note["companies"] == [] and "삼성전자" not in note["keywords"]


def test_given_names_never_keywords():
    from scrapnote.analyze.keywords import extract_terms

    terms = extract_terms("연방준비제도(연준)가 동결했다. 제롬 파월 연준 의장은 말했다. 파월 의장은 신중했다. 도널드 트럼프 대통령이 관세를 예고했다. "
                          "아서 밀러 교수도 말했다. 밀러 교수는 웃었다.")
    assert "제롬" not in terms and "도널드" not in terms and "아서" not in terms
    assert "연준" in terms and "관세" in terms


# The cases of the issue's first paragraph, each through `new FILE --dry-run --json`.
ISSUE_WORDS = ["감소", "증가", "전년", "대비", "동기", "사상", "추가", "속도", "서울", "제롬", "도널드"]


def test_kakao_earnings_names_kakao_first_not_google_only(cli):
    note = _new(cli, "01-kakao-earnings", "--dry-run")
    assert note["companies"][0] == "카카오" and "구글" in note["companies"][1:]
    assert "카카오" in note["keywords"]


def test_hyundai_article_names_hyundai_motor_with_kia(cli):
    note = _new(cli, "03-hyundai-sales", "--dry-run")
    assert note["companies"][:2] == ["현대자동차", "기아"]
    assert "현대차" not in note["companies"] and "현대차그룹" not in note["companies"]


@pytest.mark.parametrize("name", ["01-kakao-earnings", "06-skhynix-earnings", "08-fed-rates", "09-bok-rates",
                                  "10-trump-tariff", "29-kb-earnings"])
def test_earnings_and_rates_articles_have_no_change_word_place_or_given_name_keyword(cli, name):
    note = _new(cli, name, "--dry-run")
    assert not set(ISSUE_WORDS) & set(note["keywords"]), note["keywords"]
    prompts = [line for line in note["research"].splitlines() if line.startswith("- ")]
    assert prompts and not [p for p in prompts if p[2:].split(":")[0] in ISSUE_WORDS], prompts
