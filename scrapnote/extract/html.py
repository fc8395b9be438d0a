"""A saved or fetched HTML page → Article.

trafilatura finds the article's text; the page's own <meta> tags and JSON-LD give the metadata;
then the Korean rules clean up: " 기자"/"특파원" off author names, og:title over a logo <h1>,
dates read by our Korean date rules (htmldate misreads ``2024년 10월 7일`` and ``24.10.07``), the
dateline, signature, captions and copyright lines out of the body.
trafilatura and lxml are imported inside the functions (they are slow to import).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from urllib.parse import urljoin

from scrapnote.errors import InputError
from scrapnote.extract import Extractor, bylines, dates, furniture, publishers
from scrapnote.extract.lines import classify, looks_like_paragraph
from scrapnote.extract.page import (DateRank, Evidence, ReporterRank, SourceRank, TitleRank, UrlRank, analyze,
                                    join_paragraphs, resolve)
from scrapnote.extract.strings import compact, squash
from scrapnote.models import Article

_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header",
               "footer", "dd", "dt", "blockquote", "figcaption", "figure", "table", "ul", "ol", "span_block", "time"}

_INLINE_TAGS = {"span", "a", "em", "strong", "b", "i", "small", "label", "cite"}

DATE_META = ("article:published_time", "og:article:published_time", "og:published_time", "article:published",
             "og:regdate", "article:regdate", "dable:published_time", "datepublished", "pubdate", "publishdate",
             "publish_date", "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued",
             "sailthru.date", "parsely-pub-date", "article.published", "cxenseparse:recs:publishtime", "release_date",
             "og:article:published", "nv:news:date")
AUTHOR_META = ("dable:author", "article:author", "og:article:author", "author", "byl", "dc.creator", "sailthru.author",
               "parsely-author", "twitter:creator", "byline", "cxenseparse:author", "og:author")


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<html" in head or (
        "<head" in head and "<body" in text[:20000].lower())


class HtmlExtractor(Extractor):
    """A web page (.html/.htm, or fetched from a URL)."""

    needs_body = True

    def accepts(self, text: str, origin: str | None) -> bool:
        if origin and origin.lower().endswith((".html", ".htm", ".xhtml")):
            return True
        return looks_like_html(text)

    def not_this(self, text: str) -> str | None:
        """A text without a single markup tag (``<p>``, ``</div>``, ``<!doctype``) is no page: read
        as HTML its first words became a headline of junk."""
        return None if _TAG_RE.search(text) else "it is not HTML (not one tag in it)"

    def extract(self, text: str, origin: str | None, url: str | None) -> Article:
        return extract_html(text, origin=origin, url=url)


_TAG_RE = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|/[A-Za-z][A-Za-z0-9-]*\s*|!(?:--|doctype)[^<>]*)>", re.I)


def _parse(text: str):
    import lxml.html

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        return lxml.html.document_fromstring(text)
    except Exception:  # lxml raises ParserError/ValueError on odd input
        return None


def _meta(doc) -> dict[str, str]:
    out: dict[str, str] = {}
    if doc is None:
        return out
    for el in doc.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "").strip().lower()
        value = (el.get("content") or "").strip()
        if key and value and key not in out:
            out[key] = value
    return out


def _json_ld(doc) -> list[dict]:
    items: list[dict] = []
    if doc is None:
        return items
    for el in doc.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(el.text_content().strip() or "null")
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack:
            d = stack.pop()
            if isinstance(d, list):
                stack.extend(d)
            elif isinstance(d, dict):
                if "@graph" in d:
                    stack.append(d["@graph"])
                t = d.get("@type")
                types = t if isinstance(t, list) else [t]
                if any(isinstance(x, str) and ("Article" in x or x in ("WebPage", "Report")) for x in types):
                    items.append(d)
    return items


def _ld_name(v) -> str | None:
    if isinstance(v, list):
        names = [_ld_name(x) for x in v]
        return ", ".join(n for n in names if n) or None
    if isinstance(v, dict):
        v = v.get("name")
    return str(v).strip() if v else None


def visible_lines(el) -> list[str]:
    """The text a reader sees, one block a line (scripts, styles and forms left out)."""
    if el is None:
        return []
    import lxml.html

    el = lxml.html.fromstring(lxml.html.tostring(el, encoding="unicode"))
    for bad in el.xpath("//script|//style|//noscript|//template|//svg|//form|//iframe|//button|//select"):
        bad.drop_tree()
    if not el.xpath("//pre"):
        # the source's own line breaks are spaces on the screen; <br> and blocks break lines
        for node in el.iter():
            if isinstance(node.tag, str):
                if node.text and "\n" in node.text:
                    node.text = re.sub(r"\s*\n\s*", " ", node.text)
                if node.tail and "\n" in node.tail:
                    node.tail = re.sub(r"\s*\n\s*", " ", node.tail)
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for node in el.iter():
        if isinstance(node.tag, str) and node.tag.lower() in _INLINE_TAGS and not (node.tail or "").strip() \
                and node.getnext() is not None:
            node.tail = " " + (node.tail or "")  # "<span>홍길동 기자</span><span>입력 …</span>": two words
        if isinstance(node.tag, str) and node.tag.lower() in _BLOCK_TAGS and node.tag.lower() != "br":
            node.tail = "\n" + (node.tail or "")
            if node.text:
                node.text = "\n" + node.text
    text = el.text_content()
    return [squash(x) for x in text.split("\n")]


MAX_ELEMENTS = 50_000  # a news page has a few thousand; parsing costs ~0.2 ms and ~2 KB an element
_TAG_RE = re.compile(r"<[A-Za-z]")


def check_size(text: str, origin: str | None) -> None:
    """Refuse a page with more elements than :data:`MAX_ELEMENTS`, counted before anything is parsed.

    lxml and trafilatura take time and memory by the element (a page of 1,000,000 ``<span>`` reached
    1.8 GB); counting start tags is one linear regex scan."""
    count = 0
    for count, _ in enumerate(_TAG_RE.finditer(text), 1):
        if count > MAX_ELEMENTS:
            break
    if count > MAX_ELEMENTS:
        name = "stdin" if origin == "-" else (origin or "page")
        raise InputError(f"{name}: more than {MAX_ELEMENTS:,} HTML elements, the most scrapnote reads in a page")


def extract_html(text: str, *, origin: str | None = None, url: str | None = None) -> Article:
    check_size(text, origin)
    doc = _parse(text)
    meta = _meta(doc)
    ld = _json_ld(doc)
    ev = Evidence()

    # The link: the page's own canonical/og:url beats where we happened to fetch it from.
    canonical = None
    if doc is not None:
        for el in doc.xpath('//link[@rel="canonical"][@href]'):
            canonical = el.get("href").strip()
            break
    canonical = canonical or meta.get("og:url")
    for item in ld:
        if canonical:
            break
        for key in ("url", "mainEntityOfPage"):
            v = item.get(key)
            v = v.get("@id") or v.get("url") if isinstance(v, dict) else v
            if isinstance(v, str) and re.match(r"https?://", v.strip()):
                canonical = v.strip()
                break
    if canonical:
        canonical = urljoin(url, canonical) if url else canonical
        if re.match(r"https?://", canonical):
            ev.add_url(canonical, UrlRank.META, "<link rel=canonical> / og:url / JSON-LD url")

    site_name = meta.get("og:site_name") or meta.get("application-name") or meta.get("twitter:site")
    site_name = site_name.lstrip("@").strip() if site_name else None
    known_site = publishers.lookup(site_name) if site_name else None
    if site_name and not publishers.is_platform(site_name):
        ev.add("source", known_site or site_name, SourceRank.KNOWN_SITE if known_site else SourceRank.SITE,
               f"meta og:site_name / twitter:site: {site_name}")
    for item in ld:
        pub = _ld_name(item.get("publisher"))
        if pub and not publishers.is_platform(pub):
            known = publishers.lookup(pub)
            ev.add("source", known or pub, SourceRank.KNOWN_SITE if known else SourceRank.META, f"JSON-LD publisher: {pub}")

    title = _title(doc, meta, ld, site_name, ev)
    if doc is not None:  # a portal's or a syndicated copy's link to the article where it was published
        for el in doc.xpath("//a[@href]"):
            if compact(el.text_content()) in ("기사원문", "원문보기", "원문기사", "기사원문보기"):
                href = el.get("href").strip()
                href = urljoin(url, href) if url else href
                if re.match(r"https?://", href):
                    ev.add_url(href, UrlRank.ORIGINAL, f"the page's 기사원문 link: {href}")
                    break
    if doc is not None and doc.find(".//title") is not None:
        pt = furniture.split_page_title(squash(doc.find(".//title").text_content()), first_line=True)
        if pt and pt.site:
            ev.add("source", pt.site, SourceRank.KNOWN_SITE if pt.known else SourceRank.SITE, "<title> site name")

    for key in DATE_META:
        if key in meta:
            ev.add("published", dates.parse_date(meta[key], short_years=True), DateRank.META, f"meta {key}: {meta[key]}")
    for item in ld:
        if item.get("datePublished"):
            ev.add("published", dates.parse_date(str(item["datePublished"])), DateRank.JSON_LD,
                   f"JSON-LD datePublished: {item['datePublished']}")
    for key in AUTHOR_META:
        if key in meta and not re.match(r"https?://", meta[key]):
            outlet = _outlet_named(meta[key])
            if outlet:  # "뉴스타파 | 네이버", "webmaster@hankyung.com", "중앙일보": a publisher, never a reporter
                ev.add("source", outlet, SourceRank.AUTHOR_META, f"meta {key}: {meta[key]}")
                continue
            if bylines.EMAIL.search(meta[key]):
                continue  # an address the table does not know: no reporter's name either
            for part in re.split(r"\s*[,/·|]\s*", meta[key]):
                ev.add("reporter", bylines.clean_person(part), ReporterRank.META, f"meta {key}: {meta[key]}")
    for item in ld:
        name = _ld_name(item.get("author"))
        for part in re.split(r"\s*,\s*", name or ""):
            ev.add("reporter", bylines.clean_person(part), ReporterRank.JSON_LD, f"JSON-LD author: {name}")

    lines = visible_lines(doc.body if doc is not None and doc.find("body") is not None else doc)
    if not title and lines:
        # No usable <title>/og:title: read the page's own lines like copied text for its headline.
        whole = analyze("\n".join(lines[:3000]), evidence=Evidence())
        if whole.title_in_header:
            title = whole.title
    _scan_page_header(lines, title, ev)
    _scan_page_publisher(doc, lines, ev)

    body_text = _main_text(text, url)
    if not body_text or _flattened(body_text, title):
        body_text = "\n".join(_fallback_lines(doc, lines, title)) or body_text
    else:
        body_text = _recover_lead(_restore_breaks(body_text, lines), _pruned_lines(doc), title)
        body_text = _restore_blank_lines(body_text, lines)
    page = analyze(body_text or "", title_hint=title, evidence=ev)
    if not title:
        title = page.title
    resolved = resolve(page.evidence, url=url)
    return Article(title=squash(title or ""), body=join_paragraphs(page.paragraphs), format="html",
                   origin=origin, **resolved)


def _outlet_named(value: str) -> str | None:
    """The outlet an author meta names instead of a person: ``뉴스타파 | 네이버``, ``중앙일보``,
    ``webmaster@hankyung.com``, ``busan.com``."""
    parts = [p.strip() for p in re.split(r"\s*[|,/·]\s*", value) if p.strip()]
    named = [publishers.lookup(p) for p in parts if not publishers.is_platform(p)]
    if parts and all(publishers.lookup(p) or publishers.is_platform(p) for p in parts) and any(named):
        return next(n for n in named if n)
    m = bylines.EMAIL.fullmatch(value.strip())
    if m:
        return publishers.by_domain(value.strip())
    if re.fullmatch(r"(?:www\.)?[a-z0-9\-]+(?:\.[a-z0-9\-]+)+", value.strip(), re.I):
        return publishers.by_domain(value.strip())
    return None


def _title(doc, meta: dict[str, str], ld: list[dict], site_name: str | None, ev: Evidence) -> str | None:
    """The headline, by ranked evidence (``TitleRank``): the page's own headline element when it
    agrees with the og:title or <title> (which may carry a site suffix or be cut short), else
    og:title (a logo <h1> says nothing), the JSON-LD headline, the <title> without its site, the
    first real <h1>/<h2>."""
    candidates: list[tuple[TitleRank, str, str | None]] = [
        (TitleRank.META, f"meta {k}", meta.get(k)) for k in ("og:title", "twitter:title", "title")]
    candidates += [(TitleRank.JSON_LD, "JSON-LD headline", str(item.get("headline"))) for item in ld if item.get("headline")]
    headings: list[tuple[str, str]] = []
    if doc is not None:
        t = doc.find(".//title")
        if t is not None:
            doc_title = squash(t.text_content())
            pt = furniture.split_page_title(doc_title, first_line=True)
            candidates.append((TitleRank.TAB, "<title>", pt.title if pt else doc_title))
        for h in doc.iter("h1", "h2"):
            candidates.append((TitleRank.HEADING, f"<{h.tag}>", h.text_content()))
        headings = [(h.tag, squash(h.text_content())) for h in doc.iter("h1", "h2", "h3", "h4")]
    found: list[str] = []
    for rank, where, c in candidates:
        t = _usable_title(c, site_name)
        if t:
            ev.add("title", t, rank, where)
            if rank < TitleRank.HEADING:
                found.append(t)
    # The page's headline element agreeing with the meta title (the same words, or the meta title
    # with a site's name after it, or cut short): the page's own words win.
    for tag, h in headings:
        t = _usable_title(h, site_name)
        if t and any(_agrees(t, f) for f in found):
            ev.add("title", t, TitleRank.PAGE_HEADING, f"<{tag}> agreeing with the meta title")
            break
    return ev.best("title")


def _usable_title(text: str | None, site_name: str | None) -> str | None:
    if not text:
        return None
    t = furniture.strip_site_suffix(squash(text), site_name)
    if len(t) < 4 or (site_name and compact(t) == compact(site_name)):
        return None
    if publishers.lookup(t) or publishers.is_platform(t) or not (4 <= len(t) <= 300):
        return None
    return t


def _agrees(heading: str, title: str) -> bool:
    """The page's headline element says what the meta title says: the same words, the title with a
    site's name after it, or the title cut short (``전기요금 4분기 동결…``)."""
    h, t = compact(heading), compact(re.sub(r"(?:\.{2,}|…)\s*$", "", title))
    if len(h) < 6 or len(t) < 6:
        return False
    if h == t:
        return True
    if t.startswith(h) and len(t) - len(h) <= 30 and len(h) >= 10:
        return True  # "제목 동아닷컴": a site's name the suffix rules did not take off
    return h.startswith(t) and len(h) <= len(t) + 100  # the meta title cut short


