"""Stores: a path that cannot be a store is refused with one line, another program's file is never
converted, a newer store is left alone, and an upgrade takes one backup first."""

from __future__ import annotations

import hashlib
import os
import sqlite3

import pytest

from tests.cli_helpers import ok, run


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def old_store(path) -> None:
    """A store at the previous schema revision, holding a body."""
    from alembic import command

    from tracker.persistence.database import make_engine
    from tracker.persistence.migrate import alembic_config

    url = f"sqlite:///{path}"
    engine = make_engine(url)
    with engine.begin() as connection:
        config = alembic_config(url)
        config.attributes["connection"] = connection
        command.upgrade(config, "0002_reply_claimed_numbers")
        connection.exec_driver_sql(
            "INSERT INTO policing_body (id, name, kind, area) VALUES ('old', 'Old body', 'pcc', 'pcc')"
        )
    engine.dispose()


def test_an_old_store_is_backed_up_once_and_upgraded(tmp_path, capsys):
    path = tmp_path / "old.db"
    old_store(path)
    bodies = ok(capsys, "body", "list", "--db", f"sqlite:///{path}")
    assert [b["id"] for b in bodies] == ["old"]
    backups = list(tmp_path.glob("old.backup-0002_reply_claimed_numbers-before-*.db"))
    assert len(backups) == 1
    assert sqlite3.connect(backups[0]).execute("SELECT name FROM policing_body").fetchone() == ("Old body",)
    ok(capsys, "body", "list", "--db", f"sqlite:///{path}")
    assert len(list(tmp_path.glob("old.backup-*"))) == 1  # opening again takes no second copy


def test_another_programs_sqlite_file_is_refused_and_left_as_it_was(tmp_path, capsys):
    path = tmp_path / "accounts.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE ledger (x INTEGER)")
    con.commit()
    con.close()
    before = digest(path)
    code, _, err = run(capsys, "body", "list", "--db", f"sqlite:///{path}")
    assert code == 2 and "belongs to another program" in err
    assert digest(path) == before
    assert [r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")] == ["ledger"]


def test_a_store_from_a_newer_version_is_left_alone_with_no_backup(tmp_path, capsys):
    path = tmp_path / "newer.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    con.execute("INSERT INTO alembic_version VALUES ('0099_from_the_future')")
    con.commit()
    con.close()
    code, _, err = run(capsys, "cycles", "--db", f"sqlite:///{path}")
    assert code == 2 and "newer version" in err and "0099_from_the_future" in err
    assert list(tmp_path.glob("newer.backup-*")) == []


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: p.write_bytes(b"%PDF-1.7 not a database"), "not an SQLite database"),
        (lambda p: os.symlink(p, p), "cannot be opened"),
    ],
)
def test_a_path_that_cannot_be_a_store_is_refused_in_one_line(tmp_path, capsys, make, message):
    path = tmp_path / "store.db"
    make(path)
    code, out, err = run(capsys, "cycles", "--db", f"sqlite:///{path}")
    assert code == 2 and message in err and err.count("\n") == 1 and "Traceback" not in err


def test_a_read_command_on_a_missing_store_creates_nothing(tmp_path, capsys):
    path = tmp_path / "not" / "yet" / "tracker.db"
    code, _, err = run(capsys, "cycles", "--db", f"sqlite:///{path}")
    assert code == 2 and "does not exist" in err
    assert not (tmp_path / "not").exists()
    ok(capsys, "init", "--db", f"sqlite:///{path}")  # a command that writes creates it
    assert path.exists()


def test_a_migration_that_fails_leaves_the_store_exactly_as_it_was(tmp_path, monkeypatch):
    from tracker.persistence import migrate
    from tracker.services.factory import open_services

    path = tmp_path / "old.db"
    old_store(path)
    before = sqlite3.connect(path).execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()

    real = migrate.alembic_config

    def failing_config(url):
        config = real(url)
        config.set_main_option("script_location", str(tmp_path / "broken"))
        return config

    # a migration that creates a table and then fails: with transactional DDL the table must not remain
    broken = tmp_path / "broken" / "versions"
    broken.mkdir(parents=True)
    (tmp_path / "broken" / "env.py").write_text((migrate.MIGRATIONS / "env.py").read_text())
    (tmp_path / "broken" / "script.py.mako").write_text((migrate.MIGRATIONS / "script.py.mako").read_text())
    for name in ("0001_initial.py", "0002_reply_claimed_numbers.py"):
        (broken / name).write_text((migrate.MIGRATIONS / "versions" / name).read_text())
    (broken / "0003_bodies_and_settings.py").write_text(
        "import sqlalchemy as sa\nfrom alembic import op\n"
        "revision = '0003_bodies_and_settings'\ndown_revision = '0002_reply_claimed_numbers'\n"
        "branch_labels = None\ndepends_on = None\n"
        "def upgrade():\n"
        "    op.create_table('half_built', sa.Column('x', sa.Integer()))\n"
        "    raise RuntimeError('disk full')\n"
        "def downgrade():\n    pass\n"
    )
    monkeypatch.setattr(migrate, "alembic_config", failing_config)
    with pytest.raises(RuntimeError, match="disk full"):
        open_services(f"sqlite:///{path}")
    after = sqlite3.connect(path).execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    assert after == before
    revision = sqlite3.connect(path).execute("SELECT version_num FROM alembic_version").fetchone()
    assert revision == ("0002_reply_claimed_numbers",)
