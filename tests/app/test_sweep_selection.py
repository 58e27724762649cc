"""The selected class (``sweep_class``), KL along the sweep and the log loss axis, and the
model operations the why-cross-entropy views use (select, surface classes, cancel).

Expected numbers come from scipy, never from ``core``.
"""

from __future__ import annotations

import numpy as np
import pytest
from gui_reference import (
    click_check_box,
    curve_xy,
    inputs_from_state,
    mouse_click,
    show_view,
)
from PySide6.QtCore import Qt
from scipy import special

from app.model import ExplorerModel, build_state
from app.plots import ProbabilityPlot, SweepPanel


def _kl_along_sweep(model: ExplorerModel, z: np.ndarray) -> np.ndarray:
    """KL(p‖softmax) with logit c replaced by each z: scipy's rel_entr, summed."""
    c = model.state.sweep_class
    inp = inputs_from_state(model.state)
    logits = np.repeat(inp.logits[None, :], z.size, axis=0)
    logits[:, c] = z
    q = special.softmax(logits / inp.temperature, axis=1)
    return special.rel_entr(inp.p[None, :], q).sum(axis=1)


def _choose_in_combo(qtbot, combo, index: int) -> None:
    """As a keyboard user: focus the box, move with the arrow keys, Enter."""
    combo.setFocus()
    steps = index - combo.currentIndex()
    key = Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up
    for _ in range(abs(steps)):
        qtbot.keyClick(combo, key)


def test_sweep_class_box_lists_the_classes_and_follows_the_true_class(qtbot, model):
    panel = show_view(qtbot, SweepPanel(model), 520, 640)
    box = panel.class_box
    assert box.objectName() == "sweep_class"
    assert [box.itemText(i) for i in range(box.count())] == list(model.state.class_names)
    assert box.currentIndex() == model.state.target_class == 0
    model.update(target_class=2)  # the selection follows the true class ...
    assert model.state.sweep_class == 2 and box.currentIndex() == 2
    model.update(class_names=("ant", "bee", "cow", "dog"))
    assert box.itemText(3) == "dog"


def test_choosing_a_class_by_keyboard_sweeps_its_logit(qtbot, model):
    panel = show_view(qtbot, SweepPanel(model), 520, 640)
    _choose_in_combo(qtbot, panel.class_box, 3)
    assert model.state.sweep_class == 3
    assert model.result.sweep_class == 3
    z, loss = curve_xy(panel.loss_plot.loss_curve)
    # The sweep at the current logit equals the readout (the loss is cross-entropy here).
    inp = inputs_from_state(model.state)
    at = int(np.argmin(np.abs(z - inp.logits[3])))
    logits = inp.logits.copy()
    logits[3] = z[at]
    want = -np.sum(inp.p * special.log_softmax(logits / inp.temperature))
    assert loss[at] == pytest.approx(want, rel=1e-12)
    assert panel.loss_plot.current_line.value() == inp.logits[3]
    # ... and once chosen, another true class no longer moves the selection.
    model.update(target_class=1)
    assert model.state.sweep_class == 3


def test_clicking_a_bar_selects_its_class(qtbot, model):
    plot = show_view(qtbot, ProbabilityPlot(model), 640, 420)
    mouse_click(qtbot, plot, 2.0, 0.05)
    assert (model.state.target_class, model.state.sweep_class) == (2, 2)
    # Soft labels: the click selects without touching p.
    model.set_target_mode("soft")
    p_before = model.state.soft_target.copy()
    mouse_click(qtbot, plot, 1.0, 0.05)
    assert model.state.sweep_class == 1
    np.testing.assert_array_equal(model.state.soft_target, p_before)


def test_kl_curve_equals_scipy_and_the_dot_is_the_readout(qtbot, model):
    panel = show_view(qtbot, SweepPanel(model), 520, 640)
    lp = panel.loss_plot
    for change in ({}, {"temperature": 1.6}, {"target_mode": "soft"}):
        model.update(**change)
        z, kl = curve_xy(lp.kl_curve)
        np.testing.assert_allclose(kl, _kl_along_sweep(model, z), rtol=1e-9, atol=1e-12)
        inp = inputs_from_state(model.state)
        want = special.rel_entr(inp.p, special.softmax(inp.logits / inp.temperature)).sum()
        assert curve_xy(lp.kl_dot)[1][0] == pytest.approx(want, rel=1e-9, abs=1e-12)


