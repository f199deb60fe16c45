"""Read a recommendations register a secretariat kept in a spreadsheet (.xlsx or .csv) into plain rows.

No database here: `read_register` turns the sheet into `RegisterRow`s, or refuses the whole file with a
`BadInput` that says why (not a workbook, no number or text column, merged cells, duplicate numbers, too
many rows). Anything wrong with one row only is a note in `skipped`, never a crash: an empty row is passed
over silently, a row with a number but no text is left out, a disposition the app does not know is dropped
and the row imported without it.

Columns are found by their header, ignoring case and punctuation, with the usual synonyms ("No.", "Rec",
"Accepted?"); `mapping` ({"header as written": "field"}) overrides that. The workbook `tracker export xlsx`
writes reads back as the same register: its sub-point rows ("3 (a)") become sub-points of recommendation 3.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.domain import DISPOSITIONS
from tracker.errors import BadInput

MAX_ROWS = 5000
MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 100 * 1024 * 1024  # a workbook's parts once unpacked: far beyond any real register
HEADER_SEARCH_ROWS = 10  # a title or a note may stand above the header row
SHEET_NAME = "Register"

FIELDS = (
    "number",
    "text",
    "addressee",
    "reply_status",
    "reply_date",
    "disposition",
    "evidence",
    "grouped_with",
    "follow_up",
    "follow_up_due",
    "reply_text",
    "cycle",
)

# header, lower case with everything but letters and digits taken out -> field
SYNONYMS: dict[str, str] = {
    **dict.fromkeys(
        (
            "no",
            "num",
            "number",
            "rec",
            "recno",
            "recnumber",
            "recommendationno",
            "recommendationnumber",
            "ref",
        ),
        "number",
    ),
    **dict.fromkeys(("recommendation", "recommendations", "text", "recommendationtext"), "text"),
    **dict.fromkeys(("addressee", "addressedto", "recipient"), "addressee"),
    **dict.fromkeys(("replystatus", "status", "responsestatus"), "reply_status"),
    **dict.fromkeys(
        ("replydate", "dateofreply", "datereplied", "responsedate", "dateofresponse"), "reply_date"
    ),
    **dict.fromkeys(("disposition", "response", "accepted", "outcome"), "disposition"),
    **dict.fromkeys(("evidence",), "evidence"),
    **dict.fromkeys(("groupedwith", "grouped", "answeredwith", "repliedwith"), "grouped_with"),
    **dict.fromkeys(("followup", "followups"), "follow_up"),
    **dict.fromkeys(("followupdue", "followupdate", "followupduedate"), "follow_up_due"),
    **dict.fromkeys(("replytext", "reply", "responsetext"), "reply_text"),
    **dict.fromkeys(("cycle",), "cycle"),
}

_DISPOSITION_WORDS: dict[str, str] = {
    **{d: d for d in DISPOSITIONS},
    **dict.fromkeys(("accept", "agreed", "yes"), "accepted"),
    **dict.fromkeys(
        (
            "accepted in part",
            "partially",
            "partly",
            "partly accepted",
            "part accepted",
            "in part",
            "partial",
            "partially agreed",
            "agreed in part",
        ),
        "partially accepted",
    ),
    **dict.fromkeys(("rejected", "not agreed", "declined", "no", "refused"), "not accepted"),
}

# "3 (a)", "3(b)", "12 (iv)": a sub-point row, numbered after its recommendation as the export writes it
_SUBPOINT = re.compile(r"^(?P<parent>.*?\S)\s*\(\s*(?P<letter>[a-z]{1,3})\s*\)$", re.I)
# "Recommendation 3", "Rec. 3", "R3", "3.": the number itself
_NUMBER_PREFIX = re.compile(r"^(?:recommendation|rec)\.?\s*(?=\w)|^r(?=\d)", re.I)
_GROUP_SPLIT = re.compile(r"\s*(?:,|;|/|&|\+|\band\b)\s*", re.I)


@dataclass(frozen=True)
class RegisterRow:
    """One row of the register: a recommendation, or (with `subpoint_of`) one of its sub-points."""

    line: int
    number: str
    text: str
    subpoint_of: str | None = None
    reply_status: str | None = None
    disposition: str | None = None
    evidence: str | None = None
    reply_date: dt.date | None = None
    grouped_with: tuple[str, ...] = ()
    addressee: str | None = None
    follow_up: str | None = None
    follow_up_due: dt.date | None = None
    reply_text: str | None = None

    @property
    def has_reply(self) -> bool:
        """The row says a reply was given: a disposition, evidence, a reply date, a grouping or "replied"."""
        return bool(
            self.disposition
            or self.evidence
            or self.reply_date
            or self.grouped_with
            or self.reply_text
            or (self.reply_status or "").strip().lower() == "replied"
        )


@dataclass
class RegisterSheet:
    file_name: str
    sheet_name: str | None
    columns: dict[str, str]  # field -> the header it was read from
    rows: list[RegisterRow] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)

    @property
    def recommendations(self) -> list[RegisterRow]:
        return [r for r in self.rows if r.subpoint_of is None]

    def subpoints(self, number: str) -> list[str]:
        return [r.text for r in self.rows if r.subpoint_of == number]

    @property
    def has_subpoints(self) -> bool:
        return any(r.subpoint_of is not None for r in self.rows)


def header_key(text: object) -> str:
    """A header as compared: lower case, letters and digits only ("Accepted?" -> "accepted")."""
    return "".join(ch for ch in str(text or "").lower() if ch.isalnum())


def field_name(text: str) -> str | None:
    """A field as the user may type it in --map ("reply date", "Reply-Date", "reply_date") or None."""
    key = header_key(text)
    for name in FIELDS:
        if header_key(name) == key:
            return name
    return None


def read_register(path: str | Path, mapping: dict[str, str] | None = None) -> RegisterSheet:
    """The register in a .xlsx or .csv file, or a BadInput saying why the file cannot be imported."""
    path = Path(path)
    name = path.name
    if not path.exists():
        raise BadInput("file", str(path), "does not exist")
    if path.is_dir():
        raise BadInput("file", str(path), "is a folder, not a spreadsheet")
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise BadInput("file", name, "is not a spreadsheet the app reads (use .xlsx or .csv)")
    size = path.stat().st_size
    if size == 0:
        raise BadInput("file", name, "is empty")
    if size > MAX_BYTES:
        raise BadInput("file", name, f"is {size / 1024 / 1024:.1f} MB; the limit is 20 MB")
    checked = _check_mapping(mapping or {})
    data = path.read_bytes()
    if suffix == ".xlsx":
        sheet_name, table = _xlsx_table(data, name, checked)
    else:
        sheet_name, table = None, _csv_table(data, name, checked)
    return _parse(table, name, sheet_name, checked)


# ---- the table: (line, cells) for each row of the sheet ---------------------------------------------------
Table = list[tuple[int, Sequence[Any]]]


def _check_mapping(mapping: dict[str, str]) -> dict[str, str]:
    checked: dict[str, str] = {}
    for column, wanted in mapping.items():
        name = field_name(wanted)
        if name is None:
            raise BadInput(
                "--map", f"{column}={wanted}", f"names no field the register has; fields: {', '.join(FIELDS)}"
            )
        checked[column] = name
    return checked


def _xlsx_table(data: bytes, name: str, mapping: dict[str, str]) -> tuple[str, Table]:
    from openpyxl import load_workbook

    not_workbook = "is not an Excel workbook (.xlsx)"
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE file: an old .xls, or a password-protected workbook
        raise BadInput("file", name, f"{not_workbook}: it is an old .xls or a password-protected file")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise BadInput("file", name, not_workbook) from exc
    if sum(m.file_size for m in members) > MAX_UNPACKED:
        raise BadInput("file", name, "is too large once unpacked")
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a zip that is not a workbook, damaged XML: a message, not a traceback
        raise BadInput("file", name, not_workbook) from exc
    try:
        sheet_name = _sheet_name(wb.sheetnames)
        if sheet_name is None:
            raise BadInput("file", name, "has no sheets")
        ws = wb[sheet_name]
        table: Table = []
        filled = 0
        try:
            for line, values in enumerate(ws.iter_rows(values_only=True), start=1):
                if not _blank(values):
                    filled += 1
                    if filled > MAX_ROWS + 1:  # the header and MAX_ROWS rows
                        raise BadInput("file", name, f"has more than {MAX_ROWS:,} rows; split it")
                table.append((line, values))
        except BadInput:
            raise
        except Exception as exc:
            raise BadInput("file", name, f"{not_workbook}: its sheet {sheet_name!r} is damaged") from exc
    finally:
        wb.close()
    header_line = _header_line(table, mapping)
    if header_line is not None:
        _refuse_merged(data, name, sheet_name, header_line)
    return sheet_name, table


def _sheet_name(names: Sequence[str]) -> str | None:
    if SHEET_NAME in names:
        return SHEET_NAME
    folded = [n for n in names if n.strip().lower() == SHEET_NAME.lower()]
    if folded:
        return folded[0]
    return names[0] if names else None


def _refuse_merged(data: bytes, name: str, sheet_name: str, header_line: int) -> None:
    """Merged cells in the header row or below: read-only mode does not show them, so open in full."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:
        raise BadInput("file", name, "is not an Excel workbook (.xlsx)") from exc
    try:
        ranges = [r for r in wb[sheet_name].merged_cells.ranges if r.max_row >= header_line]
    finally:
        wb.close()
    if ranges:
        ranges.sort(key=lambda r: (r.min_row, r.min_col))
        shown = ", ".join(r.coord for r in ranges[:5]) + (" and more" if len(ranges) > 5 else "")
        raise BadInput("file", name, f"has merged cells at {shown}; unmerge them first")


