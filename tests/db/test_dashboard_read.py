"""The dashboard reads everything it shows in one go, and shows what the services read one by one give."""

from __future__ import annotations

import datetime as dt

D = dt.date


def test_the_dashboard_in_one_read_is_what_the_separate_reads_give(demo):
    demo.meetings.add("mopac", D(2025, 2, 3), "Committee meeting", "london-2025")
    as_of, due_by = D(2025, 1, 10), D(2025, 3, 31)
    board = demo.dashboard.read(as_of, due_by)
    assert (board.summaries, board.due) == demo.cycles.overview(as_of, due_by)
    assert board.meetings == demo.meetings.list(from_date=as_of, to_date=due_by)
    assert [m.title for m in board.meetings] == [
        "Evidence session with experts on the draft plan",
        "Committee meeting",
    ]
    assert board.bodies == demo.bodies.count() == 1


def test_an_empty_store_has_an_empty_dashboard(services):
    board = services.dashboard.read(D(2025, 1, 10), D(2025, 3, 31))
    assert (board.summaries, board.due, board.meetings, board.bodies) == ([], [], [], 0)
