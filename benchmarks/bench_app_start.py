"""Desktop app start-up, as ratios to a floor measured in the same run.

The floor is what any app of this stack pays: a bare PySide6 window plus `import sqlalchemy.orm`, in a fresh
process. Measured against it (median of 5 fresh processes each, offscreen):
- tracker-app until the dashboard is populated, on the demo store (goal <= 1.3x);
- the same on a large synthetic store, 45 bodies x 4 cycles x 25 recommendations with replies (goal <= 1.6x);
- tracker-app --smoke-test, every page opened and loaded (goal <= 2x).

Run: `.venv/bin/python benchmarks/bench_app_start.py`
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

FLOOR = """
import sqlalchemy.orm
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
window = QLabel("floor")
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def timed(argv: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, capture_output=True, timeout=300)
    return time.perf_counter() - start


def median_of(runs: int, argv: list[str], env: dict) -> float:
    timed(argv, env)  # warm the file cache once
    return statistics.median(timed(argv, env) for _ in range(runs))


def main() -> None:
    from synthetic import build

    from tracker.services.factory import open_services

    with tempfile.TemporaryDirectory() as folder:
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            TRACKER_DATA_DIR=folder,
            TRACKER_SETTINGS=str(Path(folder) / "settings.ini"),
        )
        demo = f"sqlite:///{Path(folder) / 'demo.db'}"
        services = open_services(demo)
        services.demo.load()
        services.dispose()
        large = f"sqlite:///{Path(folder) / 'large.db'}"
        build(large)
        app = [sys.executable, "-m", "ui.app"]
        floor = median_of(5, [sys.executable, "-c", FLOOR], env)
        on_demo = median_of(5, [*app, "--db", demo, "--exit-when-ready"], env)
        on_large = median_of(5, [*app, "--db", large, "--exit-when-ready"], env)
        smoke = median_of(5, [*app, "--db", demo, "--smoke-test"], env)
    print("app start-up (median of 5 fresh processes, offscreen):")
    print(f"  floor: PySide6 window + import sqlalchemy.orm   {floor * 1000:7.0f} ms  (1.00x)")
    print(
        f"  dashboard populated, demo store               {on_demo * 1000:7.0f} ms  ({on_demo / floor:.2f}x, "
        "goal <= 1.3x)"
    )
    print(
        f"  dashboard populated, 45 bodies x 4 cycles     {on_large * 1000:7.0f} ms  ({on_large / floor:.2f}x, "
        "goal <= 1.6x)"
    )
    print(
        f"  --smoke-test, every page loaded               {smoke * 1000:7.0f} ms  ({smoke / floor:.2f}x, "
        "goal <= 2x)"
    )


if __name__ == "__main__":
    main()
