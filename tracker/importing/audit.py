"""Audit a reply against the committee's recommendations: which passage answers which recommendation.

A reply is cut into blocks at its recommendation headings ("Recommendation 9", "Recommendations 5 to 7",
"R8 and R9"), numbered items or table rows. In each block the restatement of the recommendation (when the
reply repeats it) is told apart from the answer. A block that only restates is answered by the next block
that answers (an implicit group, such as 9 and 10 in a reply that restates both and then answers once).
A cross-reference ("as per our response to Recommendation 6") is not a group. Each answer gets a suggested
disposition with the sentence that led to it, and its dated commitments.

Minutes and letters that list the recommendations as short numbered titles and then answer in running prose
are read sentence by sentence: a sentence answers the recommendations it names by number or by subject.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tracker.errors import BadInput
from tracker.importing.dates import dated_phrases
from tracker.importing.extract import (
    RESPONSE_LABEL,
    STATUS_LABEL,
    DocumentInfo,
    ExtractedRecommendation,
    Line,
    classify,
    document_info,
    extract_recommendations,
)
from tracker.importing.layouts import RESTATEMENT_NOT_FOUND, TIED_BY_ORDER, TIED_BY_SUBJECT
from tracker.importing.layouts.approved_range import approved_range, range_among_decisions
from tracker.importing.layouts.counted_headings import counted_headings
from tracker.importing.layouts.grouped_answer import grouped_answer
from tracker.importing.layouts.named_in_prose import named_numbers, named_passages, prose_sentences
from tracker.importing.layouts.ordered_answers import interleaved_rows, resolution_answers
from tracker.importing.layouts.pointed_paragraphs import ends_with_pointer
from tracker.importing.layouts.progress_notes import progress_answers
from tracker.importing.layouts.reply_headings import expand_numbers, heading_numbers, lettered_headings
from tracker.importing.layouts.reported_recommendations import reported_answers
from tracker.importing.layouts.run_on_items import run_on_cuts
from tracker.importing.layouts.statuses import opening_status, status_disposition
from tracker.importing.layouts.subject_ties import STOP_WORDS as _STOP
from tracker.importing.layouts.subject_ties import blanket_answer, paragraphs, subject_words, tie_by_subject
from tracker.importing.layouts.topic_paragraphs import topic_paragraphs
from tracker.importing.readers import DocumentText, document_from_text


@dataclass(frozen=True)
class Commitment:
    date: dt.date | None
    text: str


@dataclass(frozen=True)
class Passage:
    """A part of the reply that answers one or several recommendations."""

    numbers: tuple[str, ...]
    text: str  # the answer, without the restated recommendation
    disposition: str
    evidence: str
    commitments: tuple[Commitment, ...]
    start: int
    end: int
    grouping: str  # "single" | "heading" (several numbers in one heading) | "implicit" | "explicit" | "table"
    # why the reader is unsure of this tie ("answer tied by subject, not number", "restatement not found")
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecommendationAudit:
    number: str
    status: str  # "replied" | "missing"
    grouped_with: tuple[str, ...]
    disposition: str | None
    evidence: str
    commitments: tuple[Commitment, ...]
    passage: int | None  # index into ReplyAudit.passages


@dataclass(frozen=True)
class ReplyAudit:
    document: DocumentInfo
    recommendations: tuple[RecommendationAudit, ...]
    passages: tuple[Passage, ...]
    unknown_replies: tuple[str, ...]
    restatements: tuple[tuple[str, str], ...] = ()  # (number, the recommendation as the reply restates it)


class NoAnswersFound(BadInput):
    """A reply in which the app finds no passage it can tie to a recommendation: its import is refused, but
    what could be read goes with the refusal (`audit`: its date, and the recommendations it should answer,
    all missing), so the officer can tie the passages by hand."""

    def __init__(self, file_name: str, audit: ReplyAudit) -> None:
        super().__init__(
            "file",
            file_name,
            "has no replies the app can tie to recommendations (no 'Recommendation N' headings, "
            "numbered items or table rows)",
        )
        self.audit = audit


# ---- dispositions -------------------------------------------------------------------------------------
# "agree to consider", "agreed to look at": a promise to think about it, not an acceptance
_ONLY_TO_CONSIDER = r"(?!\s+to\s+(?:consider|look\s+(?:at|into)|review|explore|reflect|examine|discuss)\b)"
# "The Government agrees", "The Commissioner fully agrees": a reply written in the third person
_THIRD_PERSON_AGREES = r"\b(?:fully |absolutely |strongly |wholeheartedly )?agrees\b"
_PARTIAL = [
    r"\bpartial(?:ly)?\b",
    r"\bin part\b",
    r"\bpartly\b",
    r"\bto some extent\b",
    r"does not go into (?:this|that) level of detail",
    r"\bwe agree that\b",
    rf"{_THIRD_PERSON_AGREES} that\b",
    r"\b(?:agree|support)s?,?\s+in principle\b",
]
_NOT = [
    r"\bwill not\b",
    r"\bwon't\b",
    r"\bnot be (?:setting|setting any|introducing|adopting|publishing)\b",
    r"\bstopped short\b",
    r"\bopted against\b",
    r"\bdeclined?\b",
    r"\bnot accept(?:ed)?\b",
    r"\breject(?:ed)?\b",
    r"\bdo(?:es)? not (?:accept|agree|support|intend|propose|plan)\b",
    r"\bdisagree(?:s|d)?\b",
    r"\bno plans to\b",
    r"\bnot appropriate\b",
    r"\bnot (?:be(?:en)? )?supported\b",
    r"\bcannot (?:accept|agree|commit)\b",
    r"\bnot (?:be )?in a position to\b",
    r"\bni fyddwn\b",
]
_ACCEPT = [
    rf"\b(?:we|I) (?:fully |absolutely |strongly |wholeheartedly )?agree\b{_ONLY_TO_CONSIDER}",
    rf"{_THIRD_PERSON_AGREES}{_ONLY_TO_CONSIDER}",
    r"\baccept(?:ed|s)?\b",
    r"\bcommit(?:s|ted)? to\b",
    r"\bcommitted to\b",
    r"\b(?:is|are) reflected in\b",
    r"\breflects this\b",
    r"\b(?:the )?final plan (?:reflects|includes|sets out|contains)\b",
    r"\bwelcome the recommendation\b",
    r"\bwill be bringing forward\b",
    r"\bI can (?:assure|confirm)\b",
    r"\b(?:we|I) will (?:ensure|publish|include|introduce|set up|establish|convene|develop|deliver|provide|"
    r"implement|share|commission|report)\b",
    r"\bhas been (?:included|adopted|implemented)\b",
    r"\b(?:approval|agreement) (?:be|was|is|has been) given to\b",  # a cabinet's "that approval be given to …"
    # a resolution's "That the recommendations (1 to 6) … are approved", "be adopted"
    r"\brecommendations?\b[^.;]{0,200}?\b(?:be|are|is|were|was|been) (?:approved|adopted)\b",
    r"\bwe have (?:included|adopted|implemented|introduced)\b",
    rf"\bagreed\b{_ONLY_TO_CONSIDER}",
    r"\bcytuno\b",
]
_NOTED = [
    r"\bnoted?\b",
    # a resolution's "(b) notes the Task Group Report", "Cabinet notes the report": not "The Commissioner notes
    # the recommendation and will …", which is for the other cues
    r"(?:^\W*(?:\(?[a-z0-9]{1,2}\)\s*)?|\b(?:cabinet|committee|council|board|executive)\s+)notes\s+the\b",
    r"\bwill consider\b",
    r"\bagree(?:s|d)? to (?:consider|look (?:at|into)|review|explore|reflect|examine|discuss)\b",
    r"\bconsidering\b",
    r"\blooking at\b",
    r"\bunder review\b",
    r"\breflected (?:very )?carefully\b",
    r"\bcontinue to lobby\b",
    r"\bwill explore\b",
    r"\bexploring\b",
]
# Each cue's patterns all contain one of its words: a sentence with none of them cannot match, and is not
# searched (most sentences hold none, and the patterns are slow to try at every word).
_CUE_WORDS = {
    "partially accepted": (
        "partial", "in part", "partly", "to some extent", "level of detail", "agree", "principle",
    ),
    "not accepted": (
        "not", "won't", "stopped short", "opted against", "declin", "reject", "disagree", "no plans",
        "cannot", "ni fyddwn",
    ),
    "accepted": (
        "agree", "accept", "commit", "reflect", "final plan", "welcome", "bringing forward", "i can", "will",
        "has been", "we have", "cytuno", "given to", "approved", "adopted",
    ),
    "noted": ("note", "consider", "agree", "looking at", "under review", "reflected", "lobby", "explor"),
}  # fmt: skip
_CUES = [
    (category, re.compile("|".join(f"(?:{p})" for p in patterns), re.I), _CUE_WORDS[category])
    for category, patterns in (
        ("partially accepted", _PARTIAL),
        ("not accepted", _NOT),
        ("accepted", _ACCEPT),
        ("noted", _NOTED),
    )
]
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘(])")


def suggest_disposition(answer: str) -> tuple[str, str]:
    """(disposition, the sentence that led to it). Prefers "unclear" to a confident wrong guess."""
    sentences = [s.strip() for s in _SENTENCES.split(" ".join(answer.split())) if s.strip()]
    if sentences and (status := opening_status(sentences[0])):  # "Not agreed. …", "Ongoing."
        return status[0], sentences[0]
    lowered = [sentence.lower() for sentence in sentences]
    for category, pattern, words in _CUES:
        for sentence, low in zip(sentences, lowered, strict=True):
            if any(word in low for word in words) and pattern.search(sentence):
                if (
                    category == "accepted"
                    and re.search(r"\b(?:not|cannot)\b", sentence, re.I)
                    and not re.search(r"\bnot only\b", sentence, re.I)
                ):
                    continue  # "we do not accept" is caught above; a negated positive is no acceptance
                return category, sentence
    return "unclear", sentences[0] if sentences else ""


def table_disposition(cell: str) -> str | None:
    return status_disposition(cell)


# ---- restatements -------------------------------------------------------------------------------------
_WORD = re.compile(r"[a-zA-Zà-ÿŵŷ']+")
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|I|my|me|we're|we've|we'll)\b")
# the reply speaking, at the start of a sentence too ("We agree."); "US" and a lone "i" are not a speaker
_SPEAKER = re.compile(
    r"\b(?:[Ww]e(?:['’](?:re|ve|ll))?|[Oo]urs?|[Uu]s|I(?:['’](?:m|ve|ll|d))?|[Mm]y|[Mm]e)\b"
)
# the committee's voice inside the recommendation it restates ("We recommend that …", "I would urge …")
_COMMITTEE_VOICE = re.compile(
    r"\b(?:we|I)\s+(?:would\s+|therefore\s+|also\s+|strongly\s+)*(?:recommend|urge|ask)\b", re.I
)
_REC_LIKE = re.compile(r"\b(?:should|must|needs? to|recommends?|ought to|is asked to|dylai|dylid)\b", re.I)
_CLOSING = re.compile(
    r"^(?:Yours\s+(?:sincerely|faithfully)|I am grateful|I look forward|Thank you again|Kind regards|"
    r"Best wishes)",
    re.I,
)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP}


# a paragraph opening with a verdict answers; it never restates, however many of the recommendation's words it
# repeats ("Accepted. The plan will be published in Welsh and English at the same time.")
_VERDICT_OPENING = re.compile(
    r"^\W{0,3}(?:(?:not|partially|partly|fully)\s+)?(?:accepted|agreed|supported|rejected|declined)\b"
    r"|^\W{0,3}(?:I|the\s+(?:Commissioner|PCC|PFCC|Mayor|Government|Deputy\s+Mayor))\s+"
    r"(?:do(?:es)?\s+not\s+|partially\s+|fully\s+)?(?:accepts?|agrees?|supports?|rejects?)\b",
    re.I,
)


def _speakers(text: str) -> set[str]:
    """The first-person words of `text` ("we", "our", "I"), leaving out the committee's "we recommend"."""
    return {w.lower() for w in _SPEAKER.findall(_COMMITTEE_VOICE.sub(" ", text))}


