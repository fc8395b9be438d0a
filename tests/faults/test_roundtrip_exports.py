"""Nothing injected in an export, nothing lost on the way back (issue 10).

The attack found the Markdown export writing ``<javascript:alert(1)>`` and ``[관련](javascript:…)``,
a url with ``"><img onerror>`` coming out as raw HTML, TSV cells starting with ``=``, ``+``, ``-``,
``@`` written as formulas, a body with a ``---`` line and an in-body ``### 요약 및 의견`` line coming
back from ``export -f tsv`` → ``new`` cut after its first paragraph, and a 3-note TSV digest failing
with "no article text found". Every hostile url and text below goes through the real CLI; the
Markdown is parsed back with markdown-it (its own link check off, so a bad link would show), the
HTML with html.parser, the Word file with python-docx.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

HOSTILE_URLS = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)", "file:///etc/passwd", "https://a.example/\"><img src=x onerror=alert(1)>",
    "jav&#x61;script:alert(1)", "https://a.example/x><script>alert(1)</script>",
]
HOSTILE_MD = [
    "[링크](javascript:alert(1))", "![그림](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[참고]: javascript:alert(1)\n\n[참고]", "<javascript:alert(1)>", "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>", "\\](javascript:alert(1))", "[x](<javascript:alert(1)>)",
    "[x]( javascript:alert(1))", "[x](jav&#x61;script:alert(1))", "[x](JAVASCRIPT:alert(1) \"t\")",
    "[좋은 링크](https://ok.example/a)",
]
FORMULAS = ["=1+2", "=HYPERLINK(\"http://evil.example\",\"x\")", "+SUM(A1)", "-2+3", "@SUM(A1:A2)",
            "=cmd|' /C calc'!A0", "'=이미 따옴표", "''@두 따옴표", "- 목록 항목"]
# A body the TSV reader used to cut: a --- line, a heading like the form's own, furniture-like lines,
# a last line that is no sentence.
TRICKY_BODY = ("첫 문단이다. 구글이 인재를 뽑는다.\n\n---\n\n### 요약 및 의견\n\n둘째 문단이다.\n\n[관련 기사] 다른 기사\n\n"
               "Copyright ⓒ 한국경제\n\n홍길동 기자\n\n끝맺지 않은 줄")
FIELDS = ("headline", "body", "insights", "research", "summary", "questions")


def _import(cli, notes, tmp_path, name="in.json"):
    f = tmp_path / name
    f.write_text(json.dumps(notes, ensure_ascii=False), encoding="utf-8")
    r = cli("import", f)
    assert r.exit_code == 0, r.stderr
    return [int(x) for x in r.stdout.split()]


def _shown(cli, nid) -> dict:
    return json.loads(cli("show", nid, "--json").stdout)


@pytest.fixture
def hostile_links(cli, tmp_path):
    """A note per hostile url (as its url and in its 연관기사), every hostile Markdown text in its sections."""
    notes = [{"title": f"링크 {i}", "url": url, "body": "본문이다. " + " ".join(HOSTILE_MD[:3]),
              "insights": "\n\n".join(HOSTILE_MD), "summary": HOSTILE_MD[i % len(HOSTILE_MD)],
              "related": [{"headline": f"관련 {i}", "url": url}, {"headline": "좋은", "url": "https://ok.example/r"}]}
             for i, url in enumerate(HOSTILE_URLS)]
    return _import(cli, notes, tmp_path)


# -- Markdown ----------------------------------------------------------------------------------------------
def md_links(text: str) -> tuple[list[str], list[str]]:
    """(every link or image target, every raw HTML piece) a CommonMark viewer would make of ``text``.
    markdown-it's own refusal of javascript: links is turned off: the export must not rely on it."""
    md = MarkdownIt("commonmark")
    md.validateLink = lambda url: True
    targets, html = [], []

    def walk(tokens):
        for t in tokens:
            if t.type in ("link_open", "image"):
                targets.append(t.attrGet("href") or t.attrGet("src") or "")
            if t.type in ("html_inline", "html_block"):
                html.append(t.content)
            if t.children:
                walk(t.children)

    walk(md.parse(text))
    return targets, html


def test_the_markdown_check_sees_a_bad_link():
    """The control: the checker finds the links and HTML the export used to write."""
    targets, html = md_links("- 링크: <javascript:alert(1)>\n\n[관련](javascript:alert(1))\n\n<img src=x onerror=alert(1)>")
    assert targets == ["javascript:alert(1)", "javascript:alert(1)"] and html


