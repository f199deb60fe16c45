"""Minutes, cabinet decisions and news items: numbered paragraphs of a debate and a paper's requests of its
own meeting are no recommendations; a roman-numbered list put to a cabinet, a Welsh lead-in, and
recommendations told of in a news item's prose are. Each fixture is written for the project in the shape
of the layout."""

from __future__ import annotations

from tracker.importing.extract import classify, document_info, extract_recommendations
from tracker.importing.layouts import NUMBERED_BY_APP
from tracker.importing.layouts.heading_bullets import bullets_under_lead_in
from tracker.importing.layouts.own_request import asks_own_meeting
from tracker.importing.layouts.spoken_minutes import reports_speakers
from tracker.importing.layouts.stated_asks import stated_asks

DEBATE = """Agenda item

Select Committee - Rural Crime

Minutes:

1.   Mrs Green, Chair of the Select Committee introduced its report and the 6 recommendations it makes.

2.   Mr Black drew out the points on schools and said recommendation 2 was essential.

3.   The Leader emphasised that the county was below the national average.

4.   Mr White commented on youth services and recommended the report to Cabinet.
"""


def test_numbered_paragraphs_telling_what_members_said_are_no_recommendations():
    extraction = extract_recommendations(DEBATE)
    assert extraction.recommendations == ()
    assert any("report what was said or done" in warning for warning in extraction.warnings)


def test_a_speaker_is_told_of_only_when_the_first_verb_is_in_the_past():
    assert reports_speakers(["Mr Black drew out the points.", "Cllr Reed, Vice Chair asked for figures."])
    assert not reports_speakers(["The Mayor should publish the plan.", "Members should visit the hub."])
    assert reports_speakers(
        ["The Commissioner clarified the figures.", "The Chief Constable stressed the risks."]
    )
    agreed = ["The Chairman proposed, and the Panel agreed to recommend that the force publishes x."] * 2
    assert not reports_speakers(agreed)


def test_a_paper_asking_its_own_meeting_to_receive_and_agree():
    assert asks_own_meeting(["the annual report be received; and", "members agree that the board continues"])
    assert not asks_own_meeting(["the annual report be published in Welsh", "the force should publish it"])


CABINET = """Arising from the Scrutiny Committee which considered the work at its meeting on 2 March 2025;
the following recommendations were put before the Cabinet:
i) The Licensing Service work with the police so that late licences are checked before each weekend.
ii) The Waste Service clear the litter near late night food premises by 7am.
iii) The Community Safety Officer report on the night bus trial in the autumn.
The recommendations of the Scrutiny Committee be approved.
"""


def test_a_roman_numbered_list_put_to_a_cabinet_keeps_its_numbers_and_no_earlier_meeting_dates_it():
    extraction = extract_recommendations(CABINET)
    assert [r.number for r in extraction.recommendations] == ["i", "ii", "iii"]
    assert extraction.recommendations[1].text.startswith("The Waste Service clear the litter")
    assert document_info(CABINET).date is None  # 2 March is the scrutiny meeting's date, not the decision's
    assert document_info(CABINET.replace("Arising from", "At")).date is not None


def test_roman_sub_points_under_a_lettered_item_stay_sub_points():
    text = (
        "The Panel recommends:\n(a) The force should publish its figures:\n(i) every quarter;\n(ii) by district.\n"
        "(b) The Commissioner should fund the hub.\n"
    )
    recommendations = extract_recommendations(text).recommendations
    assert [r.number for r in recommendations] == ["a", "b"]
    assert recommendations[0].subpoints == ("every quarter;", "by district.")


WELSH = """Mae'r argymhellion yn cynnwys:

  • Cyhoeddi amseroedd ymateb yr heddlu bob chwarter
  • Penodi swyddog arweiniol ar gyfer troseddau gwledig
"""


def test_bullets_under_a_welsh_lead_in_that_names_recommendations():
    found = bullets_under_lead_in(classify(WELSH), lambda text: True)
    assert [f.text.split()[0] for f in found] == ["Cyhoeddi", "Penodi"]


SPOKEN = """Cllr Reed introduced the report, which gave an update on the recommendations made by the Panel. In
particular, she highlighted that:
· Most of the recommendations had been agreed and several were complete.
· The Council was working towards an accreditation that would take a year.
"""


