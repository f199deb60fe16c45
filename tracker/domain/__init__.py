"""Plain domain types shared by the rule engine, the store, the services, the reports and the UI."""

from tracker.domain.types import (
    AREAS,
    DISPOSITION_COUNTS,
    DISPOSITIONS,
    NO_REPLY,
    Basis,
    DateKind,
    Disposition,
    EventDate,
    Precision,
    Status,
)

__all__ = [
    "AREAS",
    "DISPOSITIONS",
    "DISPOSITION_COUNTS",
    "NO_REPLY",
    "Basis",
    "DateKind",
    "Disposition",
    "EventDate",
    "Precision",
    "Status",
]
