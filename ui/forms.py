"""What the setup dialogs share: an error shown beside the field it names, and dates in and out of Qt."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLabel, QWidget


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


NO_DATE = QDate(1900, 1, 1)  # a date editor's "no date yet", shown as its special text


def allow_no_date(edit: QDateEdit, day: dt.date | None = None) -> None:
    """Let a QDateEdit show "choose a date" instead of a made-up one: a date nobody entered must never be
    saved as if someone had (today's date, or the date of the row looked at before). Use a DateEdit, whose
    calendar then opens on this month."""
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("choose a date")
    edit.setDate(to_qdate(day) if day else NO_DATE)


class DateEdit(QDateEdit):
    """A date editor whose calendar, while no date is chosen, opens on this month rather than on January
    1900 (the "no date" marker)."""

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().mousePressEvent(event)
        self._open_on_today()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().keyPressEvent(event)
        self._open_on_today()

    def _open_on_today(self) -> None:
        if self.calendarPopup() and self.date() == NO_DATE:
            today = dt.date.today()
            self.calendarWidget().setCurrentPage(today.year, today.month)


def chosen_date(edit) -> dt.date | None:
    """The editor's date, or None while it shows "choose a date"."""
    return None if edit.date() == NO_DATE else from_qdate(edit.date())


def error_label() -> QLabel:
    """A label under a field for the message about it: red text with a written mark, never colour alone."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #8a1c13;")
    label.setAccessibleName("Problem with this field")
    label.hide()
    return label


class FieldErrors:
    """Shows a BadInput's message beside the field it names (`--name`, `id`, `--trigger election`, ...)."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}

    def add(self, field: str, label: QLabel) -> QLabel:
        self.labels[field] = label
        return label

    def clear(self) -> None:
        for label in self.labels.values():
            label.clear()
            label.hide()

    def show(self, exc: BaseException, fallback: QLabel) -> QWidget:
        """Put the message beside its field (or in `fallback`); returns the label used."""
        from tracker.errors import BadInput

        self.clear()
        text = str(exc) if isinstance(exc, BadInput) else f"{exc.__class__.__name__}: {exc}"
        target = fallback
        if isinstance(exc, BadInput):
            field = exc.field
            target = self.labels.get(field) or self.labels.get(field.split(" ")[0]) or fallback
        target.setText(f"⚠ {text}")
        target.show()
        return target


def save_cancel(dialog, layout, save_text: str):
    """The error line and the Save / Cancel buttons every setup dialog ends with. Returns (error label, Save)."""
    from PySide6.QtWidgets import QDialogButtonBox

    general_error = error_label()
    layout.addWidget(general_error)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
    save_button.setText(save_text)
    save_button.setAccessibleName(save_text.replace("&", ""))
    buttons.accepted.connect(dialog.save)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return general_error, save_button
