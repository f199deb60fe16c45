"""Desktop app start-up, as ratios to a floor measured in the same run.

The floor is what any app of this stack pays: a bare PySide6 window plus `import sqlalchemy.orm`, in a fresh
process. Measured against it (median of 5 fresh processes each, offscreen):
- tracker-app until the dashboard is populated, on the demo store (goal <= 1.3x);
- the same on a large synthetic store, 45 bodies x 4 cycles x 25 recommendations with replies (goal <= 1.6x);
- tracker-app --smoke-test, every page opened and loaded (goal <= 2x);
- peak memory (RSS) of tracker-app with the demo store open vs the floor's (goal <= floor + 40 MiB);
- scale: the dashboard on 450 bodies x 4 cycles (1,800 cycles) vs on 45 bodies x 4 (180): ten times the
  data should cost at most twice the time (goal <= 2x).

Run: `.venv/bin/python benchmarks/bench_app_start.py`; `--only scale` times just the floor and the two
dashboard stores, `--only smoke` just the floor and the smoke test (neither measures memory).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import interleaved  # noqa: E402

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


PEAK_RSS = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, capture_output=True, timeout=300)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_rss_mib(argv: list[str], env: dict) -> float:
    """Peak RSS of one fresh process running argv, from getrusage(RUSAGE_CHILDREN) in a wrapper process."""
    out = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, *argv], env=env, check=True, capture_output=True, text=True
    ).stdout
    return int(out.split()[-1]) / 1024  # Linux reports KiB


def run(argv: list[str], env: dict) -> None:
    subprocess.run(argv, env=env, check=True, capture_output=True, timeout=300)


SUBSETS = {"scale": ("floor", "large", "huge"), "smoke": ("floor", "smoke")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(SUBSETS), help="time only these cases")
    only = parser.parse_args().only
    wanted = SUBSETS.get(only, ("floor", "demo", "large", "smoke", "huge"))
    from synthetic import build

    from tracker.services.factory import open_services

    with tempfile.TemporaryDirectory() as folder:
        # no TRACKER_SETTINGS: each run keeps its window settings in a throwaway folder of its own, so every
        # run opens on the dashboard (a shared file would open the run after a smoke test on its last page)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TRACKER_DATA_DIR=folder)
        env.pop("TRACKER_SETTINGS", None)
        demo = f"sqlite:///{Path(folder) / 'demo.db'}"
        services = open_services(demo)
        services.demo.load()
        services.dispose()
        large = f"sqlite:///{Path(folder) / 'large.db'}"
        huge = f"sqlite:///{Path(folder) / 'huge.db'}"
        if "large" in wanted:
            build(large)
        if "huge" in wanted:
            build(huge, bodies=450)
        app = [sys.executable, "-m", "ui.app"]
        cases = {
            "floor": [sys.executable, "-c", FLOOR],
            "demo": [*app, "--db", demo, "--exit-when-ready"],
            "large": [*app, "--db", large, "--exit-when-ready"],
            "smoke": [*app, "--db", demo, "--smoke-test"],
            "huge": [*app, "--db", huge, "--exit-when-ready"],
        }
        # rounds interleave the cases, so a busy spell on the machine weighs on the floor and the app alike
        times = interleaved(5, {name: partial(run, cases[name], env) for name in wanted})
        if only:
            report_subset(only, times)
            return
        floor, on_demo, on_large, smoke, on_huge = (
            times[k] for k in ("floor", "demo", "large", "smoke", "huge")
        )
        floor_rss = statistics.median(peak_rss_mib([sys.executable, "-c", FLOOR], env) for _ in range(3))
        demo_rss = statistics.median(
            peak_rss_mib([*app, "--db", demo, "--exit-when-ready"], env) for _ in range(3)
        )
    print("app start-up (median of 5 interleaved rounds of fresh processes, offscreen):")
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
    print(
        f"  dashboard populated, 450 bodies x 4 cycles    {on_huge * 1000:7.0f} ms  "
        f"({on_huge / floor:.2f}x; scale 1,800 vs 180 cycles: {on_huge / on_large:.2f}x, goal <= 2x)"
    )
    print("peak memory (median of 3, RSS):")
    print(f"  floor                                         {floor_rss:7.1f} MiB")
    print(
        f"  tracker-app, demo store open                  {demo_rss:7.1f} MiB  "
        f"(floor + {demo_rss - floor_rss:.1f} MiB, goal <= + 40 MiB)"
    )


def report_subset(only: str, times: dict[str, float]) -> None:
    floor = times["floor"]
    print(f"app start-up, {only} only (median of 5 interleaved rounds of fresh processes, offscreen):")
    print(f"  floor {floor * 1000:.0f} ms")
    if only == "scale":
        print(
            f"  dashboard populated: 180 cycles {times['large'] * 1000:.0f} ms ({times['large'] / floor:.2f}x), "
            f"1,800 cycles {times['huge'] * 1000:.0f} ms ({times['huge'] / floor:.2f}x); "
            f"scale {times['huge'] / times['large']:.2f}x (goal <= 2x)"
        )
    else:
        print(f"  --smoke-test {times['smoke'] * 1000:.0f} ms ({times['smoke'] / floor:.2f}x, goal <= 2x)")


if __name__ == "__main__":
    main()
