"""Process templates: the statutory and practice rules of each kind of cycle, loaded from `resources/templates`.

Templates are data, one JSON file per version (`plan-london.v1.json`). A later change in the law adds a file
with a higher version and a later `in_force_from`; the old one stays, so a cycle keeps the rules it was run
under. Validation happens at load time so a typo in a template is reported with the file and rule named.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

from tracker.domain import AREAS, Basis, DateKind
from tracker.errors import NotFound
from tracker.paths import resource

DUE_TYPES = {
    "financial_year_end",
    "fixed_before_year",
    "period_beginning_with",
    "working_days",
    "clear_days_before",
    "gate",
    "soft",
    "stage_date",
    "days_before",
    "days_after",
    "not_before",
}
# due types whose date the law itself fixes from a recorded event: an extension never moves them
STATUTORY_PERIODS = frozenset(
    {"financial_year_end", "fixed_before_year", "period_beginning_with", "days_before", "days_after"}
)
CHECKS = {"veto_two_thirds_of_members", "veto_two_thirds_of_votes_cast"}


class TemplateError(ValueError):
    """A template file that does not describe a valid process."""


@dataclass(frozen=True)
class StageDef:
    id: str
    label: str
    party: str
    trigger: bool = False
    optional: bool = False
    set_by_panel: bool = False  # a date the scrutiny body sets (a reply-by date), not an event that happens
    not_before: tuple[str, ...] = ()
    decided_by: str | None = None  # for an optional event (a veto): the stage by which it would have happened
    areas: tuple[str, ...] = AREAS
    # a calendar day rather than an event (1 April of the precept year): the cycle runs in the year before it
    anchor: bool = False
    # a day fixed in advance (a summons's day of attendance): the dates counted back from it are firm, not
    # expected, although the day itself is still to come
    scheduled: bool = False


@dataclass(frozen=True)
class RuleDef:
    id: str
    label: str
    kind: DateKind
    basis: Basis
    owed_by: str
    owed_to: str
    due: Mapping[str, Any]
    met_by: str | None
    citation: str
    url: str | None
    explanation: str
    areas: tuple[str, ...] = AREAS
    area_basis: Mapping[str, Basis] = field(default_factory=dict)
    area_note: Mapping[str, str] = field(default_factory=dict)
    applies_if: str | None = None
    applies_unless: str | None = None
    checks: tuple[str, ...] = ()
    # the law ends the process when this other rule's date passes with nothing done (SI 2012/2271 reg 6(3))
    lapses_if_missed: str | None = None
    lapse_note: str = ""

    def basis_in(self, area: str) -> Basis:
        return self.area_basis.get(area, self.basis)

    @property
    def due_type(self) -> str:
        return str(self.due["type"])

    @property
    def trigger_stages(self) -> tuple[str, ...]:
        """The stages whose dates this rule's date is computed from."""
        due = self.due
        if due["type"] == "gate":
            return (due["before"],)
        if due["type"] == "soft":
            return (due["after"],)
        if due["type"] == "stage_date":
            return (due["stage"],)
        if due["type"] == "not_before":
            return (due["report_stage"], due["decision_stage"])
        return (due["trigger"],)


@dataclass(frozen=True)
class Template:
    id: str
    version: int
    in_force_from: dt.date
    title: str
    cycle_kind: str
    area: str
    act: str
    stages: tuple[StageDef, ...]
    rules: tuple[RuleDef, ...]
    veto_fraction: tuple[int, int] | None = None
    veto_denominator: str | None = None
    # a veto counts only if `stage` happened by the date of `rule` (a precept veto report by 8 February)
    veto_in_time: tuple[str, str] | None = None  # (rule id, stage id)
    veto_citation: str = ""
    post_election_period: tuple[str, str] | None = None
    requires_one_of: tuple[str, ...] = ()  # triggers of which one must be given (election or by-election)
    ends_on: dt.date | None = None  # the last day the law behind the template applies, where one is known
    successor: str = ""  # what replaces it

    @cached_property
    def _stages_by_id(self) -> dict[str, StageDef]:
        return {s.id: s for s in self.stages}

    @cached_property
    def stage_order(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.stages)

    @cached_property
    def stage_positions(self) -> dict[str, int]:
        return {stage_id: i for i, stage_id in enumerate(self.stage_order)}

    @cached_property
    def anchor_ids(self) -> frozenset[str]:
        """The stages that are calendar days (1 April of the precept year), known in advance."""
        return frozenset(s.id for s in self.stages if s.anchor)

    def stage(self, stage_id: str) -> StageDef:
        # looked up tens of thousands of times on a large store: a dict, built once per template
        found = self._stages_by_id.get(stage_id)
        if found is not None:
            return found
        raise NotFound("stage", stage_id, f"is not a stage of template {self.id}; stages: {self.stage_ids()}")

    def rule(self, rule_id: str) -> RuleDef:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise NotFound("rule", rule_id, f"is not a rule of template {self.id}")

    def stage_ids(self) -> str:
        return ", ".join(s.id for s in self.stages)

    @cached_property
    def triggers(self) -> tuple[StageDef, ...]:
        return tuple(s for s in self.stages if s.trigger)

    def areas(self) -> tuple[str, ...]:
        return AREAS if self.area == "any" else (self.area,)


