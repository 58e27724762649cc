"""Lecture mode: the clicker's keys from any widget (not while typing), scene steps, reset,
predict-then-reveal, nudging and zoom. Driven with real key presses, sent to the window
as the platform sends them (Qt then hands them to the focused widget)."""

from __future__ import annotations

import numpy as np
import pytest
from gui_reference import type_into
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox

from app.scenes import builtin_scenes, load_scene


def _press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Focus ``widget``, then press ``key`` as the keyboard does: through the window."""
    widget.setFocus()
    assert widget.window().focusWidget() is widget
    QTest.keyClick(widget.window().windowHandle(), key, modifier)


def _type(widget, text: str) -> None:
    for char in text:
        QTest.keyClick(widget.window().windowHandle(), char)


def _stems() -> list[str]:
    return list(builtin_scenes())


def test_scene_list_numbers_every_scene_in_order(window):
    rows = [window.scene_list.item(i).text() for i in range(window.scene_list.count())]
    assert len(rows) == len(_stems()) >= 16
    for i, (row, path) in enumerate(zip(rows, builtin_scenes().values(), strict=True)):
        assert row.startswith(f"{i + 1}. {load_scene(path).title}")


def test_page_down_from_a_focused_slider_goes_to_the_next_scene(qtbot, window):
    window.lecture.goto(0)
    slider = window.class_table.rows[0].slider
    _press(qtbot, slider, Qt.Key.Key_PageDown)
    lecture = window.lecture
    assert (lecture.index, lecture.step) in {(1, 0), (0, 1)}
    assert window.scene_list.currentRow() == lecture.index
    # The slider did not move a logit: the state is exactly the scene's (or its step's).
    scene = lecture.scene(lecture.index)
    want = scene.state if lecture.step == 0 else scene.steps[0].state
    assert window.model.state.same_as(want)


def test_page_up_and_down_from_a_combo_box_and_number_keys(qtbot, window):
    combo = window.findChild(QComboBox, "problem_type")
    window.lecture.goto(2)
    _press(qtbot, combo, Qt.Key.Key_PageUp)
    assert window.lecture.index == 1  # the combo box did not take PageUp
    assert window.model.state.same_as(window.lecture.scene(1).state)
    _press(qtbot, combo, Qt.Key.Key_4)
    assert (window.lecture.index, window.lecture.step) == (3, 0)
    assert window.model.state.same_as(window.lecture.scene(3).state)


def test_keys_go_to_a_text_field_being_edited(qtbot, window):
    window.lecture.goto(0)
    spin = window.findChild(type(window.class_table.rows[0].spin), "logit_spin_1")
    spin.setFocus()
    spin.lineEdit().selectAll()
    _type(spin, "3")
    assert spin.lineEdit().text() == "3"  # a digit types, it does not open scene 3
    _press(qtbot, spin, Qt.Key.Key_PageDown)
    assert spin.lineEdit().text() != "3"  # the box took PageDown (its own page step)
    _press(qtbot, spin, Qt.Key.Key_R)
    _press(qtbot, spin, Qt.Key.Key_H)
    assert (window.lecture.index, window.lecture.step) == (0, 0)  # no scene change, no reset
    assert not window.numbers_hidden


def test_reset_restores_the_preset_exactly_after_edits(qtbot, window):
    window.lecture.goto(4)
    preset = window.lecture.scene(4).state
    type_into(qtbot, window.findChild(type(window.class_table.rows[0].spin), "logit_spin_0"), "7")
    window.model.update(temperature=2.5)
    assert not window.model.state.same_as(preset)
    _press(qtbot, window.class_table.rows[0].slider, Qt.Key.Key_R)
    assert window.model.state.same_as(preset)
    window.model.update(temperature=0.5)
    _press(qtbot, window.class_table.rows[0].slider, Qt.Key.Key_Home)
    assert window.model.state.same_as(preset)


def test_steps_advance_within_a_scene_then_to_the_next(qtbot, window):
    with_steps = [i for i in range(len(window.lecture)) if window.lecture.steps_of(i)]
    if not with_steps:
        pytest.skip("no shipped scene has steps yet")
    i = with_steps[0]
    window.lecture.goto(i)
    scene = window.lecture.scene(i)
    slider = window.class_table.rows[0].slider
    for k, step in enumerate(scene.steps, start=1):
        _press(qtbot, slider, Qt.Key.Key_PageDown)
        assert (window.lecture.index, window.lecture.step) == (i, k)
        assert window.model.state.same_as(step.state)
        assert f"{k}" in window.scene_list.item(i).text()
    _press(qtbot, slider, Qt.Key.Key_PageDown)
    assert (window.lecture.index, window.lecture.step) == (i + 1, 0)
    _press(qtbot, slider, Qt.Key.Key_PageUp)
    assert (window.lecture.index, window.lecture.step) == (i, 0)


def test_h_hides_every_answer_and_enter_reveals(qtbot, window):
    window.lecture.goto(0)
    slider = window.class_table.rows[0].slider
    _press(qtbot, slider, Qt.Key.Key_H)
    assert window.numbers_hidden and window.reveal_toggle.isChecked()
    for cover in window.reveal_covers:
        target = cover.parentWidget()
        assert cover.isVisibleTo(target) and cover.geometry() == target.rect()
    assert all(row.q.text() == "?" for row in window.class_table.rows[:4])
    # A change while hidden stays hidden (the room guesses what it will do).
    window.model.set_logit(0, -2.0)
    assert window.class_table.rows[0].q.text() == "?"
    _press(qtbot, slider, Qt.Key.Key_Return)
    assert not window.numbers_hidden
    assert not any(c.isVisibleTo(c.parentWidget()) for c in window.reveal_covers)
    assert window.class_table.rows[0].q.text() != "?"
    # Enter does nothing special when nothing is hidden.
    _press(qtbot, slider, Qt.Key.Key_Return)
    assert not window.numbers_hidden


def test_alt_arrows_nudge_the_selected_logit(qtbot, window):
    window.lecture.goto(0)
    c = window.model.state.sweep_class
    z0 = float(window.model.state.logits[c])
    slider = window.class_table.rows[0].slider
    _press(qtbot, slider, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.model.state.logits[c] == pytest.approx(z0 + 0.1)
    mods = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    _press(qtbot, slider, Qt.Key.Key_Down, mods)
    assert window.model.state.logits[c] == pytest.approx(z0 + 0.1 - 1.0)
    assert window.lecture.index == 0  # not a clicker key


def test_zoom_keys_scale_the_interface_and_reset(qtbot, window):
    base = QApplication.font().pointSizeF()
    window.window_actions.actions["zoom_in"].trigger()
    assert window.appearance.ui_scale > 1 and QApplication.font().pointSizeF() > base
    window.window_actions.actions["zoom_reset"].trigger()
    assert window.appearance.ui_scale == 1 and QApplication.font().pointSizeF() == base
    window.window_actions.actions["zoom_out"].trigger()
    assert window.appearance.ui_scale < 1
    window.window_actions.actions["zoom_reset"].trigger()


def test_clicking_a_scene_in_the_list_opens_it(qtbot, window):
    item = window.scene_list.item(5)
    rect = window.scene_list.visualItemRect(item)
    window.scene_list.scrollToItem(item)
    rect = window.scene_list.visualItemRect(item)
    qtbot.mouseClick(window.scene_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.lecture.index == 5
    assert window.model.state.same_as(window.lecture.scene(5).state)
    np.testing.assert_array_equal(window.model.state.logits, window.lecture.scene(5).state.logits)


def test_a_scenes_predict_question_is_shown_while_the_answer_is_hidden(qtbot, window):
    asking = [
        i for i in range(len(window.lecture)) if getattr(window.lecture.scene(i), "predict", "")
    ]
    if not asking:
        pytest.skip("no shipped scene asks a question yet")
    i = asking[0]
    window.lecture.goto(i)
    question = window.lecture.scene(i).predict
    _press(qtbot, window.class_table.rows[0].slider, Qt.Key.Key_H)
    for cover in window.reveal_covers:
        assert question in cover.label.text()
    _press(qtbot, window.class_table.rows[0].slider, Qt.Key.Key_Enter)
    assert not window.numbers_hidden


def test_space_plays_and_pauses_the_race_unless_a_button_or_a_box_has_the_focus(qtbot, window):
    from PySide6.QtWidgets import QCheckBox

    race = window.race
    slider = window.class_table.rows[0].slider
    _press(qtbot, slider, Qt.Key.Key_Space)
    assert race.running
    _press(qtbot, slider, Qt.Key.Key_Space)
    assert not race.running
    # A focused check box ticks with Space, as everywhere else; the race stays put.
    box = window.findChild(QCheckBox, "auto_normalise")
    box.setEnabled(True)
    before = box.isChecked()
    _press(qtbot, box, Qt.Key.Key_Space)
    assert box.isChecked() != before
    assert not race.running
    # A class name being typed keeps its spaces.
    name = window.findChild(type(window.class_table.rows[0].name), "class_name_0")
    name.setFocus()
    name.selectAll()
    _type(name, "a b")
    assert name.text() == "a b"
    assert not race.running
