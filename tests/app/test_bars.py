"""Bars: a BarGraphItem whose bounding rectangle is kept between changes. It must still
follow the bars and the zoom: the bars' extent plus half the pen's width in pixels."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from gui_reference import show_view
from PySide6.QtWidgets import QApplication

from app.plots.base import Bars

PEN_PX = 4.0  # a cosmetic pen: its width is in pixels at any zoom


def expected_rect(widget: pg.PlotWidget, left: float, right: float, top: float) -> tuple:
    """(x0, y0, x1, y1): bars from 0 to ``top`` between ``left`` and ``right``, widened by
    half the pen on every side, in data units at the view's current scale."""
    vb = widget.getPlotItem().vb
    (x_lo, x_hi), (y_lo, y_hi) = vb.viewRange()
    per_px_x = (x_hi - x_lo) / vb.width()
    per_px_y = (y_hi - y_lo) / vb.height()
    pad_x, pad_y = PEN_PX / 2 * per_px_x, PEN_PX / 2 * per_px_y
    return (left - pad_x, -pad_y, right + pad_x, top + pad_y)


def corners(bars: Bars) -> tuple:
    r = bars.boundingRect()
    return (r.left(), r.top(), r.right(), r.bottom())


def test_bounds_follow_the_bars_and_the_zoom(qtbot):
    widget = show_view(qtbot, pg.PlotWidget(), 300, 300)
    bars = Bars(x=[1.0, 2.0], height=[1.0, 3.0], width=0.5, pen=pg.mkPen("k", width=PEN_PX))
    widget.addItem(bars)
    widget.setXRange(0, 3, padding=0)
    widget.setYRange(0, 4, padding=0)
    QApplication.processEvents()
    assert corners(bars) == pytest.approx(expected_rect(widget, 0.75, 2.25, 3.0), rel=1e-6)
    assert corners(bars) == corners(bars)  # asked again: the same rectangle

    bars.setOpts(height=[1.0, 6.0])  # a taller bar
    assert corners(bars) == pytest.approx(expected_rect(widget, 0.75, 2.25, 6.0), rel=1e-6)

    # Ten times the y range: half the pen is ten times as many data units.
    widget.setYRange(0, 40, padding=0)
    QApplication.processEvents()
    assert corners(bars) == pytest.approx(expected_rect(widget, 0.75, 2.25, 6.0), rel=1e-6)
    # A wider view: the same in x.
    widget.setXRange(-30, 30, padding=0)
    QApplication.processEvents()
    assert corners(bars) == pytest.approx(expected_rect(widget, 0.75, 2.25, 6.0), rel=1e-6)
