"""Conversion at the boundary: ORM rows in, rule-engine facts and plain DTOs out."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from tracker.domain import EventDate, Precision, Status
from tracker.domain.formatting import describe_document, local_day, uk_date
from tracker.domain.numbers import natural_key
from tracker.persistence import models as m
from tracker.rules.calendar import ClearDaysRule
from tracker.rules.engine import CycleFacts, Engine, ExtensionInfo, Notice, ObligationResult, StageState
from tracker.rules.templates import Template, get_template
from tracker.services import dto, protocol

OPEN_STATUSES = frozenset({Status.NOT_YET_DUE, Status.DUE_SOON, Status.DUE_TODAY, Status.OVERDUE})


class Record:
    """What the record showed on the as-of day. Every view goes through one of these, so a stage, reply,
    document, follow-up or extension dated after the as-of day is left out everywhere alike: as of 1 March
    2022 the reply of 23 March 2022 has not been received. `as_of=None` shows everything."""

    REPORT_STAGES = ("panel_report", "committee_report")
    REPLY_STAGES = ("reply", "response")

    def __init__(self, cycle: m.Cycle, as_of: dt.date | None) -> None:
        self.cycle = cycle
        self.as_of = as_of
        self._stages = {s.key: s for s in cycle.stages}
        self._visible: dict[str, bool] = {}
        self._events: dict[str, EventDate | None] = {}
        self._received_memo: dict[tuple, bool] = {}
        self._template: Template | None = None

    @property
    def template(self) -> Template:
        """The cycle's template as it applies (`template_for`), looked up once per record."""
        if self._template is None:
            self._template = template_for(self.cycle)
        return self._template

    def event(self, stage: m.Stage) -> EventDate | None:
        """The stage's recorded date (whatever the as-of day), built once per stage."""
        try:
            return self._events[stage.key]
        except KeyError:
            event = self._events[stage.key] = event_date(stage)
            return event

    def stage(self, stage: m.Stage) -> bool:
        if self.as_of is None:
            return True
        if stage.key not in self._visible:
            self._visible[stage.key] = False  # a loop of "after" stages shows neither
            self._visible[stage.key] = self._stage_known(stage)
        return self._visible[stage.key]

    def _stage_known(self, stage: m.Stage) -> bool:
        event = self.event(stage)
        if event is None:
            return True  # nothing recorded: nothing to hide
        if stage.key in self.template.anchor_ids:
            return True  # a calendar day (1 April of the precept year) is known in advance
        if event.precision is Precision.AFTER:
            other = self._stages.get(event.after_stage or "")
            return other is not None and self.event(other) is not None and self.stage(other)
        # as the engine counts it: a month from its first day, "on or before" from its last
        known_by = event.earliest() or event.latest()
        return known_by is not None and known_by <= self.as_of

    def stage_happened(self, key: str) -> bool | None:
        """True or False if the stage is recorded (as of the day), None if it is not recorded at all."""
        stage = self._stages.get(key)
        if stage is None or self.event(stage) is None:
            return None
        return self.stage(stage)

    def dated(self, day: dt.date | None) -> bool:
        return self.as_of is None or day is None or day <= self.as_of

    def document(self, document: m.Document | None) -> bool:
        return document is None or self.dated(document.date)

    def recommendation(self, rec: m.Recommendation) -> bool:
        return self._received(None, rec.document_id, self.REPORT_STAGES)

    def reply(self, reply: m.Reply) -> bool:
        return self._received(reply.date, reply.document_id, self.REPLY_STAGES)

    def _received(self, day: dt.date | None, document_id: int | None, stages: tuple[str, ...]) -> bool:
        """Known by the as-of day: by its own date, else its document's, else the stage it belongs to."""
        if self.as_of is None:
            return True
        key = (day, document_id, stages)
        known = self._received_memo.get(key)
        if known is None:
            known = self._received_memo[key] = self._received_now(day, document_id, stages)
        return known

    def _received_now(self, day: dt.date | None, document_id: int | None, stages: tuple[str, ...]) -> bool:
        if day is None:
            document = next((d for d in self.cycle.documents if d.id == document_id), None)
            day = document.date if document is not None else None
        if day is not None:
            return day <= self.as_of
        known = [k for k in (self.stage_happened(s) for s in stages) if k is not None]
        return any(known) if known else True

    def follow_up(self, follow_up: m.FollowUp) -> bool:
        if follow_up.reply is not None and not self.reply(follow_up.reply):
            return False
        return follow_up.recommendation is None or self.recommendation(follow_up.recommendation)

    def extension(self, extension: m.Extension) -> bool:
        return self.as_of is None or extension.made_at is None or local_day(extension.made_at) <= self.as_of

    def planned(self, stage: m.Stage) -> dt.date | None:
        """The planned date as it stood on the as-of day: an extension made after that day had not yet
        moved it, so the date it moved from is the one then planned."""
        for extension in stage.extensions:  # oldest first
            if not self.extension(extension):
                return extension.original_date
        return stage.planned_date

    def reply_recorded_as_given(self) -> bool:
        """The record shows that the reply was given (its stage is dated), whether or not its text is."""
        return any(self.stage_happened(k) for k in self.REPLY_STAGES)


