"""A line of a table of contents, which names a section and its page and is no recommendation:

    Recommendations ........ 4
    Recommendation 3 ……… 12
    Recommendations                   4

A short line that ends in leader dots (or a run of spaces or a tab) and a page number, or the plural
"Recommendations" followed by nothing but a number, is a contents line: "Recommendations 4" names the
section on page 4, where a heading would say "Recommendation 4" and go on to its text.
"""

from __future__ import annotations

import re

# leader dots ("....", "……", ". . ."), or the wide gap a tab or a right-aligned page number leaves
_LEADER_AND_PAGE = re.compile(r"\S\s*(?:\.{3,}|…+|(?:\.\s){3,}|\t+|\s{4,})\s*\.?\s*\d{1,3}\s*$")
_PLURAL_AND_PAGE = re.compile(r"^\W*recommendations\s+\d{1,3}\s*$", re.I)


def is_contents_line(raw: str, text: str) -> bool:
    """Whether a line (as written, and without its markup) is an entry of a table of contents."""
    return _PLURAL_AND_PAGE.match(text) is not None or (
        len([w for w in text.split() if w.strip(".…")]) <= 14
        and _LEADER_AND_PAGE.search(raw.rstrip()) is not None
    )
