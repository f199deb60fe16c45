"""The same store on a real PostgreSQL server, as a team would share it.

Uses TRACKER_TEST_POSTGRES_URL when set; otherwise starts a throwaway cluster on a Unix socket in a temp
folder when the PostgreSQL server binaries are installed; otherwise skips.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tracker.domain import Status
from tracker.errors import BadInput

D = dt.date


def _server_bin() -> Path | None:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists() and Path(candidate, "pg_ctl").exists():
            return Path(candidate)
    found = shutil.which("pg_ctl")
    return Path(found).parent if found else None


@pytest.fixture(scope="module")
def pg_url():
    if os.environ.get("CI"):
        import psycopg  # noqa: F401  (in CI a missing driver is a failure, not a skip)
    pytest.importorskip("psycopg", reason="the PostgreSQL driver (extra 'postgres') is not installed")
    explicit = os.environ.get("TRACKER_TEST_POSTGRES_URL")
    if explicit:
        yield explicit
        return
    bindir = _server_bin()
    if bindir is None:
        if os.environ.get("CI"):  # .ci/run installs the server: in CI these tests are never skipped
            pytest.fail("no PostgreSQL server binaries, although .ci/run installs them")
        pytest.skip("no PostgreSQL server binaries on this machine")
    # a short path right under the temp root: the server account must reach it, and socket paths are short
    folder = Path(tempfile.mkdtemp(prefix="pcp-pg-"))
    data = folder / "data"
    as_root = os.geteuid() == 0
    prefix: list[str] = []
    if as_root:  # the server refuses to run as root: run it as the postgres account
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser")
        shutil.chown(folder, "postgres")
        folder.chmod(0o777)
        prefix = ["runuser", "-u", "postgres", "--"]
    run = lambda *args: subprocess.run([*prefix, *args], check=True, capture_output=True, timeout=120)  # noqa: E731
    run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "tracker", "--no-sync")
    run(
        str(bindir / "pg_ctl"),
        "-D",
        str(data),
        "-l",
        str(folder / "log"),
        "-w",
        "-o",
        f"-k {folder} -c listen_addresses='' -c fsync=off",
        "start",
    )
    try:
        yield f"postgresql://tracker@/postgres?host={folder}"
    finally:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_services(pg_url):
    from sqlalchemy import text

    from tracker.services.factory import open_services

    svc = open_services(pg_url)
    with svc.uow.engine.begin() as connection:  # each test starts from an empty schema
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    svc.dispose()
    svc = open_services(pg_url)
    yield svc
    svc.dispose()


def test_postgres_store_migrates_loads_the_demo_and_computes_statuses(pg_services):
    from alembic import command

    from tracker.persistence.migrate import alembic_config

    command.check(alembic_config(pg_services.url))
    assert set(pg_services.demo.load().added) == {"london-2013", "london-2017", "london-2022", "london-2025"}
    rows = {r.rule_id: r for r in pg_services.cycles.obligations("london-2017", D(2017, 4, 1))}
    assert rows["response-before-issue"].status is Status.CANNOT_CONFIRM
    assert rows["issue-plan"].status is Status.MET
    cov = next(s for s in pg_services.cycles.list(D(2022, 4, 1)) if s.id == "london-2022").coverage
    assert (cov.replied, cov.grouped) == (16, 4)


def test_postgres_refusal_writes_nothing(pg_services):
    pg_services.demo.load()
    pg_services.cycles.set_stage_date("london-2025", "panel_report", D(2025, 2, 20))
    with pytest.raises(BadInput):
        pg_services.cycles.set_stage_date("london-2025", "reply", D(2025, 2, 1))
    assert len(pg_services.history.for_item(cycle_id="london-2025")) == 1


def test_two_writers_on_the_server_never_lose_an_edit(pg_services, pg_url):
    """Two officers edit the same recommendation at once on the shared server: one edit is saved, the other
    is refused with a message saying the record changed, and nothing is silently overwritten."""
    from tests.db.races import race_two_writers
    from tracker.errors import Conflict
    from tracker.services.factory import open_services

    pg_services.demo.load()
    other = open_services(pg_url, user="Second Officer")
    try:
        errors = race_two_writers(pg_services.uow, other.uow, "london-2022", "5")
        assert len(errors) == 1 and isinstance(errors[0], Conflict), errors
        row = next(r for r in pg_services.recommendations.register("london-2022") if r.number == "5")
        assert row.text == "second writer" and row.version == 2
        reply = next(iter(pg_services.cycles.detail("london-2022", D(2022, 4, 1)).replies))
        other.recommendations.set_disposition(reply.id, "noted", if_version=reply.version)
        with pytest.raises(Conflict, match="changed by Second Officer"):
            pg_services.recommendations.set_disposition(reply.id, "accepted", if_version=reply.version)
    finally:
        other.dispose()


@pytest.mark.parametrize("command", ["read", "write"])
def test_a_table_locked_by_another_session_is_a_busy_refusal_not_an_endless_wait(
    pg_services, pg_url, capsys, monkeypatch, command
):
    """Another session holds the recommendation table: `tracker` gives up after the lock timeout with one
    line saying the store is busy, exit 2, rather than waiting for ever."""
    import psycopg

    from tests.cli_helpers import run

    pg_services.demo.load()
    monkeypatch.setenv("TRACKER_LOCK_TIMEOUT", "0.5")
    argv = (
        ["show", "london-2022"]
        if command == "read"
        else ["recommendation", "set", "london-2022", "3", "--text", "Changed while locked"]
    )
    with psycopg.connect(pg_url) as holder:
        holder.execute("LOCK TABLE recommendation IN ACCESS EXCLUSIVE MODE")
        code, out, err = run(capsys, *argv, "--db", pg_url)
        holder.rollback()
    assert code == 2 and out == "" and err.count("\n") == 1, err
    assert "the store is busy" in err
    row = next(r for r in pg_services.recommendations.register("london-2022") if r.number == "3")
    assert row.text != "Changed while locked" and row.version == 1


def test_a_team_on_the_server_loses_nothing_and_the_log_agrees(pg_services, pg_url):
    """Five officers' processes at once, two on one recommendation, two regrouping one reply: every save is
    one version and one history row, and the change log's last word is what the server holds."""
    from tests.db.races import check_a_team_loses_nothing

    pg_services.demo.load()
    results = check_a_team_loses_nothing(pg_services, pg_url, 30)
    assert sum(r["busy"] for r in results) == 0, results


