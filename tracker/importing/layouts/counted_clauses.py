"""Recommendations a sentence counts and then lists as "to" clauses, as a news item or statement gives them:

    Every council accepted the three recommendations of the review to publish its patrol times, to meet
    residents each quarter and to report back within a year.

A sentence that names how many recommendations there are ("the three recommendations", "its 4
recommendations") and then runs "to <verb> …" clauses parted by commas and "and" gives one recommendation per
clause, numbered by the app, but only when the clauses are exactly as many as the sentence says: a count
that does not match is a sentence read wrongly, and nothing is taken from it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.layouts import Found, LineLike, app_numbered
from tracker.importing.layouts.recommending_clause import paragraph_sentences

_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_COUNTED = re.compile(
    r"\b(?:the|its|their|these|those|all)\s+(two|three|four|five|six|seven|eight|nine|ten|[2-9])\s+"
    r"recommendations\b",
    re.I,
)
_FIRST_CLAUSE = re.compile(r"\bto\s+[a-z]+")  # "… made in the report to ensure …"
_NEXT_CLAUSE = re.compile(r",\s+(?:and\s+)?(?=to\s+[a-z])|\s+and\s+(?=to\s+[a-z])")


def counted_clauses(lines: Sequence[LineLike]) -> list[Found]:
    for start, end, sentence in paragraph_sentences(lines):
        if "recommendations" not in sentence or not (m := _COUNTED.search(sentence)):
            continue
        count = _COUNTS.get(m.group(1).lower()) or int(m.group(1))
        rest = sentence[m.end() :]
        if (first := _FIRST_CLAUSE.search(rest)) is None:
            continue
        parts = [p.strip(' ,.;”"’') for p in _NEXT_CLAUSE.split(rest[first.start() :])]
        if len(parts) == count and all(parts):
            return app_numbered([(start, end, p[0].upper() + p[1:] + ".") for p in parts])
    return []
