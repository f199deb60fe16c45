"""Settings: the same keys as `tracker settings`, with a preview of the logo. Saved in one transaction."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.colours import muted_style
from ui.conflicts import ask_keep_or_take, on_refusal
from ui.context import AppContext
from ui.forms import FieldErrors, error_label, save_cancel


class SettingsDialog(QDialog):
    saved = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Settings")
        self.setAccessibleName("Settings")
        self.errors = FieldErrors()
        self.fields: dict[str, QWidget] = {}
        self.logo_choice: str | None = None  # a new file chosen, "" to remove, None to leave as it is
        self.versions: dict[str, int] | None = None  # each setting's version when read
        # keep mine or take theirs when the save meets a newer one; replaced in tests (a modal box blocks)
        self.resolve_conflict = lambda text: ask_keep_or_take(self, text)
        self.choose_file = lambda: QFileDialog.getOpenFileName(
            self, "Choose a logo", "", "Images (*.png *.jpg *.jpeg)"
        )[0]
        layout = QVBoxLayout(self)
        # the form scrolls: with the mail settings it is taller than a 720-pixel screen
        holder = QWidget()
        self.form = QFormLayout(holder)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(holder)
        layout.addWidget(scroll, 1)
        self.general_error, self.save_button = save_cancel(self, layout, "&Save settings")
        self.resize(880, 660)
        self.save_button.setEnabled(False)
        services = context.services
        context.runner.run(
            "settings-load",
            lambda: (
                services.settings.describe(),
                services.settings.logo_bytes(),
                services.settings.versions(),
            ),
            self._fill,
            lambda exc: self.errors.show(exc, self.general_error),
        )

    def _fill(self, result) -> None:
        rows, logo, self.versions = result
        used: set[str] = set()
        for row in rows:
            key = row["key"]
            if key == "logo":
                widget = self._logo_widget(logo)
            elif key == "due_soon_days":
                widget = QSpinBox()
                widget.setRange(0, 365)
                widget.setSuffix(" days")
                widget.setValue(int(row["value"] or row["default"] or 14))
            elif key == "desktop_reminders":
                widget = QComboBox()
                widget.addItem("On: on start and once a day", "on")
                widget.addItem("Off", "off")
                widget.setCurrentIndex(max(0, widget.findData(row["value"] or "on")))
            elif key == "mail_security":
                widget = QComboBox()
                widget.addItem("STARTTLS: upgrade the connection (often port 587)", "starttls")
                widget.addItem("TLS from the start (often port 465)", "ssl")
                widget.addItem("None: a plain connection inside the council's network", "none")
                widget.setCurrentIndex(max(0, widget.findData(row["value"] or "starttls")))
            elif key == "clear_days_count":
                widget = QComboBox()
                widget.addItem("Working days (weekends and bank holidays are not clear days)", "working")
                widget.addItem("Calendar days (every day counts)", "calendar")
                widget.setCurrentIndex(max(0, widget.findData(row["value"] or "working")))
            elif key == "summons_notice_count":
                widget = QComboBox()
                widget.addItem(
                    "Clear days (neither the day of sending nor the day of attendance counts)", "clear"
                )
                widget.addItem("Counting the day the summons is sent", "inclusive")
                widget.setCurrentIndex(max(0, widget.findData(row["value"] or "clear")))
            else:
                widget = QLineEdit(row["value"])
            widget.setAccessibleName(row["label"])
            widget.setToolTip(row["help"])
            self.fields[key] = widget
            label = QLabel(_with_mnemonic(row["label"], used))
            label.setBuddy(widget if key != "logo" else self.logo_button)
            box = QVBoxLayout()
            box.addWidget(widget)
            hint = QLabel(
                row["help"] + (" (kept on this computer)" if row["scope"] == "this computer" else "")
            )
            hint.setWordWrap(True)
            hint.setStyleSheet(muted_style())
            box.addWidget(hint)
            box.addWidget(self.errors.add(key, error_label()))
            self.form.addRow(label, box)
        self.save_button.setEnabled(True)

    def _reload(self) -> None:
        """Show the stored values (take theirs): each field set in place, the versions read again."""
        settings = self.context.services.settings
        self.context.runner.run(
            "settings-load", lambda: (settings.describe(), settings.versions()), self._refill, self._failed
        )

    def _refill(self, result) -> None:
        rows, self.versions = result
        for row in rows:
            widget, value = self.fields.get(row["key"]), row["value"]
            if isinstance(widget, QSpinBox):
                widget.setValue(int(value or row["default"] or 14))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value or row["default"])))
            elif isinstance(widget, QLineEdit):
                widget.setText(value)

    def _logo_widget(self, logo) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(120, 60)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setStyleSheet(
            "border: 1px solid palette(mid); background: white;"
        )  # a logo is printed on white
        self.logo_name = QLabel()
        self.logo_button = QPushButton("Choose…")
        self.logo_button.setAccessibleName("Choose a logo image")
        self.logo_remove = QPushButton("Remove")
        self.logo_remove.setAccessibleName("Remove the logo")
        row.addWidget(self.logo_preview)
        row.addWidget(self.logo_name, 1)
        row.addWidget(self.logo_button)
        row.addWidget(self.logo_remove)
        if logo is not None:
            name, data = logo
            pixmap = QPixmap()
            pixmap.loadFromData(data)
            self._show_logo(pixmap, name)
        else:
            self._show_logo(None, "")
        self.logo_button.clicked.connect(self._choose_logo)
        self.logo_remove.clicked.connect(self._remove_logo)
        return holder

    def _show_logo(self, pixmap: QPixmap | None, name: str) -> None:
        if pixmap is not None and not pixmap.isNull():
            self.logo_preview.setPixmap(
                pixmap.scaled(
                    118, 58, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
            self.logo_preview.setAccessibleName(f"Logo preview: {name}")
        else:
            self.logo_preview.clear()
            self.logo_preview.setText("no logo")
            self.logo_preview.setAccessibleName("No logo")
        self.logo_name.setText(name or "No logo: papers print the organisation's name only")
        self.logo_remove.setEnabled(bool(name))

    def _choose_logo(self) -> None:
        path = self.choose_file()
        if not path:
            return
        pixmap = QPixmap(path)
        if pixmap.isNull():
            self.errors.clear()
            label = self.errors.labels["logo"]
            label.setText(f"⚠ logo: {Path(path).name!r} is not an image this computer can read")
            label.show()
            return
        self.logo_choice = path
        self._show_logo(pixmap, Path(path).name)

    def _remove_logo(self) -> None:
        self.logo_choice = ""
        self._show_logo(None, "")

    def values(self) -> dict[str, str]:
        out = {}
        for key, widget in self.fields.items():
            if key == "logo":
                continue
            if isinstance(widget, QSpinBox):
                out[key] = str(widget.value())
            elif isinstance(widget, QComboBox):
                out[key] = widget.currentData()
            else:
                out[key] = widget.text()
        return out

    def save(self) -> None:
        settings = self.context.services.settings
        values, logo = self.values(), self.logo_choice
        self.errors.clear()

        def work(versions=self.versions):
            settings.check_many(values)
            if logo is not None:  # checked first: a bad image leaves every other setting as it was
                settings.set("logo", logo)
            return settings.set_many(values, if_versions=versions)

        def take_theirs() -> None:  # the dialog shows what is stored now; the officer looks again
            self.save_button.setEnabled(True)
            self.general_error.setText("Took the other change: the settings below are as stored now.")
            self.general_error.show()
            self._reload()

        self.save_button.setEnabled(False)
        failed = on_refusal(
            self.resolve_conflict,
            lambda: self.context.runner.run("settings-save", lambda: work(None), self._saved, self._failed),
            take_theirs,
            self._failed,
        )
        self.context.runner.run("settings-save", work, self._saved, failed)

    def _saved(self, _values) -> None:
        self.context.data_changed.emit("")
        self.saved.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.errors.show(exc, self.general_error)


def _with_mnemonic(label: str, used: set[str]) -> str:
    """Give a label an access key no other label in the dialog has."""
    for i, ch in enumerate(label):
        if ch.isalpha() and ch.lower() not in used:
            used.add(ch.lower())
            return label[:i] + "&" + label[i:]
    return label
