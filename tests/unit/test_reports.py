"""Committee papers: read the generated PDFs and Word files back and check what a reader needs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re

import pytest
from pypdf import PdfReader

from tracker.cli.main import main
from tracker.reports.agenda import AgendaOptions, render_agenda
from tracker.reports.audit import render_audit_pdf
from tracker.reports.calendar import render_calendar_pdf
from tracker.reports.common import ReportSettings
from tracker.reports.status import render_status_pdf

D = dt.date
SETTINGS = ReportSettings(organisation="Eastshire Panel Secretariat", author="Scrutiny Officer")


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def outline_titles(data: bytes) -> list[str]:
    def walk(items):
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield item.title

    return list(walk(PdfReader(io.BytesIO(data)).outline))


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def detail_2022(demo):
    return demo.cycles.detail("london-2022", D(2022, 4, 1))


def test_status_report_statuses_for_an_as_of_day(demo):
    data = render_status_pdf(demo.cycles.detail("london-2017", D(2017, 3, 1)), SETTINGS)
    text = squash(pdf_text(data))
    assert "As of 1 March 2017" in text
    assert "not yet due" in text and "31 Mar 2017" in text
    later = squash(pdf_text(render_status_pdf(demo.cycles.detail("london-2017", D(2017, 4, 1)), SETTINGS)))
    assert "cannot confirm it came first" in later
    assert "PRSRA 2011 s.6(6)(e)" in later and "PRSRA 2011 s.6(6)(d)" in later
    extensions = later[later.index("Extensions") :]
    assert re.search(
        r"Consultation closes 23 Feb 2017 2 Mar 2017 stakeholders asked for more time", extensions
    )


def test_every_report_has_page_numbers_metadata_and_bookmarks(detail_2022):
    data = render_status_pdf(detail_2022, SETTINGS)
    reader = PdfReader(io.BytesIO(data))
    pages = len(reader.pages)
    assert f"Page 1 of {pages}" in reader.pages[0].extract_text()
    assert f"Page {pages} of {pages}" in reader.pages[-1].extract_text()
    meta = reader.metadata
    assert (
        "Police and Crime Plan 2022-2025" in meta.title and meta.author == "Scrutiny Officer" and meta.subject
    )
    assert {"Timeline", "Needs attention", "Obligations", "Extensions"} <= set(outline_titles(data))
    assert reader.pages[0].mediabox.width == pytest.approx(595.27, abs=1)  # A4
    assert "Eastshire Panel Secretariat" in reader.pages[0].extract_text()


def test_agenda_cites_the_act_and_shows_grouped_replies_once(detail_2022):
    options = AgendaOptions(
        meeting_date=D(2022, 4, 28),
        contact_name="A. Officer",
        contact_role="Committee Officer",
        with_assessment=True,  # the secretariat's reading: each reply passage beside what it answers
    )
    text = squash(pdf_text(render_agenda(detail_2022, options, SETTINGS, "pdf")))
    assert "Police Reform and Social Responsibility Act 2011" in text
    assert "section 6(6)(d), (e) and (f)" in text
    assert "28 April 2022" in text and "A. Officer" in text
    for number in range(1, 17):
        assert f"Recommendation {number}" in text
    assert text.count("Recommendations 9 and 10") == 1 and text.count("Recommendations 14 and 16") == 1
    grouped = next(r for r in detail_2022.replies if r.covers == ("14", "16"))
    assert text.count(squash(grouped.text)) == 1  # the shared answer is printed once
    assert text.index("Recommendations 14 and 16") < text.rindex("Recommendation 15")  # in the appendix


def test_agenda_for_a_pcc_cites_section_5(detail_2022):
    pcc = dataclasses.replace(
        detail_2022, summary=dataclasses.replace(detail_2022.summary, template_id="plan-pcc")
    )
    text = squash(pdf_text(render_agenda(pcc, AgendaOptions(), SETTINGS, "pdf")))
    assert "section 5(6)(d), (e) and (f)" in text and "section 6(6)" not in text


def test_agenda_says_when_the_reply_came_after_the_plan(demo):
    text = squash(
        pdf_text(
            render_agenda(demo.cycles.detail("london-2013", D(2014, 1, 1)), AgendaOptions(), SETTINGS, "pdf")
        )
    )
    assert "did not come before the plan" in text or "does not show whether the reply came before" in text
    assert "in March 2013 (the day is not known)" in text


def test_agenda_says_when_the_draft_was_sent_to_the_panel(capsys, tmp_path, db_url):
    run(capsys, "demo", "--db", db_url)
    run(capsys, "set-date", "london-2022", "draft_sent", "2021-11-18", "--db", db_url)
    target = tmp_path / "agenda.pdf"
    code, _, err = run(capsys, "report", "agenda", "--cycle", "london-2022", "--without-appendix",
                       "-o", str(target), "--db", db_url)  # fmt: skip
    assert code == 0, err
    text = squash(pdf_text(target.read_bytes()))
    assert "published on 16 November 2021 and sent to the Committee on 18 November 2021" in text
    assert "a date not recorded" not in text


def test_agenda_for_a_pcc_names_the_day_the_draft_was_sent_when_only_that_is_recorded(detail_2022):
    sent = next(s for s in detail_2022.stages if s.key == "draft_sent")
    stages = tuple(
        dataclasses.replace(sent, actual=D(2025, 1, 10), actual_text="10 Jan 2025", precision="day")
        if s.key == "draft_sent"
        else dataclasses.replace(s, actual=None, actual_text="not recorded", precision=None)
        if s.key == "draft_published"
        else s
        for s in detail_2022.stages
    )
    pcc = dataclasses.replace(
        detail_2022, stages=stages, summary=dataclasses.replace(detail_2022.summary, template_id="plan-pcc")
    )
    text = squash(pdf_text(render_agenda(pcc, AgendaOptions(), SETTINGS, "pdf")))
    assert "The draft plan was sent to the Panel on 10 January 2025" in text
    assert "published on a date not recorded" not in text


def test_agenda_as_word(detail_2022):
    import docx

    data = render_agenda(detail_2022, AgendaOptions(with_assessment=True), SETTINGS, "docx")
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "section 6(6)(d), (e) and (f) of the Police Reform and Social Responsibility Act 2011" in text
    assert text.count("Recommendations 9 and 10") == 1
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert (
        "1. Summary" in headings
        and "Appendix 1: The secretariat's reading of the reply" in headings  # no reply document to append
    )
    assert document.core_properties.author == "Scrutiny Officer"


def test_audit_report_lists_missing_first_with_subpoints_and_totals(demo):
    demo.imports.import_recommendations("london-2025", _corpus("reply_ranges_committee.md"))
    demo.imports.import_reply("london-2025", _corpus("reply_ranges.md"))
    text = squash(pdf_text(render_audit_pdf(demo.cycles.detail("london-2025", D(2026, 1, 1)), SETTINGS)))
    table = text[text.index("evidence or sub-point") :]
    first_row = re.search(r"\b(\d+) (replied|missing)\b", table)
    assert first_row.groups() == ("9", "missing")
    assert "not answered in the reply 1" in text and "total 9" in text
    detail = demo.cycles.detail("london-2022", D(2022, 4, 1))
    text_2022 = squash(pdf_text(render_audit_pdf(detail, SETTINGS)))
    assert "2(d)" in text_2022 and "1(b)" in text_2022  # sub-points get their own rows
    assert "not accepted 4" in text_2022 and "partially accepted 2" in text_2022
    assert "30 Sep 2022" in text_2022  # the dated ask in recommendation 6


def test_the_audits_pdf_and_word_papers_carry_the_same_columns(demo):
    import docx

    from tracker.reports.audit import render_audit_docx

    detail = demo.cycles.detail("london-2022", D(2022, 4, 1))
    text = squash(pdf_text(render_audit_pdf(detail, SETTINGS)))
    (table,) = docx.Document(io.BytesIO(render_audit_docx(detail, SETTINGS))).tables[1:]
    header = [c.text for c in table.rows[0].cells]
    columns = ["No.", "Reply", "Disposition", "Recommendation, evidence or sub-point", "Follow-up", "Due"]
    assert header == columns and " ".join(columns) in text
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:] if r.cells[0].text}
    assert rows["9"][1] == "replied; grouped with 10" and "replied; grouped with 10" in text
    assert rows["6"][5] == "30 Sep 2022" and "30 Sep 2022" in text  # the dated ask, in its own column
    assert rows["2(d)"][1].startswith("⚠ not answered")


def test_calendar_groups_by_week(demo):
    from tracker.reports.build import calendar_entries

    rows = calendar_entries(demo, D(2017, 3, 1), D(2017, 3, 31), D(2017, 3, 1))
    titles = dict(demo.cycles.titles())
    text = squash(
        pdf_text(
            render_calendar_pdf(rows, titles, D(2017, 3, 1), D(2017, 3, 31), SETTINGS, as_of=D(2017, 3, 1))
        )
    )
    assert "Week beginning Monday 20 March 2017" in text
    assert "Week beginning Monday 27 March 2017" in text
    assert text.index("20 March 2017") < text.index("27 March 2017")
    assert "Police and Crime Plan 2017-2021" in text
    # not only obligations: the meeting that noted the 2017 reply and the planned dates are there too
    kinds = {r.kind for r in rows}
    assert {"obligation", "meeting"} <= kinds, kinds
    assert "Meeting:" in text


def test_user_text_is_printed_literally(demo, detail_2022):
    tricky = "Smith & Sons <Ltd> said “no” — Llŷn ŵyl x<y and y>z"
    rec = dataclasses.replace(detail_2022.recommendations[0], text=tricky, subpoints=("a & b <c>",))
    detail = dataclasses.replace(detail_2022, recommendations=(rec, *detail_2022.recommendations[1:]))
    for data in (render_audit_pdf(detail, SETTINGS), render_agenda(detail, AgendaOptions(), SETTINGS, "pdf")):
        text = squash(pdf_text(data))
        assert "Smith & Sons <Ltd>" in text and "x<y and y>z" in text
        assert "“no” — Llŷn ŵyl" in text
        assert "a & b <c>" in text
    settings = ReportSettings(organisation="Panel <Secretariat> & Co")
    assert "Panel <Secretariat> & Co" in pdf_text(render_status_pdf(detail, settings))


def _png(path, width=24, height=12):
    """A small solid PNG written by hand, so the test needs no image library."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    rows = b"".join(b"\x00" + b"\x1d\x4e\xd8" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return path