def _is_restatement(
    paragraph: str,
    numbers: list[str],
    known: dict[str, ExtractedRecommendation] | None,
    restated: set[str] | frozenset[str] = frozenset(),
) -> bool:
    """Whether `paragraph` repeats the recommendation rather than answering it. `restated` holds the words of
    the paragraphs of the same block already taken as its restatement: a reply restates a recommendation
    once, so a paragraph that only echoes those words ("We agree. The final plan sets out how …") answers."""
    if _VERDICT_OPENING.match(paragraph):
        return False
    speaking = _speakers(paragraph)
    if known:
        words = _words(paragraph) - restated
        for number in numbers:
            rec = known.get(number)
            if rec is None:
                continue
            reference = rec.full_text + " " + (rec.text_cy or "")
            if speaking - _speakers(reference):
                continue  # the reply speaks ("we", "I") where the recommendation does not: an answer
            if words and len(words & _words(reference)) / len(words) >= 0.6:
                return True
        return False
    # without the committee's list: it reads like a recommendation (a modal verb, and nobody speaking)
    return bool(_REC_LIKE.search(paragraph)) and not speaking


# ---- the audit ----------------------------------------------------------------------------------------
@dataclass
class _Block:
    numbers: list[str]
    start: int
    end: int
    paragraphs: list[tuple[str, bool]]  # (text, is_bullet)
    status_cell: str | None = None
    inline: str = ""
    reply_at: int | None = None  # the paragraph where the reply starts, when the layout says so


