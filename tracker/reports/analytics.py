"""The analytics paper: the cycles side by side, each chart followed by a table of the same figures for
readers who cannot see it."""

from __future__ import annotations

import datetime as dt

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from tracker.domain import DISPOSITION_COUNTS as DISPOSITIONS
from tracker.reports.common import (
    FONT,
    Heading,
    ReportSettings,
    build_pdf,
    cell,
    date_long,
    header_cells,
    keep,
    para,
    table,
    title_block,
)
from tracker.services.analytics import Analytics

# one colour per disposition, told apart by lightness too (and every chart has its table beneath)
SERIES = ("#1b5e20", "#7cb342", "#c62828", "#1565c0", "#9e9e9e", "#424242")
TITLE = "The register across years"


def _stacked(analytics: Analytics) -> Drawing:
    cycles = analytics.cycles
    drawing = Drawing(170 * mm, 80 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 14 * mm, 14 * mm, 110 * mm, 60 * mm
    chart.data = [[c.dispositions[d] for c in cycles] for d in DISPOSITIONS]
    chart.categoryAxis.categoryNames = [c.cycle for c in cycles]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.style = "stacked"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    for i, colour in enumerate(SERIES):
        chart.bars[i].fillColor = colors.HexColor(colour)
        chart.bars[i].strokeColor = colors.white
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 132 * mm, 72 * mm
    legend.fontName, legend.fontSize = FONT, 7
    legend.columnMaximum = len(DISPOSITIONS)  # one column, in the order of the stack
    legend.colorNamePairs = [(colors.HexColor(c), d) for c, d in zip(SERIES, DISPOSITIONS, strict=True)]
    drawing.add(legend)
    drawing.add(String(14 * mm, 76 * mm, "Recommendations by disposition", fontName=FONT, fontSize=8))
    return drawing


def _days(analytics: Analytics) -> Drawing:
    cycles = analytics.cycles
    drawing = Drawing(170 * mm, 16 * mm + 8 * mm * max(1, len(cycles)))
    chart = HorizontalBarChart()
    chart.x, chart.y = 30 * mm, 8 * mm
    chart.width, chart.height = 120 * mm, 8 * mm * max(1, len(cycles))
    chart.data = [[c.days_to_reply or 0 for c in cycles]]
    chart.categoryAxis.categoryNames = [c.cycle for c in cycles]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = colors.HexColor(SERIES[3])
    chart.barLabelFormat = lambda v: f"{int(v)} days" if v else ""
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def _days_text(c) -> str:
    if c.days_to_reply is None:
        return "not known" if c.dispositions["no reply"] < c.recommendations else "no reply recorded"
    return f"at most {c.days_to_reply}" if c.days_to_reply_at_most else str(c.days_to_reply)


def render_analytics_pdf(analytics: Analytics, settings: ReportSettings, as_of: dt.date) -> bytes:
    story: list[Flowable] = title_block(
        TITLE,
        [f"{len(analytics.cycles)} cycles side by side, as of {date_long(as_of)}"],
        settings,
    )
    if not analytics.cycles:
        story.append(para("No cycle has recommendations recorded yet."))
        return build_pdf(story, TITLE, "Analytics", settings, date=as_of)
    story.append(Heading("How the replies answered"))
    rows = [header_cells("Cycle", "Recs", *DISPOSITIONS)]
    for c in analytics.cycles:
        rows.append([c.cycle, str(c.recommendations), *(str(c.dispositions[d]) for d in DISPOSITIONS)])
    story.append(keep(_stacked(analytics), table(rows, [30 * mm, 12 * mm] + [21 * mm] * 6)))
    story.append(Heading("How long the replies took"))
    rows = [header_cells("Cycle", "Committee report", "Days to reply", "Reply by the due day")]
    for c in analytics.cycles:
        rows.append(
            [
                c.cycle,
                date_long(c.report_date),
                _days_text(c),
                {True: "✓ yes", False: "⚠ no", None: "not known"}[c.reply_due_met],
            ]
        )
    story.append(keep(_days(analytics), table(rows, [34 * mm, 40 * mm, 34 * mm, 40 * mm])))
    story.append(Heading("Follow-ups"))
    rows = [header_cells("Cycle", "Met", "Late", "Open")]
    for c in analytics.cycles:
        rows.append([c.cycle, *(str(c.follow_ups[k]) for k in ("met", "late", "open"))])
    story.append(table(rows, [34 * mm, 20 * mm, 20 * mm, 20 * mm]))
    story.append(Heading("By theme"))
    rows = [header_cells("Theme", "Cycles", "Recs", *DISPOSITIONS)]
    for t in analytics.themes:
        rows.append(
            [
                cell(t.name),
                str(t.cycles),
                str(t.recommendations),
                *(str(t.dispositions[d]) for d in DISPOSITIONS),
            ]
        )
    story.append(table(rows, [40 * mm, 12 * mm, 12 * mm] + [18 * mm] * 6))
    return build_pdf(story, TITLE, "Analytics", settings, date=as_of)


def render_analytics_docx(analytics: Analytics, settings: ReportSettings, as_of: dt.date) -> bytes:
    from tracker.reports.word import add_table, new_document, to_bytes

    document = new_document(TITLE, "Analytics", settings)
    document.add_heading(TITLE, level=0)
    document.add_paragraph(f"{len(analytics.cycles)} cycles side by side, as of {date_long(as_of)}")
    document.add_heading("How the replies answered", level=1)
    add_table(
        document,
        ["Cycle", "Recs", *DISPOSITIONS],
        [
            [c.cycle, str(c.recommendations), *(str(c.dispositions[d]) for d in DISPOSITIONS)]
            for c in analytics.cycles
        ],
    )
    document.add_heading("How long the replies took", level=1)
    add_table(
        document,
        ["Cycle", "Committee report", "Days to reply", "Reply by the due day"],
        [
            [
                c.cycle,
                date_long(c.report_date),
                _days_text(c),
                {True: "yes", False: "no", None: "not known"}[c.reply_due_met],
            ]
            for c in analytics.cycles
        ],
    )
    document.add_heading("Follow-ups", level=1)
    add_table(
        document,
        ["Cycle", "Met", "Late", "Open"],
        [[c.cycle, *(str(c.follow_ups[k]) for k in ("met", "late", "open"))] for c in analytics.cycles],
    )
    document.add_heading("By theme", level=1)
    add_table(
        document,
        ["Theme", "Cycles", "Recs", *DISPOSITIONS],
        [
            [t.name, str(t.cycles), str(t.recommendations), *(str(t.dispositions[d]) for d in DISPOSITIONS)]
            for t in analytics.themes
        ],
    )
    return to_bytes(document)
