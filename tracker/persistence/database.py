"""Engine and unit of work. One unit of work is one user action: it commits whole or not at all."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError

from tracker.errors import BadInput, Conflict

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


SQLITE_HEADER = b"SQLite format 3\x00"


def check_sqlite_file(path: Path, *, create: bool) -> None:
    """Refuse, with the reason, a store path that cannot be a tracker store: a folder, a file of another
    kind, a link that loops, a path that does not exist when the command only reads."""
    field = "--db"
    try:
        if path.is_dir():
            raise BadInput(field, str(path), "is a folder, not a store file")
        if os.path.lexists(path) and not path.exists():
            raise BadInput(field, str(path), "cannot be opened: it is a link that leads nowhere or loops")
        if path.exists():
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
            if header and header != SQLITE_HEADER:
                raise BadInput(field, str(path), "is not a tracker store (it is not an SQLite database file)")
            if header and _foreign_tables(path):
                raise BadInput(
                    field,
                    str(path),
                    "belongs to another program (it has tables but is not a tracker store); nothing was changed",
                )
            return
        if not create:
            raise BadInput(field, str(path), "does not exist: create the store with tracker init (or ./run)")
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise BadInput(field, str(path), f"cannot be opened: {reason.lower()}") from None


def _foreign_tables(path: Path) -> bool:
    """Whether an SQLite file holds tables but no tracker schema. Read-only: opening it with the store's
    own settings would already change its header (write-ahead logging)."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            connection.close()
    except sqlite3.Error:
        return False  # unreadable here: the engine will say why
    names = {n for n in names if not n.startswith("sqlite_")}
    return bool(names) and "alembic_version" not in names


def make_engine(url: str, *, create: bool = True) -> Engine:
    try:
        parsed = make_url(url)
    except Exception as exc:  # SQLAlchemy raises ArgumentError with a terse message
        raise BadInput(
            "database URL", url, "is not a SQLAlchemy URL (sqlite:///path/file.db or postgresql://…)"
        ) from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            check_sqlite_file(path, create=create)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15})
        from tracker.persistence.shared_folders import journal_mode

        mode = journal_mode(path)
        event.listen(engine, "connect", lambda connection, record: _sqlite_pragmas(connection, record, mode))
        # the driver's own transaction handling commits before DDL; this makes every transaction, a
        # migration's included, one real SQLite transaction that a failure or a kill leaves undone
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if backend == "postgresql":
        if parsed.drivername == "postgresql":  # psycopg 3 is the driver we ship
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True)
    raise BadInput(
        "database URL", url, "names a database the app does not support (use sqlite or postgresql)"
    )


def _sqlite_pragmas(dbapi_connection, _record, journal: str = "WAL") -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event emits BEGIN itself
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA journal_mode={journal}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _check_lengths(session: Session, _context, _instances) -> None:
    """Refuse text longer than its column before it is written, on SQLite (which would keep it) and on
    PostgreSQL (which would fail with a database error) alike; and keep NUL bytes out of every text."""
    from sqlalchemy import String, Text, inspect

    for row in (*session.new, *session.dirty):
        mapper = inspect(row).mapper
        for column in mapper.columns:
            if not isinstance(column.type, String | Text):
                continue
            value = getattr(row, mapper.get_property_by_column(column).key, None)
            if not isinstance(value, str):
                continue
            if "\x00" in value:
                raise BadInput(
                    column.name.replace("_", " "), value.replace("\x00", ""), "contains a NUL character"
                )
            limit = getattr(column.type, "length", None)
            if limit and len(value) > limit:
                raise BadInput(
                    column.name.replace("_", " "), value, f"is longer than {limit} characters ({len(value)})"
                )


class UnitOfWork:
    """Hands out a session for one action; commits on success, rolls back on any exception.

    `read()` hands out a plain connection for views that only select: they never import the ORM, so the
    dashboard and `tracker deadlines` start without declaring or configuring a mapped class."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = None

    def _session_factory(self):
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            sessions = sessionmaker(self.engine, expire_on_commit=False)
            event.listen(sessions, "before_flush", _check_lengths)
            self._sessions = sessions
        return self._sessions

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """One transaction of plain selects (a consistent view across them); nothing is written."""
        try:
            with self.engine.connect() as connection, connection.begin():
                yield connection
        except OperationalError as exc:
            _raise_if_busy(exc)
            raise

    @contextmanager
    def __call__(self) -> Iterator[Session]:
        from sqlalchemy.orm.exc import StaleDataError

        session = self._session_factory()()
        try:
            yield session
            session.commit()
        except StaleDataError:
            session.rollback()
            raise Conflict(
                "someone else changed this record while you were working on it; nothing was saved. "
                "Reload it and make the change again"
            ) from None
        except IntegrityError:
            session.rollback()
            raise Conflict(
                "someone else saved the same thing at the same moment (for example the same document imported "
                "twice at once); nothing was saved, look again and retry if it is still needed"
            ) from None
        except OperationalError as exc:
            session.rollback()
            _raise_if_busy(exc)
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()


def _raise_if_busy(exc: OperationalError) -> None:
    reason = str(getattr(exc, "orig", exc)).lower()
    if "locked" in reason or "busy" in reason:  # another writer holds the SQLite file
        raise Conflict(
            "the store is busy: someone else is saving to it right now; nothing was saved, try again"
        ) from None


UnitOfWorkFactory = Callable[[], "contextmanager[Session]"]


def _sqlite_begin(connection) -> None:
    connection.exec_driver_sql("BEGIN")
