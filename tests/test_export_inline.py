"""Inline Markdown and nested lists in the HTML and Word exports: a section's ``**굵게**``, ``*기울임*``,
`` `코드` ``, ``[글](https://…)`` and bare addresses are bold, italic, monospace and real links (only to
http(s) and mailto: addresses), and an indented ``- `` / ``1. `` under an item is a list nested under
it. The HTML page is parsed back into its element tree (lxml), the Word file opened with python-docx;
the md, tsv and json exports stay the text as typed."""
from __future__ import annotations

import json

import lxml.html
import pytest
from test_export import SCRIPT, add, docx_blocks

from scrapnote.exporters.base import blocks
from scrapnote.exporters.inline import events, to_html

SUMMARY = ("**반도체(HBM)**는 *수요*가 늘고, `HBM3E` 공급이 모자라다.\n"
           "자세히: [한국은행 보고서](https://bok.example/report?id=1&y=2026) 또는 https://news.example/a_(b)).\n"
           "<b>태그</b>와 " + SCRIPT + " 는 글자 그대로, [나쁜 링크](javascript:alert(1))도 글자 그대로.")
RESEARCH = ("- HBM 시장\n"
            "  - **SK하이닉스** 점유율\n"
            "    1. 2025년\n"
            "    2. 2026년 전망\n"
            "  - 삼성전자\n"
            "- 금리 동결\n"
            "\t1. 문의: <mailto:desk@news.example>")


def _note():
    return add("HBM 수요 기사", "본문입니다.", {"summary": SUMMARY, "research": RESEARCH})


def _section(page, key):
    (sec,) = page.xpath(f'//section[@data-key="{key}"]')
    return sec


# -- the reading ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "html"), [
    ("**반도체(HBM)**는 *중요*", "<strong>반도체(HBM)</strong>는 <em>중요</em>"),  # CommonMark leaves the first as typed
    ('금리 **"동결"**에', "금리 <strong>&#34;동결&#34;</strong>에"),
    ("***둘 다***", "<em><strong>둘 다</strong></em>"),
    ("**굵게 *기울임***", "<strong>굵게 <em>기울임</em></strong>"),
    ("__굵게__ _기울임_ snake_case_name", "<strong>굵게</strong> <em>기울임</em> snake_case_name"),
    ("3~5% 상승, ~~취소~~, 7~9%", "3~5% 상승, <del>취소</del>, 7~9%"),
    ("2 * 3 * 4, **닫히지 않음", "2 * 3 * 4, **닫히지 않음"),
    (r"\*별표\* 그대로", "*별표* 그대로"),
    ("`a **b** <c>` 와 ``x`y``", "<code>a **b** &lt;c&gt;</code> 와 <code>x`y</code>"),
    ("[글 **굵게**](https://a.example/p?x=1&y=2)", '<a href="https://a.example/p?x=1&amp;y=2">글 <strong>굵게</strong></a>'),
    ("https://a.example/x_(y)에서 (https://b.example/c).", '<a href="https://a.example/x_(y)">https://a.example/x_(y)</a>에서 '
     '(<a href="https://b.example/c">https://b.example/c</a>).'),
    ("<https://a.example/한글> [메일](mailto:desk@news.example)",
     '<a href="https://a.example/한글">https://a.example/한글</a> <a href="mailto:desk@news.example">메일</a>'),
    ("![차트](https://img.example/c.png)", '<a href="https://img.example/c.png">차트</a>'),
    ("[](https://a.example/e)", '<a href="https://a.example/e">https://a.example/e</a>'),
    ("[x](javascript:alert(1)) <javascript:alert(1)> [y](data:text/html,x) [z](mailto:x)",
     "[x](javascript:alert(1)) &lt;javascript:alert(1)&gt; [y](data:text/html,x) [z](mailto:x)"),
    ('[x](https://a.example/"onmouseover="alert(1))', '<a href="https://a.example/&#34;onmouseover=&#34;alert(1)">x</a>'),
    ("<script>alert(1)</script> **<b>x</b>**", "&lt;script&gt;alert(1)&lt;/script&gt; <strong>&lt;b&gt;x&lt;/b&gt;</strong>"),
    ("```\n**코드 안**\n```\n**밖**", "```\n**코드 안**\n```\n<strong>밖</strong>"),
    ("**첫 줄\n둘째 줄**", "**첫 줄\n둘째 줄**"),  # a mark never spans a line break
])
def test_inline_html(text, html):
    assert str(to_html(text)) == html


def test_inline_pairs_nest_and_stay_linear():
    import time

    evs = events("*a **b** c* **d *e* f**")
    assert [e for e in evs if e[0] in ("open", "close")] == [
        ("open", "em"), ("open", "strong"), ("close", "strong"), ("close", "em"),
        ("open", "strong"), ("open", "em"), ("close", "em"), ("close", "strong")]
    hostile = "**x *y _z ~~w [a](b <c " * 20_000 + "`"  # nothing closes: every mark stays text
    t = time.perf_counter()
    assert str(to_html(hostile)) == hostile.replace("<", "&lt;")
    assert time.perf_counter() - t < 5