@pytest.mark.parametrize("args", [("1",), ("2",), ("6",), ("--all",)], ids=" ".join)
def test_markdown_export_links_only_to_http(cli, hostile_links, args):
    r = cli("export", *args, "-f", "md")
    assert r.exit_code == 0, r.stderr
    targets, html = md_links(r.stdout)
    assert html == [], html
    assert targets and all(re.match(r"https?://", t, re.I) for t in targets), targets
    assert "https://ok.example/a" in targets and "https://ok.example/r" in targets  # good links stay links


def test_markdown_export_comes_back_the_same(cli, hostile_links, tmp_path):
    for nid in hostile_links[:3]:
        before = _shown(cli, nid)
        out = tmp_path / f"{nid}.md"
        assert cli("export", nid, "-f", "md", "-o", out).exit_code == 0
        r = cli("new", out, "--no-edit", "--no-drafts", "--json")
        assert r.exit_code == 0, r.stderr
        after = json.loads(r.stdout)
        assert {k: after[k] for k in FIELDS if k != "headline"} == {k: before[k] for k in FIELDS if k != "headline"}


# -- HTML --------------------------------------------------------------------------------------------------
class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


ALLOWED = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "nav", "ol", "ul",
           "li", "a", "span", "article", "section", "table", "tr", "th", "td"}


def test_html_export_has_no_active_link_and_no_element_from_a_field(cli, hostile_links):
    r = cli("export", "--all", "-f", "html")
    assert r.exit_code == 0, r.stderr
    page = _Page()
    page.feed(r.stdout)
    assert {t for t, _ in page.tags} <= ALLOWED
    assert not any(k.startswith("on") for _, attrs in page.tags for k in attrs)
    for _t, attrs in page.tags:
        for k in ("href", "src", "action", "formaction"):
            if k in attrs:
                assert re.match(r"(https?://|#note-\d+$)", attrs[k]), attrs[k]
    hrefs = {a["href"] for t, a in page.tags if t == "a"}
    assert "https://ok.example/r" in hrefs  # the control: an http link is a link
    text = "".join(page.text)
    for url in HOSTILE_URLS:  # shown as the text it is
        assert url in text, url


# -- Word ----------------------------------------------------------------------------------------------------
def test_docx_hyperlinks_only_to_http(cli, hostile_links, tmp_path):
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn

    out = tmp_path / "all.docx"
    r = cli("export", "--all", "-f", "docx", "-o", out)
    assert r.exit_code == 0, r.stderr
    d = docx.Document(str(out))
    rels = d.part.rels
    external = [rel.target_ref for rel in rels.values() if rel.is_external]
    assert all(re.match(r"https?://", t) for t in external), external
    for link in d.element.body.iter(qn("w:hyperlink")):
        rid = link.get(qn("r:id"))
        assert rid is None or re.match(r"https?://", rels[rid].target_ref)
    fields = [el.text or "" for el in d.element.body.iter(qn("w:instrText"))]
    assert not [f for f in fields if "HYPERLINK" in f and not re.search(r'HYPERLINK\s+"https?://', f)]
    assert [rel for rel in rels.values() if rel.reltype == RT.HYPERLINK and "javascript" in rel.target_ref.lower()] == []
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    assert "javascript:alert(1)" in cells  # shown as text


# -- TSV -------------------------------------------------------------------------------------------------------
def test_tsv_cells_never_start_a_formula_and_come_back_the_same(cli, tmp_path):
    notes = [{"title": f, "headline": f, "source": f, "body": f"{f}\n\n본문 문장이다.\n\n{f}",
              "insights": f"{f}\n{f}", "summary": f, "questions": f"{f}\n- 질문?",
              "related": [{"headline": f, "url": "https://ok.example/r"}]} for f in FORMULAS]
    ids = _import(cli, notes, tmp_path)
    r = cli("export", *ids, "-f", "tsv")
    assert r.exit_code == 0, r.stderr
    for row in r.stdout.split("\n"):
        for cell in row.split("\t"):
            assert not re.match(r"[=+\-@\t\r]", cell), row
    out = tmp_path / "all.tsv"
    assert cli("export", *ids, "-f", "tsv", "-o", out).exit_code == 0
    r = cli("new", out, "--no-edit", "--no-drafts", "--json", "--force")  # the same articles again: --force
    assert r.exit_code == 0, r.stderr
    back = json.loads(r.stdout)
    assert len(back) == len(ids)
    for nid, after in zip(ids, back):
        before = _shown(cli, nid)
        assert {k: after[k] for k in FIELDS} == {k: before[k] for k in FIELDS}, before["title"]
        assert after["source"] == before["source"] and after["title"] == before["headline"]


