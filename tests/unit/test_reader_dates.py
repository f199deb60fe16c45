"""Dates as UK writers put them, found in one pass over the document."""

from __future__ import annotations

import datetime as dt

from tracker.importing.dates import find_dates


def found(text: str, default_year: int | None = None) -> list[tuple[str, dt.date, str]]:
    return [(f.text, f.date, f.precision) for f in find_dates(text, default_year)]


def test_each_form_is_found_in_document_order():
    text = "Sent 4th March 2024; met on March 5, 2024, then 06/03/2024, 2024-03-07 and in April 2024."
    assert found(text) == [
        ("4th March 2024", dt.date(2024, 3, 4), "day"),
        ("March 5, 2024", dt.date(2024, 3, 5), "day"),
        ("06/03/2024", dt.date(2024, 3, 6), "day"),
        ("2024-03-07", dt.date(2024, 3, 7), "day"),
        ("April 2024", dt.date(2024, 4, 30), "month"),
    ]


def test_a_day_and_month_needs_a_year_from_the_document():
    assert found("by 9 May the plan is due") == []
    assert found("by 9 May the plan is due", 2025) == [("9 May", dt.date(2025, 5, 9), "day")]


def test_no_real_day_gives_no_date_and_no_month_either():
    assert found("on 31 June 2024 and 30/02/2024") == []


def test_a_month_inside_a_word_or_a_number_inside_a_number_is_no_date():
    assert found("Marching 2024, ref 1204/2024, 123 March 2024") == []
    assert found("Marching on, in March 2024") == [("March 2024", dt.date(2024, 3, 31), "month")]


def test_the_documents_dates_are_found_when_first_read_and_read_as_a_tuple():
    from tracker.importing.extract import LazyDates, extract_recommendations

    calls = []
    lazy = LazyDates(lambda: calls.append(1) or ())
    assert calls == [] and lazy == () and not lazy and calls == [1]
    info = extract_recommendations(
        "Date: 4 March 2024\n\n1. The force should act by 30 June 2024.\n"
    ).document
    assert [d.date for d in info.dates] == [dt.date(2024, 3, 4), dt.date(2024, 6, 30)]
    assert info.dates == tuple(info.dates) and hash(info) == hash(info)
