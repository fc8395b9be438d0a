"""Markdown, with or without YAML front matter, as blog exports and web clippers write it.

The front matter gives the title, the link, an author and a date; the body below is Markdown
turned back into plain lines (tables too: clippers squeeze a whole article into one table cell,
its paragraphs run together with double spaces) and then read like copied page text, so that the
article's own dateline and byline beat the re-poster's date and name.
"""
from __future__ import annotations

import re

from scrapnote.extract import Extractor, bylines, dates, furniture, publishers
from scrapnote.extract.page import DateRank, Evidence, ReporterRank, SourceRank, UrlRank, analyze, join_paragraphs, resolve
from scrapnote.extract.strings import squash
from scrapnote.models import Article

_FM = re.compile(r"\A\ufeff?---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)

TITLE_KEYS = ("title", "headline", "제목", "name")
URL_KEYS = ("url", "source", "link", "original", "source_url", "sourceurl", "original_url", "canonical", "permalink",
            "origin", "href", "기사링크", "링크", "출처", "원문")
AUTHOR_KEYS = ("author", "authors", "reporter", "byline", "writer", "기자", "작성자", "creator")
DATE_KEYS = ("published", "date", "pubdate", "pub_date", "datepublished", "published_at", "publish_date",
             "published_date", "발행일", "날짜", "게재일", "기사날짜")
# A bare "date" is when the post or clipping was written (Jekyll, Hugo, a clipper's own stamp): a
# date in the article's link says more about the article than it does.
POST_DATE_KEYS = ("date", "날짜")
TAG_KEYS = ("tags", "tag", "keywords", "categories", "category", "태그", "키워드", "카테고리", "분류")
SITE_KEYS = ("site", "site_name", "sitename", "publisher", "publication", "source", "press", "media", "언론사",
             "신문사", "매체")


def split_front_matter(text: str) -> tuple[dict, str] | None:
    """``(meta, body)`` when ``text`` starts with a YAML front matter block, else None."""
    m = _FM.match(text)
    if not m:
        return None
    raw = m.group("yaml") or ""
    meta = _load_yaml(raw)
    if meta is None:
        return None
    return meta, text[m.end():]


def _load_yaml(raw: str) -> dict | None:
    import yaml

    if len(re.findall(r"(?:^|[\s\[{,:])\*[\w-]+", raw)) > 20:
        data = None  # alias upon alias ("billion laughs"): read the plain lines below instead
    else:
        try:
            data = yaml.safe_load(raw) if raw.strip() else {}
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
            data = None  # not YAML, or a date YAML cannot build (2024-13-45)
    if isinstance(data, dict):
        return {str(k).strip().lower(): v for k, v in data.items()}
    # Not valid YAML (an unquoted colon in a title): read plain "key: value" lines.
    out: dict = {}
    for line in raw.splitlines():
        mm = re.match(r"^([A-Za-z_가-힣][\w가-힣\- ]{0,30}):\s*(.*)$", line)
        if mm:
            out[mm.group(1).strip().lower()] = mm.group(2).strip().strip("\"'")
    return out or None


def _first(meta: dict, keys: tuple[str, ...]):
    for k in keys:
        v = meta.get(k)
        if v not in (None, "", []):
            return v
    return None


def _as_text(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        parts = [_as_text(x) for x in v]
        return ", ".join(p for p in parts if p) or None
    if isinstance(v, dict):
        return _as_text(v.get("name") or v.get("title"))
    return str(v).strip() or None


# ---------------------------------------------------------------- markdown → lines

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_TAG = re.compile(r"</?(?:[a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?>")


def markdown_to_text(md: str) -> str:
    """Markdown → the text a reader sees, one block a line; table cells become lines and a cell's
    double-space runs become paragraph breaks."""
    text = md.replace("\r\n", "\n")
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _REF_LINK.sub(lambda m: m.group(1), text)
    text = _AUTOLINK.sub(lambda m: m.group(1), text)
    text = _TAG.sub("", text)
    out: list[str] = []
    in_code = False
    for line in text.split("\n"):
        s = line.strip()
        if s.startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code:
            out.append(line)
            continue
        if re.fullmatch(r"(?:[-*_]\s*){3,}", s) or re.fullmatch(r"\[[^\]]+\]:\s*\S+.*", s):
            continue  # a rule, a link reference
        if s.startswith("|") or (s.count("|") >= 2 and re.search(r"\|\s*-{3,}", s)):
            out.extend(_table_cells(s))
            out.append("")
            continue
        while s.startswith(">"):
            s = s[1:].lstrip()
        s = re.sub(r"^#{1,6}\s+", "", s)
        s = re.sub(r"\s+#{1,6}$", "", s)
        s = re.sub(r"^[*+]\s+", "- ", s)
        out.append(_inline(s).strip())
    return "\n".join(out)


def _inline(s: str) -> str:
    s = re.sub(r"\*\*(.+?)\*\*", r"\1", s)
    s = re.sub(r"__(.+?)__", r"\1", s)
    s = re.sub(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])", r"\1", s)
    s = re.sub(r"~~(.+?)~~", r"\1", s)
    s = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>~])", r"\1", s)
    return s


