"""New cycle (and Edit cycle): choose the body and the process, fill in the trigger dates it needs, each
explained in plain words, and see every date it will derive, with its working, before saving."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.colours import muted_style
from ui.context import AppContext
from ui.forms import DateField, FieldErrors, error_label, save_cancel
from ui.models import ObjectRole, PreviewTableModel, sortable
from ui.widgets import table_view


class TriggerField(QWidget):
    """One trigger date: its label, a date box (with "known" for an optional one) and what it means."""

    changed = Signal()

    def __init__(self, trigger, initial: dt.date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trigger = trigger
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        # no made-up default: a date nobody entered must not drive every deadline of the cycle
        self.date = DateField(initial, name=trigger.label, allow_empty=True)
        row.addWidget(self.date)
        self.known = None
        if trigger.optional:
            self.known = QCheckBox("known")
            self.known.setAccessibleName(f"{trigger.label} is known")
            self.known.setChecked(initial is not None)
            self.date.setEnabled(initial is not None)
            self.known.toggled.connect(self.date.setEnabled)
            self.known.toggled.connect(lambda _: self.changed.emit())
            row.addWidget(self.known)
        row.addStretch(1)
        layout.addLayout(row)
        help_text = QLabel(
            trigger.help + (" Leave it unticked if it does not apply." if trigger.optional else "")
        )
        help_text.setWordWrap(True)
        help_text.setStyleSheet(muted_style())
        layout.addWidget(help_text)
        self.error = error_label()
        layout.addWidget(self.error)
        self.date.dateChanged.connect(lambda _: self.changed.emit())

    def value(self) -> dt.date | None:
        if self.known is not None and not self.known.isChecked():
            return None
        return self.date.day()

    def missing(self) -> bool:
        """A date the cycle needs (or one ticked as known) that has not been entered."""
        wanted = self.known is None or self.known.isChecked()
        return wanted and self.date.day() is None


class CycleDialog(QDialog):
    """With `cycle` None it adds a cycle; given a CycleDetail it edits that cycle's title, notes and triggers."""

    saved = Signal(str)  # the cycle id

    def __init__(self, context: AppContext, bodies, cycle=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.cycle = cycle
        self.setWindowTitle("Edit cycle" if cycle else "New cycle")
        self.setAccessibleName(self.windowTitle())
        self.errors = FieldErrors()
        self.trigger_fields: list[TriggerField] = []
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.body = QComboBox()
        self.body.setAccessibleName("Body")
        for body in bodies:
            self.body.addItem(f"{body.name} ({body.panel_name or 'no panel'})", body)
        self.process = QComboBox()
        self.process.setAccessibleName("Process")
        self.cycle_id = QLineEdit()
        self.cycle_id.setAccessibleName("Cycle id")
        self.cycle_id.setPlaceholderText("e.g. wessex-plan-2024")
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setPlaceholderText("made from the process, year and body if left empty")
        for label_text, widget, field in (
            ("&Body", self.body, "--body"),
            ("&Process", self.process, "--template"),
            ("&Id", self.cycle_id, "id"),
            ("&Title", self.title_edit, "--title"),
        ):
            box = QVBoxLayout()
            box.addWidget(widget)
            box.addWidget(self.errors.add(field, error_label()))
            label = QLabel(label_text)
            label.setBuddy(widget)
            form.addRow(label, box)
        self.notes = None
        if cycle is not None:
            self.notes = QPlainTextEdit(cycle.notes)
            self.notes.setAccessibleName("Notes")
            self.notes.setFixedHeight(60)
            self.notes.setTabChangesFocus(True)  # Tab moves on to the trigger dates and the buttons
            notes_label = QLabel("&Notes")
            notes_label.setBuddy(self.notes)
            form.addRow(notes_label, self.notes)
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>Trigger dates</b>: what starts the clocks of this process"))
        self.triggers_box = QVBoxLayout()
        layout.addLayout(self.triggers_box)
        layout.addWidget(QLabel("<b>The dates it will derive</b> (select one to see its working)"))
        self.preview = PreviewTableModel(self)
        self.preview_view = table_view(
            "Dates the cycle will derive",
            sortable(self.preview, self),
            stretch_column=PreviewTableModel.COL_LABEL,
        )
        self.preview_view.setMinimumHeight(150)
        self.preview_view.sortByColumn(PreviewTableModel.COL_DATE, Qt.SortOrder.AscendingOrder)
        layout.addWidget(self.preview_view, 1)
        self.working = QLabel()
        self.working.setWordWrap(True)
        self.working.setAccessibleName("Working of the selected date")
        self.working.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.working)
        self.general_error, self.save_button = save_cancel(self, layout, "&Save cycle")
        self.resize(760, 720)

        self._id_typed = False  # once the user types an id, suggestions stop overwriting it
        self.cycle_id.textEdited.connect(lambda _: setattr(self, "_id_typed", True))
        self.body.currentIndexChanged.connect(lambda _: self._fill_processes())
        self.process.currentIndexChanged.connect(lambda _: self._build_triggers())
        self.preview_view.selectionModel().currentRowChanged.connect(self._show_working)
        if cycle is not None:
            index = next(
                (i for i in range(self.body.count()) if self.body.itemData(i).id == cycle.body.id), 0
            )
            self.body.setCurrentIndex(index)
            self.body.setEnabled(False)
            self.cycle_id.setText(cycle.summary.id)
            self.cycle_id.setReadOnly(True)
            self.title_edit.setText(cycle.summary.title)
        self._fill_processes()
        if cycle is not None:
            index = next(
                (
                    i
                    for i in range(self.process.count())
                    if self.process.itemData(i).id == cycle.summary.template_id
                ),
                0,
            )
            self.process.setCurrentIndex(index)
            self.process.setEnabled(False)

    # ---- building the form -------------------------------------------------------------------------
    def _fill_processes(self) -> None:
        from tracker.services.processes import processes_for

        body = self.body.currentData()
        self.process.blockSignals(True)
        self.process.clear()
        for process in processes_for(body.regime if body else None):
            self.process.addItem(process.title, process)
        self.process.blockSignals(False)
        self._build_triggers()

    def _build_triggers(self) -> None:
        while self.triggers_box.count():
            item = self.triggers_box.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.trigger_fields = []
        for key in [k for k in self.errors.labels if k.startswith("--trigger ")]:
            del self.errors.labels[key]
        process = self.process.currentData()
        if process is None:
            return
        known = self._known_triggers()
        form = QFormLayout()
        holder = QWidget()
        holder.setLayout(form)
        for trigger in process.triggers:
            field = TriggerField(trigger, known.get(trigger.name) if self.cycle else None)
            first_choice = bool(process.requires_one_of) and trigger.name == process.requires_one_of[0]
            if self.cycle is None and (not trigger.optional or first_choice):
                suggested = _suggested(trigger.name)
                if suggested is not None:
                    field.date.setDate(suggested)
                if field.known is not None:
                    field.known.setChecked(True)
            field.changed.connect(self._update_preview)
            self.errors.add(f"--trigger {trigger.name}", field.error)
            label = QLabel(trigger.label)
            label.setBuddy(field.date)
            label.setWordWrap(True)
            form.addRow(label, field)
            self.trigger_fields.append(field)
        self.triggers_box.addWidget(holder)
        # Tab follows the screen: the trigger dates sit between the fields above and the table below (made
        # after the rest of the form, they would otherwise come last)
        chain: list[QWidget] = [self.notes or self.title_edit]
        for field in self.trigger_fields:
            chain.append(field.date.edit)  # the box itself: the field is only its frame
            if field.known is not None:
                chain.append(field.known)
        chain.append(self.preview_view)
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self._suggest_id()
        self._update_preview()

    def _known_triggers(self) -> dict[str, dt.date]:
        if self.cycle is None:
            return {}
        return {
            s.key: s.actual for s in self.cycle.stages if s.is_trigger and s.actual and s.precision == "day"
        }

    def _suggest_id(self) -> None:
        if self.cycle is not None or self._id_typed:
            return
        body, process = self.body.currentData(), self.process.currentData()
        if body is None or process is None:
            return
        triggers = self.triggers()
        year = min(triggers.values()).year if triggers else dt.date.today().year
        kind = re.sub(r"[^a-z0-9]+", "-", process.kind.lower())
        self.cycle_id.setText(f"{body.id}-{kind}-{year}"[:64])

    def triggers(self) -> dict[str, dt.date]:
        return {f.trigger.name: f.value() for f in self.trigger_fields if f.value() is not None}

    # ---- preview and save --------------------------------------------------------------------------
    def _update_preview(self) -> None:
        from tracker.services.processes import preview

        process, body = self.process.currentData(), self.body.currentData()
        if process is None:
            return
        triggers = self.triggers()
        regime = body.regime if body else None
        self._suggest_id()
        self.errors.clear()
        if any(f.missing() for f in self.trigger_fields):
            self.preview.set_rows([])
            self.working.setText(
                "Enter the dates above: every date the cycle derives from them is shown here."
            )
            self.save_button.setEnabled(False)
            return
        self.context.runner.run(
            "cycle-preview",
            lambda: preview(process.id, triggers, regime),
            self._show_preview,
            self._preview_failed,
        )

    def _show_preview(self, rows) -> None:
        self.preview.set_rows(rows)
        self.preview_view.resizeColumnsToContents()
        self.working.setText("")
        self.save_button.setEnabled(True)

    def _preview_failed(self, exc: BaseException) -> None:
        self.preview.set_rows([])
        self.errors.show(exc, self.general_error)

    def _show_working(self, current, _previous=None) -> None:
        row = self.preview_view.model().data(current, ObjectRole) if current.isValid() else None
        if row is None:
            self.working.setText("")
            return
        notes = "".join(f"\nNote: {w}" for w in row.warnings)
        self.working.setText(f"{row.label} ({row.citation}): {row.working}{notes}")

    def save(self) -> None:
        services = self.context.services
        typed = [f.date for f in self.trigger_fields if f.date.isEnabled()]
        wrong = next((field for field in typed if not field.commit()), None)
        if wrong is not None:  # what is typed is not a date: it says why beside itself
            wrong.setFocus()
            return
        triggers = self.triggers()
        self.errors.clear()
        self.save_button.setEnabled(False)
        if self.cycle is None:
            body, process = self.body.currentData(), self.process.currentData()
            if body is None or process is None:
                self.general_error.setText("⚠ Add a body first (File › Settings, or the first-start page).")
                self.general_error.show()
                return
            cycle_id, title = self.cycle_id.text().strip(), self.title_edit.text().strip()

            def work():
                return services.cycles.create_cycle(cycle_id, title, process.id, body.id, triggers=triggers)
        else:
            cycle_id = self.cycle.summary.id
            title = self.title_edit.text()
            notes = self.notes.toPlainText() if self.notes else None
            changed = {k: v for k, v in triggers.items() if self._known_triggers().get(k) != v}

            def work():
                services.cycles.edit_cycle(cycle_id, title=title, notes=notes, triggers=changed)
                return cycle_id

        self.context.runner.run("cycle-save", work, self._saved, self._save_failed)

    def _saved(self, cycle_id: str) -> None:
        self.context.data_changed.emit(cycle_id)
        self.saved.emit(cycle_id)
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.errors.show(exc, self.general_error)


def _suggested(trigger: str) -> dt.date | None:
    """A first guess where the calendar gives one (the next 1 April, the last 31 March); an event's date
    (an election, a notification) is never guessed: a made-up date would drive every deadline."""
    today = dt.date.today()
    if trigger == "financial_year_start":
        return dt.date(today.year + (1 if today.month >= 4 else 0), 4, 1)
    if trigger == "year_end":
        return dt.date(today.year - (0 if today.month > 3 else 1), 3, 31)
    return None
