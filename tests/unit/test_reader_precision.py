"""The reader does not invent recommendations: a numbered or lettered list is read as recommendations only when
its heading or lead-in says so, or its items ask for something; minutes that narrate, a precept report's
statutory options and timetable, and the numbered paragraphs of a later section are left out, with a warning.
And one more layout real trackers use: the number alone on a line, then a status, then the text, then an owner.
Each layout is reproduced in words written for the project (tests/corpus/real_layouts)."""

from __future__ import annotations

from pathlib import Path

from tracker.importing.extract import extract_recommendations
from tracker.importing.readers import read_document

LAYOUTS = Path(__file__).resolve().parents[1] / "corpus" / "real_layouts"


def read(name: str):
    return extract_recommendations(read_document(LAYOUTS / name))


# ---- minutes that narrate ------------------------------------------------------------------------------


def test_numbered_minutes_that_narrate_give_no_recommendations():
    extraction = read("minutes_narrating_hearing.txt")
    assert extraction.recommendations == ()
    assert any("numbered list" in w and "left out" in w for w in extraction.warnings)


def test_narrating_minutes_with_no_lead_in_give_none_either():
    # "should" inside a sentence that reports what the Chair said is not a request
    text = (
        "1. The Chair reminded Members that the session should stay within the agenda.\n\n"
        "2. Members asked how many officers had left the force in the year.\n\n"
        "3. The Commissioner said that the figures were published each quarter.\n"
    )
    assert_left_out(text, "report what was said or done")


def assert_left_out(text: str, reason: str) -> None:
    """Nothing is read as a recommendation, and a warning says why."""
    extraction = extract_recommendations(text)
    assert extraction.recommendations == ()
    assert any(reason in w for w in extraction.warnings)


def test_a_numbered_list_that_asks_is_still_read_without_a_lead_in():
    text = (
        "1. The Commissioner should publish the plan's measures every quarter.\n\n"
        "2. The force should explain how it chose its priorities.\n"
    )
    assert [r.number for r in extract_recommendations(text).recommendations] == ["1", "2"]


def test_a_lead_in_that_asks_someone_to_act_introduces_recommendations():
    text = (
        "Thank you for attending the Panel.\n\nMembers hope the Commissioner will go on to:\n\n"
        "1. publish the victims' survey results.\n\n2. report on call answering times at the next meeting.\n"
    )
    assert [r.number for r in extract_recommendations(text).recommendations] == ["1", "2"]


def test_minutes_that_resolve_are_read_as_decisions():
    text = (
        "Minutes:\n\nThe Chair introduced the item.\n\nRESOLVED that:\n\n"
        "1. the work programme for the year be agreed.\n\n2. a report on the precept be brought to the next meeting.\n"
    )
    assert [r.number for r in extract_recommendations(text).recommendations] == ["1", "2"]


# ---- a precept report's lettered options and timetable --------------------------------------------------


def test_a_precept_reports_lettered_options_and_timetable_give_none():
    extraction = read("precept_lettered_options.txt")
    assert extraction.recommendations == ()
    left_out = [w for w in extraction.warnings if w.startswith("a lettered list")]
    assert len(left_out) == 2  # the options a)–c) and the timetable (a)–(e), each judged on its own lead-in
    assert "(a–c)" in left_out[0] and "(a–e)" in left_out[1]


def test_a_lettered_list_of_what_a_report_must_cover_is_not_recommendations():
    text = (
        "Dear Chair\n\nThe law says the Commissioner's annual report must cover:\n\n"
        "a) the exercise of the Commissioner's functions in the year, and\n\n"
        "b) the progress made against the objectives of the plan.\n\n"
        "I was glad the Panel found the report clear.\n\nYours sincerely\n"
    )
    assert extract_recommendations(text).recommendations == ()


def test_a_lettered_list_under_resolved_is_still_read():
    recs = read("lettered_with_roman.txt").recommendations
    assert [r.number for r in recs] == ["a", "b", "c", "d"]


# ---- a new section ends the list ------------------------------------------------------------------------


def test_a_supporting_information_section_ends_the_list():
    extraction = read("lettered_sections_supporting.txt")
    recs = extraction.recommendations
    assert [r.number for r in recs] == ["1", "2"]
    assert recs[1].text.startswith("The Commissioner should agree the list of matters")
    assert all("terms of reference" not in r.text for r in recs)


def test_headings_between_recommendations_do_not_end_a_list_whose_numbering_carries_on():
    text = (
        "# Recommendations\n\n## Victims\n\n1. The Commissioner should fund an advocate in each district.\n\n"
        "2. The force should tell victims who is handling their case.\n\n## Prevention\n\n"
        "3. The Commissioner should publish the youth diversion budget.\n\n"
        "## Background\n\n1. The review took evidence from forty witnesses.\n\n"
        "4. Its meetings were held in public.\n"
    )
    recs = extract_recommendations(text).recommendations
    assert [r.number for r in recs] == ["1", "2", "3"]


