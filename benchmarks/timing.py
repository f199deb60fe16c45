"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable


def best_of(runs: int, fn: Callable[[], object]) -> float:
    """The fastest of several runs: the least disturbed by whatever else the machine is doing."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def interleaved(rounds: int, cases: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The median time of each case over `rounds` rounds, each round running every case once: a busy spell
    on the machine then weighs on the baseline and the case measured against it alike. The garbage a case
    leaves in reference cycles is collected before the next case starts, untimed: otherwise whichever case
    happens to set off the collector pays for sweeping up another's (a third of a second after a full load
    of 1,800 cycles)."""
    for fn in cases.values():
        fn()  # warm the file cache once
    runs: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(rounds):
        for name, fn in cases.items():
            gc.collect()
            runs[name].append(best_of(1, fn))
    return {name: statistics.median(values) for name, values in runs.items()}
