"""Correcting the register by hand: add, remove, renumber and merge recommendations; say which passage of the
reply answers which recommendations, or that one has no answer.

Each method is one transaction with its change-log rows, and refuses bad input before writing anything. What
the officer makes or changes is marked origin "officer"; what the officer removes from what was read is kept
in `set_aside`, so a later import of the same or a corrected document does not bring it back (see
`tracker.services.importing`). With `if_version`, a change is made only if the row is still at the version
the user was looking at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.domain import DISPOSITIONS
from tracker.domain.numbers import find_span, is_number, normalised, place_by_number
from tracker.errors import BadInput, Conflict, NotFound
from tracker.persistence import models as m
from tracker.persistence.database import UnitOfWork
from tracker.services import convert, dto
from tracker.services.history import record_change
from tracker.services.importing import REMOVED
from tracker.services.recommendations import check_recommendation, check_reply

OFFICER = "officer"


@dataclass(frozen=True)
class Removed:
    cycle_id: str
    number: str
    set_aside: bool  # it was read from a document: a later import leaves it out
    replies_unlinked: int
    follow_ups_removed: int


@dataclass(frozen=True)
class RemovalPlan:
    """What removing a recommendation would take with it, said before anything goes."""

    cycle_id: str
    number: str
    text: str
    replies: int  # reply passages that would no longer answer it
    follow_ups: int


@dataclass(frozen=True)
class Cleared:
    cycle_id: str
    number: str
    passages: int  # the passages that answered it, now not


class CorrectionService:
    def __init__(self, uow: UnitOfWork, user: str) -> None:
        self.uow = uow
        self.user = user

    # ---- recommendations ----------------------------------------------------------------------------
    def add_recommendation(
        self,
        cycle_id: str,
        number: str,
        text: str,
        subpoints: Sequence[str] = (),
        addressee: str = "",
    ) -> dto.RecommendationRow:
        """A recommendation the reader missed. It goes in number order among the others; if its words stand
        in the committee's report as imported, that is recorded as where it came from."""
        number = _number("NUMBER", number)
        text = _text("--text", text)
        points = [_text("--subpoint", s) for s in subpoints]
        with self.uow() as session:
            cycle = _cycle(session, cycle_id)
            _unused(cycle, number)
            row = m.Recommendation(
                number=number,
                position=len(cycle.recommendations),
                label="",
                text=text,
                addressee=addressee.strip(),
                origin=OFFICER,
                subpoints=[m.SubPoint(position=i, label="", text=t) for i, t in enumerate(points)],
            )
            report = _latest(cycle, "committee report")
            span = find_span(report.text, text) if report is not None else None
            if span is not None:
                row.document_id, (row.span_start, row.span_end) = report.id, span
            cycle.recommendations.append(row)
            _reorder(cycle, row)
            self._log(session, cycle_id, "recommendation", number, "added by hand", None, text[:200])
            return _row(session, cycle, number)

    def removal_plan(self, cycle_id: str, number: str) -> RemovalPlan:
        """The recommendation that `remove_recommendation` would remove, with what goes with it."""
        with self.uow() as session:
            cycle = _cycle(session, cycle_id)
            rec = _recommendation(session, cycle, number, None)
            follow_ups = sum(1 for f in cycle.follow_ups if f.recommendation_id == rec.id)
            return RemovalPlan(cycle.id, rec.number, rec.text, len(rec.replies), follow_ups)

    def remove_recommendation(self, cycle_id: str, number: str, if_version: int | None = None) -> Removed:
        """Remove a recommendation with its reply links and follow-ups. One read from a document is set aside,
        so importing that document again does not bring it back."""
        with self.uow() as session:
            cycle = _cycle(session, cycle_id)
            rec = _recommendation(session, cycle, number, if_version)
            aside = rec.document_id is not None or rec.origin != OFFICER
            if aside:
                self._set_aside(session, cycle_id, "recommendation", rec.number, rec.text)
            unlinked = len(rec.replies)
            for reply in list(rec.replies):
                self._unlink(session, cycle, reply, rec)
            follow_ups = [f for f in cycle.follow_ups if f.recommendation_id == rec.id]
            for follow_up in follow_ups:
                cycle.follow_ups.remove(follow_up)
            cycle.recommendations.remove(rec)
            self._log(session, cycle_id, "recommendation", number, "removed", rec.text[:200], None)
            session.flush()
            _reorder(cycle)
            return Removed(cycle_id, number, aside, unlinked, len(follow_ups))

    def renumber(
        self, cycle_id: str, number: str, new_number: str, if_version: int | None = None
    ) -> dto.RecommendationRow:
        new_number = _number("NEW_NUMBER", new_number)
        with self.uow() as session:
            cycle = _cycle(session, cycle_id)
            rec = _recommendation(session, cycle, number, if_version)
            if new_number == rec.number:
                raise BadInput("NEW_NUMBER", new_number, f"is already the number of recommendation {number}")
            _unused(cycle, new_number, "NEW_NUMBER")
            rec.number, rec.origin = new_number, OFFICER
            _reorder(cycle, rec)
            self._log(session, cycle_id, "recommendation", new_number, "number", number, new_number)
            return _row(session, cycle, new_number)

    def merge(
        self, cycle_id: str, number: str, other: str, if_version: int | None = None
    ) -> dto.RecommendationRow:
        """Two items the reader split that are one recommendation: OTHER's text and sub-points join NUMBER,
        its reply links and follow-ups move to NUMBER, and OTHER goes (set aside, if it was read)."""
        if number.strip() == other.strip():
            raise BadInput("OTHER", other, "is the recommendation itself: merge two different numbers")
        with self.uow() as session:
            cycle = _cycle(session, cycle_id)
            rec = _recommendation(session, cycle, number, if_version)
            gone = _recommendation(session, cycle, other, None, field="OTHER")
            old_text = rec.text
            rec.text = f"{rec.text} {gone.text}"
            rec.subpoints.extend(
                m.SubPoint(position=len(rec.subpoints) + i, label=s.label, text=s.text)
                for i, s in enumerate(gone.subpoints)
            )
            # a place is widened only between two known places in one document: an unknown one is not the
            # start of the text
            known = None not in (rec.span_start, gone.span_start, rec.span_end, gone.span_end)
            if known and rec.document_id is not None and rec.document_id == gone.document_id:
                rec.span_start = min(rec.span_start, gone.span_start)
                rec.span_end = max(rec.span_end, gone.span_end)
            rec.origin = OFFICER
            for reply in list(gone.replies):
                if rec not in reply.recommendations:
                    reply.recommendations.append(rec)
            for follow_up in cycle.follow_ups:
                if follow_up.recommendation_id == gone.id:
                    follow_up.recommendation = rec
            if gone.document_id is not None or gone.origin != OFFICER:
                self._set_aside(session, cycle_id, "recommendation", gone.number, gone.text)
            session.flush()
            cycle.recommendations.remove(gone)
            self._log(session, cycle_id, "recommendation", number, "text", old_text, rec.text)
            self._log(session, cycle_id, "recommendation", other, "merged into", other, number)
            session.flush()
            _reorder(cycle)
            return _row(session, cycle, number)

    # ---- replies ------------------------------------------------------------------------------------
    def set_reply(
        self,
        cycle_id: str,
        numbers: str | Sequence[str],
        text: str,
        disposition: str | None = None,
        if_version: int | None = None,
    ) -> dto.ReplyRow:
        """The passage of the reply that answers `numbers` (several: one grouped answer). It replaces what
        answered them before; it needs no imported reply (a reply received on paper)."""
        wanted = _numbers(numbers)
        text = _text("--text", text)
        if disposition is not None and disposition not in DISPOSITIONS:
            raise BadInput("--disposition", disposition, f"is not one of: {', '.join(DISPOSITIONS)}")
        from tracker.importing.audit import suggest_disposition

        suggested, evidence = suggest_disposition(text)
        with self.uow() as session:
            _hold_answers_of(session, cycle_id, wanted)
            cycle = _cycle(session, cycle_id)
            recs = [_recommendation(session, cycle, n, None, field="NUMBERS") for n in wanted]
            _check_reply_version(session, cycle_id, recs[0], if_version)
            version = _next_answer_version(session, cycle_id, recs)
            for rec in recs:
                for reply in list(rec.replies):
                    self._unlink(session, cycle, reply, rec)
            letter = _latest(cycle, "reply")
            span = find_span(letter.text, text) if letter is not None else None
            row = m.Reply(
                date=letter.date if letter is not None else None,
                position=max((r.position for r in cycle.replies), default=-1) + 1,
                text=text,
                suggested_disposition=suggested,
                disposition_override=disposition,
                evidence=evidence,
                claimed_numbers=[r.number for r in recs],
                origin=OFFICER,
            )
            if span is not None:
                row.document, (row.span_start, row.span_end) = letter, span
            cycle.replies.append(row)
            with session.no_autoflush:
                row.recommendations = sorted(recs, key=lambda r: r.position)
            session.flush()
            row.version = version  # the insert starts at 1; the answer it replaces had a version already
            session.flush()
            self._log(session, cycle_id, "reply", str(row.id), "answers", None, ", ".join(wanted))
            for rec in recs:
                self._log(session, cycle_id, "recommendation", rec.number, "answer", None, text[:200])
            session.flush()
            return convert.reply_row(row)

    def clear_reply(self, cycle_id: str, number: str, if_version: int | None = None) -> Cleared:
        """The reply has no answer to this recommendation: what was tied to it is untied, and a passage read
        from the reply is set aside for it, so importing the reply again does not tie it back."""
        with self.uow() as session:
            _hold_answers_of(session, cycle_id, [number.strip()])
            cycle = _cycle(session, cycle_id)
            rec = _recommendation(session, cycle, number, None)
            if not rec.replies:
                raise BadInput("NUMBER", number, f"has no answer recorded in {cycle_id}: nothing to clear")
            _check_reply_version(session, cycle_id, rec, if_version)
            passages = list(rec.replies)
            for reply in passages:
                if reply.document_id is not None:
                    self._set_aside(session, cycle_id, "reply", rec.number, reply.text)
                self._unlink(session, cycle, reply, rec)
            self._log(
                session,
                cycle_id,
                "recommendation",
                rec.number,
                "answer",
                passages[0].text[:200],
                None,
            )
            return Cleared(cycle_id, rec.number, len(passages))

    # ---- helpers ------------------------------------------------------------------------------------
    def _log(self, session: Session, cycle_id: str, *change: str | None) -> None:
        """One change-log row by this user: entity, its id, field, old value, new value."""
        entity, entity_id, field, old, new = change
        record_change(session, self.user, cycle_id, entity or "", entity_id or "", field or "", old, new)

    def _unlink(self, session: Session, cycle: m.Cycle, reply: m.Reply, rec: m.Recommendation) -> None:
        """The passage no longer answers `rec`; a passage left answering nothing goes, with its follow-ups."""
        reply.recommendations.remove(rec)
        for follow_up in cycle.follow_ups:
            if follow_up.reply_id == reply.id and follow_up.recommendation_id == rec.id:
                follow_up.recommendation = reply.recommendations[0] if reply.recommendations else None
        if not reply.recommendations:
            for follow_up in [f for f in cycle.follow_ups if f.reply_id == reply.id]:
                cycle.follow_ups.remove(follow_up)
            cycle.replies.remove(reply)
        self._log(session, cycle.id, "reply", str(reply.id), "no longer answers", rec.number, None)
        session.flush()

    def _set_aside(self, session: Session, cycle_id: str, kind: str, number: str, text: str) -> None:
        already = session.scalars(
            select(m.SetAside).where(
                m.SetAside.cycle_id == cycle_id, m.SetAside.kind == kind, m.SetAside.number == number
            )
        )
        if any(normalised(a.text) == normalised(text) for a in already):
            return
        session.add(
            m.SetAside(
                cycle_id=cycle_id,
                kind=kind,
                number=number,
                text=text,
                reason=REMOVED,
                made_by=self.user,
                made_at=m.utcnow(),
            )  # fmt: skip
        )


