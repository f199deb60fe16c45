"""Policing bodies and their scrutiny bodies: who the secretariat serves, and how many members are in post.

A body is created with its panel in one step, since every elected local policing body has exactly one
scrutiny body (a police and crime panel, or the London Assembly Police and Crime Committee). The number of
members in post is kept as a history: a veto needs two-thirds of the members in post on the day of the vote.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from tracker.domain.formatting import uk_date
from tracker.errors import BadInput, NotFound
from tracker.paths import resource
from tracker.persistence import models as m
from tracker.persistence import tables
from tracker.persistence.database import UnitOfWork
from tracker.services import protocol
from tracker.services.history import record_change
from tracker.services.protocol import Protocol
from tracker.services.versions import check_version

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# the kinds of elected local policing body, and the legal regime each one works under
BODY_KINDS = {
    "pcc": "police and crime commissioner",
    "pfcc": "police, fire and crime commissioner",
    "mayor": "mayor exercising police and crime commissioner functions",
    "mopac": "Mayor's Office for Policing and Crime (London)",
}
REGIME = {"pcc": "pcc", "pfcc": "pcc", "mayor": "pcc", "mopac": "london"}
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
MAX_MEMBERS = 99  # panels have 10 to 20 members plus co-optees; anything larger is a typing slip


def check_id(field: str, value: str) -> str:
    value = (value or "").strip()
    if not ID_PATTERN.match(value):
        raise BadInput(
            field,
            value,
            "must be 1 to 64 lower-case letters, digits and hyphens, starting with a letter or digit",
        )
    return value


def check_text(field: str, value: str | None, limit: int, *, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise BadInput(field, value or "", "is empty")
    if len(text) > limit:
        raise BadInput(field, text, f"is longer than {limit} characters ({len(text)})")
    if any(ord(c) < 32 for c in text):
        raise BadInput(field, text, "contains control characters")
    return text


def check_members(value: int | None, field: str = "--members") -> int | None:
    if value is None:
        return None
    if value < 1 or value > MAX_MEMBERS:
        raise BadInput(field, value, f"must be a number of members from 1 to {MAX_MEMBERS}")
    return value


@dataclass(frozen=True)
class PoliceArea:
    """A police area of England and Wales as shipped in resources/areas (blank where not verified)."""

    id: str
    name: str
    force: str | None
    body_kind: str | None
    body_name: str | None
    panel_name: str | None
    wales: bool | None
    source: str | None
    checked: str | None


@cache
def police_areas() -> tuple[PoliceArea, ...]:
    path = resource("areas", "police_areas.json")
    if not path.is_file():
        return ()
    data = json.loads(path.read_text(encoding="utf-8"))
    fields = PoliceArea.__dataclass_fields__
    return tuple(
        PoliceArea(**{k: row.get(k) for k in fields})
        for row in data["areas"]
        if row.get("body_kind") in (None, *BODY_KINDS)
    )


def find_area(text: str | None) -> PoliceArea | None:
    if not text:
        return None
    wanted = text.strip().lower()
    return next((a for a in police_areas() if wanted in (a.id, a.name.lower())), None)


@dataclass(frozen=True)
class MembershipRow:
    members: int
    effective_from: dt.date
    recorded_by: str


@dataclass(frozen=True)
class BodyRow:
    id: str
    name: str
    kind: str
    regime: str  # "pcc" | "london": which sections of the Act apply
    area: str | None
    in_wales: bool | None
    panel_id: str | None
    panel_name: str | None
    members: int | None
    membership: tuple[MembershipRow, ...]
    cycles: int
    protocol: Protocol | None = None  # the panel's local protocol, where it has turned one on
    version: int = 1  # the body's version when read: pass it back to edit(if_version=…)

    def as_dict(self) -> dict:
        return {
            "protocol": self.protocol.as_dict() if self.protocol else None,
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "regime": self.regime,
            "area": self.area,
            "in_wales": self.in_wales,
            "panel": {"id": self.panel_id, "name": self.panel_name, "members": self.members},
            "membership": [
                {"members": r.members, "from": r.effective_from, "recorded_by": r.recorded_by}
                for r in self.membership
            ],
            "cycles": self.cycles,
            "version": self.version,
        }


def default_panel_name(kind: str, area: str | None, name: str) -> str:
    if kind == "mopac":
        return "London Assembly Police and Crime Committee"
    place = area or _place_in(name)
    if kind in ("pfcc",):
        return f"{place} Police, Fire and Crime Panel"
    return f"{place} Police and Crime Panel"


def _place_in(name: str) -> str:
    """The place in a commissioner's name: "Police and Crime Commissioner for Northshire" and "Northshire
    Police and Crime Commissioner" are both Northshire's, so the panel is "Northshire Police and Crime Panel"."""
    import re

    office = r"police,? (?:fire and )?(?:and )?crime commissioner"
    for pattern in (rf"^(?:the )?(?:office of the )?{office} for (.+)$", rf"^(.+?) {office}$"):
        match = re.match(pattern, name.strip(), re.IGNORECASE)
        if match:
            return match.group(1)
    return name


