"""A note: YAML front matter + ``## label`` sections. Note ⇄ file text, lossless both ways.

Parsing keeps every byte: the front matter's raw text and, for each heading, the raw text under
it. Writing a parsed note that was not changed gives back the same bytes; a heading the form does
not know and any text the user added are kept verbatim.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from scrapnote import fields
from scrapnote.errors import BrokenNoteError, ScrapnoteError
from scrapnote.models import Article, Section
from scrapnote.text import nfc, nfc_lines, one_line

if TYPE_CHECKING:  # only named in annotations: the search reads notes without loading forms
    from scrapnote.template import Template

# Front-matter fields in the order the tool writes them; other keys a user adds are kept after.
# ``aliases`` (the title) and ``created`` (the scrap time, = ``scrapped``) are the properties Obsidian
# shows and links by; ``scrapped`` stays the tool's own key, and a note with only ``created`` (made
# in Obsidian) is read as scrapped then (``scrap_time``).
FIELDS = ("id", "title", "aliases", "url", "source", "reporter", "published", "scrapped", "created",
          "industry", "companies", "tags", "keywords", "template")
LIST_FIELDS = ("aliases", "industry", "companies", "tags", "keywords")
ALWAYS_QUOTED = ("title",)

DRAFT_MARKER = "> [초안] 자동으로 만든 초안입니다. 내 말로 고쳐 쓰고 이 줄은 지우세요."
# Lines that stand for an empty section where a note is shown or exported (show's "(비어 있음)",
# the HTML export's "—"), should a reader copy one back into a note.
PLACEHOLDERS = frozenset(("(비어 있음)", "(없음)", "—", "-"))


def said_text(text: str, hints: frozenset[str] = frozenset()) -> str:
    """A section's text without what the tool put there and the reader never wrote: the draft
    marker line, an empty section's placeholder and the form's hint lines (``hints``, the
    sections' hints, also as a ``> hint`` quote). What is indexed, searched and shown in a snippet."""
    if not text:
        return text
    out = []
    changed = False
    for line in text.split("\n"):
        s = line.strip()
        if s and (s == DRAFT_MARKER or s in PLACEHOLDERS or s in hints or s.lstrip("> ") in hints):
            changed = True
            continue
        out.append(line)
    return "\n".join(out).strip("\n") if changed else text

_HEADING_RE = re.compile(r"^## (.*)$", re.M)
_FM_CLOSE_RE = re.compile(r"^---[ \t]*$", re.M)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


ID_MAX = 2 ** 31 - 1  # ids are 1 … ID_MAX: they fit every index column and every int on every platform
NESTING_MAX = 32  # levels of lists and maps a front-matter value may have
ALIAS_USES_MAX = 100  # YAML aliases (*name) one front matter may use
EXPANSION_MAX = 10_000  # values the aliases may add when expanded (a "billion laughs" is refused)


class YamlRefused(ValueError):
    """Front matter that parses but that the reader will not build (alias bombs, deep nesting, cycles)."""


def _yaml_loader(measure: bool = True):
    """SafeLoader that keeps dates and timestamps as the strings the user wrote.

    Built on libyaml's CSafeLoader where PyYAML has it: reading front matter is most of the time
    it takes to index a note, and the C parser halves it.

    Before a document is built, its node graph is measured: aliases are shared nodes, so a few
    lines can stand for billions of values once ``show --json`` or an export writes them out. More
    than ``ALIAS_USES_MAX`` alias uses, more than ``EXPANSION_MAX`` values added by expanding them,
    a value that contains itself or nesting deeper than ``NESTING_MAX`` is refused (``YamlRefused``)."""
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):
        if measure:
            def construct_document(self, node):
                _measure(node)
                return super().construct_document(node)

    Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in base.yaml_implicit_resolvers.items()
    }
    return Loader


