"""One way to build any paper from the services, for the command line and the desktop app alike: plain
data from the services in, bytes from the renderer out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tracker.domain import Status


@dataclass(frozen=True)
class CalendarEntry:
    """One dated thing in the calendar: an obligation, a meeting, a planned stage or a dated follow-up."""

    day: dt.date
    cycle_id: str | None
    kind: str  # "obligation" | "meeting" | "planned" | "commitment" | "ask"
    label: str
    status: str
    citation: str
    working: str
    status_code: Status | None = None


def calendar_entries(
    services, start: dt.date, end: dt.date, as_of: dt.date, cycle_id: str | None = None
) -> list[CalendarEntry]:
    """Everything dated between two days: obligations (each by its own rule), meetings with their papers
    deadline, planned stages (a reply-by date, a consultation close) and dated asks and commitments."""
    entries = [
        CalendarEntry(
            r.due, r.cycle_id, "obligation", r.label, str(r.status), r.citation, r.working, r.status
        )
        for r in services.cycles.deadlines(as_of, from_date=start, to_date=end, cycle_id=cycle_id)
    ]
    for meeting in services.meetings.list(cycle_id=cycle_id, from_date=start, to_date=end):
        entries.append(
            CalendarEntry(
                meeting.date,
                meeting.cycle_id,
                "meeting",
                f"Meeting: {meeting.title} ({meeting.panel})",
                "meeting",
                "",
                f"papers to be published by {meeting.papers_by:%d %b %Y}: {meeting.papers_working}",
            )
        )
    for cid in [cycle_id] if cycle_id else services.cycles.ids():
        detail = services.cycles.detail(cid, as_of)
        for stage in detail.stages:
            if stage.planned and stage.actual is None and start <= stage.planned <= end:
                what = "set by the panel" if stage.set_by_panel else "planned"
                entries.append(
                    CalendarEntry(
                        stage.planned, cid, "planned", stage.label, what, "", f"{what}: {stage.label}"
                    )
                )
        for follow_up in detail.follow_ups:
            if follow_up.due and start <= follow_up.due <= end:
                number = (
                    f" (recommendation {follow_up.recommendation_number})"
                    if follow_up.recommendation_number
                    else ""
                )
                status = "done" if follow_up.met_on else "open"
                entries.append(
                    CalendarEntry(
                        follow_up.due,
                        cid,
                        follow_up.kind,
                        follow_up.text + number,
                        status,
                        "",
                        follow_up.kind,
                    )
                )
    return sorted(entries, key=lambda e: (e.day, e.cycle_id or "", e.kind, e.label))


def build_report(
    services,
    kind: str,
    fmt: str,
    *,
    cycle_id: str | None,
    as_of: dt.date,
    start: dt.date | None = None,
    end: dt.date | None = None,
    agenda_options=None,
) -> bytes:
    from tracker.reports.common import ReportSettings

    settings = ReportSettings.from_mapping(services.settings.report_settings())
    if kind == "calendar":
        from tracker.reports.calendar import render_calendar_pdf

        entries = calendar_entries(services, start, end, as_of, cycle_id)
        titles = dict(services.cycles.titles())
        return render_calendar_pdf(entries, titles, start, end, settings, as_of=as_of)
    detail = services.cycles.detail(cycle_id, as_of)
    if kind == "status":
        from tracker.reports.status import render_status_pdf

        return render_status_pdf(detail, settings)
    if kind == "audit":
        from tracker.reports.audit import render_audit_pdf

        return render_audit_pdf(detail, settings)
    from tracker.reports.agenda import AgendaOptions, render_agenda

    return render_agenda(detail, agenda_options or AgendaOptions(), settings, fmt)
