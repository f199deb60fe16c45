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
