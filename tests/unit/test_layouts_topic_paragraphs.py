"""A progress report's own numbered paragraphs under headings (tracker/importing/layouts/topic_paragraphs.py):
the numbers count paragraphs, so no passage is tied to a recommendation by them."""

from __future__ import annotations

from tracker.importing.audit import audit_reply
from tracker.importing.extract import classify
from tracker.importing.layouts.topic_paragraphs import topic_paragraphs

PROGRESS = """Call handling review - progress on the action plan

A. Recommendation
That the Board notes this update.

B. Supporting information
A single lead for the project
1. The Deputy Chief Constable now leads the project and chairs its monthly meeting.
Training for call handlers
2. All call handlers finished the new course in May.
3. A refresher course follows in the autumn for staff who joined since.
Extra space in the control room
4. Two more desks were fitted at the central station.
"""


def test_paragraph_numbers_under_headings_are_no_recommendation_numbers():
    audit = audit_reply(PROGRESS)
    assert [p.numbers for p in audit.passages] == [(), (), ()]
    assert [p.text for p in audit.passages] == [
        "1. The Deputy Chief Constable now leads the project and chairs its monthly meeting.",
        "2. All call handlers finished the new course in May. "
        "3. A refresher course follows in the autumn for staff who joined since.",
        "4. Two more desks were fitted at the central station.",
    ]
    assert audit.recommendations == ()  # nothing listed as missing: 1–4 were never recommendations


def test_one_paragraph_under_each_heading_keeps_its_number():
    # the heading may be a recommendation's title and the number its own
    text = PROGRESS.replace("\n3. A refresher course follows in the autumn for staff who joined since.", "")
    text = text.replace("4. Two more desks", "3. Two more desks")
    assert topic_paragraphs(classify(text)) == []
    assert [p.numbers for p in audit_reply(text).passages] == [("1",), ("2",), ("3",)]


def test_numbered_answers_that_give_a_verdict_or_restate_keep_their_numbers():
    agreed = PROGRESS.replace("2. All call handlers", "2. Agreed. All call handlers")
    assert topic_paragraphs(classify(agreed)) == []
    asks = PROGRESS.replace("3. A refresher course follows", "3. A refresher course should follow")
    assert topic_paragraphs(classify(asks)) == []
    named = PROGRESS.replace("2. All call handlers", "2. Under recommendation 2, all call handlers")
    assert topic_paragraphs(classify(named)) == []


def test_numbers_that_do_not_run_on_or_start_without_a_heading_are_left_alone():
    skipped = PROGRESS.replace("4. Two more desks", "7. Two more desks")
    assert topic_paragraphs(classify(skipped)) == []
    no_first_heading = PROGRESS.replace("\nB. Supporting information\nA single lead for the project\n", "")
    assert topic_paragraphs(classify(no_first_heading)) == []
