"""Page text copied from a browser (.txt, stdin) → Article.

A copied news page has three parts: a header (navigation, the headline, the byline and dateline,
subheads, share buttons, a picture), the body (paragraphs, perhaps a dateline in front and a
signature at the end, captions in between) and a footer (copyright, "많이 본 뉴스", comments). The
body starts at the first line that reads like a paragraph; the headline is the first headline-like
line of the block right before the byline/date; the footer starts at a copyright line or a
comment box. The same machinery cleans the bodies the other extractors find.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from scrapnote.extract import korean as ko
from scrapnote.extract import publishers
from scrapnote.models import Article

# Ranks of the evidence for each field: lower wins; among equals the earlier one.
SRC_DATELINE, SRC_BYLINE, SRC_LOGO, SRC_KNOWN_SITE = 10, 20, 30, 32
SRC_COPYRIGHT, SRC_DATELINE_UNKNOWN, SRC_COPYRIGHT_UNKNOWN, SRC_EMAIL, SRC_URL, SRC_SITE, SRC_META = (
    40, 44, 45, 50, 60, 70, 80)
REP_HEADER, REP_DATELINE, REP_SIGNATURE, REP_META = 10, 15, 20, 30
# A byline's own date (``김유성 기자I 2017.05.22``, ``2017년 04월 17일 … 김성수 기자``) is the article's; a bare
# date line in the header may be a re-poster's or today's date in a site's top bar.
DATE_LABELLED, DATE_BYLINE, DATE_SIGNATURE, DATE_HEADER, DATE_TAIL, DATE_META, DATE_EARLY, DATE_FM, DATE_URL, \
    DATE_MODIFIED = 10, 11, 12, 15, 20, 22, 25, 40, 50, 58
# A front matter's bare "date" (the post's or clipping's date): after a date in the article's link.
DATE_POST = 55
URL_FIRST_LINE, URL_HEADER, URL_META, URL_HINT = 10, 20, 30, 40


@dataclass
class Evidence:
    """Candidate values for the metadata, each with a rank; the best one wins."""

    items: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    _seq: int = 0

    def add(self, name: str, value: str | None, rank: int) -> None:
        if value:
            self._seq += 1
            self.items.setdefault(name, []).append((rank, self._seq, value))

    def best(self, name: str) -> str | None:
        got = self.items.get(name)
        return min(got)[2] if got else None

    def add_email(self, text: str) -> None:
        for m in ko.EMAIL.finditer(text):
            self.add("source", publishers.by_domain(m.group(0)), SRC_EMAIL)

    def add_url(self, url: str | None, rank: int) -> None:
        if url:
            self.add("url", url, rank)


@dataclass
class Page:
    title: str | None
    paragraphs: list[str]
    evidence: Evidence
    title_in_header: bool = False  # the title is a headline line of the page, not the body's first sentence


# ---------------------------------------------------------------- line kinds

_MARKERS = {ko.compact(w) for w in ("본문", "기사본문", "본문 내용", "본문영역", "본문 영역", "기사 내용", "Article", "Content")}
_END_WORDS = {ko.compact(w) for w in ("(끝)", "<끝>", "[끝]", "끝", "/끝/", "(END)", "-끝-", "< 끝 >")}


def looks_like_paragraph(line: str) -> bool:
    """A line that reads as running text rather than a headline, a caption or a button."""
    n = len(line)
    if n >= 40 and ko.PERIOD_END.search(line) and (ko.HANGUL.search(line) or _english_sentence(line)):
        return True
    if n >= 100 and ko.ends_sentence(line):
        return True
    return n >= 200


def _english_sentence(line: str) -> bool:
    """Running English text: several words, mostly Latin letters (Korea Herald, JoongAng Daily)."""
    words = line.split()
    return len(words) >= 7 and sum(1 for w in words if re.match(r"[A-Za-z$\"'(]", w)) >= len(words) * 0.6


def _is_triangle_caption(lines: list[str], i: int) -> bool:
    """``▲ 카카오가 …`` under a picture — not a ``▲항목 ▲항목`` list, not one of several ▲ rows."""
    line = lines[i]
    if not re.match(r"^\s*[▲△]", line) or line.count("▲") + line.count("△") > 1:
        return False
    for j in (i - 1, i + 1):
        k = j
        while 0 <= k < len(lines) and not lines[k]:
            k += (-1 if j < i else 1)
        if 0 <= k < len(lines) and re.match(r"^\s*[▲△]", lines[k]):
            return False
    return True


def classify(lines: list[str], i: int) -> str:
    """The kind of line ``lines[i]`` is (not knowing yet where the body is)."""
    line = lines[i]
    if not line:
        return "blank"
    c = ko.compact(line)
    if c in _MARKERS:
        return "marker"
    if ko.is_cue(line):
        return "cue"
    if ko.source_footer(line):
        return "sourcefooter"
    if ko.is_url_line(line):
        return "url"
    if ko.is_comment_marker(line) or ko.is_paywall(line):
        return "comment"
    if ko.is_copyright(line):
        return "copyright"
    if ko.is_summary_marker(line):
        return "summary"
    if ko.is_reader_section(line):
        return "reader"
    if ko.is_related_link(line) and not ko.is_block_marker(line):
        return "furniture"
    if ko.is_block_marker(line):
        return "block"
    if ko.is_image_line(line):
        return "image"
    if ko.is_share_or_button(line) or ko.is_promo(line) or c in _END_WORDS:
        return "furniture"
    if _is_triangle_caption(lines, i) or ko.is_photo_credit(line) or ko.is_wire_photo_caption(line):
        return "caption"
    if ko.is_crew_credit(line):
        return "furniture"
    if ko.is_byline(line):
        return "byline"
    if ko.is_date_line(line):
        return "date"
    if ko.is_email_line(line) or ko.is_contact(line):
        return "email"
    if len(line) <= 40 and ko.is_nav(line):
        return "furniture"
    return "text"


_EN_ABBREV_END = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|pct|Inc|Co|Corp|Ltd|"
                            r"Gov|Rep|Sen|St|Mt|vs|No|approx|mln|bln|tln|yr|yrs|mo|Jr|Sr)\.)$")


def _headline_like(line: str) -> bool:
    if not (6 <= len(line) <= 200):
        return False
    if ko.PERIOD_END.search(line) and not line.endswith(("?", "!", "…", "...")) and not _EN_ABBREV_END.search(line):
        return False
    if ko.is_nav(line):
        return False
    words = line.split()
    # one word is a logo or a label ("가상경제신문", "보도자료"), not a headline, unless it is long
    return len(words) >= 2 or len(ko.HANGUL.findall(line)) >= 10


# ---------------------------------------------------------------- the page

def analyze(text: str, *, title_hint: str | None = None, evidence: Evidence | None = None,
            drop_header: bool = True, fallback_title: str | None = None) -> Page:
    """Split page text into headline, clean paragraphs and metadata evidence.

    ``title_hint`` beats the headline found in the text; ``fallback_title`` only stands in when
    the text has none (a re-poster's own post title)."""
    ev = evidence or Evidence()
    lines = split_stamps([ko.squash(x) for x in text.split("\n")])
    while lines and not lines[0]:
        lines.pop(0)
    if lines and ko.is_url_line(lines[0]):
        ev.add_url(ko.is_url_line(lines[0]), URL_FIRST_LINE)
        lines.pop(0)
    kinds = [classify(lines, i) for i in range(len(lines))]
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
    if title_hint:
        title = title_hint
    elif not title and fallback_title:
        title = fallback_title

    paragraphs = clean_body(lines[start:], kinds[start:], ev)
    if quoted:
        # the re-poster's own closing words under the quoted article ("…같아요. 좋은 하루 보내세요!")
        while len(paragraphs) > 1 and _personal_voice(paragraphs[-1]):
            paragraphs.pop()
    # The same paragraph twice in a row (a description box, then the lead) is one paragraph.
    paragraphs = [p for k, p in enumerate(paragraphs) if k == 0 or ko.compact(p) != ko.compact(paragraphs[k - 1])]
    in_header = bool(title)
    if title:
        t = ko.compact(title)
        # the headline repeated above the text, or left under it by a page layout
        paragraphs = [p for k, p in enumerate(paragraphs)
                      if not ((k < 3 or k >= len(paragraphs) - 2) and ko.compact(p) == t)]
    if not title:
        title = _title_from_body(paragraphs)
    return Page(title=ko.squash(title) if title else None, paragraphs=paragraphs, evidence=ev, title_in_header=in_header)


def split_stamps(lines: list[str]) -> list[str]:
    """A labelled publish stamp glued to the text after it (``입력 2024.07.25. 오전 8:12 SK하이닉스가
    …``, one block on the page) becomes two lines, so that classifying the stamp as a date line does
    not take the article's first sentence with it."""
    out: list[str] = []
    for line in lines:
        split = ko.split_date_stamp(line) if line else None
        out.extend(split or (line,))
    return out


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
    """The bullet lines under an ``AI 요약`` heading are not the article's text."""
    for i, kind in enumerate(kinds):
        if kind != "summary":
            continue
        for j in range(i + 1, len(lines)):
            if not lines[j]:
                continue
            if kinds[j] == "text" and ko.BULLET.match(lines[j]):
                kinds[j] = "summary"
            else:
                break


def _paragraph_start(line: str, kind: str) -> bool:
    if kind != "text":
        return False
    d = ko.parse_dateline(line)
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
        if not own or not _headline_like(line) or ko.PERIOD_END.search(line) or publishers.lookup(line) \
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
            d = ko.parse_dateline(lines[first])
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
        pt = ko.split_page_title(lines[i], first_line=(i == _first_nonblank(lines)))
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
        if not run and kinds[i] == "text" and len(lines[i]) >= 10 and ko.PERIOD_END.search(lines[i]):
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
    return (len(second) <= 40 and not ko.PERIOD_END.search(second) and len(first) <= 60
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
        if kinds[j] == "text" and _SUBHEAD.match(lines[j]) and len(lines[j]) <= 60 and not ko.PERIOD_END.search(lines[j]):
            j -= 1  # a subhead ("■ 자녀세액공제 확대") between the short lead and the next paragraph
            continue
        if kinds[j] == "text":
            if not (len(lines[j]) >= 10 and ko.PERIOD_END.search(lines[j])
                    and (ko.HANGUL.search(lines[j]) or _english_sentence(lines[j]))):
                break
            start = j
        j -= 1
    return start


def _read_header(lines: list[str], kinds: list[str], start: int, title_idx: int | None, ev: Evidence) -> None:
    first = _first_nonblank(lines)
    for i in range(start):
        line, kind = lines[i], kinds[i]
        if kind in ("date", "byline"):
            after_title = title_idx is None or i > title_idx
            for h in ko.header_dates(line):
                if h.kind == "published":
                    ev.add("published", h.date, DATE_LABELLED)
                elif h.kind == "modified":
                    ev.add("published", h.date, DATE_MODIFIED)
                elif kind == "byline":
                    ev.add("published", h.date, DATE_BYLINE if after_title else DATE_EARLY)
                elif after_title:
                    ev.add("published", h.date, DATE_HEADER)
                else:
                    # Above the headline: a timestamp (15:21) is the article's; a bare date with
                    # its weekday is more likely today's date in the site's top bar.
                    timed = re.search(r"\d{1,2}:\d{2}|(?:오전|오후)\s*\d{1,2}\s*:?\s*\d{0,2}|\d{1,2}시", line[h.end:h.end + 16])
                    ev.add("published", h.date, DATE_EARLY - 1 if timed else DATE_EARLY)
        if kind == "byline":
            for n in ko.byline_names(line):
                ev.add("reporter", n, REP_HEADER)
            ev.add("source", publishers.find_in_text(ko.REPORTER.sub(" ", ko.EMAIL.sub(" ", line))), SRC_BYLINE)
            ev.add_email(line)
        elif kind == "email":
            ev.add_email(line)
        elif kind == "url":
            ev.add_url(ko.is_url_line(line), URL_HEADER)
        elif kind == "sourcefooter":  # "출처 : 한국경제 https://…" above a re-posted article
            name, link = ko.source_footer(line)
            ev.add("source", name, SRC_COPYRIGHT if publishers.lookup(name) else SRC_COPYRIGHT_UNKNOWN)
            ev.add_url(link, URL_HEADER)
            ev.add("published", ko.date_from_url(link), DATE_HEADER - 1)
        elif kind == "text":
            d = ko.parse_dateline(line)
            if d and not d.rest:
                ev.add("source", d.source, SRC_DATELINE if d.source_known else SRC_DATELINE_UNKNOWN)
                for n in d.reporters:
                    ev.add("reporter", n, REP_DATELINE)
                continue
            known = publishers.lookup(line) or (publishers.lookup(line.split()[0]) if _publisher_brand(line) else None)
            if known:
                ev.add("source", known, SRC_LOGO)
                continue
            pt = ko.split_page_title(line, first_line=(i == first))
            if pt and pt.site:
                ev.add("source", pt.site, SRC_KNOWN_SITE if pt.known else SRC_SITE)


# ---------------------------------------------------------------- the body

def clean_body(lines: list[str], kinds: list[str] | None, ev: Evidence) -> list[str]:
    """Body lines → clean paragraphs: furniture out, dateline and signature read and removed."""
    if kinds is None or len(kinds) != len(lines):
        kinds = [classify(lines, i) for i in range(len(lines))]
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
        kind = kinds[i]
        if kind == "sourcefooter":
            name, link = ko.source_footer(line)
            ev.add("source", name, SRC_COPYRIGHT if publishers.lookup(name) else SRC_COPYRIGHT_UNKNOWN)
            ev.add_url(link, URL_HEADER)
            # the linked article's own date (…/2024100712345) beats a re-poster's bare date up top
            ev.add("published", ko.date_from_url(link), DATE_HEADER - 1)
            if out and chars >= 40 and mode != "end":
                mode = "end"  # what a news site appends to copied text: the article ends here
            continue
        if mode == "end":
            _read_tail(line, kind, ev)
            continue
        if kind == "comment":
            mode = "end"
            continue
        if kind == "reader":
            if out:
                mode = "end"  # a re-poster's own "느낀 점" under the article
            continue
        if kind == "copyright":
            ev.add("source", ko.copyright_source(line), SRC_COPYRIGHT if publishers.find_in_text(line) else SRC_COPYRIGHT_UNKNOWN)
            if ko.is_strong_copyright(line) and chars >= 100:
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
        if kind in ("furniture", "marker", "url", "summary", "cue"):
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
                    len(line) <= 100 and not ko.PERIOD_END.search(line) and not re.match(r"^[◇◆■□【]", line)):
                continue
        if kind == "byline":
            _read_signature(line, ev)
            continue
        if kind == "email":
            ev.add_email(line)
            continue
        if kind == "date":
            for h in ko.header_dates(line):
                ev.add("published", h.date, DATE_TAIL if h.kind != "modified" else DATE_MODIFIED)
            continue
        if kind == "blank":
            continue
        if ko.is_caption_like(line) or ko.is_source_caption(line):
            continue
        if not out:
            d = ko.parse_dateline(line)
            if d:
                ev.add("source", d.source, SRC_DATELINE if d.source_known else SRC_DATELINE_UNKNOWN)
                for n in d.reporters:
                    ev.add("reporter", n, REP_DATELINE)
                line = d.rest
                if not line:
                    continue
        so = ko.signoff(line)
        if so:  # kept: the report ends there; it names the reporter and the broadcaster
            ev.add("source", so[0], SRC_BYLINE)
            ev.add("reporter", so[1], REP_SIGNATURE)
        line = _strip_trailing_signature(ko.CUE.sub("", line, count=1), ev)
        if line:
            out.append(line)
            chars += len(line)

    while out and not ko.ends_sentence(out[-1]) and len(out[-1]) < 60:
        dropped = out.pop()
        if ko.is_byline(dropped):
            _read_signature(dropped, ev)
    return out


def _read_signature(line: str, ev: Evidence) -> None:
    for n in ko.byline_names(line):
        ev.add("reporter", n, REP_SIGNATURE)
    for h in ko.header_dates(line):
        ev.add("published", h.date, {"published": DATE_LABELLED, "modified": DATE_MODIFIED}.get(h.kind, DATE_SIGNATURE))
    ev.add("source", publishers.find_in_text(ko.REPORTER.sub(" ", ko.EMAIL.sub(" ", line))), SRC_BYLINE)
    ev.add_email(line)


def _read_tail(line: str, kind: str, ev: Evidence) -> None:
    """After the article: a 송고/입력 time and a copyright line still tell us things."""
    if kind == "copyright":
        ev.add("source", ko.copyright_source(line), SRC_COPYRIGHT if publishers.find_in_text(line) else SRC_COPYRIGHT_UNKNOWN)
    elif kind == "date":
        for h in ko.header_dates(line):
            if h.kind == "published":
                ev.add("published", h.date, DATE_TAIL)


_TRAILING_SIG = re.compile(
    rf"(?:\s+|^)[/\-–—]?\s*\(?(?P<names>{ko._NAMES})\s?{ko.ROLE}\s*\(?\s*(?P<email>{ko.EMAIL.pattern})?\s*\)?\s*$")
_TRAILING_EMAIL = re.compile(rf"\s+[/(\[<]?\s*{ko.EMAIL.pattern}\s*[)\]>]?\s*$")
_TRAILING_CREDIT = re.compile(r"\s*[/(\[<]\s*(?:사진|그래픽|자료|사진\s*제공|제공)\s*[=:：][^)\]>/]{1,40}[)\]>]?\s*$")


def _strip_trailing_signature(line: str, ev: Evidence) -> str:
    """``…밝혔다. 홍길동 기자 hong@x.co.kr`` → ``…밝혔다.`` (the signature read as evidence)."""
    m = _TRAILING_SIG.search(line)
    if m and m.start() > 0 and ko.PERIOD_END.search(line[:m.start()]):
        _read_signature(line[m.start():], ev)
        line = line[:m.start()].rstrip()
    m = _TRAILING_EMAIL.search(line)
    if m and ko.PERIOD_END.search(line[:m.start()]):
        ev.add_email(m.group(0))
        line = line[:m.start()].rstrip()
    m = _TRAILING_CREDIT.search(line)
    if m and m.start() > 0:
        line = line[:m.start()].rstrip()
    return line


def _title_from_body(paragraphs: list[str]) -> str | None:
    if not paragraphs:
        return None
    first = paragraphs[0]
    m = re.match(r"^(.{10,100}?[.!?])(?=\s|$)", first)
    if m:
        return m.group(1)
    return first if len(first) <= 100 else first[:80].rstrip() + "…"


def join_paragraphs(paragraphs: list[str]) -> str:
    return "\n\n".join(p for p in paragraphs if p)


def resolve(page: Page, *, url: str | None = None) -> dict:
    """The winning metadata: url, source, reporter, published."""
    ev = page.evidence
    ev.add_url(url, URL_HINT)
    final_url = ev.best("url")
    ev.add("source", publishers.by_domain(final_url), SRC_URL)
    ev.add("published", ko.date_from_url(final_url), DATE_URL)
    reporters = ev.items.get("reporter") or []
    reporter = None
    if reporters:
        best_rank = min(r for r, _s, _v in reporters)
        names = [v for r, _s, v in sorted(reporters) if r == best_rank]
        reporter = ", ".join(dict.fromkeys(names))
    return {"url": final_url, "source": ev.best("source"), "reporter": reporter, "published": ev.best("published")}


class PlainExtractor:
    """Text copied from a web page."""

    name = "text"

    def accepts(self, text: str, origin: str | None) -> bool:
        return True

    def extract(self, text: str, origin: str | None, url: str | None) -> Article:
        page = analyze(text)
        meta = resolve(page, url=url)
        return Article(title=page.title or "", body=join_paragraphs(page.paragraphs), format="text", origin=origin,
                       **meta)
