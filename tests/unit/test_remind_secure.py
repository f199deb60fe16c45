"""`tracker remind --smtp` as councils' mail servers have it: STARTTLS or TLS from the start, a certificate
authority of the council's own (--smtp-cafile), and a log-in (AUTH PLAIN or LOGIN) with the password from
TRACKER_SMTP_PASSWORD. Real local servers (aiosmtpd) with a certificate made here; the password is never in
the output, the error or the log."""

from __future__ import annotations

import datetime as dt
import os
import ssl
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.unit.test_remind import _Collector, free_port

PASSWORD = "s3cret-Pa55word"  # noqa: S105 - a test password for a throwaway local server


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed certificate for localhost and 127.0.0.1 (its own authority), and its key."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test council mail")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )  # fmt: skip
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_path, key_path = folder / "ca.pem", folder / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


def server_context(certificate) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*map(str, certificate))
    return context


class Checker:
    """Accepts one user name and password; records what was tried and which mechanism."""

    def __init__(self) -> None:
        self.tried: list[tuple[str, bytes, bytes]] = []

    def __call__(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        self.tried.append((mechanism, auth_data.login, auth_data.password))
        right = auth_data.login == b"clerk" and auth_data.password == PASSWORD.encode()
        return AuthResult(success=right, handled=False)  # not handled here: the server answers 535


def start(certificate=None, *, implicit=False, auth=None, mechanisms=None):
    """A local mail server on a free port: plain, with STARTTLS, or TLS from the start; with AUTH if asked."""
    from aiosmtpd.controller import Controller

    handler = _Collector()
    kwargs = {}
    if certificate is not None and not implicit:
        kwargs["tls_context"] = server_context(certificate)
        kwargs["require_starttls"] = True
    if implicit:
        kwargs["ssl_context"] = server_context(certificate)
    if auth is not None:
        kwargs["authenticator"] = auth
        # aiosmtpd counts only STARTTLS as TLS for AUTH; a connection that is TLS from the start is one too
        kwargs["auth_require_tls"] = not implicit
        if mechanisms:
            kwargs["auth_exclude_mechanism"] = [m for m in ("PLAIN", "LOGIN") if m not in mechanisms]
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, ready_timeout=5, **kwargs)
    if implicit:  # the controller's own readiness check speaks plain SMTP: check by a TLS connection instead
        controller._trigger_server = lambda: _tls_hello(port, certificate)
    controller.start()
    return controller, handler, port


def _tls_hello(port, certificate) -> None:
    import smtplib

    context = ssl.create_default_context(cafile=str(certificate[0]))
    with smtplib.SMTP_SSL("127.0.0.1", port, context=context, timeout=5) as smtp:
        smtp.noop()


def remind(capsys, store, port, *options, password=PASSWORD, monkeypatch=None):
    if monkeypatch is not None:
        if password is None:
            monkeypatch.delenv("TRACKER_SMTP_PASSWORD", raising=False)
        else:
            monkeypatch.setenv("TRACKER_SMTP_PASSWORD", password)
    return run(
        capsys, "remind", "--smtp", f"127.0.0.1:{port}", "--to", "team@example.org", "--as-of", "2025-03-10",
        *options, "--db", store,
    )  # fmt: skip


def nothing_leaked(out: str, err: str) -> None:
    from tracker.logs import log_dir

    assert PASSWORD not in out and PASSWORD not in err
    folder = log_dir()
    for path in folder.rglob("*") if folder.exists() else ():
        assert PASSWORD not in path.read_text(encoding="utf-8", errors="replace"), path
    store_files = [Path(p) for p in Path(os.environ["TRACKER_DATA_DIR"]).rglob("*") if p.is_file()]
    for path in store_files:
        assert PASSWORD.encode() not in path.read_bytes(), path


def test_starttls_with_the_councils_certificate_and_a_log_in(panel, capsys, certificate, monkeypatch):
    checker = Checker()
    controller, handler, port = start(certificate, auth=checker)
    try:
        code, out, err = remind(
            capsys, panel, port, "--smtp-tls", "starttls", "--smtp-user", "clerk",
            "--smtp-cafile", str(certificate[0]), monkeypatch=monkeypatch,
        )  # fmt: skip
    finally:
        controller.stop()
    assert code == 0, err
    assert out.strip() == "Sent the digest to 1 recipient"
    assert len(handler.envelopes) == 1 and handler.envelopes[0].rcpt_tos == ["team@example.org"]
    assert [(login, password) for _m, login, password in checker.tried] == [(b"clerk", PASSWORD.encode())]
    nothing_leaked(out, err)