def test_tsv_roundtrip_keeps_a_body_with_form_like_lines(cli, tmp_path):
    (nid,) = _import(cli, [{"title": "구조", "headline": "구조 헤드라인", "body": TRICKY_BODY, "summary": "내 요약"}],
                     tmp_path)
    before = _shown(cli, nid)
    assert "### 요약 및 의견" in before["body"] and "\n---\n" in before["body"]
    out = tmp_path / "one.tsv"
    assert cli("export", nid, "-f", "tsv", "-o", out).exit_code == 0
    r = cli("new", out, "--no-edit", "--no-drafts", "--json")
    assert r.exit_code == 0, r.stderr
    after = json.loads(r.stdout)
    assert after["body"] == before["body"]
    assert {k: after[k] for k in FIELDS} == {k: before[k] for k in FIELDS}


def test_tsv_digest_of_three_notes_comes_back_as_three(cli, tmp_path):
    """Notes without a headline whose bodies are short or no sentence: each form still has its text."""
    notes = [{"title": "가 노트", "body": "짧은 본문"}, {"title": "나 노트", "body": TRICKY_BODY},
             {"title": "다 노트", "body": "셋째 본문이다.\n\n- 목록 하나\n- 목록 둘"}]
    ids = _import(cli, notes, tmp_path)
    r = cli("export", *ids, "-f", "tsv")
    digest = tmp_path / "d.tsv"
    digest.write_text(r.stdout, encoding="utf-8")  # what `export 1 2 3 -f tsv > d.tsv` writes
    r = cli("new", digest, "--no-edit", "--no-drafts", "--json")
    assert r.exit_code == 0, r.stderr
    back = json.loads(r.stdout)
    assert [n["body"] for n in back] == [_shown(cli, i)["body"] for i in ids]
    assert back[0]["title"] == "짧은 본문"  # no headline, no title row: the body's first words


def test_a_hand_filled_form_is_still_cleaned(cli, tmp_path):
    """The control: a form pasted by hand (no 출처/기자/날짜 rows of the export) has its 본문 cleaned as before."""
    form = tmp_path / "form.tsv"
    form.write_text("경제신문 스크랩 양식\n\n헤드라인\t구글, 인재 키운다\n기사링크\thttps://www.hankyung.com/it/article/1\n"
                    "본문\t구글이 한국 인재 500명을 키운다고 밝혔다.\n\t\n\t---\n\t\n\t느낀 점\n\t내 생각이다.\n"
                    "요약 및 의견\t'=요약이다\n", encoding="utf-8")
    r = cli("new", form, "--no-edit", "--no-drafts", "--json")
    assert r.exit_code == 0, r.stderr
    made = json.loads(r.stdout)
    assert made["body"] == "구글이 한국 인재 500명을 키운다고 밝혔다."
    assert made["summary"] == "=요약이다"


# -- JSON ------------------------------------------------------------------------------------------------------
def test_json_export_and_import_keep_hostile_fields(cli, tmp_path):
    bad = "\x1b]0;PWNED\x07\x9b2J\u202e\x7f"
    notes = [{"title": f"제목{bad}", "source": f"출처{bad}", "url": HOSTILE_URLS[5], "tags": [f"태그{bad}", "=1+2"],
              "body": TRICKY_BODY + f"\n\n{bad}", "insights": "\n\n".join(HOSTILE_MD),
              "related": [{"headline": "관련", "url": "javascript:alert(1)"}]}]
    (nid,) = _import(cli, notes, tmp_path)
    before = _shown(cli, nid)
    out = tmp_path / "all.json"
    assert cli("export", nid, "-f", "json", "-o", out).exit_code == 0
    raw = out.read_text(encoding="utf-8")
    assert "\x9b" not in raw and "\u202e" not in raw and "\\u009b" in raw  # escaped, the same JSON
    other = tmp_path / "other"
    r = cli("--home", other, "import", out)
    assert r.exit_code == 0, r.stderr
    after = json.loads(cli("--home", other, "show", r.stdout.split()[0], "--json").stdout)
    for k in ("title", "source", "url", "tags", "related", *FIELDS):
        assert after[k] == before[k], k
