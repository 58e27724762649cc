"""Logit Lab's Qt interface. ``MainWindow`` is the explorer window."""

from __future__ import annotations

import os
from typing import Any

# pyqtgraph must bind to PySide6, whatever else is installed.
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
# One BLAS thread (read when NumPy is first imported, which ``python -m app`` does after
# this): the app's arrays are small, and an idle OpenBLAS worker spins on the second
# core of a two-core laptop, taking it from Qt (about 0.7 ms per change here).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__all__ = ["MainWindow"]


def __getattr__(name: str) -> Any:
    # Imported lazily so that `python -m app --help` and the model stay light.
    if name == "MainWindow":
        from app.main_window import MainWindow

        return MainWindow
    raise AttributeError(f"module 'app' has no attribute {name!r}")
