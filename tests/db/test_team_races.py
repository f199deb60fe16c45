"""A team on one SQLite store: several officers' processes saving at once lose nothing, and queue for the
write lock instead of being refused as busy."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.db.races import check_a_team_loses_nothing, disagreements, officers, race_two_regroupings
from tracker.errors import Conflict


def test_three_officers_saving_at_once_queue_rather_than_being_refused(demo):
    """3 processes x 150 edits, each on a recommendation of its own: at least 99% saved, none refused as
    changed by someone else (nobody else touched the row)."""
    plan = [(f"Officer {n}", "text", n) for n in ("3", "4", "5")]
    results = officers(demo.url, plan, 150, "london-2022")
    assert [r["unexpected"] for r in results] == [[], [], []]
    assert sum(r["stale"] for r in results) == 0
    assert sum(r["saved"] for r in results) >= 0.99 * 450, results
    assert disagreements(demo, "london-2022") == []


def test_officers_on_the_same_rows_lose_nothing_and_the_log_agrees(demo):
    check_a_team_loses_nothing(demo, demo.url, 40)


def test_a_regrouping_from_an_old_view_is_refused_naming_who_changed_it_and_when(demo):
    from tracker.services.factory import open_services

    reply = next(iter(demo.cycles.detail("london-2022", dt.date(2022, 4, 1)).replies))
    other = open_services(demo.url, user="Second Officer")
    try:
        changed = other.recommendations.set_grouping(reply.id, ["1", "2"], if_version=reply.version)
        assert changed.version == reply.version + 1  # changing only the links raises the reply's version
        with pytest.raises(
            Conflict,
            match=r"changed by Second Officer on \d{1,2} \w+ \d{4} at \d\d:\d\d \(the answers were set to 1, 2\)",
        ):
            demo.recommendations.set_grouping(reply.id, ["3"], if_version=reply.version)
    finally:
        other.dispose()
    assert disagreements(demo, "london-2022") == []


def test_a_save_that_changes_nothing_is_still_checked_and_writes_no_history(demo):
    reply = next(iter(demo.cycles.detail("london-2022", dt.date(2022, 4, 1)).replies))
    before = len(demo.history.for_item(cycle_id="london-2022"))
    same = demo.recommendations.set_grouping(reply.id, list(reply.covers), if_version=reply.version)
    demo.recommendations.set_disposition(reply.id, None, if_version=reply.version)
    assert same.version == reply.version
    assert len(demo.history.for_item(cycle_id="london-2022")) == before
    other = ["2"] if reply.covers != ("2",) else ["1"]
    demo.recommendations.set_grouping(reply.id, other)
    with pytest.raises(Conflict):  # nothing to change, but from an old view: refused all the same
        demo.recommendations.set_grouping(reply.id, other, if_version=reply.version)
    with pytest.raises(Conflict):
        demo.recommendations.set_disposition(reply.id, None, if_version=reply.version)


def test_two_regroupings_at_once_on_sqlite_keep_one_and_tell_the_other(demo, monkeypatch):
    from tracker.services.factory import open_services

    reply = next(iter(demo.cycles.detail("london-2022", dt.date(2022, 4, 1)).replies))
    monkeypatch.setenv("TRACKER_LOCK_TIMEOUT", "0.5")
    other = open_services(demo.url, user="Second Officer")
    try:
        errors = race_two_regroupings(demo.uow, other.uow, reply.id)
    finally:
        other.dispose()
    assert len(errors) == 1 and isinstance(errors[0], Conflict), errors
    covers = next(
        r for r in demo.cycles.detail("london-2022", dt.date(2022, 4, 1)).replies if r.id == reply.id
    ).covers
    assert covers == (("1",) if "busy" in str(errors[0]) else ("2",))
