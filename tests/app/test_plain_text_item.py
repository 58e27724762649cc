"""PlainTextItem: a value label's text, upright and unscaled at any zoom, its box placed by
its anchor (what pyqtgraph's TextItem did, without a rich-text document)."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from gui_reference import show_view
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication

from app.plots.base import TEXT_ITEM_PADDING, PlainTextItem, make_font


def labelled_plot(qtbot, anchor=(0.5, 1.0)) -> tuple[pg.PlotWidget, PlainTextItem]:
    widget = show_view(qtbot, pg.PlotWidget(), 400, 300)
    item = PlainTextItem(anchor=anchor)
    item.setFont(make_font(12.0))
    widget.addItem(item)
    widget.setXRange(0, 10, padding=0)
    widget.setYRange(0, 10, padding=0)
    return widget, item


def on_screen(widget: pg.PlotWidget, item: PlainTextItem):
    QApplication.processEvents()
    widget.grab()  # painted: the view's transform is current
    return item.sceneBoundingRect()


@pytest.mark.parametrize("anchor", [(0.5, 1.0), (0.0, 0.0), (1.0, 0.5)])
def test_the_box_is_the_text_and_its_padding_placed_by_the_anchor(qtbot, anchor):
    widget, item = labelled_plot(qtbot, anchor)
    item.setText("0.4493")
    item.setPos(5.0, 5.0)
    box = on_screen(widget, item)
    metrics = QFontMetricsF(make_font(12.0))
    assert box.width() == pytest.approx(metrics.horizontalAdvance("0.4493") + TEXT_ITEM_PADDING)
    assert box.height() == pytest.approx(metrics.height() + TEXT_ITEM_PADDING)
    point = widget.getPlotItem().vb.mapViewToScene(pg.Point(5.0, 5.0))
    assert box.left() + anchor[0] * box.width() == pytest.approx(point.x(), abs=0.5)
    assert box.top() + anchor[1] * box.height() == pytest.approx(point.y(), abs=0.5)


def test_zooming_moves_the_label_but_never_scales_it(qtbot):
    widget, item = labelled_plot(qtbot)
    item.setText("0.82")
    item.setPos(5.0, 5.0)
    before = on_screen(widget, item)
    widget.setXRange(4, 6, padding=0)
    widget.setYRange(0, 100, padding=0)
    after = on_screen(widget, item)
    assert after.size() == before.size()
    point = widget.getPlotItem().vb.mapViewToScene(pg.Point(5.0, 5.0))
    assert after.center().x() == pytest.approx(point.x(), abs=0.5)
    assert after.bottom() == pytest.approx(point.y(), abs=0.5)


def test_new_text_font_and_lines_resize_the_box(qtbot):
    widget, item = labelled_plot(qtbot)
    item.setText("1.0")
    small = item.boundingRect()
    item.setText("0.000335")
    assert item.boundingRect().width() > small.width()
    assert item.toPlainText() == "0.000335"
    item.setText("σ = 0.818\nodds = 4.482 : 1")
    assert item.boundingRect().height() > 1.8 * small.height() - TEXT_ITEM_PADDING
    bigger = QFont(make_font(24.0))
    item.setText("1.0")
    item.setFont(bigger)
    assert item.boundingRect().height() > 1.5 * small.height()


def test_chinese_text_is_measured_as_laid_out(qtbot):
    """A fallback font draws CJK glyphs with its own metrics: the box must hold them."""
    from app.plots.base import text_size

    _, item = labelled_plot(qtbot)
    item.setText("对数几率 1.500")
    width, height = text_size("对数几率 1.500", make_font(12.0).pointSizeF())
    assert item.boundingRect().width() == pytest.approx(width)
    assert item.boundingRect().height() == pytest.approx(height)
