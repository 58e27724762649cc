"""SweepPanel: the loss and MSE, and their gradients, as one logit varies.

It makes the article's argument visible: behind a saturating softmax the MSE
gradient fades to nothing when the model is confidently wrong, while the
cross-entropy gradient stays at the size of the error.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.appearance import Appearance
from app.i18n import loss_label, tr
from app.model import EVERYTHING, Change, ExplorerModel, ProblemType
from app.plots.base import MIN_WIDTH, AxisWidthGroup, Dot, PlotView, drawn_once, nice_ceiling
from app.widgets.common import blocked

__all__ = ["LossSweepPlot", "GradientSweepPlot", "SweepPanel"]

DOT_SIZE = 9.0
LOSS_MIN = 1.0  # the smallest top of the loss axis (nats): never 0–10⁻⁶ for a zero loss
MSE_MIN = 0.01  # the smallest top of the MSE axis
GRADIENT_MIN = 0.1  # the smallest half-range of the gradient axis
LOG_DECADES = 8  # the most decades a log loss axis shows


def _peak(values: np.ndarray) -> float:
    """The largest finite value (0 when there is none)."""
    finite = values[np.isfinite(values)]
    return float(np.max(finite)) if finite.size else 0.0


def _finite(values: np.ndarray) -> np.ndarray:
    """Curves may not contain inf (pyqtgraph would drop the whole range)."""
    return np.where(np.isfinite(values), values, np.nan)


class _SweepPlot(PlotView):
    """A plot against the swept logit z_c with a marker at the current z_c.

    It redraws only when the numbers changed (``change.recomputed``) or a
    class was renamed (the title names the swept class). Its value ranges are
    nice numbers above the sweep's values (a function of the state), held
    while a gesture lasts.
    """

    TITLE_SCALE = 0.9  # smaller titles than the main plots'

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None,
        parent: QWidget | None,
        object_name: str,
        axes: tuple[str, ...],
    ) -> None:
        super().__init__(
            model,
            appearance,
            parent,
            object_name=object_name,
            axes=axes,
            minimum_size=(MIN_WIDTH - 60, 150),
        )
        # No grid: pyqtgraph draws it with the axis, and repainting a gridded axis
        # costs milliseconds on every change of a drag.
        self.current_line = pg.InfiniteLine(angle=90)
        self.getPlotItem().addItem(self.current_line)
        self.use_numeric_bottom_axis()

    def _update(self, change: Change) -> None:
        if change.recomputed or change.touches("class_names"):
            self._redraw()
        if change.recomputed or self.releases_gesture(change):
            self._update_ranges(change)

    def _redraw(self) -> None:
        raise NotImplementedError

    def _update_ranges(self, change: Change) -> None:
        raise NotImplementedError

    def _dot(self) -> Dot:
        return Dot(size=DOT_SIZE, pen=None)

    def _style_items(self) -> None:
        self.current_line.setPen(self.pen("foreground", 1, Qt.PenStyle.DashLine))

    def _set_x(self) -> tuple[float, bool]:
        """The x range is the sweep; the dashed line at z_c. Returns (z_c, inside the range)."""
        r = self._model.result
        lo, hi = float(r.sweep_z[0]), float(r.sweep_z[-1])
        self.getPlotItem().setXRange(lo, hi, padding=0)
        z_c = float(r.logits[r.sweep_class])
        self.current_line.setValue(min(max(z_c, lo), hi))
        return z_c, lo <= z_c <= hi


class LossSweepPlot(_SweepPlot):
    """The selected loss (left axis) and MSE (right axis) against z_c.

    Public attributes: ``loss_curve``, ``loss_dot`` (left axis), ``mse_curve``
    and ``mse_dot`` (right axis, in ``mse_view``; listed in the PlotItem's
    items so that exporters include them), ``current_line``.
    """

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(model, appearance, parent, "sweep_plot", ("left", "bottom", "right"))
        plot = self.getPlotItem()
        self.mse_view = self.add_right_view()
        self.loss_curve = drawn_once(pg.PlotDataItem(name="loss"))
        plot.addItem(self.loss_curve)
        self.mse_curve = drawn_once(pg.PlotDataItem(name="MSE"))
        self.add_right_item(self.mse_curve)
        self.kl_curve = drawn_once(pg.PlotDataItem(name="KL"))
        self.kl_curve.setZValue(1)  # above the loss it may coincide with
        plot.addItem(self.kl_curve)
        self.loss_dot = self._dot()
        self.kl_dot = self._dot()
        self.mse_dot = self._dot()
        plot.addItem(self.loss_dot)
        plot.addItem(self.kl_dot)
        self.add_right_item(self.mse_dot)
        self._log_scale = False
        self._tip = tr(
            "The selected loss (blue, left axis), KL(p‖q) (vermillion, left axis) and\n"
            "MSE = (1/K) Σ (qᵢ − pᵢ)² (right axis) as the logit z_c of one class sweeps the\n"
            "slider range, the other logits fixed. The dashed line marks the current z_c."
        )
        self.setToolTip(self._tip)
        self.set_axis_label("left", (tr("loss (nats)"), tr("nats")), "cross_entropy")
        self.set_axis_label("right", "MSE", "mse")
        self._start()

    @property
    def log_scale(self) -> bool:
        return self._log_scale

    def set_log_scale(self, on: bool) -> None:
        """A logarithmic loss axis: the tails (a loss falling to 10⁻⁶, rising linearly) show."""
        on = bool(on)
        if on == self._log_scale:
            return
        self._log_scale = on
        self.getPlotItem().setLogMode(y=on)
        self._bounds.clear()
        self._redraw()
        self._update_ranges(EVERYTHING)

    def _redraw(self) -> None:
        r, state = self._model.result, self._model.state
        loss = _finite(r.sweep_loss)
        kl = _finite(r.sweep_kl)
        if self._log_scale:  # log 0 has no place on a log axis: leave those points out
            loss = np.where(loss > 0, loss, np.nan)
            kl = np.where(kl > 0, kl, np.nan)
        self.set_curve(self.loss_curve, r.sweep_z, loss)
        self.set_curve(self.kl_curve, r.sweep_z, kl)
        self.set_curve(self.mse_curve, r.sweep_z, r.sweep_mse)
        z_c, inside = self._set_x()
        loss_in = inside and not (self._log_scale and r.loss <= 0)
        kl_in = inside and not (self._log_scale and r.kl <= 0)
        self.loss_dot.setData([z_c] if loss_in else [], [r.loss] if loss_in else [])
        self.kl_dot.setData([z_c] if kl_in else [], [r.kl] if kl_in else [])
        self.mse_dot.setData([z_c] if inside else [], [r.mse] if inside else [])
        name = state.class_names[r.sweep_class]
        if len(name) > 14:
            name = name[:13] + "…"
        # A title wider than the plot would force the whole dock wider: pick one that fits.
        words = {
            "loss": (tr("loss"), "cross_entropy"),
            "kl": ("KL", "kl"),
            "mse": ("MSE", "mse"),
        }
        templates = (
            tr("{loss}, {kl} and {mse} vs z of “{name}”"),
            tr("{loss}, {kl} and {mse} vs z"),
            "{loss}, {kl}, {mse}",
        )
        self.set_titles(self.coloured_titles(templates, words, name=name))
        shown = tr("Loss shown: {loss}.").format(loss=loss_label(state.loss))
        self.setToolTip(f"{self._tip}\n{shown}")

    def _update_ranges(self, change: Change) -> None:
        """0 to a nice number above the sweep's largest loss, KL and MSE (never a tiny
        range); on a log axis, whole decades from the smallest positive value."""
        r = self._model.result
        both = np.concatenate([np.asarray(r.sweep_loss), np.asarray(r.sweep_kl)])
        top = self.stable_bound("left", nice_ceiling(_peak(both), LOSS_MIN), change)
        if self._log_scale:
            positive = both[np.isfinite(both) & (both > 0)]
            low = float(positive.min()) if positive.size else top * 1e-6
            # At most LOG_DECADES decades: the far tail of a saturated softmax is 10⁻³⁰⁰.
            low_exp = max(math.floor(math.log10(low)), math.ceil(math.log10(top)) - LOG_DECADES)
            self.set_y_range("left", float(low_exp), float(math.ceil(math.log10(top))))
        else:
            self.set_y_range("left", 0.0, top)
        mse_top = nice_ceiling(_peak(np.asarray(r.sweep_mse)), MSE_MIN)
        self.set_y_range("right", 0.0, self.stable_bound("right", mse_top, change))

    def _style_items(self) -> None:
        super()._style_items()
        self.loss_curve.setPen(self.pen("cross_entropy", 2.5))
        # Dashed over the loss: for a one-hot p, H(p) = 0 and KL equals cross-entropy.
        self.kl_curve.setPen(self.pen("kl", 2.0, Qt.PenStyle.DashLine))
        self.mse_curve.setPen(self.pen("mse", 2.5))
        self.loss_dot.setBrush(self.colour("cross_entropy"))
        self.kl_dot.setBrush(self.colour("kl"))
        self.mse_dot.setBrush(self.colour("mse"))
        self._titles = []  # the titles' colours are rebuilt by the redraw


class GradientSweepPlot(_SweepPlot):
    """∂loss/∂z_c and ∂MSE/∂z_c against z_c, on one axis so their sizes compare.

    Public attributes: ``loss_curve`` and ``mse_curve`` (the gradients),
    ``loss_dot``, ``mse_dot``, ``current_line``, ``zero_line``.
    """

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(model, appearance, parent, "gradient_plot", ("left", "bottom"))
        plot = self.getPlotItem()
        # An empty right axis as wide as the loss plot's keeps the two z axes aligned.
        plot.showAxis("right")
        plot.getAxis("right").setStyle(showValues=False)
        plot.getAxis("right").setPen(pg.mkPen(None))
        self.zero_line = pg.InfiniteLine(angle=0, pos=0)
        plot.addItem(self.zero_line)
        self.loss_curve = drawn_once(pg.PlotDataItem(name="d loss/dz"))
        self.mse_curve = drawn_once(pg.PlotDataItem(name="d MSE/dz"))
        self.loss_dot = self._dot()
        self.mse_dot = self._dot()
        for item in (self.loss_curve, self.mse_curve, self.loss_dot, self.mse_dot):
            plot.addItem(item)
        self.setToolTip(
            "Gradients with respect to z_c, what a training step follows.\n"
            "Softmax cross-entropy: ∂/∂z_c = (q_c − p_c)/T, the plain error.\n"
            "MSE: carries the softmax slope q_c(1 − q_c), which vanishes when q saturates,\n"
            "even at the wrong answer: learning stalls."
        )
        self.set_axis_label("bottom", tr("z (logit of that class)"))
        self._start()

    def _redraw(self) -> None:
        r = self._model.result
        g_loss = _finite(r.sweep_loss_grad)
        self.set_curve(self.loss_curve, r.sweep_z, g_loss)
        self.set_curve(self.mse_curve, r.sweep_z, r.sweep_mse_grad)
        c = r.sweep_class
        z_c, inside = self._set_x()
        self.loss_dot.setData([z_c] if inside else [], [r.grad_loss[c]] if inside else [])
        self.mse_dot.setData([z_c] if inside else [], [r.grad_mse[c]] if inside else [])
        words = {"loss": (tr("loss"), "ce_grad"), "mse": ("MSE", "mse_grad")}
        templates = (tr("gradient ∂/∂z: {loss} vs {mse}"), "∂/∂z: {loss}, {mse}")
        self.set_titles(self.coloured_titles(templates, words))

    def _update_ranges(self, change: Change) -> None:
        """Symmetric about 0: a nice number above the largest gradient, of either sign."""
        r = self._model.result
        both = np.abs(np.concatenate([np.asarray(r.sweep_loss_grad), np.asarray(r.sweep_mse_grad)]))
        half = self.stable_bound("left", nice_ceiling(_peak(both), GRADIENT_MIN), change)
        self.set_y_range("left", -half, half)

    def _style_items(self) -> None:
        super()._style_items()
        self.zero_line.setPen(self.pen("foreground"))
        self.loss_curve.setPen(self.pen("ce_grad", 2.5))
        self.mse_curve.setPen(self.pen("mse_grad", 2.5))
        self.loss_dot.setBrush(self.colour("ce_grad"))
        self.mse_dot.setBrush(self.colour("mse_grad"))
        self._titles = []


class SweepPanel(QWidget):
    """The loss sweep above its gradient sweep."""

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sweep_panel")
        self.appearance = appearance if appearance is not None else Appearance(parent=self)
        self._model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        controls = QHBoxLayout()
        controls.setContentsMargins(4, 2, 4, 0)
        self.class_caption = QLabel(tr("Sweep the logit of"))
        self.class_box = QComboBox(objectName="sweep_class")
        self.class_box.setAccessibleName(tr("Logit swept"))
        self.class_box.setToolTip(
            tr(
                "The class whose logit the curves sweep (and the sigmoid view shows).\n"
                "It follows the true class; clicking a class's bar also selects it."
            )
        )
        self.class_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.class_caption.setBuddy(self.class_box)
        self.log_box = QCheckBox(tr("log scale"), objectName="sweep_log_scale")
        self.log_box.setAccessibleName(tr("Logarithmic loss axis"))
        self.log_box.setToolTip(
            tr(
                "A logarithmic loss axis: see the loss of a right answer fall towards 0\n"
                "exponentially while a wrong one grows linearly."
            )
        )
        controls.addWidget(self.class_caption)
        controls.addWidget(self.class_box)
        controls.addStretch(1)
        controls.addWidget(self.log_box)
        layout.addLayout(controls)
        self.loss_plot = LossSweepPlot(model, self.appearance, self)
        self.gradient_plot = GradientSweepPlot(model, self.appearance, self)
        # The same axis widths in both: their z axes line up.
        self.axis_widths = AxisWidthGroup()
        self.axis_widths.add(self.loss_plot)
        self.axis_widths.add(self.gradient_plot)
        layout.addWidget(self.loss_plot, 1)
        layout.addWidget(self.gradient_plot, 1)
        self.class_box.activated.connect(self._on_class_chosen)
        self.log_box.toggled.connect(self.loss_plot.set_log_scale)
        model.changed.connect(self._on_changed)
        self._on_changed(EVERYTHING)

    def _on_class_chosen(self, index: int) -> None:
        self._model.try_update(sweep_class=index)

    def _on_changed(self, change: Change) -> None:
        """The class list follows the names; the choice follows the model."""
        state = self._model.state
        box = self.class_box
        with blocked(box):
            if change.touches("class_names", "num_classes", "problem_type"):
                names = list(state.class_names)
                if [box.itemText(i) for i in range(box.count())] != names:
                    box.clear()
                    box.addItems(names)
            box.setCurrentIndex(state.sweep_class)
        # One logit: nothing to choose.
        box.setEnabled(state.problem_type is not ProblemType.BINARY)
