"""scrapnote export: every format, digests and --split, files never overwritten, layouts; the HTML
page opened in a real browser (headless Chromium) and parsed back, the Word file opened with
python-docx, the 스크랩 양식 TSV read back by `scrapnote new`."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import SEEDS
from scrapnote import store, template
from scrapnote.models import Article
from scrapnote.note import DRAFT_MARKER, build_note

SCRIPT = "<script>document.title='x'</script>"
ONERROR = "<img src=x onerror=\"document.body.setAttribute('data-owned','1')\">"
FORM_LABELS = ["헤드라인 (요약과 압축)", "본문 (본문 내용 복사)", "기사 내용의 수치화, 인사이트", "추가조사할 내용 또는 결과",
               "요약 및 의견", "적용할점 (현직자에게 할 질문)", "연관기사 링크"]


def add(title, body="본문입니다.", sections=None, **kw):
    """A note written through the store, as `new` does; ``sections`` fills the reader's sections."""
    meta = {k: kw.pop(k) for k in ("tags", "industry", "companies") if k in kw}
    art = Article(title=title, body=body, **kw)
    return store.create(lambda i: build_note(art, template.load(), i, drafts=sections, **meta))


@pytest.fixture
def three():
    """Three notes written out of date order: ids 1 (2023), 2 (2017), 3 (2021)."""
    a = add("과기정통부-구글, AI 발전 위해 '맞손'",
            "한국의 인공지능(AI) 산업 발전을 위해 과학기술정보통신부와 구글이 협력한다.\n\n"
            "구글은 머신러닝 부트캠프 규모를 200명에서 500명으로 늘린다.",
            {"headline": "과기정통부·구글, AI 인재 양성 협력",
             "insights": "- 부트캠프 인원: 200명 → 500명 (2.5배)\n- 지원 연구자: 7명",
             "research": "머신러닝 모델 최적화란? 손실 함수를 최소화하는 인자를 찾는 것.",
             "summary": "구글과 한국이 AI 인재 양성과 공동 연구를 함께 한다.",
             "questions": "부트캠프 과정만으로 현업 업무가 가능한가?",
             "related": "- #2 [카카오, 머신러닝 캠프 개최](https://kicho.tistory.com/542)"},
            source="한국경제", reporter="김대영", published="2023-07-13", tags=["AI", "인재양성"],
            companies=["구글"], industry=["IT"], url="https://www.hankyung.com/it/article/202307133276i")
    b = add("카카오, 머신러닝 캠프 개최", "카카오가 대학생 대상 머신러닝 캠프를 연다. " + SCRIPT + " " + ONERROR,
            {"summary": "카카오의 인재 확보 전략 & <b>굵은</b> 의견."},
            source="아이티데일리", published="2017-04-17", tags=["AI"], url="https://kicho.tistory.com/542")
    c = add("KAIST-KT 공동연구센터 개소", "KAIST와 KT가 AI 공동연구센터를 열었다.",
            {"summary": DRAFT_MARKER + "\n두 기관이 연구센터를 열었다."}, published="2021-12-15", tags=["R&D"])
    return a, b, c


DATE_ORDER = ["카카오, 머신러닝 캠프 개최", "KAIST-KT 공동연구센터 개소", "과기정통부-구글, AI 발전 위해 '맞손'"]


def positions(text: str, needles: list[str]) -> list[int]:
    return [text.index(n) for n in needles]


# -- the list of formats ------------------------------------------------------------------------------
def test_formats_come_from_the_exporter_list(cli):
    from scrapnote.exporters import EXPORTERS, FORMATS

    assert FORMATS == ["md", "html", "docx", "tsv", "json", "txt"]
    assert [e.name for e in EXPORTERS] == FORMATS and len({e.suffix for e in EXPORTERS}) == len(FORMATS)
    r = cli("export", "--help")
    assert "md|html|docx|tsv|json|txt" in r.stdout
    add("한 건")
    r = cli("export", "1", "--format", "pdf")
    assert r.exit_code == 2


