"""`tracker analytics` and `tracker follow-ups`: the register across years, in figures and in one list."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from tracker.cli.common import Output, add_command, parse_date, reads_only, services_for
from tracker.domain.formatting import uk_date
from tracker.errors import BadInput


def register(subparsers: argparse._SubParsersAction) -> None:
    p = reads_only(add_command(subparsers, "analytics", cmd_analytics, "the cycles side by side, in figures"))
    _filters(p)
    p = reads_only(
        add_command(
            subparsers, "follow-ups", cmd_follow_ups, "every dated ask and commitment, with its state"
        )
    )
    p.add_argument("--as-of", metavar="DATE", help="states as of this day (default: today)")
    p.add_argument("--cycle", metavar="ID", help="only this cycle")


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--body", metavar="ID", help="only this policing body's cycles")
    p.add_argument("--from", dest="from_date", metavar="DATE", help="committee reports on or after this day")
    p.add_argument("--to", dest="to_date", metavar="DATE", help="committee reports on or before this day")
    p.add_argument("--as-of", metavar="DATE", help="the record as it stood on this day (default: today)")


def analytics_of(args: argparse.Namespace):
    start = parse_date(args.from_date, "--from") if args.from_date else None
    end = parse_date(args.to_date, "--to") if args.to_date else None
    if start and end and end < start:
        raise BadInput("--to", args.to_date, f"is before --from {args.from_date}")
    as_of = parse_date(args.as_of, "--as-of") if args.as_of else dt.date.today()
    services = services_for(args)
    if args.body and args.body not in {b.id for b in services.bodies.list()}:
        raise BadInput("--body", args.body, "is not a known policing body (tracker body list)")
    return services, services.analytics.analytics(args.body, start, end, as_of), as_of


def cmd_analytics(args: argparse.Namespace) -> Output:
    _, found, _ = analytics_of(args)
    data = {
        "cycles": [
            {
                "cycle": c.cycle,
                "title": c.title,
                "body": c.body,
                "template": c.template,
                "report_date": c.report_date,
                "recommendations": c.recommendations,
                "dispositions": c.dispositions,
                "days_to_reply": c.days_to_reply,
                "days_to_reply_at_most": c.days_to_reply_at_most,
                "reply_due_met": c.reply_due_met,
                "follow_ups": c.follow_ups,
            }
            for c in found.cycles
        ],
        "bodies": [_totals(t, "body") for t in found.bodies],
        "themes": [_totals(t, "theme") for t in found.themes],
    }
    lines = [
        f"{c.cycle:<16} {c.recommendations:>3} recs  "
        + ", ".join(f"{n} {d}" for d, n in c.dispositions.items() if n)
        + f"; reply in {c.days_to_reply if c.days_to_reply is not None else '?'} days"
        for c in found.cycles
    ]
    return Output(data, "\n".join(lines) or "No cycle has recommendations recorded yet.")


def _totals(t, key: str) -> dict:
    return {
        key: t.name,
        "cycles": t.cycles,
        "recommendations": t.recommendations,
        "dispositions": t.dispositions,
    }


def cmd_follow_ups(args: argparse.Namespace) -> Output:
    as_of = parse_date(args.as_of, "--as-of") if args.as_of else dt.date.today()
    items = services_for(args).analytics.follow_ups(as_of, args.cycle)
    data = [
        {
            "cycle": i.cycle,
            "body": i.body,
            "kind": i.kind,
            "number": i.number,
            "text": i.text,
            "due": i.due,
            "met": i.met_on,
            "state": i.state,
        }
        for i in items
    ]
    lines = [
        f"{i.state:<9} {uk_date(i.due, unknown='no date'):<12} {i.cycle:<14} {i.number or '':<5} {i.kind}: {i.text}"
        for i in items
    ]
    return Output(data, "\n".join(lines) or "No dated asks or commitments are recorded.")


def build_analytics_paper(args: argparse.Namespace, fmt: str) -> bytes:
    from tracker.reports.analytics import render_analytics_docx, render_analytics_pdf
    from tracker.reports.common import ReportSettings

    services, found, as_of = analytics_of(args)
    settings = ReportSettings.from_mapping(services.settings.report_settings())
    render = render_analytics_docx if fmt == "docx" else render_analytics_pdf
    return render(found, settings, as_of)


def output_format(output: str) -> str:
    suffix = Path(output).suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise BadInput("-o", output, "must end in .pdf or .docx for the analytics report")
    return suffix.lstrip(".")
