"""`tracker export ics`: deadlines, meetings and follow-ups as a calendar file for Outlook or Google."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from tracker.cli.common import Output, add_command, parse_date, reads_only, services_for, whole_days
from tracker.errors import BadInput
from tracker.files import check_output_path, write_atomically

MAX_ALARM_DAYS = 60


def register(inner: argparse._SubParsersAction) -> None:
    p = reads_only(
        add_command(inner, "ics", cmd_ics, "deadlines, meetings and follow-ups as a calendar file (.ics)")
    )
    p.add_argument("--cycle", metavar="ID", help="only this cycle (default: all cycles)")
    p.add_argument("--from", dest="from_date", metavar="DATE", help="only events on or after this day")
    p.add_argument("--to", dest="to_date", metavar="DATE", help="only events on or before this day")
    p.add_argument("--as-of", metavar="DATE", help="statuses as of this day (default: today)")
    p.add_argument(
        "--alarm-days",
        default="7",
        metavar="N",
        help=f"a reminder N days before each event, 0 for none (0 to {MAX_ALARM_DAYS}; default 7)",
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the .ics file to write")


def cmd_ics(args: argparse.Namespace) -> Output:
    from tracker.exports.ics import build_calendar, calendar_items

    alarm_days = whole_days("--alarm-days", args.alarm_days, MAX_ALARM_DAYS)
    as_of = parse_date(args.as_of, "--as-of") if args.as_of is not None else dt.date.today()
    start = parse_date(args.from_date, "--from") if args.from_date else None
    end = parse_date(args.to_date, "--to") if args.to_date else None
    if start is not None and end is not None and end < start:
        raise BadInput(
            "--to", args.to_date, f"is before --from {args.from_date}: the window ends before it starts"
        )
    target = check_output_path(Path(args.output), suffixes=(".ics",))  # refuse a folder before any work
    services = services_for(args)
    try:
        items = calendar_items(services, cycle_id=args.cycle, as_of=as_of, from_date=start, to_date=end)
        organisation = str(services.settings.report_settings().get("organisation") or "")
    finally:
        services.dispose()
    data = build_calendar(items, organisation=organisation, alarm_days=alarm_days)
    write_atomically(target, data)
    return Output(
        {"file": str(target), "events": len(items)},
        f"Wrote {target} ({len(items)} event{'' if len(items) == 1 else 's'})",
    )
