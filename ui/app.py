"""`tracker-app`: the composition root. It opens (and migrates) the store before the first window, builds the
services from the core's factory, and injects them into the window.

    tracker-app [--db URL] [--smoke-test] [--screenshot DIR] [--exit-when-ready]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from tracker.about import add_version_option


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="tracker-app", description="Police and Crime Plan tracker")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="SQLAlchemy URL (default: TRACKER_DB, else the SQLite file in the user data folder)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open every page, wait for its data, exit 0 (or non-zero with the reason)",
    )
    parser.add_argument(
        "--screenshot", metavar="DIR", help="like --smoke-test at 1280x800, saving a PNG per page"
    )
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="exit as soon as the dashboard has its data (for start-up timing)",
    )
    parser.add_argument(
        "--example",
        action="store_true",
        help="the London example: load the demo cycles into this store on first start",
    )
    add_version_option(parser)
    return parser.parse_args(argv)


class _DisplayServices:
    """The services with a printable store name (passwords hidden) for the status bar."""

    def __init__(self, services) -> None:
        from tracker.persistence.urls import display_url

        self._services = services
        self.url_text = display_url(services.url)

    def __getattr__(self, name):
        return getattr(self._services, name)


def main(argv: list[str] | None = None) -> int:
    # Automatic collection is off for the whole run (see MainThreadCollector): turned off here, before the
    # imports, it no longer scans the hundreds of thousands of objects that start-up creates and keeps.
    gc.disable()
    args = parse(sys.argv[1:] if argv is None else argv)
    if (
        (args.smoke_test or args.screenshot)
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # checks from outside run without a desktop
    # The store first: SQLAlchemy and the services import faster before PySide6 is loaded, and a store that
    # cannot be opened is known before any window exists.
    from tracker.errors import TrackerError
    from tracker.reports.wording import WordingError, wording
    from tracker.services.factory import open_services

    failure = None
    try:
        wording()  # the papers' wording, checked before any window: a typo names its key
        services = open_services(args.db)  # migrates after a backup, before any window exists
    except WordingError as exc:
        failure = f"cannot start: {exc}"
    except TrackerError as exc:
        failure = f"cannot open the store: {exc}"
    except Exception as exc:  # an unreachable server, a locked or damaged file
        failure = f"cannot open the store: {exc.__class__.__name__}: {exc}"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv[:1])
    _log_unexpected_errors(args, QMessageBox)
    app.setOrganizationName("pcp-tracker")
    from PySide6.QtGui import QIcon

    from tracker.paths import resource

    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addFile(str(resource("icons", f"pcp-tracker-{size}.png")))
    app.setWindowIcon(icon)
    app.setDesktopFileName("org.pcptracker.Tracker")  # the desktop entry (its file name), for Wayland
    app.setApplicationName("Police and Crime Plan tracker")
    if failure is not None:
        return _fail(args, failure, QMessageBox)
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.workers import MainThreadCollector

    collector = MainThreadCollector(parent=app)  # garbage is collected on the GUI thread only  # noqa: F841

    settings = user_settings(args)
    context = AppContext(_DisplayServices(services))
    window = MainWindow(context, settings)
    if args.example:
        window.page(0).example_mode = True
        window.setWindowTitle("Police and Crime Plan tracker: the London example (a store of its own)")
    if args.smoke_test or args.screenshot:
        window.resize(1280, 800)
        window.show()
        checker = SmokeTest(window, Path(args.screenshot) if args.screenshot else None)
        QTimer.singleShot(0, checker.start)
        code = app.exec()
        services.dispose()
        return code if code else checker.result
    window.show()
    from ui.reminders import TrayReminders

    reminders = TrayReminders(context, window.windowIcon() if not window.windowIcon().isNull() else None, app)
    if not args.exit_when_ready:
        reminders.start()
    reminders.shown.connect(lambda title, _message: window.statusBar().showMessage(title, 30000))
    if args.exit_when_ready:  # whatever page was open last time, wait for the dashboard's data
        dashboard = window.page(0)
        dashboard.loaded.connect(lambda: QTimer.singleShot(0, app.quit))
        if window.stack.currentIndex() != 0:
            window.show_page(0)  # else its first load, asked for when the window opened, is still to come
    code = app.exec()
    services.dispose()
    return code


def keep_settings_in(folder: str) -> None:
    """Every QSettings() made from now on, user or system, reads and writes `folder`."""
    from PySide6.QtCore import QSettings

    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(kind, scope, folder)


def user_settings(args):
    """The window's settings. TRACKER_SETTINGS names a file of them (portable use); otherwise they are the
    user's own, except for the checks from outside (--smoke-test, --screenshot, --exit-when-ready), which get
    a throwaway folder: a check must not leave "last page: History" behind in the user's settings."""
    from PySide6.QtCore import QSettings

    settings_path = os.environ.get("TRACKER_SETTINGS")
    if not settings_path and (args.smoke_test or args.screenshot or args.exit_when_ready):
        import atexit
        import shutil
        import tempfile

        scratch = tempfile.mkdtemp(prefix="tracker-app-check-")
        atexit.register(shutil.rmtree, scratch, True)
        keep_settings_in(scratch)  # whatever else asks for settings lands there too
        settings_path = str(Path(scratch) / "settings.ini")
    return QSettings(settings_path, QSettings.Format.IniFormat) if settings_path else QSettings()


