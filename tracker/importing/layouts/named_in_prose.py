"""Replies written as running prose that name the recommendations they answer, with no headings:

    Members were told that the force was already addressing recommendation 2. With regard to
    recommendation 3 (youth shelters), officers confirmed that this was in place.
    Resolved that recommendations 2, 4 and 6 be accepted and the remaining recommendations, 7, 9 and 11,
    be noted. The Cabinet accepted the second recommendation, and the first and third recommendations.

A sentence that names recommendations by number ("recommendation 2", "recommendations 2, 4 and 6", "the
remaining recommendations, 7, 9 and 11", "Recommendations 5 to 7"), by ordinal word ("the second
recommendation", "the first and third recommendations") or by letter ("item (d) of the recommendations",
"recommendations E, F, G and J") starts a passage answering those numbers; the
sentences after it in the same paragraph go on answering them, until a sentence names others. A sentence
that names both kinds is tied to every number it names.
"""

from __future__ import annotations

import re

from tracker.importing.layouts.reply_headings import expand_numbers

_NUMBERS = r"\d{1,3}(?:\s*(?:,|&|\band\b|\bto\b|-|–)\s*\d{1,3}){0,20}"
# "recommendation 2", "recommendations 2, 4 and 6", "the remaining recommendations, 7, 9 and 11",
# "recommendations (3 and 4)"; never "recommendation 2.1" (a paragraph) nor "recommendations 2025/26"
_BY_NUMBER = re.compile(
    rf"\brecommendations?\s*(?:,\s*|\(\s*)?(?:nos?\.?\s*|numbers?\s+)?({_NUMBERS})(?!\d|[./]\d)",
    re.I,
)
_ORDINALS = {
    word: n
    for n, word in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],  # fmt: skip
        start=1,
    )
}
_ORDINAL = "|".join(_ORDINALS)
# at most a dozen ordinals in one run: a bound keeps a hostile "the first and the first and …" linear
_BY_ORDINAL = re.compile(
    rf"\bthe\s+((?:{_ORDINAL})(?:\s*(?:,|\band\b|&)\s*(?:the\s+)?(?:{_ORDINAL})){{0,12}})\s+recommendations?\b",
    re.I,
)
# a lettered recommendation: "recommendation (d)", "item (d) of the recommendations"
_BY_LETTER = re.compile(
    r"\brecommendation\s+\(([a-z])\)|\bitem\s+\(([a-z])\)\s+of\s+the\s+recommendations\b", re.I
)
# capital letters as printed: "recommendation A", "recommendations E, F, G and J" (a run of single capitals, so
# never a word that follows)
_BY_CAPITALS = re.compile(
    r"\b(?i:recommendations?)\s+([A-Z](?:\s*(?:,|&|\band\b|\bto\b|-|–)\s*[A-Z]){0,25})(?![\w’'-])"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘(])")
_CLAUSE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z“\"‘(])")


_VERDICT = re.compile(
    r"\b(?:accept|agree|support|reject|declin|note|endors|approv|adopt|implement|refus)\w*", re.I
)
_CLAUSE_BREAK = re.compile(r",?\s+(?:and|but|while|whereas)\s+|;\s*|,\s+")


def _mentions(sentence: str) -> list[tuple[int, int, list[str]]]:
    """(start, end, numbers) of each place the sentence names recommendations, in order."""
    found = [(m.start(), m.end(), expand_numbers(m.group(1))) for m in _BY_NUMBER.finditer(sentence)]
    found += [
        (m.start(), m.end(), [str(_ORDINALS[w.lower()]) for w in re.findall(_ORDINAL, m.group(1), re.I)])
        for m in _BY_ORDINAL.finditer(sentence)
    ]
    found += [
        (m.start(), m.end(), [(m.group(1) or m.group(2)).lower()]) for m in _BY_LETTER.finditer(sentence)
    ]
    found += [  # a lone "I" or "A" before a word in lower case is a pronoun or an article
        (m.start(), m.end(), _letters(m.group(1)))
        for m in _BY_CAPITALS.finditer(sentence)
        if not (m.group(1) in ("I", "A") and _PRONOUN_OR_ARTICLE.match(sentence, m.end()))
    ]
    return sorted(found)


# "the recommendations I received", "recommendation A new approach": a lower-case word that is no verb after it
_PRONOUN_OR_ARTICLE = re.compile(
    r"\s+(?!(?:is|was|has|had|have|will|would|should|can|could|may|must|and|or|to|of|in|on|be|been|are|were)\b)"
    r"[a-z]"
)


