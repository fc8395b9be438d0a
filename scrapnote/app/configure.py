"""``scrapnote config path|show|set|edit``: the settings file (``scrapnote/settings.py``)."""
from __future__ import annotations

from pathlib import Path

from scrapnote import settings


def config_path() -> Path:
    return settings.path()


def config_show() -> list[tuple[str, object, bool]]:
    """Every key, its value and whether the file sets it (else it is the default)."""
    return settings.effective()


def config_set(key: str, value: str) -> Path:
    return settings.set_value(key, value)


def config_edit() -> Path:
    """Open the settings file in the user's editor (created with a commented list of the keys when
    missing), then check it: a mistake is one error line naming the file and the key."""
    import subprocess

    from scrapnote import store
    from scrapnote.app.edit import editor_command
    from scrapnote.errors import ScrapnoteError

    file = settings.path()
    if not file.exists():
        store.atomic_write(file, skeleton().encode("utf-8"), overwrite=False)
    cmd = editor_command()
    try:
        rc = subprocess.call([*cmd, str(file)])
    except OSError as e:
        raise ScrapnoteError(f"cannot start editor '{cmd[0]}': {e.strerror or e}")
    if rc != 0:
        raise ScrapnoteError(f"editor exited with status {rc}")
    settings.load()  # raises on an unknown key or a bad value
    return file


def skeleton() -> str:
    """A new settings file: every key commented out at its default, with what it does."""
    lines = ["# scrapnote settings (TOML). Uncomment a line to change it; README.md explains every key.", ""]
    for key in settings.KEYS.values():
        lines.append(f"# {key.help}")
        default = key.default
        shown = settings.toml_value(default) if default is not None else '""'
        lines.append(f"# {key.name} = {shown}")
        lines.append("")
    return "\n".join(lines)


def run(action: str, key: str | None, value: str | None):
    """``scrapnote config ACTION``: what render.config_result shows."""
    if action == "path":
        return config_path()
    if action == "show":
        return config_show()
    if action == "set":
        assert key is not None and value is not None  # cli.py checks the arguments
        return key, value, config_set(key, value)
    return config_edit()
