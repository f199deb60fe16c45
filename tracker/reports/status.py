"""Cycle status report: where a cycle stands on a day, with the working behind every date."""

from __future__ import annotations

import datetime as dt

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from tracker.domain import Status
from tracker.domain.formatting import days_to_go, local_day
from tracker.reports.common import (
    FONT,
    FONT_BOLD,
    INK,
    MARGIN,
    MUTED,
    RULE,
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
from tracker.reports.tagging import Figure
from tracker.services.dto import CycleDetail, ObligationRow, StageRow

WIDTH = 210 * mm - 2 * MARGIN
OPEN = (Status.OVERDUE, Status.DUE_TODAY, Status.DUE_SOON, Status.NOT_YET_DUE)


def render_status_pdf(detail: CycleDetail, settings: ReportSettings) -> bytes:
    summary = detail.summary
    story: list[Flowable] = title_block(
        f"{summary.title}: status",
        [
            f"{detail.body.name} and {detail.scrutiny_body.name}",
            f"As of {date_long(detail.as_of)} · {detail.template_title}",
        ],
        settings,
    )
    story.append(_summary_line(detail))
    story.append(Heading("Timeline"))
    drawing = timeline_drawing(detail.stages, detail.as_of, WIDTH)
    story.append(Figure(drawing, timeline_alt_text(detail.stages, detail.as_of)))  # said in words, too
    story.append(
        para(
            "Filled circles are dates that happened; hollow circles are planned dates; a grey circle is a "
            "date before an extension. The red dashed line marks the as-of day when it falls among these dates.",
            "Muted",
        )
    )
    attention = sorted(
        (o for o in detail.obligations if o.status.needs_attention),
        key=lambda o: (o.due or dt.date.max, o.label),
    )
    story.append(Heading("Needs attention"))
    if attention:
        story.append(_obligation_table(attention, detail.as_of, attention=True))
    else:
        story.append(
            para("Nothing is overdue, due today, due soon, not recorded or in exception on this day.")
        )
    story.append(Heading("Stages"))
    story.append(_stage_table(detail.stages))
    story.append(Heading("Obligations"))
    story.append(
        _obligation_table(
            sorted(detail.obligations, key=lambda o: (o.due or dt.date.max, o.label)), detail.as_of
        )
    )
    story.append(Heading("Extensions"))
    if detail.extensions:
        rows = [header_cells("Stage", "Original date", "New date", "Reason", "Who", "When")]
        for e in detail.extensions:
            rows.append(
                [
                    para(e.stage_label, "Cell"),
                    para(date_short(e.original), "Cell"),
                    para(date_short(e.new), "Cell"),
                    para(e.reason, "Cell"),
                    para(e.made_by or "not recorded", "Cell"),
                    para(date_short(local_day(e.made_at) if e.made_at else None, "not recorded"), "Cell"),
                ]
            )
        story.append(table(rows, [32 * mm, 22 * mm, 22 * mm, WIDTH - 124 * mm, 26 * mm, 22 * mm]))
    else:
        story.append(para("No date in this cycle has been extended."))
    story.append(Heading("Replies to recommendations"))
    story.append(para(summary.coverage.describe().capitalize() + "."))
    missing = [r.number for r in detail.recommendations if r.reply_status == "missing"]
    if missing:
        story.append(para("No reply recorded for: " + ", ".join(missing) + "."))
    story.append(Heading("Follow-ups due"))
    follow_ups = [f for f in detail.follow_ups if f.due is not None and f.met_on is None]
    if follow_ups:
        rows = [header_cells("Due", "Kind", "Rec.", "What", "Position")]
        declined = {r.number for r in detail.recommendations if r.disposition == "not accepted"}
        for f in follow_ups:
            if f.kind == "ask" and f.recommendation_number in declined:
                position = (
                    "not accepted: nothing to chase"  # the committee's date fell with its recommendation
                )
            else:
                position = "overdue" if f.due < detail.as_of else f"in {(f.due - detail.as_of).days} days"
            rows.append(
                [
                    para(date_short(f.due), "Cell"),
                    para(f.kind, "Cell"),
                    para(f.recommendation_number or "", "Cell"),
                    para(f.text, "Cell"),
                    para(position, "Cell"),
                ]
            )
        story.append(table(rows, [22 * mm, 22 * mm, 24 * mm, WIDTH - 96 * mm, 28 * mm]))
    else:
        story.append(para("No dated asks or commitments are open."))
    return build_pdf(
        story,
        f"{summary.title}: status as of {date_short(detail.as_of)}",
        f"Statutory deadlines and obligations of {summary.id}",
        settings,
        date=detail.as_of,
    )


def _summary_line(detail: CycleDetail) -> Flowable:
    s = detail.summary
    parts = [f"<b>Current stage:</b> {esc(s.current_stage)}"]
    if s.next_deadline:
        parts.append(
            f"<b>Next deadline:</b> {esc(s.next_deadline.label_expected)}, "
            f"{esc(date_short(s.next_deadline.due))}"
            f" ({esc(s.next_deadline.status)})"
        )
    parts.append(
        f"<b>Overdue:</b> {s.overdue} · <b>Met late:</b> {s.met_late} · <b>Exceptions:</b> {s.exceptions}"
        f" · <b>Not recorded:</b> {s.not_recorded}"
        f" · <b>Order not confirmed:</b> {s.unconfirmed}"
    )
    parts.extend(f"<b>Notice:</b> {esc(n.text)} ({esc(n.source)})" for n in detail.notices)
    return markup("<br/>".join(parts))


def _stage_table(stages: tuple[StageRow, ...]) -> Flowable:
    rows = [header_cells("Stage", "Responsible", "Planned", "Actual", "Evidence")]
    for s in stages:
        rows.append(
            [
                para(s.label, "Cell"),
                para(s.party, "Cell"),
                para(date_short(s.planned, ""), "Cell"),
                para(s.actual_text, "Cell"),
                para(s.evidence or "", "Cell"),
            ]
        )
    return table(rows, [52 * mm, 32 * mm, 22 * mm, 36 * mm, WIDTH - 142 * mm])


def _obligation_table(rows_in: list[ObligationRow], as_of: dt.date, attention: bool = False) -> Flowable:
    rows = [header_cells("Obligation and working", "Due", "Status", "Basis", "Citation")]
    fills = []
    for index, o in enumerate(rows_in, start=1):
        notes = "".join(f"<br/><i>Note: {esc(w)}</i>" for w in o.warnings)
        notes += "".join(f"<br/><i>Extension: {esc(e)}</i>" for e in o.extensions)
        label = markup(
            f"<b>{esc(o.label_expected)}</b><br/><font size='8' color='#4a5360'>{esc(o.working)}</font>"
            f"<font size='8'>{notes}</font>"
            + (
                f"<br/><b>Owner:</b> {esc(o.owed_by or 'not named')} · <b>Next step:</b> {esc(next_step(o))}"
                if attention
                else ""
            ),
            "Cell",
        )
        status = f"{o.status} (expected)" if o.expected else str(o.status)
        if o.days_left is not None and o.status in OPEN:
            status += f" ({days_to_go(o.days_left)})" if o.days_left else ""
        rows.append(
            [
                label,
                para(date_short(o.due), "Cell"),
                para(status, "CellBold"),
                para(str(o.basis), "Cell"),
                para(o.citation, "Cell"),
            ]
        )
        if o.status in STATUS_FILL:
            fills.append((index, STATUS_FILL[o.status]))
    return table(rows, [WIDTH - 112 * mm, 20 * mm, 26 * mm, 16 * mm, 50 * mm], fills=fills)


def timeline_alt_text(stages: tuple[StageRow, ...], as_of: dt.date) -> str:
    """What the timeline shows, in words: each dated stage, when it happened or is planned, its extensions."""
    rows = [s for s in stages if s.actual is not None or s.planned is not None]
    if not rows:
        return "Timeline of the cycle's stages: no stage has a date yet."
    parts = []
    for stage in rows:
        if stage.actual is not None:
            when = date_short(stage.actual) if stage.precision == "day" else stage.actual_text.split(" (")[0]
            said = f"{stage.label}: {when}" if stage.actual <= as_of else f"{stage.label}: to come on {when}"
            if stage.planned and stage.planned != stage.actual:
                said += f" (planned {date_short(stage.planned)})"
        else:
            said = f"{stage.label}: planned for {date_short(stage.planned)}"
        for ext in stage.extensions:
            if ext.original:
                said += f", extended from {date_short(ext.original)} to {date_short(ext.new)}"
        parts.append(said)
    return (
        f"Timeline of the cycle's {len(rows)} dated stages as of {date_short(as_of)}, in order: "
        + "; ".join(parts)
        + "."
    )


def timeline_drawing(stages: tuple[StageRow, ...], as_of: dt.date, width: float) -> Drawing:
    """One row per stage on a shared time axis, so labels never collide: actual dates filled, planned dates
    hollow, the date before an extension in grey with an arrow to the new one, and the as-of day dashed."""
    rows = [s for s in stages if s.actual is not None or s.planned is not None]
    if not rows:
        drawing = Drawing(width, 10 * mm)
        drawing.add(String(0, 4 * mm, "No stage has a date yet.", fontName=FONT, fontSize=9, fillColor=MUTED))
        return drawing
    days = []  # the cycle's own dates: the axis spans the cycle, not the cycle up to today
    for s in rows:
        days.extend(d for d in (s.actual, s.planned) if d)
        days.extend(e.original for e in s.extensions if e.original)
    first, last = min(days), max(days)
    pad = max((last - first).days // 25, 3)
    first, last = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)
    span = max((last - first).days, 1)
    row_height = 6.4 * mm
    axis_y = 12 * mm  # room below the axis for the month labels and, under them, the legend
    top = axis_y + len(rows) * row_height + 3 * mm
    drawing = Drawing(width, top + 5 * mm)
    label_width = 70 * mm
    left, right = label_width + 2 * mm, width - 2 * mm

    def x_of(day: dt.date) -> float:
        return left + (right - left) * (day - first).days / span

    drawing.add(Line(left, axis_y, right, axis_y, strokeColor=INK, strokeWidth=0.7))
    months = []
    cursor = dt.date(first.year, first.month, 1)
    while cursor <= last:
        if cursor >= first:
            months.append(cursor)
        cursor = dt.date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    fits = max(2, int((right - left) // (22 * mm)))  # month labels at least 22 mm apart: they never overlap
    step = max(1, -(-len(months) // fits))
    for month in months[::step]:
        x = x_of(month)
        drawing.add(Line(x, axis_y - 1.2 * mm, x, top, strokeColor=RULE, strokeWidth=0.3))
        drawing.add(
            String(
                x,
                axis_y - 4.5 * mm,
                month.strftime("%b %Y"),
                fontName=FONT,
                fontSize=8,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    red = colors.HexColor("#b42318")
    if first <= as_of <= last:
        x_now = x_of(as_of)
        drawing.add(Line(x_now, axis_y, x_now, top, strokeColor=red, strokeWidth=0.8, strokeDashArray=[2, 2]))
        anchor = "end" if x_now > (left + right) / 2 else "start"
        caption, x_caption = f"as of {date_short(as_of)}", x_now + (-1 if anchor == "end" else 1) * mm
    else:  # the as-of day is outside the cycle: said in words, the axis is not stretched to reach it
        side = "after" if as_of > last else "before"
        caption, x_caption, anchor = f"as of {date_short(as_of)}, {side} these dates", right, "end"
    drawing.add(
        String(
            x_caption,
            top + 1.5 * mm,
            caption,
            fontName=FONT_BOLD,
            fontSize=8,
            fillColor=red,
            textAnchor=anchor,
        )
    )
    centres: dict[str, tuple[float, float]] = {}
    for index, stage in enumerate(rows):
        y = top - 3 * mm - index * row_height
        if index % 2 == 0:
            from reportlab.graphics.shapes import Rect

            drawing.add(
                Rect(
                    0,
                    y - row_height / 2,
                    width,
                    row_height,
                    fillColor=colors.HexColor("#f4f6f8"),
                    strokeColor=None,
                )
            )
        label = stage.label
        while stringWidth(label, FONT, 8) > label_width - 2 * mm and len(label) > 4:
            label = label[:-2] + "…"
        drawing.add(String(0, y - 1.2 * mm, label, fontName=FONT, fontSize=8, fillColor=INK))
        for ext in stage.extensions:
            if ext.original:
                xo, xn = x_of(ext.original), x_of(ext.new)
                drawing.add(Circle(xo, y, 1.1 * mm, fillColor=RULE, strokeColor=MUTED, strokeWidth=0.5))
                drawing.add(Line(xo + 1.2 * mm, y, xn - 1.4 * mm, y, strokeColor=MUTED, strokeWidth=0.6))
        if stage.planned and (stage.actual is None or stage.planned != stage.actual):
            drawing.add(
                Circle(
                    x_of(stage.planned), y, 1.2 * mm, fillColor=colors.white, strokeColor=INK, strokeWidth=0.7
                )
            )
        if stage.actual is not None:
            x = x_of(stage.actual)
            fill = INK if stage.precision == "day" else MUTED
            if stage.actual > as_of:  # a calendar day known in advance (1 April of the precept year): to come
                fill = colors.white
            drawing.add(Circle(x, y, 1.3 * mm, fillColor=fill, strokeColor=INK, strokeWidth=0.5))
            text = date_short(stage.actual) if stage.precision == "day" else stage.actual_text.split(" (")[0]
            near_right = (
                x + 2.2 * mm + stringWidth(text, FONT, 8) > width
            )  # flip the label rather than clip it
            drawing.add(
                String(
                    x + (-2.2 if near_right else 2.2) * mm,
                    y - 1.2 * mm,
                    text,
                    fontName=FONT,
                    fontSize=8,
                    fillColor=MUTED,
                    textAnchor="end" if near_right else "start",
                )
            )
            centres[stage.key] = (x, y)
        elif stage.planned:
            centres[stage.key] = (x_of(stage.planned), y)
    if "reply" in centres and "plan_issued" in centres:
        (x1, y1), (x2, y2) = centres["reply"], centres["plan_issued"]
        drawing.add(
            PolyLine(
                [x1, y1 - 1.8 * mm, x1, y2 + 1.8 * mm, x2, y2 + 1.8 * mm],
                strokeColor=INK,
                strokeWidth=0.8,
                strokeDashArray=[2, 1.5],
            )
        )
        # said in words under the axis, so it reads in black and white
        drawing.add(
            String(
                0,
                1 * mm,
                "Dashed line: the reply must come before the plan is issued (filled dot: happened; hollow: planned)",
                fontName=FONT,
                fontSize=8.5,
                fillColor=INK,
            )
        )
    return drawing


def spacer(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)


def render_status_docx(detail: CycleDetail, settings: ReportSettings) -> bytes:
    """The status report as a Word document: the same sections and figures as the PDF, without the drawing
    (its stages table carries the same dates)."""
    from tracker.reports.word import add_table, new_document, to_bytes

    summary = detail.summary
    title = f"{summary.title}: status as of {date_short(detail.as_of)}"
    document = new_document(title, f"Statutory deadlines and obligations of {summary.id}", settings)
    document.add_heading(f"{summary.title}: status", level=0)
    document.add_paragraph(f"{detail.body.name} and {detail.scrutiny_body.name}")
    document.add_paragraph(f"As of {date_long(detail.as_of)} · {detail.template_title}")
    document.add_paragraph(
        f"Current stage: {summary.current_stage}. Overdue: {summary.overdue}. Met late: {summary.met_late}. "
        f"Exceptions: {summary.exceptions}. "
        f"Not recorded: {summary.not_recorded}. Order not confirmed: {summary.unconfirmed}."
    )
    for notice in detail.notices:
        document.add_paragraph(f"Notice: {notice.text} ({notice.source})")
    attention = [o for o in detail.obligations if o.status.needs_attention]
    document.add_heading("Needs attention", level=1)
    if attention:
        add_table(
            document,
            ["Obligation", "Due", "Status", "Owner", "Next step"],
            [
                [o.label_expected, date_short(o.due), str(o.status), o.owed_by, next_step(o)]
                for o in attention
            ],
        )
    else:
        document.add_paragraph(
            "Nothing is overdue, due today, due soon, not recorded or in exception on this day."
        )
    document.add_heading("Stages", level=1)
    add_table(
        document,
        ["Stage", "Responsible", "Planned", "Actual"],
        [[s.label, s.party, date_short(s.planned, ""), s.actual_text] for s in detail.stages],
    )
    document.add_heading("Obligations", level=1)
    add_table(
        document,
        ["Obligation", "Due", "Status", "Basis", "Citation", "Working"],
        [
            [
                o.label_expected,
                date_short(o.due, "no date"),
                str(o.status),
                str(o.basis),
                o.citation,
                o.working,
            ]
            for o in sorted(detail.obligations, key=lambda o: (o.due or dt.date.max, o.label))
        ],
    )
    document.add_heading("Replies to recommendations", level=1)
    document.add_paragraph(summary.coverage.describe()[:1].upper() + summary.coverage.describe()[1:] + ".")
    return to_bytes(document)


def next_step(o) -> str:
    """What to do about an obligation that needs attention, in a few words."""
    if o.status is Status.NOT_RECORDED:
        return "find and record the date, or note why it did not happen"
    if o.status is Status.CANNOT_CONFIRM:
        return "find the exact dates to confirm the order"
    if o.status is Status.EXCEPTION:
        return "report the breach of the statutory order to members"
    if o.status is Status.OVERDUE:
        return f"chase {o.owed_by or 'the owner'}"
    return f"remind {o.owed_by or 'the owner'} before {date_short(o.due)}"
