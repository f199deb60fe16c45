"""The reader's last resorts for documents with no list, each a layout of its own: conclusions quoted with
their "(Paragraph N)" pointers (layouts/pointed_paragraphs.py) and minutes that record "agreed to recommend
that …" in a sentence (layouts/agreed_in_prose.py)."""

from __future__ import annotations

from tracker.importing.extract import classify, extract_recommendations
from tracker.importing.layouts import NUMBERED_BY_APP
from tracker.importing.layouts.agreed_in_prose import agreed_in_prose
from tracker.importing.layouts.pointed_paragraphs import pointed_paragraphs

POINTED = """Government response

The Home Office should publish each force's allocation before the
settlement is final. (Paragraph 5)

The Government accepts this and will publish the allocations in January.

Forces should report overtime spending to their commissioner each quarter. (Paragraph 9)

The Government agrees.
"""


def test_paragraphs_ending_with_their_place_in_the_report_are_recommendations():
    found = pointed_paragraphs(classify(POINTED))
    assert [f.number for f in found] == ["1", "2"]
    assert found[0].text.endswith("before the settlement is final.")
    assert all(NUMBERED_BY_APP in f.flags for f in found)
    assert any("(Paragraph 5)" in w for w in extract_recommendations(POINTED).warnings)


def test_one_pointer_alone_is_a_cross_reference():
    one = POINTED.split("Forces should")[0]
    assert pointed_paragraphs(classify(one)) == []


def test_a_recommendation_agreed_in_a_sentence_of_the_minutes():
    text = (
        "Minutes\n\nMembers discussed the figures. After discussion the Committee agreed to recommend that\n"
        "the Cabinet funds two more wardens for the town centre. The meeting ended at 8pm.\n"
    )
    found = agreed_in_prose(classify(text))
    assert [f.text for f in found] == ["The Cabinet funds two more wardens for the town centre."]
    assert agreed_in_prose(classify("Members agreed the minutes.\n")) == []


def test_running_prose_wrapped_at_suggested_is_not_a_panels_clause_list():
    # a paragraph wrapped so that a line starts "suggested": the clause runs on into the next sentence
    text = (
        "The Panel considered the draft budget for an hour. Members praised the savings plan. The Panel\n"
        "suggested that the budget should show the cost of each new post. Members then turned to the\n"
        "estates strategy.\n"
    )
    assert extract_recommendations(text).recommendations == ()
