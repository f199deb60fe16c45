"""Value types of the domain: statuses, kinds of date, and a date that may be known only in part."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

# "london": MOPAC and the London Assembly Police and Crime Committee (PRSRA 2011 ss.6, 32-33).
# "pcc": a police and crime commissioner and its police and crime panel (ss.5, 28-29).
AREAS = ("london", "pcc")


class Basis(StrEnum):
    STATUTE = "statute"
    PRACTICE = "practice"


class DateKind(StrEnum):
    DEADLINE = "deadline"  # a date in law or set by someone with power to set it
    GATE = "gate"  # an ordering: must happen before another event
    TARGET = "target"  # a soft duty ("as soon as practicable"); the user sets the date


class Status(StrEnum):
    NOT_YET_DUE = "not yet due"
    DUE_SOON = "due soon"
    DUE_TODAY = "due today"
    OVERDUE = "overdue"
    MET = "met"
    MET_LATE = "met late"
    EXCEPTION = "exception"  # recorded dates that break the statutory order: flag it, do not accept silently
    # a gap, not a breach: the record shows later stages but not this one, or the date had passed before the
    # cycle was entered in the tracker
    NOT_RECORDED = "not recorded"
    CANNOT_CONFIRM = "cannot confirm"  # recorded, but a date known only in part leaves the order open
    NOT_APPLICABLE = "not applicable"
    UNDATED = "no date set"  # a soft target with no date chosen yet

    @property
    def needs_attention(self) -> bool:
        return self in (
            Status.OVERDUE,
            Status.EXCEPTION,
            Status.DUE_TODAY,
            Status.DUE_SOON,
            Status.NOT_RECORDED,
            Status.CANNOT_CONFIRM,
        )

    @property
    def is_done(self) -> bool:
        return self in (Status.MET, Status.MET_LATE)


class Disposition(StrEnum):
    ACCEPTED = "accepted"
    PARTIALLY_ACCEPTED = "partially accepted"
    NOT_ACCEPTED = "not accepted"
    NOTED = "noted"
    UNCLEAR = "unclear"


# the dispositions in the order every paper, page and count lists them
DISPOSITIONS: tuple[str, ...] = tuple(d.value for d in Disposition)
NO_REPLY = "no reply"
# what the analytics count a recommendation as: a disposition, or no reply (their JSON keys, in this order)
DISPOSITION_COUNTS: tuple[str, ...] = (*DISPOSITIONS, NO_REPLY)
# what an imported document is read for: a committee's recommendations, or the reply to them
REPORT, REPLY = "recommendations", "reply"


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"  # "March 2013": known to the month only
    ON_OR_BEFORE = "on or before"  # known only to have happened by a date (e.g. it was on a later agenda)
    AFTER = "after"  # known only to have come after another event of the cycle


@dataclass(frozen=True)
class EventDate:
    """When something happened, as far as it is known.

    `value` is the day (DAY), any day of the month (MONTH), the latest possible day (ON_OR_BEFORE), or None
    (AFTER, where `after_stage` names the earlier event). Unknown dates stay unknown: nothing here invents one.
    """

    precision: Precision
    value: dt.date | None = None
    after_stage: str | None = None

    @classmethod
    def on(cls, day: dt.date) -> EventDate:
        return cls(Precision.DAY, day)

    def earliest(self, resolve_after: dt.date | None = None) -> dt.date | None:
        if self.precision is Precision.DAY:
            return self.value
        if self.precision is Precision.MONTH and self.value:
            return self.value.replace(day=1)
        if self.precision is Precision.AFTER and resolve_after:
            return resolve_after + dt.timedelta(days=1)
        return None

    def latest(self) -> dt.date | None:
        if self.precision is Precision.DAY or self.precision is Precision.ON_OR_BEFORE:
            return self.value
        if self.precision is Precision.MONTH and self.value:
            last = calendar.monthrange(self.value.year, self.value.month)[1]
            return self.value.replace(day=last)
        return None

    def describe(self, after_label: str | None = None) -> str:
        from tracker.domain.formatting import uk_date

        if self.precision is Precision.DAY and self.value:
            return uk_date(self.value)
        if self.precision is Precision.MONTH and self.value:
            return self.value.strftime("%B %Y") + " (day not known)"
        if self.precision is Precision.ON_OR_BEFORE and self.value:
            return f"on or before {uk_date(self.value)} (exact day not known)"
        if self.precision is Precision.AFTER:
            return f"after {after_label or self.after_stage} (exact date not known)"
        return "unknown"
