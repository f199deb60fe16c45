"""The window's commands, in its menu bar: New cycle, Edit and Remove cycle, Add meeting, Settings, the
London example, Find, Undo and Redo, About. Each command loads what its dialog needs off the GUI thread,
then opens the dialog (window-modal, never blocking the event loop)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QProcess, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from ui.context import AppContext


def app_version() -> str:
    from tracker.about import package_version

    return package_version()


class AppActions(QObject):
    dialog_opened = Signal(object)  # the dialog, once it is shown (tests wait on it)
    cycle_removed = Signal(str)

    def __init__(self, window: QMainWindow, context: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        # replaceable in tests, where a modal question would block
        self.confirm = lambda title, text: (
            QMessageBox.question(self.window, title, text) == QMessageBox.StandardButton.Yes
        )
        self.message = lambda title, text: QMessageBox.information(self.window, title, text)
        self.launch = QProcess.startDetached
        self.new_cycle = self._action("&New cycle…", self.open_new_cycle, QKeySequence.StandardKey.New)
        self.edit_cycle = self._action("&Edit cycle…", self.open_edit_cycle, "Ctrl+E")
        self.remove_cycle = self._action("&Remove cycle…", self.ask_remove_cycle)
        self.add_meeting = self._action("Add &meeting…", self.open_add_meeting, "Ctrl+M")
        self.settings = self._action("&Settings…", self.open_settings, "Ctrl+,")
        self.example = self._action("Explore the &London example", self.explore_example)
        self.export_calendar = self._action("Export to c&alendar…", self.export_to_calendar)
        self.save_path = self._ask_save_path  # replaced in tests: a file dialog would block
        self.quit = self._action("&Quit", window.close, QKeySequence.StandardKey.Quit)
        self.find = self._action("&Find…", self.focus_find, QKeySequence.StandardKey.Find)
        self.about = self._action("&About", self.show_about)
        menus = window.menuBar()
        file_menu = menus.addMenu("&File")
        for action in (self.new_cycle, self.add_meeting, self.settings, self.export_calendar):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.example)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        self.edit_menu = menus.addMenu("&Edit")
        self.edit_menu.addAction(self.find)
        cycle_menu = menus.addMenu("&Cycle")  # letters F, E, C, H: no page uses them
        cycle_menu.addAction(self.edit_cycle)
        cycle_menu.addAction(self.remove_cycle)
        help_menu = menus.addMenu("&Help")
        help_menu.addAction(self.about)

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    # ---- what the commands open ----------------------------------------------------------------------
    def _with_choices(self, then) -> None:
        services, as_of = self.context.services, self.context.as_of
        self.context.runner.run(
            "dialog-choices",
            lambda: (services.bodies.list(), services.cycles.list(as_of)),
            lambda result: then(*result),
            lambda exc: self.message("Police and Crime Plan tracker", str(exc)),
        )

    def _show(self, dialog) -> None:
        dialog.setModal(True)
        dialog.open()
        self.dialog_opened.emit(dialog)

    def open_new_cycle(self) -> None:
        from ui.cycle_dialog import CycleDialog

        def opened(bodies, _cycles):
            if not bodies:
                self.message("New cycle", "Add your body first, on the first-start page of the dashboard.")
                return
            dialog = CycleDialog(self.context, bodies, parent=self.window)
            dialog.saved.connect(self.context.cycle_selected)
            self._show(dialog)

        self._with_choices(opened)

    def current_cycle(self) -> str | None:
        return self.context.current_cycle

    def open_edit_cycle(self) -> None:
        from ui.cycle_dialog import CycleDialog

        cycle_id = self.current_cycle()
        if cycle_id is None:
            self.message("Edit cycle", "Open a cycle first (double-click it on the dashboard).")
            return
        services, as_of = self.context.services, self.context.as_of
        self.context.runner.run(
            "dialog-choices",
            lambda: (services.bodies.list(), services.cycles.detail(cycle_id, as_of)),
            lambda result: self._show(
                CycleDialog(self.context, result[0], cycle=result[1], parent=self.window)
            ),
            lambda exc: self.message("Edit cycle", str(exc)),
        )

    def ask_remove_cycle(self) -> None:
        from tracker.domain.formatting import describe_counts

        cycle_id = self.current_cycle()
        if cycle_id is None:
            self.message("Remove cycle", "Open a cycle first (double-click it on the dashboard).")
            return
        cycles = self.context.services.cycles

        def ask(found) -> None:
            plan, title = found
            what = describe_counts(plan) or "nothing else"
            if not self.confirm(
                "Remove cycle",
                f"Remove “{title}” ({cycle_id}) with {what}? The change log keeps a record, but the cycle "
                "cannot be brought back.",
            ):
                return
            self.context.runner.run(
                "cycle-remove",
                lambda: cycles.remove_cycle(cycle_id),
                lambda _: self._removed(cycle_id),
                lambda exc: self.message("Remove cycle", str(exc)),
            )

        self.context.runner.run(
            "cycle-remove-plan",
            lambda: (cycles.removal_plan(cycle_id), dict(cycles.titles()).get(cycle_id, cycle_id)),
            ask,
            lambda exc: self.message("Remove cycle", str(exc)),
        )

    def _removed(self, cycle_id: str) -> None:
        self.context.current_cycle = None
        self.context.data_changed.emit("")
        self.cycle_removed.emit(cycle_id)

    def open_add_meeting(self) -> None:
        from ui.meeting_dialog import MeetingDialog

        def opened(bodies, cycles):
            if not bodies:
                self.message(
                    "Add a meeting", "Add your body first, on the first-start page of the dashboard."
                )
                return
            self._show(MeetingDialog(self.context, bodies, cycles, self.current_cycle(), parent=self.window))

        self._with_choices(opened)

    def open_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        self._show(SettingsDialog(self.context, parent=self.window))

    def explore_example(self) -> None:
        """The London example opens in a window and a store file of its own, never in the user's store."""
        from tracker.paths import example_database_url

        args = ["-m", "ui.app", "--db", example_database_url(), "--example"]
        started = self.launch(sys.executable, args)
        if isinstance(started, tuple):
            started = started[0]
        if not started:
            self.message("London example", "The example could not be started.")

    def _ask_save_path(self, suggested: str) -> str:
        from PySide6.QtWidgets import QFileDialog

        return QFileDialog.getSaveFileName(self.window, "Export to calendar", suggested, "Calendar (*.ics)")[
            0
        ]

    def export_to_calendar(self) -> None:
        """Every dated obligation, meeting and follow-up as an .ics file that Outlook or Google Calendar
        imports; exporting again updates the same events rather than adding copies."""
        path = self.save_path("tracker-deadlines.ics")
        if not path:
            return
        if not path.lower().endswith(".ics"):
            path += ".ics"
        services, as_of = self.context.services, self.context.as_of

        def work():
            from pathlib import Path

            from tracker.exports.ics import build_calendar, calendar_items
            from tracker.files import write_atomically

            items = calendar_items(services, as_of=as_of)
            organisation = services.settings.report_settings().get("organisation") or ""
            write_atomically(Path(path), build_calendar(items, organisation=str(organisation), alarm_days=7))
            return len(items)

        self.context.runner.run(
            "export-ics",
            work,
            lambda count: self.message("Export to calendar", f"Wrote {count} events to {path}."),
            lambda exc: self.message("Export to calendar", str(exc)),
        )

    def focus_find(self) -> None:
        page = self.window.stack.currentWidget()
        target = getattr(page, "search", None) or getattr(page, "find_box", None)
        if target is None:
            self.window.show_page(2)  # the register is where text is searched
            page = self.window.stack.currentWidget()
            target = getattr(page, "search", None)
        if target is not None:
            target.setFocus()
            target.selectAll()

    def show_about(self) -> None:
        self.message(
            "About the Police and Crime Plan tracker",
            f"Police and Crime Plan tracker, version {app_version()}.\n\nStatutory deadlines, the audit of "
            "replies to recommendations, and committee papers for police and crime panels and the London "
            "Assembly Police and Crime Committee.\n\nStore: " + str(self.context.services.url_text),
        )
