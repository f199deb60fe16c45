"""Extract numbered recommendations, and the document's own date, reference and dates, from a letter or report.

Real documents are conversions of PDFs and Word files: markdown noise, footnote markers, broken lines. The
extractor works line by line: it classifies each line (a recommendation heading, a numbered item, a
sub-point, a section heading, a footnote, plain text), decides which numbering style the document uses for
its recommendations, then gathers each recommendation's text and sub-points. What is not a recommendation
(the report's own numbered sections, its request that the committee note something, footnotes, contact
blocks, committee statements between recommendations) is left out.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import repeat

from tracker.domain.numbers import normalised
from tracker.errors import BadInput
from tracker.importing.dates import Sentences, dated_phrases, find_dates
from tracker.importing.layouts import NO_ASKING_VERB, NUMBERED_BY_APP, Found
from tracker.importing.layouts.agreed_in_prose import agreed_in_prose
from tracker.importing.layouts.approval_conditions import approval_conditions
from tracker.importing.layouts.approved_numbers import approved_numbers
from tracker.importing.layouts.code_rows import code_rows
from tracker.importing.layouts.contents_lines import is_contents_line
from tracker.importing.layouts.counted_clauses import counted_clauses
from tracker.importing.layouts.document_date import (
    labelled_date,
    leading_date,
    letter_title_date,
    narrated_date,
    salutation_date,
    stamped_date,
    weekday_date,
)
from tracker.importing.layouts.gap_numbers import gap_number
from tracker.importing.layouts.heading_bullets import bullets_under_lead_in
from tracker.importing.layouts.inline_series import inline_series
from tracker.importing.layouts.lettered import lettered_lists
from tracker.importing.layouts.numbers_in_minutes import numbers_in_minutes
from tracker.importing.layouts.ordered_answers import interleaved_recommendations, response_starts
from tracker.importing.layouts.own_decisions import own_decisions
from tracker.importing.layouts.own_request import asks_own_meeting, is_own_request, own_body_acts
from tracker.importing.layouts.plain_lines import plain_lines
from tracker.importing.layouts.pointed_paragraphs import (
    PARAGRAPH_POINTER,
    ends_with_pointer,
    pointed_paragraphs,
)
from tracker.importing.layouts.progress_notes import progress_notes
from tracker.importing.layouts.prose_asks import prose_asks
from tracker.importing.layouts.quoted_extracts import quoted_extracts
from tracker.importing.layouts.recommending_clause import recommending_clause
from tracker.importing.layouts.reported_obligations import reported_obligations
from tracker.importing.layouts.reported_recommendations import reported_recommendations
from tracker.importing.layouts.run_on_items import run_on_cuts
from tracker.importing.layouts.single import single_recommendation
from tracker.importing.layouts.spoken_minutes import reports_speakers
from tracker.importing.layouts.stated_asks import stated_asks
from tracker.importing.layouts.status_log import is_log_entry, logged_recommendations
from tracker.importing.layouts.statutory_dates import states_the_law
from tracker.importing.layouts.titled_items import titled_items
from tracker.importing.readers import DocumentText, document_from_text

# ---- results ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ask:
    date: dt.date | None
    text: str


@dataclass(frozen=True)
class DatedContext:
    date: dt.date
    context: str


class LazyDates(Sequence[DatedContext]):
    """The dates of a document with their sentences, found the first time they are read: extracting and
    auditing need only the document's own date, and a long document holds thousands. Reads as a tuple
    (compares equal to one, hashes like one)."""

    def __init__(self, find: Callable[[], tuple[DatedContext, ...]]) -> None:
        self._find: Callable[[], tuple[DatedContext, ...]] | None = find
        self._found: tuple[DatedContext, ...] = ()

    def _all(self) -> tuple[DatedContext, ...]:
        if self._find is not None:
            self._found, self._find = self._find(), None
        return self._found

    def __getitem__(self, index):  # type: ignore[override]
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[DatedContext]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())


@dataclass(frozen=True)
class DocumentInfo:
    date: dt.date | None
    reference: str | None
    reply_requested_by: dt.date | None
    dates: Sequence[DatedContext]  # a tuple, or LazyDates: found when first read


@dataclass(frozen=True)
class ExtractedRecommendation:
    number: str
    label: str
    text: str
    subpoints: tuple[str, ...]
    asks: tuple[Ask, ...]
    start: int
    end: int
    text_cy: str | None = None
    # why the reader is unsure of this item, in words the officer reads in the review workspace
    # ("numbered by the app", "lettered list read as recommendations", "no asking verb")
    flags: tuple[str, ...] = ()

    @property
    def full_text(self) -> str:
        return " ".join([self.text, *self.subpoints])


@dataclass(frozen=True)
class Extraction:
    document: DocumentInfo
    recommendations: tuple[ExtractedRecommendation, ...]
    statements: tuple[
        str, ...
    ] = ()  # committee statements found between recommendations (not recommendations)
    # what the reader was unsure of: a list left out as not recommendations, a text cut off by the document's end
    warnings: tuple[str, ...] = ()


class NothingFound(BadInput):
    """A document with no recommendations the app can find: its import is refused, but what could be read
    goes with the refusal (`extraction.document`: its date, reference, reply-by date and other dates)."""

    def __init__(self, file_name: str, extraction: Extraction) -> None:
        date = extraction.document.date
        dated = f" (it is dated {date.day} {date:%B %Y})" if date else ""
        super().__init__(
            "file",
            file_name,
            f"has no recommendations that the app can find{dated} (looked for numbered, lettered and labelled "
            "lists, bullets after a lead-in, and a panel's asks in prose); tracker extract still lists its dates",
        )
        self.extraction = extraction
        self.document = extraction.document


# ---- line classification ------------------------------------------------------------------------------
HEADING_WORDS = (
    r"(?:Recommendations?|Rec\.?(?=\s*R?\s?\d)|Argymhelliad|Argymhellion|Areas?\s+for\s+improvement|"
    r"Actions?\s+for\s+further\s+improvement(?:\s*\(AFI\))?|AFI|Action|Finding|Conclusion)"
)
# labels other than "Recommendation" keep their name in the number: "AFI 3" and "Recommendation 3" differ
SHORT_LABELS = (
    (re.compile(r"^(?:areas?\s+for\s+improvement|actions?\s+for\s+further\s+improvement|afi)", re.I), "AFI"),
    (re.compile(r"^action", re.I), "Action"),
    (re.compile(r"^finding", re.I), "Finding"),
    (re.compile(r"^conclusion", re.I), "Conclusion"),
)
LEAD_IN = re.compile(r"\bas\s+follows\s*[:.]?\s*$|^resolved\s*:?\s*$", re.I)
RECOMMEND_WORD = re.compile(r"\brecommend\w*\b", re.I)


def is_lead_in(text: str) -> bool:
    """ "…we make the following recommendations:", "as follows", "Resolved:". The "recommend…:" form is
    checked from the end of the line (a "recommend" word after the last full stop, the line ending in a
    colon or dash), so a long line full of "Recommendation" costs one pass, not one per occurrence."""
    lowered = text.lower()  # the pattern is tried only where its words are: most lines hold neither
    if ("follows" in lowered or lowered.lstrip().startswith("resolved")) and LEAD_IN.search(text):
        return True
    stripped = text.rstrip()
    return (
        stripped[-1:] in (":", "–", "—", "-")
        and RECOMMEND_WORD.search(stripped, stripped.rfind(".") + 1) is not None
    )


# Recommendation numbers run to four digits (a long report can pass 999). A year is no recommendation
# number: "Recommendations 2025/26" is a title, and "2026. The ..." is a sentence wrapped after "by March".
REC_HEADING = re.compile(
    rf"^{HEADING_WORDS}\s+(?:R\s?)?(?!(?:19|20)\d\d[/\-–]\d)(\d{{1,4}}(?:\.\d{{1,3}})?[a-z]?)\b\s*[:.\-–—]?\s*(.*)$",
    re.I,
)
R_LABEL = re.compile(r"^R\s?(\d{1,4})\b\s*[:.)\-–—]?\s*(.*)$")
# "1. Recommend …", and "1.Recommend …" where a PDF or Word conversion lost the space (a capital and a small
# letter after the full stop: "1.1" and "1.A" are section numbers)
NUMBERED = re.compile(r"^(?!(?:19|20)\d\d\.)(\d{1,4})(?:[.)]\s+(?!\d)|\.(?=[A-Z][a-z]))(.*)$")
# "1900. ..." is a recommendation after all when the numbering before it reached 1899
YEAR_NUMBERED = re.compile(r"^((?:19|20)\d\d)\.\s+(?!\d)(.*)$")
LETTERED = re.compile(r"^\(?([a-z]|[ivx]{1,5})\)\s+(.*)$", re.I)
LETTERED_DOT = re.compile(r"^([a-h])\.\s+(.*)$")
BULLET = re.compile(r"^[-•*▪◦●·–]\s+(.*)$")
O_BULLET = re.compile(r"^o\s+(.*)$")
SECTION_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?\s+\S")
FOOTNOTE = re.compile(r"^\s*(?:<sup>\s*\d+\s*</sup>|\[\^?\d+\]|\^\d+)")
STATEMENT = re.compile(
    r"^(?:The|This|Our)\s+(?:Committee|Panel)\s+(?:will|intends|plans|is\s+to|aims)\b", re.I
)
ITALIC_STATEMENT = re.compile(r"(?<!\*)\*(?!\*)\s*((?:The|This)\s+(?:Committee|Panel)\s+will[^*]*?)\*(?!\*)")
CONTACT = re.compile(
    r"^(?:Contact Officer|Telephone|Tel|E-?mail|List of Background Papers|Local Government \(Access)", re.I
)
# the label before a reply: "Response:", "Government response:", "Response from the Commissioner:"
RESPONSE_WORDS = (
    r"(?:(?:The\s+)?(?:[Gg]overnment|GOVERNMENT|Commissioner|PCC|PFCC)(?:['’]s)?\s+)?"
    r"(?:[Rr]esponse|RESPONSE|[Rr]eply|REPLY)"
    r"(?:\s+(?:from|of|by)\s+(?:the\s+)?[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|and|for|of)){0,6})?\s*:"
)
# a two-column table flattened into running text, each cell labelled by its row: "Panel comment 1 <the
# recommendation> Commissioner's response 1 <the reply> Panel comment 2 ...", and "Status: Accepted" where the
# table had a status column. The labels carry no colon, so only a left label followed by the right label of
# the same number counts (see split_run_on). Each word is spelt out: no unbounded repeat sits next to another.
ROW_LEFT_WORDS = (
    r"(?:(?:Panel|PANEL|PCP)[ \t]+(?:[Cc]omment|COMMENT|[Rr]ecommendation|RECOMMENDATION)"
    r"|Comment|COMMENT|Recommendation|RECOMMENDATION)"
)
ROW_RIGHT_WORDS = (
    r"(?:(?:The[ \t]+)?(?:Commissioner|Mayor|Government|PCC|PFCC|OPCC)(?:['’]s)?[ \t]+(?:[Rr]esponse|RESPONSE)"
    r"|Response|RESPONSE)"
)
_ROW_NUMBER = r"[ \t]+(\d{1,4})\b(?![.,/]\d)[ \t]*[:.\-–—]?"
ROW_HEADING = re.compile(rf"^{ROW_LEFT_WORDS}{_ROW_NUMBER}\s*(.*)$")
RESPONSE_LABEL = re.compile(rf"^(?:{RESPONSE_WORDS}|{ROW_RIGHT_WORDS}{_ROW_NUMBER})\s*")
# a response that numbers its own paragraphs: in "1. Recommendation 1: …" and "2. Government response: …" the
# numbers 1 and 2 are the response's paragraphs, not recommendations
_PARAGRAPH_NUMBER_BEFORE_LABEL = re.compile(
    rf"^\d{{1,3}}\.\s+(?=(?:Recommendation|Conclusion)\s+\d{{1,4}}\s*[:.]\s|{RESPONSE_WORDS})", re.I
)
STATUS_LABEL = re.compile(r"^Status[ \t]*:[ \t]*(.*)$", re.I)
_ROW_MARKER = re.compile(
    rf"(?<![^\s])(?:\*\*)?(?:(?P<left>{ROW_LEFT_WORDS})|(?<!the )(?P<right>{ROW_RIGHT_WORDS}))[ \t]+(?P<n>\d{{1,4}})\b"
    r"(?![.,/]\d)|(?<![^\s])(?P<status>Status[ \t]*:)",
)
# run-on replies ("Recommendation 1: ... Response: ... Recommendation 2: ...") carry their markers mid-line
_RUN_ON_MARKER = re.compile(
    rf"(?P<rec>(?<![^ \t\n])(?:\*\*)?Recommendation[ \t]+\d{{1,4}}[ \t]*:)"
    rf"|(?:^|(?<=[.!?)\"”’*])[ \t]+)(?P<response>(?:\*\*)?{RESPONSE_WORDS})",
    re.M,
)


def split_run_on(text: str) -> str:
    """A reply written as one run of text, "Recommendation 1: <text> Response: <reply> Recommendation 2: ...",
    or a flattened table, "Panel comment 1 <text> Commissioner's response 1 <reply> ...", with a line break
    before each marker. Only a recommendation marker followed by a reply marker counts (the pair is the
    signal), and only the space before a marker is replaced, so every offset stays the same."""
    cuts = list(_row_table(text)[1])  # a copy: the cached list is shared
    cuts.extend(run_on_cuts(text)[0])  # "… Recommendation 1 – paraphrase. The reply … Recommendation 2 – …"
    if "Recommendation" in text and re.search(r"(?i)response|reply", text):
        markers = [(m.group("rec") is not None, m.start("rec") if m.group("rec") else m.start("response"))
                   for m in _RUN_ON_MARKER.finditer(text)]  # fmt: skip
        for (is_rec, start), (next_is_rec, next_start) in zip(markers, markers[1:], strict=False):
            if is_rec and not next_is_rec:
                cuts.extend(
                    p - 1
                    for p in (start, next_start)
                    if p > 0 and text[p - 1] in " \t" and not _after_paragraph_number(text, p)
                )
    if not cuts:
        return text
    chars = list(text)
    for position in cuts:
        chars[position] = "\n"
    return "".join(chars)


def _after_paragraph_number(text: str, position: int) -> bool:
    """The marker follows nothing on its line but a paragraph number ("1. Recommendation 1: …"): the line
    already starts where it should, and cutting it would leave "1." alone, read as a recommendation."""
    window_start = max(0, position - 8)  # a paragraph number is short: look no further back (linear time)
    segment = text[window_start:position]
    newline = segment.rfind("\n")
    if newline >= 0:
        segment = segment[newline + 1 :]
    elif window_start > 0:
        return False  # the line began before the window: more than a number comes before the marker
    return bool(_PARAGRAPH_NUMBER.fullmatch(segment))


_PARAGRAPH_NUMBER = re.compile(r"\s*\d{1,3}\.\s*")


@lru_cache(maxsize=4)
def _row_table(text: str) -> tuple[bool, list[int]]:
    """Whether the text is a flattened table labelled by row (a left label "Panel comment 3" followed, as the
    next label, by the right label "Commissioner's response 3" of the same number), and where to break its
    lines: before each label of a pair, and before a "Status:" cell that follows a reply."""
    if not re.search(r"(?i)response", text):
        return False, []
    found = False
    cuts: list[int] = []
    previous, previous_start = None, 0  # the last row label, (is left, number), and where it starts
    in_reply = False
    for m in _ROW_MARKER.finditer(text):
        start = m.start()
        if m.group("status"):
            if in_reply:
                cuts.append(start)
            in_reply = False
            continue
        is_left = m.group("left") is not None
        number = m.group("n")
        if not is_left and previous == (True, number):
            found = True
            cuts.extend((previous_start, start))
            in_reply = True
        elif is_left:
            in_reply = False
        previous, previous_start = (is_left, number), start
    return found, [p - 1 for p in cuts if p > 0 and text[p - 1] in " \t"]


NOTE_REQUEST = re.compile(
    r"^(?:That\s+the\s+(?:Committee|Panel)|The\s+(?:Committee|Panel)\s+is\s+(?:asked|recommended))", re.I
)

_MARKUP = re.compile(r"[<>\[\]\\#*_]")
# Every pattern below is linear in the length of a line: no part can scan past the next "<" (tags), "[" or
# "(" (links), so a line of thousands of brackets is read once, not once per bracket.
_TAG_NAMES = (
    r"a|abbr|b|big|blockquote|br|center|cite|code|dd|del|div|dl|dt|em|font|h[1-6]|hr|i|img|ins|li|mark|"
    r"o:p|ol|p|pre|q|s|small|span|strike|strong|sub|sup|table|tbody|td|tfoot|th|thead|tr|tt|u|ul|wbr"
)
# a real tag as a web page or a Word-to-markdown conversion leaves it: "<b>", "</b>", "<br/>",
# '<span class="x">', '<a href="...">'. Attributes must be name=value, so "a<b and c>d" is text, and so
# is anything where "<" is followed by a space, a digit or "=" ("< 10 minutes", "x <= 5").
_TAG = re.compile(
    rf"</?(?:{_TAG_NAMES})"
    r"""(?:\s+[A-Za-z_:][-\w:.]*\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))*\s*/?>""",
    re.I,
)
_LINK = re.compile(r"\[([^\[\]]*)\]\((?:[^()]|\([^()]*\))*\)")
_SUP_FOOTNOTE = re.compile(r"<sup>\s*\d+\s*</sup>")
_SUP = re.compile(r"<sup>\s*([^<]*)</sup>")
# a backslash (or a doubled one) that escapes a markdown character; any other backslash is text
_ESCAPE = re.compile(r"(?<!\\)\\+(?=[_*#\[\]().\-+!<>|`{}~])")
_HEADING_MARK = re.compile(r"^\s*#+\s*")
_LONE_STAR = re.compile(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")


def clean(line: str) -> str:
    """A line without markdown, HTML tags or footnote markers, for reading; everything else as written."""
    if not _MARKUP.search(line):  # most lines of a converted PDF carry no markup at all
        return " ".join(line.split())
    text = line
    if "<" in text:
        text = _SUP_FOOTNOTE.sub("", text)
        text = _SUP.sub(r"\1", text)
    if "[" in text:
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _TAG.sub("", text)
    if "\\" in text:
        text = _ESCAPE.sub("", text)
    text = _HEADING_MARK.sub("", text)
    if "*" in text:
        text = text.replace("***", "").replace("**", "")
        text = _LONE_STAR.sub("", text)
    text = text.replace("__", "")
    return " ".join(text.split())


@dataclass
class Line:
    raw: str
    text: str
    start: int
    end: int
    kind: str  # blank, footnote, separator, contents, log, rec, r, numbered, sub, bullet, section, contact, text
    number: str | None = None
    rest: str = ""
    label: str = ""
    statements: list[str] = field(default_factory=list)


# compiled once: these run on every line of every document
_BOLD_LINE = re.compile(r"\*\*[^*].*\*\*:?|<b>.*</b>")
_ENDS_SENTENCE = re.compile(r"[.;:!?]$")
_RULE_LINE = re.compile(r"[-_*=]{3,}")
_LIST_MARKER = re.compile(r"^[-•*]\s+(?=\(?\d|R\d|Recommendation|\(?[a-z]\))", re.I)
_WORD = re.compile(r"[a-zâêîôûŵŷäëïöüÿáéíóúẁẃ']+")
_WELSH_MARKS = re.compile(r"[ŵŷâêîôû]")


# a committee paper's lettered section: "A. Recommendations", "B. Supporting information"
LETTER_SECTION = re.compile(r"^[A-H]\.\s+[A-Z]")


def _is_heading_like(raw: str, text: str) -> bool:
    stripped = raw.strip()
    if stripped.startswith("#"):
        return True
    if _BOLD_LINE.fullmatch(stripped):
        return True
    words = text.split()
    return bool(
        (SECTION_NUMBER.match(text) or LETTER_SECTION.match(text))
        and len(words) <= 7
        and not _ENDS_SENTENCE.search(text)
    )


@lru_cache(maxsize=4)
def classify(text: str) -> tuple[Line, ...]:
    """Each line of the text with its kind. Cached: extracting and auditing the same reply share the work
    (callers only read the lines)."""
    lines: list[Line] = []
    offset = 0
    # of the last line that is not blank (nor an item's wrapped text): "o" items stay bullets across blank
    # lines and after an item that wraps
    last_kind = "blank"
    row_table = _row_table(text)[0]
    for raw in split_run_on(text).split("\n"):
        start, end = offset, offset + len(raw)
        offset = end + 1
        stripped = raw.strip()
        if _RULE_LINE.fullmatch(stripped):
            lines.append(Line(raw, "", start, end, "separator"))
            continue
        statements = [m.group(1).strip() for m in ITALIC_STATEMENT.finditer(raw)] if "*" in raw else []
        if statements:  # an italic committee statement sharing a line with recommendation text
            raw = ITALIC_STATEMENT.sub("", raw)
        cleaned = clean(raw)
        if not cleaned:
            kind = "statement" if statements else "blank"
            lines.append(Line(raw, "", start, end, kind, statements=statements))
            continue
        if FOOTNOTE.match(stripped):
            lines.append(Line(raw, cleaned, start, end, "footnote"))
            continue
        if stripped[-1:].isdigit() and is_contents_line(raw, cleaned):  # "Recommendations ..... 4"
            lines.append(Line(raw, cleaned, start, end, "contents"))
            last_kind = "contents"
            continue
        if is_log_entry(cleaned):  # "Update March 2024: …", "12/06/2024 – …": a status log under an item
            lines.append(Line(raw, cleaned, start, end, "log"))
            last_kind = "log"
            continue
        # a leading list marker before a number ("- 1.1 ...", "- 2. ...") belongs to the converter, not the text
        body = _LIST_MARKER.sub("", cleaned)
        # a response that numbers its own paragraphs: "1. Recommendation 1: …" is recommendation 1, the
        # paragraph number is the response's
        body = _PARAGRAPH_NUMBER_BEFORE_LABEL.sub("", body)
        line = Line(raw, body, start, end, "text", statements=statements)
        if row_table and (m := ROW_HEADING.match(body)):  # "Panel comment 3 <text>" in a flattened table
            line.kind, line.number, line.rest = "rec", m.group(1), m.group(2).strip()
            line.label = body[: m.start(2)].strip(" :.-–—") if m.group(2) else body.strip(" :.-–—")
        elif (m := REC_HEADING.match(body)) and not body.lower().startswith("recommendations:"):
            line.kind, line.number, line.rest = "rec", m.group(1), m.group(2).strip()
            line.label = body[: m.start(2)].strip(" :.-–—") if m.group(2) else body.strip(" :.-–—")
            short = next((name for pattern, name in SHORT_LABELS if pattern.match(body)), None)
            if short:  # "Area for improvement 3" is AFI 3, not recommendation 3
                line.number = f"{short} {m.group(1)}"
                line.label = line.number
        elif (m := R_LABEL.match(body)) and not re.match(r"^R\s?\d+\s*[-–]\s*\d", body):
            line.kind, line.number, line.rest, line.label = (
                "r",
                m.group(1),
                m.group(2).strip(),
                f"R{m.group(1)}",
            )
        elif _is_heading_like(raw, body):
            line.kind = "section"
        elif m := NUMBERED.match(body):
            line.kind, line.number, line.rest, line.label = (
                "numbered",
                m.group(1),
                m.group(2).strip(),
                f"{m.group(1)}.",
            )
        elif stripped[:1].isdigit() and (number := gap_number(stripped)):  # "1<tab>Ward forums be …"
            line.kind, line.number, line.rest, line.label = (
                "numbered",
                number,
                body[len(number) :].strip(),
                f"{number}.",
            )
        elif (m := LETTERED.match(body)) or (m := LETTERED_DOT.match(body)):
            line.kind, line.label, line.rest = "sub", m.group(1), m.group(2).strip()
        elif (m := BULLET.match(body)) or last_kind in ("bullet", "sub") and (m := O_BULLET.match(body)):
            line.kind, line.rest = "bullet", m.group(1).strip()
        elif CONTACT.match(body):
            line.kind = "contact"
        lines.append(line)
        continues_item = line.kind == "text" and body[:1].islower() and last_kind in ("bullet", "sub")
        last_kind = last_kind if continues_item else line.kind  # an item wrapped onto the next line goes on
    return tuple(_in_context(lines))


BARE_NUMBER = re.compile(r"^(\d{1,3})[.)]?$")
# a recommendation tracker exported as text puts each cell on its own line: the number alone, then the status
# ("1" / "Completed" / "HMIC recommends that ..." / "West Mercia Police"): a status word alone on the line
# after a bare number marks the row (a page number alone on a line has no status after it)
STATUS_CELL = re.compile(
    r"(?:completed?|superseded|open|closed|ongoing|in\s+progress|not\s+started|outstanding|overdue|on\s+track|"
    r"(?:partially\s+|not\s+|fully\s+)?(?:achieved|accepted|implemented|met|completed)|discharged|withdrawn|"
    r"rejected)\.?",
    re.I,
)


def _in_context(lines: list[Line]) -> list[Line]:
    """Second look at each line with its neighbours: a short numbered line under a lead-in such as
    "recommendations as follows:" is a recommendation, not a section heading; a numbered line whose sentence
    runs on to the next line ("1. We" / "recommend that ...") is too; and "2." alone on its line starts item 2."""
    under_lead_in = False
    _join_lone_markers(lines)
    # the next non-blank line after each line, found in one backward pass (a slice per line is quadratic)
    next_non_blank: list[int | None] = [None] * len(lines)
    upcoming = None
    for index in range(len(lines) - 1, -1, -1):
        next_non_blank[index] = upcoming
        if lines[index].kind != "blank":
            upcoming = index
    rows: list[int] = []  # the number lines of a tracker's rows
    last_number = 0  # of the last numbered line: a long report's numbering runs on past 1899
    for index, line in enumerate(lines):
        following_index = next_non_blank[index]
        following = lines[following_index] if following_index is not None else None
        m = YEAR_NUMBERED.match(line.text) if line.kind in ("text", "section") else None
        if m and int(m.group(1)) == last_number + 1:
            line.kind, line.number, line.rest, line.label = (
                "numbered",
                m.group(1),
                m.group(2).strip(),
                f"{m.group(1)}.",
            )
        if line.kind == "numbered" and line.number.isdigit():
            last_number = int(line.number)
        if line.kind == "text" and is_lead_in(line.text):
            under_lead_in = True
            continue
        if line.kind == "section" and (m := NUMBERED.match(line.text)):
            runs_on = following is not None and following.kind == "text" and following.text[:1].islower()
            if under_lead_in or runs_on:
                line.kind, line.number, line.rest, line.label = (
                    "numbered",
                    m.group(1),
                    m.group(2).strip(),
                    f"{m.group(1)}.",
                )
        elif (
            line.kind == "text"
            and (m := BARE_NUMBER.match(line.text))
            and following is not None
            and following.kind == "text"
        ):
            after_status = next_non_blank[following_index]
            if line.text.endswith("."):
                line.kind, line.number, line.rest, line.label = "numbered", m.group(1), "", f"{m.group(1)}."
            elif (
                STATUS_CELL.fullmatch(following.text)
                and after_status is not None
                and lines[after_status].kind == "text"
            ):
                line.kind, line.number, line.rest, line.label = "numbered", m.group(1), "", f"{m.group(1)}."
                following.kind = "status"  # the row's status cell: not part of the recommendation's text
                rows.append(index)
        if line.kind not in ("numbered", "sub", "bullet", "blank", "text", "status"):
            under_lead_in = False
    if len(rows) >= 2:
        _mark_repeated_cells(lines, rows)
    return lines


LONE_MARKER = re.compile(r"[-•*▪◦●·–]")


def _join_lone_markers(lines: list[Line]) -> None:
    """A bullet mark alone on its line ("-", then the item's text on the next line, as a web page's list
    copied as text leaves it) makes the next line a bullet; the mark's own line is read as blank. The next
    line must read as a sentence (five words at least), and the pair must sit next to another such pair
    (a list, not one dash): a dash alone in a table's cell marks an empty cell."""
    pairs = [
        index
        for index, (line, following) in enumerate(zip(lines, lines[1:], strict=False))
        if line.kind == "text"
        and following.kind == "text"
        and LONE_MARKER.fullmatch(line.text)
        and len(following.text.split()) >= 5
    ]
    listed = set(pairs)
    for index in pairs:
        if any(other in listed for other in (index - 3, index - 2, index + 2, index + 3)):
            lines[index].kind, lines[index].text = "blank", ""
            lines[index + 1].kind, lines[index + 1].rest = "bullet", lines[index + 1].text