def test_needs_a_selection_and_a_match(cli, three):
    r = cli("export", "-f", "md")
    assert r.exit_code == 1 and "--all" in r.stderr and r.stdout == ""
    r = cli("export", "--tag", "없는태그")
    assert r.exit_code == 1 and "no notes match" in r.stderr
    r = cli("export", "99")
    assert r.exit_code == 1 and "no note with id 99" in r.stderr


def test_filters_choose_the_notes(cli, three):
    r = cli("export", "--since", "2020", "-f", "json")
    assert [n["id"] for n in json.loads(r.stdout)] == [3, 1]
    r = cli("export", "--tag", "ai", "--until", "2020-12", "-f", "json")
    assert [n["id"] for n in json.loads(r.stdout)] == [2]
    r = cli("export", "--company", "구글", "--industry", "IT", "-f", "json")
    assert [n["id"] for n in json.loads(r.stdout)] == [1]
    r = cli("export", "1", "2", "--tag", "인재양성", "-f", "json")  # ids narrowed by the filters
    assert [n["id"] for n in json.loads(r.stdout)] == [1]


# -- md ------------------------------------------------------------------------------------------------
def test_md_one_note_has_the_form_headings(cli, three):
    r = cli("export", "1")
    assert r.exit_code == 0, r.stderr
    md = r.stdout
    assert md.startswith("# 과기정통부-구글, AI 발전 위해 '맞손'\n")
    headings = [ln[3:] for ln in md.splitlines() if ln.startswith("## ")]
    assert headings == FORM_LABELS
    assert "- 출처: 한국경제" in md and "- 기사링크: <https://www.hankyung.com/it/article/202307133276i>" in md
    assert "구글은 머신러닝 부트캠프 규모를 200명에서 500명으로 늘린다." in md
    assert "- 부트캠프 인원: 200명 → 500명 (2.5배)\n- 지원 연구자: 7명" in md
    assert "\n\n\n" not in md and md.endswith("\n") and not md.endswith("\n\n")


def test_md_digest_of_three_notes_in_date_order(cli, three):
    r = cli("export", "--all", "-f", "md")
    md = r.stdout
    assert md.startswith("# 경제신문 스크랩 모음\n\n2017-04-17 ~ 2023-07-13 · 3건\n\n## 목차\n\n")
    toc = re.findall(r"^(\d)\. (\S+) · (.+)$", md, re.M)
    assert toc == [("1", "2017-04-17", DATE_ORDER[0]), ("2", "2021-12-15", DATE_ORDER[1]),
                   ("3", "2023-07-13", DATE_ORDER[2])]
    notes = [ln[3:] for ln in md.splitlines() if ln.startswith("## ") and ln != "## 목차"]
    assert notes == DATE_ORDER
    assert [ln[4:] for ln in md.splitlines() if ln.startswith("### ")] == FORM_LABELS * 3
    # the article's markup is shown as typed, never rendered by a Markdown viewer
    assert "\\<script>document.title='x'\\</script>" in md and "\\<img src=x" in md


