"""The reader's layout recognisers (tracker/importing/layouts), each on a short text written for the project,
and the doubts (`flags`) the reader attaches to what it is unsure of."""

from __future__ import annotations

import datetime as dt

from tracker.importing.extract import extract_recommendations
from tracker.importing.layouts.document_date import labelled_date, narrated_date
from tracker.importing.layouts.own_request import is_own_request

# ---- the document's own date ---------------------------------------------------------------------------


def test_a_label_in_mid_line_dates_the_document():
    line = (
        "Wessex Police and Crime Panel   Agenda item 6   Date of meeting: 4 March 2024   Report of the Chair"
    )
    assert labelled_date([line]) == dt.date(2024, 3, 4)
    text = (
        f"{line}\n\n1. The Commissioner should publish the figures.\n2. The Commissioner should review it.\n"
    )
    assert extract_recommendations(text).document.date == dt.date(2024, 3, 4)


def test_a_target_date_in_a_table_row_is_not_the_documents_date():
    assert labelled_date(["Action 3 | Target date: 30 June 2024 | Owner: the force"]) is None
    assert labelled_date(["Owner: the force | Date: 30 June 2024"]) == dt.date(2024, 6, 30)


def test_a_sentence_saying_when_the_report_was_presented_dates_it():
    assert narrated_date(["This report was presented to the Panel on the 4th March 2024."]) == dt.date(
        2024, 3, 4
    )
    assert narrated_date(["Minutes of the meeting held on Tuesday, 5 March 2024"]) == dt.date(2024, 3, 5)
    assert narrated_date(["The force should act by 30 September 2024."]) is None
    text = (
        "Scrutiny of the draft plan\n\nThis report was presented to the Panel on the 4th March 2024 by the Chair.\n\n"
        "1. The Commissioner should publish the figures.\n2. The Commissioner should review the plan.\n"
    )
    assert extract_recommendations(text).document.date == dt.date(2024, 3, 4)


# ---- what is not a recommendation to the policing body -----------------------------------------------


def test_a_papers_request_of_its_own_committee_is_no_recommendation():
    assert is_own_request("The Committee is recommended to:")
    assert is_own_request("The Panel is asked to")
    assert not is_own_request("The Panel is asked to recommend to the Commissioner that:")
    text = (
        "Minutes of the meeting held on 4 March 2024\n\n"
        "1. Mr Adeyemi introduced the report and explained the figures.\n"
        "2. Members asked about rural response times.\n\n"
        "Report of the Chief Executive\n\nThe Committee is recommended to:\n"
        "(a) note the report;\n(b) agree the work programme.\n"
    )
    extraction = extract_recommendations(text)
    assert extraction.recommendations == ()
    assert any("paper's own committee" in w for w in extraction.warnings)


# ---- numbering a conversion spoilt ---------------------------------------------------------------------


def test_a_number_with_no_space_before_its_text_is_read():
    text = (
        "The Panel makes the following recommendations:\n\n"
        "1.Recommend that the Commissioner publishes the plan.\n"
        "2.Recommend that the Commissioner reviews the estates strategy.\n\n"
        "Section 1.1 covers the background.\n"
    )
    extraction = extract_recommendations(text)
    assert [r.number for r in extraction.recommendations] == ["1", "2"]
    assert (
        extraction.recommendations[1].text == "Recommend that the Commissioner reviews the estates strategy."
    )


# ---- flags ---------------------------------------------------------------------------------------------


def test_a_lettered_list_is_flagged_as_read_for_recommendations():
    text = (
        "RESOLVED that the Panel recommends to the Commissioner that:\n"
        "a) the plan sets out a measure for rural crime;\n"
        "b) the Commissioner publishes quarterly figures for response times;\n"
        "c) a summary of the consultation.\n"
    )
    recommendations = extract_recommendations(text).recommendations
    assert [r.number for r in recommendations] == ["a", "b", "c"]
    assert all("lettered list read as recommendations" in r.flags for r in recommendations)
    assert "no asking verb" in recommendations[2].flags
    assert "no asking verb" not in recommendations[1].flags


def test_a_numbered_list_that_asks_carries_no_flags():
    text = "1. The Commissioner should publish the figures.\n2. The force should review the plan.\n"
    assert [r.flags for r in extract_recommendations(text).recommendations] == [(), ()]
