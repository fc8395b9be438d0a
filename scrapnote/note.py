"""A note: YAML front matter + ``## label`` sections. Note ⇄ file text, lossless both ways.

Parsing keeps every byte: the front matter's raw text and, for each heading, the raw text under
it. Writing a parsed note that was not changed gives back the same bytes; a heading the form does
not know and any text the user added are kept verbatim.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from scrapnote.errors import BrokenNoteError
from scrapnote.models import Article, Section
from scrapnote.template import Template

# Front-matter fields in the order the tool writes them; other keys a user adds are kept after.
FIELDS = ("id", "title", "url", "source", "reporter", "published", "scrapped",
          "industry", "companies", "tags", "keywords", "template")
LIST_FIELDS = ("industry", "companies", "tags", "keywords")
ALWAYS_QUOTED = ("title",)

DRAFT_MARKER = "> [초안] 자동으로 만든 초안입니다. 내 말로 고쳐 쓰고 이 줄은 지우세요."

_HEADING_RE = re.compile(r"^## (.*)$", re.M)
_FM_CLOSE_RE = re.compile(r"^---[ \t]*$", re.M)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _yaml_loader():
    """SafeLoader that keeps dates and timestamps as the strings the user wrote.

    Built on libyaml's CSafeLoader where PyYAML has it: reading front matter is most of the time
    it takes to index a note, and the C parser halves it."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):
        pass

    Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in base.yaml_implicit_resolvers.items()
    }
    return Loader


_LOADER = None


def load_yaml(text: str):
    global _LOADER
    import yaml

    if _LOADER is None:
        _LOADER = _yaml_loader()
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a SafeLoader subclass


@dataclass(frozen=True)
class Note:
    meta: dict
    sections: tuple[Section, ...] = ()
    preamble: str = "\n"
    path: Path | None = None
    fm_raw: str | None = field(default=None, compare=False, repr=False)
    fm_parsed: dict | None = field(default=None, compare=False, repr=False)

    # -- reading -------------------------------------------------------------------------
    @property
    def id(self) -> int:
        return self.meta["id"]

    @property
    def title(self) -> str:
        return self.meta.get("title") or ""

    def get(self, name: str, default=None):
        return self.meta.get(name, default)

    def section(self, key: str) -> str:
        """The text under the first heading with this template key ('' when absent)."""
        for s in self.sections:
            if s.key == key:
                return s.text
        return ""

    def has_section(self, key: str) -> bool:
        return any(s.key == key for s in self.sections)

    @property
    def date(self) -> str:
        """The date shown and sorted on: published, else the day it was scrapped."""
        return self.meta.get("published") or (self.meta.get("scrapped") or "")[:10]

    def keyed(self, template: Template) -> "Note":
        """The same note with its headings mapped to this form's section keys."""
        secs = tuple(Section(s.heading, s.raw, template.key_for_heading(s.heading)) for s in self.sections)
        return self if secs == self.sections else replace(self, sections=secs)

    # -- changing (returns new notes) ------------------------------------------------------
    def with_meta(self, **changes) -> "Note":
        meta = dict(self.meta)
        meta.update(changes)
        return replace(self, meta=meta)

    def with_section(self, key: str, text: str, template: Template) -> "Note":
        spec = template.get(key)
        label = spec.label if spec else key
        secs = list(self.sections)
        for i, s in enumerate(secs):
            if s.key == key:
                secs[i] = Section(s.heading, _raw(text, last=i == len(secs) - 1), key)
                return replace(self, sections=tuple(secs))
        # insert at the template's position
        order = [s.key for s in template.body_sections]
        pos = len(secs)
        if key in order:
            later = set(order[order.index(key) + 1:])
            for i, s in enumerate(secs):
                if s.key in later:
                    pos = i
                    break
        if pos == len(secs) and secs:
            last = secs[-1]
            secs[-1] = Section(last.heading, _raw(last.text, last=False), last.key)
        secs.insert(pos, Section(label, _raw(text, last=pos == len(secs)), key))
        return replace(self, sections=tuple(secs))

    # -- writing ---------------------------------------------------------------------------
    def to_text(self) -> str:
        if self.fm_raw is not None and self.fm_parsed == self.meta:
            fm = self.fm_raw
        else:
            fm = dump_front_matter(self.meta)
        parts = ["---\n", fm, "---\n", self.preamble]
        for s in self.sections:
            parts.append(f"## {s.heading}\n{s.raw}")
        return "".join(parts)