# -- html ----------------------------------------------------------------------------------------------
class Page(HTMLParser):
    """The elements, attributes and text of a page, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[tuple[str, str]] = []  # (enclosing tag, text)
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "img", "link", "input"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        if data.strip():
            self.text.append((self.stack[-1] if self.stack else "", data))

    def texts(self, tag):
        return [t for where, t in self.text if where == tag]

    @property
    def all_text(self):
        return "".join(t for _, t in self.text)


def parse(html: str) -> Page:
    p = Page()
    p.feed(html)
    p.close()
    return p


ALLOWED = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "nav", "ol", "ul",
           "li", "a", "span", "article", "section", "table", "tr", "th", "td"}


def test_html_digest_parsed_back(cli, three):
    r = cli("export", "--all", "-f", "html")
    assert r.exit_code == 0, r.stderr
    page = parse(r.stdout)
    assert {t for t, _ in page.tags} <= ALLOWED  # no <script>, no <img>, no <link>: the article's markup is text
    assert page.texts("title") == ["경제신문 스크랩 모음"]
    assert not any(k.startswith("on") for _, attrs in page.tags for k in attrs)
    assert SCRIPT in page.all_text and ONERROR in page.all_text
    assert "&lt;script&gt;" in r.stdout and "&lt;b&gt;굵은&lt;/b&gt;" in r.stdout and " &amp; " in r.stdout
    # contents, then the notes in date order, each under its anchor
    toc = [a["href"] for t, a in page.tags if t == "a" and a.get("href", "").startswith("#")]
    articles = [a["id"] for t, a in page.tags if t == "article"]
    assert toc == ["#note-2", "#note-3", "#note-1"] and articles == ["note-2", "note-3", "note-1"]
    assert page.texts("h2") == ["목차", *DATE_ORDER]
    assert page.texts("h3") == FORM_LABELS * 3
    assert "구글은 머신러닝 부트캠프 규모를 200명에서 500명으로 늘린다." in page.texts("p")
    # self-contained, Korean fonts, printable on A4
    style = "".join(page.texts("style"))
    assert "@page { size: A4" in style and "@media print" in style and "Noto Sans KR" in style and "Malgun Gothic" in style
    assert not [a for t, a in page.tags if t in ("link", "script", "img", "iframe")]
    assert [a["href"] for t, a in page.tags if t == "a" and not a["href"].startswith("#")] == [
        "https://kicho.tistory.com/542", "https://www.hankyung.com/it/article/202307133276i",
        "https://kicho.tistory.com/542"]
    # draft marker: not shown as text, a badge instead
    assert DRAFT_MARKER not in page.all_text and "초안" in page.texts("span")


def test_html_links_only_for_web_addresses(cli):
    add("링크 검사", "본문.", {"related": "- [나쁜 링크](javascript:alert(1))\n- [좋은 링크](https://ok.example/a?b=1&c=\"2\")"},
        url="javascript:alert(2)")
    page = parse(cli("export", "1", "-f", "html").stdout)
    hrefs = [a.get("href") for t, a in page.tags if t == "a"]
    assert hrefs == ['https://ok.example/a?b=1&c="2"']
    assert "나쁜 링크" in page.texts("li") and "javascript:alert(2)" in page.texts("td")


def chromium_dom(html_file: Path, tmp_path: Path) -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    assert exe, "Chromium is needed for this test: apt-get install chromium (.ci/run installs it)"
    profile = tmp_path / f"chromium-{html_file.stem}"
    r = subprocess.run(
        [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--dump-dom", html_file.resolve().as_uri()],
        capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr.decode(errors="replace")[-2000:]
    return r.stdout.decode("utf-8")


def test_html_digest_in_a_real_browser(cli, three, tmp_path):
    out = tmp_path / "week.html"
    r = cli("export", "--all", "-f", "html", "-o", out)
    assert r.exit_code == 0, r.stderr
    assert "wrote 3 notes to" in r.stderr and r.stdout == ""
    dom = chromium_dom(out, tmp_path)
    page = parse(dom)
    assert page.texts("title") == ["경제신문 스크랩 모음"]  # document.title='x' never ran
    assert not any("data-owned" in attrs for _, attrs in page.tags)  # the onerror handler never ran
    assert not [a for t, a in page.tags if t in ("script", "img")]
    assert SCRIPT in page.all_text and ONERROR in page.all_text  # shown as the text it is
    assert page.texts("h2") == ["목차", *DATE_ORDER]
    for needle in ("과기정통부·구글, AI 인재 양성 협력", "구글은 머신러닝 부트캠프 규모를 200명에서 500명으로 늘린다.",
                   "카카오의 인재 확보 전략 & <b>굵은</b> 의견.", "두 기관이 연구센터를 열었다."):
        assert needle in page.all_text


def test_browser_check_would_catch_unescaped_text(three, tmp_path, cli):
    """The control for the test above: the same note through a layout that does not escape makes the
    browser run the article's script and onerror handler, and the checks above see it."""
    layout = tmp_path / "unsafe.html.j2"
    layout.write_text("<!DOCTYPE html><html><head><title>t</title></head><body>"
                      "{% for n in notes %}{{ n.body | safe }}{% endfor %}</body></html>", encoding="utf-8")
    out = tmp_path / "unsafe.html"
    r = cli("export", "2", "-f", "html", "--layout", layout, "-o", out)
    assert r.exit_code == 0, r.stderr
    dom = chromium_dom(out, tmp_path)
    page = parse(dom)
    assert page.texts("title") == ["x"] and ("body", {"data-owned": "1"}) in page.tags