def _hold_answers_of(session: Session, cycle_id: str, numbers: Sequence[str]) -> None:
    """Lock the recommendations whose answer is about to change, before anything is read: on a server two
    officers recording a first answer at once would otherwise both see none and both save one (the second
    now waits, then sees the first's answer). Taken in id order, so two writers never deadlock; as FOR NO KEY
    UPDATE, so rows that only refer to a recommendation (its links, its follow-ups) can still be written
    elsewhere. SQLite already lets one writer in at a time."""
    session.execute(
        select(m.Recommendation.id)
        .where(m.Recommendation.cycle_id == cycle_id, m.Recommendation.number.in_(list(numbers)))
        .order_by(m.Recommendation.id)
        .with_for_update(key_share=True)
    )


def _cycle(session: Session, cycle_id: str) -> m.Cycle:
    from tracker.services.cycles import editing_load, find_cycle

    return find_cycle(session, cycle_id, editing_load(), field="CYCLE")


def _recommendation(
    session: Session, cycle: m.Cycle, number: str, if_version: int | None, field: str = "NUMBER"
) -> m.Recommendation:
    rec = next((r for r in cycle.recommendations if r.number == number.strip()), None)
    if rec is None:
        raise NotFound(field, number, f"is not a recommendation of {cycle.id}")
    check_recommendation(session, cycle.id, rec, if_version)
    return rec


