"""A reply that cannot be read (a scanned letter) kept as it came for the papers: `import reply --unread`,
`import document` of a scan, the agenda item appending its pages, and the answers recorded by hand."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from pypdf import PdfReader

from tests.cli_helpers import ok, plan_with_a_report, run


def scanned_letter(path, pages: int = 1):
    """A letter as a scanner makes it: each page one picture, no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4)
    for page in range(pages):
        picture = Image.new("L", (420, 594), 255)
        draw = ImageDraw.Draw(picture)
        draw.rectangle((30, 30, 390, 80), outline=0, width=3)  # the letterhead
        for row in range(8 + page):
            draw.line((40, 120 + 40 * row, 360 - 25 * (row % 3), 120 + 40 * row), fill=0, width=4)
        canvas.drawImage(ImageReader(picture), 0, 0, *A4)
        canvas.showPage()
    canvas.save()
    return path


@pytest.fixture
def cycle(panel, capsys, tmp_path):
    plan_with_a_report(capsys, panel, tmp_path)
    return panel


def history(capsys, store) -> list:
    return ok(capsys, "history", "--db", store)


def shown(capsys, store) -> dict:
    return ok(capsys, "show", "c1", "--db", store)


def documents(store) -> list:
    """The cycle's documents as the app lists them."""
    from tracker.services.factory import open_services

    services = open_services(store)
    try:
        return list(services.cycles.detail("c1", dt.date(2024, 12, 1)).documents)
    finally:
        services.dispose()


def stored(store, document_id: int):
    from tracker.services.factory import open_services

    services = open_services(store)
    try:
        return services.cycles.stored_document(document_id)
    finally:
        services.dispose()


def keep(capsys, store, path, *extra) -> dict:
    """`tracker import reply PATH --unread` into c1."""
    return ok(capsys, "import", "reply", str(path), "--cycle", "c1", "--unread", *extra, "--db", store)


def test_a_scanned_reply_is_refused_and_the_message_says_how_to_keep_it_unread(cycle, capsys, tmp_path):
    scan = scanned_letter(tmp_path / "scan.pdf")
    before = history(capsys, cycle)
    code, out, err = run(capsys, "import", "reply", str(scan), "--cycle", "c1", "--db", cycle)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "no text layer" in err and "--unread" in err and "tracker reply set" in err
    assert history(capsys, cycle) == before


def test_kept_unread_the_letter_is_stored_as_it_came_with_its_date_and_title(cycle, capsys, tmp_path):
    scan = scanned_letter(tmp_path / "scan.pdf")
    result = keep(capsys, cycle, scan, "--date", "2024-11-20", "--title", "Letter from the Commissioner")
    assert result["kind"] == "reply" and result["unread"] and not result["unchanged"]
    assert result["replied"] == [] and result["missing"] == ["1", "2"]
    assert any("20 Nov 2024" in line for line in result["dates_recorded"])
    (reply,) = [d for d in documents(cycle) if d.kind == "reply"]
    assert (reply.title, reply.date) == ("Letter from the Commissioner", dt.date(2024, 11, 20))
    detail = shown(capsys, cycle)
    assert next(s for s in detail["stages"] if s["stage"] == "reply")["actual"] == "2024-11-20"
    assert detail["replies"] == []  # nothing was read out of it
    letter = stored(cycle, reply.id)
    assert letter.data == scan.read_bytes() and letter.media_type == "application/pdf" and letter.text == ""
    kept = [h for h in history(capsys, cycle) if h["field"] == "imported"]
    assert kept[0]["new"] == "scan.pdf (reply, kept unread)"


def test_keeping_the_same_letter_again_changes_nothing(cycle, capsys, tmp_path):
    scan = scanned_letter(tmp_path / "scan.pdf")
    keep(capsys, cycle, scan, "--date", "2024-11-20")
    before = history(capsys, cycle)
    for extra in ((), ("--date", "2024-11-20")):
        again = keep(capsys, cycle, scan, *extra)
        assert again["unchanged"] and again["unread"]
    assert history(capsys, cycle) == before
    code, out, _ = run(capsys, "import", "reply", str(scan), "--cycle", "c1", "--unread", "--db", cycle)
    assert code == 0 and "already imported" in out


def test_a_letter_kept_without_a_date_says_so_and_takes_the_date_when_given_again(cycle, capsys, tmp_path):
    scan = scanned_letter(tmp_path / "scan.pdf")
    code, out, _ = run(capsys, "import", "reply", str(scan), "--cycle", "c1", "--unread", "--db", cycle)
    assert code == 0 and "has no date yet" in out and "tracker set-date c1 reply DATE" in out
    code, out, err = run(capsys, "import", "reply", str(scan), "--cycle", "c1", "--unread", "--date",
                         "2024-11-20", "--db", cycle)  # fmt: skip
    assert code == 0 and "only its date is new" in out and "20 Nov 2024" in out, err
    (letter,) = [d for d in documents(cycle) if d.kind == "reply"]
    assert letter.date == dt.date(2024, 11, 20)
    assert [row["new"] for row in history(capsys, cycle)[:2]] == ["20 Nov 2024", "20 Nov 2024"]
    before = history(capsys, cycle)
    code, out, err = run(capsys, "import", "reply", str(scan), "--cycle", "c1", "--unread", "--date",
                         "2024-11-21", "--db", cycle)  # fmt: skip
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "20 Nov 2024" in err and "tracker set-date c1 reply DATE" in err
    assert history(capsys, cycle) == before


