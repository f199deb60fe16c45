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
from tracker.reports.agenda import ACT, AgendaContent, _Blank, _sentence_case, _the, _when
from tracker.reports.wording import wording
from tracker.rules.templates import get_template
from tracker.services.dto import CycleDetail, RecommendationRow

UNKNOWN_DUE = "a date not yet known"


def section_for(detail: CycleDetail) -> dict:
    return wording()["processes"][detail.summary.template_id]


def _happened(detail: CycleDetail, key: str) -> bool:
    stage = next((s for s in detail.stages if s.key == key), None)
    return stage is not None and (stage.actual is not None or stage.precision == "after")


def vetoed(detail: CycleDetail) -> bool:
    """A veto stands where the vote carried it, or (with no vote recorded) where the veto is recorded."""
    if detail.vote is not None:
        return detail.vote.carried
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
        recommendations_phrase="the recommendation"
        if len(detail.recommendations) == 1
        else f"the {len(detail.recommendations)} recommendations",
    )
    dues = {o.rule_id: o.due for o in detail.obligations}
    for rule in template.rules:
        key = rule.id.replace("-", "_")
        values[f"cite_{key}"] = rule.citation
        values[f"due_{key}"] = layout.date_long(dues[rule.id]) if dues.get(rule.id) else UNKNOWN_DUE
    stages = {s.key: s for s in detail.stages}
    for stage in template.stages:
        values[f"when_{stage.id}"] = _when(stages.get(stage.id))
    vote = detail.vote
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
        )
        values["vote_sentence"] = common["vote"].format_map(values)
    basis = section.get("sentences", {}).get(f"basis_{detail.body.area}", "")
    values["basis_sentence"] = basis.format_map(values)
    return values


def _fill(text: str, values: dict) -> str:
    return _sentence_case(" ".join(text.format_map(values).split()))


def process_content(detail: CycleDetail, content: AgendaContent) -> AgendaContent:
    """The agenda item for where the cycle stands, in the frame (heading lines, access, background papers,
    contact) the plan's item has already set; the plan's item that notes the reply is returned unchanged."""
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
    return dataclasses.replace(
        content,
        subject=_fill(words["subject"], values),
        sections=tuple(sections),
        recommendations=(),
        recommendations_in=-1,
        appendices=tuple(_fill(a, values) for a in words["appendices"]) or ("None",),
        appendix_title="",
        appendix=(),
        appendix_note="",
        recommendations_note="",
    )


# ---- the panel's report to the commissioner ---------------------------------------------------------------
@dataclass(frozen=True)
class PanelReport:
    title: str
    lines: tuple[str, ...]  # who it is from and to, the date, the cycle
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # (heading, paragraphs) before the recommendations
    recommendations: tuple[RecommendationRow, ...]
    after: tuple[tuple[str, tuple[str, ...]], ...]  # (heading, paragraphs) after them


REPORT_STAGES = ("panel_report", "recommendation")


def panel_report_refusal(detail: CycleDetail) -> str | None:
    section = section_for(detail)
    if "refused" in section:
        return section["refused"]
    if "panel_report" not in section:
        return (
            f"is a {detail.template_title[:1].lower() + detail.template_title[1:]} cycle: the panel makes no "
            "report to the commissioner in this process"
        )
    if (
        not detail.recommendations
        and not vetoed(detail)
        and "none" not in section["panel_report"]["outcomes"]
    ):
        return (
            "has no recommendation and no veto recorded as of that day: import or add the panel's "
            "recommendation (or record the veto) first"
        )
    return None


def panel_report_content(detail: CycleDetail) -> PanelReport:
    why = panel_report_refusal(detail)
    if why:
        raise BadInput("--cycle", detail.summary.id, why)
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
    outcomes = words["outcomes"]
    outcome = [
        outcomes["veto"]
        if veto and "veto" in outcomes
        else outcomes["recommendations" if detail.recommendations else "none"]
    ]
    if veto:
        outcome.append("{vote_sentence}" if detail.vote else "{two_thirds_sentence}")
    if veto and detail.recommendations:
        outcome.append(common["with_veto_recommendations"])
    vote = [] if veto or detail.vote is None else ["{vote_sentence}"]
    made = next((s for s in detail.stages if s.key in REPORT_STAGES and s.actual), None)
    heading = common["report_heading"].format_map(values)

    def filled(texts) -> tuple[str, ...]:
        return tuple(p for p in (_fill(t, values) for t in texts) if p)

    summaries = [] if all(r.from_document for r in detail.recommendations) else [_summarised()]
    sections = [
        (_fill(common["basis_heading"], values), filled([words["basis"]])),
        (_fill(common["decision_heading"], values), filled(outcome + vote + summaries)),
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
        recommendations=detail.recommendations,
        after=((_fill(common["response_heading"], values), filled([response])),),
    )


def _made_on(stage) -> str:
    """The report's date as the record knows it: a day, or what is known ("on or before 23 March 2022")."""
    return layout.date_long(stage.actual) if stage.precision == "day" else _when(stage)


def _summarised() -> str:
    """The register may hold the secretariat's summaries rather than the report's words: the paper says so."""
    return wording()["appendix"]["recommendations_summary_note"]


def render_panel_report(detail: CycleDetail, settings: layout.ReportSettings, fmt: str = "pdf") -> bytes:
    report = panel_report_content(detail)
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
            story.append(layout.markup(f"{number}.{sub}&nbsp;&nbsp;{layout.esc(text)}", "Numbered"))
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
    for key in REPORT_STAGES:
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
