"""Settings kept in the store (shared by a team on PostgreSQL): organisation name, logo, report author."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from tracker.persistence import models as m
from tracker.persistence.database import UnitOfWork
from tracker.services.history import record_change

DEFAULTS = {
    "organisation": "Police and Crime Committee secretariat",
    "logo_path": "",
    "author": "Committee secretariat",
    "due_soon_days": "14",
}


class SettingsService:
    def __init__(self, uow: UnitOfWork, user: str) -> None:
        self.uow = uow
        self.user = user

    def get_all(self) -> dict[str, str]:
        with self.uow() as session:
            stored = {s.key: s.value for s in session.scalars(select(m.Setting))}
        return {**DEFAULTS, **stored}

    def set(self, key: str, value: str) -> None:
        with self.uow() as session:
            row = session.get(m.Setting, key)
            old = row.value if row else DEFAULTS.get(key)
            if row is None:
                session.add(m.Setting(key=key, value=value))
            else:
                row.value = value
            record_change(session, self.user, None, "setting", key, "value", old, value)

    @property
    def due_soon_days(self) -> int:
        """How many days ahead an open obligation counts as "due soon" (a setting; 14 unless changed)."""
        with self.uow() as session:
            row = session.get(m.Setting, "due_soon_days")
        try:
            return max(0, int(row.value)) if row else int(DEFAULTS["due_soon_days"])
        except ValueError:
            return int(DEFAULTS["due_soon_days"])

    def report_settings(self) -> dict[str, object]:
        values = self.get_all()
        logo = values.get("logo_path") or ""
        return {
            "organisation": values["organisation"],
            "logo_path": Path(logo) if logo and Path(logo).is_file() else None,
            "author": values["author"],
        }