def clean_text(text: str) -> str:
    """NFC, LF line ends: what every piece of note text is made of."""
    text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _raw(text: str, last: bool) -> str:
    text = _demote_headings(clean_text(text).strip("\n").rstrip())
    if not text:
        return "\n" if last else "\n\n"
    return "\n" + text + ("\n" if last else "\n\n")


def _demote_headings(text: str) -> str:
    """A line of section text must not read as a new section: ``# x``/``## x`` become ``### x``."""
    return re.sub(r"^#{1,2} ", "### ", text, flags=re.M)


# -- front matter --------------------------------------------------------------------------
_PLAIN_RE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`~=][^\n]*$")


def _scalar(value, in_list: bool = False, force_quote: bool = False) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        if not force_quote and _plain_ok(value, in_list):
            return value
        out = json.dumps(value, ensure_ascii=False)
        for ch in "\u2028\u2029\x85\ufeff":  # YAML reads these as line breaks or BOMs
            out = out.replace(ch, "\\u%04x" % ord(ch))
        return out
    import yaml

    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**9).strip()


def _plain_ok(s: str, in_list: bool) -> bool:
    if not s or not _PLAIN_RE.match(s) or s != s.strip():
        return False
    if ": " in s or " #" in s or s.endswith(":"):
        return False
    if in_list and any(c in s for c in ",[]{}"):
        return False
    if any(ord(c) < 32 or c in "\u2028\u2029\x85\ufeff" for c in s):
        return False
    try:
        if in_list:
            return load_yaml(f"[{s}, {s}]") == [s, s]
        return load_yaml(s) == s
    except Exception:
        return False


def dump_front_matter(meta: dict) -> str:
    keys = [k for k in FIELDS if k in meta] + [k for k in meta if k not in FIELDS]
    lines = []
    for k in keys:
        v = meta[k]
        if isinstance(v, list) and all(isinstance(x, str) for x in v):
            lines.append(f"{k}: [" + ", ".join(_scalar(x, in_list=True) for x in v) + "]")
        else:
            lines.append(f"{k}: {_scalar(v, force_quote=k in ALWAYS_QUOTED)}")
    return "\n".join(lines) + "\n"


# -- parsing -------------------------------------------------------------------------------
def read_note(path: Path, template: Template) -> Note:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BrokenNoteError(path, "file is gone")
    except OSError as e:
        raise BrokenNoteError(path, f"cannot read ({e.strerror})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise BrokenNoteError(path, f"not UTF-8 text (byte {e.start})")
    return parse_note(text, template, path)


def parse_note(text: str, template: Template, path: Path | None = None) -> Note:
    where = path if path is not None else "note"
    text = clean_text(text.lstrip("\ufeff"))
    if not text.startswith("---\n"):
        raise BrokenNoteError(where, "no front matter (the file must start with a '---' line)")
    fm_raw, rest = _split_front_matter(text)
    if fm_raw is None:
        raise BrokenNoteError(where, "front matter is not closed by a '---' line")
    meta = _parse_meta(fm_raw, where, path)
    preamble, parts = _split_sections(rest)
    sections = tuple(Section(heading, raw, template.key_for_heading(heading)) for heading, raw in parts)
    return Note(meta=meta, sections=sections, preamble=preamble, path=path,
                fm_raw=fm_raw, fm_parsed=dict(meta))


def read_sections(path: Path) -> tuple[str, list[tuple[str, str]]] | None:
    """The preamble and the ``(heading, raw text)`` of each ``## heading`` of a note file, split as
    ``parse_note`` splits them but without reading the front matter (the search shows a hit's
    sections this way, their fields known from the index); None when the file cannot be read.
    Bytes that are not UTF-8 are replaced, not refused: the index already said what the note is."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    text = clean_text(data.decode("utf-8-sig", "replace"))
    if text.startswith("---\n"):
        _fm, text = _split_front_matter(text)
    return _split_sections(text)


def _split_front_matter(text: str) -> tuple[str | None, str]:
    """(the front matter's raw text, the text after it) of text starting with ``---``;
    (None, "") when the front matter is not closed."""
    m = _FM_CLOSE_RE.search(text, 4)
    if not m:
        return None, ""
    return text[4:m.start()], text[m.end() + 1:] if m.end() < len(text) else ""


def _split_sections(rest: str) -> tuple[str, list[tuple[str, str]]]:
    """The text before the first ``## heading``, and (heading, raw text under it) of each."""
    headings = list(_HEADING_RE.finditer(rest))
    preamble = rest[: headings[0].start()] if headings else rest
    parts = []
    for i, h in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else len(rest)
        parts.append((h.group(1), rest[h.end() + 1: end] if h.end() < len(rest) else ""))
    return preamble, parts


def _parse_meta(fm_raw: str, where, path: Path | None) -> dict:
    import yaml

    try:
        meta = load_yaml(fm_raw) if fm_raw.strip() else {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f" at line {mark.line + 2}" if mark else ""
        problem = getattr(e, "problem", None) or "syntax error"
        raise BrokenNoteError(where, f"front matter is not valid YAML{line} ({problem})")
    if not isinstance(meta, dict):
        raise BrokenNoteError(where, "front matter must be 'key: value' lines")
    meta = {str(k): v for k, v in meta.items()}
    nid = meta.get("id")
    if nid is None and path is not None:
        m = re.match(r"^(\d+)", path.name)
        if m:
            nid = int(m.group(1))
            meta = {"id": nid, **meta}
    if isinstance(nid, bool) or not isinstance(nid, int) or nid < 1:
        raise BrokenNoteError(where, "field 'id' must be a whole number ≥ 1")
    for k in ("title", "url", "source", "reporter", "scrapped", "template"):
        v = meta.get(k)
        if v is not None and not isinstance(v, str):
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                meta[k] = str(v)
            else:
                raise BrokenNoteError(where, f"field '{k}' must be text")
    pub = meta.get("published")
    if pub is not None:
        if not isinstance(pub, str) or not _DATE_RE.match(pub):
            raise BrokenNoteError(where, "field 'published' must be a date like 2023-07-13")
    for k in LIST_FIELDS:
        v = meta.get(k)
        if v is None or isinstance(v, list) and all(isinstance(x, str) for x in v):
            continue
        if isinstance(v, str):  # a hand-written "tags: AI, 반도체" is a list
            meta[k] = [x.strip() for x in v.split(",") if x.strip()]
            continue
        if isinstance(v, list) and all(isinstance(x, (str, int, float)) and not isinstance(x, bool) for x in v):
            meta[k] = [str(x) for x in v]
            continue
        raise BrokenNoteError(where, f"field '{k}' must be a list of words")
    return meta


# -- building ------------------------------------------------------------------------------
def slugify(title: str, limit: int = 40) -> str:
    title = unicodedata.normalize("NFC", title)
    keep = "".join(c if c.isalnum() else "-" for c in title)
    s = "-".join(p for p in keep.split("-") if p)
    return s[:limit].rstrip("-") or "note"


def file_name(nid: int, title: str) -> str:
    return f"{nid:04d}-{slugify(title)}.md"


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def build_note(article: Article, template: Template, nid: int, *, tags=(), industry=(), companies=(),
               keywords=(), drafts: dict[str, str] | None = None, scrapped: str | None = None) -> Note:
    """A new note from an article: metadata in front matter, every body section of the form in
    order. ``drafts`` fills sections the reader has not written (the reader's own text wins)."""
    def txt(v):
        return " ".join(clean_text(v).split()) if v else None

    meta = {
        "id": nid,
        "title": txt(article.title) or "",
        "url": txt(article.url),
        "source": txt(article.source),
        "reporter": txt(article.reporter),
        "published": article.published,
        "scrapped": scrapped or now_iso(),
        "industry": _uniq(industry),
        "companies": _uniq(companies),
        "tags": _uniq(tags),
        "keywords": _uniq(keywords),
        "template": template.name,
    }
    given = dict(drafts or {})
    given.update({k: v for k, v in article.sections.items() if v and v.strip()})
    given["body"] = article.body
    given.setdefault("headline", article.title)
    specs = template.body_sections
    sections = []
    for i, spec in enumerate(specs):
        sections.append(Section(spec.label, _raw(given.get(spec.key, "") or "", last=i == len(specs) - 1), spec.key))
    return Note(meta=meta, sections=tuple(sections))


def _uniq(items) -> list[str]:
    out: list[str] = []
    for x in items or ():
        x = unicodedata.normalize("NFC", str(x)).strip()
        if x and x not in out:
            out.append(x)
    return out


# -- the JSON form (DESIGN.md) -------------------------------------------------------------
_LINK_RE = re.compile(r"\[([^\]]+)\]\((\S+?)\)")
_ID_RE = re.compile(r"#(\d+)\b")
_URL_RE = re.compile(r"https?://\S+")


def parse_related(text: str) -> list[dict]:
    """``- #5 [headline](url)`` lines (id and link optional) → [{id, headline, url}]."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line == DRAFT_MARKER or line.startswith(">"):
            continue
        line = re.sub(r"^[-*+]\s+", "", line)
        m_id = _ID_RE.match(line)
        nid = int(m_id.group(1)) if m_id else None
        rest = line[m_id.end():].strip() if m_id else line
        m = _LINK_RE.search(rest)
        if m:
            headline, url = m.group(1).strip(), m.group(2)
        else:
            u = _URL_RE.search(rest)
            url = u.group(0) if u else None
            headline = (rest[: u.start()] + rest[u.end():]).strip(" -:") if u else rest
        out.append({"id": nid, "headline": headline or None, "url": url})
    return out


def format_related(items) -> str:
    lines = []
    for it in items:
        head = f"#{it['id']} " if it.get("id") else ""
        title = it.get("headline") or it.get("url") or ""
        lines.append(f"- {head}[{title}]({it['url']})" if it.get("url") else f"- {head}{title}")
    return "\n".join(lines)


def to_json(note: Note, home: Path | None = None, numbers: list | None = None) -> dict:
    m = note.meta
    path = None
    if note.path is not None:
        try:
            path = note.path.relative_to(home).as_posix() if home else note.path.as_posix()
        except ValueError:
            path = note.path.as_posix()
    d = {
        "id": m.get("id"), "title": m.get("title"), "headline": note.section("headline") or None,
        "url": m.get("url"), "source": m.get("source"), "reporter": m.get("reporter"),
        "published": m.get("published"), "scrapped": m.get("scrapped"),
        "industry": list(m.get("industry") or []), "companies": list(m.get("companies") or []),
        "tags": list(m.get("tags") or []), "template": m.get("template"),
        "body": note.section("body"), "insights": note.section("insights"),
        "research": note.section("research"), "summary": note.section("summary"),
        "questions": note.section("questions"), "related": parse_related(note.section("related")),
    }
    if numbers is None:
        from scrapnote.analyze.numbers import find_quantities

        numbers = [q.as_dict() for q in find_quantities(d["body"])]
    d["numbers"] = numbers
    d["keywords"] = list(m.get("keywords") or [])
    extra = {k: v for k, v in m.items() if k not in FIELDS}
    if extra:
        d["extra"] = extra
    other = [{"heading": s.heading, "text": s.text} for s in note.sections if s.key is None]
    if other:
        d["other_sections"] = other
    d["path"] = path
    return d
