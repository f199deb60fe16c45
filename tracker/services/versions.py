"""Saves that carry the version they were read at: a stale one is refused, saying who changed it and when.

Every editable row has a version (tracker.persistence.tables). A view reads it with the row; the save passes
it back as `if_version`. If someone else has saved in between, nothing is written and `Conflict` names the
last change the history holds, so the app can ask: keep mine (save again over theirs) or take theirs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from tracker.errors import Conflict

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

CHANGED = "changed"  # every refusal says it: the app tells a stale save from a busy store by it


def check_version(
    session: Session,
    current: int,
    if_version: int | None,
    *,
    what: str,
    entity: str,
    entity_id: str,
    cycle_id: str | None = None,
) -> None:
    """Refuse the save unless the row is still at `if_version` (None: no check, "keep mine")."""
    if if_version is None or current == if_version:
        return
    raise stale(
        session, if_version, current, what=what, entity=entity, entity_id=entity_id, cycle_id=cycle_id
    )


def stale(
    session: Session,
    seen: int,
    current: int,
    *,
    what: str,
    entity: str,
    entity_id: str,
    cycle_id: str | None = None,
) -> Conflict:
    """The one refusal of a save made from version `seen` of a row now at `current`, for the app and the
    command line alike: who made the last change the history holds, when, and to what."""
    from tracker.domain.formatting import uk_date_time
    from tracker.persistence import models as m
    from tracker.services.history import field_name

    query = select(m.ChangeLog).where(m.ChangeLog.entity == entity, m.ChangeLog.entity_id == entity_id)
    if cycle_id is not None:
        query = query.where(m.ChangeLog.cycle_id == cycle_id)
    last = session.scalars(query.order_by(m.ChangeLog.id.desc()).limit(1)).first()
    who = f" by {last.who} on {uk_date_time(last.at, ' at ')}" if last else " by someone else"
    # the field that changed named, so a body's panel renamed never reads as the body renamed
    now = ""
    if last is not None and last.new and last.field == "created":
        now = f" (created as {last.new})"
    elif last is not None and last.new:
        name = field_name(last.field)
        verb = "were" if name.endswith(("answers", "sub-points", "subpoints", "links", "numbers")) else "was"
        now = f" (the {name} {verb} set to {last.new})"
    return Conflict(
        f"while you were looking at it, {what} was {CHANGED}{who}{now}; your change was not saved "
        f"(you saw version {seen}, it is now version {current})"
    )
