"""What every plot shares: the appearance, fonts, stable axes, a right axis, value labels.

A view subclasses :class:`PlotView`, creates its items once in ``__init__``,
then calls :meth:`PlotView._start`. From then on the model's ``changed``
arrives at :meth:`PlotView._on_changed`, which hands the :class:`~app.model.Change`
to the view's ``_update(change)`` with the widget's signals blocked; the view
looks at the change and skips what it does not concern. ``appearance.changed``
restyles the view (colours, fonts, pen widths) and redraws everything.

Stable axes. A value range is :func:`nice_ceiling` of what the state needs, so a
scene looks the same every time it is opened. While a gesture lasts
(``change.transient``) a range may grow and not shrink, so the axis does not
jump on every frame of a drag; after an edit of values (:data:`EDIT_FIELDS`: a
logit, p, T, a weight), the gesture's commit included, a range that still fits
is kept until the values would fill no more than half of it
(:meth:`PlotView.stable_bound`). So bars typed one after another are compared
on one scale, and the axes are not redrawn and laid out again for most edits.
Any other change (K, the units, the loss), and a scene opened even when only its
logits differ, fits the range to the state afresh. The axes draw their numbers
in the one formatter's style (:func:`format_tick`: typeset minus, never a
leading dot, never an exponent or an SI prefix), choose their tick spacing
from the room they have in pixels, and take the width their labels need
(:meth:`PlotView.set_y_range`); plots stacked one above the other share those
widths through an :class:`AxisWidthGroup`, so their x axes line up.

Only pyqtgraph's public API is used. Items on the right axis belong to the
PlotItem (:meth:`PlotView.add_right_item`): the right ViewBox is a child of
the PlotItem and the items are listed in ``PlotItem.items``, so pyqtgraph's
CSV, SVG and image exporters include them. The right ViewBox is transparent
to the mouse: presses and drags reach the main ViewBox below it.
"""

from __future__ import annotations

import functools
import html
import itertools
import math
import weakref
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QShowEvent,
    QTextDocument,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QWidget

from app.appearance import Appearance
from app.formatting import BIG, CJK_START, MINUS, Kind, format_value
from app.model import EVERYTHING, Change, ExplorerModel
from app.widgets.common import blocked

__all__ = [
    "AxisWidthGroup",
    "Dot",
    "NumberAxis",
    "PlainTextItem",
    "PlotView",
    "ValueLabel",
    "drawn_once",
    "fit_text",
    "format_tick",
    "make_font",
    "nice_ceiling",
    "nice_step",
    "tick_values",
]

# Point sizes at font scale 1; the appearance's font scale multiplies them.
TICK_PT = 10.0
LABEL_PT = 11.0
TITLE_PT = 11.0
TEXT_PT = 10.0

MIN_WIDTH = 320
MIN_HEIGHT = 200

#: QGraphicsTextItem (axis labels, titles) pads its text by 4 px on each side.
TEXT_ITEM_PADDING = 8.0
#: pyqtgraph's gap between an axis line and its tick labels (its "tickTextOffset").
TICK_TEXT_GAP = 5.0
#: Free pixels between two neighbouring tick labels on a horizontal axis.
TICK_LABEL_GAP = 8.0
#: A range top is a whole multiple of a 1-2-5 step that divides it into at most this many.
BOUND_STEPS = 8


#: The edits a person repeats while exploring: after a change of only these, a value
#: range that still fits is kept (see "Stable axes" above).
EDIT_FIELDS = frozenset(
    {
        "logits",
        "soft_target",
        "target_class",
        "temperature",
        "pinned",
        "label_smoothing",
        "pos_weight",
        "weight",
        "history",
    }
)
#: A kept range is fitted again once what it shows needs no more than this share of it.
SHRINK_AT = 0.5


def edits_values(change: Change) -> bool:
    """True for a gesture, or a change of only :data:`EDIT_FIELDS` that is not a scene
    opened: ranges (:meth:`PlotView.stable_bound`) and axis widths are then kept."""
    return change.transient or (not change.opened and change.fields <= EDIT_FIELDS)


def make_font(points: float, bold: bool = False) -> QFont:
    """A font of exactly ``points`` (already scaled)."""
    f = QFont()
    f.setPointSizeF(max(points, 4.0))
    f.setBold(bold)
    return f


def drawn_once(item: pg.PlotDataItem) -> pg.PlotDataItem:
    """``item`` with its curve kept as a pixmap of the view: for curves that seldom change.

    A marker or a line moving over a curve repaints the curve's part of the view,
    and stroking a thick or dashed path costs milliseconds. The pixmap is drawn
    again only when the curve's data or the view's range changes.
    """
    item.curve.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    return item


def text_size(text: str, points: float) -> tuple[float, float]:
    """(width, height) in pixels of ``text`` as a text item draws it, padding included.

    Measured as Qt lays it out, so that characters from a fallback font (Chinese
    in a Latin interface font) count with their own, taller metrics. Laying out a
    document is slow and the plots ask on every change, so sizes are remembered
    per text, size and interface font family.
    """
    return _text_size(text, points, QFont().family())


@functools.lru_cache(maxsize=4096)
def _text_size(text: str, points: float, family: str) -> tuple[float, float]:
    document = QTextDocument()
    font = make_font(points)
    font.setFamily(family)
    document.setDefaultFont(font)
    document.setPlainText(text)
    size = document.size()
    return float(size.width()), float(size.height())


def fit_text(
    candidates: Sequence[tuple[str, str]], points: float, width_px: float
) -> tuple[str, float]:
    """The first (plain, html) candidate whose plain text fits ``width_px``: (html, size).

    If none fits, the last one in a smaller size (down to 60 %).
    """
    for plain, rich in candidates:
        if QFontMetricsF(make_font(points)).horizontalAdvance(plain) <= width_px:
            return rich, points
    plain, rich = candidates[-1]
    for factor in (0.9, 0.8, 0.7):
        if QFontMetricsF(make_font(factor * points)).horizontalAdvance(plain) <= width_px:
            return rich, factor * points
    return rich, 0.6 * points


# -- numbers on axes ------------------------------------------------------------------------


def _decimals_of(spacing: float) -> int:
    """The decimals that write every multiple of ``spacing`` exactly (0.2 → 1, 0.25 → 2)."""
    if not math.isfinite(spacing) or spacing <= 0:
        return 0
    for decimals in range(13):
        scaled = spacing * 10.0**decimals
        if abs(scaled - round(scaled)) <= 1e-6 * scaled:
            return decimals
    return 12


