"""The store's tables, declared with SQLAlchemy Core.

The mapped classes in `models` sit on these tables. Read-only views (the dashboard, `tracker cycles`,
`tracker deadlines`, settings) select from the tables directly, so they never import the ORM or configure
a mapper: that was most of what opening the app cost beyond Qt and SQLAlchemy themselves.

Derived values (due dates, statuses, coverage) are never stored: they are computed from these rows by the
rule engine, so a change of law or of the as-of day can never leave a stale status behind.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _version() -> Column:
    """The row's version: an edit based on an older one is refused, so a team on one server never overwrites
    each other's work without knowing (SQLAlchemy raises StaleDataError; the services say who changed it)."""
    return Column("version", Integer, nullable=False, default=1, server_default="1")


def _required(name: str, *args, **kw) -> Column:
    return Column(name, *args, nullable=False, **kw)


def _optional(name: str, *args, **kw) -> Column:
    return Column(name, *args, nullable=True, **kw)


# An elected local policing body: a commissioner (PCC or PFCC), a mayor with PCC functions, or MOPAC.
policing_body = Table(
    "policing_body",
    metadata,
    _version(),
    Column("id", String(64), primary_key=True),
    _required("name", String(200)),
    _required("kind", String(20)),  # "pcc" | "pfcc" | "mayor" | "mopac"
    # the legal regime: "london" (PRSRA ss.6, 32-33) or "pcc" (ss.5, 28-29), which follows from the kind
    _required("area", String(20)),
    _optional("police_area", String(100)),  # "Avon and Somerset"
    _optional("in_wales", Boolean),
    _optional("scrutiny_body_id", String(64), ForeignKey("scrutiny_body.id")),
)

# A police and crime panel, or the London Assembly Police and Crime Committee.
scrutiny_body = Table(
    "scrutiny_body",
    metadata,
    _version(),
    Column("id", String(64), primary_key=True),
    _required("name", String(200)),
    _required("kind", String(30)),  # "assembly-committee" | "panel"
    _optional("members_in_post", Integer),  # the latest figure in panel_membership
)

# How many members the panel had in post from a day on: veto thresholds depend on the figure on the day of
# the vote, and membership changes through the year.
panel_membership = Table(
    "panel_membership",
    metadata,
    Column("id", Integer, primary_key=True),
    _required("scrutiny_body_id", String(64), ForeignKey("scrutiny_body.id", ondelete="CASCADE"), index=True),
    _required("members", Integer),
    _required("effective_from", Date),
    _required("recorded_by", String(100)),
    _required("recorded_at", DateTime, default=utcnow),
    UniqueConstraint("scrutiny_body_id", "effective_from"),
)

# One run of a process: one plan, one annual report, one precept round or one appointment.
cycle = Table(
    "cycle",
    metadata,
    _version(),
    Column("id", String(64), primary_key=True),
    _required("title", String(200)),
    _required("template_id", String(40)),
    _required("template_version", Integer),
    _required("policing_body_id", String(64), ForeignKey("policing_body.id")),
    _required("scrutiny_body_id", String(64), ForeignKey("scrutiny_body.id")),
    _required("notes", Text, default=""),
    # the vote on a veto (precept, chief constable, Deputy Mayor): two-thirds of members, or of votes given
    _optional("veto_votes_for", Integer),
    _optional("veto_votes_cast", Integer),  # for + against: the votes given
    _optional("veto_votes_against", Integer),
    _optional("veto_abstentions", Integer),
    _optional("veto_members", Integer),  # members in post on the day of the vote
    _required("created_at", DateTime, default=utcnow),
)

document = Table(
    "document",
    metadata,
    Column("id", Integer, primary_key=True),
    _required("cycle_id", String(64), ForeignKey("cycle.id", ondelete="CASCADE"), index=True),
    _required("kind", String(40)),  # "committee report" | "reply" | "agenda report" | ...
    _optional("date", Date),
    _optional("reference", String(200)),
    _required("file_name", String(300)),
    _optional("sha256", String(64)),
    _optional("imported_at", DateTime),
    _optional("text", Text),  # kept so passages' positions can be shown again
    _optional("supersedes_id", Integer, ForeignKey("document.id")),
    # the file as it came (up to the import limit): an appendix never depends on the file still being there
    _optional("original", LargeBinary),
    _optional("media_type", String(100)),  # "application/pdf", "text/plain", ...
    _optional("title", String(300)),  # how papers name it ("Report on the draft plan"); file names never
    # the same file may be imported once as each kind (a report wrongly imported can come in as the reply)
    UniqueConstraint("cycle_id", "sha256", "kind"),
)

