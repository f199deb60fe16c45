"""The layouts real panel, council and parliamentary documents use, each reproduced in words written for the
project (tests/corpus/real_layouts), with what a person reading them finds."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tracker.importing.extract import extract_recommendations
from tracker.importing.readers import read_document

LAYOUTS = Path(__file__).resolve().parents[1] / "corpus" / "real_layouts"
REAL = Path(__file__).resolve().parents[1] / "real_documents"


def extract(name: str):
    return extract_recommendations(read_document(LAYOUTS / name)).recommendations


def test_short_titled_recommendations_under_a_lead_in_are_not_section_headings():
    recs = extract("titled_under_lead_in.txt")
    assert [r.number for r in recs] == ["1", "2", "3", "4", "5", "6"]
    assert recs[1].text == "A single out-of-hours reporting line"
    # the "3." of the minutes after the list is not a seventh recommendation


def test_lettered_items_with_roman_sub_points():
    recs = extract("lettered_with_roman.txt")
    assert [r.number for r in recs] == ["a", "b", "c", "d"]
    assert len(recs[0].subpoints) == 4 and recs[0].subpoints[0].startswith("the Commissioner's key decisions")
    assert recs[1].subpoints == ()


def test_labels_beyond_the_bare_number_keep_their_name():
    recs = extract("labelled_afi.txt")
    assert [r.number for r in recs] == ["AFI 4", "AFI 9", "Action 2"]
    assert recs[0].text.startswith("the force should make sure stop and search records")
    assert all("deputy chief constable" not in r.text for r in recs)


def test_unnumbered_bullets_after_the_committee_recommends_are_numbered_by_the_app(capsys, tmp_path):
    recs = extract("bullets_after_recommends.txt")
    assert [r.number for r in recs] == ["1", "2", "3"]
    assert all(r.label.endswith("(numbered by the app)") for r in recs)
    code, out, _ = run(capsys, "extract", str(LAYOUTS / "bullets_after_recommends.txt"), "--json")
    assert code == 0 and any("numbered them in order" in w for w in json.loads(out)["warnings"])


def test_hard_wrapped_numbered_paragraphs_lose_their_paragraph_pointers():
    recs = extract("wrapped_numbered_conclusions.txt")
    assert [r.number for r in recs] == ["1", "2", "3"]
    assert recs[0].text.startswith("We recommend that commissioners") and "(Paragraph" not in recs[0].text
    assert recs[1].text.endswith("does not lose what it knows.")


def test_numbered_answers_in_a_letter_are_not_recommendations(capsys):
    assert extract("letter_numbered_answers.txt") == ()
    code, out, err = run(capsys, "extract", str(LAYOUTS / "letter_numbered_answers.txt"), "--json")
    data = json.loads(out)
    assert code == 0 and data["recommendations"] == [] and data["warnings"]
    assert data["document"]["dates"] is not None  # what could be read is still given


def test_a_gap_in_the_numbering_is_a_warning_not_a_repair(capsys, tmp_path):
    letter = tmp_path / "gap.md"
    letter.write_text(
        "The panel recommends:\n\n1. Publish the plan.\n\n2. Consult young people.\n\n4. Report each quarter.\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "extract", str(letter), "--json")
    data = json.loads(out)
    assert code == 0 and any("skips 3" in w for w in data["warnings"])


def test_the_sources_of_the_real_documents_are_listed_with_their_labels():
    labels = json.loads((REAL / "sources.json").read_text(encoding="utf-8"))
    documents = labels["documents"]
    assert len(documents) >= 20
    assert all(d["url"].startswith("http") and d["file"] and "layout" in d for d in documents)


@pytest.mark.skipif(
    not os.environ.get("TRACKER_REAL_DOCS"), reason="set TRACKER_REAL_DOCS to score local copies"
)
def test_the_score_on_real_documents_does_not_fall(capsys):
    import sys

    sys.path.insert(0, str(REAL))
    from score import score

    result = score(Path(os.environ["TRACKER_REAL_DOCS"]))
    assert result.documents >= 20
    assert result.recall() >= 0.8 and result.precision() >= 0.7


def test_points_made_under_each_inspection_finding_are_mapped_as_its_reply():
    from tracker.importing.audit import audit_reply

    document = read_document(LAYOUTS / "labelled_afi.txt")
    recs = list(extract_recommendations(document).recommendations)
    assert all(r.subpoints == () for r in recs)  # the bullets are what was said, not parts of the finding
    audit = audit_reply(document, recs)
    answered = {p.numbers: p.text for p in audit.passages}
    assert answered[("AFI 4",)].startswith("Asked about area for improvement 4")
    assert answered[("AFI 9",)].startswith("Two vetting officers")
    assert {r.number: r.status for r in audit.recommendations}["Action 2"] == "missing"