def test_blocks_nest_lists_by_indent():
    (ul,) = blocks(RESEARCH)
    assert ul.kind == "ul" and ul.items == ("HBM 시장", "금리 동결")
    (sub,) = ul.sub(0)
    assert sub.kind == "ul" and sub.items == ("**SK하이닉스** 점유율", "삼성전자")
    (years,) = sub.sub(0)
    assert years.kind == "ol" and years.items == ("2025년", "2026년 전망") and years.sub(0) == ()
    assert sub.sub(1) == ()
    (tabbed,) = ul.sub(1)  # a tab is an indent too
    assert tabbed.kind == "ol" and tabbed.items == ("문의: <mailto:desk@news.example>",)
    # back to a shallower list (not the outermost), and a numbered list beside a bullet one
    (top,) = blocks("- a\n    - deep\n  - mid\n- b\n  1. n\n  - m")
    assert top.sub(0)[0].items == ("deep", "mid")
    assert [(b.kind, b.items) for b in top.sub(1)] == [("ol", ("n",)), ("ul", ("m",))]
    (flat,) = blocks("- a\n- b")
    assert flat.subs == ()  # a flat list is what it was


# -- HTML ----------------------------------------------------------------------------------------------------
def test_html_renders_inline_markdown_and_nested_lists(cli):
    _note()
    r = cli("export", "1", "-f", "html")
    assert r.exit_code == 0, r.stderr
    page = lxml.html.fromstring(r.stdout)
    summary = _section(page, "summary")
    (p,) = summary.findall("p")
    assert [(e.tag, e.text_content()) for e in p] == [
        ("strong", "반도체(HBM)"), ("em", "수요"), ("code", "HBM3E"), ("a", "한국은행 보고서"), ("a", "https://news.example/a_(b)")]
    links = p.findall("a")
    assert [a.get("href") for a in links] == ["https://bok.example/report?id=1&y=2026", "https://news.example/a_(b)"]
    text = p.text_content()
    assert "**" not in text and "`" not in text and "](" not in text.split("[나쁜 링크]")[0]
    # markup in the text is text; a javascript: link is its text as typed, no element of it
    assert "<b>태그</b>와 " + SCRIPT in text and "[나쁜 링크](javascript:alert(1))" in text
    assert page.xpath("//script") == [] and summary.xpath(".//b") == []
    assert not [a for a in page.iter("a") if "javascript" in (a.get("href") or "").lower()]

    research = _section(page, "research")
    (outer,) = research.findall("ul")
    items = outer.findall("li")
    assert [li.text.strip() for li in items] == ["HBM 시장", "금리 동결"]
    (inner,) = items[0].findall("ul")
    inner_items = inner.findall("li")
    assert inner_items[0].find("strong").text == "SK하이닉스"
    assert inner_items[1].text.strip() == "삼성전자"
    (years,) = inner_items[0].findall("ol")
    assert [li.text_content() for li in years.findall("li")] == ["2025년", "2026년 전망"]
    (contact,) = items[1].findall("ol")
    assert contact.find("li/a").get("href") == "mailto:desk@news.example"


# -- Word ----------------------------------------------------------------------------------------------------
def _runs(p):
    """A paragraph's runs, those inside a hyperlink too, as (text, bold, italic, font, link target)."""
    from docx.oxml.ns import qn
    from docx.text.run import Run

    rels = p.part.rels
    out = []
    for el in p._p.iter(qn("w:r")):
        run = Run(el, p)
        parent = el.getparent()
        target = rels[parent.get(qn("r:id"))].target_ref if parent.tag == qn("w:hyperlink") else None
        out.append((run.text, bool(run.bold), bool(run.italic), run.font.name, target))
    return out


def test_docx_renders_inline_markdown_and_list_levels(cli, tmp_path):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    _note()
    out = tmp_path / "n.docx"
    r = cli("export", "1", "-f", "docx", "-o", out)
    assert r.exit_code == 0, r.stderr
    d, found, _ = docx_blocks(out)
    (p,) = [p for p in d.paragraphs if p.text.startswith("반도체(HBM)")]
    runs = _runs(p)
    assert runs[0] == ("반도체(HBM)", True, False, None, None)
    assert ("수요", False, True, None, None) in runs
    assert ("HBM3E", False, False, "Consolas", None) in runs
    assert ("한국은행 보고서", False, False, None, "https://bok.example/report?id=1&y=2026") in runs
    assert ("https://news.example/a_(b)", False, False, None, "https://news.example/a_(b)") in runs
    assert not any(b or i for t, b, i, _, _ in runs if "나쁜 링크" in t)
    assert "[나쁜 링크](javascript:alert(1))" in p.text and SCRIPT in p.text and "**" not in p.text
    from docx.oxml.ns import qn
    from docx.text.run import Run

    links = list(p._p.iter(qn("w:hyperlink")))
    assert len(links) == 2
    assert {Run(r, p).style.name for h in links for r in h.iter(qn("w:r"))} == {"Hyperlink"}
    external = {rel.target_ref for rel in d.part.rels.values() if rel.reltype == RT.HYPERLINK}
    assert external == {"https://bok.example/report?id=1&y=2026", "https://news.example/a_(b)",
                        "mailto:desk@news.example"}

    lists = [(s, t) for s, t in found if s.startswith("List")]
    assert lists == [("ListBullet", "HBM 시장"), ("ListBullet2", "SK하이닉스 점유율"), ("ListNumber3", "2025년"),
                     ("ListNumber3", "2026년 전망"), ("ListBullet2", "삼성전자"), ("ListBullet", "금리 동결"),
                     ("ListNumber2", "문의: mailto:desk@news.example")]
    (sk,) = [p for p in d.paragraphs if p.text == "SK하이닉스 점유율"]
    assert _runs(sk)[0] == ("SK하이닉스", True, False, None, None)
    # each numbered list counts on its own, from its first number, in its level's numbering
    num = {p.text: p._p.pPr.numPr.numId.val for p in d.paragraphs if p.style.name.startswith("List Number")}
    assert num["2025년"] == num["2026년 전망"] != num["문의: mailto:desk@news.example"]