def _mark_repeated_cells(lines: list[Line], rows: list[int]) -> None:
    """The last cell of a tracker's row, when most rows end with the same short line ("West Mercia Police",
    the owner), is a column of the table, not the end of each recommendation's text."""
    last_cells: dict[str, int] = {}
    for row, next_row in zip(rows, rows[1:], strict=False):
        cell = next((lines[i] for i in range(next_row - 1, row, -1) if lines[i].kind != "blank"), None)
        if cell is not None and cell.kind == "text":
            last_cells[cell.text] = last_cells.get(cell.text, 0) + 1
    if not last_cells:
        return
    owner, count = max(last_cells.items(), key=lambda item: item[1])
    if count < 2 or count * 2 < len(rows) - 1 or len(owner.split()) > 8 or _ENDS_SENTENCE.search(owner):
        return
    for line in lines[rows[0] :]:
        if line.kind == "text" and line.text == owner:
            line.kind = "column"


# ---- Welsh --------------------------------------------------------------------------------------------
_WELSH_WORDS = {
    "yr",
    "dylai",
    "dylid",
    "ac",
    "gan",
    "bod",
    "mae",
    "yng",
    "gyda",
    "hefyd",
    "heddlu",
    "cynllun",
    "comisiynydd",
    "argymhelliad",
    "argymell",
    "sut",
    "ein",
    "eich",
    "i'r",
    "o'r",
    "ar",
    "am",
    "fel",
    "drwy",
    "ddylai",
    "cymunedau",
    "plismona",
    "troseddu",
    "panel",
    "y",
    "a",
    "i",
    "o",
    "yn",
    "wrth",
    "rhaid",
    "cyhoeddi",
    "erbyn",
}
_ENGLISH_WORDS = {"the", "and", "should", "of", "to", "plan", "will", "with", "for", "that", "be", "on", "by"}


