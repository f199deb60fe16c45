"""One way to build any paper from the services, for the command line and the desktop app alike: plain
data from the services in, bytes from the renderer out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tracker.domain import Status
from tracker.domain.formatting import uk_date
from tracker.errors import BadInput


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
                f"papers to be published by {uk_date(meeting.papers_by)}: {meeting.papers_working}",
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
    decision: str | None = None,
    asked_before: bool = False,
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
        # the best earlier match of each recommendation: the officer's confirmed link, else the closest
        earlier = (
            {n: found[0] for n, found in services.asked_before.related_in_cycle(cycle_id).items() if found}
            if asked_before
            else None
        )
        render = render_audit_docx if fmt == "docx" else render_audit_pdf
        return render(detail, settings, asked_before=earlier)
    if kind == "panel-report":
        from tracker.reports.process_papers import render_panel_report

        return render_panel_report(_members_on(services, detail, _vote_day(detail)), settings, fmt, decision)
    return _agenda(services, detail, cycle_id, as_of, fmt, agenda_options, settings)


class NoReplyDocument(BadInput):
    """The plan's item would append the reply, but the store holds no reply document (the app says how to
    fix it in its own terms, the command line in its)."""


# the stages a meeting that notes the reply is recorded for, most telling first
REPLY_STAGES = ("reply_noted", "reply", "response", "final_response", "reply_published")


def _agenda(services, detail, cycle_id, as_of: dt.date, fmt: str, options, settings) -> bytes:
    import dataclasses

    from tracker.errors import BadInput
    from tracker.reports.agenda import AgendaOptions, refusal, render_agenda

    why = refusal(detail)
    if why:
        raise BadInput("--cycle", cycle_id, why)
    options = options or AgendaOptions()
    if not options.public and options.exempt_paragraph is None:
        raise BadInput(
            "--private", "", "needs --exempt-paragraph N: the paragraph (1 to 7) of Part 1 of Schedule 12A "
            "to the Local Government Act 1972 that makes the item exempt",
        )  # fmt: skip
    if options.exempt_paragraph is not None and options.public:
        raise BadInput("--exempt-paragraph", str(options.exempt_paragraph), "needs --private")
    if options.exempt_paragraph is not None and not 1 <= options.exempt_paragraph <= 7:
        raise BadInput(
            "--exempt-paragraph",
            str(options.exempt_paragraph),
            "must be a paragraph from 1 to 7 of Part 1 of Schedule 12A",
        )
    if options.with_assessment and not detail.replies:
        raise BadInput(
            "--with-assessment", "", "has nothing to add: no reply passages are recorded for this cycle"
        )
    from tracker.reports.process_papers import item_kind

    # the plan's item that notes the reply appends the reply; a process item (a draft, a precept, a hearing)
    # appends its own document when the store holds one
    kind = item_kind(detail)
    if options.without_appendix:
        reply = None
    elif kind is None:
        reply = _reply_appendix(services, detail, cycle_id)
    else:  # the draft, the notification: appended when the store holds it, else listed as to follow
        reply = _process_appendix(services, detail, kind)
    meeting_day = _meeting_day(services, detail, options, as_of)
    detail = _members_on(services, detail, meeting_day or as_of)
    paper = services.settings.report_settings()
    # what the command line or the dialog did not say comes from the recorded meeting and the settings
    options = dataclasses.replace(
        options,
        meeting_date=meeting_day,
        report_of=options.report_of or str(paper.get("report_of") or ""),
        contact_name=options.contact_name or str(paper.get("contact_name") or ""),
        contact_phone=options.contact_phone or str(paper.get("contact_telephone") or ""),
        contact_email=options.contact_email or str(paper.get("contact_email") or ""),
    )
    return render_agenda(detail, options, settings, fmt, reply)


def _reply_appendix(services, detail, cycle_id):
    """The latest reply as it was imported, ready to append; refused when the store does not hold it."""
    superseded = {d.supersedes_id for d in detail.documents if d.supersedes_id}
    replies = [d for d in detail.documents if d.kind == "reply" and d.id not in superseded]
    stored = next((services.cycles.stored_document(d.id) for d in reversed(replies) if d.has_original), None)
    if stored is None:
        raise NoReplyDocument(
            "--cycle",
            cycle_id,
            "has no reply document in the store to append as Appendix 1: import the reply "
            f"(tracker import reply FILE --cycle {cycle_id}), or use --without-appendix to say it is "
            "published separately",
        )
    return _appendix_of(stored)


# the kind of document each process item puts before members as its Appendix 1, and the stage after which
# it came (the revised precept's notification is the one after the veto)
ITEM_DOCUMENTS = {
    "draft": ("draft plan", None),
    "proposed": ("notification", None),
    "revised": ("notification", "veto"),
    "hearing": ("notification", None),
    "reserve": ("notification", "veto"),
    "review": ("annual report", None),
    "comments": ("comments", None),
}


def _process_appendix(services, detail, item: str):
    """The document a process item appends (the draft plan, the notification), the latest the store holds
    of its kind, dated no earlier than the step it follows; None when there is none."""
    if item not in ITEM_DOCUMENTS:
        return None
    kind, after = ITEM_DOCUMENTS[item]
    stage = next((s for s in detail.stages if s.key == after and s.actual), None) if after else None
    superseded = {d.supersedes_id for d in detail.documents if d.supersedes_id}
    documents = [
        d
        for d in detail.documents
        if d.kind == kind
        and d.id not in superseded
        and d.has_original
        and (stage is None or d.date is None or d.date >= stage.actual)
    ]
    if not documents:
        return None
    stored = services.cycles.stored_document(documents[-1].id)
    return _appendix_of(stored) if stored else None


def _appendix_of(stored):
    """A stored document ready to append: a PDF page for page, anything else paragraph by paragraph."""
    from tracker.importing.readers import PDF, paragraphs_of, text_paragraphs
    from tracker.reports.agenda import ReplyAppendix

    if stored.media_type == PDF:
        from io import BytesIO

        from pypdf import PdfReader

        reader = PdfReader(BytesIO(stored.data))
        if reader.is_encrypted:
            reader.decrypt("")
        return ReplyAppendix(
            stored.title, stored.date, stored.reference, stored.data, text_paragraphs(stored.text),
            len(reader.pages), stored.id,
        )  # fmt: skip
    return ReplyAppendix(
        stored.title, stored.date, stored.reference, None, paragraphs_of(stored.data, stored.media_type),
        0, stored.id,
    )  # fmt: skip


def _reply_bounds(detail) -> tuple[dt.date | None, dt.date | None]:
    """(the earliest day the reply can have come, the day to look for a meeting from) as the record has it."""
    stages = {s.key: s for s in detail.stages}
    documents = [d for d in detail.documents if d.kind == "reply" and d.date]
    if documents:
        return documents[-1].date, documents[-1].date
    stage = stages.get("reply")
    if stage is None:
        return None, None
    if stage.precision == "after" and stage.after_stage in stages:
        earlier = stages[stage.after_stage]
        return _reply_bounds_of(earlier)
    return _reply_bounds_of(stage)


def _reply_bounds_of(stage) -> tuple[dt.date | None, dt.date | None]:
    if stage.actual is None:
        return None, None
    if stage.precision == "month":
        return stage.actual.replace(day=1), stage.actual.replace(day=1)
    if stage.precision == "on or before":  # it may have come any day up to this one
        return None, stage.actual
    return stage.actual, stage.actual


def _meeting_day(services, detail, options, as_of: dt.date) -> dt.date | None:
    """The meeting the item goes to: the one chosen (--meeting, --meeting-date), else the first meeting of
    the committee on or after the reply (one recorded as for the reply preferred); never one before it."""
    from tracker.domain.formatting import uk_date
    from tracker.errors import BadInput

    earliest, start = _reply_bounds(detail)
    chosen, field, value = None, "", ""
    if options.meeting_id is not None:
        field, value = "--meeting", str(options.meeting_id)
        meeting = services.meetings.get(options.meeting_id)
        if meeting.panel_id != detail.scrutiny_body.id:
            raise BadInput(
                field, value, f"is a meeting of {meeting.panel}, not of {detail.scrutiny_body.name}"
            )
        chosen = meeting.date
    elif options.meeting_date is not None:
        field, value, chosen = "--meeting-date", options.meeting_date.isoformat(), options.meeting_date
    if chosen is not None:
        if earliest is not None and chosen < earliest:
            raise BadInput(
                field,
                value,
                f"is before the reply ({uk_date(earliest, long=True)}): a meeting cannot note a reply it has "
                "not had; choose a meeting on or after that day",
            )
        return chosen
    meetings = services.meetings.list(panel_id=detail.scrutiny_body.id)
    after = [m for m in meetings if m.date >= (start or as_of) and m.cycle_id in (None, detail.summary.id)]
    # the first meeting recorded as for the reply wins; otherwise the first meeting after it
    ranked = sorted(after, key=lambda m: (m.for_stage not in REPLY_STAGES, m.date))
    return ranked[0].date if ranked else None


def _vote_day(detail) -> dt.date:
    """The day a two-thirds count is taken on in the panel's report: the veto's, else the report's."""
    from tracker.reports.process_papers import _report_day

    veto = next((s for s in detail.stages if s.key == "veto" and s.actual), None)
    return veto.actual if veto else _report_day(detail)


def _members_on(services, detail, day: dt.date):
    """The cycle with the panel's members in post as they were on `day` (the meeting's, the vote's), not as
    they are now: a two-thirds count is of the members at the time the decision is made."""
    import dataclasses

    members = services.bodies.members_on(detail.body.id, day)
    if members is None or members == detail.scrutiny_body.members_in_post:
        return detail
    panel = dataclasses.replace(detail.scrutiny_body, members_in_post=members)
    return dataclasses.replace(detail, scrutiny_body=panel)


def _named(settings, panel: str | None):
    """With no organisation set, a paper carries the name of the panel it is for, never another's."""
    if settings.organisation:
        return settings
    import dataclasses

    return dataclasses.replace(settings, organisation=f"{panel or 'Police and crime panel'} secretariat")
