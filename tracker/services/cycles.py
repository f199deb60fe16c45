"""Cycle service: list cycles, show one, compute deadlines, and record or move stage dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select, update

from tracker.domain import EventDate, Precision, Status
from tracker.domain.formatting import describe_counts, describe_document, in_sentence, uk_date
from tracker.errors import BadInput, NotFound
from tracker.persistence import models as m
from tracker.persistence import tables
from tracker.persistence.database import UnitOfWork, fetch_together
from tracker.rules.calendar import ClearDaysRule
from tracker.rules.engine import DEFAULT_DUE_SOON_DAYS
from tracker.rules.templates import STATUTORY_PERIODS, Template, get_template
from tracker.services import convert, dto, snapshot
from tracker.services.history import record_change
from tracker.services.snapshot import cycle_ids, require_cycle, unknown_cycle
from tracker.services.versions import check_version
from tracker.services.votes import tally

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


# Loader options are built on first use: building them configures every mapper, which a start-up that only
# reads through plain selects (the dashboard, `tracker deadlines`) never needs to pay for.
@cache
def cycle_load() -> tuple:
    from sqlalchemy.orm import selectinload

    return (
        selectinload(m.Cycle.policing_body),
        selectinload(m.Cycle.scrutiny_body),
        selectinload(m.Cycle.stages).selectinload(m.Stage.extensions),
        selectinload(m.Cycle.stages).selectinload(m.Stage.evidence_document),
        selectinload(m.Cycle.obligations),
    )


@cache
def register_load() -> tuple:
    """What the register of recommendations, replies and follow-ups reads."""
    from sqlalchemy.orm import selectinload

    return (
        selectinload(m.Cycle.recommendations).selectinload(m.Recommendation.subpoints),
        selectinload(m.Cycle.recommendations)
        .selectinload(m.Recommendation.replies)
        .selectinload(m.Reply.recommendations),
        selectinload(m.Cycle.replies).selectinload(m.Reply.recommendations),
        selectinload(m.Cycle.follow_ups).selectinload(m.FollowUp.recommendation),
        selectinload(m.Cycle.follow_ups).selectinload(m.FollowUp.reply),
        selectinload(m.Cycle.documents),
    )


@cache
def editing_load() -> tuple:
    """What importing a document, the register's edits and a register import read and change."""
    from sqlalchemy.orm import selectinload

    return (*register_load(), selectinload(m.Cycle.stages))


@cache
def cycle_full_load() -> tuple:
    from sqlalchemy.orm import selectinload

    return (*cycle_load(), *register_load(), selectinload(m.Cycle.replies).selectinload(m.Reply.document))


@dataclass(frozen=True)
class StageDateChange:
    cycle_id: str
    stage: str
    field: str
    old: str
    new: str
    warnings: tuple[str, ...] = ()


