"""Two writers on one row at the same moment, for the store tests on SQLite and PostgreSQL alike."""

from __future__ import annotations

import threading


def race_two_writers(first_uow, second_uow, cycle_id: str, number: str) -> list[BaseException]:
    """The first writer reads the recommendation, the second changes it and commits, then the first commits
    its own change. Returns what the writers raised (the first writer's refusal, if all is well)."""
    from tracker.persistence import models as m

    def read(session):
        return session.query(m.Recommendation).filter_by(cycle_id=cycle_id, number=number).one()

    def write(value):
        def change(session, rec):
            rec.text = value

        return change

    return _interleave(first_uow, second_uow, read, write("first writer"), write("second writer"))


def race_two_regroupings(first_uow, second_uow, reply_id: int) -> list[BaseException]:
    """As race_two_writers, for the recommendations one reply answers: the first writer reads the reply,
    the second regroups it (to "2") and commits, then the first regroups it (to "1") from what it read."""
    from sqlalchemy.orm.attributes import flag_modified

    from tracker.persistence import models as m

    def read(session):
        return session.get(m.Reply, reply_id)

    def regroup(number):
        def change(session, reply):
            recs = session.query(m.Recommendation).filter_by(cycle_id=reply.cycle_id).all()
            reply.recommendations = [r for r in recs if r.number == number]
            flag_modified(reply, "text")  # as the service does: the links are part of the reply's version

        return change

    return _interleave(first_uow, second_uow, read, regroup("1"), regroup("2"))


