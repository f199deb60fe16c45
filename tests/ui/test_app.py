"""The desktop app's user paths, offscreen: open the demo, change a date and see statuses move, undo it,
correct a disposition, import a reply, build a report, and get around with the keyboard alone."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from tracker.domain import Status  # noqa: E402
from ui.app import _DisplayServices  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.forms import to_qdate  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.models import CycleTableModel, ObjectRole, ObligationTableModel, RecommendationTableModel  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
D = dt.date


def make_window(qtbot, services, tmp_path) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(_DisplayServices(services)), settings)
    qtbot.addWidget(window)
    window.show()
    dashboard = window.pages[0]
    qtbot.waitUntil(
        lambda: (
            dashboard.cycles.rowCount() > 0
            or dashboard.empty.isVisible()
            or dashboard.first_start.isVisible()
        ),
        timeout=10000,
    )
    return window


@pytest.fixture
def window(qtbot, demo, tmp_path):
    win = make_window(qtbot, demo, tmp_path)
    yield win
    win.context.runner.wait(5000)
    win.close()


def page(window, title):
    return next(p for p in window.pages if p.title == title)


def open_page(qtbot, window, title):
    target = page(window, title)
    with qtbot.waitSignal(target.loaded, timeout=10000):
        window.show_page(window.pages.index(target))
    return target


def test_dashboard_shows_every_cycle_with_reply_coverage(window):
    dashboard = page(window, "Dashboard")
    rows = {s.id: s for s in dashboard.cycles.rows()}
    assert set(rows) == {"london-2013", "london-2017", "london-2022", "london-2025"}
    index = [s.id for s in dashboard.cycles.rows()].index("london-2022")
    text = dashboard.cycles.data(dashboard.cycles.index(index, CycleTableModel.COL_REPLIES))
    assert text == "16 of 16 replied, 4 grouped, 0 missing"
    assert not dashboard.empty.isVisible()


def test_as_of_date_recomputes_every_status(qtbot, window):
    dashboard = page(window, "Dashboard")
    with qtbot.waitSignal(dashboard.loaded, timeout=10000):
        dashboard.as_of.setDate(to_qdate(D(2017, 3, 1)))
    assert window.context.as_of == D(2017, 3, 1)
    due = dashboard.due.rows()
    assert due and all(r.cycle_id == "london-2017" for r in due)
    london_2017 = next(s for s in dashboard.cycles.rows() if s.id == "london-2017")
    assert london_2017.next_deadline is not None
    assert "Statuses as of 1 Mar 2017" in window.status.text()


def _obligation(cycle_page, rule_id):
    return next(o for o in cycle_page.obligations.rows() if o.rule_id == rule_id)


def test_changing_a_date_updates_statuses_and_the_dashboard_and_can_be_undone(qtbot, window):
    cycle = open_page(qtbot, window, "Cycle")
    with qtbot.waitSignal(cycle.loaded, timeout=10000):
        cycle.select_cycle("london-2025")
    assert _obligation(cycle, "response-before-issue").status is Status.NOT_RECORDED
    dashboard = page(window, "Dashboard")
    before = next(s for s in dashboard.cycles.rows() if s.id == "london-2025").not_recorded
    cycle.stage_combo.setCurrentIndex(cycle.stage_combo.findData("reply"))
    cycle.kind_combo.setCurrentIndex(0)
    cycle.date_edit.setDate(to_qdate(D(2025, 3, 27)))
    dashboard_loads = []
    dashboard.loaded.connect(lambda: dashboard_loads.append(1))
    with qtbot.waitSignal(cycle.loaded, timeout=10000):
        qtbot.mouseClick(cycle.save_button, Qt.MouseButton.LeftButton)
    assert _obligation(cycle, "response-before-issue").status is Status.MET
    assert "Saved" in cycle.message.text()
    qtbot.wait(200)
    assert dashboard_loads == []  # out of sight: not reloaded for nothing
    open_page(qtbot, window, "Dashboard")  # shown again: it reloads
    after = next(s for s in dashboard.cycles.rows() if s.id == "london-2025").not_recorded
    assert after == before - 2  # the response, and the regard it evidences (s.6(6)(d) and (e))
    open_page(qtbot, window, "Cycle")
    assert cycle.undo_button.isEnabled()
    with qtbot.waitSignal(cycle.loaded, timeout=10000):
        qtbot.mouseClick(cycle.undo_button, Qt.MouseButton.LeftButton)
    assert _obligation(cycle, "response-before-issue").status is Status.NOT_RECORDED
    reply = next(s for s in cycle.stages.rows() if s.key == "reply")
    assert reply.actual_text == "not recorded"
    with qtbot.waitSignal(cycle.loaded, timeout=10000):
        qtbot.mouseClick(cycle.redo_button, Qt.MouseButton.LeftButton)
    assert _obligation(cycle, "response-before-issue").status is Status.MET


def test_a_reply_before_the_report_is_refused_in_the_window(qtbot, window, demo):
    demo.cycles.set_stage_date("london-2025", "panel_report", D(2025, 2, 20))
    history = demo.history.for_item(cycle_id="london-2025")
    cycle = open_page(qtbot, window, "Cycle")
    with qtbot.waitSignal(cycle.loaded, timeout=10000):
        cycle.select_cycle("london-2025")
    cycle.stage_combo.setCurrentIndex(cycle.stage_combo.findData("reply"))
    cycle.date_edit.setDate(to_qdate(D(2025, 2, 1)))
    with qtbot.waitSignal(cycle.loaded, timeout=10000):
        qtbot.mouseClick(cycle.save_button, Qt.MouseButton.LeftButton)
    assert cycle.message.isVisible() and "cannot come before" in cycle.message.text()
    assert demo.history.for_item(cycle_id="london-2025") == history
    assert not cycle.undo_button.isEnabled()


def test_extension_keeps_the_original_date(qtbot, window, demo):
    cycle = open_page(qtbot, window, "Cycle")
    with qtbot.waitSignal(cycle.loaded, timeout=10000):
        cycle.select_cycle("london-2017")
    cycle.stage_combo.setCurrentIndex(cycle.stage_combo.findData("consultation_end"))
    cycle.date_edit.setDate(to_qdate(D(2017, 3, 9)))
    cycle.reason.setText("a second week asked for by boroughs")
    with qtbot.waitSignal(cycle.loaded, timeout=10000):
        qtbot.mouseClick(cycle.extend_button, Qt.MouseButton.LeftButton)
    stage = next(s for s in cycle.stages.rows() if s.key == "consultation_end")
    assert [(e.original, e.new) for e in stage.extensions] == [
        (D(2017, 2, 23), D(2017, 3, 2)),
        (D(2017, 3, 2), D(2017, 3, 9)),
    ]


def test_changing_a_disposition_shows_in_the_register_and_history(qtbot, window, demo):
    register = open_page(qtbot, window, "Recommendations")
    rows = register.model.rows()
    row = next(i for i, r in enumerate(rows) if r.cycle_id == "london-2022" and r.number == "5")
    source_index = register.model.index(row, 0)
    register.view.setCurrentIndex(register.proxy.mapFromSource(source_index))
    qtbot.waitUntil(lambda: bool(register.replies) and register.replies[0].covers == ("5",), timeout=10000)
    register.disposition.setCurrentIndex(register.disposition.findData("partially accepted"))
    with qtbot.waitSignal(register.loaded, timeout=10000):
        qtbot.mouseClick(register.apply_disposition, Qt.MouseButton.LeftButton)
    updated = next(r for r in register.model.rows() if r.cycle_id == "london-2022" and r.number == "5")
    assert updated.disposition == "partially accepted"
    changes = demo.history.for_item(entity="reply")
    assert [(c.old, c.new, c.who) for c in changes] == [("noted", "partially accepted", "test officer")]
    history = open_page(qtbot, window, "History")
    assert any(c.field == "disposition" for c in history.model.rows())


def _changed_meanwhile(qtbot, window, demo, choice, change):
    """The register open on recommendation 6 of london-2022, which a colleague then changes from another
    computer; the page's keep-mine-or-take-theirs question answered with `choice` and recorded."""
    from tracker.services.factory import open_services

    register = open_page(qtbot, window, "Recommendations")
    rows = register.model.rows()
    row = next(i for i, r in enumerate(rows) if r.cycle_id == "london-2022" and r.number == "6")
    register.view.setCurrentIndex(register.proxy.mapFromSource(register.model.index(row, 0)))
    qtbot.waitUntil(lambda: bool(register.replies) and register.replies[0].covers == ("6",), timeout=10000)
    colleague = open_services(demo.url, user="Second Officer")
    try:
        change(colleague.recommendations, register.replies[0].id)
    finally:
        colleague.dispose()
    asked: list[str] = []
    register.resolve_conflict = lambda text: asked.append(text) or choice
    return register, asked


