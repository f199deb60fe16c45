"""The document's own date where it is not on a line of its own.

- A label in mid-line, as a cover sheet flattened into one line gives it:
  "Agenda item 6   Date of meeting: 4 March 2024   Report of the Chair" → 4 March 2024.
- A sentence that says when the document was presented, held or sent:
  "This report was presented to the Panel on the 4th March 2024" → 4 March 2024;
  "Minutes of the meeting held on 4 March 2024" → 4 March 2024.

A date in any other sentence ("by 30 September 2024") is not the document's date.
"""

from __future__ import annotations

import datetime as dt
import re

from tracker.importing.dates import find_dates

# a label that names the document's own date; a bare "Date:" counts only at a column's start (the line's
# start, or after a wide gap or a table rule), never after a word ("Target date:", "Due date:")
_LABEL = re.compile(
    r"(?:\b(?:date\s+of\s+(?:the\s+)?(?:meeting|issue|letter|report|publication|decision)|meeting\s+date|"
    r"report\s+date)|(?:^|\s{2,}|\t|\|)\s*date(?:d)?)\s*[:：]\s*",
    re.I,
)
_NARRATED = re.compile(
    r"\b(?:presented|submitted|considered|held|sent|issued|published|agreed|approved|written|signed)\b"
    r"[^.;\n]{0,80}?\bon\s+(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?(?:the\s+)?",
    re.I,
)


def labelled_date(lines: list[str]) -> dt.date | None:
    """The date after the first label for the document's date, anywhere in a line."""
    return _day_after(_LABEL, lines)


def narrated_date(lines: list[str]) -> dt.date | None:
    """The date in the first sentence that says the document was presented, held or sent on a day."""
    return _day_after(_NARRATED, lines)


def _day_after(pattern: re.Pattern, lines: list[str]) -> dt.date | None:
    for line in lines:
        for m in pattern.finditer(line):
            found = find_dates(line[m.end() : m.end() + 40])
            if found and found[0].start == 0 and found[0].precision == "day":
                return found[0].date
    return None