def _table_rows(text: str) -> list[_Block]:
    blocks = []
    offset = 0
    for raw in text.split("\n"):
        start, end = offset, offset + len(raw)
        offset = end + 1
        if raw.count("|") < 2:
            continue
        cells = [c.strip() for c in raw.strip().strip("|").split("|")]
        cells = [c for c in cells if c != ""]
        if len(cells) < 2 or re.fullmatch(r"[-: ]+", "".join(cells)):
            continue
        first = re.sub(r"^(?:Recommendations?|R)\s*", "", cells[0], flags=re.I)
        if not re.match(r"^\d", first):
            continue  # the header row
        numbers = expand_numbers(first)
        status = table_disposition(cells[-1]) if len(cells) >= 3 else None
        answer_cells = cells[1:-1] if status else cells[1:]
        answer = answer_cells[-1] if answer_cells else ""
        blocks.append(
            _Block(numbers, start, end, [(answer, False)], status_cell=cells[-1] if status else None)
        )
    return blocks


def _reply_starts(paragraphs: list[tuple[str, bool]]) -> int | None:
    """Where the reply begins when the document says so: at a "Response:" label, or after the "(Paragraph 9)"
    that ends a committee conclusion restated in full. None when there is no such marker."""
    for position, (paragraph, _) in enumerate(paragraphs):
        if RESPONSE_LABEL.match(paragraph):
            return position
    for position, (paragraph, _) in enumerate(paragraphs):
        if ends_with_pointer(paragraph):
            return position + 1
    return None


