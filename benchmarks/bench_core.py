"""Core speed, printed as ratios measured in one run (no absolute goals: machines differ).

1. Computing every obligation's status on a large synthetic store (45 bodies x 4 cycles) vs loading the
   same rows from the store. Goal: <= 1x (the rules cost no more than reading the data).
2. `tracker deadlines --json` on the demo store vs `python -c "import sqlalchemy"`. Goal: <= 2x.
3. Scale: `tracker cycles` on 450 bodies x 4 cycles (1,800 cycles) vs on 45 bodies x 4 (180). Ten times the
   data should cost at most twice the time. Goal: <= 2x.
4. "Asked before" for every recommendation of the 1,800-cycle store vs loading those recommendations (<= 2x).
   That store has one plan per panel, so nothing is compared: the same is also measured where 45 panels each
   have four plans of worded recommendations (4,500 compared within their panel; the same goal).
5. Analytics over the same store vs loading the rows it counts (<= 1.5x).

Run: `.venv/bin/python benchmarks/bench_core.py`
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import build  # noqa: E402
from timing import best_of, interleaved  # noqa: E402

from tracker.services.convert import evaluate_cycle  # noqa: E402
from tracker.services.cycles import cycle_load  # noqa: E402
from tracker.services.factory import open_services  # noqa: E402


def bench_statuses(folder: Path) -> None:
    from sqlalchemy import select

    from tracker.persistence import models as m

    url = f"sqlite:///{folder / 'large.db'}"
    build(url)
    services = open_services(url)
    as_of = dt.date(2024, 2, 1)

    def load_rows():
        with services.uow() as session:
            cycles = session.scalars(select(m.Cycle).options(*cycle_load())).all()
            return sum(len(c.stages) for c in cycles)

    with services.uow() as session:
        cycles = session.scalars(select(m.Cycle).options(*cycle_load())).all()
        count = len(cycles)

        def compute():
            return sum(len(evaluate_cycle(c, as_of, 14)) for c in cycles)

        obligations = compute()
        compute_time = best_of(5, compute)
    load_time = best_of(5, load_rows)
    services.dispose()
    print(f"statuses: {count} cycles, {obligations} obligations")
    print(f"  load rows     {load_time * 1000:8.1f} ms  (baseline 1.00x)")
    print(f"  compute all   {compute_time * 1000:8.1f} ms  ({compute_time / load_time:.2f}x, goal <= 1x)")


def bench_cli(folder: Path) -> None:
    url = f"sqlite:///{folder / 'demo.db'}"
    env = dict(os.environ, TRACKER_DB=url)
    subprocess.run(
        [sys.executable, "-m", "tracker.cli.main", "demo"], env=env, check=True, capture_output=True
    )

    def baseline():
        subprocess.run([sys.executable, "-c", "import sqlalchemy"], check=True)

    def deadlines():
        subprocess.run(
            [sys.executable, "-m", "tracker.cli.main", "deadlines", "--json"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    times = interleaved(7, {"base": baseline, "ours": deadlines})
    base, ours = times["base"], times["ours"]
    print("cli (median of 7 interleaved rounds):")
    print(f"  python -c 'import sqlalchemy'  {base * 1000:8.1f} ms  (baseline 1.00x)")
    print(f"  tracker deadlines --json       {ours * 1000:8.1f} ms  ({ours / base:.2f}x, goal <= 2x)")


def bench_scale(folder: Path) -> None:
    small = f"sqlite:///{folder / 'large.db'}"  # written by bench_statuses
    huge = f"sqlite:///{folder / 'huge.db'}"
    build(huge, bodies=450)

    def cycles(url: str):
        def run():
            subprocess.run(
                [sys.executable, "-m", "tracker.cli.main", "cycles", "--db", url, "--as-of", "2024-02-01"],
                check=True,
                stdout=subprocess.DEVNULL,
            )

        return run

    times = interleaved(7, {"small": cycles(small), "huge": cycles(huge)})
    base, ours = times["small"], times["huge"]
    print("scale: tracker cycles (median of 7 interleaved rounds)")
    print(f"  180 cycles                     {base * 1000:8.1f} ms  (baseline 1.00x)")
    print(f"  1,800 cycles                   {ours * 1000:8.1f} ms  ({ours / base:.2f}x, goal <= 2x)")


def bench_register(folder: Path) -> None:
    """4. "Asked before" for every recommendation of the 1,800-cycle store vs loading those recommendations
    (goal <= 2x); 5. analytics over the same store vs loading the rows it counts (goal <= 1.5x)."""
    from sqlalchemy import select

    from tracker.persistence import tables as t
    from tracker.services import snapshot

    huge = f"sqlite:///{folder / 'huge.db'}"  # written by bench_scale
    services = open_services(huge)
    plans_url = f"sqlite:///{folder / 'plans.db'}"
    build(plans_url, plans=4)
    plans = open_services(plans_url)

    def load_recommendations(services=services):
        with services.uow.read() as connection:
            return connection.execute(
                select(
                    t.recommendation.c.id,
                    t.recommendation.c.cycle_id,
                    t.recommendation.c.number,
                    t.recommendation.c.text,
                    t.recommendation.c.theme,
                )  # fmt: skip
            ).all()

    def load_rows():
        with services.uow.read() as connection:
            return snapshot.load_full(connection)

    times = interleaved(
        5,
        {
            "load": load_recommendations,
            "asked": lambda: services.asked_before.related_all(),
            "load plans": lambda: load_recommendations(plans),
            "asked plans": lambda: plans.asked_before.related_all(),
            "rows": load_rows,
            "analytics": lambda: services.analytics.analytics(as_of=dt.date(2024, 2, 1)),
        },
    )
    print("register across years (median of 5 interleaved rounds, 1,800 cycles)")
    print(f"  load recommendations           {times['load'] * 1000:8.1f} ms  (baseline 1.00x)")
    print(
        f"  asked before, every one        {times['asked'] * 1000:8.1f} ms  "
        f"({times['asked'] / times['load']:.2f}x, goal <= 2x)"
    )
    print(f"  load recommendations, 4 plans  {times['load plans'] * 1000:8.1f} ms  (baseline 1.00x)")
    print(
        f"  asked before, 4 plans a panel  {times['asked plans'] * 1000:8.1f} ms  "
        f"({times['asked plans'] / times['load plans']:.2f}x, goal <= 2x)"
    )
    print(f"  load the rows counted          {times['rows'] * 1000:8.1f} ms  (baseline 1.00x)")
    print(
        f"  analytics                      {times['analytics'] * 1000:8.1f} ms  "
        f"({times['analytics'] / times['rows']:.2f}x, goal <= 1.5x)"
    )
    services.dispose()
    plans.dispose()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        bench_statuses(Path(tmp))
        bench_cli(Path(tmp))
        bench_scale(Path(tmp))
        bench_register(Path(tmp))
