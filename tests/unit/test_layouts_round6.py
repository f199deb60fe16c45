"""Layouts met in the sixth batch of real documents: news pages reporting an inspection's or committee's asks,
a panel's approval given on a condition, a decision notice that approves a range of recommendations among
its own decisions, replies that take the committee's suggestions up in a sentence, and the document's date
on decision pages, news bylines and deadline lines. Each fixture is written for the project in the shape of
the layout."""

from __future__ import annotations

import datetime as dt

from tracker.importing.audit import audit_reply
from tracker.importing.extract import classify, document_info, extract_recommendations
from tracker.importing.layouts import NUMBERED_BY_APP
from tracker.importing.layouts.approval_conditions import approval_conditions
from tracker.importing.layouts.grouped_answer import grouped_answer
from tracker.importing.layouts.reported_obligations import REPORTED_OBLIGATION, reported_obligations
from tracker.importing.layouts.stated_asks import stated_asks

INSPECTION_NEWS = """Force told to do more for victims

Inspectors have graded Westshire Police good in five areas and adequate in three.

Inspectors found that investigations were better supervised, but the constabulary could do more to keep victims informed.
It also needs to improve how it records the use of force, inspectors said.
"The Chief Constable should be very pleased with this report," the commissioner's office said.
Chief Constable Ann Example said: "We must keep improving and we need to recruit more detectives."
The inspector said there were areas where the force needs to improve.
"""


def test_a_news_page_reporting_an_inspection_gives_each_sourced_ask_and_nothing_else():
    found = reported_obligations(classify(INSPECTION_NEWS))
    assert [f.text for f in found] == [
        "Inspectors found that investigations were better supervised, but the constabulary could do more to keep "
        "victims informed.",
        "It also needs to improve how it records the use of force, inspectors said.",
    ]
    assert all(NUMBERED_BY_APP in f.flags and REPORTED_OBLIGATION in f.flags for f in found)
    extraction = extract_recommendations(INSPECTION_NEWS)
    assert [r.number for r in extraction.recommendations] == ["1", "2"]


COMMITTEE_NEWS = """MPs want firmer rules for commissioners

Commissioners should not be able to avoid a hearing by resigning, an inquiry has said.
"Accordingly, we recommend that panels hold a hearing whenever a chief executive leaves."
The Home Office should publish guidance on dismissing a chief constable, the MPs said.
Commissioners should also be required to publish the decisions they plan to take.
"""


def test_a_committee_news_page_keeps_its_stated_and_its_reported_asks_in_order():
    numbers_and_texts = [
        (r.number, r.text[:28]) for r in extract_recommendations(COMMITTEE_NEWS).recommendations
    ]
    assert numbers_and_texts == [
        ("1", '"Accordingly, we recommend t'),
        ("2", "The Home Office should publi"),
        ("3", "Commissioners should also be"),
    ]


def test_an_obligation_with_no_source_and_no_inspection_form_is_not_read():
    text = (
        "The role of the panel\n\nThe panel must review the draft plan and the commissioner must respond.\n"
    )
    assert reported_obligations(classify(text)) == []
    # a resolution's own words, though it says "should"
    resolved = "That it be agreed, as the report found, that the committee should meet four times a year.\n"
    assert reported_obligations(classify(resolved)) == []


def test_an_inspection_recommendation_in_its_own_form_needs_no_source():
    text = """Recommendation status

Within three months the force should put in place a plan to ensure that:
  • every report of stalking is risk assessed; and
  • victims are told who is dealing with their case.
"""
    found = extract_recommendations(text).recommendations
    assert len(found) == 1 and found[0].text.startswith("Within three months the force should")


PRECEPT_NEWS = """Panel backs commissioner's budget

The Eastshire Police and Crime Panel approved the precept, on the proviso that the commissioner reports on the
recruitment of 50 new officers every quarter.
The Panel supported the plan subject to the Regulations.
"""


def test_a_condition_on_an_approval_is_what_the_panel_asks():
    found = approval_conditions(classify(PRECEPT_NEWS))
    assert len(found) == 1 and "reports on the recruitment of 50 new officers" in found[0].text
    assert [r.number for r in extract_recommendations(PRECEPT_NEWS).recommendations] == ["1"]


