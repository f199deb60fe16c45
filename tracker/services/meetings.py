"""Committee and panel meetings. A meeting tied to a cycle is the meeting its papers are published for, so it
sets the planned date of the stage that the papers deadline (so many clear days before) counts back from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from tracker.domain.formatting import uk_date
from tracker.errors import BadInput, NotFound
from tracker.persistence import models as m
from tracker.persistence import tables
from tracker.persistence.database import UnitOfWork
from tracker.rules import calendar
from tracker.services import convert
from tracker.services.bodies import check_text
from tracker.services.history import record_change
from tracker.services.versions import check_version

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class MeetingRow:
    id: int
    body_id: str | None
    panel: str
    date: dt.date
    title: str
    cycle_id: str | None
    reference: str | None
    papers_by: dt.date | None  # the last day to publish the papers, by the clear-days rule in the settings
    papers_working: str | None
    panel_id: str = ""
    for_stage: str | None = None  # the stage of its cycle the meeting is for ("reply_noted")
    version: int = 1  # the meeting's version when read: pass it back to edit(if_version=…)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "body": self.body_id,
            "panel": self.panel,
            "date": self.date,
            "title": self.title,
            "cycle": self.cycle_id,
            "reference": self.reference,
            "papers_by": self.papers_by,
            "papers_working": self.papers_working,
            "for_stage": self.for_stage,
            "version": self.version,
        }


def known_body(session: Session, body_id: str) -> m.PolicingBody:
    body = session.get(m.PolicingBody, body_id)
    if body is None:
        known = ", ".join(session.scalars(select(m.PolicingBody.id).order_by(m.PolicingBody.id)))
        raise NotFound("--body", body_id, f"is not a known body; known bodies: {known or 'none yet'}")
    return body


def panel_of(session: Session, body_id: str) -> str:
    """The id of the body's panel, whose meetings they are."""
    panel_id = known_body(session, body_id).scrutiny_body_id
    if panel_id is None:
        raise BadInput("--body", body_id, "has no panel recorded; set one with tracker body edit --panel")
    return panel_id


def meeting_stage(template) -> str | None:
    """The stage a meeting of the cycle stands for: the trigger of the template's papers rule, if it has one."""
    for rule in template.rules:
        if rule.due.get("type") == "clear_days_before":
            return str(rule.due["trigger"])
    return None


def check_for_stage(cycle: m.Cycle | None, for_stage: str | None, without_cycle: str) -> None:
    """Refuse a stage the meeting's cycle does not have, or a stage for a meeting of no cycle."""
    if not for_stage:
        return
    if cycle is None:
        raise BadInput("--for", for_stage, f"{without_cycle}: the stage is one of a cycle's")
    keys = [s.id for s in convert.template_for(cycle).stages]
    if for_stage not in keys:
        raise BadInput("--for", for_stage, f"is not a stage of {cycle.id}; its stages: {', '.join(keys)}")


def meetings_query(from_date: dt.date | None = None, to_date: dt.date | None = None):
    """Meetings with their panel's name and body, soonest first, optionally only those between two days: one
    select (the dashboard reads it at every start, with its own)."""
    meeting_t, panel_t, body_t = tables.meeting, tables.scrutiny_body, tables.policing_body
    body_of_panel = (
        select(body_t.c.id)
        .where(body_t.c.scrutiny_body_id == meeting_t.c.scrutiny_body_id)
        .order_by(body_t.c.id)
        .limit(1)
        .scalar_subquery()
    )
    query = (
        select(meeting_t, panel_t.c.name.label("panel_name"), body_of_panel.label("body_id"))
        .outerjoin(panel_t, panel_t.c.id == meeting_t.c.scrutiny_body_id)
        .order_by(meeting_t.c.date, meeting_t.c.id)
    )
    if from_date is not None:
        query = query.where(meeting_t.c.date >= from_date)
    if to_date is not None:
        query = query.where(meeting_t.c.date <= to_date)
    return query


