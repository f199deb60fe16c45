"""The review workspace: the document's text as read beside what the reader proposed, each item highlighted
in place. A thin view over tracker.services.review.Review, which does all the editing."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QPalette, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.numbers import natural_key
from tracker.domain.types import DISPOSITIONS, REPLY, REPORT
from tracker.errors import TrackerError
from ui.colours import tint
from ui.widgets import table_view

if TYPE_CHECKING:  # the editing core brings the document readers: loaded with the first document read
    from tracker.services.review import Review

# the shades of the items in the text, over the palette's base (light or dark), each with a text colour AA on it
ITEM_HUE, FLAGGED_HUE, CURRENT_HUE = "#1a73e8", "#f9ab00", "#1a73e8"
_ROOT = QModelIndex()


class ReviewItemModel(QAbstractTableModel):
    """The proposed items, always in the document's order (never sorted by a column)."""

    COL_NUMBER, COL_CHECK, COL_DETAIL, COL_BY, COL_TEXT = range(5)
    SEPARATOR = " | "
    failed = Signal(str)  # an edit the review refused, and why

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.review: Review | None = None

    def set_review(self, review: Review | None) -> None:
        self.beginResetModel()
        self.review = review
        self.endResetModel()

    def changed(self) -> None:
        """The review was edited: show it again (items may have come, gone or moved)."""
        self.beginResetModel()
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() or self.review is None else len(self.review.items)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else 5

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        reply = self.review is not None and self.review.kind == REPLY
        return (
            "Answers" if reply else "No.",
            "Reader unsure",
            "Disposition" if reply else "Sub-points",
            "Made by",
            "Reply passage" if reply else "Recommendation",
        )[section]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.review is None:
            return None
        item = self.review.items[index.row()]
        value, column = item.value, index.column()
        reply = self.review.kind == REPLY
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_NUMBER:
                return item.label or "(none)"
            if column == self.COL_CHECK:
                return ("⚠ " + "; ".join(item.flags)) if item.flags else ""
            if column == self.COL_DETAIL:
                if reply:
                    return (item.disposition or value.disposition) + (
                        " (changed)" if item.disposition else ""
                    )
                return len(value.subpoints) or ""
            if column == self.COL_BY:
                return "officer" if item.by_officer else "reader"
            return " ".join(value.text.split())[:220]
        if role == Qt.ItemDataRole.EditRole:
            if column == self.COL_NUMBER:
                return item.label
            if column == self.COL_DETAIL:
                return (
                    (item.disposition or value.disposition) if reply else self.SEPARATOR.join(value.subpoints)
                )
            return value.text
        if role == Qt.ItemDataRole.ToolTipRole:
            why = "The reader is unsure: " + "; ".join(item.flags) + ".\n\n" if item.flags else ""
            if column == self.COL_DETAIL and not reply:
                return "\n".join(value.subpoints) or None
            return why + value.text
        return None

    def flags(self, index):
        base = super().flags(index)
        if index.column() in (self.COL_NUMBER, self.COL_DETAIL) or (
            index.column() == self.COL_TEXT and self.review is not None and self.review.kind == REPORT
        ):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.review is None:
            return False
        review, row, text = self.review, index.row(), str(value).strip()
        try:
            if index.column() == self.COL_NUMBER:
                review.renumber(row, text)
            elif index.column() == self.COL_DETAIL and review.kind == REPLY:
                review.set_disposition(row, text)
            elif index.column() == self.COL_DETAIL:
                review.edit_text(row, review.items[row].value.text, text.split(self.SEPARATOR.strip()))
            elif index.column() == self.COL_TEXT:
                review.edit_text(row, text)
            else:
                return False
        except TrackerError as exc:
            self.failed.emit(str(exc))
            return False
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return True


