"""File › Send reminder e-mail now: the digest of what is overdue and due soon, sent through the mail server
in the settings (server, security, user name, recipients). The password is typed into a password field and
held only in memory for the rest of the session, or kept in the system keyring when one is available and
the officer asks; it is never written to the store, the settings file or a log."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.colours import muted_style
from ui.context import AppContext

TLS_WORDS = {"starttls": "STARTTLS", "ssl": "TLS from the start", "none": "no encryption"}


class MailPassword:
    """The password typed this session, in memory only (one per server and user)."""

    def __init__(self) -> None:
        self._by_account: dict[str, str] = {}

    def get(self, account: str) -> str:
        return self._by_account.get(account, "")

    def keep(self, account: str, password: str) -> None:
        self._by_account[account] = password


class SendReminderDialog(QDialog):
    def __init__(self, context: AppContext, memory: MailPassword, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.memory = memory
        self.server = None
        self.recipients: list[str] = []
        self.sender = "pcp-tracker@localhost"
        self.setWindowTitle("Send reminder e-mail")
        self.setAccessibleName("Send reminder e-mail")
        layout = QVBoxLayout(self)
        self.summary = QLabel("Reading the mail settings…")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        form = QFormLayout()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Mail password")
        label = QLabel("&Password")
        label.setBuddy(self.password)
        form.addRow(label, self.password)
        self.remember = QCheckBox("&Keep it in the system keyring")
        self.remember.setAccessibleName("Keep the password in the system keyring")
        form.addRow("", self.remember)
        layout.addLayout(form)
        hint = QLabel(
            "The password is kept only while the app is open, unless you keep it in the system keyring. "
            "It is never saved in the store or the settings."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(muted_style())
        layout.addWidget(hint)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setAccessibleName("Result")
        layout.addWidget(self.result)
        buttons = QDialogButtonBox()
        self.send_button = buttons.addButton("&Send", QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_button.setAccessibleName("Send the reminder e-mail")
        self.send_button.setEnabled(False)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText("&Close")
        buttons.rejected.connect(self.reject)
        self.send_button.clicked.connect(self.send)
        layout.addWidget(buttons)
        self.resize(560, 300)
        settings = context.services.settings
        context.runner.run("mail-settings", settings.get_all, self._fill, self._show_error)

    def _fill(self, values: dict) -> None:
        from tracker.services.reminders import keyring_available, mail_server, stored_password

        try:
            if not values.get("mail_server"):
                raise ValueError(
                    "Give the mail server first, in File › Settings (Mail server, Mail recipients)."
                )
            self.server = mail_server(
                values["mail_server"],
                values.get("mail_security") or "starttls",
                values.get("mail_user"),
                values.get("mail_cafile"),
                field="mail_server",
            )
            self.recipients = [a.strip() for a in (values.get("mail_to") or "").split(",") if a.strip()]
            if not self.recipients:
                raise ValueError("Give the recipients first, in File › Settings (Mail recipients).")
        except Exception as exc:  # a setting that no longer works (a certificate file moved away)
            self.summary.setText(str(exc))
            return
        self.sender = values.get("mail_from") or self.sender
        server = self.server
        who = f" as {server.user}" if server.user else " without a log-in"
        self.summary.setText(
            f"The digest of what is overdue and due soon goes to {', '.join(self.recipients)}, through "
            f"{server.where} ({TLS_WORDS[server.tls]}){who}."
        )
        needs_password = server.user is not None
        self.password.setEnabled(needs_password)
        self.remember.setEnabled(needs_password and keyring_available())
        if not keyring_available():
            self.remember.setToolTip(
                "No system keyring on this computer: the password is kept in memory only"
            )
        if needs_password:
            self.password.setText(self.memory.get(self._account()))
            if not self.password.text() and stored_password(server):
                self.password.setPlaceholderText("kept in the system keyring")
        self.send_button.setEnabled(True)
        (self.password if needs_password else self.send_button).setFocus()

    def _account(self) -> str:
        return f"{self.server.user}@{self.server.where}" if self.server else ""

    def send(self) -> None:
        if self.server is None:
            return
        from tracker.services.reminders import build_digest, remember_password, send_digest, stored_password

        server, services, as_of = self.server, self.context.services, self.context.as_of
        password = self.password.text() or None
        keep = self.remember.isChecked()
        recipients, sender = list(self.recipients), self.sender
        if password and server.user:
            self.memory.keep(self._account(), password)

        def work():
            secret = password or (stored_password(server) if server.user else None)
            digest = build_digest(services, as_of)
            send_digest(digest, server, sender=sender, recipients=recipients, password=secret)
            kept = remember_password(server, secret) if keep and secret else False
            return len(recipients), kept

        self.send_button.setEnabled(False)
        self.result.setText("Sending…")
        self.context.runner.run("mail-send", work, self._sent, self._show_error)

    def _sent(self, result) -> None:
        count, kept = result
        self.send_button.setEnabled(True)
        self.result.setText(
            f"✓ Sent the digest to {count} recipient{'' if count == 1 else 's'}."
            + (" The password is in the system keyring." if kept else "")
        )

    def _show_error(self, exc: BaseException) -> None:
        self.send_button.setEnabled(self.server is not None)
        self.result.setText(f"⚠ Not sent: {exc}")
