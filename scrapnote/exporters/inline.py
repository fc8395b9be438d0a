"""A section line's inline Markdown as a flat stream of events, for the HTML and Word exports: bold
(``**x**``, ``__x__``), italic (``*x*``, ``_x_``), strikethrough (``~~x~~``), inline code (`` `x` ``),
links (``[text](url)``, ``<url>``, an image ``![alt](url)`` as a link to it) and bare ``http(s)://``
addresses.

Why not markdown-it (already installed, through Rich): CommonMark's flanking rule leaves
``**반도체(HBM)**는`` and ``**"동결"**에`` as typed — a closing ``**`` after punctuation must be followed
by a space or punctuation, and Korean puts a particle right there. This reading is the lenient one
the txt export already uses to strip the marks (``base._inline``): an opening mark is followed by a
non-space, a closing one follows a non-space, ``_`` only at word edges (``snake_case`` stays), ``~~``
only doubled (``3~5%`` stays). Pairing is CommonMark's delimiter stack (nearest opener first, both
runs ``**`` or longer make bold), linear in the line's length.

Links are only to ``http(s)://`` addresses (``safetext.link_target``) and ``mailto:`` addresses; a
link to anything else (``javascript:``, ``data:``, …) stays its text as typed. Nothing is escaped
here: text events are raw text, the renderer escapes them (HTML) or writes them as runs (Word).
Each line is read on its own (a mark never spans a line break); the lines of a fenced code block
are text as typed. Standard library only.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

# Events: ("text", s) · ("code", s) · ("open", kind) / ("close", kind) with kind strong, em, del ·
# ("link", href) / ("endlink", "").
Event = tuple[str, str]

_FENCE = re.compile(r"^\s*(```|~~~)")
_MAILTO = re.compile(r"mailto:[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?", re.I)
# The Markdown backslash escapes (ASCII punctuation).
_ESC = r"\\[!-/:-@\[-`{-~]"
_DEST = r"(?:<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+)"
_TOKEN = re.compile(
    rf"(?P<esc>{_ESC})"
    r"|(?P<code>`+)"
    r"|(?P<auto><(?:https?://|mailto:)[^\s<>]+>)"
    rf"|(?P<link>(?P<bang>!?)\[(?P<label>(?:[^\[\]\n\\]|\\.)*)\]\(\s*(?P<dest>{_DEST})"
    r"""(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\))"""
    r"|(?<![A-Za-z0-9])(?P<url>https?://[A-Za-z0-9\-._~:/?#@!$&()+,;=%]+)"
    r"|(?P<delim>\*+|_+|~+)",
    re.I,
)
_SPECIAL = re.compile(r"[\\`*_~<\[]|https?://", re.I)
_TRAILING = ".,:;!?"
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def link_href(url: str) -> str | None:
    """``url`` when an export may link to it: an http(s) address (``safetext.link_target``) or a
    ``mailto:`` address, else None."""
    from scrapnote.safetext import link_target

    u = (url or "").strip()
    if _MAILTO.fullmatch(u):
        return u
    return link_target(u)


@dataclass
class _Delim:
    char: str
    count: int  # the marks of the run not yet used
    can_open: bool
    can_close: bool
    opens: list[str] = field(default_factory=list)  # kinds it opens, innermost first
    closes: list[str] = field(default_factory=list)  # kinds it closes, innermost first


def _trim_url(url: str) -> str:
    """A bare address without the sentence's punctuation after it (``https://a.example).`` →
    ``https://a.example``); a ``)`` stays when the address opened one."""
    end, opened, closed = len(url), url.count("("), url.count(")")
    while end:
        c = url[end - 1]
        if c == ")" and closed > opened:
            closed -= 1
        elif c not in _TRAILING:
            break
        end -= 1
    return url[:end]


def _flanks(line: str, start: int, end: int, char: str) -> tuple[bool, bool]:
    before = line[start - 1] if start > 0 else " "
    after = line[end] if end < len(line) else " "
    can_open, can_close = not after.isspace(), not before.isspace()
    if char == "_":  # only at a word's edges: snake_case and 2_000 stay
        can_open = can_open and not (before.isalnum() or before == "_")
        can_close = can_close and not (after.isalnum() or after == "_")
    return can_open, can_close