def test_we_recommend_in_a_second_clause_and_an_encouragement_are_stated_asks():
    text = """Inspection of the Board

72. We were surprised that the inspector cannot look at the Board. This looks to us like an
executive function, and we recommend, therefore, that the minister extends the inspector's remit to the
Board.

The committee's report also encouraged the Government to publish a plan for youth services.
"""
    found = stated_asks(classify(text))
    assert [f.text.split(",")[0] for f in found] == [
        "This looks to us like an executive function",
        "The committee's report also encouraged the Government to publish a plan for youth services.",
    ]


DECISION_NOTICE = """Decision details

Decision Maker: Cabinet
Decision status: Recommendations Approved

To present the task group's final report on street drinking for consideration.
1. That the recommendations (1 to 5) as set out in section 6 of the Task Group's Final Report are approved.
2. That a working group be set up, led by the Portfolio Holder, to see the recommendations implemented;
Publication date: 20/06/2024
Date of decision: 11/06/2024
"""


def test_a_decision_notice_approving_a_range_among_its_own_decisions():
    extraction = extract_recommendations(DECISION_NOTICE)
    assert extraction.recommendations == ()  # its decisions are the cabinet's own
    assert extraction.document.date == dt.date(2024, 6, 11)  # the decision's date, not the page's
    (passage,) = audit_reply(DECISION_NOTICE).passages
    assert passage.numbers == ("1", "2", "3", "4", "5")
    assert "are approved" in passage.text and "working group" not in passage.text


def test_answers_that_take_the_committees_suggestions_up_in_a_sentence():
    for reply in (
        "The Board, who own the plan, accepted the Committees suggestion and have added it to the final plan.\n",
        "RESOLVED that the recommendations of the Task and Finish Group, as set out in Appendix 2, be addressed.\n",
        'The commissioner said: "I will make sure that these recommendations are taken forward."\n',
    ):
        assert grouped_answer(reply) is not None, reply
    for not_all in (
        "The Board considered the Committee's suggestions at length.\n",
        "The Government agreed to the recommendation to work with youth groups.\n",  # one, not all of them
        "None of the recommendations will be taken forward this year.\n",
    ):
        assert grouped_answer(not_all) is None, not_all


def test_a_news_byline_dates_the_page_and_a_deadline_line_does_not():
    assert document_info("Headline\n\nMarch 7, 2013 - A. Writer\n\nThe Assembly said …\n").date == dt.date(
        2013, 3, 7
    )
    deadline = "Recommendations\n\nPublish the policy.\n- Deadline: May 31st, 2024\n"
    assert document_info(deadline).date is None


CABINET_LETTERS = """Issue - decisions

Resolved –

(1)  That the Cabinet thanks the review panel for its work.

(2)  That it be noted that recommendation A is already in the Council Plan and that recommendation D has been acted on in the budget.

(3)  That the review be referred to the Licensing Committee, asking it to look closely at recommendations B, C and F.
"""


def test_a_resolution_naming_lettered_recommendations_ties_each_item_to_its_letters():
    passages = audit_reply(CABINET_LETTERS).passages
    assert [p.numbers for p in passages] == [("A", "D"), ("B", "C", "F")]


def test_a_resolution_of_the_meetings_own_acts_is_no_list_of_recommendations():
    text = """Minutes

RESOLVED: That the Committee:-

(a) notes the contents of the report now submitted; and

(b) following a request from a Member, agrees that a task group be set up to look at hate crime.
"""
    extraction = extract_recommendations(text)
    assert extraction.recommendations == ()
    assert any("own body resolved for itself" in w for w in extraction.warnings)
    asking = text.replace("(b) following", "(b) recommends to the Commissioner that, following")
    assert [r.number for r in extract_recommendations(asking).recommendations] != []


def test_a_cabinet_noting_the_task_groups_report_answers_its_recommendations_together():
    text = """RESOLVED: That Cabinet:-

(a) thanks the committee for its work;

(b) notes the Street Safety Task Group Report attached as Appendix A;
"""
    (passage,) = audit_reply(text).passages
    assert "notes the Street Safety" in passage.text and "thanks" not in passage.text
    assert passage.disposition == "noted"


def test_areas_for_the_force_to_improve_and_the_chairs_condition_on_approval():
    areas = """Inspectors said specific areas for the force to improve included:
- Answering calls from the public
- Supervising investigations
"""
    assert [r.text for r in extract_recommendations(areas).recommendations] == [
        "Answering calls from the public",
        "Supervising investigations",
    ]
    chair = 'The Chair said: "Our approval is contingent on the commissioner showing what the extra money buys."\n'
    assert len(approval_conditions(classify(chair))) == 1


