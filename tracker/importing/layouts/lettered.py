"""Lettered lists: items (a), (b), (c) … in sequence, with roman (i), (ii) sub-points under them.

    Preliminary recommendations:
    a) The force should publish its figures every quarter.
    b) The plan should name a lead for rural crime.
       (i) with a budget of its own;

A new "(a)" starts a new list. A list may be numbered in roman numerals instead, "i)", "ii)", "iii)", when its
"i)" opens no lettered item's sub-points. A list counts when the reader's test for lists (passed in as
`not_recommendations`, which gives the reason a list is not one) says so. Where a section holds more than one
list that passes (the topics the panel examined, "a) Housing register checks", then the recommendations it
makes on them), a list whose own lead-in line names recommendations ("Preliminary recommendations:") is taken
before one that only sits under a "Recommendations" heading.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence

from tracker.importing.layouts import LETTERED_LIST, Found, LineLike

ROMAN = re.compile(r"^[ivx]{1,5}$", re.I)
_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "")
_NAMES_RECOMMENDATIONS = re.compile(r"\brecommend\w*\b.*[:–—-]\s*$", re.I)


def lettered_lists(
    lines: Sequence[LineLike],
    not_recommendations: Callable[[list[Found]], str | None],
    warnings: list[str] | None = None,
) -> list[Found]:
    """The lettered list read as recommendations, or none; why the others were left out goes to `warnings`."""
    lists = _lists(lines)
    accepted: list[list[Found]] = []
    left_out = 0
    for found in lists:
        if len(found) < 2:
            continue
        reason = not_recommendations(found)
        if reason is None:
            accepted.append(found)
            continue
        if accepted:
            continue  # after the first list taken, the others are looked at only for a better lead-in
        left_out += 1
        if warnings is not None and left_out <= 3:
            warnings.append(f"a lettered list ({found[0].number}–{found[-1].number}) was left out: {reason}")
    if warnings is not None and left_out > 3:
        warnings.append(f"{left_out - 3} more lettered lists were left out for the same kinds of reason")
    if not accepted:
        return []
    starts = [line.start for line in lines]
    named = [found for found in accepted if _own_lead_in_names_recommendations(lines, starts, found[0].start)]
    chosen = named[0] if named else accepted[0]
    return [
        Found(f.number, f.label, f.start, f.end, f.text, f.subpoints, (*f.flags, LETTERED_LIST))
        for f in chosen
    ]


def _lists(lines: Sequence[LineLike]) -> list[list[Found]]:
    lists: list[list[Found]] = []
    items: list[list] = []  # [number, start, end, texts, subpoints] of the list being read
    expected = "a"
    current: list | None = None
    roman = False  # the list being read is numbered i), ii), iii)
    for line in lines:
        label = line.label.lower() if line.kind == "sub" else ""
        starts_roman = label == "i" and current is None  # "i)" with no lettered item open: a roman list
        if label == "a" or label == expected or starts_roman:
            if label == "a" or starts_roman:  # "(a)" again: the list before has ended, and another begins
                items = []
                lists.append(items)  # type: ignore[arg-type]
                roman = starts_roman
            current = [label, line.start, line.end, [line.rest], []]
            items.append(current)
            expected = _ROMANS[_ROMANS.index(label) + 1] if roman else chr(ord(label) + 1)
        elif line.kind == "sub" and current is not None and ROMAN.match(line.label):
            current[4].append(line.rest)
            current[2] = line.end
        elif line.kind == "text" and current is not None and not current[4] and line.text[:1].islower():
            current[3].append(line.text)
        elif line.kind in ("section", "numbered", "rec", "r", "contact"):
            current = None
    return [
        [Found(n, f"({n})", start, end, " ".join(texts), tuple(subs)) for n, start, end, texts, subs in found]
        for found in lists  # type: ignore[misc]
    ]


def _own_lead_in_names_recommendations(lines: Sequence[LineLike], starts: list[int], start: int) -> bool:
    """The line just before the list (blank lines aside) is a lead-in that names recommendations."""
    index = bisect_left(starts, start) - 1
    while index >= 0 and lines[index].kind == "blank":
        index -= 1
    return (
        index >= 0 and lines[index].kind == "text" and bool(_NAMES_RECOMMENDATIONS.search(lines[index].text))
    )
