"""Cycle status report: where a cycle stands on a day, with the working behind every date."""

from __future__ import annotations

import datetime as dt

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from tracker.domain import Status
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
    story.append(timeline_drawing(detail.stages, detail.as_of, WIDTH))
    story.append(
        para(
            "Filled circles are dates that happened; hollow circles are planned dates; a grey circle is a "
            "date before an extension. The dashed line is the as-of day.",
            "Muted",
        )
    )
    attention = [
        o for o in detail.obligations if o.status in (Status.OVERDUE, Status.EXCEPTION, Status.DUE_TODAY)
    ]
    soon = [o for o in detail.obligations if o.status is Status.DUE_SOON]
    story.append(Heading("Needs attention"))
    if attention or soon:
        story.append(_obligation_table(attention + soon, detail.as_of))
    else:
        story.append(para("Nothing is overdue, due today, due soon or in exception on this day."))
    story.append(Heading("Stages"))
    story.append(_stage_table(detail.stages))
    story.append(Heading("Obligations"))
    story.append(_obligation_table(list(detail.obligations), detail.as_of))
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
                    para(date_short(e.made_at.date() if e.made_at else None, "not recorded"), "Cell"),
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
        rows = [header_cells("Due", "Kind", "Recommendation", "What", "Position")]
        for f in follow_ups:
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
    )


def _summary_line(detail: CycleDetail) -> Flowable:
    s = detail.summary
    parts = [f"<b>Current stage:</b> {esc(s.current_stage)}"]
    if s.next_deadline:
        parts.append(
            f"<b>Next deadline:</b> {esc(s.next_deadline.label)}, {esc(date_short(s.next_deadline.due))}"
            f" ({esc(s.next_deadline.status)})"
        )
    parts.append(
        f"<b>Overdue:</b> {s.overdue} · <b>Exceptions:</b> {s.exceptions} · <b>Not recorded:</b> {s.not_recorded}"
        f" · <b>Order not confirmed:</b> {s.unconfirmed}"
    )
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


def _obligation_table(rows_in: list[ObligationRow], as_of: dt.date) -> Flowable:
    rows = [header_cells("Obligation and working", "Due", "Status", "Basis", "Citation")]
    fills = []
    for index, o in enumerate(rows_in, start=1):
        notes = "".join(f"<br/><i>Note: {esc(w)}</i>" for w in o.warnings)
        notes += "".join(f"<br/><i>Extension: {esc(e)}</i>" for e in o.extensions)
        label = markup(
            f"<b>{esc(o.label)}</b><br/><font size='7.2' color='#5b6470'>{esc(o.working)}</font>"
            f"<font size='7.2'>{notes}</font>",
            "Cell",
        )
        status = str(o.status)
        if o.days_left is not None and o.status in OPEN:
            status += (
                f" ({abs(o.days_left)} days {'late' if o.days_left < 0 else 'left'})" if o.days_left else ""
            )
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


def timeline_drawing(stages: tuple[StageRow, ...], as_of: dt.date, width: float) -> Drawing:
    """One row per stage on a shared time axis, so labels never collide: actual dates filled, planned dates
    hollow, the date before an extension in grey with an arrow to the new one, and the as-of day dashed."""
    rows = [s for s in stages if s.actual is not None or s.planned is not None]
    if not rows:
        drawing = Drawing(width, 10 * mm)
        drawing.add(String(0, 4 * mm, "No stage has a date yet.", fontName=FONT, fontSize=9, fillColor=MUTED))
        return drawing
    days = [as_of]
    for s in rows:
        days.extend(d for d in (s.actual, s.planned) if d)
        days.extend(e.original for e in s.extensions if e.original)
    first, last = min(days), max(days)
    pad = max((last - first).days // 25, 3)
    first, last = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)
    span = max((last - first).days, 1)
    row_height = 5.2 * mm
    axis_y = 7 * mm
    top = axis_y + len(rows) * row_height + 3 * mm
    drawing = Drawing(width, top + 5 * mm)
    label_width = 62 * mm
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
    step = max(1, -(-len(months) // 8))
    for month in months[::step]:
        x = x_of(month)
        drawing.add(Line(x, axis_y - 1.2 * mm, x, top, strokeColor=RULE, strokeWidth=0.3))
        drawing.add(
            String(
                x,
                axis_y - 4.5 * mm,
                month.strftime("%b %Y"),
                fontName=FONT,
                fontSize=6.5,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    red = colors.HexColor("#b42318")
    x_now = x_of(as_of)
    drawing.add(Line(x_now, axis_y, x_now, top, strokeColor=red, strokeWidth=0.8, strokeDashArray=[2, 2]))
    anchor = "end" if x_now > (left + right) / 2 else "start"
    drawing.add(
        String(
            x_now + (-1 if anchor == "end" else 1) * mm,
            top + 1.5 * mm,
            f"as of {date_short(as_of)}",
            fontName=FONT_BOLD,
            fontSize=6.5,
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
        label = stage.label if len(stage.label) <= 44 else stage.label[:43] + "…"
        drawing.add(String(0, y - 1 * mm, label, fontName=FONT, fontSize=6.8, fillColor=INK))
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
            drawing.add(Circle(x, y, 1.3 * mm, fillColor=fill, strokeColor=INK, strokeWidth=0.5))
            text = date_short(stage.actual) if stage.precision == "day" else stage.actual_text.split(" (")[0]
            near_right = (
                x + 2.2 * mm + stringWidth(text, FONT, 6) > width
            )  # flip the label rather than clip it
            drawing.add(
                String(
                    x + (-2.2 if near_right else 2.2) * mm,
                    y - 1 * mm,
                    text,
                    fontName=FONT,
                    fontSize=6,
                    fillColor=MUTED,
                    textAnchor="end" if near_right else "start",
                )
            )
            centres[stage.key] = (x, y)
        elif stage.planned:
            centres[stage.key] = (x_of(stage.planned), y)
    if "reply" in centres and "plan_issued" in centres:
        (x1, y1), (x2, y2) = centres["reply"], centres["plan_issued"]
        blue = colors.HexColor("#1d4ed8")
        drawing.add(
            PolyLine(
                [x1, y1 - 1.6 * mm, x1, y2 + 1.6 * mm, x2, y2 + 1.6 * mm],
                strokeColor=blue,
                strokeWidth=0.6,
                strokeDashArray=[1.5, 1],
            )
        )
        drawing.add(
            String(
                left,
                axis_y + 1.5 * mm,
                "blue: the reply must come before the plan is issued",
                fontName=FONT,
                fontSize=5.8,
                fillColor=blue,
            )
        )
    return drawing


def spacer(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)
