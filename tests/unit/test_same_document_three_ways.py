"""The same letter as text, PDF and Word gives the same date and the same recommendations."""

from __future__ import annotations

from tests.document_files import write_document
from tracker.importing.extract import extract_recommendations
from tracker.importing.readers import read_document

LETTER = [
    "Wessex Police and Crime Panel",
    "Date: 14 January 2025",
    "Dear Commissioner",
    "Thank you for the draft plan, which reached us on 2 December 2024. The panel recommends:",
    "1. Publish the plan's measures every quarter, starting by 30 June 2025.",
    "2. Consult young people before the final plan is issued.",
    "3. Say how rural crime will be policed in the upland wards.",
    "Please send your response by 14 February 2025.",
    "Yours sincerely",
]


def test_text_pdf_and_word_agree(tmp_path):
    write_document(tmp_path / "letter.txt", LETTER, text_gap="\n\n")
    write_document(tmp_path / "letter.pdf", LETTER)
    write_document(tmp_path / "letter.docx", LETTER)
    results = []
    for name in ("letter.txt", "letter.pdf", "letter.docx"):
        extraction = extract_recommendations(read_document(tmp_path / name))
        results.append(
            (
                extraction.document.date,
                extraction.document.reply_requested_by,
                [(r.number, r.text) for r in extraction.recommendations],
            )
        )
    assert results[0] == results[1] == results[2]
    date, reply_by, recs = results[0]
    assert str(date) == "2025-01-14" and str(reply_by) == "2025-02-14"  # never a date from the body
    assert [n for n, _ in recs] == ["1", "2", "3"]
