"""A letter run into one paragraph, each recommendation named "Recommendation N – paraphrase" with the reply
straight after it (tracker/importing/layouts/run_on_items.py)."""

from __future__ import annotations

from tracker.importing.audit import audit_reply
from tracker.importing.extract import extract_recommendations
from tracker.importing.layouts.run_on_items import run_on_cuts

LETTER = (
    "Office of the Commissioner Telephone: 01000 000002 3 rd March 2022 Dear Chair Review of the plan "
    "I write with our response to the Panel's report. Recommendation 1 – to publish response times for each "
    "district. We publish them every quarter on our website and will add the rural districts. "
    "Recommendation 2 - a lead for rural crime We agree and have named a superintendent as the lead. "
    "Recommendation 3 – station opening hours Please see the response for recommendation 1. Yours sincerely"
)


def test_each_marker_starts_a_recommendation_and_its_paraphrase_ends_before_the_reply():
    extraction = extract_recommendations(LETTER)
    assert [(r.number, r.text) for r in extraction.recommendations] == [
        ("1", "to publish response times for each district."),
        ("2", "a lead for rural crime"),
        ("3", "station opening hours"),
    ]


def test_each_reply_is_tied_to_its_number_without_the_paraphrase():
    passages = audit_reply(LETTER).passages
    assert [p.numbers for p in passages] == [("1",), ("2",), ("3",)]
    assert passages[0].text.startswith("We publish them every quarter")
    assert passages[1].text.startswith("We agree")
    assert passages[2].text.startswith("Please see the response")


def test_markers_out_of_order_or_alone_are_left_to_the_usual_reading():
    assert run_on_cuts("The report's Recommendation 4 – a code of conduct. We agree.") == ((), frozenset())
    assert run_on_cuts(LETTER.replace("Recommendation 2 -", "Recommendation 5 -")) == ((), frozenset())
