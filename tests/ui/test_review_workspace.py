"""The review workspace on the Import page: the text as read beside the proposed list, each item highlighted
in place, edited from the keyboard, saved once in the document's order."""

from __future__ import annotations

import dataclasses

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
