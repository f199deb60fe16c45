"""Import: a committee report or a reply (file or pasted text) into a cycle. Analysed on a worker thread,
checked in the review workspace (the text as read beside what the reader proposed), then saved in one
transaction."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.formatting import uk_date
from tracker.domain.types import REPLY, REPORT
from tracker.errors import TrackerError
from ui.colours import muted_style
from ui.context import AppContext, Page
from ui.forms import DateField
from ui.review_workspace import ReviewWorkspace
from ui.widgets import MessageBar

if TYPE_CHECKING:  # the readers and the editing core load with the first document read, not with the page
    from tracker.services.review import Review


class ImportPage(Page):
    title = "Import"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        # replaced in tests: a real file dialog would block an offscreen run
        self.choose_file = lambda: QFileDialog.getOpenFileName(
            self, "Choose a document", "", "Documents (*.pdf *.docx *.txt *.md)"
        )[0]
        row = QHBoxLayout()
        cycle_label = QLabel("Into c&ycle")
        self.cycle_combo = QComboBox()
        self.cycle_combo.setAccessibleName("Cycle to import into")
        self.cycle_combo.setMinimumWidth(280)
        cycle_label.setBuddy(self.cycle_combo)
        # two choices that cannot be mistaken: each says what the document becomes
        self.kind_report = QRadioButton("Committee &report or letter: its recommendations go into the cycle")
        self.kind_reply = QRadioButton("Re&ply from the policing body: checked against the recommendations")
        self.kind_report.setChecked(True)
        self.kinds = QButtonGroup(self)
        self.kinds.addButton(self.kind_report)
        self.kinds.addButton(self.kind_reply)
        kinds_box = QGroupBox("What is this document?")
        kinds_layout = QVBoxLayout(kinds_box)
        kinds_layout.setContentsMargins(8, 4, 8, 4)
        kinds_layout.addWidget(self.kind_report)
        kinds_layout.addWidget(self.kind_reply)
        for widget in (cycle_label, self.cycle_combo):
            row.addWidget(widget)
        row.addWidget(kinds_box, 1)
        self.layout_.addLayout(row)
        files = QHBoxLayout()
        self.choose = QPushButton("Choose a fi&le…")
        self.choose.setAccessibleName("Choose a document to import")
        self.file_label = QLabel(
            "…or paste the text below (.pdf with a text layer, .docx, .txt and .md are read)"
        )
        self.file_label.setStyleSheet(muted_style())
        files.addWidget(self.choose)
        files.addWidget(self.file_label, 1)
        self.layout_.addLayout(files)
        self.paste = QPlainTextEdit()
        self.paste.setAccessibleName("Pasted text of the document")
        self.paste.setPlaceholderText("Paste a letter or a reply here, then press Analyse.")
        self.paste.setMaximumHeight(110)
        self.paste.setTabChangesFocus(True)
        self.layout_.addWidget(self.paste)
        actions = QHBoxLayout()
        self.analyse = QPushButton("&Analyse")
        self.analyse.setAccessibleName("Analyse the document")
        self.cancel = QPushButton("Ca&ncel")
        self.cancel.setAccessibleName("Cancel the analysis")
        self.cancel.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress")
        self.progress.setRange(0, 1)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(200)
        self.progress.setVisible(False)  # shown only while a document is being read
        self.save = QPushButton("&Save into the cycle")
        self.save.setAccessibleName("Save the import into the cycle")
        self.save.setEnabled(False)
        date_label = QLabel("Document &date")
        self.document_date = DateField(
            dt.date.today(), name="Date of the document, recorded as its stage date"
        )
        self.document_date.setToolTip("The date read from the document: correct it here before saving")
        date_label.setBuddy(self.document_date)
        self.date_known = QCheckBox("&known")
        self.date_known.setAccessibleName("The document's date is known")
        self.date_known.toggled.connect(self.document_date.setEnabled)
        self.date_known.setChecked(False)
        self.document_date.setEnabled(False)
        for widget in (self.analyse, self.cancel, self.progress):
            actions.addWidget(widget)
        actions.addStretch(1)
        for widget in (date_label, self.document_date, self.date_known, self.save):
            actions.addWidget(widget)
        self.layout_.addLayout(actions)
        self.message = MessageBar()
        self.layout_.addWidget(self.message)
        self.unread_offer = self._unread_offer()
        self.layout_.addWidget(self.unread_offer)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.layout_.addWidget(self.summary)
        self.workspace = ReviewWorkspace()
        self.workspace.setAccessibleName("Review workspace")
        self.workspace.message.connect(self.message.info)
        self.workspace.changed.connect(self._review_changed)
        self.layout_.addWidget(self.workspace, 1)
        self.path: str | None = None
        self.unread_path: str | None = None  # the reply offered to be kept unread
        self.result = None  # (kind, document, analysis) of the last analysis
        self.review: Review | None = None  # the officer's corrections of it

        self.confirm = lambda title, text: (  # replaced in tests: a modal question would block
            QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes
        )
        self.kinds.buttonToggled.connect(lambda *_: self._kind_changed())
        self.choose.clicked.connect(self._choose)
        self.analyse.clicked.connect(self.run_analysis)
        self.cancel.clicked.connect(self._cancel)
        self.save.clicked.connect(self.save_import)
        context.data_changed.connect(lambda _: self.reload_if_shown())

    def _unread_offer(self) -> QGroupBox:
        """Shown when a reply cannot be read (a scan): keep it as it came for the papers, or leave it."""
        box = QGroupBox("This reply cannot be read")
        layout = QVBoxLayout(box)
        self.unread_text = QLabel()
        self.unread_text.setWordWrap(True)
        self.unread_text.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.unread_text)
        buttons = QHBoxLayout()  # no access keys left on this page: the offer takes the focus when it opens
        self.keep_unread = QPushButton("Keep it unread for the papers")
        self.keep_unread.setAccessibleName("Keep the reply unread, as it came, for the papers")
        self.keep_unread.clicked.connect(self.keep_reply_unread)
        self.leave_unread = QPushButton("Forget it")
        self.leave_unread.setAccessibleName("Do not keep the reply")
        self.leave_unread.clicked.connect(self._hide_offer)
        buttons.addWidget(self.keep_unread)
        buttons.addWidget(self.leave_unread)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        box.setVisible(False)
        return box

    def _hide_offer(self) -> None:
        self.unread_offer.setVisible(False)
        self.unread_path = None

    def refresh(self) -> None:
        services = self.context.services

        def show(cycles):
            current = self.cycle_combo.currentData()
            self.cycle_combo.clear()
            for cycle_id, title in cycles:
                self.cycle_combo.addItem(f"{title} ({cycle_id})", cycle_id)
            if current:
                self.cycle_combo.setCurrentIndex(max(0, self.cycle_combo.findData(current)))
            if not cycles:
                self.summary.setText(
                    "There are no cycles to import into yet: add one with File › New cycle (Ctrl+N)."
                )
            self.loaded.emit()

        self.context.runner.run("import-cycles", services.cycles.titles, show, self._failed)

    def _kind_changed(self) -> None:
        """An analysis made as the other kind of document cannot be saved as this one."""
        self._hide_offer()
        if self.result is not None:
            self.result = None
            self.review = None
            self.workspace.show_review(None)
            self.save.setEnabled(False)
            self.summary.setText("The kind of document changed: press Analyse again.")

    def _show_date(self, day) -> None:
        self.date_known.setChecked(day is not None)
        self.document_date.setDate(day or dt.date.today())

    def chosen_date(self):
        return self.document_date.day() if self.date_known.isChecked() else None

    def _choose(self) -> None:
        path = self.choose_file()
        if path:
            self.open_document(path)

    def open_document(self, path: str) -> None:
        """The document to analyse (chosen, or dropped on the window)."""
        self.path = path
        self.paste.clear()
        self.file_label.setText(path)
        self._hide_offer()

    def _busy(self, busy: bool) -> None:
        self.progress.setRange(0, 0 if busy else 1)
        self.progress.setVisible(busy)
        self.cancel.setEnabled(busy)
        self.analyse.setEnabled(not busy)

    def run_analysis(self) -> None:
        cycle_id = self.cycle_combo.currentData()
        kind = REPLY if self.kind_reply.isChecked() else REPORT
        path, text = self.path, self.paste.toPlainText()
        if text.strip():
            path = None
        imports = self.context.services.imports
        self.save.setEnabled(False)
        self.message.hide()
        self._hide_offer()

        def work():
            from tracker.importing.audit import NoAnswersFound
            from tracker.importing.extract import NothingFound

            document = imports.read(path=path, text=None if path else text)
            try:
                if kind == REPORT:
                    return kind, document, imports.preview_recommendations(document)
                return kind, document, imports.preview_reply(cycle_id, document)
            except NothingFound as exc:  # the text still opens: the officer adds what the reader missed
                return kind, document, exc.extraction
            except NoAnswersFound as exc:
                return kind, document, exc.audit

        self._busy(True)
        self.context.runner.run(
            "import", work, self._analysed, lambda exc: self._not_analysed(exc, kind, path)
        )

    def _not_analysed(self, exc: BaseException, kind: str, path: str | None) -> None:
        """A reply with no text layer (a scan) can still be kept as it came: offer that beside the reason."""
        from tracker.importing.readers import NoTextLayer

        self._failed(exc)
        if not (isinstance(exc, NoTextLayer) and kind == REPLY and path):
            return
        self.unread_path = path
        self.unread_text.setText(
            f"{exc.value} has no text layer: it looks like a scanned image, so the app cannot read its "
            "answers. You can keep it unread, as it came: the agenda item then appends its pages as "
            "Appendix 1. Give its date under Document date first (tick known); it is recorded as the "
            "date of the reply. Then record its answers by hand on the Recommendations page: select a "
            "recommendation and press Record the answer."
        )
        self.unread_offer.setVisible(True)
        self._show_date(None)  # never the date of a document analysed before
        self.keep_unread.setFocus()

    def keep_reply_unread(self) -> None:
        path, cycle_id = self.unread_path, self.cycle_combo.currentData()
        if path is None or cycle_id is None:
            return
        if self.date_known.isChecked() and not self.document_date.commit():
            self.message.error("the document date is not a date: see beside it")
            return
        day, imports = self.chosen_date(), self.context.services.imports
        self._hide_offer()
        self._start_save(lambda: imports.keep_reply_unread(cycle_id, path, document_date=day))

    def _cancel(self) -> None:
        self.context.runner.cancel("import")
        self._busy(False)
        self.message.info("Analysis cancelled; nothing was saved.")

    def _analysed(self, result) -> None:
        self._busy(False)
        self.result = result
        kind, document, analysis = result
        from tracker.importing.extract import reading_warnings
        from tracker.services.review import Review

        self.review = Review(kind, document, analysis)
        self.workspace.show_review(self.review)
        self.paste.setMaximumHeight(48)  # the text as read is in the workspace now: room for it
        self._show_date(analysis.document.date)
        self._describe()
        if kind == REPORT:
            warnings = reading_warnings(analysis)
            if not analysis.recommendations:
                self.message.info(
                    "The reader found no recommendations in this document. Add them yourself: select a "
                    "recommendation's text on the left, then press Add as recommendation (Ctrl+Shift+R)."
                )
            elif warnings:  # what to check before saving: shown, never silently repaired
                self.message.info("Check before saving: " + "; ".join(warnings) + ".")
        else:
            if not analysis.passages:
                self.message.info(
                    "The reader found no answers it could tie to recommendations. Tie them yourself: select "
                    "an answer's text on the left, then press This answers… (Ctrl+Shift+A) and tick the "
                    "recommendations it answers."
                )
        self.save.setEnabled(True)
        self.loaded.emit()

    def _describe(self) -> None:
        """What the save would store, as the officer has it now, and what the document says of itself."""
        review = self.review
        if review is None or self.result is None:
            return
        _, document, analysis = self.result
        info = analysis.document
        yours = sum(1 for item in review.items if item.by_officer)
        count = len(review.items)
        made = f" ({yours} added or changed by you)" if yours else ""
        where = f" in {escape(document.file_name)}, dated {uk_date(info.date)}"
        if review.kind == REPORT:
            self.summary.setText(
                f"<b>{count} recommendation{'' if count == 1 else 's'}</b>{made}{where}"
                + (f", reference {escape(info.reference)}" if info.reference else "")
                + (
                    f"; reply asked for by {uk_date(info.reply_requested_by)}"
                    if info.reply_requested_by
                    else ""
                )
                + (
                    f". {len(analysis.statements)} committee statements were left out."
                    if analysis.statements
                    else "."
                )
            )
            return
        answered = {n for item in review.items for n in item.value.numbers}
        missing = [n for n in review.known if n not in answered]
        grouped = [" and ".join(item.value.numbers) for item in review.items if len(item.value.numbers) > 1]
        unknown = [
            n
            for n in dict.fromkeys(n for i in review.items for n in i.value.numbers)
            if n not in review.known
        ]
        self.summary.setText(
            f"<b>{count} reply passage{'' if count == 1 else 's'}</b>{made}{where}. "
            f"Grouped: {', '.join(grouped) or 'none'}. Missing: {', '.join(missing) or 'none'}."
            + (f" Replies to numbers never made: {', '.join(unknown)}." if unknown and review.known else "")
        )

    def _review_changed(self) -> None:
        """Say at once what stops the save (a number used twice), and what is worth a look."""
        review = self.review
        if review is None:
            return
        self._describe()
        problems, notes = review.problems(), review.notes()
        if problems:
            self.message.error("; ".join(problems))
        elif notes:
            self.message.info("Check before saving: " + "; ".join(notes) + ".")
        else:
            self.message.hide()

    def save_import(self) -> None:
        if self.result is None or self.review is None:
            return
        kind, document, _ = self.result
        cycle_id = self.cycle_combo.currentData()
        imports = self.context.services.imports
        if self.date_known.isChecked() and not self.document_date.commit():
            self.message.error("the document date is not a date: see beside it")
            return
        day = self.chosen_date()
        try:
            reviewed = self.review.reviewed()
        except TrackerError as exc:
            self.message.error(str(exc))
            return
        if kind == REPORT:
            extraction = reviewed.edited

            def work():
                return imports.import_recommendations(
                    cycle_id,
                    document=document,
                    extraction=extraction,
                    document_date=day,
                    by_officer=reviewed.by_officer,
                    set_aside=reviewed.set_aside,
                )

            def ask_first(conflicts):
                if conflicts and not self.confirm(
                    "Replace recommendation text?",
                    f"Recommendation{'s' if len(conflicts) > 1 else ''} {', '.join(conflicts)} already "
                    f"{'have' if len(conflicts) > 1 else 'has'} different text in this cycle. Replace it with "
                    "the text of this document? (The old text stays in the history.)",
                ):
                    self.message.info("Nothing was saved: the stored text was kept.")
                    self.save.setEnabled(True)
                    return
                self._start_save(work)

            self.save.setEnabled(False)
            self.context.runner.run(
                "import-check", lambda: imports.text_conflicts(cycle_id, extraction), ask_first, self._failed
            )
            return

        def work():
            return imports.import_reply(
                cycle_id,
                document=document,
                audit=reviewed.edited,
                corrections=reviewed.corrections,
                document_date=day,
                by_officer=reviewed.by_officer,
                set_aside=reviewed.set_aside,
            )

        self._start_save(work)

    def _start_save(self, work) -> None:
        self.save.setEnabled(False)
        self._busy(True)
        self.context.runner.run("import-save", work, self._saved, self._failed)

    def _saved(self, result) -> None:
        self._busy(False)
        self.message.success(result.describe().replace("\n", " · "))
        if result.unread and not result.unchanged:
            self.summary.setText(
                "Record its answers on the Recommendations page: select a recommendation of this cycle, type "
                "the answer as the letter words it and press Record the answer."
            )
        self.result = None
        self.context.data_changed.emit(result.cycle_id)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.message.error(self.error_text(exc))
        self.loaded.emit()
