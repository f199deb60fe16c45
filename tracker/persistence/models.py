"""The store's tables as typed SQLAlchemy 2 models.

Derived values (due dates, statuses, coverage) are never stored: they are computed from these rows by the
rule engine, so a change of law or of the as-of day can never leave a stale status behind.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class PolicingBody(Base):
    """An elected local policing body: a commissioner (PCC or PFCC), a mayor with PCC functions, or MOPAC."""

    __tablename__ = "policing_body"
    # the row's version: an edit based on an older one is refused, so a team on one server never overwrites
    # each other's work without knowing (SQLAlchemy raises StaleDataError; the services say who changed it)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # "pcc" | "pfcc" | "mayor" | "mopac"
    # the legal regime: "london" (PRSRA ss.6, 32-33) or "pcc" (ss.5, 28-29), which follows from the kind
    area: Mapped[str] = mapped_column(String(20))
    police_area: Mapped[str | None] = mapped_column(String(100))  # "Avon and Somerset"
    in_wales: Mapped[bool | None] = mapped_column(Boolean)
    scrutiny_body_id: Mapped[str | None] = mapped_column(ForeignKey("scrutiny_body.id"))

    scrutiny_body: Mapped[ScrutinyBody | None] = relationship()


class ScrutinyBody(Base):
    """A police and crime panel, or the London Assembly Police and Crime Committee."""

    __tablename__ = "scrutiny_body"
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))  # "assembly-committee" | "panel"
    members_in_post: Mapped[int | None] = mapped_column(Integer)  # the latest figure in `memberships`

    memberships: Mapped[list[PanelMembership]] = relationship(
        back_populates="scrutiny_body",
        cascade="all, delete-orphan",
        order_by="PanelMembership.effective_from",
    )


class PanelMembership(Base):
    """How many members the panel had in post from a day on: veto thresholds depend on the figure on the
    day of the vote, and membership changes through the year."""

    __tablename__ = "panel_membership"
    __table_args__ = (UniqueConstraint("scrutiny_body_id", "effective_from"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scrutiny_body_id: Mapped[str] = mapped_column(
        ForeignKey("scrutiny_body.id", ondelete="CASCADE"), index=True
    )
    members: Mapped[int] = mapped_column(Integer)
    effective_from: Mapped[dt.date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    scrutiny_body: Mapped[ScrutinyBody] = relationship(back_populates="memberships")


class Cycle(Base):
    """One run of a process: one plan, one annual report, one precept round or one appointment."""

    __tablename__ = "cycle"
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    template_id: Mapped[str] = mapped_column(String(40))
    template_version: Mapped[int] = mapped_column(Integer)
    policing_body_id: Mapped[str] = mapped_column(ForeignKey("policing_body.id"))
    scrutiny_body_id: Mapped[str] = mapped_column(ForeignKey("scrutiny_body.id"))
    notes: Mapped[str] = mapped_column(Text, default="")
    # the vote on a veto (precept, chief constable, Deputy Mayor): two-thirds of members, or of votes given
    veto_votes_for: Mapped[int | None] = mapped_column(Integer)
    veto_votes_cast: Mapped[int | None] = mapped_column(Integer)  # for + against: the votes given
    veto_votes_against: Mapped[int | None] = mapped_column(Integer)
    veto_abstentions: Mapped[int | None] = mapped_column(Integer)
    veto_members: Mapped[int | None] = mapped_column(Integer)  # members in post on the day of the vote
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

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
    __tablename__ = "document"
    # the same file may be imported once as each kind (a report wrongly imported can come in as the reply)
    __table_args__ = (UniqueConstraint("cycle_id", "sha256", "kind"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cycle_id: Mapped[str] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))  # "committee report" | "reply" | "agenda report" | ...
    date: Mapped[dt.date | None] = mapped_column(Date)
    reference: Mapped[str | None] = mapped_column(String(200))
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str | None] = mapped_column(String(64))
    imported_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    text: Mapped[str | None] = mapped_column(Text)  # kept so passages' positions can be shown again
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))

    cycle: Mapped[Cycle] = relationship(back_populates="documents")


class Stage(Base):
    """A step of the cycle with its planned and actual dates.

    An actual date may be known only in part: to the month (`precision="month"`), as a latest day
    (`"on or before"`), or only as coming after another stage (`"after"`, `actual_after_stage`).
    """

    __tablename__ = "stage"
    __table_args__ = (UniqueConstraint("cycle_id", "key"),)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cycle_id: Mapped[str] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(Integer, default=0)
    planned_date: Mapped[dt.date | None] = mapped_column(Date)
    actual_date: Mapped[dt.date | None] = mapped_column(Date)
    actual_precision: Mapped[str | None] = mapped_column(String(20))
    actual_after_stage: Mapped[str | None] = mapped_column(String(60))
    responsible: Mapped[str] = mapped_column(String(200), default="")
    evidence_document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="SET NULL"))
    notes: Mapped[str] = mapped_column(Text, default="")

    cycle: Mapped[Cycle] = relationship(back_populates="stages")
    evidence_document: Mapped[Document | None] = relationship()
    extensions: Mapped[list[Extension]] = relationship(
        back_populates="stage", cascade="all, delete-orphan", order_by="Extension.id"
    )


class Extension(Base):
    """A moved date. The original is kept here and never overwritten."""

    __tablename__ = "extension"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("stage.id", ondelete="CASCADE"), index=True)
    original_date: Mapped[dt.date | None] = mapped_column(Date)
    new_date: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    made_by: Mapped[str] = mapped_column(String(100))
    made_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime
    )  # unknown for extensions recorded after the fact

    stage: Mapped[Stage] = relationship(back_populates="extensions")


class Obligation(Base):
    """Per-cycle record of an obligation: a template rule (rule_id set) or a commitment the user adds.

    For template rules the due date and status are computed; this row only holds what the user says of it.
    """

    __tablename__ = "obligation"
    __table_args__ = (UniqueConstraint("cycle_id", "rule_id"),)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cycle_id: Mapped[str] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), index=True)
    rule_id: Mapped[str | None] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(300))
    basis: Mapped[str] = mapped_column(String(20))  # "statute" | "practice" | "committed"
    citation: Mapped[str] = mapped_column(String(300), default="")
    due_date: Mapped[dt.date | None] = mapped_column(Date)  # for commitments only
    met_date: Mapped[dt.date | None] = mapped_column(Date)  # for commitments only
    not_applicable: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")

    cycle: Mapped[Cycle] = relationship(back_populates="obligations")


class Recommendation(Base):
    __tablename__ = "recommendation"
    __table_args__ = (UniqueConstraint("cycle_id", "number"),)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cycle_id: Mapped[str] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[str] = mapped_column(String(60), default="")
    text: Mapped[str] = mapped_column(Text)
    text_cy: Mapped[str | None] = mapped_column(Text)
    addressee: Mapped[str] = mapped_column(String(200), default="")
    theme: Mapped[str] = mapped_column(String(200), default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="SET NULL"))
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)

    cycle: Mapped[Cycle] = relationship(back_populates="recommendations")
    subpoints: Mapped[list[SubPoint]] = relationship(
        back_populates="recommendation", cascade="all, delete-orphan", order_by="SubPoint.position"
    )
    replies: Mapped[list[Reply]] = relationship(
        secondary="reply_recommendation", back_populates="recommendations"
    )


class SubPoint(Base):
    __tablename__ = "sub_point"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendation.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(20), default="")
    text: Mapped[str] = mapped_column(Text)

    recommendation: Mapped[Recommendation] = relationship(back_populates="subpoints")


class ReplyRecommendation(Base):
    __tablename__ = "reply_recommendation"
    reply_id: Mapped[int] = mapped_column(ForeignKey("reply.id", ondelete="CASCADE"), primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendation.id", ondelete="CASCADE"), primary_key=True
    )


class Reply(Base):
    """A passage of a reply that answers one or several recommendations."""

    __tablename__ = "reply"
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cycle_id: Mapped[str] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="SET NULL"))
    date: Mapped[dt.date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    suggested_disposition: Mapped[str | None] = mapped_column(String(30))
    disposition_override: Mapped[str | None] = mapped_column(String(30))
    evidence: Mapped[str] = mapped_column(Text, default="")
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    # the numbers the reply itself gives this passage, kept even when the committee made no such recommendation
    claimed_numbers: Mapped[list[str]] = mapped_column(JSON, default=list)

    cycle: Mapped[Cycle] = relationship(back_populates="replies")
    document: Mapped[Document | None] = relationship()
    recommendations: Mapped[list[Recommendation]] = relationship(
        secondary="reply_recommendation", back_populates="replies", order_by="Recommendation.position"
    )

    @property
    def disposition(self) -> str | None:
        return self.disposition_override or self.suggested_disposition


class FollowUp(Base):
    """A dated ask in a recommendation or a dated commitment in a reply."""

    __tablename__ = "follow_up"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cycle_id: Mapped[str] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # "ask" | "commitment"
    recommendation_id: Mapped[int | None] = mapped_column(ForeignKey("recommendation.id", ondelete="CASCADE"))
    reply_id: Mapped[int | None] = mapped_column(ForeignKey("reply.id", ondelete="CASCADE"))
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    met_date: Mapped[dt.date | None] = mapped_column(Date)

    cycle: Mapped[Cycle] = relationship(back_populates="follow_ups")
    recommendation: Mapped[Recommendation | None] = relationship()
    reply: Mapped[Reply | None] = relationship()


class Meeting(Base):
    __tablename__ = "meeting"
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scrutiny_body_id: Mapped[str] = mapped_column(ForeignKey("scrutiny_body.id"))
    cycle_id: Mapped[str | None] = mapped_column(ForeignKey("cycle.id", ondelete="SET NULL"))
    date: Mapped[dt.date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(300))
    reference: Mapped[str | None] = mapped_column(String(100))


class Contact(Base):
    __tablename__ = "contact"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")


class ChangeLog(Base):
    """Every edit: who, when, which field, old and new value."""

    __tablename__ = "change_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    who: Mapped[str] = mapped_column(String(100))
    cycle_id: Mapped[str | None] = mapped_column(String(64), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(100))
    field: Mapped[str] = mapped_column(String(60))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)


class Setting(Base):
    __tablename__ = "setting"
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class StoredFile(Base):
    """A file copied into the store (the logo), so every member of a team on one server prints the same."""

    __tablename__ = "stored_file"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    file_name: Mapped[str] = mapped_column(String(300))
    media_type: Mapped[str] = mapped_column(String(60))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
