"""Import a committee report or a reply into a cycle, in one transaction, with provenance.

The document is read and analysed before the transaction opens, so a file that cannot be read changes
nothing. Importing the same file again (same sha256) changes nothing. Importing a corrected version
records what changed, and keeps the secretariat's own disposition overrides.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain import Precision
from tracker.domain.formatting import uk_date
from tracker.domain.numbers import (
    in_document_order,
    natural_key,
    normalised,
    place_by_number,
    repeated,
    similarity,
)
from tracker.errors import BadInput
from tracker.importing.audit import NoAnswersFound, ReplyAudit, audit_reply
from tracker.importing.extract import (
    ExtractedRecommendation,
    Extraction,
    NothingFound,
    extract_recommendations,
    reading_warnings,
)
from tracker.importing.readers import (
    DocumentText,
    NoTextLayer,
    document_from_text,
    read_document,
    unread_document,
)
from tracker.persistence import models as m
from tracker.persistence.database import UnitOfWork
from tracker.services.convert import document_title
from tracker.services.history import record_change

COMMITTEE_REPORT = "committee report"
REPLY = "reply"


# documents kept only to be put before members as an item's appendix, never read for recommendations or
# replies: the option's name, the kind stored, and how a paper names one without a title of its own
APPENDIX_DOCUMENTS = {
    "draft": ("draft plan", "Draft police and crime plan"),
    "notification": ("notification", "Notification"),
    "annual-report": ("annual report", "Annual report"),
    "comments": ("comments", "Comments on the inspection report"),
    "other": ("other", "Document"),
}

SET_ASIDE_KINDS = ("recommendation", "reply")
REMOVED, NOT_A_RECOMMENDATION, NOT_AN_ANSWER = "removed", "not a recommendation", "not an answer"
SET_ASIDE_REASONS = (REMOVED, NOT_A_RECOMMENDATION, NOT_AN_ANSWER)


@dataclass(frozen=True)
class SetAsideItem:
    """Something the reader proposed that the officer set aside: `kind` "recommendation" or "reply",
    the number the reader gave it, its text as read, and `reason` "removed", "not a recommendation" or
    "not an answer".
    Stored with the import, so a later import of the same or a corrected document leaves it out."""

    kind: str
    number: str | None
    text: str
    reason: str


@dataclass(frozen=True)
class Change:
    number: str
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class ImportResult:
    cycle_id: str
    kind: str
    file_name: str
    sha256: str
    document_id: int | None
    unchanged: bool
    added: tuple[str, ...] = ()
    changed: tuple[Change, ...] = ()
    not_in_this_version: tuple[str, ...] = ()
    follow_ups: int = 0
    replied: tuple[str, ...] = ()
    grouped: tuple[tuple[str, ...], ...] = ()
    missing: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    dates_recorded: tuple[str, ...] = field(default_factory=tuple)
    # what the officer corrected and this import left as the officer has it: `old` the officer's, `new` the
    # reader's reading of this document
    kept: tuple[Change, ...] = ()
    added_by_hand: tuple[str, ...] = ()  # recommendations the officer added, not in this document: kept
    still_set_aside: tuple[str, ...] = ()  # read again, but the officer set them aside: left out
    not_added: tuple[str, ...] = ()  # read, but the number is the officer's for another recommendation
    unread: bool = False  # kept as it came for the papers, its text not read (a scanned letter)
    warnings: tuple[str, ...] = ()  # what to check in the reading of the document (a file cut short)
    dated_again: bool = False  # the same letter given again with the date it lacked: only the date recorded
    undated: bool = False  # a letter kept unread without a date

    def as_json(self) -> dict:
        data = asdict(self)
        data["changed"] = [asdict(c) for c in self.changed]
        data["kept"] = [asdict(c) for c in self.kept]
        data["grouped"] = [list(g) for g in self.grouped]
        return data

    def describe(self) -> str:
        if self.unchanged:
            return f"{self.file_name} is already imported into {self.cycle_id}: nothing changed."
        if self.dated_again:
            return "\n".join(
                [
                    f"{self.file_name} is already kept as the reply of {self.cycle_id}: only its date is new.",
                    *(f"Recorded {d}" for d in self.dates_recorded),
                ]
            )
        if self.unread and self.kind == REPLY:
            return "\n".join(
                [
                    f"Kept {self.file_name} unread as the reply of {self.cycle_id}: the papers append it as it "
                    "came; its answers are recorded by hand.",
                    f"Answers recorded: {', '.join(self.replied) or 'none'}; "
                    f"not yet: {', '.join(self.missing) or 'none'}",
                    *(f"Recorded {d}" for d in self.dates_recorded),
                ]
            )
        if self.unread:  # a document kept for its agenda item, with no text layer to read
            return f"Kept {self.file_name} unread in {self.cycle_id} ({self.kind}): it has no text layer."
        lines = [f"Imported {self.file_name} into {self.cycle_id} as a {self.kind}."]
        if self.added:
            lines.append(f"Recommendations added: {', '.join(self.added)}")
        for change in self.changed:
            lines.append(f"Changed {change.number} {change.field}: {change.old!r} -> {change.new!r}")
        if self.not_in_this_version:
            lines.append(f"Not in this version (kept): {', '.join(self.not_in_this_version)}")
        for change in self.kept:
            lines.append(
                f"Kept your correction of {change.number} {change.field}: {change.old!r} "
                f"(this document reads {change.new!r})"
            )
        if self.added_by_hand:
            lines.append(f"Added by hand (kept): {', '.join(self.added_by_hand)}")
        if self.still_set_aside:
            lines.append(f"Set aside before (left out again): {', '.join(self.still_set_aside)}")
        if self.not_added:
            lines.append(
                f"Read but not added, the number is used by another recommendation: {', '.join(self.not_added)}"
            )
        if self.kind == REPLY:
            lines.append(
                f"Replied: {len(self.replied)}; grouped: "
                + ("; ".join(" and ".join(g) for g in self.grouped) or "none")
                + f"; missing: {', '.join(self.missing) or 'none'}"
            )
            if self.unknown:
                lines.append(f"Replies to numbers the committee never made: {', '.join(self.unknown)}")
        if self.follow_ups:
            lines.append(f"Dated follow-ups recorded: {self.follow_ups}")
        lines.extend(f"Recorded {d}" for d in self.dates_recorded)
        lines.extend(f"warning: {w}" for w in self.warnings)
        return "\n".join(lines)


class ImportService:
    def __init__(self, uow: UnitOfWork, user: str) -> None:
        self.uow = uow
        self.user = user

    # ---- analysis without saving (the import wizard shows this first) -------------------------------
    @staticmethod
    def read(
        path: str | Path | None = None, text: str | None = None, name: str = "pasted text"
    ) -> DocumentText:
        if path is not None:
            return read_document(path)
        if text is not None:
            return document_from_text(text, name)
        raise BadInput("file", "", "is missing: give a file or paste some text")

    @staticmethod
    def preview_recommendations(document: DocumentText) -> Extraction:
        extraction = extract_recommendations(document)
        if not extraction.recommendations:
            raise NothingFound(document.file_name, extraction)  # the refusal keeps the document's dates
        return extraction

    def preview_reply(self, cycle_id: str, document: DocumentText) -> ReplyAudit:
        with self.uow() as session:
            cycle = self._cycle(session, cycle_id)
            known = _stored_recommendations(cycle)
        audit = audit_reply(document, known or None)
        if not audit.passages:
            raise NoAnswersFound(document.file_name, audit)  # the refusal keeps what could be read
        return audit

    # ---- imports ------------------------------------------------------------------------------------
    def import_recommendations(
        self,
        cycle_id: str,
        path: str | Path | None = None,
        *,
        document: DocumentText | None = None,
        extraction: Extraction | None = None,
        document_date: dt.date | None = None,
        by_officer: Collection[int] = (),
        set_aside: Sequence[SetAsideItem] = (),
    ) -> ImportResult:
        """Store a committee report. `document_date`, when given, replaces the date read from the document
        (the user checked it in the preview) before it is recorded as the report's stage date.

        `by_officer` holds the indices into `extraction.recommendations` the officer added or edited in the
        review (stored with origin "officer"); `set_aside` what the officer removed from the reader's
        proposals (stored, so a later import leaves it out). Recommendations are stored in the order they
        have in the document, whatever the order of `extraction.recommendations`."""
        if document is None:
            self._check_cycle(cycle_id)  # an unknown cycle is said before any file is read
        document = document or self.read(path)
        extraction = extraction or self.preview_recommendations(document)
        if document_date is not None:
            extraction = dataclasses.replace(
                extraction, document=dataclasses.replace(extraction.document, date=document_date)
            )
        duplicates = repeated([r.number for r in extraction.recommendations])
        if duplicates:
            raise BadInput(
                "recommendations",
                ", ".join(duplicates),
                "given to more than one recommendation in the document; a number may be used once in a cycle: "
                "renumber one on the app's Import page (review), or correct the file and import it again",
            )
        officer = _indices("by_officer", by_officer, len(extraction.recommendations))
        _check_set_aside(set_aside)
        with self.uow() as session:
            cycle = self._cycle(session, cycle_id)
            existing_doc = self._same_document(cycle, document, COMMITTEE_REPORT)
            if existing_doc is not None:
                return _result(cycle_id, COMMITTEE_REPORT, document, existing_doc)
            info = extraction.document
            same_text = {
                d.id for d in cycle.documents if d.kind == COMMITTEE_REPORT and d.text == document.text
            }
            doc_row = self._add_document(cycle, COMMITTEE_REPORT, document, info.date, info.reference)
            self._store_set_aside(session, cycle_id, set_aside)
            put_aside = self._set_aside_texts(session, cycle_id, "recommendation")
            shared = set(repeated([normalised(r.text) for r in extraction.recommendations]))

            def aside(rec: ExtractedRecommendation) -> bool:
                """Set aside before: known by its words, and by its number too where several recommendations
                read share those words (minutes naming two in one sentence)."""
                key = normalised(rec.text)
                numbers = put_aside.get(key, set())
                return numbers is None or (key in put_aside and (key not in shared or rec.number in numbers))

            # what the officer set aside stays out; what the officer made stays in, whatever its text
            items = in_document_order(
                [i for i, rec in enumerate(extraction.recommendations) if i in officer or not aside(rec)],
                lambda i: (extraction.recommendations[i].start, extraction.recommendations[i].end),
                lambda i: extraction.recommendations[i].number,
            )
            still_set_aside = tuple(
                rec.number
                for i, rec in enumerate(extraction.recommendations)
                if i not in officer and aside(rec)
            )
            stored = list(cycle.recommendations)
            matched = _match(stored, {i: extraction.recommendations[i] for i in items}, same_text)
            added: list[str] = []
            changed: list[Change] = []
            kept: list[Change] = []
            not_added: list[str] = []
            renumbered: list[tuple[m.Recommendation, str]] = []
            in_order: list[m.Recommendation] = []
            follow_ups = 0
            for index in items:
                rec = extraction.recommendations[index]
                origin = "officer" if index in officer else "reader"
                row = matched.get(index)
                if row is None:
                    if any(r.number == rec.number for r in stored):
                        not_added.append(rec.number)
                        continue
                    row = m.Recommendation(
                        number=rec.number,
                        position=len(stored) + len(in_order),
                        label=rec.label,
                        text=rec.text,
                        text_cy=rec.text_cy,
                        origin=origin,
                    )
                    cycle.recommendations.append(row)
                    row.subpoints = _subpoints(rec.subpoints)
                    added.append(rec.number)
                    record_change(
                        session,
                        self.user,
                        cycle_id,
                        "recommendation",
                        rec.number,
                        "created",
                        None,
                        rec.text[:200],
                    )
                elif row.origin == "officer" and origin == "reader":
                    kept.extend(_differences(row, rec))  # the officer's correction stands
                else:
                    changed.extend(self._update_recommendation(session, cycle_id, row, rec))
                    row.origin = origin
                    if rec.number != row.number:
                        if any(r.number == rec.number for r in stored if r is not row):
                            kept.append(Change(row.number, "number", row.number, rec.number))
                        else:
                            renumbered.append((row, rec.number))
                in_order.append(row)
                row.document_id = doc_row.id
                row.span_start, row.span_end = rec.start, rec.end
                session.flush()
                for old in [f for f in cycle.follow_ups if f.kind == "ask" and f.recommendation_id == row.id]:
                    cycle.follow_ups.remove(old)
                for ask in rec.asks:
                    cycle.follow_ups.append(
                        m.FollowUp(kind="ask", recommendation=row, due_date=ask.date, text=ask.text)
                    )
                    follow_ups += 1
            for row, number in renumbered:
                changed.append(Change(row.number, "number", row.number, number))
                record_change(
                    session, self.user, cycle_id, "recommendation", row.number, "number", row.number, number
                )
            set_numbers(session, renumbered)
            unread = [r for r in stored if r not in in_order]
            for row in unread:
                place_by_number(in_order, row, lambda r: r.number)
            for position, row in enumerate(in_order):
                row.position = position
            dates = self._record_report_dates(session, cycle, info.date, info.reply_requested_by, doc_row)
            self._log_import(session, cycle_id, doc_row, document, COMMITTEE_REPORT)
            return ImportResult(
                cycle_id,
                COMMITTEE_REPORT,
                document.file_name,
                document.sha256,
                doc_row.id,
                unchanged=False,
                added=tuple(added),
                changed=tuple(changed),
                not_in_this_version=tuple(r.number for r in unread if not _by_hand(r)),
                follow_ups=follow_ups,
                dates_recorded=dates,
                kept=tuple(kept),
                added_by_hand=tuple(r.number for r in unread if _by_hand(r)),
                still_set_aside=still_set_aside,
                not_added=tuple(not_added),
                warnings=tuple(reading_warnings(extraction)),
            )

    def import_reply(
        self,
        cycle_id: str,
        path: str | Path | None = None,
        *,
        document: DocumentText | None = None,
        audit: ReplyAudit | None = None,
        corrections: dict[int, str] | None = None,
        document_date: dt.date | None = None,
        by_officer: Collection[int] = (),
        set_aside: Sequence[SetAsideItem] = (),
    ) -> ImportResult:
        """Store a reply. `corrections` maps a passage's index to the disposition the user chose in the
        preview; it is kept as an override, so the suggestion stays visible beside it. `document_date`
        replaces the date read from the document.

        `by_officer` holds the indices into `audit.passages` the officer added or edited in the review
        (stored with origin "officer", so a later import does not replace them); `set_aside` the passages
        the officer removed (stored, so a later import leaves them out)."""
        if document is None:
            self._check_cycle(cycle_id)
        document = document or self.read(path)
        audit = audit or self.preview_reply(cycle_id, document)
        officer = _indices("by_officer", by_officer, len(audit.passages))
        _check_set_aside(set_aside)
        if document_date is not None:
            audit = dataclasses.replace(
                audit, document=dataclasses.replace(audit.document, date=document_date)
            )
        with self.uow() as session:
            cycle = self._cycle(session, cycle_id)
            existing_doc = self._same_document(cycle, document, REPLY)
            if existing_doc is not None:
                return _result(cycle_id, REPLY, document, existing_doc)
            info = audit.document
            reply_date = info.date
            if not cycle.recommendations:  # the reply alone: its restatements become the recommendations
                for position, (number, restated) in enumerate(
                    sorted(audit.restatements, key=lambda p: natural_key(p[0]))
                ):
                    cycle.recommendations.append(
                        m.Recommendation(
                            number=number, position=position, label=f"Recommendation {number}", text=restated
                        )
                    )
                session.flush()
            recs = {r.number: r for r in cycle.recommendations}
            doc_row = self._add_document(cycle, REPLY, document, reply_date, info.reference)
            previous = [r for r in cycle.replies if r.origin != "officer"]  # the officer's answers stay
            by_hand = {
                rec.number: r for r in cycle.replies if r.origin == "officer" for rec in r.recommendations
            }
            overrides = {
                tuple(
                    sorted(r.claimed_numbers or [x.number for x in r.recommendations])
                ): r.disposition_override
                for r in previous
                if r.disposition_override
            }
            old_state = {
                rec.number: (
                    rec.replies[0].disposition if rec.replies else None,
                    tuple(sorted(o.number for r in rec.replies for o in r.recommendations if o is not rec)),
                )
                for rec in cycle.recommendations
            }
            for old in previous:
                for follow_up in [f for f in cycle.follow_ups if f.reply_id == old.id]:
                    cycle.follow_ups.remove(follow_up)
                cycle.replies.remove(old)
            session.flush()
            self._store_set_aside(session, cycle_id, set_aside)
            put_aside = self._set_aside_texts(session, cycle_id, "reply")
            follow_ups = 0
            kept: list[Change] = []
            still_set_aside: list[str] = []
            unknown: list[str] = []
            for index, passage in enumerate(audit.passages):
                numbers = list(passage.numbers)
                if index not in officer:
                    aside = put_aside.get(normalised(passage.text), set())
                    still_set_aside.extend(n for n in numbers if aside is None or n in aside)
                    numbers = [n for n in numbers if not (aside is None or n in aside)]
                    kept.extend(
                        Change(n, "answer", by_hand[n].text, passage.text)
                        for n in numbers
                        if n in by_hand and normalised(by_hand[n].text) != normalised(passage.text)
                    )
                    numbers = [n for n in numbers if n not in by_hand]
                    if passage.numbers and not numbers:
                        continue
                unknown.extend(n for n in numbers if n not in recs)
                linked = [recs[n] for n in numbers if n in recs]
                row = m.Reply(
                    document=doc_row,
                    date=reply_date,
                    position=len(cycle.replies),
                    text=passage.text,
                    suggested_disposition=passage.disposition,
                    evidence=passage.evidence,
                    span_start=passage.start,
                    span_end=passage.end,
                    claimed_numbers=numbers,
                    origin="officer" if index in officer else "reader",
                )
                row.disposition_override = (corrections or {}).get(index) or overrides.get(
                    tuple(sorted(numbers))
                )
                cycle.replies.append(row)
                with session.no_autoflush:
                    row.recommendations = linked
                for commitment in passage.commitments:
                    cycle.follow_ups.append(
                        m.FollowUp(
                            kind="commitment",
                            reply=row,
                            recommendation=linked[0] if linked else None,
                            due_date=commitment.date,
                            text=commitment.text,
                        )
                    )
                    follow_ups += 1
            session.flush()
            session.expire_all()
            cycle = self._cycle(session, cycle_id)
            changed: list[Change] = []
            for rec in cycle.recommendations:
                new = (
                    rec.replies[0].disposition if rec.replies else None,
                    tuple(sorted(o.number for r in rec.replies for o in r.recommendations if o is not rec)),
                )
                old = old_state.get(rec.number)
                if previous and old is not None and old != new:
                    if old[0] != new[0]:
                        changed.append(Change(rec.number, "disposition", old[0], new[0]))
                        record_change(
                            session,
                            self.user,
                            cycle_id,
                            "recommendation",
                            rec.number,
                            "disposition",
                            old[0],
                            new[0],
                        )
                    if old[1] != new[1]:
                        changed.append(
                            Change(rec.number, "grouped with", ", ".join(old[1]), ", ".join(new[1]))
                        )
                        record_change(
                            session,
                            self.user,
                            cycle_id,
                            "recommendation",
                            rec.number,
                            "grouped with",
                            ", ".join(old[1]),
                            ", ".join(new[1]),
                        )
            dates = self._record_stage(session, cycle, "reply", reply_date, doc_row)
            self._log_import(session, cycle_id, doc_row, document, REPLY)
            replied = tuple(r.number for r in cycle.recommendations if r.replies)
            grouped = tuple(
                tuple(x.number for x in r.recommendations)
                for r in sorted(cycle.replies, key=lambda r: r.position)
                if len(r.recommendations) > 1
            )
            missing = tuple(r.number for r in cycle.recommendations if not r.replies)
            return ImportResult(
                cycle_id,
                REPLY,
                document.file_name,
                document.sha256,
                doc_row.id,
                unchanged=False,
                changed=tuple(changed),
                follow_ups=follow_ups,
                replied=replied,
                grouped=grouped,
                missing=missing,
                unknown=tuple(unknown),
                dates_recorded=dates,
                kept=tuple(kept),
                still_set_aside=tuple(dict.fromkeys(still_set_aside)),
            )

    # ---- helpers ------------------------------------------------------------------------------------
    def import_document(
        self,
        cycle_id: str,
        path: str | Path,
        kind: str,
        *,
        title: str | None = None,
        document_date: dt.date | None = None,
    ) -> ImportResult:
        """Keep a document the panel received (a draft plan, a precept or appointment notification, an annual
        report) so the agenda item for it can append it: the file as it came, its title and date; nothing is
        read out of it."""
        if kind not in APPENDIX_DOCUMENTS:
            raise BadInput("--kind", kind, f"is not one of: {', '.join(APPENDIX_DOCUMENTS)}")
        stored, label = APPENDIX_DOCUMENTS[kind]
        title = _title(title)
        self._check_cycle(cycle_id)
        try:
            document = self.read(path)
        except NoTextLayer:  # a scan is kept all the same: its pages are what the appendix shows
            document = unread_document(path)
        if document_date is None and document.text:
            document_date = extract_recommendations(document).document.date
        with self.uow() as session:
            cycle = self._cycle(session, cycle_id)
            existing = self._same_document(cycle, document, stored)
            if existing is not None:
                return _result(cycle_id, stored, document, existing)
            row = self._add_document(cycle, stored, document, document_date, None)
            if kind in ("notification", "other"):  # a revised precept's notice does not replace the first
                row.supersedes_id = None
            row.title = title or document.title or f"{label} from {cycle.policing_body.name}"
            session.flush()
            self._log_import(session, cycle_id, row, document, stored)
            return _result(cycle_id, stored, document, row, unchanged=False)

    def keep_reply_unread(
        self,
        cycle_id: str,
        path: str | Path,
        *,
        title: str | None = None,
        document_date: dt.date | None = None,
    ) -> ImportResult:
        """Keep the reply as it came, without reading it (a scanned letter): the file, its title and
        `document_date`, which is recorded as the reply's date as a read reply's is. The answers are not
        touched: the officer records them by hand."""
        title = _title(title)
        self._check_cycle(cycle_id)
        document = unread_document(path)
        with self.uow() as session:
            cycle = self._cycle(session, cycle_id)
            existing = self._same_document(cycle, document, REPLY)
            if existing is not None:
                return self._date_kept_letter(session, cycle, existing, document, document_date)
            row = self._add_document(cycle, REPLY, document, document_date, None)
            if title:
                row.title = title
            session.flush()
            dates = self._record_stage(session, cycle, "reply", document_date, row)
            self._log_import(session, cycle_id, row, document, REPLY)
            return _result(
                cycle_id,
                REPLY,
                document,
                row,
                unchanged=False,
                replied=tuple(r.number for r in cycle.recommendations if r.replies),
                missing=tuple(r.number for r in cycle.recommendations if not r.replies),
                dates_recorded=dates,
                undated=document_date is None,
            )

    def _date_kept_letter(
        self, session: Session, cycle: m.Cycle, row: m.Document, document: DocumentText, day: dt.date | None
    ) -> ImportResult:
        """The same letter kept again: with a date it lacked, the date is recorded (and the reply stage's,
        where none is); a date other than the one it is kept with is refused, never silently dropped."""
        if day is None or row.date == day:
            return _result(cycle.id, REPLY, document, row)
        if row.date is not None:
            raise BadInput(
                "--date",
                day.isoformat(),
                f"differs from the date {row.file_name} is kept with ({uk_date(row.date)}): to change the "
                f"reply's date, use tracker set-date {cycle.id} reply DATE",
            )
        row.date = day
        record_change(
            session, self.user, cycle.id, "document", str(row.id), "date", "not recorded", uk_date(day)
        )
        dates = self._record_stage(session, cycle, "reply", day, row)
        return _result(
            cycle.id,
            REPLY,
            document,
            row,
            unchanged=False,
            dated_again=True,
            dates_recorded=(f"the letter's date: {uk_date(day)}", *dates),
        )

    def _store_set_aside(self, session: Session, cycle_id: str, items: Sequence[SetAsideItem]) -> None:
        for item in items:
            session.add(
                m.SetAside(
                    cycle_id=cycle_id,
                    kind=item.kind,
                    number=item.number,
                    text=item.text,
                    reason=item.reason,
                    made_by=self.user,
                    made_at=m.utcnow(),
                )
            )
            record_change(
                session,
                self.user,
                cycle_id,
                item.kind,
                item.number or "",
                "set aside",
                item.text[:200],
                item.reason,
            )
        session.flush()

    @staticmethod
    def _set_aside_texts(session: Session, cycle_id: str, kind: str) -> dict[str, set[str] | None]:
        """Normalised text of what the officer set aside -> the numbers set aside with it (None: all)."""
        out: dict[str, set[str] | None] = {}
        for row in session.scalars(
            select(m.SetAside).where(m.SetAside.cycle_id == cycle_id, m.SetAside.kind == kind)
        ):
            key = normalised(row.text)
            numbers = {n.strip() for n in (row.number or "").split(",") if n.strip()}
            if not numbers or out.get(key, set()) is None:
                out[key] = None
            else:
                out[key] = (out.get(key) or set()) | numbers
        return out

    def _log_import(
        self, session: Session, cycle_id: str, doc_row: m.Document, document: DocumentText, kind: str
    ) -> None:
        record_change(
            session,
            self.user,
            cycle_id,
            "document",
            str(doc_row.id),
            "imported",
            None,
            f"{document.file_name} ({kind}{'' if document.text else ', kept unread'})",
        )

    def _check_cycle(self, cycle_id: str) -> None:
        from tracker.services.cycles import find_cycle

        with self.uow() as session:
            find_cycle(session, cycle_id)

    @staticmethod
    def _cycle(session: Session, cycle_id: str) -> m.Cycle:
        from tracker.services.cycles import editing_load, find_cycle

        return find_cycle(session, cycle_id, editing_load())

    @staticmethod
    def _same_document(cycle: m.Cycle, document: DocumentText, kind: str) -> m.Document | None:
        """The same file imported as the same kind of document: a file wrongly imported as a report can
        still be imported as the reply it is."""
        return next((d for d in cycle.documents if d.sha256 == document.sha256 and d.kind == kind), None)

    def text_conflicts(self, cycle_id: str, extraction: Extraction) -> list[str]:
        """Numbers whose stored text or sub-points an import of this extraction would replace (the officer's
        own rows are kept as they are, so they are not among them)."""
        with self.uow() as session:
            cycle = self._cycle(session, cycle_id)
            stored = {r.number: r for r in cycle.recommendations}
            out = []
            for rec in extraction.recommendations:
                row = stored.get(rec.number)
                if (
                    row is not None
                    and row.origin != "officer"
                    and (row.text != rec.text or [s.text for s in row.subpoints] != list(rec.subpoints))
                ):
                    out.append(rec.number)
            return out

    @staticmethod
    def _add_document(
        cycle: m.Cycle, kind: str, document: DocumentText, date: dt.date | None, reference: str | None
    ) -> m.Document:
        previous = [d for d in cycle.documents if d.kind == kind and d.sha256]
        row = m.Document(
            kind=kind,
            date=date,
            reference=reference,
            file_name=document.file_name,
            sha256=document.sha256,
            imported_at=m.utcnow(),
            text=document.text,
            supersedes_id=previous[-1].id if previous else None,
            original=document.data or None,
            media_type=document.media_type if document.data else None,
        )
        row.title = document.title or document_title(cycle, row)
        cycle.documents.append(row)
        return row

    def _update_recommendation(
        self, session: Session, cycle_id: str, row: m.Recommendation, rec: ExtractedRecommendation
    ) -> list[Change]:
        changes = []
        if row.text != rec.text:
            changes.append(Change(rec.number, "text", row.text, rec.text))
            record_change(
                session, self.user, cycle_id, "recommendation", rec.number, "text", row.text, rec.text
            )
            row.text = rec.text
        old_subs = [s.text for s in row.subpoints]
        if old_subs != list(rec.subpoints):
            changes.append(Change(rec.number, "sub-points", "; ".join(old_subs), "; ".join(rec.subpoints)))
            record_change(
                session,
                self.user,
                cycle_id,
                "recommendation",
                rec.number,
                "sub-points",
                "; ".join(old_subs),
                "; ".join(rec.subpoints),
            )
            row.subpoints = _subpoints(rec.subpoints)
        if rec.text_cy and row.text_cy != rec.text_cy:
            row.text_cy = rec.text_cy
        return changes

    def _record_report_dates(
        self,
        session: Session,
        cycle: m.Cycle,
        report_date: dt.date | None,
        reply_by: dt.date | None,
        doc_row: m.Document,
    ) -> tuple[str, ...]:
        recorded = list(self._record_stage(session, cycle, "panel_report", report_date, doc_row))
        if reply_by is not None:
            key = "reply_required_by" if any(s.key == "reply_required_by" for s in cycle.stages) else "reply"
            stage = next((s for s in cycle.stages if s.key == key), None)
            if stage is not None and stage.planned_date is None:
                stage.planned_date = reply_by
                record_change(
                    session, self.user, cycle.id, "stage", key, "planned_date", "none", uk_date(reply_by)
                )
                recorded.append(f"reply asked for by {uk_date(reply_by)} ({key}, planned)")
        return tuple(recorded)

    def _record_stage(
        self, session: Session, cycle: m.Cycle, key: str, day: dt.date | None, doc_row: m.Document
    ) -> tuple[str, ...]:
        """Fill a stage's date from the document, only where none is recorded (never overwrite the user's)."""
        stage = next((s for s in cycle.stages if s.key == key), None)
        if stage is None or day is None or stage.actual_precision is not None:
            return ()
        from tracker.rules.templates import get_template

        template = get_template(cycle.template_id, version=cycle.template_version)
        by_key = {s.key: s for s in cycle.stages}
        for earlier in template.stage(key).not_before:
            other = by_key.get(earlier)
            if (
                other is not None
                and other.actual_date
                and other.actual_precision == "day"
                and day < other.actual_date
            ):
                label = template.stage(earlier).label
                return (
                    f"nothing for {key}: the document's date {uk_date(day)} is before {label} "
                    f"({uk_date(other.actual_date)}); check which cycle this belongs to",
                )
        stage.actual_date, stage.actual_precision = day, str(Precision.DAY)
        stage.evidence_document = doc_row
        record_change(session, self.user, cycle.id, "stage", key, "actual_date", "not recorded", uk_date(day))
        return (f"{key} on {uk_date(day)} from the document's date",)


def set_numbers(session: Session, renumbered: Sequence[tuple[m.Recommendation, str]]) -> None:
    """Give rows new numbers at once: through a number no row has, so two rows may swap numbers."""
    for row, _ in renumbered:
        row.number = f"~{row.id}"
    session.flush()
    for row, number in renumbered:
        row.number = number
    session.flush()


def _result(
    cycle_id: str, kind: str, document: DocumentText, row: m.Document, unchanged: bool = True, **more
) -> ImportResult:
    """What importing `document` as `row` did; by default nothing: the same file is already in the cycle as
    this kind of document."""
    return ImportResult(
        cycle_id,
        kind,
        document.file_name,
        document.sha256,
        row.id,
        unchanged=unchanged,
        unread=not row.text,
        **more,
    )


def _title(title: str | None) -> str:
    """The title papers give a kept document, on one line; "" for the document's own."""
    title = " ".join((title or "").split())
    if len(title) > 300:
        raise BadInput("--title", title[:40] + "…", "is longer than 300 characters")
    return title


