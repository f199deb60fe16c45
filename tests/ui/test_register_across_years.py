"""The register across years in the app: the Asked before panel, the sub-points' status, the Analytics page,
and follow-ups on the dashboard."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QSettings, Qt

from ui.models import ObjectRole


@pytest.fixture
def window(qtbot, demo, tmp_path):
    from ui.app import _DisplayServices
    from ui.context import AppContext
    from ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext(_DisplayServices(demo)), settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    win.context.runner.wait(5000)
    win.close()


def select(qtbot, page, cycle: str, number: str) -> None:
    model = page.proxy
    for row in range(model.rowCount()):
        rec = model.data(model.index(row, 0), ObjectRole)
        if (rec.cycle_id, rec.number) == (cycle, number):
            page.view.setCurrentIndex(model.index(row, 0))
            break
    else:
        raise AssertionError(f"{cycle} {number} is not in the register")
    qtbot.waitUntil(
        lambda: getattr(page, "asked_for", None) is not None and page.asked_for.number == number,
        timeout=20000,
    )
    page.context.runner.wait(20000)


def test_asked_before_panel_shows_the_2017_ask_and_takes_the_officers_word(qtbot, window, demo):
    page = window.pages[2]
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.show_page(2)
    select(qtbot, page, "london-2022", "3")
    first = page.asked.item(0).text()
    assert first.startswith("london-2017 6") and "suggested, score" in first and "not recorded" in first
    assert page.confirm_link.isEnabled() and page.dismiss_link.isEnabled()
    page.asked.setCurrentRow(0)
    qtbot.mouseClick(page.confirm_link, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "asks for the same thing" in page.message.text(), timeout=10000)
    assert demo.asked_before.related("london-2022", "3")[0].link == "confirmed"
    # sub-points carry their status in the detail, written out
    select(qtbot, page, "london-2022", "2")
    assert "⚠ not answered" in page.detail.toPlainText() and "✓ answered" in page.detail.toPlainText()
    if os.environ.get("TRACKER_SCREENSHOTS"):
        window.grab().save(os.path.join(os.environ["TRACKER_SCREENSHOTS"], "08-asked-before.png"))


def test_analytics_page_draws_the_cycles_and_lists_their_figures(qtbot, window):
    from ui.analytics_page import AnalyticsPage

    index = next(i for i, p in enumerate(window.pages) if isinstance(p, AnalyticsPage))
    page = window.pages[index]
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.show_page(index)
    cycles = [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]
    assert cycles == ["london-2013", "london-2017", "london-2022"]
    assert [c.cycle for c in page.chart.cycles] == cycles
    assert page.chart.accessibleName() and page.view.accessibleName()
    image = page.chart.grab().toImage()
    assert len({image.pixel(x, image.height() // 2) for x in range(0, image.width(), 7)}) > 2  # bars drawn
    if os.environ.get("TRACKER_SCREENSHOTS"):
        window.grab().save(os.path.join(os.environ["TRACKER_SCREENSHOTS"], "07-analytics.png"))


def test_the_dashboard_shows_follow_ups_due_or_overdue(qtbot, window):
    import datetime as dt

    page = window.pages[0]
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.context.set_as_of(dt.date(2022, 8, 1))
    qtbot.waitUntil(lambda: page.follow_ups_line.isVisible(), timeout=10000)
    text = page.follow_ups_line.text()
    assert "⚠ overdue" in text and "london-2013" in text and "london-2022" in text
