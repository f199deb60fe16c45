"""What each page of the app reads, through the same services the pages call, and how many SQL statements
that takes. Shared by the statement-count test and the network benchmark."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import event

AS_OF = dt.date(2024, 2, 1)


def dashboard(services) -> object:
    """ui/dashboard.py: the overview, the coming meetings and whether there is any body at all (its
    follow-ups line, read apart, is left out here)."""
    return services.dashboard.read(AS_OF, AS_OF + dt.timedelta(days=60))


def cycle_page(services, cycle_id: str | None = None) -> object:
    """ui/cycle_page.py: the chooser, one cycle's detail and its history (the latest cycle when none is
    given, as the page first opens)."""
    return services.cycles.page(cycle_id, AS_OF)


def register(services) -> object:
    """ui/recommendations_page.py: every recommendation of every cycle, then the first one's replies and
    their history (the panel beside the table), whatever the number of replies."""
    cycles = services.cycles.titles()
    rows = services.recommendations.register(None, as_of=AS_OF)
    replies = services.recommendations.replies_for(rows[0].id) if rows else []
    ids = [str(r.id) for r in replies]
    history = services.history.for_item(entity="reply", entity_id=ids) if ids else []
    return cycles, rows, replies, history


VIEWS: dict[str, Callable[[object], object]] = {
    "dashboard": dashboard,
    "cycle page": cycle_page,
    "register": register,
}


@contextmanager
def counting(engine) -> Iterator[list[str]]:
    """The SQL statements sent through `engine` while the block runs."""
    sent: list[str] = []

    def count(_conn, _cursor, statement, _parameters, _context, _executemany) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", count)


def statements(services, view: Callable[[object], object]) -> int:
    """How many statements one showing of the view sends to the store: its selects (SQLite's BEGIN, which a
    read on PostgreSQL does not send, is left out so that both stores count alike)."""
    with counting(services.uow.engine) as sent:
        view(services)
    return sum(1 for statement in sent if statement.strip().upper() != "BEGIN")
