"""A panel's own year from the command line: bodies, cycles, meetings, settings and the demo kept apart."""

from __future__ import annotations

import hashlib
import json
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from tests.cli_helpers import ok, run


def add_plan_cycle(capsys, db_url: str, cycle_id: str = "c1") -> dict:
    return ok(
        capsys, "cycle", "add", cycle_id, "--body", "wessex", "--template", "plan-pcc",
        "--trigger", "election=2024-05-02", "--db", db_url,
    )  # fmt: skip


def store_digest(db_url: str) -> str:
    """The bytes of the store once its write-ahead log is folded in: unchanged means nothing was written."""
    import gc
    import sqlite3

    gc.collect()  # engines of earlier in-process commands close their connections
    path = Path(db_url.removeprefix("sqlite:///"))
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_body_add_list_and_edit_keep_membership_history(panel, capsys):
    bodies = ok(capsys, "body", "list", "--db", panel)
    assert [b["id"] for b in bodies] == ["wessex"]
    assert bodies[0]["panel"] == {"id": "wessex", "name": "Wessex Police and Crime Panel", "members": 12}
    assert bodies[0]["regime"] == "pcc" and bodies[0]["cycles"] == 0

    edited = ok(capsys, "body", "edit", "wessex", "--members", "10", "--from", "2099-01-01", "--db", panel)
    history = [(r["members"], r["from"]) for r in edited["membership"]]
    assert history[-1] == (10, "2099-01-01") and history[0][0] == 12
    assert edited["panel"]["members"] == 10  # the latest figure recorded

    renamed = ok(
        capsys, "body", "edit", "wessex", "--panel", "Wessex Police, Fire & Crime Panel", "--db", panel
    )
    assert renamed["panel"]["name"] == "Wessex Police, Fire & Crime Panel"


def test_body_add_from_a_shipped_area_knows_it_is_in_wales(db_url, capsys):
    areas = ok(capsys, "body", "areas", "--db", db_url)
    welsh = [a for a in areas if a["wales"]]
    assert {a["id"] for a in welsh} == {"dyfed-powys", "gwent", "north-wales", "south-wales"}
    assert all(a["source"] and a["checked"] for a in areas)
    assert {a["body_kind"] for a in areas} <= {"pcc", "pfcc", "mayor", "mopac", None}
    body = ok(
        capsys,
        "body",
        "add",
        "gwent",
        "--name",
        "Gwent PCC",
        "--kind",
        "pcc",
        "--area",
        "Gwent",
        "--db",
        db_url,
    )
    assert body["in_wales"] is True


@pytest.mark.parametrize(
    "argv, field",
    [
        (["body", "add", "wessex", "--name", "Again", "--kind", "pcc"], "id"),
        (["body", "add", "Bad Id", "--name", "X", "--kind", "pcc"], "id"),
        (["body", "add", "other", "--name", "X", "--kind", "sheriff"], "--kind"),
        (["body", "add", "other", "--name", "X", "--kind", "pcc", "--members", "0"], "--members"),
        (["body", "edit", "nobody", "--name", "X"], "body"),
        (
            [
                "cycle",
                "add",
                "c1",
                "--body",
                "nobody",
                "--template",
                "plan-pcc",
                "--trigger",
                "election=2024-05-02",
            ],
            "--body",
        ),
        (
            [
                "cycle",
                "add",
                "c1",
                "--body",
                "wessex",
                "--template",
                "no-such",
                "--trigger",
                "election=2024-05-02",
            ],
            "--template",  # as typed: the core's "template" is the --template option here
        ),
        (
            [
                "cycle",
                "add",
                "c1",
                "--body",
                "wessex",
                "--template",
                "plan-london",
                "--trigger",
                "election=2024-05-02",
            ],
            "--template",
        ),
        (
            [
                "cycle",
                "add",
                "c1",
                "--body",
                "wessex",
                "--template",
                "plan-pcc",
                "--trigger",
                "poll=2024-05-02",
            ],
            "--trigger",
        ),
        (
            [
                "cycle",
                "add",
                "c1",
                "--body",
                "wessex",
                "--template",
                "plan-pcc",
                "--trigger",
                "election=2024-02-30",
            ],
            "--trigger election",
        ),
        (["cycle", "add", "c1", "--body", "wessex", "--template", "plan-pcc"], "--trigger"),
        (
            [
                "cycle",
                "add",
                "c1",
                "--body",
                "wessex",
                "--template",
                "precept",
                "--trigger",
                "financial_year_start=2027-04-02",
            ],
            "--trigger financial_year_start",
        ),
        (["meeting", "add", "--body", "wessex", "--date", "2025-13-01", "--title", "Panel"], "--date"),
        (["meeting", "add", "--body", "nobody", "--date", "2025-01-10", "--title", "Panel"], "--body"),
        (["meeting", "add", "--body", "wessex", "--date", "2025-01-10", "--title", "  "], "--title"),
        (["settings", "set", "due_soon_days", "-3"], "due_soon_days"),
        (["settings", "set", "colour", "blue"], "key"),
        (["settings", "set", "contact_email", "not an address"], "contact_email"),
        (["settings", "set", "clear_days_count", "fortnightly"], "clear_days_count"),
    ],
)
def test_bad_input_names_the_field_and_leaves_the_store_unchanged(panel, capsys, argv, field):
    before = store_digest(panel)
    code, out, err = run(capsys, *argv, "--db", panel)
    assert code == 2
    assert err.startswith(f"tracker: error: {field}") and err.count("\n") == 1, err
    assert "Traceback" not in err and out == ""
    assert store_digest(panel) == before


