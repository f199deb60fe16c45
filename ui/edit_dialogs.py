"""Change a meeting or a body: choose one, change its fields, save with the version it was read at.

A save that meets a colleague's newer one asks keep mine (saved again on top of theirs) or take theirs (the
dialog shows what is stored now), as every other edit in the app does (ui.conflicts).
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from tracker.domain.formatting import uk_date
from ui.conflicts import ask_keep_or_take, on_refusal
from ui.context import AppContext
from ui.forms import DateField, FieldErrors, error_label, members_box, save_cancel


class ChooseAndEditDialog(QDialog):
    """A chooser of the rows, the chosen row's fields, and a versioned save. Subclasses say what the rows
    are (`read`), how a row is shown (`describe`, `fill`) and how it is saved (`store`)."""

    saved = Signal(object)
    loaded = Signal()
    title = ""
    chooser_label = ""

    def __init__(self, context: AppContext, rows: list, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.title)
        self.setAccessibleName(self.title)
        # keep mine or take theirs when the save meets a newer one; replaced in tests (a modal box blocks)
        self.resolve_conflict = lambda text: ask_keep_or_take(self, text)
        self.errors = FieldErrors()
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        self.chooser = QComboBox()
        self.chooser.setAccessibleName(self.chooser_label.replace("&", ""))
        self.add_row(self.chooser_label, self.chooser, "chooser")
        layout.addLayout(self.form)
        self.build()
        self.general_error, self.save_button = save_cancel(self, layout, "&Save")
        self.chooser.currentIndexChanged.connect(lambda _index: self._fill_chosen())
        self._set_rows(rows)

    # ---- what a subclass gives -----------------------------------------------------------------------
    def build(self) -> None:
        raise NotImplementedError

    def describe(self, row) -> str:
        raise NotImplementedError

    def fill(self, row) -> None:
        raise NotImplementedError

    @staticmethod
    def read(services) -> list:
        """The rows to choose from, read afresh (runs off the window's thread)."""
        raise NotImplementedError

    def values(self, row) -> dict:
        """What the fields say, as the service's keyword arguments (read on the window's thread)."""
        raise NotImplementedError

    @staticmethod
    def store(services, row, values: dict, if_version: int | None):
        """Saves `values` over `row` (runs off the window's thread); None as the version: keep mine."""
        raise NotImplementedError

    # ---- shared --------------------------------------------------------------------------------------
    def add_row(self, text: str, widget, field: str, name: str | None = None):
        """A labelled field with its error line under it; returns the widget."""
        if name is not None:
            widget.setAccessibleName(name)
        box = QVBoxLayout()
        box.addWidget(widget)
        box.addWidget(self.errors.add(field, error_label()))
        label = QLabel(text)
        label.setBuddy(widget)
        self.form.addRow(label, box)
        return widget

    def chosen(self):
        return self.chooser.currentData()

    def _set_rows(self, rows: list, keep_id=None) -> None:
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for row in rows:
            self.chooser.addItem(self.describe(row), row)
        index = next((i for i, row in enumerate(rows) if row.id == keep_id), 0)
        self.chooser.setCurrentIndex(index)
        self.chooser.blockSignals(False)
        self._fill_chosen()
        self.loaded.emit()

    def _fill_chosen(self) -> None:
        row = self.chosen()
        self.save_button.setEnabled(row is not None)
        if row is not None:
            self.errors.clear()
            self.fill(row)

    def save(self) -> None:
        row = self.chosen()
        if row is None:
            return
        self.errors.clear()
        self.general_error.hide()

        def take_theirs() -> None:  # the dialog shows what is stored now; the officer looks again
            self.save_button.setEnabled(True)
            self.general_error.setText("Took the other change: the fields below are as stored now.")
            self.general_error.show()
            self.context.runner.run(
                "edit-reload",
                lambda: self.read(services),
                lambda rows: self._set_rows(rows, row.id),
                self._failed,
            )

        services, values = self.context.services, self.values(row)

        def send(version: int | None, failed) -> None:
            self.context.runner.run(
                "edit-save", lambda: self.store(services, row, values, version), self._saved, failed
            )

        self.save_button.setEnabled(False)
        keep_mine = partial(send, None, self._failed)  # saved again over theirs, on purpose
        send(row.version, on_refusal(self.resolve_conflict, keep_mine, take_theirs, self._failed))

    def _saved(self, result) -> None:
        self.context.data_changed.emit("")
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.errors.show(exc, self.general_error)


class MeetingEditDialog(ChooseAndEditDialog):
    """A meeting's date, title and the stage of its cycle it is for."""

    title = "Change a meeting"
    chooser_label = "&Meeting"

    def build(self) -> None:
        self.date = DateField(dt.date.today(), name="Meeting date")
        self.add_row("&Date", self.date, "--date")
        self.title_edit = self.add_row("&Title", QLineEdit(), "--title", "Meeting title")
        self.for_stage = self.add_row("&For", QComboBox(), "--for", "Stage of the cycle the meeting is for")

    def describe(self, row) -> str:
        return f"{uk_date(row.date)}: {row.title} ({row.cycle_id or row.panel})"

    def fill(self, row) -> None:
        self.date.setDate(row.date)
        self.title_edit.setText(row.title)
        self._fill_stages(row, [])
        # a load still on its way for the meeting chosen before would fill in that meeting's stages
        self.context.runner.cancel("meeting-stages")
        if row.cycle_id is not None:  # the stages of its cycle's process, read off the window's thread
            meetings, cycle_id = self.context.services.meetings, row.cycle_id
            self.context.runner.run(
                "meeting-stages",
                lambda: meetings.stage_choices(cycle_id),
                lambda stages: self._fill_stages(row, stages),
                self._failed,
            )

    def _fill_stages(self, row, stages: list[tuple[str, str]]) -> None:
        self.for_stage.clear()
        self.for_stage.addItem("Not set", "")
        for key, label in stages:
            self.for_stage.addItem(label, key)
        self.for_stage.setCurrentIndex(max(0, self.for_stage.findData(row.for_stage or "")))
        self.for_stage.setEnabled(bool(stages))

    @staticmethod
    def read(services) -> list:
        return services.meetings.list()

    def save(self) -> None:
        if self.date.commit():
            super().save()
        else:
            self.date.setFocus()

    def values(self, row) -> dict:
        return {
            "day": self.date.day(),
            "title": self.title_edit.text(),
            "for_stage": self.for_stage.currentData() if self.for_stage.isEnabled() else None,
        }

    @staticmethod
    def store(services, row, values: dict, if_version: int | None):
        return services.meetings.edit(row.id, **values, if_version=if_version)


class BodyEditDialog(ChooseAndEditDialog):
    """A body's name, its panel's name and the panel's members in post (from today)."""

    title = "Change a body"
    chooser_label = "&Body"

    def build(self) -> None:
        self.name = self.add_row("&Name", QLineEdit(), "--name", "Name of the body")
        self.panel = self.add_row("&Panel", QLineEdit(), "--panel", "Name of its panel")
        self.members = self.add_row(
            "M&embers in post", members_box(), "--members", "Members of the panel in post"
        )

    def describe(self, row) -> str:
        return f"{row.name} ({row.id})"

    def fill(self, row) -> None:
        self.name.setText(row.name)
        self.panel.setText(row.panel_name or "")
        self.members.setValue(row.members or 0)

    @staticmethod
    def read(services) -> list:
        return services.bodies.list()

    def values(self, row) -> dict:
        members, panel = self.members.value() or None, self.panel.text()
        return {
            "name": self.name.text(),
            "panel": panel if panel != (row.panel_name or "") else None,
            "members": members if members != row.members else None,  # recorded only when it moves
        }

    @staticmethod
    def store(services, row, values: dict, if_version: int | None):
        return services.bodies.edit(row.id, **values, if_version=if_version)
