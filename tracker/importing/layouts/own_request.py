"""A committee paper's request of its own committee, which is no recommendation to the policing body.

    The Committee is recommended to:
    (a) note the report;
    (b) agree the work programme.

The lead-in asks the committee (panel, board, cabinet) itself to act and ends at "to", so the list under it
is what the paper asks of its own members. "The Panel is asked to recommend to the Commissioner that:" does
not end at "to": the list under it is recommendations.
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
