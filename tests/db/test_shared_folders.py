"""A store on a network share uses the rollback journal: the write-ahead log needs shared memory there."""

from __future__ import annotations

import sqlite3

from tracker.persistence.shared_folders import journal_mode, mount_type


def test_the_mount_of_a_path_is_read_from_the_mount_table(tmp_path):
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n"
        "fileserver:/export/team /mnt/team nfs4 rw 0 0\n"
        "//nas/scrutiny /mnt/Scrutiny\\040Team cifs rw 0 0\n",
        encoding="utf-8",
    )
    from pathlib import Path

    assert mount_type(Path("/mnt/team/tracker.db"), mounts) == "nfs4"
    assert mount_type(Path("/mnt/Scrutiny Team/tracker.db"), mounts) == "cifs"
    assert mount_type(Path("/home/officer/tracker.db"), mounts) == "ext4"


def test_a_local_store_uses_the_write_ahead_log_and_the_override_is_honoured(tmp_path, monkeypatch, capsys):
    from tests.cli_helpers import ok

    assert journal_mode(tmp_path / "x.db") in ("WAL", "DELETE")  # DELETE only if the test folder is a share
    store = tmp_path / "local.db"
    monkeypatch.setenv("TRACKER_SQLITE_JOURNAL", "delete")
    ok(capsys, "init", "--db", f"sqlite:///{store}")
    assert sqlite3.connect(store).execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    monkeypatch.setenv("TRACKER_SQLITE_JOURNAL", "wal")
    ok(capsys, "init", "--db", f"sqlite:///{store}")
    import gc

    gc.collect()
    assert sqlite3.connect(store).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
