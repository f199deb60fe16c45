"""UI tests: garbage is collected on the GUI thread only, between tests, as the app itself does (see
ui.workers.MainThreadCollector): a collection on a worker thread could free Qt objects of an earlier test."""

from __future__ import annotations

import gc

import pytest


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