_LABEL_AND_COLON = re.compile(r"^(?:Recommendations?|Rec\.?|R)\s?\d{1,4}\s*[:–—]", re.I)


def _blocks(text: str, lettered: bool = False) -> list[_Block]:
    """The blocks a reply answers under; `lettered` when the recommendations answered are lettered, so that
    a meeting's lettered resolution may answer them letter by letter."""
    lines = classify(text)
    replies = run_on_cuts(text)[1]
    heading_lines = []
    for index, line in enumerate(lines):
        if line.kind == "rec" and line.number and not line.number[:1].isdigit():
            heading_lines.append(
                (index, ([line.number], line.rest))
            )  # "AFI 7", "Action 2": the label is the number
            continue
        if line.kind in ("rec", "r") or (line.kind == "section" and heading_numbers(line.text)):
            parsed = heading_numbers(line.text)
            if parsed is None and line.kind == "rec":  # a row of a flattened table: "Panel comment 3 ..."
                parsed = ([line.number], line.rest)
            if parsed:
                heading_lines.append((index, parsed))
    if len(heading_lines) < 2:
        # "· R1: Arrange a presentation …": bullets that each open with a recommendation's label and a colon
        labelled = [
            (index, parsed)
            for index, line in enumerate(lines)
            if line.kind == "bullet"
            and _LABEL_AND_COLON.match(line.rest)
            and (parsed := heading_numbers(line.rest))
        ]
        if len(labelled) >= 2:  # the last answer ends with its bullet (and the lines it wraps onto)
            end = labelled[-1][0] + 1
            while end < len(lines) and lines[end].kind not in ("blank", "bullet"):
                end += 1
            return _blocks_at(lines[:end], labelled, replies)
    if len(heading_lines) < 2 and (letters := lettered_headings(lines, resolutions=lettered)):
        heading_lines = letters  # "a)", "b)": the answers to a lettered list of recommendations
    if len(heading_lines) < 2:
        numbered = [
            (i, ([line.number], line.rest)) for i, line in enumerate(lines) if line.kind == "numbered"
        ]
        if len(numbered) >= 2:
            heading_lines = numbered
        elif numbered and not heading_lines:
            # one numbered conclusion, restated up to its "(Paragraph 9)" and answered below it
            blocks = _blocks_at(lines, numbered, replies)
            if _reply_starts(blocks[0].paragraphs) not in (None, len(blocks[0].paragraphs)):
                return blocks
    return _blocks_at(lines, heading_lines, replies)


