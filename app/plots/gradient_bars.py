"""GradientBars: ∂L/∂zᵢ of the selected loss beside ∂MSE/∂zᵢ, one pair of bars per logit.

A training step moves every logit against its bar, z ← z − η·∂L/∂z, so the
bars are what learning follows. Side by side they show why cross-entropy
trains better: its gradient is the plain error (q − p)/T, while MSE's carries
the slope of the softmax or sigmoid and shrinks to nothing when q saturates,
even at the wrong answer.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QWidget

from app.appearance import Appearance
from app.formatting import Kind, format_value
from app.i18n import loss_label, tr
from app.model import Change, ExplorerModel
from app.plots.base import TEXT_PT, TICK_PT, Bars, PlotView, ValueLabel, make_font, nice_ceiling

__all__ = ["GradientBars"]

BAR_WIDTH = 0.38
BAR_GAP = 0.04
#: The selected loss's bar stands left of the logit's slot centre, MSE's right of it.
LOSS_OFFSET = -(BAR_WIDTH + BAR_GAP) / 2
MSE_OFFSET = (BAR_WIDTH + BAR_GAP) / 2
#: Room left and right of the outer slots (data units).
X_MARGIN = 0.55
#: The x axis spans at least twice this (data units).
MIN_HALF_SPAN = 1.0
#: The smallest half-range of the gradient axis: tiny gradients never need exponent labels.
GRADIENT_MIN = 0.1
#: Value labels are drawn up to this many logits, in the first of these sizes that fits.
MAX_LABELLED_LOGITS = 16
LABEL_SIZES = (1.0, 0.85, 0.72)


def _finite(values: np.ndarray) -> np.ndarray:
    """Bars cannot be drawn to ±inf or NaN: such a bar is drawn flat (its label says "—")."""
    return np.where(np.isfinite(values), values, 0.0)


def _peak(values: np.ndarray) -> float:
    finite = np.abs(values[np.isfinite(values)])
    return float(np.max(finite)) if finite.size else 0.0


class GradientBars(PlotView):
    """∂L/∂zᵢ (the selected loss) and ∂MSE/∂zᵢ for every logit, side by side.

    Public attributes: ``loss_bars`` and ``mse_bars`` (pg.BarGraphItem; x is
    the bar centre, height the gradient with respect to the raw logit zᵢ),
    ``zero_line``. A binary problem has one logit, so two bars.
    """

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(model, appearance, parent, object_name="gradient_bars")
        self.setAccessibleName(tr("gradient bars"))
        self._num_logits = -1
        self._ticks: list[tuple[float, str]] | None = None
        self._loss_name = ""
        self._label_pt = -1.0
        plot = self.getPlotItem()
        self.zero_line = pg.InfiniteLine(pos=0.0, angle=0, movable=False)
        self.zero_line.setZValue(-5)
        plot.addItem(self.zero_line, ignoreBounds=True)
        self.loss_bars = Bars(x=[], height=[], width=BAR_WIDTH, name="loss")
        self.mse_bars = Bars(x=[], height=[], width=BAR_WIDTH, name="MSE")
        plot.addItem(self.loss_bars)
        plot.addItem(self.mse_bars)
        # The pools of value labels grow with K and are never rebuilt.
        self._loss_labels: list[ValueLabel] = []
        self._mse_labels: list[ValueLabel] = []
        self.set_axis_label("left", (tr("∂/∂z (per logit)"), "∂/∂z"))
        self.set_y_range("left", -1.0, 1.0)
        self._start()

    # -- reading -------------------------------------------------------------
    @property
    def value_labels(self) -> list[ValueLabel]:
        """Every value label created so far (hidden ones included)."""
        return self._loss_labels + self._mse_labels

    @property
    def loss_labels(self) -> list[ValueLabel]:
        """The values on the selected loss's bars, by logit (the pool may hold more)."""
        return list(self._loss_labels)

    @property
    def mse_labels(self) -> list[ValueLabel]:
        """The values on MSE's bars, by logit (the pool may hold more)."""
        return list(self._mse_labels)

    def bar_center(self, i: int, which: str) -> float:
        """The x of logit ``i``'s ``"loss"`` or ``"mse"`` bar."""
        if which not in ("loss", "mse"):
            raise ValueError(f"which must be 'loss' or 'mse', got {which!r}")
        return i + (LOSS_OFFSET if which == "loss" else MSE_OFFSET)

    # -- drawing -------------------------------------------------------------
    def _update(self, change: Change) -> None:
        """Bars follow new numbers; the names follow a rename. Units or pins change nothing."""
        if change.resized:
            self._resize_logits()
        if change.recomputed:
            self._draw_bars()
        if change.recomputed or self.releases_gesture(change):
            self._update_range(change)
        if change.recomputed or change.touches("class_names"):
            self._update_ticks()
        if change.recomputed or self.releases_gesture(change):
            self._update_labels()

    def _resized(self) -> None:
        # Tick thinning and the room for values depend on the size in pixels.
        self._update_ticks()
        self._update_labels()

    def _resize_logits(self) -> None:
        k = self._model.result.num_logits
        if k != self._num_logits:
            self._num_logits = k
            # One logit (binary) still gets a slot two units wide: no bar as wide as the plot.
            centre, half = (k - 1) / 2, max((k - 1) / 2 + X_MARGIN, MIN_HALF_SPAN)
            self.getPlotItem().setXRange(centre - half, centre + half, padding=0)

    def _draw_bars(self) -> None:
        state, result = self._model.state, self._model.result
        self._resize_logits()
        slots = np.arange(result.num_logits, dtype=np.float64)
        self.loss_bars.setOpts(
            x=slots + LOSS_OFFSET, height=_finite(np.asarray(result.grad_loss)), width=BAR_WIDTH
        )
        self.mse_bars.setOpts(
            x=slots + MSE_OFFSET, height=_finite(np.asarray(result.grad_mse)), width=BAR_WIDTH
        )
        name = loss_label(state.loss)
        if name != self._loss_name:
            self._loss_name = name
            self._refit_title()
            self.setToolTip(
                tr(
                    "∂L/∂zᵢ for every logit: the selected loss ({loss}, left bar) beside MSE "
                    "(right bar).\n"
                    "A training step moves each logit against its bar: z ← z − η·∂L/∂z.\n"
                    "For cross-entropy the bar is the plain error (q − p)/T; MSE's bars carry "
                    "the slope of q\nand shrink when q saturates, even at the wrong answer."
                ).format(loss=name)
            )

    def _update_range(self, change: Change) -> None:
        """Symmetric about 0: a nice number above the largest |gradient| of either kind."""
        result = self._model.result
        both = np.concatenate([np.asarray(result.grad_loss), np.asarray(result.grad_mse)])
        half = self.stable_bound("left", nice_ceiling(_peak(both), GRADIENT_MIN), change)
        self.set_y_range("left", -half, half)

    def _update_ticks(self) -> None:
        """The class names under their bars, every n-th one when they would overlap."""
        if self._num_logits < 0:
            return
        names = self._model.state.class_names[: self._num_logits]
        k = len(names)
        label_px = self.widest_text_px(names, TICK_PT) + 12
        width_px = max(float(self.getPlotItem().vb.width()), 1.0)
        step = max(1, math.ceil(k * label_px / width_px))
        ticks = [(float(i), names[i]) for i in range(0, k, step)]
        if ticks != self._ticks:
            self._ticks = ticks
            self.getPlotItem().getAxis("bottom").setTicks([ticks, []])

    def _grow_label_pools(self, n: int) -> None:
        for pool in (self._loss_labels, self._mse_labels):
            while len(pool) < n:
                label = ValueLabel()
                label.set_font(make_font(self._label_pt if self._label_pt > 0 else 1.0))
                self.getPlotItem().addItem(label.item)
                pool.append(label)

    def _label_points(self, texts: list[str]) -> float | None:
        """The text size at which every value fits between neighbouring bars (None: none)."""
        k = self._num_logits
        if k > MAX_LABELLED_LOGITS or k < 1:
            return None
        vb = self.getPlotItem().vb
        x_lo, x_hi = vb.viewRange()[0]
        px_per_unit = max(float(vb.width()), 1.0) / max(x_hi - x_lo, 1e-9)
        pitch_px = (MSE_OFFSET - LOSS_OFFSET) * px_per_unit
        # The outer values must not reach past the ends of the axis.
        edge_px = (LOSS_OFFSET - x_lo) * px_per_unit
        full = self.points(TEXT_PT)
        for factor in LABEL_SIZES:
            metrics = QFontMetricsF(make_font(factor * full))
            widest = max(metrics.horizontalAdvance(t) for t in texts)
            if widest + 4 <= pitch_px and widest / 2 + 1 <= edge_px:
                return factor * full
        return None

    def _update_labels(self) -> None:
        """Each bar's value beyond its end, or inside it where the axis ends first."""
        if self._num_logits < 0:
            return
        result = self._model.result
        k = self._num_logits
        values = {"loss": np.asarray(result.grad_loss), "mse": np.asarray(result.grad_mse)}
        texts: dict[str, list[str]] = {"loss": [], "mse": []}
        if k <= MAX_LABELLED_LOGITS:  # more bars never carry values: nothing to write
            texts = {
                which: [format_value(float(v), Kind.BAR) for v in values[which]] for which in values
            }
        points = self._label_points(texts["loss"] + texts["mse"])
        if points is not None:
            self._grow_label_pools(k)
            if points != self._label_pt:
                self._label_pt = points
                for label in self.value_labels:
                    label.set_font(make_font(points))
        pools = {"loss": self._loss_labels, "mse": self._mse_labels}
        roles = {"loss": "ce_grad", "mse": "mse_grad"}
        lo, hi = self.y_range("left")
        px_per_unit = max(float(self.getPlotItem().vb.height()), 1.0) / (hi - lo)
        for which, pool in pools.items():
            for i, label in enumerate(pool):
                if points is None or i >= k:
                    label.hide()
                    continue
                value = float(values[which][i])
                height = value if math.isfinite(value) else 0.0
                self._place_label(
                    label,
                    self.bar_center(i, which),
                    height,
                    texts[which][i],
                    roles[which],
                    label.height_px() / px_per_unit,
                    (lo, hi),
                )

    def _place_label(
        self,
        label: ValueLabel,
        x: float,
        height: float,
        text: str,
        role: str,
        label_height: float,
        y_range: tuple[float, float],
    ) -> None:
        """Beyond the bar's end (above a positive bar, below a negative one); inside the
        end, on the bar's colour, when the axis ends first."""
        lo, hi = y_range
        outside_colour: QColor = self.appearance.darker(role, 125)
        if height >= 0:
            if height + label_height <= hi:
                label.show(text, x, height, outside_colour, anchor=(0.5, 1.0))
            else:
                fill = self.colour(role)
                label.show(text, x, height, self.colour("on_bar"), anchor=(0.5, 0.0), fill=fill)
        elif height - label_height >= lo:
            label.show(text, x, height, outside_colour, anchor=(0.5, 0.0))
        else:
            fill = self.colour(role)
            label.show(text, x, height, self.colour("on_bar"), anchor=(0.5, 1.0), fill=fill)

    # -- style ---------------------------------------------------------------
    def _style_items(self) -> None:
        self.zero_line.setPen(self.pen("foreground"))
        self.loss_bars.setOpts(brush=self.colour("ce_grad"), pen=self.pen("ce_grad", darker=140))
        self.mse_bars.setOpts(brush=self.colour("mse_grad"), pen=self.pen("mse_grad", darker=140))
        self._label_pt = -1.0  # _update_labels picks the size for the new scale
        self._ticks = None

    def _title_candidates(self) -> list[tuple[str, str]]:
        """The title row is the legend: the selected loss's gradient and MSE's, in colour."""
        swatch = "<span style='color:{c}'>■</span>"
        gap_text, gap_html = "   ", "&nbsp;&nbsp;&nbsp;"
        loss_c, mse_c = self.appearance.html("ce_grad"), self.appearance.html("mse_grad")
        name = self._loss_name or loss_label(self._model.state.loss)
        keys_long = [
            (loss_c, tr("∂L/∂z of {loss}").format(loss=name)),
            (mse_c, tr("∂MSE/∂z")),
        ]
        keys_short = [(loss_c, name), (mse_c, "MSE")]
        keys_tiny = [(loss_c, tr("loss")), (mse_c, "MSE")]

        def title(keys: list[tuple[str, str]]) -> tuple[str, str]:
            plain = gap_text.join(f"■ {text}" for _, text in keys)
            html = gap_html.join(f"{swatch.format(c=c)} {text}" for c, text in keys)
            return plain, html

        return [title(keys_long), title(keys_short), title(keys_tiny)]