def template_for(cycle: m.Cycle) -> Template:
    """The cycle's template as it applies: the version of the law in force on its earliest trigger day (a
    report published before 2 May 2017 has no 56-day period), else the version stored with it; with the body's
    local protocol, or without one."""
    triggers = _trigger_ids(cycle.template_id, cycle.template_version)
    days = [
        s.actual_date
        for s in cycle.stages
        if s.actual_date is not None and s.actual_precision == "day" and s.key in triggers
    ]
    return _template_applying(
        cycle.template_id, cycle.template_version, min(days) if days else None, protocol_of(cycle)
    )


@lru_cache(maxsize=64)
def _trigger_ids(template_id: str, version: int) -> frozenset[str]:
    return frozenset(s.id for s in get_template(template_id, version=version).stages if s.trigger)


@lru_cache(maxsize=4096)
def _template_applying(
    template_id: str, version: int, first_trigger: dt.date | None, local: str | None
) -> Template:
    """Templates are data fixed at start-up, so a store of many cycles looks each combination up once."""
    chosen = (
        get_template(template_id, on=first_trigger)
        if first_trigger is not None
        else get_template(template_id, version=version)
    )
    return protocol.apply(chosen, local)


def protocol_of(cycle) -> str | None:
    """The local protocol stored for the cycle's body: attached by the snapshot loaders, read for a mapped cycle."""
    if hasattr(cycle, "protocol"):  # a snapshot: loaded with plain selects, the ORM left unimported
        return cycle.protocol
    from sqlalchemy.orm import object_session

    session = object_session(cycle)
    found = session.get(m.Setting, protocol.PROTOCOL_PREFIX + cycle.policing_body_id) if session else None
    return found.value if found else None


def event_date(stage: m.Stage) -> EventDate | None:
    if stage.actual_precision is None:
        return None
    return _event_date(stage.actual_precision, stage.actual_date, stage.actual_after_stage)


@lru_cache(maxsize=8192)  # immutable, and a store's stages share a few thousand dates at most
def _event_date(precision: str, day: dt.date | None, after_stage: str | None) -> EventDate:
    return EventDate(Precision(precision), day, after_stage)


