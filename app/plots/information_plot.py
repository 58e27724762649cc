"""The identity H(p,q) = H(p) + KL(p‖q) as bars, MSE on its own axis, and their history.

``InformationPlot`` stacks KL(p‖q) on top of H(p) so that the stack reaches
exactly the height of the H(p,q) bar beside it. ``HistoryPlot`` draws how the
quantities moved over the last changes, so a drag leaves a trace.
``InformationPanel`` puts the two one above the other.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.formatting import format_number, in_units
from app.i18n import tr
from app.model import HISTORY_LENGTH, ExplorerModel
from app.plots import _style as st
from app.widgets.common import blocked
from core import LN2

__all__ = ["InformationPlot", "HistoryPlot", "InformationPanel"]

BAR_WIDTH = 0.6
STACK_X, CROSS_ENTROPY_X, MSE_X = 0.0, 1.0, 2.0
X_RIGHT = 2.5  # the left end follows the width of the segment labels
LABEL_X = STACK_X - BAR_WIDTH / 2 - 0.05  # right edge of the H(p) and KL values
HEADROOM = 1.2  # the left axis reaches 1.2·H(p,q) so the value labels fit above
TICK_NAMES = (  # names of the three bars, longest first
    ("H(p) + KL", "H(p,q)", "MSE"),
    ("H(p)+KL", "H(p,q)", "MSE"),
    ("H+KL", "H(p,q)", "MSE"),
)
INSIDE_LABEL_ABOVE = 0.88  # fraction of the range above which a value goes inside its bar

FORMULAS = (
    "H(p) = −Σ pᵢ log pᵢ  (entropy of the true distribution)\n"
    "H(p,q) = −Σ pᵢ log qᵢ  (cross-entropy)\n"
    "KL(p‖q) = Σ pᵢ log(pᵢ/qᵢ) = H(p,q) − H(p)\n"
    "MSE = (1/K) Σ (qᵢ − pᵢ)²  (unitless, right axis)"
)
INFORMATION_TOOLTIP = (
    "The stacked bar is H(p) (green) with KL(p‖q) (red) on top; it always reaches the "
    "height of the cross-entropy bar H(p,q) (blue): H(p,q) = H(p) + KL(p‖q).\n" + FORMULAS
)
HISTORY_TOOLTIP = (
    f"How H(p), H(p,q), KL(p‖q) (left axis) and MSE (right axis) moved over the last "
    f"{HISTORY_LENGTH} changes. x: changes ago (0 is now).\n" + FORMULAS
)
TITLE_SCALE = 0.9  # the history strip's title is a little smaller than the plots' titles


def _finite_or(value: float, fallback: float) -> float:
    return value if math.isfinite(value) else fallback


def _right_view(plot: pg.PlotItem) -> pg.ViewBox:
    """A second ViewBox on the right axis, as in pyqtgraph's MultiplePlotAxes example.

    Its geometry follows the main view through ``sigResized`` (no resizeEvent
    override: Python overrides of Qt virtuals crash PySide6 6.12 on Python 3.11).
    """
    view = pg.ViewBox(enableMenu=False)
    view.setMouseEnabled(x=False, y=False)
    plot.scene().addItem(view)
    plot.getAxis("right").linkToView(view)
    view.setXLink(plot.vb)

    def sync() -> None:
        view.setGeometry(plot.vb.sceneBoundingRect())
        view.linkedViewChanged(plot.vb, view.XAxis)

    plot.vb.sigResized.connect(sync)
    sync()
    return view


class InformationPlot(pg.PlotWidget):
    """H(p) + KL(p‖q) stacked next to H(p,q), and MSE on its own right axis.

    Public attributes (heights in the current units; MSE unitless):
    ``entropy_bar`` (height H(p)), ``kl_bar`` (y0 = H(p), height KL),
    ``cross_entropy_bar`` (height H(p,q)), ``mse_bar`` (height MSE, in
    ``mse_view``), ``identity_line`` (dashed, at H(p,q)), ``mse_view``.
    An infinite quantity is drawn to the top of the range and labelled "∞".
    """

    def __init__(self, model: ExplorerModel, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent, background=st.BACKGROUND)
        self.setObjectName("information_plot")
        self.setToolTip(INFORMATION_TOOLTIP)
        self.setAccessibleName("information plot")
        self.setAccessibleDescription(INFORMATION_TOOLTIP)
        self.setMinimumSize(st.MIN_WIDTH, st.MIN_HEIGHT)
        self._model = model
        self._font_scale = 1.0
        self._units: str | None = None
        self._top_nats = 0.0  # the left range is kept in nats so a unit switch keeps it
        self._mse_top = 0.0

        plot = self.getPlotItem()
        st.style_plot_item(plot, ("left", "bottom", "right"))
        self._x_left = -1.0
        plot.setXRange(self._x_left, X_RIGHT, padding=0)
        plot.setYRange(0.0, 1.0, padding=0)
        self._tick_names: tuple[str, str, str] | None = None
        self._title: float | None = None
        # The widget's own resize (a too wide title would keep the inner layout from shrinking).
        self.sigDeviceRangeChanged.connect(self._fit_title)
        self.mse_view = _right_view(plot)
        self.mse_view.setYRange(0.0, 1.0, padding=0)

        def bar(x: float, colour: str) -> pg.BarGraphItem:
            return pg.BarGraphItem(
                x=[x], y0=[0.0], height=[0.0], width=BAR_WIDTH, brush=colour,
                pen=pg.mkPen(st.darker(colour), width=1),
            )  # fmt: skip

        self.entropy_bar = bar(STACK_X, st.ENTROPY_COLOUR)
        self.kl_bar = bar(STACK_X, st.KL_COLOUR)
        self.cross_entropy_bar = bar(CROSS_ENTROPY_X, st.CROSS_ENTROPY_COLOUR)
        self.mse_bar = bar(MSE_X, st.MSE_COLOUR)
        self._identity_x = [STACK_X - BAR_WIDTH / 2 - 0.05, CROSS_ENTROPY_X + BAR_WIDTH / 2 + 0.05]
        self.identity_line = pg.PlotDataItem(
            self._identity_x,
            [0.0, 0.0],
            pen=pg.mkPen(st.FOREGROUND, width=1.5, style=Qt.PenStyle.DashLine),
        )
        for item in (self.entropy_bar, self.kl_bar, self.cross_entropy_bar, self.identity_line):
            plot.addItem(item)
        self.mse_view.addItem(self.mse_bar)

        # Values: H(p) and KL left of their segments, H(p,q) and MSE above their bars;
        # the title's colours say which is which.
        self._entropy_label = pg.TextItem("", anchor=(1.0, 0.5))
        self._kl_label = pg.TextItem("", anchor=(1.0, 0.5))
        self._cross_entropy_label = pg.TextItem("", anchor=(0.5, 1.0))
        self._mse_label = pg.TextItem("", anchor=(0.5, 1.0))
        for label, colour in (
            (self._entropy_label, st.ENTROPY_COLOUR),
            (self._kl_label, st.KL_COLOUR),
            (self._cross_entropy_label, st.CROSS_ENTROPY_COLOUR),
            (self._mse_label, st.MSE_COLOUR),
        ):
            label.setColor(st.darker(colour, 125))
            label.setZValue(5)
        for label in (self._entropy_label, self._kl_label, self._cross_entropy_label):
            plot.addItem(label)
        self.mse_view.addItem(self._mse_label)

        self._apply_fonts()
        # Label spacing, tick density and the room for the values depend on the size.
        plot.vb.sigResized.connect(self.refresh)
        model.changed.connect(self.refresh)
        self.refresh()

    @property
    def left_range(self) -> tuple[float, float]:
        """The visible range of the left (information) axis, in the current units."""
        lo, hi = self.getPlotItem().vb.viewRange()[1]
        return float(lo), float(hi)

    def refresh(self) -> None:
        """Redraw from ``model.state`` and ``model.result`` (items are only updated)."""
        with blocked(self):
            self._refresh()

    def _refresh(self) -> None:
        state, result = self._model.state, self._model.result
        units = state.units
        if units != self._units:
            self._units = units
            st.set_axis_label(
                self.getPlotItem(), "left", f"{tr('information')} ({tr(units)})", self._font_scale
            )

        h, ce, kl = result.entropy, result.cross_entropy, result.kl  # nats
        # Left range: room for H(p,q) and for the largest possible entropy, log K.
        finite = [v for v in (h, ce, h + kl) if math.isfinite(v)]
        needed = max([HEADROOM * v for v in finite] + [math.log(result.num_classes), 0.1])
        self._top_nats = st.adapt_top(self._top_nats, needed)
        top = in_units(self._top_nats, units)
        self.getPlotItem().setYRange(0.0, top, padding=0)

        h_u = in_units(_finite_or(h, 0.0), units)
        ce_u = in_units(ce, units)
        kl_u = in_units(kl, units)
        kl_height = top - h_u if math.isinf(kl_u) else _finite_or(kl_u, 0.0)
        ce_height = top if math.isinf(ce_u) else _finite_or(ce_u, 0.0)
        self.entropy_bar.setOpts(x=[STACK_X], y0=[0.0], height=[h_u])
        self.kl_bar.setOpts(x=[STACK_X], y0=[h_u], height=[kl_height])
        self.cross_entropy_bar.setOpts(x=[CROSS_ENTROPY_X], y0=[0.0], height=[ce_height])
        self.identity_line.setData(self._identity_x, [ce_height, ce_height])

        # Segment values left of the stack, kept apart when a segment is thin.
        # One text line apart (in data units) so the two values never overlap.
        line_px = QFontMetricsF(st.font(st.TEXT_PT * self._font_scale, bold=True)).height()
        gap = top * max(0.09, line_px / max(self.getPlotItem().vb.height(), 1.0))
        h_y = max(h_u / 2, gap / 2)
        kl_y = max(h_u + kl_height / 2, h_y + gap)
        self._entropy_label.setText(format_number(h_u, 2))
        self._entropy_label.setPos(LABEL_X, h_y)
        self._kl_label.setText(format_number(kl_u, 2))
        self._kl_label.setPos(LABEL_X, min(kl_y, top - gap / 2))
        self._place_above(
            self._cross_entropy_label,
            CROSS_ENTROPY_X,
            ce_height,
            top,
            ce_u,
            st.CROSS_ENTROPY_COLOUR,
        )

        # MSE: the largest value for a normalised p is 2/K (two one-hots disagreeing).
        mse = _finite_or(result.mse, 0.0)
        self._mse_top = st.adapt_top(self._mse_top, HEADROOM * max(2.0 / result.num_classes, mse))
        self.mse_view.setYRange(0.0, self._mse_top, padding=0)
        self.mse_bar.setOpts(x=[MSE_X], y0=[0.0], height=[mse])
        self._place_above(
            self._mse_label, MSE_X, mse, self._mse_top, result.mse, st.MSE_COLOUR, digits=3
        )
        self._update_x_range()
        self._fit_ticks()

    def _fit_title(self, *_: object) -> None:
        """The identity as the title, its terms in their bars' colours; smaller if narrow."""
        html = (
            f"<span style='color:{st.CROSS_ENTROPY_COLOUR}'>H(p,q)</span> = "
            f"<span style='color:{st.ENTROPY_COLOUR}'>H(p)</span> + "
            f"<span style='color:{st.KL_COLOUR}'>KL(p‖q)</span>"
        )
        plot = self.getPlotItem()
        room = self.width() - plot.getAxis("left").width() - plot.getAxis("right").width() - 16
        points = st.TITLE_PT * self._font_scale
        html, fitted = st.fit_text([("H(p,q) = H(p) + KL(p‖q)", html)], points, room)
        if fitted != self._title:
            self._title = fitted
            st.set_title(plot, html, fitted / st.TITLE_PT)

    def _fit_ticks(self) -> None:
        plot = self.getPlotItem()
        height = plot.vb.height()
        st.fit_ticks(
            plot.getAxis("left"),
            in_units(self._top_nats, self._model.state.units),
            height,
            self._font_scale,
        )
        st.fit_ticks(plot.getAxis("right"), self._mse_top, height, self._font_scale)

    def _update_x_range(self) -> None:
        """Leave just enough room left of the stack for its value labels."""
        width_px = self.getPlotItem().vb.width()
        needed_px = 12 + max(
            label.textItem.boundingRect().width() for label in (self._entropy_label, self._kl_label)
        )
        if width_px > 2 * needed_px:
            # Solve (LABEL_X − left)·px_per_unit = needed_px with px_per_unit = W/(X_RIGHT − left).
            left = (LABEL_X * width_px - needed_px * X_RIGHT) / (width_px - needed_px)
        else:
            left = -2.0
        left = min(left, -0.6)
        if abs(left - self._x_left) > 0.02:
            self._x_left = left
            self.getPlotItem().setXRange(left, X_RIGHT, padding=0)
        self._fit_bottom_ticks(width_px / (X_RIGHT - self._x_left))

    def _fit_bottom_ticks(self, px_per_unit: float) -> None:
        """Bar names under the bars, shortened when neighbours would touch."""
        metrics = QFontMetricsF(st.font(st.TICK_PT * self._font_scale))
        chosen = TICK_NAMES[-1]
        for names in TICK_NAMES:
            widths = [metrics.horizontalAdvance(n) for n in names]
            if all((a + b) / 2 + 10 <= px_per_unit for a, b in itertools.pairwise(widths)):
                chosen = names
                break
        if chosen != self._tick_names:
            self._tick_names = chosen
            ticks = list(zip((STACK_X, CROSS_ENTROPY_X, MSE_X), chosen, strict=True))
            self.getPlotItem().getAxis("bottom").setTicks([ticks, []])

    @staticmethod
    def _place_above(
        label: pg.TextItem,
        x: float,
        height: float,
        top: float,
        value: float,
        colour: str,
        digits: int = 2,
    ) -> None:
        label.setText(format_number(value, digits))
        # Inside the top of a bar (white on the fill) when there is no room above it.
        inside = height > INSIDE_LABEL_ABOVE * top
        label.setAnchor((0.5, 0.0) if inside else (0.5, 1.0))
        label.setColor("#ffffff" if inside else st.darker(colour, 125))
        label.setPos(x, height)

    def apply_font_scale(self, scale: float) -> None:
        """Enlarge (scale > 1) tick labels, axis labels, title and value labels."""
        self._font_scale = float(scale)
        self._units = None  # the axis label is rewritten at the new size
        self._tick_names = None
        self._apply_fonts()
        self.refresh()

    def _apply_fonts(self) -> None:
        scale = self._font_scale
        plot = self.getPlotItem()
        st.style_axis_fonts(plot, ("left", "bottom", "right"), scale)
        st.set_axis_label(plot, "right", tr("MSE (unitless)"), scale, st.MSE_COLOUR)
        self._title = None
        self._fit_title()
        text_font = st.font(st.TEXT_PT * scale, bold=True)
        for label in (
            self._entropy_label,
            self._kl_label,
            self._cross_entropy_label,
            self._mse_label,
        ):
            label.setFont(text_font)


