"""Undo and redo: a lecturer's slip is one keystroke away from repaired."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QSlider


def test_undo_and_redo_restore_states_and_emit_once(model, qtbot):
    before = model.state
    model.update(temperature=2.0)
    model.update(units="bits")  # a different setting: a separate step
    emitted = []
    model.changed.connect(lambda: emitted.append(model.state.temperature))

    assert model.undo()
    assert model.state.units == "nats" and model.state.temperature == 2.0
    assert model.undo()
    assert model.state.same_as(before)
    assert emitted == [2.0, 1.0]
    assert not model.undo()  # nothing left: no emission either
    assert len(emitted) == 2

    assert model.redo() and model.state.temperature == 2.0
    assert model.redo() and model.state.units == "bits"
    assert not model.redo()
    # The result is recomputed for the restored state, not left stale.
    q = np.exp(np.asarray(model.state.logits) / 2.0)
    np.testing.assert_allclose(model.result.q, q / q.sum())


def test_a_drag_is_one_undo_step(window, qtbot):
    model = window.model
    start = model.state.logits.copy()
    slider = window.findChild(QSlider, "logit_slider_1")
    for value in range(100, 400, 10):  # 30 quick slider moves, one gesture
        slider.setValue(value)
        model.flush()
    assert model.state.logits[1] == 3.9
    assert model.undo()
    np.testing.assert_array_equal(model.state.logits, start)


def test_a_new_change_clears_redo(model):
    model.update(temperature=3.0)
    model.undo()
    assert model.can_redo
    model.update(units="bits")
    assert not model.can_redo


def test_edit_menu_actions_follow_availability(window, qtbot):
    assert not window.undo_action.isEnabled()
    window.model.update(temperature=0.5)
    assert window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    window.undo_action.trigger()
    assert window.model.state.temperature == 1.0
    assert window.redo_action.isEnabled()