def format_tick(value: float, spacing: float) -> str:
    """A tick label in the one formatter's style.

    As many decimals as the tick spacing needs (0, 0.2, 0.4 or 0, 5, 10), a
    typeset minus, never "−0", never a leading dot, never an exponent for
    the ranges the plots use; infinities and huge values as
    :func:`app.formatting.format_value` writes them.
    """
    value = float(value)
    if not math.isfinite(value) or abs(value) >= BIG:
        return format_value(value, Kind.INFORMATION)
    text = f"{value:.{_decimals_of(spacing)}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", MINUS)


def nice_step(span: float, max_ticks: int) -> float:
    """A 1-2-5 tick spacing giving at most ``max_ticks`` intervals over ``span``.

    No 2.5: pyqtgraph picks the decimals from the spacing, and 0.25 would print as "0.2".
    """
    if not math.isfinite(span) or span <= 0:
        return 1.0
    raw = span / max(max_ticks, 1)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if factor * magnitude >= raw * (1 - 1e-12):
            return factor * magnitude
    return 10.0 * magnitude


def _next_step(step: float) -> float:
    """The next 1-2-5 step up: 1 → 2 → 5 → 10."""
    magnitude = 10.0 ** math.floor(math.log10(step) + 1e-9)
    mantissa = step / magnitude
    if mantissa < 1.5:
        return 2.0 * magnitude
    if mantissa < 3.5:
        return 5.0 * magnitude
    return 10.0 * magnitude


def _previous_step(step: float) -> float:
    """The next 1-2-5 step down: 10 → 5 → 2 → 1."""
    magnitude = 10.0 ** math.floor(math.log10(step) + 1e-9)
    mantissa = step / magnitude
    if mantissa < 1.5:
        return 0.5 * magnitude
    if mantissa < 3.5:
        return 1.0 * magnitude
    return 2.0 * magnitude


def nice_ceiling(value: float, minimum: float) -> float:
    """A range top: the smallest whole multiple of a 1-2-5 step that reaches ``value``.

    The step divides the top into at most :data:`BOUND_STEPS` parts, so the
    top wastes less than a quarter of the range (11.9 → 12, 1.39 → 1.4,
    0.53 → 0.6). Values below ``minimum`` (and values that are not finite)
    give ``minimum``'s top, so that tiny values never need exponent labels.
    """
    v = float(value)
    if not math.isfinite(v) or v < minimum:
        v = minimum
    if v <= 0:
        return 1.0
    step = nice_step(v, BOUND_STEPS)
    count = math.ceil(v / step - 1e-9)
    return float(f"{count * step:.12g}")


def tick_values(lo: float, hi: float, step: float) -> list[float]:
    """The multiples of ``step`` within [lo, hi] (where an axis with that spacing puts ticks)."""
    if not (math.isfinite(lo) and math.isfinite(hi) and step > 0) or hi < lo:
        return []
    first = math.ceil(lo / step - 1e-9)
    last = math.floor(hi / step + 1e-9)
    return [float(f"{i * step:.12g}") for i in range(first, last + 1)]


