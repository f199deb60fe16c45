"""Read-only snapshots of cycles, loaded with plain Core selects.

The dashboard, `tracker cycles` and `tracker deadlines` read every cycle and change none. Building mapped
ORM objects for them cost most of their time (identity map, attribute instrumentation, collection events),
so these views load the same facts as light objects carrying the attribute names the rule conversion
(`convert`) reads. Nothing here can be written back: editing goes through the mapped models.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from types import SimpleNamespace

from sqlalchemy import ColumnElement, Connection, select

from tracker.errors import NotFound
from tracker.persistence import tables as t
from tracker.persistence.database import fetch_together
from tracker.services.protocol import PROTOCOL_PREFIX


@dataclass(slots=True, kw_only=True)
class BodyView:
    name: str
    area: str | None
    members_in_post: int | None


@dataclass(slots=True, kw_only=True)
class ExtensionView:
    id: int
    original_date: dt.date | None
    new_date: dt.date
    reason: str
    made_by: str
    made_at: dt.datetime | None


@dataclass(slots=True, kw_only=True)
class StageView:
    id: int
    key: str
    planned_date: dt.date | None
    actual_date: dt.date | None
    actual_precision: str | None
    actual_after_stage: str | None
    extensions: list[ExtensionView] | tuple[()]


@dataclass(slots=True, kw_only=True)
class ObligationView:
    id: int
    rule_id: str | None
    label: str
    citation: str
    due_date: dt.date | None
    met_date: dt.date | None
    not_applicable: bool
    notes: str


@dataclass(slots=True, kw_only=True)
class DocumentView:
    id: int
    date: dt.date | None


@dataclass(slots=True, kw_only=True, eq=False)
class RecommendationView:
    id: int
    document_id: int | None
    replies: list[ReplyView]


@dataclass(slots=True, kw_only=True, eq=False)
class ReplyView:
    id: int
    date: dt.date | None
    document_id: int | None
    position: int
    recommendations: list[RecommendationView]


@dataclass(slots=True, kw_only=True, eq=False)
class CycleView:
    id: str
    title: str
    template_id: str
    template_version: int
    veto_votes_for: int | None
    veto_votes_cast: int | None
    veto_members: int | None
    created_at: dt.datetime | None
    policing_body: BodyView
    scrutiny_body: BodyView
    stages: list[StageView]
    obligations: list[ObligationView]
    recommendations: list[RecommendationView]
    replies: list[ReplyView]
    documents: list[DocumentView]
    protocol: str | None = None  # the body's local protocol, where its panel has turned one on


def load_cycles(
    connection: Connection, cycle_id: str | None = None, with_links: bool = True
) -> list[CycleView]:
    """Every cycle (or one), ordered by id, with its stages, extensions and obligations; with `with_links`
    also who answers whom (recommendation and reply ids, dates and documents), without any texts. The
    selects do not wait for each other: on PostgreSQL they travel in one round trip."""
    return assemble_cycles(fetch_together(connection, cycle_queries(cycle_id, with_links)))


def cycle_queries(cycle_id: str | None = None, with_links: bool = True) -> list:
    """The selects behind `load_cycles`, for a page that sends them with its own; `assemble_cycles` reads
    them (fetched whole: row-by-row iteration costs a cursor call per row)."""
    cycle_t, stage_t, ext_t = t.cycle, t.stage, t.extension
    body_t, panel_t, ob_t = t.policing_body, t.scrutiny_body, t.obligation

    def of_cycle(query, column):
        return query if cycle_id is None else query.where(column == cycle_id)

    queries = [
        of_cycle(
            select(
                cycle_t.c.id,
                cycle_t.c.title,
                cycle_t.c.template_id,
                cycle_t.c.template_version,
                cycle_t.c.veto_votes_for,
                cycle_t.c.veto_votes_cast,
                cycle_t.c.veto_members,
                cycle_t.c.created_at,
                body_t.c.name.label("body_name"),
                body_t.c.area,
                panel_t.c.name.label("panel_name"),
                panel_t.c.members_in_post,
                t.setting.c.value.label("protocol"),  # the body's local protocol, where one is turned on
            )
            .join(body_t, body_t.c.id == cycle_t.c.policing_body_id)
            .join(panel_t, panel_t.c.id == cycle_t.c.scrutiny_body_id)
            .outerjoin(t.setting, t.setting.c.key == PROTOCOL_PREFIX + cycle_t.c.policing_body_id)
            .order_by(cycle_t.c.id),
            cycle_t.c.id,
        ),
        of_cycle(
            select(
                ext_t.c.stage_id,
                ext_t.c.id,
                ext_t.c.original_date,
                ext_t.c.new_date,
                ext_t.c.reason,
                ext_t.c.made_by,
                ext_t.c.made_at,
            )
            .join(stage_t, stage_t.c.id == ext_t.c.stage_id)
            .order_by(ext_t.c.id),
            stage_t.c.cycle_id,
        ),
        of_cycle(
            select(
                stage_t.c.cycle_id,
                stage_t.c.id,
                stage_t.c.key,
                stage_t.c.planned_date,
                stage_t.c.actual_date,
                stage_t.c.actual_precision,
                stage_t.c.actual_after_stage,
            ).order_by(stage_t.c.id),
            stage_t.c.cycle_id,
        ),
        of_cycle(
            select(
                ob_t.c.cycle_id,
                ob_t.c.id,
                ob_t.c.rule_id,
                ob_t.c.label,
                ob_t.c.citation,
                ob_t.c.due_date,
                ob_t.c.met_date,
                ob_t.c.not_applicable,
                ob_t.c.notes,
            ).order_by(ob_t.c.id),
            ob_t.c.cycle_id,
        ),
    ]
    if with_links:
        queries += [of_cycle(query, column) for query, column in _link_queries()]
    return queries


def assemble_cycles(results) -> list[CycleView]:
    """The cycles of `load_cycles` from the rows of `cycle_queries`."""
    cycle_rows, extension_rows, stage_rows, obligation_rows, *link_rows = results

    cycles: dict[str, CycleView] = {}
    bodies: dict[tuple, BodyView] = {}
    for (
        cid,
        title,
        template_id,
        version,
        votes_for,
        votes_cast,
        members,
        created_at,
        name,
        area,
        panel,
        in_post,
        protocol,
    ) in cycle_rows:
        body = bodies.get((name, area))
        if body is None:
            body = bodies[(name, area)] = BodyView(name=name, area=area, members_in_post=None)
        cycles[cid] = CycleView(
            id=cid,
            title=title,
            template_id=template_id,
            template_version=version,
            veto_votes_for=votes_for,
            veto_votes_cast=votes_cast,
            veto_members=members,
            created_at=created_at,
            policing_body=body,
            scrutiny_body=BodyView(name=panel, area=None, members_in_post=in_post),
            stages=[],
            obligations=[],
            recommendations=[],
            replies=[],
            documents=[],
            protocol=protocol,
        )

    extensions: defaultdict[int, list[ExtensionView]] = defaultdict(list)
    for stage_id, eid, original, new, reason, made_by, made_at in extension_rows:
        extensions[stage_id].append(
            ExtensionView(
                id=eid, original_date=original, new_date=new, reason=reason, made_by=made_by, made_at=made_at
            )
        )

    for cid, sid, key, planned, actual, precision, after in stage_rows:
        cycle = cycles.get(cid)
        if cycle is not None:
            cycle.stages.append(
                StageView(
                    id=sid,
                    key=key,
                    planned_date=planned,
                    actual_date=actual,
                    actual_precision=precision,
                    actual_after_stage=after,
                    extensions=extensions.get(sid, ()),
                )
            )

    for cid, oid, rule_id, label, citation, due, met, not_applicable, notes in obligation_rows:
        cycle = cycles.get(cid)
        if cycle is not None:
            cycle.obligations.append(
                ObligationView(
                    id=oid,
                    rule_id=rule_id,
                    label=label,
                    citation=citation,
                    due_date=due,
                    met_date=met,
                    not_applicable=bool(not_applicable),
                    notes=notes,
                )
            )

    if link_rows:
        _attach_links(cycles, *link_rows)
    return list(cycles.values())


def _link_queries() -> list[tuple]:
    """Who answers whom, each select with the column that names its cycle."""
    doc_t, rec_t, reply_t = t.document, t.recommendation, t.reply
    link_t = t.reply_recommendation
    return [
        (select(doc_t.c.cycle_id, doc_t.c.id, doc_t.c.date).order_by(doc_t.c.id), doc_t.c.cycle_id),
        (
            select(rec_t.c.cycle_id, rec_t.c.id, rec_t.c.document_id).order_by(rec_t.c.position, rec_t.c.id),
            rec_t.c.cycle_id,
        ),
        (
            select(
                reply_t.c.cycle_id, reply_t.c.id, reply_t.c.date, reply_t.c.document_id, reply_t.c.position
            ).order_by(reply_t.c.id),
            reply_t.c.cycle_id,
        ),
        # links in the order of the recommendations, as the mapped relationship orders them
        (
            select(link_t.c.reply_id, link_t.c.recommendation_id)
            .join(rec_t, rec_t.c.id == link_t.c.recommendation_id)
            .order_by(rec_t.c.position, rec_t.c.id, link_t.c.reply_id),
            rec_t.c.cycle_id,
        ),
    ]


def _attach_links(cycles: dict[str, CycleView], documents, recommendation_rows, reply_rows, links) -> None:
    for cid, did, day in documents:
        if cid in cycles:
            cycles[cid].documents.append(DocumentView(id=did, date=day))

    recommendations: dict[int, RecommendationView] = {}
    for cid, rid, document_id in recommendation_rows:
        if cid in cycles:
            rec = recommendations[rid] = RecommendationView(id=rid, document_id=document_id, replies=[])
            cycles[cid].recommendations.append(rec)

    replies: dict[int, ReplyView] = {}
    for cid, rid, day, document_id, position in reply_rows:
        if cid in cycles:
            reply = replies[rid] = ReplyView(
                id=rid, date=day, document_id=document_id, position=position, recommendations=[]
            )
            cycles[cid].replies.append(reply)

    for reply_id, rec_id in links:
        reply, rec = replies.get(reply_id), recommendations.get(rec_id)
        if reply is not None and rec is not None:
            reply.recommendations.append(rec)
            rec.replies.append(reply)


class Loaded(SimpleNamespace):
    """A row of the store as a plain object: its columns as attributes, with its related rows attached by
    `load_full` under the names the mapped classes give them."""


class LoadedReply(Loaded):
    @property
    def disposition(self) -> str | None:
        return self.disposition_override or self.suggested_disposition


def load_full(connection: Connection, cycle_id: str | Collection[str] | None = None) -> list[Loaded]:
    """Every cycle (or one, or those named), ordered by id, with everything the cycle page and the register show: stages
    with their extensions and evidence, obligations, recommendations with sub-points and replies, replies
    with what they answer and their documents, follow-ups, documents. The same attributes, in the same
    order, as the mapped classes loaded with `cycle_full_load()`; a test holds the two equal.

    Ten selects, none waiting for another's answer: on PostgreSQL they travel in one round trip."""
    return assemble_full(fetch_together(connection, full_queries(cycle_id)))