def _table_cells(row: str) -> list[str]:
    row = row.replace("\\|", "\u0000")
    lines: list[str] = []
    for cell in row.split("|"):
        cell = cell.replace("\u0000", "|").strip()
        if not cell or re.fullmatch(r":?-{3,}:?", cell):
            continue
        for part in re.split(r"\s{2,}", cell):
            part = part.strip()
            if part:
                part = re.sub(r"^[*+]\s+", "- ", part)
                lines.append(_inline(part))
    return lines


class MarkdownExtractor(Extractor):
    """Markdown with YAML front matter (a blog export, a web clipper), or a .md file."""

    def accepts(self, text: str, origin: str | None) -> bool:
        if split_front_matter(text.lstrip("\n")) is not None:
            return True
        return origin is not None and origin.lower().endswith((".md", ".markdown"))

    def extract(self, text: str, origin: str | None, url: str | None) -> Article:
        split = split_front_matter(text.lstrip("\n"))
        meta, body_md = split if split else ({}, text)
        if not split:
            meta, body_md = _h1_and_properties(body_md)
        ev = Evidence()
        title = _as_text(_first(meta, TITLE_KEYS))
        fm_url = None
        for k in URL_KEYS:
            v = _as_text(meta.get(k))
            if v and re.match(r"https?://", v):
                fm_url = v
                break
        ev.add_url(fm_url, UrlRank.META)
        date_value = _first(meta, tuple(k for k in DATE_KEYS if k not in POST_DATE_KEYS))
        if date_value is not None:
            ev.add("published", dates.parse_date(_date_text(date_value)), DateRank.FRONT_MATTER)
        else:
            date_value = _first(meta, POST_DATE_KEYS)
            if date_value is not None:
                ev.add("published", dates.parse_date(_date_text(date_value)), DateRank.POST)
        author = _as_text(_first(meta, AUTHOR_KEYS))
        for name in (author or "").split(","):
            person = _fm_person(name)
            ev.add("reporter", person, ReporterRank.META)
        site = _as_text(_first(meta, SITE_KEYS))
        if site and not re.match(r"https?://", site) and not publishers.is_platform(site):
            known = publishers.lookup(site)
            ev.add("source", known or site, SourceRank.KNOWN_SITE if known else SourceRank.META)

        if title:
            pt = furniture.split_page_title(squash(title), first_line=True)
            if pt and pt.site:  # "제목 - 이데일리": a clipped browser title names the publisher
                ev.add("source", pt.site, SourceRank.KNOWN_SITE if pt.known else SourceRank.SITE)
        title = furniture.strip_site_suffix(title) if title else None
        body_md = _drop_excerpt(body_md)
        untagged = _strip_scrap_tag(title) if title else None
        if untagged != title:
            # "[경제신문 스크랩] 코스피 …" is the blogger's post title: the article's own headline in
            # the body wins, the title without its tag stands in when there is none.
            page = analyze(markdown_to_text(body_md), fallback_title=untagged, evidence=ev)
        else:
            page = analyze(markdown_to_text(body_md), title_hint=title, evidence=ev)
        resolved = resolve(page.evidence, url=url)
        return Article(title=page.title or "", body=join_paragraphs(page.paragraphs), format="markdown",
                       origin=origin, tags=front_matter_tags(meta), **resolved)


_TAG_MARKUP = re.compile(r"^\[\[|\]\]$|^#+")


