"""Fixtures for the GUI tests: isolated settings and a ready main window."""

from __future__ import annotations

import atexit
import gc
import json
import os
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

# The independent reference formulas live next to the tests (gui_reference.py).
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _use_a_desktop_sized_virtual_screen() -> None:
    """Give the offscreen platform a 1920×1200 screen instead of its default 800×800.

    The window's minimum size (1000×640) does not fit on 800×800, so Qt would clamp
    every size the settings tests restore. Must run before the QApplication exists.
    """
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen" or QCoreApplication.instance():
        return
    screen = {"name": "test", "x": 0, "y": 0, "width": 1920, "height": 1200}
    screen.update(logicalDpi=96, logicalBaseDpi=96, dpr=1)
    fd, path = tempfile.mkstemp(prefix="logit-lab-screen-", suffix=".json")
    with os.fdopen(fd, "w") as f:
        json.dump({"screens": [screen]}, f)
    atexit.register(lambda: os.path.exists(path) and os.remove(path))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={path}"


_use_a_desktop_sized_virtual_screen()


_tests_since_collect = 0


@pytest.fixture(autouse=True)
def collect_garbage_at_safe_points():
    """Python's cycle collector runs only here, between tests, never inside Qt.

    PySide6 6.11 can deadlock when the cyclic garbage collector happens to run
    inside a Qt signal disconnect (which pyqtgraph does whenever an item is
    added) and destroys a QObject whose connection lock is the one held. So the
    automatic collector is off during the GUI tests, and the garbage of earlier
    tests is freed every few tests at this safe point (every test would cost
    minutes of collecting).
    """
    global _tests_since_collect
    if gc.isenabled():
        gc.disable()
    _tests_since_collect += 1
    if _tests_since_collect >= 10:
        _tests_since_collect = 0
        gc.collect()
    yield


@pytest.fixture(autouse=True)
def unscaled_application_font():
    """Each test starts with the interface font as it was before any projector window.

    A MainWindow in projector mode scales the application font (that is its job);
    a test that leaves such a window behind must not hand its font to the next.
    """
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    saved = app.property("logit_lab_unscaled_font") if app is not None else None
    if isinstance(saved, QFont):
        QApplication.setFont(saved)
    yield


MODAL_PATIENCE_S = 10


@pytest.fixture(autouse=True)
def no_forgotten_modal_dialog():
    """A modal dialog nobody answers fails its test instead of hanging the whole run.

    A test that opens a dialog on purpose answers it within milliseconds. One that
    stays open for MODAL_PATIENCE_S seconds was forgotten (a new dialog in a flow an
    older test drives): it is rejected, so exec() returns, and the test fails.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    forgotten: list[str] = []
    seen: dict[int, int] = {}

    def check() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            seen.clear()
            return
        seconds = seen[id(modal)] = seen.get(id(modal), 0) + 1
        if seconds >= MODAL_PATIENCE_S:
            forgotten.append(f"{type(modal).__name__} {modal.windowTitle()!r}")
            seen.clear()
            if isinstance(modal, QDialog):
                modal.reject()
            else:
                modal.close()

    watchdog = QTimer(interval=1000)
    watchdog.timeout.connect(check)
    watchdog.start()
    yield
    watchdog.stop()
    watchdog.deleteLater()
    assert not forgotten, f"a modal dialog was left open and nobody answered it: {forgotten}"


@pytest.fixture
def settings(tmp_path):
    """A QSettings in a temporary .ini file: never the user's own settings."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    s = QSettings(str(tmp_path / "logit-lab.ini"), QSettings.Format.IniFormat)
    yield s
    s.sync()


@pytest.fixture
def model(qtbot):
    from app.model import ExplorerModel

    return ExplorerModel()


@pytest.fixture
def window(qtbot, settings):
    from app.main_window import MainWindow
    from app.model import ExplorerModel

    w = MainWindow(ExplorerModel(), settings)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    with qtbot.waitExposed(w):
        w.show()
    return w


class Counter:
    """Counts emissions of a signal (and remembers their arguments)."""

    def __init__(self, signal=None) -> None:
        self.calls: list[tuple] = []
        if signal is not None:
            signal.connect(self)

    def __call__(self, *args) -> None:
        self.calls.append(args)

    @property
    def count(self) -> int:
        return len(self.calls)


@pytest.fixture
def counter():
    """``counter(signal)`` connects a new Counter to ``signal``."""
    return Counter


@pytest.fixture
def chinese(qapp):
    """The Chinese interface for the whole test (the app's own .qm), removed afterwards."""
    from gui_reference import chinese_interface

    with chinese_interface() as translator:
        yield translator
