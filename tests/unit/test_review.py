"""The review workspace's editing (tracker.services.review), on plain data: what the officer does to the
reader's proposal, and what is handed to the import service."""

from __future__ import annotations

import dataclasses

import pytest

from tracker.errors import BadInput
from tracker.importing.audit import audit_reply
from tracker.importing.extract import extract_recommendations
from tracker.importing.readers import document_from_text
from tracker.services.review import REPLY, REPORT, Review

REPORT_TEXT = """Wessex Police and Crime Panel
Report on the draft police and crime plan

The panel also heard that the estates review has slipped by a year.

Recommendation 1: The commissioner should publish the rural crime strategy before the summer recess.

Recommendation 2: The commissioner should set a target for answering non-emergency calls.

Recommendation 3: The commissioner should report spending on the victims' hub every quarter.
"""

REPLY_TEXT = """Reply of the Wessex Police and Crime Commissioner

Recommendation 1
I accept this recommendation. The rural crime strategy will be published in July.

Recommendation 2
I do not accept this recommendation, because a target would distort priorities.

Recommendation 3
I accept this recommendation and will report each quarter.
"""


def report_review() -> Review:
    document = document_from_text(REPORT_TEXT, "wessex-report.txt")
    return Review(REPORT, document, extract_recommendations(document))


def reply_review(known=("1", "2", "3")) -> Review:
    document = document_from_text(REPLY_TEXT, "wessex-reply.txt")
    return Review(REPLY, document, audit_reply(document), known=known)


def span(review: Review, words: str) -> tuple[int, int]:
    start = review.text.index(words)
    return start, start + len(words)


def test_items_keep_the_documents_order_whatever_order_they_come_in():
    document = document_from_text(REPORT_TEXT, "wessex-report.txt")
    extraction = extract_recommendations(document)
    backwards = dataclasses.replace(extraction, recommendations=extraction.recommendations[::-1])
    review = Review(REPORT, document, backwards)
    assert [i.label for i in review.items] == ["1", "2", "3"]
    saved = review.reviewed().edited.recommendations
    assert [r.number for r in saved] == ["1", "2", "3"]


def test_a_selection_becomes_the_next_free_recommendation_in_its_place():
    review = report_review()
    start, end = span(review, "The panel also heard that the estates review has slipped by a year.")
    assert review.proposed_number_at(start) == "4"
    index = review.add_recommendation(start, end)
    assert index == 0 and [i.label for i in review.items] == ["4", "1", "2", "3"]
    reviewed = review.reviewed()
    assert reviewed.by_officer == (0,)
    added = reviewed.edited.recommendations[0]
    assert added.text == "The panel also heard that the estates review has slipped by a year."
    assert (added.start, added.end) == (start, end)


def test_the_number_proposed_follows_the_item_before_when_it_is_free():
    review = report_review()
    review.remove(1)
    assert review.proposed_number_at(review.text.index("Recommendation 3")) == "2"
    assert review.proposed_number_at(0) == "4"


def test_a_selection_with_its_heading_loses_the_heading_and_blank_ends():
    review = report_review()
    review.remove(2)
    start, end = span(review, "Recommendation 3: The commissioner should report spending on the victims' hub")
    index = review.add_recommendation(start - 2, end, "3")
    assert review.items[index].value.text.startswith("The commissioner should report spending")
    assert review.items[index].start == start


def test_a_selection_that_overlaps_an_item_or_reuses_a_number_is_refused():
    review = report_review()
    start, end = span(review, "set a target for answering")
    with pytest.raises(BadInput, match="overlaps recommendation 2"):
        review.add_recommendation(start, end)
    start, end = span(review, "The panel also heard")
    with pytest.raises(BadInput, match="already used"):
        review.add_recommendation(start, end, "2")
    with pytest.raises(BadInput, match="empty"):
        review.add_recommendation(start, start)
    assert len(review.items) == 3 and not review.can_undo


def test_a_selection_becomes_a_sub_point():
    review = report_review()
    start, end = span(review, "The panel also heard that the estates review has slipped by a year.")
    index = review.add_subpoint(start, end, "1")
    item = review.items[index]
    assert item.value.subpoints[-1].startswith("The panel also heard")
    assert item.start == start and item.by_officer
    with pytest.raises(BadInput, match="overlaps recommendation 1"):
        review.add_subpoint(start, end, "2")  # it would take in recommendation 1
    with pytest.raises(BadInput, match="not in this list"):
        review.add_subpoint(start, end, "9")


def test_split_at_the_cursor_then_merge_back():
    review = report_review()
    at = review.text.index("Recommendation 2")
    whole_end = review.items[1].end
    review.merge_with_next(0)  # the reader joined 1 and 2: as if it had
    assert [i.label for i in review.items] == ["1", "3"]
    assert review.items[0].end == whole_end
    first, second = review.split(0, at)
    assert [i.label for i in review.items] == ["1", "4", "3"]
    assert review.items[first].value.text.endswith("before the summer recess.")
    assert review.items[second].value.text == (
        "The commissioner should set a target for answering non-emergency calls."
    )
    review.renumber(second, "2")
    assert [i.label for i in review.items] == ["1", "2", "3"]
    assert review.reviewed().by_officer == (0, 1)


def test_split_outside_the_item_is_refused_and_merge_needs_a_next():
    review = report_review()
    with pytest.raises(BadInput, match="nothing to split"):
        review.split(0, review.items[0].start)
    with pytest.raises(BadInput, match="no item after it"):
        review.merge_with_next(len(review.items) - 1)