def _check_reply_version(
    session: Session, cycle_id: str, rec: m.Recommendation, if_version: int | None
) -> None:
    """--if-version of `reply set` and `reply clear`: the version of the passage answering the first number."""
    if if_version is None:
        return
    current = sorted(rec.replies, key=lambda r: r.position)
    if if_version == NO_ANSWER_YET:
        if current:  # the officer saw no answer; a colleague has recorded one since
            raise Conflict(
                f"--if-version 0: recommendation {rec.number} of {cycle_id} has an answer now, recorded since "
                "you looked; nothing was saved. Look at it again"
            )
        return
    if not current:
        raise Conflict(
            f"--if-version: no reply passage answers recommendation {rec.number} of {cycle_id} now; "
            "nothing was saved"
        )
    check_reply(session, current[0], if_version)


# `--if-version 0` for a recommendation the officer saw with no answer: refused if one was recorded since
NO_ANSWER_YET = 0


def _next_answer_version(session: Session, cycle_id: str, recs: Sequence[m.Recommendation]) -> int:
    """The version a new answer to `recs` starts at: past every passage it replaces, and past every change
    the store has logged. A version someone read earlier (of a passage since cleared, changed or replaced)
    was reached by changes that were logged, so it is below that mark, and an --if-version read before the
    change is stale after it, however the answer got here."""
    replaced = max((r.version for rec in recs for r in rec.replies), default=0)
    logged = session.scalar(select(func.max(m.ChangeLog.id))) or 0
    return max(replaced, logged) + 1


