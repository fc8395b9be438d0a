"""The engine every extractor uses: page text → a ``Page`` of classified lines, its headline, its
clean paragraphs, and ranked ``Evidence`` for the metadata (link, publisher, reporter, date).

A copied news page has three parts: a header (navigation, the headline, the byline and dateline,
subheads, share buttons, a picture), the body (paragraphs, perhaps a dateline in front and a
signature at the end, captions in between) and a footer (copyright, "많이 본 뉴스", comments). The
body starts at the first line that reads like a paragraph; the headline is the first headline-like
line of the block right before the byline/date; the footer starts at a copyright line or a
comment box. ``analyze`` reads a whole page; ``clean_body`` cleans a body another extractor found
(a form's 본문 cell); ``resolve`` picks the winning metadata from the evidence.

Each line's kind comes from the table in ``lines.py``; the Korean rules themselves live in
``dates.py``, ``bylines.py`` and ``furniture.py``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import IntEnum

from scrapnote.extract import bylines, dates, furniture, publishers
from scrapnote.extract.lines import classify_all, english_sentence, looks_like_paragraph
from scrapnote.extract.strings import HANGUL, PERIOD_END, compact, ends_sentence, squash


# ---------------------------------------------------------------- ranks of the evidence
# For each field the lowest rank wins; among equal ranks, the evidence found first.

class SourceRank(IntEnum):
    """Where the publisher's name was found."""

    DATELINE = 10  # "[제주=이데일리 김유성 기자]", "(서울=연합뉴스)": an outlet the table knows
    BYLINE = 20  # named in the byline or signature, a broadcast's sign-off ("KBS 뉴스 김철수입니다.")
    LOGO = 30  # a line that is only the publisher's name (its logo); a form's or an export's 출처 row
    AUTHOR_META = 31  # an author meta tag naming an outlet (og:article:author "뉴스타파 | 네이버", webmaster@…)
    KNOWN_SITE = 32  # og:site_name, JSON-LD publisher, a tab title's site: a publisher the table knows
    LOGO_ALT = 33  # a saved page's logo picture's alt text
    COPYRIGHT = 40  # a copyright line or a "출처 :" line naming a publisher the table knows
    PAGE_LINE = 41  # a short line near the top of a saved page that is a known publisher's name
    DATELINE_UNKNOWN = 44  # a dateline naming an outlet the table does not know
    COPYRIGHT_UNKNOWN = 45  # a copyright or "출처 :" line naming an outlet the table does not know
    EMAIL = 50  # the domain of an e-mail address in the byline or signature
    URL = 60  # the domain of the article's link
    SITE = 70  # a site name the table does not know (og:site_name, a tab title)
    META = 80  # a JSON-LD publisher or front-matter site the table does not know


class ReporterRank(IntEnum):
    """Where the reporter's name was found (the names of the best rank are all kept)."""

    HEADER = 10  # the byline under the headline; a form's or an export's 기자 row
    PAGE_HEADER = 11  # a byline printed around the headline of a saved page, outside its text
    DATELINE = 15  # "(서울=연합뉴스) 홍길동 기자 = …"
    SIGNATURE = 20  # the signature at the end of the text, a broadcast's sign-off
    META = 30  # <meta name="author">, a front matter's author
    JSON_LD = 31  # a JSON-LD author


class DateRank(IntEnum):
    """Where the publication date was found. A byline's own date (``김유성 기자I 2017.05.22``) is
    the article's; a bare date line above the headline may be a re-poster's or today's date in a
    site's top bar."""

    LABELLED = 10  # labelled as published: "입력 2023.07.13 15:20", "등록", "송고"; a form's 날짜 row
    BYLINE = 11  # a date in the byline under the headline
    SIGNATURE = 12  # a date in the signature at the end of the text
    LINKED = 14  # a date in the link of a "출처 :" line: the linked article's own date
    HEADER = 15  # a date line between the headline and the body
    TAIL = 20  # a date line in the text or after it
    META = 22  # <meta property="article:published_time"> and its kin
    JSON_LD = 23  # a JSON-LD datePublished
    EARLY_TIMED = 24  # a date with a time above the headline
    PAGE_LABELLED = 24  # a labelled date anywhere on a saved page (as strong as EARLY_TIMED)
    EARLY = 25  # a bare date above the headline, or in a byline above it
    FRONT_MATTER = 40  # a front matter's published/pubdate
    URL = 50  # a date in the article's link
    POST = 55  # a front matter's bare "date": the post's or the clipping's date
    MODIFIED = 58  # labelled as modified: "수정 2023.07.14"


