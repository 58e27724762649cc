"""One model change, one repaint of the window: the plots' scenes share a paint pass.

QGraphicsView makes a scene's dirty items repaint the whole window at once, so
without :class:`~app.plots.base.PlotView`'s slot on ``scene().changed`` a typed
logit repainted the window once per visible plot.
"""

from __future__ import annotations

from gui_reference import spin, type_into
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget


class WindowRepaints(QObject):
    """Counts the update requests (repaint passes) and paints the window receives."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window
        self.passes = 0
        self.painted: set[str] = set()
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.UpdateRequest and watched is self.window:
            self.passes += 1
        elif event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            parent = watched.parentWidget()
            self.painted.add(watched.objectName() or (parent.objectName() if parent else ""))
        return False

    def stop(self) -> None:
        QApplication.instance().removeEventFilter(self)


def settle(qtbot) -> None:
    for _ in range(5):
        QApplication.processEvents()
    qtbot.wait(20)


def test_a_typed_logit_repaints_every_plot_in_one_or_two_passes(window, qtbot):
    plots = ("probability_plot", "information_plot", "history_plot", "sweep_plot")
    window.sweep_dock.show()
    window.sweep_dock.raise_()
    settle(qtbot)
    box = spin(window, "logit_spin_0")
    type_into(qtbot, box, "2.5")  # the first change lays out what it shows for the first time
    settle(qtbot)
    counter = WindowRepaints(window)
    try:
        box.setFocus()
        box.lineEdit().selectAll()
        qtbot.keyClicks(box, "-1.5")
        settle(qtbot)  # the keys' own repaints
        counter.passes, counter.painted = 0, set()
        from PySide6.QtCore import Qt

        qtbot.keyClick(box, Qt.Key.Key_Return)
        settle(qtbot)
    finally:
        counter.stop()
    assert window.model.state.logits[0] == -1.5
    assert set(plots) <= counter.painted  # every visible plot was repainted…
    assert 1 <= counter.passes <= 2, counter.passes  # …in one pass (two if a range moved)
