"""The dashboard and the cycle page read everything they show in one go, and show what the services read one
by one give."""

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


def test_the_cycle_page_in_one_read_is_what_the_separate_reads_give(demo):
    demo.cycles.set_stage_date("london-2022", "panel_report", D(2022, 2, 20))
    as_of = D(2022, 6, 1)
    ids, detail, history = demo.cycles.page("london-2022", as_of)
    assert ids == demo.cycles.titles()
    assert detail == demo.cycles.detail("london-2022", as_of)
    assert history == demo.history.for_item(cycle_id="london-2022")
    assert history[0].item == "Committee report or recommendations made"  # named as its template names it


def test_the_cycle_page_opens_on_the_latest_cycle_when_none_is_wanted_or_it_has_gone(demo):
    latest = demo.cycles.titles()[-1][0]
    for wanted in (None, "removed-meanwhile"):
        ids, detail, history = demo.cycles.page(wanted, D(2025, 1, 10))
        assert detail.summary.id == latest and ids[-1][0] == latest
        assert history == demo.history.for_item(cycle_id=latest)


def test_the_cycle_page_of_an_empty_store_shows_nothing(services):
    assert services.cycles.page(None, D(2025, 1, 10)) == ([], None, [])


def test_the_history_of_several_reply_passages_is_one_read_newest_first(demo):
    from tests.db.page_views import counting

    first, second = list(demo.cycles.detail("london-2022", D(2022, 6, 1)).replies)[:2]
    demo.recommendations.set_disposition(first.id, "noted")
    demo.recommendations.set_disposition(second.id, "accepted")
    demo.recommendations.set_disposition(first.id, "not accepted")
    with counting(demo.uow.engine) as sent:
        both = demo.history.for_item(entity="reply", entity_id=[str(first.id), str(second.id)])
    apart = [demo.history.for_item(entity="reply", entity_id=str(r.id)) for r in (first, second)]
    assert [c.new for c in both] == ["not accepted", "accepted", "noted"]
    assert sorted(both, key=lambda c: (c.at, c.entity_id, c.new)) == sorted(
        apart[0] + apart[1], key=lambda c: (c.at, c.entity_id, c.new)
    )
    assert len([s for s in sent if s.strip().upper() != "BEGIN"]) == 1
