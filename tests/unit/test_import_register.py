"""`tracker import register`: a spreadsheet register (hand-kept, or the one `export xlsx` writes) read into a
cycle in one transaction, with the rows it skipped and why."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from tests.cli_helpers import ok, run
from tracker.errors import BadInput
from tracker.importing.register import read_register

AS_OF = "2022-04-01"
PLAN = ("--body", "wessex", "--template", "plan-pcc", "--trigger", "election=2024-05-02")


@pytest.fixture
def exported(demo, tmp_path, capsys):
    target = tmp_path / "a.xlsx"
    ok(
        capsys, "export", "xlsx", "--cycle", "london-2022", "--as-of", AS_OF, "-o", str(target),
        "--db", demo.url,
    )  # fmt: skip
    return target


@pytest.fixture
def c1(panel, capsys):
    """An empty plan cycle in the panel's store; the store's URL."""
    ok(capsys, "cycle", "add", "c1", *PLAN, "--db", panel)
    return panel


def imported(capsys, path, db, *extra):
    return ok(capsys, "import", "register", str(path), "--cycle", "c1", *extra, "--db", db)


def audit_view(data):
    # the sub-points' texts: whether the reply reaches each is read from reply passages a sheet does not carry
    return {
        r["number"]: (
            r["status"],
            r["grouped_with"],
            r["disposition"],
            r["evidence"],
            [p["text"] for p in r["subpoints"]],
        )
        for r in data["recommendations"]
    }


def texts(capsys, cycle, db):
    shown = ok(capsys, "show", cycle, "--as-of", AS_OF, "--db", db)
    return [(r["number"], r["text"], r["subpoints"], r["addressee"]) for r in shown["recommendations"]]


def workbook(path, rows, *, title="Register", merge=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(list(row))
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


# ---- the export read back --------------------------------------------------------------------------------
def test_the_export_read_back_gives_the_same_register(demo, exported, c1, capsys):
    result = imported(capsys, exported, c1)
    assert result["cycle"] == "c1"
    assert result["added"] == [str(n) for n in range(1, 17)]
    assert result["updated"] == [] and result["unchanged"] == 0 and result["skipped"] == []

    original = ok(capsys, "audit", "london-2022", "--as-of", AS_OF, "--db", demo.url)
    copy = ok(capsys, "audit", "c1", "--as-of", AS_OF, "--db", c1)
    assert audit_view(copy) == audit_view(original)
    assert copy["coverage"] == original["coverage"]
    assert audit_view(copy)["9"][1] == ["10"] and audit_view(copy)["14"][1] == ["16"]
    assert audit_view(copy)["2"][4] == [
        "perpetrator programmes in every borough", "LGBT+ perpetrator programmes",
        "domestic abuse training for all Met staff", "a whole-school approach",
    ]  # fmt: skip
    assert texts(capsys, "c1", c1) == texts(capsys, "london-2022", demo.url)

    # a grouped reply is one passage covering both
    shown = ok(capsys, "show", "c1", "--as-of", AS_OF, "--db", c1)
    covers = [p["covers"] for p in shown["replies"]]
    assert ["9", "10"] in covers and ["14", "16"] in covers
    assert len(covers) == 14


def test_importing_twice_changes_nothing(exported, c1, capsys):
    imported(capsys, exported, c1)
    before = ok(capsys, "history", "--cycle", "c1", "--db", c1)
    again = imported(capsys, exported, c1)
    assert again == {"cycle": "c1", "added": [], "updated": [], "unchanged": 16, "skipped": []}
    assert ok(capsys, "history", "--cycle", "c1", "--db", c1) == before


def test_the_export_into_its_own_cycle_changes_nothing_and_keeps_the_letters(demo, exported, capsys):
    replies = ok(capsys, "show", "london-2022", "--db", demo.url)["replies"]
    result = ok(capsys, "import", "register", str(exported), "--cycle", "london-2022", "--db", demo.url)
    assert result["added"] == [] and result["updated"] == [] and result["unchanged"] == 16
    assert ok(capsys, "show", "london-2022", "--db", demo.url)["replies"] == replies


def test_a_changed_disposition_overrides_the_letter_without_deleting_it(demo, exported, tmp_path, capsys):
    wb = openpyxl.load_workbook(exported)
    ws = wb["Register"]
    headers = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[headers.index("Number")].value == "5")
    row[headers.index("Disposition")].value = "Accepted in part"
    changed = tmp_path / "changed.xlsx"
    wb.save(changed)
    replies = ok(capsys, "show", "london-2022", "--db", demo.url)["replies"]

    result = ok(capsys, "import", "register", str(changed), "--cycle", "london-2022", "--db", demo.url)
    assert result["updated"] == ["5"] and result["unchanged"] == 15

    after = ok(capsys, "show", "london-2022", "--db", demo.url)
    assert [p["id"] for p in after["replies"]] == [p["id"] for p in replies]
    five = next(r for r in after["recommendations"] if r["number"] == "5")
    assert five["disposition"] == "partially accepted"
    log = ok(capsys, "history", "--cycle", "london-2022", "--db", demo.url)
    assert any(e["field"] == "disposition" and e["new"] == "partially accepted" for e in log)


# ---- hand-made registers -----------------------------------------------------------------------------------
def test_a_windows_csv_with_semicolons(c1, tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_bytes(
        (
            "No.;Recommendation;Accepted?;Date of reply;Evidence\r\n"
            "1;Publish the £2m fund’s criteria;Yes;23/03/2022;“agreed” in the letter\r\n"
            "2;Report quarterly on 999 answer times;Partially;;\r\n"
            ";;;;\r\n"
            "3;;;;\r\n"
            "4;Set a target;Maybe;;\r\n"
        ).encode("cp1252")
    )
    result = imported(capsys, path, c1)
    assert result["added"] == ["1", "2", "4"]
    assert result["skipped"] == [
        {"line": 5, "reason": "recommendation 3 has no text"},
        {
            "line": 6,
            "reason": "disposition 'Maybe' of recommendation 4 is not one of: accepted, partially accepted, "
            "not accepted, noted, unclear; imported without a disposition",
        },
    ]
    recs = {r["number"]: r for r in ok(capsys, "show", "c1", "--db", c1)["recommendations"]}
    assert recs["1"]["text"] == "Publish the £2m fund’s criteria"
    assert recs["1"]["disposition"] == "accepted"
    assert recs["2"]["disposition"] == "partially accepted"
    assert recs["4"]["disposition"] is None and recs["4"]["reply_status"] != "replied"
    audit = {r["number"]: r for r in ok(capsys, "audit", "c1", "--db", c1)["recommendations"]}
    assert audit["1"]["evidence"] == "“agreed” in the letter"

    code, out, _ = run(capsys, "import", "register", str(path), "--cycle", "c1", "--db", c1)
    assert code == 0
    assert (
        out.splitlines()[0] == "Imported 3 recommendations (0 added, 0 updated, 3 unchanged); 2 rows skipped:"
    )
    assert "- line 5: recommendation 3 has no text" in out


def test_a_utf8_csv_with_a_bom_and_a_group_on_one_row(c1, tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_text(
        '\ufeffRec,Text,Response,Grouped with\n1,First,Noted,"2, 3"\n2,Second,,\n3,Third,,\n4,Fourth,,\n',
        encoding="utf-8",
    )
    imported(capsys, path, c1)
    shown = ok(capsys, "show", "c1", "--db", c1)
    assert [p["covers"] for p in shown["replies"]] == [["1", "2", "3"]]
    recs = {r["number"]: r for r in shown["recommendations"]}
    assert recs["2"]["grouped_with"] == ["1", "3"] and recs["2"]["disposition"] == "noted"
    assert recs["4"]["grouped_with"] == [] and recs["4"]["disposition"] is None


def test_a_duplicate_number_is_refused_and_nothing_changes(c1, tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_text("Number,Recommendation\n1,One\n2,Two\n1,One again\n", encoding="utf-8")
    before = ok(capsys, "history", "--cycle", "c1", "--db", c1)
    code, _, err = run(capsys, "import", "register", str(path), "--cycle", "c1", "--db", c1)
    assert code == 2
    assert "1 (lines 2, 4)" in err
    assert ok(capsys, "show", "c1", "--db", c1)["recommendations"] == []
    assert ok(capsys, "history", "--cycle", "c1", "--db", c1) == before


def test_merged_cells_are_refused_naming_the_range(c1, tmp_path, capsys):
    path = workbook(
        tmp_path / "merged.xlsx",
        [
            ("Number", "Recommendation", "Disposition"),
            (1, "One", "accepted"),
            (2, "Two", None),
            (3, "Three", None),
        ],
        merge="B3:C4",
    )
    code, _, err = run(capsys, "import", "register", str(path), "--cycle", "c1", "--db", c1)
    assert code == 2
    assert "has merged cells at B3:C4; unmerge them first" in err
    assert ok(capsys, "show", "c1", "--db", c1)["recommendations"] == []


def test_a_text_file_renamed_xlsx_is_refused(c1, tmp_path, capsys):
    path = tmp_path / "register.xlsx"
    path.write_text("Number,Recommendation\n1,One\n", encoding="utf-8")
    code, _, err = run(capsys, "import", "register", str(path), "--cycle", "c1", "--db", c1)
    assert code == 2
    assert "is not an Excel workbook (.xlsx)" in err


def test_map_names_the_columns(c1, tmp_path, capsys):
    path = workbook(
        tmp_path / "own.xlsx",
        [("Our register of the panel's asks",), (), ("Rec no", "What we asked", "Response"), (1.0, "One", "Rejected"), (2, "Two", "Not agreed")],
        title="Sheet1",
    )  # fmt: skip
    code, _, err = run(capsys, "import", "register", str(path), "--cycle", "c1", "--db", c1)
    assert code == 2 and "Rec no, What we asked, Response" in err

    result = imported(capsys, path, c1, "--map", "Rec no=number", "--map", "What we asked=text")
    assert result["added"] == ["1", "2"]
    recs = {r["number"]: r for r in ok(capsys, "show", "c1", "--db", c1)["recommendations"]}
    assert recs["1"]["text"] == "One" and recs["1"]["disposition"] == "not accepted"
    assert recs["2"]["disposition"] == "not accepted"


@pytest.mark.parametrize("value", ["Rec no=colour", "Rec no", "=number"])
def test_a_bad_map_exits_2_naming_map(c1, tmp_path, capsys, value):
    path = workbook(tmp_path / "own.xlsx", [("Rec no", "Text"), (1, "One")])
    code, _, err = run(capsys, "import", "register", str(path), "--cycle", "c1", "--map", value, "--db", c1)
    assert code == 2
    assert "--map" in err


def test_an_unknown_cycle_is_refused(panel, tmp_path, capsys):
    path = workbook(tmp_path / "r.xlsx", [("Number", "Text"), (1, "One")])
    code, _, err = run(capsys, "import", "register", str(path), "--cycle", "nope", "--db", panel)
    assert code == 2 and "--cycle" in err


# ---- the reader alone -------------------------------------------------------------------------------------
def test_the_register_sheet_is_read_before_the_first(tmp_path):
    path = tmp_path / "two.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Notes"
    wb.active.append(["nothing here"])
    ws = wb.create_sheet("Register")
    ws.append(["Recommendation number", "Recommendation text", "Reply date", "Grouped with"])
    ws.append([3, "Three", dt.datetime(2022, 3, 23), None])
    ws.append(["3 (a)", "first part", None, None])
    ws.append(["3 (b)", "second part", None, None])
    ws.append(["4", "Four", "23 March 2022", "R3"])
    wb.save(path)
    sheet = read_register(path, None)
    assert sheet.sheet_name == "Register"
    assert [(r.number, r.subpoint_of) for r in sheet.rows] == [
        ("3", None), ("3 (a)", "3"), ("3 (b)", "3"), ("4", None),
    ]  # fmt: skip
    assert sheet.subpoints("3") == ["first part", "second part"]
    assert sheet.rows[0].reply_date == dt.date(2022, 3, 23)
    assert sheet.rows[3].reply_date == dt.date(2022, 3, 23)
    assert sheet.rows[3].grouped_with == ("3",)


def test_a_sheet_without_a_number_column_names_its_headers(tmp_path):
    path = workbook(tmp_path / "r.xlsx", [("Item", "Recommendation"), ("x", "One")])
    with pytest.raises(BadInput, match="no recommendation number column.*Item, Recommendation"):
        read_register(path, None)


def test_too_many_rows_are_refused(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("Number,Text\n" + "".join(f"{n},Rec {n}\n" for n in range(1, 5002)), encoding="utf-8")
    with pytest.raises(BadInput, match="more than 5,000 rows"):
        read_register(path, None)


def test_a_bad_date_is_a_note_not_a_crash(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("Number\tText\tReply date\n1\tOne\tsoon\n2\tTwo\t2022-03-23\n", encoding="utf-8")
    sheet = read_register(path, None)
    assert [r.reply_date for r in sheet.rows] == [None, dt.date(2022, 3, 23)]
    assert sheet.skipped == [(2, "reply date 'soon' of recommendation 1 is not a date; imported without it")]
