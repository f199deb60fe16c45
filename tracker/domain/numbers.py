"""Recommendation numbers in the order people read them, and texts compared as people read them."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

_CHUNKS = re.compile(r"\d+|\D+")


def natural_key(number: str) -> tuple[tuple[int, int, str], ...]:
    """1, 2, 2a, 3, 10: digits compare as numbers, letters as letters (case aside)."""
    return tuple(
        (0, int(chunk), "") if chunk.isdigit() else (1, 0, chunk.lower())
        for chunk in _CHUNKS.findall(number.strip())
    )


def repeated(numbers: Sequence[str]) -> list[str]:
    """The numbers given more than once, each once, in natural order: a list to show, never to repair."""
    counts = Counter(numbers)
    return sorted((n for n, count in counts.items() if count > 1), key=natural_key)


def place_by_number(items: list[T], item: T, number_of: Callable[[T], str]) -> None:
    """Insert `item` before the first of `items` whose number comes after its own (natural order), so the
    others keep the order they have."""
    key = natural_key(number_of(item))
    for index, other in enumerate(items):
        if natural_key(number_of(other)) > key:
            items.insert(index, item)
            return
    items.append(item)


def is_number(text: str) -> bool:
    """A recommendation number as panels write them: 3, 12, 2a, B, R4, 4.1."""
    return bool(re.fullmatch(r"[A-Za-z]{0,2}[0-9]+(?:\.[0-9]+)?[A-Za-z]?|[A-Za-z]", text))


def normalised(text: str) -> str:
    """Words only, lower case: two texts that differ by spacing, line breaks or punctuation are the same."""
    return " ".join(re.findall(r"\w+", text.lower()))


def similarity(a: str, b: str) -> float:
    """0 to 1: how much of two texts' words are the same, in the same order."""
    return difflib.SequenceMatcher(None, normalised(a).split(), normalised(b).split(), autojunk=False).ratio()


def find_span(haystack: str | None, text: str) -> tuple[int, int] | None:
    """Where `text` stands in `haystack`, however the lines were broken there; None if it is not there."""
    words = text.split()
    if not haystack or not words:
        return None
    found = re.search(r"\s+".join(re.escape(w) for w in words), haystack)
    return (found.start(), found.end()) if found else None


def in_document_order(
    items: Sequence[T], span_of: Callable[[T], tuple[int, int]], number_of: Callable[[T], str]
) -> list[T]:
    """Items with a place in the document in the order they stand there; those without one (start == end)
    among them in number order."""
    placed = sorted((i for i in items if span_of(i)[1] > span_of(i)[0]), key=lambda i: span_of(i)[0])
    unplaced = [i for i in items if span_of(i)[1] <= span_of(i)[0]]
    for item in sorted(unplaced, key=lambda i: natural_key(number_of(i))):
        place_by_number(placed, item, number_of)
    return placed


def subpoint_letter(index: int) -> str:
    """What the papers print for the sub-point at `index` (from 0): a, b … z, then 27, 28 (its place)."""
    return chr(97 + index) if index < 26 else str(index + 1)


def subpoint_place(given: str, number: str, labels: Sequence[str]) -> int | None:
    """The place (from 1) of the sub-point `given` names among sub-points with these `labels` (as read, often
    empty), or None. Taken as printed: its place (2), its letter (b, (b), 2(b) for recommendation 2), or the
    label it was read with (roman ii where the report numbers them so)."""
    text = "".join(given.split()).lower()
    if number and text.startswith(f"{number.lower()}(") and text.endswith(")"):
        text = text[len(number) :]
    elif number and text.startswith(f"{number.lower()}."):  # past z the papers print 2.27
        text = text[len(number) + 1 :]
    text = text.removeprefix("(").removesuffix(")").removesuffix(".")
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text) if 1 <= int(text) <= len(labels) else None
    read = [label.strip().strip("().").lower() for label in labels]
    if text in read:
        return read.index(text) + 1
    printed = [subpoint_letter(i) for i in range(len(labels))]
    return printed.index(text) + 1 if text in printed else None