class DispositionDelegate(QStyledItemDelegate):
    """A reply passage's disposition is chosen from a drop-down of the dispositions the register knows."""

    def createEditor(self, parent, option, index):  # noqa: N802
        model = index.model()
        review = getattr(model, "review", None)
        if index.column() != ReviewItemModel.COL_DETAIL or review is None or review.kind != REPLY:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setAccessibleName("Disposition of this reply passage")
        combo.addItems(DISPOSITIONS)
        return combo

    def setEditorData(self, editor, index):  # noqa: N802
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findText(str(index.data(Qt.ItemDataRole.EditRole)))))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class ReviewWorkspace(QWidget):
    """The text as read (left) and the proposed list (right), with the editing actions as buttons, in the
    text's context menu and on keyboard shortcuts."""

    changed = Signal()  # the review was edited
    message = Signal(str)  # something the officer asked for could not be done, and why

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review: Review | None = None
        self._positions: _Positions | None = None
        self.highlighted = 0  # how many items are shaded in the text
        self._shades: list[QTextEdit.ExtraSelection] = []  # every item's shade, built once per edit
        # replaced in tests: a modal dialog would block an offscreen run
        self.ask_text = lambda title, label, proposed: _ask_text(self, title, label, proposed)
        self.choose_numbers = lambda title, known, ticked: _choose_numbers(self, title, known, ticked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        text_label = QLabel("Te&xt as read (select text, then add it; Shift+F10 for the menu)")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setAccessibleName("Document text as read")
        self.text.setTabChangesFocus(True)
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._text_menu)
        text_label.setBuddy(self.text)
        left_layout.addWidget(text_label)
        left_layout.addWidget(self.text, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.current = QLabel("Nothing selected.")
        self.current.setWordWrap(True)
        self.current.setAccessibleName("Selected item")
        right_layout.addWidget(self.current)
        self.model = ReviewItemModel(self)
        self.model.failed.connect(self.message.emit)
        self.list = table_view("Proposed items", self.model, sortable=False)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.dispositions = DispositionDelegate(self.list)
        self.list.setItemDelegateForColumn(ReviewItemModel.COL_DETAIL, self.dispositions)
        right_layout.addWidget(self.list, 1)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([560, 640])
        layout.addWidget(splitter, 1)

        self.actions_: list[QAction] = []
        self.add_rec = self._action("Add as rec&ommendation", "Ctrl+Shift+R", self.add_recommendation)
        self.add_sub = self._action("Add as s&ub-point", "Ctrl+Shift+U", self.add_subpoint)
        self.answers = self._action("This ans&wers…", "Ctrl+Shift+A", self.tie_answers)
        self.split = self._action("Spl&it at the cursor", "Ctrl+Shift+I", self.split_item)
        self.merge = self._action("&Merge with next", "Ctrl+Shift+M", self.merge_item)
        self.renumber = self._action("Chan&ge number…", "Ctrl+Shift+N", self.renumber_item)
        self.remove = self._action("Remo&ve", "Ctrl+Shift+Del", self.remove_item)
        self.aside = self._action("No&t a recommendation", "Ctrl+Shift+T", self.put_aside)
        self.undo = self._action("Undo", QKeySequence.StandardKey.Undo, self.undo_change)
        self.number_label = number_label = QLabel("Its num&ber")
        self.number = QLineEdit()
        self.number.setAccessibleName("Number for the recommendation added from the selection")
        self.number.setMaximumWidth(70)
        number_label.setBuddy(self.number)
        # under both panes, the whole width: the page still fits 1280 pixels
        self.buttons: dict[QAction, QPushButton] = {}
        adding, editing = QHBoxLayout(), QHBoxLayout()
        adding.addWidget(self._button(self.add_rec))
        adding.addWidget(number_label)
        adding.addWidget(self.number)
        for action in (self.add_sub, self.answers):
            adding.addWidget(self._button(action))
        adding.addStretch(1)
        for action in (self.split, self.merge, self.renumber, self.remove, self.aside, self.undo):
            editing.addWidget(self._button(action))
        editing.addStretch(1)
        layout.addLayout(adding)
        layout.addLayout(editing)
        self.list.selectionModel().currentRowChanged.connect(
            lambda current, _: self._row_chosen(current.row())
        )
        self.text.selectionChanged.connect(self._selection_moved)
        self.text.cursorPositionChanged.connect(self._selection_moved)
        self._update_actions()

    # ---- building ----------------------------------------------------------------------------------
    def _action(self, text: str, shortcut, slot) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        self.actions_.append(action)
        return action

    def _button(self, action: QAction) -> QPushButton:
        button = QPushButton(action.text())
        button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        button.setToolTip(f"{action.text().replace('&', '')} ({action.shortcut().toString()})")
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.clicked.connect(action.trigger)
        action.changed.connect(lambda: _follow(button, action))
        self.buttons[action] = button
        return button

    # ---- showing -----------------------------------------------------------------------------------
    def show_review(self, review: Review | None) -> None:
        self.review = review
        reply = review is not None and review.kind == REPLY
        self.aside.setText("No&t an answer" if reply else "No&t a recommendation")
        self._shades = []
        self.text.setPlainText(review.text if review is not None else "")
        self._positions = _qt_positions(review.text) if review is not None else None
        self.model.set_review(review)
        self.list.resizeColumnToContents(ReviewItemModel.COL_NUMBER)
        self.list.setColumnWidth(ReviewItemModel.COL_CHECK, 150)
        self.list.resizeColumnToContents(ReviewItemModel.COL_DETAIL)
        self.list.resizeColumnToContents(ReviewItemModel.COL_BY)
        self._highlight()
        self._selection_moved()

    def _edited(self, row: int | None = None) -> None:
        self.model.changed()
        self._highlight()
        if row is not None and 0 <= row < self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(row, 0))
        self._selection_moved()
        self.changed.emit()

    def _qt(self, offset: int) -> int:
        return offset if self._positions is None else self._positions(offset)

    def _highlight(self) -> None:
        """Every proposed item shaded in place (a doubtful one also dotted underlined): built once per edit.
        The chosen item gets an overlay of its own (see `_show_chosen`)."""
        review = self.review
        shades = []
        if review is not None and review.items:
            pal = self.text.palette()
            plain, doubtful = _shade(ITEM_HUE, pal, 0.16), _shade(FLAGGED_HUE, pal, 0.3)
            doubtful.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            cursor = QTextCursor(self.text.document())
            qt, drawn = self._qt, self._drawn
            for item in review.items:
                start, end = drawn(item)
                cursor.setPosition(qt(start))
                cursor.setPosition(qt(end), QTextCursor.MoveMode.KeepAnchor)
                selection = QTextEdit.ExtraSelection()
                selection.cursor = QTextCursor(cursor)
                selection.format = doubtful if item.flags else plain
                shades.append(selection)
        self._shades = shades
        self.highlighted = len(shades)
        self._show_chosen(self.list.currentIndex().row())

    def _drawn(self, item) -> tuple[int, int]:
        """Where an item's shade starts and ends: without the blank lines its span may take in."""
        text, start, end = self.review.text, item.start, item.end
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        return start, end

    def chosen_overlay(self) -> QTextEdit.ExtraSelection | None:
        """The overlay on the chosen item, or None when no item is chosen."""
        selections = self.text.extraSelections()
        return selections[-1] if len(selections) > len(self._shades) else None

    def _show_chosen(self, row: int) -> None:
        """The chosen item on top of the shades: darker, bold and underlined (not colour alone). Only this
        overlay is made again when the choice moves."""
        review = self.review
        if review is None or not 0 <= row < len(review.items):
            self.text.setExtraSelections(self._shades)
            return
        item = review.items[row]
        cursor = QTextCursor(self.text.document())
        start, end = self._drawn(item)
        cursor.setPosition(self._qt(start))
        cursor.setPosition(self._qt(end), QTextCursor.MoveMode.KeepAnchor)
        form = _shade(CURRENT_HUE, self.text.palette(), 0.38)
        form.setFontWeight(QFont.Weight.Bold)
        form.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        form.setProperty(QTextFormat.Property.FullWidthSelection, False)
        overlay = QTextEdit.ExtraSelection()
        overlay.cursor = cursor
        overlay.format = form
        self.text.setExtraSelections([*self._shades, overlay])

    def _row_chosen(self, row: int) -> None:
        """Choosing an item in the list scrolls the text to it."""
        review = self.review
        self._show_chosen(row)
        if review is None or not 0 <= row < len(review.items):
            self.current.setText("Nothing selected.")
            return
        item = review.items[row]
        what = "Recommendation" if review.kind == REPORT else "Answer to"
        unsure = f" Reader unsure: {'; '.join(item.flags)}." if item.flags else ""
        made = "added or changed by you" if item.by_officer else "as the reader proposed it"
        self.current.setText(f"Selected: {what} {item.label or '(no number)'}, {made}.{unsure}")
        if not self.text.hasFocus():
            cursor = self.text.textCursor()
            cursor.setPosition(self._qt(item.start))
            self.text.setTextCursor(cursor)
            self.text.centerCursor()

    def _selection_moved(self) -> None:
        review = self.review
        if review is not None and review.kind == REPORT:
            start, _ = self.selected_span()
            self.number.setText(review.proposed_number_at(start))
            owner = self._owner_for_subpoint(start)
            self.add_sub.setText(f"Add as s&ub-point of {owner}" if owner else "Add as s&ub-point")
            self.add_rec.setText(f"Add as rec&ommendation {self.number.text()}")
        self._update_actions()

    def _update_actions(self) -> None:
        review = self.review
        has_review = review is not None
        report = has_review and review.kind == REPORT
        selected = self.text.textCursor().hasSelection()
        row = self.list.currentIndex().row()
        has_row = has_review and 0 <= row < len(review.items)
        self.add_rec.setVisible(not has_review or report)
        self.add_sub.setVisible(not has_review or report)
        self.answers.setVisible(not has_review or not report)
        self.number.setEnabled(report)
        self.number.setVisible(not has_review or report)  # a reply's numbers are ticked in This answers…
        self.number_label.setVisible(not has_review or report)
        self.add_rec.setEnabled(report and selected)
        self.add_sub.setEnabled(
            report and selected and self._owner_for_subpoint(self.selected_span()[0]) is not None
        )
        self.answers.setEnabled(has_review and not report and selected)
        self.split.setEnabled(has_review and self._item_at_cursor() is not None)
        for action in (self.merge, self.renumber, self.remove, self.aside):
            action.setEnabled(has_row)
        self.merge.setEnabled(has_row and row < len(review.items) - 1)
        self.undo.setEnabled(has_review and review.can_undo)

    # ---- the text's positions ----------------------------------------------------------------------
    def selected_span(self) -> tuple[int, int]:
        """The selection (or the cursor) as offsets into the document's text."""
        cursor = self.text.textCursor()
        return self._offset(cursor.selectionStart()), self._offset(cursor.selectionEnd())

    def _offset(self, qt_position: int) -> int:
        if self._positions is None:
            return qt_position
        return self._positions.back(qt_position)

    def _item_at_cursor(self) -> int | None:
        if self.review is None:
            return None
        return self.review.item_at(self._offset(self.text.textCursor().position()))

    def _owner_for_subpoint(self, offset: int) -> str | None:
        """The recommendation a selection here would be a sub-point of: the nearest one before it."""
        if self.review is None or self.review.kind != REPORT:
            return None
        before = [i for i in self.review.items if i.start < offset]
        return before[-1].label if before else None

    # ---- the actions -------------------------------------------------------------------------------
    def _run(self, change) -> None:
        """Do one edit; a refusal is said, never raised."""
        if self.review is None:
            return
        try:
            row = change(self.review)
        except TrackerError as exc:
            self.message.emit(str(exc))
            return
        self._edited(row)

    def add_recommendation(self) -> None:
        start, end = self.selected_span()
        self._run(lambda r: r.add_recommendation(start, end, self.number.text() or None))

    def add_subpoint(self) -> None:
        start, end = self.selected_span()
        owner = self._owner_for_subpoint(start)
        if owner is not None:
            self._run(lambda r: r.add_subpoint(start, end, owner))

    def tie_answers(self) -> None:
        """The selection answers the recommendations ticked in a list of the cycle's numbers."""
        if self.review is None:
            return
        start, end = self.selected_span()
        inside = self.review.item_at(start)
        ticked = self.review.items[inside].value.numbers if inside is not None else ()
        numbers = self.choose_numbers("This answers…", self.review.known, ticked)
        if numbers is not None:
            self._run(lambda r: r.answers(start, end, numbers))

    def split_item(self) -> None:
        index = self._item_at_cursor()
        at = self._offset(self.text.textCursor().position())
        if index is not None:
            self._run(lambda r: r.split(index, at)[1])

    def merge_item(self) -> None:
        row = self.list.currentIndex().row()
        self._run(lambda r: r.merge_with_next(row))

    def renumber_item(self) -> None:
        row = self.list.currentIndex().row()
        if self.review is None or not 0 <= row < len(self.review.items):
            return
        item = self.review.items[row]
        if self.review.kind == REPLY:
            numbers = self.choose_numbers("Change what this answers", self.review.known, item.value.numbers)
            if numbers is not None:
                self._run(lambda r: r.renumber(row, ", ".join(numbers)) or row)
            return
        number = self.ask_text("Change number", "Its number", item.label)
        if number is not None:
            self._run(lambda r: r.renumber(row, number) or row)

    def remove_item(self) -> None:
        row = self.list.currentIndex().row()
        self._run(lambda r: r.remove(row) or min(row, len(r.items) - 1))

    def put_aside(self) -> None:
        row = self.list.currentIndex().row()
        self._run(lambda r: r.put_aside(row) or min(row, len(r.items) - 1))

    def undo_change(self) -> None:
        self._run(lambda r: r.undo() and None)

    def text_menu(self, point) -> QMenu:
        """The text's own menu (copy, select all) and every edit that applies here."""
        menu = self.text.createStandardContextMenu(point)
        menu.addSeparator()
        for action in self.actions_:
            if action.isVisible():
                menu.addAction(action)
        return menu

    def _text_menu(self, point) -> None:
        self.text_menu(point).exec(self.text.mapToGlobal(point))