class UrlRank(IntEnum):
    """Where the article's link was found."""

    FIRST_LINE = 10  # a link pasted as the first line; a form's or an export's 기사링크 row
    HEADER = 20  # a link line in the header, a "출처 :" line's link, a form's 출처 cell holding a link
    ORIGINAL = 25  # a portal's or a syndicated copy's "기사원문" link: the article where it was published
    META = 30  # <link rel="canonical">, og:url, a front matter's url
    HINT = 40  # where the page was fetched from


class TitleRank(IntEnum):
    """Where the headline was found."""

    HINT = 5  # given by the caller (a form's 제목 row, a front matter's title)
    PAGE_HEADING = 10  # the page's own headline element (<h1>…<h3>) agreeing with its og:title or <title>
    META = 20  # og:title, twitter:title, <meta name="title">
    JSON_LD = 21  # a JSON-LD headline
    TAB = 30  # the <title>, its site's name taken off
    HEADING = 40  # the page's first <h1>/<h2> that is not the site's logo
    HEADER = 50  # the headline line of the page's text, above its byline or date
    FALLBACK = 60  # a re-poster's own post title, when the text has no headline


_RANKS: dict[str, type[IntEnum]] = {"title": TitleRank, "url": UrlRank, "source": SourceRank,
                                    "reporter": ReporterRank, "published": DateRank}


@dataclass
class Evidence:
    """Candidate values for the metadata, each with a rank (and where it was found); the best one wins."""

    items: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    where: dict[int, str] = field(default_factory=dict)  # seq → where the value was found
    here: str | None = None  # where the reader is now (a line of the page): the default ``where``
    _seq: int = 0

    def add(self, name: str, value: str | None, rank: int, where: str | None = None) -> None:
        if value:
            self._seq += 1
            self.items.setdefault(name, []).append((rank, self._seq, value))
            if where or self.here:
                self.where[self._seq] = _short(where or self.here or "")

    def best(self, name: str) -> str | None:
        got = self.items.get(name)
        return min(got)[2] if got else None

    def add_email(self, text: str, where: str | None = None) -> None:
        for m in bylines.EMAIL.finditer(text):
            self.add("source", publishers.by_domain(m.group(0)), SourceRank.EMAIL, where or f"e-mail {m.group(0)}")

    def add_url(self, url: str | None, rank: UrlRank, where: str | None = None) -> None:
        if url:
            self.add("url", url, rank, where)

    def explain(self, final: dict[str, str | None]) -> dict[str, dict]:
        """For each field: the value it got, the evidence that gave it (``won``) and the evidence
        that lost (``lost``), each as kind (the rank's name), value, rank and where it was found.
        ``final``: the value each field ended with."""
        out: dict[str, dict] = {}
        for name, ranks in _RANKS.items():
            got = sorted(self.items.get(name) or [])
            value = final.get(name)
            best = got[0][0] if got else None
            won: list[dict] = []
            lost: list[dict] = []
            for rank, seq, v in got:
                try:
                    kind = ranks(rank).name.lower()
                except ValueError:
                    kind = str(rank)
                entry = {"kind": kind, "value": v, "rank": int(rank), "where": self.where.get(seq)}
                # the reporter keeps every name of the best rank; other fields the first of it
                wins = rank == best and (name == "reporter" or not won) and value is not None
                (won if wins else lost).append(entry)
                if not wins:
                    entry["agrees"] = v == value or (name == "reporter" and v in (value or "").split(", "))
            out[name] = {"value": value, "won": won, "lost": lost}
        return out


def _short(text: str, limit: int = 90) -> str:
    text = squash(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


@dataclass
class Page:
    """A page's text as classified lines (``kinds[i]`` is the kind of ``lines[i]``, from the table
    in ``lines.py``), the headline and clean paragraphs read from them, and the evidence for the
    metadata. ``title_in_header``: the title is a headline line of the page, not the body's first
    sentence."""

    lines: list[str]
    kinds: list[str]
    evidence: Evidence
    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    title_in_header: bool = False


# ---------------------------------------------------------------- the headline

_EN_ABBREV_END = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|pct|Inc|Co|Corp|Ltd|"
                            r"Gov|Rep|Sen|St|Mt|vs|No|approx|mln|bln|tln|yr|yrs|mo|Jr|Sr)\.)$")


def _headline_like(line: str) -> bool:
    if not (6 <= len(line) <= 200):
        return False
    if PERIOD_END.search(line) and not line.endswith(("?", "!", "…", "...")) and not _EN_ABBREV_END.search(line):
        return False
    if furniture.is_nav(line):
        return False
    words = line.split()
    # one word is a logo or a label ("가상경제신문", "보도자료"), not a headline, unless it is long
    return len(words) >= 2 or len(HANGUL.findall(line)) >= 10


# ---------------------------------------------------------------- the page