class CycleService:
    def __init__(
        self,
        uow: UnitOfWork,
        user: str,
        due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
        clear_days: ClearDaysRule | None = None,
    ) -> None:
        self.uow = uow
        self.user = user
        self.due_soon_days = due_soon_days
        self.clear_days = clear_days or ClearDaysRule()

    # ---- queries -----------------------------------------------------------------------------------
    def list(self, as_of: dt.date) -> list[dto.CycleSummary]:
        """Every cycle's summary. Reply coverage is counted from the links, as the dashboard does: no texts,
        sub-points or follow-ups are loaded, and no register is built just to be counted."""
        with self.uow.read() as connection:
            cycles = snapshot.load_cycles(connection)
        return [self._summary(c, as_of, with_register=False)[0] for c in cycles]

    def overview(
        self, as_of: dt.date, due_by: dt.date
    ) -> tuple[list[dto.CycleSummary], list[dto.ObligationRow]]:
        """The dashboard in one pass: every cycle's summary, and every open obligation due by `due_by`
        (overdue ones included), from a single load and a single evaluation of each cycle."""
        with self.uow.read() as connection:
            cycles = snapshot.load_cycles(connection)
        return self.overview_of(cycles, as_of, due_by)

    def overview_of(
        self, cycles: list, as_of: dt.date, due_by: dt.date
    ) -> tuple[list[dto.CycleSummary], list[dto.ObligationRow]]:
        """`overview` of cycles already read (snapshot.load_cycles)."""
        open_statuses = (Status.OVERDUE, Status.DUE_TODAY, Status.DUE_SOON, Status.NOT_YET_DUE)
        summaries, due = [], []
        for cycle in cycles:
            summary, evaluated, _ = self._summary(cycle, as_of, with_register=False)
            summaries.append(summary)
            due.extend(
                convert.as_row(cycle.id, o, as_of)
                for o in evaluated
                if o.due is not None and o.due <= due_by and o.status in open_statuses
            )
        return summaries, sorted(due, key=lambda r: (r.due, r.cycle_id, r.rule_id))

    def titles(self) -> list[tuple[str, str]]:
        """(id, title) of every cycle, for choosers: no evaluation, no loading of rows."""
        cycle = tables.cycle
        with self.uow.read() as connection:
            return [
                tuple(r) for r in connection.execute(select(cycle.c.id, cycle.c.title).order_by(cycle.c.id))
            ]

    def ids(self) -> list[str]:
        with self.uow.read() as connection:
            return cycle_ids(connection)

    def detail(self, cycle_id: str, as_of: dt.date) -> dto.CycleDetail:
        """Everything the cycle page shows, as the record stood on `as_of`: read with plain selects."""
        with self.uow.read() as connection:
            found = snapshot.load_full(connection, cycle_id)
            if not found:  # the known cycles are looked up only to name them in the refusal
                raise unknown_cycle(cycle_ids(connection), cycle_id, "cycle")
        return self.detail_of(found[0], as_of)

    def page(
        self, wanted: str | None, as_of: dt.date
    ) -> tuple[list[tuple[str, str]], dto.CycleDetail | None, list[dto.ChangeRow]]:
        """The cycle page in one read: every cycle's (id, title) for the chooser, the wanted cycle as the record
        stood on `as_of` (the latest one when none is wanted or it is no longer there) and its history. The
        selects go together: on PostgreSQL one round trip, two when the wanted cycle has gone meanwhile."""
        from tracker.services.history import change_query, change_rows

        cycle = tables.cycle
        titles = select(cycle.c.id, cycle.c.title).order_by(cycle.c.id)

        def with_cycle(chosen) -> list:
            return [*snapshot.full_queries(chosen), change_query(cycle_id=chosen)]

        # none wanted: the last in the chooser's order, chosen by the store in the same round trip
        target = wanted or select(func.max(cycle.c.id)).scalar_subquery()
        with self.uow.read() as connection:
            first, *rest = fetch_together(connection, [titles, *with_cycle(target)])
            ids = [(cid, title) for cid, title in first]
            if wanted and ids and wanted not in {cid for cid, _ in ids}:  # removed meanwhile
                rest = fetch_together(connection, with_cycle(ids[-1][0]))
        loaded = snapshot.assemble_full(rest[:-1])
        if not loaded:
            return ids, None, []
        return ids, self.detail_of(loaded[0], as_of), change_rows(rest[-1])

    def detail_of(self, cycle: m.Cycle | snapshot.Loaded, as_of: dt.date) -> dto.CycleDetail:
        template = convert.template_for(cycle)
        record = convert.Record(cycle, as_of)
        summary, evaluated, recs = self._summary(cycle, as_of)
        obligations = [convert.as_row(cycle.id, o, as_of) for o in evaluated]
        return dto.CycleDetail(
            summary=summary,
            as_of=as_of,
            body=dto.BodyInfo(
                cycle.policing_body.id,
                cycle.policing_body.name,
                cycle.policing_body.kind,
                cycle.policing_body.area,
            ),
            scrutiny_body=dto.ScrutinyBodyInfo(
                cycle.scrutiny_body.id,
                cycle.scrutiny_body.name,
                cycle.scrutiny_body.kind,
                cycle.scrutiny_body.members_in_post,
            ),
            template_title=template.title,
            act=template.act,
            stages=convert.stage_rows(cycle, template, record),
            obligations=tuple(obligations),
            recommendations=recs,
            replies=tuple(
                convert.reply_row(r)
                for r in sorted(cycle.replies, key=lambda r: r.position)
                if record.reply(r)
            ),
            follow_ups=tuple(
                convert.follow_up_row(f)
                for f in sorted(cycle.follow_ups, key=lambda f: (f.due_date or dt.date.max, f.id))
                if record.follow_up(f)
            ),
            documents=tuple(
                dto.DocumentRow(
                    d.id,
                    d.kind,
                    d.date,
                    d.reference,
                    d.file_name,
                    d.sha256 or "",
                    d.imported_at,
                    d.title or convert.document_title(cycle, d),
                    d.media_type,
                    bool(d.has_original),
                    d.supersedes_id,
                )
                for d in sorted(cycle.documents, key=lambda d: (d.date or dt.date.min, d.id))
                if record.document(d)
            ),
            extensions=tuple(
                convert.extension_row(e, template.stage(s.key).label, s.key)
                for s in cycle.stages
                for e in s.extensions
                if record.extension(e)
            ),
            notes=cycle.notes,
            notices=convert.notices_for(cycle, as_of),
            vote=tally(
                template,
                cycle.veto_votes_for,
                cycle.veto_votes_against or 0,
                cycle.veto_abstentions or 0,
                cycle.veto_members,
            )
            if cycle.veto_votes_for is not None
            else None,
        )

    def stored_document(self, document_id: int) -> dto.StoredDocument | None:
        """A document as it was imported (the file itself, its media type and text), or None when the store
        does not hold the file (imported before files were kept, or recorded without one)."""
        doc = tables.document
        with self.uow.read() as connection:
            row = connection.execute(
                select(
                    doc.c.id, doc.c.kind, doc.c.title, doc.c.date, doc.c.reference, doc.c.media_type,
                    doc.c.original, doc.c.text,
                ).where(doc.c.id == document_id)
            ).first()  # fmt: skip
        if row is None or row.original is None:
            return None
        return dto.StoredDocument(
            row.id,
            row.kind,
            row.title or "",
            row.date,
            row.reference,
            row.media_type or "application/octet-stream",
            bytes(row.original),
            row.text or "",
        )

    def obligations(self, cycle_id: str, as_of: dt.date) -> list[dto.ObligationRow]:
        with self.uow() as session:
            cycle = self._get(session, cycle_id)
            return convert.evaluate_cycle(cycle, as_of, self.due_soon_days, self.clear_days)

    def deadlines(
        self,
        as_of: dt.date,
        within_days: int | None = None,
        from_date: dt.date | None = None,
        to_date: dt.date | None = None,
        cycle_id: str | None = None,
    ) -> list[dto.ObligationRow]:
        """Every obligation across cycles, soonest first; optionally only what is open and due within N days,
        or only what falls due between two dates."""
        if within_days is not None and within_days < 0:
            raise BadInput("--within", within_days, "must be zero or more days")
        if from_date and to_date and to_date < from_date:
            raise BadInput("--to", to_date.isoformat(), f"is before --from {from_date.isoformat()}")
        with self.uow.read() as connection:
            if cycle_id is not None:
                require_cycle(connection, cycle_id, field="cycle")
            cycles = snapshot.load_cycles(connection, cycle_id, with_links=False)
        rows: list[dto.ObligationRow] = []
        for cycle in cycles:
            rows.extend(convert.evaluate_cycle(cycle, as_of, self.due_soon_days, self.clear_days))
        if within_days is not None:
            horizon = as_of + dt.timedelta(days=within_days)
            rows = [
                r
                for r in rows
                if r.due is not None
                and r.due <= horizon
                and r.status in (Status.OVERDUE, Status.DUE_TODAY, Status.DUE_SOON, Status.NOT_YET_DUE)
            ]
        if from_date is not None:
            rows = [r for r in rows if r.due is not None and r.due >= from_date]
        if to_date is not None:
            rows = [r for r in rows if r.due is not None and r.due <= to_date]
        return sorted(rows, key=lambda r: (r.due or dt.date.max, r.cycle_id, r.rule_id))

    def _summary(
        self, cycle: m.Cycle, as_of: dt.date, with_register: bool = True
    ) -> tuple[dto.CycleSummary, list, tuple[dto.RecommendationRow, ...]]:
        """The cycle's summary, its evaluated obligations (rule results and commitments, made into rows by
        `convert.as_row` only where shown) and, with `with_register`, its recommendations."""
        record = convert.Record(cycle, as_of)
        template = record.template
        obligations = convert.evaluate_results(cycle, as_of, self.due_soon_days, self.clear_days, record)
        recs = convert.recommendation_rows(cycle, record) if with_register else ()
        open_rows = [
            o
            for o in obligations
            if o.due is not None
            and o.status in (Status.OVERDUE, Status.DUE_TODAY, Status.DUE_SOON, Status.NOT_YET_DUE)
        ]
        upcoming = [o for o in open_rows if o.status is not Status.OVERDUE]
        # a step on a branch the record has not settled (a veto nobody has recorded) is next only if nothing
        # certain is still to come
        upcoming = [o for o in upcoming if not o.condition] or upcoming
        next_row = convert.as_row(cycle.id, min(upcoming, key=lambda o: o.due), as_of) if upcoming else None
        counts = Counter(o.status for o in obligations)
        return (
            dto.CycleSummary(
                id=cycle.id,
                title=cycle.title,
                template_id=cycle.template_id,
                kind=template.cycle_kind,
                body=cycle.policing_body.name,
                scrutiny_body=cycle.scrutiny_body.name,
                area=cycle.policing_body.area,
                current_stage=self._current_stage(cycle, template, as_of, record)
                if obligations or not template.rules
                else "not started",
                next_deadline=next_row,
                days_left=next_row.days_left if next_row else None,
                overdue=counts[Status.OVERDUE],
                exceptions=counts[Status.EXCEPTION],
                not_recorded=counts[Status.NOT_RECORDED],
                unconfirmed=counts[Status.CANNOT_CONFIRM],
                met_late=counts[Status.MET_LATE],
                coverage=convert.coverage(recs) if with_register else convert.coverage_of(cycle, record),
            ),
            obligations,
            recs,
        )

    @staticmethod
    def _current_stage(cycle: m.Cycle, template: Template, as_of: dt.date, record: convert.Record) -> str:
        latest: tuple[bool, dt.date, int, str] | None = None
        order = template.stage_positions
        for stage in cycle.stages:
            actual = record.event(stage)
            if actual is None:
                continue
            day = actual.latest() or actual.earliest()
            if day is None or day > as_of:
                continue
            definition = template.stage(stage.key)
            # a calendar anchor (1 April of the precept year) marks the year, not where the process stands:
            # it is the stage only while nothing else has happened
            candidate = (not definition.anchor, day, order.get(stage.key, 0), definition.label)
            if latest is None or candidate[:3] > latest[:3]:
                latest = candidate
        return latest[3] if latest else "no stage recorded yet"

    # ---- commands ----------------------------------------------------------------------------------
    def set_stage_date(
        self,
        cycle_id: str,
        stage_key: str,
        value: dt.date | None,
        *,
        precision: Precision = Precision.DAY,
        after_stage: str | None = None,
        planned: bool = False,
        evidence_document_id: int | None = None,
        if_version: int | None = None,
    ) -> StageDateChange:
        """Record when a stage happened (or, with planned=True, when it is planned). One transaction. With
        `if_version`, only if the stage is still at the version the officer was looking at."""
        with self.uow() as session:
            cycle = self._get(session, cycle_id)
            template = convert.template_for(cycle)
            definition = template.stage(stage_key)
            notes: tuple[str, ...] = ()
            if definition.set_by_panel and value is not None and precision is not Precision.DAY:
                raise BadInput(
                    "date",
                    value.isoformat()[: 7 if precision is Precision.MONTH else 10],
                    f"must be a day (YYYY-MM-DD): {definition.label} is a date the panel sets, and things fall "
                    "due on it",
                )
            if definition.set_by_panel:
                if not planned:
                    notes = (
                        f"{definition.label} is a date the panel sets: it is kept as the stage's planned date, "
                        "the day things are due by, not as a day something happened",
                    )
                planned = True  # a reply-by date is a date the panel sets, held as the stage's planned date
            stage = self._stage(session, cycle, stage_key)
            self._check_stage(session, cycle, stage, template, if_version)
            if planned:
                if value is None:
                    raise BadInput("date", "", "is required for a planned date")
                field, old = "planned_date", uk_date(stage.planned_date, unknown="none")
                stage.planned_date = value
                new = uk_date(value)
            else:
                event = EventDate(precision, value, after_stage)
                self._check_event(cycle, template, stage_key, event)
                old = self._describe(stage, template)
                stage.actual_date = value
                stage.actual_precision = str(precision)
                stage.actual_after_stage = after_stage
                field = "actual_date"
                new = self._describe(stage, template)
                if stage_key == "reply" and value is not None:
                    self._date_reply_letter(session, cycle, value if precision is Precision.DAY else None)
            if evidence_document_id is not None:
                stage.evidence_document_id = evidence_document_id
            warnings = (
                notes if planned else self._record_warnings(cycle, template, stage_key, value, precision)
            )
            record_change(session, self.user, cycle_id, "stage", stage_key, field, old, new)
            return StageDateChange(cycle_id, stage_key, field, old, new, warnings)

    def _date_reply_letter(self, session, cycle: m.Cycle, day: dt.date | None) -> None:
        """The reply's date set by hand is the latest reply letter's date too: the papers take a letter's own
        date first, so an officer correcting a misread (or giving a scan kept unread its date) must move it
        with the stage. A date known only to the month, or as "on or before", leaves the letter undated, so
        the papers say what the stage says."""
        replies = [d for d in cycle.documents if d.kind == "reply"]
        letter = replies[-1] if replies else None
        if letter is None or letter.date == day:
            return
        record_change(
            session,
            self.user,
            cycle.id,
            "document",
            str(letter.id),
            "date",
            uk_date(letter.date) if letter.date else None,
            uk_date(day) if day else None,
        )
        # a title the app made from the old date ("Reply from …, 12 November 2024") is made again
        author = cycle.policing_body.name
        made = letter.title == describe_document("reply", letter.date, author)
        letter.date = day
        if made:
            letter.title = describe_document("reply", day, author)

    @staticmethod
    def _record_warnings(
        cycle: m.Cycle, template: Template, stage_key: str, value: dt.date | None, precision: Precision
    ) -> tuple[str, ...]:
        """What to tell the user at once about a date recorded as having happened: a day still to come, or a
        stage whose precondition the record does not show yet. The date is kept; the user decides."""
        out = []
        definition = template.stage(stage_key)
        if value is not None and precision is not Precision.AFTER and not definition.trigger:
            earliest = value if precision is not Precision.ON_OR_BEFORE else None
            if earliest is not None and earliest > dt.date.today():
                when = (
                    f"in {uk_date(value, long=True).split(' ', 1)[1]}"
                    if precision is Precision.MONTH
                    else f"on {uk_date(value)}"
                )
                out.append(
                    f"{definition.label} is recorded as having happened {when}, which is after today; "
                    "if it is only planned, record it with --planned"
                )
        recorded = {s.key for s in cycle.stages if s.actual_precision is not None}
        for earlier in definition.not_before:
            if earlier not in recorded:
                out.append(
                    f"{definition.label} is recorded but {template.stage(earlier).label}, which comes before it, "
                    "is not recorded yet"
                )
        return tuple(out)

    def clear_stage_date(
        self, cycle_id: str, stage_key: str, if_version: int | None = None
    ) -> StageDateChange:
        with self.uow() as session:
            cycle = self._get(session, cycle_id)
            template = convert.template_for(cycle)
            template.stage(stage_key)
            stage = self._stage(session, cycle, stage_key)
            self._check_stage(session, cycle, stage, template, if_version)
            old = self._describe(stage, template)
            stage.actual_date = None
            stage.actual_precision = None
            stage.actual_after_stage = None
            record_change(
                session, self.user, cycle_id, "stage", stage_key, "actual_date", old, "not recorded"
            )
            return StageDateChange(cycle_id, stage_key, "actual_date", old, "not recorded")

    def extend_stage(
        self,
        cycle_id: str,
        stage_key: str,
        new_date: dt.date,
        reason: str,
        *,
        earlier: bool = False,
        if_version: int | None = None,
    ) -> dto.ExtensionRow:
        """Move a stage's planned date, keeping the original in an Extension row. With `if_version`, only if
        the stage is still at the version the officer was looking at."""
        reason = (reason or "").strip()
        if not reason:
            raise BadInput("--reason", reason, "is required: say why the date moves")
        with self.uow() as session:
            cycle = self._get(session, cycle_id)
            template = convert.template_for(cycle)
            definition = template.stage(stage_key)
            stage = self._stage(session, cycle, stage_key)
            self._check_stage(session, cycle, stage, template, if_version)
            current = stage.planned_date
            if current is None:
                raise BadInput(
                    "stage",
                    stage_key,
                    "has no planned date to extend; record one first with set-date --planned",
                )
            if new_date == current:
                raise BadInput(
                    "date", new_date.isoformat(), f"is the date already planned for {definition.label}"
                )
            if new_date < current and not earlier:
                raise BadInput(
                    "date",
                    new_date.isoformat(),
                    f"is earlier than the planned {uk_date(current)}; an extension moves a date later "
                    "(pass --earlier to bring it forward on purpose)",
                )
            extension = m.Extension(
                original_date=current, new_date=new_date, reason=reason, made_by=self.user, made_at=m.utcnow()
            )
            stage.extensions.append(extension)
            stage.planned_date = new_date
            session.flush()
            record_change(
                session,
                self.user,
                cycle_id,
                "stage",
                stage_key,
                "planned_date (extension)",
                uk_date(current),
                f"{uk_date(new_date)}: {reason}",
            )
            row = convert.extension_row(extension, definition.label, stage_key)
            return dataclasses.replace(row, notes=self._statutory_notes(cycle, template, stage_key, new_date))

    def _statutory_notes(
        self, cycle: m.Cycle, template: Template, stage_key: str, new_date: dt.date
    ) -> tuple[str, ...]:
        """An extension moves the planned date, a local target: the law's own dates for the stage stay put."""
        rows = convert.evaluate_cycle(cycle, dt.date.today(), self.due_soon_days, self.clear_days)
        due = {r.rule_id: r for r in rows}
        notes = []
        for rule in template.rules:
            fixed = rule.due_type in STATUTORY_PERIODS
            row = due.get(rule.id)
            if rule.met_by == stage_key and fixed and str(rule.basis) == "statute" and row and row.due:
                late = " (the new date is after it)" if new_date > row.due else ""
                notes.append(
                    f"the statutory deadline {in_sentence(rule.label)} stays {uk_date(row.due)} ({rule.citation}){late}; "
                    f"{uk_date(new_date)} is recorded as a local target beside it"
                )
        return tuple(notes)

    def set_not_applicable(self, cycle_id: str, rule_id: str, not_applicable: bool, reason: str = "") -> None:
        with self.uow() as session:
            cycle = self._get(session, cycle_id)
            template = convert.template_for(cycle)
            rule = template.rule(rule_id)
            row = next((o for o in cycle.obligations if o.rule_id == rule_id), None)
            if row is None:
                row = m.Obligation(
                    rule_id=rule_id, label=rule.label, basis=str(rule.basis), citation=rule.citation
                )
                cycle.obligations.append(row)
            old = str(row.not_applicable)
            row.not_applicable = not_applicable
            if reason:
                row.notes = reason
            record_change(
                session,
                self.user,
                cycle_id,
                "obligation",
                rule_id,
                "not_applicable",
                old,
                str(not_applicable),
            )

    def add_commitment(self, cycle_id: str, label: str, due: dt.date | None, notes: str = "") -> int:
        if not label.strip():
            raise BadInput("label", label, "is empty")
        with self.uow() as session:
            cycle = self._get(session, cycle_id)
            row = m.Obligation(
                rule_id=None,
                label=label.strip(),
                basis="committed",
                citation="commitment",
                due_date=due,
                notes=notes,
            )
            cycle.obligations.append(row)
            session.flush()
            record_change(session, self.user, cycle_id, "obligation", str(row.id), "created", None, label)
            return row.id

    def create_cycle(
        self,
        cycle_id: str,
        title: str,
        template_id: str,
        policing_body_id: str,
        scrutiny_body_id: str | None = None,
        triggers: dict[str, dt.date] | None = None,
    ) -> str:
        """Create a cycle of a process for a body, with its trigger dates (one transaction)."""
        from tracker.services.bodies import check_id, check_text

        cycle_id = check_id("id", cycle_id)
        triggers = dict(triggers or {})
        with self.uow() as session:
            if session.get(m.Cycle, cycle_id) is not None:
                raise BadInput("id", cycle_id, "is already a cycle; choose another id or use cycle edit")
            body = session.get(m.PolicingBody, policing_body_id)
            if body is None:
                known = ", ".join(session.scalars(select(m.PolicingBody.id).order_by(m.PolicingBody.id)))
                raise NotFound(
                    "--body", policing_body_id, f"is not a known body; known bodies: {known or 'none yet'}"
                )
            scrutiny_body_id = scrutiny_body_id or body.scrutiny_body_id
            if scrutiny_body_id is None or session.get(m.ScrutinyBody, scrutiny_body_id) is None:
                raise NotFound(
                    "--body", policing_body_id, "has no panel recorded (tracker body edit --panel)"
                )
            template = template_for_triggers(template_id, triggers)
            if body.area not in template.areas():
                raise BadInput(
                    "--template",
                    template_id,
                    f"does not apply to {body.name} ({template.id} is for "
                    f"{'London' if template.area == 'london' else 'areas outside London'})",
                )
            check_triggers(template, triggers)
            title = check_text("--title", title or default_title(template, body.name, triggers), 200)
            cycle = m.Cycle(
                id=cycle_id,
                title=title,
                template_id=template.id,
                template_version=template.version,
                policing_body_id=body.id,
                scrutiny_body_id=scrutiny_body_id,
            )
            session.add(cycle)
            add_template_stages(cycle, template)
            for key, day in triggers.items():
                stage = next(s for s in cycle.stages if s.key == key)
                stage.actual_date, stage.actual_precision = day, str(Precision.DAY)
            record_change(session, self.user, cycle_id, "cycle", cycle_id, "created", None, title)
            for key, day in triggers.items():
                record_change(session, self.user, cycle_id, "stage", key, "actual_date", None, uk_date(day))
            return cycle_id

    def edit_cycle(
        self,
        cycle_id: str,
        *,
        title: str | None = None,
        notes: str | None = None,
        triggers: dict[str, dt.date] | None = None,
    ) -> list[str]:
        """Change a cycle's title, notes or trigger dates (one transaction). Returns what changed."""
        from tracker.services.bodies import check_text

        changed: list[str] = []
        with self.uow() as session:
            cycle = self._get(session, cycle_id)
            template = convert.template_for(cycle)
            if title is not None:
                value = check_text("--title", title, 200)
                if value != cycle.title:
                    record_change(
                        session, self.user, cycle_id, "cycle", cycle_id, "title", cycle.title, value
                    )
                    cycle.title = value
                    changed.append(f"title: {value}")
            if notes is not None:
                value = check_text("--notes", notes, 5000, required=False)
                if value != cycle.notes:
                    record_change(
                        session, self.user, cycle_id, "cycle", cycle_id, "notes", cycle.notes, value
                    )
                    cycle.notes = value
                    changed.append("notes")
            if triggers:
                merged = {
                    s.key: s.actual_date
                    for s in cycle.stages
                    if template.stage(s.key).trigger and s.actual_date and s.actual_precision == "day"
                }
                merged.update(triggers)
                check_triggers(template, merged, require_all=False)
                for key, day in triggers.items():
                    stage = self._stage(session, cycle, key)
                    self._check_event(cycle, template, key, EventDate(Precision.DAY, day))
                    old = self._describe(stage, template)
                    stage.actual_date, stage.actual_precision, stage.actual_after_stage = day, "day", None
                    record_change(
                        session, self.user, cycle_id, "stage", key, "actual_date", old, uk_date(day)
                    )
                    changed.append(f"{key}: {uk_date(day)}")
                changed.extend(self._rechoose_version(session, cycle, merged))
            if not changed and title is None and notes is None and not triggers:
                raise BadInput(
                    "cycle edit", cycle_id, "was given nothing to change (--title, --notes, --trigger)"
                )
            return changed

    def removal_plan(self, cycle_id: str) -> dict[str, int]:
        """What removing the cycle would take with it, counted."""
        with self.uow() as session:
            return self._removal_plan(session, self._get(session, cycle_id, full=True))

    @staticmethod
    def _removal_plan(session: Session, cycle: m.Cycle) -> dict[str, int]:
        meetings = session.scalar(
            select(func.count()).select_from(m.Meeting).where(m.Meeting.cycle_id == cycle.id)
        )
        return {
            "stages": len(cycle.stages),
            "extensions": sum(len(s.extensions) for s in cycle.stages),
            "obligations": len(cycle.obligations),
            "recommendations": len(cycle.recommendations),
            "sub_points": sum(len(r.subpoints) for r in cycle.recommendations),
            "replies": len(cycle.replies),
            "documents": len(cycle.documents),
            "follow_ups": len(cycle.follow_ups),
            "meetings": meetings or 0,
        }

    def remove_cycle(self, cycle_id: str) -> dict[str, int]:
        """Remove a cycle and everything under it, in one transaction. The change log keeps the record."""
        return self.remove_cycles([cycle_id])[cycle_id]

    def remove_cycles(self, cycle_ids: list[str]) -> dict[str, dict[str, int]]:
        """Remove several cycles in one transaction: all go, or none does."""
        removed: dict[str, dict[str, int]] = {}
        with self.uow() as session:
            for cycle_id in cycle_ids:
                cycle = self._get(session, cycle_id, full=True)
                plan = self._removal_plan(session, cycle)
                title = cycle.title
                session.expunge_all()  # rows go below with plain DELETEs, children before parents
                _delete_cycle_rows(session, cycle_id)
                summary = describe_counts(plan)
                record_change(
                    session, self.user, cycle_id, "cycle", cycle_id, "removed", title, summary or "empty"
                )
                removed[cycle_id] = plan
        return removed

    # ---- helpers -----------------------------------------------------------------------------------
    def _rechoose_version(self, session: Session, cycle: m.Cycle, triggers: dict[str, dt.date]) -> list[str]:
        """A trigger moved across the day a new version of the law came into force: the cycle runs under
        the version in force on its earliest trigger day. Stages only the old version had go if nothing is
        recorded on them; otherwise the move is refused."""
        chosen = template_for_triggers(cycle.template_id, triggers)
        if chosen.version == cycle.template_version:
            return []
        keep = set(chosen.stage_order)
        for stage in list(cycle.stages):
            if stage.key in keep:
                continue
            if stage.actual_precision is not None or stage.planned_date is not None or stage.extensions:
                raise BadInput(
                    "--trigger",
                    ", ".join(f"{k}={d.isoformat()}" for k, d in triggers.items()),
                    f"puts the cycle under version {chosen.version} of {chosen.id}, which has no stage "
                    f"{stage.key}; clear that stage's dates first",
                )
            cycle.stages.remove(stage)
        old = cycle.template_version
        cycle.template_version = chosen.version
        add_template_stages(cycle, chosen)
        record_change(
            session,
            self.user,
            cycle.id,
            "cycle",
            cycle.id,
            "template_version",
            f"v{old}",
            f"v{chosen.version}",
        )
        return [
            f"template: version {chosen.version}, the law in force on {uk_date(min(triggers.values()))} "
            f"(in force from {uk_date(chosen.in_force_from)})"
        ]

    @staticmethod
    def _get(session: Session, cycle_id: str, full: bool = False) -> m.Cycle:
        return find_cycle(session, cycle_id, cycle_full_load() if full else cycle_load(), field="cycle")

    @staticmethod
    def _stage(session: Session, cycle: m.Cycle, key: str) -> m.Stage:
        for stage in cycle.stages:
            if stage.key == key:
                return stage
        stage = m.Stage(key=key, position=len(cycle.stages))
        cycle.stages.append(stage)
        return stage

    @staticmethod
    def _check_stage(
        session: Session, cycle: m.Cycle, stage: m.Stage, template: Template, if_version: int | None
    ) -> None:
        """A stage not yet stored is at version 0 for the check: someone storing it first moves it on."""
        check_version(
            session,
            stage.version or 0 if stage.id is not None else 0,
            if_version,
            what=f"{template.stage(stage.key).label} of {cycle.id}",
            entity="stage",
            entity_id=stage.key,
            cycle_id=cycle.id,
        )

    @staticmethod
    def _describe(stage: m.Stage, template: Template) -> str:
        event = convert.event_date(stage)
        if event is None:
            return "not recorded"
        after = template.stage(event.after_stage).label if event.after_stage else None
        return event.describe(after)

    def _check_event(self, cycle: m.Cycle, template: Template, stage_key: str, event: EventDate) -> None:
        """Refuse dates that contradict the order the law or the process fixes (a reply before the report
        it answers, a window that ends before it starts)."""
        if event.precision is Precision.AFTER:
            if not event.after_stage:
                raise BadInput("--after", "", "needs the stage this one came after")
            template.stage(event.after_stage)
            if event.after_stage == stage_key:
                raise BadInput("--after", event.after_stage, "cannot be the stage itself")
            return
        if event.value is None:
            raise BadInput("date", "", "is required")
        definition = template.stage(stage_key)
        by_key = {s.key: s for s in cycle.stages}
        new_latest, new_earliest = event.latest(), event.earliest()
        for earlier_key in definition.not_before:
            other = by_key.get(earlier_key)
            other_event = convert.event_date(other) if other else None
            other_earliest = other_event.earliest() if other_event else None
            if other_earliest and new_latest and new_latest < other_earliest:
                raise BadInput(
                    "date",
                    event.value.isoformat(),
                    f"is before {template.stage(earlier_key).label} ({other_event.describe()}); "
                    f"{definition.label} cannot come before it"
                    + ("; the window would end before it starts" if stage_key.endswith("_end") else ""),
                )
        for later in template.stages:
            if stage_key not in later.not_before:
                continue
            other = by_key.get(later.id)
            other_event = convert.event_date(other) if other else None
            other_latest = other_event.latest() if other_event else None
            if other_latest and new_earliest and new_earliest > other_latest:
                raise BadInput(
                    "date",
                    event.value.isoformat(),
                    f"is after {later.label} ({other_event.describe()}), which cannot come before it",
                )


