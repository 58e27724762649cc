"""LogitSlider: a horizontal slider for one logit, with Shift for fine control.

A slider as wide as its row gives about 0.05 logit per pixel at the default
±10 range. Holding Shift while dragging moves the value ten times more
slowly than the pointer, from where the drag (or the Shift press) began, for
the last digit of precision without typing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QSizePolicy, QSlider, QWidget

#: Shift+drag moves the value this many times more slowly than the pointer.
FINE_FACTOR = 10


class LogitSlider(QSlider):
    """A horizontal QSlider; Shift+drag for fine steps."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName(object_name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fine_from: tuple[float, int] | None = None  # (pointer x, value) at the anchor

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
