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
            r.due,
            r.cycle_id,
            "obligation",
            r.label_with_condition,
            str(r.status),
            r.citation,
            r.working,
            r.status,
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
                # "Written response required by (set by the panel)" says it already
                note = stage.label if what in stage.label else f"{what}: {stage.label}"
                entries.append(CalendarEntry(stage.planned, cid, "planned", stage.label, what, "", note))
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

        panels = {b.panel_name for b in services.bodies.list() if b.panel_name}
        settings = _named(settings, next(iter(panels)) if len(panels) == 1 else None)
        entries = calendar_entries(services, start, end, as_of, cycle_id)
        titles = dict(services.cycles.titles())
        return render_calendar_pdf(entries, titles, start, end, settings, as_of=as_of)
    detail = services.cycles.detail(cycle_id, as_of)
    settings = _named(settings, detail.scrutiny_body.name)
    if kind == "status":
        from tracker.reports.status import render_status_docx, render_status_pdf

        return render_status_docx(detail, settings) if fmt == "docx" else render_status_pdf(detail, settings)
    if kind == "audit":
        from tracker.reports.audit import render_audit_docx, render_audit_pdf

        if not detail.recommendations:
            from tracker.errors import BadInput

            raise BadInput(
                "--cycle", cycle_id, "has no recommendations recorded as of that day: nothing to audit"
            )
        return render_audit_docx(detail, settings) if fmt == "docx" else render_audit_pdf(detail, settings)
    if kind == "panel-report":
        from tracker.reports.process_papers import render_panel_report

        return render_panel_report(detail, settings, fmt)
    import dataclasses

    from tracker.errors import BadInput
    from tracker.reports.agenda import AgendaOptions, refusal, render_agenda

    why = refusal(detail)
    if why:
        raise BadInput("--cycle", cycle_id, why)
    options = agenda_options or AgendaOptions()
    paper = services.settings.report_settings()
    meetings = services.meetings.list(cycle_id=cycle_id)
    upcoming = [m for m in meetings if m.date >= as_of]
    meeting = (upcoming[0] if upcoming else meetings[-1]) if meetings else None
    # what the command line or the dialog did not say comes from the recorded meeting and the settings
    options = dataclasses.replace(
        options,
        meeting_date=options.meeting_date or (meeting.date if meeting else None),
        report_of=options.report_of or str(paper.get("report_of") or ""),
        contact_name=options.contact_name or str(paper.get("contact_name") or ""),
        contact_phone=options.contact_phone or str(paper.get("contact_telephone") or ""),
        contact_email=options.contact_email or str(paper.get("contact_email") or ""),
    )
    return render_agenda(detail, options, settings, fmt)


def _named(settings, panel: str | None):
    """With no organisation set, a paper carries the name of the panel it is for, never another's."""
    if settings.organisation:
        return settings
    import dataclasses

    return dataclasses.replace(settings, organisation=f"{panel or 'Police and crime panel'} secretariat")
