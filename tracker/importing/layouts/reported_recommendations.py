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


def reported_recommendations(lines: Sequence[LineLike]) -> list[Found]:
    items: list[tuple[int, int, str]] = []
    before = (0, 0, "")
    for start, end, sentence in paragraph_sentences(lines):
        previous, before = before, (start, end, sentence)
        m = _REPORTED.search(sentence) or _it_recommended(sentence, previous, start)
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


def reported_answers(text: str) -> list[tuple[int, int]]:
    """(start, end) of the answer that follows each recommendation told of in the prose: the rest of its
    paragraph after the sentence that tells of it ("The Panel recommended that … . I accept this.")."""
    answers: list[tuple[int, int]] = []
    sentences = prose_sentences(text, 0, len(text))
    for index, (start, end, paragraph) in enumerate(sentences):
        m = _REPORTED.search(text, start, end)
        if m is None or any(_OWN_MEETING.search(c) for c in _AND_THAT.split(text[m.end() : end])):
            continue
        rest = [s for s in sentences[index + 1 :] if s[2] == paragraph]
        rest = rest[: next((i for i, s in enumerate(rest) if _REPORTED.search(text, s[0], s[1])), len(rest))]
        if rest:
            answers.append((rest[0][0], rest[-1][1]))
    return answers
