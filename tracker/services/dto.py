"""Plain, frozen data that services return. Widgets, reports and the CLI hold these, never ORM rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tracker.domain import Basis, DateKind, Status, formatting
from tracker.rules.engine import Notice


@dataclass(frozen=True)
class BodyInfo:
    id: str
    name: str
    kind: str  # "mopac" | "pcc"
    area: str  # "london" | "pcc"


@dataclass(frozen=True)
class ScrutinyBodyInfo:
    id: str
    name: str
    kind: str  # "assembly-committee" | "panel"
    members_in_post: int | None


@dataclass(frozen=True)
class ExtensionRow:
    id: int
    stage_key: str
    stage_label: str
    original: dt.date | None
    new: dt.date
    reason: str
    made_by: str
    made_at: dt.datetime | None
    notes: tuple[str, ...] = ()  # e.g. that a statutory deadline for the stage does not move


@dataclass(frozen=True)
class StageRow:
    key: str
    label: str
    party: str
    planned: dt.date | None
    actual: dt.date | None  # the day, or the best single day known (see actual_text)
    actual_text: (
        str  # "24 Mar 2022", "March 2013 (day not known)", "after Final plan issued (...)", "not recorded"
    )
    precision: str | None  # "day" | "month" | "on or before" | "after" | None
    is_trigger: bool
    set_by_panel: bool
    evidence: str | None
    notes: str
    extensions: tuple[ExtensionRow, ...] = ()
    after_stage: str | None = None  # for a date known only as coming after another stage
    version: int = 1


@dataclass(frozen=True)
class ObligationRow:
    cycle_id: str
    rule_id: str
    label: str
    kind: DateKind
    basis: Basis
    citation: str
    url: str | None
    owed_by: str
    owed_to: str
    explanation: str
    due: dt.date | None
    status: Status
    working: str
    warnings: tuple[str, ...]
    extensions: tuple[str, ...]
    met_on: str | None
    days_left: int | None  # due minus the as-of day; negative when overdue
    condition: str | None = (
        None  # "only if: Panel vetoes the proposed precept", while the record has not said
    )
    expected: bool = False  # projected from a date entered for the future, not yet happened

    @property
    def label_expected(self) -> str:
        """The label with its condition, and "(expected)" when the date is a projection."""
        return f"{self.label_with_condition} (expected)" if self.expected else self.label_with_condition

    @property
    def label_with_condition(self) -> str:
        return f"{self.label} ({self.condition})" if self.condition else self.label


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    kind: str  # "ask" (dated ask in a recommendation) | "commitment" (dated commitment in a reply)
    recommendation_number: str | None
    due: dt.date | None
    text: str
    met_on: dt.date | None


@dataclass(frozen=True)
class Source:
    """Where an item was read: the document's file name as stored, and character offsets into its text."""

    document: str
    start: int
    end: int


@dataclass(frozen=True)
class ReplyRow:
    id: int
    date: dt.date | None
    text: str
    covers: tuple[str, ...]  # recommendation numbers this passage answers
    disposition: str | None  # the effective disposition: the user's override, else the suggestion
    suggested_disposition: str | None
    disposition_overridden: bool
    evidence: str
    document_reference: str | None
    span: tuple[int, int] | None
    claimed: tuple[str, ...] = ()  # numbers the reply gives this passage (may include ones never made)
    from_document: bool = True  # False: a summary of the reply, not its own words
    version: int = 1  # the row's version, for an edit that must not overwrite someone else's
    source: Source | None = None  # where it was read; None: typed in by hand
    origin: str = "reader"  # "reader" | "officer" (made or changed by hand)


@dataclass(frozen=True)
class RecommendationRow:
    id: int
    cycle_id: str
    number: str
    label: str
    text: str
    text_cy: str | None
    subpoints: tuple[str, ...]
    addressee: str
    theme: str
    tags: tuple[str, ...]
    reply_status: str  # "replied" | "missing" | "no reply yet"
    grouped_with: tuple[str, ...]
    disposition: str | None
    evidence: str
    reply_ids: tuple[int, ...]
    follow_ups: tuple[FollowUpRow, ...] = ()
    from_document: bool = True  # False: the text is a summary the secretariat keeps, not the report's words
    version: int = 1
    source: Source | None = None  # where it was read; None: added by hand
    origin: str = "reader"  # "reader" | "officer" (made or changed by hand)
    # per sub-point: "answered" | "not answered" | "not recorded" (the officer's word, else the reply's words)
    subpoint_status: tuple[str, ...] = ()
    subpoint_confirmed: tuple[bool, ...] = ()  # True where the officer said it


