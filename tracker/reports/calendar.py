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

WIDTH = 210 * mm - 2 * MARGIN


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def render_calendar_pdf(
    entries: list,  # tracker.reports.build.CalendarEntry
    cycle_titles: dict[str, str],
    start: dt.date,
    end: dt.date,
    settings: ReportSettings,
    as_of: dt.date | None = None,
) -> bytes:
    dated = sorted((e for e in entries if start <= e.day <= end), key=lambda e: (e.day, e.cycle_id or ""))
    obligations = sum(1 for e in dated if e.kind == "obligation")
    meetings = sum(1 for e in dated if e.kind == "meeting")
    story: list[Flowable] = title_block(
        "Deadline calendar",
        [
            f"{date_long(start)} to {date_long(end)}",
            f"Statuses as of {date_long(as_of or dt.date.today())} · {_count(obligations, 'obligation')}, "
            f"{_count(meetings, 'meeting')} and {_count(len(dated) - obligations - meetings, 'other date')}, across "
            f"{_count(len({e.cycle_id for e in dated if e.cycle_id}), 'cycle')}",
        ],
        settings,
    )
    if not dated:
        story.append(para("Nothing falls due between these dates."))
    for monday, group in groupby(dated, key=lambda e: week_start(e.day)):
        story.append(Heading(f"Week beginning {monday.strftime('%A')} {date_long(monday)}"))
        table_rows = [header_cells("Date", "Cycle", "What", "Status", "Citation")]
        fills = []
        for entry in group:
            table_rows.append(
                [
                    para(f"{entry.day.strftime('%a')} {date_short(entry.day)}", "Cell"),
                    para(cycle_titles.get(entry.cycle_id, entry.cycle_id or "all"), "Cell"),
                    markup(
                        f"{esc(entry.label)}<br/><font size='8' color='#4a5360'>{esc(entry.working)}</font>",
                        "Cell",
                    ),
                    para(entry.status, "CellBold"),
                    para(entry.citation, "Cell"),
                ]
            )
            if entry.status_code in STATUS_FILL:
                fills.append((len(table_rows) - 1, STATUS_FILL[entry.status_code]))
        story.append(table(table_rows, [24 * mm, 34 * mm, WIDTH - 128 * mm, 24 * mm, 46 * mm], fills=fills))
    return build_pdf(
        story,
        f"Deadline calendar {date_short(start)} to {date_short(end)}",
        "Statutory deadlines across cycles, by week",
        settings,
        date=as_of,
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
