"""Loads the real London cycles (resources/demo/london.json) as demo data. Running it twice changes nothing."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from tracker.domain import Precision
from tracker.paths import resource
from tracker.persistence import models as m
from tracker.persistence.database import UnitOfWork
from tracker.rules.templates import get_template
from tracker.services.cycles import add_template_stages
from tracker.services.history import record_change


@dataclass(frozen=True)
class DemoResult:
    added: tuple[str, ...]
    already_present: tuple[str, ...]


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class DemoService:
    def __init__(self, uow: UnitOfWork, user: str, source: Path | None = None) -> None:
        self.uow = uow
        self.user = user
        self.source = source or resource("demo", "london.json")

    def cycle_ids(self) -> list[str]:
        return [c["id"] for c in json.loads(self.source.read_text(encoding="utf-8"))["cycles"]]

    def remove(self, cycles) -> tuple[str, ...]:
        """Remove the demo cycles, and nothing else (the bodies stay: a London secretariat may use them).
        `cycles` is the CycleService, which removes each cycle with everything under it."""
        present = set(cycles.ids())
        removed = tuple(cid for cid in self.cycle_ids() if cid in present)
        if removed:
            cycles.remove_cycles(list(removed))
        return removed

    def load(self) -> DemoResult:
        data = json.loads(self.source.read_text(encoding="utf-8"))
        added: list[str] = []
        present: list[str] = []
        with self.uow() as session:
            for body in data["scrutiny_bodies"]:
                if session.get(m.ScrutinyBody, body["id"]) is None:
                    session.add(m.ScrutinyBody(**body))
            session.flush()
            for body in data["policing_bodies"]:
                if session.get(m.PolicingBody, body["id"]) is None:
                    session.add(m.PolicingBody(**body))
            session.flush()
            for spec in data["cycles"]:
                if session.get(m.Cycle, spec["id"]) is not None:
                    present.append(spec["id"])
                    continue
                self._add_cycle(session, spec)
                added.append(spec["id"])
            if added:
                record_change(session, self.user, None, "demo", "london", "loaded", None, ", ".join(added))
        return DemoResult(tuple(added), tuple(present))

    def _add_cycle(self, session, spec: dict) -> None:
        election = _day(spec["stages"].get("election", {}).get("actual"))
        template = get_template(spec["template"], on=election)
        cycle = m.Cycle(
            id=spec["id"],
            title=spec["title"],
            template_id=template.id,
            template_version=template.version,
            policing_body_id=spec["policing_body"],
            scrutiny_body_id=spec["scrutiny_body"],
            notes=spec.get("notes", ""),
        )
        session.add(cycle)
        documents: dict[str, m.Document] = {}
        for doc in spec.get("documents", []):
            row = m.Document(
                kind=doc["kind"],
                date=_day(doc.get("date")),
                reference=doc.get("reference"),
                file_name=doc["file_name"],
                title=doc.get("title"),
                sha256=None,
                imported_at=None,
            )
            cycle.documents.append(row)
            documents[doc["key"]] = row
        add_template_stages(cycle, template)
        session.flush()
        stages = {s.key: s for s in cycle.stages}
        for key, info in spec.get("stages", {}).items():
            template.stage(key)  # a typo in the demo file fails loudly
            stage = stages[key]
            stage.planned_date = _day(info.get("planned"))
            stage.notes = info.get("notes", "")
            if "actual" in info:
                stage.actual_date, stage.actual_precision = _day(info["actual"]), str(Precision.DAY)
            elif "actual_month" in info:
                stage.actual_date = dt.date.fromisoformat(info["actual_month"] + "-01")
                stage.actual_precision = str(Precision.MONTH)
            elif "actual_on_or_before" in info:
                stage.actual_date = _day(info["actual_on_or_before"])
                stage.actual_precision = str(Precision.ON_OR_BEFORE)
            elif "actual_after" in info:
                stage.actual_after_stage = info["actual_after"]
                stage.actual_precision = str(Precision.AFTER)
            if "extend_to" in info:
                stage.extensions.append(
                    m.Extension(
                        original_date=stage.planned_date,
                        new_date=_day(info["extend_to"]),
                        reason=info["extension_reason"],
                        made_by=info.get("extension_by", ""),
                        made_at=None,
                    )
                )
                stage.planned_date = _day(info["extend_to"])
            if "evidence" in info:
                stage.evidence_document = documents[info["evidence"]]
        for meeting in spec.get("meetings", []):
            session.add(
                m.Meeting(
                    scrutiny_body_id=spec["scrutiny_body"],
                    cycle_id=cycle.id,
                    date=_day(meeting["date"]),
                    title=meeting["title"],
                )
            )
        recs: dict[str, m.Recommendation] = {}
        for position, rec in enumerate(spec.get("recommendations", [])):
            row = m.Recommendation(
                number=rec["number"],
                position=position,
                label=f"Recommendation {rec['number']}",
                text=rec["text"],
                addressee=rec.get("addressee", ""),
                theme=rec.get("theme", ""),
                tags=rec.get("tags", []),
            )
            row.subpoints = [
                m.SubPoint(position=i, label=sp.get("label", ""), text=sp["text"])
                for i, sp in enumerate(rec.get("subpoints", []))
            ]
            cycle.recommendations.append(row)
            recs[rec["number"]] = row
            for ask in rec.get("asks", []):
                cycle.follow_ups.append(
                    m.FollowUp(
                        kind="ask", recommendation=row, due_date=_day(ask.get("date")), text=ask["text"]
                    )
                )
        reply_doc = documents.get("reply")
        reply_date = _day(spec["stages"].get("reply", {}).get("actual"))
        for position, reply in enumerate(spec.get("replies", [])):
            row = m.Reply(
                position=position,
                date=reply_date,
                text=reply["text"],
                suggested_disposition=reply["disposition"],
                evidence=reply.get("evidence", ""),
                document=reply_doc,
            )
            cycle.replies.append(row)
            with (
                session.no_autoflush
            ):  # linking loads each recommendation's replies; the new row is not flushed yet
                row.recommendations = [recs[n] for n in reply["covers"]]
            for commitment in reply.get("commitments", []):
                cycle.follow_ups.append(
                    m.FollowUp(
                        kind="commitment",
                        recommendation=recs[reply["covers"][0]],
                        reply=row,
                        due_date=_day(commitment.get("date")),
                        text=commitment["text"],
                    )
                )
