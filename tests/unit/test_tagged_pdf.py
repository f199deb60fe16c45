"""Papers anyone can read: every paper is a tagged PDF, read back as a checker and a screen reader would.

Each paper is checked for: every operator that shows text or paints inside marked content with an MCID or
inside an /Artifact; a structure tree with a heading and tables whose header cells are TH with a scope; a
parent tree that maps every MCID back to the element that claims it; the words in structure order the same
as the words in drawing order; /MarkInfo, /Lang, DisplayDocTitle and PDF/UA-1 in the XMP metadata; and no
finding from the pdfua checker (the machine-checkable part of PDF/UA-1 it implements).
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

import pikepdf
import pytest

from tests.cli_helpers import ok, plan_with_a_report
from tests.pdf_tags import drawing_order, elements, reading_order, shown, structure


def check_tagged(data: bytes) -> pikepdf.Pdf:
    """Everything a tagged paper must be; returns the opened PDF for the checks particular to a paper."""
    from pdfua import validate

    pdf = pikepdf.open(io.BytesIO(data))
    untagged = [i for i in shown(pdf) if i.mcid is None and not i.artifact]
    assert not untagged, untagged[:5]
    root = pdf.Root
    assert bool(root.MarkInfo.Marked) and str(root.Lang) == "en-GB"
    assert bool(root.ViewerPreferences.DisplayDocTitle)
    xmp = root.Metadata.read_bytes().decode("utf-8")
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp and str(pdf.docinfo.Title) in xmp.replace("&amp;", "&")
    tree = structure(pdf)
    assert [kid.role for kid in tree.kids] == ["Document"]
    (document,) = tree.kids
    assert [kid.role for kid in document.kids].count(
        "H1"
    ) == 1  # the paper's title (a letter may have its own)
    # the parent tree: page by page, each MCID leads back to the element whose /K names it
    parents = {}
    nums = root.StructTreeRoot.ParentTree.Nums
    for i in range(0, len(nums), 2):
        parents[int(nums[i])] = nums[i + 1]
    for node in elements(tree):
        if node.role == "MCR":
            continue
        for page, mcid in node.marked:
            key = int(pdf.pages[page].obj.StructParents)
            assert parents[key][mcid].objgen == node.element.objgen
    assert reading_order(pdf) == drawing_order(pdf)
    with tempfile.TemporaryDirectory() as folder:  # the checker reads a file
        path = Path(folder) / "paper.pdf"
        path.write_bytes(data)
        report = validate(str(path))
    assert not report.findings, [(f.rule_id, f.message) for f in report.findings]
    assert not report.skipped, [(o.rule_id, o.skipped_reason) for o in report.skipped]  # every check ran
    return pdf


def header_cells_of(pdf) -> list:
    return [node for node in elements(structure(pdf), "TH")]


@pytest.fixture
def store(demo):
    return demo.url


def paper(capsys, store, tmp_path, *argv) -> bytes:
    target = tmp_path / "paper.pdf"
    ok(capsys, "report", *argv, "-o", str(target), "--db", store)
    return target.read_bytes()


def test_the_status_paper_is_tagged_and_its_timeline_says_what_it_shows(store, capsys, tmp_path):
    pdf = check_tagged(
        paper(capsys, store, tmp_path, "status", "--cycle", "london-2022", "--as-of", "2022-04-01")
    )
    tree = structure(pdf)
    headings = [" ".join(reading_text(pdf, node)) for node in elements(tree, "H2")]
    assert "Timeline" in headings and "Needs attention" in headings
    th = header_cells_of(pdf)
    assert th and all(node.element.A.Scope == "/Column" for node in th)
    (figure,) = elements(tree, "Figure")
    alt = str(figure.element.Alt)
    assert alt.startswith("Timeline of the cycle's") and "as of 1 Apr 2022" in alt
    assert "Police and crime plan issued" in alt or ":" in alt.split("in order:")[1]
    # the timeline's own labels are inside the figure, not loose text
    assert figure.marked


def reading_text(pdf, node) -> list[str]:
    by_mark: dict = {}
    for item in shown(pdf):
        if item.mcid is not None and not item.artifact:
            by_mark.setdefault((item.page, item.mcid), []).append(item.text)
    return " ".join(" ".join(by_mark.get(mark, [])) for mark in node.marked).split()


def test_the_audit_and_the_calendar_are_tagged_with_header_cells(store, capsys, tmp_path):
    audit = check_tagged(
        paper(capsys, store, tmp_path, "audit", "--cycle", "london-2022", "--as-of", "2022-04-01")
    )
    th = [" ".join(reading_text(audit, node)) for node in header_cells_of(audit)]
    assert "No." in th and "Disposition" in th
    calendar = check_tagged(
        paper(capsys, store, tmp_path, "calendar", "--from", "2017-01-01", "--to", "2017-04-30")
    )
    assert [
        n
        for n in elements(structure(calendar), "H2")
        if "Week beginning" in " ".join(reading_text(calendar, n))
    ]
    assert header_cells_of(calendar)


def test_the_agenda_item_and_the_panel_report_are_tagged(panel, capsys, tmp_path):
    plan_with_a_report(capsys, panel, tmp_path)
    report = check_tagged(
        paper(capsys, panel, tmp_path, "panel-report", "--cycle", "c1", "--as-of", "2024-11-06")
    )
    assert len(elements(structure(report), "H2")) >= 3


def reply_letter(path, tagged: bool) -> None:
    """A reply letter of three pages: one drawn straight onto a canvas (untagged, as most letters are) or a
    tagged one made the way the tracker makes its own papers."""
    if tagged:
        from tracker.reports.common import Heading, ReportSettings, build_pdf, para, title_block

        story = title_block("Commissioner's response to the Panel's report", [], ReportSettings())
        for n in (1, 2, 3):
            story += [Heading(f"Recommendation {n}"), para(f"Accepted: measure {n} will be published.")]
        path.write_bytes(
            build_pdf(story, "Commissioner's response", "Reply", ReportSettings(), date=dt.date(2024, 11, 20))
        )
        return
    from tests.unit.test_agenda_appendix import reply_pdf

    reply_pdf(path, pages=3)


@pytest.mark.parametrize("tagged", [False, True], ids=["untagged letter", "tagged letter"])
def test_an_appended_reply_keeps_its_tags_or_is_one_figure_naming_the_letter(panel, capsys, tmp_path, tagged):
    plan_with_a_report(capsys, panel, tmp_path)
    letter = tmp_path / "reply.pdf"
    reply_letter(letter, tagged)
    ok(capsys, "import", "reply", str(letter), "--cycle", "c1", "--db", panel)
    pdf = check_tagged(paper(capsys, panel, tmp_path, "agenda", "--cycle", "c1"))
    tree = structure(pdf)
    (document,) = tree.kids
    (appendix,) = [kid for kid in document.kids if kid.role == "Div"]
    assert str(appendix.element.T) == "Appendix 1"
    # where the pages are: after the separator page's heading, before anything that follows them
    position = document.kids.index(appendix)
    before = [m for kid in document.kids[:position] for n in elements(kid) for m in n.marked]
    pages = sorted({m[0] for n in elements(appendix) for m in n.marked})
    sheets = len(pikepdf.open(letter).pages)
    assert pages == list(range(len(pdf.pages) - sheets, len(pdf.pages)))
    assert max(page for page, _ in before) < pages[0]
    if tagged:
        assert not elements(appendix, "Figure")
        headings = [" ".join(reading_text(pdf, n)) for n in elements(appendix, "H2")]
        assert headings == ["Recommendation 1", "Recommendation 2", "Recommendation 3"]
    else:
        (figure,) = elements(appendix, "Figure")
        assert (
            str(figure.element.Alt)
            == "Appendix 1: Commissioner's response to the Panel's report, 3 pages as received"
        )
        assert len(figure.marked) == 3


# ---- the tagging layer on its own ------------------------------------------------------------------------
def build(story) -> bytes:
    from tracker.reports.common import ReportSettings, build_pdf

    return build_pdf(story, "A tagged paper", "Tagging", ReportSettings(organisation="Wessex"), date=None)


def test_a_table_over_pages_is_one_table_whose_repeated_header_is_an_artifact():
    from tracker.reports.common import cell, header_cells, para, table

    rows = [header_cells("Number", "Text")] + [
        [str(n), cell(f"Row {n} of the long table")] for n in range(150)
    ]
    pdf = check_tagged(build([para("Title line", "Title"), table(rows, [80, 300])]))
    assert len(pdf.pages) >= 3
    (tab,) = elements(structure(pdf), "Table")
    rows_read = [kid for kid in tab.kids if kid.role == "TR"]
    assert len(rows_read) == 151
    assert [kid.role for kid in rows_read[0].kids] == ["TH", "TH"]
    assert all(kid.role == "TD" for row in rows_read[1:] for kid in row.kids)
    artifacts = " ".join(i.text for i in shown(pdf) if i.artifact and i.page > 0)
    assert "Number" in artifacts  # the header repeated on later pages, not read again


def test_a_paragraph_split_over_two_pages_is_one_paragraph_and_a_list_is_one_list():
    from reportlab.platypus import Spacer

    from tracker.reports.common import bullet, para

    long = " ".join(f"word{n}" for n in range(400))
    story = [
        para("Title", "Title"),
        Spacer(1, 600),
        para(long),
        bullet("first"),
        bullet("second"),
        para("After"),
    ]
    pdf = check_tagged(build(story))
    tree = structure(pdf)
    paragraphs = elements(tree, "P")
    split = [p for p in paragraphs if len({page for page, _ in p.marked}) == 2]
    assert len(split) == 1 and len(split[0].marked) == 2
    (lst,) = elements(tree, "L")
    assert [kid.role for kid in lst.kids] == ["LI", "LI"]


def test_a_passage_marked_welsh_carries_its_own_language():
    from tracker.reports.common import para

    welsh = para("Bydd y fforwm ieuenctid yn cwrdd ym Mhowys; ŵyr ŷd.")
    welsh.lang = "cy"
    pdf = check_tagged(build([para("Title", "Title"), para("In English."), welsh]))
    langs = [str(p.element.get("/Lang", "")) for p in elements(structure(pdf), "P")]
    assert langs == ["", "cy"]
    assert "ŵyr" in reading_order(pdf)


def test_the_checks_find_untagged_text_and_a_figure_without_words():
    """The checks can fail: a plain reportlab page has untagged text, and a drawing with no text alternative
    is named by the checker."""
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Untagged")
    canvas.save()
    assert [i.text for i in shown(pikepdf.open(io.BytesIO(buffer.getvalue()))) if i.mcid is None] == [
        "Untagged"
    ]
    drawing = Drawing(100, 20)
    drawing.add(String(0, 5, "a chart"))
    from tracker.reports.common import para

    with pytest.raises(AssertionError, match="UA-13-004"):
        check_tagged(build([para("Title", "Title"), drawing]))
