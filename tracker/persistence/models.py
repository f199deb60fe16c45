"""The mapped classes the services edit, each on its table in `tables`.

Reading for display goes through Core selects on the tables (see `tracker.services.snapshot`); these classes
are imported only by code that changes the store or needs whole object graphs, so a read-only start never
declares them. Column types, defaults and constraints live in `tables`; the annotations here are for typing.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import DeclarativeBase, Mapped, column_property, deferred, relationship

from tracker.persistence import tables
from tracker.persistence.tables import NAMING_CONVENTION, utcnow

__all__ = ["NAMING_CONVENTION", "Base", "utcnow"]


class Base(DeclarativeBase):
    metadata = tables.metadata


class PolicingBody(Base):
    """An elected local policing body: a commissioner (PCC or PFCC), a mayor with PCC functions, or MOPAC."""

    __table__ = tables.policing_body
    version: Mapped[int]
    __mapper_args__ = {"version_id_col": __table__.c.version}
    id: Mapped[str]
    name: Mapped[str]
    kind: Mapped[str]
    area: Mapped[str]
    police_area: Mapped[str | None]
    in_wales: Mapped[bool | None]
    scrutiny_body_id: Mapped[str | None]

    scrutiny_body: Mapped[ScrutinyBody | None] = relationship()


class ScrutinyBody(Base):
    """A police and crime panel, or the London Assembly Police and Crime Committee."""

    __table__ = tables.scrutiny_body
    version: Mapped[int]
    __mapper_args__ = {"version_id_col": __table__.c.version}
    id: Mapped[str]
    name: Mapped[str]
    kind: Mapped[str]
    members_in_post: Mapped[int | None]

    memberships: Mapped[list[PanelMembership]] = relationship(
        back_populates="scrutiny_body",
        cascade="all, delete-orphan",
        order_by="PanelMembership.effective_from",
    )


class PanelMembership(Base):
    """How many members the panel had in post from a day on: veto thresholds depend on the figure on the
    day of the vote, and membership changes through the year."""

    __table__ = tables.panel_membership
    id: Mapped[int]
    scrutiny_body_id: Mapped[str]
    members: Mapped[int]
    effective_from: Mapped[dt.date]
    recorded_by: Mapped[str]
    recorded_at: Mapped[dt.datetime]

    scrutiny_body: Mapped[ScrutinyBody] = relationship(back_populates="memberships")


class Cycle(Base):
    """One run of a process: one plan, one annual report, one precept round or one appointment."""

    __table__ = tables.cycle
    version: Mapped[int]
    __mapper_args__ = {"version_id_col": __table__.c.version}
    id: Mapped[str]
    title: Mapped[str]
    template_id: Mapped[str]
    template_version: Mapped[int]
    policing_body_id: Mapped[str]
    scrutiny_body_id: Mapped[str]
    notes: Mapped[str]
    veto_votes_for: Mapped[int | None]
    veto_votes_cast: Mapped[int | None]
    veto_votes_against: Mapped[int | None]
    veto_abstentions: Mapped[int | None]
    veto_members: Mapped[int | None]
    created_at: Mapped[dt.datetime]

    policing_body: Mapped[PolicingBody] = relationship()
    scrutiny_body: Mapped[ScrutinyBody] = relationship()
    stages: Mapped[list[Stage]] = relationship(back_populates="cycle", cascade="all, delete-orphan")
    obligations: Mapped[list[Obligation]] = relationship(back_populates="cycle", cascade="all, delete-orphan")
    recommendations: Mapped[list[Recommendation]] = relationship(
        back_populates="cycle", cascade="all, delete-orphan", order_by="Recommendation.position"
    )
    replies: Mapped[list[Reply]] = relationship(back_populates="cycle", cascade="all, delete-orphan")
    documents: Mapped[list[Document]] = relationship(back_populates="cycle", cascade="all, delete-orphan")
    follow_ups: Mapped[list[FollowUp]] = relationship(back_populates="cycle", cascade="all, delete-orphan")


class Document(Base):
    __table__ = tables.document
    id: Mapped[int]
    cycle_id: Mapped[str]
    kind: Mapped[str]
    date: Mapped[dt.date | None]
    reference: Mapped[str | None]
    file_name: Mapped[str]
    sha256: Mapped[str | None]
    imported_at: Mapped[dt.datetime | None]
    text: Mapped[str | None]
    supersedes_id: Mapped[int | None]
    # the file itself is read only when a paper appends it, never with the cycle
    original: Mapped[bytes | None] = deferred(tables.document.c.original)
    has_original: Mapped[bool] = column_property(tables.document.c.original.isnot(None))
    media_type: Mapped[str | None]
    title: Mapped[str | None]

    cycle: Mapped[Cycle] = relationship(back_populates="documents")


class Stage(Base):
    """A step of the cycle with its planned and actual dates.

    An actual date may be known only in part: to the month (`precision="month"`), as a latest day
    (`"on or before"`), or only as coming after another stage (`"after"`, `actual_after_stage`).
    """

    __table__ = tables.stage
    version: Mapped[int]
    __mapper_args__ = {"version_id_col": __table__.c.version}
    id: Mapped[int]
    cycle_id: Mapped[str]
    key: Mapped[str]
    position: Mapped[int]
    planned_date: Mapped[dt.date | None]
    actual_date: Mapped[dt.date | None]
    actual_precision: Mapped[str | None]
    actual_after_stage: Mapped[str | None]
    responsible: Mapped[str]
    evidence_document_id: Mapped[int | None]
    notes: Mapped[str]

    cycle: Mapped[Cycle] = relationship(back_populates="stages")
    evidence_document: Mapped[Document | None] = relationship()
    extensions: Mapped[list[Extension]] = relationship(
        back_populates="stage", cascade="all, delete-orphan", order_by="Extension.id"
    )


class Extension(Base):
    """A moved date. The original is kept here and never overwritten."""

    __table__ = tables.extension
    id: Mapped[int]
    stage_id: Mapped[int]
    original_date: Mapped[dt.date | None]
    new_date: Mapped[dt.date]
    reason: Mapped[str]
    made_by: Mapped[str]
    made_at: Mapped[dt.datetime | None]

    stage: Mapped[Stage] = relationship(back_populates="extensions")


class Obligation(Base):
    """Per-cycle record of an obligation: a template rule (rule_id set) or a commitment the user adds.

    For template rules the due date and status are computed; this row only holds what the user says of it.
    """

    __table__ = tables.obligation
    version: Mapped[int]
    __mapper_args__ = {"version_id_col": __table__.c.version}
    id: Mapped[int]
    cycle_id: Mapped[str]
    rule_id: Mapped[str | None]
    label: Mapped[str]
    basis: Mapped[str]
    citation: Mapped[str]
    due_date: Mapped[dt.date | None]
    met_date: Mapped[dt.date | None]
    not_applicable: Mapped[bool]
    notes: Mapped[str]

    cycle: Mapped[Cycle] = relationship(back_populates="obligations")


class Recommendation(Base):
    __table__ = tables.recommendation
    version: Mapped[int]
    __mapper_args__ = {"version_id_col": __table__.c.version}
    id: Mapped[int]
    cycle_id: Mapped[str]
    number: Mapped[str]
    position: Mapped[int]
    label: Mapped[str]
    text: Mapped[str]
    text_cy: Mapped[str | None]
    addressee: Mapped[str]
    theme: Mapped[str]
    tags: Mapped[list[str]]
    document_id: Mapped[int | None]
    span_start: Mapped[int | None]
    span_end: Mapped[int | None]
    origin: Mapped[str]

    cycle: Mapped[Cycle] = relationship(back_populates="recommendations")
    subpoints: Mapped[list[SubPoint]] = relationship(
        back_populates="recommendation", cascade="all, delete-orphan", order_by="SubPoint.position"
    )
    replies: Mapped[list[Reply]] = relationship(
        secondary="reply_recommendation", back_populates="recommendations"
    )


class SubPoint(Base):
    __table__ = tables.sub_point
    id: Mapped[int]
    recommendation_id: Mapped[int]
    position: Mapped[int]
    label: Mapped[str]
    text: Mapped[str]
    status: Mapped[str | None]

    recommendation: Mapped[Recommendation] = relationship(back_populates="subpoints")


class RecommendationLink(Base):
    """The officer's word on an "asked before" suggestion: confirmed (shown first) or dismissed (hidden)."""

    __table__ = tables.recommendation_link
    id: Mapped[int]
    recommendation_id: Mapped[int]
    earlier_id: Mapped[int]
    state: Mapped[str]
    made_by: Mapped[str]
    made_at: Mapped[dt.datetime]


