"""A table of contents naming the recommendations section (tracker/importing/layouts/contents_lines.py) and
a deadline the law sets, stated in a paper (tracker/importing/layouts/statutory_dates.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.importing.extract import document_info, extract_recommendations
from tracker.importing.layouts.contents_lines import is_contents_line
from tracker.importing.layouts.statutory_dates import states_the_law

REPORT = """Review of neighbourhood policing

Contents
Introduction 2
{contents}
Findings 6

Introduction
The Panel met four times and heard from the Commissioner and the Chief Constable.

Findings
The Panel found that ward officers were often moved to response duties.
"""


@pytest.mark.parametrize(
    "contents",
    ["Recommendations 4", "Recommendations .......... 4", "Recommendations ………… 4", "Recommendations\t\t4"],
)
def test_a_contents_line_naming_the_recommendations_section_is_no_recommendation(contents):
    assert extract_recommendations(REPORT.format(contents=contents)).recommendations == ()


def test_contents_lines_are_skipped_and_the_list_itself_is_read():
    text = (
        REPORT.format(contents="Recommendations ..... 4")
        + "\nRecommendation 1\nThe Commissioner should keep ward officers in their wards.\n"
        "\nRecommendation 2 ..... 9\n\nRecommendation 2\nThe force should publish abstraction figures.\n"
    )
    recommendations = extract_recommendations(text).recommendations
    assert [(r.number, r.text) for r in recommendations] == [
        ("1", "The Commissioner should keep ward officers in their wards."),
        ("2", "The force should publish abstraction figures."),
    ]


def test_what_a_contents_line_looks_like():
    assert is_contents_line("Recommendations 12", "Recommendations 12")
    assert is_contents_line("3. Findings . . . . . 7", "3. Findings . . . . . 7")
    leaders = "Recommendations " + ". " * 30 + "4"
    assert is_contents_line(leaders, leaders)
    row = "3\tThe force should publish its stop and search figures every month for each ward and district\t2"
    assert not is_contents_line(row, row)  # a row of a tab-separated table, its last cell a number
    assert not is_contents_line("Recommendation 4", "Recommendation 4")  # a heading
    assert not is_contents_line("Recommendations 4 and 5", "Recommendations 4 and 5")
    assert not is_contents_line(
        "1. The force should recruit 40 officers", "1. The force should recruit 40 officers"
    )


PRECEPT = """Report to the Police and Crime Panel
Date: 3 February 2025

Proposed precept 2025/26

Under Schedule 5 to the Act, if the Panel vetoes the precept the Commissioner must respond to the Panel's
report by 1 March 2025 with a revised precept.
"""


def test_a_deadline_the_law_sets_is_not_a_reply_asked_for():
    info = document_info(PRECEPT)
    assert info.date == dt.date(2025, 2, 3)
    assert info.reply_requested_by is None
    assert dt.date(2025, 3, 1) in [d.date for d in info.dates]  # still among the document's dates


def test_a_panels_request_is_still_a_reply_by_date():
    letter = PRECEPT.replace(
        "Under Schedule 5 to the Act, if the Panel vetoes the precept the Commissioner must respond to the "
        "Panel's\nreport by 1 March 2025 with a revised precept.",
        "As the regulations require, please respond to the Panel's report by 1 March 2025.",
    )
    assert document_info(letter).reply_requested_by == dt.date(2025, 3, 1)
    we_must = "Date: 3 February 2025\n\nWe must have your response by 10 March 2025 at the latest.\n"
    assert document_info(we_must).reply_requested_by == dt.date(2025, 3, 10)


def test_what_states_the_law():
    text = "The Commissioner is required to respond by 22 February."
    assert states_the_law(text, text.index("respond"))
    text = "Please respond by 22 February."
    assert not states_the_law(text, text.index("respond"))


def test_a_panel_that_asks_for_or_would_welcome_a_response_gives_the_reply_by_date():
    asks = "Panel report\n\n1. The Commissioner should publish the plan.\n\nThe Panel asks for a written response by 21 February 2025.\n"
    assert document_info(asks).reply_requested_by == dt.date(2025, 2, 21)
    welcome = "Dear Commissioner\n\nWe would welcome a reply to this letter by 3 March 2025.\n"
    assert document_info(welcome).reply_requested_by == dt.date(2025, 3, 3)
    # a past request narrated is not one: no reply-by date without a date after "by"
    narrated = "Dear Commissioner\n\nWe asked last year whether you would respond in time.\n"
    assert document_info(narrated).reply_requested_by is None


def test_a_letter_header_spaced_wide_is_no_contents_line_and_is_read_at_once():
    header = "Our ref: PCP/21" + " " * 400 + "Date: 3 May 2024"
    assert not is_contents_line(header, " ".join(header.split()))
    assert not is_contents_line("Contents" + "\t" * 3000 + "x 2024", "Contents x 2024")
    letter = f"{header}\n\nDear Commissioner\n\n1. The Commissioner should publish the plan.\n"
    assert [r.number for r in extract_recommendations(letter).recommendations] == ["1"]
    assert is_contents_line("Summary . . . . 7", "Summary . . . . 7")
    assert is_contents_line("Introduction\t3", "Introduction 3")
