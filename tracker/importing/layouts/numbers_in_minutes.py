"""Minutes of a meeting that goes through its own draft recommendations, naming them by number only:

    The Committee considered the eight draft recommendations of its review of night-time safety.
    Members asked that the wording of Recommendation 2 be made plainer, and agreed Recommendation 6 as drafted.
    With regard to Recommendations 4 and 5, the Committee agreed to ask the Council to fund both.

Once a sentence says the meeting considered (discussed, reviewed, agreed …) its draft or proposed
recommendations, each recommendation named by number in that sentence or a later one is a recommendation with
the document's number ("2", "6", "4", "5"). Its text is not in the minutes: the first sentence that names it
stands in for it, flagged so the officer fills in the text from the review's report. A number named before
that sentence (a reference to an earlier report, say) is not taken.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.layouts import NAMED_BY_NUMBER_ONLY, Found, LineLike
from tracker.importing.layouts.named_in_prose import named_numbers
from tracker.importing.layouts.recommending_clause import paragraph_sentences

_OWN_DRAFTS = re.compile(
    r"\b(?:considered|discussed|reviewed|examined|went\s+through|agreed|noted|approved)\b"
    r"[^.;]{0,80}?\b(?:draft|proposed)\s+recommendations\b",
    re.I,
)


def numbers_in_minutes(lines: Sequence[LineLike]) -> list[Found]:
    sentences = paragraph_sentences(lines)
    first = next((i for i, (_, _, sentence) in enumerate(sentences) if _OWN_DRAFTS.search(sentence)), None)
    if first is None:
        return []
    found: dict[str, Found] = {}
    for start, end, sentence in sentences[first:]:
        for number in named_numbers(sentence) if "ecommendation" in sentence else ():
            if number.isdigit() and number not in found:
                flags = (NAMED_BY_NUMBER_ONLY,)
                found[number] = Found(number, f"Recommendation {number}", start, end, sentence, (), flags)
    return sorted(found.values(), key=lambda item: int(item.number))
