"""A closed window is freed: nothing the model, the lecture or a pending timer holds
keeps it (and its thousands of widgets) alive. Leaked windows made a test run grow to
gigabytes and slow to a crawl; for the app, every File › New window would leak too."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication


def open_window(qtbot, settings, model):
    from app.main_window import MainWindow

    window = MainWindow(model, settings)
    window.resize(1280, 800)
    with qtbot.waitExposed(window):
        window.show()
    return window


def close_and_delete(window) -> weakref.ref:
    ref = weakref.ref(window)
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    return ref


def test_a_closed_window_is_freed_even_while_its_model_lives_on(qtbot, settings):
    from app.model import ExplorerModel

    model = ExplorerModel()
    window = open_window(qtbot, settings, model)
    # Exercise what registers callbacks: a model notice, a tab switch (pending relayout),
    # the lecture's clicker keys, an edit.
    window.sigmoid_dock.raise_()
    window.model.set_logit(0, 1.5)
    window.lecture.next()
    ref = close_and_delete(window)
    del window
    gc.collect()
    assert ref() is None
    # The model outlived the window: its signals reach nothing dead.
    model.set_logit(1, -0.5)
    model.notice.emit("still fine")
    QApplication.processEvents()


def test_an_open_window_is_not_freed(qtbot, settings):
    from app.model import ExplorerModel

    window = open_window(qtbot, settings, ExplorerModel())
    qtbot.addWidget(window)
    ref = weakref.ref(window)
    del window
    gc.collect()
    assert ref() is not None and ref().isVisible()
