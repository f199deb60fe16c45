"""The committee agenda item that puts the reply before members, with the reply itself as Appendix 1.

The content is assembled once (from the cycle and the editable wording in resources/report_templates) and
rendered either as a PDF or as a Word document, because agenda papers are edited in Word before publication.
A reply imported from a PDF is appended page for page after the item's own pages; one from Word or text is
set verbatim, paragraph by paragraph. The secretariat's reading of each reply is a further appendix, on
request only: members note the reply, not the secretariat's view of it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from tracker.reports.common import (
    Heading,
    ReportSettings,
    build_pdf,
    bullet,
    date_long,
    esc,
    markup,
    numbered,
    para,
    title_block,
)
from tracker.reports.wording import (  # noqa: F401
    PLACEHOLDERS,
    WordingError,
    check_wording,
    exempt_paragraphs,
    wording,
)
from tracker.services.dto import CycleDetail, RecommendationRow

ACT = "Police Reform and Social Responsibility Act 2011"
NOT_RECORDED = "on a date not recorded"  # when a stage or a document's date is not on record


@dataclass(frozen=True)
class AgendaOptions:
    report_to: str = ""
    report_of: str = ""
    meeting_date: dt.date | None = None
    public: bool = True
    contact_name: str = ""
    contact_role: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    background_papers: str = ""
    with_assessment: bool = False  # the officer's reading of each reply: off in a paper to be noted
    without_appendix: bool = False  # the reply is published separately: the body says so, with its date
    exempt_paragraph: int | None = None  # taken in private: the paragraph of Schedule 12A it relies on
    meeting_id: int | None = None  # the recorded meeting the item goes to (its date becomes the paper's)


@dataclass(frozen=True)
class ReplyAppendix:
    """The reply as it was received: a PDF's pages, or a Word or text document's paragraphs."""

    title: str
    date: dt.date | None
    reference: str | None
    pdf: bytes | None = field(default=None, repr=False)  # appended page for page
    paragraphs: tuple[str, ...] = ()  # set verbatim (for a PDF, its text: the Word paper carries that)
    pages: int = 0  # a PDF's page count
    document_id: int | None = None  # the stored document, so it is not listed again as a background paper


@dataclass(frozen=True)
class AppendixItem:
    heading: str
    recommendations: tuple[tuple[str, str, tuple[str, ...]], ...]  # (number, text, sub-points)
    reply: str | None
    disposition: str | None
    no_reply: str = ""  # what to say when there is no reply passage: missing, not recorded, not yet


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
    appendix_title: str  # the reply's appendix
    appendix: tuple[AppendixItem, ...] = field(default_factory=tuple)  # the secretariat's reading, if asked
    appendix_note: str = ""  # whether the texts in the reading are the secretariat's summaries
    recommendations_note: str = ""
    reply: ReplyAppendix | None = None
    reply_note: str = ""  # who replied, when, with what reference
    reply_follows: str = ""  # in the PDF paper: that the document's own pages follow, and how many
    reply_unread: str = ""  # in the Word paper: a scan kept unread has no text to set, only its PDF pages
    assessment_title: str = ""
    date: dt.date | None = None  # the meeting's, printed in the running footer
    description: str = "Committee agenda item"  # the PDF's and the Word file's subject


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "not recorded"


def refusal(detail: CycleDetail) -> str | None:
    """Why an agenda item cannot be made for this cycle, if it cannot."""
    from tracker.reports.process_papers import item_kind, refused

    if refused(detail) or item_kind(detail):
        return refused(detail)
    if detail.summary.template_id not in wording()["citations"]:
        return (
            f"is a {detail.template_title[:1].lower() + detail.template_title[1:]} cycle; the agenda item's wording covers police and crime plan "
            "cycles only (add wording for this process to resources/report_templates/agenda.json)"
        )
    if not detail.recommendations:
        return "has no recommendations recorded as of that day: import the committee's report first"
    reply = next((s for s in detail.stages if s.key == "reply"), None)
    reply_given = reply is not None and (reply.actual is not None or reply.precision == "after")
    if not detail.replies and not reply_given:
        return (
            "has no reply recorded as of that day: the agenda item puts the reply before members, so import "
            "the reply (or record the day it came) first"
        )
    return None


def _access(options: AgendaOptions, words: dict) -> str:
    if options.public:
        return words["public"]
    if options.exempt_paragraph is None:
        return words["private"]
    description = exempt_paragraphs()[options.exempt_paragraph]
    return words["private_exempt"].format(
        exempt_paragraph=options.exempt_paragraph,
        exempt_description=description[:1].lower() + description[1:].rstrip("."),
    )


def _the(name: str) -> str:
    """A body's name as the subject of a sentence: "The Mayor's Office…", "The Police and Crime Commissioner
    for Wessex", but "Wessex Police and Crime Commissioner" as it stands."""
    if name.lower().startswith(("mayor's office", "office of", "police and crime commissioner for",
                                "police, fire and crime commissioner for", "mayor of")):  # fmt: skip
        return "The " + name
    return name[:1].upper() + name[1:]


