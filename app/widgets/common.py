"""Small helpers shared by the widgets."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QSignalBlocker
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget


@contextmanager
def blocked(*objects: QObject) -> Iterator[None]:
    """Block the objects' signals while a view writes the model's values into them."""
    blockers = [QSignalBlocker(o) for o in objects]
    try:
        yield
    finally:
        for b in blockers:
            b.unblock()


def tint(widget: QWidget, foreground: str | None = None, background: str | None = None) -> None:
    """Colour a widget through its palette.

    Not a style sheet: a widget with one stops following the application font,
    which projector mode enlarges.
    """
    palette = widget.palette()
    if foreground is not None:
        palette.setColor(QPalette.ColorRole.WindowText, QColor(foreground))
    if background is not None:
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
        widget.setAutoFillBackground(True)
    widget.setPalette(palette)
