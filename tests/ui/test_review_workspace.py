"""The review workspace on the Import page: the text as read beside the proposed list, each item highlighted
in place, edited from the keyboard, saved once in the document's order."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QFont, QTextCharFormat  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from tests.ui.conftest import analyse  # noqa: E402
from tracker.importing.audit import audit_reply  # noqa: E402
from tracker.importing.extract import extract_recommendations  # noqa: E402
from tracker.importing.readers import document_from_text  # noqa: E402
from tracker.services.review import REPLY, REPORT, Review  # noqa: E402
from ui.review_workspace import ReviewWorkspace  # noqa: E402

FIVE = """Scrutiny of the draft plan: report of the Wessex Police and Crime Panel

The panel makes five recommendations.

Recommendation 1: The commissioner should publish the rural crime strategy by July.

Recommendation 2: The commissioner should set a target for answering non-emergency calls.

Recommendation 3: The commissioner should report spending on the victims' hub every quarter.

Recommendation 4: The commissioner should consult young people on the plan's priorities.

Recommendation 5: The commissioner should explain how the precept rise pays for more officers.
"""

REPLY_TEXT = """Reply of the Wessex Police and Crime Commissioner

Recommendation 1
I accept this recommendation. The strategy will be published in July.

Recommendation 2
I do not accept this recommendation: a target would distort priorities.

