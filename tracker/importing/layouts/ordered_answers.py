"""Answers that give no number, tied to the recommendations by their order, and only when they are as many.

Two layouts:

- a two-column table flattened into interleaved lines, each recommendation's line(s) followed by its
  response's, the response opening with a status:

      The Commissioner should publish the estates strategy before the budget.
      Agreed. The strategy will be published in January.
      The force should review the targets for answering 101 calls.
      Not agreed. The targets were reviewed last year.

  The asks are the recommendations (numbered by the app when the table gave no numbers), the responses
  their answers; the response lines never join the recommendation's text.
- a cabinet's or executive's resolution that answers each recommendation in turn without its number:

      The Cabinet resolved that:
      the recommendation on street lighting be accepted;
      the recommendation on the youth bus be accepted in part, subject to funding;
      the recommendation on CCTV be rejected.

Either is tied to the committee's recommendations in order only when the counts match, and flagged "answer
tied by order, not number"; otherwise each answer is kept with no number, for the officer to tie.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.layouts import Found, LineLike, app_numbered
from tracker.importing.layouts.statuses import has_status_line, opening_status

_ASKS = re.compile(r"\b(?:should|must|ought|needs?\s+to|recommends?|urges?|calls?\s+on)\b", re.I)
_HEADER = re.compile(
    r"^(?:\w+(?:['’]s)?\s+){0,2}recommendations?\s+(?:\w+(?:['’]s)?\s+){0,2}(?:response|reply)s?$", re.I
)
# one answer to one recommendation, in a resolution: "the recommendation on lighting be accepted", "that
# recommendation be noted", "The Executive accepted the recommendation on …"
_RECOMMENDATION_BE_DONE = (
    r"^(?:that\s+)?(?:the\s+|this\s+)?recommendation\b[^.;]{0,160}?\bbe\s+(?:accepted|agreed|supported|"
    r"noted|rejected|declined|not\s+accepted|accepted\s+in\s+part|partially\s+accepted)\b"
)
_BODY_ANSWERS_IT = (
    r"^(?:the\s+)?(?:cabinet|executive|council|commissioner|mayor|board)\s+(?:accept|agree|support|reject|"
    r"decline|note)(?:s|d|ed)?\s+(?:to\s+\w+\s+)?(?:this|the)\s+recommendation\b(?!s)"
)
_ONE_ANSWER = re.compile(f"{_RECOMMENDATION_BE_DONE}|{_BODY_ANSWERS_IT}", re.I)
_OPENS = re.compile(r"^[-•*▪◦●·–]\s+|^\(?[a-z0-9]{1,3}[.)]\s+", re.I)


def _body(line: LineLike) -> str:
    return line.rest if line.kind in ("bullet", "sub", "numbered") and line.rest else line.text


def interleaved_rows(lines: Sequence[LineLike]) -> list[tuple[list[LineLike], list[LineLike]]]:
    """The (recommendation lines, response lines) of each row of a flattened two-column table: the longest
    run of at least two rows in which an ask of at most four lines is followed straight away by a response
    that opens with a status; [] when the document has no such run."""
    best: list[tuple[list[LineLike], list[LineLike]]] = []
    rows: list[tuple[list[LineLike], list[LineLike]]] = []
    ask: list[LineLike] = []
    answer: list[LineLike] = []
    for line in lines:
        if line.kind in ("blank", "footnote", "separator", "contents", "log"):
            continue
        body = _body(line)
        if not body or _HEADER.match(body):
            continue
        if opening_status(body) is not None and ask and not answer and len(ask) <= 4:
            answer = [line]  # the response to the ask just read
        elif opening_status(body) is not None and not answer:
            best = max(best, rows, key=len)  # a status with no ask before it: the run, if any, ends
            rows, ask = [], []
        elif _ASKS.search(body) and (answer or not ask):
            if answer:
                rows.append((ask, answer))
            ask, answer = [line], []
        elif answer:
            answer.append(line)
        elif ask:
            ask.append(line)
    if ask and answer:
        rows.append((ask, answer))
    best = max(best, rows, key=len)
    return best if len(best) >= 2 else []


def resolution_answers(paragraphs: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """The paragraphs or items of a resolution that each answer one recommendation, in order; [] unless two
    or more stand together."""
    found = []
    for start, end in paragraphs:
        body = _OPENS.sub("", text[start:end].strip())
        if _ONE_ANSWER.search(body):
            found.append((start, end))
    return found if len(found) >= 2 else []


def interleaved_recommendations(lines: Sequence[LineLike]) -> list[Found]:
    """The recommendations of a flattened two-column table with no numbers, numbered by the app."""
    return app_numbered(
        [
            (ask[0].start, ask[-1].end, " ".join(_body(line) for line in ask))
            for ask, _ in interleaved_rows(lines)
        ]
    )


def response_starts(lines: Sequence[LineLike], text: str) -> frozenset[int]:
    """Where each response line of a flattened two-column table starts: never a recommendation's text. A
    text with no line that opens with a status has none (looked at once, before the lines one by one)."""
    if not has_status_line(text):
        return frozenset()
    return frozenset(line.start for _, answer in interleaved_rows(lines) for line in answer)
