"""Recommendations told of in a sentence of the prose, as a response or a covering report tells them:

    The Panel recommended that the Commissioner publish response times for each district. I accept this.
    At its January meeting the Panel had recommended that the Commissioner review the victims' hub and that
    the force publish its stop and search figures monthly.

A sentence whose subject is the panel, committee, review, report or task group (or "you", in a reply to it),
with "recommended that" in the past or perfect tense ("that" may be left out before a clause with "should"),
"has suggested that" (in minutes, "the Panel suggested that" narrates a discussion), or "makes
recommendation(s) to the Commissioner that", gives one recommendation per "that" clause ("… that X and that
Y" is two), each numbered by the app in document order. A clause that asks the paper's own meeting to
note or receive something ("recommended that the report be noted") is no recommendation to the policing
body. The lines of a paragraph are joined first, so a sentence wrapped mid-way is read whole.

Two more forms give one recommendation each: "…, one of which was that X" after "recommendations" (an
update on a meeting's recommendations), and a body's "its (their) recommendation to <verb> …" in a sentence it
opens ("The Panel reviewed the draft and made its recommendation to endorse the change"), read as "To endorse
the change."; a request of the body's own meeting ("to note the report") is left out.

"It recommended that …" counts when the sentence before it, in the same paragraph, opens with the body
("The review found … . In particular, it recommended that X and that Y."): "it" is that body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.layouts import Found, LineLike, app_numbered
from tracker.importing.layouts.named_in_prose import prose_sentences
from tracker.importing.layouts.recommending_clause import paragraph_sentences

_REPORTED = re.compile(
    r"\b(?:panel|committee|inquiry|review|report|task\s+(?:and\s+finish\s+)?group|working\s+group|you)"
    # what it was on, a reference and an aside: "Report on the custody review (HC 12), published in March,"
    r"(?:\s+(?:on|of|into|about)\s+[^,.;()]{1,80}?)?\s*(?:\([^()]{1,60}\)\s*)?(?:,[^,.;]{1,80},\s*|\s)"
    r"(?:(?:had|has|have)\s+(?:also\s+|further\s+)?suggested"  # "suggested" in the perfect: a report's own
    r"|(?:(?:had|has|have|also|further|then|previously|subsequently)\s+){0,2}recommended"
    r"|makes?\s+(?:a\s+)?recommendations?(?:\s+to\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})?)"
    # "that" left out before a clause that asks: "the report recommended the membership should be reviewed"
    r"\s+(?:that\s+|(?=(?:the|all|each|every)\s+[^.!?]{0,150}?\b(?:should|must)\b))",
    re.I,
)
# "In particular, it recommended that …": the body is named by the sentence before
_IT_RECOMMENDED = re.compile(
    r"^(?:[^,.;]{1,40},\s*)?it\s+(?:(?:had|has|also|further|then)\s+){0,2}recommended\s+that\s+", re.I
)
_OPENS_WITH_BODY = re.compile(
    r"^(?:the|this|that|its)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:panel|committee|inquiry|review|report|task\s+(?:and\s+finish\s+)?group|working\s+group)\b",
    re.I,
)
_AND_THAT = re.compile(r",?\s+and\s+(?:also\s+)?that\s+", re.I)
_OWN_MEETING = re.compile(
    r"\bbe\s+(?:noted|received|approved|agreed)\b|^(?:the\s+)?(?:report|minutes?)\b", re.I
)


# "… the recommendations arising at that meeting, one of which was that the Commissioner …"
_ONE_OF_WHICH = re.compile(r"\brecommendations\b[^.;]{0,100}?,?\s+one\s+of\s+which\s+was\s+that\s+", re.I)
# "The Panel reviewed the draft and produced a report on their recommendation to endorse it": the body is the
# sentence's subject, the recommendation a verb's infinitive (not a request of its own meeting)
_THEIR_RECOMMENDATION = re.compile(
    r"(?:the\s+)?(?:panel|committee|task\s+(?:and\s+finish\s+)?group|working\s+group)\b[^.;]{0,120}?"
    r"\b(?:its|their)\s+recommendation\s+to\s+(?!(?:the|a|an|this|that|his|her|its|their)\b)"
    r"(?!(?:note|receive|approve|agree|accept)\b)(?=[a-z]+\s)",  # "to note the report": its own meeting's
    re.I,
)

_WHICH = re.compile(r",\s+which\b", re.I)
# the policing body's response told of: "The Commissioner sent his response …", "the Mayor's initial response"
_RESPONDS = r"response|responded|replied|accept(?:s|ed|ing)?|reject(?:s|ed|ing)?|reconsider(?:s|ed)?"
_RESPONSE = re.compile(
    rf"\b(?:commissioner|pcc|pfcc|mayor|government)(?:['’]s)?\b[^.;]{{0,60}}?\b(?:{_RESPONDS})\b", re.I
)


def reported_recommendations(lines: Sequence[LineLike]) -> list[Found]:
    items: list[tuple[int, int, str]] = []
    before = (0, 0, "")
    for start, end, sentence in paragraph_sentences(lines):
        previous, before = before, (start, end, sentence)
        if infinitive := _THEIR_RECOMMENDATION.match(sentence):
            # what the report is, after a comma ("…, which is published on their website"), is no part of it
            clause = _WHICH.split(sentence[infinitive.end() :], maxsplit=1)[0].strip().rstrip(".!?:").strip()
            if len(clause.split()) >= 3 and not _OWN_MEETING.search(clause):
                items.append((start, end, f"To {clause}."))
            continue
        m = (
            _REPORTED.search(sentence)
            or _it_recommended(sentence, previous, start)
            or _ONE_OF_WHICH.search(sentence)
        )
        if m is None:
            continue
        for clause in _AND_THAT.split(sentence[m.end() :]):
            clause = clause.strip().rstrip(".!?").strip()
            if len(clause.split()) >= 3 and not _OWN_MEETING.search(clause):
                items.append((start, end, f"That {clause}."))
    return app_numbered(items)


def _it_recommended(sentence: str, previous: tuple[int, int, str], start: int) -> re.Match[str] | None:
    """ "It recommended that …" after a sentence, in the same paragraph, that opens with the body it means."""
    m = _IT_RECOMMENDED.match(sentence)
    same_paragraph = previous[2] and previous[1] >= start  # the sentence before ends on this one's first line
    return m if m and same_paragraph and _OPENS_WITH_BODY.match(previous[2]) else None


def _tells(text: str, start: int, end: int) -> re.Match[str] | None:
    """Where the sentence text[start:end] tells of a recommendation, in any of the forms above but "it"."""
    at = start + len(text[start:end]) - len(text[start:end].lstrip())
    return (
        _REPORTED.search(text, start, end)
        or _ONE_OF_WHICH.search(text, start, end)
        or _THEIR_RECOMMENDATION.match(text, at, end)
    )


def reported_answers(text: str) -> list[tuple[int, int]]:
    """(start, end) of the answer that follows each recommendation told of in the prose: the rest of its
    paragraph after the sentence that tells of it ("The Panel recommended that … . I accept this."), or, when
    that sentence ends its paragraph, the next paragraph if it opens by telling of the policing body's
    response ("The Commissioner sent his response accepting their recommendation")."""
    answers: list[tuple[int, int]] = []
    sentences = prose_sentences(text, 0, len(text))
    for index, (start, end, paragraph) in enumerate(sentences):
        m = _tells(text, start, end)
        if m is None or any(_OWN_MEETING.search(c) for c in _AND_THAT.split(text[m.end() : end])):
            continue
        later = sentences[index + 1 :]
        rest = [s for s in later if s[2] == paragraph]
        if not rest and later and _RESPONSE.search(text, later[0][0], later[0][1]):
            rest = [s for s in later if s[2] == later[0][2]]
        rest = rest[: next((i for i, s in enumerate(rest) if _tells(text, s[0], s[1])), len(rest))]
        if rest:
            answers.append((rest[0][0], rest[-1][1]))
    return answers
