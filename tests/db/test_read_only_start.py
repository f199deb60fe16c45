"""What a read-only start loads: the dashboard, the cycle page, the register, the history and `tracker
deadlines` come from plain selects on the tables, so they never import the ORM or declare the mapped
classes (most of start-up beyond Qt and SQLAlchemy). Editing goes through the mapped classes, loaded on
first use."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

READ_EVERYTHING_THE_DASHBOARD_SHOWS = """
import datetime as dt, json, sys
from tracker.services.factory import open_services

services = open_services(sys.argv[1])
day = dt.date(2026, 11, 22)
summaries, due = services.cycles.overview(day, day + dt.timedelta(days=400))
services.cycles.deadlines(day, within_days=30)
services.cycles.deadlines(day, cycle_id="london-2025")
services.meetings.list(from_date=day, to_date=day + dt.timedelta(days=30))
services.settings.get_all()
services.cycles.titles()
services.cycles.detail("london-2022", day)
register = services.recommendations.register(as_of=day)
services.recommendations.replies_for(register[0].id)
services.history.for_item(limit=50)
read = {
    "cycles": len(summaries),
    "due": len(due),
    "bodies": services.bodies.count(),
    "orm_imported": "sqlalchemy.orm" in sys.modules,
    "models_imported": "tracker.persistence.models" in sys.modules,
}
services.cycles.set_stage_date("london-2025", "consultation_end", dt.date(2026, 12, 3), planned=True)
read["models_after_an_edit"] = "tracker.persistence.models" in sys.modules
print(json.dumps(read))
"""


def run_fresh(code: str, *args: str, data_dir: Path) -> dict:
    env = dict(os.environ, TRACKER_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_every_page_and_deadlines_read_without_importing_the_orm(demo, tmp_path):
    read = run_fresh(READ_EVERYTHING_THE_DASHBOARD_SHOWS, demo.url, data_dir=tmp_path)
    assert read["cycles"] == 4 and read["bodies"] == 1
    assert read["orm_imported"] is False
    assert read["models_imported"] is False
    assert read["models_after_an_edit"] is True  # the first edit brings the mapped classes in


def test_mapped_classes_load_once_when_two_threads_ask_at_once(tmp_path):
    code = """
import json, threading
from tracker.persistence import models as m

found, start = [], threading.Barrier(2)

def ask():
    start.wait()
    found.append(m.Cycle)

threads = [threading.Thread(target=ask) for _ in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
from tracker.persistence import models as real
print(json.dumps({"same": found[0] is found[1] is real.Cycle, "table": real.Cycle.__table__.name}))
"""
    assert run_fresh(code, data_dir=tmp_path) == {"same": True, "table": "cycle"}