def agenda_content(
    detail: CycleDetail, options: AgendaOptions, reply: ReplyAppendix | None = None
) -> AgendaContent:
    """The agenda item that fits where the cycle stands: for a process other than the plan, or a draft plan
    not yet reported on, the process's own item (tracker.reports.process_papers) in the same frame."""
    from tracker.reports.process_papers import process_content

    return process_content(detail, _reply_content(detail, options, reply), options.without_appendix)


def _reply_content(
    detail: CycleDetail, options: AgendaOptions, reply: ReplyAppendix | None = None
) -> AgendaContent:
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
        the_body=_the(detail.body.name),
        the_body_lower=_the(detail.body.name).replace("The ", "the ", 1),
        responder=cites["responder"],
        act=ACT,
        plan_citation=cites["plan"],
        contents_citation=cites["contents"],
        review_citation=cites["review"],
        response_citation=cites["response"],
        draft_published=_when(stages.get("draft_published")),
        draft_sent=_when(stages.get("draft_sent")),
        panel_report=_when(stages.get("panel_report")),
        reply_date=reply_when(detail, reply),
        plan_issued=_when(stages.get("plan_issued")),
        total=coverage.total,
        replied=coverage.replied,
        grouped=coverage.grouped,
        missing=coverage.missing,
    )
    sentences = words["sentences"]
    values["draft_sentence"] = sentences[_draft_key(stages)].format_map(values)
    values["reply_sentence"] = (
        sentences["reply_unknown"] if values["reply_date"] == NOT_RECORDED else sentences["reply_on"]
    ).format_map(values)
    appended = reply is not None and not options.without_appendix
    values["reply_at"] = sentences["reply_at_appendix" if appended else "reply_at_separately"].format_map(
        values
    )
    values["reply_attached"] = sentences["reply_attached" if appended else "reply_separately"].format_map(
        values
    )
    values["order_sentence"] = _order_sentence(detail, sentences).format_map(values)
    values["coverage_sentence"] = _coverage_sentence(detail, sentences, values)
    sections = []
    recommendations_in = -1
    for index, section in enumerate(words["sections"]):
        paragraphs = tuple(
            _sentence_case(" ".join(p.format_map(values).split())) for p in section["paragraphs"]
        )
        sections.append((section["heading"], paragraphs, bool(section.get("bold"))))
        if section.get("recommendations_after"):
            recommendations_in = index
    meeting = options.meeting_date
    heading_lines = (
        ("Report to", options.report_to or committee),
        ("Report of", options.report_of or "The committee secretariat"),
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
    ) or ("The committee secretariat",)
    appendix_title = words["appendix_title"].format_map(values)
    values["appendix_number"] = 2 if appended else 1
    assessment_title = words["assessment_title"].format_map(values) if options.with_assessment else ""
    reply_note = _reply_note(detail, values, reply)
    reply_follows = reply_unread = ""
    if appended and reply.pdf is not None:  # the PDF paper appends its pages; the Word paper sets its text
        pages = f"{reply.pages} page{'' if reply.pages == 1 else 's'}"
        reply_follows = words["appendix"]["reply_follows"].format(reply_pages=pages)
        if not reply.paragraphs:
            reply_unread = words["appendix"]["reply_unread"].format(reply_pages=pages)
    return AgendaContent(
        subject=words["subject"].format_map(values),
        heading_lines=heading_lines,
        access=_access(options, words),
        sections=tuple(sections),
        recommendations=detail.recommendations,
        recommendations_in=recommendations_in,
        appendices=tuple(t for t in (appendix_title if appended else "", assessment_title) if t),
        background_papers=options.background_papers
        or _background_papers(detail, reply if appended else None)
        or words["background_papers_default"],
        contact=contact,
        appendix_title=appendix_title,
        appendix=appendix_items(detail, True) if options.with_assessment else (),
        appendix_note=_appendix_note(detail, reply),
        recommendations_note=(
            ""
            if all(r.from_document for r in detail.recommendations)
            else words["appendix"]["recommendations_summary_note"]
        ),
        reply=reply if appended else None,
        reply_note=reply_note,
        reply_follows=reply_follows,
        reply_unread=reply_unread,
        assessment_title=assessment_title,
        date=meeting,
        description=words["description_appended" if appended else "description_separately"],
    )


