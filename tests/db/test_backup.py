"""`tracker backup` while others keep working, and `tracker restore` into an empty store only: the record
comes back identical, history included."""

from __future__ import annotations

from sqlalchemy import create_engine, select

from tests.cli_helpers import ok, run
from tracker.persistence import tables


def dump(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, in key order: what must come back identical."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as connection:
            return {
                t.name: sorted(
                    (tuple(r) for r in connection.execute(select(t))), key=lambda row: tuple(map(str, row))
                )
                for t in tables.metadata.sorted_tables
            }
    finally:
        engine.dispose()


def test_backup_then_restore_into_an_empty_store_gives_the_same_record(demo, capsys, tmp_path):
    demo.recommendations.set_recommendation("london-2022", "3", text="Corrected before the backup")
    copy = tmp_path / "backup.db"
    written = ok(capsys, "backup", "-o", str(copy), "--db", demo.url)
    assert written["rows"]["change_log"] >= 1
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    ok(capsys, "init", "--db", fresh)
    restored = ok(capsys, "restore", str(copy), "--db", fresh)
    assert restored["rows"] == written["rows"]
    assert dump(fresh) == dump(demo.url)
    # the restored store works on: new rows get new ids
    ok(capsys, "recommendation", "set", "london-2022", "4", "--text", "After the restore", "--db", fresh)


def test_restore_refuses_a_store_that_holds_anything_and_changes_nothing(demo, capsys, tmp_path):
    copy = tmp_path / "backup.db"
    ok(capsys, "backup", "-o", str(copy), "--db", demo.url)
    before = dump(demo.url)
    code, _, err = run(capsys, "restore", str(copy), "--db", demo.url)
    assert code == 2 and "only into an empty store" in err
    assert dump(demo.url) == before
    code, _, err = run(capsys, "backup", "-o", str(copy), "--db", demo.url)
    assert code == 2 and "already exists" in err
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello", encoding="utf-8")
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    ok(capsys, "init", "--db", fresh)
    code, _, err = run(capsys, "restore", str(not_a_backup), "--db", fresh)
    assert code == 2 and "not a tracker backup" in err


def test_a_backup_taken_while_an_officer_saves_is_a_whole_store(demo, tmp_path):
    """Saves carry on during the backup; the copy opens as a store and agrees with its own history."""
    import threading

    from tests.db.races import disagreements
    from tracker.services.backup import backup
    from tracker.services.factory import open_services

    stop = threading.Event()

    def keep_saving():
        n = 0
        while not stop.is_set():
            n += 1
            demo.recommendations.set_recommendation("london-2022", "5", text=f"save {n}")

    saver = threading.Thread(target=keep_saving)
    saver.start()
    try:
        counts = backup(demo.uow, demo.url, tmp_path / "busy.db")
    finally:
        stop.set()
        saver.join(30)
    copy = open_services(f"sqlite:///{tmp_path / 'busy.db'}")
    try:
        assert copy.recommendations.register("london-2022") and counts["recommendation"] > 0
        assert disagreements(copy, "london-2022") == []
    finally:
        copy.dispose()
