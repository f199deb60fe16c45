"""Killed at any moment (SIGKILL: no clean-up runs), a command leaves a store that opens, and an import or a
demo load is there whole or not at all."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.slow

RUNS = 30
LETTER = "The committee recommends:\n\n" + "".join(
    f"{n}. Recommendation number {n} asks for a plan to improve service {n} by March 2027.\n\n"
    for n in range(1, 41)
)


def tracker(*argv: str, env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tracker.cli.main", *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def kill_after(argv: list[str], env: dict, delay: float) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker.cli.main", *argv],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(30)


@pytest.fixture
def env(tmp_path):
    return {**os.environ, "TRACKER_DATA_DIR": str(tmp_path / "data"), "TRACKER_USER": "kill test"}


def test_a_demo_load_killed_at_random_moments_leaves_a_store_that_opens(tmp_path, env):
    rng = random.Random(20261122)  # fixed: a failure can be run again exactly
    outcomes = {"none": 0, "all": 0}
    for run in range(RUNS):
        store = tmp_path / f"demo-{run}.db"
        kill_after(["demo", "--db", f"sqlite:///{store}"], env, rng.uniform(0.15, 1.8))
        if not store.exists():
            outcomes["none"] += 1
            continue
        listed = tracker("cycles", "--json", "--db", f"sqlite:///{store}", env=env)
        assert listed.returncode == 0, (run, listed.stderr)
        cycles = {c["id"] for c in json.loads(listed.stdout)}
        assert cycles in (set(), {"london-2013", "london-2017", "london-2022", "london-2025"}), (run, cycles)
        outcomes["all" if cycles else "none"] += 1
    assert sum(outcomes.values()) == RUNS


def test_an_import_killed_at_random_moments_is_whole_or_absent(tmp_path, env):
    letter = tmp_path / "letter.md"
    letter.write_text(LETTER, encoding="utf-8")
    base = tmp_path / "base.db"
    for argv in (
        ["body", "add", "wessex", "--name", "Wessex PCC", "--kind", "pcc"],
        [
            "cycle",
            "add",
            "c1",
            "--body",
            "wessex",
            "--template",
            "plan-pcc",
            "--trigger",
            "election=2024-05-02",
        ],
    ):
        assert tracker(*argv, "--db", f"sqlite:///{base}", env=env).returncode == 0
    rng = random.Random(11222026)
    for run in range(RUNS):
        store = tmp_path / f"import-{run}.db"
        source = sqlite3.connect(base)
        target = sqlite3.connect(store)
        source.backup(target)
        source.close()
        target.close()
        kill_after(["import", "recommendations", str(letter), "--cycle", "c1", "--db", f"sqlite:///{store}"], env,
                   rng.uniform(0.15, 1.8))  # fmt: skip
        shown = tracker("show", "c1", "--json", "--db", f"sqlite:///{store}", env=env)
        assert shown.returncode == 0, (run, shown.stderr)
        recommendations = json.loads(shown.stdout)["recommendations"]
        assert len(recommendations) in (0, 40), (run, len(recommendations))
        documents = sqlite3.connect(store).execute("SELECT COUNT(*) FROM document").fetchone()[0]
        assert documents == (1 if recommendations else 0), run