class ReplyRecommendation(Base):
    __table__ = tables.reply_recommendation
    reply_id: Mapped[int]
    recommendation_id: Mapped[int]


class Reply(Base):
    """A passage of a reply that answers one or several recommendations."""

    __table__ = tables.reply
    version: Mapped[int]
    __mapper_args__ = {"version_id_col": __table__.c.version}
    id: Mapped[int]
    cycle_id: Mapped[str]
    document_id: Mapped[int | None]
    date: Mapped[dt.date | None]
    position: Mapped[int]
    text: Mapped[str]
    suggested_disposition: Mapped[str | None]
    disposition_override: Mapped[str | None]
    evidence: Mapped[str]
    span_start: Mapped[int | None]
    span_end: Mapped[int | None]
    claimed_numbers: Mapped[list[str]]
    origin: Mapped[str]

    cycle: Mapped[Cycle] = relationship(back_populates="replies")
    document: Mapped[Document | None] = relationship()
    recommendations: Mapped[list[Recommendation]] = relationship(
        secondary="reply_recommendation", back_populates="replies", order_by="Recommendation.position"
    )

    @property
    def disposition(self) -> str | None:
        return self.disposition_override or self.suggested_disposition


class SetAside(Base):
    """A proposed recommendation or reply passage the officer removed; re-imports do not bring it back."""

    __table__ = tables.set_aside
    id: Mapped[int]
    cycle_id: Mapped[str]
    kind: Mapped[str]
    number: Mapped[str | None]
    text: Mapped[str]
    reason: Mapped[str]
    made_by: Mapped[str]
    made_at: Mapped[dt.datetime]


