"""SigmoidPanel: the sigmoid, its losses and their gradients against the log-odds x.

Three plots share one x axis, the slider range: σ(x) with its slope σ′(x), the
binary cross-entropy and the squared error for y = 1 and y = 0, and their
gradients. The current point is the selected class's log-odds: z/T for one
sigmoid, z_c/T for multi-label, and under a softmax z_c/T − log Σ_{k≠c} e^{z_k/T}
(its log-odds against the rest, so that q_c = σ(x)). Read from left to right it
is the article's argument: at x = −8 with y = 1 the model is confidently wrong,
the cross-entropy gradient is still −1, and the squared error's has faded to
−0.00067, because it carries the slope σ′.

The curves depend on the slider range alone, so they are computed (by
:func:`core.sigmoid_curves`) only when the range changes; a new state moves
the markers. All numbers come from the core or ``model.result``.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from functools import lru_cache

import numpy as np
import pyqtgraph as pg
from pyqtgraph.GraphicsScene.mouseEvents import HoverEvent
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.appearance import Appearance
from app.formatting import Kind, format_value
from app.i18n import tr
from app.model import Change, ExplorerModel, ProblemType
from app.plots.base import (
    MIN_WIDTH,
    TEXT_ITEM_PADDING,
    TEXT_PT,
    AxisWidthGroup,
    Dot,
    PlotView,
    ValueLabel,
    drawn_once,
    make_font,
    nice_ceiling,
)
from core import SigmoidCurves, sigmoid, sigmoid_curves

__all__ = [
    "SigmoidPlot",
    "SigmoidLossPlot",
    "SigmoidGradientPlot",
    "SigmoidPanel",
    "CurrentPoint",
    "curves_for",
    "odds_text",
]

#: Points on the x grid: odd, so that x = 0 is one of them.
GRID_POINTS = 801
DOT_SIZE = 9.0
HOVER_DOT_SIZE = 8.0
#: The probability axis: σ ∈ [0, 1] with a little room above 1.
SIGMA_TOP = 1.05
#: The squared error (σ − y)² lies in [0, 1].
SQUARED_ERROR_TOP = 1.05
#: The gradients: σ − y in [−1, 1], 2(σ − y)σ′ within ±0.3.
GRADIENT_HALF = 1.1
LOSS_MIN = 1.0  # the smallest top of the BCE axis (nats)
#: The readout of σ, the odds and the logit takes at most these parts of the view,
#: in the first of these sizes (of the text size) that fits; it stands above this σ′.
READOUT_WIDTH = 0.45
READOUT_HEIGHT = 0.45
READOUT_SIZES = (1.0, 0.85, 0.72)
READOUT_FLOOR = 0.27
#: The readout's box lets a covered curve or marker show through faintly.
READOUT_FILL_ALPHA = 200
#: The gradient values at the current point take at most this part of the view's width.
PAIR_WIDTH = 0.55
#: Pixels between a marker and the value label beside it.
LABEL_GAP_PX = 6.0
#: The y = 0 curves are dashed, the y = 1 curves solid.
DASHED = Qt.PenStyle.DashLine


@lru_cache(maxsize=4)
def curves_for(limit: float) -> SigmoidCurves:
    """The curves over the slider range [−limit, limit], once per limit for every plot."""
    return sigmoid_curves(np.linspace(-limit, limit, GRID_POINTS))


def odds_text(x: float) -> str:
    """The odds σ/(1 − σ) at log-odds ``x``, as "2.718 : 1" or, below even, "1 : 2981".

    From the core's σ(x) and σ(−x), so neither side loses digits to 1 − σ;
    where the ratio overflows (|x| beyond ~709) it is written as a power of e.
    """
    if not math.isfinite(x):
        return "∞ : 1" if x > 0 else "1 : ∞"
    yes, no = (float(v) for v in sigmoid(np.array([x, -x])))
    favoured, against = (yes, no) if x >= 0 else (no, yes)
    ratio = favoured / against if against > 0 else math.inf
    if math.isfinite(ratio):
        text = format_value(ratio, Kind.RATIO)
    else:
        text = f"e^{format_value(abs(x), Kind.LOGIT)}"
    return f"{text} : 1" if x >= 0 else f"1 : {text}"


class CurrentPoint:
    """The selected class's log-odds x and the curves' values there (from the core).

    ``x`` is the true log-odds, ``shown`` the x where the markers stand (x kept
    within the slider range, so a marker never leaves the plot); :meth:`at_x`
    and :meth:`at_shown` give any curve's value at those two points. ``target``
    is the class's y (its p). ``finite`` is False when x is not a number the
    plots can show (then the markers are hidden).
    """

    def __init__(self, model: ExplorerModel) -> None:
        result, state = model.result, model.state
        limit = float(state.slider_limit)
        self.x = float(result.selected_log_odds)
        self.finite = math.isfinite(self.x)
        self.shown = min(max(self.x, -limit), limit) if self.finite else 0.0
        self._curves = sigmoid_curves([self.x if self.finite else 0.0, self.shown])
        c = 1 if result.problem_type == "binary" else result.sweep_class
        self.target = float(result.p[c])

    def at_x(self, name: str) -> float:
        """Curve ``name`` (a :class:`core.SigmoidCurves` field) at the true x."""
        return float(getattr(self._curves, name)[0])

    def at_shown(self, name: str) -> float:
        """Curve ``name`` where the marker stands."""
        return float(getattr(self._curves, name)[1])


class _HoverViewBox(pg.ViewBox):
    """A ViewBox that says when the mouse leaves it (pyqtgraph's Python hover method)."""

    def __init__(self) -> None:
        super().__init__(enableMenu=False)
        self.exit_handler: Callable[[], None] | None = None

    def hoverEvent(self, ev: HoverEvent) -> None:  # noqa: N802 (pyqtgraph's name)
        if ev.isExit() and self.exit_handler is not None:
            self.exit_handler()


class _SigmoidView(PlotView):
    """A plot against the log-odds x over the slider range, with the current point marked.

    The curves are redrawn only when the slider range changes; the markers on
    every recompute; the title when the numbers or the class names change.
    """

    TITLE_SCALE = 0.9  # smaller titles than the main plots'

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None,
        parent: QWidget | None,
        object_name: str,
        view_box: pg.ViewBox | None = None,
        right_axis: bool = False,
    ) -> None:
        axes = ("left", "bottom", "right") if right_axis else ("left", "bottom")
        super().__init__(
            model,
            appearance,
            parent,
            object_name=object_name,
            axes=axes,
            view_box=view_box,
            minimum_size=(MIN_WIDTH - 60, 150),
        )
        plot = self.getPlotItem()
        if not right_axis:
            # An empty right axis as wide as the loss plot's keeps the x axes aligned.
            plot.showAxis("right")
            plot.getAxis("right").setStyle(showValues=False)
            plot.getAxis("right").setPen(pg.mkPen(None))
        self.current_line = pg.InfiniteLine(angle=90, movable=False)
        self.current_line.setZValue(-5)
        plot.addItem(self.current_line, ignoreBounds=True)
        self._limit: float | None = None
        self.use_numeric_bottom_axis()

    # -- the grid and the point ------------------------------------------------
    @property
    def curves(self) -> SigmoidCurves:
        """The curves drawn now (over the slider range)."""
        return curves_for(float(self._model.state.slider_limit))

    def _update(self, change: Change) -> None:
        if change.touches("slider_limit"):
            limit = float(self._model.state.slider_limit)
            if limit != self._limit:
                self._limit = limit
                self.getPlotItem().setXRange(-limit, limit, padding=0)
                self._draw_curves(curves_for(limit))
        if change.touches("slider_limit") or self.releases_gesture(change):
            self._update_ranges(change)
        if change.recomputed:
            point = CurrentPoint(self._model)
            if point.finite:
                self.current_line.setValue(point.shown)
            self.current_line.setVisible(point.finite)
            self._draw_point(point)
        if change.recomputed or change.touches("class_names"):
            self.set_titles(self._titles_for())

    def _draw_curves(self, curves: SigmoidCurves) -> None:
        raise NotImplementedError

    def _draw_point(self, point: CurrentPoint) -> None:
        raise NotImplementedError

    def _update_ranges(self, change: Change) -> None:
        """Fixed ranges by default (set once in ``__init__``)."""

    def _titles_for(self) -> list[tuple[str, str]]:
        return []

    def _resized(self) -> None:
        if self._limit is not None:
            self._draw_point(CurrentPoint(self._model))

    # -- helpers ---------------------------------------------------------------
    @staticmethod
    def _dots(points: int) -> list[Dot]:
        dots = [Dot(size=DOT_SIZE, pen=None) for _ in range(points)]
        for dot in dots:
            dot.setZValue(9)  # above the value labels, which may reach over them
        return dots

    def _style_items(self) -> None:
        self.current_line.setPen(self.pen("muted", 1, Qt.PenStyle.DashLine))
        self._titles = []  # their colours are rebuilt by the redraw

    def _px_per_unit(self) -> tuple[float, float]:
        """Pixels per data unit along x and y of the main view."""
        vb = self.getPlotItem().vb
        (x_lo, x_hi), (y_lo, y_hi) = vb.viewRange()
        return (
            max(float(vb.width()), 1.0) / max(x_hi - x_lo, 1e-12),
            max(float(vb.height()), 1.0) / max(y_hi - y_lo, 1e-12),
        )

    def _selected_name(self) -> str:
        state = self._model.state
        name = state.class_names[min(state.sweep_class, state.num_classes - 1)]
        return name if len(name) <= 14 else name[:13] + "…"


