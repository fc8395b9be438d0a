"""The user's settings: a TOML file in the platform's config folder (``config.config_file()``).

Read with the standard library's ``tomllib``; written by the small writer below. The file holds only
top-level keys whose values are strings, booleans or lists of strings, so the writer needs only
TOML's basic strings (every character either itself or one of TOML's escapes), ``true``/``false``
and arrays — a few lines that ``tests/test_settings.py`` checks round-trip through ``tomllib``
(hypothesis), rather than a dependency. ``set`` changes the key's own line and keeps the rest of the
file (comments included) as the user wrote it.

Any problem is one ``ScrapnoteError`` line naming the file and the key: an unknown key, a value of
the wrong kind or out of its choices, a file that is not TOML.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scrapnote import config
from scrapnote.errors import ScrapnoteError

COLORS = ("auto", "always", "never")


@dataclass(frozen=True)
class Key:
    name: str
    kind: str  # "str", "bool", "list", "choice"
    default: object
    help: str
    choices: tuple[str, ...] = ()


def _export_formats() -> tuple[str, ...]:
    from scrapnote.exporters import FORMATS

    return tuple(FORMATS)


KEYS: dict[str, Key] = {k.name: k for k in (
    Key("template", "str", None, "the form `new` uses without --template (a name in <home>/templates/, or economy)"),
    Key("tags", "list", [], "tags every new note gets when `new` is given no --tag"),
    Key("member", "str", None, "your name: written under the title of every export"),
    Key("export-format", "choice", "md", "the format `export` writes without --format", ()),
    Key("export-layout", "str", None, "your own Jinja2 layout `export` uses without --layout (md, html, txt)"),
    Key("pager", "bool", True, "false: long notes are printed straight, never through a pager"),
    Key("editor", "str", None, "the editor when $VISUAL and $EDITOR are unset, e.g. \"code --wait\""),
    Key("color", "choice", "auto", "auto (on a terminal, NO_COLOR honoured), always, never", COLORS),
    Key("wikilinks", "bool", True, "false: 연관기사 drafted as #5 [headline](url) instead of [[file name|headline]] (Obsidian)"),
)}


def choices(key: Key) -> tuple[str, ...]:
    return _export_formats() if key.name == "export-format" else key.choices


# -- reading ----------------------------------------------------------------------------------------
_cache: dict[tuple, dict] = {}


def path() -> Path:
    return config.config_file()


def _check(file: Path, data: dict) -> dict:
    for name, value in data.items():
        key = KEYS.get(name)
        if key is None:
            raise ScrapnoteError(f"{file}: unknown key '{name}' (known: {', '.join(KEYS)})")
        bad = _wrong(key, value)
        if bad:
            raise ScrapnoteError(f"{file}: {name} {bad}")
    return data


def _wrong(key: Key, value) -> str | None:
    """Why ``value`` cannot be ``key``'s value, or None."""
    if key.kind == "bool":
        return None if isinstance(value, bool) else f"must be true or false, not {_shown(value)}"
    if key.kind == "list":
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return None
        return f"must be a list of strings like [\"AI\", \"반도체\"], not {_shown(value)}"
    if not isinstance(value, str):
        return f"must be a string, not {_shown(value)}"
    if key.kind == "choice" and value not in choices(key):
        return f"must be one of {', '.join(choices(key))}, not {_shown(value)}"
    return None


def _shown(value) -> str:
    text = repr(value) if not isinstance(value, bool) else str(value).lower()
    return text if len(text) <= 40 else text[:37] + "..."


def _parse(file: Path, text: str) -> dict:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ScrapnoteError(f"{file}: not valid TOML ({e}); fix it with `scrapnote config edit`")


