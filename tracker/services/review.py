"""The review workspace's editing, without Qt: what the reader proposed, as the officer corrects it.

A `Review` holds the document's text and the proposed items (recommendations of a report, or passages of a
reply), always in the document's order (by start offset). The officer adds items from a selection of the
text, splits, merges, renumbers, removes, or sets items aside ("not a recommendation"); `problems()` says
what must be put right before saving, and `reviewed()` gives the edited extraction or audit, the indices of
the items the officer made, and what was set aside, for `ImportService` to store in one transaction.
Every change can be undone.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.domain.numbers import natural_key, repeated
from tracker.domain.types import DISPOSITIONS, REPLY, REPORT
from tracker.errors import BadInput
from tracker.importing.audit import Passage, RecommendationAudit, ReplyAudit, suggest_disposition
from tracker.importing.extract import ExtractedRecommendation, Extraction
from tracker.importing.readers import DocumentText
from tracker.services.importing import NOT_A_RECOMMENDATION, NOT_AN_ANSWER, REMOVED, SetAsideItem

# a heading the officer's selection may start with: "Recommendation 4:", "4.", "R4 -"
_LEADING_LABEL = re.compile(r"^(?:(?:Recommendations?|R)\s*)?\d{1,4}[a-z]?\s*[.:)\-–—]?\s+", re.I)


# An item the reader proposed and the officer left out: kept so a re-import leaves it out. `kind`
# "recommendation" or "reply"; `number` its number, or the numbers a passage was tied to ("3, 4"; None: none)
SetAside = SetAsideItem


@dataclass(frozen=True)
class ReviewItem:
    """A proposed recommendation (ExtractedRecommendation) or reply passage (Passage), and who made it."""

    value: ExtractedRecommendation | Passage
    by_officer: bool = False
    disposition: str | None = None  # the officer's choice for a passage; None keeps the reader's

    @property
    def start(self) -> int:
        return self.value.start

    @property
    def end(self) -> int:
        return self.value.end

    @property
    def label(self) -> str:
        """Its number, or the numbers a passage answers: what the list and the document show."""
        if isinstance(self.value, Passage):
            return ", ".join(self.value.numbers)
        return self.value.number

    @property
    def flags(self) -> tuple[str, ...]:
        return self.value.flags


@dataclass(frozen=True)
class Reviewed:
    """What the officer confirmed, as `ImportService.import_recommendations` / `import_reply` take it."""

    edited: Extraction | ReplyAudit
    by_officer: tuple[int, ...]
    set_aside: tuple[SetAside, ...]
    corrections: dict[int, str]  # a passage's index -> the disposition the officer chose


def clean(text: str) -> str:
    return " ".join(text.split())


class Review:
    def __init__(
        self, kind: str, document: DocumentText, analysis: Extraction | ReplyAudit, known: Sequence[str] = ()
    ) -> None:
        self.kind = kind
        self.document = document
        self.text = document.text
        self.analysis = analysis
        values = analysis.recommendations if kind == REPORT else analysis.passages
        self.items: list[ReviewItem] = sorted((ReviewItem(v) for v in values), key=lambda i: i.start)
        self.set_aside: list[SetAside] = []
        # the recommendations a reply can answer: those of the cycle, or those the reply restates
        self.known = tuple(known) or (
            tuple(r.number for r in analysis.recommendations) if kind == REPLY else ()
        )
        self._undo: list[tuple[list[ReviewItem], list[SetAside]]] = []

    # ---- reading ------------------------------------------------------------------------------------
    def item_at(self, offset: int) -> int | None:
        """The item whose text holds this offset of the document."""
        for index, item in enumerate(self.items):
            if item.start <= offset < item.end:
                return index
        return None

    def numbers(self) -> list[str]:
        return [item.value.number for item in self.items] if self.kind == REPORT else []

    def next_number(self) -> str:
        """The number after the highest plain number in use: what "Add as recommendation" proposes."""
        used = [int(n) for n in self.numbers() if n.isdigit()]
        return str(max(used, default=0) + 1)

    def proposed_number_at(self, offset: int) -> str:
        """For a selection at this offset: the number after the item before it, when that number is free,
        else the next free number."""
        before = [i for i in self.items if i.start < offset and i.value.number.isdigit()]
        if before:
            candidate = str(int(before[-1].value.number) + 1)
            if candidate not in self.numbers():
                return candidate
        return self.next_number()

    def problems(self) -> list[str]:
        """What must be put right before saving."""
        out = []
        if self.kind == REPORT:
            numbers = self.numbers()
            twice = repeated(numbers)
            if twice:
                out.append(f"recommendation {', '.join(twice)} is numbered twice: renumber one")
            if any(not n.strip() for n in numbers):
                out.append("a recommendation has no number")
            if not self.items:
                out.append("there is no recommendation left to save")
        else:
            if any(not item.value.numbers for item in self.items):
                out.append("a reply passage answers no recommendation: say which it answers, or set it aside")
            if not self.items:
                out.append("there is no reply passage left to save")
        return out

    def notes(self) -> list[str]:
        """What the officer may want to look at, without stopping the save."""
        if self.kind != REPLY:
            return []
        answered = {n for item in self.items for n in item.value.numbers}
        out = []
        missing = [n for n in self.known if n not in answered]
        if missing:
            out.append(f"no answer to {', '.join(missing)}")
        unknown = sorted(answered - set(self.known), key=natural_key) if self.known else []
        if unknown:
            out.append(f"answers to numbers never made: {', '.join(unknown)}")
        return out

    # ---- editing ------------------------------------------------------------------------------------
    def _save_state(self) -> None:
        self._undo.append((list(self.items), list(self.set_aside)))
        del self._undo[:-100]

    def undo(self) -> bool:
        if not self._undo:
            return False
        self.items, self.set_aside = self._undo.pop()
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def _place(self, item: ReviewItem) -> int:
        """Put an item in document order; its index."""
        self.items.append(item)
        self.items.sort(key=lambda i: (i.start, i.end))
        return self.items.index(item)

    def _selection(self, start: int, end: int) -> tuple[int, int, str]:
        start, end = max(0, min(start, end)), min(len(self.text), max(start, end))
        # leave out the blank space at either end of the selection
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if start >= end:
            raise BadInput("selection", "", "is empty: select the text in the document first")
        return start, end, self.text[start:end]

    def _check_free(self, start: int, end: int, ignore: int | None = None) -> None:
        for index, item in enumerate(self.items):
            if index != ignore and item.start < end and start < item.end:
                raise BadInput(
                    "selection",
                    clean(self.text[start:end])[:40],
                    f"overlaps {self._name(item)}: split or remove that first",
                )

    def _name(self, item: ReviewItem) -> str:
        if self.kind == REPORT:
            return f"recommendation {item.label}"
        return f"the answer to {item.label}" if item.label else "a reply passage"

    def _check_number(self, number: str, ignore: int | None = None) -> str:
        number = number.strip()
        if not number or len(number) > 20:
            raise BadInput("number", number, "must be between 1 and 20 characters")
        taken = [i.value.number for k, i in enumerate(self.items) if k != ignore]
        if number in taken:
            raise BadInput("number", number, "is already used by another recommendation")
        return number

    def add_recommendation(self, start: int, end: int, number: str | None = None) -> int:
        """The selected text becomes a recommendation; its index."""
        if self.kind != REPORT:
            raise BadInput("selection", "", "can only become a recommendation in a report")
        start, end, text = self._selection(start, end)
        self._check_free(start, end)
        number = self._check_number(number or self.proposed_number_at(start))
        value = ExtractedRecommendation(
            number=number,
            label=f"Recommendation {number}",
            text=clean(_LEADING_LABEL.sub("", text.strip(), count=1)),
            subpoints=(),
            asks=(),
            start=start,
            end=end,
        )
        self._save_state()
        return self._place(ReviewItem(value, by_officer=True))

    def add_subpoint(self, start: int, end: int, number: str) -> int:
        """The selected text becomes a sub-point of recommendation `number`; that recommendation's index."""
        start, end, text = self._selection(start, end)
        index = next((k for k, i in enumerate(self.items) if i.label == number), None)
        if self.kind != REPORT or index is None:
            raise BadInput("recommendation", number, "is not in this list")
        item = self.items[index]
        new_start, new_end = min(item.start, start), max(item.end, end)
        self._check_free(new_start, new_end, ignore=index)
        value = dataclasses.replace(
            item.value, subpoints=(*item.value.subpoints, clean(text)), start=new_start, end=new_end
        )
        self._save_state()
        self.items[index] = dataclasses.replace(item, value=value, by_officer=True)
        return index

    def answers(self, start: int, end: int, numbers: Sequence[str]) -> int:
        """A reply: the selected text answers these recommendations. A selection of a whole passage ties
        that passage to them; a selection of part of one is cut out of it as a passage of its own, as is a
        selection outside every passage. Its index."""
        numbers = tuple(dict.fromkeys(n.strip() for n in numbers if n.strip()))
        if self.kind != REPLY:
            raise BadInput("selection", "", "can only answer recommendations in a reply")
        if not numbers:
            raise BadInput("numbers", "", "are missing: say which recommendations this answers")
        start, end, text = self._selection(start, end)
        inside = next((k for k, i in enumerate(self.items) if i.start <= start and end <= i.end), None)
        self._save_state()
        if inside is not None:
            if self.text[self.items[inside].start : start].strip():
                inside = self._split(inside, start)[1]
            if self.text[end : self.items[inside].end].strip():
                self._split(inside, end)
            item = self.items[inside]
            # tied by the officer: the reader's doubt about the tie is settled
            value = dataclasses.replace(item.value, numbers=numbers, flags=())
            self.items[inside] = dataclasses.replace(item, value=value, by_officer=True)
            return inside
        try:
            self._check_free(start, end)
        except BadInput:
            self._undo.pop()
            raise
        disposition, evidence = suggest_disposition(text)
        value = Passage(
            numbers=numbers,
            text=clean(text),
            disposition=disposition,
            evidence=evidence,
            commitments=(),
            start=start,
            end=end,
            grouping="explicit" if len(numbers) > 1 else "single",
        )
        return self._place(ReviewItem(value, by_officer=True))

    def renumber(self, index: int, number: str) -> None:
        """A recommendation's number; for a passage, the numbers it answers ("3, 4")."""
        item = self.items[index]
        if self.kind == REPORT:
            number = self._check_number(number, ignore=index)
            value = dataclasses.replace(item.value, number=number, label=f"Recommendation {number}")
        else:
            numbers = tuple(n.strip() for n in re.split(r",|\band\b", number) if n.strip())
            if not numbers:
                raise BadInput("numbers", number, "are missing: say which recommendations this answers")
            value = dataclasses.replace(item.value, numbers=numbers, flags=())
        self._save_state()
        self.items[index] = dataclasses.replace(item, value=value, by_officer=True)

    def edit_text(self, index: int, text: str, subpoints: Sequence[str] | None = None) -> None:
        """The officer's wording of a recommendation (and its sub-points); its place in the document stays."""
        text = clean(text)
        if not text:
            raise BadInput("text", "", "is empty: a recommendation needs its text")
        item = self.items[index]
        value = dataclasses.replace(item.value, text=text)
        if subpoints is not None and isinstance(value, ExtractedRecommendation):
            value = dataclasses.replace(value, subpoints=tuple(clean(s) for s in subpoints if s.strip()))
        self._save_state()
        self.items[index] = dataclasses.replace(item, value=value, by_officer=True)

    def set_disposition(self, index: int, disposition: str) -> None:
        if self.kind != REPLY or disposition not in DISPOSITIONS:
            raise BadInput("disposition", disposition, f"is not one of: {', '.join(DISPOSITIONS)}")
        self._save_state()
        item = self.items[index]
        chosen = None if disposition == item.value.disposition else disposition
        self.items[index] = dataclasses.replace(item, disposition=chosen)

    def remove(self, index: int) -> None:
        """Drop an item. One the reader proposed is remembered as removed, so that importing the document
        again does not propose it again; one the officer made leaves nothing to remember."""
        item = self.items[index]
        self._save_state()
        if not item.by_officer:
            self.set_aside.append(self._aside(item, REMOVED))
        del self.items[index]

    def put_aside(self, index: int, reason: str | None = None) -> None:
        """Not a recommendation (or, in a reply, not an answer): left out, and remembered, so that
        importing the document again does not propose it again."""
        item = self.items[index]
        default = NOT_A_RECOMMENDATION if self.kind == REPORT else NOT_AN_ANSWER
        self._save_state()
        self.set_aside.append(self._aside(item, reason or default))
        del self.items[index]

    def _aside(self, item: ReviewItem, reason: str) -> SetAside:
        kind = "recommendation" if self.kind == REPORT else "reply"
        return SetAside(kind, item.label or None, item.value.text, reason)

    def split(self, index: int, at: int) -> tuple[int, int]:
        """Cut an item in two at this offset of the document. The first part keeps its number; the second
        is proposed the next free number (or, in a reply, answers the same numbers)."""
        item = self.items[index]
        if (
            not item.start < at < item.end
            or not self.text[item.start : at].strip()
            or not (self.text[at : item.end].strip())
        ):
            raise BadInput("cursor", str(at), "is not inside the text of that item: nothing to split")
        self._save_state()
        return self._split(index, at)

    def _split(self, index: int, at: int) -> tuple[int, int]:
        item = self.items[index]
        first_text, second_text = self.text[item.start : at], self.text[at : item.end]
        value = item.value
        if isinstance(value, Passage):
            first = dataclasses.replace(value, text=_part_text(value.text, first_text), end=at)
            disposition, evidence = suggest_disposition(second_text)
            second = dataclasses.replace(
                value,
                text=clean(second_text),
                start=at,
                disposition=disposition,
                evidence=evidence,
                commitments=(),
                flags=(),
            )
        else:
            in_second = tuple(s for s in value.subpoints if clean(s) in clean(second_text))
            keep = tuple(s for s in value.subpoints if s not in in_second)
            first = dataclasses.replace(
                value, text=_part_text(value.text, _without(first_text, keep)), subpoints=keep, end=at
            )
            number = self.next_number()
            second = ExtractedRecommendation(
                number=number,
                label=f"Recommendation {number}",
                text=clean(_LEADING_LABEL.sub("", _without(second_text, in_second).strip(), count=1)),
                subpoints=in_second,
                asks=tuple(a for a in value.asks if clean(a.text) in clean(second_text)),
                start=at,
                end=item.end,
                text_cy=None,
            )
        self.items[index] = dataclasses.replace(item, value=first, by_officer=True)
        self.items.insert(index + 1, ReviewItem(second, by_officer=True))
        return index, index + 1

    def merge_with_next(self, index: int) -> int:
        """Join an item with the one after it (the reader cut one recommendation in two)."""
        if not 0 <= index < len(self.items) - 1:
            raise BadInput("item", str(index + 1), "has no item after it to merge with")
        item, after = self.items[index], self.items[index + 1]
        a, b = item.value, after.value
        text = clean(f"{a.text} {b.text}")
        if isinstance(a, Passage):
            value = dataclasses.replace(
                a,
                numbers=tuple(dict.fromkeys((*a.numbers, *b.numbers))),
                text=text,
                commitments=(*a.commitments, *b.commitments),
                end=max(a.end, b.end),
                flags=tuple(dict.fromkeys((*a.flags, *b.flags))),
            )
        else:
            value = dataclasses.replace(
                a,
                text=text,
                subpoints=(*a.subpoints, *b.subpoints),
                asks=(*a.asks, *b.asks),
                end=max(a.end, b.end),
                flags=tuple(dict.fromkeys((*a.flags, *b.flags))),
            )
        self._save_state()
        self.items[index : index + 2] = [dataclasses.replace(item, value=value, by_officer=True)]
        return index

    # ---- the result ---------------------------------------------------------------------------------
    def reviewed(self) -> Reviewed:
        """The edited extraction or audit, in the document's order. Refused while `problems()` is not empty."""
        problems = self.problems()
        if problems:
            raise BadInput("review", "", "; ".join(problems))
        items = sorted(self.items, key=lambda i: (i.start, i.end))
        by_officer = tuple(k for k, i in enumerate(items) if i.by_officer)
        # an item left out whose text an item of the reader's keeps (a duplicate removed) is not remembered:
        # it would leave out the one kept as well
        kept = {clean(i.value.text).lower() for i in items if not i.by_officer}
        set_aside = tuple(s for s in self.set_aside if clean(s.text).lower() not in kept)
        if self.kind == REPORT:
            edited = dataclasses.replace(self.analysis, recommendations=tuple(i.value for i in items))
            return Reviewed(edited, by_officer, set_aside, {})
        passages = tuple(i.value for i in items)
        corrections = {k: i.disposition for k, i in enumerate(items) if i.disposition}
        edited = dataclasses.replace(
            self.analysis,
            passages=passages,
            recommendations=_audits(self.known, passages, corrections),
            unknown_replies=tuple(
                dict.fromkeys(n for p in passages for n in p.numbers if self.known and n not in self.known)
            ),
        )
        return Reviewed(edited, by_officer, set_aside, corrections)


def _audits(
    known: Sequence[str], passages: Sequence[Passage], corrections: dict[int, str]
) -> tuple[RecommendationAudit, ...]:
    """Each known recommendation: the first passage that answers it, or missing."""
    out = []
    for number in known:
        index = next((k for k, p in enumerate(passages) if number in p.numbers), None)
        if index is None:
            out.append(RecommendationAudit(number, "missing", (), None, "", (), None))
            continue
        passage = passages[index]
        out.append(
            RecommendationAudit(
                number,
                "replied",
                tuple(n for n in passage.numbers if n != number),
                corrections.get(index, passage.disposition),
                passage.evidence,
                passage.commitments,
                index,
            )
        )
    return tuple(out)


def _part_text(reader_text: str, part: str) -> str:
    """The reader's text where the part still holds all of it (the cut came after it), else the part."""
    if clean(reader_text) in clean(part):
        return clean(reader_text)
    return clean(_LEADING_LABEL.sub("", part.strip(), count=1))


def _without(text: str, subpoints: Sequence[str]) -> str:
    flat = clean(text)
    for sub in subpoints:
        flat = flat.replace(clean(sub), "")
    return flat
