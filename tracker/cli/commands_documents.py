"""Reading letters: `extract`, `audit-reply` (no store), and `import recommendations|reply`, `audit` (store)."""

from __future__ import annotations

import argparse

from tracker.cli.common import (
    Output,
    add_command,
    format_table,
    parse_date,
    reads_only,
    services_for,
    uk_date,
)
from tracker.domain.formatting import plural
from tracker.errors import BadInput


def register(subparsers: argparse._SubParsersAction) -> None:
    p = add_command(
        subparsers, "extract", cmd_extract, "recommendations, dates and reply-by date from a document"
    )
    p.add_argument("path", metavar="PATH", help=".txt, .md, .pdf (with a text layer) or .docx")

    p = add_command(
        subparsers,
        "audit-reply",
        cmd_audit_reply,
        "map a reply's passages to the recommendations they answer",
    )
    p.add_argument("reply", metavar="REPLY_PATH")
    p.add_argument(
        "--recommendations",
        metavar="PATH",
        help="the committee's letter or report; without it the reply's own restatements are used",
    )

    imports = subparsers.add_parser("import", help="import a document into a cycle (one transaction)")
    inner = imports.add_subparsers(dest="import_kind", metavar="KIND", parser_class=type(imports))
    inner.required = True
    for kind, handler, text in (
        ("recommendations", cmd_import_recommendations, "the committee's report or letter"),
        ("reply", cmd_import_reply, "the policing body's reply"),
    ):
        p = add_command(inner, kind, handler, f"import {text} into a cycle")
        p.add_argument("path", metavar="PATH")
        p.add_argument("--cycle", required=True, metavar="ID")
        p.add_argument(
            "--date", metavar="DATE", help="the document's date, if the one read from it is wrong or missing"
        )
    p.add_argument(  # the reply's parser, the last one made above
        "--unread",
        action="store_true",
        help="keep a PDF as it came without reading it (a scanned letter) for the papers; its answers are "
        "recorded with tracker reply set, its date given with --date",
    )
    p.add_argument("--title", metavar="TEXT", help="with --unread: the title papers give it")
    p = add_command(
        inner,
        "document",
        cmd_import_document,
        "keep a document the panel received (a draft plan, a notification) to append to its agenda item",
    )
    p.add_argument("path", metavar="PATH")
    p.add_argument("--cycle", required=True, metavar="ID")
    p.add_argument(
        "--kind",
        required=True,
        choices=("draft", "notification", "annual-report", "comments", "other"),
        help="draft: a draft plan; notification: a proposed precept, appointment or reserve candidate",
    )
    p.add_argument("--title", metavar="TEXT", help="the title papers give it (default: the document's own)")
    p.add_argument("--date", metavar="DATE", help="the document's date, if the one read from it is wrong")
    try:  # `tracker import register`: an existing spreadsheet register
        from tracker.cli.import_register import register as register_spreadsheet
    except ModuleNotFoundError as exc:
        if exc.name != "tracker.cli.import_register":
            raise
    else:
        register_spreadsheet(inner)

    p = reads_only(add_command(subparsers, "audit", cmd_audit, "the stored reply audit of a cycle"))
    p.add_argument("cycle", metavar="CYCLE")
    p.add_argument(
        "--as-of", metavar="DATE", help="the audit as the record stood on this day (default: today)"
    )


def _date(value) -> str | None:
    return value.isoformat() if value else None


