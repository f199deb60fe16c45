"""At 1280 x 800, with few rows, the recommendation's words and the next deadline stay readable: the
column that stretches never shrinks to a few letters when the counts beside it are wide."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from tests.cli_helpers import plan_with_a_report  # noqa: E402
from tests.ui.test_app import make_window, open_page  # noqa: E402


@pytest.fixture
def window(qtbot, services, panel, capsys, tmp_path):
    plan_with_a_report(capsys, panel, tmp_path)
    win = make_window(qtbot, services, tmp_path)
    win.resize(1280, 800)
    yield win
    win.context.runner.wait(5000)
    win.close()


def reload(qtbot, window, page) -> None:
    """Load the page again at the window's final size, and wait until it has its rows."""
    page.refresh()
    window.context.runner.wait(5000)
    qtbot.wait(100)


def test_the_recommendation_column_keeps_room_for_its_words(qtbot, window):
    register = open_page(qtbot, window, "Recommendations")
    reload(qtbot, window, register)
    header = register.view.horizontalHeader()
    assert header.sectionSize(register.model.COL_TEXT) >= 200


def test_the_next_deadline_column_keeps_room_for_its_words(qtbot, window):
    dashboard = window.pages[0]
    reload(qtbot, window, dashboard)
    header = dashboard.cycle_view.horizontalHeader()
    assert header.sectionSize(dashboard.cycles.COL_NEXT) >= 100
