"""The review workspace showing a 100-page reply PDF, timed against pypdf's own text extraction of the file.

The Import page is driven offscreen: Analyse is pressed on the file and the clock stops when the text as
read is on show with every reply passage highlighted and the proposed list filled (the page painted once).
Both are measured in this run; the figure printed is the ratio (goal <= 2x).
Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_workspace.py`
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extract import build_long_reply  # noqa: E402
from timing import best_of  # noqa: E402


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from tracker.importing.extract import classify, document_info
    from tracker.services.factory import open_services
    from ui.app import _DisplayServices
    from ui.context import AppContext
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    gc.disable()  # as the app does (ui.workers.MainThreadCollector): never collect on a worker thread
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reply.pdf"
        pages, _ = build_long_reply(path)
        services = open_services(f"sqlite:///{Path(folder) / 'bench.db'}", user="bench")
        services.bodies.add("wessex", name="Wessex Police and Crime Commissioner", kind="pcc", area="Wessex")
        services.cycles.create_cycle(
            "c1", "", "plan-pcc", "wessex", triggers={"election": dt.date(2024, 5, 2)}
        )
        window = MainWindow(
            AppContext(_DisplayServices(services)),
            QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat),
        )
        window.resize(1280, 720)
        window.show()
        importer = next(p for p in window.pages if p.title == "Import")
        window.show_page(window.pages.index(importer))
        _wait(app, lambda: importer.cycle_combo.count() > 0)
        importer.kind_reply.setChecked(True)
        importer.path = str(path)

        def pypdf_only():
            from pypdf import PdfReader

            return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)

        def workspace():
            gc.collect()  # on this, the GUI thread, between runs
            classify.cache_clear()  # each run starts cold: no work carried over from the previous run
            document_info.cache_clear()
            importer.result = None
            importer.run_analysis()
            _wait(app, lambda: importer.result is not None and importer.save.isEnabled())
            importer.repaint()  # the text and its highlights drawn, not only laid out
            app.processEvents()

        workspace()
        shown = importer.workspace
        highlighted = shown.highlighted
        base = best_of(3, pypdf_only)
        total = best_of(3, workspace)
        print(
            f"reply PDF: {pages} pages, {highlighted} passages highlighted, {shown.model.rowCount()} listed"
        )
        print(f"  pypdf extract_text              {base * 1000:8.1f} ms  (baseline 1.00x)")
        print(f"  workspace shown and highlighted {total * 1000:8.1f} ms  ({total / base:.2f}x, goal <= 2x)")
        window.context.runner.wait(5000)
        window.close()


def _wait(app, done, timeout: float = 120.0) -> None:
    end = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > end:
            raise TimeoutError("the page did not show the analysis in time")
        app.processEvents()
        time.sleep(0.001)


if __name__ == "__main__":
    main()
