"""`new` and an article already in the collection (issue 13): its link (normalized) or its title is
found in the index, and `new` says `already scrapped as #N; use --force to scrap it again`, exits 1
and writes nothing — unless --force. Several articles: each duplicate is reported, the others saved,
exit 1."""
from __future__ import annotations

import unicodedata

import pytest

from scrapnote.text.keys import title_key, url_key

BODY = ("가상전자가 3분기 영업이익 1조2000억원을 냈다고 밝혔다. 전년 동기보다 35% 늘었다.\n\n"
        "메모리 반도체 가격이 오른 덕분이다. 회사는 4분기에도 수요가 이어질 것으로 본다.\n")


def article(tmp_path, name: str, title: str, url: str | None = None, body: str = BODY):
    fm = f"---\ntitle: \"{title}\"\n" + (f"url: {url}\n" if url else "") + "---\n\n"
    p = tmp_path / name
    p.write_text(fm + body, encoding="utf-8")
    return p


def notes(home):
    d = home / "notes"
    return sorted(p.name for p in d.iterdir()) if d.exists() else []


def test_the_same_article_twice_is_refused_with_one_line(cli, home, tmp_path):
    a = article(tmp_path, "a.md", "가상전자, 3분기 영업이익 1조2000억원", "https://www.example.co.kr/news/1")
    assert cli("new", "--no-edit", a).exit_code == 0
    before = notes(home)
    last = (home / ".scrapnote" / "last_id").read_text()
    r = cli("new", "--no-edit", a)
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr.strip() == "error: already scrapped as #1; use --force to scrap it again"
    assert notes(home) == before and (home / ".scrapnote" / "last_id").read_text() == last  # nothing written


def test_force_scraps_it_again(cli, home, tmp_path):
    a = article(tmp_path, "a.md", "가상전자, 3분기 영업이익 1조2000억원", "https://www.example.co.kr/news/1")
    assert cli("new", "--no-edit", a).exit_code == 0
    r = cli("new", "--no-edit", "--force", a)
    assert r.exit_code == 0 and r.stdout.strip() == "2" and len(notes(home)) == 2


@pytest.mark.parametrize("first,again", [
    ("https://www.example.co.kr/news/1", "http://example.co.kr/news/1/"),  # scheme, www, trailing slash
    ("https://www.example.co.kr/news/1?utm_source=naver&utm_medium=referral", "https://m.example.co.kr/news/1"),
    ("https://example.co.kr/view?id=7&fbclid=abc#comments", "https://example.co.kr/view?id=7"),
    ("https://n.news.naver.com/mnews/article/015/0004865432?sid=101",
     "https://news.naver.com/main/read.naver?mode=LSD&oid=015&aid=0004865432"),
    ("https://m.news.naver.com/article/015/0004865432", "https://n.news.naver.com/article/015/0004865432"),
], ids=["scheme-www-slash", "utm-mobile", "fragment-fbclid", "naver-shapes", "naver-mobile"])
def test_a_link_written_another_way_is_the_same_article(cli, tmp_path, first, again):
    assert cli("new", "--no-edit", article(tmp_path, "a.md", "가상전자, 3분기 영업이익 1조2000억원", first)).exit_code == 0
    r = cli("new", "--no-edit", article(tmp_path, "b.md", "다른 제목으로 옮겨 실은 같은 기사입니다", again))
    assert r.exit_code == 1 and "already scrapped as #1" in r.stderr


def test_a_different_link_or_parameter_is_another_article(cli, tmp_path):
    assert cli("new", "--no-edit", article(tmp_path, "a.md", "가상전자, 3분기 영업이익 1조2000억원",
                                           "https://example.co.kr/view?id=7")).exit_code == 0
    r = cli("new", "--no-edit", article(tmp_path, "b.md", "가상전자, 4분기 영업이익 전망 나왔다",
                                        "https://example.co.kr/view?id=8"))
    assert r.exit_code == 0, r.stderr