_LEAN = {**{w: -1 for w in _ENGLISH_WORDS}, **{w: 1 for w in _WELSH_WORDS}}


def is_welsh(text: str) -> bool:
    lowered = text.lower()
    words = _WORD.findall(lowered)
    if not words:
        return False
    lean = sum(map(_LEAN.get, words, repeat(0)))  # Welsh words less English ones, counted in one pass
    return lean > 1 or (lean >= 0 and _WELSH_MARKS.search(lowered) is not None)


# ---- building recommendations -------------------------------------------------------------------------
@dataclass
class _Draft:
    number: str
    label: str
    start: int
    end: int
    paragraphs: list[list[str]] = field(default_factory=lambda: [[]])
    subpoints: list[str] = field(default_factory=list)
    welsh: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def english_text(self) -> list[str]:
        return [" ".join(p) for p in self.paragraphs if p]

    def last_text(self) -> str:
        for paragraph in reversed(self.paragraphs):
            if paragraph:
                return paragraph[-1]
        return ""


def _given_twice(draft: _Draft, rest: str, welsh_heading: bool) -> bool:
    """A number met again before English words that are not the first ones' start: two recommendations given
    one number (the warnings say so), not the Welsh text of a bilingual document nor a summary restated."""
    if not rest or welsh_heading or is_welsh(rest) or not draft.english_text():
        return False
    before, now = normalised(" ".join(draft.english_text())), normalised(rest)
    return bool(now) and not (before.startswith(now[:40]) or now.startswith(before[:40]))


