"""The Reports page offers what the command line offers for the agenda item and the panel's report: the
meeting, the reply appended or published separately, the secretariat's assessment, a private item with its
paragraph of Schedule 12A, background papers, and the second report's decision. Read back from the paper."""

from __future__ import annotations

import io

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402

from tests.ui.test_app import make_window, open_page  # noqa: E402


@pytest.fixture
def reports(qtbot, demo, tmp_path):
    window = make_window(qtbot, demo, tmp_path)
    page = open_page(qtbot, window, "Reports")
    yield page
    window.context.runner.wait(5000)
    window.close()


def choose(qtbot, page, kind: str, cycle: str) -> None:
    page.kind.setCurrentIndex(page.kind.findData(kind))
    with qtbot.waitSignal(page.meetings_loaded, timeout=20000):
        page.cycle.setCurrentIndex(page.cycle.findData(cycle))


def built_text(qtbot, page) -> str:
    with qtbot.waitSignal(page.loaded, timeout=30000):
        qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    assert page.data is not None, page.message.text()
    if page.data_kind.endswith("-docx"):
        import docx

        return " ".join(p.text for p in docx.Document(io.BytesIO(page.data)).paragraphs)
    from pypdf import PdfReader

    return " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(page.data)).pages
    )


def test_the_agenda_item_without_a_stored_reply_says_how_to_fix_it_in_the_apps_terms(qtbot, reports):
    choose(qtbot, reports, "agenda", "london-2022")
    assert reports.agenda_box.isVisible() and not reports.report_box.isVisible()
    with qtbot.waitSignal(reports.loaded, timeout=30000):
        qtbot.mouseClick(reports.build_button, Qt.MouseButton.LeftButton)
    message = reports.message.text()
    assert "Import page" in message and "Reply published separately" in message
    assert "--" not in message and "tracker " not in message and reports.data is None


def test_the_options_reach_the_paper(qtbot, reports):
    import datetime as dt

    choose(qtbot, reports, "agenda", "london-2022")
    reports.without_appendix.setChecked(True)
    reports.with_assessment.setChecked(True)
    reports.background.setText("Committee minutes, 9 March 2022")
    # a meeting on a day the officer types
    reports.meeting.setCurrentIndex(reports.meeting.findData("date"))
    assert reports.meeting_date.isVisibleTo(reports)
    reports.meeting_date.setDate(dt.date(2022, 6, 16))
    text = built_text(qtbot, reports)
    assert "Date: 16 June 2022" in text
    assert "published separately" in text and "The secretariat's reading of the reply" in text
    assert "Committee minutes, 9 March 2022" in text.split("list of background papers")[1]


def test_a_private_item_needs_its_paragraph_and_then_names_it(qtbot, reports):
    choose(qtbot, reports, "agenda-docx", "london-2022")
    reports.without_appendix.setChecked(True)
    reports.private.setChecked(True)
    assert reports.exempt.isEnabled()
    qtbot.mouseClick(reports.build_button, Qt.MouseButton.LeftButton)
    assert "paragraph of Schedule 12A" in reports.message.text() and reports.data is None
    reports.exempt.setCurrentIndex(reports.exempt.findData(3))
    text = built_text(qtbot, reports)
    assert "paragraph 3" in text and "Schedule 12A" in text
    reports.private.setChecked(False)
    assert not reports.exempt.isEnabled()


def test_a_recorded_meeting_is_offered_and_its_date_goes_on_the_paper(qtbot, reports):
    from tracker.domain.formatting import uk_date

    choose(qtbot, reports, "agenda", "london-2017")
    recorded = [reports.meeting.itemData(i) for i in range(reports.meeting.count())]
    meetings = [d for d in recorded if isinstance(d, int)]
    assert meetings, [reports.meeting.itemText(i) for i in range(reports.meeting.count())]
    index = reports.meeting.findData(meetings[-1])
    reports.meeting.setCurrentIndex(index)
    label = reports.meeting.itemText(index)
    reports.without_appendix.setChecked(True)
    text = built_text(qtbot, reports)
    meeting = reports.context.services.meetings.get(meetings[-1])
    assert label.startswith(uk_date(meeting.date))
    assert f"Date: {meeting.date.day} {meeting.date:%B %Y}" in text


def test_the_panel_report_shows_its_own_options(qtbot, reports):
    choose(qtbot, reports, "panel-report", "london-2022")
    assert reports.report_box.isVisible() and not reports.agenda_box.isVisible()
    reports.decision.setCurrentIndex(reports.decision.findData("accept"))
    with qtbot.waitSignal(reports.loaded, timeout=30000):
        qtbot.mouseClick(reports.build_button, Qt.MouseButton.LeftButton)
    # a plan cycle makes no second report: the refusal names the page's box, not a flag
    message = reports.message.text()
    assert message.startswith("Not built: Second report:") and "--decision" not in message