def test_logo_from_settings(tmp_path, detail_2022):
    logo = _png(tmp_path / "logo.png")
    with_logo = render_status_pdf(detail_2022, ReportSettings(logo_path=logo))
    without = render_status_pdf(detail_2022, ReportSettings())
    assert b"/Subtype /Image" in with_logo and b"/Subtype /Image" not in without
    missing = render_status_pdf(detail_2022, ReportSettings(logo_path=tmp_path / "gone.png"))
    assert pdf_text(missing)  # a missing logo is left out, not an error


# ---- the command line ---------------------------------------------------------------------------------
def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_cli_writes_each_format(capsys, tmp_path, db_url):
    run(capsys, "demo", "--db", db_url)
    for kind, name in (("status", "s.pdf"), ("audit", "a.pdf"), ("agenda", "g.pdf"), ("agenda", "g.docx")):
        code, out, err = run(
            capsys,
            "report",
            kind,
            "--cycle",
            "london-2022",
            *(["--without-appendix"] if kind == "agenda" else []),  # the demo holds no reply document
            "-o",
            str(tmp_path / name),
            "--db",
            db_url,
            "--json",
        )
        assert code == 0, err
        assert json.loads(out)["file"].endswith(name)
        assert (tmp_path / name).stat().st_size > 1000
    code, _, err = run(
        capsys,
        "report",
        "calendar",
        "--from",
        "2017-01-01",
        "--to",
        "2017-04-30",
        "-o",
        str(tmp_path / "c.pdf"),
        "--db",
        db_url,
    )
    assert code == 0, err
    assert "Week beginning" in pdf_text((tmp_path / "c.pdf").read_bytes())


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["report", "status", "--cycle", "nowhere", "-o", "X.pdf"], "'nowhere'"),
        (
            ["report", "status", "--cycle", "london-2022", "--as-of", "2023-02-29", "-o", "X.pdf"],
            "'2023-02-29'",
        ),
        (
            ["report", "calendar", "--from", "2022-01-01", "--to", "2022-03-01", "-o", "X.docx"],
            "must end in .pdf",
        ),
        (
            ["report", "calendar", "--from", "2017-05-01", "--to", "2017-04-01", "-o", "X.pdf"],
            "ends before it starts",
        ),
    ],
)
def test_report_cli_bad_input_writes_nothing(capsys, tmp_path, db_url, argv, needle):
    run(capsys, "demo", "--db", db_url)
    argv = [a.replace("X", str(tmp_path / "out")) for a in argv]
    code, out, err = run(capsys, *argv, "--db", db_url)
    assert code == 2 and out == "" and needle in err
    assert list(tmp_path.iterdir()) == [] or all(
        p.suffix == ".db" or p.name.startswith("tracker") for p in tmp_path.iterdir()
    )


