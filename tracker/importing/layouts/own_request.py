"""A committee paper's request of its own committee, which is no recommendation to the policing body.

    The Committee is recommended to:
    (a) note the report;
    (b) agree the work programme.

The lead-in asks the committee (panel, board, cabinet) itself to act and ends at "to", so the list under it
is what the paper asks of its own members. "The Panel is asked to recommend to the Commissioner that:" does
not end at "to": the list under it is recommendations.

A list whose items ask the meeting itself to receive a paper or agree something ("That 1. the annual report be
received; and 2. members agree that the board continues for three years") is the same request, made item by
item.
"""

from __future__ import annotations

import re

_OWN_REQUEST = re.compile(
    r"\b(?:committee|panel|board|cabinet|sub-committee|council)\s+(?:is|are)\s+"
    r"(?:(?:therefore|now)\s+)?(?:recommended|asked|invited|requested)\s+to\s*[:–—-]?\s*$",
    re.I,
)


def is_own_request(lead_in: str) -> bool:
    """Whether a list's lead-in asks the paper's own committee to act ("The Committee is recommended to:")."""
    return _OWN_REQUEST.search(lead_in.strip()) is not None


# "the annual report be received", "the update be noted", "members agree that …", "Members note the report"
_OWN_MEETING_ITEM = re.compile(
    r"^(?:that\s+)?(?:(?:the\s+)?(?:[\w'’-]+\s+){0,6}?(?:report|update|minutes|paper)s?\s+be\s+"
    r"(?:received|noted|approved|endorsed|agreed)\b|members\s+(?:agree|note|receive|approve|endorse|"
    r"consider|are\s+asked)\b)",
    re.I,
)


def asks_own_meeting(items: list[str]) -> bool:
    """Whether most items (more than half) ask the paper's own meeting to receive, note or agree."""
    return sum(1 for item in items if _OWN_MEETING_ITEM.match(item.strip())) * 2 > len(items)
