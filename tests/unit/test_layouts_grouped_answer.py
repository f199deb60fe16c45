"""One answer to the recommendations as a whole (tracker/importing/layouts/grouped_answer.py): a cabinet's
decision that they "be noted", and a reply that counts the recommendations it accepted."""

from __future__ import annotations

from tracker.importing.audit import audit_reply
from tracker.importing.extract import extract_recommendations
from tracker.importing.layouts.grouped_answer import grouped_answer

DECISION = """Decision record

12/06/2023 - Street lighting - Recommendations from the Scrutiny Panel

The Cabinet considered the report of the Scrutiny Panel on street lighting.

The Cabinet resolved that:

(1)   the recommendations of the Scrutiny Panel of 4 May 2023, as set out in paragraph 2.1.3 of the report, be noted; and

(2)   officers report back on the cost of all-night lighting before a decision is taken.
"""

REPORT = """Scrutiny Panel report

The Panel recommends:

1. The council should restore all-night lighting on the ten roads with most crime.
2. The council should fix reported faults within five working days.
"""


def test_a_decision_that_the_recommendations_be_noted_answers_them_all():
    start, end, count = grouped_answer(DECISION)
    assert DECISION[start:end].startswith("(1)") and count is None
    audit = audit_reply(DECISION)
    assert [p.numbers for p in audit.passages] == [()]
    recommendations = list(extract_recommendations(REPORT).recommendations)
    audit = audit_reply(DECISION, recommendations)
    assert [p.numbers for p in audit.passages] == [("1", "2")]
    assert audit.passages[0].disposition == "noted"


def test_a_resolution_about_something_else_is_no_answer():
    assert grouped_answer("The Cabinet resolved that the budget be approved.\n") is None
    assert grouped_answer("The recommendations should be noted by all officers.\n") is None


def test_a_counted_answer_is_tied_to_the_list_only_when_the_counts_agree():
    reply = (
        "Response of the force\n\nThe review made eleven recommendations. The force accepted all two "
        "recommendations made to it and has begun the work.\n"
    )
    recommendations = list(extract_recommendations(REPORT).recommendations)
    assert [p.numbers for p in audit_reply(reply, recommendations).passages] == [("1", "2")]
    other = reply.replace("all two", "all nine")
    assert [p.numbers for p in audit_reply(other, recommendations).passages] == [()]


def test_a_decision_on_its_own_line_answers_them_all_but_advice_does_not():
    decision = (
        "Cabinet decision\n\nThe task group's recommendations were put before the Cabinet.\n"
        "The recommendations of the Overview and Scrutiny Committee be approved.\n"
    )
    assert [p.numbers for p in audit_reply(decision).passages] == [()]
    advice = decision.replace("Committee be approved", "Committee should be approved by the Leader")
    assert grouped_answer(advice) is None


def test_a_reply_that_weighed_the_recommendations_together_with_the_words_it_leads_into():
    reply = (
        "Recommendations tracker\n\nThe force has assessed the recommendations and advises that it:\n\n"
        "'has trained twenty officers as single points of contact and begun a review of its policy.'\n\n"
        "Next update due in March.\n"
    )
    start, end, count = grouped_answer(reply)
    assert reply[start:end].startswith("The force has assessed") and reply[start:end].endswith("policy.'")
    assert count is None
    introduction = "We have considered the recommendations and respond to each below.\n"
    assert grouped_answer(introduction) is None


def test_most_of_the_recommendations_agreed_is_an_answer_tied_to_none_but_all_to_every_one():
    update = (
        "Update on the review\n\nThe Cabinet Member highlighted that:\n"
        "· Most of the recommendations had been agreed and several were complete.\n"
        "· In relation to recommendation 2, a new programme starts in May.\n"
    )
    recommendations = list(extract_recommendations(REPORT).recommendations)
    assert [p.numbers for p in audit_reply(update, recommendations).passages] == [(), ("2",)]
    whole = "Reply\n\nAll of the recommendations have been accepted by the Cabinet.\n"
    assert [p.numbers for p in audit_reply(whole, recommendations).passages] == [("1", "2")]