def _corpus(name: str):
    from tests.corpus_scoring import CORPUS

    return CORPUS / name


def test_status_paper_says_one_day_late_not_one_days(capsys, panel, tmp_path):
    from tests.cli_helpers import ok

    ok(
        capsys, "cycle", "add", "p", "--body", "wessex", "--template", "precept",
        "--trigger", "financial_year_start=2027-04-01", "--db", panel,
    )  # fmt: skip
    target = tmp_path / "status.pdf"
    ok(capsys, "report", "status", "--cycle", "p", "--as-of", "2027-02-09", "-o", str(target), "--db", panel)
    text = " ".join(pdf_text(target.read_bytes()).split())
    assert "(1 day late)" in text and "(8 days late)" in text and "1 days" not in text


def test_audit_paper_shows_what_was_asked_before_only_when_asked(capsys, tmp_path, db_url):
    import docx

    run(capsys, "demo", "--db", db_url)
    # the officer's word: 2022's dashboard was asked for in 2013, though the words differ
    run(
        capsys, "recommendation", "link", "london-2022", "16", "london-2013", "1", "--confirm", "--db", db_url
    )

    def paper(name: str, *flags: str) -> str:
        code, _, err = run(capsys, "report", "audit", "--cycle", "london-2022", *flags,
                           "-o", str(tmp_path / name), "--db", db_url)  # fmt: skip
        assert code == 0, err
        data = (tmp_path / name).read_bytes()
        if name.endswith(".pdf"):
            return squash(pdf_text(data))
        document = docx.Document(io.BytesIO(data))
        return squash(" ".join(c.text for t in document.tables for row in t.rows for c in row.cells))

    for name in ("with.pdf", "with.docx"):
        text = paper(name, "--asked-before")
        assert "Asked before" in text
        assert "london-2017 no. 6: not recorded (score 0.6" in text  # the drugs ask, found by its words
        assert "london-2013 no. 1: not recorded (confirmed)" in text
    for name in ("plain.pdf", "plain.docx"):
        text = paper(name)
        assert "Asked before" not in text and "london-2017 no. 6" not in text
    assert "30 Sep 2022" in paper("with.pdf", "--asked-before")  # the follow-up keeps its due day


