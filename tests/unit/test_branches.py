"""The branches of each process as the legislation has them, on real dates, and votes on a veto."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.cli_helpers import ok, run
from tracker.domain import EventDate, Status
from tracker.rules.engine import CycleFacts, Engine, StageState
from tracker.rules.templates import get_template

D = dt.date


def on(day: dt.date) -> StageState:
    return StageState(actual=EventDate.on(day))


def status(template_id: str, stages: dict, rule: str, as_of: dt.date, area: str = "pcc", **facts):
    template = get_template(template_id)
    engine = Engine(CycleFacts(template, area, stages, **facts), as_of)
    return engine.evaluate(template.rule(rule))


# ---- precept: SI 2012/2271 regs 4-7 and PRSRA Sch 5 ------------------------------------------------
PRECEPT_2026 = {"financial_year_start": on(D(2026, 4, 1)), "proposal_notified": on(D(2026, 1, 28))}


def test_a_veto_reported_after_8_february_ends_scrutiny_and_no_revised_precept_is_due():
    stages = {**PRECEPT_2026, "panel_report": on(D(2026, 2, 10)), "veto": on(D(2026, 2, 10))}
    facts = {"members_in_post": 10, "veto_votes_for": 8}
    judged = status("precept", stages, "veto-in-time", D(2026, 2, 11), **facts)
    assert judged.status is Status.MET_LATE
    assert any("no effect" in w and "reg 4(2)" in w for w in judged.warnings)
    for rule in ("revised-precept", "second-report", "final-response", "scrutiny-before-issue-veto"):
        result = status("precept", stages, rule, D(2026, 2, 11), **facts)
        assert result.status is Status.NOT_APPLICABLE, rule
    # the no-veto path applies instead: the commissioner responds and may issue the proposed precept
    assert (
        status("precept", stages, "response-no-veto", D(2026, 2, 11), **facts).status
        is not Status.NOT_APPLICABLE
    )


def test_no_second_report_by_22_february_ends_the_process():
    stages = {
        **PRECEPT_2026,
        "panel_report": on(D(2026, 2, 5)),
        "veto": on(D(2026, 2, 5)),
        "revised_notified": on(D(2026, 2, 13)),
    }
    facts = {"members_in_post": 12, "veto_votes_for": 9}
    assert status("precept", stages, "second-report", D(2026, 2, 23), **facts).status is Status.OVERDUE
    final = status("precept", stages, "final-response", D(2026, 2, 23), **facts)
    assert final.status is Status.NOT_APPLICABLE and "reg 6(3)" in final.working
    gate = status("precept", stages, "scrutiny-before-issue-veto", D(2026, 2, 23), **facts)
    assert gate.status is Status.NOT_APPLICABLE
    # on 22 February itself the panel still has the day
    assert (
        status("precept", stages, "final-response", D(2026, 2, 22), **facts).status
        is not Status.NOT_APPLICABLE
    )


def test_a_vote_short_of_two_thirds_of_members_is_no_veto():
    stages = {**PRECEPT_2026, "panel_report": on(D(2026, 2, 6)), "veto": on(D(2026, 2, 6))}
    facts = {"members_in_post": 10, "veto_votes_for": 6, "veto_members": 10}
    revised = status("precept", stages, "revised-precept", D(2026, 2, 7), **facts)
    assert revised.status is Status.NOT_APPLICABLE and "fell short" in revised.working
    assert "7" in revised.working  # seven of ten were needed
    assert (
        status("precept", stages, "response-no-veto", D(2026, 2, 7), **facts).status
        is not Status.NOT_APPLICABLE
    )
    # seven of ten is two-thirds: the veto stands and the revised precept is due by 15 February
    carried = status("precept", stages, "revised-precept", D(2026, 2, 7), **{**facts, "veto_votes_for": 7})
    assert carried.status is Status.DUE_SOON and carried.due == D(2026, 2, 15)


def test_precept_issue_before_1_march_and_views_before_the_first_precept():
    issue = status("precept", dict(PRECEPT_2026), "issue-precept", D(2026, 2, 1))
    assert issue.due == D(2026, 2, 28) and "s.40(5)" in issue.citation
    leap = status("precept", {"financial_year_start": on(D(2028, 4, 1))}, "issue-precept", D(2028, 2, 1))
    assert leap.due == D(2028, 2, 29)
    views = status("precept", dict(PRECEPT_2026), "views-before-first-precept", D(2026, 2, 1))
    assert "s.96(1B)" in views.citation


# ---- chief constable: PRSRA Sch 8 and SI 2012/2271 regs 9-12 -----------------------------------------
def test_a_veto_after_the_three_weeks_has_no_effect():
    stages = {
        "notification_received": on(D(2025, 1, 9)),
        "panel_report": on(D(2025, 1, 29)),
        "veto": on(D(2025, 1, 31)),
    }
    facts = {"members_in_post": 12, "veto_votes_for": 10}
    window = status("chief-constable", stages, "veto-window", D(2025, 2, 3), **facts)
    assert window.status is Status.MET_LATE and any("para 5(5)" in w for w in window.warnings)
    reserve = status("chief-constable", stages, "reserve-report", D(2025, 2, 3), **facts)
    assert reserve.status is Status.NOT_APPLICABLE


def test_three_weeks_with_no_report_end_the_confirmation_process():
    stages = {"notification_received": on(D(2025, 1, 9))}
    report = status("chief-constable", stages, "confirmation-report", D(2025, 2, 3))
    assert report.status is Status.OVERDUE and any("para 2(3)" in w for w in report.warnings)
    assert status("chief-constable", stages, "veto-window", D(2025, 2, 3)).status is Status.NOT_APPLICABLE


def test_a_further_candidate_after_a_reserve_is_treated_as_a_reserve():
    stages = {"notification_received": on(D(2025, 1, 9)), "further_notification_received": on(D(2025, 4, 1))}
    result = status("chief-constable", stages, "further-candidate-report", D(2025, 4, 2))
    assert result.due == D(2025, 4, 21) and "12(3)" in result.citation and "no veto" in result.label


def test_the_2024_post_election_period_is_ignored_in_the_three_weeks():
    # notified 25 April 2024; poll 2 May; declaration 6 May: 2 to 6 May (five days) are not counted
    template = get_template("chief-constable")
    stages = {
        "notification_received": on(D(2024, 4, 25)),
        "poll": on(D(2024, 5, 2)),
        "declaration": on(D(2024, 5, 6)),
    }
    result = Engine(CycleFacts(template, "pcc", stages), D(2024, 5, 1)).evaluate(
        template.rule("confirmation-report")
    )
    assert result.due == D(2024, 5, 15 + 5)


# ---- plans: only an ordinary election starts the duty -------------------------------------------------
def test_a_by_election_gives_no_statutory_deadline_only_a_soft_target():
    stages = {"by_election": on(D(2025, 9, 18))}
    issue = status("plan-pcc", stages, "issue-plan", D(2025, 10, 1))
    assert issue.status is Status.NOT_APPLICABLE
    soft = status("plan-pcc", stages, "new-plan-after-by-election", D(2025, 10, 1))
    assert soft.due is None and soft.status is Status.UNDATED and "s.51" in soft.citation


def test_plan_duties_cited_one_by_one():
    template = get_template("plan-pcc")
    citations = {r.id: r.citation for r in template.rules}
    assert citations["have-regard"].endswith("s.5(6)(d)")
    assert citations["response-before-issue"].endswith("s.5(6)(e)")
    assert citations["publish-response"].endswith("s.5(6)(f)")
    assert citations["consult-chief-officer"].endswith("s.5(6)(b)")
    assert citations["reconsult-on-changes"].endswith("s.5(8)")
    assert "s.5(10)" in citations["send-and-publish-plan"]
    assert "s.28(7)-(8)" in citations["publish-panel-report"]
    london = {r.id: r for r in get_template("plan-london").rules}
    assert london["agenda-papers"].basis.value == "statute" and "s.58" in london["agenda-papers"].citation
    senior = {r.id: r.citation for r in get_template("senior-staff").rules}
    assert senior["pcc-decision"].endswith("Sch 1 para 12(1)-(2)") and senior["publish-report"].endswith(
        "para 10(6)"
    )


def test_the_dmpc_hearing_is_required_only_for_a_veto():
    stages = {"notification_received": on(D(2024, 5, 20)), "recommendation": on(D(2024, 6, 3))}
    result = status("dmpc-hearing", stages, "confirmation-hearing", D(2024, 6, 4), area="london")
    assert result.status is Status.NOT_APPLICABLE
    assert "required only" in get_template("dmpc-hearing").rule("confirmation-hearing").label


def test_inspection_comments_within_56_days_and_london_summons_notice():
    comments = status(
        "hmicfrs-comments", {"report_published": on(D(2025, 3, 4))}, "publish-comments", D(2025, 3, 5)
    )
    assert comments.due == D(2025, 4, 28) and "s.55(5A)" in comments.citation
    summons = status(
        "london-summons", {"attendance": on(D(2025, 6, 19))}, "summons-notice", D(2025, 6, 1), area="london"
    )
    # read as 14 clear days by default (issue 23): 19 Jun - 15 days = 4 Jun 2025
    assert summons.due == D(2025, 6, 4) and "s.62(5)" in summons.citation


# ---- the command line: votes and triggers ---------------------------------------------------------------
@pytest.fixture
def precept_store(db_url, capsys):
    ok(
        capsys,
        "body",
        "add",
        "wessex",
        "--name",
        "Wessex PCC",
        "--kind",
        "pcc",
        "--members",
        "10",
        "--db",
        db_url,
    )
    ok(
        capsys, "cycle", "add", "p27", "--body", "wessex", "--template", "precept",
        "--trigger", "financial_year_start=2027-04-01", "--db", db_url,
    )  # fmt: skip
    return db_url


def test_vote_records_the_two_thirds_working(precept_store, capsys):
    vote = ok(capsys, "vote", "p27", "--for", "6", "--against", "3", "--abstain", "1", "--members", "10",
              "--date", "2027-02-05", "--db", precept_store)  # fmt: skip
    assert (vote["needed"], vote["carried"]) == (7, False)
    assert "6.67" in vote["working"] and "no veto" in vote["working"]
    shown = ok(capsys, "show", "p27", "--as-of", "2027-02-06", "--db", precept_store)
    revised = next(o for o in shown["obligations"] if o["obligation"] == "revised-precept")
    assert revised["status"] == "not applicable"


def _veto_stage(store, capsys, as_of):
    shown = ok(capsys, "show", "p27", "--as-of", as_of, "--db", store)
    return next(s for s in shown["stages"] if s["stage"] == "veto")


def test_a_vote_that_falls_short_records_no_veto(precept_store, capsys):
    ok(capsys, "vote", "p27", "--for", "6", "--against", "4", "--members", "10", "--date", "2027-02-05",
       "--db", precept_store)  # fmt: skip
    assert _veto_stage(precept_store, capsys, "2027-02-10")["actual"] is None


def test_a_vote_corrected_to_fall_short_takes_the_veto_date_away(precept_store, capsys):
    ok(capsys, "vote", "p27", "--for", "8", "--against", "2", "--members", "10", "--date", "2027-02-05",
       "--db", precept_store)  # fmt: skip
    assert _veto_stage(precept_store, capsys, "2027-02-10")["actual"] == "2027-02-05"
    ok(capsys, "vote", "p27", "--for", "6", "--against", "4", "--members", "10", "--date", "2027-02-05",
       "--db", precept_store)  # fmt: skip
    assert _veto_stage(precept_store, capsys, "2027-02-10")["actual"] is None
    history = ok(capsys, "history", "--cycle", "p27", "--db", precept_store)
    assert any(h["field"] == "actual_date" and h["new"] in (None, "") for h in history)


def test_a_vote_before_the_members_were_recorded_says_from_when(precept_store, capsys):
    # the body was added today with its members from today: a vote in 2027 is later, one in 2020 is not
    code, _, err = run(capsys, "vote", "p27", "--for", "7", "--against", "3", "--date", "2020-02-05",
                       "--db", precept_store)  # fmt: skip
    assert code == 2 and "recorded only from" in err and "tracker body edit wessex" in err


def test_steps_after_a_veto_nobody_recorded_are_not_shown_as_breaches(precept_store, capsys):
    """Nothing recorded and the year long past: the proposal's notice is overdue, but whether the veto steps
    were ever needed the record does not say."""
    shown = ok(capsys, "show", "p27", "--as-of", "2027-06-01", "--db", precept_store)
    status = {o["obligation"]: o["status"] for o in shown["obligations"]}
    assert status["notify-proposal"] == "overdue"
    for rule in ("veto-in-time", "revised-precept"):
        assert status[rule] == "not recorded", rule


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--for", "8", "--against", "3", "--members", "10"], "more than the 10 members"),
        (["--for", "-1", "--against", "3", "--members", "10"], "cannot be negative"),
        (["--for", "7", "--against", "1", "--members", "100"], "from 1 to 99"),
        (["--for", "7", "--against", "1", "--members", "0"], "--members"),
    ],
)
def test_vote_refuses_impossible_counts(precept_store, capsys, argv, message):
    code, _, err = run(capsys, "vote", "p27", *argv, "--db", precept_store)
    assert code == 2 and message in err and "Traceback" not in err


def test_vote_on_a_process_without_a_veto_is_refused(panel, capsys):
    db_url = panel
    ok(capsys, "cycle", "add", "plan", "--body", "wessex", "--template", "plan-pcc", "--trigger",
       "election=2024-05-02", "--db", db_url)  # fmt: skip
    code, _, err = run(
        capsys, "vote", "plan", "--for", "7", "--against", "1", "--members", "10", "--db", db_url
    )
    assert code == 2 and "no veto" in err


def test_a_declaration_before_the_poll_is_refused_not_a_traceback(panel, capsys):
    db_url = panel
    code, _, err = run(
        capsys, "cycle", "add", "cc", "--body", "wessex", "--template", "chief-constable",
        "--trigger", "notification_received=2024-04-25", "--trigger", "poll=2024-05-02",
        "--trigger", "declaration=2024-05-01", "--db", db_url,
    )  # fmt: skip
    assert code == 2 and "declaration" in err and "Traceback" not in err
    code, out, err = run(capsys, "rules", "compute", "chief-constable", "--trigger", "notification_received=2024-04-25",
                         "--trigger", "poll=2024-05-02", "--trigger", "declaration=2024-05-01")  # fmt: skip
    assert code == 2 and "Traceback" not in err


def test_election_and_by_election_are_alternatives(panel, capsys):
    db_url = panel
    code, _, err = run(
        capsys, "cycle", "add", "p", "--body", "wessex", "--template", "plan-pcc",
        "--trigger", "election=2024-05-02", "--trigger", "by_election=2025-09-18", "--db", db_url,
    )  # fmt: skip
    assert code == 2 and "alternatives" in err
    added = ok(capsys, "cycle", "add", "p", "--body", "wessex", "--template", "plan-pcc",
               "--trigger", "by_election=2025-09-18", "--db", db_url)  # fmt: skip
    assert not any(d["rule"] == "issue-plan" and d["due"] for d in added["dates"])


def test_extending_a_statutory_stage_records_a_local_target_and_the_law_stays(precept_store, capsys):
    ok(capsys, "set-date", "p27", "panel_report", "2027-02-05", "--planned", "--db", precept_store)
    extended = ok(capsys, "extend", "p27", "panel_report", "2027-02-12", "--reason", "quorum not met",
                  "--db", precept_store)  # fmt: skip
    assert any("stays 8 Feb 2027" in n and "local target" in n for n in extended["notes"])
    shown = ok(capsys, "show", "p27", "--as-of", "2027-02-01", "--db", precept_store)
    report = next(o for o in shown["obligations"] if o["obligation"] == "panel-report")
    assert report["due"] == "2027-02-08"


def test_a_template_whose_law_ends_gives_the_cycle_a_notice():
    import dataclasses

    template = dataclasses.replace(
        get_template("plan-pcc"), ends_on=D(2028, 5, 3), successor="functions pass to the successor body"
    )
    running = Engine(CycleFacts(template, "pcc", {"election": on(D(2028, 5, 4))}), D(2028, 6, 1))
    assert [n.text for n in running.notices()] == [
        "The law behind this process stops applying after 3 May 2028; functions pass to the successor body."
    ]
    earlier = Engine(CycleFacts(template, "pcc", {"election": on(D(2024, 5, 2))}), D(2024, 6, 1))
    assert earlier.notices() == []


def test_no_weekend_advice_on_a_deadline_already_met():
    # 31 March 2013 was a Sunday: the advice to finish earlier belongs to an open deadline only
    template = get_template("plan-london")
    stages = {"election": on(D(2012, 5, 3))}
    open_row = Engine(CycleFacts(template, "london", stages), D(2013, 3, 1)).evaluate(
        template.rule("issue-plan")
    )
    assert any("plan to finish earlier" in w for w in open_row.warnings)
    done = {**stages, "plan_issued": on(D(2013, 3, 25))}
    met = Engine(CycleFacts(template, "london", done), D(2014, 1, 1)).evaluate(template.rule("issue-plan"))
    assert met.status is Status.MET and not any("plan to finish earlier" in w for w in met.warnings)


def test_the_first_of_april_is_not_where_a_precept_stands(precept_store, capsys):
    ok(capsys, "set-date", "p27", "proposal_notified", "2027-01-28", "--db", precept_store)
    ok(capsys, "set-date", "p27", "panel_report", "2027-02-06", "--db", precept_store)
    cycles = ok(capsys, "cycles", "--as-of", "2027-06-01", "--db", precept_store)
    assert cycles[0]["current_stage"] == "Panel report on the proposed precept"
