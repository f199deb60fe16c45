"""Recommendation audit: one row per recommendation and sub-point, missing replies first, totals per disposition."""

from __future__ import annotations

from collections import Counter

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from tracker.domain import Status
from tracker.reports.common import (
    FONT_BOLD,
    MARGIN,
    STATUS_FILL,
    Heading,
    ReportSettings,
    build_pdf,
    date_long,
    date_short,
    esc,
    header_cells,
    markup,
    para,
    table,
    title_block,
)
from tracker.services.dto import CycleDetail, RecommendationRow

WIDTH = 210 * mm - 2 * MARGIN
DISPOSITIONS = ("accepted", "partially accepted", "not accepted", "noted", "unclear")


def audit_rows(detail: CycleDetail) -> list[RecommendationRow]:
    """Missing replies first, then the rest in the committee's order."""
    missing = [r for r in detail.recommendations if r.reply_status == "missing"]
    others = [r for r in detail.recommendations if r.reply_status != "missing"]
    return missing + others


# a recommendation without a disposition, said as the register says it: never "no reply" for a reply not recorded
NO_DISPOSITION = {
    "missing": "not answered in the reply",
    "not recorded": "reply not recorded",
    "no reply yet": "no reply yet",
}
TOTAL_ROWS = (*DISPOSITIONS, "not answered in the reply", "reply not recorded", "no reply yet")


def disposition_totals(detail: CycleDetail) -> Counter:
    totals: Counter = Counter()
    for rec in detail.recommendations:
        totals[
            rec.disposition
            or (
                NO_DISPOSITION.get(rec.reply_status, "no reply yet")
                if rec.reply_status != "replied"
                else "unclear"
            )
        ] += 1
    return totals


def render_audit_pdf(detail: CycleDetail, settings: ReportSettings) -> bytes:
    summary = detail.summary
    story: list[Flowable] = title_block(
        f"{summary.title}: recommendation audit",
        [
            f"{detail.scrutiny_body.name} recommendations and {detail.body.name}'s replies",
            f"As of {date_long(detail.as_of)} · {summary.coverage.describe()}",
        ],
        settings,
    )
    reply_line = _reply_line(detail)
    if reply_line:
        story.append(para(reply_line))
    story.append(Heading("Totals"))
    totals = disposition_totals(detail)
    rows = [header_cells("Disposition", "Recommendations")]
    for name in TOTAL_ROWS:
        rows.append([para(name, "Cell"), para(str(totals.get(name, 0)), "Cell")])
    rows.append([para("total", "CellBold"), para(str(sum(totals.values())), "CellBold")])
    story.append(table(rows, [50 * mm, 36 * mm]))
    story.append(Heading("Recommendations"))
    if not detail.recommendations:
        story.append(
            para("No recommendations are recorded for this cycle. Import the committee's report first.")
        )
    else:
        header = header_cells(
            "No.",
            "Reply",
            "Grouped with",
            "Disposition",
            "Recommendation, evidence or sub-point",
            "Follow-up",
            "Due",
        )
        rows = [header]
        fills = []
        extra_style = []
        from tracker.domain.formatting import answered_out_of_order

        late = answered_out_of_order([p.covers for p in detail.replies])
        # short cells that never wrap are plain strings: a Paragraph per cell is what makes big tables slow,
        # and plain table strings are not parsed as markup, so they need no escaping
        for rec in audit_rows(detail):
            follow = rec.follow_ups[0] if rec.follow_ups else None
            reply = (
                para(f"{rec.reply_status}; answered out of order, after {late[rec.number]}", "Cell")
                if rec.number in late
                else rec.reply_status
            )
            rows.append(
                [
                    rec.number,
                    reply,
                    ", ".join(rec.grouped_with),
                    # a plain string is far cheaper than a Paragraph, but does not wrap: only the short ones
                    (para(rec.disposition, "Cell") if len(rec.disposition) > 14 else rec.disposition)
                    if rec.disposition
                    else "",
                    _recommendation_cell(rec),
                    para(follow.text, "Cell") if follow else "",
                    date_short(follow.due, "") if follow else "",
                ]
            )
            extra_style.append(("FONT", (0, len(rows) - 1), (1, len(rows) - 1), FONT_BOLD, 8.2))
            if rec.reply_status == "missing":
                fills.append((len(rows) - 1, STATUS_FILL[Status.OVERDUE]))
            for extra in rec.follow_ups[1:]:
                rows.append(["", "", "", "", "", para(extra.text, "Cell"), date_short(extra.due, "")])
            for index, sub in enumerate(rec.subpoints):
                label = f"{rec.number}({chr(97 + index)})" if index < 26 else f"{rec.number}.{index + 1}"
                # the reply gives no disposition per sub-point: the row shows the sub-point alone
                rows.append([label, "", "", "", para(sub, "Small"), "", ""])
        story.append(
            table(
                rows,
                [12 * mm, 27 * mm, 19 * mm, 27 * mm, WIDTH - 132 * mm, 27 * mm, 20 * mm],
                fills=fills,
                extra=extra_style,
            )
        )
    return build_pdf(
        story,
        f"{summary.title}: recommendation audit",
        "Replies to the committee's recommendations",
        settings,
    )


