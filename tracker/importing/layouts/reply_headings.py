"""The headings a reply answers under, and the numbers each heading names.

- "Recommendation 9", "Recommendation R1", "Rec 2", "R1:", "R3: Not agreed. …" → one number;
- "Recommendations 5 to 7", "Recommendations R2 and R3", "R8 and R9", "3, 4 and 5" → several, taken together;
- "a)" or "(b)" alone on a line, or opening the answer ("c) I will not …"), in sequence from "a" → a letter,
  for the answers to a lettered list of recommendations. A meeting's own resolution ("Resolved: That" and
  then "a) further information be obtained;", or items that open "That …") is lettered by the meeting, not
  by the recommendations it answers: its letters are taken only when the recommendations are lettered too;
  nor are the lettered answers to members' questions ("questions were raised, to which the following
  responses were provided –").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.layouts import LineLike

_NUM = r"R?\s?\d{1,4}"
MULTI_HEADING = re.compile(
    rf"^(?:Recommendations?|Rec\.?(?=\s*R?\s?\d)|Argymhelliad|Argymhellion|R(?=\s?\d))\s*"
    rf"((?:{_NUM})(?:\s*(?:,|&|and|to|-|–|—)\s*(?:{_NUM}))*)\s*[:.\-–—]?\s*(.*)$",
    re.I,
)
_LETTER_HEADING = re.compile(r"^\(?([a-z])\)\s*(.*)$")


def heading_numbers(text: str) -> tuple[list[str], str] | None:
    """The numbers a heading names and the text after them on its line, or None when it is no heading."""
    m = MULTI_HEADING.match(text)
    if not m:
        return None
    return expand_numbers(m.group(1)), m.group(2).strip()


def expand_numbers(text: str) -> list[str]:
    """ "5 to 7" -> 5, 6, 7; "8 and 9"; "3, 4 and 5"; "R8 and R9"."""
    numbers: list[str] = []
    parts = re.split(r"\s*(,|&|\band\b|\bto\b|-|–|—)\s*", text.strip())
    previous: int | None = None
    pending_range = False
    for part in parts:
        if part in (",", "&", "and"):
            continue
        if part in ("to", "-", "–", "—"):
            pending_range = True
            continue
        digits = re.sub(r"\D", "", part)
        if not digits:
            continue
        value = int(digits)
        if pending_range and previous is not None and previous < value <= previous + 50:
            numbers.extend(str(n) for n in range(previous + 1, value + 1))
        else:
            numbers.append(str(value))
        previous, pending_range = value, False
    return numbers


# "Resolved", a bare "That", or an item of a numbered resolution ("(3) That the Director be asked to …:")
_RESOLUTION_LEAD_IN = re.compile(r"\bresolved\b|^that\s*[:–—-]?\s*$|^\(?\d{1,2}\)\s+that\b", re.I)
_OPENS_THAT = re.compile(r"^that\b", re.I)


def lettered_headings(
    lines: Sequence[LineLike], resolutions: bool = False
) -> list[tuple[int, tuple[list[str], str]]]:
    """Lines that open with "a)", "b)", "c)" … in sequence (from "a", at least two), as (index, ([letter],
    the text after it)). A list that restarts at "a" starts again: the last run of two or more is taken.
    A run that is a meeting's own resolution is left out unless `resolutions` (the recommendations answered
    are lettered)."""
    runs: list[list[tuple[int, tuple[list[str], str]]]] = []
    expected = "a"
    for index, line in enumerate(lines):
        if line.kind not in ("text", "sub"):
            continue
        m = _LETTER_HEADING.match(line.text)
        if m is None:
            continue
        letter = m.group(1)
        if letter == "a":
            runs.append([])
        elif letter != expected or not runs:
            continue
        runs[-1].append((index, ([letter], m.group(2).strip())))
        expected = chr(ord(letter) + 1)
    long_runs = [
        run
        for run in runs
        if len(run) >= 2
        and (resolutions or not _is_resolution(lines, run) and not _answers_questions(lines, run))
    ]
    return long_runs[-1] if long_runs else []


_QUESTIONS = re.compile(r"\bquestions?\b", re.I)


def _answers_questions(lines: Sequence[LineLike], run: list[tuple[int, tuple[list[str], str]]]) -> bool:
    """The run follows a lead-in about questions ("questions were raised, to which the following responses
    were provided –"): the answers to members' questions, lettered by the minute, not to recommendations."""
    index = run[0][0] - 1
    while index >= 0 and not lines[index].text.strip():
        index -= 1
    return index >= 0 and _QUESTIONS.search(lines[index].text) is not None


def _is_resolution(lines: Sequence[LineLike], run: list[tuple[int, tuple[list[str], str]]]) -> bool:
    """The run follows "Resolved" (or a bare "That", or a numbered item "(3) That …"), or most of its items
    open "That …"."""
    index = run[0][0] - 1
    while index >= 0 and not lines[index].text.strip():
        index -= 1
    if index >= 0 and _RESOLUTION_LEAD_IN.search(lines[index].text.strip()):
        return True
    return sum(1 for _, (_, text) in run if _OPENS_THAT.match(text)) * 2 > len(run)