# papers that are never background to this item: earlier agenda items are papers like this one
_NOT_BACKGROUND = frozenset({"agenda report"})


def _background_papers(detail: CycleDetail, appended: ReplyAppendix | None) -> str:
    """The cycle's documents on record, by title and date, as the background papers the Local Government
    (Access to Information) Act 1985 asks to be listed: never a file name, never an earlier version of a
    document, never the reply already appended to the item."""
    superseded = {d.supersedes_id for d in detail.documents if d.supersedes_id}
    papers = []
    for document in detail.documents:
        if document.id in superseded or document.kind in _NOT_BACKGROUND:
            continue
        if appended is not None and (
            document.id == appended.document_id
            if appended.document_id is not None
            else document.kind == "reply" and document.title == appended.title
        ):
            continue
        title = document.title or document.kind[:1].upper() + document.kind[1:]
        dated = (
            f", {date_long(document.date)}" if document.date and date_long(document.date) not in title else ""
        )
        reference = f" (reference {document.reference})" if document.reference else ""
        papers.append(f"{title}{dated}{reference}")
    return "; ".join(papers)


def recommendations_phrase(count: int) -> str:
    """ "the recommendation" or "the 16 recommendations"."""
    return "the recommendation" if count == 1 else f"the {count} recommendations"


def _coverage_sentence(detail: CycleDetail, sentences: dict, values: dict) -> str:
    """Counts that agree with the audit, in sentences that read well whatever the numbers; then the
    sub-points the reply does not reach, as the audit's rows flag them."""
    from tracker.reports.audit import unreached_labels

    sentence = _recommendations_sentence(detail.summary.coverage, sentences, values)
    missed = unreached_labels(detail, replied_only=True)
    if not sentence or not missed:
        return sentence
    values["unreached_phrase"] = (
        f"sub-point {missed[0]}"
        if len(missed) == 1
        else f"{len(missed)} sub-points ({', '.join(missed[:-1])} and {missed[-1]})"
    )
    return f"{sentence} {sentences['coverage_subpoints'].format_map(values)}"


