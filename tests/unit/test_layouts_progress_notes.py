"""Unnumbered recommendations with their progress (tracker/importing/layouts/progress_notes.py), and a
committee's key points as dash items whose dash stands alone on its line."""

from __future__ import annotations

from tracker.importing.audit import audit_reply
from tracker.importing.extract import classify, extract_recommendations
from tracker.importing.layouts import NO_ASKING_VERB, NUMBERED_BY_APP
from tracker.importing.layouts.progress_notes import progress_notes

FORCE_UPDATE = """Inspection update

Minutes:

·         The Head of Performance said that four inspection responses were still open, including:

o   Response times to rural calls to be published monthly. A first table answering this recommendation
would go to the March meeting.

o   Interview rooms should be made accessible to wheelchair users. Two rooms had been altered so far.

o   Cold case reviews to be carried out by a second team. Staff for this recommendation had been found.

·         Members thanked the Head of Performance for the update.
"""


def test_bullets_that_state_a_recommendation_then_its_progress_give_both():
    recommendations = extract_recommendations(FORCE_UPDATE).recommendations
    assert [r.text for r in recommendations] == [
        "Response times to rural calls to be published monthly.",
        "Interview rooms should be made accessible to wheelchair users.",
        "Cold case reviews to be carried out by a second team.",
    ]
    assert all(NUMBERED_BY_APP in r.flags and NO_ASKING_VERB not in r.flags for r in recommendations)
    passages = audit_reply(FORCE_UPDATE).passages
    assert [p.text for p in passages] == [
        "A first table answering this recommendation would go to the March meeting.",
        "Two rooms had been altered so far.",
        "Staff for this recommendation had been found.",
    ]
    assert all(p.numbers == () for p in passages)  # read alone: the officer ties them
    tied = audit_reply(FORCE_UPDATE, list(recommendations)).passages
    assert [p.numbers for p in tied] == [("1",), ("2",), ("3",)]


def test_bullets_that_never_speak_of_a_recommendation_are_not_taken():
    text = FORCE_UPDATE.replace("answering this recommendation", "of figures").replace(
        "Staff for this recommendation", "Staff"
    )
    assert progress_notes(classify(text)) == []


CAUSE_OF_CONCERN = """Cause of concern

The force does not visit enough victims of stalking in person.

• The force should visit every victim of stalking within two days. • It should review how risk is
recorded on calls about stalking.

The force has made good progress on this recommendation since our last inspection and now visits most
victims within a day.

This recommendation is complete
"""


def test_a_paragraph_that_asks_then_one_that_calls_it_this_recommendation():
    (recommendation,) = extract_recommendations(CAUSE_OF_CONCERN).recommendations
    assert recommendation.text.startswith("The force should visit every victim of stalking")
    assert recommendation.text.endswith("recorded on calls about stalking.")
    (passage,) = audit_reply(CAUSE_OF_CONCERN).passages
    assert passage.text.startswith("The force has made good progress on this recommendation")
    assert passage.text.endswith("This recommendation is complete")


KEY_POINTS = """MPs report on rural policing
In a new report, the Rural Affairs Committee looks at policing in the countryside.
Key points made by the committee include:
-
Rural crime is under-reported, and the figures published by forces understate it badly.
-
The Home Office should publish rural crime figures for every force each year.
-
Forces must give each rural ward a named officer.
-
The committee recommends that the Government fund a rural crime network for three more years.
-
Farm thefts cost more than forty million pounds a year, according to insurers.
"""


def test_a_committees_key_points_give_only_those_that_ask_someone_to_act():
    recommendations = extract_recommendations(KEY_POINTS).recommendations
    assert [r.text for r in recommendations] == [
        "The Home Office should publish rural crime figures for every force each year.",
        "Forces must give each rural ward a named officer.",
        "The committee recommends that the Government fund a rural crime network for three more years.",
    ]


def test_key_points_of_a_report_that_only_speak_of_recommendations_are_none():
    text = (
        "Minutes\nKey points and themes within the report included:\n"
        "- The committee endorsed the recommendations of the task group in March 2024;\n"
        "- Updates on each of the nine recommendations made by the task group; and\n"
        "- The recommendations would be driven by the safety partnership.\n"
    )
    assert extract_recommendations(text).recommendations == ()


def test_a_dash_alone_in_a_table_cell_does_not_make_a_bullet():
    text = "Status\n-\nOpen\n"
    assert [line.kind for line in classify(text)][:3] == ["text", "text", "text"]
    one_dash = "Owner\n-\nThe force will report on this at the next meeting.\n\nDone\n"
    assert [line.kind for line in classify(one_dash)][:3] == ["text", "text", "text"]
