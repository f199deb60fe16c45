"""Minutes that number their paragraphs, each telling what a named member said or did in the debate:

    1. Mr Green, Chairman of the Task Group introduced its report and its 6 recommendations.
    2. Mrs Black drew out the points on schools and considered recommendation 2 to be essential.
    3. The Leader emphasised that the figures were below the national average.

Most paragraphs open with a speaker (a title and a name, "Councillor …", "The Chairman", "The Leader",
"Members", "The Commissioner", "The Chief Constable") whose first verb, within a few words, is in the past
tense ("introduced", "drew", "emphasised"): the list reports a debate. What the speakers say of the recommendations ("recommended the report to
Cabinet", "recommendation 2") is talk about them, not recommendations; a paragraph that asks in so many words
("The Chairman proposed, and the Panel agreed to recommend that …") is not told of.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_SPEAKER = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Professor|Prof|Sir|Dame|Lord|Lady|Baroness)\.?\s+"
    r"|(?:The\s+)?(?:(?:Vice|Deputy)[- ])?(?:Chair(?:man|woman|person)?|Leader|Mayor|Members?|Officers?|"
    r"(?:Police\s+(?:Fire\s+)?and\s+Crime\s+)?Commissioner|PC?F?CC|Chief\s+(?:Constable|Executive|Finance\s+Officer)|"
    r"Monitoring\s+Officer|Director)\b)",
)
# a paragraph that asks in so many words is no report of the debate, whoever opens it
_ASKS_IN_WORDS = re.compile(
    r"\brecommend(?:s|ed)?\s+(?:that|to)\b|\bto\s+recommend\b|\burge[sd]?\b|\bcall(?:s|ed)?\s+(?:up)?on\b",
    re.I,
)
_WORD = re.compile(r"[\w'’-]+")
# words that may stand between the speaker and the verb: the name, and an office in apposition
_LINKING = frozenset(("of", "the", "for", "and", "on", "to", "&"))
_IRREGULAR_PAST = frozenset(
    ("drew", "said", "felt", "gave", "made", "took", "spoke", "told", "thought", "saw", "led", "sought",
     "brought", "began", "went", "wrote", "put", "set")
)  # fmt: skip
_NOT_PAST = frozenset(("need", "proceed", "exceed", "embed", "shed", "succeed"))


def reports_speakers(texts: Sequence[str]) -> bool:
    """Whether most items (more than half, two at least) open by telling what a named speaker did."""
    told = sum(1 for text in texts if _tells_of_a_speaker(text))
    return told >= 2 and told * 2 > len(texts)


def _tells_of_a_speaker(text: str) -> bool:
    m = _SPEAKER.match(text.strip())
    if m is None or _ASKS_IN_WORDS.search(text):
        return False
    for word in _WORD.findall(text.strip()[m.end() : m.end() + 160])[:12]:
        if word[:1].isupper() or word.lower() in _LINKING:
            continue  # the name, or the office the speaker holds ("Chairman of the Select Committee")
        lowered = word.lower()
        return lowered in _IRREGULAR_PAST or lowered.endswith("ed") and lowered not in _NOT_PAST
    return False
