"""Asked before: the earlier recommendations of the same panel (any cycle, any process) that ask for the same
thing, with what became of each (its disposition and follow-ups), and the officer's word on each link.

Read with plain Core selects: one panel's recommendations (or every panel's, in the same one query), each
panel's texts indexed once; the similarity itself is in `tracker.domain.similarity`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Connection, select

from tracker.domain.similarity import SAME_ASK, Index
from tracker.errors import BadInput, NotFound
from tracker.persistence import tables as t
from tracker.persistence.database import UnitOfWork
from tracker.services.convert import Record, reply_status
from tracker.services.history import record_change
from tracker.services.snapshot import unknown_cycle

LINK_STATES = ("confirmed", "dismissed")
# the committee's report dates the cycle's asks; failing that, its earliest recorded stage
REPORT_STAGES = ("panel_report", "committee_report")


@dataclass(frozen=True, slots=True)
class FollowUpNote:
    kind: str  # "ask" | "commitment"
    due: dt.date | None
    text: str
    met_on: dt.date | None


@dataclass(frozen=True, slots=True)
class AskedBefore:
    """An earlier recommendation that asks for the same thing, and what became of it."""

    id: int
    cycle_id: str
    number: str
    text: str
    theme: str
    score: float
    disposition: str | None
    reply_status: str  # as the register says it: "replied", "missing", "not recorded" or "no reply yet"
    follow_ups: tuple[FollowUpNote, ...]
    link: str | None  # "confirmed" by the officer, or None: the app's own suggestion


class AskedBeforeService:
    def __init__(self, uow: UnitOfWork, user: str) -> None:
        self.uow = uow
        self.user = user

    def related(self, cycle_id: str, number: str, min_score: float = SAME_ASK) -> list[AskedBefore]:
        """The earlier recommendations asking for the same thing as NUMBER of CYCLE: those the officer
        confirmed first, then the app's suggestions scoring `min_score` or more, most similar first; the
        dismissed ones never."""
        with self.uow.read() as connection:
            rec_id, panel = _find(connection, cycle_id, number)
            return _Register(connection, panel).related([rec_id], min_score)[rec_id]

    def related_in_cycle(self, cycle_id: str, min_score: float = SAME_ASK) -> dict[str, list[AskedBefore]]:
        """The same for every recommendation of CYCLE (by number), in one read of its panel."""
        with self.uow.read() as connection:
            found = _Register(connection, _panel(connection, cycle_id))
            ids = [row[0] for row in found.recs if row[1] == cycle_id]
            related = found.related(ids, min_score)
            return {found.recs[found.position[rec_id]][2]: related[rec_id] for rec_id in ids}

    def related_all(self, min_score: float = SAME_ASK) -> dict[int, list[AskedBefore]]:
        """The same for every recommendation in the store (by recommendation id)."""
        with self.uow.read() as connection:
            return _Register(connection).related_all(min_score)

    def link(
        self, cycle_id: str, number: str, other_cycle: str, other_number: str, state: str | None
    ) -> str | None:
        """Confirm ("confirmed") or dismiss ("dismissed") that OTHER asked for the same thing earlier, or
        clear the officer's word (None). One transaction, logged. Returns the state before."""
        if state is not None and state not in LINK_STATES:
            raise BadInput("link", state, f"is not one of: {', '.join(LINK_STATES)}")
        link_t = t.recommendation_link
        with self.uow() as session:
            connection = session.connection()
            rec_id, panel = _find(connection, cycle_id, number, "CYCLE")
            other_id, other_panel = _find(connection, other_cycle, other_number, "OTHER_CYCLE")
            if other_id == rec_id:
                raise BadInput("OTHER_NUMBER", other_number, "is the recommendation itself")
            if other_panel != panel:
                raise BadInput(
                    "OTHER_CYCLE",
                    other_cycle,
                    f"belongs to another panel than {cycle_id}: it cannot be asked again",
                )
            where = (link_t.c.recommendation_id == rec_id) & (link_t.c.earlier_id == other_id)
            before = connection.scalar(select(link_t.c.state).where(where))
            if before == state:
                return before  # a change that changes nothing writes nothing
            if before is not None:
                connection.execute(link_t.delete().where(where))
            if state is not None:
                connection.execute(
                    link_t.insert().values(
                        recommendation_id=rec_id,
                        earlier_id=other_id,
                        state=state,
                        made_by=self.user,
                        made_at=t.utcnow(),
                    )
                )
            record_change(
                session,
                self.user,
                cycle_id,
                "recommendation",
                number,
                "asked before",
                f"{other_cycle} {other_number}: {before}" if before else None,
                f"{other_cycle} {other_number}: {state}" if state else None,
            )
            return before


