"""Engine and unit of work. One unit of work is one user action: it commits whole or not at all."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import URL, Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError

from tracker.errors import BadInput, Conflict, TrackerError
from tracker.persistence.urls import display_url

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def sqlite_path(url: str | URL) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    database = parsed.database
    if database.startswith(
        "file:"
    ):  # an SQLite URI filename: sqlite:///file:/path/tracker.db?mode=ro&uri=true
        database = database[len("file:") :]
    return Path(database)


# Each backend the app supports, with the drivers it accepts in the URL ("" for none named).
SUPPORTED = {"sqlite": ("", "pysqlite"), "postgresql": ("", "psycopg", "psycopg2")}
URL_FIELD = "database URL"


def store_url(url: str) -> URL:
    """The store URL, parsed and checked: a URL the app cannot use is refused with one line that never shows
    its password. `postgres://` is taken as PostgreSQL; an in-memory SQLite store, which keeps nothing, is
    refused; `?mode=ro&uri=true` on a plain path becomes the SQLite URI the driver needs."""
    text = str(url)
    shown = display_url(text)
    if text != text.strip():
        raise BadInput(URL_FIELD, shown, "starts or ends with a space: remove it")
    if "://" not in text:
        raise BadInput(
            URL_FIELD,
            shown,
            "has no scheme: write sqlite:///path/to/tracker.db or postgresql://user@host/database",
        )
    try:
        parsed = make_url(text)
    except (ArgumentError, ValueError):
        raise BadInput(
            URL_FIELD,
            shown,
            "cannot be read as a database URL (is the port a number, and is an [IPv6] address closed?)",
        ) from None
    backend, _, driver = parsed.drivername.partition("+")
    backend = "postgresql" if backend == "postgres" else backend
    if backend not in SUPPORTED:
        raise BadInput(
            URL_FIELD, shown, "names a database the app does not support (use sqlite or postgresql)"
        )
    if driver not in SUPPORTED[backend]:
        raise BadInput(
            URL_FIELD, shown, f"names the driver {driver!r}, which the app does not use: write {backend}://…"
        )
    if backend == "postgresql":
        return parsed.set(drivername="postgresql+psycopg")  # psycopg 3 is the driver we ship
    parsed = parsed.set(drivername="sqlite")
    database = parsed.database or ""
    if (
        database in ("", ":memory:")
        or database.startswith("file::memory:")
        or parsed.query.get("mode") == "memory"
    ):
        raise BadInput(
            URL_FIELD, shown, "is an in-memory store, which keeps nothing once the command ends: name a file"
        )
    if parsed.query.get("uri") == "true" and not database.startswith("file:"):
        parsed = parsed.set(database=f"file:{database}")
    return parsed


def read_only(parsed: URL) -> bool:
    return parsed.get_backend_name() == "sqlite" and (
        parsed.query.get("mode") == "ro" or parsed.query.get("immutable") == "1"
    )


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
    parsed = store_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(parsed)
        if path is not None:
            check_sqlite_file(path, create=create and not read_only(parsed))
        engine = create_engine(parsed, connect_args={"check_same_thread": False, "timeout": waits().lock})
        from tracker.persistence.shared_folders import journal_mode

        mode = None if read_only(parsed) else journal_mode(path)
        event.listen(engine, "connect", lambda connection, record: _sqlite_pragmas(connection, record, mode))
        # the driver's own transaction handling commits before DDL; this makes every transaction, a
        # migration's included, one real SQLite transaction that a failure or a kill leaves undone
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    limits = waits()
    connect_args = {} if "connect_timeout" in parsed.query else {"connect_timeout": limits.connect}
    engine = create_engine(parsed, connect_args=connect_args)
    event.listen(engine, "connect", lambda connection, record: _postgres_limits(connection, limits))
    event.listen(engine, "checkin", _note_checkin)
    event.listen(engine, "checkout", _ping_if_idle)
    return engine


# A connection back from the pool is pinged (one round trip to the server) only when it has lain idle this
# long: a server restarted or a network dropped while the app sat unused is found then, and a page that
# reads through several services does not pay a round trip per service on a slow network.
IDLE_BEFORE_PING = 30.0


def _note_checkin(_dbapi_connection, record) -> None:
    record.info["returned_at"] = time.monotonic()


def _ping_if_idle(dbapi_connection, record, _proxy) -> None:
    from sqlalchemy.exc import DisconnectionError

    returned = record.info.get("returned_at")
    if returned is None or time.monotonic() - returned < IDLE_BEFORE_PING:
        return
    try:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        dbapi_connection.rollback()
    except Exception as exc:  # a dead connection: the pool drops it and opens another
        raise DisconnectionError(str(exc)) from exc


@dataclass(frozen=True)
class Waits:
    """How long, in seconds, one action waits before it is refused as "busy" (see README, team section)."""

    lock: float = 5.0  # for a row or table another officer holds (PostgreSQL), or the SQLite file lock
    statement: float = 30.0  # for any one statement on PostgreSQL
    connect: int = 10  # for the PostgreSQL server to answer at all


def waits() -> Waits:
    """TRACKER_LOCK_TIMEOUT and TRACKER_STATEMENT_TIMEOUT (seconds) when set; else `lock_timeout` and
    `statement_timeout` in the machine-wide pcp-tracker.toml (tracker.config); else the defaults."""
    from tracker.config import site_config

    site = site_config()
    found = {}
    for name, key, configured in (
        ("TRACKER_LOCK_TIMEOUT", "lock", site.lock_timeout),
        ("TRACKER_STATEMENT_TIMEOUT", "statement", site.statement_timeout),
    ):
        value = os.environ.get(name)
        if value is None:
            if configured is not None:
                found[key] = configured
            continue
        try:
            seconds = float(value)
        except ValueError:
            seconds = -1.0
        if not 0 < seconds <= 3600:
            raise BadInput(name, value, "must be a number of seconds from more than 0 to 3600")
        found[key] = seconds
    return Waits(**found)


def _postgres_limits(dbapi_connection, limits: Waits) -> None:
    """Bound every wait on the server: a lock held by another session, and any one statement."""
    with dbapi_connection.cursor() as cursor:
        cursor.execute(f"SET lock_timeout = {int(limits.lock * 1000)}")
        cursor.execute(f"SET statement_timeout = {int(limits.statement * 1000)}")
    dbapi_connection.commit()  # a SET inside a transaction that is rolled back would be undone


def _sqlite_pragmas(dbapi_connection, _record, journal: str | None = "WAL") -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event emits BEGIN itself
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    if journal is not None:  # None: a read-only store, whose journal is left as it is
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

            # a unit of work writes: on SQLite it takes the write lock when it begins (BEGIN IMMEDIATE), so
            # writers queue within the busy timeout instead of failing when a read turns into a write
            sessions = sessionmaker(self.engine.execution_options(writes=True), expire_on_commit=False)
            event.listen(sessions, "before_flush", _check_lengths)
            self._sessions = sessions
        return self._sessions

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """Plain selects; nothing is written. On SQLite one transaction (a consistent view across them). On
        PostgreSQL without a BEGIN and a COMMIT of their own (two round trips fewer on a slow network): the
        selects a page sends together with `fetch_together` share one snapshot; a select sent alone sees what
        was committed when it began."""
        try:
            with self.engine.connect() as connection:
                if connection.dialect.name == "postgresql":
                    connection.execution_options(isolation_level="AUTOCOMMIT")
                with connection.begin():
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


def fetch_together(connection: Connection, queries: Sequence) -> list[list]:
    """The rows of several selects that do not depend on each other. On PostgreSQL they go to the server
    together (psycopg's pipeline mode): one round trip for all of them instead of one each, which is what a
    page costs on a slow network. Elsewhere they run one after another. Rows are read by attribute, by
    unpacking or with `_asdict()`, as SQLAlchemy's own rows are."""
    driver = connection.connection.driver_connection
    pipeline = getattr(driver, "pipeline", None)
    if connection.dialect.driver != "psycopg" or pipeline is None or len(queries) < 2:
        return [connection.execute(query).all() for query in queries]
    from psycopg import Error
    from psycopg.rows import namedtuple_row
    from sqlalchemy.exc import DBAPIError

    compiled = [
        q.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True}) for q in queries
    ]
    sent: list = []
    statement, parameters = "", {}
    try:
        with pipeline():
            # one snapshot for all of them, at no extra round trip: the transaction opens and closes inside
            # the same batch (the read itself runs without one, see UnitOfWork.read)
            driver.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            for each in compiled:
                statement, parameters = str(each), each.params
                cursor = driver.cursor(row_factory=namedtuple_row)
                for listener in connection.dispatch.before_cursor_execute:  # what SQLAlchemy would show
                    listener(connection, cursor, statement, parameters, None, False)
                cursor.execute(statement, parameters)
                sent.append(cursor)
            driver.execute("COMMIT")
        return [cursor.fetchall() for cursor in sent]
    except Error as exc:
        _end_transaction(driver)
        raise DBAPIError.instance(statement, parameters, exc, Error) from exc
    finally:
        for cursor in sent:
            cursor.close()


def _end_transaction(driver) -> None:
    """After a failed batch: leave the connection out of the aborted transaction, for the next read."""
    from contextlib import suppress

    from psycopg import Error
    from psycopg.pq import TransactionStatus

    if driver.info.transaction_status != TransactionStatus.IDLE:
        with suppress(Error):  # if the connection is broken, the pool's ping replaces it
            driver.execute("ROLLBACK")


# PostgreSQL's lock_timeout and statement_timeout, a serialisation failure and a deadlock
_BUSY_STATES = {"55P03", "57014", "40001", "40P01"}


def _raise_if_busy(exc: OperationalError) -> None:
    original = getattr(exc, "orig", exc)
    reason = str(original).lower()
    state = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    if state in _BUSY_STATES or "database is locked" in reason or "busy" in reason:
        raise Conflict(
            f"the store is busy: someone else is saving to it right now (waited {waits().lock:g} s); "
            "nothing was saved, try again"
        ) from None
    if "readonly database" in reason or "read-only" in reason:
        raise TrackerError("the store is open read-only (mode=ro): nothing was saved") from None


UnitOfWorkFactory = Callable[[], "contextmanager[Session]"]


def _sqlite_begin(connection) -> None:
    writes = connection.get_execution_options().get("writes", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")
