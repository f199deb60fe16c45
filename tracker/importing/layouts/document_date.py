"""The document's own date where it is not on a line of its own.

- A label in mid-line, as a cover sheet flattened into one line gives it:
  "Agenda item 6   Date of meeting: 4 March 2024   Report of the Chair" → 4 March 2024.
- A sentence that says when the document was presented, held or sent:
  "This report was presented to the Panel on the 4th March 2024" → 4 March 2024;
  "Minutes of the meeting held on 4 March 2024" is the minutes of an earlier meeting: no date from it.
- A title that names the day: "Police and Crime Panel - Tuesday, 15 September 2020 10.30 am" → 15 September.

A date in any other sentence ("by 30 September 2024") is not the document's date.
"""

from __future__ import annotations

import datetime as dt
import re

from tracker.importing.dates import find_dates

# a label that names the document's own date: "Date of meeting:", "Meeting date:", and a bare "Date:" or
# "Meeting:" unless a word before it says it dates something else ("Target date:", "Due date:")
_LABEL = re.compile(
    r"(?:\b(?:date\s+of\s+(?:the\s+)?(?:meeting|issue|letter|report|publication|decision)|meeting\s+date|"
    r"report\s+date)|(?<![\w-])(?P<bare>(?P<before>[A-Za-z]+[ \t]+)?(?:date(?:d)?|meeting)))\s*[:：]\s*",
    re.I,
)
_OTHER_DATES = frozenset(
    ("target", "due", "completion", "review", "start", "end", "deadline", "response", "implementation",
     "expected", "revised", "closing", "agreed", "action", "birth", "expiry", "next", "previous", "last")
)  # fmt: skip
# "presented to the Panel on the 4th March 2024"; not "the minutes of the meeting held on …" (the last one)
_NARRATED = re.compile(
    r"\b(?:presented|submitted|considered|held|sent|issued|published|agreed|approved|written|signed)\b"
    r"[^.;\n]{0,80}?\bon\s+(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?(?:the\s+)?",
    re.I,
)
_EARLIER = re.compile(
    r"\b(?:previous|last|earlier|approve|approved|record|minutes\s+of\s+the\s+meeting)\b", re.I
)
# a title or heading that names the day of the meeting: "Police and Crime Panel - Tuesday, 15 September 2020"
_WEEKDAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(?:the\s+)?", re.I)


def labelled_date(lines: list[str]) -> dt.date | None:
    """The date after the first label for the document's date, anywhere in a line."""
    return _day_after(_LABEL, lines)


def narrated_date(lines: list[str]) -> dt.date | None:
    """The date in the first sentence that says the document was presented, held or sent on a day (not a
    sentence about an earlier meeting)."""
    return _day_after(_NARRATED, [line for line in lines if not _EARLIER.search(line)])


def weekday_date(lines: list[str]) -> dt.date | None:
    """The date after a day's name in a short line (a title or heading), as agenda pages give the meeting."""
    return _day_after(_WEEKDAY, [line for line in lines if len(line) <= 160 and not _EARLIER.search(line)])


def _day_after(pattern: re.Pattern, lines: list[str]) -> dt.date | None:
    for line in lines:
        for m in pattern.finditer(line):
            if m.groupdict().get("before") and m.group("before").split()[0].lower() in _OTHER_DATES:
                continue
            found = find_dates(line[m.end() : m.end() + 40])
            if found and found[0].start == 0 and found[0].precision == "day":
                return found[0].date
    return None
