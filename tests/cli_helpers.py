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


PLAN_REPORT = (
    "# Report of the Panel on the draft plan\n\nThe panel recommends:\n\n"
    "1. Publish the plan's measures.\n\n2. Consult young people.\n"
)


def plan_with_a_report(capsys, store: str, folder, cycle_id: str = "c1") -> None:
    """A plan cycle of the Wessex commissioner whose panel's report (two recommendations, 22 October 2024)
    is imported, and no reply yet."""
    report = folder / "report.md"
    report.write_text(PLAN_REPORT, encoding="utf-8")
    ok(capsys, "cycle", "add", cycle_id, "--body", "wessex", "--template", "plan-pcc", "--trigger",
       "election=2024-05-02", "--db", store)  # fmt: skip
    ok(capsys, "import", "recommendations", str(report), "--cycle", cycle_id, "--date", "2024-10-22",
       "--db", store)  # fmt: skip
