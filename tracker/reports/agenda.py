"""The committee agenda item that puts the reply before members, with the reply as Appendix 1.

The content is assembled once (from the cycle and the editable wording in resources/report_templates) and
rendered either as a PDF or as a Word document, because agenda papers are edited in Word before publication.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field
from functools import cache

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from tracker.paths import resource
from tracker.reports.common import (
    Heading,
    ReportSettings,
    build_pdf,
    bullet,
    date_long,
    esc,
    markup,
    para,
    title_block,
)
from tracker.services.dto import CycleDetail, RecommendationRow

ACT = "Police Reform and Social Responsibility Act 2011"


@dataclass(frozen=True)
class AgendaOptions:
    report_to: str = ""
    report_of: str = "Head of the Committee Secretariat"
    meeting_date: dt.date | None = None
    public: bool = True
    contact_name: str = ""
    contact_role: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    background_papers: str = ""


@dataclass(frozen=True)
class AppendixItem:
    heading: str
    recommendations: tuple[tuple[str, str, tuple[str, ...]], ...]  # (number, text, sub-points)
    reply: str | None
    disposition: str | None


@dataclass(frozen=True)
class AgendaContent:
    subject: str
    heading_lines: tuple[tuple[str, str], ...]
    access: str
    sections: tuple[tuple[str, tuple[str, ...], bool], ...]  # (heading, numbered paragraphs, bold)
    recommendations: tuple[RecommendationRow, ...]
    recommendations_in: int  # index of the section after whose paragraphs the list goes
    appendices: tuple[str, ...]
    background_papers: str
    contact: tuple[str, ...]
    appendix_title: str
    appendix: tuple[AppendixItem, ...] = field(default_factory=tuple)
    appendix_note: str = ""


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "not recorded"


@cache
def wording() -> dict:
    return json.loads(resource("report_templates", "agenda.json").read_text(encoding="utf-8"))


def agenda_content(detail: CycleDetail, options: AgendaOptions) -> AgendaContent:
    words = wording()
    cites = words["citations"].get(detail.summary.template_id, words["citations"]["plan-pcc"])
    stages = {s.key: s for s in detail.stages}
    committee = detail.scrutiny_body.name
    coverage = detail.summary.coverage
    values = _Blank(
        committee=committee,
        committee_short=cites["committee_short"],
        plan_title=detail.summary.title,
        body=detail.body.name,
        responder=cites["responder"],
        act=ACT,
        plan_citation=cites["plan"],
        review_citation=cites["review"],
        response_citation=cites["response"],
        draft_published=_when(stages.get("draft_published")),
        panel_report=_when(stages.get("panel_report")),
        reply_date=_when(stages.get("reply")),
        plan_issued=_when(stages.get("plan_issued")),
        total=coverage.total,
        replied=coverage.replied,
        grouped=coverage.grouped,
        missing=coverage.missing,
    )
    sentences = words["sentences"]
    reply_stage = stages.get("reply")
    values["reply_sentence"] = (
        sentences["reply_on"]
        if reply_stage and reply_stage.actual_text != "not recorded"
        else sentences["reply_unknown"]
    ).format_map(values)
    values["order_sentence"] = _order_sentence(detail, sentences).format_map(values)
    values["coverage_sentence"] = sentences["coverage"].format_map(values) if coverage.total else ""
    sections = []
    recommendations_in = -1
    for index, section in enumerate(words["sections"]):
        paragraphs = tuple(" ".join(p.format_map(values).split()) for p in section["paragraphs"])
        sections.append((section["heading"], paragraphs, bool(section.get("bold"))))
        if section.get("recommendations_after"):
            recommendations_in = index
    meeting = options.meeting_date
    heading_lines = (
        ("Report to", options.report_to or committee),
        ("Report of", options.report_of),
        ("Date", date_long(meeting) if meeting else "to be set"),
    )
    contact = tuple(
        x
        for x in (
            f"{options.contact_name}, {options.contact_role}".strip(", ")
            if options.contact_name or options.contact_role
            else "",
            options.contact_phone and f"Telephone: {options.contact_phone}",
            options.contact_email and f"Email: {options.contact_email}",
        )
        if x
    ) or ("not named",)
    return AgendaContent(
        subject=words["subject"].format_map(values),
        heading_lines=heading_lines,
        access=words["public"] if options.public else words["private"],
        sections=tuple(sections),
        recommendations=detail.recommendations,
        recommendations_in=recommendations_in,
        appendices=(words["appendix_title"].format_map(values),),
        background_papers=options.background_papers or words["background_papers_default"],
        contact=contact,
        appendix_title=words["appendix_title"].format_map(values),
        appendix=appendix_items(detail),
        appendix_note=words["appendix"]["no_reply"],
    )


def _when(stage) -> str:
    """When a stage happened, as a phrase with its own preposition: "on 16 November 2021", "in March 2013
    (the day is not known)", "on or before 23 March 2022 (the exact day is not known)"."""
    if stage is None or stage.actual_text == "not recorded":
        return "on a date not recorded"
    if stage.precision == "day" and stage.actual:
        return f"on {date_long(stage.actual)}"
    if stage.precision == "month" and stage.actual:
        return f"in {stage.actual.strftime('%B %Y')} (the day is not known)"
    if stage.precision == "on or before" and stage.actual:
        return f"on or before {date_long(stage.actual)} (the exact day is not known)"
    return stage.actual_text


