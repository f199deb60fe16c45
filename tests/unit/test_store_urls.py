"""Store URLs: every URL the app cannot use is one line, exit 2, without its password; the ones it can use
open (postgres:// included); options go before or after the subcommand."""

from __future__ import annotations

import json

import pytest

from tests.cli_helpers import ok, run
from tracker.errors import BadInput
from tracker.persistence.database import store_url


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("postgresql://u:s3cret@db.example:abc/x", "is the port a number"),
        ("postgresql://u:s3cret@[::1/x", "IPv6"),
        (" postgresql://u:s3cret@db.example/x", "starts or ends with a space"),
        ("mysql://u:s3cret@db.example/x", "does not support"),
        ("u:s3cret@db.example/x", "has no scheme"),
        ("postgresql+asyncpg://u:s3cret@db.example/x", "driver 'asyncpg'"),
        ("sqlite://", "in-memory"),
        ("sqlite:///:memory:", "in-memory"),
        ("sqlite:///file::memory:?uri=true", "in-memory"),
    ],
)
def test_an_unusable_url_is_refused_with_the_reason_and_without_its_password(url, reason, capsys):
    with pytest.raises(BadInput, match=reason) as refused:
        store_url(url)
    assert "s3cret" not in str(refused.value)
    code, out, err = run(capsys, "cycles", "--db", url)
    assert code == 2 and out == "" and err.count("\n") == 1 and "s3cret" not in err


def test_postgres_scheme_and_socket_folders_are_taken_as_postgresql():
    assert store_url("postgres://u:p@h/db").drivername == "postgresql+psycopg"
    socket = store_url("postgresql://tracker@/postgres?host=/run/pg")
    assert (socket.drivername, socket.host, socket.query["host"]) == ("postgresql+psycopg", None, "/run/pg")


def test_a_bad_connection_option_is_a_refusal_not_an_unexpected_error(capsys):
    code, _, err = run(capsys, "cycles", "--db", "postgresql://u:s3cret@127.0.0.1:1/x?connect_timeout=abc")
    assert code == 2 and "connect_timeout" in err and "s3cret" not in err


def test_a_read_only_store_refuses_a_change_cleanly_and_keeps_nothing(db_url, capsys, tmp_path):
    path = db_url.removeprefix("sqlite:///")
    ok(capsys, "settings", "set", "organisation", "Before", "--db", db_url)
    read_only = f"sqlite:///{path}?mode=ro&uri=true"
    code, _, err = run(capsys, "settings", "set", "organisation", "After", "--db", read_only)
    assert code == 2 and "read-only" in err
    shown = ok(capsys, "settings", "show", "--db", read_only)
    assert next(s for s in shown if s["key"] == "organisation")["value"] == "Before"
    assert (
        sorted(p.name for p in tmp_path.iterdir() if "mode" in p.name) == []
    )  # no stray "x.db?mode=ro" file


def test_a_data_folder_that_is_a_file_is_refused(monkeypatch, capsys, tmp_path):
    monkeypatch.delenv("TRACKER_DB", raising=False)
    monkeypatch.setenv("TRACKER_DATA_DIR", "/dev/null")
    code, _, err = run(capsys, "settings", "set", "organisation", "X")
    assert code == 2 and "TRACKER_DATA_DIR: '/dev/null' is a file, not a folder" in err


@pytest.mark.parametrize("order", ["before", "after", "split"])
def test_json_and_db_go_before_or_after_the_subcommand(services, db_url, capsys, order):
    argv = {
        "before": ["--json", "--db", db_url, "cycles"],
        "after": ["cycles", "--json", "--db", db_url],
        "split": ["--json", "cycles", "--db", db_url],
    }[order]
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert json.loads(out) == []