def _follow(button: QPushButton, action: QAction) -> None:
    button.setText(action.text())
    button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
    button.setEnabled(action.isEnabled())
    button.setVisible(action.isVisible())


def _ask_text(parent: QWidget, title: str, label: str, proposed: str) -> str | None:
    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, proposed)
    return text if ok else None


def _shade(hue: str, pal: QPalette, share: float) -> QTextCharFormat:
    background, text = tint(hue, pal, share)
    form = QTextCharFormat()
    form.setBackground(background)
    form.setForeground(text)
    return form


class NumberPicker(QDialog):
    """A small dialog: the cycle's recommendation numbers as a list of check boxes (Space ticks one), and a
    line for a number the cycle does not hold yet."""

    def __init__(self, parent: QWidget | None, title: str, known, ticked) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel("&Recommendations this text answers (tick one, or several for a grouped answer)")
        label.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Recommendations this text answers")
        label.setBuddy(self.list)
        ticked = [n for n in ticked if n]
        for number in sorted(dict.fromkeys(known), key=natural_key):
            entry = QListWidgetItem(f"Recommendation {number}")
            entry.setData(Qt.ItemDataRole.UserRole, number)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if number in ticked else Qt.CheckState.Unchecked)
            self.list.addItem(entry)
        if self.list.count():
            self.list.setCurrentRow(0)
        other_label = QLabel("&Other numbers, separated by commas")
        self.other = QLineEdit(", ".join(n for n in ticked if n not in known))
        self.other.setAccessibleName("Other recommendation numbers this text answers")
        other_label.setBuddy(self.other)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for widget in (label, self.list, other_label, self.other, buttons):
            layout.addWidget(widget)

    def tick(self, *numbers: str) -> None:
        for row in range(self.list.count()):
            entry = self.list.item(row)
            if entry.data(Qt.ItemDataRole.UserRole) in numbers:
                entry.setCheckState(Qt.CheckState.Checked)

    def numbers(self) -> list[str]:
        ticked = [
            self.list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]
        others = [n.strip() for n in self.other.text().replace(" and ", ",").split(",") if n.strip()]
        return list(dict.fromkeys([*ticked, *others]))


def _choose_numbers(parent: QWidget, title: str, known, ticked) -> list[str] | None:
    picker = NumberPicker(parent, title, known, ticked)
    return picker.numbers() if picker.exec() == QDialog.DialogCode.Accepted else None


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class _Positions:
    """Python counts characters; Qt counts UTF-16 units. Only a text with characters beyond the basic plane
    (emoji, some symbols) needs the conversion."""

    def __init__(self, text: str) -> None:
        self._astral = [found.start() for found in _ASTRAL.finditer(text)]

    def __call__(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset)

    def back(self, position: int) -> int:
        offset = position
        while offset > 0 and self(offset) > position:
            offset -= 1
        return offset


def _qt_positions(text: str) -> _Positions | None:
    return _Positions(text) if _ASTRAL.search(text) else None