@pytest.mark.parametrize("choice", ["theirs", "mine"])
def test_a_disposition_changed_meanwhile_by_someone_else_asks_keep_mine_or_take_theirs(
    qtbot, window, demo, choice
):

    register, asked = _changed_meanwhile(
        qtbot, window, demo, choice, lambda other, reply_id: other.set_disposition(reply_id, "noted")
    )
    register.disposition.setCurrentIndex(register.disposition.findData("partially accepted"))
    with qtbot.waitSignal(register.loaded, timeout=10000):
        qtbot.mouseClick(register.apply_disposition, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    assert "changed by Second Officer" in asked[0]
    window.context.runner.wait(5000)
    expected = "noted" if choice == "theirs" else "partially accepted"
    qtbot.waitUntil(
        lambda: (
            next(r for r in demo.recommendations.register("london-2022") if r.number == "6").disposition
            == expected
        ),
        timeout=10000,
    )


@pytest.mark.parametrize("choice", ["theirs", "mine"])
def test_a_grouping_changed_meanwhile_by_someone_else_asks_keep_mine_or_take_theirs(
    qtbot, window, demo, choice
):

    register, asked = _changed_meanwhile(
        qtbot, window, demo, choice, lambda other, reply_id: other.set_grouping(reply_id, ["6", "7"])
    )
    reply_id = register.replies[0].id
    register.grouping.setText("5, 6")
    with qtbot.waitSignal(register.loaded, timeout=10000):
        qtbot.mouseClick(register.apply_grouping, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    assert "changed by Second Officer" in asked[0]
    window.context.runner.wait(5000)
    expected = ("6", "7") if choice == "theirs" else ("5", "6")
    qtbot.waitUntil(
        lambda: _covers(demo, reply_id) == expected,
        timeout=10000,
    )


def _covers(services, reply_id: int) -> tuple[str, ...]:
    import datetime as dt

    detail = services.cycles.detail("london-2022", dt.date(2030, 1, 1))
    return next(r for r in detail.replies if r.id == reply_id).covers


def test_search_across_cycles(qtbot, window):
    register = open_page(qtbot, window, "Recommendations")
    with qtbot.waitSignal(register.loaded, timeout=10000):
        register.search.setText("fraud")
    numbers = {(r.cycle_id, r.number) for r in register.model.rows()}
    assert ("london-2022", "9") in numbers and ("london-2022", "10") in numbers
    assert all("fraud" in (r.text + r.evidence + r.theme).lower() for r in register.model.rows())


def test_import_a_pasted_reply_with_a_correction(qtbot, window, demo):
    importer = open_page(qtbot, window, "Import")
    importer.cycle_combo.setCurrentIndex(importer.cycle_combo.findData("london-2025"))
    importer.kind_reply.setChecked(True)
    importer.paste.setPlainText((CORPUS / "reply_restates.md").read_text(encoding="utf-8"))
    assert not importer.progress.isVisibleTo(importer)  # no empty progress box while nothing is read
    with qtbot.waitSignal(importer.loaded, timeout=10000):
        qtbot.mouseClick(importer.analyse, Qt.MouseButton.LeftButton)
        assert importer.progress.isVisibleTo(importer)
    assert not importer.progress.isVisibleTo(importer)
    passages = [item.value for item in importer.review.items]
    assert [p.numbers for p in passages][:3] == [("1",), ("2",), ("3", "4")]
    assert importer.save.isEnabled() and "Grouped: 3 and 4, 6 and 7" in importer.summary.text()
    eight = next(i for i, p in enumerate(passages) if p.numbers == ("8",))
    model = importer.workspace.model
    assert model.setData(model.index(eight, model.COL_DETAIL), "partially accepted")
    assert model.data(model.index(eight, model.COL_DETAIL)) == "partially accepted (changed)"
    with qtbot.waitSignal(window.context.data_changed, timeout=10000):
        qtbot.mouseClick(importer.save, Qt.MouseButton.LeftButton)
    assert "Imported" in importer.message.text()
    detail = demo.cycles.detail("london-2025", D(2026, 1, 1))
    recs = {r.number: r for r in detail.recommendations}
    assert len(recs) == 9 and recs["8"].disposition == "partially accepted"
    reply_8 = next(r for r in detail.replies if r.covers == ("8",))
    assert reply_8.disposition_overridden and reply_8.suggested_disposition == "noted"


def test_import_of_a_bad_file_says_why(qtbot, window, tmp_path):
    importer = open_page(qtbot, window, "Import")
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    importer.choose_file = lambda: str(bad)
    qtbot.mouseClick(importer.choose, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(importer.loaded, timeout=10000):
        qtbot.mouseClick(importer.analyse, Qt.MouseButton.LeftButton)
    assert "binary file" in importer.message.text() and not importer.save.isEnabled()


def test_reports_page_previews_saves_and_prints(qtbot, window, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    reports = open_page(qtbot, window, "Reports")
    reports.kind.setCurrentIndex(reports.kind.findData("audit"))
    reports.cycle.setCurrentIndex(reports.cycle.findData("london-2022"))
    with qtbot.waitSignal(reports.loaded, timeout=20000):
        qtbot.mouseClick(reports.build_button, Qt.MouseButton.LeftButton)
    assert reports.document.pageCount() >= 2
    target = tmp_path / "audit.pdf"
    reports.save_path = lambda suggested: str(target)
    qtbot.mouseClick(reports.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert reports.print_to(printer) == reports.document.pageCount()
    assert (tmp_path / "printed.pdf").stat().st_size > 1000
    # the audit's optional column: what was asked before
    assert reports.audit_box.isVisible() and "Asked before" not in _pdf_text(target.read_bytes())
    reports.asked_before.setChecked(True)
    with qtbot.waitSignal(reports.loaded, timeout=20000):
        qtbot.mouseClick(reports.build_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(reports.save_button, Qt.MouseButton.LeftButton)
    text = " ".join(_pdf_text(target.read_bytes()).split())
    assert "Asked before" in text and "london-2017 no. 6" in text


def _pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_keyboard_only_navigation(qtbot, window):
    for number in range(1, len(window.pages) + 1):
        target = window.pages[number - 1]
        with qtbot.waitSignal(target.loaded, timeout=10000):
            QTest.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.stack.currentIndex() == number - 1
    with qtbot.waitSignal(window.pages[0].loaded, timeout=10000):
        QTest.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    dashboard = window.pages[0]
    dashboard.as_of.setFocus()
    reached = set()
    for _ in range(12):
        QTest.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        reached.add(window.focusWidget())
    assert dashboard.cycle_view in reached and dashboard.due_view in reached


def test_every_control_has_an_accessible_name(window):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QDateEdit,
        QLineEdit,
        QTableView,
    )

    unnamed = []
    for page_widget in window.pages:
        for kind in (QAbstractButton, QComboBox, QDateEdit, QLineEdit, QTableView):
            for widget in page_widget.findChildren(kind):
                if widget.parent() is not None and type(widget).__name__ in ("QCalendarWidget",):
                    continue
                if isinstance(widget, QLineEdit) and isinstance(
                    widget.parent(), (QComboBox, QAbstractSpinBox)
                ):
                    continue  # the editor inside a combo or date box
                if isinstance(widget, QAbstractButton) and not widget.text():
                    continue  # a date edit's own arrow buttons
                if not widget.accessibleName() and not (
                    isinstance(widget, QAbstractButton) and widget.text()
                ):
                    unnamed.append(f"{page_widget.title}: {type(widget).__name__} {widget.objectName()}")
    assert unnamed == []


def test_statuses_are_never_colour_alone(window):
    cycle_model = ObligationTableModel()
    cycle_model.set_rows(window.context.services.cycles.obligations("london-2013", D(2014, 1, 1)))
    for row in range(cycle_model.rowCount()):
        text = cycle_model.data(cycle_model.index(row, ObligationTableModel.COL_STATUS))
        status = cycle_model.data(cycle_model.index(row, 0), ObjectRole).status
        assert str(status) in text


def test_table_models_pass_the_model_tester(qtmodeltester, demo):
    cycles = CycleTableModel()
    cycles.set_rows(demo.cycles.list(D(2017, 3, 1)))
    qtmodeltester.check(cycles)
    obligations = ObligationTableModel()
    obligations.set_rows(demo.cycles.deadlines(D(2017, 3, 1)))
    qtmodeltester.check(obligations)
    register = RecommendationTableModel()
    register.set_rows(demo.recommendations.register())
    qtmodeltester.check(register)


def test_the_london_example_window_loads_the_demo_into_its_own_store(qtbot, services, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext(_DisplayServices(services)), settings)
    qtbot.addWidget(win)
    dashboard = win.pages[0]
    dashboard.example_mode = True  # what tracker-app --example sets
    win.show()
    qtbot.waitUntil(lambda: dashboard.cycles.rowCount() == 4, timeout=10000)
    assert not dashboard.first_start.isVisible()
    win.context.runner.wait(5000)


def test_smoke_test_from_outside(db_url, tmp_path):
    from tracker.services.factory import open_services

    open_services(db_url).demo.load()
    # the user's own settings, where Qt keeps them on Linux: the checks must leave them byte for byte alone
    config = tmp_path / "config"
    own = config / "pcp-tracker" / "Police and Crime Plan tracker.conf"
    own.parent.mkdir(parents=True)
    own.write_bytes(b"[window]\npage=2\n")
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_SETTINGS"}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(config), HOME=str(tmp_path / "home"))

    def tree():
        return {str(p.relative_to(config)): p.read_bytes() for p in config.rglob("*") if p.is_file()}

    before = tree()
    result = subprocess.run(
        [sys.executable, "-m", "ui.app", "--db", db_url, "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "7 pages opened and loaded" in result.stdout
    shots = tmp_path / "shots"
    result = subprocess.run(
        [sys.executable, "-m", "ui.app", "--db", db_url, "--screenshot", str(shots)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in shots.iterdir())[0] == "01-dashboard.png"
    assert len(list(shots.iterdir())) == 7
    assert tree() == before


def test_smoke_test_reports_a_store_it_cannot_open(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "ui.app", "--db", "mysql://nowhere/x", "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "cannot open the store" in result.stderr


def test_a_stage_with_no_date_never_shows_the_date_of_the_stage_before_it(qtbot, window, demo):
    cycle = open_page(qtbot, window, "Cycle")
    with qtbot.waitSignal(cycle.loaded, timeout=10000):
        cycle.select_cycle("london-2022")
    recorded = next(s for s in cycle.stages.rows() if s.actual is not None)
    empty = next(s for s in cycle.stages.rows() if s.actual is None and s.planned is None)
    cycle.stage_combo.setCurrentIndex(cycle.stage_combo.findData(recorded.key))
    assert cycle.date_edit.date() == to_qdate(recorded.actual)
    cycle.stage_combo.setCurrentIndex(cycle.stage_combo.findData(empty.key))
    assert cycle.date_edit.text() == "" and cycle.date_edit.edit.placeholderText() == "choose a date"
    history = demo.history.for_item(cycle_id="london-2022")
    qtbot.mouseClick(cycle.save_button, Qt.MouseButton.LeftButton)
    assert "Choose the date first" in cycle.message.text()
    assert demo.history.for_item(cycle_id="london-2022") == history  # nothing was saved


def test_the_dashboard_never_says_none_open_beside_overdue_work():
    from tracker.services.dto import Coverage, CycleSummary

    def summary(overdue):
        return CycleSummary("c", "t", "plan-pcc", "plan", "b", "p", "pcc", "Final plan issued", None, None,
                            overdue, 0, Coverage(0, 0, 0, 0, 0))  # fmt: skip

    model = CycleTableModel()
    model.set_rows([summary(2), summary(0)])
    texts = [model.data(model.index(row, CycleTableModel.COL_NEXT)) for row in range(2)]
    assert texts == ["none to come; 2 overdue", "none open"]


def test_with_no_cycle_the_cycle_page_offers_nothing_to_edit(qtbot, services, tmp_path):
    win = make_window(qtbot, services, tmp_path)
    cycle = open_page(qtbot, win, "Cycle")
    assert "No cycles yet" in cycle.heading.text()
    for button in (cycle.save_button, cycle.extend_button, cycle.edit_button, cycle.remove_button):
        assert not button.isEnabled(), button.text()
    win.context.runner.wait(5000)
    win.close()


def test_the_smoke_test_fails_at_once_when_a_page_cannot_be_built(qtbot, window, capsys, monkeypatch):
    """A page missing from an install (a bundle that left a module out) fails the check with its name,
    instead of leaving the check waiting for a page that never loads."""
    from ui.app import SmokeTest

    built = window.page

    def page(index):
        if index == 2:
            raise ModuleNotFoundError("No module named 'ui.recommendations_page'")
        return built(index)

    monkeypatch.setattr(window, "page", page)
    checker = SmokeTest(window, None)
    monkeypatch.setattr(checker, "_quit", lambda: None)
    checker.start()
    qtbot.waitUntil(
        lambda: "could not be built" in capsys.readouterr().out or checker.index == 2, timeout=20000
    )
    assert checker.result == 1 and checker.index == 2


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")  # offscreen has no grabs
def test_a_date_field_with_no_date_opens_its_calendar_on_this_month(qtbot):
    from ui.forms import DateField, chosen_date

    field = DateField(name="Meeting date", allow_empty=True)
    qtbot.addWidget(field)
    field.show()
    assert chosen_date(field) is None and field.edit.placeholderText() == "choose a date"
    qtbot.keyClick(field.edit, Qt.Key.Key_F4)  # opens the calendar
    calendar = field.calendar
    assert calendar is not None and calendar.isVisible()
    assert (calendar.yearShown(), calendar.monthShown()) == (dt.date.today().year, dt.date.today().month)
    assert chosen_date(field) is None  # opening it chose nothing
    calendar.activated.emit(to_qdate(D(2024, 5, 2)))  # a day picked in the calendar
    assert field.day() == D(2024, 5, 2) and field.text() == "2 May 2024" and not calendar.isVisible()


@pytest.mark.parametrize("typed", ["2/5/2024", "02/05/2024", "2 May 2024", "2024-05-02"])
def test_a_date_is_typed_as_people_write_it(qtbot, typed):
    from ui.forms import DateField

    field = DateField(D(2020, 1, 1), name="Meeting date")
    qtbot.addWidget(field)
    field.show()
    field.edit.clear()
    with qtbot.waitSignal(field.dateChanged, timeout=1000) as changed:
        qtbot.keyClicks(field.edit, typed)
        qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert changed.args == [D(2024, 5, 2)] and field.text() == "2 May 2024"
    assert field.error.isHidden() and field.edit.accessibleDescription() == ""


def test_a_wrong_date_says_so_beside_the_field_and_keeps_the_last_good_one(qtbot):
    from ui.forms import DateField

    field = DateField(D(2024, 5, 2), name="Meeting date")
    qtbot.addWidget(field)
    field.show()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "31/2/2024")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.day() == D(2024, 5, 2) and not field.commit()
    assert field.error.isVisible() and "February 2024 has 29 days" in field.error.text()
    assert field.error.text().startswith("⚠")  # a written mark, not colour alone
    assert "February 2024 has 29 days" in field.edit.accessibleDescription()
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)  # typing again clears the message
    assert field.error.isHidden() and field.edit.accessibleDescription() == ""


def test_the_meeting_dialog_refuses_a_date_that_is_not_one(qtbot, window, monkeypatch):
    from ui.meeting_dialog import MeetingDialog

    bodies = window.context.services.bodies.list()
    dialog = MeetingDialog(window.context, bodies, [], None)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Panel")
    dialog.date.edit.setText("5/13/2025")
    runs = []
    monkeypatch.setattr(window.context.runner, "run", lambda *args, **kwargs: runs.append(args))
    dialog.save()
    assert runs == [] and "no month 13" in dialog.date.error.text()
    dialog.date.edit.setText("13/5/2025")
    dialog.save()
    assert len(runs) == 1 and dialog.date.day() == D(2025, 5, 13)


def test_the_suite_never_reaches_the_users_own_settings(_settings_of_their_own):
    from pathlib import Path as P

    from PySide6.QtCore import QCoreApplication

    QCoreApplication.setOrganizationName("pcp-tracker")
    own = QSettings()  # what the app would open as the user's settings
    assert P(own.fileName()).is_relative_to(_settings_of_their_own)
    assert P(os.environ["TRACKER_SETTINGS"]).parent != P.home()  # and what tracker-app runs in a test reads
