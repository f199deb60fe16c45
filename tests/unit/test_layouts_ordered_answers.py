"""Answers with no numbers tied by order (tracker/importing/layouts/ordered_answers.py): a two-column table
flattened into alternating lines, and a resolution that answers each recommendation in turn."""

from __future__ import annotations

import pytest

from tracker.importing.audit import audit_reply
from tracker.importing.extract import classify, extract_recommendations
from tracker.importing.layouts import NUMBERED_BY_APP, TIED_BY_ORDER
from tracker.importing.layouts.ordered_answers import interleaved_rows

ROWS = """Panel recommendations and the Commissioner's responses
Recommendation Response
{one}The Commissioner should publish the estates strategy before the budget.
Agreed. The strategy will be published in January.
{two}The force should review the targets for answering 101 calls.
Not agreed. The targets were reviewed last year and
are still the right ones.
{three}The Commissioner should fund two more rural officers.
Partially agreed. One post will be funded from April.
"""
NUMBERED = ROWS.format(one="1. ", two="2. ", three="3. ")
UNNUMBERED = ROWS.format(one="", two="", three="")

RESOLUTION = """Cabinet, 3 June 2024

Street lighting review: recommendations of the Scrutiny Panel

The Cabinet considered the Panel's report. RESOLVED that:

the recommendation on all-night lighting in the town centre be accepted;

the recommendation on fixing faults within five days be accepted in part, subject to the contract;

the recommendation on dimming rural lights be rejected.
"""
REPORT = """Street lighting review

The Panel recommends:

1. The council should keep all-night lighting in the town centre.
2. The council should fix faults within five days.
3. The council should stop dimming rural lights.
"""


def test_response_lines_never_join_the_recommendations_text():
    recommendations = extract_recommendations(NUMBERED).recommendations
    assert [(r.number, r.text) for r in recommendations] == [
        ("1", "The Commissioner should publish the estates strategy before the budget."),
        ("2", "The force should review the targets for answering 101 calls."),
        ("3", "The Commissioner should fund two more rural officers."),
    ]


def test_an_unnumbered_flattened_table_gives_its_asks_and_ties_its_responses_in_order():
    recommendations = extract_recommendations(UNNUMBERED).recommendations
    assert [r.text for r in recommendations] == [
        r.text for r in extract_recommendations(NUMBERED).recommendations
    ]
    assert all(NUMBERED_BY_APP in r.flags for r in recommendations)
    audit = audit_reply(UNNUMBERED, list(recommendations))
    assert [(p.numbers, p.disposition, p.flags) for p in audit.passages] == [
        (("1",), "accepted", (TIED_BY_ORDER,)),
        (("2",), "not accepted", (TIED_BY_ORDER,)),
        (("3",), "partially accepted", (TIED_BY_ORDER,)),
    ]
    assert audit.passages[1].text.endswith("are still the right ones.")


@pytest.mark.parametrize("reply", [UNNUMBERED, RESOLUTION])
def test_answers_are_tied_only_when_they_are_as_many_as_the_recommendations(reply):
    two = list(extract_recommendations(REPORT).recommendations)[:2]
    assert [p.numbers for p in audit_reply(reply, two).passages] == [(), (), ()]


def test_a_resolution_answering_each_recommendation_in_turn():
    audit = audit_reply(RESOLUTION, list(extract_recommendations(REPORT).recommendations))
    assert [(p.numbers, p.disposition) for p in audit.passages] == [
        (("1",), "accepted"),
        (("2",), "partially accepted"),
        (("3",), "not accepted"),
    ]
    assert all(p.flags == (TIED_BY_ORDER,) for p in audit.passages)


def test_a_status_with_no_ask_before_it_is_no_row():
    text = "Agreed. The minutes were signed.\nThe Chair should write to the Minister.\nNoted.\n"
    assert interleaved_rows(classify(text)) == []