# Photo captions, bylines, share bars and copyright boxes, by the class names Korean CMSs give them.
_PRUNE = [
    "//figcaption",
    "//*[contains(@class,'caption') or contains(@class,'img_desc') or contains(@class,'photo_desc')"
    " or contains(@class,'photo-desc') or contains(@class,'img-desc') or contains(@class,'imgcaption')]",
    "//*[contains(@class,'copyright') or contains(@class,'share') or contains(@class,'sns')"
    " or contains(@class,'reporter_area') or contains(@class,'journalist') or contains(@class,'related')]",
]


@lru_cache(maxsize=1)
def _trafilatura_config():
    from trafilatura.settings import use_config

    cfg = use_config()
    # Korean is dense: a three-paragraph 단신 is under trafilatura's 250 characters, and below that
    # it falls back to a baseline that runs the whole page together on one line.
    cfg.set("DEFAULT", "min_extracted_size", "60")
    return cfg


def _flattened(text: str, title: str | None) -> bool:
    """trafilatura's baseline ran headline, byline and paragraphs together into one line."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if not lines:
        return True
    if title:
        t = compact(title)
        if len(t) >= 6 and any(compact(ln).startswith(t) and len(compact(ln)) > len(t) + 40 for ln in lines):
            return True
    return False


_ONE_CELL = re.compile(r"^\s*\|\s*(?P<cell>(?:[^|\\]|\\.)*?)\s*\|\s*$")


def _restore_breaks(text: str, dom_lines: list[str]) -> str:
    """Undo what trafilatura does to old table layouts and ``<br>`` runs: a one-cell table row
    (``| 제목 |``) is its text, and a long line that the page shows as several lines (``<br>``
    inside a cell) is split back into those lines."""
    dom = [(compact(x), x) for x in dom_lines if x]
    # the page's lines that may start a long line, by their first _HEAD characters (a line of
    # fewer is never one), in page order: each long line asks only those sharing its start
    # instead of every line of the page (quadratic: 47 s for a 5 MB page of 10,000 paragraphs)
    starts: dict[str, list[int]] = {}
    for i, (dc, _raw) in enumerate(dom):
        if len(dc) >= _HEAD:
            starts.setdefault(dc[:_HEAD], []).append(i)
    out: list[str] = []
    for line in text.split("\n"):
        m = _ONE_CELL.match(line)
        if m:
            line = m.group("cell").replace("\\|", "|")
        c = compact(line)
        if len(c) < 120:
            out.append(line)
            continue
        out.extend(_split_like_dom(line, c, dom, starts.get(c[:_HEAD], ())))
    return "\n".join(out)


def _restore_blank_lines(text: str, dom_lines: list[str]) -> str:
    """trafilatura writes ``<br><br>`` and ``<br>`` alike as one line break; the page shows a blank
    line between paragraphs. Put those back (a line the page shows with a blank line after it), so
    that a script hard-wrapped with ``<br>`` can be rejoined paragraph by paragraph."""
    ends: set[str] = set()
    for i, line in enumerate(dom_lines[:-1]):
        if line and not dom_lines[i + 1]:
            ends.add(compact(line))
    if not ends:
        return text
    out: list[str] = []
    for line in text.split("\n"):
        out.append(line)
        if line.strip() and compact(line) in ends:
            out.append("")
    return "\n".join(out)


def _pruned_lines(doc) -> list[str]:
    """The page's lines without the parts trafilatura is told to prune (captions, share bars, …)."""
    if doc is None:
        return []
    import lxml.html

    body = doc.body if doc.find("body") is not None else doc
    copy = lxml.html.fromstring(lxml.html.tostring(body, encoding="unicode"))
    for xp in _PRUNE:
        for el in copy.xpath(xp):
            if el.getparent() is not None:
                el.drop_tree()
    return visible_lines(copy)


