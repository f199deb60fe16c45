"""Correcting the register: what the officer adds, removes, renumbers, merges and ties by hand, and what a
later import of the same or a corrected document does with it."""

from __future__ import annotations

import dataclasses
import json

import pytest
from sqlalchemy import create_engine, select

from tests.cli_helpers import ok, run
from tracker.errors import BadInput
from tracker.persistence import tables
from tracker.services.importing import SetAsideItem

REPORT = """Report of the Wessex Police and Crime Panel on the draft plan
12 March 2025

Recommendations

1. The Commissioner should publish a rural crime strategy with named measures.
2. The plan should set out how victims will be kept informed about their cases.
3. The Commissioner should report twice a year on response times in each district.
4. The panel asks for a breakdown of the budget for neighbourhood policing.
5. The plan should say how the Commissioner will work with the fire service.
"""

REPLY = """Reply of the Commissioner to the Panel
2 April 2025

Recommendation 1
I accept this recommendation and will publish the rural crime strategy in the summer.

Recommendation 2
I accept this recommendation. Victims will get a named contact for their case.

Recommendation 3
I do not accept this recommendation: response times are already published each month.

Recommendations 4 and 5
I accept both: the budget breakdown and the joint work with the fire service will be in the final plan.
"""


@pytest.fixture
def cycle(panel, capsys):
    ok(capsys, "cycle", "add", "c1", "--body", "wessex", "--template", "plan-pcc",
       "--trigger", "election=2024-05-02", "--db", panel)  # fmt: skip
    return panel


def _services(url):
    from tracker.services.factory import open_services

    return open_services(url)


def _import(url, text, name="report.txt", **kwargs):
    services = _services(url)
    try:
        document = services.imports.read(text=text, name=name)
        extraction = services.imports.preview_recommendations(document)
        return services.imports.import_recommendations(
            "c1", document=document, extraction=extraction, **kwargs
        )
    finally:
        services.dispose()


def _rows(url, table):
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(select(table).where(table.c.cycle_id == "c1")).mappings().all()
    finally:
        engine.dispose()


def _register(url):
    return sorted(_rows(url, tables.recommendation), key=lambda r: r["position"])


# ---- the import contract the review workspace calls -----------------------------------------------------
def test_recommendations_are_stored_in_the_documents_order_whatever_order_they_come_in(cycle):
    services = _services(cycle)
    try:
        document = services.imports.read(text=REPORT, name="report.txt")
        extraction = services.imports.preview_recommendations(document)
        backwards = dataclasses.replace(
            extraction, recommendations=tuple(reversed(extraction.recommendations))
        )
        services.imports.import_recommendations("c1", document=document, extraction=backwards)
    finally:
        services.dispose()
    assert [r["number"] for r in _register(cycle)] == ["1", "2", "3", "4", "5"]


def test_the_officers_items_and_what_they_set_aside_are_stored_as_such(cycle):
    services = _services(cycle)
    try:
        document = services.imports.read(text=REPORT, name="report.txt")
        extraction = services.imports.preview_recommendations(document)
        recs = list(extraction.recommendations)
        fourth = recs.pop(3)  # the officer says the panel's request for a breakdown is no recommendation
        recs[1] = dataclasses.replace(recs[1], text=recs[1].text.replace("informed", "told"))
        result = services.imports.import_recommendations(
            "c1",
            document=document,
            extraction=dataclasses.replace(extraction, recommendations=tuple(recs)),
            by_officer=[1],
            set_aside=[SetAsideItem("recommendation", "4", fourth.text, "not a recommendation")],
        )
    finally:
        services.dispose()
    assert result.added == ("1", "2", "3", "5")
    register = {r["number"]: r for r in _register(cycle)}
    assert {n: r["origin"] for n, r in register.items()} == {
        "1": "reader", "2": "officer", "3": "reader", "5": "reader",
    }  # fmt: skip
    assert "told" in register["2"]["text"]
    (aside,) = _rows(cycle, tables.set_aside)
    assert (aside["kind"], aside["number"], aside["reason"], aside["made_by"]) == (
        "recommendation", "4", "not a recommendation", "test officer",
    )  # fmt: skip
    # the same report, read again from a new file, does not bring the breakdown back
    again = _import(cycle, REPORT + "\n", name="report-again.txt")
    assert again.still_set_aside == ("4",) and again.added == ()
    assert [r["number"] for r in _register(cycle)] == ["1", "2", "3", "5"]


