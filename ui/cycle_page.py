"""Cycle page: the timeline, every obligation with the working behind its date, and editing of stage dates
(with undo) and extensions."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tracker.domain import Precision
from tracker.domain.formatting import days_to_go, uk_date
from ui.colours import muted, muted_style
from ui.conflicts import ask_keep_or_take, on_refusal
from ui.context import AppContext, Page
from ui.forms import DateField, allow_no_date, chosen_date
from ui.models import ObjectRole, ObligationTableModel, StageTableModel, sortable
from ui.widgets import MessageBar, TimelineWidget, history_html, table_view

KINDS = (
    ("happened on the day", Precision.DAY),
    ("happened in the month (day not known)", Precision.MONTH),
    ("happened on or before the day", Precision.ON_OR_BEFORE),
    ("planned for the day", None),
)


class StageDateCommand(QUndoCommand):
    """A recorded change of a stage date. The change is already saved when the command is pushed; undo
    restores the previous value through the service, redo applies the new one again."""

    def __init__(self, page: CyclePage, cycle_id: str, stage_key: str, before, after, text: str) -> None:
        super().__init__(text)
        self.page, self.cycle_id, self.stage_key = page, cycle_id, stage_key
        self.before, self.after = before, after
        self.first = True

    def redo(self) -> None:
        if self.first:  # it was saved before being pushed
            self.first = False
            return
        self.page.apply_stage_value(self.cycle_id, self.stage_key, self.after, f"Redone: {self.text()}")

    def undo(self) -> None:
        self.page.apply_stage_value(self.cycle_id, self.stage_key, self.before, f"Undone: {self.text()}")


def stage_value(row) -> tuple:
    """What undo needs to put a stage back: (planned, actual, precision, after_stage)."""
    return (row.planned, row.actual, row.precision, row.after_stage)


class CyclePage(Page):
    title = "Cycle"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        # keep mine or take theirs when a save meets a newer one; replaced in tests (a modal box would block)
        self.resolve_conflict = lambda text: ask_keep_or_take(self, text)
        self.undo_stack = QUndoStack(self)
        self.detail = None
        self._wanted: str | None = None
        top = QHBoxLayout()
        cycle_label = QLabel("C&ycle")
        self.cycle_combo = QComboBox()
        self.cycle_combo.setAccessibleName("Cycle")
        self.cycle_combo.setMinimumWidth(320)
        cycle_label.setBuddy(self.cycle_combo)
        self.heading = QLabel()
        self.undo_button = QPushButton("&Undo")
        self.undo_button.setAccessibleName("Undo the last date change")
        self.undo_button.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_button = QPushButton("&Redo")
        self.redo_button.setAccessibleName("Redo the date change")
        # both redo keys people know: Ctrl+Y (Windows) and Ctrl+Shift+Z (everywhere else)
        for keys in ("Ctrl+Y", "Ctrl+Shift+Z"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(lambda: self.redo_button.isEnabled() and self.undo_stack.redo())
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        top.addWidget(cycle_label)
        top.addWidget(self.cycle_combo)
        top.addStretch(1)
        self.edit_button = QPushButton("Ed&it cycle…")
        self.edit_button.setAccessibleName("Edit this cycle's title, notes and trigger dates")
        self.remove_button = QPushButton("Remo&ve cycle…")
        self.remove_button.setAccessibleName("Remove this cycle")
        self.meeting_button = QPushButton("Add meetin&g…")
        self.meeting_button.setAccessibleName("Add a meeting for this cycle")
        for button in (
            self.edit_button,
            self.meeting_button,
            self.remove_button,
            self.undo_button,
            self.redo_button,
        ):
            top.addWidget(button)
        self.layout_.addLayout(top)
        self.heading.setWordWrap(True)  # on a line of its own: a long title never widens the window
        self.layout_.addWidget(self.heading)
        self.message = MessageBar()
        self.layout_.addWidget(self.message)
        self.timeline = TimelineWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.timeline)
        scroll.setMaximumHeight(300)
        scroll.setMinimumHeight(68)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.timeline_scroll = scroll
        self.layout_.addWidget(scroll)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.obligations = ObligationTableModel(self)
        self.obligations_proxy = sortable(self.obligations, self)
        self.obligation_view = table_view(
            "Obligations", self.obligations_proxy, stretch_column=ObligationTableModel.COL_LABEL
        )
        self.obligation_view.hideColumn(ObligationTableModel.COL_CYCLE)
        self.obligation_view.sortByColumn(ObligationTableModel.COL_DUE, Qt.SortOrder.AscendingOrder)
        left_layout.addWidget(QLabel("<b>Obligations</b> — select one to see the working behind its date"))
        left_layout.addWidget(self.obligation_view, 3)
        self.stages = StageTableModel(self)
        self.stage_view = table_view("Stages", self.stages, stretch_column=StageTableModel.COL_LABEL)
        self.stage_view.setSortingEnabled(False)
        left_layout.addWidget(QLabel("<b>Stages</b>"))
        left_layout.addWidget(self.stage_view, 2)
        splitter.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.working = QTextBrowser()
        self.working.setAccessibleName("Working and history of the selected item")
        self.working.setOpenExternalLinks(True)
        right_layout.addWidget(self.working, 2)
        right_layout.addWidget(self._editor())
        splitter.addWidget(right)
        splitter.setSizes([640, 420])
        self.layout_.addWidget(splitter, 1)

        self.cycle_combo.currentIndexChanged.connect(lambda _: self.refresh())
        self.obligation_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_obligation())
        self.stage_view.selectionModel().currentRowChanged.connect(lambda *_: self._stage_selected())
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        context.as_of_changed.connect(lambda _: self.reload_if_shown())
        context.data_changed.connect(self._data_changed)
        context.cycle_selected.connect(self.select_cycle)

    def _editor(self) -> QWidget:
        box = QGroupBox("Record or move a date")
        form = QFormLayout(box)
        self.stage_combo = QComboBox()
        self.stage_combo.setAccessibleName("Stage to edit")
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("What the date means")
        for text, _ in KINDS:
            self.kind_combo.addItem(text)
        # a stage without a date shows "choose a date"
        self.date_edit = DateField(dt.date.today(), name="Date", allow_empty=True)
        self.save_button = QPushButton("&Save date")
        self.save_button.setAccessibleName("Save the date for the stage")
        self.clear_button = QPushButton("C&lear recorded date")
        self.clear_button.setAccessibleName("Clear the recorded date of the stage")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        form.addRow("S&tage", self.stage_combo)
        form.addRow("&Meaning", self.kind_combo)
        form.addRow("&Date", self.date_edit)
        form.addRow(buttons)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason for the extension")
        self.reason.setPlaceholderText("why the planned date moves (kept with the extension)")
        self.earlier = QCheckBox("The new date is earlier on &purpose")
        self.extend_button = QPushButton("E&xtend the planned date")
        self.extend_button.setAccessibleName("Extend the planned date of the stage")
        form.addRow("Reaso&n", self.reason)
        form.addRow(self.earlier)
        form.addRow(self.extend_button)
        note = QLabel(
            "Extensions keep the original date and cannot be undone; extend again to move a date back."
        )
        note.setWordWrap(True)
        note.setStyleSheet(muted_style())
        form.addRow(note)
        self.stage_combo.currentIndexChanged.connect(lambda _: self._show_stage_date())
        self.save_button.clicked.connect(self.save_date)
        self.clear_button.clicked.connect(self.clear_date)
        self.extend_button.clicked.connect(self.extend)
        return box

    # ---- loading -----------------------------------------------------------------------------------
    def select_cycle(self, cycle_id: str) -> None:
        index = self.cycle_combo.findData(cycle_id)
        if index < 0:  # new since the list was filled: load it and show it
            self._wanted = cycle_id
            self.refresh()
            return
        if index == self.cycle_combo.currentIndex():
            self.refresh()  # already chosen: show it fresh, as asked
        else:
            self.cycle_combo.setCurrentIndex(index)

    def _data_changed(self, cycle_id: str) -> None:
        if cycle_id in ("", self.current_cycle()):
            self.reload_if_shown()

    def current_cycle(self) -> str | None:
        return self.cycle_combo.currentData()

    def refresh(self) -> None:
        services, as_of = self.context.services, self.context.as_of
        wanted, self._wanted = (self._wanted or self.current_cycle()), None

        def work():  # one read: on a server across a network, one round trip
            return services.cycles.page(wanted, as_of)

        self.context.runner.run("cycle", work, self._show, self._failed)

    def _show(self, result) -> None:
        ids, detail, history = result
        self.cycle_combo.blockSignals(True)
        self.cycle_combo.clear()
        for cycle_id, title in ids:
            self.cycle_combo.addItem(f"{title} ({cycle_id})", cycle_id)
        if detail is not None:
            self.cycle_combo.setCurrentIndex(self.cycle_combo.findData(detail.summary.id))
        self.cycle_combo.blockSignals(False)
        self.detail, self.history = detail, history
        self.context.current_cycle = detail.summary.id if detail is not None else None
        # with no cycle there is nothing to edit: the buttons say so by being off, not by a message after a click
        for button in (
            self.save_button, self.clear_button, self.extend_button,
            self.edit_button, self.remove_button, self.meeting_button,
        ):  # fmt: skip
            button.setEnabled(detail is not None)
        if detail is None:
            self.heading.setText("No cycles yet: add one with File › New cycle (Ctrl+N).")
            self.timeline.set_data((), self.context.as_of)
            self.obligations.set_rows([])
            self.stages.set_rows([])
            self.loaded.emit()
            return
        s = detail.summary
        self.heading.setText(
            f"{detail.body.name} · {s.current_stage} · {s.overdue} overdue · {s.met_late} late · "
            f"{s.exceptions} exceptions · {s.coverage.describe()}"
            + "".join(f"\nNotice: {n.text}" for n in detail.notices)
        )
        self.timeline.set_data(detail.stages, detail.as_of)
        # as tall as its rows (up to 300 px, then it scrolls): no grey band under a timeline of one date
        self.timeline_scroll.setFixedHeight(min(300, self.timeline.sizeHint().height() + 2))
        self.obligations.set_rows(detail.obligations)
        self.stages.set_rows(detail.stages)
        self.obligation_view.resizeColumnsToContents()
        self.obligation_view.horizontalHeader().resizeSection(ObligationTableModel.COL_CITATION, 190)
        self.stage_view.resizeColumnsToContents()
        current = self.stage_combo.currentData()
        self.stage_combo.clear()
        for stage in detail.stages:
            self.stage_combo.addItem(stage.label, stage.key)
        if current:
            self.stage_combo.setCurrentIndex(max(0, self.stage_combo.findData(current)))
        self._show_obligation()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.message.error(self.error_text(exc))
        self.loaded.emit()

    def _show_obligation(self) -> None:
        index = self.obligation_view.currentIndex()
        row = self.obligations_proxy.data(index, ObjectRole) if index.isValid() else None
        if row is None:
            self.working.setHtml(
                "<p>Select an obligation to see its legal basis and the working behind its date.</p>"
            )
            return
        from html import escape

        parts = [
            f"<h3>{escape(row.label_expected)}</h3>",
            f"<p><b>Status:</b> {escape(str(row.status))}"
            + (" — expected: projected from a date that has not happened yet" if row.expected else "")
            + (f" ({days_to_go(row.days_left)})" if row.days_left else "")
            + f"<br><b>Due:</b> {escape(uk_date(row.due, unknown='no date'))}"
            f"<br><b>Basis:</b> {escape(str(row.basis))} — {escape(row.citation)}"
            + (f" (<a href='{escape(row.url)}'>legislation</a>)" if row.url else "")
            + f"<br><b>Owed by</b> {escape(row.owed_by)} <b>to</b> {escape(row.owed_to)}</p>",
            f"<p><b>Working:</b> {escape(row.working)}</p>",
        ]
        parts += [f"<p><i>Note: {escape(w)}</i></p>" for w in row.warnings]
        parts += [f"<p><i>Extension: {escape(e)}</i></p>" for e in row.extensions]
        parts.append(f"<p style='color:{muted().name()}'>{escape(row.explanation)}</p>")
        self.working.setHtml("".join(parts))

    def _stage_selected(self) -> None:
        index = self.stage_view.currentIndex()
        if not index.isValid() or self.detail is None:
            return
        stage = self.stages.row_object(index.row())
        self.stage_combo.setCurrentIndex(self.stage_combo.findData(stage.key))
        self._show_stage_date()
        from html import escape

        changes = [c for c in self.history if c.entity == "stage" and c.entity_id == stage.key]
        lines = [
            f"<h3>{escape(stage.label)}</h3>",
            f"<p><b>Actual:</b> {escape(stage.actual_text)}<br>"
            f"<b>Planned:</b> {escape(uk_date(stage.planned, unknown='not set'))}<br>"
            f"<b>Evidence:</b> {escape(stage.evidence or 'none recorded')}</p>",
        ]
        if stage.notes:
            lines.append(f"<p>{escape(stage.notes)}</p>")
        for ext in stage.extensions:
            lines.append(
                f"<p><i>Extended from {escape(uk_date(ext.original))} to {escape(uk_date(ext.new))} by "
                f"{escape(ext.made_by or 'not recorded')}: {escape(ext.reason)}</i></p>"
            )
        lines.append(history_html(changes))
        self.working.setHtml("".join(lines))

    def _show_stage_date(self) -> None:
        """The chosen stage's own date in the editor: the recorded one, else the planned one, else none."""
        stage = self._stage_row(self.stage_combo.currentData())
        day = (stage.actual or stage.planned) if stage is not None else None
        allow_no_date(self.date_edit, day)

    def _chosen_day(self) -> dt.date | None:
        """The date in the editor, or None (and a message) when none was chosen."""
        day = chosen_date(self.date_edit)
        if day is None and self.date_edit.problem():
            self.message.error(f"The date is not right: {self.date_edit.problem()}")
            self.date_edit.setFocus()
        elif day is None:
            self.message.error("Choose the date first: this stage has none recorded or planned.")
            self.date_edit.setFocus()
        return day

    # ---- editing -----------------------------------------------------------------------------------
    def _stage_row(self, key: str):
        return next((s for s in self.detail.stages if s.key == key), None) if self.detail else None

    def save_date(self) -> None:
        cycle_id, key = self.current_cycle(), self.stage_combo.currentData()
        if not cycle_id or not key:
            return
        precision = KINDS[self.kind_combo.currentIndex()][1]
        day = self._chosen_day()
        if day is None:
            return
        before = stage_value(self._stage_row(key))
        after = (
            (day, before[1], before[2], before[3])
            if precision is None
            else (before[0], day, str(precision), None)
        )
        label = self.stage_combo.currentText()
        text = f"{label}: {'planned' if precision is None else 'recorded'} {uk_date(day)}"
        services = self.context.services

        seen = self._stage_version(key)

        def work(version=seen):
            if precision is None:
                return services.cycles.set_stage_date(cycle_id, key, day, planned=True, if_version=version)
            return services.cycles.set_stage_date(cycle_id, key, day, precision=precision, if_version=version)

        def done(change):
            self.undo_stack.push(StageDateCommand(self, cycle_id, key, before, after, text))
            if change.warnings:  # kept, but said at once: a future day recorded as happened, a missing step
                self.message.info(
                    f"Saved. {label}: {change.old} → {change.new}. Check: "
                    + " ".join(w + "." for w in change.warnings)
                )
            else:
                self.message.success(f"Saved. {label}: {change.old} → {change.new}")
            self.context.data_changed.emit(cycle_id)

        self._save_checked(work, done)

    def clear_date(self) -> None:
        cycle_id, key = self.current_cycle(), self.stage_combo.currentData()
        if not cycle_id or not key:
            return
        before = stage_value(self._stage_row(key))
        after = (before[0], None, None, None)
        label = self.stage_combo.currentText()

        def done(change):
            self.undo_stack.push(StageDateCommand(self, cycle_id, key, before, after, f"{label}: cleared"))
            self.message.success(f"Cleared the recorded date of {label}.")
            self.context.data_changed.emit(cycle_id)

        cycles, seen = self.context.services.cycles, self._stage_version(key)
        self._save_checked(lambda version=seen: cycles.clear_stage_date(cycle_id, key, version), done)

    def apply_stage_value(self, cycle_id: str, key: str, value: tuple, text: str) -> None:
        """Put a stage back to (planned, actual, precision, after_stage): used by undo and redo."""
        planned, actual, precision, after = value
        services = self.context.services

        def work():
            current = next(
                s for s in services.cycles.detail(cycle_id, dt.date.today()).stages if s.key == key
            )
            if planned is not None and planned != current.planned:
                services.cycles.set_stage_date(cycle_id, key, planned, planned=True)
            if precision is None:
                if current.precision is not None:
                    services.cycles.clear_stage_date(cycle_id, key)
            else:
                services.cycles.set_stage_date(
                    cycle_id,
                    key,
                    actual if precision != "after" else None,
                    precision=Precision(precision),
                    after_stage=after,
                )

        def done(_):
            self.message.info(text)
            self.context.data_changed.emit(cycle_id)

        self.context.runner.run("edit", work, done, self._failed)

    def extend(self) -> None:
        cycle_id, key = self.current_cycle(), self.stage_combo.currentData()
        if not cycle_id or not key:
            return
        day, reason, earlier = self._chosen_day(), self.reason.text(), self.earlier.isChecked()
        if day is None:
            return

        def done(ext):
            self.message.success(
                f"Extended {ext.stage_label} from {uk_date(ext.original)} to {uk_date(ext.new)}."
            )
            self.reason.clear()
            self.earlier.setChecked(False)
            self.context.data_changed.emit(cycle_id)

        cycles, seen = self.context.services.cycles, self._stage_version(key)
        self._save_checked(
            lambda version=seen: cycles.extend_stage(
                cycle_id, key, day, reason, earlier=earlier, if_version=version
            ),
            done,
        )

    def _stage_version(self, key: str) -> int | None:
        row = self._stage_row(key)
        return row.version if row is not None else None

    def _save_checked(self, work, done) -> None:
        """Run a save carrying the version read; if someone else saved first, ask keep mine (the same save
        again, made on top of theirs) or take theirs (reload the cycle)."""

        def take_theirs() -> None:
            self.message.info("Took the other change: the cycle shows it now.")
            self.refresh()

        failed = on_refusal(
            self.resolve_conflict,
            lambda: self.context.runner.run("edit", lambda: work(None), done, self._failed),
            take_theirs,
            self._failed,
        )
        self.context.runner.run("edit", work, done, failed)
