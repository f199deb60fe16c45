"""`tracker remind`: the digest of what is overdue and due soon, printed or e-mailed (for a scheduled task)."""

from __future__ import annotations

import argparse
import datetime as dt

from tracker.cli.common import Output, add_command, parse_date, reads_only, services_for, whole_days
from tracker.errors import BadInput

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


def parse_smtp(value: str) -> tuple[str, int]:
    """HOST:PORT, with [::1]:25 for an IPv6 address."""
    host, sep, port = value.strip().rpartition(":")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not sep or not host or any(ch.isspace() for ch in host):
        raise BadInput("--smtp", value, "must be HOST:PORT, for example mail.example.org:25")
    if not (port.isascii() and port.isdigit()) or not 1 <= int(port) <= 65535:
        raise BadInput("--smtp", value, "must end in a port number from 1 to 65535 (HOST:PORT)")
    return host, int(port)


def check_address(value: str, field: str) -> str:
    """A minimal check: one @ with something either side, and no spaces or control characters."""
    local, at, domain = value.partition("@")
    if (
        not at
        or not local
        or not domain
        or "@" in domain
        or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in value)
    ):
        raise BadInput(field, value, "is not an e-mail address (name@example.org)")
    return value


def cmd_remind(args: argparse.Namespace) -> Output:
    as_of = parse_date(args.as_of, "--as-of") if args.as_of is not None else dt.date.today()
    within = parse_within(args.within)
    subject = args.subject
    if subject is not None and (not subject.strip() or any(ord(ch) < 32 or ord(ch) == 127 for ch in subject)):
        raise BadInput("--subject", subject, "must be one line of text")
    target = None
    if args.smtp is not None:
        target = parse_smtp(args.smtp)
        if not args.recipients:
            raise BadInput("--to", "", "is required with --smtp (repeat it for each recipient)")
    elif args.recipients or args.sender is not None:
        given = "--to" if args.recipients else "--from"
        value = args.recipients[0] if args.recipients else args.sender
        raise BadInput(given, value, "only applies with --smtp HOST:PORT")
    recipients: list[str] = []
    for address in args.recipients or []:
        check_address(address, "--to")
        if address.lower() not in (r.lower() for r in recipients):
            recipients.append(address)
    sender = check_address(args.sender, "--from") if args.sender is not None else DEFAULT_SENDER

    from tracker.services.reminders import build_digest, send_digest

    digest = build_digest(services_for(args), as_of, within, subject=subject)
    counts = {"overdue": digest.overdue, "due_soon": digest.due_soon, "meetings": digest.meetings}
    if target is None:
        data = {"subject": digest.subject, **counts, "text": digest.text, "html": digest.html}
        return Output(data, digest.text)
    host, port = target
    send_digest(digest, host, port, sender, recipients)
    n = len(recipients)
    data = {
        "sent": True,
        "subject": digest.subject,
        **counts,
        "smtp": f"{host}:{port}",
        "recipients": recipients,
    }
    return Output(data, f"Sent the digest to {n} recipient{'' if n == 1 else 's'}")
