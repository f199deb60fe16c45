"""The `tracker` command line: JSON shapes scripts rely on, exit codes, and bad input leaving the store alone."""

from __future__ import annotations

import json

import pytest

from tests.cli_helpers import run


@pytest.fixture
def store(db_url, capsys):
    assert run(capsys, "demo", "--db", db_url)[0] == 0
    return db_url


def test_rules_compute_json_shape(capsys):
    code, out, err = run(
        capsys, "rules", "compute", "plan-london", "--trigger", "election=2016-05-05", "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["template"] == "plan-london"
    issue = next(d for d in data["dates"] if d["id"] == "issue-plan")
    assert issue == {
        "id": "issue-plan",
        "label": issue["label"],
        "date": "2017-03-31",
        "kind": "deadline",
        "basis": "statute",
        "citation": "PRSRA 2011 s.6(1)",
        "working": issue["working"],
        "warnings": issue["warnings"],
    }
    assert all(
        set(d) >= {"id", "label", "date", "kind", "basis", "citation", "working"} for d in data["dates"]
    )
    soft = next(d for d in data["dates"] if d["id"] == "issue-plan-asap")
    assert soft["date"] is None and soft["kind"] == "target"


def test_rules_compute_repeats_the_trigger_option(capsys):
    code, out, _ = run(
        capsys,
        "rules",
        "compute",
        "chief-constable",
        "--trigger",
        "notification_received=2024-04-25",
        "--trigger",
        "poll=2024-05-02",
        "--trigger",
        "declaration=2024-05-04",
        "--json",
    )
    assert code == 0
    dates = {d["id"]: d["date"] for d in json.loads(out)["dates"]}
    assert dates["confirmation-report"] == "2024-05-18"


@pytest.mark.parametrize(
    ("argv", "field", "value"),
    [
        (
            ["rules", "compute", "plan-london", "--trigger", "election=2023-02-29"],
            "--trigger election",
            "2023-02-29",
        ),
        (
            ["rules", "compute", "plan-london", "--trigger", "election=05/13/2016"],
            "--trigger election",
            "05/13/2016",
        ),
        (["rules", "compute", "plan-london", "--trigger", "elektion=2016-05-05"], "--trigger", "elektion"),
        (
            ["rules", "compute", "plan-nowhere", "--trigger", "election=2016-05-05"],
            "template",
            "plan-nowhere",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_field_and_value(capsys, argv, field, value):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert field in lines[0] and repr(value) in lines[0]


def test_rules_list_names_every_template(capsys):
    code, out, _ = run(capsys, "rules", "list", "--json")
    assert code == 0
    ids = {t["id"] for t in json.loads(out)}
    assert {
        "plan-london",
        "plan-pcc",
        "annual-report",
        "precept",
        "chief-constable",
        "senior-staff",
        "dmpc-hearing",
    } <= ids


def test_deadlines_json_shape_and_as_of(capsys, store):
    code, out, err = run(capsys, "deadlines", "--db", store, "--as-of", "2017-03-01", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert rows
    for row in rows:
        assert {"cycle", "obligation", "label", "due", "status", "basis", "citation", "working"} <= set(row)
    reply = next(
        r for r in rows if r["cycle"] == "london-2017" and r["obligation"] == "response-before-issue"
    )
    assert reply["status"] == "not yet due" and reply["due"] == "2017-03-31"


def test_deadlines_within_keeps_only_open_items(capsys, store):
    code, out, _ = run(
        capsys, "deadlines", "--db", store, "--as-of", "2017-03-01", "--within", "40", "--json"
    )
    assert code == 0
    rows = json.loads(out)
    assert rows and all(r["status"] in {"not yet due", "due soon", "due today", "overdue"} for r in rows)
    assert all(r["due"] <= "2017-04-10" for r in rows)


def test_cycles_and_show(capsys, store):
    code, out, _ = run(capsys, "cycles", "--db", store, "--json")
    assert code == 0
    cycles = {c["id"]: c for c in json.loads(out)}
    assert set(cycles) == {"london-2013", "london-2017", "london-2022", "london-2025"}
    assert cycles["london-2022"]["coverage"]["text"] == "16 of 16 replied, 4 grouped, 0 missing"
    code, out, _ = run(capsys, "show", "london-2013", "--db", store, "--json")
    data = json.loads(out)
    assert len(data["recommendations"]) == 19
    assert next(s for s in data["stages"] if s["stage"] == "plan_issued")["precision"] == "month"
    code, text, _ = run(capsys, "show", "london-2022", "--db", store)
    assert code == 0 and "Recommendations: 16 of 16 replied" in text


def test_set_date_and_extend_then_bad_ones_write_nothing(capsys, store):
    assert run(capsys, "set-date", "london-2025", "panel_report", "2025-02-20", "--db", store)[0] == 0
    code, _, err = run(capsys, "set-date", "london-2025", "reply", "2025-02-01", "--db", store)
    assert code == 2 and "'2025-02-01'" in err and "cannot come before" in err
    code, _, err = run(capsys, "set-date", "london-2025", "reply", "2023-02-29", "--db", store)
    assert code == 2 and "not a real date: February 2023 has 28 days" in err
    code, _, err = run(capsys, "set-date", "london-2099", "reply", "2025-03-01", "--db", store)
    assert code == 2 and "'london-2099'" in err
    code, _, err = run(capsys, "set-date", "london-2025", "rply", "2025-03-01", "--db", store)
    assert code == 2 and "'rply'" in err
    code, _, err = run(
        capsys, "extend", "london-2017", "consultation_end", "2017-02-01", "--reason", "x", "--db", store
    )
    assert code == 2 and "earlier" in err
    code, out, _ = run(capsys, "history", "--db", store, "--json")
    edits = [c for c in json.loads(out) if c["entity"] == "stage"]
    assert len(edits) == 1 and edits[0]["entity_id"] == "panel_report"


def test_month_precision_from_the_command_line(capsys, store):
    code, out, _ = run(capsys, "set-date", "london-2025", "panel_report", "2025-02", "--db", store, "--json")
    assert code == 0 and json.loads(out)["new"] == "February 2025 (day not known)"
    code, _, err = run(capsys, "set-date", "london-2025", "panel_report", "2025-13", "--db", store)
    assert code == 2 and "'2025-13'" in err


def test_tracker_db_environment_variable(capsys, store, monkeypatch):
    monkeypatch.setenv("TRACKER_DB", store)
    code, out, _ = run(capsys, "cycles", "--json")
    assert code == 0 and len(json.loads(out)) == 4


def test_unsupported_database_url(capsys):
    code, _, err = run(capsys, "cycles", "--db", "mysql://x/y")
    assert code == 2 and "does not support" in err


def test_a_follow_up_has_its_day_under_both_names_in_audit_and_show(store, capsys):
    def follow_ups(*argv: str) -> list[dict]:
        code, out, err = run(capsys, *argv, "london-2022", "--json", "--db", store)
        assert code == 0, err
        return next(r["follow_ups"] for r in json.loads(out)["recommendations"] if r["number"] == "6")

    for command in ("audit", "show"):
        (follow,) = follow_ups(command)
        assert follow["date"] == follow["due"] == "2022-09-30", command


@pytest.mark.parametrize(
    ("argv", "start"),
    [
        (["set-date", "no-such", "reply", "2025-03-01"], "cycle: 'no-such'"),
        (["set-date", "london-2025", "reply", "31/4/2025"], "date: '31/4/2025'"),
        (["reply", "clear", "no-such", "3"], "cycle: 'no-such'"),
        (["reply", "set", "london-2022", "3,99", "--text", "Yes."], "numbers: '99'"),
        (["recommendation", "renumber", "london-2022", "99", "100"], "number: '99'"),
        (["recommendation", "set", "london-2022", "99", "--text", "Yes."], "number: '99'"),
        (["recommendation", "subpoint", "london-2022", "2", "q", "--answered"], "index: 'q'"),
        (["recommendation", "merge", "london-2022", "3", "99"], "other: '99'"),
        (["deadlines", "--as-of", "31/4/2025"], "--as-of: '31/4/2025'"),
    ],
)
def test_an_error_names_the_field_as_the_command_was_typed(capsys, store, argv, start):
    code, out, err = run(capsys, *argv, "--db", store)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(f"tracker: error: {start} "), err


def test_a_damaged_pdf_is_said_plainly(capsys, tmp_path):
    blob = tmp_path / "blob.pdf"
    blob.write_bytes(b"%PDF-1.4\nthese bytes only start like a PDF\n")
    code, out, err = run(capsys, "extract", str(blob))
    assert code == 2 and out == ""
    assert err == "tracker: error: path: 'blob.pdf' is not a readable PDF: it is damaged or not a PDF\n"
