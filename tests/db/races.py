"""Two writers on one row at the same moment, for the store tests on SQLite and PostgreSQL alike."""

from __future__ import annotations

import threading


def race_two_writers(first_uow, second_uow, cycle_id: str, number: str) -> list[BaseException]:
    """The first writer reads the recommendation, the second changes it and commits, then the first commits
    its own change. Returns what the writers raised (the first writer's refusal, if all is well)."""
    from tracker.persistence import models as m

    errors: list[BaseException] = []
    first_read, second_done = threading.Event(), threading.Event()

    def load(session):
        return session.query(m.Recommendation).filter_by(cycle_id=cycle_id, number=number).one()

    def first():
        try:
            with first_uow() as session:
                rec = load(session)
                first_read.set()
                second_done.wait(10)
                rec.text = "first writer"
        except BaseException as exc:  # noqa: BLE001 - handed back for the test to judge
            errors.append(exc)

    def second():
        first_read.wait(10)
        try:
            with second_uow() as session:
                load(session).text = "second writer"
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors
