"""A news item or letter that reports a recommendation in a clause of its prose, often hard-wrapped:

    The Panel has written to the Commissioner, recommending that he publish the
    force's response times for each district.

A sentence whose subject is a committee, panel, inquiry or report (or "we") and which goes on ", recommending
…" or ", calling for …" (or "and recommends that …") is one recommendation, the whole sentence its text,
numbered by the app ("calling for the public to send views" asks for evidence, not of the policing body); so is
a news item's sentence "The Committee has called for (on) …" opened by the body. The
lines of a paragraph are joined first, so a sentence wrapped mid-way is read whole.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from tracker.importing.layouts import NAME_WORDS, Found, LineLike, app_numbered

# a sentence keeps its closing quote or bracket: '"… leaves." The Home Office …' is two sentences, the second
# not opening with the first one's quote mark
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"”’)]*|$)")
_ASIDE = re.compile(r"^\s*\([^()]{0,60}\)\s*")
_BODY = (
    r"(?:committee|panel|inquiry|review|report|commission|assembly|inspection|inspectorate|task\s+group|we)"
)
# the body's name may hold "and" ("The Police and Crime Committee"); "calling for …" and "calling on …" ask too
_RECOMMENDING = re.compile(
    rf"^\s*(?:the\s+)?{NAME_WORDS}{_BODY}\b[^.!?]{{0,200}}?,\s*(?:and\s+)?"
    r"(?:recommending\s+(?:that\s+|they\s+|it\s+|the\s+|[A-Z])"
    r"|calling\s+(?:for|on)\s+(?!the\s+(?:public|views|evidence)\b)(?:the\s+|[A-Z]))",
    re.I,
)

# a news item's "The Committee has called for the force to …" / "has called on the Commissioner to …"; not a
# call for evidence or views
_CALLED_FOR = re.compile(
    rf"^\s*(?:the\s+)?{NAME_WORDS}{_BODY}\s+(?:has|have)\s+(?:also\s+)?"
    r"called\s+(?:for|on)\s+(?!(?:the\s+)?(?:public|views|evidence|submissions|comments)\b)",
    re.I,
)


def recommending_clause(lines: Sequence[LineLike]) -> list[Found]:
    return app_numbered(
        [
            item
            for item in paragraph_sentences(lines)
            if _RECOMMENDING.match(item[2]) or _CALLED_FOR.match(item[2])
        ]
    )


def paragraph_sentences(lines: Sequence[LineLike]) -> list[tuple[int, int, str]]:
    """(start of its first line, end of its last line, the sentence) of each sentence of the text's
    paragraphs, the lines of a paragraph joined so that a wrapped sentence is read whole."""
    sentences: list[tuple[int, int, str]] = []
    for paragraph in _paragraphs(lines):
        text = " ".join(line.text for line in paragraph)
        offsets = []  # where each line's text begins in the joined paragraph
        at = 0
        for line in paragraph:
            offsets.append(at)
            at += len(line.text) + 1
        for m in _SENTENCE.finditer(text):
            sentence = _ASIDE.sub("", m.group(0)).strip()  # "(letter attached)" left from the sentence before
            first = (
                bisect_right(offsets, m.start()) - 1
            )  # the line the sentence starts on (a lookup, not a scan)
            last = bisect_left(offsets, m.end()) - 1  # and the line it ends on
            sentences.append((paragraph[first].start, paragraph[last].end, sentence))
    return sentences


def _paragraphs(lines: Sequence[LineLike]) -> list[list[LineLike]]:
    paragraphs: list[list[LineLike]] = [[]]
    for line in lines:
        if line.kind == "numbered":  # a numbered paragraph ("72. We were surprised …") opens a paragraph
            if paragraphs[-1]:
                paragraphs.append([])
            paragraphs[-1].append(line)
        elif line.kind == "text":
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]
