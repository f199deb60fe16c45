"""The reader's layout recognisers (tracker/importing/layouts), each on a short text written for the project,
and the doubts (`flags`) the reader attaches to what it is unsure of."""

from __future__ import annotations

import datetime as dt

from tracker.importing.extract import extract_recommendations
from tracker.importing.layouts import NO_ASKING_VERB
from tracker.importing.layouts.document_date import labelled_date, narrated_date, weekday_date
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
    assert narrated_date(["To approve the minutes of the meeting held on 5 March 2024"]) is None
    assert weekday_date(["Police and Crime Panel - Tuesday, 5 March 2024 10.30 am"]) == dt.date(2024, 3, 5)
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
    # the same request made item by item: the paper asks its own meeting to receive a report and agree
    items = (
        "A. Recommendation\n\nThat\n\n  1. the board's annual report be received; and\n"
        "  2. members agree that the board should meet for two more years, subject to review\n"
    )
    assert extract_recommendations(items).recommendations == ()


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


def test_a_bare_date_label_after_another_label_on_the_line_counts():
    assert labelled_date(["Report of: Director of Secretariat Date: 17 March 2016"]) == dt.date(2016, 3, 17)
    assert labelled_date(["Meeting: 05/10/2021 - Executive (Item 94)"]) == dt.date(2021, 10, 5)
    assert labelled_date(["Review date: 17 March 2016"]) is None


# ---- unnumbered bullets ----------------------------------------------------------------------------------


def test_bullets_under_a_recommendations_heading_in_a_progress_report_are_numbered_by_the_app():
    text = (
        "Progress report on the Panel's recommendations\nDated: 10 May 2024\n\nRecommendations\n\n"
        "- The Commissioner should publish quarterly figures for response times.\n"
        "- The plan should set out a measure for rural crime.\n\nProgress\n\nBoth are in hand.\n"
    )
    recommendations = extract_recommendations(text).recommendations
    assert [(r.number, r.text[:30]) for r in recommendations] == [
        ("1", "The Commissioner should publis"),
        ("2", "The plan should set out a meas"),
    ]
    assert all(r.flags == ("numbered by the app",) for r in recommendations)


def test_a_papers_own_recommendations_heading_gives_no_recommendations():
    text = "Recommendations:\n\n• It is recommended to note the report\n\n• Members to send their views by 31 May.\n"
    assert extract_recommendations(text).recommendations == ()


def test_under_findings_and_recommendations_only_the_asks_are_kept():
    text = (
        "The Chair set out the key findings and recommendations of the review, which were:\n\n"
        "- Fear of crime was higher than recorded crime would suggest.\n"
        "- The Panel welcomed the proposed licensing scheme.\n"
        "- There was a recommendation for the partnership to test which interventions work.\n"
        "- It was proposed that an action plan is drawn up.\n"
    )
    recommendations = extract_recommendations(text).recommendations
    assert [r.text[:24] for r in recommendations] == ["There was a recommendati", "It was proposed that an "]


def test_bullets_after_a_lead_in_about_the_answers_are_not_recommendations():
    text = (
        "The Cabinet considered these reports and made responses to the recommendations:\n\n"
        "· Climate review update\n\n· Homelessness grant allocation\n"
    )
    assert extract_recommendations(text).recommendations == ()


def test_every_numbered_paragraph_of_a_pointed_conclusions_list_is_kept():
    # the government answers each numbered paragraph of "Conclusions and recommendations", so each is one;
    # a paragraph that only concludes keeps the doubt as a flag rather than being dropped
    text = (
        "Conclusions and recommendations\n\n"
        "1.  Recording varies between forces and the figures cannot be compared. (Paragraph 7)\n\n"
        "2.  We recommend that the statistics authority reviews the figures. (Paragraph 8)\n\n"
        "3.  Accurate data matters to every commissioner. (Paragraph 13)\n"
    )
    extraction = extract_recommendations(text)
    assert [r.number for r in extraction.recommendations] == ["1", "2", "3"]
    assert not any("left out" in w for w in extraction.warnings)
    flagged = {r.number for r in extraction.recommendations if NO_ASKING_VERB in r.flags}
    assert "2" not in flagged and "3" in flagged


def test_a_resolution_that_records_what_the_council_did_is_not_recommendations():
    text = (
        "RESOLVED\n\nTHAT:\n\n"
        "a)    Council approved the establishment of a joint panel for the force area.\n\n"
        "b)    Council approved the proposed membership of the panel; and\n\n"
        "c)    Council authorised the Deputy Chief Executive to finalise the details.\n"
    )
    assert extract_recommendations(text).recommendations == ()


def test_a_report_numbered_in_sections_is_not_a_list_of_recommendations():
    # "1.Purpose" then "1.1…", "1.2…": the report's own section numbering, even where a section recommends
    text = (
        "Thursday 3rd March 2022\n"
        "Joint Scrutiny Update\n"
        "1.Purpose\n"
        "1.1This paper tells the Panel what the district committees have looked at this year.\n"
        "1.2It is recommended that the Panel discusses the paper with the committee chairs.\n"
        "2.Work of the committees\n"
        "2.1Each committee has looked at how the partnership spends its grant.\n"
        "2.2Two committees have asked for figures on repeat victims.\n"
    )
    _assert_left_out(text, "section headings")


def test_a_cabinets_resolution_on_a_scrutiny_report_is_not_recommendations():
    # the Cabinet's decision on what scrutiny recommended, lettered by the Cabinet
    text = (
        "Cabinet, 12 October 2023\n\n"
        "Members considered the report from the Overview and Scrutiny Committee on street lighting.\n\n"
        "Resolved: That\n\n"
        "a)    more lights be fitted in the two town centre car parks;\n\n"
        "b)    the Council should ask the county to review its switch-off hours; and\n\n"
        "c)    the Committee be thanked for its work.\n"
    )
    _assert_left_out(text, "resolution of the meeting that considered")


def test_a_panels_resolution_that_recommends_is_still_read_beside_a_scrutiny_report():
    text = (
        "Police and Crime Panel, 12 October 2023\n\n"
        "The Panel considered the report of its scrutiny task group on rural crime.\n\n"
        "RESOLVED that the Panel recommends to the Commissioner that:\n\n"
        "a)    the plan sets out a measure for rural crime;\n\n"
        "b)    the Commissioner publishes response times for each district.\n"
    )
    assert [r.number for r in extract_recommendations(text).recommendations] == ["a", "b"]


def test_bullets_after_a_lead_in_naming_reports_on_topics_are_not_recommendations():
    text = (
        "The Cabinet considered the recommendations of two scrutiny task group reports on:\n\n"
        "· Parking enforcement (Place Scrutiny)\n\n"
        "· Youth services (People Scrutiny)\n"
    )
    assert extract_recommendations(text).recommendations == ()


def _assert_left_out(text: str, reason: str) -> None:
    """Nothing is read from `text`, and a warning says why in words that include `reason`."""
    extraction = extract_recommendations(text)
    assert extraction.recommendations == ()
    assert any(reason in w for w in extraction.warnings), extraction.warnings