def add_template_stages(cycle: m.Cycle, template: Template) -> None:
    existing = {s.key for s in cycle.stages}
    for position, definition in enumerate(template.stages):
        if definition.id not in existing:
            cycle.stages.append(m.Stage(key=definition.id, position=position, responsible=definition.party))


def template_for_triggers(template_id: str, triggers: dict[str, dt.date]) -> Template:
    """The version of the template in force on the earliest trigger date (the law the cycle runs under)."""
    first = min(triggers.values()) if triggers else None
    return get_template(template_id, on=first)


def check_triggers(template: Template, triggers: dict[str, dt.date], *, require_all: bool = True) -> None:
    """Refuse a trigger the template does not have, a missing required trigger, or an order that cannot be."""
    names = {s.id for s in template.triggers}
    for name in triggers:
        if name not in names:
            raise BadInput(
                "--trigger",
                name,
                f"is not a trigger of {template.id}; its triggers: {', '.join(sorted(names))}",
            )
    if require_all:
        missing = [s.id for s in template.triggers if not s.optional and s.id not in triggers]
        if missing:
            raise BadInput("--trigger", "", f"{template.id} needs {', '.join(missing)} (as NAME=YYYY-MM-DD)")
        if template.requires_one_of and not any(name in triggers for name in template.requires_one_of):
            raise BadInput(
                "--trigger",
                "",
                f"{template.id} needs {' or '.join(template.requires_one_of)} (as NAME=YYYY-MM-DD)",
            )
    given = [name for name in template.requires_one_of if name in triggers]
    if len(given) > 1:
        raise BadInput(
            "--trigger", ", ".join(given), "are alternatives: give the election or the by-election, not both"
        )
    for stage in template.triggers:
        for earlier in stage.not_before:
            if stage.id in triggers and earlier in triggers and triggers[stage.id] < triggers[earlier]:
                raise BadInput(
                    f"--trigger {stage.id}",
                    triggers[stage.id].isoformat(),
                    f"is before {earlier} ({triggers[earlier].isoformat()}); "
                    f"{stage.label} cannot come before {template.stage(earlier).label}",
                )
    for rule in template.rules:
        trigger = rule.due.get("trigger")
        if rule.due_type == "fixed_before_year" and trigger in triggers:
            day = triggers[trigger]
            if (day.month, day.day) != (4, 1):
                raise BadInput(
                    f"--trigger {trigger}",
                    day.isoformat(),
                    "is not a 1 April; a financial year starts on 1 April (for a precept for 2027/28, 2027-04-01)",
                )
    from tracker.rules.engine import compute_dates

    try:  # the rules themselves know what a trigger must be (a financial year starts on 1 April)
        compute_dates(template, triggers)
    except ValueError as exc:
        raise BadInput(
            "--trigger", ", ".join(f"{k}={v}" for k, v in triggers.items()), f"cannot be used: {exc}"
        ) from None


