"""Finding dates in committee letters and replies, as UK writers put them."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9
_MONTH = (
    r"(?=[JFMASONDjfmasond])(January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
# "5th", and "5 th" where a conversion put a space before the ordinal
_ORD = r"(?:[ \t]?(?:st|nd|rd|th)\b)?"
# a date written in Welsh, "9fed Medi 2014", "1af Mawrth 2024": the day's ordinal ending, the month's name
WELSH_MONTHS = {
    name: number
    for number, name in enumerate(
        ("ionawr", "chwefror", "mawrth", "ebrill", "mai", "mehefin", "gorffennaf", "awst", "medi", "hydref",
         "tachwedd", "rhagfyr"),
        start=1,
    )
}  # fmt: skip
_WELSH_MONTH = r"(Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr)"

DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}){_ORD}\s+{_MONTH},?\s+(\d{{4}}|\d{{2}})\b", re.I)
MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}){_ORD},?\s+(\d{{4}})\b", re.I)
NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
DAY_MONTH = re.compile(rf"\b(\d{{1,2}}){_ORD}\s+{_MONTH}\b(?!,?\s+\d)", re.I)
WELSH_DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:af|il|ydd|ed|fed|eg|ain)?\s+{_WELSH_MONTH},?\s+(\d{{4}})\b", re.I
)
MONTH_YEAR = re.compile(rf"(?<!\d\s)(?<!\d{{2}}\s)\b{_MONTH}\s+(\d{{4}})\b", re.I)


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    start: int
    end: int
    text: str
    precision: str  # "day" | "month" (a month-only date stands for its last day)


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=512)
def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# every form above in one pattern, tried in that order where a date can start: one pass over a long document,
# not six
_FORMS = (
    ("dmy", DAY_MONTH_YEAR),
    ("mdy", MONTH_DAY_YEAR),
    ("numeric", NUMERIC),
    ("iso", ISO),
    ("welsh", WELSH_DAY_MONTH_YEAR),
    ("month_year", MONTH_YEAR),
    ("day_month", DAY_MONTH),
)


_GROUP = re.compile(r"(?<!\\)\((?!\?)")  # "(" opening a capturing group


def _named(name: str, pattern: re.Pattern) -> str:
    """A form's pattern as one named branch of the combined pattern (its groups made non-capturing)."""
    return f"(?P<{name}>{_GROUP.sub('(?:', pattern.pattern)})"


_ANY_DATE = re.compile("|".join(_named(n, p) for n, p in _FORMS), re.I)
_ANY_DATE_WITH_A_YEAR = re.compile("|".join(_named(n, p) for n, p in _FORMS[:-1]), re.I)
_FORM_NAMES = [name for name, _ in _FORMS]
# where a date can start: a digit, or the first three letters of a month, at the start of a word. A plain
# character class leads the pattern, so the engine skips other text without trying the forms at each place.
_CANDIDATE = re.compile(
    r"[0-9JFMASONDjfmasond](?<=\b.)(?:(?<=[0-9])|(?:an|eb|ar|pr|ay|u[nl]|ug|ep|ct|ov|ec))", re.I
)


def _value(form: str, m: re.Match, default_year: int | None) -> tuple[dt.date | None, str]:
    if form == "dmy":
        return _safe(_year(m.group(3)), MONTHS[m.group(2).lower().rstrip(".")], int(m.group(1))), "day"
    if form == "mdy":
        return _safe(int(m.group(3)), MONTHS[m.group(1).lower().rstrip(".")], int(m.group(2))), "day"
    if form == "numeric":  # UK order: day/month/year
        return _safe(_year(m.group(3)), int(m.group(2)), int(m.group(1))), "day"
    if form == "iso":
        return _safe(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day"
    if form == "welsh":
        return _safe(int(m.group(3)), WELSH_MONTHS[m.group(2).lower()], int(m.group(1))), "day"
    if form == "month_year":
        return month_end(int(m.group(2)), MONTHS[m.group(1).lower().rstrip(".")]), "month"
    if default_year is None:
        return None, "day"
    return _safe(default_year, MONTHS[m.group(2).lower().rstrip(".")], int(m.group(1))), "day"


def find_dates(text: str, default_year: int | None = None) -> list[FoundDate]:
    """Every date in the text, earliest position first, in one pass. Where two forms could start at the same
    place the more precise one is taken (a day, month and year before a month and year); where the first form
    that fits is no real date ("31 June 2024") the next form that fits there is tried."""
    combined, forms = (
        (_ANY_DATE, _FORMS) if default_year is not None else (_ANY_DATE_WITH_A_YEAR, _FORMS[:-1])
    )
    found: list[FoundDate] = []
    taken = 0  # where the last date ended: dates do not overlap
    for candidate in _CANDIDATE.finditer(text):
        start = candidate.start()
        if start < taken or (m := combined.match(text, start)) is None:
            continue
        for name, pattern in forms[_FORM_NAMES.index(m.lastgroup) :]:
            single = pattern.match(text, start)  # the form's own groups (rarely more than the first form)
            if single is None:
                continue
            value, precision = _value(name, single, default_year)
            if value is not None:
                found.append(FoundDate(value, start, single.end(), single.group(0), precision))
                taken = single.end()
                break
    return found


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘(])|\n\s*\n")


