"""ExactSpinBox: a number box that takes fractions and keeps exactly what was typed.

A plain QDoubleSpinBox rounds every value to its display decimals, so typing
1/3 into a box with 4 decimals stores 0.3333, and three such boxes do not make
a uniform distribution. This box

* accepts decimals, scientific notation and fractions ("1/3", "-5/2");
* keeps the value exactly (the spin's internal rounding is set to Qt's
  maximum of 323 decimals, so ``value()`` is the double nearest to what was
  typed; only numbers below about 1e-306 lose their last digits);
* shows ``significant`` digits when not focused and the full value while it
  has focus;
* emits ``committed(value)`` for every value the user enters (Enter, even
  when the value is unchanged; leaving the box; the arrows; the wheel), and
  ``refused(message)`` when Enter is pressed on text that is not a valid
  value, which is then put back to the last valid value.

Views connect ``committed`` to a model edit and never ``valueChanged``, and
write the model's value back with signals blocked.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QWidget

from app.formatting import MINUS, format_entry, format_exact, parse_number
from app.widgets.common import FocusedWheel

#: QDoubleSpinBox rounds values to ``decimals`` places; this many keep every double exact.
EXACT_DECIMALS = 323
_ALLOWED = set("0123456789.,/-+eE " + MINUS)


class ExactSpinBox(FocusedWheel, QDoubleSpinBox):
    """A QDoubleSpinBox for exact entry (see the module docstring)."""

    committed = Signal(float)
    refused = Signal(str)

    def __init__(
        self,
        object_name: str,
        value_range: tuple[float, float],
        step: float,
        significant: int = 6,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self._guard_wheel()
        self._significant = significant
        self._entering = False
        self.setDecimals(EXACT_DECIMALS)
        self.setRange(*value_range)
        self.setSingleStep(step)
        self.setKeyboardTracking(False)  # apply typed numbers on Enter, not per digit
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.valueChanged.connect(self._on_value_changed)

    # -- what the user typed ---------------------------------------------------------
    def problem(self, text: str) -> str:
        """Why ``text`` is not a valid value for this box, or "" when it is."""
        try:
            value = parse_number(text)
        except ValueError as exc:
            return str(exc)
        lo, hi = self.minimum(), self.maximum()
        if not lo <= value <= hi:
            what = self.accessibleName() or self.objectName()
            return (
                f"{what}: {format_entry(value)} is outside {format_entry(lo)} … {format_entry(hi)}"
            )
        return ""

    def validate(self, text: str, pos: int) -> object:  # noqa: D102 (Qt's virtual)
        body = self._body(text)
        if not set(body) <= _ALLOWED:
            return QValidator.State.Invalid, text, pos
        state = (
            QValidator.State.Acceptable if not self.problem(body) else QValidator.State.Intermediate
        )
        return state, text, pos

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt's name)
        try:
            return parse_number(self._body(text))
        except ValueError:
            return self.value()

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt's name)
        return format_exact(value) if self.hasFocus() else format_entry(value, self._significant)

    def fixup(self, text: str) -> str:
        return text

    # -- size: room for the idle display of any value in range ---------------------------
    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self._widened(super().sizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self._widened(super().minimumSizeHint())

    def _widened(self, hint: QSize) -> QSize:
        # Qt sizes a spin box for the texts of its minimum and maximum ("0", "1"); the
        # idle display needs room for `significant` digits, e.g. "0.333333" or "−0.333333".
        metrics = self.fontMetrics()
        sample = (MINUS if self.minimum() < 0 else "") + "0." + "8" * self._significant
        shown = max(
            metrics.horizontalAdvance(self.textFromValue(v))
            for v in (self.minimum(), self.maximum())
        )
        extra = metrics.horizontalAdvance(self.prefix() + sample + self.suffix()) - shown
        return QSize(hint.width() + max(extra, 0), hint.height())

    def _body(self, text: str) -> str:
        body = text.removeprefix(self.prefix()).removesuffix(self.suffix())
        return body.strip()

    # -- committing --------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            super().keyPressEvent(event)
            return
        message = self.problem(self._body(self.lineEdit().text()))
        self._entering = True
        try:
            super().keyPressEvent(event)  # interprets the text, or puts the old value back
        finally:
            self._entering = False
        if message:
            self.refused.emit(message)
        else:
            self.committed.emit(self.value())

    @Slot(float)
    def _on_value_changed(self, value: float) -> None:
        # Arrows, wheel and leaving the box; Enter commits in keyPressEvent (even unchanged).
        if not self._entering:
            self.committed.emit(value)

    # -- the full value while editing --------------------------------------------------
    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        super().focusInEvent(event)
        self._show_value()
        self.selectAll()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        super().focusOutEvent(event)
        self._show_value()

    def _show_value(self) -> None:
        edit = self.lineEdit()
        text = self.prefix() + self.textFromValue(self.value()) + self.suffix()
        if edit.text() != text:
            edit.setText(text)
