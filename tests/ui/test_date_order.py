"""Every list of dates opens in date order: the cycle page's obligations, soonest first, undated last."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from tests.ui.test_app import open_page, window  # noqa: E402,F401
from ui.models import ObjectRole, ObligationTableModel  # noqa: E402


def test_the_cycle_pages_obligations_open_by_due_date_undated_last(qtbot, window):  # noqa: F811
    cycle = open_page(qtbot, window, "Cycle")
    with qtbot.waitSignal(cycle.loaded, timeout=10000):
        cycle.select_cycle("london-2013")
    proxy = cycle.obligations_proxy
    rows = [proxy.data(proxy.index(r, 0), ObjectRole) for r in range(proxy.rowCount())]
    dues = [row.due for row in rows]
    dated = [d for d in dues if d is not None]
    assert dated and len(dated) < len(dues), "the example cycle has dated and undated obligations"
    assert dues[: len(dated)] == sorted(dated)
    assert all(d is None for d in dues[len(dated) :])
    header = cycle.obligation_view.horizontalHeader()
    assert header.sortIndicatorSection() == ObligationTableModel.COL_DUE
    first = proxy.data(proxy.index(0, ObligationTableModel.COL_DUE))
    assert first == "25 Mar 2013"  # the reply asked for, before the plan's own date (31 Mar 2013)
