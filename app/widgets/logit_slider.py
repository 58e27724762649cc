"""LogitSlider: a horizontal slider for one logit, with Shift for fine control.

A slider as wide as its row gives about 0.05 logit per pixel at the default
±10 range. Holding Shift while dragging moves the value ten times more
slowly than the pointer, from where the drag (or the Shift press) began, for
the last digit of precision without typing.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QSlider, QStyle, QStyleOptionSlider, QWidget

from app.widgets.common import FocusedWheel

#: Shift+drag moves the value this many times more slowly than the pointer.
FINE_FACTOR = 10


class LogitSlider(FocusedWheel, QSlider):
    """A horizontal QSlider; Shift+drag for fine steps; the wheel only once focused."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName(object_name)
        self._guard_wheel()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fine_from: tuple[float, int] | None = None  # (pointer x, value) at the anchor
        self._arrows: list[tuple[float, QColor]] = []  # (steps of the slider, colour)

    @property
    def step_arrows(self) -> list[tuple[float, QColor]]:
        """The arrows drawn from the handle: (length in slider steps, colour)."""
        return list(self._arrows)

    def set_step_arrows(self, arrows: list[tuple[float, QColor]]) -> None:
        """Arrows from the handle, one per quantity (the first above the groove, the
        second below): where one gradient-descent step would move this logit."""
        if arrows != self._arrows:
            self._arrows = list(arrows)
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        if not self._arrows:
            return
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        handle = self.style().subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
        )
        span = max(self.maximum() - self.minimum(), 1)
        groove = max(self.width() - handle.width(), 1)
        x0 = float(handle.center().x())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for n, (steps, colour) in enumerate(self._arrows[:2]):
            x1 = min(max(x0 + steps * groove / span, 1.0), self.width() - 2.0)
            y = 2.5 if n == 0 else self.height() - 2.5
            painter.setPen(QPen(colour, 2.0))
            painter.drawLine(QPointF(x0, y), QPointF(x1, y))
            if abs(x1 - x0) >= 3:
                head = 4.0 if x1 > x0 else -4.0
                painter.setBrush(colour)
                painter.drawPolygon(
                    QPolygonF(
                        [QPointF(x1, y), QPointF(x1 - head, y - 2.5), QPointF(x1 - head, y + 2.5)]
                    )
                )
        painter.end()

    def steps_per_pixel(self) -> float:
        """Slider steps per pixel of pointer travel at normal speed."""
        span = max(
            self.width() - self.style().pixelMetric(self.style().PixelMetric.PM_SliderLength), 1
        )
        return (self.maximum() - self.minimum()) / span

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        super().mousePressEvent(event)
        fine = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        # Shift held at the press: fine steps from the press; otherwise from the Shift press.
        self._fine_from = (event.position().x(), self.value()) if fine else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        fine = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if not (fine and self.isSliderDown()):
            self._fine_from = None
            super().mouseMoveEvent(event)
            return
        x = event.position().x()
        if self._fine_from is None:
            self._fine_from = (x, self.value())  # Shift pressed: fine steps from here
        x0, v0 = self._fine_from
        steps = round((x - x0) * self.steps_per_pixel() / FINE_FACTOR)
        self.setSliderPosition(max(self.minimum(), min(self.maximum(), v0 + steps)))
        event.accept()
