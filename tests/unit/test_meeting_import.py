"""`tracker meeting import FILE.ics --body ID`: meetings from an Outlook or committee-system calendar export,
known by their UID, so importing again adds nothing and a moved meeting is moved, not duplicated."""

from __future__ import annotations

import hashlib

import pytest

from tests.cli_helpers import ok, run

OUTLOOK_UID = (
    "040000008200E00074C5B7101A82E00800000000D0A0C1B2F3E4D50100000000000000001000000"
    "0A1B2C3D4E5F60718293A4B5C6D7E8F90"
)  # as long as Outlook's are: more than the 100 characters a meeting's reference holds


def calendar(*events: str) -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Council//Committees//EN\r\n"
        + "".join(events)
        + "END:VCALENDAR\r\n"
    )


def event(uid: str, start: str, summary: str, *extra: str) -> str:
    lines = [f"UID:{uid}", start, f"SUMMARY:{summary}", *extra]
    return "BEGIN:VEVENT\r\n" + "".join(line + "\r\n" for line in lines) + "END:VEVENT\r\n"


YEAR = calendar(
    event(OUTLOOK_UID, "DTSTART;TZID=Europe/London:20250210T140000", "Police and Crime Panel"),
    event("precept@committees.example", "DTSTART;VALUE=DATE:20250205", "Panel: precept"),
    # 23:30 on 30 June in UTC is 00:30 on 1 July in London (summer time)
    event("late@committees.example", "DTSTART:20250630T233000Z", "Panel: annual report"),
    event("gone@committees.example", "DTSTART;VALUE=DATE:20250901", "Panel: away day", "STATUS:CANCELLED"),
)


