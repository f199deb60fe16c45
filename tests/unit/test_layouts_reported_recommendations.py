"""Recommendations told of in a response's prose (tracker/importing/layouts/reported_recommendations.py):
one quoted once with its answer after it, and two in one past-tense sentence."""

from __future__ import annotations

from tracker.importing.audit import audit_reply
from tracker.importing.extract import classify, extract_recommendations
from tracker.importing.layouts import NUMBERED_BY_APP, TIED_BY_SUBJECT
from tracker.importing.layouts.reported_recommendations import reported_recommendations

QUOTED_ONCE = """Dear Chair,

Thank you for the Panel's report on the draft plan, which reached me on 3 February 2024.

The Panel recommended that the Commissioner publish the force's response times for each
district every quarter. I accept this. The first figures will be published in July 2024.

Yours sincerely
"""

TWO_IN_ONE = """Response to the Panel

At its meeting in January the Panel had recommended that the Commissioner review the funding of the
victims' hub and that the force publish its stop and search figures every month. Both have been
taken forward, and a report will come to the Panel in June.
"""


def test_a_recommendation_quoted_once_in_a_response_is_found_with_its_answer():
    extraction = extract_recommendations(QUOTED_ONCE)
    (recommendation,) = extraction.recommendations
    assert recommendation.text == (
        "That the Commissioner publish the force's response times for each district every quarter."
    )
    assert NUMBERED_BY_APP in recommendation.flags
    audit = audit_reply(QUOTED_ONCE, list(extraction.recommendations))
    (passage,) = audit.passages
    assert passage.numbers == ("1",) and passage.disposition == "accepted"
    assert "I accept this." in passage.text and passage.flags == (TIED_BY_SUBJECT,)


def test_two_recommendations_in_one_past_tense_sentence_are_two():
    recommendations = extract_recommendations(TWO_IN_ONE).recommendations
    assert [r.text for r in recommendations] == [
        "That the Commissioner review the funding of the victims' hub.",
        "That the force publish its stop and search figures every month.",
    ]
    audit = audit_reply(TWO_IN_ONE, list(recommendations))
    assert [p.numbers for p in audit.passages] == [("1", "2")]  # one answer to both


def test_a_request_of_the_meeting_itself_and_other_bodies_are_left_out():
    text = (
        "Minutes\n\nThe Committee recommended that the report be noted. The inspectorate recommended that "
        "forces publish their figures. Members recommended that officers attend.\n"
    )
    assert reported_recommendations(classify(text)) == []


def test_a_summary_that_makes_a_recommendation_and_a_suggestion_in_its_prose():
    text = (
        "Scrutiny of victims' services\n\nThe Panel found that the hub works well, and this report makes "
        "recommendation to the Commissioner that he keeps its funding for three years. The Panel have also "
        "suggested that a leaflet is written for victims of fraud.\n"
    )
    assert [r.text for r in extract_recommendations(text).recommendations] == [
        "That he keeps its funding for three years.",
        "That a leaflet is written for victims of fraud.",
    ]


def test_a_report_named_with_its_subject_and_an_aside_and_the_answer_after_it():
    answer = (
        "Written answer\n\nThe Justice Committee's Third Report on custody (HC 41), published in May 2010, recommended "
        "that the Home Office set a national standard for custody nurses. The Home Office is considering this "
        "with the inspectorate.\n"
    )
    (recommendation,) = extract_recommendations(answer).recommendations
    assert recommendation.text == "That the Home Office set a national standard for custody nurses."
    # read alone, the reply's answer is found, for the officer to tie to the recommendation
    (passage,) = audit_reply(answer).passages
    assert (
        passage.numbers == () and passage.text == "The Home Office is considering this with the inspectorate."
    )
    assert passage.disposition == "noted"


DECISION_RECORD = """Decision summary

The Commissioner presented a draft change to the Plan to the Panel at its meeting on 3 May 2024.

The Panel considered the draft change and wrote a short report on its recommendation to support the change to the Plan, which can be read on the Panel's pages at:

The Commissioner sent a reply dated 1 June 2024 to the Panel accepting its recommendation.

The Plan with the change has been published.
"""

PANEL_MINUTE = """Minutes:

The Commissioner brought the revised plan back to the Panel with an update on the recommendations made at the last meeting, one of which was that the Commissioner share the draft plan with the Panel before it is finalised.

The Chair told Members that the Commissioner's first response had been that the timetable did not allow it, but that he had reconsidered and would share the draft in future years.

Members then asked about the budget.
"""


def test_a_recommendation_told_of_as_a_bodys_recommendation_to_do_something():
    (recommendation,) = extract_recommendations(DECISION_RECORD).recommendations
    assert recommendation.text == "To support the change to the Plan."  # not where the report can be read
    (passage,) = audit_reply(DECISION_RECORD).passages
    assert passage.numbers == () and passage.text.startswith(
        "The Commissioner sent a reply dated 1 June 2024"
    )


def test_a_recommendation_told_of_as_one_of_several_with_the_response_in_the_next_paragraph():
    (recommendation,) = extract_recommendations(PANEL_MINUTE).recommendations
    assert recommendation.text == (
        "That the Commissioner share the draft plan with the Panel before it is finalised."
    )
    (passage,) = audit_reply(PANEL_MINUTE).passages
    assert passage.text.startswith("The Chair told Members that the Commissioner's first response")
    assert "budget" not in passage.text


def test_a_next_paragraph_that_tells_of_no_response_is_no_answer():
    text = PANEL_MINUTE.replace(
        "the Commissioner's first response had been that the timetable did not allow it, but that he had "
        "reconsidered and",
        "the timetable was tight and the Commissioner",
    )
    assert audit_reply(text).passages == ()


def test_the_meeting_bodys_own_recommendation_to_note_or_another_object_is_not_taken():
    assert reported_recommendations(classify("The Committee made its recommendation to the Cabinet.\n")) == []
    text = "The Panel agreed its recommendation to note the report and the minutes of the meeting.\n"
    assert reported_recommendations(classify(text)) == []
