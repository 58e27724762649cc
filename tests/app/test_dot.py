"""Dot: the current-point marker that only moves (instead of a ScatterPlotItem rebuilt on
every change): its data, its size in pixels at any zoom, nothing drawn without a point."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from gui_reference import show_view
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from app.plots.base import Dot


def plot_with_dot(qtbot, size: float = 10.0) -> tuple[pg.PlotWidget, Dot]:
    widget = show_view(qtbot, pg.PlotWidget(), 300, 300)
    dot = Dot(size=size, pen=None, brush="#ff0000")
    widget.addItem(dot)
    widget.setXRange(0, 10, padding=0)
    widget.setYRange(0, 10, padding=0)
    return widget, dot


def red_pixels(widget: pg.PlotWidget) -> np.ndarray:
    QApplication.processEvents()
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    ptr = image.constBits()
    pixels = np.frombuffer(ptr, np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    b, g, r = pixels[..., 0].astype(int), pixels[..., 1].astype(int), pixels[..., 2].astype(int)
    return np.argwhere((r > 200) & (g < 80) & (b < 80))


def test_no_point_draws_nothing_and_has_no_data(qtbot):
    widget, dot = plot_with_dot(qtbot)
    x, y = dot.getData()
    assert x.size == 0 and y.size == 0
    assert dot.boundingRect().isEmpty()
    assert red_pixels(widget).size == 0
    assert dot.dataBounds(0) == (None, None)


def test_the_dot_stands_at_its_point_in_pixels_of_its_own_size(qtbot):
    widget, dot = plot_with_dot(qtbot, size=10.0)
    dot.setData([5.0], [5.0])
    assert [a.tolist() for a in dot.getData()] == [[5.0], [5.0]]
    assert dot.dataBounds(0) == (5.0, 5.0) and dot.dataBounds(1) == (5.0, 5.0)
    red = red_pixels(widget)  # painted: the view's transform is current
    centre = widget.mapFromScene(widget.getPlotItem().vb.mapViewToScene(pg.Point(5.0, 5.0)))
    assert red.size > 0
    rows, cols = red[:, 0], red[:, 1]
    assert abs(rows.mean() - centre.y()) <= 1.0 and abs(cols.mean() - centre.x()) <= 1.0
    across = cols.max() - cols.min() + 1
    assert 8 <= across <= 11  # 10 px across
    # Zooming in does not grow it: its size is in pixels.
    widget.setXRange(4, 6, padding=0)
    widget.setYRange(4, 6, padding=0)
    red = red_pixels(widget)
    assert 8 <= red[:, 1].max() - red[:, 1].min() + 1 <= 11
    # An empty point hides it again.
    dot.setData([], [])
    assert red_pixels(widget).size == 0


def test_pen_and_brush_are_kept_in_opts(qtbot):
    _, dot = plot_with_dot(qtbot)
    dot.setBrush("#00ff00")
    dot.setPen(pg.mkPen("#0000ff", width=2))
    assert pg.mkBrush(dot.opts["brush"]).color() == QColor("#00ff00")
    assert pg.mkPen(dot.opts["pen"]).color() == QColor("#0000ff")
    dot.setData([1.0], [1.0])
    small = dot.boundingRect().width()
    dot.setPen(pg.mkPen("#0000ff", width=6))
    assert dot.boundingRect().width() > small  # the outline is inside the bounds
    outlined = dot.boundingRect().width()
    dot.setSize(30.0)  # the bounds are kept between calls, and follow a new size
    assert dot.boundingRect().width() == pytest.approx(outlined + 20.0)
    dot.setData([2.0], [2.0])  # a move keeps them
    assert dot.boundingRect().width() == pytest.approx(outlined + 20.0)


@pytest.mark.parametrize("value", [0.0, -1.0])
def test_on_a_log_axis_a_value_at_or_below_zero_is_not_drawn(qtbot, value):
    widget, dot = plot_with_dot(qtbot)
    dot.setData([5.0], [100.0])
    dot.setLogMode(False, True)
    assert dot.getData()[1].tolist() == [2.0]  # log10 100
    dot.setData([5.0], [value])
    assert dot.getData()[0].size == 0 and dot.boundingRect().isEmpty()
    dot.setLogMode(False, False)
    assert dot.getData()[1].tolist() == [value]


@pytest.mark.parametrize("kind", ["dot", "label", "curve"])
def test_a_marker_or_label_moves_without_asking_the_view_box_to_recheck_its_range(qtbot, kind):
    # The app's plots set every range; a marker or a label that moves on every change
    # need not tell the ViewBox (two Python itemChange calls per move). A curve, the
    # other side, still does: its data is what an auto-range is for.
    from app.plots.base import PlainTextItem

    widget, dot = plot_with_dot(qtbot)
    vb = widget.getPlotItem().vb
    if kind == "dot":
        item, move = dot, lambda i: dot.setData([i], [i])
    elif kind == "label":
        item = PlainTextItem()
        item.setText("0.25")
        widget.addItem(item)
        move = lambda i: item.setPos(i, i)  # noqa: E731
    else:
        item = pg.PlotCurveItem([0.0, 1.0], [0.0, 1.0])
        widget.addItem(item)
        move = lambda i: item.setPos(i, i)  # noqa: E731
    told = []
    vb.itemBoundsChanged = told.append  # what pyqtgraph calls on a move it is told of
    for i in range(1, 4):
        move(float(i))
    assert item.pos().x() == 3.0
    if kind == "curve":
        assert told, "a curve's move reaches the ViewBox"
    else:
        assert told == [], f"the {kind}'s moves reached the ViewBox"