def test_the_contract_refuses_what_it_cannot_store(cycle):
    with pytest.raises(BadInput, match="by_officer: '7'"):
        _import(cycle, REPORT, by_officer=[7])
    with pytest.raises(BadInput, match="set aside reason: 'wrong'"):
        _import(cycle, REPORT, set_aside=[SetAsideItem("recommendation", "1", "some text", "wrong")])
    assert _register(cycle) == []


NOTHING_NUMBERED = """Minutes of the Wessex Police and Crime Panel, 9 June 2025

Members talked about the new custody suite. The Panel wanted the Commissioner to publish its running costs.
Members thanked the officers who gave evidence.
"""


def test_a_document_the_reader_finds_nothing_in_is_stored_with_the_officers_recommendations(cycle):
    from tracker.importing.extract import NothingFound
    from tracker.services.review import REPORT, Review

    services = _services(cycle)
    try:
        document = services.imports.read(text=NOTHING_NUMBERED, name="minutes.txt")
        with pytest.raises(NothingFound) as refused:
            services.imports.preview_recommendations(document)
        review = Review(REPORT, document, refused.value.extraction)
        ask = "publish its running costs."
        start = NOTHING_NUMBERED.index(ask)
        review.add_recommendation(start, start + len(ask))
        reviewed = review.reviewed()
        result = services.imports.import_recommendations(
            "c1", document=document, extraction=reviewed.edited, by_officer=reviewed.by_officer
        )
    finally:
        services.dispose()
    assert result.added == ("1",)
    (row,) = _register(cycle)
    assert (row["origin"], row["text"]) == ("officer", ask)
    assert NOTHING_NUMBERED[row["span_start"] : row["span_end"]] == ask
    (doc,) = _rows(cycle, tables.document)
    assert doc["original"] == NOTHING_NUMBERED.encode("utf-8") and doc["id"] == row["document_id"]


def test_a_reply_with_no_answers_found_is_refused_with_what_was_read(cycle):
    from tracker.importing.audit import NoAnswersFound

    _import(cycle, REPORT)
    services = _services(cycle)
    try:
        document = services.imports.read(text="Dear Chair,\n\nThank you for your letter.\n", name="r.txt")
        with pytest.raises(NoAnswersFound, match="no replies the app can tie") as refused:
            services.imports.preview_reply("c1", document)
    finally:
        services.dispose()
    audit = refused.value.audit
    assert audit.passages == () and [(r.number, r.status) for r in audit.recommendations] == [
        (n, "missing") for n in ("1", "2", "3", "4", "5")
    ]


def test_what_the_officer_made_is_kept_even_where_its_text_was_set_aside(cycle):
    services = _services(cycle)
    try:
        document = services.imports.read(text=REPORT, name="report.txt")
        extraction = services.imports.preview_recommendations(document)
        second = extraction.recommendations[1]
        result = services.imports.import_recommendations(
            "c1",
            document=document,
            extraction=extraction,
            by_officer=[1],  # the officer took it out as read, and made it again from a selection
            set_aside=[SetAsideItem("recommendation", "2", second.text, "removed")],
        )
    finally:
        services.dispose()
    assert result.added == ("1", "2", "3", "4", "5") and result.still_set_aside == ()
    assert {r["number"]: r["origin"] for r in _register(cycle)}["2"] == "officer"


# ---- the commands ---------------------------------------------------------------------------------------
def _cli(url, capsys, *argv):
    return ok(capsys, *argv, "--db", url)


def _show(url, capsys):
    return _cli(url, capsys, "show", "c1")


def _numbers(url, capsys):
    return [r["number"] for r in _show(url, capsys)["recommendations"]]


