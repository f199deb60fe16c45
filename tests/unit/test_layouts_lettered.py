"""Lettered lists (tracker/importing/layouts/lettered.py): the list a panel examined is not the list it
recommends, when both sit under one "Recommendations" heading."""

from __future__ import annotations

from tracker.importing.extract import extract_recommendations
from tracker.importing.layouts import LETTERED_LIST

TOPICS_THEN_ASKS = """Task group on street lighting

4. Recommendations

i) Lighting – matters looked at:

a) Hours of part-night lighting
b) Reports of faults
c) Lighting near bus stops
d) Costs of the LED programme

Interim recommendations:
a) The council should restore all-night lighting on the ten roads with the most reported crime.
b) Faults reported by residents should be fixed within five working days.
c) The LED programme should give priority to bus stops and underpasses.
"""


def test_the_list_under_its_own_lead_in_naming_recommendations_is_taken():
    extraction = extract_recommendations(TOPICS_THEN_ASKS)
    numbers = [r.number for r in extraction.recommendations]
    assert numbers == ["a", "b", "c"]
    assert extraction.recommendations[0].text.startswith("The council should restore")
    assert all(LETTERED_LIST in r.flags for r in extraction.recommendations)


def test_a_single_lettered_list_under_the_heading_is_still_taken():
    text = TOPICS_THEN_ASKS.split("Interim recommendations:")[0].replace(
        "a) Hours of part-night lighting\nb) Reports of faults\nc) Lighting near bus stops\n"
        "d) Costs of the LED programme",
        "a) The council should publish the hours of part-night lighting.\nb) The council should report faults.",
    )
    assert [r.number for r in extract_recommendations(text).recommendations] == ["a", "b"]