def analyze(text: str, *, title_hint: str | None = None, evidence: Evidence | None = None,
            drop_header: bool = True, fallback_title: str | None = None) -> Page:
    """Split page text into headline, clean paragraphs and metadata evidence.

    ``title_hint`` beats the headline found in the text; ``fallback_title`` only stands in when
    the text has none (a re-poster's own post title)."""
    ev = evidence or Evidence()
    lines = rejoin_wrapped(split_stamps([squash(x) for x in text.split("\n")]))
    while lines and not lines[0]:
        lines.pop(0)
    if lines and furniture.is_url_line(lines[0]):
        ev.add_url(furniture.is_url_line(lines[0]), UrlRank.FIRST_LINE)
        lines.pop(0)
    kinds = classify_all(lines)
    _mark_summary_boxes(lines, kinds)
    _mark_ranked_lists(lines, kinds)

    start = _body_start(lines, kinds) if drop_header else 0
    title_idx, title = _pick_title(lines, kinds, start) if drop_header else (None, None)
    quoted = _quoted_article(lines, kinds, start) if drop_header else None
    if quoted:
        title_idx, start = quoted
        title = lines[title_idx]
    if drop_header:
        start = _extend_back(lines, kinds, start, title_idx)
        _read_header(lines, kinds, start, title_idx, ev)
    if title and title_idx is not None:
        ev.add("title", title, TitleRank.HEADER, f"line {title_idx + 1}: {lines[title_idx]}")
    if title_hint:
        if not ev.items.get("title") or title_hint not in [v for _r, _s, v in ev.items["title"]]:
            ev.add("title", title_hint, TitleRank.HINT, "given by the input's own title field")
        title = title_hint
    elif not title and fallback_title:
        ev.add("title", fallback_title, TitleRank.FALLBACK, "the post's own title")
        title = fallback_title

    paragraphs = clean_body(lines[start:], kinds[start:], ev)
    if quoted:
        # the re-poster's own closing words under the quoted article ("…같아요. 좋은 하루 보내세요!")
        while len(paragraphs) > 1 and _personal_voice(paragraphs[-1]):
            paragraphs.pop()
    # The same paragraph twice in a row (a description box, then the lead) is one paragraph.
    paragraphs = [p for k, p in enumerate(paragraphs) if k == 0 or compact(p) != compact(paragraphs[k - 1])]
    in_header = bool(title)
    if title:
        t = compact(title)
        # the headline repeated above the text, or left under it by a page layout
        paragraphs = [p for k, p in enumerate(paragraphs)
                      if not ((k < 3 or k >= len(paragraphs) - 2) and compact(p) == t)]
    # No headline found above the text: a first line that is no sentence (``첫 노트``) is the
    # headline; a sentence never is — then there is no title, and the note drafts a headline for
    # the reader to rewrite (note.build_note).
    if not title and len(paragraphs) >= 2 and len(paragraphs[0]) <= 100 and not ends_sentence(paragraphs[0]) \
            and not PERIOD_END.search(paragraphs[0]):
        title = paragraphs[0]
        ev.add("title", title, TitleRank.HEADER, f"the text's first line: {title}")
    return Page(lines=lines, kinds=kinds, evidence=ev, title=squash(title) if title else None, paragraphs=paragraphs,
                title_in_header=in_header)


def split_stamps(lines: list[str]) -> list[str]:
    """A labelled publish stamp glued to the text after it (``입력 2024.07.25. 오전 8:12 SK하이닉스가
    …``, one block on the page) becomes two lines, so that classifying the stamp as a date line does
    not take the article's first sentence with it. A copyright credit glued to the end of a paragraph
    (``… 밝혔다. ⓒ 가상일보``) is split off the same way: the paragraph stays text, the credit is
    a copyright line (and the publisher's evidence)."""
    out: list[str] = []
    for line in lines:
        split = (dates.split_date_stamp(line) or furniture.split_trailing_credit(line)) if line else None
        out.extend(split or (line,))
    return out


