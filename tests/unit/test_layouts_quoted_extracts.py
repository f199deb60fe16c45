"""A page quoting extracts of a panel's letter (tracker/importing/layouts/quoted_extracts.py): the extracts
that ask are the recommendations; the page's own comment is not."""

from __future__ import annotations

from tracker.importing.extract import extract_recommendations
from tracker.importing.layouts import NUMBERED_BY_APP, QUOTED_EXTRACT

PAGE = """Notes on local policing

Monday, 3 March 2025

What the panel told the Commissioner

A reader sent me the panel's letter on the draft plan. Here are a few extracts from the letter the Chair of the Police and Crime Panel sent to the Commissioner last week.
The Panel would like to see the plan published in the spring, so that residents have time to comment on it.
There is a need for clearer targets on burglary in the rural districts.
The plan is long and repeats itself in places.
The Panel should be shown the budget before the plan is final.
I think the Panel has been far too gentle, and the Commissioner should be told so.
"""


def test_the_extracts_that_ask_are_recommendations_up_to_the_first_that_does_not():
    found = extract_recommendations(PAGE).recommendations
    assert [r.text for r in found] == [
        "The Panel would like to see the plan published in the spring, so that residents have time to comment "
        "on it.",
        "There is a need for clearer targets on burglary in the rural districts.",
    ]
    assert all(NUMBERED_BY_APP in r.flags and QUOTED_EXTRACT in r.flags for r in found)


def test_without_a_sentence_that_says_extracts_follow_nothing_is_taken():
    text = PAGE.replace("Here are a few extracts from the letter", "I read the letter")
    assert extract_recommendations(text).recommendations == ()


def test_extracts_of_something_no_panel_or_committee_wrote_are_not_taken():
    text = PAGE.replace("the Chair of the Police and Crime Panel", "a resident")
    assert extract_recommendations(text).recommendations == ()


def test_the_pages_own_comment_in_the_first_person_is_never_an_extract():
    text = PAGE.replace("The plan is long and repeats itself in places.\n", "")
    assert len(extract_recommendations(text).recommendations) == 3  # the budget, not "I think …"
