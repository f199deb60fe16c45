"""Correcting the register: what the officer adds, removes, renumbers, merges and ties by hand, and what a
later import of the same or a corrected document does with it."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import create_engine, select

from tests.cli_helpers import ok
from tracker.errors import BadInput
from tracker.persistence import tables
from tracker.services.importing import SetAsideItem

REPORT = """Report of the Wessex Police and Crime Panel on the draft plan
12 March 2025

Recommendations

1. The Commissioner should publish a rural crime strategy with named measures.
2. The plan should set out how victims will be kept informed about their cases.
3. The Commissioner should report twice a year on response times in each district.
4. The panel asks for a breakdown of the budget for neighbourhood policing.
5. The plan should say how the Commissioner will work with the fire service.
"""


@pytest.fixture
def cycle(panel, capsys):
    ok(capsys, "cycle", "add", "c1", "--body", "wessex", "--template", "plan-pcc",
       "--trigger", "election=2024-05-02", "--db", panel)  # fmt: skip
    return panel


def _services(url):
    from tracker.services.factory import open_services

    return open_services(url)


def _import(url, text, name="report.txt", **kwargs):
    services = _services(url)
    try:
        document = services.imports.read(text=text, name=name)
        extraction = services.imports.preview_recommendations(document)
        return services.imports.import_recommendations(
            "c1", document=document, extraction=extraction, **kwargs
        )
    finally:
        services.dispose()


def _rows(url, table):
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(select(table).where(table.c.cycle_id == "c1")).mappings().all()
    finally:
        engine.dispose()


def _register(url):
    return sorted(_rows(url, tables.recommendation), key=lambda r: r["position"])


# ---- the import contract the review workspace calls -----------------------------------------------------
def test_recommendations_are_stored_in_the_documents_order_whatever_order_they_come_in(cycle):
    services = _services(cycle)
    try:
        document = services.imports.read(text=REPORT, name="report.txt")
        extraction = services.imports.preview_recommendations(document)
        backwards = dataclasses.replace(
            extraction, recommendations=tuple(reversed(extraction.recommendations))
        )
        services.imports.import_recommendations("c1", document=document, extraction=backwards)
    finally:
        services.dispose()
    assert [r["number"] for r in _register(cycle)] == ["1", "2", "3", "4", "5"]


def test_the_officers_items_and_what_they_set_aside_are_stored_as_such(cycle):
    services = _services(cycle)
    try:
        document = services.imports.read(text=REPORT, name="report.txt")
        extraction = services.imports.preview_recommendations(document)
        recs = list(extraction.recommendations)
        fourth = recs.pop(3)  # the officer says the panel's request for a breakdown is no recommendation
        recs[1] = dataclasses.replace(recs[1], text=recs[1].text.replace("informed", "told"))
        result = services.imports.import_recommendations(
            "c1",
            document=document,
            extraction=dataclasses.replace(extraction, recommendations=tuple(recs)),
            by_officer=[1],
            set_aside=[SetAsideItem("recommendation", "4", fourth.text, "not a recommendation")],
        )
    finally:
        services.dispose()
    assert result.added == ("1", "2", "3", "5")
    register = {r["number"]: r for r in _register(cycle)}
    assert {n: r["origin"] for n, r in register.items()} == {
        "1": "reader", "2": "officer", "3": "reader", "5": "reader",
    }  # fmt: skip
    assert "told" in register["2"]["text"]
    (aside,) = _rows(cycle, tables.set_aside)
    assert (aside["kind"], aside["number"], aside["reason"], aside["made_by"]) == (
        "recommendation", "4", "not a recommendation", "test officer",
    )  # fmt: skip
    # the same report, read again from a new file, does not bring the breakdown back
    again = _import(cycle, REPORT + "\n", name="report-again.txt")
    assert again.still_set_aside == ("4",) and again.added == ()
    assert [r["number"] for r in _register(cycle)] == ["1", "2", "3", "5"]


def test_the_contract_refuses_what_it_cannot_store(cycle):
    with pytest.raises(BadInput, match="by_officer: '7'"):
        _import(cycle, REPORT, by_officer=[7])
    with pytest.raises(BadInput, match="set aside reason: 'wrong'"):
        _import(cycle, REPORT, set_aside=[SetAsideItem("recommendation", "1", "some text", "wrong")])
    assert _register(cycle) == []