def full_queries(cycle_id: str | Collection[str] | ColumnElement | None = None) -> tuple:
    """The selects behind `load_full`, for a page that sends them with its own; `assemble_full` reads them.
    The cycle may also be named by a scalar select (the latest one, say)."""

    def of_cycle(query, column):
        if cycle_id is None:
            return query
        if isinstance(cycle_id, str | ColumnElement):
            return query.where(column == cycle_id)
        return query.where(column.in_(list(cycle_id)))

    def table_rows(table, *order, leave_out: tuple[str, ...] = (), extra=()):
        query = select(*(c for c in table.c if c.key not in leave_out), *extra).order_by(*order)
        return of_cycle(query, table.c.cycle_id)

    body_t, panel_t = t.policing_body, t.scrutiny_body
    # the cycle with its body, its panel and the body's local protocol in one row
    cycle_query = of_cycle(
        select(
            t.cycle,
            *(c.label(f"body__{c.key}") for c in body_t.c),
            *(c.label(f"panel__{c.key}") for c in panel_t.c),
            t.setting.c.value.label("protocol"),
        )
        .join(body_t, body_t.c.id == t.cycle.c.policing_body_id)
        .join(panel_t, panel_t.c.id == t.cycle.c.scrutiny_body_id)
        .outerjoin(t.setting, t.setting.c.key == PROTOCOL_PREFIX + t.cycle.c.policing_body_id)
        .order_by(t.cycle.c.id),
        t.cycle.c.id,
    )
    rec_t, link_t = t.recommendation, t.reply_recommendation
    queries = (
        cycle_query,
        # a document's full text (hundreds of pages) and the file itself are shown by no view: left in the store
        table_rows(
            t.document,
            t.document.c.id,
            leave_out=("text", "original"),
            extra=(t.document.c.original.isnot(None).label("has_original"),),
        ),
        table_rows(t.stage, t.stage.c.id),
        of_cycle(
            select(t.extension).join(t.stage, t.stage.c.id == t.extension.c.stage_id), t.stage.c.cycle_id
        ).order_by(t.extension.c.id),
        table_rows(t.obligation, t.obligation.c.id),
        table_rows(rec_t, rec_t.c.position, rec_t.c.id),
        of_cycle(
            select(t.sub_point).join(rec_t, rec_t.c.id == t.sub_point.c.recommendation_id), rec_t.c.cycle_id
        ).order_by(t.sub_point.c.position, t.sub_point.c.id),
        table_rows(t.reply, t.reply.c.id),
        # in the order of the recommendations, as the mapped relationship orders a reply's recommendations
        of_cycle(
            select(link_t).join(rec_t, rec_t.c.id == link_t.c.recommendation_id), rec_t.c.cycle_id
        ).order_by(rec_t.c.position, rec_t.c.id, link_t.c.reply_id),
        table_rows(t.follow_up, t.follow_up.c.id),
    )
    return queries


