"""Commands over the store: init, demo, cycles, show, deadlines, set-date, extend, history."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import re

from tracker.cli.common import (
    Output,
    add_command,
    check_year,
    format_table,
    parse_date,
    reads_only,
    services_for,
    uk_date,
    whole_days,
)
from tracker.domain import Precision
from tracker.domain.formatting import uk_date_time
from tracker.errors import BadInput
from tracker.persistence.urls import display_url
from tracker.services.history import field_name


def register(subparsers: argparse._SubParsersAction) -> None:
    add_command(subparsers, "init", cmd_init, "create or migrate the store (a backup is taken first)")
    p = add_command(
        subparsers, "demo", cmd_demo, "load the real London plan cycles as demo data (safe to repeat)"
    )
    p.add_argument("--remove", action="store_true", help="remove the London demo cycles and nothing else")
    p.add_argument(
        "--example",
        action="store_true",
        help="use the London example's own store file (never the store you work in) instead of --db",
    )

    p = reads_only(
        add_command(subparsers, "cycles", cmd_cycles, "list every cycle with its stage and next deadline")
    )
    add_as_of(p)

    p = reads_only(
        add_command(subparsers, "show", cmd_show, "one cycle: stages, obligations, recommendations")
    )
    p.add_argument("cycle", metavar="CYCLE")
    add_as_of(p)

    p = reads_only(
        add_command(subparsers, "deadlines", cmd_deadlines, "every obligation across cycles, soonest first")
    )
    add_as_of(p)
    p.add_argument(
        "--within",
        type=_days_within,
        metavar="N",
        help="only what is open and due within N days of the as-of day (overdue included)",
    )
    p.add_argument("--cycle", metavar="CYCLE", help="only this cycle")

    p = add_command(subparsers, "set-date", cmd_set_date, "record when a stage happened (or is planned)")
    p.add_argument("cycle", metavar="CYCLE")
    p.add_argument("stage", metavar="STAGE")
    p.add_argument(
        "date",
        metavar="DATE",
        nargs="?",
        help="YYYY-MM-DD or day first (12/3/2025, 12 March 2025); YYYY-MM when only the month is known",
    )
    p.add_argument("--planned", action="store_true", help="set the planned date rather than the actual one")
    p.add_argument(
        "--on-or-before",
        action="store_true",
        help="the exact day is not known, only that it happened by DATE",
    )
    p.add_argument("--after", metavar="STAGE", help="the date is not known, only that it came after STAGE")
    p.add_argument("--clear", action="store_true", help="remove the recorded actual date")

    p = add_command(subparsers, "extend", cmd_extend, "move a stage's planned date, keeping the original")
    p.add_argument("cycle", metavar="CYCLE")
    p.add_argument("stage", metavar="STAGE")
    p.add_argument("date", metavar="DATE")
    p.add_argument("--reason", required=True, help="why the date moves (kept with the extension)")
    p.add_argument(
        "--earlier", action="store_true", help="allow the new date to be earlier than the current one"
    )

    p = reads_only(add_command(subparsers, "history", cmd_history, "the change log: who changed what, when"))
    p.add_argument("--cycle", metavar="CYCLE")


def add_as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", metavar="DATE", help="compute statuses as of this day (default: today)")


def as_of_from(args: argparse.Namespace) -> dt.date:
    value = getattr(args, "as_of", None)
    return parse_date(value, "--as-of") if value is not None else dt.date.today()


MAX_WITHIN_DAYS = 36500  # a hundred years; more is a typing mistake and overflows the date arithmetic


def _days_within(value: str) -> int:
    try:
        return whole_days("--within", value, MAX_WITHIN_DAYS)
    except BadInput as exc:  # argparse names the option itself
        raise argparse.ArgumentTypeError(f"{exc.value!r} {exc.problem}") from None


# ---- handlers ----------------------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> Output:
    svc = services_for(args)
    data = {
        "database": display_url(svc.url),
        "backup": str(svc.backup) if svc.backup else None,
        "cycles": svc.cycles.ids(),
    }
    text = f"Store ready: {data['database']}"
    if svc.backup:
        text += f"\nBackup taken before migrating: {svc.backup}"
    return Output(data, text)


def cmd_demo(args: argparse.Namespace) -> Output:
    if args.example:
        from tracker.paths import example_database_url

        args.db = example_database_url()
    svc = services_for(args)
    if args.remove:
        removed = svc.demo.remove(svc.cycles)
        text = (
            ("Removed the demo cycles: " + ", ".join(removed)) if removed else "No demo cycles in this store."
        )
        return Output({"removed": list(removed), "store": display_url(svc.url)}, text)
    result = svc.demo.load()
    data = {
        "added": list(result.added),
        "already_present": list(result.already_present),
        "store": display_url(svc.url),
    }
    lines = []
    if result.added:
        lines.append("Loaded demo cycles: " + ", ".join(result.added))
    if result.already_present:
        lines.append("Already in the store (left as they are): " + ", ".join(result.already_present))
    return Output(data, "\n".join(lines))


def cmd_cycles(args: argparse.Namespace) -> Output:
    as_of = as_of_from(args)
    summaries = services_for(args).cycles.list(as_of)
    data = [summary_json(s) for s in summaries]
    rows = [
        [
            s.id,
            s.title,
            s.current_stage,
            s.next_deadline_text(with_date=True),
            "" if s.days_left is None else s.days_left,
            s.overdue,
            s.met_late,
            s.exceptions,
            s.not_recorded + s.unconfirmed,
            s.coverage.describe(),
        ]
        for s in summaries
    ]
    text = (
        f"Cycles as of {uk_date(as_of)}\n"
        + format_table(
            [
                "cycle",
                "title",
                "stage",
                "next deadline",
                "days",
                "overdue",
                "late",
                "exceptions",
                "to check",
                "replies",
            ],
            rows,
        )
        if summaries
        else "No cycles yet: add one with `tracker cycle add` (`tracker demo` loads the London example instead)."
    )
    return Output(data, text)


def cmd_show(args: argparse.Namespace) -> Output:
    as_of = as_of_from(args)
    detail = services_for(args).cycles.detail(args.cycle, as_of)
    obligations = by_due_date(detail.obligations)
    data = {
        "cycle": summary_json(detail.summary),
        "as_of": as_of,
        "template": detail.summary.template_id,
        "notes": detail.notes,
        "notices": [{"text": n.text, "date": n.date, "source": n.source} for n in detail.notices],
        "stages": [
            {
                "stage": s.key,
                "label": s.label,
                "party": s.party,
                "planned": s.planned,
                "actual": s.actual,
                "actual_text": s.actual_text,
                "precision": s.precision,
                "evidence": s.evidence,
                "notes": s.notes,
                "extensions": [extension_json(e) for e in s.extensions],
                "version": s.version,
            }
            for s in detail.stages
        ],
        "obligations": [obligation_json(o) for o in obligations],
        "recommendations": [recommendation_json(r) for r in detail.recommendations],
        "replies": [reply_json(p) for p in detail.replies],
    }
    parts = [
        f"{detail.summary.title} ({detail.summary.id}), as of {uk_date(as_of)}",
        f"{detail.body.name} / {detail.scrutiny_body.name}; template {detail.summary.template_id}",
    ]
    if detail.notes:
        parts.append(detail.notes)
    parts.extend(
        f"Notice: {n.text}" + (f" (source: {n.source})" if n.source.startswith("http") else "")
        for n in detail.notices
    )
    parts.append("\nStages")
    parts.append(
        format_table(
            ["stage", "label", "planned", "actual"],
            [[s.key, s.label, uk_date(s.planned) if s.planned else "", s.actual_text] for s in detail.stages],
        )
    )
    for ext in detail.extensions:
        parts.append(
            f"  {ext.stage_label}: extended from {uk_date(ext.original)} to {uk_date(ext.new)} "
            f"({ext.reason}; {ext.made_by or 'unknown'})"
        )
    parts.append("\nObligations")
    if obligations:
        parts.append(obligations_table(obligations, with_cycle=False))
    else:  # the engine gives none before the event that starts the cycle (an election still to come)
        parts.append(
            f"None yet as of {uk_date(detail.as_of)}: the event that starts this cycle has not happened"
            if detail.summary.current_stage == "not started"
            else "None."
        )
    if detail.recommendations:
        parts.append(f"\nRecommendations: {detail.summary.coverage.describe()}")
        parts.append(
            format_table(
                ["no.", "reply", "grouped with", "disposition", "recommendation"],
                [
                    [
                        r.number,
                        r.reply_status,
                        ", ".join(r.grouped_with),
                        r.disposition or "",
                        _clip(r.text, 70),
                    ]
                    for r in detail.recommendations
                ],
            )
        )
    return Output(data, "\n".join(parts))


def cmd_deadlines(args: argparse.Namespace) -> Output:
    as_of = as_of_from(args)
    rows = services_for(args).cycles.deadlines(as_of, within_days=args.within, cycle_id=args.cycle)
    data = [obligation_json(o) for o in rows]
    heading = f"Deadlines as of {uk_date(as_of)}"
    if args.within is not None:
        heading += f", open and due within {args.within} days"
    text = heading + "\n" + obligations_table(rows, with_cycle=True) if rows else heading + ": nothing."
    return Output(data, text)


_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def cmd_set_date(args: argparse.Namespace) -> Output:
    svc = services_for(args)
    if args.clear:
        change = svc.cycles.clear_stage_date(args.cycle, args.stage)
    elif args.after:
        if args.date:
            raise BadInput("DATE", args.date, "cannot be given with --after (the date is not known)")
        change = svc.cycles.set_stage_date(
            args.cycle, args.stage, None, precision=Precision.AFTER, after_stage=args.after
        )
    else:
        if not args.date:
            raise BadInput("DATE", "", "is required (YYYY-MM-DD or 12/3/2025, or YYYY-MM for a month)")
        value, precision = _parse_stage_date(args.date, args.on_or_before)
        change = svc.cycles.set_stage_date(
            args.cycle, args.stage, value, precision=precision, planned=args.planned
        )
    data = dataclasses.asdict(change)
    data["warnings"] = list(change.warnings)
    text = f"{change.cycle_id} {change.stage}, {field_name(change.field)}: {change.old} -> {change.new}"
    return Output(data, "\n".join([text, *(f"warning: {w}" for w in change.warnings)]))


def _parse_stage_date(value: str, on_or_before: bool) -> tuple[dt.date, Precision]:
    month = _MONTH.fullmatch(value.strip())
    if month:
        check_year(int(month.group(1)), value, "DATE")
        try:
            day = dt.date(int(month.group(1)), int(month.group(2)), 1)
        except ValueError:
            raise BadInput("DATE", value, "is not a real month (YYYY-MM)") from None
        if on_or_before:
            raise BadInput("DATE", value, "must be a full date with --on-or-before")
        return day, Precision.MONTH
    day = parse_date(value, "DATE")
    return day, Precision.ON_OR_BEFORE if on_or_before else Precision.DAY


def cmd_extend(args: argparse.Namespace) -> Output:
    new_date = parse_date(args.date, "DATE")
    ext = services_for(args).cycles.extend_stage(
        args.cycle, args.stage, new_date, args.reason, earlier=args.earlier
    )
    data = extension_json(ext)
    data["notes"] = list(ext.notes)
    text = f"{args.cycle} {ext.stage_label}: extended from {uk_date(ext.original)} to {uk_date(ext.new)}"
    return Output(data, "\n".join([text, *(f"note: {n}" for n in ext.notes)]))


def cmd_history(args: argparse.Namespace) -> Output:
    history = services_for(args).history
    if args.cycle is not None:
        history.check_cycle(args.cycle)
    rows = history.for_item(cycle_id=args.cycle)
    data = [dataclasses.asdict(r) for r in rows]
    text = (
        format_table(
            ["when", "who", "cycle", "item", "what changed", "old", "new"],
            [
                [
                    uk_date_time(r.at),
                    r.who,
                    r.cycle_id or "",
                    _clip(r.item or f"{r.entity} {r.entity_id}", 40),
                    r.what or r.field,
                    _clip(r.old or "", 30),
                    _clip(r.new or "", 40),
                ]
                for r in rows
            ],
        )
        if rows
        else "No changes recorded."
    )
    return Output(data, text)


# ---- shapes ------------------------------------------------------------------------------------------
def recommendation_json(r) -> dict:
    return {
        "number": r.number,
        "text": r.text,
        "subpoints": list(r.subpoints),
        # the same sub-points as objects with their status: "subpoints" stays a list of strings for scripts
        "subpoint_status": [
            {"text": text, "status": status}
            for text, status in zip(r.subpoints, r.subpoint_status, strict=False)
        ],
        "addressee": r.addressee,
        "theme": r.theme,
        "reply_status": r.reply_status,
        "grouped_with": list(r.grouped_with),
        "disposition": r.disposition,
        # "due" as first published; "date" as `tracker audit --json` names it
        "follow_ups": [{"kind": f.kind, "due": f.due, "date": f.due, "text": f.text} for f in r.follow_ups],
        "version": r.version,
        "origin": r.origin,
        "source": source_json(r.source),
    }


def reply_json(p) -> dict:
    return {
        "id": p.id,
        "covers": list(p.covers),
        "numbers": list(p.covers),
        "disposition": p.disposition,
        "version": p.version,
        "text": p.text,
        "origin": p.origin,
        "source": source_json(p.source),
    }


def source_json(source) -> dict | None:
    """Where an item was read: {"document": file name, "start", "end"} (offsets into the text as read)."""
    return None if source is None else {"document": source.document, "start": source.start, "end": source.end}


def obligation_json(o) -> dict:
    return {
        "cycle": o.cycle_id,
        "obligation": o.rule_id,
        "label": o.label,
        "due": o.due,
        "status": str(o.status),
        "basis": str(o.basis),
        "citation": o.citation,
        "working": o.working,
        "kind": str(o.kind),
        "days_left": o.days_left,
        "warnings": list(o.warnings),
        "extensions": list(o.extensions),
        "met_on": o.met_on,
        "condition": o.condition,
        "expected": o.expected,
    }


def summary_json(s) -> dict:
    return {
        "id": s.id,
        "title": s.title,
        "template": s.template_id,
        "body": s.body,
        "scrutiny_body": s.scrutiny_body,
        "current_stage": s.current_stage,
        "next_deadline": (
            {
                "obligation": s.next_deadline.rule_id,
                "label": s.next_deadline.label,
                "due": s.next_deadline.due,
                "status": str(s.next_deadline.status),
                "condition": s.next_deadline.condition,
            }
            if s.next_deadline
            else None
        ),
        "days_left": s.days_left,
        "overdue": s.overdue,
        "exceptions": s.exceptions,
        "met_late": s.met_late,
        "not_recorded": s.not_recorded,
        "unconfirmed": s.unconfirmed,
        "coverage": dataclasses.asdict(s.coverage) | {"text": s.coverage.describe()},
    }


def extension_json(e) -> dict:
    return {
        "stage": e.stage_key,
        "original": e.original,
        "new": e.new,
        "reason": e.reason,
        "made_by": e.made_by,
        "made_at": e.made_at.isoformat(timespec="seconds") if e.made_at else None,
    }


def by_due_date(rows):
    """Soonest first, the undated last; rows on the same day keep the template's order."""
    return sorted(rows, key=lambda o: (o.due is None, o.due or dt.date.min))


def obligations_table(rows, with_cycle: bool) -> str:
    headers = (["cycle"] if with_cycle else []) + ["due", "days", "status", "basis", "obligation", "citation"]
    body = []
    for o in rows:
        line = [
            uk_date(o.due) if o.due else "no date",
            "" if o.days_left is None else o.days_left,
            f"{o.status} (expected)" if o.expected else str(o.status),
            str(o.basis),
            _clip(o.label_with_condition, 90 if o.condition else 60),
            o.citation,
        ]
        body.append(([o.cycle_id] if with_cycle else []) + line)
    return format_table(headers, body)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
