"""`tracker export ics`: all-day events with stable UIDs, escaped text, reminders, and SEQUENCE that rises."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import icalendar
import pytest

from tests.cli_helpers import ok, run
from tracker.exports.ics import PRODID, CalendarItem, build_calendar, calendar_items
from tracker.services.dto import FollowUpRow

MEETING_TITLE = "Panel & <Cyfarfod ŵ>"
LATER = "2025-06-01"


@pytest.fixture
def cycle(panel, capsys):
    ok(
        capsys, "cycle", "add", "c1", "--body", "wessex", "--template", "plan-pcc",
        "--trigger", "election=2024-05-02", "--db", panel,
    )  # fmt: skip
    ok(
        capsys, "meeting", "add", "--body", "wessex", "--date", "2025-02-10", "--title", MEETING_TITLE,
        "--cycle", "c1", "--db", panel,
    )  # fmt: skip
    return panel


def export(capsys, db: str, target, *extra: str, as_of: str = "2025-01-01") -> dict[str, icalendar.Event]:
    data = ok(capsys, "export", "ics", "-o", str(target), "--as-of", as_of, *extra, "--db", db)
    assert data["file"] == str(target)
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert data["events"] == len(events)
    return events


def categories(event: icalendar.Event) -> list[str]:
    return [str(c) for c in event["CATEGORIES"].cats]


def test_obligations_and_meetings_become_all_day_events(cycle, capsys, tmp_path):
    target = tmp_path / "c1.ics"
    events = export(capsys, cycle, target)

    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert str(calendar["PRODID"]) == PRODID
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Police and Crime Plan tracker"

    issue = events["c1.issue-plan@pcp-tracker"]
    start, end = issue.decoded("DTSTART"), issue.decoded("DTEND")
    assert type(start) is dt.date and start == dt.date(2025, 3, 31)
    assert type(end) is dt.date and end == dt.date(2025, 4, 1)
    assert categories(issue) == ["statute"]
    assert str(issue["SUMMARY"]).endswith("(c1)")
    description = str(issue["DESCRIPTION"])
    assert "PRSRA 2011 s.5(1)" in description
    assert "Status as of 1 Jan 2025: not yet due" in description
    assert "DTSTAMP" in issue

    meeting = next(e for uid, e in events.items() if uid.startswith("meeting-"))
    assert str(meeting["SUMMARY"]) == MEETING_TITLE
    assert meeting.decoded("DTSTART") == dt.date(2025, 2, 10)
    assert categories(meeting) == ["meeting"]
    assert int(meeting["SEQUENCE"]) == 0
    assert "Papers to be published by 31 Jan 2025" in str(meeting["DESCRIPTION"])

    alarms = issue.walk("VALARM")
    assert len(alarms) == 1
    assert str(alarms[0]["ACTION"]) == "DISPLAY"
    assert alarms[0].decoded("TRIGGER") == dt.timedelta(days=-7)
    assert str(alarms[0]["DESCRIPTION"])


def test_uids_are_stable_and_sequence_rises_when_a_date_moves(cycle, capsys, tmp_path):
    # As of a day after both elections: an as-of day before a trigger hides it, and the dates it derives.
    first = export(capsys, cycle, tmp_path / "one.ics", as_of=LATER)
    again = export(capsys, cycle, tmp_path / "two.ics", as_of=LATER)
    assert set(first) == set(again)
    assert len(first) > 2

    ok(capsys, "cycle", "edit", "c1", "--trigger", "election=2025-05-01", "--db", cycle)
    moved = export(capsys, cycle, tmp_path / "three.ics", as_of=LATER)
    before, after = first["c1.issue-plan@pcp-tracker"], moved["c1.issue-plan@pcp-tracker"]
    assert after.decoded("DTSTART") == dt.date(2026, 3, 31)
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])


def test_window_cycle_and_alarm_options(cycle, capsys, tmp_path):
    events = export(
        capsys, cycle, tmp_path / "feb.ics", "--cycle", "c1", "--from", "2025-02-01", "--to", "2025-02-28",
        "--alarm-days", "0",
    )  # fmt: skip
    assert events
    assert all(dt.date(2025, 2, 1) <= e.decoded("DTSTART") <= dt.date(2025, 2, 28) for e in events.values())
    assert "c1.issue-plan@pcp-tracker" not in events
    assert all(not e.walk("VALARM") for e in events.values())

    events = export(capsys, cycle, tmp_path / "three.ics", "--alarm-days", "3")
    alarm = events["c1.issue-plan@pcp-tracker"].walk("VALARM")[0]
    assert alarm.decoded("TRIGGER") == dt.timedelta(days=-3)


def test_an_empty_store_gives_an_empty_calendar(panel, capsys, tmp_path):
    assert export(capsys, panel, tmp_path / "empty.ics") == {}


@pytest.mark.parametrize("days", ["61", "-1", "seven", "1.5"])
def test_alarm_days_out_of_range_is_refused(panel, capsys, tmp_path, days):
    target = tmp_path / "x.ics"
    code, _out, err = run(capsys, "export", "ics", "-o", str(target), "--alarm-days", days, "--db", panel)
    assert code == 2
    assert "--alarm-days" in err and "Traceback" not in err
    assert not target.exists()


def test_to_before_from_exits_2(panel, capsys, tmp_path):
    target = tmp_path / "x.ics"
    code, _out, err = run(
        capsys,
        "export",
        "ics",
        "-o",
        str(target),
        "--from",
        "2025-03-01",
        "--to",
        "2025-02-01",
        "--db",
        panel,
    )
    assert code == 2
    assert "--to" in err and "is before --from" in err
    assert not target.exists()


def test_output_that_is_a_folder_exits_2(panel, capsys, tmp_path):
    code, _out, err = run(capsys, "export", "ics", "-o", str(tmp_path), "--db", panel)
    assert code == 2
    assert "is a folder" in err
    assert "Traceback" not in err


def test_bad_date_and_unknown_cycle_exit_2(panel, capsys, tmp_path):
    target = tmp_path / "x.ics"
    code, _out, err = run(capsys, "export", "ics", "-o", str(target), "--as-of", "2025-02-30", "--db", panel)
    assert code == 2 and "--as-of" in err
    code, _out, err = run(capsys, "export", "ics", "-o", str(target), "--cycle", "nope", "--db", panel)
    assert code == 2 and "nope" in err and "Traceback" not in err
    assert not target.exists()


# ---- the pure parts --------------------------------------------------------------------------------


def test_text_round_trips_through_escaping():
    awkward = 'A & B <c>, d; e\\f\n"ŵ ŷ" – Pwyllgor'
    item = CalendarItem("x-1@pcp-tracker", dt.date(2025, 6, 1), awkward, awkward + "\nline two", "stage", 2)
    stamp = dt.datetime(2025, 1, 1, 9, 0, tzinfo=dt.UTC)
    data = build_calendar([item], organisation="Heddlu Dyfed-Powys; Panel, ŵ", alarm_days=1, stamp=stamp)
    assert data == build_calendar(
        [item], organisation="Heddlu Dyfed-Powys; Panel, ŵ", alarm_days=1, stamp=stamp
    )

    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["X-WR-CALNAME"]) == "Heddlu Dyfed-Powys; Panel, ŵ"
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == awkward
    assert str(event["DESCRIPTION"]) == awkward + "\nline two"
    assert int(event["SEQUENCE"]) == 2
    assert categories(event) == ["stage"]
    assert event.decoded("DTSTAMP") == stamp
    assert event.walk("VALARM")[0].decoded("TRIGGER") == dt.timedelta(days=-1)


def test_unknown_category_is_refused():
    with pytest.raises(ValueError):
        build_calendar(
            [CalendarItem("u", dt.date(2025, 1, 1), "s", "d", "party", 0)], organisation="", alarm_days=0
        )


def test_follow_ups_of_every_cycle_with_a_date_in_the_window():
    follow_ups = {
        "a": (
            FollowUpRow(1, "ask", "3", dt.date(2025, 5, 1), "Report back on ŷ, & more", None),
            FollowUpRow(2, "commitment", None, None, "No date given", None),
        ),
        "b": (FollowUpRow(7, "commitment", None, dt.date(2026, 1, 1), "Too late for the window", None),),
    }
    counts = {"a": 3, "b": 1}
    services = SimpleNamespace(
        cycles=SimpleNamespace(
            deadlines=lambda as_of, cycle_id=None: [],
            ids=lambda: ["a", "b"],
            detail=lambda cycle_id, as_of: SimpleNamespace(follow_ups=follow_ups[cycle_id]),
        ),
        meetings=SimpleNamespace(list=lambda cycle_id=None: []),
        history=SimpleNamespace(for_item=lambda cycle_id=None, limit=500: [None] * counts[cycle_id]),
    )
    items = calendar_items(services, as_of=dt.date(2025, 1, 1), to_date=dt.date(2025, 12, 31))
    assert items == [
        CalendarItem(
            uid="a.follow-up-1@pcp-tracker",
            day=dt.date(2025, 5, 1),
            summary="Follow-up: Ask (recommendation 3) (a)",
            description="Report back on ŷ, & more",
            category="follow-up",
            sequence=7,  # 3 changes: 2 x 3 + 1 for a firm (not expected) event
        )
    ]


def test_a_step_that_does_not_apply_gets_no_event(panel, capsys, tmp_path):
    """A precept whose vote fell short has no veto: the steps after a veto are not in the calendar."""
    ok(capsys, "cycle", "add", "p26", "--body", "wessex", "--template", "precept",
       "--trigger", "financial_year_start=2026-04-01", "--db", panel)  # fmt: skip
    ok(capsys, "vote", "p26", "--for", "5", "--against", "5", "--members", "12", "--date", "2026-02-05",
       "--db", panel)  # fmt: skip
    events = export(capsys, panel, tmp_path / "p26.ics", as_of="2026-02-06")
    assert "p26.notify-proposal@pcp-tracker" in events
    assert "p26.revised-precept@pcp-tracker" not in events
    assert "p26.second-report@pcp-tracker" not in events


def test_a_step_on_an_undecided_branch_says_so_in_the_calendar(panel, capsys, tmp_path):
    ok(
        capsys, "cycle", "add", "p", "--body", "wessex", "--template", "precept",
        "--trigger", "financial_year_start=2027-04-01", "--db", panel,
    )  # fmt: skip
    events = export(capsys, panel, tmp_path / "p.ics", as_of="2027-02-09")
    summaries = [str(e["SUMMARY"]) for uid, e in events.items() if uid.startswith("p.")]
    assert any("(only if: panel vetoes the proposed precept)" in s for s in summaries)
    assert "Notify the panel of the proposed precept (p)" in summaries
