"""Reply paragraphs that answer a recommendation without giving its number.

- A report with one recommendation, answered by one unnumbered paragraph ("I accept the Panel's
  recommendation: the plan will be published in both languages on the same day") → tied to it.
- A response that quotes a recommendation in its prose ('The Panel recommended that "the force publishes its
  figures". They went online in May.') → tied to the recommendation whose words it repeats.
- "RESOLVED to accept all the recommendations" → one answer for them all.

Every tie made here is by subject, not number, and says so ("answer tied by subject, not number").
"""

from __future__ import annotations

import re

STOP_WORDS = {
    "the",
    "a",
    "an",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "for",
    "with",
    "that",
    "this",
    "be",
    "by",
    "is",
    "are",
    "as",
    "at",
    "it",
    "its",
    "should",
    "must",
    "will",
    "from",
}

_PROSE_TOKEN = re.compile(r"[^\W\d_]+(?:[&'’-][^\W\d_]+)*")
# words too common in titles to say which recommendation a sentence is about
_PROSE_STOP = STOP_WORDS | {
    "new",
    "recommended",
    "recommendation",
    "recommendations",
    "all",
    "more",
    "our",
    "their",
}


def _stem(word: str) -> str:
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in ("ations", "ation", "ings", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def subject_words(text: str) -> set[str]:
    return {_stem(w) for w in _PROSE_TOKEN.findall(text) if w.lower() not in _PROSE_STOP}


_SALUTATION = re.compile(r"^(?:dear\b|to:|from:|re:|subject:|our ref|your ref|date:)", re.I)
_CLOSING = re.compile(
    r"^(?:yours\s+(?:sincerely|faithfully)|kind\s+regards|best\s+wishes|with\s+best|regards\b)", re.I
)
# what an inspection's answer accepts all of: its recommendations, or its areas for improvement ("AFIs")
_ALL_OF = r"(?:recommendations|areas\s+for\s+improvement|AFIs)\b"
_BLANKET = re.compile(
    r"\b(?:accept(?:s|ed)?|agree(?:s|d)?(?:\s+to)?|support(?:s|ed)?)\s+(?:all|each)\s+(?:of\s+)?"
    rf"(?:the|its|your|their)\s+(?:\w+\s+){{0,6}}?{_ALL_OF}"
    # "agreed to accept the recommendations": the plural with no number and no exception names them all
    rf"|\b(?:agree(?:s|d)?\s+to\s+)?accept(?:s|ed)?\s+the\s+{_ALL_OF}"
    r"(?!\s*(?:\d|R\d|,?\s*(?:except|apart|other\s+than|save|but|with\s+the\s+exception)\b))"
    # in Welsh: accepting, supporting or meeting (all) the recommendations ("cyflawni'r argymhellion",
    # "derbyn pob un o'r argymhellion", "cefnogi'r holl argymhellion")
    r"|\b(?:derbyn|cefnogi|cyflawni|gweithredu)(?:\s+pob\s+un\s+o)?(?:['’]r|\s+yr)(?:\s+holl)?\s+argymhellion\b",
    re.I,
)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of the reply's body: blank lines part them, and so does a line that ends
    a sentence (a PDF leaves no blank lines). The salutation, the closing and what follows it are left out,
    and so are short lines that are not sentences (an address, a date, a name)."""
    spans: list[tuple[int, int]] = []
    start = None
    offset = 0
    for raw in text.split("\n"):
        line_start, line_end = offset, offset + len(raw)
        offset = line_end + 1
        stripped = raw.strip()
        if _CLOSING.match(stripped):
            break
        if not stripped or _SALUTATION.match(stripped):
            start = _close(spans, text, start, line_start)
            continue
        if start is None:
            start = line_start
        if re.search(r"[.!?:]\s*$", stripped):
            start = _close(spans, text, start, line_end)
    _close(spans, text, start, len(text))
    return spans


def _close(spans: list[tuple[int, int]], text: str, start: int | None, end: int) -> None:
    if start is not None:
        body = text[start:end].strip()
        if len(body.split()) >= 6 or re.search(r"[.!?]$", body):
            spans.append((start, start + len(text[start:end].rstrip())))
    return None


def blanket_answer(text: str) -> tuple[int, int] | None:
    """Where a reply answers every recommendation at once ("accept all the recommendations"): the paragraph."""
    m = _BLANKET.search(text)
    if m is None:
        return None
    for start, end in paragraphs(text):
        if start <= m.start() < end:
            return start, end
    return None


def tie_by_subject(text: str, known: dict[str, str]) -> list[tuple[list[str], int, int]]:
    """(numbers, start, end) of the body paragraphs tied to the recommendations they answer by subject.
    With one recommendation every body paragraph answers it (one passage). With more, a paragraph is tied to
    the one whose distinctive words it repeats most (at least three, and half of that recommendation's), or to
    every one it repeats nearly word for word ("had recommended that X and that Y. Both are done."); the
    paragraphs after it, until the next tie, go on answering it."""
    spans = paragraphs(text)
    if not spans or not known:
        return []
    if len(known) == 1:
        return [(list(known), spans[0][0], spans[-1][1])]
    words = {number: subject_words(recommendation) for number, recommendation in known.items()}
    passages: list[tuple[list[str], int, int]] = []
    for start, end in spans:
        said = subject_words(text[start:end])
        best, shared = None, 0
        quoted = []  # recommendations the paragraph repeats (nearly) word for word: it answers them together
        for number, wanted in words.items():
            overlap = len(wanted & said)
            if overlap >= 3 and 2 * overlap >= len(wanted) and overlap > shared:
                best, shared = number, overlap
            if overlap >= 3 and 10 * overlap >= 9 * len(wanted):
                quoted.append(number)
        tied = quoted if len(quoted) > 1 else [best] if best is not None else []
        if tied and not (passages and passages[-1][0] == tied):
            passages.append((tied, start, end))
        elif passages:
            passages[-1] = (passages[-1][0], passages[-1][1], end)
    return passages