class MeetingService:
    def __init__(self, uow: UnitOfWork, user: str, clear_days: calendar.ClearDaysRule | None = None) -> None:
        self.uow = uow
        self.user = user
        self.clear_days = clear_days or calendar.ClearDaysRule()

    def add(
        self,
        body_id: str,
        day: dt.date,
        title: str,
        cycle_id: str | None = None,
        reference: str | None = None,
        for_stage: str | None = None,
    ) -> tuple[MeetingRow, list[str]]:
        """Record a meeting. Returns it with notes of what else changed (a stage's planned date).
        `for_stage` is the stage of the cycle the meeting is for (the meeting that notes the reply)."""
        title = check_text("--title", title, 300)
        reference = check_text("--reference", reference, 100, required=False) or None
        notes: list[str] = []
        with self.uow() as session:
            body = known_body(session, body_id)
            panel_id = body.scrutiny_body_id
            cycle = None
            if cycle_id is not None:
                cycle = session.get(m.Cycle, cycle_id)
                if cycle is None:
                    raise NotFound("--cycle", cycle_id, "is not a known cycle")
                if cycle.policing_body_id != body.id:
                    raise BadInput(
                        "--cycle", cycle_id, f"belongs to {cycle.policing_body_id}, not to {body.id}"
                    )
                panel_id = panel_id or cycle.scrutiny_body_id
            check_for_stage(cycle, for_stage, "needs --cycle")
            if panel_id is None:
                raise BadInput(
                    "--body", body_id, "has no panel recorded; set one with tracker body edit --panel"
                )
            meeting = m.Meeting(
                scrutiny_body_id=panel_id,
                cycle_id=cycle_id,
                date=day,
                title=title,
                reference=reference,
                for_stage=for_stage or None,
            )
            session.add(meeting)
            session.flush()
            record_change(
                session,
                self.user,
                cycle_id,
                "meeting",
                str(meeting.id),
                "created",
                None,
                f"{uk_date(day)}: {title}" + (f" (for {for_stage})" if for_stage else ""),
            )
            if cycle is not None:
                notes.extend(self._plan_stage(session, cycle, day, for_stage or None))
            return self._row(session, meeting), notes

    def edit(
        self,
        meeting_id: int,
        *,
        day: dt.date | None = None,
        title: str | None = None,
        for_stage: str | None = None,
        if_version: int | None = None,
    ) -> tuple[MeetingRow, list[str]]:
        """Change a meeting's date, title or the stage of its cycle it is for ("" for none), in one
        transaction; with `if_version`, only if the meeting is still at the version the officer read
        (MeetingRow.version). A meeting of a cycle that moves moves the stage it plans, as adding one does.
        Returns the meeting with notes of what else changed; a save that changes nothing writes nothing."""
        if title is not None:
            title = check_text("--title", title, 300)
        notes: list[str] = []
        with self.uow() as session:
            meeting = session.get(m.Meeting, meeting_id, with_for_update=True)
            if meeting is None:
                raise NotFound("meeting", str(meeting_id), "is not a known meeting (tracker meeting list)")
            check_version(
                session,
                meeting.version,
                if_version,
                what=f"the meeting of {uk_date(meeting.date)} ({meeting.title})",
                entity="meeting",
                entity_id=str(meeting.id),
            )
            cycle = session.get(m.Cycle, meeting.cycle_id) if meeting.cycle_id else None
            check_for_stage(cycle, for_stage, "needs a meeting of a cycle")
            wanted: dict[str, object] = {}
            if day is not None:
                wanted["date"] = day
            if title is not None:
                wanted["title"] = title
            if for_stage is not None:
                wanted["for_stage"] = for_stage or None
            changes = [(f, getattr(meeting, f), v) for f, v in wanted.items() if getattr(meeting, f) != v]
            for field, old, new in changes:
                setattr(meeting, field, new)
                shown = [uk_date(v) if isinstance(v, dt.date) else v for v in (old, new)]
                record_change(session, self.user, meeting.cycle_id, "meeting", str(meeting.id), field, *shown)
            if cycle is not None and any(field in ("date", "for_stage") for field, _old, _new in changes):
                notes.extend(self._plan_stage(session, cycle, meeting.date, meeting.for_stage))
            session.flush()
            return self._row(session, meeting), notes

    def list(
        self,
        body_id: str | None = None,
        cycle_id: str | None = None,
        from_date: dt.date | None = None,
        to_date: dt.date | None = None,
        panel_id: str | None = None,
    ) -> list[MeetingRow]:
        if from_date is not None and to_date is not None and to_date < from_date:
            raise BadInput("--to", to_date.isoformat(), f"is before --from {from_date.isoformat()}")
        meeting_t, body_t = tables.meeting, tables.policing_body
        query = meetings_query(from_date, to_date)
        with self.uow.read() as connection:
            if body_id is not None:
                panel_id = connection.scalar(select(body_t.c.scrutiny_body_id).where(body_t.c.id == body_id))
                if panel_id is None:
                    raise NotFound("--body", body_id, "is not a known body")
                query = query.where(meeting_t.c.scrutiny_body_id == panel_id)
            if cycle_id is not None:
                cycle_t = tables.cycle
                if connection.scalar(select(cycle_t.c.id).where(cycle_t.c.id == cycle_id)) is None:
                    raise NotFound("--cycle", cycle_id, "is not a known cycle")
                query = query.where(meeting_t.c.cycle_id == cycle_id)
            if panel_id is not None:
                query = query.where(meeting_t.c.scrutiny_body_id == panel_id)
            rows = connection.execute(query).all()
        return self.rows_of(rows)

    def rows_of(self, rows) -> list[MeetingRow]:
        """The meetings of `meetings_query`'s rows."""
        return [self._meeting_row(r, r.body_id, r.panel_name or r.scrutiny_body_id) for r in rows]

    def import_calendar(self, body_id: str, data: bytes, name: str):
        """Meetings of the body's panel from an iCalendar file's bytes (tracker.services.calendar_import):
        new events added, moved ones moved, cancelled ones marked; importing again changes nothing."""
        from tracker.services.calendar_import import CalendarImport

        return CalendarImport(self.uow, self.user, self).run(body_id, data, name)

    def stage_choices(self, cycle_id: str) -> list[tuple[str, str]]:
        """(key, label) of each stage of the cycle's process, in order: what a meeting of it may be for."""
        with self.uow() as session:
            cycle = session.get(m.Cycle, cycle_id)
            if cycle is None:
                raise NotFound("--cycle", cycle_id, "is not a known cycle")
            return [(s.id, s.label) for s in convert.template_for(cycle).stages]

    def get(self, meeting_id: int) -> MeetingRow:
        meeting_t = tables.meeting
        with self.uow.read() as connection:
            panel_id = connection.scalar(
                select(meeting_t.c.scrutiny_body_id).where(meeting_t.c.id == meeting_id)
            )
        if panel_id is None:
            raise NotFound("--meeting", str(meeting_id), "is not a known meeting (tracker meeting list)")
        return next(r for r in self.list(panel_id=panel_id) if r.id == meeting_id)

    def _plan_stage(
        self, session: Session, cycle: m.Cycle, day: dt.date, for_stage: str | None = None
    ) -> list[str]:
        """Plan the stage the meeting is for (else the process's meeting stage) for the meeting's day."""
        template = convert.template_for(cycle)
        key = for_stage or meeting_stage(template)
        if key is None:
            return []
        stage = next((s for s in cycle.stages if s.key == key), None)
        if stage is None:
            return []
        label = template.stage(key).label
        if stage.actual_precision is not None:
            return [f"{label} is already recorded as having happened; its date was left as it is"]
        if stage.planned_date == day:
            return []
        old = uk_date(stage.planned_date, unknown="none")
        stage.planned_date = day
        record_change(session, self.user, cycle.id, "stage", key, "planned_date (meeting)", old, uk_date(day))
        papers = calendar.latest_publication_day(day, self.clear_days)
        return [f"{label} planned for {uk_date(day)}; papers must be published by {uk_date(papers.last_day)}"]

    def _row(self, session: Session, meeting: m.Meeting) -> MeetingRow:
        panel = session.get(m.ScrutinyBody, meeting.scrutiny_body_id)
        body_id = session.scalar(
            select(m.PolicingBody.id)
            .where(m.PolicingBody.scrutiny_body_id == meeting.scrutiny_body_id)
            .order_by(m.PolicingBody.id)
            .limit(1)
        )
        return self._meeting_row(meeting, body_id, panel.name if panel else meeting.scrutiny_body_id)

    def _meeting_row(self, meeting, body_id: str | None, panel: str) -> MeetingRow:
        papers = calendar.latest_publication_day(meeting.date, self.clear_days)
        return MeetingRow(
            id=meeting.id,
            body_id=body_id,
            panel=panel,
            date=meeting.date,
            title=meeting.title,
            cycle_id=meeting.cycle_id,
            reference=meeting.reference,
            papers_by=papers.last_day,
            papers_working=papers.working,
            panel_id=meeting.scrutiny_body_id,
            for_stage=meeting.for_stage,
            version=meeting.version,
        )
