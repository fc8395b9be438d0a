"""Choosing the extractor: the one list of them, --format, and what detection takes for what."""
from __future__ import annotations

import pytest

from fixture_pages import page_text
from scrapnote.errors import InputError
from scrapnote.extract import FORMATS, extract


def test_formats_list():
    assert FORMATS == ["scrapform", "noteform", "markdown", "html", "text"]  # the extractor list, detection order


def test_format_override():
    fm_article = page_text("clipper/tistory-table-repost.md")
    naver_like = page_text("portal/naver-like.txt")
    a = extract(fm_article, fmt="text")  # read as copied text: the front matter is not understood
    assert a.format == "text"
    assert a.title.startswith("title:")
    assert extract(fm_article).format == "markdown"
    assert extract(naver_like, fmt="markdown").format == "markdown"


def test_unknown_format():
    with pytest.raises(InputError, match="unknown format 'pdf'"):
        extract("x", fmt="pdf")


def test_format_choices_are_the_extractors():
    """`new --format` offers every extractor detection can pick, named by the one extractor list."""
    import scrapnote.extract as ex

    assert ex.FORMATS == ["scrapform", "noteform", "markdown", "html", "text"]
    assert [type(e).__name__ for _name, e in ex.extractors()] == [
        "ScrapformExtractor", "NoteformExtractor", "MarkdownExtractor", "HtmlExtractor", "PlainExtractor"]


def test_new_help_names_every_format(cli):
    from scrapnote.extract import FORMATS

    out = " ".join(cli("new", "--help").stdout.split())
    assert f"Input format: {', '.join(FORMATS)} (default: detected)" in out


def test_blog_titled_scrap_is_not_a_filled_form():
    assert extract(page_text("clipper/blog-repost-with-scrap-title.md")).format == "markdown"
    plain_post = "[경제신문 스크랩] 코스피 2,600선 회복\n\n" + "코스피가 7일 외국인 매수세에 힘입어 2,600선을 회복했다.\n"
    assert extract(plain_post).format == "text"
