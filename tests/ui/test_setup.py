"""A panel sets up its own year in the app: the first-start page, New cycle with its date preview, Settings,
meetings, removing a cycle, and a window that fits a laptop screen with no clashing access keys."""

from __future__ import annotations

import datetime as dt
import re
import struct
import zlib
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtGui import QShortcut  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel  # noqa: E402

from tests.cli_helpers import entered_on  # noqa: E402
from tests.ui.conftest import analyse  # noqa: E402
from ui.app import _DisplayServices  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.forms import to_qdate  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.models import ObjectRole  # noqa: E402


@pytest.fixture
def window(qtbot, services, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext(_DisplayServices(services)), settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    dashboard = win.pages[0]
    qtbot.waitUntil(lambda: dashboard.first_start.isVisible() or dashboard.empty.isVisible(), timeout=10000)
    yield win
    win.context.runner.wait(5000)
    win.close()


def open_dialog(qtbot, window, action):
    with qtbot.waitSignal(window.actions_.dialog_opened, timeout=10000) as opened:
        action.trigger()
    dialog = opened.args[0]
    qtbot.addWidget(dialog)
    return dialog


def test_first_start_fills_in_the_area_and_saves_the_body(qtbot, window, services):
    start = window.pages[0].first_start
    assert start.isVisible()
    index = next(i for i in range(start.area.count()) if start.area.itemText(i).startswith("Gwent"))
    start.area.setCurrentIndex(index)
    assert start.name.text() and start.panel.text() and start.body_id.text() == "gwent"
    assert "checked" in start.source.text()
    start.members.setValue(10)
    qtbot.mouseClick(start.start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not start.isVisible(), timeout=10000)
    body = services.bodies.get("gwent")
    assert body.in_wales is True and body.members == 10
    assert window.pages[0].empty.isVisible()  # next: add a cycle


def test_first_start_shows_a_problem_beside_its_field(qtbot, window, services):
    start = window.pages[0].first_start
    start.name.setText("")
    start.body_id.setText("wessex")
    qtbot.mouseClick(start.start, Qt.MouseButton.LeftButton)
    label = start.errors.labels["--name"]
    qtbot.waitUntil(label.isVisible, timeout=10000)
    assert "is empty" in label.text()
    assert services.bodies.list() == []


def test_new_cycle_previews_its_dates_and_saves(qtbot, with_body, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext(_DisplayServices(with_body)), settings)
    qtbot.addWidget(win)
    win.show()
    dialog = open_dialog(qtbot, win, win.actions_.new_cycle)
    plan = next(i for i in range(dialog.process.count()) if dialog.process.itemData(i).id == "plan-pcc")
    dialog.process.setCurrentIndex(plan)
    # only the processes for a body outside London are offered
    assert all(dialog.process.itemData(i).area in ("pcc", "any") for i in range(dialog.process.count()))
    election = dialog.trigger_fields[0]
    assert "poll" in election.findChild(QLabel).text().lower()
    # nothing is made up: no election date until one is entered, so nothing derived and nothing to save
    assert election.date.text() == "" and election.value() is None
    assert election.date.edit.placeholderText() == "choose a date"
    qtbot.waitUntil(lambda: "Enter the dates above" in dialog.working.text(), timeout=10000)
    assert dialog.preview.rows() == [] and not dialog.save_button.isEnabled()
    qtbot.keyClicks(election.date.edit, "2/5/2024")  # typed as a form is filled in: day first
    qtbot.keyClick(election.date.edit, Qt.Key.Key_Return)
    assert election.value() == dt.date(2024, 5, 2) and election.date.text() == "2 May 2024"

    def issue_plan():
        return next((r for r in dialog.preview.rows() if r.id == "issue-plan"), None)

    qtbot.waitUntil(
        lambda: issue_plan() is not None and issue_plan().date == dt.date(2025, 3, 31), timeout=10000
    )
    assert "s.5(1)" in issue_plan().citation
    view = dialog.preview_view
    row = next(
        i
        for i in range(view.model().rowCount())
        if view.model().index(i, 0).data(ObjectRole).id == "issue-plan"
    )
    view.setCurrentIndex(view.model().index(row, 0))
    assert "31 Mar 2025" in dialog.working.text()
    assert dialog.cycle_id.text() == "wessex-plan-2024"
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save()
    assert with_body.cycles.ids() == ["wessex-plan-2024"]
    win.context.runner.wait(5000)
    win.close()


def test_new_cycle_refuses_a_bad_trigger_beside_the_date(qtbot, with_body, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext(_DisplayServices(with_body)), settings)
    qtbot.addWidget(win)
    win.show()
    dialog = open_dialog(qtbot, win, win.actions_.new_cycle)
    precept = next(i for i in range(dialog.process.count()) if dialog.process.itemData(i).id == "precept")
    dialog.process.setCurrentIndex(precept)
    dialog.trigger_fields[0].date.setDate(to_qdate(dt.date(2027, 4, 2)))
    label = dialog.trigger_fields[0].error
    qtbot.waitUntil(label.isVisible, timeout=10000)
    assert "1 April" in label.text()
    win.context.runner.wait(5000)
    win.close()


def _png(path: Path) -> Path:
    raw = b"".join(b"\x00" + b"\x20\x40\x80" * 4 for _ in range(4))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return path


def test_settings_dialog_saves_every_key_and_previews_the_logo(qtbot, window, services, tmp_path):
    dialog = open_dialog(qtbot, window, window.actions_.settings)
    qtbot.waitUntil(lambda: "organisation" in dialog.fields, timeout=10000)
    dialog.fields["organisation"].setText("Wessex Police & Crime Panel")
    dialog.fields["contact_email"].setText("panel@wessex.example")
    dialog.fields["due_soon_days"].setValue(21)
    dialog.choose_file = lambda: str(_png(tmp_path / "crest.png"))
    qtbot.mouseClick(dialog.logo_button, Qt.MouseButton.LeftButton)
    assert dialog.logo_preview.pixmap() is not None and not dialog.logo_preview.pixmap().isNull()
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save()
    values = services.settings.get_all()
    assert values["organisation"] == "Wessex Police & Crime Panel"
    assert values["due_soon_days"] == "21" and values["logo"] == "crest.png"


def test_settings_dialog_shows_a_bad_value_beside_its_field(qtbot, window, services):
    dialog = open_dialog(qtbot, window, window.actions_.settings)
    qtbot.waitUntil(lambda: "contact_email" in dialog.fields, timeout=10000)
    dialog.fields["contact_email"].setText("not an address")
    dialog.fields["organisation"].setText("Changed")
    dialog.save()
    label = dialog.errors.labels["contact_email"]
    qtbot.waitUntil(label.isVisible, timeout=10000)
    assert services.settings.get_all()["organisation"] == ""  # nothing was half saved


def test_add_a_meeting_and_remove_a_cycle_after_confirming(qtbot, with_body, tmp_path):
    with_body.cycles.create_cycle("c1", "", "plan-pcc", "wessex", triggers={"election": dt.date(2024, 5, 2)})
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext(_DisplayServices(with_body)), settings)
    qtbot.addWidget(win)
    win.show()
    win.context.cycle_selected.emit("c1")
    dialog = open_dialog(qtbot, win, win.actions_.add_meeting)
    assert dialog.cycle.currentData() == "c1"
    dialog.title_edit.setText("Police and Crime Panel")
    dialog.date.setDate(to_qdate(dt.date(2025, 2, 10)))
    qtbot.waitUntil(lambda: dialog.for_stage.findData("reply_noted") > 0, timeout=10000)
    dialog.for_stage.setCurrentIndex(dialog.for_stage.findData("reply_noted"))
    with qtbot.waitSignal(dialog.saved, timeout=10000) as saved:
        dialog.save()
    row, notes = saved.args[0]
    assert row.papers_by == dt.date(2025, 1, 31) and notes
    assert row.for_stage == "reply_noted" and with_body.meetings.list()[0].for_stage == "reply_noted"

    questions = []
    win.actions_.confirm = lambda title, text: questions.append(text) or False
    win.actions_.remove_cycle.trigger()
    qtbot.waitUntil(lambda: bool(questions), timeout=10000)
    assert "1 meeting" in questions[0]
    assert with_body.cycles.ids() == ["c1"]  # "No" keeps it
    win.actions_.confirm = lambda title, text: True
    with qtbot.waitSignal(win.actions_.cycle_removed, timeout=10000):
        win.actions_.remove_cycle.trigger()
    assert with_body.cycles.ids() == []
    win.context.runner.wait(5000)
    win.close()