def _recommendations_sentence(coverage, sentences: dict, values: dict) -> str:
    if not coverage.total:
        return ""
    if coverage.not_recorded:  # the reply is before members; the record cannot count what it answers
        return ""
    values["recommendations_phrase"] = recommendations_phrase(coverage.total)
    if coverage.replied == 0 and coverage.missing == 0:
        return sentences["coverage_no_reply"].format_map(values)
    if coverage.total == 1:
        return sentences["coverage_one" if coverage.replied else "coverage_one_missing"].format_map(values)
    values["replied_phrase"] = "all" if coverage.replied == coverage.total else str(coverage.replied)
    values["grouped_phrase"] = (
        f", {coverage.grouped} of them in replies that answer several recommendations together"
        if coverage.grouped
        else ""
    )
    values["missing_phrase"] = (
        f"; {coverage.missing} {'is' if coverage.missing == 1 else 'are'} not answered in the reply"
        if coverage.missing
        else ""
    )
    return sentences["coverage"].format_map(values)


def _reply_note(detail: CycleDetail, values: dict, reply: ReplyAppendix | None) -> str:
    """Who replied, when, with what reference: from the reply appended, or the latest on record."""
    documents = [d for d in detail.documents if d.kind == "reply"]
    if reply is None and not documents:
        return ""
    reference = reply.reference if reply else documents[-1].reference
    values["reply_reference"] = f" (reference {reference})" if reference else ""
    when = reply_when(detail, reply)
    # the phrase ("dated 12 March 2025", "its date not recorded"); the bare date keeps its older meaning for
    # wording files written before the phrase existed
    values["reply_dated"] = dated_phrase(when)
    values["reply_document_date"] = "an unrecorded date" if when == NOT_RECORDED else _bare(when)
    return wording()["appendix"]["reply_from"].format_map(values)


def reply_when(detail: CycleDetail, document=None) -> str:
    """When the reply was given, as a phrase with its preposition ("on 12 March 2025"). Every paper takes the
    reply's date from here, so an item, its appendix and the audit never disagree: the reply document's own
    date where it has one (`document`, else the latest reply on record), as that is the date the letter
    bears; else the date the reply stage records (`tracker set-date CYCLE reply DATE`, the way a scan kept
    unread without a date gets one)."""
    if document is None:
        replies = [d for d in detail.documents if d.kind == "reply"]
        document = replies[-1] if replies else None
    if document is not None and document.date:
        return f"on {date_long(document.date)}"
    return _when(next((s for s in detail.stages if s.key == "reply"), None))


def dated_phrase(when: str) -> str:
    """A phrase from _when or reply_when as a document's date: "dated 12 March 2025", "dated March 2013 (the
    day is not known)", "its date not recorded"."""
    if when == NOT_RECORDED:
        return "its date not recorded"
    return "dated " + _bare(when)


def _bare(when: str) -> str:
    """The phrase without its own preposition: "on 12 March 2025" -> "12 March 2025", "in March 2013 (…)" ->
    "March 2013 (…)"; "on or before 23 March 2022 (…)" keeps its words, which are the date's meaning."""
    if when.startswith("on or before "):
        return when
    return when.removeprefix("on ").removeprefix("in ")


def _when(stage) -> str:
    """When a stage happened, as a phrase with its own preposition: "on 16 November 2021", "in March 2013
    (the day is not known)", "on or before 23 March 2022 (the exact day is not known)"."""
    if stage is None or stage.actual_text == "not recorded":
        return NOT_RECORDED
    if stage.precision == "day" and stage.actual:
        return f"on {date_long(stage.actual)}"
    if stage.precision == "month" and stage.actual:
        return f"in {stage.actual.strftime('%B %Y')} (the day is not known)"
    if stage.precision == "on or before" and stage.actual:
        return f"on or before {date_long(stage.actual)} (the exact day is not known)"
    if stage.precision == "after":
        return (
            "after the plan was issued (the exact date is not known)"
            if stage.after_stage == "plan_issued"
            else ("on a date known only as after another step (the exact date is not known)")
        )
    return stage.actual_text


def _draft_key(stages: dict) -> str:
    """Which of the draft's two steps the record holds: published, sent to the panel, both or neither."""
    published, sent = (
        (s := stages.get(key)) is not None and s.actual_text != "not recorded"
        for key in ("draft_published", "draft_sent")
    )
    if published and sent:
        return "draft_both"
    return "draft_sent_only" if sent else "draft_published_only" if published else "draft_unknown"