def set_subpoint_status(
    uow: UnitOfWork, user: str, cycle_id: str, number: str, index: int, status: str | None
) -> str:
    """The officer's word on sub-point INDEX (from 1) of a recommendation: "answered", "not answered", or
    None to leave it to the reply's words. One transaction, logged. Returns the sub-point's text."""
    from tracker.domain.similarity import ANSWERED, NOT_ANSWERED

    if status not in (ANSWERED, NOT_ANSWERED, None):
        raise BadInput("status", str(status), f"is not one of: {ANSWERED}, {NOT_ANSWERED}")
    sp_t = t.sub_point
    with uow() as session:
        connection = session.connection()
        rec_id, _ = _find(connection, cycle_id, number)
        points = connection.execute(
            select(sp_t.c.id, sp_t.c.text, sp_t.c.status)
            .where(sp_t.c.recommendation_id == rec_id)
            .order_by(sp_t.c.position, sp_t.c.id)
        ).all()
        if not 1 <= index <= len(points):
            has = f"it has {len(points)}" if points else "it has none"
            raise BadInput("INDEX", str(index), f"is not a sub-point of recommendation {number} ({has})")
        point_id, text, before = points[index - 1]
        if before != status:
            connection.execute(sp_t.update().where(sp_t.c.id == point_id).values(status=status))
            record_change(
                session, user, cycle_id, "recommendation", number, f"sub-point {index}", before, status
            )
        return text


def _find(connection: Connection, cycle_id: str, number: str, field: str = "CYCLE") -> tuple[int, str]:
    """The recommendation's id and its cycle's panel."""
    panel = _panel(connection, cycle_id, field)
    rec_t = t.recommendation
    rec_id = connection.scalar(
        select(rec_t.c.id).where(rec_t.c.cycle_id == cycle_id, rec_t.c.number == number)
    )
    if rec_id is None:
        raise NotFound("NUMBER", number, f"is not a recommendation of {cycle_id}")
    return rec_id, panel


def _panel(connection: Connection, cycle_id: str, field: str = "CYCLE") -> str:
    """The cycle's panel."""
    panel = connection.scalar(select(t.cycle.c.scrutiny_body_id).where(t.cycle.c.id == cycle_id))
    if panel is None:
        known = list(connection.scalars(select(t.cycle.c.id).order_by(t.cycle.c.id)))
        raise unknown_cycle(known, cycle_id, field)
    return panel


def cycle_days(connection: Connection, cycle_ids: list[str] | None = None) -> dict[str, dt.date]:
    """When each cycle's asks were made: its committee report's day, else its earliest recorded stage, else
    the day it was entered."""
    stage_t = t.stage
    query = select(stage_t.c.cycle_id, stage_t.c.key, stage_t.c.actual_date).where(
        stage_t.c.actual_date.isnot(None)
    )
    if cycle_ids is not None:
        query = query.where(stage_t.c.cycle_id.in_(cycle_ids))
    report: dict[str, dt.date] = {}
    earliest: dict[str, dt.date] = {}
    for cid, key, day in connection.execute(query).all():
        if key in REPORT_STAGES:
            report[cid] = min(day, report.get(cid, day))
        earliest[cid] = min(day, earliest.get(cid, day))
    created = select(t.cycle.c.id, t.cycle.c.created_at)
    if cycle_ids is not None:
        created = created.where(t.cycle.c.id.in_(cycle_ids))
    days = {}
    for cid, at in connection.execute(created).all():
        days[cid] = report.get(cid) or earliest.get(cid) or (at.date() if at else dt.date.max)
    return days


