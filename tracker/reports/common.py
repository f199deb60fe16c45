"""What every report shares: fonts, one stylesheet, A4 page templates with "Page X of Y", PDF metadata,
a bookmark per section, escaping of user text, and the organisation's name and logo.

A report is a function that takes plain data (services' DTOs) and settings and returns bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from tracker.domain import Status
from tracker.domain.formatting import uk_date
from tracker.paths import resource
from tracker.reports.tagging import APPENDED, TableTags, TaggedFrame, Tagger, is_tagged, tag_appended

FONT = "TrackerSans"
FONT_BOLD = "TrackerSans-Bold"
FONT_ITALIC = "TrackerSans-Oblique"
MARGIN = 18 * mm
INK = colors.HexColor("#1b1f24")
MUTED = colors.HexColor("#5b6470")
RULE = colors.HexColor("#c9ced6")
HEAD_FILL = colors.HexColor("#e8ecf1")

# status colours are an extra: every status is also printed as its text
STATUS_FILL = {
    Status.OVERDUE: colors.HexColor("#f8d7da"),
    Status.EXCEPTION: colors.HexColor("#f3c7ce"),
    Status.DUE_TODAY: colors.HexColor("#ffe8b0"),
    Status.DUE_SOON: colors.HexColor("#fff3cd"),
    Status.MET: colors.HexColor("#dff0e3"),
    Status.MET_LATE: colors.HexColor("#f0ead2"),
}


@dataclass(frozen=True)
class ReportSettings:
    organisation: str = ""  # unset: the paper names the cycle's own panel (tracker.reports.build)
    logo_path: Path | None = None
    author: str = "Committee secretariat"

    @classmethod
    def from_mapping(cls, values: dict) -> ReportSettings:
        logo = values.get("logo_path")
        return cls(
            organisation=values.get("organisation") or cls.organisation,
            logo_path=Path(logo) if logo else None,
            author=values.get("author") or cls.author,
        )


@cache
def register_fonts() -> None:
    """Embed DejaVu Sans, shipped in resources/fonts: curly quotes, dashes and Welsh ŵ ŷ on every machine."""
    folder = resource("fonts")
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_ITALIC, str(folder / "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD)


@cache
def stylesheet() -> StyleSheet1:
    register_fonts()
    sheet = StyleSheet1()
    # no space shrinkage: reportlab would otherwise let a left-aligned line run up to 5% of a space per word
    # past the margin
    base = ParagraphStyle(
        "Body",
        fontName=FONT,
        fontSize=10,
        leading=13.5,
        textColor=INK,
        alignment=TA_LEFT,
        spaceAfter=4,
        spaceShrinkage=0,
    )
    sheet.add(base)
    sheet.add(
        ParagraphStyle("Small", parent=base, fontSize=8, leading=10, spaceAfter=0)
    )  # nothing under 8 pt
    sheet.add(ParagraphStyle("Muted", parent=base, fontSize=8.5, leading=11, textColor=MUTED))
    sheet.add(ParagraphStyle("Cell", parent=base, fontSize=8.2, leading=10.4, spaceAfter=0))
    sheet.add(
        ParagraphStyle("CellBold", parent=base, fontName=FONT_BOLD, fontSize=8.2, leading=10.4, spaceAfter=0)
    )
    sheet.add(ParagraphStyle("Title", parent=base, fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=6))
    sheet.add(
        ParagraphStyle("Subtitle", parent=base, fontSize=10.5, leading=14, textColor=MUTED, spaceAfter=10)
    )
    # no keepWithNext on H1: it would glue the heading to a whole long table and push both to the next page;
    # Heading() puts a conditional page break before itself instead, so a heading is never left alone at the foot
    sheet.add(
        ParagraphStyle(
            "H1", parent=base, fontName=FONT_BOLD, fontSize=12.5, leading=16, spaceBefore=12, spaceAfter=5
        )
    )
    sheet.add(
        ParagraphStyle(
            "H2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
        )
    )
    # the number hangs in the indent as the paragraph's bullet, so every line of the text starts at 9 mm
    sheet.add(
        ParagraphStyle(
            "Numbered", parent=base, leftIndent=9 * mm, bulletIndent=0, bulletFontName=FONT, bulletFontSize=10
        )
    )
    sheet.add(ParagraphStyle("Bullet", parent=base, leftIndent=6 * mm, bulletIndent=2 * mm, spaceAfter=2))
    sheet.add(
        ParagraphStyle("Reply", parent=base, spaceAfter=6)
    )  # a reply set verbatim, paragraph by paragraph
    sheet.add(ParagraphStyle("Quote", parent=base, leftIndent=5 * mm, textColor=INK, fontName=FONT_ITALIC))
    return sheet


def esc(value: object) -> str:
    """Every piece of user text goes through here before it reaches a Paragraph (which parses markup)."""
    return escape("" if value is None else str(value)).replace("\n", "<br/>")


def para(text: object, style: str = "Body") -> Paragraph:
    return Paragraph(esc(text), stylesheet()[style])


class CellParagraph(Paragraph):
    """A Paragraph for a table cell, whose lines are broken once per column width.

    A table that runs over pages measures a cell when it is laid out, again when it is split at the foot of
    the page and again when it is drawn, and measures its repeated header on every page. The lines depend on
    the width alone, so every measurement after the first at a width reuses the first: the same lines, the
    same height, drawn the same way.
    """

    _wrapped_at: float | None = None

    def wrap(self, available_width, available_height):
        # right-to-left lines are reversed in place as they are drawn, so those are broken afresh each time
        if self._wrapped_at != available_width or self.style.wordWrap == "RTL":
            self._wrapped = super().wrap(available_width, available_height)
            self._wrapped_at = available_width
        return self._wrapped


def cell(text: object, style: str = "Cell") -> CellParagraph:
    """User text in a table cell that may wrap (escaped, like para)."""
    return CellParagraph(esc(text), stylesheet()[style])


def numbered(number: str, text: str) -> Paragraph:
    """A numbered paragraph ("3.2") of markup written by us, the number hanging to the left of the text."""
    return Paragraph(text, stylesheet()["Numbered"], bulletText=number)


def bullet(text: object) -> Paragraph:
    return Paragraph(esc(text), stylesheet()["Bullet"], bulletText="•")


def fit(text: str, room: float, size: float) -> str:
    """Shorten a one-line text with an ellipsis so it fits in `room` points."""
    if pdfmetrics.stringWidth(text, FONT, size) <= room:
        return text
    while text and pdfmetrics.stringWidth(text + "…", FONT, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def markup(text: str, style: str = "Body") -> Paragraph:
    """A paragraph whose markup was written by us, with any user text already escaped by the caller."""
    return Paragraph(text, stylesheet()[style])


def date_short(value: dt.date | None, unknown: str = "no date") -> str:
    return uk_date(value, unknown=unknown)


def date_long(value: dt.date | None, unknown: str = "not known") -> str:
    return uk_date(value, long=True, unknown=unknown)


class Heading(Paragraph):
    """A section heading that also becomes a bookmark in the PDF's outline.

    A top-level heading starts a new page when less than 35 mm is left, so it is never orphaned.
    """

    def __init__(self, text: str, level: int = 0) -> None:
        super().__init__(esc(text), stylesheet()["H1" if level == 0 else "H2"])
        self.outline_text = text
        self.outline_level = level

    def wrap(self, available_width, available_height):
        width, height = super().wrap(available_width, available_height)
        if self.outline_level == 0 and available_height < 35 * mm:
            return width, available_height + 1  # too close to the foot: does not fit here...
        return width, height

    def split(self, available_width, available_height):
        if self.outline_level == 0 and available_height < 35 * mm:
            return []  # ...and cannot be split, so the frame moves it to the next page
        return super().split(available_width, available_height)


def table(
    rows: list[list],
    widths: list[float],
    header_rows: int = 1,
    zebra: bool = True,
    fills: Iterable[tuple[int, colors.Color]] = (),
    extra: Iterable[tuple] = (),
) -> Table:
    """A table that splits across pages and repeats its header."""
    t = Table(rows, colWidths=widths, repeatRows=header_rows, hAlign="LEFT", renderCB=TableTags(header_rows))
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 8.2),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, header_rows - 1), 0.8, INK),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_FILL),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for row, fill in fills:
        style.append(("BACKGROUND", (0, row), (-1, row), fill))
    style.extend(extra)
    t.setStyle(TableStyle(style))
    return t


def header_cells(*names: str) -> list[Paragraph]:
    return [cell(n, "CellBold") for n in names]


class _Document(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, title: str, subject: str, settings: ReportSettings) -> None:
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 6 * mm,
            bottomMargin=MARGIN + 4 * mm,
            title=title,
            author=settings.author,
            subject=subject,
            creator=settings.organisation or "Police and Crime Plan tracker",
            producer="Police and Crime Plan tracker",
            lang="en-GB",  # screen readers speak it in British English
            displayDocTitle=1,  # viewers show the title, not the file name
        )
        self.report_title = title
        self.settings = settings
        # no side padding: the text lines up with the running header and footer, and a table as wide as the
        # margins allow (210 mm less both margins) fits inside the frame instead of running 12 pt past it
        frame = TaggedFrame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            leftPadding=0,
            rightPadding=0,
            id="body",
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    def beforeDocument(self) -> None:
        self.canv.showOutline()  # the bookmarks open beside the first page

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.outline_text, key, level=flowable.outline_level, closed=False)

    def _decorate(self, canvas, document) -> None:
        canvas.tagger.begin_artifact(canvas, "Pagination", "Header")
        canvas.saveState()
        width, height = A4
        canvas.setFont(FONT, 8)  # nothing on the page under 8 pt
        canvas.setFillColor(MUTED)
        # a long name and a long title share the line without running into each other or off the page
        organisation = fit(self.settings.organisation, (width - 2 * MARGIN) / 2 - 4 * mm, 8)
        canvas.drawString(MARGIN, height - MARGIN + 2 * mm, organisation)
        room = width - 2 * MARGIN - pdfmetrics.stringWidth(organisation, FONT, 8) - 8 * mm
        canvas.drawRightString(width - MARGIN, height - MARGIN + 2 * mm, fit(self.report_title, room, 8))
        canvas.setStrokeColor(RULE)
        canvas.line(MARGIN, height - MARGIN, width - MARGIN, height - MARGIN)
        canvas.line(MARGIN, MARGIN + 1 * mm, width - MARGIN, MARGIN + 1 * mm)
        canvas.restoreState()
        canvas.tagger.end(canvas)


class _NumberedCanvas:
    """Holds every page until the end so the footer can say "Page X of Y"."""

    @staticmethod
    def factory(title: str, day: str, tagged: dict):
        from reportlab.pdfgen.canvas import Canvas

        class NumberedCanvas(Canvas):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self._pages: list[dict] = []
                self.reserved_after = 0  # pages of another document that will follow this one
                self.tagger = Tagger()  # the structure tree, built as the story is drawn

            def showPage(self):  # noqa: N802 - reportlab's name
                self._pages.append(dict(self.__dict__))
                self.reserved_after = 0
                self._startPage()

            def save(self):
                total = len(self._pages) + sum(state["reserved_after"] for state in self._pages)
                skipped = 0
                for state in self._pages:
                    self.__dict__.update(state)
                    width, _ = A4
                    self.tagger.begin_artifact(self, "Pagination", "Footer")
                    self.saveState()
                    self.setFont(FONT, 8)
                    self.setFillColor(MUTED)
                    number = f"Page {self._pageNumber + skipped} of {total}"
                    self.drawString(MARGIN, MARGIN - 3 * mm, footer_text(title, day, number))
                    self.drawRightString(width - MARGIN, MARGIN - 3 * mm, number)
                    self.restoreState()
                    self.tagger.end(self)
                    skipped += self.reserved_after
                    super().showPage()
                self.tagger.write(self, **tagged)
                super().save()

        return NumberedCanvas


def footer_text(title: str, day: str, number: str) -> str:
    """The running footer: the paper's title, shortened to leave room for "Page X of Y", and its date."""
    room = A4[0] - 2 * MARGIN - pdfmetrics.stringWidth(number, FONT, 8) - 8 * mm
    suffix = f" · {day}" if day else ""
    return fit(title, room - pdfmetrics.stringWidth(suffix, FONT, 8), 8) + suffix