def assemble_full(results) -> list[Loaded]:
    """The cycles of `load_full` from the rows of `full_queries`."""
    (
        cycle_rows, document_rows, stage_rows, extension_rows, obligation_rows,
        recommendation_rows, point_rows, reply_rows, link_rows, follow_up_rows,
    ) = results  # fmt: skip
    cycles: dict[str, Loaded] = {}
    bodies: dict[str, Loaded] = {}
    panels: dict[str, Loaded] = {}
    for row in cycle_rows:
        fields, body, panel = {}, {}, {}
        for key, value in row._asdict().items():
            if key.startswith("body__"):
                body[key[6:]] = value
            elif key.startswith("panel__"):
                panel[key[7:]] = value
            else:
                fields[key] = value
        cycle = cycles[fields["id"]] = Loaded(**fields)
        cycle.policing_body = bodies.setdefault(body["id"], Loaded(**body))
        cycle.scrutiny_body = panels.setdefault(panel["id"], Loaded(**panel))
        for name in ("stages", "obligations", "recommendations", "replies", "documents", "follow_ups"):
            setattr(cycle, name, [])

    documents = {row.id: Loaded(**row._asdict()) for row in document_rows}
    for document in documents.values():
        cycles[document.cycle_id].documents.append(document)

    stages = {row.id: Loaded(**row._asdict()) for row in stage_rows}
    for stage in stages.values():
        stage.extensions = []
        stage.evidence_document = documents.get(stage.evidence_document_id)
        cycles[stage.cycle_id].stages.append(stage)
    # on PostgreSQL each select of a read sees the store as it is when it runs: a row added by a colleague
    # between two of them may have no parent in the rows already read, and is left for the next read
    for row in extension_rows:
        if row.stage_id in stages:
            stages[row.stage_id].extensions.append(Loaded(**row._asdict()))

    for row in obligation_rows:
        cycles[row.cycle_id].obligations.append(Loaded(**row._asdict()))

    recommendations = {row.id: Loaded(**row._asdict()) for row in recommendation_rows}
    for rec in recommendations.values():
        rec.subpoints, rec.replies = [], []
        cycles[rec.cycle_id].recommendations.append(rec)
    for row in point_rows:
        if row.recommendation_id in recommendations:
            recommendations[row.recommendation_id].subpoints.append(Loaded(**row._asdict()))

    replies = {row.id: LoadedReply(**row._asdict()) for row in reply_rows}
    for reply in replies.values():
        reply.recommendations = []
        reply.document = documents.get(reply.document_id)
        cycles[reply.cycle_id].replies.append(reply)
    for reply_id, rec_id in link_rows:
        reply, rec = replies.get(reply_id), recommendations.get(rec_id)
        if reply is not None and rec is not None:
            reply.recommendations.append(rec)
            rec.replies.append(reply)

    for row in follow_up_rows:
        follow_up = Loaded(**row._asdict())
        follow_up.recommendation = recommendations.get(follow_up.recommendation_id)
        follow_up.reply = replies.get(follow_up.reply_id)
        cycles[follow_up.cycle_id].follow_ups.append(follow_up)
    return list(cycles.values())


def cycle_ids(connection) -> list[str]:
    """Every cycle's id, in order (a plain select; a session works as well as a connection)."""
    return list(connection.scalars(select(t.cycle.c.id).order_by(t.cycle.c.id)))


def require_cycle(connection: Connection, cycle_id: str, field: str = "--cycle") -> None:
    """NotFound naming the cycles there are, unless the cycle exists."""
    ids = cycle_ids(connection)
    if cycle_id not in ids:
        raise unknown_cycle(ids, cycle_id, field)


def unknown_cycle(known: list[str], cycle_id: str, field: str) -> NotFound:
    listed = ", ".join(known) or "none yet (tracker cycle add)"
    return NotFound(field, cycle_id, f"is not a known cycle; known cycles: {listed}")
