"""Papers for every process, not only the plan: the agenda item that fits where a cycle stands (the draft plan
before the panel, the proposed or revised precept, the annual report at its public meeting, a confirmation
hearing, comments on an inspection report) and the panel's report to the commissioner (PRSRA 2011 Sch 5,
Sch 8, s.28(3)).

The wording is data (the `processes` part of resources/report_templates/agenda.json); citations come from the
process template's own rules, dates from the cycle's computed obligations.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from tracker.errors import BadInput
from tracker.reports import common as layout
from tracker.reports.agenda import (
    ACT,
    AgendaContent,
    _Blank,
    _sentence_case,
    _the,
    _when,
    recommendations_phrase,
)
from tracker.reports.wording import wording
from tracker.rules.templates import get_template
from tracker.services.dto import CycleDetail, RecommendationRow

UNKNOWN_DUE = "a date not yet known"


def section_for(detail: CycleDetail) -> dict:
    return wording()["processes"][detail.summary.template_id]


def _happened(detail: CycleDetail, key: str) -> bool:
    stage = next((s for s in detail.stages if s.key == key), None)
    return stage is not None and (stage.actual is not None or stage.precision == "after")


def _later(detail: CycleDetail, key: str) -> bool:
    """The stage is recorded, but as happening after the day the paper is for."""
    stage = next((s for s in detail.stages if s.key == key), None)
    return (
        stage is not None
        and stage.actual is None
        and stage.precision is None
        and stage.actual_text != "not recorded"
    )


def vote_of(detail: CycleDetail):
    """The vote on the veto as the record stood on the paper's day: none if it was taken after that day."""
    return None if _later(detail, "veto") else detail.vote


def vetoed(detail: CycleDetail) -> bool:
    """A veto stands where the vote carried it, or (with no vote recorded) where the veto is recorded."""
    vote = vote_of(detail)
    if vote is not None:
        return vote.carried
    return _happened(detail, "veto")


def item_kind(detail: CycleDetail) -> str | None:
    """Which agenda item fits where the cycle stands; None for the plan's item that notes the reply."""
    template_id = detail.summary.template_id
    if template_id in ("plan-pcc", "plan-london"):
        reported = _happened(detail, "panel_report") or bool(detail.recommendations)
        return None if reported else "draft"
    if template_id in ("precept", "fire-precept"):
        return "revised" if vetoed(detail) else "proposed"
    if template_id == "chief-constable":
        return (
            "reserve" if vetoed(detail) or _happened(detail, "reserve_notification_received") else "hearing"
        )
    return next(iter(section_for(detail).get("items", {})), None)


def refused(detail: CycleDetail) -> str | None:
    """Why a process makes no papers at all, from the wording ('refused'), if it makes none."""
    return section_for(detail).get("refused")


def process_values(detail: CycleDetail) -> _Blank:
    """Everything a process paper's wording may name, filled from the cycle, its template and its obligations."""
    section = section_for(detail)
    common = wording()["processes"]["common"]
    area = detail.body.area if detail.body.area in section["names"] else next(iter(section["names"]))
    names = section["names"][area]
    template = get_template(detail.summary.template_id)
    values = _Blank(
        committee=detail.scrutiny_body.name,
        committee_short=names["committee_short"],
        body=detail.body.name,
        the_body=_the(detail.body.name),
        the_body_lower=_the(detail.body.name).replace("The ", "the ", 1),
        responder=names["responder"],
        act=ACT,
        cycle_title=detail.summary.title,
        veto_citation=template.veto_citation,
        recommendation_count=len(detail.recommendations),
        recommendations_phrase=recommendations_phrase(len(detail.recommendations)),
    )
    dues = {o.rule_id: o.due for o in detail.obligations}
    for rule in template.rules:
        key = rule.id.replace("-", "_")
        values[f"cite_{key}"] = rule.citation
        values[f"due_{key}"] = layout.date_long(dues[rule.id]) if dues.get(rule.id) else UNKNOWN_DUE
    stages = {s.key: s for s in detail.stages}
    for stage in template.stages:
        values[f"when_{stage.id}"] = _when(stages.get(stage.id))
    vote = vote_of(detail)
    members = vote.members if vote and vote.members else detail.scrutiny_body.members_in_post
    if template.veto_fraction:
        if (template.veto_denominator or "").startswith("votes"):
            two_thirds = common["two_thirds_votes"]
        elif members:
            from tracker.rules.engine import veto_votes_needed

            values.update(members=members, needed=veto_votes_needed(members))
            two_thirds = common["two_thirds_members"]
        else:
            two_thirds = common["two_thirds_unknown"]
        values["two_thirds_sentence"] = two_thirds.format_map(values)
    else:
        values["two_thirds_sentence"] = ""
    values["vote_sentence"] = ""
    if vote is not None:
        values.update(
            votes_for=vote.votes_for,
            votes_against=vote.against,
            abstentions=vote.abstentions,
            denominator=vote.denominator,
            of_what=vote.of_what,
            needed=vote.needed,
            outcome=common["vote_carried" if vote.carried else "vote_short"],
            # no abstentions recorded: the sentence says nothing of them, never "with 0 abstaining"
            abstaining_phrase=f", with {vote.abstentions} abstaining" if vote.abstentions else "",
        )
        values["vote_sentence"] = common["vote"].format_map(values)
    basis = section.get("sentences", {}).get(f"basis_{detail.body.area}", "")
    values["basis_sentence"] = basis.format_map(values)
    return values