class Sentences:
    """Sentence boundaries of a text, found once, so the sentence around any position is a quick lookup.

    Linear however the text is built: a sentence is collapsed once, however many dates it holds (a text of
    dates with no full stop is one sentence), and a long sentence is cut to the window around the match
    before its spaces are collapsed."""

    _BOUNDARY = re.compile(r"(?:[.?!]\s)|\n\s*\n")

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = [m.end() for m in self._BOUNDARY.finditer(text)]
        self._sentences: dict[tuple[int, int, int], str | None] = {}

    def around(self, start: int, end: int, limit: int = 300) -> str:
        i = bisect_right(self.ends, start)
        left = self.ends[i - 1] if i > 0 else 0
        j = bisect_left(self.ends, end + 1)
        right = self.ends[j] if j < len(self.ends) else len(self.text)
        key = (left, right, limit)
        if key not in self._sentences:
            sentence = " ".join(self.text[left:right].split())
            self._sentences[key] = sentence if len(sentence) <= limit else None  # None: too long to show
        sentence = self._sentences[key]
        if sentence is None:
            middle = " ".join(self.text[max(left, start - limit // 2) : min(right, end + limit // 2)].split())
            sentence = "…" + middle + "…"
        return sentence


def sentence_around(text: str, start: int, end: int, limit: int = 300) -> str:
    """The sentence that holds text[start:end], trimmed to a readable length."""
    return Sentences(text).around(start, end, limit)


# ---- asks and commitments --------------------------------------------------------------------------------
# led by a plain character class (the first letters of the words, at the start of a word), so the engine skips
# the rest of the text without trying the pattern at each place
_BY_DATE = re.compile(
    r"[bfinBFIN](?<=\b.)(?:(?<=[bB])(?:y|efore)|(?<=[nN])o later than|(?<=[fF])rom|(?<=[iI])n)\s+"
    r"(?:the\s+end\s+of\s+)?"
    rf"(?:(\d{{1,2}}){_ORD}\s+{_MONTH}(?:,?\s+(\d{{4}}))?|{_MONTH}(?:\s+(\d{{4}}))?)",
    re.I,
)
_WITHIN = re.compile(
    r"\bwithin\s+(\d{1,3}|one|two|three|four|five|six|seven|eight|ten|twelve)\s+"
    r"(working\s+days?|days?|weeks?|months?)\b",
    re.I,
)
_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "ten": 10,
    "twelve": 12,
}


# every month's name and abbreviation holds one of these, in lower case
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class DatedPhrase:
    date: dt.date | None
    text: str
    start: int


def dated_phrases(text: str, reference: dt.date | None, *, relative: bool) -> list[DatedPhrase]:
    """Dated asks or commitments: "by 30 September 2022", "by the end of September 2013", "by June 2022",
    "from April 2026", and with relative=True "within 21 days" (counted from the reference date)."""
    out: list[DatedPhrase] = []
    lowered = text.lower()
    if not any(stem in lowered for stem in _MONTH_STEMS) and not (relative and "within" in lowered):
        return out  # no month's name, nor "within": nothing to find (most recommendations name no date)
    sentences: list[Sentences] = []  # found once, when the first phrase needs them

    def clause(start: int, end: int) -> str:
        if not sentences:
            sentences.append(Sentences(text))
        return sentences[0].around(start, end, limit=220)  # texts here are single passages: short

    for m in _BY_DATE.finditer(text):
        word = m.group(0).split()[0].lower()
        day, month_a, year_a, month_b, year_b = m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)
        month_name = month_a or month_b
        year_text = year_a or year_b
        if month_name is None:
            continue
        month = MONTHS[month_name.lower().rstrip(".")]
        if year_text:
            year = int(year_text)
        elif reference is not None:
            year = (
                reference.year
                if (month, int(day or 28)) >= (reference.month, reference.day)
                else reference.year + 1
            )
        else:
            continue
        if word == "in" and not year_text:
            continue  # "in March" alone is too loose to be a commitment
        if day:
            value = _safe(year, month, int(day))
        elif word == "from":
            value = dt.date(year, month, 1)
        else:
            value = month_end(year, month)
        out.append(DatedPhrase(value, clause(m.start(), m.end()), m.start()))
    if relative:
        for m in _WITHIN.finditer(text):
            count = m.group(1).lower()
            n = int(count) if count.isdigit() else _WORDS[count]
            unit = m.group(2).lower()
            value = None
            if reference is not None:
                if unit.startswith("working"):
                    from tracker.rules.calendar import add_working_days

                    value = add_working_days(reference, n)
                elif unit.startswith("day"):
                    value = reference + dt.timedelta(days=n)
                elif unit.startswith("week"):
                    value = reference + dt.timedelta(weeks=n)
                else:
                    from tracker.rules.calendar import add_months

                    value = add_months(reference, n)
            out.append(DatedPhrase(value, clause(m.start(), m.end()), m.start()))
    return sorted(out, key=lambda p: p.start)
