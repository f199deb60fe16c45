"""A cycle entered after its dates had passed: a step with nothing recorded is a gap in the record (not
recorded), not a breach the tracker saw. A step recorded as done later was late; a cycle tracked as it ran
shows its missed dates as overdue."""

from __future__ import annotations

import datetime as dt

from tests.cli_helpers import entered_on, ok, run

D = dt.date
AFTER_THE_PLAN_WAS_DUE = D(2025, 6, 1)  # the plan-pcc cycle below is due by 31 March 2025


def statuses(capsys, url, as_of: dt.date) -> dict[str, dict]:
    rows = ok(capsys, "deadlines", "--cycle", "c1", "--as-of", as_of.isoformat(), "--db", url)
    return {r["obligation"]: r for r in rows}


def add_plan_cycle(capsys, url) -> None:
    ok(
        capsys, "cycle", "add", "c1", "--body", "wessex", "--template", "plan-pcc",
        "--trigger", "election=2024-05-02", "--db", url,
    )  # fmt: skip


def test_dates_passed_before_the_cycle_was_entered_are_not_recorded_not_overdue(capsys, panel):
    add_plan_cycle(capsys, panel)  # entered today, long after the 2025 dates
    rows = statuses(capsys, panel, AFTER_THE_PLAN_WAS_DUE)
    assert rows and not [r for r in rows.values() if r["status"] == "overdue"]
    issue = rows["issue-plan"]
    assert issue["status"] == "not recorded"
    assert (
        "entered in the tracker on" in issue["working"] and "after this date had passed" in issue["working"]
    )
    summary = next(c for c in ok(capsys, "cycles", "--as-of", "2025-06-01", "--db", panel) if c["id"] == "c1")
    assert summary["overdue"] == 0 and summary["not_recorded"] >= 1


def test_a_cycle_tracked_as_it_ran_shows_its_missed_dates_overdue(capsys, panel):
    add_plan_cycle(capsys, panel)
    entered_on(panel, "c1", D(2024, 5, 3))
    rows = statuses(capsys, panel, AFTER_THE_PLAN_WAS_DUE)
    assert rows["issue-plan"]["status"] == "overdue"
    assert "entered in the tracker" not in rows["issue-plan"]["working"]


def test_a_step_recorded_as_done_later_was_late_whenever_the_cycle_was_entered(capsys, panel):
    add_plan_cycle(capsys, panel)
    ok(capsys, "set-date", "c1", "plan_issued", "2025-05-20", "--db", panel)
    before_it = statuses(capsys, panel, D(2025, 4, 15))  # the record shows the plan came only on 20 May
    assert before_it["issue-plan"]["status"] == "overdue"
    after_it = statuses(capsys, panel, AFTER_THE_PLAN_WAS_DUE)
    assert after_it["issue-plan"]["status"] == "met late"


def test_a_step_done_late_is_counted_in_the_cycle_list(capsys, panel):
    add_plan_cycle(capsys, panel)
    ok(capsys, "set-date", "c1", "plan_issued", "2025-05-20", "--db", panel)
    summary = next(c for c in ok(capsys, "cycles", "--as-of", "2025-06-01", "--db", panel) if c["id"] == "c1")
    late = [r for r in statuses(capsys, panel, D(2025, 6, 1)).values() if r["status"] == "met late"]
    assert summary["met_late"] == len(late) >= 1
    code, out, _ = run(capsys, "cycles", "--as-of", "2025-06-01", "--db", panel)
    assert code == 0 and "late" in out.splitlines()[1]


def test_veto_only_steps_say_so_and_are_not_the_next_deadline_while_something_certain_is(capsys, panel):
    ok(
        capsys, "cycle", "add", "p", "--body", "wessex", "--template", "precept",
        "--trigger", "financial_year_start=2027-04-01", "--db", panel,
    )  # fmt: skip
    rows = ok(capsys, "deadlines", "--cycle", "p", "--as-of", "2027-02-09", "--db", panel)
    conditional = {r["obligation"]: r["condition"] for r in rows if r["condition"]}
    assert conditional and all(c.startswith(("only if:", "unless:")) for c in conditional.values())
    assert any("vetoes" in c for c in conditional.values())
    code, out, _ = run(capsys, "deadlines", "--cycle", "p", "--as-of", "2027-02-09", "--db", panel)
    assert code == 0 and "(only if: panel vetoes" in out
    summary = next(c for c in ok(capsys, "cycles", "--as-of", "2027-02-09", "--db", panel) if c["id"] == "p")
    assert summary["next_deadline"]["obligation"] not in conditional
