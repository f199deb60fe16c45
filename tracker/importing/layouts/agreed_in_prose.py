"""Minutes with no list at all that record a recommendation in a sentence:

    After discussion the Committee agreed to recommend that the Cabinet funds two more wardens.

Each such sentence (followed over a few wrapped lines, up to its full stop) is a recommendation, numbered by
the app, its first letter made a capital. The "that" may end a line of a PDF, its sentence on the next.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.layouts import Found, LineLike, app_numbered

_AGREED_TO_RECOMMEND = re.compile(
    r"\b(?:agreed|resolved|decided)\s+(?:unanimously\s+)?to\s+recommend\s+(?:to\s+(?:the\s+)?[A-Z][\w-]*\s+)?that(?:\s+|$)",
    re.I,
)


def agreed_in_prose(lines: Sequence[LineLike]) -> list[Found]:
    items: list[tuple[int, int, str]] = []
    for index, line in enumerate(lines):
        if line.kind != "text" or not (m := _AGREED_TO_RECOMMEND.search(line.text)):
            continue
        sentence, end = line.text[m.end() :], line.end
        for other in lines[index + 1 : index + 4]:  # a sentence wrapped over a few lines of a PDF
            if re.search(r"[.!?]", sentence) or other.kind != "text":
                break
            sentence, end = f"{sentence} {other.text}".strip(), other.end
        full_stop = re.search(r"[.!?](?:\s|$)", sentence)
        text = sentence[: full_stop.end()].strip() if full_stop else sentence.strip()
        items.append((line.start, end, text[:1].upper() + text[1:]))
    return app_numbered(items)