def _set_dot(dot: Dot, x: float, y: float, shown: bool) -> None:
    dot.setData([x] if shown else [], [y] if shown else [])


class SigmoidPlot(_SigmoidView):
    """σ(x) and its slope σ′(x) = σ(1 − σ), with the current point and a hover readout.

    Public attributes: ``sigma_curve``, ``slope_curve`` (pg.PlotDataItem),
    ``point`` (the marker on σ at the current x), ``slope_point`` (on σ′),
    ``current_label`` (σ, the odds and the logit there), ``hover_line``,
    ``hover_point`` and ``hover_label`` (the same for the x under the mouse),
    ``current_line``.
    """

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self._view = _HoverViewBox()
        super().__init__(model, appearance, parent, "sigmoid_plot", view_box=self._view)
        self.setAccessibleName(tr("sigmoid plot"))
        plot = self.getPlotItem()
        self.sigma_curve = drawn_once(pg.PlotDataItem(name="sigma"))
        self.slope_curve = drawn_once(pg.PlotDataItem(name="slope"))
        self.point = Dot(size=DOT_SIZE + 2)
        self.slope_point = Dot(size=DOT_SIZE)
        for item in (self.sigma_curve, self.slope_curve, self.slope_point, self.point):
            plot.addItem(item)
        self.point.setZValue(4)  # below the readout, which only a very small plot lays over it
        self.current_label = self.add_value_label((0.0, 0.0))
        self.hover_line = pg.InfiniteLine(angle=90, movable=False)
        self.hover_point = Dot(size=HOVER_DOT_SIZE)
        plot.addItem(self.hover_line, ignoreBounds=True)
        plot.addItem(self.hover_point)
        self.hover_label = self.add_value_label((0.0, 0.0))
        self.hover_label.item.setZValue(7)
        self.hover_x: float | None = None
        self._hide_hover()
        self.setToolTip(
            tr(
                "σ(x) = 1/(1 + e^(−x)) turns a log-odds x into a probability; its slope is "
                "σ′(x) = σ(1 − σ).\n"
                "odds = σ/(1 − σ) = e^x, and x = ln(σ/(1 − σ)) is the logit.\n"
                "Under a softmax, class c's q_c is σ of its log-odds against the rest:\n"
                "x = z_c/T − log Σ_{k≠c} e^(z_k/T). Hover to read σ, the odds and x anywhere."
            )
        )
        self.set_axis_label("left", (tr("probability σ, slope σ′"), "σ, σ′"))
        self.set_y_range("left", 0.0, SIGMA_TOP)
        self._view.exit_handler = self._hide_hover
        self.scene().sigMouseMoved.connect(self._on_hover)
        self._start()

    def _draw_curves(self, curves: SigmoidCurves) -> None:
        self.sigma_curve.setData(curves.x, curves.sigma)
        self.slope_curve.setData(curves.x, curves.slope)

    def _draw_point(self, point: CurrentPoint) -> None:
        _set_dot(self.point, point.shown, point.at_shown("sigma"), point.finite)
        _set_dot(self.slope_point, point.shown, point.at_shown("slope"), point.finite)
        if not point.finite:
            self.current_label.hide()
            return
        if self.hover_x is not None:  # the hover readout takes the label's place
            self.current_label.hide()
            return
        text = self.readout(point.x, point.at_x("sigma"))
        self._place_readout(
            self.current_label,
            text,
            point.shown,
            point.at_shown("sigma"),
            self.colour("foreground"),
        )

    @staticmethod
    def readout(x: float, sigma_x: float) -> str:
        """σ, the odds and the logit at log-odds ``x`` (σ(x) given, from the core)."""
        return tr("σ = {p}\nodds = {odds}\nlogit ln(odds) = {x}").format(
            p=format_value(sigma_x, Kind.PROBABILITY),
            odds=odds_text(x),
            x=format_value(x, Kind.LOGIT),
        )

    def _fit_readout(self, label: ValueLabel, text: str) -> tuple[float, float]:
        """The largest of a few sizes at which the readout fits its empty corner; its
        (width, height) in pixels at that size."""
        vb = self._view
        room_x = READOUT_WIDTH * max(float(vb.width()), 1.0)
        room_y = READOUT_HEIGHT * max(float(vb.height()), 1.0)
        lines = text.split("\n")
        full = self.points(TEXT_PT)
        for factor in READOUT_SIZES:
            font = make_font(factor * full)
            metrics = QFontMetricsF(font)
            width = max(metrics.horizontalAdvance(line) for line in lines) + TEXT_ITEM_PADDING
            height = len(lines) * metrics.lineSpacing() + TEXT_ITEM_PADDING
            if width <= room_x and height <= room_y:
                break
        label.set_font(font)
        return width, height

    def _place_readout(
        self, label: ValueLabel, text: str, x: float, y: float, colour: QColor
    ) -> None:
        """In an empty corner: top left, above the foot of σ, for a point (x, y) left of
        0; right, between σ′ and the top of σ, for one right of it. Where the plot is too
        small for the corner to stay empty and the readout would cover the point, the
        other corner."""
        width_px, height_px = self._fit_readout(label, text)
        (x_lo, x_hi), _ = self._view.viewRange()
        px_x, px_y = self._px_per_unit()
        inset, width, height = 4.0 / px_x, width_px / px_x, height_px / px_y
        top = SIGMA_TOP - 2.0 / px_y
        # (left, right, bottom, top) of the readout in each corner, in data units.
        corners = {
            "left": (x_lo + inset, x_lo + inset + width, top - height, top),
            "right": (x_hi - inset - width, x_hi - inset, READOUT_FLOOR, READOUT_FLOOR + height),
        }
        margin_x, margin_y = DOT_SIZE / px_x, DOT_SIZE / px_y

        def covers(corner: str) -> bool:
            left, right, bottom, upper = corners[corner]
            return (left - margin_x <= x <= right + margin_x) and (
                bottom - margin_y <= y <= upper + margin_y
            )

        corner = "left" if x < 0 else "right"
        other = "right" if corner == "left" else "left"
        if covers(corner) and not covers(other):
            corner = other
        fill = self.colour("background")
        fill.setAlpha(READOUT_FILL_ALPHA)
        if corner == "left":
            label.show(text, x_lo + inset, top, colour, anchor=(0.0, 0.0), fill=fill)
        else:
            label.show(text, x_hi - inset, READOUT_FLOOR, colour, anchor=(1.0, 1.0), fill=fill)

    # -- hovering --------------------------------------------------------------
    def hover_at(self, x: float) -> None:
        """Show σ, the odds and the logit at ``x`` (what moving the mouse there does)."""
        (x_lo, x_hi), _ = self._view.viewRange()
        if not (math.isfinite(x) and x_lo <= x <= x_hi):
            self._hide_hover()
            return
        self.hover_x = x
        sigma_x = float(sigmoid(np.array([x]))[0])
        self.hover_line.setValue(x)
        self.hover_line.setVisible(True)
        self.hover_point.setData([x], [sigma_x])
        self.hover_point.setVisible(True)
        self.current_label.hide()
        text = self.readout(x, sigma_x)
        self._place_readout(self.hover_label, text, x, sigma_x, self.colour("odds"))

    def _on_hover(self, scene_pos: QPointF) -> None:
        if self._view.sceneBoundingRect().contains(scene_pos):
            self.hover_at(self._view.mapSceneToView(scene_pos).x())
        elif self.hover_x is not None:
            self._hide_hover()

    def _hide_hover(self) -> None:
        was_hovering = self.hover_x is not None
        self.hover_x = None
        self.hover_line.setVisible(False)
        self.hover_point.setVisible(False)
        self.hover_label.hide()
        if was_hovering and self._limit is not None:
            self._draw_point(CurrentPoint(self._model))

    # -- style and titles ------------------------------------------------------
    def _style_items(self) -> None:
        super()._style_items()
        self.sigma_curve.setPen(self.pen("sigmoid", 2.5))
        self.slope_curve.setPen(self.pen("slope", 2.5))
        self.point.setBrush(self.colour("marker"))
        self.point.setPen(self.pen("foreground", 1))
        self.slope_point.setBrush(self.colour("marker"))
        self.slope_point.setPen(self.pen("foreground", 1))
        self.hover_line.setPen(self.pen("odds", 1, Qt.PenStyle.DotLine))
        self.hover_point.setBrush(pg.mkBrush(None))
        self.hover_point.setPen(self.pen("odds", 2))

    def _titles_for(self) -> list[tuple[str, str]]:
        """What x is: z (one sigmoid), z_c (multi-label), class c's log-odds (softmax)."""
        state = self._model.state
        name = self._selected_name()
        scaled = state.temperature != 1.0
        if state.problem_type is ProblemType.BINARY:
            x_long = x_short = "z/T" if scaled else "z"
        elif state.problem_type is ProblemType.MULTILABEL:
            template = tr("z/T of “{name}”") if scaled else tr("z of “{name}”")
            x_long = x_short = template.format(name=name)
        else:
            x_long = tr("log-odds of “{name}” against the rest").format(name=name)
            x_short = tr("log-odds of “{name}”").format(name=name)
        sigma_html, slope_html = self.span("sigmoid", "σ(x)"), self.span("slope", "σ′(x)")
        template = tr("{sigma} and its slope {slope}, x = {x}")
        short = tr("{sigma} and {slope}, x = {x}")
        return [
            (
                template.format(sigma="σ(x)", slope="σ′(x)", x=x_long),
                template.format(sigma=sigma_html, slope=slope_html, x=html.escape(x_long)),
            ),
            (
                short.format(sigma="σ", slope="σ′", x=x_long),
                short.format(
                    sigma=self.span("sigmoid", "σ"),
                    slope=self.span("slope", "σ′"),
                    x=html.escape(x_long),
                ),
            ),
            (
                short.format(sigma="σ", slope="σ′", x=x_short),
                short.format(
                    sigma=self.span("sigmoid", "σ"),
                    slope=self.span("slope", "σ′"),
                    x=html.escape(x_short),
                ),
            ),
            ("σ, σ′", f"{self.span('sigmoid', 'σ')}, {self.span('slope', 'σ′')}"),
        ]


