"""Recommendations a page lists without numbers of its own: run together after "recommend that:"
(layouts/inline_series.py), keyed by code in a flattened table (layouts/code_rows.py), as title and text pairs
(layouts/titled_items.py), or reported in a clause of a news item (layouts/recommending_clause.py). Each
fixture is written for the project in the shape of the layout."""

from __future__ import annotations

from tracker.importing.extract import classify, extract_recommendations
from tracker.importing.layouts import NUMBERED_BY_APP
from tracker.importing.layouts.code_rows import code_rows
from tracker.importing.layouts.inline_series import inline_series
from tracker.importing.layouts.recommending_clause import recommending_clause
from tracker.importing.layouts.titled_items import titled_items

CATALOGUE = """Catalogue record

Description

This report looks at the policing of the county show. The Panel recommend that: the force should publish its
plan for the show a month ahead; stewards and officers should train together; and the Commissioner should
report the cost to the Panel. It follows an earlier report.
"""


def test_a_series_after_recommend_that_is_split_at_its_semicolons():
    flat = CATALOGUE.replace("its\nplan", "its plan").replace("should\nreport", "should report")
    found = inline_series(classify(flat))
    assert [f.text for f in found] == [
        "The force should publish its plan for the show a month ahead",
        "Stewards and officers should train together",
        "The Commissioner should report the cost to the Panel.",
    ]
    assert all(NUMBERED_BY_APP in f.flags for f in found)
    assert len(extract_recommendations(flat).recommendations) == 3


def test_one_clause_after_the_colon_is_no_series():
    assert (
        inline_series(classify("The Panel recommend that: the force publishes its plan. Then it met.\n"))
        == []
    )


CODE_TABLE = """Recommendations tracked
| Code | Recommendation | Review | Response |
|---|---|---|---|
| SR-1 |
Publish response times
The force should publish its response times for each district every …
|
Shire Review (2022) | Accepted |
| SR-2 |
Rural crime lead
The Commissioner should name a lead officer for rural crime in the …
|
Shire Review (2022) | Rejected |
| SR-3 |
Station opening hours
It is recommended that the front counters open on Saturdays
"""


def test_rows_keyed_by_code_keep_the_code_as_the_number():
    found = code_rows(classify(CODE_TABLE))
    assert [f.number for f in found] == ["SR-1", "SR-2", "SR-3"]
    assert found[0].text == (
        "Publish response times: The force should publish its response times for each district every …"
    )
    assert "Shire Review" not in found[1].text
    assert [r.number for r in extract_recommendations(CODE_TABLE).recommendations] == ["SR-1", "SR-2", "SR-3"]


def test_codes_that_do_not_count_up_are_no_table():
    assert code_rows(classify("| AB-1 |\nText one here.\n|\n| CD-7 |\nText two here.\n")) == []


TAG_PAGE = """Tagged recommendations
Publish response times
The force should publish its response times for each district every quarter from next April …
Rural crime lead
The Commissioner should name a lead officer for rural crime in the plan and fund the post.
Station opening hours
That the front counters of the three town stations open on Saturday mornings from the spring …
Victims' updates
Victims must be told within five days who is dealing with their report and how to reach"""


def test_pairs_of_title_and_text_under_a_heading_are_recommendations():
    found = titled_items(classify(TAG_PAGE))
    assert len(found) == 4
    assert found[1].text.startswith("Rural crime lead: The Commissioner should name")
    assert found[3].text.endswith("how to reach")  # the page's last text, cut off, is kept


def test_headlines_and_summaries_are_not_recommendations():
    news = TAG_PAGE.replace("should", "will").replace("must", "will").replace("That the", "The")
    assert titled_items(classify(news)) == []


NEWS = """The Panel has written to the Commissioner with its findings on
the draft plan. (letter attached)
The Panel has written to the Commissioner, recommending that he
publish the force's response times for each district. It also notes that
the plan says little about rural crime.
"""


def test_a_recommendation_reported_in_a_wrapped_sentence_of_a_news_item():
    found = recommending_clause(classify(NEWS))
    assert [f.text for f in found] == [
        "The Panel has written to the Commissioner, recommending that he publish the force's response times "
        "for each district."
    ]
    assert recommending_clause(classify("Officers are recommending that residents lock their sheds.\n")) == []


def test_only_the_last_sentence_of_a_paragraph_leads_into_its_bullets():
    # the paragraph speaks of recommendations, but its last sentence introduces points about an action plan
    text = (
        "The Cabinet Member welcomed the review. The review made several recommendations and an action plan "
        "gives a proposed response to each recommendation. The following changes to the action plan were "
        "agreed at the meeting:\n\n"
        "·  R2: Lead officer to be the Head of Community Safety.\n\n"
        "·  R5: Target date moved to March.\n"
    )
    assert extract_recommendations(text).recommendations == ()


def test_a_short_last_sentence_points_back_to_the_recommendations_before_it():
    text = (
        "The Panel made two recommendations to the Commissioner. They are:\n\n"
        "·  The force should publish its patrol figures every month.\n\n"
        "·  The plan should name a lead for rural crime.\n"
    )
    found = extract_recommendations(text).recommendations
    assert [r.number for r in found] == ["1", "2"]


def test_bullets_after_an_inspections_areas_for_improvement_are_recommendations():
    text = """News

The inspectorate found several areas for improvement in how forces handle stalking. In particular, forces need to:
- give every stalking victim a named officer;
- check protective orders are enforced within a week.
"""
    recommendations = extract_recommendations(text).recommendations
    assert [r.text for r in recommendations] == [
        "give every stalking victim a named officer;",
        "check protective orders are enforced within a week.",
    ]
    assert all(NUMBERED_BY_APP in r.flags for r in recommendations)
    findings = text.replace("areas for improvement", "good practices").replace("forces need to", "they are")
    assert extract_recommendations(findings).recommendations == ()
