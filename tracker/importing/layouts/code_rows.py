"""A table of recommendations keyed by code, flattened so that each cell is a line of its own:

    | PX-1 |
    Publish the response times
    The force should publish its response times for each district every …
    |
    Example Review (2022) | Accepted |

A row starts with a cell holding only a code (letters, a dash, a number); the codes share their letters and
count up. The lines up to the next cell ("|…") are the recommendation: a short first line with no full stop
is its title, kept before the text. The code is the recommendation's number, as the document gives it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.layouts import Found, LineLike

_CODE_CELL = re.compile(r"^\|?\s*([A-Z]{1,6})[-‐–]?(\d{1,4})\s*\|?\s*$")
_CELL = re.compile(r"^\|")


def code_rows(lines: Sequence[LineLike]) -> list[Found]:
    rows: list[tuple[str, int, int, LineLike]] = []  # (letters, number, index, line)
    for index, line in enumerate(lines):
        raw = line.text.strip()
        if (m := _CODE_CELL.match(raw)) and "|" in raw:
            rows.append((m.group(1), int(m.group(2)), index, line))
    if len(rows) < 2:
        return []
    letters = rows[0][0]
    run = [rows[0]]
    for row in rows[1:]:
        if row[0] == letters and row[1] == run[-1][1] + 1:
            run.append(row)
    if len(run) < 2:
        return []
    found: list[Found] = []
    for position, (_, _, index, line) in enumerate(run):
        stop = run[position + 1][2] if position + 1 < len(run) else len(lines)
        parts: list[LineLike] = []
        for other in lines[index + 1 : stop]:
            raw = other.text.strip()
            if _CELL.match(raw):
                break
            if other.kind != "blank" and other.text:
                parts.append(other)
        if not parts:
            continue
        texts = [p.text for p in parts]
        if len(texts) >= 2 and len(texts[0].split()) <= 12 and not re.search(r"[.;:!?…]$", texts[0]):
            texts[0] = texts[0] + ":"  # the row's title
        code = f"{letters}-{run[position][1]}"
        found.append(Found(code, code, line.start, parts[-1].end, " ".join(texts)))
    return found if len(found) >= 2 else []
