"""Small helpers shared by the widgets."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QSignalBlocker


@contextmanager
def blocked(*objects: QObject) -> Iterator[None]:
    """Block the objects' signals while a view writes the model's values into them."""
    blockers = [QSignalBlocker(o) for o in objects]
    try:
        yield
    finally:
        for b in blockers:
            b.unblock()
