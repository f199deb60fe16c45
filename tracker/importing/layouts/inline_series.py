"""Recommendations run together in one sentence after a lead-in on the same line, parted by semicolons:

    … The Committee recommend that: every force should name a contact for protest organisers; the
    inspectorate should review the use of containment; and officers should wear their numbers at all times.

Each part is a recommendation, numbered by the app ("and" before the last dropped). Two parts at least: one
clause after a colon is a sentence, not a list. The series ends at the sentence's full stop.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.layouts import Found, LineLike, app_numbered

_LEAD_IN = re.compile(r"\brecommend(?:s|ed)?\s+that\s*:\s*", re.I)
_SENTENCE_END = re.compile(r"\.(?=\s+[A-Z]|\s*$)")
_AND = re.compile(r"^(?:and|or)\s+", re.I)


def inline_series(lines: Sequence[LineLike]) -> list[Found]:
    for line in lines:
        if line.kind != "text" or ";" not in line.text or not (m := _LEAD_IN.search(line.text)):
            continue
        rest = line.text[m.end() :]
        if (stop := _SENTENCE_END.search(rest)) is not None:
            rest = rest[: stop.end()]
        items: list[tuple[int, int, str]] = []
        for part in rest.split(";"):
            text = _AND.sub("", part.strip())
            if text:
                items.append((line.start, line.end, text[:1].upper() + text[1:]))
        if len(items) >= 2:
            return app_numbered(items)
    return []
