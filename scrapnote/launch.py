"""The program's entry point (``scrapnote``, ``python -m scrapnote``): the help and the version
without loading the command line; everything else goes to cli.py (Typer).

``scrapnote``, ``scrapnote -h/--help``, ``scrapnote COMMAND -h/--help`` and ``scrapnote --version``
are answered from ``helptext.HELP`` — the commands' own help as Typer prints it, written by
``docs/gen_cli.py`` and checked against Typer by tests/test_docs.py and tests/test_launch.py — in
~20 ms instead of the ~60 ms it takes to import Typer and build the commands. The table holds the
help laid out 78 columns wide, which is what Typer (click) prints whenever the terminal is 80
columns or wider, or the output is not a terminal (click wraps at min(columns, 80) − 2); for a
narrower terminal, for any other arguments, and when cli.py is not the one the table was written
from (its checksum), Typer answers. Standard library only.
"""
from __future__ import annotations

import os
import sys

_HELP_FLAGS = ("-h", "--help")


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` (which click asks) gives it, without
    importing shutil: $COLUMNS when positive, else the terminal's, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):  # no stdout, closed, detached, not a terminal
            columns = 80
    return columns


def _cli_crc() -> int | None:
    import zlib

    try:
        with open(os.path.join(os.path.dirname(__file__), "cli.py"), "rb") as f:
            return zlib.crc32(f.read())
    except OSError:
        return None


def answer(args: list[str]) -> tuple[str, int] | None:
    """What to print for ``args`` and the exit code (2: printed on stderr, as Typer prints the help
    for no arguments), or None when Typer has to answer."""
    if "_SCRAPNOTE_COMPLETE" in os.environ:  # the shell asks for completions: Typer's to answer
        return None
    if args == ["--version"]:
        from scrapnote import __version__

        return f"scrapnote {__version__}\n", 0
    if len(args) > 2 or (args and args[-1] not in _HELP_FLAGS) or max(min(_columns(), 80) - 2, 50) != 78:
        return None
    from scrapnote.helptext import CLI_CRC, HELP

    if _cli_crc() != CLI_CRC:
        return None  # cli.py changed after the table was written (docs/gen_cli.py not run): Typer knows
    if not args:
        return HELP[""], 2
    if len(args) == 1:
        return HELP[""], 0
    if args[0] in HELP and args[0]:
        return HELP[args[0]], 0
    return None


def main() -> None:
    from scrapnote import consoles

    consoles.fit_streams()  # a CP949 or ASCII console: plain symbols, never UnicodeEncodeError
    known = answer(sys.argv[1:])
    if known is None:
        from scrapnote.cli import main as run

        run()
        return
    text, code = known
    out = sys.stderr if code else sys.stdout
    if out is None:  # started with the stream closed: nothing to write to (click's echo does the same)
        sys.exit(code)
    try:
        out.write(text)
        out.flush()
    except OSError as e:  # a closed pipe says nothing; a full disk or a bad descriptor one line
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())  # no second error at exit
        if not isinstance(e, BrokenPipeError):
            from scrapnote import render

            render.error_line((e.strerror or str(e)).lower())
        code = 1
    sys.exit(code)