def _fill(text: str, values: dict) -> str:
    return _sentence_case(" ".join(text.format_map(values).split()))


def process_content(
    detail: CycleDetail, content: AgendaContent, published_separately: bool = False
) -> AgendaContent:
    """The agenda item for where the cycle stands, in the frame (heading lines, access, background papers,
    contact) the plan's item has already set; the plan's item that notes the reply is returned unchanged.
    The document the item is about is appended when the store holds it; otherwise the list of appendices
    says where it is (published separately, or not held and to be circulated), as the plan's item says of
    a reply it does not append."""
    kind = item_kind(detail)
    if kind is None:
        return content
    words = section_for(detail)["items"][kind]
    values = process_values(detail)
    sections = []
    for section in words["sections"]:
        paragraphs = tuple(p for p in (_fill(t, values) for t in section["paragraphs"]) if p)
        if paragraphs:
            sections.append((section["heading"], paragraphs, bool(section.get("bold"))))
    subject = _fill(words["subject"], values)
    appendices = tuple(_fill(a, values) for a in words["appendices"])
    common = wording()["processes"]["common"]
    document = content.reply if appendices else None
    if appendices and document is None:
        note = wording()["appendix"]["document_separately" if published_separately else "document_not_held"]
        appendices = tuple(f"{a} ({note})" for a in appendices)
    unread = document is not None and not document.paragraphs  # a scan: its pages only, in the PDF paper
    return dataclasses.replace(
        content,
        subject=subject,
        description=common["description_appended" if document else "description"].format(
            item_subject=subject
        ),
        reply=document,
        reply_note=_document_note(document, values) if document else "",
        reply_follows=_document_follows(document) if document else "",
        reply_unread=_document_follows(document, "document_unread") if unread else "",
        sections=tuple(sections),
        recommendations=(),
        recommendations_in=-1,
        appendices=appendices or ("None",),
        appendix_title=appendices[0] if document else "",
        appendix=(),
        appendix_note="",
        recommendations_note="",
    )


def _document_note(document, values: dict) -> str:
    """Who the appended document came to, its date and reference."""
    note = wording()["appendix"]["document_from"].format(
        committee_short=values["committee_short"],
        # the phrase; the bare date keeps its older meaning for wording files written before the phrase
        document_dated=f"dated {layout.date_long(document.date)}"
        if document.date
        else "its date not recorded",
        document_date=layout.date_long(document.date) if document.date else "an unrecorded date",
        document_reference=f" (reference {document.reference})" if document.reference else "",
    )
    return note


def _document_follows(document, key: str = "document_follows") -> str:
    """In the PDF paper, that the document's own pages follow; the Word paper sets its text instead, or, for
    a scan kept unread ("document_unread"), says its pages are in the PDF paper."""
    if document.pdf is None:
        return ""
    pages = f"{document.pages} page{'' if document.pages == 1 else 's'}"
    return wording()["appendix"][key].format(reply_pages=pages)


# ---- the panel's report to the commissioner ---------------------------------------------------------------
@dataclass(frozen=True)
class PanelReport:
    title: str
    lines: tuple[str, ...]  # who it is from and to, the date, the cycle
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # (heading, paragraphs) before the recommendations
    recommendations: tuple[RecommendationRow, ...]
    after: tuple[tuple[str, tuple[str, ...]], ...]  # (heading, paragraphs) after them


REPORT_STAGES = ("panel_report", "recommendation")
# the report a process makes after a veto: (its wording key, the stages that show the cycle is there, the
# stages that date it)
LATER_REPORTS = {
    "precept": ("second_report", ("revised_notified", "second_report"), ("second_report",)),
    "fire-precept": ("second_report", ("revised_notified", "second_report"), ("second_report",)),
    "chief-constable": (
        "reserve_report",
        ("reserve_notification_received", "reserve_hearing", "reserve_report"),
        ("reserve_report",),
    ),
}
DECISIONS = ("accept", "reject")