def test_two_regroupings_at_once_on_the_server_keep_one_and_tell_the_other(pg_services, pg_url):
    """Before: both told "saved" and the reply answered both choices. Now the reply's version moves with
    its links: the writer who read first is refused, and the store holds the other's grouping."""
    from tests.db.races import disagreements, race_two_regroupings
    from tracker.errors import Conflict
    from tracker.services.factory import open_services

    pg_services.demo.load()
    reply = next(iter(pg_services.cycles.detail("london-2022", D(2022, 4, 1)).replies))
    other = open_services(pg_url, user="Second Officer")
    try:
        errors = race_two_regroupings(pg_services.uow, other.uow, reply.id)
        assert len(errors) == 1 and isinstance(errors[0], Conflict), errors
        stale = other.recommendations.set_grouping(reply.id, ["4"], if_version=reply.version + 1)
        with pytest.raises(Conflict, match="changed by Second Officer"):
            pg_services.recommendations.set_grouping(reply.id, ["5"], if_version=reply.version + 1)
    finally:
        other.dispose()
    after = next(
        r for r in pg_services.cycles.detail("london-2022", D(2022, 4, 1)).replies if r.id == reply.id
    )
    assert after.covers == stale.covers == ("4",)
    assert disagreements(pg_services, "london-2022") == []


def test_a_server_store_backs_up_to_one_file_and_restores_onto_the_server(
    pg_services, pg_url, capsys, tmp_path
):
    """A backup of the server is a portable SQLite file of every table; restored into an empty server store
    it gives the same record, history included."""
    from sqlalchemy import text

    from tests.cli_helpers import ok
    from tests.db.test_backup import dump

    pg_services.demo.load()
    pg_services.recommendations.set_recommendation("london-2022", "3", text="Corrected on the server")
    copy = tmp_path / "server.db"
    written = ok(capsys, "backup", "-o", str(copy), "--db", pg_url)
    before = dump(pg_url)
    assert dump(f"sqlite:///{copy}") == before
    with pg_services.uow.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    pg_services.dispose()
    ok(capsys, "init", "--db", pg_url)
    assert ok(capsys, "restore", str(copy), "--db", pg_url)["rows"] == written["rows"]
    assert dump(pg_url) == before
    ok(capsys, "recommendation", "set", "london-2022", "4", "--text", "After the restore", "--db", pg_url)


def test_the_pages_read_from_the_server_in_one_go_show_what_its_backup_shows(pg_services, pg_url, tmp_path):
    """On the server a page's selects travel together (one round trip); what they show is what the same
    record shows read one select at a time from its SQLite backup: every cycle, the dashboard, the register
    and the bodies, one with a local protocol turned on."""
    from tracker.services.backup import backup
    from tracker.services.factory import open_services

    pg_services.demo.load()
    pg_services.bodies.edit("mopac", protocol_days=10, protocol_label="acknowledge the report")
    pg_services.recommendations.set_recommendation("london-2022", "3", text="Corrected on the server")
    copy = tmp_path / "server.db"
    backup(pg_services.uow, pg_url, copy)
    local = open_services(f"sqlite:///{copy}")
    try:
        shown = [
            (
                [s.cycles.detail(cid, D(2022, 6, 1)) for cid, _ in s.cycles.titles()],
                s.dashboard.read(D(2022, 6, 1), D(2022, 9, 1)),
                s.recommendations.register(None, as_of=D(2022, 6, 1)),
                s.bodies.list(),
            )
            for s in (pg_services, local)
        ]
    finally:
        local.dispose()
    assert shown[0] == shown[1]
    assert shown[0][3][0].protocol is not None