def _sentence_case(text: str) -> str:
    """Every sentence starts with a capital, whatever a placeholder began with ("the Deputy Mayor …")."""
    return re.sub(r"(^|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


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


def appendix_items(detail: CycleDetail, with_assessment: bool = False) -> tuple[AppendixItem, ...]:
    """One item per reply passage, in the reply's order; a passage answering several recommendations is shown
    once, headed with all of them. Recommendations without a reply follow, each saying why: the reply does
    not answer it, its text is not recorded, or no reply has come yet."""
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
                disposition=_with_unreached(
                    words["disposition"].format(disposition=reply.disposition), covered
                )
                if reply.disposition and with_assessment
                else None,
            )
        )
    why = {"missing": words["no_reply"], "not recorded": "", "no reply yet": words["no_reply_yet"]}
    for rec in detail.recommendations:
        if rec.number not in seen:
            items.append(
                AppendixItem(
                    _heading([rec.number]),
                    ((rec.number, rec.text, rec.subpoints),),
                    None,
                    None,
                    why.get(rec.reply_status, words["no_reply_yet"]),
                )
            )
    return tuple(items)


def _with_unreached(assessment: str, covered) -> str:
    """The assessment, flagging each sub-point the reply never reaches."""
    from tracker.reports.audit import unreached

    missed = [f"{r.number}{point}".rstrip(".;") for r in covered for point in unreached(r)]
    if not missed:
        return assessment
    return f"{assessment} The reply does not reach: {'; '.join(missed)}."


def _linked(line: str) -> str:
    """A contact line with its e-mail address or telephone number as a link a reader can follow."""
    if line.startswith("Email: "):
        address = line.removeprefix("Email: ")
        return f'Email: <link href="mailto:{esc(address)}" color="#1d4ed8"><u>{esc(address)}</u></link>'
    if line.startswith("Telephone: "):
        number = line.removeprefix("Telephone: ")
        digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
        return f'Telephone: <link href="tel:{esc(digits)}" color="#1d4ed8"><u>{esc(number)}</u></link>'
    return esc(line)


def _heading(numbers) -> str:
    numbers = list(numbers)
    if len(numbers) == 1:
        return f"Recommendation {numbers[0]}"
    return "Recommendations " + ", ".join(numbers[:-1]) + " and " + numbers[-1]


# ---- PDF ----------------------------------------------------------------------------------------------
def render_agenda_pdf(
    detail: CycleDetail, options: AgendaOptions, settings: ReportSettings, reply: ReplyAppendix | None = None
) -> bytes:
    from reportlab.platypus import PageBreak

    from tracker.reports.common import ReservePages, insert_pages

    content = agenda_content(detail, options, reply)
    reserved: list[tuple[int, int]] = []
    story: list[Flowable] = title_block(f"Subject: {content.subject}", [], settings)
    for label, value in content.heading_lines:
        story.append(markup(f"<b>{esc(label)}:</b> {esc(value)}"))
    story.append(markup(f"<b>{esc(content.access)}</b>"))
    story.append(Spacer(1, 3 * mm))
    for number, (heading, paragraphs, bold) in enumerate(content.sections, start=1):
        story.append(Heading(f"{number}. {heading}"))
        for sub, text in enumerate(paragraphs, start=1):
            body = f"<b>{esc(text)}</b>" if bold else esc(text)
            story.append(numbered(f"{number}.{sub}", body))
        if number - 1 == content.recommendations_in:
            if content.recommendations_note:
                story.append(para(content.recommendations_note, "Muted"))
            story.extend(_recommendation_list(content.recommendations))
    story.append(Heading(wording()["appendices_heading"]))
    story.extend(para(a) for a in content.appendices or (wording()["background_papers_default"],))
    story.append(Heading(wording()["background_papers_heading"]))
    story.append(para(content.background_papers))
    story.append(Heading(wording()["contact_heading"]))
    story.extend(markup(_linked(line)) for line in content.contact)
    if content.reply is not None:
        story.append(PageBreak())
        story.append(Heading(content.appendix_title))
        story.append(markup(f"<b>{esc(content.reply.title)}</b>"))
        story.append(para(f"{content.reply_note} {content.reply_follows}".strip()))
        if content.reply.pdf is not None:  # its pages follow this one, counted in the item's numbering
            story.append(ReservePages(content.reply.pages, reserved))
        else:  # a rule between the secretariat's words and the reply's own, set as it was written
            from reportlab.platypus.flowables import HRFlowable

            from tracker.reports.common import RULE

            story.append(HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=2, spaceAfter=8))
            story.extend(para(text, "Reply") for text in content.reply.paragraphs)
    if content.assessment_title:
        story.append(PageBreak())
        story.extend(_assessment(content))
    item = build_pdf(
        story,
        f"Agenda item: {content.subject}",
        content.description,
        settings,
        date=content.date or detail.as_of,
        date_label=_footer_label(content.date, detail.as_of),
    )
    if not reserved:
        return item
    ((after_page, _),) = reserved
    label = content.appendix_title.split(":")[0]
    return insert_pages(item, content.reply.pdf, after_page, label, content.reply.title)


