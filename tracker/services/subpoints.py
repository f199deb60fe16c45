"""A recommendation's sub-points by hand: the officer's word on whether the reply reaches one, and its words
corrected or the sub-point removed (a sub-point read cut short prints in every paper until it is).

A sub-point is named as the papers print it (b, (b), 2(b)), by its place (2), or by the label it was read
with. Each change is one transaction with its change-log row; a change to the words, or to what the officer
says of the reply's reach, is a change to the recommendation, so its version moves on and `if_version`
refuses a change made from an older one.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from tracker.domain.numbers import subpoint_letter, subpoint_place
from tracker.domain.similarity import ANSWERED, NOT_ANSWERED
from tracker.errors import BadInput, NotFound
from tracker.persistence import models as m
from tracker.persistence.database import UnitOfWork
from tracker.services.history import record_change
from tracker.services.recommendations import check_recommendation

OFFICER = "officer"


@dataclass(frozen=True)
class SubPointChange:
    cycle_id: str
    number: str
    index: int  # its place, from 1, before the change
    label: str  # as the papers print it: "b"
    text: str  # its words now, or the words removed
    status: str | None  # the officer's word: "answered", "not answered", or None (the reply's words decide)
    removed: bool
    version: int  # the recommendation's, after the change


def set_subpoint_status(
    uow: UnitOfWork,
    user: str,
    cycle_id: str,
    number: str,
    which: str,
    status: str | None,
    if_version: int | None = None,
) -> SubPointChange:
    """The officer's word on a sub-point: "answered", "not answered", or None to leave it to the reply's
    words."""
    if status not in (ANSWERED, NOT_ANSWERED, None):
        raise BadInput("status", str(status), f"is not one of: {ANSWERED}, {NOT_ANSWERED}")
    with uow() as session:
        rec, point, index = _subpoint(session, cycle_id, number, which, if_version)
        if point.status != status:
            _changed(session, user, rec, f"sub-point {index}", point.status, status)
            point.status = status
        return _done(session, cycle_id, rec, point, index, removed=False)


def edit_subpoint(
    uow: UnitOfWork,
    user: str,
    cycle_id: str,
    number: str,
    which: str,
    *,
    text: str | None = None,
    remove: bool = False,
    if_version: int | None = None,
) -> SubPointChange:
    """Correct a sub-point's words (`text`) or remove it (`remove`): the recommendation becomes the officer's,
    so a later import of the report keeps the correction."""
    if remove == (text is not None):
        raise BadInput("recommendation subpoint", which, "needs one of --text or --remove")
    words = " ".join(text.split()) if text is not None else ""
    if text is not None and not words:
        raise BadInput("--text", text, "is empty")
    with uow() as session:
        rec, point, index = _subpoint(session, cycle_id, number, which, if_version)
        label = subpoint_letter(index - 1)
        if remove:
            _changed(session, user, rec, f"sub-point {label} removed", point.text, None)
            rec.subpoints.remove(point)
            for position, other in enumerate(rec.subpoints):
                other.position = position
        elif words != point.text:
            _changed(session, user, rec, f"sub-point {label}", point.text, words)
            point.text = words
        else:
            return _done(session, cycle_id, rec, point, index, removed=False)
        rec.origin = OFFICER  # changed by hand: a later import keeps it
        return _done(session, cycle_id, rec, point, index, removed=remove)


def _subpoint(
    session: Session, cycle_id: str, number: str, which: str, if_version: int | None
) -> tuple[m.Recommendation, m.SubPoint, int]:
    rec = session.scalars(
        select(m.Recommendation)
        .where(m.Recommendation.cycle_id == cycle_id, m.Recommendation.number == number.strip())
        .with_for_update()  # the version checked stays the version written over until commit
    ).first()
    if rec is None:
        from tracker.services.cycles import editing_load, find_cycle

        find_cycle(session, cycle_id, editing_load(), field="CYCLE")  # an unknown cycle is named as such
        raise NotFound("NUMBER", number, f"is not a recommendation of {cycle_id}")
    check_recommendation(session, cycle_id, rec, if_version)
    points = list(rec.subpoints)
    index = subpoint_place(str(which), rec.number, [p.label for p in points])
    if index is None:
        has = "it has none" if not points else f"it has {len(points)}: {_letters(len(points))}"
        raise BadInput("INDEX", which, f"is not a sub-point of recommendation {rec.number} ({has})")
    return rec, points[index - 1], index


def _changed(
    session: Session, user: str, rec: m.Recommendation, field: str, old: str | None, new: str | None
) -> None:
    """Logged, and the recommendation's version moves on: its sub-points are part of it."""
    record_change(session, user, rec.cycle_id, "recommendation", rec.number, field, old, new)
    flag_modified(rec, "text")


def _letters(count: int) -> str:
    """The letters to name them by, with their places: "a, or its place 1", "a to d, or their places 1 to 4"."""
    if count == 1:
        return "a, or its place 1"
    return f"a to {subpoint_letter(count - 1)}, or their places 1 to {count}"


def _done(
    session: Session, cycle_id: str, rec: m.Recommendation, point: m.SubPoint, index: int, *, removed: bool
) -> SubPointChange:
    session.flush()
    return SubPointChange(
        cycle_id,
        rec.number,
        index,
        subpoint_letter(index - 1),
        point.text,
        point.status,
        removed,
        rec.version,
    )


def find_subpoint(uow: UnitOfWork, cycle_id: str, number: str, which: str) -> SubPointChange:
    """The sub-point `which` names, as it stands: what a removal would take, said before anything goes."""
    with uow() as session:
        rec, point, index = _subpoint(session, cycle_id, number, which, None)
        return _done(session, cycle_id, rec, point, index, removed=False)
