"""The same lines written as a text file, a PDF (one line per row, as a letter prints) or a Word document."""

from __future__ import annotations

import io
from pathlib import Path


def write_document(path: Path, lines: list[str], *, text_gap: str = "\n") -> Path:
    """Write `lines` in the format the file's suffix names (.txt, .pdf, .docx); text lines are joined by
    `text_gap` (a blank line between them with "\\n\\n")."""
    kind = path.suffix.lstrip(".")
    if kind == "txt":
        path.write_text(text_gap.join(lines) + "\n", encoding="utf-8")
    elif kind == "pdf":
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        page = canvas.Canvas(str(path), pagesize=A4)
        for row, line in enumerate(lines):
            page.drawString(40, 800 - 28 * row, line)
        page.save()
    else:
        import docx

        document = docx.Document()
        for line in lines:
            document.add_paragraph(line)
        buffer = io.BytesIO()
        document.save(buffer)
        path.write_bytes(buffer.getvalue())
    return path
