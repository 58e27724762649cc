"""What the window benchmarks share: the real window with every view in sight, timing
statistics, and the drain of the event loop.

Not a benchmark itself. ``latency.py``, ``training_views.py`` and ``startup.py`` import
it; each puts this folder on ``sys.path`` by being run as a script from it.
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402

FRAME_60_MS = 1000 / 60
FRAME_120_MS = 1000 / 120
WINDOW_SIZE = (1920, 1080)


def stats(values: list[float]) -> dict[str, float]:
    """Median, p95 (nearest rank) and max of ``values``."""
    ordered = sorted(values)
    return {
        "median": statistics.median(ordered),
        "p95": ordered[int(0.95 * (len(ordered) - 1))],
        "max": ordered[-1],
    }


def application() -> QApplication:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    return app


def drain() -> None:
    """Run the event loop until nothing is pending: updates, layouts and the repaint."""
    app = application()
    app.processEvents()
    app.processEvents()  # what the first turn posted (a relayout's repaint)


def show_every_view(window: QMainWindow) -> None:
    """Every dock side by side, none behind a tab: each view is on screen at once."""
    w = window
    left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    for dock in w.docks:
        w.removeDockWidget(dock)
    w.addDockWidget(left, w.class_dock)
    w.splitDockWidget(w.class_dock, w.options_dock, Qt.Orientation.Vertical)
    w.addDockWidget(right, w.readout_dock)
    w.splitDockWidget(w.readout_dock, w.sweep_dock, Qt.Orientation.Vertical)
    w.addDockWidget(bottom, w.gradient_dock)
    w.splitDockWidget(w.gradient_dock, w.sigmoid_dock, Qt.Orientation.Horizontal)
    w.splitDockWidget(w.sigmoid_dock, w.descent_dock, Qt.Orientation.Horizontal)
    w.splitDockWidget(w.descent_dock, w.tensorflow_dock, Qt.Orientation.Horizontal)
    for dock in w.docks:
        dock.show()


def open_window(k: int = 10, binary: bool = False, every_view: bool = True) -> QMainWindow:
    """The real MainWindow at 1920×1080 (settings in /dev/null), K classes or binary."""
    from app.main_window import MainWindow
    from app.model import ExplorerModel

    app = application()
    settings = QSettings(os.devnull, QSettings.Format.IniFormat)
    window = MainWindow(ExplorerModel(), settings)
    window.resize(*WINDOW_SIZE)
    window.show()
    if every_view:
        show_every_view(window)
    app.processEvents()
    if binary:
        window.model.set_problem_type("binary")
        window.model.update(logits=[-8.0], soft_target=[1.0])
    elif k != len(window.model.state.logits):
        window.model.update(num_classes=k)
    for _ in range(3):
        drain()
    return window


def close_window(window: QMainWindow) -> None:
    window.close()
    window.deleteLater()
    drain()