class SigmoidLossPlot(_SigmoidView):
    """Binary cross-entropy (left axis, nats) and the squared error (σ − y)² (right axis)
    for y = 1 (solid) and y = 0 (dashed), with dots at the current x.

    Public attributes: ``bce_pos_curve``, ``bce_neg_curve``, ``se_pos_curve``,
    ``se_neg_curve`` (the last two in ``mse_view``), ``bce_dots`` and ``se_dots``
    ([y = 1, y = 0] each), ``current_line``.
    """

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(model, appearance, parent, "sigmoid_loss_plot", right_axis=True)
        self.setAccessibleName(tr("sigmoid losses"))
        plot = self.getPlotItem()
        self.mse_view = self.add_right_view()
        self.bce_pos_curve = drawn_once(pg.PlotDataItem(name="BCE y=1"))
        self.bce_neg_curve = drawn_once(pg.PlotDataItem(name="BCE y=0"))
        plot.addItem(self.bce_pos_curve)
        plot.addItem(self.bce_neg_curve)
        self.se_pos_curve = drawn_once(pg.PlotDataItem(name="squared error y=1"))
        self.se_neg_curve = drawn_once(pg.PlotDataItem(name="squared error y=0"))
        self.add_right_item(self.se_pos_curve)
        self.add_right_item(self.se_neg_curve)
        self.bce_dots = self._dots(2)
        self.se_dots = self._dots(2)
        for dot in self.bce_dots:
            plot.addItem(dot)
        for dot in self.se_dots:
            self.add_right_item(dot)
        self.setToolTip(
            tr(
                "Binary cross-entropy −[y log σ + (1 − y) log(1 − σ)] (left axis, nats) and the "
                "squared error (σ − y)² (right axis),\n"
                "for y = 1 (solid) and y = 0 (dashed). Cross-entropy grows without bound when "
                "the model is confidently wrong;\nthe squared error can never exceed 1."
            )
        )
        self.set_axis_label("left", (tr("BCE (nats)"), tr("nats")), "cross_entropy")
        self.set_axis_label("right", ("(σ − y)²", "SE"), "mse")
        self.set_y_range("right", 0.0, SQUARED_ERROR_TOP)
        self._start()

    def _draw_curves(self, curves: SigmoidCurves) -> None:
        self.bce_pos_curve.setData(curves.x, curves.bce_pos)
        self.bce_neg_curve.setData(curves.x, curves.bce_neg)
        self.se_pos_curve.setData(curves.x, curves.se_pos)
        self.se_neg_curve.setData(curves.x, curves.se_neg)

    def _draw_point(self, point: CurrentPoint) -> None:
        for dot, name in zip(self.bce_dots, ("bce_pos", "bce_neg"), strict=True):
            _set_dot(dot, point.shown, point.at_shown(name), point.finite)
        for dot, name in zip(self.se_dots, ("se_pos", "se_neg"), strict=True):
            _set_dot(dot, point.shown, point.at_shown(name), point.finite)

    def _update_ranges(self, change: Change) -> None:
        """0 to a nice number above the largest BCE on the grid (a function of the range)."""
        curves = self.curves
        peak = float(max(np.max(curves.bce_pos), np.max(curves.bce_neg)))
        self.set_y_range(
            "left", 0.0, self.stable_bound("left", nice_ceiling(peak, LOSS_MIN), change)
        )

    def _style_items(self) -> None:
        super()._style_items()
        self.bce_pos_curve.setPen(self.pen("cross_entropy", 2.5))
        self.bce_neg_curve.setPen(self.pen("cross_entropy", 2.0, DASHED))
        self.se_pos_curve.setPen(self.pen("mse", 2.5))
        self.se_neg_curve.setPen(self.pen("mse", 2.0, DASHED))
        for dot in self.bce_dots:
            dot.setBrush(self.colour("cross_entropy"))
        for dot in self.se_dots:
            dot.setBrush(self.colour("mse"))

    def _titles_for(self) -> list[tuple[str, str]]:
        bce, se = self.span("cross_entropy", "BCE"), self.span("mse", "(σ − y)²")
        long = tr("{bce} and {se}: y = 1 solid, y = 0 dashed")
        short = tr("{bce}, {se}: y = 1 solid")
        return [
            (long.format(bce="BCE", se="(σ − y)²"), long.format(bce=bce, se=se)),
            (short.format(bce="BCE", se="(σ − y)²"), short.format(bce=bce, se=se)),
            ("BCE, (σ − y)²", f"{bce}, {se}"),
        ]


