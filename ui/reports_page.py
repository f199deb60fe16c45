"""Reports: build a committee paper off the GUI thread, preview it, save it, print it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ui.colours import muted_style
from ui.context import AppContext, Page
from ui.forms import DateField
from ui.widgets import MessageBar

KINDS = (
    ("Cycle status (PDF)", "status"),
    ("Cycle status (Word)", "status-docx"),
    ("Agenda item (PDF)", "agenda"),
    ("Agenda item (Word)", "agenda-docx"),
    ("Panel's report to the commissioner (PDF)", "panel-report"),
    ("Panel's report to the commissioner (Word)", "panel-report-docx"),
    ("Recommendation audit (PDF)", "audit"),
    ("Recommendation audit (Word)", "audit-docx"),
    ("Deadline calendar (PDF)", "calendar"),
)


def build(
    services,
    kind: str,
    cycle_id: str | None,
    as_of: dt.date,
    start: dt.date,
    end: dt.date,
    agenda_options=None,
    decision: str | None = None,
    asked_before: bool = False,
) -> bytes:
    """Runs on a worker thread: the core builds the paper, the page only shows it."""
    from tracker.reports.build import build_report

    fmt = "docx" if kind.endswith("-docx") else "pdf"
    kind = kind.removesuffix("-docx")
    return build_report(
        services,
        kind,
        fmt,
        cycle_id=cycle_id,
        as_of=as_of,
        start=start,
        end=end,
        agenda_options=agenda_options if kind == "agenda" else None,
        decision=decision if kind == "panel-report" else None,
        asked_before=asked_before and kind == "audit",
    )


def cycle_meetings(services, cycle_id: str, as_of: dt.date) -> list:
    """The meetings an agenda item for the cycle can go to: its panel's, tied to this cycle or to none."""
    panel = services.cycles.detail(cycle_id, as_of).scrutiny_body.id
    return [m for m in services.meetings.list(panel_id=panel) if m.cycle_id in (None, cycle_id)]


NO_REPLY_DOCUMENT = (
    "There is no reply letter in the store to append as Appendix 1. Import the reply on the Import page, "
    "or tick “Reply published separately” to say it is published on its own."
)


