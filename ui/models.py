"""Table models over the services' plain rows: column constants, a sort role and an object role."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush

from tracker.domain import DISPOSITIONS, Status
from tracker.domain.formatting import uk_date, uk_date_time
from ui.colours import status_colours

ObjectRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
_SORT_ROLE = int(SortRole)

STATUS_MARKS = {
    Status.OVERDUE: "⚠ ",
    Status.EXCEPTION: "✖ ",
    Status.DUE_TODAY: "● ",
    Status.DUE_SOON: "◐ ",
    Status.MET: "✓ ",
    Status.MET_LATE: "✓ ",
    Status.NOT_YET_DUE: "○ ",
    Status.NOT_APPLICABLE: "– ",
    Status.UNDATED: "? ",
    Status.NOT_RECORDED: "◌ ",
    Status.CANNOT_CONFIRM: "≟ ",
}


def status_text(status: Status) -> str:
    return STATUS_MARKS.get(status, "") + str(status)


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    sort: Callable[[Any], Any] | None = None
    tooltip: Callable[[Any], str] | None = None
    align_right: bool = False


def sort_key(value: Any) -> Any:
    """A value Qt's sort proxy can compare: it orders numbers and strings, but not Python dates or tuples
    (it would leave such a column unsorted without a word)."""
    if isinstance(value, dt.datetime):
        return value.timestamp()
    if isinstance(value, dt.date):
        return value.toordinal()
    if isinstance(value, tuple):
        return "\x1f".join(
            f"{part + 10**15:020d}" if isinstance(part, int) else str(sort_key(part)) for part in value
        )
    if value is None:
        return ""
    return value


def date_column(header: str, get: Callable[[Any], dt.date | None], blank: str = "") -> Column:
    return Column(header, lambda r: uk_date(get(r), unknown=blank), sort=lambda r: get(r) or dt.date.max)


class RowTableModel(QAbstractTableModel):
    """A read-only table over a list of frozen rows. `set_rows` resets the model."""

    columns: Sequence[Column] = ()
    status_of: Callable[[Any], Status | None] | None = None

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._sort_keys: dict[int, list[Any]] = {}  # column -> each row's sort key, built on first use
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None  # set by `sort` (in-model sorting)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._sort_keys = {}
        if self._sorted_by is not None and self._rows and 0 <= self._sorted_by[0] < len(self.columns):
            permutation = self._sorted_permutation(*self._sorted_by)
            self._rows = [self._rows[i] for i in permutation]
            self._sort_keys = {}
        self.endResetModel()

    def _sort_key_of(self, row: int, column: int) -> Any:
        """The sort proxy asks for these twice per comparison (n log n times): each is computed once."""
        keys = self._sort_keys.get(column)
        if keys is None:
            get = self.columns[column].sort or self.columns[column].value
            keys = self._sort_keys[column] = [sort_key(get(r)) for r in self._rows]
        return keys[row]

    def rows(self) -> list[Any]:
        return list(self._rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows themselves, each row's key computed once (a stable Python sort): what
        `sortable(..., in_model=True)` asks for instead of the proxy's n log n calls into `data`.
        The order is kept, and applied again, when `set_rows` brings new rows."""
        self._sorted_by = (column, order)
        if not 0 <= column < len(self.columns) or not self._rows:
            return
        self.layoutAboutToBeChanged.emit([], QAbstractTableModel.LayoutChangeHint.VerticalSortHint)
        before = self.persistentIndexList()
        old_rows = [index.row() for index in before]
        permutation = self._sorted_permutation(column, order)
        self._rows = [self._rows[i] for i in permutation]
        self._sort_keys = {c: [keys[i] for i in permutation] for c, keys in self._sort_keys.items()}
        new_row = {old: new for new, old in enumerate(permutation)}
        self.changePersistentIndexList(
            before,
            [self.index(new_row[r], index.column()) for r, index in zip(old_rows, before, strict=True)],
        )
        self.layoutChanged.emit([], QAbstractTableModel.LayoutChangeHint.VerticalSortHint)

    def _sorted_permutation(self, column: int, order: Qt.SortOrder) -> list[int]:
        self._sort_key_of(0, column)
        keys = [_comparable(k) for k in self._sort_keys[column]]
        # stable either way, as Qt's own: equal rows keep their order
        return sorted(range(len(keys)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)

    def row_object(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == _SORT_ROLE:  # first: the sort proxy asks for nothing else as often
            if not index.isValid() or index.row() >= len(self._rows):
                return None
            return self._sort_key_of(index.row(), index.column())
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(row)
            return "" if value is None else str(value)
        if role == ObjectRole:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and self.status_of:
            # colour only adds to the status text; a tint of the palette's base, with text readable on it
            colours = status_colours(type(self).status_of(row))
            if colours is None:
                return None
            return QBrush(colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1])
        return None


def _comparable(key: Any) -> tuple[int, Any]:
    """Numbers before text, as Qt orders them, and never a TypeError between the two."""
    if isinstance(key, int | float):
        return (0, key)
    return (1, str(key))


class ModelSortingProxy(QSortFilterProxyModel):
    """Filters as Qt's proxy does, but hands sorting to the source model (RowTableModel.sort), which sorts
    its rows once with a Python key: Qt's proxy would call `data` twice per comparison, on every reset."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)


def sortable(model: QAbstractTableModel, parent=None, in_model: bool = False) -> QSortFilterProxyModel:
    """A sort and filter proxy over `model`. With `in_model`, a RowTableModel sorts its own rows (much faster
    on thousands of rows; its `rows()` then come in the order shown)."""
    proxy = ModelSortingProxy(parent) if in_model else QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    return proxy


def _sort_number(value: str) -> tuple[int, str]:
    digits = "".join(ch for ch in value if ch.isdigit())
    return (int(digits) if digits else 10**6, value)


class CycleTableModel(RowTableModel):
    (
        COL_TITLE,
        COL_STAGE,
        COL_NEXT,
        COL_DUE,
        COL_DAYS,
        COL_OVERDUE,
        COL_LATE,
        COL_EXCEPTIONS,
        COL_TO_CHECK,
        COL_REPLIES,
    ) = range(10)
    COUNT_COLUMNS = (COL_DAYS, COL_OVERDUE, COL_LATE, COL_EXCEPTIONS, COL_TO_CHECK)
    columns = (
        Column(
            "Cycle", lambda s: s.title, tooltip=lambda s: f"{s.title}\n{s.id}: {s.body} / {s.scrutiny_body}"
        ),
        Column("Stage", lambda s: s.current_stage),
        Column("Next deadline", lambda s: s.next_deadline_text()),
        date_column("Due", lambda s: s.next_deadline.due if s.next_deadline else None),
        Column(
            "Days left",
            lambda s: "" if s.days_left is None else s.days_left,
            sort=lambda s: 10**6 if s.days_left is None else s.days_left,
            align_right=True,
        ),
        Column("Overdue", lambda s: s.overdue, align_right=True),
        Column(
            "Late",
            lambda s: s.met_late,
            align_right=True,
            tooltip=lambda s: f"{s.met_late} done after their date",
        ),
        Column("Exceptions", lambda s: s.exceptions, align_right=True),
        Column(
            "To check",
            lambda s: s.not_recorded + s.unconfirmed,
            align_right=True,
            tooltip=lambda s: f"{s.not_recorded} not recorded, {s.unconfirmed} order cannot be confirmed",
        ),
        Column("Replies", lambda s: s.coverage.describe()),
    )


class ObligationTableModel(RowTableModel):
    COL_LABEL, COL_DUE, COL_STATUS, COL_BASIS, COL_CITATION, COL_CYCLE = range(6)
    columns = (
        Column(
            "Obligation",
            lambda o: o.label_with_condition,
            tooltip=lambda o: f"{o.label_with_condition}\n{o.working}",
        ),
        date_column("Due", lambda o: o.due, blank="no date"),
        Column(
            "Status",
            # a step on an undecided branch says so where a narrow column still shows it
            lambda o: (
                status_text(o.status)
                + (" (if…)" if o.condition else "")
                + (" (expected)" if o.expected else "")
            ),
            sort=lambda o: list(Status).index(o.status),
            tooltip=lambda o: f"{o.condition}\n{o.working}" if o.condition else o.working,
        ),
        Column("Basis", lambda o: str(o.basis)),
        Column("Citation", lambda o: o.citation),
        Column("Cycle", lambda o: o.cycle_id),
    )
    status_of = staticmethod(lambda o: o.status)


class RecommendationTableModel(RowTableModel):
    (
        COL_CYCLE,
        COL_NUMBER,
        COL_TEXT,
        COL_REPLY,
        COL_GROUPED,
        COL_DISPOSITION,
        COL_SUBPOINTS,
        COL_FOLLOWUPS,
        COL_THEME,
    ) = range(9)
    columns = (
        Column("Cycle", lambda r: r.cycle_id),
        Column("No.", lambda r: r.number, sort=lambda r: (r.cycle_id, _sort_number(r.number))),
        Column("Recommendation", lambda r: " ".join(r.text.split()), tooltip=lambda r: r.text),
        Column("Reply", lambda r: r.reply_status),
        Column("Grouped with", lambda r: ", ".join(r.grouped_with)),
        Column("Disposition", lambda r: r.disposition or ""),
        Column(
            "Sub-points", lambda r: len(r.subpoints) or "", sort=lambda r: len(r.subpoints), align_right=True
        ),
        Column(
            "Follow-ups", lambda r: "; ".join(f"{uk_date(f.due, unknown='no date')}" for f in r.follow_ups)
        ),
        Column("Theme", lambda r: r.theme),
    )


class StageTableModel(RowTableModel):
    COL_LABEL, COL_PLANNED, COL_ACTUAL, COL_PARTY = range(4)
    columns = (
        Column("Stage", lambda s: s.label),
        date_column("Planned", lambda s: s.planned),
        Column("Actual", lambda s: s.actual_text, sort=lambda s: s.actual or dt.date.max),
        Column("Responsible", lambda s: s.party),
    )


def _logged_value(value: str | None) -> str:
    # the log has said "nothing there" in several ways over time; the table says it one way
    return "none" if value in (None, "", "none", "not recorded") else value


class HistoryTableModel(RowTableModel):
    columns = (
        Column("When", lambda c: uk_date_time(c.at), sort=lambda c: c.at),
        Column("Who", lambda c: c.who),
        Column("Cycle", lambda c: c.cycle_id or ""),
        Column(
            "Item",
            lambda c: c.item or f"{c.entity} {c.entity_id}",
            tooltip=lambda c: f"{c.entity} {c.entity_id}",
        ),
        Column("What changed", lambda c: c.what or c.field, tooltip=lambda c: c.field),
        Column("Old", lambda c: _logged_value(c.old), tooltip=lambda c: c.old or ""),
        Column("New", lambda c: _logged_value(c.new), tooltip=lambda c: c.new or ""),
    )


class PassageTableModel(RowTableModel):
    """The import preview of a reply: which passage answers which recommendations, and its disposition.
    The disposition and the numbers can be corrected before saving."""

    COL_NUMBERS, COL_DISPOSITION, COL_EVIDENCE, COL_TEXT = range(4)
    columns = (
        Column("Answers", lambda p: ", ".join(p.numbers)),
        Column("Disposition", lambda p: p.disposition),
        Column("Evidence", lambda p: p.evidence, tooltip=lambda p: p.evidence),
        Column("Reply passage", lambda p: " ".join(p.text.split())[:200], tooltip=lambda p: p.text),
    )
    edited = None  # set per instance: callback(row, field, value)

    def flags(self, index):
        base = super().flags(index)
        if index.column() in (self.COL_NUMBERS, self.COL_DISPOSITION):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.EditRole:
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):  # noqa: N802
        import dataclasses

        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self._rows[index.row()]
        if index.column() == self.COL_NUMBERS:
            numbers = tuple(n.strip() for n in str(value).replace(" and ", ",").split(",") if n.strip())
            if not numbers:
                return False
            self._rows[index.row()] = dataclasses.replace(row, numbers=numbers)
        elif index.column() == self.COL_DISPOSITION:
            if str(value) not in DISPOSITIONS:
                return False
            self._rows[index.row()] = dataclasses.replace(row, disposition=str(value))
        else:
            return False
        self._sort_keys = {}
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
        return True


class ExtractedTableModel(RowTableModel):
    """The import preview of a committee report. The number, the text and the sub-points (separated by
    " | ") can be corrected before saving: double-click the cell."""

    COL_NUMBER, COL_SUBPOINTS, COL_ASKS, COL_WELSH, COL_TEXT = range(5)
    SEPARATOR = " | "
    columns = (
        Column("No.", lambda r: r.number, sort=lambda r: _sort_number(r.number)),
        Column(
            "Sub-points",
            lambda r: len(r.subpoints) or "",
            align_right=True,
            tooltip=lambda r: "\n".join(r.subpoints),
        ),
        Column("Dated asks", lambda r: "; ".join(uk_date(a.date, unknown="no date") for a in r.asks)),
        Column("Welsh", lambda r: "yes" if r.text_cy else ""),
        Column("Recommendation", lambda r: " ".join(r.text.split())[:220], tooltip=lambda r: r.text),
    )

    def flags(self, index):
        base = super().flags(index)
        if index.column() in (self.COL_NUMBER, self.COL_SUBPOINTS, self.COL_TEXT):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.EditRole and index.isValid():
            row = self._rows[index.row()]
            if index.column() == self.COL_SUBPOINTS:
                return self.SEPARATOR.join(row.subpoints)
            if index.column() == self.COL_TEXT:
                return row.text
            return row.number
        return super().data(index, role)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):  # noqa: N802
        import dataclasses

        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, text = self._rows[index.row()], str(value).strip()
        if index.column() == self.COL_NUMBER:
            taken = {r.number for i, r in enumerate(self._rows) if i != index.row()}
            if not text or text in taken or len(text) > 20:
                return False  # empty, a duplicate or too long: the old number stays
            row = dataclasses.replace(row, number=text)
        elif index.column() == self.COL_TEXT:
            if not text:
                return False
            row = dataclasses.replace(row, text=text)
        elif index.column() == self.COL_SUBPOINTS:
            parts = tuple(p.strip() for p in text.split(self.SEPARATOR.strip()) if p.strip())
            row = dataclasses.replace(row, subpoints=parts)
        else:
            return False
        self._rows[index.row()] = row
        self._sort_keys = {}
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(self.columns) - 1))
        return True


class PreviewTableModel(RowTableModel):
    """The dates a new cycle would derive (tracker.services.processes.PreviewDate), before it is saved."""

    COL_DATE, COL_LABEL, COL_BASIS, COL_CITATION = range(4)
    columns = (
        date_column("Date", lambda r: r.date, blank="you set it"),
        Column("Obligation", lambda r: r.label, tooltip=lambda r: r.working),
        Column("Basis", lambda r: r.basis),
        Column("Citation", lambda r: r.citation),
    )


class MeetingTableModel(RowTableModel):
    """Meetings (tracker.services.meetings.MeetingRow), with the day their papers must be out by."""

    COL_DATE, COL_TITLE, COL_PANEL, COL_CYCLE, COL_PAPERS = range(5)
    columns = (
        date_column("Date", lambda r: r.date),
        Column("Meeting", lambda r: r.title),
        Column("Panel", lambda r: r.panel),
        Column("Cycle", lambda r: r.cycle_id or ""),
        date_column("Papers out by", lambda r: r.papers_by),
    )
