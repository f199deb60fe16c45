"""Recommendations set out as plain lines after a lead-in that names them (tracker/importing/layouts/
plain_lines.py): web pages and summaries that lost their list marks. Each fixture is written for the project
in the shape of the layout."""

from __future__ import annotations

from tracker.importing.extract import classify, extract_recommendations
from tracker.importing.layouts import NUMBERED_BY_APP, PLAIN_LINES
from tracker.importing.layouts.plain_lines import plain_lines

COUNTED = """Rural crime: the Panel's findings

Date published:
4 May 2025

The Panel spent six months on the farms and villages of the county.

The Panel's three recommendations are:

The Commissioner should publish rural response times for each district every quarter.

The force should name a lead officer for wildlife crime.

Every rural station should hold an open day each spring.

Share this page
"""


def test_plain_lines_after_a_lead_in_that_counts_them_are_the_recommendations():
    recommendations = extract_recommendations(COUNTED).recommendations
    assert [r.text for r in recommendations] == [line for line in COUNTED.splitlines() if " should " in line]
    assert all({NUMBERED_BY_APP, PLAIN_LINES} <= set(r.flags) for r in recommendations)
    assert [r.number for r in recommendations] == ["1", "2", "3"]


def test_no_more_lines_than_the_lead_in_counts():
    two = COUNTED.replace("three recommendations", "two recommendations")
    assert len(plain_lines(classify(two))) == 2


VERBS = """Custody: a review

The review's recommendations aim to:

Improve how detained people are told of their rights.

Address the waiting times for a doctor at night.

Publish the number of children held overnight.

Replies from the force and the Commissioner were received in June, see the papers below.
"""


def test_after_to_the_lines_open_with_a_verb_and_a_line_that_does_not_ends_the_list():
    found = plain_lines(classify(VERBS))
    assert [f.text.split()[0] for f in found] == ["Improve", "Address", "Publish"]


PHRASES = """The inquiry made 12 recommendations, including for:
A single contact point for every victim of fraud
Regular reviews of the custody suite, overseen by the Panel
A duty to publish the figures "in plain words"
"""


def test_after_for_the_lines_are_phrases_each_flagged_when_it_has_no_asking_verb():
    recommendations = extract_recommendations(PHRASES).recommendations
    assert len(recommendations) == 3
    assert recommendations[0].text == "A single contact point for every victim of fraud"


LABEL = """Cause of concern: forces are not dealing with breaches of orders as a pattern.

Recommendations: Within three months chief constables should make sure breaches are recorded as crimes.

Within three months the national leads should consider new guidance for officers and lawyers.

[on]1st May 2024 [status]being-progressed[/status][/on]
"""


def test_a_label_that_holds_the_first_and_the_asking_paragraphs_after_it():
    found = plain_lines(classify(LABEL))
    assert [f.text.split()[3] for f in found] == ["chief", "the"]


HEADED = """Custody review

The review visited four custody suites over the winter.

## Recommendations

The force should publish the waiting times for a doctor at night.

The Commissioner must fund a second nurse for the central suite.

The review recommended a new leaflet for families of detained people.
"""


def test_under_a_heading_of_their_own_each_line_says_what_someone_should_do():
    found = plain_lines(classify(HEADED))
    assert [f.text.split()[1] for f in found] == ["force", "Commissioner"]  # the told-of one ends the list


def test_lines_that_do_not_ask_or_a_lead_in_about_the_answers_or_the_own_committee_give_nothing():
    findings = COUNTED.replace("should publish", "publishes").replace("should name", "named")
    assert plain_lines(classify(findings.replace("should hold", "held"))) == []
    answers = COUNTED.replace(
        "The Panel's three recommendations are:", "Responses to the recommendations are:"
    )
    assert plain_lines(classify(answers)) == []
    answerer = VERBS.replace(
        "The review's recommendations aim to:", "We will use the review's recommendations to:"
    )
    assert plain_lines(classify(answerer)) == []
    own = "The Committee is recommended to:\n\nNote the work of the sub-groups this year.\n\nAgree the plan for next year.\n"
    assert plain_lines(classify(own)) == []
    bodies = "The report makes recommendations for:\nThe Office of the Police and Crime Commissioner\nThe Chief Constable of the force\n"
    assert plain_lines(classify(bodies)) == []  # the bodies it addresses, not what it asks of them
    answered = LABEL.replace(
        "Within three months the national leads should consider",
        "We accept this recommendation and will issue",
    )
    assert len(plain_lines(classify(answered))) == 0  # the noun "recommendation" asks for nothing
    one = "The Panel's recommendation is:\n\nThe force should publish its figures.\n"
    assert plain_lines(classify(one)) == []  # one line is a sentence, not a list