def _appendix_note(detail: CycleDetail, reply: ReplyAppendix | None) -> str:
    """What the texts in the secretariat's reading are, where they are not the documents' own words: reply
    texts typed from a scanned letter, or kept as summaries; recommendations summarised."""
    words = wording()["appendix"]
    notes = []
    if not all(r.from_document for r in detail.recommendations):
        notes.append(words["recommendations_summary_note"])
    if any(not r.from_document for r in detail.replies):
        scanned = reply is not None and reply.pdf is not None and not reply.paragraphs
        notes.append(words["typed_note" if scanned else "summary_note"])
    return " ".join(notes)


def _footer_label(meeting: dt.date | None, as_of: dt.date) -> str:
    """What the footer's date is when no meeting is set: the day the paper was printed (or the day it is
    as of), so it is never read as the meeting's date."""
    if meeting is not None:
        return ""
    return "printed" if as_of == dt.date.today() else "as of"


def _assessment(content: AgendaContent) -> list[Flowable]:
    """The secretariat's reading of each reply: recommendation, the reply passage and its disposition."""
    flow: list[Flowable] = [Heading(content.assessment_title)]
    if content.appendix_note:
        flow.append(para(content.appendix_note, "Body"))
    for item in content.appendix:
        # a recommendation is never split from its reply: each pair is kept together on one page
        block: list[Flowable] = [Heading(item.heading, level=1)]
        for number, text, subpoints in item.recommendations:
            # the heading names a single recommendation already; a grouped answer names each
            label = f"<b>Recommendation {esc(number)}</b>: " if len(item.recommendations) > 1 else ""
            block.append(markup(f"{label}{esc(text)}", "Body"))
            block.extend(bullet(s) for s in subpoints)
        if item.reply is None:
            if item.no_reply:
                block.append(para(item.no_reply, "Body"))
        else:  # set flush with the recommendation, never under its last sub-point: it answers the whole
            block.append(Spacer(1, 2 * mm))
            block.append(
                markup(
                    f"<b>Reply</b>{' (answered together)' if len(item.recommendations) > 1 else ''}: "
                    f"<i>{esc(item.reply)}</i>",
                    "Body",
                )
            )
            if item.disposition:
                block.append(para(item.disposition, "Body"))
        flow.append(KeepTogether(block))
    return flow


def _recommendation_list(recommendations: tuple[RecommendationRow, ...]) -> list[Flowable]:
    flow: list[Flowable] = []
    for rec in recommendations:
        block: list[Flowable] = [Heading(f"Recommendation {rec.number}", level=1), para(rec.text)]
        block.extend(bullet(s) for s in rec.subpoints)
        flow.append(KeepTogether(block))
    return flow


