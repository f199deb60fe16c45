"""Recommendations with no numbers at all: the bullets under a lead-in or a heading that names them.

    The Committee recommends that:              Recommendations
    - the force publishes its figures;          - The Commissioner should publish …
    - the plan names a lead for rural crime.    - The plan should set out …

or "… found areas for improvement. In particular, forces need to:" (or "areas for the force to improve
included:") with its bullets. Under a lead-in to the
key points a committee or report makes ("Key points made by the committee include:"), only the bullets that
ask someone to act ("should", "must", "recommends") are kept: the others are its findings.

The app numbers them 1, 2, 3 … in document order and flags each "numbered by the app". Under a lead-in that
mixes findings and recommendations ("the key findings and recommendations were:") only the bullets that ask
for something are kept. Under a bare heading, most bullets must ask someone to act ("should", "must"): a
paper's own "Recommendations: • It is recommended to note the report" is no list of recommendations. A lead-in about the answers ("made responses to the recommendations:") is no lead-in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from tracker.importing.layouts import Found, LineLike, app_numbered

# recommendations (in Welsh "argymhellion"), or an inspectorate's areas for improvement, which the register
# counts as recommendations
# ("areas for the force to improve included:" says the same)
_LEAD_IN = re.compile(
    r"\brecommend|\bargymhell|\bareas?\s+for\s+improvement\b"
    r"|\bareas?\s+for\s+(?:the\s+)?(?:force|constabulary|service|forces)\s+to\s+improve\b",
    re.I,
)
# minutes that report what someone said: "… an update on the recommendations. In particular, she highlighted
# that:" leads into the points made, not into recommendations
_REPORTS_SPEECH = re.compile(
    r"\b(?:highlighted|said|explained|noted|reported|stated|commented|advised|outlined|mentioned|emphasi[sz]ed|"
    r"confirmed|added|informed\s+\w+|told\s+\w+)(?:\s+that)?\s*[:–—-]\s*$",
    re.I,
)
_LEAD_IN_END = re.compile(r"(?:[:–—-]|\bincluding|\bthat)\s*$", re.I)
_ABOUT_ANSWERS = re.compile(
    r"\b(?:responses?|repl(?:y|ies)|answers?)\s+to\s+(?:the|its|our|their)\s+recommend", re.I
)
# a heading of its own: "Recommendations", "Our recommendations", "Recommendations to the Commissioner"
_HEADING = re.compile(
    r"^(?:(?:our|the|panel|committee|key|main)\s+){0,2}recommendations(?:\s+(?:to|for)\s+(?:the\s+)?[\w' ]{1,40})?:?$",
    re.I,
)
# under a bare heading, bullets that ask someone to act: a paper's own "It is recommended to note the report"
# does not
_ASKS_SOMEONE = re.compile(r"\b(?:should|must|ought\s+to|needs?\s+to|urge[sd]?|call(?:s|ed)?\s+on)\b", re.I)
_MIXED = re.compile(r"\b(?:findings|conclusions|observations)\b", re.I)


def bullets_under_lead_in(lines: Sequence[LineLike], asks: Callable[[str], bool]) -> list[Found]:
    """The first run of bullets after a lead-in or heading that names recommendations, as recommendations."""
    for index, line in enumerate(lines):
        text = line.text
        heading = line.kind in ("text", "section") and _HEADING.match(text) is not None
        lead_in = not heading and _is_lead_in(line)
        key_points = not heading and not lead_in and _is_key_points(line)
        if not heading and not lead_in and not key_points:
            continue
        items: list[tuple[int, int, str]] = []
        for other in lines[index + 1 :]:
            if other.kind == "blank":
                continue
            if other.kind != "bullet":
                break
            items.append((other.start, other.end, other.rest))
        if items and _MIXED.search(text):
            items = [item for item in items if asks(item[2])]
        if key_points:  # a committee's points: the findings among them ask nobody to act
            items = [
                item for item in items if _ASKS_SOMEONE.search(item[2]) or _RECOMMENDS_THAT.search(item[2])
            ]
        if heading and sum(1 for item in items if _ASKS_SOMEONE.search(item[2])) * 2 < len(items):
            continue  # a paper's own "Recommendations:" to its committee ("to note the report")
        if items:
            return app_numbered(items)
    return []


# where a paragraph's last sentence begins: the sentence that leads into the list
_LAST_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘'\"“(])")


# "… the recommendations of three task group reports on:": the bullets name the reports' subjects
_REPORTS_ON = re.compile(r"\breports?\s+(?:on|about|into)\s*:\s*$", re.I)


# "Key points made by the committee include:", "The inquiry's main findings are:"
_KEY_POINTS = re.compile(
    r"\b(?:key|main|principal)\s+(?:points|findings|conclusions)\b[^.!?]{0,80}[:–—-]\s*$", re.I
)
# the verb, not the noun: "recommends that it delay …" asks; "updates on each of the recommendations" does not
_RECOMMENDS_THAT = re.compile(r"\brecommend(?:s|ed)?\s+that\b", re.I)
_BODY = re.compile(r"\b(?:committee|panel|inquiry|inspectorate|review|report)\b", re.I)


def _is_key_points(line: LineLike) -> bool:
    """A lead-in to the points a committee or report makes, which mix findings and recommendations."""
    return line.kind == "text" and bool(_KEY_POINTS.search(line.text) and _BODY.search(line.text))


def _is_lead_in(line: LineLike) -> bool:
    """ "The Committee recommends that:", "… makes 16 recommendations, including" (not about the answers).
    In a paragraph, only its last sentence leads into the list: "… a response for each recommendation. The
    following points were made:" names no recommendations, but a short last sentence ("They are:") points back
    to the one before it, unless it reports what someone said ("In particular, she highlighted that:")."""
    sentences = _LAST_SENTENCE.split(line.text)
    text = sentences[-1] if len(sentences[-1].split()) > 6 else " ".join(sentences[-2:])
    return (
        line.kind == "text"
        and not _REPORTS_SPEECH.search(sentences[-1])
        and _LEAD_IN.search(text) is not None
        and _LEAD_IN_END.search(text) is not None
        and not _ABOUT_ANSWERS.search(text)
        and not _REPORTS_ON.search(text)
    )
