"""The document's own date in the shapes a decision record, a Welsh press release, a published letter and a
letter run into one paragraph give it (tracker/importing/layouts/document_date.py, tracker/importing/dates.py)."""

from __future__ import annotations

import datetime as dt

from tracker.importing.dates import find_dates
from tracker.importing.extract import extract_recommendations
from tracker.importing.layouts.document_date import (
    leading_date,
    letter_title_date,
    narrated_date,
    salutation_date,
    stamped_date,
    weekday_date,
)


def test_a_date_written_in_welsh_is_read():
    assert [f.date for f in find_dates("Cyhoeddwyd 3ydd Hydref 2023")] == [dt.date(2023, 10, 3)]
    assert [f.date for f in find_dates("21ain Mawrth 2024")] == [dt.date(2024, 3, 21)]
    text = "Comisiynydd yn croesawu adroddiad\n\n12fed Chwefror 2022\n\nThe report was published today.\n"
    assert extract_recommendations(text).document.date == dt.date(2022, 2, 12)


def test_a_space_before_the_ordinal_is_read():
    assert [f.date for f in find_dates("sent on 7 th June 2019")] == [dt.date(2019, 6, 7)]
    assert find_dates("on 7 the June") == []


def test_a_heading_that_opens_with_the_date_dates_a_decision_record():
    assert leading_date(
        ["14/03/2023 - Street lighting - Recommendations from the Scrutiny Panel"]
    ) == dt.date(2023, 3, 14)
    assert leading_date(["2 March 2023 – Budget review"]) == dt.date(2023, 3, 2)
    assert leading_date(["14/03/2023 the Panel agreed the figures - and more"]) is None
    assert leading_date(["12 - 14 people attended"]) is None


def test_a_meeting_told_of_in_the_past_perfect_is_no_date_of_the_document():
    assert (
        narrated_date(["The Chair reported that the Panel had held a review meeting on 4 March 2024."])
        is None
    )
    assert narrated_date(["The report had been presented on 4 March 2024."]) is None
    assert narrated_date(["This report was presented to the Panel on 4 March 2024."]) == dt.date(2024, 3, 4)


def test_a_letters_title_dates_it_but_the_letter_it_answers_does_not():
    title = "Letter to the Chair of the Committee from the Minister for Policing, dated 2 November 2016"
    assert letter_title_date([title]) == dt.date(2016, 11, 2)
    assert letter_title_date(["Thank you for your letter dated 2 November 2016 about the plan."]) is None
    text = (
        f"Government response to the Committee's report\n\n{title}\n\n"
        "I write ahead of the full response to the report published on 9 August 2016.\n"
    )
    assert extract_recommendations(text).document.date == dt.date(2016, 11, 2)


def test_the_date_before_the_salutation_dates_a_letter_run_into_one_paragraph():
    line = (
        "Chief Executive Office of the Commissioner Telephone: 01000 000001 12 th May 2021 Dear Chair Review "
        "of the plan I write on behalf of the chief executives."
    )
    assert salutation_date([line]) == dt.date(2021, 5, 12)
    assert salutation_date(["The review ends on 12 May 2021. We are grateful to all who took part."]) is None
    assert extract_recommendations(line).document.date == dt.date(2021, 5, 12)


def test_a_weekday_run_into_its_month_dates_the_meeting():
    # a conversion lost the space: "ThursdayMarch 7th, 2024"
    assert weekday_date(["ThursdayMarch 7th, 2024", "Council Chamber"]) == dt.date(2024, 3, 7)
    assert weekday_date(["Thursdays 7 March 2024"]) is None
    text = "ThursdayMarch 7th, 2024\nCouncil Chamber\nReport to the Panel\n\nThe Panel is asked to note it.\n"
    assert extract_recommendations(text).document.date == dt.date(2024, 3, 7)


def test_a_cover_sheet_run_into_one_paragraph_is_dated_by_its_meeting_day():
    cover = (
        "Open item REPORT OF THE PORTFOLIO HOLDER FOR SAFER STREETS To the Executive Meeting Wednesday,"
        "4th June, 2025 SUBJECT: Street lighting review RECOMMENDATIONS: The Executive to approve the "
        "lighting plan. The plan will be reviewed by 30 September 2025 and reported to the Board."
    )
    assert weekday_date([cover]) == dt.date(2025, 6, 4)
    assert extract_recommendations(cover).document.date == dt.date(2025, 6, 4)
    assert weekday_date(["Policing Panel - Wednesday,4 June 2025"]) == dt.date(2025, 6, 4)
    # a later meeting told of in a long paragraph is no date of this one
    later = cover.replace("To the Executive Meeting Wednesday,", "It goes to the next meeting Wednesday,")
    assert weekday_date([later]) is None
    # far into a long paragraph, a meeting's day is narration, not the cover sheet
    assert weekday_date(["x " * 200 + cover]) is None


def test_a_news_pages_header_stamps_its_date_without_a_colon():
    assert stamped_date([" date 2024-05-21 Association of Example Councils"]) == dt.date(2024, 5, 21)
    assert stamped_date(["Published 2024-05-21"]) == dt.date(2024, 5, 21)
    assert stamped_date(["date 21 May 2024 the group met again"]) is None
    assert stamped_date(["The date 2024-05-21 was set for the next review."]) is None
    text = (
        " date 2024-05-21 Association of Example Councils\n"
        "Statement on the youth safety review\n"
        "The review was published in March 2024 and asked councils to act by 30 June 2024.\n"
    )
    assert extract_recommendations(text).document.date == dt.date(2024, 5, 21)


def test_someone_presenting_another_document_on_a_day_does_not_date_this_one():
    assert (
        narrated_date(["The Chief Executive presented the draft budget to the Board on 3 May 2023."]) is None
    )
    assert narrated_date(["The draft budget was presented to the Board on 3 May 2023."]) == dt.date(
        2023, 5, 3
    )


def test_the_title_of_a_linked_document_does_not_date_the_page():
    lines = [
        "The Board's minutes can be found on its website at:",
        "",
        "Agenda for the Board on Wednesday 3rd May, 2023",
    ]
    assert weekday_date(lines) is None
    assert weekday_date(lines[2:]) == dt.date(2023, 5, 3)
    notice = (
        "Decision notice: approval of the annual report\n\n"
        "The Chief Executive presented the draft annual report to the Board on the 3rd May 2023. The Board's "
        "report on it can be found on its website at:\n\n"
        "Agenda for the Board on Wednesday 3rd May, 2023, 2.00 pm\n"
    )
    assert extract_recommendations(notice).document.date is None
