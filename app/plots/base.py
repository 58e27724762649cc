"""What every plot shares: the appearance, fonts, a right axis, value labels, change entry.

A view subclasses :class:`PlotView`, creates its items once in ``__init__``,
then calls :meth:`PlotView._start`. From then on the model's ``changed``
arrives at :meth:`PlotView._on_changed`, which hands the :class:`~app.model.Change`
to the view's ``_update(change)`` with the widget's signals blocked; the view
looks at the change and skips what it does not concern. ``appearance.changed``
restyles the view (colours, fonts, pen widths) and redraws everything.

Only pyqtgraph's public API is used. Items on the right axis belong to the
PlotItem (:meth:`PlotView.add_right_item`): the right ViewBox is a child of
the PlotItem and the items are listed in ``PlotItem.items``, so pyqtgraph's
CSV, SVG and image exporters include them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen
from PySide6.QtWidgets import QGraphicsItem, QWidget

from app.appearance import Appearance
from app.model import EVERYTHING, Change, ExplorerModel
from app.widgets.common import blocked

__all__ = [
    "PlotView",
    "ValueLabel",
    "adapt_top",
    "fit_text",
    "fit_ticks",
    "make_font",
    "nice_step",
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


def make_font(points: float, bold: bool = False) -> QFont:
    """A font of exactly ``points`` (already scaled)."""
    f = QFont()
    f.setPointSizeF(max(points, 4.0))
    f.setBold(bold)
    return f


def fit_text(
    candidates: Sequence[tuple[str, str]], points: float, width_px: float
) -> tuple[str, float]:
    """The first (plain, html) candidate whose plain text fits ``width_px``: (html, size).

    If none fits, the last one in a smaller size (down to 60 %).
    """
    for plain, html in candidates:
        if QFontMetricsF(make_font(points)).horizontalAdvance(plain) <= width_px:
            return html, points
    plain, html = candidates[-1]
    for factor in (0.9, 0.8, 0.7):
        if QFontMetricsF(make_font(factor * points)).horizontalAdvance(plain) <= width_px:
            return html, factor * points
    return html, 0.6 * points


def adapt_top(top: float, needed: float) -> float:
    """A range top that grows at once but shrinks only when far too big.

    Avoids the axis jumping on every tiny change during a drag.
    """
    if not math.isfinite(needed) or needed <= 0:
        return top
    if needed > top or needed < top / 3:
        return needed
    return top


def nice_step(span: float, max_ticks: int) -> float:
    """A 1-2-5 tick spacing giving at most ``max_ticks`` intervals over ``span``.

    No 2.5: pyqtgraph picks the decimals from the spacing, and 0.25 would print as "0.2".
    """
    if not math.isfinite(span) or span <= 0:
        return 1.0
    raw = span / max(max_ticks, 1)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10.0 * magnitude


def fit_ticks(axis: pg.AxisItem, span: float, length_px: float, scale: float) -> None:
    """Tick spacing for a vertical axis so that labels never pile up on a short axis."""
    label_px = 2.6 * TICK_PT * scale  # a label plus a comfortable gap
    max_ticks = max(1, min(6, int(length_px // label_px)))
    step = nice_step(span, max_ticks)
    axis.setTickSpacing(major=step, minor=step / 2)


class ValueLabel:
    """A number drawn in a plot: one TextItem, created once, changed only where it differs.

    It keeps its own text and font, so its width is known without asking
    pyqtgraph for its internals.
    """

    def __init__(
        self, anchor: tuple[float, float] = (0.5, 1.0), bold: bool = False, points: float = TEXT_PT
    ) -> None:
        self.item = pg.TextItem("", anchor=anchor)
        self.item.setZValue(5)
        self.bold = bold
        self.points = points  # at font scale 1
        self._text = ""
        self._anchor = anchor
        self._colour: int | None = None
        self._pos: tuple[float, float] | None = None
        self._font = QFont()

    @property
    def text(self) -> str:
        return self._text

    @property
    def font(self) -> QFont:
        return QFont(self._font)

    def set_font(self, font: QFont) -> None:
        if font != self._font:
            self._font = QFont(font)
            self.item.setFont(font)

    def width_px(self) -> float:
        """The width of the current text in pixels."""
        return QFontMetricsF(self._font).horizontalAdvance(self._text)

    def height_px(self) -> float:
        return QFontMetricsF(self._font).height()

    def show(
        self,
        text: str,
        x: float,
        y: float,
        colour: QColor,
        anchor: tuple[float, float] | None = None,
    ) -> None:
        """Show ``text`` at data point (x, y); only what changed is passed to pyqtgraph."""
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
    may implement ``_style_items()`` (colours and fonts of their own items)
    and ``_title_candidates()`` (titles from longest to shortest).
    """

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
        kwargs = {} if view_box is None else {"viewBox": view_box}
        super().__init__(parent=parent, **kwargs)
        self.setObjectName(object_name)
        self.setMinimumSize(*minimum_size)
        self.appearance = appearance if appearance is not None else Appearance(parent=self)
        self._model = model
        self._axes = axes
        self._axis_labels: dict[str, tuple[str, str]] = {}
        self._value_labels: list[ValueLabel] = []
        self._title_shown: tuple[str, float] | None = None
        self._right_margin = 1
        self.right_view: pg.ViewBox | None = None

        plot = self.getPlotItem()
        # A plot that shows, not one the mouse can pan.
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        for name in axes:
            plot.showAxis(name)
            axis = plot.getAxis(name)
            # No "(x0.001)" SI scaling: values are read by students, keep them literal.
            axis.enableAutoSIPrefix(False)
            # Label major ticks only: pyqtgraph would print minor ones with too few decimals.
            axis.setStyle(maxTextLevel=0)

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

    # -- building ----------------------------------------------------------
    def add_right_view(self) -> pg.ViewBox:
        """A second ViewBox on the right axis, sharing x with the main one.

        It is a child of the PlotItem laid exactly over the main ViewBox
        (following its ``geometryChanged``), so exporters that render the
        PlotItem render it too.
        """
        plot = self.getPlotItem()
        plot.showAxis("right")
        view = pg.ViewBox(enableMenu=False)
        # Parented after construction, so that the ViewBox sees its scene arrive and
        # updates its transform before each paint (as any ViewBox added to a scene).
        view.setParentItem(plot)
        view.setMouseEnabled(x=False, y=False)
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

    def set_axis_label(self, name: str, text: str, role: str = "foreground") -> None:
        """An axis label in the role's colour (without pyqtgraph's units: "mnats")."""
        if self._axis_labels.get(name) == (text, role):
            return
        self._axis_labels[name] = (text, role)
        self._apply_axis_label(name)
        self._fit_axes()

    def _apply_axis_label(self, name: str) -> None:
        text, role = self._axis_labels[name]
        size = f"{self.points(LABEL_PT):.1f}pt"
        self.getPlotItem().getAxis(name).setLabel(
            text, color=self.appearance.html(role), **{"font-size": size}
        )

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
        self._right_margin = right_margin
        plot.layout.setContentsMargins(1, 1, right_margin, 1)

    # -- titles ------------------------------------------------------------
    def _title_candidates(self) -> list[tuple[str, str]]:
        """(plain, html) titles, longest first; none by default."""
        return []

    def _title_points(self) -> float:
        return self.points(TITLE_PT)

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
        html, points = fit_text(candidates, self._title_points(), self._title_room())
        if (html, points) != self._title_shown:
            self._title_shown = (html, points)
            plot = self.getPlotItem()
            plot.setTitle(html, color=self.appearance.html("foreground"), size=f"{points:.1f}pt")
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
        for name in self._axes:
            axis = plot.getAxis(name)
            axis.setPen(axis_pen)
            axis.setTextPen(text_pen)
            axis.setTickFont(tick_font)
        for name in self._axis_labels:
            self._apply_axis_label(name)
        self._fit_axes()
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
        self._on_changed(EVERYTHING)

    def _on_changed(self, change: Change) -> None:
        """Redraw what ``change`` concerns, with this widget's signals blocked."""
        with blocked(self):
            self._update(change)

    def _update(self, change: Change) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        """Redraw everything from ``model.state`` and ``model.result``."""
        self._on_changed(EVERYTHING)
