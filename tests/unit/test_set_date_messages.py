"""What `tracker set-date` tells the user: the kind of date it changed in words, a month-only date as a
month, and a date the panel sets kept as a planned date, said out loud."""

from __future__ import annotations

import datetime as dt

from tests.cli_helpers import ok, run


def add_cycle(capsys, url) -> None:
    next_year = dt.date.today().year + 1
    ok(
        capsys, "cycle", "add", "c1", "--body", "wessex", "--template", "plan-pcc",
        "--trigger", f"election={next_year}-05-06", "--db", url,
    )  # fmt: skip


def test_text_output_names_the_kind_of_date_not_the_column(capsys, panel):
    add_cycle(capsys, panel)
    code, out, _ = run(capsys, "set-date", "c1", "draft_published", "2026-01-15", "--db", panel)
    assert code == 0 and "c1 draft_published, date it happened: not recorded -> 15 Jan 2026" in out
    code, out, _ = run(capsys, "set-date", "c1", "plan_issued", "2027-03-20", "--planned", "--db", panel)
    assert code == 0 and "planned date: none -> 20 Mar 2027" in out and "planned_date" not in out


def test_a_month_in_the_future_is_named_as_a_month(capsys, panel):
    add_cycle(capsys, panel)
    year = dt.date.today().year + 2
    data = ok(capsys, "set-date", "c1", "draft_published", f"{year}-02", "--db", panel)
    assert any(f"happened in February {year}, which is after today" in w for w in data["warnings"])
    assert not any(f"1 Feb {year}" in w for w in data["warnings"])


def test_a_date_the_panel_sets_is_kept_as_planned_and_says_so(capsys, panel):
    add_cycle(capsys, panel)
    data = ok(capsys, "set-date", "c1", "reply_required_by", "2026-12-18", "--db", panel)
    assert data["field"] == "planned_date"
    assert any("a date the panel sets" in w and "planned date" in w for w in data["warnings"])
    quiet = ok(capsys, "set-date", "c1", "reply_required_by", "2026-12-19", "--planned", "--db", panel)
    assert quiet["warnings"] == []


def test_a_date_the_panel_sets_must_be_a_day(capsys, panel):
    add_cycle(capsys, panel)
    code, out, err = run(capsys, "set-date", "c1", "reply_required_by", "2026-12", "--db", panel)
    assert code == 2 and out == "" and "must be a day (YYYY-MM-DD)" in err
    shown = ok(capsys, "show", "c1", "--db", panel)
    assert next(s for s in shown["stages"] if s["stage"] == "reply_required_by")["planned"] is None
