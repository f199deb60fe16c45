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

_PAGE_AT_END = re.compile(r"\d{1,3}$")
# leader dots before the page: "....", "……", ". . ." (looked for only at the end of what precedes the page)
_DOTS_AT_END = re.compile(r"(?:\.{3,}|…+|(?:\.\s){2,}\.)$")
_PLURAL_AND_PAGE = re.compile(r"^\W*recommendations\s+\d{1,3}\s*$", re.I)


def is_contents_line(raw: str, text: str) -> bool:
    """Whether a line (as written, and without its markup) is an entry of a table of contents."""
    return _PLURAL_AND_PAGE.match(text) is not None or (
        len([w for w in text.split() if w.strip(".…")]) <= 14 and _leader_and_page(raw.rstrip())
    )


def _leader_and_page(line: str) -> bool:
    """A page number at the end, after leader dots or the wide gap a tab or right-aligned number leaves.
    Worked out piece by piece, not by one pattern: runs of spaces in a letter's header made one slow."""
    page = _PAGE_AT_END.search(line)
    if page is None:
        return False
    head = line[: page.start()]
    before = head.rstrip()
    if before.endswith(".") and not before.endswith(".."):  # "…… .12": a stray dot before the page
        before = before[:-1].rstrip()
    if not before:
        return False
    gap = head[len(head.rstrip()) :]
    return "\t" in gap or len(gap) >= 4 or _DOTS_AT_END.search(before[-40:]) is not None