def test_a_day_the_page_says_is_to_come_is_not_its_date():
    text = "Panel news\n\nThe panel's full report will be published here from Thursday, 8 February 2024.\n"
    assert document_info(text).date is None


ORDINARY_PAGES = {
    "minutes": "Minutes\n\nA member said the force should publish response times by ward.\n"
    "The Chair said the panel must consider the budget in February.\n",
    "an appeal": "Police appeal\n\nAnyone with information should call 101 quoting reference 123, police said.\n"
    'Detective Sergeant Ann Example said: "Residents should keep valuables out of sight."\n',
    "an officer": "News\n\nSuperintendent Ann Example said the force must get better at answering calls.\n",
    "the law": "The panel\n\nThe panel must scrutinise the commissioner's decisions, the Act says.\n",
    "a warning": "Update\n\nThe force should be aware that demand has risen.\n",
    "numbered minutes": "Minutes\n\n12. Members discussed the report. A member said the force should do more.\n\n"
    "13. The Chair thanked officers.\n",
    "the meeting's business": "Minutes\n\nThe Panel agreed the minutes of the last meeting as a correct record, "
    "subject to an amendment to item 4.\nThe Committee approved the work programme subject to the addition of "
    "a session on knife crime.\n",
}


def test_ordinary_pages_with_should_and_must_give_no_recommendations():
    for name, text in ORDINARY_PAGES.items():
        assert extract_recommendations(text).recommendations == (), name


def test_a_body_named_as_whom_the_ask_is_made_of_is_not_taken_for_its_source():
    text = "News\n\nThe committee said the commissioner must publish a plan for rural crime.\n"
    assert len(extract_recommendations(text).recommendations) == 1


def test_prose_asks_from_several_readings_are_numbered_once_in_document_order():
    text = """Panel news

The Panel approved the precept, on the proviso that the Commissioner reports on recruitment every quarter.
The Panel also calls on the Commissioner to publish the estate strategy by March.
The Panel recommends that the Commissioner reviews the victims' service.
"""
    found = extract_recommendations(text).recommendations
    assert [r.number for r in found] == ["1", "2", "3"]
    assert [r.text.split()[2] for r in found] == ["approved", "also", "recommends"]


def test_a_lead_in_wrapped_after_a_colon_is_still_read_whole():
    text = """Minutes

RESOLVED: The Panel recommends to the
Commissioner that:
1. The force publishes its figures each quarter.
2. The plan names a lead officer for rural crime.
"""
    assert [r.number for r in extract_recommendations(text).recommendations] == ["1", "2"]


def test_a_range_approved_among_decisions_that_name_others_keeps_every_answer():
    text = """Decision

To present the task group's final report for consideration.
1. That recommendations 1 to 6 as set out in the report are approved.
2. That recommendation 7 is rejected because it cannot be afforded.
3. That a working group be set up.
"""
    passages = audit_reply(text).passages
    assert [(p.numbers, p.disposition) for p in passages] == [
        (("1", "2", "3", "4", "5", "6"), "accepted"),
        (("7",), "not accepted"),
    ]


def test_capital_letters_name_recommendations_but_a_pronoun_does_not():
    assert audit_reply("Thank you for the recommendations I received from the Panel.\n").passages == ()
    (passage,) = audit_reply(
        "Resolved - (1) That recommendations A to D be referred to the board.\n"
    ).passages
    assert passage.numbers == ("A", "B", "C", "D")


def test_a_commissioner_noting_a_recommendation_is_not_the_resolutions_noted():
    from tracker.importing.audit import suggest_disposition

    assert suggest_disposition("The Commissioner notes the recommendation and will act on it.")[0] != "noted"
    assert suggest_disposition("(b) notes the Task Group Report attached;")[0] == "noted"


def test_minutes_whose_lead_in_gives_recommendations_to_the_commissioner_keep_their_lettered_items():
    text = """Minutes

The Panel's role is to review the draft. Members therefore provided recommendations to the Commissioner on
the draft as follows:

a)    It was felt that rural crime needed a clearer place in the report.

b)    Members suggested that a short summary for residents could be added.
"""
    assert [r.number for r in extract_recommendations(text).recommendations] == ["a", "b"]
    told = text.replace(
        "provided recommendations to the Commissioner on\nthe draft as follows:", "discussed:"
    )
    assert extract_recommendations(told).recommendations == ()  # minutes that only narrate
