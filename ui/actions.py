"""The window's commands, in its menu bar: New cycle, Edit and Remove cycle, Add meeting, Import meetings,
Settings, Send reminder e-mail, Open store and the stores opened before, Print, the London example, Find, Undo and Redo, the user
guide, About. Each command loads what its dialog needs off the GUI thread, then opens the dialog
(window-modal, never blocking the event loop)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from ui.context import AppContext

RECENT_KEY = "stores/recent"
RECENT_MAX = 8


def recent_stores(settings: QSettings) -> list[str]:
    value = settings.value(RECENT_KEY) or []
    return [str(v) for v in ([value] if isinstance(value, str) else value)]


def remember_store(settings: QSettings, url: str) -> None:
    """The store first among the recent ones. A URL with a password in it is never written to the settings."""
    from tracker.persistence.urls import display_url

    if display_url(url) != url:
        return
    settings.setValue(RECENT_KEY, [url, *(u for u in recent_stores(settings) if u != url)][:RECENT_MAX])


def forget_store(settings: QSettings, url: str) -> None:
    settings.setValue(RECENT_KEY, [u for u in recent_stores(settings) if u != url])


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
        self.edit_meeting = self._action("C&hange a meeting…", self.open_edit_meeting)
        self.edit_body = self._action("Change a bo&dy…", self.open_edit_body)
        self.settings = self._action("&Settings…", self.open_settings, "Ctrl+,")
        self.example = self._action("Explore the &London example", self.explore_example)
        self.export_calendar = self._action("Export to c&alendar…", self.export_to_calendar)
        self.import_meetings = self._action("&Import meetings…", self.ask_import_meetings)
        self.send_reminder = self._action("Send reminder &e-mail now…", self.open_send_reminder)
        self.choose_calendar = self._ask_calendar_path  # replaced in tests: a file dialog would block
        self.choose_body = self._ask_body  # replaced in tests: so would a question
        self.save_path = self._ask_save_path  # replaced in tests: a file dialog would block
        self.choose_store = self._ask_store_path  # replaced in tests: a file dialog would block
        self.open_store = self._action("&Open store…", self.ask_open_store, QKeySequence.StandardKey.Open)
        self.recent_menu = QMenu("Open &recent store", window)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        self.print_report = self._action("&Print a paper…", self.print_paper, QKeySequence.StandardKey.Print)
        self.quit = self._action("&Quit", window.close, QKeySequence.StandardKey.Quit)
        # Undo and Redo act on the cycle page's date changes; that page keeps the keys (Ctrl+Z, Ctrl+Y and
        # Ctrl+Shift+Z), so here they are shown beside the commands without being claimed twice
        self.undo = self._action("&Undo", lambda: self._undo_stack() and self._undo_stack().undo())
        self.redo = self._action("&Redo", lambda: self._undo_stack() and self._undo_stack().redo())
        for action, keys in ((self.undo, QKeySequence.StandardKey.Undo), (self.redo, "Ctrl+Y")):
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.window.removeAction(action)
        self.find = self._action("&Find…", self.focus_find, QKeySequence.StandardKey.Find)
        self.user_guide = self._action(
            "&User guide", self.open_user_guide, QKeySequence.StandardKey.HelpContents
        )
        self.about = self._action("&About", self.show_about)
        menus = window.menuBar()
        file_menu = menus.addMenu("&File")
        for action in (
            self.new_cycle, self.add_meeting, self.edit_meeting, self.import_meetings, self.edit_body,
            self.settings, self.export_calendar, self.send_reminder,
        ):  # fmt: skip
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.open_store)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.print_report)
        file_menu.addSeparator()
        from ui.backup_actions import BackupActions

        self.backups = BackupActions(window, context)
        file_menu.addAction(self.backups.back_up)
        file_menu.addAction(self.backups.restore)
        file_menu.addSeparator()
        file_menu.addAction(self.example)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        self.edit_menu = menus.addMenu("&Edit")
        self.edit_menu.addAction(self.undo)
        self.edit_menu.addAction(self.redo)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find)
        self.edit_menu.aboutToShow.connect(self.update_undo)
        self.update_undo()
        cycle_menu = menus.addMenu("&Cycle")  # letters F, E, C, H: no page uses them
        cycle_menu.addAction(self.edit_cycle)
        cycle_menu.addAction(self.remove_cycle)
        help_menu = menus.addMenu("&Help")
        help_menu.addAction(self.user_guide)
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

    def open_edit_meeting(self) -> None:
        from ui.edit_dialogs import MeetingEditDialog

        self._open_edit(MeetingEditDialog, "Change a meeting", "No meeting is recorded yet: add one first.")

    def open_edit_body(self) -> None:
        from ui.edit_dialogs import BodyEditDialog

        self._open_edit(
            BodyEditDialog, "Change a body", "Add your body first, on the first-start page of the dashboard."
        )

    def _open_edit(self, dialog_class, title: str, none_yet: str) -> None:
        """Read the rows off the window's thread, then open the dialog on them (or say there are none)."""

        def opened(rows) -> None:
            if not rows:
                self.message(title, none_yet)
            else:
                self._show(dialog_class(self.context, rows, parent=self.window))

        self.context.runner.run(
            "dialog-choices",
            lambda: dialog_class.read(self.context.services),
            opened,
            lambda exc: self.message(title, str(exc)),
        )

    def open_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        self._show(SettingsDialog(self.context, parent=self.window))

    def open_send_reminder(self) -> None:
        from ui.mail_dialog import MailPassword, SendReminderDialog

        if not hasattr(self, "mail_password"):
            self.mail_password = MailPassword()  # in memory for this session only
        self._show(SendReminderDialog(self.context, self.mail_password, parent=self.window))

    def explore_example(self) -> None:
        """The London example opens in a window and a store file of its own, never in the user's store."""
        from tracker.paths import example_database_url

        if not self._start_app(["--db", example_database_url(), "--example"]):
            self.message("London example", "The example could not be started.")

    def _start_app(self, args: list[str]) -> bool:
        """Another window of the app, in a process of its own."""
        started = self.launch(sys.executable, ["-m", "ui.app", *args])
        return bool(started[0] if isinstance(started, tuple) else started)

    # ---- stores --------------------------------------------------------------------------------------
    def _ask_store_path(self) -> str:
        from PySide6.QtWidgets import QFileDialog

        return QFileDialog.getOpenFileName(
            self.window, "Open store", "", "Tracker stores (*.db *.sqlite);;All files (*)"
        )[0]

    def ask_open_store(self) -> None:
        path = self.choose_store()
        if path:
            self.switch_store(f"sqlite:///{Path(path).resolve()}")

    def switch_store(self, url: str) -> None:
        """The window closes and the app opens again on `url` (a store opened with every page reloaded,
        and migrated if it needs it, as at start-up); the store joins the recent ones."""
        if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
            self.message("Open store", f"There is no store at {url.removeprefix('sqlite:///')}.")
            forget_store(self.window.settings, url)
            return
        remember_store(self.window.settings, url)
        if self._start_app(["--db", url]):
            self.window.close()
        else:
            self.message("Open store", "The app could not be started on that store.")

    def fill_recent_menu(self) -> None:
        from tracker.persistence.urls import display_url

        self.recent_menu.clear()
        current = str(self.context.services.url)
        stores = [url for url in recent_stores(self.window.settings) if url != current]
        for number, url in enumerate(stores, start=1):
            shown = url.removeprefix("sqlite:///")
            action = self.recent_menu.addAction(f"&{number} {display_url(shown)}" if number < 10 else shown)
            action.triggered.connect(lambda _checked=False, url=url: self.switch_store(url))
        if not stores:
            self.recent_menu.addAction("No other store opened yet").setEnabled(False)
            return
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("&Clear the list", lambda: self.window.settings.remove(RECENT_KEY))

    # ---- print, undo -----------------------------------------------------------------------------------
    def print_paper(self) -> None:
        """Ctrl+P: to the Reports page, and the print dialog for the paper built there."""
        from ui.main_window import REPORTS_PAGE

        self.window.show_page(REPORTS_PAGE)
        self.window.page(REPORTS_PAGE).print_report()

    def _undo_stack(self):
        from ui.main_window import CYCLE_PAGE

        page = self.window.built_page(CYCLE_PAGE)
        return page.undo_stack if page is not None else None

    def update_undo(self) -> None:
        """The Edit menu names what Undo and Redo would do, and greys them when there is nothing to do."""
        stack = self._undo_stack()
        for action, word, can, text in (
            (self.undo, "&Undo", stack is not None and stack.canUndo(), stack and stack.undoText()),
            (self.redo, "&Redo", stack is not None and stack.canRedo(), stack and stack.redoText()),
        ):
            action.setEnabled(bool(can))
            action.setText(f"{word} {text[:1].lower()}{text[1:]}" if can and text else word)

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

    def _ask_calendar_path(self) -> str:
        from PySide6.QtWidgets import QFileDialog

        return QFileDialog.getOpenFileName(
            self.window, "Import meetings", "", "Calendar files (*.ics);;All files (*)"
        )[0]

    def _ask_body(self, bodies) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        names = [f"{b.name} ({b.id})" for b in bodies]
        chosen, ok = QInputDialog.getItem(
            self.window, "Import meetings", "Whose panel are these meetings of?", names, 0, False
        )
        return bodies[names.index(chosen)].id if ok and chosen in names else None

    def ask_import_meetings(self) -> None:
        """Meetings from an Outlook or committee-system calendar export (.ics): read and saved off the GUI
        thread; importing the same file again adds nothing, moves what moved and marks what was cancelled."""
        path = self.choose_calendar()
        if not path:
            return
        services = self.context.services

        def import_into(bodies, _cycles) -> None:
            if not bodies:
                self.message(
                    "Import meetings", "Add your body first, on the first-start page of the dashboard."
                )
                return
            body_id = bodies[0].id if len(bodies) == 1 else self.choose_body(bodies)
            if not body_id:
                return

            def work():
                from tracker.files import read_input_file

                return services.meetings.import_calendar(body_id, read_input_file(path, "file"), path)

            self.context.runner.run("import-meetings", work, self._meetings_imported, self._import_failed)

        self._with_choices(import_into)

    def _meetings_imported(self, result) -> None:
        self.context.data_changed.emit("")
        lines = [result.summary()]
        for title, items in (
            ("Moved", result.moved),
            ("Marked cancelled", result.cancelled),
            ("Left out", result.left_out),
        ):
            if items:
                lines.append(f"{title}: " + "; ".join(items[:10]) + (" …" if len(items) > 10 else ""))
        self.message("Import meetings", "\n".join(lines))

    def _import_failed(self, exc: BaseException) -> None:
        self.message("Import meetings", f"Nothing was imported: {exc}")

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

    def open_user_guide(self) -> None:
        """The guide, read off the GUI thread, in a window of its own beside the main one."""
        from tracker.paths import user_guide

        def opened(markdown: str) -> None:
            from ui.help_dialog import UserGuideDialog

            dialog = UserGuideDialog(markdown, parent=self.window)
            dialog.show()
            self.dialog_opened.emit(dialog)

        self.context.runner.run(
            "user-guide",
            user_guide,
            opened,
            lambda exc: self.message("User guide", f"The guide cannot be read: {exc}"),
        )

    def show_about(self) -> None:
        self.message(
            "About the Police and Crime Plan tracker",
            f"Police and Crime Plan tracker, version {app_version()}.\n\nStatutory deadlines, the audit of "
            "replies to recommendations, and committee papers for police and crime panels and the London "
            "Assembly Police and Crime Committee.\n\nStore: " + str(self.context.services.url_text),
        )
