"""The kind of each line of a page, before anyone knows where the article is.

``KINDS`` is one ordered table of ``(kind, test)`` rows: a line is the kind of the first row whose
test it passes, else ``text``. The order of the table is the precedence — a copyright line that
also holds a date is ``copyright``, a menu word on a line of its own is ``furniture`` only when
nothing before claimed it. A new kind of line is one row, put where it must win. A kind may have
several rows (``furniture`` has five, at different precedences).

The kinds the engine (``page.py``) acts on:

- ``blank``; ``marker`` (``본문``: the text starts here); ``cue`` (a transcript's ``[앵커]``);
- ``sourcefooter`` (``출처 : 매체(https://…)``), ``url``, ``email`` — read for the metadata;
- ``comment`` (a comment box, a paywall) and ``copyright`` and ``reader`` (a re-poster's own
  heading) — where the article ends; ``block`` (a box of other headlines) — skipped to its end;
- ``summary_box`` (an ``AI 요약`` box), ``image``, ``caption``, ``furniture`` — left out;
- ``endmark`` (``(끝)``, ``///``) — the report ends there;
- ``byline``, ``date`` — the header's (or the signature's) reporter and date; ``text``.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from scrapnote.extract import bylines, dates, furniture
from scrapnote.extract.strings import HANGUL, PERIOD_END, compact, ends_sentence

LineTest = Callable[[list[str], int], bool]


def _line(test: Callable[[str], object]) -> LineTest:
    """A test of the line alone (most are), as a row's test of ``(lines, i)``."""
    return lambda lines, i: bool(test(lines[i]))


def _roundup_heading(line: str) -> bool:
    """``▲ 코스피, 외국인 매수에 상승``: a short ▲ item heading (no sentence, no picture words, no credit)."""
    return (bool(re.match(r"^\s*[▲△]", line)) and len(line) <= 60 and not PERIOD_END.search(line)
            and not furniture.is_caption_like(re.sub(r"^\s*[▲△]\s*", "", line)) and not furniture.is_photo_credit(line))


def _is_triangle_caption(lines: list[str], i: int) -> bool:
    """``▲ 카카오가 …`` under a picture — not a ``▲항목 ▲항목`` list, not one of several ▲ rows, not
    one of the item headings of a round-up (``▲ 코스피, …`` / its paragraph / ``▲ 코스닥, …``)."""
    line = lines[i]
    if not re.match(r"^\s*[▲△]", line) or line.count("▲") + line.count("△") > 1:
        return False
    if _roundup_heading(line) and sum(1 for x in lines if _roundup_heading(x)) >= 2:
        return False
    for j in (i - 1, i + 1):
        k = j
        while 0 <= k < len(lines) and not lines[k]:
            k += (-1 if j < i else 1)
        if 0 <= k < len(lines) and re.match(r"^\s*[▲△]", lines[k]):
            return False
    return True


# (kind, test): the first row whose test a line passes gives its kind; the order is the precedence.
KINDS: list[tuple[str, LineTest]] = [
    ("blank", _line(lambda line: not line)),
    ("marker", _line(lambda line: compact(line) in furniture.body_markers())),
    ("cue", _line(furniture.is_cue)),
    ("sourcefooter", _line(furniture.source_footer)),
    ("url", _line(furniture.is_url_line)),
    ("comment", _line(lambda line: furniture.is_comment_marker(line) or furniture.is_paywall(line))),
    ("caption", _line(furniture.is_signed_caption)),  # "공장 전경 ⓒ 가상일보": before the ⓒ of a copyright line
    ("copyright", _line(furniture.is_copyright)),
    ("summary_box", _line(furniture.is_summary_marker)),
    ("reader", _line(furniture.is_reader_section)),
    ("block", _line(furniture.is_block_marker)),
    ("furniture", _line(furniture.is_related_link)),
    ("image", _line(furniture.is_image_line)),
    ("endmark", _line(furniture.is_end_mark)),
    ("furniture", _line(lambda line: furniture.is_share_or_button(line) or furniture.is_promo(line)
                        or furniture.is_site_notice(line) or furniture.is_page_marker(line))),
    ("caption", lambda lines, i: (_is_triangle_caption(lines, i) or furniture.is_photo_credit(lines[i])
                                  or furniture.is_wire_photo_caption(lines[i]) or furniture.is_credited_caption(lines[i])
                                  or furniture.is_lead_credit_caption(lines[i]))),
    ("furniture", _line(furniture.is_crew_credit)),
    ("byline", _line(bylines.is_byline)),
    ("date", _line(dates.is_date_line)),
    ("email", _line(lambda line: bylines.is_email_line(line) or furniture.is_contact(line))),
    ("furniture", _line(lambda line: len(line) <= 40 and furniture.is_nav(line))),
]


def classify(lines: list[str], i: int) -> str:
    """The kind of line ``lines[i]`` is (not knowing yet where the body is): the first row of
    ``KINDS`` it passes, else ``text``."""
    for kind, test in KINDS:
        if test(lines, i):
            return kind
    return "text"


def classify_all(lines: list[str]) -> list[str]:
    """The kind of every line."""
    return [classify(lines, i) for i in range(len(lines))]


def looks_like_paragraph(line: str) -> bool:
    """A line that reads as running text rather than a headline, a caption or a button."""
    n = len(line)
    if n >= 40 and PERIOD_END.search(line) and (HANGUL.search(line) or english_sentence(line)):
        return True
    if n >= 100 and ends_sentence(line):
        return True
    return n >= 200


def english_sentence(line: str) -> bool:
    """Running English text: several words, mostly Latin letters (Korea Herald, JoongAng Daily)."""
    words = line.split()
    return len(words) >= 7 and sum(1 for w in words if re.match(r"[A-Za-z$\"'(]", w)) >= len(words) * 0.6
