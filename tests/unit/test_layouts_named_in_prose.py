"""Replies in running prose that name the recommendations they answer
(tracker/importing/layouts/named_in_prose.py): by number in a sentence, numbers grouped in prose, and by
ordinal word."""

from __future__ import annotations

from tracker.importing.audit import audit_reply
from tracker.importing.extract import extract_recommendations
from tracker.importing.layouts import TIED_BY_SUBJECT
from tracker.importing.layouts.named_in_prose import named_numbers

REPORT = "Review of rural crime\n\nThe Panel recommends:\n\n" + "".join(
    f"{n}. The Commissioner should improve rural service {n} for farmers and villages.\n"
    for n in range(1, 12)
)

MINUTE = """Cabinet, 14 March 2024

The Cabinet thanked the Panel for its review. The Cabinet accepted the second recommendation and asked
officers to report in June. The first and third recommendations were not accepted, as no money is set aside.

Resolved that recommendations 4, 5 and 6 be accepted and the remaining recommendations, 7, 9 and 11, be noted.
"""

DISCUSSION = """Minute 41

Members discussed the report at length.
Members were told that the force was already dealing with recommendation 2 through its rural team. With regard
to recommendation 8 (farm watch), officers confirmed that a scheme was running in every district.
The Leader reminded Members of the scrutiny procedure.
(1) that the recommendations set out in the report be noted;
(2) that, with regard to recommendation 10 (trail cameras), officers investigate the cost.
"""


def test_ordinal_words_and_grouped_numbers_answer_those_recommendations():
    audit = audit_reply(MINUTE, list(extract_recommendations(REPORT).recommendations))
    assert [(p.numbers, p.disposition) for p in audit.passages] == [
        (("2",), "accepted"),
        (("1", "3"), "not accepted"),
        (("4", "5", "6"), "accepted"),
        (("7", "9", "11"), "noted"),
    ]
    missing = [r.number for r in audit.recommendations if r.status == "missing"]
    assert missing == ["8", "10"]


def test_numbers_named_in_a_discussion_and_a_resolution_that_notes_the_rest():
    audit = audit_reply(DISCUSSION)
    assert [p.numbers for p in audit.passages] == [("2",), ("8",), (), ("10",)]
    assert audit.passages[1].text.startswith("With regard to recommendation 8")
    assert audit.passages[2].text.startswith("(1) that the recommendations") and audit.passages[2].flags == (
        TIED_BY_SUBJECT,
    )


def test_what_counts_as_naming_a_recommendation():
    assert named_numbers("recommendations (3 and 4) were agreed") == ["3", "4"]
    assert named_numbers("Recommendations 5 to 7 are in hand") == ["5", "6", "7"]
    assert named_numbers("the fourth and the sixth recommendations") == ["4", "6"]
    assert named_numbers("paragraph 2.1 of the recommendations 2024/25 report") == []
    assert named_numbers("see recommendation 2.1") == []
    assert named_numbers("the first report made no recommendations") == []


def test_a_lettered_recommendation_named_in_prose():
    minute = (
        "Minutes\n\nWith reference to item (d) of the recommendations made in December, the force had written "
        "to say it could not fund the cameras.\n\nRESOLVED that the tracker be noted.\n"
    )
    assert [p.numbers for p in audit_reply(minute).passages] == [("d",)]
    assert named_numbers("as recommendation (b) asked, and item (c) of the agenda") == ["b"]