def default_title(template: Template, body_name: str, triggers: dict[str, dt.date]) -> str:
    year = min(triggers.values()).year if triggers else dt.date.today().year
    kind = {
        "plan": "Police and crime plan",
        "precept": "Precept",
        "annual-report": "Annual report",
    }.get(template.cycle_kind, template.title.split(":")[0])
    if template.cycle_kind == "precept":  # a precept is for the financial year starting on 1 April
        return f"{kind} {year}/{(year + 1) % 100:02d}: {body_name}"
    return f"{kind} {year}: {body_name}"


def _delete_cycle_rows(session: Session, cycle_id: str) -> None:
    """Everything under a cycle, in an order no foreign key objects to, whatever the database enforces."""
    replies = select(m.Reply.id).where(m.Reply.cycle_id == cycle_id)
    recommendations = select(m.Recommendation.id).where(m.Recommendation.cycle_id == cycle_id)
    stages = select(m.Stage.id).where(m.Stage.cycle_id == cycle_id)
    documents = select(m.Document.id).where(m.Document.cycle_id == cycle_id)
    session.execute(delete(m.FollowUp).where(m.FollowUp.cycle_id == cycle_id))
    session.execute(delete(m.ReplyRecommendation).where(m.ReplyRecommendation.reply_id.in_(replies)))
    session.execute(
        delete(m.ReplyRecommendation).where(m.ReplyRecommendation.recommendation_id.in_(recommendations))
    )
    session.execute(delete(m.Reply).where(m.Reply.cycle_id == cycle_id))
    session.execute(delete(m.SubPoint).where(m.SubPoint.recommendation_id.in_(recommendations)))
    session.execute(delete(m.Recommendation).where(m.Recommendation.cycle_id == cycle_id))
    session.execute(delete(m.Extension).where(m.Extension.stage_id.in_(stages)))
    session.execute(delete(m.Stage).where(m.Stage.cycle_id == cycle_id))
    session.execute(delete(m.Obligation).where(m.Obligation.cycle_id == cycle_id))
    session.execute(delete(m.Meeting).where(m.Meeting.cycle_id == cycle_id))
    session.execute(
        update(m.Document).where(m.Document.supersedes_id.in_(documents)).values(supersedes_id=None)
    )
    session.execute(delete(m.Document).where(m.Document.cycle_id == cycle_id))
    session.execute(delete(m.Cycle).where(m.Cycle.id == cycle_id))


def find_cycle(session: Session, cycle_id: str, options=(), field: str = "--cycle") -> m.Cycle:
    """The cycle with what the caller needs loaded, or NotFound naming the cycles there are."""
    cycle = session.scalars(select(m.Cycle).options(*options).where(m.Cycle.id == cycle_id)).first()
    if cycle is None:
        raise unknown_cycle(cycle_ids(session), cycle_id, field)
    return cycle
