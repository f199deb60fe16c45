"""Analytics: the cycles side by side, drawn with QPainter (no charting library at start-up), each chart
with a table of the same figures beneath for those who cannot see it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from tracker.domain import DISPOSITION_COUNTS as DISPOSITIONS
from ui.colours import STATUS_HUES, blend, palette
from ui.context import AppContext, Page
from ui.widgets import MessageBar, table_view

# hues of the written statuses (ui/colours.py), mixed into the palette's base so dark themes stay readable;
# the legend names each and the table beneath gives every figure, so no reading depends on colour
HUES = (
    STATUS_HUES["met"],
    STATUS_HUES["met late"],
    STATUS_HUES["overdue"],
    STATUS_HUES["not recorded"],
    STATUS_HUES["due soon"],
    "#808080",
)


class FiguresModel(QAbstractTableModel):
    HEADERS = ("Cycle", "Recommendations", *DISPOSITIONS, "Days to reply", "Follow-ups met / late / open")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        c, column = self.rows[index.row()], index.column()
        if column == 0:
            return c.cycle
        if column == 1:
            return str(c.recommendations)
        if column < 2 + len(DISPOSITIONS):
            return str(c.dispositions[DISPOSITIONS[column - 2]])
        if column == 2 + len(DISPOSITIONS):
            if c.days_to_reply is None:
                return "not known"
            return f"at most {c.days_to_reply}" if c.days_to_reply_at_most else str(c.days_to_reply)
        return " / ".join(str(c.follow_ups[k]) for k in ("met", "late", "open"))


class DispositionChart(QWidget):
    """A stacked bar per cycle: its recommendations by disposition, with a legend naming each colour."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.cycles: list = []
        self.setMinimumHeight(230)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(
            "Chart: recommendations of each cycle by disposition (the table below gives the figures)"
        )

    def set_cycles(self, cycles) -> None:
        self.cycles = list(cycles)
        self.update()

    def paintEvent(self, _event) -> None:
        pal = palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = pal.color(QPalette.ColorRole.WindowText)
        base = pal.color(QPalette.ColorRole.Base)
        legend_width = 170
        # room above the tallest bar for its count, and below the axis for the cycle names
        area = QRectF(40, 28, max(100, self.width() - legend_width - 60), self.height() - 58)
        painter.setPen(text)
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        top = max([c.recommendations for c in self.cycles] or [1]) or 1
        if self.cycles:
            slot = area.width() / len(self.cycles)
            width = min(70.0, slot * 0.6)
            for i, c in enumerate(self.cycles):
                x = area.left() + slot * i + (slot - width) / 2
                y = area.bottom()
                for name, hue in zip(DISPOSITIONS, HUES, strict=True):
                    height = area.height() * c.dispositions[name] / top
                    if height:
                        painter.fillRect(QRectF(x, y - height, width, height), blend(base, QColor(hue), 0.85))
                        y -= height
                painter.setPen(text)
                painter.drawText(
                    QRectF(x - 20, area.bottom() + 4, width + 40, 18), Qt.AlignmentFlag.AlignCenter, c.cycle
                )
                painter.drawText(
                    QRectF(x, y - 18, width, 16), Qt.AlignmentFlag.AlignCenter, str(c.recommendations)
                )
        for i, (name, hue) in enumerate(zip(DISPOSITIONS, HUES, strict=True)):
            box = QRectF(self.width() - legend_width, 14 + i * 22, 14, 14)
            painter.fillRect(box, blend(base, QColor(hue), 0.85))
            painter.setPen(text)
            painter.drawRect(box)
            painter.drawText(
                QRectF(box.right() + 6, box.top() - 2, legend_width - 24, 18),
                Qt.AlignmentFlag.AlignLeft,
                name,
            )
        painter.end()


class AnalyticsPage(Page):
    title = "Analytics"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        top = QHBoxLayout()
        top.addWidget(QLabel("<h2>The register across years</h2>"))
        top.addStretch(1)
        self.reload = QPushButton("&Reload figures")
        self.reload.setAccessibleName("Reload the figures")
        top.addWidget(self.reload)
        self.layout_.addLayout(top)
        self.message = MessageBar()
        self.layout_.addWidget(self.message)
        self.chart = DispositionChart()
        self.layout_.addWidget(self.chart, 2)
        self.model = FiguresModel(self)
        self.view = table_view("Figures of each cycle (the chart above, as a table)", self.model)
        self.view.setMinimumWidth(200)
        self.layout_.addWidget(self.view, 1)
        self.themes = QLabel()
        self.themes.setWordWrap(True)
        self.themes.setAccessibleName("Recommendations by theme")
        self.themes.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.layout_.addWidget(self.themes)
        self.reload.clicked.connect(self.refresh)
        context.data_changed.connect(lambda _: self.reload_if_shown())
        context.as_of_changed.connect(lambda _: self.reload_if_shown())

    def refresh(self) -> None:
        services, as_of = self.context.services, self.context.as_of
        self.context.runner.run(
            "analytics", lambda: services.analytics.analytics(as_of=as_of), self._show, self._failed
        )

    def _show(self, found) -> None:
        self.chart.set_cycles(found.cycles)
        self.model.set_rows(found.cycles)
        self.view.resizeColumnsToContents()
        self.themes.setText(
            "<b>By theme:</b> "
            + "; ".join(
                f"{t.name} {t.recommendations} in {t.cycles} cycle{'s' if t.cycles != 1 else ''}"
                for t in found.themes[:12]
            )
            if found.themes
            else "No recommendations are recorded yet."
        )
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.message.error(self.error_text(exc))
        self.loaded.emit()
