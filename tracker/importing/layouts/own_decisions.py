"""A decision page's own decisions, which are no recommendations to another body.

    Issue - decisions
    12/03/2024 - Park lighting review
    1. That the lighting hours in the three parks be extended.
    2. That officers be authorised to agree the new contract.

The heading names the list as decisions, nothing before it speaks of recommending, and most items are the
resolution form "That … be …" (approved, reduced, authorised, brought back): the body deciding for itself.
An item that asks another body ("That the Commissioner be asked to …", "recommends to", "urges", "should")
makes the list a request after all, and it is read as before.
"""

from __future__ import annotations

import re

_ASKS_ANOTHER = re.compile(
    r"\bbe\s+(?:asked|requested|invited|urged|encouraged|recommended)\s+to\b|\brecommends?\b|"
    r"\brecommended\s+(?:to|that)\b|\burg(?:es?|ed)\b|\bcalls?\s+(?:on|upon)\b|\bshould\b|\bmust\b",
    re.I,
)  # an item that asks someone else to act
_DECISIONS = re.compile(r"\bdecisions?\b", re.I)  # "Issue - decisions", "Decision:", "Decisions taken"
_RESOLUTION_FORM = re.compile(r"^that\s+[^.;:]{1,200}?\bbe\s+[a-z]+", re.I)  # "That officers be authorised"


def own_decisions(lead_in: str, items: list[str]) -> bool:
    """Whether a list under a lead-in that names decisions is the body's own decisions: most items (more
    than half) in the resolution form "That … be …", and none asking another body to act."""
    if not _DECISIONS.search(lead_in) or not items:
        return False
    if any(_ASKS_ANOTHER.search(item) for item in items):
        return False
    return sum(1 for item in items if _RESOLUTION_FORM.match(item.strip())) * 2 > len(items)
