"""Complete down to sub-points: each sub-point's status in the audit, proposed from the reply's words and
settled by the officer; the papers flag a sub-point the reply never reaches."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.cli_helpers import ok, run
from tracker.domain.similarity import reaches


@pytest.fixture
def store(demo):
    return demo.url


def audit_points(capsys, store, number):
    audit = ok(capsys, "audit", "london-2022", "--db", store)
    return next(r for r in audit["recommendations"] if r["number"] == number)["subpoints"]


def test_a_partly_answered_recommendation_flags_its_unanswered_subpoints(store, capsys):
    # 2022's recommendation 2 asks four things; the reply speaks of perpetrator programmes only
    points = audit_points(capsys, store, "2")
    assert [p["status"] for p in points] == ["answered", "answered", "not answered", "not answered"]
    assert points[3]["text"] == "a whole-school approach" and points[3]["confirmed"] is False


def test_show_keeps_subpoints_as_strings_and_adds_their_status(store, capsys):
    shown = ok(capsys, "show", "london-2022", "--db", store)
    rec = next(r for r in shown["recommendations"] if r["number"] == "2")
    assert all(isinstance(s, str) for s in rec["subpoints"])
    assert [s["text"] for s in rec["subpoint_status"]] == rec["subpoints"]
    assert rec["subpoint_status"][2]["status"] == "not answered"


def test_without_a_recorded_reply_subpoints_are_not_recorded(store, capsys):
    audit = ok(capsys, "audit", "london-2017", "--db", store)
    statuses = {p["status"] for r in audit["recommendations"] for p in r["subpoints"]}
    assert statuses == {"not recorded"}


def test_the_officer_settles_a_subpoint_and_clears_it_again(store, capsys):
    done = ok(capsys, "recommendation", "subpoint", "london-2022", "2", "4", "--answered", "--db", store)
    assert done["text"] == "a whole-school approach"
    point = audit_points(capsys, store, "2")[3]
    assert (point["status"], point["confirmed"]) == ("answered", True)
    ok(capsys, "recommendation", "subpoint", "london-2022", "2", "1", "--not-answered", "--db", store)
    assert audit_points(capsys, store, "2")[0]["status"] == "not answered"
    ok(capsys, "recommendation", "subpoint", "london-2022", "2", "4", "--clear", "--db", store)
    assert audit_points(capsys, store, "2")[3]["status"] == "not answered"
    code, _, err = run(
        capsys, "recommendation", "subpoint", "london-2022", "2", "9", "--answered", "--db", store
    )
    assert code == 2 and "index: '9'" in err and "it has 4" in err
    history = ok(capsys, "history", "--cycle", "london-2022", "--db", store)
    assert [h["field"] for h in history].count("sub-point 4") == 2


def test_reach_needs_the_subpoints_own_words():
    assert reaches("perpetrator programmes in every borough", "investment in perpetrator programmes")
    assert not reaches("a whole-school approach", "investment in perpetrator programmes and training")
    assert reaches("crime", "Crime fell in every borough")  # a one-word point needs its one word
    assert not reaches("crime", "Confidence rose")


def test_the_audit_paper_and_the_assessment_flag_the_unreached_subpoint(store, tmp_path, capsys):
    audit = tmp_path / "audit.pdf"
    ok(capsys, "report", "audit", "--cycle", "london-2022", "-o", str(audit), "--db", store)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(audit.read_bytes())).pages)
    assert "⚠ not answered" in text and "✓ answered" in text
    agenda = tmp_path / "agenda.pdf"
    ok(capsys, "report", "agenda", "--cycle", "london-2022", "--with-assessment", "--without-appendix",
       "-o", str(agenda), "--db", store)  # fmt: skip
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(agenda.read_bytes())).pages)
    assert "does not reach: 2(c) domestic abuse" in " ".join(text.split())


def _rec(capsys, store, number, cycle="london-2013"):
    shown = ok(capsys, "show", cycle, "--db", store)
    return next(r for r in shown["recommendations"] if r["number"] == number)


def test_a_subpoint_is_named_by_its_letter_as_the_papers_print_it(store, capsys):
    for given in ("d", "(d)", "2(d)", "D"):
        done = ok(
            capsys, "recommendation", "subpoint", "london-2022", "2", given, "--answered", "--db", store
        )
        assert (done["index"], done["label"], done["text"]) == (4, "d", "a whole-school approach")
    code, out, err = run(
        capsys, "recommendation", "subpoint", "london-2022", "2", "(f)", "--answered", "--db", store
    )
    assert code == 2 and out == "" and err.count("\n") == 1 and "'(f)'" in err and "a to d" in err


def test_the_officer_corrects_a_subpoints_words_and_removes_one(store, capsys):
    before = _rec(capsys, store, "6")
    done = ok(capsys, "recommendation", "subpoint", "london-2013", "6", "b", "--text",
              "  where the extra resources\ncome from, year by year ", "--if-version", str(before["version"]),
              "--db", store)  # fmt: skip
    assert done["text"] == "where the extra resources come from, year by year" and done["removed"] is False
    after = _rec(capsys, store, "6")
    assert after["subpoints"][1] == done["text"] and after["version"] == done["version"] > before["version"]
    # the other officer, still at the version read before, is refused with the shared wording
    code, _, err = run(capsys, "recommendation", "subpoint", "london-2013", "6", "b", "--text", "other words",
                       "--if-version", str(before["version"]), "--db", store)  # fmt: skip
    assert code == 2 and "your change was not saved" in err
    # removing asks for --yes, and says what would go
    code, _, err = run(
        capsys, "recommendation", "subpoint", "london-2013", "6", "a", "--remove", "--db", store
    )
    assert code == 2 and "--yes" in err and "how the model strengthens" in err and err.count("\n") == 1
    assert len(_rec(capsys, store, "6")["subpoints"]) == 3
    gone = ok(
        capsys, "recommendation", "subpoint", "london-2013", "6", "a", "--remove", "--yes", "--db", store
    )
    assert gone["removed"] is True and gone["text"] == "how the model strengthens neighbourhood policing"
    assert _rec(capsys, store, "6")["subpoints"] == [
        done["text"],
        "the value of locally known, named officers",
    ]
    history = ok(capsys, "history", "--cycle", "london-2013", "--db", store)
    fields = {(h["entity_id"], h["field"]) for h in history}
    assert {("6", "sub-point b"), ("6", "sub-point a removed")} <= fields


@pytest.mark.parametrize(
    "argv, wanted",
    [
        (["b"], "--answered, --not-answered, --clear, --text or --remove"),
        (["b", "--text", "   "], "--text"),
        (["b", "--remove", "--text", "x"], "--remove"),
        (["b", "--answered", "--text", "x"], "--text"),
    ],
)
def test_a_subpoint_change_that_makes_no_sense_is_one_line(store, capsys, argv, wanted):
    code, out, err = run(capsys, "recommendation", "subpoint", "london-2013", "6", *argv, "--db", store)
    assert code == 2 and out == "" and err.count("\n") == 1 and wanted in err
    assert len(_rec(capsys, store, "6")["subpoints"]) == 3


def test_the_figures_count_the_unreached_subpoints_as_the_rows_flag_them(store, tmp_path, capsys):
    import docx

    recs = ok(capsys, "audit", "london-2022", "--db", store)["recommendations"]
    statuses = {
        f"{r['number']}({chr(97 + i)})": p["status"] for r in recs for i, p in enumerate(r["subpoints"])
    }
    flagged = sorted(label for label, status in statuses.items() if status == "not answered")
    answered = sum(1 for status in statuses.values() if status == "answered")
    assert len(flagged) >= 2 and answered + len(flagged) == len(statuses)
    figures = (
        f"Sub-points: {len(statuses)} in all; {answered} answered, {len(flagged)} not answered in the reply "
        f"({', '.join(flagged)})."
    )
    pdf, word = tmp_path / "audit.pdf", tmp_path / "audit.docx"
    for target in (pdf, word):
        ok(capsys, "report", "audit", "--cycle", "london-2022", "-o", str(target), "--db", store)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(pdf)).pages)
    assert text.count("⚠ not answered") == len(flagged)
    assert f"0 missing; {len(flagged)} sub-points not answered" in text and figures in text
    words = " ".join(p.text for p in docx.Document(str(word)).paragraphs)
    assert f"0 missing; {len(flagged)} sub-points not answered" in words and figures in words
    code, out, _ = run(capsys, "audit", "london-2022", "--db", store)
    assert code == 0 and figures in out
    agenda = tmp_path / "agenda.pdf"
    ok(capsys, "report", "agenda", "--cycle", "london-2022", "--without-appendix", "-o", str(agenda),
       "--db", store)  # fmt: skip
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(agenda)).pages)
    assert (
        f"the reply leaves {len(flagged)} sub-points ({', '.join(flagged[:-1])} and {flagged[-1]}) unanswered"
        in text
    )
