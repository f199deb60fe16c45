"""The rule engine: every date a template derives, and the status of every obligation as of any day.

Input is plain data (the template, the area, what is known of each stage's dates, extensions, recorded
votes); output is plain data with the working behind each date, so the CLI, the reports and the desktop app
all show the same reasoning. Nothing here touches the database.

Statuses as of a day D: an event recorded after D has not happened yet as far as D is concerned, so the
same store answers "what was the position on 1 March 2017?" and "what is it today?".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from tracker.domain import Basis, DateKind, EventDate, Precision, Status
from tracker.domain.formatting import in_sentence, local_day, uk_date
from tracker.rules import calendar
from tracker.rules.templates import RuleDef, StageDef, Template, announcements

DEFAULT_DUE_SOON_DAYS = 14


@dataclass(frozen=True)
class ExtensionInfo:
    original: dt.date | None
    new: dt.date
    reason: str
    made_by: str
    made_at: dt.datetime | None = None

    def describe(self) -> str:
        who = f" by {self.made_by}" if self.made_by else ""
        when = f" on {uk_date(local_day(self.made_at))}" if self.made_at else ""
        return f"extended from {uk_date(self.original)} to {uk_date(self.new)}{who}{when}: {self.reason}"


@dataclass(frozen=True)
class StageState:
    planned: dt.date | None = None
    actual: EventDate | None = None
    extensions: tuple[ExtensionInfo, ...] = ()


NOTHING_RECORDED = StageState()  # shared: looked up a hundred thousand times on a large store


@dataclass(frozen=True)
class CycleFacts:
    template: Template
    area: str
    stages: Mapping[str, StageState]
    members_in_post: int | None = None
    veto_votes_for: int | None = None
    veto_votes_cast: int | None = None
    veto_members: int | None = None  # members in post on the day of the vote, as recorded with it
    not_applicable: frozenset[str] = (
        frozenset()
    )  # rules the user marked as not applying, with their reason in notes
    clear_days: calendar.ClearDaysRule = field(default_factory=calendar.ClearDaysRule)
    # the day the cycle was entered in the tracker: a date that had already passed then, with its step not
    # recorded at all, is a gap in a record made after the fact, not a breach the tracker saw happen
    entered_on: dt.date | None = None
    # stages with a date recorded, whatever the as-of day: a step recorded as done later was late, not missing
    recorded: frozenset[str] = frozenset()

    def state(self, stage_id: str) -> StageState:
        return self.stages.get(stage_id, NOTHING_RECORDED)


class Applicability(NamedTuple):
    applies: bool
    note: str | None = None
    undecided_branch: str | None = None  # "only if: panel vetoes …" while the record has not settled it


_APPLIES = Applicability(True)


@dataclass(frozen=True)
class Due:
    """A computed date with the reasoning that produced it."""

    date: dt.date | None
    working: str
    warnings: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()
    waiting_for: str | None = None  # the stage whose date is still needed
    # computed from a date that has not happened yet as of the as-of day (entered for the future): a projection
    expected: bool = False


@dataclass(slots=True)  # not frozen: made some twenty thousand times on a large store, and never changed
class ObligationResult:
    rule_id: str
    label: str
    kind: DateKind
    basis: Basis
    citation: str
    url: str | None
    owed_by: str
    owed_to: str
    explanation: str
    due: dt.date | None
    status: Status
    working: str
    warnings: tuple[str, ...]
    extensions: tuple[str, ...]
    met_on: str | None
    met_by_stage: str | None
    # for a step on a branch the record has not settled yet: which branch ("only if: Panel vetoes …")
    condition: str | None = None
    expected: bool = False  # projected from a date still to come (an expected trigger or stage)


@dataclass(frozen=True)
class Notice:
    """A notice about the law itself: a template whose law ends, or a change announced but not yet law."""

    text: str
    date: dt.date | None
    source: str


class Engine:
    """Evaluates one cycle. Create one per evaluation; it caches computed dues within that call."""

    def __init__(
        self,
        facts: CycleFacts,
        as_of: dt.date,
        due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
        projecting: bool = True,
    ):
        self.facts = facts
        self.template = facts.template
        self.as_of = as_of
        self.due_soon_days = due_soon_days
        # False for dates computed from days given outright (`tracker rules compute`, the new-cycle preview):
        # no day is "still to come" there, so nothing is called expected
        self.projecting = projecting
        self._due_cache: dict[str, Due] = {}
        self._moved_on_cache: dict[str, str | None] = {}
        self._expected_cache: dict[str, bool] = {}
        self._happened_cache: dict[str, bool] = {}
        self._started: bool | None = None

    # ---- stage dates -------------------------------------------------------------------------------
    def label(self, stage_id: str) -> str:
        return self.template.stage(stage_id).label

    def happened(self, stage_id: str) -> bool:
        """Whether the stage had happened by the as-of day, as far as the record shows."""
        happened = self._happened_cache.get(stage_id)
        if happened is None:
            happened = self._happened_cache[stage_id] = self._find_happened(stage_id)
        return happened

    def _find_happened(self, stage_id: str) -> bool:
        actual = self.facts.state(stage_id).actual
        if actual is None:
            return False
        latest = actual.latest()
        if latest is not None:
            # a month-only date counts from its first day: on 15 March "March 2013" may have happened
            earliest = actual.earliest(self._after_date(actual))
            return (earliest or latest) <= self.as_of
        earliest = actual.earliest(self._after_date(actual))
        if earliest is not None:
            return earliest <= self.as_of
        return actual.after_stage is not None and self.happened(actual.after_stage)

    def _after_date(self, actual: EventDate) -> dt.date | None:
        if actual.precision is not Precision.AFTER or not actual.after_stage:
            return None
        other = self.facts.state(actual.after_stage).actual
        return other.latest() if other else None

    def bounds(self, stage_id: str) -> tuple[dt.date | None, dt.date | None]:
        actual = self.facts.state(stage_id).actual
        if actual is None:
            return None, None
        return actual.earliest(self._after_date(actual)), actual.latest()

    def describe_actual(self, stage_id: str) -> str:
        actual = self.facts.state(stage_id).actual
        if actual is None:
            return "not recorded"
        after_label = self.label(actual.after_stage) if actual.after_stage else None
        return actual.describe(after_label)

    def started(self) -> bool:
        """Whether the cycle had begun by the as-of day: its triggering event had happened (an election
        not yet held starts nothing). A calendar anchor (1 April of the precept year) starts the cycle in
        the financial year before it, when the panel's dates fall."""
        if self._started is None:
            self._started = self._find_started()
        return self._started

    def _find_started(self) -> bool:
        triggers = [
            s for s in self.template.triggers if not s.optional or s.id in self.template.requires_one_of
        ]
        recorded = [s for s in triggers if self.facts.state(s.id).actual is not None]
        if not recorded:
            return True  # nothing recorded yet: the cycle waits for its trigger, and says so rule by rule
        for stage in recorded:
            if stage.anchor:
                day = self.facts.state(stage.id).actual.earliest()
                if day is not None and self.as_of >= calendar.financial_year_start(
                    day - dt.timedelta(days=1)
                ):
                    return True
            elif self.happened(stage.id):
                return True
        return False

    def veto_state(self) -> tuple[bool, str | None]:
        """(the veto counts, why not). A veto is recorded as a stage; it counts only if the vote reached
        two-thirds (where the vote is recorded) and, where the law sets a time, it came in time."""
        if not self.happened("veto"):
            return False, None
        cite = f" ({self.template.veto_citation})" if self.template.veto_citation else ""
        short = self.vote_fell_short()
        if short:
            return False, short
        if self.template.veto_in_time:
            rule_id, stage_id = self.template.veto_in_time
            due = self.due(self.template.rule(rule_id))
            earliest, _ = self.bounds(stage_id)
            if due.date is not None and earliest is not None and earliest > due.date:
                return False, (
                    f"{in_sentence(self.label(stage_id))} came on {uk_date(earliest)}, after {uk_date(due.date)}: "
                    f"a veto then has no effect{cite}"
                )
        return True, None

    def vote_fell_short(self) -> str | None:
        """Why a recorded vote is no veto (it fell short of two-thirds), or None if no vote is recorded or it
        carried. A vote that fell short settles the branch: there is no veto."""
        facts = self.facts
        if facts.veto_votes_for is None:
            return None
        by_votes = (self.template.veto_denominator or "").startswith("votes")
        denominator = facts.veto_votes_cast if by_votes else (facts.veto_members or facts.members_in_post)
        if not denominator:
            return None
        needed = veto_votes_needed(denominator)
        if facts.veto_votes_for >= needed:
            return None
        of_what = "votes given" if by_votes else "members of the panel at the time"
        cite = f" ({self.template.veto_citation})" if self.template.veto_citation else ""
        return (
            f"the vote ({facts.veto_votes_for} for, of {denominator} {of_what}) fell short of the "
            f"two-thirds needed ({needed}), so there is no veto and the no-veto path applies{cite}"
        )

    def moved_on(self, stage_id: str) -> str | None:
        """A later stage of the process recorded as happened, if any: then a missing record of `stage_id` is
        a gap in the record rather than something still awaited."""
        if stage_id not in self._moved_on_cache:
            self._moved_on_cache[stage_id] = self._find_moved_on(stage_id)
        return self._moved_on_cache[stage_id]

    def _find_moved_on(self, stage_id: str) -> str | None:
        order = self.template.stage_order
        if stage_id not in order:
            return None
        for later in order[order.index(stage_id) + 1 :]:
            if self.template.stage(later).trigger or later == "veto":
                continue
            _, latest = self.bounds(later)
            if latest is not None and latest <= self.as_of:  # certainly happened by then, not just maybe
                return later
        return None

    def expected(self, stage_id: str) -> bool:
        """Whether the stage's recorded day is still to come as of the as-of day: a date entered for the
        future, from which the clocks are projected. A day fixed in advance (a summons's day of attendance)
        is firm, not expected; a calendar anchor (1 April of the precept year) is expected only while the
        round has not begun."""
        expected = self._expected_cache.get(stage_id)
        if expected is None:
            expected = self._expected_cache[stage_id] = self._find_expected(stage_id)
        return expected

    def _find_expected(self, stage_id: str) -> bool:
        stage = self.template.stage(stage_id)
        actual = self.facts.state(stage_id).actual
        if not self.projecting or actual is None or actual.precision is not Precision.DAY or stage.scheduled:
            return False
        if stage.anchor:
            return not self.started()
        return actual.value > self.as_of

    def trigger_date(self, stage_id: str) -> tuple[dt.date | None, str]:
        """The day a clock starts from: the recorded day, else the planned day (said so in the working)."""
        state = self.facts.state(stage_id)
        if state.actual is not None and state.actual.precision is Precision.DAY:
            if self.expected(stage_id):
                return state.actual.value, (
                    f"{uk_date(state.actual.value)} (expected: not yet happened as of {uk_date(self.as_of)}, "
                    "so the dates below are projected)"
                )
            return state.actual.value, uk_date(state.actual.value)
        if state.planned is not None:
            return state.planned, f"{uk_date(state.planned)} (planned)"
        return None, "not recorded"

    def planned_with_extensions(self, stage_id: str) -> tuple[dt.date | None, tuple[str, ...]]:
        state = self.facts.state(stage_id)
        return state.planned, tuple(e.describe() for e in state.extensions)

    # ---- due dates ---------------------------------------------------------------------------------
    def due(self, rule: RuleDef) -> Due:
        if rule.id not in self._due_cache:
            due = self._compute_due(rule)
            if (
                not due.expected
                and due.date is not None
                and rule.due_type not in ("gate", "soft", "stage_date")
            ):
                start = rule.due.get("trigger")
                if start and self.expected(start):
                    due = dataclasses.replace(due, expected=True)
            self._due_cache[rule.id] = due
        return self._due_cache[rule.id]

    def _compute_due(self, rule: RuleDef) -> Due:
        spec = rule.due
        kind = spec["type"]
        cite = f" ({rule.citation})"
        if kind == "gate":
            return self._gate_due(rule)
        if kind == "soft":
            return self._soft_due(rule)
        if kind == "stage_date":
            stage = spec["stage"]
            planned, extensions = self.planned_with_extensions(stage)
            if planned is None:
                return Due(
                    None,
                    f"{spec.get('phrase', 'date set by the panel')}: no date set yet{cite}",
                    waiting_for=stage,
                )
            if spec.get("exclusive"):  # "before such date as it may specify": the day before is the last one
                last = planned - dt.timedelta(days=1)
                working = (
                    f"{self.label(stage)}: {uk_date(planned)}; {spec.get('phrase', 'before that date')}, so by "
                    f"{uk_date(last)}{cite}"
                )
                return self._with_warnings(Due(last, working, extensions=extensions))
            working = f"{self.label(stage)}: {uk_date(planned)}{cite}"
            return self._with_warnings(Due(planned, working, extensions=extensions))
        if kind == "not_before":
            return self._not_before_due(rule)

        trigger = spec["trigger"]
        start, shown = self.trigger_date(trigger)
        if start is None:
            return Due(None, f"waits for: {self.label(trigger)}{cite}", waiting_for=trigger)
        if kind == "financial_year_end":
            end = calendar.financial_year_end(start)
            working = (
                f"{self.label(trigger)} {shown}; the financial year containing it ends {uk_date(end)}{cite}"
            )
            return self._with_warnings(Due(end, working))
        if kind == "fixed_before_year":
            try:
                day = calendar.fixed_date_before(start, int(spec["month"]), int(spec["day"]))
            except ValueError:
                return Due(
                    None,
                    f"{self.label(trigger)} {shown} is not a 1 April, so the fixed dates cannot be placed{cite}",
                )
            named = f"{day.day} {day.strftime('%B')}"
            if spec.get("exclusive"):  # "before 1 March": the day before is the last one
                last = day - dt.timedelta(days=1)
                working = (
                    f"precept year begins {shown}; before {named} of the financial year before it, so by "
                    f"{uk_date(last)}{cite}"
                )
                return self._with_warnings(Due(last, working))
            working = f"precept year begins {shown}; {named} of the financial year before it is {uk_date(day)}{cite}"
            return self._with_warnings(Due(day, working))
        if kind == "days_before":
            days = int(spec["days"])
            if spec.get("count") == "summons" and self.facts.clear_days.summons_clear_days:
                last = start - dt.timedelta(days=days + 1)
                working = (
                    f"{self.label(trigger)} {shown}; at least {days} days' notice, read as {days} clear days "
                    f"(neither the day the summons is sent nor the day of attendance counts), so sent by "
                    f"{uk_date(last)} (setting summons_notice_count: clear){cite}"
                )
            elif spec.get("count") == "summons":
                last = start - dt.timedelta(days=days)
                working = (
                    f"{self.label(trigger)} {shown}; at least {days} days' notice, counting the day it is sent "
                    f"(the day the summons is sent counts, the day of attendance does not), so sent by "
                    f"{uk_date(last)} (setting summons_notice_count: inclusive){cite}"
                )
            else:
                last = start - dt.timedelta(days=days)
                working = (
                    f"{self.label(trigger)} {shown}; at least {days} days' notice before it, so by "
                    f"{uk_date(last)}{cite}"
                )
            return self._with_warnings(Due(last, working))
        if kind == "days_after":  # "within N days of D", "by the end of the day following D": D not counted
            days = int(spec["days"])
            last = start + dt.timedelta(days=days)
            phrase = spec.get("phrase") or f"within {days} days of it (that day not counted)"
            working = f"{self.label(trigger)} {shown}; {phrase}, so by {uk_date(last)}{cite}"
            return self._with_warnings(Due(last, working))
        if kind == "period_beginning_with":
            ignored, notes = self._post_election_ranges(spec.get("ignore"))
            weeks = int(spec.get("weeks", 0))
            days = int(spec.get("days", 0))
            period = calendar.period_beginning_with(start, days=days, weeks=weeks, ignored=ignored)
            working = f"{self.label(trigger)} {shown}; {period.working}"
            if period.notes:
                working += "; " + "; ".join(period.notes)
            return self._with_warnings(Due(period.last_day, working + cite, warnings=tuple(notes)))
        if kind == "working_days":
            n = int(spec["days"])
            end = calendar.add_working_days(start, n)
            working = (
                f"{self.label(trigger)} {shown}; {n} working days after it (that day not counted; weekends and "
                f"England and Wales bank holidays left out) ends {uk_date(end)}{cite}"
            )
            return self._with_warnings(Due(end, working))
        if kind == "clear_days_before":
            rule_days = calendar.ClearDaysRule(
                days=int(spec.get("days", self.facts.clear_days.days)),
                exclude_non_working=self.facts.clear_days.exclude_non_working,
            )
            period = calendar.latest_publication_day(start, rule_days)
            working = f"{self.label(trigger)} {shown}; {period.working}{cite}"
            return Due(period.last_day, working)
        raise AssertionError(f"unhandled due type {kind}")  # templates are validated on load

    def _not_before_due(self, rule: RuleDef) -> Due:
        """The first day a barred act is allowed: the end of a process that ends at the earlier of (a) its
        period ending with no report from the panel, and (b) the commissioner notifying the decision on the
        panel's report (Sch 8 paras 2 and 12)."""
        spec = rule.due
        cite = f" ({rule.citation})"
        period_rule = self.template.rule(spec["period_rule"])
        period = self.due(period_rule)
        report, decision = spec["report_stage"], spec["decision_stage"]
        if period.date is None:
            return Due(
                None, f"not before the process ends; {period.working}{cite}", waiting_for=period.waiting_for
            )
        ends: list[tuple[dt.date, str]] = []
        report_early, _ = self.bounds(report)
        report_in_time = self.happened(report) and report_early is not None and report_early <= period.date
        if not report_in_time and self.as_of > period.date:
            ends.append(
                (
                    period.date + dt.timedelta(days=1),
                    f"the period ended on {uk_date(period.date)} with no {in_sentence(self.label(report))}, "
                    f"so the process ended then",
                )
            )
        decided = self.facts.state(decision).actual
        if self.happened(decision) and decided is not None and decided.precision is Precision.DAY:
            ends.append((decided.value, f"{self.label(decision)} {uk_date(decided.value)}"))
        if not ends:
            if report_in_time:
                why = f"the process ends when {in_sentence(self.label(decision))}, not yet recorded"
            else:
                why = (
                    f"the process ends on {uk_date(period.date + dt.timedelta(days=1))} if no "
                    f"{in_sentence(self.label(report))} comes by {uk_date(period.date)}, or earlier when "
                    f"{in_sentence(self.label(decision))}"
                )
            return Due(None, f"not before the process ends: {why} [{period.working}]{cite}")
        first, how = min(ends)
        working = (
            f"not before the process ends: {how}; allowed from {uk_date(first)} [{period.working}]{cite}"
        )
        return Due(first, working, expected=period.expected)

    def _bar_status(
        self, rule: RuleDef, due: Due, done: bool, met_on: str | None
    ) -> tuple[Status, str, str | None]:
        """A bar: the act must not come before `due.date` (the day the process ends)."""
        working = due.working
        if done:
            earliest, latest = self.bounds(rule.met_by)
            if due.date is None:
                return (
                    Status.EXCEPTION,
                    f"{working}; exception: done {met_on}, before the process had ended",
                    met_on,
                )
            if latest is not None and latest < due.date:
                return (
                    Status.EXCEPTION,
                    f"{working}; exception: done {met_on}, before {uk_date(due.date)}",
                    met_on,
                )
            if earliest is not None and earliest >= due.date:
                return Status.MET, f"{working}; done {met_on}", met_on
            return Status.CANNOT_CONFIRM, f"{working}; done {met_on}; the order is not known", met_on
        if due.date is None:
            return Status.UNDATED, working, None
        if self.as_of < due.date:
            return Status.NOT_YET_DUE, f"{working}; barred until then", None
        return Status.MET, f"{working}; not done before then", f"bar ended {uk_date(due.date)}"

    def _post_election_ranges(
        self, ignore: list[str] | None
    ) -> tuple[tuple[tuple[dt.date, dt.date], ...], list[str]]:
        if not ignore:
            return (), []
        first, last = ignore
        start, _ = self.trigger_date(first)
        end, _ = self.trigger_date(last)
        if start is None and end is None:
            return (), []
        if start is None or end is None:
            missing = self.label(first if start is None else last)
            return (), [f"post-election period not applied: {missing} not recorded"]
        return ((start, end),), []

    def _gate_due(self, rule: RuleDef) -> Due:
        spec = rule.due
        before = spec["before"]
        cite = f" ({rule.citation})"
        if self.happened(before):
            actual = self.facts.state(before).actual
            exact = actual.value if actual.precision is Precision.DAY else None  # never show a guessed day
            return Due(exact, f"must come before {self.label(before)}: {self.describe_actual(before)}{cite}")
        if self.expected(before):
            day = self.facts.state(before).actual.value
            return self._with_warnings(
                Due(
                    day,
                    f"must come before {self.label(before)}, expected on {uk_date(day)} (not yet happened as "
                    f"of {uk_date(self.as_of)}: projected){cite}",
                    expected=True,
                )
            )
        given = self.facts.state(before).actual
        if not self.projecting and given is not None and given.precision is Precision.DAY:
            return self._with_warnings(
                Due(given.value, f"must come before {self.label(before)}: {uk_date(given.value)}{cite}")
            )
        planned, extensions = self.planned_with_extensions(before)
        if planned is not None:
            return self._with_warnings(
                Due(
                    planned,
                    f"must come before {self.label(before)}, planned for {uk_date(planned)}{cite}",
                    extensions=extensions,
                )
            )
        fallback = spec.get("fallback")
        if fallback:
            other = self.due(self.template.rule(fallback))
            if other.date is not None:
                return Due(
                    other.date,
                    f"must come before {self.label(before)}, not yet dated, so at the latest by the "
                    f"statutory limit for it, {uk_date(other.date)} [{other.working}]{cite}",
                    expected=other.expected,
                )
        return Due(
            None, f"must come before {self.label(before)}, which has no date yet{cite}", waiting_for=before
        )

    def _soft_due(self, rule: RuleDef) -> Due:
        spec = rule.due
        phrase = spec.get("phrase", "as soon as practicable")
        cite = f" ({rule.citation})"
        target_stage = rule.met_by
        planned, extensions = self.planned_with_extensions(target_stage) if target_stage else (None, ())
        after = spec["after"]
        if planned is None:
            return Due(None, f"{phrase} after {in_sentence(self.label(after))}; no target date set{cite}")
        working = f"{phrase} after {in_sentence(self.label(after))}; target set: {uk_date(planned)}{cite}"
        return self._with_warnings(Due(planned, working, extensions=extensions))

    @staticmethod
    def _with_warnings(due: Due) -> Due:
        if due.date is None:
            return due
        warning = calendar.weekend_or_holiday_warning(due.date)
        if warning is None:
            return due
        note = f"{uk_date(due.date)} {warning}; statutory dates do not move, so plan to finish earlier"
        return dataclasses.replace(due, warnings=(*due.warnings, note))

    # ---- statuses ----------------------------------------------------------------------------------
    def applicability(self, rule: RuleDef) -> Applicability:
        """Whether the rule applies, with a note saying why not or which branch it belongs to. A step on a
        branch not yet decided applies, and names the branch (`undecided_branch`)."""
        if self.facts.area not in rule.areas:
            return Applicability(False, f"does not apply to this area ({self.facts.area})")
        if rule.id in self.facts.not_applicable:
            return Applicability(False, "marked not applicable by the secretariat")
        if rule.lapses_if_missed:
            other = self.template.rule(rule.lapses_if_missed)
            other_due = self.due(other)
            if (
                other_due.date is not None
                and self.as_of > other_due.date
                and other.met_by
                and not self.happened(other.met_by)
                and self.applicability(other).applies
            ):
                return Applicability(
                    False, rule.lapse_note or f"the process ended when {in_sentence(other.label)} passed"
                )
        if not rule.applies_if and not rule.applies_unless:
            return _APPLIES
        pending: Applicability | None = None
        for name, wanted in ((rule.applies_if, True), (rule.applies_unless, False)):
            if not name:
                continue
            happened = self.happened(name)
            why_not = None
            if name == "veto" and happened and not self._judges_veto(rule):
                happened, why_not = self.veto_state()
            elif name == "veto" and happened:
                why_not = self.veto_state()[
                    1
                ]  # the rule that judges the veto stays, with the verdict beside it
            elif name == "veto":
                why_not = self.vote_fell_short()  # a vote recorded without a veto date: no veto
            stage = self.template.stage(name)
            # a trigger nobody gave (no by-election) is settled: it is not part of this cycle
            not_given = stage.trigger and self.facts.state(name).actual is None
            decided = happened or why_not is not None or not_given or self._decided_without(name)
            label = in_sentence(stage.label)
            if decided and happened != wanted:
                # a condition settled against the rule wins over another one still open
                return Applicability(
                    False, why_not or f"applies only {'if' if wanted else 'unless'}: {label}"
                )
            if pending is not None:
                continue
            if not decided:
                branch = f"only if: {label}" if wanted else f"unless: {label}"
                pending = Applicability(
                    True, f"applies only {'if' if wanted else 'unless'}: {label} (not known yet)", branch
                )
            elif why_not:
                pending = Applicability(True, why_not)
        return pending or _APPLIES

    def _judges_veto(self, rule: RuleDef) -> bool:
        return bool(self.template.veto_in_time) and self.template.veto_in_time[0] == rule.id

    def _decided_without(self, optional_stage: str) -> bool:
        decider = self.template.stage(optional_stage).decided_by
        return bool(decider) and self.happened(decider)

    def evaluate(self, rule: RuleDef) -> ObligationResult:
        applies, note, branch = self.applicability(rule)
        due = self.due(rule)
        warnings = list(due.warnings)
        if note:
            warnings.append(note)
        area_note = rule.area_note.get(self.facts.area)
        if area_note:
            warnings.append(area_note)
        met_on = None
        if not applies:
            status, working = Status.NOT_APPLICABLE, f"{note}; {due.working}"
        else:
            status, working, met_on = self._status(rule, due)
            if status is Status.OVERDUE and branch is not None:
                # a step on a branch the record has not settled (a veto nobody has recorded either way) may
                # never have been needed: that is a gap in the record, not a breach
                status = Status.NOT_RECORDED
                working = (
                    f"{working}; it applies only on one branch of the process, and the record does not show "
                    "which was taken: record the step that decides it"
                )
            if status is Status.OVERDUE and self._entered_after_the_fact(rule, due):
                status = Status.NOT_RECORDED
                working = (
                    f"{working}; not recorded: the cycle was entered in the tracker on "
                    f"{uk_date(self.facts.entered_on)}, "
                    "after this date had passed: add the date it happened, or note why it did not"
                )
            if rule.checks:
                warnings.extend(self._checks(rule, due))
            if status is Status.OVERDUE and rule.due.get("missed_note"):
                warnings.append(str(rule.due["missed_note"]))
            if warnings and status.is_done:  # advice to plan for a weekend deadline is no use once done
                warnings = [w for w in warnings if "plan to finish earlier" not in w]
            if warnings and any(w.startswith("exception:") for w in warnings):
                status = Status.EXCEPTION
        return ObligationResult(
            rule_id=rule.id,
            label=rule.label,
            kind=rule.kind,
            basis=rule.basis_in(self.facts.area),
            citation=rule.citation,
            url=rule.url,
            owed_by=rule.owed_by,
            owed_to=rule.owed_to,
            explanation=rule.explanation,
            due=due.date,
            status=status,
            working=working,
            warnings=tuple(warnings),
            extensions=due.extensions,
            met_on=met_on,
            met_by_stage=rule.met_by,
            condition=branch if applies else None,
            expected=due.expected and applies,
        )

    def _entered_after_the_fact(self, rule: RuleDef, due: Due) -> bool:
        """The date had passed before the cycle was entered, and its step is not recorded at all."""
        entered_on = self.facts.entered_on
        if entered_on is None or due.date is None or due.date >= entered_on:
            return False
        return not (rule.met_by and rule.met_by in self.facts.recorded)

    def _status(self, rule: RuleDef, due: Due) -> tuple[Status, str, str | None]:
        working = due.working
        met_by = rule.met_by
        done = bool(met_by) and self.happened(met_by)
        met_on = self.describe_actual(met_by) if done and met_by else None
        if done:
            earliest, latest = self.bounds(met_by)
            if latest is not None and latest > self.as_of:  # a month-only date whose month is still running
                return (
                    Status.CANNOT_CONFIRM,
                    f"{working}; recorded as done {met_on}: as of {uk_date(self.as_of)} it may not have "
                    "happened yet",
                    met_on,
                )
        if rule.due_type == "not_before":
            return self._bar_status(rule, due, done, met_on)
        if rule.kind is DateKind.GATE:
            return self._gate_status(rule, due, done, met_on)
        if done:
            if due.date is None:
                return Status.MET, f"{working}; done {met_on}", met_on
            if latest is not None and latest <= due.date:
                return Status.MET, f"{working}; done {met_on}", met_on
            if earliest is not None and earliest > due.date:
                return Status.MET_LATE, f"{working}; done {met_on}, after {uk_date(due.date)}", met_on
            return (
                Status.CANNOT_CONFIRM,
                f"{working}; done {met_on}; cannot confirm it was on time: the date is known only in part",
                met_on,
            )
        status = self._open_status(due)
        later = self.moved_on(met_by) if met_by and status is Status.OVERDUE else None
        if later is not None:
            return (
                Status.NOT_RECORDED,
                f"{working}; not recorded, although {in_sentence(self.label(later))} is: add the date if it is known",
                None,
            )
        return status, working, None

    def _gate_status(
        self, rule: RuleDef, due: Due, done: bool, met_on: str | None
    ) -> tuple[Status, str, str | None]:
        before = rule.due["before"]
        before_happened = self.happened(before)
        working = due.working
        if done and before_happened:
            m_early, m_late = self.bounds(rule.met_by)
            b_early, b_late = self.bounds(before)
            if m_late is not None and b_early is not None and m_late < b_early:
                return Status.MET, f"{working}; done {met_on}", met_on
            if (
                m_late is not None
                and b_early is not None
                and m_late == b_early
                and self.facts.state(rule.met_by).actual.precision is Precision.DAY
                and self.facts.state(before).actual.precision is Precision.DAY
            ):
                return (
                    Status.MET,
                    f"{working}; done {met_on}, the same day (order within the day not recorded)",
                    met_on,
                )
            if m_early is not None and b_late is not None and m_early > b_late:
                return (
                    Status.EXCEPTION,
                    f"{working}; exception: done {met_on}, after {in_sentence(self.label(before))}",
                    met_on,
                )
            if self.facts.state(rule.met_by).actual.precision is Precision.AFTER and (
                self.facts.state(rule.met_by).actual.after_stage == before
            ):
                return Status.EXCEPTION, f"{working}; exception: done {met_on}", met_on
            return (
                Status.CANNOT_CONFIRM,
                f"{working}; cannot confirm it came first: done {met_on}, "
                f"{in_sentence(self.label(before))} {self.describe_actual(before)}",
                met_on,
            )
        if done:
            return Status.MET, f"{working}; done {met_on}", met_on
        if before_happened:
            return (
                Status.NOT_RECORDED,
                f"{working}; not recorded, although {in_sentence(self.label(before))} is: add the date if it is "
                "known, or note why it did not happen",
                None,
            )
        return self._open_status(due), working, None

    def _open_status(self, due: Due) -> Status:
        if due.date is None:
            return Status.UNDATED
        if self.as_of > due.date:
            return Status.OVERDUE
        if self.as_of == due.date:
            return Status.DUE_TODAY
        if (due.date - self.as_of).days <= self.due_soon_days:
            return Status.DUE_SOON
        return Status.NOT_YET_DUE

    def _checks(self, rule: RuleDef, due: Due) -> list[str]:
        out: list[str] = []
        facts = self.facts
        for check in rule.checks:
            if check == "veto_two_thirds_of_members" and self.happened("veto"):
                members = facts.veto_members or facts.members_in_post
                out.append(
                    _two_thirds_note(facts.veto_votes_for, members, "members of the panel at the time")
                )
            elif check == "veto_two_thirds_of_votes_cast" and self.happened("veto"):
                out.append(_two_thirds_note(facts.veto_votes_for, facts.veto_votes_cast, "votes given"))
        return out

    def projected(self) -> bool:
        """A cycle not started yet whose starting date was entered for the future: its dates are projected
        (expected). Viewed as of a day before the cycle was entered in the tracker, nothing is projected."""
        entered = self.facts.entered_on
        if entered is not None and entered > self.as_of:
            return False
        return any(self.facts.state(s.id).actual is not None for s in self.template.triggers)

    def _dates(self) -> list[dt.date]:
        dates = [self.due(r).date for r in self.template.rules]
        dates.extend(self.facts.state(s.id).actual.value for s in self.template.triggers
                     if self.facts.state(s.id).actual is not None
                     and self.facts.state(s.id).actual.precision is Precision.DAY)  # fmt: skip
        return [d for d in dates if d is not None]

    def notices(self) -> list[Notice]:
        """Notices about the law itself: a template whose law stops applying while the cycle runs, and a
        change announced but not yet law that would reach the cycle's dates."""
        out: list[Notice] = []
        dates = self._dates()
        ends = self.template.ends_on
        if ends is not None and (self.as_of > ends or any(d > ends for d in dates)):
            after = f"; {self.template.successor}" if self.template.successor else ""
            out.append(
                Notice(
                    f"The law behind this process stops applying after {uk_date(ends)}{after}.",
                    ends,
                    self.template.act,
                )
            )
        if ends is None:
            for change in announcements():
                if not change.reaches(self.template.id, self.facts.area):
                    continue
                if any(d >= change.from_day for d in dates):
                    out.append(Notice(change.text, change.announced_on, change.source))
        return out

    def evaluate_all(self) -> list[ObligationResult]:
        """Every obligation of a cycle that had begun by the as-of day, or, for one whose start was entered
        for the future, every obligation projected from it (each marked expected); none otherwise."""
        if not self.started() and not self.projected():
            return []
        return [self.evaluate(rule) for rule in self.template.rules]