def test_a_duplicate_number_stops_the_save_and_says_which():
    review = report_review()
    with pytest.raises(BadInput, match="already used"):
        review.renumber(2, "1")
    # a number typed twice in two additions is caught by the check before saving
    review.items[2] = dataclasses.replace(
        review.items[2], value=dataclasses.replace(review.items[2].value, number="1")
    )
    assert review.problems() == ["recommendation 1 is numbered twice: renumber one"]
    with pytest.raises(BadInput, match="numbered twice"):
        review.reviewed()


def test_what_the_reader_proposed_and_the_officer_left_out_is_remembered_the_officers_own_is_not():
    review = report_review()
    review.put_aside(1)
    review.remove(0)
    start, end = span(review, "The panel also heard that the estates review has slipped by a year.")
    review.remove(review.add_recommendation(start, end))  # the officer's own mistake: nothing to remember
    reviewed = review.reviewed()
    assert [r.number for r in reviewed.edited.recommendations] == ["3"]
    assert [(a.kind, a.number, a.reason) for a in reviewed.set_aside] == [
        ("recommendation", "2", "not a recommendation"),
        ("recommendation", "1", "removed"),
    ]
    assert "non-emergency calls" in reviewed.set_aside[0].text


def test_a_duplicate_removed_is_not_remembered_so_the_copy_kept_stays():
    document = document_from_text(REPORT_TEXT, "wessex-report.txt")
    extraction = extract_recommendations(document)
    twice = dataclasses.replace(
        extraction, recommendations=(*extraction.recommendations, extraction.recommendations[2])
    )
    review = Review(REPORT, document, twice)
    review.remove(3)
    assert review.reviewed().set_aside == ()


def test_every_change_can_be_undone():
    review = report_review()
    before = list(review.items)
    review.put_aside(0)
    review.merge_with_next(0)
    assert review.undo() and review.undo()
    assert review.items == before and review.set_aside == []
    assert not review.undo()


def test_a_reply_passage_is_tied_to_other_numbers_from_a_selection():
    review = reply_review()
    assert [i.label for i in review.items] == ["1", "2", "3"]
    start, end = span(review, "Recommendation 3\nI accept this recommendation and will report each quarter.")
    index = review.answers(start, end, ["3", "2"])
    assert review.items[index].label == "3, 2" and review.items[index].by_officer
    reviewed = review.reviewed()
    audits = {a.number: a for a in reviewed.edited.recommendations}
    assert audits["2"].passage == 1 and audits["3"].grouped_with == ("2",)


def test_part_of_a_passage_tied_to_other_numbers_is_cut_out_of_it():
    review = reply_review()
    start, end = span(review, "The rural crime strategy will be published in July.")
    index = review.answers(start, end, ["3"])
    assert [i.label for i in review.items] == ["1", "3", "2", "3"]
    assert review.items[0].value.text == "I accept this recommendation."
    assert (review.items[index].start, review.items[index].end) == (start, end)
    review.undo()
    assert [i.label for i in review.items] == ["1", "2", "3"]
    start, end = span(review, "The rural crime")
    review.answers(start, end, ["2"])
    assert [i.label for i in review.items] == ["1", "2", "1", "2", "3"]  # before, the part, after


def test_a_selection_outside_any_passage_becomes_an_answer_with_a_suggested_disposition():
    review = reply_review()
    review.put_aside(2)
    assert review.notes() == ["no answer to 3"]
    start, end = span(review, "I accept this recommendation and will report each quarter.")
    index = review.answers(start, end, ["3"])
    assert review.items[index].value.disposition == "accepted"
    reviewed = review.reviewed()
    assert reviewed.by_officer == (2,)
    assert (reviewed.set_aside[0].kind, reviewed.set_aside[0].reason) == ("reply", "not an answer")
    assert [a.status for a in reviewed.edited.recommendations] == ["replied"] * 3


def test_a_reply_answering_an_unknown_number_is_noted_and_a_chosen_disposition_is_kept():
    review = reply_review()
    review.renumber(0, "1 and 7")
    assert review.items[0].value.numbers == ("1", "7")
    assert review.notes() == ["answers to numbers never made: 7"]
    review.set_disposition(1, "partially accepted")
    with pytest.raises(BadInput, match="is not one of"):
        review.set_disposition(1, "maybe")
    reviewed = review.reviewed()
    assert reviewed.corrections == {1: "partially accepted"}
    assert reviewed.edited.unknown_replies == ("7",)
    with pytest.raises(BadInput, match="missing"):
        review.renumber(0, " , ")


def test_an_item_is_found_from_an_offset_in_the_document():
    review = report_review()
    assert review.item_at(review.text.index("victims' hub")) == 2
    assert review.item_at(review.text.index("estates review")) is None


def test_the_officers_wording_replaces_the_readers_and_keeps_the_place():
    review = report_review()
    place = (review.items[0].start, review.items[0].end)
    review.edit_text(0, "  Publish the   rural strategy ", ["first point", " ", "second point"])
    value = review.items[0].value
    assert (value.text, value.subpoints) == ("Publish the rural strategy", ("first point", "second point"))
    assert (value.start, value.end) == place
    with pytest.raises(BadInput, match="empty"):
        review.edit_text(0, "   ")


def test_what_the_officer_renumbers_rewords_or_ties_is_the_officers_and_no_longer_doubtful():
    review = reply_review()
    doubtful = dataclasses.replace(review.items[0].value, flags=("answer tied by subject, not number",))
    review.items[0] = dataclasses.replace(review.items[0], value=doubtful)
    review.renumber(0, "1, 2")
    review.answers(review.items[2].start, review.items[2].end, ["3", "2"])
    assert [(i.by_officer, i.flags) for i in review.items] == [(True, ()), (False, ()), (True, ())]
    report = report_review()
    report.edit_text(1, "The commissioner should set a target for non-emergency calls.")
    assert report.reviewed().by_officer == (1,)
