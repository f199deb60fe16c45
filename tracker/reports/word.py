"""Word documents a secretariat can publish from: A4, British English, real heading styles, a running header
and page numbers, table headers that repeat on every page, and document properties of its own.

For readers of every kind: British English is the document's default language as well as each style's, the
logo has alternative text, a table's header row is marked as one (it repeats, and a screen reader reads it
as the header), and space between paragraphs is paragraph spacing, never an empty paragraph."""

from __future__ import annotations

import io

from tracker.reports.common import ReportSettings


def new_document(title: str, subject: str, settings: ReportSettings):
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    properties = document.core_properties
    author = settings.author or settings.organisation or "Committee secretariat"
    properties.title = title
    properties.subject = subject
    properties.author = author
    properties.last_modified_by = author
    properties.comments = ""  # the blank template's own comment names the library: not ours to publish
    properties.keywords = "police and crime panel; agenda"
    properties.category = "Committee papers"
    properties.language = "en-GB"
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)  # the space between paragraphs: no empty ones
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        document.styles.element.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    _set_lang(_child(run_defaults, "w:rPr"))
    for style in document.styles:
        element = getattr(style, "element", None)
        if element is None or style.type != 1:  # paragraph styles only
            continue
        _set_lang(element.get_or_add_rPr())
    header = section.header.paragraphs[0]
    header.text = f"{settings.organisation or 'Committee secretariat'} · {title}"
    header.style = document.styles["Header"]
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")
    if settings.logo_path and settings.logo_path.is_file():
        try:
            document.add_picture(str(settings.logo_path), height=Mm(16))
        except Exception:  # noqa: BLE001 - an unreadable logo is left out, as in the PDF
            pass
        else:
            picture = document.paragraphs[-1]
            for properties in picture._p.iter(qn("wp:docPr")):
                properties.set(
                    "descr", f"Logo of {settings.organisation}" if settings.organisation else "Logo"
                )
    return document


def _child(parent, tag: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def _set_lang(rpr) -> None:
    """British English: spelling is checked, and a screen reader speaks, in it."""
    from docx.oxml.ns import qn

    _child(rpr, "w:lang").set(qn("w:val"), "en-GB")


def _field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays the pages out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = code
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(instruction)
    run._r.append(end)


def add_table(document, headers: list[str], rows: list[list[str]], widths_mm: list[float] | None = None):
    """A table whose header row repeats on every page it runs onto."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = "" if text is None else str(text)
    if widths_mm:
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm, strict=False):
                cell.width = Mm(width)
    return table


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