def cmd_extract(args: argparse.Namespace) -> Output:
    from tracker.importing.extract import extract_recommendations, reading_warnings
    from tracker.importing.readers import read_document

    document = read_document(args.path)
    # a document with no recommendations the app can split out still gives what could be read: its date,
    # reference, reply-by date and other dates, with a warning (importing it as a report is still refused)
    extraction = extract_recommendations(document)
    info = extraction.document
    warnings = reading_warnings(extraction)
    if not extraction.recommendations:
        warnings.insert(
            0,
            "no recommendations could be split out of this document (looked for numbered, lettered and "
            "labelled lists, and bullets after a lead-in such as 'the Committee recommends that:'); "
            "its dates are still listed",
        )
    data = {
        "document": {
            "date": _date(info.date),
            "reference": info.reference,
            "reply_requested_by": _date(info.reply_requested_by),
            "dates": [{"date": _date(d.date), "context": d.context} for d in info.dates],
            "file_name": document.file_name,
            "sha256": document.sha256,
        },
        "recommendations": [
            {
                "number": r.number,
                "label": r.label,
                "text": r.text,
                "subpoints": list(r.subpoints),
                "asks": [{"date": _date(a.date), "text": a.text} for a in r.asks],
                "text_cy": r.text_cy,
                "span": [r.start, r.end],
            }
            for r in extraction.recommendations
        ],
        "statements": list(extraction.statements),
        "warnings": warnings,
    }
    lines = [
        f"{document.file_name}: dated {uk_date(info.date)}"
        + (f", reference {info.reference}" if info.reference else "")
        + (f", reply asked for by {uk_date(info.reply_requested_by)}" if info.reply_requested_by else ""),
        plural(len(extraction.recommendations), "recommendation"),
        format_table(
            ["no.", "sub-points", "asks", "recommendation"],
            [
                [
                    r.number,
                    len(r.subpoints),
                    "; ".join(f"{uk_date(a.date)}" for a in r.asks),
                    _clip(r.text, 80),
                ]
                for r in extraction.recommendations
            ],
        ),
    ]
    lines.extend(f"warning: {w}" for w in warnings)
    if extraction.statements:
        lines.append(f"\nLeft out as committee statements ({len(extraction.statements)}):")
        lines.extend(f"- {_clip(s, 100)}" for s in extraction.statements)
    if info.dates:
        lines.append("\nDates in the document:")
        lines.extend(f"- {uk_date(d.date)}: {_clip(d.context, 100)}" for d in info.dates)
    return Output(data, "\n".join(lines))


def cmd_audit_reply(args: argparse.Namespace) -> Output:
    from tracker.importing.audit import audit_reply
    from tracker.importing.extract import extract_recommendations
    from tracker.importing.readers import read_document

    reply = read_document(args.reply)
    recommendations = None
    if args.recommendations:
        committee = read_document(args.recommendations)
        recommendations = list(extract_recommendations(committee).recommendations)
        if not recommendations:
            raise BadInput("--recommendations", committee.file_name, "has no numbered recommendations")
    audit = audit_reply(reply, recommendations)
    if not audit.passages and not audit.recommendations:
        raise BadInput(
            "file",
            reply.file_name,
            "has no replies the app can tie to recommendations (no 'Recommendation N' headings, "
            "numbered items or table rows)",
        )
    data = audit_json(audit)
    data["document"]["file_name"] = reply.file_name
    return Output(data, audit_text(audit, reply.file_name))


def audit_json(audit) -> dict:
    from tracker.domain.formatting import answered_out_of_order

    late = answered_out_of_order([p.numbers for p in audit.passages])
    return {
        "document": {"date": _date(audit.document.date), "reference": audit.document.reference},
        "recommendations": [
            {
                "number": r.number,
                "status": r.status,
                "out_of_order_after": late.get(r.number),
                "grouped_with": list(r.grouped_with),
                "disposition": r.disposition,
                "evidence": r.evidence or None,
                "commitments": [{"date": _date(c.date), "text": c.text} for c in r.commitments],
            }
            for r in audit.recommendations
        ],
        "unknown_replies": list(audit.unknown_replies),
    }


def audit_text(audit, name: str) -> str:
    from tracker.domain.formatting import answered_out_of_order

    late = answered_out_of_order([p.numbers for p in audit.passages])
    replied = sum(1 for r in audit.recommendations if r.status == "replied")
    grouped = sum(1 for r in audit.recommendations if r.grouped_with)
    missing = [r.number for r in audit.recommendations if r.status == "missing"]
    lines = [
        f"{name}: dated {uk_date(audit.document.date)}"
        + (f", reference {audit.document.reference}" if audit.document.reference else ""),
        f"{replied} of {len(audit.recommendations)} replied, {grouped} grouped, {len(missing)} missing"
        + (f" ({', '.join(missing)})" if missing else ""),
        format_table(
            ["no.", "reply", "grouped with", "disposition", "evidence"],
            [
                [
                    r.number,
                    r.status + (f" (out of order, after {late[r.number]})" if r.number in late else ""),
                    ", ".join(r.grouped_with),
                    r.disposition or "",
                    _clip(r.evidence or "", 70),
                ]
                for r in audit.recommendations
            ],
        ),
    ]
    if audit.unknown_replies:
        lines.append("Replies to numbers the committee never made: " + ", ".join(audit.unknown_replies))
    commitments = [(r.number, c) for r in audit.recommendations for c in r.commitments]
    if commitments:
        lines.append("\nDated commitments:")
        lines.extend(
            f"- R{n}: {uk_date(c.date) if c.date else 'no date'}: {_clip(c.text, 90)}" for n, c in commitments
        )
    return "\n".join(lines)


