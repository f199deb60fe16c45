"""Dashboard: every cycle at a glance, what is due in the next N working days, and the "as of" day."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from tracker.domain import Status
from tracker.domain.formatting import uk_date
from ui.colours import muted_style
from ui.context import AppContext, Page
from ui.first_start import FirstStartWidget
from ui.forms import DateField
from ui.models import CycleTableModel, ObligationTableModel, sortable
from ui.widgets import MessageBar, keep_readable, table_view

OPEN = (Status.OVERDUE, Status.DUE_TODAY, Status.DUE_SOON, Status.NOT_YET_DUE)


class DashboardPage(Page):
    title = "Dashboard"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        controls = QHBoxLayout()
        heading = QLabel("<h2>Where every cycle stands</h2>")
        controls.addWidget(heading)
        controls.addStretch(1)
        as_of_label = QLabel("&As of")
        self.as_of = DateField(context.as_of, name="As of date")
        self.as_of.setToolTip("Compute every status for this day: past, today or future")
        as_of_label.setBuddy(self.as_of)
        self.today = QPushButton("&Today")
        self.today.setAccessibleName("Set the as of date to today")
        controls.addWidget(as_of_label)
        controls.addWidget(self.as_of)
        controls.addWidget(self.today)
        self.layout_.addLayout(controls)

        self.new_cycle = QPushButton("&New cycle…")
        self.new_cycle.setAccessibleName("Add a new cycle")
        controls.insertWidget(1, self.new_cycle)

        self.message = MessageBar()
        self.layout_.addWidget(self.message)
        self.first_start = FirstStartWidget(context)
        self.first_start.hide()
        self.layout_.addWidget(self.first_start)
        self.empty = QWidget()
        empty_layout = QHBoxLayout(self.empty)
        empty_layout.setContentsMargins(0, 0, 0, 0)
        empty_text = QLabel(
            "There are no cycles yet. Add one with <b>New cycle</b> (Ctrl+N): the plan after an election, a "
            "precept round, an annual report or an appointment. To see a complete record first, explore the "
            "real London cycles in a window of their own (File › Explore the London example)."
        )
        empty_text.setWordWrap(True)
        empty_layout.addWidget(empty_text, 1)
        self.empty.hide()
        self.layout_.addWidget(self.empty)
        self.example_mode = False  # the London example's own window loads its demo on first start

        self.cycles = CycleTableModel(self)
        self.cycles_proxy = sortable(self.cycles, self, in_model=True)
        self.cycle_view = table_view("Cycles", self.cycles_proxy, stretch_column=CycleTableModel.COL_NEXT)
        self.cycle_view.setMinimumHeight(170)
        self.cycles_heading = QLabel("<b>Cycles</b> — double-click or press Enter to open one")
        self.layout_.addWidget(self.cycles_heading)
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
        self.due_proxy = sortable(self.due, self, in_model=True)
        self.due_view = table_view(
            "Due soon across cycles", self.due_proxy, stretch_column=ObligationTableModel.COL_LABEL
        )
        self.due_view.sortByColumn(ObligationTableModel.COL_DUE, Qt.SortOrder.AscendingOrder)  # soonest first
        self.layout_.addWidget(self.due_view, 3)
        self.meetings_line = QLabel()
        self.meetings_line.setWordWrap(True)
        self.meetings_line.setAccessibleName("Meetings in this window")
        self.meetings_line.hide()
        self.layout_.addWidget(self.meetings_line)
        self.follow_ups_line = QLabel()
        self.follow_ups_line.setWordWrap(True)
        self.follow_ups_line.setAccessibleName("Follow-ups due or overdue, from every cycle")
        self.follow_ups_line.hide()
        self.layout_.addWidget(self.follow_ups_line)
        self.due_empty = QLabel()
        self.due_empty.setStyleSheet(muted_style())
        self.layout_.addWidget(self.due_empty)

        self.as_of.dateChanged.connect(context.set_as_of)
        self.today.clicked.connect(lambda: self.as_of.setDate(dt.date.today()))
        self.days.valueChanged.connect(lambda _: self.refresh())
        context.as_of_changed.connect(self._as_of_changed)
        context.data_changed.connect(lambda _: self.reload_if_shown())
        self.cycle_view.doubleClicked.connect(self._open_cycle)
        self.cycle_view.activated.connect(self._open_cycle)

    def _as_of_changed(self, day: dt.date) -> None:
        if self.as_of.day() != day:
            self.as_of.setDate(day)
        self.reload_if_shown()

    def refresh(self) -> None:
        as_of = self.context.as_of
        days = self.days.value()
        services = self.context.services

        def work():
            from tracker.rules.calendar import add_working_days

            horizon = add_working_days(as_of, days)
            board = services.dashboard.read(as_of, horizon)  # one read: one round trip to a server
            follow = [
                f
                for f in services.analytics.follow_ups(as_of, due_by=horizon)
                if f.state == "overdue" or (f.due and f.due <= horizon and f.state in ("due soon", "open"))
            ]
            return board.summaries, board.due, horizon, board.bodies, board.meetings, follow

        self.context.runner.run("dashboard", work, self._show, self._failed)

    def _show(self, result) -> None:
        summaries, rows, horizon, bodies, meetings, follow = result
        self.follow_ups_line.setText(
            "<b>Follow-ups due or overdue:</b> "
            + "; ".join(
                f"{'⚠ overdue' if f.state == 'overdue' else '◔ due'} {uk_date(f.due)}: {escape(f.cycle)}"
                f"{' ' + escape(f.number) if f.number else ''} — {escape(f.text)}"
                for f in follow[:6]
            )
            + (f"; and {len(follow) - 6} more (tracker follow-ups)" if len(follow) > 6 else "")
            if follow
            else ""
        )
        self.follow_ups_line.setVisible(bool(follow))
        self.meetings_line.setText(
            "<b>Meetings in this window:</b> "
            + "; ".join(
                f"{uk_date(m.date)} {escape(m.title)} (papers by {uk_date(m.papers_by)})" for m in meetings
            )
            if meetings
            else ""
        )
        self.meetings_line.setVisible(bool(meetings))
        if self.example_mode and not summaries:
            self.example_mode = False
            self.load_example()
        self.first_start.setVisible(bodies == 0 and not self.example_mode)
        self.cycles.set_rows(summaries)
        self.due.set_rows(rows)
        self.cycle_view.resizeColumnsToContents()
        header = self.cycle_view.horizontalHeader()
        # a long title (a bilingual one runs past 600 px) is cut with "…" and shown whole in its tooltip, so
        # the counts stay in view at 1280 x 800
        for column, widest in (
            (CycleTableModel.COL_TITLE, 250),
            (CycleTableModel.COL_STAGE, 180),
            (CycleTableModel.COL_NEXT, 200),
        ):
            header.resizeSection(column, min(header.sectionSize(column), widest))
        # counts are a digit or two: as wide as their heading, without the sort arrow's room, so that the
        # replies column stays in view at 1280 x 800
        model = self.cycle_view.model()
        for column in CycleTableModel.COUNT_COLUMNS:
            heading = str(model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(column, header.fontMetrics().horizontalAdvance(heading) + 16)
        keep_readable(self.cycle_view, CycleTableModel.COL_NEXT, 120)
        self.due_view.resizeColumnsToContents()
        self.due_view.horizontalHeader().resizeSection(ObligationTableModel.COL_CITATION, 220)
        self.empty.setVisible(not summaries and bodies > 0)
        for widget in (self.cycle_view, self.due_view, self.due_title, self.due_empty, self.cycles_heading):
            widget.setVisible(bodies > 0 or bool(summaries))
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

    def load_example(self) -> None:
        """Only in the London example's own window, on its own store: never in the user's store."""
        self.context.runner.run("demo", self.context.services.demo.load, self._example_loaded, self._failed)

    def _example_loaded(self, result) -> None:
        self.message.info(
            "The London example: the real cycles of 2013, 2017, 2022 and 2025, in a store of their own. "
            "Nothing here touches your own store."
        )
        self.context.data_changed.emit("")

    def _open_cycle(self, index) -> None:
        summary = self.cycles_proxy.data(index, Qt.ItemDataRole.UserRole + 1)
        if summary is not None:
            self.context.cycle_selected.emit(summary.id)