def _read_text(file: Path) -> str | None:
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise ScrapnoteError(f"{file}: is a folder, not a config file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        from scrapnote.decode import not_utf8

        raise ScrapnoteError(f"{file}: {not_utf8(data, e)}")


def load() -> dict:
    """The file's settings (only the keys it sets), checked. A missing file is no settings."""
    file = path()
    try:
        st = file.stat()
        stamp: tuple = (str(file), st.st_mtime_ns, st.st_size)
    except FileNotFoundError:
        return {}
    except OSError as e:
        raise ScrapnoteError(f"{file}: {(e.strerror or str(e)).lower()}")
    if stamp not in _cache:
        text = _read_text(file)
        _cache.clear()
        _cache[stamp] = {} if text is None else _check(file, _parse(file, text))
    return _cache[stamp]


def get(name: str):
    """A setting's value: the file's, else the default."""
    key = KEYS[name]
    data = load()
    if name in data:
        return data[name]
    default = key.default
    return list(default) if isinstance(default, list) else default


def effective() -> list[tuple[str, object, bool]]:
    """Every key with its value and whether the file sets it (``config show``)."""
    data = load()
    return [(k, get(k), k in data) for k in KEYS]


# -- writing ----------------------------------------------------------------------------------------
def toml_string(s: str) -> str:
    """A TOML basic string that reads back as ``s``."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch in _SHORT:
            out.append(_SHORT[ch])
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\u{o:04X}")
        elif 0xD800 <= o <= 0xDFFF:
            raise ScrapnoteError("the value is not text (it holds a lone surrogate)")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


_SHORT = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_string(v) for v in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def dumps(data: dict) -> str:
    lines = ["# scrapnote settings: `scrapnote config show` lists every key, README.md explains them."]
    lines += [f"{k} = {toml_value(v)}" for k, v in data.items()]
    return "\n".join(lines) + "\n"


_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def value_from_text(name: str, text: str):
    """A value typed on the command line (``config set KEY VALUE``) as the key's kind."""
    file = path()
    key = KEYS.get(name)
    if key is None:
        raise ScrapnoteError(f"{file}: unknown key '{name}' (known: {', '.join(KEYS)})")
    if key.kind == "bool":
        low = text.strip().lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise ScrapnoteError(f"{file}: {name} must be true or false, not {text!r}")
    if key.kind == "list":
        return [t.strip() for t in text.split(",") if t.strip()]
    if key.kind == "choice" and text not in choices(key):
        raise ScrapnoteError(f"{file}: {name} must be one of {', '.join(choices(key))}, not {text!r}")
    return text


def set_value(name: str, text: str) -> Path:
    """``config set KEY VALUE``: the key's line changed (or added); an empty VALUE removes the key."""
    from scrapnote import store

    file = path()
    value = value_from_text(name, text) if text != "" else None
    old_text = _read_text(file) or ""
    data = dict(_parse(file, old_text)) if old_text else {}
    if value is None:
        data.pop(name, None)
    else:
        data[name] = value
    _check(file, data)  # the key set may be the very one that was wrong: only the others can refuse
    new_text = _edited(old_text, name, value, data)
    store.atomic_write(file, new_text.encode("utf-8"))
    return file


def _edited(old_text: str, name: str, value, want: dict) -> str:
    """The file with only ``name``'s line changed, when that reads back as ``want``; else the file
    written afresh from ``want`` (a value spread over several lines, say)."""
    import tomllib

    line_re = re.compile(rf"^[ \t]*(?:{re.escape(name)}|\"{re.escape(name)}\")[ \t]*=.*$", re.M)
    new_line = "" if value is None else f"{name} = {toml_value(value)}"
    found = list(line_re.finditer(old_text))
    if len(found) == 1:
        m = found[0]
        end = m.end() + (1 if value is None and old_text[m.end():m.end() + 1] == "\n" else 0)
        candidate = old_text[:m.start()] + new_line + old_text[end:]
    elif not found and value is not None:
        candidate = old_text + ("" if not old_text or old_text.endswith("\n") else "\n") + new_line + "\n"
    elif not found:
        candidate = old_text
    else:
        candidate = ""
    try:
        if candidate and tomllib.loads(candidate) == want:
            return candidate
    except tomllib.TOMLDecodeError:
        pass
    return dumps(want)

