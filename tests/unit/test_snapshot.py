"""The read-only views (dashboard, `tracker cycles`, `tracker deadlines`) load cycles with plain selects
instead of mapped objects. They must say exactly what the full mapped load says, on every day."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tracker.persistence import models as m
from tracker.services import convert
from tracker.services.cycles import cycle_full_load, find_cycle

DAYS = [
    dt.date(2013, 3, 1),
    dt.date(2017, 3, 20),
    dt.date(2022, 3, 1),
    dt.date(2022, 4, 1),
    dt.date(2026, 1, 5),
    dt.date.today(),
]


def _reference(services, as_of):
    """Summaries and obligations computed the long way, from fully loaded mapped cycles."""
    cycles_service = services.cycles
    with services.uow() as session:
        cycles = session.scalars(select(m.Cycle).options(*cycle_full_load()).order_by(m.Cycle.id)).all()
        summaries = [cycles_service._summary(c, as_of)[0] for c in cycles]
        rows = [
            row
            for c in cycles
            for row in convert.evaluate_cycle(
                c, as_of, cycles_service.due_soon_days, cycles_service.clear_days
            )
        ]
    return summaries, sorted(rows, key=lambda r: (r.due or dt.date.max, r.cycle_id, r.rule_id))


@pytest.fixture
def varied(demo):
    """The London record with what the demo lacks: an extension made on a known day, a commitment met
    late, a rule marked not applicable, and a second panel outside London."""
    cycles = demo.cycles
    cycles.extend_stage("london-2013", "reply", dt.date(2013, 3, 28), "committee moved to a later date")
    cycles.add_commitment("london-2022", "Send the minutes to the Mayor", dt.date(2022, 3, 10))
    rule = next(r.rule_id for r in cycles.obligations("london-2025", dt.date(2026, 1, 5)))
    cycles.set_not_applicable("london-2025", rule, True, "not applied this year")
    return demo


def test_cycle_list_matches_the_full_load_on_every_day(varied):
    for day in DAYS:
        summaries, _ = _reference(varied, day)
        assert varied.cycles.list(day) == summaries, day


def test_deadlines_and_dashboard_match_the_full_load(varied):
    open_statuses = set(convert.OPEN_STATUSES)
    for day in DAYS:
        summaries, rows = _reference(varied, day)
        assert varied.cycles.deadlines(day) == rows, day
        due_by = day + dt.timedelta(days=60)
        overview, due = varied.cycles.overview(day, due_by)
        assert overview == summaries
        assert due == [r for r in rows if r.due is not None and r.due <= due_by and r.status in open_statuses]
        assert varied.cycles.deadlines(day, cycle_id="london-2022") == [
            r for r in rows if r.cycle_id == "london-2022"
        ]


def test_an_extension_made_after_the_day_is_not_counted(varied):
    """The extension above was made today: on a day in 2013 it had not been made, in either load."""
    before = {r.rule_id: r for r in varied.cycles.deadlines(dt.date(2013, 3, 1), cycle_id="london-2013")}
    now = {r.rule_id: r for r in varied.cycles.deadlines(dt.date.today(), cycle_id="london-2013")}
    assert any(r.extensions for r in now.values())
    assert not any(r.extensions for r in before.values())


def _mapped_detail(services, cycle_id, as_of):
    with services.uow() as session:
        cycle = find_cycle(session, cycle_id, cycle_full_load())
        return services.cycles.detail_of(cycle, as_of)


@pytest.fixture
def with_evidence(varied):
    """A stage whose evidence is a stored document, a follow-up met, a disposition changed by hand."""
    with varied.uow() as session:
        document = session.scalars(select(m.Document).where(m.Document.cycle_id == "london-2022")).first()
        stage = session.scalars(select(m.Stage).where(m.Stage.cycle_id == "london-2022")).first()
        stage.evidence_document_id = document.id
        follow_up = session.scalars(select(m.FollowUp)).first()
        follow_up.met_date = dt.date(2022, 6, 1)
    reply = varied.cycles.detail("london-2022", dt.date.today()).replies[0]
    varied.recommendations.set_disposition(reply.id, "noted")
    return varied


def test_cycle_page_matches_the_full_mapped_load_on_every_day(with_evidence):
    for cycle_id in with_evidence.cycles.ids():
        for day in DAYS:
            assert with_evidence.cycles.detail(cycle_id, day) == _mapped_detail(
                with_evidence, cycle_id, day
            ), (
                cycle_id,
                day,
            )
    shown = with_evidence.cycles.detail("london-2022", dt.date.today())
    assert any(s.evidence for s in shown.stages)
    assert shown.follow_ups and shown.replies and shown.documents


def test_register_and_replies_match_the_full_mapped_load(with_evidence):
    for day in (*DAYS, None):
        with with_evidence.uow() as session:
            cycles = session.scalars(select(m.Cycle).options(*cycle_full_load()).order_by(m.Cycle.id)).all()
            mapped = [row for c in cycles for row in convert.recommendation_rows(c, convert.Record(c, day))]
        assert with_evidence.recommendations.register(as_of=day) == mapped, day
    grouped = next(r for r in with_evidence.recommendations.register() if r.grouped_with)
    with with_evidence.uow() as session:
        rec = session.get(m.Recommendation, grouped.id)
        mapped_replies = [convert.reply_row(r) for r in sorted(rec.replies, key=lambda r: r.position)]
    assert with_evidence.recommendations.replies_for(grouped.id) == mapped_replies
    assert len(mapped_replies[0].covers) > 1
