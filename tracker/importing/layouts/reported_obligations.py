"""A news item or press release that reports what an inspection, committee or inquiry said must change, in
sentences that carry their source:

    Inspectors found improvements in investigations, but the constabulary could do more for victims.
    It also needs to strengthen scrutiny of its use of force, inspectors said.
    The Home Office should make clear when a commissioner may dismiss a chief constable, the MPs said.
    "Firstly, chief constables must improve the way they run their force," he said.
    Commissioners should also be required to publish a forward plan.     (after one of the above)
    Within six months the force should put in place arrangements to ensure that:

A sentence with an obligation ("should", "must", "needs to", "could do more") is one recommendation, the
whole sentence its text, numbered by the app and flagged (the page reports the asks in its own words, so
each is checked against the report itself) when its subject is not the speaker ("we", "I", "you") nor the
public ("anyone with information", "residents"), and it names the body that inspected or scrutinised as its
source ("inspectors said", "the MPs said", "according to the report"; "he said" just after such a
sentence), not a member, an officer or a spokesperson; or it goes on from such a sentence with "also"; or it
has an inspection's own form ("Within six months the force should …", "The constabulary should …").
Not read: a negative ("should not be able to …", a news lead that repeats an ask in the negative), what
should have been done ("should have"), a question, and what a speaker says of themselves ("we must", "I
need to") or of a plan ("the areas where the force needs to improve" states no action). It is read only where
no list or other layout was found (a report's own list always comes first), and there joined, in document
order, with the page's stated asks ("We recommend that …").
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
    r"\b(?P<modal>should|must|needs?\s+to|ought\s+to|could\s+do\s+more)\b",
    re.I,
)
# "should not be able to", "should have", praise ("should be incredibly pleased"), a warning ("should be aware")
_NOT_AN_ASK_AFTER = re.compile(  # used with match() from the obligation's end: no "^"
    r"\s+(?:not|never|have|note|be\s+able|be\s+(?:\w+\s+)?(?:pleased|proud|congratulated|commended|praised|"
    r"reassured|confident|delighted|aware|mindful|noted))\b",
    re.I,
)
# the speaker's own resolve or musing ("we have to acknowledge that the cost needs to be weighed"), or advice to
# the public ("Anyone with information should call 101", "Residents should keep valuables out of sight")
_SPEAKER = re.compile(
    r"\b(?:we|I|you|us|our|my|anyone|anybody|everyone|residents|people|drivers|motorists|parents|the\s+public|"
    r"members\s+of\s+the\s+public|witnesses)\b",
    re.I,
)
_LOOK_BACK = 160  # how much of the sentence before an obligation is read for its speaker: linear on any input
# "the areas where the force needs to improve", "issues that policing needs to address": no action named;
# "the recommendations it says should be implemented" names asks without stating them
_VAGUE = re.compile(
    r"\b(?:areas?|issues?|things?|work)[\"”’']?\s+(?:where|that|which)\s+(?:[\w'’-]+\s+){0,3}$"
    r"|\b(?:it|they|he|she)\s+(?:says|said)\s+$",
    re.I,
)
# a resolution's own words ("That it be agreed that the committee should be designated …")
_RESOLUTION = re.compile(r"^\W*that\b", re.I)
# the source must be the body that inspected or scrutinised, not a member, an officer or a spokesperson:
# "inspectors said", "the MPs said", "the report found", "according to the committee", "said the report"
_BODY = (
    r"(?:inspectors?|inspectorate|HMICFRS|HMIC|(?:HM|His\s+Majesty['’]s|Her\s+Majesty['’]s)\s+(?:Chief\s+)?"
    r"Inspector(?:\s+of\s+\w+)?|(?:the\s+|its\s+|their\s+)?report|(?:the\s+)?committee|(?:the\s+)?inquiry|"
    r"(?:the\s+)?review|MPs|peers|(?:the\s+)?watchdog|(?:the\s+)?(?:London\s+)?Assembly|(?:the\s+)?panel|(?:the\s+)?Auditor\s+General|(?:a\s+|the\s+)?parliamentary\s+"
    r"(?:inquiry|committee|report))"
)
_VERB = r"(?:said|says|found|finds|concluded|concludes|warned|warns|recommended|recommends|added|has\s+said)"
_SOURCED = re.compile(
    # the body then its verb, or the verb then the body after the quote it closes (', said the report'): never
    # "A member said the panel must …", where the body is whom the ask is made of
    rf"\b{_BODY}\s+(?:has\s+|have\s+|also\s+)?{_VERB}\b|[,”\"’]\s*{_VERB}\s+(?:the\s+)?{_BODY}\b"
    rf"|\baccording\s+to\s+(?:the\s+)?{_BODY}\b|\b{_BODY}\s+(?:has\s+|have\s+)?(?:told|called\s+for)\b",
    re.I,
)
# "…," he said / Mr Wilsher said / Cooke said: the speaker stands for the source only when a sentence just
# before named the body (the inspector the page introduced), and goes on doing so from sentence to sentence
_GOES_ON = re.compile(
    r"\b(?:he|she|they)\s+(?:said|says|added|warned)\b"
    r"|\b(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame)\.?\s+)?(?-i:[A-Z][a-z’'-]+)\s+(?:said|says|added|warned)\b",
    re.I,
)
# the force's own chief or commissioner saying it of their own body ("Chief Constable Ann Example said", ",
# said the Commissioner."), not "… sack a chief constable, the MPs said" nor "the MPs said the commissioner
# must …", where the commissioner is whom the ask is made of
_CHIEF = r"(?:chief\s+constable|commissioner|chief\s+executive)"
_OWN_CHIEF = re.compile(
    rf"\b{_CHIEF}(?:\s+(?-i:[A-Z])[\w'’-]*){{0,3}},?\s+(?:said|says|added)\b"
    rf"|,[\"”’]?\s*(?:said|says|added)\s+(?:the\s+)?{_CHIEF}\b[^.]{{0,60}}$",
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
_RECENT = 3  # how many sentences back a named source still speaks through "he said"


def reported_obligations(lines: Sequence[LineLike]) -> list[Found]:
    items: list[tuple[int, int, str]] = []
    last_sourced = -_RECENT - 1  # the last sentence that named the body
    for index, (start, end, sentence) in enumerate(paragraph_sentences(lines)):
        own_chief = _OWN_CHIEF.search(sentence) is not None
        named = _SOURCED.search(sentence) is not None or (
            index - last_sourced <= _RECENT and not own_chief and _GOES_ON.search(sentence) is not None
        )
        if named:
            last_sourced = index
        if (m := _INSPECTION_FORM.match(sentence)) and not _NOT_AN_ASK_AFTER.match(sentence[m.end() :]):
            items.append((start, end, sentence))
            continue
        sourced = named or (items and _ALSO.search(sentence))
        if sentence.rstrip().endswith("?") or not sourced or own_chief or _RESOLUTION.match(sentence):
            continue
        if any(_asks(sentence, m) for m in _OBLIGATION.finditer(sentence)):
            items.append((start, end, sentence))
    return app_numbered(items, (REPORTED_OBLIGATION,))


def _asks(sentence: str, m: re.Match[str]) -> bool:
    if _NOT_AN_ASK_AFTER.match(sentence, m.end("modal")):
        return False
    before = sentence[max(0, m.start("modal") - _LOOK_BACK) : m.start("modal")]
    return not _SPEAKER.search(before) and not _VAGUE.search(before[-80:])
