"""An item number followed by a wide gap instead of a full stop, as a word processor's numbered list leaves it
when copied as text (a tab, or a run of spaces where the tab stood):

    The following priorities were agreed by Members:-
    1             Ward forums be consulted on funding a radio scheme for taxi drivers;
    2             The licensing team report on late night levies.

The number is the item's number, as "1." would be. A gap of one or two spaces is not enough ("1 April",
"10 Downing Street"), and the text after the gap must open with a capital letter or a quotation mark. Short
lines are still read as section headings ("1      Purpose of the report"), as "1. Purpose" would be.
"""

from __future__ import annotations

import re

_GAP_NUMBER = re.compile(r"(\d{1,3})(?:\t|[ \u00a0]{3,})(?=[A-Z(‘'\"“])")


def gap_number(line: str) -> str | None:
    """The item number before a wide gap at the start of the line as written (its spaces kept), or None."""
    m = _GAP_NUMBER.match(line.lstrip())
    return m.group(1) if m else None
