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
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.i18n import tr
from app.model import ExplorerModel
from app.plots import _style as st
from app.plots.information_plot import _right_view
from app.widgets.options_panel import LOSS_LABELS
from core import LossKind

LOSS_COLOUR = st.CROSS_ENTROPY_COLOUR
RIGHT_AXIS_PX = 64
MSE_COLOUR = st.KL_COLOUR  # vermillion: stands out from the loss's blue


def _finite(values: np.ndarray) -> np.ndarray:
    """Curves may not contain inf (pyqtgraph would drop the whole range)."""
    return np.where(np.isfinite(values), values, np.nan)


class _SweepBase(pg.PlotWidget):
    """A plot against the swept logit z_c with a marker at the current z_c."""

    def __init__(self, model: ExplorerModel, object_name: str, parent: QWidget | None) -> None:
        super().__init__(parent, background=st.BACKGROUND)
        self.setObjectName(object_name)
        self._model = model
        self._font_scale = 1.0
        plot = self.getPlotItem()
        st.style_plot_item(plot, ("left", "bottom"))
        # No grid: pyqtgraph draws it with the axis, and repainting a gridded axis
        # costs milliseconds on every change of a drag.
        self.setMinimumSize(st.MIN_WIDTH - 60, 150)
        self.current_line = pg.InfiniteLine(
            angle=90, pen=pg.mkPen(st.FOREGROUND, width=1, style=Qt.PenStyle.DashLine)
        )
        plot.addItem(self.current_line)
        self._top = 0.0  # current y-range top (see st.adapt_top)
        self._mse_top = 0.0
        self._title_candidates: list[tuple[str, str]] = [("", "")]
        self._title_shown: tuple[str, float] = ("", 0.0)
        plot.vb.sigResized.connect(self._fit_title)

    def apply_font_scale(self, scale: float) -> None:
        """Enlarge (scale > 1) fonts for projector mode."""
        self._font_scale = float(scale)
        self._apply_fonts()
        self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError

    def _apply_fonts(self) -> None:
        raise NotImplementedError

    def _set_fitted_title(self, candidates: list[tuple[str, str]]) -> None:
        self._title_candidates = candidates
        self._fit_title()

    def _fit_title(self, *_: object) -> None:
        points = st.TITLE_PT * self._font_scale * 0.9
        html, size = st.fit_text(self._title_candidates, points, max(self.width() - 24, 80))
        if (html, size) != self._title_shown:  # setTitle relayouts: only when it changes
            self._title_shown = (html, size)
            st.set_title(self.getPlotItem(), html, size / st.TITLE_PT)

    def _set_x(self) -> None:
        r = self._model.result
        self.getPlotItem().setXRange(float(r.sweep_z[0]), float(r.sweep_z[-1]), padding=0)
        c = r.sweep_class
        self.current_line.setValue(float(np.clip(r.logits[c], r.sweep_z[0], r.sweep_z[-1])))


class LossSweepPlot(_SweepBase):
    """The selected loss (left axis) and MSE (right axis) against z_c."""

    def __init__(self, model: ExplorerModel, parent: QWidget | None = None) -> None:
        super().__init__(model, "sweep_plot", parent)
        plot = self.getPlotItem()
        plot.showAxis("right")
        st.style_plot_item(plot, ("left", "bottom", "right"))
        self._mse_view = _right_view(plot)
        self.loss_curve = plot.plot(pen=pg.mkPen(LOSS_COLOUR, width=2.5))
        self.mse_curve = pg.PlotDataItem(pen=pg.mkPen(MSE_COLOUR, width=2.5))
        self._mse_view.addItem(self.mse_curve)
        self.loss_dot = pg.ScatterPlotItem(size=9, brush=LOSS_COLOUR, pen=None)
        self.mse_dot = pg.ScatterPlotItem(size=9, brush=MSE_COLOUR, pen=None)
        plot.addItem(self.loss_dot)
        self._mse_view.addItem(self.mse_dot)
        self._tip = (
            "The selected loss (blue, left axis) and MSE = (1/K) Σ (qᵢ − pᵢ)² (red, right axis)\n"
            "as the logit z_c of one class sweeps the slider range, the other logits fixed.\n"
            "The dashed line marks the current z_c."
        )
        self.setToolTip(self._tip)
        self._apply_fonts()
        model.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        r, state = self._model.result, self._model.state
        loss = _finite(r.sweep_loss)
        self.loss_curve.setData(r.sweep_z, loss)
        self.mse_curve.setData(r.sweep_z, r.sweep_mse)
        z_c = float(r.logits[r.sweep_class])
        inside = r.sweep_z[0] <= z_c <= r.sweep_z[-1]
        self.loss_dot.setData([z_c] if inside else [], [r.loss] if inside else [])
        self.mse_dot.setData([z_c] if inside else [], [r.mse] if inside else [])
        self._set_x()
        # Ranges grow at once but shrink only when far too big: a steady axis
        # during a drag is easier to read and is not re-rendered every frame.
        top = float(np.nanmax(loss)) if np.isfinite(loss).any() else 1.0
        self._top = st.adapt_top(self._top, max(top, 1e-6) * 1.05)
        self.getPlotItem().setYRange(0, self._top, padding=0)
        mse_top = float(np.max(r.sweep_mse)) if r.sweep_mse.size else 1.0
        self._mse_top = st.adapt_top(self._mse_top, max(mse_top, 1e-6) * 1.05)
        self._mse_view.setYRange(0, self._mse_top, padding=0)
        name = state.class_names[r.sweep_class]
        if len(name) > 14:
            name = name[:13] + "…"
        # A title wider than the plot would force the whole dock wider: pick one that fits.
        loss_html = f"<span style='color:{LOSS_COLOUR}'>loss</span>"
        mse_html = f"<span style='color:{MSE_COLOUR}'>MSE</span>"
        self._set_fitted_title(
            [
                (f"loss and MSE vs z of “{name}”", f"{loss_html} and {mse_html} vs z of “{name}”"),
                ("loss and MSE vs z", f"{loss_html} and {mse_html} vs z"),
                ("loss, MSE", f"{loss_html}, {mse_html}"),
            ]
        )
        self.setToolTip(f"{self._tip}\nLoss shown: {LOSS_LABELS[LossKind(state.loss)]}.")

    def _apply_fonts(self) -> None:
        plot = self.getPlotItem()
        st.style_axis_fonts(plot, ("left", "bottom", "right"), self._font_scale)
        st.set_axis_label(plot, "left", tr("loss (nats)"), self._font_scale, LOSS_COLOUR)
        st.set_axis_label(plot, "right", "MSE", self._font_scale, MSE_COLOUR)
        plot.getAxis("right").setWidth(round(RIGHT_AXIS_PX * self._font_scale))


