"""Review cards made from a note's own sections, read when the note is indexed:

- **term** cards from the 용어 lines of the 추가조사 section (``learn.terms``): the definition is
  the prompt, the term the answer, its 초성 the hint;
- **figure** cards from the 수치화 section the reader kept (not while it is still the untouched
  draft): a table with a 지표 and a 값 column (the drafted table's shape), or ``- 지표: 값`` lines
  whose value holds a number; the prompt names the note's company (or its headline) and the
  지표 (``SK하이닉스 2분기 영업이익은?``), the answer is the value;
- **question** cards from the 현직자 questions: the prompt is the company and the headline, the
  answer the reader's own question (self-graded).

A card's id is stable, derived from the note id and what the card asks (the term, the 지표, the
question's text), so that the schedule (``learn.schedule``) follows a card across edits of other
lines and across devices.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from scrapnote.learn import terms as _terms
from scrapnote.text.normalize import nfc, one_line

TERM, FIGURE, QUESTION = "term", "figure", "question"
KINDS = (TERM, FIGURE, QUESTION)
_DRAFT = "> [초안]"  # the draft marker's start (note.DRAFT_MARKER): an untouched draft is no card
_NUMBER = re.compile(r"\d")
_BULLET = re.compile(r"^\s*(?:[-*+•·▪◦]|\d{1,3}[.)])\s+")
_FIGURE_LINE = re.compile(r"^(?P<label>[^:：\n]{1,40}?)\s*[:：]\s*(?P<value>.+)$")
_LABEL_HEADS = ("지표", "항목", "구분")
_VALUE_HEADS = ("값", "수치", "금액")


@dataclass(frozen=True)
class Card:
    card: str  # the stable id
    kind: str
    note: int
    prompt: str
    answer: str
    hint: str = ""
    context: str = ""  # the note's headline

    def to_json(self) -> dict:
        return {"card": self.card, "kind": self.kind, "note": self.note, "prompt": self.prompt,
                "answer": self.answer, "hint": self.hint, "context": self.context}


def _short(text: str) -> str:
    return hashlib.sha1(nfc(text).encode("utf-8")).hexdigest()[:10]


def card_id(kind: str, note: int, what: str) -> str:
    """``t12-기준금리`` for a term, ``f12-<hash>`` for a figure, ``q12-<hash>`` for a question."""
    if kind == TERM:
        return f"t{note}-{_terms.key(what)}"
    return f"{kind[0]}{note}-{_short(one_line(what))}"


def _has_particle_final(word: str) -> bool:
    """Whether the last syllable has a final consonant (은 rather than 는)."""
    ch = word.rstrip()[-1:] if word.strip() else ""
    if "가" <= ch <= "힣":
        return (ord(ch) - 0xAC00) % 28 != 0
    return ch.isdigit() and ch in "013678"  # 영, 일, 삼, 육, 칠, 팔: a final consonant


def ask(subject: str, label: str) -> str:
    """``SK하이닉스 2분기 영업이익은?`` (the subject once: a 지표 that names it already keeps it)."""
    label = label.strip()
    particle = "은" if _has_particle_final(label) else "는"
    if subject and subject.casefold() in label.casefold():
        subject = ""
    return one_line(f"{subject} {label}{particle}?")


def hint(term: str) -> str:
    """A term's hint: its 초성 (ㄱㅈㄱㄹ); letters and digits of another script as their first
    one and a blank per other (HBM → H__), never the term itself."""
    from scrapnote.text import hangul

    out = []
    first = True
    for ch in term:
        if hangul.is_syllable(ch):
            out.append(hangul.chosung(ch))
        elif ch.isalnum():
            out.append(ch if first else "_")
            first = False
            continue
        else:
            out.append(ch)
        first = not ch.isalnum() or hangul.is_syllable(ch)
    return "".join(out)


def masked(text: str, term: str) -> str:
    """``text`` with the term blanked out (a term card's headline must not give the answer)."""
    if not term.strip():
        return text
    pattern = re.compile(r"\s*".join(re.escape(c) for c in term.replace(" ", "")), re.I)
    return pattern.sub(lambda m: "○" * len(m.group(0).replace(" ", "")), text)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def figures(text: str) -> list[tuple[str, str]]:
    """(지표, 값) of a kept 수치화 section."""
    if not text or _DRAFT in text:
        return []
    out: list[tuple[str, str]] = []
    lines = [nfc(x) for x in text.splitlines()]
    i = 0
    while i < len(lines):
        s = lines[i].strip()
        if s.startswith("|") and i + 1 < len(lines) and re.match(r"^\|?\s*:?-{2,}", lines[i + 1].strip()):
            heads = _cells(s)
            li = next((k for k, h in enumerate(heads) if h.startswith(_LABEL_HEADS)), None)
            vi = next((k for k, h in enumerate(heads) if h.startswith(_VALUE_HEADS)), None)
            i += 2
            while i < len(lines) and lines[i].strip().startswith("|"):
                row = _cells(lines[i])
                if li is not None and vi is not None and max(li, vi) < len(row):
                    label, value = row[li], row[vi]
                    if label and _NUMBER.search(value):
                        out.append((label, value))
                i += 1
            continue
        m = _FIGURE_LINE.match(_BULLET.sub("", s, count=1)) if _BULLET.match(s) else None
        if m and _NUMBER.search(m.group("value")) and re.search(r"[^\W\d_]", m.group("label")):
            value = re.split(r"\s[(（]|\s—\s|,\s", m.group("value").strip(), maxsplit=1)[0].strip()
            out.append((m.group("label").strip(), value))
        i += 1
    return out


def questions(text: str) -> list[str]:
    """The reader's 현직자 questions (one per bullet or line), not while still a draft."""
    if not text or _DRAFT in text:
        return []
    out = []
    for line in text.splitlines():
        s = _BULLET.sub("", nfc(line).strip(), count=1).strip()
        if s and not s.startswith((">", "#")):
            out.append(s)
    return out


def study_data(research: str, insights: str, questions_text: str) -> dict:
    """What the index keeps of a note for the glossary and the review (JSON-able)."""
    return {
        "terms": [[e.term, e.definition] for e in _terms.parse(research)],
        "figures": [list(f) for f in figures(insights)],
        "ask": questions(questions_text),
    }


def cards_of(note: int, title: str, headline: str | None, companies: list[str], study: dict) -> list[Card]:
    """Every card of one note (its index row's study data)."""
    context = one_line(headline or title or "")
    subject = companies[0] if companies else context
    out: list[Card] = []
    for term, definition in study.get("terms") or []:
        out.append(Card(card_id(TERM, note, term), TERM, note, masked(definition, term), term,
                        hint(term), masked(context, term)))
    for label, value in study.get("figures") or []:
        out.append(Card(card_id(FIGURE, note, label), FIGURE, note, ask(subject, label), value, "", context))
    for q in study.get("ask") or []:
        who = f"{', '.join(companies[:3])} · " if companies else ""
        out.append(Card(card_id(QUESTION, note, q), QUESTION, note, f"{who}{context}: 현직자에게 할 질문은?",
                        q, "", context))
    return out