def _order_sentence(detail: CycleDetail, sentences: dict) -> str:
    rule = next((o for o in detail.obligations if o.rule_id == "response-before-issue"), None)
    plan = next((s for s in detail.stages if s.key == "plan_issued"), None)
    if plan is None or plan.actual_text == "not recorded":
        return sentences["order_pending"]
    if rule is None:
        return sentences["order_unknown"]
    if rule.status.value == "met":
        return sentences["order_before"]
    if "cannot confirm" in rule.working or "without this recorded" in rule.working:
        return sentences["order_unknown"]
    return sentences["order_after"]


def appendix_items(detail: CycleDetail) -> tuple[AppendixItem, ...]:
    """One item per reply passage, in the reply's order; a passage answering several recommendations is shown
    once, headed with all of them. Recommendations without a reply follow, said so."""
    words = wording()["appendix"]
    recs = {r.number: r for r in detail.recommendations}
    items: list[AppendixItem] = []
    seen: set[str] = set()
    for reply in detail.replies:
        covered = [recs[n] for n in reply.covers if n in recs]
        if not covered:
            continue
        seen.update(r.number for r in covered)
        items.append(
            AppendixItem(
                heading=_heading(r.number for r in covered),
                recommendations=tuple((r.number, r.text, r.subpoints) for r in covered),
                reply=reply.text,
                disposition=words["disposition"].format(disposition=reply.disposition)
                if reply.disposition
                else None,
            )
        )
    for rec in detail.recommendations:
        if rec.number not in seen:
            items.append(
                AppendixItem(_heading([rec.number]), ((rec.number, rec.text, rec.subpoints),), None, None)
            )
    return tuple(items)


def _heading(numbers) -> str:
    numbers = list(numbers)
    if len(numbers) == 1:
        return f"Recommendation {numbers[0]}"
    return "Recommendations " + ", ".join(numbers[:-1]) + " and " + numbers[-1]


# ---- PDF ----------------------------------------------------------------------------------------------
def render_agenda_pdf(detail: CycleDetail, options: AgendaOptions, settings: ReportSettings) -> bytes:
    content = agenda_content(detail, options)
    story: list[Flowable] = title_block(f"Subject: {content.subject}", [], settings)
    for label, value in content.heading_lines:
        story.append(markup(f"<b>{esc(label)}:</b> {esc(value)}"))
    story.append(markup(f"<b>{esc(content.access)}</b>"))
    story.append(Spacer(1, 3 * mm))
    for number, (heading, paragraphs, bold) in enumerate(content.sections, start=1):
        story.append(Heading(f"{number}. {heading}"))
        for sub, text in enumerate(paragraphs, start=1):
            body = f"<b>{esc(text)}</b>" if bold else esc(text)
            story.append(markup(f"{number}.{sub}&nbsp;&nbsp;{body}", "Numbered"))
        if number - 1 == content.recommendations_in:
            story.extend(_recommendation_list(content.recommendations))
    story.append(Heading(wording()["appendices_heading"]))
    story.extend(para(a) for a in content.appendices)
    story.append(Heading(wording()["background_papers_heading"]))
    story.append(para(f"Local Government (Access to Information) Act 1985. {content.background_papers}"))
    story.append(Heading(wording()["contact_heading"]))
    story.extend(para(line) for line in content.contact)
    from reportlab.platypus import PageBreak

    story.append(PageBreak())
    story.append(Heading(content.appendix_title))
    for item in content.appendix:
        block: list[Flowable] = [Heading(item.heading, level=1)]
        for number, text, subpoints in item.recommendations:
            block.append(markup(f"<b>Recommendation {esc(number)}</b>: {esc(text)}", "Body"))
            block.extend(bullet(s) for s in subpoints)
        story.append(KeepTogether(block))
        if item.reply is None:
            story.append(para(content.appendix_note, "Muted"))
        else:
            story.append(
                markup(
                    f"<b>Reply</b>{' (answered together)' if len(item.recommendations) > 1 else ''}: "
                    f"{esc(item.reply)}",
                    "Quote",
                )
            )
            if item.disposition:
                story.append(para(item.disposition, "Muted"))
    return build_pdf(
        story,
        f"Agenda item: {content.subject}",
        "Committee agenda item with the reply as Appendix 1",
        settings,
    )