def facts_for(
    cycle: m.Cycle,
    template: Template | None = None,
    clear_days: ClearDaysRule | None = None,
    record: Record | None = None,
) -> CycleFacts:
    record = record or Record(cycle, None)
    template = template or record.template
    entered = _entered_on(cycle)
    projectable = _projectable(record, entered)
    known = set(template.stage_order)
    stages = {
        s.key: StageState(
            planned=record.planned(s),
            # a trigger stays: the engine itself says a cycle whose election is still to come has not started
            actual=record.event(s)
            if record.stage(s) or template.stage(s.key).trigger or (projectable and _future_day(record, s))
            else None,
            extensions=tuple(
                ExtensionInfo(e.original_date, e.new_date, e.reason, e.made_by, e.made_at)
                for e in s.extensions
                if record.extension(e)
            ),
        )
        for s in cycle.stages
        # a stage with nothing recorded is left to the engine's shared empty state; a stage of another
        # version of the template (the trigger moved across an in-force day) is not part of this one
        if (s.planned_date is not None or s.extensions or record.event(s) is not None) and s.key in known
    }
    return CycleFacts(
        template=template,
        area=cycle.policing_body.area,
        stages=stages,
        members_in_post=cycle.scrutiny_body.members_in_post,
        veto_votes_for=cycle.veto_votes_for,
        veto_votes_cast=cycle.veto_votes_cast,
        veto_members=cycle.veto_members,
        not_applicable=frozenset(o.rule_id for o in cycle.obligations if o.rule_id and o.not_applicable),
        clear_days=clear_days or ClearDaysRule(),
        entered_on=entered,
        recorded=frozenset(s.key for s in cycle.stages if record.event(s) is not None),
    )


def _entered_on(cycle: m.Cycle) -> dt.date | None:
    return local_day(cycle.created_at) if cycle.created_at else None


def _projectable(record: Record, entered: dt.date | None) -> bool:
    """Whether a date after the as-of day counts as expected then: a date entered for the future is expected,
    and the engine projects from it, whether or not it has happened since. Viewed as of a day before the cycle
    was entered in the tracker, it was not known, so it is neither expected nor shown."""
    return record.as_of is None or entered is None or entered <= record.as_of


def _future_day(record: Record, stage: m.Stage) -> bool:
    """A stage recorded to the day, for a day after the as-of day: an expected date."""
    return (
        stage.actual_precision == "day"
        and stage.actual_date is not None
        and record.as_of is not None
        and stage.actual_date > record.as_of
    )


def _hidden_text(record: Record, stage: m.Stage, projectable: bool) -> str:
    """A stage recorded for a day after the as-of day. It is expected only if the cycle was in the tracker on
    the as-of day, as the engine counts it; otherwise it had simply not happened yet."""
    as_of = uk_date(record.as_of)
    if not _future_day(record, stage):
        return f"not recorded as of {as_of}"
    if projectable:
        return f"expected {uk_date(stage.actual_date)} (not yet happened as of {as_of})"
    return f"not yet happened as of {as_of}"


def obligation_row(cycle_id: str, result: ObligationResult, as_of: dt.date) -> dto.ObligationRow:
    days_left = (result.due - as_of).days if result.due and result.status in OPEN_STATUSES else None
    return dto.ObligationRow(
        cycle_id=cycle_id,
        rule_id=result.rule_id,
        label=result.label,
        kind=result.kind,
        basis=result.basis,
        citation=result.citation,
        url=result.url,
        owed_by=result.owed_by,
        owed_to=result.owed_to,
        explanation=result.explanation,
        due=result.due,
        status=result.status,
        working=result.working,
        warnings=result.warnings,
        extensions=result.extensions,
        met_on=result.met_on,
        days_left=days_left,
        condition=result.condition,
        expected=result.expected,
    )