# A step of the cycle with its planned and actual dates. An actual date may be known only in part: to the
# month (actual_precision "month"), as a latest day ("on or before"), or only as coming after another stage
# ("after", with actual_after_stage).
stage = Table(
    "stage",
    metadata,
    _version(),
    Column("id", Integer, primary_key=True),
    _required("cycle_id", String(64), ForeignKey("cycle.id", ondelete="CASCADE"), index=True),
    _required("key", String(60)),
    _required("position", Integer, default=0),
    _optional("planned_date", Date),
    _optional("actual_date", Date),
    _optional("actual_precision", String(20)),
    _optional("actual_after_stage", String(60)),
    _required("responsible", String(200), default=""),
    _optional("evidence_document_id", Integer, ForeignKey("document.id", ondelete="SET NULL")),
    _required("notes", Text, default=""),
    UniqueConstraint("cycle_id", "key"),
)

# A moved date. The original is kept here and never overwritten.
extension = Table(
    "extension",
    metadata,
    Column("id", Integer, primary_key=True),
    _required("stage_id", Integer, ForeignKey("stage.id", ondelete="CASCADE"), index=True),
    _optional("original_date", Date),
    _required("new_date", Date),
    _required("reason", Text),
    _required("made_by", String(100)),
    _optional("made_at", DateTime),  # unknown for extensions recorded after the fact
)

# Per-cycle record of an obligation: a template rule (rule_id set) or a commitment the user adds. For
# template rules the due date and status are computed; this row only holds what the user says of it.
obligation = Table(
    "obligation",
    metadata,
    _version(),
    Column("id", Integer, primary_key=True),
    _required("cycle_id", String(64), ForeignKey("cycle.id", ondelete="CASCADE"), index=True),
    _optional("rule_id", String(60)),
    _required("label", String(300)),
    _required("basis", String(20)),  # "statute" | "practice" | "committed"
    _required("citation", String(300), default=""),
    _optional("due_date", Date),  # for commitments only
    _optional("met_date", Date),  # for commitments only
    _required("not_applicable", Boolean, default=False),
    _required("notes", Text, default=""),
    UniqueConstraint("cycle_id", "rule_id"),
)

recommendation = Table(
    "recommendation",
    metadata,
    _version(),
    Column("id", Integer, primary_key=True),
    _required("cycle_id", String(64), ForeignKey("cycle.id", ondelete="CASCADE"), index=True),
    _required("number", String(20)),
    _required("position", Integer, default=0),
    _required("label", String(60), default=""),
    _required("text", Text),
    _optional("text_cy", Text),
    _required("addressee", String(200), default=""),
    _required("theme", String(200), default=""),
    _required("tags", JSON, default=list),
    _optional("document_id", Integer, ForeignKey("document.id", ondelete="SET NULL")),
    _optional("span_start", Integer),
    _optional("span_end", Integer),
    # "reader" (proposed by the reader, kept as read or confirmed) or "officer" (added or reworded by hand):
    # a later import of the same report keeps what the officer did
    _required("origin", String(20), default="reader", server_default="reader"),
    UniqueConstraint("cycle_id", "number"),
)

sub_point = Table(
    "sub_point",
    metadata,
    Column("id", Integer, primary_key=True),
    _required("recommendation_id", Integer, ForeignKey("recommendation.id", ondelete="CASCADE"), index=True),
    _required("position", Integer),
    _required("label", String(20), default=""),
    _required("text", Text),
    # what the officer says of the reply's reach: "answered" | "not answered"; null leaves it to the words
    _optional("status", String(20)),
)