On the victims' hub, I accept the recommendation: spending will be reported every quarter.
"""


def select(workspace: ReviewWorkspace, words: str) -> None:
    found = workspace.text.document().find(words)
    assert found.hasSelection()
    workspace.text.setTextCursor(found)


def test_five_recommendations_are_saved_in_the_documents_order(qtbot, import_window, with_body):
    win, importer = import_window
    analyse(qtbot, importer, text=FIVE)
    model = importer.workspace.model
    shown = [model.data(model.index(row, model.COL_NUMBER)) for row in range(model.rowCount())]
    assert shown == ["1", "2", "3", "4", "5"]
    with qtbot.waitSignal(win.context.data_changed, timeout=10000):
        qtbot.mouseClick(importer.save, Qt.MouseButton.LeftButton)
    assert [r.number for r in with_body.recommendations.register("c1")] == ["1", "2", "3", "4", "5"]


def test_each_item_is_highlighted_in_place_and_choosing_one_scrolls_to_it(qtbot, import_window):
    _, importer = import_window
    analyse(qtbot, importer, text=FIVE)
    workspace = importer.workspace
    selections = workspace.text.extraSelections()
    assert [s.cursor.selectedText() for s in selections][2].startswith("Recommendation 3: The commissioner")
    shades = workspace._shades
    workspace.list.setCurrentIndex(workspace.model.index(3, 0))
    chosen = workspace.chosen_overlay()
    # the chosen one is told by weight, underline and words, not by its shade alone
    assert chosen.format.fontWeight() == QFont.Weight.Bold and chosen.format.fontUnderline()
    assert chosen.cursor.selectedText().startswith("Recommendation 4: The commissioner")
    assert all(s.format.fontWeight() != QFont.Weight.Bold for s in workspace.text.extraSelections()[:5])
    assert "Recommendation 4" in workspace.current.text()
    assert workspace.text.textCursor().position() == FIVE.index("Recommendation 4")
    # choosing another item moves the overlay only: the shades are the ones built for the last edit
    workspace.list.setCurrentIndex(workspace.model.index(1, 0))
    assert workspace.chosen_overlay().cursor.selectedText().startswith("Recommendation 2:")
    assert workspace._shades is shades
    spans = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in workspace.text.extraSelections()]
    assert spans[:5] == [
        (FIVE.index(f"Recommendation {n}"), FIVE.index(".\n", FIVE.index(f"Recommendation {n}")) + 1)
        for n in range(1, 6)
    ]
    assert len(workspace.text.extraSelections()) == 6


def test_a_selection_is_added_from_the_keyboard_split_merged_and_undone(qtbot, import_window, with_body):
    win, importer = import_window
    analyse(qtbot, importer, text=FIVE)
    workspace = importer.workspace
    select(workspace, "The panel makes five recommendations.")
    assert workspace.number.text() == "6" and workspace.add_rec.text() == "Add as rec&ommendation 6"
    workspace.text.setFocus()
    QTest.keyClick(
        workspace.text, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert [i.label for i in importer.review.items] == ["6", "1", "2", "3", "4", "5"]
    assert workspace.model.data(workspace.model.index(0, workspace.model.COL_BY)) == "officer"
    cursor = workspace.text.document().find("set a target")
    cursor.clearSelection()
    workspace.text.setTextCursor(cursor)
    QTest.keyClick(
        workspace.text, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert [i.label for i in importer.review.items] == ["6", "1", "2", "7", "3", "4", "5"]
    workspace.list.setFocus()
    workspace.list.setCurrentIndex(workspace.model.index(2, 0))
    QTest.keyClick(
        workspace.list, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert [i.label for i in importer.review.items] == ["6", "1", "2", "3", "4", "5"]
    QTest.keyClick(workspace.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(workspace.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [i.label for i in importer.review.items] == ["6", "1", "2", "3", "4", "5"]
    workspace.list.setCurrentIndex(workspace.model.index(0, 0))
    QTest.keyClick(
        workspace.list, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert [i.label for i in importer.review.items] == ["1", "2", "3", "4", "5"]
    assert importer.review.set_aside[0].reason == "not a recommendation"


def test_the_menu_on_the_text_offers_every_edit(qtbot, import_window):
    _, importer = import_window
    analyse(qtbot, importer, text=FIVE)
    workspace = importer.workspace
    select(workspace, "The panel makes five recommendations.")
    menu = workspace.text_menu(workspace.text.rect().center())
    names = [a.text().replace("&", "") for a in menu.actions()]
    assert "Add as recommendation 6" in names and "Not a recommendation" in names
    assert "This answers…" not in names  # a report has no answers
    assert next(a for a in menu.actions() if a.text() == workspace.add_rec.text()).isEnabled()


def test_a_number_used_twice_is_said_at_once_and_stops_the_save(qtbot, import_window):
    _, importer = import_window
    analyse(qtbot, importer, text=FIVE)
    workspace = importer.workspace
    select(workspace, "The panel makes five recommendations.")
    workspace.number.setText("3")
    workspace.add_recommendation()
    assert "already used" in importer.message.text() and len(importer.review.items) == 5


def test_a_reply_passage_is_tied_by_this_answers_and_saved(qtbot, import_window, with_body):
    win, importer = import_window
    analyse(qtbot, importer, text=FIVE)
    with qtbot.waitSignal(win.context.data_changed, timeout=10000):
        qtbot.mouseClick(importer.save, Qt.MouseButton.LeftButton)
    importer.kind_reply.setChecked(True)
    analyse(qtbot, importer, text=REPLY_TEXT)
    workspace = importer.workspace
    assert not workspace.add_rec.isVisible() and workspace.buttons[workspace.answers].isVisible()
    asked = []
    workspace.choose_numbers = lambda title, known, ticked: asked.append(known) or ["3"]
    select(
        workspace,
        "On the victims' hub, I accept the recommendation: spending will be reported every quarter.",
    )
    workspace.text.setFocus()
    QTest.keyClick(
        workspace.text, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert asked[0] == ("1", "2", "3", "4", "5")
    assert importer.review.items[-1].label == "3"
    assert "no answer to 4, 5" in importer.message.text()
    with qtbot.waitSignal(win.context.data_changed, timeout=10000):
        qtbot.mouseClick(importer.save, Qt.MouseButton.LeftButton)
    recs = {r.number: r for r in with_body.recommendations.register("c1")}
    assert recs["3"].disposition == "accepted" and recs["4"].disposition is None


def test_the_readers_doubts_show_in_a_column_and_a_tooltip(qtbot):
    workspace = ReviewWorkspace()
    qtbot.addWidget(workspace)
    document = document_from_text(FIVE, "five.txt")
    extraction = extract_recommendations(document)
    doubtful = dataclasses.replace(extraction.recommendations[1], flags=("numbered by the app",))
    extraction = dataclasses.replace(
        extraction, recommendations=(extraction.recommendations[0], doubtful, *extraction.recommendations[2:])
    )
    workspace.show_review(Review(REPORT, document, extraction))
    model = workspace.model
    assert model.data(model.index(1, model.COL_CHECK)) == "⚠ numbered by the app"
    assert "unsure: numbered by the app" in model.data(
        model.index(1, model.COL_TEXT), Qt.ItemDataRole.ToolTipRole
    )
    assert model.data(model.index(0, model.COL_CHECK)) == ""
    # a doubtful item is marked in the text by a dotted underline as well as its shade
    selections = workspace.text.extraSelections()
    assert selections[1].format.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    assert selections[0].format.underlineStyle() == QTextCharFormat.UnderlineStyle.NoUnderline


def test_offsets_hold_after_characters_qt_counts_twice(qtbot):
    workspace = ReviewWorkspace()
    qtbot.addWidget(workspace)
    text = REPLY_TEXT.replace("Reply of", "\U0001f46e Reply of")
    document = document_from_text(text, "reply.txt")
    workspace.show_review(Review(REPLY, document, audit_reply(document)))
    selections = workspace.text.extraSelections()
    selected = selections[0].cursor.selectedText()
    assert selected.startswith("Recommendation 1") and selected.endswith("published in July.")
    assert document.text.startswith("\U0001f46e")
    select(workspace, "I do not accept")
    assert workspace.selected_span()[0] == document.text.index("I do not accept")


# ---- what the officer removes, adds and ties, as the store keeps it -------------------------------------
def save(qtbot, win, importer) -> None:
    with qtbot.waitSignal(win.context.data_changed, timeout=10000):
        qtbot.mouseClick(importer.save, Qt.MouseButton.LeftButton)


def test_a_removed_proposal_stays_out_and_an_added_one_stays_the_officers_on_import_again(
    qtbot, import_window, with_body, tmp_path
):
    win, importer = import_window
    first = tmp_path / "five.txt"
    first.write_text(FIVE, encoding="utf-8")
    analyse(qtbot, importer, path=first)
    workspace = importer.workspace
    workspace.list.setCurrentIndex(workspace.model.index(3, 0))
    workspace.remove_item()  # the reader's recommendation 4 is not wanted
    select(workspace, "The panel makes five recommendations.")
    workspace.add_recommendation()
    assert [i.label for i in importer.review.items] == ["6", "1", "2", "3", "5"]
    save(qtbot, win, importer)
    origins = {r.number: r.origin for r in with_body.recommendations.register("c1")}
    assert origins == {"1": "reader", "2": "reader", "3": "reader", "5": "reader", "6": "officer"}
    # the same file again changes nothing
    analyse(qtbot, importer, path=first)
    assert len(importer.review.items) == 5  # the reader proposes 1 to 5 again
    save(qtbot, win, importer)
    assert "nothing changed" in importer.message.text()
    # a corrected version of it: recommendation 4 stays out, the officer's 6 stays the officer's
    second = tmp_path / "five-corrected.txt"
    second.write_text(FIVE.replace("five recommendations.", "five recommendations (corrected)."), "utf-8")
    analyse(qtbot, importer, path=second)
    save(qtbot, win, importer)
    assert "(left out again): 4" in importer.message.text()
    register = {r.number: r for r in with_body.recommendations.register("c1")}
    assert sorted(register) == ["1", "2", "3", "5", "6"]
    assert register["6"].origin == "officer" and register["6"].text == "The panel makes five recommendations."


PROSE_REPORT = """Mercia Police and Crime Panel
Minutes of the meeting of 14 October 2025: the Commissioner's draft plan

