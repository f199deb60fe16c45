"""Every save the app makes carries the version it was read at: two officers (two service instances on one
store) never overwrite each other without knowing. A stale save is refused naming who changed it and when;
without a version ("keep mine") it is made on top of the newer one."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.errors import BadInput, Conflict

D = dt.date
CYCLE = "london-2025"


@pytest.fixture
def two(demo):
    from tracker.services.factory import open_services

    other = open_services(demo.url, user="Second Officer")
    yield demo, other
    other.dispose()


def stage(services, key: str):
    return next(s for s in services.cycles.detail(CYCLE, D.today()).stages if s.key == key)


def test_a_stage_date_from_an_old_view_is_refused_then_kept_on_purpose(two):
    mine, theirs = two
    seen = stage(mine, "panel_report").version
    theirs.cycles.set_stage_date(CYCLE, "panel_report", D(2025, 2, 20), if_version=seen)
    with pytest.raises(Conflict, match=r"changed by Second Officer on .*version \d+, it is now version"):
        mine.cycles.set_stage_date(CYCLE, "panel_report", D(2025, 2, 21), if_version=seen)
    assert stage(mine, "panel_report").actual == D(2025, 2, 20)  # theirs stands
    mine.cycles.set_stage_date(CYCLE, "panel_report", D(2025, 2, 21))  # keep mine
    assert stage(theirs, "panel_report").actual == D(2025, 2, 21)


def test_clearing_a_stage_date_from_an_old_view_is_refused(two):
    mine, theirs = two
    mine.cycles.set_stage_date(CYCLE, "panel_report", D(2025, 2, 20))
    seen = stage(mine, "panel_report").version
    theirs.cycles.set_stage_date(CYCLE, "panel_report", D(2025, 2, 22), if_version=seen)
    with pytest.raises(Conflict, match="Second Officer"):
        mine.cycles.clear_stage_date(CYCLE, "panel_report", if_version=seen)
    assert stage(mine, "panel_report").actual == D(2025, 2, 22)


def test_an_extension_from_an_old_view_is_refused(two):
    mine, theirs = two
    mine.cycles.set_stage_date(CYCLE, "reply", D(2025, 4, 1), planned=True)
    seen = stage(mine, "reply").version
    theirs.cycles.extend_stage(CYCLE, "reply", D(2025, 4, 15), "panel agreed", if_version=seen)
    with pytest.raises(Conflict, match="Second Officer"):
        mine.cycles.extend_stage(CYCLE, "reply", D(2025, 4, 30), "my reason", if_version=seen)
    assert len(stage(mine, "reply").extensions) == 1
    now = stage(mine, "reply").version
    mine.cycles.extend_stage(CYCLE, "reply", D(2025, 4, 30), "my reason", if_version=now)  # re-applied
    assert stage(theirs, "reply").planned == D(2025, 4, 30)


def test_a_body_edited_from_an_old_view_is_refused(two):
    mine, theirs = two
    body = mine.bodies.list()[0]
    theirs.bodies.edit(body.id, name="Renamed by them", if_version=body.version)
    with pytest.raises(Conflict, match="changed by Second Officer"):
        mine.bodies.edit(body.id, name="Renamed by me", if_version=body.version)
    assert mine.bodies.get(body.id).name == "Renamed by them"
    theirs_now = mine.bodies.get(body.id)
    theirs.bodies.edit(body.id, members=11, if_version=theirs_now.version)  # the panel's figure moves it too
    with pytest.raises(Conflict):
        mine.bodies.edit(body.id, name="Renamed by me", if_version=theirs_now.version)


def test_a_setting_saved_from_an_old_dialog_is_refused_and_nothing_is_saved(two):
    mine, theirs = two
    seen = mine.settings.versions()
    assert seen["organisation"] == 0  # still its default: no row yet
    theirs.settings.set_many({"organisation": "Their Panel"}, if_versions=seen)
    with pytest.raises(Conflict, match="changed by Second Officer .*to Their Panel"):
        mine.settings.set_many({"organisation": "My Panel", "due_soon_days": "21"}, if_versions=seen)
    assert mine.settings.get_all()["organisation"] == "Their Panel"
    assert mine.settings.get_all()["due_soon_days"] != "21"  # one transaction: nothing of mine was saved
    # a setting the other officer did not touch saves from the old dialog
    mine.settings.set_many({"due_soon_days": "21"}, if_versions=seen)
    mine.settings.set_many({"organisation": "My Panel"})  # keep mine
    assert theirs.settings.get_all()["organisation"] == "My Panel"


def test_recommendation_text_from_an_old_view_is_refused(two):
    mine, theirs = two
    rec = next(r for r in mine.recommendations.register("london-2022") if r.number == "3")
    theirs.recommendations.set_recommendation("london-2022", "3", text="Theirs", if_version=rec.version)
    with pytest.raises(Conflict, match="by Second Officer"):
        mine.recommendations.set_recommendation("london-2022", "3", text="Mine", if_version=rec.version)


def test_regrouping_raises_the_version_that_reply_set_and_clear_check(two):
    mine, theirs = two
    reply = next(r for r in mine.recommendations.replies_for(
        next(r for r in mine.recommendations.register("london-2022") if r.number == "1").id
    ))  # fmt: skip
    theirs.recommendations.set_grouping(reply.id, [*reply.covers, "16"], if_version=reply.version)
    with pytest.raises(Conflict, match="changed by Second Officer"):
        mine.corrections.set_reply("london-2022", reply.covers, "My text", if_version=reply.version)
    with pytest.raises(Conflict, match="changed by Second Officer"):
        mine.corrections.clear_reply("london-2022", reply.covers[0], if_version=reply.version)


def _meeting(services, title_start: str):
    return next(r for r in services.meetings.list(cycle_id=CYCLE) if r.title.startswith(title_start))


def _logged(services, meeting_id: int, field: str) -> str | None:
    """The newest value the change log holds for one field of a meeting."""
    rows = [
        c for c in services.history.for_item(entity="meeting", entity_id=str(meeting_id)) if c.field == field
    ]
    return rows[0].new if rows else None


def test_a_meeting_edited_from_an_old_view_is_refused_then_kept_on_purpose(two):
    mine, theirs = two
    seen = _meeting(mine, "Evidence session")
    theirs.meetings.edit(seen.id, title="Evidence session (moved room)", if_version=seen.version)
    with pytest.raises(Conflict, match=r"meeting of 15 Jan 2025 .*changed by Second Officer .*moved room"):
        mine.meetings.edit(seen.id, title="Evidence session with the experts", if_version=seen.version)
    assert mine.meetings.get(seen.id).title == "Evidence session (moved room)"  # theirs stands
    kept, _notes = mine.meetings.edit(seen.id, title="Evidence session with the experts")  # keep mine
    assert theirs.meetings.get(seen.id).title == kept.title == "Evidence session with the experts"
    assert kept.version == seen.version + 2
    assert _logged(mine, seen.id, "title") == kept.title  # the change log agrees with the store


def test_a_meeting_save_that_changes_nothing_is_checked_and_writes_nothing(two):
    mine, theirs = two
    seen = _meeting(mine, "Evidence session")
    before = mine.history.for_item(entity="meeting", entity_id=str(seen.id))
    same, notes = mine.meetings.edit(seen.id, day=seen.date, title=seen.title, if_version=seen.version)
    assert (same.version, notes) == (seen.version, [])
    assert mine.history.for_item(entity="meeting", entity_id=str(seen.id)) == before
    theirs.meetings.edit(seen.id, day=D(2025, 1, 16))
    with pytest.raises(Conflict, match="changed by Second Officer"):
        mine.meetings.edit(seen.id, day=seen.date, if_version=seen.version)


def test_a_meeting_moved_to_another_day_or_stage_says_so_in_one_transaction(two):
    mine, _theirs = two
    seen = _meeting(mine, "Evidence session")
    moved, _notes = mine.meetings.edit(seen.id, day=D(2025, 1, 22), for_stage="panel_report")
    assert (moved.date, moved.for_stage, moved.papers_by) == (D(2025, 1, 22), "panel_report", D(2025, 1, 14))
    assert _logged(mine, seen.id, "date") == "22 Jan 2025"
    with pytest.raises(BadInput, match="not a stage of london-2025"):
        mine.meetings.edit(seen.id, title="Renamed", for_stage="no_such_stage")
    assert mine.meetings.get(seen.id).title == seen.title  # refused whole: the title was not saved either
    cleared, _notes = mine.meetings.edit(seen.id, for_stage="")
    assert cleared.for_stage is None and _logged(mine, seen.id, "for_stage") is None