def test_the_same_title_in_nfd_and_other_spacing_is_the_same_article(cli, tmp_path):
    title = "가상전자, 3분기 영업이익 1조2000억원"
    assert cli("new", "--no-edit", article(tmp_path, "a.md", title, "https://a.example/1")).exit_code == 0
    nfd = unicodedata.normalize("NFD", "가상전자,  3분기   영업이익 1조2000억원")
    r = cli("new", "--no-edit", article(tmp_path, "b.md", nfd, "https://b.example/other"))
    assert r.exit_code == 1 and r.stderr.strip() == "error: already scrapped as #1; use --force to scrap it again"


def test_a_short_recurring_title_is_no_article_identity(cli, tmp_path):
    assert cli("new", "--no-edit", article(tmp_path, "a.md", "오늘의 증시")).exit_code == 0
    r = cli("new", "--no-edit", article(tmp_path, "b.md", "오늘의 증시", body="코스피가 하락 마감했다.\n"))
    assert r.exit_code == 0, r.stderr


def test_stdin_is_checked_too(cli, home, tmp_path):
    a = article(tmp_path, "a.md", "가상전자, 3분기 영업이익 1조2000억원", "https://example.co.kr/news/1")
    assert cli("new", "--no-edit", a).exit_code == 0
    r = cli("new", "--no-edit", "-", input=a.read_text("utf-8"))
    assert r.exit_code == 1 and r.stderr.strip() == "error: already scrapped as #1; use --force to scrap it again"
    assert len(notes(home)) == 1
    assert cli("new", "--no-edit", "--force", "-", input=a.read_text("utf-8")).exit_code == 0


def test_several_articles_each_duplicate_reported_the_others_saved(cli, home, tmp_path):
    old = article(tmp_path, "old.md", "가상전자, 3분기 영업이익 1조2000억원", "https://example.co.kr/news/1")
    assert cli("new", "--no-edit", old).exit_code == 0
    fresh = article(tmp_path, "fresh.md", "가상자동차, 미국 판매 80만대 돌파", "https://example.co.kr/news/2",
                    body="가상자동차가 올해 미국에서 80만대를 팔았다.\n")
    again = article(tmp_path, "again.md", "다른 제목의 같은 기사, 가상전자 실적", "https://example.co.kr/news/1?utm_campaign=x")
    r = cli("new", "--no-edit", fresh, again, old)
    assert r.exit_code == 1
    assert r.stdout.split() == ["2"]
    assert f"error: {again}: already scrapped as #1; use --force to scrap it again" in r.stderr
    assert f"error: {old}: already scrapped as #1; use --force to scrap it again" in r.stderr
    assert "1 of 3 articles saved, 2 already scrapped" in r.stderr
    assert len(notes(home)) == 2


def test_the_same_article_twice_in_one_run(cli, home, tmp_path):
    a = article(tmp_path, "a.md", "가상전자, 3분기 영업이익 1조2000억원", "https://example.co.kr/news/1")
    b = article(tmp_path, "b.md", "가상전자, 3분기 영업이익 1조2000억원", "https://example.co.kr/news/1/")
    r = cli("new", "--no-edit", a, b)
    assert r.exit_code == 1 and r.stdout.split() == ["1"]
    assert f"{b}: already scrapped as #1" in r.stderr and len(notes(home)) == 1


def test_a_link_changed_by_hand_is_seen(cli, home, tmp_path):
    """The index is brought up to date first: a note whose link was edited by hand no longer holds it."""
    a = article(tmp_path, "a.md", "가상전자, 3분기 영업이익 1조2000억원", "https://example.co.kr/news/1")
    assert cli("new", "--no-edit", a).exit_code == 0
    f = next((home / "notes").iterdir())
    text = f.read_text("utf-8").replace("https://example.co.kr/news/1", "https://example.co.kr/news/9")
    f.write_text(text.replace("가상전자, 3분기 영업이익 1조2000억원", "손으로 고친 제목입니다 정말로"), "utf-8")
    r = cli("new", "--no-edit", a)
    assert r.exit_code == 0, r.stderr
    r = cli("new", "--no-edit", article(tmp_path, "c.md", "또 다른 제목의 기사 하나 더", "https://example.co.kr/news/9"))
    assert r.exit_code == 1 and "already scrapped as #1" in r.stderr


