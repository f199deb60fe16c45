"""Bounds on what the user types: strict dates, a bounded --within, known cycles, no printed passwords."""

from __future__ import annotations

import pytest

from tests.cli_helpers import ok, run


# ---- dates -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2025-W06-1", "is not a date: type it as"),
        ("20250210", "is not a date: type it as"),
        ("9999-01-01", "is outside the years 1900 to 2200"),
        ("0001-01-01", "is outside the years 1900 to 2200"),
        ("1899-12-31", "is outside the years 1900 to 2200"),
        ("2025-02-30", "is not a real date: February 2025 has 28 days"),
        ("3/13/2025", "has no month 13: the day comes first, then the month"),  # never month first
        ("31/4/2025", "is not a real date: April 2025 has 30 days"),
        ("March 2025", "is not one day"),
        ("12/3", "is not a date: type it as"),
    ],
)
def test_trigger_date_refused(capsys, value, problem):
    code, out, err = run(capsys, "rules", "compute", "plan-pcc", "--trigger", f"election={value}")
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "--trigger election" in lines[0]
    assert repr(value) in lines[0]
    assert problem in lines[0]


@pytest.mark.parametrize(
    "value",
    [
        "2024-05-02",
        "2/5/2024",
        "02/05/2024",
        "2-5-2024",
        "02-05-2024",
        "2.5.24",
        "2 May 2024",
        "2nd May 2024",
    ],
)
def test_trigger_date_in_range_still_works_day_first_as_well(capsys, value):
    data = ok(capsys, "rules", "compute", "plan-pcc", "--trigger", f"election={value}")
    assert data["triggers"]["election"] == "2024-05-02"


def test_a_day_first_date_is_taken_by_every_date_option(capsys, db_url):
    ok(capsys, "demo", "--db", db_url)
    data = ok(capsys, "deadlines", "--as-of", "12/3/2025", "--db", db_url)
    assert data and all("status" in row for row in data)
    assert ok(capsys, "deadlines", "--as-of", "12 March 2025", "--db", db_url) == data
    assert ok(capsys, "deadlines", "--as-of", "2025-03-12", "--db", db_url) == data
    done = ok(capsys, "set-date", "london-2025", "panel_report", "20-02-2025", "--db", db_url)
    assert done["new"].endswith("2025-02-20") or "20 Feb 2025" in done["new"]


def test_parse_date_bounds_are_inclusive():
    from tracker.cli.common import parse_date

    assert parse_date("1900-01-01", "DATE").year == 1900
    assert parse_date("2200-12-31", "DATE").year == 2200
    assert parse_date(" 2024-05-02 ", "DATE").isoformat() == "2024-05-02"


def test_parse_date_refuses_non_ascii_digits():
    from tracker.cli.common import parse_date
    from tracker.errors import BadInput

    with pytest.raises(BadInput, match="is not a date: type it as"):
        parse_date("２０２４-05-02", "DATE")


@pytest.mark.parametrize("value", ["9999-01", "1899-12", "0001-01"])
def test_month_date_year_bounded(value):
    from tracker.cli.commands_store import _parse_stage_date
    from tracker.errors import BadInput

    with pytest.raises(BadInput, match="is outside the years 1900 to 2200"):
        _parse_stage_date(value, on_or_before=False)


def test_month_date_in_range_still_works():
    from tracker.cli.commands_store import _parse_stage_date
    from tracker.domain import Precision

    day, precision = _parse_stage_date("2024-05", on_or_before=False)
    assert day.isoformat() == "2024-05-01"
    assert precision == Precision.MONTH


# ---- --within ----------------------------------------------------------------------------------------
def test_within_too_large_refused(capsys, db_url):
    code, out, err = run(capsys, "deadlines", "--within", "99999", "--db", db_url)
    assert code == 2
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert "--within" in err


def test_within_at_limit_accepted(capsys, db_url):
    ok(capsys, "init", "--db", db_url)
    assert ok(capsys, "deadlines", "--within", "36500", "--db", db_url) == []


# ---- history -----------------------------------------------------------------------------------------
def test_history_unknown_cycle_refused(capsys, db_url):
    ok(capsys, "init", "--db", db_url)
    code, out, err = run(capsys, "history", "--cycle", "nope", "--db", db_url)
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert "cycle: 'nope' is not a known cycle" in err


def test_history_without_cycle_still_works(capsys, db_url):
    ok(capsys, "init", "--db", db_url)
    assert ok(capsys, "history", "--db", db_url) == []


def test_history_known_cycle_works(capsys, db_url):
    ok(capsys, "demo", "--db", db_url)
    cycles = ok(capsys, "cycles", "--db", db_url)
    assert cycles
    assert isinstance(ok(capsys, "history", "--cycle", cycles[0]["id"], "--db", db_url), list)


# ---- URLs --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("postgresql://u:secret@h/db", ["u", "@h", "/db"]),
        ("postgres://u:secret@h/db", ["u", "@h", "/db"]),
        ("postgresql://u@h/db?password=secret", ["u@h", "/db"]),
        ("postgresql+psycopg://u:secret@h:5433/db?sslmode=require", ["@h:5433", "/db", "sslmode=require"]),
        ("sqlite:////tmp/x.db", ["sqlite:////tmp/x.db"]),
    ],
)
def test_display_url_hides_password(url, kept):
    from tracker.persistence.urls import display_url

    shown = display_url(url)
    assert "secret" not in shown
    for part in kept:
        assert part in shown, shown


def test_display_url_unparseable_masks_credentials():
    from tracker.persistence.urls import display_url

    shown = display_url("not a url://u:secret@h/db")
    assert "secret" not in shown
    assert "@h/db" in shown
