"""A scanned reply in the app: the Import page offers to keep it unread for the papers, with its date, and the
Recommendations page records its answers by hand."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from tests.cli_helpers import plan_with_a_report  # noqa: E402
from tests.ui.test_app import make_window, open_page  # noqa: E402
from tests.unit.test_unread_reply import scanned_letter  # noqa: E402


@pytest.fixture
def window(qtbot, services, panel, capsys, tmp_path):
    plan_with_a_report(capsys, panel, tmp_path)
    win = make_window(qtbot, services, tmp_path)
    yield win
    win.context.runner.wait(5000)
    win.close()


def analyse_scan(qtbot, window, path):
    importer = open_page(qtbot, window, "Import")
    importer.cycle_combo.setCurrentIndex(importer.cycle_combo.findData("c1"))
    importer.kind_reply.setChecked(True)
    importer.choose_file = lambda: str(path)
    qtbot.mouseClick(importer.choose, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(importer.loaded, timeout=10000):
        qtbot.mouseClick(importer.analyse, Qt.MouseButton.LeftButton)
    return importer


def test_a_scanned_reply_is_offered_to_be_kept_unread_with_its_date(qtbot, window, services, tmp_path):
    scan = scanned_letter(tmp_path / "scan.pdf")
    importer = analyse_scan(qtbot, window, scan)
    assert "no text layer" in importer.message.text() and not importer.save.isEnabled()
    assert importer.unread_offer.isVisibleTo(importer)
    assert "Recommendations page" in importer.unread_text.text()
    assert importer.keep_unread.hasFocus()  # the choice is where the keys are
    importer.date_known.setChecked(True)
    importer.document_date.setDate(dt.date(2024, 11, 20))
    with qtbot.waitSignal(window.context.data_changed, timeout=10000):
        QTest.keyClick(importer.keep_unread, Qt.Key.Key_Space)  # the keyboard alone will do
    assert "Kept scan.pdf unread" in importer.message.text()
    assert "Record the answer" in importer.summary.text() and not importer.unread_offer.isVisibleTo(importer)
    detail = services.cycles.detail("c1", dt.date(2024, 12, 1))
    (letter,) = [d for d in detail.documents if d.kind == "reply"]
    assert letter.date == dt.date(2024, 11, 20) and letter.has_original and not detail.replies
    assert next(s for s in detail.stages if s.key == "reply").actual == dt.date(2024, 11, 20)


def test_the_offer_is_for_a_scanned_reply_only_and_can_be_put_aside(qtbot, window, tmp_path):
    scan = scanned_letter(tmp_path / "scan.pdf")
    importer = analyse_scan(qtbot, window, scan)
    qtbot.mouseClick(importer.leave_unread, Qt.MouseButton.LeftButton)
    assert not importer.unread_offer.isVisibleTo(importer)
    importer.kind_report.setChecked(True)
    with qtbot.waitSignal(importer.loaded, timeout=10000):
        qtbot.mouseClick(importer.analyse, Qt.MouseButton.LeftButton)
    assert "no text layer" in importer.message.text() and not importer.unread_offer.isVisibleTo(importer)


def test_the_answers_of_a_kept_letter_are_recorded_on_the_recommendations_page(
    qtbot, window, services, tmp_path
):
    services.imports.keep_reply_unread(
        "c1", scanned_letter(tmp_path / "scan.pdf"), document_date=dt.date(2024, 11, 20)
    )
    register = open_page(qtbot, window, "Recommendations")
    row = next(i for i, r in enumerate(register.model.rows()) if r.cycle_id == "c1" and r.number == "2")
    register.view.setCurrentIndex(register.proxy.mapFromSource(register.model.index(row, 0)))
    qtbot.waitUntil(lambda: register.grouping.text() == "2", timeout=10000)
    assert register.record_answer.isEnabled() and not register.apply_grouping.isEnabled()
    register.grouping.setText("1, 2")
    register.answer.setPlainText("Both are accepted: young people will be consulted on the measures.")
    register.disposition.setCurrentIndex(register.disposition.findData("accepted"))
    with qtbot.waitSignal(register.loaded, timeout=10000):
        qtbot.mouseClick(register.record_answer, Qt.MouseButton.LeftButton)
    assert (
        "Reply to 1, 2 recorded (accepted)" in register.message.text() and not register.answer.toPlainText()
    )
    (passage,) = services.cycles.detail("c1", dt.date(2024, 12, 1)).replies
    assert passage.covers == ("1", "2") and passage.date == dt.date(2024, 11, 20)


def test_an_answer_a_colleague_records_meanwhile_is_not_written_over(qtbot, window, services, tmp_path):
    register = open_page(qtbot, window, "Recommendations")
    row = next(i for i, r in enumerate(register.model.rows()) if r.cycle_id == "c1" and r.number == "2")
    register.view.setCurrentIndex(register.proxy.mapFromSource(register.model.index(row, 0)))
    qtbot.waitUntil(lambda: register.grouping.text() == "2", timeout=10000)
    assert not register.replies  # the officer sees no answer to 2
    services.corrections.set_reply("c1", "2", "The colleague's reading: accepted.")  # saved meanwhile
    asked = []
    register.resolve_conflict = lambda message: asked.append(message) or "theirs"
    register.answer.setPlainText("My reading: noted.")
    with qtbot.waitSignal(register.loaded, timeout=10000):
        qtbot.mouseClick(register.record_answer, Qt.MouseButton.LeftButton)
    assert asked and "has an answer now" in asked[0]
    (passage,) = services.cycles.detail("c1", dt.date(2024, 12, 1)).replies
    assert passage.text == "The colleague's reading: accepted."
