"""The plots: bar heights, the stacked identity, dragging bars, clicking classes, history."""

from __future__ import annotations

import numpy as np
import pytest
from gui_reference import (
    LN2,
    READOUTS,
    assert_readouts_match,
    assert_readouts_match_state,
    child,
    choose,
    cross_entropy_nats,
    entropy_nats,
    expected_readouts,
    kl_nats,
    log_q_of,
    q_of,
    shown_inputs,
    type_into,
)
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QSlider, QSpinBox, QWidget
from scipy import special


def plot(window, name):
    return child(window, QWidget, name)


def heights(bar) -> np.ndarray:
    return np.asarray(bar.opts["height"], dtype=np.float64)


def bar_x(bar) -> np.ndarray:
    return np.asarray(bar.opts["x"], dtype=np.float64)


def y0(bar) -> np.ndarray:
    v = bar.opts.get("y0")
    return np.zeros(1) if v is None else np.asarray(v, dtype=np.float64)


def spin(window, name):
    return child(window, QDoubleSpinBox, name)


def set_soft(window):
    choose(child(window, QComboBox, "target_mode"), "soft")
    assert window.model.state.target_mode == "soft"


def viewport_pos(pw, x: float, y: float) -> QPoint:
    """Where the data point (x, y) of a PlotWidget lies on its viewport, in pixels."""
    vb = pw.getPlotItem().vb
    return pw.mapFromScene(vb.mapViewToScene(QPointF(x, y)))


def mouse_drag(qtbot, pw, x: float, y_from: float, y_to: float, steps: int = 8) -> None:
    """A real left-button drag on the viewport from (x, y_from) to (x, y_to), data coordinates."""
    vp = pw.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=viewport_pos(pw, x, y_from))
    for t in np.linspace(0.0, 1.0, steps + 1)[1:]:
        qtbot.mouseMove(vp, pos=viewport_pos(pw, x, y_from + (y_to - y_from) * t))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=viewport_pos(pw, x, y_to))


def pixel_in_y(pw) -> float:
    """The height of one pixel in data units (the tolerance of a real mouse drag)."""
    (_, _), (lo, hi) = pw.getPlotItem().vb.viewRange()
    return (hi - lo) / pw.getPlotItem().vb.height()


# -- probability_plot ------------------------------------------------------------------------


