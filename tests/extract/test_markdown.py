"""Markdown: turned back into plain lines, and a front matter's tags."""
from __future__ import annotations

from scrapnote.extract import extract
from scrapnote.extract.frontmatter import markdown_to_text


def test_markdown_to_text():
    md = "## 제목\n\n**굵게** 그리고 [링크](http://x.y/z) ![사진](a.jpg)\n\n| a  b | c |\n| --- | --- |\n\\_밑줄"
    assert [x for x in markdown_to_text(md).split("\n") if x] == ["제목", "굵게 그리고 링크", "a", "b", "c", "_밑줄"]


_PORTAL_LEAD = "가상반도체가 올해 2분기 매출 16조원, 영업이익 5조원을 기록했다고 25일 밝혔다."


def test_front_matter_tags():
    text = """---
title: "가상반도체, 2분기 영업이익 5조원"
tags: [경제, "[[반도체]]", "#가상반도체", clippings]
keywords: HBM, 메모리
categories:
  - [[뉴스]]
  - 경제
---
가상반도체가 올해 2분기 매출 16조원, 영업이익 5조원을 기록했다고 25일 밝혔다. 메모리 값이 올랐다.
"""
    a = extract(text)
    assert a.tags == ("경제", "반도체", "가상반도체", "clippings", "HBM", "메모리", "뉴스")
    assert extract(text.replace("tags: [경제, \"[[반도체]]\", \"#가상반도체\", clippings]", "tags: '#경제 #반도체'")
                   ).tags[:2] == ("경제", "반도체")
    assert extract(_PORTAL_LEAD + "\n").tags == ()
