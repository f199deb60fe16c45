"""The main window: a page list on the left, the pages on the right. Wiring only."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from ui.actions import AppActions, remember_store
from ui.context import AppContext, Page

# adding a page is one line here: its title, and the module and class that build it. A page is imported
# and built on its first visit, so the window opens with the dashboard alone.
PAGES: tuple[tuple[str, str, str], ...] = (
    ("Dashboard", "ui.dashboard", "DashboardPage"),
    ("Cycle", "ui.cycle_page", "CyclePage"),
    ("Recommendations", "ui.recommendations_page", "RecommendationsPage"),
    ("Import", "ui.import_page", "ImportPage"),
    ("Reports", "ui.reports_page", "ReportsPage"),
    ("History", "ui.history_page", "HistoryPage"),
    ("Analytics", "ui.analytics_page", "AnalyticsPage"),
)
CYCLE_PAGE, IMPORT_PAGE, REPORTS_PAGE = 1, 3, 4


def page_type(index: int) -> type[Page]:
    from importlib import import_module

    _title, module, name = PAGES[index]
    return getattr(import_module(module), name)


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, settings: QSettings) -> None:
        super().__init__()
        self.context = context
        self.settings = settings
        self.setWindowTitle("Police and Crime Plan tracker")
        self._pages: list[Page | None] = [None] * len(PAGES)
        self.nav = QListWidget()
        self.nav.setAccessibleName("Pages")
        self.nav.setFixedWidth(200)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet(
            "QListWidget { border: none; background: #1f2a37; color: #e5e9f0; font-size: 11pt; padding-top: 12px; }"
            " QListWidget::item { padding: 9px 14px; }"
            " QListWidget::item:selected { background: #34475e; color: white; border-left: 4px solid #7fb3ff; }"
        )
        self.stack = QStackedWidget()
        for number, (title, _module, _name) in enumerate(PAGES, start=1):
            item = QListWidgetItem(title)
            item.setToolTip(f"{title} (Ctrl+{number})")
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, f"Shortcut Ctrl+{number}")
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())  # a placeholder until the page is first visited
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda index=number - 1: self.show_page(index))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes(
            [self.nav.width(), 10_000]
        )  # the page list keeps its width; the page takes the rest
        self.setCentralWidget(splitter)
        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.status)
        self.nav.currentRowChanged.connect(self._page_changed)
        context.runner.busy_changed.connect(
            lambda busy: self.statusBar().showMessage("Working…" if busy else "", 0)
        )
        context.as_of_changed.connect(lambda day: self._update_status())
        context.cycle_selected.connect(self._cycle_selected)
        self.actions_ = AppActions(self, context)
        remember_store(settings, str(context.services.url))
        self.setAcceptDrops(True)  # a document dropped on the window opens on the Import page
        self._update_status()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        self.show_page(int(settings.value("window/page", 0) or 0))

    @property
    def pages(self) -> list[Page]:
        """Every page, built now if not yet visited (the app itself builds a page on its first visit)."""
        return [self.page(index) for index in range(len(PAGES))]

    def page(self, index: int) -> Page:
        """The page at `index`, built (and wired) on first use."""
        built = self._pages[index]
        if built is None:
            built = self._pages[index] = page_type(index)(self.context)
            placeholder = self.stack.widget(index)
            current = self.stack.currentIndex()
            self.stack.insertWidget(index, built)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            if current == index:
                self.stack.setCurrentIndex(index)
            self._wire(index, built)
        return built

    def built_page(self, index: int) -> Page | None:
        """The page at `index` if it has been built, without building it."""
        return self._pages[index]

    # ---- a document dropped on the window --------------------------------------------------------------
    @staticmethod
    def dropped_document(mime) -> str | None:
        """The one local document in a drop that the Import page reads, else None."""
        from tracker.importing.readers import SUPPORTED

        files = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []
        if len(files) == 1 and files[0].lower().endswith(SUPPORTED):
            return files[0]
        return None

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.dropped_document(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        path = self.dropped_document(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.show_page(IMPORT_PAGE)
        self.page(IMPORT_PAGE).open_document(path)

    def _wire(self, index: int, page: Page) -> None:
        if index == 0:
            page.new_cycle.clicked.connect(self.actions_.new_cycle.trigger)
            page.first_start.explore_example.connect(self.actions_.example.trigger)
        elif index == CYCLE_PAGE:
            for button, action in (
                (page.edit_button, self.actions_.edit_cycle),
                (page.remove_button, self.actions_.remove_cycle),
                (page.meeting_button, self.actions_.add_meeting),
            ):
                button.clicked.connect(action.trigger)

    def _cycle_selected(self, cycle_id: str) -> None:
        if self._pages[CYCLE_PAGE] is None:  # built now: it missed the signal it would have answered
            self.page(CYCLE_PAGE).select_cycle(cycle_id)
        self.show_page(CYCLE_PAGE)

    def show_page(self, index: int) -> None:
        index = max(0, min(index, len(PAGES) - 1))
        if self.nav.currentRow() == index:
            self.page(index).refresh()  # already there: asking again reloads it
        else:
            self.nav.setCurrentRow(index)

    def _page_changed(self, index: int) -> None:
        if index < 0:
            return
        page = self.page(index)
        self.stack.setCurrentIndex(index)
        self.settings.setValue("window/page", index)
        page.refresh()

    def _update_status(self) -> None:
        from tracker.domain.formatting import uk_date

        self.status.setText(
            f"Statuses as of {uk_date(self.context.as_of)} · store: {self.context.services.url_text}"
        )

    def closeEvent(self, event) -> None:  # noqa: N802
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.context.runner.wait(5000)
        super().closeEvent(event)
