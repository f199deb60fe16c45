"""Recommendations a committee states in the present tense in a sentence of its prose, as its web pages,
press releases and summaries put them:

    The Committee calls on the Mayor to restore funding for youth centres in every borough.
    It also recommends that the Met publishes its stop and search figures each month.
    We recommend that MOPAC reviews how it commissions services for victims.
    This is an executive function, and we recommend, therefore, that the Board is inspected too.
    The report also encouraged the Government to ensure young people are heard.
    The London Assembly Police and Crime Committee is calling on the Mayor to review victim services.

A sentence whose subject is a committee, panel, inquiry, task group or working group (its name may hold
"and": "Police and Crime Committee"), its report, or "we", and whose verb is "recommends (that)", "calls on …
to", "is calling on … to", "urges … to" or "encourages (encouraged) … to", is one recommendation: the whole sentence, numbered by the app.
"It also recommends …" counts after such a sentence. A recommendation that the paper's own meeting note or
receive something ("recommends that the report be noted"), or that the committee or its members act
("recommends that the Panel writes to …"), is no recommendation to the policing body; nor is an
inspectorate's or a government review's recommendation told of in minutes (the subject must be the
committee, its report or "we").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.layouts import NAME_WORDS, Found, LineLike, app_numbered
from tracker.importing.layouts.recommending_clause import paragraph_sentences

_BODY = r"(?:committee|panel|inquiry|task\s+(?:and\s+finish\s+)?group|working\s+group)"
_SUBJECT = (
    rf"(?:(?:the\s+|this\s+|our\s+)?{NAME_WORDS}{_BODY}(?:['’]s\s+report)?"
    r"|(?:the|this|our)\s+report|we|it)"
)
_VERB = (
    r"(?:recommends?\b|(?:is|are)\s+(?:also\s+)?(?:calling|urging)\s+(?:up)?on\b|calls?\s+(?:up)?on\b"
    r"|urges?\b|encourag(?:es|ed)\b)"
)
_STATED = re.compile(
    rf"^(?:[^,.;]{{1,40}},\s*)?(?P<subject>{_SUBJECT})\s+(?:also\s+|further\s+|therefore\s+|now\s+)?"
    rf"(?P<verb>{_VERB})",
    re.I,
)
# "This appears to be an executive function, and we recommend, therefore, that the government …": "we
# recommend" in the sentence's second clause
_CLAUSE = re.compile(
    r"(?:,|;)\s+and\s+(?P<subject>we)\s+(?:also\s+)?(?P<verb>recommend)(?:,\s*therefore,)?\s+that\b", re.I
)
# "calls on the Mayor to …": an addressee and "to" a little way after the verb
_ADDRESSEE_TO = re.compile(r"^\s+(?:the\s+)?[A-Z][^.!?]{0,80}?\bto\s+[a-z]")
# what the paper asks of its own meeting, or of the committee itself
_OWN = re.compile(
    r"\bbe\s+(?:noted|received|approved|agreed)\b"
    r"|^\s*(?:that\s+)?(?:the\s+)?(?:panel|committee|members|board|report|minutes)\b",
    re.I,
)


def stated_asks(lines: Sequence[LineLike]) -> list[Found]:
    items: list[tuple[int, int, str]] = []
    for start, end, sentence in paragraph_sentences(lines):
        m = _STATED.match(sentence) or _CLAUSE.search(sentence)
        if m is None:
            continue
        subject, verb, rest = m.group("subject").lower(), m.group("verb").lower(), sentence[m.end() :]
        if subject == "it" and not items:
            continue  # "it" is a committee only after a sentence that said so
        if not verb.startswith("recommend") and not _ADDRESSEE_TO.match(rest):
            continue  # "calls on" someone "to" do something, or it is no ask
        if _OWN.search(rest):
            continue
        items.append((start, end, sentence))
    return app_numbered(items)
