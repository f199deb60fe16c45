"""`tracker remind`: the digest of what is overdue and due soon, printed or e-mailed (for a scheduled task)."""

from __future__ import annotations

import argparse
import datetime as dt

from tracker.cli.common import Output, add_command, parse_date, reads_only, services_for, whole_days
from tracker.errors import BadInput
from tracker.services.reminders import PASSWORD_VARIABLE, TLS_MODES, check_address, mail_server

MAX_WITHIN_DAYS = 365
DEFAULT_SENDER = "pcp-tracker@localhost"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = reads_only(
        add_command(
            subparsers,
            "remind",
            cmd_remind,
            "the digest of what is overdue or due soon, and the meetings coming; printed, or e-mailed with --smtp",
        )
    )
    p.add_argument("--as-of", metavar="DATE", help="the day the digest is for (default: today)")
    p.add_argument(
        "--within",
        metavar="N",
        help=f"days ahead to look, 0 to {MAX_WITHIN_DAYS} (default: the due-soon setting)",
    )
    p.add_argument("--smtp", metavar="HOST:PORT", help="send the digest through this mail server")
    p.add_argument(
        "--smtp-tls",
        choices=TLS_MODES,
        default="none",
        help="starttls: upgrade the connection (often port 587); ssl: TLS from the start (often 465); "
        "none: a plain connection, for a relay inside the council's network (the default)",
    )
    p.add_argument(
        "--smtp-user",
        metavar="USER",
        help=f"log in as USER (needs starttls or ssl); the password is read from {PASSWORD_VARIABLE}, "
        "else from the system keyring if the keyring package is installed, and never printed or kept",
    )
    p.add_argument(
        "--smtp-cafile",
        metavar="FILE",
        help="trust the certificate authority in FILE (PEM) instead of the system's, for a council's own",
    )
    p.add_argument(
        "--to",
        dest="recipients",
        action="append",
        metavar="ADDRESS",
        help="a recipient (repeat for more); required with --smtp",
    )
    p.add_argument("--from", dest="sender", metavar="ADDRESS", help=f"the sender (default: {DEFAULT_SENDER})")
    p.add_argument("--subject", metavar="TEXT", help="the subject line (default: the headline)")


def parse_within(value: str | None) -> int | None:
    return None if value is None else whole_days("--within", value, MAX_WITHIN_DAYS)


def cmd_remind(args: argparse.Namespace) -> Output:
    as_of = parse_date(args.as_of, "--as-of") if args.as_of is not None else dt.date.today()
    within = parse_within(args.within)
    subject = args.subject
    if subject is not None and (not subject.strip() or any(ord(ch) < 32 or ord(ch) == 127 for ch in subject)):
        raise BadInput("--subject", subject, "must be one line of text")
    server = password = None
    if args.smtp is not None:
        server = mail_server(args.smtp, args.smtp_tls, args.smtp_user, args.smtp_cafile)
        if not args.recipients:
            raise BadInput("--to", "", "is required with --smtp (repeat it for each recipient)")
    else:
        given = [
            (option, value)
            for option, value in (
                ("--to", args.recipients[0] if args.recipients else None),
                ("--from", args.sender),
                ("--smtp-user", args.smtp_user),
                ("--smtp-cafile", args.smtp_cafile),
                ("--smtp-tls", None if args.smtp_tls == "none" else args.smtp_tls),
            )
            if value is not None
        ]
        if given:
            raise BadInput(given[0][0], given[0][1], "only applies with --smtp HOST:PORT")
    recipients: list[str] = []
    for address in args.recipients or []:
        check_address(address, "--to")
        if address.lower() not in (r.lower() for r in recipients):
            recipients.append(address)
    sender = check_address(args.sender, "--from") if args.sender is not None else DEFAULT_SENDER

    from tracker.services.reminders import build_digest, send_digest, stored_password

    if server is not None and server.user is not None:
        password = stored_password(server)
        if not password:
            raise BadInput("--smtp-user", server.user, f"needs its password in {PASSWORD_VARIABLE}")

    digest = build_digest(services_for(args), as_of, within, subject=subject)
    counts = {"overdue": digest.overdue, "due_soon": digest.due_soon, "meetings": digest.meetings}
    if server is None:
        data = {"subject": digest.subject, **counts, "text": digest.text, "html": digest.html}
        return Output(data, digest.text)
    send_digest(digest, server, sender=sender, recipients=recipients, password=password)
    n = len(recipients)
    data = {
        "sent": True,
        "subject": digest.subject,
        **counts,
        "smtp": server.where,
        "tls": server.tls,
        "user": server.user,
        "recipients": recipients,
    }
    return Output(data, f"Sent the digest to {n} recipient{'' if n == 1 else 's'}")
