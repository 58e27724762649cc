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

from app.appearance import Appearance
from app.formatting import Kind, format_value, in_units
from app.i18n import tr
from app.model import HISTORY_LENGTH, Change, ExplorerModel
from app.plots.base import (
    MIN_WIDTH,
    TICK_PT,
    TITLE_PT,
    PlotView,
    ValueLabel,
    adapt_top,
    fit_ticks,
)
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


class InformationPlot(PlotView):
    """H(p) + KL(p‖q) stacked next to H(p,q), and MSE on its own right axis.

    Public attributes (heights in the current units; MSE unitless):
    ``entropy_bar`` (height H(p)), ``kl_bar`` (y0 = H(p), height KL),
    ``cross_entropy_bar`` (height H(p,q)), ``mse_bar`` (height MSE, on the
    right axis: in ``mse_view``), ``identity_line`` (dashed, at H(p,q)),
    ``mse_view`` (the right axis's ViewBox, a child of the PlotItem).
    An infinite quantity is drawn to the top of the range and labelled "∞".
    """

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            model,
            appearance,
            parent,
            object_name="information_plot",
            axes=("left", "bottom", "right"),
        )
        self.setToolTip(INFORMATION_TOOLTIP)
        self.setAccessibleName("information plot")
        self.setAccessibleDescription(INFORMATION_TOOLTIP)
        self._top_nats = 0.0  # the left range is kept in nats so a unit switch keeps it
        self._mse_top = 0.0

        plot = self.getPlotItem()
        self._x_left = -1.0
        plot.setXRange(self._x_left, X_RIGHT, padding=0)
        plot.setYRange(0.0, 1.0, padding=0)
        self._tick_names: tuple[str, ...] | None = None
        self.mse_view = self.add_right_view()
        self.mse_view.setYRange(0.0, 1.0, padding=0)

        def bar(x: float) -> pg.BarGraphItem:
            return pg.BarGraphItem(x=[x], y0=[0.0], height=[0.0], width=BAR_WIDTH)

        self.entropy_bar = bar(STACK_X)
        self.kl_bar = bar(STACK_X)
        self.cross_entropy_bar = bar(CROSS_ENTROPY_X)
        self.mse_bar = bar(MSE_X)
        self._identity_x = [STACK_X - BAR_WIDTH / 2 - 0.05, CROSS_ENTROPY_X + BAR_WIDTH / 2 + 0.05]
        self.identity_line = pg.PlotDataItem(self._identity_x, [0.0, 0.0], name="H(p,q) level")
        for item in (self.entropy_bar, self.kl_bar, self.cross_entropy_bar, self.identity_line):
            plot.addItem(item)
        self.add_right_item(self.mse_bar)

        # Values: H(p) and KL left of their segments, H(p,q) and MSE above their bars;
        # the title's colours say which is which.
        self._entropy_label = self.add_value_label((1.0, 0.5), bold=True)
        self._kl_label = self.add_value_label((1.0, 0.5), bold=True)
        self._cross_entropy_label = self.add_value_label((0.5, 1.0), bold=True)
        self._mse_label = self.add_value_label((0.5, 1.0), bold=True, right=True)

        self.set_axis_label("right", tr("MSE (unitless)"), "mse")
        # Label spacing, tick density and the room for the values depend on the size.
        plot.vb.sigResized.connect(self._on_resized)
        self._start()

    @property
    def left_range(self) -> tuple[float, float]:
        """The visible range of the left (information) axis, in the current units."""
        lo, hi = self.getPlotItem().vb.viewRange()[1]
        return float(lo), float(hi)

    # -- drawing -----------------------------------------------------------
    def _update(self, change: Change) -> None:
        """A new result moves the ranges and the bars; a unit switch only converts and relabels."""
        if change.touches("units"):
            self._relabel_units()
        if change.recomputed:
            self._update_ranges()
        if change.recomputed or change.touches("units"):
            self._draw_values()

    def _on_resized(self, *_: object) -> None:
        with blocked(self):
            self._draw_values()

    def _relabel_units(self) -> None:
        units = self._model.state.units
        self.set_axis_label("left", f"{tr('information')} ({tr(units.value)})")

    def _update_ranges(self) -> None:
        """The ranges' tops (in nats and unitless), grown at once, shrunk only when far too big."""
        result = self._model.result
        h, ce, kl = result.entropy, result.cross_entropy, result.kl  # nats
        # Left range: room for H(p,q) and for the largest possible entropy, log K.
        finite = [v for v in (h, ce, h + kl) if math.isfinite(v)]
        needed = max([HEADROOM * v for v in finite] + [math.log(result.num_classes), 0.1])
        self._top_nats = adapt_top(self._top_nats, needed)
        # MSE: the largest value for a normalised p is 2/K (two one-hots disagreeing).
        mse = _finite_or(result.mse, 0.0)
        self._mse_top = adapt_top(self._mse_top, HEADROOM * max(2.0 / result.num_classes, mse))

    def _draw_values(self) -> None:
        """Bars, identity line and value labels in the current units."""
        state, result = self._model.state, self._model.result
        units = state.units
        top = in_units(self._top_nats, units)
        self.getPlotItem().setYRange(0.0, top, padding=0)
        h_u = in_units(_finite_or(result.entropy, 0.0), units)
        ce_u = in_units(result.cross_entropy, units)
        kl_u = in_units(result.kl, units)
        kl_height = top - h_u if math.isinf(kl_u) else _finite_or(kl_u, 0.0)
        ce_height = top if math.isinf(ce_u) else _finite_or(ce_u, 0.0)
        self.entropy_bar.setOpts(x=[STACK_X], y0=[0.0], height=[h_u])
        self.kl_bar.setOpts(x=[STACK_X], y0=[h_u], height=[kl_height])
        self.cross_entropy_bar.setOpts(x=[CROSS_ENTROPY_X], y0=[0.0], height=[ce_height])
        self.identity_line.setData(self._identity_x, [ce_height, ce_height])

        # Segment values left of the stack, kept apart when a segment is thin:
        # one text line apart (in data units) so the two values never overlap.
        line_px = self._entropy_label.height_px()
        gap = top * max(0.09, line_px / max(self.getPlotItem().vb.height(), 1.0))
        h_y = max(h_u / 2, gap / 2)
        kl_y = min(max(h_u + kl_height / 2, h_y + gap), top - gap / 2)
        self._entropy_label.show(
            format_value(h_u, Kind.INFORMATION),
            LABEL_X,
            h_y,
            self.appearance.darker("entropy", 125),
        )
        self._kl_label.show(
            format_value(kl_u, Kind.INFORMATION), LABEL_X, kl_y, self.appearance.darker("kl", 125)
        )
        self._place_above(
            self._cross_entropy_label, "cross_entropy", CROSS_ENTROPY_X, ce_height, top, ce_u
        )

        mse = _finite_or(result.mse, 0.0)
        self.mse_view.setYRange(0.0, self._mse_top, padding=0)
        self.mse_bar.setOpts(x=[MSE_X], y0=[0.0], height=[mse])
        self._place_above(
            self._mse_label, "mse", MSE_X, mse, self._mse_top, result.mse, kind=Kind.MSE
        )
        self._update_x_range()
        self._fit_ticks()

    def _place_above(
        self,
        label: ValueLabel,
        role: str,
        x: float,
        height: float,
        top: float,
        value: float,
        kind: Kind = Kind.INFORMATION,
    ) -> None:
        # Inside the top of a bar (on the fill) when there is no room above it.
        text = format_value(value, kind)
        if height > INSIDE_LABEL_ABOVE * top:
            label.show(text, x, height, self.colour("on_bar"), anchor=(0.5, 0.0))
        else:
            label.show(text, x, height, self.appearance.darker(role, 125), anchor=(0.5, 1.0))

    def _fit_ticks(self) -> None:
        plot = self.getPlotItem()
        height = plot.vb.height()
        units = self._model.state.units
        fit_ticks(plot.getAxis("left"), in_units(self._top_nats, units), height, self.font_scale)
        fit_ticks(plot.getAxis("right"), self._mse_top, height, self.font_scale)

    def _update_x_range(self) -> None:
        """Leave just enough room left of the stack for its value labels."""
        width_px = self.getPlotItem().vb.width()
        needed_px = 12 + max(self._entropy_label.width_px(), self._kl_label.width_px())
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
        metrics = QFontMetricsF(self.scaled_font(TICK_PT))
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

    # -- style -------------------------------------------------------------
    def _style_items(self) -> None:
        for bar, role in (
            (self.entropy_bar, "entropy"),
            (self.kl_bar, "kl"),
            (self.cross_entropy_bar, "cross_entropy"),
            (self.mse_bar, "mse"),
        ):
            bar.setOpts(brush=self.colour(role), pen=self.pen(role, darker=140))
        self.identity_line.setPen(self.pen("foreground", 1.5, Qt.PenStyle.DashLine))
        self._tick_names = None

    def _title_candidates(self) -> list[tuple[str, str]]:
        """The identity as the title, its terms in their bars' colours."""
        html = self.appearance.html
        return [
            (
                "H(p,q) = H(p) + KL(p‖q)",
                f"<span style='color:{html('cross_entropy')}'>H(p,q)</span> = "
                f"<span style='color:{html('entropy')}'>H(p)</span> + "
                f"<span style='color:{html('kl')}'>KL(p‖q)</span>",
            )
        ]


