"""A resolution that approves a range of recommendations and then restates them under their own headings:

    (1) That Recommendations 1 to 3 of the Youth Safety Task Group be approved:-
    Recommendation 1
    (a) That the partnership set up a youth panel.
    Recommendation 2
    …

The resolution is the one answer to every number in its range; the "Recommendation N" headings after it,
each inside the range, restate what was approved and answer nothing themselves. A range that does not
lead into the headings (a motion quoted in a sentence, "That recommendations 1 to 4 be approved and …") is
left to the other readings, and so is a heading outside the range.

A decision notice's own numbered decisions, one of which approves the range without restating it:

    1. That the recommendations (1 to 6) as set out in the task group's report are approved.
    2. That a task group be set up to see them carried out.

The first is the one answer to 1–6; the other decisions are the body's own arrangements and answer nothing
(read by `range_among_decisions`), except one that names recommendations of its own ("3. That
recommendation 7 is rejected"), which answers those.
"""

from __future__ import annotations

import re

# the resolution's own line, ending where it leads into the list: "… be approved:-", "… be agreed as follows:"
_APPROVES_RANGE = re.compile(
    r"\brecommendations\s+(\d{1,3})\s*(?:to|-|–)\s*(\d{1,3})\b[^\n.]{0,160}?"
    r"\bbe\s+(?:approved|agreed|accepted|endorsed|adopted|supported)\b[^\n.:]{0,40}?[:–—-]+[ \t]*$",
    re.I | re.M,
)


def approved_range(text: str, headings: list[tuple[int, list[str]]]) -> tuple[int, int, list[str]] | None:
    """(start, end, numbers) of a resolution approving a range of recommendations when every one of the
    reply's headings (start, numbers) comes after it and restates a number inside that range."""
    if not headings:
        return None
    for m in _APPROVES_RANGE.finditer(text):
        low, high = int(m.group(1)), int(m.group(2))
        if not 1 <= low < high <= low + 50:
            continue
        inside = all(
            start > m.end() and all(n.isdigit() and low <= int(n) <= high for n in numbers)
            for start, numbers in headings
        )
        if inside:
            line_start = text.rfind("\n", 0, m.start()) + 1
            return line_start, m.end(), [str(n) for n in range(low, high + 1)]
    return None


# "That the recommendations (1 to 6) as set out … are approved": the range in brackets or not, "are" or "be"
_RANGE_DECIDED = re.compile(
    r"^\s*that\s+(?:the\s+)?recommendations\s+\(?(\d{1,3})\s*(?:to|-|–)\s*(\d{1,3})\)?[^\n]{0,200}?"
    r"\b(?:be|are|is)\s+(?:approved|agreed|accepted|endorsed|adopted|supported)\b",
    re.I,
)
_OPENS_THAT = re.compile(r"^\s*that\b", re.I)


def range_among_decisions(items: list[tuple[int, int, str]]) -> tuple[int, int, list[str]] | None:
    """(start, end, numbers) of the decision approving a range of recommendations, when every item
    (start, end, text) of the numbered list is a decision opening "That …": the list numbers decisions,
    not the recommendations it answers."""
    if len(items) < 1 or not all(_OPENS_THAT.match(text) for _, _, text in items):
        return None
    for start, end, text in items:
        if m := _RANGE_DECIDED.match(text):
            low, high = int(m.group(1)), int(m.group(2))
            if 1 <= low < high <= low + 50:
                return start, end, [str(n) for n in range(low, high + 1)]
    return None
