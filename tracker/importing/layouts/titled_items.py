"""A list page that gives each recommendation as a short title line and then its text, with no numbers:

    Recommendations
    Publish response times
    The force should publish its response times for each district every quarter …
    Name a lead for rural crime
    The Commissioner should name a lead officer for rural crime in the plan.

Under a line that names recommendations, pairs of a title (a few words, no full stop, no asking verb) and a
text (longer, ending in a full stop or cut off with "…", or anyhow at the document's end) follow each other. Three pairs at least, and most
texts ask someone to act ("should", "must", "recommend", "That …"): a page of headlines and summaries is not
a list of recommendations. Each text is a recommendation, its title before it, numbered by the app.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.layouts import Found, LineLike, app_numbered

_NAMES = re.compile(r"\brecommendations?\b", re.I)
_ASKS = re.compile(r"\b(?:should|must|recommends?|ought\s+to|needs?\s+to)\b|^That\b", re.I)
_TEXT_END = re.compile(r"[.…]$|\.{3}$")


def titled_items(lines: Sequence[LineLike]) -> list[Found]:
    body = [line for line in lines if line.kind != "blank"]
    for index, line in enumerate(body):
        if len(line.text.split()) > 8 or not _NAMES.search(line.text):
            continue
        pairs: list[tuple[LineLike, LineLike]] = []
        position = index + 1
        while (
            position + 1 < len(body)
            and _is_title(body[position])
            and _is_text(body[position + 1], last=position + 2 == len(body))
        ):
            pairs.append((body[position], body[position + 1]))
            position += 2
        if len(pairs) >= 3 and sum(1 for _, text in pairs if _ASKS.search(text.text)) * 3 >= len(pairs) * 2:
            return app_numbered(
                [(title.start, text.end, f"{title.text}: {text.text}") for title, text in pairs]
            )
    return []


def _is_title(line: LineLike) -> bool:
    words = line.text.split()
    return (
        line.kind in ("text", "section")
        and 1 <= len(words) <= 10
        and line.text[:1].isupper()
        and not re.search(r"[.;:,!?…]$", line.text)
        and not _ASKS.search(line.text)
    )


def _is_text(line: LineLike, last: bool) -> bool:
    """A recommendation's text: long, and finished or cut off with "…" (the document's last line may stop
    anywhere, where the page was cut)."""
    return (
        line.kind == "text" and len(line.text.split()) >= 10 and (last or bool(_TEXT_END.search(line.text)))
    )