def report_kind(detail: CycleDetail) -> str:
    """Which report to the commissioner fits where the cycle stands: "panel_report" (the first, which may
    state a veto), or the one after a veto ("second_report" on a revised precept, "reserve_report" on a
    reserve candidate) once the revised precept or the reserve candidate has been notified."""
    later = LATER_REPORTS.get(detail.summary.template_id)
    if later and "panel_report" in section_for(detail) and any(_happened(detail, k) for k in later[1]):
        return later[0]
    return "panel_report"


def _report_stages(detail: CycleDetail) -> tuple[str, ...]:
    later = LATER_REPORTS.get(detail.summary.template_id)
    return later[2] if later and report_kind(detail) == later[0] else REPORT_STAGES


def _recommendations_of(detail: CycleDetail, kind: str) -> tuple[RecommendationRow, ...]:
    """The recommendations of this report: those read from a document dated before the revised precept or
    the reserve candidate belong to the first report, those from a later one to the report after the veto;
    one added by hand belongs to the report the cycle is at."""
    later = LATER_REPORTS.get(detail.summary.template_id)
    if later is None:
        return detail.recommendations
    stages = {s.key: s for s in detail.stages}
    since = next((stages[k].actual for k in later[1] if k in stages and stages[k].actual), None)
    if since is None:
        return detail.recommendations
    dated = {d.file_name: d.date for d in detail.documents if d.date}

    def later_one(rec: RecommendationRow) -> bool | None:
        day = dated.get(rec.source.document) if rec.source else None
        return None if day is None else day >= since

    wanted = kind != "panel_report"
    return tuple(r for r in detail.recommendations if later_one(r) in (None, wanted))


def panel_report_refusal(detail: CycleDetail, decision: str | None = None) -> str | None:
    section = section_for(detail)
    if "refused" in section:
        return section["refused"]
    if "panel_report" not in section:
        return (
            f"is a {detail.template_title[:1].lower() + detail.template_title[1:]} cycle: the panel makes no "
            "report to the commissioner in this process"
        )
    kind = report_kind(detail)
    if kind == "second_report" and decision not in DECISIONS:
        return (
            "is at the second report, on the revised precept: say whether the panel accepts or rejects it "
            "(accept or reject)"
        )
    if kind == "reserve_report" and not _recommendations_of(detail, kind):
        return (
            "has no recommendation on the reserve candidate recorded as of that day: add the panel's "
            "recommendation first"
        )
    if (
        kind == "panel_report"
        and not detail.recommendations
        and not vetoed(detail)
        and "none" not in section["panel_report"]["outcomes"]
    ):
        return (
            "has no recommendation and no veto recorded as of that day: import or add the panel's "
            "recommendation (or record the veto) first"
        )
    return None


def panel_report_content(detail: CycleDetail, decision: str | None = None) -> PanelReport:
    if decision is not None and decision not in DECISIONS:
        raise BadInput("--decision", decision, "must be accept or reject")
    if decision is not None and report_kind(detail) != "second_report":
        raise BadInput(
            "--decision",
            decision,
            "is for the second report on a revised precept only: this cycle is not at that report",
        )
    why = panel_report_refusal(detail, decision)
    if why:
        raise BadInput("--decision" if "accept or reject" in why else "--cycle", detail.summary.id, why)
    kind = report_kind(detail)
    if kind != "panel_report":
        return _later_report(detail, kind, decision)
    words = section_for(detail)["panel_report"]
    common = wording()["processes"]["common"]
    values = process_values(detail)
    veto = vetoed(detail)
    rows = {o.rule_id: o for o in detail.obligations}
    due = next((rows[r] for r in words["response_rules"] if r in rows and rows[r].due), None)
    if veto and "response_veto" in words:
        response = words["response_veto"]
    elif due is not None:
        values["response_by"] = f"{layout.date_long(due.due)} ({due.citation})"
        response = words["response"]
    else:
        response = words["response_unset"]
    recommendations = _recommendations_of(detail, kind)
    values["recommendations_phrase"] = recommendations_phrase(len(recommendations))
    outcomes = words["outcomes"]
    outcome = [
        outcomes["veto"]
        if veto and "veto" in outcomes
        else outcomes["recommendations" if recommendations else "none"]
    ]
    if veto:
        outcome.append("{vote_sentence}" if vote_of(detail) else "{two_thirds_sentence}")
    if veto and recommendations:
        outcome.append(common["with_veto_recommendations"])
    vote = [] if veto or vote_of(detail) is None else ["{vote_sentence}"]
    return _report(detail, words, values, outcome + vote, recommendations, response)