def _blocks_at(
    lines: tuple[Line, ...], heading_lines: list, replies: frozenset[int] = frozenset()
) -> list[_Block]:
    """The block under each heading; `replies` holds where a reply starts by the layout (a letter run into
    one paragraph, its reply straight after each "Recommendation 2 – paraphrase")."""
    blocks: list[_Block] = []
    for position, (index, (numbers, inline)) in enumerate(heading_lines):
        stop = heading_lines[position + 1][0] if position + 1 < len(heading_lines) else len(lines)
        paragraphs: list[tuple[str, bool]] = []
        status_cell = None
        if inline:
            paragraphs.append((inline, False))
        current: list[str] = []
        end = lines[index].end
        reply_at = None
        for line in lines[index + 1 : stop]:
            if line.kind in ("footnote", "separator", "statement"):
                continue
            if line.start in replies:
                if current:
                    paragraphs.append((" ".join(current), False))
                    current = []
                reply_at = len(paragraphs)
            if line.kind == "blank":
                if current:
                    paragraphs.append((" ".join(current), False))
                    current = []
                continue
            if _CLOSING.match(line.text):
                break
            end = line.end
            status = STATUS_LABEL.match(line.text)
            if status and table_disposition(status.group(1)):  # "Status: Accepted": a flattened status column
                status_cell = status.group(1)
                continue
            if line.kind in ("sub", "bullet"):
                if current:
                    paragraphs.append((" ".join(current), False))
                    current = []
                paragraphs.append((line.rest, True))
            else:
                # a line that starts in lower case continues the paragraph broken by a page
                if not current and paragraphs and line.text[:1].islower() and not paragraphs[-1][1]:
                    text_before, _ = paragraphs.pop()
                    current = [text_before]
                # text from a PDF has no blank lines: a new sentence on a new line starts a paragraph, and
                # so do a "Response:" label and the line after a "(Paragraph 9)" pointer (which a wrap can split)
                elif current and (
                    (re.search(r"[.!?:]$", current[-1]) and line.text[:1].isupper())
                    or RESPONSE_LABEL.match(line.text)
                    or ends_with_pointer(" ".join(current[-2:]))
                ):
                    paragraphs.append((" ".join(current), False))
                    current = []
                current.append(line.text)
        if current:
            paragraphs.append((" ".join(current), False))
        blocks.append(
            _Block(
                numbers, lines[index].start, end, paragraphs, status_cell, inline=inline, reply_at=reply_at
            )
        )
    return blocks


# ---- replies written as prose -------------------------------------------------------------------------
# Minutes and letters often list the recommendations as short numbered titles and then answer in running
# prose, naming them by number ("relating to recommendation 3") or by subject ("the two actions not
# supported were a single crime reporting line and the reform of ward panels"). The titles are then the
# recommendations restated, and each sentence of the prose answers the recommendations it names.
_PROSE_NUMBER = re.compile(
    r"\brecommendations?\s+(?:no\.?\s*)?(\d{1,3}(?:\s*(?:,|&|\band\b|\bto\b|-|–)\s*\d{1,3}){0,20})(?!\d)",
    re.I,
)
_TITLE_MAX_WORDS = 12


def _names_subject(title_words: set[str], sentence_words: set[str]) -> bool:
    """Most of a title's distinctive words (at least two, and two thirds of them) are in the sentence: one
    common word ("crime") is not enough."""
    if len(title_words) < 2:
        return False
    shared = len(title_words & sentence_words)
    return shared >= 2 and 3 * shared >= 2 * len(title_words)


def _is_title(block: _Block) -> bool:
    title = block.inline.strip()
    return bool(
        title
        and len(title.split()) <= _TITLE_MAX_WORDS
        and not re.search(r"[.!?;:]$", title)
        and not _VERDICT_OPENING.match(title)
        and table_disposition(title) is None
        and not _FIRST_PERSON.search(title)
    )


def _prose_reply(
    text: str, blocks: list[_Block], known: dict[str, ExtractedRecommendation] | None
) -> tuple[list[tuple[list[str], int, int]], dict[str, str]] | None:
    """When the last numbered items are only titles, numbered from 1, followed by prose: the passages of the
    prose, as (numbers, start, end), and the titles as restatements. Numbered items before the titles (an
    agenda item's number) are left out. None when the layout is not that, or the prose names none."""
    first = len(blocks) - 1
    if first < 0 or not _is_title(blocks[first]):
        return None
    while first > 0 and len(blocks[first - 1].paragraphs) == 1 and _is_title(blocks[first - 1]):
        first -= 1
    run = blocks[first:]
    if len(run) < 2 or [b.numbers for b in run] != [[str(i)] for i in range(1, len(run) + 1)]:
        return None
    if any(n in {b.numbers[0] for b in run} for b in blocks[:first] for n in b.numbers):
        return None
    last = run[-1]
    line_end = text.find("\n", last.start)
    if line_end < 0 or line_end >= last.end or not text[line_end : last.end].strip():
        return None  # no prose after the titles
    titles = {b.numbers[0]: b.inline.strip() for b in run}
    listed = set(titles) | set(known or ())
    title_words = {n: subject_words(t) for n, t in titles.items()}
    passages: list[tuple[list[str], int, int]] = []
    open_paragraph: int | None = None  # the paragraph of the passage that is still open
    for start, end, paragraph in prose_sentences(text, line_end + 1, last.end):
        sentence = text[start:end]
        named: list[str] = []
        for reference in _PROSE_NUMBER.finditer(sentence):
            named.extend(n for n in expand_numbers(reference.group(1)) if n in listed)
        words = subject_words(sentence)
        named.extend(n for n, title in title_words.items() if _names_subject(title, words))
        numbers = sorted(set(named), key=_number_order)
        if numbers:
            if passages and open_paragraph is not None and passages[-1][0] == numbers:
                passages[-1] = (numbers, passages[-1][1], end)  # more about the same recommendation(s)
            else:
                passages.append((numbers, start, end))
            open_paragraph = paragraph
        elif open_paragraph == paragraph:
            passages[-1] = (passages[-1][0], passages[-1][1], end)  # the same paragraph goes on
        else:
            open_paragraph = None  # context, not an answer
    if not passages:
        return None
    return passages, titles