def write(tmp_path, text: str | bytes, name: str = "panel.ics"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return str(path)


def meetings(capsys, store):
    return [(m["date"], m["title"]) for m in ok(capsys, "meeting", "list", "--db", store)]


def history(capsys, store):
    return ok(capsys, "history", "--db", store)


def test_each_event_becomes_a_meeting_and_importing_again_adds_nothing(panel, capsys, tmp_path):
    path = write(tmp_path, YEAR)
    first = ok(capsys, "meeting", "import", path, "--body", "wessex", "--db", panel)
    assert len(first["added"]) == 3 and first["unchanged"] == 0
    assert first["cancelled_not_added"] == ["1 Sep 2025: Panel: away day"]
    assert meetings(capsys, panel) == [
        ("2025-02-05", "Panel: precept"),
        ("2025-02-10", "Police and Crime Panel"),
        ("2025-07-01", "Panel: annual report"),
    ]
    logged = len(history(capsys, panel))
    again = ok(capsys, "meeting", "import", path, "--body", "wessex", "--db", panel)
    assert again["added"] == [] and again["moved"] == [] and again["unchanged"] == 3
    assert len(meetings(capsys, panel)) == 3
    assert len(history(capsys, panel)) == logged  # nothing changed, nothing logged


def test_the_uid_is_kept_as_a_hash_that_fits_the_reference(panel, capsys, tmp_path):
    ok(capsys, "meeting", "import", write(tmp_path, YEAR), "--body", "wessex", "--db", panel)
    references = {m["title"]: m["reference"] for m in ok(capsys, "meeting", "list", "--db", panel)}
    expected = "ics:" + hashlib.sha1(OUTLOOK_UID.encode()).hexdigest()
    assert references["Police and Crime Panel"] == expected and len(expected) == 44


def test_a_moved_meeting_is_moved_with_the_change_logged_and_a_cancelled_one_says_so(panel, capsys, tmp_path):
    ok(capsys, "meeting", "import", write(tmp_path, YEAR), "--body", "wessex", "--db", panel)
    changed = calendar(
        event(
            OUTLOOK_UID, "DTSTART;TZID=Europe/London:20250217T140000", "Police and Crime Panel", "SEQUENCE:2"
        ),
        event(
            "precept@committees.example", "DTSTART;VALUE=DATE:20250205", "Panel: precept", "STATUS:CANCELLED"
        ),
    )
    result = ok(
        capsys, "meeting", "import", write(tmp_path, changed, "new.ics"), "--body", "wessex", "--db", panel
    )
    assert result["moved"] == ["Police and Crime Panel: from 10 Feb 2025 to 17 Feb 2025"]
    assert result["cancelled"] == ["5 Feb 2025: Panel: precept"]
    assert meetings(capsys, panel) == [
        ("2025-02-05", "Cancelled: Panel: precept"),
        ("2025-02-17", "Police and Crime Panel"),
        ("2025-07-01", "Panel: annual report"),
    ]
    log = [(c["field"], c["old"], c["new"]) for c in history(capsys, panel) if c["entity"] == "meeting"]
    assert ("date", "10 Feb 2025", "17 Feb 2025") in log
    assert ("title", "Panel: precept", "Cancelled: Panel: precept") in log
    code, out, _ = run(
        capsys, "meeting", "import", str(tmp_path / "new.ics"), "--body", "wessex", "--db", panel
    )
    assert code == 0 and "0 added, 0 moved, 0 marked cancelled, 2 unchanged" in out


def test_a_moved_meeting_tied_to_a_cycle_moves_the_stage_it_plans(panel, capsys, tmp_path):
    ok(capsys, "cycle", "add", "c1", "--body", "wessex", "--template", "plan-pcc",
       "--trigger", "election=2024-05-02", "--db", panel)  # fmt: skip
    ok(capsys, "meeting", "import", write(tmp_path, YEAR), "--body", "wessex", "--db", panel)
    from sqlalchemy import create_engine, update

    from tracker.persistence import tables

    engine = create_engine(panel)
    with engine.begin() as connection:  # the officer ties the imported meeting to the cycle
        connection.execute(
            update(tables.meeting)
            .where(tables.meeting.c.title == "Police and Crime Panel")
            .values(cycle_id="c1")
        )
    engine.dispose()
    moved = calendar(event(OUTLOOK_UID, "DTSTART;VALUE=DATE:20250224", "Police and Crime Panel"))
    result = ok(
        capsys, "meeting", "import", write(tmp_path, moved, "m.ics"), "--body", "wessex", "--db", panel
    )
    assert result["moved"] and result["stages_planned"]
    assert "24 Feb 2025" in result["stages_planned"][0]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "is empty"),
        (b"   \r\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "is a binary file"),
        (b"Subject: Panel\r\n\r\nSee you on Monday", "is not an iCalendar (.ics) file"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "has no events (VEVENT)"),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n:::\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            "cannot be read as iCalendar",
        ),
    ],
)
def test_a_bad_file_is_refused_in_one_line_and_nothing_is_written(panel, capsys, tmp_path, content, words):
    before = len(history(capsys, panel))
    code, out, err = run(
        capsys, "meeting", "import", write(tmp_path, content, "bad.ics"), "--body", "wessex", "--db", panel
    )
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and words in err, err
    assert meetings(capsys, panel) == [] and len(history(capsys, panel)) == before


def test_a_missing_file_or_body_is_refused(panel, capsys, tmp_path):
    code, _out, err = run(
        capsys, "meeting", "import", str(tmp_path / "none.ics"), "--body", "wessex", "--db", panel
    )
    assert code == 2 and "does not exist" in err
    code, _out, err = run(
        capsys, "meeting", "import", write(tmp_path, YEAR), "--body", "nobody", "--db", panel
    )
    assert code == 2 and "'nobody' is not a known body" in err
    assert meetings(capsys, panel) == []


def test_an_event_without_a_uid_or_a_repeating_series_is_left_out_with_a_reason(panel, capsys, tmp_path):
    text = calendar(
        "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20250301\r\nSUMMARY:No id\r\nEND:VEVENT\r\n",
        event("series@x", "DTSTART;VALUE=DATE:20250301", "Monthly briefing", "RRULE:FREQ=MONTHLY"),
        event("ok@x", "DTSTART;VALUE=DATE:20250302", "Panel"),
    )
    result = ok(capsys, "meeting", "import", write(tmp_path, text), "--body", "wessex", "--db", panel)
    assert len(result["added"]) == 1
    assert [note.split(":")[0] for note in result["left_out"]] == ["No id", "Monthly briefing"]
