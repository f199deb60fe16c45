"""One answer to a committee's recommendations as a whole, in the two shapes that do not say "accept all the
recommendations" in so many words:

- a decision that records what was done with them, as a council's cabinet resolves (or an item of it,
  "(1) that the recommendations be noted", whose "resolved" the excerpt lost):
      The Cabinet resolved that:
      (1) the recommendations of the Overview and Scrutiny Committee of 3 May 2023 be noted; and
      (2) officers report back on the costs.
  → the paragraph of (1) answers every recommendation (disposition from its words: "be noted");
- a resolution's item that notes the scrutiny body's report ("RESOLVED: That Cabinet:- … (b) notes the Hate
  Crime Task Group Report"), its recommendations noted with it;
- a decision standing alone on its line, with no "resolved" before it ("The recommendations of the Scrutiny
  Committee be approved."): the bare "be" of a resolution, not "should be", answers them all;
- a reply that says what became of them together ("All of the recommendations have been accepted"; "Most of
  the recommendations had been agreed by Cabinet", tied to none by number, as "most" names none of them);
- a reply that says it has weighed them together ("The force has assessed the recommendations and advises
  that it:") → that paragraph and, when it ends in a colon, the one it leads into;
- a reply that tells of the committee's suggestions taken up ("The Board accepted the Committee's suggestions
  and incorporated them into the final plan", "I will ensure that these recommendations are taken
  forward");
- a reply that counts what it accepted: "The force accepted all six recommendations made to it.", "That the
  Executive supports, in principle, the five recommendations of the review" → the
  paragraph, with the count it states. Where the reply counts a different number of recommendations than
  the committee's list holds (the list read is part of a longer report, or only some were addressed to this
  body), the answer is tied to none of them by number: the officer ties it.
"""

from __future__ import annotations

import re

from tracker.importing.layouts.subject_ties import paragraphs

_DECIDED = re.compile(r"\b(?:resolved|decided|agreed)\b", re.I)
# an item of a resolution whose "Resolved" the excerpt lost: "(1) that the recommendations … be noted"
_RESOLUTION_ITEM = re.compile(r"\s*\(?(?:\d{1,2}|[a-h])\)\s+that\s+the\s+recommendations\b", re.I)
# "The recommendations of the Scrutiny Committee be approved." at the start of its line: a resolution's bare
# "be" ("should be noted" is advice, not a decision)
_DECISION_LINE = re.compile(
    r"[ \t]*(?:that\s+)?the\s+recommendations\s+(?:(?:of|from|made\s+by)\s+"
    r"(?:(?!\b(?:should|must|will|would|can|could|may|might|shall|to)\b)[^;.\n]){1,120}?\s+)?be\s",
    re.I,
)
# "All of the recommendations have been accepted", "Most of the recommendations had been agreed by Cabinet";
# "The force has assessed the recommendations and advises that it:" (not "We have considered the
# recommendations and respond to each below", which introduces the answers). Each is sought from its end
# ("recommendations have been accepted"), then its start is looked for just before: a pass over a long
# reply that tries every "all", "we" or "I" would cost more than the rest of the search.
_ALL_DONE = (
    re.compile(
        r"recommendations\s+(?:(?:had|have|has)\s+been|were|are)\s+"
        r"(?:agreed|accepted|approved|implemented|completed|supported|adopted)\b",
        re.I,
    ),
    re.compile(r"\b(?P<how_many>all|most|many)\s+of\s+the\s+$", re.I),
)
_WEIGHED = (
    re.compile(r"recommendations\s+and\s+(?:advises|reports|states|confirms)\b", re.I),
    re.compile(
        r"\b(?:the\s+force|we|I)\s+(?:has|have)\s+(?:now\s+)?(?:assessed|considered|reviewed)\s+(?:all\s+)?"
        r"(?:of\s+)?the\s+$",
        re.I,
    ),
)
_BE_DONE = re.compile(
    r"\bthe\s+recommendations\b(?:[^;.]|\.(?=\S)){0,200}?\bbe\s+(?:noted|accepted|agreed|approved|endorsed|supported|adopted|"
    r"rejected|declined|addressed|implemented)\b",
    re.I,
)
# "The Partnership Board accepted the Committee's suggestions and incorporated them into the plan"
# a resolution's item that notes the scrutiny body's report: its recommendations noted together
_NOTES_REPORT = re.compile(
    r"^[^\S\n]*(?:\(?[a-z0-9]{1,2}\)\s*)?notes\s+the\s+(?:[\w&'’-]+\s+){0,6}?(?:task\s+group|scrutiny|review|panel|"
    r"committee)['’]?s?\s+(?:final\s+)?report\b",
    re.I | re.M,
)
# "The Board accepted the Committee's suggestions"; "I will ensure that these recommendations are taken
# forward" (not "None of the recommendations will be taken forward")
_TOOK_UP = re.compile(
    r"\b(?:accepted|adopted|agreed\s+to)\s+the\s+(?:committee|panel|scrutiny\s+committee|task\s+group)['’]?s?\s+"
    r"(?:suggestions?|recommendations|proposals)\b"
    r"|(?<!\bnone of )(?<!\bno )\b(?:these|the|its|their|your)\s+recommendations\s+(?:are|will\s+be|have\s+been)\s+"
    r"taken\s+forward\b",
    re.I,
)
_NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_COUNTED = re.compile(
    r"\b(?:accept(?:s|ed)?|agree(?:s|d)?(?:\s+to)?|support(?:s|ed)?)(?:,?\s+in\s+principle,?)?"
    r"\s+(?:all\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?|the\s+)"
    rf"(\d{{1,3}}|{'|'.join(_NUMBER_WORDS)})\s+(?:[\w-]+\s+){{0,3}}?recommendations\b",
    re.I,
)


