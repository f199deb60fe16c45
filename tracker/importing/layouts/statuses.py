"""The words of a status column, or of an answer that is only a status, as dispositions.

A reply's table gives each recommendation a status ("Agreed", "Not agreed", "Ongoing", "Complete"); an answer
may open with one ("Not agreed. The budget does not allow it."). Work under way or done means the
recommendation was taken up ("accepted"); "acknowledged" and "noted" say no more than that it was read.
"""

from __future__ import annotations

import re

STATUS_DISPOSITIONS = {
    "accepted": "accepted",
    "agreed": "accepted",
    "accept": "accepted",
    "yes": "accepted",
    "derbyn": "accepted",
    "supported": "accepted",
    "implemented": "accepted",
    "complete": "accepted",
    "completed": "accepted",
    "done": "accepted",
    "achieved": "accepted",
    "ongoing": "accepted",
    "in progress": "accepted",
    "on track": "accepted",
    "underway": "accepted",
    "under way": "accepted",
    "partially accepted": "partially accepted",
    "partly accepted": "partially accepted",
    "accepted in part": "partially accepted",
    "agreed in principle": "partially accepted",
    "accepted in principle": "partially accepted",
    "partially agreed": "partially accepted",
    "partly agreed": "partially accepted",
    "in part": "partially accepted",
    "not accepted": "not accepted",
    "rejected": "not accepted",
    "declined": "not accepted",
    "not agreed": "not accepted",
    "not supported": "not accepted",
    "no": "not accepted",
    "noted": "noted",
    "acknowledged": "noted",
    "under consideration": "noted",
    "being considered": "noted",
}
# a status opening an answer, as its own sentence or before a colon or dash ("Agreed: the figures are online")
_STATUS_WORDS = "|".join(
    sorted((re.escape(k) for k in STATUS_DISPOSITIONS if " " in k or len(k) > 3), key=len, reverse=True)
)
_OPENING = re.compile(rf"^\W{{0,3}}({_STATUS_WORDS})\s*(?:[.:;!–—-]|$)", re.I)
# a line of a text that opens with a status, after a list marker or item number if any
_LINE_OPENING = re.compile(
    rf"^[^\w\n]{{0,3}}(?:(?:\d{{1,3}}|[a-z])[.)][ \t]+)?[^\w\n]{{0,3}}(?:{_STATUS_WORDS})[ \t]*(?:[.:;!–—-]|$)",
    re.I | re.M,
)


def has_status_line(text: str) -> bool:
    """Whether any line of the text opens with a status ("Agreed.", "- Not accepted:"), in one pass."""
    return _LINE_OPENING.search(text) is not None


def status_disposition(cell: str) -> str | None:
    """The disposition a status cell stands for, or None when it is no status the reader knows."""
    key = " ".join(cell.lower().strip(" .*").split())
    return STATUS_DISPOSITIONS.get(key)


def opening_status(answer: str) -> tuple[str, str] | None:
    """(disposition, the status) when an answer opens with a status of its own, else None."""
    m = _OPENING.match(answer)
    if m is None:
        return None
    return STATUS_DISPOSITIONS[m.group(1).lower()], m.group(1)
