"""Add a meeting: tied to a cycle, it becomes the meeting the papers are published for."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.context import AppContext
from ui.forms import DateField, FieldErrors, error_label, save_cancel


class MeetingDialog(QDialog):
    saved = Signal(object)  # (MeetingRow, notes)

    def __init__(
        self, context: AppContext, bodies, cycles, cycle_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Add a meeting")
        self.setAccessibleName("Add a meeting")
        self.errors = FieldErrors()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.body = QComboBox()
        self.body.setAccessibleName("Panel")  # as its label reads: the list names the panels
        for body in bodies:
            self.body.addItem(body.panel_name or body.name, body)
        self.date = DateField(dt.date.today(), name="Meeting date")
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Meeting title")
        self.title_edit.setPlaceholderText("e.g. Police and Crime Panel")
        self.cycle = QComboBox()
        self.cycle.setAccessibleName("Cycle the meeting is for")
        self.cycle.addItem("None: a meeting of its own", None)
        for summary in cycles:
            self.cycle.addItem(f"{summary.title} ({summary.id})", summary.id)
        self.for_stage = QComboBox()
        self.for_stage.setAccessibleName("Stage of the cycle the meeting is for")
        self.for_stage.addItem("Not set", None)
        self.for_stage.setEnabled(False)
        self.cycle.currentIndexChanged.connect(self._load_stages)
        if cycle_id is not None:
            self.cycle.setCurrentIndex(max(0, self.cycle.findData(cycle_id)))
        self.reference = QLineEdit()
        self.reference.setAccessibleName("Agenda reference")
        for text, widget, field in (
            ("&Panel", self.body, "--body"),
            ("&Date", self.date, "--date"),
            ("&Title", self.title_edit, "--title"),
            ("&Cycle", self.cycle, "--cycle"),
            ("&For", self.for_stage, "--for"),
            ("&Reference", self.reference, "--reference"),
        ):
            box = QVBoxLayout()
            box.addWidget(widget)
            box.addWidget(self.errors.add(field, error_label()))
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, box)
        layout.addLayout(form)
        note = QLabel(
            "A meeting tied to a cycle plans the stage its papers are for, and sets the day the "
            "papers must be published by (clear days, as the settings count them)."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.general_error, self.save_button = save_cancel(self, layout, "&Save meeting")
        self._load_stages()

    def _load_stages(self) -> None:
        """The stages of the chosen cycle's process, read off the GUI thread; "Not set" without a cycle."""
        cycle_id = self.cycle.currentData()
        self._fill_stages([])
        if cycle_id is None:
            self.context.runner.cancel("meeting-stages")
            return
        meetings = self.context.services.meetings
        self.context.runner.run(
            "meeting-stages", lambda: meetings.stage_choices(cycle_id), self._fill_stages, self._failed
        )

    def _fill_stages(self, stages: list[tuple[str, str]]) -> None:
        self.for_stage.clear()
        self.for_stage.addItem("Not set", None)
        for key, label in stages:
            self.for_stage.addItem(label, key)
        self.for_stage.setEnabled(bool(stages))

    def save(self) -> None:
        body = self.body.currentData()
        if body is None:
            self.general_error.setText("⚠ Add a body first.")
            self.general_error.show()
            return
        meetings = self.context.services.meetings
        if not self.date.commit():
            self.date.setFocus()
            return
        day, title = self.date.day(), self.title_edit.text()
        cycle_id, reference = self.cycle.currentData(), self.reference.text()
        for_stage = self.for_stage.currentData() if cycle_id is not None else None
        self.errors.clear()
        self.save_button.setEnabled(False)
        self.context.runner.run(
            "meeting-save",
            lambda: meetings.add(body.id, day, title, cycle_id, reference, for_stage),
            self._saved,
            self._failed,
        )

    def _saved(self, result) -> None:
        row, _notes = result
        self.context.data_changed.emit(row.cycle_id or "")
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.errors.show(exc, self.general_error)