class HistoryPlot(PlotView):
    """H(p), H(p,q), KL (left axis, current units) and MSE (right axis) over the last changes.

    Public attributes: ``entropy_curve``, ``cross_entropy_curve``, ``kl_curve``
    (pg.PlotDataItem in the current units; x = −(changes ago)) and
    ``mse_curve`` (on the right axis, in ``mse_view``). Every curve is in the
    PlotItem's ``items``. Infinite values leave a gap.
    """

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            model,
            appearance,
            parent,
            object_name="history_plot",
            axes=("left", "bottom", "right"),
            minimum_size=(MIN_WIDTH, 110),
        )
        self.setToolTip(HISTORY_TOOLTIP)
        self.setAccessibleName("history plot")
        self.setAccessibleDescription(HISTORY_TOOLTIP)
        self._top = 0.0
        self._mse_top = 0.0

        plot = self.getPlotItem()
        # A fixed window: the trace scrolls, the axis stays.
        plot.setXRange(-(HISTORY_LENGTH - 1), 0, padding=0.01)
        plot.setYRange(0.0, 1.0, padding=0)
        self.mse_view = self.add_right_view()
        self.mse_view.setYRange(0.0, 1.0, padding=0)
        plot.vb.sigResized.connect(self._fit_ticks)
        # Let "0" (now) at the right end keep its label.
        plot.getAxis("bottom").setStyle(hideOverlappingLabels=20)

        def curve(name: str) -> pg.PlotDataItem:
            return pg.PlotDataItem([], [], connect="finite", name=name)

        self.entropy_curve = curve("H(p)")
        self.cross_entropy_curve = curve("H(p,q)")
        self.kl_curve = curve("KL(p||q)")
        self.mse_curve = curve("MSE")
        for item in (self.entropy_curve, self.cross_entropy_curve, self.kl_curve):
            plot.addItem(item)
        self.add_right_item(self.mse_curve)
        self.set_axis_label("right", "MSE", "mse")
        self._start()

    def _update(self, change: Change) -> None:
        """Only a new history point, a cleared history or a unit switch changes the curves."""
        if change.touches("units"):
            self.set_axis_label("left", tr(self._model.state.units.value))
        if change.touches("history", "units"):
            self._redraw()

    def _redraw(self) -> None:
        """The curves from ``model.history`` (only setData)."""
        history = np.asarray(self._model.history, dtype=np.float64)
        n = history.shape[0]
        x = np.arange(1 - n, 1, dtype=np.float64)
        # ∞ has no place on a curve: a gap says "off the chart" without breaking the range.
        values = np.where(np.isfinite(history), history, np.nan)
        if self._model.state.units == "bits":
            values[:, :3] = values[:, :3] / LN2
        self.entropy_curve.setData(x, values[:, 0])
        self.cross_entropy_curve.setData(x, values[:, 1])
        self.kl_curve.setData(x, values[:, 2])
        self.mse_curve.setData(x, values[:, 3])

        info = values[:, :3]
        peak = float(np.nanmax(info)) if np.isfinite(info).any() else 0.0
        self._top = adapt_top(self._top, max(1.1 * peak, 0.1))
        self.getPlotItem().setYRange(0.0, self._top, padding=0)
        mse = values[:, 3]
        mse_peak = float(np.nanmax(mse)) if np.isfinite(mse).any() else 0.0
        self._mse_top = adapt_top(self._mse_top, max(1.1 * mse_peak, 0.01))
        self.mse_view.setYRange(0.0, self._mse_top, padding=0)
        self._fit_ticks()

    def _fit_ticks(self, *_: object) -> None:
        plot = self.getPlotItem()
        height = plot.vb.height()
        fit_ticks(plot.getAxis("left"), self._top, height, self.font_scale)
        fit_ticks(plot.getAxis("right"), self._mse_top, height, self.font_scale)

    # -- style -------------------------------------------------------------
    KEYS = (  # role, line drawn in the legend, name
        ("entropy", "━━", "H(p)"),
        ("cross_entropy", "━━", "H(p,q)"),
        ("kl", "━━", "KL"),
        ("mse", "╍╍", "MSE"),
    )

    def _style_items(self) -> None:
        self.entropy_curve.setPen(self.pen("entropy", 2))
        self.cross_entropy_curve.setPen(self.pen("cross_entropy", 2))
        self.kl_curve.setPen(self.pen("kl", 2))
        self.mse_curve.setPen(self.pen("mse", 2, Qt.PenStyle.DashLine))

    def _title_points(self) -> float:
        return TITLE_SCALE * self.points(TITLE_PT)

    def _title_candidates(self) -> list[tuple[str, str]]:
        """The title row doubles as the legend; it says less when the strip is narrow.

        (A legend inside the short strip would hide the curves, and a title wider
        than the widget would push the axes out of sight.)
        """
        keys = [(self.appearance.html(role), line, name) for role, line, name in self.KEYS]
        legend_html = "&nbsp;&nbsp;&nbsp;".join(
            f"<span style='color:{c}'>{line}</span>&nbsp;{name}" for c, line, name in keys
        )
        legend_text = "   ".join(f"{line} {name}" for _, line, name in keys)
        gap_text, gap_html = "    ", "&nbsp;" * 4
        long_name = tr("history of the last %n changes").replace("%n", str(HISTORY_LENGTH))
        short_text = "  ".join(f"{line[0]}{name}" for _, line, name in keys)
        short_html = "&nbsp;&nbsp;".join(
            f"<span style='color:{c}'>{line[0]}</span>{name}" for c, line, name in keys
        )
        return [
            (long_name + gap_text + legend_text, long_name + gap_html + legend_html),
            (tr("history") + gap_text + legend_text, tr("history") + gap_html + legend_html),
            (legend_text, legend_html),
            (short_text, short_html),
        ]


class InformationPanel(QWidget):
    """The information plot above a history strip about a third of its height."""

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("information_panel")
        self.appearance = appearance if appearance is not None else Appearance(parent=self)
        self.information_plot = InformationPlot(model, self.appearance, self)
        self.history_plot = HistoryPlot(model, self.appearance, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.information_plot, 2)
        layout.addWidget(self.history_plot, 1)
