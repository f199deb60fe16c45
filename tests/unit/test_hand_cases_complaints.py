"""Hand-computed cases for complaints about the commissioner: the Elected Local Policing Bodies (Complaints and
Misconduct) Regulations 2012 (SI 2012/62), read in the text as made.

Only the steps where the Regulations give a time or an order are modelled. Each case gives its working and the
regulation; the dates were worked out by hand (with a calendar for weekdays and England and Wales bank
holidays) before the template and the code that computes them were written.

- "not later than the end of the day following the day on which" D: the last day is D + 1 (reg 13(3), (4)).
- "within 21 days" / "within four weeks of" D: D is not counted, so the period ends on D + 21 / D + 28.
- No time limit in the Regulations applies where exceptional circumstances prevent it being met (reg 37,
  applying the 2004 Regulations' reg 27(2)); the app warns, it does not move the date.
"""

from __future__ import annotations

import datetime as dt

from tests.cli_helpers import ok
from tracker.domain import EventDate, Status
from tracker.rules.engine import CycleFacts, Engine, StageState
from tracker.rules.templates import get_template

D = dt.date
RECEIVED = D(2025, 1, 6)  # Mon 6 Jan 2025: the complaint reaches the panel


def on(day: dt.date) -> StageState:
    return StageState(actual=EventDate.on(day))


def complaint():
    return get_template("complaint")


def evaluate(stages, rule, as_of, area="pcc"):
    template = complaint()
    facts = CycleFacts(template, area, {"complaint_received": on(RECEIVED), **stages})
    return Engine(facts, as_of).evaluate(template.rule(rule))


def test_case_c01_a_serious_complaint_goes_to_the_iopc_by_the_end_of_the_next_day():
    # The panel finds on Thu 9 Jan 2025 that the complaint alleges a criminal offence (a serious complaint).
    # Not later than the end of the day following: 9 Jan + 1 = Fri 10 Jan 2025. SI 2012/62 reg 13(1)(a), (3).
    row = evaluate({"serious_determined": on(D(2025, 1, 9))}, "refer-serious", D(2025, 1, 9))
    assert row.due == D(2025, 1, 10)
    assert row.citation == "SI 2012/62 reg 13(3)"
    assert row.status is Status.DUE_SOON and "day following" in row.working


def test_case_c02_the_day_after_a_friday_is_a_saturday_and_does_not_move():
    # Found serious on Fri 7 Mar 2025: the referral is due by the end of Sat 8 Mar 2025. The Regulations
    # count calendar days; the app warns of the weekend and does not roll the date on. reg 13(3), reg 37.
    row = evaluate({"serious_determined": on(D(2025, 3, 7))}, "refer-serious", D(2025, 3, 7))
    assert row.due == D(2025, 3, 8)
    assert any("Saturday" in w for w in row.warnings)


def test_case_c03_a_referral_the_iopc_asks_for_on_new_years_eve_is_due_on_new_years_day():
    # The IOPC notifies the panel on Wed 31 Dec 2025 that it requires the complaint referred: due by the end
    # of Thu 1 Jan 2026, a bank holiday (warned, not moved). reg 13(1)(b), (4).
    row = evaluate({"iopc_requires": on(D(2025, 12, 31))}, "refer-on-request", D(2025, 12, 31))
    assert row.due == D(2026, 1, 1)
    assert row.citation == "SI 2012/62 reg 13(4)"
    assert any("bank holiday" in w.lower() or "New Year" in w for w in row.warnings)


def test_case_c04_leap_day():
    # Found serious on Wed 28 Feb 2024: due Thu 29 Feb 2024 (2024 is a leap year). reg 13(3).
    row = evaluate({"serious_determined": on(D(2024, 2, 28))}, "refer-serious", D(2024, 2, 28))
    assert row.due == D(2024, 2, 29)


def test_case_c05_referral_on_the_day_after_is_met_two_days_after_is_late():
    # Serious on 9 Jan 2025, so due 10 Jan 2025 (reg 13(3)). Referred 10 Jan: met. Referred 11 Jan: met late.
    serious = {"serious_determined": on(D(2025, 1, 9))}
    met = evaluate({**serious, "referred": on(D(2025, 1, 10))}, "refer-serious", D(2025, 1, 20))
    assert met.status is Status.MET
    late = evaluate({**serious, "referred": on(D(2025, 1, 11))}, "refer-serious", D(2025, 1, 20))
    assert late.status is Status.MET_LATE


def test_case_c06_no_referral_deadline_for_a_complaint_no_one_has_found_serious():
    # Nothing recorded but the complaint: the referral applies only if the panel finds it serious (reg 13(1)),
    # so it is a branch not yet known, with no date.
    row = evaluate({}, "refer-serious", D(2025, 1, 20))
    assert row.due is None and row.status is not Status.OVERDUE
    assert row.condition is not None and "serious" in row.condition