# ---- number, status, text, owner --------------------------------------------------------------------------


def test_tracker_rows_give_their_items_in_order_without_status_or_owner():
    extraction = read("tracker_rows_status.txt")
    recs = extraction.recommendations
    assert [r.number for r in recs] == ["1", "2", "3", "4", "5", "6"]
    assert all(r.text.startswith("The inspectorate recommends that") for r in recs)
    for r in recs:
        assert "Northshire Constabulary" not in r.text
        assert not any(status in r.text for status in ("Completed", "Superseded", "In progress"))
    assert recs[2].text.endswith("and use the map in its workforce plan.")  # the wrapped line is kept
    assert extraction.warnings == ()


def test_a_bare_number_without_a_status_is_not_a_row():
    # a page number alone on a line, followed by ordinary text, starts nothing
    text = "The Panel met twice in the year.\n\n12\n\nIt heard from the Commissioner at both meetings.\n"
    assert extract_recommendations(text).recommendations == ()


def test_a_last_row_cut_off_by_the_end_of_the_file_is_kept_with_a_warning():
    text = (LAYOUTS / "tracker_rows_status.txt").read_text(encoding="utf-8")
    cut = text[: text.index("publish how quickly")] + "publish how qui"
    extraction = extract_recommendations(cut)
    assert [r.number for r in extraction.recommendations] == ["1", "2", "3", "4", "5", "6"]
    assert any("recommendation 6 stops mid-sentence" in w for w in extraction.warnings)


def test_tracker_extract_shows_what_the_reader_was_unsure_of(capsys):
    """The warnings reach the user: `tracker extract` lists them with the numbering checks, exit 0."""
    from tests.cli_helpers import ok

    data = ok(capsys, "extract", str(LAYOUTS / "minutes_narrating_hearing.txt"))
    assert data["recommendations"] == []
    assert any("left out" in w for w in data["warnings"])


def test_minutes_recording_that_the_committee_agreed_to_recommend_give_that_recommendation():
    extraction = read("minutes_agreed_to_recommend.txt")
    assert len(extraction.recommendations) == 1
    only = extraction.recommendations[0]
    assert only.label.endswith("(numbered by the app)")
    assert only.text.startswith("The Executive answer every outstanding scrutiny review within two months")
    assert "Noted that" not in only.text
    assert any("agreed to recommend" in w for w in extraction.warnings)


def test_a_sentence_that_only_mentions_recommending_is_not_a_recommendation():
    text = "The Panel discussed whether it would recommend changes next year. No decision was taken.\n"
    assert extract_recommendations(text).recommendations == ()


def test_an_update_line_does_not_date_the_document():
    page = (
        "News from the committee\nPublication date:\nThe committee published its report today.\n"
        "UPDATE - 23 March 2026\nThe Commissioner has replied.\n"
    )
    assert extract_recommendations(page).document.date is None
    dated = "Report of the Panel\n9 March 2026\n\nUPDATE - 23 March 2026\nThe Commissioner has replied.\n"
    assert str(extract_recommendations(dated).document.date) == "2026-03-09"


def test_quoted_conclusions_ending_with_their_paragraph_are_read_in_order():
    extraction = read("conclusions_with_pointers_unnumbered.txt")
    texts = [r.text for r in extraction.recommendations]
    assert len(texts) == 3
    assert texts[0].startswith("We expect the Department to publish") and "(Paragraph" not in texts[0]
    assert not any(t.startswith(("Agreed", "Partially", "Noted")) for t in texts)
    assert all(r.label.endswith("(numbered by the app)") for r in extraction.recommendations)
    assert any("(Paragraph 5)" in w for w in extraction.warnings)


def test_one_paragraph_pointer_alone_is_a_cross_reference_not_a_list():
    text = (
        "The Panel agreed with the Committee on this point. (Paragraph 4)\n\nNo further action is needed.\n"
    )
    assert extract_recommendations(text).recommendations == ()


def test_paragraphs_reporting_progress_on_recommendations_are_no_list_of_them():
    text = (
        "Progress report\n\nA. Recommendation\nThat Members note the report.\n\nB. Supporting information\n"
        "Single point of contact\n"
        "1. Inspector Dale has taken over as the contact for victims' groups.\n"
        "Training\n"
        "2. Every response officer has now completed the new course.\n"
        "3. Two more trainers joined the team in May.\n"
    )
    assert_left_out(text, "report progress")