def test_add_renumber_merge_and_remove_keep_the_register_in_number_order(cycle, capsys, tmp_path):
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    _cli(cycle, capsys, "import", "recommendations", str(tmp_path / "report.txt"), "--cycle", "c1")
    added = _cli(cycle, capsys, "recommendation", "add", "c1", "2a", "--text", "The plan should name a lead for\n"
                 "road safety.", "--subpoint", "in each district", "--addressee", "the Commissioner")  # fmt: skip
    assert (added["number"], added["origin"], added["source"]) == ("2a", "officer", None)
    assert added["text"] == "The plan should name a lead for road safety." and added["subpoints"] == [
        "in each district"
    ]
    assert _numbers(cycle, capsys) == ["1", "2", "2a", "3", "4", "5"]
    # words that stand in the report as imported are traced to it
    found = _cli(
        cycle,
        capsys,
        "recommendation",
        "add",
        "c1",
        "6",
        "--text",
        "The panel asks for a breakdown of the budget",
    )
    assert found["source"] == {"document": "report.txt", "start": REPORT.index("The panel asks"),
                               "end": REPORT.index("The panel asks") + len("The panel asks for a breakdown of the budget")}  # fmt: skip
    version = next(r["version"] for r in _show(cycle, capsys)["recommendations"] if r["number"] == "3")
    renumbered = _cli(
        cycle, capsys, "recommendation", "renumber", "c1", "3", "10", "--if-version", str(version)
    )
    assert renumbered["origin"] == "officer" and renumbered["source"]["document"] == "report.txt"
    assert _numbers(cycle, capsys) == ["1", "2", "2a", "4", "5", "6", "10"]
    merged = _cli(cycle, capsys, "recommendation", "merge", "c1", "4", "5")
    assert merged["text"].startswith("The panel asks for a breakdown") and merged["text"].endswith(
        "fire service."
    )
    _cli(cycle, capsys, "recommendation", "remove", "c1", "2", "--yes")
    assert _numbers(cycle, capsys) == ["1", "2a", "4", "6", "10"]
    aside = {(r["kind"], r["number"]) for r in _rows(cycle, tables.set_aside)}
    assert aside == {("recommendation", "5"), ("recommendation", "2")}  # read from the report: kept aside
    logged = {(c["entity_id"], c["field"]) for c in _cli(cycle, capsys, "history", "--cycle", "c1")}
    assert {("2a", "added by hand"), ("10", "number"), ("5", "merged into"), ("2", "removed")} <= logged
    # a stale version changes nothing
    code, _, err = run(
        capsys, "recommendation", "renumber", "c1", "10", "11", "--if-version", str(version), "--db", cycle
    )
    assert code == 2 and "your change was not saved" in err and _numbers(cycle, capsys)[-1] == "10"


def test_reply_set_ties_a_paper_reply_and_replaces_what_answered_before(cycle, capsys, tmp_path):
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    _cli(cycle, capsys, "import", "recommendations", str(tmp_path / "report.txt"), "--cycle", "c1")
    first = _cli(cycle, capsys, "reply", "set", "c1", "1", "--text", "I accept this and will publish it.")
    assert (first["numbers"], first["disposition"], first["origin"], first["source"]) == (
        ["1"],
        "accepted",
        "officer",
        None,
    )
    grouped = _cli(
        cycle,
        capsys,
        "reply",
        "set",
        "c1",
        "3,4",
        "--text",
        "We will consider both.",
        "--disposition",
        "noted",
    )
    assert grouped["numbers"] == ["3", "4"] and grouped["disposition"] == "noted"
    shown = _show(cycle, capsys)
    recs = {r["number"]: r for r in shown["recommendations"]}
    assert recs["3"]["grouped_with"] == ["4"] and recs["4"]["reply_status"] == "replied"
    assert recs["2"]["reply_status"] == "missing"  # a reply is recorded and says nothing of 2
    # replacing 1's answer, at the version show lists
    (passage,) = [p for p in shown["replies"] if p["numbers"] == ["1"]]
    answer_1 = ["reply", "set", "c1", "1", "--if-version"]
    code, _, err = run(capsys, *answer_1, str(passage["version"] + 1), "--text", "No.", "--db", cycle)
    assert code == 2 and "not saved" in err
    _cli(cycle, capsys, *answer_1, str(passage["version"]), "--text", "I do not accept this.")
    texts = {tuple(p["numbers"]): p["text"] for p in _show(cycle, capsys)["replies"]}
    assert texts == {("1",): "I do not accept this.", ("3", "4"): "We will consider both."}
    # 4 has no answer in the reply after all: the grouped passage answers 3 alone
    _cli(cycle, capsys, "reply", "clear", "c1", "4")
    recs = {r["number"]: r for r in _show(cycle, capsys)["recommendations"]}
    assert recs["4"]["reply_status"] == "missing" and recs["3"]["grouped_with"] == []


