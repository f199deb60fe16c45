"""The change log: every edit to a date, disposition or mapping, with who, when, old and new."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import and_, select

from tracker.errors import NotFound
from tracker.persistence import models as m
from tracker.persistence import tables
from tracker.persistence.database import UnitOfWork
from tracker.services import dto
from tracker.services.snapshot import cycle_ids, unknown_cycle

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def record_change(
    session: Session,
    who: str,
    cycle_id: str | None,
    entity: str,
    entity_id: str,
    field: str,
    old: str | None,
    new: str | None,
) -> None:
    session.add(
        m.ChangeLog(
            who=who,
            cycle_id=cycle_id,
            entity=entity,
            entity_id=str(entity_id),
            field=field,
            old=old,
            new=new,
            at=m.utcnow(),
        )
    )


class HistoryService:
    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow

    def check_cycle(self, cycle_id: str) -> None:
        """NotFound unless the cycle exists or the log still holds changes to it (a removed cycle's history
        stays readable)."""
        log = tables.change_log
        with self.uow.read() as connection:
            known = cycle_ids(connection)
            logged = connection.scalar(select(log.c.id).where(log.c.cycle_id == cycle_id).limit(1))
        if cycle_id not in known and logged is None:
            raise unknown_cycle(known, cycle_id, "cycle")

    def for_item(
        self,
        cycle_id: str | None = None,
        entity: str | None = None,
        entity_id: str | list[str] | None = None,
        limit: int = 500,
    ) -> list[dto.ChangeRow]:
        """The latest changes, newest first: of a cycle, a kind of item, one item or several (a list)."""
        with self.uow.read() as connection:
            return change_rows(connection.execute(change_query(cycle_id, entity, entity_id, limit)).all())


def change_query(cycle_id=None, entity: str | None = None, entity_id=None, limit: int = 500):
    """The select behind `HistoryService.for_item`, for a page that sends it with its own: the latest changes,
    a stage's with its cycle's template (to name the stage). `entity_id` may name one item or a list."""
    log, cycle_t = tables.change_log, tables.cycle
    query = (
        select(log, cycle_t.c.template_id, cycle_t.c.template_version)
        .outerjoin(cycle_t, and_(cycle_t.c.id == log.c.cycle_id, log.c.entity == "stage"))
        .order_by(log.c.at.desc(), log.c.id.desc())
        .limit(limit)
    )
    if cycle_id is not None:
        query = query.where(log.c.cycle_id == cycle_id)
    if entity is not None:
        query = query.where(log.c.entity == entity)
    if isinstance(entity_id, list | tuple | set):  # several at once: one select, not one each
        query = query.where(log.c.entity_id.in_([str(e) for e in entity_id]))
    elif entity_id is not None:
        query = query.where(log.c.entity_id == str(entity_id))
    return query


def change_rows(changes) -> list[dto.ChangeRow]:
    """The rows of `change_query` as the history shows them."""
    return [
        dto.ChangeRow(
            c.at,
            c.who,
            c.entity,
            c.entity_id,
            c.field,
            c.old,
            c.new,
            c.cycle_id,
            item=_item(c.entity, c.entity_id, (c.template_id, c.template_version) if c.template_id else None),
            what=field_name(c.field),
        )
        for c in changes
    ]


# the log keeps the stored names; people read these
_FIELD_NAMES = {
    "actual_date": "date it happened",
    "planned_date": "planned date",
    "planned_date (meeting)": "planned date, set by a meeting",
    "disposition_override": "disposition (corrected by hand)",
    "suggested_disposition": "disposition suggested by the reader",
    "panel": "panel's name",  # a body's panel
    "members_in_post": "number of members in post",
}


def field_name(stored: str) -> str:
    """A changed field as people read it ("date it happened"), from the name the log keeps."""
    return _FIELD_NAMES.get(stored, stored.replace("_", " "))


def _item(entity: str, entity_id: str, template: tuple[str, int] | None) -> str:
    if entity == "stage" and template is not None:
        from tracker.rules.templates import get_template

        try:
            return get_template(template[0], version=template[1]).stage(entity_id).label
        except (NotFound, ValueError):  # a template or stage since dropped: the stored name still says what
            return f"stage {entity_id}"
    return f"{entity} {entity_id}"
