"""Keep mine or take theirs in the window: a stage date, an extension and the settings saved from a view
that a colleague has changed since (a second service instance on the same store)."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402

from tests.ui.test_app import open_page, window  # noqa: E402, F401
from tests.ui.test_setup import open_dialog  # noqa: E402
from ui.forms import to_qdate  # noqa: E402

D = dt.date


@pytest.fixture
def colleague(demo):
    from tracker.services.factory import open_services

    other = open_services(demo.url, user="Second Officer")
    yield other
    other.dispose()


def _stage(services, key):
    return next(s for s in services.cycles.detail("london-2025", D.today()).stages if s.key == key)


def _cycle_page(qtbot, window):  # noqa: F811
    cycle = open_page(qtbot, window, "Cycle")
    with qtbot.waitSignal(cycle.loaded, timeout=10000):
        cycle.select_cycle("london-2025")
    return cycle


@pytest.mark.parametrize("choice", ["theirs", "mine"])
def test_a_stage_date_changed_meanwhile_asks_keep_mine_or_take_theirs(
    qtbot,
    window,  # noqa: F811
    demo,
    colleague,
    choice,
):
    cycle = _cycle_page(qtbot, window)
    colleague.cycles.set_stage_date("london-2025", "reply", D(2025, 3, 20))
    asked: list[str] = []
    cycle.resolve_conflict = lambda text: asked.append(text) or choice
    cycle.stage_combo.setCurrentIndex(cycle.stage_combo.findData("reply"))
    cycle.kind_combo.setCurrentIndex(0)
    cycle.date_edit.setDate(to_qdate(D(2025, 3, 27)))
    qtbot.mouseClick(cycle.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    assert "changed by Second Officer" in asked[0]
    expected = D(2025, 3, 20) if choice == "theirs" else D(2025, 3, 27)
    qtbot.waitUntil(lambda: _stage(demo, "reply").actual == expected, timeout=10000)
    qtbot.waitUntil(
        lambda: next(s for s in cycle.stages.rows() if s.key == "reply").actual == expected, timeout=10000
    )


def test_an_extension_from_an_old_view_keeps_mine_on_top_of_theirs(qtbot, window, demo, colleague):  # noqa: F811
    cycle = open_page(qtbot, window, "Cycle")
    with qtbot.waitSignal(cycle.loaded, timeout=10000):
        cycle.select_cycle("london-2017")
    colleague.cycles.extend_stage("london-2017", "consultation_end", D(2017, 3, 6), "theirs")
    cycle.resolve_conflict = lambda text: "mine"
    cycle.stage_combo.setCurrentIndex(cycle.stage_combo.findData("consultation_end"))
    cycle.date_edit.setDate(to_qdate(D(2017, 3, 9)))
    cycle.reason.setText("mine")
    qtbot.mouseClick(cycle.extend_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            [
                e.reason
                for e in next(
                    s
                    for s in demo.cycles.detail("london-2017", D.today()).stages
                    if s.key == "consultation_end"
                ).extensions
            ][-2:]
            == ["theirs", "mine"]
        ),
        timeout=10000,
    )


@pytest.mark.parametrize("choice", ["theirs", "mine"])
def test_settings_changed_meanwhile_ask_keep_mine_or_take_theirs(
    qtbot,
    window,  # noqa: F811
    demo,
    colleague,
    choice,
):
    dialog = open_dialog(qtbot, window, window.actions_.settings)
    qtbot.waitUntil(lambda: "organisation" in dialog.fields and dialog.versions is not None, timeout=10000)
    colleague.settings.set_many({"organisation": "Their Panel"})
    asked: list[str] = []
    dialog.resolve_conflict = lambda text: asked.append(text) or choice
    dialog.fields["organisation"].setText("My Panel")
    dialog.save()
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    assert "Second Officer" in asked[0] and "Their Panel" in asked[0]
    if choice == "mine":
        qtbot.waitUntil(lambda: demo.settings.get_all()["organisation"] == "My Panel", timeout=10000)
    else:
        qtbot.waitUntil(lambda: dialog.fields["organisation"].text() == "Their Panel", timeout=10000)
        assert demo.settings.get_all()["organisation"] == "Their Panel"


def _choose(dialog, text_start: str) -> None:
    index = next(
        i for i in range(dialog.chooser.count()) if dialog.chooser.itemText(i).startswith(text_start)
    )
    dialog.chooser.setCurrentIndex(index)


@pytest.mark.parametrize("choice", ["theirs", "mine"])
def test_a_meeting_changed_meanwhile_asks_keep_mine_or_take_theirs(
    qtbot,
    window,  # noqa: F811
    demo,
    colleague,
    choice,
):
    dialog = open_dialog(qtbot, window, window.actions_.edit_meeting)
    _choose(dialog, "15 Jan 2025")
    meeting = dialog.chosen()
    assert dialog.title_edit.text() == meeting.title
    colleague.meetings.edit(meeting.id, title="Evidence session (moved room)")
    asked: list[str] = []
    dialog.resolve_conflict = lambda text: asked.append(text) or choice
    dialog.title_edit.setText("Evidence session with the experts")
    dialog.date.setDate(D(2025, 1, 16))
    dialog.save()
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    assert "changed by Second Officer" in asked[0] and "moved room" in asked[0]
    if choice == "mine":  # both my fields are saved over theirs
        qtbot.waitUntil(lambda: demo.meetings.get(meeting.id).title.endswith("experts"), timeout=10000)
        assert demo.meetings.get(meeting.id).date == D(2025, 1, 16)
    else:  # the dialog shows what is stored now, and nothing of mine was saved
        qtbot.waitUntil(lambda: dialog.title_edit.text() == "Evidence session (moved room)", timeout=10000)
        assert dialog.date.day() == D(2025, 1, 15) and dialog.isVisible()
        assert demo.meetings.get(meeting.id).date == D(2025, 1, 15)


@pytest.mark.parametrize("choice", ["theirs", "mine"])
def test_a_body_changed_meanwhile_asks_keep_mine_or_take_theirs(
    qtbot,
    window,  # noqa: F811
    demo,
    colleague,
    choice,
):
    dialog = open_dialog(qtbot, window, window.actions_.edit_body)
    body = dialog.chosen()
    assert dialog.name.text() == body.name and dialog.panel.text() == body.panel_name
    colleague.bodies.edit(body.id, panel="Their Committee")
    asked: list[str] = []
    dialog.resolve_conflict = lambda text: asked.append(text) or choice
    dialog.name.setText("My Office")
    dialog.members.setValue(12)
    dialog.save()
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    assert "changed by Second Officer" in asked[0]
    if choice == "mine":  # my name and members saved on top; their panel name, which I did not touch, stays
        qtbot.waitUntil(lambda: demo.bodies.get(body.id).name == "My Office", timeout=10000)
        stored = demo.bodies.get(body.id)
        assert (stored.panel_name, stored.members) == ("Their Committee", 12)
    else:
        qtbot.waitUntil(lambda: dialog.panel.text() == "Their Committee", timeout=10000)
        assert dialog.name.text() == body.name and demo.bodies.get(body.id).name == body.name
