"""`tracker import register`: a register of recommendations and replies kept in a spreadsheet (.xlsx or
.csv), including the one `tracker export xlsx` writes, imported into a cycle in one transaction."""

from __future__ import annotations

import argparse

from tracker.cli.common import Output, add_command, services_for
from tracker.domain.formatting import plural
from tracker.errors import BadInput

HELP = "import a spreadsheet register of recommendations and replies (.xlsx or .csv) into a cycle"


def register(inner: argparse._SubParsersAction) -> None:
    p = add_command(inner, "register", cmd_import_register, HELP)
    p.add_argument(
        "path", metavar="PATH", help="the register: .xlsx (sheet 'Register', else the first) or .csv"
    )
    p.add_argument("--cycle", required=True, metavar="ID")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help='read the column headed COLUMN as FIELD (repeatable), e.g. --map "Rec no=number"',
    )


def parse_mapping(values: list[str]) -> dict[str, str]:
    """{"header as written": field} from --map COLUMN=FIELD options; a bad one is a BadInput naming --map."""
    from tracker.importing.register import FIELDS, field_name

    mapping: dict[str, str] = {}
    for value in values:
        column, sign, wanted = value.rpartition("=")
        if not sign or not column.strip() or not wanted.strip():
            raise BadInput("--map", value, "is not in the form COLUMN=FIELD")
        name = field_name(wanted)
        if name is None:
            raise BadInput("--map", value, f"names no field the register has; fields: {', '.join(FIELDS)}")
        mapping[column.strip()] = name
    return mapping


def cmd_import_register(args: argparse.Namespace) -> Output:
    from tracker.importing.register import read_register
    from tracker.services.register_import import RegisterImportService

    mapping = parse_mapping(args.map)
    sheet = read_register(args.path, mapping)  # before the store is touched: a bad file changes nothing
    services = services_for(args)
    result = RegisterImportService(services.uow, services.user).import_register(args.cycle, sheet)
    data = {
        "cycle": args.cycle,
        "added": list(result.added),
        "updated": list(result.updated),
        "unchanged": result.unchanged,
        "skipped": [{"line": line, "reason": reason} for line, reason in result.skipped],
    }
    count = len(result.skipped)
    lines = [
        f"Imported {plural(result.imported, 'recommendation')} ({len(result.added)} added, "
        f"{len(result.updated)} updated, {result.unchanged} unchanged); {plural(count, 'row')} skipped"
        + (":" if count else ".")
    ]
    lines.extend(f"- line {line}: {reason}" for line, reason in result.skipped)
    return Output(data, "\n".join(lines))
