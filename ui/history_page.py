"""History: every change to a date, a disposition or a mapping, who made it and when."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from ui.colours import muted_style
from ui.context import AppContext, Page
from ui.models import HistoryTableModel, sortable
from ui.widgets import MessageBar, table_view


class HistoryPage(Page):
    title = "History"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        row = QHBoxLayout()
        label = QLabel("C&ycle")
        self.cycle = QComboBox()
        self.cycle.setMinimumContentsLength(30)  # wide enough to read a cycle's title, not "all cycle…"
        self.cycle.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.cycle.setAccessibleName("Show changes of cycle")
        label.setBuddy(self.cycle)
        row.addWidget(QLabel("<h2>Change log</h2>"))
        row.addStretch(1)
        row.addWidget(label)
        row.addWidget(self.cycle)
        self.layout_.addLayout(row)
        self.message = MessageBar()
        self.layout_.addWidget(self.message)
        self.model = HistoryTableModel(self)
        self.view = table_view("Change log", sortable(self.model, self), stretch_column=6)
        self.layout_.addWidget(self.view, 1)
        self.empty = QLabel()
        self.empty.setStyleSheet(muted_style())
        self.layout_.addWidget(self.empty)
        self.cycle.currentIndexChanged.connect(lambda _: self.refresh())
        context.data_changed.connect(lambda _: self.reload_if_shown())

    def refresh(self) -> None:
        services, cycle = self.context.services, self.cycle.currentData()

        def work():
            return services.cycles.ids(), services.history.for_item(cycle_id=cycle)

        self.context.runner.run("history", work, self._show, self._failed)

    def _show(self, result) -> None:
        cycles, rows = result
        current = self.cycle.currentData()
        self.cycle.blockSignals(True)
        self.cycle.clear()
        self.cycle.addItem("all cycles", None)
        for cycle_id in cycles:
            self.cycle.addItem(cycle_id, cycle_id)
        self.cycle.setCurrentIndex(max(0, self.cycle.findData(current)))
        self.cycle.blockSignals(False)
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.empty.setText(
            ""
            if rows
            else "No changes recorded yet. Every edit of a date, disposition or grouping "
            "will be listed here with who made it and when."
        )
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.message.error(self.error_text(exc))
        self.loaded.emit()