class ReservePages(Flowable):
    """Pages of another document (a reply appended page for page) that will follow the page this is drawn
    on: they count in every "Page X of Y" from there on. Takes no room."""

    def __init__(self, count: int, reserved: list[tuple[int, int]]) -> None:
        super().__init__()
        self.count = count
        self.reserved = reserved  # (the page they follow, how many), once drawn

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.canv.reserved_after += self.count
        self.reserved.append((self.canv.getPageNumber(), self.count))
        # where the pages go in the structure tree too: insert_pages fills this element
        self.canv.tagger.top("Div").title = APPENDED


def build_pdf(
    story: list[Flowable],
    title: str,
    subject: str,
    settings: ReportSettings,
    *,
    date: dt.date | None,
    date_label: str = "",
) -> bytes:
    """The paper as PDF. `date` is the paper's own (the meeting's, the as-of day), printed in the running
    footer; never the day the file happened to be built unless `date_label` says so ("printed")."""
    register_fonts()
    buffer = io.BytesIO()
    document = _Document(buffer, title, subject, settings)
    tagged = {
        "title": title,
        "subject": subject,
        "author": settings.author,
        "producer": "Police and Crime Plan tracker",
        "lang": "en-GB",
    }
    document.build(
        story,
        canvasmaker=_NumberedCanvas.factory(
            title, f"{date_label} {date_short(date, unknown='')}".strip(), tagged
        ),
    )
    return buffer.getvalue()


