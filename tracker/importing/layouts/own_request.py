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

So is a resolution whose lead-in names the meeting's own body and whose items are that body's own acts
("RESOLVED: That the Committee:- (a) notes the report; (b) agrees that a task group be set up"): every item
opens with the body's verb in the present (notes, agrees, thanks, welcomes …), none recommends or asks.
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


# "RESOLVED: That the Committee:-", "That Cabinet:" — the meeting's own body, then the list
_OWN_BODY_LEAD = re.compile(
    r"\bthat\s+(?:the\s+)?(?:[\w&'’-]+\s+){0,6}?(?:committee|panel|board|cabinet|council|executive)\s*[:–—-]+\s*$",
    re.I,
)
# the body's own verb, perhaps after a phrase ("following a request from a Member, agrees that …")
_OWN_ACT = re.compile(
    r"^(?:[^,;]{0,80},\s*)?(?:notes|agrees|thanks|welcomes|receives|endorses|approves|confirms|expresses|acknowledges|"
    r"congratulates|resolves)\b",
    re.I,
)
_ASKS = re.compile(r"\brecommend|\burges?\b|\bcalls?\s+(?:up)?on\b|\basks?\s+the\b|\brequests?\s+the\b", re.I)


def own_body_acts(lead_in: str, items: list[str]) -> bool:
    """Whether a resolution's items are the acts of the meeting's own body, named in its lead-in."""
    if not items or not _OWN_BODY_LEAD.search(lead_in.strip()):
        return False
    return all(_OWN_ACT.match(item.strip()) and not _ASKS.search(item) for item in items)