# -- docx ----------------------------------------------------------------------------------------------
def docx_blocks(path: Path):
    """Paragraph (style, text) and page breaks, in document order; the tables' cell texts."""
    import docx
    from docx.oxml.ns import qn

    d = docx.Document(str(path))
    blocks = []
    for el in d.element.body.iterchildren():
        if el.tag == qn("w:p"):
            if el.findall(".//" + qn("w:br")) and any(b.get(qn("w:type")) == "page" for b in el.iter(qn("w:br"))):
                blocks.append(("PAGE", ""))
            text = "".join(t.text or "" for t in el.iter(qn("w:t")))
            if text:
                style = el.find(qn("w:pPr") + "/" + qn("w:pStyle"))
                blocks.append((style.get(qn("w:val")) if style is not None else "Normal", text))
        elif el.tag == qn("w:tbl"):
            blocks.append(("TABLE", ""))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in d.tables]
    return d, blocks, tables


def test_docx_digest(cli, three, tmp_path):
    out = tmp_path / "스크랩.docx"
    r = cli("export", "--all", "-f", "docx", "-o", out)
    assert r.exit_code == 0, r.stderr
    d, blocks, tables = docx_blocks(out)
    assert d.core_properties.title == "경제신문 스크랩 모음"
    assert blocks[0] == ("Title", "경제신문 스크랩 모음")
    h1 = [t for s, t in blocks if s == "Heading1"]
    assert h1 == ["목차", *DATE_ORDER]
    assert [t for s, t in blocks if s == "ListNumber"] == [
        "2017-04-17 · " + DATE_ORDER[0], "2021-12-15 · " + DATE_ORDER[1], "2023-07-13 · " + DATE_ORDER[2]]
    # a page break, then the note's heading and its metadata table, for every note
    for title in DATE_ORDER:
        i = blocks.index(("Heading1", title))
        assert blocks[i - 1] == ("PAGE", "") and blocks[i + 1] == ("TABLE", "")
    assert sum(1 for s, _ in blocks if s == "PAGE") == 3
    h2 = [t for s, t in blocks if s == "Heading2"]
    assert h2[:7] == FORM_LABELS and len(h2) == 21
    assert "요약 및 의견 (초안)" in h2  # the KAIST note's drafted summary
    meta = {row[0]: row[1] for t in tables for row in t if t[0][0] == "출처" and t[0][1] == "한국경제"}
    assert meta["기자"] == "김대영" and meta["날짜"] == "2023-07-13" and meta["기업"] == "구글"
    assert meta["기사링크"] == "https://www.hankyung.com/it/article/202307133276i"
    normal = [t for s, t in blocks if s == "Normal"]
    assert "구글은 머신러닝 부트캠프 규모를 200명에서 500명으로 늘린다." in normal
    assert any(SCRIPT in t for t in normal)
    assert "카카오, 머신러닝 캠프 개최 — https://kicho.tistory.com/542" in [t for s, t in blocks if s == "ListBullet"]


def test_docx_one_note_and_odd_characters(cli, tmp_path):
    add("제어\x0b문자", "줄 바꿈\x0c과 제어 문자\x01가 섞인 본문.")
    out = tmp_path / "one.docx"
    r = cli("export", "1", "-f", "docx", "-o", out)
    assert r.exit_code == 0, r.stderr
    _, blocks, _ = docx_blocks(out)
    assert blocks[0] == ("Title", "제어 문자")
    assert blocks[1] == ("TABLE", "")
    assert [t for s, t in blocks if s == "Heading1"] == FORM_LABELS
    assert ("Normal", "줄 바꿈과 제어 문자가 섞인 본문.") in blocks  # characters Word's XML cannot hold are dropped
    assert not any(s == "PAGE" for s, _ in blocks)


