"""``scrapnote config path|show|set|edit``: the settings file (``scrapnote/settings.py``)."""
from __future__ import annotations

from pathlib import Path

from scrapnote import settings


def config_path() -> Path:
    return settings.path()


def config_show() -> list[tuple[str, object, bool, str]]:
    """Every key, the value in effect, whether the file sets it (else it is the default), and a
    note when the value in effect is not plain: a default that is no value (the built-in
    layout), or an environment variable that wins over the file ($VISUAL, $EDITOR, NO_COLOR)."""
    out = []
    for key, value, from_file in settings.effective():
        value, note = _in_effect(key, value, from_file)
        out.append((key, value, from_file, note))
    return out


def _in_effect(key: str, value, from_file: bool) -> tuple[object, str]:
    import os

    if key == "template" and not value:
        from scrapnote.template import DEFAULT

        return DEFAULT, ""
    if key == "export-layout" and not value:
        return "", "the built-in layout of each format"
    if key == "member" and os.environ.get("SCRAPNOTE_MEMBER"):
        return value or "", f"groups use $SCRAPNOTE_MEMBER ({os.environ['SCRAPNOTE_MEMBER']})"
    if key == "member" and not value:
        return "", "not set; groups use $SCRAPNOTE_MEMBER, else git config user.name"
    if key == "editor":
        for var in ("VISUAL", "EDITOR"):
            if os.environ.get(var, "").strip():
                return value or "", f"not used: ${var} wins ({os.environ[var].strip()})"
        if not value:
            import shutil

            found = next((f for f in (("notepad",) if os.name == "nt" else ("nano", "vi")) if shutil.which(f)), None)
            return (found or ""), ("the first of nano, vi found" if found else "none found: set $EDITOR or this key")
    if key == "color" and value == "auto" and "NO_COLOR" in os.environ:
        return value, "NO_COLOR is set: no colours"
    return value, ""


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
    try:
        cmd = editor_command()
    except ScrapnoteError:
        if not _broken():
            raise
        cmd = editor_command(use_settings=False)  # the file to fix is the one that is broken
    try:
        rc = subprocess.call([*cmd, str(file)])
    except OSError as e:
        raise ScrapnoteError(f"cannot start editor '{cmd[0]}': {e.strerror or e}")
    if rc != 0:
        raise ScrapnoteError(f"editor exited with status {rc}")
    settings.load()  # raises on an unknown key or a bad value
    return file


def _broken() -> bool:
    """Whether the settings file itself is what cannot be read."""
    from scrapnote.errors import ScrapnoteError

    try:
        settings.load()
    except ScrapnoteError:
        return True
    return False


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
