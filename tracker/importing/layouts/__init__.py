"""Small recognisers, one per document layout, that the reader tries alongside its line-by-line reading.

Each module recognises one shape, says in its docstring what the shape looks like, and returns what it
found as plain values (`Found` for a recommendation), with the reasons it is unsure in `flags`. None of them
imports the reader (tracker.importing.extract): the reader imports them, so each can be tested on its own.

- document_date: the document's own date from a label in mid-line or from a "presented … on" sentence
- own_request: a paper's request of its own committee ("The Committee is recommended to: (a) note …")
- prose_asks: a panel's decisions written as prose ("The Panel: considered …; asked the Commissioner to …")
- lettered: lettered (a)–(d) lists with roman sub-points, the one whose own lead-in names recommendations first
- heading_bullets: unnumbered bullets under a "Recommendations" heading
- single: one recommendation under a heading with no number
- statuses: the words of a status column or a one-word answer, as dispositions
- reply_headings: the headings a reply answers under ("R1:", "Rec 2", "Recommendations R2 and R3", "a)")
- subject_ties: reply paragraphs that answer a recommendation without its number
- reported_recommendations: "the Panel (had) recommended that X (and that Y)" told of in a response's prose
- named_in_prose: reply sentences that name what they answer ("recommendation 3", "the second recommendation")
- status_log: dated entries under a recommendation ("Update March 2024: …"), its progress, not its text
- ordered_answers: answers with no number, tied in order when as many (interleaved table lines, a resolution)
- contents_lines: a table of contents' entries ("Recommendations ..... 4"), never recommendations
- statutory_dates: a deadline the law sets ("the Commissioner must respond by 1 March"), not a reply-by date
- approved_numbers: a resolution approving numbered recommendations one by one ("(a) that approval be given to
  Recommendation 1, that …"), read as those recommendations with their numbers
- progress_notes: unnumbered recommendations each followed by progress that calls it "this recommendation"
- numbers_in_minutes: minutes that go through a review's draft recommendations by number only ("agreed
  Recommendation 6 as drafted"), read with those numbers and flagged: their text is not in the minutes
- quoted_extracts: a page quoting extracts of a panel's letter or report, each extract that asks read as a
  recommendation
- topic_paragraphs: a progress report's own numbered paragraphs under headings, numbers that name no
  recommendation
- plain_lines: recommendations as plain lines after a lead-in that names them ("The five recommendations are:")
- stated_asks: a committee's asks stated in its prose ("The Committee calls on the Mayor to …", "We recommend that …")
- agreed_in_prose: minutes with no list that record a recommendation in a sentence
- approved_range: a resolution approving a range of recommendations ("That Recommendations 1 to 4 … be
  approved"), one answer to them all, before their restated headings, or among a decision notice's own
  decisions ("1. That the recommendations (1 to 6) … are approved")
- code_rows: a table of recommendations keyed by code, flattened one cell to a line
- counted_clauses: recommendations a sentence counts and then lists as "to" clauses
- counted_headings: answers under a heading that counts a group of findings ("2.2 Vetting (3)")
- gap_numbers: an item number followed by a wide gap instead of a full stop
- grouped_answer: one answer to the recommendations as a whole
- inline_series: recommendations run together in one sentence, parted by semicolons
- own_decisions: a decision page's own decisions ("That … be …"), no recommendations to another body
- pointed_paragraphs: a response quoting the conclusions without their numbers, each with a pointer to its own
- recommending_clause: a recommendation reported in a clause of a news item's or letter's prose
- run_on_items: a letter flattened into one run of text, each recommendation named by number and a dash
- spoken_minutes: numbered minute paragraphs telling what a member said: narration, not recommendations
- titled_items: a short title line then its text for each recommendation, with no numbers
- reported_obligations: a news page's asks with their source ("… should …, the MPs said") and an inspection's
  own form ("Within six months the force should …")
- approval_conditions: a condition on a panel's approval ("approved the precept, on the proviso that …")
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

# the exact words the review workspace shows for each doubt
NUMBERED_BY_APP = "numbered by the app"
LETTERED_LIST = "lettered list read as recommendations"
NO_ASKING_VERB = "no asking verb"
TIED_BY_SUBJECT = "answer tied by subject, not number"
TIED_BY_ORDER = "answer tied by order, not number"
RESTATEMENT_NOT_FOUND = "restatement not found"
NAMED_BY_NUMBER_ONLY = "named by number only: its text is not in the document"
QUOTED_EXTRACT = "read from extracts another page quotes: check against the original"
PLAIN_LINES = "plain lines after a lead-in read as recommendations"


# the words of a body's name before the word that says what it is, which may hold "and" ("The Police and Crime
# Committee", "Eastshire Police & Crime Panel"): shared by the readings of a body's sentences
NAME_WORDS = r"(?:[A-Z][\w&'’-]*\s+|(?:and|&)\s+){0,6}"


class LineLike(Protocol):
    """A classified line of the document, as the reader makes it (tracker.importing.extract.Line)."""

    text: str
    start: int
    end: int
    kind: str
    rest: str
    label: str


@dataclass(frozen=True)
class Found:
    """A recommendation a recogniser found: its number (the app's own when the document has none), where it is,
    its text, and why the recogniser is unsure of it."""

    number: str
    label: str
    start: int
    end: int
    text: str
    subpoints: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()


def app_numbered(texts: list[tuple[int, int, str]], extra_flags: tuple[str, ...] = ()) -> list[Found]:
    """Items with no number in the document, numbered 1, 2, 3 … in document order, and flagged as such."""
    return [
        Found(
            str(n),
            f"Recommendation {n} (numbered by the app)",
            start,
            end,
            text,
            (),
            (NUMBERED_BY_APP, *extra_flags),
        )
        for n, (start, end, text) in enumerate(texts, start=1)
    ]
