"""An answer's version never comes back to one an officer read earlier, a recommendation seen with no answer
is guarded too, and the reply's date on every paper follows what the officer records."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from tests.cli_helpers import ok, plan_with_a_report, run

REPLY = (
    "Dear Chair,\n\n12 November 2024\n\nRecommendation 1\n\nWe accept this and will publish the measures.\n\n"
    "Recommendation 2\n\nWe accept this; young people will be consulted in the spring.\n"
)


@pytest.fixture
def cycle(panel, capsys, tmp_path):
    plan_with_a_report(capsys, panel, tmp_path)
    letter = tmp_path / "reply.txt"
    letter.write_text(REPLY, encoding="utf-8")
    ok(capsys, "import", "reply", str(letter), "--cycle", "c1", "--db", panel)
    return panel


def answer_of(capsys, store, number: str) -> dict | None:
    replies = ok(capsys, "show", "c1", "--db", store)["replies"]
    return next((r for r in replies if number in r["covers"]), None)


def test_an_answer_cleared_and_set_again_never_takes_a_version_read_before(cycle, capsys):
    first = answer_of(capsys, cycle, "1")
    # officer A changes its disposition, and holds the version that gives
    ok(capsys, "recommendation", "set", "c1", "1", "--disposition", "noted", "--db", cycle)
    held = answer_of(capsys, cycle, "1")["version"]
    assert held > first["version"]
    # officer B clears the answer and types another
    ok(capsys, "reply", "clear", "c1", "1", "--db", cycle)
    ok(capsys, "reply", "set", "c1", "1", "--text", "B's reading of the letter.", "--db", cycle)
    assert answer_of(capsys, cycle, "1")["version"] != held
    # A, still at the version read before, is refused and B's answer stands
    code, _, err = run(capsys, "reply", "set", "c1", "1", "--text", "A's reading.", "--if-version", str(held),
                       "--db", cycle)  # fmt: skip
    assert code == 2 and "not saved" in err
    assert answer_of(capsys, cycle, "1")["text"] == "B's reading of the letter."


def test_version_0_records_an_answer_only_where_none_is_recorded_yet(panel, capsys, tmp_path):
    plan_with_a_report(capsys, panel, tmp_path)
    ok(capsys, "reply", "set", "c1", "2", "--text", "Agreed.", "--if-version", "0", "--db", panel)
    assert answer_of(capsys, panel, "2")["text"] == "Agreed."
    # a colleague, who also saw recommendation 2 with no answer, is refused
    code, out, err = run(capsys, "reply", "set", "c1", "2", "--text", "Noted.", "--if-version", "0",
                         "--db", panel)  # fmt: skip
    assert code == 2 and out == "" and err.count("\n") == 1 and "has an answer now" in err
    assert answer_of(capsys, panel, "2")["text"] == "Agreed."


def paper_text(capsys, store, tmp_path, kind: str) -> str:
    target = tmp_path / f"{kind}.pdf"
    extra = ["--without-appendix"] if kind == "agenda" else []
    ok(capsys, "report", kind, "--cycle", "c1", *extra, "-o", str(target), "--db", store)
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(target)).pages)


def test_a_misread_reply_date_corrected_by_hand_is_the_date_on_every_paper(cycle, capsys, tmp_path):
    assert "12 November 2024" in paper_text(capsys, cycle, tmp_path, "audit")
    ok(capsys, "set-date", "c1", "reply", "2024-11-14", "--db", cycle)
    for kind in ("audit", "agenda"):
        text = paper_text(capsys, cycle, tmp_path, kind)
        assert "14 November 2024" in text and "12 November 2024" not in text, kind


def test_a_reply_known_only_to_have_come_by_a_day_says_so(cycle, capsys, tmp_path):
    ok(capsys, "set-date", "c1", "reply", "2024-11-20", "--on-or-before", "--db", cycle)
    text = paper_text(capsys, cycle, tmp_path, "audit")
    assert "on or before 20 November 2024" in text and "dated or before" not in text
    assert "12 November 2024" not in text
