"""Where an article comes from: a file, stdin ("-") or a URL → bytes plus where they came from.

Nothing here decodes or parses; ``decode.py`` and ``extract/`` do that. A URL is fetched by
``fetch.py`` (one deadline, decoded bytes capped, addresses checked); httpx is imported only when a
URL is fetched, so that ``scrapnote --help`` stays fast.
"""
from __future__ import annotations

import glob
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from scrapnote.decode import charset_from_content_type, too_big
from scrapnote.errors import InputError

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".tsv")
FETCH_DEADLINE = 30.0  # seconds for a whole download: connecting, headers, body and redirects (fetch.py)

_SUFFIX_TYPES = {
    ".html": "text/html", ".htm": "text/html", ".md": "text/markdown", ".markdown": "text/markdown",
    ".txt": "text/plain", ".tsv": "text/tab-separated-values",
}


@dataclass(frozen=True)
class RawInput:
    """The bytes of one input and what we know about them before decoding."""

    data: bytes
    origin: str  # the argument as given: a path, "-" or the URL asked for
    url: str | None = None  # the final URL after redirects (URLs only)
    content_type: str | None = None  # "text/html", … (from the header, or guessed from the suffix)
    charset: str | None = None  # the charset the server declared, as written


def is_url(arg: str) -> bool:
    return arg.lower().startswith(("http://", "https://"))


# An address: a scheme (two letters or more: ``C:`` is a Windows drive), a colon, and ``//`` — or
# one of the schemes written without it. ``notes:1.txt`` is a file name.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]+):(//)?")
_OPAQUE_SCHEMES = frozenset(("mailto", "data", "javascript", "tel", "sms", "news", "urn", "magnet", "about",
                             "blob", "view-source", "file", "http", "https"))


def unsupported_address(arg: str) -> str | None:
    """The one line for an argument that is an address scrapnote does not fetch (``ftp://…``,
    ``mailto:…``, ``file:///…``, a mistyped ``http:/…``), None for anything else — a file that
    exists keeps its name however it looks."""
    m = _SCHEME.match(arg)
    if m is None or is_url(arg):
        return None
    scheme = m.group(1).lower()
    if m.group(2) is None and scheme not in _OPAQUE_SCHEMES:
        return None
    try:
        if Path(arg).expanduser().exists():
            return None
    except OSError:
        pass
    if scheme in ("http", "https"):
        return f"{arg}: not a whole address (write {scheme}://…)"
    line = f"{arg}: scrapnote does not fetch {scheme}: addresses (only http:// and https://)"
    if scheme == "file":
        from urllib.parse import urlsplit
        from urllib.request import url2pathname

        path = url2pathname(urlsplit(arg).path)
        if path:
            line += f"; give the file's path instead: {path}"
    return line


def read_source(arg: str, *, max_bytes: int, timeout: float | None = None) -> RawInput:
    """Read one input. Failures raise :class:`InputError` with one line naming the input.

    ``timeout`` is a URL's one deadline for the whole download (default :data:`FETCH_DEADLINE`)."""
    if arg == "-":
        return _read_stdin(max_bytes)
    if is_url(arg):
        return _fetch(arg, max_bytes=max_bytes, timeout=FETCH_DEADLINE if timeout is None else timeout)
    refused = unsupported_address(arg)
    if refused:
        raise InputError(refused)
    return _read_file(arg, max_bytes)


def _read_stdin(max_bytes: int) -> RawInput:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # replaced by a text stream (tests, some embeddings)
        data = sys.stdin.read().encode("utf-8") if sys.stdin else b""
    else:
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_big("stdin", None, max_bytes)
    return RawInput(data=data, origin="-")


def _read_file(arg: str, max_bytes: int) -> RawInput:
    path = Path(arg).expanduser()
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(f"{arg}: no such file") from None
    except PermissionError:
        raise InputError(f"{arg}: permission denied") from None
    except OSError as e:
        raise InputError(f"{arg}: cannot read ({e.strerror or e})") from None
    if path.is_dir():
        raise InputError(f"{arg}: is a folder, not a file")
    if st.st_size > max_bytes:
        raise too_big(arg, st.st_size, max_bytes)
    try:
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except PermissionError:
        raise InputError(f"{arg}: permission denied") from None
    except OSError as e:
        raise InputError(f"{arg}: cannot read ({e.strerror or e})") from None
    if len(data) > max_bytes:  # grew while we looked, or a special file
        raise too_big(arg, None, max_bytes)
    return RawInput(data=data, origin=arg, content_type=_SUFFIX_TYPES.get(path.suffix.lower()))


def _fetch(url: str, *, max_bytes: int, timeout: float) -> RawInput:
    from scrapnote.fetch import fetch

    data, final, ctype, ctype_header = fetch(url, max_bytes=max_bytes, deadline=timeout)
    return RawInput(data=data, origin=url, url=final, content_type=ctype,
                    charset=charset_from_content_type(ctype_header))


def _has_magic(arg: str) -> bool:
    return any(c in arg for c in "*?[")


def _folder_files(folder: Path) -> list[str]:
    files = [p for p in folder.iterdir()
             if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in ARTICLE_SUFFIXES]
    return [str(p) for p in sorted(files, key=lambda p: p.name)]


def expand_inputs(args: list[str]) -> list[str]:
    """Files, globs and folders → the list of inputs, in order, each once.

    Globs are expanded here too (Windows shells leave them alone); a folder gives its article
    files (*.txt, *.md, *.html, *.htm, *.tsv) sorted by name; "-" and URLs pass through. A path
    that does not exist is kept, so that reading it reports the error for that input alone. A
    pattern that matches nothing, a folder without article files, or an address of a scheme that
    is not fetched (``unsupported_address``) raises :class:`InputError`."""
    out: list[str] = []
    seen: set[str] = set()

    def add(item: str) -> None:
        key = item if (item == "-" or is_url(item)) else os.path.normpath(item)
        if key not in seen:
            seen.add(key)
            out.append(item)

    for arg in args:
        if arg == "-" or is_url(arg):
            add(arg)
            continue
        refused = unsupported_address(arg)
        if refused:
            raise InputError(refused)
        path = Path(arg).expanduser()
        if path.is_dir():
            files = _folder_files(path)
            if not files:
                raise InputError(f"{arg}: no article files in this folder "
                                 f"({', '.join('*' + s for s in ARTICLE_SUFFIXES)})")
            for f in files:
                add(f)
        elif path.exists() or not _has_magic(arg):
            add(arg)
        else:
            matches = sorted(glob.glob(os.path.expanduser(arg), recursive=True))
            files = []
            for m in matches:
                if os.path.isfile(m):
                    files.append(m)
                elif os.path.isdir(m):
                    files.extend(_folder_files(Path(m)))
            if not files:
                raise InputError(f"{arg}: no files match")
            for f in files:
                add(f)
    return out
