"""The keys two notes of the same article share: its link and its title written one way (``new``
warns when an article's key is already in the collection; the index keeps both keys of every note).

- ``url_key``: the link without what does not change the page — the scheme, ``www.`` and the mobile
  ``m.``/``mobile.`` host, a trailing slash, the fragment, tracking parameters (``utm_*``, ``fbclid``,
  ``gclid``, …) and the order of the other parameters. A Naver News page (``n.news.naver.com/article/
  015/0004865432``, ``…/mnews/article/…``, ``news.naver.com/main/read.naver?oid=015&aid=…``) is one key
  whatever its shape (``naver:015/0004865432``), a Daum one (``v.daum.net/v/ID``) likewise.
- ``term_key``: a keyword, company or industry as the related notes compare them (NFC, one space,
  letters without case).
- ``title_key``: NFC, whitespace runs as one space, letters without case; None when shorter than
  ``TITLE_MIN`` characters (a recurring column's name — 오늘의 증시 — is no article's identity).

Standard library only.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from scrapnote.text.normalize import nfc, one_line

__all__ = ["url_key", "title_key", "term_key", "TITLE_MIN"]

TITLE_MIN = 10  # characters (spaces not counted) a title needs to identify an article

_TRACKING = re.compile(r"^(utm_\w*|fbclid|gclid|dclid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|ref|ref_src|"
                       r"cmpid|fromurl|rccode|ncid)$", re.I)
_HOST_PREFIX = re.compile(r"^(?:www\d*|m|mobile|amp)\.", re.I)
_NAVER_PATH = re.compile(r"/(?:mnews/)?article/(?:\w+/)?(\d{3})/(\d{6,})")
_DAUM_PATH = re.compile(r"^/v/(\w{10,})")


def url_key(url: str | None) -> str | None:
    """The link of an article as one string, the same for the shapes of the same page (None for
    no link or one that is not http(s))."""
    if not url:
        return None
    text = nfc(url.strip())
    if "://" not in text:
        return None
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    query = parse_qsl(parts.query, keep_blank_values=True)
    if host.endswith("naver.com") and "news" in host:
        m = _NAVER_PATH.search(parts.path)
        if m:
            return f"naver:{m.group(1)}/{m.group(2)}"
        q = dict(query)
        if q.get("oid") and q.get("aid"):
            return f"naver:{q['oid']}/{q['aid']}"
    if host.endswith("daum.net"):
        m = _DAUM_PATH.match(parts.path)
        if m:
            return f"daum:{m.group(1)}"
    while _HOST_PREFIX.match(host) and host.count(".") > 1:
        host = _HOST_PREFIX.sub("", host, count=1)
    path = re.sub(r"/+", "/", parts.path).rstrip("/")
    kept = sorted((k, v) for k, v in query if not _TRACKING.match(k))
    return host + path + (("?" + urlencode(kept)) if kept else "")


def title_key(title: str | None) -> str | None:
    """The title as one string: NFC, one space between words, letters without case; None when it
    is too short to tell an article (``TITLE_MIN``)."""
    if not title:
        return None
    text = one_line(nfc(title)).casefold()
    if len(text.replace(" ", "")) < TITLE_MIN:
        return None
    return text


def term_key(term: str) -> str:
    """A keyword, company or industry as two notes are compared by (NFC, one space, no case)."""
    return one_line(nfc(term)).casefold()
