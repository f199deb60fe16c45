"""How dates are written for people: "23 Mar 2022" in tables, "23 March 2022" in prose."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from tracker.domain.numbers import natural_key


def uk_date(value: dt.date | None, *, long: bool = False, unknown: str = "unknown") -> str:
    if value is None:
        return unknown
    # English month names whatever the locale (strftime follows it, and is slow when called this often)
    month = (_MONTHS if long else _MONTHS_SHORT)[value.month - 1]
    return f"{value.day} {month} {value.year}"


def uk_date_time(value: dt.datetime, joiner: str = " ") -> str:
    """A moment as the app writes one, on the clock of the UK: "7 Jul 2026 10:05" (or with joiner " at ").
    The store keeps moments in UTC without a zone (a naive value is taken as UTC); a person reading
    "changed at 09:05" in July means British Summer Time."""
    local = (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(_uk_zone())
    return f"{uk_date(local.date())}{joiner}{local:%H:%M}"


@lru_cache(maxsize=1)
def _uk_zone() -> dt.tzinfo:
    # dateutil carries its own copy of the zone rules, so this works where the system has none (Windows)
    from dateutil import tz

    return tz.gettz("Europe/London") or dt.UTC


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTHS_SHORT = tuple(name[:3] for name in _MONTHS)


def describe_document(kind: str, date: dt.date | None, author: str) -> str:
    """How a paper names a document that has no title of its own: "Reply from the Wessex Police and Crime
    Commissioner, 23 March 2022", "Report of the Wessex Police and Crime Panel, 6 March 2022"; never its
    file name."""
    author = author if author.lower().startswith("the ") else f"the {author}"
    what = {"reply": f"Reply from {author}", "committee report": f"Report of {author}"}.get(
        kind, kind[:1].upper() + kind[1:]
    )
    return f"{what}, {uk_date(date, long=True)}" if date else what


def describe_counts(counts: dict[str, int]) -> str:
    """ "12 stages, 1 meeting": each non-zero count with its noun, singular where it is one."""
    parts = []
    for key, n in counts.items():
        if not n:
            continue
        noun = key.replace("_", "-")  # sub_points: "sub-points", follow_ups: "follow-ups"
        parts.append(f"{n} {noun[:-1] if n == 1 and noun.endswith('s') else noun}")
    return ", ".join(parts)


# recommendation numbers in their natural order (2 before 10, "6a" beside 6, 4.1 before 10): the shared key
number_key = natural_key


def answered_out_of_order(passages: list[tuple[str, ...]]) -> dict[str, str]:
    """For replies read in the order they were written, each recommendation answered after a higher-numbered
    one, with that number: in the 2022 reply, 15 came after 16, so {"15": "16"}."""
    result: dict[str, str] = {}
    highest: str | None = None
    for numbers in passages:
        ordered = sorted(numbers, key=natural_key)
        if not ordered:
            continue
        if highest is not None:
            for number in ordered:
                if natural_key(number) < natural_key(highest) and number not in result:
                    result[number] = highest
        if highest is None or natural_key(ordered[-1]) > natural_key(highest):
            highest = ordered[-1]
    return result


@lru_cache(maxsize=1024)  # the same few hundred labels, asked for thousands of times on a large store
def in_sentence(label: str) -> str:
    """A label as it reads inside a sentence: "Final plan issued" → "final plan issued", while names and
    acronyms keep their capitals ("Ordinary PCC election" → "ordinary PCC election", "MOPAC response given"
    stays as it is)."""
    first, _, rest = label.partition(" ")
    if len(first) > 1 and first[1:2].isupper():
        return label  # an acronym or a name written in capitals
    return first[:1].lower() + first[1:] + (" " + rest if rest else "")


def local_day(stored: dt.datetime) -> dt.date:
    """The day, on this computer's clock, of a moment the store keeps in UTC (without a time zone): the as-of
    day is a local day, so an extension made at 00:30 in summer belongs to that day, not the one before."""
    return stored.replace(tzinfo=dt.UTC).astimezone().date()


def plural(n: int, noun: str) -> str:
    """A count with its noun: "1 day", "2 days"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def days_to_go(days_left: int) -> str:
    """An open deadline's distance from the as-of day: "3 days left", "1 day late"."""
    return f"{plural(abs(days_left), 'day')} {'late' if days_left < 0 else 'left'}"


# C0 controls but tab and newline, DEL, and C1 controls: never printed raw nor written into a paper
_CONTROLS = {c: None for c in (*range(0, 9), *range(11, 32), *range(127, 160))}


def without_controls(text: str, keep_lines: bool = True) -> str:
    """The text with control characters (an escape sequence, a vertical tab, a stray byte from a file name)
    shown as \\xNN, so a terminal never acts on them and a Word paper never refuses them. With
    keep_lines=False, tabs and newlines become spaces (a one-line value)."""
    shown = "".join(f"\\x{ord(c):02x}" if ord(c) in _CONTROLS else c for c in text)
    return shown if keep_lines else shown.replace("\t", " ").replace("\n", " ").replace("\r", " ")
