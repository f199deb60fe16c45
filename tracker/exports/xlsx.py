"""The recommendations register and the deadlines as an Excel workbook (.xlsx).

Two sheets: "Register" (one row per recommendation and one per sub-point) and "Deadlines" (one row per
obligation). Dates are real Excel dates, the header row is bold and frozen, and each sheet has a filter.
Text from imported documents is always written as text: a recommendation that starts with "=" must never
become a formula in the secretariat's spreadsheet.

`register_rows` and `deadline_rows` gather plain rows from the services; `build_workbook` turns rows into
bytes and knows nothing of the services.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tracker.errors import NotFound

REGISTER_HEADERS = (
    "Cycle",
    "Number",
    "Recommendation",
    "Addressee",
    "Reply status",
    "Reply date",
    "Grouped with",
    "Disposition",
    "Evidence",
    "Follow-up",
    "Follow-up due",
)
DEADLINE_HEADERS = ("Cycle", "Obligation", "Due", "Status", "Basis", "Citation", "Working")

# Long prose: a fixed wide column with wrapped text. Every other column is sized to its content.
TEXT_COLUMNS = frozenset({"Recommendation", "Evidence", "Follow-up", "Obligation", "Working"})
TEXT_WIDTH = 60
MAX_WIDTH = 40
DATE_FORMAT = "DD/MM/YYYY"
DATE_WIDTH = 12

CREATOR = "Police and Crime Plan tracker"
FORMULA_STARTS = ("=", "+", "-", "@")
MAX_CELL_TEXT = 32767  # Excel's limit on the characters in one cell


@dataclass(frozen=True)
class RegisterRow:
    """One line of the Register sheet: a recommendation, or one of its sub-points."""

    cycle: str
    number: str
    text: str
    addressee: str = ""
    reply_status: str = ""
    reply_date: dt.date | None = None
    grouped_with: str = ""
    disposition: str = ""
    evidence: str = ""
    follow_up: str = ""
    follow_up_due: dt.date | None = None
    is_subpoint: bool = False

    def cells(self) -> tuple[Any, ...]:
        return (
            self.cycle,
            self.number,
            self.text,
            self.addressee,
            self.reply_status,
            self.reply_date,
            self.grouped_with,
            self.disposition,
            self.evidence,
            self.follow_up,
            self.follow_up_due,
        )


@dataclass(frozen=True)
class DeadlineRow:
    """One line of the Deadlines sheet: an obligation of a cycle."""

    cycle: str
    obligation: str
    due: dt.date | None
    status: str
    basis: str
    citation: str
    working: str

    def cells(self) -> tuple[Any, ...]:
        return (self.cycle, self.obligation, self.due, self.status, self.basis, self.citation, self.working)


def subpoint_letter(position: int) -> str:
    """0 -> "a", 25 -> "z", 26 -> "aa": the letter of a sub-point by its position."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def register_rows(services, cycle_id: str | None = None, *, as_of: dt.date) -> list[RegisterRow]:
    """The register of one cycle (or of every cycle) as the record stood on `as_of`, sub-points included.

    An unknown cycle is a NotFound naming it."""
    known = services.cycles.ids()
    if cycle_id is not None and cycle_id not in known:
        raise NotFound("cycle", cycle_id, f"is not a known cycle; known cycles: {', '.join(known) or 'none'}")
    rows: list[RegisterRow] = []
    for cid in [cycle_id] if cycle_id is not None else known:
        reply_dates = {r.id: r.date for r in services.cycles.detail(cid, as_of).replies}
        for rec in services.recommendations.register(cid, as_of=as_of):
            dates = [reply_dates[i] for i in rec.reply_ids if reply_dates.get(i) is not None]
            first = rec.follow_ups[0] if rec.follow_ups else None
            rows.append(
                RegisterRow(
                    cycle=rec.cycle_id,
                    number=rec.number,
                    text=rec.text,
                    addressee=rec.addressee or "",
                    reply_status=rec.reply_status or "",
                    reply_date=min(dates) if dates else None,
                    grouped_with=", ".join(rec.grouped_with),
                    disposition=rec.disposition or "",
                    evidence=rec.evidence or "",
                    follow_up=first.text if first else "",
                    follow_up_due=first.due if first else None,
                )
            )
            for position, text in enumerate(rec.subpoints):
                rows.append(
                    RegisterRow(
                        cycle=rec.cycle_id,
                        number=f"{rec.number} ({subpoint_letter(position)})",
                        text=text,
                        is_subpoint=True,
                    )
                )
    return rows


