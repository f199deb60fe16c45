"""A page of the app sends the same number of SQL statements whatever the size of the store: no view asks
the store once per cycle, per recommendation or per reply (on a server across a network each statement is
a round trip; benchmarks/bench_team_network.py times it)."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from benchmarks.synthetic import build
from tests.db.page_views import VIEWS, cycle_page, statements
from tracker.services.factory import open_services


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sizes")
    urls = {}
    for bodies in (2, 12):  # 8 and 48 cycles, 50 and 300 recommendations
        urls[bodies] = f"sqlite:///{folder / f'{bodies}.db'}"
        build(urls[bodies], bodies=bodies)
    return urls


@contextmanager
def opened(url: str):
    services = open_services(url)
    try:
        yield services
    finally:
        services.dispose()


# what each view sends now; on PostgreSQL the selects of one read travel together (see README, team section)
MOST = {"dashboard": 10, "cycle page": 12, "register": 14}


@pytest.mark.parametrize("name", list(VIEWS))
def test_a_view_sends_as_many_statements_on_a_larger_store(stores, name):
    counts = []
    for url in stores.values():
        services = open_services(url)
        try:
            VIEWS[name](services)  # the first showing may read the schema's version once
            counts.append(statements(services, VIEWS[name]))
        finally:
            services.dispose()
    small, large = counts
    assert small == large, f"the {name} sends {small} statements on 8 cycles but {large} on 48"
    assert small <= MOST[name], f"the {name} sends {small} statements, more than {MOST[name]}"


def test_the_cycle_page_of_a_cycle_with_many_recommendations_sends_no_more(stores):
    services = open_services(stores[12])
    try:
        ids = [cid for cid, _ in services.cycles.titles()]
        plan = next(c for c in ids if "plan" in c)
        other = next(c for c in ids if "precept" in c)
        with_recs = statements(services, lambda s: cycle_page(s, plan))
        without = statements(services, lambda s: cycle_page(s, other))
    finally:
        services.dispose()
    assert with_recs == without


def test_asked_before_for_every_recommendation_sends_as_many_statements_on_a_larger_store(tmp_path):
    counts, compared = [], []
    for bodies in (2, 12):  # three plans a panel: 150 and 900 recommendations, each with earlier ones
        url = f"sqlite:///{tmp_path / f'{bodies}.db'}"
        build(url, bodies=bodies, plans=3)
        with opened(url) as services:
            found = services.asked_before.related_all()
            compared.append(sum(map(len, found.values())))
            counts.append(statements(services, lambda s: s.asked_before.related_all()))
    assert all(compared), "nothing was found asked before: the count says nothing"
    small, large = counts
    assert small == large, f"asked before sends {small} statements on 2 panels but {large} on 12"
    assert small <= 12


def test_analytics_of_one_body_gives_what_the_whole_store_gives_for_it(stores):
    with opened(stores[12]) as services:
        every = services.analytics.analytics()
        one = services.analytics.analytics(body="pcc-03")
    assert one.cycles and one.cycles == [c for c in every.cycles if c.body == "pcc-03"]
    assert one.bodies == [b for b in every.bodies if b.name == "pcc-03"]


def test_the_bodies_list_reads_every_body_s_protocol_at_once(stores):
    """The bodies page and the first-start check list every body: no select per body, its local protocol
    included."""
    counts = []
    for url in stores.values():
        services = open_services(url)
        try:
            services.bodies.list()
            counts.append(statements(services, lambda s: s.bodies.list()))
        finally:
            services.dispose()
    assert counts[0] == counts[1]
