"""The vote on a veto: recorded with the veto stage and checked against the two-thirds rule the law sets
(two-thirds of the panel's members at the time, or in London two-thirds of the votes given)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tracker.domain import Precision
from tracker.domain.formatting import uk_date
from tracker.errors import BadInput
from tracker.persistence import models as m
from tracker.persistence.database import UnitOfWork
from tracker.rules.engine import veto_votes_needed
from tracker.services import convert
from tracker.services.bodies import MAX_MEMBERS, members_on
from tracker.services.dto import VoteRow
from tracker.services.history import record_change


@dataclass(frozen=True)
class VoteResult:
    cycle_id: str
    votes_for: int
    against: int
    abstentions: int
    members: int
    denominator: int
    of_what: str
    needed: int
    carried: bool
    date: dt.date | None
    working: str

    def as_dict(self) -> dict:
        return {
            "cycle": self.cycle_id,
            "for": self.votes_for,
            "against": self.against,
            "abstain": self.abstentions,
            "members": self.members,
            "denominator": self.denominator,
            "of": self.of_what,
            "needed": self.needed,
            "carried": self.carried,
            "date": self.date,
            "working": self.working,
        }


def tally(template, votes_for: int, against: int, abstentions: int, members: int | None) -> VoteRow:
    """A vote counted against the template's two-thirds rule: of the members in post, or of the votes given."""
    by_votes = (template.veto_denominator or "").startswith("votes")
    denominator = votes_for + against if by_votes else (members or 0)
    needed = veto_votes_needed(denominator) if denominator else 0
    return VoteRow(
        votes_for,
        against,
        abstentions,
        members,
        denominator,
        "votes given" if by_votes else "members of the panel at the time",
        needed,
        bool(denominator) and votes_for >= needed,
    )


class VoteService:
    def __init__(self, uow: UnitOfWork, user: str) -> None:
        self.uow = uow
        self.user = user

    def record(
        self,
        cycle_id: str,
        votes_for: int,
        against: int,
        abstentions: int = 0,
        members: int | None = None,
        day: dt.date | None = None,
    ) -> VoteResult:
        """Record the vote on a veto (one transaction); with `day`, the veto stage is dated to it."""
        from tracker.services.cycles import CycleService

        for field, value in (("--for", votes_for), ("--against", against), ("--abstain", abstentions)):
            if value < 0:
                raise BadInput(field, value, "cannot be negative")
        with self.uow() as session:
            cycle = CycleService._get(session, cycle_id)
            template = convert.template_for(cycle)
            if "veto" not in {s.id for s in template.stages} or not template.veto_fraction:
                raise BadInput("cycle", cycle_id, f"is a {template.title.lower()} cycle, which has no veto")
            if members is None:
                members = members_on(cycle.scrutiny_body, day or dt.date.today())
                if members is None:
                    recorded = sorted(r.effective_from for r in cycle.scrutiny_body.memberships)
                    if recorded:
                        raise BadInput(
                            "--members",
                            "",
                            f"is needed: the panel's members in post are recorded only from {uk_date(recorded[0])}, "
                            f"after the vote on {uk_date(day or dt.date.today())}; give --members N, or record the "
                            f"earlier figure with `tracker body edit {cycle.policing_body_id} --members N --from DATE`",
                        )
                    raise BadInput(
                        "--members", "", "is needed: no members in post are recorded for the panel"
                    )
            if not 1 <= members <= MAX_MEMBERS:
                raise BadInput("--members", members, f"must be from 1 to {MAX_MEMBERS}")
            if votes_for + against + abstentions > members:
                raise BadInput(
                    "--for",
                    votes_for,
                    f"with {against} against and {abstentions} abstaining makes "
                    f"{votes_for + against + abstentions} votes, more than the {members} members in post",
                )
            if (template.veto_denominator or "").startswith("votes") and votes_for + against == 0:
                raise BadInput("--for", votes_for, "and --against are both 0: no votes were given")
            count = tally(template, votes_for, against, abstentions, members)
            denominator, of_what, needed, carried = (
                count.denominator,
                count.of_what,
                count.needed,
                count.carried,
            )
            working = (
                f"{votes_for} for, {against} against, {abstentions} abstaining; two-thirds of {denominator} "
                f"{of_what} is {2 * denominator / 3:.2f}, so at least {needed} needed: "
                + ("the veto is carried" if carried else "no veto, and the no-veto path applies")
                + (f" ({template.veto_citation})" if template.veto_citation else "")
            )
            old = (
                f"{cycle.veto_votes_for} for of {cycle.veto_members or cycle.veto_votes_cast}"
                if cycle.veto_votes_for is not None
                else None
            )
            cycle.veto_votes_for, cycle.veto_votes_against = votes_for, against
            cycle.veto_abstentions, cycle.veto_votes_cast, cycle.veto_members = (
                abstentions,
                votes_for + against,
                members,
            )
            stage = next((s for s in cycle.stages if s.key == "veto"), None)
            if day is not None and carried:
                if stage is None:
                    stage = m.Stage(key="veto", position=len(cycle.stages))
                    cycle.stages.append(stage)
                before = uk_date(stage.actual_date) if stage.actual_date else None
                stage.actual_date, stage.actual_precision, stage.actual_after_stage = (
                    day,
                    str(Precision.DAY),
                    None,
                )
                record_change(
                    session, self.user, cycle_id, "stage", "veto", "actual_date", before, uk_date(day)
                )
            elif not carried and stage is not None and stage.actual_precision is not None:
                # a vote that falls short is no veto: a veto date recorded before (a vote since corrected) goes
                before = uk_date(stage.actual_date) if stage.actual_date else stage.actual_precision
                stage.actual_date = stage.actual_precision = stage.actual_after_stage = None
                record_change(session, self.user, cycle_id, "stage", "veto", "actual_date", before, None)
            if day is not None:
                working = f"vote on {uk_date(day)}: {working}"
            record_change(session, self.user, cycle_id, "cycle", cycle_id, "veto vote", old, working)
            return VoteResult(
                cycle_id,
                votes_for,
                against,
                abstentions,
                members,
                denominator,
                of_what,
                needed,
                carried,
                day,
                working,
            )
