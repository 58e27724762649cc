"""Shared look of the plots: projector-friendly colours, fonts and small helpers.

Colours are the Okabe-Ito palette, which stays distinguishable for the common
forms of colour blindness and on washed-out projectors.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QFontMetricsF

BACKGROUND = "#ffffff"
FOREGROUND = "#222222"
GRID_PEN = (0, 0, 0, 40)  # faint horizontal guides

Q_COLOUR = "#0072B2"  # blue: the model's prediction q
P_COLOUR = "#E69F00"  # orange: the true distribution p
TRUE_BAND_COLOUR = (230, 159, 0, 38)  # translucent orange column behind the true class
ENTROPY_COLOUR = "#009E73"  # bluish green: H(p)
KL_COLOUR = "#D55E00"  # vermillion: KL(p‖q)
CROSS_ENTROPY_COLOUR = "#0072B2"  # blue: H(p,q)
MSE_COLOUR = "#6E6E6E"  # grey: MSE lives on its own axis

# Point sizes at font scale 1; apply_font_scale multiplies them.
TICK_PT = 10.0
LABEL_PT = 11.0
TITLE_PT = 11.0
TEXT_PT = 10.0

MIN_WIDTH = 320
MIN_HEIGHT = 200


def font(points: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSizeF(max(points, 4.0))
    f.setBold(bold)
    return f


def darker(colour: str, factor: int = 140) -> QColor:
    """The outline colour for a bar: the fill a little darker keeps edges crisp."""
    return QColor(colour).darker(factor)


def style_plot_item(plot: pg.PlotItem, axes: tuple[str, ...] = ("left", "bottom")) -> None:
    """Dark axes on white, fixed view: a plot that shows, not one the mouse can pan."""
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.setMouseEnabled(x=False, y=False)
    for name in axes:
        plot.showAxis(name)
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(FOREGROUND, width=1))
        axis.setTextPen(pg.mkPen(FOREGROUND))
        # No "(x0.001)" SI scaling: values are read by students, keep them literal.
        axis.enableAutoSIPrefix(False)
        # Label major ticks only: pyqtgraph would print minor ones with too few decimals.
        axis.setStyle(maxTextLevel=0)


def style_axis_fonts(plot: pg.PlotItem, axes: tuple[str, ...], scale: float) -> None:
    tick_font = font(TICK_PT * scale)
    for name in axes:
        plot.getAxis(name).setTickFont(tick_font)
    if "bottom" in axes:
        _fit_bottom_axis(plot.getAxis("bottom"))


def _fit_bottom_axis(axis: pg.AxisItem) -> None:
    """pyqtgraph sizes a horizontal axis from 0.8 × the text height, which cuts off
    descenders ("H(p,q)") at large fonts; reserve the full lines instead."""
    tick_font = axis.style["tickFont"] or QFont()
    height = QFontMetricsF(tick_font).height() + 8
    if axis.label.isVisible():
        height += axis.label.boundingRect().height()
    axis.setHeight(math.ceil(height))


def set_axis_label(
    plot: pg.PlotItem, name: str, text: str, scale: float, colour: str = FOREGROUND
) -> None:
    """An axis label without pyqtgraph's unit handling (it would write "mnats")."""
    axis = plot.getAxis(name)
    axis.setLabel(text, color=colour, **{"font-size": f"{LABEL_PT * scale:.1f}pt"})
    if name == "bottom":
        _fit_bottom_axis(axis)
    elif name == "right":
        _reserve_right_label(plot, scale)


def _reserve_right_label(plot: pg.PlotItem, scale: float) -> None:
    """Room at the right edge for the right axis label.

    pyqtgraph sizes the axis for 0.8 × the label height and nudges the label
    5 px outwards, so at large fonts the widget edge would cut it.
    """
    line = QFontMetricsF(font(LABEL_PT * scale)).height()
    plot.layout.setContentsMargins(1, 1, math.ceil(0.3 * line) + 6, 1)


def set_title(plot: pg.PlotItem, html: str, scale: float) -> None:
    plot.setTitle(html, color=FOREGROUND, size=f"{TITLE_PT * scale:.1f}pt")


def fit_text(
    candidates: list[tuple[str, str]], points: float, width_px: float
) -> tuple[str, float]:
    """The first (plain, html) candidate whose plain text fits ``width_px``: (html, size).

    If none fits, the last one in a smaller size (down to 60 %).
    """
    for plain, html in candidates:
        if QFontMetricsF(font(points)).horizontalAdvance(plain) <= width_px:
            return html, points
    plain, html = candidates[-1]
    for factor in (0.9, 0.8, 0.7):
        if QFontMetricsF(font(factor * points)).horizontalAdvance(plain) <= width_px:
            return html, factor * points
    return html, 0.6 * points


def adapt_top(top: float, needed: float) -> float:
    """A range top that grows at once but shrinks only when far too big.

    Avoids the axis jumping on every tiny change during a drag.
    """
    if not math.isfinite(needed) or needed <= 0:
        return top
    if needed > top or needed < top / 3:
        return needed
    return top


def nice_step(span: float, max_ticks: int) -> float:
    """A 1-2-5 tick spacing giving at most ``max_ticks`` intervals over ``span``.

    No 2.5: pyqtgraph picks the decimals from the spacing, and 0.25 would print as "0.2".
    """
    if not math.isfinite(span) or span <= 0:
        return 1.0
    raw = span / max(max_ticks, 1)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10.0 * magnitude


def fit_ticks(axis: pg.AxisItem, span: float, length_px: float, scale: float) -> None:
    """Tick spacing for a vertical axis so that labels never pile up on a short axis."""
    label_px = 2.6 * TICK_PT * scale  # a label plus a comfortable gap
    max_ticks = max(1, min(6, int(length_px // label_px)))
    step = nice_step(span, max_ticks)
    axis.setTickSpacing(major=step, minor=step / 2)