def veto_votes_needed(denominator: int) -> int:
    """At least two-thirds: the smallest whole number of votes that is two-thirds or more."""
    return math.ceil(2 * denominator / 3)


def _two_thirds_note(votes_for: int | None, denominator: int | None, of_what: str) -> str:
    if votes_for is None or denominator is None:
        return f"record the vote to check the two-thirds rule (two-thirds of {of_what})"
    needed = veto_votes_needed(denominator)
    if votes_for >= needed:
        return f"veto carried: {votes_for} of {denominator} {of_what}, at least {needed} needed"
    return f"no veto: {votes_for} of {denominator} {of_what} voted for it, at least {needed} needed"


# ---- stateless computation (`tracker rules compute`) ---------------------------------------------------
@dataclass(frozen=True)
class ComputedDate:
    id: str
    label: str
    date: dt.date | None
    kind: DateKind
    basis: Basis
    citation: str
    working: str
    warnings: tuple[str, ...]


def compute_dates(
    template: Template, triggers: Mapping[str, dt.date], area: str | None = None
) -> tuple[list[ComputedDate], list[dict[str, str]]]:
    """Every date the template derives from the given trigger dates, and the rules still waiting for one."""
    chosen_area = area or template.areas()[0]
    stages = {sid: StageState(actual=EventDate.on(day)) for sid, day in triggers.items()}
    facts = CycleFacts(template=template, area=chosen_area, stages=stages)
    engine = Engine(facts, as_of=dt.date.min, projecting=False)
    dates: list[ComputedDate] = []
    waiting: list[dict[str, str]] = []
    for rule in template.rules:
        if chosen_area not in rule.areas:
            continue
        due = engine.due(rule)
        if due.waiting_for and due.waiting_for in {s.id for s in template.triggers}:
            waiting.append({"id": rule.id, "needs": due.waiting_for})
            continue
        applies_note = []
        if rule.applies_if:
            applies_note.append(f"applies only if: {in_sentence(template.stage(rule.applies_if).label)}")
        if rule.applies_unless:
            applies_note.append(
                f"applies only unless: {in_sentence(template.stage(rule.applies_unless).label)}"
            )
        area_note = rule.area_note.get(chosen_area)
        dates.append(
            ComputedDate(
                id=rule.id,
                label=rule.label,
                date=due.date,
                kind=rule.kind,
                basis=rule.basis_in(chosen_area),
                citation=rule.citation,
                working=due.working,
                warnings=tuple([*due.warnings, *applies_note, *([area_note] if area_note else [])]),
            )
        )
    return dates, waiting


def stage_is_trigger(stage: StageDef) -> bool:
    return stage.trigger
