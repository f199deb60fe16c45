"""Dates as people type them into a form in the UK: day first.

`2/5/2024`, `02/05/2024`, `2.5.24`, `2 May 2024`, `2nd May 2024`, `May 2, 2024` and `2024-05-02` are all the
second of May 2024. Whatever is not one clear day is refused with a sentence saying why: `31/2/2024` (February
has no 31st), `5/13/2024` (there is no month 13: the day comes first), `May 2024` (which day?).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

# Any date outside these years is a typing mistake, and a year near 9999 breaks the date arithmetic.
MIN_YEAR = 1900
MAX_YEAR = 2200

EXAMPLE = "2/5/2024, 2 May 2024 or 2024-05-02"

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})")
_LETTERS = re.compile(r"[A-Za-z]+")
_ORDINALS = {"st", "nd", "rd", "th", "of"}
_MONTH_WORDS = {
    name.lower()
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept"}
_DAY_WORDS = {
    name.lower() for number in range(7) for name in (calendar.day_name[number], calendar.day_abbr[number])
}


class TypedDateError(ValueError):
    """A typed date that is not one clear day; str() is a sentence for the person who typed it."""


def parse_typed_date(text: str) -> dt.date | None:
    """The day `text` names, day first; None when it is blank. Raises TypedDateError saying what is wrong."""
    value = " ".join(text.split())
    if not value:
        return None
    if iso := _ISO.fullmatch(value):
        year, month, day = (int(part) for part in iso.groups())
        return _day(value, year, month, day)
    if numeric := _NUMERIC.fullmatch(value):
        day, month, year = int(numeric.group(1)), int(numeric.group(3)), int(numeric.group(4))
        if len(numeric.group(4)) == 2:
            year += 2000
        return _day(value, year, month, day)
    return _in_words(value)


def _day(value: str, year: int, month: int, day: int) -> dt.date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise TypedDateError(f"{value} is outside the years {MIN_YEAR} to {MAX_YEAR}")
    if not 1 <= month <= 12:
        raise TypedDateError(f"{value} has no month {month}: the day comes first, then the month ({EXAMPLE})")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise TypedDateError(
            f"{value} is not a real date: {calendar.month_name[month]} {year} has {last} days"
        )
    return dt.date(year, month, day)


def _in_words(value: str) -> dt.date:
    """A date with its month in words. dateutil reads it; only a day, a month name, a year and (ignored)
    the day of the week are allowed, and all three of day, month and year must be given."""
    from dateutil import parser

    words = [word.lower() for word in _LETTERS.findall(value)]
    months = [word for word in words if word in _MONTH_WORDS]
    unknown = [word for word in words if word not in _MONTH_WORDS | _DAY_WORDS | _ORDINALS]
    if len(months) != 1 or unknown or ":" in value:
        raise TypedDateError(f"{value} is not a date: type it as {EXAMPLE}")
    numbers = re.findall(r"\d+", value)
    if len(numbers) != 2:
        raise TypedDateError(f"{value} is not one day: give the day, the month and the year")
    # read twice with different defaults: a part missing from the text would come from the default
    try:
        first = parser.parse(value, dayfirst=True, default=dt.datetime(2001, 1, 1))
        second = parser.parse(value, dayfirst=True, default=dt.datetime(2002, 2, 2))
    except (ValueError, OverflowError):
        return _explain(value, numbers, months[0])
    if first != second:
        raise TypedDateError(f"{value} is not one day: give the day, the month and the year")
    day = _day(value, first.year, first.month, first.day)
    weekdays = [word for word in words if word in _DAY_WORDS]
    if weekdays and weekdays[0][:3] != calendar.day_abbr[day.weekday()].lower():
        raise TypedDateError(
            f"{value} does not match: {day.day} {calendar.month_name[day.month]} "
            f"{day.year} is a {calendar.day_name[day.weekday()]}"
        )
    return day


def _explain(value: str, numbers: list[str], month_word: str) -> dt.date:
    """dateutil refused a worded date: say why in the form's words (31 February 2024 has no 31st)."""
    month = next(
        number
        for number in range(1, 13)
        if month_word in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
        or (month_word == "sept" and number == 9)
    )
    day, year = (numbers[1], numbers[0]) if len(numbers[0]) > 2 else (numbers[0], numbers[1])
    return _day(value, int(year) + (2000 if len(year) <= 2 else 0), month, int(day))
