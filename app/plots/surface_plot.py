"""SurfacePanel: the selected loss (or MSE) over two logits, the others held fixed.

The surface shows *where* gradient descent goes: cross-entropy falls steadily
towards the right answer from anywhere, while MSE behind a softmax flattens
into plateaus where a confidently wrong start barely moves. The race's two
runners (:class:`app.training.TrainingRace`) draw their trajectories on it.

The numbers are the model's (:meth:`ExplorerModel.surface`, a cached
:class:`~app.model.SurfaceGrid`) and the contour lines come from
:func:`core.contours.contour_segments`; this module only draws them.

Performance. The grid is kept by the model while only its own two logits move,
so the image and the contours are redrawn only when ``model.surface()``
returns a new object; moving the marker costs one ``setData``. A hidden view
(a dock tab behind another) asks for nothing and redraws when it is shown.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent, MouseDragEvent
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.appearance import Appearance
from app.i18n import tr
from app.model import EVERYTHING, Change, ExplorerModel, ProblemType, SurfaceGrid
from app.plots.base import (
    BOUND_STEPS,
    LABEL_PT,
    MIN_HEIGHT,
    MIN_WIDTH,
    TICK_PT,
    TICK_TEXT_GAP,
    Dot,
    PlotView,
    drawn_once,
    format_tick,
    nice_step,
    tick_values,
    vertical_tick_step,
)
from app.training import TrainingRace
from app.widgets.common import blocked, guard_wheel, tint
from core import LossKind
from core.contours import colour_span, contour_segments

__all__ = ["SurfacePanel", "SurfacePlot", "QUANTITIES", "thinned_path"]

#: What the surface can show (itemData of the quantity box): the selected loss or MSE.
QUANTITIES = ("loss", "mse")
#: Contour lines: a 1-2-5 step dividing the colour scale into at most this many parts
#: (about eight lines).
CONTOUR_INTERVALS = 10
#: The colour scale tops at this quantile of the surface, rounded up to a nice number:
#: the highest 5 % (a far corner) share the top colour and the low valley keeps its shades.
COLOUR_QUANTILE = 0.95
#: The smallest span of the colour scale: a flat surface is not stretched over 10⁻⁶.
COLOUR_MIN_SPAN = {"loss": 0.1, "mse": 0.001}
MARKER_SIZE = 13.0
HEAD_SIZE = 8.0
COLOUR_BAR_WIDTH = 16
#: Class names longer than this are cut in axis labels and titles.
NAME_CHARS = 14
#: Fields that change what the plot shows (besides the numbers themselves).
SHOWN_FIELDS = (
    "surface_x_class",
    "surface_y_class",
    "class_names",
    "num_classes",
    "problem_type",
    "loss",
    "slider_limit",
)


def surface_possible(model: ExplorerModel) -> bool:
    """Two logits to vary: a binary problem has one, so it has no surface."""
    state = model.state
    return state.problem_type is not ProblemType.BINARY and state.num_classes >= 2


def _short(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…"


class _SurfaceViewBox(pg.ViewBox):
    """A ViewBox whose left clicks and drags move the point instead of panning.

    ``mouseClickEvent``/``mouseDragEvent`` are pyqtgraph's Python event
    methods, not Qt virtuals, so overriding them is safe.
    """

    def __init__(self) -> None:
        super().__init__(enableMenu=False)
        self.click_handler: Callable[[MouseClickEvent], None] | None = None
        self.drag_handler: Callable[[MouseDragEvent], None] | None = None

    def mouseClickEvent(self, ev: MouseClickEvent) -> None:  # noqa: N802
        if self.click_handler is None or ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        self.click_handler(ev)

    def mouseDragEvent(self, ev: MouseDragEvent, axis: int | None = None) -> None:  # noqa: N802
        if self.drag_handler is None or ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        self.drag_handler(ev)


def thinned_path(
    x: np.ndarray, y: np.ndarray, cell_x: float, cell_y: float
) -> tuple[np.ndarray, np.ndarray]:
    """The points of the path (x, y) that step into a new cell of size cell_x × cell_y,
    with the first and the last: what a line drawn at that resolution shows.

    A race that converges ends in thousands of steps within one pixel; stroking
    them all (twice, with the halo) made each frame slower as the race went on.
    Every dropped point lies in the same cell as the kept point before it, so the
    drawn line is never more than one cell's diagonal from the full path.

    >>> thinned_path(np.array([0.0, 0.1, 0.2, 3.0]), np.zeros(4), 1.0, 1.0)
    (array([0., 3.]), array([0., 0.]))
    """
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if x.size <= 2 or not (cell_x > 0 and cell_y > 0):
        return x.copy(), y.copy()
    cx, cy = np.floor(x / cell_x), np.floor(y / cell_y)
    keep = np.empty(x.size, dtype=bool)
    keep[0] = keep[-1] = True
    keep[1:-1] = (cx[1:-1] != cx[:-2]) | (cy[1:-1] != cy[:-2])
    return x[keep], y[keep]


class SurfacePlot(PlotView):
    """The surface as a heat map with contour lines, the current point and the race.

    Public attributes: ``image`` (pg.ImageItem of the grid's values, one pixel
    per grid point, placed at the logits), ``contours`` (one PlotDataItem,
    ``connect="pairs"``), ``colour_bar`` (pg.ColorBarItem), ``marker`` (the
    current (z_x, z_y)), ``ce_path`` and ``mse_path`` (the race's runners,
    each over a wider ``*_halo`` in the background colour so that it stays
    visible on every colour of the map), ``race_heads`` (where the runners
    are), ``levels`` (the contour levels drawn), ``grid`` (the SurfaceGrid
    shown) and ``quantity``.
    """

    TITLE_SCALE = 0.9  # smaller titles than the main plots'

    def __init__(
        self,
        model: ExplorerModel,
        race: TrainingRace | None = None,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self._view = _SurfaceViewBox()
        super().__init__(
            model,
            appearance,
            parent,
            object_name="surface_plot",
            axes=("left", "bottom"),
            view_box=self._view,
            minimum_size=(MIN_WIDTH - 40, MIN_HEIGHT + 40),
        )
        self._race = race
        self._quantity = "loss"
        self._grid: SurfaceGrid | None = None
        self._limit: float | None = None
        self._colour_range = (0.0, 1.0)
        self.levels = np.empty(0)
        plot = self.getPlotItem()

        self.image = pg.ImageItem(axisOrder="col-major")
        # The image and its contours change with the grid, not with the point over them:
        # kept as pixmaps of the view, a moving point does not scale the image and
        # stroke every contour again (2 ms a change).
        self.image.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.contours = drawn_once(pg.PlotDataItem(connect="pairs"))
        self.mse_halo = pg.PlotDataItem()
        self.mse_path = pg.PlotDataItem()
        self.ce_halo = pg.PlotDataItem()
        self.ce_path = pg.PlotDataItem()
        self.race_heads = pg.ScatterPlotItem(size=HEAD_SIZE)
        # A Dot, not a ScatterPlotItem: moving a scatter's one spot repainted the whole view.
        self.marker = Dot(size=MARKER_SIZE)
        layers = (
            self.image,
            self.contours,
            self.mse_halo,
            self.mse_path,
            self.ce_halo,
            self.ce_path,
            self.race_heads,
            self.marker,
        )
        for z, item in enumerate(layers):
            plot.addItem(item)
            item.setZValue(z)
            # Clicks and drags anywhere on the surface go to the ViewBox (they move the point).
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        for item in (self.mse_halo, self.mse_path, self.ce_halo, self.ce_path, self.race_heads):
            item.setVisible(False)

        self.colour_bar = pg.ColorBarItem(
            values=self._colour_range,
            width=COLOUR_BAR_WIDTH,
            colorMap=self.appearance.colormap(),
            interactive=False,
        )
        # The colours follow the surface, not the mouse (no colour-map menu either).
        self.colour_bar.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.colour_bar.setImageItem(self.image, insert_in=plot)
        self._bar_axis = self.colour_bar.getAxis("right")
        self._bar_axis.enableAutoSIPrefix(False)
        self._bar_ticks: tuple[float, float, float] | None = None

        self._view.setCursor(Qt.CursorShape.CrossCursor)
        self._view.click_handler = self._on_click
        self._view.drag_handler = self._on_drag
        self._dragging = False
        self.use_numeric_bottom_axis()
        if race is not None:
            race.changed.connect(self._on_race_changed)
        self.setAccessibleName(tr("Loss surface over two logits"))
        self.setToolTip(
            tr(
                "The selected loss (or MSE) for every value of the two logits, the other "
                "logits fixed where they are. Click to move the two logits there, or drag.\n"
                "Colours run from the lowest value to a round number at or above all but "
                "the highest {percent} % of the values, which share the top colour: a far "
                "corner does not squeeze the low valley into one shade.\n"
                "Lines: contours at round values. The race: cross-entropy's runner and "
                "MSE's, in their colours; the dot is the current point."
            ).format(percent=round(100 * (1 - COLOUR_QUANTILE)))
        )
        self._start()

    # -- reading -----------------------------------------------------------
    @property
    def quantity(self) -> str:
        """ "loss" (the selected loss) or "mse": a choice of this view, not of the model."""
        return self._quantity

    @property
    def grid(self) -> SurfaceGrid | None:
        """The grid drawn now (None before the first draw or without a surface)."""
        return self._grid

    @property
    def colour_range(self) -> tuple[float, float]:
        """(lowest value, top of the colour scale); values above the top share its colour."""
        return self._colour_range

    def set_quantity(self, quantity: str) -> None:
        if quantity not in QUANTITIES:
            raise ValueError(f"quantity must be one of {QUANTITIES}, got {quantity!r}")
        if quantity != self._quantity:
            self._quantity = quantity
            if self.ready_to_draw():  # out of sight: drawn before the next paint
                self.refresh()

    # -- the mouse: a click or a drag moves the two logits -------------------------
    def logits_at(self, scene_pos: QPointF) -> tuple[float, float]:
        """The (z_x, z_y) under a scene point: inside the slider range, rounded to less
        than a pixel (a click gives 2.35, not 2.3491837)."""
        limit = self._model.state.slider_limit
        point = self._view.mapSceneToView(scene_pos)
        pixel = 2.0 * limit / max(float(self._view.width()), 1.0)
        step = 10.0 ** math.floor(math.log10(pixel))
        out = []
        for value in (point.x(), point.y()):
            value = min(max(value, -limit), limit)
            out.append(float(f"{round(value / step) * step:.12g}"))
        return out[0], out[1]

    def _on_surface(self, scene_pos: QPointF) -> bool:
        # pyqtgraph hands clicks and drags on an axis to its ViewBox: those are not on the
        # surface.
        return self._view.sceneBoundingRect().contains(scene_pos)

    def _on_click(self, ev: MouseClickEvent) -> None:
        if not self._on_surface(ev.scenePos()):
            ev.ignore()
            return
        ev.accept()
        a, b = self.logits_at(ev.scenePos())
        state = self._model.state
        self._model.set_logits({state.surface_x_class: a, state.surface_y_class: b})

    def _on_drag(self, ev: MouseDragEvent) -> None:
        if ev.isStart():
            self._dragging = self._on_surface(ev.buttonDownScenePos())
        if not self._dragging:
            ev.ignore()
            return
        ev.accept()
        # Beyond the edge the point stays on it (logits_at keeps to the slider range).
        a, b = self.logits_at(ev.scenePos())
        state = self._model.state
        self._model.set_logits({state.surface_x_class: a, state.surface_y_class: b}, True)
        if ev.isFinish():
            self._dragging = False
            self._model.commit()  # the whole drag: one undo step

    # -- drawing ------------------------------------------------------------------
    def _update(self, change: Change) -> None:
        # Out of sight, PlotView skips the changes and redraws everything before the
        # next paint (catch_up): the surface is computed only for a surface on screen.
        if not (change.recomputed or change.touches(*SHOWN_FIELDS)):
            return
        if not surface_possible(self._model):
            return  # the panel shows its note instead
        state = self._model.state
        if state.slider_limit != self._limit:
            self._limit = state.slider_limit
            self.getPlotItem().setXRange(-self._limit, self._limit, padding=0)
            self.set_y_range("left", -self._limit, self._limit)
        grid = self._model.surface(self._quantity)
        if grid is not None and grid is not self._grid:
            self._draw_grid(grid, change)
        z = state.logits
        self.marker.setData([z[state.surface_x_class]], [z[state.surface_y_class]])
        if change.touches(*SHOWN_FIELDS):
            self._label()
        if change.touches("surface_x_class", "surface_y_class", "num_classes", "problem_type"):
            self._draw_race()

    def _draw_grid(self, grid: SurfaceGrid, change: Change) -> None:
        """The image, its colour scale and the contour lines of a new grid."""
        self._grid = grid
        values = np.where(np.isfinite(grid.values), grid.values, np.nan)  # nan: transparent
        lo, high = colour_span(values, COLOUR_QUANTILE)
        if not math.isfinite(lo):
            lo, high = 0.0, 0.0
        # The top: the first multiple of a 1-2-5 step (at most BOUND_STEPS of them over
        # the span) that reaches the quantile; held while a gesture lasts.
        step = nice_step(max(high - lo, COLOUR_MIN_SPAN[grid.quantity]), BOUND_STEPS)
        top = max(math.ceil(high / step - 1e-9), math.floor(lo / step + 1e-9) + 1) * step
        top = self.stable_bound("colour", float(f"{top:.12g}"), change)
        level_step = nice_step(top - lo, CONTOUR_INTERVALS)
        self.levels = np.array([v for v in tick_values(lo, top, level_step) if v > lo])
        self._colour_range = (lo, top)
        x, y = grid.x_values, grid.y_values
        self.image.setImage(values, autoLevels=False, levels=self._colour_range)
        # Pixel (m, n) is centred on the grid point (x[m], y[n]).
        dx, dy = (x[-1] - x[0]) / (x.size - 1), (y[-1] - y[0]) / (y.size - 1)
        self.image.setRect(
            QRectF(x[0] - dx / 2, y[0] - dy / 2, x[-1] - x[0] + dx, y[-1] - y[0] + dy)
        )
        self.colour_bar.setLevels(self._colour_range)
        segments = contour_segments(grid.values, x, y, self.levels)
        self.contours.setData(segments[:, 0], segments[:, 1], connect="pairs")
        self._fit_colour_bar()

    def _label(self) -> None:
        """Axis labels, the colour bar's unit and the title name the two classes."""
        state = self._model.state
        x_name = state.class_names[state.surface_x_class]
        y_name = state.class_names[state.surface_y_class]
        for axis, name, index in (
            ("bottom", x_name, state.surface_x_class),
            ("left", y_name, state.surface_y_class),
        ):
            full = tr("z of “{name}”").format(name=name)
            cut = tr("z of “{name}”").format(name=_short(name))
            self.set_axis_label(axis, (full, cut, f"z{index}"))
        what = self._what()
        unit = self._unit()
        title = tr("{what} over z of “{x}” and z of “{y}” (others fixed)")
        short = tr("{what} over z of “{x}” and z of “{y}”")
        self.set_titles(
            [
                (text, html.escape(text))  # a class may be called "<b>"
                for text in (
                    title.format(what=what, x=x_name, y=y_name),
                    title.format(what=what, x=_short(x_name), y=_short(y_name)),
                    short.format(what=what, x=_short(x_name), y=_short(y_name)),
                    tr("{what} over z of “{x}” and “{y}”").format(
                        what=what, x=_short(x_name), y=_short(y_name)
                    ),
                    tr("{what} over two logits").format(what=what),
                )
            ]
        )
        bar_label = f"{what} ({unit})" if unit else what
        self._bar_axis.setLabel(
            bar_label,
            color=self.appearance.html("foreground"),
            **{"font-size": f"{self.points(LABEL_PT) * 0.9:.1f}pt"},
        )
        self._fit_colour_bar(force=True)

    def _what(self) -> str:
        return tr("loss") if self._quantity == "loss" else "MSE"

    def _unit(self) -> str:
        """nats for a cross-entropy; MSE (as the surface or as the selected loss) has none."""
        if self._quantity == "mse" or self._model.state.loss is LossKind.MSE:
            return ""
        return tr("nats")

    def _fit_colour_bar(self, force: bool = False) -> None:
        """Labelled ticks on the colour bar for its height, and the width they need."""
        lo, top = self._colour_range
        height = float(self.colour_bar.height()) or float(self._view.height())
        line = QFontMetricsF(self.scaled_font(TICK_PT)).height()
        step = vertical_tick_step(lo, top, height, line)
        key = (lo, top, step)
        if key == self._bar_ticks and not force:
            return
        self._bar_ticks = key
        values = tick_values(lo, top, step)
        self._bar_axis.setTicks([[(v, format_tick(v, step)) for v in values], []])
        metrics = QFontMetricsF(self.scaled_font(TICK_PT))
        text = max((metrics.horizontalAdvance(format_tick(v, step)) for v in values), default=0.0)
        label_line = QFontMetricsF(self.scaled_font(0.9 * LABEL_PT)).height()
        self._bar_axis.setWidth(math.ceil(text + TICK_TEXT_GAP + 3.0 + label_line + 6.0))

    def _draw_race(self) -> None:
        """The runners' paths through the two surface logits (hidden without a race)."""
        race, state = self._race, self._model.state
        paths = ((self.ce_path, self.ce_halo), (self.mse_path, self.mse_halo))
        tracks = None if race is None or not race.started else (race.ce, race.mse)
        if tracks is None or any(
            t is None or t.logits.shape[1] != state.num_classes for t in tracks
        ):
            for path, halo in paths:
                path.setVisible(False)
                halo.setVisible(False)
            self.race_heads.setVisible(False)
            return
        i, j = state.surface_x_class, state.surface_y_class
        heads_x, heads_y = [], []
        px, py = self._view.viewPixelSize()
        for (path, halo), track in zip(paths, tracks, strict=True):
            x, y = thinned_path(track.logits[:, i], track.logits[:, j], px / 2, py / 2)
            path.setData(x, y)
            halo.setData(x, y)
            path.setVisible(True)
            halo.setVisible(True)
            heads_x.append(x[-1])
            heads_y.append(y[-1])
        self.race_heads.setData(
            heads_x, heads_y, brush=[self.colour("cross_entropy"), self.colour("mse")]
        )
        self.race_heads.setVisible(True)

    def _on_race_changed(self) -> None:
        if not self.ready_to_draw():
            return  # drawn with everything else before the next paint
        if surface_possible(self._model):
            self._draw_race()

    # -- layout and style -----------------------------------------------------------
    def _resized(self) -> None:
        self._fit_colour_bar()
        if self._race is not None and self._race.started and surface_possible(self._model):
            self._draw_race()  # the paths are thinned to the pixels of this size

    def _title_room(self) -> float:
        """The title sits over the image only: the axes and the colour bar take their share."""
        room = super()._title_room() - float(self.colour_bar.width()) - 5.0
        return max(room, 60.0)

    def _style_items(self) -> None:
        background = self.colour("background")
        # Contour lines: the background's colour, a little transparent. The valley, where
        # the interesting lines are, is the dark end of the map.
        line = self.colour("background")
        line.setAlphaF(0.7)
        self.contours.setPen(pg.mkPen(line, width=self.appearance.line_width(1.0)))
        for path, halo, role in (
            (self.ce_path, self.ce_halo, "cross_entropy"),
            (self.mse_path, self.mse_halo, "mse"),
        ):
            path.setPen(self.pen(role, 3.0))
            halo.setPen(pg.mkPen(background, width=self.appearance.line_width(4.5)))
        self.race_heads.setPen(pg.mkPen(background, width=self.appearance.line_width(1.5)))
        self.race_heads.setSize(HEAD_SIZE * self.font_scale)
        self.marker.setBrush(self.colour("marker"))
        self.marker.setPen(self.pen("foreground", 1.5))
        self.marker.setSize(MARKER_SIZE * self.font_scale)
        # The colour bar draws its own frame and numbers: in the plot's colours and fonts.
        self.colour_bar.setColorMap(self.appearance.colormap())
        for name in ("left", "right", "top", "bottom"):
            axis = self.colour_bar.getAxis(name)
            axis.setPen(self.pen("foreground"))
            axis.setTextPen(pg.mkPen(self.colour("foreground")))
        self._bar_axis.setTickFont(self.scaled_font(TICK_PT))
        self._bar_axis.setStyle(
            hideOverlappingLabels=math.ceil(QFontMetricsF(self.scaled_font(TICK_PT)).height() / 2)
        )
        self._titles = []
        self._bar_ticks = None


