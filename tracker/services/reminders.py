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


# ---- the mail server -----------------------------------------------------------------------------------------
TLS_MODES = ("starttls", "ssl", "none")
PASSWORD_VARIABLE = "TRACKER_SMTP_PASSWORD"
KEYRING_SERVICE = "pcp-tracker mail"


@dataclass(frozen=True)
class MailServer:
    """Where the digest is sent from: the council's mail server, how the connection is secured, and the user
    name to log in with (None: no log-in). The password is never part of it: it is passed to send_digest."""

    host: str
    port: int
    tls: str = "none"  # "starttls": upgrade a plain connection; "ssl": TLS from the start; "none"
    user: str | None = None
    cafile: str | None = None  # the certificate authority to trust instead of the system's (a council's own)

    @property
    def where(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


def parse_server(value: str, field: str = "--smtp") -> tuple[str, int]:
    """HOST:PORT, with [::1]:25 for an IPv6 address."""
    host, sep, port = value.strip().rpartition(":")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not sep or not host or any(ch.isspace() for ch in host):
        raise BadInput(field, value, "must be HOST:PORT, for example mail.example.org:25")
    if not (port.isascii() and port.isdigit()) or not 1 <= int(port) <= 65535:
        raise BadInput(field, value, "must end in a port number from 1 to 65535 (HOST:PORT)")
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


def mail_server(
    value: str, tls: str = "none", user: str | None = None, cafile: str | None = None, field: str = "--smtp"
) -> MailServer:
    """A MailServer from what was typed, checked: a user name needs TLS (a password is never sent in clear),
    and a certificate file must exist."""
    host, port = parse_server(value, field)
    tls = (tls or "none").strip().lower()
    if tls not in TLS_MODES:
        raise BadInput(f"{field}-tls", tls, f"must be one of {', '.join(TLS_MODES)}")
    user = (user or "").strip() or None
    if user is not None:
        if any(ch.isspace() or ord(ch) < 32 for ch in user) or len(user) > 200:
            raise BadInput(f"{field}-user", user, "must be one user name, without spaces")
        if tls == "none":
            raise BadInput(
                f"{field}-user",
                user,
                f"needs {field}-tls starttls or ssl: a password is never sent unencrypted",
            )
    cafile = (cafile or "").strip() or None
    if cafile is not None:
        from pathlib import Path

        if not Path(cafile).expanduser().is_file():
            raise BadInput(f"{field}-cafile", cafile, "is not a file")
        if tls == "none":
            raise BadInput(f"{field}-cafile", cafile, f"applies with {field}-tls starttls or ssl")
        cafile = str(Path(cafile).expanduser())
    return MailServer(host, port, tls, user, cafile)


def keyring_available() -> bool:
    """Whether the optional `keyring` package is importable (the system's password store)."""
    from importlib.util import find_spec

    return find_spec("keyring") is not None


def _keyring_account(server: MailServer) -> str:
    return f"{server.user}@{server.host}"


def stored_password(server: MailServer) -> str | None:
    """The password in TRACKER_SMTP_PASSWORD, else in the system keyring when the keyring package is there."""
    import os

    value = os.environ.get(PASSWORD_VARIABLE)
    if value:
        return value
    if server.user is None or not keyring_available():
        return None
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, _keyring_account(server))
    except Exception:  # a keyring with no backend, or locked: as if nothing were stored
        return None


def remember_password(server: MailServer, password: str) -> bool:
    """Keep the password in the system keyring (never in the store or a file of ours); False if there is none."""
    if server.user is None or not keyring_available():
        return False
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, _keyring_account(server), password)
    except Exception:
        return False
    return True


def _reason(exc: BaseException, timeout: float) -> str:
    """The failure in plain words, on one line."""
    import ssl

    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"refused the user name or password ({exc.smtp_code} {_one_line(exc.smtp_error)}); nothing was sent"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        text = str(exc).lower()
        if "starttls" in text:
            return "does not offer STARTTLS; try --smtp-tls ssl (often port 465) or ask IT"
        if "auth" in text:
            return "does not take a log-in (no AUTH); leave out --smtp-user, or ask IT"
        return f"does not support what was asked: {_one_line(exc)}"
    if isinstance(exc, smtplib.SMTPException) and "no suitable authentication method" in str(exc).lower():
        return "offers no log-in method the tracker knows (PLAIN or LOGIN); ask IT"
    if isinstance(exc, ssl.SSLCertVerificationError):
        why = _one_line(getattr(exc, "verify_message", "") or exc.reason or exc)
        return f"sent a certificate this computer does not trust ({why}); give the council's CA with --smtp-cafile"
    if isinstance(exc, ssl.SSLError):
        return f"failed the TLS handshake ({_one_line(exc.reason or exc)}); check --smtp-tls and the port"
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


def _connect(server: MailServer, timeout: float) -> smtplib.SMTP:
    import ssl

    context = None
    if server.tls != "none":
        try:
            context = ssl.create_default_context(cafile=server.cafile)
        except (OSError, ssl.SSLError) as exc:
            raise BadInput(
                "--smtp-cafile", server.cafile or "", f"cannot be read as certificates: {_one_line(exc)}"
            ) from None
    if server.tls == "ssl":
        return smtplib.SMTP_SSL(server.host, server.port, timeout=timeout, context=context)
    smtp = smtplib.SMTP(server.host, server.port, timeout=timeout)
    try:
        if server.tls == "starttls":
            smtp.ehlo()
            smtp.starttls(context=context)
            smtp.ehlo()
    except BaseException:
        smtp.close()
        raise
    return smtp


def send_digest(
    digest: Digest,
    server: MailServer | str,
    port: int | None = None,
    sender: str = "pcp-tracker@localhost",
    recipients: Sequence[str] = (),
    timeout: float = 20,
    *,
    password: str | None = None,
) -> None:
    """Send the digest as one message (plain text with an HTML alternative) through an SMTP server, over
    STARTTLS, TLS or a plain connection, logging in when the server names a user. Any failure is a BadInput
    naming --smtp, so the command line prints one line and exits 2. The password is used for the log-in
    only: it is in no message, no log and no exception."""
    if isinstance(server, str):  # send_digest(digest, host, port, ...) as before
        server = MailServer(server, int(port or 25))
    where = server.where
    if server.user is not None and not password:
        raise BadInput(
            "--smtp-user",
            server.user,
            f"needs a password: set {PASSWORD_VARIABLE}"
            + (" or keep one in the system keyring" if keyring_available() else ""),
        )
    message = EmailMessage()
    try:
        message["Subject"] = digest.subject
        message["From"] = sender
        message["To"] = ", ".join(recipients)
    except ValueError as exc:  # a line break or similar in a header
        raise BadInput("--subject", digest.subject, f"cannot be a mail header: {_one_line(exc)}") from None
    message.set_content(digest.text)
    message.add_alternative(digest.html, subtype="html")
    reason = None
    refused: dict = {}
    try:
        with _connect(server, timeout) as smtp:
            if server.user is not None:
                smtp.login(server.user, password or "")
            refused = smtp.send_message(message, from_addr=sender, to_addrs=list(recipients))
    except (OSError, smtplib.SMTPException) as exc:  # ssl.SSLError is an OSError
        reason = _reason(exc, timeout)
    if reason is not None:
        if password:
            reason = reason.replace(password, "********")
        raise BadInput("--smtp", where, reason)  # raised here, outside the except: no chained traceback
    if refused:
        names = ", ".join(sorted(refused))
        raise BadInput("--smtp", where, f"refused {names}; the digest went to the other recipients only")