def race_two_answers(first, second, cycle_id: str, number: str, version: int) -> list[BaseException]:
    """Two officers replace the answer to one recommendation at the same moment, each from the version of
    the passage both read (`first` and `second` are two users' services). Returns what they raised."""
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def answer(services, text):
        start.wait(10)
        try:
            services.corrections.set_reply(cycle_id, number, text, if_version=version)
        except BaseException as exc:  # noqa: BLE001 - handed back for the test to judge
            errors.append(exc)

    threads = [
        threading.Thread(target=answer, args=(services, f"Answered by {services.user}."))
        for services in (first, second)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors


def _interleave(first_uow, second_uow, read, first_change, second_change) -> list[BaseException]:
    errors: list[BaseException] = []
    first_read, second_done = threading.Event(), threading.Event()

    def first():
        try:
            with first_uow() as session:
                row = read(session)
                first_read.set()
                second_done.wait(10)
                first_change(session, row)
        except BaseException as exc:  # noqa: BLE001 - handed back for the test to judge
            errors.append(exc)

    def second():
        first_read.wait(10)
        try:
            with second_uow() as session:
                second_change(session, read(session))
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


def officer(url: str, user: str, task: str, edits: int, cycle_id: str, target: str) -> dict:
    """One officer's session, run in a process of its own: `edits` saves, each checked against the version
    read just before it, as the app does. `task` is "text" (the text of recommendation `target`) or
    "grouping" (which recommendations reply `target` answers, alternating between two choices). Counts
    what was saved, refused as changed by someone else, refused as busy, and anything else (a bug)."""
    import time

    from sqlalchemy import select

    from tracker.errors import Conflict
    from tracker.persistence import tables
    from tracker.services.factory import open_services

    services = open_services(url, user=user)
    counts = {"saved": 0, "stale": 0, "busy": 0, "unexpected": [], "longest_wait": 0.0, "saved_values": []}
    rec_t, reply_t = tables.recommendation, tables.reply
    try:
        for i in range(edits):
            started = time.perf_counter()
            try:
                if task == "text":
                    with services.uow.read() as connection:
                        seen = connection.scalar(
                            select(rec_t.c.version).where(
                                rec_t.c.cycle_id == cycle_id, rec_t.c.number == target
                            )
                        )
                    value = f"{user} edit {i}"
                    services.recommendations.set_recommendation(cycle_id, target, text=value, if_version=seen)
                else:
                    with services.uow.read() as connection:
                        seen = connection.scalar(select(reply_t.c.version).where(reply_t.c.id == int(target)))
                    value = ["1", "2"] if (i + len(user)) % 2 else ["3"]
                    services.recommendations.set_grouping(int(target), value, if_version=seen)
                    value = ", ".join(value)
                counts["saved"] += 1
                counts["saved_values"].append(value)
            except Conflict as exc:
                counts["busy" if "busy" in str(exc) else "stale"] += 1
            except Exception as exc:  # noqa: BLE001 - counted: the test expects none
                counts["unexpected"].append(repr(exc))
            counts["longest_wait"] = max(counts["longest_wait"], time.perf_counter() - started)
    finally:
        services.dispose()
    return counts


def officers(url: str, plan: list[tuple[str, str, str]], edits: int, cycle_id: str) -> list[dict]:
    """Run one process per (user, task, target) in `plan`, all at once; their counts, in plan order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(len(plan), mp_context=context) as pool:
        futures = [
            pool.submit(officer, url, user, task, edits, cycle_id, target) for user, task, target in plan
        ]
        return [f.result(timeout=600) for f in futures]


def disagreements(services, cycle_id: str) -> list[str]:
    """Every place where the change log's last word on a recommendation's text or a reply's grouping is not
    what the store holds."""
    from sqlalchemy import select

    from tracker.persistence import tables

    log = tables.change_log
    problems = []
    with services.uow.read() as connection:
        last: dict[tuple[str, str, str], str | None] = {}
        for row in connection.execute(
            select(log.c.entity, log.c.entity_id, log.c.field, log.c.new)
            .where(log.c.cycle_id == cycle_id)
            .order_by(log.c.id)
        ):
            last[(row.entity, row.entity_id, row.field)] = row.new
    for rec in services.recommendations.register(cycle_id):
        logged = last.get(("recommendation", rec.number, "text"))
        if logged is not None and logged != rec.text:
            problems.append(f"recommendation {rec.number}: log says {logged!r}, store has {rec.text!r}")
        for reply in services.recommendations.replies_for(rec.id):
            logged = last.get(("reply", str(reply.id), "answers"))
            if logged is not None and logged != ", ".join(reply.covers):
                problems.append(f"reply {reply.id}: log says {logged!r}, store has {reply.covers!r}")
    return problems


def check_a_team_loses_nothing(services, url: str, edits: int) -> list[dict]:
    """Five officers at once on one store (a loaded demo): two on the same recommendation, one on another,
    two regrouping the same reply. Asserts no traceback, every save accounted for by exactly one version
    and one history row, each history row following the one before, and the log agreeing with the store."""
    import datetime as dt

    from sqlalchemy import select

    from tracker.persistence import tables

    cycle_id = "london-2022"
    reply = next(iter(services.cycles.detail(cycle_id, dt.date(2022, 4, 1)).replies))
    plan = [
        ("Officer A", "text", "3"),
        ("Officer B", "text", "3"),
        ("Officer C", "text", "4"),
        ("Officer D", "grouping", str(reply.id)),
        ("Officer E", "grouping", str(reply.id)),
    ]
    results = officers(url, plan, edits, cycle_id)
    assert [r["unexpected"] for r in results] == [[]] * len(plan)
    for result in results:
        assert result["saved"] + result["stale"] + result["busy"] == edits

    log, rec_t, reply_t = tables.change_log, tables.recommendation, tables.reply
    with services.uow.read() as connection:
        versions = dict(
            connection.execute(
                select(rec_t.c.number, rec_t.c.version).where(rec_t.c.cycle_id == cycle_id)
            ).all()
        )
        reply_version = connection.scalar(select(reply_t.c.version).where(reply_t.c.id == reply.id))

        def chain(entity: str, entity_id: str, field: str) -> list[tuple[str | None, str | None]]:
            query = select(log.c.old, log.c.new).where(
                log.c.entity == entity, log.c.entity_id == entity_id, log.c.field == field
            )
            return [tuple(row) for row in connection.execute(query.order_by(log.c.id))]

        texts = {n: chain("recommendation", n, "text") for n in ("3", "4")}
        groupings = chain("reply", str(reply.id), "answers")
    by_target: dict[str, list[dict]] = {}
    for (_, _, target), result in zip(plan, results, strict=True):
        by_target.setdefault(target, []).append(result)
    for number in ("3", "4"):
        saved = sum(r["saved"] for r in by_target[number])
        assert versions[number] - 1 == saved == len(texts[number]), (number, versions[number], saved)
    # a regrouping that changes nothing is still checked but writes nothing: versions follow the history
    assert reply_version - reply.version == len(groupings)
    for rows in (*texts.values(), groupings):
        for (_, new), (old, _) in zip(rows, rows[1:], strict=False):
            assert old == new, rows  # each change starts from what the one before left: none was lost
    assert disagreements(services, cycle_id) == []
    return results