# ---- a later import keeps the officer's corrections -----------------------------------------------------
def test_a_corrected_report_updates_the_readers_rows_and_keeps_the_officers(cycle, capsys):
    _import(cycle, REPORT)
    _cli(cycle, capsys, "recommendation", "add", "c1", "6", "--text", "The plan should cover cyber crime.")
    _cli(cycle, capsys, "recommendation", "remove", "c1", "4", "--yes")
    _cli(cycle, capsys, "recommendation", "renumber", "c1", "5", "7")
    _cli(cycle, capsys, "recommendation", "set", "c1", "1", "--text", "Publish a rural crime strategy.")
    corrected = REPORT.replace("kept informed", "kept fully informed")
    services = _services(cycle)
    try:  # the app asks before replacing text: not of the officer's own rows, which stay as they are
        read = services.imports.preview_recommendations(services.imports.read(text=corrected, name="v2.txt"))
        assert services.imports.text_conflicts("c1", read) == ["2"]
    finally:
        services.dispose()
    result = _import(cycle, corrected, name="report-v2.txt")
    assert [(c.number, c.field) for c in result.changed] == [("2", "text")]
    assert result.added == () and result.still_set_aside == ("4",) and result.added_by_hand == ("6",)
    assert {(c.number, c.field, c.old, c.new) for c in result.kept if c.field == "number"} == {
        ("7", "number", "7", "5")
    }
    assert ("1", "text") in {(c.number, c.field) for c in result.kept}
    assert "Kept your correction of 7 number: '7' (this document reads '5')" in result.describe()
    shown = {r["number"]: r for r in _show(cycle, capsys)["recommendations"]}
    assert list(shown) == ["1", "2", "3", "6", "7"]
    assert (
        "kept fully informed" in shown["2"]["text"]
        and shown["1"]["text"] == "Publish a rural crime strategy."
    )
    assert shown["7"]["source"]["document"] == "report-v2.txt" and shown["6"]["source"] is None
    data = json.loads(json.dumps(result.as_json()))
    assert {"number": "7", "field": "number", "old": "7", "new": "5"} in data["kept"]
    assert data["still_set_aside"] == ["4"] and data["added_by_hand"] == ["6"]


def test_reimporting_a_reply_keeps_the_officers_answers_and_what_has_no_answer(cycle, capsys):
    _import(cycle, REPORT)
    services = _services(cycle)
    try:
        services.imports.import_reply("c1", document=services.imports.read(text=REPLY, name="reply.txt"))
    finally:
        services.dispose()
    _cli(cycle, capsys, "reply", "set", "c1", "2", "--text", "Victims will be called within a week.")
    _cli(cycle, capsys, "reply", "clear", "c1", "5")
    services = _services(cycle)
    try:
        again = REPLY.replace("in the summer", "in July")
        result = services.imports.import_reply(
            "c1", document=services.imports.read(text=again, name="reply-v2.txt")
        )
    finally:
        services.dispose()
    assert [(c.number, c.field) for c in result.kept] == [("2", "answer")]
    assert result.still_set_aside == ("5",) and result.missing == ("5",)
    replies = {tuple(p["numbers"]): p for p in _show(cycle, capsys)["replies"]}
    assert (
        replies[("2",)]["text"] == "Victims will be called within a week."
        and replies[("2",)]["origin"] == "officer"
    )
    assert "in July" in replies[("1",)]["text"] and replies[("4",)]["source"]["document"] == "reply-v2.txt"
    start, end = replies[("1",)]["source"]["start"], replies[("1",)]["source"]["end"]
    assert "in July" in again[start:end]


# minutes that name two recommendations in one sentence give both that sentence as their text
MINUTES = """Minutes of the Wessex Police and Crime Panel, 14 May 2025

7.
Review of rural crime

The Panel considered the six draft recommendations of its review of rural crime.

Members agreed Recommendation 1 as drafted.

With regard to Recommendations 3 and 4, the Panel asked the Commissioner to fund both the farm watch scheme
and the rural patrol vans by 30 September 2025.

RESOLVED: That the recommendations be agreed, with the changes above.
"""
BY_HAND = "The Commissioner should fund the rural patrol vans."


