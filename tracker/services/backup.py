"""Backing up a store while others keep working, and restoring a backup into an empty store.

A backup is always one SQLite file, whatever the store: SQLite's own online backup for an SQLite store, and
for a PostgreSQL store a copy of every table, read in one transaction (a consistent snapshot), into a new
SQLite file with the same schema. Either can be restored into an empty store of either kind, history
included."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, func, insert, select, text

from tracker.errors import BadInput
from tracker.persistence import tables
from tracker.persistence.database import UnitOfWork, sqlite_path
from tracker.persistence.migrate import HEAD_REVISION, upgrade

_BATCH = 500


def backup(uow: UnitOfWork, url: str, target: Path) -> dict[str, int]:
    """Write the whole store to `target` (refused if it exists); the rows copied, by table."""
    if target.exists():
        raise BadInput("-o", str(target), "already exists: name a new file (nothing is overwritten)")
    if not target.parent.is_dir():
        raise BadInput("-o", str(target), "is in a folder that does not exist")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite_path(url)
    try:
        if source is not None:
            _sqlite_backup(source, partial)
        else:
            _copy_to_sqlite(uow.engine, partial)
        counts = _counts(partial)
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return counts


def restore(uow: UnitOfWork, url: str, source: Path) -> dict[str, int]:
    """Copy every row of the backup `source` into this store, which must hold nothing yet (one transaction)."""
    _check_backup(source)
    counts = _counts(source)
    with uow.read() as connection:
        held = [
            t.name
            for t in tables.metadata.sorted_tables
            if connection.scalar(select(func.count()).select_from(t))
        ]
    if held:
        raise BadInput(
            "restore",
            url,
            f"goes only into an empty store, and this one holds {', '.join(held[:4])}: nothing was changed",
        )
    reader = create_engine(f"sqlite:///{source}")
    try:
        with reader.connect() as rows, uow.engine.begin() as target:
            for table in tables.metadata.sorted_tables:
                result = rows.execute(select(table))
                while batch := result.fetchmany(_BATCH):
                    target.execute(insert(table), [dict(r._mapping) for r in batch])
            if target.dialect.name == "postgresql":
                _reset_sequences(target)
    finally:
        reader.dispose()
    return counts


def _sqlite_backup(source: Path, target: Path) -> None:
    connection = sqlite3.connect(source)
    try:
        copy = sqlite3.connect(target)
        try:
            connection.backup(copy)  # SQLite's online backup: writers carry on while it copies
        finally:
            copy.close()
    finally:
        connection.close()


def _copy_to_sqlite(engine: Engine, target: Path) -> None:
    writer = create_engine(f"sqlite:///{target}")
    try:
        upgrade(writer, f"sqlite:///{target}")  # the schema, at the same revision, through the migrations
        with engine.connect() as reading, reading.begin(), writer.begin() as writing:
            if reading.dialect.name == "postgresql":  # every table as of one moment
                reading.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
            for table in tables.metadata.sorted_tables:
                result = reading.execute(select(table))
                while batch := result.fetchmany(_BATCH):
                    writing.execute(insert(table), [dict(r._mapping) for r in batch])
    finally:
        writer.dispose()


def _check_backup(source: Path) -> None:
    try:
        connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        raise BadInput("restore", str(source), "is not a tracker backup") from None
    if revision is None or revision[0] != HEAD_REVISION:
        raise BadInput(
            "restore",
            str(source),
            f"was made at schema {revision[0] if revision else 'none'}; this version restores {HEAD_REVISION}"
            " (open the backup with this version first: it upgrades it)",
        )


def _counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            t.name: connection.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0]
            for t in tables.metadata.sorted_tables
        }
    finally:
        connection.close()


def _reset_sequences(connection) -> None:
    """After rows arrive with their ids, each id sequence continues after the largest one."""
    for table in tables.metadata.sorted_tables:
        key = table.c.get("id")
        if key is None or not key.autoincrement or str(key.type) not in ("INTEGER", "BIGINT"):
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f'COALESCE((SELECT max(id) FROM "{table.name}"), 0) + 1, false)'
            )
        )
