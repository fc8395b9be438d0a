"""Markdown under the form's ``## label`` headings (a note exported with ``export -f md``, or written
that way by hand): each heading's text lands in its section, nothing is thrown away."""
from __future__ import annotations

import json

from scrapnote import config
from scrapnote.extract import extract, extract_all, load_articles

MB = 1 << 20
FIELDS = ("title", "url", "source", "reporter", "published", "body", "insights", "research", "summary",
          "questions", "companies", "tags", "headline", "related")

FORM_TSV = (
    "헤드라인\t가상반도체 수출 20% 증가\n"
    "기사링크\thttps://www.hankyung.com/article/2024010112345\n"
    "본문\t삼성전자와 SK하이닉스의 반도체 수출이 전년 대비 20% 늘었다고 산업통상자원부가 1일 밝혔다. "
    "<script>alert(1)</script> 같은 문자열도 그대로 있다.\n"
    "\t메모리 가격 반등이 수출 증가를 이끌었다는 분석이다. 김가상 기자 kim@hankyung.com\n"
    "수치화\t- 수출 20% 증가 *강조* 1 < 2\n"
    "추가조사할 내용\tHBM이란? [링크](https://example.com/hbm)\n"
    "요약 및 의견\t반도체가 살아난다.\n"
    "적용할점\t현직자에게: HBM 비중은?\n"
    "연관기사\t- [다른 기사](https://example.com/a)\n"
)


def _new_json(cli, path, *extra):
    r = cli("new", path, "--dry-run", "--json", *extra)
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    return data if isinstance(data, list) else [data]


def test_qa_repro_keeps_every_heading(cli, tmp_path):
    p = tmp_path / "t.md"
    p.write_text("제목입니다 테스트\n\n첫 문단 내용이다.\n\n## 적용할점\n\n질문이다?\n\n## 기타 메모\n\n메모.\n",
                 encoding="utf-8")
    [n] = _new_json(cli, p, "--no-drafts")
    assert n["title"] == "제목입니다 테스트"
    assert n["questions"] == "질문이다?"
    assert "첫 문단 내용이다." in n["body"]
    assert "기타 메모" in n["body"] and "메모." in n["body"]  # a heading the form does not know stays
    assert "질문이다" not in n["body"]


def test_export_md_then_new_round_trip(cli, tmp_path, monkeypatch):
    src = tmp_path / "form.tsv"
    src.write_text(FORM_TSV, encoding="utf-8")
    r = cli("new", src, "--tag", "반도체", "--tag", "수출")
    assert r.exit_code == 0, r.stderr
    r = cli("show", "1", "--json")
    assert r.exit_code == 0, r.stderr
    before = json.loads(r.stdout)
    assert all(before[k] for k in FIELDS), {k: before[k] for k in FIELDS if not before[k]}
    md = tmp_path / "1.md"
    assert cli("export", "1", "-f", "md", "-o", md).exit_code == 0
    assert "\\<script>" in md.read_text(encoding="utf-8")

    monkeypatch.setenv("SCRAPNOTE_HOME", str(tmp_path / "other"))  # another collection
    config.set_home(None)
    [after] = _new_json(cli, md)
    assert {k: after[k] for k in FIELDS} == {k: before[k] for k in FIELDS}
    assert "<script>alert(1)</script>" in after["body"]


def test_export_md_digest_reads_one_article_per_note(cli, tmp_path):
    src = tmp_path / "form.tsv"
    src.write_text(FORM_TSV, encoding="utf-8")
    assert cli("new", src, "--no-drafts").exit_code == 0
    other = tmp_path / "b.md"
    other.write_text("가상은행, 금리 인하\n\n가상은행이 예금 금리를 0.25%포인트 내렸다.\n\n## 요약\n\n금리가 내린다.\n",
                     encoding="utf-8")
    assert cli("new", other, "--no-drafts").exit_code == 0
    out = tmp_path / "digest.md"
    r = cli("export", "1", "2", "-f", "md", "-o", out)
    assert r.exit_code == 0, r.stderr
    arts = load_articles(str(out), max_bytes=5 * MB)
    assert [a.title for a in arts] == ["가상반도체 수출 20% 증가", "가상은행, 금리 인하"]
    assert arts[0].url == "https://www.hankyung.com/article/2024010112345"
    assert arts[0].sections["questions"] == "현직자에게: HBM 비중은?"
    assert "<script>" in arts[0].body and "\\<" not in arts[0].body
    assert arts[1].sections == {"headline": "가상은행, 금리 인하", "summary": "금리가 내린다."}
    assert arts[1].body == "가상은행이 예금 금리를 0.25%포인트 내렸다."


