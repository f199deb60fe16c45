"""Recommendations with no number, each followed by its progress, where the progress calls it "this
recommendation": an inspectorate's record of a cause of concern, or a force's update to its committee.

    • The force should stop taking risk assessments over the telephone. • It should …
    The force has acted on this recommendation and now visits every victim.

    o   Guidance on fraud reports to be published. A draft of this recommendation's guidance is with the
        Chief Constable.
    o   Custody cells should be refurbished. Work on this recommendation starts in May.

Two shapes:
- a paragraph (or bullet) that asks ("should", "must", "needs to", "to be published"), straight after which a
  paragraph opens by speaking of "this recommendation": the paragraph is the recommendation, and the
  paragraphs that follow it (to the next heading) are its progress;
- a run of bullets, at least two of which go on after their first sentence to speak of "this (or the)
  recommendation": the first sentence of each bullet that asks is a recommendation, and the rest of the
  bullet its progress.

Each is numbered by the app. The progress is what a reply audit ties to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.layouts import Found, LineLike, app_numbered

_ASKS = re.compile(
    r"\b(?:should|must|ought\s+to|needs?\s+to|to\s+be\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|t))\b", re.I
)
_THIS_RECOMMENDATION = re.compile(r"\bthis\s+recommendation\b", re.I)
_THE_RECOMMENDATION = re.compile(r"\b(?:this|that|the)\s+recommendation\b", re.I)
_FIRST_SENTENCE = re.compile(r"^.*?[.!?](?=\s+[A-Z‘'\"“(]|\s*$)")


def progress_notes(lines: Sequence[LineLike]) -> list[Found]:
    return app_numbered([(start, end, text) for start, end, text, *_ in _pairs(lines)])


def progress_answers(lines: Sequence[LineLike], text: str) -> list[tuple[int, int]]:
    """(start, end) of the progress that follows each such recommendation."""
    answers = []
    for _, _, _, (start, end), head in _pairs(lines):
        at = text.find(head, start, end) if head else -1  # a bullet's progress: after its first sentence
        start = at if at >= 0 else start
        if text[start:end].strip():
            answers.append((start, end))
    return answers


def _pairs(lines: Sequence[LineLike]) -> list[tuple[int, int, str, tuple[int, int], str]]:
    """(start, end, text) of each recommendation, the (start, end) of what holds its progress, and the first
    words of the progress when it shares a bullet with the recommendation."""
    units = _units(lines)
    return _bullet_run(units) or _paragraph_then_progress(units)


def _units(lines: Sequence[LineLike]) -> list[tuple[str, int, int, str]]:
    """Paragraphs and bullets as (kind, start, end, text): a bullet with the lines it wraps onto, a
    paragraph of text lines; a heading ("section") or any other line is a unit of its own ("other")."""
    units: list[tuple[str, int, int, list[str]]] = []
    current: list | None = None  # [kind, start, end, texts] of the unit being read
    blank = True
    for line in lines:
        if line.kind == "blank":
            current, blank = None, True
            continue
        if line.kind == "text" and current is not None and (current[0] == "bullet" or not blank):
            current[2] = line.end
            current[3].append(line.text)  # joined once at the end: a long paragraph is not copied per line
            continue
        kind = "bullet" if line.kind in ("bullet", "sub") else "text" if line.kind == "text" else "other"
        current = [kind, line.start, line.end, [line.rest if kind == "bullet" else line.text]]
        units.append(current)  # type: ignore[arg-type]
        blank = False
    return [(kind, start, end, " ".join(texts)) for kind, start, end, texts in units]


def _bullet_run(units: list) -> list[tuple[int, int, str, tuple[int, int], str]]:
    runs: list[list] = [[]]
    for unit in units:
        if unit[0] == "bullet":
            runs[-1].append(unit)
        elif runs[-1]:
            runs.append([])  # anything but a bullet ends the run
    for run in runs:
        split = [(unit, _first_sentence(unit[3])) for unit in run]
        speaking = sum(1 for unit, first in split if _THE_RECOMMENDATION.search(unit[3][len(first) :]))
        if speaking < 2:
            continue
        found = [
            (unit[1], unit[2], first, (unit[1], unit[2]), unit[3][len(first) :].strip()[:40])
            for unit, first in split
            if _ASKS.search(first)
        ]
        if found:
            return found
    return []


def _paragraph_then_progress(units: list) -> list[tuple[int, int, str, tuple[int, int], str]]:
    starts = [
        index
        for index, (unit, following) in enumerate(zip(units, units[1:], strict=False))
        if unit[0] in ("text", "bullet")
        and _ASKS.search(unit[3])
        and not _THIS_RECOMMENDATION.search(unit[3])
        and following[0] == "text"
        and _THIS_RECOMMENDATION.search(_first_sentence(following[3]))
    ]
    # the progress runs on to a heading, another recommendation or a paragraph that asks and is no progress:
    # where it stops, found for every paragraph in one backward pass
    stops = [len(units)] * (len(units) + 1)
    is_start = set(starts)
    for index in range(len(units) - 1, -1, -1):
        unit = units[index]
        stops_here = (
            unit[0] == "other"
            or index in is_start
            or _ASKS.search(unit[3]) is not None
            and not _THE_RECOMMENDATION.search(unit[3])
        )
        stops[index] = index if stops_here else stops[index + 1]
    found = []
    for index in starts:
        last = stops[index + 2] - 1  # at least the paragraph that speaks of "this recommendation"
        unit = units[index]
        found.append((unit[1], unit[2], unit[3], (units[index + 1][1], units[last][2]), ""))
    return found


def _first_sentence(text: str) -> str:
    m = _FIRST_SENTENCE.match(text)
    return m.group(0) if m else text
