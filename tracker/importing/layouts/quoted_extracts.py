"""A page (a news item, a blog post) that quotes extracts of a panel's or committee's letter or report:

    Below are some extracts from the letter the Chair of the Police and Crime Panel sent to the Commissioner.
    The Panel would like to see the plan published in the spring, so that residents can comment on it.
    There is a need for clearer targets on burglary.
    The plan is long and repeats itself.
    I think the Panel has been too gentle.

Once a sentence says that extracts (excerpts) of a panel's or committee's letter, report or response follow,
each paragraph after it that asks ("should", "must", "would like to see", "there is a need for", "could") is
a recommendation, numbered by the app and flagged as read from quoted extracts. The extracts end at the first
paragraph that asks for nothing ("The plan is long …"), and a paragraph in the page's own first person
("I think …") is never one: what comes after the quotes is the page's own comment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.layouts import QUOTED_EXTRACT, Found, LineLike, app_numbered

_SOURCE = r"(?:letter|report|response|submission)"
_EXTRACTS_FOLLOW = re.compile(
    rf"\b(?:extracts?|excerpts?)\s+(?:from|of)\s+(?:the|a|an|their|its)\s+(?:[\w’'&-]+\s+){{0,4}}?{_SOURCE}\b",
    re.I,
)
_BODY = re.compile(r"\b(?:panel|committee|PCP)\b", re.I)
_ASKING = (
    "should", "must", r"ought\s+to", r"would\s+(?:like|wish)\s+to\s+see",
    r"(?:there\s+is\s+)?a\s+(?:clear\s+)?need\s+(?:for|to)", "could", r"urges?", r"recommends?",
)  # fmt: skip
_ASKS = re.compile(r"\b(?:" + "|".join(_ASKING) + r")\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:I|[Mm]y|[Mm]e|I['’](?:m|ve|d))\b")
_ENDS_SENTENCE = re.compile(r"[.!?:]$")


def _paragraphs(lines: Sequence[LineLike]) -> list[tuple[int, int, str]]:
    """(start, end, text) of each paragraph of text lines: a blank line or a finished sentence ends one."""
    paragraphs: list[list] = []  # [start, end, texts]: joined once at the end, not copied per line
    open_paragraph = False
    for line in lines:
        if line.kind != "text":
            open_paragraph = False
            continue
        if open_paragraph:
            paragraphs[-1][1] = line.end
            paragraphs[-1][2].append(line.text)
        else:
            paragraphs.append([line.start, line.end, [line.text]])
        open_paragraph = not _ENDS_SENTENCE.search(line.text.rstrip())
    return [(start, end, " ".join(texts)) for start, end, texts in paragraphs]


def quoted_extracts(lines: Sequence[LineLike]) -> list[Found]:
    paragraphs = _paragraphs(lines)
    gate = next(
        (
            index
            for index, (_, _, text) in enumerate(paragraphs)
            if (m := _EXTRACTS_FOLLOW.search(text)) and _BODY.search(text, m.start(), m.end() + 200)
        ),
        None,
    )
    if gate is None:
        return []
    items: list[tuple[int, int, str]] = []
    for start, end, text in paragraphs[gate + 1 :]:
        if not _ASKS.search(text) or _FIRST_PERSON.search(text):
            break
        items.append((start, end, text))
    return app_numbered(items, (QUOTED_EXTRACT,))
