"""요약 draft: the article's most central sentences by TextRank over kiwipiepy's sentences and nouns.

``draft_summary(text, n=3)`` removes bylines, e-mails and urls, splits the rest with
``Kiwi.split_into_sents``, links every two sentences by the nouns they share
(|A ∩ B| / (log|A| + log|B|), as in Mihalcea & Tarau 2004), ranks them with weighted PageRank and
returns the best ``n`` in the order the article gives them. Deterministic: ties go to the earlier
sentence.
"""
from __future__ import annotations

import math
import re

from scrapnote.analyze.keywords import STOPWORDS, get_kiwi

__all__ = ["draft_summary"]

_NOISE_RE = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\[[^\]\n]{0,40}기자\]"  # [제주=이데일리 김유성 기자]
    r"|\(\s*[가-힣]{2,4}\s?기자\s*\)"
    r"|[가-힣]{2,4}\s?기자\s?[A-Za-z]?(?=\s|$)"  # 김유성 기자I
    r"|^[^\n]*(?:무단\s?전재|재배포\s?금지|ⓒ|Copyright|저작권자)[^\n]*$",
    re.MULTILINE | re.IGNORECASE,
)
_BULLET_RE = re.compile(r"^(?:[-*•·▲△▶▷◇◆■□○●☞※]+\s*)+")
_DATELINE_RE = re.compile(r"^\[[^\]]{1,30}\]\s*")  # [아이티데일리] at the start of the lead
_NOUN_TAGS = {"NNG", "NNP", "SL"}
_DAMPING = 0.85


def _clean(text: str) -> str:
    text = re.sub(r"\[([^\]\n]*)\]\((?:https?://|www\.)[^)\s]*\)", r"\1", text)  # [label](url)
    text = _NOISE_RE.sub(" ", text)
    text = re.sub(r"(?:\s*\|\s*|\s*-{3,}\s*){2,}", "\n", text)  # markdown table remnants
    text = text.replace("**", "")
    text = re.sub(r"([.!?][\"'”’]?)[ \t\u00a0]{2,}", "\\1\n", text)  # paragraphs run together with 2 spaces
    return re.sub(r"[ \t\u00a0]+", " ", text)


def _nouns(tokens) -> set[str]:
    out = set()
    for t in tokens:
        if t.tag in _NOUN_TAGS and t.form not in STOPWORDS:
            if t.tag == "SL" and len(t.form) < 2:
                continue
            out.add(t.form)
    return out


def _similarity(a: set[str], b: set[str]) -> float:
    shared = len(a & b)
    if not shared:
        return 0.0
    return shared / max(math.log(len(a)) + math.log(len(b)), 1.0)


def _pagerank(weights: list[list[float]], prior: list[float], iterations: int = 200,
              tol: float = 1e-9) -> list[float]:
    """Weighted PageRank; the random jump lands on sentence i with probability ``prior[i]``."""
    n = len(weights)
    out_sum = [sum(row) for row in weights]
    scores = [1.0 / n] * n
    for _ in range(iterations):
        new = []
        for i in range(n):
            s = 0.0
            for j in range(n):
                if weights[j][i] and out_sum[j]:
                    s += weights[j][i] / out_sum[j] * scores[j]
            new.append((1 - _DAMPING) * prior[i] * n + _DAMPING * s)
        delta = max(abs(x - y) for x, y in zip(new, scores))
        scores = new
        if delta < tol:
            break
    return scores


def draft_summary(text: str, n: int = 3) -> list[str]:
    """The ``n`` most central sentences of ``text``, in the article's order.

    Sentences that read as sentences (a final ending, 20+ characters, 2+ nouns) are preferred;
    short headers, captions and furniture are used only when there are not enough real sentences.
    A sentence that repeats most of the nouns of one already picked is skipped.
    """
    if n <= 0 or not text.strip():
        return []
    kiwi = get_kiwi()
    sents = []
    paragraphs = [p for p in _clean(text).split("\n") if p.strip()]  # a line break ends a sentence
    for s in (s for p in paragraphs for s in kiwi.split_into_sents(p, return_tokens=True)):
        body = _BULLET_RE.sub("", " ".join(s.text.split())).strip()
        body = _DATELINE_RE.sub("", body)
        if not re.search(r"[가-힣]", body):
            continue
        nouns = _nouns(s.tokens)
        if not nouns:
            continue
        full = len(body) >= 20 and len(nouns) >= 2 and any(t.tag == "EF" for t in s.tokens)
        sents.append((body, nouns, full))
    pool = [s for s in sents if s[2]]
    if len(pool) < n:
        pool = sents
    if not pool:
        return []
    weights = [[0.0 if i == j else _similarity(a[1], b[1]) for j, b in enumerate(pool)]
               for i, a in enumerate(pool)]
    # news puts the gist first: the random jump favours early sentences (1/√position)
    prior = [1 / math.sqrt(i + 1) for i in range(len(pool))]
    total = sum(prior)
    scores = _pagerank(weights, [p / total for p in prior])
    order = sorted(range(len(pool)), key=lambda i: (-round(scores[i], 9), i))
    chosen: list[int] = []
    for i in order:
        nouns = pool[i][1]
        if any(len(nouns & pool[j][1]) / len(nouns | pool[j][1]) > 0.7 for j in chosen):
            continue
        chosen.append(i)
        if len(chosen) == n:
            break
    return [pool[i][0] for i in sorted(chosen)]
