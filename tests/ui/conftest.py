"""UI tests: garbage is collected on the GUI thread only, between tests, as the app itself does (see
ui.workers.MainThreadCollector): a collection on a worker thread could free Qt objects of an earlier test."""

from __future__ import annotations

import gc

import pytest


@pytest.fixture(autouse=True, scope="session")
def _settings_of_their_own(qapp, tmp_path_factory):
    """QSettings() made in a test reads and writes a temp folder, never the user's own settings."""
    from ui.app import keep_settings_in

    folder = str(tmp_path_factory.mktemp("qsettings"))
    keep_settings_in(folder)
    return folder


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread(qapp):
    gc.collect()
    gc.disable()
    yield
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(5000)
    qapp.processEvents()
    gc.enable()
    gc.collect()
