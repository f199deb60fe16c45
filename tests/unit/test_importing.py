"""Reading letters: the labelled corpus, PDF and Word forms, bad files, the seeds, and imports into a cycle."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.corpus_scoring import CORPUS, labels, score_corpus
from tracker.cli.main import main
from tracker.errors import BadInput
from tracker.importing.audit import audit_reply, expand_numbers
from tracker.importing.extract import extract_recommendations
from tracker.importing.readers import read_document

D = dt.date


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ---- accuracy -----------------------------------------------------------------------------------------
def test_corpus_precision_and_recall(capsys):
    scores = score_corpus()
    with capsys.disabled():
        print("\nCorpus accuracy (tests/corpus, documents written for the project):")
        for measure, score in scores.items():
            print("  " + score.line(measure))
    for score in scores.values():
        assert score.precision >= 0.95 and score.recall >= 0.95


@pytest.mark.parametrize("name", sorted(labels()["extraction"]))
def test_extraction_labels(name):
    label = labels()["extraction"][name]
    extraction = extract_recommendations(read_document(CORPUS / name))
    recs = {r.number: r for r in extraction.recommendations}
    assert list(recs) == label["numbers"]
    assert extraction.document.date == D.fromisoformat(label["date"])
    if "reference" in label:
        assert extraction.document.reference == label["reference"]
    if "reply_requested_by" in label:
        assert extraction.document.reply_requested_by == D.fromisoformat(label["reply_requested_by"])
    for number, count in label.get("subpoints", {}).items():
        assert len(recs[number].subpoints) == count
    for number, dates in label.get("asks", {}).items():
        assert [a.date.isoformat() for a in recs[number].asks] == dates
    every_text = " ".join(r.full_text + " " + (r.text_cy or "") for r in recs.values())
    for phrase in label.get("not_in_text", []):
        assert phrase not in every_text
    for number, phrase in label.get("in_text", {}).items():
        assert phrase in recs[number].full_text
    for number in label.get("welsh", []):
        assert recs[number].text_cy and recs[number].text and recs[number].text != recs[number].text_cy
    for number, phrase in label.get("in_welsh", {}).items():
        assert phrase in recs[number].text_cy and phrase not in recs[number].text


@pytest.mark.parametrize("name", sorted(labels()["audit"]))
def test_audit_labels(name):
    label = labels()["audit"][name]
    committee = None
    if label["committee"]:
        committee = list(extract_recommendations(read_document(CORPUS / label["committee"])).recommendations)
    audit = audit_reply(read_document(CORPUS / name), committee)
    found = {r.number: r for r in audit.recommendations}
    assert set(found) == set(label["expected"])
    for number, expected in label["expected"].items():
        rec = found[number]
        assert rec.status == expected["status"], number
        assert sorted(rec.grouped_with) == sorted(expected["group"]), number
        assert rec.disposition == expected["disposition"], number
    assert list(audit.unknown_replies) == label.get("unknown", [])
    assert audit.document.date == D.fromisoformat(label["date"])
    for number, dates in label.get("commitments", {}).items():
        assert [c.date.isoformat() for c in found[number].commitments] == dates


def test_number_ranges():
    assert expand_numbers("5 to 7") == ["5", "6", "7"]
    assert expand_numbers("R8 and R9") == ["8", "9"]
    assert expand_numbers("3, 4 and 5") == ["3", "4", "5"]
    assert expand_numbers("10-12") == ["10", "11", "12"]


def test_cross_reference_is_not_a_group():
    audit = audit_reply(read_document(CORPUS / "reply_restates.md"))
    nine = next(r for r in audit.recommendations if r.number == "9")
    assert nine.grouped_with == () and nine.disposition == "not accepted"
    (passage,) = [p for p in audit.passages if "As per my response to Recommendation 2" in p.text]
    assert passage.numbers == ("9",)


# ---- PDF and Word forms of the same documents -----------------------------------------------------------
def _pdf_of(text: str, path: Path) -> Path:
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    font = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "DejaVuSans.ttf"
    style = getSampleStyleSheet()["Normal"]
    if font.exists():
        pdfmetrics.registerFont(TTFont("CorpusSans", str(font)))
        style.fontName = "CorpusSans"
    story = []
    for line in text.split("\n"):
        story.append(Paragraph(escape(line), style) if line.strip() else Spacer(1, 8))
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def _docx_of(text: str, path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(str(path))
    return path


@pytest.mark.parametrize("maker", [_pdf_of, _docx_of], ids=["pdf", "docx"])
@pytest.mark.parametrize("name", ["letter_numbered.md", "r_style.txt", "report_headings.md"])
def test_pdf_and_docx_forms_extract_the_same(tmp_path, maker, name):
    source = (CORPUS / name).read_text(encoding="utf-8")
    suffix = ".pdf" if maker is _pdf_of else ".docx"
    made = maker(source, tmp_path / (Path(name).stem + suffix))
    original = extract_recommendations(read_document(CORPUS / name))
    converted = extract_recommendations(read_document(made))
    assert [r.number for r in converted.recommendations] == [r.number for r in original.recommendations]
    assert [len(r.subpoints) for r in converted.recommendations] == [
        len(r.subpoints) for r in original.recommendations
    ]
    assert converted.document.date == original.document.date


@pytest.mark.parametrize("maker", [_pdf_of, _docx_of], ids=["pdf", "docx"])
def test_pdf_and_docx_replies_audit_the_same(tmp_path, maker):
    source = (CORPUS / "reply_restates.md").read_text(encoding="utf-8")
    made = maker(source, tmp_path / ("reply.pdf" if maker is _pdf_of else "reply.docx"))
    original = audit_reply(read_document(CORPUS / "reply_restates.md"))
    converted = audit_reply(read_document(made))
    assert [(r.number, r.grouped_with, r.disposition) for r in converted.recommendations] == [
        (r.number, r.grouped_with, r.disposition) for r in original.recommendations
    ]


def test_docx_table_reply(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Date: 28 February 2025")
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(
        table.rows,
        [
            ("No.", "Response", "Status"),
            ("1", "We agree and will act.", "Accepted"),
            ("2", "A target would distort priorities.", "Not accepted"),
        ],
        strict=True,
    ):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    path = tmp_path / "table.docx"
    document.save(str(path))
    audit = audit_reply(read_document(path))
    assert [(r.number, r.disposition) for r in audit.recommendations] == [
        ("1", "accepted"),
        ("2", "not accepted"),
    ]
    assert audit.recommendations[1].evidence == "status column: Not accepted"


# ---- bad files ----------------------------------------------------------------------------------------
def _scanned_pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path))
    page.rect(50, 50, 400, 600, fill=1)  # an image-like page with no text layer
    page.save()
    return path


def _encrypted_pdf(path: Path, tmp: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    plain = _pdf_of("1. A recommendation that is locked away.", tmp / "plain.pdf")
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p, t: _scanned_pdf(p / "scan.pdf"), "no text layer"),
        (lambda p, t: _encrypted_pdf(p / "locked.pdf", t), "encrypted PDF"),
        (
            lambda p, t: (
                (p / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") and p / "binary.txt"
            ),
            "binary file",
        ),
        (lambda p, t: (p / "empty.md").write_text("") or p / "empty.md", "is empty"),
        (lambda p, t: (p / "notes.odt").write_text("x") and p / "notes.odt", "not a supported document type"),
        (
            lambda p, t: (p / "broken.docx").write_bytes(b"not a zip") and p / "broken.docx",
            "not a readable Word",
        ),
        (lambda p, t: (p / "broken.pdf").write_bytes(b"%PDF-1.4 nonsense") and p / "broken.pdf", "PDF"),
    ],
    ids=["scanned", "encrypted", "binary", "empty", "odt", "bad-docx", "bad-pdf"],
)
def test_bad_files_are_named(tmp_path, make, message):
    folder = tmp_path / "docs"
    folder.mkdir()
    path = make(folder, tmp_path)
    with pytest.raises(BadInput, match=message):
        read_document(path)


def test_file_over_20_mb(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    with pytest.raises(BadInput, match="limit is 20 MB"):
        read_document(path)


def test_cli_bad_file_exits_2_and_the_store_is_untouched(capsys, db_url, tmp_path):
    assert run(capsys, "demo", "--db", db_url)[0] == 0
    before = json.loads(run(capsys, "history", "--db", db_url, "--json")[1])
    scan = _scanned_pdf(tmp_path / "scan.pdf")
    code, out, err = run(capsys, "import", "reply", str(scan), "--cycle", "london-2025", "--db", db_url)
    assert code == 2 and out == "" and "no text layer" in err and len(err.strip().splitlines()) == 1
    no_recs = tmp_path / "minutes.md"
    no_recs.write_text("Minutes of the meeting.\n\nMembers discussed the budget.\n", encoding="utf-8")
    code, _, err = run(
        capsys, "import", "recommendations", str(no_recs), "--cycle", "london-2025", "--db", db_url
    )
    assert code == 2 and "has no recommendations that the app can find" in err
    code, _, err = run(
        capsys, "import", "reply", str(CORPUS / "reply_ranges.md"), "--cycle", "nowhere", "--db", db_url
    )
    assert code == 2 and "'nowhere'" in err
    assert json.loads(run(capsys, "history", "--db", db_url, "--json")[1]) == before


def test_special_characters_survive_extraction(capsys):
    code, out, _ = run(capsys, "extract", str(CORPUS / "letter_numbered.md"), "--json")
    assert code == 0
    data = json.loads(out)
    texts = " ".join(r["text"] + " ".join(r["subpoints"]) for r in data["recommendations"])
    assert "< £50,000" in texts and "“hidden”" in texts
    code, out, _ = run(capsys, "extract", str(CORPUS / "bilingual_headings.md"), "--json")
    welsh = " ".join(r["text_cy"] for r in json.loads(out)["recommendations"])
    assert "ŵyl" in welsh and "Llŷn" in welsh


def test_extract_json_shape(capsys):
    code, out, _ = run(capsys, "extract", str(CORPUS / "letter_numbered.md"), "--json")
    data = json.loads(out)
    assert set(data["document"]) >= {"date", "reference", "reply_requested_by", "dates"}
    assert data["document"]["reply_requested_by"] == "2024-03-07"
    assert all(set(d) == {"date", "context"} for d in data["document"]["dates"])
    for rec in data["recommendations"]:
        assert set(rec) >= {"number", "text", "subpoints", "asks"}
        assert isinstance(rec["number"], str)
    assert data["recommendations"][3]["asks"] == [
        {"date": "2024-09-30", "text": data["recommendations"][3]["asks"][0]["text"]}
    ]


def test_audit_reply_json_shape(capsys):
    code, out, _ = run(
        capsys,
        "audit-reply",
        str(CORPUS / "reply_ranges.md"),
        "--recommendations",
        str(CORPUS / "reply_ranges_committee.md"),
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["document"]["date"] == "2023-11-21" and data["unknown_replies"] == ["12"]
    nine = next(r for r in data["recommendations"] if r["number"] == "9")
    assert nine.pop("out_of_order_after") is None
    assert nine == {
        "number": "9",
        "status": "missing",
        "grouped_with": [],
        "disposition": None,
        "evidence": None,
        "commitments": [],
    }
    one = next(r for r in data["recommendations"] if r["number"] == "1")
    assert one["grouped_with"] == ["2", "3"] and one["status"] == "replied"


# ---- imports into a cycle -----------------------------------------------------------------------------
def test_import_same_file_twice_changes_nothing(demo):
    first = demo.imports.import_reply("london-2025", CORPUS / "reply_restates.md")
    assert not first.unchanged and len(first.replied) == 9
    changes = demo.history.for_item(cycle_id="london-2025")
    again = demo.imports.import_reply("london-2025", CORPUS / "reply_restates.md")
    assert again.unchanged
    assert demo.history.for_item(cycle_id="london-2025") == changes


def test_corrected_reply_shows_changes_and_keeps_overrides(demo, tmp_path):
    demo.imports.import_reply("london-2025", CORPUS / "reply_restates.md")
    detail = demo.cycles.detail("london-2025", D(2026, 1, 1))
    eight = next(r for r in detail.replies if r.covers == ("8",))
    demo.recommendations.set_disposition(eight.id, "partially accepted")
    corrected = (
        (CORPUS / "reply_restates.md")
        .read_text(encoding="utf-8")
        .replace("I do not accept that a fixed split", "I accept that a clearer split")
    )
    path = tmp_path / "reply_restates_v2.md"
    path.write_text(corrected, encoding="utf-8")
    result = demo.imports.import_reply("london-2025", path)
    assert not result.unchanged
    assert [(c.number, c.field, c.old, c.new) for c in result.changed] == [
        ("2", "disposition", "not accepted", "accepted")
    ]
    detail = demo.cycles.detail("london-2025", D(2026, 1, 1))
    recs = {r.number: r for r in detail.recommendations}
    assert recs["8"].disposition == "partially accepted"  # the secretariat's override survived
    assert recs["2"].disposition == "accepted"


def test_import_recommendations_then_reply_and_audit(capsys, demo, db_url):
    demo.imports.import_recommendations("london-2025", CORPUS / "reply_ranges_committee.md")
    result = demo.imports.import_reply("london-2025", CORPUS / "reply_ranges.md")
    assert result.missing == ("9",) and result.unknown == ("12",)
    assert ("1", "2", "3") in result.grouped
    code, out, _ = run(capsys, "audit", "london-2025", "--db", db_url, "--json")
    data = json.loads(out)
    assert data["recommendations"][0]["number"] == "9" and data["recommendations"][0]["status"] == "missing"
    assert data["coverage"] == {"total": 9, "replied": 8, "grouped": 8, "missing": 1, "not_recorded": 0}
    assert data["unknown_replies"] == [{"numbers": ["12"], "text": data["unknown_replies"][0]["text"]}]
    # a report dated before the cycle's draft cannot be its report: the date is not recorded, and the user is told
    stages = {s.key: s for s in demo.cycles.detail("london-2025", D(2026, 1, 1)).stages}
    assert stages["panel_report"].actual is None


def test_import_fills_the_report_date_from_the_document(demo):
    result = demo.imports.import_recommendations("london-2025", CORPUS / "report_headings.md")
    assert result.dates_recorded == ("panel_report on 12 Mar 2025 from the document's date",)
    stages = {s.key: s for s in demo.cycles.detail("london-2025", D(2026, 1, 1)).stages}
    assert stages["panel_report"].actual == D(2025, 3, 12)
    assert "committee report" in stages["panel_report"].evidence


def test_import_refuses_a_date_that_contradicts_the_cycle(demo):
    result = demo.imports.import_recommendations("london-2025", CORPUS / "reply_ranges_committee.md")
    assert "is before Draft plan published" in result.dates_recorded[0]


def test_corrected_committee_report_lists_changes(demo, tmp_path):
    demo.imports.import_recommendations("london-2025", CORPUS / "letter_numbered.md")
    corrected = (
        (CORPUS / "letter_numbered.md")
        .read_text(encoding="utf-8")
        .replace("publish a baseline for each measure", "publish a baseline and a target for each measure")
    )
    path = tmp_path / "letter_v2.md"
    path.write_text(corrected, encoding="utf-8")
    result = demo.imports.import_recommendations("london-2025", path)
    assert [(c.number, c.field) for c in result.changed] == [("1", "text")]
    assert "a target" in result.changed[0].new
    asks = [f for f in demo.cycles.detail("london-2025", D(2026, 1, 1)).follow_ups if f.kind == "ask"]
    assert [(f.recommendation_number, f.due) for f in asks] == [("4", D(2024, 9, 30))]


def test_a_failing_import_leaves_the_store_as_it_was(demo, monkeypatch):
    from tracker.services import importing

    before = demo.history.for_item(cycle_id="london-2025")

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing.ImportService, "_record_stage", explode)
    with pytest.raises(RuntimeError):
        demo.imports.import_reply("london-2025", CORPUS / "reply_restates.md")
    detail = demo.cycles.detail("london-2025", D(2026, 1, 1))
    assert detail.replies == () and detail.recommendations == () and detail.documents == ()
    assert demo.history.for_item(cycle_id="london-2025") == before


def test_pasted_text_can_be_previewed():
    from tracker.services.importing import ImportService

    document = ImportService.read(text="R1: The plan should be published in Welsh.\nR2: And in Braille.")
    extraction = ImportService.preview_recommendations(document)
    assert [r.number for r in extraction.recommendations] == ["1", "2"]
    with pytest.raises(BadInput, match="empty"):
        ImportService.read(text="   ")


# ---- the real documents (only where the shared seeds are beside the repository) ----------------------------
@pytest.mark.seeds
def test_seed_committee_letter_2013(seeds_dir):
    extraction = extract_recommendations(read_document(seeds_dir / "003_c528e2adb588e55c.txt"))
    recs = {r.number: r for r in extraction.recommendations}
    assert list(recs) == [str(n) for n in range(1, 20)]
    assert len(recs["6"].subpoints) == 3 and len(recs["8"].subpoints) == 4
    assert extraction.document.date == D(2013, 3, 6)
    assert extraction.document.reply_requested_by == D(2013, 3, 25)
    assert not any("Committee will" in r.full_text for r in recs.values())
    assert len(extraction.statements) == 3
    assert (D(2013, 3, 28),) == tuple(d.date for d in extraction.document.dates if d.date == D(2013, 3, 28))
    assert [a.date for a in recs["2"].asks] == [D(2013, 9, 30)]


@pytest.mark.seeds
def test_seed_agenda_report_2017(seeds_dir):
    extraction = extract_recommendations(read_document(seeds_dir / "000_dad9579c06ddb992.txt"))
    recs = {r.number: r for r in extraction.recommendations}
    assert list(recs) == [str(n) for n in range(1, 14)]
    assert [len(recs[n].subpoints) for n in ("1", "2", "3", "6", "10", "13")] == [4, 2, 2, 2, 2, 3]
    assert extraction.document.date == D(2017, 3, 29)
    assert not any("notes the response" in r.full_text for r in recs.values())


@pytest.mark.seeds
def test_seed_reply_2022_alone_and_with_the_list(seeds_dir):
    reply = read_document(seeds_dir / "001_b239aaae5a7539da.txt")
    audit = audit_reply(reply)
    recs = {r.number: r for r in audit.recommendations}
    assert list(recs) == [str(n) for n in range(1, 17)]
    assert all(r.status == "replied" for r in recs.values())
    assert recs["9"].grouped_with == ("10",) and recs["14"].grouped_with == ("16",)
    assert recs["12"].grouped_with == () and recs["8"].grouped_with == ()
    assert {n for n, r in recs.items() if r.disposition == "not accepted"} == {"6", "11", "12", "15"}
    assert {n for n, r in recs.items() if r.disposition == "partially accepted"} == {"7", "13"}
    assert audit.document.reference == "MOPAC2500222- D4012" and audit.document.date == D(2022, 3, 23)
    assert [c.date for c in recs["7"].commitments] == [D(2022, 4, 13)]
    numbers_in_order = [p.numbers for p in audit.passages]
    assert numbers_in_order.index(("14", "16")) < numbers_in_order.index(("15",))
    restated = extract_recommendations(reply)
    asks = {r.number: [a.date for a in r.asks] for r in restated.recommendations}
    assert asks["6"] == [D(2022, 9, 30)] and asks["15"] == [D(2022, 6, 30)]


@pytest.mark.seeds
def test_seed_documents_without_recommendations(seeds_dir):
    for name in ("002_3402ab8ab63d700c.txt", "004_cef444185215ec43.txt"):
        extraction = extract_recommendations(read_document(seeds_dir / name))
        assert extraction.recommendations == ()
    consultee = extract_recommendations(read_document(seeds_dir / "002_3402ab8ab63d700c.txt")).document
    assert D(2017, 1, 31) in {d.date for d in consultee.dates}


def test_a_number_given_twice_and_a_gap_are_shown_not_repaired():
    from tracker.importing.extract import reading_warnings

    text = (
        "Recommendations\n\n1. The Commissioner should publish the plan.\n\n"
        "2. The Commissioner should consult victims.\n\n2. The Commissioner should report each quarter.\n\n"
        "5. The Commissioner should fund the helpline.\n"
    )
    extraction = extract_recommendations(text)
    assert [r.number for r in extraction.recommendations] == ["1", "2", "2", "5"]
    warnings = reading_warnings(extraction)
    assert "the number 2 appears more than once" in warnings
    assert any(w.startswith("the numbering skips 3, 4") for w in warnings)


def test_a_heading_met_again_before_english_words_of_its_own_is_a_second_recommendation():
    from tracker.importing.extract import reading_warnings

    text = (
        "Recommendation 1\nThe Commissioner should publish the plan.\n\n"
        "Recommendation 2\nThe Commissioner should consult victims.\n\n"
        "Recommendation 2\nThe Commissioner should report each quarter.\n"
    )
    extraction = extract_recommendations(text)
    found = [(r.number, r.text, r.text_cy) for r in extraction.recommendations]
    assert found == [
        ("1", "The Commissioner should publish the plan.", None),
        ("2", "The Commissioner should consult victims.", None),
        ("2", "The Commissioner should report each quarter.", None),
    ]
    second, third = extraction.recommendations[1:]
    assert text[second.start : second.end].endswith("consult victims.")
    assert text[third.start : third.end].startswith("Recommendation 2\nThe Commissioner should report")
    assert "the number 2 appears more than once" in reading_warnings(extraction)


def test_a_report_giving_one_number_twice_is_refused_whole_and_says_how_to_go_on(
    capsys, demo, db_url, tmp_path
):
    report = tmp_path / "report.txt"
    report.write_text(
        "Recommendation 1\nThe Mayor should publish the plan.\n\n"
        "Recommendation 2\nThe Mayor should consult victims.\n\n"
        "Recommendation 2\nThe Mayor should report each quarter.\n"
    )
    before = demo.history.for_item(cycle_id="london-2025")
    code, _, err = run(
        capsys, "import", "recommendations", str(report), "--cycle", "london-2025", "--db", db_url
    )
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "'2' given to more than one recommendation" in err and "renumber one" in err
    assert demo.history.for_item(cycle_id="london-2025") == before  # nothing half-written


# ---- a document cut short -------------------------------------------------------------------------------
CUT_MINUTES = """Overview and Scrutiny Committee, 4 March 2009

