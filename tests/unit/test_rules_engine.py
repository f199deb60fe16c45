"""Every template rule with a real date, and the status logic the secretariat relies on."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.domain import Basis, DateKind, EventDate, Precision, Status
from tracker.rules.engine import CycleFacts, Engine, StageState, compute_dates, veto_votes_needed
from tracker.rules.templates import get_template, load_all, template_ids

D = dt.date


def dates_by_id(template_id: str, area: str | None = None, **triggers: dt.date):
    dates, waiting = compute_dates(get_template(template_id), triggers, area=area)
    return {d.id: d for d in dates}, waiting


def test_every_required_template_is_present_with_citations():
    assert {
        "plan-london",
        "plan-pcc",
        "annual-report",
        "precept",
        "chief-constable",
        "senior-staff",
        "dmpc-hearing",
    } <= set(template_ids())
    later_law = {"hmicfrs-comments": D(2017, 5, 2), "fire-precept": D(2017, 4, 3)}
    for template in load_all():
        # each version from the day its law came into force: the 2017 changes come later
        if template.version == 1 and template.id != "fire-precept":
            assert template.in_force_from <= D(2012, 11, 22)
        else:
            assert template.in_force_from == later_law[template.id]
        for rule in template.rules:
            assert rule.citation, f"{template.id}/{rule.id} has no citation"
            assert rule.explanation, f"{template.id}/{rule.id} has no plain-English explanation"


def test_2016_mayoral_election_gives_a_plan_due_by_31_march_2017():
    dates, _ = dates_by_id("plan-london", election=D(2016, 5, 5))
    issue = dates["issue-plan"]
    assert issue.date == D(2017, 3, 31)
    assert issue.kind is DateKind.DEADLINE and issue.basis is Basis.STATUTE
    assert "5 May 2016" in issue.working and "31 Mar 2017" in issue.working and "s.6(1)" in issue.working


def test_plan_gates_fall_back_to_the_statutory_limit_and_soft_targets_have_no_date():
    dates, _ = dates_by_id("plan-london", election=D(2021, 5, 6))
    assert dates["response-before-issue"].kind is DateKind.GATE
    assert dates["response-before-issue"].date == D(2022, 3, 31)
    assert dates["response-before-issue"].citation.endswith("s.6(6)(e)")
    assert dates["have-regard"].citation.endswith("s.6(6)(d)")
    assert dates["issue-plan-asap"].date is None and dates["issue-plan-asap"].kind is DateKind.TARGET
    assert dates["reply-requested"].basis is Basis.PRACTICE


def test_pcc_plan_cites_section_5_and_the_panels_power_to_set_a_reply_date():
    dates, _ = dates_by_id("plan-pcc", election=D(2024, 5, 2))
    assert dates["issue-plan"].date == D(2025, 3, 31)
    assert dates["issue-plan"].citation.startswith("PRSRA 2011 s.5(1)")
    assert dates["reply-required"].basis is Basis.STATUTE and "s.29(3)" in dates["reply-required"].citation


def test_precept_fixed_dates_fall_in_the_year_before_the_precept_year():
    dates, _ = dates_by_id("precept", financial_year_start=D(2026, 4, 1))
    assert dates["notify-proposal"].date == D(2026, 2, 1)
    assert dates["panel-report"].date == D(2026, 2, 8)
    assert dates["revised-precept"].date == D(2026, 2, 15)
    assert dates["second-report"].date == D(2026, 2, 22)
    assert dates["final-response"].date == D(2026, 3, 1)
    # 1 Feb 2026 is a Sunday: the date does not move, but the user is warned
    assert dates["notify-proposal"].date.weekday() == 6
    assert any("Sunday" in w for w in dates["notify-proposal"].warnings)
    assert any("applies only if" in w for w in dates["revised-precept"].warnings)


def test_precept_trigger_must_be_the_first_of_april():
    dates, _ = dates_by_id("precept", financial_year_start=D(2026, 3, 1))
    assert dates["notify-proposal"].date is None
    assert "not a 1 April" in dates["notify-proposal"].working


def test_two_thirds_veto_counts():
    assert veto_votes_needed(10) == 7
    assert veto_votes_needed(12) == 8
    assert veto_votes_needed(11) == 8
    assert veto_votes_needed(3) == 2


def test_chief_constable_three_weeks_beginning_with_receipt():
    dates, waiting = dates_by_id("chief-constable", notification_received=D(2025, 1, 9))
    report = dates["confirmation-report"]
    assert report.date == D(2025, 1, 29)
    assert (
        "9 Jan 2025" in report.working
        and "29 Jan 2025" in report.working
        and "Sch 8 paras 2(3), 4(1)" in report.citation
    )
    assert {"id": "removal-recommendation", "needs": "removal_notification_received"} in waiting


def test_chief_constable_notification_received_during_a_pcc_election_ignores_the_post_election_period():
    plain, _ = dates_by_id("chief-constable", notification_received=D(2024, 4, 25))
    assert plain["confirmation-report"].date == D(2024, 5, 15)
    # poll 2 May 2024, declaration 4 May 2024: three days are not counted, so the end moves three days
    dates, _ = dates_by_id(
        "chief-constable", notification_received=D(2024, 4, 25), poll=D(2024, 5, 2), declaration=D(2024, 5, 4)
    )
    assert dates["confirmation-report"].date == D(2024, 5, 18)
    assert "post-election" in dates["confirmation-report"].working


def test_removal_six_weeks_beginning_with_receipt():
    dates, _ = dates_by_id(
        "chief-constable", notification_received=D(2025, 1, 2), removal_notification_received=D(2025, 1, 9)
    )
    assert dates["removal-recommendation"].date == D(2025, 2, 19)


def test_senior_staff_and_dmpc_windows():
    staff, _ = dates_by_id("senior-staff", notification_received=D(2025, 1, 9))
    assert staff["confirmation-report"].date == D(2025, 1, 29)
    dmpc, _ = dates_by_id("dmpc-hearing", notification_received=D(2024, 5, 20))
    assert dmpc["assembly-response"].date == D(2024, 6, 9)
    assert "not verified" in get_template("dmpc-hearing").rule("assembly-response").explanation


def test_annual_report_review_is_practice_in_london_and_statute_elsewhere():
    london, _ = dates_by_id("annual-report", area="london", year_end=D(2025, 3, 31))
    elsewhere, _ = dates_by_id("annual-report", area="pcc", year_end=D(2025, 3, 31))
    assert london["public-meeting"].basis is Basis.PRACTICE
    assert any("practice, not statute" in w for w in london["public-meeting"].warnings)
    assert elsewhere["public-meeting"].basis is Basis.STATUTE
    assert "response-required" not in london and "response-required" in elsewhere


def test_meeting_papers_five_clear_working_days_before_the_meeting():
    template = get_template("plan-london")
    facts = CycleFacts(template, "london", {"reply_noted": StageState(planned=D(2017, 3, 29))})
    result = Engine(facts, as_of=D(2017, 3, 1)).evaluate(template.rule("agenda-papers"))
    # meeting Wed 29 Mar: the clear working days are 22, 23, 24, 27 and 28 Mar, so publish by Tue 21 Mar
    assert result.due == D(2017, 3, 21)
    assert "clear" in result.working


def test_local_protocol_is_off_until_a_panel_turns_its_own_on_and_counts_working_days():
    from tracker.services.protocol import Protocol, apply, dump

    template = get_template("plan-pcc")
    assert "local-protocol-reply" not in {r.id for r in apply(template, None).rules}
    own = apply(template, dump(Protocol(10, "acknowledge the panel's report")))
    facts = CycleFacts(own, "pcc", {"panel_report": StageState(actual=EventDate.on(D(2025, 4, 14)))})
    result = Engine(facts, as_of=D(2025, 4, 14)).evaluate(own.rule("local-protocol-reply"))
    # Good Friday 18 Apr and Easter Monday 21 Apr 2025 are bank holidays
    assert result.due == D(2025, 4, 30)
    assert result.label == "Local protocol: acknowledge the panel's report" and "edit" not in result.citation


# ---- statuses -----------------------------------------------------------------------------------------
def plan_facts(**stages: StageState) -> CycleFacts:
    return CycleFacts(get_template("plan-london"), "london", stages)


def evaluate(facts: CycleFacts, rule: str, as_of: dt.date, due_soon: int = 14):
    return Engine(facts, as_of, due_soon).evaluate(facts.template.rule(rule))


ELECTION = StageState(actual=EventDate.on(D(2016, 5, 5)))


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (D(2017, 3, 1), Status.NOT_YET_DUE),
        (D(2017, 3, 20), Status.DUE_SOON),
        (D(2017, 3, 31), Status.DUE_TODAY),
        (D(2017, 4, 1), Status.OVERDUE),
    ],
)
def test_open_deadline_statuses(as_of, status):
    assert evaluate(plan_facts(election=ELECTION), "issue-plan", as_of).status is status


def test_met_and_met_late():
    on_time = plan_facts(election=ELECTION, plan_issued=StageState(actual=EventDate.on(D(2017, 3, 20))))
    late = plan_facts(election=ELECTION, plan_issued=StageState(actual=EventDate.on(D(2017, 4, 3))))
    assert evaluate(on_time, "issue-plan", D(2017, 4, 5)).status is Status.MET
    assert evaluate(late, "issue-plan", D(2017, 4, 5)).status is Status.MET_LATE
    # as of a day before the plan was issued, the late plan was simply overdue
    assert evaluate(late, "issue-plan", D(2017, 4, 2)).status is Status.OVERDUE


def test_reply_after_the_plan_was_issued_is_an_exception_not_a_met():
    facts = plan_facts(
        election=ELECTION,
        reply=StageState(actual=EventDate.on(D(2017, 3, 25))),
        plan_issued=StageState(actual=EventDate.on(D(2017, 3, 20))),
    )
    result = evaluate(facts, "response-before-issue", D(2017, 4, 1))
    assert result.status is Status.EXCEPTION
    assert "after final plan issued" in result.working


def test_reply_known_only_as_after_the_plan_is_an_exception():
    facts = plan_facts(
        election=StageState(actual=EventDate.on(D(2012, 5, 3))),
        reply=StageState(actual=EventDate(Precision.AFTER, None, "plan_issued")),
        plan_issued=StageState(actual=EventDate(Precision.MONTH, D(2013, 3, 1))),
    )
    assert evaluate(facts, "response-before-issue", D(2013, 6, 1)).status is Status.EXCEPTION
    # the month-only issue date still meets the year-end deadline: March 2013 ends on 31 March
    assert evaluate(facts, "issue-plan", D(2013, 6, 1)).status is Status.MET


def test_plan_issued_with_no_reply_recorded_is_a_gap_in_the_record_not_a_breach():
    facts = plan_facts(election=ELECTION, plan_issued=StageState(actual=EventDate.on(D(2017, 3, 20))))
    result = evaluate(facts, "response-before-issue", D(2017, 3, 21))
    assert result.status is Status.NOT_RECORDED
    assert "not recorded, although final plan issued is" in result.working


def test_same_day_reply_and_issue_is_met_with_a_note():
    facts = plan_facts(
        election=ELECTION,
        reply=StageState(actual=EventDate.on(D(2017, 3, 20))),
        plan_issued=StageState(actual=EventDate.on(D(2017, 3, 20))),
    )
    result = evaluate(facts, "response-before-issue", D(2017, 3, 21))
    assert result.status is Status.MET and "same day" in result.working


def test_gate_uses_the_planned_issue_date_with_its_extension():
    from tracker.rules.engine import ExtensionInfo

    facts = plan_facts(
        election=ELECTION,
        plan_issued=StageState(
            planned=D(2017, 3, 24),
            extensions=(ExtensionInfo(D(2017, 3, 17), D(2017, 3, 24), "printing delayed", "DMPC office"),),
        ),
    )
    result = evaluate(facts, "response-before-issue", D(2017, 3, 1))
    assert result.due == D(2017, 3, 24)
    assert (
        result.extensions
        and "17 Mar 2017" in result.extensions[0]
        and "printing delayed" in result.extensions[0]
    )


def test_undated_soft_target():
    result = evaluate(plan_facts(election=ELECTION), "issue-plan-asap", D(2016, 6, 1))
    assert result.status is Status.UNDATED and result.due is None


def test_precept_veto_branch():
    template = get_template("precept")
    base = {"financial_year_start": StageState(actual=EventDate.on(D(2026, 4, 1)))}
    no_veto = CycleFacts(
        template, "pcc", {**base, "panel_report": StageState(actual=EventDate.on(D(2026, 2, 6)))}
    )
    engine = Engine(no_veto, D(2026, 2, 10))
    assert engine.evaluate(template.rule("revised-precept")).status is Status.NOT_APPLICABLE
    assert engine.evaluate(template.rule("panel-report")).status is Status.MET

    # the rest of the branches are in test_branches.py


def test_dmpc_veto_counts_votes_given_not_members():
    template = get_template("dmpc-hearing")
    facts = CycleFacts(
        template,
        "london",
        {
            "notification_received": StageState(actual=EventDate.on(D(2024, 5, 20))),
            "confirmation_hearing": StageState(actual=EventDate.on(D(2024, 6, 3))),
            "veto": StageState(actual=EventDate.on(D(2024, 6, 3))),
        },
        members_in_post=11,
        veto_votes_for=6,
        veto_votes_cast=9,
    )
    result = Engine(facts, D(2024, 6, 4)).evaluate(template.rule("veto-window"))
    assert result.status is Status.MET
    assert any("6 of 9 votes given" in w for w in result.warnings)
