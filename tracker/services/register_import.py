"""Import a spreadsheet register (read by `tracker.importing.register`) into a cycle, in one transaction.

Each recommendation row adds or updates the recommendation's text, addressee and sub-points. A row that
records a reply (a disposition, evidence, a reply date, "grouped with") makes or updates one reply passage;
recommendations grouped together share one passage, as a grouped reply covers several. The disposition is
kept as the secretariat's override (`disposition_override`), beside no suggestion.

Nothing is ever deleted: replies from imported letters stay, and a passage whose numbers match the sheet's
is updated rather than duplicated, so importing the same sheet again changes nothing. Every change goes
into the change log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from tracker.domain.formatting import uk_date
from tracker.importing.register import RegisterRow, RegisterSheet
from tracker.persistence import models as m
from tracker.persistence.database import UnitOfWork
from tracker.services.history import record_change

SOURCE = "register"


@dataclass(frozen=True)
class RegisterImportResult:
    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: int
    skipped: tuple[tuple[int, str], ...]

    @property
    def imported(self) -> int:
        return len(self.added) + len(self.updated) + self.unchanged


@dataclass(frozen=True)
class _Passage:
    numbers: tuple[str, ...]
    rows: tuple[RegisterRow, ...]

    def first(self, name: str):
        return next((getattr(r, name) for r in self.rows if getattr(r, name)), None)


class RegisterImportService:
    def __init__(self, uow: UnitOfWork, user: str) -> None:
        self.uow = uow
        self.user = user

    def import_register(self, cycle_id: str, sheet: RegisterSheet) -> RegisterImportResult:
        with self.uow() as session:
            cycle = self._cycle(session, cycle_id)
            skipped = list(sheet.skipped)
            by_number = {r.number: r for r in cycle.recommendations}
            added: list[str] = []
            touched: set[str] = set()
            next_position = max((r.position for r in cycle.recommendations), default=-1) + 1
            rows = sheet.recommendations

            for row in rows:
                rec = by_number.get(row.number)
                subpoints = sheet.subpoints(row.number)
                if rec is None:
                    rec = m.Recommendation(
                        number=row.number,
                        position=next_position,
                        label=f"Recommendation {row.number}",
                        text=row.text,
                        addressee=row.addressee or "",
                    )
                    next_position += 1
                    cycle.recommendations.append(rec)
                    rec.subpoints = [
                        m.SubPoint(position=i, label="", text=t) for i, t in enumerate(subpoints)
                    ]
                    by_number[row.number] = rec
                    added.append(row.number)
                    self._log(session, cycle_id, row.number, "created", None, row.text[:200])
                elif self._update(session, cycle_id, rec, row, subpoints, sheet.has_subpoints):
                    touched.add(row.number)
            session.flush()

            for row in rows:
                if row.follow_up and self._follow_up(cycle, by_number[row.number], row):
                    self._log(
                        session,
                        cycle_id,
                        row.number,
                        "follow-up",
                        None,
                        row.follow_up + (f" (due {uk_date(row.follow_up_due)})" if row.follow_up_due else ""),
                    )
                    touched.add(row.number)

            next_reply = max((r.position for r in cycle.replies), default=-1) + 1
            claimed: set[int] = set()
            for passage in _passages(rows):
                unknown = [n for n in passage.numbers if n not in by_number]
                for number in unknown:
                    line = next(
                        (r.line for r in passage.rows if number in r.grouped_with), passage.rows[0].line
                    )
                    skipped.append(
                        (line, f"grouped with {number}, which neither the sheet nor the cycle has; left out")
                    )
                linked = sorted((by_number[n] for n in passage.numbers if n in by_number), key=_order)
                if not linked:
                    continue
                reply = self._matching_reply(cycle, linked, claimed)
                if reply is None:
                    reply = m.Reply(
                        date=passage.first("reply_date"),
                        position=next_reply,
                        text=passage.first("reply_text") or "",
                        suggested_disposition=None,
                        disposition_override=passage.first("disposition"),
                        evidence=passage.first("evidence") or "",
                        claimed_numbers=[r.number for r in linked],
                    )
                    next_reply += 1
                    cycle.replies.append(reply)
                    with session.no_autoflush:
                        reply.recommendations = linked
                    session.flush()
                    claimed.add(reply.id)
                    record_change(
                        session,
                        self.user,
                        cycle_id,
                        "reply",
                        str(reply.id),
                        "created",
                        None,
                        f"answers {', '.join(r.number for r in linked)} (from the register "
                        f"{sheet.file_name}): {reply.disposition or 'no disposition'}",
                    )
                    touched.update(r.number for r in linked)
                else:
                    claimed.add(reply.id)
                    if self._update_reply(session, cycle_id, reply, linked, passage):
                        touched.update(r.number for r in linked)

            sheet_numbers = [r.number for r in rows]
            new = set(added)
            updated = tuple(n for n in sheet_numbers if n in touched and n not in new)
            unchanged = sum(1 for n in sheet_numbers if n not in touched and n not in new)
            return RegisterImportResult(
                added=tuple(added),
                updated=updated,
                unchanged=unchanged,
                skipped=tuple(sorted(skipped, key=lambda item: item[0])),
            )

    # ---- helpers ------------------------------------------------------------------------------------
    def _log(
        self, session: Session, cycle_id: str, number: str, field: str, old: str | None, new: str | None
    ) -> None:
        record_change(session, self.user, cycle_id, "recommendation", number, field, old, new)

    def _update(
        self,
        session: Session,
        cycle_id: str,
        rec: m.Recommendation,
        row: RegisterRow,
        subpoints: list[str],
        sheet_has_subpoints: bool,
    ) -> bool:
        changed = False
        if rec.text != row.text:
            self._log(session, cycle_id, rec.number, "text", rec.text, row.text)
            rec.text = row.text
            changed = True
        if row.addressee and rec.addressee != row.addressee:
            self._log(session, cycle_id, rec.number, "addressee", rec.addressee, row.addressee)
            rec.addressee = row.addressee
            changed = True
        # a sheet with no sub-point rows at all says nothing of sub-points: the stored ones stay
        old = [s.text for s in rec.subpoints]
        if sheet_has_subpoints and old != subpoints:
            self._log(session, cycle_id, rec.number, "sub-points", "; ".join(old), "; ".join(subpoints))
            rec.subpoints = [m.SubPoint(position=i, label="", text=t) for i, t in enumerate(subpoints)]
            changed = True
        return changed

    @staticmethod
    def _follow_up(cycle: m.Cycle, rec: m.Recommendation, row: RegisterRow) -> bool:
        """Add the row's follow-up unless the recommendation has one with the same text; a new due date
        fills one that had none. True when something changed."""
        same = next(
            (f for f in cycle.follow_ups if f.recommendation_id == rec.id and f.text == row.follow_up), None
        )
        if same is None:
            cycle.follow_ups.append(
                m.FollowUp(kind="ask", recommendation=rec, due_date=row.follow_up_due, text=row.follow_up)
            )
            return True
        if row.follow_up_due is not None and same.due_date != row.follow_up_due:
            same.due_date = row.follow_up_due
            return True
        return False

    @staticmethod
    def _matching_reply(cycle: m.Cycle, linked: list[m.Recommendation], claimed: set[int]) -> m.Reply | None:
        """The passage answering exactly these recommendations; else one an earlier register import made
        for some of them (its grouping is then corrected). Replies from letters are never regrouped."""
        wanted = {r.id for r in linked}
        replies = sorted(cycle.replies, key=lambda r: (r.position, r.id or 0))
        exact = next(
            (r for r in replies if r.id not in claimed and {x.id for x in r.recommendations} == wanted), None
        )
        if exact is not None:
            return exact
        return next(
            (
                r
                for r in replies
                if r.id not in claimed
                and r.document_id is None
                and r.suggested_disposition is None
                and wanted & {x.id for x in r.recommendations}
            ),
            None,
        )

    def _update_reply(
        self,
        session: Session,
        cycle_id: str,
        reply: m.Reply,
        linked: list[m.Recommendation],
        passage: _Passage,
    ) -> bool:
        changes: list[tuple[str, str | None, str | None]] = []
        old_numbers = ", ".join(r.number for r in reply.recommendations)
        new_numbers = ", ".join(r.number for r in linked)
        if {r.id for r in reply.recommendations} != {r.id for r in linked}:
            changes.append(("answers", old_numbers, new_numbers))
            with session.no_autoflush:
                reply.recommendations = linked
            reply.claimed_numbers = [r.number for r in linked]
        disposition = passage.first("disposition")
        if disposition and reply.disposition != disposition:
            changes.append(("disposition", reply.disposition, disposition))
            reply.disposition_override = disposition
        evidence = passage.first("evidence")
        if evidence and reply.evidence != evidence:
            changes.append(("evidence", reply.evidence, evidence))
            reply.evidence = evidence
        day = passage.first("reply_date")
        if day and reply.date != day:
            changes.append(("date", uk_date(reply.date) if reply.date else None, uk_date(day)))
            reply.date = day
        text = passage.first("reply_text")
        if text and reply.text != text:
            changes.append(("text", reply.text, text))
            reply.text = text
        for field, old, new in changes:
            record_change(session, self.user, cycle_id, "reply", str(reply.id), field, old, new)
        return bool(changes)

    @staticmethod
    def _cycle(session: Session, cycle_id: str) -> m.Cycle:
        from tracker.services.cycles import editing_load, find_cycle

        return find_cycle(session, cycle_id, editing_load())


def _order(rec: m.Recommendation) -> tuple[int, str]:
    return (rec.position, rec.number)


def _passages(rows: Sequence[RegisterRow]) -> list[_Passage]:
    """The reply passages the sheet records, in the sheet's order.

    "Grouped with" says which recommendations a reply answered together: every row's number and the ones it
    is grouped with form a group. The passages are the largest sets of numbers all grouped with one
    another, so a sheet that lists the group on one row only, or on every row, gives one passage, and a
    recommendation answered in two passages keeps both."""
    order = {row.number: i for i, row in enumerate(rows)}
    by_number = {row.number: row for row in rows}
    near: dict[str, set[str]] = {}
    for row in rows:
        if not row.has_reply:
            continue
        group = [row.number, *row.grouped_with]
        for a in group:
            near.setdefault(a, set()).update(b for b in group if b != a)
            order.setdefault(a, len(order))

    cliques: list[frozenset[str]] = []

    def expand(r: set[str], p: set[str], x: set[str]) -> None:  # Bron-Kerbosch with a pivot
        if not p and not x:
            cliques.append(frozenset(r))
            return
        pivot = max(p | x, key=lambda n: len(near[n] & p))
        for n in sorted(p - near[pivot], key=order.__getitem__):
            expand(r | {n}, p & near[n], x & near[n])
            p = p - {n}
            x = x | {n}

    if near:
        expand(set(), set(near), set())
    passages = []
    for clique in cliques:
        numbers = tuple(sorted(clique, key=order.__getitem__))
        members = tuple(by_number[n] for n in numbers if n in by_number)
        if members:
            passages.append(_Passage(numbers, members))
    passages.sort(key=lambda p: order[p.numbers[0]])
    return passages
