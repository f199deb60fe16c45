"""A long day in the app: Qt calls that return nothing must not wear the process out."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import sys
import ui  # the app's package: importing it is what every entry point does first
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for i in range(30000):  # far more than None's own reference count on Python 3.11 (about 5,000)
    label.setText(str(i))
    label.setEnabled(i % 2 == 0)
print("done", label.text())
"""


def test_thirty_thousand_void_qt_calls_do_not_abort_the_process():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "done 29999"
