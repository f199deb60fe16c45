"""Every save the app makes carries the version it was read at: two officers (two service instances on one
store) never overwrite each other without knowing. A stale save is refused naming who changed it and when;
without a version ("keep mine") it is made on top of the newer one."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.errors import Conflict

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
