"""`tracker rules list` and `tracker rules compute`: the templates, and stateless date computation."""

from __future__ import annotations

import argparse

from tracker.cli.common import Output, add_command, format_table, parse_date, uk_date
from tracker.domain import AREAS
from tracker.errors import BadInput


def register(subparsers: argparse._SubParsersAction) -> None:
    rules = subparsers.add_parser("rules", help="process templates and the dates they derive")
    inner = rules.add_subparsers(dest="rules_command", metavar="SUBCOMMAND", parser_class=type(rules))
    inner.required = True
    add_command(inner, "list", cmd_list, "templates, their triggers and rules")
    p = add_command(inner, "compute", cmd_compute, "every date a template derives from trigger dates")
    p.add_argument("template", metavar="TEMPLATE")
    p.add_argument(
        "--trigger",
        action="append",
        default=[],
        metavar="NAME=DATE",
        help="a trigger and its date, e.g. election=2016-05-05 (repeat the option for more)",
    )
    p.add_argument("--area", choices=AREAS, help="london or pcc, for templates that differ by area")


def cmd_list(args: argparse.Namespace) -> Output:
    from tracker.rules.templates import load_all

    data = []
    lines = []
    for t in load_all():
        data.append(
            {
                "id": t.id,
                "version": t.version,
                "in_force_from": t.in_force_from,
                "title": t.title,
                "area": t.area,
                "act": t.act,
                "triggers": [{"name": s.id, "label": s.label, "optional": s.optional} for s in t.triggers],
                "rules": [
                    {
                        "id": r.id,
                        "label": r.label,
                        "kind": str(r.kind),
                        "basis": str(r.basis),
                        "area_basis": {k: str(v) for k, v in r.area_basis.items()},
                        "citation": r.citation,
                        "due": dict(r.due),
                        "met_by": r.met_by,
                        "explanation": r.explanation,
                    }
                    for r in t.rules
                ],
            }
        )
        triggers = ", ".join(s.id + (" (optional)" if s.optional else "") for s in t.triggers)
        lines.append(f"{t.id} v{t.version} (in force from {uk_date(t.in_force_from)}): {t.title}")
        lines.append(f"  triggers: {triggers}")
        lines.append(
            format_table(
                ["rule", "kind", "basis", "citation"],
                [["  " + r.id, str(r.kind), _basis_text(r), r.citation] for r in t.rules],
            )
        )
        lines.append("")
    return Output(data, "\n".join(lines))


def _basis_text(rule) -> str:
    if not rule.area_basis:
        return str(rule.basis)
    variants = ", ".join(f"{v} in {k}" for k, v in rule.area_basis.items())
    return f"{rule.basis} ({variants})"


def cmd_compute(args: argparse.Namespace) -> Output:
    from tracker.rules.engine import compute_dates
    from tracker.rules.templates import get_template

    triggers = {}
    for item in args.trigger:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise BadInput("--trigger", item, "must be NAME=DATE, e.g. election=2016-05-05")
        triggers[name.strip()] = parse_date(value, f"--trigger {name.strip()}")
    first = min(triggers.values()) if triggers else None
    template = get_template(args.template, on=first)
    known = {s.id for s in template.stages}
    for name in triggers:
        if name not in known:
            names = ", ".join(s.id for s in template.triggers)
            raise BadInput("--trigger", name, f"is not a trigger of {template.id}; its triggers: {names}")
    if not triggers:
        names = ", ".join(s.id for s in template.triggers if not s.optional)
        raise BadInput("--trigger", "", f"is required at least once; {template.id} needs: {names}")
    if args.area and args.area not in template.areas():
        raise BadInput("--area", args.area, f"does not apply to {template.id} (it is for {template.area})")
    from tracker.services.cycles import check_triggers

    trigger_names = {s.id for s in template.triggers}
    check_triggers(template, {k: v for k, v in triggers.items() if k in trigger_names}, require_all=False)
    try:
        dates, waiting = compute_dates(template, triggers, area=args.area)
    except ValueError as exc:
        raise BadInput(
            "--trigger", ", ".join(f"{k}={v}" for k, v in triggers.items()), f"cannot be used: {exc}"
        ) from None
    data = {
        "template": template.id,
        "version": template.version,
        "area": args.area or template.areas()[0],
        "triggers": triggers,
        "dates": [
            {
                "id": d.id,
                "label": d.label,
                "date": d.date,
                "kind": str(d.kind),
                "basis": str(d.basis),
                "citation": d.citation,
                "working": d.working,
                "warnings": list(d.warnings),
            }
            for d in dates
        ],
        "waiting": waiting,
    }
    rows = [
        [d.id, uk_date(d.date) if d.date else "(you set it)", str(d.kind), str(d.basis), d.citation]
        for d in dates
    ]
    text = [
        f"{template.title} (v{template.version})",
        format_table(["rule", "date", "kind", "basis", "citation"], rows),
    ]
    text.append("\nWorking")
    for d in dates:
        text.append(f"- {d.id}: {d.working}")
        for w in d.warnings:
            text.append(f"    note: {w}")
    if waiting:
        text.append(
            "\nNot computed (trigger not given): "
            + ", ".join(f"{w['id']} needs {w['needs']}" for w in waiting)
        )
    return Output(data, "\n".join(text))
