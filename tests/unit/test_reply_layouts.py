"""Two layouts of replies met in real documents, reproduced in words written for the project
(tests/corpus/real_layouts): a run-on reply where "Recommendation 1: ... Response: ..." follow one another
on one line, and a government response that restates each numbered conclusion up to its "(Paragraph 9)"
and answers it in plain paragraphs below."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.importing.audit import audit_reply
from tracker.importing.extract import extract_recommendations, split_run_on
from tracker.importing.readers import read_document

LAYOUTS = Path(__file__).resolve().parents[1] / "corpus" / "real_layouts"


def document(name: str):
    return read_document(LAYOUTS / name)


# ---- run-on: "Recommendation 1: <text> Response: <reply> Recommendation 2: ..." -------------------------
def test_run_on_replies_give_the_recommendations_without_their_responses():
    recs = extract_recommendations(document("run_on_responses.txt")).recommendations
    assert [r.number for r in recs] == ["1", "2", "3"]
    assert recs[0].text == (
        "The Commissioner should publish a rural crime plan for the county before the end of the financial year."
    )
    assert recs[1].text.endswith("in each district.")
    # "Response times" begins the recommendation's own text: no colon, so no reply label
    assert recs[2].text.startswith("Response times to calls from outlying villages")
    assert all("accept" not in r.text and "agree" not in r.text for r in recs)


@pytest.mark.parametrize("with_recommendations", [False, True])
def test_run_on_replies_map_each_response_to_its_recommendation(with_recommendations):
    doc = document("run_on_responses.txt")
    recs = list(extract_recommendations(doc).recommendations) if with_recommendations else None
    audit = audit_reply(document("run_on_responses.txt"), recs)
    answered = {p.numbers: p.text for p in audit.passages}
    assert list(answered) == [("1",), ("2",), ("3",)]
    # the reply is what follows the label ("Response:", "Government response:", "Response from the ...:")
    assert answered[("1",)].startswith("I accept this recommendation. A rural crime plan")
    assert answered[("2",)].startswith("The force has not accepted this recommendation")
    assert (
        answered[("3",)]
        == "I agree and will report the times to each quarterly meeting of the Panel from June."
    )
    assert all("Response" not in text and "should" not in text for text in answered.values())
    assert [p.disposition for p in audit.passages] == ["accepted", "not accepted", "accepted"]
    assert dict(audit.restatements)["2"].startswith("The force should keep at least two officers")


def test_run_on_markers_are_cut_without_moving_any_offset():
    text = (document("run_on_responses.txt")).text
    cut = split_run_on(text)
    assert len(cut) == len(text)
    assert "\nRecommendation 2: The force" in cut and "\nGovernment response: The force" in cut
    audit = audit_reply(document("run_on_responses.txt"))
    passage = audit.passages[0]
    assert text[passage.start :].startswith("Recommendation 1:")
    assert text[: passage.end].endswith("the parish councils.")


def test_a_single_run_on_recommendation_under_a_title_is_found():
    reply = (
        "RESPONSE TO THE SECOND REPORT OF THE PANEL Recommendation 1: The office should publish its complaints "
        "figures each quarter. Response: The office already publishes them on its website and will add a "
        "summary to each Panel agenda."
    )
    recs = extract_recommendations(reply).recommendations
    assert [r.number for r in recs] == ["1"] and recs[0].text.endswith("each quarter.")
    audit = audit_reply(reply)
    assert [(p.numbers, p.text) for p in audit.passages] == [
        (
            ("1",),
            "The office already publishes them on its website and will add a summary to each Panel agenda.",
        )
    ]


# ---- "1. <conclusion> (Paragraph 14)" then the reply in plain paragraphs -------------------------------
@pytest.mark.parametrize("with_recommendations", [False, True])
def test_reply_paragraphs_after_a_paragraph_pointer_answer_that_conclusion(with_recommendations):
    doc = document("conclusions_then_reply.txt")
    recs = list(extract_recommendations(doc).recommendations) if with_recommendations else None
    audit = audit_reply(document("conclusions_then_reply.txt"), recs)
    answered = {p.numbers: p.text for p in audit.passages}
    assert list(answered) == [("1",), ("2",)]
    assert answered[("1",)].startswith("The Government agrees that forces should understand why")
    assert answered[("1",)].endswith("in their annual reports from next year.")
    assert answered[("2",)].startswith("The Government does not intend to set rules for employers")
    assert all("(Paragraph" not in text and "We urge" not in text for text in answered.values())
    # the covering letter before the heading answers nothing
    assert all("apologise" not in text for text in answered.values())
    restated = dict(audit.restatements)
    assert restated["1"].startswith("We are concerned") and restated["1"].endswith("(Paragraph 14)")


def test_conclusions_end_at_their_paragraph_pointer_not_in_the_reply():
    recs = extract_recommendations(document("conclusions_then_reply.txt")).recommendations
    assert [r.number for r in recs] == ["1", "2"]
    assert recs[0].text.endswith("compared between forces and acted on.")
    assert recs[1].text.endswith("talk to large employers about this.")
    assert all("The Government" not in r.text[:20] and "Officials" not in r.text for r in recs)


def test_a_single_numbered_conclusion_with_its_pointer_is_answered():
    reply = (
        "Government Response\n"
        "1. We recommend that the Home Office reviews how forces record\n"
        "hate crime online, and reports to us within a year. (Paragraph\n"
        "31)\n"
        "The Home Office has begun the review and expects to report\n"
        "to the Committee next spring.\n"
        "A working group of forces meets each month.\n"
    )
    audit = audit_reply(reply)
    assert [p.numbers for p in audit.passages] == [("1",)]
    assert audit.passages[0].text.startswith("The Home Office has begun the review and expects to report to")
    assert audit.passages[0].text.endswith("A working group of forces meets each month.")


# ---- the word "response" inside a recommendation is not a label ---------------------------------------
def test_response_mid_sentence_does_not_split_a_numbered_recommendation():
    letter = (
        "The Panel recommends:\n\n"
        "1. The Commissioner should publish a response to every complaint about the force within 20 working "
        "days. Response times should also be shown in the annual report.\n\n"
        "2. The Commissioner should explain the response: what was done, by whom and when.\n"
    )
    assert split_run_on(letter) == letter
    recs = extract_recommendations(letter).recommendations
    assert [r.number for r in recs] == ["1", "2"]
    assert recs[0].text.endswith("Response times should also be shown in the annual report.")
    assert recs[1].text == "The Commissioner should explain the response: what was done, by whom and when."


def test_response_mid_sentence_does_not_split_a_labelled_recommendation():
    text = (
        "Recommendation 1: The force should cut its response: the time it takes to answer 999 calls.\n"
        "Recommendation 2: The Commissioner should publish each response to the Panel. Response to the "
        "Panel's letters should come within a month.\n"
    )
    assert split_run_on(text) == text  # no "Response:" label after a finished sentence: nothing to cut
    recs = extract_recommendations(text).recommendations
    assert [r.number for r in recs] == ["1", "2"]
    assert recs[0].text.endswith("its response: the time it takes to answer 999 calls.")
    assert recs[1].text.endswith("Response to the Panel's letters should come within a month.")


# ---- answers that repeat the recommendation's words ------------------------------------------------------
PANEL_REPORT = """Report of the Police and Crime Panel on the draft plan
Date: 4 November 2025

