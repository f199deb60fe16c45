"""As of means as of: nothing recorded as happening after the as-of day shows in any view, and a missing
record is a gap ("not recorded"), not a breach."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli_helpers import ok
from tracker.domain import Precision, Status

D = dt.date
HAPPENED = {Status.MET, Status.MET_LATE, Status.CANNOT_CONFIRM}


def summary(services, cycle_id, day):
    return next(s for s in services.cycles.list(day) if s.id == cycle_id)


def test_as_of_1_march_2017_later_cycles_have_not_started(demo):
    for cycle_id in ("london-2022", "london-2025"):
        s = summary(demo, cycle_id, D(2017, 3, 1))
        assert s.current_stage == "not started" and s.next_deadline is None
        assert demo.cycles.obligations(cycle_id, D(2017, 3, 1)) == []
    cycles = {r.cycle_id for r in demo.cycles.deadlines(D(2017, 3, 1))}
    assert cycles == {"london-2013", "london-2017"}
    # the 2017 recommendations are there; their reply (by 29 March) is not yet
    s = summary(demo, "london-2017", D(2017, 3, 1))
    assert s.coverage.total == 13 and s.coverage.replied == 0


def test_as_of_1_march_2022_the_reply_of_23_march_has_not_arrived(demo):
    detail = demo.cycles.detail("london-2022", D(2022, 3, 1))
    assert detail.replies == ()
    assert all(r.reply_status != "replied" for r in detail.recommendations)
    assert detail.summary.coverage.replied == 0
    stages = {s.key: s for s in detail.stages}
    assert stages["reply"].actual is None and "as of 1 Mar 2022" in stages["reply"].actual_text
    assert stages["plan_issued"].actual is None
    assert all(d.date is None or d.date <= D(2022, 3, 1) for d in detail.documents)
    register = demo.recommendations.register("london-2022", as_of=D(2022, 3, 1))
    assert all(r.reply_status != "replied" for r in register)


def test_as_of_1_april_2022_all_sixteen_replied(demo):
    s = summary(demo, "london-2022", D(2022, 4, 1))
    assert (s.coverage.total, s.coverage.replied, s.coverage.grouped, s.coverage.missing) == (16, 16, 4, 0)
    assert s.current_stage == "Final plan issued"


def test_audit_takes_an_as_of_day(demo, capsys):
    early = ok(capsys, "audit", "london-2022", "--as-of", "2022-03-01", "--db", demo.url)
    assert early["coverage"]["replied"] == 0
    late = ok(capsys, "audit", "london-2022", "--as-of", "2022-04-01", "--db", demo.url)
    assert late["coverage"]["replied"] == 16
    fifteen = next(r for r in late["recommendations"] if r["number"] == "15")
    assert fifteen["out_of_order_after"] == "16"


def test_a_stage_nobody_recorded_is_not_recorded_not_an_exception(demo):
    rows = {r.rule_id: r for r in demo.cycles.obligations("london-2022", D(2022, 4, 1))}
    assert rows["send-draft"].status is Status.NOT_RECORDED
    assert "not recorded" in rows["send-draft"].working
    # a date that breaks the statutory order is still an exception: 2013's reply came after the plan
    rows_2013 = {r.rule_id: r for r in demo.cycles.obligations("london-2013", D(2013, 6, 1))}
    assert rows_2013["response-before-issue"].status is Status.EXCEPTION


def test_a_reply_given_but_not_imported_is_not_recorded_rather_than_missing(demo):
    rows = demo.recommendations.register("london-2013", as_of=D(2014, 1, 1))
    assert rows and all(r.reply_status == "not recorded" for r in rows)


def _happened(services, day):
    out = set()
    for s in services.cycles.list(day):
        detail = services.cycles.detail(s.id, day)
        out |= {(s.id, "stage", st_.key) for st_ in detail.stages if st_.actual is not None}
        out |= {(s.id, "rule", o.rule_id) for o in detail.obligations if o.status in HAPPENED}
        out |= {(s.id, "reply", r.number) for r in detail.recommendations if r.reply_status == "replied"}
        out |= {(s.id, "document", d.id) for d in detail.documents}
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    earlier=st.dates(min_value=D(2012, 6, 1), max_value=D(2026, 6, 1)),
    gap=st.integers(min_value=1, max_value=900),
)
def test_moving_the_as_of_day_earlier_never_makes_something_happen(demo, earlier, gap):
    later = earlier + dt.timedelta(days=gap)
    assert _happened(demo, earlier) <= _happened(demo, later)


def test_an_extension_made_later_has_not_moved_the_planned_date_as_of_an_earlier_day(panel, services):
    """A panel sets its reply date, then moves it; as of a day before the move, the date then planned is
    shown and counted, not the one it was moved to."""
    cycles = services.cycles
    cycles.create_cycle("c1", "", "plan-pcc", "wessex", triggers={"election": D(2026, 5, 7)})
    cycles.set_stage_date("c1", "reply_required_by", D(2026, 12, 18), planned=True)
    cycles.extend_stage("c1", "reply_required_by", D(2027, 1, 8), "committee meeting moved")
    today = dt.date.today()

    def planned(day):
        stages = {s.key: s for s in cycles.detail("c1", day).stages}
        return stages["reply_required_by"].planned, stages["reply_required_by"].extensions

    def respond_by(day):
        return next(r.due for r in cycles.obligations("c1", day) if r.rule_id == "reply-required")

    moved_to, extensions = planned(today)
    assert moved_to == D(2027, 1, 8) and [e.original for e in extensions] == [D(2026, 12, 18)]
    before = today - dt.timedelta(days=1)  # the extension was made today
    assert planned(before) == (D(2026, 12, 18), ())
    assert respond_by(before) == D(2026, 12, 18) and respond_by(today) == D(2027, 1, 8)


def test_a_month_only_date_is_not_known_to_have_happened_while_its_month_runs(panel, services):
    cycles = services.cycles
    cycles.create_cycle("c1", "", "plan-pcc", "wessex", triggers={"election": D(2026, 5, 7)})
    cycles.set_stage_date("c1", "chief_officer_consulted", D(2026, 10, 1), precision=Precision.MONTH)

    def consult(day):
        return next(r for r in cycles.obligations("c1", day) if r.rule_id == "consult-chief-officer")

    during = consult(D(2026, 10, 15))
    assert during.status is Status.CANNOT_CONFIRM
    assert "as of 15 Oct 2026 it may not have happened yet" in during.working
    assert consult(D(2026, 11, 1)).status is Status.MET