def cmd_import_recommendations(args: argparse.Namespace) -> Output:
    day = parse_date(args.date, "--date") if args.date else None
    result = services_for(args).imports.import_recommendations(args.cycle, args.path, document_date=day)
    return Output(result.as_json(), result.describe())


def cmd_import_reply(args: argparse.Namespace) -> Output:
    from tracker.importing.readers import NO_TEXT_LAYER, NoTextLayer

    day = parse_date(args.date, "--date") if args.date else None
    imports = services_for(args).imports
    if args.unread:
        result = imports.keep_reply_unread(args.cycle, args.path, title=args.title, document_date=day)
        note = (
            "\nNote: the letter has no date yet; give it with --date when keeping it again, or with "
            f"tracker set-date {args.cycle} reply DATE"
            if result.undated
            else ""
        )
        return Output(result.as_json(), result.describe() + note)
    if args.title is not None:
        raise BadInput("--title", args.title, "needs --unread: a reply that is read keeps its own title")
    try:
        result = imports.import_reply(args.cycle, args.path, document_date=day)
    except NoTextLayer as exc:
        raise BadInput(
            exc.field,
            exc.value,
            NO_TEXT_LAYER.replace(", or paste", ", paste")
            + ", or keep it unread for the papers with --unread and record its answers with tracker reply set",
        ) from exc
    return Output(result.as_json(), result.describe())


def cmd_import_document(args: argparse.Namespace) -> Output:
    day = parse_date(args.date, "--date") if args.date else None
    result = services_for(args).imports.import_document(
        args.cycle, args.path, args.kind, title=args.title, document_date=day
    )
    return Output(result.as_json(), result.describe())


def cmd_audit(args: argparse.Namespace) -> Output:
    import datetime as dt

    from tracker.domain.formatting import answered_out_of_order
    from tracker.domain.numbers import natural_key

    as_of = parse_date(args.as_of, "--as-of") if args.as_of is not None else dt.date.today()
    detail = services_for(args).cycles.detail(args.cycle, as_of)
    recs = detail.recommendations
    late = answered_out_of_order([p.covers for p in detail.replies])
    order = sorted(recs, key=lambda r: (r.reply_status != "missing", natural_key(r.number)))
    data = {
        "cycle": detail.summary.id,
        "as_of": as_of,
        "coverage": {
            "total": detail.summary.coverage.total,
            "replied": detail.summary.coverage.replied,
            "grouped": detail.summary.coverage.grouped,
            "missing": detail.summary.coverage.missing,
            "not_recorded": detail.summary.coverage.not_recorded,
        },
        "recommendations": [
            {
                "number": r.number,
                "status": r.reply_status,
                "out_of_order_after": late.get(r.number),
                "grouped_with": list(r.grouped_with),
                "disposition": r.disposition,
                "evidence": r.evidence or None,
                "subpoints": subpoints_json(r),
                # "date" as first published; "due" as `tracker show --json` names it
                "follow_ups": [
                    {"kind": f.kind, "date": _date(f.due), "due": _date(f.due), "text": f.text}
                    for f in r.follow_ups
                ],
            }
            for r in order
        ],
        "unknown_replies": [
            {"numbers": list(p.claimed), "text": p.text} for p in detail.replies if not p.covers and p.claimed
        ],
    }
    from tracker.reports.audit import subpoints_line

    text = [
        f"{detail.summary.title}, as of {uk_date(as_of)}: {detail.summary.coverage.describe()}",
        *([points] if (points := subpoints_line(detail)) else []),
        format_table(
            ["no.", "reply", "grouped with", "disposition", "evidence"],
            [
                [
                    r.number,
                    r.reply_status + (f" (out of order, after {late[r.number]})" if r.number in late else ""),
                    ", ".join(r.grouped_with),
                    r.disposition or "",
                    _clip(r.evidence or "", 70),
                ]
                for r in order
            ],
        ),
    ]
    return Output(data, "\n".join(text))


def subpoints_json(r) -> list[dict]:
    """Each sub-point with its status (answered, not answered, not recorded) and whether the officer said it."""
    confirmed = r.subpoint_confirmed or (False,) * len(r.subpoints)
    return [
        {"text": text, "status": status, "confirmed": said}
        for text, status, said in zip(r.subpoints, r.subpoint_status, confirmed, strict=False)
    ]


def _clip(text: str, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"