def test_every_paper_gives_the_reply_the_same_date(cycle, capsys, tmp_path):
    """A scan kept without a date, its day then recorded by hand: the item, its appendix and the audit agree;
    a new day set by hand moves the letter's date with it."""
    scan = scanned_letter(tmp_path / "scan.pdf")
    keep(capsys, cycle, scan)
    ok(capsys, "set-date", "c1", "reply", "2024-11-20", "--db", cycle)
    ok(capsys, "reply", "set", "c1", "1,2", "--text", "Both are accepted.", "--disposition", "accepted",
       "--db", cycle)  # fmt: skip

    def papers() -> str:
        for name in ("agenda", "audit"):
            code, _, err = run(capsys, "report", name, "--cycle", "c1", "-o", str(tmp_path / f"{name}.pdf"),
                               "--db", cycle)  # fmt: skip
            assert code == 0, err
        return " ".join(
            " ".join((page.extract_text() or "").split())
            for name in ("agenda", "audit")
            for page in PdfReader(str(tmp_path / f"{name}.pdf")).pages
        )

    text = papers()
    assert "replied on 20 November 2024" in text
    assert "Reply from the Commissioner, dated 20 November 2024." in text
    assert "Reply dated 20 November 2024." in text
    assert "unrecorded" not in text and "Reply, its date not recorded" not in text
    keep(capsys, cycle, scan, "--date", "2024-11-20")  # the same date again: agreed, nothing to record
    ok(capsys, "set-date", "c1", "reply", "2024-11-19", "--db", cycle)
    text = papers()
    assert "20 November 2024" not in text
    assert text.count("19 November 2024") >= 3


def test_the_answers_are_recorded_by_hand_and_take_the_letters_date(cycle, capsys, tmp_path):
    scan = scanned_letter(tmp_path / "scan.pdf")
    keep(capsys, cycle, scan, "--date", "2024-11-20")
    ok(capsys, "reply", "set", "c1", "1,2", "--text", "Both are accepted and will be done by spring.",
       "--disposition", "accepted", "--db", cycle)  # fmt: skip
    (passage,) = shown(capsys, cycle)["replies"]
    assert (
        passage["covers"] == ["1", "2"] and passage["source"] is None
    )  # no text in the letter to point into
    from tracker.services.factory import open_services

    services = open_services(cycle)
    try:
        (row,) = services.cycles.detail("c1", dt.date(2024, 12, 1)).replies
    finally:
        services.dispose()
    assert row.date == dt.date(2024, 11, 20)  # the letter's date
    code, out, err = run(capsys, "audit", "c1", "--db", cycle)
    assert code == 0 and "2 of 2 replied" in out, err
    code, _, err = run(capsys, "report", "audit", "--cycle", "c1", "-o", str(tmp_path / "audit.pdf"),
                       "--db", cycle)  # fmt: skip
    assert code == 0, err


def test_the_agenda_item_appends_the_scans_pages_as_they_came(cycle, capsys, tmp_path):
    scan = scanned_letter(tmp_path / "scan.pdf", pages=2)
    keep(capsys, cycle, scan, "--date", "2024-11-20")
    scan.unlink()  # the appendix comes from the store
    target = tmp_path / "agenda.pdf"
    code, _, err = run(capsys, "report", "agenda", "--cycle", "c1", "-o", str(target), "--db", cycle)
    assert code == 0, err
    pages = PdfReader(str(target)).pages
    total = len(pages)
    texts = [" ".join((page.extract_text() or "").split()) for page in pages]
    assert "The reply follows as it was received (2 pages)" in " ".join(texts)
    for number in (total - 1, total):  # the scan's two pages close the item, each its picture, stamped
        page = pages[number - 1]
        assert len(page.images) == 1 and f"Appendix 1 · Page {number} of {total}" in texts[number - 1]
    assert all(not page.images for page in pages[: total - 2])
    code, _, err = run(capsys, "report", "agenda", "--cycle", "c1", "-o", str(tmp_path / "agenda.docx"),
                       "--db", cycle)  # fmt: skip
    assert code == 0, err
    import docx

    words = " ".join(p.text for p in docx.Document(str(tmp_path / "agenda.docx")).paragraphs)
    assert "received as a scanned image (2 pages)" in words and "PDF version" in words


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda folder: folder / "nowhere.pdf", "does not exist"),
        (lambda folder: (folder / "empty.pdf").write_bytes(b"") or folder / "empty.pdf", "is empty"),
        (
            lambda folder: (
                (folder / "photo.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
                and folder / "photo.pdf"
            ),
            "not a readable PDF",
        ),
        (
            lambda folder: (
                (folder / "letter.docx").write_bytes(b"PK\x03\x04" + bytes(200)) and folder / "letter.docx"
            ),
            "is not a PDF",
        ),
    ],
    ids=["missing", "empty", "binary", "not-pdf"],
)
def test_unread_bad_files_exit_2_in_one_line_and_store_nothing(cycle, capsys, tmp_path, make, needle):
    path = make(tmp_path)
    before = history(capsys, cycle)
    code, out, err = run(capsys, "import", "reply", str(path), "--cycle", "c1", "--unread", "--db", cycle)
    assert code == 2 and out == "" and needle in err and len(err.strip().splitlines()) == 1
    assert history(capsys, cycle) == before
    assert not [d for d in documents(cycle) if d.kind == "reply"]