def test_the_london_example_opens_in_a_store_of_its_own(window):
    launched = []
    window.actions_.launch = lambda program, args: launched.append(args) or True
    window.actions_.example.trigger()
    args = launched[0]
    assert "--example" in args and args[args.index("--db") + 1].endswith("london-example.db")


def test_every_page_fits_a_1280_by_720_screen(qtbot, window):
    for index, page in enumerate(window.pages):
        if index:
            with qtbot.waitSignal(page.loaded, timeout=10000):
                window.show_page(index)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1280 and hint.height() <= 720, (window.pages[index].title, hint)


def test_screenshots_are_the_size_they_say(tmp_path, services):
    import subprocess
    import sys

    folder = tmp_path / "shots"
    result = subprocess.run(
        [sys.executable, "-m", "ui.app", "--db", services.url, "--screenshot", str(folder)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    sizes = {QImage(str(p)).size().toTuple() for p in folder.glob("*.png")}
    assert sizes == {(1280, 800)}


def _mnemonics(widget) -> list[str]:
    letters = []
    for child in (
        widget.findChildren(QLabel) + widget.findChildren(QAbstractButton) + widget.findChildren(QGroupBox)
    ):
        text = child.title() if isinstance(child, QGroupBox) else child.text()
        match = re.search(r"&([^&\s])", text.replace("&&", ""))
        if match and "<" not in text:
            letters.append(match.group(1).lower())
    return letters


def test_no_two_controls_on_a_page_share_an_access_key(window):
    menu_letters = [re.search(r"&(.)", a.text()).group(1).lower() for a in window.menuBar().actions()]
    assert len(set(menu_letters)) == len(menu_letters)
    for page in window.pages:
        letters = _mnemonics(page) + menu_letters
        clashes = {ch for ch in letters if letters.count(ch) > 1}
        assert not clashes, (page.title, sorted(clashes))


def test_redo_answers_to_ctrl_y_and_ctrl_shift_z(window):
    cycle_page = window.pages[1]
    keys = {s.key().toString() for s in cycle_page.findChildren(QShortcut)}
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= keys
    assert window.actions_.find.shortcut().toString() == "Ctrl+F"


CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_import_preview_corrects_recommendations_and_the_date_before_saving(qtbot, import_window, with_body):
    win, importer = import_window
    analyse(qtbot, importer, CORPUS / "letter_numbered.md")
    model = importer.workspace.model
    assert model.rowCount() > 2
    first_number = importer.review.items[0].label
    second_number = importer.review.items[1].label
    assert not model.setData(model.index(0, model.COL_NUMBER), second_number)  # a duplicate is refused
    assert "already used" in importer.message.text()
    assert model.setData(model.index(0, model.COL_NUMBER), "1A")
    assert model.setData(model.index(0, model.COL_TEXT), "Corrected text & <kept> as typed")
    assert model.setData(model.index(1, model.COL_DETAIL), "first point | second point")
    importer.date_known.setChecked(True)
    importer.document_date.setDate(to_qdate(dt.date(2025, 1, 14)))
    with qtbot.waitSignal(win.context.data_changed, timeout=10000):
        qtbot.mouseClick(importer.save, Qt.MouseButton.LeftButton)
    recs = {r.number: r for r in with_body.recommendations.register("c1")}
    assert first_number not in recs and recs["1A"].text == "Corrected text & <kept> as typed"
    assert recs[second_number].subpoints == ("first point", "second point")
    stages = {s.key: s for s in with_body.cycles.detail("c1", dt.date(2026, 1, 1)).stages}
    assert stages["panel_report"].actual == dt.date(2025, 1, 14)


def test_import_asks_before_replacing_stored_recommendation_text(qtbot, import_window, with_body):
    win, importer = import_window
    analyse(qtbot, importer, CORPUS / "letter_numbered.md")
    with qtbot.waitSignal(win.context.data_changed, timeout=10000):
        qtbot.mouseClick(importer.save, Qt.MouseButton.LeftButton)
    number = importer.review.items[0].label
    stored = {r.number: r.text for r in with_body.recommendations.register("c1")}
    # the same letter again with one text corrected by hand: the store already holds other text
    analyse(qtbot, importer, CORPUS / "letter_numbered.md")
    model = importer.workspace.model
    model.setData(model.index(0, model.COL_TEXT), "A different text")
    asked = []
    importer.confirm = lambda title, text: asked.append(text) or False
    qtbot.mouseClick(importer.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    assert number in asked[0]
    qtbot.waitUntil(lambda: "Nothing was saved" in importer.message.text(), timeout=10000)
    assert {r.number: r.text for r in with_body.recommendations.register("c1")} == stored


def test_a_file_imported_as_a_report_can_still_come_in_as_the_reply(qtbot, with_body, tmp_path):
    with_body.cycles.create_cycle("c1", "", "plan-pcc", "wessex", triggers={"election": dt.date(2024, 5, 2)})
    imports = with_body.imports
    letter = CORPUS / "reply_restates.md"
    first = imports.import_reply("c1", letter)  # imported as one kind...
    assert not first.unchanged
    assert imports.import_reply("c1", letter).unchanged  # the same file as the same kind changes nothing
    as_report = imports.import_recommendations("c1", letter)  # ...and then as the other
    assert not as_report.unchanged
    kinds = sorted(d.kind for d in with_body.cycles.detail("c1", dt.date(2026, 1, 1)).documents)
    assert len(kinds) == 2 and len(set(kinds)) == 2


def test_tables_sort_soonest_first_and_numbers_in_their_natural_order(qtmodeltester):
    from tracker.services import dto
    from ui.models import ObligationTableModel, sort_key, sortable

    assert sort_key((2, "2")) < sort_key((10, "10"))  # recommendation 2 before 10
    assert sort_key(dt.date(2027, 2, 1)) < sort_key(dt.date(2027, 2, 8))
    model = ObligationTableModel()
    proxy = sortable(model)
    proxy.sort(ObligationTableModel.COL_DUE, Qt.SortOrder.AscendingOrder)
    days = [dt.date(2027, 3, 1), None, dt.date(2027, 2, 1), dt.date(2027, 2, 22)]
    from tracker.domain import Basis, DateKind, Status

    model.set_rows(
        [
            dto.ObligationRow(
                "c",
                f"r{i}",
                f"rule {i}",
                DateKind.DEADLINE,
                Basis.STATUTE,
                "",
                None,
                "",
                "",
                "",
                day,
                Status.NOT_YET_DUE,
                "",
                (),
                (),
                None,
                None,
            )  # fmt: skip
            for i, day in enumerate(days)
        ]
    )
    shown = [proxy.index(i, ObligationTableModel.COL_DUE).data() for i in range(proxy.rowCount())]
    assert shown == ["1 Feb 2027", "22 Feb 2027", "1 Mar 2027", "no date"]
    qtmodeltester.check(model)


def test_the_dashboard_lists_the_meetings_in_its_window(qtbot, with_body, tmp_path):
    with_body.cycles.create_cycle("c1", "", "plan-pcc", "wessex", triggers={"election": dt.date(2024, 5, 2)})
    soon = dt.date.today() + dt.timedelta(days=10)
    with_body.meetings.add("wessex", soon, "Panel & friends", "c1")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext(_DisplayServices(with_body)), settings)
    qtbot.addWidget(win)
    win.show()
    dashboard = win.pages[0]
    qtbot.waitUntil(lambda: dashboard.meetings_line.isVisible(), timeout=10000)
    assert (
        "Panel &amp; friends" in dashboard.meetings_line.text()
        and "papers by" in dashboard.meetings_line.text()
    )
    win.context.runner.wait(5000)
    win.close()


def test_desktop_reminders_say_what_is_overdue_and_can_be_turned_off(qtbot, with_body, tmp_path):
    from ui.reminders import TrayReminders

    with_body.cycles.create_cycle("c1", "", "plan-pcc", "wessex", triggers={"election": dt.date(2024, 5, 2)})
    entered_on(with_body.url, "c1", dt.date(2024, 5, 3))  # tracked as it ran: its missed dates are overdue
    context = AppContext(_DisplayServices(with_body))
    reminders = TrayReminders(context)
    said = []
    reminders.notify = lambda title, message: said.append((title, message))
    reminders.check()
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    assert "overdue" in said[0][0]
    with_body.settings.set("desktop_reminders", "off")
    said.clear()
    reminders.check()
    context.runner.wait(5000)
    qtbot.wait(200)
    assert said == []


def test_export_to_calendar_from_the_menu(qtbot, with_body, tmp_path):
    import icalendar

    with_body.cycles.create_cycle("c1", "", "plan-pcc", "wessex", triggers={"election": dt.date(2024, 5, 2)})
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext(_DisplayServices(with_body)), settings)
    qtbot.addWidget(win)
    win.show()
    target = tmp_path / "deadlines"
    said = []
    win.actions_.save_path = lambda suggested: str(target)
    win.actions_.message = lambda title, text: said.append(text)
    win.actions_.export_calendar.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    calendar = icalendar.Calendar.from_ical((tmp_path / "deadlines.ics").read_bytes())
    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    assert "c1.issue-plan@pcp-tracker" in uids and "events" in said[0]
    win.context.runner.wait(5000)
    win.close()


def test_a_future_date_recorded_as_happened_warns_in_the_window(qtbot, with_body, tmp_path):
    with_body.cycles.create_cycle("c1", "", "plan-pcc", "wessex", triggers={"election": dt.date(2024, 5, 2)})
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext(_DisplayServices(with_body)), settings)
    qtbot.addWidget(win)
    win.show()
    cycle = win.pages[1]
    with qtbot.waitSignal(cycle.loaded, timeout=10000):
        win.context.cycle_selected.emit("c1")
    cycle.stage_combo.setCurrentIndex(cycle.stage_combo.findData("plan_issued"))
    cycle.kind_combo.setCurrentIndex(0)
    cycle.date_edit.setDate(to_qdate(dt.date.today() + dt.timedelta(days=30)))
    with qtbot.waitSignal(cycle.loaded, timeout=10000):
        qtbot.mouseClick(cycle.save_button, Qt.MouseButton.LeftButton)
    assert "after today" in cycle.message.text()
    win.context.runner.wait(5000)
    win.close()


