"""Where the collection lives: --home > $SCRAPNOTE_HOME > the platform's user data dir."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from datetime import UTC

APP_NAME = "scrapnote"
_home_override: Path | None = None
_state_override: Path | None = None

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
    if _state_override is not None:
        return _state_override
    return home() / ".scrapnote"


@contextmanager
def scoped(folder: Path, state: Path) -> Iterator[None]:
    """Act on another collection for a while (a study group member's published notes): its notes
    in ``folder/notes``, its index and lock in ``state`` (outside that folder)."""
    global _home_override, _state_override
    old = _home_override, _state_override
    _home_override, _state_override = folder, state
    try:
        yield
    finally:
        _home_override, _state_override = old


def user_templates_dir() -> Path:
    return home() / "templates"


def now():
    """The time now, timezone-aware (UTC). ``$SCRAPNOTE_NOW`` (an ISO date or date-time) sets it, so
    that a review schedule or a habit calendar can be looked at as of another day (and tested)."""
    from datetime import datetime

    fixed = os.environ.get("SCRAPNOTE_NOW")
    if fixed:
        try:
            t = datetime.fromisoformat(fixed)
        except ValueError:
            from scrapnote.errors import ScrapnoteError

            raise ScrapnoteError(f"SCRAPNOTE_NOW={fixed!r} is not an ISO date or date-time")
        return (t if t.tzinfo else t.astimezone()).astimezone(UTC)
    return datetime.now(UTC)


def config_file() -> Path:
    """The settings file: $SCRAPNOTE_CONFIG, else config.toml in the platform's user config folder
    (~/.config/scrapnote on Linux, ~/Library/Application Support/scrapnote on macOS,
    %APPDATA%\\scrapnote on Windows)."""
    env = os.environ.get("SCRAPNOTE_CONFIG")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False, roaming=True)) / "config.toml"