def test_bullets_after_a_speaker_highlighted_that_are_what_was_said():
    flat = SPOKEN.replace("In\nparticular", "In particular")
    assert extract_recommendations(flat).recommendations == ()


NEWS = """Inspection finds partnerships need a firmer footing

The inspection report also recommended the membership of the partnerships should be reviewed.
"Only a few members come from the voluntary sector," said the Chief Inspector.
The London Assembly Police and Crime Committee has written to the Commissioner about the plan, calling for
it to list the promises made in the first year.
"""


def test_recommendations_told_of_without_that_and_a_letter_calling_for_something():
    reported = extract_recommendations(NEWS.split("The London")[0]).recommendations
    assert [r.text for r in reported] == ["That the membership of the partnerships should be reviewed."]
    letter = "The London" + NEWS.split("The London")[1]
    (called,) = extract_recommendations(letter).recommendations
    assert called.text.startswith("The London Assembly Police and Crime Committee has written")
    evidence = "The Committee has opened an inquiry, calling for the public to send their views by May.\n"
    assert extract_recommendations(evidence).recommendations == ()


def test_a_news_item_saying_the_body_has_called_for_something_gives_that_sentence():
    news = (
        "Assembly report on night buses\n\n"
        "The London Assembly has called for night bus drivers to be trained in first aid by next spring.\n"
        "The report praises the operators for the new routes.\n"
    )
    (called,) = extract_recommendations(news).recommendations
    assert called.text.startswith("The London Assembly has called for night bus drivers")
    for call in ("has called for evidence from", "has called on the public to send views to"):
        text = news.replace("has called for night bus drivers to be trained in first aid by", call)
        assert extract_recommendations(text).recommendations == ()


PRIORITIES = """The following priorities were agreed by Members:-

1             Ward forums be consulted on funding a radio scheme for taxi drivers;
2	The licensing team should report on late night levies.
"""


def test_a_number_before_a_wide_gap_numbers_the_item_as_a_full_stop_would():
    first, second = extract_recommendations(PRIORITIES).recommendations
    assert (first.number, second.number) == ("1", "2")
    assert first.text.startswith("Ward forums be consulted")
    kinds = [line.kind for line in classify("1 April 2025 was the start.\n1      Purpose of the report\n")]
    assert kinds == ["text", "section", "blank"]


PAGE = """Youth violence: the Committee's report

The report found that youth services had been cut by a third since 2019.

The Committee calls on the Mayor to restore funding for youth centres in every borough.

It also recommends that the Met publishes its stop and search figures every month.

"Young people told us they had nowhere to go," said the Chair.
"""


def test_asks_a_committee_states_in_its_prose_are_its_recommendations():
    recommendations = extract_recommendations(PAGE).recommendations
    assert [r.text.split()[:3] for r in recommendations] == [
        ["The", "Committee", "calls"],
        ["It", "also", "recommends"],
    ]
    assert all(NUMBERED_BY_APP in r.flags for r in recommendations)


def test_asks_of_the_meeting_itself_or_by_others_and_an_it_with_no_committee_before_it_are_not():
    minutes = (
        "Minutes\n\nThe Committee recommends that the report be noted.\n\nThe inspectorate recommends that forces "
        "publish their data.\n\nIt also recommends that forces train call handlers.\n\nThe Panel calls on members to attend.\n"
    )
    assert stated_asks(classify(minutes)) == []


COUNTED_IN_A_STATEMENT = """Association statement on the youth safety review

The review, published in March, made eight recommendations in all. Three were made to councils.

"Every council has accepted the three recommendations of the review to publish its patrol times each
month, to meet residents in each ward every quarter and to report back to the review team within a year.
We will share what works."
"""


def test_recommendations_counted_and_then_listed_as_to_clauses_give_one_each():
    found = extract_recommendations(COUNTED_IN_A_STATEMENT).recommendations
    first, second, third = (r.text for r in found)
    assert first == "To publish its patrol times each month."
    assert second == "To meet residents in each ward every quarter."
    assert third == "To report back to the review team within a year."
    assert all(NUMBERED_BY_APP in r.flags for r in found)


def test_to_clauses_that_do_not_match_the_count_give_nothing():
    text = COUNTED_IN_A_STATEMENT.replace("the three recommendations", "the four recommendations")
    assert extract_recommendations(text).recommendations == ()
