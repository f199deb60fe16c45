"""Small widgets shared by the pages: the cycle timeline, an inline message bar, an accessible table view."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QSizePolicy, QTableView, QWidget

from tracker.domain.formatting import uk_date, uk_date_time


def table_view(
    name: str,
    model,
    parent: QWidget | None = None,
    stretch_column: int | None = None,
    sortable: bool = True,
) -> QTableView:
    """An accessible table. `sortable=False` for a list whose order is its meaning (a document's order):
    turning sorting on sorts the model at once, by the header's default indicator, which is descending."""
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setObjectName(name.replace(" ", "_").lower())
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(sortable)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(26)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setHighlightSections(False)
    header.setResizeContentsPrecision(40)  # size columns from a sample of rows: big stores stay quick
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if stretch_column is not None:
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    return view


def keep_readable(view: QTableView, column: int, floor: int) -> None:
    """The stretched column takes the room the others leave, but never less than `floor` pixels: with less
    room, the table scrolls sideways instead of cutting the column to a few letters. Call after sizing the
    other columns."""
    header = view.horizontalHeader()
    others = sum(
        header.sectionSize(i) for i in range(header.count()) if i != column and not header.isSectionHidden(i)
    )
    if view.viewport().width() - others < floor:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, floor)
    else:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


def history_html(changes) -> str:
    """The change log of one item, for a detail pane: when, who, what, old and new."""
    from html import escape

    lines = [
        f"<p>{escape(uk_date_time(c.at))} {escape(c.who)}: {escape(c.field)} "
        f"{escape(c.old or '')} → {escape(c.new or '')}</p>"
        for c in changes
    ]
    return "<h4>History</h4>" + ("".join(lines) or "<p>No changes yet.</p>")


class MessageBar(QLabel):
    """An inline message: errors from bad input, confirmations after saving. Text always, colour as an extra."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName("Message")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def error(self, text: str, lead: str = "Not saved") -> None:
        self._show(f"{lead}: {text}", "#d93025")

    def success(self, text: str) -> None:
        self._show(text, "#1e8e3e")

    def info(self, text: str) -> None:
        self._show(text, "#4a6fa5")

    def _show(self, text: str, hue: str) -> None:
        """A tint of `hue` over the palette's base, and text readable on it (light or dark theme)."""
        from ui.colours import tint

        background, foreground = tint(hue, share=0.16)
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setStyleSheet(
            f"QLabel {{ background: {background.name()}; color: {foreground.name()}; padding: 6px 10px;"
            f" border-radius: 4px; }}"
        )
        self.show()