def templates_dir() -> Path:
    return resource("templates")


@cache
def load_all(directory: Path | None = None) -> tuple[Template, ...]:
    folder = directory or templates_dir()
    found = tuple(_parse(path) for path in sorted(folder.glob("*.json")))
    if not found:
        raise TemplateError(f"no templates found in {folder}")
    return found


def template_ids() -> list[str]:
    return sorted({t.id for t in load_all()})


@lru_cache(
    maxsize=1024
)  # templates are fixed once loaded; a large store asks for the same ones thousands of times
def get_template(template_id: str, version: int | None = None, on: dt.date | None = None) -> Template:
    """The template with this id: a given version, else the newest in force on `on`, else the newest."""
    candidates = [t for t in load_all() if t.id == template_id]
    if not candidates:
        raise NotFound(
            "template", template_id, f"is not a known template; known: {', '.join(template_ids())}"
        )
    if version is not None:
        for t in candidates:
            if t.version == version:
                return t
        raise NotFound("template version", version, f"does not exist for {template_id}")
    if on is not None:
        in_force = [t for t in candidates if t.in_force_from <= on]
        if in_force:
            candidates = in_force
    return max(candidates, key=lambda t: t.version)


def _parse(path: Path) -> Template:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise TemplateError(f"{path.name}: cannot read template: {exc}") from exc
    where = path.name
    try:
        stages = tuple(
            StageDef(
                id=s["id"],
                label=s["label"],
                party=s.get("party", ""),
                trigger=bool(s.get("trigger", False)),
                optional=bool(s.get("optional", False)),
                set_by_panel=bool(s.get("set_by_panel", False)),
                not_before=tuple(s.get("not_before", ())),
                decided_by=s.get("decided_by"),
                areas=tuple(s.get("areas", AREAS)),
                anchor=bool(s.get("anchor", False)),
                scheduled=bool(s.get("scheduled", False)),
            )
            for s in raw["stages"]
        )
        rules = tuple(
            RuleDef(
                id=r["id"],
                label=r["label"],
                kind=DateKind(r["kind"]),
                basis=Basis(r["basis"]),
                owed_by=r.get("owed_by", ""),
                owed_to=r.get("owed_to", ""),
                due=r["due"],
                met_by=r.get("met_by"),
                citation=r["citation"],
                url=r.get("url"),
                explanation=r["explanation"],
                areas=tuple(r.get("areas", AREAS)),
                area_basis={k: Basis(v) for k, v in r.get("area_basis", {}).items()},
                area_note=dict(r.get("area_note", {})),
                applies_if=r.get("applies_if"),
                applies_unless=r.get("applies_unless"),
                checks=tuple(r.get("checks", ())),
                lapses_if_missed=r.get("lapses_if_missed"),
                lapse_note=r.get("lapse_note", ""),
            )
            for r in raw["rules"]
        )
        veto = raw.get("veto")
        post_election = raw.get("post_election_period")
        template = Template(
            id=raw["id"],
            version=int(raw["version"]),
            in_force_from=dt.date.fromisoformat(raw["in_force_from"]),
            title=raw["title"],
            cycle_kind=raw["cycle_kind"],
            area=raw["area"],
            act=raw["act"],
            stages=stages,
            rules=rules,
            veto_fraction=tuple(veto["fraction"]) if veto else None,
            veto_denominator=veto["denominator"] if veto else None,
            veto_in_time=(veto["in_time"]["rule"], veto["in_time"]["stage"])
            if veto and "in_time" in veto
            else None,
            veto_citation=veto.get("citation", "") if veto else "",
            post_election_period=tuple(post_election) if post_election else None,
            requires_one_of=tuple(raw.get("requires_one_of", ())),
            ends_on=dt.date.fromisoformat(raw["ends_on"]) if raw.get("ends_on") else None,
            successor=raw.get("successor", ""),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise TemplateError(f"{where}: malformed template: {exc!r}") from exc
    _validate(template, where)
    return template


def _validate(template: Template, where: str) -> None:
    stage_ids = {s.id for s in template.stages}
    rule_ids = {r.id for r in template.rules}
    if len(stage_ids) != len(template.stages) or len(rule_ids) != len(template.rules):
        raise TemplateError(f"{where}: duplicate stage or rule id")
    for stage in template.stages:
        for other in (*stage.not_before, *([stage.decided_by] if stage.decided_by else [])):
            if other not in stage_ids:
                raise TemplateError(f"{where}: stage {stage.id} refers to unknown stage {other}")
    for rule in template.rules:
        if rule.due_type not in DUE_TYPES:
            raise TemplateError(f"{where}: rule {rule.id} has unknown due type {rule.due_type}")
        for stage in rule.trigger_stages:
            if stage not in stage_ids:
                raise TemplateError(f"{where}: rule {rule.id} refers to unknown stage {stage}")
        if rule.met_by and rule.met_by not in stage_ids:
            raise TemplateError(f"{where}: rule {rule.id} is met by unknown stage {rule.met_by}")
        period_rule = rule.due.get("period_rule")
        if period_rule and period_rule not in rule_ids:
            raise TemplateError(f"{where}: rule {rule.id} waits for unknown rule {period_rule}")
        fallback = rule.due.get("fallback")
        if fallback and fallback not in rule_ids:
            raise TemplateError(f"{where}: rule {rule.id} falls back to unknown rule {fallback}")
        for check in rule.checks:
            if check not in CHECKS:
                raise TemplateError(f"{where}: rule {rule.id} has unknown check {check}")
        for name in (rule.applies_if, rule.applies_unless):
            if name and name not in stage_ids:
                raise TemplateError(f"{where}: rule {rule.id} depends on unknown stage {name}")
        if rule.lapses_if_missed and rule.lapses_if_missed not in rule_ids:
            raise TemplateError(f"{where}: rule {rule.id} lapses with unknown rule {rule.lapses_if_missed}")
    if template.veto_in_time:
        rule_id, stage_id = template.veto_in_time
        if rule_id not in rule_ids or stage_id not in stage_ids:
            raise TemplateError(f"{where}: veto in_time names unknown rule {rule_id} or stage {stage_id}")
    for name in template.requires_one_of:
        if name not in stage_ids:
            raise TemplateError(f"{where}: requires_one_of names unknown stage {name}")


# ---- changes announced but not yet law ---------------------------------------------------------------
@dataclass(frozen=True)
class Announcement:
    """A change the Government has announced but Parliament has not made. It is a notice, never a rule:
    when a Bill becomes law the change becomes a template version with an end date (`ends_on`)."""

    announced_on: dt.date
    from_day: dt.date  # cycles with any date on or after this day are reached by it
    text: str
    source: str
    areas: tuple[str, ...]
    templates: tuple[str, ...]  # empty: every template for those areas

    def reaches(self, template_id: str, area: str) -> bool:
        return area in self.areas and (not self.templates or template_id in self.templates)


@cache
def announcements(path: Path | None = None) -> tuple[Announcement, ...]:
    file = path or resource("announcements.json")
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
        return tuple(
            Announcement(
                announced_on=dt.date.fromisoformat(a["announced_on"]),
                from_day=dt.date.fromisoformat(a["from"]),
                text=a["text"],
                source=a["source"],
                areas=tuple(a.get("areas", AREAS)),
                templates=tuple(a.get("templates", ())),
            )
            for a in raw["announcements"]
        )
    except FileNotFoundError:
        return ()
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise TemplateError(f"{file.name}: malformed announcements: {exc!r}") from exc