def _later_report(detail: CycleDetail, kind: str, decision: str | None) -> PanelReport:
    """The report after a veto: the second report on a revised precept (accept or reject, with any
    recommendations) or the report on a reserve candidate (a recommendation); neither can veto."""
    words = section_for(detail)[kind]
    values = process_values(detail)
    recommendations = _recommendations_of(detail, kind)
    values["recommendations_phrase"] = recommendations_phrase(len(recommendations))
    outcome = [words["outcomes"][decision]] if decision else []
    if recommendations:
        outcome.append(words["outcomes"]["recommendations"])
    outcome.append(words["no_veto"])
    return _report(detail, words, values, outcome, recommendations, words["response"])


def _report(detail, words, values, outcome, recommendations, response) -> PanelReport:
    common = wording()["processes"]["common"]
    made = next((s for s in detail.stages if s.key in _report_stages(detail) and s.actual), None)
    heading = common["report_heading"].format_map(values)

    def filled(texts) -> tuple[str, ...]:
        return tuple(p for p in (_fill(t, values) for t in texts) if p)

    summaries = [] if all(r.from_document for r in recommendations) else [_summarised()]
    sections = [
        (_fill(common["basis_heading"], values), filled([words["basis"]])),
        (_fill(common["decision_heading"], values), filled(outcome + summaries)),
    ]
    return PanelReport(
        title=_fill(words["title"], values),
        lines=(
            heading,
            f"{common['report_to']}: {values['the_body']}",
            f"Date: {_made_on(made)}" if made else "Date: not yet made (draft)",
            detail.summary.title,
        ),
        sections=tuple(sections),
        recommendations=recommendations,
        after=((_fill(common["response_heading"], values), filled([response])),),
    )


def _made_on(stage) -> str:
    """The report's date as the record knows it: a day, or what is known ("on or before 23 March 2022")."""
    return layout.date_long(stage.actual) if stage.precision == "day" else _when(stage)


def _summarised() -> str:
    """The register may hold the secretariat's summaries rather than the report's words: the paper says so."""
    return wording()["appendix"]["recommendations_summary_note"]


def render_panel_report(
    detail: CycleDetail, settings: layout.ReportSettings, fmt: str = "pdf", decision: str | None = None
) -> bytes:
    report = panel_report_content(detail, decision)
    heading = _fill(wording()["processes"]["common"]["recommendations_heading"], {})
    numbered = list(report.sections)
    if report.recommendations:
        numbered.append((heading, ()))
    numbered.extend(report.after)
    if fmt == "docx":
        return _panel_report_docx(report, numbered, heading, settings)
    story: list[Flowable] = layout.title_block(report.title, list(report.lines), settings)
    story.append(Spacer(1, 3 * mm))
    for number, (title, paragraphs) in enumerate(numbered, start=1):
        story.append(layout.Heading(f"{number}. {title}"))
        for sub, text in enumerate(paragraphs, start=1):
            story.append(layout.numbered(f"{number}.{sub}", layout.esc(text)))
        if title == heading:
            for rec in report.recommendations:
                story.append(
                    layout.markup(
                        f"<b>Recommendation {layout.esc(rec.number)}</b>: {layout.esc(rec.text)}", "Body"
                    )
                )
                story.extend(layout.bullet(s) for s in rec.subpoints)
    return layout.build_pdf(story, report.title, report.lines[0], settings, date=_report_day(detail))


def _report_day(detail: CycleDetail):
    """The day the paper carries in its footer: the day the panel made its report, else the as-of day."""
    stages = {s.key: s for s in detail.stages}
    for key in _report_stages(detail):
        stage = stages.get(key)
        if stage is not None and stage.actual is not None:
            return stage.actual
    return detail.as_of


def _panel_report_docx(report: PanelReport, numbered, heading: str, settings: layout.ReportSettings) -> bytes:
    from tracker.reports.word import new_document, to_bytes

    document = new_document(report.title, report.lines[0], settings)
    document.add_heading(report.title, level=0)
    for line in report.lines:
        document.add_paragraph(line)
    for number, (title, paragraphs) in enumerate(numbered, start=1):
        document.add_heading(f"{number}. {title}", level=1)
        for sub, text in enumerate(paragraphs, start=1):
            document.add_paragraph(f"{number}.{sub}  {text}")
        if title == heading:
            for rec in report.recommendations:
                paragraph = document.add_paragraph()
                paragraph.add_run(f"Recommendation {rec.number}: ").bold = True
                paragraph.add_run(rec.text)
                for sub in rec.subpoints:
                    document.add_paragraph(sub, style="List Bullet")
    return to_bytes(document)