def assert_probability_bars(window):
    pw = plot(window, "probability_plot")
    inp = shown_inputs(window)
    q_h, p_h = heights(pw.q_bars), heights(pw.p_bars)
    assert q_h.shape == p_h.shape == (inp.k,)
    assert np.isfinite(q_h).all() and np.isfinite(p_h).all()
    np.testing.assert_allclose(q_h, q_of(inp), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(p_h, inp.p, rtol=1e-12)
    # q stands left of p in each class's slot.
    assert (bar_x(pw.q_bars) < np.arange(inp.k)).all()
    assert (bar_x(pw.p_bars) > np.arange(inp.k)).all()
    np.testing.assert_allclose(bar_x(pw.q_bars), [pw.bar_center(i, "q") for i in range(inp.k)])


def test_probability_plot_bars_are_q_and_p(window, qtbot):
    pw = plot(window, "probability_plot")
    assert pw.objectName() == "probability_plot"
    assert_probability_bars(window)
    np.testing.assert_array_equal(heights(pw.p_bars), [1.0, 0.0, 0.0, 0.0])
    type_into(qtbot, spin(window, "temperature_spin"), "2.5")
    assert_probability_bars(window)
    child(window, QSlider, "logit_slider_3").setValue(420)
    qtbot.waitUntil(lambda: window.model.state.logits[3] == 4.2, timeout=2000)
    assert_probability_bars(window)
    set_soft(window)
    type_into(qtbot, spin(window, "target_spin_0"), "0.4")
    type_into(qtbot, spin(window, "target_spin_2"), "0.6")
    assert_probability_bars(window)
    np.testing.assert_allclose(heights(pw.p_bars), [0.2, 0.1, 0.6, 0.1])
    child(window, QSpinBox, "class_count").setValue(7)
    assert_probability_bars(window)


def test_probability_plot_seed_logits_are_finite(window, qtbot):
    child(window, QSpinBox, "class_count").setValue(3)
    for i, v in enumerate(["123", "456", "789"]):
        type_into(qtbot, spin(window, f"logit_spin_{i}"), v)
    pw = plot(window, "probability_plot")
    assert_probability_bars(window)
    np.testing.assert_allclose(heights(pw.q_bars), [0.0, 0.0, 1.0], atol=1e-100)


def test_drag_q_bar_helper_sets_q(window, qtbot, counter):
    pw = plot(window, "probability_plot")
    model = window.model
    type_into(qtbot, spin(window, "temperature_spin"), "2")
    changed = counter(model.changed)
    for y in (0.2, 0.3, 0.45, 0.5):  # one drag, many moves in one turn
        pw.drag_to(2, "q", y)
    assert changed.count == 0  # posted, not applied yet
    qtbot.waitUntil(lambda: changed.count == 1, timeout=2000)
    qtbot.wait(20)
    assert changed.count == 1
    assert model.result.q[2] == pytest.approx(0.5, rel=1e-9)
    np.testing.assert_array_equal(model.state.logits[[0, 1, 3]], [2.0, 1.0, -1.0])
    # Independently: the new logits give q_2 = 0.5 at T = 2.
    assert special.softmax(np.asarray(model.state.logits) / 2.0)[2] == pytest.approx(0.5)
    assert heights(pw.q_bars)[2] == pytest.approx(0.5, rel=1e-9)
    assert spin(window, "logit_spin_2").value() == pytest.approx(model.state.logits[2], abs=5e-4)
    assert_readouts_match_state(window)  # the spin shows z_2 rounded to 3 decimals


def test_drag_q_bar_is_clipped(window, qtbot):
    pw = plot(window, "probability_plot")
    pw.drag_to(0, "q", 1.7)
    window.model.flush()
    assert 0.99 <= window.model.result.q[0] < 1.0
    pw.drag_to(0, "q", -0.5)
    window.model.flush()
    assert 0.0 < window.model.result.q[0] <= 0.01
    assert np.isfinite(window.model.state.logits).all()


def test_real_mouse_drag_of_a_q_bar(window, qtbot):
    pw = plot(window, "probability_plot")
    model = window.model
    history = len(model.history)
    x = pw.bar_center(1, "q")
    start = float(model.result.q[1])
    mouse_drag(qtbot, pw, x, start / 2, 0.6)
    qtbot.waitUntil(lambda: abs(model.result.q[1] - 0.6) < 0.01, timeout=2000)
    assert model.result.q[1] == pytest.approx(0.6, abs=2 * pixel_in_y(pw))
    np.testing.assert_array_equal(model.state.logits[[0, 2, 3]], [2.0, 0.1, -1.0])
    assert len(model.history) > history
    assert heights(pw.q_bars)[1] == pytest.approx(model.result.q[1])
    assert window.model.state.target_class == 0  # a drag is not a click


def test_real_mouse_drag_down_then_up(window, qtbot):
    pw = plot(window, "probability_plot")
    model = window.model
    x = pw.bar_center(0, "q")
    mouse_drag(qtbot, pw, x, model.result.q[0] / 2, 0.1)
    qtbot.waitUntil(lambda: abs(model.result.q[0] - 0.1) < 0.01, timeout=2000)
    mouse_drag(qtbot, pw, x, model.result.q[0] / 2, 0.8)
    qtbot.waitUntil(lambda: abs(model.result.q[0] - 0.8) < 0.01, timeout=2000)
    assert model.result.q[0] == pytest.approx(0.8, abs=2 * pixel_in_y(pw))


def test_click_class_selects_the_true_class(window, qtbot):
    pw = plot(window, "probability_plot")
    pw.click_class(2)
    assert window.model.state.target_class == 2
    assert child(window, QSpinBox, "target_class").value() == 2
    np.testing.assert_array_equal(heights(pw.p_bars), [0.0, 0.0, 1.0, 0.0])
    # A real click on class 3's slot (on its p side, above the bars).
    qtbot.mouseClick(
        pw.viewport(), Qt.MouseButton.LeftButton, pos=viewport_pos(pw, pw.bar_center(3, "p"), 0.5)
    )
    qtbot.waitUntil(lambda: window.model.state.target_class == 3, timeout=2000)
    assert child(window, QSpinBox, "target_class").value() == 3
    assert pw.true_band.isVisible()
    assert bar_x(pw.true_band)[0] == pytest.approx(3.0)
    assert_readouts_match(window)


def test_click_in_soft_mode_does_not_switch_mode(window, qtbot):
    set_soft(window)
    pw = plot(window, "probability_plot")
    pw.click_class(2)
    assert window.model.state.target_mode == "soft"
    np.testing.assert_allclose(window.model.state.soft_target, [0.7, 0.1, 0.1, 0.1])
    assert not pw.true_band.isVisible()


def test_drag_p_bar_in_soft_mode(window, qtbot):
    set_soft(window)
    pw = plot(window, "probability_plot")
    pw.drag_to(1, "p", 0.5)
    qtbot.waitUntil(lambda: window.model.state.soft_target[1] == 0.5, timeout=2000)
    # The others (0.7, 0.1, 0.1) share the remaining 0.5 in proportion.
    want = [0.7 / 0.9 * 0.5, 0.5, 0.1 / 0.9 * 0.5, 0.1 / 0.9 * 0.5]
    np.testing.assert_allclose(window.model.state.soft_target, want, rtol=1e-12)
    np.testing.assert_allclose(heights(pw.p_bars), want, rtol=1e-12)
    np.testing.assert_allclose(
        [spin(window, f"target_spin_{i}").value() for i in range(4)], want, atol=5e-5
    )


def test_drag_p_bar_in_index_mode_does_nothing(window, qtbot):
    pw = plot(window, "probability_plot")
    before = window.model.state
    pw.drag_to(1, "p", 0.5)
    qtbot.wait(20)
    window.model.flush()
    assert window.model.state is before


def test_real_mouse_drag_of_a_p_bar_in_soft_mode(window, qtbot):
    set_soft(window)
    pw = plot(window, "probability_plot")
    mouse_drag(qtbot, pw, pw.bar_center(0, "p"), 0.6, 0.3)
    qtbot.waitUntil(lambda: abs(window.model.state.soft_target[0] - 0.3) < 0.01, timeout=2000)
    p = window.model.state.soft_target
    assert p[0] == pytest.approx(0.3, abs=2 * pixel_in_y(pw))
    assert p.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(p[1:], (1 - p[0]) / 3, rtol=1e-9)
    assert_readouts_match_state(window)  # the spins round p to 4 decimals


# -- information_plot --------------------------------------------------------------------------


def assert_information_bars(window):
    ip = plot(window, "information_plot")
    inp = shown_inputs(window)
    log_q = log_q_of(inp)
    scale = 1 / LN2 if inp.units == "bits" else 1.0
    h = entropy_nats(inp.p) * scale
    ce = cross_entropy_nats(inp.p, log_q) * scale
    kl = kl_nats(inp.p, log_q) * scale
    mse = float(np.mean((q_of(inp) - inp.p) ** 2))
    assert heights(ip.entropy_bar)[0] == pytest.approx(h, rel=1e-9, abs=1e-12)
    assert y0(ip.entropy_bar)[0] == 0.0
    assert y0(ip.kl_bar)[0] == pytest.approx(h, rel=1e-9, abs=1e-12)
    assert heights(ip.kl_bar)[0] == pytest.approx(kl, rel=1e-9, abs=1e-12)
    assert heights(ip.cross_entropy_bar)[0] == pytest.approx(ce, rel=1e-9, abs=1e-12)
    # The stack reaches exactly the cross-entropy bar: H(p) + KL = H(p,q).
    top = y0(ip.kl_bar)[0] + heights(ip.kl_bar)[0]
    assert top == pytest.approx(heights(ip.cross_entropy_bar)[0], rel=1e-9, abs=1e-12)
    assert heights(ip.mse_bar)[0] == pytest.approx(mse, rel=1e-9, abs=1e-15)
    # The bars stand in the visible range.
    lo, hi = ip.left_range
    assert lo <= 0.0 and hi >= heights(ip.cross_entropy_bar)[0]


def test_information_plot_index_mode(window):
    assert plot(window, "information_plot").objectName() == "information_plot"
    assert_information_bars(window)


def test_information_plot_follows_changes_and_units(window, qtbot):
    set_soft(window)
    type_into(qtbot, spin(window, "target_spin_0"), "0.4")
    type_into(qtbot, spin(window, "target_spin_3"), "0.5")  # p = [0.25, 0.125, 0.125, 0.5]
    type_into(qtbot, spin(window, "logit_spin_3"), "-2.5")
    assert_information_bars(window)
    ip = plot(window, "information_plot")
    nats = heights(ip.cross_entropy_bar)[0]
    choose(child(window, QComboBox, "units"), "bits")
    assert_information_bars(window)
    assert heights(ip.cross_entropy_bar)[0] == pytest.approx(nats / LN2, rel=1e-12)
    type_into(qtbot, spin(window, "temperature_spin"), "0.3")
    assert_information_bars(window)


def test_information_plot_seed_logits(window, qtbot):
    child(window, QSpinBox, "class_count").setValue(3)
    for i, v in enumerate(["123", "456", "789"]):
        type_into(qtbot, spin(window, f"logit_spin_{i}"), v)
    assert_information_bars(window)
    ip = plot(window, "information_plot")
    assert heights(ip.cross_entropy_bar)[0] == pytest.approx(666.0)


def test_information_plot_unnormalised_p(window, qtbot):
    window.load_builtin_scene("unnormalised-soft-labels")
    assert window.model.state.soft_target.sum() == pytest.approx(0.8)
    assert_information_bars(window)


# -- history_plot ------------------------------------------------------------------------------


def curve_y(curve) -> np.ndarray:
    x, y = curve.getData()
    return np.asarray(y, dtype=np.float64) if y is not None else np.empty(0)


def test_history_curves_grow_and_hold_the_values(window, qtbot):
    hp = plot(window, "history_plot")
    curves = (hp.entropy_curve, hp.cross_entropy_curve, hp.kl_curve, hp.mse_curve)
    n0 = curve_y(hp.cross_entropy_curve).size
    slider = child(window, QSlider, "logit_slider_0")
    seen = []
    for v in (150, 100, 50, 0, -50):
        slider.setValue(v)
        qtbot.waitUntil(lambda v=v: window.model.state.logits[0] == v / 100, timeout=2000)
        seen.append(expected_readouts(shown_inputs(window)))
    for c in curves:
        assert curve_y(c).size == n0 + 5
    # The last five points are the five states just shown, in order.
    for name, c in zip(READOUTS[:4], curves, strict=True):
        np.testing.assert_allclose(curve_y(c)[-5:], [s[name] for s in seen], rtol=1e-9, atol=1e-15)
    x, _ = hp.cross_entropy_curve.getData()
    assert x[-1] == 0 and np.all(np.diff(x) > 0)


def test_history_in_bits(window, qtbot):
    hp = plot(window, "history_plot")
    child(window, QSpinBox, "target_class").setValue(1)
    choose(child(window, QComboBox, "units"), "bits")
    inp = shown_inputs(window)
    want = cross_entropy_nats(inp.p, log_q_of(inp)) / LN2
    assert curve_y(hp.cross_entropy_curve)[-1] == pytest.approx(want, rel=1e-9)
    # The MSE curve is unitless.
    assert curve_y(hp.mse_curve)[-1] == pytest.approx(np.mean((q_of(inp) - inp.p) ** 2))


def test_history_gets_one_point_per_coalesced_drag(window, qtbot):
    hp = plot(window, "history_plot")
    n0 = curve_y(hp.kl_curve).size
    slider = child(window, QSlider, "logit_slider_1")
    for v in range(100, 400, 5):
        slider.setValue(v)
    qtbot.waitUntil(lambda: curve_y(hp.kl_curve).size > n0, timeout=2000)
    qtbot.wait(30)
    assert curve_y(hp.kl_curve).size == n0 + 1