class _Register:
    """The recommendations of one panel, or of every panel, read in one query and indexed panel by panel
    (each text stemmed once), with what became of each."""

    def __init__(self, connection: Connection, panel: str | None = None) -> None:
        rec_t, cycle_t = t.recommendation, t.cycle
        self.connection = connection
        panels = select(cycle_t.c.id, cycle_t.c.scrutiny_body_id)
        query = select(
            rec_t.c.id, rec_t.c.cycle_id, rec_t.c.number, rec_t.c.text, rec_t.c.theme, rec_t.c.position
        )
        if panel is not None:
            panels = panels.where(cycle_t.c.scrutiny_body_id == panel)
            query = query.where(
                rec_t.c.cycle_id.in_(panels.with_only_columns(cycle_t.c.id).scalar_subquery())
            )
        self.panel_of: dict[str, str] = dict(connection.execute(panels).all())
        self.recs = connection.execute(query).all()  # rows: id, cycle_id, number, text, theme, position
        # each panel's recommendations (positions in self.recs) by cycle; sorted, in the order of the
        # register, only where a panel has more than one cycle of them
        self.cycles: dict[str, dict[str, list[int]]] = defaultdict(dict)
        by_cycle: dict[str, list[int]] = defaultdict(list)
        for i, row in enumerate(self.recs):
            by_cycle[row[1]].append(i)
        for cycle_id in sorted(by_cycle):
            self.cycles[self.panel_of[cycle_id]][cycle_id] = by_cycle[cycle_id]
        for cycles in self.cycles.values():
            if len(cycles) > 1:
                for rows in cycles.values():
                    rows.sort(key=lambda i: (self.recs[i][5], self.recs[i][0]))
        self.position = {row[0]: i for i, row in enumerate(self.recs)}
        # only a panel with more than one cycle of recommendations can have asked anything before
        dated = sorted(c for by_cycle in self.cycles.values() if len(by_cycle) > 1 for c in by_cycle)
        self.days: dict[str, dt.date] = {}
        for chunk in _chunks(dated):
            self.days.update(cycle_days(connection, chunk))
        self._indexes: dict[str, tuple[Index, list[int], dict[int, int]]] = {}

    def panel(self, i: int) -> str:
        return self.panel_of[self.recs[i][1]]

    def _index(self, panel: str) -> tuple[Index, list[int], dict[int, int]]:
        """The panel's index, the positions (in self.recs) of its texts in the index's order, and the reverse."""
        if panel not in self._indexes:
            members = [i for rows in self.cycles[panel].values() for i in rows]
            index = Index([self.recs[i].text for i in members], [self.recs[i].theme for i in members])
            self._indexes[panel] = (index, members, {g: k for k, g in enumerate(members)})
        return self._indexes[panel]

    def _earlier(self, panel: str) -> dict[str, list[int]]:
        """For each of the panel's cycles, the recommendations of the cycles made before, numbered as in the
        panel's index."""
        by_cycle = self.cycles[panel]
        order = sorted(by_cycle, key=lambda c: (self.days.get(c, dt.date.max), c))
        earlier: dict[str, list[int]] = {}
        before: list[int] = []
        _, _, local = self._index(panel)
        for cycle_id in order:
            earlier[cycle_id] = sorted(before)
            before.extend(local[i] for i in by_cycle[cycle_id])
        return earlier

    def related_all(self, min_score: float) -> dict[int, list[AskedBefore]]:
        """Every recommendation's: only those of a panel with more than one cycle of recommendations, or
        with a link the officer made, can have any."""
        link_t = t.recommendation_link
        linked = self.connection.scalars(select(link_t.c.recommendation_id).distinct())
        out: dict[int, list[AskedBefore]] = {row[0]: [] for row in self.recs}
        busy = {
            self.recs[i][0]
            for cycles in self.cycles.values()
            if len(cycles) > 1
            for rows in cycles.values()
            for i in rows
        }
        out.update(self.related(sorted(busy.union(r for r in linked if r in self.position)), min_score))
        return out

    def related(self, rec_ids: list[int], min_score: float) -> dict[int, list[AskedBefore]]:
        links = self._links(rec_ids)
        found: dict[int, list[tuple[int, float]]] = {}
        earlier_by_panel: dict[str, dict[str, list[int]]] = {}
        for rec_id in rec_ids:
            i = self.position[rec_id]
            said = links.get(rec_id, {})
            panel = self.panel(i)
            if len(self.cycles[panel]) < 2 and not said:
                found[rec_id] = []  # the panel's only cycle of recommendations: nothing was asked before
                continue
            if panel not in earlier_by_panel:
                earlier_by_panel[panel] = self._earlier(panel)
            earlier = earlier_by_panel[panel][self.recs[i][1]]
            scored: dict[int, float] = {}
            if earlier:
                index, members, local = self._index(panel)
                # most similar first; alike, in the register's order
                nearest = sorted(index.nearest(local[i], earlier), key=lambda p: (-p[1], p[0]))
                scored = {members[k]: s for k, s in nearest}
            chosen = [(j, scored.get(j, 0.0)) for j, state in said.items() if state == "confirmed"]
            chosen.sort(key=lambda pair: -pair[1])
            chosen += [(j, s) for j, s in scored.items() if s >= min_score and j not in said]
            found[rec_id] = chosen
        outcome = self._outcomes({self.recs[j].id for pairs in found.values() for j, _ in pairs})
        result = {}
        for rec_id, pairs in found.items():
            said = links.get(rec_id, {})
            result[rec_id] = [self._asked(j, score, said.get(j), outcome) for j, score in pairs]
        return result

    def _asked(self, j: int, score: float, link: str | None, outcome: dict) -> AskedBefore:
        rec_id, cycle_id, number, text, theme = self.recs[j][:5]
        disposition, reply_status, follow_ups = outcome[rec_id]
        return AskedBefore(
            rec_id, cycle_id, number, text, theme, score, disposition, reply_status, follow_ups, link
        )

    def _links(self, rec_ids: list[int]) -> dict[int, dict[int, str]]:
        """The officer's word, by recommendation id, then by the earlier one's position (same panel only)."""
        link_t = t.recommendation_link
        query = select(link_t.c.recommendation_id, link_t.c.earlier_id, link_t.c.state)
        if len(rec_ids) < 500:
            query = query.where(link_t.c.recommendation_id.in_(rec_ids))
        wanted = set(rec_ids)
        out: dict[int, dict[int, str]] = defaultdict(dict)
        for rec_id, earlier_id, state in self.connection.execute(query).all():
            j = self.position.get(earlier_id)
            if rec_id in wanted and j is not None and self.panel(j) == self.panel(self.position[rec_id]):
                out[rec_id][j] = state
        return out

    def _outcomes(self, rec_ids: set[int]) -> dict[int, tuple[str | None, str, tuple[FollowUpNote, ...]]]:
        """What became of each: the disposition of the first reply passage answering it, and its follow-ups
        (the asks made with it, the commitments in the passages answering it)."""
        if not rec_ids:
            return {}
        ids = sorted(rec_ids)
        link_t, reply_t, fu_t = t.reply_recommendation, t.reply, t.follow_up
        replies: dict[int, list[tuple[int, int, str | None]]] = defaultdict(list)
        for chunk in _chunks(ids):
            query = (
                select(
                    link_t.c.recommendation_id,
                    reply_t.c.id,
                    reply_t.c.position,
                    reply_t.c.disposition_override,
                    reply_t.c.suggested_disposition,
                )
                .join(reply_t, reply_t.c.id == link_t.c.reply_id)
                .where(link_t.c.recommendation_id.in_(chunk))
            )
            for rec_id, reply_id, position, override, suggested in self.connection.execute(query).all():
                replies[rec_id].append((position, reply_id, override or suggested))
        reply_ids = sorted({reply_id for rows in replies.values() for _, reply_id, _ in rows})
        notes: dict[tuple[str, int], list[FollowUpNote]] = defaultdict(list)
        for column, keys, kind in (
            (fu_t.c.recommendation_id, ids, "rec"),
            (fu_t.c.reply_id, reply_ids, "reply"),
        ):
            for chunk in _chunks(keys):
                query = select(column, fu_t.c.kind, fu_t.c.due_date, fu_t.c.text, fu_t.c.met_date, fu_t.c.id)
                for key, fkind, due, text, met, _ in self.connection.execute(
                    query.where(column.in_(chunk)).order_by(fu_t.c.id)
                ).all():
                    notes[(kind, key)].append(FollowUpNote(fkind, due, text, met))
        with_reply, reply_given = self._cycle_replies({self.recs[self.position[i]][1] for i in ids})
        out = {}
        for rec_id in ids:
            cycle_id = self.recs[self.position[rec_id]][1]
            answered = sorted(replies.get(rec_id, []))
            follow = list(notes.get(("rec", rec_id), []))
            for _, reply_id, _ in answered:
                follow += notes.get(("reply", reply_id), [])
            out[rec_id] = (
                answered[0][2] if answered else None,
                reply_status(bool(answered), cycle_id in with_reply, cycle_id in reply_given),
                tuple(follow),
            )
        return out

    def _cycle_replies(self, cycle_ids: set[str]) -> tuple[set[str], set[str]]:
        """Of these cycles, those with a reply passage recorded, and those whose reply is recorded as given
        (its stage dated): what the register's status of a recommendation without a reply depends on."""
        reply_t, stage_t = t.reply, t.stage
        with_reply: set[str] = set()
        given: set[str] = set()
        for chunk in _chunks(sorted(cycle_ids)):
            with_reply.update(
                self.connection.execute(
                    select(reply_t.c.cycle_id).where(reply_t.c.cycle_id.in_(chunk)).distinct()
                ).scalars()
            )
            given.update(
                self.connection.execute(
                    select(stage_t.c.cycle_id)
                    .where(stage_t.c.cycle_id.in_(chunk), stage_t.c.key.in_(Record.REPLY_STAGES))
                    .where((stage_t.c.actual_date.is_not(None)) | (stage_t.c.actual_precision == "after"))
                    .distinct()
                ).scalars()
            )
        return with_reply, given


def _chunks(ids: list[int], size: int = 900):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
