"""The dashboard in one read: every cycle's summary, what is due, the meetings in the window and whether any
body is recorded yet. The selects go together (on PostgreSQL one round trip instead of three)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from tracker.persistence import tables
from tracker.persistence.database import UnitOfWork, fetch_together
from tracker.services import dto, snapshot
from tracker.services.cycles import CycleService
from tracker.services.meetings import MeetingRow, MeetingService, meetings_query


@dataclass(frozen=True)
class Dashboard:
    summaries: list[dto.CycleSummary]
    due: list[dto.ObligationRow]  # open obligations due by the end of the window, overdue ones included
    meetings: list[MeetingRow]  # the meetings in the window
    bodies: int  # how many bodies are recorded (none: the first-start page)


class DashboardService:
    def __init__(self, uow: UnitOfWork, cycles: CycleService, meetings: MeetingService) -> None:
        self.uow, self.cycles, self.meetings = uow, cycles, meetings

    def read(self, as_of: dt.date, due_by: dt.date) -> Dashboard:
        """As `cycles.overview`, `meetings.list(from_date=as_of, to_date=due_by)` and `bodies.count` give
        them, read together."""
        queries = [
            *snapshot.cycle_queries(),
            meetings_query(as_of, due_by),
            select(func.count()).select_from(tables.policing_body),
        ]
        with self.uow.read() as connection:
            *cycle_rows, meeting_rows, counted = fetch_together(connection, queries)
        summaries, due = self.cycles.overview_of(snapshot.assemble_cycles(cycle_rows), as_of, due_by)
        return Dashboard(summaries, due, self.meetings.rows_of(meeting_rows), counted[0][0] or 0)
