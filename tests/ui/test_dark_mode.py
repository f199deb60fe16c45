"""Readable in a dark desktop theme as in a light one: every page's text, table cells and messages reach 4.5:1
against what they are drawn on, measured from the colours the models return and the palette."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel  # noqa: E402

from tests.ui.test_app import make_window, open_page  # noqa: E402
from ui.colours import AA, contrast, muted, status_colours  # noqa: E402

R = QPalette.ColorRole
DARK = {
    R.Window: "#202124", R.WindowText: "#e8eaed", R.Base: "#17181a", R.AlternateBase: "#232528",
    R.Text: "#e8eaed", R.Button: "#2d2f33", R.ButtonText: "#e8eaed", R.Highlight: "#8ab4f8",
    R.HighlightedText: "#202124", R.ToolTipBase: "#303134", R.ToolTipText: "#e8eaed",
    R.PlaceholderText: "#9aa0a6", R.Mid: "#5f6368",
}  # fmt: skip


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in DARK.items():
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture(params=["light", "dark"])
def themed(request, qapp):
    before = qapp.palette()
    if request.param == "dark":
        qapp.setPalette(dark_palette())
    yield request.param
    qapp.setPalette(before)


def _css(style: str, name: str) -> QColor | None:
    found = re.search(rf"(?<![-\w]){name}\s*:\s*(#[0-9a-fA-F]{{6}})", style)
    return QColor(found.group(1)) if found else None


def problems_on(page) -> list[str]:
    palette = QApplication.palette()
    found = []
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or not view.isVisible():
            continue
        for row in range(min(model.rowCount(), 200)):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                if not model.data(index, Qt.ItemDataRole.DisplayRole):
                    continue
                back = model.data(index, Qt.ItemDataRole.BackgroundRole)
                fore = model.data(index, Qt.ItemDataRole.ForegroundRole)
                plain = R.AlternateBase if view.alternatingRowColors() and row % 2 else R.Base
                background = back.color() if back is not None else palette.color(plain)
                text = fore.color() if fore is not None else palette.color(R.Text)
                if contrast(text, background) < AA:
                    found.append(f"{page.title}: {view.accessibleName()} row {row} col {column}")
    for label in page.findChildren(QLabel):
        if not label.isVisible() or not label.text().strip():
            continue
        style = label.styleSheet()
        text = _css(style, "color") or palette.color(R.WindowText)
        background = _css(style, "background") or palette.color(R.Window)
        if contrast(text, background) < AA:
            found.append(f"{page.title}: label {label.text()[:40]!r} {contrast(text, background):.1f}:1")
    return found


def test_every_page_is_readable(qtbot, demo, tmp_path, themed):
    window = make_window(qtbot, demo, tmp_path)
    cycle = open_page(qtbot, window, "Cycle")
    with qtbot.waitSignal(cycle.loaded, timeout=10000):
        cycle.select_cycle("london-2022")
    cycle.message.error("an example of a message")
    problems = []
    for page in window.pages:
        open_page(qtbot, window, page.title)
        problems += problems_on(page)
    window.context.runner.wait(5000)
    window.close()
    assert problems == []


def test_status_tints_and_secondary_text_reach_aa_in_both_themes(qapp):
    from tracker.domain import Status

    for palette in (QPalette(qapp.palette()), dark_palette()):
        for status in Status:
            colours = status_colours(status, palette)
            if colours is not None:
                assert contrast(colours[1], colours[0]) >= AA, status
        for role in (R.Window, R.Base):
            assert contrast(muted(role, palette), palette.color(role)) >= AA


def test_the_dark_theme_gets_dark_tints_not_the_light_ones(qapp):
    from tracker.domain import Status

    overdue_dark = status_colours(Status.OVERDUE, dark_palette())[0]
    assert overdue_dark.lightness() < 100  # a pale pink under light text would be unreadable
