"""A meeting's lettered resolution that approves the scrutiny body's numbered recommendations one by one,
restating each after a comma:

    RESOLVED:
    (a) that approval be given to Recommendation 1, that the Council publish a quarterly newsletter;
    (b) that Recommendation 3 be approved, namely that the force attend each ward meeting.

Each item is the recommendation it names, with the document's own number ("1", "3") and the restated text
("That the Council publish a quarterly newsletter"). The list is renumbered only when every item names a
number and restates it; otherwise it is left as the reader found it.
"""

from __future__ import annotations

import re

from tracker.importing.layouts import LETTERED_LIST, Found

_APPROVED = re.compile(
    r"^that\s+(?:"
    r"(?:approval|agreement|support)\s+be\s+given\s+to\s+recommendation\s+(?P<n1>\d{1,3})"
    r"|recommendation\s+(?P<n2>\d{1,3})\s+be\s+(?:approved|agreed|accepted|endorsed|supported|adopted)"
    r")\s*(?:\([^()]{0,60}\)\s*)?,\s*(?:namely\s+)?(?:that\s+)?(?P<text>\S.*)$",
    re.I | re.S,
)


def approved_numbers(found: list[Found]) -> list[Found]:
    """The items as the numbered recommendations they approve and restate, or the items unchanged."""
    matches = [_APPROVED.match(item.text) for item in found]
    if len(found) < 1 or any(m is None for m in matches):
        return found
    numbers = [m.group("n1") or m.group("n2") for m in matches]  # type: ignore[union-attr]
    if len(set(numbers)) != len(numbers):
        return found
    return [
        Found(
            number,
            f"Recommendation {number}",
            item.start,
            item.end,
            _capital_that(m.group("text")),  # type: ignore[union-attr]
            item.subpoints,
            tuple(flag for flag in item.flags if flag != LETTERED_LIST),
        )
        for number, item, m in zip(numbers, found, matches, strict=True)
    ]


def _capital_that(text: str) -> str:
    return "That " + text.strip()