def _style(lines: list[Line]) -> str:
    headings = [line for line in lines if line.kind == "rec"]
    r_labels = [line for line in lines if line.kind == "r"]
    numbered = [line for line in lines if line.kind == "numbered"]
    if len({h.number for h in headings}) >= 2 or (headings and not numbered and not r_labels):
        return "rec"
    if len({r.number for r in r_labels}) >= 2:
        return "r"
    return "numbered"


def _starts_recommendation(line: Line, style: str, drafts: list[_Draft]) -> bool:
    if line.kind != style:
        return False
    if style != "numbered":
        return True
    number = int(line.number)
    if NOTE_REQUEST.match(line.rest):
        return False
    if not drafts:
        return number == 1
    last = int(re.sub(r"\D", "", drafts[-1].number) or 0)
    if number == last + 1:
        return True
    if last + 1 < number <= last + 3 and line.rest and _asks(line.rest):
        return True  # a gap in the numbering: kept, and the user is warned (tracker extract), never repaired
    if number == last and line.rest and _asks(line.rest) and not is_welsh(line.rest):
        return True  # the same number twice in a row, each asking: both kept, and the user is warned
    # a second language restarts the numbering under the same numbers
    return number <= last and is_welsh(line.rest)


def extract_recommendations(document: DocumentText | str) -> Extraction:
    doc = document_from_text(document) if isinstance(document, str) else document
    text = doc.text
    info = document_info(text)
    lines = classify(text)
    style = _style(list(lines))
    replies_after_paraphrase = run_on_cuts(text)[1]  # where a reply starts in a letter run into one paragraph
    responses = response_starts(lines, text)  # a two-column table flattened into alternating lines
    drafts: dict[str, _Draft] = {}
    order: list[_Draft] = []
    statements: list[str] = []
    current: _Draft | None = None
    other_language = False  # True while reading the Welsh text of a recommendation met again by number
    blank_since_text = False
    # a heading that is not about recommendations ("B. Supporting information"), after the list has begun:
    # numbering under it that does not carry the list on (a restart at 1) is the next section's, and ends the list
    heading_since_list = False
    list_closed = False

    # a recommendation met again by a heading alone, and where that heading stands: the text after it says
    # whether it is the Welsh one or a second recommendation given the same number
    repeat: tuple[_Draft, int, int, int] | None = None

    def add_text(value: str) -> None:
        nonlocal current, other_language, repeat
        if repeat is not None and repeat[0] is current:
            _, start, end, end_before = repeat
            repeat = None
            if _given_twice(current, value, False):  # English words of its own: a second recommendation
                current.end = end_before
                current = _Draft(number=current.number, label=current.label, start=start, end=end)
                order.append(current)
                other_language = False
        if other_language or is_welsh(value):
            current.welsh.append(value)
        else:
            current.paragraphs[-1].append(value)

    def add_sub(value: str) -> None:
        if other_language or is_welsh(value):
            current.welsh.append(value)
        else:
            current.subpoints.append(value)

    for line in lines:
        statements.extend(line.statements)
        if line.kind == "statement":
            continue
        if line.kind == "blank":
            blank_since_text = True
            if current is not None:
                current.paragraphs.append([])
            continue
        if line.kind in ("footnote", "separator", "status", "column", "contents"):
            continue
        if line.kind == "log":
            current = None  # the recommendation's progress, not its text: what follows is the log's too
            continue
        if style == "numbered" and order and not list_closed:
            if line.kind == "section" and not SAYS_RECOMMENDS.search(line.text):
                heading_since_list = True
            elif line.kind == "numbered" and heading_since_list:
                carries_on = int(line.number) == int(re.sub(r"\D", "", order[-1].number) or 0) + 1
                list_closed = not carries_on and not is_welsh(line.rest)
                heading_since_list = False
        if not list_closed and _starts_recommendation(line, style, order):
            number = line.number.lower()
            welsh_heading = line.label.lower().startswith("argymhell")
            current = drafts.get(number)
            if current is not None and _given_twice(current, line.rest, welsh_heading):
                # the same number before other English words: kept apart and shown, never folded
                current = None
            if current is None:
                label = "Recommendation " + line.number if style == "rec" else line.label
                current = _Draft(number=line.number, label=label, start=line.start, end=line.end)
                drafts[number] = current
                order.append(current)
                other_language = welsh_heading
            else:  # the same number again: the other language of a bilingual document
                other_language = True
                repeat = None if welsh_heading or line.rest else (current, line.start, line.end, current.end)
                current.end = max(current.end, line.end)
            if line.rest:
                add_text(line.rest)
            blank_since_text = False
            continue
        if current is None:
            continue
        if line.start in replies_after_paraphrase or line.start in responses:
            current = None  # the reply after a run-on letter's "Recommendation 2 – paraphrase", or a row's
            continue
        if line.kind in ("section", "contact", "rec", "r") or (
            line.kind == "numbered" and style == "numbered"
        ):
            current = None  # a new section, or a numbered item outside the sequence, ends the recommendation
            continue
        if line.kind == "text" and RESPONSE_LABEL.match(line.text):
            current = None  # "Response:": the reply to the recommendation starts here
            continue
        if line.kind == "bullet" and not current.number[:1].isdigit():
            current = None  # bullets under an inspection finding ("AFI 7 – …") are what was said about it
            continue
        if line.kind in ("sub", "bullet"):
            add_sub(line.rest)
            current.end = max(current.end, line.end)
            blank_since_text = False
            continue
        body = line.text
        if not body:
            continue
        if LETTER_CLOSING.match(body):
            current = None  # the letter's own closing lines, even where a PDF left no blank line before them
            continue
        if STATEMENT.match(body) or ("*" in line.raw or "_" in line.raw) and _is_italic_line(line.raw):
            statements.append(body)
            if style != "rec":
                current = None
            continue
        written = next((p for p in reversed(current.paragraphs) if p), [])
        if ends_with_pointer(" ".join(written[-2:])):
            current = None  # "(Paragraph 9)", even wrapped, ends a committee's conclusion: a reply may follow
            continue
        previous = current.last_text() or (current.subpoints[-1] if current.subpoints else "")
        continues = body[0].islower() or not re.search(r"[.;:!?)\"”’]$", previous)
        if (
            style != "rec"
            and not other_language
            and not continues
            and (blank_since_text or current.subpoints)
        ):
            current = None  # a new paragraph after a finished sentence is the letter's own text
            continue
        add_text(body)
        current.end = max(current.end, line.end)
        blank_since_text = False
    warnings: list[str] = []
    all_lines = list(lines)
    if style == "numbered" and order:
        # a numbered list that asks for nothing (answers in a letter, minutes of a hearing) is not a list of
        # recommendations: better an empty list and a warning than a guess presented as fact
        reason = _not_recommendations(order, all_lines)
        if reason:
            warnings.append(f"a numbered list ({order[0].number}–{order[-1].number}) was left out: {reason}")
            order = []
    if not order:  # none in the numbering styles above: lettered lists, then bullets after a lead-in
        order = (
            _drafts(code_rows(all_lines))
            or _drafts(interleaved_recommendations(all_lines))
            or _lettered(all_lines, warnings)
            or _drafts(bullets_under_lead_in(all_lines, _asks_for_something))
            or _drafts(plain_lines(all_lines))
            or _drafts(inline_series(all_lines))
            or _drafts(titled_items(all_lines))
            or _drafts(prose_asks(all_lines))
            or _drafts(single_recommendation(all_lines))
            or _pointed_paragraphs(all_lines, warnings)
            or _agreed_in_prose(all_lines, warnings)
            or _drafts(_told_in_prose(all_lines))
            or _drafts(counted_clauses(all_lines))
            or _drafts(logged_recommendations(all_lines))
            or _drafts(progress_notes(all_lines))
            or _drafts(numbers_in_minutes(all_lines))
            or _drafts(quoted_extracts(all_lines))
            or _drafts(_asks_in_prose(all_lines))
        )
    recommendations = tuple(_finish(d, info.date) for d in order)
    cut = _cut_short(recommendations, text)
    if cut is not None:
        where = f", part-way through the word '{cut}'," if cut else ""
        warnings.append(
            f"the text of {_name(recommendations[-1])} stops mid-sentence{where} at the very end of the "
            "document: the file may be cut short, so check that recommendation against the original"
        )
    return Extraction(info, recommendations, tuple(statements), tuple(warnings))