The Panel considered the draft plan for the coming four years and thanked the Commissioner's office for the briefing.

Members discussed the closure of front counters in market towns. The Panel suggested that the Commissioner keep at least one front counter open in each district until the new online service has been tried.

On road safety, members felt the plan said little about speeding in villages. The Panel asked the Commissioner to set out how community speed watch groups will be supported.

The Panel welcomed the work on violence against women and girls, and suggested that the plan name the funding given to the specialist advocates.

Finally, the Panel asked the Commissioner to report back on the number of officers in neighbourhood teams at each meeting of the Panel.
"""  # noqa: E501

ASKS = (
    "keep at least one front counter open in each district until the new online service has been tried.",
    "set out how community speed watch groups will be supported.",
    "the plan name the funding given to the specialist advocates.",
    "report back on the number of officers in neighbourhood teams at each meeting of the Panel.",
)

PROSE_REPLY = """Office of the Mercia Police and Crime Commissioner
3 November 2025

Dear Chair,

Thank you for the Panel's careful scrutiny of my draft plan.

Front counters will stay open in every district until the online service has run for a full year, and I will share the figures for its use with the Panel.

I cannot fund extra speed cameras this year, but speed watch volunteers will be given training and equipment by the roads policing unit.

Both remaining points are agreed: the final plan will state the four hundred thousand pounds a year given to the specialist advocates, and team numbers will be reported at every meeting of the Panel from January.

