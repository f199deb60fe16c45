"""Recommendation register: search across cycles, change a disposition or a grouping by hand."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import select

from tracker.domain import DISPOSITIONS
from tracker.errors import BadInput, NotFound
from tracker.persistence import models as m
from tracker.persistence import tables
from tracker.persistence.database import UnitOfWork, fetch_together
from tracker.services import convert, dto, snapshot
from tracker.services.history import record_change
from tracker.services.versions import check_version

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class RecommendationService:
    def __init__(self, uow: UnitOfWork, user: str) -> None:
        self.uow = uow
        self.user = user

    def register(
        self,
        cycle_id: str | None = None,
        search: str = "",
        status: str | None = None,
        as_of: dt.date | None = None,
    ) -> list[dto.RecommendationRow]:
        """Recommendations of one cycle or all, as the record stood on `as_of` (default: everything),
        filtered by text and reply status."""
        needle = search.strip().lower()
        with self.uow.read() as connection:
            cycles = snapshot.load_full(connection, cycle_id or None)
        rows: list[dto.RecommendationRow] = []
        for cycle in cycles:
            rows.extend(convert.recommendation_rows(cycle, convert.Record(cycle, as_of)))
        if needle:
            rows = [
                r
                for r in rows
                if needle in r.text.lower()
                or needle in r.number.lower()
                or needle in r.theme.lower()
                or any(needle in s.lower() for s in r.subpoints)
                or needle in (r.evidence or "").lower()
            ]
        if status:
            rows = [r for r in rows if r.reply_status == status]
        return rows

    def replies_for(self, recommendation_id: int) -> list[dto.ReplyRow]:
        """The reply passages that answer one recommendation, in reply order: two selects sent together
        whatever the size of the store (the register's side panel; a slow network pays per round trip, not
        per row), a third only to tell an unknown recommendation from one with no reply."""
        rec_t, reply_t, link_t, doc_t = (
            tables.recommendation,
            tables.reply,
            tables.reply_recommendation,
            tables.document,
        )
        answering = select(link_t.c.reply_id).where(link_t.c.recommendation_id == recommendation_id)
        queries = (
            select(reply_t, doc_t.c.reference, doc_t.c.sha256, doc_t.c.file_name)
            .join(link_t, link_t.c.reply_id == reply_t.c.id)
            .outerjoin(doc_t, doc_t.c.id == reply_t.c.document_id)
            .where(link_t.c.recommendation_id == recommendation_id)
            .order_by(reply_t.c.position, reply_t.c.id),
            # what else each of those replies answers: asked alongside, not after (one round trip)
            select(link_t.c.reply_id, rec_t.c.number)
            .join(rec_t, rec_t.c.id == link_t.c.recommendation_id)
            .where(link_t.c.reply_id.in_(answering))
            .order_by(rec_t.c.position, rec_t.c.id),
        )
        with self.uow.read() as connection:
            found, links = fetch_together(connection, queries)
            if not found:
                if connection.scalar(select(rec_t.c.id).where(rec_t.c.id == recommendation_id)) is None:
                    raise NotFound("recommendation", recommendation_id, "does not exist")
                return []
        covers: dict[int, list[snapshot.Loaded]] = {row.id: [] for row in found}
        # a link saved between the two selects (PostgreSQL) waits for the next read
        for reply_id, number in links:
            if reply_id in covers:
                covers[reply_id].append(snapshot.Loaded(number=number))
        replies = []
        for row in found:
            values = row._asdict()
            document = snapshot.Loaded(
                reference=values.pop("reference"),
                sha256=values.pop("sha256"),
                file_name=values.pop("file_name"),
            )
            reply = snapshot.LoadedReply(**values)
            reply.document = document if reply.document_id is not None else None
            reply.recommendations = covers[reply.id]
            replies.append(convert.reply_row(reply))
        return replies

    def set_recommendation(
        self,
        cycle_id: str,
        number: str,
        *,
        text: str | None = None,
        disposition: str | None = None,
        if_version: int | None = None,
    ) -> dto.RecommendationRow:
        """A scripted correction of one recommendation (one transaction). With `if_version`, the change is
        made only if nobody has changed the recommendation since that version was read."""
        if text is None and disposition is None:
            raise BadInput(
                "recommendation set", number, "was given nothing to change (--text, --disposition)"
            )
        if disposition is not None and disposition not in DISPOSITIONS:
            raise BadInput("--disposition", disposition, f"is not one of: {', '.join(DISPOSITIONS)}")
        with self.uow() as session:
            rec = session.scalars(
                select(m.Recommendation)
                .where(m.Recommendation.cycle_id == cycle_id, m.Recommendation.number == number)
                .with_for_update()  # the version checked stays the version written over until commit
            ).first()
            if rec is None:
                if session.get(m.Cycle, cycle_id) is None:
                    raise NotFound("cycle", cycle_id, "is not a known cycle")
                raise NotFound("recommendation", number, f"is not a recommendation of {cycle_id}")
            check_recommendation(session, cycle_id, rec, if_version)
            if text is not None:
                cleaned = text.strip()
                if not cleaned:
                    raise BadInput("--text", text, "is empty")
                if cleaned != rec.text:
                    record_change(
                        session, self.user, cycle_id, "recommendation", number, "text", rec.text, cleaned
                    )
                    rec.text = cleaned
                    rec.origin = "officer"  # changed by hand: a later import keeps it
            if disposition is not None:
                if not rec.replies:
                    raise BadInput(
                        "--disposition",
                        disposition,
                        f"cannot be set: no reply to recommendation {number} is recorded",
                    )
                changed = [r for r in rec.replies if r.disposition_override != disposition]
                for reply in changed:
                    old = reply.disposition
                    reply.disposition_override = disposition
                    record_change(
                        session, self.user, cycle_id, "reply", str(reply.id), "disposition", old, disposition
                    )
                # the recommendation's own version moves too: a disposition is part of what was read
                if changed:
                    record_change(
                        session,
                        self.user,
                        cycle_id,
                        "recommendation",
                        number,
                        "disposition",
                        None,
                        disposition,
                    )
                    from sqlalchemy.orm.attributes import flag_modified

                    flag_modified(rec, "text")  # the row counts as changed, so its version is raised
        # read after the commit, not inside it: the write lock is held for the change alone
        return next(r for r in self.register(cycle_id) if r.number == number)

    def set_disposition(
        self, reply_id: int, disposition: str | None, if_version: int | None = None
    ) -> dto.ReplyRow:
        """Override the suggested disposition (None returns to the suggestion). Survives re-import. With
        `if_version`, only if the reply passage is still at the version the user was looking at."""
        if disposition is not None and disposition not in DISPOSITIONS:
            raise BadInput("disposition", disposition, f"is not one of: {', '.join(DISPOSITIONS)}")
        with self.uow() as session:
            reply = self._checked_reply(session, reply_id, if_version)
            if reply.disposition_override != disposition:  # a save that changes nothing writes nothing
                old = reply.disposition
                reply.disposition_override = disposition
                record_change(
                    session,
                    self.user,
                    reply.cycle_id,
                    "reply",
                    str(reply_id),
                    "disposition",
                    old,
                    reply.disposition,
                )
                session.flush()
            return convert.reply_row(reply)

    def set_grouping(self, reply_id: int, numbers: list[str], if_version: int | None = None) -> dto.ReplyRow:
        """Say which recommendations a reply passage answers. The reply's version is raised with its links, so
        two officers regrouping it at once cannot both be told "saved"; with `if_version`, only if the reply is
        still at the version the officer was looking at."""
        cleaned = [n.strip() for n in numbers if n.strip()]
        if not cleaned:
            raise BadInput("recommendations", ",".join(numbers), "must name at least one recommendation")
        with self.uow() as session:
            reply = self._checked_reply(session, reply_id, if_version)
            recs = {
                r.number: r
                for r in session.scalars(
                    select(m.Recommendation).where(m.Recommendation.cycle_id == reply.cycle_id)
                )
            }
            unknown = [n for n in cleaned if n not in recs]
            if unknown:
                raise BadInput("recommendations", ", ".join(unknown), f"not in cycle {reply.cycle_id}")
            chosen = sorted((recs[n] for n in dict.fromkeys(cleaned)), key=lambda r: r.position)
            if [r.id for r in chosen] != [r.id for r in reply.recommendations]:  # else nothing is written
                old = ", ".join(r.number for r in reply.recommendations)
                reply.recommendations = chosen
                from sqlalchemy.orm.attributes import flag_modified

                flag_modified(reply, "text")  # only the links change: the reply's version must move with them
                new = ", ".join(r.number for r in chosen)
                record_change(session, self.user, reply.cycle_id, "reply", str(reply_id), "answers", old, new)
                session.flush()
            return convert.reply_row(reply)

    def _checked_reply(self, session: Session, reply_id: int, if_version: int | None) -> m.Reply:
        """The reply, locked for the rest of the transaction (on PostgreSQL; SQLite writers hold the whole
        store), refused with who changed it and when if it is no longer at `if_version`."""
        reply = session.get(m.Reply, reply_id, with_for_update=True)
        if reply is None:
            raise NotFound("reply", reply_id, "does not exist")
        check_reply(session, reply, if_version)
        return reply


def check_recommendation(
    session: Session, cycle_id: str, rec: m.Recommendation, if_version: int | None
) -> None:
    """Refuse a change made from another version of the recommendation than the stored one."""
    check_version(
        session,
        rec.version,
        if_version,
        what=f"recommendation {rec.number} of {cycle_id}",
        entity="recommendation",
        entity_id=rec.number,
        cycle_id=cycle_id,
    )


def check_reply(session: Session, reply: m.Reply, if_version: int | None) -> None:
    """Refuse a change made from another version of the reply passage than the stored one."""
    if if_version is None or reply.version == if_version:
        return
    numbers = ", ".join(r.number for r in reply.recommendations)
    what = f"the reply to recommendation {numbers}" if numbers else "the reply passage"
    check_version(session, reply.version, if_version, what=what, entity="reply", entity_id=str(reply.id))
