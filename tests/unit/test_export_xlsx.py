"""`tracker export xlsx`: read the workbook back and check what the secretariat sees in Excel."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from tests.cli_helpers import ok, run
from tracker.exports.xlsx import (
    DEADLINE_HEADERS,
    REGISTER_HEADERS,
    DeadlineRow,
    RegisterRow,
    build_workbook,
    subpoint_letter,
)

D = dt.date
AS_OF = "2022-04-01"
REPLY_DAY = D(2022, 3, 23)  # MOPAC's reply to the 2022 recommendations


@pytest.fixture
def exported(demo, tmp_path, capsys):
    """The london-2022 export as of 1 Apr 2022: (the command's JSON, the workbook read back)."""
    target = tmp_path / "register.xlsx"
    data = ok(
        capsys, "export", "xlsx", "--cycle", "london-2022", "--as-of", AS_OF, "-o", str(target),
        "--db", demo.url,
    )  # fmt: skip
    return data, openpyxl.load_workbook(target)


def rows_of(ws) -> list[dict]:
    headers = [c.value for c in ws[1]]
    return [dict(zip(headers, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)]


def test_the_sheets_and_their_headers(exported):
    data, wb = exported
    assert wb.sheetnames == ["Register", "Deadlines"]
    assert [c.value for c in wb["Register"][1]] == list(REGISTER_HEADERS)
    assert [c.value for c in wb["Deadlines"][1]] == list(DEADLINE_HEADERS)
    assert list(REGISTER_HEADERS) == [
        "Cycle", "Number", "Recommendation", "Addressee", "Reply status", "Reply date", "Grouped with",
        "Disposition", "Evidence", "Follow-up", "Follow-up due",
    ]  # fmt: skip
    assert data["register_rows"] == wb["Register"].max_row - 1
    assert data["deadline_rows"] == wb["Deadlines"].max_row - 1
    assert data["file"].endswith("register.xlsx")


def test_one_row_per_recommendation_and_per_sub_point(exported):
    _, wb = exported
    rows = rows_of(wb["Register"])
    numbers = [r["Number"] for r in rows]
    recommendations = [n for n in numbers if "(" not in n]
    assert recommendations == [str(n) for n in range(1, 17)]
    assert [n for n in numbers if "(" in n] == [
        "1 (a)", "1 (b)", "2 (a)", "2 (b)", "2 (c)", "2 (d)", "7 (a)", "7 (b)",
    ]  # fmt: skip
    assert len(rows) == 16 + 8
    # sub-points follow their recommendation, with their own text
    assert numbers[:4] == ["1", "1 (a)", "1 (b)", "2"]
    by_number = {r["Number"]: r for r in rows}
    assert by_number["2 (b)"]["Recommendation"] == "LGBT+ perpetrator programmes"
    assert by_number["7 (b)"]["Recommendation"] == "target time for releasing funding"
    assert by_number["7 (b)"]["Cycle"] == "london-2022"
    assert {r["Cycle"] for r in rows} == {"london-2022"}


def test_recommendation_15(exported):
    _, wb = exported
    row = next(r for r in rows_of(wb["Register"]) if r["Number"] == "15")
    assert row["Recommendation"].startswith("Commission an independent review of the qualitative indicators")
    assert row["Addressee"] == "MOPAC"
    assert row["Reply status"] == "replied"
    assert row["Reply date"].date() == REPLY_DAY
    assert row["Grouped with"] is None
    assert row["Disposition"] == "not accepted"
    assert row["Evidence"] == "declines the review"
    assert row["Follow-up"] == "review commissioned by June 2022"
    assert row["Follow-up due"].date() == D(2022, 6, 30)


def test_grouped_recommendations_name_each_other(exported):
    _, wb = exported
    by_number = {r["Number"]: r for r in rows_of(wb["Register"])}
    assert by_number["9"]["Grouped with"] == "10"
    assert by_number["10"]["Grouped with"] == "9"
    assert by_number["14"]["Grouped with"] == "16"


def test_dates_are_real_excel_dates(exported):
    _, wb = exported
    ws = wb["Register"]
    column = REGISTER_HEADERS.index("Reply date") + 1
    for row in range(2, ws.max_row + 1):
        if "(" in ws.cell(row=row, column=2).value:
            continue  # a sub-point shares its recommendation's reply
        cell = ws.cell(row=row, column=column)
        assert cell.is_date, cell.coordinate
        assert isinstance(cell.value, dt.datetime)
        assert cell.value.date() == REPLY_DAY
        assert cell.number_format == "DD/MM/YYYY"
    due = wb["Deadlines"].cell(row=2, column=DEADLINE_HEADERS.index("Due") + 1)
    assert due.is_date and due.number_format == "DD/MM/YYYY"


def test_header_bold_frozen_filtered_and_columns_sized(exported):
    _, wb = exported
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert all(c.font.bold for c in ws[1])
        assert ws.auto_filter.ref == ws.dimensions
    ws = wb["Register"]
    assert ws.column_dimensions["C"].width == 60  # Recommendation
    assert ws["C2"].alignment.wrap_text
    assert ws.column_dimensions["I"].width == 60  # Evidence
    for letter in "ABDEFGHK":
        assert ws.column_dimensions[letter].width <= 40, letter
    assert ws.column_dimensions["F"].width >= 10  # wide enough for 23/03/2022


def test_workbook_properties(exported):
    _, wb = exported
    assert wb.properties.creator == "Police and Crime Plan tracker"
    assert wb.properties.title
    assert "2022-04-01" in wb.properties.description


def test_deadlines_sheet_lists_the_cycles_dated_obligations(exported, demo):
    _, wb = exported
    rows = rows_of(wb["Deadlines"])
    expected = demo.cycles.deadlines(D(2022, 4, 1), cycle_id="london-2022")
    dated = [(o.label, o.due) for o in expected if o.due is not None]
    assert dated  # the demo cycle has dated obligations
    got = [(r["Obligation"], r["Due"].date()) for r in rows if r["Due"] is not None]
    assert got == dated
    assert {r["Cycle"] for r in rows} == {"london-2022"}
    issue = next(r for r in rows if r["Obligation"] == "Issue the police and crime plan")
    assert issue["Due"].date() == D(2022, 3, 31)
    assert issue["Status"] == "met"
    assert issue["Basis"] == "statute"
    assert issue["Citation"] == "PRSRA 2011 s.6(1)"
    assert issue["Working"]


def test_every_cycle_when_none_is_named(demo, tmp_path, capsys):
    target = tmp_path / "all.xlsx"
    data = ok(capsys, "export", "xlsx", "--as-of", AS_OF, "-o", str(target), "--db", demo.url)
    wb = openpyxl.load_workbook(target)
    cycles = {r["Cycle"] for r in rows_of(wb["Deadlines"])}
    assert cycles == {o.cycle_id for o in demo.cycles.deadlines(D(2022, 4, 1))}
    assert {"london-2013", "london-2017", "london-2022"} <= cycles
    assert "london-2022" in {r["Cycle"] for r in rows_of(wb["Register"])}
    assert data["register_rows"] >= 24


def test_text_that_looks_like_a_formula_stays_text():
    rows = [
        RegisterRow("c", "1", "=SUM(A1)", evidence="+44 20 7983 4000"),
        RegisterRow("c", "1 (a)", "-1 in every borough", is_subpoint=True),
        RegisterRow("c", "2", "@mention the Mayor"),
    ]
    deadlines = [DeadlineRow("c", '=HYPERLINK("http://x")', D(2022, 1, 1), "met", "statute", "", "")]
    data = build_workbook(rows, deadlines, title="t", as_of=D(2022, 4, 1))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Register"]
    assert ws["C2"].value == "=SUM(A1)"
    assert ws["C2"].data_type == "s"
    assert ws["I2"].value == "+44 20 7983 4000"
    assert ws["C3"].value == "-1 in every borough"
    assert ws["C4"].value == "@mention the Mayor"
    assert wb["Deadlines"]["B2"].value == '=HYPERLINK("http://x")'
    assert wb["Deadlines"]["B2"].data_type == "s"
    # and the file holds no formula at all
    assert b"<f>" not in _sheet_xml(data)


def _sheet_xml(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_characters_excel_refuses_are_dropped():
    rows = [RegisterRow("c", "1", "page\x0cbreak and a\x00nul")]
    data = build_workbook(rows, [], title="t\x01", as_of=D(2022, 4, 1))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb["Register"]["C2"].value == "pagebreak and anul"
    assert wb["Deadlines"].max_row == 1  # headers alone


@pytest.mark.parametrize(("position", "letter"), [(0, "a"), (1, "b"), (25, "z"), (26, "aa"), (27, "ab")])
def test_subpoint_letters(position, letter):
    assert subpoint_letter(position) == letter


def test_output_must_end_in_xlsx(demo, tmp_path, capsys):
    target = tmp_path / "out.txt"
    code, out, err = run(
        capsys, "export", "xlsx", "--cycle", "london-2022", "-o", str(target), "--db", demo.url
    )
    assert code == 2
    assert "must end in .xlsx" in err
    assert "Traceback" not in err
    assert not target.exists()


def test_output_that_is_a_folder(demo, tmp_path, capsys):
    folder = tmp_path / "book.xlsx"
    folder.mkdir()
    code, out, err = run(
        capsys, "export", "xlsx", "--cycle", "london-2022", "-o", str(folder), "--db", demo.url
    )
    assert code == 2
    assert "is a folder" in err
    assert "Traceback" not in err
    assert err.count("\n") == 1


def test_unknown_cycle(demo, tmp_path, capsys):
    target = tmp_path / "out.xlsx"
    code, out, err = run(capsys, "export", "xlsx", "--cycle", "nope", "-o", str(target), "--db", demo.url)
    assert code == 2
    assert "'nope'" in err and "london-2022" in err
    assert "Traceback" not in err
    assert not target.exists()


def test_bad_as_of(demo, tmp_path, capsys):
    target = tmp_path / "out.xlsx"
    code, out, err = run(
        capsys, "export", "xlsx", "--as-of", "2022-02-30", "-o", str(target), "--db", demo.url
    )
    assert code == 2
    assert "--as-of" in err
    assert not target.exists()


def test_output_is_required(demo, capsys):
    code, out, err = run(capsys, "export", "xlsx", "--cycle", "london-2022", "--db", demo.url)
    assert code == 2
