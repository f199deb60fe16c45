"""Plain domain types shared by the rule engine, the store, the services, the reports and the UI."""

from tracker.domain.types import (
    AREAS,
    Basis,
    DateKind,
    Disposition,
    EventDate,
    Precision,
    Status,
)

__all__ = ["AREAS", "Basis", "DateKind", "Disposition", "EventDate", "Precision", "Status"]
