"""What ``terms``, ``term``, ``review`` and ``stats`` show — part of render.py's room (the only
other module that draws and talks to the terminal): Rich on a terminal, plain aligned text when
piped, JSON on ``--json``. Every field goes through ``safetext.visible`` as in render.py.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import datetime

from scrapnote.render import _cell, _stdout_is_terminal, _table, console, message, print_json
from scrapnote.safetext import visible


# -- the 용어 노트 --------------------------------------------------------------------------------
def _short(text: str, n: int = 60) -> str:
    text = visible(text, oneline=True)
    return text if len(text) <= n else text[: n - 1] + "…"


def terms(entries, *, as_json: bool) -> None:
    if as_json:
        print_json([t.to_json() for t in entries])
        return
    if not entries:
        message("no terms yet: write '- 용어: 설명' lines in a note's 추가조사할 내용 section")
        return
    out = console()
    t = _table(out, [("용어", {"no_wrap": True}), ("설명", {"ratio": 1, "overflow": "ellipsis", "no_wrap": True}),
                     ("노트", {"justify": "right", "no_wrap": True}), ("처음", {"no_wrap": True}),
                     ("마지막", {"no_wrap": True})])
    if out.is_terminal:
        t.expand = True
    for e in entries:
        t.add_row(_cell(e.term), _cell(_short(e.definition, 200)), _cell(len(e.notes)),
                  _cell(e.first or ""), _cell(e.last or ""))
    out.print(t)
    message(f"{len(entries)} terms")


def term(entry, hits, word: str, *, as_json: bool) -> None:
    if as_json:
        print_json({"term": entry.term if entry else word,
                    "definitions": entry.definitions if entry else [],
                    "mentioned_in": [{"id": h.id, "title": h.title, "date": h.published, "lane": h.lane, "snippet": h.snippet}
                                     for h in hits]})
        return
    from rich.text import Text

    out = console()
    out.print(Text(visible(entry.term if entry else word, oneline=True), style="bold"))
    if entry:
        for d in entry.definitions:
            out.print(Text("  ") + Text(f"#{d['id']} ", style="cyan") + Text(visible(d["definition"], oneline=True))
                      + Text(f"  ({visible(d['date'] or '', oneline=True)} {_short(d['title'], 40)})", style="dim"))
    else:
        out.print(Text("  (not in the 용어 노트 yet)", style="dim"))
    if hits:
        out.print(Text(f"\nmentioned in {len(hits)} notes:", style="bold"))
        for h in hits:
            out.print(Text("  ") + Text(f"#{h.id} ", style="cyan") + Text(_short(h.title, 70)))


def suggestions(rows: list[dict], *, as_json: bool) -> None:
    if as_json:
        print_json(rows)
        return
    if not rows:
        message("nothing to suggest: the 용어 노트 has every term the notes use often")
        return
    out = console()
    t = _table(out, [("용어", {"no_wrap": True}), ("노트", {"justify": "right", "no_wrap": True}),
                     ("", {"no_wrap": True})])
    for r in rows:
        t.add_row(_cell(r["term"]), _cell(r["notes"]), _cell("경제 용어" if r["economic"] else ""))
    out.print(t)
    message("write them in a note's 추가조사할 내용 as '- 용어: 설명' to add them to the 용어 노트")


def glossary_written(path: str, n: int) -> None:
    message(f"wrote {n} terms to {path}")


# -- review ---------------------------------------------------------------------------------------
_KIND_LABEL = {"term": "용어", "figure": "수치", "question": "질문"}
_GRADES = {"1": "again", "2": "hard", "3": "good", "4": "easy",
           "a": "again", "h": "hard", "g": "good", "e": "easy"}


def review_due(plan, *, as_json: bool) -> None:
    if as_json:
        d = plan.to_json()
        d.pop("cards")
        print_json(d)
        return
    kinds = ", ".join(f"{_KIND_LABEL.get(k, k)} {n}" for k, n in sorted(plan.by_kind.items()))
    sys.stdout.write(f"due {plan.due}\tnew {plan.new}\tlater {plan.later}\ttotal {plan.total}"
                     + (f"\t({kinds})" if kinds else "") + "\n")
    if plan.next_due and not plan.due:
        message(f"next card due {plan.next_due.astimezone().strftime('%Y-%m-%d %H:%M')}")


def _read(prompt: str) -> str | None:
    sys.stdout.write(prompt)
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        return None
    return line.rstrip("\r\n")


def review_session(plan, *, self_grade: bool, chosung: bool,
                   check: Callable[..., bool], grade: Callable[..., datetime]) -> dict:
    """The review session: each card's prompt, the typed answer (or Enter to see it and grade
    yourself), the grade written at once. Returns the session's counts."""
    if not plan.cards:
        if plan.total == 0:
            message("no cards yet: cards come from your 용어 lines (- 용어: 설명), the 수치화 section you "
                    "kept and your 현직자 questions")
        else:
            message(f"nothing due now ({plan.later} cards later"
                    + (f", next {plan.next_due.astimezone().strftime('%Y-%m-%d %H:%M')}" if plan.next_due else "")
                    + ")")
        return {"reviewed": 0}
    color = _stdout_is_terminal() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"

    def style(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if color else text

    counts = {"reviewed": 0, "right": 0, "wrong": 0}
    total = len(plan.cards)
    for i, card in enumerate(plan.cards, 1):
        sys.stdout.write("\n" + style(f"[{i}/{total}] {_KIND_LABEL.get(card.kind, card.kind)}", "1;36")
                         + style(f"  #{card.note} {visible(card.context, oneline=True)}", "2") + "\n")
        sys.stdout.write(visible(card.prompt, oneline=True) + "\n")
        if card.hint and card.kind == "term":
            sys.stdout.write(style(f"힌트: {visible(card.hint, oneline=True)}", "2") + "\n")
        rating = None
        if not (self_grade or card.kind == "question"):
            typed = _read("답> ")
            if typed is None:
                break
            if typed.strip() in ("q", ":q", "ㅂ"):
                break
            if typed.strip():
                right = check(card, typed, chosung=chosung)
                counts["right" if right else "wrong"] += 1
                sys.stdout.write((style("맞았어요", "32") if right else style("틀렸어요", "31"))
                                 + f"  정답: {visible(card.answer, oneline=True)}\n")
                rating = "good" if right else "again"
        else:
            shown = _read("(Enter: 정답 보기, q: 그만) ")
            if shown is None or shown.strip() in ("q", ":q", "ㅂ"):
                break
        if rating is None:
            sys.stdout.write(f"정답: {visible(card.answer, oneline=True)}\n")
            while rating is None:
                got = _read("1 again · 2 hard · 3 good · 4 easy (q: 그만)> ")
                if got is None or got.strip() in ("q", "ㅂ"):
                    rating = "stop"
                    break
                rating = _GRADES.get(got.strip().lower())
            if rating == "stop":
                break
        due = grade(card, rating)
        counts["reviewed"] += 1
        sys.stdout.write(style(f"→ {rating}; next {due.astimezone().strftime('%Y-%m-%d %H:%M')}", "2") + "\n")
    sys.stdout.flush()
    message(f"reviewed {counts['reviewed']} of {total} cards"
            + (f" ({counts['right']} right, {counts['wrong']} wrong)" if counts["right"] or counts["wrong"] else ""))
    return counts


def review_cards(plan) -> None:
    """``review --json``: the session's cards, not run."""
    print_json(plan.to_json())


# -- the habit ------------------------------------------------------------------------------------
_SHADES_ASCII = ".-+*#"
_SHADES = "·░▒▓█"


def stats(h, *, as_json: bool) -> None:
    from scrapnote.learn.habit import level

    if as_json:
        print_json(h.to_json())
        return
    if not h.total:
        message("no notes yet")
        return
    longest, ls, le = h.longest_streak()
    out = console()
    terminal = out.is_terminal
    weeks = h.weeks()
    lines = []
    month_row = ["    "] + ["  "] * len(weeks)
    for col, month in h.month_columns():
        month_row[1 + col] = f"{month:<2d}"
    lines.append("".join(month_row).rstrip())
    enc = (getattr(sys.stdout, "encoding", None) or "utf-8").lower()
    shades = _SHADES if enc.replace("-", "") in ("utf8", "utf16", "utf32") else _SHADES_ASCII
    for row, name in enumerate(("일", "월", "화", "수", "목", "금", "토")):
        cells = []
        for week in weeks:
            d = week[row]
            cells.append("  " if d is None else shades[level(h.per_day.get(d, 0))] + " ")
        lines.append(f"{name}  " + "".join(cells))
    if terminal:
        from rich.text import Text

        greens = ("grey23", "green4", "green3", "green1", "bright_green")
        for line_no, line in enumerate(lines):
            if line_no == 0:
                out.print(Text(line, style="dim"))
                continue
            text = Text(line[:4])
            for week in weeks:
                d = week[line_no - 1]
                if d is None:
                    text.append("  ")
                    continue
                lv = level(h.per_day.get(d, 0))
                text.append("■ ", style=greens[lv])
            out.print(text)
    else:
        sys.stdout.write("\n".join(lines) + "\n")
    summary = [
        f"지난 1년 스크랩 {h.in_year()}개 (전체 {h.total}개)",
        f"현재 연속 {h.current_streak()}일 · 최장 연속 {longest}일"
        + (f" ({ls.isoformat()} ~ {le.isoformat()})" if ls and le else ""),
        "주별 (최근 12주): " + " ".join(f"{w[-3:]}:{n}" for w, n in h.per_week()),
        "산업: " + (", ".join(f"{visible(k, oneline=True)} {n}" for k, n in h.industries.most_common(8)) or "-"),
        "기업: " + (", ".join(f"{visible(k, oneline=True)} {n}" for k, n in h.companies.most_common(8)) or "-"),
        f"내 생각까지 쓴 노트: {h.complete}/{h.total} ({round(100 * h.complete / h.total)}%)",
    ]
    sys.stdout.write("\n".join(summary) + "\n")