def _latest(cycle: m.Cycle, kind: str) -> m.Document | None:
    documents = [d for d in cycle.documents if d.kind == kind]
    return max(documents, key=lambda d: d.id) if documents else None


def _reorder(cycle: m.Cycle, moved: m.Recommendation | None = None) -> None:
    """Positions 0, 1, 2… in the register's order, with `moved` put in number order among the others."""
    rows = sorted((r for r in cycle.recommendations if r is not moved), key=lambda r: r.position)
    if moved is not None:
        place_by_number(rows, moved, lambda r: r.number)
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position


def _row(session: Session, cycle: m.Cycle, number: str) -> dto.RecommendationRow:
    session.flush()
    return next(r for r in convert.recommendation_rows(cycle) if r.number == number)


def _number(field: str, number: str) -> str:
    cleaned = number.strip()
    if not is_number(cleaned):
        raise BadInput(field, number, "is not a recommendation number (such as 3, 12, 2a or R4)")
    return cleaned


def _numbers(numbers: str | Sequence[str]) -> list[str]:
    given = numbers if isinstance(numbers, str) else ",".join(numbers)
    parts = [p.strip() for p in given.split(",")]
    if not all(parts) or not all(is_number(p) for p in parts):
        raise BadInput(
            "NUMBERS", given, "must be recommendation numbers separated by commas, such as 3 or 3,4"
        )
    if len(set(parts)) != len(parts):
        raise BadInput("NUMBERS", given, "names a recommendation twice")
    return parts


def _text(field: str, text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise BadInput(field, text, "is empty")
    return cleaned


def _unused(cycle: m.Cycle, number: str, field: str = "NUMBER") -> None:
    if any(r.number == number for r in cycle.recommendations):
        raise BadInput(field, number, f"is already a recommendation of {cycle.id}")