def _recover_lead(text: str, dom_lines: list[str], title: str | None) -> str:
    """Put back the article's first paragraphs when trafilatura lost them.

    trafilatura drops the text an article element holds directly, before its first child
    (``<article id="dic_area">첫 문단<br><br>둘째 문단…``, as Naver and many CMSs write the body):
    its text then starts at the second paragraph. The page's own lines show what came right before
    trafilatura's first paragraph; running text there (sentences, not a date stamp, a headline, a
    caption or a button) that trafilatura does not have is the lost lead."""
    lines = text.split("\n")
    dom = [x for x in dom_lines if x]
    dom_c = [compact(x) for x in dom]
    have = compact(text)
    title_c = compact(title or "")
    anchor = di = None
    for li, line in enumerate(lines):
        sq = squash(line)
        split = dates.split_date_stamp(sq)
        sq = split[1] if split else sq
        if not looks_like_paragraph(sq):
            continue
        c = compact(sq)
        di = next((k for k, dc in enumerate(dom_c) if dc == c), None)
        if di is None:
            di = next((k for k, dc in enumerate(dom_c) if len(dc) >= 20 and (c.startswith(dc) or dc.endswith(c))), None)
        anchor = li
        break
    if anchor is None or di is None:
        return text
    lost: list[str] = []
    for k in range(di - 1, -1, -1):
        line = dom[k]
        split = dates.split_date_stamp(line)
        rest = split[1] if split else line
        c = compact(rest)
        if not looks_like_paragraph(rest) or c in have or c == title_c or classify([rest], 0) != "text":
            break
        lost.insert(0, line)
        if split:
            break  # the stamp opens the article
    if not lost:
        return text
    return "\n".join(lines[:anchor] + lost + lines[anchor:])


