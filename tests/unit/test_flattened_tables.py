"""Two-column tables flattened by a PDF-to-text conversion, reproduced in words written for the project
(tests/corpus/real_layouts/flattened_table_*.txt): each cell is labelled by its row, "Panel comment 1 <the
recommendation> Commissioner's response 1 <the reply> Panel comment 2 ...", run on in one line or with each
label on its own line, sometimes with a "Status: Accepted" cell after the reply. Also the dispositions of
replies written in the third person ("The Government agrees", "The Commissioner does not accept")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.importing.audit import audit_reply, suggest_disposition
from tracker.importing.extract import extract_recommendations, split_run_on
from tracker.importing.readers import read_document

LAYOUTS = Path(__file__).resolve().parents[1] / "corpus" / "real_layouts"


def document(name: str):
    return read_document(LAYOUTS / name)


def audit(name: str, with_recommendations: bool):
    doc = document(name)
    recs = list(extract_recommendations(doc).recommendations) if with_recommendations else None
    return doc, audit_reply(document(name), recs)


# ---- run on in one line: "Panel comment 1 ... Commissioner's response 1 ..." ---------------------------
def test_run_on_table_gives_the_left_column_only():
    recs = extract_recommendations(document("flattened_table_run_on.txt")).recommendations
    assert [r.number for r in recs] == ["1", "2", "3"]
    assert recs[0].text == (
        "The Panel would like the Commissioner to publish the number of neighbourhood officers in each ward "
        "every six months"
    )
    assert recs[1].text == (
        "The Panel asks that the Commissioner sets a target for answering non-emergency calls within five minutes."
    )
    assert recs[2].text == (
        "The Panel recommends that ward surgeries are held in the evening as well as during the day."
    )
    assert all("response" not in r.text and "accept" not in r.text for r in recs)


@pytest.mark.parametrize("with_recommendations", [False, True])
def test_run_on_table_maps_each_response_to_its_row(with_recommendations):
    doc, result = audit("flattened_table_run_on.txt", with_recommendations)
    answered = {p.numbers: p.text for p in result.passages}
    assert list(answered) == [("1",), ("2",), ("3",)]
    assert answered[("1",)] == (
        "The Commissioner accepts this recommendation and will publish the figures on the office website from "
        "October."
    )
    assert answered[("2",)] == (
        "A target would distort how call handlers prioritise vulnerable callers. The Commissioner does not "
        "accept this recommendation."
    )
    assert answered[("3",)] == (
        "The Commissioner agrees to consider evening surgeries once the pilot in two towns has been evaluated."
    )
    assert [p.disposition for p in result.passages] == ["accepted", "not accepted", "noted"]
    assert dict(result.restatements)["2"].startswith("The Panel asks that the Commissioner sets a target")
    # offsets point into the original text, which the line breaks did not move
    first, last = result.passages[0], result.passages[-1]
    assert doc.text[first.start :].startswith("Panel comment 1 The Panel would like")
    assert doc.text[: first.end].endswith("from October.")
    assert doc.text[: last.end].endswith("has been evaluated.")


def test_run_on_table_is_cut_without_moving_any_offset():
    text = document("flattened_table_run_on.txt").text
    cut = split_run_on(text)
    assert len(cut) == len(text)
    assert "\nPanel comment 2 The Panel asks" in cut
    assert "\nCommissioner's response 2 A target" in cut
    assert "every six months\nCommissioner's response 1" in cut


# ---- each label on its own line, with a status column ---------------------------------------------------
def test_table_with_labels_on_their_own_lines_gives_the_left_column_only():
    recs = extract_recommendations(document("flattened_table_lines.txt")).recommendations
    assert [r.number for r in recs] == ["1", "2", "3"]
    assert recs[0].text == (
        "The PFCC should make sure every victim of burglary is contacted by the victims' service within two "
        "working days"
    )
    assert recs[1].text == "The PFCC should report the satisfaction of victims to each meeting of the Panel."
    assert recs[2].text.endswith("in every district.")
    assert all("PFCC response" not in r.text and "Status" not in r.text for r in recs)


@pytest.mark.parametrize("with_recommendations", [False, True])
def test_table_with_labels_on_their_own_lines_maps_replies_and_reads_the_status(with_recommendations):
    _, result = audit("flattened_table_lines.txt", with_recommendations)
    answered = {p.numbers: p.text for p in result.passages}
    assert list(answered) == [("1",), ("2",), ("3",)]
    assert answered[("1",)].startswith("The PFCC agrees with this recommendation. The victims' service")
    assert answered[("1",)].endswith("within two working days.")
    assert (
        answered[("2",)]
        == "Satisfaction figures are already reported each quarter in the performance report."
    )
    assert answered[("3",)].endswith("not one in each district.")
    assert all("Status" not in text and "PCP comment" not in text for text in answered.values())
    assert [p.disposition for p in result.passages] == ["accepted", "accepted", "partially accepted"]
    assert result.passages[1].evidence == "status column: Accepted"
    assert result.passages[2].evidence == "status column: Partially accepted"


# ---- other label words: "Recommendation 1 ... Mayor's response 1 ...", "Comment 3 ... Response 3 ..." ----
@pytest.mark.parametrize("with_recommendations", [False, True])
def test_mayor_table_with_mixed_labels_and_a_status_cell(with_recommendations):
    recs = extract_recommendations(document("flattened_table_mayor.txt")).recommendations
    assert [r.number for r in recs] == ["1", "2", "3"]
    assert recs[0].text.endswith("around transport hubs.")
    assert recs[2].text == "The Committee would welcome an update on the safe haven scheme."
    assert all("Mayor's response" not in r.text and "agrees" not in r.text for r in recs)
    _, result = audit("flattened_table_mayor.txt", with_recommendations)
    answered = {p.numbers: p.text for p in result.passages}
    assert list(answered) == [("1",), ("2",), ("3",)]
    assert answered[("1",)] == "The Mayor fully agrees and will publish the timetable in the spring."
    # the reply stops before the status cell and before the next row's label
    assert (
        answered[("2",)] == "The Mayor disagrees: these figures are already published monthly by the force."
    )
    assert answered[("3",)] == "The Mayor agrees. An update will be given to the Committee in July."
    assert [p.disposition for p in result.passages] == ["accepted", "not accepted", "accepted"]
    assert result.passages[1].evidence == "status column: Not accepted"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Panel recommendation", "Commissioner's response"),
        ("PCP comment", "PCC response"),
        ("Recommendation", "PFCC response"),
        ("Comment", "Response"),
        ("Panel comment", "Mayor's response"),
    ],
)
def test_every_label_pair_is_read(left, right):
    reply = (
        f"Reply to the Panel\n{left} 1 The office should publish its complaint figures each quarter. "
        f"{right} 1 The Commissioner agrees and will publish them from May. "
        f"{left} 2 The office should answer letters within 20 days {right} 2 The PCC agrees with this "
        "recommendation."
    )
    recs = extract_recommendations(reply).recommendations
    assert [(r.number, r.text) for r in recs] == [
        ("1", "The office should publish its complaint figures each quarter."),
        ("2", "The office should answer letters within 20 days"),
    ]
    result = audit_reply(reply, list(recs))
    assert [(p.numbers, p.text, p.disposition) for p in result.passages] == [
        (("1",), "The Commissioner agrees and will publish them from May.", "accepted"),
        (("2",), "The PCC agrees with this recommendation.", "accepted"),
    ]


# ---- what is not a flattened table ----------------------------------------------------------------------
def test_commissioners_response_mid_sentence_does_not_split_a_numbered_report():
    report = (
        "The Panel recommends:\n\n"
        "1. The Commissioner should publish the Commissioner's response 1 week after each Panel meeting, "
        "not a month later.\n\n"
        "2. The Panel found the Commissioner's response to its last report thin. Response times to its "
        "letters should improve.\n"
    )
    assert split_run_on(report) == report
    recs = extract_recommendations(report).recommendations
    assert [r.number for r in recs] == ["1", "2"]
    assert recs[0].text.endswith("after each Panel meeting, not a month later.")
    assert recs[1].text.endswith("Response times to its letters should improve.")


def test_a_response_label_of_another_number_does_not_make_a_row():
    text = (
        "Recommendation 1 The force should review its training. The Commissioner's response 2 weeks ago was "
        "welcome.\nRecommendation 2 The force should publish the review.\n"
    )
    assert split_run_on(text) == text
    recs = extract_recommendations(text).recommendations
    assert [r.number for r in recs] == ["1", "2"]
    assert recs[0].text.endswith("The Commissioner's response 2 weeks ago was welcome.")
    # the same number after "the": a phrase in a sentence, not a label
    text = "Recommendation 1 The force should publish the Commissioner's response 1 week after the meeting.\n"
    assert split_run_on(text) == text
    assert extract_recommendations(text).recommendations[0].text.endswith("1 week after the meeting.")


def test_comment_headings_without_responses_are_not_recommendations():
    text = "Minutes\nComment 1 The chair opened the meeting.\nComment 2 The minutes were agreed.\n"
    assert split_run_on(text) == text
    assert extract_recommendations(text).recommendations == ()


# ---- dispositions in the third person -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("The Government agrees with this recommendation.", "accepted"),
        ("The Government agrees.", "accepted"),
        ("The PCC agrees with this recommendation.", "accepted"),
        ("The Commissioner fully agrees and has asked the force to act.", "accepted"),
        ("The Commissioner accepts this recommendation.", "accepted"),
        ("The Commissioner does not accept this recommendation.", "not accepted"),
        ("The PCC disagrees with the Panel on this point.", "not accepted"),
        ("The Commissioner does not agree.", "not accepted"),
        ("The Commissioner partially accepts this recommendation.", "partially accepted"),
        ("The Commissioner accepts this recommendation in part.", "partially accepted"),
        ("The Government agrees that forces should understand why officers leave.", "partially accepted"),
        # a promise to think about it is no acceptance
        ("The PCC agrees to consider this recommendation.", "noted"),
        ("The Commissioner will consider this recommendation.", "noted"),
        ("We agree to consider this when the budget is set.", "noted"),
        ("The force has agreed to look at the figures again.", "noted"),
    ],
)
def test_third_person_dispositions(answer, expected):
    assert suggest_disposition(answer)[0] == expected


def test_every_disposition_cue_holds_one_of_the_words_that_let_it_be_tried():
    """A sentence is searched for a cue only if it holds one of the cue's words: a pattern added without
    one of them would never be tried, so each pattern's own text must contain one."""
    from tracker.importing import audit

    groups = {
        "partially accepted": audit._PARTIAL,
        "not accepted": audit._NOT,
        "accepted": audit._ACCEPT,
        "noted": audit._NOTED,
    }
    for category, patterns in groups.items():
        words = audit._CUE_WORDS[category]
        for pattern in patterns:
            assert any(word in pattern.lower() for word in words), (category, pattern)