# ---- Word ---------------------------------------------------------------------------------------------
def render_agenda_docx(
    detail: CycleDetail, options: AgendaOptions, settings: ReportSettings, reply: ReplyAppendix | None = None
) -> bytes:
    from tracker.reports.word import new_document, to_bytes

    content = agenda_content(detail, options, reply)
    document = new_document(f"Agenda item: {content.subject}", content.description, settings)
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
            if content.recommendations_note:
                document.add_paragraph(content.recommendations_note).runs[0].italic = True
            for rec in content.recommendations:
                document.add_heading(f"Recommendation {rec.number}", level=2)
                document.add_paragraph(rec.text)
                for sub in rec.subpoints:
                    document.add_paragraph(sub, style="List Bullet")
    document.add_heading(wording()["appendices_heading"], level=1)
    for appendix in content.appendices or (wording()["background_papers_default"],):
        document.add_paragraph(appendix)
    document.add_heading(wording()["background_papers_heading"], level=1)
    document.add_paragraph(content.background_papers)
    document.add_heading(wording()["contact_heading"], level=1)
    for line in content.contact:
        _contact_paragraph(document, line)
    if content.reply is not None:
        document.add_page_break()
        document.add_heading(content.appendix_title, level=1)
        document.add_paragraph().add_run(content.reply.title).bold = True
        document.add_paragraph(content.reply_note)
        if content.reply_unread:
            document.add_paragraph(content.reply_unread)
        for text in content.reply.paragraphs:  # verbatim; a line break within a paragraph stays one
            paragraph = document.add_paragraph()
            for index, line in enumerate(text.split("\n")):
                run = paragraph.add_run()
                if index:
                    run.add_break()
                run.add_text(line)
    if content.assessment_title:
        document.add_page_break()
        _assessment_docx(document, content)
    return to_bytes(document)


def _assessment_docx(document, content: AgendaContent) -> None:
    document.add_heading(content.assessment_title, level=1)
    if content.appendix_note:
        document.add_paragraph(content.appendix_note)
    for item in content.appendix:
        document.add_heading(item.heading, level=2)
        for number, text, subpoints in item.recommendations:
            paragraph = document.add_paragraph()
            if len(item.recommendations) > 1:  # the heading names a single recommendation already
                paragraph.add_run(f"Recommendation {number}: ").bold = True
            paragraph.add_run(text)
            for sub in subpoints:
                document.add_paragraph(sub, style="List Bullet")
        if item.reply is None:
            if item.no_reply:
                document.add_paragraph(item.no_reply).runs[0].italic = True
        else:
            paragraph = document.add_paragraph()
            paragraph.add_run(
                "Reply" + (" (answered together)" if len(item.recommendations) > 1 else "") + ": "
            ).bold = True
            paragraph.add_run(item.reply)
            if item.disposition:
                document.add_paragraph(item.disposition).runs[0].italic = True


def _contact_paragraph(document, line: str) -> None:
    """A contact line; the e-mail address as a mailto: link that Word and screen readers follow."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = document.add_paragraph()
    if not line.startswith("Email: "):
        paragraph.add_run(line)
        return
    address = line.removeprefix("Email: ")
    paragraph.add_run("Email: ")
    rel = document.part.relate_to(f"mailto:{address}", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(style)
    props.append(underline)
    run.append(props)
    text = OxmlElement("w:t")
    text.text = address
    run.append(text)
    link.append(run)
    paragraph._p.append(link)


def render_agenda(
    detail: CycleDetail,
    options: AgendaOptions,
    settings: ReportSettings,
    fmt: str = "pdf",
    reply: ReplyAppendix | None = None,
) -> bytes:
    if fmt == "docx":
        return render_agenda_docx(detail, options, settings, reply)
    return render_agenda_pdf(detail, options, settings, reply)