def test_docx_needs_output(cli, three):
    r = cli("export", "1", "-f", "docx")
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr.startswith("error: ") and "--output" in r.stderr and r.stderr.count("\n") == 1


# -- tsv -----------------------------------------------------------------------------------------------
def test_tsv_is_the_scrapform_layout_of_seed_002(cli, three):
    r = cli("export", "1", "-f", "tsv")
    assert r.exit_code == 0, r.stderr
    rows = r.stdout.split("\n")
    seed = (SEEDS / "002_cc89472fafd61c1f.txt").read_text(encoding="utf-8").split("\n")
    assert rows[0] == seed[0] == "경제신문 스크랩 양식" and rows[1] == seed[1] == ""
    assert all(row.count("\t") == 1 for row in rows[2:] if row)  # label, TAB, value
    labels = [row.split("\t")[0] for row in rows[2:] if row and not row.startswith("\t")]
    assert labels == ["헤드라인 (요약과 압축)", "기사링크", "출처", "기자", "날짜", *FORM_LABELS[1:]]
    seed_labels = [s.split("\t")[0] for s in seed if "\t" in s and not s.startswith("\t")]
    assert seed_labels[:3] == ["헤드라인 (요약과 압축)", "기사링크", "본문 (본문 내용 복사)"]
    assert seed_labels[-1] == labels[-1] == "연관기사 링크"
    # a cell starting with - would be a formula in a spreadsheet: a ' in front (issue 10)
    i = rows.index("기사 내용의 수치화, 인사이트\t'- 부트캠프 인원: 200명 → 500명 (2.5배)")
    assert rows[i + 1] == "\t'- 지원 연구자: 7명"  # a continuation row
    assert "연관기사 링크\t카카오, 머신러닝 캠프 개최 https://kicho.tistory.com/542" in rows
    assert "기사링크\thttps://www.hankyung.com/it/article/202307133276i" in rows and "날짜\t2023-07-13" in rows


def test_tsv_cells_never_hold_a_tab(cli):
    add("탭\t제목", "첫째\t둘째 칸.")
    rows = cli("export", "1", "-f", "tsv").stdout.split("\n")
    assert "본문 (본문 내용 복사)\t첫째 둘째 칸." in rows


FIELDS = ("headline", "url", "source", "reporter", "published", "body", "insights", "research", "summary", "questions")


def _tsv_roundtrip(cli, tmp_path, nid: int) -> tuple[dict, dict]:
    before = json.loads(cli("show", nid, "--json").stdout)
    out = tmp_path / f"{nid}.tsv"
    r = cli("export", nid, "-f", "tsv", "-o", out)
    assert r.exit_code == 0, r.stderr
    assert out.read_bytes().startswith("\ufeff경제신문 스크랩 양식\n".encode())  # Excel reads UTF-8 with a BOM
    r = cli("new", "--no-edit", "--no-drafts", "--json", "--force", out)  # the same article again: --force
    assert r.exit_code == 0, r.stderr
    return before, json.loads(r.stdout)


def test_tsv_roundtrip_through_new(cli, tmp_path):
    add("과기정통부-구글, AI 발전 위해 '맞손'",
        "한국의 인공지능(AI) 산업 발전을 위해 과학기술정보통신부와 구글이 협력한다.\n\n"
        "과기정통부와 구글은 13일 서울에서 'AI 위크 2023' 행사를 열었다.",
        {"headline": "과기정통부·구글, AI 인재 양성 협력", "insights": "부트캠프 인원은 200명에서 500명으로 늘어난다.\n\n인재 경쟁이 커진다.",
         "research": "머신러닝 모델 최적화란? 손실 함수를 최소화하는 것.", "summary": "구글과 한국이 AI 인재를 함께 키운다.",
         "questions": "부트캠프만으로 현업 업무가 가능한가?",
         "related": "- [카카오, 머신러닝 캠프 개최](https://kicho.tistory.com/542)\n- [KT 연구센터](https://kt.example/1)"},
        source="한국경제", reporter="김대영", published="2023-07-13",
        url="https://www.hankyung.com/it/article/202307133276i")
    before, after = _tsv_roundtrip(cli, tmp_path, 1)
    assert after["id"] == 2
    assert {k: after[k] for k in FIELDS} == {k: before[k] for k in FIELDS}
    assert after["related"] == before["related"]
    assert after["title"] == before["headline"]  # the form has no title row: its 헤드라인 is the title