def _csv_table(data: bytes, name: str, mapping: dict[str, str]) -> Table:
    text = _decode(data, name)
    sample = "\n".join(text.splitlines()[:50])
    candidates = [",", ";", "\t"]
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        first = next((line for line in text.splitlines() if line.strip()), "")
        sniffed = max(candidates, key=first.count)
    candidates.remove(sniffed)
    best: Table | None = None
    for delimiter in [sniffed, *candidates]:
        table = _csv_rows(text, delimiter, name)
        if best is None:
            best = table
        if _header_line(table, mapping) is not None:
            return table
    return best or []


def _csv_rows(text: str, delimiter: str, name: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table: Table = []
    filled = 0
    start = 1
    try:
        for values in reader:
            if not _blank(values):
                filled += 1
                if filled > MAX_ROWS + 1:
                    raise BadInput("file", name, f"has more than {MAX_ROWS:,} rows; split it")
            table.append((start, values))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise BadInput("file", name, f"is not a readable CSV file (line {reader.line_num}: {exc})") from exc
    return table


def _decode(data: bytes, name: str) -> str:
    import codecs

    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):  # Excel's "Unicode text"
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise BadInput("file", name, "is not readable UTF-16 text") from exc
    if b"\x00" in data[:65536]:
        raise BadInput("file", name, "is a binary file, not a CSV file (it contains NUL bytes)")
    for encoding in ("utf-8-sig", "cp1252"):  # Excel on Windows saves "CSV" in Windows-1252
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BadInput("file", name, "is not readable text (neither UTF-8 nor Windows-1252)")