_HEAD = 10  # characters a page's line needs to be the start of a long line split back


def _split_like_dom(line: str, c: str, dom: list[tuple[str, str]], candidates) -> list[str]:
    """``line`` (compacted ``c``) as the page's lines it is made of, from the first of
    ``candidates`` (indexes into ``dom`` of the lines starting as ``c`` does) that begins a run of
    page lines covering it; else the line as it is."""
    for i in candidates:
        dc = dom[i][0]
        if not c.startswith(dc) or len(dc) >= len(c):
            continue
        acc, parts = "", []
        for dc2, raw2 in dom[i:]:
            if not dc2:
                continue
            if not c.startswith(acc + dc2):
                break
            acc += dc2
            parts.append(raw2)
            if len(acc) >= len(c):
                break
        if len(parts) >= 2 and len(acc) >= len(c) * 0.95:
            return parts
    return [line]


def _main_text(html: str, url: str | None) -> str | None:
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a broken install; fall back to our own reading
        return None
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=False, include_comments=False,
                                          include_tables=True, include_images=False, favor_recall=True,
                                          prune_xpath=_PRUNE, config=_trafilatura_config())
    except Exception:  # trafilatura gives up on some malformed pages; our fallback reads them
        return None
    if doc is None:
        return None
    text = getattr(doc, "text", None) if not isinstance(doc, dict) else doc.get("text")
    return text or None