def test_tsv_roundtrip_keeps_single_line_breaks(cli, tmp_path):
    """A list in 수치화 (one item per line) comes back as the same lines."""
    add("카카오, 머신러닝 캠프 개최", "카카오가 머신러닝 캠프를 연다.",
        {"insights": "- 참가자: 200명\n- 기간: 4주", "summary": "첫 줄.\n둘째 줄."}, published="2017-04-17")
    before, after = _tsv_roundtrip(cli, tmp_path, 1)
    assert after["insights"] == before["insights"] == "- 참가자: 200명\n- 기간: 4주"
    assert after["summary"] == before["summary"]


# -- json ----------------------------------------------------------------------------------------------
def test_json_is_a_list_of_the_design_form(cli, three):
    r = cli("export", "--all", "-f", "json")
    data = json.loads(r.stdout)
    assert [n["id"] for n in data] == [2, 3, 1]
    for n in data:
        assert n == json.loads(cli("show", n["id"], "--json").stdout)
    one = json.loads(cli("export", "1", "-f", "json").stdout)
    assert isinstance(one, list) and len(one) == 1 and one[0]["related"][0]["id"] == 2


# -- txt -----------------------------------------------------------------------------------------------
def test_txt_card_for_a_group_chat(cli, three):
    r = cli("export", "1", "-f", "txt")
    card = r.stdout
    lines = card.rstrip("\n").split("\n")
    assert lines[0] == "[스크랩] 과기정통부-구글, AI 발전 위해 '맞손'"
    assert lines[1] == "2023-07-13 · 한국경제 · #AI #인재양성"
    assert lines[-1] == "https://www.hankyung.com/it/article/202307133276i"  # the link on its own line
    assert "헤드라인: 과기정통부·구글, AI 인재 양성 협력" in lines
    assert "적용할점: 부트캠프 과정만으로 현업 업무가 가능한가?" in lines
    assert "기사 내용의 수치화, 인사이트:" in lines and "· 부트캠프 인원: 200명 → 500명 (2.5배)" in lines
    assert "한국의 인공지능(AI) 산업" not in card  # the article body stays out of a chat card
    for ln in lines:  # no Markdown syntax
        assert not re.match(r"^(#|>|[-*+] )", ln) and "**" not in ln and "](" not in ln


def test_txt_digest_and_draft_label(cli, three):
    r = cli("export", "--all", "-f", "txt")
    text = r.stdout
    assert text.startswith("경제신문 스크랩 모음 (2017-04-17 ~ 2023-07-13, 3건)\n1. " + DATE_ORDER[0])
    assert positions(text, ["[스크랩] " + t for t in DATE_ORDER]) == sorted(positions(text, ["[스크랩] " + t for t in DATE_ORDER]))
    assert "요약 및 의견 (초안): 두 기관이 연구센터를 열었다." in text and "[초안]" not in text


# -- files: --output, --split, never overwrite ---------------------------------------------------------
def test_split_writes_one_file_per_note(cli, three, tmp_path):
    out = tmp_path / "out"
    r = cli("export", "--all", "-f", "md", "--split", out)
    assert r.exit_code == 0, r.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["0001-과기정통부-구글-AI-발전-위해-맞손.md", "0002-카카오-머신러닝-캠프-개최.md",
                     "0003-KAIST-KT-공동연구센터-개소.md"]
    one = (out / names[1]).read_text(encoding="utf-8")
    assert one.startswith("# 카카오, 머신러닝 캠프 개최\n") and "목차" not in one
    r = cli("export", "1", "2", "-f", "docx", "--split", tmp_path / "docs")
    assert sorted(p.suffix for p in (tmp_path / "docs").iterdir()) == [".docx", ".docx"]
    assert not list(out.glob(".*"))  # no temp files left behind