def _told_in_prose(lines: list[Line]) -> list[Found]:
    """Recommendations a page tells of in its prose ("…, recommending that …", "has called for …", "the Panel
    recommended that …"), joined with the asks it states or reports, or [] when it tells of none."""
    clauses, reported = recommending_clause(lines), reported_recommendations(lines)
    if any(NUMBERED_BY_APP not in found.flags for found in reported):
        return clauses or reported  # numbered by the document: its numbers stand
    return _asks_in_prose(lines, clauses + reported)


def _asks_in_prose(lines: list[Line], told: list[Found] | None = None) -> list[Found]:
    """A committee's asks in its own sentences ("We recommend that …"), the conditions it set on an approval
    ("approved the precept, on the proviso that …") and the asks a news page reports with their source
    ("… should …, the MPs said"), with those `told` of by another prose reading, each sentence once, in
    document order, numbered by the app 1, 2, 3 …. With `told` given, [] when it is empty."""
    if told is not None and not told:
        return []
    readings = [told or [], stated_asks(lines), approval_conditions(lines), reported_obligations(lines)]
    if sum(1 for reading in readings if reading) == 1 and told is None:
        return next(reading for reading in readings if reading)  # one reading, numbered by itself
    # each sentence once: compared only with those kept that still overlap it (a long page may hold thousands);
    # in reading order within one start, so a clause told of is kept before the sentence that holds it
    ordered = sorted(
        ((found.start, rank, found) for rank, reading in enumerate(readings) for found in reading),
        key=lambda item: item[:2],
    )
    kept: list[Found] = []
    open_: list[Found] = []  # kept ones that may still overlap what comes next
    for start, _, found in ordered:
        open_ = [other for other in open_ if other.end > start]
        if not any(_same_sentence(found, other) for other in open_):
            kept.append(found)
            open_.append(found)
    starts = [line.start for line in lines]
    kept.sort(key=lambda found: _where(lines, starts, found))
    return [
        replace(found, number=str(n), label=f"Recommendation {n} (numbered by the app)")
        for n, found in enumerate(kept, start=1)
    ]


def _where(lines: list[Line], starts: list[int], found: Found) -> tuple[int, int]:
    """Where a sentence stands in the document, to order sentences that share a line: its lines' start, then
    where its first words fall in the text of those lines (found by bisection: a long page may hold many)."""
    first, last = bisect_left(starts, found.start), bisect_right(starts, found.end)
    text = " ".join(line.text for line in lines[first:last] if line.end <= found.end)
    at = text.find(found.text[:40].strip('"“”‘’ '))
    return found.start, at if at >= 0 else 0


def _same_sentence(one: Found, other: Found) -> bool:
    """Whether two readings took the same sentence: where they overlap, by its words (two sentences can share a
    line; a reading may give only its clause, as "That the membership … should be reviewed")."""
    if not (one.start < other.end and other.start < one.end):
        return False
    a, b = (set(re.findall(r"\w+", f.text.lower())) - {"that"} for f in (one, other))
    shorter = min(len(a), len(b))
    return shorter > 0 and len(a & b) >= 0.8 * shorter


def _name(recommendation: ExtractedRecommendation) -> str:
    label = recommendation.label
    return label if re.search(r"[^\W\d]", label) else f"recommendation {recommendation.number}"


_FINISHED = re.compile(r"[.;:!?)\]\"”’]$")


def _cut_short(recommendations: tuple[ExtractedRecommendation, ...], text: str) -> str | None:
    """Whether the last recommendation runs to the very end of the document without finishing its sentence:
    an excerpt or a conversion that stopped part-way through it. The word it stops in when it stops part-way
    through one ("Sub-Gr"), "" when it stops mid-sentence unlike most of the others, else None. The
    recommendation is kept (it is one, as far as it goes) and the user is told."""
    if not recommendations or text[recommendations[-1].end :].strip():
        return None
    *others, last = recommendations
    ending = last.full_text.rstrip()
    if not ending or _FINISHED.search(ending):
        return None
    word = _LAST_WORD.search(ending).group(0).strip("\"'“‘(")
    if _broken(word):
        return word
    finished = sum(1 for r in others if _FINISHED.search(r.full_text.rstrip()))
    mid_sentence = bool(others) and finished * 2 >= len(others)
    if (mid_sentence or not others) and _begun(word, text):
        return word
    return "" if mid_sentence else None


_LAST_WORD = re.compile(r"\S+$")
_WHOLE_WITHOUT_VOWELS = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "ltd", "cctv", "pcc", "pcp", "nhs", "mp", "by"}
)


def _broken(word: str) -> bool:
    """Plainly not a whole word: it ends in a hyphen ("Sub-"), or its last part has letters but no vowel
    ("Sub-Gr"), an acronym (CCTV) and a few short forms (Mr, Ltd) aside."""
    if len(word) > 1 and word.endswith("-"):
        return True
    tail = re.split(r"[-/]", word)[-1]
    return (
        len(tail) > 1
        and tail.isalpha()
        and not tail.isupper()
        and not re.search(r"[aeiouy]", tail, re.I)
        and tail.lower() not in _WHOLE_WITHOUT_VOWELS
    )


def _begun(word: str, text: str) -> bool:
    """Only the start of a longer word the document uses, never standing alone elsewhere in it ("cen" where
    "centre" is used): taken as a cut word only where the sentence is unfinished too."""
    tail = re.split(r"[-/]", word)[-1]
    if not tail.isalpha() or tail.isupper():
        return False
    pattern = re.escape(tail)
    if len(re.findall(rf"(?<![^\W\d_]){pattern}(?![^\W\d_])", text, re.I)) > 1:
        return False  # the document uses it as a word of its own
    return re.search(rf"(?<![^\W\d_]){pattern}[^\W\d_]", text, re.I) is not None


