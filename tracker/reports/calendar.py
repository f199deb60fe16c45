"""Deadline calendar: everything due between two dates, across cycles, grouped by week."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from tracker.reports.common import (
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
from tracker.services.dto import ObligationRow

WIDTH = 210 * mm - 2 * MARGIN


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def render_calendar_pdf(
    rows: list[ObligationRow],
    cycle_titles: dict[str, str],
    start: dt.date,
    end: dt.date,
    settings: ReportSettings,
    as_of: dt.date | None = None,
) -> bytes:
    dated = sorted(
        (r for r in rows if r.due is not None and start <= r.due <= end), key=lambda r: (r.due, r.cycle_id)
    )
    story: list[Flowable] = title_block(
        "Deadline calendar",
        [
            f"{date_long(start)} to {date_long(end)}",
            f"Statuses as of {date_long(as_of or dt.date.today())} · {len(dated)} obligations across "
            f"{len({r.cycle_id for r in dated})} cycles",
        ],
        settings,
    )
    if not dated:
        story.append(para("Nothing falls due between these dates."))
    for monday, group in groupby(dated, key=lambda r: week_start(r.due)):
        story.append(Heading(f"Week beginning {monday.strftime('%A')} {date_long(monday)}"))
        table_rows = [header_cells("Due", "Cycle", "Obligation", "Status", "Citation")]
        fills = []
        for row in group:
            table_rows.append(
                [
                    para(f"{row.due.strftime('%a')} {date_short(row.due)}", "Cell"),
                    para(cycle_titles.get(row.cycle_id, row.cycle_id), "Cell"),
                    markup(
                        f"{esc(row.label)}<br/><font size='7' color='#5b6470'>{esc(row.working)}</font>",
                        "Cell",
                    ),
                    para(str(row.status), "CellBold"),
                    para(row.citation, "Cell"),
                ]
            )
            if row.status in STATUS_FILL:
                fills.append((len(table_rows) - 1, STATUS_FILL[row.status]))
        story.append(table(table_rows, [24 * mm, 34 * mm, WIDTH - 128 * mm, 24 * mm, 46 * mm], fills=fills))
    return build_pdf(
        story,
        f"Deadline calendar {date_short(start)} to {date_short(end)}",
        "Statutory deadlines across cycles, by week",
        settings,
    )
