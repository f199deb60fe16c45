"""The agenda item with the reply itself as Appendix 1: a PDF reply appended page for page, a Word or text
reply set verbatim; the meeting it goes to; background papers; items taken in private. Read back from the
files as a reader would."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.cli_helpers import ok, plan_with_a_report, run


def reply_pdf(path, pages: int = 3) -> None:
    """A reply letter of a few pages, with its own footer, as a commissioner's office would send it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4)
    canvas.setTitle("Commissioner's response to the Panel's report")
    for page in range(1, pages + 1):
        canvas.setFont("Helvetica", 10)
        lines = (
            ["20 November 2024", "Recommendation 1", "Accepted: the measures will be published each quarter.",
             "Recommendation 2", "Accepted: a youth forum will meet in the spring."]
            if page == 1
            else [f"Letter body on sheet {page}."]
        )  # fmt: skip
        for row, line in enumerate(lines):
            canvas.drawString(72, 780 - 16 * row, line)
        canvas.drawCentredString(297, 30, f"Letter sheet {page}")
        canvas.showPage()
    canvas.save()


def reply_docx(path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("20 November 2024")
    document.add_paragraph("Recommendation 1: accepted. Costs < £5,000 & met by the Office.")
    document.add_paragraph("Recommendation 2: accepted. Bydd y fforwm ieuenctid yn cwrdd ym Mhowys; ŵyr ŷd.")
    document.save(str(path))


@pytest.fixture
def cycle(panel, capsys, tmp_path):
    plan_with_a_report(capsys, panel, tmp_path)
    return panel


def agenda(capsys, store, target, *extra) -> int:
    code, _, err = run(capsys, "report", "agenda", "--cycle", "c1", "-o", str(target), *extra, "--db", store)
    assert code == 0, err
    return code


def texts(path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(str(path)).pages]


def test_a_pdf_reply_is_appended_page_for_page_and_numbered_with_the_item(cycle, capsys, tmp_path):
    letter = tmp_path / "reply.pdf"
    reply_pdf(letter, pages=3)
    ok(capsys, "import", "reply", str(letter), "--cycle", "c1", "--db", cycle)
    letter.unlink()  # the appendix comes from the store, not from where the file was
    target = tmp_path / "agenda.pdf"
    agenda(capsys, cycle, target)
    pages = texts(target)
    total = len(pages)
    own = [i for i, text in enumerate(pages) if "Letter sheet" in text]
    assert [pages[i].count("Letter sheet") for i in own] == [1, 1, 1] and own == [
        total - 3,
        total - 2,
        total - 1,
    ]
    assert "Accepted: the measures will be published each quarter" in pages[own[0]]
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in text
    assert all(f"Appendix 1 · Page {i + 1} of {total}" in pages[i] for i in own)
    separator = pages[own[0] - 1]
    assert "Appendix 1: Reply from the Commissioner" in separator
    assert "Commissioner's response to the Panel's report" in separator and "(3 pages)" in separator
    body = " ".join(pages[: own[0] - 1])
    assert "set out at Appendix 1" in body and "not reproduced" not in body
    assert "reply.pdf" not in " ".join(pages)  # never a file name
    reader = PdfReader(str(target))
    assert reader.trailer["/Root"]["/Lang"] == "en-GB" and reader.metadata.title.startswith("Agenda item:")
    assert "Appendix 1: Reply from the Commissioner" in [
        i.title for i in reader.outline if not isinstance(i, list)
    ]


def test_a_word_reply_is_set_verbatim_in_the_pdf_and_the_word_paper(cycle, capsys, tmp_path):
    letter = tmp_path / "reply.docx"
    reply_docx(letter)
    ok(capsys, "import", "reply", str(letter), "--cycle", "c1", "--date", "2024-11-20", "--db", cycle)
    target = tmp_path / "agenda.pdf"
    agenda(capsys, cycle, target)
    text = " ".join(texts(target))
    appendix = text[text.index("Appendix 1: Reply from the Commissioner", text.index("Contact officer")) :]
    assert "Recommendation 1: accepted. Costs < £5,000 & met by the Office." in appendix
    assert "Bydd y fforwm ieuenctid yn cwrdd ym Mhowys; ŵyr ŷd." in appendix
    import docx

    word = docx.Document(io.BytesIO(agenda_docx(capsys, cycle, tmp_path)))
    paragraphs = [p.text for p in word.paragraphs]
    start = next(
        i for i, p in enumerate(word.paragraphs)
        if p.style.name.startswith("Heading") and p.text == "Appendix 1: Reply from the Commissioner"
    )  # fmt: skip
    assert paragraphs[start + 3 : start + 6] == [
        "20 November 2024",
        "Recommendation 1: accepted. Costs < £5,000 & met by the Office.",
        "Recommendation 2: accepted. Bydd y fforwm ieuenctid yn cwrdd ym Mhowys; ŵyr ŷd.",
    ]


def agenda_docx(capsys, store, tmp_path) -> bytes:
    target = tmp_path / "agenda.docx"
    agenda(capsys, store, target)
    return target.read_bytes()


def test_a_text_reply_keeps_its_paragraphs_and_line_breaks(cycle, capsys, tmp_path):
    letter = tmp_path / "reply.txt"
    letter.write_text(
        "Dear Chair,\n\nRecommendation 1\nAccepted <in full> & at once.\n\nRecommendation 2\nAccepted.\n",
        encoding="utf-8",
    )
    ok(capsys, "import", "reply", str(letter), "--cycle", "c1", "--date", "2024-11-20", "--db", cycle)
    target = tmp_path / "agenda.pdf"
    agenda(capsys, cycle, target)
    raw = "\n".join(page.extract_text() for page in PdfReader(str(target)).pages)
    assert "Recommendation 1\nAccepted <in full> & at once." in raw


def test_without_a_stored_reply_the_item_is_refused_or_says_the_reply_is_published_separately(
    cycle, capsys, tmp_path
):
    ok(capsys, "set-date", "c1", "reply", "2024-11-20", "--db", cycle)
    target = tmp_path / "agenda.pdf"
    code, _, err = run(capsys, "report", "agenda", "--cycle", "c1", "-o", str(target), "--db", cycle)
    assert code == 2 and err.count("\n") == 1 and "import the reply" in err and "--without-appendix" in err
    assert not target.exists()
    agenda(capsys, cycle, target, "--without-appendix")
    text = " ".join(texts(target))
    assert "The reply, given on 20 November 2024, is published separately for members to note" in text
    assert "Appendix 1" not in text and "not reproduced" not in text


def test_the_meeting_is_the_first_after_the_reply_and_never_one_before_it(cycle, capsys, tmp_path):
    letter = tmp_path / "reply.pdf"
    reply_pdf(letter, pages=1)
    ok(capsys, "import", "reply", str(letter), "--cycle", "c1", "--date", "2024-11-20", "--db", cycle)
    meeting = ("meeting", "add", "--body", "wessex", "--cycle", "c1")
    ok(capsys, *meeting, "--date", "2024-11-01", "--title", "Panel", "--db", cycle)
    ok(capsys, *meeting, "--date", "2024-12-02", "--title", "Panel", "--db", cycle)
    later = ok(
        capsys, *meeting, "--date", "2025-01-14", "--title", "Panel", "--for", "reply_noted", "--db", cycle
    )
    listed = ok(capsys, "meeting", "list", "--cycle", "c1", "--db", cycle)
    assert [m["for_stage"] for m in listed] == [None, None, "reply_noted"]
    target = tmp_path / "agenda.pdf"
    agenda(capsys, cycle, target)
    first = texts(target)[0]
    assert "Date: 14 January 2025" in first and "· 14 Jan 2025" in first  # the meeting's date in the footer
    ok(capsys, "meeting", "add", "--body", "wessex", "--date", "2025-01-20", "--title", "x", "--db", cycle)
    agenda(capsys, cycle, target, "--meeting", str(later["id"] - 1))
    assert "Date: 2 December 2024" in texts(target)[0]
    for option, value in (("--meeting", str(later["id"] - 2)), ("--meeting-date", "2024-11-19")):
        code, _, err = run(capsys, "report", "agenda", "--cycle", "c1", option, value, "-o",
                           str(tmp_path / "early.pdf"), "--db", cycle)  # fmt: skip
        assert code == 2 and err.count("\n") == 1 and "before the reply (20 November 2024)" in err
    assert not (tmp_path / "early.pdf").exists()


def test_a_meeting_for_a_stage_the_cycle_does_not_have_is_refused_naming_its_stages(cycle, capsys):
    code, _, err = run(capsys, "meeting", "add", "--body", "wessex", "--cycle", "c1", "--date", "2025-01-14",
                       "--title", "Panel", "--for", "reply_notd", "--db", cycle)  # fmt: skip
    assert code == 2 and err.count("\n") == 1 and "'reply_notd'" in err and "reply_noted" in err
    assert ok(capsys, "meeting", "list", "--db", cycle) == []


def test_background_papers_name_documents_by_title_and_date_never_the_appended_reply(cycle, capsys, tmp_path):
    letter = tmp_path / "reply.pdf"
    reply_pdf(letter, pages=1)
    ok(capsys, "import", "reply", str(letter), "--cycle", "c1", "--date", "2024-11-20", "--db", cycle)
    target = tmp_path / "agenda.pdf"
    agenda(capsys, cycle, target)
    text = " ".join(texts(target))
    papers = text[text.index("list of background papers") : text.index("Contact officer")]
    assert "Report of the Panel on the draft plan, 22 October 2024" in papers
    assert "response" not in papers.lower() and ".md" not in papers and ".pdf" not in papers
    agenda(capsys, cycle, target, "--without-appendix")
    text = " ".join(texts(target))
    papers = text[text.index("list of background papers") : text.index("Contact officer")]
    assert "Commissioner's response to the Panel's report, 20 November 2024" in papers
    agenda(capsys, cycle, target, "--background-papers", "None")
    text = " ".join(texts(target))
    assert text[text.index("list of background papers") :].split("Contact officer")[0].endswith("None ")


@pytest.mark.parametrize("paragraph", range(1, 8))
def test_an_exempt_item_names_its_paragraph_of_schedule_12a(cycle, capsys, tmp_path, paragraph):
    from tracker.reports.agenda import exempt_paragraphs

    letter = tmp_path / "reply.pdf"
    reply_pdf(letter, pages=1)
    ok(capsys, "import", "reply", str(letter), "--cycle", "c1", "--date", "2024-11-20", "--db", cycle)
    target = tmp_path / "agenda.pdf"
    agenda(capsys, cycle, target, "--private", "--exempt-paragraph", str(paragraph))
    text = texts(target)[0]
    described = exempt_paragraphs()[paragraph]
    assert (
        f"within paragraph {paragraph} of Part 1 of Schedule 12A to the Local Government Act 1972 "
        f"({described[:1].lower()}{described[1:].rstrip('.')})"
    ) in text


@pytest.mark.parametrize(
    "extra, needle",
    [
        (("--private",), "--private needs --exempt-paragraph"),
        (("--private", "--exempt-paragraph", "8"), "from 1 to 7"),
        (("--exempt-paragraph", "3"), "needs --private"),
    ],
)
def test_private_without_its_paragraph_is_refused(cycle, capsys, tmp_path, extra, needle):
    letter = tmp_path / "reply.pdf"
    reply_pdf(letter, pages=1)
    ok(capsys, "import", "reply", str(letter), "--cycle", "c1", "--date", "2024-11-20", "--db", cycle)
    target = tmp_path / "agenda.pdf"
    code, _, err = run(capsys, "report", "agenda", "--cycle", "c1", *extra, "-o", str(target), "--db", cycle)
    assert code == 2 and err.count("\n") == 1 and needle in err and not target.exists()


def test_an_imported_document_keeps_its_bytes_media_type_and_a_title_never_its_file_name(
    cycle, capsys, tmp_path
):
    from tracker.services.factory import open_services

    letter = tmp_path / "reply-final-v2.txt"
    letter.write_text("Recommendation 1\nAccepted.\n\nRecommendation 2\nAccepted.\n", encoding="utf-8")
    ok(capsys, "import", "reply", str(letter), "--cycle", "c1", "--date", "2023-03-23", "--db", cycle)
    services = open_services(cycle)
    detail = services.cycles.detail("c1", __import__("datetime").date(2024, 12, 1))
    titles = {d.kind: d.title for d in detail.documents}
    assert titles == {
        "committee report": "Report of the Panel on the draft plan",  # the document's own title line
        "reply": "Reply from the Wessex Police and Crime Commissioner, 23 March 2023",
    }
    reply = next(d for d in detail.documents if d.kind == "reply")
    stored = services.cycles.stored_document(reply.id)
    assert stored.data == letter.read_bytes() and stored.media_type == "text/plain"


def test_the_appendix_stamp_is_drawn_in_an_embedded_font():
    """PDF/UA-1 wants every font the paper uses embedded: the stamp on appended pages is the paper's own."""
    import io

    from pypdf import PdfReader
    from reportlab.pdfgen.canvas import Canvas

    from tracker.reports.common import insert_pages

    def letter(pages: int) -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer)
        for page in range(pages):
            canvas.drawString(72, 700, f"Letter page {page + 1}")
            canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    paper = PdfReader(io.BytesIO(insert_pages(letter(2), letter(3), 2, "Appendix 1", "Reply")))
    for page in paper.pages[2:5]:
        stamp_fonts = [
            font.get_object()
            for name, font in page["/Resources"]["/Font"].items()
            if name.startswith("/TrackerStamp")
        ]
        assert stamp_fonts, "the appended page has no stamp font"
        for font in stamp_fonts:
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor  # the TrueType program travels inside the paper
    assert "Appendix 1 · Page 4 of 5" in (paper.pages[3].extract_text() or "")


def test_the_footer_date_is_labelled_printed_until_the_meeting_is_set(cycle, capsys, tmp_path):
    import datetime as dt

    from tracker.domain.formatting import uk_date

    letter = tmp_path / "reply.pdf"
    reply_pdf(letter, pages=1)
    ok(capsys, "import", "reply", str(letter), "--cycle", "c1", "--db", cycle)
    target = tmp_path / "agenda.pdf"
    agenda(capsys, cycle, target)
    first = texts(target)[0]
    today = uk_date(dt.date.today())
    assert "Date: to be set" in first and f"· printed {today} Page 1 of" in first
    agenda(capsys, cycle, target, "--as-of", "2024-12-01")
    assert "· as of 1 Dec 2024 Page 1 of" in texts(target)[0]
    agenda(capsys, cycle, target, "--meeting-date", "2024-12-09")
    first = texts(target)[0]
    assert "Date: 9 December 2024" in first and "· 9 Dec 2024 Page 1 of" in first and "printed" not in first
