"""The 수치화 parser against a table of expressions, every sample's expected numbers, and non-quantities."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from scrapnote.analyze.numbers import Change, find_changes, find_quantities, format_insights
from scrapnote.models import Quantity

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
EXPECTED = yaml.safe_load((SEEDS / "expected.yaml").read_text("utf-8"))

# (sentence, text, value, unit, extra fields that must match)
TABLE = [
    # mixed Korean/Arabic numbers
    ("종사자 수는 1만580명으로 늘었다.", "1만580명", 10580, "명", {}),
    ("전 세계 4억명이 사용한다.", "4억명", 400_000_000, "명", {}),
    ("연 매출 1천억원을 올린다.", "1천억원", 100_000_000_000, "원", {}),
    ("총 10조1천억원을 투자한다.", "10조1천억원", 10_100_000_000_000, "원", {}),
    ("예산은 3조 2천억 원이다.", "3조 2천억 원", 3_200_000_000_000, "원", {}),
    ("1억2천만 위안을 들였다.", "1억2천만 위안", 120_000_000, "위안", {}),
    ("2억5000만 달러 규모다.", "2억5000만 달러", 250_000_000, "달러", {}),
    ("영업이익은 1천500억원이다.", "1천500억원", 150_000_000_000, "원", {}),
    ("3.5조원에 이른다.", "3.5조원", 3_500_000_000_000, "원", {}),
    ("5,000억 원을 조달했다.", "5,000억 원", 500_000_000_000, "원", {}),
    ("월급 3천만 원이다.", "3천만 원", 30_000_000, "원", {}),
    ("300만 원 상당의 지원", "300만 원", 3_000_000, "원", {}),
    ("100억 달러를 투자한다.", "100억 달러", 10_000_000_000, "달러", {}),
    ("10억 유로의 벌금", "10억 유로", 1_000_000_000, "유로", {}),
    ("1개에 50엔이다.", "50엔", 50, "엔", {}),
    ("1만 가구를 공급한다.", "1만 가구", 10_000, "가구", {}),
    ("50만톤을 생산한다.", "50만톤", 500_000, "톤", {}),
    ("17,000명의 연구원", "17,000명", 17_000, "명", {}),
    ("17000명의 연구원", "17000명", 17_000, "명", {}),
    # area, distance and other units as written
    ("약580평(1,920m2)규모로", "1,920m2", 1920, "m2", {}),
    ("전용 84㎡ 아파트", "84㎡", 84, "㎡", {}),
    ("120km 구간", "120km", 120, "km", {}),
    ("20인치 모니터", "20인치", 20, "인치", {}),
    # rates
    ("금리는 연 3.5%다.", "3.5%", 3.5, "%", {"per": "연"}),
    ("월 100만 원을 낸다.", "100만 원", 1_000_000, "원", {"per": "월"}),
    ("1.5%포인트 올랐다.", "1.5%포인트", 1.5, "%포인트", {}),
    ("0.25%p 내렸다.", "0.25%p", 0.25, "%p", {}),
    ("25bp 인상", "25bp", 25, "bp", {}),
    ("성장률이 -3.5%로 떨어졌다.", "-3.5%", -3.5, "%", {}),
    ("순이익 △2.1%", "△2.1%", -2.1, "%", {}),
    # ranges: value is the low end, high the top
    ("금리를 4.5~4.75%로 올렸다.", "4.5~4.75%", 4.5, "%", {"high": 4.75}),
    ("3~5명이 참여한다.", "3~5명", 3, "명", {"high": 5}),
    ("2~3억원을 받는다.", "2~3억원", 200_000_000, "원", {"high": 300_000_000}),
    ("200만~300만 원을 받는다.", "200만~300만 원", 2_000_000, "원", {"high": 3_000_000}),
    ("1.5~2배 늘었다.", "1.5~2배", 1.5, "배", {"high": 2}),
    # approximate markers
    ("약580평 규모", "580평", 580, "평", {"approx": "약"}),
    ("약 2시간 동안", "2시간", 2, "시간", {"approx": "약"}),
    ("200여명 참석", "200여명", 200, "명", {"approx": "여"}),
    ("1만여 명이 모였다.", "1만여 명", 10_000, "명", {"approx": "여"}),
    ("500명 이상이 지원했다.", "500명", 500, "명", {"approx": "이상"}),
    ("100명 미만의 기업", "100명", 100, "명", {"approx": "미만"}),
    ("50%가량 줄었다.", "50%", 50, "%", {"approx": "가량"}),
    ("지난해 200명 수준에서", "200명", 200, "명", {"approx": "수준"}),
    ("최대 30% 할인", "30%", 30, "%", {"approx": "최대"}),
    # counters
    ("3.5배 늘었다.", "3.5배", 3.5, "배", {}),
    ("12개 기업", "12개", 12, "개", {}),
    ("과제7개를 선정", "7개", 7, "개", {}),
    ("45건을 처리했다.", "45건", 45, "건", {}),
    ("30곳에 매장을", "30곳", 30, "곳", {}),
    ("230개국에서", "230개국", 230, "개국", {}),
    ("종합 1위를 달성", "1위", 1, "위", {}),
    ("10년치 데이터", "10년치", 10, "년치", {}),
    ("30세 이하", "30세", 30, "세", {"approx": "이하"}),
    ("2회 연속", "2회", 2, "회", {}),
    ("자동차 100대를 판매", "100대", 100, "대", {}),
    ("선정된 20인의 참가자", "20인", 20, "인", {}),
    # Korean number words
    ("두 배 이상 확대한다.", "두 배", 2, "배", {"approx": "이상"}),
    ("두배 늘었다.", "두배", 2, "배", {}),
    ("세 차례 인상했다.", "세 차례", 3, "차례", {}),
    ("네 곳에 문을 연다.", "네 곳", 4, "곳", {}),
    ("한 명도 없다.", "한 명", 1, "명", {}),
    # a bare figure with a Korean multiplier
    ("5억 다운로드를 기록", "5억", 500_000_000, "", {}),
]


@pytest.mark.parametrize("sentence,text,value,unit,extra", TABLE, ids=[t[1] for t in TABLE])
def test_table(sentence, text, value, unit, extra):
    qs = find_quantities(sentence)
    hits = [q for q in qs if q.text == text]
    assert hits, f"{text!r} not found in {sentence!r}: {qs}"
    q = hits[0]
    assert q.value == value and type(q.value) is type(value)
    assert q.unit == unit
    assert q.sentence == sentence.strip()
    for field, want in extra.items():
        assert getattr(q, field) == want, field
    for field in {"approx", "high", "per"} - set(extra):
        assert getattr(q, field) is None, field


def test_table_is_large_enough():
    assert len(TABLE) >= 40


def _expected_numbers():
    for name, spec in EXPECTED.items():
        for n in spec.get("numbers", []):
            yield pytest.param(name, n["text"], n["value"], n["unit"], id=f"{name[:3]}-{n['text']}")


@pytest.mark.parametrize("name,text,value,unit", list(_expected_numbers()))
def test_seed_numbers(name, text, value, unit):
    body = (SEEDS / name).read_text("utf-8")
    assert text in body  # the expected expression really is in the sample
    found = [(q.text, q.value, q.unit) for q in find_quantities(body)]
    assert (text, value, unit) in found


def test_every_expected_number_is_tested():
    assert sum(len(s.get("numbers", [])) for s in EXPECTED.values()) == len(list(_expected_numbers()))
    assert len(list(_expected_numbers())) >= 20


NOT_QUANTITIES = [
    "2013년",
    "2022년 9월 개강",
    "7월 3일부터 28일까지",
    "오는 13일 열린다",
    "카카오(035720)가",
    "문의 02-880-4259",
    "2017.05.22 08:04:18",
    "2017년 04월 17일(월) 08:58:07",
    "오전 9시부터 저녁 7시까지",
    "제2회의실에서",
    "제3조에 따라",
    "올해 두 번째로 열렸다",
    "AI2XL연구소장",
    "1분기 실적",
    "3일 만에",
    "COVID-19 확산",
    "세계 10대 AI 연구자",
    "대한민국 No.1 기업",
    "2019~2021년",
    "이번1차 과제",
    "한 자리에 모인",
    "7월 열리는 행사",
    "세계 최고 수준의 기술",
    "http://www.itdaily.kr/news/articleList.html?sc_word=%B1%E8%BC%BA",
    "kimss56@itdaily.kr",
    "2020 CVPR",
    "f49e76ec12007117e6181c9f645fa41f_1639518455_0981.jpg",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_quantities(text):
    assert find_quantities(text) == []


def test_seed_has_no_date_or_code_quantities():
    body = (SEEDS / "001_b6082e78780f4ce7.txt").read_text("utf-8")
    texts = [q.text for q in find_quantities(body)]
    assert not any(re.fullmatch(r"\d{4}년|\d+[일월]", t) for t in texts)  # a span (2년 사이) is a figure
    assert not any("035720" in t for t in texts)
    assert texts.count("20명") == 2  # every occurrence, each with its own sentence


def test_sentence_is_the_one_the_figure_came_from():
    text = "첫 문장에는 숫자가 없다. 둘째 문장에 7명이 있다.\n셋째 줄에는 30%가 있다."
    qs = find_quantities(text)
    assert [(q.text, q.sentence) for q in qs] == [
        ("7명", "둘째 문장에 7명이 있다."),
        ("30%", "셋째 줄에는 30%가 있다."),
    ]


def test_bullet_marker_is_not_part_of_the_sentence():
    (q,) = find_quantities("- LG사이언스파크, 네이버에서 200여명 참석")
    assert q.sentence == "LG사이언스파크, 네이버에서 200여명 참석"


def test_as_dict_adds_optional_fields_only_when_set():
    plain = find_quantities("633명이 지원했다.")[0].as_dict()
    assert plain == {"text": "633명", "value": 633, "unit": "명", "sentence": "633명이 지원했다."}
    ranged = find_quantities("연 4.5~4.75%")[0].as_dict()
    assert ranged["high"] == 4.75 and ranged["per"] == "연" and "approx" not in ranged


# --- changes ------------------------------------------------------------------------------------

def test_change_from_seed_001():
    body = (SEEDS / "001_b6082e78780f4ce7.txt").read_text("utf-8")
    (c,) = find_changes(body)
    assert (c.before.value, c.after.value) == (9081, 10580)
    assert c.ratio == pytest.approx(1.165, abs=1e-3)
    assert c.percent == pytest.approx(16.5, abs=0.05)
    assert c.stated is not None and c.stated.text == "16.5%"


def test_change_level_to_level():
    text = "규모를 지난해 200명 수준에서 500명 수준으로 두 배 이상 확대한다."
    (c,) = find_changes(text)
    assert (c.before.text, c.after.text) == ("200명", "500명")
    assert c.ratio == 2.5 and c.difference == 300
    assert c.stated is not None and c.stated.text == "두 배"


def test_change_with_arrow_and_money():
    (c,) = find_changes("매출은 1조원 → 1조5천억원으로 늘었다.")
    assert (c.before.value, c.after.value) == (10**12, 15 * 10**11)


@pytest.mark.parametrize("text", [
    "200명에서 300개로 늘었다.",  # different units
    "200명에서 시작했다. 이후 300명으로 늘었다.",  # different sentences
    "633명이 지원했고 20명이 뽑혔다.",  # no 에서 … (으)로
])
def test_no_change(text):
    assert find_changes(text) == []


# --- the Markdown draft ----------------------------------------------------------------------------

def _table(md: str) -> list[list[str]]:
    lines = md.splitlines()
    assert lines[0] == "| 지표 | 값 | 변화 | 출처 문장 |" and lines[1] == "| --- | --- | --- | --- |"
    return [[c.strip() for c in ln.strip("|").split(" | ")] for ln in lines[2:]]


def test_format_insights_is_a_table_with_the_change_computed():
    body = (SEEDS / "001_b6082e78780f4ce7.txt").read_text("utf-8")
    rows = _table(format_insights(find_quantities(body), find_changes(body)))
    assert all(len(r) == 4 for r in rows)
    row = next(r for r in rows if r[1] == "1만580명")
    assert row[2] == "9081명 → 1만580명 (+16.5%)"  # old and new value in one sentence: computed
    assert "1만580명" in row[3] and len(row[3]) <= 45  # the source sentence, short
    assert not any(r[1] == "9081명" for r in rows)  # the old value is in the change, not a row of its own
    assert not any(r[1] == "16.5%" for r in rows)  # nor the rate the sentence states for it


def test_format_insights_metric_value_and_stated_change():
    text = ("카카오의 3분기 영업이익은 2048억원이다. 전년 동기 대비 59% 증가했다. "
            "매출은 2조240억원으로 전 분기 대비 9% 늘었다. 점유율은 1.2%포인트 낮아졌다. "
            "금리를 연 3.5%에서 3.25%로 낮췄다. 약580평 규모. 두 배 이상 늘었다. 비용은 4조원가량 늘어난다.")
    rows = _table(format_insights(find_quantities(text), find_changes(text)))
    got = {r[1]: (r[0], r[2]) for r in rows}
    assert got["2048억원"] == ("영업이익", "전년 동기 대비 +59%")  # the rate of the next sentence folds in
    assert got["2조240억원"] == ("매출", "전 분기 대비 +9%")
    assert got["1.2%포인트"] == ("점유율", "↓")
    assert got["3.25%"][1] == "3.5% → 3.25% (-0.25%p)" and "연 3.5%" not in got
    assert "약 580평" in got and "두 배 이상" in got and "4조원가량" in got


def test_format_insights_escapes_pipes_and_dedupes():
    long = "가" * 60 + " 매출은 1천억원이다 | " + "나" * 60 + "."
    q = find_quantities(long)
    rows = format_insights(q + q).splitlines()[2:]
    assert len(rows) == 1  # the same figure in the same sentence is listed once
    assert rows[0].count(" | ") == 3 and "\\|" in rows[0] and "…" in rows[0]


def test_format_insights_empty():
    assert format_insights([], []) == ""


def test_change_dataclass_as_dict():
    a = Quantity("200명", 200, "명")
    b = Quantity("500명", 500, "명")
    d = Change(a, b, "s").as_dict()
    assert d["ratio"] == 2.5 and d["percent"] == 150.0 and "stated" not in d
    assert Change(Quantity("0명", 0, "명"), b, "s").ratio is None


# --- never crashes, always quotes the input ---------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ALPHABET = st.sampled_from(list("0123456789,.~-% 만억조천백원명배개약여이상연월두세\n.제p") + ["m2", "개국", "달러"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_any_text_parses_and_quotes_itself(text):
    for q in find_quantities(text):
        assert q.text and q.text in text
        assert q.text in q.sentence or q.sentence == ""
        assert isinstance(q.value, (int, float))
        assert q.high is None or q.high >= q.value
    format_insights(find_quantities(text), find_changes(text))


@pytest.mark.parametrize("text,expected", [
    ("5~3%", [("3%", 3)]),  # descending: not a range
    ("3개~5명", [("5명", 5)]),  # different units: not a range
    ("-5~3%", [("-5~3%", -5)]),
    ("0\nm2", []),  # a line break never joins number and unit
])
def test_odd_ranges_and_line_breaks(text, expected):
    assert [(q.text, q.value) for q in find_quantities(text)] == expected


@pytest.mark.parametrize("sentence,text,approx", [
    ("HBM 매출이 전 분기보다 80% 이상 증가했다.", "80%", "이상"),
    ("매출이 80%이상 늘었다.", "80%", "이상"),
    ("매출이 70~80% 이상 증가했다.", "70~80%", "이상"),
    ("삼성전자 주가는 약 3% 올랐다.", "3%", "약"),
])
def test_approx_marker_after_a_percentage_is_kept(sentence, text, approx):
    [q] = find_quantities(sentence)
    assert (q.text, q.approx) == (text, approx)
    value = _table(format_insights([q]))[0][1]
    want = f"{'약 ' if approx == '약' else ''}{text}{' 이상' if approx == '이상' else ''}"
    assert value.replace(" ", "") == want.replace(" ", "") and (" " in value) == (" " in sentence.split(text)[1][:1]
                                                                                 or approx == "약")  # as written


def test_figures_beside_durations_and_word_figures_in_a_long_text():
    """Thousands of durations, figures and word figures: each kind is told apart from the others'
    spans (a figure inside a duration is not listed twice), in reading order."""
    from scrapnote.analyze.numbers import find_quantities

    text = " ".join(f"지난 {i % 9 + 1}년 동안 매출이 {i + 1}억원 늘었고 두 배가 됐다." for i in range(1500))
    got = find_quantities(text)
    assert len(got) == 4500
    for i in range(1500):
        dur, money, twice = got[3 * i: 3 * i + 3]
        assert (dur.text, dur.unit, dur.value) == (f"{i % 9 + 1}년", "년", i % 9 + 1)
        assert money.text == f"{i + 1}억원" and money.value == (i + 1) * 10**8
        assert twice.text == "두 배" and twice.value == 2


# --- the 지표 of a row: what the figure measures (made-up sentences in the shapes of the articles) ---

def _labels(text: str, is_name=None) -> dict[str, str]:
    return {r[1]: r[0] for r in _table(format_insights(find_quantities(text), find_changes(text), is_name))}


def test_label_is_no_verb_form_nor_a_date_nor_a_scope_word():
    got = _labels("심사를 거쳐 선정된 30인의 연구원들은 합숙한다. 게임 산업을 선도하는 5개 기업들과 협약했다. "
                  "자리가 제한되어 40여명의 학생들은 온라인으로 본다. 세미나는 발표가 끝난 후 약 3시간 동안 열렸다. "
                  "통계청에 따르면 12명 위원 모집에 450명이 지원했다. 업계는 연내 한 차례 추가 인상을 점친다.")
    assert got["30인"] == "연구원"  # not 선정된: what is counted is written after it (N인의 X)
    assert got["5개"] == "기업"  # not 선도하 (선도하는 less 는)
    assert got["40여명"] == "학생"
    assert got["12명"] == "위원 모집"  # not 따르면
    assert got["한 차례"] == "추가 인상"  # not 연내 (when), nor 업계
    assert got["약 3시간"] == "발표"  # not 끝난


def test_label_skips_dates_and_other_figures_to_the_measure():
    got = _labels("가상시 제조업 종사자 수는 2019년 8000명에서 2023년 9500명으로 늘었다. "
                  "내년 전국 분양 물량은 4만2000채로 집계됐다. 올해 6만채보다 30% 적은 규모다.")
    assert got["9500명"] == "제조업 종사자"  # was empty: the words before it were years and figures
    assert got["4만2000채"] == "분양 물량"
    assert got["6만채"] == "분양 물량"  # its sentence names no measure: the row before's, same unit


def test_label_is_not_the_unit_of_the_figure_before():
    got = _labels("이 앱은 120개국에서 3억 다운로드를 기록했다.")
    assert got["3억"] == "다운로드"  # was 개국, the tail of 120개국에서


def test_label_is_the_noun_counted_right_before_or_after_it():
    got = _labels("가상전자는 2030년까지 3조원을 투자해 AI 서버 4만대를 들여놓는다. "
                  "정부는 수입 부품에 20% 관세를 매긴다. 가상조선은 LNG 운반선 4척을 1조원에 수주했다. "
                  "공장 2기의 설비를 바꾼다. 가상화학 등 6개의 계열사가 참여한다.")
    assert got["4만대"] == "서버"  # the noun right before beats the measure word further back (투자)
    assert got["3조원"] == "투자"  # its verb: 투자해
    assert got["20%"] == "관세"  # not 수입 (수입 부품): the noun phrase right after
    assert got["4척"] == "운반선" and got["1조원"] == "수주"
    assert got["2기"] == "공장"  # right before wins over the phrase after (2기의 설비)
    assert got["6개"] == "계열사"  # not the company before 등


def test_label_skips_the_names_it_is_told_of():
    names = {"가상전자", "가상모터스", "미국", "한국"}.__contains__
    got = _labels("가상모터스가 올해 미국에서 50만대를 팔았다. 가상전자는 한국에 200메가와트 규모의 AI 데이터센터를 짓는다.",
                  names)
    assert got["50만대"] == "판매"  # who and where are no measure; 팔다 is 판매
    assert got["200메가와트"] == "AI 데이터센터"


def test_good_labels_stay():
    got = _labels("가상증권 주가는 이날 3.1% 올랐다. 국내 후판 가격은 톤당 80만원 아래로 떨어졌다. "
                  "서울 아파트 전세가격도 0.2% 올라 상승세를 이어갔다. 국제유가가 배럴당 85달러를 넘었다. "
                  "외국인은 유가증권시장에서 2000억원어치를 순매도했다. 무역수지는 50억달러 흑자였다.")
    assert got["3.1%"] == "주가"  # a change verb after a rate: no phrase after it (올랐다)
    assert got["80만원"] == "가격"  # not 아래 nor 톤: a rate's base
    assert got["0.2%"] == "전세가격"
    assert got["85달러"] == "유가"  # 국제유가가 less one 가, not two
    assert got["2000억원"] == "순매도"  # 유가 inside 유가증권시장 is no measure word
    assert got["50억달러"] == "무역수지"  # 흑자였다 ends the sentence: a predicate, not what is counted
