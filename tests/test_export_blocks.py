"""A section's Markdown blocks in the HTML and Word exports: a pipe table (the 수치화 section's
``| 지표 | 값 | 변화 | 출처 |``) becomes a real table, ``- `` lines a bullet list, ``1. `` lines a
numbered one (the parser is exporters/base.py's ``blocks``, shared with nothing but these two)."""
from __future__ import annotations

from test_export import SCRIPT, add, docx_blocks, parse

from scrapnote.exporters.base import blocks

INSIGHTS = ("| 지표 | 값 | 변화 | 출처 |\n| --- | ---: | :---: | --- |\n"
            "| 부트캠프 인원 | 500명 | +300명 | 구글 |\n| 지원 연구자 | 7명 | 신규 | " + SCRIPT + " |\n\n"
            "- 인원이 2.5배로 늘었다\n- 연구자 지원은 처음")
SECTIONS = {"insights": INSIGHTS,
            "questions": "1. 부트캠프만으로 현업이 되는가?\n2. 연구자 선발 기준은?",
            "summary": "구글과 한국이 AI 인재 양성을 함께 한다.\n\n* 첫째 의견\n* 둘째 의견"}


def test_blocks_reads_tables_lists_and_paragraphs():
    b = blocks("문단 하나\n이어지는 줄\n\n" + INSIGHTS + "\n\n3. 셋째\n4. 넷째\n  이어짐\n\n```\n- 코드\n```")
    assert [x.kind for x in b] == ["para", "table", "ul", "ol", "para"]
    assert b[0].text == "문단 하나\n이어지는 줄"
    assert b[1].header == ("지표", "값", "변화", "출처") and b[1].aligns == ("left", "right", "center", "left")
    assert b[1].rows == (("부트캠프 인원", "500명", "+300명", "구글"), ("지원 연구자", "7명", "신규", SCRIPT))
    assert b[2].items == ("인원이 2.5배로 늘었다", "연구자 지원은 처음")
    assert b[3].items == ("셋째", "넷째\n이어짐") and b[3].start == 3
    assert b[4].text == "```\n- 코드\n```"  # a code block stays as typed
    assert [x.kind for x in blocks("---\n\n2023. 7. 13 발표")] == ["para", "para"]  # a rule, a date: not lists


def test_html_table_and_lists(cli):
    add("구글, AI 인재 양성", "본문입니다.", SECTIONS)
    r = cli("export", "--all", "-f", "html")
    assert r.exit_code == 0, r.stderr
    page = parse(r.stdout)
    assert ("table", {"class": "data"}) in page.tags
    assert page.texts("th")[-4:] == ["지표", "값", "변화", "출처"]
    tds = page.texts("td")
    assert tds[-8:] == ["부트캠프 인원", "500명", "+300명", "구글", "지원 연구자", "7명", "신규", SCRIPT]
    assert "| --- |" not in r.stdout and "| 지표 |" not in r.stdout  # no raw pipe lines left
    li = page.texts("li")
    assert {"인원이 2.5배로 늘었다", "연구자 지원은 처음", "부트캠프만으로 현업이 되는가?", "첫째 의견"} <= set(li)
    assert not any(t.startswith(("- ", "* ", "1. ")) for t in page.texts("p"))
    assert "구글과 한국이 AI 인재 양성을 함께 한다." in page.texts("p")
    # the cell's markup is text: escaped, no element made of it
    assert "&lt;script&gt;document.title=&#39;x&#39;&lt;/script&gt;" in r.stdout
    assert "script" not in {t for t, _ in page.tags}
    assert ("td", {"class": "right"}) in page.tags and ("td", {"class": "center"}) in page.tags


def test_docx_table_and_lists(cli, tmp_path):
    add("구글, AI 인재 양성", "본문입니다.", SECTIONS)
    out = tmp_path / "n.docx"
    r = cli("export", "1", "-f", "docx", "-o", out)
    assert r.exit_code == 0, r.stderr
    d, found, tables = docx_blocks(out)
    data = [t for t in tables if t[0] == ["지표", "값", "변화", "출처"]]
    assert data == [[["지표", "값", "변화", "출처"], ["부트캠프 인원", "500명", "+300명", "구글"],
                     ["지원 연구자", "7명", "신규", SCRIPT]]]
    table = next(t for t in d.tables if t.rows[0].cells[0].text == "지표")
    assert table.style.name == "Table Grid"
    assert all(run.bold for c in table.rows[0].cells for run in c.paragraphs[0].runs)
    assert not any(run.bold for c in table.rows[1].cells for run in c.paragraphs[0].runs)
    bullets = [t for s, t in found if s == "ListBullet"]
    assert bullets == ["인원이 2.5배로 늘었다", "연구자 지원은 처음", "첫째 의견", "둘째 의견"]
    assert [t for s, t in found if s == "ListNumber"] == ["부트캠프만으로 현업이 되는가?", "연구자 선발 기준은?"]
    normal = [t for s, t in found if s == "Normal"]
    assert not any("|" in t or t.startswith("- ") for t in normal)
    assert "구글과 한국이 AI 인재 양성을 함께 한다." in normal


def test_docx_numbered_lists_count_from_their_own_start(cli, tmp_path):
    """Every List Number paragraph shares one Word numbering: a note's list gets its own, restarted
    (at 1, or at the Markdown's first number), not 4, 5 after a digest's three-line contents."""
    from docx.oxml.ns import qn

    add("첫 기사", "본문.", {"questions": "1. 가\n2. 나"})
    add("둘째 기사", "본문.", {"questions": "3. 다\n4. 라"})
    out = tmp_path / "d.docx"
    assert cli("export", "--all", "-f", "docx", "-o", out).exit_code == 0
    d, _, _ = docx_blocks(out)
    numbering = d.part.numbering_part.element
    starts = {}
    for p in d.paragraphs:
        if p.text in ("가", "나", "다", "라"):
            num_id = p._p.pPr.numPr.numId.val
            over = numbering.num_having_numId(num_id).find(qn("w:lvlOverride") + "/" + qn("w:startOverride"))
            starts[p.text] = (num_id, int(over.get(qn("w:val"))))
    assert starts["가"][1] == 1 and starts["다"][1] == 3
    assert starts["가"][0] == starts["나"][0] != starts["다"][0] == starts["라"][0]
