#!/usr/bin/env python3
"""Write docs/cli.md and scrapnote/helptext.py from the commands' own --help (run: python docs/gen_cli.py).

tests/test_docs.py fails when either is out of date, so the reference never drifts and the help
scrapnote/launch.py prints without loading Typer is Typer's own."""
from __future__ import annotations

import os
import sys
import zlib
from pathlib import Path

DOC = Path(__file__).resolve().parent / "cli.md"
HELPTEXT = Path(__file__).resolve().parent.parent / "scrapnote" / "helptext.py"
CLI = HELPTEXT.with_name("cli.py")


def commands() -> list[str]:
    from scrapnote.cli import app
    from typer.main import get_command

    return list(get_command(app).commands)


def typer_help(args: list[str]) -> str:
    """What ``scrapnote ARGS --help`` prints, exactly: Typer's own help, laid out as on a terminal
    of 80 columns or more or into a pipe (78 wide; typer.testing's CliRunner forces 80)."""
    import contextlib
    import io

    from typer.main import get_command

    from scrapnote.cli import app

    out, old = io.StringIO(), os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"
    try:
        with contextlib.redirect_stdout(out):
            code = get_command(app).main([*args, "--help"], prog_name="scrapnote", standalone_mode=False)
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old
    assert code == 0, out.getvalue()
    return out.getvalue()


def help_text(args: list[str]) -> str:
    return typer_help(args).rstrip() + "\n"


def render() -> str:
    parts = ["# Command reference\n\n",
             "Generated from `--help` by `docs/gen_cli.py`; do not edit by hand.\n\n",
             "## scrapnote\n\n```\n", help_text([]), "```\n"]
    for name in commands():
        parts += [f"\n## scrapnote {name}\n\n```\n", help_text([name]), "```\n"]
    return "".join(parts)


def render_helptext() -> str:
    out = ['"""The commands\' help as Typer prints it 78 columns wide, for scrapnote/launch.py.\n\n',
           "Written by docs/gen_cli.py from the commands themselves; do not edit by hand\n",
           '(tests/test_docs.py fails when it is stale)."""\n\n',
           "# cli.py as it was when this was written (zlib.crc32 of its bytes): launch.py hands a\n",
           "# cli.py changed since then to Typer, so a stale table is never printed\n",
           f"CLI_CRC = {zlib.crc32(CLI.read_bytes())}\n\n",
           "HELP: dict[str, str] = {\n"]
    for name in ["", *commands()]:
        out.append(f"    {name!r}: (\n")
        out += [f"        {line!r}\n" for line in typer_help([name] if name else []).splitlines(keepends=True)]
        out.append("    ),\n")
    out.append("}\n")
    return "".join(out)


if __name__ == "__main__":
    os.environ["COLUMNS"] = "100"
    DOC.write_text(render(), encoding="utf-8")
    HELPTEXT.write_text(render_helptext(), encoding="utf-8")
    print(f"wrote {DOC} and {HELPTEXT}", file=sys.stderr)
