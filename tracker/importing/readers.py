"""Read a committee document (.txt, .md, .pdf, .docx) into plain text, or say clearly why it cannot be read."""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

from tracker.errors import BadInput

# pypdf reports damage it works around ("EOF marker not found") through logging; with no handler Python would
# print it on the user's terminal next to the one line the command gives
logging.getLogger("pypdf").addHandler(logging.NullHandler())

MAX_BYTES = 20 * 1024 * 1024
SUPPORTED = (".txt", ".md", ".pdf", ".docx")


MEDIA_TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
PDF = MEDIA_TYPES[".pdf"]
DOCX = MEDIA_TYPES[".docx"]


@dataclass(frozen=True)
class DocumentText:
    text: str
    kind: str  # "txt" | "md" | "pdf" | "docx" | "pasted"
    file_name: str
    sha256: str
    size: int
    # the file as it came, kept in the store so an appendix never depends on the file still being there
    data: bytes = field(default=b"", repr=False)
    media_type: str = "text/plain"
    title: str = ""  # the document's own title, when the reader can tell it; never the file name


def document_from_text(text: str, name: str = "pasted text") -> DocumentText:
    data = text.encode("utf-8")
    if not text.strip():
        raise BadInput("text", name, "is empty: paste the letter or report first")
    return DocumentText(
        normalise(text), "pasted", name, hashlib.sha256(data).hexdigest(), len(data), data, "text/plain"
    )


class NoTextLayer(BadInput):
    """A PDF with no text to read: a scanned image. It can still be kept, unread, for the papers."""

    def __init__(self, name: str) -> None:
        super().__init__("file", name, NO_TEXT_LAYER)


# pypdf's own error names (PdfStreamError, PdfReadError) mean nothing to the person who chose the file
NOT_READABLE_PDF = "is not a readable PDF: it is damaged or not a PDF"
NO_TEXT_LAYER = "has no text layer; it looks like a scanned image: run OCR on it, or paste the text instead"


def _file_bytes(path: Path) -> bytes:
    """The file's bytes, once it is known to be a document of a supported type and a sensible size."""
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
    return path.read_bytes()


def unread_document(path: str | Path) -> DocumentText:
    """A PDF kept as it came, its text not read (a scanned letter): checked only to be a PDF that opens, so
    its pages can be appended to a paper. Its text is empty; its title is the one its properties give."""
    path = Path(path)
    data = _file_bytes(path)
    if path.suffix.lower() != ".pdf":
        raise BadInput("file", path.name, "is not a PDF: only a PDF is kept unread, as it came")
    reader = _open_pdf(data, path.name)
    try:
        if not reader.pages:
            raise BadInput("file", path.name, "is a PDF with no pages")
    except BadInput:
        raise
    except Exception as exc:  # a damaged page tree: a message, not a traceback
        raise BadInput("file", path.name, NOT_READABLE_PDF) from exc
    return DocumentText(
        "",
        "pdf",
        path.name,
        hashlib.sha256(data).hexdigest(),
        len(data),
        data,
        PDF,
        own_title(_pdf_title(reader), path.name),
    )


def read_document(path: str | Path) -> DocumentText:
    path = Path(path)
    field = "file"
    data = _file_bytes(path)
    suffix = path.suffix.lower()
    size = len(data)
    digest = hashlib.sha256(data).hexdigest()
    title = ""
    if suffix in (".txt", ".md"):
        text = _decode_text(data, path.name)
        if suffix == ".md":
            title = next((line[2:] for line in text.splitlines() if line.startswith("# ")), "")
    elif suffix == ".pdf":
        text, title = _pdf_text(data, path.name)
    else:
        text = _docx_text(data, path.name)
        title = _docx_title(data)
    text = normalise(text)
    if not text.strip():
        raise BadInput(field, path.name, "contains no text")
    return DocumentText(
        text,
        suffix.lstrip("."),
        path.name,
        digest,
        size,
        data,
        MEDIA_TYPES[suffix],
        own_title(title, path.name),
    )


def own_title(title: str | None, file_name: str = "") -> str:
    """A document's title as its author set it, or "" when there is none worth printing: a file name, a
    word processor's "Microsoft Word - letter.docx", a placeholder such as "Untitled"."""
    title = " ".join(normalise(title or "").split()).strip(" #")
    if not 3 <= len(title) <= 300:
        return ""
    lowered = title.lower()
    stem = file_name.rsplit(".", 1)[0].lower()
    if (
        lowered.startswith(("microsoft word", "untitled", "document"))
        or lowered.endswith((".pdf", ".docx", ".doc", ".txt", ".md", ".rtf"))
        or (stem and lowered in (stem, file_name.lower()))
    ):
        return ""
    return title


def paragraphs_of(data: bytes, media_type: str) -> tuple[str, ...]:
    """A Word or text document's paragraphs, verbatim: each Word paragraph (and table row) one paragraph; in
    text, lines separated by a blank line, the line breaks within a paragraph kept."""
    if media_type == DOCX:
        return tuple(line for line in normalise(_docx_lines(data)).split("\n") if line.strip())
    text = normalise(_decode_text(data, "the stored document"))
    return text_paragraphs(text)