class TimelineWidget(QWidget):
    """One row per stage on a shared time axis: filled = happened, hollow = planned, grey = the date before
    an extension (with an arrow to the new one), dashed red = the as-of day. The statutory order "reply
    before the final plan" is drawn as a blue bracket."""

    ROW = 24

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stages: tuple = ()
        self.as_of = dt.date.today()
        self.setAccessibleName("Cycle timeline")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(120)

    def set_data(self, stages, as_of: dt.date) -> None:
        self.stages = tuple(s for s in stages if s.actual is not None or s.planned is not None)
        self.as_of = as_of
        self.setMinimumHeight(self.sizeHint().height())
        described = "; ".join(
            f"{s.label}: {s.actual_text if s.actual else 'planned ' + uk_date(s.planned)}"
            for s in self.stages
        )
        self.setAccessibleDescription(described or "No stage has a date yet.")
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(800, 44 + max(len(self.stages), 1) * self.ROW)

    def paintEvent(self, event) -> None:  # noqa: N802
        from ui.colours import accent, blend, muted

        pal = self.palette()  # drawn on the palette's base, in its text colour: light and dark themes alike
        base, ink = pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text)
        grey, red = muted(QPalette.ColorRole.Base, pal), accent("#b42318", QPalette.ColorRole.Base, pal)
        blue = accent("#1d4ed8", QPalette.ColorRole.Base, pal)
        grid, zebra = blend(base, ink, 0.15), pal.color(QPalette.ColorRole.AlternateBase)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), base)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() - 0.5, 8))
        painter.setFont(font)
        metrics = QFontMetrics(font)
        if not self.stages:
            painter.setPen(grey)
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, "No stage has a date yet: record one below."
            )
            return
        days = [self.as_of]
        for s in self.stages:
            days.extend(d for d in (s.actual, s.planned) if d)
            days.extend(e.original for e in s.extensions if e.original)
        first, last = min(days), max(days)
        pad = dt.timedelta(days=max((last - first).days // 25, 3))
        first, last = first - pad, last + pad
        span = max((last - first).days, 1)
        label_width = min(300, max(metrics.horizontalAdvance(s.label) for s in self.stages) + 16)
        left, right = label_width, self.width() - 16
        top = 22
        axis_y = top + len(self.stages) * self.ROW + 2

        def x_of(day: dt.date) -> float:
            return left + (right - left) * (day - first).days / span

        # month grid
        painter.setPen(QPen(grid, 1))
        cursor = dt.date(first.year, first.month, 1)
        months = []
        while cursor <= last:
            if cursor >= first:
                months.append(cursor)
            cursor = dt.date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
        step = max(1, -(-len(months) // max(1, (right - left) // 90)))
        for month in months[::step]:
            x = x_of(month)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(int(x), top, int(x), axis_y)
            painter.setPen(grey)
            painter.drawText(
                QRectF(x - 40, axis_y + 2, 80, 16), Qt.AlignmentFlag.AlignHCenter, month.strftime("%b %Y")
            )
        centres = {}
        for index, stage in enumerate(self.stages):
            y = top + index * self.ROW + self.ROW / 2
            if index % 2 == 0:
                painter.fillRect(QRectF(0, y - self.ROW / 2, self.width(), self.ROW), zebra)
            painter.setPen(ink)
            label = metrics.elidedText(stage.label, Qt.TextElideMode.ElideRight, label_width - 12)
            painter.drawText(
                QRectF(6, y - self.ROW / 2, label_width - 8, self.ROW),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                label,
            )
            for ext in stage.extensions:
                if ext.original:
                    xo, xn = x_of(ext.original), x_of(ext.new)
                    painter.setPen(QPen(grey, 1.2))
                    painter.setBrush(blend(base, ink, 0.3))
                    painter.drawEllipse(QRectF(xo - 4, y - 4, 8, 8))
                    painter.drawLine(int(xo + 5), int(y), int(xn - 6), int(y))
                    painter.drawLine(int(xn - 6), int(y), int(xn - 10), int(y - 3))
                    painter.drawLine(int(xn - 6), int(y), int(xn - 10), int(y + 3))
            if stage.planned and stage.planned != stage.actual:
                painter.setPen(QPen(ink, 1.4))
                painter.setBrush(base)
                painter.drawEllipse(QRectF(x_of(stage.planned) - 5, y - 5, 10, 10))
            if stage.actual is not None:
                x = x_of(stage.actual)
                painter.setPen(QPen(ink, 1))
                painter.setBrush(ink if stage.precision == "day" else grey)
                if stage.actual > self.as_of:  # a calendar day known in advance (1 April), still to come
                    painter.setBrush(base)
                painter.drawEllipse(QRectF(x - 5.5, y - 5.5, 11, 11))
                text = uk_date(stage.actual) if stage.precision == "day" else stage.actual_text.split(" (")[0]
                width = metrics.horizontalAdvance(text)
                painter.setPen(grey)
                tx = x + 9 if x + 9 + width < self.width() - 4 else x - 9 - width
                painter.drawText(
                    QRectF(tx, y - self.ROW / 2, width + 4, self.ROW), Qt.AlignmentFlag.AlignVCenter, text
                )
                centres[stage.key] = (x, y)
            elif stage.planned:
                centres[stage.key] = (x_of(stage.planned), y)
        if "reply" in centres and "plan_issued" in centres:
            (x1, y1), (x2, y2) = centres["reply"], centres["plan_issued"]
            painter.setPen(QPen(blue, 1.3, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawLine(int(x1), int(y1 + 7), int(x1), int(y2 - 7))
            painter.drawLine(int(x1), int(y2 - 7), int(x2), int(y2 - 7))
            painter.setPen(blue)
            painter.drawText(
                QRectF(left, 2, right - left, 18),
                Qt.AlignmentFlag.AlignLeft,
                "Blue: the reply must come before the final plan is issued",
            )
        x_now = x_of(self.as_of)
        painter.setPen(QPen(red, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(int(x_now), top - 4, int(x_now), axis_y)
        painter.setPen(red)
        caption = f"as of {uk_date(self.as_of)}"
        width = metrics.horizontalAdvance(caption)
        painter.drawText(
            QRectF(min(x_now + 4, self.width() - width - 6), 2, width + 4, 18),
            Qt.AlignmentFlag.AlignLeft,
            caption,
        )
        painter.setPen(QPen(ink, 1.2))
        painter.drawLine(left, axis_y, right, axis_y)