def _measure(root) -> None:
    """Raise ``YamlRefused`` when the node graph under ``root`` expands too far (see ``_yaml_loader``).

    One pass over the distinct nodes (iterative: no recursion limit), each node's expanded size
    memoised, so measuring a bomb costs what reading its text costs."""
    size: dict[int, int] = {}  # id(node) -> values it expands to
    visiting: set[int] = set()
    uses = 0
    extra = 0
    stack = [(root, 0, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            visiting.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in children)
            continue
        if key in size:  # a node met again: an alias
            uses += 1
            extra += size[key]
            if uses > ALIAS_USES_MAX:
                raise YamlRefused(f"front matter uses more than {ALIAS_USES_MAX} YAML aliases")
            if extra > EXPANSION_MAX:
                raise YamlRefused(f"front matter aliases expand to more than {EXPANSION_MAX} values "
                                  "(a YAML alias bomb?)")
            continue
        if key in visiting:
            raise YamlRefused("front matter has a value that contains itself (a YAML alias to its own anchor)")
        if depth > NESTING_MAX and isinstance(node.value, list):  # a list or map that deep
            raise YamlRefused(f"front matter is nested more than {NESTING_MAX} levels deep")
        if not children:
            size[key] = 1 + len(node.value) // 100 if isinstance(node.value, str) else 1
            continue
        visiting.add(key)
        stack.append((node, depth, True))
        # children first met here are walked; a child already walked is an alias use (counted above)
        for c in reversed(children):
            stack.append((c, depth + 1, False))


def _children(node) -> list:
    value = node.value
    if not isinstance(value, list):
        return []
    out: list = []
    for item in value:
        if isinstance(item, tuple):
            out.extend(item)
        else:
            out.append(item)
    return out


_LOADERS: dict[bool, type] = {}


def load_yaml(text: str):
    """YAML text → data, with the limits of ``_yaml_loader``. An alias needs an anchor, and both are
    written as ``&``/``*`` in the text: text without both has no alias and is read without the
    measuring pass (most notes; nesting is bounded by ``_plain_data`` then)."""
    import yaml

    measure = "&" in text and "*" in text
    loader = _LOADERS.get(measure)
    if loader is None:
        loader = _LOADERS[measure] = _yaml_loader(measure)
    return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass


# -- the front matter as the tool writes it, read without building YAML nodes --------------------
# Reading front matter through PyYAML (libyaml's parser, Python's constructor) was most of the time
# an index build spends on a note (~0.3 ms of ~1 ms). The tool writes front matter in a few line
# shapes (`key: value`, a value null, a whole number, a double-quoted or plain string, or a flow
# list of them); ``fast_front_matter`` reads exactly those and gives up (None: read it with YAML)
# on anything else, so every other text is read as before. A plain scalar is resolved the way the
# loader resolves it: by its own implicit resolvers (the same table, the same regexes), so a value
# YAML would read as a number, yes/no, null or a date string is never taken for text.
_FM_LINE_RE = re.compile(r'([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?')
_FM_QUOTED_RE = re.compile(r'"((?:[^"\\]|\\["\\])*)"')
_FM_ITEM_RE = re.compile(r'"((?:[^"\\]|\\["\\])*)"|([^\s\-?:,\[\]{}#&*!|>\'"%@`~=][^,\[\]{}]*)')
# what makes the fast reader give up on the whole text: a character YAML treats specially anywhere
# (non-printable, its other line breaks, a BOM, tabs) — the same set the writer never writes raw
# (compiled on first use: its ranges cost ~20 ms to compile, which every command paid at import)
_FM_GIVE_UP = "[^\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"


@functools.cache
def _fm_give_up_re() -> re.Pattern:
    return re.compile(_FM_GIVE_UP)
_PLAIN_INT_RE = re.compile(r"(?:0|[1-9][0-9]{0,17})")
_STR_TAG = "tag:yaml.org,2002:str"
_resolvers: dict | None = None


def _resolve_plain(s: str):
    """A plain scalar as the loader reads it, or ``_NO`` when it is not a text, a null or a
    simple whole number (then YAML reads the front matter). Remembered: keys, sources, forms and
    list entries repeat from note to note."""
    got = _plain_seen.get(s, _NO)
    if got is _NO:
        got = _resolve_plain_once(s)
        if len(_plain_seen) < 50_000:
            _plain_seen[s] = got
    return got


_plain_seen: dict = {}


_YAML_PLAIN = (  # PyYAML's implicit resolvers of plain scalars (resolver.py), timestamp left out as
    # _yaml_loader leaves it out: (tag, first characters, pattern, verbose). A copy, so that a front
    # matter in the tool's shapes is read without importing PyYAML (~15 ms of show's start-up);
    # tests/test_quick_paths.py holds it to the loader's own table.
    ('bool', 'yYnNtTfFoO', '^(?:yes|Yes|YES|no|No|NO\n                    |true|True|TRUE|false|False|FALSE\n                    |on|On|ON|off|Off|OFF)$', True),
    ('float', '-+0123456789.', '^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?\n                    |\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?\n                    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*\n                    |[-+]?\\.(?:inf|Inf|INF)\n                    |\\.(?:nan|NaN|NAN))$', True),
    ('int', '-+0123456789', '^(?:[-+]?0b[0-1_]+\n                    |[-+]?0[0-7_]+\n                    |[-+]?(?:0|[1-9][0-9_]*)\n                    |[-+]?0x[0-9a-fA-F_]+\n                    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$', True),
    ('merge', '<', '^(?:<<)$', False),
    ('null', ('~', 'n', 'N', ''), '^(?: ~\n                    |null|Null|NULL\n                    | )$', True),
    ('value', '=', '^(?:=)$', False),
    ('yaml', '!&*', '^(?:!|&|\\*)$', False),
)


def plain_resolvers() -> dict:
    """``_YAML_PLAIN`` as the loader keeps it: {first character: [(tag, compiled pattern), …]}."""
    out: dict = {}
    for tag, first, pattern, verbose in _YAML_PLAIN:
        rx = re.compile(pattern, re.X if verbose else 0)
        for ch in first:
            out.setdefault(ch, []).append((f"tag:yaml.org,2002:{tag}", rx))
    return out


def _resolve_plain_once(s: str):
    global _resolvers
    if not s or s != s.strip() or ": " in s or " #" in s or s.endswith(":") or not _PLAIN_RE.match(s):
        return _NO
    if _resolvers is None:
        _resolvers = plain_resolvers()
    tag = _STR_TAG
    for t, rx in (*_resolvers.get(s[0], ()), *_resolvers.get(None, ())):
        if rx.match(s):
            tag = t
            break
    if tag == _STR_TAG:
        return s
    if tag.endswith(":int") and _PLAIN_INT_RE.fullmatch(s):
        return int(s)
    if tag.endswith(":null"):
        return None
    return _NO


_NO = object()


def _unquote(s: str) -> str:
    return s.replace('\\"', '"').replace("\\\\", "\\") if "\\" in s else s


def _fm_value(v: str):
    if v.startswith('"'):
        m = _FM_QUOTED_RE.fullmatch(v)
        return _unquote(m.group(1)) if m else _NO
    if v.startswith("["):
        if not v.endswith("]"):
            return _NO
        inner = v[1:-1]
        if not inner:
            return []
        out = []
        for part in inner.split(", "):
            m = _FM_ITEM_RE.fullmatch(part)
            if m is None:
                return _NO
            if m.group(2) is None:
                out.append(_unquote(m.group(1)))
            else:
                x = _resolve_plain(m.group(2))
                if x is _NO or not isinstance(x, str):
                    return _NO
                out.append(x)
        return out
    return _resolve_plain(v)


def fast_front_matter(text: str) -> dict | None:
    """The front matter ``load_yaml`` would read from ``text``, when it is in the shapes the tool
    writes; None otherwise (read it with ``load_yaml``)."""
    if _fm_give_up_re().search(text):
        return None
    out: dict = {}
    for line in text.split("\n"):
        if not line:
            continue
        m = _FM_LINE_RE.fullmatch(line)
        if m is None:
            return None
        key, v = m.group(1), m.group(2)
        if _resolve_plain(key) != key:  # a key YAML reads as yes/no or null
            return None
        if v is None or v == "":
            value = None if v is None else _NO
        else:
            value = _fm_value(v)
        if value is _NO or key in out:
            return None
        out[key] = value
    return out if out else None


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

    @property
    def date(self) -> str:
        """The date shown and sorted on: published, else the day it was scrapped."""
        return self.meta.get("published") or (scrap_time(self.meta) or "")[:10]

    def keyed(self, template: Template) -> Note:
        """The same note with its headings mapped to this form's section keys."""
        secs = tuple(Section(s.heading, s.raw, template.key_for_heading(s.heading)) for s in self.sections)
        return self if secs == self.sections else replace(self, sections=secs)

    # -- changing (returns new notes) ------------------------------------------------------
    def with_meta(self, **changes) -> Note:
        meta = dict(self.meta)
        meta.update(changes)
        return replace(self, meta=meta)

    def with_section(self, key: str, text: str, template: Template) -> Note:
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
        parts = ["---\n", fm, "---\n", _inert(self.preamble)]
        for s in self.sections:
            heading = " ".join(nfc_lines(s.heading).splitlines()) if _LINE_BREAK_RE.search(s.heading) else s.heading
            parts.append(f"## {heading}\n{_inert(s.raw)}")
        return "".join(parts)


def _raw(text: str, last: bool) -> str:
    text = _demote_headings(nfc_lines(text).strip("\n").rstrip())
    if not text:
        return "\n" if last else "\n\n"
    return "\n" + text + ("\n" if last else "\n\n")


_LINE_BREAK_RE = re.compile("[\r\n]")


def _inert(raw: str) -> str:
    """Text under a heading as written: a line that would read back as a new section (``## x``,
    also after a bare CR, which reading turns into a line break) becomes ``### x``. Text read from
    a file never has one, so a parsed note is written back byte for byte."""
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    return _HEADING_RE.sub(lambda m: "#" + m.group(0), raw) if _HEADING_RE.search(raw) else raw


def _demote_headings(text: str) -> str:
    """A line of section text must not read as a new section: ``# x``/``## x`` become ``### x``."""
    return re.sub(r"^#{1,2} ", "### ", text, flags=re.M)


# -- front matter --------------------------------------------------------------------------
# The one writer of every front-matter field (the tool's own and any key a user or an import adds).
# Its promise: the file reads back (NFC, like every note file is read) to the same values. A
# string is written plain only when YAML reads it back as itself; otherwise double-quoted with
# every character YAML may not carry raw (C0/C1 controls, DEL, U+FFFE/U+FFFF and the other
# noncharacters, line and paragraph separators, the BOM) written as an escape. A lone surrogate
# (not encodable as UTF-8) is written as U+FFFD. What cannot be written that way — a value that is
# not text, a number, yes/no, null, a list or a map, keys equal after NFC, nesting deeper than
# NESTING_MAX, a field the reader would refuse — raises ``FrontMatterError``: a note is never
# saved broken. Each dump is read back and compared before it is returned.
_PLAIN_RE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`~=][^\n]*$")
_KEY_RE = re.compile(r"[^\W\d][\w\-]*")
_BREAKS = "\x85\u2028\u2029\ufeff"  # YAML reads these as line breaks or a BOM: never raw
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
_LETTER_ESCAPE_RE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff"
                               "\U0001fffe-\U0001ffff\U0002fffe-\U0002ffff\U0003fffe-\U0003ffff\U0004fffe-\U0004ffff"
                               "\U0005fffe-\U0005ffff\U0006fffe-\U0006ffff\U0007fffe-\U0007ffff\U0008fffe-\U0008ffff"
                               "\U0009fffe-\U0009ffff\U000afffe-\U000affff\U000bfffe-\U000bffff\U000cfffe-\U000cffff"
                               "\U000dfffe-\U000dffff\U000efffe-\U000effff\U000ffffe-\U000fffff\U0010fffe-\U0010ffff\t]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


class FrontMatterError(ScrapnoteError):
    """A value the front-matter writer cannot write so that it reads back the same."""


def _printable(o: int) -> bool:
    """YAML's printable set (what a YAML stream may hold raw)."""
    return (o in (9, 10, 13) or 0x20 <= o <= 0x7E or o == 0x85 or 0xA0 <= o <= 0xD7FF
            or 0xE000 <= o <= 0xFFFD or 0x10000 <= o <= 0x10FFFF)


def _hex(o: int) -> str:
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}"


def _quote(s: str) -> str:
    """``s`` as a YAML double-quoted scalar that reads back as ``s`` even after NFC of the file.

    ``\\`` and ``"`` become ``\\\\`` and ``\\"``; every character YAML may not hold raw (and tab, line
    breaks, the BOM, noncharacters) becomes an escape. An escape ends in an ASCII letter or digit,
    which a combining mark right after it would join once the file is read as NFC (``\\n`` + U+0303
    → ``\\ñ``): the marks after an escape are escaped too, as NFC would leave them after a control."""
    if not _LETTER_ESCAPE_RE.search(s):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    out = ['"']
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "\\" or c == '"':
            out.append("\\" + c)
            i += 1
            continue
        if not _LETTER_ESCAPE_RE.match(c):
            out.append(c)
            i += 1
            continue
        out.append(_NAMED.get(c) or _hex(ord(c)))
        i += 1
        j = i  # the marks that follow: escaped, in the order NFC gives them
        while j < n and (unicodedata.combining(s[j]) or _joins_escape(s[j])):
            j += 1
        if j > i:
            out.extend(_hex(ord(m)) for m in nfc(s[i:j]))
            i = j
    out.append('"')
    return "".join(out)


def _joins_escape(c: str) -> bool:
    """Would NFC join ``c`` to the last character of an escape (a hex digit, n, t or r)?"""
    return any(nfc(e + c) != e + c for e in "abcdefnrt")


def _float(v: float) -> str:
    if v != v:
        return ".nan"
    if v in (float("inf"), float("-inf")):
        return ".inf" if v > 0 else "-.inf"
    r = repr(v)
    if "." not in r and "e" in r:  # YAML 1.1 floats need a dot: 1e+16 → 1.0e+16
        mant, exp = r.split("e")
        r = f"{mant}.0e{exp}"
    return r


def _text(s: str, *, in_list: bool = False, force_quote: bool = False, nested: bool = False) -> str:
    s = _SURROGATE_RE.sub("\ufffd", s)
    if not force_quote and not nested and _plain_ok(s, in_list):
        return s
    return _quote(s)


def _key(k, depth: int) -> str:
    if isinstance(k, str):
        k = _SURROGATE_RE.sub("\ufffd", k)
        if depth == 0 and _KEY_RE.fullmatch(k) and _reads_as({k: 0}, f"{k}: 0"):
            return k
        return _quote(k)
    if k is None or isinstance(k, (bool, int, float)):
        return _scalar(k, nested=True)
    raise FrontMatterError(f"a key of type {type(k).__name__}")


def _reads_as(value, text: str) -> bool:
    try:
        return load_yaml(text) == value
    except Exception:
        return False


def _scalar(value, in_list: bool = False, force_quote: bool = False, nested: bool = False, depth: int = 0) -> str:
    """One value as YAML flow text (lists and maps in ``[…]``/``{…}`` on one line)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, str):
        return _text(value, in_list=in_list, force_quote=force_quote, nested=nested)
    if depth >= NESTING_MAX:
        raise FrontMatterError(f"is nested more than {NESTING_MAX} levels deep")
    if isinstance(value, (list, tuple)):
        flat = depth == 0 and all(isinstance(x, str) for x in value)  # tags: [AI, 반도체]
        return "[" + ", ".join(_scalar(x, in_list=True, nested=not flat, depth=depth + 1) for x in value) + "]"
    if isinstance(value, dict):
        _distinct_keys(value)
        return "{" + ", ".join(f"{_key(k, depth + 1)}: {_scalar(v, nested=True, depth=depth + 1)}"
                               for k, v in value.items()) + "}"
    raise FrontMatterError(f"holds a {type(value).__name__}; a note keeps text, numbers, yes/no, lists and maps")


def _plain_ok(s: str, in_list: bool) -> bool:
    if not s or not _PLAIN_RE.match(s) or s != s.strip():
        return False
    if ": " in s or " #" in s or s.endswith(":"):
        return False
    if in_list and any(c in s for c in ",[]{}"):
        return False
    if any(ord(c) < 32 or c in _BREAKS or not _printable(ord(c)) or (ord(c) & 0xFFFE) == 0xFFFE for c in s):
        return False
    try:
        if in_list:
            return load_yaml(f"[{s}, {s}]") == [s, s]
        return load_yaml(s) == s
    except Exception:
        return False


def _distinct_keys(d: dict) -> None:
    seen: dict = {}
    for k in d:
        n = _nfc_deep(k)
        if n in seen:
            raise FrontMatterError(f"has keys {seen[n]!r} and {k!r}, which are the same text (Unicode NFC)")
        seen[n] = k


def _nfc_deep(v):
    """The value a written value reads back as: strings NFC, lone surrogates U+FFFD, tuples lists."""
    if isinstance(v, str):
        return nfc(_SURROGATE_RE.sub("\ufffd", v))
    if isinstance(v, (list, tuple)):
        return [_nfc_deep(x) for x in v]
    if isinstance(v, dict):
        return {_nfc_deep(k): _nfc_deep(x) for k, x in v.items()}
    return v


def _same(a, b) -> bool:
    """Equal value for value and type for type (True is not 1), NaN equal to NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a == b or (a != a and b != b)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    return a == b


def dump_front_matter(meta: dict) -> str:
    """The front-matter lines of ``meta`` (without the ``---`` lines); raises ``FrontMatterError``
    (one line naming the field) for what cannot be written so that it reads back the same."""
    keys = [k for k in FIELDS if k in meta] + [k for k in meta if k not in FIELDS]
    lines = []
    for k in keys:
        v = meta[k]
        name = k if isinstance(k, str) else repr(k)
        try:
            if not isinstance(k, str):
                raise FrontMatterError("is not text")
            lines.append(f"{_key(k, 0)}: {_scalar(v, force_quote=k in ALWAYS_QUOTED)}")
        except FrontMatterError as e:
            raise FrontMatterError(f"cannot write field {_shown(name)}: it {e.message}")
    try:
        _distinct_keys(meta)
    except FrontMatterError as e:
        raise FrontMatterError(f"cannot write the front matter: it {e.message}")
    text = "\n".join(lines) + "\n"
    _verify(text, meta)
    return text


def _shown(name: str) -> str:
    """A field name for an error line: quoted, controls and line breaks as escapes."""
    return "'" + "".join(c if c.isprintable() else _hex(ord(c)) for c in name) + "'"


def _verify(text: str, meta: dict) -> None:
    """Read ``text`` back as a note file would be read; refuse it unless every value is the same
    and the fields pass the reader's checks."""
    try:
        back = load_yaml(nfc(text))
    except Exception as e:  # a writer bug: never save it
        raise FrontMatterError(f"cannot write the front matter so that it reads back ({type(e).__name__})")
    want = _nfc_deep(meta)
    if not isinstance(back, dict):
        raise FrontMatterError("cannot write the front matter so that it reads back")
    for k, v in want.items():
        if k not in back or not _same(back[k], v):
            raise FrontMatterError(f"cannot write field {_shown(str(k))} so that it reads back the same")
    try:
        _check_fields({str(k): v for k, v in back.items()}, "note", None)
    except BrokenNoteError as e:
        raise FrontMatterError(f"cannot save the note: {e.reason}")


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
        from scrapnote.decode import not_utf8

        # the file is never converted here: the user re-saves it (check lists every such file)
        raise BrokenNoteError(path, not_utf8(data, e, "re-save it as UTF-8 (scrapnote check lists every such file)"))
    return parse_note(text, template, path)


def parse_note(text: str, template: Template, path: Path | None = None) -> Note:
    where = path if path is not None else "note"
    text = nfc_lines(text.lstrip("\ufeff"))
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
    text = nfc_lines(data.decode("utf-8-sig", "replace"))
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
    meta = fast_front_matter(fm_raw)  # the tool's own line shapes: read without importing PyYAML
    if meta is None:
        meta = _yaml_meta(fm_raw, where)
    if not isinstance(meta, dict):
        raise BrokenNoteError(where, "front matter must be 'key: value' lines")
    meta = {str(k): _plain_data(v, k, where) for k, v in meta.items()}
    return _check_fields(meta, where, path)


def _yaml_meta(fm_raw: str, where):
    import yaml

    try:
        return load_yaml(fm_raw) if fm_raw.strip() else {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f" at line {mark.line + 2}" if mark else ""
        problem = getattr(e, "problem", None) or "syntax error"
        raise BrokenNoteError(where, f"front matter is not valid YAML{line} ({problem})")
    except YamlRefused as e:
        raise BrokenNoteError(where, str(e))
    except Exception as e:  # a tag YAML cannot build (!!int abc, !!float x, !!timestamp 2024-13-45)
        problem = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise BrokenNoteError(where, f"front matter is not valid YAML ({problem})")


def _plain_data(v, key, where, depth: int = 1):
    """A value as the note keeps it: what JSON can hold. Dates YAML built from an explicit tag are
    the text they were, sets and pairs are lists; binary data and nesting deeper than NESTING_MAX
    are refused."""
    import datetime as _dt

    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if depth > NESTING_MAX:
        raise BrokenNoteError(where, f"front matter is nested more than {NESTING_MAX} levels deep")
    if isinstance(v, (list, tuple)):
        return [_plain_data(x, key, where, depth + 1) for x in v]
    if isinstance(v, dict):
        return {k: _plain_data(x, key, where, depth + 1) for k, x in v.items()}
    if isinstance(v, (set, frozenset)):
        return sorted((_plain_data(x, key, where, depth + 1) for x in v), key=lambda x: (str(type(x)), str(x)))
    if isinstance(v, (_dt.date, _dt.datetime)):
        return v.isoformat()
    raise BrokenNoteError(where, f"field {_shown(str(key))} holds {type(v).__name__} data "
                                 "(a note keeps text, numbers, yes/no, lists and maps)")


def _check_fields(meta: dict, where, path: Path | None) -> dict:
    """The reader's checks of the tool's own fields (shared with the writer's read-back)."""
    nid = meta.get("id")
    if nid is None and path is not None:
        m = re.match(r"^(\d+)", path.name)
        if m:
            nid = int(m.group(1))
            meta = {"id": nid, **meta}
    if not valid_id(nid):
        raise BrokenNoteError(where, f"field 'id' must be a whole number from 1 to {ID_MAX}")
    for k in ("title", "url", "source", "reporter", "scrapped", "created", "template"):
        v = meta.get(k)
        if v is not None and not isinstance(v, str):
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                meta[k] = str(v)
            else:
                raise BrokenNoteError(where, f"field '{k}' must be text")
    pub = meta.get("published")
    if pub is not None and (not isinstance(pub, str) or not _DATE_RE.match(pub)):
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
def scrap_time(meta: dict) -> str | None:
    """When the note was scrapped: ``scrapped``, else Obsidian's ``created``."""
    value = meta.get("scrapped") or meta.get("created")
    return value if isinstance(value, str) else None


def valid_id(nid) -> TypeGuard[int]:
    """1 ≤ id ≤ ID_MAX, a whole number (not True)."""
    return isinstance(nid, int) and not isinstance(nid, bool) and 1 <= nid <= ID_MAX


def slugify(title: str, limit: int = 40) -> str:
    title = nfc(title)
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
    order. ``drafts`` fills sections the reader has not written (the reader's own text wins).
    The article's text and the reader's sections the form has no place for (a filled form of
    another form's sections) follow under the default form's labels: nothing read is dropped."""
    def txt(v):
        return one_line(nfc(v)) if v else None

    title = txt(article.title) or ""
    when = scrapped or now_iso()
    meta = {
        "id": nid,
        "title": title,
        "aliases": [title] if title else [],  # Obsidian finds and links the note by its title
        "url": txt(article.url),
        "source": txt(article.source),
        "reporter": txt(article.reporter),
        "published": article.published,
        "scrapped": when,
        "created": when[:19],  # the same time as Obsidian's date-time property reads it (local, no offset)
        "industry": _uniq(industry),
        "companies": _uniq(companies),
        "tags": _uniq(tags),
        "keywords": _uniq(keywords),
        "template": template.name,
    }
    given = dict(drafts or {})
    given.update({k: v for k, v in article.sections.items() if v and v.strip()})
    given[fields.BODY] = article.body
    if article.title.strip():
        given.setdefault(fields.HEADLINE, article.title)
    elif not (given.get(fields.HEADLINE) or "").strip():
        drafted = draft_headline(article.body)
        if drafted:  # a copy without a headline: one drafted for the reader to rewrite
            given[fields.HEADLINE] = DRAFT_MARKER + "\n\n" + drafted
    specs = template.body_sections
    parts: list[tuple[str, str, str | None]] = [(s.label, given.get(s.key, "") or "", s.key) for s in specs]
    placed = {s.key for s in specs}
    unplaced = {k: v for k, v in [(fields.BODY, article.body), *article.sections.items()]
                if k not in placed and v and v.strip() and not (k == fields.HEADLINE and v.strip() == article.title.strip())}
    if unplaced:
        from scrapnote.template import load

        default = load()
        for k, v in unplaced.items():
            spec = default.get(k)
            parts.append((spec.label if spec else k, v, None))
    sections = [Section(label, _raw(text, last=i == len(parts) - 1), key) for i, (label, text, key) in enumerate(parts)]
    return Note(meta=meta, sections=tuple(sections))


def draft_headline(body: str) -> str | None:
    """A headline drafted from the body's first sentence (an article copied without its headline)."""
    first = next((p.strip() for p in re.split(r"\n\s*\n", body or "") if p.strip()), "")
    if not first:
        return None
    m = re.match(r"^(.{10,100}?[.!?])(?=\s|$)", first)
    return one_line(m.group(1) if m else first if len(first) <= 100 else first[:80].rstrip() + "…")


def shown_title(title: str | None, headline: str | None) -> tuple[str, bool]:
    """What ``list`` and ``show`` print as a note's title: its title, else the drafted headline of
    a note whose article had none — (text, True: it is a draft)."""
    if title and title.strip():
        return title, False
    text = (headline or "").strip()
    if text.startswith(DRAFT_MARKER):
        return one_line(text[len(DRAFT_MARKER):].strip()), True
    return one_line(text), False


def _uniq(items) -> list[str]:
    out: list[str] = []
    for x in items or ():
        x = nfc(str(x)).strip()
        if x and x not in out:
            out.append(x)
    return out


# -- the JSON form (DESIGN.md) -------------------------------------------------------------
_LINK_RE = re.compile(r"\[([^\]]+)\]\((\S+?)\)")
_ID_RE = re.compile(r"#(\d+)\b")
_URL_RE = re.compile(r"https?://\S+")


# An Obsidian wikilink to another note's file: [[0005-카카오-캠프]] or [[0005-카카오-캠프|headline]].
_WIKILINK_RE = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")
_FILE_ID_RE = re.compile(r"^0*(\d+)-")


def _wikilink_entry(m: re.Match, rest: str) -> dict:
    target, alias = m.group(1).strip(), (m.group(2) or "").strip()
    target = target.split("#", 1)[0].removesuffix(".md")
    m_id = _FILE_ID_RE.match(target.rsplit("/", 1)[-1])
    nid = int(m_id.group(1)) if m_id else None
    u = _URL_RE.search(rest)
    return fields.link(nid if valid_id(nid) else None, alias or target or None, u.group(0) if u else None)


def parse_related(text: str) -> list[dict]:
    """``- #5 [headline](url)`` lines (id and link optional), or Obsidian's
    ``- [[0005-file-name|headline]] url`` (the id from the file name) → [{id, headline, url}]."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line == DRAFT_MARKER or line.startswith(">"):
            continue
        line = re.sub(r"^[-*+]\s+", "", line)
        wiki = _WIKILINK_RE.match(line)
        if wiki:
            out.append(_wikilink_entry(wiki, line[wiki.end():]))
            continue
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
        out.append(fields.link(nid, headline or None, url))
    return out


def format_related(items, files: dict[int, str] | None = None) -> str:
    """The 연관기사 lines: ``- #5 [headline](url)``, or, for an entry whose note's file name
    ``files`` gives (Obsidian's wikilinks, the config file's ``wikilinks``),
    ``- [[0005-file-name|headline]] url`` — Obsidian's graph and backlinks follow it."""
    lines = []
    for it in items:
        headline, url = it.get(fields.HEADLINE), it.get(fields.URL)
        stem = (files or {}).get(it.get("id")) if it.get("id") else None
        if stem and not re.search(r"[\[\]|#^\n]", stem):
            alias = one_line(headline or "").replace("[", "(").replace("]", ")").replace("|", "/")
            lines.append(f"- [[{stem}|{alias}]]" + (f" {url}" if url else "") if alias else f"- [[{stem}]]"
                         + (f" {url}" if url else ""))
            continue
        head = f"#{it['id']} " if it.get("id") else ""
        title = headline or url or ""
        lines.append(f"- {head}[{title}]({url})" if url else f"- {head}{title}")
    return "\n".join(lines)


def wikilinks_as_text(text: str) -> str:
    """A 연관기사 section as ``show`` prints it: each ``[[0005-file|headline]]`` as ``#5 headline``."""
    def shown(m: re.Match) -> str:
        entry = _wikilink_entry(m, "")
        head = f"#{entry['id']} " if entry.get("id") else ""
        return head + (entry.get(fields.HEADLINE) or "")

    return _WIKILINK_RE.sub(shown, text)


def to_json(note: Note, home: Path | None = None, numbers: list | None = None,
            form: Template | None = None) -> dict:
    """The JSON form (DESIGN.md) of a note keyed by its form: the front matter, then the sections
    the tool knows (``fields``), then the sections of ``form`` (or, without it, of the note) that
    the tool does not know, each under its own key; headings no form knows in ``other_sections``."""
    m = note.meta
    path = None
    if note.path is not None:
        try:
            path = note.path.relative_to(home).as_posix() if home else note.path.as_posix()
        except ValueError:
            path = note.path.as_posix()

    def section(key: str):
        if fields.is_links(key):
            return parse_related(note.section(key))
        return note.section(key) or fields.json_empty(key)

    d = {
        "id": m.get("id"), "title": m.get("title") or None, fields.HEADLINE: section(fields.HEADLINE),
        "url": m.get("url"), "source": m.get("source"), "reporter": m.get("reporter"),
        "published": m.get("published"), "scrapped": scrap_time(m),
        "industry": list(m.get("industry") or []), "companies": list(m.get("companies") or []),
        "tags": list(m.get("tags") or []), "template": m.get("template"),
    }
    for key in fields.JSON_SECTIONS:
        d[key] = section(key)
    own = [*fields.own_keys(form), *(s.key for s in note.sections if s.key is not None)]
    for key in dict.fromkeys(own):
        if key not in d and key not in fields.JSON_META:
            d[key] = section(key)
    if numbers is None:
        from scrapnote.analyze.numbers import find_quantities

        numbers = [q.as_dict() for q in find_quantities(d[fields.BODY])]
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
