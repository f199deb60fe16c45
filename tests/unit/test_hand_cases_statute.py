"""Hand-computed cases for issue 23: the whole of Police Act 1996 s.55, the missing PRSRA steps, the London
summons count, expected dates and announced changes.

Each case gives its working and the provision in a comment; the dates were worked out by hand (with a
calendar for weekdays and England and Wales bank holidays) before the code that computes them was written.
"Beginning with D" counts D as day 1, so N days end on D + (N - 1).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from tests.cli_helpers import entered_on, ok, run
from tracker.domain import EventDate, Status
from tracker.rules import calendar
from tracker.rules.engine import CycleFacts, Engine, StageState
from tracker.rules.templates import get_template
from tracker.services.cycles import template_for_triggers

D = dt.date


def on(day: dt.date) -> StageState:
    return StageState(actual=EventDate.on(day))


def evaluate(template, area, stages, rule, as_of, **facts):
    return Engine(CycleFacts(template, area, stages, **facts), as_of).evaluate(template.rule(rule))


def hmicfrs(published: dt.date):
    return template_for_triggers("hmicfrs-comments", {"report_published": published})


# ---- Police Act 1996 s.55: two versions by the day the report is published ------------------------------


def test_case_01_report_published_in_2016_has_no_56_day_period():
    # Published 15 Mar 2016. s.55(5A) came into force on 2 May 2017 (SI 2017/399): before then s.55(5) set
    # no period, so the comments have no statutory deadline, only a target the secretariat may set.
    template = hmicfrs(D(2016, 3, 15))
    assert template.version == 1
    assert all("(5A)" not in r.citation for r in template.rules)
    result = evaluate(template, "pcc", {"report_published": on(D(2016, 3, 15))}, "publish-comments",
                      D(2016, 6, 1))  # fmt: skip
    assert result.due is None and result.status is Status.UNDATED
    assert result.citation == "Police Act 1996 s.55(5)"


def test_case_02_the_day_before_the_period_came_into_force_is_still_version_1():
    # Published 1 May 2017, the day before 2 May 2017: version 1, no period.
    assert hmicfrs(D(2017, 5, 1)).version == 1


def test_case_03_published_on_2_may_2017_gives_56_days_to_26_june_2017():
    # Published 2 May 2017 (the in-force day): version 2. 56 days beginning with 2 May: 2 May is day 1,
    # 31 May day 30, 26 June day 56. s.55(5A).
    template = hmicfrs(D(2017, 5, 2))
    assert template.version == 2 and template.in_force_from == D(2017, 5, 2)
    result = evaluate(template, "pcc", {"report_published": on(D(2017, 5, 2))}, "publish-comments",
                      D(2017, 5, 3))  # fmt: skip
    assert result.due == D(2017, 6, 26)
    assert result.citation == "Police Act 1996 s.55(5A)"
    assert "56 days beginning with 2 May 2017" in result.working


def test_case_04_leap_year_56_days_end_on_29_february_2024():
    # Published 5 Jan 2024: 5 Jan day 1, 31 Jan day 27, 29 Feb day 56 (2024 is a leap year). s.55(5A).
    template = hmicfrs(D(2024, 1, 5))
    result = evaluate(template, "pcc", {"report_published": on(D(2024, 1, 5))}, "publish-comments",
                      D(2024, 1, 6))  # fmt: skip
    assert result.due == D(2024, 2, 29)


def test_case_05_the_same_day_in_2023_ends_on_1_march():
    # Published 5 Jan 2023: 31 Jan day 27, 28 Feb day 55, 1 Mar 2023 day 56. s.55(5A).
    template = hmicfrs(D(2023, 1, 5))
    result = evaluate(template, "pcc", {"report_published": on(D(2023, 1, 5))}, "publish-comments",
                      D(2023, 1, 6))  # fmt: skip
    assert result.due == D(2023, 3, 1)


def test_case_06_a_period_ending_on_easter_monday_does_not_move():
    # Published 25 Feb 2025: 28 Feb day 4, 31 Mar day 35, 21 Apr 2025 day 56 — Easter Monday. The period
    # does not roll forward; the app warns. s.55(5A).
    template = hmicfrs(D(2025, 2, 25))
    result = evaluate(template, "pcc", {"report_published": on(D(2025, 2, 25))}, "publish-comments",
                      D(2025, 3, 1))  # fmt: skip
    assert result.due == D(2025, 4, 21)
    assert any("Easter Monday" in w for w in result.warnings)


def test_case_07_sending_the_comments_has_no_period_and_goes_to_the_inspectors_too():
    # s.55(6) as amended by the Policing and Crime Act 2017: a copy to the inspectors and to the Secretary
    # of State. No period: the app sets no day-56 deadline for it.
    template = hmicfrs(D(2024, 1, 5))
    rule = template.rule("send-comments")
    assert rule.citation == "Police Act 1996 s.55(6)"
    assert "inspectors" in rule.owed_to.lower() and "Home Secretary" in rule.owed_to
    result = evaluate(template, "pcc", {"report_published": on(D(2024, 1, 5))}, "send-comments",
                      D(2024, 6, 1))  # fmt: skip
    assert result.due is None and result.status is not Status.OVERDUE


def test_case_08_version_1_sends_to_the_home_secretary_only():
    # s.55(6) before 2 May 2017: a copy to the Secretary of State only.
    rule = hmicfrs(D(2016, 3, 15)).rule("send-comments")
    assert rule.citation == "Police Act 1996 s.55(6)"
    assert "inspectors" not in rule.owed_to.lower()


def test_case_09_chief_constable_comments_by_the_date_the_commissioner_sets():
    # s.55(4): the body invites the chief officer's comments "before such date as it may specify". The
    # date set is 1 Feb 2024; the comments must come before it, so by 31 Jan 2024.
    template = hmicfrs(D(2024, 1, 5))
    stages = {"report_published": on(D(2024, 1, 5)), "chief_comments_by": StageState(planned=D(2024, 2, 1))}
    result = evaluate(template, "pcc", stages, "chief-constable-comments", D(2024, 1, 10))
    assert result.due == D(2024, 1, 31)
    assert result.citation == "Police Act 1996 s.55(4)"


def test_case_10_an_explanation_for_each_recommendation_within_the_same_56_days():
    # s.55(5B): the comments explain the action on each recommendation; they are published under (5A),
    # so the same last day: 5 Jan 2024 + 55 days = 29 Feb 2024.
    template = hmicfrs(D(2024, 1, 5))
    result = evaluate(template, "pcc", {"report_published": on(D(2024, 1, 5))}, "explain-each-recommendation",
                      D(2024, 1, 6))  # fmt: skip
    assert result.citation == "Police Act 1996 s.55(5B)"
    assert result.due == D(2024, 2, 29)


# ---- the Greater London Authority Act 1999 s.62(5) summons: a stated way of counting --------------------


def summons(attendance: dt.date, clear: bool, as_of: dt.date):
    template = get_template("london-summons")
    rule = calendar.ClearDaysRule(summons_clear_days=clear)
    facts = {"clear_days": rule}
    return evaluate(template, "london", {"attendance": on(attendance)}, "summons-notice", as_of, **facts)


def test_case_11_two_weeks_read_as_clear_days():
    # Attendance Thu 20 Mar 2025. Fourteen clear days (6-19 Mar) lie between sending and attendance, so
    # send by Wed 5 Mar 2025. GLA Act 1999 s.62(5).
    result = summons(D(2025, 3, 20), True, D(2025, 3, 1))
    assert result.due == D(2025, 3, 5)
    assert "clear days" in result.working


def test_case_12_two_weeks_counting_the_day_of_sending():
    # The other reading: the day of sending counts, so 20 Mar - 14 days = 6 Mar 2025.
    result = summons(D(2025, 3, 20), False, D(2025, 3, 1))
    assert result.due == D(2025, 3, 6)
    assert "day the summons is sent counts" in result.working


def test_case_13_summons_over_the_leap_day():
    # Attendance 14 Mar 2024. Clear: 14 clear days 29 Feb-13 Mar, send by 28 Feb 2024. Counting the day of
    # sending: 14 Mar - 14 = 29 Feb 2024.
    assert summons(D(2024, 3, 14), True, D(2024, 2, 1)).due == D(2024, 2, 28)
    assert summons(D(2024, 3, 14), False, D(2024, 2, 1)).due == D(2024, 2, 29)


def test_case_14_summons_deadline_on_a_bank_holiday_is_warned_not_moved():
    # Attendance Tue 20 May 2025, clear reading: 20 May - 15 = Mon 5 May 2025, the early May bank holiday.
    result = summons(D(2025, 5, 20), True, D(2025, 4, 20))
    assert result.due == D(2025, 5, 5)
    assert any("bank holiday" in w for w in result.warnings)


def test_case_15_the_summons_counts_before_the_day_of_attendance():
    # Entered on 20 Feb 2025 for attendance on 20 Mar 2025; as of 1 Mar the notice (by 5 Mar) is due soon.
    # The day of attendance is fixed in advance, so this date is firm, not expected.
    template = get_template("london-summons")
    facts = CycleFacts(template, "london", {"attendance": on(D(2025, 3, 20))}, entered_on=D(2025, 2, 20))
    rows = Engine(facts, D(2025, 3, 1)).evaluate_all()
    assert [(r.rule_id, r.due, r.status, r.expected) for r in rows] == [
        ("summons-notice", D(2025, 3, 5), Status.DUE_SOON, False)
    ]


# ---- expected dates: a date entered for the future ------------------------------------------------------

FUTURE_REPORT = D(2027, 6, 10)


def test_case_16_a_report_expected_on_10_june_2027_projects_4_august_2027():
    # Entered 20 May 2027 with publication expected 10 Jun 2027. 56 days beginning with 10 Jun: 30 Jun day
    # 21, 31 Jul day 52, 4 Aug 2027 day 56. As of 1 Jun it is a projection: expected.
    template = hmicfrs(FUTURE_REPORT)
    facts = CycleFacts(template, "pcc", {"report_published": on(FUTURE_REPORT)}, entered_on=D(2027, 5, 20))
    rows = {r.rule_id: r for r in Engine(facts, D(2027, 6, 1)).evaluate_all()}
    publish = rows["publish-comments"]
    assert publish.due == D(2027, 8, 4) and publish.expected
    assert "expected" in publish.working
    assert publish.status is Status.NOT_YET_DUE and publish.met_on is None


def test_case_17_on_the_day_itself_the_date_is_real():
    # As of 10 Jun 2027 the report has been published: the same date, no longer expected.
    template = hmicfrs(FUTURE_REPORT)
    facts = CycleFacts(template, "pcc", {"report_published": on(FUTURE_REPORT)}, entered_on=D(2027, 5, 20))
    publish = Engine(facts, FUTURE_REPORT).evaluate(template.rule("publish-comments"))
    assert publish.due == D(2027, 8, 4) and not publish.expected
    assert "expected" not in publish.working


def test_case_18_a_step_recorded_for_the_future_has_not_happened_before_its_day():
    # Comments recorded as published on 1 Jul 2027. As of 20 Jun they have not happened: not met. As of
    # 1 Jul 2027 they have: met (4 Aug limit).
    template = hmicfrs(FUTURE_REPORT)
    stages = {"report_published": on(FUTURE_REPORT), "comments_published": on(D(2027, 7, 1))}
    facts = CycleFacts(template, "pcc", stages, entered_on=D(2027, 5, 20))
    before = Engine(facts, D(2027, 6, 20)).evaluate(template.rule("publish-comments"))
    assert before.status is Status.NOT_YET_DUE and before.met_on is None
    after = Engine(facts, D(2027, 7, 1)).evaluate(template.rule("publish-comments"))
    assert after.status is Status.MET


def test_case_19_chief_constable_notice_expected_over_new_year():
    # Notice expected on Mon 14 Dec 2026; three weeks beginning with it end on 14 Dec + 20 = Sun 3 Jan
    # 2027. Sch 8 paras 4(6). As of 1 Dec 2026 this is expected, and warned as a Sunday.
    template = get_template("chief-constable")
    facts = CycleFacts(template, "pcc", {"notification_received": on(D(2026, 12, 14))},
                       entered_on=D(2026, 11, 30))  # fmt: skip
    row = Engine(facts, D(2026, 12, 1)).evaluate(template.rule("confirmation-report"))
    assert row.due == D(2027, 1, 3) and row.expected
    assert any("Sunday" in w for w in row.warnings)


def test_case_20_viewed_before_the_cycle_was_entered_nothing_is_projected():
    # The cycle was entered on 5 Jun 2027; as of 1 Jun 2027 it was not in the tracker, so nothing shows.
    template = hmicfrs(FUTURE_REPORT)
    facts = CycleFacts(template, "pcc", {"report_published": on(FUTURE_REPORT)}, entered_on=D(2027, 6, 5))
    assert Engine(facts, D(2027, 6, 1)).evaluate_all() == []


def test_case_21_a_plan_issue_expected_on_20_march_projects_the_gates():
    # Election 2 May 2024; the plan is expected to be issued on 20 Mar 2025. As of 1 Mar 2025 the draft must
    # go to the panel before 20 Mar 2025 (s.5(6)(c)): that date is expected.
    template = get_template("plan-pcc")
    stages = {"election": on(D(2024, 5, 2)), "plan_issued": on(D(2025, 3, 20))}
    facts = CycleFacts(template, "pcc", stages, entered_on=D(2024, 5, 10))
    row = Engine(facts, D(2025, 3, 1)).evaluate(template.rule("send-draft"))
    assert row.due == D(2025, 3, 20) and row.expected and "expected" in row.working


def test_case_22_a_precept_round_not_yet_begun_is_projected():
    # Precept for 2028/29 (1 Apr 2028), entered 5 Jan 2027. As of 10 Jan 2027 the round (which runs in the
    # financial year from 1 Apr 2027) has not begun: 1 Feb 2028 is expected (SI 2012/2271 reg 3). As of
    # 10 Jan 2028 it is firm.
    template = get_template("precept")
    facts = CycleFacts(template, "pcc", {"financial_year_start": on(D(2028, 4, 1))}, entered_on=D(2027, 1, 5))
    early = Engine(facts, D(2027, 1, 10)).evaluate(template.rule("notify-proposal"))
    assert early.due == D(2028, 2, 1) and early.expected
    firm = Engine(facts, D(2028, 1, 10)).evaluate(template.rule("notify-proposal"))
    assert firm.due == D(2028, 2, 1) and not firm.expected


# ---- the Deputy Mayor: the veto only for a candidate who is not an Assembly member ----------------------


def test_case_23_no_veto_for_an_assembly_member():
    # GLA Act 1999 Sch 4A para 10 applies only if the candidate is not an Assembly member. Notified 20 May
    # 2024: the response is still due within three weeks, 20 May + 20 = 9 Jun 2024; the veto does not apply.
    template = get_template("dmpc-hearing")
    stages = {"notification_received": on(D(2024, 5, 20)), "assembly_member": on(D(2024, 5, 20))}
    veto = evaluate(template, "london", stages, "veto-window", D(2024, 5, 21))
    assert veto.status is Status.NOT_APPLICABLE and "Assembly" in veto.working
    response = evaluate(template, "london", stages, "assembly-response", D(2024, 5, 21))
    assert response.due == D(2024, 6, 9)


def test_case_24_a_candidate_from_outside_the_assembly_can_be_vetoed_within_three_weeks():
    # Same notice, candidate not an Assembly member: veto window to 9 Jun 2024 (Sch 4A para 10).
    template = get_template("dmpc-hearing")
    veto = evaluate(template, "london", {"notification_received": on(D(2024, 5, 20))}, "veto-window",
                    D(2024, 5, 21))  # fmt: skip
    assert veto.status is not Status.NOT_APPLICABLE and veto.due == D(2024, 6, 9)


# ---- chief constable: Sch 8 paras 2, 4(7), 11-16 ---------------------------------------------------------


def test_case_25_no_appointment_before_the_confirmation_process_ends_with_no_report():
    # Notice received 9 Jan 2025; three weeks end 29 Jan 2025 with no report, so the process ends then and
    # the commissioner may appoint from 30 Jan 2025 (Sch 8 para 2(2)-(3)). An appointment on 28 Jan is an
    # exception.
    template = get_template("chief-constable")
    stages = {"notification_received": on(D(2025, 1, 9)), "appointed": on(D(2025, 1, 28))}
    row = evaluate(template, "pcc", stages, "no-appointment-before-end", D(2025, 2, 5))
    assert row.citation == "PRSRA 2011 Sch 8 para 2(2)-(4)"
    assert row.due == D(2025, 1, 30)
    assert row.status is Status.EXCEPTION


def test_case_26_after_a_report_the_process_ends_when_the_commissioner_notifies_the_decision():
    # Report 20 Jan 2025, decision notified 24 Jan 2025 (para 7(3)): appointing on 24 Jan is allowed
    # (para 2(4)).
    template = get_template("chief-constable")
    stages = {
        "notification_received": on(D(2025, 1, 9)),
        "panel_report": on(D(2025, 1, 20)),
        "pcc_decision": on(D(2025, 1, 24)),
        "appointed": on(D(2025, 1, 24)),
    }
    row = evaluate(template, "pcc", stages, "no-appointment-before-end", D(2025, 2, 5))
    assert row.due == D(2025, 1, 24) and row.status is Status.MET


def test_case_27_no_call_to_retire_before_the_six_weeks_end():
    # Para 14 notice received 3 Mar 2025; six weeks beginning with it end 3 Mar + 41 = 13 Apr 2025 (para
    # 15(3)). With no recommendation, the scrutiny process ends then (para 12(2)(a)); a call on 10 Apr
    # 2025 is an exception.
    template = get_template("chief-constable")
    stages = {"removal_notification_received": on(D(2025, 3, 3)), "retirement_called": on(D(2025, 4, 10))}
    row = evaluate(template, "pcc", stages, "no-call-before-scrutiny-ends", D(2025, 4, 20))
    assert row.citation == "PRSRA 2011 Sch 8 paras 12, 16"
    assert row.due == D(2025, 4, 14) and row.status is Status.EXCEPTION


def test_case_28_suspension_notice_and_reasons():
    # The commissioner suspends the chief constable on 2 Jun 2025: the panel must be told (para 11; no
    # period in the Act). Reasons and representations come before the para 14 notice (para 13).
    template = get_template("chief-constable")
    stages = {"notification_received": on(D(2025, 1, 9)), "cc_suspended": on(D(2025, 6, 2))}
    notice = evaluate(template, "pcc", stages, "suspension-notice", D(2025, 6, 3))
    assert notice.citation == "PRSRA 2011 Sch 8 para 11" and notice.due is None
    assert notice.status is not Status.NOT_APPLICABLE
    reasons = template.rule("reasons-before-notice")
    # para 13(2)-(4): reasons, notice with a copy, a chance to answer; para 14(1): the further notice follows
    assert reasons.citation == "PRSRA 2011 Sch 8 paras 13(1)-(4), 14(1)"
    stages = {"removal_notification_received": on(D(2025, 3, 3)), "reasons_given": on(D(2025, 2, 10))}
    assert evaluate(template, "pcc", stages, "reasons-before-notice", D(2025, 3, 4)).status is Status.MET


def test_case_29_the_panel_publishes_its_reports():
    # Sch 8 para 4(7) (appointment report) and para 15 (removal recommendation): no period in the Act.
    template = get_template("chief-constable")
    assert template.rule("publish-confirmation-report").citation == "PRSRA 2011 Sch 8 para 4(7)"
    assert template.rule("publish-removal-recommendation").citation == "PRSRA 2011 Sch 8 para 15(5)-(6)"
    assert template.rule("publish-reserve-report").citation.startswith("SI 2012/2271 reg 10")


# ---- suspension of the commissioner (s.30) and an acting commissioner (s.62) ----------------------------


def test_case_30_suspension_and_acting_commissioner():
    # Charged 3 Mar 2025; the panel suspends on 10 Mar 2025 (s.30, a power with no period); it must then
    # appoint an acting commissioner from the commissioner's staff (s.62), no period in the Act.
    template = get_template("pcc-suspension")
    stages = {"charged": on(D(2025, 3, 3)), "suspended": on(D(2025, 3, 10))}
    assert template.rule("suspend").citation == "PRSRA 2011 s.30"
    acting = evaluate(template, "pcc", stages, "appoint-acting", D(2025, 3, 11))
    assert acting.citation == "PRSRA 2011 s.62" and acting.status is not Status.NOT_APPLICABLE
    # without a suspension (or vacancy, or incapacity) no acting commissioner is needed
    charged_only = evaluate(template, "pcc", {"charged": on(D(2025, 3, 3))}, "appoint-acting", D(2025, 3, 4))
    assert charged_only.condition is not None or charged_only.status is Status.NOT_APPLICABLE


# ---- the fire precept of a police, fire and crime commissioner --------------------------------------------


def test_case_31_fire_precept_dates_and_in_force_day():
    # Fire precept for 2026/27 (1 Apr 2026): notify by 1 Feb 2026, report by 8 Feb 2026 (PRSRA Sch 5 as
    # applied by the Fire and Rescue Services Act 2004 Sch A2 para 12; SI 2012/2271 regs 3-4). The template is in
    # force from 3 Apr 2017 (SI 2017/399).
    template = get_template("fire-precept")
    assert template.in_force_from == D(2017, 4, 3)
    assert "Fire and Rescue Services Act 2004" in template.rule("notify-proposal").citation
    stages = {"financial_year_start": on(D(2026, 4, 1))}
    assert evaluate(template, "pcc", stages, "notify-proposal", D(2026, 1, 10)).due == D(2026, 2, 1)
    assert evaluate(template, "pcc", stages, "panel-report", D(2026, 1, 10)).due == D(2026, 2, 8)
    # 2024 was a leap year: the revised precept by 15 Feb and the second report by 22 Feb do not move
    stages = {"financial_year_start": on(D(2024, 4, 1))}
    assert evaluate(template, "pcc", stages, "second-report", D(2024, 1, 10)).due == D(2024, 2, 22)


# ---- announced changes: commissioners to be abolished from 2028, not law --------------------------------


def notices(template_id, area, stages, as_of):
    return Engine(CycleFacts(get_template(template_id), area, stages), as_of).notices()


def test_case_32_a_plan_cycle_running_past_may_2028_carries_the_announcement():
    # Ordinary election 4 May 2028: the plan is due by 31 Mar 2029 (s.5(1)), past May 2028.
    found = notices("plan-pcc", "pcc", {"election": on(D(2028, 5, 4))}, D(2028, 5, 10))
    assert len(found) == 1
    notice = found[0]
    assert "announced" in notice.text and "not law" in notice.text
    assert notice.date == D(2025, 11, 13) and notice.source.startswith("https://")


def test_case_33_a_cycle_over_before_may_2028_has_no_notice():
    # Election 2 May 2024: plan by 31 Mar 2025, well before May 2028.
    assert notices("plan-pcc", "pcc", {"election": on(D(2024, 5, 2))}, D(2024, 6, 1)) == []
    # The 2027/28 precept: its last date is before 1 March 2028.
    assert notices("precept", "pcc", {"financial_year_start": on(D(2028, 4, 1))}, D(2028, 1, 5)) == []


def test_case_34_london_is_not_touched_by_the_announcement():
    # MOPAC is not a commissioner: a 2028 London plan gets no notice.
    assert notices("plan-london", "london", {"election": on(D(2028, 5, 4))}, D(2028, 5, 10)) == []


def test_case_35_an_act_with_an_end_date_gives_its_own_notice_instead():
    # When a Bill becomes law it is a template version with an end date (ends_on): the notice then says
    # the law stops applying, and is not an announcement.
    template = dataclasses.replace(get_template("plan-pcc"), ends_on=D(2028, 5, 7), successor="the successor")
    found = Engine(CycleFacts(template, "pcc", {"election": on(D(2028, 5, 4))}), D(2028, 5, 10)).notices()
    assert any("stops applying after 7 May 2028" in n.text for n in found)


# ---- through the command line: JSON, calendar and versions ------------------------------------------------


@pytest.fixture
def store(panel):
    return panel


def test_case_36_show_and_deadlines_mark_expected_obligations(store, capsys):
    # Entered today for a report expected in 30 days: every derived date is marked expected.
    today = dt.date.today()
    published = today + dt.timedelta(days=30)
    ok(capsys, "cycle", "add", "insp", "--body", "wessex", "--template", "hmicfrs-comments",
       "--trigger", f"report_published={published.isoformat()}", "--db", store)  # fmt: skip
    shown = ok(capsys, "show", "insp", "--db", store)
    publish = next(o for o in shown["obligations"] if o["obligation"] == "publish-comments")
    assert publish["expected"] is True
    assert publish["due"] == (published + dt.timedelta(days=55)).isoformat()
    listed = ok(capsys, "deadlines", "--cycle", "insp", "--db", store)
    assert any(r["obligation"] == "publish-comments" and r["expected"] for r in listed)


def test_case_37_calendar_event_is_tentative_then_confirmed_with_a_higher_sequence(store, capsys, tmp_path):
    import icalendar

    today = dt.date.today()
    published = today + dt.timedelta(days=10)
    ok(capsys, "cycle", "add", "insp", "--body", "wessex", "--template", "hmicfrs-comments",
       "--trigger", f"report_published={published.isoformat()}", "--db", store)  # fmt: skip

    def event(as_of: dt.date, name: str):
        target = tmp_path / name
        ok(capsys, "export", "ics", "-o", str(target), "--as-of", as_of.isoformat(), "--db", store)
        cal = icalendar.Calendar.from_ical(target.read_bytes())
        return next(e for e in cal.walk("VEVENT") if str(e["UID"]) == "insp.publish-comments@pcp-tracker")

    before = event(today, "before.ics")
    after = event(published, "after.ics")
    assert str(before["STATUS"]) == "TENTATIVE" and str(after["STATUS"]) == "CONFIRMED"
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])


def test_case_38_editing_the_trigger_across_2_may_2017_changes_the_version(store, capsys):
    # Created for a report of 1 Jun 2017 (version 2), corrected to 1 Jun 2016: version 1 applies, and the
    # 56-day deadline goes. 56 days beginning with 1 Jun 2017: 30 Jun is day 30, 26 Jul day 56.
    ok(capsys, "cycle", "add", "insp", "--body", "wessex", "--template", "hmicfrs-comments",
       "--trigger", "report_published=2017-06-01", "--db", store)  # fmt: skip
    entered_on(store, "insp", D(2017, 6, 1))
    shown = ok(capsys, "show", "insp", "--as-of", "2017-06-02", "--db", store)
    publish = next(o for o in shown["obligations"] if o["obligation"] == "publish-comments")
    assert publish["due"] == "2017-07-26"  # 1 Jun + 55 days
    ok(capsys, "cycle", "edit", "insp", "--trigger", "report_published=2016-06-01", "--db", store)
    shown = ok(capsys, "show", "insp", "--as-of", "2017-06-02", "--db", store)
    publish = next(o for o in shown["obligations"] if o["obligation"] == "publish-comments")
    assert publish["due"] is None and publish["citation"] == "Police Act 1996 s.55(5)"


def test_case_39_show_json_lists_the_announcement_as_an_object(store, capsys):
    ok(capsys, "cycle", "add", "p28", "--body", "wessex", "--template", "plan-pcc",
       "--trigger", "election=2028-05-04", "--db", store)  # fmt: skip
    shown = ok(capsys, "show", "p28", "--as-of", "2028-06-01", "--db", store)
    assert shown["notices"] and "announced" in shown["notices"][0]["text"]
    assert shown["notices"][0]["date"] == "2025-11-13" and shown["notices"][0]["source"]


def test_case_40_summons_setting_changes_the_reading_and_says_so(db_url, capsys):
    ok(capsys, "body", "add", "mopac", "--name", "MOPAC", "--kind", "mopac", "--members", "15",
       "--db", db_url)  # fmt: skip
    ok(capsys, "cycle", "add", "s1", "--body", "mopac", "--template", "london-summons",
       "--trigger", "attendance=2025-03-20", "--db", db_url)  # fmt: skip
    entered_on(db_url, "s1", D(2025, 2, 20))
    clear = ok(capsys, "show", "s1", "--as-of", "2025-03-01", "--db", db_url)["obligations"][0]
    assert clear["due"] == "2025-03-05" and "clear days" in clear["working"]
    ok(capsys, "settings", "set", "summons_notice_count", "inclusive", "--db", db_url)
    counted = ok(capsys, "show", "s1", "--as-of", "2025-03-01", "--db", db_url)["obligations"][0]
    assert counted["due"] == "2025-03-06" and "summons_notice_count" in counted["working"]


# ---- expected and announced, in the reminders, the papers and the app ------------------------------------


def test_reminders_say_a_projected_date_is_expected(store, capsys):
    today = dt.date.today()
    published = today + dt.timedelta(days=3)
    ok(capsys, "cycle", "add", "insp", "--body", "wessex", "--template", "hmicfrs-comments",
       "--trigger", f"report_published={published.isoformat()}", "--db", store)  # fmt: skip
    ok(capsys, "set-date", "insp", "chief_comments_by", (today + dt.timedelta(days=5)).isoformat(), "--planned",
       "--db", store)  # fmt: skip
    digest = ok(capsys, "remind", "--within", "70", "--db", store)["text"]
    line = next(x for x in digest.splitlines() if "Publish the comments" in x)
    assert "(expected)" in line
    firm = next(x for x in digest.splitlines() if "Chief constable's comments" in x)
    assert "(expected)" not in firm


def test_status_paper_prints_expected_and_the_announcement(store, capsys, tmp_path):
    import docx

    from tests.unit.test_papers import pdf_text

    ok(capsys, "cycle", "add", "p28", "--body", "wessex", "--template", "plan-pcc",
       "--trigger", "election=2028-05-04", "--db", store)  # fmt: skip
    pdf = tmp_path / "status.pdf"
    ok(capsys, "report", "status", "--cycle", "p28", "-o", str(pdf), "--db", store)
    text = " ".join(pdf_text(pdf).split())
    assert "announced on 13 November 2025" in text and "not law" in text
    assert "(expected)" in text  # as of today the 2028 election is still to come
    word = tmp_path / "status.docx"
    ok(capsys, "report", "status", "--cycle", "p28", "-o", str(word), "--db", store)
    paragraphs = " ".join(p.text for p in docx.Document(str(word)).paragraphs)
    assert "Notice: The Government announced on 13 November 2025" in paragraphs


def test_the_app_obligation_model_says_expected():
    from tracker.domain import Basis, DateKind
    from tracker.services.dto import ObligationRow
    from ui.models import ObligationTableModel

    row = ObligationRow("c", "r", "Publish the comments", DateKind.DEADLINE, Basis.STATUTE, "s.55(5A)", None,
                        "Commissioner", "the public", "", D(2027, 8, 4), Status.NOT_YET_DUE, "w", (), (), None,
                        None, expected=True)  # fmt: skip
    model = ObligationTableModel()
    model.set_rows([row])
    shown = model.data(model.index(0, ObligationTableModel.COL_STATUS))
    assert "expected" in shown
    firm = dataclasses.replace(row, expected=False)
    model.set_rows([firm])
    assert "expected" not in model.data(model.index(0, ObligationTableModel.COL_STATUS))


def test_case_41_a_date_real_today_but_after_the_as_of_day_was_expected_then(store, capsys):
    # Report published 25 Feb 2025, a day now past; the cycle was entered on 10 Jan 2025, before it. As of
    # 1 Feb 2025 the report had not been published: nothing has happened, and the 56 days beginning with 25 Feb
    # (25 Feb + 55 = 21 Apr 2025, s.55(5A)) are projected, so expected, as they were shown then. As of 25 Feb
    # 2025 the date is real.
    ok(capsys, "cycle", "add", "insp", "--body", "wessex", "--template", "hmicfrs-comments",
       "--trigger", "report_published=2025-02-25", "--db", store)  # fmt: skip
    entered_on(store, "insp", D(2025, 1, 10))

    def publish(as_of: str):
        shown = ok(capsys, "show", "insp", "--as-of", as_of, "--db", store)
        row = next((o for o in shown["obligations"] if o["obligation"] == "publish-comments"), None)
        stage = next(s for s in shown["stages"] if s["stage"] == "report_published")
        return row, stage

    row, stage = publish("2025-02-01")
    assert row["due"] == "2025-04-21" and row["expected"] is True and row["met_on"] is None
    assert stage["actual"] is None and stage["actual_text"].startswith("expected 25 Feb 2025")
    listed = ok(capsys, "deadlines", "--cycle", "insp", "--as-of", "2025-02-01", "--db", store)
    assert next(r for r in listed if r["obligation"] == "publish-comments")["expected"] is True
    row, stage = publish("2025-02-25")
    assert row["due"] == "2025-04-21" and row["expected"] is False
    assert stage["actual"] == "2025-02-25"


def test_case_42_viewed_before_the_cycle_was_entered_a_later_date_is_not_expected(store, capsys):
    # The same report, entered on 1 Mar 2025, after it was published. As of 1 Feb 2025 the cycle was not in
    # the tracker, so no one expected anything: no deadlines, and the stage says only that it had not
    # happened yet, not that it was expected.
    ok(capsys, "cycle", "add", "insp", "--body", "wessex", "--template", "hmicfrs-comments",
       "--trigger", "report_published=2025-02-25", "--db", store)  # fmt: skip
    entered_on(store, "insp", D(2025, 3, 1))
    shown = ok(capsys, "show", "insp", "--as-of", "2025-02-01", "--db", store)
    assert shown["obligations"] == []
    stage = next(s for s in shown["stages"] if s["stage"] == "report_published")
    assert stage["actual_text"] == "not yet happened as of 1 Feb 2025"


def test_case_43_rules_list_prints_the_checked_schedule_8_citations(db_url, capsys):
    # Checked against the text of PRSRA 2011 Sch 8: the written reasons, the notice to the panel with a copy
    # and the chance to answer are para 13(2)-(4), to be done before calling for retirement (13(1)) and before
    # the further notice (14(1)); the copy of the representations "as soon as practicable" is para 13(5)(b);
    # publishing the removal recommendation is para 15(5)-(6).
    listed = ok(capsys, "rules", "list", "--db", db_url)
    chief = next(t for t in listed if t["id"] == "chief-constable")
    cited = {r["id"]: r["citation"] for r in chief["rules"]}
    assert cited["reasons-before-notice"] == "PRSRA 2011 Sch 8 paras 13(1)-(4), 14(1)"
    assert cited["copy-representations"] == "PRSRA 2011 Sch 8 para 13(5)(b)"
    assert cited["publish-removal-recommendation"] == "PRSRA 2011 Sch 8 para 15(5)-(6)"
    assert (
        cited["removal-recommendation"]
        == "PRSRA 2011 Sch 8 paras 12-16 (para 15(3), (7)-(8) for the six weeks)"
    )
    code, out, _ = run(capsys, "rules", "list", "--db", db_url)
    assert code == 0 and "PRSRA 2011 Sch 8 para 13(5)(b)" in out


def test_case_44_dates_computed_from_given_days_are_not_called_expected(capsys):
    # `tracker rules compute` (and the app's preview of a new cycle) computes from days given outright: no day
    # is still to come there, so none is expected. Report of 5 Jan 2024: 56 days end 29 Feb 2024 (s.55(5A)).
    # A plan to be issued on 20 Mar 2025: the draft goes to the panel before it (s.5(6)(c)).
    code, out, _ = run(
        capsys, "rules", "compute", "hmicfrs-comments", "--trigger", "report_published=2024-01-05"
    )
    assert code == 0 and "29 Feb 2024" in out
    assert "expected" not in out and "1 Jan 1" not in out
    from tracker.rules.engine import compute_dates

    dates, _ = compute_dates(
        get_template("plan-pcc"), {"election": D(2024, 5, 2), "plan_issued": D(2025, 3, 20)}
    )
    draft = next(d for d in dates if d.id == "send-draft")
    assert draft.date == D(2025, 3, 20) and "expected" not in draft.working


def test_case_45_the_fire_precept_cites_the_paragraph_of_sch_a2_that_applies_sch_5(db_url, capsys):
    # Fire and Rescue Services Act 2004 Sch A2 para 12(1) (inserted by the Policing and Crime Act 2017 Sch 1
    # para 13, in force 3 Apr 2017) applies PRSRA 2011 Sch 5 to a fire and rescue authority created under s.4A.
    listed = ok(capsys, "rules", "list", "--db", db_url)
    fire = next(t for t in listed if t["id"] == "fire-precept")
    cited = {r["id"]: r["citation"] for r in fire["rules"]}
    applied = "as applied by the Fire and Rescue Services Act 2004 Sch A2 para 12"
    assert all(applied in c for rule, c in cited.items() if "Sch 5" in c)
    assert cited["notify-proposal"] == f"PRSRA 2011 Sch 5 para 2, {applied}; SI 2012/2271 reg 3"
    code, out, _ = run(capsys, "rules", "list", "--db", db_url)
    assert code == 0 and f"PRSRA 2011 Sch 5 para 2, {applied}; SI 2012/2271 reg 3" in out
