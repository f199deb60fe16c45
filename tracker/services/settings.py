"""Settings: what the papers print (organisation, logo, report of, contact officer), how dates are counted
(due-soon window, clear days) and who is making changes.

Most settings live in the store, so a team on one PostgreSQL server prints the same papers. The user's own
name lives on this computer (a small JSON file in the data folder): on a shared server each officer is
someone else.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from tracker.domain.formatting import without_controls
from tracker.errors import BadInput
from tracker.paths import data_dir
from tracker.persistence import models as m
from tracker.persistence import tables
from tracker.persistence.database import UnitOfWork
from tracker.rules.calendar import ClearDaysRule
from tracker.services.history import record_change
from tracker.services.versions import check_version

CLEAR_DAYS_COUNTS = {
    "working": "weekends and bank holidays are not clear days",
    "calendar": "every day counts",
}
SUMMONS_NOTICE_COUNTS = {
    "clear": "neither the day the summons is sent nor the day of attendance counts",
    "inclusive": "the day the summons is sent counts",
}
LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": ("image/png", ".png"), b"\xff\xd8\xff": ("image/jpeg", ".jpg")}
MAX_LOGO_BYTES = 2 * 1024 * 1024
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_PHONE = re.compile(r"^[0-9 +()\-]{6,30}$")
LOCAL_FILE = "local-settings.json"


@dataclass(frozen=True)
class SettingDef:
    key: str
    label: str
    help: str
    default: str = ""
    scope: str = "store"  # "store" (shared by everyone on the store) | "computer" (this user only)
    limit: int = 200


SETTINGS: tuple[SettingDef, ...] = (
    SettingDef("organisation", "Organisation", "printed at the top of every paper", ""),
    SettingDef("logo", "Logo", "a PNG or JPEG image, copied into the store and printed on every paper"),
    SettingDef("report_of", "Report of", "the post the agenda item is a report of, e.g. Head of Scrutiny"),
    SettingDef("contact_name", "Contact officer", "named on agenda items"),
    SettingDef("contact_telephone", "Contact telephone", "the contact officer's telephone number", limit=30),
    SettingDef("contact_email", "Contact e-mail", "the contact officer's e-mail address"),
    SettingDef("author", "Report author", "the author recorded in the papers' document properties", ""),
    SettingDef(
        "due_soon_days", "Due soon (days)", "how many days ahead an open deadline counts as due soon", "14"
    ),
    SettingDef(
        "clear_days_count",
        "Counting clear days",
        "working: weekends and bank holidays are not clear days; calendar: every day counts",
        "working",
    ),
    SettingDef(
        "summons_notice_count",
        "Counting a summons's two weeks",
        "clear: neither the day of sending nor the day of attendance counts; inclusive: the day of sending counts",
        "clear",
    ),
    SettingDef("user_name", "Your name", "recorded in the change log for your edits", "", scope="computer"),
    SettingDef(
        "desktop_reminders",
        "Desktop reminders",
        "on: what is overdue and due soon, when the app starts and once a day; off: none",
        "on",
        scope="computer",
    ),
    # the reminder e-mail (File › Send reminder e-mail now): this computer's, as `tracker remind --smtp`
    # takes them. The password is never a setting: it is typed when sending, or kept in the system keyring.
    SettingDef(
        "mail_server",
        "Mail server",
        "HOST:PORT of the council's mail server for the reminder e-mail, e.g. mail.council.example:587",
        scope="computer",
    ),
    SettingDef(
        "mail_security",
        "Mail security",
        "starttls: upgrade the connection (often port 587); ssl: TLS from the start (often 465); none",
        "starttls",
        scope="computer",
    ),
    SettingDef(
        "mail_user",
        "Mail user name",
        "the user name to log in to the mail server with (blank: no log-in)",
        scope="computer",
    ),
    SettingDef(
        "mail_cafile",
        "Mail certificate file",
        "a PEM file of the council's own certificate authority, if IT gives one (blank: the system's)",
        scope="computer",
        limit=500,
    ),
    SettingDef("mail_from", "Mail sender", "the address the reminder e-mail comes from", scope="computer"),
    SettingDef(
        "mail_to",
        "Mail recipients",
        "the addresses the reminder e-mail goes to, separated by commas",
        scope="computer",
        limit=1000,
    ),
)
BY_KEY = {d.key: d for d in SETTINGS}
# keys of the first version of the store, still read
LEGACY = {"logo_path"}


def setting(key: str) -> SettingDef:
    if key not in BY_KEY:
        raise BadInput("key", key, f"is not a setting; settings: {', '.join(BY_KEY)}")
    return BY_KEY[key]


def _stored_value(connection, key: str) -> str | None:
    """One stored setting, by a plain select: read at every start, before any mapped object is needed."""
    table = tables.setting
    return connection.execute(select(table.c.value).where(table.c.key == key)).scalar_one_or_none()


class SettingsService:
    def __init__(self, uow: UnitOfWork, user: str, local_file: Path | None = None) -> None:
        self.uow = uow
        self.user = user
        self.local_file = local_file

    # ---- reading -----------------------------------------------------------------------------------
    def get_all(self) -> dict[str, str]:
        setting, stored_file = tables.setting, tables.stored_file
        with self.uow.read() as connection:
            stored = dict(connection.execute(select(setting.c.key, setting.c.value)).all())
            logo_name = (
                connection.scalar(select(stored_file.c.file_name).where(stored_file.c.key == "logo")) or ""
            )
        values = {d.key: d.default for d in SETTINGS}
        from tracker.config import site_config

        values["organisation"] = site_config().organisation or ""  # IT's machine-wide default, if set
        # a control character that reached the store another way is shown, never acted on (papers, terminal)
        values.update({k: without_controls(v, keep_lines=False) for k, v in stored.items() if k in BY_KEY})
        values["logo"] = logo_name
        values.update(self._local())
        if "logo_path" in stored and not logo_name:
            values["logo_path"] = stored["logo_path"]
        return values

    def describe(self) -> list[dict[str, str]]:
        """Every setting with its value, label, help and where it is kept (for `settings show` and the dialog)."""
        values = self.get_all()
        return [
            {
                "key": d.key,
                "value": values.get(d.key, ""),
                "label": d.label,
                "help": d.help,
                "scope": "this computer" if d.scope == "computer" else "store",
                "default": d.default,
            }
            for d in SETTINGS
        ]

    def logo_bytes(self) -> tuple[str, bytes] | None:
        stored_file = tables.stored_file
        with self.uow.read() as connection:
            row = connection.execute(
                select(stored_file.c.file_name, stored_file.c.data).where(stored_file.c.key == "logo")
            ).first()
            return (row.file_name, bytes(row.data)) if row else None

    @property
    def due_soon_days(self) -> int:
        """How many days ahead an open obligation counts as "due soon" (a setting; 14 unless changed)."""
        with self.uow.read() as connection:
            value = _stored_value(connection, "due_soon_days")
        try:
            return max(0, int(value)) if value is not None else int(BY_KEY["due_soon_days"].default)
        except ValueError:
            return int(BY_KEY["due_soon_days"].default)

    def clear_days_rule(self) -> ClearDaysRule:
        with self.uow.read() as connection:
            value = _stored_value(connection, "clear_days_count")
            summons = _stored_value(connection, "summons_notice_count")
        return ClearDaysRule(
            exclude_non_working=(value or "working") != "calendar",
            summons_clear_days=(summons or "clear") != "inclusive",
        )

    def user_name(self) -> str:
        return self._local().get("user_name", "")

    def report_settings(self) -> dict[str, object]:
        values = self.get_all()
        return {
            "organisation": values.get("organisation") or "",
            "logo_path": self._logo_file(values),
            "author": values.get("author") or "",
            "report_of": values.get("report_of") or "",
            "contact_name": values.get("contact_name") or "",
            "contact_telephone": values.get("contact_telephone") or "",
            "contact_email": values.get("contact_email") or "",
        }

    # ---- writing -----------------------------------------------------------------------------------
    def set(self, key: str, value: str) -> str:
        """Validate and store one setting (one transaction). Returns the value as stored."""
        if key == "logo":
            return self._set_logo("" if value is None else str(value))
        return self.set_many({key: value})[key]

    def check_many(self, values: dict[str, str]) -> dict[str, str]:
        """Validate settings without storing them; returns them as they would be stored."""
        checked = {}
        for key, value in values.items():
            definition = setting(key)
            if key == "logo":
                raise BadInput("logo", value, "is set with set('logo', PATH)")
            checked[key] = self._check(definition, "" if value is None else str(value))
        return checked

    def versions(self) -> dict[str, int]:
        """Each store-wide setting's version (0 while it holds its default): read with the values, and
        passed back to set_many(if_versions=…) so a save over someone else's newer one is refused."""
        setting_t = tables.setting
        with self.uow.read() as connection:
            stored = dict(connection.execute(select(setting_t.c.key, setting_t.c.version)).all())
        return {d.key: stored.get(d.key, 0) for d in SETTINGS if d.scope == "store"}

    def set_many(self, values: dict[str, str], if_versions: dict[str, int] | None = None) -> dict[str, str]:
        """Validate every value first, then store them all in one transaction (the Settings dialog's Save).
        The logo is set apart, with `set("logo", path)`, since it reads a file. With `if_versions`, a value
        that changes is saved only if its setting is still at the version read (see `versions`); else
        nothing at all is saved."""
        checked = self.check_many(values)
        store = {k: v for k, v in checked.items() if BY_KEY[k].scope == "store"}
        with self.uow() as session:
            for key, value in store.items():
                row = session.get(m.Setting, key)
                old = row.value if row else BY_KEY[key].default
                if if_versions is not None and key in if_versions and old != value:
                    check_version(
                        session,
                        row.version if row else 0,
                        if_versions[key],
                        what=f"the setting {BY_KEY[key].label!r}",
                        entity="setting",
                        entity_id=key,
                    )
                if old == value and row is not None:
                    continue
                if row is None:
                    session.add(m.Setting(key=key, value=value))
                else:
                    row.value = value
                record_change(session, self.user, None, "setting", key, "value", old, value)
        local = {k: v for k, v in checked.items() if BY_KEY[k].scope == "computer"}
        if local:
            merged = {**self._local(), **local}
            path = self._local_path()
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(merged, indent=2, ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
        return checked

    @staticmethod
    def _check(definition: SettingDef, value: str) -> str:
        value = value.strip()
        if len(value) > definition.limit:
            raise BadInput(definition.key, value, f"is longer than {definition.limit} characters")
        if any(ord(c) < 32 for c in value):
            raise BadInput(definition.key, value, "contains control characters")
        if definition.key == "due_soon_days":
            if not value.isdigit() or not 0 <= int(value) <= 365:
                raise BadInput(definition.key, value, "must be a whole number of days from 0 to 365")
            return str(int(value))
        if definition.key == "desktop_reminders" and value not in ("on", "off"):
            raise BadInput(definition.key, value, "must be on or off")
        if definition.key == "summons_notice_count" and value not in SUMMONS_NOTICE_COUNTS:
            raise BadInput(definition.key, value, f"must be one of {', '.join(SUMMONS_NOTICE_COUNTS)}")
        if definition.key == "clear_days_count" and value not in CLEAR_DAYS_COUNTS:
            raise BadInput(definition.key, value, f"must be one of {', '.join(CLEAR_DAYS_COUNTS)}")
        if definition.key == "contact_email" and value and not _EMAIL.match(value):
            raise BadInput(definition.key, value, "is not an e-mail address")
        if definition.key.startswith("mail_") and value:
            return _check_mail(definition.key, value)
        if definition.key == "contact_telephone" and value and not _PHONE.match(value):
            raise BadInput(definition.key, value, "is not a telephone number (digits, spaces, + ( ) -)")
        return value

    def _set_logo(self, path_text: str) -> str:
        if not path_text.strip():
            with self.uow() as session:
                row = session.get(m.StoredFile, "logo")
                if row is not None:
                    record_change(session, self.user, None, "setting", "logo", "value", row.file_name, "")
                    session.delete(row)
            return ""
        path = Path(path_text).expanduser()
        if not path.is_file():
            raise BadInput("logo", path_text, "is not a file")
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:
            raise BadInput("logo", path_text, f"is {size // 1024} KiB; a logo must be under 2 MiB")
        data = path.read_bytes()
        media = next((kind for magic, kind in LOGO_TYPES.items() if data.startswith(magic)), None)
        if media is None:
            raise BadInput("logo", path_text, "is not a PNG or JPEG image")
        try:
            from PIL import Image  # reportlab's own dependency

            with Image.open(path) as image:
                image.verify()
        except Exception as exc:
            raise BadInput("logo", path_text, f"is not a readable image ({exc.__class__.__name__})") from None
        with self.uow() as session:
            row = session.get(m.StoredFile, "logo")
            old = row.file_name if row else ""
            if row is None:
                row = m.StoredFile(key="logo", file_name=path.name[:300], media_type=media[0], data=data)
                session.add(row)
            else:
                row.file_name, row.media_type, row.data = path.name[:300], media[0], data
                row.updated_at = m.utcnow()
            record_change(session, self.user, None, "setting", "logo", "value", old, path.name)
        return path.name

    def _logo_file(self, values: dict[str, str]) -> Path | None:
        """The logo as a file the PDF library can open: a copy of the stored bytes, named by their hash."""
        stored = self.logo_bytes()
        if stored is None:
            legacy = values.get("logo_path") or ""
            return Path(legacy) if legacy and Path(legacy).is_file() else None
        name, data = stored
        digest = hashlib.sha256(data).hexdigest()[:16]
        folder = data_dir() / "cache"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"logo-{digest}{Path(name).suffix.lower() or '.png'}"
        if not target.is_file():
            tmp = target.with_suffix(".tmp")
            tmp.write_bytes(data)
            tmp.replace(target)
        return target

    def _local_path(self) -> Path:
        return self.local_file or data_dir() / LOCAL_FILE

    def _local(self) -> dict[str, str]:
        path = self._local_path()
        if not path.is_file():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {k: str(v) for k, v in data.items() if k in BY_KEY and BY_KEY[k].scope == "computer"}


def _check_mail(key: str, value: str) -> str:
    from tracker.services import reminders

    if key == "mail_server":
        reminders.parse_server(value, key)
    elif key == "mail_security" and value not in reminders.TLS_MODES:
        raise BadInput(key, value, f"must be one of {', '.join(reminders.TLS_MODES)}")
    elif key == "mail_user" and any(ch.isspace() for ch in value):
        raise BadInput(key, value, "must be one user name, without spaces")
    elif key == "mail_from":
        reminders.check_address(value, key)
    elif key == "mail_to":
        addresses = [a.strip() for a in value.split(",") if a.strip()]
        for address in addresses:
            reminders.check_address(address, key)
        return ", ".join(addresses)
    return value
