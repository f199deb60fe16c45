"""Minutes that go through a review's draft recommendations by number only
(tracker/importing/layouts/numbers_in_minutes.py)."""

from __future__ import annotations

from tracker.importing.extract import extract_recommendations
from tracker.importing.layouts import NAMED_BY_NUMBER_ONLY

MINUTES = """Minutes

12.
Review of night-time safety in the town centre

The Committee considered the eight draft recommendations of its review of night-time safety.

Members asked that the wording of Recommendation 2 be made plainer, and agreed Recommendation 6 as drafted.

With regard to Recommendations 4 and 5, the Committee agreed to ask the Council to fund both schemes.

RESOLVED: That the recommendations be agreed, subject to the changes above.
"""


def test_draft_recommendations_named_by_number_are_read_with_their_numbers():
    found = extract_recommendations(MINUTES).recommendations
    assert [r.number for r in found] == ["2", "4", "5", "6"]
    assert all(NAMED_BY_NUMBER_ONLY in r.flags for r in found)
    # the sentence that names it stands in for the text the minutes do not give
    assert found[0].text.startswith("Members asked that the wording of Recommendation 2")
    assert found[1].text == found[2].text


def test_numbers_named_without_the_meeting_going_through_its_drafts_are_not_taken():
    text = MINUTES.replace(
        "The Committee considered the eight draft recommendations of its review of night-time safety.",
        "The Committee heard from the Inspector about the town centre.",
    )
    assert extract_recommendations(text).recommendations == ()


def test_a_number_named_before_the_drafts_are_considered_is_not_taken():
    text = MINUTES.replace(
        "The Committee considered",
        "The Chair recalled that Recommendation 9 of the last review was complete.\n\nThe Committee considered",
    )
    assert [r.number for r in extract_recommendations(text).recommendations] == ["2", "4", "5", "6"]