_EXPLICIT_GROUP = re.compile(
    r"\b(?:group(?:ed|ing)?|answer(?:ed|ing)?|respond(?:ed|ing)?\s+to|address(?:ed|ing)?|tak(?:e|en|ing))\s+"
    r"(?:these|the(?:se)?\s+(?:two|three|four|\d+)|both|them|the\s+following)\b[^.]{0,40}\btogether\b",
    re.I,
)
_GROUP_WITH = re.compile(
    r"\bgroup(?:ed|ing)?\s+(?:this|it)\s+(?:together\s+)?with\s+(?:recommendations?|R)\s*(\d+)", re.I
)


def audit_reply(
    reply: DocumentText | str,
    recommendations: list[ExtractedRecommendation] | None = None,
    reply_date: dt.date | None = None,
) -> ReplyAudit:
    doc = document_from_text(reply) if isinstance(reply, str) else reply
    text = doc.text
    info = document_info(text, with_dates=False)  # the audit needs the date and reference, not every date
    known = {r.number: r for r in recommendations} if recommendations else None
    raw_blocks = _table_rows(text)
    table = len(raw_blocks) >= 2
    if not table:
        raw_blocks = _blocks(text, lettered=bool(known) and any(n.isalpha() and len(n) == 1 for n in known))
    passages: list[Passage] = []
    pending: list[_Block] = []  # blocks that only restate, waiting for the answer that covers them
    restated: dict[str, str] = {}
    reference_date = reply_date or info.date
    prose = None if table else _prose_reply(text, raw_blocks, known)
    if prose is not None:
        spans, restated = prose
        for numbers, start, end in spans:
            grouping = "explicit" if len(numbers) > 1 else "single"
            passages.append(_passage(text, numbers, start, end, grouping, reference_date))
    # a progress report's own numbered paragraphs under headings that name what is answered: tied to no number
    topics = [] if table or prose is not None else topic_paragraphs(classify(text))
    for start, end in topics:
        passages.append(_passage(text, [], start, end, "single", reference_date))
    # "That Recommendations 1 to 4 be approved:-" and then each restated under its heading: one answer
    ranged = None
    if not table and prose is None and not topics:
        ranged = approved_range(text, [(b.start, b.numbers) for b in raw_blocks])
    decided = None
    if not table and prose is None and not topics and ranged is None and raw_blocks:
        # "1. That the recommendations (1 to 6) … are approved. 2. That a task group be set up …"
        decided = range_among_decisions(
            [(b.start, b.end, " ".join(p for p, _ in b.paragraphs)) for b in raw_blocks]
        )
    if decided is not None:
        start, end, numbers = decided
        passages.append(_passage(text, numbers, start, end, "explicit", reference_date))
        for block in raw_blocks:  # "3. That recommendation 7 is rejected": a decision naming its own
            named = [n for n in named_numbers(text[block.start : block.end]) if n not in numbers]
            if named and block.start != start:
                grouping = "explicit" if len(named) > 1 else "single"
                passages.append(_passage(text, named, block.start, block.end, grouping, reference_date))
        raw_blocks = []  # the other decisions are the body's own arrangements
    if ranged is not None:
        start, end, numbers = ranged
        passages.append(_passage(text, numbers, start, end, "explicit", reference_date))
        for block in raw_blocks:
            for number in block.numbers:
                restated[number] = " ".join(p for p, _ in block.paragraphs)
    for block in raw_blocks if prose is None and not topics and ranged is None else ():
        answer_parts: list[str] = []
        in_restatement = True
        restated_words: set[str] = set()  # the words this block has restated so far
        restated_before = {n: restated.get(n) for n in block.numbers}
        reply_starts = None if table else _reply_starts(block.paragraphs)
        if reply_starts is None and block.reply_at is not None:
            reply_starts = block.reply_at
        for position, (paragraph, is_bullet) in enumerate(block.paragraphs):
            if reply_starts is not None:  # the document marks where the reply begins
                if position < reply_starts:
                    for number in block.numbers:
                        restated[number] = (restated.get(number, "") + " " + paragraph).strip()
                elif position == reply_starts:
                    answer_parts.append(RESPONSE_LABEL.sub("", paragraph, count=1))
                else:
                    answer_parts.append(paragraph)
                continue
            if table:
                answer_parts.append(paragraph)
                continue
            # bullets under a restated recommendation are its sub-points; under an inspection finding
            # ("AFI 7 – the force should …") they are the points made in reply
            labelled = not block.numbers[0][:1].isdigit()
            if in_restatement and (
                (is_bullet and position > 0 and not labelled)
                or _is_restatement(paragraph, block.numbers, known, restated_words)
            ):
                for number in block.numbers:
                    restated[number] = (restated.get(number, "") + " " + paragraph).strip()
                restated_words |= _words(paragraph)
                continue
            in_restatement = False
            answer_parts.append(paragraph)
        answer = "\n".join(answer_parts).strip()
        if not answer:
            pending.append(block)
            continue
        numbers = [n for b in pending for n in b.numbers] + block.numbers
        pending_restated = bool(pending)
        grouping = "table" if table else ("heading" if len(block.numbers) > 1 else "single")
        if pending:
            grouping = "explicit" if _EXPLICIT_GROUP.search(answer) else "implicit"
        start = pending[0].start if pending else block.start
        pending = []
        if block.status_cell:
            disposition = table_disposition(block.status_cell) or "unclear"
            evidence = f"status column: {block.status_cell}"
        else:
            disposition, evidence = suggest_disposition(answer)
        commitments = tuple(
            Commitment(p.date, p.text) for p in dated_phrases(answer, reference_date, relative=True)
        )
        # against the committee's list, an answer under a heading that repeats nothing of the recommendation
        # is tied by its number alone: worth a look
        unrestated = (
            known is not None
            and not table
            and not pending_restated
            and all(restated.get(n) == restated_before[n] for n in block.numbers)
        )
        passages.append(
            Passage(
                tuple(dict.fromkeys(numbers)),
                answer,
                disposition,
                evidence,
                commitments,
                start,
                block.end,
                grouping,
                (RESTATEMENT_NOT_FOUND,) if unrestated else (),
            )
        )
        link = _GROUP_WITH.search(answer)
        if link:
            passages = _merge_with(passages, link.group(1))
    if not passages and not table:  # no numbers to go by: a blanket answer, or answers tied by subject
        passages = _unnumbered_answers(text, known, reference_date)
    # restated but never answered: listed as missing, not silently joined to something else
    if known:
        committee_numbers = list(known)
    elif prose is not None:
        committee_numbers = list(restated)  # the titles: numbered items before them are not recommendations
    elif topics:
        committee_numbers = []  # the numbers count the report's paragraphs
    else:
        committee_numbers = list(dict.fromkeys([n for b in raw_blocks for n in b.numbers]))
    answered: dict[str, int] = {}
    for index, passage in enumerate(passages):
        for number in passage.numbers:
            answered.setdefault(number, index)
    unknown = tuple(n for n in answered if known is not None and n not in known)
    audits = []
    for number in sorted(committee_numbers, key=_number_order):
        index = answered.get(number)
        if index is None:
            audits.append(RecommendationAudit(number, "missing", (), None, "", (), None))
            continue
        passage = passages[index]
        audits.append(
            RecommendationAudit(
                number,
                "replied",
                tuple(n for n in passage.numbers if n != number),
                passage.disposition,
                passage.evidence,
                passage.commitments,
                index,
            )
        )
    return ReplyAudit(info, tuple(audits), tuple(passages), unknown, tuple(restated.items()))