def front_matter_tags(meta: dict) -> tuple[str, ...]:
    """The clipper's tags from ``tags``, ``keywords`` and ``categories`` (a YAML list or a string
    separated by commas or spaces), Obsidian's ``[[…]]`` link brackets and ``#`` taken off, in order,
    no repeats. ``[[반도체]]`` unquoted is a list inside a list to YAML; that is flattened too."""
    out: list[str] = []

    def add(v) -> None:
        if v is None or isinstance(v, bool):
            return
        if isinstance(v, dict):
            v = v.get("name") or v.get("title")
            if v is None:
                return
        if isinstance(v, (list, tuple, set)):
            for x in v:
                add(x)
            return
        s = str(v).strip()
        if not s:
            return
        parts = re.split(r"\s*[,，、;]\s*", s) if re.search(r"[,，、;]", s) else re.findall(r"\[\[[^\]]*\]\]|\S+", s)
        for part in parts:
            tag = part.strip().strip("\"'")
            while True:  # [[반도체]], #경제, #[[…]]
                stripped = _TAG_MARKUP.sub("", tag).strip()
                if stripped == tag:
                    break
                tag = stripped
            tag = tag.split("|", 1)[0].strip()  # [[반도체|칩]]: the page the link names
            if tag and tag not in out and len(tag) <= 50:
                out.append(tag)

    for key in TAG_KEYS:
        add(meta.get(key))
    return tuple(out)


_EXCERPT_HEAD = re.compile(r"^\s*>\s*(?:#{1,6}\s*)?(?:Excerpt|Description|Summary|Abstract|발췌|요약|설명|개요)\s*$", re.I)


def _drop_excerpt(md: str) -> str:
    """MarkDownload and similar clippers quote the page's description above the article
    (``> ## Excerpt`` + ``> …``): the same words as the lead, not a paragraph of its own."""
    lines = md.split("\n")
    for i, line in enumerate(lines[:15]):
        if _EXCERPT_HEAD.match(line):
            j = i + 1
            while j < len(lines) and lines[j].lstrip().startswith(">"):
                j += 1
            return "\n".join(lines[:i] + lines[j:])
    return md


_PROPERTY = re.compile(r"^\s*(?P<key>[A-Za-z가-힣][A-Za-z가-힣 _]{0,24}?)\s*[:：]\s*(?P<value>\S.*?)\s*$")


def _h1_and_properties(md: str) -> tuple[dict, str]:
    """A Notion or Bear export: ``# 제목`` on top, then ``Created: …``, ``URL: …``, ``언론사: …``
    property lines — the same things front matter would say."""
    lines = md.replace("\r\n", "\n").split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines) or not re.match(r"^#\s+\S", lines[i]):
        return {}, md
    meta: dict = {"title": re.sub(r"^#\s+|\s+#+\s*$", "", lines[i]).strip()}
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    k = j
    while k < len(lines) and lines[k].strip():
        m = _PROPERTY.match(lines[k])
        if not m or len(lines[k]) > 300:
            break
        meta.setdefault(m.group("key").strip().lower(), m.group("value"))
        k += 1
    known = set(URL_KEYS + AUTHOR_KEYS + DATE_KEYS + SITE_KEYS) | {
        "created", "created time", "tags", "updated", "last edited time", "category", "categories", "status", "type",
        "카테고리", "태그", "분류", "작성일", "생성일", "수정일"}
    if k == j or (k < len(lines) and lines[k].strip()) or not (set(meta) & known):
        meta = {"title": meta["title"]}
        k = i + 1  # no property block: only the heading is the title
    return meta, "\n".join(lines[k:])


_SCRAP_TAG = re.compile(
    r"^\s*[\[(【<〈［]\s*[^\])】>〉］]{0,20}(?:스크랩|스터디|신문\s*읽기|기사\s*읽기|뉴스\s*읽기|경제\s*기사|경제\s*신문|"
    r"오늘의\s*기사|데일리\s*뉴스)[^\])】>〉］]{0,12}[\])】>〉］]\s*[-–—:|]?\s*")


def _strip_scrap_tag(title: str) -> str:
    """``[경제신문 스크랩] 코스피 2,600선 회복`` → ``코스피 2,600선 회복``."""
    out = _SCRAP_TAG.sub("", title, count=1).strip()
    return out if len(out) >= 4 else title


def _date_text(v) -> str:
    import datetime as dt

    if isinstance(v, dt.datetime):
        if v.tzinfo is not None:
            return v.isoformat()
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def _fm_person(name: str) -> str | None:
    """A front-matter author is the reporter only when it looks like one (a Korean name, or
    ``… 기자``); a blog's handle is not."""
    if not name or not name.strip():
        return None
    raw = name.strip()
    person = bylines.clean_person(raw)
    if not person:
        return None
    if re.search(bylines.ROLE, raw) or re.fullmatch(r"[가-힣]{2,4}(?:, [가-힣]{2,4})*", person):
        return person
    return None
