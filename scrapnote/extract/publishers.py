"""The table of Korean publishers (``scrapnote/data/publishers.yaml``) and look-ups in it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

_HANGUL_OR_WORD = "0-9A-Za-z가-힣"


@dataclass(frozen=True)
class Publisher:
    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    naver: str | None = None


def _key(s: str) -> str:
    return re.sub(r"\s+", "", s).lower()


@lru_cache(maxsize=1)
def load_publishers() -> tuple[Publisher, ...]:
    """The table, loaded once per process."""
    from importlib.resources import files

    import yaml

    text = (files("scrapnote") / "data" / "publishers.yaml").read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []  # libyaml: ~10× faster
    out = []
    for row in raw:
        out.append(Publisher(
            name=str(row["name"]),
            domains=tuple(str(d).lower() for d in row.get("domains") or ()),
            aliases=tuple(str(a) for a in row.get("aliases") or ()),
            naver=str(row["naver"]).zfill(3) if row.get("naver") is not None else None,
        ))
    return tuple(out)


@lru_cache(maxsize=1)
def _by_key() -> dict[str, str]:
    table: dict[str, str] = {}
    for p in load_publishers():
        for n in (p.name, *p.aliases):
            table.setdefault(_key(n), p.name)
    return table


def lookup(name: str | None) -> str | None:
    """The canonical name for a name or alias given whole (``한경`` → ``한국경제``), else None."""
    if not name:
        return None
    name = name.strip().strip("[]()<>【】〔〕\"'“”‘’.,:;-=|")
    return _by_key().get(_key(name)) if name else None


@lru_cache(maxsize=1)
def _text_pattern() -> re.Pattern:
    names: dict[str, str] = {}
    for p in load_publishers():
        for n in (p.name, *p.aliases):
            if len(_key(n)) >= 3 or n == p.name and len(_key(n)) >= 2:
                names.setdefault(n, p.name)
    # Longest first, so that 한국경제TV wins over 한국경제 and 아이티데일리 over 이데일리.
    alts = sorted(names, key=lambda n: -len(n))
    body = "|".join(r"\s*".join(re.escape(ch) for ch in n.replace(" ", "")) for n in alts)
    return re.compile(rf"(?<![{_HANGUL_OR_WORD}])({body})(?:신문사|신문|닷컴|사)?(?![{_HANGUL_OR_WORD}])", re.I)


def find_in_text(text: str | None) -> str | None:
    """The first publisher named in a short piece of text (a copyright line, a byline)."""
    if not text:
        return None
    m = _text_pattern().search(text)
    return lookup(m.group(1)) if m else None


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "://" in url else "http://" + url).hostname
    except ValueError:
        return None
    return host.lower().rstrip(".") if host else None


def by_domain(url_or_host: str | None) -> str | None:
    """The publisher that owns a URL's (or e-mail's) domain; the longest matching domain wins."""
    if not url_or_host:
        return None
    text = url_or_host.strip()
    if "@" in text and "://" not in text:
        text = text.rsplit("@", 1)[1]
    host = host_of(text)
    if not host:
        return None
    best: tuple[int, str] | None = None
    for p in load_publishers():
        for d in p.domains:
            if (host == d or host.endswith("." + d)) and (best is None or len(d) > best[0]):
                best = (len(d), p.name)
    if best:
        return best[1]
    if host.endswith("naver.com"):  # n.news.naver.com/article/015/0004865432 → the press id
        m = re.search(r"/article/(?:\w+/)?(\d{3})/\d+", text) or re.search(r"[?&]oid=(\d{3})", text)
        if m:
            for p in load_publishers():
                if p.naver == m.group(1):
                    return p.name
    return None


# Sites that are not publishers: a title's "| 네이버 뉴스" or a blog platform says nothing about
# who wrote the article.
PLATFORMS = {
    _key(n) for n in (
        "네이버 뉴스", "네이버뉴스", "NAVER", "네이버", "NAVER 뉴스", "다음", "다음 뉴스", "다음뉴스", "Daum", "Daum 뉴스",
        "네이트", "네이트 뉴스", "nate", "구글 뉴스", "Google News", "Google", "티스토리", "Tistory", "네이버 블로그",
        "NAVER 블로그", "브런치", "brunch", "Brunch Story", "브런치스토리", "velog", "Medium", "YouTube", "유튜브",
        "Facebook", "페이스북", "X", "Twitter", "트위터", "카카오", "카카오뷰", "ZUM", "줌", "MSN", "Yahoo", "Notion",
    )
}


def is_platform(name: str | None) -> bool:
    return bool(name) and name is not None and _key(name) in PLATFORMS
