"""Showing a store's URL to the user without its password."""

from __future__ import annotations

import re

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

_MASK = "***"
# Fallback for text SQLAlchemy cannot parse: whatever sits between "://" and the last "@" before the path.
_CREDENTIALS = re.compile(r"://[^/?#]*@")


def display_url(url: str) -> str:
    """The URL as it may be printed or shown: any password, in the user part or as a `password` query
    parameter, replaced by ***. Text that is not a parseable URL has its credentials part masked."""
    text = str(url)
    try:
        parsed = make_url(text)
    except (ArgumentError, ValueError, TypeError):
        return _mask_credentials(text)
    if parsed.host and "@" in parsed.host:  # e.g. an unescaped "@" in the password: do not guess
        return _mask_credentials(text)
    if any(key.lower() == "password" for key in parsed.query):
        parsed = parsed.set(
            query={
                key: (_MASK if key.lower() == "password" else value) for key, value in parsed.query.items()
            }
        )
    # The query's *** comes back percent-encoded; show it as typed.
    return parsed.render_as_string(hide_password=True).replace("=%2A%2A%2A", f"={_MASK}")


def _mask_credentials(text: str) -> str:
    masked = _CREDENTIALS.sub(f"://{_MASK}@", text, count=1)
    if "://" not in text and "@" in text:  # no scheme at all: hide everything before the last "@"
        masked = _MASK + text[text.rindex("@") :]
    return masked


# "scheme://user:password@" anywhere in a text: the password part, up to the last "@" before a space
_IN_TEXT = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://[^\s:/@]*:)\S+@")


def mask_passwords(text: str) -> str:
    """Any text (a log line, a traceback) with the password of every URL in it replaced by ***."""
    return _IN_TEXT.sub(rf"\1{_MASK}@", text)