def _recommendation_list(recommendations: tuple[RecommendationRow, ...]) -> list[Flowable]:
    flow: list[Flowable] = []
    for rec in recommendations:
        block: list[Flowable] = [Heading(f"Recommendation {rec.number}", level=1), para(rec.text)]
        block.extend(bullet(s) for s in rec.subpoints)
        flow.append(KeepTogether(block))
    return flow


# ---- Word ---------------------------------------------------------------------------------------------
def render_agenda_docx(detail: CycleDetail, options: AgendaOptions, settings: ReportSettings) -> bytes:
    import docx
    from docx.shared import Pt

    content = agenda_content(detail, options)
    document = docx.Document()
    document.core_properties.title = f"Agenda item: {content.subject}"
    document.core_properties.author = settings.author
    document.core_properties.subject = "Committee agenda item with the reply as Appendix 1"
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    document.add_heading(f"Subject: {content.subject}", level=0)
    for label, value in content.heading_lines:
        line = document.add_paragraph()
        line.add_run(f"{label}: ").bold = True
        line.add_run(value)
    document.add_paragraph().add_run(content.access).bold = True
    for number, (heading, paragraphs, bold) in enumerate(content.sections, start=1):
        document.add_heading(f"{number}. {heading}", level=1)
        for sub, text in enumerate(paragraphs, start=1):
            run = document.add_paragraph(f"{number}.{sub}  ").add_run(text)
            run.bold = bold
        if number - 1 == content.recommendations_in:
            for rec in content.recommendations:
                document.add_heading(f"Recommendation {rec.number}", level=2)
                document.add_paragraph(rec.text)
                for sub in rec.subpoints:
                    document.add_paragraph(sub, style="List Bullet")
    document.add_heading(wording()["appendices_heading"], level=1)
    for appendix in content.appendices:
        document.add_paragraph(appendix)
    document.add_heading(wording()["background_papers_heading"], level=1)
    document.add_paragraph(f"Local Government (Access to Information) Act 1985. {content.background_papers}")
    document.add_heading(wording()["contact_heading"], level=1)
    for line in content.contact:
        document.add_paragraph(line)
    document.add_page_break()
    document.add_heading(content.appendix_title, level=1)
    for item in content.appendix:
        document.add_heading(item.heading, level=2)
        for number, text, subpoints in item.recommendations:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"Recommendation {number}: ").bold = True
            paragraph.add_run(text)
            for sub in subpoints:
                document.add_paragraph(sub, style="List Bullet")
        if item.reply is None:
            document.add_paragraph(content.appendix_note).runs[0].italic = True
        else:
            paragraph = document.add_paragraph()
            paragraph.add_run(
                "Reply" + (" (answered together)" if len(item.recommendations) > 1 else "") + ": "
            ).bold = True
            paragraph.add_run(item.reply)
            if item.disposition:
                document.add_paragraph(item.disposition).runs[0].italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_agenda(
    detail: CycleDetail, options: AgendaOptions, settings: ReportSettings, fmt: str = "pdf"
) -> bytes:
    if fmt == "docx":
        return render_agenda_docx(detail, options, settings)
    return render_agenda_pdf(detail, options, settings)
