"""Two officers on one store never overwrite each other without knowing: versions, --if-version, and
concurrent writers refused with a clear message."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from tests.cli_helpers import ok, run
from tests.db.races import race_two_answers, race_two_writers
from tracker.errors import Conflict


def test_show_gives_versions_and_if_version_refuses_a_stale_change(demo, capsys):
    shown = ok(capsys, "show", "london-2022", "--db", demo.url)
    three = next(r for r in shown["recommendations"] if r["number"] == "3")
    assert three["version"] == 1
    changed = ok(capsys, "recommendation", "set", "london-2022", "3", "--text", "A corrected text",
                 "--if-version", "1", "--db", demo.url)  # fmt: skip
    assert changed["version"] == 2
    code, _, err = run(capsys, "recommendation", "set", "london-2022", "3", "--disposition", "noted",
                       "--if-version", "1", "--db", demo.url)  # fmt: skip
    assert code == 2 and "changed by test officer" in err and "now version 2" in err
    after = ok(capsys, "show", "london-2022", "--db", demo.url)
    assert next(r for r in after["recommendations"] if r["number"] == "3")["text"] == "A corrected text"


def test_a_disposition_set_from_an_old_view_is_refused_naming_who_changed_it(demo):
    from tracker.services.factory import open_services

    other = open_services(demo.url, user="Second Officer")
    try:
        reply = next(
            r for r in demo.cycles.detail("london-2022", __import__("datetime").date(2022, 4, 1)).replies
        )
        other.recommendations.set_disposition(reply.id, "noted", if_version=reply.version)
        with pytest.raises(Conflict, match="changed by Second Officer"):
            demo.recommendations.set_disposition(reply.id, "accepted", if_version=reply.version)
    finally:
        other.dispose()


def test_two_writers_at_once_on_sqlite_one_wins_and_the_other_is_told(demo, monkeypatch):
    """Interleaved edits of one row: on SQLite a writer takes the write lock as it begins, so the second
    waits for the first and, past the wait allowed, is refused as busy; either way one edit is kept and the
    other writer is told, never lost."""
    from tracker.services.factory import open_services

    monkeypatch.setenv("TRACKER_LOCK_TIMEOUT", "0.5")
    other = open_services(demo.url, user="Second Officer")
    try:
        errors = race_two_writers(demo.uow, other.uow, "london-2022", "4")
    finally:
        other.dispose()
    assert len(errors) == 1 and isinstance(errors[0], Conflict), errors
    kept = "first writer" if "busy" in str(errors[0]) else "second writer"
    rows = demo.recommendations.register("london-2022")
    assert next(r for r in rows if r.number == "4").text == kept


def test_two_officers_replacing_one_answer_at_once_on_sqlite_one_wins_and_the_other_is_told(demo):
    """Both read the passage answering recommendation 4 at one version and replace it at once: the answer
    that comes second finds the version moved on, so it is refused rather than written over the first."""
    from tracker.services.factory import open_services

    shown = demo.cycles.detail("london-2022", dt.date(2022, 4, 1))
    (passage,) = [p for p in shown.replies if "4" in p.covers]
    other = open_services(demo.url, user="Second Officer")
    try:
        errors = race_two_answers(demo, other, "london-2022", "4", passage.version)
    finally:
        other.dispose()
    assert len(errors) == 1 and isinstance(errors[0], Conflict), errors
    after = demo.cycles.detail("london-2022", dt.date(2022, 4, 1))
    (now,) = [p for p in after.replies if "4" in p.covers]
    assert now.version > passage.version and now.text.startswith("Answered by ")


def test_text_longer_than_its_column_is_refused_naming_the_field(demo, capsys):
    code, _, err = run(capsys, "meeting", "add", "--body", "mopac", "--date", "2025-01-10", "--title", "x" * 400,
                       "--db", demo.url)  # fmt: skip
    assert code == 2 and "--title" in err and "300 characters" in err
    from tracker.errors import BadInput
    from tracker.persistence import models as m

    with pytest.raises(BadInput, match="longer than 200 characters"), demo.uow() as session:
        rec = session.query(m.Recommendation).filter_by(cycle_id="london-2022", number="1").one()
        rec.addressee = "y" * 201
    with pytest.raises(BadInput, match="NUL"), demo.uow() as session:
        rec = session.query(m.Recommendation).filter_by(cycle_id="london-2022", number="1").one()
        rec.text = "nul\x00byte"


def test_the_same_document_imported_twice_at_once_is_refused_once_never_a_traceback(demo, tmp_path):
    """Two imports of one file into one cycle at the same moment: one is saved; the other is either told
    nothing changed or refused with a message."""
    from tracker.errors import TrackerError
    from tracker.services.factory import open_services

    letter = tmp_path / "letter.md"
    letter.write_text(
        "The committee recommends:\n\n1. Publish the plan.\n\n2. Consult young people.\n", encoding="utf-8"
    )
    demo.cycles.create_cycle(
        "fresh", "", "plan-london", "mopac", triggers={"election": __import__("datetime").date(2028, 5, 4)}
    )
    results: list[object] = []

    def go():
        services = open_services(demo.url)
        try:
            results.append(services.imports.import_recommendations("fresh", letter))
        except TrackerError as exc:
            results.append(exc)
        except BaseException as exc:  # noqa: BLE001 - anything else is the bug this test looks for
            results.append(("unexpected", exc))
        finally:
            services.dispose()

    threads = [threading.Thread(target=go) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not [r for r in results if isinstance(r, tuple)], results
    documents = [d for d in demo.cycles.detail("fresh", __import__("datetime").date(2030, 1, 1)).documents]
    assert len(documents) == 1


def test_meeting_and_body_edits_on_the_command_line_refuse_a_stale_version(demo, capsys):
    meetings = ok(capsys, "meeting", "list", "--cycle", "london-2025", "--db", demo.url)
    seen = meetings[0]
    moved = ok(capsys, "meeting", "edit", str(seen["id"]), "--date", "2025-01-16", "--if-version",
               str(seen["version"]), "--db", demo.url)  # fmt: skip
    assert moved["date"] == "2025-01-16" and moved["version"] == seen["version"] + 1
    code, out, err = run(capsys, "meeting", "edit", str(seen["id"]), "--title", "Mine", "--if-version",
                         str(seen["version"]), "--db", demo.url)  # fmt: skip
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "changed by test officer" in err and "your change was not saved" in err
    assert (
        ok(capsys, "meeting", "list", "--cycle", "london-2025", "--db", demo.url)[0]["title"] == seen["title"]
    )
    code, _, err = run(capsys, "meeting", "edit", str(seen["id"]), "--db", demo.url)
    assert code == 2 and "nothing to change" in err
    body = ok(capsys, "body", "list", "--db", demo.url)[0]
    ok(capsys, "body", "edit", body["id"], "--panel", "Their Committee", "--db", demo.url)
    code, _, err = run(capsys, "body", "edit", body["id"], "--name", "Mine", "--if-version",
                       str(body["version"]), "--db", demo.url)  # fmt: skip
    assert code == 2 and "changed by test officer" in err


def test_two_first_answers_at_once_on_sqlite_record_one(demo):
    """Both officers saw recommendation 9 with no answer and record one at once (`--if-version 0`): one is
    kept, the other is told, and 9 is answered once."""
    from tracker.services.factory import open_services

    demo.corrections.add_recommendation("london-2025", "9", "Publish the new measure each quarter.")
    other = open_services(demo.url, user="Second Officer")
    try:
        errors = race_two_answers(demo, other, "london-2025", "9", 0)
    finally:
        other.dispose()
    assert len(errors) == 1 and isinstance(errors[0], Conflict), errors
    after = demo.cycles.detail("london-2025", dt.date(2025, 4, 1))
    assert len([p for p in after.replies if "9" in p.covers]) == 1