def test_case_c07_the_complainant_is_told_of_the_referral_with_no_period_set():
    # Referred 10 Jan 2025: the panel must notify the complainant of the reference (reg 13(6)); the Regulations
    # set no period, so it is a target with no date until the secretariat sets one.
    row = evaluate({"serious_determined": on(D(2025, 1, 9)), "referred": on(D(2025, 1, 10))}, "notify-referral",
                   D(2025, 1, 13))  # fmt: skip
    assert row.citation == "SI 2012/62 reg 13(6)"
    assert row.due is None and row.status is Status.UNDATED


def test_case_c08_twenty_one_days_to_answer_the_panels_letter_about_withdrawing():
    # The complainant says on the telephone that they want to withdraw; the panel writes on Mon 3 Mar 2025 to
    # ask (reg 16(7)(a), (8)(a)). Within 21 days of the letter (its day not counted): 3 Mar + 21 = Mon 24 Mar
    # 2025. With no reply by then the panel treats it as a written withdrawal (reg 16(8)(b)).
    stages = {"withdrawal_letter": on(D(2025, 3, 3))}
    open_row = evaluate(stages, "withdrawal-reply", D(2025, 3, 10))
    assert open_row.due == D(2025, 3, 24)
    assert open_row.citation == "SI 2012/62 reg 16(8)(b)"
    missed = evaluate(stages, "withdrawal-reply", D(2025, 3, 25))
    assert missed.status is Status.OVERDUE
    assert any("treats" in w and "withdrawal" in w for w in missed.warnings)


def test_case_c09_a_written_withdrawal_is_recorded_forthwith():
    # A signed withdrawal received 12 Mar 2025: the panel records it "forthwith" (reg 16(1)): a soft duty.
    row = evaluate({"withdrawal_received": on(D(2025, 3, 12))}, "record-withdrawal", D(2025, 3, 12))
    assert row.citation == "SI 2012/62 reg 16(1)"
    assert "forthwith" in row.working and row.status is not Status.NOT_APPLICABLE


def test_case_c10_the_iopc_reports_progress_within_four_weeks_of_the_start():
    # The IOPC's investigation starts Mon 2 Jun 2025: first progress notice to the complainant within four
    # weeks of the start (that day not counted): 2 Jun + 28 = Mon 30 Jun 2025. reg 32(5)(a)(i).
    row = evaluate({"investigation_started": on(D(2025, 6, 2))}, "first-progress-update", D(2025, 6, 3))
    assert row.due == D(2025, 6, 30)
    assert row.owed_by == "IOPC"


def test_case_c11_the_outcome_record_is_published_only_after_both_sides_could_make_representations():
    # Informal resolution arranged 20 Jan 2025; record of the outcome published 9 Apr 2025 but the chance to
    # make representations on publishing it given only on 10 Apr: an exception (reg 28(13)). The other way
    # round is met.
    base = {"informal_resolution": on(D(2025, 1, 20)), "outcome_published": on(D(2025, 4, 9))}
    wrong = evaluate({**base, "representations_invited": on(D(2025, 4, 10))}, "publish-after-representations",
                     D(2025, 4, 20))  # fmt: skip
    assert wrong.status is Status.EXCEPTION and wrong.citation == "SI 2012/62 reg 28(13)"
    right = evaluate({**base, "representations_invited": on(D(2025, 3, 20))}, "publish-after-representations",
                     D(2025, 4, 20))  # fmt: skip
    assert right.status is Status.MET


def test_case_c12_informal_resolution_steps_are_as_soon_as_practicable_and_say_so_in_london():
    # reg 28(9) (a chance to comment) and 28(12) (a record of the outcome): "as soon as practicable", no date.
    # In London only a Deputy Mayor who is not an Assembly member goes to informal resolution (reg 28(1)(c));
    # the Mayor's office holder and an Assembly member Deputy Mayor go to the monitoring officer (reg 29).
    stages = {"informal_resolution": on(D(2025, 1, 20))}
    comment = evaluate(stages, "comment-opportunity", D(2025, 1, 21))
    assert comment.citation == "SI 2012/62 reg 28(9)" and comment.due is None
    assert "as soon as practicable" in comment.working
    record = evaluate(stages, "outcome-record", D(2025, 1, 21), area="london")
    assert record.citation == "SI 2012/62 reg 28(12)"
    assert any("monitoring officer" in w for w in record.warnings)


def test_case_c13_the_regulations_are_in_force_from_16_january_2012():
    # reg 1: in force 16 Jan 2012. Every rule is statute and cites SI 2012/62.
    template = complaint()
    assert template.in_force_from == D(2012, 1, 16)
    assert all(r.citation.startswith("SI 2012/62 reg ") and str(r.basis) == "statute" for r in template.rules)


def test_rules_list_prints_the_complaint_citations(db_url, capsys):
    listed = ok(capsys, "rules", "list", "--db", db_url)
    citations = {r["citation"] for t in listed if t["id"] == "complaint" for r in t["rules"]}
    assert {"SI 2012/62 reg 13(3)", "SI 2012/62 reg 13(4)", "SI 2012/62 reg 16(8)(b)"} <= citations