class GradientSweepPlot(_SweepBase):
    """∂loss/∂z_c and ∂MSE/∂z_c against z_c, on one axis so their sizes compare."""

    def __init__(self, model: ExplorerModel, parent: QWidget | None = None) -> None:
        super().__init__(model, "gradient_plot", parent)
        plot = self.getPlotItem()
        plot.showAxis("right")
        plot.getAxis("right").setStyle(showValues=False)
        plot.getAxis("right").setPen(pg.mkPen(None))
        plot.addItem(pg.InfiniteLine(angle=0, pos=0, pen=pg.mkPen(st.FOREGROUND, width=1)))
        self.loss_curve = plot.plot(pen=pg.mkPen(LOSS_COLOUR, width=2.5))
        self.mse_curve = plot.plot(pen=pg.mkPen(MSE_COLOUR, width=2.5))
        self.loss_dot = pg.ScatterPlotItem(size=9, brush=LOSS_COLOUR, pen=None)
        self.mse_dot = pg.ScatterPlotItem(size=9, brush=MSE_COLOUR, pen=None)
        plot.addItem(self.loss_dot)
        plot.addItem(self.mse_dot)
        self.setToolTip(
            "Gradients with respect to z_c, what a training step follows.\n"
            "Softmax cross-entropy: ∂/∂z_c = (q_c − p_c)/T, the plain error.\n"
            "MSE: carries the softmax slope q_c(1 − q_c), which vanishes when q saturates,\n"
            "even at the wrong answer: learning stalls."
        )
        self._apply_fonts()
        model.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        r = self._model.result
        g_loss = _finite(r.sweep_loss_grad)
        self.loss_curve.setData(r.sweep_z, g_loss)
        self.mse_curve.setData(r.sweep_z, r.sweep_mse_grad)
        c = r.sweep_class
        z_c = float(r.logits[c])
        inside = r.sweep_z[0] <= z_c <= r.sweep_z[-1]
        self.loss_dot.setData([z_c] if inside else [], [r.grad_loss[c]] if inside else [])
        self.mse_dot.setData([z_c] if inside else [], [r.grad_mse[c]] if inside else [])
        self._set_x()
        span = np.nanmax(np.abs(np.concatenate([g_loss, r.sweep_mse_grad])))
        span = float(span) if math.isfinite(span) and span > 0 else 1.0
        self._top = st.adapt_top(self._top, span * 1.1)
        self.getPlotItem().setYRange(-self._top, self._top, padding=0)
        loss_html = f"<span style='color:{LOSS_COLOUR}'>loss</span>"
        mse_html = f"<span style='color:{MSE_COLOUR}'>MSE</span>"
        self._set_fitted_title(
            [
                ("gradient ∂/∂z: loss vs MSE", f"gradient ∂/∂z: {loss_html} vs {mse_html}"),
                ("∂/∂z: loss, MSE", f"∂/∂z: {loss_html}, {mse_html}"),
            ]
        )

    def _apply_fonts(self) -> None:
        plot = self.getPlotItem()
        # The label first: the axis height is computed from it.
        st.set_axis_label(plot, "bottom", tr("z (logit of that class)"), self._font_scale)
        st.style_axis_fonts(plot, ("left", "bottom"), self._font_scale)
        # An empty right axis as wide as the loss plot's keeps the two z axes aligned.
        plot.getAxis("right").setWidth(round(RIGHT_AXIS_PX * self._font_scale))


class SweepPanel(QWidget):
    """The loss sweep above its gradient sweep."""

    def __init__(self, model: ExplorerModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sweep_panel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.loss_plot = LossSweepPlot(model)
        self.gradient_plot = GradientSweepPlot(model)
        layout.addWidget(self.loss_plot, 1)
        layout.addWidget(self.gradient_plot, 1)

    def apply_font_scale(self, scale: float) -> None:
        self.loss_plot.apply_font_scale(scale)
        self.gradient_plot.apply_font_scale(scale)