def _passage(
    text: str,
    numbers: list[str],
    start: int,
    end: int,
    grouping: str,
    reference_date: dt.date | None,
    flags: tuple[str, ...] = (),
) -> Passage:
    """The passage text[start:end] answering `numbers`, with its suggested disposition and commitments."""
    answer = " ".join(text[start:end].split())
    disposition, evidence = suggest_disposition(answer)
    commitments = tuple(
        Commitment(p.date, p.text) for p in dated_phrases(answer, reference_date, relative=True)
    )
    return Passage(tuple(numbers), answer, disposition, evidence, commitments, start, end, grouping, flags)


def _unnumbered_answers(
    text: str, known: dict[str, ExtractedRecommendation] | None, reference_date: dt.date | None
) -> list[Passage]:
    """A reply with no headings, numbers or table: one answer to every recommendation ("accept all the
    recommendations"), sentences that name the recommendations they answer ("with regard to recommendation
    3", "the second recommendation"), or, against the committee's list, paragraphs tied by subject."""
    numbers = list(known or ())
    if span := blanket_answer(text):
        grouping = "explicit" if len(numbers) > 1 else "single"
        blanket = _passage(text, numbers, *span, grouping, reference_date, (TIED_BY_SUBJECT,))
        # "2.2 Vetting AFIs (3)" and the paragraphs under it: a group answered apart, tied by the officer
        groups = [
            _passage(text, [], start, end, "single", reference_date, (TIED_BY_SUBJECT,))
            for start, end in counted_headings(classify(text))
            if end <= span[0] or start >= span[1]
        ]
        return sorted([blanket, *groups], key=lambda p: p.start)
    if named := named_passages(text, set(known) if known else None):  # "with regard to recommendation 3"
        passages = [
            _passage(text, n, start, end, "explicit" if len(n) > 1 else "single", reference_date)
            for n, start, end in named
        ]
        if grouped := grouped_answer(text):
            # "(1) that the recommendations be noted" beside answers that name theirs: tied to none by number,
            # and ending where a passage that names its numbers begins ("(2) that recommendation 5 …")
            start, end = grouped[0], min([grouped[1], *(p.start for p in passages if p.start > grouped[0])])
            if not any(p.start <= start < p.end for p in passages) and text[start:end].strip():
                passages.append(_passage(text, [], start, end, "single", reference_date, (TIED_BY_SUBJECT,)))
                passages.sort(key=lambda p: p.start)
        return passages
    if ordered := _answers_in_order(
        text, numbers, reference_date
    ):  # no numbers, one answer per recommendation
        return ordered
    if progress := progress_answers(classify(text), text):  # "… this recommendation has been achieved"
        return _in_order_or_untied(text, numbers, progress, reference_date)
    if grouped := grouped_answer(text):  # "resolved that the recommendations be noted", "accepted all nine"
        start, end, count = grouped
        if count is not None and count != len(numbers):
            numbers = []  # it counts other recommendations than the list read: the officer ties it
        grouping = "explicit" if len(numbers) > 1 else "single"
        return [_passage(text, numbers, start, end, grouping, reference_date, (TIED_BY_SUBJECT,))]
    if not known:  # "The Panel recommended that … . I accept this.": the answer, for the officer to tie
        return [
            _passage(text, [], start, end, "single", reference_date) for start, end in reported_answers(text)
        ]
    ties = tie_by_subject(text, {n: r.full_text for n, r in known.items()})
    return [
        _passage(text, n, start, end, "single", reference_date, (TIED_BY_SUBJECT,)) for n, start, end in ties
    ]


