"""One error base for everything a user can cause; cli.py turns it into `error: …` and exit 1."""
from __future__ import annotations


class ScrapnoteError(Exception):
    """A user-facing failure: one line of message, an exit code."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class InputError(ScrapnoteError):
    """An article that cannot be read: empty, binary, too large, undecodable, unreachable."""


class NotFoundError(ScrapnoteError):
    """An id, template or file that does not exist."""


class BrokenNoteError(ScrapnoteError):
    """A note file on disk that cannot be parsed (named, with the reason)."""

    def __init__(self, path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class TemplateError(ScrapnoteError):
    """A form or export layout that is invalid."""