def test_cycle_add_derives_its_dates_with_their_working(panel, capsys):
    added = ok(
        capsys,
        "cycle",
        "add",
        "wessex-plan-2024",
        "--body",
        "wessex",
        "--template",
        "plan-pcc",
        "--trigger",
        "election=2024-05-02",
        "--db",
        panel,
    )
    issue = next(d for d in added["dates"] if d["rule"] == "issue-plan")
    assert issue["due"] == "2025-03-31" and "s.5(1)" in issue["citation"] and issue["working"]
    listed = ok(capsys, "cycles", "--db", panel)
    assert [c["id"] for c in listed] == ["wessex-plan-2024"]

    changed = ok(capsys, "cycle", "edit", "wessex-plan-2024", "--title", "Plan 2024 to 2028", "--db", panel)
    assert changed["changed"] == ["title: Plan 2024 to 2028"]
    # moving the election moves the statutory deadline with it
    ok(capsys, "cycle", "edit", "wessex-plan-2024", "--trigger", "election=2025-05-01", "--db", panel)
    shown = ok(capsys, "show", "wessex-plan-2024", "--db", panel)
    due = {o["obligation"]: o["due"] for o in shown["obligations"]}
    assert due["issue-plan"] == "2026-03-31"


def test_cycle_remove_needs_yes_and_then_takes_everything_in_one_go(panel, capsys):
    add_plan_cycle(capsys, panel)
    ok(
        capsys,
        "meeting",
        "add",
        "--body",
        "wessex",
        "--date",
        "2025-02-10",
        "--title",
        "Panel",
        "--cycle",
        "c1",
        "--db",
        panel,
    )
    before = store_digest(panel)
    code, out, err = run(capsys, "cycle", "remove", "c1", "--db", panel)
    assert code == 2 and "18 stages, 1 meeting" in err and "Nothing was removed" in err
    assert store_digest(panel) == before
    removed = ok(capsys, "cycle", "remove", "c1", "--yes", "--db", panel)
    assert removed["with"]["meetings"] == 1
    assert ok(capsys, "cycles", "--db", panel) == []
    assert ok(capsys, "meeting", "list", "--db", panel) == []
    history = ok(capsys, "history", "--cycle", "c1", "--db", panel)
    assert any(h["field"] == "removed" for h in history)