@pytest.mark.parametrize("corrected", ["3", "4"])
@pytest.mark.parametrize(
    "again",
    [MINUTES + "\n", MINUTES.replace("with the changes above", "with the changes minuted above")],
    ids=["the same minutes saved again", "a corrected version"],
)
def test_reimporting_minutes_keeps_a_correction_on_its_number_where_two_share_one_sentence(
    cycle, capsys, tmp_path, corrected, again
):
    other = "4" if corrected == "3" else "3"
    first = tmp_path / "minutes.txt"
    first.write_text(MINUTES, encoding="utf-8")
    _cli(cycle, capsys, "import", "recommendations", str(first), "--cycle", "c1")
    shared = {r["number"]: r["text"] for r in _show(cycle, capsys)["recommendations"]}
    assert shared["3"] == shared["4"] and shared["3"].startswith("With regard to Recommendations 3 and 4")
    _cli(cycle, capsys, "recommendation", "set", "c1", corrected, "--text", BY_HAND)
    assert _cli(cycle, capsys, "import", "recommendations", str(first), "--cycle", "c1")["unchanged"]
    copy = tmp_path / "minutes-again.txt"
    copy.write_text(again, encoding="utf-8")
    result = _cli(cycle, capsys, "import", "recommendations", str(copy), "--cycle", "c1")
    assert result["added"] == [] and result["not_added"] == [] and result["not_in_this_version"] == []
    assert [(c["number"], c["field"], c["old"]) for c in result["kept"]] == [(corrected, "text", BY_HAND)]
    shown = {r["number"]: r for r in _show(cycle, capsys)["recommendations"]}
    assert list(shown) == ["1", "3", "4"]
    assert shown[corrected]["text"] == BY_HAND and shown[corrected]["origin"] == "officer"
    assert shown[other]["text"] == shared[other] and shown[other]["origin"] == "reader"
    for number in ("3", "4"):
        assert shown[number]["source"]["document"] == "minutes-again.txt"
        assert [f["due"] for f in shown[number]["follow_ups"]] == ["2025-09-30"]


@pytest.mark.parametrize("removed", ["3", "4"])
def test_removing_one_of_two_that_share_one_sentence_leaves_the_other_in_on_reimport(
    cycle, capsys, tmp_path, removed
):
    other = "4" if removed == "3" else "3"
    first = tmp_path / "minutes.txt"
    first.write_text(MINUTES, encoding="utf-8")
    _cli(cycle, capsys, "import", "recommendations", str(first), "--cycle", "c1")
    _cli(cycle, capsys, "recommendation", "remove", "c1", removed, "--yes")
    copy = tmp_path / "minutes-again.txt"
    copy.write_text(MINUTES + "\n", encoding="utf-8")
    result = _cli(cycle, capsys, "import", "recommendations", str(copy), "--cycle", "c1")
    assert result["still_set_aside"] == [removed] and result["not_in_this_version"] == []
    shown = {r["number"]: r for r in _show(cycle, capsys)["recommendations"]}
    assert list(shown) == ["1", other] and shown[other]["source"]["document"] == "minutes-again.txt"


# ---- done when: a prose report the reader gives nothing for ----------------------------------------------
PROSE = """Wessex Police and Crime Panel
Meeting of 4 February 2025: the Commissioner's draft Police and Crime Plan

The Panel considered the draft plan at length. Members welcomed its focus on neighbourhood teams. The Panel
suggested that the plan should say how many officers each town will have by the end of the term. Members were
concerned about rural crime and asked the Commissioner to set up a farm watch scheme with the farmers' union.
The Panel also suggested that the Commissioner publish response times for each district every quarter, and
that the same figures be shown for calls to the non-emergency number.
"""

REGISTER = {
    "1": "The plan should say how many officers each town will have by the end of the term.",
    "2": "The Commissioner should set up a farm watch scheme with the farmers' union.",
    "3": "The Commissioner should publish response times for each district every quarter.",
    "4": "The same figures should be shown for calls to the non-emergency number.",
}
ANSWERS = {
    "1": "I accept this recommendation and will publish the number of officers for each town.",
    "2": "I do not accept this recommendation: a farm watch scheme already runs across the county.",
    "3,4": "I accept both recommendations: response times for each district and for the non-emergency "
    "number will be published every quarter.",
}