def _letters(run: str) -> list[str]:
    """The capitals a run names, a range spelt out: "B, C and F" -> B, C, F; "A to D" -> A, B, C, D."""
    letters: list[str] = []
    for m in re.finditer(r"([A-Z])(?:\s*(?:\bto\b|-|–)\s*([A-Z]))?", run):
        first, last = m.group(1), m.group(2) or m.group(1)
        letters += [chr(c) for c in range(ord(first), ord(last) + 1)] if last >= first else [first, last]
    return letters


def named_numbers(sentence: str) -> list[str]:
    """The recommendation numbers a sentence names, by number or by ordinal word, in the order named."""
    return list(dict.fromkeys(n for _, _, numbers in _mentions(sentence) for n in numbers))


def _pieces(sentence: str) -> list[tuple[int, list[str]]]:
    """The sentence cut before each later group of numbers it names, when each part gives its own verdict
    ("recommendations 4 and 5 be accepted and the remaining recommendations, 7 and 9, be noted"), as (where
    the part starts, its numbers); else the sentence whole."""
    mentions = _mentions(sentence)
    cuts = [0]
    for (_, previous_end, _), (start, _, _) in zip(mentions, mentions[1:], strict=False):
        breaks = list(_CLAUSE_BREAK.finditer(sentence, previous_end, start))
        if not breaks:
            return [(0, named_numbers(sentence))]
        cuts.append(breaks[-1].start())
    parts = [sentence[a:b] for a, b in zip(cuts, [*cuts[1:], len(sentence)], strict=True)]
    if len(parts) > 1 and all(_VERDICT.search(part) for part in parts):
        return [(cut, list(dict.fromkeys(m[2]))) for cut, m in zip(cuts, mentions, strict=True)]
    return [(0, named_numbers(sentence))] if mentions else []


def prose_sentences(text: str, start: int, end: int, clauses: bool = False) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each sentence between start and end. A paragraph ends at a blank line or at
    a line that ends a sentence; a sentence wrapped over lines (no end mark before the line break) is one.
    With `clauses`, a semicolon ends a sentence too (the items of a resolution, "(1) that …; (2) that …")."""
    boundaries, marks = (_CLAUSE_END, ".!?;") if clauses else (_SENTENCE_END, ".!?")
    sentences: list[tuple[int, int, int]] = []
    paragraph = 0
    offset = start
    for raw in text[start:end].split("\n"):
        line_start, line_end = offset, offset + len(raw)
        offset = line_end + 1
        if not raw.strip():
            paragraph += 1
            continue
        cut = line_start
        for boundary in boundaries.finditer(text, line_start, line_end):
            sentences.append((cut, boundary.start(), paragraph))
            cut = boundary.end()
        sentences.append((cut, line_end, paragraph))
        if re.search(r"[.!?]\s*$", raw):
            paragraph += 1
    joined: list[tuple[int, int, int]] = []
    for sentence in sentences:
        if (
            joined
            and joined[-1][2] == sentence[2]
            and not _ends_with(text, joined[-1][0], joined[-1][1], marks)
        ):
            joined[-1] = (joined[-1][0], sentence[1], sentence[2])
        else:
            joined.append(sentence)
    return [(s, e, p) for s, e, p in joined if text[s:e].strip()]


def _ends_with(text: str, start: int, end: int, marks: str) -> bool:
    """Whether text[start:end], trailing spaces aside, ends with one of the marks: looked at from its end, so
    a sentence that grows line by line is not read again at each line."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end > start and text[end - 1] in marks


def named_passages(text: str, known: set[str] | None = None) -> list[tuple[list[str], int, int]]:
    """(numbers, start, end) of each passage of the text that answers recommendations it names; against the
    committee's list (`known`), only numbers on it count."""
    passages: list[tuple[list[str], int, int]] = []
    open_paragraph: int | None = None
    for start, end, paragraph in prose_sentences(text, 0, len(text), clauses=True):
        pieces = _pieces(text[start:end])
        if known is not None:
            pieces = [(cut, [n for n in numbers if n in known]) for cut, numbers in pieces]
            pieces = [(cut, numbers) for cut, numbers in pieces if numbers]
        if not pieces:
            if open_paragraph == paragraph:
                passages[-1] = (passages[-1][0], passages[-1][1], end)
            else:
                open_paragraph = None
            continue
        if len(pieces) == 1 and passages and open_paragraph == paragraph and passages[-1][0] == pieces[0][1]:
            passages[-1] = (pieces[0][1], passages[-1][1], end)
        else:
            stops = [start + cut for cut, _ in pieces[1:]] + [end]
            passages.extend(
                (numbers, start + cut, stop) for (cut, numbers), stop in zip(pieces, stops, strict=True)
            )
        open_paragraph = paragraph
    return passages
