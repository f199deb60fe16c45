"""Help › User guide: the shipped guide rendered from its Markdown, reachable by keyboard, closed with Esc."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from tests.ui.test_app import make_window  # noqa: E402


def test_help_user_guide_shows_the_guide_rendered_and_esc_closes_it(qtbot, services, tmp_path):
    from tracker.paths import user_guide

    window = make_window(qtbot, services, tmp_path)
    actions = window.actions_
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert help_menu.actions()[0] is actions.user_guide
    assert actions.user_guide.shortcut().toString() == "F1"
    with qtbot.waitSignal(actions.dialog_opened, timeout=10000) as opened:
        actions.user_guide.trigger()
    dialog = opened.args[0]
    shown = dialog.browser.toPlainText()
    assert "Importing and confirming a letter" in shown and "Working as a team" in shown
    assert "## " not in shown and "**" not in shown  # rendered, not the Markdown source
    assert "<h2" in dialog.browser.toHtml()
    assert "review workspace" in user_guide()
    assert dialog.isVisible()
    QTest.keyClick(dialog.browser, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    window.context.runner.wait(5000)
    window.close()


def test_the_guide_names_only_menu_entries_the_app_has(qtbot, services, tmp_path):
    """Every "File › X" or "Help › X" the guide mentions is an entry of that menu."""
    import re

    from tracker.paths import user_guide

    window = make_window(qtbot, services, tmp_path)
    menus = {}
    for action in window.menuBar().actions():
        menus[action.text().replace("&", "")] = {
            a.text().replace("&", "").removesuffix("…") for a in action.menu().actions() if a.text()
        }
    named = re.findall(r"\*\*(File|Help|Edit|Cycle) › ([^*]+)\*\*", user_guide())
    assert named
    for menu, entry in named:
        entry = " ".join(entry.split()).removesuffix("…")  # a name may run over a line break
        assert entry in menus[menu], f"{menu} › {entry}"
    window.context.runner.wait(5000)
    window.close()


def test_file_import_meetings_reads_the_calendar_off_the_gui_thread_and_says_what_it_did(
    qtbot, with_body, tmp_path
):
    from tests.unit.test_meeting_import import YEAR

    window = make_window(qtbot, with_body, tmp_path)
    actions = window.actions_
    said: list[tuple[str, str]] = []
    actions.message = lambda title, text: said.append((title, text))
    path = tmp_path / "panel.ics"
    path.write_text(YEAR, encoding="utf-8")
    actions.choose_calendar = lambda: str(path)
    with qtbot.waitSignal(window.context.data_changed, timeout=10000):
        actions.import_meetings.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    assert said[-1][0] == "Import meetings"
    assert said[-1][1].startswith("4 events: 3 added, 0 moved, 0 marked cancelled, 0 unchanged")
    assert [m.title for m in with_body.meetings.list()] == [
        "Panel: precept",
        "Police and Crime Panel",
        "Panel: annual report",
    ]

    bad = tmp_path / "bad.ics"
    bad.write_bytes(b"")
    actions.choose_calendar = lambda: str(bad)
    actions.import_meetings.trigger()
    qtbot.waitUntil(lambda: len(said) == 2, timeout=10000)
    assert said[-1][1].startswith("Nothing was imported: file:") and "is empty" in said[-1][1]
    window.context.runner.wait(5000)
    window.close()
