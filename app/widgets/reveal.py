"""Predict, then reveal: covers that hide the answers until the room has guessed.

While predict mode is on, every view that shows a result (the plots, the
readouts, the sweep and the other analysis docks) is covered by a
:class:`RevealCover`, which shows the scene's question and "Press Enter to
reveal"; the class table shows "?" for q. The inputs (the logits, p) stay
visible: they are what the room reasons from.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.appearance import Appearance
from app.i18n import tr
from app.widgets.common import tint

__all__ = ["RevealCover"]


class RevealCover(QWidget):
    """An opaque cover over ``target``, always its size, shown in predict mode."""

    def __init__(self, target: QWidget, appearance: Appearance) -> None:
        super().__init__(target)
        self.setObjectName(f"reveal_cover_{target.objectName() or 'view'}")
        self.appearance = appearance
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        self.label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self._question = ""
        target.installEventFilter(self)
        appearance.changed.connect(self._style)
        self._style()
        self.hide()

    def set_question(self, question: str) -> None:
        self._question = question
        self._write()

    def _write(self) -> None:
        hint = tr("Guess first. Press Enter to reveal.")
        question = (
            f"<p style='font-size:large'><b>{self._question}</b></p>" if self._question else ""
        )
        self.label.setText(f"{question}<p>{hint}</p>")

    def _style(self) -> None:
        tint(
            self,
            background=self.appearance.html("note_background"),
            foreground=self.appearance.html("foreground"),
        )
        # Large enough to read from the back of the room.
        self.label.setFont(self.appearance.font(1.4 * self.appearance.base_point_size))
        self._write()

    def cover(self, on: bool) -> None:
        if on:
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
        self.setVisible(on)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.parentWidget().rect())
        return False
