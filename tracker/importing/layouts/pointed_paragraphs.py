"""A response that quotes the committee's conclusions without their numbers, each paragraph ending with its
place in the report, and answers each in the paragraphs after it:

    The Home Office should publish the estimates for each force before finalising them. (Paragraph 5)

    The Government accepts this recommendation …

Each quoted paragraph is a recommendation, numbered by the app. One pointer alone is a cross-reference, not a
list of conclusions: two at least are needed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.layouts import Found, LineLike, app_numbered

# "(Paragraph 14)" after a recommendation points back into the report: clutter, not part of the text
PARAGRAPH_POINTER = re.compile(r"\s*\((?:Paragraphs?|paras?\.?)\s+[\d.,\s–-]+(?:and\s+[\d.]+)?\)\s*$", re.I)


def ends_with_pointer(text: str) -> bool:
    """Whether the text ends with "(Paragraph 9)"; looked for only where it ends with a bracket (most do not)."""
    return text.rstrip().endswith(")") and PARAGRAPH_POINTER.search(text) is not None


def pointed_paragraphs(lines: Sequence[LineLike]) -> list[Found]:
    items: list[tuple[int, int, str]] = []
    paragraph: list[LineLike] = []
    for line in [*lines, None]:
        if line is not None and line.kind == "text":
            paragraph.append(line)
            continue
        if paragraph and PARAGRAPH_POINTER.search(paragraph[-1].text):
            text = PARAGRAPH_POINTER.sub("", " ".join(part.text for part in paragraph)).strip()
            items.append((paragraph[0].start, paragraph[-1].end, text))
        paragraph = []
    return app_numbered(items) if len(items) >= 2 else []
