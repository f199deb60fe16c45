"""The document's own date where it is not on a line of its own.

- A label in mid-line, as a cover sheet flattened into one line gives it:
  "Agenda item 6   Date of meeting: 4 March 2024   Report of the Chair" → 4 March 2024; a decision record's
  "Cabinet Decision: 12th March 2015" → 12 March 2015.
- A news page's header that stamps its date in ISO form after the word, with no colon:
  " date 2025-01-10 Association of Example Bodies" → 10 January 2025.
- A sentence that says when the document was presented, held or sent:
  "This report was presented to the Panel on the 4th March 2024" → 4 March 2024;
  "Minutes of the meeting held on 4 March 2024" is the minutes of an earlier meeting: no date from it.
- A title that names the day: "Police and Crime Panel - Tuesday, 15 September 2020 10.30 am" → 15 September;
  a cover sheet run into one long paragraph, near its start: "… To the Cabinet Meeting Tuesday,10th April, 2007
  TITLE: …" → 10 April 2007.
  "The Panel had held a review meeting on 4 March 2024" tells of an earlier meeting: no date from it.
- A decision record's heading that opens with the date: "29/01/2021 - Review of CCTV - Recommendations" →
  29 January 2021; a news page's byline that does: "March 7, 2013 - A. Writer" → 7 March 2013.
- A letter's title that says when it was written: "Letter to the Chair from the Minister, dated 24 October
  2009" (not "Thank you for your letter dated …", a date of the letter answered).
- A letter flattened into one paragraph, where the date block runs into the salutation:
  "… Telephone: 01000 000000 5 th October 2015 Dear Sir …" → 5 October 2015.

A date in any other sentence ("by 30 September 2024") is not the document's date.
"""

from __future__ import annotations

import datetime as dt
import re

from tracker.importing.dates import find_dates

# a label that names the document's own date: "Date of meeting:", "Meeting date:", and a bare "Date:",
# "Meeting:" or "Decision:" ("Cabinet Decision: 12th March 2015") unless a word before it says it dates something else ("Target date:", "Due date:")
_LABEL = re.compile(
    r"(?:\b(?:date\s+of\s+(?:the\s+)?(?:meeting|issue|letter|report|publication|decision)|meeting\s+date|"
    r"report\s+date)|(?<![\w-])(?P<bare>(?P<before>[A-Za-z]+[ \t]+)?(?:date(?:d)?|meeting|decision)))\s*[:：]\s*",
    re.I,
)
_OTHER_DATES = frozenset(
    ("target", "due", "completion", "review", "start", "end", "deadline", "response", "implementation",
     "expected", "revised", "closing", "agreed", "action", "birth", "expiry", "next", "previous", "last")
)  # fmt: skip
# "presented to the Panel on the 4th March 2024"; not "the minutes of the meeting held on …" (the last one)
_NARRATED = re.compile(
    r"(?<!\bhad )(?<!\bhad been )\b(?P<verb>presented|submitted|considered|held|sent|issued|published|agreed|approved|written|signed)\b"
    r"[^.;\n]{0,80}?\bon\s+(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?(?:the\s+)?",
    re.I,
)
# the object straight after "presented" or "submitted" ("presented the draft report"), no "was"/"been" before
_OBJECT = re.compile(r"\s+(?:the|a|an|his|her|their|its|our|my)\s", re.I)
_AUXILIARY = re.compile(r"\b(?:was|were|is|are|been|be)\s+$", re.I)
# "Their formal report can be found on their website at:": the next line names the linked document
_LINK_LEAD = re.compile(r"\b(?:found|available|published|seen|read)\b[^.]{0,60}\bat\s*:\s*$", re.I)
_EARLIER = re.compile(
    r"\b(?:previous|last|earlier|approve|approved|record|minutes\s+of\s+the\s+meeting|arising\s+from)\b", re.I
)
# a title or heading that names the day of the meeting: "Police and Crime Panel - Tuesday, 15 September 2020"
_DAY_NAME = r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# where a conversion lost a space: "FridayJuly 19th" (a capital straight after the day's name), "Tuesday,10th
# April" (a digit straight after its comma)
_AFTER_DAY_NAME = r"(?:,?\s+(?:the\s+)?|,?(?=(?-i:[A-Z]))|,(?=\d))"
_WEEKDAY = re.compile(_DAY_NAME + _AFTER_DAY_NAME, re.I)
# a cover sheet flattened into one long line names its meeting's day: "To the Cabinet Meeting Tuesday, 10 April
# 2007"; not "the next meeting Tuesday, 5 May"
_MEETING_DAY = re.compile(
    r"(?<!\bnext )(?<!\bprevious )(?<!\blast )(?<!\bearlier )(?<!\bfollowing )(?<!\bfuture )"
    rf"\bmeeting[:\s]\s*{_DAY_NAME}{_AFTER_DAY_NAME}",
    re.I,
)
_COVER_HEAD = 300  # how far into a long line a cover sheet's meeting is sought


