"""Import a committee report or a reply into a cycle, in one transaction, with provenance.

The document is read and analysed before the transaction opens, so a file that cannot be read changes
nothing. Importing the same file again (same sha256) changes nothing. Importing a corrected version
records what changed, and keeps the secretariat's own disposition overrides.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from tracker.domain import Precision
from tracker.domain.formatting import uk_date
from tracker.errors import BadInput
from tracker.importing.audit import ReplyAudit, audit_reply
from tracker.importing.extract import (
    ExtractedRecommendation,
    Extraction,
    NothingFound,
    extract_recommendations,
)
from tracker.importing.readers import DocumentText, document_from_text, read_document
from tracker.persistence import models as m
from tracker.persistence.database import UnitOfWork
from tracker.services.history import record_change

COMMITTEE_REPORT = "committee report"
REPLY = "reply"


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

    def as_json(self) -> dict:
        data = asdict(self)
        data["changed"] = [asdict(c) for c in self.changed]
        data["grouped"] = [list(g) for g in self.grouped]
        return data

    def describe(self) -> str:
        if self.unchanged:
            return f"{self.file_name} is already imported into {self.cycle_id}: nothing changed."
        lines = [f"Imported {self.file_name} into {self.cycle_id} as a {self.kind}."]
        if self.added:
            lines.append(f"Recommendations added: {', '.join(self.added)}")
        for change in self.changed:
            lines.append(f"Changed {change.number} {change.field}: {change.old!r} -> {change.new!r}")
        if self.not_in_this_version:
            lines.append(f"Not in this version (kept): {', '.join(self.not_in_this_version)}")
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
            raise BadInput(
                "file",
                document.file_name,
                "has no replies the app can tie to recommendations (no 'Recommendation N' headings, "
                "numbered items or table rows)",
            )
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
    ) -> ImportResult:
        """Store a committee report. `document_date`, when given, replaces the date read from the document
        (the user checked it in the preview) before it is recorded as the report's stage date."""
        if document is None:
            self._check_cycle(cycle_id)  # an unknown cycle is said before any file is read
        document = document or self.read(path)
        extraction = extraction or self.preview_recommendations(document)
        if document_date is not None:
            extraction = dataclasses.replace(
                extraction, document=dataclasses.replace(extraction.document, date=document_date)
            )
        numbers = [r.number for r in extraction.recommendations]
        duplicates = sorted({n for n in numbers if numbers.count(n) > 1})
        if duplicates:
            raise BadInput(
                "recommendations",
                ", ".join(duplicates),
                "appear more than once; a number may be used once in a cycle",
            )
        with self.uow() as session:
            cycle = self._cycle(session, cycle_id)
            existing_doc = self._same_document(cycle, document, COMMITTEE_REPORT)
            if existing_doc is not None:
                return ImportResult(
                    cycle_id,
                    COMMITTEE_REPORT,
                    document.file_name,
                    document.sha256,
                    existing_doc.id,
                    unchanged=True,
                )
            info = extraction.document
            doc_row = self._add_document(cycle, COMMITTEE_REPORT, document, info.date, info.reference)
            by_number = {r.number: r for r in cycle.recommendations}
            added: list[str] = []
            changed: list[Change] = []
            follow_ups = 0
            for position, rec in enumerate(extraction.recommendations):
                row = by_number.get(rec.number)
                if row is None:
                    row = m.Recommendation(
                        number=rec.number,
                        position=position,
                        label=rec.label,
                        text=rec.text,
                        text_cy=rec.text_cy,
                    )
                    cycle.recommendations.append(row)
                    row.subpoints = [
                        m.SubPoint(position=i, label="", text=t) for i, t in enumerate(rec.subpoints)
                    ]
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
                else:
                    changed.extend(self._update_recommendation(session, cycle_id, row, rec))
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
            missing_now = tuple(n for n in by_number if n not in set(numbers))
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
                not_in_this_version=missing_now,
                follow_ups=follow_ups,
                dates_recorded=dates,
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
    ) -> ImportResult:
        """Store a reply. `corrections` maps a passage's index to the disposition the user chose in the
        preview; it is kept as an override, so the suggestion stays visible beside it. `document_date`
        replaces the date read from the document."""
        if document is None:
            self._check_cycle(cycle_id)
        document = document or self.read(path)
        audit = audit or self.preview_reply(cycle_id, document)
        if document_date is not None:
            audit = dataclasses.replace(
                audit, document=dataclasses.replace(audit.document, date=document_date)
            )
        with self.uow() as session:
            cycle = self._cycle(session, cycle_id)
            existing_doc = self._same_document(cycle, document, REPLY)
            if existing_doc is not None:
                return ImportResult(
                    cycle_id, REPLY, document.file_name, document.sha256, existing_doc.id, unchanged=True
                )
            info = audit.document
            reply_date = info.date
            if not cycle.recommendations:  # the reply alone: its restatements become the recommendations
                for position, (number, restated) in enumerate(
                    sorted(audit.restatements, key=lambda p: _key(p[0]))
                ):
                    cycle.recommendations.append(
                        m.Recommendation(
                            number=number, position=position, label=f"Recommendation {number}", text=restated
                        )
                    )
                session.flush()
            recs = {r.number: r for r in cycle.recommendations}
            doc_row = self._add_document(cycle, REPLY, document, reply_date, info.reference)
            previous = [r for r in cycle.replies]
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
            follow_ups = 0
            for position, passage in enumerate(audit.passages):
                linked = [recs[n] for n in passage.numbers if n in recs]
                row = m.Reply(
                    document=doc_row,
                    date=reply_date,
                    position=position,
                    text=passage.text,
                    suggested_disposition=passage.disposition,
                    evidence=passage.evidence,
                    span_start=passage.start,
                    span_end=passage.end,
                    claimed_numbers=list(passage.numbers),
                )
                row.disposition_override = (corrections or {}).get(position) or overrides.get(
                    tuple(sorted(passage.numbers))
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
            replied = tuple(
                a.number for a in audit.recommendations if a.status == "replied" and a.number in recs
            )
            grouped = tuple(p.numbers for p in audit.passages if len(p.numbers) > 1)
            missing = tuple(n for n in recs if not any(n in p.numbers for p in audit.passages))
            unknown = tuple(n for p in audit.passages for n in p.numbers if n not in recs)
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
                unknown=unknown,
                dates_recorded=dates,
            )

    # ---- helpers ------------------------------------------------------------------------------------
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
            f"{document.file_name} ({kind})",
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
        """Numbers whose stored text or sub-points an import of this extraction would replace."""
        with self.uow() as session:
            cycle = self._cycle(session, cycle_id)
            stored = {r.number: r for r in cycle.recommendations}
            out = []
            for rec in extraction.recommendations:
                row = stored.get(rec.number)
                if row is not None and (
                    row.text != rec.text or [s.text for s in row.subpoints] != list(rec.subpoints)
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
        )
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
            row.subpoints = [m.SubPoint(position=i, label="", text=t) for i, t in enumerate(rec.subpoints)]
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


def _key(number: str) -> tuple[int, str]:
    digits = "".join(ch for ch in number if ch.isdigit())
    return (int(digits) if digits else 10**6, number)