def _fallback_lines(doc, lines: list[str], title: str | None) -> list[str]:
    """Without trafilatura's help: the <article> element's text, else the page from the headline on."""
    if doc is not None:
        for xp in ("//article", '//*[@itemprop="articleBody"]', '//*[@id="article-view-content-div"]',
                   '//*[contains(@class,"article_body") or contains(@class,"article-body") or @id="articleBody"]'):
            found = doc.xpath(xp)
            if found:
                return visible_lines(found[0])
    if title:
        t = compact(title)
        for i, line in enumerate(lines):
            if compact(line) == t:
                return lines[i:]
    return lines


def _scan_page_publisher(doc, lines: list[str], ev: Evidence) -> None:
    """The publisher as the page shows it outside the article text: a logo's alt text, a <title>
    that is only the site's name, the copyright line at the foot of the page."""
    if doc is None:
        return
    t = doc.find(".//title")
    if t is not None and publishers.lookup(squash(t.text_content())):
        ev.add("source", publishers.lookup(squash(t.text_content())), SourceRank.KNOWN_SITE, "<title> that is the site's name")
    for alt in doc.xpath("//*[contains(@class,'logo') or contains(@id,'logo')]//img/@alt"
                         " | //img[contains(@class,'logo') or contains(@id,'logo')]/@alt")[:5]:
        ev.add("source", publishers.lookup(squash(str(alt))), SourceRank.LOGO_ALT, f"logo alt text: {alt}")
    for line in lines[:40]:
        if line and len(line) <= 30:
            ev.add("source", publishers.lookup(line), SourceRank.PAGE_LINE, f"page line: {line}")
    for line in lines:
        if line and furniture.is_copyright(line) and not furniture.is_signed_caption(line):  # "전경 ⓒ 뉴스1": a photo's credit
            found = publishers.find_in_text(bylines.EMAIL.sub(" ", line))
            ev.add("source", found, SourceRank.COPYRIGHT, f"copyright line: {line}")