def deadline_rows(services, cycle_id: str | None = None, *, as_of: dt.date) -> list[DeadlineRow]:
    """Every obligation of one cycle (or of every cycle), soonest first, with its status on `as_of`."""
    return [
        DeadlineRow(
            cycle=o.cycle_id,
            obligation=o.label_with_condition,
            due=o.due,
            status=str(o.status.value if hasattr(o.status, "value") else o.status),
            basis=str(o.basis.value if hasattr(o.basis, "value") else o.basis),
            citation=o.citation or "",
            working=o.working or "",
        )
        for o in services.cycles.deadlines(as_of, cycle_id=cycle_id)
    ]


def build_workbook(
    register_rows: Sequence[RegisterRow],
    deadline_rows: Sequence[DeadlineRow],
    *,
    title: str,
    as_of: dt.date,
) -> bytes:
    """The .xlsx file's bytes: a Register sheet and a Deadlines sheet."""
    wb = Workbook()
    register = wb.active
    register.title = "Register"
    _fill(register, REGISTER_HEADERS, [(r.cells(), r.is_subpoint) for r in register_rows])
    deadlines = wb.create_sheet("Deadlines")
    _fill(deadlines, DEADLINE_HEADERS, [(r.cells(), False) for r in deadline_rows])

    wb.properties.title = _clean(title)
    wb.properties.creator = CREATOR
    wb.properties.subject = "Recommendations register and deadlines"
    wb.properties.description = f"The record as it stood on {as_of.isoformat()}"

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _fill(ws: Worksheet, headers: Sequence[str], rows: Sequence[tuple[Sequence[Any], bool]]) -> None:
    bold = Font(bold=True)
    top = Alignment(vertical="top")
    wrapped = Alignment(vertical="top", wrap_text=True)
    indented = Alignment(vertical="top", wrap_text=True, indent=2)
    widths = [len(h) for h in headers]

    for column, header in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=column, value=header)
        cell.font = bold
        cell.alignment = top

    for row_number, (values, is_subpoint) in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            header = headers[column - 1]
            cell = ws.cell(row=row_number, column=column)
            _set(cell, value)
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
                widths[column - 1] = max(widths[column - 1], DATE_WIDTH - 2)
            elif value is not None:
                longest = max((len(line) for line in str(cell.value).splitlines()), default=0)
                widths[column - 1] = max(widths[column - 1], longest)
            if header in TEXT_COLUMNS:
                cell.alignment = indented if is_subpoint and header == "Recommendation" else wrapped
            else:
                cell.alignment = top

    for column, header in enumerate(headers, start=1):
        letter = get_column_letter(column)
        if header in TEXT_COLUMNS:
            ws.column_dimensions[letter].width = TEXT_WIDTH
        else:
            ws.column_dimensions[letter].width = min(widths[column - 1] + 2, MAX_WIDTH)

    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(len(rows) + 1, 1)}"


def _set(cell, value: Any) -> None:
    """Write a value; text is always text (never a formula) and free of characters Excel refuses."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        value = _clean(value)
        if value == "":
            return
        cell.value = value
        if value.startswith(FORMULA_STARTS):
            cell.data_type = "s"
        return
    cell.value = value


def _clean(text: str) -> str:
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - 1] + "…"
    return text
