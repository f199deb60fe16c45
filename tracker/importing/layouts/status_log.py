"""A log of dated status entries kept under a recommendation, as a tracker or an inspectorate's register
keeps it:

    Recommendation 4
    The force should publish its custody figures each quarter.
    Update March 2024: the first figures are being checked.
    12/06/2024 – Published on the website.
    [on]4th September 2014
    The status of this recommendation is being reviewed.

A line that opens with a date stamp ("Update March 2024:", "Progress at 1 May 2024 –", "12/06/2024 –", a
date alone after "[on]", or a bullet that opens "- June 2024:") is an entry of the log: it belongs to the
recommendation above it as its progress, never to its text and never a new item. The audit reads the
entries as the answer. Where the recommendation has no number or heading (an inspectorate's register
gives one recommendation, then its log), a paragraph that asks ("should", "must", "recommend") followed
straight away by a log is the recommendation, numbered by the app.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.dates import find_dates
from tracker.importing.layouts import Found, LineLike, app_numbered

# what may come before the date: a list marker, a register's "[on]" tag, "Update", "Progress as at", …
_STAMP_WORDS = re.compile(
    r"^(?:[-•*▪◦●·–]\s+)?(?:\[\w+\]\s*)?(?:(?:update[ds]?|progress|status|position|comment)"
    r"(?:\s+(?:as\s+)?(?:at|on|of|in))?\s*[-–—:(]?\s*)?",
    re.I,
)
# a cheap look at the line before any date is sought: most lines open with neither a digit nor these words
_MAY_OPEN_A_STAMP = re.compile(
    r"^(?:[-•*▪◦●·–]\s+)?(?:\[\w+\]|\d|update|progress|status|position|comment|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.I,
)
_AFTER_DATE = re.compile(r"^\s*(?:update[ds]?|progress)?\s*(?:[-–—:)]|$)", re.I)


def is_log_entry(text: str) -> bool:
    """Whether a line (without markup) opens with a status log's date stamp."""
    if not _MAY_OPEN_A_STAMP.match(text):
        return False
    words = _STAMP_WORDS.match(text)
    prefix = words.group(0) if words else ""
    rest = text[len(prefix) :]
    found = find_dates(rest[:40])
    if not found or found[0].start != 0:
        return False
    after = rest[found[0].end :]
    if not after.strip():  # a date alone: an entry only when a tag or a word says so ("[on]", "Update")
        return bool(prefix.strip(" -•*▪◦●·–"))
    return _AFTER_DATE.match(after) is not None and bool(after.strip(" -–—:)"))


_ASKS = re.compile(r"\b(?:should|must|recommend\w*)\b", re.I)


def logged_recommendations(lines: Sequence[LineLike]) -> list[Found]:
    """Each paragraph that asks and is followed (blank lines aside) by a status log, numbered by the app."""
    items: list[tuple[int, int, str]] = []
    paragraph: list[LineLike] = []
    for line in lines:
        if line.kind == "log":
            text = " ".join(part.text for part in paragraph)
            if paragraph and _ASKS.search(text):
                items.append((paragraph[0].start, paragraph[-1].end, text))
            paragraph = []
        elif line.kind == "text":
            paragraph = paragraph if paragraph and paragraph[-1].end + 1 == line.start else []
            paragraph.append(line)
        elif line.kind != "blank":
            paragraph = []
    return app_numbered(items)