def test_the_selects_of_one_page_read_share_one_moment_on_the_server(pg_services, pg_url):
    """A colleague's save that lands between two selects a page sends together is seen by both or by
    neither: a page never shows a row whose parent it did not see."""
    import threading
    import time

    from sqlalchemy import create_engine, text

    from tracker.persistence.database import fetch_together

    other = create_engine(pg_services.url)
    with other.begin() as connection:
        connection.execute(text("CREATE TABLE probe (n integer)"))
        connection.execute(text("INSERT INTO probe VALUES (1)"))

    def save_while_the_read_waits():
        with other.connect() as watcher:
            for _ in range(600):  # until the read is inside its pause (between its two counts)
                waiting = watcher.execute(
                    text("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'")
                ).scalar()
                if waiting:
                    break
                time.sleep(0.05)
        with other.begin() as connection:
            connection.execute(text("INSERT INTO probe VALUES (2)"))

    saver = threading.Thread(target=save_while_the_read_waits)
    saver.start()
    with pg_services.uow.read() as connection:
        first, _pause, second = fetch_together(
            connection,
            [
                text("SELECT count(*) AS n FROM probe"),
                text("SELECT pg_sleep(1)"),
                text("SELECT count(*) AS n FROM probe"),
            ],
        )
    saver.join()
    assert first[0].n == second[0].n == 1
    with pg_services.uow.read() as connection:  # the connection is back out of its transaction, and sees it
        assert connection.execute(text("SELECT count(*) FROM probe")).scalar() == 2
        assert (
            fetch_together(connection, [text("SELECT 1 AS one"), text("SELECT count(*) AS n FROM probe")])[1][
                0
            ].n
            == 2
        )
    other.dispose()


def test_a_failed_select_in_a_page_read_leaves_the_connection_usable(pg_services):
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from tracker.persistence.database import fetch_together

    with pg_services.uow.read() as connection:
        with pytest.raises(DBAPIError):
            fetch_together(connection, [text("SELECT 1 AS one"), text("SELECT * FROM no_such_table")])
        assert fetch_together(connection, [text("SELECT 1 AS one"), text("SELECT 2 AS two")])[1][0].two == 2


def test_asked_before_on_the_server_shows_what_its_backup_shows(pg_services, pg_url, tmp_path):
    """Every recommendation's earlier asks, read for the whole store at once and for one panel's cycle at
    a time, with what became of each: the same on the server as from its SQLite backup."""
    from tracker.services.backup import backup
    from tracker.services.factory import open_services

    pg_services.demo.load()
    pg_services.asked_before.link("london-2022", "16", "london-2013", "1", "confirmed")
    pg_services.asked_before.link("london-2022", "3", "london-2017", "6", "dismissed")
    copy = tmp_path / "server.db"
    backup(pg_services.uow, pg_url, copy)
    local = open_services(f"sqlite:///{copy}")
    try:
        shown = []
        for s in (pg_services, local):
            every = s.asked_before.related_all(min_score=0.2)
            by_cycle = {cid: s.asked_before.related_in_cycle(cid, 0.2) for cid, _ in s.cycles.titles()}
            shown.append((every, by_cycle))
    finally:
        local.dispose()
    assert shown[0] == shown[1]
    assert sum(map(len, shown[0][0].values())) > 40
    assert shown[0][1]["london-2022"]["16"][0].link == "confirmed"


def test_two_officers_replacing_one_answer_at_once_on_the_server_one_wins_and_the_other_is_told(
    pg_services, pg_url
):
    """Both read the passage answering recommendation 4 at one version and replace it at the same moment:
    the server keeps one answer, the other officer is refused, and 4 is answered once."""
    from tests.db.races import race_two_answers
    from tracker.errors import Conflict
    from tracker.services.factory import open_services

    pg_services.demo.load()
    shown = pg_services.cycles.detail("london-2022", D(2022, 4, 1))
    (passage,) = [p for p in shown.replies if "4" in p.covers]
    other = open_services(pg_url, user="Second Officer")
    try:
        errors = race_two_answers(pg_services, other, "london-2022", "4", passage.version)
    finally:
        other.dispose()
    assert len(errors) == 1 and isinstance(errors[0], Conflict), errors
    after = pg_services.cycles.detail("london-2022", D(2022, 4, 1))
    (now,) = [p for p in after.replies if "4" in p.covers]
    assert now.version > passage.version and now.text.startswith("Answered by ")


def test_two_first_answers_at_once_on_the_server_record_one(pg_services, pg_url):
    """Two officers both saw recommendation 9 with no answer and record one at the same moment
    (`--if-version 0`): the server keeps one answer and refuses the other; 9 is never answered twice."""
    from tests.db.races import race_two_answers
    from tracker.errors import Conflict
    from tracker.services.factory import open_services

    pg_services.demo.load()
    pg_services.corrections.add_recommendation("london-2025", "9", "Publish the new measure each quarter.")
    other = open_services(pg_url, user="Second Officer")
    try:
        errors = race_two_answers(pg_services, other, "london-2025", "9", 0)
    finally:
        other.dispose()
    assert len(errors) == 1 and isinstance(errors[0], Conflict), errors
    after = pg_services.cycles.detail("london-2025", D(2025, 4, 1))
    assert len([p for p in after.replies if "9" in p.covers]) == 1
