"""Extract and audit a 100-page reply PDF, timed against pypdf's own text extraction of the same file.

The reply is audited twice: alone (its restatements give the list), and against the list read from the
report it answers, as the app does when the report is already in the cycle.
All are measured in this run; the figures printed are ratios (goal <= 1.5x).
Run: `.venv/bin/python benchmarks/bench_extract.py`
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best_of  # noqa: E402

from tracker.importing.audit import audit_reply
from tracker.importing.extract import classify, document_info, extract_recommendations
from tracker.importing.readers import read_document


def _recommendation(n: int) -> str:
    return (
        f"The final plan should set out how commitment {n} will be delivered, "
        f"with measures reported to the committee every quarter."
    )


def build_report(path: Path, count: int) -> None:
    """The committee's report that the reply answers: its `count` recommendations, each under its heading."""
    style = getSampleStyleSheet()["Normal"]
    story = [Paragraph("Date: 1 March 2022", style), Paragraph("The committee recommends:", style)]
    for n in range(1, count + 1):
        story.append(Paragraph(f"Recommendation {n}", style))
        story.append(Paragraph(escape(_recommendation(n)), style))
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


def build_reply(path: Path, count: int = 200) -> int:
    style = getSampleStyleSheet()["Normal"]
    story = [Paragraph("Date: 23 March 2022", style), Paragraph("Our ref: BENCH/001", style)]
    for n in range(1, count + 1):
        story.append(Paragraph(f"Recommendation {n}", style))
        story.append(Paragraph(escape(_recommendation(n)), style))
        answer = (
            "We agree. The final plan sets out the delivery of this commitment, and we will publish "
            "progress each quarter from April 2023. "
        ) * 3
        if n % 7 == 0:
            answer = (
                "We will not be setting a target for this, because the measure would distort priorities. " * 3
            )
        story.append(Paragraph(escape(answer), style))
    document = SimpleDocTemplate(str(path), pagesize=A4)
    document.build(story)
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def build_long_reply(path: Path, pages_wanted: int = 100) -> tuple[int, int]:
    """A reply of at least `pages_wanted` pages: (its pages, its recommendations)."""
    count = 200
    pages = build_reply(path, count)
    while pages < pages_wanted:
        count += 40
        pages = build_reply(path, count)
    return pages, count


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reply.pdf"
        pages, count = build_long_reply(path)

        def pypdf_only():
            from pypdf import PdfReader

            return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)

        def ours():
            classify.cache_clear()  # each run starts cold: no work carried over from the previous run
            document_info.cache_clear()
            document = read_document(path)
            extract_recommendations(document)  # what `tracker extract` does with the same file
            return audit_reply(document)  # the reply alone: its restatements give the list

        report = Path(folder) / "report.pdf"
        build_report(report, count)
        listed = list(extract_recommendations(read_document(report)).recommendations)  # stored in the cycle

        def against_the_list():
            classify.cache_clear()
            document_info.cache_clear()
            return audit_reply(read_document(path), listed)  # what importing the reply into the cycle reads

        audit = ours()
        replied = sum(1 for r in audit.recommendations if r.status == "replied")
        audit_listed = against_the_list()
        tied = sum(
            1
            for r in audit_listed.recommendations
            if r.passage is not None and audit_listed.passages[r.passage].numbers == (r.number,)
        )
        base = best_of(3, pypdf_only)
        total = best_of(3, ours)
        listed_total = best_of(3, against_the_list)
        print(f"reply PDF: {pages} pages, {count} recommendations, {replied} replied")
        print(f"  against the report's {len(listed)}: {tied} tied each to its own number alone")
        print(f"  pypdf extract_text           {base * 1000:8.1f} ms  (baseline 1.00x)")
        print(f"  read + extract + audit       {total * 1000:8.1f} ms  ({total / base:.2f}x, goal <= 1.5x)")
        print(
            f"  read + audit against list    {listed_total * 1000:8.1f} ms  "
            f"({listed_total / base:.2f}x, goal <= 1.5x)"
        )


if __name__ == "__main__":
    main()