def test_hand_written_form_headings_with_front_matter():
    text = ("---\ntitle: 가상전자 실적\nurl: https://www.mk.co.kr/news/1\ntags: [반도체]\n---\n\n"
            "## 본문\n\n가상전자가 3분기 영업이익 9조원을 기록했다.\n\n## 수치화\n\n- 9조원\n\n## 요약 및 의견\n\n좋다.\n")
    a = extract(text, origin="x.md")
    assert a.title == "가상전자 실적"
    assert a.url == "https://www.mk.co.kr/news/1"
    assert a.tags == ("반도체",)
    assert a.body == "가상전자가 3분기 영업이익 9조원을 기록했다."
    assert a.sections == {"insights": "- 9조원", "summary": "좋다."}


def test_ordinary_markdown_with_subheads_is_unchanged():
    text = ("# 가상전자, 3분기 영업이익 9조원\n\n가상전자가 3분기 영업이익 9조원을 기록했다고 8일 밝혔다.\n\n"
            "## 전망\n\n4분기에도 메모리 가격이 오를 것으로 보인다.\n\n## 본문\n\n이 줄도 본문이다.\n")
    [a] = extract_all(text, origin="a.md")
    assert a.format == "markdown" and a.sections == {}
    from scrapnote.extract.frontmatter import MarkdownExtractor

    b = MarkdownExtractor().extract(text, "a.md", None)
    assert (a.title, a.body) == (b.title, b.body)


def test_companies_and_industry_given_by_hand_survive_an_md_round_trip(cli, tmp_path):
    r = cli("new", "--no-edit", "--no-drafts", "--company", "가상전자", "--industry", "반도체", "-t", "실적", "-",
            input="가상전자, 2분기 영업이익 12조원\n\n가상전자가 2분기 영업이익 12조원을 냈다고 5일 밝혔다.\n")
    assert r.exit_code == 0, r.stderr
    out = tmp_path / "one.md"
    assert cli("export", "1", "--format", "md", "--output", out).exit_code == 0
    j = json.loads(cli("--home", tmp_path / "other", "new", "--dry-run", "--json", "--no-drafts", out).stdout)
    assert j["companies"] == ["가상전자"] and j["industry"] == ["반도체"] and j["tags"] == ["실적"]


def test_backslashes_and_markup_in_the_readers_text_survive_an_md_round_trip(cli, tmp_path):
    assert cli("new", "--no-edit", "--no-drafts", "-",
               input="가상전자, 2분기 영업이익 12조원\n\n가상전자가 2분기 영업이익 12조원을 냈다고 5일 밝혔다.\n").exit_code == 0
    from scrapnote import store, template
    from scrapnote.app.notes import load_note

    n = load_note(1)
    mine = "경로 C:\\data\\x, 별표 a\\*b, 태그 <b>굵게</b>, 1.5%"
    store.save(n.with_section("summary", mine, template.load()))
    out = tmp_path / "one.md"
    assert cli("export", "1", "--format", "md", "--output", out).exit_code == 0
    j = json.loads(cli("--home", tmp_path / "other", "new", "--dry-run", "--json", "--no-drafts", out).stdout)
    assert j["summary"] == mine


def test_format_noteform_reads_what_detection_reads(cli, tmp_path):
    """Detection picks noteform for a note under the form's headings, so `--format noteform` reads it too."""
    p = tmp_path / "note.md"
    p.write_text("제목입니다 테스트\n\n첫 문단 내용이다.\n\n## 적용할점\n\n질문이다?\n", encoding="utf-8")
    [detected] = _new_json(cli, p, "--no-drafts")
    [forced] = _new_json(cli, p, "--no-drafts", "--format", "noteform")
    assert forced["questions"] == "질문이다?" and forced["body"] == "첫 문단 내용이다."
    assert {k: forced[k] for k in FIELDS} == {k: detected[k] for k in FIELDS}
