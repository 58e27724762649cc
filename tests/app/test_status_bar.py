"""The status bar's message ends in "…" where the permanent summary begins, never cut
off mid-letter under it; the whole message stays in its tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFontMetrics
from PySide6.QtWidgets import QLabel, QStatusBar

from app.widgets.common import ElidingStatusBar


def shown_width(bar: QStatusBar) -> int:
    return QFontMetrics(bar.font()).horizontalAdvance(bar.currentMessage())


def test_a_scene_opened_from_the_menu_on_a_projector_ends_in_an_ellipsis(window, qtbot):
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    qtbot.keyClick(window, Qt.Key.Key_F5)  # projector mode: large type
    assert window.appearance.projector
    action = window.findChild(QAction, "scene_01-start-here")
    assert action is not None
    action.trigger()
    bar = window.statusBar()
    summary = window.findChild(QLabel, "status_summary")
    full = bar.full_message
    assert full.startswith("Opened scene:") and "Predict (H):" in full
    shown = bar.currentMessage()
    assert shown.endswith("…") and full.startswith(shown[:-1])
    assert shown_width(bar) <= summary.geometry().left()  # stops before the summary
    assert bar.toolTip() == full
    # Wider, the same message shows more of itself (the timeout still runs).
    window.resize(1900, 1000)
    qtbot.waitUntil(lambda: bar.currentMessage() == full)
    assert bar.toolTip() == ""
    assert shown_width(bar) <= summary.geometry().left()


def test_a_message_that_fits_is_shown_whole_and_a_timed_one_goes(qtbot):
    bar = ElidingStatusBar()
    qtbot.addWidget(bar)
    summary = QLabel("K = 4 · T = 1 · true class 0")
    bar.addPermanentWidget(summary)
    bar.resize(900, 30)
    bar.show()
    qtbot.waitExposed(bar)
    bar.showMessage("Saved", 200)
    assert bar.currentMessage() == "Saved" and bar.toolTip() == ""
    long_text = "Not applied: " + "a very long reason " * 20
    bar.showMessage(long_text, 300)
    assert bar.currentMessage().endswith("…") and bar.toolTip() == long_text
    bar.resize(800, 30)  # a resize re-shortens it, and keeps the time it had left
    assert bar.currentMessage().endswith("…")
    qtbot.waitUntil(lambda: bar.currentMessage() == "", timeout=2000)
    assert bar.full_message == "" and bar.toolTip() == ""
    bar.resize(900, 30)  # a message gone stays gone
    assert bar.currentMessage() == ""
