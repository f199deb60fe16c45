"""What a new panel meets on its first day: titles, windows, unknown cycles and working that reads well."""

from __future__ import annotations

from tests.cli_helpers import ok, run
from tracker.domain.formatting import in_sentence


def test_a_precept_is_titled_by_its_financial_year(panel, capsys):
    added = ok(capsys, "cycle", "add", "p26", "--body", "wessex", "--template", "precept",
               "--trigger", "financial_year_start=2026-04-01", "--db", panel)  # fmt: skip
    assert added["title"].startswith("Precept 2026/27:")


def test_a_meeting_window_that_ends_before_it_starts_is_refused(panel, capsys):
    code, _, err = run(capsys, "meeting", "list", "--from", "2025-03-31", "--to", "2024-09-01", "--db", panel)
    assert code == 2 and "--to" in err and "before --from 2025-03-31" in err


def test_no_meeting_in_a_window_says_which_window(panel, capsys):
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
        "--db",
        panel,
    )
    code, out, _ = run(capsys, "meeting", "list", "--to", "2024-12-31", "--db", panel)
    assert code == 0 and "match: --to 2024-12-31" in out


def test_an_unknown_cycle_is_named_before_the_file_is_read(panel, capsys, tmp_path):
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"\x00\x01 not a pdf")
    code, _, err = run(capsys, "import", "recommendations", str(binary), "--cycle", "nope", "--db", panel)
    assert code == 2 and "'nope' is not a known cycle" in err


def test_labels_inside_a_sentence_keep_their_acronyms():
    assert in_sentence("Ordinary PCC election (day of the poll)") == "ordinary PCC election (day of the poll)"
    assert in_sentence("MOPAC response given to the committee") == "MOPAC response given to the committee"
    assert in_sentence("Final plan issued") == "final plan issued"


def test_a_cycle_that_has_not_started_says_so_instead_of_an_empty_table(panel, capsys):
    ok(capsys, "cycle", "add", "c28", "--body", "wessex", "--template", "plan-pcc",
       "--trigger", "election=2028-05-04", "--db", panel)  # fmt: skip
    code, out, _ = run(capsys, "show", "c28", "--as-of", "2026-11-22", "--db", panel)
    assert (
        code == 0 and "None yet as of 22 Nov 2026: the event that starts this cycle has not happened" in out
    )


def test_the_history_names_stages_and_values_as_people_read_them(panel, capsys):
    ok(capsys, "cycle", "add", "c1", "--body", "wessex", "--template", "plan-pcc",
       "--trigger", "election=2024-05-02", "--db", panel)  # fmt: skip
    ok(capsys, "set-date", "c1", "reply_noted", "2025-02-10", "--db", panel)
    rows = ok(capsys, "history", "--cycle", "c1", "--db", panel)
    noted = next(r for r in rows if r["entity_id"] == "reply_noted")
    assert noted["item"] == "Panel notes the response" and noted["what"] == "date it happened"
    assert noted["field"] == "actual_date"  # the stored name stays in the JSON for scripts
