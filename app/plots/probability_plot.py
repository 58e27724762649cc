"""Grouped bars of q = softmax(z/T) against the true distribution p, editable by dragging.

Class i occupies the slot [i − ½, i + ½] on the x axis: its q bar stands just
left of i, its p bar just right of it. Dragging a q bar vertically sets q_i
(the core finds the logit z_i that gives it, the other logits fixed);
dragging a p bar in soft mode sets p_i; clicking a class in index mode makes
it the true class.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent, MouseDragEvent
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QWidget

from app.formatting import format_number
from app.i18n import tr
from app.model import LOGIT_LIMIT, ExplorerModel
from app.plots import _style as st
from app.widgets.common import blocked
from core.editing import logit_for_probability, set_probability

__all__ = ["ProbabilityPlot"]

BAR_WIDTH = 0.38
BAR_GAP = 0.04
Y_TOP = 1.05
Q_RANGE = (0.001, 0.999)  # a dragged q stays strictly inside (0, 1): z_i stays finite
MAX_LABELLED_CLASSES = 16
INSIDE_LABEL_ABOVE = 0.9  # taller bars carry their value inside, below the top

TOOLTIP = (
    "q = softmax(z/T): drag a blue bar to set q_i (z_i = log q_i + const). "
    "Click a class to make it the true class; in soft mode drag an orange bar to edit p_i."
)


class _BarViewBox(pg.ViewBox):
    """A ViewBox whose left-button drags and clicks edit bars instead of panning.

    ``mouseDragEvent``/``mouseClickEvent`` are pyqtgraph's Python event
    methods, not Qt virtuals, so overriding them is safe.
    """

    def __init__(self) -> None:
        super().__init__(enableMenu=False)
        self.drag_handler: Callable[[MouseDragEvent], None] | None = None
        self.click_handler: Callable[[MouseClickEvent], None] | None = None

    def mouseDragEvent(self, ev: MouseDragEvent, axis: int | None = None) -> None:
        if self.drag_handler is None or ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        self.drag_handler(ev)

    def mouseClickEvent(self, ev: MouseClickEvent) -> None:
        if self.click_handler is None or ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        self.click_handler(ev)


class ProbabilityPlot(pg.PlotWidget):
    """q = softmax(z/T) (blue) and p (orange) per class; drag to edit, click to choose.

    Public attributes: ``q_bars`` and ``p_bars`` (pg.BarGraphItem, heights are
    q and p), ``true_band`` (the highlight behind the true class in index mode).
    """

    def __init__(self, model: ExplorerModel, parent: QWidget | None = None) -> None:
        self._view = _BarViewBox()
        super().__init__(parent=parent, background=st.BACKGROUND, viewBox=self._view)
        self.setObjectName("probability_plot")
        self.setToolTip(TOOLTIP)
        self.setAccessibleName("probability plot")
        self.setAccessibleDescription(TOOLTIP)
        self.setMinimumSize(st.MIN_WIDTH, st.MIN_HEIGHT)
        self._model = model
        self._font_scale = 1.0
        self._num_classes = -1
        self._ticks: list[tuple[float, str]] | None = None
        self._drag: tuple[int, str] | None = None
        self._label_pt = st.TEXT_PT

        plot = self.getPlotItem()
        st.style_plot_item(plot)
        # A fixed probability axis: bars move, the frame never jumps.
        plot.setYRange(0.0, Y_TOP, padding=0)
        # With many classes the first and last names may reach past the axis ends.
        plot.getAxis("bottom").setStyle(hideOverlappingLabels=30)
        plot.getAxis("left").setTicks(
            [
                [(v, f"{v:.1f}") for v in np.linspace(0, 1, 6)],
                [(v, "") for v in np.arange(0.1, 1, 0.2)],
            ]
        )

        self.true_band = pg.BarGraphItem(
            x=[0.0], height=[Y_TOP], width=0.96, brush=st.TRUE_BAND_COLOUR, pen=None
        )
        self.true_band.setZValue(-10)
        self.q_bars = pg.BarGraphItem(
            x=[],
            height=[],
            width=BAR_WIDTH,
            brush=st.Q_COLOUR,
            pen=pg.mkPen(st.darker(st.Q_COLOUR)),
        )
        self.p_bars = pg.BarGraphItem(
            x=[],
            height=[],
            width=BAR_WIDTH,
            brush=st.P_COLOUR,
            pen=pg.mkPen(st.darker(st.P_COLOUR)),
        )
        for item in (self.true_band, self.q_bars, self.p_bars):
            plot.addItem(item)
        # Grid lines as items: an axis grid would hide the "0.0" tick label at the corner.
        for level in (0.2, 0.4, 0.6, 0.8, 1.0):
            line = pg.InfiniteLine(pos=level, angle=0, movable=False, pen=st.GRID_PEN)
            line.setZValue(-20)
            plot.addItem(line, ignoreBounds=True)
        # The pool of value labels grows with K and is never rebuilt.
        self._q_labels: list[pg.TextItem] = []
        self._p_labels: list[pg.TextItem] = []

        self._view.drag_handler = self._on_drag
        self._view.click_handler = self._on_click
        self._view.sigResized.connect(self._update_ticks)
        self._view.sigResized.connect(self._update_labels)
        scene = self.scene()
        if hasattr(scene, "_moveEventIsAllowed"):
            # pyqtgraph drops mouse moves less than 10 ms apart (mouseRateLimit), so a
            # quick press-drag-release (a touch screen, a test) arrives as a click. Drags
            # are coalesced by model.post anyway; this scene takes every move.
            scene._moveEventIsAllowed = lambda: True
        scene.sigMouseMoved.connect(self._on_hover)
        self._apply_fonts()
        model.changed.connect(self.refresh)
        self.refresh()

    # -- geometry ----------------------------------------------------------
    def bar_center(self, i: int, which: str) -> float:
        """The x coordinate of the centre of class ``i``'s "q" or "p" bar."""
        offset = (BAR_WIDTH + BAR_GAP) / 2
        if which == "q":
            return i - offset
        if which == "p":
            return i + offset
        raise ValueError(f"which must be 'q' or 'p', got {which!r}")

    def class_at(self, x: float) -> tuple[int, str] | None:
        """The class and bar ("q" left of the slot centre, "p" right of it) at ``x``.

        The whole slot [i − ½, i + ½] counts, so a press near a thin bar still
        grabs it; outside every slot gives None.
        """
        if not math.isfinite(x):
            return None
        i = int(math.floor(x + 0.5))
        if not 0 <= i < self._model.state.num_classes:
            return None
        return i, ("q" if x < i else "p")

    # -- editing (the mouse handlers call exactly these) --------------------
    def drag_to(self, i: int, which: str, y: float) -> None:
        """Move bar ``which`` ("q" or "p") of class ``i`` to height ``y``; posts a coalesced change.

        q: y is clipped to [0.001, 0.999] and the core gives the logit z_i with
        softmax(z/T)_i = y, the other logits fixed. p (soft mode only): y is
        clipped to [0, 1]; with auto-normalise the other entries rescale.
        """
        model = self._model
        if not math.isfinite(y):
            return
        # Build on the posted-but-not-applied values so a fast drag never goes back.
        if which == "q":
            logits = np.array(model.pending("logits"), dtype=np.float64)
            if not 0 <= i < logits.size:
                return
            target = min(max(y, Q_RANGE[0]), Q_RANGE[1])
            z = logit_for_probability(logits, i, target, float(model.pending("temperature")))
            logits[i] = min(max(z, -LOGIT_LIMIT), LOGIT_LIMIT)
            model.post(logits=logits)
        elif which == "p":
            if model.pending("target_mode") != "soft":
                return
            p = np.array(model.pending("soft_target"), dtype=np.float64)
            if not 0 <= i < p.size:
                return
            value = min(max(y, 0.0), 1.0)
            if model.pending("auto_normalise"):
                p = set_probability(p, i, value)
            else:
                p[i] = value
            model.post(soft_target=p)
        else:
            raise ValueError(f"which must be 'q' or 'p', got {which!r}")

    def click_class(self, i: int) -> None:
        """Make class ``i`` the true class (index mode; in soft mode p is edited by dragging)."""
        if self._model.pending("target_mode") == "index":
            self._model.try_update(target_class=int(i))

    def _scene_to_view(self, scene_pos: QPointF) -> QPointF:
        return self._view.mapSceneToView(scene_pos)

    def _on_drag(self, ev: MouseDragEvent) -> None:
        ev.accept()
        if ev.isStart():
            hit = self.class_at(self._scene_to_view(ev.buttonDownScenePos()).x())
            soft = self._model.pending("target_mode") == "soft"
            self._drag = hit if hit is not None and (hit[1] == "q" or soft) else None
        if self._drag is not None:
            i, which = self._drag
            self.drag_to(i, which, self._scene_to_view(ev.scenePos()).y())
        if ev.isFinish():
            self._drag = None
            self._model.flush()  # the release lands at once, not a turn later

    def _on_click(self, ev: MouseClickEvent) -> None:
        hit = self.class_at(self._scene_to_view(ev.scenePos()).x())
        if hit is None:
            ev.ignore()
            return
        ev.accept()
        self.click_class(hit[0])

    def _on_hover(self, scene_pos: QPointF) -> None:
        # The cursor tells what a press would do: resize a bar or pick a class.
        cursor = Qt.CursorShape.ArrowCursor
        if self._view.sceneBoundingRect().contains(scene_pos):
            hit = self.class_at(self._scene_to_view(scene_pos).x())
            if hit is not None:
                state = self._model.state
                if hit[1] == "q" or state.target_mode == "soft":
                    cursor = Qt.CursorShape.SizeVerCursor
                else:
                    cursor = Qt.CursorShape.PointingHandCursor
        if self.viewport().cursor().shape() != cursor:
            self.viewport().setCursor(cursor)

    # -- drawing -----------------------------------------------------------
    def refresh(self) -> None:
        """Redraw from ``model.state`` and ``model.result`` (items are only updated)."""
        with blocked(self):
            self._refresh()

    def _refresh(self) -> None:
        state, result = self._model.state, self._model.result
        k = result.num_classes
        slots = np.arange(k, dtype=np.float64)
        offset = (BAR_WIDTH + BAR_GAP) / 2
        self.q_bars.setOpts(x=slots - offset, height=np.asarray(result.q), width=BAR_WIDTH)
        self.p_bars.setOpts(x=slots + offset, height=np.asarray(result.p), width=BAR_WIDTH)

        index_mode = state.target_mode == "index"
        self.true_band.setVisible(index_mode)
        if index_mode:
            self.true_band.setOpts(x=[float(state.target_class)], height=[Y_TOP])

        if k != self._num_classes:
            self._num_classes = k
            self.getPlotItem().setXRange(-0.6, k - 0.4, padding=0)
        self._update_ticks()
        self._update_labels()

    def _label_pool(self, pool: list[pg.TextItem], n: int) -> None:
        while len(pool) < n:
            label = pg.TextItem("", anchor=(0.5, 1.0))
            label.setFont(st.font(self._label_pt))
            label.setZValue(5)
            self.getPlotItem().addItem(label)
            pool.append(label)

    def _label_room(self) -> tuple[bool, bool, float, bool]:
        """Which values fit above their bars at this width: (q, p, point size, short form).

        Tried in turn: "0.17" at full size, ".17" (no leading zero, as is usual
        for probabilities), ".17" a little smaller, then the q values alone as
        ".17" (what a drag changes), then nothing.
        """
        k = self._model.result.num_classes
        full_pt = st.TEXT_PT * self._font_scale
        if k > MAX_LABELLED_CLASSES:
            return False, False, full_pt, False
        x_lo, x_hi = self._view.viewRange()[0]
        px_per_unit = self._view.width() / max(x_hi - x_lo, 1e-9)
        pair_px = (BAR_WIDTH + BAR_GAP) * px_per_unit  # centre-to-centre of q_i and p_i
        for points, short in ((full_pt, False), (full_pt, True), (0.85 * full_pt, True)):
            sample = ".00" if short else "0.00"
            if QFontMetricsF(st.font(points)).horizontalAdvance(sample) + 2 <= pair_px:
                return True, True, points, short
        fits_q = QFontMetricsF(st.font(full_pt)).horizontalAdvance(".00") * 1.2 <= px_per_unit
        return fits_q, False, full_pt, True

    def _update_labels(self) -> None:
        state, result = self._model.state, self._model.result
        q, p = result.q, result.p
        k = result.num_classes
        show_q, show_p, points, short = self._label_room()
        if show_q:
            self._label_pool(self._q_labels, k)
            self._label_pool(self._p_labels, k)
        if points != self._label_pt:
            self._label_pt = points
            label_font = st.font(points)
            for label in self._q_labels + self._p_labels:
                label.setFont(label_font)
        index_mode = state.target_mode == "index"
        for i, label in enumerate(self._q_labels):
            visible = show_q and i < k
            label.setVisible(visible)
            if visible:
                self._place_label(
                    label, self.bar_center(i, "q"), float(q[i]), short, "#ffffff", st.Q_COLOUR
                )
        for i, label in enumerate(self._p_labels):
            # In index mode p is one-hot: a row of "0.00" would only be noise.
            visible = i < k and (show_p or (show_q and index_mode))
            visible = visible and (not index_mode or i == state.target_class)
            label.setVisible(visible)
            if visible:
                colour = st.darker(st.P_COLOUR, 160)
                self._place_label(
                    label, self.bar_center(i, "p"), float(p[i]), short, st.FOREGROUND, colour
                )

    @staticmethod
    def _place_label(
        label: pg.TextItem, x: float, height: float, short: bool, inside: object, outside: object
    ) -> None:
        text = format_number(height, 2)
        if short:
            text = "1" if text == "1.00" else text.removeprefix("0")
        label.setText(text)
        # Above the bar when there is room under the fixed top, else inside its top.
        if height > INSIDE_LABEL_ABOVE:
            label.setAnchor((0.5, 0.0))
            label.setColor(inside)
        else:
            label.setAnchor((0.5, 1.0))
            label.setColor(outside)
        label.setPos(float(x), float(height))

    def _update_ticks(self) -> None:
        """Class names under the bars, thinned so that they never overlap."""
        if self._num_classes < 0:
            return
        state = self._model.state
        names = state.class_names
        k = len(names)
        metrics = QFontMetricsF(st.font(st.TICK_PT * self._font_scale))
        label_px = max(metrics.horizontalAdvance(n) for n in names) + 12
        width_px = max(self._view.width(), 1.0)
        step = max(1, math.ceil(k * label_px / width_px))
        shown = set(range(0, k, step))
        if state.target_mode == "index" and step > 1:
            # The true class always keeps its name; its neighbours make room.
            tc = state.target_class
            shown = {i for i in shown if abs(i - tc) >= step} | {tc}
        ticks = [(float(i), names[i]) for i in sorted(shown)]
        if ticks != self._ticks:
            self._ticks = ticks
            self.getPlotItem().getAxis("bottom").setTicks([ticks, []])

    # -- projector ----------------------------------------------------------
    def apply_font_scale(self, scale: float) -> None:
        """Enlarge (scale > 1) tick labels, axis labels, title and bar values."""
        self._font_scale = float(scale)
        self._apply_fonts()
        self._ticks = None
        self._update_ticks()

    def _apply_fonts(self) -> None:
        scale = self._font_scale
        plot = self.getPlotItem()
        st.style_axis_fonts(plot, ("left", "bottom"), scale)
        st.set_axis_label(plot, "left", tr("probability"), scale)
        swatch = "<span style='color:{c}'>■</span>"
        st.set_title(
            plot,
            f"{swatch.format(c=st.Q_COLOUR)} q = softmax(z/T)&nbsp;&nbsp;&nbsp;"
            f"{swatch.format(c=st.P_COLOUR)} {tr('p (true)')}",
            scale,
        )
        self._label_pt = -1.0  # _update_labels picks the size for the new scale
        self._update_labels()
