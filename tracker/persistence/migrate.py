"""Bring a store's schema up to date, backing up a SQLite file first.

Alembic is imported only when the schema is behind, so an up-to-date store opens without paying for it.
`HEAD_REVISION` must equal the newest file in `db/versions` (a test checks this).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from tracker.errors import BadInput
from tracker.paths import MIGRATIONS
from tracker.persistence.database import sqlite_path
from tracker.persistence.urls import display_url

HEAD_REVISION = "0005_register_links"
# every revision this version knows, oldest first: a store at any other revision is from a newer version
KNOWN_REVISIONS = (
    "0001_initial",
    "0002_reply_claimed_numbers",
    "0003_bodies_and_settings",
    "0004_originals_and_corrections",
    "0005_register_links",
)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def is_current(engine: Engine) -> bool:
    return current_revision(engine) == HEAD_REVISION


def backup_sqlite(path: Path, revision: str | None) -> Path | None:
    """Copy the database with SQLite's online backup (safe with WAL). Returns the copy, or None if empty.

    One backup per upgrade: the name says which revision it was taken at and which it was for, so a run
    that is repeated (after a failed or interrupted migration) keeps the first copy instead of piling more.
    A backup that fails part-way leaves no partial file behind."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    target = path.with_name(f"{path.stem}.backup-{revision or 'empty'}-before-{HEAD_REVISION}{path.suffix}")
    if target.exists() and target.stat().st_size > 0:
        return target
    partial = target.with_name(target.name + ".partial")
    try:
        source = sqlite3.connect(path)
        try:
            dest = sqlite3.connect(partial)
            try:
                source.backup(dest)
            finally:
                dest.close()
        finally:
            source.close()
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise BadInput("--db", str(path), f"could not be backed up before upgrading it: {exc}") from None
    return target


def upgrade(engine: Engine, url: str) -> Path | None:
    """Migrate to head if needed. Returns the backup file written, if any."""
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return None
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise BadInput(
            "--db",
            display_url(url),
            f"was written by a newer version of the tracker (schema {revision}); this version knows up to "
            f"{HEAD_REVISION}. Install the newer version; nothing was changed",
        )
    if revision is None and _has_user_tables(engine):
        raise BadInput(
            "--db",
            display_url(url),
            "belongs to another program (it has tables but is not a tracker store); nothing was changed",
        )
    backup = None
    path = sqlite_path(url)
    if path is not None and revision is not None:
        backup = backup_sqlite(path, revision)
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
