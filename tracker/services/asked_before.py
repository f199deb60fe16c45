"""Asked before: the earlier recommendations of the same panel (any cycle, any process) that ask for the same
thing, with what became of each (its disposition and follow-ups), and the officer's word on each link.

Read with plain Core selects: one panel's recommendations (or every panel's, in the same one query), each
panel's texts indexed once; the similarity itself is in `tracker.domain.similarity`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

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


class AskedBefore(NamedTuple):
    """An earlier recommendation that asks for the same thing, and what became of it. A named tuple rather
    than a frozen dataclass: as immutable, and the register makes tens of thousands of them at a time."""

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
        # the register's recommendations, for statements about most of them: a panel's, or every one
        self.scope = None if panel is None else query.with_only_columns(rec_t.c.id).scalar_subquery()
        self.scope_cycles = (
            None if panel is None else panels.with_only_columns(cycle_t.c.id).scalar_subquery()
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
        recs = self.recs
        for cycles in self.cycles.values():
            if len(cycles) > 1:
                for rows in cycles.values():
                    rows.sort(key=lambda i: (recs[i][5], recs[i][0]))
        self.position = {row[0]: i for i, row in enumerate(self.recs)}
        # only a panel with more than one cycle of recommendations can have asked anything before
        dated = sorted(c for by_cycle in self.cycles.values() if len(by_cycle) > 1 for c in by_cycle)
        self.days: dict[str, dt.date] = {}
        for chunk in _chunks(dated):
            self.days.update(cycle_days(connection, chunk))
        self._indexes: dict[str, tuple[Index, list[int], dict[int, int]]] = {}
        self._places: dict[str, dict[str, int]] = {}

    def panel(self, i: int) -> str:
        return self.panel_of[self.recs[i][1]]

    def _index(self, panel: str) -> tuple[Index, list[int], dict[int, int]]:
        """The panel's index, the positions (in self.recs) of its texts in the index's order, and the reverse."""
        if panel not in self._indexes:
            members = [i for rows in self.cycles[panel].values() for i in rows]
            index = Index([self.recs[i][3] for i in members], [self.recs[i][4] for i in members])
            self._indexes[panel] = (index, members, {g: k for k, g in enumerate(members)})
        return self._indexes[panel]

    def _made(self, panel: str) -> dict[str, int]:
        """The places of the panel's cycles in the order they were made (by the day of their asks)."""
        if panel not in self._places:
            by_cycle = self.cycles[panel]
            order = sorted(by_cycle, key=lambda c: (self.days.get(c, dt.date.max), c))
            self._places[panel] = {cycle_id: n for n, cycle_id in enumerate(order)}
        return self._places[panel]

    def _alike(self, panel: str, rows: list[int], min_score: float) -> dict[int, list[tuple[int, float]]]:
        """For each of these of the panel's recommendations (positions in self.recs), the recommendations of
        the cycles made before its own that score `min_score` or more, most similar first."""
        index, members, local = self._index(panel)
        made = self._made(panel)
        groups = [[local[i] for i in self.cycles[panel][c]] for c in sorted(made, key=made.__getitem__)]
        return index.earlier_alike(groups, min_score, {local[i] for i in rows}, members)

    def _score(self, i: int, j: int) -> float:
        """The score of j (of the same panel) for i: 0.0 unless j's cycle was made before i's."""
        panel = self.panel(i)
        made = self._made(panel)
        if made[self.recs[j][1]] >= made[self.recs[i][1]]:
            return 0.0
        index, _, local = self._index(panel)
        return index.score(local[i], local[j])

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
        # by panel, those that can have asked anything before: a panel's only cycle of recommendations cannot
        wanted: dict[str, list[int]] = defaultdict(list)
        for rec_id in rec_ids:
            i = self.position[rec_id]
            if len(self.cycles[self.panel(i)]) > 1:
                wanted[self.panel(i)].append(i)
        alike: dict[int, list[tuple[int, float]]] = {}
        for panel, rows in wanted.items():
            alike.update(self._alike(panel, rows, min_score))
        found: dict[int, list[tuple[int, float]]] = {}
        for rec_id in rec_ids:
            i = self.position[rec_id]
            said = links.get(rec_id)
            if not said:
                found[rec_id] = alike.pop(i, [])
                continue
            # the officer's confirmed ones first, most similar first; the app's suggestions after
            chosen = [(j, self._score(i, j)) for j, state in said.items() if state == "confirmed"]
            chosen.sort(key=lambda pair: -pair[1])
            chosen += [(j, s) for j, s in alike.pop(i, []) if j not in said]
            found[rec_id] = chosen
        rows = {j for pairs in found.values() for j, _ in pairs}
        outcome = self._outcomes({self.recs[j][0] for j in rows})
        # each earlier recommendation's own fields, and what became of it: the same in every match
        own = {j: tuple(self.recs[j][:5]) for j in rows}
        new = tuple.__new__  # as AskedBefore(...) makes it, without naming each field
        result = {}
        for rec_id in list(found):
            pairs = found.pop(rec_id)  # let go of each as its matches are made: fewer objects alive at once
            said = links.get(rec_id, {})
            result[rec_id] = [
                new(AskedBefore, (*own[j], score, *outcome[own[j][0]], said.get(j))) for j, score in pairs
            ]
        return result

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
        # most of the register's recommendations (every earlier one, for every recommendation): the
        # statements select the register's own (one panel's, or all) rather than list thousands of ids
        whole = len(ids) * 4 > len(self.recs)
        replies: dict[int, list[tuple[int, int, str | None]]] = defaultdict(list)
        query = select(
            link_t.c.recommendation_id,
            reply_t.c.id,
            reply_t.c.position,
            reply_t.c.disposition_override,
            reply_t.c.suggested_disposition,
        ).join(reply_t, reply_t.c.id == link_t.c.reply_id)
        for where in self._among(link_t.c.recommendation_id, ids, whole, self.scope):
            for rec_id, reply_id, position, override, suggested in self._rows(query, where):
                if rec_id in rec_ids:
                    replies[rec_id].append((position, reply_id, override or suggested))
        reply_ids = {reply_id for rows in replies.values() for _, reply_id, _ in rows}
        scope_replies = None
        if self.scope is not None:
            scope_replies = select(link_t.c.reply_id).where(link_t.c.recommendation_id.in_(self.scope))
        notes: dict[str, dict[int, list[FollowUpNote]]] = {
            "rec": defaultdict(list),
            "reply": defaultdict(list),
        }
        for column, keys, kind, scope in (
            (fu_t.c.recommendation_id, rec_ids, "rec", self.scope),
            (fu_t.c.reply_id, reply_ids, "reply", scope_replies),
        ):
            query = select(column, fu_t.c.kind, fu_t.c.due_date, fu_t.c.text, fu_t.c.met_date).order_by(
                fu_t.c.id
            )
            for where in self._among(column, sorted(keys), whole, scope):
                for key, fkind, due, text, met in self._rows(query, where):
                    if key in keys:
                        notes[kind][key].append(FollowUpNote(fkind, due, text, met))
        cycle_of = {rec_id: self.recs[self.position[rec_id]][1] for rec_id in ids}
        with_reply, reply_given = self._cycle_replies(set(cycle_of.values()), whole)
        # what the register says of a recommendation of each cycle that no reply passage answers
        unanswered = {
            c: reply_status(False, c in with_reply, c in reply_given) for c in set(cycle_of.values())
        }
        asked, committed = notes["rec"], notes["reply"]
        out = {}
        for rec_id in ids:
            answered = replies.get(rec_id)
            if not answered:
                out[rec_id] = (None, unanswered[cycle_of[rec_id]], tuple(asked.get(rec_id, ())))
                continue
            answered.sort()
            follow = asked.get(rec_id, []) + [
                n for _, reply_id, _ in answered for n in committed.get(reply_id, ())
            ]
            cycle_id = cycle_of[rec_id]
            status = reply_status(True, cycle_id in with_reply, cycle_id in reply_given)
            out[rec_id] = (answered[0][2], status, tuple(follow))
        return out

    def _among(self, column, keys: list, whole: bool, scope) -> list:
        """The conditions that select the rows for these keys of `column`: the register's whole scope at
        once (`scope`: None for the whole store, where the column need only be set), else in chunks."""
        if whole:
            return [column.isnot(None) if scope is None else column.in_(scope)]
        return [column.in_(chunk) for chunk in _chunks(keys)]

    def _rows(self, query, where) -> list:
        return self.connection.execute(query.where(where)).all()

    def _cycle_replies(self, cycle_ids: set[str], whole: bool = False) -> tuple[set[str], set[str]]:
        """Of these cycles, those with a reply passage recorded, and those whose reply is recorded as given
        (its stage dated): what the register's status of a recommendation without a reply depends on."""
        reply_t, stage_t = t.reply, t.stage
        with_reply: set[str] = set()
        given: set[str] = set()
        replied = select(reply_t.c.cycle_id).distinct()
        dated = (
            select(stage_t.c.cycle_id)
            .where(stage_t.c.key.in_(Record.REPLY_STAGES))
            .where((stage_t.c.actual_date.is_not(None)) | (stage_t.c.actual_precision == "after"))
            .distinct()
        )
        for where in self._among(reply_t.c.cycle_id, sorted(cycle_ids), whole, self.scope_cycles):
            with_reply.update(self.connection.execute(replied.where(where)).scalars())
        for where in self._among(stage_t.c.cycle_id, sorted(cycle_ids), whole, self.scope_cycles):
            given.update(self.connection.execute(dated.where(where)).scalars())
        return with_reply, given


def _chunks(ids: list[int], size: int = 900):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
