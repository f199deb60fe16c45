"""Running the `tracker` command line in-process, as the tests of its commands do."""

from __future__ import annotations

import json

from tracker.cli.main import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one command."""
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys, *argv: str):
    """The JSON a command prints, asserting it succeeded."""
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def entered_on(url: str, cycle_id: str, day) -> None:
    """Say the cycle was entered in the tracker on `day`: a cycle tracked as it ran, whose missed deadlines
    are breaches the tracker saw (a cycle entered after its dates had passed shows them as not recorded)."""
    import datetime as dt

    from sqlalchemy import create_engine, update

    from tracker.persistence import tables

    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(
                update(tables.cycle)
                .where(tables.cycle.c.id == cycle_id)
                .values(created_at=dt.datetime.combine(day, dt.time(9)))
            )
    finally:
        engine.dispose()
