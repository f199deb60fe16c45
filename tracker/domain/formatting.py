"""How dates are written for people: "23 Mar 2022" in tables, "23 March 2022" in prose."""

from __future__ import annotations

import datetime as dt


def uk_date(value: dt.date | None, *, long: bool = False, unknown: str = "unknown") -> str:
    if value is None:
        return unknown
    month = value.strftime("%B" if long else "%b")
    return f"{value.day} {month} {value.year}"


def describe_counts(counts: dict[str, int]) -> str:
    """"12 stages, 1 meeting": each non-zero count with its noun, singular where it is one."""
    parts = []
    for key, n in counts.items():
        if not n:
            continue
        noun = key.replace("_", " ")
        parts.append(f"{n} {noun[:-1] if n == 1 and noun.endswith('s') else noun}")
    return ", ".join(parts)
