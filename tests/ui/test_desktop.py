"""What makes the app behave like the other desktop apps on an officer's machine: a document dropped on the
window, Print (Ctrl+P), File › Open store and the stores opened before, Undo and Redo in the Edit menu."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDropEvent  # noqa: E402

from tests.ui import test_app  # noqa: E402
from tests.ui.test_app import open_page  # noqa: E402
from ui.actions import recent_stores, remember_store  # noqa: E402
from ui.main_window import CYCLE_PAGE, IMPORT_PAGE, REPORTS_PAGE  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
window = test_app.window  # the fixture: the main window on the demo store


def drop(window, *paths: Path) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(300, 300),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    return event


def test_a_document_dropped_on_the_window_opens_on_the_import_page(qtbot, window):
    letter = CORPUS / "letter_numbered.md"
    event = drop(window, letter)
    assert event.isAccepted()
    assert window.stack.currentIndex() == IMPORT_PAGE
    importer = window.page(IMPORT_PAGE)
    assert importer.path == str(letter) and str(letter) in importer.file_label.text()


def test_what_the_import_page_cannot_read_is_not_taken(qtbot, window, tmp_path):
    program = tmp_path / "setup.exe"
    program.write_bytes(b"MZ")
    assert window.dropped_document(drop_mime(program)) is None
    assert (
        window.dropped_document(drop_mime(CORPUS / "letter_numbered.md", CORPUS / "reply_table.txt")) is None
    )
    event = drop(window, program)
    assert not event.isAccepted() and window.stack.currentIndex() != IMPORT_PAGE


def drop_mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_ctrl_p_prints_the_paper_through_the_print_dialog(qtbot, window, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    assert window.actions_.print_report.shortcut().toString() == "Ctrl+P"
    reports = window.page(REPORTS_PAGE)
    asked = []
    reports.print_dialog = lambda: asked.append(True)
    window.actions_.print_report.trigger()
    assert window.stack.currentIndex() == REPORTS_PAGE
    assert asked == [] and "Build a paper first" in reports.message.text()
    qtbot.waitUntil(lambda: reports.cycle.findData("london-2022") >= 0, timeout=10000)
    reports.kind.setCurrentIndex(reports.kind.findData("audit"))
    reports.cycle.setCurrentIndex(reports.cycle.findData("london-2022"))
    with qtbot.waitSignal(reports.loaded, timeout=20000):
        reports.build_report()
    window.actions_.print_report.trigger()
    assert asked == [True]
    # what the dialog hands back: the pages chosen in it, drawn from the PDF into the printer
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "one-page.pdf"))
    printer.setFromTo(1, 1)
    assert reports.document.pageCount() >= 1 and reports.print_to(printer) == 1
    from pypdf import PdfReader

    assert len(PdfReader(tmp_path / "one-page.pdf").pages) == 1


def test_open_store_restarts_the_app_on_it_and_keeps_it_among_the_recent(qtbot, window, tmp_path):
    from tracker.services.factory import open_services

    other = tmp_path / "other.db"
    open_services(f"sqlite:///{other}").dispose()
    launched = []
    window.actions_.launch = lambda program, args: launched.append(args) or True
    window.actions_.choose_store = lambda: str(other)
    window.actions_.open_store.trigger()
    url = f"sqlite:///{other.resolve()}"
    assert launched == [["-m", "ui.app", "--db", url]]
    assert not window.isVisible()
    current = str(window.context.services.url)
    assert recent_stores(window.settings)[:2] == [url, current]
    window.actions_.fill_recent_menu()
    texts = [a.text() for a in window.actions_.recent_menu.actions()]
    assert texts[0] == f"&1 {other.resolve()}" and all(current not in t for t in texts)


def test_a_recent_store_that_is_gone_is_said_and_forgotten(qtbot, window, tmp_path):
    gone = f"sqlite:///{tmp_path / 'gone.db'}"
    remember_store(window.settings, gone)
    said = []
    window.actions_.message = lambda title, text: said.append(text)
    window.actions_.launch = lambda program, args: pytest.fail("nothing to open")
    window.actions_.switch_store(gone)
    assert "There is no store" in said[0] and gone not in recent_stores(window.settings)


def test_a_store_url_with_a_password_is_never_written_to_the_settings(tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    remember_store(settings, "postgresql+psycopg://clerk:secret@db.example/tracker")
    remember_store(settings, "postgresql+psycopg://clerk@db.example/tracker")
    settings.sync()
    assert recent_stores(settings) == ["postgresql+psycopg://clerk@db.example/tracker"]
    assert "secret" not in (tmp_path / "s.ini").read_text()


def test_undo_and_redo_in_the_edit_menu_name_the_date_change(qtbot, window):
    actions = window.actions_
    actions.update_undo()
    assert not actions.undo.isEnabled() and actions.undo.text() == "&Undo"
    assert actions.undo.shortcut().toString() == "Ctrl+Z" and actions.redo.shortcut().toString() == "Ctrl+Y"
    cycle = open_page(qtbot, window, "Cycle")
    with qtbot.waitSignal(cycle.loaded, timeout=10000):
        cycle.select_cycle("london-2025")
    cycle.stage_combo.setCurrentIndex(cycle.stage_combo.findData("reply"))
    cycle.kind_combo.setCurrentIndex(0)
    cycle.date_edit.setDate(dt.date(2025, 3, 27))
    with qtbot.waitSignal(cycle.loaded, timeout=10000):
        cycle.save_date()
    window.show_page(0)
    actions.update_undo()
    assert (
        actions.undo.isEnabled() and actions.undo.text().startswith("&Undo ") and len(actions.undo.text()) > 6
    )
    stack = window.built_page(CYCLE_PAGE).undo_stack
    actions.undo.trigger()  # from another page: the cycle page's stack, and the store, go back
    assert stack.index() == 0
    window.context.runner.wait(5000)
    qtbot.waitUntil(lambda: window.context.runner.pending == 0, timeout=10000)
    stages = window.context.services.cycles.detail("london-2025", dt.date(2025, 4, 1)).stages
    assert next(s for s in stages if s.key == "reply").actual is None
    actions.update_undo()
    assert actions.redo.isEnabled() and not actions.undo.isEnabled()
    actions.redo.trigger()
    assert stack.index() == 1
    window.context.runner.wait(5000)
