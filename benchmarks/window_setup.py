"""What the window benchmarks share: the real window with every view in sight, timing
statistics, and the drain of the event loop.

Not a benchmark itself. ``latency.py``, ``training_views.py`` and ``startup.py`` import
it; each puts this folder on ``sys.path`` by being run as a script from it.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QAbstractEventDispatcher, QEventLoop, QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
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


#: A bound on the turns of one drain, in case something keeps posting work (a timer).
MAX_DRAIN_TURNS = 20


def drain() -> int:
    """Run the event loop until nothing is pending: updates, layouts and the repaint.

    A turn can post more work (a changed range widens an axis: a relayout, then its
    repaint), so turns run until one finds nothing to do. A fixed two turns left a
    range change's relayout and axis repaint to the next measured frame: the frame
    after a drag's first had its predecessor's 5 ms in it. Returns the turns run.
    """
    application()
    dispatcher = QAbstractEventDispatcher.instance()
    flags = QEventLoop.ProcessEventsFlag.AllEvents
    for turn in range(1, MAX_DRAIN_TURNS + 1):
        if not dispatcher.processEvents(flags):
            return turn
    return MAX_DRAIN_TURNS


def show_every_view(window: QMainWindow) -> None:
    """Every view the issue names side by side, none behind a tab, none scrolled away.

    The side columns run the full height. Left: the classes over the options, with the
    scene list and the TensorFlow guide (no plots) as tabs behind the options. Right: the
    readouts over the training dock, tall enough for the surface and both race plots.
    The gradient, sigmoid and sweep docks share the bottom row.
    """
    w = window
    left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
    bottom, horizontal = Qt.DockWidgetArea.BottomDockWidgetArea, Qt.Orientation.Horizontal
    vertical = Qt.Orientation.Vertical
    w.setCorner(Qt.Corner.BottomLeftCorner, left)
    w.setCorner(Qt.Corner.BottomRightCorner, right)
    for dock in w.docks:
        w.removeDockWidget(dock)
    w.addDockWidget(left, w.class_dock)
    w.splitDockWidget(w.class_dock, w.options_dock, vertical)
    w.tabifyDockWidget(w.options_dock, w.scenes_dock)
    w.tabifyDockWidget(w.options_dock, w.tensorflow_dock)
    w.addDockWidget(right, w.readout_dock)
    w.splitDockWidget(w.readout_dock, w.descent_dock, vertical)
    w.addDockWidget(bottom, w.gradient_dock)
    w.splitDockWidget(w.gradient_dock, w.sigmoid_dock, horizontal)
    w.splitDockWidget(w.sigmoid_dock, w.sweep_dock, horizontal)
    for dock in w.docks:
        dock.show()
    w.options_dock.raise_()
    w.resizeDocks([w.class_dock, w.readout_dock], [430, 470], horizontal)
    w.resizeDocks([w.readout_dock, w.descent_dock], [400, 640], vertical)
    w.resizeDocks([w.gradient_dock, w.sigmoid_dock, w.sweep_dock], [260, 290, 460], horizontal)
    w.resizeDocks([w.sigmoid_dock], [520], vertical)


def open_window(k: int = 10, binary: bool = False, every_view: bool = True) -> QMainWindow:
    """The real MainWindow at 1920×1080 (settings in /dev/null), K classes or binary."""
    from app.main_window import MainWindow
    from app.model import ExplorerModel

    app = application()
    settings = QSettings(os.devnull, QSettings.Format.IniFormat)
    window = MainWindow(ExplorerModel(), settings)
    window.resize(*WINDOW_SIZE)
    window.show()
    # Built at the offscreen screen's size, the window starts in its compact arrangement
    # and re-arranges its docks once the resize has paused (120 ms). Wait for that, or
    # it would tab the docks back behind each other afterwards (a fixed 300 ms wait was
    # too short about once in 30 windows).
    _wait_until(lambda: window.arrangement == "wide", "the window never took its wide layout")
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
    settle(window)
    if every_view:
        check_every_view_on_screen(window)
    return window


def _wait_until(condition: Callable[[], bool], failure: str, timeout_s: float = 5.0) -> None:
    """Run the event loop until ``condition()`` holds; exit with ``failure`` after the timeout."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(failure)
        QTest.qWait(10)


def settle(window: QMainWindow) -> None:
    """Let the idle work of a new window finish: the class table's rows made ahead.

    From its first paint the table makes hidden rows up to 100 classes, a few per idle
    turn of the event loop (about 3 ms each, for about 0.1 s). A person cannot grab a
    slider that soon, and ``drain()`` would run such turns inside the measured
    frames, so the figures are for the window once it is idle, like the typed
    changes after their warm-up. Then, as the app does after its first frame, the
    objects made so far are frozen out of the cyclic garbage collector.
    """
    from app.main import freeze_startup_objects
    from app.model import MAX_CLASSES

    _wait_until(
        lambda: len(window.class_table.rows) >= MAX_CLASSES,  # type: ignore[attr-defined]
        "the class table never finished making its rows",
    )
    # What the app does once its first frame is out (app.main.freeze_after_first_frame).
    freeze_startup_objects()
    drain()


def check_every_view_on_screen(window: QMainWindow) -> None:
    """Exit unless every plot and the readouts are wholly in view.

    Qt keeps a dock that is a tab behind another "visible" and moves it off screen,
    so ``isVisible()`` alone would not notice that a view is not being painted.
    """
    import pyqtgraph as pg

    shown = [*window.findChildren(pg.GraphicsView), window.readout_panel]  # type: ignore[attr-defined]
    for view in shown:
        if view.isHidden():
            continue  # not meant to be seen (the surface is a note for one logit)
        surface = view.viewport() if isinstance(view, pg.GraphicsView) else view
        if surface.visibleRegion().boundingRect().size() != surface.size():
            raise SystemExit(f"{view.objectName()} is not wholly in view: not every view is shown")


def close_window(window: QMainWindow) -> None:
    window.close()
    window.deleteLater()
    drain()
