"""`tracker remind`: the digest (text, HTML, JSON) and sending it through a real local SMTP server."""

from __future__ import annotations

import datetime as dt
import email
import socket
from email import policy
from html.parser import HTMLParser

import pytest

from tests.cli_helpers import entered_on, ok, run


@pytest.fixture
def cycle(panel, capsys):
    """The panel's store with one plan cycle (plan due 31 Mar 2025), tracked since just after the election,
    and a meeting on 20 Mar 2025."""
    ok(
        capsys, "cycle", "add", "c1", "--body", "wessex", "--template", "plan-pcc",
        "--trigger", "election=2024-05-02", "--db", panel,
    )  # fmt: skip
    entered_on(panel, "c1", dt.date(2024, 5, 3))
    ok(
        capsys, "meeting", "add", "--body", "wessex", "--date", "2025-03-20",
        "--title", "Panel & <friends>", "--cycle", "c1", "--db", panel,
    )  # fmt: skip
    return panel


class _Checker(HTMLParser):
    """Fails on unbalanced tags; collects the text so escaping can be checked against what a reader sees."""

    VOID = {"meta", "br", "hr", "img", "link", "input"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def check_html(document: str) -> _Checker:
    assert document.startswith("<!DOCTYPE html>")
    checker = _Checker()
    checker.feed(document)
    checker.close()
    assert checker.stack == [], f"unclosed: {checker.stack}"
    assert {"html", "head", "title", "body"} <= checker.tags
    return checker


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---- the digest ------------------------------------------------------------------------------------------
def test_digest_before_the_deadline_lists_the_plan_and_the_meeting(cycle, capsys):
    data = ok(capsys, "remind", "--as-of", "2025-03-10", "--within", "30", "--db", cycle)
    assert data["overdue"] == 0
    assert data["due_soon"] >= 1
    assert data["meetings"] == 1
    assert data["subject"].endswith(
        f"0 overdue, {data['due_soon']} due within 30 days, 1 meeting (as of 10 Mar 2025)"
    )
    text = data["text"]
    assert "31 Mar 2025" in text and "Issue the police and crime plan" in text and "PRSRA 2011 s.5(1)" in text
    assert "in 21 days" in text
    assert "20 Mar 2025" in text and "Panel & <friends>" in text
    assert "overdue:" not in text.lower()


def test_digest_after_the_deadline_counts_them_overdue_first(cycle, capsys):
    data = ok(capsys, "remind", "--as-of", "2025-04-02", "--within", "30", "--db", cycle)
    assert data["overdue"] >= 1
    assert data["meetings"] == 0  # 20 Mar 2025 is before the window
    assert data["subject"].endswith(
        f"{data['overdue']} overdue, {data['due_soon']} due within 30 days, 0 meetings (as of 2 Apr 2025)"
    )
    lines = data["text"].splitlines()
    assert lines[2] == "Overdue:"
    plan = next(line for line in lines if "Issue the police and crime plan" in line)
    assert "31 Mar 2025" in plan and "overdue" in plan and "c1" in plan and "2 days overdue" in plan


def test_plain_text_is_printed_without_json(cycle, capsys):
    code, out, err = run(capsys, "remind", "--as-of", "2025-03-10", "--within", "30", "--db", cycle)
    assert code == 0, err
    assert out.startswith("0 overdue, ")
    assert "Meetings within 30 days:" in out


def test_html_is_valid_and_escapes_the_data(cycle, capsys):
    data = ok(capsys, "remind", "--as-of", "2025-03-10", "--within", "30", "--db", cycle)
    document = data["html"]
    checker = check_html(document)
    assert "table" in checker.tags
    assert "Panel &amp; &lt;friends&gt;" in document
    assert "<friends>" not in document
    assert "Panel & <friends>" in "".join(checker.text)


def test_within_defaults_to_the_due_soon_setting(cycle, capsys):
    from tracker.services.factory import open_services
    from tracker.services.reminders import build_digest

    svc = open_services(cycle)
    try:
        default = build_digest(svc, dt.date(2025, 3, 10), None)
        explicit = build_digest(svc, dt.date(2025, 3, 10), svc.cycles.due_soon_days)
    finally:
        svc.dispose()
    assert default == explicit


def test_nothing_due_says_so(panel, capsys):
    data = ok(capsys, "remind", "--as-of", "2025-03-10", "--within", "14", "--db", panel)
    assert (data["overdue"], data["due_soon"], data["meetings"]) == (0, 0, 0)
    assert data["text"].startswith("Nothing is overdue or due within 14 days (as of 10 Mar 2025)")
    checker = check_html(data["html"])
    assert "Nothing is overdue or due within 14 days" in "".join(checker.text)


def test_subject_can_be_set(panel, capsys):
    data = ok(capsys, "remind", "--as-of", "2025-03-10", "--subject", "Weekly deadlines", "--db", panel)
    assert data["subject"] == "Weekly deadlines"


@pytest.mark.parametrize(
    "argv",
    [
        ("--within", "366"),
        ("--within", "-1"),
        ("--within", "two"),
        ("--as-of", "2025-02-30"),
        ("--to", "a@example.org"),
        ("--from", "a@example.org"),
        ("--smtp", "nohost"),
        ("--smtp", "127.0.0.1:0", "--to", "a@example.org"),
        ("--smtp", "127.0.0.1:70000", "--to", "a@example.org"),
        ("--smtp", "127.0.0.1:25"),
        ("--smtp", "127.0.0.1:25", "--to", "not an address"),
        ("--smtp", "127.0.0.1:25", "--to", "a@b@c"),
        ("--smtp", "127.0.0.1:25", "--to", "a@example.org", "--from", "nobody"),
        ("--subject", "two\nlines"),
    ],
)
def test_bad_options_exit_2_with_one_line(panel, capsys, argv):
    code, out, err = run(capsys, "remind", *argv, "--db", panel)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err


# ---- sending ---------------------------------------------------------------------------------------------
class _Collector:
    def __init__(self) -> None:
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def test_sends_one_message_to_every_recipient(cycle, capsys):
    from aiosmtpd.controller import Controller

    handler = _Collector()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, ready_timeout=5)
    controller.start()
    try:
        code, out, err = run(
            capsys, "remind", "--smtp", f"127.0.0.1:{port}", "--to", "a@example.org", "--to", "b@example.org",
            "--as-of", "2025-03-10", "--within", "30", "--db", cycle,
        )  # fmt: skip
    finally:
        controller.stop()
    assert code == 0, err
    assert out.strip() == "Sent the digest to 2 recipients"
    assert len(handler.envelopes) == 1
    envelope = handler.envelopes[0]
    assert envelope.mail_from == "pcp-tracker@localhost"
    assert envelope.rcpt_tos == ["a@example.org", "b@example.org"]
    message = email.message_from_bytes(envelope.original_content, policy=policy.default)
    subject = str(message["Subject"]).strip()  # the stdlib folds a long subject straight after "Subject:"
    assert subject.startswith("PCP tracker: 0 overdue, ")
    assert subject.endswith("1 meeting (as of 10 Mar 2025)")
    assert message["To"] == "a@example.org, b@example.org"
    types = [part.get_content_type() for part in message.walk()]
    assert types[0] == "multipart/alternative"
    assert "text/plain" in types and "text/html" in types
    html_part = message.get_body(preferencelist=("html",)).get_content()
    assert "Panel &amp; &lt;friends&gt;" in html_part
    assert "Issue the police and crime plan" in message.get_body(preferencelist=("plain",)).get_content()


