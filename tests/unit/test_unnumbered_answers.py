"""Answers with no number to go by, a one-recommendation report, and the same new layouts read alike from
text, PDF and Word."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.document_files import write_document
from tracker.importing.audit import audit_reply
from tracker.importing.extract import extract_recommendations
from tracker.importing.layouts.subject_ties import paragraphs
from tracker.importing.readers import read_document

ONE_RECOMMENDATION = """Report of the Police and Crime Panel
Date: 2 February 2024

Recommendation
The Panel recommends that the Commissioner publishes the plan in Welsh and English at the same time.
"""

ONE_ANSWER = """Dear Chair,

Thank you for your letter. I accept the Panel's recommendation: the plan will be published in both
languages on the same day.

Yours sincerely
Commissioner
"""


def test_a_one_recommendation_report_answered_by_one_paragraph_is_mapped():
    recommendations = extract_recommendations(ONE_RECOMMENDATION).recommendations
    assert [(r.number, r.flags) for r in recommendations] == [("1", ("numbered by the app",))]
    audit = audit_reply(ONE_ANSWER, list(recommendations))
    assert [(r.number, r.status, r.disposition) for r in audit.recommendations] == [
        ("1", "replied", "accepted")
    ]
    (passage,) = audit.passages
    assert passage.flags == ("answer tied by subject, not number",)
    assert "Yours sincerely" not in passage.text and passage.text.startswith("Thank you")


def test_a_recommendation_quoted_in_the_responses_prose_ties_its_answer():
    report = (
        "The Panel recommends:\n\n"
        "1. The force should publish its stop and search figures every month.\n"
        "2. The Commissioner should fund a rural crime coordinator for the upland wards.\n"
    )
    reply = (
        "Dear Chair,\n\n"
        "On funding, the Panel asked that the Commissioner fund a rural crime coordinator for the upland wards. "
        "I have agreed the post and it will be filled by June 2024.\n\n"
        'You also recommended that "the force should publish its stop and search figures every month". '
        "The figures have been online each month since January.\n\nYours sincerely\n"
    )
    recommendations = list(extract_recommendations(report).recommendations)
    audit = audit_reply(reply, recommendations)
    assert [p.numbers for p in audit.passages] == [("2",), ("1",)]  # the reply's order
    assert all(p.flags == ("answer tied by subject, not number",) for p in audit.passages)
    assert audit.passages[0].commitments[0].date == dt.date(2024, 6, 30)


def test_a_blanket_acceptance_answers_every_recommendation():
    reply = (
        "Decision:\n\nRESOLVED to accept all the recommendations in the review as presented to the meeting.\n"
    )
    audit = audit_reply(reply)
    assert [(p.numbers, p.disposition) for p in audit.passages] == [((), "accepted")]
    recommendations = list(
        extract_recommendations("1. The force should act.\n2. The Panel should check.\n").recommendations
    )
    audit = audit_reply(reply, recommendations)
    assert [(r.number, r.status) for r in audit.recommendations] == [("1", "replied"), ("2", "replied")]


def test_accepting_all_of_an_inspections_areas_for_improvement_is_a_blanket_answer():
    reply = (
        "1. Commissioner's comments:\n"
        "- I welcome the report and will follow the force's progress closely.\n"
        "1.2 The Chief Constable has told me:\n"
        "The inspectorate raised five areas for improvement. We have accepted all the AFIs and report on them "
        "to the oversight board each quarter.\n"
    )
    (passage,) = audit_reply(reply).passages
    assert passage.numbers == () and passage.disposition == "accepted"
    assert "We have accepted all the AFIs" in passage.text


def test_a_heading_counting_a_group_of_findings_after_a_blanket_answer_gives_its_own_answer():
    reply = (
        "1. Commissioner's comments:\n"
        "We have accepted all the AFIs and report on them to the oversight board each quarter.\n"
        "2. Responses\n"
        "2.1 Custody AFIs (2)\n"
        "2.2 The custody team now checks every detainee's welfare on the hour and records each check.\n"
    )
    blanket, custody = audit_reply(reply).passages
    assert "accepted all the AFIs" in blanket.text
    assert custody.numbers == () and custody.text.startswith("2.2 The custody team now checks")


def test_a_welsh_reply_that_meets_all_the_recommendations_is_a_blanket_answer():
    reply = (
        "Adolygiad o'r gwasanaeth ieuenctid\n\n"
        'Dywedodd y Comisiynydd: "Rydym eisoes yn cyflawni\'r argymhellion a gyhoeddwyd heddiw."\n'
    )
    (passage,) = audit_reply(reply).passages
    assert passage.numbers == () and "cyflawni'r argymhellion" in passage.text
    assert audit_reply("Adolygiad\n\nMae'r adroddiad yn cynnwys argymhellion newydd.\n").passages == ()


def test_body_paragraphs_leave_out_the_salutation_the_address_and_the_closing():
    text = "1 High Street\n\nDear Chair,\n\nI accept the recommendation in full.\n\nYours sincerely\nA Name\n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["I accept the recommendation in full."]


def test_an_answer_that_restates_nothing_is_flagged_against_the_committees_list():
    recommendations = list(
        extract_recommendations(
            "1. The force should publish its figures.\n2. The plan should name a lead for rural crime.\n"
        ).recommendations
    )
    reply = (
        "Recommendation 1\nThe force should publish its figures.\nAgreed, from May.\n\n"
        "Recommendation 2\nAgreed.\n"
    )
    audit = audit_reply(reply, recommendations)
    assert [p.flags for p in audit.passages] == [(), ("restatement not found",)]


# ---- the same layouts from text, PDF and Word ------------------------------------------------------------

REPORT = [
    "Wessex Police and Crime Panel   Agenda item 6   Date of meeting: 4 March 2024",
    "The Panel makes the following recommendations:",
    "1.Recommend that the Commissioner publishes the plan.",
    "2.Recommend that the Commissioner reviews the estates strategy.",
    "Please reply by 4 April 2024.",
    "Yours sincerely",
]


PROSE = [
    "Report of the Panel on the proposed precept",
    "This report was presented to the Panel on the 4th March 2024.",
    "The Panel:",
    "considered the Commissioner's proposal to raise the precept;",
    "asked the Commissioner to report back on rural response times;",
    "noted the comments.",
]


@pytest.mark.parametrize("kind", ["txt", "pdf", "docx"])
@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            REPORT,
            [
                "Recommend that the Commissioner publishes the plan.",
                "Recommend that the Commissioner reviews the estates strategy.",
            ],
        ),
        (PROSE, ["The Panel asked the Commissioner to report back on rural response times."]),
    ],
    ids=["no-space numbering, mid-line date", "prose report, presented-on date"],
)
def test_the_new_layouts_read_alike_from_each_format(tmp_path, kind, lines, expected):
    extraction = extract_recommendations(read_document(write_document(tmp_path / f"report.{kind}", lines)))
    assert extraction.document.date == dt.date(2024, 3, 4)
    assert [r.text for r in extraction.recommendations] == expected


def test_a_refused_import_still_gives_the_documents_dates():
    from tracker.errors import BadInput
    from tracker.importing.readers import document_from_text
    from tracker.services.importing import ImportService

    document = document_from_text(
        "Wessex Police and Crime Panel   Date of meeting: 4 March 2024\n\nThe Panel thanked the officers.\n"
        "The next meeting is on 12 June 2024.\n"
    )
    with pytest.raises(
        BadInput, match=r"has no recommendations that the app can find \(it is dated 4 March 2024\)"
    ) as refused:
        ImportService.preview_recommendations(document)
    info = refused.value.document
    assert info.date == dt.date(2024, 3, 4)
    assert dt.date(2024, 6, 12) in {d.date for d in info.dates}


def test_agreeing_to_accept_the_recommendations_answers_them_all():
    reply = (
        "Cabinet, 2 May 2024\n\nMembers thanked the review group. The Cabinet agreed to accept the "
        "recommendations and asked for a report on progress in six months.\n"
    )
    assert [p.numbers for p in audit_reply(reply).passages] == [()]
    assert (
        audit_reply(
            "Cabinet, 2 May 2024\n\nThe Cabinet accepted the recommendations except the third.\n"
        ).passages
        == ()
    )
    # the numbers named are answered, not all the recommendations
    partial = audit_reply("Cabinet, 2 May 2024\n\nThe Cabinet accepted the recommendations 2 and 4.\n")
    assert [p.numbers for p in partial.passages] == [("2", "4")]