class FollowUp(Base):
    """A dated ask in a recommendation or a dated commitment in a reply."""

    __table__ = tables.follow_up
    id: Mapped[int]
    cycle_id: Mapped[str]
    kind: Mapped[str]
    recommendation_id: Mapped[int | None]
    reply_id: Mapped[int | None]
    due_date: Mapped[dt.date | None]
    text: Mapped[str]
    met_date: Mapped[dt.date | None]

    cycle: Mapped[Cycle] = relationship(back_populates="follow_ups")
    recommendation: Mapped[Recommendation | None] = relationship()
    reply: Mapped[Reply | None] = relationship()


class Meeting(Base):
    __table__ = tables.meeting
    version: Mapped[int]
    __mapper_args__ = {"version_id_col": __table__.c.version}
    id: Mapped[int]
    scrutiny_body_id: Mapped[str]
    cycle_id: Mapped[str | None]
    date: Mapped[dt.date]
    title: Mapped[str]
    reference: Mapped[str | None]
    for_stage: Mapped[str | None]


class Contact(Base):
    __table__ = tables.contact
    id: Mapped[int]
    name: Mapped[str]
    role: Mapped[str]
    organisation: Mapped[str]
    email: Mapped[str]
    phone: Mapped[str]


class ChangeLog(Base):
    """Every edit: who, when, which field, old and new value."""

    __table__ = tables.change_log
    id: Mapped[int]
    at: Mapped[dt.datetime]
    who: Mapped[str]
    cycle_id: Mapped[str | None]
    entity: Mapped[str]
    entity_id: Mapped[str]
    field: Mapped[str]
    old: Mapped[str | None]
    new: Mapped[str | None]


class Setting(Base):
    __table__ = tables.setting
    version: Mapped[int]
    __mapper_args__ = {"version_id_col": __table__.c.version}
    key: Mapped[str]
    value: Mapped[str]


class StoredFile(Base):
    """A file copied into the store (the logo), so every member of a team on one server prints the same."""

    __table__ = tables.stored_file
    key: Mapped[str]
    file_name: Mapped[str]
    media_type: Mapped[str]
    data: Mapped[bytes]
    updated_at: Mapped[dt.datetime]