def test_the_keys():
    assert url_key("HTTPS://WWW.Example.co.kr/a/b/?b=2&a=1&utm_source=x") == "example.co.kr/a/b?a=1&b=2"
    assert url_key("https://v.daum.net/v/20261102123456789") == url_key("http://v.daum.net/v/20261102123456789?f=o")
    assert url_key(None) is None and url_key("javascript:alert(1)") is None and url_key("not a link") is None
    assert title_key("  가상전자,\n3분기  실적 발표했다 ") == "가상전자, 3분기 실적 발표했다"
    assert title_key("ABC Corp Earnings Beat") == title_key("abc corp earnings beat")
    assert title_key("오늘의 증시") is None and title_key("") is None


PAGE = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>가상전자, 3분기 영업이익 1조2000억원 - 가상일보</title>"
        "<meta content=\"가상전자, 3분기 영업이익 1조2000억원\" property='og:title'>"
        "<link rel=\"canonical\" href=\"https://www.example.co.kr/news/{n}\"></head><body><article>"
        "<h1>가상전자, 3분기 영업이익 1조2000억원</h1>"
        + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n")) + "</article></body></html>")


@pytest.mark.parametrize("page, first", [
    (PAGE.format(n=1), None),  # the same page: its canonical link
    (PAGE.format(n=2), "https://www.example.co.kr/news/1"),  # another link: its og:title is a note's title
])
def test_a_page_already_scrapped_is_refused_before_it_is_extracted(cli, home, tmp_path, monkeypatch, page, first):
    """The page's own names (og:title, twitter:title, canonical, og:url) are asked of the index
    right after decoding: a 5 MB page was extracted (47 s here) only to be refused."""
    src = tmp_path / "page.html"
    src.write_text(page, encoding="utf-8")
    if first:
        assert cli("new", "--no-edit", "--no-drafts", article(tmp_path, "a.md", "가상전자, 3분기 영업이익 1조2000억원",
                                                             first)).exit_code == 0
    else:
        assert cli("new", "--no-edit", "--no-drafts", src).exit_code == 0
    from scrapnote.extract import html

    def no_extraction(*a, **k):
        raise AssertionError("extracted a page already scrapped")

    monkeypatch.setattr(html, "extract_html", no_extraction)
    r = cli("new", "--no-edit", src)
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr == "error: already scrapped as #1; use --force to scrap it again\n"
    r = cli("new", "--no-edit", "--no-drafts", src, article(tmp_path, "b.md", "다른 기사, 나라은행 금리 동결 결정"))
    assert r.exit_code == 1 and f"{src}: already scrapped as #1" in r.stderr
    assert "2 of 2 articles saved" not in r.stderr and "1 already scrapped" in r.stderr


def test_an_address_already_scrapped_is_not_fetched_again(cli, home, tmp_path, monkeypatch):
    assert cli("new", "--no-edit", "--no-drafts",
                article(tmp_path, "a.md", "가상전자, 3분기 영업이익 1조2000억원", "https://news.example.invalid/a/1")
                ).exit_code == 0
    from scrapnote import fetch

    def no_fetch(*a, **k):
        raise AssertionError("fetched a page already scrapped")

    monkeypatch.setattr(fetch, "fetch", no_fetch)
    r = cli("new", "--no-edit", "http://m.news.example.invalid/a/1/?utm_source=x")
    assert r.exit_code == 1 and r.stderr == "error: already scrapped as #1; use --force to scrap it again\n"
