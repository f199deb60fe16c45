"""File › Back up… and File › Restore… in the window: off the GUI thread, over the services the command line
uses; a restore goes only into an empty store, and is refused with the reason otherwise."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QSettings  # noqa: E402

from tests.ui.test_app import window  # noqa: E402, F401
from ui.app import _DisplayServices  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402


def _told(backups):
    told: list[tuple[str, str]] = []
    backups.tell = lambda title, text: told.append((title, text))
    return told


def _run(qtbot, backups, action) -> str:
    with qtbot.waitSignal(backups.finished, timeout=30000) as ended:
        action.trigger()
    return ended.args[0]


def test_back_up_then_restore_into_an_empty_store_from_the_file_menu(qtbot, window, demo, tmp_path):  # noqa: F811
    from tracker.services.factory import open_services

    backups = window.actions_.backups
    assert backups.back_up in window.menuBar().actions()[0].menu().actions()
    _told(backups)
    target = tmp_path / "backup.db"
    backups.backup_path = lambda suggested: str(target)
    text = _run(qtbot, backups, backups.back_up)
    assert text.startswith("Backed up") and target.is_file()

    empty = open_services(f"sqlite:///{tmp_path / 'empty.db'}")
    other = MainWindow(
        AppContext(_DisplayServices(empty)), QSettings(str(tmp_path / "o.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(other)
    try:
        restoring = other.actions_.backups
        _told(restoring)
        restoring.restore_path = lambda: str(target)
        text = _run(qtbot, restoring, restoring.restore)
        assert text.startswith("Restored")
        assert [c.id for c in empty.cycles.list(__import__("datetime").date(2025, 1, 1))] == [
            c.id for c in demo.cycles.list(__import__("datetime").date(2025, 1, 1))
        ]
        assert len(empty.history.for_item()) == len(demo.history.for_item())
    finally:
        other.context.runner.wait(5000)
        other.close()
        empty.dispose()


def test_restore_into_a_store_that_holds_anything_is_refused_with_the_reason(qtbot, window, demo, tmp_path):  # noqa: F811
    backups = window.actions_.backups
    told = _told(backups)
    target = tmp_path / "backup.db"
    backups.backup_path = lambda suggested: str(target)
    _run(qtbot, backups, backups.back_up)
    before = len(demo.history.for_item())
    backups.restore_path = lambda: str(target)
    text = _run(qtbot, backups, backups.restore)
    assert text.startswith("Restore failed") and "only into an empty store" in text
    assert told[-1] == ("Restore", text)
    assert len(demo.history.for_item()) == before
    assert backups.restore.isEnabled() and backups.back_up.isEnabled()


def test_a_backup_never_overwrites_a_file(qtbot, window, tmp_path):  # noqa: F811
    backups = window.actions_.backups
    _told(backups)
    target = tmp_path / "taken.db"
    target.write_bytes(b"mine")
    backups.backup_path = lambda suggested: str(target)
    text = _run(qtbot, backups, backups.back_up)
    assert "already exists" in text and target.read_bytes() == b"mine"
