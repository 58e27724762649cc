"""Undo and redo: a lecturer's slip is one keystroke away from repaired."""

from __future__ import annotations

import numpy as np
from gui_reference import drag_slider
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


def test_a_mouse_drag_of_a_slider_is_one_undo_step(window, qtbot, counter):
    model = window.model
    start = model.state.logits.copy()
    history = len(model.history)
    slider = window.findChild(QSlider, "logit_slider_1")
    changed = counter(model.changed)
    drag_slider(qtbot, slider, range(4, 60, 4), wait_ms=1)  # many small moves: one gesture
    assert model.state.logits[1] > start[1] + 0.5  # the logit followed the hand
    assert all(c[0].transient for c in changed.calls[:-1])  # the drag left no trace...
    assert len(model.history) == history + 1  # ...but one point when it ended
    assert model.undo()
    np.testing.assert_array_equal(model.state.logits, start)


def test_a_new_change_clears_redo(model):
    model.update(temperature=3.0)
    model.undo()
    assert model.can_redo
    model.update(units="bits")
    assert not model.can_redo


def test_edit_menu_actions_follow_availability(window, qtbot):
    undo = window.window_actions.actions["undo"]
    redo = window.window_actions.actions["redo"]
    assert not undo.isEnabled()
    window.model.update(temperature=0.5)
    assert undo.isEnabled() and not redo.isEnabled()
    undo.trigger()
    assert window.model.state.temperature == 1.0
    assert redo.isEnabled()
