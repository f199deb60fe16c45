"""The store: migrations, the demo cycles and their statuses on chosen days, edits and their refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from tracker.domain import Precision, Status
from tracker.errors import BadInput, NotFound
from tracker.persistence.migrate import HEAD_REVISION, alembic_config, current_revision

D = dt.date


def obligation(services, cycle_id: str, rule_id: str, as_of: dt.date):
    rows = services.cycles.obligations(cycle_id, as_of)
    return next(r for r in rows if r.rule_id == rule_id)


def test_migrations_from_empty_to_head_show_no_drift(services):
    from alembic import command
    from alembic.script import ScriptDirectory

    config = alembic_config(services.url)
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION
    assert current_revision(services.uow.engine) == HEAD_REVISION
    command.check(config)  # raises if the models and the migrations disagree


def test_sqlite_store_has_foreign_keys_on_and_wal(services):
    with services.uow.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_demo_loads_four_london_cycles_and_is_idempotent(services):
    first = services.demo.load()
    assert set(first.added) == {"london-2013", "london-2017", "london-2022", "london-2025"}
    second = services.demo.load()
    assert second.added == () and set(second.already_present) == set(first.added)
    summaries = {s.id: s for s in services.cycles.list(D(2026, 11, 22))}
    assert summaries["london-2013"].coverage.total == 19
    assert summaries["london-2017"].coverage.total == 13
    cov = summaries["london-2022"].coverage
    assert (cov.total, cov.replied, cov.grouped, cov.missing) == (16, 16, 4, 0)


def test_2022_replies_keep_their_grouping_and_dispositions(demo):
    recs = {r.number: r for r in demo.cycles.detail("london-2022", D(2022, 4, 1)).recommendations}
    assert recs["9"].grouped_with == ("10",) and recs["10"].grouped_with == ("9",)
    assert recs["14"].grouped_with == ("16",) and recs["16"].grouped_with == ("14",)
    assert recs["12"].grouped_with == ()  # a cross-reference to 6 is not a grouped reply
    assert {n for n, r in recs.items() if r.disposition == "not accepted"} == {"6", "11", "12", "15"}
    assert {n for n, r in recs.items() if r.disposition == "partially accepted"} == {"7", "13"}
    asks = {
        f.recommendation_number: f.due
        for f in demo.cycles.detail("london-2022", D(2022, 4, 1)).follow_ups
        if f.kind == "ask"
    }
    assert asks == {"6": D(2022, 9, 30), "15": D(2022, 6, 30)}


def test_2017_reply_is_not_overdue_on_1_march_2017(demo):
    row = obligation(demo, "london-2017", "response-before-issue", D(2017, 3, 1))
    assert row.status is Status.NOT_YET_DUE
    assert row.due == D(2017, 3, 31)  # plan not yet issued or planned: the statutory limit governs


def test_2017_reply_on_1_april_2017_cannot_be_shown_to_precede_the_plan(demo):
    row = obligation(demo, "london-2017", "response-before-issue", D(2017, 4, 1))
    assert row.status is Status.CANNOT_CONFIRM
    assert "cannot confirm" in row.working and "29 Mar 2017" in row.working
    assert obligation(demo, "london-2017", "issue-plan", D(2017, 4, 1)).status is Status.MET
    # the committee noted the reply after the plan: practice, and not an exception
    assert obligation(demo, "london-2017", "note-reply", D(2017, 4, 1)).status is Status.MET


def test_2013_reply_after_the_plan_is_flagged(demo):
    row = obligation(demo, "london-2013", "response-before-issue", D(2013, 6, 1))
    assert row.status is Status.EXCEPTION
    assert obligation(demo, "london-2013", "issue-plan", D(2013, 6, 1)).status is Status.MET
    # the committee asked for a reply by 25 March 2013; on 26 March none was recorded
    assert obligation(demo, "london-2013", "reply-requested", D(2013, 3, 26)).status is Status.OVERDUE


def test_2022_reply_came_the_day_before_the_plan(demo):
    assert obligation(demo, "london-2022", "response-before-issue", D(2022, 3, 24)).status is Status.MET


def test_2025_plan_issued_without_a_recorded_reply(demo):
    row = obligation(demo, "london-2025", "response-before-issue", D(2025, 4, 1))
    assert row.status is Status.NOT_RECORDED  # a gap in the record, not a proven breach
    assert obligation(demo, "london-2025", "issue-plan", D(2025, 4, 1)).status is Status.MET


def test_unknown_dates_stay_unknown(demo):
    detail = demo.cycles.detail("london-2013", D(2026, 1, 1))
    stages = {s.key: s for s in detail.stages}
    assert stages["plan_issued"].actual_text == "March 2013 (day not known)"
    assert stages["reply"].actual_text.startswith("after Final plan issued")
    assert stages["draft_sent"].actual_text == "on or before 17 Jan 2013 (exact day not known)"
    assert stages["reply_published"].actual_text == "not recorded"


def test_a_gate_against_a_month_only_date_shows_no_invented_due_day(demo):
    row = obligation(demo, "london-2013", "public-views", D(2014, 1, 1))
    assert row.due is None and "March 2013 (day not known)" in row.working
    assert row.status is Status.CANNOT_CONFIRM and "cannot confirm" in row.working
    assert row.days_left is None


def test_days_left_only_for_open_obligations(demo):
    rows = demo.cycles.obligations("london-2017", D(2017, 3, 1))
    by_id = {r.rule_id: r for r in rows}
    assert by_id["issue-plan"].days_left == 30
    assert by_id["panel-report"].status is Status.MET and by_id["panel-report"].days_left is None


def test_consultation_extension_keeps_the_original_date(demo):
    detail = demo.cycles.detail("london-2017", D(2017, 3, 1))
    (ext,) = detail.extensions
    assert (ext.stage_key, ext.original, ext.new) == ("consultation_end", D(2017, 2, 23), D(2017, 3, 2))


def test_set_date_updates_status_and_logs_the_change(demo):
    demo.cycles.set_stage_date("london-2025", "reply", D(2025, 3, 27))
    assert obligation(demo, "london-2025", "response-before-issue", D(2025, 4, 1)).status is Status.MET
    (change,) = demo.history.for_item(cycle_id="london-2025")
    assert (change.field, change.old, change.new, change.who) == (
        "actual_date",
        "not recorded",
        "27 Mar 2025",
        "test officer",
    )


def test_a_reply_before_the_report_it_answers_is_refused_and_nothing_is_written(demo):
    demo.cycles.set_stage_date("london-2025", "panel_report", D(2025, 2, 20))
    before = demo.history.for_item(cycle_id="london-2025")
    with pytest.raises(BadInput, match="cannot come before"):
        demo.cycles.set_stage_date("london-2025", "reply", D(2025, 2, 1))
    assert demo.history.for_item(cycle_id="london-2025") == before
    stages = {s.key: s for s in demo.cycles.detail("london-2025", D(2025, 4, 1)).stages}
    assert stages["reply"].actual_text == "not recorded"


def test_a_window_that_ends_before_it_starts_is_refused(demo):
    with pytest.raises(BadInput, match="window would end before it starts"):
        demo.cycles.set_stage_date("london-2025", "consultation_end", D(2024, 12, 1))


def test_extension_rules(demo):
    with pytest.raises(BadInput, match="earlier than the planned"):
        demo.cycles.extend_stage("london-2017", "consultation_end", D(2017, 2, 28), "typo")
    with pytest.raises(BadInput, match="reason"):
        demo.cycles.extend_stage("london-2017", "consultation_end", D(2017, 3, 9), "  ")
    with pytest.raises(BadInput, match="no planned date"):
        demo.cycles.extend_stage("london-2025", "reply", D(2025, 3, 9), "late")
    ext = demo.cycles.extend_stage(
        "london-2017", "consultation_end", D(2017, 2, 28), "brought forward", earlier=True
    )
    assert ext.original == D(2017, 3, 2) and ext.new == D(2017, 2, 28)
    assert len(demo.cycles.detail("london-2017", dt.date.today()).extensions) == 2
    # as of 1 March 2017 the extension made today had not been made
    assert len(demo.cycles.detail("london-2017", D(2017, 3, 1)).extensions) == 1


def test_unknown_cycle_and_stage_are_named(demo):
    with pytest.raises(NotFound, match="london-2099"):
        demo.cycles.detail("london-2099", D(2020, 1, 1))
    with pytest.raises(NotFound, match="not a stage"):
        demo.cycles.set_stage_date("london-2022", "nonsense", D(2022, 1, 1))


def test_month_and_after_precisions_round_trip(demo):
    demo.cycles.set_stage_date("london-2025", "panel_report", D(2025, 2, 1), precision=Precision.MONTH)
    demo.cycles.set_stage_date(
        "london-2025", "reply_noted", None, precision=Precision.AFTER, after_stage="plan_issued"
    )
    stages = {s.key: s for s in demo.cycles.detail("london-2025", D(2026, 1, 1)).stages}
    assert stages["panel_report"].actual_text == "February 2025 (day not known)"
    assert stages["reply_noted"].actual_text.startswith("after Final plan issued")


def test_override_of_a_disposition_is_logged(demo):
    reply = demo.cycles.detail("london-2022", D(2022, 4, 1)).replies[4]
    assert reply.covers == ("5",)
    row = demo.recommendations.set_disposition(reply.id, "partially accepted")
    assert row.disposition == "partially accepted" and row.suggested_disposition == "noted"
    with pytest.raises(BadInput, match="not one of"):
        demo.recommendations.set_disposition(reply.id, "maybe")
    changes = demo.history.for_item(entity="reply", entity_id=str(reply.id))
    assert [(c.old, c.new) for c in changes] == [("noted", "partially accepted")]


def test_regrouping_a_reply(demo):
    reply = next(
        r for r in demo.cycles.detail("london-2022", D(2022, 4, 1)).replies if r.covers == ("9", "10")
    )
    demo.recommendations.set_grouping(reply.id, ["9"])
    recs = {r.number: r for r in demo.cycles.detail("london-2022", D(2022, 4, 1)).recommendations}
    assert recs["10"].reply_status == "missing" and recs["9"].grouped_with == ()
    with pytest.raises(BadInput, match="not in cycle"):
        demo.recommendations.set_grouping(reply.id, ["99"])


def test_deadlines_across_cycles(demo):
    rows = demo.cycles.deadlines(D(2017, 3, 1), within_days=45)
    assert rows and all(r.cycle_id == "london-2017" for r in rows)
    assert [r.due for r in rows] == sorted(r.due for r in rows)
    with pytest.raises(BadInput):
        demo.cycles.deadlines(D(2017, 3, 1), from_date=D(2017, 3, 2), to_date=D(2017, 3, 1))


def test_overview_matches_list_and_deadlines(demo):
    as_of, due_by = D(2017, 3, 1), D(2017, 4, 15)
    summaries, due = demo.cycles.overview(as_of, due_by)
    assert summaries == demo.cycles.list(as_of)
    open_statuses = {Status.OVERDUE, Status.DUE_TODAY, Status.DUE_SOON, Status.NOT_YET_DUE}
    expected = [r for r in demo.cycles.deadlines(as_of, to_date=due_by) if r.status in open_statuses]
    assert due == expected and due