The Panel recommends that the Commissioner:

1. Publishes a delivery plan with measurable targets by 31 March 2026.
2. Explains how rural crime in the upland valleys will be tackled.
3. Ensures the plan is published in Welsh and in English on the same day.
"""

ECHOING_REPLY = """Date: 9 December 2025

Recommendation 1
I accept this recommendation.

Recommendation 2
Partially accepted. The delivery plan will say more about rural crime.

Recommendation 3
Accepted. The plan will be published in Welsh and in English on the same day.
"""


def test_an_answer_that_echoes_the_recommendation_is_still_an_answer():
    known = extract_recommendations(PANEL_REPORT).recommendations
    audit = audit_reply(ECHOING_REPLY, known)
    by_number = {r.number: r for r in audit.recommendations}
    assert by_number["3"].status == "replied"
    assert by_number["3"].disposition == "accepted"
    assert [p.numbers for p in audit.passages] == [("1",), ("2",), ("3",)]


def test_answers_out_of_order_are_not_taken_for_a_group():
    known = extract_recommendations(PANEL_REPORT).recommendations
    reply = "Date: 9 December 2025\n\nRecommendation 3\nAccepted. The plan will be published in Welsh and in English on the same day.\n\nRecommendation 1\nI accept this recommendation.\n"
    audit = audit_reply(reply, known)
    by_number = {r.number: r for r in audit.recommendations}
    assert by_number["1"].grouped_with == () and by_number["3"].grouped_with == ()
    assert by_number["2"].status == "missing"
    from tracker.domain.formatting import answered_out_of_order

    assert answered_out_of_order([p.numbers for p in audit.passages]) == {"1": "3"}


def test_a_response_that_numbers_its_own_paragraphs_keeps_the_recommendations_numbers():
    """ "1. Recommendation 1: …" then "2. Government response: …": 1 and 2 number the response's paragraphs."""
    document = read_document(LAYOUTS / "numbered_paragraph_response.txt")
    extraction = extract_recommendations(document)
    assert [r.number for r in extraction.recommendations] == ["1", "2"]
    assert "Government response" not in extraction.recommendations[0].text
    audit = audit_reply(document)
    by_number = {r.number: r for r in audit.recommendations}
    assert by_number["1"].status == "replied" and by_number["2"].status == "replied"
    assert by_number["2"].disposition == "not accepted"
