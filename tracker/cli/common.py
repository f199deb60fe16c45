"""Shared pieces for every `tracker` subcommand.

Each command module exposes `register(subparsers)`. A command's handler takes the parsed arguments and
returns an `Output`: the plain data printed as JSON with `--json`, and the text printed otherwise.
Handlers raise `tracker.errors.BadInput` for anything the user got wrong; `main` turns that into one
line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tracker.domain import formatting
from tracker.domain.typed_dates import EXAMPLE as DATE_EXAMPLE
from tracker.domain.typed_dates import MAX_YEAR, MIN_YEAR, TypedDateError, parse_typed_date
from tracker.errors import BadInput

Handler = Callable[[argparse.Namespace], "Output"]


@dataclass
class Output:
    data: Any
    text: str


def add_command(
    subparsers: argparse._SubParsersAction, name: str, handler: Handler, help_text: str
) -> argparse.ArgumentParser:
    """Add a subcommand with its own `--json` and `--db` options (so both may follow the subcommand)."""
    parser = subparsers.add_parser(name, help=help_text, description=help_text)
    add_common_options(parser, after_command=True)
    parser.set_defaults(handler=handler, command_parser=parser)
    return parser


def add_common_options(parser: argparse.ArgumentParser, after_command: bool = False) -> None:
    """`--json` and `--db`, before or after the subcommand: after it, an option left out keeps what was given
    before it (a subcommand's own default would otherwise overwrite `tracker --json cycles`)."""
    parser.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS if after_command else False,
        help="print JSON alone on stdout",
    )
    parser.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        metavar="URL",
        help="SQLAlchemy URL of the store (default: TRACKER_DB, else the SQLite file in the user data folder)",
    )


# What the core calls a value that the command line takes under another name.
_SAME_AS = {"recommendation": "NUMBER", "file": "PATH"}


def field_as_typed(field: str, parser: argparse.ArgumentParser | None) -> str:
    """The name of a field in an error, as the user typed it in the command they ran: a positional argument
    as its metavar in lower case (`cycle`, `date`, `number`), an option with its dashes (`--cycle`, `--date`).
    The core names fields one way for every caller (`CYCLE`, `cycle`, `file`); a name this command does not
    take stays as it is."""
    if parser is None or field.startswith("-"):
        return field
    positionals = {
        str(action.metavar or action.dest).upper(): str(action.metavar or action.dest).lower()
        for action in parser._actions
        if not action.option_strings
    }
    options = {option for action in parser._actions for option in action.option_strings}
    name = field.strip().upper()
    for candidate in (name, _SAME_AS.get(field.strip().lower(), "")):
        if candidate in positionals:
            return positionals[candidate]
    option = "--" + field.strip().lower().replace(" ", "-").replace("_", "-")
    return option if option in options else field


def if_version_option(p: argparse.ArgumentParser, what: str, shown_by: str = "tracker show --json") -> None:
    """--if-version N: the change is made only if the row is still at the version the user read."""
    p.add_argument(
        "--if-version",
        type=_version,
        metavar="N",
        help=f"only if {what} is still at version N ({shown_by} gives it)",
    )


def _version(value: str) -> int:
    if not (value.isascii() and value.isdigit()):
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number")
    return int(value)


def check_year(year: int, value: str, field: str) -> None:
    """A BadInput naming the field when a typed year is outside MIN_YEAR..MAX_YEAR."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadInput(field, value, f"is outside the years {MIN_YEAR} to {MAX_YEAR}")


def parse_date(value: str, field: str) -> dt.date:
    """A day typed on the command line, read as the app's date fields read it: YYYY-MM-DD, or day first as
    people in the UK write it (12/3/2025, 12-03-2025, 12.3.25, 12 March 2025), never month first. A date
    that is not one real day (31/4/2025, 3/13/2025, March 2025) is a BadInput naming the field and saying why.

    Only ASCII digits, and only years 1900 to 2200.
    """
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if not text or not text.isascii():
        raise BadInput(field, value, f"is not a date: type it as {DATE_EXAMPLE}")
    try:
        day = parse_typed_date(text)
    except TypedDateError as exc:
        said = str(exc)
        raise BadInput(
            field, value, said.removeprefix(text).strip() if said.startswith(text) else said
        ) from None
    assert day is not None  # only a blank value reads as no day, and it is refused above
    return day


def whole_days(option: str, value: object, maximum: int) -> int:
    """A count of days given on the command line: ASCII digits only, from 0 to `maximum`."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or int(text) > maximum:
        raise BadInput(option, value, f"must be a whole number of days from 0 to {maximum}")
    return int(text)


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=_json_default)


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def format_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain aligned text table for the human-readable output."""
    cells = [[("" if c is None else str(c)) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    lines = ["  ".join(h.ljust(widths[i]) for i, h in enumerate(headers)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    return "\n".join(lines)


def uk_date(value: dt.date | None) -> str:
    """Dates as the secretariat writes them: 23 Mar 2022."""
    return formatting.uk_date(value)


def services_for(args: argparse.Namespace):  # -> tracker.services.factory.Services (imported lazily)
    """Open the store named by --db / TRACKER_DB / the default, migrating it first if needed."""
    from tracker.services.factory import open_services

    return open_services(getattr(args, "db", None), create=not getattr(args, "reads_only", False))


def reads_only(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Mark a command that only reads: on a store that does not exist it says so and creates nothing."""
    parser.set_defaults(reads_only=True)
    return parser
