"""One recommendation under a heading with no number.

    Recommendation
    The Panel recommends that the Commissioner publishes the plan in Welsh and English on the same day.

The paragraph under the heading (up to the next blank line or heading) is recommendation 1, numbered by the
app. A heading followed by nothing that reads as text gives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.layouts import Found, LineLike, app_numbered

_HEADING = re.compile(r"^(?:(?:the\s+)?(?:panel|committee|our|key)(?:['’]s)?\s+)?recommendation\s*:?$", re.I)


def single_recommendation(lines: Sequence[LineLike]) -> list[Found]:
    for index, line in enumerate(lines):
        if line.kind not in ("text", "section") or not _HEADING.match(line.text):
            continue
        parts: list[LineLike] = []
        for other in lines[index + 1 :]:
            if other.kind == "blank" and not parts:
                continue
            if other.kind != "text":
                break
            parts.append(other)
        if parts:
            return app_numbered([(parts[0].start, parts[-1].end, " ".join(p.text for p in parts))])
    return []
