"""Calendar arithmetic for statutory periods, with the meanings the app gives to the Act's words.

- "by D": on or before D; the duty may be done on D itself.
- "before D" / "before X happens": strictly earlier. For an ordering gate between two events recorded only
  to the day, the same day is accepted but noted, because the order within a day is not recorded.
- "within N days/weeks beginning with D": D is day 1, so three weeks end on D + 20 days.
- "within N days of D" (without "beginning with"): D is not counted; the period ends on D + N.
- "within N working days of D": D is not counted, nor are Saturdays, Sundays and England and Wales bank
  holidays (a substitute weekday counts as the holiday).
- Calendar periods in the Act and in SI 2012/2271 never move off a weekend or bank holiday: the app only
  warns that the last day is not a working day.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache

from tracker.domain.formatting import uk_date

ONE_DAY = dt.timedelta(days=1)
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}


CACHED_YEARS = range(1990, 2051)


@lru_cache(maxsize=1)
def _holiday_table() -> dict[dt.date, str]:
    """England and Wales bank holidays from the holidays package, weekday substitutes included.

    The package lists a holiday that falls at a weekend and also its "observed" weekday; the weekday is the
    day off (the weekend day is not a working day anyway), so only weekdays are kept. Importing the package
    costs about 0.1 s, so the table is memoised in the data folder, keyed by the package's version: the
    package stays the source of truth, and a new version rebuilds the table.
    """
    cache = _cache_path()
    if cache is not None and cache.exists():
        try:
            raw = json.loads(cache.read_text(encoding="utf-8"))
            return {dt.date.fromisoformat(day): name for day, name in raw.items()}
        except (OSError, ValueError):
            pass  # a damaged cache is rebuilt below
    table = _from_package(CACHED_YEARS)
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            temporary = cache.with_suffix(".tmp")
            temporary.write_text(json.dumps({d.isoformat(): n for d, n in table.items()}), encoding="utf-8")
            temporary.replace(cache)
        except OSError:
            pass  # a read-only data folder only costs speed
    return table


def _from_package(years: range | int) -> dict[dt.date, str]:
    import holidays

    calendar = holidays.country_holidays("GB", subdiv="ENG", years=years)
    return {day: name for day, name in calendar.items() if day.weekday() < 5}


def _cache_path():
    try:
        from importlib.util import find_spec
        from pathlib import Path

        from tracker.paths import data_dir

        # the dist-info folder names the installed version; cheaper than parsing its METADATA file
        package = Path(find_spec("holidays").origin).parent
        (info,) = package.parent.glob("holidays-*.dist-info")
        return data_dir() / "cache" / f"bank-holidays-eng-{info.name.removesuffix('.dist-info')}.json"
    except Exception:  # no data folder or no package metadata: work without the cache
        return None


@lru_cache(maxsize=8)
def _bank_holidays(year: int) -> dict[dt.date, str]:
    if year in CACHED_YEARS:
        return {day: name for day, name in _holiday_table().items() if day.year == year}
    return _from_package(year)


def non_working_reason(day: dt.date) -> str | None:
    if day.weekday() >= 5:
        return _WEEKDAY_NAMES[day.weekday()]
    name = _bank_holidays(day.year).get(day)
    if name is None:
        return None
    name = name.replace("(observed)", "substitute day").replace("(Observed)", "substitute day")
    if "substitute day" in name:
        name = name.replace(" substitute day", ", substitute day")
    return f"bank holiday ({name.strip()})"


def is_working_day(day: dt.date) -> bool:
    return non_working_reason(day) is None


def add_calendar_days(start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=days)


def add_weeks(start: dt.date, weeks: int) -> dt.date:
    return start + dt.timedelta(weeks=weeks)


def add_months(start: dt.date, months: int) -> dt.date:
    """Calendar months; a day past the end of the target month becomes its last day (31 Jan + 1 = 28/29 Feb)."""
    from dateutil.relativedelta import relativedelta  # deferred: few rules use months

    return start + relativedelta(months=months)


@dataclass(frozen=True)
class PeriodEnd:
    last_day: dt.date
    working: str
    excluded_days: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)


def _length_words(days: int, weeks: int) -> str:
    parts = []
    if weeks:
        parts.append(f"{_NUMBER_WORDS.get(weeks, str(weeks))} week{'s' if weeks != 1 else ''}")
    if days:
        parts.append(f"{_NUMBER_WORDS.get(days, str(days))} day{'s' if days != 1 else ''}")
    return " and ".join(parts) or "zero days"


def period_beginning_with(
    start: dt.date,
    *,
    days: int = 0,
    weeks: int = 0,
    ignored: tuple[tuple[dt.date, dt.date], ...] = (),
) -> PeriodEnd:
    """Last day of a period of N days/weeks beginning with `start` (day 1), with ignored days not counted.

    `ignored` holds inclusive ranges (a post-election period: the poll to the declaration of acceptance of
    office) whose days do not count: the clock stops over them, so each overlapping day moves the end by one.
    """
    length = days + 7 * weeks
    if length <= 0:
        raise ValueError("a period must be at least one day long")
    for first, last in ignored:
        if last < first:
            raise ValueError(f"ignored range ends ({last}) before it starts ({first})")
    words = _length_words(days, weeks)
    if not ignored:
        end = start + dt.timedelta(days=length - 1)
        return PeriodEnd(end, f"{words} beginning with {uk_date(start)} (day 1) ends {uk_date(end)}")

    def is_ignored(day: dt.date) -> bool:
        return any(first <= day <= last for first, last in ignored)

    counted = 0
    day = start - ONE_DAY
    skipped = 0
    while counted < length:
        day += ONE_DAY
        if is_ignored(day):
            skipped += 1
        else:
            counted += 1
    plain_end = start + dt.timedelta(days=length - 1)
    working = f"{words} beginning with {uk_date(start)} (day 1)"
    notes: list[str] = []
    if skipped:
        for first, last in ignored:
            overlap_first, overlap_last = max(first, start), min(last, day)
            if overlap_first <= overlap_last:
                n = (overlap_last - overlap_first).days + 1
                notes.append(
                    f"post-election period {uk_date(first)} to {uk_date(last)} not counted "
                    f"({n} day{'s' if n != 1 else ''} in the period)"
                )
        working += f", with {skipped} day{'s' if skipped != 1 else ''} not counted, ends {uk_date(day)}"
        notes.append(f"without them it would have ended {uk_date(plain_end)}")
    else:
        working += f" ends {uk_date(day)}"
    return PeriodEnd(day, working, skipped, tuple(notes))


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The Nth working day after `start` (start itself not counted); negative N counts backwards."""
    step = ONE_DAY if n >= 0 else -ONE_DAY
    remaining = abs(n)
    day = start
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days d with start < d <= end (negative when end is before start)."""
    if end == start:
        return 0
    sign = 1 if end > start else -1
    low, high = (start, end) if sign > 0 else (end, start)
    count = 0
    day = low + ONE_DAY
    while day <= high:
        if is_working_day(day):
            count += 1
        day += ONE_DAY
    return sign * count


@dataclass(frozen=True)
class ClearDaysRule:
    """How "N clear days before a meeting" is counted. Open in law, so a visible setting.

    Neither the day of publication nor the meeting day counts. With exclude_non_working (the default),
    weekends and bank holidays are not clear days either, and papers go out on a working day.
    """

    days: int = 5
    exclude_non_working: bool = True
    # "at least two weeks' notice" of a London summons (GLA Act 1999 s.62(5)): True reads it as clear days
    # (neither the day of sending nor the day of attendance counts); False counts the day of sending
    summons_clear_days: bool = True


def latest_publication_day(meeting: dt.date, rule: ClearDaysRule = ClearDaysRule()) -> PeriodEnd:
    if rule.exclude_non_working:
        # N working days strictly between publication and meeting, then publish on the working day before them
        clear_start = add_working_days(meeting, -rule.days)
        last = add_working_days(clear_start, -1)
        how = "working days (weekends and bank holidays not counted)"
    else:
        last = meeting - dt.timedelta(days=rule.days + 1)
        how = "calendar days"
    words = _NUMBER_WORDS.get(rule.days, str(rule.days))
    working = (
        f"{words} clear {how} before the meeting on {uk_date(meeting)}, neither the day of publication nor "
        f"the meeting day counted: publish by {uk_date(last)}"
    )
    return PeriodEnd(last, working)


def financial_year_end(day: dt.date) -> dt.date:
    """31 March that ends the financial year (1 April to 31 March) containing `day`."""
    return dt.date(day.year if day.month <= 3 else day.year + 1, 3, 31)


def financial_year_start(day: dt.date) -> dt.date:
    return dt.date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def fixed_date_before(year_start: dt.date, month: int, day: int) -> dt.date:
    """A fixed day in the financial year before the one starting on `year_start` (which must be a 1 April).

    SI 2012/2271 dates ("by 1st February of the relevant financial year") fall in the year before the
    precept year, so for a precept for 2026/27 they are in February and March 2026.
    """
    if (year_start.month, year_start.day) != (4, 1):
        raise ValueError(f"{year_start} is not the first day of a financial year (1 April)")
    candidate = dt.date(year_start.year if month <= 3 else year_start.year - 1, month, day)
    return candidate


def weekend_or_holiday_warning(day: dt.date) -> str | None:
    reason = non_working_reason(day)
    if reason is None:
        return None
    article = "an" if reason[0].lower() in "aeiou" else "a"
    if reason.startswith("bank holiday"):
        return f"falls on a {reason}"
    return f"falls on {article} {reason}"
