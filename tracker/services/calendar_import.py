"""Meetings from a calendar file: an iCalendar (.ics) export from Outlook or a committee system, where each
event (VEVENT) is a meeting of one panel.

Each event is known by its UID (with its RECURRENCE-ID, for one changed date of a series). UIDs run to any
length (Outlook's are over a hundred characters), so the meeting's `reference` (100 characters) holds
"ics:" and the SHA-1 of the UID instead: the same UID always gives the same key, so importing the file again
adds nothing, and a meeting whose date moved in the calendar is moved in the store, with the change logged.
An event with STATUS:CANCELLED marks a meeting already imported as cancelled (its title begins "Cancelled:")
and is not added when it is new. The whole file is read and checked before anything is written, and the
changes are made in one transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field

from sqlalchemy import select

from tracker.domain.formatting import uk_date
from tracker.errors import BadInput
from tracker.persistence import models as m
from tracker.persistence.database import UnitOfWork
from tracker.services.history import record_change
from tracker.services.meetings import panel_of

KEY_PREFIX = "ics:"
CANCELLED = "Cancelled: "
MAX_BYTES = 20 * 1024 * 1024  # a year of meetings is a few kilobytes
MAX_TITLE = 300
LOCAL_ZONE = "Europe/London"


@dataclass(frozen=True)
class CalendarEvent:
    key: str  # "ics:" + SHA-1 of the UID (and RECURRENCE-ID)
    day: dt.date
    title: str
    cancelled: bool
    sequence: int = 0


@dataclass
class ImportResult:
    events: int = 0
    added: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)  # meetings in the store now marked cancelled
    cancelled_not_added: list[str] = field(default_factory=list)
    unchanged: int = 0
    left_out: list[str] = field(default_factory=list)  # events left out, and why
    stages_planned: list[str] = field(default_factory=list)  # stage dates moved with a meeting

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)

    def summary(self) -> str:
        parts = [
            f"{len(self.added)} added",
            f"{len(self.moved)} moved",
            f"{len(self.cancelled)} marked cancelled",
            f"{self.unchanged} unchanged",
        ]
        if self.renamed:
            parts.insert(2, f"{len(self.renamed)} renamed")
        if self.cancelled_not_added:
            parts.append(f"{len(self.cancelled_not_added)} cancelled in the calendar and not added")
        if self.left_out:
            parts.append(f"{len(self.left_out)} left out")
        return f"{self.events} event{'' if self.events == 1 else 's'}: " + ", ".join(parts)


def event_key(uid: str, recurrence: str | None = None) -> str:
    text = uid if recurrence is None else f"{uid}\n{recurrence}"
    return KEY_PREFIX + hashlib.sha1(text.encode("utf-8")).hexdigest()


def _local_day(value) -> dt.date:
    """The day an event starts on in the UK: a date as it is, a time with a zone converted to UK time first."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            try:
                from zoneinfo import ZoneInfo

                value = value.astimezone(ZoneInfo(LOCAL_ZONE))
            except Exception:  # no time zone database: the day as written
                pass
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise ValueError("not a date")


def _title(text: str) -> str:
    title = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split()) or "Meeting"
    if title.startswith(CANCELLED):
        title = title[len(CANCELLED) :] or "Meeting"
    limit = MAX_TITLE - len(CANCELLED)
    return title if len(title) <= limit else title[: limit - 1] + "…"


