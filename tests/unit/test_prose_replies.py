"""Replies written as running prose (minutes, letters): short numbered titles restate the recommendations and
the prose after them answers, naming them by number or by subject."""

from __future__ import annotations

from pathlib import Path

from tracker.importing.audit import audit_reply
from tracker.importing.readers import read_document

FIXTURE = Path(__file__).resolve().parents[1] / "corpus" / "real_layouts" / "prose_reply_by_subject.txt"

TITLES = """The Panel made four recommendations:
1. A single crime reporting line
2. Neighbourhood ward panels reformed
3. Safer school routes
4. A youth forum
"""


def _audit():
    return audit_reply(read_document(FIXTURE))


def _passage(audit, numbers):
    return next(p for p in audit.passages if p.numbers == numbers)


def test_passages_of_the_fixture():
    assert [p.numbers for p in _audit().passages] == [("1", "2"), ("4",), ("3",)]


def test_a_sentence_naming_two_subjects_is_a_group():
    audit = _audit()
    group = _passage(audit, ("1", "2"))
    assert group.text.startswith("The two actions that were not supported")
    assert group.disposition == "not accepted"
    assert group.grouping == "explicit"
    by_number = {r.number: r for r in audit.recommendations}
    assert by_number["1"].grouped_with == ("2",)
    assert by_number["2"].grouped_with == ("1",)


def test_a_recommendation_named_by_number():
    passage = _passage(_audit(), ("4",))
    assert passage.text.startswith("Turning to recommendation 4")
    # the next sentence of the same paragraph goes on about it
    assert passage.text.endswith("be invited.")
    assert any(c.date is not None and c.date.month == 9 for c in passage.commitments)


def test_a_recommendation_named_by_subject():
    passage = _passage(_audit(), ("3",))
    assert passage.text.startswith("On safer school routes")
    assert "The Chair thanked" not in passage.text  # a new paragraph naming nothing is context


def test_an_unanswered_recommendation_is_missing_and_titles_are_not_answers():
    audit = _audit()
    status = {r.number: r.status for r in audit.recommendations}
    assert status == {"1": "replied", "2": "replied", "3": "replied", "4": "replied", "5": "missing"}
    assert dict(audit.restatements)["5"] == "Drug and alcohol services joined up"
    assert not any(p.text.startswith("Drug and alcohol") for p in audit.passages)


def test_offsets_point_into_the_original_text():
    document = read_document(FIXTURE)
    audit = audit_reply(document)
    for passage in audit.passages:
        assert " ".join(document.text[passage.start : passage.end].split()) == passage.text


def test_one_common_word_does_not_name_a_recommendation():
    audit = audit_reply(
        TITLES + "Crime fell across the district last year.\nOn safer school routes, work has begun.\n"
    )
    assert [p.numbers for p in audit.passages] == [("3",)]
    assert {r.number: r.status for r in audit.recommendations}["1"] == "missing"


def test_several_numbers_in_one_reference():
    audit = audit_reply(TITLES + "Recommendations 1 and 2 were agreed by the Cabinet.\n")
    assert [p.numbers for p in audit.passages] == [("1", "2")]
    assert audit.passages[0].disposition == "accepted"


def test_a_number_not_in_the_list_is_ignored():
    audit = audit_reply(
        TITLES + "Recommendation 12 of the earlier review was closed.\nOn a youth forum, officers agreed.\n"
    )
    assert [p.numbers for p in audit.passages] == [("4",)]


def test_prose_naming_nothing_leaves_the_numbered_layout_alone():
    text = TITLES + "We thank the Panel for its work and will reply in full in due course.\n"
    assert [p.numbers for p in audit_reply(text).passages] == [("1",), ("2",), ("3",), ("4",)]


def test_headings_with_answers_are_mapped_as_before():
    text = (
        "Recommendation 1: A single crime reporting line\n\n"
        "We accept this recommendation. A single number will be in place by June 2025.\n\n"
        "Recommendation 2: Neighbourhood ward panels reformed\n\n"
        "We do not accept this recommendation; ward panels are set up by the Mayor's office.\n\n"
        "Recommendation 3: Safer school routes\n\n"
        "Noted. Safer school routes will be considered with the schools.\n"
    )
    audit = audit_reply(text)
    assert [(p.numbers, p.grouping, p.disposition) for p in audit.passages] == [
        (("1",), "single", "accepted"),
        (("2",), "single", "not accepted"),
        (("3",), "single", "noted"),
    ]


def test_numbered_answers_are_mapped_as_before():
    text = (
        "Our response to the Panel:\n"
        "1. Accepted. The reporting line will open in June 2025.\n"
        "2. Not accepted. Ward panels are a matter for the Mayor.\n"
        "3. Safer school routes will be mapped with the schools this summer.\n"
    )
    assert [p.numbers for p in audit_reply(text).passages] == [("1",), ("2",), ("3",)]