Late night economy task group

It was agreed that the task group's report be approved, with its recommendation as set out below.

Recommendation 1

(a) That the Community Safety Partnership be asked to establish a Sub-Gr"""


def _cut_warnings(text):
    return [w for w in extract_recommendations(text).warnings if "cut short" in w]


def test_a_document_that_stops_part_way_through_a_word_is_said_to_be_cut_short():
    (warning,) = _cut_warnings(CUT_MINUTES)
    assert "stops mid-sentence, part-way through the word 'Sub-Gr'" in warning
    # a word the document uses in full elsewhere, stopped part-way
    cut = CUT_MINUTES.replace("a Sub-Gr", "a group for the town cen").replace("Late night", "Town centre")
    (warning,) = _cut_warnings(cut)
    assert "'cen'" in warning
    # the same recommendation finished, or stopped at the end of a whole word, says nothing of a cut
    assert _cut_warnings(CUT_MINUTES + "oup.") == []
    assert _cut_warnings(CUT_MINUTES.replace("a Sub-Gr", "a Sub-Group")) == []


def test_extract_and_import_both_warn_of_a_document_cut_short(capsys, tmp_path, db_url):
    minutes = tmp_path / "minutes.txt"
    minutes.write_text(CUT_MINUTES, encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(minutes))
    assert code == 0 and "warning: the text of Recommendation 1 stops mid-sentence, part-way" in out
    run(capsys, "demo", "--db", db_url)
    code, out, err = run(
        capsys, "import", "recommendations", str(minutes), "--cycle", "london-2025", "--db", db_url
    )
    assert code == 0, err
    assert (
        "warning: the text of Recommendation 1 stops mid-sentence, part-way through the word 'Sub-Gr'" in out
    )
    minutes.write_text(CUT_MINUTES.replace("Recommendation 1", "Recommendation 2"), encoding="utf-8")
    code, out, err = run(capsys, "import", "recommendations", str(minutes), "--cycle", "london-2025", "--db",
                         db_url, "--json")  # fmt: skip
    assert code == 0, err
    assert any("part-way through the word 'Sub-Gr'" in w for w in json.loads(out)["warnings"])
