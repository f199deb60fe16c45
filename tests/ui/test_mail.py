"""The reminder e-mail from the app: the mail settings kept on this computer, and File › Send reminder e-mail
now… sending through a local STARTTLS server with a log-in; the password typed is held in memory only."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("aiosmtpd")

from tests.ui.test_app import make_window  # noqa: E402
from tests.unit import test_remind_secure as secure  # noqa: E402
from tests.unit.test_remind_secure import PASSWORD, Checker, start  # noqa: E402

certificate = secure.certificate  # the module's fixture, used here too


def _settings_files(services):
    from tracker.paths import data_dir

    return [p for p in data_dir().rglob("*") if p.is_file()]


def test_mail_settings_are_checked_and_kept_on_this_computer(services):
    from tracker.errors import BadInput

    settings = services.settings
    with pytest.raises(BadInput, match="mail_server: 'mail.example' must be HOST:PORT"):
        settings.set_many({"mail_server": "mail.example"})
    with pytest.raises(BadInput, match="mail_security: 'tls' must be one of starttls, ssl, none"):
        settings.set_many({"mail_security": "tls"})
    with pytest.raises(BadInput, match="mail_to: 'team' is not an e-mail address"):
        settings.set_many({"mail_to": "a@example.org, team"})
    stored = settings.set_many(
        {"mail_server": "mail.example:587", "mail_to": " a@example.org ,b@example.org"}
    )
    assert stored["mail_to"] == "a@example.org, b@example.org"
    values = settings.get_all()
    assert values["mail_server"] == "mail.example:587" and values["mail_security"] == "starttls"
    described = {row["key"]: row["scope"] for row in settings.describe()}
    assert all(described[k] == "this computer" for k in described if k.startswith("mail_"))


def test_send_reminder_e_mail_through_starttls_with_the_password_typed(
    qtbot, services, tmp_path, certificate
):
    checker = Checker()
    controller, handler, port = start(certificate, auth=checker)
    services.settings.set_many(
        {
            "mail_server": f"127.0.0.1:{port}",
            "mail_security": "starttls",
            "mail_user": "clerk",
            "mail_cafile": str(certificate[0]),
            "mail_to": "team@example.org",
            "mail_from": "scrutiny@example.org",
        }
    )
    window = make_window(qtbot, services, tmp_path)
    actions = window.actions_
    try:
        with qtbot.waitSignal(actions.dialog_opened, timeout=10000) as opened:
            actions.send_reminder.trigger()
        dialog = opened.args[0]
        qtbot.waitUntil(dialog.send_button.isEnabled, timeout=10000)
        assert f"127.0.0.1:{port} (STARTTLS) as clerk" in dialog.summary.text()
        assert dialog.password.echoMode() == dialog.password.EchoMode.Password
        dialog.password.setText("wrong")
        dialog.send_button.click()
        qtbot.waitUntil(lambda: dialog.result.text().startswith("⚠"), timeout=15000)
        assert "refused the user name or password" in dialog.result.text()
        assert handler.envelopes == []

        dialog.password.setText(PASSWORD)
        dialog.send_button.click()
        qtbot.waitUntil(lambda: dialog.result.text().startswith("✓"), timeout=15000)
        assert dialog.result.text().startswith("✓ Sent the digest to 1 recipient")
        assert len(handler.envelopes) == 1 and handler.envelopes[0].mail_from == "scrutiny@example.org"
        dialog.close()

        # opened again in the same session, the password is still there (in memory); never on disk
        with qtbot.waitSignal(actions.dialog_opened, timeout=10000) as opened:
            actions.send_reminder.trigger()
        again = opened.args[0]
        qtbot.waitUntil(again.send_button.isEnabled, timeout=10000)
        assert again.password.text() == PASSWORD
        again.close()
    finally:
        controller.stop()
        window.context.runner.wait(5000)
        window.close()
    for path in _settings_files(services):
        assert PASSWORD.encode() not in path.read_bytes(), path
    assert PASSWORD not in str(window.settings.allKeys()) + "".join(
        str(window.settings.value(k)) for k in window.settings.allKeys()
    )


def test_without_a_mail_server_the_dialog_says_where_to_set_one(qtbot, services, tmp_path):
    window = make_window(qtbot, services, tmp_path)
    with qtbot.waitSignal(window.actions_.dialog_opened, timeout=10000) as opened:
        window.actions_.send_reminder.trigger()
    dialog = opened.args[0]
    qtbot.waitUntil(lambda: "File › Settings" in dialog.summary.text(), timeout=10000)
    assert not dialog.send_button.isEnabled()
    dialog.close()
    window.context.runner.wait(5000)
    window.close()
