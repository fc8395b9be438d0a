"""Every test gets its own collection (SCRAPNOTE_HOME in a temp dir) and a fixed terminal width."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BIN = Path(sys.executable).parent


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    from scrapnote import config

    h = tmp_path / "home"
    monkeypatch.setenv("SCRAPNOTE_HOME", str(h))
    monkeypatch.setenv("SCRAPNOTE_CONFIG", str(tmp_path / "config.toml"))  # never the user's own settings
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    for var in ("VISUAL", "EDITOR"):
        monkeypatch.delenv(var, raising=False)
    config.set_home(None)
    yield h
    config.set_home(None)


class Cli:
    """Runs the real Typer app; returns the click Result (stdout, stderr, exit_code)."""

    def __init__(self):
        self.runner = CliRunner()

    def __call__(self, *args, input=None, env=None):
        from scrapnote.cli import app

        return self.runner.invoke(app, [str(a) for a in args], input=input, env=env, catch_exceptions=False)


@pytest.fixture
def cli():
    return Cli()


def scrapnote_exe() -> str:
    exe = BIN / "scrapnote"
    return str(exe) if exe.exists() else shutil.which("scrapnote")


@pytest.fixture
def write_note(home):
    """Write a note file by hand (as a user or git would)."""

    def write(name: str, text: str) -> Path:
        d = home / "notes"
        d.mkdir(parents=True, exist_ok=True)
        p = d / name
        p.write_text(text, encoding="utf-8")
        return p

    return write


def pytest_collection_modifyitems(config, items):
    """The wheel's fresh venvs (pip installs on every Python found, ~1-2 min) go first: with
    `make test`'s two workers (pytest-xdist) they run beside the rest of the suite instead of
    after it. A stable sort: the order is otherwise the files' own."""
    items.sort(key=lambda item: item.get_closest_marker("wheel") is None)
