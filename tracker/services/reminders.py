"""The reminder digest: what is overdue, what falls due soon and which meetings are coming, as plain text and
HTML, and sending it by e-mail with the standard library alone (for `tracker remind` run by a scheduled task).
"""

from __future__ import annotations

import datetime as dt
import html
import smtplib
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage

from tracker.domain import Status
from tracker.domain.formatting import plural, uk_date
from tracker.errors import BadInput

SUBJECT_PREFIX = "PCP tracker"


@dataclass(frozen=True)
class Digest:
    subject: str
    text: str
    html: str
    overdue: int
    due_soon: int
    meetings: int


def _window(within: int) -> str:
    return "today" if within == 0 else f"within {plural(within, 'day')}"


def _when(days_left: int | None) -> str:
    if days_left is None:
        return ""
    if days_left < 0:
        return f"{plural(-days_left, 'day')} overdue"
    if days_left == 0:
        return "due today"
    return f"in {plural(days_left, 'day')}"


def _text_table(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))] if rows else []
    return ["  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]


def _html_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    esc = html.escape
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>\n" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>"


_STYLE = (
    "body{font-family:Arial,Helvetica,sans-serif;font-size:14px}"
    "table{border-collapse:collapse;margin-bottom:1em}"
    "th,td{border:1px solid #999;padding:3px 6px;text-align:left;vertical-align:top}"
    "th{background:#eee}"
)


def build_digest(
    services, as_of: dt.date, within: int | None = None, *, subject: str | None = None
) -> Digest:
    """The digest as of a day: open obligations overdue or due within `within` days (default: the due-soon
    setting), and the meetings in that window. `subject` replaces the generated subject line."""
    if within is None:
        within = services.cycles.due_soon_days
    if within < 0:
        raise BadInput("--within", within, "must be zero or more days")
    rows = services.cycles.deadlines(as_of, within_days=within)
    overdue = [r for r in rows if r.status is Status.OVERDUE]
    upcoming = [r for r in rows if r.status is not Status.OVERDUE]
    meetings = services.meetings.list(from_date=as_of, to_date=as_of + dt.timedelta(days=within))

    window = _window(within)
    if not rows and not meetings:
        headline = f"Nothing is overdue or due {window} (as of {uk_date(as_of)})"
    else:
        headline = (
            f"{len(overdue)} overdue, {len(upcoming)} due {window}, "
            f"{plural(len(meetings), 'meeting')} (as of {uk_date(as_of)})"
        )
    subject = subject if subject is not None else f"{SUBJECT_PREFIX}: {headline}"

    def obligation_cells(r) -> list[str]:
        return [
            uk_date(r.due),
            f"{r.status} (expected)" if r.expected else str(r.status),
            r.label_expected,
            r.cycle_id,
            r.citation or "",
            _when(r.days_left),
        ]

    def meeting_cells(mt) -> list[str]:
        return [uk_date(mt.date), mt.title, mt.panel, mt.cycle_id or "", uk_date(mt.papers_by, unknown="")]

    def meeting_words(mt) -> list[str]:
        return [
            uk_date(mt.date),
            mt.title,
            mt.panel,
            f"cycle {mt.cycle_id}" if mt.cycle_id else "",
            f"papers by {uk_date(mt.papers_by)}" if mt.papers_by else "",
        ]

    # each section: title, HTML headers, HTML cells, plain-text cells
    sections: list[tuple[str, list[str], list[list[str]], list[list[str]]]] = []
    obligation_headers = ["due", "status", "obligation", "cycle", "citation", "when"]
    for title, group in (("Overdue", overdue), (f"Due {window}", upcoming)):
        if group:
            cells = [obligation_cells(r) for r in group]
            sections.append((title, obligation_headers, cells, cells))
    if meetings:
        sections.append(
            (
                f"Meetings {window}",
                ["date", "meeting", "panel", "cycle", "papers by"],
                [meeting_cells(mt) for mt in meetings],
                [meeting_words(mt) for mt in meetings],
            )
        )

    text_lines = [headline]
    for title, _headers, _cells, words in sections:
        text_lines += ["", f"{title}:", *_text_table(words)]
    text = "\n".join(text_lines) + "\n"

    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{esc(subject)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<p><strong>{esc(headline)}</strong></p>",
    ]
    for title, headers, cells, _words in sections:
        parts.append(f"<h2>{esc(title)}</h2>")
        parts.append(_html_table(headers, cells))
    parts += ["</body>", "</html>"]
    return Digest(
        subject=subject,
        text=text,
        html="\n".join(parts) + "\n",
        overdue=len(overdue),
        due_soon=len(upcoming),
        meetings=len(meetings),
    )


def _one_line(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return " ".join(str(value).split())


def _reason(exc: BaseException, timeout: float) -> str:
    """The failure in plain words, on one line."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return f"refused every recipient ({', '.join(exc.recipients)}); nothing was sent"
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return (
            f"refused the sender {exc.sender} ({exc.smtp_code} {_one_line(exc.smtp_error)}); nothing was sent"
        )
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        if "timed out" in str(exc):  # smtplib reports a read that timed out as a disconnection
            return f"did not answer within {timeout:g} seconds"
        return "closed the connection before the digest was sent"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"answered {exc.smtp_code} {_one_line(exc.smtp_error)}; the digest was not sent"
    if isinstance(exc, smtplib.SMTPException):
        return f"could not take the digest: {_one_line(exc)}"
    if isinstance(exc, ConnectionRefusedError):
        return "refused the connection: no mail server is listening there"
    if isinstance(exc, TimeoutError):  # socket.timeout is TimeoutError
        return f"did not answer within {timeout:g} seconds"
    if isinstance(exc, socket.gaierror):
        return "names a host that cannot be found"
    detail = getattr(exc, "strerror", None) or exc
    return f"could not be reached: {_one_line(detail)}"


def send_digest(
    digest: Digest, host: str, port: int, sender: str, recipients: list[str], timeout: float = 20
) -> None:
    """Send the digest as one message (plain text with an HTML alternative) through an SMTP server. Any failure
    is a BadInput naming --smtp, so the command line prints one line and exits 2."""
    where = f"{host}:{port}"
    message = EmailMessage()
    try:
        message["Subject"] = digest.subject
        message["From"] = sender
        message["To"] = ", ".join(recipients)
    except ValueError as exc:  # a line break or similar in a header
        raise BadInput("--subject", digest.subject, f"cannot be a mail header: {_one_line(exc)}") from None
    message.set_content(digest.text)
    message.add_alternative(digest.html, subtype="html")
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as smtp:
            refused = smtp.send_message(message, from_addr=sender, to_addrs=list(recipients))
    except (OSError, smtplib.SMTPException) as exc:
        raise BadInput("--smtp", where, _reason(exc, timeout)) from None
    if refused:
        names = ", ".join(sorted(refused))
        raise BadInput("--smtp", where, f"refused {names}; the digest went to the other recipients only")
