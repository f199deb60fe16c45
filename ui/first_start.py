"""The first-start page of an empty store: pick the police area (or London), name the panel, say how many
members are in post. The area's facts come from the list shipped with the tracker, with their source."""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.colours import muted_style
from ui.forms import FieldErrors, error_label, members_box

KIND_NAMES = {
    "pcc": "Police and crime commissioner",
    "pfcc": "Police, fire and crime commissioner",
    "mayor": "Mayor with police and crime commissioner functions",
    "mopac": "Mayor's Office for Policing and Crime (London)",
}


class FirstStartWidget(QWidget):
    body_created = Signal(str)
    explore_example = Signal()

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from tracker.services.bodies import police_areas

        self.context = context
        self.setAccessibleName("Set up your panel")
        self.errors = FieldErrors()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            "<h3>Set up your panel</h3>This store is empty. Choose your police area and the tracker fills in "
            "the body and panel it knows of; correct anything that has changed. You can add cycles as soon as "
            "the body is saved."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.area = QComboBox()
        self.area.setAccessibleName("Police area")
        self.area.addItem("Choose your police area…", None)
        for area in police_areas():
            self.area.addItem(f"{area.name}{' (Wales)' if area.wales else ''}", area)
        self.area.addItem("Another body, not in this list", "other")
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setStyleSheet(muted_style())
        self.name = QLineEdit()
        self.name.setAccessibleName("Name of the policing body")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of policing body")
        for key, text in KIND_NAMES.items():
            self.kind.addItem(text, key)
        self.panel = QLineEdit()
        self.panel.setAccessibleName("Name of the panel")
        self.members = members_box()
        self.members.setAccessibleName("Panel members in post")
        self.body_id = QLineEdit()
        self.body_id.setAccessibleName("Short id of the body")
        for text, widget, field in (
            ("Police a&rea", self.area, "--area"),
            ("&Body", self.name, "--name"),
            ("&Kind", self.kind, "--kind"),
            ("Pane&l", self.panel, "--panel"),
            ("&Members in post", self.members, "--members"),
            ("Short &id", self.body_id, "id"),
        ):
            box = QVBoxLayout()
            box.addWidget(widget)
            if widget is self.area:
                box.addWidget(self.source)
            box.addWidget(self.errors.add(field, error_label()))
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, box)
        layout.addLayout(form)
        self.general_error = error_label()
        layout.addWidget(self.general_error)
        buttons = QHBoxLayout()
        self.start = QPushButton("&Save and start")
        self.start.setAccessibleName("Save the body and start")
        self.example = QPushButton("E&xplore the London example")
        self.example.setAccessibleName("Explore the London example in a store of its own")
        self.example.setToolTip("Opens the real London cycles in a separate window and store file")
        buttons.addWidget(self.start)
        buttons.addStretch(1)
        buttons.addWidget(self.example)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.area.currentIndexChanged.connect(lambda _: self._area_chosen())
        self.start.clicked.connect(self.save)
        self.example.clicked.connect(self.explore_example)

    def _area_chosen(self) -> None:
        area = self.area.currentData()
        if area is None or area == "other":
            self.source.setText("Type in your body's details." if area == "other" else "")
            return
        self.name.setText(area.body_name or "")
        if area.body_kind:
            self.kind.setCurrentIndex(max(0, self.kind.findData(area.body_kind)))
        self.panel.setText(area.panel_name or "")
        self.body_id.setText(area.id)
        self.source.setText(
            f"From {area.source or 'no source'}, checked {area.checked or 'never'}. "
            "A blank field was not verified: fill it in."
        )

    def save(self) -> None:
        area = self.area.currentData()
        area_name = area.name if area not in (None, "other") else None
        in_wales = area.wales if area not in (None, "other") else None
        body_id = self.body_id.text().strip() or re.sub(r"[^a-z0-9]+", "-", self.name.text().lower()).strip(
            "-"
        )
        values = {
            "name": self.name.text(),
            "kind": self.kind.currentData(),
            "area": area_name,
            "panel": self.panel.text() or None,
            "members": self.members.value() or None,
            "in_wales": in_wales,
        }
        bodies = self.context.services.bodies
        self.errors.clear()
        self.start.setEnabled(False)
        self.context.runner.run("body-add", lambda: bodies.add(body_id, **values), self._saved, self._failed)

    def _saved(self, row) -> None:
        self.start.setEnabled(True)
        self.body_created.emit(row.id)
        self.context.data_changed.emit("")

    def _failed(self, exc: BaseException) -> None:
        self.start.setEnabled(True)
        self.errors.show(exc, self.general_error)
