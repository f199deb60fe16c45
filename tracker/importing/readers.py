"""Read a committee document (.txt, .md, .pdf, .docx) into plain text, or say clearly why it cannot be read."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import BadInput

MAX_BYTES = 20 * 1024 * 1024
SUPPORTED = (".txt", ".md", ".pdf", ".docx")


@dataclass(frozen=True)
class DocumentText:
    text: str
    kind: str  # "txt" | "md" | "pdf" | "docx" | "pasted"
    file_name: str
    sha256: str
    size: int


def document_from_text(text: str, name: str = "pasted text") -> DocumentText:
    data = text.encode("utf-8")
    if not text.strip():
        raise BadInput("text", name, "is empty: paste the letter or report first")
    return DocumentText(normalise(text), "pasted", name, hashlib.sha256(data).hexdigest(), len(data))


def read_document(path: str | Path) -> DocumentText:
    path = Path(path)
    field = "file"
    if not path.exists():
        raise BadInput(field, str(path), "does not exist")
    if path.is_dir():
        raise BadInput(field, str(path), "is a folder, not a document")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise BadInput(field, path.name, f"is not a supported document type (use {', '.join(SUPPORTED)})")
    size = path.stat().st_size
    if size == 0:
        raise BadInput(field, path.name, "is empty")
    if size > MAX_BYTES:
        raise BadInput(field, path.name, f"is {size / 1024 / 1024:.1f} MB; the limit is 20 MB")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if suffix in (".txt", ".md"):
        text = _decode_text(data, path.name)
    elif suffix == ".pdf":
        text = _pdf_text(data, path.name)
    else:
        text = _docx_text(data, path.name)
    text = normalise(text)
    if not text.strip():
        raise BadInput(field, path.name, "contains no text")
    return DocumentText(text, suffix.lstrip("."), path.name, digest, size)


def normalise(text: str) -> str:
    """Line endings, no-break spaces and soft hyphens made plain; letters (curly quotes, ŵ ŷ) kept as they are."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u00a0", " ").replace("\u00ad", "").replace("\ufeff", "").replace("\u200b", "")


def _decode_text(data: bytes, name: str) -> str:
    if b"\x00" in data[:65536]:
        raise BadInput("file", name, "is a binary file, not text (it contains NUL bytes)")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
        if controls > 20:
            raise BadInput("file", name, "looks like a binary file, not text")
        return text
    raise BadInput("file", name, "is not readable text (neither UTF-8 nor Windows-1252)")


def _pdf_text(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise BadInput(
                        "file", name, "is an encrypted PDF: save an unprotected copy and import that"
                    )
            except BadInput:
                raise
            except Exception as exc:
                raise BadInput(
                    "file", name, "is an encrypted PDF: save an unprotected copy and import that"
                ) from exc
        pages = [page.extract_text() or "" for page in reader.pages]
    except BadInput:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise BadInput("file", name, f"is not a readable PDF ({exc.__class__.__name__})") from exc
    text = "\n\n".join(pages)
    if len(text.strip()) < 20:
        raise BadInput(
            "file",
            name,
            "has no text layer; it looks like a scanned image: run OCR on it, or paste the text instead",
        )
    return text


def _docx_text(data: bytes, name: str) -> str:
    import zipfile

    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BadInput("file", name, "is not a readable Word document (.docx)") from exc
    lines: list[str] = []
    # body order matters: a table between paragraphs stays where it was
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(block, document)
            text = paragraph.text
            style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
            if style.startswith("list") and text.strip():
                text = "- " + text
            lines.append(text)
        elif tag == "tbl":
            table = Table(block, document)
            for row in table.rows:
                cells = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if not cells or value != cells[-1]:  # merged cells repeat their text
                        cells.append(value)
                lines.append(" | ".join(cells))
            lines.append("")
    return "\n".join(lines)
