"""Answers under a heading that names a group of findings by its subject and how many there are:

    2.2 Vetting AFIs (3)
    2.3 The vetting unit has cleared its backlog and now reviews every file within a month.

The paragraphs under the heading, up to the next heading, answer that group together; they name no number,
so the officer ties them. The audit reads them beside a blanket answer ("We have accepted all the AFIs"),
as a response that accepts everything and then goes through the groups gives them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.layouts import LineLike

# "2.2 Vetting AFIs (3)", "Standards recommendations (4)": a short heading ending with the count
_COUNTED_HEADING = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?[A-Z][\w'’&,-]*(?:\s+[\w'’&,-]+){0,5}?\s+"
    r"(?:AFIs|areas\s+for\s+improvement|recommendations)\s*\(\d{1,2}\)\s*$",
    re.I,
)


def counted_headings(lines: Sequence[LineLike]) -> list[tuple[int, int]]:
    """(start, end) of the text under each counted heading, up to the next heading or numbered item (one
    pass over the lines)."""
    spans: list[tuple[int, int]] = []
    body: list[LineLike] | None = None  # the text under the heading being read, if any
    for line in lines:
        heading = len(line.text) <= 80 and _COUNTED_HEADING.match(line.text.strip()) is not None
        if heading or line.kind in ("section", "numbered", "rec", "r"):
            if body:
                spans.append((body[0].start, body[-1].end))
            body = [] if heading else None
        elif body is not None and line.kind == "text" and line.text:
            body.append(line)
    if body:
        spans.append((body[0].start, body[-1].end))
    return spans
