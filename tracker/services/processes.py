"""The processes a body can run (templates) and what a new cycle of one would derive, before it is saved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tracker.errors import BadInput
from tracker.rules.templates import load_all

# What each trigger means, in the words a panel officer would use (shown beside the date to fill in).
TRIGGER_HELP = {
    "election": "The day of the poll at the ordinary election of the commissioner (or the Mayor in London). "
    "The plan must be issued within the financial year that contains it. Leave it unticked after a by-election.",
    "financial_year_start": "1 April of the financial year the precept is for: for the 2027/28 precept, "
    "1 April 2027. The panel's dates fall in the February before it.",
    "year_end": "31 March: the last day of the financial year the annual report covers.",
    "notification_received": "The day the panel (in London, the Assembly) received notification of the "
    "proposed appointment. The three weeks begin with this day.",
    "poll": "The day of the poll at an ordinary election, if one falls within the three weeks "
    "(the days up to the declaration are not counted).",
    "declaration": "The day the elected person delivered the declaration of acceptance of office, "
    "if a poll falls within the three weeks.",
    "reserve_notification_received": "The day the panel received notification of a reserve candidate, "
    "after a veto.",
    "removal_notification_received": "The day the panel received notification of a proposal to call on "
    "the chief constable to retire or resign.",
    "by_election": "The day of the poll at a by-election (not an ordinary election). It starts no statutory "
    "deadline: the new holder may issue a plan when they choose. Give the election or the by-election.",
    "further_notification_received": "The day the panel received notice of a further candidate after a "
    "reserve candidate (treated as a reserve: no veto).",
    "report_published": "The day the inspection report was published. The 56 days begin with it.",
    "attendance": "The day the person is summoned to attend the committee.",
    "complaint_received": "The day the complaint about the commissioner (or a conduct matter) came to the "
    "panel. Record the day the panel found it serious, if it did: the referral to the IOPC is due by the end of "
    "the next day.",
}


@dataclass(frozen=True)
class TriggerInfo:
    name: str
    label: str
    help: str
    optional: bool


@dataclass(frozen=True)
class ProcessInfo:
    id: str
    title: str
    kind: str  # "plan" | "precept" | "annual-report" | "appointment"
    area: str  # "pcc" | "london" | "any"
    triggers: tuple[TriggerInfo, ...]
    requires_one_of: tuple[str, ...] = ()  # alternatives, one of which must be given


@dataclass(frozen=True)
class PreviewDate:
    id: str
    label: str
    date: dt.date | None
    kind: str
    basis: str
    citation: str
    working: str
    warnings: tuple[str, ...]


def processes_for(regime: str | None = None) -> list[ProcessInfo]:
    """The newest version of every template that applies to a body of this regime ("pcc" or "london")."""
    newest: dict[str, object] = {}
    for template in load_all():
        if regime is not None and regime not in template.areas():
            continue
        current = newest.get(template.id)
        if current is None or template.version > current.version:
            newest[template.id] = template
    return [
        ProcessInfo(
            id=t.id,
            title=t.title,
            kind=t.cycle_kind,
            area=t.area,
            triggers=tuple(
                TriggerInfo(s.id, s.label, TRIGGER_HELP.get(s.id, s.label), s.optional) for s in t.triggers
            ),
            requires_one_of=t.requires_one_of,
        )
        for t in sorted(newest.values(), key=lambda t: (t.cycle_kind != "plan", t.title))
    ]


def preview(template_id: str, triggers: dict[str, dt.date], regime: str | None = None) -> list[PreviewDate]:
    """Every date a new cycle would derive from these triggers, with its working. Nothing is stored."""
    from tracker.rules.engine import compute_dates
    from tracker.services.cycles import check_triggers, template_for_triggers

    template = template_for_triggers(template_id, triggers)
    if regime is not None and regime not in template.areas():
        raise BadInput("process", template_id, "does not apply to this body")
    check_triggers(template, triggers)
    dates, _ = compute_dates(template, triggers, area=regime)
    return [
        PreviewDate(
            d.id, d.label, d.date, str(d.kind), str(d.basis), d.citation, d.working, tuple(d.warnings)
        )
        for d in dates
    ]
