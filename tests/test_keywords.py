"""Keywords with kiwipiepy: terms, compounds, ranking against a collection, companies and industries."""
from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest
import yaml

from scrapnote.analyze import keywords as kw
from scrapnote.analyze.keywords import (extract_terms, get_kiwi, guess_companies, guess_industry,
                                        idf, rank_keywords)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="module", autouse=True)
def kiwi():
    """Load the model once: get_kiwi() caches it for the whole process."""
    return get_kiwi()


@pytest.fixture(scope="module")
def seed_texts():
    return {p.name[:3]: p.read_text("utf-8") for p in SEED_FILES}


@pytest.fixture(scope="module")
def collection(seed_texts):
    """doc_freq over the five samples, as the index would keep it."""
    df: dict[str, int] = {}
    for text in seed_texts.values():
        for t in set(extract_terms(text)):
            df[t] = df.get(t, 0) + 1
    return df, len(seed_texts)


@pytest.mark.parametrize("seed,name", [("000", "카카오"), ("001", "카카오"), ("002", "구글"),
                                        ("003", "네이버"), ("004", "KAIST"), ("004", "KT")])
def test_keywords_on_samples_contain_the_obvious_names(seed_texts, collection, seed, name):
    df, n = collection
    ranked = rank_keywords(seed_texts[seed], df, n)
    assert 5 <= len(ranked) <= 10
    assert name in ranked
    assert name in rank_keywords(seed_texts[seed], {}, 0)  # also before there is a collection


def test_kiwi_is_built_once(kiwi):
    assert get_kiwi() is kiwi


def test_kiwi_constructor_arguments(monkeypatch):
    calls = []

    words = []

    class FakeKiwi:
        def __init__(self, **kwargs):
            calls.append(kwargs)

        def add_user_word(self, word, tag):
            words.append((word, tag))

    monkeypatch.setitem(sys.modules, "kiwipiepy", types.SimpleNamespace(Kiwi=FakeKiwi))
    monkeypatch.setattr(kw, "_KIWI", None)
    first = kw.get_kiwi()
    assert kw.get_kiwi() is first
    # only what the drafts use (bench/kiwi_options.py measures each option)
    assert calls == [{"num_workers": 0, "load_default_dict": False, "load_typo_dict": False,
                      "load_multi_dict": False}]
    # in place of the default dictionary, the names the drafts know, as proper nouns, once each
    assert ("카카오브레인", "NNP") in words and ("이데일리", "NNP") in words and ("한경", "NNP") in words
    assert all(tag == "NNP" for _, tag in words) and len(words) == len(set(words))
    assert not any(w in ("KT", "LG CNS", "SK하이닉스") for w, _ in words)  # Latin letters: left to _groups


