"""The filled 스크랩 양식: its labels matched loosely, and a TSV holding several forms
(``scrapnote export 1 2 3 --format tsv``) read as one Article per form."""
from __future__ import annotations

import pytest

from scrapnote import store, template
from scrapnote.errors import InputError
from scrapnote.extract import extract, extract_all, load_article, load_articles
from scrapnote.extract.scrapform import match_label, split_forms
from scrapnote.models import Article
from scrapnote.note import build_note

MB = 1 << 20


@pytest.mark.parametrize("label,key", [
    ("헤드라인", "headline"), ("헤드라인 (요약과 압축)", "headline"), ("기사링크", "url"),
    ("본문 (본문 내용 복사)", "body"), ("기사 내용의 수치화, 인사이트", "insights"),
    ("추가조사할 내용 또는결과", "research"), ("추가조사할 내용 또는 결과", "research"),
    ("요약 및 의견 for 경제신문스크랩 스터디용", "summary"), ("적용할점 (현직자에게 할 질문)", "questions"),
    ("연관기사 링크", "related"), ("가상전자가 2분기 영업이익 12조원을 넘어섰다.", None),
])
def test_form_labels_match_loosely(label, key):
    assert match_label(label) == key


def _add(title, body, sections=None, **kw):
    art = Article(title=title, body=body, **kw)
    return store.create(lambda i: build_note(art, template.load(), i, drafts=sections))


@pytest.fixture
def digest(cli, tmp_path):
    """Three made-up notes exported as one TSV digest, the way a reader would share them."""
    _add("가상전자, 3분기 영업이익 9조원", "가상전자가 3분기 영업이익 9조원을 기록했다.\n\n메모리 가격이 올랐다.",
         {"summary": "메모리 업황이 돌아섰다.", "questions": "HBM 비중은?"},
         source="한국경제", reporter="김가상", published="2024-10-08", url="https://example.com/a/1")
    _add("가상은행, 기준금리 인하 대응", "가상은행이 예금 금리를 0.25%포인트 내렸다.\n\n대출 금리도 따라 내린다.",
         {"insights": "- 0.25%포인트 인하"}, source="매일경제", published="2024-10-12")
    _add("가상자동차, 전기차 공장 착공", "가상자동차가 울산에 전기차 공장을 짓는다.\n\n2조원을 투자한다.",
         source="연합뉴스", reporter="박가상", published="2024-10-15", url="https://example.com/c/3")
    out = tmp_path / "digest.tsv"
    r = cli("export", "1", "2", "3", "--format", "tsv", "-o", out)
    assert r.exit_code == 0, r.stderr
    return out


def test_load_articles_reads_one_article_per_form(digest):
    arts = load_articles(str(digest), max_bytes=5 * MB)
    assert [a.title for a in arts] == ["가상전자, 3분기 영업이익 9조원", "가상은행, 기준금리 인하 대응",
                                       "가상자동차, 전기차 공장 착공"]
    a, b, c = arts
    assert a.body == "가상전자가 3분기 영업이익 9조원을 기록했다.\n\n메모리 가격이 올랐다."
    assert (a.url, a.source, a.reporter, a.published) == ("https://example.com/a/1", "한국경제", "김가상", "2024-10-08")
    assert a.sections["summary"] == "메모리 업황이 돌아섰다." and a.sections["questions"] == "HBM 비중은?"
    assert "가상은행" not in a.body and "가상전자" not in b.body  # no form runs into the next
    assert (b.url, b.source, b.published) == (None, "매일경제", "2024-10-12")
    assert b.sections["insights"] == "- 0.25%포인트 인하"
    assert c.body.endswith("2조원을 투자한다.") and c.reporter == "박가상"
    assert all(x.format == "scrapform" for x in arts)


def test_load_article_refuses_several_forms(digest):
    with pytest.raises(InputError, match=r"holds 3 scrap forms"):
        load_article(str(digest), max_bytes=5 * MB)
    with pytest.raises(InputError, match=r"holds 3 scrap forms"):
        extract(digest.read_text("utf-8-sig"), origin=str(digest))


def test_one_form_and_other_inputs_are_one_article(tmp_path):
    form = "경제신문 스크랩 양식\t\t\r\n\r\n헤드라인\t가상전자 실적 발표\t\r\n본문\t가상전자가 실적을 발표했다.\t\r\n"
    p = tmp_path / "one.tsv"
    p.write_text(form, "utf-8")
    assert [a.title for a in load_articles(str(p), max_bytes=MB)] == ["가상전자 실적 발표"]
    assert load_article(str(p), max_bytes=MB).title == "가상전자 실적 발표"
    t = tmp_path / "a.txt"
    t.write_text("가상전자 실적 발표\n\n가상전자가 3분기 영업이익 9조원을 기록했다고 밝혔다. 메모리 가격이 올랐다.\n", "utf-8")
    assert len(load_articles(str(t), max_bytes=MB)) == 1


def test_forms_pasted_together_with_crlf_trailing_tabs_and_an_own_title():
    one = ("나의 기사 노트\t\t\r\n\r\n헤드라인 (요약과 압축)\t{h}\t\r\n기사링크\t{u}\t\r\n"
           "본문 (본문 내용 복사)\t{b}\t\r\n\t둘째 문단이다.\t\r\n요약 및 의견\t내 생각.\t\r\n연관기사 링크\t\t\r\n")
    text = "\r\n".join(one.format(h=f"가상기업{i} 실적 발표", u=f"https://example.com/{i}", b=f"가상기업{i}가 실적을 냈다.")
                       for i in range(1, 4))
    assert len(split_forms(text)) == 3
    arts = extract_all(text)
    assert [a.title for a in arts] == ["가상기업1 실적 발표", "가상기업2 실적 발표", "가상기업3 실적 발표"]
    assert [a.url for a in arts] == [f"https://example.com/{i}" for i in range(1, 4)]
    assert all(a.sections.get("summary") == "내 생각." and "related" not in a.sections for a in arts)
    assert arts[0].body == "가상기업1가 실적을 냈다.\n\n둘째 문단이다."


def test_a_form_with_two_headline_rows_is_still_one_form():
    text = "제목\t가상전자 실적\n헤드라인 (요약과 압축)\t가상전자, 실적 개선\n본문\t가상전자가 실적을 발표했다.\n"
    assert len(split_forms(text)) == 1