def committed_obligation_row(
    cycle_id: str, ob: m.Obligation, as_of: dt.date, due_soon_days: int
) -> dto.ObligationRow:
    """A commitment the secretariat added by hand: a plain dated obligation, no rule behind it."""
    from tracker.domain import Basis, DateKind
    from tracker.domain.formatting import uk_date

    if ob.not_applicable:
        status = Status.NOT_APPLICABLE
    elif ob.met_date and ob.met_date <= as_of:
        status = Status.MET if ob.due_date is None or ob.met_date <= ob.due_date else Status.MET_LATE
    elif ob.due_date is None:
        status = Status.UNDATED
    elif as_of > ob.due_date:
        status = Status.OVERDUE
    elif as_of == ob.due_date:
        status = Status.DUE_TODAY
    elif (ob.due_date - as_of).days <= due_soon_days:
        status = Status.DUE_SOON
    else:
        status = Status.NOT_YET_DUE
    working = f"date agreed by the secretariat: {uk_date(ob.due_date)}"
    return dto.ObligationRow(
        cycle_id=cycle_id,
        rule_id=f"commitment-{ob.id}",
        label=ob.label,
        kind=DateKind.DEADLINE,
        basis=Basis.PRACTICE,
        citation=ob.citation or "commitment",
        url=None,
        owed_by="",
        owed_to="",
        explanation=ob.notes,
        due=ob.due_date,
        status=status,
        working=working,
        warnings=(),
        extensions=(),
        met_on=uk_date(ob.met_date) if ob.met_date and ob.met_date <= as_of else None,
        days_left=(ob.due_date - as_of).days if ob.due_date and status in OPEN_STATUSES else None,
    )


def notices_for(cycle: m.Cycle, as_of: dt.date) -> tuple[Notice, ...]:
    return tuple(Engine(facts_for(cycle, record=Record(cycle, as_of)), as_of).notices())


def evaluate_cycle(
    cycle: m.Cycle,
    as_of: dt.date,
    due_soon_days: int,
    clear_days: ClearDaysRule | None = None,
    record: Record | None = None,
) -> list[dto.ObligationRow]:
    evaluated = evaluate_results(cycle, as_of, due_soon_days, clear_days, record)
    return [as_row(cycle.id, item, as_of) for item in evaluated]


def evaluate_results(
    cycle: m.Cycle,
    as_of: dt.date,
    due_soon_days: int,
    clear_days: ClearDaysRule | None = None,
    record: Record | None = None,
) -> list[ObligationResult | dto.ObligationRow]:
    """The rules' results, then the secretariat's commitments, in the order `evaluate_cycle` lists them.
    Summaries need only each one's status and date, so turning results into rows waits for `as_row`."""
    record = record or Record(cycle, as_of)
    engine = Engine(facts_for(cycle, clear_days=clear_days, record=record), as_of, due_soon_days)
    evaluated: list[ObligationResult | dto.ObligationRow] = list(engine.evaluate_all())
    evaluated.extend(
        committed_obligation_row(cycle.id, ob, as_of, due_soon_days)
        for ob in cycle.obligations
        if ob.rule_id is None
    )
    return evaluated


def as_row(cycle_id: str, item: ObligationResult | dto.ObligationRow, as_of: dt.date) -> dto.ObligationRow:
    return item if isinstance(item, dto.ObligationRow) else obligation_row(cycle_id, item, as_of)


def stage_rows(cycle: m.Cycle, template: Template, record: Record | None = None) -> tuple[dto.StageRow, ...]:
    record = record or Record(cycle, None)
    by_key = {s.key: s for s in cycle.stages}
    projectable = _projectable(record, _entered_on(cycle))
    rows = []
    for definition in template.stages:
        stage = by_key.get(definition.id)
        if stage is None:
            continue
        actual = record.event(stage) if record.stage(stage) else None
        hidden = actual is None and record.event(stage) is not None
        after_label = template.stage(actual.after_stage).label if actual and actual.after_stage else None
        rows.append(
            dto.StageRow(
                key=definition.id,
                label=definition.label,
                party=stage.responsible or definition.party,
                planned=record.planned(stage),
                actual=actual.latest() or actual.earliest() if actual else None,
                actual_text=(
                    actual.describe(after_label)
                    if actual
                    else _hidden_text(record, stage, projectable)
                    if hidden
                    else "not recorded"
                ),
                precision=str(actual.precision) if actual else None,
                is_trigger=definition.trigger,
                set_by_panel=definition.set_by_panel,
                evidence=_document_label(stage.evidence_document),
                notes=stage.notes,
                extensions=tuple(
                    extension_row(e, definition.label, definition.id)
                    for e in stage.extensions
                    if record.extension(e)
                ),
                after_stage=actual.after_stage if actual else None,
                version=stage.version,
            )
        )
    return tuple(rows)