def test_new_cycle_tab_goes_from_the_title_to_the_trigger_dates(qtbot, with_body, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext(_DisplayServices(with_body)), settings)
    qtbot.addWidget(win)
    win.show()
    dialog = open_dialog(qtbot, win, win.actions_.new_cycle)
    dialog.show()
    dialog.activateWindow()
    dialog.title_edit.setFocus()
    qtbot.waitUntil(dialog.title_edit.hasFocus, timeout=5000)
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.trigger_fields[0].date.edit
    win.context.runner.wait(5000)
    win.close()


def test_a_step_on_an_undecided_branch_says_so_in_the_obligations_table(qtbot, with_body):
    from ui.models import ObligationTableModel

    with_body.cycles.create_cycle(
        "p", "", "precept", "wessex", triggers={"financial_year_start": dt.date(2027, 4, 1)}
    )
    model = ObligationTableModel()
    model.set_rows(with_body.cycles.obligations("p", dt.date(2027, 1, 10)))
    shown = {
        model.data(model.index(row, ObligationTableModel.COL_LABEL)): (
            model.data(model.index(row, ObligationTableModel.COL_STATUS)),
            model.data(model.index(row, ObligationTableModel.COL_STATUS), Qt.ItemDataRole.ToolTipRole),
        )
        for row in range(model.rowCount())
    }
    veto = next(label for label in shown if label.startswith("Respond to the veto"))
    assert veto.endswith("(only if: panel vetoes the proposed precept)")
    assert shown[veto][0].endswith("(if…)") and shown[veto][1].startswith("only if: panel vetoes")
    notify = next(label for label in shown if label.startswith("Notify the panel"))
    assert "(if…)" not in shown[notify][0]
