"""Where the collection lives: --home > $SCRAPNOTE_HOME > the platform's user data dir."""
from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "scrapnote"
_home_override: Path | None = None

MAX_BYTES_DEFAULT = 5 * 1024 * 1024  # an article larger than 5 MB is refused


def set_home(path: str | os.PathLike | None) -> None:
    """Called by the CLI for a global ``--home``."""
    global _home_override
    _home_override = Path(path).expanduser() if path else None


def home() -> Path:
    """The collection folder. Not created here: the store creates it on first write."""
    if _home_override is not None:
        return _home_override
    env = os.environ.get("SCRAPNOTE_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def notes_dir() -> Path:
    return home() / "notes"


def trash_dir() -> Path:
    return home() / ".trash"


def state_dir() -> Path:
    """Tool state that can always be rebuilt or is tiny: lock, id counter, index cache."""
    return home() / ".scrapnote"


def user_templates_dir() -> Path:
    return home() / "templates"
