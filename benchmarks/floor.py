"""The floor: what PySide6 + pyqtgraph alone cost for as many plots as the app shows.

    python benchmarks/floor.py [--changes 200] [--runs 5] [--json floor.json]

No app code runs here. The two budgets of issue 11 that the app does not meet are
measured against windows made of bare pyqtgraph parts, in this machine's conditions:

1. **A change, 12 plots on screen.** A ``QMainWindow`` at 1920×1080 holds 12
   ``PlotWidget``s in a grid (the app's window has 12: probability, information,
   history, gradient bars, three sigmoid plots, the surface, two training plots, the
   sweep and its gradient), set up the way the app's are (no context menu, fixed
   ranges, one-rectangle repaints), and 8 ``QLabel``s for the readouts. A change
   gives every plot ``n`` new 10-point curves (``PlotDataItem.setData``, the cheapest
   pyqtgraph item) and every label a new number, then drains the event loop exactly as
   ``latency.py`` does. Rows: n = 1, 2, 3 and 4 per plot (12 to 48 items). A K = 10
   change in the app updates about 51 items: its plots' bars, curves, markers and
   value labels.
2. **Start-up with 12 plots.** The bare window of ``startup.py`` (one ``PlotWidget``)
   against the same with 12 ``PlotWidget``s, 11 of them in tabbed docks, a curve each,
   alternated in one run. The object names of every plot are part of the app's contract
   (README, "Object names"), so they all exist once the window is up.

Each figure is a floor for one budget: no work the app does (the maths, the readouts'
layout, axes, tables, value labels) is in it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from startup import BARE, time_to_first_paint
from window_setup import FRAME_120_MS, WINDOW_SIZE, application, drain, stats

import numpy as np  # isort: skip
from PySide6.QtWidgets import QGraphicsView, QGridLayout, QLabel, QMainWindow, QWidget  # isort: skip

PLOTS = 12
READOUTS = 8
POINTS = 10

BARE_12_PLOTS = """
import sys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow
import pyqtgraph as pg
app = QApplication(sys.argv)
window = QMainWindow()
def plot():
    p = pg.PlotWidget()
    p.plot([0, 1, 2, 3], [1, 3, 2, 4])
    return p
window.setCentralWidget(plot())
first = None
for i in range(11):
    dock = QDockWidget(f"plot {i}")
    dock.setObjectName(f"plot_{i}")
    dock.setWidget(plot())
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    if first is None:
        first = dock
    else:
        window.tabifyDockWidget(first, dock)
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
"""


def change_floor(per_plot: int, changes: int) -> dict[str, float]:
    """ms per change of ``per_plot`` curves in each of 12 bare plots, drained."""
    import pyqtgraph as pg

    app = application()
    window = QMainWindow()
    grid_holder = QWidget()
    grid = QGridLayout(grid_holder)
    window.setCentralWidget(grid_holder)
    curves: list[pg.PlotDataItem] = []
    for i in range(PLOTS):
        plot = pg.PlotWidget(viewBox=pg.ViewBox(enableMenu=False))
        plot.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        plot.setMouseEnabled(False, False)
        plot.setXRange(0, POINTS - 1, padding=0)
        plot.setYRange(0, 1, padding=0)
        plot.getPlotItem().vb.disableAutoRange()
        curves += [plot.plot(np.arange(POINTS), np.zeros(POINTS)) for _ in range(per_plot)]
        grid.addWidget(plot, i // 4, i % 4)
    labels = [QLabel("0.0000") for _ in range(READOUTS)]
    for j, label in enumerate(labels):
        grid.addWidget(label, 3, j)
    window.resize(*WINDOW_SIZE)
    window.show()
    for _ in range(10):
        drain()
        time.sleep(0.01)
    rng = np.random.default_rng(0)
    x = np.arange(POINTS, dtype=np.float64)
    times = []
    for n in range(changes + 20):
        t0 = time.perf_counter()
        for curve in curves:
            curve.setData(x, rng.random(POINTS))
        for label in labels:
            label.setText(f"{rng.random():.4f}")
        drain()
        if n >= 20:  # after a warm-up, as latency.py
            times.append((time.perf_counter() - t0) * 1e3)
    window.close()
    window.deleteLater()
    app.processEvents()
    return stats(times)


def startup_floor(runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"bare": [], "bare, 12 plots": []}
    with tempfile.TemporaryDirectory(prefix="logit-lab-floor-") as config:
        time_to_first_paint(BARE, config)  # warm the file cache
        time_to_first_paint(BARE_12_PLOTS, config)
        for _ in range(runs):
            times["bare"].append(time_to_first_paint(BARE, config))
            times["bare, 12 plots"].append(time_to_first_paint(BARE_12_PLOTS, config))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    print("1. A change in 12 bare plots and 8 labels, 1920×1080, drained: ms")
    print(f"  {'curves':>16} {'median':>8} {'p95':>8} {'max':>8}")
    changes = {}
    for per_plot in (1, 2, 3, 4):
        s = changes[per_plot] = change_floor(per_plot, args.changes)
        name = f"{per_plot} × {PLOTS} = {per_plot * PLOTS}"
        print(f"  {name:>16} {s['median']:8.2f} {s['p95']:8.2f} {s['max']:8.2f}")
    print(f"  issue 11's budget at K = 10: p95 <= {FRAME_120_MS:.1f} ms, with about 51 items")

    startups = startup_floor(args.runs)
    medians = {name: statistics.median(values) for name, values in startups.items()}
    ratio = medians["bare, 12 plots"] / medians["bare"]
    print(f"\n2. Start-up to the first painted window, {args.runs} alternated runs: ms")
    for name, values in startups.items():
        print(f"  {name:>16} median {medians[name]:6.0f}  min {min(values):6.0f}")
    print(f"  12 plots / bare: {ratio:.2f} (issue 11's budget for the app: <= 1.3)")
    if args.json:
        figures = {
            "change_ms": {str(k): v for k, v in changes.items()},
            "startup_ms": startups,
            "startup_ratio": ratio,
        }
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