def test_never_overwrites_without_force(cli, three, tmp_path):
    out = tmp_path / "week.md"
    out.write_text("내 파일", encoding="utf-8")
    r = cli("export", "--all", "-o", out)
    assert r.exit_code == 1 and "already exists" in r.stderr and "--force" in r.stderr
    assert out.read_text(encoding="utf-8") == "내 파일"
    r = cli("export", "--all", "-o", out, "--force")
    assert r.exit_code == 0 and out.read_text(encoding="utf-8").startswith("# 경제신문 스크랩 모음")
    # --split checks every name before it writes any
    split = tmp_path / "split"
    split.mkdir()
    (split / "0003-KAIST-KT-공동연구센터-개소.html").write_text("내 것", encoding="utf-8")
    r = cli("export", "--all", "-f", "html", "--split", split)
    assert r.exit_code == 1 and "0003-KAIST-KT-공동연구센터-개소.html already exists" in r.stderr
    assert [p.name for p in split.iterdir()] == ["0003-KAIST-KT-공동연구센터-개소.html"]
    r = cli("export", "--all", "-f", "html", "--split", split, "--force")
    assert r.exit_code == 0 and len(list(split.iterdir())) == 3
    r = cli("export", "1", "-o", out, "--split", split)
    assert r.exit_code == 1 and "not both" in r.stderr


# -- layouts ---------------------------------------------------------------------------------------------
def test_custom_layout(cli, three, tmp_path):
    layout = tmp_path / "chat.txt.j2"
    layout.write_text("{% for n in notes %}{{ loop.index }}) {{ n.date }} {{ n.title }} <{{ n.section.summary.text }}>\n"
                      "{% endfor %}", encoding="utf-8")
    r = cli("export", "--all", "-f", "txt", "--layout", layout)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines()[0] == "1) 2017-04-17 카카오, 머신러닝 캠프 개최 <카카오의 인재 확보 전략 & <b>굵은</b> 의견.>"
    r = cli("export", "1", "-f", "docx", "-o", tmp_path / "x.docx", "--layout", layout)
    assert r.exit_code == 1 and "--layout" in r.stderr


@pytest.mark.parametrize("body, line, what", [
    ("<h1>{{ title }}</h1>\n{% for n in notes %}\n{{ n.title }\n{% endfor %}\n", 3, "unexpected"),
    ("ok\n{% for n in notes %}\n{% if %}\n{% endfor %}\n", 3, ""),
    ("line one\nline two\n{{ notes[0].no_such_field }}\n", 3, "no_such_field"),
    ("{{ title }}\n{{ notes | no_such_filter }}\n", 2, "no_such_filter"),
])
def test_broken_layout_is_one_line_naming_file_and_line(cli, three, tmp_path, body, line, what):
    layout = tmp_path / "broken.html.j2"
    layout.write_text(body, encoding="utf-8")
    r = cli("export", "1", "-f", "html", "--layout", layout)
    assert r.exit_code == 1 and r.stdout == ""
    err = r.stderr
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(layout) in err and f"line {line}" in err and what in err


def test_custom_layout_prints_nothing_for_a_missing_field(cli, tmp_path):
    assert cli("new", "--no-edit", "--no-drafts", "-", input="가상전자, 실적 발표\n\n가상전자가 실적을 냈다.\n").exit_code == 0
    layout = tmp_path / "mine.md.j2"
    layout.write_text("{% for n in notes %}[{{ n.url }}][{{ n.reporter }}]{{ n.title }}\n{% endfor %}", "utf-8")
    r = cli("export", "1", "--format", "md", "--layout", layout)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("[][]가상전자, 실적 발표")