def test_docx_list_deeper_than_three_stays_at_three(cli, tmp_path):
    add("깊은 목록", "본문.", {"summary": "- 1\n  - 2\n    - 3\n      - 4"})
    out = tmp_path / "n.docx"
    assert cli("export", "1", "-f", "docx", "-o", out).exit_code == 0
    _, found, _ = docx_blocks(out)
    assert [(s, t) for s, t in found if s.startswith("List")] == [
        ("ListBullet", "1"), ("ListBullet2", "2"), ("ListBullet3", "3"), ("ListBullet3", "4")]


# -- the text formats stay as typed ------------------------------------------------------------------------------
def test_md_tsv_json_keep_the_markdown_as_typed(cli):
    _note()
    md = cli("export", "1", "-f", "md").stdout
    assert "**반도체(HBM)**는 *수요*가" in md and "  - **SK하이닉스** 점유율\n    1. 2025년" in md
    assert "<strong>" not in md
    data = json.loads(cli("export", "1", "-f", "json").stdout)
    assert data[0]["summary"] == SUMMARY and data[0]["research"] == RESEARCH
    tsv = cli("export", "1", "-f", "tsv").stdout
    assert "**반도체(HBM)**는 *수요*가 늘고, `HBM3E` 공급이 모자라다." in tsv and "<strong>" not in tsv


HOSTILE_INLINE = ["**<script>alert(1)</script>**", "*<img src=x onerror=alert(1)>*", "`<iframe src=x>`",
                  "[**x**](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "![x](data:text/html,<script>)",
                  "<javascript:alert(1)>", "[x](https://a.example/\"><script>alert(1)</script>)",
                  "https://a.example/\"onmouseover=alert(1)", "~~<a href=javascript:alert(1)>x</a>~~",
                  "[x](mailto:a@b.example?subject=<script>)", "- **a** <b>\n  - [y](vbscript:x) `<c>`"]


def test_html_inline_markdown_makes_no_element_but_its_own(cli):
    from test_export import ALLOWED, parse

    add("악성 마크다운", "본문.", {"summary": "\n\n".join(HOSTILE_INLINE), "research": " ".join(HOSTILE_INLINE)})
    r = cli("export", "1", "-f", "html")
    assert r.exit_code == 0, r.stderr
    page = parse(r.stdout)
    assert {t for t, _ in page.tags} <= ALLOWED | {"strong", "em", "del", "code"}
    assert {"strong", "em", "del", "code"} <= {t for t, _ in page.tags}  # the control: the marks are drawn
    assert not any(k.startswith("on") for _, attrs in page.tags for k in attrs)
    hrefs = [a["href"] for t, a in page.tags if t == "a" and "href" in a]
    assert hrefs and all(h.startswith(("https://", "#note-")) for h in hrefs), hrefs
    assert not any(c in h for h in hrefs for c in '"<> ')
    for s in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](JaVaScRiPt:alert(1))"):
        assert s in page.all_text, s


def test_docx_inline_markdown_links_only_to_http_and_mailto(cli, tmp_path):
    import docx

    add("악성 마크다운", "본문.", {"summary": "\n\n".join(HOSTILE_INLINE) + "\n\n[메일](mailto:desk@news.example)"})
    out = tmp_path / "n.docx"
    assert cli("export", "1", "-f", "docx", "-o", out).exit_code == 0
    d = docx.Document(str(out))
    targets = sorted(rel.target_ref for rel in d.part.rels.values() if rel.is_external)
    assert targets == ["https://a.example/", "mailto:desk@news.example"], targets
    text = "\n".join(p.text for p in d.paragraphs)
    assert "[x](JaVaScRiPt:alert(1))" in text and "<script>alert(1)</script>" in text


def test_an_escaped_backtick_beside_another_is_text():
    """``\\``` starts the tokenizer inside a run of two: a run no plain scan saw, so no run closes
    it (it was a KeyError: export -f html and -f docx stopped with 'unexpected KeyError: 1')."""
    from scrapnote.exporters import inline

    assert "명령어" in inline.to_html("명령어 \\`` 를 쓴다.")
    assert "<code>" not in inline.to_html(" \\``a")
