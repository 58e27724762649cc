"""The identity H(p,q) = H(p) + KL(p‖q) as bars, MSE on its own axis, and their history.

``InformationPlot`` stacks KL(p‖q) on top of H(p) so that the stack reaches
exactly the height of the H(p,q) bar beside it. ``HistoryPlot`` draws how the
quantities moved over the last changes, so a drag leaves a trace.
``InformationPanel`` puts the two one above the other.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.appearance import Appearance
from app.formatting import Kind, format_value, in_units
from app.i18n import tr
from app.model import HISTORY_LENGTH, Change, ExplorerModel, Units
from app.plots.base import (
    MIN_WIDTH,
    TEXT_PT,
    TICK_PT,
    Bars,
    PlotView,
    ValueLabel,
    make_font,
    nice_ceiling,
)
from core import LN2, ExplorerResult

__all__ = ["InformationPlot", "HistoryPlot", "InformationPanel", "information_top", "mse_top"]

BAR_WIDTH = 0.6
STACK_X, CROSS_ENTROPY_X, MSE_X = 0.0, 1.0, 2.0
X_RIGHT = 2.4  # the right end, or further when the MSE value needs it
X_LEFT = -0.5  # the left end, or further for the H(p) and KL values
LABEL_X = STACK_X - BAR_WIDTH / 2 - 0.05  # right edge of the H(p) and KL values
HEADROOM = 1.15  # the information axis reaches above H(p,q) so its value fits above the bar
INFORMATION_MIN = 0.5  # the smallest top of an information axis, in its units
MSE_MIN = 0.01  # the smallest top of an MSE axis
TICK_NAMES = (  # names of the three bars, longest first
    ("H(p) + KL", "H(p,q)", "MSE"),
    ("H(p)+KL", "H(p,q)", "MSE"),
    ("H+KL", "H(p,q)", "MSE"),
)
#: Value label sizes tried (of the full size), with and without the H(p) and KL values.
LABEL_LADDER = ((1.0, True), (0.85, True), (0.72, True), (1.0, False), (0.85, False), (0.72, False))
#: Sizes of the bar names tried (of the tick size) when nothing else makes room.
NAME_SIZES = (0.85, 0.72)
NAME_GAP = 6.0  # free pixels between two bar names
#: The width a value label keeps even for a narrower number ("∞", "1.213"), so the layout
#: stays put: four significant digits below 0.1 ("0.09569") still fit, and a value falling
#: through 0.1 does not move the plot's x range (which redraws its axis and every bar).
SAMPLE_VALUE = "0.00000"

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


def _finite_or(value: float, fallback: float) -> float:
    return value if math.isfinite(value) else fallback


def information_top(result: ExplorerResult, units: Units | str) -> float:
    """The top of an information axis, in ``units``: a function of the result alone.

    A nice number (a multiple of a 1-2-5 step) above H(p,q), H(p) + KL (with
    room for the value above its bar) and the largest entropy of K classes,
    log K; never below :data:`INFORMATION_MIN`. Infinite values are left out
    (they are drawn to the top).
    """
    values = [result.entropy, result.cross_entropy, result.entropy + result.kl]
    finite = [in_units(v, units) for v in values if math.isfinite(v)]
    log_k = in_units(math.log(result.num_classes), units)
    needed = max([HEADROOM * v for v in finite] + [log_k])
    return nice_ceiling(needed, INFORMATION_MIN)


def mse_top(result: ExplorerResult) -> float:
    """The top of an MSE axis: a nice number above the MSE and above 2/K, the largest
    MSE of a normalised p (two one-hots that disagree)."""
    mse = _finite_or(result.mse, 0.0)
    return nice_ceiling(max(2.0 / result.num_classes, HEADROOM * mse), MSE_MIN)


def _fit_x_range(
    width_px: float, name_px: float, values_px: float | None, right_px: float
) -> tuple[float, float, float]:
    """The x range (left, right) and its pixels per unit at ``width_px``.

    Wide enough that the first bar name reaches ``name_px`` left of the stack,
    the H(p) and KL values ``values_px`` left of :data:`LABEL_X` (when shown),
    and the MSE value or name ``right_px`` right of the MSE bar; never less
    than [X_LEFT, X_RIGHT]. Pixels per unit times the range is the width: it
    grows with the pixels per unit, so halving finds it.
    """

    def ends(px_per_unit: float) -> tuple[float, float]:
        left = min(X_LEFT, STACK_X - name_px / px_per_unit)
        if values_px is not None:
            left = min(left, LABEL_X - values_px / px_per_unit)
        return left, max(X_RIGHT, MSE_X + right_px / px_per_unit)

    if width_px <= 0:
        return X_LEFT, X_RIGHT, 0.0
    lo, hi = 1e-6, width_px / (X_RIGHT - X_LEFT)
    for _ in range(60):
        mid = (lo + hi) / 2
        left, right = ends(mid)
        if mid * (right - left) > width_px:
            hi = mid
        else:
            lo = mid
    left, right = ends(lo)
    return left, right, width_px / (right - left)


@dataclass(frozen=True)
class _Layout:
    """Where the information plot's values and bar names go at one size in pixels."""

    left: float  # the x range
    right: float
    names: tuple[str, ...]  # the bar names under the axis ("" for none)
    points: float  # the value labels' size
    segment_values: bool  # H(p) and KL shown left of the stack
    mse_value: bool
    tick_points: float  # the bar names' size


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
        self._top = 1.0  # the left (information) range's top, in the current units
        self._mse_top = 1.0
        self._layout: _Layout | None = None

        plot = self.getPlotItem()
        plot.setXRange(X_LEFT, X_RIGHT, padding=0)
        self.mse_view = self.add_right_view()

        def bar(x: float) -> pg.BarGraphItem:
            return Bars(x=[x], y0=[0.0], height=[0.0], width=BAR_WIDTH)

        self.entropy_bar = bar(STACK_X)
        self.kl_bar = bar(STACK_X)
        self.cross_entropy_bar = bar(CROSS_ENTROPY_X)
        self.mse_bar = bar(MSE_X)
        self._identity_x = [STACK_X - BAR_WIDTH / 2 - 0.05, CROSS_ENTROPY_X + BAR_WIDTH / 2 + 0.05]
        # A PlotCurveItem, not a PlotDataItem: it moves with every change, and a
        # PlotDataItem's setData costs seven times as much (its data pipeline).
        self.identity_line = pg.PlotCurveItem(self._identity_x, [0.0, 0.0], name="H(p,q) level")
        for item in (self.entropy_bar, self.kl_bar, self.cross_entropy_bar, self.identity_line):
            plot.addItem(item)
        self.add_right_item(self.mse_bar)

        # Values: H(p) and KL left of their segments, H(p,q) and MSE above their bars;
        # the title's colours say which is which.
        self._entropy_label = self.add_value_label((1.0, 0.5), bold=True)
        self._kl_label = self.add_value_label((1.0, 0.5), bold=True)
        self._cross_entropy_label = self.add_value_label((0.5, 1.0), bold=True)
        self._mse_label = self.add_value_label((0.5, 1.0), bold=True, right=True)

        self.set_axis_label("right", (tr("MSE (unitless)"), "MSE"), "mse")
        self._start()

    @property
    def left_range(self) -> tuple[float, float]:
        """The visible range of the left (information) axis, in the current units."""
        lo, hi = self.getPlotItem().vb.viewRange()[1]
        return float(lo), float(hi)

    @property
    def value_labels(self) -> list[ValueLabel]:
        """The numbers drawn on the plot (H(p), KL, H(p,q), MSE); hidden ones included."""
        return [self._entropy_label, self._kl_label, self._cross_entropy_label, self._mse_label]

    # -- drawing -----------------------------------------------------------
    def _update(self, change: Change) -> None:
        """A new result moves the ranges and the bars; a unit switch converts and relabels."""
        if change.touches("units"):
            self._relabel_units()
        # After a gesture the held ranges follow the state again, and the bars with them.
        if change.recomputed or change.touches("units") or self.releases_gesture(change):
            self._update_ranges(change)
            self._draw_values()

    def _resized(self) -> None:
        self._place_values()

    def _relabel_units(self) -> None:
        units = tr(self._model.state.units.value)
        self.set_axis_label("left", (f"{tr('information')} ({units})", units))

    def _update_ranges(self, change: Change) -> None:
        """The ranges' tops from the result (held, growing only, while a gesture lasts)."""
        result, units = self._model.result, self._model.state.units
        self._top = self.stable_bound("left", information_top(result, units), change)
        self._mse_top = self.stable_bound("right", mse_top(result), change)
        self.set_y_range("left", 0.0, self._top)
        self.set_y_range("right", 0.0, self._mse_top)

    def _heights(self) -> tuple[float, float, float, float]:
        """H(p), KL and H(p,q) in the current units and MSE, as drawn: ∞ reaches the top."""
        result, units = self._model.result, self._model.state.units
        top = self._top
        h_u = in_units(_finite_or(result.entropy, 0.0), units)
        kl_u = in_units(result.kl, units)
        ce_u = in_units(result.cross_entropy, units)
        kl_height = max(top - h_u, 0.0) if math.isinf(kl_u) else _finite_or(kl_u, 0.0)
        ce_height = top if math.isinf(ce_u) else _finite_or(ce_u, 0.0)
        return h_u, kl_height, ce_height, _finite_or(result.mse, 0.0)

    def _draw_values(self) -> None:
        """Bars, identity line and value labels in the current units."""
        h_u, kl_height, ce_height, mse = self._heights()
        self.set_bars(self.entropy_bar, x=[STACK_X], y0=[0.0], height=[h_u])
        self.set_bars(self.kl_bar, x=[STACK_X], y0=[h_u], height=[kl_height])
        self.set_bars(self.cross_entropy_bar, x=[CROSS_ENTROPY_X], y0=[0.0], height=[ce_height])
        self.identity_line.setData(self._identity_x, [ce_height, ce_height])
        self.set_bars(self.mse_bar, x=[MSE_X], y0=[0.0], height=[mse])
        self._place_values()

    def _value_texts(self) -> tuple[str, str, str, str]:
        result, units = self._model.result, self._model.state.units
        return (
            format_value(in_units(_finite_or(result.entropy, 0.0), units), Kind.INFORMATION),
            format_value(in_units(result.kl, units), Kind.INFORMATION),
            format_value(in_units(result.cross_entropy, units), Kind.INFORMATION),
            format_value(result.mse, Kind.MSE),
        )

    def _choose_layout(self, texts: tuple[str, str, str, str]) -> _Layout:
        """The first arrangement in which nothing overlaps and nothing is cut.

        Tried in turn: the values at full size, a little smaller, smaller still,
        each with the longest bar names that fit; then the same without the
        H(p) and KL values beside the stack (the readouts show them); then the
        bar names in a smaller size. Last resort: only the names and values
        that keep apart.
        """
        width_px = float(self.getPlotItem().vb.width())
        tick_pt = self.points(TICK_PT)
        full = self.points(TEXT_PT)
        tries = [(f, seg, names, 1.0) for f, seg in LABEL_LADDER for names in TICK_NAMES]
        tries += [(LABEL_LADDER[-1][0], False, TICK_NAMES[-1], f) for f in NAME_SIZES]
        layout: _Layout | None = None
        for factor, segment_values, names, name_factor in tries:
            layout, room = self._try_layout(
                texts, width_px, factor * full, segment_values, names, name_factor * tick_pt
            )
            if width_px > 0 and room["names"] >= 0 and room["values"] >= 0:
                return layout
        # Nothing fits: drop the outer names and the MSE value where they would touch.
        assert layout is not None
        layout, room = self._try_layout(
            texts, width_px, layout.points, False, layout.names, layout.tick_points
        )
        names = list(layout.names)
        if room["first_name"] < 0:
            names[0] = ""
        if room["last_name"] < 0:
            names[2] = ""
        return dataclasses.replace(layout, names=tuple(names), mse_value=room["values"] >= 0)

    def _value_rows(self, points: float) -> tuple[tuple[float, float], tuple[float, float]]:
        """The heights in pixels (bottom, top) that the H(p,q) and MSE values take."""
        view_px = max(float(self.getPlotItem().vb.height()), 1.0)
        line = QFontMetricsF(make_font(points, bold=True)).height() + 8
        _, _, ce_height, mse = self._heights()
        rows = []
        for height, top in ((ce_height, self._top), (mse, self._mse_top)):
            px = height / top * view_px
            rows.append((px, px + line) if px + line <= view_px else (px - line, px))
        return rows[0], rows[1]

    def _try_layout(
        self,
        texts: tuple[str, str, str, str],
        width_px: float,
        points: float,
        segment_values: bool,
        names: tuple[str, ...],
        tick_points: float,
    ) -> tuple[_Layout, dict[str, float]]:
        """One arrangement and the pixels to spare between its neighbours (< 0: they touch)."""
        metrics = QFontMetricsF(make_font(points, bold=True))

        def wide(text: str) -> float:
            return max(metrics.horizontalAdvance(text), metrics.horizontalAdvance(SAMPLE_VALUE)) + 8

        h_w, kl_w, ce_w, mse_w = (wide(t) for t in texts)
        name_metrics = QFontMetricsF(make_font(tick_points))
        name_w = [name_metrics.horizontalAdvance(n) for n in names]
        left, right, px_per_unit = _fit_x_range(
            width_px,
            name_w[0] / 2 + 4,
            max(h_w, kl_w) + 4 if segment_values else None,
            max(mse_w, name_w[2]) / 2 + 4,
        )
        first = px_per_unit - (name_w[0] + name_w[1]) / 2 - NAME_GAP
        last = px_per_unit - (name_w[1] + name_w[2]) / 2 - NAME_GAP
        # The H(p,q) and MSE values only meet when they stand at the same height.
        (ce_lo, ce_hi), (mse_lo, mse_hi) = self._value_rows(points)
        apart = ce_hi + 2 <= mse_lo or mse_hi + 2 <= ce_lo
        room = {
            "first_name": first,
            "last_name": last,
            "names": min(first, last),
            "values": math.inf if apart else px_per_unit - (ce_w + mse_w) / 2 - 4,
        }
        return _Layout(left, right, names, points, segment_values, True, tick_points), room

    def _place_values(self) -> None:
        """The value labels and bar names for the current values and size in pixels."""
        texts = self._value_texts()
        layout = self._choose_layout(texts)
        plot = self.getPlotItem()
        if self._layout is None or (layout.left, layout.right) != (
            self._layout.left,
            self._layout.right,
        ):
            plot.setXRange(layout.left, layout.right, padding=0)
        if self._layout is None or layout.tick_points != self._layout.tick_points:
            plot.getAxis("bottom").setTickFont(make_font(layout.tick_points))
        if self._layout is None or layout.names != self._layout.names:
            ticks = [
                (x, name)
                for x, name in zip((STACK_X, CROSS_ENTROPY_X, MSE_X), layout.names, strict=True)
                if name
            ]
            plot.getAxis("bottom").setTicks([ticks, []])
        self._layout = layout
        for label in self.value_labels:
            label.set_font(make_font(layout.points, bold=True))

        h_u, kl_height, ce_height, mse = self._heights()
        top, mse_top_ = self._top, self._mse_top
        view_px = max(float(plot.vb.height()), 1.0)
        h_text, kl_text, ce_text, mse_text = texts
        if layout.segment_values:
            # Segment values left of the stack, kept apart when a segment is thin: one
            # text line apart (in data units) so the two values never overlap, and inside.
            line = self._entropy_label.height_px() * top / view_px
            h_y = min(max(h_u / 2, line / 2), max(top - 1.5 * line, line / 2))
            kl_y = min(max(h_u + kl_height / 2, h_y + line), top - line / 2)
            self._entropy_label.show(
                h_text, LABEL_X, h_y, self.appearance.darker("entropy", 125), anchor=(1.0, 0.5)
            )
            self._kl_label.show(
                kl_text, LABEL_X, kl_y, self.appearance.darker("kl", 125), anchor=(1.0, 0.5)
            )
        else:
            self._entropy_label.hide()
            self._kl_label.hide()
        self._place_above(
            self._cross_entropy_label, "cross_entropy", CROSS_ENTROPY_X, ce_height, top, ce_text
        )
        if layout.mse_value:
            self._place_above(self._mse_label, "mse", MSE_X, mse, mse_top_, mse_text)
        else:
            self._mse_label.hide()

    def _place_above(
        self, label: ValueLabel, role: str, x: float, height: float, top: float, text: str
    ) -> None:
        """Above the bar; inside its top (on the fill) when above would leave the view."""
        view_px = max(float(self.getPlotItem().vb.height()), 1.0)
        label_height = label.height_px() * top / view_px
        if height + label_height > top:
            fill = self.colour(role)
            label.show(text, x, height, self.colour("on_bar"), anchor=(0.5, 0.0), fill=fill)
        else:
            label.show(text, x, height, self.appearance.darker(role, 125), anchor=(0.5, 1.0))

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
        self._layout = None

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
    (pg.PlotCurveItem in the current units; x = −(changes ago)) and
    ``mse_curve`` (on the right axis, in ``mse_view``). Every curve is in the
    PlotItem's ``items``. Infinite values leave a gap.
    """

    TITLE_SCALE = 0.9  # the history strip's title is a little smaller than the plots'

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
        plot = self.getPlotItem()
        # A fixed window: the trace scrolls, the axis stays.
        plot.setXRange(-(HISTORY_LENGTH - 1), 0, padding=0.01)
        self.mse_view = self.add_right_view()
        # Let "0" (now) at the right end keep its label.
        self.use_numeric_bottom_axis(overflow_px=20)

        # PlotCurveItems: each change sets their data, and a PlotDataItem's setData costs
        # seven times as much (70 against 10 µs for 300 points: its data pipeline).
        def curve(name: str) -> pg.PlotCurveItem:
            return pg.PlotCurveItem([], [], connect="finite", name=name)

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
        """Only a new history point, a cleared history or a unit switch changes the curves.

        The ranges are those of the information plot, from the current result:
        the same scene always shows the same axes. Earlier values above the top
        run off the chart.
        """
        if change.touches("units"):
            self.set_axis_label("left", tr(self._model.state.units.value))
        if change.touches("history", "units"):
            self._redraw()
        if change.recomputed or change.touches("units") or self.releases_gesture(change):
            self._update_ranges(change)

    def _update_ranges(self, change: Change) -> None:
        result, units = self._model.result, self._model.state.units
        self.set_y_range(
            "left", 0.0, self.stable_bound("left", information_top(result, units), change)
        )
        self.set_y_range("right", 0.0, self.stable_bound("right", mse_top(result), change))

    def _redraw(self) -> None:
        """The curves from ``model.history`` (only setData)."""
        history = np.asarray(self._model.history, dtype=np.float64)
        n = history.shape[0]
        x = np.arange(1 - n, 1, dtype=np.float64)
        # ∞ has no place on a curve: a gap says "off the chart" without breaking the range.
        values = np.where(np.isfinite(history), history, np.nan)
        if self._model.state.units == "bits":
            values[:, :3] = values[:, :3] / LN2
        # H(p) often stays as it is while the logits move: set_curve leaves it alone then.
        self.set_curve(self.entropy_curve, x, values[:, 0])
        self.set_curve(self.cross_entropy_curve, x, values[:, 1])
        self.set_curve(self.kl_curve, x, values[:, 2])
        self.set_curve(self.mse_curve, x, values[:, 3])

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
