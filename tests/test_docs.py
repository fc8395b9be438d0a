"""The docs cannot drift: docs/cli.md and scrapnote/helptext.py are the commands' own --help, and
README names every option."""
from __future__ import annotations

import importlib.util
import re

from conftest import ROOT


def _gen():
    spec = importlib.util.spec_from_file_location("gen_cli", ROOT / "docs" / "gen_cli.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_cli_reference_is_current():
    gen = _gen()
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == gen.render(), \
        "docs/cli.md is stale: run `python docs/gen_cli.py`"


def test_help_table_is_current():
    """The help scrapnote/launch.py prints without loading Typer is Typer's own, byte for byte."""
    gen = _gen()
    assert (ROOT / "scrapnote" / "helptext.py").read_text(encoding="utf-8") == gen.render_helptext(), \
        "scrapnote/helptext.py is stale: run `python docs/gen_cli.py`"


def test_readme_names_every_command_and_option():
    gen = _gen()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = []
    for name in gen.commands():
        if f"scrapnote {name}" not in readme:
            missing.append(f"command {name}")
        for opt in re.findall(r"^\s+(--[a-z][a-z-]*)", gen.help_text([name]), flags=re.M):
            if opt != "--help" and opt not in readme:
                missing.append(f"{name} {opt}")
    for opt in re.findall(r"^\s+(--[a-z][a-z-]*)", gen.help_text([]), flags=re.M):
        if opt != "--help" and opt not in readme:
            missing.append(opt)
    assert not missing, f"README does not mention: {missing}"