#: Qt's QWIDGETSIZE_MAX: no maximum.
QWIDGETSIZE_MAX = (1 << 24) - 1


class SurfacePanel(QWidget):
    """The surface with its controls: the two classes and the quantity shown.

    A binary problem has one logit: the panel then shows a note instead of the
    plot (``note``, in a QStackedWidget ``stack``). Public attributes:
    ``x_class``, ``y_class``, ``quantity_box`` (QComboBoxes), ``plot``.
    """

    def __init__(
        self,
        model: ExplorerModel,
        race: TrainingRace | None = None,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("surface_panel")
        self.setAccessibleName(tr("Loss surface"))
        self.appearance = appearance if appearance is not None else Appearance(parent=self)
        self._model = model

        self.x_class = QComboBox(objectName="surface_x_class")
        self.x_class.setAccessibleName(tr("Class on the x axis of the loss surface"))
        self.x_class.setToolTip(
            tr(
                "The class whose logit varies along the x axis. Choosing the class that is "
                "on the y axis swaps the two."
            )
        )
        self.y_class = QComboBox(objectName="surface_y_class")
        self.y_class.setAccessibleName(tr("Class on the y axis of the loss surface"))
        self.y_class.setToolTip(
            tr(
                "The class whose logit varies along the y axis. Choosing the class that is "
                "on the x axis swaps the two."
            )
        )
        self.quantity_box = QComboBox(objectName="surface_quantity")
        self.quantity_box.addItem(tr("selected loss"), "loss")
        self.quantity_box.addItem(tr("MSE"), "mse")
        self.quantity_box.setAccessibleName(tr("Quantity shown on the loss surface"))
        self.quantity_box.setToolTip(
            tr(
                "What the surface shows: the selected loss, or the mean squared error "
                "(1/K) Σ (qᵢ − pᵢ)² between q and p, whose plateaus stall gradient descent."
            )
        )
        for box, chars in ((self.x_class, 4), (self.y_class, 4), (self.quantity_box, 7)):
            # Long class names must not force the dock wider (a projector's font is large).
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(chars)
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        guard_wheel(self.x_class, self.y_class, self.quantity_box)

        # The controls: hidden with the plot when there is no surface (one logit).
        self.controls = QWidget(objectName="surface_controls")
        controls = QHBoxLayout(self.controls)
        controls.setContentsMargins(4, 2, 4, 0)
        controls.setSpacing(4)
        for text, box in ((tr("&x:"), self.x_class), (tr("&y:"), self.y_class)):
            label = QLabel(text)
            label.setBuddy(box)
            controls.addWidget(label)
            controls.addWidget(box, 2)
            controls.addSpacing(6)
        # Its items say what they are ("selected loss", "MSE"): no label, more room.
        controls.addWidget(self.quantity_box, 3)

        self.plot = SurfacePlot(model, race, self.appearance, self)
        self.note = QLabel(objectName="surface_note")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setMargin(6)
        self.stack = QStackedWidget(objectName="surface_stack")
        self.stack.addWidget(self.plot)
        self.stack.addWidget(self.note)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.controls)
        layout.addWidget(self.stack, 1)

        self.x_class.currentIndexChanged.connect(self._on_x_chosen)
        self.y_class.currentIndexChanged.connect(self._on_y_chosen)
        self.quantity_box.currentIndexChanged.connect(self._on_quantity_chosen)
        model.changed.connect(self._on_changed)
        self.appearance.changed.connect(self._restyle)
        self._restyle()

    @property
    def model(self) -> ExplorerModel:
        return self._model

    @property
    def quantity(self) -> str:
        """ "loss" or "mse": what the surface shows (the view's choice, not the model's)."""
        return self.plot.quantity

    # -- widget → model --------------------------------------------------------------
    def _on_x_chosen(self, index: int) -> None:
        if index >= 0:
            self._model.set_surface_classes(x=index)

    def _on_y_chosen(self, index: int) -> None:
        if index >= 0:
            self._model.set_surface_classes(y=index)

    def _on_quantity_chosen(self, index: int) -> None:
        self.plot.set_quantity(str(self.quantity_box.itemData(index)))

    # -- model → widgets -------------------------------------------------------------
    def _on_changed(self, change: Change) -> None:
        if not change.touches(
            "class_names", "num_classes", "surface_x_class", "surface_y_class", "problem_type"
        ):
            return
        state = self._model.state
        possible = surface_possible(self._model)
        with blocked(self.x_class, self.y_class):
            names = list(state.class_names) if possible else []
            for box, chosen in (
                (self.x_class, state.surface_x_class),
                (self.y_class, state.surface_y_class),
            ):
                if [box.itemText(i) for i in range(box.count())] != names:
                    box.clear()
                    box.addItems(names)
                box.setCurrentIndex(chosen if possible else -1)
        self.controls.setVisible(possible)
        if possible:
            self.stack.setCurrentWidget(self.plot)
            self.setMaximumHeight(QWIDGETSIZE_MAX)
        else:
            if state.problem_type is ProblemType.BINARY:
                self.note.setText(
                    tr(
                        "One logit (binary): no surface over two logits. The race below "
                        "runs on z; the Sigmoid tab shows the loss against it."
                    )
                )
            else:
                self.note.setText(tr("The surface needs two logits: add a class."))
            self.stack.setCurrentWidget(self.note)
            # A note needs a few lines, not the plot's height: the race below gets the room.
            # (its height at a narrow 220 px: enough at any width the dock allows).
            self.setMaximumHeight(self.note.heightForWidth(220) + 8)

    def _restyle(self) -> None:
        tint(self.note, foreground=self.appearance.html("muted"))
        self._on_changed(EVERYTHING)
