"""A meeting's resolution on a scrutiny body's report, a parliamentary report's opening paragraphs and a
review's recommendations told of with "it": what is a recommendation and what answers one."""

from __future__ import annotations

from tracker.importing.audit import audit_reply
from tracker.importing.extract import classify, extract_recommendations
from tracker.importing.layouts import LETTERED_LIST, NUMBERED_BY_APP
from tracker.importing.layouts.reported_recommendations import reported_recommendations

APPROVING_RESOLUTION = """Minutes

Cabinet considered the report of the Youth Safety Task Group. With regard to Recommendation 3 (lighting),
the Director said that no money was available this year.

RESOLVED:

(a) that approval be given to Recommendation 1, that the Council ask the force to attend every youth forum
in the district;

(b) that Recommendation 2 be approved, namely that the community safety team publish a yearly report on
youth crime.
"""


def test_a_resolution_approving_numbered_recommendations_gives_their_numbers_and_texts():
    recommendations = extract_recommendations(APPROVING_RESOLUTION).recommendations
    assert [r.number for r in recommendations] == ["1", "2"]
    assert recommendations[0].text == (
        "That the Council ask the force to attend every youth forum in the district;"
    )
    assert recommendations[1].text.startswith("That the community safety team publish a yearly report")
    assert all(LETTERED_LIST not in r.flags for r in recommendations)
    # each item of the resolution answers the recommendation it names, and the discussion answers 3
    passages = audit_reply(APPROVING_RESOLUTION).passages
    assert [p.numbers for p in passages] == [("3",), ("1",), ("2",)]
    assert passages[1].disposition == "accepted"


def test_a_resolution_that_names_a_number_in_only_some_items_stays_lettered():
    text = APPROVING_RESOLUTION.replace(
        "that Recommendation 2 be approved, namely that the community safety team publish",
        "that the community safety team should publish",
    )
    assert [r.number for r in extract_recommendations(text).recommendations] == ["a", "b"]


OWN_DECISION = """Decision:

(1) That the scrutiny review on the night bus service be received.

(2) That the Executive supports, in principle, the six recommendations of the review, as set out in
Appendix B to the report.

(3) That the Executive Member for Transport be asked to reply to the review by 1 June 2025:

(a) to say in the reply which recommendations have been accepted; and

(b) where recommendations are accepted, to set out a plan for carrying them out.
"""


def test_a_meetings_own_instructions_about_answering_the_recommendations_are_not_recommendations():
    extraction = extract_recommendations(OWN_DECISION)
    assert extraction.recommendations == ()
    assert any("how the recommendations are to be answered" in w for w in extraction.warnings)
    # the reply is the decision that supports them all in principle, tied to none by number
    (passage,) = audit_reply(OWN_DECISION).passages
    assert passage.numbers == () and passage.text.startswith("(2) That the Executive supports")
    assert passage.disposition == "partially accepted"


REPORT_OPENING = """Select Committee on Transport Fourth Report

The Transport Committee has agreed to the following Report:

1. The Rail Safety Bill came to this House in March after a slow passage through the Lords.[1] Its
passage through the Lords was slow, and many amendments were made there.

2. Not everyone welcomes the Bill. Some witnesses think it goes too far, others that it does not go far
enough.

3. There are many parts of the Government's rail programme that need no Bill at all.
"""


def test_the_numbered_paragraphs_that_open_a_committees_report_are_not_recommendations():
    extraction = extract_recommendations(REPORT_OPENING)
    assert extraction.recommendations == ()
    assert any("report's numbered paragraphs" in w for w in extraction.warnings)


def test_paragraphs_after_that_opening_that_recommend_are_still_taken():
    text = REPORT_OPENING.replace("[1]", "[1] We recommend that the Bill be amended.").replace(
        "Some witnesses", "We recommend a review. Some witnesses"
    )
    assert [r.number for r in extract_recommendations(text).recommendations] == ["1", "2", "3"]


IT_RECOMMENDED = """Minutes

Members considered a report on the review of youth offending panels. The review found that panels met too
rarely. In particular, it recommended that panels meet every month and that each panel should include a
victim's representative. Members welcomed the review.
"""