def vertical_tick_step(lo: float, hi: float, length_px: float, line_px: float) -> float:
    """Tick spacing for a vertical axis: labels at least 1.6 text lines apart, at most 6.

    On a short axis a smaller step, down to labels 1.25 lines apart, when
    that labels three values instead of fewer (a range's "0" alone says little).
    """
    span = hi - lo
    if not span > 0:
        return 1.0
    step = nice_step(span, max(1, min(6, int(length_px // max(1.6 * line_px, 1.0)))))
    px_per_unit = length_px / span
    while len(tick_values(lo, hi, step)) < 3 and _previous_step(step) * px_per_unit >= (
        1.25 * line_px
    ):
        step = _previous_step(step)
    return step


class NumberAxis(pg.AxisItem):
    """An axis that writes its numbers with :func:`format_tick` and never an SI prefix."""

    def __init__(self, orientation: str, **kwargs: object) -> None:
        super().__init__(orientation, **kwargs)
        # No "(x0.001)" SI scaling: values are read by students, keep them literal.
        self.enableAutoSIPrefix(False)

    def tickStrings(  # noqa: N802 (pyqtgraph's name; a Python method, not a Qt virtual)
        self, values: Sequence[float], scale: float, spacing: float
    ) -> list[str]:
        if self.logMode:  # a log axis: powers of ten ("10⁻³"), pyqtgraph's own style
            return self.logTickStrings(values, scale, spacing)
        return [format_tick(v * scale, spacing * scale) for v in values]


class AxisWidthGroup:
    """Plots stacked one above the other: their left and right axes take the same width.

    Each plot says how wide its axes need to be; every plot of the group gets
    the widest, so their view boxes (and x axes) line up.
    """

    def __init__(self) -> None:
        # Weak: the views hold the group, and a cycle of widgets would wait for the
        # cyclic garbage collector instead of going when their window does.
        self._views: list[weakref.ref[PlotView]] = []

    def add(self, view: PlotView) -> None:
        self._views.append(weakref.ref(view))
        view.width_group = self
        self.apply()

    def views(self) -> list[PlotView]:
        return [v for v in (ref() for ref in self._views) if v is not None]

    def apply(self) -> None:
        views = self.views()
        for name in ("left", "right"):
            width = max((v.needed_axis_width(name) for v in views), default=0)
            for view in views:
                view.set_axis_width(name, width)
        margin = max((v.needed_right_margin() for v in views), default=1)
        for view in views:
            view.set_right_margin(margin)


class Unscaled:
    """For an item drawn in pixels at a point of a plot (a marker, a label): its own
    transform undoes the parent's scaling (not its translation), so pixels stay pixels
    at any zoom and its ``sceneBoundingRect`` is where it stands on screen.

    Not ``ItemIgnoresTransformations``: with that flag Qt's scene works out an item's
    changed area with the view's scaling still in it, and a 20-px dot moving asked
    for a 300-px repaint, axes included. Mixed in before ``pg.GraphicsObject``.

    A move is not announced to the plot's ViewBox (Qt's position notices are off):
    pyqtgraph would run two Python ``itemChange`` calls per ``setPos`` only to tell
    the ViewBox to recheck an auto-range, and the app's plots set every range
    themselves. Such an item still counts (at its point) when a range is worked out.
    """

    _view_transform: QTransform | None = None

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self.setFlag(  # type: ignore[attr-defined]
            QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges, False
        )

    def viewTransformChanged(self) -> None:  # noqa: N802 (pyqtgraph's hook)
        super().viewTransformChanged()  # type: ignore[misc]  # pyqtgraph's viewRect cache
        self._unscale()

    def _unscale(self) -> None:
        """Undo the parent's scaling (not its translation): pixels stay pixels."""
        parent = self.parentItem()  # type: ignore[attr-defined]
        parent_transform = parent.sceneTransform() if parent is not None else QTransform()
        if parent_transform == self._view_transform:
            return
        inverse, _ = parent_transform.inverted()
        inverse.setMatrix(
            inverse.m11(), inverse.m12(), inverse.m13(),
            inverse.m21(), inverse.m22(), inverse.m23(),
            0.0, 0.0, inverse.m33(),
        )  # fmt: skip
        self.setTransform(inverse)  # type: ignore[attr-defined]
        self._view_transform = parent_transform


class Dot(Unscaled, pg.GraphicsObject):
    """A round marker, ``size`` pixels across whatever the zoom, at one data point or none.

    ``ScatterPlotItem`` rebuilds its table of spots and its bounds on every
    ``setData``; a marker that follows the current point on every change only
    needs to move, so this item keeps its one point as its position and draws one
    circle in pixels (:class:`Unscaled`). It answers the calls the
    plots and their tests make of a scatter: ``setData``, ``getData``, ``setPen``,
    ``setBrush``, ``setSize`` and ``opts`` (``"size"``, ``"pen"``, ``"brush"``); and, like a
    ``PlotDataItem``, it follows the plot's log mode (``setLogMode``): on a log axis
    it stands at log₁₀ of its value, on its curve, and a value ≤ 0 is not drawn.
    """

    def __init__(self, size: float, pen: object = "default", brush: object = "default") -> None:
        super().__init__()
        self.opts: dict[str, object] = {
            "size": float(size),
            "pen": pg.mkPen(pg.getConfigOption("foreground") if pen == "default" else pen),
            "brush": pg.mkBrush(pg.getConfigOption("foreground") if brush == "default" else brush),
        }
        self._point: tuple[float, float] | None = None  # in data units
        self._log = (False, False)
        self._shown: tuple[float, float] | None = None  # in view units (log₁₀ on a log axis)
        self._rect: QRectF | None = None  # boundingRect while shown, until a new pen or size

    def setData(self, x: Sequence[float], y: Sequence[float]) -> None:  # noqa: N802
        """Stand at (x[0], y[0]); draw nothing for empty ``x`` and ``y``."""
        point = (float(x[0]), float(y[0])) if len(x) else None
        if point != self._point:
            self._point = point
            self._place()

    def setLogMode(self, x: bool, y: bool) -> None:  # noqa: N802 (pyqtgraph's spelling)
        self._log = (bool(x), bool(y))
        self._place()

    def _place(self) -> None:
        shown = None
        if self._point is not None:
            shown = tuple(
                (math.log10(v) if v > 0 else math.nan) if log else v
                for v, log in zip(self._point, self._log, strict=True)
            )
            if not all(math.isfinite(v) for v in shown):
                shown = None
        if (shown is None) != (self._shown is None):
            self.prepareGeometryChange()  # the bounds become empty, or not
        self._shown = shown  # type: ignore[assignment]
        if shown is not None:
            self.setPos(*shown)

    def getData(self) -> tuple[np.ndarray, np.ndarray]:  # noqa: N802
        """The point as drawn, like ``PlotDataItem.getData``: log₁₀ on a log axis."""
        if self._shown is None:
            return np.empty(0), np.empty(0)
        return np.array([self._shown[0]]), np.array([self._shown[1]])

    def setPen(self, *args: object, **kwargs: object) -> None:  # noqa: N802
        self.opts["pen"] = pg.mkPen(*args, **kwargs)
        self.prepareGeometryChange()  # the outline's width is part of the bounds
        self._rect = None
        self.update()

    def setBrush(self, *args: object, **kwargs: object) -> None:  # noqa: N802
        self.opts["brush"] = pg.mkBrush(*args, **kwargs)
        self.update()

    def dataBounds(  # noqa: N802 (pyqtgraph's spelling: what auto-range asks of items)
        self, ax: int, frac: float = 1.0, orthoRange: object = None
    ) -> tuple[float | None, float | None]:
        if self._shown is None:
            return None, None
        return self._shown[ax], self._shown[ax]

    def setSize(self, size: float) -> None:  # noqa: N802 (ScatterPlotItem's spelling)
        """``size`` pixels across."""
        if float(size) != self.opts["size"]:
            self.prepareGeometryChange()
            self.opts["size"] = float(size)
            self._rect = None
            self.update()

    def pixelPadding(self) -> float:  # noqa: N802 (pyqtgraph's spelling)
        return self._radius()

    def _radius(self) -> float:
        pen = self.opts["pen"]
        assert isinstance(pen, QPen)
        outline = 0.0 if pen.style() == Qt.PenStyle.NoPen else max(pen.widthF(), 1.0)
        return float(self.opts["size"]) / 2 + outline

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's spelling)
        if self._shown is None:
            return QRectF()
        # Qt asks many times per move and paint; only a new pen or size changes it.
        if self._rect is None:
            r = self._radius() + 1.0  # and a pixel of antialiasing
            self._rect = QRectF(-r, -r, 2 * r, 2 * r)
        return QRectF(self._rect)

    def paint(self, painter: QPainter, *_: object) -> None:
        self._unscale()  # the first paint may come before any view change
        if self._shown is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self.opts["pen"])
        painter.setBrush(self.opts["brush"])
        r = float(self.opts["size"]) / 2
        painter.drawEllipse(QRectF(-r, -r, 2 * r, 2 * r))


class Bars(pg.BarGraphItem):
    """A ``BarGraphItem`` that works out its bounding rectangle once per change.

    pyqtgraph's measures the bars' pixel padding anew on every call, and Qt's
    scene asks several times per paint and per move of anything near; the
    rectangle only changes with the bars (``setOpts``) or the view's scale.
    """

    _bounds: QRectF | None = None

    def setOpts(self, **opts: object) -> None:  # noqa: N802 (pyqtgraph's spelling)
        self._bounds = None
        super().setOpts(**opts)

    def viewTransformChanged(self) -> None:  # noqa: N802 (pyqtgraph's hook)
        self._bounds = None
        super().viewTransformChanged()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's spelling)
        if self._bounds is None:
            self._bounds = super().boundingRect()
        return QRectF(self._bounds)


class PlainTextItem(Unscaled, pg.GraphicsObject):
    """Plain text at a point of a plot, upright and unscaled at any zoom.

    What pyqtgraph's ``TextItem`` shows for a value label, without its rich-text
    document: a ``TextItem`` lays one out for every new text and paints it as
    rich text, which was most of what a changing label cost. Like a
    ``TextItem``, it cancels the view's scaling with its own transform, so its
    ``sceneBoundingRect`` is where it stands on screen. Its box is the text and
    ``TEXT_ITEM_PADDING / 2`` on each side (a ``TextItem``'s margin), placed by
    ``anchor``: (0, 0) puts the box's top left at the point, (1, 1) its bottom
    right. ``fill`` paints the box. Text may have several lines.
    """

    def __init__(self, anchor: tuple[float, float] = (0.0, 0.0)) -> None:
        super().__init__()
        self._text = ""
        self._font = QFont()
        self._colour = pg.mkColor(pg.getConfigOption("foreground"))
        self.fill = pg.mkBrush(None)
        self._anchor = anchor
        self._box = QRectF()
        self._measure()

    def setText(self, text: str) -> None:  # noqa: N802 (TextItem's spelling)
        if text != self._text:
            self._text = text
            self._measure()

    def toPlainText(self) -> str:  # noqa: N802 (TextItem's spelling)
        return self._text

    def setFont(self, font: QFont) -> None:  # noqa: N802
        self._font = QFont(font)
        self._measure()

    def setColor(self, colour: QColor) -> None:  # noqa: N802 (TextItem's spelling)
        self._colour = QColor(colour)
        self.update()

    def setAnchor(self, anchor: tuple[float, float]) -> None:  # noqa: N802
        self._anchor = anchor
        self._measure()

    def _measure(self) -> None:
        if any(ord(c) >= CJK_START for c in self._text):
            # A fallback font (Chinese) brings its own, taller metrics: lay it out.
            width, height = text_size(self._text, self._font.pointSizeF())
        else:
            metrics = QFontMetricsF(self._font)
            size = metrics.boundingRect(QRectF(), int(Qt.AlignmentFlag.AlignLeft), self._text)
            width = size.width() + TEXT_ITEM_PADDING
            height = max(size.height(), metrics.height()) + TEXT_ITEM_PADDING
        ax, ay = self._anchor
        box = QRectF(-ax * width, -ay * height, width, height)
        if box != self._box:
            self.prepareGeometryChange()
            self._box = box
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's spelling)
        return QRectF(self._box)

    def dataBounds(  # noqa: N802 (pyqtgraph's spelling: only the point counts for ranges)
        self, ax: int, frac: float = 1.0, orthoRange: object = None
    ) -> tuple[float, float]:
        value = float(self.pos().x() if ax == 0 else self.pos().y())
        return value, value

    def paint(self, painter: QPainter, *_: object) -> None:
        self._unscale()  # the first paint may come before any view change
        if self.fill.style() != Qt.BrushStyle.NoBrush:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.fillRect(self._box, self.fill)
        painter.setPen(self._colour)
        painter.setFont(self._font)
        pad = TEXT_ITEM_PADDING / 2
        painter.drawText(
            self._box.adjusted(pad, pad, -pad, -pad),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self._text,
        )


class ValueLabel:
    """A number drawn in a plot: one TextItem, created once, changed only where it differs.

    It keeps its own text and font, so its width is known without asking
    pyqtgraph for its internals.
    """

    def __init__(
        self, anchor: tuple[float, float] = (0.5, 1.0), bold: bool = False, points: float = TEXT_PT
    ) -> None:
        self.item = PlainTextItem(anchor=anchor)
        self.item.setZValue(5)
        self.bold = bold
        self.points = points  # at font scale 1
        self._text = ""
        self._anchor = anchor
        self._colour: int | None = None
        self._fill: int | None = None
        self._pos: tuple[float, float] | None = None
        self._font = QFont()

    @property
    def text(self) -> str:
        return self._text

    @property
    def font(self) -> QFont:
        return QFont(self._font)

    @property
    def anchor(self) -> tuple[float, float]:
        return self._anchor

    def set_font(self, font: QFont) -> None:
        if font != self._font:
            self._font = QFont(font)
            self.item.setFont(font)

    def width_px(self, text: str | None = None) -> float:
        """The width of the current text (or of ``text``) in pixels, padding included."""
        shown = self._text if text is None else text
        return QFontMetricsF(self._font).horizontalAdvance(shown) + TEXT_ITEM_PADDING

    def height_px(self) -> float:
        """The height of the label in pixels (a line of text and the item's padding)."""
        return QFontMetricsF(self._font).height() + TEXT_ITEM_PADDING

    def show(
        self,
        text: str,
        x: float,
        y: float,
        colour: QColor,
        anchor: tuple[float, float] | None = None,
        fill: QColor | None = None,
    ) -> None:
        """Show ``text`` at data point (x, y); only what changed is passed to pyqtgraph.

        ``fill`` paints the label's box (a value inside a bar that is narrower
        than its text stays readable beyond the bar's edges).
        """
        if text != self._text:
            self._text = text
            self.item.setText(text)
        if anchor is not None and anchor != self._anchor:
            self._anchor = anchor
            self.item.setAnchor(anchor)
        rgba = colour.rgba()
        if rgba != self._colour:
            self._colour = rgba
            self.item.setColor(colour)
        fill_rgba = None if fill is None else fill.rgba()
        if fill_rgba != self._fill:
            self._fill = fill_rgba
            self.item.fill = pg.mkBrush(fill) if fill is not None else pg.mkBrush(None)
            self.item.update()
        pos = (float(x), float(y))
        if pos != self._pos:
            self._pos = pos
            self.item.setPos(*pos)
        if not self.item.isVisible():
            self.item.setVisible(True)

    def hide(self) -> None:
        if self.item.isVisible():
            self.item.setVisible(False)

    def isVisible(self) -> bool:  # noqa: N802 (Qt's spelling, as the item's)
        return self.item.isVisible()


class PlotView(pg.PlotWidget):
    """A PlotWidget that draws the model with the shared appearance.

    Subclasses create their items, then call :meth:`_start`; they implement
    ``_update(change)`` (what to redraw for a :class:`~app.model.Change`) and
    may implement ``_style_items()`` (colours and fonts of their own items),
    ``_title_candidates()`` (titles from longest to shortest) and
    ``_resized()`` (what depends on the size in pixels).
    """

    #: True while a change of values is drawn: axis widths then only grow (_fit_vertical).
    _editing = False
    #: What :meth:`widest_text_px` last measured, and its answer.
    _widest_for: tuple[tuple[str, ...], str] | None = None
    _widest_px = 0.0

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None,
        parent: QWidget | None,
        *,
        object_name: str,
        axes: tuple[str, ...] = ("left", "bottom"),
        view_box: pg.ViewBox | None = None,
        minimum_size: tuple[int, int] = (MIN_WIDTH, MIN_HEIGHT),
    ) -> None:
        kwargs: dict[str, object] = {
            "axisItems": {name: NumberAxis(name) for name in ("left", "bottom", "right", "top")}
        }
        # pyqtgraph's default ViewBox builds its context menu (about 2 ms of widgets),
        # which setMenuEnabled(False) below would throw away again.
        kwargs["viewBox"] = view_box if view_box is not None else pg.ViewBox(enableMenu=False)
        super().__init__(parent=parent, **kwargs)
        self.setObjectName(object_name)
        # A change moves bars, labels and markers all over the plot. Qt's default here
        # (MinimalViewportUpdate) paints them through a clip of every small moved
        # rectangle, and setting up that region clip cost more than painting the one
        # rectangle around them all: about 2.3 ms per logit change over the views.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self.setMinimumSize(*minimum_size)
        self.appearance = appearance if appearance is not None else Appearance(parent=self)
        self._model = model
        self._axes = axes
        # name → (candidate texts, longest first; colour role); name → (text, points) shown
        self._axis_labels: dict[str, tuple[tuple[str, ...], str]] = {}
        self._axis_label_shown: dict[str, tuple[str, float]] = {}
        self._value_labels: list[ValueLabel] = []
        self._title_shown: tuple[str, float] | None = None
        self._titles: list[tuple[str, str]] = []
        self._right_margin = 1
        self._needed_right_margin = 1
        self.right_view: pg.ViewBox | None = None
        # Stable ranges: the value ranges shown, the bounds held during a gesture,
        # the tick spacing and the axis widths they need.
        self._y_ranges: dict[str, tuple[float, float]] = {}
        self._bounds: dict[str, float] = {}
        self._in_gesture = False
        self._tick_steps: dict[str, float] = {}
        self._needed_widths: dict[str, int] = {}
        self._fitted_vertical: dict[str, tuple] = {}  # what _fit_vertical last fitted
        self._axis_widths: dict[str, int] = {}
        self._numeric_bottom = False
        self._bottom_overflow = 0
        self.width_group: AxisWidthGroup | None = None
        self._missed_change = False  # a model change arrived while hidden
        self._data_shown: dict[int, dict[str, np.ndarray]] = {}  # see _shows_already

        plot = self.getPlotItem()
        # A plot that shows, not one the mouse can pan.
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        for name in ("left", "bottom", "right", "top"):
            if name not in axes:
                plot.hideAxis(name)
        for name in axes:
            plot.showAxis(name)
            # Label major ticks only: pyqtgraph would print minor ones with too few decimals.
            plot.getAxis(name).setStyle(maxTextLevel=0)
        for name in ("left", "bottom", "right", "top"):
            # Each axis kept as a pixmap: bars, labels and markers moving beside it repaint
            # its area without drawing its ticks and numbers again (about 1.2 ms per
            # change over the twelve plots); new ticks or a new size draw it anew.
            plot.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # Tick spacing, label sizes and the room for values depend on the size in pixels.
        plot.vb.sigResized.connect(self._on_view_resized)
        # With a slot on ``changed``, the scene hands its dirty regions to the view through
        # that queued signal. Without one, each scene's dirty items make Qt repaint the
        # whole window at once (QGraphicsView dispatches the window's UpdateRequest), so
        # one model change repainted the window once per plot; now all plots share one pass.
        self.scene().changed.connect(self._scene_changed)

    def set_curve(
        self, item: pg.PlotDataItem | pg.PlotCurveItem, x: np.ndarray, y: np.ndarray
    ) -> None:
        """``item.setData(x, y)``, unless it shows exactly that already.

        Moving the swept class's own logit leaves its sweep curves as they were;
        not setting them again keeps a :func:`drawn_once` curve's pixmap.
        """
        if not self._shows_already(item, x=x, y=y):
            item.setData(x, y)

    def set_bars(self, item: pg.BarGraphItem, **geometry: object) -> None:
        """``item.setOpts(**geometry)`` (x, y0, height, width), unless it shows exactly that.

        A BarGraphItem rebuilds its picture on every ``setOpts``; the p bars, for one,
        stay as they are while a logit moves.
        """
        if not self._shows_already(item, **geometry):
            item.setOpts(**geometry)

    def _shows_already(self, item: object, **arrays: object) -> bool:
        """True when ``item`` was last given exactly these arrays (NaN equals NaN);
        otherwise they are remembered as what it shows now."""
        wanted = {key: np.array(value, dtype=float) for key, value in arrays.items()}
        shown = self._data_shown.get(id(item))
        if shown is not None and shown.keys() == wanted.keys():
            if all(np.array_equal(shown[key], wanted[key], equal_nan=True) for key in wanted):
                return True
        self._data_shown[id(item)] = wanted
        return False

    def _scene_changed(self, _regions: list[QRectF]) -> None:
        """Nothing to do: being connected batches the scene's repaints (see __init__)."""

    # -- reading -----------------------------------------------------------
    @property
    def model(self) -> ExplorerModel:
        return self._model

    @property
    def font_scale(self) -> float:
        return self.appearance.font_scale

    def points(self, base: float) -> float:
        """A point size at font scale 1, at the current scale."""
        return base * self.appearance.font_scale

    def scaled_font(self, base: float = TEXT_PT, bold: bool = False) -> QFont:
        """A font of ``base`` points at font scale 1, scaled."""
        return make_font(self.points(base), bold)

    def widest_text_px(self, texts: Sequence[str], base: float = TEXT_PT) -> float:
        """The width in pixels of the widest of ``texts`` in :meth:`scaled_font` (0: none).

        Kept for the last texts and size asked: class names are measured on every
        change of a logit, and at K = 100 that was 100 measurements per plot.
        """
        font = self.scaled_font(base)
        key = (tuple(texts), font.key())
        if self._widest_for != key:
            metrics = QFontMetricsF(font)
            self._widest_for = key
            self._widest_px = max((metrics.horizontalAdvance(t) for t in texts), default=0.0)
        return self._widest_px

    def colour(self, role: str) -> QColor:
        return self.appearance.qcolor(role)

    def pen(
        self,
        role: str,
        width: float = 1.0,
        style: Qt.PenStyle = Qt.PenStyle.SolidLine,
        darker: int | None = None,
    ) -> QPen:
        """A pen of the role's colour (a little darker for outlines); thicker on a projector."""
        colour = self.appearance.darker(role, darker) if darker else self.colour(role)
        return pg.mkPen(colour, width=self.appearance.line_width(width), style=style)

    def axis_label_text(self, name: str) -> str:
        """The axis label shown now (one of the candidates given to :meth:`set_axis_label`)."""
        shown = self._axis_label_shown.get(name)
        return shown[0] if shown else ""

    # -- building ----------------------------------------------------------
    def add_right_view(self) -> pg.ViewBox:
        """A second ViewBox on the right axis, sharing x with the main one.

        It is a child of the PlotItem laid exactly over the main ViewBox
        (following its ``geometryChanged``), so exporters that render the
        PlotItem render it too. It takes no mouse input: presses, clicks and
        drags go to the main ViewBox (and its items) underneath.
        """
        plot = self.getPlotItem()
        plot.showAxis("right")
        view = pg.ViewBox(enableMenu=False)
        # Parented after construction, so that the ViewBox sees its scene arrive and
        # updates its transform before each paint (as any ViewBox added to a scene).
        view.setParentItem(plot)
        view.setMouseEnabled(x=False, y=False)
        # Transparent to the mouse: Qt delivers no button to it, and pyqtgraph's own
        # click and drag dispatch skips disabled items (a ViewBox accepts every drag).
        view.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        view.setAcceptHoverEvents(False)
        view.setEnabled(False)
        plot.getAxis("right").linkToView(view)
        view.setXLink(plot.vb)

        def follow() -> None:
            view.setGeometry(plot.vb.geometry())
            # Map the shared x range again now that both views have the same size.
            view.linkedViewChanged(plot.vb, view.XAxis)

        plot.vb.geometryChanged.connect(follow)
        follow()
        self.right_view = view
        return view

    def add_right_item(self, item: QGraphicsItem) -> None:
        """Put ``item`` on the right axis, listed in the PlotItem's items (for the exporters)."""
        if self.right_view is None:
            raise RuntimeError("add_right_view() must come before add_right_item()")
        plot = self.getPlotItem()
        plot.addItem(item)
        plot.vb.removeItem(item)
        self.right_view.addItem(item)
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def add_value_label(
        self,
        anchor: tuple[float, float] = (0.5, 1.0),
        bold: bool = False,
        right: bool = False,
        points: float = TEXT_PT,
    ) -> ValueLabel:
        """A value label, created once; its font follows the appearance."""
        label = ValueLabel(anchor, bold, points)
        if right:
            self.add_right_item(label.item)
        else:
            self.getPlotItem().addItem(label.item)
        label.set_font(self.scaled_font(points, bold))
        self._value_labels.append(label)
        return label

    # -- axis labels -------------------------------------------------------
    def set_axis_label(
        self, name: str, text: str | Sequence[str], role: str = "foreground"
    ) -> None:
        """An axis label in the role's colour (without pyqtgraph's units: "mnats").

        ``text`` may list candidates, longest first ("information (nats)",
        "nats"): the longest that fits along the axis is shown; when none
        does, the shortest in a smaller size.
        """
        candidates = (text,) if isinstance(text, str) else tuple(text)
        if self._axis_labels.get(name) == (candidates, role):
            return
        self._axis_labels[name] = (candidates, role)
        self._axis_label_shown.pop(name, None)
        self._apply_axis_label(name)
        self._fit_axes()

    def clear_axis_label(self, name: str) -> None:
        """Remove the label :meth:`set_axis_label` put on axis ``name`` (its room too)."""
        if self._axis_labels.pop(name, None) is None:
            return
        self._axis_label_shown.pop(name, None)
        self.getPlotItem().getAxis(name).showLabel(False)
        self._fit_axes()

    def _axis_length_px(self, name: str) -> float:
        vb = self.getPlotItem().vb
        return float(vb.width() if name in ("bottom", "top") else vb.height())

    def _apply_axis_label(self, name: str, force: bool = False) -> None:
        candidates, role = self._axis_labels[name]
        room = self._axis_length_px(name) - 2.0
        full = self.points(LABEL_PT)
        text, points = candidates[-1], full
        if room <= 0:  # not laid out yet: the longest, refitted on the first resize
            text = candidates[0]
        else:
            for candidate in candidates:
                if text_size(candidate, full)[0] <= room:
                    text = candidate
                    break
            else:
                for factor in (0.9, 0.8, 0.7):
                    points = factor * full
                    if text_size(text, points)[0] <= room:
                        break
        if not force and self._axis_label_shown.get(name) == (text, points):
            return
        self._axis_label_shown[name] = (text, points)
        axis = self.getPlotItem().getAxis(name)
        axis.setLabel(text, color=self.appearance.html(role), **{"font-size": f"{points:.1f}pt"})
        # pyqtgraph centres the label only when the axis is resized: centre the new text now.
        axis.resizeEvent()
        if name in self._y_ranges:
            self._fit_vertical(name)

    def _label_line_px(self, name: str) -> float:
        """The height of an axis label's line of text (0 without a label)."""
        shown = self._axis_label_shown.get(name)
        if not shown:
            return 0.0
        return text_size(*shown)[1] - TEXT_ITEM_PADDING

    def _fit_axes(self) -> None:
        """Room for tick labels and axis labels at the current font size.

        pyqtgraph sizes a horizontal axis from 0.8 × the text height, which cuts
        off descenders ("H(p,q)") at large fonts, and nudges a right axis label
        5 px outwards, where the widget edge would cut it.
        """
        plot = self.getPlotItem()
        if "bottom" in self._axes:
            height = QFontMetricsF(self.scaled_font(TICK_PT)).height() + TEXT_ITEM_PADDING
            if "bottom" in self._axis_labels:
                height += QFontMetricsF(self.scaled_font(LABEL_PT)).height() + TEXT_ITEM_PADDING
            plot.getAxis("bottom").setHeight(math.ceil(height))
        right_margin = 1
        if "right" in self._axis_labels:
            line = QFontMetricsF(self.scaled_font(LABEL_PT)).height()
            right_margin = math.ceil(0.3 * line) + 6
        self._needed_right_margin = right_margin
        if self.width_group is not None:
            self.width_group.apply()
        else:
            self.set_right_margin(right_margin)

    def needed_right_margin(self) -> int:
        """The margin right of the plot that its right axis label needs (1 without one)."""
        return self._needed_right_margin

    def set_right_margin(self, margin: int) -> None:
        self._right_margin = margin
        self.getPlotItem().layout.setContentsMargins(1, 1, margin, 1)

    # -- value axes: stable ranges, fitted ticks and widths --------------------
    def stable_bound(self, key: str, bound: float, change: Change) -> float:
        """``bound`` (what the state needs), or the larger bound kept for ``key``.

        A kept bound stays while a gesture lasts, and after an edit of values
        (:data:`EDIT_FIELDS`) while ``bound`` is still more than half of it
        (:data:`SHRINK_AT`). Any other change, and a scene opened (``change.opened``)
        whatever it changes, takes ``bound`` as it is.
        """
        held = self._bounds.get(key)
        if held is not None and bound < held and edits_values(change):
            if change.transient or bound > SHRINK_AT * held:
                return held
        self._bounds[key] = bound
        return bound

    def releases_gesture(self, change: Change) -> bool:
        """True for the first ordinary change after a gesture: held ranges are recomputed."""
        return self._in_gesture and not change.transient

    def set_y_range(self, name: str, lo: float, hi: float) -> None:
        """Show [lo, hi] on the ``"left"`` or ``"right"`` axis; ticks and width follow."""
        view = self.getPlotItem().vb if name == "left" else self.right_view
        if view is None:
            raise RuntimeError("add_right_view() must come before set_y_range('right', …)")
        if self._y_ranges.get(name) != (lo, hi):
            self._y_ranges[name] = (lo, hi)
            view.setYRange(lo, hi, padding=0)
        self._fit_vertical(name)

    def y_range(self, name: str) -> tuple[float, float]:
        """The value range set on the ``"left"`` or ``"right"`` axis."""
        return self._y_ranges[name]

    def _fit_vertical(self, name: str) -> None:
        """Tick spacing for the height in pixels, and the width the labels need.

        Skipped when nothing it depends on changed (most changes keep the range).
        While values are being edited (see :meth:`stable_bound`) the width only
        grows: narrower labels ("8" after "10") would lay the plot out again, and
        its neighbours in an :class:`AxisWidthGroup`, for a few pixels.
        """
        plot = self.getPlotItem()
        axis = plot.getAxis(name)
        lo, hi = self._y_ranges[name]
        inputs = (
            lo,
            hi,
            float(plot.vb.height()),
            self.points(TICK_PT),
            bool(axis.logMode),
            axis.isVisible(),
            self._axis_label_shown.get(name),
        )
        if name in self._tick_steps and self._fitted_vertical.get(name) == inputs:
            return
        self._fitted_vertical[name] = inputs
        line = QFontMetricsF(self.scaled_font(TICK_PT)).height()
        step = vertical_tick_step(lo, hi, plot.vb.height(), line)
        if axis.logMode:  # whole decades on a log axis
            step = float(max(1, math.ceil(step)))
        if self._tick_steps.get(name) != step:
            self._tick_steps[name] = step
            axis.setTickSpacing(major=step, minor=step / 2)
        width = 0.0
        if axis.isVisible():
            metrics = QFontMetricsF(self.scaled_font(TICK_PT))
            values = tick_values(lo, hi, step)
            strings = axis.tickStrings(values, 1.0, step)
            text = max((metrics.horizontalAdvance(s) for s in strings), default=0.0)
            width = text + TICK_TEXT_GAP + 3.0
            label = self._label_line_px(name)
            if label:
                width += label + 4.0
        needed = math.ceil(width)
        if self._editing and needed:
            needed = max(needed, self._needed_widths.get(name, 0))
        if self._needed_widths.get(name) != needed:
            self._needed_widths[name] = needed
            self._apply_axis_widths()

    def needed_axis_width(self, name: str) -> int:
        """The width the ``"left"`` or ``"right"`` axis needs for its labels (0: none)."""
        return self._needed_widths.get(name, 0)

    def set_axis_width(self, name: str, width: int) -> None:
        """Fix the width of a vertical axis (only when it changes: a relayout)."""
        axis = self.getPlotItem().getAxis(name)
        if not axis.isVisible() or self._axis_widths.get(name) == width:
            return
        self._axis_widths[name] = width
        axis.setWidth(width)

    def _apply_axis_widths(self) -> None:
        if self.width_group is not None:
            self.width_group.apply()
            return
        for name in ("left", "right"):
            if name in self._needed_widths:
                self.set_axis_width(name, self._needed_widths[name])

    def use_numeric_bottom_axis(self, overflow_px: int = 0) -> None:
        """The bottom axis shows numbers: its tick spacing follows the width in pixels.

        ``overflow_px``: how far an end label may reach past the view box (into
        the empty corner under a vertical axis) before pyqtgraph leaves it out.
        """
        self._numeric_bottom = True
        self._bottom_overflow = overflow_px
        self.getPlotItem().getAxis("bottom").setStyle(hideOverlappingLabels=overflow_px or True)
        self.getPlotItem().vb.sigXRangeChanged.connect(self._fit_bottom_numbers)

    def _fit_bottom_numbers(self, *_: object) -> None:
        """A 1-2-5 spacing wide enough that the labels drawn never touch.

        Labels that would reach past the ends of the axis are left out by
        pyqtgraph, so only those that remain must keep apart.
        """
        plot = self.getPlotItem()
        axis = plot.getAxis("bottom")
        lo, hi = plot.vb.viewRange()[0]
        width = float(plot.vb.width())
        if width <= 0 or not hi > lo:
            return
        metrics = QFontMetricsF(self.scaled_font(TICK_PT))
        px_per_unit = width / (hi - lo)
        step = nice_step(hi - lo, 10)
        for _ in range(24):
            values = tick_values(lo, hi, step)
            shown = []  # (left, right) in pixels of each label that pyqtgraph draws
            for value, text in zip(values, axis.tickStrings(values, 1.0, step), strict=True):
                centre, half = (value - lo) * px_per_unit, metrics.horizontalAdvance(text) / 2
                if centre - half >= -self._bottom_overflow - 0.5 and (
                    centre + half <= width + self._bottom_overflow + 0.5
                ):
                    shown.append((centre - half, centre + half))
            if all(b[0] - a[1] >= TICK_LABEL_GAP for a, b in itertools.pairwise(shown)):
                break
            step = _next_step(step)
        if self._tick_steps.get("bottom") != step:
            self._tick_steps["bottom"] = step
            axis.setTickSpacing(major=step, minor=step / 2)

    def _on_view_resized(self, *_: object) -> None:
        with blocked(self):
            for name in self._axis_labels:
                self._apply_axis_label(name)
            for name in self._y_ranges:
                self._fit_vertical(name)
            if self._numeric_bottom:
                self._fit_bottom_numbers()
            self._fit_title()  # the room beside the axes changed
            self._resized()

    def _resized(self) -> None:
        """What the subclass draws differently at another size in pixels."""

    # -- titles ------------------------------------------------------------
    #: The title's size relative to TITLE_PT (the analysis plots' titles are smaller).
    TITLE_SCALE = 1.0

    def set_titles(self, titles: list[tuple[str, str]]) -> None:
        """(plain, html) titles, longest first: the longest that fits is shown. Refits
        only when they change (a restyle empties them: their colours are new)."""
        if titles != self._titles:
            self._titles = titles
            self._fit_title()

    def span(self, role: str, text: str) -> str:
        """``text`` as html in the appearance's colour for ``role``."""
        return f"<span style='color:{self.appearance.html(role)}'>{html.escape(text)}</span>"

    def coloured_titles(
        self, templates: Sequence[str], words: dict[str, tuple[str, str]], **values: str
    ) -> list[tuple[str, str]]:
        """(plain, html) titles from translated ``templates``: each placeholder in
        ``words`` is (text, colour role) and shows in its colour in the html title;
        the others are plain ``values`` (a class name), escaped in the html."""
        plain = {key: text for key, (text, _) in words.items()}
        rich = {key: self.span(role, text) for key, (text, role) in words.items()}
        escaped = {key: html.escape(value) for key, value in values.items()}
        return [(t.format(**plain, **values), t.format(**rich, **escaped)) for t in templates]

    def _title_candidates(self) -> list[tuple[str, str]]:
        """(plain, html) titles, longest first: those of :meth:`set_titles` by default."""
        return self._titles

    def _title_points(self) -> float:
        return self.TITLE_SCALE * self.points(TITLE_PT)

    def _title_room(self) -> float:
        """The title sits above the view box only: the axes and margins take their share."""
        plot = self.getPlotItem()
        room = self.width() - (1.0 + self._right_margin) - TEXT_ITEM_PADDING - 6.0
        for name in ("left", "right"):
            axis = plot.getAxis(name)
            if axis.isVisible():
                room -= axis.width()
        return max(room, 60.0)

    def _fit_title(self, *_: object) -> None:
        """The longest title that fits; smaller if none does (a too wide title would
        keep the layout from shrinking). setTitle relayouts: only when it changes."""
        candidates = self._title_candidates()
        if not candidates:
            return
        rich, points = fit_text(candidates, self._title_points(), self._title_room())
        if (rich, points) != self._title_shown:
            self._title_shown = (rich, points)
            plot = self.getPlotItem()
            plot.setTitle(rich, color=self.appearance.html("foreground"), size=f"{points:.1f}pt")
            # A wider title met at a larger size kept the PlotItem from shrinking to the
            # widget (its minimum width clamped the geometry): lay it out again.
            device = QRectF(0.0, 0.0, float(self.width()), float(self.height()))
            if plot.geometry() != device:
                plot.setGeometry(device)

    def _refit_title(self) -> None:
        self._title_shown = None
        self._fit_title()

    # -- style -------------------------------------------------------------
    def _apply_style(self) -> None:
        """Colours, fonts and pens from the appearance (at start and on every restyle)."""
        self.setBackground(self.colour("background"))
        plot = self.getPlotItem()
        axis_pen = self.pen("foreground")
        text_pen = pg.mkPen(self.colour("foreground"))
        tick_font = self.scaled_font(TICK_PT)
        line = QFontMetricsF(tick_font).height()
        for name in self._axes:
            axis = plot.getAxis(name)
            axis.setPen(axis_pen)
            axis.setTextPen(text_pen)
            axis.setTickFont(tick_font)
            if name != "bottom":
                # The end labels ("0", the top) may reach half a line past the view box.
                axis.setStyle(hideOverlappingLabels=math.ceil(line / 2) + 1)
        for name in self._axis_labels:
            self._apply_axis_label(name, force=True)
        self._fit_axes()
        self._tick_steps.clear()
        for name in self._y_ranges:
            self._fit_vertical(name)
        if self._numeric_bottom:
            self._fit_bottom_numbers()
        for label in self._value_labels:
            label.set_font(self.scaled_font(label.points, label.bold))
        self._style_items()
        self._refit_title()

    def _style_items(self) -> None:
        """Colours and pens of the subclass's items."""

    def _restyle(self) -> None:
        self._apply_style()
        self._on_changed(EVERYTHING)

    # -- the one entry point for the model's changes -------------------------
    def _start(self) -> None:
        """Style, connect and draw for the first time (the end of a subclass's __init__)."""
        self._apply_style()
        self._model.changed.connect(self._on_changed)
        self.appearance.changed.connect(self._restyle)
        # The widget's own resize: the title must fit (a too wide one keeps the layout wide).
        self.sigDeviceRangeChanged.connect(self._fit_title)
        # Drawn when first shown (a plot behind a tab at start-up costs nothing until then).
        self._on_changed(EVERYTHING)

    def _on_changed(self, change: Change) -> None:
        """Redraw what ``change`` concerns, with this widget's signals blocked.

        A plot out of sight (its dock closed, behind another tab, or scrolled out of
        view) only notes that it missed a change and redraws everything before it is
        next painted (:meth:`paintEvent`): it costs nothing while out of sight, and
        what is on screen is never stale.
        """
        if not self.ready_to_draw():
            return
        self._editing = edits_values(change)
        if not self._editing:
            self._fitted_vertical.clear()  # widths kept by edits are fitted again
        try:
            with blocked(self):
                self._update(change)
        finally:
            self._editing = False
        self._in_gesture = change.transient

    def in_sight(self) -> bool:
        """True while some of the plot is on screen.

        ``isVisible()`` alone is not enough: Qt keeps a dock that is a tab behind
        another visible and moves it off the window, where nothing of it is painted.
        """
        return self.isVisible() and not self.viewport().visibleRegion().isEmpty()

    def ready_to_draw(self) -> bool:
        """True while in sight; out of sight it notes the miss and catches up before its
        next paint (:meth:`catch_up`). For the model's changes and a view's own sources
        of change (the race)."""
        if self.in_sight():
            return True
        self._missed_change = True
        return False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's spelling)
        super().showEvent(event)
        if self.in_sight():
            self.catch_up()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's spelling)
        # A tab brought to the front or a plot scrolled into view is not shown anew,
        # only painted: catch up on what it missed before the first stroke.
        self.catch_up()
        super().paintEvent(event)

    def catch_up(self) -> None:
        """Redraw everything if a change arrived while out of sight (before an export).

        The note is cleared first, whatever a subclass's ``refresh`` does: a note left
        standing would redraw at every paint, and each redraw asks for another paint.
        """
        if self._missed_change:
            self._missed_change = False
            self.refresh()

    def _update(self, change: Change) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        """Redraw everything from ``model.state`` and ``model.result``, shown or not."""
        self._missed_change = False
        with blocked(self):
            self._update(EVERYTHING)
        self._in_gesture = False