def test_audit_paper_keeps_words_whole_and_leaves_out_an_empty_asked_before_column(capsys, tmp_path, db_url):
    import docx

    run(capsys, "demo", "--db", db_url)
    run(
        capsys, "recommendation", "link", "london-2022", "16", "london-2013", "1", "--confirm", "--db", db_url
    )
    run(capsys, "recommendation", "set", "london-2022", "4", "--text",
        "Print <script>alert(1)</script> literally, as typed.", "--db", db_url)  # fmt: skip
    with_matches = tmp_path / "with.pdf"
    code, _, err = run(capsys, "report", "audit", "--cycle", "london-2022", "--asked-before",
                       "-o", str(with_matches), "--db", db_url)  # fmt: skip
    assert code == 0, err
    lines = pdf_text(with_matches.read_bytes()).splitlines()
    # an ordinary word of a recommendation is never broken across two lines of its column
    for word in ("<script>alert(1)</script>", "practitioners", "interventions.", "cybercrime."):
        assert any(word in line.split() for line in lines), word
    # no earlier cycle has recommendations for 2013's to match: one line says so, and no empty column
    for name in ("none.pdf", "none.docx"):
        code, _, err = run(capsys, "report", "audit", "--cycle", "london-2013", "--asked-before",
                           "-o", str(tmp_path / name), "--db", db_url)  # fmt: skip
        assert code == 0, err
        data = (tmp_path / name).read_bytes()
        if name.endswith(".pdf"):
            text = squash(pdf_text(data))
        else:
            document = docx.Document(io.BytesIO(data))
            text = squash(" ".join(p.text for p in document.paragraphs))
            text += " ".join(c.text for t in document.tables for c in t.rows[0].cells)
        assert "Nothing asked before was found." in text and "Asked before" not in text


def test_a_long_follow_up_is_cut_at_a_word_in_the_audit_pdf_and_whole_in_word(detail_2022):
    import docx

    from tracker.reports.audit import render_audit_docx
    from tracker.services.dto import FollowUpRow

    long_text = " ".join(["report progress to the committee every quarter"] * 8) + " ending here"
    follow = FollowUpRow(1, "ask", "6", D(2022, 9, 30), long_text, None)
    recs = tuple(
        dataclasses.replace(r, follow_ups=(follow,)) if r.number == "6" else r
        for r in detail_2022.recommendations
    )
    detail = dataclasses.replace(detail_2022, recommendations=recs)
    text = squash(pdf_text(render_audit_pdf(detail, SETTINGS)))
    assert "report progress to the committee every quarter" in text and " …" in text
    assert "ending here" not in text
    document = docx.Document(io.BytesIO(render_audit_docx(detail, SETTINGS)))
    cells = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "ending here" in cells
