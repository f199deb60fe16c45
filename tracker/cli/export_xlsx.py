"""`tracker export xlsx`: the recommendations register and the deadlines as an Excel workbook."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from tracker.cli.common import Output, add_command, parse_date, reads_only, services_for
from tracker.domain.formatting import uk_date
from tracker.errors import BadInput
from tracker.files import check_output_path, write_atomically

HELP = "write the recommendations register and the deadlines to an Excel workbook (.xlsx)"


def register(inner: argparse._SubParsersAction) -> None:
    p = reads_only(add_command(inner, "xlsx", cmd_xlsx, HELP))
    p.add_argument("--cycle", metavar="ID", help="only this cycle (default: all cycles)")
    p.add_argument("--as-of", metavar="DATE", help="the record and statuses as of this day (default: today)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the workbook to write (.xlsx)")


def cmd_xlsx(args: argparse.Namespace) -> Output:
    from tracker.exports.xlsx import build_workbook, deadline_rows, register_rows

    if Path(args.output).suffix.lower() != ".xlsx":
        raise BadInput("-o", args.output, "must end in .xlsx")
    as_of = parse_date(args.as_of, "--as-of") if args.as_of is not None else dt.date.today()
    target = check_output_path(Path(args.output))
    services = services_for(args)
    register = register_rows(services, args.cycle, as_of=as_of)
    deadlines = deadline_rows(services, args.cycle, as_of=as_of)
    if args.cycle:
        titles = dict(services.cycles.titles())
        title = f"{titles.get(args.cycle) or args.cycle}: register and deadlines"
    else:
        title = "All cycles: register and deadlines"
    data = build_workbook(register, deadlines, title=title, as_of=as_of)
    write_atomically(target, data)
    return Output(
        {"file": str(target), "register_rows": len(register), "deadline_rows": len(deadlines)},
        f"Wrote {target} ({len(register)} register rows, {len(deadlines)} deadlines, as of {uk_date(as_of)})",
    )
