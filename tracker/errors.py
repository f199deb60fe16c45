"""Errors that carry a message meant for the user.

`BadInput` is raised anywhere in the core when something the user gave cannot be accepted. Its message
names the field, quotes the value and says what is wrong, so the CLI prints it as one line and exits 2,
and the desktop app shows it in a dialog. Raising it before any write keeps the store untouched.
"""

from __future__ import annotations


class TrackerError(Exception):
    """Base class for errors the user should see as a message, not a traceback."""


class BadInput(TrackerError):
    def __init__(self, field: str, value: object, problem: str) -> None:
        self.field = field
        self.value = value
        self.problem = problem
        super().__init__(self.message)

    @property
    def message(self) -> str:
        if self.value is None or self.value == "":  # nothing was given: "--yes is needed to remove …"
            return f"{self.field} {self.problem}"
        shown = value_for_message(self.value)
        return f"{self.field}: {shown} {self.problem}"


class NotFound(BadInput):
    """An id the user named (cycle, stage, template, recommendation) does not exist."""


class Conflict(TrackerError):
    """Someone else changed the row since it was read: the change was not made, nothing was overwritten."""


def value_for_message(value: object, limit: int = 80) -> str:
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)
