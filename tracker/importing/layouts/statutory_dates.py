"""A date the law sets, stated in a paper, which is no date the panel asked for:

    Under Schedule 5 to the Act the Commissioner must respond to the Panel's report by 1 March.
    The Commissioner is required to respond before 22 February.

A sentence that states what the law requires ("must", "is required to", "under the Act", "the
regulations", "statutory"), asks nothing ("please", "we would be grateful") and is not the panel speaking
("we must have your reply by …") gives no reply-by date: a precept paper tells members the timetable, the
panel's letter asks for a reply.
"""

from __future__ import annotations

import re

_LAW = re.compile(
    r"\b(?:must|shall|(?:is|are)\s+(?:legally\s+)?(?:required|obliged)|has\s+to|have\s+to|statutory|statute|"
    r"regulations?|schedule\s+\d|section\s+\d|the\s+act\b|legislation|by\s+law|legally)\b",
    re.I,
)
_ASKS = re.compile(
    r"\b(?:please|grateful|we\s+(?:ask|request|would\s+(?:like|welcome|appreciate))|"
    r"i\s+(?:ask|request|would\s+(?:like|welcome|appreciate))|look\s+forward|kindly|we|us|our|I)\b",
    re.I,
)


def states_the_law(text: str, at: int) -> bool:
    """Whether the sentence of `text` around position `at` states the law's deadline rather than asking."""
    start = max(text.rfind(".", 0, at), text.rfind("\n\n", 0, at)) + 1
    stop = text.find(".", at)
    sentence = text[start : stop if stop >= 0 else len(text)]
    return _LAW.search(sentence) is not None and _ASKS.search(sentence) is None
