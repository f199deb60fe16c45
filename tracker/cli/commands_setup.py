"""Commands that set up a panel's own year: bodies, cycles, meetings and settings."""

from __future__ import annotations

import argparse
import datetime as dt

from tracker.cli.common import (
    Output,
    add_command,
    format_table,
    if_version_option,
    parse_date,
    reads_only,
    services_for,
    uk_date,
)
from tracker.domain.formatting import describe_counts
from tracker.errors import BadInput


def register(subparsers: argparse._SubParsersAction) -> None:
    body = subparsers.add_parser("body", help="policing bodies and their panels")
    body_sub = body.add_subparsers(
        dest="body_command", metavar="ACTION", parser_class=subparsers._parser_class
    )
    body_sub.required = True
    p = add_command(
        body_sub,
        "add",
        cmd_body_add,
        "add a policing body with its panel (--area with a shipped police area fills in the rest)",
    )
    p.add_argument("id", metavar="ID", help="a short id: lower-case letters, digits and hyphens")
    _body_options(p, adding=True)
    p = add_command(body_sub, "edit", cmd_body_edit, "change a body, its panel or the members in post")
    p.add_argument("id", metavar="ID")
    _body_options(p, adding=False)
    protocol = p.add_argument_group("the panel's local protocol (off until the panel turns its own on)")
    protocol.add_argument(
        "--protocol-days", type=_working_days, metavar="N", help="working days after the report"
    )
    protocol.add_argument("--protocol-label", metavar="TEXT", help="what it asks for, in your own words")
    protocol.add_argument("--no-protocol", action="store_true", help="turn it off")
    if_version_option(p, "the body", "tracker body list --json")
    reads_only(add_command(body_sub, "list", cmd_body_list, "every body with its panel and members in post"))
    add_command(
        body_sub, "areas", cmd_body_areas, "the police areas of England and Wales shipped with the tracker"
    )

    cycle = subparsers.add_parser("cycle", help="add, change or remove a cycle (tracker cycles lists them)")
    cycle_sub = cycle.add_subparsers(
        dest="cycle_command", metavar="ACTION", parser_class=subparsers._parser_class
    )
    cycle_sub.required = True
    p = add_command(cycle_sub, "add", cmd_cycle_add, "add a cycle of a process for a body")
    p.add_argument("id", metavar="ID")
    p.add_argument("--body", required=True, metavar="BODY")
    p.add_argument("--template", required=True, metavar="TEMPLATE", help="as tracker rules list shows them")
    p.add_argument("--title", metavar="TEXT")
    p.add_argument(
        "--trigger", action="append", default=[], metavar="NAME=DATE", help="a trigger date (repeatable)"
    )
    p = add_command(cycle_sub, "edit", cmd_cycle_edit, "change a cycle's title, notes or trigger dates")
    p.add_argument("id", metavar="ID")
    p.add_argument("--title", metavar="TEXT")
    p.add_argument("--notes", metavar="TEXT")
    p.add_argument("--trigger", action="append", default=[], metavar="NAME=DATE")
    p = add_command(cycle_sub, "remove", cmd_cycle_remove, "remove a cycle and everything under it")
    p.add_argument("id", metavar="ID")
    p.add_argument("--yes", action="store_true", help="really remove it (without it, say what would go)")

    meeting = subparsers.add_parser("meeting", help="panel and committee meetings")
    meeting_sub = meeting.add_subparsers(
        dest="meeting_command", metavar="ACTION", parser_class=subparsers._parser_class
    )
    meeting_sub.required = True
    p = add_command(
        meeting_sub, "add", cmd_meeting_add, "record a meeting (tied to a cycle, it sets its papers deadline)"
    )
    p.add_argument("--body", required=True, metavar="BODY")
    p.add_argument("--date", required=True, metavar="DATE")
    p.add_argument("--title", required=True, metavar="TEXT")
    p.add_argument("--cycle", metavar="ID")
    p.add_argument("--reference", metavar="TEXT", help="the agenda item or minute reference")
    p.add_argument(
        "--for", dest="for_stage", metavar="STAGE", help="the stage of the cycle it is for (e.g. reply_noted)"
    )
    p = add_command(
        meeting_sub, "edit", cmd_meeting_edit, "change a meeting's date, title or the stage it is for"
    )
    p.add_argument("id", metavar="ID", type=int, help="the meeting's id (tracker meeting list gives it)")
    p.add_argument("--date", metavar="DATE")
    p.add_argument("--title", metavar="TEXT")
    p.add_argument(
        "--for", dest="for_stage", metavar="STAGE", help='the stage of its cycle it is for; "" for none'
    )
    if_version_option(p, "the meeting", "tracker meeting list --json")
    p = add_command(
        meeting_sub,
        "import",
        cmd_meeting_import,
        "meetings from an iCalendar (.ics) file exported from Outlook or a committee system; importing it "
        "again adds nothing, moves what moved and marks what was cancelled",
    )
    p.add_argument("file", metavar="FILE.ics")
    p.add_argument("--body", required=True, metavar="BODY", help="the body whose panel the meetings are of")
    p = reads_only(add_command(meeting_sub, "list", cmd_meeting_list, "meetings, soonest first"))
    p.add_argument("--body", metavar="BODY")
    p.add_argument("--cycle", metavar="ID")
    p.add_argument("--from", dest="from_date", metavar="DATE")
    p.add_argument("--to", dest="to_date", metavar="DATE")

    p = add_command(subparsers, "vote", cmd_vote, "record the vote on a veto and check the two-thirds rule")
    p.add_argument("cycle", metavar="CYCLE")
    p.add_argument("--for", dest="votes_for", type=_count, required=True, metavar="N")
    p.add_argument("--against", type=_count, required=True, metavar="N")
    p.add_argument("--abstain", type=_count, default=0, metavar="N")
    p.add_argument(
        "--members",
        type=_members,
        metavar="N",
        help="members in post at the vote (default: the panel's record)",
    )
    p.add_argument("--date", metavar="DATE", help="the day of the vote: records the veto stage on it")

    settings = subparsers.add_parser("settings", help="what the papers print and how dates are counted")
    settings_sub = settings.add_subparsers(
        dest="settings_command", metavar="ACTION", parser_class=subparsers._parser_class
    )
    settings_sub.required = True
    reads_only(add_command(settings_sub, "show", cmd_settings_show, "every setting and its value"))
    p = add_command(settings_sub, "set", cmd_settings_set, "change one setting")
    p.add_argument("key", metavar="KEY")
    p.add_argument("value", metavar="VALUE", help='the value ("" clears it; for logo, an image file)')


