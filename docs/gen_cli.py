#!/usr/bin/env python3
"""Write docs/cli.md from the commands' own --help (run: python docs/gen_cli.py).

tests/test_docs.py fails when docs/cli.md is out of date, so the reference never drifts."""
from __future__ import annotations

import os
import sys
from pathlib import Path

DOC = Path(__file__).resolve().parent / "cli.md"


def commands() -> list[str]:
    from scrapnote.cli import app
    from typer.main import get_command

    return list(get_command(app).commands)


def help_text(args: list[str]) -> str:
    from typer.testing import CliRunner

    from scrapnote.cli import app

    r = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"})
    return r.stdout.rstrip() + "\n"


def render() -> str:
    parts = ["# Command reference\n\n",
             "Generated from `--help` by `docs/gen_cli.py`; do not edit by hand.\n\n",
             "## scrapnote\n\n```\n", help_text([]), "```\n"]
    for name in commands():
        parts += [f"\n## scrapnote {name}\n\n```\n", help_text([name]), "```\n"]
    return "".join(parts)


if __name__ == "__main__":
    os.environ["COLUMNS"] = "100"
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC}", file=sys.stderr)