Yours sincerely,
The Commissioner
"""  # noqa: E501

REPLY_ANSWERS = {
    ("1",): "Front counters will stay open in every district",
    ("2",): "I cannot fund extra speed cameras this year",
    ("3", "4"): "Both remaining points are agreed",
}


def select_paragraph(workspace: ReviewWorkspace, opening: str) -> None:
    cursor = workspace.text.document().find(opening)
    assert cursor.hasSelection()
    cursor.movePosition(cursor.MoveOperation.StartOfBlock)
    cursor.movePosition(cursor.MoveOperation.EndOfBlock, cursor.MoveMode.KeepAnchor)
    workspace.text.setTextCursor(cursor)


def test_a_prose_report_the_reader_finds_nothing_in_opens_and_is_saved_from_selections(
    qtbot, import_window, with_body, tmp_path
):
    win, importer = import_window
    path = tmp_path / "mercia-minutes.txt"
    path.write_bytes(PROSE_REPORT.encode("utf-8"))
    analyse(qtbot, importer, path=path)
    workspace = importer.workspace
    assert workspace.text.toPlainText() == PROSE_REPORT and workspace.model.rowCount() == 0
    assert "found no recommendations" in importer.message.text()
    assert "Add as recommendation" in importer.message.text() and importer.message.isVisible()
    for ask in ASKS:
        select(workspace, ask)
        workspace.add_recommendation()
    assert [i.label for i in importer.review.items] == ["1", "2", "3", "4"]
    assert importer.message.isHidden()  # nothing left to put right
    save(qtbot, win, importer)
    register = with_body.recommendations.register("c1")
    assert [(r.number, r.origin) for r in register] == [(n, "officer") for n in ("1", "2", "3", "4")]
    for rec, ask in zip(register, ASKS, strict=True):
        assert rec.text == ask
        assert PROSE_REPORT[rec.source.start : rec.source.end] == ask
    (document,) = with_body.cycles.detail("c1", dt.date(2025, 12, 1)).documents
    assert with_body.cycles.stored_document(document.id).data == PROSE_REPORT.encode("utf-8")


def test_a_reply_the_reader_ties_nothing_in_is_tied_by_this_answers(qtbot, import_window, with_body):
    win, importer = import_window
    analyse(qtbot, importer, text=FIVE)
    save(qtbot, win, importer)
    importer.kind_reply.setChecked(True)
    analyse(
        qtbot, importer, text="Dear Chair,\n\nThank you for your letter.\n\nAll five are agreed in full.\n"
    )
    workspace = importer.workspace
    assert workspace.model.rowCount() == 0 and "found no answers" in importer.message.text()
    offered = []
    workspace.choose_numbers = lambda title, known, ticked: offered.append(known) or list(known)
    select(workspace, "All five are agreed in full.")
    workspace.tie_answers()
    assert offered == [("1", "2", "3", "4", "5")]
    assert importer.review.items[0].label == "1, 2, 3, 4, 5"
    save(qtbot, win, importer)
    assert {r.reply_status for r in with_body.recommendations.register("c1")} == {"replied"}


def test_this_answers_offers_the_cycles_numbers_as_ticks(qtbot):
    from ui.review_workspace import NumberPicker

    picker = NumberPicker(None, "This answers…", ("10", "2", "1"), ("2", "7"))
    qtbot.addWidget(picker)
    shown = [picker.list.item(r).text() for r in range(picker.list.count())]
    assert shown == ["Recommendation 1", "Recommendation 2", "Recommendation 10"]
    assert picker.numbers() == ["2", "7"]  # 7 is not the cycle's: it waits in the line for other numbers
    picker.tick("10")
    picker.other.clear()
    assert picker.numbers() == ["2", "10"]
    picker.list.setCurrentRow(0)
    picker.list.setFocus()
    QTest.keyClick(picker.list, Qt.Key.Key_Space)  # ticked from the keyboard
    assert picker.numbers() == ["1", "2", "10"]


def test_a_passages_disposition_is_chosen_from_a_drop_down(qtbot):
    from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem

    workspace = ReviewWorkspace()
    qtbot.addWidget(workspace)
    document = document_from_text(REPLY_TEXT, "reply.txt")
    workspace.show_review(Review(REPLY, document, audit_reply(document), known=("1", "2", "3")))
    model, delegate = workspace.model, workspace.dispositions
    index = model.index(1, model.COL_DETAIL)
    editor = delegate.createEditor(workspace.list.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(i) for i in range(editor.count())] == [
        "accepted", "partially accepted", "not accepted", "noted", "unclear",
    ]  # fmt: skip
    delegate.setEditorData(editor, index)
    assert editor.currentText() == "not accepted"  # the reader's suggestion
    editor.setCurrentText("partially accepted")
    delegate.setModelData(editor, model, index)
    assert model.data(index) == "partially accepted (changed)"
    assert workspace.review.reviewed().corrections == {1: "partially accepted"}
    # a report's sub-points are still typed
    workspace.show_review(Review(REPORT, document_from_text(FIVE), extract_recommendations(FIVE)))
    text_editor = delegate.createEditor(workspace.list.viewport(), QStyleOptionViewItem(), index)
    assert not isinstance(text_editor, QComboBox)


def test_done_when_a_prose_report_and_a_reply_tied_by_hand_make_a_register_with_nothing_missing(
    qtbot, import_window, with_body, tmp_path
):
    win, importer = import_window
    path = tmp_path / "mercia-minutes.txt"
    path.write_text(PROSE_REPORT, encoding="utf-8")
    analyse(qtbot, importer, path=path)
    workspace = importer.workspace
    for ask in ASKS:
        select(workspace, ask)
        workspace.text.setFocus()
        QTest.keyClick(
            workspace.text,
            Qt.Key.Key_R,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    save(qtbot, win, importer)
    importer.kind_reply.setChecked(True)
    reply = tmp_path / "mercia-reply.txt"
    reply.write_text(PROSE_REPLY, encoding="utf-8")
    analyse(qtbot, importer, path=reply)
    offered = []
    for numbers, opening in REPLY_ANSWERS.items():
        workspace.choose_numbers = lambda title, known, ticked, n=numbers: offered.append(known) or list(n)
        select_paragraph(workspace, opening)
        workspace.text.setFocus()
        QTest.keyClick(
            workspace.text,
            Qt.Key.Key_A,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert offered == [("1", "2", "3", "4")] * 3
    tied = {item.label: item.value.text for item in importer.review.items}
    assert list(tied) == ["1", "2", "3, 4"]
    row = next(r for r, item in enumerate(importer.review.items) if item.label == "2")
    workspace.model.setData(workspace.model.index(row, workspace.model.COL_DETAIL), "partially accepted")
    save(qtbot, win, importer)
    register = {r.number: r for r in with_body.recommendations.register("c1")}
    assert sorted(register) == ["1", "2", "3", "4"]
    assert all(r.reply_status == "replied" for r in register.values())
    assert register["3"].grouped_with == ("4",) and register["4"].grouped_with == ("3",)
    assert register["2"].disposition == "partially accepted"
    answers = {n: with_body.recommendations.replies_for(r.id)[0].text for n, r in register.items()}
    assert answers["1"].startswith("Front counters will stay open") and answers["3"] == answers["4"]
    summary = with_body.cycles.detail("c1", dt.date(2025, 12, 1)).summary
    assert (summary.coverage.total, summary.coverage.replied, summary.coverage.missing) == (4, 4, 0)