def _answers_in_order(text: str, numbers: list[str], reference_date: dt.date | None) -> list[Passage]:
    """Answers with no numbers, one to each recommendation in turn (the responses of a table flattened into
    alternating lines, the items of a resolution): tied in order when they are as many as the
    recommendations, else each kept with no number for the officer to tie."""
    spans = [(answer[0].start, answer[-1].end) for _, answer in interleaved_rows(classify(text))]
    return _in_order_or_untied(
        text, numbers, spans or resolution_answers(paragraphs(text), text), reference_date
    )


def _in_order_or_untied(
    text: str, numbers: list[str], spans: list[tuple[int, int]], reference_date: dt.date | None
) -> list[Passage]:
    """Answers tied in order to the recommendations when as many, else each kept with no number."""
    if len(spans) == len(numbers):
        return [
            _passage(text, [n], start, end, "single", reference_date, (TIED_BY_ORDER,))
            for n, (start, end) in zip(numbers, spans, strict=True)
        ]
    return [_passage(text, [], start, end, "single", reference_date) for start, end in spans]


def _merge_with(passages: list[Passage], number: str) -> list[Passage]:
    """ "I have grouped this with Recommendation 5": the last passage joins the one that answers 5."""
    last = passages[-1]
    for index, passage in enumerate(passages[:-1]):
        if number in passage.numbers:
            merged = Passage(
                tuple(dict.fromkeys([*passage.numbers, *last.numbers])),
                passage.text + "\n" + last.text,
                passage.disposition,
                passage.evidence,
                passage.commitments + last.commitments,
                passage.start,
                last.end,
                "explicit",
            )
            return [*passages[:index], merged, *passages[index + 1 : -1]]
    return passages


def recommendations_from(document: DocumentText) -> list[ExtractedRecommendation]:
    return list(extract_recommendations(document).recommendations)


def _number_order(number: str) -> tuple[int, str]:
    digits = re.match(r"\d+", number)
    return (int(digits.group(0)) if digits else 10**6, number)