# Which recommendations a reply passage answers: one passage may answer several.
reply_recommendation = Table(
    "reply_recommendation",
    metadata,
    Column("reply_id", Integer, ForeignKey("reply.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "recommendation_id", Integer, ForeignKey("recommendation.id", ondelete="CASCADE"), primary_key=True
    ),
)

# A passage of a reply that answers one or several recommendations.
reply = Table(
    "reply",
    metadata,
    _version(),
    Column("id", Integer, primary_key=True),
    _required("cycle_id", String(64), ForeignKey("cycle.id", ondelete="CASCADE"), index=True),
    _optional("document_id", Integer, ForeignKey("document.id", ondelete="SET NULL")),
    _optional("date", Date),
    _required("position", Integer, default=0),
    _required("text", Text, default=""),
    _optional("suggested_disposition", String(30)),
    _optional("disposition_override", String(30)),
    _required("evidence", Text, default=""),
    _optional("span_start", Integer),
    _optional("span_end", Integer),
    # the numbers the reply itself gives this passage, kept even when the committee made no such recommendation
    _required("claimed_numbers", JSON, default=list),
    _required("origin", String(20), default="reader", server_default="reader"),  # as on recommendation
)

# What the reader proposed and the officer set aside (removed, or "not a recommendation"): a later import of
# the same or a corrected document recognises it by its text and does not bring it back.
set_aside = Table(
    "set_aside",
    metadata,
    Column("id", Integer, primary_key=True),
    _required("cycle_id", String(64), ForeignKey("cycle.id", ondelete="CASCADE"), index=True),
    _required("kind", String(20)),  # "recommendation" | "reply"
    _optional("number", String(20)),  # the number the reader gave it
    _required("text", Text),  # as read, so it is recognised again
    _required("reason", String(40)),  # "removed" | "not a recommendation"
    _required("made_by", String(100)),
    _required("made_at", DateTime, default=utcnow),
)

# A dated ask in a recommendation or a dated commitment in a reply.
follow_up = Table(
    "follow_up",
    metadata,
    Column("id", Integer, primary_key=True),
    _required("cycle_id", String(64), ForeignKey("cycle.id", ondelete="CASCADE"), index=True),
    _required("kind", String(20)),  # "ask" | "commitment"
    _optional("recommendation_id", Integer, ForeignKey("recommendation.id", ondelete="CASCADE")),
    _optional("reply_id", Integer, ForeignKey("reply.id", ondelete="CASCADE")),
    _optional("due_date", Date),
    _required("text", Text),
    _optional("met_date", Date),
)

# The officer's word on an "asked before" suggestion: the earlier recommendation asks for the same thing
# ("confirmed", shown first) or does not ("dismissed", hidden). Kept one way: the later one asks again.
recommendation_link = Table(
    "recommendation_link",
    metadata,
    Column("id", Integer, primary_key=True),
    _required("recommendation_id", Integer, ForeignKey("recommendation.id", ondelete="CASCADE"), index=True),
    _required("earlier_id", Integer, ForeignKey("recommendation.id", ondelete="CASCADE"), index=True),
    _required("state", String(20)),  # "confirmed" | "dismissed"
    _required("made_by", String(100)),
    _required("made_at", DateTime, default=utcnow),
    UniqueConstraint("recommendation_id", "earlier_id"),
)

meeting = Table(
    "meeting",
    metadata,
    _version(),
    Column("id", Integer, primary_key=True),
    _required("scrutiny_body_id", String(64), ForeignKey("scrutiny_body.id")),
    _optional("cycle_id", String(64), ForeignKey("cycle.id", ondelete="SET NULL")),
    _required("date", Date),
    _required("title", String(300)),
    _optional("reference", String(100)),
    # the stage of the cycle this meeting is for ("response_published": the meeting that notes the reply)
    _optional("for_stage", String(60)),
)

contact = Table(
    "contact",
    metadata,
    Column("id", Integer, primary_key=True),
    _required("name", String(200)),
    _required("role", String(200), default=""),
    _required("organisation", String(200), default=""),
    _required("email", String(200), default=""),
    _required("phone", String(50), default=""),
)

# Every edit: who, when, which field, old and new value.
change_log = Table(
    "change_log",
    metadata,
    Column("id", Integer, primary_key=True),
    _required("at", DateTime, default=utcnow),
    _required("who", String(100)),
    _optional("cycle_id", String(64), index=True),
    _required("entity", String(40)),
    _required("entity_id", String(100)),
    _required("field", String(60)),
    _optional("old", Text),
    _optional("new", Text),
)

setting = Table(
    "setting",
    metadata,
    _version(),
    Column("key", String(60), primary_key=True),
    _required("value", Text),
)

# A file copied into the store (the logo), so every member of a team on one server prints the same.
stored_file = Table(
    "stored_file",
    metadata,
    Column("key", String(60), primary_key=True),
    _required("file_name", String(300)),
    _required("media_type", String(60)),
    _required("data", LargeBinary),
    _required("updated_at", DateTime, default=utcnow),
)
