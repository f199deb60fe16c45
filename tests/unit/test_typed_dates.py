"""Dates typed into a form, UK day first: what is one clear day is read, everything else is refused in words."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.typed_dates import MAX_YEAR, MIN_YEAR, TypedDateError, parse_typed_date

MAY_2 = dt.date(2024, 5, 2)


@pytest.mark.parametrize(
    "text",
    [
        "2/5/2024", "02/05/2024", "2.5.2024", "2-5-2024", "2/5/24", "2 May 2024", "2nd May 2024",
        "2 may 2024", "  2  May   2024 ", "2 of May 2024", "May 2, 2024", "2 May 24", "2024-05-02",
        "Thursday 2 May 2024", "Thu 2 May 2024",
    ],
)  # fmt: skip
def test_the_forms_people_type_are_all_the_second_of_may(text):
    assert parse_typed_date(text) == MAY_2


def test_blank_is_no_date():
    assert parse_typed_date("") is None
    assert parse_typed_date("   ") is None


def test_iso_is_year_first_even_though_the_rest_is_day_first():
    assert parse_typed_date("2024-02-05") == dt.date(2024, 2, 5)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("31/2/2024", "February 2024 has 29 days"),
        ("29/2/2023", "February 2023 has 28 days"),
        ("31 February 2024", "February 2024 has 29 days"),
        ("31/4/2024", "April 2024 has 30 days"),
        ("5/13/2024", "no month 13: the day comes first"),
        ("2024-13-01", "no month 13"),
        ("May 2024", "give the day, the month and the year"),
        ("2 May", "give the day, the month and the year"),
        ("2024", "is not a date"),
        ("tomorrow", "is not a date"),
        ("2 May 2024 10:00", "is not a date"),
        ("2 Mai 2024", "is not a date"),
        ("5 2 2024", "is not a date"),
        ("Monday 2 May 2024", "2 May 2024 is a Thursday"),
        ("2/5/1850", "outside the years 1900 to 2200"),
        ("0/5/2024", "May 2024 has 31 days"),
    ],
)
def test_what_is_not_one_clear_day_is_refused_with_the_reason(text, says):
    with pytest.raises(TypedDateError) as raised:
        parse_typed_date(text)
    assert says in str(raised.value)
    assert str(raised.value).startswith(" ".join(text.split()))


@given(st.dates(min_value=dt.date(MIN_YEAR, 1, 1), max_value=dt.date(MAX_YEAR, 12, 31)))
def test_every_day_reads_back_in_every_form(day):
    month = day.strftime("%B")
    for text in (
        f"{day.day}/{day.month}/{day.year}",
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day} {month} {day.year}",
        f"{day.day} {month[:3]} {day.year}",
        day.isoformat(),
    ):
        assert parse_typed_date(text) == day, text
