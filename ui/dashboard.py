"""Dashboard: every cycle at a glance, what is due in the next N working days, and the "as of" day."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from tracker.domain import Status
from ui.context import AppContext, Page
from ui.models import CycleTableModel, ObligationTableModel, sortable
from ui.widgets import MessageBar, table_view

OPEN = (Status.OVERDUE, Status.DUE_TODAY, Status.DUE_SOON, Status.NOT_YET_DUE)


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class DashboardPage(Page):
    title = "Dashboard"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        controls = QHBoxLayout()
        heading = QLabel("<h2>Where every cycle stands</h2>")
        controls.addWidget(heading)
        controls.addStretch(1)
        as_of_label = QLabel("&As of")
        self.as_of = QDateEdit(to_qdate(context.as_of))
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("d MMM yyyy")
        self.as_of.setAccessibleName("As of date")
        self.as_of.setToolTip("Compute every status for this day: past, today or future")
        as_of_label.setBuddy(self.as_of)
        self.today = QPushButton("&Today")
        self.today.setAccessibleName("Set the as of date to today")
        controls.addWidget(as_of_label)
        controls.addWidget(self.as_of)
        controls.addWidget(self.today)
        self.layout_.addLayout(controls)

        self.message = MessageBar()
        self.layout_.addWidget(self.message)
        self.empty = QWidget()
        empty_layout = QHBoxLayout(self.empty)
        empty_layout.setContentsMargins(0, 0, 0, 0)
        empty_text = QLabel(
            "There are no cycles in this store yet. Load the real London police and crime plan "
            "cycles (2013, 2017, 2022 and 2025) to see how the tracker works, or import a committee "
            "report on the Import page."
        )
        empty_text.setWordWrap(True)
        self.load_demo = QPushButton("&Load the London demo cycles")
        self.load_demo.setAccessibleName("Load the London demo cycles")
        empty_layout.addWidget(empty_text, 1)
        empty_layout.addWidget(self.load_demo)
        self.empty.hide()
        self.layout_.addWidget(self.empty)

        self.cycles = CycleTableModel(self)
        self.cycles_proxy = sortable(self.cycles, self)
        self.cycle_view = table_view("Cycles", self.cycles_proxy, stretch_column=CycleTableModel.COL_NEXT)
        self.cycle_view.setMinimumHeight(170)
        self.layout_.addWidget(QLabel("<b>Cycles</b> — double-click or press Enter to open one"))
        self.layout_.addWidget(self.cycle_view, 2)

        due_row = QHBoxLayout()
        self.due_title = QLabel()
        due_row.addWidget(self.due_title)
        due_row.addStretch(1)
        days_label = QLabel("&Working days ahead")
        self.days = QSpinBox()
        self.days.setRange(0, 260)
        self.days.setValue(20)
        self.days.setAccessibleName("Working days ahead")
        days_label.setBuddy(self.days)
        due_row.addWidget(days_label)
        due_row.addWidget(self.days)
        self.layout_.addLayout(due_row)
        self.due = ObligationTableModel(self)
        self.due_proxy = sortable(self.due, self)
        self.due_view = table_view(
            "Due soon across cycles", self.due_proxy, stretch_column=ObligationTableModel.COL_LABEL
        )
        self.layout_.addWidget(self.due_view, 3)
        self.due_empty = QLabel()
        self.due_empty.setStyleSheet("color: #5b6470;")
        self.layout_.addWidget(self.due_empty)

        self.as_of.dateChanged.connect(lambda d: context.set_as_of(from_qdate(d)))
        self.today.clicked.connect(lambda: self.as_of.setDate(to_qdate(dt.date.today())))
        self.days.valueChanged.connect(lambda _: self.refresh())
        context.as_of_changed.connect(self._as_of_changed)
        context.data_changed.connect(lambda _: self.refresh())
        self.load_demo.clicked.connect(self._load_demo)
        self.cycle_view.doubleClicked.connect(self._open_cycle)
        self.cycle_view.activated.connect(self._open_cycle)

    def _as_of_changed(self, day: dt.date) -> None:
        if from_qdate(self.as_of.date()) != day:
            self.as_of.setDate(to_qdate(day))
        self.refresh()

    def refresh(self) -> None:
        as_of = self.context.as_of
        days = self.days.value()
        services = self.context.services

        def work():
            from tracker.rules.calendar import add_working_days

            horizon = add_working_days(as_of, days)
            summaries, rows = services.cycles.overview(as_of, horizon)
            return summaries, rows, horizon

        self.context.runner.run("dashboard", work, self._show, self._failed)

    def _show(self, result) -> None:
        summaries, rows, horizon = result
        self.cycles.set_rows(summaries)
        self.due.set_rows(rows)
        self.cycle_view.resizeColumnsToContents()
        self.cycle_view.horizontalHeader().resizeSection(CycleTableModel.COL_NEXT, 260)
        self.due_view.resizeColumnsToContents()
        self.due_view.horizontalHeader().resizeSection(ObligationTableModel.COL_CITATION, 220)
        self.empty.setVisible(not summaries)
        overdue = sum(1 for r in rows if r.status is Status.OVERDUE)
        self.due_title.setText(
            f"<b>Open and due by {horizon.day} {horizon.strftime('%b %Y')}</b> "
            f"({len(rows)} obligations, {overdue} overdue)"
        )
        self.due_empty.setText("" if rows else "Nothing open falls due in this window.")
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.message.error(self.error_text(exc))
        self.loaded.emit()

    def _load_demo(self) -> None:
        self.load_demo.setEnabled(False)
        self.context.runner.run("demo", self.context.services.demo.load, self._demo_loaded, self._failed)

    def _demo_loaded(self, result) -> None:
        self.load_demo.setEnabled(True)
        self.message.success("Loaded the London cycles: " + ", ".join(result.added or result.already_present))
        self.context.data_changed.emit("")

    def _open_cycle(self, index) -> None:
        summary = self.cycles_proxy.data(index, Qt.ItemDataRole.UserRole + 1)
        if summary is not None:
            self.context.cycle_selected.emit(summary.id)