def test_it_recommended_after_a_sentence_naming_the_review_gives_each_that_clause():
    recommendations = extract_recommendations(IT_RECOMMENDED).recommendations
    assert [r.text for r in recommendations] == [
        "That panels meet every month.",
        "That each panel should include a victim's representative.",
    ]
    assert all(NUMBERED_BY_APP in r.flags for r in recommendations)


def test_it_recommended_with_no_body_named_just_before_is_left_out():
    text = IT_RECOMMENDED.replace("The review found that", "Members found that")
    assert reported_recommendations(classify(text)) == []
    other_paragraph = IT_RECOMMENDED.replace("too\nrarely. In particular,", "too\nrarely.\n\nIn particular,")
    assert reported_recommendations(classify(other_paragraph)) == []


def test_recommendations_that_ask_for_other_recommendations_to_be_implemented_are_kept():
    text = (
        "The Panel recommends:\n\n"
        "1. The Commissioner should report each year on how the inspectorate's recommendations are implemented.\n\n"
        "2. The force should publish which recommendations have been accepted and when.\n"
    )
    assert [r.number for r in extract_recommendations(text).recommendations] == ["1", "2"]


OWN_DECISIONS_PAGE = """Issue - decisions

Park lighting review

12/03/2024 - Park lighting review

1.    That the lighting hours in the three town parks be extended to midnight from April.

2.    That the proposal for motion sensors on the river path be approved, and that the work be timed
to follow the resurfacing.

3.    That officers be authorised to agree a new maintenance contract within the approved budget.

4.    That the Director reports every six months to the Environment Committee on the number of lamps
repaired.
"""


def test_a_decision_pages_own_decisions_are_not_recommendations():
    extraction = extract_recommendations(OWN_DECISIONS_PAGE)
    assert extraction.recommendations == ()
    assert any("names its items as decisions" in w for w in extraction.warnings)


def test_decisions_that_ask_another_body_to_act_are_still_recommendations():
    text = OWN_DECISIONS_PAGE.replace(
        "That officers be authorised to agree a new maintenance contract",
        "That the Commissioner be asked to fund a new patrol",
    )
    assert [r.number for r in extract_recommendations(text).recommendations] == ["1", "2", "3", "4"]


COMMENTS_SECTION = """1. Commissioner's comments:
- I am glad to see the findings of this report and the progress the force has made since the visit.
1.2 I asked the Chief Constable for his view, and he said:
We have accepted every area for improvement and will report our progress to the board.
2. Responses
2.1 The vetting team received two areas for improvement, and the standards team one.
"""


def test_a_numbered_heading_ending_in_a_colon_with_its_own_decimal_paragraphs_is_a_section():
    extraction = extract_recommendations(COMMENTS_SECTION)
    assert extraction.recommendations == ()
    assert any("section headings" in w for w in extraction.warnings)


def test_a_numbered_heading_that_asks_keeps_its_decimal_sub_points_as_a_recommendation():
    text = COMMENTS_SECTION.replace("1. Commissioner's comments:", "1. The Commissioner should:")
    assert [r.number for r in extract_recommendations(text).recommendations] == ["1"]


RANGE_APPROVED = """Minutes:

Cabinet received the report of the Youth Safety Task Group.

Resolved:

(1) That Recommendations 1 to 3 of the Youth Safety Task Group be approved:-

Recommendation 1

(a) That the partnership set up a youth panel that meets every term.

Recommendation 2

(a) That the council light the underpass on Mill Lane all night.

(b) That the force report the number of patrols there each quarter.

Recommendation 3

(a) That the youth service keep the centre open on Friday evenings.
"""


def test_a_resolution_approving_a_range_before_the_restated_headings_is_the_one_answer():
    (passage,) = audit_reply(RANGE_APPROVED).passages
    assert passage.numbers == ("1", "2", "3")
    assert passage.text.startswith("(1) That Recommendations 1 to 3") and "underpass" not in passage.text


def test_a_heading_outside_the_approved_range_keeps_the_headings_as_answers():
    text = RANGE_APPROVED.replace("Recommendation 3\n", "Recommendation 4\n")
    assert [p.numbers for p in audit_reply(text).passages] == [("1",), ("2",), ("4",)]