# ---- from the table to rows ---------------------------------------------------------------------------------
def _blank(values: Iterable[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _columns(headers: Sequence[Any], mapping: dict[str, str]) -> dict[str, int]:
    """field -> column index: --map first, then the headers the app knows, the leftmost of each."""
    columns: dict[str, int] = {}
    written = [("" if h is None else str(h)).strip() for h in headers]
    for column, wanted in mapping.items():
        index = next((i for i, h in enumerate(written) if h == column.strip()), None)
        if index is None:
            index = next(
                (i for i, h in enumerate(written) if h and header_key(h) == header_key(column)), None
            )
        if index is not None:
            columns[wanted] = index
    mapped = set(columns.values())
    for index, header in enumerate(written):
        known = SYNONYMS.get(header_key(header))
        if known is not None and known not in columns and index not in mapped:
            columns[known] = index
    return columns


def _header_line(table: Table, mapping: dict[str, str]) -> int | None:
    for line, values in table[:HEADER_SEARCH_ROWS]:
        columns = _columns(values, mapping)
        if "number" in columns or "text" in columns:
            return line
    return None


def _parse(table: Table, name: str, sheet_name: str | None, mapping: dict[str, str]) -> RegisterSheet:
    headers_at = _header_line(table, mapping)
    if headers_at is None:
        first = next((values for _, values in table if not _blank(values)), ())
        found = [str(h).strip() for h in first if h is not None and str(h).strip()]
        raise BadInput(
            "file",
            name,
            "has no column the app recognises as the recommendation number or text "
            f'(headers found: {", ".join(found) or "none"}); name them, e.g. --map "Rec no=number"',
        )
    _, headers = next(item for item in table if item[0] == headers_at)
    written = [("" if h is None else str(h)).strip() for h in headers]
    missing_map = [
        c for c in mapping if c.strip() not in written and header_key(c) not in map(header_key, written)
    ]
    if missing_map:
        raise BadInput(
            "--map",
            missing_map[0],
            f"is not a column of the sheet; its columns are: {', '.join(h for h in written if h)}",
        )
    columns = _columns(headers, mapping)
    for needed, words in (("number", "recommendation number"), ("text", "recommendation text")):
        if needed not in columns:
            raise BadInput(
                "file",
                name,
                f"has no {words} column (headers found: {', '.join(h for h in written if h) or 'none'}); "
                f'name it with --map "COLUMN={needed}"',
            )
    sheet = RegisterSheet(name, sheet_name, {f: written[i] for f, i in columns.items()})
    body = [(line, values) for line, values in table if line > headers_at]
    for line, values in body:
        if _blank(values):
            continue
        row = _row(line, values, columns, sheet.skipped)
        if row is not None:
            sheet.rows.append(row)
    _refuse_duplicates(sheet, name)
    _attach_subpoints(sheet)
    return sheet


def _cell(values: Sequence[Any], columns: dict[str, int], name: str) -> Any:
    index = columns.get(name)
    if index is None or index >= len(values):
        return None
    value = values[index]
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").strip()
    return text or None


def clean_number(value: Any) -> str | None:
    """3.0 -> "3"; "Recommendation 3", "Rec. 3", "R3", "3." -> "3"."""
    text = _text(value)
    if text is None:
        return None
    text = " ".join(text.split())
    text = _NUMBER_PREFIX.sub("", text).strip()
    text = text.rstrip(".:").strip()
    return text or None


def disposition_of(value: str) -> str | None:
    """The app's disposition for what the sheet says, or None when it says something else."""
    return _DISPOSITION_WORDS.get(" ".join(value.lower().replace("-", " ").split()).rstrip(".!"))


def _date(value: Any) -> dt.date | None | str:
    """A date, None for nothing, or the text when it is not a date the app can read."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 110000:  # an Excel date serial number stored without a date format
            return _text(value) or ""
        from openpyxl.utils.datetime import from_excel

        day = from_excel(value).date()
    else:
        from tracker.importing.dates import find_dates

        text = str(value).strip()
        found = [d for d in find_dates(text) if d.precision == "day"]
        if len(found) != 1 or len(found[0].text) < len(text.rstrip(".")) - 1:
            return text
        day = found[0].date
    if not 1900 <= day.year <= 2200:
        return _text(value) or day.isoformat()
    return day


def _row(
    line: int, values: Sequence[Any], columns: dict[str, int], skipped: list[tuple[int, str]]
) -> RegisterRow | None:
    number = clean_number(_cell(values, columns, "number"))
    text = _text(_cell(values, columns, "text"))
    if number is None:
        if text is not None:
            skipped.append((line, "has text but no recommendation number"))
        else:
            skipped.append((line, "has no recommendation number or text"))
        return None
    if text is None:
        skipped.append((line, f"recommendation {number} has no text"))
        return None
    match = _SUBPOINT.match(number)
    if match is not None:
        return RegisterRow(line, number, text, subpoint_of=clean_number(match.group("parent")))

    disposition = None
    said = _text(_cell(values, columns, "disposition"))
    if said is not None:
        disposition = disposition_of(said)
        if disposition is None:
            skipped.append(
                (
                    line,
                    f"disposition {said!r} of recommendation {number} is not one of: "
                    f"{', '.join(DISPOSITIONS)}; imported without a disposition",
                )
            )
    dates: dict[str, dt.date | None] = {}
    for name, words in (("reply_date", "reply date"), ("follow_up_due", "follow-up due date")):
        read = _date(_cell(values, columns, name))
        if isinstance(read, str):
            skipped.append(
                (line, f"{words} {read!r} of recommendation {number} is not a date; imported without it")
            )
            read = None
        dates[name] = read
    grouped = _text(_cell(values, columns, "grouped_with"))
    grouped_with = tuple(
        dict.fromkeys(
            n
            for n in (clean_number(part) for part in _GROUP_SPLIT.split(grouped or ""))
            if n is not None and n != number
        )
    )
    return RegisterRow(
        line,
        number,
        text,
        reply_status=_text(_cell(values, columns, "reply_status")),
        disposition=disposition,
        evidence=_text(_cell(values, columns, "evidence")),
        reply_date=dates["reply_date"],
        grouped_with=grouped_with,
        addressee=_text(_cell(values, columns, "addressee")),
        follow_up=_text(_cell(values, columns, "follow_up")),
        follow_up_due=dates["follow_up_due"],
        reply_text=_text(_cell(values, columns, "reply_text")),
    )


def _refuse_duplicates(sheet: RegisterSheet, name: str) -> None:
    lines: dict[str, list[int]] = {}
    for row in sheet.rows:
        lines.setdefault(row.number, []).append(row.line)
    twice = {n: ls for n, ls in lines.items() if len(ls) > 1}
    if twice:
        shown = "; ".join(f"{n} (lines {', '.join(map(str, ls))})" for n, ls in list(twice.items())[:10])
        raise BadInput(
            "file",
            name,
            f"has the same recommendation number more than once: {shown}; a number may be used once",
        )


def _attach_subpoints(sheet: RegisterSheet) -> None:
    """Sub-point rows of a recommendation the sheet does not have are left out, with the reason."""
    numbers = {r.number for r in sheet.rows if r.subpoint_of is None}
    kept = []
    for row in sheet.rows:
        if row.subpoint_of is not None and row.subpoint_of not in numbers:
            sheet.skipped.append(
                (
                    row.line,
                    f"sub-point {row.number} belongs to recommendation {row.subpoint_of}, which the sheet does not have",
                )
            )
            continue
        kept.append(row)
    sheet.rows[:] = kept
    sheet.skipped.sort(key=lambda item: item[0])
