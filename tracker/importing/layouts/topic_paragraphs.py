"""A progress report whose own paragraphs are numbered, under short headings that name what each part is about:

    Supporting information
    A single lead for the project
    1. The Deputy Chief Constable now leads the project.
    Training for call handlers
    2. All call handlers finished the new course in May.
    3. A refresher follows in the autumn.
    Extra space in the cells
    4. Two cells were added at the central station.

The numbers run on from heading to heading (1, 2, 3, 4 …), so they count the report's paragraphs, not the
recommendations answered: the headings name those. Each heading with its paragraphs is one passage, tied to
no number, for the officer to tie.

All of these must hold, or the numbers are left to be read as recommendation numbers:
- no line is a recommendation heading ("Recommendation 2", "R2");
- the numbered paragraphs run on one by one (k, k+1, …), at least three of them;
- the first has a heading straight before it, at least two have one, and at least one heading has two or more
  paragraphs under it (with one paragraph under each heading, the heading may be a recommendation's title and
  the number its own);
- no paragraph asks ("should", "must", "recommends"), names a recommendation by number, or opens with a
  verdict or status ("Agreed.", "Not accepted:"), as a reply numbering its answers would.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.layouts import LineLike
from tracker.importing.layouts.statuses import opening_status

_ASKS_OR_NAMES = re.compile(
    r"\b(?:should|must|ought\s+to|needs?\s+to|recommends?|recommendations?\s+(?:no\.?\s*)?\d)\b", re.I
)
_VERDICT = re.compile(
    r"^\W{0,3}(?:(?:not|partially|partly|fully)\s+)?(?:accepted|agreed|supported|rejected|declined|noted)\b",
    re.I,
)
_ENDS_SENTENCE = re.compile(r"[.;:!?)\"”’]$")
_HEADING_MAX_WORDS = 12


def _is_heading(line: LineLike) -> bool:
    text = line.text.strip()
    return (
        line.kind in ("text", "section")
        and text[:1].isupper()
        and len(text.split()) <= _HEADING_MAX_WORDS
        and not _ENDS_SENTENCE.search(text)
    )


def topic_paragraphs(lines: Sequence[LineLike]) -> list[tuple[int, int]]:
    """(start, end) of the numbered paragraphs under each heading, or [] when the layout is not this one."""
    if any(line.kind in ("rec", "r") for line in lines):
        return []
    numbered = [i for i, line in enumerate(lines) if line.kind == "numbered"]
    numbers = [lines[i].number or "" for i in numbered]
    if len(numbered) < 3 or not all(n.isdigit() for n in numbers):
        return []
    if [int(n) for n in numbers] != list(range(int(numbers[0]), int(numbers[0]) + len(numbers))):
        return []
    groups: list[list[tuple[int, int]]] = []  # per heading: (start, end) of each paragraph under it
    for position, index in enumerate(numbered):
        stop = numbered[position + 1] if position + 1 < len(numbered) else len(lines)
        before = [line for line in lines[numbered[position - 1] + 1 if position else 0 : index]]
        before = [line for line in before if line.kind != "blank"]
        heading = bool(before) and _is_heading(before[-1])
        if heading and position:  # a heading ends the paragraph before: its last line finished a sentence
            heading = len(before) == 1 or bool(_ENDS_SENTENCE.search(before[-2].text.strip()))
        end, body = lines[index].end, [lines[index].rest or lines[index].text]
        for line in lines[index + 1 : stop]:
            if line.kind != "text" or (_is_heading(line) and _ENDS_SENTENCE.search(body[-1].strip())):
                break
            end = line.end
            body.append(line.text)
        paragraph = " ".join(body)
        if _ASKS_OR_NAMES.search(paragraph) or _VERDICT.match(paragraph) or opening_status(paragraph):
            return []
        if heading:
            groups.append([])
        elif not groups:
            return []  # the first paragraph has no heading
        groups[-1].append((lines[index].start, end))
    if len(groups) < 2 or len(groups) == len(numbered):
        return []
    return [(group[0][0], group[-1][1]) for group in groups]
