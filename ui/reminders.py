"""Desktop reminders: on start and once a day while the app is open, what is overdue and due soon, as a
notification from the system tray. A setting on this computer turns them off."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, QTimer, Signal

DAY_MS = 24 * 60 * 60 * 1000


class TrayReminders(QObject):
    shown = Signal(str, str)  # title, message: what the notification said (tests and the status bar listen)

    def __init__(self, context, icon=None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QSystemTrayIcon

        self.context = context
        self.tray = None
        if QSystemTrayIcon.isSystemTrayAvailable() and icon is not None:
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("Police and Crime Plan tracker")
            self.tray.show()
        self.notify = self._notify  # replaced in tests
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(DAY_MS)

    def start(self, delay_ms: int = 3000) -> None:
        QTimer.singleShot(delay_ms, self.check)

    def check(self) -> None:
        services, today = self.context.services, dt.date.today()

        def work():
            if services.settings.get_all().get("desktop_reminders", "on") == "off":
                return None
            from tracker.services.reminders import build_digest

            return build_digest(services, today)

        self.context.runner.run("tray-reminder", work, self._show, lambda exc: None)

    def _show(self, digest) -> None:
        if digest is None or not (digest.overdue or digest.due_soon or digest.meetings):
            return
        lines = [line for line in digest.text.splitlines() if line.strip()][1:6]
        self.notify(digest.subject, "\n".join(lines))

    def _notify(self, title: str, message: str) -> None:
        if self.tray is not None:
            from PySide6.QtWidgets import QSystemTrayIcon

            self.tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, 15000)
        self.shown.emit(title, message)
