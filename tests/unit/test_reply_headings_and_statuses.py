"""Replies answered under lettered and R-labelled headings, statuses as dispositions, and a panel's prose
report whose asks the app numbers."""

from __future__ import annotations

from tracker.importing.audit import audit_reply, suggest_disposition
from tracker.importing.extract import extract_recommendations
from tracker.importing.layouts.reply_headings import heading_numbers
from tracker.importing.layouts.statuses import status_disposition

LETTERED_MINUTE = """Wessex Police and Crime Panel

RESOLVED that the Panel recommends to the Commissioner that:
a) the plan sets out a measure for rural crime;
b) the Commissioner publishes quarterly figures for response times;
c) victims' services are reviewed by September 2024;
d) the plan explains how neighbourhood teams will be protected;
e) the final plan is shared with the Panel before publication.
"""

LETTERED_ANSWERS = """Dear Chair,

Thank you for the Panel's recommendations. My answers follow.

a)
I agree. The final plan includes a rural crime measure.

b)
Accepted. Figures will be published each quarter from July 2024.

c)
I will not commission a separate review, as the service was re-let last year.

d)
The plan now has a section on neighbourhood policing.

e) Agreed. The Panel will see the final plan a week before publication.

Yours sincerely
"""


def test_a_commissioners_answers_to_a_lettered_list_are_mapped_by_letter():
    recommendations = list(extract_recommendations(LETTERED_MINUTE).recommendations)
    audit = audit_reply(LETTERED_ANSWERS, recommendations)
    assert [(r.number, r.status, r.disposition) for r in audit.recommendations] == [
        ("a", "replied", "accepted"),
        ("b", "replied", "accepted"),
        ("c", "replied", "not accepted"),
        ("d", "replied", "unclear"),
        ("e", "replied", "accepted"),
    ]
    assert audit.passages[3].text == "The plan now has a section on neighbourhood policing."


R_LABELLED = """Response to the Police and Crime Panel

Recommendation R1
We agree and will publish the measure.

Rec 2
Accepted: the figures are online.

R3: Not agreed. The budget does not allow it.

Recommendations R4 and R5
We accept both and will report by June 2024.

R6:
Ongoing.

Recommendation 7
Acknowledged.
"""


def test_r_labelled_headings_and_two_taken_together_are_mapped():
    audit = audit_reply(R_LABELLED)
    assert [(r.number, r.disposition, r.grouped_with) for r in audit.recommendations] == [
        ("1", "accepted", ()),
        ("2", "accepted", ()),
        ("3", "not accepted", ()),
        ("4", "accepted", ("5",)),
        ("5", "accepted", ("4",)),
        ("6", "accepted", ()),
        ("7", "noted", ()),
    ]
    assert [p.numbers for p in audit.passages] == [("1",), ("2",), ("3",), ("4", "5"), ("6",), ("7",)]


def test_heading_forms_give_their_numbers():
    assert heading_numbers("Recommendation R1") == (["1"], "")
    assert heading_numbers("Rec 2: publish it") == (["2"], "publish it")
    assert heading_numbers("Recommendations R2 and R3") == (["2", "3"], "")
    assert heading_numbers("Recording of crime") is None


def test_statuses_become_dispositions():
    assert [
        status_disposition(s) for s in ("Acknowledged", "Agreed", "Not agreed", "Ongoing", "Complete")
    ] == [
        "noted",
        "accepted",
        "not accepted",
        "accepted",
        "accepted",
    ]
    assert status_disposition("Awaiting a reply") is None
    assert suggest_disposition("Not agreed. The budget does not allow it.")[0] == "not accepted"
    assert suggest_disposition("Complete: the figures went online in May.")[0] == "accepted"


PROSE_REPORT = """Report of the Wessex Police and Crime Panel on the proposed precept
Date of meeting: 4 March 2024

The Panel:
considered the Commissioner's proposal to raise the precept by 5%;
suggested that the Commissioner publish how the extra money will be spent;
asked the Commissioner to report back on rural response times;
noted the Chief Constable's comments;
recommended that the Commissioner consult young people on the plan.
"""


