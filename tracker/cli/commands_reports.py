"""`tracker report status|agenda|panel-report|audit|calendar`: committee papers as PDF (and as Word, but for the
calendar)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from tracker.cli.common import Output, add_command, parse_date, reads_only, services_for
from tracker.errors import BadInput
from tracker.files import check_output_path, write_atomically

FORMATS = {
    "status": (".pdf", ".docx"),
    "agenda": (".pdf", ".docx"),
    "panel-report": (".pdf", ".docx"),
    "audit": (".pdf", ".docx"),
    "calendar": (".pdf",),
}


def register(subparsers: argparse._SubParsersAction) -> None:
    report = subparsers.add_parser(
        "report", help="write a committee paper (PDF, or Word for the agenda item)"
    )
    inner = report.add_subparsers(dest="report_kind", metavar="KIND", parser_class=type(report))
    inner.required = True
    for kind, text in (
        ("status", "a cycle's status: timeline, obligations, extensions, replies, follow-ups"),
        (
            "agenda",
            "the agenda item for where the cycle stands (for a plan's reply: the reply as Appendix 1)",
        ),
        (
            "panel-report",
            "the panel's report to the commissioner: decision, vote, recommendations, response date",
        ),
        ("audit", "every recommendation and sub-point with its reply, missing ones first"),
    ):
        p = reads_only(add_command(inner, kind, cmd_report, text))
        p.add_argument("--cycle", required=True, metavar="ID")
        p.add_argument("--as-of", metavar="DATE", help="statuses as of this day (default: today)")
        p.add_argument(
            "-o", "--output", required=True, metavar="FILE", help="the file to write (.pdf or .docx)"
        )
        if kind == "audit":
            p.add_argument(
                "--asked-before",
                action="store_true",
                help="add a column: each recommendation's best match asked in an earlier cycle, and what "
                "became of it (a link the officer confirmed, else a score of 0.5 or more)",
            )
        if kind == "panel-report":
            p.add_argument(
                "--decision",
                choices=("accept", "reject"),
                help="for the second report on a revised precept: whether the panel accepts or rejects it",
            )
        if kind == "agenda":
            meeting = p.add_mutually_exclusive_group()
            meeting.add_argument(
                "--meeting-date", metavar="DATE", help="the day of the meeting the item goes to"
            )
            meeting.add_argument(
                "--meeting",
                type=int,
                metavar="ID",
                help="the recorded meeting the item goes to (tracker meeting list)",
            )
            p.add_argument("--report-of", default="", metavar="TEXT", help="default: the report_of setting")
            p.add_argument("--report-to", default="", metavar="TEXT")
            p.add_argument(
                "--private",
                action="store_true",
                help="the item is taken in private (with --exempt-paragraph)",
            )
            p.add_argument(
                "--exempt-paragraph",
                type=int,
                metavar="N",
                help="the paragraph (1-7) of Part 1 of Schedule 12A to the Local Government Act 1972 it relies on",
            )
            p.add_argument("--contact-name", default="", metavar="TEXT")
            p.add_argument("--contact-role", default="", metavar="TEXT")
            p.add_argument("--contact-phone", default="", metavar="TEXT")
            p.add_argument("--contact-email", default="", metavar="TEXT")
            p.add_argument("--background-papers", default="", metavar="TEXT")
            p.add_argument(
                "--with-assessment",
                action="store_true",
                help="add the secretariat's reading of each reply (off in a paper that members note)",
            )
            p.add_argument(
                "--without-appendix",
                action="store_true",
                help="do not append the reply: the item says it is published separately, with its date",
            )
    from tracker.cli.commands_analytics import _filters

    p = reads_only(
        add_command(inner, "analytics", cmd_analytics_report, "the cycles side by side, with charts")
    )
    _filters(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write (.pdf or .docx)")
    p = reads_only(add_command(inner, "calendar", cmd_report, "everything due between two dates, by week"))
    p.add_argument("--cycle", metavar="ID", help="only this cycle (default: all cycles)")
    p.add_argument("--from", dest="from_date", required=True, metavar="DATE")
    p.add_argument("--to", dest="to_date", required=True, metavar="DATE")
    p.add_argument("--as-of", metavar="DATE", help="statuses as of this day (default: today)")
    p.add_argument("-o", "--output", required=True, metavar="FILE")


def _format_of(kind: str, output: str) -> str:
    suffix = Path(output).suffix.lower()
    if suffix not in FORMATS[kind]:
        allowed = " or ".join(FORMATS[kind])
        raise BadInput("-o", output, f"must end in {allowed} for the {kind} report")
    return suffix.lstrip(".")


def cmd_report(args: argparse.Namespace) -> Output:
    kind = args.report_kind
    fmt = _format_of(kind, args.output)
    as_of = parse_date(args.as_of, "--as-of") if args.as_of is not None else dt.date.today()
    target = check_output_path(Path(args.output))
    if kind == "calendar":
        start = parse_date(args.from_date, "--from")
        end = parse_date(args.to_date, "--to")
        if end < start:
            raise BadInput(
                "--to", args.to_date, f"is before --from {args.from_date}: the window ends before it starts"
            )
    services = services_for(args)
    data = build_report(services, kind, fmt, args, as_of)
    write_atomically(target, data)
    return Output(
        {"report": kind, "format": fmt, "file": str(target), "bytes": len(data)},
        f"Wrote {target} ({len(data) // 1024 + 1} KB)",
    )


def cmd_analytics_report(args: argparse.Namespace) -> Output:
    from tracker.cli.commands_analytics import build_analytics_paper, output_format

    fmt = output_format(args.output)
    target = check_output_path(Path(args.output))
    data = build_analytics_paper(args, fmt)
    write_atomically(target, data)
    return Output(
        {"report": "analytics", "format": fmt, "file": str(target), "bytes": len(data)},
        f"Wrote {target} ({len(data) // 1024 + 1} KB)",
    )


def build_report(services, kind: str, fmt: str, args: argparse.Namespace, as_of: dt.date) -> bytes:
    from tracker.reports.agenda import AgendaOptions
    from tracker.reports.build import build_report as build

    if kind == "calendar":
        start, end = parse_date(args.from_date, "--from"), parse_date(args.to_date, "--to")
        return build(services, kind, fmt, cycle_id=args.cycle, as_of=as_of, start=start, end=end)
    if kind == "panel-report":
        return build(services, kind, fmt, cycle_id=args.cycle, as_of=as_of, decision=args.decision)
    if kind == "audit":
        return build(services, kind, fmt, cycle_id=args.cycle, as_of=as_of, asked_before=args.asked_before)
    if kind != "agenda":
        return build(services, kind, fmt, cycle_id=args.cycle, as_of=as_of)
    options = AgendaOptions(
        report_to=args.report_to,
        report_of=args.report_of,
        meeting_date=parse_date(args.meeting_date, "--meeting-date") if args.meeting_date else None,
        public=not args.private,
        contact_name=args.contact_name,
        contact_role=args.contact_role,
        contact_phone=args.contact_phone,
        contact_email=args.contact_email,
        background_papers=args.background_papers,
        with_assessment=args.with_assessment,
        without_appendix=args.without_appendix,
        exempt_paragraph=args.exempt_paragraph,
        meeting_id=args.meeting,
    )
    return build(services, kind, fmt, cycle_id=args.cycle, as_of=as_of, agenda_options=options)