def _document_label(document: m.Document | None) -> str | None:
    if document is None:
        return None
    parts = [document.kind]
    if document.reference:
        parts.append(f"ref {document.reference}")
    if document.file_name:
        parts.append(document.file_name)
    return ", ".join(parts)


def extension_row(ext: m.Extension, stage_label: str, stage_key: str) -> dto.ExtensionRow:
    return dto.ExtensionRow(
        id=ext.id,
        stage_key=stage_key,
        stage_label=stage_label,
        original=ext.original_date,
        new=ext.new_date,
        reason=ext.reason,
        made_by=ext.made_by,
        made_at=ext.made_at,
    )


def follow_up_row(f: m.FollowUp) -> dto.FollowUpRow:
    return dto.FollowUpRow(
        id=f.id,
        kind=f.kind,
        recommendation_number=f.recommendation.number if f.recommendation else None,
        due=f.due_date,
        text=f.text,
        met_on=f.met_date,
    )


def reply_row(reply: m.Reply) -> dto.ReplyRow:
    return dto.ReplyRow(
        id=reply.id,
        date=reply.date,
        text=reply.text,
        covers=tuple(r.number for r in reply.recommendations),
        disposition=reply.disposition,
        suggested_disposition=reply.suggested_disposition,
        disposition_overridden=reply.disposition_override is not None,
        evidence=reply.evidence,
        document_reference=reply.document.reference if reply.document else None,
        span=(reply.span_start, reply.span_end) if reply.span_start is not None else None,
        claimed=tuple(reply.claimed_numbers or ()),
        from_document=reply.document is not None and bool(reply.document.sha256),
        version=reply.version,
        source=source_of(reply.document, reply.span_start, reply.span_end),
        origin=reply.origin,
    )


def source_of(document: m.Document | None, start: int | None, end: int | None) -> dto.Source | None:
    if document is None or start is None or end is None:
        return None
    return dto.Source(document.file_name, start, end)


# What the register says of a recommendation's reply:
#   "replied"       a recorded reply passage answers it
#   "missing"       a reply is recorded, but no passage of it answers this recommendation
#   "not recorded"  the record shows the reply was given, but its text has not been imported
#   "no reply yet"  no reply is recorded (as of the day)
REPLY_STATUSES = ("replied", "missing", "not recorded", "no reply yet")


def reply_status(has_reply: bool, any_reply: bool, reply_given: bool) -> str:
    if has_reply:
        return "replied"
    if any_reply:
        return "missing"
    return "not recorded" if reply_given else "no reply yet"