def _recommendation_cell(rec: RecommendationRow):
    text = rec.text if len(rec.text) <= 240 else rec.text[:239] + "…"
    evidence = (
        f"<br/><font size='8' color='#4a5360'>Evidence: {esc(rec.evidence)}</font>" if rec.evidence else ""
    )
    return markup(f"{esc(text)}{evidence}", "Cell")


def render_audit_docx(detail: CycleDetail, settings: ReportSettings) -> bytes:
    """The audit as a Word document: totals, then a row per recommendation and sub-point."""
    from tracker.domain.formatting import answered_out_of_order
    from tracker.reports.word import add_table, new_document, to_bytes

    summary = detail.summary
    document = new_document(
        f"{summary.title}: recommendation audit", "Replies to the committee's recommendations", settings
    )
    document.add_heading(f"{summary.title}: recommendation audit", level=0)
    document.add_paragraph(f"As of {date_long(detail.as_of)} · {summary.coverage.describe()}")
    reply_line = _reply_line(detail)
    if reply_line:
        document.add_paragraph(reply_line)
    document.add_heading("Totals", level=1)
    totals = disposition_totals(detail)
    add_table(
        document,
        ["Disposition", "Recommendations"],
        [[name, str(totals.get(name, 0))] for name in TOTAL_ROWS] + [["total", str(sum(totals.values()))]],
    )
    document.add_heading("Recommendations", level=1)
    late = answered_out_of_order([p.covers for p in detail.replies])
    rows = []
    for rec in audit_rows(detail):
        follow = rec.follow_ups[0] if rec.follow_ups else None
        reply = rec.reply_status + (
            f", answered out of order, after {late[rec.number]}" if rec.number in late else ""
        )
        rows.append(
            [
                rec.number,
                reply,
                ", ".join(rec.grouped_with),
                rec.disposition or "",
                rec.text + (f"\nEvidence: {rec.evidence}" if rec.evidence else ""),
                f"{follow.text} ({date_short(follow.due, 'no date')})" if follow else "",
            ]
        )
        for index, sub in enumerate(rec.subpoints):
            label = f"{rec.number}({chr(97 + index)})" if index < 26 else f"{rec.number}.{index + 1}"
            rows.append([label, "", "", "", sub, ""])
    add_table(document, ["No.", "Reply", "Grouped with", "Disposition", "Recommendation", "Follow-up"], rows)
    return to_bytes(document)


def _reply_line(detail: CycleDetail) -> str:
    """Who replied, when and with what reference, from the reply document on record."""
    replies = [d for d in detail.documents if d.kind == "reply"]
    if not replies:
        return ""
    reply = replies[-1]
    reference = f", reference {reply.reference}" if reply.reference else ""
    return f"Reply dated {date_long(reply.date) if reply.date else 'on a date not recorded'}{reference}."