def read_calendar(data: bytes, name: str) -> tuple[list[CalendarEvent], list[str]]:
    """The events of an iCalendar file, and a note for each event left out. A file that is not one (empty,
    binary, not iCalendar, without events) is a BadInput naming it: one line, nothing written."""
    field_name = "file"
    if len(data) > MAX_BYTES:
        raise BadInput(
            field_name, name, f"is larger than {MAX_BYTES // (1024 * 1024)} MB: not a calendar of meetings"
        )
    if not data.strip():
        raise BadInput(field_name, name, "is empty: there are no meetings in it")
    if b"\0" in data[:65536]:
        raise BadInput(field_name, name, "is a binary file, not an iCalendar (.ics) file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # an older export in the Windows code page
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise BadInput(field_name, name, "is not an iCalendar (.ics) file: it does not begin BEGIN:VCALENDAR")
    import icalendar

    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        detail = " ".join(str(exc).split())[:120]
        raise BadInput(field_name, name, f"cannot be read as iCalendar ({detail})") from None
    for (
        calendar
    ) in calendars:  # the parser is lenient: a line it could not make sense of is noted, not raised
        for component in calendar.walk():
            broken = [message for prop, message in getattr(component, "errors", ()) if prop is None]
            if broken:
                detail = " ".join(str(broken[0]).split())[:120]
                raise BadInput(field_name, name, f"cannot be read as iCalendar ({detail})")
    components = [event for calendar in calendars for event in calendar.walk("VEVENT")]
    if not components:
        raise BadInput(field_name, name, "has no events (VEVENT) in it: there are no meetings to import")
    events: dict[str, CalendarEvent] = {}
    notes: list[str] = []
    for component in components:
        summary = str(component.get("SUMMARY", "") or "")
        shown = _title(summary)
        uid = str(component.get("UID", "") or "").strip()
        if not uid:
            notes.append(f"{shown}: it has no UID, so a later import could not find it again")
            continue
        if component.get("RRULE") is not None:
            notes.append(f"{shown}: a repeating series; export the meetings as single events")
            continue
        try:
            day = _local_day(component.decoded("DTSTART"))
        except (KeyError, ValueError, TypeError):
            notes.append(f"{shown}: it has no start date that can be read")
            continue
        recurrence = component.get("RECURRENCE-ID")
        recurrence_text = None
        if recurrence is not None:
            try:
                recurrence_text = component.decoded("RECURRENCE-ID").isoformat()
            except (ValueError, TypeError, AttributeError):
                recurrence_text = str(recurrence.to_ical(), "utf-8", "replace")
        try:
            sequence = int(component.get("SEQUENCE", 0))
        except (TypeError, ValueError):
            sequence = 0
        status = str(component.get("STATUS", "") or "").strip().upper()
        event = CalendarEvent(event_key(uid, recurrence_text), day, shown, status == "CANCELLED", sequence)
        earlier = events.get(event.key)
        if earlier is None or event.sequence >= earlier.sequence:  # the latest version of an event wins
            events[event.key] = event
    return sorted(events.values(), key=lambda e: (e.day, e.title)), notes


class CalendarImport:
    def __init__(self, uow: UnitOfWork, user: str, meetings) -> None:
        self.uow = uow
        self.user = user
        self.meetings = meetings  # the MeetingService: re-plans a cycle's stage when its meeting moves

    def run(self, body_id: str, data: bytes, name: str) -> ImportResult:
        events, notes = read_calendar(data, name)
        result = ImportResult(events=len(events) + len(notes), left_out=notes)
        with self.uow() as session:
            panel_id = panel_of(session, body_id)
            stored = {
                meeting.reference: meeting
                for meeting in session.scalars(
                    select(m.Meeting).where(
                        m.Meeting.scrutiny_body_id == panel_id, m.Meeting.reference.like(KEY_PREFIX + "%")
                    )
                )
            }
            for event in events:
                self._one(session, panel_id, event, stored.get(event.key), result)
            session.flush()
        return result

    def _one(self, session, panel_id: str, event: CalendarEvent, meeting, result: ImportResult) -> None:
        wanted_title = (CANCELLED if event.cancelled else "") + event.title
        if meeting is None:
            if event.cancelled:
                result.cancelled_not_added.append(f"{uk_date(event.day)}: {event.title}")
                return
            meeting = m.Meeting(
                scrutiny_body_id=panel_id, date=event.day, title=wanted_title, reference=event.key
            )
            session.add(meeting)
            session.flush()
            record_change(
                session, self.user, None, "meeting", str(meeting.id), "created", None,
                f"{uk_date(event.day)}: {event.title} (from a calendar file)",
            )  # fmt: skip
            result.added.append(f"{uk_date(event.day)}: {event.title}")
            return
        changed = False
        if meeting.date != event.day:
            old = meeting.date
            meeting.date = event.day
            record_change(
                session, self.user, meeting.cycle_id, "meeting", str(meeting.id), "date", uk_date(old), uk_date(event.day)
            )  # fmt: skip
            result.moved.append(f"{event.title}: from {uk_date(old)} to {uk_date(event.day)}")
            if meeting.cycle_id is not None:
                cycle = session.get(m.Cycle, meeting.cycle_id)
                if cycle is not None:
                    result.stages_planned.extend(self.meetings._plan_stage(session, cycle, event.day))
            changed = True
        if meeting.title != wanted_title:
            was_cancelled = meeting.title.startswith(CANCELLED)
            record_change(
                session, self.user, meeting.cycle_id, "meeting", str(meeting.id), "title", meeting.title, wanted_title
            )  # fmt: skip
            if event.cancelled and not was_cancelled:
                result.cancelled.append(f"{uk_date(event.day)}: {event.title}")
            elif meeting.title.removeprefix(CANCELLED) != event.title or was_cancelled != event.cancelled:
                result.renamed.append(f"{meeting.title} → {wanted_title}")
            meeting.title = wanted_title
            changed = True
        if not changed:
            result.unchanged += 1
