"""File › Back up… and File › Restore…: the same services as `tracker backup` and `tracker restore`, run off
the GUI thread. A backup is one new SQLite file, written while others keep working; a restore goes only into
an empty store and is otherwise refused with the reason (nothing is changed)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from ui.context import AppContext

FILTER = "Tracker backups (*.db);;All files (*)"


class BackupActions(QObject):
    finished = Signal(str)  # what the officer was told, once a backup or restore has ended (tests wait on it)

    def __init__(self, window: QMainWindow, context: AppContext) -> None:
        super().__init__(window)
        self.window, self.context = window, context
        # replaced in tests: file dialogs and message boxes would block
        self.backup_path = lambda suggested: QFileDialog.getSaveFileName(
            self.window, "Back up the store to", suggested, FILTER
        )[0]
        self.restore_path = lambda: QFileDialog.getOpenFileName(self.window, "Restore from", "", FILTER)[0]
        self.tell = lambda title, text: QMessageBox.information(self.window, title, text)
        self.back_up = QAction("&Back up…", window)
        self.back_up.setStatusTip("Copy the whole store, history included, to one new file")
        self.back_up.triggered.connect(self.ask_back_up)
        self.restore = QAction("Res&tore…", window)
        self.restore.setStatusTip("Copy a backup into this store, which must be empty")
        self.restore.triggered.connect(self.ask_restore)

    def ask_back_up(self) -> None:
        import datetime as dt

        path = self.backup_path(f"tracker-backup-{dt.date.today():%Y-%m-%d}.db")
        if not path:
            return
        services = self.context.services

        def work():
            from tracker.services.backup import backup

            return backup(services.uow, services.url, Path(path))

        self._run("Back up", work, lambda counts: f"Backed up {_rows(counts)} to {path}.")

    def ask_restore(self) -> None:
        path = self.restore_path()
        if not path:
            return
        services = self.context.services

        def work():
            from tracker.services.backup import restore

            return restore(services.uow, services.url, Path(path))

        def done(counts) -> str:
            self.context.data_changed.emit("")  # every page shows the restored record
            return f"Restored {_rows(counts)} from {path}."

        self._run("Restore", work, done)

    def _run(self, title: str, work, describe) -> None:
        for action in (self.back_up, self.restore):
            action.setEnabled(False)  # one at a time

        def ended(text: str) -> None:
            for action in (self.back_up, self.restore):
                action.setEnabled(True)
            self.tell(title, text)
            self.finished.emit(text)

        def failed(exc: BaseException) -> None:
            from tracker.errors import TrackerError

            reason = str(exc) if isinstance(exc, TrackerError) else f"{type(exc).__name__}: {exc}"
            ended(f"{title} failed: {reason}")

        self.context.runner.run(f"file-{title}", work, lambda counts: ended(describe(counts)), failed)


def _rows(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    return f"{total:,} row{'s' if total != 1 else ''} in {sum(1 for n in counts.values() if n)} tables"
