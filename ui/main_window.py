"""The main window: a page list on the left, the pages on the right. Wiring only."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QMainWindow, QSplitter, QStackedWidget

from ui.actions import AppActions
from ui.context import AppContext, Page
from ui.cycle_page import CyclePage
from ui.dashboard import DashboardPage
from ui.history_page import HistoryPage
from ui.import_page import ImportPage
from ui.recommendations_page import RecommendationsPage
from ui.reports_page import ReportsPage

# adding a page is one line here
PAGES: tuple[type[Page], ...] = (
    DashboardPage,
    CyclePage,
    RecommendationsPage,
    ImportPage,
    ReportsPage,
    HistoryPage,
)


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, settings: QSettings) -> None:
        super().__init__()
        self.context = context
        self.settings = settings
        self.setWindowTitle("Police and Crime Plan tracker")
        self.pages: list[Page] = [page_type(context) for page_type in PAGES]
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
        for number, page in enumerate(self.pages, start=1):
            item = QListWidgetItem(page.title)
            item.setToolTip(f"{page.title} (Ctrl+{number})")
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, f"Shortcut Ctrl+{number}")
            self.nav.addItem(item)
            self.stack.addWidget(page)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda index=number - 1: self.show_page(index))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.status)
        self.nav.currentRowChanged.connect(self._page_changed)
        context.runner.busy_changed.connect(
            lambda busy: self.statusBar().showMessage("Working…" if busy else "", 0)
        )
        context.as_of_changed.connect(lambda day: self._update_status())
        context.cycle_selected.connect(lambda _: self.show_page(PAGES.index(CyclePage)))
        self.actions_ = AppActions(self, context)
        dashboard = self.pages[0]
        dashboard.new_cycle.clicked.connect(self.actions_.new_cycle.trigger)
        dashboard.first_start.explore_example.connect(self.actions_.example.trigger)
        cycle_page = self.pages[PAGES.index(CyclePage)]
        for button, action in (
            (cycle_page.edit_button, self.actions_.edit_cycle),
            (cycle_page.remove_button, self.actions_.remove_cycle),
            (cycle_page.meeting_button, self.actions_.add_meeting),
        ):
            button.clicked.connect(action.trigger)
        self._update_status()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        self.show_page(int(settings.value("window/page", 0) or 0))

    def show_page(self, index: int) -> None:
        index = max(0, min(index, len(self.pages) - 1))
        if self.nav.currentRow() == index:
            self.pages[index].refresh()  # already there: asking again reloads it
        else:
            self.nav.setCurrentRow(index)

    def _page_changed(self, index: int) -> None:
        if index < 0:
            return
        self.stack.setCurrentIndex(index)
        self.settings.setValue("window/page", index)
        self.pages[index].refresh()

    def _update_status(self) -> None:
        from tracker.domain.formatting import uk_date

        self.status.setText(
            f"Statuses as of {uk_date(self.context.as_of)} · store: {self.context.services.url_text}"
        )

    def closeEvent(self, event) -> None:  # noqa: N802
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.context.runner.wait(5000)
        super().closeEvent(event)