def insert_pages(item: bytes, appended: bytes, after_page: int, label: str, description: str = "") -> bytes:
    """The paper with another PDF's pages inserted after its page `after_page` (from 1), where a
    ReservePages counted them. Each keeps its own size and content, with a stamp low in its right-hand
    margin, clear of its own footer: "Appendix 1 · Page 4 of 9", numbered with the paper's own pages.

    In the structure tree the pages go where the ReservePages stood: a tagged PDF keeps its own tags, an
    untagged one is one Figure whose alternative text names the letter (`description`) and its pages."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(item)))
    source = PdfReader(io.BytesIO(appended))
    if source.is_encrypted:
        source.decrypt("")  # only a PDF that opens without a password is ever imported
    total = len(writer.pages) + len(source.pages)
    stamp_fonts, drawings, widths = _stamp_drawings(
        [f"{label} · Page {after_page + n + 1} of {total}" for n in range(len(source.pages))]
    )
    tagged = is_tagged(source)
    opening = DecodedStreamObject()
    # an untagged letter is marked as one figure, page by page; the stamp is a page number: an artifact
    opening.set_data(b"q\n" if tagged else b"/Figure <</MCID 0>> BDC q\n")
    opening = writer._add_object(opening)
    inserted = []
    cloned: dict[str, object] = {}  # the stamps' font, copied into the paper once for all its pages
    for offset, page in enumerate(source.pages):
        if page.get("/Rotate"):
            page.transfer_rotation_to_content()
        page = writer.insert_page(page, after_page + offset)
        inserted.append(page)
        # the stamp is drawn by reportlab in the papers' embedded font (PDF/UA wants every font embedded),
        # and its drawing, with its font renamed, is placed low in the right-hand margin
        drawing = drawings[offset]
        resources = page.setdefault(NameObject("/Resources"), DictionaryObject()).get_object()
        fonts = resources.setdefault(NameObject("/Font"), DictionaryObject()).get_object()
        for index, (name, font) in enumerate(stamp_fonts.items()):
            if name.encode() + b" " not in drawing:  # reportlab's default font, chosen but never drawn with
                continue
            if name not in cloned:
                cloned[name] = font.clone(writer)
            fonts[NameObject(f"/TrackerStamp{index}")] = cloned[name]
            drawing = drawing.replace(name.encode() + b" ", f"/TrackerStamp{index} ".encode())
        width = widths[offset]
        box = page.mediabox
        x = float(box.right) - MARGIN - width
        y = float(box.bottom) + 5 * mm
        stamp = DecodedStreamObject()
        stamp.set_data(
            (b"\nQ" if tagged else b"\nQ EMC")
            + b" /Artifact <</Type /Pagination /Subtype /Footer>> BDC q 1 0 0 1 %.2f %.2f cm\n" % (x, y)
            + drawing
            + b"\nQ EMC\n"
        )
        contents = page.get("/Contents")
        existing = (
            []
            if contents is None
            else list(contents.get_object())
            if isinstance(contents.get_object(), ArrayObject)
            else [contents]
        )
        page[NameObject("/Contents")] = ArrayObject([opening, *existing, writer._add_object(stamp)])
    alt = f"{label}: {description or 'the reply'}, {len(inserted)} page{'s' if len(inserted) != 1 else ''} as received"
    tag_appended(writer, source, inserted, label, alt if not tagged else None)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _stamp_drawings(texts: list[str]):
    """Each stamp's drawing ("BT … Tj ET", grey) and its width, drawn by reportlab on one page in the papers'
    own embedded font, with that page's fonts: one small build for all the appended pages."""
    from pypdf import PdfReader
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=0)
    canvas.setFont(FONT, 8)
    for text in texts:
        canvas.drawString(0, 2, text)
    canvas.showPage()
    canvas.save()
    page = PdfReader(buffer).pages[0]
    content = page.get_contents().get_data()
    blocks = re.findall(rb"BT 1 0 0 1 0 2 Tm .*? Tj T\* ET", content, flags=re.S)
    if len(blocks) != len(texts):
        raise RuntimeError(f"expected {len(texts)} stamps in the drawing, found {len(blocks)}")
    grey = " ".join(f"{c:.3f}" for c in MUTED.rgb()).encode()
    widths = [pdfmetrics.stringWidth(text, FONT, 8) for text in texts]
    return page["/Resources"]["/Font"], [grey + b" rg " + block for block in blocks], widths


def title_block(title: str, subtitle_lines: list[str], settings: ReportSettings) -> list[Flowable]:
    """Title, body and cycle lines, and the organisation's logo when one is set and readable."""
    flow: list[Flowable] = []
    if settings.logo_path and settings.logo_path.is_file():
        try:
            logo = Image(str(settings.logo_path))
            scale = min(30 * mm / logo.drawWidth, 16 * mm / logo.drawHeight, 1)
            logo.drawWidth, logo.drawHeight = logo.drawWidth * scale, logo.drawHeight * scale
            logo.hAlign = "LEFT"
            logo.alt_text = f"Logo of {settings.organisation}" if settings.organisation else "Logo"
            flow.append(logo)
            flow.append(Spacer(1, 3 * mm))
        except OSError:
            pass  # an unreadable logo is left out rather than stopping the report
    flow.append(para(title, "Title"))
    for line in subtitle_lines:
        flow.append(para(line, "Subtitle"))
    return flow


def keep(*flowables: Flowable) -> KeepTogether:
    return KeepTogether(list(flowables))