def test_log_scale_check_box_makes_the_loss_axis_logarithmic(qtbot, model):
    panel = show_view(qtbot, SweepPanel(model), 520, 640)
    lp = panel.loss_plot
    axis = lp.getPlotItem().getAxis("left")
    assert not axis.logMode
    click_check_box(qtbot, panel.log_box)
    assert lp.log_scale and axis.logMode
    lo, hi = lp.y_range("left")
    assert lo == int(lo) and hi == int(hi) and hi - lo <= 8  # whole decades, at most eight
    # pyqtgraph shows log10 of the same numbers.
    z, log_loss = curve_xy(lp.loss_curve)
    inp = inputs_from_state(model.state)
    logits = np.repeat(inp.logits[None, :], z.size, axis=0)
    logits[:, 0] = z
    want = -special.log_softmax(logits, axis=1)[:, 0]
    np.testing.assert_allclose(10**log_loss, want, rtol=1e-9)
    assert lo <= np.log10(want.min()) and np.log10(want.max()) <= hi
    # The current point's marker stands on the curve: at log10 of the loss, too.
    z_c = inp.logits[0]  # the plot sweeps the logit itself
    loss_now = -special.log_softmax(inp.logits / inp.temperature)[0]
    (dot_x,), (dot_y,) = curve_xy(lp.loss_dot)
    assert dot_x == pytest.approx(z_c) and dot_y == pytest.approx(np.log10(loss_now), rel=1e-12)
    assert (lp.loss_dot.pos().x(), lp.loss_dot.pos().y()) == (dot_x, dot_y)
    click_check_box(qtbot, panel.log_box)
    (_,), (dot_y,) = curve_xy(lp.loss_dot)
    assert dot_y == pytest.approx(loss_now, rel=1e-12)
    assert not axis.logMode and lp.y_range("left")[0] == 0.0


def test_binary_problem_has_nothing_to_choose(qtbot, model):
    panel = show_view(qtbot, SweepPanel(model), 520, 640)
    model.set_problem_type("binary")
    assert not panel.class_box.isEnabled()
    assert panel.class_box.count() == 1 and model.state.sweep_class == 0


# -- the model's rules ---------------------------------------------------------------------


def test_selection_follows_the_true_class_only_while_it_is_the_true_class():
    state = build_state(build_state(ExplorerModel().state, {}), {"target_class": 2})
    assert state.sweep_class == 2
    chosen = build_state(state, {"sweep_class": 1})
    assert build_state(chosen, {"target_class": 3}).sweep_class == 1


def test_fewer_classes_keep_the_selections_in_range(model):
    model.update(sweep_class=3, surface_x_class=3, surface_y_class=2)
    model.update(num_classes=2)
    s = model.state
    assert s.sweep_class == 1 and {s.surface_x_class, s.surface_y_class} == {0, 1}


def test_surface_classes_swap_when_one_takes_the_others_place(model):
    assert (model.state.surface_x_class, model.state.surface_y_class) == (0, 1)
    model.set_surface_classes(x=1)
    assert (model.state.surface_x_class, model.state.surface_y_class) == (1, 0)
    model.set_surface_classes(y=3)
    assert (model.state.surface_x_class, model.state.surface_y_class) == (1, 3)
    with pytest.raises(ValueError, match="different"):
        model.update(surface_x_class=2, surface_y_class=2)


def test_learning_rate_is_validated(model):
    model.update(learning_rate=0.25)
    assert model.state.learning_rate == 0.25
    for bad in (0.0, -1.0, float("nan"), 1e9):
        assert not model.try_update(learning_rate=bad)
    assert model.state.learning_rate == 0.25


def test_cancel_returns_to_the_start_of_a_gesture_without_an_undo_step(model):
    start = model.state.logits.copy()
    undo_depth = len(model._undo)
    model.preview(logits=[0.0, 0.0, 0.0, 0.0])
    model.preview(logits=[1.0, 0.0, 0.0, 0.0])
    assert model.cancel()
    np.testing.assert_array_equal(model.state.logits, start)
    assert len(model._undo) == undo_depth and not model.in_gesture
    assert not model.cancel()  # nothing to cancel
    # The other side: a committed gesture is one undo step.
    model.preview(logits=[1.0, 0.0, 0.0, 0.0])
    assert model.commit()
    assert len(model._undo) == undo_depth + 1


def test_set_logits_moves_several_logits_as_one_step(model):
    depth = len(model._undo)
    model.set_logits({0: -1.5, 2: 3.25})
    np.testing.assert_array_equal(model.state.logits, [-1.5, 1.0, 3.25, -1.0])
    assert len(model._undo) == depth + 1
    assert model.undo()
    np.testing.assert_array_equal(model.state.logits, [2.0, 1.0, 0.1, -1.0])


def test_surface_is_computed_once_while_only_its_own_logits_move(model):
    first = model.surface()
    assert first is model.surface()
    model.set_logits({0: -3.0, 1: 2.0})  # the two surface logits: same surface
    assert model.surface() is first
    model.set_logit(2, 0.7)  # another logit shifts the surface
    assert model.surface() is not first
    model.set_problem_type("binary")
    assert model.surface() is None


def test_choosing_what_to_show_during_a_gesture_neither_ends_nor_joins_it(model):
    start = model.state.logits.copy()
    depth = len(model._undo)
    model.preview(logits=[0.0, 0.0, 0.0, 0.0])  # an animation in progress
    model.update(units="bits", sweep_class=2)
    assert model.in_gesture and len(model._undo) == depth
    assert model.cancel()  # back to the start, the choice kept
    np.testing.assert_array_equal(model.state.logits, start)
    assert (model.state.units, model.state.sweep_class) == ("bits", 2)
    # The other side: a change to the example itself ends the gesture first.
    model.preview(logits=[0.0, 0.0, 0.0, 0.0])
    model.update(temperature=2.0)
    assert not model.in_gesture and len(model._undo) == depth + 2
