"""The editable wording of the committee papers (resources/report_templates/agenda.json), loaded and checked.

Kept apart from the renderers so the command line and the app can check the wording when they start without
loading the PDF library: a typo in a key or a placeholder is an error naming it, never a silent blank.

The file's top level is the agenda item that puts the reply to a report on a draft police and crime plan
before members. Its `processes` part has one section per process template (precept, annual report,
confirmation hearings, inspection comments, and the plan's draft before the panel): the agenda items for it
and the panel's report. Besides the fixed placeholders, three families name the process's own template:
{cite_RULE} prints the citation of rule RULE (its hyphens written as underscores), {due_RULE} the day that rule
falls due, and {when_STAGE} when the stage happened. Each is checked against the template.
"""

from __future__ import annotations

import json
import string
from functools import cache

from tracker.errors import TrackerError
from tracker.paths import resource

PLACEHOLDERS = frozenset(
    {
        "committee", "committee_short", "plan_title", "body", "the_body", "the_body_lower", "responder", "act",
        "plan_citation", "review_citation", "response_citation", "recommendations_phrase", "draft_published",
        "draft_sent", "draft_sentence", "panel_report",
        "reply_date", "plan_issued", "total", "replied", "grouped", "missing", "replied_phrase",
        "grouped_phrase", "missing_phrase", "reply_sentence", "order_sentence", "coverage_sentence",
        "disposition", "reply_reference", "reply_document_date", "reply_dated", "contents_citation", "reply_at",
        "reply_attached", "appendix_number", "exempt_paragraph", "exempt_description", "reply_pages",
        "document_date", "document_dated", "document_reference", "unreached_phrase",
    }
)  # fmt: skip

# filled for every process paper (agenda items of the processes, and the panel's report)
PROCESS_PLACEHOLDERS = frozenset(
    {
        "committee", "committee_short", "body", "the_body", "the_body_lower", "responder", "act",
        "cycle_title", "members", "needed", "veto_citation", "two_thirds_sentence", "vote_sentence",
        "basis_sentence", "recommendation_count", "recommendations_phrase", "votes_for", "votes_against", "abstentions",
        "denominator", "of_what", "outcome", "response_by", "abstaining_phrase", "item_subject",
    }
)  # fmt: skip
FAMILIES = {"cite_": "rule", "due_": "rule", "when_": "stage"}
# the parts each process section may have, and the parts each agenda item and panel report must have
ITEM_KEYS = ("subject", "sections", "appendices")
REPORT_KEYS = ("title", "basis", "outcomes", "response", "response_unset", "response_rules")
COMMON_KEYS = (
    "two_thirds_members", "two_thirds_unknown", "two_thirds_votes", "vote", "vote_carried", "vote_short",
    "report_heading", "report_to", "decision_heading", "vote_heading",
    "recommendations_heading", "response_heading", "basis_heading", "with_veto_recommendations",
)  # fmt: skip
# the plan templates share the top-level wording (the reply to note); their process section adds the draft
PLAN_TEMPLATES = ("plan-pcc", "plan-london")


class WordingError(TrackerError):
    """The editable wording file names a placeholder the app does not fill, or lacks a part it needs."""


@cache
def wording() -> dict:
    """The papers' wording, checked: a typo in a placeholder is an error naming it, never a silent blank."""
    path = resource("report_templates", "agenda.json")
    try:
        words = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WordingError(f"the agenda wording {path.name} cannot be read: {exc}") from None
    check_wording(words, path.name)
    return words


