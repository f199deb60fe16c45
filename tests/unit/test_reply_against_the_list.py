"""A reply read against its report's list of recommendations, as the app reads it once the report is imported:
each answer stays with its own number, even when it repeats the recommendation's words."""

from __future__ import annotations

import pytest

from tests.cli_helpers import ok
from tests.document_files import write_document
from tracker.importing.audit import audit_reply
from tracker.importing.extract import extract_recommendations
from tracker.importing.readers import document_from_text

REPORT = [
    "Report of the Panel on the draft Police and Crime Plan",
    "Date: 3 February 2025",
    "The Panel recommends:",
    "Recommendation 1",
    "The final plan should set out how the rural crime team will be funded, with measures reported every quarter.",
    "Recommendation 2",
    "The final plan should publish a target for answering non-emergency calls within ten minutes.",
    "Recommendation 3",
    "The Commissioner should consult young people on the priorities of the plan before it is issued.",
    "Recommendation 4",
    "The plan should explain how victims of fraud will be supported by the new hub.",
]
# each recommendation restated, then answered in words that mostly repeat it
REPLY = [
    "Response of the Commissioner to the Panel's report",
    "Date: 24 February 2025",
    "Recommendation 1",
    "The final plan should set out how the rural crime team will be funded, with measures reported every quarter.",
    "We agree. The final plan sets out how the rural crime team will be funded, with measures reported every quarter.",
    "Recommendation 2",
    "The final plan should publish a target for answering non-emergency calls within ten minutes.",
    "We will not be setting a target for answering non-emergency calls within ten minutes.",
    "Recommendation 3",
    "The Commissioner should consult young people on the priorities of the plan before it is issued.",
    "Accepted. Young people were consulted on the priorities through the youth forum in January 2025.",
    "Recommendation 4",
    "The plan should explain how victims of fraud will be supported by the new hub.",
    "The final plan includes a section explaining how victims of fraud will be supported by the new hub.",
]
EXPECTED = {"1": "accepted", "2": "not accepted", "3": "accepted", "4": "accepted"}


def _report():
    text = "\n\n".join(REPORT) + "\n"
    return list(extract_recommendations(document_from_text(text, "report.txt")).recommendations)


def _ties(audit) -> dict[str, tuple[tuple[str, ...], str | None, str]]:
    return {
        r.number: (
            r.grouped_with,
            r.disposition,
            audit.passages[r.passage].text if r.passage is not None else "",
        )
        for r in audit.recommendations
    }


@pytest.mark.parametrize("suffix", ["txt", "pdf"])
def test_a_report_then_its_reply_imported_into_a_cycle_ties_each_answer_to_its_number(
    capsys, panel, tmp_path, suffix
):
    report = write_document(tmp_path / f"report.{suffix}", REPORT, text_gap="\n\n")
    reply = write_document(tmp_path / f"reply.{suffix}", REPLY, text_gap="\n\n")
    ok(capsys, "cycle", "add", "plan-2025", "--body", "wessex", "--template", "plan-pcc", "--trigger",
       "election=2024-05-02", "--db", panel)  # fmt: skip
    ok(capsys, "import", "recommendations", str(report), "--cycle", "plan-2025", "--db", panel)
    imported = ok(capsys, "import", "reply", str(reply), "--cycle", "plan-2025", "--db", panel)
    assert imported["grouped"] == [] and imported["missing"] == []
    audit = ok(capsys, "audit", "plan-2025", "--db", panel)
    assert audit["coverage"]["replied"] == 4 and audit["coverage"]["grouped"] == 0
    got = {r["number"]: (r["grouped_with"], r["disposition"]) for r in audit["recommendations"]}
    assert got == {number: ([], disposition) for number, disposition in EXPECTED.items()}


def test_an_answer_that_repeats_the_recommendation_after_restating_it_is_the_answer():
    text = "\n\n".join(REPLY) + "\n"
    ties = _ties(audit_reply(document_from_text(text, "reply.txt"), _report()))
    assert {n: (t[0], t[1]) for n, t in ties.items()} == {n: ((), d) for n, d in EXPECTED.items()}
    assert ties["1"][2].startswith("We agree. The final plan sets out")
    assert ties["4"][2].startswith("The final plan includes a section explaining")


def test_answers_in_the_first_person_with_no_restatement_are_answers_not_restatements():
    lines = [
        "Date: 24 February 2025",
        "Recommendation 1",
        "We agree: the final plan sets out how the rural crime team will be funded, with measures each quarter.",
        "Recommendation 2",
        "We will not publish a target for answering non-emergency calls within ten minutes.",
        "Recommendation 3",
        "We consulted young people on the priorities of the plan before it was issued.",
        "Recommendation 4",
        "Our plan explains how victims of fraud will be supported by the new hub.",
    ]
    text = "\n\n".join(lines) + "\n"
    for known in (None, _report()):
        audit = audit_reply(document_from_text(text, "reply.txt"), known)
        ties = _ties(audit)
        assert {n: t[0] for n, t in ties.items()} == {n: () for n in EXPECTED}
        assert ties["1"][1] == "accepted" and ties["2"][1] == "not accepted"
        assert ties["3"][2].startswith("We consulted young people")


def test_a_restatement_in_the_committees_voice_is_still_a_restatement():
    report = "\n\n".join(
        ["Recommendation 1", "We recommend that the Commissioner should publish the plan in Welsh.",
         "Recommendation 2", "We recommend that the Commissioner should publish the plan's measures."]
    )  # fmt: skip
    reply = "\n\n".join(
        ["Date: 24 February 2025", "Recommendation 1",
         "We recommend that the Commissioner should publish the plan in Welsh.",
         "Accepted. The plan is published in Welsh and English.", "Recommendation 2",
         "We recommend that the Commissioner should publish the plan's measures.",
         "Not accepted. The measures are set by the force."]
    )  # fmt: skip
    known = list(extract_recommendations(document_from_text(report, "report.txt")).recommendations)
    for recommendations in (None, known):
        ties = _ties(audit_reply(document_from_text(reply, "reply.txt"), recommendations))
        assert ties["1"] == ((), "accepted", "Accepted. The plan is published in Welsh and English.")
        assert ties["2"] == ((), "not accepted", "Not accepted. The measures are set by the force.")