class BodyService:
    def __init__(self, uow: UnitOfWork, user: str) -> None:
        self.uow = uow
        self.user = user

    # ---- queries -----------------------------------------------------------------------------------
    def list(self) -> list[BodyRow]:
        with self.uow() as session:
            bodies = session.scalars(
                select(m.PolicingBody).options(*_with_panel()).order_by(m.PolicingBody.id)
            ).all()
            counts = dict(
                session.execute(
                    select(m.Cycle.policing_body_id, func.count()).group_by(m.Cycle.policing_body_id)
                ).all()
            )
            # every body's local protocol in one select, not one per body
            prefix = protocol.PROTOCOL_PREFIX
            protocols = {
                key.removeprefix(prefix): value
                for key, value in session.execute(
                    select(m.Setting.key, m.Setting.value).where(
                        m.Setting.key.startswith(prefix, autoescape=True)
                    )
                )
            }
            return [self._row(b, counts.get(b.id, 0), protocols) for b in bodies]

    def get(self, body_id: str) -> BodyRow:
        with self.uow() as session:
            body = self._get(session, body_id)
            count = session.scalar(select(func.count()).where(m.Cycle.policing_body_id == body.id)) or 0
            return self._row(body, count)

    def count(self) -> int:
        with self.uow.read() as connection:
            return connection.scalar(select(func.count()).select_from(tables.policing_body)) or 0

    def members_on(self, body_id: str, day: dt.date) -> int | None:
        with self.uow() as session:
            body = self._get(session, body_id)
            return members_on(body.scrutiny_body, day) if body.scrutiny_body else None

    # ---- commands ----------------------------------------------------------------------------------
    def add(
        self,
        body_id: str,
        *,
        name: str | None = None,
        kind: str | None = None,
        area: str | None = None,
        panel: str | None = None,
        members: int | None = None,
        members_from: dt.date | None = None,
        in_wales: bool | None = None,
    ) -> BodyRow:
        """Add a body with its panel. An area from the shipped list (by its name or id, as `tracker body
        areas` shows them) fills in the body's name and kind, the panel's name and Wales, as the first-start
        page does; anything given as well wins over the list."""
        body_id = check_id("id", body_id)
        area_text = check_text("--area", area, 100, required=False) or None
        known = find_area(area_text)
        if known is not None:
            area_text = known.name
            name = name if name is not None else known.body_name
            kind = kind if kind is not None else known.body_kind
            panel = panel if panel is not None else known.panel_name
        for field, value in (("--name", name), ("--kind", kind)):
            if value is None:
                why = (
                    f"is needed: the shipped list has no {field[2:]} for {known.name}"
                    if known is not None
                    else f"is needed: {area_text!r} is not one of the shipped police areas (tracker body areas)"
                    if area_text
                    else "is needed, or --area with one of the shipped police areas (tracker body areas)"
                )
                raise BadInput(field, "", why)
        name = check_text("--name", name, 200)
        kind = self._check_kind(kind)
        panel_text = check_text("--panel", panel, 200, required=False) or None
        members = check_members(members)
        if in_wales is None and known is not None:
            in_wales = known.wales
        with self.uow() as session:
            if session.get(m.PolicingBody, body_id) is not None:
                raise BadInput("id", body_id, "is already a body; choose another id or use body edit")
            if session.get(m.ScrutinyBody, body_id) is not None:
                raise BadInput("id", body_id, "is already the id of a scrutiny body")
            scrutiny = m.ScrutinyBody(
                id=body_id,
                name=panel_text or default_panel_name(kind, area_text, name),
                kind="assembly-committee" if kind == "mopac" else "panel",
                members_in_post=None,
            )
            session.add(scrutiny)
            body = m.PolicingBody(
                id=body_id,
                name=name,
                kind=kind,
                area=REGIME[kind],
                police_area=area_text,
                in_wales=in_wales,
                scrutiny_body=scrutiny,
            )
            session.add(body)
            session.flush()
            if members is not None:
                self._record_members(session, scrutiny, members, members_from or dt.date.today())
            record_change(session, self.user, None, "body", body_id, "created", None, f"{name} ({kind})")
            session.flush()
            return self._row(body, 0)

    def edit(
        self,
        body_id: str,
        *,
        name: str | None = None,
        kind: str | None = None,
        area: str | None = None,
        panel: str | None = None,
        members: int | None = None,
        members_from: dt.date | None = None,
        in_wales: bool | None = None,
        protocol_days: int | None = None,
        protocol_label: str | None = None,
        no_protocol: bool = False,
        if_version: int | None = None,
    ) -> BodyRow:
        """Change a body (one transaction). With `if_version`, only if the body is still at the version the
        officer read (BodyRow.version)."""
        members = check_members(members)
        with self.uow() as session:
            body = self._get(session, body_id)
            check_version(session, body.version, if_version, what=body.name, entity="body", entity_id=body.id)
            changes: list[tuple[str, object, object]] = []
            if no_protocol or protocol_days is not None or protocol_label is not None:
                changes.append(
                    self._set_protocol(session, body.id, protocol_days, protocol_label, no_protocol)
                )
            if name is not None:
                value = check_text("--name", name, 200)
                changes.append(("name", body.name, value))
                body.name = value
            if kind is not None:
                value = self._check_kind(kind)
                if REGIME[value] != body.area:
                    used = session.scalar(select(func.count()).where(m.Cycle.policing_body_id == body.id))
                    if used:
                        raise BadInput(
                            "--kind",
                            value,
                            f"would move {body.name} to another part of the Act while it has {used} cycle(s) "
                            "run under the current one; add a new body instead",
                        )
                changes.append(("kind", body.kind, value))
                body.kind, body.area = value, REGIME[value]
            if area is not None:
                value = check_text("--area", area, 100, required=False) or None
                changes.append(("area", body.police_area, value))
                body.police_area = value
                known = find_area(value)
                if in_wales is None and known is not None and known.wales is not None:
                    in_wales = known.wales
            if in_wales is not None:
                changes.append(("in_wales", body.in_wales, in_wales))
                body.in_wales = in_wales
            scrutiny = self._panel(session, body)
            if panel is not None:
                value = check_text("--panel", panel, 200)
                changes.append(("panel", scrutiny.name, value))
                scrutiny.name = value
            if members is not None:
                self._record_members(session, scrutiny, members, members_from or dt.date.today())
            elif members_from is not None:
                raise BadInput("--from", members_from.isoformat(), "goes with --members")
            if not changes and members is None:
                raise BadInput("body edit", body_id, "was given nothing to change")
            for field, old, new in changes:
                if old != new:
                    record_change(session, self.user, None, "body", body.id, field, _text(old), _text(new))
            if any(old != new for _field, old, new in changes) or members is not None:
                from sqlalchemy.orm.attributes import flag_modified

                flag_modified(
                    body, "name"
                )  # its panel, members or protocol changed: the body's version moves
            session.flush()
            count = session.scalar(select(func.count()).where(m.Cycle.policing_body_id == body.id)) or 0
            session.refresh(scrutiny)
            return self._row(body, count)

    # ---- helpers -----------------------------------------------------------------------------------
    @staticmethod
    def _check_kind(kind: str) -> str:
        value = (kind or "").strip().lower()
        if value not in BODY_KINDS:
            raise BadInput("--kind", kind, f"is not a kind of body; use one of {', '.join(BODY_KINDS)}")
        return value

    def _record_members(self, session: Session, scrutiny: m.ScrutinyBody, members: int, day: dt.date) -> None:
        existing = next((r for r in scrutiny.memberships if r.effective_from == day), None)
        old = members_on(scrutiny, day)
        if existing is not None:
            existing.members = members
            existing.recorded_by = self.user
        else:
            scrutiny.memberships.append(
                m.PanelMembership(members=members, effective_from=day, recorded_by=self.user)
            )
        session.flush()
        session.refresh(scrutiny)
        scrutiny.members_in_post = members_on(scrutiny, dt.date.max)
        record_change(
            session,
            self.user,
            None,
            "panel",
            scrutiny.id,
            "members_in_post",
            _text(old),
            f"{members} from {uk_date(day)}",
        )

    @staticmethod
    def _panel(session: Session, body: m.PolicingBody) -> m.ScrutinyBody:
        if body.scrutiny_body is None:  # a body from an older store: give it its panel now
            panel = session.get(m.ScrutinyBody, body.id)
            if panel is None:
                panel = m.ScrutinyBody(
                    id=body.id,
                    name=default_panel_name(body.kind, body.police_area, body.name),
                    kind="assembly-committee" if body.kind == "mopac" else "panel",
                )
                session.add(panel)
            body.scrutiny_body = panel
            session.flush()
        return body.scrutiny_body

    @staticmethod
    def _get(session: Session, body_id: str) -> m.PolicingBody:
        body = session.scalars(
            select(m.PolicingBody).options(*_with_panel()).where(m.PolicingBody.id == body_id)
        ).first()
        if body is None:
            known = ", ".join(session.scalars(select(m.PolicingBody.id).order_by(m.PolicingBody.id)))
            raise NotFound(
                "body",
                body_id,
                f"is not a known body; known bodies: {known or 'none yet (tracker body add)'}",
            )
        return body

    @staticmethod
    def _set_protocol(session, body_id: str, days: int | None, label: str | None, off: bool) -> tuple:
        """Turn the body's local protocol on (its own period and wording), change it, or turn it off."""
        key = protocol.PROTOCOL_PREFIX + body_id
        stored = session.get(m.Setting, key)
        current = protocol.parse(stored.value) if stored else None
        if off:
            if days is not None or label is not None:
                raise BadInput(
                    "--no-protocol",
                    "",
                    "turns the protocol off: give it without --protocol-days or --protocol-label",
                )
            if stored is not None:
                session.delete(stored)
            return ("protocol", current and protocol.dump(current), None)
        new = protocol.dump(protocol.check(days, label, current))
        if stored is None:
            session.add(m.Setting(key=key, value=new))
        else:
            stored.value = new
        return ("protocol", current and protocol.dump(current), new)

    @staticmethod
    def _row(body: m.PolicingBody, cycles: int, protocols: dict[str, str] | None = None) -> BodyRow:
        """The body as shown. `protocols`: every body's stored protocol, read at once by the caller; without
        it the body's own is read here."""
        panel = body.scrutiny_body
        if protocols is None:
            from sqlalchemy.orm import object_session

            stored = object_session(body).get(m.Setting, protocol.PROTOCOL_PREFIX + body.id)
            protocols = {body.id: stored.value} if stored else {}
        return BodyRow(
            protocol=protocol.parse(protocols.get(body.id)),
            id=body.id,
            name=body.name,
            kind=body.kind,
            regime=body.area,
            area=body.police_area,
            in_wales=body.in_wales,
            panel_id=panel.id if panel else None,
            panel_name=panel.name if panel else None,
            members=panel.members_in_post if panel else None,
            membership=tuple(
                MembershipRow(r.members, r.effective_from, r.recorded_by)
                for r in (panel.memberships if panel else ())
            ),
            cycles=cycles,
            version=body.version,
        )


def members_on(panel: m.ScrutinyBody | None, day: dt.date) -> int | None:
    """The number of members in post on `day`: the latest figure recorded as in force by then."""
    if panel is None:
        return None
    current = None
    for row in sorted(panel.memberships, key=lambda r: r.effective_from):
        if row.effective_from <= day:
            current = row.members
    if current is None and not panel.memberships:
        return panel.members_in_post  # a figure from before membership history was kept
    return current


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _with_panel() -> tuple:
    """Loader options for a body with its panel and the panel's membership history."""
    from sqlalchemy.orm import selectinload

    return (selectinload(m.PolicingBody.scrutiny_body).selectinload(m.ScrutinyBody.memberships),)
