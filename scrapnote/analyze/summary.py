"""요약 draft: the article's most central sentences by TextRank over kiwipiepy's sentences and nouns.

``draft_summary(text, n=3)`` removes bylines, e-mails and urls, splits the rest with
``Kiwi.split_into_sents``, links every two sentences by the nouns they share
(|A ∩ B| / (log|A| + log|B|), as in Mihalcea & Tarau 2004; only pairs that share a noun are compared,
found through an inverted index of the nouns), ranks them with weighted PageRank and
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
# Bounds (issue 10: a 300 KB article of 2,775 sentences ran over 400 s on the full n² matrix): the
# drafts read at most drafts.DRAFT_CHARS characters, the ranking at most MAX_SENTENCES sentences
# (the article's first; a normal article has 10–60), PageRank at most MAX_ITERATIONS rounds.
MAX_SENTENCES = 200
MAX_ITERATIONS = 100


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


def _links(pool: list[tuple[str, set[str], bool]]) -> list[list[tuple[int, float]]]:
    """For each sentence i, the sentences j ≠ i sharing a noun with it and their weight, j ascending.

    Only pairs that share a noun are compared (an inverted index of the nouns): the rest weigh 0,
    so the graph is the same as the full matrix's, without its n² comparisons."""
    by_noun: dict[str, list[int]] = {}
    for i, (_, nouns, _) in enumerate(pool):
        for w in nouns:
            by_noun.setdefault(w, []).append(i)
    out: list[list[tuple[int, float]]] = []
    for i, (_, nouns, _) in enumerate(pool):
        near = sorted({j for w in nouns for j in by_noun[w] if j != i})
        out.append([(j, _similarity(nouns, pool[j][1])) for j in near])
    return out


def _pagerank(links: list[list[tuple[int, float]]], prior: list[float], iterations: int = MAX_ITERATIONS,
              tol: float = 1e-9) -> list[float]:
    """Weighted PageRank over a symmetric sparse graph; the random jump lands on i with ``prior[i]``."""
    n = len(links)
    out_sum = [sum(w for _, w in row) for row in links]
    incoming = [[(j, w) for j, w in row if w and out_sum[j]] for row in links]  # symmetric: j → i as i → j
    scores = [1.0 / n] * n
    for _ in range(iterations):
        new = []
        for i in range(n):
            s = 0.0
            for j, w in incoming[i]:
                s += w / out_sum[j] * scores[j]
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
    pool = pool[:MAX_SENTENCES]
    if not pool:
        return []
    # news puts the gist first: the random jump favours early sentences (1/√position)
    prior = [1 / math.sqrt(i + 1) for i in range(len(pool))]
    total = sum(prior)
    scores = _pagerank(_links(pool), [p / total for p in prior])
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
