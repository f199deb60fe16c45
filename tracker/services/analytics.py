"""The register across years in figures: per cycle, what was recommended, how the replies answered, how long
they took and whether the follow-ups were kept; totals per body and per theme; and every dated follow-up of
every cycle in one list.

Counted as the audit counts (the same reply passages, the same "unclear" for a reply without a disposition),
so the figures always agree with `tracker audit`; a test holds them to it for every demo cycle.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tracker.domain import DISPOSITION_COUNTS, NO_REPLY, Disposition, Status
from tracker.persistence.database import UnitOfWork
from tracker.services import convert, snapshot

FOLLOW_UP_STATES = ("met", "late", "open")
REPORT_STAGES = ("panel_report", "committee_report")
REPLY_STAGES = ("reply", "response")
# the rule that says when the reply was due, by process (the first one found with a due date counts)
REPLY_RULES = ("reply-required", "reply-requested", "response-required", "response-no-veto", "final-response")


@dataclass
class CycleFigures:
    cycle: str
    title: str
    body: str
    template: str
    report_date: dt.date | None
    recommendations: int = 0
    dispositions: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DISPOSITION_COUNTS, 0))
    days_to_reply: int | None = None
    days_to_reply_at_most: bool = False  # the reply is known only as "on or before" a day: an upper bound
    reply_due_met: bool | None = None
    follow_ups: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FOLLOW_UP_STATES, 0))


@dataclass
class Totals:
    name: str
    cycles: int = 0
    recommendations: int = 0
    dispositions: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DISPOSITION_COUNTS, 0))


@dataclass
class Analytics:
    cycles: list[CycleFigures]
    bodies: list[Totals]
    themes: list[Totals]


@dataclass(frozen=True)
class FollowUpItem:
    cycle: str
    body: str
    kind: str  # "ask" | "commitment"
    number: str | None  # the recommendation it belongs to
    text: str
    due: dt.date | None
    met_on: dt.date | None
    state: str  # "met" | "met late" | "overdue" | "due soon" | "open" | "undated"


def follow_up_state(due: dt.date | None, met: dt.date | None, as_of: dt.date, soon_days: int = 14) -> str:
    if met is not None and met <= as_of:
        return "met late" if due is not None and met > due else "met"
    if due is None:
        return "undated"
    if due < as_of:
        return "overdue"
    return "due soon" if (due - as_of).days <= soon_days else "open"


class AnalyticsService:
    def __init__(self, uow: UnitOfWork, due_soon_days: int = 14) -> None:
        self.uow = uow
        self.due_soon_days = due_soon_days

    def analytics(
        self,
        body: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        as_of: dt.date | None = None,
    ) -> Analytics:
        """Every cycle with recommendations (of one body, with its committee report between the dates),
        as the record stands on `as_of` (default today)."""
        as_of = as_of or dt.date.today()
        with self.uow.read() as connection:
            cycles = snapshot.load_full(connection, _cycles_of(connection, body) if body else None)
        figures: list[CycleFigures] = []
        bodies: dict[str, Totals] = {}
        themes: dict[str, Totals] = {}
        for cycle in cycles:
            if body and cycle.policing_body_id != body:
                continue
            record = convert.Record(cycle, as_of)
            recs = [r for r in cycle.recommendations if record.recommendation(r)]
            if not recs:
                continue
            report_day = _stage_day(cycle, REPORT_STAGES)
            if (date_from and (report_day is None or report_day < date_from)) or (
                date_to and (report_day is None or report_day > date_to)
            ):
                continue
            one = CycleFigures(cycle.id, cycle.title, cycle.policing_body_id, cycle.template_id, report_day)
            visible = {r.id for r in cycle.replies if record.reply(r)}
            body_totals = bodies.setdefault(cycle.policing_body_id, Totals(cycle.policing_body_id))
            body_totals.cycles += 1
            seen_themes: set[str] = set()
            for rec in recs:
                replies = sorted((r for r in rec.replies if r.id in visible), key=lambda r: r.position)
                disposition = (replies[0].disposition or Disposition.UNCLEAR) if replies else NO_REPLY
                one.recommendations += 1
                one.dispositions[disposition] += 1
                theme = (rec.theme or "").strip() or "no theme"
                for totals in (body_totals, themes.setdefault(theme, Totals(theme))):
                    totals.recommendations += 1
                    totals.dispositions[disposition] += 1
                if theme not in seen_themes:
                    themes[theme].cycles += 1
                    seen_themes.add(theme)
            reply_day = _reply_day(cycle, record, visible)
            if report_day and reply_day:
                one.days_to_reply = (reply_day[0] - report_day).days
                one.days_to_reply_at_most = reply_day[1]
            one.reply_due_met = _reply_due_met(cycle, record, as_of, self.due_soon_days)
            for f in cycle.follow_ups:
                if record.follow_up(f):
                    state = follow_up_state(f.due_date, f.met_date, as_of, self.due_soon_days)
                    one.follow_ups[
                        "met" if state == "met" else "late" if state in ("met late", "overdue") else "open"
                    ] += 1
            figures.append(one)
        return Analytics(
            cycles=figures,
            bodies=sorted(bodies.values(), key=lambda t: t.name),
            themes=sorted(themes.values(), key=lambda t: (-t.recommendations, t.name)),
        )

    def follow_ups(
        self, as_of: dt.date | None = None, cycle: str | None = None, due_by: dt.date | None = None
    ) -> list[FollowUpItem]:
        """Every dated ask and commitment of every cycle, with its state on `as_of`: overdue first, then
        by due date (undated last). With `due_by` (the dashboard's window), only the cycles holding one
        still open on `as_of` and due by then are read: the rest could only give items it leaves out."""
        as_of = as_of or dt.date.today()
        with self.uow.read() as connection:
            wanted: str | list[str] | None = cycle
            if due_by is not None and cycle is None:
                from sqlalchemy import or_, select

                from tracker.persistence import tables as t

                f = t.follow_up.c
                query = (
                    select(f.cycle_id)
                    .distinct()
                    .where(
                        f.due_date.is_not(None),
                        f.due_date <= due_by,
                        or_(f.met_date.is_(None), f.met_date > as_of),
                    )
                )
                wanted = [row.cycle_id for row in connection.execute(query)]
                if not wanted:
                    return []
            cycles = snapshot.load_full(connection, wanted)
        items = []
        for c in cycles:
            record = convert.Record(c, as_of)
            for f in c.follow_ups:
                if not record.follow_up(f):
                    continue
                number = f.recommendation.number if f.recommendation is not None else None
                if number is None and f.reply is not None and f.reply.recommendations:
                    number = ", ".join(r.number for r in f.reply.recommendations)
                items.append(
                    FollowUpItem(
                        cycle=c.id,
                        body=c.policing_body_id,
                        kind=f.kind,
                        number=number,
                        text=f.text,
                        due=f.due_date,
                        met_on=f.met_date if f.met_date and f.met_date <= as_of else None,
                        state=follow_up_state(f.due_date, f.met_date, as_of, self.due_soon_days),
                    )
                )
        order = {"overdue": 0, "due soon": 1, "open": 2, "undated": 3, "met late": 4, "met": 5}
        items.sort(key=lambda i: (order[i.state], i.due or dt.date.max, i.cycle, i.text))
        return items


def _cycles_of(connection, body: str) -> list[str]:
    """The ids of one policing body's cycles: the only ones `--body` reads."""
    from sqlalchemy import select

    from tracker.persistence import tables as t

    return list(connection.scalars(select(t.cycle.c.id).where(t.cycle.c.policing_body_id == body)))


def _stage_day(cycle, keys: tuple[str, ...]) -> dt.date | None:
    days = [
        s.actual_date
        for s in cycle.stages
        if s.key in keys and s.actual_date is not None and s.actual_precision == "day"
    ]
    return min(days) if days else None


def _reply_day(cycle, record: convert.Record, visible: set[int]) -> tuple[dt.date, bool] | None:
    """The reply's day and whether it is only a latest day: its stage as recorded to the day (or "on or
    before" one), else the day on the reply passages or their document."""
    stage = next(
        (
            s
            for s in cycle.stages
            if s.key in REPLY_STAGES
            and s.actual_precision in ("day", "on or before")
            and s.actual_date
            and record.stage(s)
        ),
        None,
    )
    if stage is not None:
        return stage.actual_date, stage.actual_precision != "day"
    documents = {d.id: d for d in cycle.documents}
    days = []
    for reply in cycle.replies:
        if reply.id in visible:
            doc = documents.get(reply.document_id)
            days.append(reply.date or (doc.date if doc is not None else None))
    days = [d for d in days if d is not None]
    return (min(days), False) if days else None


def _reply_due_met(cycle, record: convert.Record, as_of: dt.date, soon: int) -> bool | None:
    """Whether the reply came by the day it was due (null: no due day, or not yet due and not yet given)."""
    for result in convert.evaluate_results(cycle, as_of, soon, record=record):
        if getattr(result, "rule_id", None) in REPLY_RULES and result.due is not None:
            if result.status == Status.MET:
                return True
            if result.status in (Status.MET_LATE, Status.OVERDUE):
                return False
            return None
    return None
