"""A panel's local protocol with its commissioner (for example: acknowledge the panel's report within so many
working days). No panel has one until it turns its own on: the plan template's protocol rule is left out of
every cycle of a body without one, and takes the body's wording and period where it has one. The protocol is
kept as a setting keyed by the body, so it needs no table of its own.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from functools import cache

from tracker.errors import BadInput

PROTOCOL_PREFIX = "protocol."
PROTOCOL_RULE = "local-protocol-reply"
MAX_DAYS = 60  # working days: a protocol longer than three months is a typing slip


@dataclass(frozen=True)
class Protocol:
    days: int
    label: str

    def as_dict(self) -> dict:
        return {"days": self.days, "label": self.label}


def parse(value: str | None) -> Protocol | None:
    if not value:
        return None
    data = json.loads(value)
    return Protocol(int(data["days"]), str(data["label"]))


def dump(protocol: Protocol) -> str:
    return json.dumps(protocol.as_dict(), ensure_ascii=False)


def check(days: int | None, label: str | None, current: Protocol | None) -> Protocol:
    """The protocol after an edit: a period and wording of the panel's own, both needed to turn it on."""
    days = days if days is not None else (current.days if current else None)
    label = (label if label is not None else (current.label if current else "")).strip()
    if days is None:
        raise BadInput("--protocol-days", "", "is needed to turn the local protocol on")
    if not 1 <= days <= MAX_DAYS:
        raise BadInput("--protocol-days", days, f"must be a number of working days from 1 to {MAX_DAYS}")
    if not label:
        raise BadInput(
            "--protocol-label", "", "is needed to turn the local protocol on: say what it asks for"
        )
    if len(label) > 150 or any(ord(c) < 32 for c in label):
        raise BadInput("--protocol-label", label, "must be one line of at most 150 characters")
    return Protocol(days, label)


def apply(template, value: str | None):
    """The template as it applies to one body: without the protocol rule, or with the body's own."""
    if all(r.id != PROTOCOL_RULE for r in template.rules):
        return template
    return _applied(template.id, template.version, value)


@cache
def _applied(template_id: str, version: int, value: str | None):
    from tracker.rules.templates import get_template

    template = get_template(template_id, version=version)
    rule = next((r for r in template.rules if r.id == PROTOCOL_RULE), None)
    if rule is None:
        return template
    protocol = parse(value)
    if protocol is None:
        return dataclasses.replace(template, rules=tuple(r for r in template.rules if r is not rule))
    own = dataclasses.replace(
        rule,
        label=f"Local protocol: {protocol.label}",
        due={**rule.due, "days": protocol.days},
        explanation=(
            f"The panel's own protocol with the commissioner: {protocol.label}, within {protocol.days} working "
            "days of the panel's report. Working days leave out weekends and England and Wales bank holidays, "
            "and the day of the report is not counted."
        ),
    )
    return dataclasses.replace(template, rules=tuple(own if r is rule else r for r in template.rules))
