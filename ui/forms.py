"""What the setup dialogs share: an error shown beside the field it names, and dates in and out of Qt."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


NO_DATE = QDate(1900, 1, 1)  # what date() answers while a DateField has no date


class DateField(QWidget):
    """A date typed as people write it (2/5/2024, 02/05/2024, 2 May 2024, 2024-05-02: day first) or picked
    from a calendar (the button, or Alt+Down / F4 in the box). A date that is not one clear day is refused
    beside the field in words, also given to screen readers as the box's accessible description.

    With `allow_empty` the field may stay blank ("choose a date"): a date nobody entered is never saved as if
    someone had. Otherwise a cleared box goes back to the last good date."""

    dateChanged = Signal(object)  # noqa: N815 - named as Qt's date editors name it; dt.date, or None when blank

    def __init__(
        self,
        day: dt.date | None = None,
        *,
        name: str = "Date",
        allow_empty: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._day: dt.date | None = day
        self._allow_empty = allow_empty
        self._problem = ""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("choose a date" if allow_empty else "e.g. 2/5/2024")
        self.edit.setMinimumWidth(130)
        self.edit.setToolTip(
            "Type the date day first (2/5/2024 or 2 May 2024), or pick it from the calendar (Alt+Down or F4)"
        )
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setToolTip("Pick the date from a calendar (Alt+Down)")
        self.button.setFocusPolicy(
            Qt.FocusPolicy.NoFocus
        )  # Alt+Down or F4 in the box: one tab stop, as before
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        outer.addLayout(row)
        self.error = error_label()
        outer.addWidget(self.error)
        self.setFocusProxy(self.edit)
        self.setAccessibleName(name)
        self.edit.installEventFilter(self)
        self.edit.editingFinished.connect(self.commit)
        self.edit.textEdited.connect(lambda _text: self._show_problem(""))
        self.button.clicked.connect(self.open_calendar)
        self.calendar: QCalendarWidget | None = None
        self._show_text()

    # ---- the API the pages use -----------------------------------------------------------------------
    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt's name
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)
        self.button.setAccessibleName(f"{name}: pick from a calendar")

    def setToolTip(self, text: str) -> None:  # noqa: N802 - Qt's name
        self.edit.setToolTip(
            f"{text}. Type it day first (2/5/2024 or 2 May 2024), or Alt+Down for a calendar"
        )

    def day(self) -> dt.date | None:
        return self._day

    def date(self) -> QDate:
        return to_qdate(self._day) if self._day else NO_DATE

    def setDate(self, day: dt.date | QDate | None) -> None:  # noqa: N802 - as Qt's date editors
        if isinstance(day, QDate):
            day = None if day == NO_DATE else from_qdate(day)
        self._show_problem("")
        self._set(day)

    def text(self) -> str:
        return self.edit.text()

    def problem(self) -> str:
        """What is wrong with the typed text ("" when nothing is)."""
        return self._problem

    def commit(self) -> bool:
        """Read what is typed: True when it is a date (or blank where blank is allowed); else the problem is
        shown beside the field and the date stays what it was."""
        from tracker.domain.typed_dates import TypedDateError, parse_typed_date

        text = self.edit.text()
        try:
            day = parse_typed_date(text)
        except TypedDateError as exc:
            self._show_problem(str(exc))
            return False
        if day is None and not self._allow_empty:
            self._show_problem("Type a date here (2/5/2024 or 2 May 2024), or pick one from the calendar")
            return False
        self._show_problem("")
        self._set(day)
        return True

    # ---- inside ----------------------------------------------------------------------------------------
    def _set(self, day: dt.date | None) -> None:
        changed = day != self._day
        self._day = day
        self._show_text()
        if changed:
            self.dateChanged.emit(day)

    def _show_text(self) -> None:
        from tracker.domain.formatting import uk_date

        self.edit.setText(uk_date(self._day, long=True) if self._day else "")

    def _show_problem(self, text: str) -> None:
        self._problem = text
        self.edit.setAccessibleDescription(text)
        if text:
            self.error.setText(f"⚠ {text}")
            self.error.show()
        else:
            self.error.clear()
            self.error.hide()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        """Alt+Down or F4 in the box opens the calendar, as in Qt's own date editors."""
        from PySide6.QtCore import QEvent

        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
            if down or event.key() == Qt.Key.Key_F4:
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)

    def open_calendar(self) -> None:
        """The calendar under the box, on the field's date (or this month while it has none)."""
        if self.calendar is None:
            self._popup = QFrame(self, Qt.WindowType.Popup)
            self._popup.setFrameShape(QFrame.Shape.StyledPanel)
            self.calendar = QCalendarWidget()
            self.calendar.setAccessibleName(f"{self.accessibleName()}: calendar")
            self.calendar.setGridVisible(True)
            self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            box = QVBoxLayout(self._popup)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(self.calendar)
            self.calendar.activated.connect(self._picked)
            self.calendar.clicked.connect(self._picked)
        day = self._day or dt.date.today()
        self.calendar.setSelectedDate(to_qdate(day))
        self.calendar.setCurrentPage(day.year, day.month)
        self._popup.move(self.mapToGlobal(self.edit.geometry().bottomLeft()))
        self._popup.show()
        self.calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        self._popup.hide()
        self.setDate(day)
        self.edit.setFocus()


def allow_no_date(edit: DateField, day: dt.date | None = None) -> None:
    """Show `day` in the field, or "choose a date" when there is none (never a made-up date)."""
    edit.setDate(day)


def chosen_date(edit: DateField) -> dt.date | None:
    """The field's date after reading what is typed, or None while it is blank or what is typed is no date."""
    return edit.day() if edit.commit() else None


def error_label() -> QLabel:
    """A label under a field for the message about it: red text with a written mark, never colour alone."""
    label = QLabel()
    label.setWordWrap(True)
    from ui.colours import error_style

    label.setStyleSheet(error_style())
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


def members_box():
    """The number of a panel's members in post: 1 to 99, or 0 shown as "not recorded"."""
    from PySide6.QtWidgets import QSpinBox

    box = QSpinBox()
    box.setRange(0, 99)
    box.setSpecialValueText("not recorded")
    return box


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