def _tokens(line: str, links: bool) -> list:
    """The line as text, code, link and delimiter-run tokens (a link's label read by ``_line``)."""
    out: list = []
    ticks: dict[int, list[int]] = {}  # a backtick run's length → where such runs start
    for run in re.finditer(r"`+", line):
        ticks.setdefault(len(run.group()), []).append(run.start())
    pos, text_from = 0, 0

    def text(upto: int) -> None:
        if upto > text_from:
            out.append(("text", line[text_from:upto]))

    while pos < len(line):
        m = _TOKEN.search(line, pos)
        if not m:
            break
        kind, start, end = m.lastgroup, m.start(), m.end()
        if m.group("link") is not None:
            kind = "link"
        if kind == "esc":
            text(start)
            out.append(("text", line[start + 1]))
        elif kind == "code":
            n = end - start
            starts = ticks.get(n, [])  # none: a run cut by an escape (\``) has no twin to close it
            k = bisect_right(starts, start)
            if k < len(starts):  # the next run of as many backticks closes it
                close = starts[k]
                body = line[end:close]
                if body.startswith(" ") and body.endswith(" ") and body.strip():
                    body = body[1:-1]
                text(start)
                out.append(("code", body))
                end = close + n
            else:
                text(end)  # no closing run: the backticks are text
        elif kind == "auto" or kind == "link" or kind == "url":
            if kind == "url":
                url = _trim_url(m.group("url"))
                end = start + len(url)
                href, label = link_href(url) if url else None, None
            elif kind == "auto":
                url = m.group()[1:-1]
                href, label = link_href(url), None
            else:
                dest = m.group("dest")
                dest = dest[1:-1] if dest.startswith("<") else _UNESCAPE.sub(r"\1", dest)
                href, label = link_href(dest), m.group("label")
                if not label.strip():
                    label = None  # no text (an image without alt text): its address is the link's text
                url = dest
            if not links or not href:  # inside a link's text, or to no address it may have: as typed
                text(end)
            else:
                text(start)
                out.append(("link", href, _line(label, links=False) if label is not None else [("text", url)]))
        else:  # a run of *, _ or ~
            char = m.group()[0]
            can_open, can_close = _flanks(line, start, end, char)
            if char == "~" and end - start != 2:
                can_open = can_close = False
            text(start)
            out.append(_Delim(char, end - start, can_open, can_close))
        pos = text_from = end
    text(len(line))
    return out


def _pair(tokens: list) -> None:
    """CommonMark's delimiter stack: each closing run, in order, takes the nearest opening run of its
    mark; runs both two marks or longer make bold (``~~`` strikethrough), else italic. Opening runs
    between the two are left as text. One stack per mark, so finding the opener is its top, and each
    run is pushed and popped once (linear time)."""
    stacks: dict[str, list[tuple[int, _Delim]]] = {"*": [], "_": [], "~": []}
    for at, tok in enumerate(tokens):
        if not isinstance(tok, _Delim):
            continue
        own = stacks[tok.char]
        while tok.can_close and tok.count and own:
            where, opener = own[-1]
            if tok.char == "~":
                kind, use = "del", 2
            else:
                use = 2 if opener.count >= 2 and tok.count >= 2 else 1
                kind = "strong" if use == 2 else "em"
            opener.count -= use
            tok.count -= use
            opener.opens.append(kind)
            tok.closes.append(kind)
            if not opener.count:
                own.pop()
            for other in stacks.values():  # runs inside the pair can no longer pair across it
                while other and other[-1][0] > where:
                    other.pop()
        if tok.count and tok.can_open:
            own.append((at, tok))


def _emit(tokens: list) -> list[Event]:
    out: list[Event] = []
    for tok in tokens:
        if isinstance(tok, _Delim):
            out.extend(("close", k) for k in tok.closes)
            if tok.count:
                out.append(("text", tok.char * tok.count))
            out.extend(("open", k) for k in reversed(tok.opens))
        elif tok[0] == "link":
            out.append(("link", tok[1]))
            out.extend(tok[2])
            out.append(("endlink", ""))
        else:
            out.append(tok)
    return out


def _line(line: str, links: bool = True) -> list[Event]:
    if not _SPECIAL.search(line):  # most of an article's lines: no mark at all
        return [("text", line)]
    tokens = _tokens(line, links)
    _pair(tokens)
    return _emit(tokens)


def events(text: str) -> list[Event]:
    """``text``'s inline Markdown as events, line by line (``("text", "\\n")`` between lines); a
    fenced code block's lines are text as typed. Adjacent text events are merged."""
    out: list[Event] = []
    fence = ""
    for k, line in enumerate((text or "").split("\n")):
        if k:
            out.append(("text", "\n"))
        m = _FENCE.match(line)
        if fence or m:
            out.append(("text", line))
            if m and not fence:
                fence = m.group(1)
            elif fence and line.strip().startswith(fence):
                fence = ""
            continue
        out.extend(_line(line))
    merged: list[Event] = []
    run: list[str] = []  # the text events since the last other one
    for ev in out:
        if ev[0] == "text":
            run.append(ev[1])
            continue
        if run and "".join(run):
            merged.append(("text", "".join(run)))
        run.clear()
        merged.append(ev)
    if run and "".join(run):
        merged.append(("text", "".join(run)))
    return merged


def to_html(text: str) -> str:
    """``text`` as HTML: every piece of text escaped, ``<strong>``, ``<em>``, ``<del>``, ``<code>`` and
    ``<a href>`` (an http(s) or mailto address, escaped) around it. The Jinja2 filter ``inline``
    (``Markup``: autoescape leaves it as is)."""
    from markupsafe import Markup, escape

    parts: list[str] = []
    for kind, value in events(text):
        if kind == "text":
            parts.append(str(escape(value)))
        elif kind == "code":
            parts.append(f"<code>{escape(value)}</code>")
        elif kind == "open":
            parts.append(f"<{value}>")
        elif kind == "close":
            parts.append(f"</{value}>")
        elif kind == "link":
            parts.append(f'<a href="{escape(value)}">')
        else:
            parts.append("</a>")
    return Markup("".join(parts))