def test_a_closed_port_exits_2_with_one_line(panel, capsys):
    port = free_port()  # free a moment ago, so nobody listens there
    code, out, err = run(
        capsys, "remind", "--smtp", f"127.0.0.1:{port}", "--to", "a@example.org",
        "--as-of", "2025-03-10", "--db", panel,
    )  # fmt: skip
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"--smtp: '127.0.0.1:{port}' refused the connection" in err


def test_send_digest_turns_failures_into_bad_input():
    from tracker.errors import BadInput
    from tracker.services.reminders import Digest, send_digest

    digest = Digest("s", "text", "<!DOCTYPE html><html></html>", 0, 0, 0)
    with pytest.raises(BadInput, match="refused the connection"):
        send_digest(digest, "127.0.0.1", free_port(), "x@localhost", ["a@example.org"], timeout=5)

    # a server that accepts the connection but never greets: the timeout, in plain words
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        with pytest.raises(BadInput, match="did not answer within 0.5 seconds"):
            send_digest(digest, "127.0.0.1", port, "x@localhost", ["a@example.org"], timeout=0.5)


def test_every_recipient_refused_is_one_line(panel, capsys):
    from aiosmtpd.controller import Controller

    class Refuser(_Collector):
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            return "550 No such user here"

    handler = Refuser()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, ready_timeout=5)
    controller.start()
    try:
        code, out, err = run(
            capsys, "remind", "--smtp", f"127.0.0.1:{port}", "--to", "a@example.org",
            "--as-of", "2025-03-10", "--db", panel,
        )  # fmt: skip
    finally:
        controller.stop()
    assert code == 2
    assert err.count("\n") == 1 and "refused every recipient (a@example.org)" in err
    assert handler.envelopes == []
