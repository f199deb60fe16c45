"""A team on one SQLite store: three officers' processes saving 150 edits each at once.

Prints the share of edits saved, refused as busy or as changed by someone else, and the longest any one
save waited, as a ratio of the wait allowed (TRACKER_LOCK_TIMEOUT, 5 s by default). Goals: at least 99%
saved; no save waiting longer than the wait allowed (ratio < 1).

Run: `.venv/bin/python benchmarks/bench_team.py`
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.db.races import officers  # noqa: E402
from tracker.persistence.database import waits  # noqa: E402
from tracker.services.factory import open_services  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'team.db'}"
        services = open_services(url)
        services.demo.load()
        services.dispose()
        plan = [(f"Officer {n}", "text", n) for n in ("3", "4", "5")]
        results = officers(url, plan, 150, "london-2022")
    total = sum(r["saved"] + r["busy"] + r["stale"] + len(r["unexpected"]) for r in results)
    saved = sum(r["saved"] for r in results)
    busy = sum(r["busy"] for r in results)
    longest = max(r["longest_wait"] for r in results)
    print(
        f"3 writers x 150 edits on SQLite: {saved}/{total} saved ({saved / total:.1%}), {busy} refused as busy"
    )
    print(f"longest wait for one save: {longest / waits().lock:.2f} of the wait allowed (goal < 1)")


if __name__ == "__main__":
    main()