def test_a_meeting_tied_to_a_cycle_sets_its_papers_deadline(panel, capsys):
    add_plan_cycle(capsys, panel)
    meeting = ok(
        capsys,
        "meeting",
        "add",
        "--body",
        "wessex",
        "--date",
        "2025-02-10",
        "--title",
        "Panel meeting",
        "--cycle",
        "c1",
        "--db",
        panel,
    )
    # five clear working days before Monday 10 February 2025: publish by Friday 31 January
    assert meeting["papers_by"] == "2025-01-31"
    shown = ok(capsys, "show", "c1", "--as-of", "2025-01-20", "--db", panel)
    papers = next(o for o in shown["obligations"] if o["obligation"] == "agenda-papers")
    assert papers["due"] == "2025-01-31"
    assert "10 Feb 2025" in papers["working"]
    listed = ok(capsys, "meeting", "list", "--cycle", "c1", "--db", panel)
    assert [(m["date"], m["title"]) for m in listed] == [("2025-02-10", "Panel meeting")]

    # counted in calendar days, the same meeting needs the papers out by 4 February
    ok(capsys, "settings", "set", "clear_days_count", "calendar", "--db", panel)
    shown = ok(capsys, "show", "c1", "--as-of", "2025-01-20", "--db", panel)
    papers = next(o for o in shown["obligations"] if o["obligation"] == "agenda-papers")
    assert papers["due"] == "2025-02-04"


def _png(path: Path) -> Path:
    """A 2x2 white PNG, written by hand so the test needs no image library."""
    raw = b"".join(b"\x00" + b"\xff\xff\xff" * 2 for _ in range(2))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return path


def test_settings_show_set_and_a_logo_copied_into_the_store(panel, capsys, tmp_path):
    for key, value in [
        ("organisation", "Wessex Police and Crime Panel"),
        ("report_of", "Head of Democratic Services"),
        ("contact_name", "Gwenllian ap Rhys"),
        ("contact_telephone", "01234 567890"),
        ("contact_email", "panel@wessex.example"),
        ("due_soon_days", "21"),
        ("user_name", "Gwenllian ap Rhys"),
    ]:
        assert ok(capsys, "settings", "set", key, value, "--db", panel)["value"] == value
    logo = _png(tmp_path / "crest.png")
    ok(capsys, "settings", "set", "logo", str(logo), "--db", panel)
    logo.unlink()  # the store holds its own copy
    shown = {r["key"]: r for r in ok(capsys, "settings", "show", "--db", panel)}
    assert shown["logo"]["value"] == "crest.png"
    assert shown["organisation"]["value"] == "Wessex Police and Crime Panel"
    assert shown["user_name"]["scope"] == "this computer" and shown["organisation"]["scope"] == "store"

    from tracker.services.factory import open_services

    services = open_services(panel, user=None)
    try:
        paper = services.settings.report_settings()
        assert paper["logo_path"].read_bytes().startswith(b"\x89PNG")
        assert services.cycles.due_soon_days == 21
    finally:
        services.dispose()

    text = tmp_path / "not-an-image.png"
    text.write_text("hello", encoding="utf-8")
    code, _, err = run(capsys, "settings", "set", "logo", str(text), "--db", panel)
    assert code == 2 and "is not a PNG or JPEG image" in err


def test_the_user_name_setting_signs_the_change_log(panel, capsys, monkeypatch):
    monkeypatch.delenv("TRACKER_USER")
    ok(capsys, "settings", "set", "user_name", "Rhian Jones", "--db", panel)
    ok(capsys, "body", "edit", "wessex", "--name", "Wessex Commissioner", "--db", panel)
    history = ok(capsys, "history", "--db", panel)
    assert history[0]["who"] == "Rhian Jones"


def test_demo_remove_takes_the_london_cycles_and_nothing_else(panel, capsys):
    ok(capsys, "demo", "--db", panel)
    add_plan_cycle(capsys, panel)
    removed = ok(capsys, "demo", "--remove", "--db", panel)
    assert sorted(removed["removed"]) == ["london-2013", "london-2017", "london-2022", "london-2025"]
    assert [c["id"] for c in ok(capsys, "cycles", "--db", panel)] == ["c1"]
    assert {b["id"] for b in ok(capsys, "body", "list", "--db", panel)} >= {"wessex"}


def test_demo_example_uses_its_own_store(panel, capsys):
    loaded = ok(capsys, "demo", "--example", "--db", panel)
    assert "london-example.db" in loaded["store"]
    assert ok(capsys, "cycles", "--db", panel) == []


