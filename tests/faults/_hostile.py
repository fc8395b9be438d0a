"""Hostile article inputs of issue 10, generated (made-up Korean text in the shapes the attack used).

Used by tests/faults/test_drafts_bounded.py and bench/hostile.py (which puts this folder on sys.path).
"""
from __future__ import annotations

import random

NOUNS = ("반도체", "메모리", "투자", "공장", "설비", "시장", "수출", "금리", "환율", "물가", "가계부채", "배터리",
         "전기차", "인공지능", "데이터센터", "클라우드", "플랫폼", "스타트업", "정부", "규제", "예산", "세수",
         "고용", "임금", "소비", "생산", "재고", "주가", "채권", "부동산", "전세", "분양", "건설", "조선", "철강",
         "석유화학", "에너지", "원전", "태양광", "수소", "바이오", "신약", "통신", "요금", "관광", "항공")
SUBJECTS = ("가상전자", "가상은행", "가상모터스", "가상통신", "가상건설", "가상증권", "정부", "업계", "전문가들")
VERBS = ("늘린다고 밝혔다", "줄일 계획이라고 말했다", "검토하고 있다고 전했다", "확대할 방침이다",
         "회복할 것으로 내다봤다", "둔화할 것으로 전망했다", "발표했다", "강조했다")


def sentence(rng: random.Random) -> str:
    a, b, c = rng.sample(NOUNS, 3)
    return (f"{rng.choice(SUBJECTS)}는 올해 {a} 분야의 {b} 규모를 {rng.randint(2, 99)}% 수준까지 "
            f"{c}와 함께 {rng.choice(VERBS)}.")


def long_article(n_sentences: int = 2775, per_paragraph: int = 5, seed: int = 10) -> str:
    """A copied article of ``n_sentences`` sentences (2,775 ≈ the attack's 300 KB), paragraphs of a few."""
    rng = random.Random(seed)
    paras = []
    for i in range(0, n_sentences, per_paragraph):
        paras.append(" ".join(sentence(rng) for _ in range(min(per_paragraph, n_sentences - i))))
    return "가상전자, 반도체 투자 확대\n\n" + "\n\n".join(paras) + "\n"


def one_line(n_bytes: int, seed: int = 10) -> str:
    """One line of sentences, no line break anywhere, about ``n_bytes`` bytes of UTF-8."""
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < n_bytes:
        s = sentence(rng) + " "
        out.append(s)
        size += len(s.encode())
    return "".join(out)


def many_spans(n: int) -> str:
    """A saved page of ``n`` ``<span>`` elements (1,000,000 ≈ the attack's 15 MB)."""
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>가상전자, 실적 발표</title></head><body>"
            + "<span>가</span>" * n + "</body></html>")
