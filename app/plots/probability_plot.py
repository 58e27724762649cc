"""Grouped bars of q = softmax(z/T) against the true distribution p, editable by dragging.

Class i occupies the slot [i − ½, i + ½] on the x axis: its q bar stands just
left of i, its p bar just right of it. The view only says what the user did;
the model works out the edit: dragging a q bar calls ``model.set_q``,
dragging a p bar in soft mode ``model.set_probability`` (which pins the
class), both transient while the mouse moves and committed as one undo step
on release; clicking a class in index mode makes it the true class. A pinned
p carries a small mark above its bar; clicking the mark unpins it.
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

from app.appearance import Appearance
from app.formatting import Kind, format_value
from app.i18n import tr
from app.model import Change, ExplorerModel
from app.plots.base import TEXT_PT, TICK_PT, PlotView, ValueLabel, make_font
from app.widgets.common import blocked

__all__ = ["ProbabilityPlot"]

BAR_WIDTH = 0.38
BAR_GAP = 0.04
Y_TOP = 1.05
MAX_LABELLED_CLASSES = 16
INSIDE_LABEL_ABOVE = 0.9  # taller bars carry their value inside, below the top
PIN_SIZE = 11.0  # px at font scale 1
PIN_GAP_PX = 2.0

TOOLTIP = (
    "q = softmax(z/T): drag a blue bar to set q_i (z_i = log q_i + const). "
    "Click a class to make it the true class; in soft mode drag an orange bar to edit p_i "
    "(it is pinned: ▼ marks it, click the mark to unpin)."
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

    def mouseDragEvent(self, ev: MouseDragEvent, axis: int | None = None) -> None:  # noqa: N802
        if self.drag_handler is None or ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        self.drag_handler(ev)

    def mouseClickEvent(self, ev: MouseClickEvent) -> None:  # noqa: N802
        if self.click_handler is None or ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        self.click_handler(ev)


class ProbabilityPlot(PlotView):
    """q = softmax(z/T) and p per class; drag to edit, click to choose.

    Public attributes: ``q_bars`` and ``p_bars`` (pg.BarGraphItem, heights are
    q and p), ``true_band`` (the highlight behind the true class in index
    mode), ``pin_marks`` (pg.ScatterPlotItem: one mark above each pinned p
    bar, ``data`` the class index).
    """

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self._view = _BarViewBox()
        super().__init__(
            model, appearance, parent, object_name="probability_plot", view_box=self._view
        )
        self.setToolTip(TOOLTIP)
        self.setAccessibleName("probability plot")
        self.setAccessibleDescription(TOOLTIP)
        self._num_classes = -1
        self._ticks: list[tuple[float, str]] | None = None
        self._drag: tuple[int, str] | None = None
        self._label_pt = -1.0
        # Pixels above each p bar that its value label takes (0: none or inside the bar).
        self._p_label_px = np.zeros(0)

        plot = self.getPlotItem()
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

        self.true_band = pg.BarGraphItem(x=[0.0], height=[Y_TOP], width=0.96, pen=None)
        self.true_band.setZValue(-10)
        self.q_bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH)
        self.p_bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH)
        self.pin_marks = pg.ScatterPlotItem(symbol="t", pxMode=True)
        self.pin_marks.setZValue(6)
        self.pin_marks.setToolTip(tr("pinned p: click to let it follow the others again"))
        for item in (self.true_band, self.q_bars, self.p_bars, self.pin_marks):
            plot.addItem(item)
        # Grid lines as items: an axis grid would hide the "0.0" tick label at the corner.
        self._grid = [
            pg.InfiniteLine(pos=level, angle=0, movable=False)
            for level in (0.2, 0.4, 0.6, 0.8, 1.0)
        ]
        for line in self._grid:
            line.setZValue(-20)
            plot.addItem(line, ignoreBounds=True)
        # The pools of value labels grow with K and are never rebuilt.
        self._q_labels: list[ValueLabel] = []
        self._p_labels: list[ValueLabel] = []

        self.set_axis_label("left", tr("probability"))
        self._view.drag_handler = self._on_drag
        self._view.click_handler = self._on_click
        self._view.sigResized.connect(self._on_resized)
        self.pin_marks.sigClicked.connect(self._on_pin_clicked)
        self.scene().sigMouseMoved.connect(self._on_hover)
        self._start()

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

    # -- editing: the mouse handlers call exactly these -----------------------
    def drag_to(self, i: int, which: str, y: float) -> None:
        """Move bar ``which`` ("q" or "p") of class ``i`` to height ``y``, as a drag does.

        ``y`` is the pointer's height, kept on the probability axis [0, 1]; the
        model turns it into the edit (``set_q`` or ``set_probability``) as a
        transient, coalesced change. :meth:`end_drag` commits the gesture.
        """
        if not math.isfinite(y):
            return
        y = min(max(y, 0.0), 1.0)
        if which == "q":
            self._model.set_q(i, y, transient=True)
        elif which == "p":
            self._model.set_probability(i, y, transient=True)
        else:
            raise ValueError(f"which must be 'q' or 'p', got {which!r}")

    def end_drag(self) -> None:
        """The end of a drag: the whole gesture becomes one undo step."""
        self._model.commit()

    def click_class(self, i: int) -> None:
        """Make class ``i`` the true class (index mode; in soft mode p is edited by dragging)."""
        if not self._model.state.soft:
            self._model.try_update(target_class=int(i))

    def _scene_to_view(self, scene_pos: QPointF) -> QPointF:
        return self._view.mapSceneToView(scene_pos)

    def _on_drag(self, ev: MouseDragEvent) -> None:
        ev.accept()
        if ev.isStart():
            hit = self.class_at(self._scene_to_view(ev.buttonDownScenePos()).x())
            draggable = hit is not None and (hit[1] == "q" or self._model.state.soft)
            self._drag = hit if draggable else None
        if self._drag is not None:
            i, which = self._drag
            self.drag_to(i, which, self._scene_to_view(ev.scenePos()).y())
        if ev.isFinish():
            dragged, self._drag = self._drag, None
            if dragged is not None:
                self.end_drag()

    def _on_click(self, ev: MouseClickEvent) -> None:
        hit = self.class_at(self._scene_to_view(ev.scenePos()).x())
        if hit is None:
            ev.ignore()
            return
        ev.accept()
        self.click_class(hit[0])

    def _on_pin_clicked(self, _item: object, points: object, _ev: object = None) -> None:
        for point in points:  # type: ignore[attr-defined]
            self._model.unpin(int(point.data()))

    def _on_hover(self, scene_pos: QPointF) -> None:
        # The cursor tells what a press would do: resize a bar or pick a class.
        cursor = Qt.CursorShape.ArrowCursor
        if self._view.sceneBoundingRect().contains(scene_pos):
            hit = self.class_at(self._scene_to_view(scene_pos).x())
            if hit is not None:
                if hit[1] == "q" or self._model.state.soft:
                    cursor = Qt.CursorShape.SizeVerCursor
                else:
                    cursor = Qt.CursorShape.PointingHandCursor
        if self.viewport().cursor().shape() != cursor:
            self.viewport().setCursor(cursor)

    # -- drawing -----------------------------------------------------------
    def _update(self, change: Change) -> None:
        """Redraw what ``change`` concerns; units, options and the history never matter here."""
        if change.resized:
            self._resize_classes()
        if change.recomputed:
            self._draw_bars()
        if change.recomputed or change.touches("class_names"):
            self._update_ticks()
        if change.recomputed or change.touches("pinned"):
            self._update_labels()  # places the pins too: they sit above the labels

    def _on_resized(self, *_: object) -> None:
        # Tick thinning, label sizes and the pins' lift depend on the size in pixels.
        with blocked(self):
            self._update_ticks()
            self._update_labels()

    def _resize_classes(self) -> None:
        k = self._model.state.num_classes
        if k != self._num_classes:
            self._num_classes = k
            self.getPlotItem().setXRange(-0.6, k - 0.4, padding=0)

    def _draw_bars(self) -> None:
        state, result = self._model.state, self._model.result
        slots = np.arange(result.num_classes, dtype=np.float64)
        offset = (BAR_WIDTH + BAR_GAP) / 2
        self.q_bars.setOpts(x=slots - offset, height=np.asarray(result.q), width=BAR_WIDTH)
        self.p_bars.setOpts(x=slots + offset, height=np.asarray(result.p), width=BAR_WIDTH)
        index_mode = not state.soft
        self.true_band.setVisible(index_mode)
        if index_mode:
            self.true_band.setOpts(x=[float(state.target_class)], height=[Y_TOP])

    def _grow_label_pools(self, n: int) -> None:
        for pool in (self._q_labels, self._p_labels):
            while len(pool) < n:
                label = ValueLabel()
                label.set_font(make_font(self._label_pt))
                self.getPlotItem().addItem(label.item)
                pool.append(label)

    def _label_room(self) -> tuple[bool, bool, float, bool]:
        """Which values fit above their bars at this width: (q, p, point size, short form).

        Tried in turn: "0.17" at full size, ".17" (no leading zero, as is usual
        for probabilities), ".17" a little smaller, then the q values alone as
        ".17" (what a drag changes), then nothing.
        """
        k = self._model.result.num_classes
        full_pt = self.points(TEXT_PT)
        if k > MAX_LABELLED_CLASSES:
            return False, False, full_pt, False
        x_lo, x_hi = self._view.viewRange()[0]
        px_per_unit = self._view.width() / max(x_hi - x_lo, 1e-9)
        pair_px = (BAR_WIDTH + BAR_GAP) * px_per_unit  # centre-to-centre of q_i and p_i
        for points, short in ((full_pt, False), (full_pt, True), (0.85 * full_pt, True)):
            sample = ".00" if short else "0.00"
            if QFontMetricsF(make_font(points)).horizontalAdvance(sample) + 2 <= pair_px:
                return True, True, points, short
        fits_q = QFontMetricsF(make_font(full_pt)).horizontalAdvance(".00") * 1.2 <= px_per_unit
        return fits_q, False, full_pt, True

    def _update_labels(self) -> None:
        state, result = self._model.state, self._model.result
        q, p = result.q, result.p
        k = result.num_classes
        show_q, show_p, points, short = self._label_room()
        if show_q:
            self._grow_label_pools(k)
        if points != self._label_pt:
            self._label_pt = points
            label_font = make_font(points)
            for label in self._q_labels + self._p_labels:
                label.set_font(label_font)
        on_bar = self.colour("on_bar")
        q_colour = self.colour("q")
        p_colour = self.appearance.darker("p", 160)
        foreground = self.colour("foreground")
        for i, label in enumerate(self._q_labels):
            if show_q and i < k:
                self._place_label(
                    label, self.bar_center(i, "q"), float(q[i]), short, on_bar, q_colour
                )
            else:
                label.hide()
        self._p_label_px = np.zeros(k)
        index_mode = not state.soft
        for i, label in enumerate(self._p_labels):
            # In index mode p is one-hot: a row of "0.00" would only be noise.
            visible = i < k and (show_p or (show_q and index_mode))
            visible = visible and (not index_mode or i == state.target_class)
            if visible:
                above = self._place_label(
                    label, self.bar_center(i, "p"), float(p[i]), short, foreground, p_colour
                )
                if above:
                    self._p_label_px[i] = label.height_px()
            else:
                label.hide()
        self._draw_pins()

    @staticmethod
    def _place_label(
        label: ValueLabel, x: float, height: float, short: bool, inside: object, outside: object
    ) -> bool:
        """Show the value above the bar, or inside its top when tall; True when above."""
        del short  # one formatter: no leading-dot short form
        text = format_value(height, Kind.BAR)
        above = height <= INSIDE_LABEL_ABOVE
        if above:
            label.show(text, x, height, outside, anchor=(0.5, 1.0))  # type: ignore[arg-type]
        else:
            label.show(text, x, height, inside, anchor=(0.5, 0.0))  # type: ignore[arg-type]
        return above

    def _draw_pins(self) -> None:
        """One mark above each pinned p bar (and above its value label)."""
        state, result = self._model.state, self._model.result
        pins = [i for i in state.pinned if 0 <= i < result.num_classes] if state.soft else []
        size = PIN_SIZE * self.font_scale
        px_per_unit = max(self._view.height(), 1.0) / Y_TOP
        xs, ys = [], []
        for i in pins:
            lift_px = PIN_GAP_PX + size / 2
            if i < self._p_label_px.size:
                lift_px += self._p_label_px[i]
            y = float(result.p[i]) + lift_px / px_per_unit
            xs.append(self.bar_center(i, "p"))
            ys.append(min(y, Y_TOP - (size / 2 + 1) / px_per_unit))
        self.pin_marks.setData(x=xs, y=ys, data=pins, size=size)

    def _update_ticks(self) -> None:
        """Class names under the bars, thinned so that they never overlap."""
        if self._num_classes < 0:
            return
        state = self._model.state
        names = state.class_names
        k = len(names)
        metrics = QFontMetricsF(self.scaled_font(TICK_PT))
        label_px = max(metrics.horizontalAdvance(n) for n in names) + 12
        width_px = max(self._view.width(), 1.0)
        step = max(1, math.ceil(k * label_px / width_px))
        shown = set(range(0, k, step))
        if not state.soft and step > 1:
            # The true class always keeps its name; its neighbours make room.
            tc = state.target_class
            shown = {i for i in shown if abs(i - tc) >= step} | {tc}
        ticks = [(float(i), names[i]) for i in sorted(shown)]
        if ticks != self._ticks:
            self._ticks = ticks
            self.getPlotItem().getAxis("bottom").setTicks([ticks, []])

    # -- style -------------------------------------------------------------
    def _style_items(self) -> None:
        self.true_band.setOpts(brush=self.colour("true_band"))
        self.q_bars.setOpts(brush=self.colour("q"), pen=self.pen("q", darker=140))
        self.p_bars.setOpts(brush=self.colour("p"), pen=self.pen("p", darker=140))
        self.pin_marks.setBrush(self.colour("pin"))
        self.pin_marks.setPen(self.pen("pin", darker=130))
        grid = self.pen("grid")
        for line in self._grid:
            line.setPen(grid)
        self._label_pt = -1.0  # _update_labels picks the size for the new scale
        self._ticks = None

    def _title_candidates(self) -> list[tuple[str, str]]:
        swatch = "<span style='color:{c}'>■</span>"
        q, p = self.appearance.html("q"), self.appearance.html("p")
        true = tr("p (true)")
        return [
            (
                f"■ q = softmax(z/T)   ■ {true}",
                f"{swatch.format(c=q)} q = softmax(z/T)&nbsp;&nbsp;&nbsp;"
                f"{swatch.format(c=p)} {true}",
            ),
            (
                f"■ q   ■ {true}",
                f"{swatch.format(c=q)} q&nbsp;&nbsp;&nbsp;{swatch.format(c=p)} {true}",
            ),
        ]