def test_run_on_a_fresh_data_folder_never_writes_demo_cycles_into_the_users_store(tmp_path):
    root = Path(__file__).resolve().parents[2]
    if not (root / ".venv" / "bin" / "tracker").exists():
        pytest.skip("./run needs the project's .venv")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["TRACKER_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(["bash", str(root / "run")], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "london-2022" in result.stdout  # the example is shown ...
    user_store = f"sqlite:///{tmp_path / 'tracker.db'}"
    listed = subprocess.run(
        [sys.executable, "-m", "tracker.cli.main", "cycles", "--json", "--db", user_store],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert json.loads(listed.stdout) == []  # ... but never from the user's own store


def test_a_local_protocol_is_shown_only_for_the_body_whose_panel_turned_its_own_on(panel, capsys, tmp_path):
    ok(capsys, "body", "add", "eastshire", "--name", "Eastshire PCC", "--kind", "pcc", "--db", panel)
    for body in ("wessex", "eastshire"):
        ok(capsys, "cycle", "add", f"{body}-plan", "--body", body, "--template", "plan-pcc", "--trigger",
           "election=2024-05-02", "--db", panel)  # fmt: skip
        ok(capsys, "set-date", f"{body}-plan", "panel_report", "2024-11-05", "--db", panel)

    def protocol_rows(cycle):
        shown = ok(capsys, "show", cycle, "--as-of", "2024-11-06", "--db", panel)
        return [o for o in shown["obligations"] if "protocol" in o["obligation"]]

    assert protocol_rows("wessex-plan") == [] and protocol_rows("eastshire-plan") == []
    code, _, err = run(capsys, "body", "edit", "wessex", "--protocol-days", "15", "--db", panel)
    assert code == 2 and "--protocol-label" in err and err.count("\n") == 1
    ok(capsys, "body", "edit", "wessex", "--protocol-days", "15", "--protocol-label",
       "acknowledge the panel's report in writing", "--db", panel)  # fmt: skip
    (row,) = protocol_rows("wessex-plan")
    assert row["label"] == "Local protocol: acknowledge the panel's report in writing"
    assert row["due"] == "2024-11-26"  # 15 working days after Tuesday 5 November
    assert protocol_rows("eastshire-plan") == []  # another body's panel has not turned one on
    target = tmp_path / "status.pdf"
    ok(capsys, "report", "status", "--cycle", "wessex-plan", "--as-of", "2024-11-06", "-o", str(target),
       "--db", panel)  # fmt: skip
    from pypdf import PdfReader

    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(target)).pages)
    assert "acknowledge the panel's report in writing" in text and "edit to match" not in text
    ok(capsys, "body", "edit", "wessex", "--no-protocol", "--db", panel)
    assert protocol_rows("wessex-plan") == []


def test_a_meeting_for_another_stage_plans_that_stage_and_moving_it_leaves_the_papers_meeting(panel, capsys):
    add_plan_cycle(capsys, panel)

    def planned() -> dict:
        shown = ok(capsys, "show", "c1", "--db", panel)
        return {
            s["stage"]: s["planned"] for s in shown["stages"] if s["stage"] in ("panel_report", "reply_noted")
        }

    common = ["--body", "wessex", "--cycle", "c1", "--db", panel]
    ok(capsys, "meeting", "add", "--date", "2025-02-10", "--title", "Reply noted", *common)
    review = ok(
        capsys,
        "meeting",
        "add",
        "--date",
        "2024-12-02",
        "--title",
        "Draft plan",
        "--for",
        "panel_report",
        *common,
    )
    assert planned() == {"panel_report": "2024-12-02", "reply_noted": "2025-02-10"}
    ok(capsys, "meeting", "edit", str(review["id"]), "--date", "2024-12-09", "--db", panel)
    assert planned() == {"panel_report": "2024-12-09", "reply_noted": "2025-02-10"}


def test_a_stale_edit_of_a_meeting_never_changed_since_it_was_made_says_it_was_created(panel, capsys):
    add_plan_cycle(capsys, panel)
    common = ["--body", "wessex", "--cycle", "c1", "--db", panel]
    meeting = ok(capsys, "meeting", "add", "--date", "2025-02-10", "--title", "Reply noted", *common)
    code, _, err = run(
        capsys, "meeting", "edit", str(meeting["id"]), "--if-version", "0", "--title", "x", "--db", panel
    )
    assert code == 2 and "(created as 10 Feb 2025: Reply noted)" in err and "the created" not in err