def _scan_page_header(lines: list[str], title: str | None, ev: Evidence) -> None:
    """Bylines and dates printed around the headline (outside what trafilatura keeps)."""
    start = 0
    if title:
        t = compact(title)
        for i, line in enumerate(lines):
            c = compact(line)
            if c and (c == t or (len(c) > 10 and c in t) or (len(t) > 10 and t in c and len(c) < len(t) + 30)):
                start = i
                break
    window = [ln for ln in lines[start:start + 60] if ln]
    for line in window:
        if len(line) > 160:
            continue
        ev.here = f"page line near the headline: {line}"
        if furniture.is_copyright(line) or furniture.is_photo_credit(line) or furniture.is_wire_photo_caption(line) \
                or furniture.is_crew_credit(line):
            continue  # "© News1 박영희 기자" under a picture: the photographer, not the reporter
        if bylines.is_byline(line):
            for n in bylines.byline_names(line):
                ev.add("reporter", n, ReporterRank.PAGE_HEADER)
            ev.add_email(line)
        for h in dates.find_dates(line, short_years=dates.is_date_line(line)):
            if h.kind == "published":
                ev.add("published", h.date, DateRank.LABELLED)
            elif h.kind == "plain" and (dates.is_date_line(line) or bylines.is_byline(line)):
                ev.add("published", h.date, DateRank.EARLY)
    for line in lines:  # a labelled date anywhere on the page: weaker than the page's own metadata
        if len(line) <= 160 and re.search(r"(?:입력|등록|기사입력|승인|송고|게재|발행)", line):
            for h in dates.find_dates(line, short_years=True):
                if h.kind == "published":
                    ev.add("published", h.date, DateRank.PAGE_LABELLED, f"page line: {line}")
    ev.here = None