# a news page's header: "date 2025-01-10 Publisher", "published 2025-01-10" (an ISO date only: a word and a
# written date with no colon is as likely a sentence)
_STAMP = re.compile(r"^\s*(?:date|published|posted)\s+(?=\d{4}-\d\d-\d\d\b)", re.I)
# a heading that opens with the date and then names the item: "29/01/2021 - Review of CCTV - …"
# or a news page's byline "March 7, 2013 - A. Writer"
_LEADING = re.compile(
    r"^(?=\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)(.{6,20}?)\s+[-–—|:]\s+\S",
    re.I,
)
# the title of a letter published on its own: "Letter to the Chair … from the Minister …, dated 24 October 2009"
_LETTER_TITLE = re.compile(r"^(?:an?\s+)?letter\s+(?:to|from)\b.*?\bdated\s+(?:the\s+)?", re.I)
# the salutation right after a date: a letter whose lines were run together
_SALUTATION = re.compile(r"^[\s,.]*dear\s+[A-Z]", re.I)


def leading_date(lines: list[str]) -> dt.date | None:
    """The date that opens a short heading and is followed by a dash and the item's name."""
    for line in lines:
        if len(line) <= 200 and (m := _LEADING.match(line)):
            found = find_dates(m.group(1))
            if (
                found
                and found[0].start == 0
                and found[0].end == len(m.group(1))
                and found[0].precision == "day"
            ):
                return found[0].date
    return None


def letter_title_date(lines: list[str]) -> dt.date | None:
    """The date a letter's own title gives it ("Letter from … dated 24 October 2009")."""
    return _day_after(_LETTER_TITLE, [line for line in lines if len(line) <= 300])


def salutation_date(lines: list[str]) -> dt.date | None:
    """The date straight before "Dear …" in a letter run into one paragraph."""
    for line in lines:
        if "dear" not in line.lower():
            continue
        for found in find_dates(line):
            if found.precision == "day" and _SALUTATION.match(line[found.end : found.end + 40]):
                return found.date
    return None


def labelled_date(lines: list[str]) -> dt.date | None:
    """The date after the first label for the document's date, anywhere in a line."""
    return _day_after(_LABEL, lines)


def stamped_date(lines: list[str]) -> dt.date | None:
    """The ISO date a page's header gives after "date" or "published" at the start of a line."""
    return _day_after(_STAMP, lines)


def narrated_date(lines: list[str]) -> dt.date | None:
    """The date in the first sentence that says the document was presented, held or sent on a day (not a
    sentence about an earlier meeting, nor one where someone presented something else: "The Commissioner
    presented the draft report to the Panel on 4 March" dates the draft, not this page)."""
    for line in lines:
        if _EARLIER.search(line):
            continue
        for m in _NARRATED.finditer(line):
            after_verb = line[m.start() + len(m.group("verb")) : m.end()]
            handed = m.group("verb").lower() in ("presented", "submitted")
            if handed and _OBJECT.match(after_verb) and not _AUXILIARY.search(line[: m.start()]):
                continue  # an active verb with its object: what was presented is another document
            found = find_dates(line[m.end() : m.end() + 40])
            if found and found[0].start == 0 and found[0].precision == "day":
                return found[0].date
    return None


def weekday_date(lines: list[str]) -> dt.date | None:
    """The date after a day's name in a short line (a title or heading), as agenda pages give the meeting, or
    after "Meeting" and a day's name near the start of a long line (a cover sheet run into one paragraph). A
    line straight after one that ends "… can be found at:" is the title of a link to another document."""
    linked, previous = set(), ""
    for i, line in enumerate(lines):
        if _LINK_LEAD.search(previous):
            linked.add(i)
        previous = line if line.strip() else previous
    short = [
        line
        for i, line in enumerate(lines)
        if len(line) <= 160 and not _EARLIER.search(line) and i not in linked
    ]
    return _day_after(_WEEKDAY, short) or _day_after(
        _MEETING_DAY, [line[:_COVER_HEAD] for line in lines if len(line) > 160]
    )


# "available here from Thursday, February 8 2024": a day to come, not the document's
_FROM_OR_UNTIL = re.compile(r"\b(?:from|until|by|before|after|till)\s+$", re.I)


def _day_after(pattern: re.Pattern, lines: list[str]) -> dt.date | None:
    for line in lines:
        for m in pattern.finditer(line):
            if m.groupdict().get("before") and m.group("before").split()[0].lower() in _OTHER_DATES:
                continue
            if _FROM_OR_UNTIL.search(line[: m.start()]):
                continue
            found = find_dates(line[m.end() : m.end() + 40])
            if found and found[0].start == 0 and found[0].precision == "day":
                return found[0].date
    return None
