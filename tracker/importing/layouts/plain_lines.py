"""Recommendations set out as plain lines, with no number or bullet, after a lead-in that names them, as a
web page copied as text leaves a list:

    The Panel's three recommendations are:
    The Commissioner should publish response times for each district.
    The force should name a lead officer for rural crime.
    Stations should open on Saturdays.

    The report's recommendations seek to:          The review made 9 recommendations, including for:
    Improve how victims are kept informed.         A single contact point for victims
    Publish the figures every quarter.             Regular reviews of the custody suite

or under a heading of their own ("Recommendations"), or under a label that holds the first one ("Recommendations: Within six months forces should …"). The lead-in
says what the lines must look like, and the run stops at the first line that does not:

- "… to:" is followed by lines that open with a verb ("Improve …"): a line opening with a noun in the plural
  or a determiner ("Responses to the report were received in April") ends the list;
- "… for:" by short phrases, one sentence each; a paragraph of several sentences ends it;
- any other lead-in ("… are:", the label) by lines that each ask someone to act ("should", "must", "recommends");
- a heading of its own ("Recommendations") by lines that each say what someone "should" or "must" do.

Never more lines than the lead-in counts ("five recommendations"), never fewer than two, never under a
lead-in about the answers ("We will use the Panel's recommendations to:") or one that asks the paper's own
committee ("The Committee is recommended to:").
Each is numbered by the app and flagged as read from plain lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.layouts import PLAIN_LINES, Found, LineLike, app_numbered
from tracker.importing.layouts.own_request import is_own_request

_NAMES = r"(?:recommend\w*|argymhell\w*)"
_LAST_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘'\"“(])")
# the lead-in: its last sentence names recommendations and ends in a colon ("are:", "seek to:", "for:-")
_LEAD_IN = re.compile(rf"\b{_NAMES}\b[^:]{{0,120}}:-?$", re.I)
# a label that holds the first recommendation: "Recommendations: Within six months forces should …"
_LABEL = re.compile(rf"^{_NAMES}\s*:\s*(?=\S)", re.I)
_ABOUT_ANSWERS = re.compile(r"\b(?:responses?|repl(?:y|ies)|answers?|progress|updates?)\b", re.I)
# a lead-in that says what the one answering will do with them: "We will use the Panel's recommendations to:"
_ANSWERER = re.compile(
    r"\b(?:we|I)\s+(?:will|shall|plan|intend)\b"
    r"|\b(?:use|implement|deliver|address|respond\s+to)\s+(?:the\s+|these\s+|its\s+|your\s+|our\s+)?"
    r"(?:[\w'’]+\s+){0,2}?recommendations\b",
    re.I,
)
_COUNT_WORDS = dict(
    zip(("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), range(2, 11), strict=True)
)
_COUNT = re.compile(rf"\b(\d{{1,2}}|{'|'.join(_COUNT_WORDS)})\s+(?:[\w’'-]+\s+){{0,2}}?{_NAMES}", re.I)
_ASKS = re.compile(
    r"\b(?:should|must|ought\s+to|needs?\s+to|recommend(?:s|ed)?|urge[sd]?|calls?\s+(?:on|for))\b"
    r"|\bto\s+be\s+\w+(?:ed|en)\b",
    re.I,
)
_NOT_A_VERB = frozenset(
    ("the", "a", "an", "this", "these", "that", "those", "our", "its", "their", "his", "her", "it", "we", "they",
     "there", "he", "she", "all", "each", "every", "some", "any", "no", "in", "on", "at", "for", "of", "by", "with",
     "from", "as")
)  # fmt: skip
# a heading of its own: "Recommendations", "Our recommendations", "The Panel's recommendations to the Commissioner"
_HEADING = re.compile(
    r"^(?:(?:our|the|panel['’]s|committee['’]s|key|main)\s+){0,2}(?:recommendations|argymhellion)"
    r"(?:\s+(?:to|for)\s+(?:the\s+)?[\w'’ ]{1,40})?\s*:?$",
    re.I,
)
# under a bare heading, each line must ask someone to act in so many words
_SHOULD = re.compile(r"\b(?:should|must|ought\s+to|needs?\s+to)\b", re.I)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")
_TO = re.compile(r"\bto:-?$")  # "… seek to:": verbs follow
_FOR = re.compile(r"\bfor:-?$")  # "… including for:": phrases follow


def plain_lines(lines: Sequence[LineLike]) -> list[Found]:
    """The plain lines after the first lead-in or label whose lines fit the shape it announces."""
    for index, line in enumerate(lines):
        lowered = line.text.lower()
        if line.kind not in ("text", "section") or "recommend" not in lowered and "argymhell" not in lowered:
            continue  # most lines name no recommendations: no pattern is tried on them
        items: list[tuple[int, int, str]] = []
        label = _LABEL.match(line.text) if line.kind == "text" else None
        if _HEADING.match(line.text):
            shape, most = "should", 99
        elif line.kind != "text":
            continue
        elif label:
            shape, most = "asks", 99
            items.append((line.start, line.end, line.text[label.end() :]))
            if not _fits(items[0][2], shape):
                continue
        else:
            lead = _LAST_SENTENCE.split(line.text)[-1]
            if not _LEAD_IN.search(lead) or _ABOUT_ANSWERS.search(lead) or _ANSWERER.search(lead):
                continue
            if is_own_request(lead):
                continue
            shape = "verb" if _TO.search(lead) else "phrase" if _FOR.search(lead) else "asks"
            most = _count(lead)
        for at in range(index + 1, len(lines)):  # no slice: a hostile file can hold thousands of lead-ins
            other = lines[at]
            if other.kind == "blank":
                continue
            if (
                other.kind != "text"
                or len(items) >= most
                or _LABEL.match(other.text)
                or not _fits(other.text, shape)
            ):
                break  # (another label starts a list of its own: each line is read by one run at most)
            items.append((other.start, other.end, other.text))
        if len(items) >= 2:
            return app_numbered(items, (PLAIN_LINES,))
    return []


def _count(lead: str) -> int:
    """How many recommendations the lead-in says there are, or 99 when it does not say."""
    m = _COUNT.search(lead)
    if m is None:
        return 99
    word = m.group(1).lower()
    return int(word) if word.isdigit() else _COUNT_WORDS[word]


def _fits(text: str, shape: str) -> bool:
    """A line of the shape the lead-in announces: a sentence or phrase of four words at least, opening with a
    capital, with some words of its own in small letters (not a name), that is not itself a lead-in."""
    words = text.split()
    if len(words) < 4 or not text[:1].isupper() and text[:1] not in "‘'\"“" or text.endswith(":"):
        return False
    if sum(1 for word in words if len(word) >= 4 and word[:1].islower()) < 2:
        return False  # a name ("The Office of the Police and Crime Commissioner"), not something asked for
    if shape == "asks":
        return _ASKS.search(text) is not None
    if shape == "should":
        return _SHOULD.search(text) is not None
    if shape == "phrase":
        return _SENTENCE_BREAK.search(text) is None
    first = words[0].lower()  # "Improve …", "Address …": a verb opens it, not "Responses" or "The"
    return first not in _NOT_A_VERB and (not first.endswith("s") or first.endswith(("ss", "us")))