LETTER_CLOSING = re.compile(
    r"^(?:please\s+(?:send|let|reply|respond|provide)|yours\s+(?:sincerely|faithfully)|kind\s+regards|"
    r"best\s+wishes|i\s+look\s+forward|we\s+look\s+forward|cc[:.]|enc(?:losure)?s?[:.])",
    re.I,
)
ASKING = re.compile(
    r"\b(?:recommend\w*|should|must|ought|urge\w*|calls?\s+on|ensure|consider|review|publish|develop|establish|"
    r"introduce|set\s+out|commit\w*|improve|increase|reduce|provide|work\s+with|that\s+the)\b",
    re.I,
)


IMPERATIVE = frozenset(
    [
        "add",
        "adopt",
        "agree",
        "allocate",
        "answer",
        "appoint",
        "approve",
        "ask",
        "assess",
        "bring",
        "build",
        "carry",
        "clarify",
        "commission",
        "communicate",
        "complete",
        "confirm",
        "consult",
        "continue",
        "create",
        "deliver",
        "design",
        "do",
        "engage",
        "evaluate",
        "explain",
        "expand",
        "explore",
        "extend",
        "fund",
        "give",
        "hold",
        "identify",
        "implement",
        "include",
        "invest",
        "keep",
        "launch",
        "lead",
        "make",
        "map",
        "measure",
        "monitor",
        "name",
        "offer",
        "plan",
        "prioritise",
        "prioritize",
        "produce",
        "promote",
        "put",
        "raise",
        "recruit",
        "report",
        "require",
        "respond",
        "restore",
        "run",
        "seek",
        "set",
        "share",
        "show",
        "speed",
        "start",
        "strengthen",
        "support",
        "take",
        "target",
        "track",
        "train",
        "update",
        "use",
        "write",
    ]
)


def _asks(text: str) -> bool:
    words = text.split()
    first = words[0].lower().strip(",.;:") if words else ""
    return first in IMPERATIVE or bool(ASKING.search(text))


# the words of a heading or lead-in that call the list under it recommendations, or decisions ("RESOLVED that"),
# or that ask someone to act ("Members are asked to:", "we would like the Commissioner to:")
SAYS_RECOMMENDS = re.compile(
    r"\b(?:recommend\w*|argymhell\w*|resolved|resolves|agreed|decided|conclusions?|should|urges?|"
    r"calls?\s+on|asks?|(?:asked|invited)\s+to|would\s+like)\b|\bto\s*[:–—-]\s*$",
    re.I,
)
# an item that says in so many words that it recommends, whoever is speaking
SAYS_IT_RECOMMENDS = re.compile(r"\b(?:recommend\w*|urges?|calls?\s+on)\b", re.I)
# minutes narrate: "The Chair welcomed ...", "Members asked ...", "The Panel was provided with ..."
NARRATING = frozenset(
    [
        "was",
        "were",
        "had",
        "did",
        "welcomed",
        "reminded",
        "explained",
        "advised",
        "asked",
        "noted",
        "said",
        "stated",
        "thanked",
        "introduced",
        "reported",
        "informed",
        "queried",
        "questioned",
        "responded",
        "replied",
        "commented",
        "highlighted",
        "outlined",
        "presented",
        "raised",
        "received",
        "discussed",
        "heard",
        "referred",
        "felt",
        "expressed",
        "acknowledged",
        "approved",
        "authorised",
        "authorized",
        "endorsed",
        "delegated",
    ]
)
_ASKING_FIRST = frozenset(["should", "must", "recommend", "recommends", "urge", "urges"])
_LEAD_IN_END = re.compile(r"(?:[:–—-]|\bthat)\s*$", re.I)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"“‘])")


def _narrates(text: str) -> bool:
    """Whether an item opens by reporting what someone did or said (minutes), not by asking: a past-tense
    verb of reporting among its first words, before any "should" or "recommend"."""
    for word in _WORD.findall(text[:200].lower())[:15]:
        if word in _ASKING_FIRST:
            return False
        if word in NARRATING:
            return True
    return False


_PROPOSES = re.compile(r"\b(?:propos\w*\s+that|recommendation\s+for|need(?:s|ed)?\s+to|should)\b", re.I)


def _asks_for_something(text: str) -> bool:
    """An item that asks, for a list that mixes findings and asks: it recommends or proposes in so many words."""
    return bool(
        SAYS_IT_RECOMMENDS.search(text)
        or _PROPOSES.search(text)
        or re.search(r"\brecommendation\b", text, re.I)
    )


def _item_asks(text: str, strictly: bool = False) -> bool:
    if SAYS_IT_RECOMMENDS.search(text):
        return True
    if _narrates(text):
        return False  # "The Chairman reminded Members that this should not be ..." reports, it does not ask
    return bool(re.search(r"\bshould\b", text, re.I)) if strictly else _asks(text)


# a decision page's fields ("Decision status: Recommendations Approved", "Decision Maker: Cabinet"): named, so
# that a lead-in wrapped after a colon ("RESOLVED: The Panel recommends to the") is never taken for one
_FIELD_LINE = re.compile(
    r"^\s*(?:decision\s+(?:status|maker|type)|is\s+(?:key\s+decision|subject\s+to\s+call[\s-]in)\??|"
    r"key\s+decision|wards?\s+affected|lead\s+officer|contact\s+officer|report\s+author|portfolio(?:\s+holder)?|"
    r"publication\s+date|date\s+of\s+decision|effective\s+from|decided\s+at\s+meeting|status)\s*:",
    re.I,
)


def _lead_in(lines: list[Line], first: int) -> tuple[str, bool]:
    """The words that lead into a list starting at lines[first]: the last non-blank line before it, with the
    lines it wraps from ("..., the" / "Panel must either:") and the heading right above it ("A. Recommendations"
    / "That"), at most three lines and never past a finished sentence; and whether it is an explicit lead-in
    (it ends with a colon, a dash or "that", so it says what the list is)."""
    parts: list[str] = []
    for line in reversed(lines[max(0, first - 12) : first]):
        if line.kind in ("blank", "footnote", "separator", "statement") or not line.text:
            continue
        if parts and (re.search(r"[.!?:]$", line.text) or _FIELD_LINE.match(line.text)):
            break  # a finished sentence, another list's lead-in, or a form's field ("Decision status: Approved")
        parts.append(line.text)
        if line.kind == "section" or len(parts) == 3 or _SENTENCE_BREAK.search(line.text):
            break  # a heading, or the line where the lead-in's sentence begins
    if not parts:
        return "", False
    explicit = bool(_LEAD_IN_END.search(parts[0]))
    parts[0] = _SENTENCE_BREAK.split(parts[0])[-1]  # the last sentence of a paragraph leads into the list
    return " ".join(reversed(parts)), explicit


def _not_recommendations(
    drafts: list[_Draft], lines: list[Line], starts: list[int] | None = None
) -> str | None:
    """Why a numbered or lettered list is not a list of recommendations, or None when it is. A list counts when
    its heading or lead-in says so ("Conclusions and recommendations", "RESOLVED that:", "we recommend:"), or,
    with no lead-in of its own, when a line just before it speaks of recommendations or most of its items ask
    for something. A list with a lead-in that says something else ("the Panel must either:", "Minutes:", "the
    report must cover:") is options, minutes or contents, unless most items recommend in so many words. Items
    that narrate ("The Chair welcomed ...", "Members asked ...") never count as asking."""
    if starts is None:
        starts = [line.start for line in lines]
    first = bisect_left(starts, drafts[0].start)
    texts = [" ".join(d.english_text() + d.subpoints) for d in drafts]
    lead, explicit = _lead_in(lines, first)
    if is_own_request(lead):
        return f"its lead-in ('{_clip(lead)}') asks the paper's own committee to act, not the policing body"
    if asks_own_meeting(texts):
        return "its items ask the paper's own meeting to receive or agree something, not the policing body"
    if own_body_acts(lead, texts):
        return "its items are what the meeting's own body resolved for itself (notes, agrees …), not asks"
    if _GIVEN_TO_THE_BODY.search(lead):
        return None  # "… provided recommendations to the Commissioner … as follows:", however the minutes word them
    if sum(1 for t in texts if _narrates(t) and not SAYS_IT_RECOMMENDS.search(t)) * 2 > len(texts) or (
        reports_speakers(texts)
    ):
        return "its items report what was said or done (as minutes do), whatever its lead-in says"
    if _receiving_bodys_resolution(lead, texts, lines, first):
        return (
            "it is the resolution of the meeting that considered the scrutiny body's report (its decision on "
            "the recommendations, not recommendations of its own)"
        )
    if sum(1 for t in texts if _ABOUT_THE_ANSWER.search(t) and not _SHOULD.search(t)) * 2 > len(texts):
        return (
            "its items say how the recommendations are to be answered (which are accepted), not what they ask"
        )
    if _OWN_REPORT.search(lead) and sum(1 for t in texts if SAYS_IT_RECOMMENDS.search(t)) * 2 <= len(texts):
        return "its lead-in opens a committee's report: its items are the report's numbered paragraphs"
    if _section_headings(drafts, lines, starts):
        return "its items are the report's section headings, each followed by its own paragraphs N.1, N.2 …"
    if SAYS_RECOMMENDS.search(lead):
        return None
    if own_decisions(lead, texts):
        return 'its heading names its items as decisions, and they decide for the body itself ("That … be …")'
    if explicit:
        if sum(1 for t in texts if _item_asks(t, strictly=True)) * 2 >= len(texts):
            return None
        return f"its lead-in ('{_clip(lead)}') does not call it recommendations, nor do its items recommend"
    before = [line.text for line in lines[max(0, first - 40) : first] if line.text][-6:]
    if any(re.search(r"\brecommend", text, re.I) for text in before):
        if len(texts) >= 2 and sum(1 for t in texts if _asks(t)) * 4 < len(texts):
            # "progress against the recommendations": paragraphs that report what was done, almost none asking
            return (
                "its items report progress and almost none asks for anything, though a line before it speaks "
                "of recommendations"
            )
        return None
    if sum(1 for t in texts if _item_asks(t)) * 2 >= len(texts):
        return None
    if sum(1 for t in texts if _narrates(t)) * 2 >= len(texts):
        return "its items report what was said or done (as minutes do) and nothing before it calls them recommendations"
    return "its items ask for nothing and nothing before it calls it recommendations"


