"""The window fits at every size, in both languages and both modes; the wheel, the sliders,
the arrangement and the first launch behave as a person expects."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from gui_reference import drag_slider
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSlider,
    QSpinBox,
    QToolBar,
    QWidget,
)

from app.main_window import MainWindow
from app.model import ExplorerModel
from app.widgets.common import NumberText

ROOT = Path(__file__).resolve().parents[2]


def open_window(qtbot, settings, size, projector=False, language="en", scene="start-here"):
    w = MainWindow(ExplorerModel(), settings, language=language)
    qtbot.addWidget(w)
    w.load_builtin_scene(scene)
    if projector:
        w.set_projector_mode(True)
    w.resize(*size)
    with qtbot.waitExposed(w):
        w.show()
    w.reset_layout()
    for _ in range(5):
        qtbot.wait(10)
    return w


def on_screen(widget: QWidget, window: QWidget) -> bool:
    """Shown in the window: visible, and not a dock tab moved out of sight behind another."""
    if not widget.isVisible():
        return False
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return window.rect().intersects(rect)


def scroll_area_of(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def clipped_texts(window: QWidget) -> list[str]:
    """Every visible label or button whose text does not fit the room it was given."""
    problems = []
    for label in window.findChildren(QLabel):
        if not label.isVisibleTo(window) or not label.text():
            continue
        if label.wordWrap():
            if label.heightForWidth(label.width()) > label.height() + 1:
                problems.append(f"wrapped text cut: {label.objectName()} {label.text()[:40]!r}")
        elif label.minimumSizeHint().width() > label.width() + 1:
            problems.append(f"text cut: {label.objectName()} {label.text()[:40]!r}")
    for value in window.findChildren(NumberText):
        if value.isVisibleTo(window) and value.text():
            if value.heightForWidth(value.width()) > value.height() + 1:
                problems.append(f"number cut: {value.parent().objectName()} {value.text()!r}")
            elif value.minimumSizeHint().width() > value.width() + 1:
                problems.append(f"number cut: {value.parent().objectName()} {value.text()!r}")
    for edit in window.findChildren(QLineEdit):
        if (
            edit.isVisibleTo(window)
            and edit.text()
            and not isinstance(edit.parentWidget(), QAbstractSpinBox)
        ):
            if edit.fontMetrics().horizontalAdvance(edit.text()) + 8 > edit.width():
                problems.append(f"name cut: {edit.objectName()} {edit.text()!r}")
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and button.text():
            if button.minimumSizeHint().width() > button.width() + 1:
                problems.append(f"button cut: {button.text()!r}")
    # Nothing reaches past the edge of what shows it: the window, or a scroll area that
    # does not scroll sideways.
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window) or w.width() <= 0 or isinstance(w, QScrollArea):
            continue
        if w.objectName().startswith("qt_"):  # Qt's own parts (scroll bar containers)
            continue
        area = scroll_area_of(w)
        if area is not None and area.horizontalScrollBarPolicy() != (
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        ):
            if area.horizontalScrollBar().isVisible():
                problems.append(f"{area.objectName() or 'a panel'} scrolls sideways")
            continue
        frame = area.viewport() if area is not None else window
        if area is not None and not area.viewport().isAncestorOf(w):
            continue
        right = w.mapTo(frame, QPoint(w.width() - 1, 0)).x()
        if right > frame.width() + 1 and w.objectName():
            problems.append(f"{w.objectName()} reaches past the edge by {right - frame.width()}")
    return sorted(set(problems))


SIZES = [(1024, 768), (1280, 800), (1920, 1080)]


@pytest.mark.parametrize("projector", [False, True], ids=["normal", "projector"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_nothing_is_clipped_in_english(qtbot, settings, size, projector):
    w = open_window(qtbot, settings, size, projector)
    assert clipped_texts(w) == []


@pytest.mark.parametrize("projector", [False, True], ids=["normal", "projector"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_nothing_is_clipped_in_chinese(qtbot, settings, chinese, size, projector):
    w = open_window(qtbot, settings, size, projector, language="zh_CN")
    assert clipped_texts(w) == []


def test_the_check_finds_a_clipped_label(qtbot, settings):
    # The check itself must be able to fail: squeeze a label below its text.
    w = open_window(qtbot, settings, (1280, 800))
    label = w.findChild(QLabel, "status_summary")
    label.setMaximumWidth(40)
    qtbot.wait(20)
    assert any("status_summary" in p or "text cut" in p for p in clipped_texts(w))


def test_projector_at_1024_shows_classes_plots_and_readouts_at_once(qtbot, settings):
    w = open_window(qtbot, settings, (1024, 768), projector=True)
    assert w.arrangement == "compact"
    window_rect = w.rect()
    for name in ("class_table", "probability_plot", "information_plot", "readout_entropy"):
        widget = w.findChild(QWidget, name)
        assert on_screen(widget, w), f"{name} is hidden (behind a tab?)"
        assert widget.width() >= 100 and widget.height() >= 20, name
        assert window_rect.contains(widget.mapTo(w, QPoint(0, 0))), name
    for plot in ("probability_plot", "information_plot"):
        assert w.findChild(QWidget, plot).height() >= 150, plot
    # The options are one key (F6) away, behind the classes.
    assert not on_screen(w.options_panel, w)
    w.window_actions.actions["options"].trigger()
    qtbot.wait(10)
    assert on_screen(w.options_panel, w) and not on_screen(w.class_table, w)
    w.window_actions.actions["options"].trigger()
    qtbot.wait(10)
    assert on_screen(w.class_table, w)


def test_the_arrangement_follows_the_width(qtbot, settings):
    w = open_window(qtbot, settings, (1280, 800))
    assert w.arrangement == "wide"
    w.resize(1100, 800)
    qtbot.waitUntil(lambda: w.arrangement == "compact", timeout=2000)
    w.resize(1220, 800)  # inside the margin: no flapping back
    qtbot.wait(300)
    assert w.arrangement == "compact"
    w.resize(1300, 800)
    qtbot.waitUntil(lambda: w.arrangement == "wide", timeout=2000)
    w.set_projector_mode(True)  # larger text needs the compact arrangement sooner
    assert w.arrangement == "compact"


def test_reset_layout_brings_every_panel_back(qtbot, settings):
    w = open_window(qtbot, settings, (1280, 800))
    w.sweep_dock.close()
    w.options_dock.setFloating(True)
    assert not w.sweep_dock.isVisible()
    w.window_actions.actions["reset_layout"].trigger()
    qtbot.wait(20)
    assert all(d.isVisible() and not d.isFloating() for d in w.docks)
    assert w.arrangement == "wide"


def test_a_layout_saved_in_a_narrow_window_is_not_reused_in_a_wide_one(qtbot, settings):
    narrow = open_window(qtbot, settings, (1024, 768))
    narrow.close()
    wide = MainWindow(ExplorerModel(), settings)
    qtbot.addWidget(wide)
    wide.resize(1920, 1080)
    wide.show()
    wide.reset_layout()
    qtbot.wait(30)
    assert wide.arrangement == "wide"
    assert wide.readout_dock.width() >= 340
    assert clipped_texts(wide) == []


def test_a_saved_layout_is_reused_at_the_same_size(qtbot, settings):
    first = open_window(qtbot, settings, (1280, 800))
    first.resizeDocks([first.class_dock], [500], Qt.Orientation.Horizontal)
    qtbot.wait(20)
    width = first.class_dock.width()
    first.close()
    again = MainWindow(ExplorerModel(), settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.wait(30)
    assert (again.width(), again.height()) == (1280, 800)
    assert abs(again.class_dock.width() - width) <= 2


# -- the wheel ---------------------------------------------------------------------------------


def wheel(widget: QWidget, steps: int = 1) -> bool:
    """Send a wheel event to ``widget``; True if the widget took it.

    A wheel event a widget does not take goes to its parent when it comes from the
    mouse (Qt propagates spontaneous wheel events); sent from a test it stops here.
    """
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_the_wheel_over_an_unfocused_box_scrolls_the_panel_instead(qtbot, settings):
    w = open_window(qtbot, settings, (1280, 800), scene="thirty-two-teams")
    spin = w.findChild(QDoubleSpinBox, "logit_spin_3")
    slider = w.findChild(QSlider, "logit_slider_3")
    count = w.findChild(QSpinBox, "class_count")
    before = w.model.state
    w.findChild(QWidget, "probability_plot").setFocus()
    for target in (spin, slider, count):
        assert not target.hasFocus()
        assert wheel(target, -1) is False  # not taken: Qt hands it to the panel
        assert not target.hasFocus()  # and the wheel did not give it focus
    assert w.model.state is before  # nothing changed
    # What the panel does with it: the scroll area behind the rows scrolls.
    bar = w.class_table.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    scrolled = bar.value()
    wheel(w.class_table.viewport(), -1)
    assert bar.value() > scrolled


def test_the_wheel_changes_a_box_that_has_focus(qtbot, settings):
    w = open_window(qtbot, settings, (1280, 800))
    spin = w.findChild(QDoubleSpinBox, "logit_spin_1")
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus, timeout=1000)
    wheel(spin, 1)
    assert w.model.state.logits[1] == pytest.approx(1.1)
    assert w.model.state.logits[1] == spin.value()


# -- sliders -----------------------------------------------------------------------------------


def test_sliders_give_about_five_hundredths_of_a_logit_per_pixel(qtbot, settings):
    w = open_window(qtbot, settings, (1280, 800))
    slider = w.findChild(QSlider, "logit_slider_0")
    logit_per_pixel = slider.steps_per_pixel() / 100  # 100 slider steps per logit
    assert logit_per_pixel <= 0.06


def test_shift_drag_moves_ten_times_more_finely(qtbot, settings):
    w = open_window(qtbot, settings, (1280, 800))
    slider = w.findChild(QSlider, "logit_slider_1")
    start = w.model.state.logits[1]
    drag_slider(qtbot, slider, [10, 20, 40], wait_ms=1)
    coarse = w.model.state.logits[1] - start
    w.model.update(logits=[2.0, start, 0.1, -1.0])
    drag_slider(qtbot, slider, [10, 20, 40], wait_ms=1, modifiers=Qt.KeyboardModifier.ShiftModifier)
    fine = w.model.state.logits[1] - start
    assert coarse > 0.5
    assert fine == pytest.approx(coarse / 10, abs=0.03)


# -- what the window shows ---------------------------------------------------------------------


def test_first_launch_opens_start_here_with_its_note(qtbot, settings):
    w = MainWindow(ExplorerModel(), settings)
    qtbot.addWidget(w)
    w.open_initial_scene()
    note = w.findChild(QLabel, "scene_note")
    assert "Start here" in note.text() and not note.isHidden()
    assert w.model.state.class_names[0] == "cat"


def test_a_later_launch_restores_the_session_with_its_note(qtbot, settings):
    first = MainWindow(ExplorerModel(), settings)
    qtbot.addWidget(first)
    first.load_builtin_scene("max-shift-overflow")
    first.model.update(temperature=2.0)
    first.close()
    again = MainWindow(ExplorerModel(), settings)
    qtbot.addWidget(again)
    again.open_initial_scene()
    assert again.model.state.temperature == 2.0
    assert again.model.state.logits.tolist()[:3] == [123.0, 456.0, 789.0]
    assert "123" in again.findChild(QLabel, "scene_note").text()


def test_opening_a_scene_clears_the_history_and_shows_the_first_class(qtbot, settings):
    w = open_window(qtbot, settings, (1280, 800), scene="thirty-two-teams")
    for z in (1.0, 2.0, 3.0):
        w.model.set_logit(0, z)
    assert len(w.model.history) > 1
    w.class_table.verticalScrollBar().setValue(w.class_table.verticalScrollBar().maximum())
    w.load_builtin_scene("thirty-two-teams")
    assert len(w.model.history) == 1
    assert w.class_table.verticalScrollBar().value() == 0
    history = w.information_panel.history_plot
    xs = np.asarray(history.entropy_curve.getData()[0])
    assert xs.size == 1


def test_distribution_buttons_are_never_folded_away(qtbot, settings):
    for size, projector in (((1024, 768), True), ((1280, 800), False)):
        w = open_window(qtbot, settings, size, projector)
        bar = w.findChild(QToolBar, "distribution_buttons")
        for action in bar.actions():
            assert bar.widgetForAction(action).isVisible(), action.iconText()
        w.close()


def test_check_boxes_and_combos_take_no_wheel_when_unfocused(qtbot, settings):
    w = open_window(qtbot, settings, (1280, 800))
    box = w.findChild(QCheckBox, "auto_normalise")
    assert box is not None
    combo = w.options_panel.units
    w.findChild(QWidget, "probability_plot").setFocus()
    wheel(combo, -1)
    assert w.model.state.units == "nats"


SCENES = sorted(p.stem.split("-", 1)[1] for p in (ROOT / "resources" / "scenes").glob("*.json"))


@pytest.mark.parametrize("scene", SCENES)
def test_every_scene_fits_a_projector_at_1024(qtbot, settings, scene):
    # Extreme values (q = 5.75×10⁻²⁹⁰, 32 classes, long names) must fit as well as the start.
    w = open_window(qtbot, settings, (1024, 768), projector=True, scene=scene)
    assert clipped_texts(w) == []
