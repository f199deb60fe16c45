"""A news item or press release that reports what an inspection, committee or inquiry said must change, in
sentences that carry their source:

    Inspectors found improvements in investigations, but the constabulary could do more for victims.
    It also needs to strengthen scrutiny of its use of force, inspectors said.
    The Home Office should make clear when a commissioner may dismiss a chief constable, the MPs said.
    "Firstly, chief constables must improve the way they run their force," he said.
    Commissioners should also be required to publish a forward plan.     (after one of the above)
    Within six months the force should put in place arrangements to ensure that:

A sentence with an obligation ("should", "must", "needs to", "could do more") whose subject is not the
speaker ("we", "I", "you") nor a person named as saying it, and which says where it comes from ("said",
"found", "according to", "concluded"), or goes on from such a sentence with "also", or has an inspection's own
form ("Within six months the force should …", "The constabulary should …"), is one recommendation, the whole sentence its text, numbered by the
app and flagged: the page reports the asks in its own words, so each is checked against the report itself.
Not read: a negative ("should not be able to …", a news lead that repeats an ask in the negative), what
should have been done ("should have"), a question, and what a speaker says of themselves ("we must", "I
need to") or of a plan ("the areas where the force needs to improve" states no action). Only a document in
which nothing else was found is read this way: a report's own list always comes first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.layouts import Found, LineLike, app_numbered
from tracker.importing.layouts.recommending_clause import paragraph_sentences

REPORTED_OBLIGATION = "an obligation a news page reports: check against the report itself"

# the obligation, with up to six words of its subject before it in the same clause
_OBLIGATION = re.compile(
    r"(?P<subject>(?:[\w'’-]+\s+){0,6}?)"
    r"\b(?P<modal>should|must|needs?\s+to|ought\s+to|could\s+do\s+more)\b(?P<after>\s+\w+)?",
    re.I,
)
# "should not be able to", "should have", and praise ("should be incredibly pleased with this report")
_NOT_AN_ASK_AFTER = re.compile(
    r"^\s+(?:not|never|have|be\s+able|be\s+(?:\w+\s+)?(?:pleased|proud|congratulated|commended|praised|"
    r"reassured|confident|delighted))\b",
    re.I,
)
# the speaker's own resolve or musing ("we have to acknowledge that the cost needs to be weighed")
_SPEAKER = re.compile(r"\b(?:we|I|you|us|our|my)\b", re.I)
# "the areas where the force needs to improve", "issues that policing needs to address": no action named;
# "the recommendations it says should be implemented" names asks without stating them
_VAGUE = re.compile(
    r"\b(?:areas?|issues?|things?|work)[\"”’']?\s+(?:where|that|which)\s+(?:[\w'’-]+\s+){0,3}$"
    r"|\b(?:it|they|he|she)\s+(?:says|said)\s+$",
    re.I,
)
# a resolution's own words ("That it be agreed that the committee should be designated …")
_RESOLUTION = re.compile(r"^\W*that\b", re.I)
_SOURCED = re.compile(
    r"\b(?:said|says|say|found|finds|concluded|concludes|according\s+to|warned|warns|recommended|added)\b",
    re.I,
)
# the force's own chief or commissioner saying it of their own body ("Chief Constable Ann Example said", "said
# the Commissioner"), not "… sack a chief constable, the MPs said"
_CHIEF = r"(?:chief\s+constable|commissioner|chief\s+executive)"
_OWN_CHIEF = re.compile(
    rf"\b{_CHIEF}(?:\s+(?-i:[A-Z])[\w'’-]*){{0,3}},?\s+(?:said|says|added)\b|\b(?:said|says|added)\s+(?:the\s+)?{_CHIEF}\b",
    re.I,
)
# an inspection's own form, which needs no source: "Within six months the force should put in place …"
_INSPECTION_FORM = re.compile(
    r"^\W*(?:(?:within|by|in)\s+[^,.]{3,40}?,?\s+)?(?:the\s+|all\s+)?(?:force|forces|constabulary|"
    r"chief\s+constables?)\s+(?P<modal>should)\b",
    re.I,
)
# "Commissioners should also be required to …" after an ask the page has sourced: the same source goes on
_ALSO = re.compile(r"\b(?:should|must|needs?\s+to)\s+also\b|\balso\s+(?:should|must|needs?\s+to)\b", re.I)


def reported_obligations(lines: Sequence[LineLike]) -> list[Found]:
    items: list[tuple[int, int, str]] = []
    for start, end, sentence in paragraph_sentences(lines):
        if (m := _INSPECTION_FORM.match(sentence)) and not _NOT_AN_ASK_AFTER.match(sentence[m.end() :]):
            items.append((start, end, sentence))
            continue
        sourced = _SOURCED.search(sentence) or (items and _ALSO.search(sentence))
        if (
            sentence.rstrip().endswith("?")
            or not sourced
            or _OWN_CHIEF.search(sentence)
            or _RESOLUTION.match(sentence)
        ):
            continue
        if any(_asks(sentence, m) for m in _OBLIGATION.finditer(sentence)):
            items.append((start, end, sentence))
    return app_numbered(items, (REPORTED_OBLIGATION,))


def _asks(sentence: str, m: re.Match[str]) -> bool:
    after = sentence[m.end("modal") :]
    if _NOT_AN_ASK_AFTER.match(after):
        return False
    before = sentence[: m.start("modal")]
    return not _SPEAKER.search(before) and not _VAGUE.search(before)
