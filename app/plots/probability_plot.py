"""Grouped bars of q = softmax(z/T) against the true distribution p, editable by dragging.

Class i occupies the slot [i − ½, i + ½] on the x axis: its q bar stands just
left of i, its p bar just right of it. When the selected loss smooths its
labels (s > 0), the smoothed target p′ that the loss really compares q with
stands beside p, and the three bars share the slot. The view only says what the user did;
the model works out the edit: dragging a q bar calls ``model.set_q``,
dragging a p bar in soft mode ``model.set_probability`` (which pins the
class), both transient while the mouse moves and committed as one undo step
on release; clicking a class selects it (the logit the sweep and the sigmoid
view show) and in index mode makes it the true class. A pinned
p carries a small mark above its bar; clicking the mark unpins it.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent, MouseDragEvent
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QWidget

from app.appearance import Appearance
from app.formatting import Kind, format_value
from app.i18n import output_names, tr
from app.model import Change, ExplorerModel, ProblemType
from app.plots.base import TEXT_PT, TICK_PT, Bars, PlotView, ValueLabel, make_font

__all__ = ["ProbabilityPlot"]

BAR_WIDTH = 0.38
BAR_GAP = 0.04
#: With p′ shown: three narrower bars, q left of the slot centre, p on it, p′ right of it.
BAR_WIDTH_3 = 0.26
BAR_PITCH_3 = 0.29
#: The probability axis: exactly 0–1, and a fixed strip above 1 for the pins.
Y_TOP = 1.05
MAX_LABELLED_CLASSES = 16
LABEL_SIZES = (1.0, 0.85, 0.72)  # value label sizes tried, of the full text size
PIN_SIZE = 11.0  # px at font scale 1
PIN_GAP_PX = 2.0
BARS = ("q", "p", "smoothed")

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
    q and p), ``smoothed_bars`` (heights p′ = the label-smoothed target; shown
    only when the selected loss smooths and s > 0), ``true_band`` (the
    highlight behind the true class in index mode), ``pin_marks``
    (pg.ScatterPlotItem: one mark above each pinned p bar, ``data`` the class
    index).
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
        self._smoothed_shown = False
        self._sum_note: tuple[str, ...] = ()
        self._pins_shown: tuple[object, ...] | None = None

        plot = self.getPlotItem()

        self.true_band = Bars(x=[0.0], height=[Y_TOP], width=0.96, pen=None)
        self.true_band.setZValue(-10)
        self.q_bars = Bars(x=[], height=[], width=BAR_WIDTH)
        self.p_bars = Bars(x=[], height=[], width=BAR_WIDTH)
        self.smoothed_bars = Bars(x=[], height=[], width=BAR_WIDTH_3)
        self.smoothed_bars.setVisible(False)
        self.pin_marks = pg.ScatterPlotItem(symbol="t", pxMode=True)
        self.pin_marks.setZValue(6)
        self.pin_marks.setToolTip(tr("pinned p: click to let it follow the others again"))
        for item in (self.true_band, self.q_bars, self.p_bars, self.smoothed_bars, self.pin_marks):
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
        self._smoothed_labels: list[ValueLabel] = []

        self.set_axis_label("left", tr("probability"))
        # A fixed probability axis: bars move, the frame never jumps.
        self.set_y_range("left", 0.0, Y_TOP)
        self._view.drag_handler = self._on_drag
        self._view.click_handler = self._on_click
        self.pin_marks.sigClicked.connect(self._on_pin_clicked)
        self.scene().sigMouseMoved.connect(self._on_hover)
        self._start()

    # -- geometry ----------------------------------------------------------
    @property
    def smoothed_shown(self) -> bool:
        """True while the label-smoothed target p′ is drawn beside p."""
        return self._smoothed_shown

    @property
    def value_labels(self) -> list[ValueLabel]:
        """Every value label created so far (q, p and p′ pools; hidden ones included)."""
        return self._q_labels + self._p_labels + self._smoothed_labels

    def _offsets(self) -> dict[str, float]:
        """Each bar's centre relative to its slot centre, in the current layout."""
        if self._smoothed_shown:
            return {"q": -BAR_PITCH_3, "p": 0.0, "smoothed": BAR_PITCH_3}
        offset = (BAR_WIDTH + BAR_GAP) / 2
        return {"q": -offset, "p": offset}

    def bar_width(self) -> float:
        """The width of every bar in the current layout (data units)."""
        return BAR_WIDTH_3 if self._smoothed_shown else BAR_WIDTH

    def bar_center(self, i: int, which: str) -> float:
        """The x coordinate of the centre of class ``i``'s "q", "p" or "smoothed" (p′) bar."""
        offsets = self._offsets()
        if which not in BARS:
            raise ValueError(f"which must be 'q', 'p' or 'smoothed', got {which!r}")
        if which not in offsets:
            raise ValueError("the smoothed target p′ is not shown")
        return i + offsets[which]

    def class_at(self, x: float) -> tuple[int, str] | None:
        """The class and bar ("q" on the left of the slot, "p" on the rest) at ``x``.

        The whole slot [i − ½, i + ½] counts, so a press near a thin bar still
        grabs it; outside every slot gives None. Beside p, p′ follows p: its
        part of the slot counts as p.
        """
        if not math.isfinite(x):
            return None
        i = int(math.floor(x + 0.5))
        if not 0 <= i < self._model.result.num_classes:
            return None
        offsets = self._offsets()
        boundary = i + (offsets["q"] + offsets["p"]) / 2
        return i, ("q" if x < boundary else "p")

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
        if self._model.state.problem_type is ProblemType.BINARY:
            # Two bars, one sigmoid: bar 0 is 1 − σ(z/T) against 1 − y, bar 1 is σ against y.
            i, y = 0, (y if i == 1 else 1.0 - y)
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
        """Select class ``i`` (the logit swept); in index mode it becomes the true class too."""
        if self._model.state.problem_type is not ProblemType.BINARY:
            self._model.select_class(int(i))

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
        if change.touches("problem_type"):
            self._refit_title()  # the legend names the activation
        if change.recomputed or change.touches("class_names"):
            self._update_ticks()
        if change.recomputed or change.touches("pinned"):
            self._update_labels()  # places the pins too: they sit above the labels

    def _resized(self) -> None:
        # Tick thinning, label sizes and the pins' lift depend on the size in pixels.
        self._update_ticks()
        self._update_labels()

    def _resize_classes(self) -> None:
        k = self._model.result.num_classes
        if k != self._num_classes:
            self._num_classes = k
            self.getPlotItem().setXRange(-0.6, k - 0.4, padding=0)

    def smoothed_target(self) -> np.ndarray | None:
        """p′, the target the selected loss compares q with, when it smooths; else None.

        From the core (``ExplorerResult.p_smoothed``): p′ = p(1 − s) + s/n, with
        n = K for the softmax losses and n = 2 for the sigmoid ones.
        """
        result = self._model.result
        return np.asarray(result.p_smoothed) if result.smoothing_applied else None

    def _draw_bars(self) -> None:
        state, result = self._model.state, self._model.result
        slots = np.arange(result.num_classes, dtype=np.float64)
        smoothed = self.smoothed_target()
        shown = smoothed is not None
        if shown != self._smoothed_shown:
            self._smoothed_shown = shown
            self.smoothed_bars.setVisible(shown)
            self._refit_title()  # the legend names p′ only while it is drawn
        offsets, width = self._offsets(), self.bar_width()
        self.set_bars(self.q_bars, x=slots + offsets["q"], height=np.asarray(result.q), width=width)
        self.set_bars(self.p_bars, x=slots + offsets["p"], height=np.asarray(result.p), width=width)
        if smoothed is not None:
            self.set_bars(
                self.smoothed_bars, x=slots + offsets["smoothed"], height=smoothed, width=width
            )
        index_mode = not state.soft
        self.true_band.setVisible(index_mode)
        self._update_sum_note()
        if index_mode:
            self.set_bars(self.true_band, x=[float(state.target_class)], height=[Y_TOP])

    def _grow_label_pools(self, n: int) -> None:
        for pool in (self._q_labels, self._p_labels, self._smoothed_labels):
            while len(pool) < n:
                label = ValueLabel()
                label.set_font(make_font(self._label_pt if self._label_pt > 0 else 1.0))
                self.getPlotItem().addItem(label.item)
                pool.append(label)

    def _label_room(self, texts: dict[str, list[str]]) -> tuple[set[str], float]:
        """Which bars' values fit at this width, and the text size: (bars, points).

        Neighbouring bars' values may stand at the same height, so each must fit
        the distance between bar centres. Tried in turn: every value at full
        size, a little smaller, smaller still; then the q values alone (what a
        drag changes), which have the whole slot; then none. Never a short form.
        """
        k = self._model.result.num_classes
        full_pt = self.points(TEXT_PT)
        if k > MAX_LABELLED_CLASSES:
            return set(), full_pt
        x_lo, x_hi = self._view.viewRange()[0]
        px_per_unit = self._view.width() / max(x_hi - x_lo, 1e-9)
        offsets = self._offsets()
        pitch_px = (offsets["p"] - offsets["q"]) * px_per_unit
        # The outermost bars' values must not reach past the ends of the axis.
        first_px = (offsets["q"] - x_lo) * px_per_unit
        last_px = (x_hi - (k - 1) - max(offsets.values())) * px_per_unit
        everything = [t for bar in texts.values() for t in bar]
        for factor in LABEL_SIZES:
            metrics = QFontMetricsF(make_font(factor * full_pt))
            widest = max((metrics.horizontalAdvance(t) for t in everything), default=0.0)
            if widest + 4 <= pitch_px and widest / 2 + 1 <= min(first_px, last_px):
                return set(texts), factor * full_pt
        last_q_px = (x_hi - (k - 1) - offsets["q"]) * px_per_unit
        for factor in LABEL_SIZES:
            metrics = QFontMetricsF(make_font(factor * full_pt))
            widest = max((metrics.horizontalAdvance(t) for t in texts["q"]), default=0.0)
            if widest + 6 <= px_per_unit and widest / 2 + 1 <= min(first_px, last_q_px):
                return {"q"}, factor * full_pt
        return set(), full_pt

    def _update_labels(self) -> None:
        state, result = self._model.state, self._model.result
        k = result.num_classes
        index_mode = not state.soft
        values: dict[str, np.ndarray] = {"q": np.asarray(result.q), "p": np.asarray(result.p)}
        smoothed = self.smoothed_target()
        if smoothed is not None:
            values["smoothed"] = smoothed
        # Which labels each bar would carry: in index mode p is one-hot, and a row of
        # "0.0" would only be noise, so only the true class's p is labelled.
        wanted = {
            bar: [i for i in range(k) if bar != "p" or not index_mode or i == state.target_class]
            for bar in values
        }
        texts: dict[str, list[str]] = {bar: [] for bar in values}
        if k <= MAX_LABELLED_CLASSES:  # more bars never carry values: nothing to write
            texts = {
                bar: [format_value(float(values[bar][i]), Kind.BAR) for i in wanted[bar]]
                for bar in values
            }
        shown, points = self._label_room(texts)
        if shown:
            self._grow_label_pools(k)
        if shown and points != self._label_pt:
            self._label_pt = points
            label_font = make_font(points)
            for label in self._q_labels + self._p_labels + self._smoothed_labels:
                label.set_font(label_font)
        colours = {  # (text inside the bar, text above it, the bar's fill)
            "q": (self.colour("on_bar"), self.colour("q"), self.colour("q")),
            "p": (self.colour("foreground"), self.appearance.darker("p", 160), self.colour("p")),
            "smoothed": (
                self.colour("foreground"),
                self.appearance.darker("p_smoothed", 170),
                self.colour("p_smoothed"),
            ),
        }
        pools = {"q": self._q_labels, "p": self._p_labels, "smoothed": self._smoothed_labels}
        self._p_label_px = np.zeros(k)
        px_per_unit_y = max(self._view.height(), 1.0) / Y_TOP
        for bar, pool in pools.items():
            labelled = set(wanted.get(bar, ())) if bar in shown else set()
            for i, label in enumerate(pool):
                if i not in labelled:
                    label.hide()
                    continue
                above = self._place_label(
                    label,
                    self.bar_center(i, bar),
                    float(values[bar][i]),
                    colours[bar],
                    label.height_px() / px_per_unit_y,
                )
                if above and bar == "p":
                    self._p_label_px[i] = label.height_px()
        self._draw_pins()

    @staticmethod
    def _place_label(
        label: ValueLabel,
        x: float,
        height: float,
        colours: tuple[QColor, QColor, QColor],
        label_height: float,
    ) -> bool:
        """Show the value above the bar, or inside its top (on the bar's colour) when it
        would pass the top of the view; True when above. ``colours``: the text inside,
        the text above, the bar's fill; ``label_height``: the label's height in data units."""
        text = format_value(height, Kind.BAR)
        inside, outside, fill = colours
        above = height + label_height <= Y_TOP
        if above:
            label.show(text, x, height, outside, anchor=(0.5, 1.0))
        else:
            label.show(text, x, height, inside, anchor=(0.5, 0.0), fill=fill)
        return above

    def _draw_pins(self) -> None:
        """One mark above each pinned p bar (and above its value label)."""
        state, result = self._model.state, self._model.result
        pins = [i for i in state.pinned if 0 <= i < result.num_classes] if state.normalised else []
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
        # A ScatterPlotItem rebuilds its spots on every setData, and paints (even with no
        # spot) whenever its plot does: new data only when the marks move, and hidden
        # while there is no pin (most changes move no pin; most scenes have none).
        shown = (tuple(xs), tuple(ys), tuple(pins), size)
        if shown != self._pins_shown:
            self._pins_shown = shown
            self.pin_marks.setData(x=xs, y=ys, data=pins, size=size)
        self.pin_marks.setVisible(bool(pins))

    def _update_ticks(self) -> None:
        """Class names under the bars, thinned so that they never overlap."""
        if self._num_classes < 0:
            return
        state = self._model.state
        names = self.output_names()
        k = len(names)
        metrics = QFontMetricsF(self.scaled_font(TICK_PT))
        label_px = self.widest_text_px(names, TICK_PT) + 12
        width_px = max(self._view.width(), 1.0)
        step = max(1, math.ceil(k * label_px / width_px))
        shown = set(range(0, k, step))
        if not state.soft and step > 1:
            # The true class always keeps its name; its neighbours make room.
            tc = state.target_class
            shown = {i for i in shown if abs(i - tc) >= step} | {tc}
        # A name at either end may reach into the empty corner under the left axis,
        # but not past the widget's right edge: one that would be cut is left out.
        axis = self.getPlotItem().getAxis("bottom")
        x_lo, x_hi = self._view.viewRange()[0]
        px_per_unit = width_px / max(x_hi - x_lo, 1e-9)
        left_room = float(self.getPlotItem().getAxis("left").width())
        right_room = float(self._right_margin)

        def fits(i: int) -> bool:
            half = metrics.horizontalAdvance(names[i]) / 2 + 1
            return (i - x_lo) * px_per_unit + left_room >= half and (
                (x_hi - i) * px_per_unit + right_room >= half
            )

        ticks = [(float(i), names[i]) for i in sorted(shown) if fits(i)]
        if ticks != self._ticks:
            self._ticks = ticks
            axis.setStyle(hideOverlappingLabels=max(int(left_room), 1))
            axis.setTicks([ticks, []])

    def output_names(self) -> tuple[str, ...]:
        """The names under the bars: the classes, or a binary problem's two outcomes."""
        return output_names(self._model.state)

    def _update_sum_note(self) -> None:
        """Under sigmoids the bars are not one distribution: the bottom axis says so."""
        state, result = self._model.state, self._model.result
        if state.problem_type is ProblemType.MULTILABEL:
            total = format_value(float(np.sum(result.q)), Kind.PROBABILITY)
            texts: tuple[str, ...] = (
                tr("independent sigmoids: Σq = {total}, which need not be 1").format(total=total),
                tr("Σq = {total}: need not be 1").format(total=total),
            )
        elif state.problem_type is ProblemType.BINARY:
            texts = (
                tr("one sigmoid: σ(z/T) and 1 − σ against y and 1 − y"),
                tr("one sigmoid σ(z/T)"),
            )
        else:
            texts = ()
        if texts == self._sum_note:
            return
        self._sum_note = texts
        if texts:
            self.set_axis_label("bottom", texts, role="muted")
        else:
            self.clear_axis_label("bottom")

    # -- style -------------------------------------------------------------
    def _style_items(self) -> None:
        self.true_band.setOpts(brush=self.colour("true_band"))
        self.q_bars.setOpts(brush=self.colour("q"), pen=self.pen("q", darker=140))
        self.p_bars.setOpts(brush=self.colour("p"), pen=self.pen("p", darker=140))
        self.smoothed_bars.setOpts(
            brush=self.colour("p_smoothed"), pen=self.pen("p_smoothed", darker=150)
        )
        self.pin_marks.setBrush(self.colour("pin"))
        self.pin_marks.setPen(self.pen("pin", darker=130))
        grid = self.pen("grid")
        for line in self._grid:
            line.setPen(grid)
        self._label_pt = -1.0  # _update_labels picks the size for the new scale
        self._ticks = None

    def _title_candidates(self) -> list[tuple[str, str]]:
        """The title row is the legend: q, p and (while it is drawn) p′ in their colours."""
        swatch = "<span style='color:{c}'>■</span>"
        gap_text, gap_html = "   ", "&nbsp;&nbsp;&nbsp;"
        q, p = self.appearance.html("q"), self.appearance.html("p")
        true = tr("p (true)")
        problem = self._model.state.problem_type
        activation = {
            ProblemType.BINARY: "q = [1 − σ(z/T), σ(z/T)]",
            ProblemType.MULTICLASS: "q = softmax(z/T)",
            ProblemType.MULTILABEL: "qᵢ = σ(zᵢ/T)",
        }[problem]
        long_keys = [(q, activation), (p, true)]
        short_keys = [(q, "q"), (p, true)]
        tiny_keys = [(q, "q"), (p, "p")]
        if self._smoothed_shown:
            smoothed = (self.appearance.html("p_smoothed"), tr("p′ (smoothed)"))
            long_keys.append(smoothed)
            short_keys.append(smoothed)
            tiny_keys.append((smoothed[0], "p′"))

        def title(keys: list[tuple[str, str]]) -> tuple[str, str]:
            plain = gap_text.join(f"■ {name}" for _, name in keys)
            html = gap_html.join(f"{swatch.format(c=c)} {name}" for c, name in keys)
            return plain, html

        candidates = [title(long_keys), title(short_keys)]
        if self._smoothed_shown:
            candidates.append(title(tiny_keys))
        return candidates
