"""The form: ordered sections with key, label, hint and who writes them.

The default 경제신문 스크랩 양식 ships as ``scrapnote/templates/economy.yaml``; a user's own forms
live in ``<home>/templates/NAME.yaml`` and are picked with ``new --template NAME``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scrapnote import config, fields
from scrapnote.errors import NotFoundError, TemplateError
from scrapnote.text import nfc

BUILTIN_DIR = Path(__file__).parent / "templates"
DEFAULT = "economy"

_TOP_KEYS = {"name", "title", "sections"}
_SECTION_KEYS = {"key", "label", "hint", "writer", "store", "aliases", "check"}
_WRITERS = {"tool", "reader", "both"}
_STORES = {"body", "meta"}
_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class SectionSpec:
    key: str
    label: str
    hint: str = ""
    writer: str = "tool"  # tool | reader | both
    store: str = "body"  # body: a "## label" section; meta: a front-matter field
    aliases: tuple[str, ...] = ()
    check: bool = False  # `scrapnote check` flags this section while empty or still a draft

    @property
    def reader_writes(self) -> bool:
        return self.writer in ("reader", "both")


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    sections: tuple[SectionSpec, ...]
    path: Path | None = None

    @property
    def body_sections(self) -> tuple[SectionSpec, ...]:
        return tuple(s for s in self.sections if s.store == "body")

    def get(self, key: str) -> SectionSpec | None:
        for s in self.sections:
            if s.key == key:
                return s
        return None

    def key_for_heading(self, heading: str) -> str | None:
        """The section key a ``## heading`` stands for: the label, an alias, or the label's
        head before its parenthesis (``헤드라인`` for ``헤드라인 (요약과 압축)``), ignoring spaces."""
        seen = self.__dict__.get("_headings")
        if seen is None:  # built once per form (hashing a frozen form per heading was measurable)
            seen = {}
            object.__setattr__(self, "_labels", _label_table(self))
            object.__setattr__(self, "_headings", seen)
        if heading in seen:  # the same headings in note after note: normalized once each
            return seen[heading]
        key = self.__dict__["_labels"].get(_norm_label(heading))
        if len(seen) < 10_000:
            seen[heading] = key
        return key


def _norm_label(s: str) -> str:
    s = nfc(s)
    return re.sub(r"[\s:：]+", "", s).lower()


def _label_table(t: Template) -> dict[str, str]:
    table: dict[str, str] = {}
    for s in t.sections:  # weaker forms first, so exact labels win
        head = re.split(r"[(（]", s.label)[0]
        for name in (head, *s.aliases, s.label):
            table.setdefault(_norm_label(name), s.key)
    for s in t.sections:
        table[_norm_label(s.label)] = s.key
    return table


def available() -> dict[str, Path]:
    """Every form by name: built-in ones, then the user's (which may shadow them)."""
    found = {p.stem: p for p in sorted(BUILTIN_DIR.glob("*.yaml"))}
    udir = config.user_templates_dir()
    if udir.is_dir():
        found.update({p.stem: p for p in sorted(udir.glob("*.yaml"))})
    return found


_loaded: dict[tuple[str, str], tuple[tuple, Template]] = {}


def stamp(name: str | None = None, home: Path | None = None) -> tuple | None:
    """What a form named ``name`` is read from, as it is now: the stat (mtime, size, inode) of the
    user's templates folder (a form added or removed there) and of the user's ``NAME.yaml`` (the
    built-in forms are the package's files: they do not change under a running process). A cache
    of a form holds while its stamp is the same (a long ``browse`` sees a form edited meanwhile);
    None for a name no file can have (never cached). ``home``: config.home(), when the caller has it."""
    import os

    name = name or DEFAULT
    if name.startswith(".") or any(c in name for c in "/\\\0"):
        return None
    udir = (config.home() if home is None else home) / "templates"
    out: list[tuple[int, int, int] | None] = []
    for p in (udir, udir / f"{name}.yaml"):
        try:
            st = os.stat(p)
            out.append((st.st_mtime_ns, st.st_size, st.st_ino))
        except OSError:
            out.append(None)
    return tuple(out)


def load(name: str | None = None) -> Template:
    """A form by name, cached per process and home while its file is unchanged (``stamp``;
    indexing calls this once per note)."""
    name = name or DEFAULT
    home = config.home()
    cache_key = (str(home), name)
    now = stamp(name, home)
    hit = _loaded.get(cache_key)
    if hit is not None and now is not None and hit[0] == now:
        return hit[1]
    forms = available()
    path = forms.get(name)
    if path is None:
        raise NotFoundError(f"no form named '{name}' (have: {', '.join(sorted(forms))})")
    tmpl = _load_path(path, path.stat().st_mtime_ns)
    if now is not None:
        if len(_loaded) > 64:
            _loaded.clear()
        _loaded[cache_key] = (now, tmpl)
    return tmpl


@lru_cache(maxsize=16)
def _load_path(path: Path, _mtime: int) -> Template:
    key, cache = _cache_key(path), _read_cache()
    if key is not None and cache.get(str(path)) == key[0] and isinstance(cache.get(key[1]), dict):
        try:
            return _from_cached(cache[key[1]], path)
        except (KeyError, TypeError, ValueError):
            pass
    tmpl = _parse_path(path)
    if key is not None:
        _write_cache(cache, str(path), key, tmpl)
    return tmpl