def _log_unexpected_errors(args, message_box) -> None:
    """An error nobody foresaw goes to the log file with its traceback; the user sees one line naming it."""
    from tracker.logs import record_unexpected

    def hook(kind, exc, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        exc.__traceback__ = tb
        line = record_unexpected("tracker-app", exc)
        print(line, file=sys.stderr)
        if not (args.smoke_test or args.screenshot or args.exit_when_ready):
            message_box.critical(None, "Police and Crime Plan tracker", line)

    sys.excepthook = hook


def _fail(args, message: str, message_box) -> int:
    print(f"tracker-app: {message}", file=sys.stderr)
    if not (args.smoke_test or args.screenshot or args.exit_when_ready):
        message_box.critical(None, "Police and Crime Plan tracker", message)
    return 2


class SmokeTest:
    """Opens every page in turn, waits for its data to arrive (its `loaded` signal), and quits."""

    TIMEOUT_MS = 30000

    def __init__(self, window, folder: Path | None) -> None:
        self.window = window
        self.folder = folder
        self.index = -1
        self.result = 1
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)

    def start(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._timed_out)
        self._next()

    def _next(self) -> None:
        self.index += 1
        count = self.window.nav.count()
        if self.index >= count:
            self.result = 0
            print(f"smoke test: {count} pages opened and loaded")
            self._quit()
            return
        self.timer.start(self.TIMEOUT_MS)  # first: a page that cannot even be built must not hang the check
        try:
            page = self.window.page(self.index)
        except Exception as exc:  # a page missing from a bundle, say: the check fails at once, and says which
            print(f"smoke test: page {self.index + 1} could not be built: {exc.__class__.__name__}: {exc}")
            self.timer.stop()
            self._quit()
            return
        page.loaded.connect(self._page_loaded)
        if self.index == self.window.stack.currentIndex() and page.loads == 0:
            return  # the page on show when the window opened: its first load is on its way, not asked again
        self.window.show_page(self.index)  # shows the page and loads it (reloads it if already on show)

    def _page_loaded(self) -> None:
        from PySide6.QtCore import QTimer

        page = self.window.page(self.index)
        page.loaded.disconnect(self._page_loaded)
        self.timer.stop()
        if self.folder is not None:
            QTimer.singleShot(150, lambda: self._shoot(page))
        else:
            QTimer.singleShot(0, self._next)

    def _shoot(self, page) -> None:
        name = f"{self.index + 1:02d}-{page.title.lower()}.png"
        self.window.grab().save(str(self.folder / name))
        self._next()

    def _timed_out(self) -> None:
        page = self.window.page(self.index)
        print(
            f"smoke test: the {page.title} page did not load within {self.TIMEOUT_MS // 1000} s",
            file=sys.stderr,
        )
        self.result = 3
        self._quit()

    def _quit(self) -> None:
        from PySide6.QtWidgets import QApplication

        self.window.context.runner.wait(10000)
        QApplication.instance().exit(self.result)


if __name__ == "__main__":
    raise SystemExit(main())