# a meeting told of the scrutiny body's report: "The Cabinet considered the recommendations of three scrutiny
# task and finish group reports", "Members considered the report from the Scrutiny Committee"
_CONSIDERED_SCRUTINY = re.compile(
    r"\bconsidered\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:recommendations|reports?|findings)\s+(?:of|from)\s+"
    r"(?:[\w&'’-]+\s+){0,6}?(?:scrutiny|task\s*(?:and|&)\s*finish|(?:working|task|review)\s+group)"
    # "To present the task group's final report for consideration"
    r"|\b(?:scrutiny|task\s*(?:and|&)\s*finish|(?:working|task|review)\s+group)['’]s\s+(?:[\w-]+\s+){0,2}?"
    r"(?:recommendations|reports?|findings)\b[^.\n]{0,60}\bconsideration\b",
    re.I,
)
_OPENS_THAT = re.compile(r"^\s*that\b", re.I)
# minutes whose lead-in says the items are the panel's recommendations to the policing body: "Panel members
# provided recommendations to the Commissioner on the draft as follows:"
_GIVEN_TO_THE_BODY = re.compile(
    r"\b(?:provided|made|gave|offered|agreed|put\s+forward)\s+(?:the\s+following\s+)?(?:[\w-]+\s+){0,2}?"
    r"recommendations\s+to\s+the\s+(?:police,?\s+(?:fire\s+)?and\s+crime\s+)?(?:commissioner|pf?cc|mayor|"
    r"chief\s+constable|force)\b[^.:]{0,80}?(?:as\s+follows|below)?\s*[:–—-]\s*$",
    re.I,
)
_THE_RECOMMENDATIONS = re.compile(r"\b(?:the\s+)?recommendations\b", re.I)  # the plural: them as a whole
# "which recommendations have been accepted", "where recommendations are accepted": the handling of the answer
_ABOUT_THE_ANSWER = re.compile(
    r"\brecommendations?\s+(?:(?:have|has|had)\s+been|are|is|were|was|be|being)\s+"
    r"(?:accepted|agreed|rejected|supported|implemented|answered)\b",
    re.I,
)
# "… should report how the recommendations are implemented"
_SHOULD = re.compile(r"\b(?:should|must)\b", re.I)
# a parliamentary committee's report opens "The Committee has agreed to the following Report:": the numbered
# paragraphs after it are the report's own text (its findings come later, under their own heading)
_OWN_REPORT = re.compile(r"\bagreed\s+(?:to\s+)?the\s+following\s+report\s*:?\s*$", re.I)


def _receiving_bodys_resolution(lead: str, texts: list[str], lines: list[Line], first: int) -> bool:
    """A resolution ("Resolved: That a) …", items opening "That …") of a meeting that, near it, is said to
    have considered a scrutiny body's report or recommendations: the decision of the body the
    recommendations went to (a cabinet, an executive), unless the resolution itself recommends to another."""
    resolution = re.search(r"\bresolved\b", lead, re.I) or sum(
        1 for t in texts if _OPENS_THAT.match(t)
    ) * 2 > len(texts)
    # "RESOLVED that the Panel recommends to the Commissioner:" recommends; "Recommendations from the
    # scrutiny groups" only names what the meeting received
    recommends = SAYS_IT_RECOMMENDS.search(re.sub(r"\brecommendations\s+(?:from|of)\b", "", lead, flags=re.I))
    # an item that recommends, or names one recommendation ("approval be given to Recommendation 1, that …");
    # not one that approves "the recommendations (1 to 6)" as a whole
    if (
        not resolution
        or recommends
        or any(SAYS_IT_RECOMMENDS.search(_THE_RECOMMENDATIONS.sub("", t)) for t in texts)
    ):
        return False
    nearby = lines[max(0, first - 40) : first + 40]
    return any(_CONSIDERED_SCRUTINY.search(line.text) for line in nearby)


def _section_headings(drafts: list[_Draft], lines: list[Line], starts: list[int]) -> bool:
    """A report numbered in sections ("1. Purpose", then "1.1 This report …", "1.2 …"): most items are a
    short heading whose next line opens with the item's own number and ".1"; or a heading that ends with a
    colon and asks nothing ("1. Commissioner's comments:"), whose first paragraph numbered in decimals, within a few lines,
    carries the item's own number ("1.2 …" after an unnumbered first paragraph)."""
    headed = 0
    for draft in drafts:
        at = bisect_left(starts, draft.start)
        following = [line.text.strip() for line in lines[at + 1 : at + 4] if line.text.strip()]
        heading = NUMBERED.sub(r"\2", lines[at].text.strip()) if at < len(lines) else ""
        if not following or len(heading) > 80:
            continue
        if not _FINISHED.search(heading) and re.match(rf"{re.escape(draft.number)}\.1(?!\d)", following[0]):
            headed += 1
        elif heading.endswith(":") and not SAYS_RECOMMENDS.search(heading) and not _asks(heading):
            decimal = next(
                (m for line in lines[at + 1 : at + 8] if (m := _DECIMAL_PARAGRAPH.match(line.text.strip()))),
                None,
            )
            if decimal is not None and decimal.group(1) == draft.number:
                headed += 1
    return headed * 2 > len(drafts)


# a paragraph numbered in decimals: "1.2 I have asked …"
_DECIMAL_PARAGRAPH = re.compile(r"(\d{1,3})\.\d{1,2}(?!\d)\s")