def test_a_prose_panel_report_gives_its_asks_numbered_by_the_app_in_order():
    extraction = extract_recommendations(PROSE_REPORT)
    assert [(r.number, r.text) for r in extraction.recommendations] == [
        ("1", "The Panel suggested that the Commissioner publish how the extra money will be spent."),
        ("2", "The Panel asked the Commissioner to report back on rural response times."),
        ("3", "The Panel recommended that the Commissioner consult young people on the plan."),
    ]
    assert all(r.flags == ("numbered by the app",) for r in extraction.recommendations)
    assert [r.start for r in extraction.recommendations] == sorted(
        r.start for r in extraction.recommendations
    )


def test_a_prose_report_on_one_line_is_cut_at_its_semicolons():
    text = (
        "The Panel: considered the proposal; suggested that the Commissioner publish the spending plan; "
        "asked the Commissioner to report back on response times; noted the comments.\n"
    )
    recommendations = extract_recommendations(text).recommendations
    assert [r.text for r in recommendations] == [
        "The Panel suggested that the Commissioner publish the spending plan.",
        "The Panel asked the Commissioner to report back on response times.",
    ]
    assert text[recommendations[1].start : recommendations[1].end].startswith("asked the Commissioner")


def test_a_panel_that_only_considered_and_noted_asks_for_nothing():
    text = "The Panel:\nconsidered the report;\nnoted the figures.\n"
    assert extract_recommendations(text).recommendations == ()


CABINET_RESOLUTION = """Cabinet, 9 March 2023

Item 6: Review of town centre patrols

Members considered the report of the Scrutiny Committee on town centre patrols.

Resolved: That

a)    the patrol rota be reviewed before the summer;

b)    officers report back on the cost of extra evening cover; and

c)    the Committee be thanked for its work.
"""


def test_a_meetings_lettered_resolution_is_not_answers_by_letter():
    # the letters are the Cabinet's own: "a)" here does not answer a recommendation (a)
    audit = audit_reply(CABINET_RESOLUTION)
    assert all(set(p.numbers).isdisjoint({"a", "b", "c"}) for p in audit.passages)


def test_a_lettered_resolution_answers_a_lettered_list_letter_by_letter():
    recommendations = list(extract_recommendations(LETTERED_MINUTE).recommendations)
    resolution = LETTERED_ANSWERS.replace("My answers follow.", "Resolved: That")
    audit = audit_reply(resolution, recommendations)
    assert [p.numbers for p in audit.passages] == [("a",), ("b",), ("c",), ("d",), ("e",)]


BULLETED_ANSWERS = """Cabinet, 4 June 2024: response to the scrutiny review of street lighting

The Cabinet Member thanked the review group. An action plan gives a response to each recommendation, and
these changes to it were agreed:

·  R2: Lead officer to be the Head of Highways.

·  R4: Target date moved to March 2025, after the survey
   of every ward is finished.

·  R7: The Committee will receive a report each year.

The Chair of the review group spoke in support of the plan.

·  Members asked about costs in rural wards.
"""


def test_bullets_that_open_with_a_recommendations_label_are_its_answers():
    audit = audit_reply(BULLETED_ANSWERS)
    assert [p.numbers for p in audit.passages] == [("2",), ("4",), ("7",)]
    assert audit.passages[1].text.endswith("of every ward is finished.")
    assert audit.passages[2].text == "The Committee will receive a report each year."


def test_lettered_answers_to_members_questions_are_not_answers_to_recommendations():
    minute = (
        "Minutes\n\nSeveral questions were raised in the debate, to which the following responses were given –\n\n"
        "(a)\n\nthe force had recruited twelve more call handlers since January;\n\n"
        "(b)\n\nthe Commissioner would write to the Home Office about the grant.\n"
    )
    assert audit_reply(minute).passages == ()
