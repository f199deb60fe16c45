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


@pytest.fixture
def with_body(services):
    """A store with one body, Wessex, and nothing else."""
    services.bodies.add(
        "wessex", name="Wessex Police and Crime Commissioner", kind="pcc", area="Wessex", members=12
    )
    return services


@pytest.fixture
def import_window(qtbot, with_body, tmp_path):
    """The main window on the Import page, a cycle "c1" of Wessex chosen to import into."""
    import datetime as dt

    from PySide6.QtCore import QSettings

    from ui.app import _DisplayServices
    from ui.context import AppContext
    from ui.main_window import MainWindow

    with_body.cycles.create_cycle("c1", "", "plan-pcc", "wessex", triggers={"election": dt.date(2024, 5, 2)})
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext(_DisplayServices(with_body)), settings)
    qtbot.addWidget(win)
    win.show()
    importer = win.pages[3]
    with qtbot.waitSignal(importer.loaded, timeout=10000):
        win.show_page(3)
    importer.cycle_combo.setCurrentIndex(importer.cycle_combo.findData("c1"))
    yield win, importer
    win.context.runner.wait(5000)
    win.close()


def analyse(qtbot, importer, path=None, text: str | None = None) -> None:
    """Choose a file (or paste text) on the Import page, press Analyse, wait for what the reader proposed."""
    from PySide6.QtCore import Qt

    if path is not None:
        importer.choose_file = lambda: str(path)
        qtbot.mouseClick(importer.choose, Qt.MouseButton.LeftButton)
    else:
        importer.paste.setPlainText(text)
    importer.context.runner.wait(5000)  # a reload after the last save must not be taken for the analysis
    qtbot.waitUntil(lambda: importer.context.runner.pending == 0, timeout=10000)
    qtbot.mouseClick(importer.analyse, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: importer.result is not None and importer.save.isEnabled(), timeout=10000)