class HistoryPlot(pg.PlotWidget):
    """H(p), H(p,q), KL (left axis, current units) and MSE (right axis) over the last changes.

    Public attributes: ``entropy_curve``, ``cross_entropy_curve``, ``kl_curve``
    (pg.PlotDataItem in the current units; x = −(changes ago)) and
    ``mse_curve`` (in ``mse_view``). Infinite values leave a gap.
    """

    def __init__(self, model: ExplorerModel, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent, background=st.BACKGROUND)
        self.setObjectName("history_plot")
        self.setToolTip(HISTORY_TOOLTIP)
        self.setAccessibleName("history plot")
        self.setAccessibleDescription(HISTORY_TOOLTIP)
        self.setMinimumSize(st.MIN_WIDTH, 110)
        self._model = model
        self._font_scale = 1.0
        self._top = 0.0
        self._mse_top = 0.0

        plot = self.getPlotItem()
        st.style_plot_item(plot, ("left", "bottom", "right"))
        # A fixed window: the trace scrolls, the axis stays.
        plot.setXRange(-(HISTORY_LENGTH - 1), 0, padding=0.01)
        plot.setYRange(0.0, 1.0, padding=0)
        self.mse_view = _right_view(plot)
        self.mse_view.setYRange(0.0, 1.0, padding=0)
        plot.vb.sigResized.connect(self._fit_ticks)
        # The widget's own resize (a too wide title would keep the inner layout from shrinking).
        self.sigDeviceRangeChanged.connect(self._fit_title)
        self._title: str | None = None
        # Let "0" (now) at the right end keep its label.
        plot.getAxis("bottom").setStyle(hideOverlappingLabels=20)

        def curve(colour: str, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> pg.PlotDataItem:
            return pg.PlotDataItem(
                [], [], pen=pg.mkPen(colour, width=2, style=style), connect="finite"
            )

        self.entropy_curve = curve(st.ENTROPY_COLOUR)
        self.cross_entropy_curve = curve(st.CROSS_ENTROPY_COLOUR)
        self.kl_curve = curve(st.KL_COLOUR)
        self.mse_curve = curve(st.MSE_COLOUR, Qt.PenStyle.DashLine)
        for item in (self.entropy_curve, self.cross_entropy_curve, self.kl_curve):
            plot.addItem(item)
        self.mse_view.addItem(self.mse_curve)

        self._units: str | None = None
        self._apply_fonts()
        model.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Redraw from ``model.history`` (curves are only updated with setData)."""
        with blocked(self):
            self._refresh()

    def _refresh(self) -> None:
        units = self._model.state.units
        if units != self._units:
            self._units = units
            st.set_axis_label(self.getPlotItem(), "left", tr(units), self._font_scale)
        history = np.asarray(self._model.history, dtype=np.float64)
        n = history.shape[0]
        x = np.arange(1 - n, 1, dtype=np.float64)
        # ∞ has no place on a curve: a gap says "off the chart" without breaking the range.
        values = np.where(np.isfinite(history), history, np.nan)
        if units == "bits":
            values[:, :3] = values[:, :3] / LN2
        self.entropy_curve.setData(x, values[:, 0])
        self.cross_entropy_curve.setData(x, values[:, 1])
        self.kl_curve.setData(x, values[:, 2])
        self.mse_curve.setData(x, values[:, 3])

        info = values[:, :3]
        peak = float(np.nanmax(info)) if np.isfinite(info).any() else 0.0
        self._top = st.adapt_top(self._top, max(1.1 * peak, 0.1))
        self.getPlotItem().setYRange(0.0, self._top, padding=0)
        mse = values[:, 3]
        mse_peak = float(np.nanmax(mse)) if np.isfinite(mse).any() else 0.0
        self._mse_top = st.adapt_top(self._mse_top, max(1.1 * mse_peak, 0.01))
        self.mse_view.setYRange(0.0, self._mse_top, padding=0)
        self._fit_ticks()

    def _fit_ticks(self) -> None:
        plot = self.getPlotItem()
        height = plot.vb.height()
        st.fit_ticks(plot.getAxis("left"), self._top, height, self._font_scale)
        st.fit_ticks(plot.getAxis("right"), self._mse_top, height, self._font_scale)

    def apply_font_scale(self, scale: float) -> None:
        """Enlarge (scale > 1) tick labels, axis labels, title and legend."""
        self._font_scale = float(scale)
        self._units = None
        self._apply_fonts()
        self.refresh()

    def _apply_fonts(self) -> None:
        scale = self._font_scale
        plot = self.getPlotItem()
        st.set_axis_label(plot, "right", "MSE", scale, st.MSE_COLOUR)
        st.style_axis_fonts(plot, ("left", "bottom", "right"), scale)
        self._title = None
        self._fit_title()

    def _fit_title(self, *_: object) -> None:
        """The title row doubles as the legend; it says less when the strip is narrow.

        (A legend inside the short strip would hide the curves, and a title wider
        than the widget would push the axes out of sight.)
        """
        keys = (
            (st.ENTROPY_COLOUR, "━━", "H(p)"),
            (st.CROSS_ENTROPY_COLOUR, "━━", "H(p,q)"),
            (st.KL_COLOUR, "━━", "KL"),
            (st.MSE_COLOUR, "╍╍", "MSE"),
        )
        legend_html = "&nbsp;&nbsp;&nbsp;".join(
            f"<span style='color:{c}'>{line}</span>&nbsp;{name}" for c, line, name in keys
        )
        legend_text = "   ".join(f"{line} {name}" for _, line, name in keys)
        points = TITLE_SCALE * st.TITLE_PT * self._font_scale
        gap_text, gap_html = "    ", "&nbsp;" * 4
        long_name = tr("history of the last %n changes").replace("%n", str(HISTORY_LENGTH))
        short_text = "  ".join(f"{line[0]}{name}" for _, line, name in keys)
        short_html = "&nbsp;&nbsp;".join(
            f"<span style='color:{c}'>{line[0]}</span>{name}" for c, line, name in keys
        )
        candidates = [
            (long_name + gap_text + legend_text, long_name + gap_html + legend_html),
            (tr("history") + gap_text + legend_text, tr("history") + gap_html + legend_html),
            (legend_text, legend_html),
            (short_text, short_html),
        ]
        # The title sits above the view box only: the axes take their share of the width.
        plot = self.getPlotItem()
        room = self.width() - plot.getAxis("left").width() - plot.getAxis("right").width() - 16
        html, fitted = st.fit_text(candidates, points, room)
        if html + str(fitted) != self._title:
            self._title = html + str(fitted)
            st.set_title(self.getPlotItem(), html, fitted / st.TITLE_PT)


class InformationPanel(QWidget):
    """The information plot above a history strip about a third of its height."""

    def __init__(self, model: ExplorerModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("information_panel")
        self.information_plot = InformationPlot(model, self)
        self.history_plot = HistoryPlot(model, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.information_plot, 2)
        layout.addWidget(self.history_plot, 1)

    def apply_font_scale(self, scale: float) -> None:
        self.information_plot.apply_font_scale(scale)
        self.history_plot.apply_font_scale(scale)