_HEAD_TAG = re.compile(r"<(meta|link)\b([^>]*)>|<title\b[^>]*>([^<]{1,500})</title>", re.I)
_ATTR = re.compile(r"""([a-zA-Z:_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def quick_keys(text: str, head: int = 65536) -> tuple[list[str], list[str]]:
    """(titles, links) a page names itself by in its first ``head`` characters — og:title,
    twitter:title and <title>; the canonical link and og:url — read with two regexes, without
    parsing the page: what ``new`` asks of the collection before extracting a large page."""
    import html as _html

    titles: list[str] = []
    links: list[str] = []
    for m in _HEAD_TAG.finditer(text, 0, head):
        if m.group(3) is not None:
            titles.append(_html.unescape(m.group(3)).strip())
            continue
        attrs = {a.lower(): _html.unescape(v1 or v2 or v3) for a, v1, v2, v3 in _ATTR.findall(m.group(2))}
        if m.group(1).lower() == "link":
            if attrs.get("rel", "").lower() == "canonical" and attrs.get("href"):
                links.append(attrs["href"].strip())
            continue
        name = (attrs.get("property") or attrs.get("name") or "").lower()
        if name in ("og:title", "twitter:title") and attrs.get("content"):
            titles.append(attrs["content"].strip())
        elif name == "og:url" and attrs.get("content"):
            links.append(attrs["content"].strip())
    return titles, links
