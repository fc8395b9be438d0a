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