def _body_options(p: argparse.ArgumentParser, *, adding: bool) -> None:
    from_area = " (default: from --area, where it is a shipped police area)" if adding else ""
    p.add_argument("--name", metavar="TEXT", help="the body's name" + from_area)
    p.add_argument("--kind", metavar="KIND", help="pcc, pfcc, mayor or mopac" + from_area)
    p.add_argument(
        "--area",
        metavar="NAME",
        help="the police area, e.g. Avon and Somerset"
        + (": a name or id from `tracker body areas` fills in the body and its panel" if adding else ""),
    )
    p.add_argument(
        "--panel",
        metavar="TEXT",
        help="the panel's name"
        + (" (default: the shipped list's, else made from the area)" if adding else ""),
    )
    p.add_argument("--members", type=_members, metavar="N", help="panel members in post")
    p.add_argument(
        "--from", dest="members_from", metavar="DATE", help="the day --members applies from (default today)"
    )
    wales = p.add_mutually_exclusive_group()
    wales.add_argument(
        "--wales", dest="in_wales", action="store_const", const=True, help="the area is in Wales"
    )
    wales.add_argument(
        "--england", dest="in_wales", action="store_const", const=False, help="the area is in England"
    )


def _members(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None


def _working_days(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of working days") from None


def _count(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of votes") from None


def cmd_vote(args: argparse.Namespace) -> Output:
    day = parse_date(args.date, "--date") if args.date else None
    result = services_for(args).votes.record(
        args.cycle, args.votes_for, args.against, args.abstain, args.members, day
    )
    return Output(result.as_dict(), f"Vote recorded for {args.cycle}: {result.working}")


def parse_triggers(items: list[str]) -> dict[str, dt.date]:
    triggers: dict[str, dt.date] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise BadInput("--trigger", item, "must be NAME=DATE, e.g. election=2024-05-02")
        if name in triggers:
            raise BadInput("--trigger", name, "is given twice")
        triggers[name] = parse_date(value, f"--trigger {name}")
    return triggers


# ---- bodies --------------------------------------------------------------------------------------------
def _body_text(row) -> str:
    lines = [f"{row.id}: {row.name} ({row.kind})"]
    lines.append(f"  area: {row.area or 'not recorded'}" + (" (Wales)" if row.in_wales else ""))
    lines.append(f"  panel: {row.panel_name or 'not recorded'}")
    history = "; ".join(f"{r.members} from {uk_date(r.effective_from)}" for r in row.membership)
    lines.append(
        f"  members in post: {row.members if row.members is not None else 'not recorded'}"
        + (f" ({history})" if len(row.membership) > 1 else "")
    )
    lines.append(f"  cycles: {row.cycles}")
    if row.protocol:
        lines.append(f"  local protocol: {row.protocol.label}, within {row.protocol.days} working days")
    return "\n".join(lines)


def _body_kwargs(args: argparse.Namespace) -> dict:
    return {
        "name": args.name,
        "kind": args.kind,
        "area": args.area,
        "panel": args.panel,
        "members": args.members,
        "members_from": parse_date(args.members_from, "--from") if args.members_from else None,
        "in_wales": args.in_wales,
    }


def cmd_body_add(args: argparse.Namespace) -> Output:
    row = services_for(args).bodies.add(args.id, **_body_kwargs(args))
    return Output(row.as_dict(), "Added\n" + _body_text(row))


def cmd_body_edit(args: argparse.Namespace) -> Output:
    row = services_for(args).bodies.edit(
        args.id,
        **_body_kwargs(args),
        protocol_days=args.protocol_days,
        protocol_label=args.protocol_label,
        no_protocol=args.no_protocol,
        if_version=args.if_version,
    )
    return Output(row.as_dict(), "Changed\n" + _body_text(row))


def cmd_body_list(args: argparse.Namespace) -> Output:
    rows = services_for(args).bodies.list()
    text = (
        format_table(
            ["body", "name", "kind", "area", "panel", "members", "cycles"],
            [
                [r.id, r.name, r.kind, r.area or "", r.panel_name or "", r.members or "", r.cycles]
                for r in rows
            ],
        )
        if rows
        else "No bodies yet. Add yours with: tracker body add ID --area NAME (a police area from tracker body "
        "areas), or tracker body add ID --name TEXT --kind pcc|pfcc|mayor|mopac"
    )
    return Output([r.as_dict() for r in rows], text)


def cmd_body_areas(args: argparse.Namespace) -> Output:
    from tracker.services.bodies import police_areas

    areas = police_areas()
    data = [a.__dict__ for a in areas]
    text = format_table(
        ["id", "area", "kind", "body", "panel", "wales"],
        [
            [
                a.id,
                a.name,
                a.body_kind or "?",
                a.body_name or "",
                a.panel_name or "",
                "yes" if a.wales else "",
            ]
            for a in areas
        ],
    )
    return Output(data, text + "\nBlank or ? means not verified. Each row's source is in --json.")


# ---- cycles --------------------------------------------------------------------------------------------
def cmd_cycle_add(args: argparse.Namespace) -> Output:
    triggers = parse_triggers(args.trigger)
    svc = services_for(args)
    cycle_id = svc.cycles.create_cycle(args.id, args.title or "", args.template, args.body, triggers=triggers)
    as_of = dt.date.today()
    detail = svc.cycles.detail(cycle_id, as_of)
    rows = [o for o in detail.obligations if o.due is not None]
    data = {
        "id": cycle_id,
        "title": detail.summary.title,
        "template": detail.summary.template_id,
        "body": detail.body.id,
        "triggers": triggers,
        "dates": [
            {
                "rule": o.rule_id,
                "label": o.label,
                "due": o.due,
                "status": str(o.status),
                "citation": o.citation,
                "working": o.working,
            }
            for o in rows
        ],
    }
    text = [f"Added {cycle_id}: {detail.summary.title}", "Dates it derives:"]
    text.append(
        format_table(
            ["rule", "due", "status", "citation"],
            [[o.rule_id, uk_date(o.due), str(o.status), o.citation] for o in rows],
        )
        if rows
        else "  none yet (later stages will give them)"
    )
    return Output(data, "\n".join(text))


def cmd_cycle_edit(args: argparse.Namespace) -> Output:
    triggers = parse_triggers(args.trigger)
    changed = services_for(args).cycles.edit_cycle(
        args.id, title=args.title, notes=args.notes, triggers=triggers
    )
    return Output(
        {"id": args.id, "changed": changed}, f"Changed {args.id}: " + ("; ".join(changed) or "nothing")
    )


def cmd_cycle_remove(args: argparse.Namespace) -> Output:
    svc = services_for(args)
    plan = svc.cycles.removal_plan(args.id)
    what = describe_counts(plan) or "nothing else"
    if not args.yes:
        raise BadInput(
            "--yes",
            "",
            f"is needed to remove {args.id}; it would remove the cycle with {what}. Nothing was removed",
        )
    removed = svc.cycles.remove_cycle(args.id)
    return Output({"removed": args.id, "with": removed}, f"Removed {args.id} with {what}.")


# ---- meetings ------------------------------------------------------------------------------------------
def cmd_meeting_add(args: argparse.Namespace) -> Output:
    day = parse_date(args.date, "--date")
    row, notes = services_for(args).meetings.add(
        args.body, day, args.title, args.cycle, args.reference, args.for_stage
    )
    data = {**row.as_dict(), "notes": notes}
    text = [f"Meeting {row.id} on {uk_date(row.date)}: {row.title} ({row.panel})"]
    text.append(f"Papers to be published by {uk_date(row.papers_by)}: {row.papers_working}")
    text.extend(notes)
    return Output(data, "\n".join(text))


def cmd_meeting_edit(args: argparse.Namespace) -> Output:
    if args.date is None and args.title is None and args.for_stage is None:
        raise BadInput("meeting edit", str(args.id), "was given nothing to change (--date, --title, --for)")
    row, notes = services_for(args).meetings.edit(
        args.id,
        day=parse_date(args.date, "--date") if args.date is not None else None,
        title=args.title,
        for_stage=args.for_stage,
        if_version=args.if_version,
    )
    text = [f"Meeting {row.id} on {uk_date(row.date)}: {row.title} ({row.panel}), version {row.version}"]
    text.append(f"Papers to be published by {uk_date(row.papers_by)}: {row.papers_working}")
    text.extend(notes)
    return Output({**row.as_dict(), "notes": notes}, "\n".join(text))


def cmd_meeting_import(args: argparse.Namespace) -> Output:
    from tracker.files import read_input_file

    data = read_input_file(args.file, "file")
    result = services_for(args).meetings.import_calendar(args.body, data, args.file)
    lines = [f"Imported {args.file} for {args.body}: {result.summary()}"]
    for title, items in (
        ("Added", result.added),
        ("Moved", result.moved),
        ("Renamed", result.renamed),
        ("Marked cancelled", result.cancelled),
        ("Cancelled in the calendar, not added", result.cancelled_not_added),
        ("Stage dates planned from a moved meeting", result.stages_planned),
        ("Left out", result.left_out),
    ):
        lines.extend([f"{title}:", *(f"  {item}" for item in items)] if items else [])
    return Output(result.as_dict(), "\n".join(lines))


def cmd_meeting_list(args: argparse.Namespace) -> Output:
    rows = services_for(args).meetings.list(
        args.body,
        args.cycle,
        parse_date(args.from_date, "--from") if args.from_date else None,
        parse_date(args.to_date, "--to") if args.to_date else None,
    )
    text = (
        format_table(
            ["id", "date", "title", "panel", "cycle", "for", "papers by"],
            [
                [
                    r.id,
                    uk_date(r.date),
                    r.title,
                    r.panel,
                    r.cycle_id or "",
                    r.for_stage or "",
                    uk_date(r.papers_by),
                ]
                for r in rows
            ],
        )
        if rows
        else "No meetings recorded."
        if not (args.body or args.cycle or args.from_date or args.to_date)
        else "No meetings recorded that match: "
        + ", ".join(
            f"{option} {value}"
            for option, value in (
                ("--body", args.body),
                ("--cycle", args.cycle),
                ("--from", args.from_date),
                ("--to", args.to_date),
            )
            if value
        )
        + "."
    )
    return Output([r.as_dict() for r in rows], text)


# ---- settings ------------------------------------------------------------------------------------------
def cmd_settings_show(args: argparse.Namespace) -> Output:
    rows = services_for(args).settings.describe()
    text = format_table(
        ["key", "value", "kept in", "what it is"],
        [[r["key"], r["value"] or "(not set)", r["scope"], r["help"]] for r in rows],
    )
    return Output(rows, text)


def cmd_settings_set(args: argparse.Namespace) -> Output:
    value = services_for(args).settings.set(args.key, args.value)
    return Output({"key": args.key, "value": value}, f"{args.key} = {value or '(not set)'}")