def test_tls_from_the_start_with_a_log_in(panel, capsys, certificate, monkeypatch):
    checker = Checker()
    controller, handler, port = start(certificate, implicit=True, auth=checker)
    try:
        code, out, err = remind(
            capsys, panel, port, "--smtp-tls", "ssl", "--smtp-user", "clerk", "--smtp-cafile", str(certificate[0]),
            "--json", monkeypatch=monkeypatch,
        )  # fmt: skip
    finally:
        controller.stop()
    assert code == 0, err
    assert '"tls": "ssl"' in out and '"user": "clerk"' in out
    assert len(handler.envelopes) == 1
    nothing_leaked(out, err)


@pytest.mark.parametrize("mechanism", ["PLAIN", "LOGIN"])
def test_each_log_in_mechanism_works_and_a_wrong_password_is_one_line(
    panel, capsys, certificate, monkeypatch, mechanism
):
    checker = Checker()
    controller, handler, port = start(certificate, auth=checker, mechanisms=[mechanism])
    options = ("--smtp-tls", "starttls", "--smtp-user", "clerk", "--smtp-cafile", str(certificate[0]))
    try:
        code, out, err = remind(capsys, panel, port, *options, monkeypatch=monkeypatch)
        assert code == 0, err
        wrong = "not-" + PASSWORD
        code, out, err = remind(capsys, panel, port, *options, password=wrong, monkeypatch=monkeypatch)
    finally:
        controller.stop()
    assert [m for m, _login, _password in checker.tried] == [mechanism, mechanism]
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"--smtp: '127.0.0.1:{port}' refused the user name or password (535" in err
    assert wrong not in err
    assert len(handler.envelopes) == 1  # the first, with the right password
    nothing_leaked(out, err)


def test_a_certificate_not_trusted_is_one_line(panel, capsys, certificate, monkeypatch):
    controller, handler, port = start(certificate, auth=Checker())
    try:  # no --smtp-cafile: the system's authorities do not know this certificate
        code, out, err = remind(
            capsys, panel, port, "--smtp-tls", "starttls", "--smtp-user", "clerk", monkeypatch=monkeypatch
        )
    finally:
        controller.stop()
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "sent a certificate this computer does not trust" in err and "--smtp-cafile" in err
    assert handler.envelopes == []
    nothing_leaked(out, err)


def test_tls_to_a_server_that_speaks_plain_smtp_is_a_failed_handshake(
    panel, capsys, certificate, monkeypatch
):
    controller, handler, port = start()
    try:
        code, out, err = remind(
            capsys,
            panel,
            port,
            "--smtp-tls",
            "ssl",
            "--smtp-cafile",
            str(certificate[0]),
            monkeypatch=monkeypatch,
        )
    finally:
        controller.stop()
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "failed the TLS handshake" in err
    assert handler.envelopes == []


def test_a_plain_server_sends_in_plain_and_says_it_has_no_starttls(panel, capsys, monkeypatch):
    controller, handler, port = start()
    try:
        plain = remind(capsys, panel, port, "--smtp-tls", "none", monkeypatch=monkeypatch)
        upgraded = remind(capsys, panel, port, "--smtp-tls", "starttls", monkeypatch=monkeypatch)
    finally:
        controller.stop()
    assert plain[0] == 0, plain[2]
    code, _out, err = upgraded
    assert code == 2 and "does not offer STARTTLS" in err and err.count("\n") == 1
    assert len(handler.envelopes) == 1  # the plain one only


def test_a_refused_connection_with_a_log_in_is_one_line_without_the_password(
    panel, capsys, certificate, monkeypatch
):
    code, out, err = remind(
        capsys, panel, free_port(), "--smtp-tls", "starttls", "--smtp-user", "clerk", monkeypatch=monkeypatch
    )
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "refused the connection" in err
    nothing_leaked(out, err)


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (
            ["--smtp-tls", "none", "--smtp-user", "clerk"],
            "--smtp-user: 'clerk' needs --smtp-tls starttls or ssl",
        ),
        (
            ["--smtp-tls", "starttls", "--smtp-user", "clerk"],
            "--smtp-user: 'clerk' needs its password in TRACKER_SMTP_PASSWORD",
        ),
        (
            ["--smtp-tls", "ssl", "--smtp-cafile", "/no/such/ca.pem"],
            "--smtp-cafile: '/no/such/ca.pem' is not a file",
        ),
    ],
)
def test_options_that_cannot_work_are_refused_before_connecting(panel, capsys, monkeypatch, options, words):
    code, out, err = remind(capsys, panel, free_port(), *options, password=None, monkeypatch=monkeypatch)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert words in err, err


def test_mail_options_without_smtp_are_refused(panel, capsys):
    code, _out, err = run(capsys, "remind", "--smtp-user", "clerk", "--db", panel)
    assert code == 2 and "--smtp-user: 'clerk' only applies with --smtp HOST:PORT" in err