def grouped_answer(text: str) -> tuple[int, int, int | None] | None:
    """(start, end, the number of recommendations it says it answers, if it says: 0 for "most" or "many" of
    them) of the paragraph that answers the recommendations as a whole, or None."""
    for m in _BE_DONE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if (
            _DECIDED.search(text, max(0, m.start() - 400), m.start())
            or _RESOLUTION_ITEM.match(text, line_start, m.end())
            or _DECISION_LINE.match(text, line_start, m.end())
        ):
            return _within(paragraphs(text), m.start(), None)
    if m := _ending_with(_ALL_DONE, text):
        # "most of them": an answer tied to none by number (a count of none)
        return _within(paragraphs(text), m.start(), None if m.group("how_many").lower() == "all" else 0)
    if m := _ending_with(_WEIGHED, text):
        spans = paragraphs(text)
        found = _within(spans, m.start(), None)
        # "… advises that it:" and the words it leads into
        if found and text[found[0] : found[1]].rstrip().endswith(":"):
            after = [span for span in spans if span[0] >= found[1]]
            return (found[0], after[0][1], None) if after else found
        return found
    for m in _NOTES_REPORT.finditer(text):  # "RESOLVED: That Cabinet:- (b) notes the Task Group Report"
        at = m.end() - 1  # in the item's own words, not the blank lines before its letter
        if _DECIDED.search(text, max(0, m.start() - 600), m.start()):
            return _within(paragraphs(text), at, None)
    if m := _TOOK_UP.search(text):
        return _within(paragraphs(text), m.start(), None)
    if m := _COUNTED.search(text):
        word = m.group(1).lower()
        return _within(paragraphs(text), m.start(), int(word) if word.isdigit() else _NUMBER_WORDS[word])
    return None


def _ending_with(pattern: tuple[re.Pattern[str], re.Pattern[str]], text: str) -> re.Match[str] | None:
    """The start of the first phrase whose end (pattern[0]) has its start (pattern[1]) right before it."""
    end, start = pattern
    for m in end.finditer(text):
        if found := start.search(text, max(0, m.start() - 80), m.start()):
            return found
    return None


def _within(spans: list[tuple[int, int]], at: int, count: int | None) -> tuple[int, int, int | None] | None:
    for start, end in spans:
        if start <= at < end:
            return start, end, count
    return None