class SigmoidGradientPlot(_SigmoidView):
    """∂/∂x of the two losses: σ − y for cross-entropy, 2(σ − y)σ′ for the squared error,
    for y = 1 (solid) and y = 0 (dashed), with the values at the current x written out.

    Public attributes: ``ce_pos_curve`` (σ − 1), ``ce_neg_curve`` (σ),
    ``mse_pos_curve`` (2(σ − 1)σ′), ``mse_neg_curve`` (2σσ′), ``ce_dots`` and
    ``mse_dots`` ([y = 1, y = 0]), ``ce_label`` and ``mse_label`` (the values
    for the class's own target, rounded to y = 1 or y = 0), ``zero_line``,
    ``current_line``.
    """

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(model, appearance, parent, "sigmoid_gradient_plot")
        self.setAccessibleName(tr("sigmoid gradients"))
        plot = self.getPlotItem()
        self.zero_line = pg.InfiniteLine(pos=0.0, angle=0, movable=False)
        self.zero_line.setZValue(-6)
        plot.addItem(self.zero_line, ignoreBounds=True)
        self.ce_pos_curve = drawn_once(pg.PlotDataItem(name="dBCE/dx y=1"))
        self.ce_neg_curve = drawn_once(pg.PlotDataItem(name="dBCE/dx y=0"))
        self.mse_pos_curve = drawn_once(pg.PlotDataItem(name="d squared error/dx y=1"))
        self.mse_neg_curve = drawn_once(pg.PlotDataItem(name="d squared error/dx y=0"))
        for curve in (self.ce_pos_curve, self.ce_neg_curve, self.mse_pos_curve, self.mse_neg_curve):
            plot.addItem(curve)
        self.ce_dots = self._dots(2)
        self.mse_dots = self._dots(2)
        for dot in (*self.ce_dots, *self.mse_dots):
            plot.addItem(dot)
        self.ce_label = self.add_value_label((0.0, 0.5), bold=True)
        self.mse_label = self.add_value_label((0.0, 0.5), bold=True)
        #: The target whose gradients the labels show (1 or 0).
        self.labelled_target = 1
        self.setToolTip(
            tr(
                "Gradients with respect to x, what a training step follows.\n"
                "Cross-entropy: σ − y, the plain error; it stays near −1 while the model is "
                "confidently wrong.\n"
                "Squared error: 2(σ − y)·σ′ carries the slope σ′ = σ(1 − σ), which vanishes "
                "when σ saturates:\nat x = −8 with y = 1 it is −0.00067 against −1, and "
                "learning stalls."
            )
        )
        self.set_axis_label("left", (tr("∂/∂x (per unit log-odds)"), "∂/∂x"))
        self.set_axis_label("bottom", (tr("x (log-odds)"), "x"))
        self.set_y_range("left", -GRADIENT_HALF, GRADIENT_HALF)
        self._start()

    def _draw_curves(self, curves: SigmoidCurves) -> None:
        self.ce_pos_curve.setData(curves.x, curves.bce_pos_grad)
        self.ce_neg_curve.setData(curves.x, curves.bce_neg_grad)
        self.mse_pos_curve.setData(curves.x, curves.se_pos_grad)
        self.mse_neg_curve.setData(curves.x, curves.se_neg_grad)

    def _draw_point(self, point: CurrentPoint) -> None:
        names = (("bce_pos_grad", "bce_neg_grad"), ("se_pos_grad", "se_neg_grad"))
        for dots, pair in zip((self.ce_dots, self.mse_dots), names, strict=True):
            for dot, name in zip(dots, pair, strict=True):
                _set_dot(dot, point.shown, point.at_shown(name), point.finite)
        if not point.finite:
            self.ce_label.hide()
            self.mse_label.hide()
            return
        positive = point.target >= 0.5
        self.labelled_target = 1 if positive else 0
        suffix = "pos" if positive else "neg"
        ce_value, mse_value = point.at_x(f"bce_{suffix}_grad"), point.at_x(f"se_{suffix}_grad")
        # A soft target lies between the curves: the values are those of the nearer one.
        which = "" if point.target in (0.0, 1.0) else f" (y = {self.labelled_target})"
        self._place_pair(
            point.shown,
            [
                (
                    self.ce_label,
                    f"∂BCE/∂x{which} = {format_value(ce_value, Kind.GRADIENT)}",
                    point.at_shown(f"bce_{suffix}_grad"),
                    "ce_grad",
                ),
                (
                    self.mse_label,
                    f"∂(σ − y)²/∂x{which} = {format_value(mse_value, Kind.GRADIENT)}",
                    point.at_shown(f"se_{suffix}_grad"),
                    "mse_grad",
                ),
            ],
        )

    def _place_pair(self, x: float, labels: list[tuple[ValueLabel, str, float, str]]) -> None:
        """Each value beside its dot, towards the middle of the plot, kept inside the view
        and clear of the other value."""
        px_x, px_y = self._px_per_unit()
        (x_lo, x_hi), (y_lo, y_hi) = self._view_range()
        middle = (x_lo + x_hi) / 2
        left_side = x <= middle
        gap = LABEL_GAP_PX / px_x
        fill = self.colour("background")
        fill.setAlpha(200)
        # The values stay large but never wider than about half the plot.
        room = PAIR_WIDTH * max(float(self.getPlotItem().vb.width()), 1.0)
        for factor in READOUT_SIZES:
            font = make_font(factor * self.points(TEXT_PT), bold=True)
            metrics = QFontMetricsF(font)
            widest = max(metrics.horizontalAdvance(text) for _, text, *_ in labels)
            if widest + TEXT_ITEM_PADDING <= room:
                break
        for label, *_ in labels:
            label.set_font(font)
        heights = [label.height_px() / px_y for label, *_ in labels]
        centres = []
        for (_label, _text, y, _role), h in zip(labels, heights, strict=True):
            centres.append(min(max(y, y_lo + h / 2), y_hi - h / 2))
        # Two values too close to read apart: the larger goes up, the smaller down.
        order = sorted(range(len(labels)), key=lambda i: centres[i])
        low, high = order[0], order[-1]
        need = (heights[low] + heights[high]) / 2
        if centres[high] - centres[low] < need:
            mid = (centres[high] + centres[low]) / 2
            centres[low], centres[high] = mid - need / 2, mid + need / 2
            if centres[low] - heights[low] / 2 < y_lo:
                shift = y_lo - (centres[low] - heights[low] / 2)
                centres = [c + shift for c in centres]
            if centres[high] + heights[high] / 2 > y_hi:
                shift = centres[high] + heights[high] / 2 - y_hi
                centres = [c - shift for c in centres]
        width = max(label.width_px(text) for label, text, *_ in labels) / px_x
        # Beside the dot, on the side with room; where neither side has it, from the edge.
        if left_side and x + gap + width > x_hi:
            left_side = x - gap - width < x_lo
        elif not left_side and x - gap - width < x_lo:
            left_side = x + gap + width <= x_hi
        if left_side:
            start, anchor = min(x + gap, x_hi - width), (0.0, 0.5)
        else:
            start, anchor = max(x - gap, x_lo + width), (1.0, 0.5)
        for (label, text, _y, role), centre in zip(labels, centres, strict=True):
            colour = self.appearance.darker(role, 120)
            label.show(text, start, centre, colour, anchor=anchor, fill=fill)

    def _view_range(self) -> tuple[tuple[float, float], tuple[float, float]]:
        (x_lo, x_hi), _ = self.getPlotItem().vb.viewRange()
        return (x_lo, x_hi), self.y_range("left")

    def _style_items(self) -> None:
        super()._style_items()
        self.zero_line.setPen(self.pen("foreground"))
        self.ce_pos_curve.setPen(self.pen("ce_grad", 2.5))
        self.ce_neg_curve.setPen(self.pen("ce_grad", 2.0, DASHED))
        self.mse_pos_curve.setPen(self.pen("mse_grad", 2.5))
        self.mse_neg_curve.setPen(self.pen("mse_grad", 2.0, DASHED))
        for dot in self.ce_dots:
            dot.setBrush(self.colour("ce_grad"))
        for dot in self.mse_dots:
            dot.setBrush(self.colour("mse_grad"))

    def _titles_for(self) -> list[tuple[str, str]]:
        ce = self.span("ce_grad", "σ − y")
        se = self.span("mse_grad", "2(σ − y)σ′")
        long = tr("gradient ∂/∂x: BCE {ce} vs squared error {se}")
        short = tr("∂/∂x: {ce} vs {se}")
        return [
            (long.format(ce="σ − y", se="2(σ − y)σ′"), long.format(ce=ce, se=se)),
            (short.format(ce="σ − y", se="2(σ − y)σ′"), short.format(ce=ce, se=se)),
        ]


class SigmoidPanel(QWidget):
    """σ over its losses over their gradients, one x axis (the log-odds) for all three."""

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sigmoid_panel")
        self.setAccessibleName(tr("sigmoid, its losses and their gradients"))
        self.appearance = appearance if appearance is not None else Appearance(parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.sigmoid_plot = SigmoidPlot(model, self.appearance, self)
        self.loss_plot = SigmoidLossPlot(model, self.appearance, self)
        self.gradient_plot = SigmoidGradientPlot(model, self.appearance, self)
        # The same axis widths in all three: their x axes line up.
        self.axis_widths = AxisWidthGroup()
        for view in self.views():
            self.axis_widths.add(view)
            layout.addWidget(view, 1)

    def views(self) -> tuple[SigmoidPlot, SigmoidLossPlot, SigmoidGradientPlot]:
        return (self.sigmoid_plot, self.loss_plot, self.gradient_plot)
