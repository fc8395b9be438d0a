"""A made-up collection for the 용어 노트, the review and the habit: notes written as a reader
leaves them (front matter, the form's sections, the reader's own lines)."""
from __future__ import annotations

import pytest


def note(nid: int, title: str, *, body: str = "", research: str = "", insights: str = "", questions: str = "",
         summary: str = "요약을 썼다.", scrapped: str = "2026-11-20T09:00:00+09:00", published: str | None = None,
         companies=(), industry=()) -> str:
    comp = ", ".join(companies)
    ind = ", ".join(industry)
    return f"""---
id: {nid}
title: "{title}"
url: https://news.example.com/{nid}
source: 한국경제
reporter: 홍길동
published: {published or scrapped[:10]}
scrapped: {scrapped}
industry: [{ind}]
companies: [{comp}]
tags: []
keywords: []
template: economy
---

## 헤드라인 (요약과 압축)

{title}

## 본문 (본문 내용 복사)

{body or title + "에 대한 본문이다."}

## 기사 내용의 수치화, 인사이트

{insights or "숫자의 의미를 적었다."}

## 추가조사할 내용 또는 결과

{research or "더 찾아볼 것을 적었다."}

## 요약 및 의견

{summary}

## 적용할점 (현직자에게 할 질문)

{questions or "질문을 적었다."}

## 연관기사 링크

"""


@pytest.fixture
def add(write_note):
    def add_note(nid: int, title: str, **kw):
        return write_note(f"{nid:04d}-note.md", note(nid, title, **kw))
    return add_note