def recommendation_rows(cycle: m.Cycle, record: Record | None = None) -> tuple[dto.RecommendationRow, ...]:
    record = record or Record(cycle, None)
    visible_replies = {r.id for r in cycle.replies if record.reply(r)}
    any_reply = bool(visible_replies)
    reply_given = record.reply_recorded_as_given()
    documents = {d.id: d for d in cycle.documents}
    follow_ups_by_rec: dict[int, list[dto.FollowUpRow]] = {}
    for f in cycle.follow_ups:
        if f.recommendation_id is not None and record.follow_up(f):
            follow_ups_by_rec.setdefault(f.recommendation_id, []).append(follow_up_row(f))
    rows = []
    for rec in cycle.recommendations:
        if not record.recommendation(rec):
            continue
        replies = sorted((r for r in rec.replies if r.id in visible_replies), key=lambda r: r.position)
        grouped = sorted(
            {
                other.number
                for reply in replies
                for other in reply.recommendations
                if other.id != rec.id and record.recommendation(other)
            },
            key=natural_key,
        )
        status = reply_status(bool(replies), any_reply, reply_given)
        first = replies[0] if replies else None
        rows.append(
            dto.RecommendationRow(
                id=rec.id,
                cycle_id=cycle.id,
                number=rec.number,
                label=rec.label or f"Recommendation {rec.number}",
                text=rec.text,
                text_cy=rec.text_cy,
                subpoints=tuple(sp.text for sp in rec.subpoints),
                addressee=rec.addressee,
                theme=rec.theme,
                tags=tuple(rec.tags or ()),
                reply_status=status,
                grouped_with=tuple(grouped),
                disposition=first.disposition if first else None,
                evidence=first.evidence if first else "",
                reply_ids=tuple(r.id for r in replies),
                follow_ups=tuple(follow_ups_by_rec.get(rec.id, ())),
                from_document=rec.document_id is not None,
                version=rec.version,
                source=source_of(documents.get(rec.document_id), rec.span_start, rec.span_end),
                origin=rec.origin,
                subpoint_status=subpoint_statuses(rec.subpoints, replies, status),
                subpoint_confirmed=tuple(getattr(sp, "status", None) is not None for sp in rec.subpoints),
            )
        )
    return tuple(rows)


def subpoint_statuses(subpoints, replies, reply_status: str) -> tuple[str, ...]:
    """Each sub-point's status: what the officer said of it, else whether the words of the passages that
    answer the recommendation reach it ("not recorded" while no reply to it is recorded)."""
    if not subpoints:
        return ()
    from tracker.domain import similarity

    said = " ".join(r.text for r in replies)
    out = []
    for sp in subpoints:
        officer = getattr(sp, "status", None)
        if officer in (similarity.ANSWERED, similarity.NOT_ANSWERED):
            out.append(officer)
        elif reply_status == "missing":
            out.append(similarity.NOT_ANSWERED)  # the reply came, and says nothing of this recommendation
        elif reply_status != "replied" or not said.strip():
            out.append(similarity.NOT_RECORDED)
        else:
            out.append(similarity.ANSWERED if similarity.reaches(sp.text, said) else similarity.NOT_ANSWERED)
    return tuple(out)


def coverage_of(cycle: m.Cycle, record: Record | None = None) -> dto.Coverage:
    """Reply coverage counted straight from the links, without building the register's rows."""
    record = record or Record(cycle, None)
    visible_replies = {r.id for r in cycle.replies if record.reply(r)}
    any_reply = bool(visible_replies)
    replied = grouped = total = 0
    for rec in cycle.recommendations:
        if not record.recommendation(rec):
            continue
        total += 1
        replies = [r for r in rec.replies if r.id in visible_replies]
        if replies:
            replied += 1
            if any(len(reply.recommendations) > 1 for reply in replies):
                grouped += 1
    unanswered = total - replied
    return dto.Coverage(
        total=total,
        replied=replied,
        grouped=grouped,
        missing=unanswered if any_reply else 0,
        not_recorded=unanswered if not any_reply and record.reply_recorded_as_given() else 0,
    )


def coverage(rows: tuple[dto.RecommendationRow, ...]) -> dto.Coverage:
    return dto.Coverage(
        total=len(rows),
        replied=sum(1 for r in rows if r.reply_status == "replied"),
        grouped=sum(1 for r in rows if r.grouped_with),
        missing=sum(1 for r in rows if r.reply_status == "missing"),
        not_recorded=sum(1 for r in rows if r.reply_status == "not recorded"),
    )


def document_title(cycle, document) -> str:
    """A document's own title, or how papers describe one without it: a reply is from the cycle's policing
    body, any other paper (the committee's report) from its panel or committee."""
    if document.title:
        return document.title
    author = cycle.policing_body if document.kind == "reply" else cycle.scrutiny_body
    return describe_document(document.kind, document.date, author.name)