class ReportsPage(Page):
    title = "Reports"
    meetings_loaded = Signal()  # the meeting box holds the chosen cycle's meetings

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.save_path = lambda suggested: QFileDialog.getSaveFileName(self, "Save report", suggested)[0]
        self.print_dialog = self._print_with_dialog  # replaced in tests
        row = QHBoxLayout()
        kind_label = QLabel("&Report")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Report")
        for text, value in KINDS:
            self.kind.addItem(text, value)
        kind_label.setBuddy(self.kind)
        cycle_label = QLabel("C&ycle")
        self.cycle = QComboBox()
        self.cycle.setAccessibleName("Cycle for the report")
        self.cycle.setMinimumWidth(240)
        cycle_label.setBuddy(self.cycle)
        self.start = DateField(dt.date.today(), name="Calendar from")
        self.end = DateField(dt.date.today() + dt.timedelta(days=90), name="Calendar to")
        self.build_button = QPushButton("&Build")
        self.build_button.setAccessibleName("Build the report")
        self.save_button = QPushButton("&Save…")
        self.save_button.setAccessibleName("Save the report")
        self.print_button = QPushButton("&Print…")
        self.print_button.setAccessibleName("Print the report")
        from_label, to_label = QLabel("Calendar fr&om"), QLabel("&to")
        from_label.setBuddy(self.start)
        to_label.setBuddy(self.end)
        for widget in (kind_label, self.kind, cycle_label, self.cycle):
            row.addWidget(widget)
        row.addStretch(1)
        self.layout_.addLayout(row)
        dates = (
            QHBoxLayout()
        )  # typed dates with their messages beside them: a row of their own, to fit 1280 px
        for widget in (from_label, self.start, to_label, self.end):
            dates.addWidget(widget)
        dates.addStretch(1)
        self.layout_.addLayout(dates)
        buttons = QHBoxLayout()  # a row of its own, so the page fits a 1280-pixel screen
        for widget in (self.build_button, self.save_button, self.print_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        self.layout_.addWidget(self._agenda_box())
        self.layout_.addWidget(self._report_box())
        self.layout_.addWidget(self._audit_box())
        self.message = MessageBar()
        self.layout_.addWidget(self.message)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setAccessibleName("Report preview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.layout_.addWidget(self.view, 1)
        self.placeholder = QLabel("Choose a report and press Build to preview it here.")
        self.placeholder.setStyleSheet(muted_style())
        self.layout_.addWidget(self.placeholder)
        self.data: bytes | None = None
        self.data_kind = ""
        self._buffer: QBuffer | None = None
        self.save_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self.build_button.clicked.connect(self.build_report)
        self.save_button.clicked.connect(self.save_report)
        self.print_button.clicked.connect(self.print_report)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.cycle.currentIndexChanged.connect(self._cycle_changed)
        context.data_changed.connect(lambda _: self.reload_if_shown())
        self._kind_changed()

    def _agenda_box(self) -> QGroupBox:
        """What the command line's agenda options say: the meeting, the reply appended or published
        separately, the secretariat's assessment, a private item and its paragraph, the background papers."""
        from tracker.reports.wording import exempt_paragraphs

        box = QGroupBox("Agenda item")
        grid = QGridLayout(box)
        self.meeting = QComboBox()
        self.meeting.setAccessibleName("Meeting the item goes to")
        self.meeting_date = DateField(None, name="Meeting date", allow_empty=True)
        meeting_label = QLabel("&Meeting")
        meeting_label.setBuddy(self.meeting)
        grid.addWidget(meeting_label, 0, 0)
        grid.addWidget(self.meeting, 0, 1)
        grid.addWidget(self.meeting_date, 0, 2)
        self.without_appendix = QCheckBox("Reply publishe&d separately")
        self.without_appendix.setAccessibleName("Reply published separately (not appended)")
        self.with_assessment = QCheckBox("Add the secretariat's &assessment")
        self.with_assessment.setAccessibleName("Add the secretariat's assessment of each reply")
        grid.addWidget(self.without_appendix, 1, 0, 1, 2)
        grid.addWidget(self.with_assessment, 1, 2)
        self.private = QCheckBox("Pri&vate item")
        self.private.setAccessibleName("Private item (exempt information)")
        self.exempt = QComboBox()
        self.exempt.setAccessibleName("Paragraph of Schedule 12A")
        self.exempt.addItem("choose the paragraph of Schedule 12A", None)
        for number, description in exempt_paragraphs().items():
            self.exempt.addItem(f"Paragraph {number}: {description}", number)
        for combo in (self.meeting, self.exempt):  # long meeting titles and paragraphs never widen the page
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(36)
        grid.addWidget(self.private, 2, 0)
        grid.addWidget(self.exempt, 2, 1, 1, 2)
        self.background = QLineEdit()
        self.background.setAccessibleName("Background papers")
        self.background.setPlaceholderText("leave blank to list the cycle's documents by title and date")
        background_label = QLabel("Back&ground papers")
        background_label.setBuddy(self.background)
        grid.addWidget(background_label, 3, 0)
        grid.addWidget(self.background, 3, 1, 1, 2)
        self.meeting.currentIndexChanged.connect(self._meeting_changed)
        self.private.toggled.connect(self.exempt.setEnabled)
        self.exempt.setEnabled(False)
        self._fill_meetings([])
        self.agenda_box = box
        return box

    def _report_box(self) -> QGroupBox:
        box = QGroupBox("Panel's report")
        row = QHBoxLayout(box)
        self.decision = QComboBox()
        self.decision.setAccessibleName("Second report's decision on the revised precept")
        self.decision.addItem("not a second report", None)
        self.decision.addItem("accepts the revised precept", "accept")
        self.decision.addItem("rejects the revised precept", "reject")
        label = QLabel("Second report on a revised precept: the panel &")
        label.setBuddy(self.decision)
        row.addWidget(label)
        row.addWidget(self.decision)
        row.addStretch(1)
        self.report_box = box
        return box

    def _audit_box(self) -> QGroupBox:
        box = QGroupBox("Recommendation audit")
        row = QHBoxLayout(box)
        self.asked_before = QCheckBox("Add what was as&ked before")
        self.asked_before.setAccessibleName(
            "Add each recommendation's best match asked in an earlier cycle, and what became of it"
        )
        row.addWidget(self.asked_before)
        row.addStretch(1)
        self.audit_box = box
        return box

    def _fill_meetings(self, meetings) -> None:
        from tracker.domain.formatting import uk_date

        current = self.meeting.currentData()
        self.meeting.clear()
        self.meeting.addItem("the first meeting on or after the reply", None)
        for meeting in meetings:
            self.meeting.addItem(f"{uk_date(meeting.date)}: {meeting.title}", meeting.id)
        self.meeting.addItem("on a date…", "date")
        index = self.meeting.findData(current) if current is not None else 0
        self.meeting.setCurrentIndex(max(0, index))
        self._meeting_changed()

    def _meeting_changed(self) -> None:
        self.meeting_date.setVisible(self.meeting.currentData() == "date")

    def _cycle_changed(self) -> None:
        cycle_id = self.cycle.currentData()
        if not cycle_id:
            self._fill_meetings([])
            return
        services, as_of = self.context.services, self.context.as_of
        self.context.runner.run(
            "report-meetings",
            lambda: cycle_meetings(services, cycle_id, as_of),
            lambda meetings: (self._fill_meetings(meetings), self.meetings_loaded.emit()),
            self._failed,
        )

    def agenda_options(self):
        """The agenda options as chosen on the page; a refusal in words when they are not complete."""
        from tracker.reports.agenda import AgendaOptions

        data = self.meeting.currentData()
        meeting_id = data if isinstance(data, int) else None
        meeting_day = None
        if data == "date":
            if not self.meeting_date.commit() or self.meeting_date.day() is None:
                return "type or pick the day of the meeting"
            meeting_day = self.meeting_date.day()
        private = self.private.isChecked()
        paragraph = self.exempt.currentData() if private else None
        if private and paragraph is None:
            return (
                "a private item needs the paragraph of Schedule 12A to the Local Government Act 1972 that "
                "makes it exempt: choose one beside “Private item”"
            )
        return AgendaOptions(
            meeting_id=meeting_id,
            meeting_date=meeting_day,
            public=not private,
            exempt_paragraph=paragraph,
            background_papers=" ".join(self.background.text().split()),
            with_assessment=self.with_assessment.isChecked(),
            without_appendix=self.without_appendix.isChecked(),
        )

    def _kind_changed(self) -> None:
        kind = self.kind.currentData() or ""
        calendar = kind == "calendar"
        self.start.setEnabled(calendar)
        self.end.setEnabled(calendar)
        self.agenda_box.setVisible(kind.startswith("agenda"))
        self.report_box.setVisible(kind.startswith("panel-report"))
        self.audit_box.setVisible(kind.startswith("audit"))

    def refresh(self) -> None:
        def show(cycles):
            current = self.cycle.currentData()
            self.cycle.clear()
            self.cycle.addItem("all cycles (calendar only)", None)
            for cycle_id, title in cycles:
                self.cycle.addItem(f"{title} ({cycle_id})", cycle_id)
            index = self.cycle.findData(current) if current else self.cycle.count() - 1
            self.cycle.setCurrentIndex(max(0, index))
            self.loaded.emit()

        # the chooser needs titles only: no cycle is evaluated for it
        self.context.runner.run("report-cycles", self.context.services.cycles.titles, show, self._failed)

    def build_report(self) -> None:
        kind, cycle_id = self.kind.currentData(), self.cycle.currentData()
        if kind != "calendar" and not cycle_id:
            self.message.error("choose a cycle for this report", "Not built")
            return
        if kind == "calendar" and not (self.start.commit() and self.end.commit()):
            self.message.error("a calendar date is not right: see beside it", "Not built")
            return
        start, end = self.start.day(), self.end.day()
        if kind == "calendar" and end < start:
            self.message.error("the calendar window ends before it starts", "Not built")
            return
        options = self.agenda_options() if kind.startswith("agenda") else None
        if isinstance(options, str):
            self.message.error(options, "Not built")
            return
        decision, asked_before = self.decision.currentData(), self.asked_before.isChecked()
        services, as_of = self.context.services, self.context.as_of
        self.build_button.setEnabled(False)
        self.message.info("Building the report…")
        self.context.runner.run(
            "report",
            lambda: build(services, kind, cycle_id, as_of, start, end, options, decision, asked_before),
            lambda data: self._built(kind, data),
            self._failed,
        )

    def _built(self, kind: str, data: bytes) -> None:
        self.build_button.setEnabled(True)
        self.data, self.data_kind = data, kind
        self.save_button.setEnabled(True)
        if kind.endswith("-docx"):
            self.document.close()
            self.print_button.setEnabled(False)
            self.placeholder.setText("A Word document has no preview here: save it and open it in Word.")
            self.placeholder.show()
            self.message.success(f"Built the Word document ({len(data) // 1024 + 1} KB).")
        else:
            self._buffer = QBuffer(self)
            self._buffer.setData(QByteArray(data))
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document.load(self._buffer)
            self.print_button.setEnabled(True)
            self.placeholder.hide()
            self.message.success(f"Built: {self.document.pageCount()} pages.")
        self.loaded.emit()

    def save_report(self) -> None:
        if self.data is None:
            return
        suffix = ".docx" if self.data_kind.endswith("-docx") else ".pdf"
        path = self.save_path(f"{self.data_kind.replace('-docx', '')}{suffix}")
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix
        from tracker.errors import TrackerError
        from tracker.files import write_atomically

        try:
            write_atomically(Path(path), self.data)
        except (OSError, TrackerError) as exc:
            self.message.error(str(exc))
            return
        self.message.success(f"Saved {path}")

    def print_report(self) -> None:
        """Print (Ctrl+P): the system's print dialog, then the paper's own PDF pages drawn into the printer."""
        if self.document.pageCount() > 0:
            self.print_dialog()
        else:
            self.message.info("Build a paper first (Alt+B), then print it.")

    def _print_with_dialog(self) -> None:
        from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.data_kind or "report")
        printer.setFromTo(1, self.document.pageCount())
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setMinMax(1, self.document.pageCount())
        dialog.accepted.connect(lambda: self._printed(self.print_to(printer)))
        dialog.open()  # window-modal, and the event loop keeps running
        self._dialog = dialog

    def _printed(self, pages: int) -> None:
        self.message.success(f"Sent {pages} page{'s' if pages != 1 else ''} to the printer.")

    PRINT_DPI = 300  # enough for text on paper; a 1200 dpi A4 page would be half a gigabyte as an image

    def print_to(self, printer) -> int:
        """Draw the pages the dialog chose (all by default) into the printer, each rendered by QtPdf onto
        white (it renders with a transparent page) at no more than PRINT_DPI, scaled to the printable area.
        Returns the number of pages printed."""
        count = self.document.pageCount()
        first, last = printer.fromPage(), printer.toPage()
        pages = range(max(first, 1) - 1, min(last, count)) if first and last else range(count)
        painter = QPainter(printer)
        try:
            for n, page in enumerate(pages):
                if n:
                    printer.newPage()
                target = painter.viewport()
                points = self.document.pagePointSize(page)
                fitted = points.toSize().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                most = QSize(
                    int(points.width() * self.PRINT_DPI / 72), int(points.height() * self.PRINT_DPI / 72)
                )
                size = fitted if fitted.width() <= most.width() else most
                image = self.document.render(page, size)
                white = QImage(image.size(), QImage.Format.Format_RGB32)
                white.fill(0xFFFFFFFF)
                on_white = QPainter(white)
                on_white.drawImage(0, 0, image)
                on_white.end()
                painter.drawImage(QRect(QPoint(0, 0), fitted), white)
        finally:
            painter.end()
        return len(pages)

    def _failed(self, exc: BaseException) -> None:
        from tracker.reports.build import NoReplyDocument

        self.build_button.setEnabled(True)
        text = NO_REPLY_DOCUMENT if isinstance(exc, NoReplyDocument) else self.app_text(exc)
        self.message.error(text, "Not built")
        self.loaded.emit()

    def app_text(self, exc: BaseException) -> str:
        """A refusal from the core in the page's terms: the options are the page's boxes, not flags."""
        text = self.error_text(exc)
        for flag, control in (
            ("--decision", "Second report"),
            ("--with-assessment", "Add the secretariat's assessment"),
            ("--meeting-date", "Meeting"),
            ("--meeting", "Meeting"),
            ("--cycle", "Cycle"),
        ):
            text = text.replace(f"{flag}:", f"{control}:")
        return text