def text_paragraphs(text: str) -> tuple[str, ...]:
    import re

    blocks = re.split(r"\n[ \t]*\n", text.strip("\n"))
    return tuple(block.rstrip() for block in blocks if block.strip())


def _docx_title(data: bytes) -> str:
    """The title set in the document's properties, or its first paragraph in the Title style."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        if document.core_properties.title:
            return document.core_properties.title
        for paragraph in document.paragraphs[:20]:
            if paragraph.style is not None and paragraph.style.name == "Title" and paragraph.text.strip():
                return paragraph.text
    except Exception:  # the text was read; a title is a nicety
        return ""
    return ""


# C0 controls other than tab, newline and carriage return (form feed and vertical tab become line breaks)
_CONTROLS = {c: None for c in range(32) if chr(c) not in "\t\n\r\f\v"}
_CONTROLS.update({ord("\f"): "\n", ord("\v"): "\n"})


def normalise(text: str) -> str:
    """Line endings, no-break spaces and soft hyphens made plain, control characters (NUL among them) removed;
    letters (curly quotes, ŵ ŷ) kept as they are."""
    text = text.translate(_CONTROLS)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u00a0", " ").replace("\u00ad", "").replace("\ufeff", "").replace("\u200b", "")


def _decode_text(data: bytes, name: str) -> str:
    import codecs

    # a byte-order mark says what the text is: UTF-16 (Notepad's "Unicode") is full of NUL bytes, not binary
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise BadInput("file", name, f"is not readable {encoding.upper()} text") from exc
            _refuse_binary(text, name)
            return text
    if b"\x00" in data[:65536]:
        raise BadInput("file", name, "is a binary file, not text (it contains NUL bytes)")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        _refuse_binary(text, name)
        return text
    raise BadInput("file", name, "is not readable text (neither UTF-8 nor Windows-1252)")


def _refuse_binary(text: str, name: str) -> None:
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 20:
        raise BadInput("file", name, "looks like a binary file, not text")


def _open_pdf(data: bytes, name: str):
    """A pypdf reader of the file, opened as any viewer would (an owner password only: with the empty one)."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    locked = "is protected by a password (an encrypted PDF): save an unprotected copy and import that"
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # a PDF with only an owner password (printing or copying restricted) opens with the empty user
            # password, as in any viewer; one that needs a user password cannot be read
            try:
                opened = reader.decrypt("")
            except DependencyError as exc:
                raise BadInput(
                    "file", name, "is an encrypted PDF that needs the 'cryptography' package to be read"
                ) from exc
            except Exception as exc:
                raise BadInput("file", name, locked) from exc
            if not opened:
                raise BadInput("file", name, locked)
    except BadInput:
        raise
    except Exception as exc:  # whatever a damaged or hostile file makes pypdf raise: a message, no traceback
        raise BadInput("file", name, NOT_READABLE_PDF) from exc
    return reader


def _pdf_title(reader) -> str:
    try:
        return str((reader.metadata or {}).get("/Title") or "")
    except Exception:  # a damaged information dictionary: the text still counts
        return ""


def _pdf_text(data: bytes, name: str) -> tuple[str, str]:
    reader = _open_pdf(data, name)
    try:
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # a damaged or hostile page: a message, not a traceback
        raise BadInput("file", name, NOT_READABLE_PDF) from exc
    text = "\n\n".join(pages)
    if len(text.strip()) < 20:
        raise NoTextLayer(name)
    return text, _pdf_title(reader)


MAX_UNPACKED = 50 * 1024 * 1024  # a .docx's parts once unpacked: far beyond any real letter or report


def _docx_text(data: bytes, name: str) -> str:
    unreadable = "is not a readable Word document (.docx)"
    _check_docx_archive(data, name, unreadable)
    try:
        return _docx_lines(data)
    except BadInput:
        raise
    except Exception as exc:  # malformed or hostile XML, missing parts: a message, not a traceback
        from lxml import etree

        if isinstance(exc, etree.LxmlError) and "depth" in str(exc).lower():
            reason = "its XML is nested too deeply"
        elif isinstance(exc, etree.LxmlError):
            reason = "its XML is malformed"
        else:
            reason = f"a part is missing or damaged ({exc.__class__.__name__})"
        raise BadInput("file", name, f"{unreadable}: {reason}") from exc


def _check_docx_archive(data: bytes, name: str, unreadable: str) -> None:
    """A zip whose parts stay small once unpacked, checked from the sizes the zip declares before anything is
    inflated (zipfile never inflates a part past its declared size: a part that lies fails its CRC check)."""
    import zipfile

    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE file: a password-protected .docx, or an old .doc
        raise BadInput(
            "file", name, "is password-protected or an old .doc file: save it as an unprotected .docx"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise BadInput("file", name, unreadable) from exc
    largest = max((m.file_size for m in members), default=0)
    total = sum(m.file_size for m in members)
    if largest > MAX_UNPACKED or total > 2 * MAX_UNPACKED:
        size = max(largest, total) if total > 2 * MAX_UNPACKED else largest
        raise BadInput("file", name, f"is too large once unpacked ({size / 1024 / 1024:.0f} MB)")


def _docx_lines(data: bytes) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
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
