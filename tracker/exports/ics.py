"""Deadlines, meetings and follow-ups as an iCalendar (.ics) file for Outlook, Google Calendar and Apple.

`calendar_items` gathers plain `CalendarItem`s from the services; `build_calendar` turns them into the
bytes of the file. Every event is an all-day event with a UID that stays the same from one export to the
next, so importing a newer file updates the events already in the user's calendar instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import icalendar

from tracker.domain import Status
from tracker.domain.formatting import uk_date

PRODID = "-//pcp-tracker//Police and Crime Plan tracker//EN"
DEFAULT_CALENDAR_NAME = "Police and Crime Plan tracker"
CATEGORIES = ("statute", "practice", "meeting", "stage", "follow-up")
UID_DOMAIN = "pcp-tracker"

# for_item's own default limit is 500; a higher one keeps the count growing for a long-lived cycle.
_CHANGE_LIMIT = 1_000_000


@dataclass(frozen=True)
class CalendarItem:
    uid: str
    day: dt.date
    summary: str
    description: str
    category: str  # one of CATEGORIES
    sequence: int
    # "TENTATIVE" for a date projected from one entered for the future, "CONFIRMED" for a firm one; None: unsaid
    status: str | None = None


def build_calendar(
    items: list[CalendarItem],
    *,
    organisation: str,
    alarm_days: int,
    stamp: dt.datetime | None = None,
) -> bytes:
    """The .ics file for `items`: one all-day VEVENT each, with a reminder `alarm_days` before (none at 0).

    `stamp` is the DTSTAMP of every event (default: now, in UTC); give it to get the same bytes twice.
    """
    if alarm_days < 0:
        raise ValueError("alarm_days must be zero or more")
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", organisation.strip() or DEFAULT_CALENDAR_NAME)
    for item in items:
        if item.category not in CATEGORIES:
            raise ValueError(f"unknown category {item.category!r}")
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)  # a date, not a datetime: an all-day event
        event.add("dtend", item.day + dt.timedelta(days=1))
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("categories", [item.category])
        event.add("sequence", item.sequence)
        if item.status is not None:
            event.add("status", item.status)
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        if alarm_days > 0:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", dt.timedelta(days=-alarm_days))
            alarm.add("description", f"In {alarm_days} days: {item.summary}")
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def calendar_items(
    services,
    *,
    cycle_id: str | None = None,
    as_of: dt.date,
    from_date: dt.date | None = None,
    to_date: dt.date | None = None,
) -> list[CalendarItem]:
    """Every dated obligation, meeting and follow-up (of one cycle, or of all), between the dates if given.

    `services` is a tracker.services.factory.Services; only its public methods are used.
    """
    # SEQUENCE must rise whenever an event's date may have moved, or Outlook keeps the old date. The
    # history service has no "change count", so the sequence of a cycle's events is the number of rows in
    # the change log for that cycle: the log is only ever added to, so the count only grows, and every
    # change to a cycle (a trigger date, a stage date, an extension...) raises the sequence of all its
    # events. That over-counts (an event may get a new sequence without moving), which is harmless.
    # An expected (tentative) event becomes firm when its day comes, with no change logged, so the count is
    # doubled and a firm event gets one more: 2n while expected, 2n + 1 once firm. Either way it only rises.
    sequences: dict[str, int] = {}

    def sequence(cycle: str, expected: bool = False) -> int:
        if cycle not in sequences:
            sequences[cycle] = len(services.history.for_item(cycle_id=cycle, limit=_CHANGE_LIMIT))
        return 2 * sequences[cycle] + (0 if expected else 1)

    def wanted(day: dt.date | None) -> bool:
        if day is None:
            return False
        if from_date is not None and day < from_date:
            return False
        return to_date is None or day <= to_date

    items: list[CalendarItem] = []
    for row in services.cycles.deadlines(as_of, cycle_id=cycle_id):
        if not wanted(row.due) or row.status is Status.NOT_APPLICABLE:
            continue  # a step that does not apply gets no event, and no reminder
        lines = [row.working, row.citation, f"Status as of {uk_date(as_of)}: {row.status}"]
        if row.expected:
            lines.insert(0, "Expected: projected from a date that has not happened yet")
        items.append(
            CalendarItem(
                uid=f"{row.cycle_id}.{row.rule_id}@{UID_DOMAIN}",
                day=row.due,
                summary=f"{row.label_expected} ({row.cycle_id})",
                description="\n".join(line for line in lines if line),
                category=str(row.basis),
                sequence=sequence(row.cycle_id, row.expected),
                status="TENTATIVE" if row.expected else "CONFIRMED",
            )
        )

    for meeting in services.meetings.list(cycle_id=cycle_id):
        if not wanted(meeting.date):
            continue
        lines = [meeting.panel]
        if meeting.cycle_id:
            lines.append(f"Cycle: {meeting.cycle_id}")
        if meeting.reference:
            lines.append(f"Reference: {meeting.reference}")
        if meeting.papers_by is not None:
            lines.append(f"Papers to be published by {uk_date(meeting.papers_by)}")
            if meeting.papers_working:
                lines.append(meeting.papers_working)
        items.append(
            CalendarItem(
                uid=f"meeting-{meeting.id}@{UID_DOMAIN}",
                day=meeting.date,
                summary=meeting.title,
                description="\n".join(line for line in lines if line),
                category="meeting",
                sequence=0,  # a meeting's own date is not edited in place; see the note above for cycles
            )
        )

    cycles = [cycle_id] if cycle_id is not None else services.cycles.ids()
    for cycle in cycles:
        for follow_up in services.cycles.detail(cycle, as_of).follow_ups:
            if not wanted(follow_up.due):
                continue
            what = "Ask" if follow_up.kind == "ask" else "Commitment"
            if follow_up.recommendation_number:
                what += f" (recommendation {follow_up.recommendation_number})"
            lines = [follow_up.text]
            if follow_up.met_on is not None:
                lines.append(f"Met on {uk_date(follow_up.met_on)}")
            items.append(
                CalendarItem(
                    uid=f"{cycle}.follow-up-{follow_up.id}@{UID_DOMAIN}",
                    day=follow_up.due,
                    summary=f"Follow-up: {what} ({cycle})",
                    description="\n".join(line for line in lines if line),
                    category="follow-up",
                    sequence=sequence(cycle),
                )
            )

    return sorted(items, key=lambda i: (i.day, i.uid))