def test_importing_analyze_does_not_import_kiwipiepy():
    code = ("import sys, scrapnote.analyze.keywords, scrapnote.analyze.summary, "
            "scrapnote.analyze.related, scrapnote.analyze.numbers; "
            "assert 'kiwipiepy' not in sys.modules, 'kiwipiepy imported at module level'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_compound_nouns_are_merged():
    terms = extract_terms("삼성전자의 영업이익이 크게 늘었다. 인공지능 공동연구센터를 세운다.")
    assert "영업이익" in terms and "영업" not in terms and "이익" not in terms
    assert "인공지능" in terms and "공동연구센터" in terms


def test_spaced_nouns_are_not_merged_unless_written_together_elsewhere():
    assert "머신러닝" not in extract_terms("머신 러닝 캠프를 연다.")
    assert extract_terms("머신러닝 캠프. 머신 러닝 전문가.").count("머신러닝") == 2


def test_acronyms_kept_and_furniture_dropped():
    terms = extract_terms(
        "KAIST와 KT가 AI·SW R&D 반도체 연구를 한다. 장병탁 교수는 말했다. 관계자는 사진을 제공했다. "
        "김유성 기자 kimss56@itdaily.kr http://www.itdaily.kr/news 것 수 등")
    for t in ("KAIST", "KT", "AI", "SW", "R&D", "반도체"):
        assert t in terms
    for t in ("장병탁", "교수", "관계자", "사진", "제공", "기자", "김유성", "것", "수", "등"):
        assert t not in terms
    assert not any("itdaily" in t.lower() or "kimss" in t for t in terms)


def test_person_before_organisation_and_title_is_dropped():
    terms = extract_terms("김남주 카카오브레인 연구 총괄은 이렇게 말했다.")
    assert "카카오브레인" in terms and "김남주" not in terms


def test_a_word_in_every_note_ranks_low():
    text = "반도체 경제 메모리 경제 반도체 경제 메모리 파운드리 경제"
    base = rank_keywords(text, {}, 0)
    assert base[0] == "경제"  # most frequent when there is no collection
    ranked = rank_keywords(text, {"경제": 20, "반도체": 2, "메모리": 3, "파운드리": 1}, 20)
    assert ranked[-1] == "경제"
    assert ranked.index("반도체") < ranked.index("경제")


def test_a_word_in_every_note_ranks_low_even_when_frequent():
    text = "경제 " * 20 + "반도체 반도체"
    alone = ({}, 0)  # the collection's counts only, no general-news counts beside them
    assert rank_keywords(text, {"경제": 5, "반도체": 1}, 5, general=alone) == ["반도체", "경제"]
    assert rank_keywords(text, {"경제": 4, "반도체": 1}, 5, general=alone) == ["경제", "반도체"]  # not in every note


def test_rank_respects_k_and_is_deterministic(seed_texts, collection):
    df, n = collection
    a = rank_keywords(seed_texts["003"], df, n, k=5)
    assert len(a) == 5
    assert a == rank_keywords(seed_texts["003"], df, n, k=5)
    assert rank_keywords(seed_texts["003"], df, n, k=10)[:5] == a


def test_idf_orders_by_rarity():
    assert idf(0, 10) > idf(1, 10) > idf(5, 10) > idf(10, 10) == 1.0
    assert idf(0, 0) == 1.0


def test_guess_companies():
    terms = ["카카오", "카카오뱅크", "구글코리아", "국민은행", "중앙은행", "시중은행", "카카오톡",
             "LG전자", "연구그룹", "카카오", "Google", "LG그룹", "인공지능"]
    assert guess_companies(terms, limit=None) == ["카카오", "카카오뱅크", "구글코리아", "KB국민은행", "LG전자",
                                                  "구글", "LG"]  # aliases: Google is 구글, 국민은행 KB국민은행
    # most mentioned first, then first mentioned; five at most by default
    assert guess_companies(terms) == ["카카오", "카카오뱅크", "구글코리아", "KB국민은행", "LG전자"]
    assert guess_companies(["구글", "카카오", "카카오", "Google", "카카오"]) == ["카카오", "구글"]
    assert guess_companies(terms, limit=2) == ["카카오", "카카오뱅크"]


def test_words_glued_onto_a_company_are_not_part_of_it():
    terms = ["KT융합기술원장", "KT배순민", "KT과제", "KT채용연계", "KT채용연계형", "KT공동연구센터", "KT인공지능",
             "카카오채용", "네이버측", "메타버스", "애플리케이션"]
    assert guess_companies(terms) == ["KT", "카카오", "네이버"]
    # affiliate endings still extend the name
    assert guess_companies(["KT클라우드", "SK바이오팜", "구글코리아", "삼성전자"]) == [
        "KT클라우드", "SK바이오팜", "구글코리아", "삼성전자"]
    terms = extract_terms("KT융합기술원장 김이한 전무와 공동연구소장인 KT배순민 AI2XL연구소장이 KT과제와 "
                          "KT채용연계형 인턴십을 소개했다. KT클라우드도 참여한다.")
    assert not any(t.startswith("KT") and t not in ("KT", "KT클라우드") for t in terms)
    assert guess_companies(terms) == ["KT", "KT클라우드"]


def test_made_up_sentence_gives_exactly_its_companies():
    text = "SK하이닉스와 삼성전자, LG에너지솔루션이 배터리와 반도체 투자를 늘렸다. 삼성전자 관계자는 말했다."
    assert guess_companies(extract_terms(text)) == ["삼성전자", "SK하이닉스", "LG에너지솔루션"]
    assert set(guess_companies(extract_terms("SK네트웍스와 CJ대한통운, LG이노텍이 손잡았다."))) == {
        "SK네트웍스", "CJ대한통운", "LG이노텍"}


@pytest.mark.parametrize("seed,companies", [
    ("000", {"카카오", "구글"}), ("001", {"카카오", "구글"}), ("002", {"구글"}),
    ("003", {"네이버", "LG", "하이퍼커넥트"}), ("004", {"KT"}),
])
def test_companies_on_samples(seed_texts, seed, companies):
    listed = guess_companies(extract_terms(seed_texts[seed]))
    found = set(listed)
    assert companies <= found
    assert len(listed) == len(found) <= 5
    assert "KAIST" not in found  # a university, not a company
    assert not any(c.startswith("KT") and c != "KT" for c in found)  # KT배순민, KT과제, KT융합기술원장 …


@pytest.mark.parametrize("seed,first", [("000", "카카오"), ("001", "카카오"), ("002", "구글"),
                                         ("003", "네이버"), ("004", "KT")])
def test_the_subject_company_comes_first(seed_texts, seed, first):
    listed = guess_companies(extract_terms(seed_texts[seed]))
    assert listed[0] == first
    if seed == "002":
        assert set(listed) <= {"구글", "구글코리아"}
    if seed == "004":
        assert listed == ["KT"]


def test_guess_industry():
    assert guess_industry(["반도체", "메모리", "파운드리", "삼성전자", "HBM"])[0] == "반도체"
    assert guess_industry(["금리", "대출", "은행", "금리"]) == ["금융"]
    assert guess_industry(["사람", "행사"]) == []
    assert guess_industry(["인공지능연구소", "클라우드", "카카오"]) == ["IT"]


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_samples_are_it(seed_texts, seed):
    assert guess_industry(extract_terms(seed_texts[seed]))[:1] == ["IT"]


def test_data_tables_are_consistent():
    data = Path(kw.__file__).resolve().parent.parent / "data"
    industries = yaml.safe_load((data / "industries.yaml").read_text("utf-8"))
    companies = yaml.safe_load((data / "companies.yaml").read_text("utf-8"))["companies"]
    assert len(companies) >= 380  # the large caps, platforms and foreign firms the news names most
    specs = {k: (v if isinstance(v, dict) else {"industry": v}) for k, v in companies.items()}
    names = [n.casefold() for k, v in specs.items() for n in (k, *(v.get("aliases") or []))]
    assert len(names) == len(set(names))  # every name and alias stands for one company
    assert len(industries) >= 12 and all(isinstance(v, list) and v for v in industries.values())
    assert all(isinstance(t, str) for v in industries.values() for t in v)
    for name in ("카카오", "네이버", "구글", "KT", "LG", "삼성전자", "SK하이닉스"):
        assert name in companies
    assert {v.get("industry") for v in specs.values()} - {None} <= set(industries)


def test_company_written_as_group_name_plus_hangul_is_the_longest_known_name():
    text = "SK하이닉스가 2분기 매출 16조원을 기록했다. LG에너지솔루션과 CJ제일제당, LG CNS도 실적을 냈다. SK바이오팜은 신약을 냈다."
    terms = extract_terms(text)
    assert "SK" not in terms and "하이닉스" not in terms
    companies = guess_companies(terms)
    assert companies[:4] == ["SK하이닉스", "LG에너지솔루션", "CJ제일제당", "LG CNS"]
    assert "SK바이오팜" in companies  # an affiliate companies.yaml does not list
    assert guess_companies(extract_terms("SK그룹이 투자했다. SK가 밝혔다.")) == ["SK"]  # one group
    assert guess_companies(extract_terms("AI반도체 시장이 커졌다.")) == []  # AI is no company


def test_latin_and_hangul_written_as_one_word_are_one_term():
    terms = extract_terms("한국GM과 오픈AI, 챗GPT. K뷰티와 C커머스가 컸다. TC본더를 VS사업본부가 산다. S-Oil과 OPEC+도.")
    for t in ("한국GM", "오픈AI", "챗GPT", "K뷰티", "C커머스", "TC본더", "VS사업본부", "S-Oil", "OPEC+"):
        assert t in terms, (t, terms)
    assert extract_terms("AI반도체 시장이 커졌다.") == ["AI반도체", "시장"]
    # the Latin word also standing alone: two terms (AI and 반도체), as the article reads them
    assert "AI반도체" not in extract_terms("AI가 컸다. AI반도체 시장도 컸다.")
    # a number and its counter stay a figure; a known Latin name keeps apart what is no affiliate
    assert not {"2분기", "80만대", "KT과제"} & set(extract_terms("2분기에 80만대를 팔았다. KT과제를 했다."))


def test_noun_suffixes_stay_on_their_noun():
    terms = extract_terms("희토류 수출이 막혔다. 중계권을 샀다. 철수설이 돈다. 원통형 배터리. 한국부동산원 조사. 사업성이 낮다.")
    for t in ("희토류", "중계권", "철수설", "원통형", "한국부동산원", "사업성"):
        assert t in terms, (t, terms)
    assert "기업들" not in extract_terms("기업들이 늘었다.")  # a plural ends the term


def test_places_and_titles_are_no_terms():
    terms = extract_terms("서울 아파트값과 미국 관세, 유럽 수요를 봤다. 김동관 한화그룹 부회장과 김범수 창업자, "
                          "배동근 크래프톤 최고재무책임자가 말했다. 이창용 한국은행 총재도 말했다.")
    assert not {"서울", "미국", "유럽", "김동관", "김범수", "배동근", "이창용"} & set(terms), terms
    assert {"관세", "한화그룹", "크래프톤", "한국은행"} <= set(terms)  # a body before a title is no person


def test_units_are_not_keywords():
    text = ("가상은행이 기준금리를 연 3.50%에서 3.25%로 0.25%포인트 내렸다. 미국은 0.5%포인트, 영국은 3퍼센트포인트 "
            "내렸다. 2분기 성장률은 0.5% 포인트 낮아졌다. 3.5% 성장했다.")
    terms = extract_terms(text)
    for unit in ("%포인트", "포인트", "퍼센트포인트", "분기"):
        assert unit not in terms
    assert "성장" in terms and "기준금리" in terms  # a noun after a unit is still a term
    assert "%포인트" not in rank_keywords(text, {}, 0)


def test_a_proper_noun_before_a_common_noun_is_no_given_name():
    terms = extract_terms("비바리퍼블리카가 미국 나스닥 상장을 추진한다. 상장 시기는 내년이다. 상장 주관사를 뽑았다. "
                          "K뷰티 업계가 긴장했다. 업계는 관세를 걱정한다. 업계 관계자가 말했다.")
    assert "나스닥" in terms and "K뷰티" in terms


PUREUN = ("푸른에너지, 태양광 모듈 공장 증설\n\n"
          "푸른에너지가 충남 당진에 태양광 모듈 공장을 증설한다고 3일 밝혔다. 푸른에너지는 이번 투자로 연간 "
          "생산능력을 2기가와트로 늘린다. 푸른에너지 관계자는 \"수주가 늘었다\"고 말했다. 밝은미래재단도 "
          "지역 인재 양성에 나선다.\n")


def test_a_name_with_a_modifier_written_onto_it_stays_whole(cli):
    """Kiwi reads 푸른에너지가 as 푸르+ᆫ+에너지+가: the keywords had 에너지, the company's name cut.
    A modifier written onto its noun as one word (no space after the adnominal ending, as Korean
    spacing would put) is one name: 푸른에너지, 밝은미래재단 — whole in keywords and companies."""
    r = cli("new", "--no-edit", "--json", "--company", "푸른에너지", "-", input=PUREUN)
    assert r.exit_code == 0, r.stderr
    j = json.loads(r.stdout)
    assert j["companies"] == ["푸른에너지"]
    assert "푸른에너지" in j["keywords"] and "에너지" not in j["keywords"], j["keywords"]
    assert "밝은미래재단" in extract_terms(PUREUN) and "미래재단" not in extract_terms(PUREUN)
    assert "에너지" in extract_terms("새로운 에너지 정책이 나왔다.")  # written apart: the noun alone


def test_the_known_names_a_term_starts_with_are_the_scans():
    """The prefix lookup behind companies: the known names a term starts with, in the catalogue's
    order, are exactly what trying every known name on the term gives."""
    from scrapnote.analyze import keywords as kw

    known = list(kw._known_casefold())
    terms = {n + tail for n in known for tail in ("", "전자", "그룹", "배순민", "x")} | {n[:-1] for n in known}
    for t in sorted(terms):
        cf = t.casefold()
        for end in (len(cf), len(cf) + 1):
            want = [n for n in known if 2 <= len(n) < end and cf.startswith(n)]
            assert kw._known_prefixes(cf, end) == want, t


# --- generic news nouns: common in the general-news counts, said little here -------------------------

_GENERIC_TEXT = ("가람반도체, 낸드 감산 결정\n\n가람반도체가 낸드플래시 감산을 결정했다. 메모리 부문 실적이 부진했다. "
                 "회사는 낸드플래시 재고를 줄이고 파운드리 투자를 늘린다. 낸드플래시 가격은 떨어졌다. "
                 "파운드리 가동률은 올랐다. 업계는 파운드리 수주와 파운드리 부문 인력을 주목한다. 반도체 업황이 나쁘다.")


def test_generic_news_nouns_said_little_are_no_keywords():
    general = ({"부문": 9, "실적": 9, "가격": 9, "파운드리": 9, "반도체": 9, "가동률": 1}, 50)
    got = rank_keywords(_GENERIC_TEXT, {}, 0, k=20, general=general)
    assert "부문" not in got and "실적" not in got and "가격" not in got  # in 9 of 50 general articles, said ≤ 2 times
    assert "파운드리" in got  # as common in general news, but said four times here: its topic
    assert "반도체" in got  # an industry's indicator (industries.yaml) is a topic however common
    assert "가동률" in got and "낸드플래시" in got  # rare in general news: kept
    assert "부문" in rank_keywords(_GENERIC_TEXT, {}, 0, k=20, general=({}, 0))  # no general counts: no such rule


def test_the_built_in_general_counts_make_the_generic_nouns():
    generic = kw._generic_nouns(*kw.news_terms())
    assert {"부문", "실적", "사업", "공개"} <= generic  # each in 4 or more of the 49 general-news articles
    assert not generic & {"환율", "클라우드", "기준금리", "반도체", "배터리", "금리"}  # econ_terms / industries topics
