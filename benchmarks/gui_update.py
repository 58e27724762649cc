"""How long one change takes in the real window: recompute, every view's refresh, repaint.

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_update.py [--changes 300]

For K = 4, 10, 32 and 100 it moves one logit through many values, as a
slider drag does, and reports the time per change:

* update+refresh: the model update (one core.evaluate) and every view
  refreshing its items from the model;
* frame: that plus the event loop repainting what changed, which is what a
  user waits for during a drag (a drag feels physical within a 16.7 ms frame);
* full render: that plus ``grab()`` re-rendering the whole window, an upper
  bound (a real window repaints only the widgets that changed).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=300)
    args = parser.parse_args()

    app = QApplication.instance() or QApplication([])
    from app.main_window import MainWindow
    from app.model import ExplorerModel

    settings = QSettings(os.devnull, QSettings.Format.IniFormat)
    header = ("K", "update+refresh ms", "frame ms", "full render ms")
    print(f"{header[0]:>4} {header[1]:>22} {header[2]:>22} {header[3]:>22}")
    print(f"{'':>4} {'median / p95':>22} {'median / p95':>22} {'median / p95':>22}")
    for k in (4, 10, 32, 100):
        window = MainWindow(ExplorerModel(), settings)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        window.model.update(num_classes=k)
        app.processEvents()
        logits = list(window.model.state.logits)
        times: list[list[float]] = [[], [], []]
        for n in range(args.changes):
            logits[1] = -5 + 10 * (n % 100) / 100
            t0 = time.perf_counter()
            window.model.update(logits=logits)
            t1 = time.perf_counter()
            app.processEvents()  # the repaint of what changed
            t2 = time.perf_counter()
            window.grab()
            t3 = time.perf_counter()
            for column, t in zip(times, (t1, t2, t3), strict=True):
                column.append((t - t0) * 1e3)

        def stats(values: list[float]) -> str:
            values = sorted(values)
            p95 = values[int(0.95 * (len(values) - 1))]
            return f"{statistics.median(values):7.2f} / {p95:7.2f}"

        print(f"{k:>4} " + " ".join(f"{stats(c):>22}" for c in times))
        window.close()
        window.deleteLater()
        app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