def _strings(value, where: str):
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k != "about":
                yield from _strings(v, f"{where}.{k}" if where else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{where}[{i}]")


def _fields(text: str, where: str, name: str) -> list[str]:
    try:
        return [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        raise WordingError(f"the agenda wording {name} has a broken placeholder at {where}: {exc}") from None


def _templates(template_ids) -> list:
    from tracker.rules.templates import get_template

    return [get_template(t) for t in template_ids]


def _check_placeholder(placeholder: str, known: frozenset, templates: list, where: str, name: str) -> None:
    for prefix, kind in FAMILIES.items():
        if placeholder.startswith(prefix) and templates:
            wanted = placeholder.removeprefix(prefix)
            wanted = wanted.replace("_", "-") if kind == "rule" else wanted
            ids = {
                t.id: ({r.id for r in t.rules} if kind == "rule" else {s.id for s in t.stages})
                for t in templates
            }
            lacking = [t for t, have in ids.items() if wanted not in have]
            if not lacking:
                return
            have = sorted(set.intersection(*ids.values()))
            raise WordingError(
                f"the agenda wording {name} uses {{{placeholder}}} at {where}, but template {lacking[0]} has no "
                f"{kind} {wanted!r}; its {kind}s: {', '.join(have)}"
            )
    if placeholder not in known:
        raise WordingError(
            f"the agenda wording {name} uses an unknown placeholder {{{placeholder}}} at {where}; "
            f"known: {', '.join(sorted(known))}, and cite_RULE, due_RULE, when_STAGE"
        )


def check_wording(words: dict, name: str = "agenda.json") -> None:
    for key in ("subject", "sections", "sentences", "appendix", "citations", "appendix_title", "processes"):
        if key not in words:
            raise WordingError(f"the agenda wording {name} has no {key!r}")
    top = {k: v for k, v in words.items() if k != "processes"}
    for where, text in _strings(top, ""):
        for placeholder in _fields(text, where, name):
            _check_placeholder(placeholder, PLACEHOLDERS, _templates(PLAN_TEMPLATES), where, name)
    from tracker.rules.templates import load_all

    known_templates = {t.id for t in load_all()}
    processes = words["processes"]
    for template_id, section in processes.items():
        if template_id == "about":
            continue
        if template_id == "common":
            for at, text in _strings(section, "processes.common"):
                for placeholder in _fields(text, at, name):
                    _check_placeholder(placeholder, PROCESS_PLACEHOLDERS, [], at, name)
            continue
        where = f"processes.{template_id}"
        if template_id not in known_templates:
            raise WordingError(
                f"the agenda wording {name} has a section {where} for no known process; "
                f"processes: {', '.join(sorted(known_templates))}"
            )
        _check_section(section, where, name, template_id)
    for key in COMMON_KEYS:
        if key not in processes.get("common", {}):
            raise WordingError(f"the agenda wording {name} has no {key!r} in processes.common")
    for template_id in sorted(known_templates - set(processes)):
        raise WordingError(
            f"the agenda wording {name} has no section processes.{template_id}: every process needs one "
            "(its agenda items, its panel report, or a 'refused' line saying why there is none)"
        )


def _check_section(section: dict, where: str, name: str, template_id: str) -> None:
    if "refused" in section:
        return
    for key in ("names", "items"):
        if key not in section:
            raise WordingError(f"the agenda wording {name} has no {key!r} in {where}")
    for area, names in section["names"].items():
        for key in ("committee_short", "responder"):
            if key not in names:
                raise WordingError(f"the agenda wording {name} has no {key!r} in {where}.names.{area}")
    for item, words in section["items"].items():
        for key in ITEM_KEYS:
            if key not in words:
                raise WordingError(f"the agenda wording {name} has no {key!r} in {where}.items.{item}")
    report = section.get("panel_report")
    if report is not None:
        for key in REPORT_KEYS:
            if key not in report:
                raise WordingError(f"the agenda wording {name} has no {key!r} in {where}.panel_report")
        rules = {r.id for r in _templates([template_id])[0].rules}
        for rule in report["response_rules"]:
            if rule not in rules:
                raise WordingError(
                    f"the agenda wording {name} names rule {rule!r} in {where}.panel_report.response_rules, "
                    f"but template {template_id} has none; its rules: {', '.join(sorted(rules))}"
                )
    templates = _templates([template_id])
    for at, text in _strings(section, where):
        if at.endswith("response_rules") or "response_rules[" in at:
            continue
        for placeholder in _fields(text, at, name):
            _check_placeholder(placeholder, PROCESS_PLACEHOLDERS, templates, at, name)


@cache
def exempt_paragraphs() -> dict[int, str]:
    """Part 1 of Schedule 12A to the Local Government Act 1972: paragraph number to its description. Kept
    here, away from the renderers, so the app lists the paragraphs without loading reportlab."""
    path = resource("report_templates", "schedule_12a.json")
    return {int(k): v for k, v in json.loads(path.read_text(encoding="utf-8"))["paragraphs"].items()}
