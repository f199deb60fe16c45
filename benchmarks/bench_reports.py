"""The audit report for 500 recommendations, timed against baselines built in the same run.

1. A bare reportlab document holding the same text in one table (goal: the report <= 1.2x).
2. LibreOffice headless converting an equivalent .xlsx tracker to PDF (goal: faster than it). Skipped,
   with a message, when LibreOffice is not installed.
3. The agenda item with a 100-page PDF reply appended as Appendix 1, against the same item built without
   the appendix plus pypdf appending the same 100 pages to it (goal: <= 1.3x).

Run: `.venv/bin/python benchmarks/bench_reports.py`
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best_of, interleaved  # noqa: E402

from tracker.domain import Basis, DateKind, Status
from tracker.reports.audit import render_audit_pdf
from tracker.reports.common import ReportSettings, register_fonts
from tracker.services import dto

COUNT = 500


def make_detail(count: int = COUNT) -> dto.CycleDetail:
    recs = []
    for n in range(1, count + 1):
        replied = n % 11 != 0
        recs.append(
            dto.RecommendationRow(
                id=n,
                cycle_id="bench",
                number=str(n),
                label=f"Recommendation {n}",
                text=f"The plan should set out how commitment {n} will be delivered and reported to the panel.",
                text_cy=None,
                subpoints=(f"first part of {n}", f"second part of {n}") if n % 5 == 0 else (),
                addressee="Commissioner",
                theme=f"Theme {n % 7}",
                tags=(),
                reply_status="replied" if replied else "missing",
                grouped_with=(str(n + 1),) if n % 9 == 0 else (),
                disposition=("accepted", "noted", "not accepted", "partially accepted")[n % 4]
                if replied
                else None,
                evidence="We agree and will publish progress every quarter." if replied else "",
                reply_ids=(),
                follow_ups=(
                    dto.FollowUpRow(n, "ask", str(n), dt.date(2026, 3, 31), "report back by March", None),
                )
                if n % 6 == 0
                else (),
            )
        )
    coverage = dto.Coverage(
        count,
        sum(r.reply_status == "replied" for r in recs),
        sum(bool(r.grouped_with) for r in recs),
        sum(r.reply_status == "missing" for r in recs),
    )
    obligation = dto.ObligationRow(
        "bench",
        "issue-plan",
        "Issue the plan",
        DateKind.DEADLINE,
        Basis.STATUTE,
        "PRSRA 2011 s.5(1)",
        None,
        "",
        "",
        "",
        dt.date(2026, 3, 31),
        Status.NOT_YET_DUE,
        "working",
        (),
        (),
        None,
        30,
    )
    summary = dto.CycleSummary(
        "bench",
        "Benchmark plan",
        "plan-pcc",
        "plan",
        "Commissioner",
        "Panel",
        "pcc",
        "not started",
        obligation,
        30,
        0,
        0,
        coverage,
    )
    return dto.CycleDetail(
        summary,
        dt.date(2026, 3, 1),
        dto.BodyInfo("b", "Commissioner", "pcc", "pcc"),
        dto.ScrutinyBodyInfo("p", "Panel", "panel", 12),
        "Plan",
        "Act",
        (),
        (obligation,),
        tuple(recs),
        (),
        (),
        (),
        (),
    )


def bare_table(detail: dto.CycleDetail) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    style = getSampleStyleSheet()["BodyText"]
    rows = [["No.", "Reply", "Grouped", "Disposition", "Text", "Follow-up", "Due"]]
    for r in detail.recommendations:
        follow = r.follow_ups[0] if r.follow_ups else None
        rows.append(
            [
                r.number,
                r.reply_status,
                ", ".join(r.grouped_with),
                r.disposition or "",
                Paragraph(escape(r.text + " " + r.evidence), style),
                follow.text if follow else "",
                str(follow.due) if follow else "",
            ]
        )
        for sub in r.subpoints:
            rows.append(
                [r.number, r.reply_status, "", r.disposition or "", Paragraph(escape(sub), style), "", ""]
            )
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([Table(rows, repeatRows=1)])
    return buffer.getvalue()


def libreoffice(detail: dto.CycleDetail, folder: Path) -> float | None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        return None
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["No.", "Reply", "Grouped", "Disposition", "Text", "Follow-up", "Due"])
    for r in detail.recommendations:
        follow = r.follow_ups[0] if r.follow_ups else None
        sheet.append(
            [
                r.number,
                r.reply_status,
                ", ".join(r.grouped_with),
                r.disposition or "",
                r.text + " " + r.evidence,
                follow.text if follow else "",
                str(follow.due) if follow else "",
            ]
        )
    source = folder / "tracker.xlsx"
    book.save(source)
    profile = folder / "lo-profile"

    def convert():
        subprocess.run(
            [
                office,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )

    convert()  # the first start builds the profile; time the following ones
    return best_of(2, convert)


REPLY_PAGES = 100


def reply_pdf(pages: int = REPLY_PAGES) -> bytes:
    """A long reply letter made here with reportlab: a heading and 45 lines of text on each page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for page in range(1, pages + 1):
        text = canvas.beginText(72, 780)
        text.setFont("Helvetica-Bold", 12)
        text.textLine(f"Response to recommendation {page}")
        text.setFont("Helvetica", 10)
        for line in range(45):
            text.textLine(
                f"Paragraph {page}.{line}: the Commissioner accepts the Panel's point and will report back."
            )
        canvas.drawText(text)
        canvas.drawCentredString(297, 30, f"Page {page}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def agenda_with_appendix() -> None:
    from pypdf import PdfReader, PdfWriter

    from tracker.reports.agenda import AgendaOptions, ReplyAppendix, render_agenda

    detail = make_detail(20)
    settings = ReportSettings()
    letter = reply_pdf()
    reply = ReplyAppendix("Reply from the Commissioner", dt.date(2026, 3, 1), None, letter, (), REPLY_PAGES)
    options = AgendaOptions(meeting_date=dt.date(2026, 3, 20))

    def bare_and_merged() -> bytes:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(render_agenda(detail, options, settings, "pdf"))))
        for page in PdfReader(io.BytesIO(letter)).pages:
            writer.add_page(page)
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    times = interleaved(
        5,
        {
            "base": bare_and_merged,
            "ours": lambda: render_agenda(detail, options, settings, "pdf", reply),
        },
    )
    base, ours = times["base"], times["ours"]
    print(f"agenda item with a {REPLY_PAGES}-page PDF reply as Appendix 1:")
    print(f"  bare item + pypdf merging  {base * 1000:8.1f} ms  (baseline 1.00x)")
    print(f"  tracker agenda item        {ours * 1000:8.1f} ms  ({ours / base:.2f}x, goal <= 1.3x)")


def main() -> None:
    register_fonts()
    detail = make_detail()
    settings = ReportSettings()
    ours = best_of(3, lambda: render_audit_pdf(detail, settings))
    base = best_of(3, lambda: bare_table(detail))
    print(f"audit report, {COUNT} recommendations:")
    print(f"  bare reportlab table       {base * 1000:8.1f} ms  (baseline 1.00x)")
    print(f"  tracker audit report       {ours * 1000:8.1f} ms  ({ours / base:.2f}x, goal <= 1.2x)")
    with tempfile.TemporaryDirectory() as folder:
        office = libreoffice(detail, Path(folder))
    if office is None:
        print("  LibreOffice not installed: comparison skipped")
    else:
        print(
            f"  LibreOffice xlsx -> pdf    {office * 1000:8.1f} ms  (report is {ours / office:.2f}x of it, goal < 1x)"
        )


if __name__ == "__main__":
    main()
    agenda_with_appendix()