def _clip(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _lettered(lines: list[Line], warnings: list[str] | None = None) -> list[_Draft]:
    """Lettered (a), (b), (c) lists (layouts/lettered.py), judged by the same test as numbered lists; a
    resolution approving numbered recommendations one by one gives their numbers (layouts/approved_numbers.py)."""
    starts = [line.start for line in lines]  # once: a hostile file can hold thousands of short lists
    found = lettered_lists(lines, lambda found: _not_recommendations(_drafts(found), lines, starts), warnings)
    return _drafts(approved_numbers(found))  # "(a) that approval be given to Recommendation 1, that …"


def _drafts(found: list[Found]) -> list[_Draft]:
    """What a layout recogniser found, as drafts the reader finishes like its own."""
    drafts = []
    for item in found:
        draft = _Draft(
            number=item.number, label=item.label, start=item.start, end=item.end, flags=list(item.flags)
        )
        draft.paragraphs[-1].append(item.text)
        draft.subpoints.extend(item.subpoints)
        drafts.append(draft)
    return drafts


def _pointed_paragraphs(lines: list[Line], warnings: list[str]) -> list[_Draft]:
    """Conclusions quoted without numbers, each ending "(Paragraph 5)" (layouts/pointed_paragraphs.py)."""
    drafts = _drafts(pointed_paragraphs(lines))
    if drafts:
        warnings.append(
            f"no numbered list: {len(drafts)} recommendations taken from paragraphs that end with their place "
            "in the committee's report ('(Paragraph 5)'); check them against the original"
        )
    return drafts


def _agreed_in_prose(lines: list[Line], warnings: list[str]) -> list[_Draft]:
    """ "the Committee agreed to recommend that …" in minutes with no list (layouts/agreed_in_prose.py)."""
    drafts = _drafts(agreed_in_prose(lines))
    if drafts:
        warnings.append(
            f"no list of recommendations: {len(drafts)} taken from sentences recording that the committee "
            "agreed to recommend something; check them against the original"
        )
    return drafts


def _is_italic_line(raw: str) -> bool:
    stripped = raw.strip()
    return bool(re.fullmatch(r"\*(?!\*)[^*]+\*|_[^_]+_", stripped))


_SPACE_BEFORE_MARK = re.compile(r"\s+([,.;:])")


def _finish(base: _Draft, doc_date: dt.date | None) -> ExtractedRecommendation:
    body = " ".join(base.english_text()).strip()
    body = _SPACE_BEFORE_MARK.sub(r"\1", body)
    if body.endswith(")"):
        body = PARAGRAPH_POINTER.sub("", body)
    subpoints = tuple(s.strip() for s in base.subpoints if s.strip())
    full = " ".join([body, *subpoints])
    asks = tuple(Ask(p.date, p.text) for p in dated_phrases(full, doc_date, relative=False))
    welsh = " ".join(base.welsh).strip() or None
    if not body and welsh:
        body = welsh
        welsh = None
    return ExtractedRecommendation(
        number=_number(base.number),
        label=base.label,
        text=body,
        subpoints=subpoints,
        asks=asks,
        start=base.start,
        end=base.end,
        text_cy=welsh,
        flags=_flags(base, full),
    )


def _flags(base: _Draft, full: str) -> tuple[str, ...]:
    """Why the reader is unsure of a recommendation: the reasons its layout gave, and an item that asks for
    nothing in words the reader knows."""
    flags = list(base.flags)
    if base.label.endswith("(numbered by the app)") and NUMBERED_BY_APP not in flags:
        flags.append(NUMBERED_BY_APP)
    if full and not _has_asking_verb(full):
        flags.append(NO_ASKING_VERB)
    return tuple(dict.fromkeys(flags))


_TO_BE_DONE = re.compile(r"\bto\s+be\s+(?:\w+ly\s+)?\w+(?:ed|en)\b", re.I)  # "figures to be published"


def _has_asking_verb(text: str) -> bool:
    """An asking word ("should", "recommend", "urge"), a verb of action in any form ("publishes", "review"),
    or something "to be done" ("a timetable to be published")."""
    if _asks(text) or SAYS_RECOMMENDS.search(text) or _TO_BE_DONE.search(text):
        return True
    for word in _WORD.findall(text.lower()):
        if (
            word in _ACTION_VERBS
            or word.endswith("s")
            and (word[:-1] in _ACTION_VERBS or word[:-2] in _ACTION_VERBS)
        ):
            return True
    return False


_ACTION_VERBS = IMPERATIVE | {
    "publish", "review", "develop", "establish", "introduce", "improve", "increase", "reduce", "provide",
    "ensure", "consider", "commit", "reconsider", "revise", "reinstate",
}  # fmt: skip


def _number(label: str) -> str:
    digits = re.match(r"\d+", label)
    return digits.group(0).lstrip("0") or "0" if digits else label


# ---- document information -----------------------------------------------------------------------------
DATED_HEADING = re.compile(
    r"^(?:published|issued|sent|meeting(?:\s+date)?|date\s+of\s+(?:meeting|issue|letter)|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
REFERENCE = re.compile(r"\b(?:our|your)?\s*ref(?:erence)?(?:\s+no\.?)?\s*[:：]\s*(.+)", re.I)
# "Date:", "Dated:", "Dyddiad:", and the bilingual "Dyddiad / Date:"
DATE_LINE = re.compile(
    r"^\s*(?:\**\s*)?(?:date(?:d)?(?:\s+published)?|dyddiad|published|publication\s+date|date\s+of\s+publication)"
    r"(?:\s*/\s*(?:date(?:d)?|dyddiad))?\s*[:：]\s*(.+)$",
    re.I,
)
# a request for a reply by a date: "Please send your response by 25 March 2013", "a reply is requested by ..."
REPLY_BY = re.compile(
    r"(?:\b(?:send|let us have|provide|receive|submit|have)\b[^.\n]{0,40}?\b(?:response|reply|responses)\b"
    r"|\b(?:response|reply)\s+(?:is\s+|will\s+be\s+)?(?:requested|required|due|expected|needed)"
    # "The Panel asks for a written response by …", "would welcome a reply by …"
    r"|\b(?:asks?|asked|requests?|requested|invites?|would\s+welcome|would\s+be\s+grateful\s+for|look\s+forward\s+to)"
    r"\b[^.\n]{0,40}?\b(?:response|reply|responses)\b"
    r"|\brespond\b|\bymateb\b)"
    r"[^.\n]{0,60}?\b(?:by|before|no later than|erbyn)\s+",
    re.I,
)


_LATER_DATE = re.compile(r"^\W*(?:update[ds]?|last\s+updated|amended|revised|corrected)\b", re.I)
# a line that dates something the document asks for, not the document: "Deadline: May 31st, 2024"
_ASKED_DATE = re.compile(r"^\W*(?:deadline|due|due\s+date|target(?:\s+date)?|by|complete\s+by)\s*[:：]", re.I)
# a decision record's own date, which its page prints after the later "Publication date:" line
DECISION_LINE = re.compile(
    r"^\s*(?:date\s+of\s+decision|decision\s+date|decided\s+at\s+meeting)\s*[:：]\s*(.+)$", re.I
)


@lru_cache(maxsize=8)
def document_info(text: str, with_dates: bool = True) -> DocumentInfo:
    lines = text.split("\n")
    date = None
    head = [clean(line) for line in lines[:60]]
    for pattern in (DECISION_LINE, DATE_LINE):  # a decision's date before its page's publication date
        for line in head:
            m = pattern.match(line)
            if m:
                found = find_dates(m.group(1))
                if found:
                    date = found[0].date
                    break
        if date is not None:
            break
    if date is None:  # "… Date of meeting: 4 March 2024 …": a cover sheet's label in mid-line
        date = labelled_date(head) or stamped_date(head)
    if date is None:  # a date on a line of its own: the letter's date block or a dated heading
        for line in lines[:40]:
            cleaned = clean(line)
            if _LATER_DATE.match(cleaned) or _ASKED_DATE.match(cleaned) or is_log_entry(cleaned):
                continue  # "UPDATE - 23 March 2022" dates what came after the document, not the document
            found = find_dates(cleaned)
            if not found or found[0].precision != "day":
                continue
            slack = 30 if DATED_HEADING.match(cleaned) else 12
            if len(cleaned) <= len(found[0].text) + slack:
                date = found[0].date
                break
    if date is None:  # "Panel - Tuesday, 15 September 2020", "presented to the Panel on the 4th March 2024"
        head = _before_a_log([clean(line) for line in lines[:40]])
        date = (
            weekday_date(head)
            or leading_date(head)
            or letter_title_date(head)
            or salutation_date(head)
            or narrated_date(head)
        )
    # never another date from the body: "by 30 September" in a sentence is not the document's date
    reference = None
    for line in lines[:80]:
        m = REFERENCE.search(clean(line))
        if m:
            reference = m.group(1).strip().rstrip(".,;")
            break
    if not with_dates:  # the audit needs only the date and the reference
        return DocumentInfo(date, reference, None, ())
    default_year = date.year if date else None
    plain = _Plain(lines)
    reply_by = None
    lowered = text.lower()
    if "respon" in lowered or "repl" in lowered or "ymateb" in lowered:  # else no request for a reply
        for m in REPLY_BY.finditer(plain.text):
            found = find_dates(plain.text[m.end() : m.end() + 40], default_year=default_year)
            if found and found[0].start == 0 and not states_the_law(plain.text, m.start()):
                reply_by = found[0].date
                break
    return DocumentInfo(
        date, reference, reply_by, LazyDates(lambda: _dated_contexts(plain.text, default_year))
    )


_ASKS_OR_RECOMMENDS = re.compile(r"\b(?:should|must|recommend\w*)\b", re.I)


def _before_a_log(head: list[str]) -> list[str]:
    """The head of the document without the entries of a status log kept under a recommendation
    ("12/03/2024 – Strategy in draft" after "1. The Commissioner should …"): they date progress, not the
    document. A dated heading before any recommendation ("29/01/2021 - Review of CCTV") stays."""
    first_ask = next((i for i, line in enumerate(head) if _ASKS_OR_RECOMMENDS.search(line)), len(head))
    return [line for i, line in enumerate(head) if i <= first_ask or not is_log_entry(line)]


class _Plain:
    """The document's lines without markup, joined, made once and only when asked for."""

    def __init__(self, lines: list[str]) -> None:
        self._lines: list[str] | None = lines
        self._text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "\n".join(clean(line) for line in self._lines or ())
            self._lines = None
        return self._text


def _dated_contexts(plain: str, default_year: int | None) -> tuple[DatedContext, ...]:
    """Every date in the document with the sentence around it, once per (date, sentence)."""
    contexts: list[DatedContext] = []
    seen: set[tuple[dt.date, str]] = set()
    sentences = Sentences(plain)
    for found in find_dates(plain, default_year=default_year):
        context = sentences.around(found.start, found.end)
        key = (found.date, context)
        if key not in seen:
            seen.add(key)
            contexts.append(DatedContext(found.date, context))
    return tuple(contexts)


def reading_warnings(extraction: Extraction) -> list[str]:
    """What the user should check before trusting the list: a number given twice or a gap in the numbering
    (shown, never silently repaired), numbers the app supplied, and what the reader itself was unsure of."""
    from tracker.domain.numbers import repeated

    numbers = [r.number for r in extraction.recommendations]
    out = []
    twice = repeated(numbers)
    if twice:
        out.append(f"the number {', '.join(twice)} appears more than once")
    plain = sorted({int(n) for n in numbers if n.isdigit()})
    gaps = [str(n) for n in range(plain[0], plain[-1]) if n not in plain] if plain else []
    if gaps:
        out.append(
            f"the numbering skips {', '.join(gaps[:10])}{'…' if len(gaps) > 10 else ''}: check nothing was missed"
        )
    if any(r.label.endswith("(numbered by the app)") for r in extraction.recommendations):
        out.append("the recommendations carry no numbers in the document: the app numbered them in order")
    out.extend(extraction.warnings)
    return out
