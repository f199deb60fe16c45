"""No text over other text and none off the page, in any paper, whatever the length of a cycle's title: the
text's positions are read back from each PDF page, and each line measured in the font it is set in."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics

from tracker.reports.common import FONT, FONT_BOLD, FONT_ITALIC, MARGIN, ReportSettings

D = dt.date
LONG_TITLE = ("Police and Crime Plan for the Combined Area of Wessex, the Isles and the Marches " * 4)[:300]
SETTINGS = ReportSettings(
    organisation="Wessex, Isles and Marches Police, Fire and Crime Panel Secretariat " * 2
)


def lines_of(page) -> list[tuple[float, float, float, str]]:
    """(x, baseline, width, text) of each line drawn on the page. Runs that start at the same point are one
    line set in several fonts (a bold label, then plain text): their widths add up."""
    runs: list[list] = []

    def visit(text, cm, tm, font, size):
        if not text.strip() or not font:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        name = str(font.get("/BaseFont", ""))
        face = FONT_BOLD if "Bold" in name else FONT_ITALIC if "Oblique" in name else FONT
        size = size * abs(tm[0] * cm[0]) or size
        if runs and abs(runs[-1][0] - x) < 0.01 and abs(runs[-1][1] - y) < 0.01:
            runs[-1][2] += pdfmetrics.stringWidth(text.rstrip(), face, size)
            runs[-1][3] += text
        else:  # the reader puts a space before a line it finds after a line break: not drawn, not measured
            runs.append([x, y, pdfmetrics.stringWidth(text.strip(), face, size), text])

    page.extract_text(visitor_text=visit)
    return [tuple(r) for r in runs]


def assert_laid_out(data: bytes) -> None:
    width, height = A4
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):
        lines = lines_of(page)
        assert lines, f"page {number} has no text"
        for x, y, w, text in lines:
            where = f"page {number}: {text[:50]!r} at ({x:.0f}, {y:.0f}), {w:.0f} pt wide"
            assert x >= MARGIN - 1 and x + w <= width - MARGIN + 1, f"off the margins: {where}"
            assert 0 < y < height, f"off the page: {where}"
        for i, (x1, y1, w1, t1) in enumerate(lines):
            for x2, y2, w2, t2 in lines[i + 1 :]:
                if abs(y1 - y2) < 4 and min(x1 + w1, x2 + w2) - max(x1, x2) > 0.5:
                    raise AssertionError(f"page {number}: {t1[:40]!r} runs into {t2[:40]!r}")


def long_titled(detail):
    return dataclasses.replace(detail, summary=dataclasses.replace(detail.summary, title=LONG_TITLE))


@pytest.fixture
def detail(demo):
    return long_titled(demo.cycles.detail("london-2022", D(2022, 4, 1)))


def test_the_checker_sees_text_over_text_and_off_the_page():
    from reportlab.pdfgen.canvas import Canvas

    from tracker.reports.common import register_fonts

    register_fonts()
    for draw in (
        lambda c: (
            c.drawString(MARGIN, 400, "Page 1 of 9 " * 8),
            c.drawRightString(A4[0] - MARGIN, 400, "Page 1"),
        ),
        lambda c: c.drawString(MARGIN, 400, "a line far too long to stay inside the right-hand margin " * 3),
    ):
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=A4)
        canvas.setFont(FONT, 10)
        draw(canvas)
        canvas.showPage()
        canvas.save()
        with pytest.raises(AssertionError):
            assert_laid_out(buffer.getvalue())


def test_the_agenda_item_with_a_long_title_and_a_word_reply(detail):
    from tracker.reports.agenda import AgendaOptions, ReplyAppendix, render_agenda

    reply = ReplyAppendix(
        "Reply from the Commissioner " * 8, D(2022, 3, 23), "REF-1", None, ("Paragraph one. " * 40, "Two.")
    )
    options = AgendaOptions(
        meeting_date=D(2022, 4, 28), with_assessment=True, contact_name="A. Officer " * 10
    )
    data = render_agenda(detail, options, SETTINGS, "pdf", reply)
    assert_laid_out(data)
    first = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "28 Apr 2022" in first and dt.date.today().strftime("%d %b %Y").lstrip("0") not in first


def test_the_status_and_audit_papers_with_a_long_title(detail):
    from tracker.reports.audit import render_audit_pdf
    from tracker.reports.status import render_status_pdf

    for render in (render_status_pdf, render_audit_pdf):
        data = render(detail, SETTINGS)
        assert_laid_out(data)
        assert "· 1 Apr 2022" in PdfReader(io.BytesIO(data)).pages[0].extract_text()  # the as-of day


def test_the_calendar_with_a_long_title(demo):
    from tracker.reports.build import calendar_entries
    from tracker.reports.calendar import render_calendar_pdf

    start, end = D(2017, 1, 1), D(2017, 4, 30)
    entries = calendar_entries(demo, start, end, D(2017, 3, 1))
    titles = {cid: LONG_TITLE for cid, _ in demo.cycles.titles()}
    data = render_calendar_pdf(entries, titles, start, end, SETTINGS, as_of=D(2017, 3, 1))
    assert_laid_out(data)
