"""A panel's approval given on a condition, as a precept decision or its news release reports it:

    The panel approved the budget, on the proviso that there are measures of improved performance that can be
    monitored, specifically around burglary.
    The Panel supported the proposed precept, subject to the Commissioner reporting on recruitment in June.

A sentence whose subject is a panel or committee (its name may hold "and") that approved, agreed, endorsed
or supported the commissioner's precept, budget, plan, proposal or appointment "on the proviso that", "on condition that", "provided that", "subject to" or
"contingent on" something, is one recommendation: the condition is what the body asks of the commissioner.
So is the panel's chair saying so for it: "Our approval is contingent on several
concerns being addressed, including …". The whole sentence is its text, numbered by the app. An approval "subject to" a vote, law or regulations
("subject to the Regulations", "subject to call-in") or an amendment sets no condition on the commissioner,
and the minutes or a work programme approved are the meeting's own business: neither is read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.layouts import NAME_WORDS, Found, LineLike, app_numbered
from tracker.importing.layouts.recommending_clause import paragraph_sentences

_BODY = r"(?:panel|committee|assembly)"
_CONDITIONED = re.compile(
    rf"^\s*(?:[^,.;]{{1,40}},\s*)?(?:the\s+)?{NAME_WORDS}{_BODY}\s+"
    r"(?:has\s+|had\s+|have\s+|unanimously\s+|today\s+)*(?:approved|agreed|endorsed|supported|accepted)\s+"
    # what a panel approves of the commissioner's: the precept, the budget, a plan, a proposal, an appointment
    r"(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?(?:[\w'’£%.-]+\s+){0,5}?(?:precept|budget|plan|proposals?|"
    r"increase|appointment|nomination|request)\b"
    r"[^.;]{0,160}?,?\s+(?:on\s+the\s+proviso\s+that|on\s+(?:the\s+)?condition\s+that|provided\s+that|"
    r"contingent\s+(?:up)?on|subject\s+to)\s+(?P<condition>[^.;]+)",
    re.I,
)
# the chair speaking for the panel: "Our approval is contingent on several concerns being addressed …"
_OUR_APPROVAL = re.compile(
    r"\b(?:our|the\s+panel['’]s|the\s+committee['’]s)\s+(?:approval|support|agreement)\s+(?:is|was)\s+"
    r"(?:contingent|conditional)\s+(?:up)?on\s+(?P<condition>[^.;]+)",
    re.I,
)
_NO_CONDITION = re.compile(
    r"^(?:the\s+|an?\s+|minor\s+)?(?:regulations|law|act|call[\s-]in|a\s+vote|votes?|legislation|statutory|"
    r"consultation|amendments?|corrections?|additions?|changes?)\b",
    re.I,
)


def approval_conditions(lines: Sequence[LineLike]) -> list[Found]:
    items = []
    for start, end, sentence in paragraph_sentences(lines):
        m = _CONDITIONED.match(sentence) or _OUR_APPROVAL.search(sentence)
        if m and not _NO_CONDITION.match(m.group("condition")):
            items.append((start, end, sentence))
    return app_numbered(items)