# A form parsed once is kept, checked, in <home>/.scrapnote/forms.json under its file's (mtime,
# size, inode): show, check and edit then read the note's form without importing PyYAML (~15 ms
# of their start-up). A file changed within RACY_NS of now is not cached (an edit in the same
# clock tick and of the same size could hide); an unreadable cache is no cache.
FORMS_CACHE = "forms.json"
RACY_NS = 2_000_000_000


def _cache_key(path: Path) -> tuple[str, str] | None:
    import os
    import time

    try:
        st = os.stat(path)
    except OSError:
        return None
    if st.st_mtime_ns > time.time_ns() - RACY_NS:
        return None
    stamp = f"{st.st_mtime_ns}:{st.st_size}:{st.st_ino}:{st.st_dev}"
    return stamp, f"{path}|{stamp}"


def _read_cache() -> dict:
    import json

    try:
        data = json.loads((config.state_dir() / FORMS_CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_cache(cache: dict, where: str, key: tuple[str, str], tmpl: Template) -> None:
    import json

    state = config.state_dir()
    if not state.is_dir():
        return  # never creates the state folder (a read command in a new home)
    old = cache.get(where)
    if isinstance(old, str):
        cache.pop(f"{where}|{old}", None)
    cache[where] = key[0]
    cache[key[1]] = {"name": tmpl.name, "title": tmpl.title,
                     "sections": [[s.key, s.label, s.hint, s.writer, s.store, list(s.aliases), s.check]
                                  for s in tmpl.sections]}
    try:
        from scrapnote.store import atomic_write

        atomic_write(state / FORMS_CACHE, json.dumps(cache, ensure_ascii=False))
    except OSError:
        pass  # only a shortcut


def _from_cached(data: dict, path: Path) -> Template:
    sections = tuple(SectionSpec(key=str(k), label=str(lb), hint=str(h), writer=str(w), store=str(st),
                                 aliases=tuple(str(a) for a in al), check=bool(c))
                     for k, lb, h, w, st, al, c in data["sections"])
    if not sections:
        raise ValueError("no sections")
    return Template(name=str(data["name"]), title=str(data["title"]), sections=sections, path=path)


def _parse_path(path: Path) -> Template:
    import yaml

    try:
        # libyaml's parser where PyYAML has it: the pure-Python one took ~10 ms for the default form
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except UnicodeDecodeError as e:
        from scrapnote.decode import not_utf8

        raise TemplateError(f"{path}: {not_utf8(path.read_bytes(), e)}")
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise TemplateError(f"{path}: not valid YAML{where}")
    return parse_template(data, path)


def parse_template(data, path: Path | None = None) -> Template:
    where = str(path) if path else "form"
    if not isinstance(data, dict):
        raise TemplateError(f"{where}: a form is a mapping with 'name' and 'sections'")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise TemplateError(f"{where}: unknown key '{sorted(unknown)[0]}' (allowed: {', '.join(sorted(_TOP_KEYS))})")
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise TemplateError(f"{where}: 'sections' must be a non-empty list")
    sections = []
    seen_keys, seen_labels = set(), set()
    for i, s in enumerate(raw_sections, 1):
        if not isinstance(s, dict):
            raise TemplateError(f"{where}: section {i} must be a mapping")
        bad = set(s) - _SECTION_KEYS
        if bad:
            raise TemplateError(f"{where}: section {i}: unknown key '{sorted(bad)[0]}'")
        key, label = s.get("key"), s.get("label")
        if not isinstance(key, str) or not _KEY_RE.match(key):
            raise TemplateError(f"{where}: section {i}: missing or invalid 'key'")
        if not isinstance(label, str) or not label.strip():
            raise TemplateError(f"{where}: section '{key}': missing 'label'")
        writer = s.get("writer", "tool")
        store = s.get("store", "body")
        if writer not in _WRITERS:
            raise TemplateError(f"{where}: section '{key}': writer must be one of {', '.join(sorted(_WRITERS))}")
        if store not in _STORES:
            raise TemplateError(f"{where}: section '{key}': store must be one of {', '.join(sorted(_STORES))}")
        if store == "body" and key in fields.JSON_META:  # the JSON form holds that field under this key
            raise TemplateError(f"{where}: section '{key}': '{key}' is a field of every note; "
                                "give the section another key")
        if key in seen_keys or label in seen_labels:
            raise TemplateError(f"{where}: section '{key}' appears twice")
        seen_keys.add(key)
        seen_labels.add(label)
        aliases = s.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise TemplateError(f"{where}: section '{key}': aliases must be a list of strings")
        sections.append(SectionSpec(
            key=key, label=nfc(label.strip()), hint=str(s.get("hint") or ""),
            writer=writer, store=store, aliases=tuple(aliases),
            check=bool(s.get("check", writer in ("reader", "both") and store == "body"))))
    name = data.get("name") or (path.stem if path else DEFAULT)
    return Template(name=str(name), title=str(data.get("title") or name), sections=tuple(sections), path=path)