def test_a_prose_report_becomes_a_register_that_the_audit_the_agenda_and_the_spreadsheet_show(
    cycle, capsys, tmp_path
):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    (tmp_path / "prose.txt").write_text(PROSE, encoding="utf-8")
    # the reader proposes what it can of a prose report (at most part of it); the officer puts right what it
    # proposed and adds what it missed
    code, _, err = run(
        capsys, "import", "recommendations", str(tmp_path / "prose.txt"), "--cycle", "c1", "--db", cycle
    )
    assert code == 0 or "no recommendations" in err  # a refusal says so, and the officer types them all
    proposed = _cli(cycle, capsys, "show", "c1")["recommendations"]
    assert len(proposed) < len(REGISTER)
    for rec in proposed:
        if rec["number"] in REGISTER:
            _cli(
                cycle, capsys, "recommendation", "set", "c1", rec["number"], "--text", REGISTER[rec["number"]]
            )
        else:
            _cli(cycle, capsys, "recommendation", "remove", "c1", rec["number"], "--yes")
    kept = {rec["number"] for rec in proposed}
    for number in ("3", "1", "4", "2"):  # in any order: the register keeps number order
        if number not in kept:
            _cli(cycle, capsys, "recommendation", "add", "c1", number, "--text", REGISTER[number])
    for numbers, text in ANSWERS.items():
        _cli(cycle, capsys, "reply", "set", "c1", numbers, "--text", text)

    audit = _cli(cycle, capsys, "audit", "c1")
    assert audit["coverage"] == {"total": 4, "replied": 4, "grouped": 2, "missing": 0, "not_recorded": 0}
    rows = {r["number"]: r for r in audit["recommendations"]}
    assert list(rows) == ["1", "2", "3", "4"]
    assert rows["2"]["disposition"] == "not accepted" and rows["3"]["grouped_with"] == ["4"]

    # a reply received on paper is not in the store: the item says it is published separately, and the
    # secretariat's reading of it (every answer as recorded) is its appendix
    _cli(
        cycle, capsys, "report", "agenda", "--cycle", "c1", "--without-appendix", "--with-assessment",
        "-o", str(tmp_path / "agenda.pdf"),
    )  # fmt: skip
    agenda = " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(tmp_path / "agenda.pdf").pages
    )
    for text in (*REGISTER.values(), *ANSWERS.values()):
        assert " ".join(text.split()[:6]) in agenda, text

    _cli(cycle, capsys, "export", "xlsx", "--cycle", "c1", "-o", str(tmp_path / "register.xlsx"))
    sheet = load_workbook(tmp_path / "register.xlsx").worksheets[0]
    cells = [[str(c) if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]
    lines = [" | ".join(row) for row in cells]
    for number, text in REGISTER.items():
        (line,) = [x for x in lines if text in x]
        assert number in line.split(" | ")
    assert sum("accepted" in x for x in lines) >= 4 and any("not accepted" in x for x in lines)
    assert json.dumps(audit)  # the audit is plain JSON a script can read


def test_remove_without_yes_says_what_would_go_and_how_to_confirm(capsys, db_url):
    assert run(capsys, "demo", "--db", db_url)[0] == 0
    code, _, err = run(capsys, "recommendation", "remove", "london-2022", "6", "--db", db_url)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert 'recommendation 6 of london-2022 ("Set trust and confidence targets' in err
    assert "1 reply link and 1 follow-up" in err and "Nothing was removed" in err
    assert "tracker recommendation remove london-2022 6 --yes" in err
    shown = ok(capsys, "show", "london-2022", "--db", db_url)
    assert any(r["number"] == "6" for r in shown["recommendations"])


def test_a_replaced_answer_moves_on_a_version_so_a_second_officer_with_the_old_one_is_refused(
    cycle, capsys, tmp_path
):
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    _cli(cycle, capsys, "import", "recommendations", str(tmp_path / "report.txt"), "--cycle", "c1")
    first = _cli(cycle, capsys, "reply", "set", "c1", "2", "--text", "I accept this.")
    read = first["version"]  # both officers read this version
    answer_2 = ["reply", "set", "c1", "2", "--if-version", str(read)]
    second = _cli(cycle, capsys, *answer_2, "--text", "I accept this in part.")
    assert second["version"] > read
    (passage,) = [p for p in _show(cycle, capsys)["replies"] if p["numbers"] == ["2"]]
    assert passage["version"] == second["version"] and passage["text"] == "I accept this in part."
    # the other officer, still at the version read before, is refused and nothing changes
    code, _, err = run(capsys, *answer_2, "--text", "I do not accept this.", "--db", cycle)
    assert code == 2 and "your change was not saved" in err
    (passage,) = [p for p in _show(cycle, capsys)["replies"] if p["numbers"] == ["2"]]
    assert passage["text"] == "I accept this in part."
    # clearing at a stale version is refused too; at the current one it clears
    clear_2 = ["reply", "clear", "c1", "2", "--if-version"]
    code, _, err = run(capsys, *clear_2, str(read), "--db", cycle)
    assert code == 2 and "your change was not saved" in err
    _cli(cycle, capsys, *clear_2, str(passage["version"]))
    # an answer given again after the clear does not return to a version seen before it
    again = _cli(cycle, capsys, "reply", "set", "c1", "2", "--text", "I accept this after all.")
    assert again["version"] > passage["version"]
