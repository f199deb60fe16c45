"""Extract and audit a 100-page reply PDF, timed against pypdf's own text extraction of the same file.

Both are measured in this run; the figure printed is the ratio (goal <= 1.5x).
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


def build_reply(path: Path, count: int = 200) -> int:
    style = getSampleStyleSheet()["Normal"]
    story = [Paragraph("Date: 23 March 2022", style), Paragraph("Our ref: BENCH/001", style)]
    for n in range(1, count + 1):
        story.append(Paragraph(f"Recommendation {n}", style))
        story.append(
            Paragraph(
                escape(
                    f"The final plan should set out how commitment {n} will be delivered, "
                    f"with measures reported to the committee every quarter."
                ),
                style,
            )
        )
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

        audit = ours()
        replied = sum(1 for r in audit.recommendations if r.status == "replied")
        base = best_of(3, pypdf_only)
        total = best_of(3, ours)
        print(f"reply PDF: {pages} pages, {count} recommendations, {replied} replied")
        print(f"  pypdf extract_text           {base * 1000:8.1f} ms  (baseline 1.00x)")
        print(f"  read + extract + audit       {total * 1000:8.1f} ms  ({total / base:.2f}x, goal <= 1.5x)")


if __name__ == "__main__":
    main()
