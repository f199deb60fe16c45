"""A large synthetic store for benchmarks: 45 policing bodies x 4 cycles, each plan with 25 recommendations.

Run directly to write one: `python benchmarks/synthetic.py sqlite:///big.db`.
"""

from __future__ import annotations

import datetime as dt
import random
import sys

from sqlalchemy.orm import Session

from tracker.domain import Precision
from tracker.persistence import models as m
from tracker.rules.templates import get_template
from tracker.services.cycles import add_template_stages
from tracker.services.factory import open_services

DISPOSITIONS = ("accepted", "partially accepted", "not accepted", "noted", "unclear")


def build(url: str, bodies: int = 45, recommendations: int = 25, seed: int = 7, plans: int = 1) -> None:
    """`plans` > 1: each body also has that many less one earlier plans, four years apart, whose
    recommendations are worded from a small vocabulary of asks (for "asked before" to compare)."""
    services = open_services(url)
    rng = random.Random(seed)
    with services.uow() as session:
        for b in range(bodies):
            _add_body(session, b, recommendations, rng, plans)
    services.dispose()


# the words of the worded recommendations: an ask, what it is about, and a detail
ASKS = ("Publish", "Set out", "Report on", "Review", "Improve", "Fund", "Explain", "Commit to")
SUBJECTS = (
    "rural crime", "road safety", "the non-emergency number", "victim support services", "stop and search",
    "custody conditions", "domestic abuse", "knife crime", "neighbourhood policing", "police station closures",
    "special constables", "mental health calls", "fraud and cybercrime", "drug harm", "youth diversion",
    "hate crime", "anti-social behaviour", "violence against women and girls", "the estates strategy",
    "performance targets", "the precept", "reserves", "workforce diversity", "PCSO numbers", "999 response times",
    "community engagement", "complaints handling", "body-worn video", "modern slavery", "burglary",
)  # fmt: skip
DETAILS = (
    "with councils", "every six months", "by ethnicity", "for each district", "with dates", "in the annual report",
    "to the panel", "with named leads", "against the previous year", "with the chief constable", "online",
)  # fmt: skip


def _worded(rng: random.Random) -> str:
    return f"{rng.choice(ASKS)} {rng.choice(SUBJECTS)} {rng.choice(DETAILS)} and {rng.choice(SUBJECTS)}."


def _add_body(session: Session, index: int, rec_count: int, rng: random.Random, plans: int = 1) -> None:
    body_id = f"pcc-{index:02d}"
    session.add(m.PolicingBody(id=body_id, name=f"Commissioner for Area {index:02d}", kind="pcc", area="pcc"))
    session.add(
        m.ScrutinyBody(
            id=f"panel-{index:02d}",
            name=f"Area {index:02d} Police and Crime Panel",
            kind="panel",
            members_in_post=rng.choice([10, 12, 15]),
        )
    )
    session.flush()
    year = 2021 + index % 4
    specs = [
        ("plan-pcc", {"election": dt.date(year, 5, 6)}),
        ("precept", {"financial_year_start": dt.date(year + 1, 4, 1)}),
        ("annual-report", {"year_end": dt.date(year, 3, 31)}),
        ("chief-constable", {"notification_received": dt.date(year, 9, 1 + index % 20)}),
    ]
    specs += [("plan-pcc", {"election": dt.date(year - 4 * k, 5, 6)}) for k in range(1, plans)]
    for template_id, triggers in specs:
        template = get_template(template_id)
        cycle_year = next(iter(triggers.values())).year if template_id == "plan-pcc" else year
        cycle = m.Cycle(
            id=f"{body_id}-{template_id}-{cycle_year}",
            title=f"{template.title} {cycle_year}",
            template_id=template.id,
            template_version=template.version,
            policing_body_id=body_id,
            scrutiny_body_id=f"panel-{index:02d}",
        )
        session.add(cycle)
        add_template_stages(cycle, template)
        stages = {s.key: s for s in cycle.stages}
        for key, day in triggers.items():
            stages[key].actual_date, stages[key].actual_precision = day, str(Precision.DAY)
        if template_id == "plan-pcc":
            _add_plan_progress(cycle, stages, cycle_year, rec_count, rng, worded=plans > 1)
    session.flush()


def _add_plan_progress(
    cycle: m.Cycle, stages: dict, year: int, rec_count: int, rng: random.Random, worded: bool = False
) -> None:
    draft = dt.date(year, 11, 1) + dt.timedelta(days=rng.randint(0, 30))
    stages["draft_published"].actual_date, stages["draft_published"].actual_precision = draft, "day"
    report = draft + dt.timedelta(days=rng.randint(40, 70))
    stages["panel_report"].actual_date, stages["panel_report"].actual_precision = report, "day"
    stages["plan_issued"].planned_date = dt.date(year + 1, 3, 20)
    recs = []
    for n in range(1, rec_count + 1):
        rec = m.Recommendation(
            number=str(n),
            position=n,
            label=f"Recommendation {n}",
            text=_worded(rng)
            if worded
            else f"Recommendation {n} on topic {rng.randint(1, 40)} for the plan.",
            theme=f"Theme {n % 6}",
        )
        rec.subpoints = [
            m.SubPoint(position=i, label=chr(97 + i), text=f"sub-point {i}") for i in range(n % 3)
        ]
        recs.append(rec)
        cycle.recommendations.append(rec)
    position = 0
    n = 0
    while n < rec_count - 1:  # the last one is left without a reply
        group = recs[n : n + (2 if rng.random() < 0.15 else 1)]
        reply = m.Reply(
            position=position,
            date=report + dt.timedelta(days=20),
            text=f"Reply passage {position}.",
            suggested_disposition=rng.choice(DISPOSITIONS),
            evidence="synthetic",
        )
        reply.recommendations = group
        cycle.replies.append(reply)
        position += 1
        n += len(group)


if __name__ == "__main__":
    build(sys.argv[1] if len(sys.argv) > 1 else "sqlite:///synthetic.db")