def rejoin_wrapped(lines: list[str]) -> list[str]:
    """A broadcast script hard-wrapped at a fixed width (``누리모터스가 울산에 2조 원을 들여`` /
    ``전기차 전용 공장을 짓습니다. 연간`` / …) → one line per paragraph. A run of three or more lines
    with no blank between them is a wrapped paragraph when every line but the last fills the width
    (within a few characters of the longest, 18–60 characters), most stop mid-sentence and none is
    a cue, a date or a byline of its own; once the page's width is known, a run of two lines is one
    too when the first fills it mid-sentence and the second ends the sentence."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j] and not _breaks_run(lines[j], lines[j - 1] if j > i else None):
            j += 1
        if j > i:
            runs.append((i, j))
        i = max(j, i + 1)
    widths = [max(len(x) for x in lines[a:b]) for a, b in runs if b - a >= 3 and _wrapped(lines[a:b])]
    width = max(widths) if widths else None
    joined: dict[int, tuple[int, str]] = {}
    for a, b in runs:
        run = lines[a:b]
        if (len(run) >= 3 and _wrapped(run)) or (
                len(run) == 2 and width and width - 8 <= len(run[0]) <= width + 8 and not ends_sentence(run[0])
                and ends_sentence(run[1]) and HANGUL.search(run[0])):
            joined[a] = (b, " ".join(run))
    if not joined:
        return lines
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i in joined:
            b, text = joined[i]
            out.append(text)
            i = b
        else:
            out.append(lines[i])
            i += 1
    return out


def _breaks_run(line: str, prev: str | None) -> bool:
    if furniture.is_cue(line) or dates.is_date_line(line) or furniture.is_url_line(line) or furniture.is_end_mark(line):
        return True
    if bylines.is_byline(line):
        # "…연결해" / "들어보겠습니다. 소하윤 기자!": the end of a wrapped sentence, not a byline
        return not (prev and len(prev) >= 18 and not ends_sentence(prev) and PERIOD_END.search(line.split()[0]))
    return False


def _wrapped(run: list[str]) -> bool:
    width = max(len(x) for x in run)
    if not (18 <= width <= 60) or not HANGUL.search(run[0]) or not ends_sentence(run[-1]):
        return False  # a headline and its subheads stacked up do not end in a sentence
    if any(len(x) < width - 8 for x in run[:-1]):
        return False
    return sum(1 for x in run[:-1] if not ends_sentence(x)) >= len(run[:-1]) / 2


_RANK = re.compile(r"\d{1,2}")


def _mark_ranked_lists(lines: list[str], kinds: list[str]) -> None:
    """``1`` / ``코스피 급락`` / ``2`` / ``환율 상승``: a ranked box of other headlines (under a "많이 본
    뉴스" heading, or three ranks in a row) is furniture, wherever the copy put it."""
    i = 0
    while i < len(lines):
        if not _RANK.fullmatch(lines[i]):
            i += 1
            continue
        items: list[int] = []
        j = i
        while j + 1 < len(lines) and _RANK.fullmatch(lines[j]) and kinds[j + 1] == "text" and len(lines[j + 1]) <= 120:
            items.append(j + 1)
            j += 2
        prev = next((k for k in range(i - 1, -1, -1) if lines[k]), None)
        if items and (len(items) >= 3 or (prev is not None and kinds[prev] == "block")):
            for k in items:
                kinds[k] = "furniture"
        i = max(j, i + 1)


def _mark_summary_boxes(lines: list[str], kinds: list[str]) -> None:
    """The lines under an ``AI 요약`` heading are not the article's text: its bullets, and the short
    points of a box that lists them without bullets (``<li>`` items), up to the first paragraph."""
    for i, kind in enumerate(kinds):
        if kind != "summary_box":
            continue
        for j in range(i + 1, len(lines)):
            if not lines[j] or kinds[j] == "furniture":
                continue
            if kinds[j] == "text" and (furniture.BULLET.match(lines[j])
                                       or (len(lines[j]) <= 60 and not PERIOD_END.search(lines[j])
                                           and not looks_like_paragraph(lines[j]))):
                kinds[j] = "summary_box"
            else:
                break


def _paragraph_start(line: str, kind: str) -> bool:
    if kind != "text":
        return False
    d = bylines.parse_dateline(line)
    return bool(d and d.rest and len(d.rest) >= 10) or looks_like_paragraph(line)


def _body_start(lines: list[str], kinds: list[str]) -> int:
    for i, (line, kind) in enumerate(zip(lines, kinds)):
        if kind == "cue":
            return i  # a transcript's first speaker cue ("[앵커]"): its short sentences are the body
        if not _paragraph_start(line, kind):
            continue
        # A sentence above the headline (a ticker, a notice) is not the start of the body: when a
        # headline and its byline/date follow within a few lines, the body starts after them.
        ahead = [k for k in range(i + 1, min(len(lines), i + 12)) if lines[k]]
        for n, k in enumerate(ahead):
            if kinds[k] in ("date", "byline") and n >= 1:
                prev = ahead[n - 1]
                if kinds[prev] == "text" and _headline_like(lines[prev]) and not _paragraph_start(lines[prev], "text"):
                    later = next((m for m in range(k + 1, len(lines)) if _paragraph_start(lines[m], kinds[m])), None)
                    if later is not None:
                        return later
                break
        return i
    # No paragraph at all (a short note): everything after the first headline-like line.
    for i, (line, kind) in enumerate(zip(lines, kinds)):
        if kind == "text" and _headline_like(line) and not (publishers.lookup(line) or _publisher_brand(line)):
            return i + 1
    return 0


# A blogger's own voice (해요체, 합쇼체, "!", "ㅎㅎ") against a news article's plain "…다." sentences.
_PERSONAL_END = re.compile(r"(?:요|니다|죠|[ㅋㅎㅠ]{2,}|[!~^]|[\U0001F300-\U0001FAFF])[\s.!?~^…]*$")
_NEWS_END = re.compile(r"(?<!니)다[.”\"'’]*\s*$")


def _personal_voice(line: str) -> bool:
    return bool(_PERSONAL_END.search(line)) and not _NEWS_END.search(line)


def _quoted_article(lines: list[str], kinds: list[str], start: int) -> tuple[int, int] | None:
    """A blog post quoting an article (a 출처 line names it): the blogger's title and a few lines in
    their own voice, then the article's headline (perhaps its byline/date) and its "…다." paragraphs.
    Returns (headline index, body start) when the text has that shape, else None."""
    if "sourcefooter" not in kinds:
        return None
    foot = [i for i, k in enumerate(kinds) if k == "sourcefooter"]
    end = foot[-1] if foot[-1] > start else len(lines)
    own = 0
    for h in range(end):
        if kinds[h] != "text":
            continue
        line = lines[h]
        if _personal_voice(line):
            own += 1
            continue
        if _NEWS_END.search(line) or (h >= start and _paragraph_start(line, "text")):
            return None  # the article's own text comes first: no quote to find
        if not own or not _headline_like(line) or PERIOD_END.search(line) or publishers.lookup(line) \
                or publishers.is_platform(line) or _publisher_brand(line):
            continue  # the blog's own title, its author's name
        # the headline: then its byline/date lines, then a paragraph in the news voice
        after = [k for k in range(h + 1, end) if lines[k] and kinds[k] not in ("furniture", "image", "caption")]
        n = 0
        dated = False
        while n < len(after) and kinds[after[n]] in ("byline", "date", "email", "url"):
            dated = True
            n += 1
        if n < len(after) and kinds[after[n]] == "text":
            first = after[n]
            d = bylines.parse_dateline(lines[first])
            body_line = d.rest if d and d.rest else lines[first]
            if _NEWS_END.search(body_line) and (dated or _paragraph_start(lines[first], "text") or len(body_line) >= 10):
                return h, first
        return None
    return None


def _pick_title(lines: list[str], kinds: list[str], start: int) -> tuple[int | None, str | None]:
    def text_at(i: int) -> str | None:
        if kinds[i] != "text":
            return None
        if publishers.lookup(lines[i]) or publishers.is_platform(lines[i]) or _publisher_brand(lines[i]):
            return None  # the publisher's logo or the portal's name, not a headline
        pt = furniture.split_page_title(lines[i], first_line=(i == _first_nonblank(lines)))
        t = pt.title if pt else lines[i]
        return t if _headline_like(t) else None

    header = range(start)
    markers = [i for i in header if kinds[i] == "marker"]
    if markers:
        for i in range(markers[-1] + 1, start):
            t = text_at(i)
            if t:
                return i, t
            if kinds[i] not in ("blank", "furniture", "image", "caption"):
                break
    for a in (i for i in header if kinds[i] in ("date", "byline")):
        block: list[int] = []
        j = a - 1
        while j >= 0 and kinds[j] in ("text", "blank"):
            if kinds[j] == "text":
                if text_at(j) is None:
                    if not block and (publishers.lookup(lines[j]) or publishers.is_platform(lines[j])):
                        j -= 1
                        continue  # Daum: the headline, then the publisher's name, then the date
                    break
                block.append(j)
            j -= 1
        if block:
            # The earliest line of the block is the headline, the rest subheads — unless the block
            # hangs under a "많이 본 뉴스" box, whose items are not the article's headline.
            i = block[0] if (j >= 0 and kinds[j] == "block") else block[-1]
            title = text_at(i)
            nxt = next((k for k in sorted(block) if k > i), None)
            if nxt is not None and title and _continues(title, lines[nxt]):
                title = f"{title} {lines[nxt]}"  # a headline broken over two lines ("…텍사스에" / "공장 짓는다")
            return i, title
    # No byline or date to hang on: the headline-like lines right above the body (a headline and
    # its subheads) — the earliest of them; menus and a blog's own header lie further up.
    run: list[int] = []
    for i in range(start - 1, -1, -1):
        if kinds[i] == "blank" or (not run and kinds[i] in ("furniture", "image", "caption")):
            continue  # buttons and a picture between the headline and the body
        if not run and kinds[i] == "text" and len(lines[i]) >= 10 and PERIOD_END.search(lines[i]):
            continue  # a short lead sentence, which _extend_back gives to the body
        if text_at(i) is None:
            break
        run.append(i)
    if run:
        return run[-1], text_at(run[-1])
    for i in header:
        t = text_at(i)
        if t:
            return i, t
    return None, None


def _publisher_brand(line: str) -> bool:
    """``한경 프리미엄``, ``매경 Premium``, ``조선비즈 산업``: a publisher's name and one short word — a
    section's or a product's logo, not a headline."""
    words = line.split()
    return (len(words) == 2 and len(line) <= 14 and not re.search(r"\d", line)
            and bool(publishers.lookup(words[0])) and len(words[1]) <= 6)


def _continues(first: str, second: str) -> bool:
    """The second line finishes the first: the first stops on a comma or a particle."""
    return (len(second) <= 40 and not PERIOD_END.search(second) and len(first) <= 60
            and bool(re.search(r"(?:,|[가-힣](?:에|에서|의|와|과|로|으로|서|고|며|면|는|은|을|를|도|만|까지|부터))$", first)))


def _first_nonblank(lines: list[str]) -> int:
    for i, line in enumerate(lines):
        if line:
            return i
    return 0


_SUBHEAD = re.compile(r"^\s*[■□◆◇●○▣◈]\s*\S")


def _extend_back(lines: list[str], kinds: list[str], start: int, title_idx: int | None) -> int:
    """A short first paragraph (``삼성전자가 투자를 늘린다.``) belongs to the body, not the header."""
    floor = -1 if title_idx is None else title_idx
    j = start - 1
    # Pictures, captions and buttons between a short lead and the next paragraph are stepped over.
    while j > floor and kinds[j] in ("text", "blank", "image", "caption", "furniture"):
        if kinds[j] == "text" and _SUBHEAD.match(lines[j]) and len(lines[j]) <= 60 and not PERIOD_END.search(lines[j]):
            j -= 1  # a subhead ("■ 자녀세액공제 확대") between the short lead and the next paragraph
            continue
        if kinds[j] == "text":
            if not (len(lines[j]) >= 10 and PERIOD_END.search(lines[j])
                    and (HANGUL.search(lines[j]) or english_sentence(lines[j]))):
                break
            start = j
        j -= 1
    return start


def _read_header(lines: list[str], kinds: list[str], start: int, title_idx: int | None, ev: Evidence) -> None:
    first = _first_nonblank(lines)
    for i in range(start):
        line, kind = lines[i], kinds[i]
        ev.here = f"header line {i + 1}: {line}"
        if kind in ("date", "byline"):
            after_title = title_idx is None or i > title_idx
            for h in dates.header_dates(line):
                if h.kind == "published":
                    ev.add("published", h.date, DateRank.LABELLED)
                elif h.kind == "modified":
                    ev.add("published", h.date, DateRank.MODIFIED)
                elif kind == "byline":
                    ev.add("published", h.date, DateRank.BYLINE if after_title else DateRank.EARLY)
                elif after_title:
                    ev.add("published", h.date, DateRank.HEADER)
                else:
                    # Above the headline: a timestamp (15:21) is the article's; a bare date with
                    # its weekday is more likely today's date in the site's top bar.
                    timed = re.search(r"\d{1,2}:\d{2}|(?:오전|오후)\s*\d{1,2}\s*:?\s*\d{0,2}|\d{1,2}시", line[h.end:h.end + 16])
                    ev.add("published", h.date, DateRank.EARLY_TIMED if timed else DateRank.EARLY)
        if kind == "byline":
            for n in bylines.byline_names(line):
                ev.add("reporter", n, ReporterRank.HEADER)
            ev.add("source", publishers.find_in_text(bylines.REPORTER.sub(" ", bylines.EMAIL.sub(" ", line))), SourceRank.BYLINE)
            ev.add_email(line)
        elif kind == "email":
            ev.add_email(line)
        elif kind == "url":
            ev.add_url(furniture.is_url_line(line), UrlRank.HEADER)
        elif kind == "sourcefooter":  # "출처 : 한국경제 https://…" above a re-posted article
            name, link = furniture.source_footer(line) or ("", None)  # the kind says it is one
            ev.add("source", name, SourceRank.COPYRIGHT if publishers.lookup(name) else SourceRank.COPYRIGHT_UNKNOWN)
            ev.add_url(link, UrlRank.HEADER)
            ev.add("published", dates.date_from_url(link), DateRank.LINKED)
        elif kind == "text":
            d = bylines.parse_dateline(line)
            if d and not d.rest:
                ev.add("source", d.source, SourceRank.DATELINE if d.source_known else SourceRank.DATELINE_UNKNOWN)
                for n in d.reporters:
                    ev.add("reporter", n, ReporterRank.DATELINE)
                continue
            known = publishers.lookup(line) or (publishers.lookup(line.split()[0]) if _publisher_brand(line) else None)
            if known:
                ev.add("source", known, SourceRank.LOGO)
                continue
            pt = furniture.split_page_title(line, first_line=(i == first))
            if pt and pt.site:
                ev.add("source", pt.site, SourceRank.KNOWN_SITE if pt.known else SourceRank.SITE)
    ev.here = None


# ---------------------------------------------------------------- the body

def clean_body(lines: list[str], kinds: list[str] | None, ev: Evidence) -> list[str]:
    """Body lines → clean paragraphs: furniture out, dateline and signature read and removed."""
    if kinds is None or len(kinds) != len(lines):
        kinds = classify_all(lines)
    out: list[str] = []
    mode = "normal"
    after_image = False
    chars = 0
    nonblank = [i for i, x in enumerate(lines) if x]

    def next_text(i: int) -> str | None:
        for k in nonblank:
            if k > i:
                return lines[k]
        return None

    for i, line in enumerate(lines):
        if not line:
            continue
        ev.here = f"text line: {line}"
        kind = kinds[i]
        if kind == "sourcefooter":
            name, link = furniture.source_footer(line) or ("", None)  # the kind says it is one
            ev.add("source", name, SourceRank.COPYRIGHT if publishers.lookup(name) else SourceRank.COPYRIGHT_UNKNOWN)
            ev.add_url(link, UrlRank.HEADER)
            # the linked article's own date (…/2024100712345) beats a re-poster's bare date up top
            ev.add("published", dates.date_from_url(link), DateRank.LINKED)
            if out and chars >= 40 and mode != "end":
                mode = "end"  # what a news site appends to copied text: the article ends here
            continue
        if mode == "end":
            _read_tail(line, kind, ev)
            continue
        if kind == "comment":
            mode = "end"
            continue
        if kind == "endmark":
            if out:
                mode = "end"  # "(끝)", "///": what follows is the site's, not the report's
            continue
        if kind == "reader":
            if out:
                mode = "end"  # a re-poster's own "느낀 점" under the article
            continue
        if kind == "copyright":
            ev.add("source", furniture.copyright_source(line), SourceRank.COPYRIGHT if publishers.find_in_text(line) else SourceRank.COPYRIGHT_UNKNOWN)
            if furniture.is_strong_copyright(line) and chars >= 100:
                mode = "end"
            continue
        if kind == "block":
            mode = "skip"
            continue
        if mode == "skip":
            nxt = next_text(i)
            nxt_kind = kinds[nonblank[nonblank.index(i) + 1]] if nxt is not None else None
            if kind == "text" and looks_like_paragraph(line) and (
                    len(line) >= 100 or nxt is None or looks_like_paragraph(nxt)
                    or nxt_kind in ("copyright", "comment", "block", "byline", "email")):
                mode = "normal"
            else:
                continue
        if kind in ("furniture", "marker", "url", "summary_box", "cue"):
            continue
        if kind == "image":
            after_image = True
            continue
        if kind == "caption":
            after_image = False
            continue
        if after_image:
            after_image = False
            if len(line) <= 150 and re.fullmatch(r"[(\[<].*[)\]>]", line) or (
                    len(line) <= 100 and not PERIOD_END.search(line) and not re.match(r"^[◇◆■□【]", line)):
                continue
        if kind == "byline":
            _read_signature(line, ev)
            continue
        if kind == "email":
            ev.add_email(line)
            continue
        if kind == "date":
            for h in dates.header_dates(line):
                ev.add("published", h.date, DateRank.TAIL if h.kind != "modified" else DateRank.MODIFIED)
            continue
        if kind == "blank":
            continue
        if furniture.is_caption_like(line) or furniture.is_source_caption(line):
            continue
        if not out:
            d = bylines.parse_dateline(line)
            if d:
                ev.add("source", d.source, SourceRank.DATELINE if d.source_known else SourceRank.DATELINE_UNKNOWN)
                for n in d.reporters:
                    ev.add("reporter", n, ReporterRank.DATELINE)
                line = d.rest
                if not line:
                    continue
        so = bylines.signoff(line)
        if so:  # kept: the report ends there; it names the reporter and the broadcaster
            ev.add("source", so[0], SourceRank.BYLINE)
            ev.add("reporter", so[1], ReporterRank.SIGNATURE)
        line = _strip_trailing_signature(furniture.CUE.sub("", line, count=1), ev)
        if line:
            out.append(line)
            chars += len(line)

    ev.here = None
    while out and not ends_sentence(out[-1]) and len(out[-1]) < 60:
        dropped = out.pop()
        ev.here = f"text line: {dropped}"
        if bylines.is_byline(dropped):
            _read_signature(dropped, ev)
    ev.here = None
    return out


def _read_signature(line: str, ev: Evidence) -> None:
    for n in bylines.byline_names(line):
        ev.add("reporter", n, ReporterRank.SIGNATURE)
    for h in dates.header_dates(line):
        ev.add("published", h.date, {"published": DateRank.LABELLED, "modified": DateRank.MODIFIED}.get(h.kind, DateRank.SIGNATURE))
    ev.add("source", publishers.find_in_text(bylines.REPORTER.sub(" ", bylines.EMAIL.sub(" ", line))), SourceRank.BYLINE)
    ev.add_email(line)


def _read_tail(line: str, kind: str, ev: Evidence) -> None:
    """After the article: a 송고/입력 time and a copyright line still tell us things."""
    if kind == "copyright":
        ev.add("source", furniture.copyright_source(line), SourceRank.COPYRIGHT if publishers.find_in_text(line) else SourceRank.COPYRIGHT_UNKNOWN)
    elif kind == "date":
        for h in dates.header_dates(line):
            if h.kind == "published":
                ev.add("published", h.date, DateRank.TAIL)


_TRAILING_SIG = re.compile(
    rf"(?:\s+|^|(?<=[.!?]))[/\-–—]?\s*\(?(?:[가-힣]{{1,6}}\s*=\s*)?(?P<names>{bylines.NAMES})\s?{bylines.ROLE}\s*\(?\s*(?P<email>{bylines.EMAIL.pattern})?\s*\)?\s*$")
_TRAILING_EMAIL = re.compile(rf"\s+[/(\[<]?\s*{bylines.EMAIL.pattern}\s*[)\]>]?\s*$")
_TRAILING_CREDIT = re.compile(r"\s*[/(\[<]\s*(?:사진|그래픽|자료|사진\s*제공|제공)\s*[=:：][^)\]>/]{1,40}[)\]>]?\s*$")


# A signature, an e-mail or a credit at a paragraph's end is short: each is looked for in the
# paragraph's last TAIL characters, and the period before it just before it (a paragraph of one
# 7.7 MB line was searched whole, from every position, several times over).
TAIL = 512


def _at_end(rx: re.Pattern[str], line: str) -> re.Match[str] | None:
    return rx.search(line, max(0, len(line) - TAIL))


def _period_before(line: str, end: int) -> bool:
    return PERIOD_END.search(line, max(0, end - TAIL), end) is not None


def _strip_trailing_signature(line: str, ev: Evidence) -> str:
    """``…밝혔다. 홍길동 기자 hong@x.co.kr`` → ``…밝혔다.`` (the signature read as evidence)."""
    m = _at_end(_TRAILING_SIG, line)
    if m and m.start() > 0 and _period_before(line, m.start()):
        _read_signature(line[m.start():], ev)
        line = line[:m.start()].rstrip()
    m = _at_end(_TRAILING_EMAIL, line)
    if m and _period_before(line, m.start()):
        ev.add_email(m.group(0))
        line = line[:m.start()].rstrip()
    m = _at_end(_TRAILING_CREDIT, line)
    if m and m.start() > 0:
        line = line[:m.start()].rstrip()
    return line


def title_from_body(paragraphs: list[str]) -> str | None:
    """A title for a text without a headline: its first sentence, or the start of its first paragraph."""
    if not paragraphs:
        return None
    first = paragraphs[0]
    m = re.match(r"^(.{10,100}?[.!?])(?=\s|$)", first)
    if m:
        return m.group(1)
    return first if len(first) <= 100 else first[:80].rstrip() + "…"


def join_paragraphs(paragraphs: list[str]) -> str:
    return "\n\n".join(p for p in paragraphs if p)


def resolve(ev: Evidence, *, url: str | None = None) -> dict:
    """The winning metadata: url, source, reporter, published (``url``: where the page was fetched
    from, the weakest evidence of its link)."""
    ev.add_url(url, UrlRank.HINT, "where the page was fetched from")
    final_url = ev.best("url")
    ev.add("source", publishers.by_domain(final_url), SourceRank.URL, f"the link's domain: {final_url}")
    ev.add("published", dates.date_from_url(final_url), DateRank.URL, f"a date in the link: {final_url}")
    reporters = ev.items.get("reporter") or []
    reporter = None
    if reporters:
        best_rank = min(r for r, _s, _v in reporters)
        names = [v for r, _s, v in sorted(reporters) if r == best_rank]
        reporter = ", ".join(dict.fromkeys(names))
    return {"url": final_url, "source": ev.best("source"), "reporter": reporter, "published": ev.best("published"),
            "evidence": ev}