def test_a_title_without_unread_is_refused(cycle, capsys, tmp_path):
    scan = scanned_letter(tmp_path / "scan.pdf")
    code, _, err = run(
        capsys, "import", "reply", str(scan), "--cycle", "c1", "--title", "Letter", "--db", cycle
    )
    assert code == 2 and "--title" in err and "--unread" in err


def test_import_document_keeps_a_scan_with_the_date_given_or_none(cycle, capsys, tmp_path):
    scan = scanned_letter(tmp_path / "draft.pdf")
    result = ok(capsys, "import", "document", str(scan), "--cycle", "c1", "--kind", "draft", "--db", cycle)
    assert result["unread"] and not result["unchanged"]
    code, out, _ = run(capsys, "import", "document", str(scanned_letter(tmp_path / "plan.pdf", pages=3)),
                       "--cycle", "c1", "--kind", "annual-report", "--db", cycle)  # fmt: skip
    assert code == 0 and "Kept plan.pdf unread in c1 (annual report): it has no text layer" in out
    other = scanned_letter(tmp_path / "notice.pdf", pages=2)
    ok(capsys, "import", "document", str(other), "--cycle", "c1", "--kind", "notification", "--date",
       "2024-09-01", "--db", cycle)  # fmt: skip
    dates = {d.kind: d.date for d in documents(cycle)}
    assert dates["draft plan"] is None and dates["notification"] == dt.date(2024, 9, 1)


def test_the_service_keeps_the_letter_and_refuses_an_unknown_cycle_first(cycle, tmp_path):
    from tracker.errors import BadInput
    from tracker.services.factory import open_services

    scan = scanned_letter(tmp_path / "scan.pdf")
    services = open_services(cycle)
    try:
        with pytest.raises(BadInput, match="nowhere"):
            services.imports.keep_reply_unread("nowhere", scan)
        result = services.imports.keep_reply_unread("c1", scan, document_date=dt.date(2024, 11, 20))
        assert result.unread and "Kept scan.pdf unread" in result.describe()
        (reply,) = [
            d for d in services.cycles.detail("c1", dt.date(2024, 12, 1)).documents if d.kind == "reply"
        ]
        assert json.loads(json.dumps(result.as_json()))["document_id"] == reply.id
        assert len(PdfReader(io.BytesIO(services.cycles.stored_document(reply.id).data)).pages) == 1
    finally:
        services.dispose()


def test_the_reading_of_a_scanned_reply_says_the_answers_were_typed_from_it(cycle, capsys, tmp_path):
    """Appendix 2 after answers typed from a scan: what the texts are, each heading once, and the reply set
    flush with the recommendation it answers, not under its last sub-point."""
    from tests.unit.test_layout import lines_of

    scan = scanned_letter(tmp_path / "scan.pdf")
    keep(capsys, cycle, scan, "--date", "2024-11-20")
    ok(capsys, "recommendation", "add", "c1", "3", "--text", "Publish the figures.", "--subpoint",
       "Quarterly figures", "--subpoint", "Yearly figures.", "--db", cycle)  # fmt: skip
    ok(capsys, "reply", "set", "c1", "3", "--text", "Accepted in full.", "--disposition", "accepted", "--db",
       cycle)  # fmt: skip
    target = tmp_path / "agenda.pdf"
    code, _, err = run(capsys, "report", "agenda", "--cycle", "c1", "-o", str(target), "--with-assessment",
                       "--db", cycle)  # fmt: skip
    assert code == 0, err
    last = PdfReader(str(target)).pages[-1]
    text = " ".join((last.extract_text() or "").split())
    assert "typed by the secretariat from the reply, which was received as a scanned letter" in text
    assert "not the reply's own words" not in text and "documents' own words" not in text
    assert text.count("Recommendation 3") == 1 and "Recommendation 3:" not in text
    lines = {t.strip(): x for x, _, _, t in lines_of(last)}
    (recommendation,) = [x for t, x in lines.items() if t.startswith("Publish the figures")]
    (reply,) = [x for t, x in lines.items() if t.startswith("Reply: Accepted in full")]
    point = next(x for x, _, _, t in lines_of(last) if t.strip() == "Yearly figures.")  # the bullet
    assert "does not reach: 3(a) Quarterly figures; 3(b) Yearly figures." in text and ".." not in text
    assert abs(reply - recommendation) < 1 and point > reply + 5