@dataclass(frozen=True)
class DocumentRow:
    id: int
    kind: str
    date: dt.date | None
    reference: str | None
    file_name: str
    sha256: str
    imported_at: dt.datetime | None
    title: str = ""  # the document's own title, or a description ("Reply from …, 23 March 2022")
    media_type: str | None = None
    has_original: bool = False  # the file itself is in the store (imported since originals are kept)
    supersedes_id: int | None = None


@dataclass(frozen=True)
class StoredDocument:
    """A document as it was imported, for a paper that appends it."""

    id: int
    kind: str
    title: str
    date: dt.date | None
    reference: str | None
    media_type: str
    data: bytes = field(repr=False)
    text: str = field(default="", repr=False)


@dataclass(frozen=True)
class Coverage:
    total: int
    replied: int
    grouped: int  # recommendations answered in a passage shared with others
    missing: int  # a reply is recorded, but nothing in it answers these
    not_recorded: int = 0  # the reply was given, but its text is not in the store

    def describe(self) -> str:
        if self.total == 0:
            return "no recommendations recorded"
        if self.not_recorded:
            return f"{formatting.plural(self.total, 'recommendation')}; reply given but its text not recorded"
        if self.replied == 0 and self.missing == 0:
            return f"{formatting.plural(self.total, 'recommendation')}; no reply recorded yet"
        return f"{self.replied} of {self.total} replied, {self.grouped} grouped, {self.missing} missing"


@dataclass(frozen=True)
class CycleSummary:
    id: str
    title: str
    template_id: str
    kind: str
    body: str
    scrutiny_body: str
    area: str
    current_stage: str  # the latest stage recorded as happened, or "not started"
    next_deadline: ObligationRow | None
    days_left: int | None
    overdue: int
    exceptions: int
    coverage: Coverage
    not_recorded: int = 0  # stages the record does not show although later ones are there
    unconfirmed: int = 0  # orders a part-known date leaves open
    met_late: int = 0  # done, but after the date it was due by

    def next_deadline_text(self, with_date: bool = False) -> str:
        """The next open deadline; with none to come, say so and what is overdue (never "none" alone beside
        overdue work)."""
        if self.next_deadline is not None:
            label = self.next_deadline.label_expected
            return f"{label} ({formatting.uk_date(self.next_deadline.due)})" if with_date else label
        return f"none to come; {self.overdue} overdue" if self.overdue else "none open"


@dataclass(frozen=True)
class VoteRow:
    """The vote on a veto as recorded, counted against the two-thirds rule the law sets."""

    votes_for: int
    against: int
    abstentions: int
    members: int | None  # members in post on the day of the vote
    denominator: int  # members in post, or (London) the votes given
    of_what: str  # "members of the panel at the time" | "votes given"
    needed: int
    carried: bool


@dataclass(frozen=True)
class CycleDetail:
    summary: CycleSummary
    as_of: dt.date
    body: BodyInfo
    scrutiny_body: ScrutinyBodyInfo
    template_title: str
    act: str
    stages: tuple[StageRow, ...]
    obligations: tuple[ObligationRow, ...]
    recommendations: tuple[RecommendationRow, ...]
    replies: tuple[ReplyRow, ...]
    follow_ups: tuple[FollowUpRow, ...]
    documents: tuple[DocumentRow, ...]
    extensions: tuple[ExtensionRow, ...]
    notes: str = ""
    # about the law itself: a template that ends while the cycle runs, or a change announced but not yet law
    notices: tuple[Notice, ...] = ()
    vote: VoteRow | None = None  # the vote on a veto, where one is recorded


@dataclass(frozen=True)
class ChangeRow:
    at: dt.datetime
    who: str
    entity: str
    entity_id: str
    field: str
    old: str | None
    new: str | None
    cycle_id: str | None
    item: str = ""  # what was changed, for people: "Panel notes the response" rather than "stage reply_noted"
    what: str = ""  # which of its values: "date it happened" rather than "actual_date"


@dataclass(frozen=True)
class TemplateInfo:
    id: str
    version: int
    in_force_from: dt.date
    title: str
    area: str
    triggers: tuple[str, ...]
    rules: tuple[dict, ...] = field(default_factory=tuple)
