"""`tracker body add ID --area NAME` fills the body and its panel from the shipped police areas; `tracker show`
and `tracker deadlines` list obligations soonest first, the undated last."""

from __future__ import annotations

import pytest

from tests.cli_helpers import ok, run


def test_an_area_from_the_shipped_list_fills_the_body_and_its_panel(db_url, capsys):
    row = ok(capsys, "body", "add", "avon", "--area", "Avon and Somerset", "--members", "12", "--db", db_url)
    assert row["name"] == "Avon and Somerset Police and Crime Commissioner"
    assert row["kind"] == "pcc"
    assert row["area"] == "Avon and Somerset"
    assert row["in_wales"] is False
    assert row["panel"] == {"id": "avon", "name": "Avon and Somerset Police and Crime Panel", "members": 12}


def test_an_area_is_found_by_its_id_in_any_case_and_a_welsh_one_says_so(db_url, capsys):
    from tracker.services.bodies import police_areas

    welsh = next(a for a in police_areas() if a.wales and a.body_kind)
    row = ok(capsys, "body", "add", "w", "--area", welsh.id.upper(), "--db", db_url)
    assert (row["area"], row["name"], row["kind"]) == (welsh.name, welsh.body_name, welsh.body_kind)
    assert row["in_wales"] is True


def test_what_is_given_wins_over_the_list(db_url, capsys):
    row = ok(
        capsys, "body", "add", "avon", "--area", "avon-and-somerset", "--name", "The Commissioner",
        "--panel", "Joint Panel", "--db", db_url,
    )  # fmt: skip
    assert row["name"] == "The Commissioner"
    assert row["kind"] == "pcc"
    assert row["panel"]["name"] == "Joint Panel"


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--kind", "pcc"], "--name is needed, or --area with one of the shipped police areas"),
        (["--area", "Wessex", "--kind", "pcc"], "--name is needed: 'Wessex' is not one of the shipped"),
        (
            ["--area", "Wessex", "--name", "Wessex PCC"],
            "--kind is needed: 'Wessex' is not one of the shipped",
        ),
    ],
)
def test_without_a_known_area_name_and_kind_are_needed(db_url, capsys, argv, words):
    code, out, err = run(capsys, "body", "add", "x", *argv, "--db", db_url)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and words in err
    assert ok(capsys, "body", "list", "--db", db_url) == []


def _dues(rows):
    return [row["due"] for row in rows]


def _in_order(dues):
    dated = [d for d in dues if d is not None]
    return dues == sorted(dated) + [None] * (len(dues) - len(dated))


def test_show_and_deadlines_list_obligations_by_due_date_undated_last(demo, db_url, capsys):
    shown = ok(capsys, "show", "london-2013", "--as-of", "2013-04-30", "--db", db_url)["obligations"]
    dues = _dues(shown)
    assert None in dues and dues[0] == "2013-03-25"  # the reply asked for comes before the plan's own date
    assert _in_order(dues)
    code, out, _err = run(capsys, "show", "london-2013", "--as-of", "2013-04-30", "--db", db_url)
    table = out.split("\nObligations\n", 1)[1].splitlines()[2:]
    assert table[0].startswith("25 Mar 2013") and table[1].startswith("31 Mar 2013")
    assert table[2].startswith("no date")

    every = ok(capsys, "deadlines", "--as-of", "2026-01-01", "--db", db_url)  # every cycle of the example
    assert _in_order(_dues(every)) and len(every) > len(shown)