def _by_hand(row: m.Recommendation) -> bool:
    return row.origin == "officer" and row.document_id is None


def _subpoints(texts: Sequence[str]) -> list[m.SubPoint]:
    return [m.SubPoint(position=i, label="", text=t) for i, t in enumerate(texts)]


def _indices(name: str, indices: Collection[int], count: int) -> set[int]:
    wrong = sorted(str(i) for i in indices if not (isinstance(i, int) and 0 <= i < count))
    if wrong:
        raise BadInput(name, ", ".join(wrong), f"are not indices of the {count} items read")
    return set(indices)


def _check_set_aside(items: Sequence[SetAsideItem]) -> None:
    for item in items:
        if item.kind not in SET_ASIDE_KINDS:
            raise BadInput("set aside kind", item.kind, f"is not one of: {', '.join(SET_ASIDE_KINDS)}")
        if item.reason not in SET_ASIDE_REASONS:
            raise BadInput("set aside reason", item.reason, f"is not one of: {', '.join(SET_ASIDE_REASONS)}")
        if not normalised(item.text):
            raise BadInput("set aside text", item.text, "is empty: it could not be recognised again")


def _match(
    stored: list[m.Recommendation], read: dict[int, ExtractedRecommendation], same_text_documents: set[int]
) -> dict[int, m.Recommendation]:
    """Which stored row each recommendation read is: the same text; else the same place in a document with
    the same text; else the same number and a like text; else the most like text (a renumbered row whose
    wording was corrected); else the same number. A text or place that several recommendations share (minutes
    naming two in one sentence give both that sentence) goes first to the row with the same number, so the
    row the officer corrected keeps its number and the other is not taken for it."""
    free = list(stored)
    out: dict[int, m.Recommendation] = {}

    def pass_(accept) -> None:
        for index, rec in read.items():
            if index in out:
                continue
            row = next((r for r in free if accept(r, rec)), None)
            if row is not None:
                out[index] = row
                free.remove(row)

    def numbered_pass(accept) -> None:
        by_number = {r.number: r for r in free}
        for index, rec in read.items():
            row = by_number.get(rec.number)
            if index not in out and row is not None and accept(row, rec):
                out[index] = by_number.pop(rec.number)
                free.remove(row)

    def same_text(r: m.Recommendation, rec: ExtractedRecommendation) -> bool:
        return normalised(r.text) == normalised(rec.text)

    def same_place(r: m.Recommendation, rec: ExtractedRecommendation) -> bool:
        return r.document_id in same_text_documents and (r.span_start, r.span_end) == (rec.start, rec.end)

    for accept in (same_text, same_place):
        numbered_pass(accept)
        pass_(accept)
    pass_(lambda r, rec: r.number == rec.number and similarity(r.text, rec.text) >= 0.5)
    for index, rec in read.items():
        if index in out or not free:
            continue
        best = max(free, key=lambda r: similarity(r.text, rec.text))
        if similarity(best.text, rec.text) >= 0.8:
            out[index] = best
            free.remove(best)
    pass_(lambda r, rec: r.number == rec.number)
    return out


def _differences(row: m.Recommendation, rec: ExtractedRecommendation) -> list[Change]:
    out = []
    if row.number != rec.number:
        out.append(Change(row.number, "number", row.number, rec.number))
    if normalised(row.text) != normalised(rec.text):
        out.append(Change(row.number, "text", row.text, rec.text))
    subpoints = [s.text for s in row.subpoints]
    if [normalised(t) for t in subpoints] != [normalised(t) for t in rec.subpoints]:
        out.append(Change(row.number, "sub-points", "; ".join(subpoints), "; ".join(rec.subpoints)))
    return out


def _stored_recommendations(cycle: m.Cycle) -> list[ExtractedRecommendation]:
    return [
        ExtractedRecommendation(
            number=r.number,
            label=r.label,
            text=r.text,
            subpoints=tuple(s.text for s in r.subpoints),
            asks=(),
            start=r.span_start or 0,
            end=r.span_end or 0,
            text_cy=r.text_cy,
        )
        for r in cycle.recommendations
    ]
