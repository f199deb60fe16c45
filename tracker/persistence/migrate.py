"""Bring a store's schema up to date, backing up a SQLite file first.

Alembic is imported only when the schema is behind, so an up-to-date store opens without paying for it.
`HEAD_REVISION` must equal the newest file in `db/versions` (a test checks this).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from tracker.paths import MIGRATIONS
from tracker.persistence.database import sqlite_path

HEAD_REVISION = "0003_bodies_and_settings"


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def is_current(engine: Engine) -> bool:
    return current_revision(engine) == HEAD_REVISION


def backup_sqlite(path: Path, revision: str | None) -> Path | None:
    """Copy the database with SQLite's online backup (safe with WAL). Returns the copy, or None if empty."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{stamp}-{revision or 'empty'}{path.suffix}")
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


def upgrade(engine: Engine, url: str) -> Path | None:
    """Migrate to head if needed. Returns the backup file written, if any."""
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return None
    backup = None
    path = sqlite_path(url)
    if path is not None and revision is not None:
        backup = backup_sqlite(path, revision)
    elif path is not None and path.exists() and _has_user_tables(engine):
        backup = backup_sqlite(path, None)
    from alembic import command  # deferred: only paid when the schema is behind

    with engine.begin() as connection:
        config = alembic_config(url)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return backup


def _has_user_tables(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(inspect(connection).get_table_names())


def alembic_config(url: str):
    import sys

    from alembic.config import Config

    # the stream of the moment: Config's default is whatever sys.stdout was when alembic was first imported
    config = Config(stdout=sys.stdout)
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config
