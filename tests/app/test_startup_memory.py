"""The app's long-lived objects are exempt from the cyclic collector once its first frame
is painted: a full collection then no longer walks the window (about 35 ms each)."""

from __future__ import annotations

import gc

import pytest

from app.main import freeze_after_first_frame
from app.main_window import MainWindow
from app.model import ExplorerModel


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()  # the other tests' windows are collected as before


def test_the_window_is_frozen_after_its_first_frame_not_before(qtbot, settings, unfrozen):
    window = MainWindow(ExplorerModel(), settings)
    qtbot.addWidget(window)
    freeze_after_first_frame(window)
    qtbot.wait(50)
    assert gc.get_freeze_count() == 0, "frozen before the window was painted"
    window.show()
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=5000)
    # The window's objects are among the frozen ones: a full collection skips them.
    tracked = {id(o) for o in gc.get_objects()}
    assert id(window.model.__dict__) not in tracked
    assert id(window.class_table.rows) not in tracked
    # Objects made afterwards are still collected.
    cycle: list[object] = []
    cycle.append(cycle)
    assert id(cycle) in {id(o) for o in gc.get_objects()}
