"""Recommendation register: every recommendation with its reply, across cycles, and changes by hand."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tracker.domain import DISPOSITIONS
from tracker.domain.formatting import uk_date
from ui.colours import muted
from ui.context import AppContext, Page
from ui.models import ObjectRole, RecommendationTableModel, sortable
from ui.widgets import MessageBar, history_html, keep_readable, table_view


class RecommendationsPage(Page):
    title = "Recommendations"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        filters = QHBoxLayout()
        cycle_label = QLabel("C&ycle")
        self.cycle_filter = QComboBox()
        self.cycle_filter.setMinimumContentsLength(
            30
        )  # wide enough to read a cycle's title, not "all cycle…"
        self.cycle_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.cycle_filter.setAccessibleName("Show recommendations of cycle")
        cycle_label.setBuddy(self.cycle_filter)
        status_label = QLabel("Re&ply")
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Show recommendations by reply status")
        for text, value in (
            ("any", None),
            ("replied", "replied"),
            ("missing", "missing"),
            ("reply not recorded", "not recorded"),
            ("no reply yet", "no reply yet"),
        ):
            self.status_filter.addItem(text, value)
        status_label.setBuddy(self.status_filter)
        search_label = QLabel("&Search")
        self.search = QLineEdit()
        self.search.setAccessibleName("Search recommendations across cycles")
        self.search.setPlaceholderText("words in a recommendation, its reply or its theme")
        self.search.setClearButtonEnabled(True)
        search_label.setBuddy(self.search)
        for widget in (cycle_label, self.cycle_filter, status_label, self.status_filter, search_label):
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        self.layout_.addLayout(filters)
        self.summary = QLabel()
        self.layout_.addWidget(self.summary)
        self.message = MessageBar()
        self.layout_.addWidget(self.message)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.model = RecommendationTableModel(self)
        self.proxy = sortable(self.model, self)
        self.view = table_view(
            "Recommendation register", self.proxy, stretch_column=RecommendationTableModel.COL_TEXT
        )
        splitter.addWidget(self.view)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName("Recommendation, its replies and history")
        right_layout.addWidget(self.detail, 1)
        box = QGroupBox("The reply")
        form = QFormLayout(box)
        self.disposition = QComboBox()
        self.disposition.setAccessibleName("Disposition")
        self.disposition.addItem("back to the suggestion", None)
        for value in DISPOSITIONS:
            self.disposition.addItem(value, value)
        self.apply_disposition = QPushButton("Set &disposition")
        self.apply_disposition.setAccessibleName("Set the disposition of the reply")
        self.grouping = QLineEdit()
        self.grouping.setAccessibleName("Recommendations the reply answers")
        self.grouping.setPlaceholderText("e.g. 9, 10")
        self.apply_grouping = QPushButton("Set &grouping")
        self.apply_grouping.setAccessibleName("Set which recommendations the reply answers")
        form.addRow("Disposition", self.disposition)
        form.addRow(self.apply_disposition)
        form.addRow("Answers", self.grouping)
        form.addRow(self.apply_grouping)
        # an answer typed in from a letter the app could not read (a scan) or that came on paper
        self.answer = QPlainTextEdit()
        self.answer.setAccessibleName("The answer as the reply words it")
        self.answer.setPlaceholderText("the answer as the letter words it, for a scanned or paper reply")
        self.answer.setTabChangesFocus(True)
        self.answer.setMaximumHeight(64)
        self.record_answer = QPushButton("Record the &answer")
        self.record_answer.setAccessibleName(
            "Record the answer to the recommendations under Answers, with the disposition chosen"
        )
        form.addRow("Its words", self.answer)
        form.addRow(self.record_answer)
        right_layout.addWidget(box)
        asked = QGroupBox("Asked before")
        asked_layout = QVBoxLayout(asked)
        self.asked = QListWidget()
        self.asked.setAccessibleName("Earlier recommendations asking for the same thing")
        self.asked.setWordWrap(True)
        self.asked.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.asked.setMinimumWidth(200)
        asked_layout.addWidget(self.asked)
        buttons = QHBoxLayout()
        self.confirm_link = QPushButton("C&onfirm")
        self.confirm_link.setAccessibleName("Confirm the earlier recommendation asks for the same thing")
        self.dismiss_link = QPushButton("Dis&miss")
        self.dismiss_link.setAccessibleName("Dismiss: the earlier recommendation asks for something else")
        buttons.addWidget(self.confirm_link)
        buttons.addWidget(self.dismiss_link)
        asked_layout.addLayout(buttons)
        right_layout.addWidget(asked, 1)
        splitter.addWidget(right)
        splitter.setSizes([800, 300])
        self.layout_.addWidget(splitter, 1)
        self.replies = []

        self.cycle_filter.currentIndexChanged.connect(lambda _: self.refresh())
        self.status_filter.currentIndexChanged.connect(lambda _: self.refresh())
        self.search.textChanged.connect(lambda _: self.refresh())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.apply_disposition.clicked.connect(self._set_disposition)
        self.apply_grouping.clicked.connect(self._set_grouping)
        self.record_answer.clicked.connect(lambda: self._record_answer())
        self.confirm_link.clicked.connect(lambda: self._link("confirmed"))
        self.dismiss_link.clicked.connect(lambda: self._link("dismissed"))
        context.data_changed.connect(lambda _: self.reload_if_shown())
        context.as_of_changed.connect(lambda _: self.reload_if_shown())
        self.resolve_conflict = self._ask_keep_or_take  # replaced in tests: a modal question would block

    def _ask_keep_or_take(self, text: str) -> str:
        """Someone else changed the reply first: keep mine (save over theirs) or take theirs."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self)
        box.setWindowTitle("Changed by someone else")
        box.setText(text[:1].upper() + text[1:] + ".")
        mine = box.addButton("&Keep mine", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Take theirs", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return "mine" if box.clickedButton() is mine else "theirs"

    def refresh(self) -> None:
        services = self.context.services
        cycle = self.cycle_filter.currentData()
        status = self.status_filter.currentData()
        search = self.search.text()
        as_of = self.context.as_of

        def work():
            cycles = services.cycles.titles()
            rows = services.recommendations.register(cycle, search=search, status=status, as_of=as_of)
            return cycles, rows

        self.context.runner.run("register", work, self._show, self._failed)

    def _show(self, result) -> None:
        cycles, rows = result
        current = self.cycle_filter.currentData()
        self.cycle_filter.blockSignals(True)
        self.cycle_filter.clear()
        self.cycle_filter.addItem("all cycles", None)
        for cycle_id, title in cycles:
            self.cycle_filter.addItem(title, cycle_id)
        self.cycle_filter.setCurrentIndex(max(0, self.cycle_filter.findData(current)))
        self.cycle_filter.blockSignals(False)
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        header.resizeSection(RecommendationTableModel.COL_THEME, min(header.sectionSize(8), 150))
        # the text is cut with "…" (whole in its tooltip and in the panel beside) so the reply and the
        # disposition stay in view at 1280 x 800
        text = RecommendationTableModel.COL_TEXT
        header.resizeSection(text, min(header.sectionSize(text), 260))
        keep_readable(self.view, text, 260)
        from tracker.services.convert import REPLY_STATUSES

        # every status counted, so the figures add up to the number shown
        counts = {status: sum(1 for r in rows if r.reply_status == status) for status in REPLY_STATUSES}
        self.summary.setText(
            f"{len(rows)} recommendations shown: "
            + ", ".join(
                f"{n} {status}" for status, n in counts.items() if n or status in ("replied", "missing")
            )
            if rows
            else "No recommendations match. Import a committee report on the Import page."
        )
        self._show_detail()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.message.error(self.error_text(exc))
        self.loaded.emit()

    def current(self):
        index = self.view.currentIndex()
        return self.proxy.data(index, ObjectRole) if index.isValid() else None

    def _show_detail(self) -> None:
        rec = self.current()
        if rec is None:
            self.detail.setHtml(
                "<p>Select a recommendation to see its text, the reply that answers it and its history.</p>"
            )
            return
        services = self.context.services

        def work():
            replies = services.recommendations.replies_for(rec.id)
            ids = [str(reply.id) for reply in replies]  # every passage's history in one read, newest first
            history = services.history.for_item(entity="reply", entity_id=ids) if ids else []
            asked = services.asked_before.related(rec.cycle_id, rec.number)
            return rec, replies, history, asked

        self.context.runner.run("rec-detail", work, self._render_detail, self._failed)

    def _render_detail(self, result) -> None:
        rec, replies, history, asked = result
        self.replies = replies
        self._show_asked(rec, asked)
        parts = [f"<h3>{escape(rec.label)} ({escape(rec.cycle_id)})</h3><p>{escape(rec.text)}</p>"]
        if rec.text_cy:
            parts.append(f"<p lang='cy'><i>{escape(rec.text_cy)}</i></p>")
        if rec.subpoints:
            marks = {
                "answered": "✓ answered",
                "not answered": "⚠ not answered",
                "not recorded": "◌ not recorded",
            }
            statuses = rec.subpoint_status or ("",) * len(rec.subpoints)
            parts.append(
                "<ul>"
                + "".join(
                    f"<li>{escape(s)} — <b>{escape(marks.get(status, ''))}</b></li>"
                    for s, status in zip(rec.subpoints, statuses, strict=False)
                )
                + "</ul>"
            )
        parts.append(f"<p><b>Reply:</b> {escape(rec.reply_status)}")
        if rec.grouped_with:
            parts.append(f" · answered together with {escape(', '.join(rec.grouped_with))}")
        parts.append("</p>")
        evidence_colour = muted(QPalette.ColorRole.Base).name()  # the detail pane is a text box: on Base
        for reply in replies:
            overridden = (
                " (set by hand; suggested: " + escape(reply.suggested_disposition or "none") + ")"
                if reply.disposition_overridden
                else ""
            )
            parts.append(
                f"<blockquote><b>Answers {escape(', '.join(reply.covers))}</b> — "
                f"{escape(reply.disposition or 'no disposition')}{overridden}<br>{escape(reply.text)}"
                f"<br><span style='color:{evidence_colour}'>Evidence: {escape(reply.evidence)}</span></blockquote>"
            )
        for follow in rec.follow_ups:
            parts.append(
                f"<p>Follow-up ({escape(follow.kind)}): {escape(uk_date(follow.due, unknown='no date'))} — "
                f"{escape(follow.text)}</p>"
            )
        parts.append(history_html(history))
        self.detail.setHtml("".join(parts))
        for widget in (self.apply_disposition, self.apply_grouping):
            widget.setEnabled(bool(replies))  # an answer is recorded for any recommendation, answered or not
        self.grouping.setText(", ".join(replies[0].covers) if replies else rec.number)
        if not replies:
            self.disposition.setCurrentIndex(0)  # an answer recorded takes the disposition its words suggest
        else:
            self.disposition.setCurrentIndex(
                max(
                    0,
                    self.disposition.findData(
                        replies[0].disposition if replies[0].disposition_overridden else None
                    ),
                )
            )

    def _show_asked(self, rec, asked) -> None:
        """The earlier asks: confirmed ones first (marked ✓), then the app's suggestions with their score."""
        self.asked.clear()
        self.asked_for = rec
        for item in asked:
            mark = "✓ confirmed" if item.link == "confirmed" else f"suggested, score {item.score:.2f}"
            became = item.disposition or item.reply_status
            follow = "".join(
                f"\n   {f.kind} due {uk_date(f.due, unknown='no date')}"
                + (f", met {uk_date(f.met_on)}" if f.met_on else ", not met")
                for f in item.follow_ups
            )
            line = QListWidgetItem(f"{item.cycle_id} {item.number} ({mark}) — {became}\n{item.text}{follow}")
            line.setData(Qt.ItemDataRole.UserRole, item)
            self.asked.addItem(line)
        if not asked:
            empty = QListWidgetItem("Not asked before, as far as the app can tell.")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.asked.addItem(empty)
        else:
            self.asked.setCurrentRow(0)
        for button in (self.confirm_link, self.dismiss_link):
            button.setEnabled(bool(asked))

    def _link(self, state: str) -> None:
        line = self.asked.currentItem()
        other = line.data(Qt.ItemDataRole.UserRole) if line is not None else None
        rec = getattr(self, "asked_for", None)
        if other is None or rec is None:
            return
        said = "asks for the same thing as" if state == "confirmed" else "does not ask again"
        self.context.runner.run(
            "rec-edit",
            lambda: self.context.services.asked_before.link(
                rec.cycle_id, rec.number, other.cycle_id, other.number, state
            ),
            lambda _: self._saved(f"Recommendation {rec.number} {said} {other.cycle_id} {other.number}."),
            self._failed,
        )

    def _set_disposition(self, force: bool = False) -> None:
        if not self.replies:
            return
        reply, value = self.replies[0], self.disposition.currentData()
        version = None if force else reply.version  # "keep mine" saves over the newer version on purpose
        self.context.runner.run(
            "rec-edit",
            lambda: self.context.services.recommendations.set_disposition(reply.id, value, version),
            lambda row: self._saved(
                f"Disposition of the reply to {', '.join(row.covers)}: {row.disposition}."
            ),
            lambda exc: self._edit_failed(exc, self._set_disposition),
        )

    def _edit_failed(self, exc: BaseException, retry) -> None:
        """A change refused because someone else saved first: keep mine (save again over theirs, on purpose)
        or take theirs (show what is stored now)."""
        from tracker.errors import Conflict

        if not isinstance(exc, Conflict) or "busy" in str(exc):
            self._failed(exc)
            return
        if self.resolve_conflict(str(exc)) == "mine":
            retry(force=True)
        else:
            self.message.info("Took the other change: the register shows it now.")
            self.refresh()

    def _set_grouping(self, force: bool = False) -> None:
        if not self.replies:
            return
        reply = self.replies[0]
        numbers = self._answers()
        version = None if force else reply.version
        self.context.runner.run(
            "rec-edit",
            lambda: self.context.services.recommendations.set_grouping(reply.id, numbers, version),
            lambda row: self._saved(f"The reply now answers {', '.join(row.covers)}."),
            lambda exc: self._edit_failed(exc, self._set_grouping),
        )

    def _record_answer(self, force: bool = False) -> None:
        """The answer typed in (as `tracker reply set` records it): it replaces what answered the
        recommendations under Answers before."""
        rec, text = self.current(), self.answer.toPlainText()
        if rec is None:
            return
        if not text.strip():
            self.message.error("Its words are empty: type the answer as the letter words it")
            return
        numbers = self._answers() or [rec.number]
        if rec.number in numbers:  # the service checks the first number's answer: the one this page shows
            numbers.insert(0, numbers.pop(numbers.index(rec.number)))
        # someone else's change meanwhile is caught for the reply this page shows; with none shown, an
        # answer a colleague records meanwhile is caught too (version 0: "none yet")
        version = None
        if not force and numbers[0] == rec.number:
            version = self.replies[0].version if self.replies else 0
        value = self.disposition.currentData()
        self.context.runner.run(
            "rec-edit",
            lambda: self.context.services.corrections.set_reply(rec.cycle_id, numbers, text, value, version),
            lambda row: (
                self.answer.clear()
                or self._saved(f"Reply to {', '.join(row.covers)} recorded ({row.disposition}).")
            ),
            lambda exc: self._edit_failed(exc, self._record_answer),
        )

    def _answers(self) -> list[str]:
        return [n.strip() for n in self.grouping.text().replace(" and ", ",").split(",") if n.strip()]

    def _saved(self, text: str) -> None:
        self.message.success(text)
        self.context.data_changed.emit("")
